-- Version 10: moderation and the approval of answers. A workspace's charter (words and phrases it does not want in
-- what it receives or sends) and its moderation rules (conditions on an incoming mention
-- and an action); what the rules decided is kept on the inbox item.

CREATE TABLE charter_term (
    workspace_id  VARCHAR(40)  NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    term          VARCHAR(200) NOT NULL,
    PRIMARY KEY (workspace_id, term)
);

-- A rule applies when every condition it sets holds (query matched, sentiment, author,
-- source, language, a breach of the charter); rules apply in position order.
CREATE TABLE moderation_rule (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)  NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    position      INTEGER      NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    query_id      VARCHAR(40)  REFERENCES listening_query (id) ON DELETE CASCADE,
    sentiment     VARCHAR(16),
    author        VARCHAR(300),
    source_id     VARCHAR(40)  REFERENCES mention_source (id) ON DELETE CASCADE,
    lang          VARCHAR(16),
    charter       BOOLEAN      NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    argument      VARCHAR(200),
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT moderation_rule_name UNIQUE (workspace_id, name)
);
CREATE INDEX moderation_rule_workspace ON moderation_rule (workspace_id, position);

-- What moderation decided about an item: its labels (comma-separated) and whether it was
-- escalated.
ALTER TABLE inbox_item ADD COLUMN labels VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE inbox_item ADD COLUMN escalated BOOLEAN DEFAULT FALSE NOT NULL;

-- Answers from the inbox may need the workspace's approval workflow before they are sent:
-- such an answer is IN_REVIEW until its approvals pass every step (then SENDING) or it is
-- rejected (REJECTED).
CREATE TABLE inbox_settings (
    workspace_id           VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    replies_need_approval  BOOLEAN     NOT NULL
);

CREATE TABLE inbox_reply_approval (
    reply_id     VARCHAR(40) NOT NULL REFERENCES inbox_reply (id) ON DELETE CASCADE,
    step         INTEGER     NOT NULL,
    person_id    VARCHAR(64) NOT NULL,
    approved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (reply_id, step, person_id)
);

-- When an answer started SENDING (at its approval, for an answer that was reviewed): a
-- node that stopped is recognised by an answer SENDING for too long since then.
ALTER TABLE inbox_reply ADD COLUMN sending_since TIMESTAMP WITH TIME ZONE;
