-- samla:foreign_keys=off
-- 015_notification_kinds.sql: notifications for the kinds of record that
-- come with meetings, decisions, tasks and goal interactions, and the
-- reminders and summaries that e-mail sends out of the same rows.
--
-- New types: 'task' (a task was given to you or your ministry), 'meeting'
-- (you were invited to a meeting), 'decision' (a decision you follow was
-- made), 'interaction' (your ministry is asked to answer a goal
-- interaction), 'overdue' (a deadline has passed), 'summary' (a weekly
-- summary).
--
-- dedupe_key: a reminder written by a scheduled scan says which deadline
-- and which stage it is about ('round:12:3d', 'task:40:overdue'), so a
-- scan that runs twice writes it once.  NULL for everything else.
--
-- notification is rebuilt for the new CHECK (SQLite cannot change one).

CREATE TABLE notification_new (
    id         INTEGER PRIMARY KEY,            -- surrogate key; newest last
    user_id    INTEGER NOT NULL REFERENCES account(id), -- who is notified
    record_id  INTEGER NOT NULL REFERENCES record(id),  -- the record it is about
    type       TEXT    NOT NULL CHECK (type IN ('mention', 'deadline', 'answer', 'round', 'task', 'meeting',
                                                'decision', 'interaction', 'overdue', 'summary')), -- what happened
    actor_id   INTEGER REFERENCES account(id), -- who caused it; NULL: samla itself (a deadline)
    comment_id INTEGER REFERENCES comment(id), -- the comment it is about; NULL: none
    created_at TEXT    NOT NULL,               -- ISO time (UTC)
    read_at    TEXT,                           -- ISO time the user marked it read; NULL: unread
    dedupe_key TEXT                            -- a scheduled reminder's deadline and stage; NULL: none
) STRICT;
INSERT INTO notification_new (id, user_id, record_id, type, actor_id, comment_id, created_at, read_at)
SELECT id, user_id, record_id, type, actor_id, comment_id, created_at, read_at FROM notification;
DROP TABLE notification;
ALTER TABLE notification_new RENAME TO notification;
CREATE INDEX notification_user ON notification (user_id, read_at, id);
CREATE UNIQUE INDEX notification_mention ON notification (user_id, comment_id) WHERE type = 'mention';
CREATE UNIQUE INDEX notification_dedupe ON notification (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
