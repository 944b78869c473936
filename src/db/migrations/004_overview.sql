-- samla:foreign_keys=off
-- 004_overview.sql: the measure overview (tiltaksoversikt) — editable
-- measures with statuses, priorities, dates, progress, milestones,
-- sub-measures and predecessors; field-level versions; reporting rounds;
-- published editions.
--
-- The measure table is rebuilt (SQLite cannot drop the old CHECK on
-- status, which now refers to an editable list).  The first line above
-- makes the migration runner switch foreign keys off around this file and
-- run PRAGMA foreign_key_check before it commits, as SQLite's documented
-- table-rebuild procedure requires.

-- The statuses a measure can have.  Editable by admins (labels, default
-- progress, order; new ones added); codes are stable.
CREATE TABLE measure_status (
    code             TEXT    NOT NULL PRIMARY KEY, -- stable code: 'in_progress'
    label            TEXT    NOT NULL,             -- bokmål label: 'Pågår'
    default_progress INTEGER NOT NULL CHECK (default_progress BETWEEN 0 AND 100), -- progress suggested on change
    color            TEXT    NOT NULL DEFAULT 'neutral'
                     CHECK (color IN ('neutral', 'info', 'success', 'warning', 'danger', 'accent', 'brand1', 'brand2')), -- tag colour
    position         INTEGER NOT NULL,             -- order in lists and bars
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)) -- 0: no longer offered for new changes
) STRICT;
INSERT INTO measure_status (code, label, default_progress, color, position) VALUES
 ('not_started', 'Ikke startet', 0, 'neutral', 1),
 ('planned', 'Planlagt', 5, 'brand2', 2),
 ('in_progress', 'Pågår', 40, 'info', 3),
 ('delayed', 'Forsinket', 40, 'warning', 4),
 ('completed', 'Fullført', 100, 'success', 5),
 ('stopped', 'Stanset', 0, 'danger', 6),
 ('continued', 'Videreført', 100, 'brand1', 7);

CREATE TABLE measure_new (
    id                INTEGER PRIMARY KEY,     -- surrogate key, stable in URLs (/measures/ID)
    strategy_id       INTEGER NOT NULL REFERENCES strategy(id),  -- the period it belongs to
    goal_area_id      INTEGER REFERENCES goal_area(id),          -- its target area; NULL when none
    parent_id         INTEGER REFERENCES measure_new(id),        -- the measure this is a sub-measure of; NULL: top level
    predecessor_id    INTEGER REFERENCES measure_new(id),        -- the measure of an earlier period it continues
    number            TEXT    NOT NULL,        -- '1.1', '2.4.1'; unique within the strategy
    sort_key          INTEGER NOT NULL,        -- numeric order: 2.4.1 = 2*10^6 + 4*10^3 + 1 (app/measure_edit.c)
    title             TEXT    NOT NULL,        -- short title
    theme             TEXT    NOT NULL DEFAULT '', -- the heading the measure stands under in the proposal
    description       TEXT    NOT NULL DEFAULT '', -- what the measure is and why
    owner_ministry_id INTEGER REFERENCES ministry(id), -- the ministry responsible; NULL while not decided
    responsible       TEXT    NOT NULL DEFAULT '', -- the person or unit responsible, free text
    status            TEXT    NOT NULL DEFAULT 'not_started' REFERENCES measure_status(code), -- where it stands
    priority          TEXT    CHECK (priority IN ('high', 'medium', 'low')), -- høy/middels/lav; NULL: not set
    start_date        TEXT,                    -- ISO date; NULL: not set
    end_date          TEXT,                    -- ISO date (the deadline); NULL: not set
    progress          INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100), -- percent done
    weight            INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 1000), -- weight in the parent's roll-up
    rollup            TEXT    NOT NULL DEFAULT 'plain' CHECK (rollup IN ('plain', 'weighted')), -- how sub-measures roll up
    visibility        TEXT    NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal', 'restricted')),
    exemption_basis   TEXT    REFERENCES exemption_basis(code), -- see 003_identity.sql
    public_title      TEXT,                    -- see 003_identity.sql
    version           INTEGER NOT NULL DEFAULT 1, -- increases with every change (optimistic locking)
    updated_at        TEXT,                    -- ISO time of the last change; NULL: never changed
    UNIQUE (strategy_id, number)
) STRICT;
INSERT INTO measure_new (id, strategy_id, goal_area_id, number, sort_key, title, theme, description,
                         owner_ministry_id, status, visibility, exemption_basis, public_title)
SELECT id, strategy_id, goal_area_id, number, sort_key, title, theme, description, owner_ministry_id, status,
       visibility, exemption_basis, public_title FROM measure;
UPDATE measure_new SET progress = (SELECT default_progress FROM measure_status WHERE code = measure_new.status),
                       sort_key = sort_key * 1000;  -- three levels now: 2.4.1 = 2 004 001
DROP TABLE measure;
ALTER TABLE measure_new RENAME TO measure;
CREATE INDEX measure_goal_area ON measure (goal_area_id, sort_key);
CREATE INDEX measure_owner ON measure (owner_ministry_id);
CREATE INDEX measure_parent ON measure (parent_id);
CREATE INDEX measure_predecessor ON measure (predecessor_id);

-- Development areas and directions a measure serves.
CREATE TABLE measure_development_area (
    measure_id          INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE, -- the measure
    development_area_id INTEGER NOT NULL REFERENCES development_area(id),          -- an area it serves
    PRIMARY KEY (measure_id, development_area_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE measure_direction (
    measure_id   INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE, -- the measure
    direction_id INTEGER NOT NULL REFERENCES direction(id),                 -- a direction it follows
    PRIMARY KEY (measure_id, direction_id)
) STRICT, WITHOUT ROWID;

-- Milestones of a measure.
CREATE TABLE milestone (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE, -- the measure
    position   INTEGER NOT NULL,               -- order within the measure, from 1
    title      TEXT    NOT NULL,               -- what is to be reached
    due_date   TEXT,                           -- ISO date; NULL: not set
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)) -- 1: reached
) STRICT;
CREATE INDEX milestone_measure ON milestone (measure_id, position);

-- Every change to a measure, field by field.  Append-only.
CREATE TABLE measure_version (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    measure_id INTEGER NOT NULL REFERENCES measure(id), -- the measure
    version    INTEGER NOT NULL,               -- the measure's version after this change (1 = created)
    at         TEXT    NOT NULL,               -- ISO time (UTC)
    actor_id   INTEGER REFERENCES account(id), -- who; NULL: the CLI or an import without a user
    actor      TEXT    NOT NULL,               -- username at the time, or 'cli'
    comment    TEXT    NOT NULL DEFAULT '',    -- why, in the user's words
    changes    TEXT    NOT NULL,               -- JSON array of {"field","from","to"}, values as text
    UNIQUE (measure_id, version)
) STRICT;
CREATE TRIGGER measure_version_no_update BEFORE UPDATE ON measure_version
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;
CREATE TRIGGER measure_version_no_delete BEFORE DELETE ON measure_version
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;
CREATE TRIGGER measure_version_no_replace BEFORE INSERT ON measure_version
WHEN EXISTS (SELECT 1 FROM measure_version WHERE id = NEW.id OR (measure_id = NEW.measure_id AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, 'versions are kept as they were'); END;

-- A reporting round: the secretariat asks owner ministries to report on
-- their measures by a deadline.
CREATE TABLE reporting_round (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    strategy_id INTEGER NOT NULL REFERENCES strategy(id), -- whose measures are reported on
    title       TEXT    NOT NULL,              -- '2. tertial 2026'
    deadline    TEXT    NOT NULL,              -- ISO date
    opened_at   TEXT    NOT NULL,              -- ISO time (UTC)
    opened_by   INTEGER REFERENCES account(id),-- the secretariat member who opened it
    closed_at   TEXT                           -- ISO time it was closed; NULL: open
) STRICT;

-- One ministry's report on one measure in one round.  Kept as submitted.
CREATE TABLE measure_report (
    id           INTEGER PRIMARY KEY,          -- surrogate key
    round_id     INTEGER NOT NULL REFERENCES reporting_round(id), -- the round
    measure_id   INTEGER NOT NULL REFERENCES measure(id),         -- the measure
    ministry_id  INTEGER NOT NULL REFERENCES ministry(id),        -- the reporting (owner) ministry
    status       TEXT    NOT NULL REFERENCES measure_status(code),-- status reported
    progress     INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100), -- progress reported
    risk         TEXT    NOT NULL CHECK (risk IN ('green', 'yellow', 'red')), -- grønn/gul/rød
    text         TEXT    NOT NULL DEFAULT '',  -- the report
    submitted_at TEXT    NOT NULL,             -- ISO time (UTC)
    submitted_by INTEGER REFERENCES account(id), -- who submitted
    UNIQUE (round_id, measure_id)
) STRICT;
CREATE INDEX measure_report_measure ON measure_report (measure_id, round_id);
CREATE TRIGGER measure_report_no_update BEFORE UPDATE ON measure_report
BEGIN SELECT RAISE(ABORT, 'a submitted report is kept as it was'); END;
CREATE TRIGGER measure_report_no_delete BEFORE DELETE ON measure_report
BEGIN SELECT RAISE(ABORT, 'a submitted report is kept as it was'); END;
CREATE TRIGGER measure_report_no_replace BEFORE INSERT ON measure_report
WHEN EXISTS (SELECT 1 FROM measure_report WHERE id = NEW.id OR (round_id = NEW.round_id AND measure_id = NEW.measure_id))
BEGIN SELECT RAISE(ABORT, 'a submitted report is kept as it was'); END;

-- A published edition of the measure overview: a frozen snapshot.
CREATE TABLE edition (
    id            INTEGER PRIMARY KEY,         -- surrogate key; also the edition's number in order
    strategy_id   INTEGER NOT NULL REFERENCES strategy(id), -- the period the overview covers
    title         TEXT    NOT NULL,            -- 'Tiltaksoversikt november 2026'
    published_at  TEXT    NOT NULL,            -- ISO time (UTC)
    published_by  INTEGER REFERENCES account(id), -- who published
    approval_note TEXT    NOT NULL DEFAULT '', -- who approved it and how ('Godkjent i Strategisk forum 12.11.')
    snapshot      TEXT    NOT NULL             -- JSON array of every measure as it stood (app/edition.c)
) STRICT;
CREATE TRIGGER edition_no_update BEFORE UPDATE ON edition
BEGIN SELECT RAISE(ABORT, 'a published edition is frozen'); END;
CREATE TRIGGER edition_no_delete BEFORE DELETE ON edition
BEGIN SELECT RAISE(ABORT, 'a published edition is frozen'); END;
CREATE TRIGGER edition_no_replace BEFORE INSERT ON edition WHEN EXISTS (SELECT 1 FROM edition WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'a published edition is frozen'); END;
