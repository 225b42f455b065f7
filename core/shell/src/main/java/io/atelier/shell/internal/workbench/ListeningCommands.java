package io.atelier.shell.internal.workbench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandResult;
import io.atelier.monitoring.Monitoring;
import io.atelier.shell.internal.listening.ListeningOperations;
import io.atelier.shell.internal.listening.ListeningOperations.ItemView;
import io.atelier.shell.internal.listening.ListeningOperations.MentionView;
import io.atelier.shell.internal.listening.ListeningOperations.QueryView;
import io.atelier.shell.internal.listening.ListeningOperations.ReplyView;
import io.atelier.shell.internal.listening.ListeningOperations.SourceView;
import io.atelier.shell.internal.listening.ModerationOperations;
import io.atelier.shell.internal.listening.ModerationOperations.CharterView;
import io.atelier.shell.internal.listening.ModerationOperations.RuleView;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.StoreCalls;

/**
 * The console's listening, moderation and inbox commands ({@code queries},
 * {@code query-add}, {@code query-voice}, {@code sources}, {@code mentions}, {@code inbox},
 * {@code inbox-reply}, {@code listen-now}, {@code charter}, {@code charter-set},
 * {@code moderation-rules}), on the same operations as the REST API. Mention texts are
 * shown on one line and cut; the console replaces their control characters.
 */
@Component
public final class ListeningCommands {

    static final int TEXT_START = 50;

    private final ListeningOperations listening;
    private final ModerationOperations moderation;
    private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Monitoring monitoring;

    @Activate
    public ListeningCommands(BundleContext context, @Reference ListeningOperations listening,
            @Reference ModerationOperations moderation) {
        this.listening = listening;
        this.moderation = moderation;
        BuiltinCommands.register(context, commands(), registrations);
    }

    @Deactivate
    void deactivate() {
        BuiltinCommands.unregister(registrations);
    }

    List<BuiltinCommands.Builtin> commands() {
        return List.of(
                new BuiltinCommands.Builtin("queries", "Lists a workspace's listening queries", "<workspace>",
                        this::queries),
                new BuiltinCommands.Builtin("query-add", "Adds a listening query (words, \"phrases\", prefix*, AND,"
                        + " OR, NOT, -, parentheses, lang:, source:, sentiment:)", "<workspace> <name> <query...>",
                        this::addQuery),
                new BuiltinCommands.Builtin("query-voice", "Says what a query counts for the share of voice: the"
                        + " brand, a competitor (named by the query's name) or neither",
                        "<workspace> <query id> BRAND|COMPETITOR|NONE", this::queryVoice),
                new BuiltinCommands.Builtin("sources", "Lists what a workspace listens to and how the last poll"
                        + " went", "<workspace>", this::sources),
                new BuiltinCommands.Builtin("mentions", "Lists the latest mentions of a workspace, or of one query",
                        "<workspace> [<query id>]", this::mentions),
                new BuiltinCommands.Builtin("inbox", "Lists a workspace's inbox, or the items of one status",
                        "<workspace> [NEW|IN_PROGRESS|ANSWERED|CLOSED]", this::inbox),
                new BuiltinCommands.Builtin("inbox-reply", "Answers an inbox item on its network, once",
                        "<workspace> <item> <text...>", this::reply),
                new BuiltinCommands.Builtin("listen-now", "Polls now the sources due on this node", "",
                        args -> {
                            Monitoring service = monitoring;
                            if (service == null) {
                                throw StoreCalls.unavailable();
                            }
                            int polled = service.pollDue();
                            return new CommandResult(polled == 0 ? "No source is due on this node."
                                    : polled + " source(s) polled.", Map.of("polled", polled));
                        }),
                new BuiltinCommands.Builtin("charter", "Shows a workspace's charter of forbidden words", "<workspace>",
                        args -> {
                            CharterView charter = moderation.charter(PostCommands.exactly(args, 1, "<workspace>")
                                    .get(0));
                            return new CommandResult(charter.terms().isEmpty() ? "The charter is empty."
                                    : String.join("\n", charter.terms()), charter);
                        }),
                new BuiltinCommands.Builtin("charter-set", "Replaces a workspace's charter (each argument is a word or"
                        + " a phrase in quotes; none clears it)", "<workspace> [<term>...]", args -> {
                            if (args.isEmpty()) {
                                throw ApiException.invalid("args",
                                        "usage: charter-set <workspace> [<term>...]");
                            }
                            CharterView charter = moderation.setCharter(CommandCaller.actor(), args.get(0),
                                    args.subList(1, args.size()));
                            return new CommandResult("The charter has " + charter.terms().size() + " term(s).",
                                    charter);
                        }),
                new BuiltinCommands.Builtin("moderation-rules", "Lists a workspace's moderation rules in the order"
                        + " they apply", "<workspace>", args -> {
                            List<RuleView> rules = moderation.rules(PostCommands.exactly(args, 1, "<workspace>")
                                    .get(0));
                            TextTable table = new TextTable("ID", "NAME", "ACTION", "ARGUMENT", "ON");
                            rules.forEach(r -> table.row(r.id(), r.name(), r.action(),
                                    r.argument() == null ? "-" : r.argument(), r.enabled() ? "yes" : "no"));
                            return new CommandResult(rules.isEmpty() ? "No moderation rule." : table.toString(),
                                    rules);
                        }));
    }

    private CommandResult queries(List<String> args) {
        List<QueryView> queries = listening.queries(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "NAME", "VOICE", "QUERY");
        queries.forEach(q -> table.row(q.id(), q.name(), q.voice() == null ? "-" : q.voice(), q.query()));
        return new CommandResult(queries.isEmpty() ? "No listening query yet." : table.toString(), queries);
    }

    private CommandResult addQuery(List<String> args) {
        if (args.size() < 3) {
            throw ApiException.invalid("args", "usage: query-add <workspace> <name> <query...>");
        }
        String text = String.join(" ", args.subList(2, args.size()));
        QueryView query;
        try {
            query = listening.createQuery(CommandCaller.actor(), args.get(0), args.get(1), text, null);
        } catch (ApiException e) {
            if (!"query".equals(e.field())) {
                throw e;
            }
            // Point at the problem under the query as it was typed.
            int position = e.position();
            throw position < 0 ? e : ApiException.invalid("query", e.getMessage() + "\n  " + text + "\n  "
                    + " ".repeat(position) + "^").at(position);
        }
        return new CommandResult("Query " + query.id() + " added.", query);
    }

    private CommandResult queryVoice(List<String> args) {
        List<String> given = PostCommands.exactly(args, 3, "<workspace> <query id> BRAND|COMPETITOR|NONE");
        QueryView query = listening.queries(given.get(0)).stream().filter(q -> q.id().equals(given.get(1)))
                .findFirst().orElseThrow(() -> ApiException.notFound("id", "no query " + given.get(1)
                        + " in workspace " + given.get(0)));
        QueryView changed = listening.updateQuery(CommandCaller.actor(), given.get(0), query.id(), query.name(),
                query.query(), given.get(2).equalsIgnoreCase("none") ? "" : given.get(2));
        return new CommandResult(changed.voice() == null ? "Query " + changed.name() + " counts for neither the brand"
                + " nor a competitor." : "Query " + changed.name() + " counts for the share of voice as "
                + changed.voice().toLowerCase(Locale.ROOT) + ".", changed);
    }

    private CommandResult sources(List<String> args) {
        List<SourceView> sources = listening.sources(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "KIND", "NAME", "STATUS", "MENTIONS", "LAST POLL", "PROBLEM");
        sources.forEach(s -> table.row(s.id(), s.kind(), s.name(), s.status(), s.mentionsSeen(),
                s.lastPolledAt() == null ? "-" : s.lastPolledAt(), s.lastError() == null ? "" : s.lastError()));
        return new CommandResult(sources.isEmpty() ? "Nothing to listen to yet: connect an account whose network"
                + " reports mentions, or add a source." : table.toString(), sources);
    }

    private CommandResult mentions(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw ApiException.invalid("args", "usage: mentions <workspace> [<query id>]");
        }
        Map<String, String> query = new HashMap<>();
        query.put("limit", "50");
        if (args.size() == 2) {
            query.put("query", args.get(1));
        }
        List<MentionView> mentions = listening.mentions(args.get(0), query);
        TextTable table = new TextTable("RECEIVED", "SOURCE", "AUTHOR", "LANG", "SENTIMENT", "TEXT");
        mentions.forEach(m -> table.row(m.receivedAt(), m.source(), cut(m.author(), 30),
                m.language() == null ? "-" : m.language(), m.sentiment() == null ? "-" : m.sentiment(),
                cut(m.text(), TEXT_START)));
        return new CommandResult(mentions.isEmpty() ? "No mention yet." : table.toString(), mentions);
    }

    private CommandResult inbox(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw ApiException.invalid("args", "usage: inbox <workspace> [NEW|IN_PROGRESS|ANSWERED|CLOSED]");
        }
        Map<String, String> query = new HashMap<>();
        query.put("limit", "100");
        if (args.size() == 2) {
            query.put("status", args.get(1));
        }
        List<ItemView> items = listening.items(CommandCaller.actor().principal(), args.get(0), query);
        TextTable table = new TextTable("ITEM", "STATUS", "ASSIGNEE", "FROM", "TEXT");
        items.forEach(i -> table.row(i.id(), i.status(), i.assignee() == null ? "-" : i.assignee(),
                cut(i.mention().author(), 30), cut(i.mention().text(), TEXT_START)));
        return new CommandResult(items.isEmpty() ? "The inbox is empty." : table.toString(), items);
    }

    private CommandResult reply(List<String> args) {
        if (args.size() < 3) {
            throw ApiException.invalid("args", "usage: inbox-reply <workspace> <item> <text...>");
        }
        ReplyView reply = listening.reply(CommandCaller.actor(), args.get(0), args.get(1),
                String.join(" ", args.subList(2, args.size())));
        return new CommandResult("Answer " + reply.id() + " is being sent; `inbox " + args.get(0)
                + "` shows the item answered once the network has it.", reply);
    }

    private static String cut(String text, int max) {
        String line = PostCommands.oneLine(text);
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
