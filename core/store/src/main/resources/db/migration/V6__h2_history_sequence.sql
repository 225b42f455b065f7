-- Version 6: on H2, post_change.seq hands out its values from a large cache.
-- H2 writes an identity's state to the database file each time its cache of values runs out
-- (32 by default), and with WRITE_DELAY=0 that is a write of its own: one for every 32 history
-- rows, a fifth of the dispatcher's time. H2 is one process, so its cache is shared by every
-- session and seq still follows the order of the changes; a restart only leaves a gap.
-- PostgreSQL keeps its cache of 1: there each session would cache its own values, and a change
-- written later by another node could get a smaller seq.
/* h2 */ ALTER TABLE post_change ALTER COLUMN seq SET CACHE 100000;
