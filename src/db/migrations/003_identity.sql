-- 003_identity.sql: users, roles, sessions, API tokens, sign-in throttling,
-- the audit log, and visibility and exemption marking on records.

-- A person who can sign in (table "account": "user" is reserved in other SQL dialects).  Never deleted (the audit log names them);
-- disabled with active = 0.
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,         -- surrogate key
    username      TEXT    NOT NULL UNIQUE,     -- sign-in name, lower case: 'sb.kd'
    full_name     TEXT    NOT NULL,            -- shown name
    email         TEXT    NOT NULL DEFAULT '', -- work e-mail; '' when not given
    ministry_id   INTEGER REFERENCES ministry(id), -- the organisation the person works in; NULL for operators
    password_hash TEXT,                        -- argon2id string (libsodium crypto_pwhash_str); NULL: no password sign-in
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)), -- 0: disabled, cannot sign in, tokens refused
    created_at    TEXT    NOT NULL,            -- ISO time of creation (UTC)
    updated_at    TEXT    NOT NULL             -- ISO time of the last change (UTC)
) STRICT;

-- A role given to a user.  Roles are named sets of capabilities (expanded
-- in code, app/perm.c); a grant may be scoped to a ministry (case officer
-- of KD) and later to a group.  No scope means the user's own ministry for
-- ministry-bound roles, and everything for global roles.
CREATE TABLE role_grant (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    user_id     INTEGER NOT NULL REFERENCES account(id),  -- who holds the role
    role        TEXT    NOT NULL CHECK (role IN ('employee', 'union_rep', 'case_officer',
                                                 'secretary_general', 'secretariat', 'admin')), -- the role
    ministry_id INTEGER REFERENCES ministry(id), -- scope: the ministry the role applies to; NULL: see above
    group_id    INTEGER,                       -- scope: a group (groups come later); NULL: none
    granted_by  INTEGER REFERENCES account(id),   -- who gave it; NULL when given by the CLI or the demo
    granted_at  TEXT    NOT NULL               -- ISO time (UTC)
) STRICT;
CREATE UNIQUE INDEX role_grant_unique ON role_grant (user_id, role, ifnull(ministry_id, 0), ifnull(group_id, 0));

-- A signed-in browser.  The cookie holds 32 random bytes; only their
-- SHA-256 is stored, so a copy of the database cannot be used to sign in.
CREATE TABLE session (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    token_hash BLOB    NOT NULL UNIQUE,        -- SHA-256 of the cookie value
    user_id    INTEGER NOT NULL REFERENCES account(id), -- who is signed in
    csrf       TEXT    NOT NULL,               -- the session's form token (random, base64url)
    created_at INTEGER NOT NULL,               -- unix time of sign-in (absolute limit: 7 days)
    last_seen  INTEGER NOT NULL,               -- unix time of the last request (idle limit: 8 hours)
    client     TEXT    NOT NULL DEFAULT ''     -- client address at sign-in
) STRICT;
CREATE INDEX session_user ON session (user_id);

-- A token for the JSON API (Authorization: Bearer …).  Shown once at
-- creation; only its SHA-256 is stored.
CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY,            -- surrogate key
    user_id    INTEGER NOT NULL REFERENCES account(id), -- whose rights the token carries
    name       TEXT    NOT NULL,               -- what it is for, given by the user
    token_hash BLOB    NOT NULL UNIQUE,        -- SHA-256 of the token
    read_only  INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)), -- 1: GET only
    created_at INTEGER NOT NULL,               -- unix time
    last_used  INTEGER,                        -- unix time of the last use; NULL: never
    revoked_at INTEGER                         -- unix time of revocation; NULL: valid
) STRICT;
CREATE INDEX api_token_user ON api_token (user_id);

-- Failed sign-ins, for throttling per account and per client address.
-- Rows older than a day are removed; a success clears the account's rows.
CREATE TABLE login_failure (
    id  INTEGER PRIMARY KEY,                   -- surrogate key
    key TEXT    NOT NULL,                      -- 'user:<username>' or 'addr:<client address>'
    at  INTEGER NOT NULL                       -- unix time in milliseconds
) STRICT;
CREATE INDEX login_failure_key ON login_failure (key, at);

-- The audit log: append-only, each row chained to the one before by a
-- SHA-256 hash over the previous hash and the row's canonical form (see
-- app/audit.c).  AUTOINCREMENT keeps the highest id ever used in
-- sqlite_sequence, so removing the newest rows is detected too.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT, -- position in the chain
    at          TEXT    NOT NULL,              -- ISO time (UTC, milliseconds)
    actor_id    INTEGER,                       -- user who acted; NULL: anonymous or the CLI
    actor       TEXT    NOT NULL,              -- username at the time, 'anonymous' or 'cli'
    client      TEXT    NOT NULL,              -- client address, or 'cli'
    action      TEXT    NOT NULL,              -- e.g. 'login', 'login_failed', 'user.create', 'measure.access'
    object_type TEXT    NOT NULL DEFAULT '',   -- e.g. 'user', 'measure'; '' when none
    object_id   TEXT    NOT NULL DEFAULT '',   -- the object's id; '' when none
    summary     TEXT    NOT NULL DEFAULT '',   -- one line saying what changed
    prev_hash   TEXT    NOT NULL,              -- hash of the row before (64 zeros for the first)
    hash        TEXT    NOT NULL               -- SHA-256 (hex) of prev_hash and this row
) STRICT;
CREATE INDEX audit_actor ON audit (actor, id);
CREATE INDEX audit_action ON audit (action, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
-- REPLACE deletes without firing DELETE triggers; refuse it at INSERT.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Legal bases for exemption from public access (offentleglova).
CREATE TABLE exemption_basis (
    code  TEXT    NOT NULL PRIMARY KEY,        -- stable code: 'offl-14'
    label TEXT    NOT NULL,                    -- the marking as written: 'offl. § 14'
    description TEXT NOT NULL,                 -- what it covers, in bokmål
    position INTEGER NOT NULL                  -- order in pick lists
) STRICT;
INSERT INTO exemption_basis (code, label, description, position) VALUES
 ('offl-13-fvl-13-1', 'offl. § 13 jf. fvl. § 13 første ledd nr. 1', 'Taushetsplikt om personlige forhold', 1),
 ('offl-13-fvl-13-2', 'offl. § 13 jf. fvl. § 13 første ledd nr. 2', 'Taushetsplikt om forretningshemmeligheter', 2),
 ('offl-14', 'offl. § 14', 'Organinterne dokumenter', 3),
 ('offl-15-1-1', 'offl. § 15 første ledd første punktum', 'Dokumenter innhentet fra underordnet organ', 4),
 ('offl-15-1-2', 'offl. § 15 første ledd andre punktum', 'Dokumenter innhentet fra et annet departement', 5),
 ('offl-15-2', 'offl. § 15 andre ledd', 'Råd og vurderinger innhentet utenfra', 6),
 ('offl-20', 'offl. § 20', 'Utenrikspolitiske interesser', 7),
 ('offl-21', 'offl. § 21', 'Forsvar og nasjonal sikkerhet', 8),
 ('offl-22', 'offl. § 22', 'Statsbudsjettet', 9),
 ('offl-23', 'offl. § 23', 'Forhandlingsposisjon og økonomiske interesser', 10),
 ('offl-24', 'offl. § 24', 'Kontroll og regulering, lovbrudd', 11),
 ('offl-25', 'offl. § 25', 'Tilsettingssaker', 12),
 ('offl-26', 'offl. § 26', 'Eksamen, fødselsnummer og andre særlige opplysninger', 13);

-- Visibility and exemption on measures (every later record type gets the
-- same three columns):
--   visibility       'public' (the public pages), 'internal' (every signed-in
--                    employee) or 'restricted' (the owning ministry, and those
--                    given access in access_grant)
--   exemption_basis  a legal basis: the record is exempt from public access
--                    and never shown to the public, whatever its visibility
--   public_title     a title that may be shown where the real one may not
--                    (Noark's offentligTittel); NULL: the record is not shown
ALTER TABLE measure ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('public', 'internal', 'restricted'));
ALTER TABLE measure ADD COLUMN exemption_basis TEXT REFERENCES exemption_basis(code);
ALTER TABLE measure ADD COLUMN public_title TEXT;

-- Access to a restricted record beyond its owner: a ministry or a user.
CREATE TABLE access_grant (
    id          INTEGER PRIMARY KEY,           -- surrogate key
    object_type TEXT    NOT NULL CHECK (object_type IN ('measure')), -- the kind of record
    object_id   INTEGER NOT NULL,              -- its id
    ministry_id INTEGER REFERENCES ministry(id), -- everyone in this ministry, or
    user_id     INTEGER REFERENCES account(id),   -- this one person
    granted_by  INTEGER REFERENCES account(id),   -- who gave access; NULL: CLI or demo
    granted_at  TEXT    NOT NULL,              -- ISO time (UTC)
    CHECK ((ministry_id IS NULL) <> (user_id IS NULL))
) STRICT;
CREATE INDEX access_grant_object ON access_grant (object_type, object_id);
