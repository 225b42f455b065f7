#!/bin/bash
# Stops the local Bluesky PDS started by start.sh, by the PID it recorded.
# Usage: stop.sh RUN_DIR
set -euo pipefail
RUN_DIR=${1:?usage: stop.sh RUN_DIR}
PID_FILE="$RUN_DIR/pds.pid"
[ -f "$PID_FILE" ] || { echo "stop.sh: no $PID_FILE, nothing to stop"; exit 0; }
PID=$(cat "$PID_FILE")
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID"; fi
fi
rm -f "$PID_FILE"
echo "STOPPED $PID"
