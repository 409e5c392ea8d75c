#!/usr/bin/env bash
# Publishes the Functions app as Azure runs it: the .NET isolated worker, self-contained linux-x64 and ReadyToRun,
# with host.json, worker.config.json, functions.metadata, .azurefunctions/ and the seeds. The folder is what
# `func start`, a zip deploy or `ingest host --app` use. A second argument publishes another worker project the same
# way (scripts/cold-start.sh: bench/Ingest.BareWorker).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-publish/functions}"
project="${2:-functions/Ingest.Functions}"
dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
  --nologo -v quiet -clp:ErrorsOnly -o "$out"
echo "publish: $out ($(du -sh "$out" | cut -f1)); zip it for a deploy: (cd $out && zip -qr ../functions.zip .)"
