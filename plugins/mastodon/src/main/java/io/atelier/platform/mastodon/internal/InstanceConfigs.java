package io.atelier.platform.mastodon.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * The configuration of each instance the connector talks to, read from its
 * public {@code GET /api/v2/instance} and kept for
 * {@link MastodonSettings#instanceCacheTtl()}, so validating a draft does not
 * ask the instance every time. An instance that cannot be read (unreachable, an
 * older version without the v2 endpoint) gets Mastodon's documented defaults,
 * which are not kept: the next look asks again.
 */
final class InstanceConfigs {

    private record Cached(InstanceConfig config, Instant until) {
    }

    private final MastodonHttp http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    InstanceConfigs(MastodonHttp http) {
        this.http = http;
    }

    /** The configuration of {@code instance}: cached, freshly read, or the defaults when it cannot be read. */
    InstanceConfig of(Instance instance) {
        Instant now = http.settings().clock().instant();
        Cached cached = cache.get(instance.toString());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.config();
        }
        try {
            HttpAnswer answer = http.send(http.request(instance, "/api/v2/instance", null).GET().build(),
                    Call.read("reading the configuration of " + instance.host()));
            if (!answer.ok()) {
                return InstanceConfig.DEFAULTS;
            }
            InstanceConfig config = InstanceConfig.of(answer.json());
            cache.put(instance.toString(), new Cached(config, now.plus(http.settings().instanceCacheTtl())));
            return config;
        } catch (PlatformException e) {
            // Validation must not fail because the instance is briefly away; the instance itself
            // still refuses what breaks its rules when the post is sent.
            return InstanceConfig.DEFAULTS;
        }
    }
}
