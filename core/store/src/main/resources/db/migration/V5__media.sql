-- Version 5: the media library: images and videos uploaded to a workspace, attached to posts by id.
-- Runs unchanged on H2 and PostgreSQL: portable types only. Both tables hold a workspace's data and
-- reference workspace(id) ON DELETE CASCADE.

-- One row per medium. media_type is what the upload declared and its first bytes confirmed;
-- byte_size and sha256 (lower-case hex) describe the whole content; file_name is the name it was
-- uploaded under, or NULL; created_by is a person's id or 'system'.
CREATE TABLE media (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    media_type    VARCHAR(100)  NOT NULL,
    byte_size     BIGINT        NOT NULL,
    sha256        VARCHAR(64)   NOT NULL,
    file_name     VARCHAR(255),
    alt_text      VARCHAR(5000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64)   NOT NULL
);
-- The library lists a workspace's media newest first.
CREATE INDEX media_workspace_created ON media (workspace_id, created_at, id);

-- The content, in parts of at most 256 KiB, part_no 0, 1, 2 … in order. BYTEA is PostgreSQL's
-- binary type and an alias of VARBINARY in H2. The content is not one BYTEA value: H2 2.5's file
-- store, with its default write delay, corrupted its database when dozens of values of a few MiB
-- were written one after the other (a page over 1 MiB is written as a "large page"); parts this
-- small never make one. Listing or finding media never reads this table either.
CREATE TABLE media_part (
    media_id      VARCHAR(40)   NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(40)   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    part_no       INTEGER       NOT NULL,
    bytes         BYTEA         NOT NULL,
    PRIMARY KEY (media_id, part_no)
);
