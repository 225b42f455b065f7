package io.atelier.platform.feeds.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/io.atelier.platform.feeds.cfg}: every key is optional.
 */
@ObjectClassDefinition(name = "Atelier RSS/Atom feed source", description = "How feeds are fetched")
@interface FeedSourceConfig {

    String PID = "io.atelier.platform.feeds";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(description = "Kinds of address feeds may live at besides public ones, comma-separated:"
            + " loopback (this machine), private (10/8, 172.16/12, 192.168/16, fc00::/7...), link_local,"
            + " multicast, unspecified. Empty: public addresses only, redirects included")
    String[] allowAddresses() default {};

    @AttributeDefinition(description = "The largest feed read, in bytes; reading stops there")
    long maxBytes() default FeedOptions.DEFAULT_MAX_BYTES;

    @AttributeDefinition(description = "Seconds to wait for a connection")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds to wait for the whole answer, body included")
    int timeoutSeconds() default 30;

    @AttributeDefinition(description = "Entries per feed whose ids are remembered between polls")
    int rememberedEntries() default FeedOptions.DEFAULT_REMEMBERED;
}
