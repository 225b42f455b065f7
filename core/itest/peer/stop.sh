#!/bin/bash
# Stops the local OpenID Connect provider that start.sh started in RUN_DIR, by the PID it recorded (TERM, then
# KILL after 15 s), and checks that it is gone.
# Usage: stop.sh RUN_DIR
# Prints "STOPPED <pid>" (or "STOPPED -" when nothing was running).
set -euo pipefail
RUN_DIR=${1:?usage: stop.sh RUN_DIR}
PID_FILE="$RUN_DIR/provider.pid"
[ -f "$PID_FILE" ] || { echo "STOPPED -"; exit 0; }
PID=$(cat "$PID_FILE")
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"
  for _ in $(seq 1 75); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID"; sleep 0.2; fi
fi
if kill -0 "$PID" 2>/dev/null; then
  echo "stop.sh: the provider ($PID) is still running" >&2
  exit 1
fi
rm -f "$PID_FILE"
echo "STOPPED $PID"
