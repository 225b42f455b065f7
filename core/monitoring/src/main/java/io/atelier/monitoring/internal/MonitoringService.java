package io.atelier.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.monitoring.MentionEnricher;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.workspace.Account;
import io.atelier.monitoring.InvalidQueryException;
import io.atelier.monitoring.Monitoring;
import io.atelier.monitoring.PluginKind;
import io.atelier.monitoring.internal.PluginsById.Description;
import io.atelier.monitoring.internal.alert.AlertEvaluator;
import io.atelier.monitoring.internal.alert.NegativeSurge;
import io.atelier.monitoring.internal.alert.SpikeDetector;
import io.atelier.monitoring.internal.moderation.Charter;
import io.atelier.monitoring.internal.moderation.Moderator;
import io.atelier.monitoring.internal.query.ListeningQuery;
import io.atelier.monitoring.internal.query.QueryException;
import io.atelier.monitoring.internal.query.QueryIndex;
import io.atelier.scheduling.Approvals.Review;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.Platforms.Platform;
import io.atelier.scheduling.Reviews;
import io.atelier.store.AccountRepository;
import io.atelier.store.AlertRepository;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.ConflictException;
import io.atelier.store.AlertRepository.Channel;
import io.atelier.store.InboxRepository;
import io.atelier.store.InboxRepository.Item;
import io.atelier.store.InboxRepository.Reply;
import io.atelier.store.InboxRepository.ReplyState;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.MentionFilter;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.ListeningRepository.Voice;
import io.atelier.store.MediaRepository;
import io.atelier.store.ModerationRepository;
import io.atelier.store.StoreInfo;
import io.atelier.store.StoredAccountContext;

/**
 * The monitoring service in the framework: it follows the enricher and source
 * plugins (whiteboards), polls with a {@link Poller} unless
 * {@code etc/io.atelier.monitoring.cfg} says {@code poller=false}, and sends the
 * inbox's answers on its own threads.
 */
@Component(configurationPid = MonitoringConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MonitoringConfig.class)
public final class MonitoringService implements Monitoring {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringService.class);
    /** How many recent mentions a query preview looks through. */
    static final int PREVIEW_WINDOW = 500;
    /** The author of the notes moderation writes on items. */
    static final String MODERATION = "moderation";
    /** Framework property with the address the workbench listens on, set by the launcher. */
    static final String WORKBENCH_URL = "atelier.url";

    private final ListeningRepository listening;
    private final InboxRepository inbox;
    private final AccountRepository accounts;
    private final MediaRepository media;
    private final Platforms platforms;
    private final Clock clock;
    private final Enrichers enrichers = new Enrichers();
    private final PluginsById<MentionSource> sources = new PluginsById<>("Listening source", new Description<>() {
        public String id(MentionSource source) {
            return source.id();
        }

        public String name(MentionSource source) {
            return source.name();
        }

        public List<CredentialField> settings(MentionSource source) {
            return source.settings();
        }
    });
    private final PluginsById<AlertSink> sinks = new PluginsById<>("Alert sink", new Description<>() {
        public String id(AlertSink sink) {
            return sink.id();
        }

        public String name(AlertSink sink) {
            return sink.name();
        }

        public List<CredentialField> settings(AlertSink sink) {
            return sink.settings();
        }
    });
    private final AlertRepository alerts;
    private final ApprovalRepository approvals;
    private final Moderator moderator;
    private final Poller poller;
    private final Alerting alerting;
    private final ExecutorService senders;

    @Activate
    public MonitoringService(@Reference ListeningRepository listening, @Reference InboxRepository inbox,
            @Reference AccountRepository accounts, @Reference MediaRepository media, @Reference AlertRepository alerts,
            @Reference ModerationRepository moderation, @Reference ApprovalRepository approvals,
            @Reference StoreInfo store, @Reference Platforms platforms, MonitoringConfig config,
            BundleContext context) {
        this(listening, inbox, accounts, media, alerts, moderation, approvals, platforms, store.nodeId(), ListeningSettings.from(config),
                AlertSettings.from(config, context.getProperty(WORKBENCH_URL)), Clock.systemUTC());
        if (config.poller()) {
            poller.start();
            alerting.start();
            LOG.info("Listening and alerts started on node {}", store.nodeId());
        }
    }

    /** The service outside the framework (tests): nothing polls until {@link #pollDue()} is called. */
    MonitoringService(ListeningRepository listening, InboxRepository inbox, AccountRepository accounts,
            MediaRepository media, AlertRepository alerts, ModerationRepository moderation,
            ApprovalRepository approvals, Platforms platforms, String nodeId, ListeningSettings settings,
            AlertSettings alertSettings, Clock clock) {
        this.listening = listening;
        this.approvals = approvals;
        this.alerts = alerts;
        this.inbox = inbox;
        this.accounts = accounts;
        this.media = media;
        this.platforms = platforms;
        this.clock = clock;
        this.moderator = new Moderator(moderation, alerts, this::moderateOnNetwork);
        this.poller = new Poller(listening, accounts, media, platforms, sources, enrichers,
                new CompiledQueries(listening), moderator, this::abandonReplies, nodeId, settings, clock);
        this.alerting = new Alerting(alerts, listening, new AlertEvaluator(alerts, listening, SpikeDetector.DEFAULT,
                NegativeSurge.DEFAULT), sinks, nodeId, alertSettings, clock);
        this.senders = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "atelier-inbox-replies");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        poller.stop();
        alerting.stop();
        senders.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEnricher(MentionEnricher enricher, Map<String, Object> properties) {
        enrichers.add(properties.get(Constants.SERVICE_ID), ranking(properties), enricher, plugin(properties));
    }

    void removeEnricher(MentionEnricher enricher, Map<String, Object> properties) {
        enrichers.remove(properties.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(MentionSource source, Map<String, Object> properties) {
        sources.add(properties.get(Constants.SERVICE_ID), ranking(properties), source, plugin(properties));
    }

    void removeSource(MentionSource source, Map<String, Object> properties) {
        sources.remove(properties.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(AlertSink sink, Map<String, Object> properties) {
        sinks.add(properties.get(Constants.SERVICE_ID), ranking(properties), sink, plugin(properties));
    }

    void removeSink(AlertSink sink, Map<String, Object> properties) {
        sinks.remove(properties.get(Constants.SERVICE_ID));
    }

    /** For tests: an enricher, source or sink without the framework. */
    Enrichers enrichers() {
        return enrichers;
    }

    PluginsById<MentionSource> sourcePlugins() {
        return sources;
    }

    PluginsById<AlertSink> sinkPlugins() {
        return sinks;
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static String plugin(Map<String, Object> properties) {
        Object bundle = properties.get("service.bundleid");
        return bundle == null ? "an unknown bundle" : "bundle " + bundle;
    }

    // Queries

    @Override
    public void check(String query) {
        parse(query);
    }

    private static ListeningQuery parse(String query) {
        try {
            return ListeningQuery.parse(query == null ? "" : query);
        } catch (QueryException e) {
            throw new InvalidQueryException(e.error().position(), e.error().message());
        }
    }

    @Override
    public Query createQuery(String workspaceId, String name, String query, Voice voice, String actor) {
        check(query);
        return listening.createQuery(workspaceId, name, query, voice, actor);
    }

    @Override
    public Optional<Query> updateQuery(String workspaceId, String queryId, String name, String query, Voice voice) {
        check(query);
        return listening.updateQuery(workspaceId, queryId, name, query, voice);
    }

    @Override
    public List<StoredMention> preview(String workspaceId, String query, int limit) {
        QueryIndex index = new QueryIndex();
        index.put("preview", parse(query));
        return listening.mentions(workspaceId, new MentionFilter(null, null, null, PREVIEW_WINDOW)).stream()
                .filter(m -> !index.match(m.mention()).isEmpty())
                .limit(Math.max(0, limit))
                .toList();
    }

    // Sources

    @Override
    public List<PluginKind> sourceKinds() {
        return sources.kinds();
    }

    @Override
    public Source addSource(String workspaceId, String kind, String name, Map<String, String> settings) {
        Map<String, String> kept = PluginsById.checkSettings(sources.kind(kind, "kind"), settings);
        return listening.createSource(workspaceId, kind, name, Credentials.of(kept), clock.instant());
    }

    // Alerts

    @Override
    public List<PluginKind> sinkKinds() {
        return sinks.kinds();
    }

    @Override
    public Channel addChannel(String workspaceId, String sink, String name, Map<String, String> settings) {
        Map<String, String> kept = PluginsById.checkSettings(sinks.kind(sink, "sink"), settings);
        return alerts.createChannel(workspaceId, sink, name, Credentials.of(kept), clock.instant());
    }

    @Override
    public Optional<String> testChannel(String workspaceId, String channelId) {
        Channel channel = alerts.channels(workspaceId).stream().filter(c -> c.id().equals(channelId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("alert channel " + channelId + " does not exist"));
        Credentials settings = alerts.channelSettings(workspaceId, channelId).orElseThrow(
                () -> new NoSuchElementException("alert channel " + channelId + " does not exist"));
        Instant now = clock.instant();
        Alert test = new Alert("test-" + now.toEpochMilli(), workspaceId, "test", "Test alert from Atelier",
                "This channel (" + channel.name() + ") receives the workspace's alerts.", now, List.of(), null);
        try {
            return Optional.ofNullable(alerting.send(channel.sink(), test, settings.asMap()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public int evaluateAlerts() {
        int raised = alerting.evaluate(true);
        try {
            alerting.deliver();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return raised;
    }

    // Inbox answers

    @Override
    public Reply reply(String workspaceId, String itemId, String actor, String text) {
        Destination destination = destination(workspaceId, itemId);
        List<String> breaches = moderator.charter(workspaceId).breaches(text);
        if (!breaches.isEmpty()) {
            throw new IllegalArgumentException("text: " + Charter.problem(breaches));
        }
        if (inbox.repliesNeedApproval(workspaceId)) {
            return inbox.startReview(workspaceId, itemId, actor, text, clock.instant()).orElseThrow(
                    () -> new NoSuchElementException("inbox item " + itemId + " does not exist"));
        }
        Reply reply = inbox.startReply(workspaceId, itemId, actor, text, clock.instant()).orElseThrow(
                () -> new NoSuchElementException("inbox item " + itemId + " does not exist"));
        senders.execute(() -> send(reply, destination));
        return reply;
    }

    /** Where an item's answers go: the mention answered, through its account's network. */
    private record Destination(String inReplyTo, Platform platform, Account account) {
    }

    private Destination destination(String workspaceId, String itemId) {
        Item item = inbox.item(workspaceId, itemId).orElseThrow(
                () -> new NoSuchElementException("inbox item " + itemId + " does not exist"));
        Source source = listening.source(workspaceId, item.mention().sourceId()).orElseThrow(
                () -> new NoSuchElementException("inbox item " + itemId + " does not exist"));
        if (source.accountId() == null) {
            throw new IllegalArgumentException("text: " + source.name() + " is a listening source, not an account;"
                    + " answer on the site itself");
        }
        Account account = accounts.find(workspaceId, source.accountId()).orElseThrow(
                () -> new IllegalArgumentException("text: the account this came to is gone"));
        Platform platform = platforms.find(account.platform())
                .filter(p -> p.info().capabilities().contains(Capability.REPLY))
                .orElseThrow(() -> new IllegalArgumentException("text: " + account.platform()
                        + " answers cannot be sent from Atelier (no installed plugin offers it)"));
        return new Destination(item.mention().mention().id(), platform, account);
    }

    @Override
    public Review replyReview(String workspaceId, String replyId) {
        Reply reply = inReview(workspaceId, replyId);
        return Reviews.of(approvals.workflow(workspaceId), inbox.replyApprovals(reply.id()));
    }

    @Override
    public Reply approveReply(String workspaceId, String replyId, String personId, boolean mayReply) {
        Reply reply = inReview(workspaceId, replyId);
        List<Step> workflow = approvals.workflow(workspaceId);
        Review review = Reviews.of(workflow, inbox.replyApprovals(reply.id()));
        if (!review.mayDecide(personId, mayReply)) {
            throw new NotAnApproverException("you are not an approver of step " + review.step() + " of this"
                    + " workspace's workflow");
        }
        Destination destination = destination(workspaceId, reply.itemId());
        InboxRepository.ReplyDecision decision = inbox.approveReply(workspaceId, replyId, review.step(), personId,
                clock.instant(), given -> Reviews.complete(workflow, given)).orElseThrow(
                        () -> new NoSuchElementException("answer " + replyId + " does not exist"));
        if (decision.released()) {
            senders.execute(() -> send(decision.reply(), destination));
        }
        return decision.reply();
    }

    @Override
    public Reply rejectReply(String workspaceId, String replyId, String personId, String personName,
            boolean mayReply, String reason) {
        Reply reply = inReview(workspaceId, replyId);
        Review review = Reviews.of(approvals.workflow(workspaceId), inbox.replyApprovals(reply.id()));
        if (!review.mayDecide(personId, mayReply)) {
            throw new NotAnApproverException("you are not an approver of step " + review.step() + " of this"
                    + " workspace's workflow");
        }
        String why = "turned down by " + personName + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        return inbox.rejectReply(workspaceId, replyId, why, clock.instant()).orElseThrow(
                () -> new NoSuchElementException("answer " + replyId + " does not exist"));
    }

    private Reply inReview(String workspaceId, String replyId) {
        Reply reply = inbox.reply(workspaceId, replyId).orElseThrow(
                () -> new NoSuchElementException("answer " + replyId + " does not exist"));
        if (reply.state() != ReplyState.IN_REVIEW) {
            throw new ConflictException("answer " + replyId + " is not waiting for approval (it is " + reply.state()
                    + ")");
        }
        return reply;
    }

    /** Calls the network once; whatever happens, the answer's row says how it ended. */
    private void send(Reply reply, Destination destination) {
        String inReplyTo = destination.inReplyTo();
        Platform platform = destination.platform();
        Account account = destination.account();
        ReplyState state;
        String remoteId = null;
        String url = null;
        String error = null;
        try {
            PublishResult result = platform.connector().reply(new ReplyRequest(reply.id(), inReplyTo, reply.text()),
                    StoredAccountContext.stored(accounts, media, account));
            state = ReplyState.SENT;
            remoteId = result.remoteId();
            url = result.url();
        } catch (OutcomeUnknownException e) {
            state = ReplyState.UNKNOWN;
            error = "the network did not say whether it took the answer (" + e.getMessage()
                    + "): check on the network before answering again";
        } catch (PlatformException e) {
            // Every other typed failure happened before the network took the answer.
            state = ReplyState.FAILED;
            error = e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The plugin of {} failed while sending an answer", account.platform(), e);
            state = ReplyState.UNKNOWN;
            error = "the plugin of " + account.platform() + " failed (" + e.getClass().getSimpleName()
                    + "): check on the network before answering again";
        }
        inbox.finishReply(reply.id(), state, remoteId, url, error, clock.instant());
    }

    /**
     * Asks the mention's network, on the service's own threads, to hide or delete it;
     * what happened is written as an internal note on its inbox item.
     */
    private void moderateOnNetwork(StoredMention mention, ModerationAction action, String rule) {
        senders.execute(() -> {
            String verb = action == ModerationAction.HIDE ? "hide" : "delete";
            String outcome;
            try {
                Source source = listening.source(mention.workspaceId(), mention.sourceId()).orElseThrow();
                Account account = source.accountId() == null ? null
                        : accounts.find(mention.workspaceId(), source.accountId()).orElse(null);
                Platform platform = account == null ? null : platforms.find(account.platform())
                        .filter(p -> p.info().capabilities().contains(Capability.MODERATE)).orElse(null);
                if (platform == null) {
                    outcome = "Rule \"" + rule + "\" asked to " + verb + " this mention, but "
                            + (account == null ? "it did not come to one of the workspace's accounts"
                                    : account.platform() + " does not let Atelier " + verb + " mentions")
                            + ": do it on the network if needed.";
                } else {
                    platform.connector().moderate(mention.mention().id(), action,
                            StoredAccountContext.stored(accounts, media, account));
                    outcome = (action == ModerationAction.HIDE ? "Hidden" : "Deleted") + " on " + account.platform()
                            + " by rule \"" + rule + "\".";
                }
            } catch (PlatformException e) {
                outcome = "Rule \"" + rule + "\" could not " + verb + " this mention on the network: "
                        + e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Moderating mention {} on its network failed", mention.id(), e);
                outcome = "Rule \"" + rule + "\" could not " + verb + " this mention: the plugin failed ("
                        + e.getClass().getSimpleName() + ").";
            }
            if (mention.itemId() != null) {
                inbox.addNote(mention.workspaceId(), mention.itemId(), MODERATION, "Moderation", outcome,
                        clock.instant());
            }
        });
    }

    private void abandonReplies() {
        Instant now = clock.instant();
        for (Reply reply : inbox.abandonReplies(now.minus(Poller.ABANDONED_REPLY), now)) {
            LOG.warn("Answer {} on item {} never got the network's answer: marked unknown", reply.id(),
                    reply.itemId());
        }
    }

    @Override
    public int pollDue() {
        try {
            return poller.round(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
