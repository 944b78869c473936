-- 001_foundation.sql: reference data of the ministries' community and the
-- strategies with their target areas, directions, development areas and
-- measures.  Every table is STRICT; every column is described here, and this
-- file is the schema's documentation.  Migrations run in one transaction and
-- set PRAGMA user_version to their number.

-- The ministries and the Office of the Prime Minister (SMK), including
-- former names.  A renamed ministry is a row of its own with valid_to set and
-- successor_id pointing to the new name, so older records keep the name they
-- had when they were made.
CREATE TABLE ministry (
    id           INTEGER PRIMARY KEY,          -- surrogate key
    code         TEXT    NOT NULL UNIQUE,      -- short code as on regjeringen.no: KD, HOD, SMK, KMD (former)
    name_nb      TEXT    NOT NULL,             -- official name, bokmål
    name_nn      TEXT    NOT NULL,             -- name, nynorsk
    name_en      TEXT    NOT NULL,             -- name, English
    valid_from   TEXT,                         -- ISO date the name took effect; NULL when not researched
    valid_to     TEXT,                         -- ISO date of the last day under this name; NULL while current
    successor_id INTEGER REFERENCES ministry(id), -- the row that took over this name; NULL while current
    is_ministry  INTEGER NOT NULL DEFAULT 1 CHECK (is_ministry IN (0, 1)) -- 0 for SMK, which is not a departement
) STRICT;

-- A strategy period of the community: 2016–2020, 2021–2025, 2025–.
CREATE TABLE strategy (
    id             INTEGER PRIMARY KEY,        -- surrogate key
    slug           TEXT    NOT NULL UNIQUE,    -- URL name: '2021-2025', '2025'
    title          TEXT    NOT NULL,           -- the strategy's name: 'Gode hver for oss. Best sammen.'
    subtitle       TEXT    NOT NULL DEFAULT '',-- e.g. 'Overordnet strategi for departementsfellesskapet 2021–2025'
    period_start   INTEGER NOT NULL,           -- first year of the period
    period_end     INTEGER,                    -- last year of the period; NULL when open-ended
    goal           TEXT    NOT NULL DEFAULT '',-- overall goal (overordnet mål); '' when the strategy has none
    summary        TEXT    NOT NULL DEFAULT '',-- a short introduction in the strategy's own words
    secretariat_id INTEGER REFERENCES ministry(id), -- the ministry that coordinates the strategy (KMD, later DFD)
    predecessor_id INTEGER REFERENCES strategy(id), -- the strategy this one replaced
    source         TEXT    NOT NULL DEFAULT '' -- where the text comes from (document title)
) STRICT;

-- A target area (målområde) of a strategy, numbered 1–3.  The successor
-- strategy calls them goals (mål); they are the same concept.
CREATE TABLE goal_area (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    strategy_id INTEGER NOT NULL REFERENCES strategy(id), -- the strategy it belongs to
    number      INTEGER NOT NULL CHECK (number > 0),      -- 1, 2, 3 within the strategy
    title       TEXT    NOT NULL,              -- 'Mer samordnet utvikling og gjennomføring av politikk'
    description TEXT    NOT NULL DEFAULT '',   -- the area's description in the strategy
    UNIQUE (strategy_id, number)
) STRICT;

-- A strategic direction of a target area («det skjer gjennom»).
CREATE TABLE direction (
    id           INTEGER PRIMARY KEY,          -- surrogate key
    goal_area_id INTEGER NOT NULL REFERENCES goal_area(id), -- the target area it serves
    position     INTEGER NOT NULL,             -- order within the area, from 1
    text         TEXT    NOT NULL,             -- the direction as written in the strategy
    UNIQUE (goal_area_id, position)
) STRICT;

-- One of the five development areas (utviklingsområder) of a strategy.
CREATE TABLE development_area (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    strategy_id INTEGER NOT NULL REFERENCES strategy(id), -- the strategy it belongs to
    number      INTEGER NOT NULL CHECK (number > 0),      -- 1–5 within the strategy
    text        TEXT    NOT NULL,              -- the development area as written
    UNIQUE (strategy_id, number)
) STRICT;

-- Other numbered statements of a strategy that are read as lists:
--   'principle' — how the overall goal is reached (Flerfaglighet, Samordning, Attraktivitet)
--   'trait'     — what should characterise the community at the end (kjennetegn i 2025)
--   'way'       — the successor's «målene skal vi nå gjennom å …»
CREATE TABLE strategy_point (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    strategy_id INTEGER NOT NULL REFERENCES strategy(id), -- the strategy it belongs to
    kind        TEXT    NOT NULL CHECK (kind IN ('principle', 'trait', 'way')), -- see above
    position    INTEGER NOT NULL,              -- order within its kind, from 1
    text        TEXT    NOT NULL,              -- the statement as written
    UNIQUE (strategy_id, kind, position)
) STRICT;

-- A measure (tiltak) of a strategy, numbered within it (1.1 … 3.6).
CREATE TABLE measure (
    id                INTEGER PRIMARY KEY,     -- surrogate key, stable in URLs (/measures/ID)
    strategy_id       INTEGER NOT NULL REFERENCES strategy(id),  -- the period it belongs to
    goal_area_id      INTEGER REFERENCES goal_area(id),          -- its target area; NULL when none
    number            TEXT    NOT NULL,        -- '1.1'; unique within the strategy
    sort_key          INTEGER NOT NULL,        -- numeric order: major * 1000 + minor, so 1.10 sorts after 1.9
    title             TEXT    NOT NULL,        -- short title: 'Bredere innganger til departementenes saksbehandling'
    theme             TEXT    NOT NULL DEFAULT '', -- the heading the measure stands under in the proposal
    description       TEXT    NOT NULL DEFAULT '', -- what the measure is and why
    owner_ministry_id INTEGER REFERENCES ministry(id), -- the ministry responsible; NULL while not decided
    status            TEXT    NOT NULL DEFAULT 'not_started'
                      CHECK (status IN ('not_started', 'planned', 'in_progress', 'delayed',
                                        'completed', 'stopped', 'continued')), -- where it stands
    UNIQUE (strategy_id, number)
) STRICT;
CREATE INDEX measure_goal_area ON measure (goal_area_id, sort_key);
CREATE INDEX measure_owner ON measure (owner_ministry_id);

-- Ministries taking part in a measure besides the owner.
CREATE TABLE measure_participant (
    measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE, -- the measure
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),                  -- a participating ministry
    PRIMARY KEY (measure_id, ministry_id)
) STRICT, WITHOUT ROWID;
