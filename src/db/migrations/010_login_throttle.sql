-- 010_login_throttle.sql: throttled sign-in attempts are counted, not each
-- logged.  While an account or an address is throttled, every refused
-- attempt adds one to its row here; the audit log gets one row per key and
-- throttling window (15 minutes) with the count, so a sustained attack
-- grows the database by a bounded amount (docs/security.md).
CREATE TABLE login_throttle (
    key        TEXT    NOT NULL PRIMARY KEY,   -- 'user:<username>' or 'addr:<client address>', the throttled one
    count      INTEGER NOT NULL,               -- attempts refused since `since`, not yet in the audit log
    since      INTEGER NOT NULL,               -- unix time (ms) the count started
    audited_at INTEGER NOT NULL                -- unix time (ms) of the last audit row for this key; 0: none
) STRICT;
