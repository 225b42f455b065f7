package io.atelier.shell.internal.rest;

import static io.atelier.shell.internal.auth.Access.ADMIN;
import static io.atelier.shell.internal.auth.Access.AUTHENTICATED;
import static io.atelier.shell.internal.auth.Access.PUBLIC;
import static io.atelier.shell.internal.auth.Access.workspace;
import static io.atelier.shell.internal.rest.Schema.array;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import io.atelier.shell.internal.media.MediaOperations;
import io.atelier.shell.internal.media.MediaSignatures;
import io.atelier.shell.internal.oidc.OidcSignIn;
import io.atelier.shell.internal.oidc.StateCookie;
import io.atelier.scheduling.Platforms;
import io.atelier.shell.internal.platform.PlatformDescription;
import io.atelier.shell.internal.listening.AlertOperations;
import io.atelier.shell.internal.listening.ListeningOperations;
import io.atelier.shell.internal.listening.ModerationOperations;
import io.atelier.store.ModerationRepository.RuleInput;
import io.atelier.shell.internal.post.ApprovalOperations;
import io.atelier.shell.internal.post.PostJson;
import io.atelier.shell.internal.post.PostOperations;
import io.atelier.shell.internal.report.ReportOperations;
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
import io.atelier.shell.internal.workspace.AccountSignIns;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import io.atelier.store.MediaRepository;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.ScheduleInput;

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

    private static final String CSV = "text/csv; charset=utf-8";
    private static final String CALENDAR = "text/calendar; charset=utf-8";

    /** Routes that answer before set-up: what a client needs to find out about it and to do it. */
    public static final Set<String> BEFORE_SETUP = Set.of("/health", "/openapi.json", "/setup");

    /** The operations the routes call. */
    public record Operations(HealthOperations health, PluginOperations plugins, Platforms platforms,
            WorkspaceOperations workspaces, ViewRegistry views, CommandRegistry commands,
            SessionOperations sessions, PeopleOperations people, TokenOperations tokens, AuditOperations audit,
            PostOperations posts, MediaOperations media, ApprovalOperations approvals,
            ListeningOperations listening, AlertOperations alerts, ModerationOperations moderation,
            ReportOperations reports, AccountSignIns signIns, OidcSignIn oidc) {
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
        routes.add(new Route("GET", "/session/oidc", "Begins signing in with the company's OpenID Connect provider"
                + " (when etc/io.atelier.shell.oidc.cfg configures one): to the provider's sign-in page, with a sealed"
                + " cookie for the callback; or to /login#oidc-error=<reason>", PUBLIC, null,
                Response.found("to the provider's sign-in page, or back to the sign-in page with the reason"),
                r -> ops.oidc().begin(r.clientAddress(), r.secure())));
        routes.add(new Route("GET", "/session/oidc/callback", "Where the company's provider sends the person back"
                + " (query: state and code, or error): checks the state against the sealed cookie, exchanges the code,"
                + " checks the ID token and opens a session for the person with its verified e-mail; serves once",
                PUBLIC, null, Response.seeOther("to the workbench with the session cookie, or to"
                        + " /login#oidc-error=<reason>: expired, denied, failed, unverified, unknown, disabled,"
                        + " throttled or unavailable"),
                r -> ops.oidc().complete(r.query(), r.cookies().get(StateCookie.NAME), r.clientAddress(),
                        r.secure())));
        routes.add(get("/setup", PUBLIC, "Whether the first administrator is still to be created, and the sign-in"
                + " with a company account when one is configured", Schemas.SETUP_STATE, r -> {
                    Map<String, Object> state = new LinkedHashMap<>(ops.sessions().setupState());
                    ops.oidc().label().ifPresent(label -> state.put("oidc",
                            Map.of("label", label, "url", "/api/v1/session/oidc")));
                    return state;
                }));
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
                array(Schemas.PLATFORM), r -> PlatformDescription.all(ops.platforms())));
        routes.add(get("/platforms/{id}", AUTHENTICATED, "One platform", Schemas.PLATFORM,
                r -> PlatformDescription.all(ops.platforms()).stream().filter(p -> p.id().equals(r.path("id"))).findFirst()
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
        routes.add(get("/workspaces/{ws}/branding", workspace(Permission.WORKSPACE_READ), "How the workspace shows"
                + " itself to its clients (sign-off page, reports): display name, logo, accent colour",
                Schemas.BRANDING, r -> ops.workspaces().branding(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/branding", "Replaces the workspace's branding; the logo is an"
                + " image of its media library", workspace(Permission.WORKSPACE_MANAGE),
                RequestBody.json(Schemas.BRANDING_INPUT), Response.ok(Schemas.BRANDING),
                r -> ops.workspaces().setBranding(r.actor(), r.path("ws"), r.string("displayName"), r.string("logo"),
                        r.string("accent"))));
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
        routes.add(new Route("PUT", "/workspaces/{ws}/accounts/{acc}/credentials", "Reconnects an account: new"
                + " credentials, accepted by its platform, replace the old ones (never shown again)",
                workspace(Permission.ACCOUNTS_MANAGE), RequestBody.json(Schemas.ACCOUNT_CREDENTIALS),
                Response.ok(Schemas.ACCOUNT), r -> ops.workspaces().reconnectAccount(r.actor(), r.path("ws"),
                        r.path("acc"), stringMap(r.object().get("credentials")))));
        routes.add(new Route("POST", "/workspaces/{ws}/accounts/sign-ins", "Begins adding an account by signing in"
                + " on the network's page (platforms whose signIn is true): answers the page to open; the network"
                + " sends the person back to /sign-in/callback, which adds the account",
                workspace(Permission.ACCOUNTS_MANAGE), RequestBody.json(Schemas.ACCOUNT_SIGN_IN_INPUT),
                Response.created(Schemas.ACCOUNT_SIGN_IN), r -> ops.signIns().begin(r.actor(), r.path("ws"),
                        r.string("platform"), null, r.string("endpoint"),
                        stringMap(r.object().get("credentials")))));
        routes.add(new Route("POST", "/workspaces/{ws}/accounts/{acc}/sign-ins", "Begins reconnecting an account by"
                + " signing in on the network's page again, as the same account", workspace(Permission.ACCOUNTS_MANAGE),
                RequestBody.json(Schemas.ACCOUNT_SIGN_IN_INPUT), Response.created(Schemas.ACCOUNT_SIGN_IN),
                r -> ops.signIns().begin(r.actor(), r.path("ws"), null, r.path("acc"), null,
                        stringMap(r.object().get("credentials")))));
        routes.add(new Route("GET", "/sign-in/callback", "Where a network sends a person back after they signed in"
                + " (query: state, code, or error and error_description): adds or reconnects the account and sends"
                + " the person on to the Workspaces view, which says how it went (303); the state serves once",
                PUBLIC, null, Response.seeOther("on to the Workspaces view, which says how the sign-in went"), r -> {
                    AccountSignIns.Outcome outcome = ops.signIns().complete(r.query().get("state"),
                            r.query().get("code"), r.query().get("error"), r.query().get("error_description"),
                            r.actor().address());
                    return new Reply(303, null, List.of(new Reply.Header("Location", AccountSignIns.landing(outcome))));
                }));
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

        posts(routes, ops.posts());
        approvals(routes, ops.approvals());
        listening(routes, ops.listening());
        inbox(routes, ops.listening());
        alerts(routes, ops.alerts());
        moderation(routes, ops.moderation());
        reports(routes, ops.reports());
        media(routes, ops.media());

        routes.add(get("/audit", ADMIN, "The audit log, newest first; query: workspace, actor, action (prefix), from,"
                + " to, limit, cursor", Schemas.AUDIT_PAGE,
                r -> ops.audit().page(AuditOperations.filter(r.query(), null, true))));
        routes.add(new Route("GET", "/audit.csv", "The audit log as CSV (same filters)", ADMIN, null,
                Response.file(CSV, "CSV, one line per event"),
                r -> csv(ops.audit(), AuditOperations.filter(r.query(), null, true), "all")));

        routes.add(get("/views", AUTHENTICATED, "Views of the web workbench the caller may use, by category and"
                + " order", array(Schemas.VIEW), r -> ops.views().list().stream()
                        .filter(v -> ops.workspaces().maySee(r.principal(), v.permission())).toList()));

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

    /** The editorial calendar: posts, their import, queues, the calendar feed and the notices. */
    private static void posts(List<Route> routes, PostOperations posts) {
        routes.add(get("/workspaces/{ws}/posts", workspace(Permission.POSTS_READ), "The workspace's posts by due time;"
                + " query: from, to (instants), state (comma-separated), account, limit (1 to 5000, default 500)",
                array(Schemas.POST), r -> PostJson.posts(posts.list(r.path("ws"), PostOperations.filter(r.query())))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts", "Plans a post (every occurrence of a recurring one);"
                + " answers the first. Roles that may only draft must set draft or review",
                workspace(Permission.POSTS_DRAFT), RequestBody.json(Schemas.POST_INPUT), Response.created(Schemas.POST),
                r -> PostJson.post(posts.create(r.actor(), r.path("ws"), PostJson.input(r.object())))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/check", "Checks a post as creating it would, writing"
                + " nothing: every problem, for the composer", workspace(Permission.POSTS_DRAFT),
                RequestBody.json(Schemas.POST_INPUT), Response.ok(Schemas.POST_CHECK),
                r -> posts.check(r.path("ws"), PostJson.input(r.object()))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/import", "Checks (query dryRun=true) or plans the posts"
                + " of a CSV file (header date,time,zone,accounts,text,media): all of them, or none when a row has a"
                + " problem", workspace(Permission.POSTS_SCHEDULE),
                RequestBody.binary(PostOperations.MAX_CSV_BYTES, "text/csv"), Response.ok(Schemas.IMPORT_REPORT),
                r -> posts.importCsv(r.actor(), r.path("ws"), RequestBodies.text(r.stream(), "the CSV file"),
                        "true".equalsIgnoreCase(r.query().get("dryRun")), rows -> { })));
        routes.add(get("/workspaces/{ws}/posts/{id}", workspace(Permission.POSTS_READ), "One post with its history",
                Schemas.POST, r -> PostJson.post(posts.get(r.path("ws"), r.path("id")),
                        posts.history(r.path("ws"), r.path("id")))));
        routes.add(new Route("PATCH", "/workspaces/{ws}/posts/{id}", "Edits a post: members given replace, the others"
                + " stay; 409 when version differs", workspace(Permission.POSTS_DRAFT),
                RequestBody.json(Schemas.POST_PATCH), Response.ok(Schemas.POST),
                r -> PostJson.post(posts.update(r.actor(), r.path("ws"), r.path("id"), PostJson.patch(r.object())))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/{id}/cancel", "Cancels what is left to publish of a"
                + " post (with series: also the later posts of its series)", workspace(Permission.POSTS_SCHEDULE),
                RequestBody.optionalJson(Schemas.CANCEL_INPUT), Response.ok(Schemas.POST),
                r -> PostJson.post(posts.cancel(r.actor(), r.path("ws"), r.path("id"),
                        Boolean.TRUE.equals(r.bool("series"))))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/{id}/publish-now", "Publishes a draft, scheduled or"
                + " failed post now", workspace(Permission.POSTS_SCHEDULE), null, Response.ok(Schemas.POST),
                r -> PostJson.post(posts.publishNow(r.actor(), r.path("ws"), r.path("id")))));

        routes.add(get("/workspaces/{ws}/accounts/{acc}/queue", workspace(Permission.POSTS_READ),
                "The account's weekly queue slots, in the workspace's zone", Schemas.QUEUE,
                r -> posts.queue(r.path("ws"), r.path("acc"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/accounts/{acc}/queue", "Replaces the account's queue slots",
                workspace(Permission.QUEUE_MANAGE), RequestBody.json(Schemas.QUEUE_INPUT), Response.ok(Schemas.QUEUE),
                r -> posts.setQueue(r.actor(), r.path("ws"), r.path("acc"), r.string("zone"),
                        PostJson.slots(r.object().get("slots")))));
        routes.add(get("/workspaces/{ws}/queue/next", workspace(Permission.POSTS_READ),
                "The next free queue slot common to the accounts; query: accounts (comma-separated)", Schemas.NEXT_SLOT,
                r -> posts.nextSlot(r.path("ws"),
                        new LinkedHashSet<>(PostOperations.split(r.query().get("accounts"))))));

        routes.add(new Route("POST", "/workspaces/{ws}/calendar-feed", "Creates or replaces the secret of the"
                + " workspace's calendar feed; the secret and the feed's address are in this answer only",
                workspace(Permission.FEED_MANAGE), null, Response.ok(Schemas.FEED),
                r -> posts.rotateFeed(r.actor(), r.path("ws"))));
        routes.add(new Route("GET", "/workspaces/{ws}/calendar.ics", "The workspace's editorial calendar as"
                + " iCalendar, for calendar applications; query: token (the feed's secret; 404 when wrong)", PUBLIC,
                null, Response.file(CALENDAR, "iCalendar (RFC 5545)"), r -> {
                    String calendar = posts.calendar(r.path("ws"), r.query().get("token"));
                    return new Download(CALENDAR, "atelier-calendar.ics",
                            out -> out.write(calendar.getBytes(StandardCharsets.UTF_8)));
                }));

        routes.add(get("/posts", AUTHENTICATED, "The agency overview: posts of every workspace where the caller may"
                + " read posts; query: from, to, state, workspace (comma-separated), limit", array(Schemas.POST),
                r -> PostJson.posts(posts.overview(r.principal(), PostOperations.filter(r.query())))));
        routes.add(get("/notices", AUTHENTICATED, "What needs the caller's attention in their workspaces, such as"
                + " accounts to reconnect", array(Schemas.NOTICE), r -> posts.notices(r.principal())));
    }

    /**
     * Approvals: the workspace's workflow, decisions and comments on posts in review,
     * what waits for the caller, and the client sign-off links with the routes their
     * page calls. Those are public: the link's secret, sent in the body, is the right
     * to call them, and a wrong one is a 404 like any unknown link.
     */
    private static void approvals(List<Route> routes, ApprovalOperations approvals) {
        routes.add(get("/workspaces/{ws}/approval-workflow", workspace(Permission.POSTS_READ), "The workspace's"
                + " approval workflow: its steps in order, with their approvers", Schemas.WORKFLOW,
                r -> approvals.workflow(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/approval-workflow", "Replaces the approval workflow: 0 to 3"
                + " steps, each passed by one (ANY) or every (ALL) approver", workspace(Permission.APPROVALS_MANAGE),
                RequestBody.json(Schemas.WORKFLOW_INPUT), Response.ok(Schemas.WORKFLOW),
                r -> approvals.setWorkflow(r.actor(), r.path("ws"), ApprovalOperations.steps(r.object()))));
        routes.add(get("/workspaces/{ws}/posts/{id}/review", workspace(Permission.POSTS_READ), "Where a post in"
                + " review stands: its step, the approvers, who approved; 409 when it is not in review",
                Schemas.REVIEW, r -> approvals.review(r.principal(), r.path("ws"), r.path("id"))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/{id}/approve", "Approves the step a post in review"
                + " waits at; the last approval schedules it (403 on field approver for anyone the step does not"
                + " name)", workspace(Permission.POSTS_APPROVE), RequestBody.json(Schemas.APPROVE_INPUT),
                Response.ok(Schemas.POST), r -> PostJson.post(approvals.approve(r.actor(), r.path("ws"),
                        r.path("id"), version(r)))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/{id}/reject", "Sends a post in review back to draft;"
                + " the comment says why", workspace(Permission.POSTS_APPROVE), RequestBody.json(Schemas.REJECT_INPUT),
                Response.ok(Schemas.POST), r -> PostJson.post(approvals.reject(r.actor(), r.path("ws"),
                        r.path("id"), version(r), r.string("comment")))));
        routes.add(get("/workspaces/{ws}/posts/{id}/comments", workspace(Permission.POSTS_READ), "A post's comments,"
                + " oldest first", array(Schemas.COMMENT), r -> approvals.comments(r.path("ws"), r.path("id"))));
        routes.add(new Route("POST", "/workspaces/{ws}/posts/{id}/comments", "Comments on a post",
                workspace(Permission.POSTS_COMMENT), RequestBody.json(Schemas.COMMENT_INPUT),
                Response.created(Schemas.COMMENT), r -> approvals.comment(r.actor(), r.path("ws"), r.path("id"),
                        r.string("text"))));
        routes.add(get("/approvals", AUTHENTICATED, "What waits for the caller's approval, in every workspace",
                array(Schemas.APPROVAL_ITEM), r -> approvals.awaiting(r.principal())));

        routes.add(get("/workspaces/{ws}/signoff-links", workspace(Permission.APPROVALS_MANAGE), "The workspace's"
                + " client sign-off links, newest first, without their secrets", array(Schemas.SIGNOFF_LINK),
                r -> approvals.links(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/signoff-links", "Creates a sign-off link: a client without"
                + " an account sees the posts of a period and approves, rejects or comments until it expires; the"
                + " secret is shown once", workspace(Permission.APPROVALS_MANAGE),
                RequestBody.json(Schemas.SIGNOFF_LINK_INPUT), Response.created(Schemas.NEW_SIGNOFF_LINK),
                r -> approvals.createLink(r.actor(), r.path("ws"), r.string("clientName"),
                        r.instant("from"), r.instant("to"), r.instant("expiresAt"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/signoff-links/{id}", "Revokes a sign-off link at once",
                workspace(Permission.APPROVALS_MANAGE), null, Response.noContent(), r -> {
                    approvals.revokeLink(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
        routes.add(new Route("POST", "/signoff", "What a sign-off link shows (404 for a wrong, expired or revoked"
                + " link)", PUBLIC, RequestBody.json(Schemas.SIGNOFF_TOKEN), Response.ok(Schemas.SIGNOFF_PAGE),
                r -> approvals.signoff(r.string("token"))));
        routes.add(new Route("POST", "/signoff/posts/{id}/approve", "The client approves a post the link shows",
                PUBLIC, RequestBody.json(Schemas.SIGNOFF_TOKEN), Response.noContent(), r -> {
                    approvals.signoffApprove(r.string("token"), r.path("id"));
                    return null;
                }));
        routes.add(new Route("POST", "/signoff/posts/{id}/reject", "The client rejects a post the link shows; the"
                + " comment says why", PUBLIC, RequestBody.json(Schemas.SIGNOFF_REJECT), Response.noContent(), r -> {
                    approvals.signoffReject(r.string("token"), r.path("id"), r.string("comment"));
                    return null;
                }));
        routes.add(new Route("POST", "/signoff/posts/{id}/comments", "The client comments on a post the link shows",
                PUBLIC, RequestBody.json(Schemas.SIGNOFF_COMMENT), Response.created(Schemas.COMMENT),
                r -> approvals.signoffComment(r.string("token"), r.path("id"), r.string("text"))));
        routes.add(new Route("POST", "/signoff/media/{id}", "A medium of a post the link shows", PUBLIC,
                RequestBody.json(Schemas.SIGNOFF_TOKEN), Response.file("*/*", "the file as it was uploaded"),
                r -> approvals.signoffMedia(r.string("token"), r.path("id"))));
    }

    /** The optional {@code version} of a decision's body; -1 when left out. */
    private static long version(ApiRequest request) {
        JsonElement version = request.object().get("version");
        return version == null || version.isJsonNull() ? -1 : version.getAsLong();
    }

    /**
     * The media library: images and videos uploaded once to a workspace and attached
     * to its posts by id. Whoever reads posts sees their media; whoever writes posts
     * uploads and deletes them.
     */
    private static void media(List<Route> routes, MediaOperations media) {
        routes.add(get("/workspaces/{ws}/media", workspace(Permission.POSTS_READ), "The workspace's media library,"
                + " newest first; query: limit (1 to 1000, default 100)", array(Schemas.MEDIA_ITEM),
                r -> media.list(r.path("ws"), r.query())));
        routes.add(new Route("POST", "/workspaces/{ws}/media", "Uploads an image or video to the workspace's media"
                + " library; the body is the file (at most 50 MiB), whose first bytes must be of its Content-Type;"
                + " query: name (the file's name), alt (its description)", workspace(Permission.POSTS_DRAFT),
                RequestBody.binary(MediaRepository.MAX_BYTES, MediaSignatures.types().toArray(String[]::new)),
                Response.created(Schemas.MEDIA_ITEM), r -> media.upload(r.actor(), r.path("ws"), r.mediaType(),
                        r.stream(), r.query().get("name"), r.query().get("alt"))));
        routes.add(get("/workspaces/{ws}/media/{id}", workspace(Permission.POSTS_READ), "One medium of the library",
                Schemas.MEDIA_ITEM, r -> media.get(r.path("ws"), r.path("id"))));
        routes.add(new Route("GET", "/workspaces/{ws}/media/{id}/content", "The medium's content, with the type it"
                + " was uploaded as, shown inline in a sandbox", workspace(Permission.POSTS_READ), null,
                Response.file("*/*", "the file as it was uploaded (image/jpeg, image/png, image/gif, image/webp or"
                        + " video/mp4)"), r -> media.content(r.path("ws"), r.path("id"))));
        routes.add(new Route("GET", "/media-links/{token}", "A medium's content for whoever holds a public link"
                + " the workbench gave a network that fetches media by URL (Instagram, Threads); signed, and valid"
                + " for a limited time (404 once expired or altered)", PUBLIC, null, Response.file("*/*",
                        "the file as it was uploaded"), r -> media.publicContent(r.path("token"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/media/{id}", "Removes a medium from the library; posts"
                + " that still name it fail to publish", workspace(Permission.POSTS_DRAFT), null,
                Response.noContent(), r -> {
                    media.delete(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
    }

    /**
     * Listening: the workspace's queries (checked with the position of a problem, and
     * previewed on the mentions stored), the sources polled, and the mentions found.
     */
    private static void listening(List<Route> routes, ListeningOperations listening) {
        routes.add(get("/workspaces/{ws}/queries", workspace(Permission.LISTENING_READ), "The workspace's listening"
                + " queries, by name", array(Schemas.QUERY), r -> listening.queries(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/queries", "Adds a listening query; a query that cannot run"
                + " is refused on field query with the position of the problem",
                workspace(Permission.LISTENING_MANAGE), RequestBody.json(Schemas.QUERY_INPUT),
                Response.created(Schemas.QUERY), r -> listening.createQuery(r.actor(), r.path("ws"),
                        r.string("name"), r.string("query"), r.string("voice"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/queries/{id}", "Renames and rewrites a listening query; the"
                + " mentions it matched keep their matches; without voice, the query keeps its own",
                workspace(Permission.LISTENING_MANAGE), RequestBody.json(Schemas.QUERY_INPUT),
                Response.ok(Schemas.QUERY), r -> listening.updateQuery(r.actor(), r.path("ws"), r.path("id"),
                        r.string("name"), r.string("query"), voiceGiven(r))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/queries/{id}", "Removes a listening query",
                workspace(Permission.LISTENING_MANAGE), null, Response.noContent(), r -> {
                    listening.deleteQuery(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
        routes.add(new Route("POST", "/workspaces/{ws}/queries/check", "Checks a listening query as it is typed:"
                + " valid, or the problem and its position", workspace(Permission.LISTENING_READ),
                RequestBody.json(Schemas.QUERY_TEXT), Response.ok(Schemas.QUERY_CHECK),
                r -> listening.check(r.string("query"))));
        routes.add(new Route("POST", "/workspaces/{ws}/queries/preview", "The most recent mentions a query would have"
                + " matched, newest first, among the last 500 stored", workspace(Permission.LISTENING_READ),
                RequestBody.json(Schemas.QUERY_TEXT), Response.ok(array(Schemas.MENTION)),
                r -> listening.preview(r.path("ws"), r.string("query"), integer(r, "limit"))));

        routes.add(get("/source-kinds", AUTHENTICATED, "The kinds of listening sources the installed plugins provide,"
                + " with their settings", array(Schemas.PLUGIN_KIND), r -> listening.sourceKinds()));
        routes.add(get("/workspaces/{ws}/sources", workspace(Permission.LISTENING_READ), "What the workspace listens"
                + " to: its accounts that report mentions and its other sources, with how their last poll went",
                array(Schemas.SOURCE), r -> listening.sources(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/sources", "Adds a listening source (a feed...), polled at"
                + " once", workspace(Permission.LISTENING_MANAGE), RequestBody.json(Schemas.SOURCE_INPUT),
                Response.created(Schemas.SOURCE), r -> listening.addSource(r.actor(), r.path("ws"), r.string("kind"),
                        r.string("name"), stringMap(r.object().get("settings")))));
        routes.add(new Route("POST", "/workspaces/{ws}/sources/{id}/pause", "Stops polling a source until it is"
                + " resumed", workspace(Permission.LISTENING_MANAGE), null, Response.ok(Schemas.SOURCE),
                r -> listening.pause(r.actor(), r.path("ws"), r.path("id"), true)));
        routes.add(new Route("POST", "/workspaces/{ws}/sources/{id}/resume", "Polls a paused or failing source again,"
                + " now", workspace(Permission.LISTENING_MANAGE), null, Response.ok(Schemas.SOURCE),
                r -> listening.pause(r.actor(), r.path("ws"), r.path("id"), false)));
        routes.add(new Route("DELETE", "/workspaces/{ws}/sources/{id}", "Removes a listening source with its mentions"
                + " (an account's source goes with the account)", workspace(Permission.LISTENING_MANAGE), null,
                Response.noContent(), r -> {
                    listening.deleteSource(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/mentions", workspace(Permission.LISTENING_READ), "Mentions found, newest"
                + " first; ?query=qry_... (those it matched), ?source=src_..., ?before=men_... (paging), ?limit=1-500",
                array(Schemas.MENTION), r -> listening.mentions(r.path("ws"), r.query())));
    }

    /**
     * The inbox: items with their mention, assignment, status, internal notes and the
     * answers sent on the network, and the saved replies.
     */
    private static void inbox(List<Route> routes, ListeningOperations inbox) {
        routes.add(get("/workspaces/{ws}/inbox", workspace(Permission.INBOX_READ), "Inbox items, newest first;"
                + " ?status=NEW|IN_PROGRESS|ANSWERED|CLOSED, ?assignee=usr_...|me|(empty: unassigned),"
                + " ?before=itm_... (paging), ?limit=1-500", array(Schemas.INBOX_ITEM),
                r -> inbox.items(r.principal(), r.path("ws"), r.query())));
        routes.add(get("/workspaces/{ws}/inbox/{id}", workspace(Permission.INBOX_READ), "One item with its notes and"
                + " answers", Schemas.INBOX_DETAIL, r -> inbox.item(r.path("ws"), r.path("id"))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/assign", "Assigns an item to a member (null:"
                + " nobody); a new item becomes in progress", workspace(Permission.INBOX_HANDLE),
                RequestBody.json(Schemas.ASSIGN_INPUT), Response.ok(Schemas.INBOX_ITEM),
                r -> inbox.assign(r.actor(), r.path("ws"), r.path("id"), r.string("assignee"), version(r))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/status", "Sets an item's status",
                workspace(Permission.INBOX_HANDLE), RequestBody.json(Schemas.STATUS_INPUT),
                Response.ok(Schemas.INBOX_ITEM), r -> inbox.setStatus(r.actor(), r.path("ws"), r.path("id"),
                        r.string("status"), version(r))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/notes", "Adds an internal note, seen by the team"
                + " only", workspace(Permission.INBOX_HANDLE), RequestBody.json(Schemas.NOTE_INPUT),
                Response.created(Schemas.NOTE), r -> inbox.addNote(r.actor(), r.path("ws"), r.path("id"),
                        r.string("text"))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/replies", "Answers on the network: recorded at once"
                + " (state SENDING) and sent once; read the item to see how it ended",
                workspace(Permission.INBOX_REPLY), RequestBody.json(Schemas.REPLY_INPUT),
                Response.created(Schemas.INBOX_REPLY), r -> inbox.reply(r.actor(), r.path("ws"), r.path("id"),
                        r.string("text"))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/replies/{reply}/approve", "Approves an answer waiting"
                + " for approval (an approver of the step it waits at; without a workflow, whoever may answer); the"
                + " approval that passes the workflow sends it", workspace(Permission.INBOX_READ), null,
                Response.ok(Schemas.INBOX_REPLY), r -> inbox.approveReply(r.actor(), r.path("ws"), r.path("reply"))));
        routes.add(new Route("POST", "/workspaces/{ws}/inbox/{id}/replies/{reply}/reject", "Turns down an answer"
                + " waiting for approval: it is never sent", workspace(Permission.INBOX_READ),
                RequestBody.json(Schemas.REJECT_REPLY_INPUT), Response.ok(Schemas.INBOX_REPLY),
                r -> inbox.rejectReply(r.actor(), r.path("ws"), r.path("reply"), r.string("reason"))));
        routes.add(get("/workspaces/{ws}/inbox-settings", workspace(Permission.INBOX_READ), "Whether the workspace's"
                + " answers wait for its approval workflow", Schemas.INBOX_SETTINGS, r -> inbox.settings(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/inbox-settings", "Makes answers wait for the approval workflow,"
                + " or go at once", workspace(Permission.APPROVALS_MANAGE), RequestBody.json(Schemas.INBOX_SETTINGS),
                Response.ok(Schemas.INBOX_SETTINGS), r -> inbox.setSettings(r.actor(), r.path("ws"),
                        r.bool("repliesNeedApproval"))));
        routes.add(get("/workspaces/{ws}/saved-replies", workspace(Permission.INBOX_READ), "Saved replies, by name",
                array(Schemas.SAVED_REPLY), r -> inbox.savedReplies(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/saved-replies", "Saves a reply under a name (replacing one of"
                + " that name)", workspace(Permission.INBOX_REPLY), RequestBody.json(Schemas.SAVED_REPLY_INPUT),
                Response.ok(Schemas.SAVED_REPLY), r -> inbox.saveReply(r.actor(), r.path("ws"), r.string("name"),
                        r.string("text"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/saved-replies/{id}", "Removes a saved reply",
                workspace(Permission.INBOX_REPLY), null, Response.noContent(), r -> {
                    inbox.deleteSavedReply(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
    }

    /**
     * Alerts: those raised, with the mentions that caused them and their deliveries;
     * the rules that raise them and the channels they go to.
     */
    private static void alerts(List<Route> routes, AlertOperations alerts) {
        routes.add(get("/workspaces/{ws}/alerts", workspace(Permission.ALERTS_READ), "Alerts raised, newest first;"
                + " ?status=OPEN|ACKNOWLEDGED, ?before=alt_... (paging), ?limit=1-500", array(Schemas.ALERT),
                r -> alerts.alerts(r.path("ws"), r.query())));
        routes.add(get("/workspaces/{ws}/alerts/{id}", workspace(Permission.ALERTS_READ), "One alert with the mentions"
                + " that caused it and its delivery to each channel", Schemas.ALERT_DETAIL,
                r -> alerts.alert(r.path("ws"), r.path("id"))));
        routes.add(new Route("POST", "/workspaces/{ws}/alerts/{id}/acknowledge", "Marks an alert as taken in hand"
                + " (the first acknowledgement stays)", workspace(Permission.ALERTS_HANDLE), null,
                Response.ok(Schemas.ALERT), r -> alerts.acknowledge(r.actor(), r.path("ws"), r.path("id"))));

        routes.add(get("/workspaces/{ws}/alert-rules", workspace(Permission.ALERTS_READ), "The workspace's alert"
                + " rules, by name", array(Schemas.ALERT_RULE), r -> alerts.rules(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/alert-rules", "Adds an alert rule: a volume spike, a surge of"
                + " negative mentions, or any new match of a query", workspace(Permission.ALERTS_MANAGE),
                RequestBody.json(Schemas.ALERT_RULE_INPUT), Response.created(Schemas.ALERT_RULE),
                r -> alerts.createRule(r.actor(), r.path("ws"), r.string("name"), r.string("kind"),
                        r.string("query"), integer(r, "coolDownMinutes"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/alert-rules/{id}", "Renames a rule, changes its cool-down, turns"
                + " it on or off", workspace(Permission.ALERTS_MANAGE), RequestBody.json(Schemas.ALERT_RULE_INPUT),
                Response.ok(Schemas.ALERT_RULE), r -> alerts.updateRule(r.actor(), r.path("ws"), r.path("id"),
                        r.string("name"), integer(r, "coolDownMinutes"), r.bool("enabled"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/alert-rules/{id}", "Removes an alert rule; its alerts stay",
                workspace(Permission.ALERTS_MANAGE), null, Response.noContent(), r -> {
                    alerts.deleteRule(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));

        routes.add(get("/sink-kinds", AUTHENTICATED, "The kinds of alert channels the installed plugins provide"
                + " (e-mail, webhooks...), with their settings", array(Schemas.PLUGIN_KIND), r -> alerts.sinkKinds()));
        routes.add(get("/workspaces/{ws}/alert-channels", workspace(Permission.ALERTS_READ), "Where the workspace's"
                + " alerts go, by name (settings are never shown)", array(Schemas.ALERT_CHANNEL),
                r -> alerts.channels(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/alert-channels", "Adds a channel every alert of the workspace"
                + " goes to", workspace(Permission.ALERTS_MANAGE), RequestBody.json(Schemas.ALERT_CHANNEL_INPUT),
                Response.created(Schemas.ALERT_CHANNEL), r -> alerts.addChannel(r.actor(), r.path("ws"),
                        r.string("sink"), r.string("name"), stringMap(r.object().get("settings")))));
        routes.add(new Route("PUT", "/workspaces/{ws}/alert-channels/{id}", "Turns a channel on or off",
                workspace(Permission.ALERTS_MANAGE), RequestBody.json(Schemas.ENABLED_INPUT),
                Response.ok(Schemas.ALERT_CHANNEL), r -> alerts.enableChannel(r.actor(), r.path("ws"), r.path("id"),
                        r.bool("enabled"))));
        routes.add(new Route("POST", "/workspaces/{ws}/alert-channels/{id}/test", "Sends a test alert to the channel"
                + " now and says whether it was delivered", workspace(Permission.ALERTS_MANAGE), null,
                Response.ok(Schemas.CHANNEL_TEST), r -> alerts.testChannel(r.actor(), r.path("ws"), r.path("id"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/alert-channels/{id}", "Removes a channel",
                workspace(Permission.ALERTS_MANAGE), null, Response.noContent(), r -> {
                    alerts.deleteChannel(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
    }

    /** Moderation: the workspace's charter of forbidden words, and its moderation rules. */
    private static void moderation(List<Route> routes, ModerationOperations moderation) {
        routes.add(get("/workspaces/{ws}/charter", workspace(Permission.LISTENING_READ), "The words and phrases the"
                + " workspace does not want in what it receives, publishes and answers", Schemas.CHARTER,
                r -> moderation.charter(r.path("ws"))));
        routes.add(new Route("PUT", "/workspaces/{ws}/charter", "Replaces the workspace's charter",
                workspace(Permission.MODERATION_MANAGE), RequestBody.json(Schemas.CHARTER_INPUT),
                Response.ok(Schemas.CHARTER), r -> moderation.setCharter(r.actor(), r.path("ws"),
                        strings(r.object().get("terms")))));
        routes.add(get("/workspaces/{ws}/moderation-rules", workspace(Permission.LISTENING_READ), "The workspace's"
                + " moderation rules, in the order they apply to each incoming mention",
                array(Schemas.MODERATION_RULE), r -> moderation.rules(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/moderation-rules", "Adds a moderation rule: conditions on an"
                + " incoming mention (all must hold) and an action; applied after the others",
                workspace(Permission.MODERATION_MANAGE), RequestBody.json(Schemas.MODERATION_RULE_INPUT),
                Response.created(Schemas.MODERATION_RULE), r -> moderation.createRule(r.actor(), r.path("ws"),
                        new RuleInput(r.string("name"), r.string("query"), r.string("sentiment"),
                                r.string("author"), r.string("source"), r.string("language"),
                                Boolean.TRUE.equals(r.bool("charter")), ModerationOperations.action(r.string("action")),
                                r.string("argument")))));
        routes.add(new Route("PUT", "/workspaces/{ws}/moderation-rules/{id}", "Turns a moderation rule on or off",
                workspace(Permission.MODERATION_MANAGE), RequestBody.json(Schemas.ENABLED_INPUT),
                Response.ok(Schemas.MODERATION_RULE), r -> moderation.setEnabled(r.actor(), r.path("ws"),
                        r.path("id"), r.bool("enabled"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/moderation-rules/{id}", "Removes a moderation rule",
                workspace(Permission.MODERATION_MANAGE), null, Response.noContent(), r -> {
                    moderation.deleteRule(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
    }

    /**
     * Reporting: the metrics collected, reports of a period (JSON, or rendered by the
     * installed renderers), objectives with how they fared, scheduled reports, share
     * links with the public route they open, and the best times to post. Everything
     * answers 503 while the reporting service is not running.
     */
    private static void reports(List<Route> routes, ReportOperations reports) {
        routes.add(get("/workspaces/{ws}/metrics", workspace(Permission.REPORTS_READ), "The daily metrics of the"
                + " workspace's accounts and where each account's collection stands; query: from, to (YYYY-MM-DD"
                + " in the workspace's zone, to excluded; the last 30 days by default)", Schemas.METRICS,
                r -> reports.metrics(r.path("ws"), r.query())));
        routes.add(new Route("POST", "/workspaces/{ws}/metrics/collect", "Asks for an account's counters to be read"
                + " at the collector's next turn", workspace(Permission.REPORTS_MANAGE),
                RequestBody.json(Schemas.COLLECT_INPUT), new Response(202, "Accepted", Schemas.COLLECT_ACCEPTED),
                r -> new Reply(202, reports.collect(r.actor(), r.path("ws"), r.string("accountId")))));
        routes.add(get("/workspaces/{ws}/report-formats", workspace(Permission.REPORTS_READ), "The formats the"
                + " installed renderers write", array(Schemas.REPORT_FORMAT), r -> reports.formats()));
        routes.add(get("/workspaces/{ws}/reports", workspace(Permission.REPORTS_READ), "The workspace's report of a"
                + " period against the previous one and its objectives; query: from, to (YYYY-MM-DD, to excluded,"
                + " at most 366 days; the last 30 days by default), format (json, the default, answers this JSON;"
                + " another format of report-formats answers the rendered file as an attachment), inline=true (an"
                + " HTML report shown in the browser)", Schemas.REPORT, r -> reports.report(r.path("ws"), r.query())));

        routes.add(get("/workspaces/{ws}/objectives", workspace(Permission.REPORTS_READ), "The workspace's"
                + " objectives, each with its last periods: met, missed or not computable, the value and the gap",
                array(Schemas.OBJECTIVE), r -> reports.objectives(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/objectives", "Sets an objective: a KPI against a target for"
                + " each period of a granularity", workspace(Permission.REPORTS_MANAGE),
                RequestBody.json(Schemas.OBJECTIVE_INPUT), Response.created(Schemas.OBJECTIVE),
                r -> reports.createObjective(r.actor(), r.path("ws"), new ObjectiveInput(r.string("name"),
                        r.string("kpi"), r.string("comparison"), r.object().get("target").getAsBigDecimal(),
                        r.string("granularity"), duration(r, "within"), r.string("platform"),
                        r.string("accountId")))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/objectives/{id}", "Removes an objective",
                workspace(Permission.REPORTS_MANAGE), null, Response.noContent(), r -> {
                    reports.deleteObjective(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));

        routes.add(get("/workspaces/{ws}/report-schedules", workspace(Permission.REPORTS_MANAGE), "The reports the"
                + " workspace sends on a schedule, with their recipients and how the last sending went",
                array(Schemas.REPORT_SCHEDULE), r -> reports.schedules(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/report-schedules", "Sends the report of the last complete"
                + " week or month to recipients through one of the workspace's alert channels (e-mail)",
                workspace(Permission.REPORTS_MANAGE), RequestBody.json(Schemas.REPORT_SCHEDULE_INPUT),
                Response.created(Schemas.REPORT_SCHEDULE), r -> reports.createSchedule(r.actor(), r.path("ws"),
                        new ScheduleInput(r.string("name"), r.string("period"), r.string("format"),
                                r.string("channelId"), strings(r.object().get("recipients")),
                                !Boolean.FALSE.equals(r.bool("enabled"))))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/report-schedules/{id}", "Stops sending a scheduled report",
                workspace(Permission.REPORTS_MANAGE), null, Response.noContent(), r -> {
                    reports.deleteSchedule(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
        routes.add(new Route("POST", "/workspaces/{ws}/report-schedules/{id}/send", "Sends a scheduled report at the"
                + " next turn, whatever its time", workspace(Permission.REPORTS_MANAGE), null,
                new Response(202, "Accepted", Schemas.REPORT_SCHEDULE),
                r -> new Reply(202, reports.sendSchedule(r.actor(), r.path("ws"), r.path("id")))));

        routes.add(get("/workspaces/{ws}/report-shares", workspace(Permission.REPORTS_MANAGE), "The workspace's"
                + " report share links, newest first, without their tokens", array(Schemas.REPORT_SHARE),
                r -> reports.shares(r.path("ws"))));
        routes.add(new Route("POST", "/workspaces/{ws}/report-shares", "Shares the report of a period by a link that"
                + " opens without signing in until it expires (at most 90 days); the token and the link are in"
                + " this answer only", workspace(Permission.REPORTS_MANAGE),
                RequestBody.json(Schemas.REPORT_SHARE_INPUT), Response.created(Schemas.NEW_REPORT_SHARE),
                r -> reports.createShare(r.actor(), r.path("ws"), r.string("from"), r.string("to"),
                        integer(r, "validDays"))));
        routes.add(new Route("DELETE", "/workspaces/{ws}/report-shares/{id}", "Revokes a share link at once",
                workspace(Permission.REPORTS_MANAGE), null, Response.noContent(), r -> {
                    reports.revokeShare(r.actor(), r.path("ws"), r.path("id"));
                    return null;
                }));
        routes.add(new Route("GET", "/shared/reports/{token}", "The report a share link shows, as HTML, to whoever"
                + " has the link (404 for an unknown link, 410 for one that expired or was revoked)", PUBLIC, null,
                Response.file("text/html", "the report as an HTML page"), r -> reports.shared(r.path("token"))));

        routes.add(get("/workspaces/{ws}/accounts/{acc}/best-times", workspace(Permission.REPORTS_READ), "The hours"
                + " of the week when the account's posts of the last 90 days fared best, best first (empty with"
                + " fewer than 5 measured posts); query: limit (1 to 168, default 5)", array(Schemas.BEST_TIME),
                r -> reports.bestTimes(r.path("ws"), r.path("acc"), r.query())));
    }

    /** An ISO-8601 duration member of the body ({@code PT2H}), or {@code null}; 400 naming it when it is not one. */
    private static java.time.Duration duration(ApiRequest request, String member) {
        String value = request.string(member);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(member, member + " must be an ISO-8601 duration such as PT2H or PT30M");
        }
    }

    /** A whole-number member of the body, or {@code null} when it was left out. */
    private static Integer integer(ApiRequest request, String member) {
        JsonElement value = request.object().get(member);
        return value == null || value.isJsonNull() ? null : value.getAsInt();
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
            return commands.run(request.path("name"), args, request.actor());
        } catch (CommandException e) {
            throw new ApiException(e.code() == null ? ErrorCode.VALIDATION_FAILED.code() : e.code(),
                    ErrorCode.statusOf(e.code()), e.getMessage(), e.field());
        }
    }

    /** A query's voice as a PUT gives it: {@code null} when absent (kept), empty when {@code null} (cleared). */
    private static String voiceGiven(ApiRequest request) {
        JsonElement value = request.object().get("voice");
        return value == null ? null : value.isJsonNull() ? "" : value.getAsString();
    }

    private static Map<String, String> stringMap(JsonElement value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null && value.isJsonObject()) {
            value.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
        }
        return map;
    }
}
