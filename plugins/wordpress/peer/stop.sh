#!/bin/bash
# Stops the WordPress peer instance start.sh started in RUN_DIR: Apache, then MariaDB, each by
# the PID start.sh recorded (TERM, then KILL after 15 s), and checks that both are gone.
# Usage: stop.sh RUN_DIR
# Prints "STOPPED apache=<pid|-> mariadb=<pid|->".
set -euo pipefail
RUN_DIR=${1:?usage: stop.sh RUN_DIR}

stop_pid() {   # stop_pid FILE -> prints the PID it stopped, or "-"
  local file=$1 pid
  if [ ! -f "$file" ]; then echo -; return; fi
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then pkill -KILL -P "$pid" || true; kill -KILL "$pid"; sleep 0.2; fi
  fi
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop.sh: process $pid ($file) is still running" >&2
    exit 1
  fi
  rm -f "$file"
  echo "$pid"
}

# Apache first: it stops its own workers on TERM; then the database it was using.
APACHE=$(stop_pid "$RUN_DIR/apache.pid")
MARIADB=$(stop_pid "$RUN_DIR/mariadb.pid")
if [ -f "$RUN_DIR/socket-dir" ]; then
  rm -rf "$(cat "$RUN_DIR/socket-dir")"
  rm -f "$RUN_DIR/socket-dir"
fi
echo "STOPPED apache=$APACHE mariadb=$MARIADB"
