package io.atelier.platform.bluesky.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * Listens to a Bluesky search: each poll asks {@code app.bsky.feed.searchPosts}
 * for the latest posts that match the query and reports those not reported
 * before, oldest first ({@link PostSearch}), as mentions shaped exactly like the
 * connector's (the post's AT URI as id, source {@code bluesky}). Anonymous against
 * Bluesky's public AppView by default; with a handle and an app password it signs
 * in at the account's PDS the way the connector does ({@link Sessions}) and
 * searches through it. Registered as a {@link MentionSource} with
 * {@code atelier.source.id=bluesky-search}; nothing happens at activation.
 * <p>
 * Everything between two polls is in the cursor, except the tokens of a search
 * that signs in, which are kept in memory ({@link SearchAccount}).
 */
@Component(service = MentionSource.class, property = MentionSource.SOURCE_ID + "=" + BlueskySearchSource.ID)
public final class BlueskySearchSource implements MentionSource {

    /** The source kind's id. */
    public static final String ID = "bluesky-search";

    private static final List<CredentialField> SETTINGS = List.of(
            new CredentialField(SearchSettings.QUERY, "Search", false, true, "What to look for, in Bluesky's search"
                    + " syntax: words, \"a phrase\", #hashtag, from:handle, mentions:handle, lang:fr, domain:example.com"),
            new CredentialField(SearchSettings.SERVICE, "Service", false, false, "Leave empty to ask Bluesky's"
                    + " public AppView (" + BlueskyConstants.PUBLIC_APPVIEW + "), or with a handle the account's PDS"
                    + " (" + BlueskyConstants.DEFAULT_ENDPOINT + "); another AppView or PDS by its address"),
            new CredentialField(SearchSettings.HANDLE, "Handle", false, false, "Only where the service answers"
                    + " searches to a signed-in account: the handle of the account that searches"),
            new CredentialField(SearchSettings.APP_PASSWORD, "App password", true, false, "With the handle: an app"
                    + " password of that account (Settings → Privacy and security → App passwords), never the"
                    + " account password"));

    private final Sessions sessions;
    private final PostSearch search;
    /** Signed-in searches by server and handle, so their tokens last from one poll to the next. */
    private final Map<String, SearchAccount> accounts = new ConcurrentHashMap<>();

    /** The source as the framework creates it: real HTTP with the connector's timeouts. */
    public BlueskySearchSource() {
        this(new Xrpc(BlueskyConstants.CONNECT_TIMEOUT, BlueskyConstants.REQUEST_TIMEOUT,
                BlueskyConstants.UPLOAD_TIMEOUT), PostSearch.PAGE);
    }

    /** The source with its own HTTP and {@code pageSize} posts a page (tests). */
    BlueskySearchSource(Xrpc xrpc, int pageSize) {
        this.sessions = new Sessions(xrpc);
        this.search = new PostSearch(new AppView(xrpc), pageSize);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Bluesky search";
    }

    @Override
    public List<CredentialField> settings() {
        return SETTINGS;
    }

    @Override
    public MentionPage poll(Map<String, String> settings, String cursor) throws PlatformException {
        SearchSettings s = SearchSettings.of(settings);
        MentionCursor from;
        try {
            from = cursor == null ? null : MentionCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("the cursor of the Bluesky search for " + s.query() + " cannot be used: "
                    + e.getMessage(), e);
        }
        if (!s.signsIn()) {
            Outcome<MentionPage> o = search.poll(s.service(), null, s.query(), from);
            if (o.tokenRejected()) {
                throw new RejectedException("Bluesky search: " + s.service() + " answers searches only to a signed-in"
                        + " account: give settings \"" + SearchSettings.HANDLE + "\" and \"" + SearchSettings.APP_PASSWORD
                        + "\", and as \"" + SearchSettings.SERVICE + "\" the account's PDS (empty for "
                        + BlueskyConstants.DEFAULT_ENDPOINT + ")");
            }
            return o.value();
        }
        SearchAccount account = accounts.compute(s.service() + " " + s.handle(),
                (key, known) -> known != null && known.matches(s) ? known : new SearchAccount(s));
        try {
            return sessions.run(account, session -> search.poll(session.endpoint(), session.accessJwt(), s.query(),
                    from));
        } catch (AuthExpiredException e) {
            // No account of the workbench to reconnect: the settings are what must change.
            throw new RejectedException("Bluesky search: " + e.getMessage() + " (settings \"" + SearchSettings.HANDLE
                    + "\" and \"" + SearchSettings.APP_PASSWORD + "\")", e);
        }
    }
}
