package io.atelier.itest;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostVariant;

/**
 * A connector the tests register at runtime, as a plugin would. It declares a
 * distinctive info (so each JSON field can be checked) and remembers the
 * credentials {@link #verify} was given; it publishes nothing.
 */
final class ItestConnector implements PlatformConnector {

    static final String ID = "itest";

    static final PlatformInfo INFO = new PlatformInfo(ID, "Itest Network",
            EnumSet.of(Capability.PUBLISH, Capability.METRICS),
            new Limits(300, LengthRule.GRAPHEMES, 4, 1_000_000, Set.of("image/png")),
            new CredentialForm(CredentialKind.APP_PASSWORD, List.of(
                    new CredentialField("appPassword", "App password", true, true, "Settings, then App passwords."),
                    new CredentialField("note", "Note", false, false, ""))),
            new RatePolicy(4, 1, 30));

    /** The credentials of every {@link #verify} call, in order. */
    final List<Credentials> verified = new CopyOnWriteArrayList<>();

    /** Registers a new connector with its platform id property, as a plugin's component would. */
    static Registered register(BundleContext context) {
        ItestConnector connector = new ItestConnector();
        ServiceRegistration<PlatformConnector> registration = context.registerService(PlatformConnector.class,
                connector, FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, ID)));
        return new Registered(connector, registration);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return List.of();
    }

    @Override
    public void verify(AccountContext account) {
        verified.add(account.credentials());
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) {
        throw new UnsupportedOperationException("the test connector publishes nowhere");
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
        return Optional.empty();
    }

    /**
     * A registered connector; closing unregisters it (twice is harmless).
     *
     * @param connector    the service object
     * @param registration its registration
     */
    record Registered(ItestConnector connector, ServiceRegistration<PlatformConnector> registration)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        }
    }
}
