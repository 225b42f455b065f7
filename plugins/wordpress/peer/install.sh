#!/bin/bash
# Installs what the local WordPress peer of the plugin's tests needs, from Debian's own
# packages: WordPress, Apache with mod_php, MariaDB and PHP's MySQL driver. Needs root (or
# sudo) and the Debian package registry, the first time only. Idempotent: when every package
# is installed already it does nothing. The downloaded .deb files are kept in the cache, so a
# machine that restores the cache installs without downloading.
#
# Usage: install.sh
# Env: ATELIER_PEERS_HOME (cache root, default ~/.cache/atelier-peers)
# Prints "INSTALLED <what>" on success; on failure the last line says what is missing.
set -euo pipefail

PACKAGES=(wordpress wordpress-theme-twentytwentythree apache2 libapache2-mod-php mariadb-server php-mysql)
CACHE=${ATELIER_PEERS_HOME:-$HOME/.cache/atelier-peers}/wordpress
DEBS="$CACHE/debs"

fail() { echo "install.sh: $*" >&2; exit 2; }

installed() {
  local p
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || return 1
  done
  command -v php >/dev/null && command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null \
    && [ -x /usr/sbin/apache2 ] && [ -f /usr/share/wordpress/wp-settings.php ]
}

if command -v dpkg-query >/dev/null && installed; then
  echo "INSTALLED $(dpkg-query -W -f='wordpress ${Version}' wordpress) (already installed)"
  exit 0
fi

command -v apt-get >/dev/null || fail "apt-get not found: the WordPress peer is installed from Debian packages (${PACKAGES[*]})"
SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null && sudo -n true 2>/dev/null \
    || fail "installing ${PACKAGES[*]} needs root or password-less sudo"
  SUDO=(sudo -n)
fi

mkdir -p "$DEBS/partial"
# One install at a time per cache (two builds may start at once); apt has its own lock too.
exec 9>"$CACHE/install.lock"
flock 9

APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dir::Cache::Archives="$DEBS"
     -o Dpkg::Use-Pty=0 -o APT::Keep-Downloaded-Packages=true)

# The package lists are read once: a fresh machine has none, a machine that has them is not
# slowed down by an update it does not need.
if ! apt-cache policy "${PACKAGES[@]}" 2>/dev/null | grep -q 'Candidate: [0-9]' \
   || apt-cache policy "${PACKAGES[@]}" 2>/dev/null | grep -q 'Candidate: (none)'; then
  "${APT[@]}" update >&2 || fail "apt-get update failed: the Debian package registry cannot be reached"
fi

# Installing must not start the system's own Apache (on port 80) or MariaDB: the peer runs
# instances of its own. Where no policy says so already, one is put in place for the install.
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# Put here by the Atelier WordPress peer install for its duration.\nexit 101\n' \
    | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY"
  ADDED_POLICY=1
fi
cleanup() { if [ -n "$ADDED_POLICY" ]; then "${SUDO[@]}" rm -f "$POLICY"; fi; }
trap cleanup EXIT

"${APT[@]}" install --no-install-recommends "${PACKAGES[@]}" >&2 \
  || fail "apt-get install ${PACKAGES[*]} failed (see above)"

installed || fail "the packages are installed but php, mariadbd, mariadb-install-db, apache2 or /usr/share/wordpress is missing"
echo "INSTALLED $(dpkg-query -W -f='wordpress ${Version}' wordpress)"
