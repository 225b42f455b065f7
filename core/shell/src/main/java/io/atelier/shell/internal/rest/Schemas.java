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

    public static final Schema ACCOUNT_CREDENTIALS = input("AccountCredentials",
            required("credentials", map(string(null), "values of the platform's credential form, by field name")));

    public static final Schema ACCOUNT_SIGN_IN_INPUT = input("AccountSignInInput",
            optional("platform", string("id of an installed platform whose accounts sign in on the network;"
                    + " required for a new account")),
            optional("endpoint", string("http(s) URL of the server; empty for the network's default")),
            optional("credentials", map(string(null), "values of the platform's credential form, by field name"
                    + " (the agency's app: client id and secret)")));

    public static final Schema ACCOUNT_SIGN_IN = object("AccountSignIn",
            required("url", string("the network's page where the person signs in; open it in the browser")),
            required("expiresAt", string("until when the network's answer is accepted (ISO 8601)")));

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

    private static final Schema MEDIA_INPUT = input("MediaInput",
            required("id", string("a medium of the workspace's media library, med_... (POST …/media uploads one)")),
            optional("mediaType", string("ignored: the library's type is used")),
            optional("size", integer("ignored: the library's size is used")),
            optional("alt", string("the description read by screen readers; the library's when left out or empty")));

    private static final Schema VARIANT_INPUT = input("VariantInput",
            optional("text", string("replaces the common text for this account")),
            optional("media", array(MEDIA_INPUT)),
            optional("thread", array(string("a further part, published as a reply to the previous one"))));

    private static final Schema RECURRENCE_INPUT = input("RecurrenceInput",
            required("frequency", string("DAILY, WEEKLY or MONTHLY")),
            optional("interval", integer("every how many days, weeks or months; 1 when left out")),
            optional("until", string("the last local date, e.g. 2027-01-31")),
            optional("count", integer("how many occurrences, the first included")));

    public static final Schema POST_INPUT = input("PostInput",
            optional("text", string("the text for every account without a variant of its own")),
            optional("media", array(MEDIA_INPUT)),
            optional("accounts", array(string("acc_..."))),
            optional("variants", map(VARIANT_INPUT, "per account id, content that replaces the common one")),
            optional("at", string("a local date-time read in zone (2026-12-01T09:30) or an instant"
                    + " (2026-12-01T08:30:00Z)")),
            optional("zone", string("IANA time zone of a local at; the workspace's when left out")),
            optional("queue", bool("take the accounts' next free queue slot instead of at")),
            optional("draft", bool("keep it as a draft: not scheduled, at optional")),
            optional("review", bool("send it to review instead of scheduling it")),
            optional("recurrence", RECURRENCE_INPUT));

    public static final Schema POST_PATCH = input("PostPatch",
            optional("text", string("replaces the text of every account's variant")),
            optional("media", array(MEDIA_INPUT)),
            optional("accounts", array(string("acc_..."))),
            optional("variants", map(VARIANT_INPUT, "per account id, what replaces that account's content")),
            optional("at", string("as when creating")),
            optional("zone", string("as when creating; alone it keeps the wall-clock time")),
            optional("queue", bool(null)),
            optional("draft", bool("left out with review: a draft stays a draft")),
            optional("review", bool("left out with draft: a post in review stays in review")),
            optional("recurrence", RECURRENCE_INPUT),
            optional("version", integer("the version read; 409 when the post changed since")));

    public static final Schema CANCEL_INPUT = input("CancelInput",
            optional("series", bool("also cancel the later posts of its recurring series")));

    public static final Schema QUEUE_INPUT = input("QueueInput",
            required("slots", array(input("SlotInput",
                    required("day", string("MONDAY to SUNDAY")),
                    required("time", string("a time of day such as 09:00"))))),
            optional("zone", string("if given, the workspace's zone: slots are read in it")));

    public static final Schema BRANDING_INPUT = input("BrandingInput",
            optional("displayName", string("the name clients know the workspace by; null: its own name")),
            optional("logo", string("med_... of an image of its media library; null: none")),
            optional("accent", string("a colour such as #3454d1; null: the default")));

    public static final Schema WORKFLOW_INPUT = input("WorkflowInput",
            required("steps", array(input("StepInput",
                    optional("mode", string("ANY (one approver is enough, the default) or ALL (every approver)")),
                    required("approvers", array(string("usr_... of a member, or client for the sign-off links"))))
            )));

    public static final Schema APPROVE_INPUT = input("ApproveInput",
            optional("version", integer("the version read; 409 when the post changed since")));

    public static final Schema REJECT_INPUT = input("RejectInput",
            required("comment", string("why: it joins the post's comments")),
            optional("version", integer("the version read; 409 when the post changed since")));

    public static final Schema COMMENT_INPUT = input("CommentInput",
            required("text", string("at most 4000 characters")));

    public static final Schema SIGNOFF_LINK_INPUT = input("SignoffLinkInput",
            required("clientName", string("shown on the page and with the client's comments")),
            required("from", instant("the period's start (inclusive)")),
            required("to", instant("the period's end (exclusive), at most 92 days after from")),
            required("expiresAt", instant("at most 92 days ahead")));

    public static final Schema SIGNOFF_TOKEN = input("SignoffToken",
            required("token", string("the link's secret, after # in its address")));

    public static final Schema SIGNOFF_REJECT = input("SignoffReject",
            required("token", string("the link's secret")),
            required("comment", string("why: it joins the post's comments")));

    public static final Schema SIGNOFF_COMMENT = input("SignoffComment",
            required("token", string("the link's secret")),
            required("text", string("at most 4000 characters")));

    public static final Schema QUERY_INPUT = input("QueryInput",
            required("name", string("1 to 200 characters, unique in the workspace")),
            required("query", string("the listening query: words, \"phrases\", prefix*, AND, OR, NOT, -, (), lang:,"
                    + " source:, sentiment:; at most 2000 characters")),
            optional("voice", string("what the query counts for the share of voice: BRAND, COMPETITOR (the query's"
                    + " name names the competitor) or null for neither; a PUT without it keeps the query's")));

    public static final Schema QUERY_TEXT = input("QueryText",
            required("query", string("a listening query")),
            optional("limit", integer("for a preview: 1 to 100, 20 by default")));

    public static final Schema SOURCE_INPUT = input("SourceInput",
            required("kind", string("a source kind of GET /source-kinds, e.g. feed")),
            required("name", string("1 to 200 characters")),
            optional("settings", map(string(null), "the kind's settings by name; secret ones are encrypted at rest")));

    public static final Schema ASSIGN_INPUT = input("AssignInput",
            optional("assignee", string("usr_... of a member; null or left out to unassign")),
            optional("version", integer("the version read; 409 when the item changed since")));

    public static final Schema STATUS_INPUT = input("StatusInput",
            required("status", string("NEW, IN_PROGRESS, ANSWERED or CLOSED")),
            optional("version", integer("the version read; 409 when the item changed since")));

    public static final Schema NOTE_INPUT = input("NoteInput",
            required("text", string("at most 4000 characters; seen by the team only")));

    public static final Schema REPLY_INPUT = input("ReplyInput",
            required("text", string("the answer, sent on the network in the workspace's name")));

    public static final Schema SAVED_REPLY_INPUT = input("SavedReplyInput",
            required("name", string("1 to 200 characters; saving under a name used already replaces it")),
            required("text", string("at most 4000 characters; {author} is replaced by the mention's author")));

    // --- answers

    public static final Schema MENTION = object("Mention",
            required("id", string("men_...")),
            required("sourceId", string("src_...")),
            required("source", string("the platform or source kind, e.g. bluesky, feed")),
            required("remoteId", string("the source's own id")),
            required("url", string("http(s) only; null otherwise. Untrusted")),
            required("author", string("untrusted text")),
            required("text", string("untrusted text")),
            required("publishedAt", instant(null)),
            required("receivedAt", instant(null)),
            required("inReplyTo", string("the remote id it answers, or null")),
            required("language", string("ISO 639-1, unknown, or null")),
            required("sentiment", string("negative, neutral, positive, or null")),
            required("sentimentScore", string("-1 to 1, or null")),
            required("annotations", map(string(null), "everything the enrichers found")),
            required("queries", array(string("qry_... of the queries it matched"))),
            required("item", string("its inbox item, or null")));

    public static final Schema QUERY = object("Query",
            required("id", string("qry_...")),
            required("name", string(null)),
            required("query", string(null)),
            required("voice", string("BRAND, COMPETITOR or null")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)),
            required("updatedAt", instant(null)));

    public static final Schema QUERY_CHECK = object("QueryCheck",
            required("valid", bool(null)),
            required("message", string("what is wrong, or null")),
            required("position", integer("the 0-based index of the character where it is, or null")));

    public static final Schema SOURCE = object("Source",
            required("id", string("src_...")),
            required("kind", string("account, or a source kind such as feed")),
            required("account", string("acc_... for an account's mentions, or null")),
            required("name", string(null)),
            required("status", string("ACTIVE, FAILING or PAUSED")),
            required("lastError", string("why the last poll failed, or null")),
            required("failures", integer("polls failed in a row")),
            required("mentionsSeen", integer(null)),
            required("lastPolledAt", instant("null before the first poll")),
            required("nextPollAt", instant(null)),
            required("createdAt", instant(null)));

    public static final Schema PLUGIN_KIND = object("PluginKind",
            required("id", string("e.g. feed, email")),
            required("name", string(null)),
            required("settings", array(object("PluginSetting",
                    required("name", string(null)),
                    required("label", string(null)),
                    required("secret", bool(null)),
                    required("required", bool(null)),
                    required("help", string(null))))),
            required("plugin", string(null)));

    public static final Schema INBOX_ITEM = object("InboxItem",
            required("id", string("itm_...")),
            required("workspace", string("ws_...")),
            required("status", string("NEW, IN_PROGRESS, ANSWERED or CLOSED")),
            required("assignee", string("usr_..., or null")),
            required("version", integer("grows at every change")),
            required("createdAt", instant(null)),
            required("updatedAt", instant(null)),
            required("firstResponseAt", instant("when the first answer was sent, or null")),
            required("labels", array(string("given by moderation rules"))),
            required("escalated", bool("a moderation rule escalated it")),
            required("mention", MENTION));

    public static final Schema NOTE = object("Note",
            required("id", string("not_...")),
            required("author", string(null)),
            required("authorName", string("untrusted text")),
            required("text", string("untrusted text")),
            required("at", instant(null)));

    public static final Schema INBOX_REPLY = object("InboxReply",
            required("id", string("rpl_...: also the idempotency key given to the network")),
            required("item", string("itm_...")),
            required("author", string(null)),
            required("text", string(null)),
            required("state", string("IN_REVIEW (waits for approval), REJECTED (never sent), SENDING, SENT, FAILED or"
                    + " UNKNOWN (the network never answered: check there"
                    + " before answering again)")),
            required("remoteId", string("the answer's id on the network, or null")),
            required("url", string("http(s), or null")),
            required("error", string("why it failed, or null")),
            required("createdAt", instant(null)),
            required("finishedAt", instant("null while sending")));

    public static final Schema INBOX_DETAIL = object("InboxItemDetail",
            required("item", INBOX_ITEM),
            required("notes", array(NOTE)),
            required("replies", array(INBOX_REPLY)));

    public static final Schema ALERT = object("Alert",
            required("id", string("alt_...")),
            required("kind", string("spike, negative-surge or keyword")),
            required("rule", string("alr_... of the rule that raised it (it may be gone since)")),
            required("query", string("qry_... it watched, or null for the whole workspace")),
            required("title", string(null)),
            required("message", string(null)),
            required("raisedAt", instant(null)),
            required("windowStart", instant("the start of the period it is about")),
            required("windowEnd", instant(null)),
            required("status", string("OPEN or ACKNOWLEDGED")),
            required("acknowledgedBy", string("usr_... or null")),
            required("acknowledgedAt", instant("or null")),
            required("evidence", integer("how many mentions caused it")));

    public static final Schema ALERT_DELIVERY = object("AlertDelivery",
            required("channel", string("chn_...")),
            required("channelName", string(null)),
            required("sink", string("e.g. email")),
            required("state", string("PENDING, SENT or FAILED")),
            required("attempts", integer(null)),
            required("lastError", string("or null")),
            required("nextAttemptAt", instant(null)),
            required("sentAt", instant("or null")));

    public static final Schema ALERT_DETAIL = object("AlertDetail",
            required("alert", ALERT),
            required("mentions", array(MENTION)),
            required("deliveries", array(ALERT_DELIVERY)));

    public static final Schema ALERT_RULE = object("AlertRule",
            required("id", string("alr_...")),
            required("name", string(null)),
            required("kind", string("spike, negative-surge or keyword")),
            required("query", string("qry_..., or null for every mention of the workspace")),
            required("coolDownMinutes", integer("the least time between two of its alerts")),
            required("enabled", bool(null)),
            required("lastAlertAt", instant("or null")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)));

    public static final Schema ALERT_RULE_INPUT = input("AlertRuleInput",
            required("name", string("1 to 200 characters, unique in the workspace")),
            optional("kind", string("spike, negative-surge or keyword; on creation only")),
            optional("query", string("qry_... (required for keyword); on creation only")),
            optional("coolDownMinutes", integer("0 to 10080; 360 by default")),
            optional("enabled", bool("true by default")));

    public static final Schema ALERT_CHANNEL = object("AlertChannel",
            required("id", string("chn_...")),
            required("sink", string("a sink kind of GET /sink-kinds")),
            required("name", string(null)),
            required("enabled", bool(null)),
            required("createdAt", instant(null)));

    public static final Schema ALERT_CHANNEL_INPUT = input("AlertChannelInput",
            required("sink", string("a sink kind of GET /sink-kinds, e.g. email")),
            required("name", string("1 to 200 characters")),
            optional("settings", map(string(null), "the sink's settings by name; secret ones are encrypted at rest")));

    public static final Schema ENABLED_INPUT = input("EnabledInput",
            required("enabled", bool(null)));

    public static final Schema CHANNEL_TEST = object("ChannelTest",
            required("delivered", bool(null)),
            required("error", string("why not, or null")));

    // --- reporting

    private static final String DAY = "a date, YYYY-MM-DD, in the workspace's zone";

    public static final Schema REPORT_FORMAT = object("ReportFormat",
            required("format", string("e.g. html, pdf, csv, json")),
            required("mediaType", string("e.g. application/pdf")));

    public static final Schema METRICS = object("Metrics",
            required("from", string(DAY)),
            required("to", string(DAY + ", excluded")),
            required("days", array(object("MetricDay",
                    required("accountId", string("acc_...")),
                    required("day", string(DAY)),
                    required("metric", string("the counter, e.g. followers, likes, replies, reposts")),
                    required("gained", integer("what the day added (negative when it fell)")),
                    required("closing", integer("an account counter's last reading of the day; null for posts'"
                            + " counters"))))),
            required("collections", array(object("MetricCollection",
                    required("accountId", string("acc_...")),
                    required("lastCollectedAt", instant("or null: never read yet")),
                    required("nextAt", instant("when it is read next")),
                    required("lastError", string("why the last reading failed, or null")),
                    required("failures", integer("failed readings in a row"))))));

    public static final Schema COLLECT_INPUT = input("CollectInput",
            required("accountId", string("acc_... of the workspace")));

    public static final Schema COLLECT_ACCEPTED = object("CollectAccepted",
            required("accountId", string(null)),
            required("status", string("queued: read at the collector's next turn")));

    public static final Schema REPORT = object("Report",
            required("workspaceId", string(null)),
            required("workspaceName", string("untrusted text")),
            required("title", string(null)),
            required("from", instant("start of the period, included")),
            required("to", instant("end of the period, excluded")),
            required("zone", string("IANA time zone the days and hours are read in")),
            required("generatedAt", instant(null)),
            required("sections", array(object("ReportSection",
                    required("title", string(null)),
                    required("note", string("a sentence for the reader, or null")),
                    required("columns", array(string(null))),
                    required("rows", array(array(Schema.any("a cell: a number, a text (untrusted: post texts),"
                            + " a date, an instant, or null for not reported")))),
                    required("chart", string("none, line, bar (column 0 labels the x axis, every other column is"
                            + " a series) or heatmap (column 0 names the row, the others are its cells)"))))));

    public static final Schema OBJECTIVE = object("Objective",
            required("id", string("obj_...")),
            required("name", string(null)),
            required("kpi", string("e.g. ENGAGEMENT_RATE_BY_REACH, AUDIENCE_GROWTH_RATE, FIRST_RESPONSE_MEDIAN")),
            required("comparison", string("AT_LEAST or AT_MOST")),
            required("target", Schema.number("in the KPI's unit: percent, count or seconds")),
            required("granularity", string("DAY, WEEK, MONTH, QUARTER or YEAR")),
            required("within", string("ISO-8601 duration of an ANSWERED_WITHIN_TARGET objective, else null")),
            required("platform", string("the network it is about, or null for all")),
            required("account", string("acc_... it is about, or null")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)),
            required("periods", array(object("ObjectivePeriod",
                    required("from", string(DAY)),
                    required("to", string(DAY + ", excluded")),
                    required("outcome", string("MET, MISSED or NOT_COMPUTABLE")),
                    required("value", Schema.number("the KPI's value, or null when not computable")),
                    required("gap", Schema.number("value - target, or null")),
                    required("basis", integer("how many inputs the value rests on, or null")),
                    required("excluded", integer("inputs left out, or null")),
                    required("reason", string("why not computable: NO_DATA, NOT_REPORTED, ZERO_DENOMINATOR,"
                            + " UNANSWERED; or null")),
                    required("detail", string("the reason for people, or null"))))));

    public static final Schema OBJECTIVE_INPUT = input("ObjectiveInput",
            required("name", string("unique in the workspace")),
            required("kpi", string("ENGAGEMENT_RATE_BY_REACH, ENGAGEMENT_RATE_BY_IMPRESSIONS,"
                    + " ENGAGEMENT_RATE_BY_FOLLOWERS, AUDIENCE_GROWTH, AUDIENCE_GROWTH_RATE, FIRST_RESPONSE_MEDIAN,"
                    + " FIRST_RESPONSE_P90, ANSWERED_WITHIN_TARGET, SHARE_OF_VOICE or NET_SENTIMENT")),
            required("comparison", string("AT_LEAST or AT_MOST")),
            required("target", Schema.number("in the KPI's unit: percent, count or seconds")),
            required("granularity", string("DAY, WEEK, MONTH, QUARTER or YEAR")),
            optional("within", string("ANSWERED_WITHIN_TARGET only: the response time, ISO-8601, e.g. PT2H")),
            optional("platform", string("a platform id, to judge that network only")),
            optional("accountId", string("acc_..., to judge that account only")));

    public static final Schema REPORT_SCHEDULE = object("ReportSchedule",
            required("id", string("rsc_...")),
            required("name", string(null)),
            required("period", string("WEEK or MONTH: the last complete one is reported")),
            required("format", string("a format of GET /workspaces/{ws}/report-formats")),
            required("channel", string("chn_...: the alert channel whose server sends it")),
            required("recipients", array(string("an e-mail address"))),
            required("enabled", bool(null)),
            required("nextRunAt", instant(null)),
            required("lastRunAt", instant("or null")),
            required("lastError", string("why the last sending failed, or null")),
            required("attempts", integer("failed attempts at the current run")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)));

    public static final Schema REPORT_SCHEDULE_INPUT = input("ReportScheduleInput",
            required("name", string("unique in the workspace")),
            required("period", string("WEEK or MONTH")),
            required("format", string("a format of GET /workspaces/{ws}/report-formats, e.g. pdf")),
            required("channelId", string("chn_... of the workspace, of a kind that delivers reports (e-mail)")),
            required("recipients", array(string("an e-mail address"))),
            optional("enabled", bool("true by default")));

    public static final Schema REPORT_SHARE = object("ReportShare",
            required("id", string("shr_...")),
            required("from", string(DAY)),
            required("to", string(DAY + ", excluded")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)),
            required("expiresAt", instant(null)),
            required("revokedAt", instant("or null")),
            required("open", bool("whether the link still opens")));

    public static final Schema REPORT_SHARE_INPUT = input("ReportShareInput",
            optional("from", string(DAY + "; 30 days before to by default")),
            optional("to", string(DAY + ", excluded; the day after today by default")),
            required("validDays", integer("1 to 90: how long the link opens")));

    public static final Schema NEW_REPORT_SHARE = object("NewReportShare",
            required("share", REPORT_SHARE),
            required("token", string("the link's secret: in this answer only")),
            required("url", string("the link, relative to the workbench's address: /api/v1/shared/reports/<token>")));

    public static final Schema BEST_TIME = object("BestTime",
            required("day", string("MONDAY to SUNDAY, in the workspace's zone")),
            required("hour", integer("0 to 23")),
            required("meanInteractions", Schema.number("likes, replies, shares and quotes per post")),
            required("posts", integer("how many posts were published in that hour")));

    public static final Schema REJECT_REPLY_INPUT = input("RejectReplyInput",
            optional("reason", string("why, kept with the answer")));

    public static final Schema INBOX_SETTINGS = object("InboxSettings",
            required("repliesNeedApproval", bool("answers wait for the approval workflow before they are sent")));

    public static final Schema CHARTER = object("Charter",
            required("terms", array(string("a word or phrase, found without case or accents as whole words"))));

    public static final Schema CHARTER_INPUT = input("CharterInput",
            required("terms", array(string("at most 200 characters; at most 500 terms; the charter is replaced"))));

    public static final Schema MODERATION_RULE = object("ModerationRule",
            required("id", string("mod_...")),
            required("name", string(null)),
            required("position", integer("rules apply in this order")),
            required("enabled", bool(null)),
            required("query", string("qry_... the mention matched, or null")),
            required("sentiment", string("negative, neutral, positive, or null")),
            required("author", string("the author, compared without case or a leading @, or null")),
            required("source", string("src_... the mention came from, or null")),
            required("language", string("ISO 639-1, or null")),
            required("charter", bool("the mention breaks the charter")),
            required("action", string("LABEL, ASSIGN, ESCALATE, CLOSE, HIDE or DELETE (on the network, where the"
                    + " account may)")),
            required("argument", string("the label (LABEL) or the member (ASSIGN), else null")),
            required("createdBy", string(null)),
            required("createdAt", instant(null)));

    public static final Schema MODERATION_RULE_INPUT = input("ModerationRuleInput",
            required("name", string("1 to 200 characters, unique in the workspace")),
            optional("query", string("condition: qry_... matched")),
            optional("sentiment", string("condition: negative, neutral or positive")),
            optional("author", string("condition: the author")),
            optional("source", string("condition: src_...")),
            optional("language", string("condition: ISO 639-1")),
            optional("charter", bool("condition: breaks the charter")),
            required("action", string("LABEL, ASSIGN, ESCALATE, CLOSE, HIDE or DELETE (on the network, where the"
                    + " account may)")),
            optional("argument", string("the label (LABEL) or usr_... of a member (ASSIGN)")));

    public static final Schema SAVED_REPLY = object("SavedReply",
            required("id", string("svr_...")),
            required("name", string(null)),
            required("text", string(null)));

    private static final Schema MEDIA = object("Media",
            required("id", string(null)),
            required("mediaType", string(null)),
            required("size", integer(null)),
            required("alt", string(null)));

    public static final Schema MEDIA_ITEM = object("MediaItem",
            required("id", string("med_...")),
            required("workspace", string("ws_...")),
            required("mediaType", string("image/jpeg, image/png, image/gif, image/webp or video/mp4")),
            required("size", integer("bytes")),
            required("sha256", string("SHA-256 of the content, lower-case hex")),
            required("fileName", string("the name it was uploaded under, or null")),
            required("alt", string("its description read by screen readers; may be empty")),
            required("createdAt", instant(null)),
            required("createdBy", string("a person's id or system")),
            required("url", string("where its content is, relative to the workbench")));

    public static final Schema POST = object("Post",
            required("id", string("post_...")),
            required("workspace", string("ws_...")),
            required("state", string("DRAFT, IN_REVIEW, SCHEDULED, PUBLISHING, PUBLISHED, FAILED or CANCELLED")),
            required("at", instant("null for an undated draft")),
            required("zone", string("the IANA zone it was planned in")),
            required("localAt", string("the wall-clock time in zone, e.g. 2026-12-01T09:30; null without at")),
            required("series", string("ser_... of a recurring post, or null")),
            required("version", integer("incremented by every change")),
            required("createdAt", instant(null)),
            required("updatedAt", instant(null)),
            required("createdBy", string("a person's id or system")),
            required("accounts", array(string("acc_..."))),
            required("variants", map(object("Variant",
                    required("text", string("untrusted text")),
                    required("media", array(MEDIA)),
                    required("thread", array(string(null)))), "per account id")),
            required("results", map(object("PostResult",
                    required("state", string(null)),
                    required("url", string("where it is published, or null")),
                    required("remoteId", string("the network's id, or null")),
                    required("error", string("the last problem, or null")),
                    required("attempts", integer(null)),
                    required("publishedAt", instant(null))), "per account id")),
            optional("history", array(object("PostChange",
                    required("at", instant(null)),
                    required("account", string("null for the whole post")),
                    required("from", string("null at creation")),
                    required("to", string(null)),
                    required("actor", string("a person's id, system or dispatcher")),
                    required("reason", string(null))))));

    public static final Schema IMPORT_REPORT = object("ImportReport",
            required("rows", integer("data rows read, the header not counted")),
            required("imported", integer("posts planned: 0 on a dry run or when a row has a problem")),
            required("dryRun", bool(null)),
            required("ok", bool("every row can be imported")),
            required("problems", array(object("ImportProblem",
                    required("row", integer("the row's number, the header being row 1")),
                    required("field", string("the column, e.g. time")),
                    required("message", string(null))))));

    public static final Schema POST_CHECK = object("PostCheck",
            required("ok", bool("the post would be accepted")),
            required("at", instant("when it would be due (the queue slot it would take); null for an undated draft"
                    + " or when there are problems")),
            required("problems", array(object("Problem",
                    required("field", string("e.g. at, variants.acc_1.text")),
                    required("message", string(null))))));

    public static final Schema QUEUE = object("Queue",
            required("zone", string("the workspace's zone, in which the slots are read")),
            required("slots", array(object("Slot",
                    required("day", string("MONDAY to SUNDAY")),
                    required("time", string("e.g. 09:00"))))));

    public static final Schema NEXT_SLOT = object("NextSlot",
            required("at", instant(null)),
            required("localAt", string("in zone")),
            required("zone", string(null)));

    public static final Schema FEED = object("CalendarFeed",
            required("secret", string("shown this once")),
            required("url", string("the feed's address, relative to the workbench")));

    public static final Schema NOTICE = object("Notice",
            required("kind", string("account.needs_reconnect, post.review_overdue or source.failing")),
            required("workspace", string(null)),
            required("account", string("null when no account is concerned")),
            required("post", string("null when no post is concerned")),
            required("source", string("null when no listening source is concerned")),
            required("message", string(null)));

    public static final Schema BRANDING = object("Branding",
            required("displayName", string("null: the workspace's own name")),
            required("logo", string("med_..., or null")),
            required("accent", string("#rrggbb, or null")));

    private static final Schema APPROVER = object("Approver",
            required("id", string("usr_..., or client for the sign-off links")),
            required("name", string("untrusted text")));

    public static final Schema WORKFLOW = object("Workflow",
            required("steps", array(object("WorkflowStep",
                    required("step", integer("from 1")),
                    required("mode", string("ANY or ALL")),
                    required("approvers", array(APPROVER))))));

    public static final Schema REVIEW = object("Review",
            required("step", integer("the step the post waits at, from 1")),
            required("steps", integer("the workflow's steps; 1 without a workflow")),
            required("mode", string("ANY or ALL")),
            required("approvers", array(APPROVER)),
            required("approvedBy", array(APPROVER)),
            required("mayDecide", bool("whether the caller may approve or reject it now")));

    public static final Schema COMMENT = object("Comment",
            required("id", string("cmt_...")),
            required("post", string("post_...")),
            required("author", string("a person's id, or client")),
            required("authorName", string("untrusted text")),
            required("text", string("untrusted text")),
            required("at", instant(null)));

    public static final Schema APPROVAL_ITEM = object("ApprovalItem",
            required("post", POST),
            required("workspaceName", string(null)),
            required("review", REVIEW));

    public static final Schema SIGNOFF_LINK = object("SignoffLink",
            required("id", string("sgn_...")),
            required("workspace", string("ws_...")),
            required("clientName", string(null)),
            required("from", instant(null)),
            required("to", instant(null)),
            required("expiresAt", instant(null)),
            required("createdBy", string("a person's id or system")),
            required("createdAt", instant(null)),
            required("revokedAt", instant("null while it is not revoked")),
            required("open", bool("whether it opens now: not expired, not revoked")));

    public static final Schema NEW_SIGNOFF_LINK = object("NewSignoffLink",
            required("link", SIGNOFF_LINK),
            required("secret", string("shown this once")),
            required("url", string("the page's address with the secret, relative to the workbench")));

    public static final Schema SIGNOFF_PAGE = object("SignoffPage",
            required("workspaceName", string("the workspace's display name when its branding gives one")),
            required("logo", string("med_... of the workspace's logo (fetched like the posts' media), or null")),
            required("accent", string("#rrggbb, or null")),
            required("clientName", string(null)),
            required("zone", string(null)),
            required("from", instant(null)),
            required("to", instant(null)),
            required("expiresAt", instant(null)),
            required("posts", array(object("SignoffPost",
                    required("id", string("post_...")),
                    required("state", string("IN_REVIEW, SCHEDULED, PUBLISHING or PUBLISHED")),
                    required("at", instant(null)),
                    required("localAt", string("in zone")),
                    required("zone", string(null)),
                    required("variants", array(object("SignoffVariant",
                            required("platform", string(null)),
                            required("handle", string(null)),
                            required("text", string("untrusted text")),
                            required("media", array(object("SignoffMedia",
                                    required("id", string("med_...")),
                                    required("mediaType", string(null)),
                                    required("alt", string(null))))),
                            required("thread", array(string(null)))))),
                    optional("step", integer("in review: the step it waits at")),
                    optional("steps", integer("in review: the workflow's steps")),
                    required("mayDecide", bool("whether the client may approve or reject it now")),
                    required("comments", array(COMMENT))))));

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
            required("signIn", bool("whether accounts connect by signing in on the network's page"
                    + " (POST .../accounts/sign-ins); the credentials are then what is typed before")),
            required("ratePolicy", RATE_POLICY),
            required("plugin", string("symbolic name of the contributing bundle")));

    public static final Schema VIEW = object("View",
            required("id", string(null)),
            required("title", string(null)),
            required("category", string(null)),
            required("order", integer(null)),
            required("module", string("/views/<id>/<module>")),
            required("element", string("custom element name")),
            required("plugin", string(null)),
            required("permission", string("who sees it: a workspace permission, admin, or null for everyone")));

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
            required("required", bool("true until the first administrator exists")),
            optional("oidc", object("CompanySignIn",
                    required("label", string("the sign-in button's text")),
                    required("url", string("where the button leads: GET /api/v1/session/oidc")))));

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
