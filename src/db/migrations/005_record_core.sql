-- samla:foreign_keys=off
-- 005_record_core.sql: the record core.  Every access-controlled thing is
-- a record: one row here with what all records have (kind, title, owner,
-- visibility, exemption, who and when, version), and one row in the kind's
-- own table with the same id.  Access grants and versions are kept per
-- record, for every kind alike (app/core/record.h).
--
-- Measures move onto the core: their ids become record ids (so /measures/ID
-- stays the same), their title, owner, marking and version move here, and
-- their versions and grants are copied into the shared tables.  The
-- measure table is rebuilt without the moved columns, with foreign keys
-- off and PRAGMA foreign_key_check before commit (first line above).

CREATE TABLE record (
    id                INTEGER PRIMARY KEY,     -- the record's id; also the id of its row in the kind's table
    kind              TEXT    NOT NULL,        -- the registered kind: 'measure' (app/core/record.c keeps the list)
    title             TEXT    NOT NULL,        -- the title (the real one; see public_title)
    owner_ministry_id INTEGER REFERENCES ministry(id), -- the ministry that owns it; NULL while not decided
    owner_group_id    INTEGER,                 -- the group that owns it (groups come later); NULL: none
    visibility        TEXT    NOT NULL DEFAULT 'internal'
                      CHECK (visibility IN ('public', 'internal', 'restricted')), -- who may read it, see access.h
    exemption_basis   TEXT    REFERENCES exemption_basis(code), -- legal basis for exemption from public access; NULL: not exempt
    public_title      TEXT,                    -- what may be shown of an exempt record (Noark offentligTittel); NULL: nothing
    created_at        TEXT    NOT NULL,        -- ISO time (UTC)
    created_by        INTEGER REFERENCES account(id), -- who created it; NULL: the CLI, an import or the reference data
    updated_at        TEXT,                    -- ISO time of the last change; NULL: never changed
    updated_by        INTEGER REFERENCES account(id), -- who made the last change; NULL: see created_by
    version           INTEGER NOT NULL DEFAULT 1 -- 1 when created, +1 with every change (optimistic locking)
) STRICT;
CREATE INDEX record_kind ON record (kind, id);
CREATE INDEX record_owner ON record (owner_ministry_id);

INSERT INTO record (id, kind, title, owner_ministry_id, visibility, exemption_basis, public_title, created_at,
                    updated_at, version)
SELECT m.id, 'measure', m.title, m.owner_ministry_id, m.visibility, m.exemption_basis, m.public_title,
       coalesce((SELECT min(v.at) FROM measure_version v WHERE v.measure_id = m.id), m.updated_at,
                strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
       m.updated_at, m.version
  FROM measure m;

-- Access to a restricted record beyond its owner: a ministry or one person.
CREATE TABLE access_grant_new (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    record_id   INTEGER NOT NULL REFERENCES record(id), -- the record
    ministry_id INTEGER REFERENCES ministry(id), -- everyone in this ministry, or
    user_id     INTEGER REFERENCES account(id),   -- this one person
    granted_by  INTEGER REFERENCES account(id),   -- who gave access; NULL: CLI or demo
    granted_at  TEXT    NOT NULL,              -- ISO time (UTC)
    CHECK ((ministry_id IS NULL) <> (user_id IS NULL))
) STRICT;
INSERT INTO access_grant_new (id, record_id, ministry_id, user_id, granted_by, granted_at)
SELECT id, object_id, ministry_id, user_id, granted_by, granted_at FROM access_grant WHERE object_type = 'measure';
DROP TABLE access_grant;
ALTER TABLE access_grant_new RENAME TO access_grant;
CREATE INDEX access_grant_record ON access_grant (record_id);
CREATE UNIQUE INDEX access_grant_unique ON access_grant (record_id, ifnull(ministry_id, 0), ifnull(user_id, 0));

-- Every change to a record, field by field.  Append-only.
CREATE TABLE record_version (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    record_id  INTEGER NOT NULL REFERENCES record(id), -- the record
    version    INTEGER NOT NULL,               -- the record's version after this change (1 = created)
    at         TEXT    NOT NULL,               -- ISO time (UTC)
    actor_id   INTEGER REFERENCES account(id), -- who; NULL: the CLI or an import without a user
    actor      TEXT    NOT NULL,               -- username at the time, or 'cli'
    comment    TEXT    NOT NULL DEFAULT '',    -- why, in the user's words
    changes    TEXT    NOT NULL,               -- JSON array of {"field","from","to"}, values as text
    UNIQUE (record_id, version)
) STRICT;
INSERT INTO record_version (id, record_id, version, at, actor_id, actor, comment, changes)
SELECT id, measure_id, version, at, actor_id, actor, comment, changes FROM measure_version;
DROP TABLE measure_version;
CREATE TRIGGER record_version_no_update BEFORE UPDATE ON record_version
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;
CREATE TRIGGER record_version_no_delete BEFORE DELETE ON record_version
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;
CREATE TRIGGER record_version_no_replace BEFORE INSERT ON record_version
WHEN EXISTS (SELECT 1 FROM record_version WHERE id = NEW.id OR (record_id = NEW.record_id AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;

-- The measure's own fields; the rest is its record.
CREATE TABLE measure_new (
    id                INTEGER PRIMARY KEY REFERENCES record(id), -- the record id, stable in URLs (/measures/ID)
    strategy_id       INTEGER NOT NULL REFERENCES strategy(id),  -- the period it belongs to
    goal_area_id      INTEGER REFERENCES goal_area(id),          -- its target area; NULL when none
    parent_id         INTEGER REFERENCES measure_new(id),        -- the measure this is a sub-measure of; NULL: top level
    predecessor_id    INTEGER REFERENCES measure_new(id),        -- the measure of an earlier period it continues
    number            TEXT    NOT NULL,        -- '1.1', '2.4.1'; unique within the strategy
    sort_key          INTEGER NOT NULL,        -- numeric order: 2.4.1 = 2*10^6 + 4*10^3 + 1 (app/measure/measure_edit.c)
    theme             TEXT    NOT NULL DEFAULT '', -- the heading the measure stands under in the proposal
    description       TEXT    NOT NULL DEFAULT '', -- what the measure is and why
    responsible       TEXT    NOT NULL DEFAULT '', -- the person or unit responsible, free text
    status            TEXT    NOT NULL DEFAULT 'not_started' REFERENCES measure_status(code), -- where it stands
    priority          TEXT    CHECK (priority IN ('high', 'medium', 'low')), -- høy/middels/lav; NULL: not set
    start_date        TEXT,                    -- ISO date; NULL: not set
    end_date          TEXT,                    -- ISO date (the deadline); NULL: not set
    progress          INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100), -- percent done
    weight            INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 1000), -- weight in the parent's roll-up
    rollup            TEXT    NOT NULL DEFAULT 'plain' CHECK (rollup IN ('plain', 'weighted')), -- how sub-measures roll up
    UNIQUE (strategy_id, number)
) STRICT;
INSERT INTO measure_new (id, strategy_id, goal_area_id, parent_id, predecessor_id, number, sort_key, theme,
                         description, responsible, status, priority, start_date, end_date, progress, weight, rollup)
SELECT id, strategy_id, goal_area_id, parent_id, predecessor_id, number, sort_key, theme, description, responsible,
       status, priority, start_date, end_date, progress, weight, rollup FROM measure;
DROP TABLE measure;
ALTER TABLE measure_new RENAME TO measure;
CREATE INDEX measure_goal_area ON measure (goal_area_id, sort_key);
CREATE INDEX measure_strategy ON measure (strategy_id, sort_key);
CREATE INDEX measure_parent ON measure (parent_id);
CREATE INDEX measure_predecessor ON measure (predecessor_id);
