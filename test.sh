#!/usr/bin/env bash
# Runs every Ingest test. Installs what it needs first; storage tests start their own Azurite.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh
dotnet build Ingest.sln --nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Ingest.sln --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects' own totals.
awk '$1 ~ /^(Passed|Failed|Skipped):$/ && NF == 2 { sum[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", sum["Passed:"], sum["Failed:"], sum["Skipped:"] }' "$log"
exit "$status"
