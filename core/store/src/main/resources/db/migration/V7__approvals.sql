-- Version 7: approval workflows, the approvals given to posts in review, and comments on posts.

-- A workspace's approval workflow: 1 to 3 steps in order. mode is ANY (one of the approvers is
-- enough) or ALL (every approver); approvers holds person ids separated by commas. No row: a post
-- in review needs one approval from anyone who may schedule posts.
CREATE TABLE approval_step (
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    step          INTEGER       NOT NULL,
    mode          VARCHAR(8)    NOT NULL,
    approvers     VARCHAR(4000) NOT NULL,
    PRIMARY KEY (workspace_id, step)
);

-- Approvals given to a post in its current round of review: written while the post's row is
-- locked, deleted when the post leaves review (approved, rejected, edited).
CREATE TABLE post_approval (
    post_id       VARCHAR(40) NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(40) NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    step          INTEGER     NOT NULL,
    person_id     VARCHAR(64) NOT NULL,
    approved_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (post_id, step, person_id)
);

-- Comments on a post, by members (author is a person id) or through a client sign-off link
-- (author 'client'); author_name is the name shown, as it was when the comment was written.
CREATE TABLE post_comment (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    post_id       VARCHAR(40)   NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    author        VARCHAR(64)   NOT NULL,
    author_name   VARCHAR(200)  NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX post_comment_post ON post_comment (post_id, created_at);

-- Client sign-off links: a secret link (kept as its SHA-256 only) showing a workspace's posts of a
-- period to a client without an account, who may approve, reject and comment until expires_at.
CREATE TABLE signoff_link (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)  NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    token_hash    VARCHAR(64)  NOT NULL,
    client_name   VARCHAR(200) NOT NULL,
    period_from   TIMESTAMP WITH TIME ZONE NOT NULL,
    period_to     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX signoff_link_token ON signoff_link (token_hash);
CREATE INDEX signoff_link_workspace ON signoff_link (workspace_id, created_at);

-- A workspace's branding, shown to its clients (the sign-off page, reports): the name they know
-- it by, a logo from its media library and an accent colour (#rrggbb). No row: the workspace's
-- own name, no logo, the default colour.
CREATE TABLE workspace_branding (
    workspace_id   VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    display_name   VARCHAR(120),
    logo_media_id  VARCHAR(40),
    accent         VARCHAR(7)
);
