package io.atelier.shell.internal.rest;

import static io.atelier.shell.internal.rest.Schema.array;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonElement;

import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.shell.internal.platform.PlatformRegistry;
import io.atelier.shell.internal.rest.Route.RequestBody;
import io.atelier.shell.internal.rest.Route.Response;
import io.atelier.shell.internal.runtime.Health;
import io.atelier.shell.internal.runtime.HealthOperations;
import io.atelier.shell.internal.runtime.PluginOperations;
import io.atelier.shell.internal.workbench.CommandRegistry;
import io.atelier.shell.internal.workbench.ViewRegistry;
import io.atelier.shell.internal.workspace.AccountInput;
import io.atelier.shell.internal.workspace.WorkspaceOperations;

/**
 * The route table of {@code /api/v1}: every endpoint in one list, read top to
 * bottom like the API's table of contents. Handlers only translate between HTTP
 * and the operations, which hold the logic the console shares.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** The operations the routes call. */
    public record Operations(HealthOperations health, PluginOperations plugins, PlatformRegistry platforms,
            WorkspaceOperations workspaces, ViewRegistry views, CommandRegistry commands) {
    }

    /** The route table; {@code /openapi.json} describes the table itself. */
    public static List<Route> table(Operations ops, String version) {
        List<Route> routes = new ArrayList<>();

        routes.add(get("/health", "Whether the workbench is up: store, bundles, components (503 when down)",
                Schemas.HEALTH, r -> {
                    Health health = ops.health().health();
                    return new Reply(health.up() ? 200 : 503, health);
                }));

        routes.add(get("/plugins", "Installed bundles with state and kind", array(Schemas.PLUGIN),
                r -> ops.plugins().list()));
        routes.add(new Route("POST", "/plugins", "Installs and starts a plugin jar",
                RequestBody.binary(PluginOperations.MAX_JAR_BYTES, "application/java-archive"),
                Response.created(Schemas.PLUGIN), r -> ops.plugins().install(r.stream())));
        routes.add(get("/plugins/{id}", "One bundle, by symbolic name or bundle id", Schemas.PLUGIN,
                r -> ops.plugins().get(r.path("id"))));
        routes.add(new Route("POST", "/plugins/{id}/start", "Starts a bundle", null, Response.ok(Schemas.PLUGIN),
                r -> ops.plugins().start(r.path("id"))));
        routes.add(new Route("POST", "/plugins/{id}/stop", "Stops a platform or feature bundle", null,
                Response.ok(Schemas.PLUGIN), r -> ops.plugins().stop(r.path("id"))));
        routes.add(new Route("DELETE", "/plugins/{id}", "Uninstalls a platform or feature bundle and deletes its jar",
                null, Response.ok(Schemas.PLUGIN), r -> ops.plugins().uninstall(r.path("id"))));

        routes.add(get("/platforms", "Installed platforms: capabilities, limits, credential form",
                array(Schemas.PLATFORM), r -> ops.platforms().list()));
        routes.add(get("/platforms/{id}", "One platform", Schemas.PLATFORM, r -> ops.platforms().list().stream()
                .filter(p -> p.id().equals(r.path("id"))).findFirst()
                .orElseThrow(() -> ApiException.notFound("id", "no platform " + r.path("id") + " is installed"))));

        routes.add(get("/workspaces", "Every workspace, by name", array(Schemas.WORKSPACE),
                r -> ops.workspaces().list()));
        routes.add(new Route("POST", "/workspaces", "Creates a workspace", RequestBody.json(Schemas.WORKSPACE_INPUT),
                Response.created(Schemas.WORKSPACE),
                r -> ops.workspaces().create(r.string("name"), r.string("zone"))));
        routes.add(get("/workspaces/{ws}", "One workspace", Schemas.WORKSPACE,
                r -> ops.workspaces().get(r.path("ws"))));
        routes.add(new Route("PATCH", "/workspaces/{ws}", "Renames a workspace or changes its zone",
                RequestBody.json(Schemas.WORKSPACE_PATCH), Response.ok(Schemas.WORKSPACE),
                r -> ops.workspaces().update(r.path("ws"), r.string("name"), r.string("zone"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}", "Deletes a workspace and everything it holds", null,
                Response.noContent(), r -> {
                    ops.workspaces().delete(r.path("ws"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/accounts", "The workspace's accounts (never their credentials)",
                array(Schemas.ACCOUNT), r -> ops.workspaces().accounts(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/accounts",
                "Adds an account once its platform accepted the credentials", RequestBody.json(Schemas.ACCOUNT_INPUT),
                Response.created(Schemas.ACCOUNT),
                r -> ops.workspaces().addAccount(r.path("ws"), new AccountInput(r.string("platform"),
                        r.string("handle"), r.string("endpoint"), stringMap(r.object().get("credentials"))))));
        routes.add(get("/workspaces/{ws}/accounts/{acc}", "One account", Schemas.ACCOUNT,
                r -> ops.workspaces().account(r.path("ws"), r.path("acc"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/accounts/{acc}", "Removes an account and its credentials",
                null, Response.noContent(), r -> {
                    ops.workspaces().removeAccount(r.path("ws"), r.path("acc"));
                    return null;
                }));

        routes.add(get("/views", "Views of the web workbench, by category and order", array(Schemas.VIEW),
                r -> ops.views().list()));

        routes.add(get("/commands", "Commands of every bundle", array(Schemas.COMMAND),
                r -> ops.commands().list()));
        routes.add(new Route("POST", "/commands/{name}", "Runs a command",
                RequestBody.optionalJson(Schemas.COMMAND_INPUT), Response.ok(Schemas.COMMAND_RESULT),
                r -> runCommand(ops.commands(), r)));

        AtomicReference<List<Route>> table = new AtomicReference<>();
        routes.add(get("/openapi.json", "This description (OpenAPI 3.0)", Schema.any("OpenAPI 3.0 document"),
                r -> OpenApi.describe(table.get(), version)));
        table.set(List.copyOf(routes));
        return table.get();
    }

    private static Route get(String template, String summary, Schema response, Route.Handler handler) {
        return new Route("GET", template, summary, null, Response.ok(response), handler);
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
