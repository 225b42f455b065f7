-- Version 14: small durable records plugins keep for themselves (io.atelier.api.storage.PluginStore).

-- One row per record: owner is the symbolic name of the bundle that wrote it (each bundle sees only
-- its own), namespace and key are the plugin's. The primary key makes putIfAbsent atomic across
-- nodes: of two inserts of the same key, the database refuses the second. Not a workspace's data:
-- a plugin decides what a namespace stands for (often an account), so nothing cascades from here.
CREATE TABLE plugin_entry (
    owner       VARCHAR(200) NOT NULL,
    namespace   VARCHAR(200) NOT NULL,
    entry_key   VARCHAR(500) NOT NULL,
    entry_value VARCHAR(60000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner, namespace, entry_key)
);
-- Keys in the order of their characters' codes, as on H2, rather than by a language's rules: a list
-- is the same on both databases, and the primary key's index serves both the order and LIKE 'prefix%'
-- (an index in a language's collation serves neither). Done while the table is empty.
/* postgresql */ ALTER TABLE plugin_entry ALTER COLUMN entry_key TYPE VARCHAR(500) COLLATE "C";
-- deleteBefore removes a namespace's entries by age.
CREATE INDEX plugin_entry_updated ON plugin_entry(owner, namespace, updated_at);
