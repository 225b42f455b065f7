-- Version 3: the audit log, append-only: who did what, when, from where. Runs unchanged on H2 and
-- PostgreSQL: portable types only. The store offers no way to change or delete an event.
-- workspace_id is NULL for installation-wide events (sign-ins, people, tokens, plugins) and,
-- unlike every other workspace column, deliberately references nothing: a workspace's events
-- must outlive the workspace (its deletion is itself an event).
-- actor_id is a person's id, 'system' or 'anonymous'; actor_label what people read (an e-mail,
-- 'system', a token's name). Nothing secret is ever written here: the workbench composes details
-- from names and ids only.

CREATE TABLE audit_event (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    workspace_id    VARCHAR(40),
    actor_id        VARCHAR(40)   NOT NULL,
    actor_label     VARCHAR(400)  NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    target_type     VARCHAR(32),
    target_id       VARCHAR(200),
    details         VARCHAR(1000),
    client_address  VARCHAR(64)
);
-- Newest first, overall and per workspace or actor; (occurred_at, id) is also the paging cursor.
CREATE INDEX audit_event_time ON audit_event (occurred_at, id);
CREATE INDEX audit_event_workspace ON audit_event (workspace_id, occurred_at);
CREATE INDEX audit_event_actor ON audit_event (actor_id, occurred_at);
