-- Version 1: workspaces, their accounts (with encrypted credentials) and the store's own metadata.
-- Runs unchanged on H2 and PostgreSQL: portable types only.
-- Rule for every later migration: a table holding a workspace's data has a workspace_id column
-- referencing workspace(id) ON DELETE CASCADE, so deleting a workspace removes all of its rows.

CREATE TABLE workspace (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    name        VARCHAR(120) NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- endpoint is '' for the network's default server: a NULL would make the unique constraint
-- treat two default-endpoint accounts with the same handle as different.
-- credentials holds base64 of: version byte, 12-byte nonce, AES-256-GCM ciphertext and tag.
CREATE TABLE account (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    platform      VARCHAR(64)   NOT NULL,
    handle        VARCHAR(255)  NOT NULL,
    endpoint      VARCHAR(500)  NOT NULL,
    status        VARCHAR(32)   NOT NULL,
    credentials   VARCHAR(65535),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_unique_handle UNIQUE (workspace_id, platform, endpoint, handle)
);

-- Facts about the store itself, e.g. the key check that detects a node started with another key.
CREATE TABLE store_meta (
    meta_key    VARCHAR(64)   NOT NULL PRIMARY KEY,
    meta_value  VARCHAR(1000) NOT NULL
);
