#!/usr/bin/env bash
# The one test command: starts a throwaway PostgreSQL, runs every test, stops PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

port=${LEADGRAINS_TEST_PG_PORT:-55432}
pgdir=$(mktemp -d /tmp/leadgrains-pg.XXXXXX)
trap 'scripts/pg-throwaway.sh stop "$pgdir"' EXIT
LEADGRAINS_TEST_PG=$(scripts/pg-throwaway.sh start "$pgdir" "$port")
export LEADGRAINS_TEST_PG
echo "throwaway PostgreSQL: $LEADGRAINS_TEST_PG"

dotnet build LeadGrains.sln -c Release -warnaserror
# One assembly at a time: the 2-core machine is shared by silos, PostgreSQL and the tests.
log=$(mktemp)
status=0
dotnet test LeadGrains.sln -c Release --no-build -m:1 \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies.
passed=$( (grep -E '^\s+Passed: [0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -E '^\s+Failed: [0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Total: $passed passed, $failed failed"
exit $status
