-- 006_link_comment.sql: links between records, comments on records with
-- their history, and in-app notifications.  All three hang off the record
-- core (005): whoever may not read a record sees none of its links,
-- comments or notifications (app/core/link.h, comment.h, notify.h).

-- A typed link between two records.  It reads from_id <type> to_id («2.4
-- gjennomfører 1.1»); the page of to_id shows it in the reverse wording.
-- Two records are linked at most once per type, whichever end it was made
-- from (the pair index), and never to themselves.
CREATE TABLE record_link (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    from_id    INTEGER NOT NULL REFERENCES record(id), -- the record the link was made from
    to_id      INTEGER NOT NULL REFERENCES record(id), -- the record it points to
    type       TEXT    NOT NULL CHECK (type IN ('relates_to', 'implements', 'evidence_for', 'decided_in',
                                                'follows_up', 'replaces')), -- what from_id is to to_id
    created_at TEXT    NOT NULL,               -- ISO time (UTC)
    created_by INTEGER REFERENCES account(id), -- who made it; NULL: the CLI or an import
    CHECK (from_id <> to_id)
) STRICT;
CREATE INDEX record_link_from ON record_link (from_id);
CREATE INDEX record_link_to ON record_link (to_id);
CREATE UNIQUE INDEX record_link_pair ON record_link (min(from_id, to_id), max(from_id, to_id), type);

-- A comment on a record: plain text, may mention people as @username.  A
-- comment is never removed: deleting it empties its text and sets
-- deleted_at («Kommentaren er slettet»).  Every text it has had is kept in
-- comment_version, written by the triggers below, so no change can bypass
-- the history.
CREATE TABLE comment (
    id         INTEGER PRIMARY KEY,            -- surrogate key; the page anchor is #comment-ID
    record_id  INTEGER NOT NULL REFERENCES record(id), -- the record commented on
    author_id  INTEGER NOT NULL REFERENCES account(id), -- who wrote it; only they may change it
    body       TEXT    NOT NULL,               -- the current text (plain text, newlines allowed); '' once deleted
    created_at TEXT    NOT NULL,               -- ISO time (UTC) it was written
    edited_at  TEXT,                           -- ISO time of the last edit; NULL: never edited
    deleted_at TEXT,                           -- ISO time it was deleted; NULL: not deleted
    changed_by INTEGER NOT NULL REFERENCES account(id), -- who made the latest change (the author, so far)
    version    INTEGER NOT NULL DEFAULT 1      -- 1 when written, +1 with every edit or deletion
) STRICT;
CREATE INDEX comment_record ON comment (record_id, id);

-- Every text a comment has had.  Append-only: written only by the triggers
-- on comment, never changed or removed.
CREATE TABLE comment_version (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    comment_id INTEGER NOT NULL REFERENCES comment(id), -- the comment
    version    INTEGER NOT NULL,               -- the comment's version this row records (1 = as first written)
    action     TEXT    NOT NULL CHECK (action IN ('create', 'edit', 'delete')), -- what made this version
    body       TEXT    NOT NULL,               -- the text of this version ('' for a deletion)
    at         TEXT    NOT NULL,               -- ISO time (UTC)
    actor_id   INTEGER NOT NULL REFERENCES account(id), -- who made it
    UNIQUE (comment_id, version)
) STRICT;
CREATE TRIGGER comment_version_no_update BEFORE UPDATE ON comment_version
BEGIN SELECT RAISE(ABORT, 'comment history is kept as it was'); END;
CREATE TRIGGER comment_version_no_delete BEFORE DELETE ON comment_version
BEGIN SELECT RAISE(ABORT, 'comment history is kept as it was'); END;
CREATE TRIGGER comment_version_no_replace BEFORE INSERT ON comment_version
WHEN EXISTS (SELECT 1 FROM comment_version WHERE id = NEW.id
             OR (comment_id = NEW.comment_id AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, 'comment history is kept as it was'); END;

-- A comment is written as version 1, changes one version at a time, stays
-- on its record with its author and time, and is never removed.
CREATE TRIGGER comment_no_delete BEFORE DELETE ON comment
BEGIN SELECT RAISE(ABORT, 'comments are hidden, not removed'); END;
CREATE TRIGGER comment_first_version BEFORE INSERT ON comment WHEN NEW.version <> 1
BEGIN SELECT RAISE(ABORT, 'a new comment is version 1'); END;
CREATE TRIGGER comment_one_step BEFORE UPDATE ON comment
WHEN NEW.version <> OLD.version + 1 OR NEW.record_id <> OLD.record_id OR NEW.author_id <> OLD.author_id
     OR NEW.created_at <> OLD.created_at OR NEW.id <> OLD.id OR OLD.deleted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a comment changes one version at a time and only its text'); END;
CREATE TRIGGER comment_history_create AFTER INSERT ON comment
BEGIN
    INSERT INTO comment_version (comment_id, version, action, body, at, actor_id)
    VALUES (NEW.id, NEW.version, 'create', NEW.body, NEW.created_at, NEW.changed_by);
END;
CREATE TRIGGER comment_history_change AFTER UPDATE ON comment
BEGIN
    INSERT INTO comment_version (comment_id, version, action, body, at, actor_id)
    VALUES (NEW.id, NEW.version, CASE WHEN NEW.deleted_at IS NOT NULL THEN 'delete' ELSE 'edit' END, NEW.body,
            coalesce(NEW.deleted_at, NEW.edited_at), NEW.changed_by);
END;

-- Something for one person to look at: they were mentioned in a comment
-- (and later: a deadline draws near, a consultation was answered, a round
-- opened).  Written in the same transaction as what caused it, only for
-- someone who may read the record at that time; listed and counted only
-- while they still may (ACCESS_ID on record_id).  E-mail digests read the
-- same rows.
CREATE TABLE notification (
    id         INTEGER PRIMARY KEY,            -- surrogate key; newest last
    user_id    INTEGER NOT NULL REFERENCES account(id), -- who is notified
    record_id  INTEGER NOT NULL REFERENCES record(id),  -- the record it is about
    type       TEXT    NOT NULL CHECK (type IN ('mention', 'deadline', 'answer', 'round')), -- what happened
    actor_id   INTEGER REFERENCES account(id), -- who caused it; NULL: samla itself (a deadline)
    comment_id INTEGER REFERENCES comment(id), -- the comment it is about; NULL: none
    created_at TEXT    NOT NULL,               -- ISO time (UTC)
    read_at    TEXT                            -- ISO time the user marked it read; NULL: unread
) STRICT;
CREATE INDEX notification_user ON notification (user_id, read_at, id);
CREATE UNIQUE INDEX notification_mention ON notification (user_id, comment_id) WHERE type = 'mention';
