#!/usr/bin/env bash
# `make benchmark`: every benchmark, each writing benchmarks/results/<name>.json.
# The PostgreSQL figures use a throwaway server (scripts/pgserver.py). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "run 'make test' (or .tools/bin/uv sync --frozen) first" >&2; exit 1; }

.venv/bin/python benchmarks/demo_ready.py --repeat 3 --rerun
python3 scripts/pgserver.py run -- sh -c \
    '.venv/bin/python benchmarks/audit_overhead.py --rounds 9 --postgres-url "$DATABASE_URL"'
.venv/bin/python benchmarks/region_build.py --pgserver
.venv/bin/python benchmarks/person_search.py --pgserver
.venv/bin/python benchmarks/triage_queue.py --pgserver
.venv/bin/python benchmarks/deadlines.py --pgserver
.venv/bin/python benchmarks/cases.py --pgserver
.venv/bin/python benchmarks/screening.py --pgserver
