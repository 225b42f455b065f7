package io.atelier.shell.internal.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.api.workspace.Workspace;
import io.atelier.api.team.Person;
import io.atelier.store.AuditRepository.AuditEvent;
import io.atelier.shell.internal.audit.AuditOperations;
import io.atelier.shell.internal.auth.Secrets;
import io.atelier.shell.internal.platform.PlatformDescription;
import io.atelier.scheduling.Platforms;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.runtime.Health;
import io.atelier.shell.internal.runtime.HealthOperations;
import io.atelier.shell.internal.runtime.PluginInfo;
import io.atelier.shell.internal.runtime.PluginOperations;
import io.atelier.shell.internal.team.MemberView;
import io.atelier.shell.internal.team.PeopleOperations;
import io.atelier.shell.internal.team.TokenOperations;
import io.atelier.shell.internal.team.TokenView;
import io.atelier.shell.internal.workspace.AccountInput;
import io.atelier.shell.internal.workspace.AccountSignIns;
import io.atelier.shell.internal.workspace.AccountView;
import io.atelier.shell.internal.workspace.WorkspaceOperations;

/**
 * The shell's own commands ({@code health}, {@code plugins}, {@code workspaces}...),
 * registered as ordinary {@link Command} services so they reach the console and
 * the REST API the way any bundle's commands do. Each one calls the same
 * operation as the matching REST route and returns the same data. The console
 * is local and trusted: its commands act as the {@code system} principal; run
 * through {@code POST /api/v1/commands/<name>} they act as the administrator who
 * called ({@link CommandCaller}).
 */
@Component
public final class BuiltinCommands {

    private final BundleContext context;
    private final HealthOperations health;
    private final PluginOperations plugins;
    private final Platforms platforms;
    private final WorkspaceOperations workspaces;
    private final ViewRegistry views;
    private final PeopleOperations people;
    private final TokenOperations tokens;
    private final AuditOperations audit;
    private final AccountSignIns signIns;
    private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();

    @Activate
    public BuiltinCommands(BundleContext context, @Reference HealthOperations health,
            @Reference PluginOperations plugins, @Reference Platforms platforms,
            @Reference WorkspaceOperations workspaces, @Reference ViewRegistry views,
            @Reference PeopleOperations people, @Reference TokenOperations tokens,
            @Reference AuditOperations audit, @Reference AccountSignIns signIns) {
        this.context = context;
        this.signIns = signIns;
        this.health = health;
        this.plugins = plugins;
        this.platforms = platforms;
        this.workspaces = workspaces;
        this.views = views;
        this.people = people;
        this.tokens = tokens;
        this.audit = audit;
        register(context, builtins(), registrations);
    }

    @Deactivate
    void deactivate() {
        unregister(registrations);
    }

    /** Registers each command as a {@link Command} service with its name, description and usage. */
    static void register(BundleContext context, List<Builtin> commands, List<ServiceRegistration<Command>> into) {
        for (Builtin builtin : commands) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Command.NAME, builtin.name());
            properties.put(Command.DESCRIPTION, builtin.description());
            properties.put(Command.USAGE, builtin.usage());
            into.add(context.registerService(Command.class, builtin, properties));
        }
    }

    /** Takes the commands back, unless their bundle has already done so. */
    static void unregister(List<ServiceRegistration<Command>> registrations) {
        for (ServiceRegistration<Command> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle already
            }
        }
        registrations.clear();
    }

    /** The table of built-in commands. */
    List<Builtin> builtins() {
        return List.of(
                new Builtin("health", "Shows whether the workbench is up: store, bundles, components", "",
                        args -> health(arguments(args, 0, ""))),
                new Builtin("plugins", "Lists the installed bundles with their state and kind", "",
                        args -> pluginList(arguments(args, 0, ""))),
                new Builtin("plugin-start", "Starts a bundle", "<id>",
                        args -> plugin(plugins.start(CommandCaller.actor(), arguments(args, 1, "<id>").get(0)), "started")),
                new Builtin("plugin-stop", "Stops a platform or feature bundle", "<id>",
                        args -> plugin(plugins.stop(CommandCaller.actor(), arguments(args, 1, "<id>").get(0)), "stopped")),
                new Builtin("plugin-install", "Installs and starts a plugin jar", "<path to jar>",
                        args -> plugin(plugins.install(CommandCaller.actor(), Path.of(arguments(args, 1, "<path to jar>").get(0))),
                                "installed")),
                new Builtin("plugin-uninstall", "Uninstalls a platform or feature bundle (and deletes its jar)",
                        "<id>", args -> plugin(plugins.uninstall(CommandCaller.actor(), arguments(args, 1, "<id>").get(0)), "uninstalled")),
                new Builtin("platforms", "Lists the installed platforms", "",
                        args -> platformList(arguments(args, 0, ""))),
                new Builtin("workspaces", "Lists the workspaces", "",
                        args -> workspaceList(arguments(args, 0, ""))),
                new Builtin("workspace-create", "Creates a workspace", "<name> <zone>", args -> {
                    List<String> a = arguments(args, 2, "<name> <zone>");
                    Workspace created = workspaces.create(CommandCaller.actor(), a.get(0), a.get(1));
                    return new CommandResult("Created workspace " + created.id() + " (" + created.name() + ", "
                            + created.zone() + ")", created);
                }),
                new Builtin("workspace-delete", "Deletes a workspace and everything it holds", "<workspace>", args -> {
                    String id = arguments(args, 1, "<workspace>").get(0);
                    workspaces.delete(CommandCaller.actor(), id);
                    return CommandResult.text("Deleted workspace " + id);
                }),
                new Builtin("accounts", "Lists the accounts of a workspace", "<workspace>",
                        args -> accountList(arguments(args, 1, "<workspace>").get(0))),
                new Builtin("account-add", "Adds an account to a workspace after the platform accepted its credentials",
                        ACCOUNT_ADD_USAGE, this::accountAdd),
                new Builtin("account-sign-in", "Begins adding an account by signing in on the network's page:"
                        + " prints the address to open in a browser", ACCOUNT_SIGN_IN_USAGE, this::accountSignIn),
                new Builtin("account-remove", "Removes an account and its credentials", "<workspace> <account>",
                        args -> {
                            List<String> a = arguments(args, 2, "<workspace> <account>");
                            workspaces.removeAccount(CommandCaller.actor(), a.get(0), a.get(1));
                            return CommandResult.text("Removed account " + a.get(1));
                        }),
                new Builtin("views", "Lists the views of the web workbench", "",
                        args -> viewList(arguments(args, 0, ""))),
                new Builtin("people", "Lists the people who can sign in", "",
                        args -> peopleList(arguments(args, 0, ""))),
                new Builtin("person-add", "Adds a person with a generated password, printed once", PERSON_ADD_USAGE,
                        this::personAdd),
                new Builtin("member-set", "Gives a person a role in a workspace", "<workspace> <person> <role>",
                        args -> {
                            List<String> a = arguments(args, 3, "<workspace> <person> <role>");
                            MemberView member = people.setMember(CommandCaller.actor(), a.get(0), a.get(1), a.get(2));
                            return new CommandResult(member.personId() + " is " + member.role() + " in "
                                    + member.workspaceId(), member);
                        }),
                new Builtin("token-create", "Creates an API token for scripts and prints its secret once",
                        TOKEN_CREATE_USAGE, this::tokenCreate),
                new Builtin("audit", "Shows the latest events of the audit log, newest first", "[<workspace>]",
                        this::auditList));
    }

    private static final String PERSON_ADD_USAGE = "<email> <display name> [--admin]";
    private static final String TOKEN_CREATE_USAGE = "<name> [<person>]";
    /** Generated passwords: 18 random bytes, 24 characters. */
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private static final String ACCOUNT_ADD_USAGE = "<workspace> <platform> <handle> [endpoint=<url>] [<field>=<value>...]";
    private static final String ACCOUNT_SIGN_IN_USAGE = "<workspace> <platform> [endpoint=<url>] [<field>=<value>...]";

    private CommandResult health(List<String> args) {
        Health h = health.health();
        StringBuilder text = new StringBuilder()
                .append("Status ").append(h.status())
                .append("\nStore ").append(h.store() == null ? "missing" : h.store() + " " + h.storeLocation()
                        + " (schema " + h.schemaVersion() + ", node " + h.node() + ")")
                .append("\nVersion ").append(h.version())
                .append("\nBundles ").append(h.bundles().total()).append(" (").append(h.bundles().active())
                .append(" active)")
                .append("\nComponents ").append(h.components().total()).append(" (")
                .append(h.components().satisfied()).append(" satisfied)");
        if (!h.components().unsatisfied().isEmpty()) {
            text.append("\nUnsatisfied: ").append(String.join(", ", h.components().unsatisfied()));
        }
        return new CommandResult(text.toString(), h);
    }

    private CommandResult pluginList(List<String> args) {
        List<PluginInfo> list = plugins.list();
        TextTable table = new TextTable("BUNDLE", "STATE", "KIND", "ID", "VERSION");
        list.forEach(p -> table.row(p.bundleId(), p.state(), p.kind(), p.id(), p.version()));
        return new CommandResult(table.toString(), list);
    }

    private static CommandResult plugin(PluginInfo plugin, String verb) {
        return new CommandResult(plugin.id() + " " + plugin.version() + " " + verb + " (bundle " + plugin.bundleId()
                + ", " + plugin.state() + ")", plugin);
    }

    private CommandResult platformList(List<String> args) {
        List<PlatformDescription> list = PlatformDescription.all(platforms);
        if (list.isEmpty()) {
            return new CommandResult("No platform is installed.", list);
        }
        TextTable table = new TextTable("ID", "NAME", "CREDENTIALS", "CAPABILITIES", "PLUGIN");
        list.forEach(p -> table.row(p.id(), p.name(), p.credentialKind(), p.capabilities(), p.plugin()));
        return new CommandResult(table.toString(), list);
    }

    private CommandResult workspaceList(List<String> args) {
        List<Workspace> list = workspaces.list();
        if (list.isEmpty()) {
            return new CommandResult("No workspace yet; create one with atelier:workspace-create <name> <zone>.", list);
        }
        TextTable table = new TextTable("ID", "NAME", "ZONE", "CREATED");
        list.forEach(w -> table.row(w.id(), w.name(), w.zone(), w.created()));
        return new CommandResult(table.toString(), list);
    }

    private CommandResult accountList(String workspaceId) {
        List<AccountView> list = workspaces.accounts(workspaceId);
        if (list.isEmpty()) {
            return new CommandResult("No account in workspace " + workspaceId + ".", list);
        }
        TextTable table = new TextTable("ID", "PLATFORM", "HANDLE", "ENDPOINT", "STATUS");
        list.forEach(a -> table.row(a.id(), a.platform(), a.handle(), a.endpoint(), a.status()));
        return new CommandResult(table.toString(), list);
    }

    private CommandResult accountAdd(List<String> args) {
        if (args.size() < 3) {
            throw ApiException.invalid("args", "usage: account-add " + ACCOUNT_ADD_USAGE);
        }
        Map<String, String> fields = fields(args.subList(3, args.size()), "account-add " + ACCOUNT_ADD_USAGE);
        String endpoint = fields.remove("endpoint");
        AccountView account = workspaces.addAccount(CommandCaller.actor(), args.get(0),
                new AccountInput(args.get(1), args.get(2), endpoint, fields));
        return new CommandResult("Added " + account.platform() + " account " + account.handle() + " as "
                + account.id() + " (" + account.status() + ")", account);
    }

    private CommandResult accountSignIn(List<String> args) {
        if (args.size() < 2) {
            throw ApiException.invalid("args", "usage: account-sign-in " + ACCOUNT_SIGN_IN_USAGE);
        }
        Map<String, String> fields = fields(args.subList(2, args.size()), "account-sign-in " + ACCOUNT_SIGN_IN_USAGE);
        String endpoint = fields.remove("endpoint");
        AccountSignIns.Started started = signIns.begin(CommandCaller.actor(), args.get(0), args.get(1), null,
                endpoint, fields);
        return new CommandResult("Open this address in a browser and sign in before " + started.expiresAt()
                + "; the account is added when the network sends you back:\n" + started.url(), started);
    }

    /** {@code <field>=<value>} options, in order; {@code usage} goes in the message of a malformed one. */
    private static Map<String, String> fields(List<String> options, String usage) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw ApiException.invalid("args", "'" + option + "' is not <field>=<value>; usage: " + usage);
            }
            fields.put(option.substring(0, equals), option.substring(equals + 1));
        }
        return fields;
    }

    private CommandResult peopleList(List<String> args) {
        List<Person> list = people.list();
        if (list.isEmpty()) {
            return new CommandResult("Nobody yet; add someone with atelier:person-add <email> <display name> --admin.",
                    list);
        }
        TextTable table = new TextTable("ID", "EMAIL", "NAME", "ADMIN", "DISABLED");
        list.forEach(p -> table.row(p.id(), p.email(), p.displayName(), p.admin() ? "yes" : "", p.disabled()
                ? "yes" : ""));
        return new CommandResult(table.toString(), list);
    }

    private CommandResult personAdd(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        boolean admin = rest.remove("--admin");
        if (rest.size() != 2) {
            throw ApiException.invalid("args", "usage: person-add " + PERSON_ADD_USAGE
                    + " (quote a name with spaces)");
        }
        String password = Secrets.random(GENERATED_PASSWORD_BYTES);
        Person person = people.create(CommandCaller.actor(), rest.get(0), rest.get(1), password, admin);
        return new CommandResult("Added " + person.id() + " (" + person.email() + (person.admin()
                ? ", administrator" : "") + ")\nPassword (shown this once): " + password, person);
    }

    private CommandResult tokenCreate(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw ApiException.invalid("args", "usage: token-create " + TOKEN_CREATE_USAGE);
        }
        Person owner = args.size() == 2 ? people.get(args.get(1), "person") : people.list().stream()
                .filter(p -> p.admin() && !p.disabled()).min(java.util.Comparator.comparing(Person::created))
                .orElseThrow(() -> ApiException.invalid("person",
                        "nobody administers the workbench yet; name the token's person"));
        TokenView token = tokens.createFor(CommandCaller.actor(), owner, args.get(0));
        return new CommandResult("Created token " + token.id() + " for " + owner.id()
                + "\nSecret (shown this once): " + token.token(), token);
    }

    /** How many events the {@code audit} command shows. */
    static final int AUDIT_LINES = 50;

    private CommandResult auditList(List<String> args) {
        if (args.size() > 1) {
            throw ApiException.invalid("args", "usage: audit [<workspace>]");
        }
        String workspaceId = args.isEmpty() ? null : args.get(0);
        List<AuditEvent> events = audit.latest(workspaceId, AUDIT_LINES);
        if (events.isEmpty()) {
            return new CommandResult("No event" + (workspaceId == null ? "" : " in workspace " + workspaceId)
                    + " yet.", events);
        }
        TextTable table = workspaceId == null
                ? new TextTable("AT", "WORKSPACE", "ACTOR", "ACTION", "TARGET", "DETAILS")
                : new TextTable("AT", "ACTOR", "ACTION", "TARGET", "DETAILS");
        for (AuditEvent e : events) {
            String target = e.targetId() == null ? "" : e.targetId();
            if (workspaceId == null) {
                table.row(e.at(), e.workspaceId() == null ? "" : e.workspaceId(), e.actorLabel(), e.action(), target,
                        e.details() == null ? "" : e.details());
            } else {
                table.row(e.at(), e.actorLabel(), e.action(), target, e.details() == null ? "" : e.details());
            }
        }
        return new CommandResult(table.toString(), events);
    }

    private CommandResult viewList(List<String> args) {
        var list = views.list();
        TextTable table = new TextTable("ID", "TITLE", "CATEGORY", "ORDER", "PLUGIN");
        list.forEach(v -> table.row(v.id(), v.title(), v.category(), v.order(), v.plugin()));
        return new CommandResult(table.toString(), list);
    }

    /** {@code args} when there are exactly {@code count}; otherwise the usage, naming {@code args}. */
    private static List<String> arguments(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw ApiException.invalid("args", count == 0 ? "this command takes no arguments"
                    : "expected " + count + (count == 1 ? " argument" : " arguments") + ": " + usage);
        }
        return args;
    }

    /** What a built-in command does, throwing the operations' own errors. */
    @FunctionalInterface
    interface Action {
        CommandResult run(List<String> args);
    }

    /** A built-in command: the operations' errors become {@link CommandException}s with the same code and field. */
    record Builtin(String name, String description, String usage, Action action) implements Command {

        @Override
        public CommandResult execute(List<String> args) throws CommandException {
            try {
                return action.run(args);
            } catch (ApiException e) {
                throw new CommandException(e.code(), e.getMessage(), e.field());
            }
        }
    }
}
