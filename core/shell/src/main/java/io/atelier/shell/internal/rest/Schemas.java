package io.atelier.shell.internal.rest;

import static io.atelier.shell.internal.rest.Schema.array;
import static io.atelier.shell.internal.rest.Schema.bool;
import static io.atelier.shell.internal.rest.Schema.input;
import static io.atelier.shell.internal.rest.Schema.instant;
import static io.atelier.shell.internal.rest.Schema.integer;
import static io.atelier.shell.internal.rest.Schema.map;
import static io.atelier.shell.internal.rest.Schema.object;
import static io.atelier.shell.internal.rest.Schema.optional;
import static io.atelier.shell.internal.rest.Schema.required;
import static io.atelier.shell.internal.rest.Schema.string;

/**
 * The JSON shapes of the REST API, each written once: request bodies are checked
 * against them and the OpenAPI description is generated from them.
 */
public final class Schemas {

    private Schemas() {
    }

    // --- requests

    public static final Schema WORKSPACE_INPUT = input("WorkspaceInput",
            required("name", string("1 to 120 characters, no control characters")),
            required("zone", string("IANA time zone such as Europe/Paris; bare offsets are refused")));

    public static final Schema WORKSPACE_PATCH = input("WorkspacePatch",
            optional("name", string("1 to 120 characters, no control characters")),
            optional("zone", string("IANA time zone such as Europe/Paris")));

    public static final Schema ACCOUNT_INPUT = input("AccountInput",
            required("platform", string("id of an installed platform, e.g. bluesky")),
            required("handle", string("the account's name on the network")),
            optional("endpoint", string("http(s) URL of the server; empty for the network's default")),
            optional("credentials", map(string(null), "values of the platform's credential form, by field name")));

    public static final Schema COMMAND_INPUT = input("CommandInput",
            optional("args", array(string(null))));

    public static final Schema SIGN_IN = input("SignIn",
            required("email", string(null)),
            required("password", string(null)));

    public static final Schema SETUP_INPUT = input("SetupInput",
            required("token", string("the one-time set-up token from the workbench's log")),
            required("email", string("the first administrator's e-mail")),
            required("displayName", string("1 to 120 characters")),
            required("password", string("12 to 1000 characters")));

    public static final Schema PERSON_INPUT = input("PersonInput",
            required("email", string("unique, compared case-insensitively")),
            required("displayName", string("1 to 120 characters")),
            required("password", string("12 to 1000 characters")),
            optional("admin", bool("administers the installation; false when left out")));

    public static final Schema PERSON_PATCH = input("PersonPatch",
            optional("displayName", string("1 to 120 characters")),
            optional("admin", bool(null)),
            optional("disabled", bool("a disabled person cannot sign in; their sessions end")),
            optional("password", string("12 to 1000 characters; ends the person's sessions")));

    public static final Schema MEMBER_INPUT = input("MemberInput",
            required("role", string("OWNER, MANAGER, EDITOR, CONTRIBUTOR, ANALYST or CLIENT")));

    public static final Schema TOKEN_INPUT = input("TokenInput",
            required("name", string("what the token is for, 1 to 120 characters")),
            optional("maxRole", string("the highest role it acts with; the person's own when left out")),
            optional("workspaces", array(string("ws_..."))),
            optional("expiresAt", string("ISO-8601 instant in the future; never when left out")));

    // --- answers

    public static final Schema WORKSPACE = object("Workspace",
            required("id", string("ws_...")),
            required("name", string(null)),
            required("zone", string("IANA time zone")),
            required("created", instant(null)));

    public static final Schema ACCOUNT = object("Account",
            required("id", string("acc_...")),
            required("workspaceId", string(null)),
            required("platform", string(null)),
            required("handle", string(null)),
            required("endpoint", string("null for the network's default")),
            required("status", string("CONNECTED, NEEDS_RECONNECT, DISABLED or PLATFORM_MISSING")),
            required("created", instant(null)));

    public static final Schema PLUGIN = object("Plugin",
            required("id", string("bundle symbolic name")),
            required("bundleId", integer(null)),
            required("name", string(null)),
            required("version", string(null)),
            required("state", string("INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE or UNINSTALLED")),
            required("kind", string("core, platform, feature or system")));

    private static final Schema CREDENTIAL_FIELD = object("CredentialField",
            required("name", string(null)),
            required("label", string(null)),
            required("secret", bool("encrypted at rest, never shown again")),
            required("required", bool(null)),
            required("help", string(null)));

    private static final Schema LIMITS = object("Limits",
            required("maxLength", integer("0 when the network sets none")),
            required("lengthRule", string("GRAPHEMES, CODE_POINTS or CODE_POINTS_URLS_AS_23")),
            required("maxMedia", integer(null)),
            required("maxMediaBytes", integer(null)),
            required("mediaTypes", array(string(null))));

    private static final Schema RATE_POLICY = object("RatePolicy",
            required("platformConcurrency", integer(null)),
            required("accountConcurrency", integer(null)),
            required("accountPerMinute", integer("0 for no limit")));

    public static final Schema PLATFORM = object("Platform",
            required("id", string(null)),
            required("name", string(null)),
            required("capabilities", array(string("PUBLISH, THREAD, MEDIA, METRICS, MENTIONS, REPLY, DELETE"))),
            required("limits", LIMITS),
            required("credentialKind", string("NONE, APP_PASSWORD, OAUTH2_PKCE, API_KEY or WEBHOOK_URL")),
            required("credentials", array(CREDENTIAL_FIELD)),
            required("ratePolicy", RATE_POLICY),
            required("plugin", string("symbolic name of the contributing bundle")));

    public static final Schema VIEW = object("View",
            required("id", string(null)),
            required("title", string(null)),
            required("category", string(null)),
            required("order", integer(null)),
            required("module", string("/views/<id>/<module>")),
            required("element", string("custom element name")),
            required("plugin", string(null)));

    public static final Schema COMMAND = object("Command",
            required("name", string(null)),
            required("description", string(null)),
            required("usage", string(null)),
            required("plugin", string(null)));

    public static final Schema COMMAND_RESULT = object("CommandResult",
            required("text", string("for a person")),
            required("data", Schema.any("structured outcome, or null")));

    public static final Schema PERSON = object("Person",
            required("id", string("usr_...")),
            required("email", string(null)),
            required("displayName", string("untrusted text")),
            required("admin", bool(null)),
            required("disabled", bool(null)),
            required("created", instant(null)));

    public static final Schema SESSION = object("Session",
            required("person", object("SessionPerson",
                    required("id", string(null)), required("email", string(null)),
                    required("displayName", string(null)), required("admin", bool(null)))),
            required("csrfToken", string("echo it as X-CSRF-Token on POST, PUT, PATCH, DELETE; "
                    + "null with an API token")),
            required("memberships", array(object("SessionMembership",
                    required("workspaceId", string(null)), required("role", string(null))))));

    public static final Schema SETUP_STATE = object("SetupState",
            required("required", bool("true until the first administrator exists")));

    public static final Schema MEMBER = object("Member",
            required("workspaceId", string(null)),
            required("personId", string(null)),
            required("email", string(null)),
            required("displayName", string(null)),
            required("role", string(null)));

    public static final Schema TOKEN = object("Token",
            required("id", string("tok_...")),
            required("name", string(null)),
            required("maxRole", string("null for the person's own roles")),
            required("workspaces", array(string(null))),
            required("created", instant(null)),
            required("expiresAt", instant("null for never")),
            required("lastUsed", instant(null)),
            required("revoked", instant(null)),
            required("token", string("atl_...: the secret, in the creating answer only (null afterwards)")));

    public static final Schema AUDIT_EVENT = object("AuditEvent",
            required("id", string("evt_...")),
            required("at", instant(null)),
            required("workspaceId", string("null for the installation")),
            required("actorId", string("a person's id, system or anonymous")),
            required("actorLabel", string("an e-mail (with the token's name when a token was used), system or"
                    + " anonymous")),
            required("action", string("e.g. account.added, session.signed-in, plugin.started")),
            required("targetType", string("e.g. account, person, plugin; may be null")),
            required("targetId", string("may be null")),
            required("details", string("untrusted text; may be null")),
            required("clientAddress", string("administrators only; null otherwise and from the console")));

    public static final Schema AUDIT_PAGE = object("AuditPage",
            required("events", array(AUDIT_EVENT)),
            required("next", string("cursor of the next (older) page, or null on the last")));

    public static final Schema HEALTH = object("Health",
            required("status", string("UP or DOWN")),
            required("store", string("h2 or postgresql; null without a store")),
            required("node", string(null)),
            required("version", string(null)),
            required("schemaVersion", integer(null)),
            required("bundles", object("BundleCounts",
                    required("total", integer(null)), required("active", integer(null)))),
            required("components", object("ComponentCounts",
                    required("total", integer(null)), required("satisfied", integer(null)),
                    required("unsatisfied", array(string(null))))),
            required("storeLocation", string("JDBC URL without user or password")));
}
