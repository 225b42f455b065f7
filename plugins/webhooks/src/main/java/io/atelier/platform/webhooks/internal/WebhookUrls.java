package io.atelier.platform.webhooks.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.atelier.sdk.connector.credentials.CredentialForms;

/**
 * Reads and checks a webhook URL from the settings. Messages say what is wrong
 * and what a right URL looks like, never the URL itself: it is the secret.
 */
final class WebhookUrls {

    private WebhookUrls() {
    }

    /**
     * The webhook URL in {@code values}, checked: {@code https} on one of {@code hosts}
     * with a path matching {@code path} — or, for tests, {@code http(s)} on
     * 127.0.0.1 or {@code localhost} with such a path.
     *
     * @param shape what a right URL looks like, for the message
     */
    static URI fixedHost(Map<String, String> values, Set<String> hosts, Pattern path, boolean localForTests,
            String network, String shape) {
        URI u = parse(values, network, shape);
        String scheme = scheme(u);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean local = localForTests && (host.equals("127.0.0.1") || host.equals("localhost"))
                && (scheme.equals("http") || scheme.equals("https"));
        boolean official = scheme.equals("https") && hosts.contains(host) && u.getPort() == -1;
        if (!(local || official) || u.getRawPath() == null || !path.matcher(u.getRawPath()).matches()
                || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the webhook URL is not a " + network + " webhook URL: it must look like "
                    + shape);
        }
        return u;
    }

    /** The webhook URL in {@code values}: any absolute {@code http(s)} URL without user info (addresses are the client's to check). */
    static URI any(Map<String, String> values, String network, String shape) {
        URI u = parse(values, network, shape);
        String scheme = scheme(u);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the webhook URL must be an http or https URL like " + shape
                    + ", without user name, password or fragment");
        }
        return u;
    }

    /** {@code u} with {@code name=value} in its query, replacing any earlier value of {@code name}. */
    static URI withQuery(URI u, String name, String value) {
        StringBuilder q = new StringBuilder();
        if (u.getRawQuery() != null) {
            for (String pair : u.getRawQuery().split("&")) {
                if (!pair.isEmpty() && !pair.equals(name) && !pair.startsWith(name + "=")) {
                    q.append(q.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        q.append(q.length() == 0 ? "" : "&").append(name).append('=').append(value);
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath() + "?" + q);
    }

    /** {@code u} without its query. */
    static URI withoutQuery(URI u) {
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath());
    }

    private static URI parse(Map<String, String> values, String network, String shape) {
        String v = values.get(CredentialForms.WEBHOOK_URL);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the " + network + " webhook URL is missing; it looks like " + shape);
        }
        try {
            URI u = new URI(v.trim());
            if (!u.isAbsolute() || u.isOpaque()) {
                throw new URISyntaxException("", "not absolute");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the webhook URL is not a URL; it must look like " + shape);
        }
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }
}
