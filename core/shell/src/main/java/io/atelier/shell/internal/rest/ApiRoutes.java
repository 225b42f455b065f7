package io.atelier.shell.internal.rest;

import static io.atelier.shell.internal.auth.Access.ADMIN;
import static io.atelier.shell.internal.auth.Access.AUTHENTICATED;
import static io.atelier.shell.internal.auth.Access.PUBLIC;
import static io.atelier.shell.internal.auth.Access.workspace;
import static io.atelier.shell.internal.rest.Schema.array;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonElement;

import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.shell.internal.audit.AuditOperations;
import io.atelier.shell.internal.auth.Access;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.SessionOperations;
import io.atelier.shell.internal.platform.PlatformRegistry;
import io.atelier.shell.internal.rest.Route.RequestBody;
import io.atelier.shell.internal.rest.Route.Response;
import io.atelier.shell.internal.runtime.Health;
import io.atelier.shell.internal.runtime.HealthOperations;
import io.atelier.shell.internal.runtime.PluginOperations;
import io.atelier.shell.internal.team.PeopleOperations;
import io.atelier.shell.internal.team.TokenOperations;
import io.atelier.shell.internal.workbench.CommandRegistry;
import io.atelier.shell.internal.workbench.ViewRegistry;
import io.atelier.shell.internal.workspace.AccountInput;
import io.atelier.shell.internal.workspace.WorkspaceOperations;

/**
 * The route table of {@code /api/v1}: every endpoint in one list, read top to
 * bottom like the API's table of contents, each with who may call it. Handlers
 * only translate between HTTP and the operations, which hold the logic the
 * console shares; they never check rights themselves (the API servlet does,
 * from the route's access rule, before they run).
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** Routes that answer before set-up: what a client needs to find out about it and to do it. */
    private static final String CSV = "text/csv; charset=utf-8";

    public static final Set<String> BEFORE_SETUP = Set.of("/health", "/openapi.json", "/setup");

    /** The operations the routes call. */
    public record Operations(HealthOperations health, PluginOperations plugins, PlatformRegistry platforms,
            WorkspaceOperations workspaces, ViewRegistry views, CommandRegistry commands,
            SessionOperations sessions, PeopleOperations people, TokenOperations tokens, AuditOperations audit) {
    }

    /** The route table; {@code /openapi.json} describes the table itself. */
    public static List<Route> table(Operations ops, String version) {
        List<Route> routes = new ArrayList<>();

        routes.add(get("/health", PUBLIC, "Whether the workbench is up: store, bundles, components (503 when down)",
                Schemas.HEALTH, r -> {
                    Health health = ops.health().health();
                    return new Reply(health.up() ? 200 : 503,
                            r.principal().isAnonymous() ? health.forAnonymous() : health);
                }));

        routes.add(get("/session", PUBLIC, "Who is signed in, the CSRF token and their workspaces (401 when nobody)",
                Schemas.SESSION, r -> ops.sessions().current(r.principal())));
        routes.add(new Route("POST", "/session", "Signs in; sets the session cookie", PUBLIC,
                RequestBody.json(Schemas.SIGN_IN), Response.ok(Schemas.SESSION),
                r -> ops.sessions().signIn(r.string("email"), r.string("password"), r.clientAddress(),
                        r.secure())));
        routes.add(new Route("DELETE", "/session", "Signs out; ends the session and expires its cookie",
                AUTHENTICATED, null, Response.noContent(), r -> ops.sessions().signOut(r.actor(), r.secure())));
        routes.add(get("/setup", PUBLIC, "Whether the first administrator is still to be created",
                Schemas.SETUP_STATE, r -> ops.sessions().setupState()));
        routes.add(new Route("POST", "/setup", "Creates the first administrator with the set-up token and signs in",
                PUBLIC, RequestBody.json(Schemas.SETUP_INPUT), Response.created(Schemas.PERSON),
                r -> ops.sessions().setup(r.string("token"), r.string("email"), r.string("displayName"),
                        r.string("password"), r.clientAddress(), r.secure())));

        routes.add(get("/people", ADMIN, "Everybody who can sign in, by display name", array(Schemas.PERSON),
                r -> ops.people().list()));
        routes.add(new Route("POST", "/people", "Adds a person", ADMIN, RequestBody.json(Schemas.PERSON_INPUT),
                Response.created(Schemas.PERSON), r -> ops.people().create(r.actor(), r.string("email"),
                        r.string("displayName"), r.string("password"), r.bool("admin"))));
        routes.add(get("/people/{id}", ADMIN, "One person", Schemas.PERSON, r -> ops.people().get(r.path("id"), "id")));
        routes.add(new Route("PATCH", "/people/{id}", "Changes a person's name, password, admin or disabled flag",
                ADMIN, RequestBody.json(Schemas.PERSON_PATCH), Response.ok(Schemas.PERSON),
                r -> ops.people().update(r.actor(), r.path("id"), r.string("displayName"), r.bool("admin"),
                        r.bool("disabled"), r.string("password"))));
        routes.add(new Route("DELETE", "/people/{id}", "Removes a person with their memberships, sessions and tokens",
                ADMIN, null, Response.noContent(), r -> {
                    ops.people().delete(r.actor(), r.path("id"));
                    return null;
                }));

        routes.add(get("/tokens", AUTHENTICATED, "The caller's API tokens (never their secrets)",
                array(Schemas.TOKEN), r -> ops.tokens().list(r.principal())));
        routes.add(new Route("POST", "/tokens", "Creates an API token; its secret is in this answer only",
                AUTHENTICATED, RequestBody.json(Schemas.TOKEN_INPUT), Response.created(Schemas.TOKEN),
                r -> ops.tokens().create(r.actor(), r.string("name"), r.string("maxRole"),
                        strings(r.object().get("workspaces")), r.string("expiresAt"))));
        routes.add(new Route("DELETE", "/tokens/{id}", "Revokes one of the caller's API tokens", AUTHENTICATED, null,
                Response.noContent(), r -> {
                    ops.tokens().revoke(r.actor(), r.path("id"));
                    return null;
                }));

        routes.add(get("/plugins", ADMIN, "Installed bundles with state and kind", array(Schemas.PLUGIN),
                r -> ops.plugins().list()));
        routes.add(new Route("POST", "/plugins", "Installs and starts a plugin jar", ADMIN,
                RequestBody.binary(PluginOperations.MAX_JAR_BYTES, "application/java-archive"),
                Response.created(Schemas.PLUGIN), r -> ops.plugins().install(r.actor(), r.stream())));
        routes.add(get("/plugins/{id}", ADMIN, "One bundle, by symbolic name or bundle id", Schemas.PLUGIN,
                r -> ops.plugins().get(r.path("id"))));
        routes.add(new Route("POST", "/plugins/{id}/start", "Starts a bundle", ADMIN, null,
                Response.ok(Schemas.PLUGIN), r -> ops.plugins().start(r.actor(), r.path("id"))));
        routes.add(new Route("POST", "/plugins/{id}/stop", "Stops a platform or feature bundle", ADMIN, null,
                Response.ok(Schemas.PLUGIN), r -> ops.plugins().stop(r.actor(), r.path("id"))));
        routes.add(new Route("DELETE", "/plugins/{id}", "Uninstalls a platform or feature bundle and deletes its jar",
                ADMIN, null, Response.ok(Schemas.PLUGIN), r -> ops.plugins().uninstall(r.actor(), r.path("id"))));

        routes.add(get("/platforms", AUTHENTICATED, "Installed platforms: capabilities, limits, credential form",
                array(Schemas.PLATFORM), r -> ops.platforms().list()));
        routes.add(get("/platforms/{id}", AUTHENTICATED, "One platform", Schemas.PLATFORM,
                r -> ops.platforms().list().stream().filter(p -> p.id().equals(r.path("id"))).findFirst()
                        .orElseThrow(() -> ApiException.notFound("id", "no platform " + r.path("id")
                                + " is installed"))));

        routes.add(get("/workspaces", AUTHENTICATED, "The caller's workspaces (administrators: all), by name",
                array(Schemas.WORKSPACE), r -> ops.workspaces().list(r.principal())));
        routes.add(new Route("POST", "/workspaces", "Creates a workspace; its creator becomes its owner", ADMIN,
                RequestBody.json(Schemas.WORKSPACE_INPUT), Response.created(Schemas.WORKSPACE),
                r -> ops.workspaces().create(r.actor(), r.string("name"), r.string("zone"))));
        routes.add(get("/workspaces/{ws}", workspace(Permission.WORKSPACE_READ), "One workspace", Schemas.WORKSPACE,
                r -> ops.workspaces().get(r.path("ws"))));
        routes.add(new Route("PATCH", "/workspaces/{ws}", "Renames a workspace or changes its zone",
                workspace(Permission.WORKSPACE_MANAGE), RequestBody.json(Schemas.WORKSPACE_PATCH),
                Response.ok(Schemas.WORKSPACE),
                r -> ops.workspaces().update(r.actor(), r.path("ws"), r.string("name"), r.string("zone"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}", "Deletes a workspace and everything it holds",
                workspace(Permission.WORKSPACE_DELETE), null, Response.noContent(), r -> {
                    ops.workspaces().delete(r.actor(), r.path("ws"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/accounts", workspace(Permission.ACCOUNTS_READ),
                "The workspace's accounts (never their credentials)", array(Schemas.ACCOUNT),
                r -> ops.workspaces().accounts(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/accounts",
                "Adds an account once its platform accepted the credentials", workspace(Permission.ACCOUNTS_MANAGE),
                RequestBody.json(Schemas.ACCOUNT_INPUT), Response.created(Schemas.ACCOUNT),
                r -> ops.workspaces().addAccount(r.actor(), r.path("ws"), new AccountInput(r.string("platform"),
                        r.string("handle"), r.string("endpoint"), stringMap(r.object().get("credentials"))))));
        routes.add(get("/workspaces/{ws}/accounts/{acc}", workspace(Permission.ACCOUNTS_READ), "One account",
                Schemas.ACCOUNT, r -> ops.workspaces().account(r.path("ws"), r.path("acc"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/accounts/{acc}", "Removes an account and its credentials",
                workspace(Permission.ACCOUNTS_MANAGE), null, Response.noContent(), r -> {
                    ops.workspaces().removeAccount(r.actor(), r.path("ws"), r.path("acc"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/members", workspace(Permission.MEMBERS_READ),
                "The workspace's people and their roles", array(Schemas.MEMBER),
                r -> ops.people().members(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/members/{person}",
                "Gives a person a role in the workspace (only owners make or change owners)",
                workspace(Permission.MEMBERS_MANAGE), RequestBody.json(Schemas.MEMBER_INPUT),
                Response.ok(Schemas.MEMBER), r -> ops.people().setMember(r.actor(), r.path("ws"),
                        r.path("person"), r.string("role"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/members/{person}",
                "Takes a person out of the workspace (only owners remove owners)",
                workspace(Permission.MEMBERS_MANAGE), null, Response.noContent(), r -> {
                    ops.people().removeMember(r.actor(), r.path("ws"), r.path("person"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/audit", workspace(Permission.AUDIT_READ),
                "The workspace's audit log, newest first; query: actor, action (prefix), from, to, limit, cursor",
                Schemas.AUDIT_PAGE, r -> ops.audit().page(AuditOperations.filter(r.query(), r.path("ws"), false))));
        routes.add(new Route("GET", "/workspaces/{ws}/audit.csv", "The workspace's audit log as CSV (same filters)",
                workspace(Permission.AUDIT_READ), null, Response.file(CSV, "CSV, one line per event"),
                r -> csv(ops.audit(), AuditOperations.filter(r.query(), r.path("ws"), false), r.path("ws"))));

        routes.add(get("/audit", ADMIN, "The audit log, newest first; query: workspace, actor, action (prefix), from,"
                + " to, limit, cursor", Schemas.AUDIT_PAGE,
                r -> ops.audit().page(AuditOperations.filter(r.query(), null, true))));
        routes.add(new Route("GET", "/audit.csv", "The audit log as CSV (same filters)", ADMIN, null,
                Response.file(CSV, "CSV, one line per event"),
                r -> csv(ops.audit(), AuditOperations.filter(r.query(), null, true), "all")));

        routes.add(get("/views", AUTHENTICATED, "Views of the web workbench, by category and order",
                array(Schemas.VIEW), r -> ops.views().list()));

        routes.add(get("/commands", AUTHENTICATED, "Commands of every bundle", array(Schemas.COMMAND),
                r -> ops.commands().list()));
        routes.add(new Route("POST", "/commands/{name}", "Runs a command", ADMIN,
                RequestBody.optionalJson(Schemas.COMMAND_INPUT), Response.ok(Schemas.COMMAND_RESULT),
                r -> runCommand(ops.commands(), r)));

        AtomicReference<List<Route>> table = new AtomicReference<>();
        routes.add(get("/openapi.json", PUBLIC, "This description (OpenAPI 3.0)", Schema.any("OpenAPI 3.0 document"),
                r -> OpenApi.describe(table.get(), version)));
        table.set(List.copyOf(routes));
        return table.get();
    }

    /** A CSV export named after what it holds, e.g. {@code audit-ws_x.csv}. */
    private static Download csv(AuditOperations audit, AuditOperations.Filter filter, String scope) {
        return new Download(CSV, "audit-" + scope.replaceAll("[^A-Za-z0-9_-]", "") + ".csv", audit.csv(filter));
    }

    private static Route get(String template, Access access, String summary, Schema response,
            Route.Handler handler) {
        return new Route("GET", template, summary, access, null, Response.ok(response), handler);
    }

    /** The strings of a checked JSON array, or {@code null} when it was left out. */
    private static List<String> strings(JsonElement value) {
        if (value == null || !value.isJsonArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        value.getAsJsonArray().forEach(e -> list.add(e.getAsString()));
        return list;
    }

    private static CommandResult runCommand(CommandRegistry commands, ApiRequest request) {
        List<String> args = new ArrayList<>();
        JsonElement given = request.object().get("args");
        if (given != null && given.isJsonArray()) {
            given.getAsJsonArray().forEach(a -> args.add(a.getAsString()));
        }
        try {
            return commands.run(request.path("name"), args);
        } catch (CommandException e) {
            throw new ApiException(e.code() == null ? ErrorCode.VALIDATION_FAILED.code() : e.code(),
                    ErrorCode.statusOf(e.code()), e.getMessage(), e.field());
        }
    }

    private static Map<String, String> stringMap(JsonElement value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null && value.isJsonObject()) {
            value.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
        }
        return map;
    }
}
