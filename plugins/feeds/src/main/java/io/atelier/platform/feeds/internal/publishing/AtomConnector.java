package io.atelier.platform.feeds.internal.publishing;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.api.workbench.WorkbenchAddress;
import io.atelier.api.workspace.Account;

/**
 * The {@code atom} platform: an Atom feed per account, published by the
 * workbench itself ({@link FeedServlet}), so a workspace can publish where no
 * third party is involved and subscribers read it in any feed reader.
 * <p>
 * Publishing keeps an entry in the plugin's store ({@link PublishedEntries}).
 * The entry's id is derived from the account and the idempotency key
 * ({@link EntryIds}) and written with {@code putIfAbsent}, so exactly-once comes
 * with the store: a second publish with the key answers the first entry, on any
 * node, and {@code reconcile} answers from the same record — present, the entry;
 * absent, it certainly was never published. A thread is one entry: its parts
 * follow the text as paragraphs, because a feed reader shows entries newest first
 * and one by one, which would cut a thread apart and read it backwards. No
 * credentials, no endpoint: the account's handle is the feed's title.
 */
@Component(property = PlatformConnector.PLATFORM_ID + "=" + AtomConnector.ID)
public final class AtomConnector implements PlatformConnector {

    static final String ID = "atom";
    static final PlatformInfo INFO = new PlatformInfo(ID, "Atom feed",
            Set.of(Capability.PUBLISH, Capability.THREAD, Capability.DELETE),
            Limits.textOnly(EntryRules.MAX_LENGTH, LengthRule.CODE_POINTS), CredentialForm.none(),
            new RatePolicy(16, 4, 0));

    private final PublishedEntries entries;
    private final Supplier<String> publicBase;
    private final Clock clock;

    @Activate
    public AtomConnector(@Reference PluginStore store, @Reference WorkbenchAddress address) {
        this(store, () -> address.base().toString(), Clock.systemUTC());
    }

    /** The connector outside the framework (tests). */
    AtomConnector(PluginStore store, Supplier<String> publicBase, Clock clock) {
        this.entries = new PublishedEntries(store, clock);
        this.publicBase = publicBase;
        this.clock = clock;
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return EntryRules.problems(variant);
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        List<Problem> problems = EntryRules.problems(request.variant());
        if (!problems.isEmpty()) {
            throw new RejectedException("the Atom feed refused post " + request.postId() + ": "
                    + problems.get(0).message());
        }
        Account a = account.account();
        String id = EntryIds.of(a.id(), request.idempotencyKey());
        AtomEntry entry = new AtomEntry(id, a.id(), a.workspaceId(), EntryText.clean(a.handle()).strip(),
                request.idempotencyKey(), request.postId(),
                EntryText.content(request.variant().text(), request.variant().thread()),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), null);
        PublishedEntries.Claim claim;
        try {
            claim = entries.claim(entry);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("the Atom feed cannot keep post " + request.postId() + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // The write may have reached the database before the failure: only reconcile can tell.
            throw new OutcomeUnknownException("the workbench's store failed while keeping post " + request.postId()
                    + " in the Atom feed of " + a.handle() + ": " + e.getMessage(), e);
        }
        return shown(claim.entry(), "publishing post " + request.postId());
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        Account a = account.account();
        Optional<AtomEntry> found;
        try {
            found = entries.find(a.id(), EntryIds.of(a.id(), idempotencyKey));
        } catch (RuntimeException e) {
            throw new OutcomeUnknownException("the workbench's store cannot tell now whether " + idempotencyKey
                    + " is in the Atom feed of " + a.handle() + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // Completes a publish interrupted between the entry and its place in the feeds: nothing new is created.
        return Optional.of(shown(found.get(), "looking up " + idempotencyKey));
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        Account a = account.account();
        Optional<String> id = EntryIds.fromRemoteId(remoteId);
        if (id.isEmpty()) {
            throw new RejectedException("'" + remoteId + "' is not an entry of an Atom feed (urn:uuid:…)");
        }
        try {
            Optional<AtomEntry> found = entries.find(a.id(), id.get());
            if (found.isPresent()) {
                entries.hide(found.get());
            }
        } catch (RuntimeException e) {
            // Deleting is idempotent: trying again is safe.
            throw new RetryableException("the workbench's store failed while deleting " + remoteId + " from the Atom"
                    + " feed of " + a.handle() + ": " + e.getMessage(), e);
        }
    }

    /** The entry put in its feeds (again), as a result; a store failure leaves it unknown whether subscribers see it. */
    private PublishResult shown(AtomEntry entry, String doing) throws OutcomeUnknownException {
        try {
            entries.show(entry);
        } catch (RuntimeException e) {
            throw new OutcomeUnknownException("the workbench's store failed while " + doing + " (entry "
                    + entry.atomId() + " is kept but not yet in its feed): " + e.getMessage(), e);
        }
        return entry.result(publicBase.get());
    }
}
