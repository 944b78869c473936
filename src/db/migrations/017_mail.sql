-- 017_mail.sql: e-mail out of the notification model.
--
-- E-mail is another way out of the same notifications: a notification a
-- person wants at once gets an outbox row in the same transaction as the
-- notification (and so as its cause); one they want in a daily or weekly
-- digest waits until the scheduler collects it into one digest row.  Each
-- notification is mailed at most once (mail_item's primary key).
--
-- mail_pref: a person's choice per kind of notification; no row: the
-- default (app/mail/mail.h).
CREATE TABLE mail_pref (
    user_id INTEGER NOT NULL REFERENCES account(id), -- whose choice
    kind    TEXT    NOT NULL,                        -- a notification type ('mention', 'deadline', …)
    cadence TEXT    NOT NULL CHECK (cadence IN ('now', 'daily', 'weekly', 'off')), -- at once, daily digest, weekly digest, off
    PRIMARY KEY (user_id, kind)
) STRICT;

-- mail_outbox: one e-mail.  Written in the transaction of what causes it;
-- the sender claims it (status 'sending'), hands it to the SMTP server and
-- marks it 'sent' only after the server accepted it.  A crash between
-- acceptance and the mark sends it again with the same message_id.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,       -- surrogate key; sent in this order
    user_id         INTEGER REFERENCES account(id), -- the recipient; NULL: a test mail to to_addr
    to_addr         TEXT    NOT NULL DEFAULT '', -- a test mail's address; '' : the recipient's address when sent
    kind            TEXT    NOT NULL CHECK (kind IN ('notice', 'daily', 'weekly', 'summary', 'test')), -- one notification, a digest, the weekly summary, a test
    status          TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'given_up', 'dropped')),
                    -- queued: waits; sending: claimed; failed: waits for a retry; given_up: retried too long;
                    -- dropped: nothing left the recipient may read, or no address
    attempts        INTEGER NOT NULL DEFAULT 0, -- SMTP attempts so far
    next_attempt_at INTEGER NOT NULL,          -- unix time it may be tried (again)
    last_error      TEXT    NOT NULL DEFAULT '', -- the last failure, as the server or libcurl said it
    message_id      TEXT    NOT NULL UNIQUE,   -- the Message-ID, made when the row is written, kept for resends
    created_at      INTEGER NOT NULL,          -- unix time written
    sent_at         INTEGER                    -- unix time the server accepted it; NULL: not yet
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_user ON mail_outbox (user_id);

-- mail_item: the notifications an e-mail is about (one for 'notice', all
-- of a digest's).  A notification is mailed once.
CREATE TABLE mail_item (
    notification_id INTEGER NOT NULL PRIMARY KEY REFERENCES notification(id), -- the notification
    outbox_id       INTEGER NOT NULL REFERENCES mail_outbox(id)               -- the e-mail it went into
) STRICT;
CREATE INDEX mail_item_outbox ON mail_item (outbox_id);

-- mail_pending: a notification the person wants in a digest, written
-- with the notification (so their choice at that moment decides, and
-- "off" never mails it later); the scheduler moves it into a digest and
-- removes it here.
CREATE TABLE mail_pending (
    notification_id INTEGER NOT NULL PRIMARY KEY REFERENCES notification(id), -- the notification
    user_id         INTEGER NOT NULL REFERENCES account(id),                  -- whose digest
    cadence         TEXT    NOT NULL CHECK (cadence IN ('daily', 'weekly')),  -- which digest
    created_on      TEXT    NOT NULL                                          -- ISO date it was written (UTC)
) STRICT;
CREATE INDEX mail_pending_due ON mail_pending (cadence, created_on);

-- mail_digest: the day of a person's last weekly summary (also when
-- nothing was sent), so the scheduler makes one per week.
CREATE TABLE mail_digest (
    user_id INTEGER NOT NULL REFERENCES account(id), -- whose
    cadence TEXT    NOT NULL CHECK (cadence IN ('summary')),        -- which (only the summary so far)
    last_on TEXT    NOT NULL,                        -- ISO date of the last one
    PRIMARY KEY (user_id, cadence)
) STRICT;

-- mail_key: the secret that signs unsubscribe links (HMAC), made once.
CREATE TABLE mail_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
    key BLOB    NOT NULL                     -- 32 random bytes
) STRICT;
