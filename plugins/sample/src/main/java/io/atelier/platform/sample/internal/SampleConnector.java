package io.atelier.platform.sample.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.PostVariant;

/**
 * The sample platform: a connector that publishes into memory
 * ({@link SampleOutbox}) and reaches no network. It shows plugin authors the
 * whole contract on the smallest scale: it declares only what it does (text
 * posts of at most 500 code points, no credentials), validates before
 * publishing, publishes exactly once per idempotency key and reconciles by
 * that key.
 */
@Component(property = PlatformConnector.PLATFORM_ID + "=" + SampleConstants.PLATFORM_ID)
public final class SampleConnector implements PlatformConnector {

    private static final PlatformInfo INFO = new PlatformInfo(
            SampleConstants.PLATFORM_ID,
            SampleConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH),
            Limits.textOnly(SampleConstants.MAX_LENGTH, LengthRule.CODE_POINTS),
            CredentialForm.none(),
            RatePolicy.DEFAULT);

    private final SampleOutbox outbox;

    /** A connector publishing into {@code outbox}. */
    @Activate
    public SampleConnector(@Reference SampleOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>();
        String text = variant.text();
        int length = text.codePointCount(0, text.length());
        if (text.isBlank()) {
            problems.add(new Problem("text", "text is empty; " + INFO.name() + " publishes text posts only"));
        } else if (length > SampleConstants.MAX_LENGTH) {
            problems.add(new Problem("text", "text is " + length + " code points; " + INFO.name()
                    + " allows " + SampleConstants.MAX_LENGTH));
        }
        for (int i = 0; i < variant.media().size(); i++) {
            problems.add(new Problem("media[" + i + "]", INFO.name() + " accepts no media"));
        }
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", INFO.name() + " publishes single posts, not threads"));
        }
        return problems;
    }

    /**
     * Records the post once per idempotency key. A second call with a key already
     * seen answers the first result, whatever it carries, as a network with
     * idempotency keys does; only a new key is validated.
     */
    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws RejectedException {
        Optional<SamplePost> earlier = outbox.find(request.idempotencyKey());
        if (earlier.isPresent()) {
            return earlier.get().toResult();
        }
        List<Problem> problems = validate(request.variant(), account);
        if (!problems.isEmpty()) {
            throw new RejectedException("post " + request.postId() + " refused: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        return outbox.recordOnce(request.idempotencyKey(), account.account().id(), request.variant().text())
                .toResult();
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
        return outbox.find(idempotencyKey).map(SamplePost::toResult);
    }
}
