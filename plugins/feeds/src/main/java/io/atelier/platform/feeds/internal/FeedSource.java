package io.atelier.platform.feeds.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;

/**
 * Listens to RSS 2.0, RSS 1.0 and Atom feeds: each poll fetches the feed with a
 * conditional GET ({@link FeedFetcher}), reads it ({@link FeedParser}), turns
 * its entries into mentions ({@link EntryMentions}) and reports those not
 * reported before ({@link SeenEntries}), oldest first, with a cursor that
 * remembers the validators and what was seen ({@link FeedCursor}). An unchanged
 * feed (304) reports nothing and keeps the cursor as it was.
 * <p>
 * Polls hold no state of their own: everything between two polls is in the
 * cursor, so any node may poll any feed. {@code etc/io.atelier.platform.feeds.cfg}
 * is optional ({@link FeedSourceConfig}).
 */
@Component(configurationPid = FeedSourceConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = MentionSource.SOURCE_ID + "=" + FeedSource.ID)
@Designate(ocd = FeedSourceConfig.class)
public final class FeedSource implements MentionSource {

    /** The source kind's id, and every mention's {@code source}. */
    public static final String ID = "feed";

    private static final List<CredentialField> SETTINGS = List.of(
            new CredentialField(FeedSettings.URL, "Feed URL", false, true, "The address of an RSS or Atom feed,"
                    + " e.g. https://example.org/feed/ (WordPress) or https://example.org/rss/ (Ghost)"),
            new CredentialField(FeedSettings.NAME, "Name", false, false, "Shown as the author of entries that name"
                    + " none; the feed's own title when empty"));

    private final FeedOptions options;
    private final FeedFetcher fetcher;
    private final Clock clock;

    @Activate
    public FeedSource(FeedSourceConfig config) {
        this(FeedOptions.from(config), Clock.systemUTC());
    }

    /** The source outside the framework (tests). */
    FeedSource(FeedOptions options, Clock clock) {
        this.options = options;
        this.fetcher = new FeedFetcher(options); // no I/O: the HTTP client is built on the first poll
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "RSS/Atom feed";
    }

    @Override
    public List<CredentialField> settings() {
        return SETTINGS;
    }

    @Override
    public MentionPage poll(Map<String, String> settings, String cursor) throws PlatformException {
        FeedSettings feedSettings = FeedSettings.of(settings);
        FeedCursor previous = FeedCursor.decode(cursor);
        FeedFetcher.Fetched fetched = fetcher.fetch(feedSettings.url(), previous);
        if (!(fetched instanceof FeedFetcher.Document document)) {
            return new MentionPage(List.of(), cursor);
        }
        ParsedFeed feed;
        try {
            feed = FeedParser.parse(document.body(), document.contentType());
        } catch (FeedException e) {
            throw new RejectedException(FeedFetcher.NETWORK + ": the document at " + document.uri().getHost() + " "
                    + e.getMessage(), e);
        }
        Instant now = clock.instant();
        EntryMentions mentions = new EntryMentions(document.uri(), feed, feedSettings.name(), now);
        List<Candidate> candidates = feed.entries().stream().map(mentions::candidate).toList();
        SeenEntries.Selection selection = SeenEntries.select(candidates, previous, options.remembered());
        FeedCursor next = new FeedCursor(document.etag(), document.lastModified(), selection.horizon(),
                selection.remembered());
        List<Mention> fresh = selection.fresh().stream().map(Candidate::mention).toList();
        return new MentionPage(fresh, next.encode());
    }
}
