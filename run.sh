#!/usr/bin/env bash
# Runs Ingest on its local defaults (local.settings.sample.json, or your local.settings.json):
# starts Azurite on its usual ports, keeping its data in .data/azurite, creates the tables and
# queues, and shows what `ingest status` sees. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh
dotnet build functions/Ingest.Cli --nologo -v quiet -clp:ErrorsOnly
ingest() { dotnet functions/Ingest.Cli/bin/Debug/net10.0/ingest.dll "$@"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 10002 && listening 10001; then
  echo "run: storage is already listening on 10001/10002; using it"
else
  mkdir -p .data/azurite
  node node_modules/azurite/dist/src/azurite.js --silent --location .data/azurite \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 > .data/azurite.log 2>&1 &
  azurite=$!
  trap 'kill "$azurite" 2>/dev/null || true' EXIT INT TERM
  for _ in $(seq 1 150); do
    listening 10002 && listening 10001 && break
    kill -0 "$azurite" 2>/dev/null || { echo "run: Azurite exited:" >&2; cat .data/azurite.log >&2; exit 1; }
    sleep 0.2
  done
  echo "run: Azurite is up (data in .data/azurite, log in .data/azurite.log)"
fi

ingest storage init
ingest status

if [ -n "${azurite:-}" ]; then
  echo "run: Ingest's storage is running; press Ctrl+C to stop."
  wait "$azurite"
fi
