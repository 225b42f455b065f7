package io.atelier.scheduling.internal;

import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.ImportReport;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Scheduling;
import io.atelier.scheduling.TextPolicy;
import io.atelier.store.AccountRepository;
import io.atelier.store.ConflictException;
import io.atelier.store.DispatchRepository;
import io.atelier.store.MediaRepository;
import io.atelier.store.MediaRepository.StoredMedia;
import io.atelier.store.PostRepository;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Plan;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.StoreInfo;
import io.atelier.store.StoredAccountContext;
import io.atelier.store.WorkspaceRepository;

/**
 * {@link Scheduling} in the framework, with this node's {@link Dispatcher}. It starts
 * once the store is ready (its repositories are registered only after migration);
 * {@code etc/io.atelier.scheduling.cfg} is optional.
 */
@Component(configurationPid = SchedulingConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SchedulingConfig.class)
public final class SchedulingService implements Scheduling {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingService.class);

    /** The longest text accepted for one account, far above any network's limit: a paste gone wrong. */
    static final int MAX_TEXT = 50_000;
    /** A time this close in the past is read as "now": the person's clock and ours differ a little. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);
    /** How far ahead "add to queue" looks for a free slot. */
    static final Duration QUEUE_HORIZON = Duration.ofDays(56);
    /** The calendar feed shows this much of the past and of the future. */
    private static final Duration FEED_PAST = Duration.ofDays(90);
    private static final Duration FEED_FUTURE = Duration.ofDays(400);

    private final WorkspaceRepository workspaces;
    private final AccountRepository accounts;
    private final PostRepository posts;
    private final MediaRepository media;
    private final Platforms platforms;
    private final Clock clock;
    private final Dispatcher dispatcher;

    /** What workspaces may not publish (their charters...), from whichever plugins provide it. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<TextPolicy> policies = List.of();

    @Activate
    public SchedulingService(@Reference WorkspaceRepository workspaces, @Reference AccountRepository accounts,
            @Reference PostRepository posts, @Reference MediaRepository media, @Reference DispatchRepository dispatch,
            @Reference StoreInfo store, @Reference Platforms platforms, SchedulingConfig config) {
        this(workspaces, accounts, posts, media, dispatch, store.nodeId(), platforms, DispatcherSettings.from(config),
                Clock.systemUTC());
    }

    /** The service outside the framework (tests, benchmarks). */
    SchedulingService(WorkspaceRepository workspaces, AccountRepository accounts, PostRepository posts,
            MediaRepository media, DispatchRepository dispatch, String nodeId, Platforms platforms,
            DispatcherSettings settings, Clock clock) {
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.posts = posts;
        this.media = media;
        this.platforms = platforms;
        this.clock = clock;
        this.dispatcher = settings.enabled()
                ? new Dispatcher(dispatch, accounts, media, platforms::all, nodeId, settings, clock)
                : null;
        if (dispatcher != null) {
            dispatcher.start();
            LOG.info("Dispatcher started on node {}", nodeId);
        }
    }

    @Deactivate
    void deactivate() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    @Override
    public StoredPost create(String workspaceId, PostInput input, String actor) {
        Workspace workspace = workspace(workspaceId);
        List<Plan> plans = plan(workspace, accountsOf(workspaceId), input, actor, "created");
        StoredPost first = plans.size() == 1
                ? posts.create(workspaceId, plans.get(0))
                : posts.createAll(workspaceId, plans).get(0);
        wakeIfDueSoon(first);
        return first;
    }

    @Override
    public Instant check(String workspaceId, PostInput input) {
        return plan(workspace(workspaceId), accountsOf(workspaceId), input, "system", "checked").get(0).at();
    }

    @Override
    public StoredPost update(String workspaceId, String postId, long expectedVersion, PostInput input, String actor) {
        Workspace workspace = workspace(workspaceId);
        StoredPost current = post(workspaceId, postId);
        if (input.recurrence() != null) {
            throw new InvalidInputException("recurrence", "a recurrence is set when a post is created; edit the"
                    + " posts of a series one by one, or cancel the series and create it again");
        }
        List<Plan> plans = plan(workspace, accountsOf(workspaceId), input, actor, reasonForEdit(current, input));
        Plan plan = plans.get(0);
        plan = new Plan(plan.state(), plan.at(), plan.zone(), current.seriesId(), plan.variants(), actor, plan.reason());
        StoredPost updated = posts.update(workspaceId, postId, expectedVersion, plan)
                .orElseThrow(() -> notFound(postId));
        wakeIfDueSoon(updated);
        return updated;
    }

    @Override
    public StoredPost cancel(String workspaceId, String postId, boolean series, String actor) {
        StoredPost post = post(workspaceId, postId);
        StoredPost cancelled = posts.cancel(workspaceId, postId, actor, "cancelled").orElseThrow(() -> notFound(postId));
        if (series && post.seriesId() != null && post.at() != null) {
            posts.cancelSeries(workspaceId, post.seriesId(), post.at(), actor, "series cancelled from " + postId);
        }
        return cancelled;
    }

    @Override
    public StoredPost publishNow(String workspaceId, String postId, String actor) {
        Workspace workspace = workspace(workspaceId);
        StoredPost current = post(workspaceId, postId);
        switch (current.state()) {
            case PUBLISHING, PUBLISHED -> throw new ConflictException("post " + postId + " is "
                    + current.state().name().toLowerCase(Locale.ROOT) + " already");
            case CANCELLED -> throw new ConflictException("post " + postId + " was cancelled: edit it to plan it again");
            case IN_REVIEW -> throw new ConflictException("post " + postId + " waits for approval");
            default -> {
                // DRAFT, SCHEDULED, FAILED: published now.
            }
        }
        Instant now = clock.instant();
        boolean partly = current.state() == PostState.FAILED
                && current.targets().stream().anyMatch(t -> t.state() == PostState.PUBLISHED);
        List<PostVariant> variants = current.targets().stream()
                .filter(t -> !partly || t.state() == PostState.FAILED).map(PostRepository.Target::variant).toList();
        List<Problem> missing = new ArrayList<>();
        for (PostVariant variant : variants) {
            // A medium deleted from the library since the post was planned: say so now, not as a failed post.
            library(workspaceId, variant.media(), "variants." + variant.accountId() + ".media", missing);
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        check(workspaceId, accountsOf(workspaceId), variants);
        StoredPost updated;
        if (partly) {
            // Published on some accounts: only the failed ones are sent again.
            updated = posts.retryFailed(workspaceId, postId, current.version(), now, actor,
                    "publish now: the accounts where it failed").orElseThrow(() -> notFound(postId));
        } else {
            Plan plan = new Plan(PostState.SCHEDULED, now, current.zone(), current.seriesId(), variants, actor,
                    "publish now");
            updated = posts.update(workspaceId, postId, current.version(), plan).orElseThrow(() -> notFound(postId));
        }
        if (dispatcher != null) {
            dispatcher.wake();
        }
        return updated;
    }

    @Override
    public Optional<StoredPost> find(String workspaceId, String postId) {
        return posts.find(workspaceId, postId);
    }

    @Override
    public List<StoredPost> list(Query query) {
        return posts.list(query);
    }

    @Override
    public List<Change> history(String workspaceId, String postId) {
        return posts.history(workspaceId, postId);
    }

    @Override
    public Instant nextSlot(String workspaceId, Set<String> accountIds, Instant after) {
        Workspace workspace = workspace(workspaceId);
        List<List<Slot>> perAccount = new ArrayList<>();
        for (String accountId : accountIds) {
            List<Slot> slots = posts.slots(workspaceId, accountId);
            if (slots.isEmpty()) {
                throw new InvalidInputException("queue", "account " + accountId + " has no queue slots: add time"
                        + " slots to its queue, or give a time");
            }
            perAccount.add(slots);
        }
        List<Slot> common = QueueSlots.common(perAccount);
        if (common.isEmpty()) {
            throw new InvalidInputException("queue", "the accounts " + String.join(", ", accountIds)
                    + " have no queue slot in common: queue the post on each account separately, or give a time");
        }
        Instant from = after.plus(PAST_TOLERANCE);
        Instant horizon = after.plus(QUEUE_HORIZON);
        Set<Instant> taken = posts.taken(workspaceId, accountIds, from, horizon);
        return QueueSlots.next(common, workspace.zone(), from, horizon, taken)
                .orElseThrow(() -> new InvalidInputException("queue", "every queue slot of the next "
                        + QUEUE_HORIZON.toDays() / 7 + " weeks is taken: add slots or give a time"));
    }

    @Override
    public List<Slot> slots(String workspaceId, String accountId) {
        return posts.slots(workspaceId, accountId);
    }

    @Override
    public void setSlots(String workspaceId, String accountId, Set<Slot> slots) {
        if (!posts.setSlots(workspaceId, accountId, slots)) {
            throw new NoSuchElementException("account " + accountId + " does not exist in this workspace");
        }
    }

    @Override
    public ImportReport importCsv(String workspaceId, Reader csv, boolean dryRun, String actor, IntConsumer progress) {
        Workspace workspace = workspace(workspaceId);
        Map<String, Account> known = accountsOf(workspaceId);
        CsvImport.Parsed parsed = CsvImport.parse(csv, name -> resolveAccount(known.values(), name), n -> { });
        List<ImportReport.RowProblem> problems = new ArrayList<>(parsed.problems());
        List<Plan> plans = new ArrayList<>();
        int checked = 0;
        for (CsvImport.Row row : parsed.rows()) {
            try {
                plans.addAll(plan(workspace, known, row.input(), actor, "imported from CSV row " + row.number()));
            } catch (InvalidInputException e) {
                for (Problem problem : e.problems()) {
                    problems.add(new ImportReport.RowProblem(row.number(),
                            new Problem(csvColumn(problem.field()), problem.message())));
                }
            }
            if (++checked % 100 == 0) {
                progress.accept(checked);
            }
        }
        progress.accept(parsed.rowCount());
        problems.sort((a, b) -> Integer.compare(a.row(), b.row()));
        if (dryRun || !problems.isEmpty() || plans.isEmpty()) {
            return new ImportReport(parsed.rowCount(), 0, dryRun, problems);
        }
        posts.createAll(workspaceId, plans);
        if (dispatcher != null) {
            dispatcher.wake();
        }
        return new ImportReport(parsed.rowCount(), plans.size(), false, problems);
    }

    @Override
    public Optional<String> calendarFeed(String workspaceId, String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return posts.workspaceOfFeedSecret(secret).filter(workspaceId::equals).flatMap(workspaces::find)
                .map(workspace -> {
            Instant now = clock.instant();
            List<StoredPost> planned = posts.list(new Query(Set.of(workspace.id()), now.minus(FEED_PAST),
                    now.plus(FEED_FUTURE), Set.of(), null, PostRepository.MAX_LIMIT));
            Map<String, String> labels = accounts.list(workspace.id()).stream()
                    .collect(Collectors.toMap(Account::id, a -> a.handle() + " (" + a.platform() + ")"));
            return ICalendar.feed(workspace.name(), planned, id -> labels.getOrDefault(id, id), now);
        });
    }

    @Override
    public String rotateFeedSecret(String workspaceId, String actor) {
        workspace(workspaceId);
        return posts.rotateFeedSecret(workspaceId);
    }

    /**
     * Turns what a person wrote into the plans to store: one, or one per occurrence.
     *
     * @param known the workspace's accounts, by id (read once per call, or per import)
     * @throws InvalidInputException with every problem found
     */
    private List<Plan> plan(Workspace workspace, Map<String, Account> known, PostInput input, String actor,
            String reason) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = workspace.zone();
        try {
            zone = PlanTime.zone(input.zone(), workspace.zone());
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        if (input.draft() && input.review()) {
            problems.add(new Problem("review", "a post is either a draft or in review, not both"));
        }
        if (input.queue() && input.at() != null && !input.at().isBlank()) {
            problems.add(new Problem("queue", "give either a time or queue, not both"));
        }
        List<PostVariant> variants = variants(workspace, known, input, problems);
        boolean variantsOk = problems.isEmpty() || problems.stream().noneMatch(p -> p.field().startsWith("accounts")
                || p.field().startsWith("variants") || p.field().equals("text"));
        Instant at = null;
        Instant now = clock.instant();
        if (input.queue()) {
            if (problems.isEmpty()) {
                try {
                    at = nextSlot(workspace.id(), variants.stream().map(PostVariant::accountId)
                            .collect(Collectors.toCollection(LinkedHashSet::new)), now);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
        } else if (input.at() == null || input.at().isBlank()) {
            if (!input.draft()) {
                problems.add(new Problem("at", "give a time (e.g. 2026-12-01T09:30 with a zone), add it to the queue,"
                        + " or keep it as a draft"));
            }
        } else {
            try {
                at = PlanTime.resolve(input.at(), zone);
                if (!input.draft() && at.isBefore(now.minus(PAST_TOLERANCE))) {
                    problems.add(new Problem("at", input.at() + " is in the past (it is now "
                            + LocalDateTime.ofInstant(now, zone).withNano(0) + " in " + zone
                            + "): choose a later time, or publish now"));
                } else if (at.isBefore(now) && !input.draft()) {
                    at = now;
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        // A draft is kept as written: the networks' rules are checked when it is planned.
        if (variantsOk && !variants.isEmpty() && !input.draft()) {
            try {
                check(workspace.id(), known, variants);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        List<Instant> occurrences = List.of();
        if (input.recurrence() != null && problems.isEmpty()) {
            if (at == null) {
                problems.add(new Problem("recurrence", "a recurring post needs a time for its first occurrence"));
            } else {
                try {
                    occurrences = new ArrayList<>(Occurrences.of(LocalDateTime.ofInstant(at, zone), zone,
                            input.recurrence()));
                    // The first occurrence is the instant asked for, even the second of a repeated hour.
                    occurrences.set(0, at);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PostState state = input.draft() ? PostState.DRAFT : input.review() ? PostState.IN_REVIEW : PostState.SCHEDULED;
        if (occurrences.size() <= 1) {
            return List.of(new Plan(state, at, zone, null, variants, actor, input.queue() ? reason + " (queue slot)" : reason));
        }
        String seriesId = "ser_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        List<Plan> plans = new ArrayList<>(occurrences.size());
        for (int i = 0; i < occurrences.size(); i++) {
            plans.add(new Plan(state, occurrences.get(i), zone, seriesId, variants, actor,
                    reason + " (occurrence " + (i + 1) + " of " + occurrences.size() + ")"));
        }
        return plans;
    }

    /** The variants the input describes: one per account, common text and media unless the account has its own. */
    private List<PostVariant> variants(Workspace workspace, Map<String, Account> known, PostInput input,
            List<Problem> problems) {
        Map<String, PostVariant> variants = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(input.accounts());
        for (String id : input.variants().keySet()) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            problems.add(new Problem("accounts", "choose at least one account to publish on"));
        }
        // The common media are looked up once, whatever the number of accounts that use them.
        List<Media> common = library(workspace.id(), input.media(), "media", problems);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String field = i < input.accounts().size() ? "accounts[" + i + "]" : "variants." + id;
            if (id == null || id.isBlank()) {
                problems.add(new Problem(field, "an account id is empty"));
                continue;
            }
            if (variants.containsKey(id)) {
                problems.add(new Problem(field, "account " + id + " is named twice"));
                continue;
            }
            if (!known.containsKey(id)) {
                problems.add(new Problem(field, "unknown account '" + id + "' in this workspace"));
                continue;
            }
            PostInput.Variant own = input.variants().get(id);
            String text = own != null && own.text() != null ? own.text() : input.text();
            List<Media> media = own != null && own.media() != null
                    ? library(workspace.id(), own.media(), "variants." + id + ".media", problems)
                    : common;
            List<String> thread = own != null ? own.thread() : null;
            String textField = own != null && own.text() != null ? "variants." + id + ".text" : "text";
            text = text == null ? "" : text;
            boolean attached = !(own != null && own.media() != null ? own.media() : input.media()).isEmpty();
            if (text.isBlank() && !attached) {
                problems.add(new Problem(textField, "write a text or attach media"
                        + (textField.equals("text") ? "" : " for account " + id)));
            } else if (text.length() > MAX_TEXT) {
                problems.add(new Problem(textField, "the text is " + text.length() + " characters; at most " + MAX_TEXT
                        + " are accepted"));
            }
            variants.put(id, new PostVariant(id, text, media, thread));
        }
        return List.copyOf(variants.values());
    }

    /**
     * The media as the workspace's library has them: each id must be one of the
     * library's media ({@code med_…}), whose type and size replace whatever the caller
     * said; the caller's alt text is kept, and the library's used when it gave none.
     * An unknown id is a problem on {@code field[i]}, e.g. {@code media[0]} or
     * {@code variants.acc_1.media[2]}, and is left out of the answer.
     */
    private List<Media> library(String workspaceId, List<Media> given, String field, List<Problem> problems) {
        List<Media> resolved = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            Media item = given.get(i);
            Optional<StoredMedia> stored = item.id().isBlank() ? Optional.empty() : media.find(workspaceId, item.id());
            if (stored.isEmpty()) {
                problems.add(new Problem(field + "[" + i + "]", "unknown medium '" + item.id() + "' in this"
                        + " workspace's media library: upload the file to the library first and attach it by the id"
                        + " it gets (med_…)"));
                continue;
            }
            resolved.add(stored.get().asMedia(item.altText().isBlank() ? null : item.altText()));
        }
        return resolved;
    }

    /**
     * Checks each variant with its account's connector: every rule the network will
     * enforce, and that the network's plugin is there at all.
     *
     * @throws InvalidInputException with every problem, fields prefixed by {@code variants.<account>.}
     */
    private void check(String workspaceId, Map<String, Account> known, List<PostVariant> variants) {
        List<Problem> problems = new ArrayList<>();
        List<TextPolicy.Check> checks = textChecks(workspaceId);
        for (PostVariant variant : variants) {
            String field = "variants." + variant.accountId();
            policyProblems(checks, variant.text(), field + ".text", problems);
            for (int i = 0; i < variant.thread().size(); i++) {
                policyProblems(checks, variant.thread().get(i), field + ".thread[" + i + "]", problems);
            }
            Account account = known.get(variant.accountId());
            if (account == null) {
                problems.add(new Problem(field, "unknown account '" + variant.accountId() + "' in this workspace"));
                continue;
            }
            Optional<Platforms.Platform> platform = platforms.find(account.platform());
            if (platform.isEmpty()) {
                problems.add(new Problem(field, "the " + account.platform() + " plugin is not installed: account "
                        + account.handle() + " cannot publish; install it or keep the post as a draft"));
                continue;
            }
            List<Problem> found;
            try {
                found = platform.get().connector().validate(variant,
                        StoredAccountContext.stored(accounts, media, account));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("The {} plugin failed to check a post", account.platform(), e);
                problems.add(new Problem(field, "the " + platform.get().info().name() + " plugin failed to check this"
                        + " post (" + e.getClass().getSimpleName() + "); see the log"));
                continue;
            }
            for (Problem problem : found == null ? List.<Problem>of() : found) {
                problems.add(new Problem(field + "." + problem.field(), problem.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The workspace's text policies (its charter...), each read once for a post; one that fails is skipped. */
    private List<TextPolicy.Check> textChecks(String workspaceId) {
        List<TextPolicy.Check> checks = new ArrayList<>();
        for (TextPolicy policy : policies) {
            try {
                checks.add(policy.forWorkspace(workspaceId));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A text policy ({}) failed to read; posts are checked without it", policy.getClass().getName(),
                        e);
            }
        }
        return checks;
    }

    /** The problems the checks find in one text of a post; a check that fails is skipped. */
    private static void policyProblems(List<TextPolicy.Check> checks, String text, String field,
            List<Problem> problems) {
        for (TextPolicy.Check check : checks) {
            try {
                for (String problem : check.problems(text)) {
                    problems.add(new Problem(field, problem));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A text policy failed to check a post; the post is checked without it", e);
            }
        }
    }

    private static String reasonForEdit(StoredPost current, PostInput input) {
        if (input.draft()) {
            return current.state() == PostState.DRAFT ? "edited" : "back to draft";
        }
        return current.state() == PostState.FAILED ? "planned again" : "edited";
    }

    /** The CSV column a problem of the post it describes is about: {@code at} is the row's time, and so on. */
    private static String csvColumn(String field) {
        if (field.equals("at")) {
            return "time";
        }
        if (field.startsWith("accounts")) {
            return "accounts";
        }
        if (field.startsWith("variants.") && field.endsWith(".text") || field.equals("text")) {
            return "text";
        }
        return field.startsWith("media") || field.startsWith("variants.") && field.contains(".media") ? "media"
                : field;
    }

    /** An account named by its id, its handle, or {@code platform:handle}. */
    private static Optional<String> resolveAccount(Collection<Account> known, String name) {
        String wanted = name.trim();
        for (Account account : known) {
            if (account.id().equals(wanted) || account.handle().equalsIgnoreCase(wanted)
                    || (account.platform() + ":" + account.handle()).equalsIgnoreCase(wanted)) {
                return Optional.of(account.id());
            }
        }
        return Optional.empty();
    }

    private void wakeIfDueSoon(StoredPost post) {
        if (dispatcher != null && post.at() != null && post.state() == PostState.SCHEDULED
                && post.at().isBefore(clock.instant().plusSeconds(5))) {
            dispatcher.wake();
        }
    }

    /** The workspace's accounts by id, read in one query. */
    private Map<String, Account> accountsOf(String workspaceId) {
        Map<String, Account> known = new LinkedHashMap<>();
        for (Account account : accounts.list(workspaceId)) {
            known.put(account.id(), account);
        }
        return known;
    }

    private Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId)
                .orElseThrow(() -> new NoSuchElementException("workspace " + workspaceId + " does not exist"));
    }

    private StoredPost post(String workspaceId, String postId) {
        return posts.find(workspaceId, postId).orElseThrow(() -> notFound(postId));
    }

    private static NoSuchElementException notFound(String postId) {
        return new NoSuchElementException("post " + postId + " does not exist in this workspace");
    }
}
