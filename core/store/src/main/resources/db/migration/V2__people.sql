-- Version 2: people who sign in, their roles per workspace, browser sessions, API tokens and
-- the sign-in throttle. Runs unchanged on H2 and PostgreSQL: portable types only.
-- Secrets are never stored: sessions and tokens by the SHA-256 of their value, passwords as the
-- slow hash the workbench computed. The one-time set-up token's hash is a row of store_meta.

-- email is stored lower-cased, so the unique index makes it unique whatever the case typed.
CREATE TABLE person (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(500) NOT NULL,
    is_admin       BOOLEAN      NOT NULL,
    disabled       BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX person_email ON person (email);

-- Owned by both sides: deleting the workspace or the person removes the membership.
CREATE TABLE membership (
    workspace_id  VARCHAR(40) NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    person_id     VARCHAR(40) NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role          VARCHAR(16) NOT NULL,
    PRIMARY KEY (workspace_id, person_id)
);
CREATE INDEX membership_person ON membership (person_id);

CREATE TABLE web_session (
    token_hash  VARCHAR(128) NOT NULL PRIMARY KEY,
    person_id   VARCHAR(40)  NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    csrf_token  VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_session_person ON web_session (person_id);
CREATE INDEX web_session_expires ON web_session (expires_at);

-- workspace_ids is a comma-separated list ('' for all of the person's workspaces). Deliberately
-- not a child table referencing workspace(id) ON DELETE CASCADE: deleting the token's last
-- workspace would then leave an empty list, which means "all workspaces".
CREATE TABLE api_token (
    id             VARCHAR(40)    NOT NULL PRIMARY KEY,
    person_id      VARCHAR(40)    NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    name           VARCHAR(200)   NOT NULL,
    token_hash     VARCHAR(128)   NOT NULL,
    max_role       VARCHAR(16),
    workspace_ids  VARCHAR(10000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE,
    last_used      TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_token_hash ON api_token (token_hash);
CREATE INDEX api_token_person ON api_token (person_id);

-- throttle_key is the SHA-256 of the key (an e-mail, a client address): any length fits and the
-- table names nobody. locks counts the locks so far, which doubles the next one.
CREATE TABLE login_failure (
    throttle_key  VARCHAR(64) NOT NULL PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    locks         INTEGER     NOT NULL
);
