package io.atelier.itest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
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
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * A small network for the posts tests, registered at runtime as a plugin would: it
 * needs no credentials, refuses texts over {@link #MAX_LENGTH} characters, and keeps
 * what it publishes in memory, once per idempotency key, like a network that honours
 * it. A text containing {@link #EXPIRED} is refused as if the account's credentials
 * had expired. Attached media are read through the account context, as a real
 * network's connector uploads them; what was read is kept.
 */
final class PostsConnector implements PlatformConnector {

    static final String ID = "itest-posts";
    static final int MAX_LENGTH = 50;
    /** A text with this marker makes {@link #publish} refuse the credentials. */
    static final String EXPIRED = "#expired";

    static final PlatformInfo INFO = new PlatformInfo(ID, "Itest Posts", EnumSet.of(Capability.PUBLISH),
            Limits.textOnly(MAX_LENGTH, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(4, 2, 0));

    /** What was published, by idempotency key. */
    final Map<String, PublishRequest> published = new ConcurrentHashMap<>();
    /** Every publish call, in order, refused ones included. */
    final List<PublishRequest> calls = new CopyOnWriteArrayList<>();
    /** The content of the media each publish read, by idempotency key. */
    final Map<String, List<byte[]>> mediaRead = new ConcurrentHashMap<>();
    /** The public links of the media each publish was given (as Instagram's connector asks), by idempotency key. */
    final Map<String, List<java.net.URI>> mediaLinks = new ConcurrentHashMap<>();

    /** Registers a new connector and waits until {@code workbench} offers its platform. */
    static Registered register(BundleContext context, Workbench workbench) {
        PostsConnector connector = new PostsConnector();
        ServiceRegistration<PlatformConnector> registration = context.registerService(PlatformConnector.class,
                connector, FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, ID)));
        Workbench.awaitTrue("the " + ID + " platform is offered",
                () -> workbench.get("/api/v1/platforms/" + ID).status() == 200);
        return new Registered(connector, registration);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        int length = variant.text().codePointCount(0, variant.text().length());
        return length <= MAX_LENGTH ? List.of()
                : List.of(new Problem("text", "text is " + length + " characters; Itest Posts allows " + MAX_LENGTH));
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account)
            throws AuthExpiredException, RejectedException {
        calls.add(request);
        if (request.variant().text().contains(EXPIRED)) {
            throw new AuthExpiredException("the app password was revoked");
        }
        List<byte[]> read = new ArrayList<>();
        List<java.net.URI> links = new ArrayList<>();
        for (Media media : request.variant().media()) {
            account.mediaUrl(media, java.time.Duration.ofHours(1)).ifPresent(links::add);
            try {
                read.add(account.media(media));
            } catch (IOException e) {
                throw new RejectedException("media cannot be read: " + e.getMessage(), e);
            }
        }
        mediaRead.put(request.idempotencyKey(), read);
        mediaLinks.put(request.idempotencyKey(), links);
        published.putIfAbsent(request.idempotencyKey(), request);
        return result(request.idempotencyKey());
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
        return published.containsKey(idempotencyKey) ? Optional.of(result(idempotencyKey)) : Optional.empty();
    }

    private static PublishResult result(String key) {
        return new PublishResult("itest://" + key, "https://posts.itest.example/" + key, Instant.now());
    }

    /** A registered connector; closing unregisters it (twice is harmless). */
    record Registered(PostsConnector connector, ServiceRegistration<PlatformConnector> registration)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered already
            }
        }
    }
}
