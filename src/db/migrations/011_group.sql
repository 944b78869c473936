-- 011_group.sql: cross-ministry groups, wicked problems and the
-- coordination ladder (samordningsstigen).
--
-- Groups and problems are records (record.kind 'group' and 'problem').  A
-- group owns itself (record.owner_group_id = its own id), so its members
-- read it when it is restricted, by the same rule as anything else the
-- group owns (app/core/access.h).

-- The UN sustainable development goals, as reference data.
CREATE TABLE sdg (
    number  INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 17), -- the goal's number, 1–17
    name_nb TEXT NOT NULL,                     -- bokmål name
    name_nn TEXT NOT NULL,                     -- nynorsk name
    name_en TEXT NOT NULL                      -- English name
) STRICT;
INSERT INTO sdg (number, name_nb, name_nn, name_en) VALUES
 (1, 'Utrydde fattigdom', 'Utrydde fattigdom', 'No poverty'),
 (2, 'Utrydde sult', 'Utrydde svolt', 'Zero hunger'),
 (3, 'God helse og livskvalitet', 'God helse og livskvalitet', 'Good health and well-being'),
 (4, 'God utdanning', 'God utdanning', 'Quality education'),
 (5, 'Likestilling mellom kjønnene', 'Likestilling mellom kjønna', 'Gender equality'),
 (6, 'Rent vann og gode sanitærforhold', 'Reint vatn og gode sanitærforhold', 'Clean water and sanitation'),
 (7, 'Ren energi for alle', 'Rein energi til alle', 'Affordable and clean energy'),
 (8, 'Anstendig arbeid og økonomisk vekst', 'Anstendig arbeid og økonomisk vekst', 'Decent work and economic growth'),
 (9, 'Industri, innovasjon og infrastruktur', 'Industri, innovasjon og infrastruktur', 'Industry, innovation and infrastructure'),
 (10, 'Mindre ulikhet', 'Mindre ulikskap', 'Reduced inequalities'),
 (11, 'Bærekraftige byer og lokalsamfunn', 'Berekraftige byar og lokalsamfunn', 'Sustainable cities and communities'),
 (12, 'Ansvarlig forbruk og produksjon', 'Ansvarleg forbruk og produksjon', 'Responsible consumption and production'),
 (13, 'Stoppe klimaendringene', 'Stoppe klimaendringane', 'Climate action'),
 (14, 'Livet i havet', 'Livet i havet', 'Life below water'),
 (15, 'Livet på land', 'Livet på land', 'Life on land'),
 (16, 'Fred, rettferdighet og velfungerende institusjoner', 'Fred, rettferd og velfungerande institusjonar', 'Peace, justice and strong institutions'),
 (17, 'Samarbeid for å nå målene', 'Samarbeid for å nå måla', 'Partnerships for the goals');

-- A group of ministries working on something together.  ("group" is an
-- SQL keyword, hence work_group.)  The process-owner ministry is the
-- record's owner_ministry_id.
CREATE TABLE work_group (
    id                    INTEGER PRIMARY KEY REFERENCES record(id), -- the group's record
    kind                  TEXT NOT NULL CHECK (kind IN ('core', 'sprint', 'working')), -- kjernegruppe, sprintgruppe, arbeidsgruppe
    mandate               TEXT NOT NULL DEFAULT '', -- what the group is set up to do (plain text, paragraphs)
    start_on              TEXT,                -- first day (ISO date); required for sprint groups
    end_on                TEXT,                -- planned last day (ISO date); required for sprint groups
    phase                 TEXT CHECK (phase IN ('explore', 'test', 'recommend')), -- a sprint group's phase: utforske, teste, anbefale
    presented_on          TEXT,                -- a core group: when its joint efforts were last presented to political leadership
    closed_on             TEXT,                -- the day it was closed; NULL: active
    result_explored       TEXT NOT NULL DEFAULT '', -- a closed sprint group's result report: what was explored
    result_recommendation TEXT NOT NULL DEFAULT '', -- … its recommendation
    result_next_step      TEXT NOT NULL DEFAULT '', -- … the next step
    result_taken_by       INTEGER REFERENCES ministry(id), -- … the ministry that takes it on; NULL: none
    CHECK (kind <> 'sprint' OR (start_on IS NOT NULL AND end_on IS NOT NULL)),
    CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on)
) STRICT;

-- The ministries in a group (the process owner included), when they
-- joined and left, and when their secretary general anchored the group.
CREATE TABLE group_ministry (
    group_id    INTEGER NOT NULL REFERENCES work_group(id), -- the group
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),   -- the member ministry
    joined_on   TEXT    NOT NULL,              -- ISO date
    left_on     TEXT,                          -- ISO date; NULL: still a member
    anchored_on TEXT,                          -- when its secretary general (departementsråd) anchored the group; NULL: not anchored
    PRIMARY KEY (group_id, ministry_id)
) STRICT;
CREATE INDEX group_ministry_ministry ON group_ministry (ministry_id);

-- People in a group, with their group role.  A person who leaves keeps
-- the row with left_on set; joining again is a new row.  Current members
-- (left_on IS NULL) read what the group owns, whatever its marking.
CREATE TABLE group_member (
    id        INTEGER PRIMARY KEY,             -- surrogate key
    group_id  INTEGER NOT NULL REFERENCES record(id), -- the group
    user_id   INTEGER NOT NULL REFERENCES account(id), -- the person
    role      TEXT    NOT NULL CHECK (role IN ('leader', 'secretariat', 'member', 'observer')), -- leder, sekretariat, medlem, observatør
    joined_on TEXT    NOT NULL,                -- ISO date
    left_on   TEXT,                            -- ISO date; NULL: still a member
    CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE UNIQUE INDEX group_member_current ON group_member (group_id, user_id) WHERE left_on IS NULL;
CREATE INDEX group_member_user ON group_member (user_id, group_id) WHERE left_on IS NULL;

-- Steps on the coordination ladder: 1 dele informasjon, 2 felles
-- problemforståelse, 3 unngå å svekke hverandres måloppnåelse, 4 felles
-- plan/tiltak.  One row per change, for the group as a whole (ministry_id
-- NULL) or one member ministry; the current step is the latest row.
-- Append-only.
CREATE TABLE ladder_change (
    id            INTEGER PRIMARY KEY,         -- surrogate key; orders changes made on the same day
    group_id      INTEGER NOT NULL REFERENCES work_group(id), -- the group
    ministry_id   INTEGER REFERENCES ministry(id), -- a member ministry; NULL: the group as a whole
    on_date       TEXT    NOT NULL,            -- the day the step was reached (ISO date)
    step          INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4), -- where it stands
    target        INTEGER NOT NULL CHECK (target BETWEEN 1 AND 4), -- where it aims
    justification TEXT    NOT NULL,            -- why, in the user's words
    evidence_id   INTEGER REFERENCES record(id), -- a record that shows it (minutes, decision, article, plan); NULL: none
    actor_id      INTEGER REFERENCES account(id), -- who; NULL: the CLI or the demo
    at            TEXT    NOT NULL             -- ISO time of the change (UTC)
) STRICT;
CREATE INDEX ladder_change_group ON ladder_change (group_id, ministry_id, on_date, id);
CREATE TRIGGER ladder_change_no_update BEFORE UPDATE ON ladder_change
BEGIN SELECT RAISE(ABORT, 'ladder history is kept as it was'); END;
CREATE TRIGGER ladder_change_no_delete BEFORE DELETE ON ladder_change
BEGIN SELECT RAISE(ABORT, 'ladder history is kept as it was'); END;

-- A wicked problem (gjenstridig problem).  The first owning ministry is
-- also the record's owner_ministry_id.
CREATE TABLE problem (
    id          INTEGER PRIMARY KEY REFERENCES record(id), -- the problem's record
    description TEXT NOT NULL DEFAULT ''       -- what the problem is (plain text, paragraphs)
) STRICT;
CREATE TABLE problem_ministry (
    problem_id  INTEGER NOT NULL REFERENCES problem(id), -- the problem
    ministry_id INTEGER NOT NULL REFERENCES ministry(id), -- a ministry that owns it together with the others
    PRIMARY KEY (problem_id, ministry_id)
) STRICT;
CREATE TABLE problem_sdg (
    problem_id INTEGER NOT NULL REFERENCES problem(id), -- the problem
    sdg        INTEGER NOT NULL REFERENCES sdg(number), -- a sustainable development goal it touches
    PRIMARY KEY (problem_id, sdg)
) STRICT;

CREATE INDEX record_owner_group ON record (owner_group_id) WHERE owner_group_id IS NOT NULL;
