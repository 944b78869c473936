-- 012_consult.sql: cases, the study questions of utredningsinstruksen,
-- and the consultation rounds in which affected ministries are involved
-- and answer (app/consult/).
--
-- Cases, rounds and answers are records (record.kind 'case',
-- 'consult_round', 'consult_answer'), so the one access rule decides who
-- reads them (app/core/access.h).  The lead ministry owns the case and its
-- rounds; sending a round gives each recipient ministry read access
-- (access_grant) to the case and the round.  An answer is owned by the
-- answering ministry and shared with the lead by a grant, so recipients do
-- not read each other's answers.  Documents are the records' attachments.

-- A case prepared by its lead ministry (the record's owner).  The study
-- questions are the six minimum questions of utredningsinstruksen § 2-1
-- and «Muligheter og potensial (også digitale)»; each answer is a field,
-- so every change is a version of the case (record_version).
CREATE TABLE consult_case (
    id                   INTEGER PRIMARY KEY REFERENCES record(id), -- the case's record
    case_type            TEXT    NOT NULL DEFAULT 'other'
                         CHECK (case_type IN ('law', 'regulation', 'white_paper', 'proposition', 'budget',
                                              'mandate', 'other')), -- lov, forskrift, stortingsmelding, proposisjon, budsjettsak, mandat for utvalg, annet
    summary              TEXT    NOT NULL DEFAULT '', -- what the case is about (plain text, paragraphs)
    officer_id           INTEGER REFERENCES account(id), -- the responsible case officer in the lead ministry; NULL: none named
    status               TEXT    NOT NULL DEFAULT 'study'
                         CHECK (status IN ('study', 'referral', 'hearing', 'decision', 'closed')), -- under utredning, på foreleggelse, på høring, til beslutning, avsluttet
    archive_ref          TEXT    NOT NULL DEFAULT '', -- the lead's case number in its Noark archive (saksnummer); '' when not given
    effects              TEXT    NOT NULL DEFAULT '', -- substantial effects (§ 3-2), codes separated by ', ': budget, business, climate, municipal
    study_level          TEXT    CHECK (study_level IN ('minimum', 'simplified', 'cba')), -- minimumsanalyse, forenklet analyse, samfunnsøkonomisk analyse; NULL: not chosen
    study_problem        TEXT    NOT NULL DEFAULT '', -- 1: Hva er problemet, og hva vil vi oppnå?
    study_measures       TEXT    NOT NULL DEFAULT '', -- 2: Hvilke tiltak er relevante?
    study_principles     TEXT    NOT NULL DEFAULT '', -- 3: Hvilke prinsipielle spørsmål reiser tiltakene?
    study_effects        TEXT    NOT NULL DEFAULT '', -- 4: positive og negative virkninger, hvor varige, hvem berørt
    study_recommendation TEXT    NOT NULL DEFAULT '', -- 5: Hvilket tiltak anbefales, og hvorfor?
    study_prerequisites  TEXT    NOT NULL DEFAULT '', -- 6: forutsetningene for en vellykket gjennomføring
    study_opportunities  TEXT    NOT NULL DEFAULT '', -- Muligheter og potensial (også digitale)
    decision             TEXT    NOT NULL DEFAULT '', -- what was decided, when the case is closed
    decided_on           TEXT                -- the day the case was closed (ISO date); NULL: open
) STRICT;
CREATE INDEX consult_case_officer ON consult_case (officer_id) WHERE officer_id IS NOT NULL;

-- The ministries the case affects (utredningsinstruksen § 3-1), besides the lead.
CREATE TABLE consult_case_ministry (
    case_id     INTEGER NOT NULL REFERENCES consult_case(id), -- the case
    ministry_id INTEGER NOT NULL REFERENCES ministry(id),     -- an affected ministry
    PRIMARY KEY (case_id, ministry_id)
) STRICT;
CREATE INDEX consult_case_ministry_ministry ON consult_case_ministry (ministry_id);

-- A consultation round: early involvement (§ 3-1), a referral to the
-- affected ministries (departementsforeleggelse, § 3-2) or a hearing
-- (§ 3-3).  The recipients are its answers' ministries.
CREATE TABLE consult_round (
    id        INTEGER PRIMARY KEY REFERENCES record(id), -- the round's record (owner: the lead ministry)
    case_id   INTEGER NOT NULL REFERENCES consult_case(id), -- the case
    kind      TEXT    NOT NULL CHECK (kind IN ('early', 'referral', 'hearing')), -- tidlig involvering, departementsforeleggelse, høring
    message   TEXT    NOT NULL DEFAULT '', -- what the lead asks (plain text, paragraphs)
    sent_on   TEXT    NOT NULL,            -- the day it was sent (ISO date)
    deadline  TEXT    NOT NULL,            -- the day answers are due (ISO date); a recipient may have its own
    closed_on TEXT,                        -- the day the lead closed it; NULL: open
    summary   TEXT    NOT NULL DEFAULT '', -- the lead's summary when closing
    CHECK (deadline > sent_on),
    CHECK (closed_on IS NULL OR closed_on >= sent_on)
) STRICT;
CREATE INDEX consult_round_case ON consult_round (case_id);

-- One recipient ministry's answer to a round, a record of its own owned
-- by that ministry; made (unanswered) when the round is sent.
CREATE TABLE consult_answer (
    id          INTEGER PRIMARY KEY REFERENCES record(id), -- the answer's record (owner: the answering ministry)
    round_id    INTEGER NOT NULL REFERENCES consult_round(id), -- the round
    ministry_id INTEGER NOT NULL REFERENCES ministry(id), -- the answering ministry
    deadline    TEXT,                      -- this ministry's own deadline after an extension (ISO date); NULL: the round's
    taken_by    INTEGER REFERENCES account(id), -- who in the ministry has taken it; NULL: nobody yet
    position    TEXT    CHECK (position IN ('none', 'remarks', 'objections')), -- ingen merknader, merknader, vesentlige innvendinger; NULL: not answered
    text        TEXT    NOT NULL DEFAULT '', -- the answer (plain text, paragraphs)
    approved_by TEXT    NOT NULL DEFAULT '', -- who approved it in the ministry (name and title, as written)
    answered_on TEXT,                      -- the day it was answered (ISO date); NULL: not answered
    answered_by INTEGER REFERENCES account(id), -- who answered
    reminded_on TEXT,                      -- the day the lead last reminded; NULL: never
    UNIQUE (round_id, ministry_id),
    CHECK ((position IS NULL) = (answered_on IS NULL))
) STRICT;
CREATE INDEX consult_answer_ministry ON consult_answer (ministry_id, answered_on);

-- What happened in a case, in order: the timeline.  Each event is about one
-- record — the case, a round or an answer — and is shown only to those who
-- may read that record.  Append-only.
CREATE TABLE consult_event (
    id          INTEGER PRIMARY KEY,       -- surrogate key; orders events of the same moment
    case_id     INTEGER NOT NULL REFERENCES consult_case(id), -- the case
    record_id   INTEGER NOT NULL REFERENCES record(id), -- what it is about: the case, a round or an answer
    type        TEXT    NOT NULL CHECK (type IN ('created', 'study', 'status', 'round_sent', 'taken', 'answered',
                                                 'reminded', 'extended', 'round_closed', 'decided')), -- what happened
    at          TEXT    NOT NULL,          -- ISO time (UTC)
    actor_id    INTEGER REFERENCES account(id), -- who; NULL: the CLI or the demo
    ministry_id INTEGER REFERENCES ministry(id), -- the answering ministry of an answer's event; NULL: none
    old_value   TEXT    NOT NULL DEFAULT '', -- the value before (a status, a deadline)
    new_value   TEXT    NOT NULL DEFAULT '', -- the value after (a status, a deadline, a position, question numbers)
    detail      TEXT    NOT NULL DEFAULT '' -- the reason of an extension, the summary of a closed round
) STRICT;
CREATE INDEX consult_event_case ON consult_event (case_id, at, id);
CREATE TRIGGER consult_event_no_update BEFORE UPDATE ON consult_event
BEGIN SELECT RAISE(ABORT, 'the timeline is kept as it was'); END;
CREATE TRIGGER consult_event_no_delete BEFORE DELETE ON consult_event
BEGIN SELECT RAISE(ABORT, 'the timeline is kept as it was'); END;
