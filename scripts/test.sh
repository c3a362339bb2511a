#!/usr/bin/env bash
# Runs the whole test suite on a bare Debian machine with the .NET SDK: first installs what the tests
# need and is missing (each scripts/prerequisites/*.sh is idempotent), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

for prerequisite in scripts/prerequisites/*.sh; do
  [ -e "$prerequisite" ] || continue
  bash "$prerequisite"
done

dotnet test VoipBin.Realtime.sln --logger "console;verbosity=normal" "$@"
