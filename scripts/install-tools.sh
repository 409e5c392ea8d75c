#!/usr/bin/env bash
# Installs what running and testing Ingest needs beyond the .NET SDK and Node:
# the npm tools pinned in package-lock.json (Azurite, maildev). Safe to run again: it
# reinstalls only when the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "install-tools: '$tool' is not on PATH; Ingest needs the .NET 10 SDK and Node.js 20+." >&2; exit 1; }
done

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.ingest-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "install-tools: installing npm tools from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.ingest-lock-hash
fi
