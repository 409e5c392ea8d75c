#!/usr/bin/env bash
# One poll cycle of 1,000 loopback feeds (50 ms latency, 10% changed) through `ingest host`, the published
# handler and Azurite; prints wall times and the handler's peak memory (see docs/benchmarks.md).
# Extra arguments go to the load test: --feeds N --items N --latency-ms N --changed-percent N.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
scripts/publish.sh .publish/functions
dotnet build functions/Ingest.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet run --project bench/Ingest.LoadTest -c Release -- --app .publish/functions "$@"
