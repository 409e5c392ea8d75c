#!/usr/bin/env bash
# Runs Ingest on its local defaults (local.settings.sample.json, or your local.settings.json):
# Azurite on its usual ports (data in .data/azurite), maildev as the SMTP server (mail readable at
# http://localhost:1080), the offline sample feeds and the live sample desk on 127.0.0.1:7080, and
# `ingest host` running the Functions app: timers poll the feeds, queue functions store articles and hits,
# and http://localhost:7071/api/status shows them. Ctrl+C (or SIGTERM) stops everything it started.
# A port already in use is reused when the expected service answers there, and reported otherwise.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh --no-browser
# A Release build, as the service runs in Azure (the tests build Debug, in bin/Debug, so the two never mix).
dotnet build functions/Ingest.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build functions/Ingest.Functions -c Release --nologo -v quiet -clp:ErrorsOnly
app=functions/Ingest.Functions/bin/Release/net10.0
ingest() { dotnet functions/Ingest.Cli/bin/Release/net10.0/ingest.dll "$@"; }
# For the long-running ones started with &: exec, so the pid in $! is dotnet's own and a signal reaches it.
ingest_in_background() { exec dotnet functions/Ingest.Cli/bin/Release/net10.0/ingest.dll "$@"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# GET http://127.0.0.1:PORT/PATH with nothing but bash; prints the whole answer, empty when there is none in 5 s.
http_get() {
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3 && cat <&3' _ "$1" "$2" 2>/dev/null || true
}
taken() {
  echo "run: port $1 is in use, and not by $2." >&2
  echo "run: see what holds it with: ss -ltnp 'sport = :$1' (or lsof -i :$1); stop it and run ./run.sh again.${3:+ $3}" >&2
  exit 1
}

children=()
stop_children() {
  [ ${#children[@]} -eq 0 ] && return
  kill -TERM "${children[@]}" 2>/dev/null || true
  # ingest host ends its worker on SIGTERM; give everything a moment, then make sure.
  for _ in $(seq 1 50); do
    kill -0 "${children[@]}" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "${children[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p .data

# Storage: Azurite's blob, queue and table ports, reused when storage answers there.
if listening 10000 || listening 10001 || listening 10002; then
  if listening 10001 && listening 10002 && ingest status > /dev/null 2>&1; then
    echo "run: storage already answers on 10001/10002; using it"
  else
    taken "10000-10002" "Azurite (storage did not answer there)" "Or point AzureWebJobsStorage in local.settings.json at other storage."
  fi
else
  mkdir -p .data/azurite
  node node_modules/azurite/dist/src/azurite.js --silent --location .data/azurite \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 > .data/azurite.log 2>&1 &
  children+=($!)
  for _ in $(seq 1 150); do
    listening 10002 && listening 10001 && break
    kill -0 "${children[-1]}" 2>/dev/null || { echo "run: Azurite exited:" >&2; cat .data/azurite.log >&2; exit 1; }
    sleep 0.2
  done
  echo "run: Azurite is up (data in .data/azurite, log in .data/azurite.log)"
fi
ingest storage init

# Mail: maildev's SMTP (1025) and web (1080) ports, reused when maildev's API answers on 1080.
if listening 1025 || listening 1080; then
  if listening 1025 && http_get 1080 /email | head -1 | grep -q ' 200 '; then
    echo "run: maildev already runs; read mail at http://localhost:1080"
  else
    taken "1025/1080" "maildev" "Or set Smtp__Host/Smtp__Port in local.settings.json to your own SMTP server."
  fi
else
  node node_modules/maildev/bin/maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --silent > .data/maildev.log 2>&1 &
  children+=($!)
  echo "run: mail goes to maildev: read it at http://localhost:1080"
fi

# The sample feeds, reused when the live desk answers on 7080.
if listening 7080; then
  if http_get 7080 /live.xml | grep -q '<title>Sample: Live desk</title>'; then
    echo "run: the sample feeds are already served on 127.0.0.1:7080; using them"
  else
    taken 7080 "Ingest's sample feeds (ingest samples serve)"
  fi
else
  ingest_in_background samples serve --port 7080 &
  children+=($!)
fi

if listening 7071; then
  echo "run: port 7071, where the Functions app serves, is in use: another ./run.sh or 'ingest host' may still be running." >&2
  echo "run: see what holds it with: ss -ltnp 'sport = :7071' (or lsof -i :7071); stop it and run ./run.sh again." >&2
  exit 1
fi

echo "run: starting the Functions app; status at http://localhost:7071/api/status, dashboard at http://localhost:7071/api/dashboard (Ctrl+C stops)"
# In the background and waited for, so a SIGTERM (not only Ctrl+C) reaches the trap at once and ends everything.
ingest_in_background host --app "$app" &
children+=($!)
wait "${children[-1]}"
