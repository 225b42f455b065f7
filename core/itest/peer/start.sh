#!/bin/bash
# Starts the local OpenID Connect provider (provider.mjs, on the oidc-provider that
# install.sh cached) in the background on 127.0.0.1 and waits until its discovery document
# answers.
#
# Usage: start.sh RUN_DIR CLIENT_ID CLIENT_SECRET REDIRECT_URI [PORT]
#   RUN_DIR  a directory of its own for this instance: log (provider.log), PID (provider.pid)
#   PORT     the provider's port on 127.0.0.1; a free one is chosen when absent or 0
# Env: ATELIER_PEERS_HOME (cache root, default ~/.cache/atelier-peers), OIDC_READY_TIMEOUT
#   (seconds, default 30).
# Prints "READY issuer=<url>" and "PID <pid>"; exits non-zero (and stops what it started) on failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: start.sh RUN_DIR CLIENT_ID CLIENT_SECRET REDIRECT_URI [PORT]}
CLIENT_ID=${2:?client id}
CLIENT_SECRET=${3:?client secret}
REDIRECT_URI=${4:?redirect uri}
PORT=${5:-0}
TIMEOUT=${OIDC_READY_TIMEOUT:-30}
CACHE=${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/oidc
[ -f "$CACHE/node_modules/oidc-provider/package.json" ] \
  || { echo "start.sh: oidc-provider is not installed in $CACHE; run $HERE/install.sh first" >&2; exit 2; }

mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
[ ! -e "$RUN_DIR/provider.pid" ] \
  || { echo "start.sh: $RUN_DIR holds a running (or not cleanly stopped) provider; run stop.sh $RUN_DIR first" >&2; exit 1; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
[ "$PORT" != 0 ] || PORT=$(free_port)
ISSUER="http://127.0.0.1:$PORT"

# An ES module finds its packages in a node_modules beside it: the script is copied into the
# run directory next to a link to the cached packages (the cache itself is not changed).
cp "$HERE/provider.mjs" "$RUN_DIR/provider.mjs"
ln -sfn "$CACHE/node_modules" "$RUN_DIR/node_modules"
cd "$RUN_DIR"
env OIDC_PORT="$PORT" OIDC_CLIENT_ID="$CLIENT_ID" OIDC_CLIENT_SECRET="$CLIENT_SECRET" \
  OIDC_REDIRECT_URI="$REDIRECT_URI" NODE_ENV=development \
  setsid node "$RUN_DIR/provider.mjs" </dev/null >"$RUN_DIR/provider.log" 2>&1 &
PID=$!
echo "$PID" >"$RUN_DIR/provider.pid"

started=
cleanup() {
  if [ -z "$started" ]; then
    "$HERE/stop.sh" "$RUN_DIR" >&2 || true
  fi
}
trap cleanup EXIT

deadline=$((SECONDS + TIMEOUT))
until node -e "fetch('$ISSUER/.well-known/openid-configuration').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; do
  if ! kill -0 "$PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "start.sh: the provider at $ISSUER did not answer; the end of its log ($RUN_DIR/provider.log):" >&2
    tail -n 40 "$RUN_DIR/provider.log" >&2
    exit 1
  fi
  sleep 0.2
done

started=1
echo "READY issuer=$ISSUER"
echo "PID $PID"
