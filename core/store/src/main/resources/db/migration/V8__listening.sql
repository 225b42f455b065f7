-- Version 8: listening. Sources polled for mentions, the mentions themselves, the workspace's
-- listening queries and what each mention matched, and the inbox built on them.

-- A workspace's listening queries. revision changes at every create and edit (a time-ordered
-- id), so a node can tell that its compiled copy of the queries is stale without reading them.
CREATE TABLE listening_query (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name          VARCHAR(200)  NOT NULL,
    query_text    VARCHAR(2000) NOT NULL,
    revision      VARCHAR(40)   NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT listening_query_name UNIQUE (workspace_id, name)
);

-- What is polled for mentions: an account of a network that reports mentions (kind 'account',
-- account_id set), or a listening source such as a feed (kind = the source's id, settings
-- encrypted like account credentials). A node polls a source only while it holds its lease
-- (lease_node until lease_until), so several nodes share the sources without polling one twice.
-- cursor is what the last poll returned, handed to the next one.
CREATE TABLE mention_source (
    id             VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id   VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    kind           VARCHAR(64)   NOT NULL,
    account_id     VARCHAR(40)   REFERENCES account (id) ON DELETE CASCADE,
    name           VARCHAR(200)  NOT NULL,
    settings       VARCHAR(65535),
    poll_cursor    VARCHAR(65535),
    status         VARCHAR(16)   NOT NULL,
    last_error     VARCHAR(1000),
    failures       INTEGER       NOT NULL,
    mentions_seen  BIGINT        NOT NULL,
    last_polled_at TIMESTAMP WITH TIME ZONE,
    next_poll_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_node     VARCHAR(64),
    lease_until    TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX mention_source_account ON mention_source (account_id);
CREATE INDEX mention_source_due ON mention_source (next_poll_at);
CREATE INDEX mention_source_workspace ON mention_source (workspace_id, created_at);

-- Mentions, stored once per source: remote_id is the source's own stable id. The text is
-- untrusted and kept as received (up to 20,000 characters); annotations are what enrichers found.
CREATE TABLE mention (
    id               VARCHAR(40)    NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    source_id        VARCHAR(40)    NOT NULL REFERENCES mention_source (id) ON DELETE CASCADE,
    remote_id        VARCHAR(512)   NOT NULL,
    origin           VARCHAR(64)    NOT NULL,
    url              VARCHAR(2000),
    author           VARCHAR(300)   NOT NULL,
    body             VARCHAR(20000) NOT NULL,
    published_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    in_reply_to      VARCHAR(512),
    lang             VARCHAR(16),
    sentiment        VARCHAR(16),
    sentiment_score  DOUBLE PRECISION,
    annotations      VARCHAR(4000)  NOT NULL,
    CONSTRAINT mention_once UNIQUE (source_id, remote_id)
);
CREATE INDEX mention_workspace ON mention (workspace_id, id);

-- Which queries a mention matched when it arrived.
CREATE TABLE mention_match (
    query_id      VARCHAR(40) NOT NULL REFERENCES listening_query (id) ON DELETE CASCADE,
    mention_id    VARCHAR(40) NOT NULL REFERENCES mention (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(40) NOT NULL,
    PRIMARY KEY (query_id, mention_id)
);
CREATE INDEX mention_match_mention ON mention_match (mention_id);

-- The inbox: one item per mention that needs a person (every mention of an account, and every
-- mention of another source that matched a query). version grows at every change, for
-- conditional updates from the REST API.
CREATE TABLE inbox_item (
    id                 VARCHAR(40) NOT NULL PRIMARY KEY,
    workspace_id       VARCHAR(40) NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    mention_id         VARCHAR(40) NOT NULL REFERENCES mention (id) ON DELETE CASCADE,
    status             VARCHAR(16) NOT NULL,
    assignee           VARCHAR(64),
    version            BIGINT      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT inbox_item_mention UNIQUE (mention_id)
);
CREATE INDEX inbox_item_workspace ON inbox_item (workspace_id, status, id);

-- Internal notes on an item: seen by the team, never sent anywhere.
CREATE TABLE inbox_note (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    item_id       VARCHAR(40)   NOT NULL REFERENCES inbox_item (id) ON DELETE CASCADE,
    author        VARCHAR(64)   NOT NULL,
    author_name   VARCHAR(200)  NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inbox_note_item ON inbox_note (item_id, created_at);

-- Answers sent from the inbox through the network. A row is SENDING before the network is
-- called (its id is the idempotency key), then SENT, FAILED or UNKNOWN (the network's answer
-- never came: never sent again without a person deciding).
CREATE TABLE inbox_reply (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    item_id       VARCHAR(40)   NOT NULL REFERENCES inbox_item (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(40)   NOT NULL,
    author        VARCHAR(64)   NOT NULL,
    body          VARCHAR(10000) NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    remote_id     VARCHAR(512),
    url           VARCHAR(2000),
    error         VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX inbox_reply_item ON inbox_reply (item_id, created_at);
CREATE INDEX inbox_reply_state ON inbox_reply (state, created_at);

-- Saved replies: answers written once and reused, with {variables} filled in when used.
CREATE TABLE saved_reply (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name          VARCHAR(200)  NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    CONSTRAINT saved_reply_name UNIQUE (workspace_id, name)
);
