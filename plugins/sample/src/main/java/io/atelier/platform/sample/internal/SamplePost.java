package io.atelier.platform.sample.internal;

import java.time.Instant;
import java.util.Objects;

import io.atelier.api.platform.PublishResult;

/**
 * One post the sample platform has "published", as it keeps it in memory.
 *
 * @param sequence       position in publishing order, from 1
 * @param idempotencyKey the key the core published it with
 * @param accountId      the account it was published for
 * @param text           what was published
 * @param publishedAt    when it was recorded
 */
record SamplePost(long sequence, String idempotencyKey, String accountId, String text, Instant publishedAt) {

    SamplePost {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** The post's identifier on the sample platform. */
    String remoteId() {
        return SampleConstants.PLATFORM_ID + "-" + sequence;
    }

    /** What the platform answers for this post; it has no web page, hence no URL. */
    PublishResult toResult() {
        return new PublishResult(remoteId(), null, publishedAt);
    }
}
