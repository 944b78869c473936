-- 018_figure.sql: key figures about the ministries (nøkkeltall, measure
-- 1.6) and the measurement of shared services (measure 2.3).
--
-- An indicator and a shared service are records (record core: marking,
-- versions, audit, search); their values are rows under them.  A value
-- change is written as a new version of its indicator (or service) with
-- the old and the new value, so the history keeps every earlier value.
--
-- Periods are written as statistics offices write them: '2024' (year),
-- '2024T2' (tertial), '2024K3' (quarter), '2024M03' (month).

CREATE TABLE indicator (
    id             INTEGER PRIMARY KEY REFERENCES record(id), -- the indicator's record (title: the bokmål name)
    code           TEXT    NOT NULL UNIQUE,  -- stable code, as in imports: 'ansatte', 'sykefravaer_pct'
    name_nn        TEXT    NOT NULL DEFAULT '', -- name, nynorsk ('' : as bokmål)
    name_en        TEXT    NOT NULL DEFAULT '', -- name, English ('' : as bokmål)
    description_nb TEXT    NOT NULL DEFAULT '', -- what it measures (plain text)
    description_nn TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    unit           TEXT    NOT NULL DEFAULT '', -- 'personer', 'prosent', 'år'
    decimals       INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 3), -- digits shown after the comma
    better         TEXT    NOT NULL DEFAULT 'none' CHECK (better IN ('up', 'down', 'none')), -- which way is good
    source         TEXT    NOT NULL DEFAULT '', -- 'SSB tabell 12623', 'DFØ'
    method         TEXT    NOT NULL DEFAULT '', -- how it is computed (plain text)
    periodicity    TEXT    NOT NULL DEFAULT 'year' CHECK (periodicity IN ('year', 'tertial', 'quarter', 'month')),
    sort_key       INTEGER NOT NULL DEFAULT 0  -- display order
) STRICT;

CREATE TABLE indicator_value (
    id           INTEGER PRIMARY KEY,         -- surrogate key
    indicator_id INTEGER NOT NULL REFERENCES indicator(id), -- the indicator
    ministry_id  INTEGER REFERENCES ministry(id), -- the ministry; NULL: the whole community
    period       TEXT    NOT NULL,            -- '2024', '2024T2', '2024K3', '2024M03'
    value        REAL    NOT NULL,            -- the figure, in the indicator's unit
    source       TEXT    NOT NULL DEFAULT '', -- where this value comes from, if not the indicator's source
    note         TEXT    NOT NULL DEFAULT '', -- a footnote
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)), -- 1: made up for the demo, not a real figure
    updated_at   TEXT    NOT NULL,            -- ISO time (UTC) of the last change
    updated_by   INTEGER REFERENCES account(id) -- who; NULL: an import by the CLI or the demo
) STRICT;
CREATE UNIQUE INDEX indicator_value_key ON indicator_value (indicator_id, ifnull(ministry_id, 0), period);

CREATE TABLE indicator_target (
    id           INTEGER PRIMARY KEY,         -- surrogate key
    indicator_id INTEGER NOT NULL REFERENCES indicator(id), -- the indicator
    ministry_id  INTEGER REFERENCES ministry(id), -- NULL: the whole community
    period       TEXT    NOT NULL,            -- the period the target is for
    value        REAL    NOT NULL             -- the target
) STRICT;
CREATE UNIQUE INDEX indicator_target_key ON indicator_target (indicator_id, ifnull(ministry_id, 0), period);

-- A shared administrative service (fellestjeneste): IKT-drift, arkiv, lønn og HR …
CREATE TABLE service (
    id          INTEGER PRIMARY KEY REFERENCES record(id), -- the service's record (title: the bokmål name)
    code        TEXT    NOT NULL UNIQUE,     -- 'ikt', 'arkiv'
    name_nn     TEXT    NOT NULL DEFAULT '', -- name, nynorsk ('' : as bokmål)
    name_en     TEXT    NOT NULL DEFAULT '', -- name, English
    description TEXT    NOT NULL DEFAULT '', -- what the service is (plain text)
    sort_key    INTEGER NOT NULL DEFAULT 0   -- display order
) STRICT;

-- What is measured of every service: resource figures and quality figures.
CREATE TABLE service_metric (
    code     TEXT PRIMARY KEY,               -- 'fte', 'cost', 'sla_met', 'satisfaction', 'response_time'
    kind     TEXT NOT NULL CHECK (kind IN ('resource', 'quality')), -- ressursbruk or kvalitet
    label_nb TEXT NOT NULL, label_nn TEXT NOT NULL, label_en TEXT NOT NULL,
    unit     TEXT NOT NULL,                  -- bokmål unit
    better   TEXT NOT NULL CHECK (better IN ('up', 'down', 'none')),
    sort_key INTEGER NOT NULL
) STRICT;
INSERT INTO service_metric VALUES
 ('fte', 'resource', 'Årsverk', 'Årsverk', 'Full-time equivalents', 'årsverk', 'none', 1),
 ('cost', 'resource', 'Kostnad', 'Kostnad', 'Cost', '1000 kr', 'none', 2),
 ('sla_met', 'quality', 'Tjenestenivå oppfylt', 'Tenestenivå oppfylt', 'Service level met', 'prosent', 'up', 3),
 ('satisfaction', 'quality', 'Brukertilfredshet', 'Brukarnøgd', 'User satisfaction', 'skala 1–6', 'up', 4),
 ('response_time', 'quality', 'Svartid', 'Svartid', 'Response time', 'timer', 'down', 5);

-- One ministry's figure for one metric of a service in one period, reported
-- in a measurement round (reporting_round with collects = 'services') or
-- entered by the secretariat.
CREATE TABLE service_figure (
    id          INTEGER PRIMARY KEY,         -- surrogate key
    service_id  INTEGER NOT NULL REFERENCES service(id),
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),
    period      TEXT    NOT NULL,            -- '2025'
    metric      TEXT    NOT NULL REFERENCES service_metric(code),
    value       REAL    NOT NULL,
    round_id    INTEGER REFERENCES reporting_round(id), -- the round it was reported in; NULL: entered directly
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)), -- 1: made up for the demo
    updated_at  TEXT    NOT NULL,            -- ISO time (UTC)
    updated_by  INTEGER REFERENCES account(id)
) STRICT;
CREATE UNIQUE INDEX service_figure_key ON service_figure (service_id, ministry_id, period, metric);

-- The marking of one ministry's resource or quality figures for a service,
-- when it is stricter than the service's own: 'internal' keeps them off
-- the public pages and downloads.  No row: as the service.
CREATE TABLE service_series (
    service_id  INTEGER NOT NULL REFERENCES service(id),
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('resource', 'quality')),
    visibility  TEXT    NOT NULL CHECK (visibility IN ('public', 'internal')),
    PRIMARY KEY (service_id, ministry_id, kind)
) STRICT;

-- The reporting rounds of the measure overview also collect the shared
-- services' figures (measure 2.3): one lifecycle (open, deadline, close,
-- audit), two kinds of content.
ALTER TABLE reporting_round ADD COLUMN collects TEXT NOT NULL DEFAULT 'measures'
    CHECK (collects IN ('measures', 'services'));
