package io.atelier.shell.internal.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.post.PostState;
import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandResult;
import io.atelier.scheduling.PostInput;
import io.atelier.shell.internal.media.MediaOperations;
import io.atelier.shell.internal.post.ApprovalOperations;
import io.atelier.shell.internal.post.PostJson;
import io.atelier.shell.internal.post.PostOperations;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.RequestBodies;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

/**
 * The console's commands for the editorial calendar ({@code posts}, {@code post},
 * {@code post-create}, {@code post-cancel}, {@code post-publish-now},
 * {@code posts-import}, {@code queue}, {@code media}) and its approvals
 * ({@code approvals}, {@code post-approve}, {@code post-reject},
 * {@code approval-workflow}, {@code signoff-link}), registered as {@link Command}
 * services like the other built-in ones. They call {@link PostOperations} and
 * {@link MediaOperations}, as the REST API does, and return the same JSON as data;
 * they act as the {@code system} principal at the console and as the caller over
 * REST ({@link CommandCaller}).
 */
@Component
public final class PostCommands {

    /** How much of a post's text a listing shows. */
    static final int TEXT_START = 40;
    /** The most posts {@code posts} lists. */
    static final int LIST_LIMIT = 500;

    private static final String POSTS_USAGE = "<workspace> [<from>] [<to>]  (dates such as 2026-12-01, or instants)";
    private static final String CREATE_USAGE = "<workspace> <accounts,comma-separated> <at|-> <text...>"
            + " [--zone <zone>] [--draft] [--queue]";
    private static final String IMPORT_USAGE = "<workspace> <file.csv> [--dry-run]";
    private static final String QUEUE_USAGE = "<workspace> <account> [<DAY>@<HH:MM>...] [--clear]";
    private static final String WORKFLOW_USAGE = "<workspace> [ANY:<person>,<person> ALL:<person>,client ...]"
            + " [--clear]";
    private static final String SIGNOFF_USAGE = "<workspace> <days shown> <days valid> <client name...>";

    private final PostOperations posts;
    private final MediaOperations media;
    private final WorkspaceOperations workspaces;
    private final ApprovalOperations approvals;
    private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();

    @Activate
    public PostCommands(BundleContext context, @Reference PostOperations posts, @Reference MediaOperations media,
            @Reference WorkspaceOperations workspaces, @Reference ApprovalOperations approvals) {
        this.posts = posts;
        this.media = media;
        this.workspaces = workspaces;
        this.approvals = approvals;
        BuiltinCommands.register(context, commands(), registrations);
    }

    @Deactivate
    void deactivate() {
        BuiltinCommands.unregister(registrations);
    }

    /** The table of the posts commands. */
    List<BuiltinCommands.Builtin> commands() {
        return List.of(
                new BuiltinCommands.Builtin("posts", "Lists a workspace's posts by due time", POSTS_USAGE,
                        this::list),
                new BuiltinCommands.Builtin("post", "Shows a post with its results and history",
                        "<workspace> <post>", this::show),
                new BuiltinCommands.Builtin("post-create", "Plans a post, or keeps it as a draft", CREATE_USAGE,
                        this::create),
                new BuiltinCommands.Builtin("post-cancel", "Cancels what is left to publish of a post",
                        "<workspace> <post> [--series]", this::cancel),
                new BuiltinCommands.Builtin("post-publish-now", "Publishes a draft, scheduled or failed post now",
                        "<workspace> <post>", args -> {
                            List<String> a = exactly(args, 2, "<workspace> <post>");
                            StoredPost post = posts.publishNow(CommandCaller.actor(), a.get(0), a.get(1));
                            return new CommandResult("Post " + post.id() + " is " + post.state()
                                    + ": the dispatcher publishes it now.", PostJson.post(post));
                        }),
                new BuiltinCommands.Builtin("posts-import", "Checks, then plans, the posts of a CSV file (header"
                        + " date,time,zone,accounts,text,media)", IMPORT_USAGE, this::importCsv),
                new BuiltinCommands.Builtin("queue", "Shows an account's queue slots, or replaces them", QUEUE_USAGE,
                        this::queue),
                new BuiltinCommands.Builtin("media", "Lists a workspace's media library, newest first",
                        "<workspace>", this::media),
                new BuiltinCommands.Builtin("approvals", "Lists the posts in review and the step each waits at",
                        "<workspace>", this::approvals),
                new BuiltinCommands.Builtin("post-approve", "Approves the step a post in review waits at (the"
                        + " console may decide at any step)", "<workspace> <post>", args -> {
                            List<String> a = exactly(args, 2, "<workspace> <post>");
                            StoredPost post = approvals.approve(CommandCaller.actor(), a.get(0), a.get(1), -1);
                            return new CommandResult("Post " + post.id() + " is " + post.state()
                                    + (post.state() == PostState.SCHEDULED ? ": every step is approved." : "."),
                                    PostJson.post(post));
                        }),
                new BuiltinCommands.Builtin("post-reject", "Sends a post in review back to draft with a comment",
                        "<workspace> <post> <comment...>", args -> {
                            if (args.size() < 3) {
                                throw ApiException.invalid("comment", "usage: post-reject <workspace> <post>"
                                        + " <comment...>");
                            }
                            StoredPost post = approvals.reject(CommandCaller.actor(), args.get(0), args.get(1), -1,
                                    String.join(" ", args.subList(2, args.size())));
                            return new CommandResult("Post " + post.id() + " is a draft again.", PostJson.post(post));
                        }),
                new BuiltinCommands.Builtin("approval-workflow", "Shows a workspace's approval workflow, or"
                        + " replaces it: each step is ANY: or ALL: followed by approvers separated by commas",
                        WORKFLOW_USAGE, this::workflow),
                new BuiltinCommands.Builtin("signoff-link", "Creates a client sign-off link for the posts of the"
                        + " coming days and prints its address once", SIGNOFF_USAGE, this::signoffLink));
    }

    private CommandResult list(List<String> args) {
        if (args.isEmpty() || args.size() > 3) {
            throw ApiException.invalid("args", "usage: posts " + POSTS_USAGE);
        }
        String workspaceId = args.get(0);
        ZoneId zone = workspaces.get(workspaceId).zone();
        Instant from = args.size() > 1 ? moment(args.get(1), zone, "from") : null;
        Instant to = args.size() > 2 ? moment(args.get(2), zone, "to") : null;
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "to must be after from");
        }
        List<StoredPost> list = posts.list(workspaceId, new PostOperations.Filter(from, to, Set.of(), null,
                LIST_LIMIT, Set.of()));
        if (list.isEmpty()) {
            return new CommandResult("No post in workspace " + workspaceId + (from == null && to == null ? ""
                    : " in that period") + ".", PostJson.posts(list));
        }
        TextTable table = new TextTable("ID", "LOCAL TIME", "ZONE", "STATE", "ACCOUNTS", "TEXT");
        for (StoredPost post : list) {
            table.row(post.id(), post.localAt() == null ? "-" : post.localAt(), post.zone(), post.state(),
                    String.join(",", post.targets().stream().map(Target::accountId).toList()), textStart(post));
        }
        return new CommandResult(table.toString(), PostJson.posts(list));
    }

    private CommandResult show(List<String> args) {
        List<String> a = exactly(args, 2, "<workspace> <post>");
        StoredPost post = posts.get(a.get(0), a.get(1));
        List<Change> history = posts.history(a.get(0), a.get(1));
        StringBuilder text = new StringBuilder()
                .append("Post ").append(post.id()).append(" (version ").append(post.version()).append("): ")
                .append(post.state())
                .append("\nAt ").append(post.localAt() == null ? "no date" : post.localAt() + " " + post.zone()
                        + " (" + post.at() + ")");
        if (post.seriesId() != null) {
            text.append("\nSeries ").append(post.seriesId());
        }
        text.append("\nCreated ").append(post.createdAt()).append(" by ").append(post.createdBy())
                .append(", updated ").append(post.updatedAt());
        for (Target target : post.targets()) {
            text.append("\n\n").append(target.accountId()).append(": ").append(target.state());
            if (target.attempts() > 0) {
                text.append(", ").append(target.attempts()).append(target.attempts() == 1 ? " attempt" : " attempts");
            }
            if (target.url() != null) {
                text.append(", ").append(target.url());
            }
            if (target.error() != null) {
                text.append("\n  error: ").append(oneLine(target.error()));
            }
            text.append("\n  ").append(oneLine(target.variant().text()));
            target.variant().media().forEach(m -> text.append("\n  media: ").append(oneLine(m.id()))
                    .append(" (").append(m.mediaType()).append(")"));
            target.variant().thread().forEach(part -> text.append("\n  then: ").append(oneLine(part)));
        }
        TextTable changes = new TextTable("AT", "ACCOUNT", "FROM", "TO", "ACTOR", "REASON");
        history.forEach(c -> changes.row(c.at(), c.accountId(), c.from(), c.to(), c.actor(), c.reason()));
        text.append("\n\nHistory\n").append(changes);
        return new CommandResult(text.toString(), PostJson.post(post, history));
    }

    private CommandResult create(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        boolean draft = rest.remove("--draft");
        boolean queue = rest.remove("--queue");
        String zone = null;
        int zoneAt = rest.indexOf("--zone");
        if (zoneAt >= 0) {
            if (zoneAt + 1 >= rest.size()) {
                throw ApiException.invalid("zone", "--zone needs a zone, e.g. --zone Europe/Paris");
            }
            zone = rest.get(zoneAt + 1);
            rest.remove(zoneAt + 1);
            rest.remove(zoneAt);
        }
        if (rest.size() < 4) {
            throw ApiException.invalid("args", "usage: post-create " + CREATE_USAGE + " (with --queue or a dateless"
                    + " draft, give - as <at>)");
        }
        String at = rest.get(2).equals("-") ? null : rest.get(2);
        String text = String.join(" ", rest.subList(3, rest.size()));
        PostInput input = new PostInput(text, null, PostOperations.split(rest.get(1)), null, at, zone, queue, draft,
                false, null);
        StoredPost post = posts.create(CommandCaller.actor(), rest.get(0), input);
        return new CommandResult("Created post " + post.id() + ": " + post.state() + (post.localAt() == null ? ""
                : " at " + post.localAt() + " " + post.zone()), PostJson.post(post));
    }

    private CommandResult cancel(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        boolean series = rest.remove("--series");
        List<String> a = exactly(rest, 2, "<workspace> <post> [--series]");
        StoredPost post = posts.cancel(CommandCaller.actor(), a.get(0), a.get(1), series);
        return new CommandResult("Post " + post.id() + " is " + post.state() + (series && post.seriesId() != null
                ? ", with the later posts of series " + post.seriesId() : ""), PostJson.post(post));
    }

    private CommandResult approvals(List<String> args) {
        String workspaceId = exactly(args, 1, "<workspace>").get(0);
        Set<PostState> inReview = EnumSet.of(PostState.IN_REVIEW);
        List<StoredPost> waiting = posts.list(workspaceId, new PostOperations.Filter(null, null, inReview, null,
                LIST_LIMIT, Set.of()));
        TextTable table = new TextTable("POST", "DUE", "STEP", "WAITS FOR", "TEXT");
        for (StoredPost post : waiting) {
            ApprovalOperations.ReviewView review = approvals.review(CommandCaller.actor().principal(),
                    workspaceId, post.id());
            table.row(post.id(), post.localAt() == null ? "-" : post.localAt() + " " + post.zone(),
                    review.step() + "/" + review.steps(), review.approvers().isEmpty() ? "anyone who schedules"
                            : String.join(", ", review.approvers().stream().map(a -> a.name()).toList()),
                    textStart(post));
        }
        return new CommandResult(waiting.isEmpty() ? "No post waits for approval in " + workspaceId
                : table.toString(), PostJson.posts(waiting));
    }

    private CommandResult workflow(List<String> args) {
        if (args.isEmpty()) {
            throw ApiException.invalid("workspace", "usage: approval-workflow " + WORKFLOW_USAGE);
        }
        String workspaceId = args.get(0);
        List<String> rest = args.subList(1, args.size());
        ApprovalOperations.WorkflowView view;
        if (rest.isEmpty()) {
            view = approvals.workflow(workspaceId);
        } else {
            List<Step> steps = new ArrayList<>();
            if (!rest.equals(List.of("--clear"))) {
                for (int i = 0; i < rest.size(); i++) {
                    String[] parts = rest.get(i).split(":", 2);
                    Mode mode;
                    try {
                        mode = Mode.valueOf(parts[0].toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.invalid("steps[" + i + "]", "write each step as ANY:<approvers> or"
                                + " ALL:<approvers>, not " + rest.get(i));
                    }
                    steps.add(new Step(i + 1, mode, parts.length < 2 || parts[1].isBlank() ? List.of()
                            : List.of(parts[1].split(","))));
                }
            }
            view = approvals.setWorkflow(CommandCaller.actor(), workspaceId, steps);
        }
        StringBuilder text = new StringBuilder(view.steps().isEmpty()
                ? "No workflow: one approval from someone who may schedule posts." : "");
        for (ApprovalOperations.StepView step : view.steps()) {
            text.append(text.length() == 0 ? "" : "\n").append("Step ").append(step.step()).append(' ')
                    .append(step.mode()).append(": ").append(String.join(", ", step.approvers().stream()
                            .map(a -> a.name() + " (" + a.id() + ")").toList()));
        }
        return new CommandResult(text.toString(), view);
    }

    private CommandResult signoffLink(List<String> args) {
        if (args.size() < 4) {
            throw ApiException.invalid("clientName", "usage: signoff-link " + SIGNOFF_USAGE);
        }
        int shown = days(args.get(1), "days shown");
        int valid = days(args.get(2), "days valid");
        Instant now = Instant.now();
        ApprovalOperations.NewLinkView created = approvals.createLink(CommandCaller.actor(), args.get(0),
                String.join(" ", args.subList(3, args.size())), now, now.plus(Duration.ofDays(shown)),
                now.plus(Duration.ofDays(valid)));
        return new CommandResult("Sign-off link " + created.link().id() + " for " + created.link().clientName()
                + ", valid until " + created.link().expiresAt() + ". Give the client this address (shown once):\n"
                + created.url(), created);
    }

    private static int days(String value, String field) {
        try {
            int days = Integer.parseInt(value);
            if (days >= 1) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid(field, field + " must be a whole number of days, at least 1: " + value);
    }

    private CommandResult importCsv(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        boolean dryRun = rest.remove("--dry-run");
        List<String> a = exactly(rest, 2, IMPORT_USAGE);
        List<String> lines = new ArrayList<>();
        PostOperations.ImportView report;
        try (Reader csv = read(a.get(1))) {
            report = posts.importCsv(CommandCaller.actor(), a.get(0), csv, dryRun, rows -> {
                String line = "checked " + rows + " rows…";
                if (!CommandProgress.print(line)) {
                    lines.add(line);
                }
            });
        } catch (IOException e) {
            throw ApiException.invalid("file", "cannot read " + a.get(1) + ": " + e.getMessage());
        }
        if (report.ok()) {
            lines.add(report.dryRun() ? "All " + report.rows() + " rows can be imported; run it again without"
                    + " --dry-run to plan them." : "Imported " + report.imported() + " posts from " + report.rows()
                    + " rows.");
        } else {
            lines.add(report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems") + " in "
                    + report.rows() + " rows; nothing was imported. Fix the file and import it again:");
            report.problems().forEach(p -> lines.add("  row " + p.row() + ", " + p.field() + ": "
                    + oneLine(p.message())));
        }
        return new CommandResult(String.join("\n", lines), report);
    }

    /** A CSV file from disk, refused when larger than an upload may be. */
    private static Reader read(String name) throws IOException {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw ApiException.invalid("file", "'" + name + "' is not a file path");
        }
        try {
            if (Files.size(path) > PostOperations.MAX_CSV_BYTES) {
                throw ApiException.invalid("file", path + " is larger than " + (PostOperations.MAX_CSV_BYTES >> 20)
                        + " MiB; split it into several files");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return RequestBodies.text(in, "the file " + path);
            }
        } catch (NoSuchFileException e) {
            throw ApiException.invalid("file", "no file " + path);
        }
    }

    private CommandResult queue(List<String> args) {
        if (args.size() < 2) {
            throw ApiException.invalid("args", "usage: queue " + QUEUE_USAGE);
        }
        String workspaceId = args.get(0);
        String accountId = args.get(1);
        List<String> given = new ArrayList<>(args.subList(2, args.size()));
        boolean clear = given.remove("--clear");
        PostOperations.QueueView queue;
        if (given.isEmpty() && !clear) {
            queue = posts.queue(workspaceId, accountId);
        } else {
            if (clear && !given.isEmpty()) {
                throw ApiException.invalid("args", "give slots or --clear, not both");
            }
            List<Slot> slots = new ArrayList<>();
            for (String slot : given) {
                int at = slot.indexOf('@');
                if (at <= 0) {
                    throw ApiException.invalid("slots", "'" + slot + "' is not <DAY>@<HH:MM>, e.g. MONDAY@09:00");
                }
                slots.add(PostJson.slot(slot.substring(0, at), slot.substring(at + 1), "slots[" + slots.size() + "]"));
            }
            queue = posts.setQueue(CommandCaller.actor(), workspaceId, accountId, null, slots);
        }
        if (queue.slots().isEmpty()) {
            return new CommandResult("Account " + accountId + " has no queue slots.", queue);
        }
        TextTable table = new TextTable("DAY", "TIME");
        queue.slots().forEach(s -> table.row(s.day(), s.time()));
        return new CommandResult("Queue of " + accountId + " (" + queue.zone() + ")\n" + table, queue);
    }

    /** The beginning of a post's first text, on one line. */
    static String textStart(StoredPost post) {
        String text = post.targets().isEmpty() ? "" : oneLine(post.targets().get(0).variant().text());
        return text.length() <= TEXT_START ? text : text.substring(0, TEXT_START - 1) + "…";
    }

    /** An instant, or a date meaning its first moment in the workspace's zone. */
    private static Instant moment(String value, ZoneId zone, String field) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, field + " must be a date such as 2026-12-01 or an instant such as"
                    + " 2026-12-01T08:00:00Z");
        }
    }

    private CommandResult media(List<String> args) {
        String workspaceId = exactly(args, 1, "<workspace>").get(0);
        List<MediaOperations.MediaView> library = media.list(workspaceId, Map.of());
        if (library.isEmpty()) {
            return new CommandResult("No medium in workspace " + workspaceId + ": upload files with POST /api/v1/"
                    + "workspaces/" + workspaceId + "/media.", library);
        }
        TextTable table = new TextTable("ID", "TYPE", "BYTES", "NAME", "UPLOADED", "ALT");
        for (MediaOperations.MediaView item : library) {
            table.row(item.id(), item.mediaType(), item.size(), item.fileName() == null ? "-" : item.fileName(),
                    item.createdAt().truncatedTo(ChronoUnit.SECONDS), item.alt().isEmpty() ? "-"
                            : item.alt().length() <= TEXT_START ? item.alt() : item.alt().substring(0, TEXT_START)
                                    + "…");
        }
        return new CommandResult(table.toString(), library);
    }

    static List<String> exactly(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw ApiException.invalid("args", "expected " + count + " arguments: " + usage);
        }
        return args;
    }

    /** Text from posts and networks on one console line: line breaks and tabs become spaces. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
