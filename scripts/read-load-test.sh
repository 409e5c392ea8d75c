#!/usr/bin/env bash
# The read load test: 5,000 hits stored, then 500 concurrent GETs each of /api/status, /api/dashboard and a topic
# feed through `ingest host` and the published worker; prints every page's answers and waits and the worker's peak
# memory (see docs/benchmarks.md). Fails when a request is not answered 200 or 503, or the worker passes 500 MB.
# Extra arguments go to the load test: --reads N --hits N (--app DIR to measure another build of the app).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh --no-browser
scripts/publish.sh .publish/functions
dotnet build functions/Ingest.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet run --project bench/Ingest.LoadTest -c Release -- --app .publish/functions --reads 500 --hits 5000 "$@"
