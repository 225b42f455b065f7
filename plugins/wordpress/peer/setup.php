<?php
/*
 * Installs WordPress into the empty database of a peer instance and prepares what the
 * plugin's tests use, through WordPress's own functions (Debian ships no wp-cli):
 * the site and its administrator, pretty permalinks (so /wp-json/ routes resolve),
 * a second user who comments as a reader does, and an application password for each.
 *
 * Run by start.sh with the PHP command line:  php setup.php SITE_DIR URL
 * Prints one line: "<admin app password>\t<reader app password>".
 */
if ($argc !== 3) {
    fwrite(STDERR, "usage: php setup.php SITE_DIR URL\n");
    exit(2);
}
[$site, $url] = [rtrim($argv[1], '/'), $argv[2]];
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . ':' . $parts['port'];
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['SERVER_PORT'] = (string) $parts['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $site . '/prepend.php';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// The installer mails the administrator; a test site has no mail to send.
add_filter('pre_wp_mail', '__return_false');

$admin_password = wp_generate_password(24, false);
$installed = wp_install('Atelier peer', 'admin', 'admin@example.com', false, '', $admin_password);
if (empty($installed['user_id'])) {
    fwrite(STDERR, "setup.php: wp_install failed\n");
    exit(1);
}
// Pretty permalinks, the rules regenerated from the new structure (not from the one loaded at start).
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

$reader = wp_insert_user([
    'user_login' => 'reader',
    'user_pass' => wp_generate_password(24, false),
    'user_email' => 'reader@example.com',
    'display_name' => 'Rita Reader',
    'role' => 'subscriber',
]);
if (is_wp_error($reader)) {
    fwrite(STDERR, 'setup.php: the reader was not created: ' . $reader->get_error_message() . "\n");
    exit(1);
}

$passwords = [];
foreach ([(int) $installed['user_id'], (int) $reader] as $user) {
    $created = WP_Application_Passwords::create_new_application_password($user, ['name' => 'atelier-peer']);
    if (is_wp_error($created)) {
        fwrite(STDERR, 'setup.php: no application password: ' . $created->get_error_message() . "\n");
        exit(1);
    }
    $passwords[] = $created[0];
}
echo implode("\t", $passwords), "\n";
