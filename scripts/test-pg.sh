#!/usr/bin/env bash
# Runs the test suite against the private PostgreSQL server of scripts/pg.sh.
# A server that was already running is left running; one started here is stopped at the end,
# whatever the tests' outcome. Arguments go to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG="$ROOT/scripts/pg.sh"
PYTEST="${PYTEST:-$ROOT/.venv/bin/pytest}"

if "$PG" status; then
    started_here=0
else
    started_here=1
fi
url="$("$PG" url)"
if [[ "$started_here" == 1 ]]; then
    trap '"$PG" stop' EXIT
fi

echo "pytest against $url"
cd "$ROOT"
DATABASE_URL="$url" "$PYTEST" "$@"
