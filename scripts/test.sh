#!/usr/bin/env bash
# Runs the whole test suite on a bare Debian machine with the .NET SDK: first installs what the tests
# need and is missing (each scripts/prerequisites/*.sh is idempotent), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

for prerequisite in scripts/prerequisites/*.sh; do
  [ -e "$prerequisite" ] || continue
  bash "$prerequisite"
done

results="$(pwd)/TestResults"
rm -rf "$results"

status=0
dotnet test VoipBin.Realtime.sln --results-directory "$results" --logger "trx;LogFileName=results.trx" "$@" \
  || status=$?

# One plain closing line with the counts, read from the run's own results file.
if counters=$(grep -o '<Counters [^>]*>' "$results"/results.trx 2>/dev/null); then
  passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<< "$counters")
  failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<< "$counters")
  echo "$passed passed, $failed failed"
fi

exit "$status"
