/* test_auth.c: passwords, sessions, throttling, API tokens, CSRF and input
 * checks (src/app/auth.c, src/web/session.c) — through the model and
 * through web_handle, no sockets.
 *
 * Each test gets a fresh migrated in-memory database with the demo users
 * (password DEMO_PASSWORD).  f->va holds viewers and model results for the
 * whole test; each request has its own arena, freed by the next request or
 * the teardown, so the ASan build's leak checker covers everything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/auth.h"
#include "app/content.h"
#include "app/demo.h"
#include "app/measure.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

#define HOST "samla.test"
#define GENERIC "Feil brukernavn eller passord."

typedef struct Fixture {
    Db *db;
    Arena arena;   /* the current request's arena */
    Arena va;      /* viewers and model results, for the whole test */
    Req r;
    int route;
} Fixture;

/* Request headers a test supplies (NULL: absent). */
typedef struct Hdrs {
    const char *host, *origin, *referer, *cookie, *authz;
} Hdrs;

static const char *hget(void *ctx, const char *name)
{
    const Hdrs *h = ctx;
    return strcasecmp(name, "Host") == 0            ? h->host
           : strcasecmp(name, "Origin") == 0        ? h->origin
           : strcasecmp(name, "Referer") == 0       ? h->referer
           : strcasecmp(name, "Cookie") == 0        ? h->cookie
           : strcasecmp(name, "Authorization") == 0 ? h->authz
                                                    : NULL;
}

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->arena);
    memset(&f->r, 0, sizeof f->r);
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    arena_free(&f->va);
    db_close(f->db);
    return 0;
}

/* run: one request through web_handle as viewer as (NULL: identify from
 * the headers) from client 192.0.2.10. */
static Req *run(Fixture *f, const char *method, const char *path, const char *body, const char *ctype,
                Hdrs *h, const Viewer *as)
{
    done(f);
    f->r.arena = &f->arena;
    f->r.db = f->db;
    f->r.viewer = as;
    WebRequest in = {.method = method, .path = path, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = ctype, .request_id = "test-auth", .client = "192.0.2.10",
                     .header = h ? hget : NULL, .hctx = h};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static const char *header(const Req *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], name) == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

/* q_int: the first column of the first row of sql, with ?1 bound to arg
 * (NULL: unbound). */
static int64_t q_int(Db *db, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(db, sql);
    assert_non_null(s);
    if (arg) {
        db_bind_text(s, 1, arg);
    }
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

/* q_text: like q_int, the text copied into out. */
static void q_text(Db *db, const char *sql, const char *arg, char *out, size_t n)
{
    Stmt *s = db_prepare(db, sql);
    assert_non_null(s);
    db_bind_text(s, 1, arg);
    assert_int_equal(db_step(s), DB_ROW);
    snprintf(out, n, "%s", db_col_text(s, 0));
    db_done(s);
}

/* exec2: run sql with ?1 and ?2 bound to integers. */
static void exec2(Db *db, const char *sql, int64_t a, int64_t b)
{
    Stmt *s = db_prepare(db, sql);
    assert_non_null(s);
    db_bind_int(s, 1, a);
    db_bind_int(s, 2, b);
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);
}

static int64_t user_id(Fixture *f, const char *username)
{
    return q_int(f->db, "SELECT id FROM account WHERE username = ?1", username);
}

static int64_t ministry_id(Fixture *f, const char *code)
{
    return q_int(f->db, "SELECT id FROM ministry WHERE code = ?1 AND valid_to IS NULL", code);
}

static int64_t audit_count(Fixture *f, const char *action)
{
    return q_int(f->db, "SELECT count(*) FROM audit WHERE ?1 IS NULL OR action = ?1", action);
}

static bool is_b64url(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            return false;
        }
    }
    return strlen(s) == n;
}

static void login_ok(Fixture *f, const char *user, const char *client, char token[AUTH_TOKEN_CHARS + 1])
{
    int64_t wait = -1;
    Err e = {0};
    int rc = auth_login(f->db, user, DEMO_PASSWORD, client, token, &wait, &e);
    if (rc) {
        fail_msg("auth_login %s: %d %s", user, rc, e.msg);
    }
    assert_int_equal(wait, 0);
}

static int login(Fixture *f, const char *user, const char *pw, const char *client, int64_t *wait, Err *e)
{
    char token[AUTH_TOKEN_CHARS + 1];
    memset(e, 0, sizeof *e);
    return auth_login(f->db, user, pw, client, token, wait, e);
}

static Viewer session_viewer(Fixture *f, const char *token)
{
    Viewer v;
    Err e = {0};
    if (auth_session(f->db, &f->va, token, &v, &e)) {
        fail_msg("auth_session: %s", e.msg);
    }
    return v;
}

static Viewer viewer_of(Fixture *f, const char *username)
{
    Viewer v;
    Err e = {0};
    if (auth_viewer(f->db, &f->va, user_id(f, username), &v, &e)) {
        fail_msg("auth_viewer %s: %s", username, e.msg);
    }
    return v;
}

/* sha256_hex: the lower-case hex SHA-256 of s into out (65 bytes). */
static void sha256_hex(const char *s, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* ---- 1. passwords ---------------------------------------------------------- */

static void login_with_right_password(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 1];
    login_ok(f, "sekretariat", "10.0.0.1", token);
    assert_true(is_b64url(token, AUTH_TOKEN_CHARS));
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 1);
    assert_int_equal(audit_count(f, "login"), 1);
}

static void wrong_password_and_unknown_user_look_the_same(void **state)
{
    Fixture *f = *state;
    static const struct { const char *user, *pw; } cases[] = {
        {"sekretariat", "feil-passord"}, {"sekretariat", ""}, {"ingen.slik", DEMO_PASSWORD}, {"", ""},
        {"SEKRETARIAT", DEMO_PASSWORD},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1] = "x";
        int64_t wait = -1;
        Err e = {0};
        assert_int_equal(auth_login(f->db, cases[i].user, cases[i].pw, "10.0.0.2", token, &wait, &e), E_FORBIDDEN);
        assert_string_equal(e.msg, GENERIC);
        assert_string_equal(token, "");
        assert_int_equal(wait, 0);
    }
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(audit_count(f, "login_failed"), (int64_t)COUNT(cases));
}

static void disabled_user_cannot_sign_in(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 1];
    login_ok(f, "sb.kd", "10.0.0.3", token);
    int64_t id = user_id(f, "sb.kd");
    Viewer admin = viewer_of(f, "admin");
    UserInput in = {.full_name = "Kari Knutsen", .email = "kari.knutsen@example.invalid", .ministry_code = "KD",
                    .active = false};
    Err e = {0};
    assert_int_equal(user_update(f->db, &admin, "10.0.0.9", id, &in, &e), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session WHERE user_id = (SELECT id FROM account "
                                  "WHERE username = ?1)", "sb.kd"), 0);
    Viewer v;
    assert_int_equal(auth_session(f->db, &f->va, token, &v, &e), E_NOTFOUND);
    int64_t wait;
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.0.0.3", &wait, &e), E_FORBIDDEN);
    assert_string_equal(e.msg, GENERIC);
    assert_int_equal(audit_count(f, "user.disable"), 1);
}

static void only_hashes_are_stored(void **state)
{
    Fixture *f = *state;
    char hash[256], token[AUTH_TOKEN_CHARS + 1], want[65], got[65];
    q_text(f->db, "SELECT password_hash FROM account WHERE username = ?1", "sb.bfd", hash, sizeof hash);
    assert_true(str_has_prefix(hash, "$argon2id$"));
    assert_int_equal(crypto_pwhash_str_verify(hash, DEMO_PASSWORD, strlen(DEMO_PASSWORD)), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM account WHERE password_hash NOT LIKE '$argon2id$%'", NULL), 0);

    login_ok(f, "sb.bfd", "10.0.0.4", token);
    assert_int_equal(q_int(f->db, "SELECT length(token_hash) FROM session WHERE typeof(token_hash) = 'blob'", NULL),
                     32);
    sha256_hex(token, want);
    q_text(f->db, "SELECT lower(hex(token_hash)) FROM session WHERE ?1 IS NOT NULL", "x", got, sizeof got);
    assert_string_equal(got, want);
    /* The cookie value appears nowhere in the database's session or audit rows. */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session WHERE instr(csrf, ?1) OR instr(client, ?1) "
                                  "OR instr(CAST(token_hash AS TEXT), ?1)", token), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE instr(summary, ?1) OR instr(object_id, ?1)",
                           token), 0);
}

/* ---- 2. sessions ----------------------------------------------------------- */

static void session_gives_the_right_viewer(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *user, *ministry;
        uint32_t has, lacks;
    } cases[] = {
        {"admin", "DFD", CAP_USER_ADMIN | CAP_AUDIT_READ | CAP_TOKEN_OWN, CAP_MEASURE_MANAGE | CAP_MEASURE_REPORT},
        {"sekretariat", "DFD", CAP_MEASURE_MANAGE | CAP_READ_ALL_MEASURES, CAP_USER_ADMIN | CAP_AUDIT_READ},
        {"dr.bfd", "BFD", CAP_READ_MINISTRY | CAP_DASHBOARD, CAP_MEASURE_MANAGE | CAP_USER_ADMIN},
        {"sb.kd", "KD", CAP_MEASURE_REPORT | CAP_CONSULT_ANSWER, CAP_MEASURE_MANAGE | CAP_AUDIT_READ},
        {"ansatt.hod", "HOD", CAP_SIGNED_IN | CAP_READ_INTERNAL, CAP_MEASURE_REPORT | CAP_USER_ADMIN},
        {"tv.ntl", "JD", CAP_SIGNED_IN | CAP_INPUT_GIVE, CAP_MEASURE_REPORT | CAP_MEASURE_MANAGE | CAP_AUDIT_READ},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1];
        login_ok(f, cases[i].user, "10.0.1.1", token);
        Viewer v = session_viewer(f, token);
        assert_string_equal(v.username, cases[i].user);
        assert_int_equal(v.user_id, user_id(f, cases[i].user));
        assert_string_equal(v.ministry_code, cases[i].ministry);
        assert_int_equal(v.ministry_id, ministry_id(f, cases[i].ministry));
        if (!can(&v, cases[i].has) || (v.caps & cases[i].lacks)) {
            fail_msg("%s: caps %#x, want all of %#x and none of %#x", cases[i].user, v.caps, cases[i].has,
                     cases[i].lacks);
        }
        assert_true(v.session_id > 0);
        assert_true(is_b64url(v.csrf, AUTH_TOKEN_CHARS));
        assert_false(v.via_token);
        assert_false(v.read_only);
    }
}

static void case_officer_reports_for_own_ministry_only(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 1];
    login_ok(f, "sb.kd", "10.0.1.2", token);
    Viewer v = session_viewer(f, token);
    assert_true(perm_can_report_for(&v, ministry_id(f, "KD")));
    assert_false(perm_can_report_for(&v, ministry_id(f, "BFD")));
    Viewer tv = viewer_of(f, "tv.ntl");
    assert_false(perm_can_report_for(&tv, ministry_id(f, "JD")));
}

static void idle_and_old_sessions_are_refused(void **state)
{
    Fixture *f = *state;
    int64_t now = (int64_t)time(NULL);
    static const struct {
        int64_t created_ago, seen_ago;
        bool ok;
    } cases[] = {
        {3600, AUTH_IDLE_SECONDS + 1, false},
        {3600, AUTH_IDLE_SECONDS - 30, true},
        {AUTH_MAX_AGE_SECONDS + 1, 0, false},
        {AUTH_MAX_AGE_SECONDS - 30, 0, true},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1];
        login_ok(f, "ansatt.hod", "10.0.2.1", token);
        int64_t sid = session_viewer(f, token).session_id;
        exec2(f->db, "UPDATE session SET created_at = ?2 WHERE id = ?1", sid, now - cases[i].created_ago);
        exec2(f->db, "UPDATE session SET last_seen = ?2 WHERE id = ?1", sid, now - cases[i].seen_ago);
        Viewer v;
        Err e = {0};
        int rc = auth_session(f->db, &f->va, token, &v, &e);
        if ((rc == 0) != cases[i].ok) {
            fail_msg("case %zu: auth_session %d, want %s", i, rc, cases[i].ok ? "accepted" : "refused");
        }
        if (!cases[i].ok) {
            assert_int_equal(rc, E_NOTFOUND);
        }
    }
    Viewer v;
    Err e = {0};
    assert_int_equal(auth_session(f->db, &f->va, "short", &v, &e), E_NOTFOUND);
}

static void logout_ends_the_session(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 1];
    login_ok(f, "dr.bfd", "10.0.3.1", token);
    Viewer v = session_viewer(f, token);
    Err e = {0};
    assert_int_equal(auth_logout(f->db, &v, "10.0.3.1", &e), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(auth_session(f->db, &f->va, token, &v, &e), E_NOTFOUND);
    assert_int_equal(audit_count(f, "logout"), 1);
}

/* ---- 3. throttling ----------------------------------------------------------- */

static void account_is_throttled_and_recovers(void **state)
{
    Fixture *f = *state;
    int64_t wait = -1;
    Err e;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(login(f, "sb.kd", "feil-passord", "10.1.0.1", &wait, &e), E_FORBIDDEN);
        assert_string_equal(e.msg, GENERIC);
    }
    char token[AUTH_TOKEN_CHARS + 1] = "x";
    assert_int_equal(auth_login(f->db, "sb.kd", DEMO_PASSWORD, "10.1.0.1", token, &wait, &e), E_CONFLICT);
    assert_string_equal(token, "");
    assert_true(wait > 0 && wait <= 200);
    char want[64];
    snprintf(want, sizeof want, "Vent %lld sekund", (long long)((wait + 999) / 1000));
    if (!strstr(e.msg, want)) {
        fail_msg("throttle message \"%s\" does not say \"%s…\"", e.msg, want);
    }
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM login_failure WHERE key = ?1", "user:sb.kd"), 5);

    usleep((useconds_t)(wait + 50) * 1000);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.1.0.1", &wait, &e), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM login_failure WHERE key = ?1", "user:sb.kd"), 0);
    /* Cleared: from another address one more failure does not throttle. */
    assert_int_equal(login(f, "sb.kd", "feil-passord", "10.1.0.2", &wait, &e), E_FORBIDDEN);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.1.0.2", &wait, &e), 0);

    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE action = 'login_failed' AND actor = ?1", "sb.kd"),
                     6);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE action = 'login_throttled' AND actor = ?1",
                           "sb.kd"), 1);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE action = 'login' AND actor = ?1", "sb.kd"), 2);
}

static void client_address_is_throttled(void **state)
{
    Fixture *f = *state;
    static const char *const users[] = {"admin", "sekretariat", "ingen.slik", "sb.kd", "sb.bfd"};
    int64_t wait = -1;
    Err e;
    for (size_t i = 0; i < COUNT(users); i++) {
        assert_int_equal(login(f, users[i], "feil-passord", "10.2.0.1", &wait, &e), E_FORBIDDEN);
    }
    /* A sixth account, never tried before, with its right password. */
    assert_int_equal(login(f, "ansatt.hod", DEMO_PASSWORD, "10.2.0.1", &wait, &e), E_CONFLICT);
    assert_true(wait > 0);
    assert_non_null(strstr(e.msg, "Vent "));
    assert_int_equal(audit_count(f, "login_throttled"), 1);
    /* The account itself is not throttled: from elsewhere it signs in. */
    assert_int_equal(login(f, "ansatt.hod", DEMO_PASSWORD, "10.2.0.2", &wait, &e), 0);
    assert_int_equal(audit_count(f, "login_failed"), 5);
    assert_int_equal(audit_count(f, "login"), 1);
}

/* ---- 4. API tokens ------------------------------------------------------------ */

static void api_tokens(void **state)
{
    Fixture *f = *state;
    Viewer kd = viewer_of(f, "sb.kd");
    char tok[AUTH_TOKEN_CHARS + 8], ro_tok[AUTH_TOKEN_CHARS + 8], hex[65], got[65];
    int64_t id, ro_id;
    Err e = {0};
    assert_int_equal(token_create(f->db, &kd, "10.3.0.1", kd.user_id, "CI", false, tok, &id, &e), 0);
    assert_int_equal(strlen(tok), 6 + AUTH_TOKEN_CHARS);
    assert_true(str_has_prefix(tok, "samla_"));
    assert_true(is_b64url(tok + 6, AUTH_TOKEN_CHARS));
    assert_int_equal(token_create(f->db, &kd, "10.3.0.1", kd.user_id, "Les", true, ro_tok, &ro_id, &e), 0);
    assert_string_not_equal(tok, ro_tok);

    Viewer v;
    assert_int_equal(auth_token(f->db, &f->va, tok, &v, &e), 0);
    assert_string_equal(v.username, "sb.kd");
    assert_true(v.via_token);
    assert_false(v.read_only);
    assert_true(perm_can_report_for(&v, ministry_id(f, "KD")));
    assert_int_equal(auth_token(f->db, &f->va, ro_tok, &v, &e), 0);
    assert_true(v.via_token);
    assert_true(v.read_only);
    assert_false(perm_can_report_for(&v, ministry_id(f, "KD")));

    /* Only the SHA-256 of the whole token is stored. */
    sha256_hex(tok, hex);
    q_text(f->db, "SELECT lower(hex(token_hash)) FROM api_token WHERE name = ?1", "CI", got, sizeof got);
    assert_string_equal(got, hex);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM api_token WHERE instr(name, ?1) OR "
                                  "instr(CAST(token_hash AS TEXT), ?1)", tok + 6), 0);

    /* Someone else's token cannot be revoked by an employee; the owner can. */
    Viewer other = viewer_of(f, "ansatt.hod");
    assert_int_equal(token_revoke(f->db, &other, "10.3.0.2", id, &e), E_NOTFOUND);
    assert_int_equal(token_create(f->db, &other, "10.3.0.2", kd.user_id, "x", false, ro_tok, &ro_id, &e), E_FORBIDDEN);
    assert_int_equal(token_revoke(f->db, &kd, "10.3.0.1", id, &e), 0);
    assert_int_equal(auth_token(f->db, &f->va, tok, &v, &e), E_NOTFOUND);
    tok[10] = tok[10] == 'A' ? 'B' : 'A';
    assert_int_equal(auth_token(f->db, &f->va, tok, &v, &e), E_NOTFOUND);
    assert_int_equal(auth_token(f->db, &f->va, "samla_", &v, &e), E_NOTFOUND);
}

/* ---- 5. CSRF and origin through web_handle ------------------------------------ */

static void logout_needs_csrf_and_our_origin(void **state)
{
    Fixture *f = *state;
    enum { NONE, RIGHT, WRONG };
    static const struct {
        const char *origin, *referer;
        int csrf;
        int status;
    } cases[] = {
        {"http://" HOST, NULL, NONE, 403},
        {"http://" HOST, NULL, WRONG, 403},
        {"http://evil.example", NULL, RIGHT, 403},
        {"https://" HOST, NULL, RIGHT, 403},                       /* not our scheme */
        {"http://" HOST ".evil.example", NULL, RIGHT, 403},        /* our host as a prefix */
        {"http://evil.example", "http://" HOST "/account", RIGHT, 403}, /* Origin wins over Referer */
        {NULL, "http://evil.example/?http://" HOST, RIGHT, 403},
        {NULL, NULL, RIGHT, 403},
        {"http://" HOST, NULL, RIGHT, 303},
        {NULL, "http://" HOST "/account", RIGHT, 303},
        {NULL, "http://" HOST, RIGHT, 303},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1];
        login_ok(f, "sb.bfd", "10.4.0.1", token);
        Viewer v = session_viewer(f, token);
        char cookie[128], body[128];
        snprintf(cookie, sizeof cookie, "samla_csrf=zzz; samla_session=%s", token);
        snprintf(body, sizeof body, "csrf=%s", v.csrf);
        if (cases[i].csrf == WRONG) {
            body[5] = body[5] == 'A' ? 'B' : 'A';
        }
        Hdrs h = {.host = HOST, .origin = cases[i].origin, .referer = cases[i].referer, .cookie = cookie};
        Req *r = run(f, "POST", "/logout", cases[i].csrf == NONE ? "x=1" : body,
                     "application/x-www-form-urlencoded", &h, NULL);
        if (r->status != cases[i].status) {
            fail_msg("case %zu (Origin %s, Referer %s): status %d, want %d", i, cases[i].origin,
                     cases[i].referer, r->status, cases[i].status);
        }
        Stmt *s = db_prepare(f->db, "SELECT count(*) FROM session WHERE id = ?1");
        db_bind_int(s, 1, v.session_id);
        assert_int_equal(db_step(s), DB_ROW);
        int64_t left = db_col_int(s, 0);
        db_done(s);
        assert_int_equal(left, cases[i].status == 303 ? 0 : 1);
        if (r->status == 303) {
            assert_string_equal(header(r, "Location"), "/");
        } else {
            assert_non_null(strstr(buf_str(&r->body), "Skjemaet var utløpt"));
        }
    }
    assert_int_equal(audit_count(f, "logout"), 3);
}

static void anonymous_login_needs_double_submit(void **state)
{
    Fixture *f = *state;
    Req *r = run(f, "GET", "/login", NULL, NULL, &(Hdrs){.host = HOST}, NULL);
    assert_int_equal(r->status, 200);
    const char *set = header(r, "Set-Cookie");
    assert_non_null(set);
    assert_true(str_has_prefix(set, "samla_csrf="));
    char csrf[64];
    snprintf(csrf, sizeof csrf, "%.*s", (int)strcspn(set + 11, ";"), set + 11);
    assert_true(is_b64url(csrf, AUTH_TOKEN_CHARS));
    assert_non_null(strstr(buf_str(&r->body), csrf));   /* the hidden field */

    char cookie[96], with[160], other[160];
    snprintf(cookie, sizeof cookie, "samla_csrf=%s", csrf);
    snprintf(with, sizeof with, "username=sb.kd&password=" DEMO_PASSWORD "&next=%%2Faccount&csrf=%s", csrf);
    snprintf(other, sizeof other, "username=sb.kd&password=" DEMO_PASSWORD "&csrf=%.42sX", csrf);
    static const char without[] = "username=sb.kd&password=" DEMO_PASSWORD;
    const struct {
        const char *body, *cookie, *origin;
    } refused[] = {
        {without, cookie, "http://" HOST},   /* no field */
        {with, NULL, "http://" HOST},        /* no cookie */
        {other, cookie, "http://" HOST},     /* field and cookie differ */
        {with, cookie, "http://evil.example"},
        {with, cookie, NULL},
    };
    for (size_t i = 0; i < COUNT(refused); i++) {
        Hdrs h = {.host = HOST, .origin = refused[i].origin, .cookie = refused[i].cookie};
        r = run(f, "POST", "/login", refused[i].body, "application/x-www-form-urlencoded", &h, NULL);
        if (r->status != 403) {
            fail_msg("refused case %zu: status %d, want 403", i, r->status);
        }
        assert_null(header(r, "Location"));
    }
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(audit_count(f, "login"), 0);
    assert_int_equal(audit_count(f, "login_failed"), 0);

    Hdrs h = {.host = HOST, .origin = "http://" HOST, .cookie = cookie};
    r = run(f, "POST", "/login", with, "application/x-www-form-urlencoded", &h, NULL);
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), "/account");
    assert_true(str_has_prefix(header(r, "Set-Cookie"), "samla_session="));
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM session", NULL), 1);
}

static json_t *json_body(const Req *r)
{
    assert_non_null(r->content_type);
    assert_true(str_has_prefix(r->content_type, "application/json"));
    json_error_t err;
    json_t *v = json_loadb(r->body.data, r->body.len, 0, &err);
    if (!v) {
        fail_msg("response is not JSON (%s): %.200s", err.text, buf_str(&r->body));
    }
    return v;
}

/* assert_json_error: r is a JSON error with code; its message contains
 * want (NULL: any). */
static void assert_json_error(const Req *r, const char *code, const char *want)
{
    json_t *v = json_body(r);
    json_t *err = json_object_get(v, "error");
    const char *c = json_string_value(json_object_get(err, "code"));
    const char *m = json_string_value(json_object_get(err, "message"));
    bool ok = c && m && str_eq(c, code) && (!want || strstr(m, want));
    if (!ok) {
        fail_msg("want error %s (\"%s\"), got %.300s", code, want ? want : "", buf_str(&r->body));
    }
    json_decref(v);
}

static void bearer_token_needs_no_csrf(void **state)
{
    Fixture *f = *state;
    Viewer kd = viewer_of(f, "sb.kd");
    char tok[AUTH_TOKEN_CHARS + 8], ro[AUTH_TOKEN_CHARS + 8], authz[80], bad[80];
    int64_t id;
    Err e = {0};
    assert_int_equal(token_create(f->db, &kd, "10.5.0.1", kd.user_id, "CI", false, tok, &id, &e), 0);
    assert_int_equal(token_create(f->db, &kd, "10.5.0.1", kd.user_id, "Les", true, ro, &id, &e), 0);
    static const char body[] = "{\"name\":\"Fra API\"}";

    snprintf(authz, sizeof authz, "Bearer %s", tok);
    Req *r = run(f, "POST", "/api/v1/tokens", body, "application/json", &(Hdrs){.host = HOST, .authz = authz}, NULL);
    assert_int_equal(r->status, 201);
    json_t *v = json_body(r);
    const char *made = json_string_value(json_object_get(v, "token"));
    assert_non_null(made);
    assert_true(str_has_prefix(made, "samla_"));
    assert_int_equal(strlen(made), 6 + AUTH_TOKEN_CHARS);
    json_decref(v);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM api_token", NULL), 3);

    snprintf(bad, sizeof bad, "Bearer samla_%043d", 7);
    r = run(f, "POST", "/api/v1/tokens", body, "application/json", &(Hdrs){.host = HOST, .authz = bad}, NULL);
    assert_int_equal(r->status, 401);
    assert_json_error(r, "unauthenticated", NULL);
    assert_string_equal(header(r, "WWW-Authenticate"), "Bearer");

    snprintf(authz, sizeof authz, "Bearer %s", ro);   /* read-only: no writes */
    r = run(f, "POST", "/api/v1/tokens", body, "application/json", &(Hdrs){.host = HOST, .authz = authz}, NULL);
    assert_int_equal(r->status, 403);
    assert_json_error(r, "forbidden", NULL);

    /* A session cookie on the API still needs the form token. */
    char token[AUTH_TOKEN_CHARS + 1], cookie[96];
    login_ok(f, "sb.kd", "10.5.0.1", token);
    snprintf(cookie, sizeof cookie, "samla_session=%s", token);
    r = run(f, "POST", "/api/v1/tokens", body, "application/json",
            &(Hdrs){.host = HOST, .origin = "http://" HOST, .cookie = cookie}, NULL);
    assert_int_equal(r->status, 403);
    assert_json_error(r, "forbidden", NULL);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM api_token", NULL), 3);
}

/* ---- 6. bad input -------------------------------------------------------------- */

static void bad_user_input_writes_nothing(void **state)
{
    Fixture *f = *state;
    char name200[201], name201[202];
    memset(name200, 'a', 200);
    name200[200] = 0;
    memset(name201, 'a', 201);
    name201[201] = 0;
    const struct {
        const char *username, *full_name, *ministry, *password, *msg;
    } cases[] = {
        {"ny.bruker", name201, "KD", "langt-nok-passord", "Navnet er for lang: 201 tegn, høyst 200 er tillatt."},
        {"ny.bruker", "Ola \xC3\x28", "KD", "langt-nok-passord", "Navnet inneholder tegn som ikke er gyldig UTF-8."},
        {"ny.bruker", "Ola\x01Nordmann", "KD", "langt-nok-passord", "Navnet inneholder kontrolltegn"},
        {"ny.bruker", "", "KD", "langt-nok-passord", "Navn må fylles ut."},
        {"ny.bruker", "HEMMELIG agent", "KD", "langt-nok-passord", "sikkerhetsgrad (HEMMELIG)"},
        {"Ola", "Ola Nordmann", "KD", "langt-nok-passord", "Brukernavnet kan bare ha små bokstaver"},
        {"ola nordmann", "Ola Nordmann", "KD", "langt-nok-passord", "Brukernavnet kan bare ha små bokstaver"},
        {"o", "Ola Nordmann", "KD", "langt-nok-passord", "Brukernavnet må ha 2–64 tegn."},
        {"ny.bruker", "Ola Nordmann", "XYZ", "langt-nok-passord", "Ukjent departement: XYZ."},
        {"ny.bruker", "Ola Nordmann", "KD", "kort-pass", "Passordet må ha minst 10 tegn."},
        {"ny.bruker", "Ola Nordmann", "KD", "langt-nok\npassord", "Passordet inneholder kontrolltegn"},
        {"admin", "Ola Nordmann", "KD", "langt-nok-passord", "Brukernavnet admin er allerede i bruk."},
    };
    Viewer admin = viewer_of(f, "admin");
    int64_t accounts = q_int(f->db, "SELECT count(*) FROM account", NULL), audits = audit_count(f, NULL);
    for (size_t i = 0; i < COUNT(cases); i++) {
        UserInput in = {.username = cases[i].username, .full_name = cases[i].full_name,
                        .ministry_code = cases[i].ministry, .active = true};
        int64_t id = 0;
        Err e = {0};
        int rc = user_create(f->db, &admin, "10.6.0.1", &in, cases[i].password, &id, &e);
        int want = i + 1 == COUNT(cases) ? E_CONFLICT : E_INVALID;
        if (rc != want || !strstr(e.msg, cases[i].msg)) {
            fail_msg("case %zu: %d \"%s\", want %d \"%s\"", i, rc, e.msg, want, cases[i].msg);
        }
        assert_int_equal(q_int(f->db, "SELECT count(*) FROM account", NULL), accounts);
    }
    assert_int_equal(audit_count(f, NULL), audits);
    assert_false(db_in_tx(f->db));

    /* The limit itself is allowed. */
    UserInput ok = {.username = "ny.bruker", .full_name = name200, .ministry_code = "kd", .active = true};
    int64_t id;
    Err e = {0};
    assert_int_equal(user_create(f->db, &admin, "10.6.0.1", &ok, "langt-nok-passord", &id, &e), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM account", NULL), accounts + 1);

    int64_t grants = q_int(f->db, "SELECT count(*) FROM role_grant", NULL);
    assert_int_equal(user_grant_role(f->db, &admin, "10.6.0.1", id, "king", NULL, &e), E_INVALID);
    assert_true(str_has_prefix(e.msg, "Ukjent rolle"));
    assert_int_equal(user_grant_role(f->db, &admin, "10.6.0.1", id, "case_officer", "XYZ", &e), E_INVALID);
    assert_string_equal(e.msg, "Ukjent departement: XYZ.");
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM role_grant", NULL), grants);
}

static void security_grades_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
    } cases[] = {
        {"BEGRENSET", false},
        {"Dette er HEMMELIG", false},
        {"Konfidensielt (sikkerhetsgrad)", false},
        {"STRENGT HEMMELIG: plan", false},
        {"Notat (KONFIDENSIELT).", false},
        {"begrenset tid", true},
        {"hemmeligheten", true},
        {"Tiltaket har begrenset omfang og er ikke hemmelig.", true},
        {"HEMMELIGHETEN bak BEGRENSETHET", true},
        {"Forretningshemmeligheter i konfidensielle avtaler", true},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        Err e = {0};
        int rc = content_check_text(cases[i].text, 300, false, "Tittelen", &e);
        if ((rc == 0) != cases[i].ok) {
            fail_msg("\"%s\": %d \"%s\", want %s", cases[i].text, rc, e.msg, cases[i].ok ? "accepted" : "refused");
        }
        if (!cases[i].ok) {
            assert_int_equal(rc, E_INVALID);
            assert_true(str_has_prefix(e.msg, "Tittelen er merket med sikkerhetsgrad"));
        }
    }
}

static void measure_public_title_with_grade_is_refused(void **state)
{
    Fixture *f = *state;
    Viewer sek = viewer_of(f, "sekretariat");
    static const char q[] = "SELECT visibility || '|' || ifnull(exemption_basis, '-') || '|' || "
                            "ifnull(public_title, '-') FROM measure WHERE id = CAST(?1 AS INTEGER)";
    char before[512], after[512];
    q_text(f->db, q, "12", before, sizeof before);
    int64_t audits = audit_count(f, NULL);
    Err e = {0};
    assert_int_equal(measure_set_access(f->db, &sek, "10.7.0.1", 12, "internal", "offl-14",
                                        "Omorganisering KONFIDENSIELT", &e), E_INVALID);
    assert_non_null(strstr(e.msg, "Offentlig tittel er merket med sikkerhetsgrad (KONFIDENSIELT)"));
    q_text(f->db, q, "12", after, sizeof after);
    assert_string_equal(after, before);
    assert_int_equal(audit_count(f, NULL), audits);
    assert_false(db_in_tx(f->db));

    assert_int_equal(measure_set_access(f->db, &sek, "10.7.0.1", 12, "internal", "offl-14", "Omorganisering", &e), 0);
    q_text(f->db, q, "12", after, sizeof after);
    assert_string_equal(after, "internal|offl-14|Omorganisering");
}

static void api_user_create_refuses_bad_input(void **state)
{
    Fixture *f = *state;
    Viewer admin = viewer_of(f, "admin");
    admin.via_token = true;
    static const struct {
        const char *body, *msg;
    } cases[] = {
        {"{\"username\":\"Ugyldig Navn\",\"full_name\":\"Ugyldig Navn\",\"password\":\"langt-nok-passord\"}",
         "Brukernavnet kan bare ha små bokstaver"},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny\",\"ministry\":\"XYZ\"}", "Ukjent departement"},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny\",\"password\":\"kort\"}", "Passordet må ha minst 10 tegn."},
        {"{\"username\": \"ny.bruker\", ", NULL},
        {"[\"ny.bruker\"]", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":7}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":[\"king\"]}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":[\"case_officer\",\"king\"]}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":\"admin\"}", NULL},
    };
    int64_t accounts = q_int(f->db, "SELECT count(*) FROM account", NULL), audits = audit_count(f, NULL);
    for (size_t i = 0; i < COUNT(cases); i++) {
        Req *r = run(f, "POST", "/api/v1/users", cases[i].body, "application/json", NULL, &admin);
        if (r->status != 400) {
            fail_msg("case %zu: status %d, want 400: %.200s", i, r->status, buf_str(&r->body));
        }
        assert_json_error(r, "invalid", cases[i].msg);
        assert_int_equal(q_int(f->db, "SELECT count(*) FROM account", NULL), accounts);
    }
    assert_int_equal(audit_count(f, NULL), audits);
    assert_int_equal(user_id(f, "ny.bruker"), -1);

    Req *r = run(f, "POST", "/api/v1/users",
                 "{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"ministry\":\"KD\","
                 "\"password\":\"langt-nok-passord\",\"roles\":[\"case_officer\"]}",
                 "application/json", NULL, &admin);
    assert_int_equal(r->status, 201);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.user_id "
                                  "WHERE a.username = ?1 AND g.role = 'case_officer'", "ny.bruker"), 1);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    setenv("SAMLA_THROTTLE_BASE_MS", "200", 1);
    web_init();
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(login_with_right_password),
        T(wrong_password_and_unknown_user_look_the_same),
        T(disabled_user_cannot_sign_in),
        T(only_hashes_are_stored),
        T(session_gives_the_right_viewer),
        T(case_officer_reports_for_own_ministry_only),
        T(idle_and_old_sessions_are_refused),
        T(logout_ends_the_session),
        T(account_is_throttled_and_recovers),
        T(client_address_is_throttled),
        T(api_tokens),
        T(logout_needs_csrf_and_our_origin),
        T(anonymous_login_needs_double_submit),
        T(bearer_token_needs_no_csrf),
        T(bad_user_input_writes_nothing),
        T(security_grades_are_refused),
        T(measure_public_title_with_grade_is_refused),
        T(api_user_create_refuses_bad_input),
    };
#undef T
    return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
