#!/bin/bash
# Starts a WordPress of its own on 127.0.0.1 for the plugin's tests, from the Debian packages
# install.sh put in place: a MariaDB server with its own data directory (reached through a
# Unix socket only, no TCP port), an Apache with mod_php listening on 127.0.0.1 only, and a
# fresh WordPress installed by WordPress's own installer functions (setup.php).
#
# Nothing of the system's configuration is used or changed (no /etc/wordpress, no
# /etc/apache2 sites, no system MariaDB). Debian's wp-config.php looks its configuration up in
# /etc/wordpress; WordPress's wp-load.php honours an ABSPATH defined beforehand, so each
# instance prepends one (PHP's auto_prepend_file) naming a directory of its own that holds
# its wp-config.php, its wp-content, and links to the packaged files for the rest.
#
# Usage: start.sh RUN_DIR [PORT]
#   RUN_DIR  a directory of its own for this instance: database, site, logs, PIDs
#   PORT     Apache's port on 127.0.0.1; a free one is chosen when absent or 0
# Env: WP_READY_TIMEOUT (seconds, default 60)
# Prints "READY url=<url> user=admin app-password=<pw> reader=reader reader-app-password=<pw>"
# and "PIDS apache=<pid> mariadb=<pid>"; exits non-zero (and stops what it started) on failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: start.sh RUN_DIR [PORT]}
PORT=${2:-0}
TIMEOUT=${WP_READY_TIMEOUT:-60}
WORDPRESS=/usr/share/wordpress

fail() { echo "start.sh: $*" >&2; exit 1; }

PHP_MODULE=$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -n 1 || true)
for need in "$WORDPRESS/wp-settings.php" /usr/sbin/apache2 "$PHP_MODULE" \
            "$(command -v mariadbd || true)" "$(command -v mariadb-install-db || true)" "$(command -v php || true)"; do
  [ -n "$need" ] && [ -e "$need" ] || fail "WordPress, Apache with mod_php, MariaDB or PHP is not installed; run $HERE/install.sh first"
done

mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
[ ! -e "$RUN_DIR/apache.pid" ] && [ ! -e "$RUN_DIR/mariadb.pid" ] \
  || fail "$RUN_DIR holds a running (or not cleanly stopped) instance; run stop.sh $RUN_DIR first"

# Root runs Apache's workers as www-data and MariaDB as mysql, as Debian does; they must reach
# the run directory.
WEB_USER=; DB_USER_OPT=()
if [ "$(id -u)" = 0 ]; then
  WEB_USER=www-data
  DB_USER_OPT=(--user=mysql)
  for u in www-data mysql; do
    runuser -u "$u" -- test -x "$RUN_DIR" 2>/dev/null \
      || fail "user $u cannot reach $RUN_DIR (a parent directory is private); use a run directory it can reach"
  done
fi

rm -rf "$RUN_DIR/db" "$RUN_DIR/site" "$RUN_DIR/apache"
mkdir -p "$RUN_DIR/db" "$RUN_DIR/apache" "$RUN_DIR/site/wp-content/uploads"
SITE="$RUN_DIR/site"

# A Unix socket path is limited to 107 bytes.
SOCK="$RUN_DIR/db/mysqld.sock"
if [ ${#SOCK} -gt 100 ]; then
  SOCK_DIR=$(mktemp -d /tmp/atelier-wp.XXXXXX)
  chmod 755 "$SOCK_DIR"
  SOCK="$SOCK_DIR/mysqld.sock"
  echo "$SOCK_DIR" > "$RUN_DIR/socket-dir"
fi

# Whatever fails from here on stops what was started.
started=
cleanup() {
  if [ -z "$started" ]; then
    "$HERE/stop.sh" "$RUN_DIR" >&2 || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- MariaDB
MYSQLD_OPTS=(--no-defaults --datadir="$RUN_DIR/db/data" --skip-networking --socket="$SOCK"
  --pid-file="$RUN_DIR/db/mariadbd.pid" --log-error="$RUN_DIR/db/mariadb.log"
  --innodb-buffer-pool-size=32M --innodb-log-file-size=8M --innodb-flush-log-at-trx-commit=2
  --performance-schema=OFF --skip-name-resolve --character-set-server=utf8mb4 "${DB_USER_OPT[@]}")
if [ -n "$WEB_USER" ]; then chown mysql:mysql "$RUN_DIR/db" "$(dirname "$SOCK")"; fi
mariadb-install-db --no-defaults --datadir="$RUN_DIR/db/data" "${DB_USER_OPT[@]}" --skip-test-db \
  --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
  --innodb-log-file-size=8M >"$RUN_DIR/db/install.log" 2>&1 \
  || { tail -n 20 "$RUN_DIR/db/install.log" >&2; fail "mariadb-install-db failed; its log: $RUN_DIR/db/install.log"; }
# Each server runs in a session of its own: Apache's prefork signals its whole process group when
# it stops, which must not reach whoever started it (a test run's JVM).
setsid mariadbd "${MYSQLD_OPTS[@]}" </dev/null >>"$RUN_DIR/db/mariadb.log" 2>&1 &
echo $! > "$RUN_DIR/mariadb.pid"
deadline=$(( $(date +%s) + TIMEOUT ))
until mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; do
  kill -0 "$(cat "$RUN_DIR/mariadb.pid")" 2>/dev/null \
    || { tail -n 20 "$RUN_DIR/db/mariadb.log" >&2; fail "MariaDB exited before it was ready"; }
  [ "$(date +%s)" -lt "$deadline" ] || fail "MariaDB was not ready within ${TIMEOUT}s; log: $RUN_DIR/db/mariadb.log"
  sleep 0.1
done
if [ -s "$RUN_DIR/db/mariadbd.pid" ]; then cp "$RUN_DIR/db/mariadbd.pid" "$RUN_DIR/mariadb.pid"; fi
DB_PASSWORD=$(php -r 'echo bin2hex(random_bytes(12));')
mariadb --no-defaults --socket="$SOCK" -uroot <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

# ---------------------------------------------------------------- the site's own directory
free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false);
          echo substr($n, strrpos($n, ":") + 1);'
}
CHOSEN=
if [ "$PORT" = 0 ]; then PORT=$(free_port); CHOSEN=1; fi

for entry in "$WORDPRESS"/* ; do
  name=$(basename "$entry")
  case "$name" in wp-config.php|wp-content) ;; *) ln -s "$entry" "$SITE/$name" ;; esac
done
ln -s "$WORDPRESS/wp-content/themes" "$SITE/wp-content/themes"
ln -s "$WORDPRESS/wp-content/plugins" "$SITE/wp-content/plugins"
cat > "$SITE/prepend.php" <<PHP
<?php
// Makes WordPress read this instance's wp-config.php (wp-load.php keeps an ABSPATH defined before it).
if (!defined('ABSPATH')) {
    define('ABSPATH', '$SITE/');
}
PHP

write_config() {
  local url="http://127.0.0.1:$PORT"
  {
    echo "<?php"
    echo "// The configuration of one peer instance, written by start.sh."
    echo "define('DB_NAME', 'wordpress');"
    echo "define('DB_USER', 'wordpress');"
    echo "define('DB_PASSWORD', '$DB_PASSWORD');"
    echo "define('DB_HOST', 'localhost:$SOCK');"
    echo "define('DB_CHARSET', 'utf8mb4');"
    echo "define('DB_COLLATE', '');"
    echo "\$table_prefix = 'wp_';"
    echo "define('WP_HOME', '$url');"
    echo "define('WP_SITEURL', '$url');"
    echo "define('WP_CONTENT_DIR', '$SITE/wp-content');"
    echo "define('WP_CONTENT_URL', '$url/wp-content');"
    echo "// Application passwords over plain http are allowed on a local site only."
    echo "define('WP_ENVIRONMENT_TYPE', 'local');"
    echo "// No calls home, no background cron requests, no updates: a quiet site for tests."
    echo "define('WP_HTTP_BLOCK_EXTERNAL', true);"
    echo "define('DISABLE_WP_CRON', true);"
    echo "define('AUTOMATIC_UPDATER_DISABLED', true);"
    echo "define('WP_AUTO_UPDATE_CORE', false);"
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      echo "define('$k', '$(php -r 'echo bin2hex(random_bytes(24));')');"
    done
    echo "require_once '$WORDPRESS/wp-settings.php';"
  } > "$SITE/wp-config.php"
  chmod 640 "$SITE/wp-config.php"
  if [ -n "$WEB_USER" ]; then chgrp "$WEB_USER" "$SITE/wp-config.php"; fi
}
if [ -n "$WEB_USER" ]; then chown -R "$WEB_USER:$WEB_USER" "$SITE/wp-content/uploads"; fi

# ---------------------------------------------------------------- Apache
write_apache_config() {
  cat > "$RUN_DIR/apache/httpd.conf" <<CONF
# One WordPress peer instance, written by start.sh: 127.0.0.1 only, logs and PID in RUN_DIR.
ServerName 127.0.0.1
Listen 127.0.0.1:$PORT
PidFile $RUN_DIR/apache/httpd.pid
DefaultRuntimeDir $RUN_DIR/apache
ErrorLog $RUN_DIR/apache/error.log
LogFormat "%h %t \"%r\" %>s %b %D" timed
CustomLog $RUN_DIR/apache/access.log timed
$( [ -n "$WEB_USER" ] && printf 'User %s\nGroup %s\n' "$WEB_USER" "$WEB_USER" )
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule php_module $PHP_MODULE
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 16
KeepAlive On
Timeout 120
TypesConfig /etc/mime.types
DirectoryIndex index.php index.html
<FilesMatch "\.php\$">
  SetHandler application/x-httpd-php
</FilesMatch>
php_value auto_prepend_file $SITE/prepend.php
php_value upload_max_filesize 8M
php_value post_max_size 16M
php_value memory_limit 256M
php_flag display_errors off
php_value error_log $RUN_DIR/apache/php.log
<Directory />
  AllowOverride None
  Require all denied
</Directory>
DocumentRoot $WORDPRESS
<Directory $WORDPRESS>
  Options FollowSymLinks
  Require all granted
  # WordPress's pretty permalinks, /wp-json/ included: whatever is not a file goes to index.php.
  RewriteEngine On
  RewriteBase /
  RewriteRule ^index\.php\$ - [L]
  RewriteCond %{REQUEST_FILENAME} !-f
  RewriteCond %{REQUEST_FILENAME} !-d
  RewriteRule . /index.php [L]
</Directory>
Alias /wp-content $SITE/wp-content
<Directory $SITE/wp-content>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory $SITE/wp-content/uploads>
  php_admin_flag engine off
</Directory>
CONF
}

start_apache() {
  write_config
  write_apache_config
  : > "$RUN_DIR/apache/error.log"
  setsid /usr/sbin/apache2 -f "$RUN_DIR/apache/httpd.conf" -DFOREGROUND </dev/null >>"$RUN_DIR/apache/error.log" 2>&1 &
  echo $! > "$RUN_DIR/apache.pid"
  local deadline=$(( $(date +%s) + TIMEOUT ))
  until php -r '$f = @fsockopen("127.0.0.1", (int) $argv[1], $e, $s, 1); exit($f ? 0 : 1);' "$PORT"; do
    if ! kill -0 "$(cat "$RUN_DIR/apache.pid")" 2>/dev/null; then
      rm -f "$RUN_DIR/apache.pid"
      return 1
    fi
    [ "$(date +%s)" -lt "$deadline" ] || fail "Apache was not ready within ${TIMEOUT}s; log: $RUN_DIR/apache/error.log"
    sleep 0.1
  done
  # The PID Apache wrote itself is the one to stop (the same, unless setsid had to fork).
  if [ -s "$RUN_DIR/apache/httpd.pid" ]; then cp "$RUN_DIR/apache/httpd.pid" "$RUN_DIR/apache.pid"; fi
}
attempt=1
until start_apache; do
  if [ -n "$CHOSEN" ] && grep -q 'Address already in use' "$RUN_DIR/apache/error.log" && [ $attempt -lt 5 ]; then
    PORT=$(free_port); attempt=$((attempt + 1)); continue   # taken between choosing and binding
  fi
  tail -n 20 "$RUN_DIR/apache/error.log" >&2
  fail "Apache exited before it was ready; log: $RUN_DIR/apache/error.log"
done
URL="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------- WordPress
SETUP_USER=()
if [ -n "$WEB_USER" ]; then SETUP_USER=(runuser -u "$WEB_USER" --); fi
PASSWORDS=$("${SETUP_USER[@]}" php -d display_errors=stderr -d error_reporting=E_ALL\&~E_DEPRECATED\&~E_NOTICE \
  "$HERE/setup.php" "$SITE" "$URL") || fail "installing WordPress failed (setup.php, see above)"
ADMIN_PW=$(printf '%s' "$PASSWORDS" | cut -f1)
READER_PW=$(printf '%s' "$PASSWORDS" | cut -f2)
[ -n "$ADMIN_PW" ] && [ -n "$READER_PW" ] || fail "setup.php printed no application passwords"

# Ready means the REST API answers an authenticated call.
code=$(php -r '
  $ctx = stream_context_create(["http" => ["header" => "Authorization: Basic " . base64_encode("admin:" . $argv[2]),
      "ignore_errors" => true, "timeout" => 10]]);
  @file_get_contents($argv[1] . "/wp-json/wp/v2/users/me", false, $ctx);
  echo isset($http_response_header[0]) ? explode(" ", $http_response_header[0])[1] : "none";' "$URL" "$ADMIN_PW")
[ "$code" = 200 ] || fail "the REST API of $URL answered $code to the administrator; logs: $RUN_DIR/apache"

started=1
echo "READY url=$URL user=admin app-password=$ADMIN_PW reader=reader reader-app-password=$READER_PW"
echo "PIDS apache=$(cat "$RUN_DIR/apache.pid") mariadb=$(cat "$RUN_DIR/mariadb.pid")"
