-- samla:foreign_keys=off
-- 013_continues_link.sql: a link type for a measure carried over into a
-- new strategy period: «2025–: 1.4 viderefører 2021–2025: 1.7» (from the
-- new measure to the one it continues; the old one shows «Videreføres i»).
-- measure.predecessor_id says the same for the measure overview; the link
-- shows it on both records with every other link (app/core/link.h).
--
-- record_link is rebuilt with the new type in its CHECK (SQLite cannot
-- change a CHECK); the first line above makes the migration runner switch
-- foreign keys off around this file and check them before it commits.

CREATE TABLE record_link_new (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    from_id    INTEGER NOT NULL REFERENCES record(id), -- the record the link was made from
    to_id      INTEGER NOT NULL REFERENCES record(id), -- the record it points to
    type       TEXT    NOT NULL CHECK (type IN ('relates_to', 'implements', 'evidence_for', 'decided_in',
                                                'follows_up', 'replaces', 'continues')), -- what from_id is to to_id
    created_at TEXT    NOT NULL,               -- ISO time (UTC)
    created_by INTEGER REFERENCES account(id), -- who made it; NULL: the CLI or an import
    CHECK (from_id <> to_id)
) STRICT;
INSERT INTO record_link_new (id, from_id, to_id, type, created_at, created_by)
SELECT id, from_id, to_id, type, created_at, created_by FROM record_link;
DROP TABLE record_link;
ALTER TABLE record_link_new RENAME TO record_link;
CREATE INDEX record_link_from ON record_link (from_id);
CREATE INDEX record_link_to ON record_link (to_id);
CREATE UNIQUE INDEX record_link_pair ON record_link (min(from_id, to_id), max(from_id, to_id), type);
