-- Version 9: alerts, and a listening revision that does not depend on clocks. Rules say what a workspace wants to hear about (a volume spike, a surge of
-- negative mentions, any new match of a query); the monitoring service evaluates each rule on
-- the node holding its lease, records what it raised with the mentions that caused it, and
-- delivers it to the workspace's alert channels (e-mail, webhooks...).

-- A workspace's alert rules. query_id NULL: every mention of the workspace. A rule alerts at
-- most once per cool-down (last_alert_at); evaluated_until is where its last evaluation ended.
CREATE TABLE alert_rule (
    id                 VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id       VARCHAR(40)  NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name               VARCHAR(200) NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    query_id           VARCHAR(40)  REFERENCES listening_query (id) ON DELETE CASCADE,
    cool_down_minutes  INTEGER      NOT NULL,
    enabled            BOOLEAN      NOT NULL,
    last_alert_at      TIMESTAMP WITH TIME ZONE,
    evaluated_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    next_eval_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_node         VARCHAR(64),
    lease_until        TIMESTAMP WITH TIME ZONE,
    created_by         VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_rule_name UNIQUE (workspace_id, name)
);
CREATE INDEX alert_rule_due ON alert_rule (next_eval_at);

-- Where a workspace's alerts go: a sink kind (the plugin's id, e.g. 'email') with its settings
-- encrypted like account credentials.
CREATE TABLE alert_channel (
    id            VARCHAR(40)    NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    sink          VARCHAR(64)    NOT NULL,
    name          VARCHAR(200)   NOT NULL,
    settings      VARCHAR(65535) NOT NULL,
    enabled       BOOLEAN        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_channel_name UNIQUE (workspace_id, name)
);

-- Alerts raised. rule_id and query_id are kept as they were (the rule or query may go later).
CREATE TABLE alert (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    rule_id          VARCHAR(40),
    kind             VARCHAR(32)   NOT NULL,
    query_id         VARCHAR(40),
    title            VARCHAR(300)  NOT NULL,
    message          VARCHAR(4000) NOT NULL,
    raised_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    window_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end       TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    acknowledged_by  VARCHAR(64),
    acknowledged_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_workspace ON alert (workspace_id, status, id);

-- The mentions that caused an alert, in the order they are shown.
CREATE TABLE alert_mention (
    alert_id    VARCHAR(40) NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    mention_id  VARCHAR(40) NOT NULL REFERENCES mention (id) ON DELETE CASCADE,
    position    INTEGER     NOT NULL,
    PRIMARY KEY (alert_id, mention_id)
);

-- One delivery per alert and channel: PENDING until a node holding its lease delivers it
-- (SENT) or gives up after its attempts (FAILED).
CREATE TABLE alert_delivery (
    alert_id         VARCHAR(40)  NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    channel_id       VARCHAR(40)  NOT NULL REFERENCES alert_channel (id) ON DELETE CASCADE,
    state            VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    last_error       VARCHAR(1000),
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_node       VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    sent_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (alert_id, channel_id)
);
CREATE INDEX alert_delivery_due ON alert_delivery (state, next_attempt_at);

-- A counter every change of any listening query moves (in the change's transaction), so a
-- node can tell its compiled queries are stale whatever the nodes' clocks say.
CREATE TABLE listening_revision (
    id        INTEGER NOT NULL PRIMARY KEY,
    revision  BIGINT  NOT NULL
);
INSERT INTO listening_revision (id, revision) VALUES (1, 0);

-- Counting a workspace's mentions by when they were published (volume) and received (new ones).
CREATE INDEX mention_published ON mention (workspace_id, published_at);
CREATE INDEX mention_received ON mention (workspace_id, received_at);
