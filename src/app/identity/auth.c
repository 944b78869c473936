/* auth.c: see identity.h. */
#include "app/identity/identity.h"
#include "base/rand.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "base/util.h"

enum { THROTTLE_FREE = 5, THROTTLE_WINDOW_MS = 15 * 60 * 1000, THROTTLE_MAX_MS = 15 * 60 * 1000 };

static const char GENERIC_FAIL[] = N_("Feil brukernavn eller passord.");

bool auth_init(void)
{
    return sodium_init() >= 0;
}

static int64_t unix_now(void)
{
    return (int64_t)time(NULL);
}

static int64_t unix_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int auth_password_check(const char *pw, Err *e)
{
    size_t chars = 0;
    for (const char *p = pw; *p; p++) {
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    }
    if (chars < AUTH_PASSWORD_MIN) {
        return err_set(e, E_INVALID, N_("Passordet må ha minst %d tegn."), AUTH_PASSWORD_MIN);
    }
    if (chars > AUTH_PASSWORD_MAX) {
        return err_set(e, E_INVALID, N_("Passordet kan ha høyst %d tegn."), AUTH_PASSWORD_MAX);
    }
    return content_check_text(pw, AUTH_PASSWORD_MAX, false, N_("Passordet"), e);
}

int auth_password_hash(const char *pw, char *out, size_t n, Err *e)
{
    if (n < crypto_pwhash_STRBYTES) {
        return err_set(e, E_INVALID, "hash buffer too small");
    }
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE, 19u << 20) != 0) {
        return err_set(e, E_IO, "password hashing ran out of memory");
    }
    return 0;
}

/* ---- users ------------------------------------------------------------- */

static int64_t ministry_id_of(Db *db, const char *code)
{
    Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = upper(?1) AND valid_to IS NULL");
    db_bind_text(s, 1, code);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

static int check_username(const char *u, Err *e)
{
    size_t n = strlen(u);
    if (n < 2 || n > 64) {
        return err_set(e, E_INVALID, N_("Brukernavnet må ha 2–64 tegn."));
    }
    for (const char *p = u; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')) {
            return err_set(e, E_INVALID,
                           N_("Brukernavnet kan bare ha små bokstaver a–z, sifre, punktum, bindestrek og understrek."));
        }
    }
    return 0;
}

static int check_input(Db *db, const UserInput *in, int64_t *ministry_id, Err *e)
{
    if (!in->full_name || !*in->full_name) {
        return err_set(e, E_INVALID, N_("Navn må fylles ut."));
    }
    if (content_check_text(in->full_name, 200, false, N_("Navnet"), e)) {
        return E_INVALID;
    }
    const char *email = in->email ? in->email : "";
    if (content_check_text(email, 254, false, N_("E-postadressen"), e)) {
        return E_INVALID;
    }
    if (*email && (!strchr(email, '@') || strchr(email, ' ') || email[0] == '@')) {
        return err_set(e, E_INVALID, N_("E-postadressen ser ikke riktig ut."));
    }
    *ministry_id = 0;
    if (in->ministry_code && *in->ministry_code) {
        *ministry_id = ministry_id_of(db, in->ministry_code);
        if (!*ministry_id) {
            return err_set(e, E_INVALID, N_("Ukjent departement: %.16s."), in->ministry_code);
        }
    }
    return 0;
}

static bool admin_ok(const Viewer *actor)
{
    return !actor || (can(actor, CAP_USER_ADMIN) && !actor->read_only);
}

int user_create(Db *db, const Viewer *actor, const char *client, const UserInput *in, const char *password,
                int64_t *id, Err *e)
{
    if (!admin_ok(actor)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å opprette brukere."));
    }
    int64_t mid;
    if (!in->username || check_username(in->username, e) || check_input(db, in, &mid, e)) {
        return e && e->code ? e->code : err_set(e, E_INVALID, N_("Brukernavn må fylles ut."));
    }
    char hash[crypto_pwhash_STRBYTES] = "";
    if (password && (auth_password_check(password, e) || auth_password_hash(password, hash, sizeof hash, e))) {
        return e->code;
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO account (username, full_name, email, ministry_id, password_hash, active, "
                             "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    db_bind_text(s, 1, in->username);
    db_bind_text(s, 2, in->full_name);
    db_bind_text(s, 3, in->email ? in->email : "");
    if (mid) {
        db_bind_int(s, 4, mid);
    } else {
        db_bind_null(s, 4);
    }
    db_bind_text(s, 5, password ? hash : NULL);
    db_bind_int(s, 6, in->active);
    db_bind_text(s, 7, now);
    int st = db_step(s);
    db_done(s);
    sodium_memzero(hash, sizeof hash);
    if (st != DB_DONE) {
        db_rollback(db);
        return err_set(e, E_CONFLICT, N_("Brukernavnet %s er allerede i bruk."), in->username);
    }
    *id = db_last_id(db);
    char oid[32], sum[256];
    snprintf(oid, sizeof oid, "%lld", (long long)*id);
    snprintf(sum, sizeof sum, "created user %s", in->username);
    return db_finish(db, audit_append(db, actor, client, "user.create", "user", oid, sum, e), e);
}

int user_update(Db *db, const Viewer *actor, const char *client, int64_t id, const UserInput *in, Err *e)
{
    if (!admin_ok(actor)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre brukere."));
    }
    int64_t mid;
    if (check_input(db, in, &mid, e)) {
        return E_INVALID;
    }
    if (actor && actor->user_id == id && !in->active) {
        return err_set(e, E_INVALID, N_("Du kan ikke deaktivere deg selv."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "UPDATE account SET full_name = ?2, email = ?3, ministry_id = ?4, active = ?5, "
                             "updated_at = ?6 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, in->full_name);
    db_bind_text(s, 3, in->email ? in->email : "");
    if (mid) {
        db_bind_int(s, 4, mid);
    } else {
        db_bind_null(s, 4);
    }
    db_bind_int(s, 5, in->active);
    db_bind_text(s, 6, now);
    int st = db_step(s);
    db_done(s);
    if (st != DB_DONE || db_changes(db) == 0) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke brukeren."));
    }
    if (!in->active) {
        /* A disabled user is signed out everywhere at once. */
        s = db_prepare(db, "DELETE FROM session WHERE user_id = ?1");
        db_bind_int(s, 1, id);
        db_step(s);
        db_done(s);
    }
    char oid[32], sum[300];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    snprintf(sum, sizeof sum, "updated user: name, e-mail, ministry %s, %s",
             in->ministry_code && *in->ministry_code ? in->ministry_code : "-", in->active ? "active" : "disabled");
    return db_finish(db, audit_append(db, actor, client, in->active ? "user.update" : "user.disable", "user", oid, sum, e),
                  e);
}

int user_set_password(Db *db, const Viewer *actor, const char *client, int64_t id, const char *password, Err *e)
{
    if (!admin_ok(actor) && !(actor && actor->user_id == id)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre passordet."));
    }
    char hash[crypto_pwhash_STRBYTES];
    if (auth_password_check(password, e) || auth_password_hash(password, hash, sizeof hash, e)) {
        return e->code;
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "UPDATE account SET password_hash = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, hash);
    int st = db_step(s);
    db_done(s);
    sodium_memzero(hash, sizeof hash);
    if (st != DB_DONE || db_changes(db) == 0) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke brukeren."));
    }
    s = db_prepare(db, "DELETE FROM session WHERE user_id = ?1");   /* sign out elsewhere */
    db_bind_int(s, 1, id);
    db_step(s);
    db_done(s);
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    return db_finish(db, audit_append(db, actor, client, "user.password", "user", oid, "password changed", e), e);
}

#define USER_COLS                                                                                 \
    "u.id, u.username, u.full_name, u.email, m.code, m.name_nb, u.active, u.password_hash IS NOT NULL, " \
    "u.created_at, u.updated_at, m.name_nn, m.name_en FROM account u LEFT JOIN ministry m ON m.id = u.ministry_id "

static void read_user(Stmt *s, Arena *a, User *u)
{
    u->id = db_col_int(s, 0);
    u->username = db_col_dup(s, 1, a);
    u->full_name = db_col_dup(s, 2, a);
    u->email = db_col_dup(s, 3, a);
    u->ministry_code = db_col_dup(s, 4, a);
    u->ministry_name = db_col_dup(s, 5, a);
    u->active = db_col_int(s, 6) != 0;
    u->has_password = db_col_int(s, 7) != 0;
    u->created_at = db_col_dup(s, 8, a);
    u->updated_at = db_col_dup(s, 9, a);
    u->ministry_name_nn = db_col_dup(s, 10, a);
    u->ministry_name_en = db_col_dup(s, 11, a);
}

static int one_user(Stmt *s, Arena *a, User *out, Err *e)
{
    int st = db_step(s);
    if (st == DB_ROW) {
        read_user(s, a, out);
    }
    db_done(s);
    if (st < 0) {
        return err_set(e, E_DB, "reading the user failed");
    }
    return st == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke brukeren.")) : 0;
}

int user_get(Db *db, Arena *a, int64_t id, User *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " USER_COLS "WHERE u.id = ?1");
    db_bind_int(s, 1, id);
    return one_user(s, a, out, e);
}

int user_find(Db *db, Arena *a, const char *username, User *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " USER_COLS "WHERE u.username = ?1");
    db_bind_text(s, 1, username);
    return one_user(s, a, out, e);
}

int user_list(Db *db, Arena *a, User **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " USER_COLS "ORDER BY u.full_name COLLATE nb, u.username");
    size_t len = 0, cap = 0;
    User *v = NULL;
    int st;
    while ((st = db_step(s)) == DB_ROW) {
        read_user(s, a, arena_push(a, &v, &len, &cap, sizeof *v));
    }
    db_done(s);
    *out = v;
    *n = len;
    return st < 0 ? err_set(e, E_DB, "reading users failed") : 0;
}

int user_language(Db *db, int64_t id)
{
    return (int)db_one_int(db, "SELECT CASE language WHEN 'nb' THEN 0 WHEN 'nn' THEN 1 WHEN 'en' THEN 2 END "
                               "FROM account WHERE id = ?1", id, -1);
}

int user_set_language(Db *db, int64_t id, int lang, Err *e)
{
    if (i18n_parse(i18n_code(lang)) != lang) {
        return err_set(e, E_INVALID, "unknown language");
    }
    Stmt *s = db_prepare(db, "UPDATE account SET language = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, i18n_code(lang));
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the language failed");
    db_done(s);
    return rc;
}

int user_grants(Db *db, Arena *a, int64_t id, Grant **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT g.id, g.role, m.code FROM role_grant g LEFT JOIN ministry m ON m.id = g.ministry_id "
                             "WHERE g.user_id = ?1 ORDER BY g.id");
    db_bind_int(s, 1, id);
    size_t len = 0, cap = 0;
    Grant *v = NULL;
    int st;
    while ((st = db_step(s)) == DB_ROW) {
        Grant *g = arena_push(a, &v, &len, &cap, sizeof *v);
        g->id = db_col_int(s, 0);
        g->role = db_col_dup(s, 1, a);
        g->ministry_code = db_col_dup(s, 2, a);
    }
    db_done(s);
    *out = v;
    *n = len;
    return st < 0 ? err_set(e, E_DB, "reading roles failed") : 0;
}

int user_grant_role(Db *db, const Viewer *actor, const char *client, int64_t id, const char *role,
                    const char *ministry_code, Err *e)
{
    if (!admin_ok(actor)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre roller."));
    }
    if (!role || !perm_role_valid(role)) {
        return err_set(e, E_INVALID, N_("Ukjent rolle: %.40s."), role ? role : "");
    }
    int64_t mid = 0;
    if (ministry_code && *ministry_code && !(mid = ministry_id_of(db, ministry_code))) {
        return err_set(e, E_INVALID, N_("Ukjent departement: %.16s."), ministry_code);
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO role_grant (user_id, role, ministry_id, granted_by, granted_at) "
                             "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM account WHERE id = ?1)");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, role);
    if (mid) {
        db_bind_int(s, 3, mid);
    } else {
        db_bind_null(s, 3);
    }
    if (actor && actor->user_id) {
        db_bind_int(s, 4, actor->user_id);
    } else {
        db_bind_null(s, 4);
    }
    db_bind_text(s, 5, now);
    int st = db_step(s);
    db_done(s);
    if (st != DB_DONE) {
        db_rollback(db);
        return err_set(e, E_CONFLICT, N_("Brukeren har allerede denne rollen."));
    }
    if (db_changes(db) == 0) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke brukeren."));
    }
    char oid[32], sum[200];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    snprintf(sum, sizeof sum, "granted role %s%s%s", role, mid ? " for " : "", mid ? ministry_code : "");
    return db_finish(db, audit_append(db, actor, client, "user.role_grant", "user", oid, sum, e), e);
}

int user_revoke_role(Db *db, const Viewer *actor, const char *client, int64_t id, int64_t grant_id, Err *e)
{
    if (!admin_ok(actor)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre roller."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "SELECT role FROM role_grant WHERE id = ?1 AND user_id = ?2");
    db_bind_int(s, 1, grant_id);
    db_bind_int(s, 2, id);
    char role[40] = "";
    if (db_step(s) == DB_ROW) {
        snprintf(role, sizeof role, "%s", db_col_text(s, 0));
    }
    db_done(s);
    if (!*role) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke rollen."));
    }
    if (actor && actor->user_id == id && str_eq(role, "admin")) {
        db_rollback(db);
        return err_set(e, E_INVALID, N_("Du kan ikke ta fra deg selv administratorrollen."));
    }
    s = db_prepare(db, "DELETE FROM role_grant WHERE id = ?1");
    db_bind_int(s, 1, grant_id);
    db_step(s);
    db_done(s);
    char oid[32], sum[100];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    snprintf(sum, sizeof sum, "revoked role %s", role);
    return db_finish(db, audit_append(db, actor, client, "user.role_revoke", "user", oid, sum, e), e);
}

int auth_viewer(Db *db, Arena *a, int64_t id, Viewer *out, Err *e)
{
    return perm_viewer(db, a, id, out, e);
}

/* ---- throttling ---------------------------------------------------------- */

static int64_t throttle_base_ms(void)
{
    const char *s = getenv("SAMLA_THROTTLE_BASE_MS");
    long long v;
    return s && parse_int(s, 1, 3600000, &v) ? v : 1000;
}

/* How long key must still wait, in ms (0: may try now). */
static int64_t throttle_wait(Db *db, const char *key, int64_t now)
{
    Stmt *s = db_prepare(db, "SELECT count(*), max(at) FROM login_failure WHERE key = ?1 AND at > ?2");
    db_bind_text(s, 1, key);
    db_bind_int(s, 2, now - THROTTLE_WINDOW_MS);
    int64_t n = 0, last = 0;
    if (db_step(s) == DB_ROW) {
        n = db_col_int(s, 0);
        last = db_col_int(s, 1);
    }
    db_done(s);
    if (n < THROTTLE_FREE) {
        return 0;
    }
    int64_t delay = throttle_base_ms();
    for (int64_t i = THROTTLE_FREE; i < n && delay < THROTTLE_MAX_MS; i++) {
        delay *= 2;
    }
    if (delay > THROTTLE_MAX_MS) {
        delay = THROTTLE_MAX_MS;
    }
    int64_t wait = last + delay - now;
    return wait > 0 ? wait : 0;
}

static void throttle_fail(Db *db, const char *key, int64_t now)
{
    Stmt *s = db_prepare(db, "INSERT INTO login_failure (key, at) VALUES (?1, ?2)");
    db_bind_text(s, 1, key);
    db_bind_int(s, 2, now);
    db_step(s);
    db_done(s);
    s = db_prepare(db, "DELETE FROM login_failure WHERE at < ?1");
    db_bind_int(s, 1, now - 24 * 3600 * 1000LL);
    db_step(s);
    db_done(s);
}

/* A refused attempt while key is throttled: counted in login_throttle,
 * and written to the audit log (with the count since the last such row)
 * only once per key and throttling window — a flood of attempts must not
 * become a flood of audit rows.  The key is the address when the address
 * is throttled, so rotating user names from one address is one key. */
static void throttled_note(Db *db, const Viewer *who, const char *client, const char *key, int64_t now, int64_t wait)
{
    if (db_begin(db, NULL)) {
        return;
    }
    Stmt *s = db_prepare(db, "INSERT INTO login_throttle (key, count, since, audited_at) VALUES (?1, 1, ?2, 0) "
                             "ON CONFLICT (key) DO UPDATE SET count = count + 1");
    db_bind_text(s, 1, key);
    db_bind_int(s, 2, now);
    db_step(s);
    db_done(s);
    s = db_prepare(db, "SELECT count, since, audited_at FROM login_throttle WHERE key = ?1");
    db_bind_text(s, 1, key);
    int64_t count = 0, since = now, audited = now;
    if (db_step(s) == DB_ROW) {
        count = db_col_int(s, 0);
        since = db_col_int(s, 1);
        audited = db_col_int(s, 2);
    }
    db_done(s);
    int rc = 0;
    if (audited <= now - THROTTLE_WINDOW_MS) {
        char sum[256];
        snprintf(sum, sizeof sum, "%s throttled: %lld attempt%s refused in %lld s; retry in %lld ms", key,
                 (long long)count, count == 1 ? "" : "s", (long long)((now - since) / 1000), (long long)wait);
        rc = audit_append(db, who, client, "login_throttled", "user", "", sum, NULL);
        s = db_prepare(db, "UPDATE login_throttle SET count = 0, since = ?2, audited_at = ?2 WHERE key = ?1");
        db_bind_text(s, 1, key);
        db_bind_int(s, 2, now);
        db_step(s);
        db_done(s);
    }
    s = db_prepare(db, "DELETE FROM login_throttle WHERE since < ?1");
    db_bind_int(s, 1, now - 24 * 3600 * 1000LL);
    db_step(s);
    db_done(s);
    db_finish(db, rc, NULL);
}

/* ---- sessions -------------------------------------------------------------- */

static int new_session(Db *db, int64_t user_id, const char *client, char *token_out, Err *e)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char csrf[64];
    rand_token(token_out, AUTH_TOKEN_CHARS + 1);
    rand_token(csrf, sizeof csrf);
    token_hash(token_out, h);
    int64_t now = unix_now();
    Stmt *s = db_prepare(db, "INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen, client) "
                             "VALUES (?1, ?2, ?3, ?4, ?4, ?5)");
    db_bind_blob(s, 1, h, sizeof h);
    db_bind_int(s, 2, user_id);
    db_bind_text(s, 3, csrf);
    db_bind_int(s, 4, now);
    db_bind_text(s, 5, client ? client : "");
    int st = db_step(s);
    db_done(s);
    /* Drop this user's expired sessions while we are here. */
    s = db_prepare(db, "DELETE FROM session WHERE user_id = ?1 AND (last_seen < ?2 OR created_at < ?3)");
    db_bind_int(s, 1, user_id);
    db_bind_int(s, 2, now - AUTH_IDLE_SECONDS);
    db_bind_int(s, 3, now - AUTH_MAX_AGE_SECONDS);
    db_step(s);
    db_done(s);
    return st == DB_DONE ? 0 : err_set(e, E_DB, "creating the session failed");
}

int auth_login(Db *db, const char *username, const char *password, const char *client, char *token_out,
               int64_t *wait_ms, Err *e)
{
    *wait_ms = 0;
    token_out[0] = 0;
    if (!username || !password || strlen(username) > 64 || strlen(password) > 1024) {
        return err_set(e, E_FORBIDDEN, GENERIC_FAIL);
    }
    char ukey[80], akey[80];
    snprintf(ukey, sizeof ukey, "user:%s", username);
    snprintf(akey, sizeof akey, "addr:%.70s", client ? client : "");
    int64_t now = unix_now_ms();
    int64_t w1 = throttle_wait(db, ukey, now), w2 = throttle_wait(db, akey, now);
    int64_t wait = w1 > w2 ? w1 : w2;
    Viewer who = g_anonymous;
    who.username = username;
    if (wait > 0) {
        *wait_ms = wait;
        throttled_note(db, &who, client, w2 > 0 ? akey : ukey, now, wait);
        long long secs = (long long)((wait + 999) / 1000);
        return err_set(e, E_CONFLICT, N_("For mange mislykkede forsøk. Vent %lld %-s og prøv igjen."), secs,
                       secs == 1 ? N_("sekund") : N_("sekunder"));
    }
    Stmt *s = db_prepare(db, "SELECT id, password_hash, active FROM account WHERE username = ?1");
    db_bind_text(s, 1, username);
    int64_t id = 0;
    char hash[crypto_pwhash_STRBYTES] = "";
    bool active = false;
    if (db_step(s) == DB_ROW) {
        id = db_col_int(s, 0);
        snprintf(hash, sizeof hash, "%s", db_col_text(s, 1));
        active = db_col_int(s, 2) != 0;
    }
    db_done(s);
    /* Verify even when the user is unknown, so timing says nothing. */
    static char dummy[crypto_pwhash_STRBYTES];
    if (!*dummy) {
        auth_password_hash("not a real password", dummy, sizeof dummy, NULL);
    }
    bool ok = crypto_pwhash_str_verify(*hash ? hash : dummy, password, strlen(password)) == 0;
    ok = ok && id && active && *hash;
    if (db_begin(db, e)) {
        return E_DB;
    }
    if (!ok) {
        /* Count the failure from when it was decided, after the slow check. */
        now = unix_now_ms();
        throttle_fail(db, ukey, now);
        throttle_fail(db, akey, now);
        who.user_id = 0;
        audit_append(db, &who, client, "login_failed", "user", "", id ? "wrong password or disabled" : "unknown user",
                     NULL);
        db_commit(db, NULL);
        return err_set(e, E_FORBIDDEN, GENERIC_FAIL);
    }
    s = db_prepare(db, "DELETE FROM login_failure WHERE key = ?1");
    db_bind_text(s, 1, ukey);
    db_step(s);
    db_done(s);
    int rc = new_session(db, id, client, token_out, e);
    if (!rc) {
        who.user_id = id;
        char oid[32];
        snprintf(oid, sizeof oid, "%lld", (long long)id);
        rc = audit_append(db, &who, client, "login", "user", oid, "signed in", e);
    }
    return db_finish(db, rc, e);
}

int auth_session(Db *db, Arena *a, const char *token, Viewer *out, Err *e)
{
    if (!token || strlen(token) != AUTH_TOKEN_CHARS) {
        return err_set(e, E_NOTFOUND, "no session");
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    token_hash(token, h);
    int64_t now = unix_now();
    Stmt *s = db_prepare(db, "SELECT id, user_id, csrf, last_seen FROM session WHERE token_hash = ?1 "
                             "AND last_seen >= ?2 AND created_at >= ?3");
    db_bind_blob(s, 1, h, sizeof h);
    db_bind_int(s, 2, now - AUTH_IDLE_SECONDS);
    db_bind_int(s, 3, now - AUTH_MAX_AGE_SECONDS);
    int64_t sid = 0, uid = 0, last = 0;
    char *csrf = NULL;
    if (db_step(s) == DB_ROW) {
        sid = db_col_int(s, 0);
        uid = db_col_int(s, 1);
        csrf = db_col_dup(s, 2, a);
        last = db_col_int(s, 3);
    }
    db_done(s);
    if (!sid || auth_viewer(db, a, uid, out, e)) {
        return err_set(e, E_NOTFOUND, "no session");
    }
    out->session_id = sid;
    out->csrf = csrf;
    if (now - last >= 60) {
        s = db_prepare(db, "UPDATE session SET last_seen = ?2 WHERE id = ?1");
        db_bind_int(s, 1, sid);
        db_bind_int(s, 2, now);
        db_step(s);
        db_done(s);
    }
    return 0;
}

int auth_logout(Db *db, const Viewer *v, const char *client, Err *e)
{
    if (!v->session_id) {
        return 0;
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "DELETE FROM session WHERE id = ?1");
    db_bind_int(s, 1, v->session_id);
    db_step(s);
    db_done(s);
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)v->user_id);
    return db_finish(db, audit_append(db, v, client, "logout", "user", oid, "signed out", e), e);
}

/* ---- API tokens ---------------------------------------------------------- */

int token_create(Db *db, const Viewer *actor, const char *client, int64_t user_id, const char *name,
                 bool read_only, char *token_out, int64_t *id, Err *e)
{
    if (actor && !(actor->user_id == user_id ? can(actor, CAP_TOKEN_OWN) : can(actor, CAP_USER_ADMIN))) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å lage nøkler for denne brukeren."));
    }
    if (actor && actor->read_only) {
        return err_set(e, E_FORBIDDEN, N_("En lesenøkkel kan ikke lage nye nøkler."));
    }
    if (!name || !*name) {
        return err_set(e, E_INVALID, N_("Gi nøkkelen et navn."));
    }
    if (content_check_text(name, 100, false, N_("Navnet"), e)) {
        return E_INVALID;
    }
    char raw[AUTH_TOKEN_CHARS + 1];
    rand_token(raw, sizeof raw);
    snprintf(token_out, AUTH_TOKEN_CHARS + 7, "samla_%s", raw);
    unsigned char h[crypto_hash_sha256_BYTES];
    token_hash(token_out, h);
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO api_token (user_id, name, token_hash, read_only, created_at) "
                             "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM account WHERE id = ?1 AND active)");
    db_bind_int(s, 1, user_id);
    db_bind_text(s, 2, name);
    db_bind_blob(s, 3, h, sizeof h);
    db_bind_int(s, 4, read_only);
    db_bind_int(s, 5, unix_now());
    int st = db_step(s);
    db_done(s);
    if (st != DB_DONE || db_changes(db) == 0) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke brukeren, eller den er deaktivert."));
    }
    *id = db_last_id(db);
    char oid[32], sum[200];
    snprintf(oid, sizeof oid, "%lld", (long long)*id);
    snprintf(sum, sizeof sum, "token '%.100s' for user %lld%s", name, (long long)user_id, read_only ? " (read-only)" : "");
    return db_finish(db, audit_append(db, actor, client, "token.create", "token", oid, sum, e), e);
}

int token_list(Db *db, Arena *a, int64_t user_id, Token **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT t.id, t.name, u.username, t.read_only, t.created_at, ifnull(t.last_used, 0), "
                             "ifnull(t.revoked_at, 0) FROM api_token t JOIN account u ON u.id = t.user_id "
                             "WHERE ?1 = 0 OR t.user_id = ?1 ORDER BY t.id DESC");
    db_bind_int(s, 1, user_id);
    size_t len = 0, cap = 0;
    Token *v = NULL;
    int st;
    while ((st = db_step(s)) == DB_ROW) {
        Token *t = arena_push(a, &v, &len, &cap, sizeof *v);
        t->id = db_col_int(s, 0);
        t->name = db_col_dup(s, 1, a);
        t->username = db_col_dup(s, 2, a);
        t->read_only = db_col_int(s, 3) != 0;
        t->created_at = db_col_int(s, 4);
        t->last_used = db_col_int(s, 5);
        t->revoked_at = db_col_int(s, 6);
    }
    db_done(s);
    *out = v;
    *n = len;
    return st < 0 ? err_set(e, E_DB, "reading tokens failed") : 0;
}

int token_revoke(Db *db, const Viewer *actor, const char *client, int64_t token_id, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "SELECT user_id FROM api_token WHERE id = ?1 AND revoked_at IS NULL");
    db_bind_int(s, 1, token_id);
    int64_t owner = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    if (!owner || (actor && actor->user_id != owner && !can(actor, CAP_USER_ADMIN))) {
        db_rollback(db);
        return err_set(e, E_NOTFOUND, N_("Fant ikke nøkkelen."));
    }
    if (actor && actor->read_only) {
        db_rollback(db);
        return err_set(e, E_FORBIDDEN, N_("En lesenøkkel kan ikke trekke tilbake nøkler."));
    }
    s = db_prepare(db, "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1");
    db_bind_int(s, 1, token_id);
    db_bind_int(s, 2, unix_now());
    db_step(s);
    db_done(s);
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)token_id);
    return db_finish(db, audit_append(db, actor, client, "token.revoke", "token", oid, "revoked", e), e);
}

int auth_token(Db *db, Arena *a, const char *token, Viewer *out, Err *e)
{
    if (!token || strlen(token) != AUTH_TOKEN_CHARS + 6 || strncmp(token, "samla_", 6) != 0) {
        return err_set(e, E_NOTFOUND, "invalid token");
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    token_hash(token, h);
    Stmt *s = db_prepare(db, "SELECT id, user_id, read_only, ifnull(last_used, 0) FROM api_token "
                             "WHERE token_hash = ?1 AND revoked_at IS NULL");
    db_bind_blob(s, 1, h, sizeof h);
    int64_t tid = 0, uid = 0, last = 0;
    bool ro = false;
    if (db_step(s) == DB_ROW) {
        tid = db_col_int(s, 0);
        uid = db_col_int(s, 1);
        ro = db_col_int(s, 2) != 0;
        last = db_col_int(s, 3);
    }
    db_done(s);
    if (!tid || auth_viewer(db, a, uid, out, e)) {
        return err_set(e, E_NOTFOUND, "invalid token");
    }
    out->read_only = ro;
    out->via_token = true;
    int64_t now = unix_now();
    if (now - last >= 60) {
        s = db_prepare(db, "UPDATE api_token SET last_used = ?2 WHERE id = ?1");
        db_bind_int(s, 1, tid);
        db_bind_int(s, 2, now);
        db_step(s);
        db_done(s);
    }
    return 0;
}
