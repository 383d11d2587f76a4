#!/usr/bin/env bash
# `make demo`: runtime dependencies, the database, the synthetic region, then the web server.
#   PORT=8000 by default.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
if [ ! -x .tools/bin/uv ]; then
    echo "demo: bootstrapping uv $UV_VERSION into .tools"
    python3 -m venv .tools
    .tools/bin/pip install -q "uv==$UV_VERSION"
fi
# Runtime dependencies only; --inexact keeps dev tools already in .venv (so `make test` still works).
.tools/bin/uv sync --frozen --no-dev --inexact

.venv/bin/hub migrate --noinput
.venv/bin/hub collectstatic --noinput -v0
.venv/bin/hub demo --if-missing   # builds the synthetic region once; prints the demo sign-ins
exec .venv/bin/hub serve --port "${PORT:-8000}"
