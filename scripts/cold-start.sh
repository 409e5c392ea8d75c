#!/usr/bin/env bash
# Cold start: starts `ingest host` on the published app RUNS times (default 3) against a private in-memory Azurite,
# and prints for each run how long until the worker process was started, connected, was ready and /api/health first
# answered 200, with the health invocation's own time from the host's log and the time from starting the worker to
# the first answer (see docs/benchmarks.md). Each run of the app is followed by one of bench/Ingest.BareWorker, a
# worker with nothing of Ingest in it, published the same way: the floor the stack itself sets on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scripts/install-tools.sh --no-browser
scripts/publish.sh .publish/functions
scripts/publish.sh .publish/bare-worker bench/Ingest.BareWorker
dotnet build functions/Ingest.Cli -c Release --nologo -v quiet -clp:ErrorsOnly

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
blob=$(free_port); queue=$(free_port); table=$(free_port)
node_modules/.bin/azurite --inMemoryPersistence --silent --skipApiVersionCheck \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" > "$work/azurite.log" 2>&1 &
azurite=$!
trap 'kill $azurite 2>/dev/null; rm -rf "$work"' EXIT
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
# No poll before the new year: only start-up is measured.
cat > "$work/local.settings.json" <<JSON
{"Values":{"FUNCTIONS_WORKER_RUNTIME":"dotnet-isolated","PublicBaseUrl":"http://localhost:7071/","SubscriptionSigningKey":"cold-start-signing-key-0123456789","AzureWebJobsStorage":"$storage","PollSchedule":"0 0 0 1 1 *","DigestSchedule":"0 5 * * * *"}}
JSON
for _ in $(seq 1 600); do (echo > "/dev/tcp/127.0.0.1/$table") 2>/dev/null && break; sleep 0.1; done
kill -0 $azurite 2>/dev/null || { echo "cold-start: Azurite did not start:"; cat "$work/azurite.log"; exit 1; }

# The host stamps its lines with the UTC time of day.
ms() { TZ=UTC date -d "$1" +%s%3N; }
measure() {
  local app=$1 run=$2 port log start host answered spawned connected ready invocation
  port=$(free_port)
  log="$work/host-$(basename "$app")-$run.log"
  start=$(date +%s%3N)
  dotnet functions/Ingest.Cli/bin/Release/net10.0/ingest.dll host --app "$app" --port "$port" --settings "$work/local.settings.json" > "$log" 2>&1 &
  host=$!
  for _ in $(seq 1 6000); do curl -sf -o /dev/null "http://localhost:$port/api/health" && break; sleep 0.01; done
  curl -sf -o /dev/null "http://localhost:$port/api/health" || { echo "cold-start: /api/health never answered:"; cat "$log"; exit 1; }
  answered=$(date +%s%3N)
  spawned=$(ms "$(grep -m1 -oP '^\[\K[\d:.]+(?=\] worker started)' "$log")")
  connected=$(ms "$(grep -m1 -oP '^\[\K[\d:.]+(?=\] worker \S+ connected)' "$log")")
  ready=$(ms "$(grep -m1 -oP '^\[\K[\d:.]+(?=\] worker ready)' "$log")")
  invocation=$(grep -m1 -oP 'Health \(http GET /api/health\) \K\d+' "$log" || echo "?")
  echo "$app, run $run: worker started after $((spawned - start)) ms, connected after $((connected - start)) ms, ready after $((ready - start)) ms, /api/health answered after $((answered - start)) ms (the health invocation itself $invocation ms); worker start to first answer $((answered - spawned)) ms"
  kill "$host"; wait "$host" 2>/dev/null || true
}

for run in $(seq 1 "$runs"); do
  measure .publish/functions "$run"
  measure .publish/bare-worker "$run"
done
