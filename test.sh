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

# The topic model must keep its quality bar on the labelled development set (seeds/README.md).
echo "--- ingest topics eval (development set; bar: precision 0.9, recall 0.85 per topic)"
eval_log=$(mktemp)
dotnet functions/Ingest.Cli/bin/Debug/net10.0/ingest.dll topics eval \
  --labels tests/Ingest.Core.Tests/Fixtures/Topics/devset.jsonl --min-precision 0.9 --min-recall 0.85 > "$eval_log" 2>&1 || status=1
cat "$eval_log"
rm -f "$eval_log"
set -e

# One closing line for the whole run, summed over the test projects' own totals.
awk '$1 ~ /^(Passed|Failed|Skipped):$/ && NF == 2 { sum[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", sum["Passed:"], sum["Failed:"], sum["Skipped:"] }' "$log"
exit "$status"
