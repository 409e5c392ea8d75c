#!/usr/bin/env bash
# Runs Ingest on its local defaults (local.settings.sample.json, or your local.settings.json):
# Azurite on its usual ports (data in .data/azurite), maildev as the SMTP server (mail readable at
# http://localhost:1080), the offline sample feeds on 127.0.0.1:7080, and
# `ingest host` running the Functions app: timers poll the feeds, queue functions store articles and hits,
# and http://localhost:7071/api/status shows them. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh --no-browser
dotnet build functions/Ingest.Cli --nologo -v quiet -clp:ErrorsOnly
dotnet build functions/Ingest.Functions --nologo -v quiet -clp:ErrorsOnly
ingest() { dotnet functions/Ingest.Cli/bin/Debug/net10.0/ingest.dll "$@"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
children=()
mkdir -p .data
trap 'kill "${children[@]}" 2>/dev/null || true; wait 2>/dev/null' EXIT
trap 'exit 130' INT TERM

if listening 10002 && listening 10001; then
  echo "run: storage is already listening on 10001/10002; using it"
else
  mkdir -p .data/azurite
  node node_modules/azurite/dist/src/azurite.js --silent --location .data/azurite \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 > .data/azurite.log 2>&1 &
  children+=($!)
  for _ in $(seq 1 150); do
    listening 10002 && listening 10001 && break
    kill -0 "${children[0]}" 2>/dev/null || { echo "run: Azurite exited:" >&2; cat .data/azurite.log >&2; exit 1; }
    sleep 0.2
  done
  echo "run: Azurite is up (data in .data/azurite, log in .data/azurite.log)"
fi

ingest storage init
if listening 1025; then
  echo "run: something already listens on 1025; using it as the SMTP server"
else
  node node_modules/maildev/bin/maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --silent > .data/maildev.log 2>&1 &
  children+=($!)
  echo "run: mail goes to maildev: read it at http://localhost:1080"
fi

if listening 7080; then
  echo "run: something already serves 127.0.0.1:7080; the sample feeds are expected there"
else
  ingest samples serve --port 7080 &
  children+=($!)
fi

echo "run: starting the Functions app; status at http://localhost:7071/api/status (Ctrl+C stops)"
# In the background and waited for, so a SIGTERM (not only Ctrl+C) reaches the trap at once and ends everything.
ingest host &
children+=($!)
wait "${children[-1]}"
