#!/usr/bin/env bash
# Runs every Ingest test. Installs what it needs first; storage tests start their own Azurite.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh
# Packages exactly as the lock files record them (after changing a package: dotnet restore Ingest.sln --force-evaluate).
dotnet restore Ingest.sln --locked-mode --nologo -v quiet
dotnet build Ingest.sln --no-restore --nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Every process the tests start (Azurite, maildev, ingest host, the handler, Chromium) inherits this marker, so
# whatever is still running when they end can be found: a leak fails the run (and is ended).
export INGEST_TEST_RUN="$(date +%s%N)-$$"
# It must succeed whatever it finds: under set -e and pipefail a last look that failed (the newest process is often
# this check's own `paste`, which carries the marker) would end the whole run.
started_by_tests() {
  for dir in /proc/[0-9]*; do
    grep -qxz "INGEST_TEST_RUN=$INGEST_TEST_RUN" "$dir/environ" 2>/dev/null || continue
    if grep -qaE '(node|dotnet|Ingest\.Functions|chrom)' "$dir/cmdline" 2>/dev/null; then
      echo "${dir#/proc/}"
    fi
  done
}

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

# The code keeps the layout and style .editorconfig gives it (a check, not a rewrite: 'dotnet format Ingest.sln' fixes it).
echo "--- dotnet format --verify-no-changes"
format_log=$(mktemp)
if ! dotnet format Ingest.sln --verify-no-changes --no-restore > "$format_log" 2>&1; then
  grep -v '^Warnings were encountered' "$format_log"
  echo "formatting differs from .editorconfig"
  status=1
fi
rm -f "$format_log"
set -e

# Build servers a publish started are the SDK's, not the tests'; ask them to go, then look for what is left.
dotnet build-server shutdown > /dev/null 2>&1 || true
left=""
for _ in $(seq 1 50); do
  left=$(started_by_tests | paste -sd, -)
  [ -z "$left" ] && break
  sleep 0.2
done
if [ -n "$left" ]; then
  echo "--- processes the tests started are still running (a leak; ending them):"
  ps -o pid=,args= -p "$left" 2>/dev/null | cut -c1-200 || true
  kill -9 ${left//,/ } 2>/dev/null || true
  status=1
fi

# One closing line for the whole run, summed over the test projects' own totals.
awk '$1 ~ /^(Passed|Failed|Skipped):$/ && NF == 2 { sum[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", sum["Passed:"], sum["Failed:"], sum["Skipped:"] }' "$log"
exit "$status"
