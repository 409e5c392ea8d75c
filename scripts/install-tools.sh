#!/usr/bin/env bash
# Installs what running and testing Ingest needs beyond the .NET SDK and Node:
# the npm tools pinned in package-lock.json (Azurite, maildev), Debian's Chromium for the
# browser tests (Playwright drives it; it never downloads a browser of its own) and Debian's
# python3-feedparser, the independent parser the tests read Ingest's Atom feeds with. Safe to run
# again: it reinstalls only what is missing or whose lock file changed.
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

if [ "${1:-}" != "--no-browser" ] && ! command -v chromium >/dev/null; then
  echo "install-tools: installing Debian's chromium for the browser tests"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ "${1:-}" != "--no-browser" ] && ! /usr/bin/python3 -c 'import feedparser' 2>/dev/null; then
  echo "install-tools: installing Debian's python3-feedparser for the feed tests"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-feedparser >/dev/null
fi
