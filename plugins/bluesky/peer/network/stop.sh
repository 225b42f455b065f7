#!/bin/bash
# Stops the network started by start.sh, each part by the PID it recorded (the network
# process, then Redis, then the PostgreSQL cluster), and removes the cluster's directory.
# Usage: stop.sh RUN_DIR
set -uo pipefail
RUN_DIR=${1:?usage: stop.sh RUN_DIR}

stop_pid() {  # PID_FILE SECONDS: TERM, then KILL when it is still there after SECONDS
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 $(( $2 * 5 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  fi
  rm -f "$file"
  echo "STOPPED $pid"
}

stop_pid "$RUN_DIR/network.pid" 20
stop_pid "$RUN_DIR/redis.pid" 10

if [ -f "$RUN_DIR/pg.dir" ]; then
  PG_DIR=$(cat "$RUN_DIR/pg.dir")
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
    as_pg=()
    [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || { kill -0 "$PG_PID" 2>/dev/null && kill -KILL "$PG_PID"; }
    echo "STOPPED $PG_PID"
  fi
  # Only a directory this script's start.sh made (its name says so) is removed.
  case "$PG_DIR" in
    "$RUN_DIR"/pg|*/atelier-bsky-pg.*) rm -rf "$PG_DIR" ;;
  esac
  rm -f "$RUN_DIR/pg.dir"
fi
