-- 019_work.sql: meetings, decisions, follow-up tasks, goal interactions
-- (samordningsstigen step 3), ministries' goals, and the secret calendar
-- feeds (app/work/).
--
-- Meetings, decisions, tasks and goal interactions are records (record.kind
-- 'meeting', 'decision', 'task', 'interaction'), so the one access rule
-- decides who reads them (app/core/access.h).  What a group does is owned
-- by the group (record.owner_group_id) with the group's marking, so a
-- restricted group's meetings, decisions and tasks are read by its members
-- only; a task is also owned by its responsible ministry, which must read
-- it.  Invited ministries and people of a meeting, and the ministry an
-- interaction asks, get read access by access_grant.

-- A meeting of a group, or of ministries.  Times are local (Europe/Oslo).
CREATE TABLE meeting (
    id        INTEGER PRIMARY KEY REFERENCES record(id), -- the meeting's record
    starts_at TEXT    NOT NULL,            -- local start, 'YYYY-MM-DDTHH:MM' (Europe/Oslo)
    ends_at   TEXT    NOT NULL,            -- local end, same form, after the start
    place     TEXT    NOT NULL DEFAULT '', -- room and address; '' when none
    video_url TEXT    NOT NULL DEFAULT '', -- an https link to the video meeting; '' when none
    minutes   TEXT    NOT NULL DEFAULT '', -- the minutes (Markdown); '' until written
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX meeting_starts ON meeting (starts_at);

-- Invited ministries and people.
CREATE TABLE meeting_ministry (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),
    PRIMARY KEY (meeting_id, ministry_id)
) STRICT;
CREATE TABLE meeting_person (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    user_id    INTEGER NOT NULL REFERENCES account(id),
    PRIMARY KEY (meeting_id, user_id)
) STRICT;
CREATE INDEX meeting_person_user ON meeting_person (user_id);

-- An agenda item; it can become a decision or a task in one step (outcome).
CREATE TABLE agenda_item (
    id         INTEGER PRIMARY KEY,          -- surrogate key
    meeting_id INTEGER NOT NULL REFERENCES meeting(id), -- the meeting
    position   INTEGER NOT NULL,             -- 1, 2, … in the agenda
    title      TEXT    NOT NULL,             -- what is discussed
    notes      TEXT    NOT NULL DEFAULT '',  -- background or notes (plain text)
    outcome_id INTEGER REFERENCES record(id), -- the decision or task it became; NULL: none yet
    UNIQUE (meeting_id, position)
) STRICT;

-- A decision (vedtak / beslutning).
CREATE TABLE decision (
    id          INTEGER PRIMARY KEY REFERENCES record(id), -- the decision's record
    text        TEXT    NOT NULL,           -- what was decided (plain text)
    decided_on  TEXT    NOT NULL,           -- ISO date
    meeting_id  INTEGER REFERENCES meeting(id), -- the meeting that decided it; NULL: none
    review_on   TEXT,                       -- when it is to be reviewed (ISO date); NULL: no review
    reviewed_on TEXT                        -- when it was reviewed; NULL: not yet
) STRICT;
CREATE INDEX decision_meeting ON decision (meeting_id) WHERE meeting_id IS NOT NULL;

-- The ministries a decision was made by (besides the group or meeting).
CREATE TABLE decision_ministry (
    decision_id INTEGER NOT NULL REFERENCES decision(id),
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),
    PRIMARY KEY (decision_id, ministry_id)
) STRICT;

-- A task (oppgave): from a decision, a meeting, or by hand.
CREATE TABLE task (
    id          INTEGER PRIMARY KEY REFERENCES record(id), -- the task's record (owner: the responsible ministry)
    description TEXT    NOT NULL DEFAULT '', -- what is to be done (plain text)
    ministry_id INTEGER NOT NULL REFERENCES ministry(id), -- the responsible ministry
    assignee_id INTEGER REFERENCES account(id), -- the responsible person; NULL: the ministry as a whole
    due_on      TEXT,                        -- the deadline (ISO date); NULL: none
    status      TEXT    NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')), -- åpen, pågår, ferdig, avlyst
    decision_id INTEGER REFERENCES decision(id), -- the decision it follows up; NULL: none
    meeting_id  INTEGER REFERENCES meeting(id),  -- the meeting it came from; NULL: none
    closed_on   TEXT                         -- the day it became done or cancelled; NULL: open
) STRICT;
CREATE INDEX task_assignee ON task (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX task_ministry ON task (ministry_id, status);
CREATE INDEX task_decision ON task (decision_id) WHERE decision_id IS NOT NULL;

-- Ministries' goals that an interaction can point at (from the budget
-- propositions; the demo's are illustrative and marked as such).
CREATE TABLE ministry_goal (
    id           INTEGER PRIMARY KEY,       -- surrogate key
    ministry_id  INTEGER NOT NULL REFERENCES ministry(id), -- whose goal
    code         TEXT    NOT NULL UNIQUE,   -- 'HOD-1'
    text_nb      TEXT    NOT NULL,          -- the goal in bokmål
    text_nn      TEXT    NOT NULL,          -- nynorsk
    text_en      TEXT    NOT NULL,          -- English
    source       TEXT    NOT NULL DEFAULT '', -- where it is stated ('Prop. 1 S (2025–2026) HOD')
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)) -- 1: an example, not the ministry's own wording
) STRICT;

-- A goal interaction: a measure, decision or case (source) may affect
-- another ministry's goal, scored on the seven-point scale of Nilsson,
-- Griggs & Visbeck (2016).  The record is owned by the registering
-- ministry; the affected ministry reads it by a grant and answers.
CREATE TABLE interaction (
    id            INTEGER PRIMARY KEY REFERENCES record(id), -- the interaction's record
    source_id     INTEGER NOT NULL REFERENCES record(id), -- the measure, decision or case
    goal_id       INTEGER NOT NULL REFERENCES ministry_goal(id), -- the affected goal
    score         INTEGER NOT NULL CHECK (score BETWEEN -3 AND 3), -- −3 opphever … +3 uatskillelig
    justification TEXT    NOT NULL,          -- why (plain text)
    response      TEXT    CHECK (response IN ('agree', 'remark', 'disagree')), -- enig, merknad, uenig; NULL: open
    response_text TEXT    NOT NULL DEFAULT '', -- the affected ministry's answer
    answered_on   TEXT,                      -- ISO date; NULL: open
    answered_by   INTEGER REFERENCES account(id) -- who answered
) STRICT;
CREATE INDEX interaction_goal ON interaction (goal_id);
CREATE INDEX interaction_source ON interaction (source_id);

-- A person's secret calendar feed: the token is shown once, stored hashed.
CREATE TABLE calendar_feed (
    id         INTEGER PRIMARY KEY,          -- surrogate key
    user_id    INTEGER NOT NULL REFERENCES account(id), -- whose calendar
    token_hash TEXT    NOT NULL UNIQUE,      -- SHA-256 of the token, hex
    created_at TEXT    NOT NULL,             -- ISO time (UTC)
    revoked_at TEXT                          -- ISO time; NULL: in use
) STRICT;
CREATE INDEX calendar_feed_user ON calendar_feed (user_id);
