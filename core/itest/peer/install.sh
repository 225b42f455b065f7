#!/bin/bash
# Installs the local OpenID Connect provider used by the in-framework sign-in test:
# oidc-provider (panva/node-oidc-provider, MIT) from the npm registry, run by the machine's
# Node (20.19 or later). Only the npm registry is used. Cached, and skipped when the cache
# holds exactly the pinned version.
#
# Usage: install.sh [DIR]
#   DIR defaults to ${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/oidc
# Prints "INSTALLED <dir>" on success; exits 2 when it cannot be installed here (no Node or
# npm, a Node too old, no npm registry), 1 when the install failed.
set -euo pipefail

OIDC_PROVIDER_VERSION=9.13.3
STAMP="oidc-provider@$OIDC_PROVIDER_VERSION"

DIR=${1:-${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/oidc}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# One install at a time per cache (two builds may start at once).
exec 9>"$DIR.lock"
flock 9

if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$STAMP" ] \
   && [ -f "$DIR/node_modules/oidc-provider/package.json" ]; then
  echo "INSTALLED $DIR (cached)"
  exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "install.sh: node and npm are needed to run the OpenID Connect provider" >&2; exit 2; }
# oidc-provider 9 needs Node ^20.19.0, ^22.12.0 or 24 and later.
node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "install.sh: Node $(node --version) is too old for oidc-provider 9 (20.19 or later)" >&2; exit 2; }
npm view --loglevel=error "oidc-provider@$OIDC_PROVIDER_VERSION" version >/dev/null \
  || { echo "install.sh: the npm registry cannot be reached (npm view oidc-provider failed)" >&2; exit 2; }

rm -f "$DIR/.installed"
cd "$DIR"
echo '{"name":"atelier-oidc-peer","private":true,"type":"module"}' > package.json
npm install --no-audit --no-fund --loglevel=error --save-exact "oidc-provider@$OIDC_PROVIDER_VERSION"
node --input-type=module -e 'import("oidc-provider").then(m => { if (typeof m.default !== "function") process.exit(1); })' \
  || { echo "install.sh: oidc-provider does not load in Node $(node --version)" >&2; exit 1; }

echo "$STAMP" > "$DIR/.installed"
echo "INSTALLED $DIR"
