#!/usr/bin/env bash
# Make sure Debian's chromium is installed for the browser tests (Playwright drives it through
# executable_path; we never run `playwright install`).
#   - root: installs it with apt-get (non-interactive).
#   - not root, or the install fails: CI=true -> exit 1; otherwise a warning and exit 0
#     (the browser tests then skip with a reason).
set -uo pipefail

CHROMIUM="${HUB_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

fail_or_warn() {
    if [ "${CI:-}" = "true" ]; then
        echo "ensure_chromium: ERROR: $1 (CI=true: browser tests must not be skipped)" >&2
        exit 1
    fi
    echo "ensure_chromium: WARNING: $1; the browser tests will be skipped." >&2
    exit 0
}

if [ "$(id -u)" -ne 0 ]; then
    fail_or_warn "$CHROMIUM is missing and we are not root (install it with: sudo apt-get install chromium)"
fi

echo "ensure_chromium: installing Debian's chromium package with apt-get..."
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    if [ -x "$CHROMIUM" ]; then
        echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
        exit 0
    fi
    fail_or_warn "apt-get installed chromium but $CHROMIUM is still missing"
fi
fail_or_warn "apt-get install chromium failed"
