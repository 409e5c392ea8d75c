#!/usr/bin/env bash
# Builds the deployment zip Azure runs: the self-contained isolated worker (scripts/publish.sh) zipped with
# the executable's run bit kept, host.json, worker.config.json and functions.metadata at the root, seeds/ beside them.
# Usage: scripts/package.sh [ZIP] (default publish/ingest.zip). Deploy it as docs/deployment.md shows.
set -euo pipefail
cd "$(dirname "$0")/.."
zip_path="$(realpath -m "${1:-publish/ingest.zip}")"
command -v zip >/dev/null || { echo "package: 'zip' is not on PATH (apt-get install zip)" >&2; exit 1; }

folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
scripts/publish.sh "$folder" >/dev/null
for required in Ingest.Functions host.json worker.config.json functions.metadata seeds/topics.json seeds/feeds.json; do
  [ -e "$folder/$required" ] || { echo "package: the publish folder has no $required" >&2; exit 1; }
done
chmod +x "$folder/Ingest.Functions"

mkdir -p "$(dirname "$zip_path")"
rm -f "$zip_path"
(cd "$folder" && zip -qr -X "$zip_path" .)
echo "package: $zip_path ($(du -h "$zip_path" | cut -f1))"
