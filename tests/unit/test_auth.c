/* test_auth.c: passwords, sessions, throttling, API tokens, CSRF and input
 * checks (src/app/auth.c, src/web/session.c), through the model and through
 * web_handle.  Each test gets a fresh in-memory database with the demo
 * users; f->va holds viewers for the whole test, f->arena one request's
 * allocations (freed by the next request or the teardown, so ASan's leak
 * checker covers the pipeline too). */
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

#include "app/identity/identity.h"
#include "app/core/content.h"
#include "app/demo/demo.h"
#include "app/measure/measure.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

#define HOST "samla.test"
#define ORIGIN "http://" HOST
#define FORM "application/x-www-form-urlencoded"
#define GENERIC "Feil brukernavn eller passord."

typedef struct Fixture {
    Db *db;
    Arena arena, va;   /* the current request's; the test's viewers */
    Req r;
    int route;
} Fixture;

typedef struct Hdrs {   /* request headers; NULL: absent */
    const char *host, *origin, *referer, *cookie, *authz;
} Hdrs;

static const char *hget(void *ctx, const char *name)
{
    const Hdrs *h = ctx;
    const char *const names[] = {"Host", "Origin", "Referer", "Cookie", "Authorization"};
    const char *const values[] = {h->host, h->origin, h->referer, h->cookie, h->authz};
    for (size_t i = 0; i < COUNT(names); i++) {
        if (strcasecmp(name, names[i]) == 0) {
            return values[i];
        }
    }
    return NULL;
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

/* run: one request from 192.0.2.10 as viewer as (NULL: from the headers). */
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

/* q_int / q_str: the first column of sql's first row, ?1 bound to arg
 * (NULL: NULL); -1 / "" when there is no row. */
static int64_t q_int(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    assert_non_null(s);
    db_bind_text(s, 1, arg);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

static const char *q_str(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    assert_non_null(s);
    db_bind_text(s, 1, arg);
    const char *v = db_step(s) == DB_ROW ? arena_strdup(&f->va, db_col_text(s, 0)) : "";
    db_done(s);
    return v;
}

#define user_id(f, name) q_int(f, "SELECT id FROM account WHERE username = ?1", name)
#define ministry_id(f, code) q_int(f, "SELECT id FROM ministry WHERE code = ?1 AND valid_to IS NULL", code)
#define audit_count(f, action) q_int(f, "SELECT count(*) FROM audit WHERE ?1 IS NULL OR action = ?1", action)
#define sessions(f) q_int(f, "SELECT count(*) FROM session", NULL)
#define accounts(f) q_int(f, "SELECT count(*) FROM account", NULL)

static bool is_b64url(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!s[i] || !strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", s[i])) {
            return false;
        }
    }
    return strlen(s) == n;
}

/* login: auth_login with e cleared; token may be NULL. */
static int login(Fixture *f, const char *user, const char *pw, const char *client, char *token, int64_t *wait,
                 Err *e)
{
    char tmp[AUTH_TOKEN_CHARS + 1];
    memset(e, 0, sizeof *e);
    return auth_login(f->db, user, pw, client, token ? token : tmp, wait, e);
}

static void login_ok(Fixture *f, const char *user, const char *client, char token[AUTH_TOKEN_CHARS + 1])
{
    int64_t wait = -1;
    Err e;
    if (login(f, user, DEMO_PASSWORD, client, token, &wait, &e) || wait != 0) {
        fail_msg("auth_login %s: %s", user, e.msg);
    }
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

/* sha256_hex: lower-case hex SHA-256 of s, in the test's arena. */
static const char *sha256_hex(Fixture *f, const char *s)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char *out = arena_alloc(&f->va, 65);
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    return sodium_bin2hex(out, 65, h, sizeof h);
}

/* ---- 1. passwords ---------------------------------------------------------- */

/* The right password signs in; only hashes of password and cookie are stored. */
static void login_stores_only_hashes(void **state)
{
    Fixture *f = *state;
    const char *hash = q_str(f, "SELECT password_hash FROM account WHERE username = ?1", "sb.bfd");
    assert_true(str_has_prefix(hash, "$argon2id$"));
    assert_int_equal(crypto_pwhash_str_verify(hash, DEMO_PASSWORD, strlen(DEMO_PASSWORD)), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM account WHERE password_hash NOT LIKE '$argon2id$%'", NULL), 0);

    char token[AUTH_TOKEN_CHARS + 1];
    login_ok(f, "sb.bfd", "10.0.0.4", token);
    assert_true(is_b64url(token, AUTH_TOKEN_CHARS));
    assert_int_equal(audit_count(f, "login"), 1);
    assert_int_equal(q_int(f, "SELECT length(token_hash) FROM session WHERE typeof(token_hash) = 'blob'", NULL), 32);
    assert_string_equal(q_str(f, "SELECT lower(hex(token_hash)) FROM session", NULL), sha256_hex(f, token));
    assert_int_equal(q_int(f, "SELECT count(*) FROM session WHERE instr(csrf, ?1) OR instr(client, ?1) "
                              "OR instr(CAST(token_hash AS TEXT), ?1)", token), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE instr(summary, ?1) OR instr(object_id, ?1)", token),
                     0);
}

static void wrong_password_and_unknown_user_look_the_same(void **state)
{
    Fixture *f = *state;
    static const char *const cases[][2] = {{"sekretariat", "feil-passord"}, {"sekretariat", ""},
                                           {"ingen.slik", DEMO_PASSWORD},   {"", ""},
                                           {"SEKRETARIAT", DEMO_PASSWORD}};
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1] = "x";
        int64_t wait = -1;
        Err e;
        assert_int_equal(login(f, cases[i][0], cases[i][1], "10.0.0.2", token, &wait, &e), E_FORBIDDEN);
        assert_string_equal(e.msg, GENERIC);
        assert_string_equal(token, "");
        assert_int_equal(wait, 0);
    }
    assert_int_equal(sessions(f), 0);
    assert_int_equal(audit_count(f, "login_failed"), (int64_t)COUNT(cases));
}

static void disabled_user_cannot_sign_in(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 1], api[AUTH_TOKEN_CHARS + 8];
    login_ok(f, "sb.kd", "10.0.0.3", token);
    int64_t id = user_id(f, "sb.kd"), tid, wait;
    Viewer admin = viewer_of(f, "admin"), v;
    Err e = {0};
    assert_int_equal(token_create(f->db, &admin, "10.0.0.9", id, "CI", false, api, &tid, &e), 0);
    UserInput in = {.full_name = "Kari Knutsen", .ministry_code = "KD", .active = false};
    assert_int_equal(user_update(f->db, &admin, "10.0.0.9", id, &in, &e), 0);
    assert_int_equal(sessions(f), 0);
    assert_int_equal(auth_session(f->db, &f->va, token, &v, &e), E_NOTFOUND);
    assert_int_equal(auth_token(f->db, &f->va, api, &v, &e), E_NOTFOUND);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.0.0.3", NULL, &wait, &e), E_FORBIDDEN);
    assert_string_equal(e.msg, GENERIC);
    assert_int_equal(audit_count(f, "user.disable"), 1);
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
        assert_true(v.session_id > 0 && is_b64url(v.csrf, AUTH_TOKEN_CHARS) && !v.via_token && !v.read_only);
        /* Reporting is scoped to the case officer's own ministry. */
        assert_int_equal(perm_can_report_for(&v, ministry_id(f, "KD")), str_eq(cases[i].user, "sb.kd"));
        assert_false(perm_can_report_for(&v, ministry_id(f, "BFD")));
    }
}

static void idle_old_and_ended_sessions_are_refused(void **state)
{
    Fixture *f = *state;
    int64_t now = (int64_t)time(NULL);
    static const struct {
        int64_t created_ago, seen_ago;
        bool ok;
    } cases[] = {
        {3600, AUTH_IDLE_SECONDS + 1, false}, {3600, AUTH_IDLE_SECONDS - 30, true},
        {AUTH_MAX_AGE_SECONDS + 1, 0, false}, {AUTH_MAX_AGE_SECONDS - 30, 0, true},
    };
    char token[AUTH_TOKEN_CHARS + 1];
    Viewer v;
    Err e = {0};
    for (size_t i = 0; i < COUNT(cases); i++) {
        login_ok(f, "ansatt.hod", "10.0.2.1", token);
        Stmt *s = db_prepare(f->db, "UPDATE session SET created_at = ?2, last_seen = ?3 WHERE id = ?1");
        db_bind_int(s, 1, session_viewer(f, token).session_id);
        db_bind_int(s, 2, now - cases[i].created_ago);
        db_bind_int(s, 3, now - cases[i].seen_ago);
        assert_int_equal(db_step(s), DB_DONE);
        db_done(s);
        int rc = auth_session(f->db, &f->va, token, &v, &e);
        if (rc != (cases[i].ok ? 0 : E_NOTFOUND)) {
            fail_msg("case %zu: auth_session %d, want %s", i, rc, cases[i].ok ? "accepted" : "refused");
        }
    }
    assert_int_equal(auth_session(f->db, &f->va, "short", &v, &e), E_NOTFOUND);
    /* Signing out ends the (last, valid) session. */
    v = session_viewer(f, token);
    int64_t before = sessions(f);
    assert_int_equal(auth_logout(f->db, &v, "10.0.2.1", &e), 0);
    assert_int_equal(sessions(f), before - 1);
    assert_int_equal(auth_session(f->db, &f->va, token, &v, &e), E_NOTFOUND);
    assert_int_equal(audit_count(f, "logout"), 1);
}

/* ---- 3. throttling ----------------------------------------------------------- */

/* pin_failures: date every recorded failure to now.  A failure is dated
 * when its attempt starts, before the argon2 check, which on a loaded
 * machine under ASan can outlast the 200 ms base; pinning keeps "the
 * next attempt comes right after the fifth failure" true. */
static void pin_failures(Fixture *f)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    Stmt *s = db_prepare(f->db, "UPDATE login_failure SET at = ?1");
    db_bind_int(s, 1, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);
}

static void account_is_throttled_and_recovers(void **state)
{
    Fixture *f = *state;
    int64_t wait = -1;
    Err e;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(login(f, "sb.kd", "feil-passord", "10.1.0.1", NULL, &wait, &e), E_FORBIDDEN);
        assert_string_equal(e.msg, GENERIC);
    }
    char token[AUTH_TOKEN_CHARS + 1] = "x", want[64];
    pin_failures(f);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.1.0.1", token, &wait, &e), E_CONFLICT);
    assert_string_equal(token, "");
    assert_true(wait > 0 && wait <= 200);
    snprintf(want, sizeof want, "Vent %lld sekund", (long long)((wait + 999) / 1000));
    if (!strstr(e.msg, want)) {
        fail_msg("throttle message \"%s\" does not say \"%s…\"", e.msg, want);
    }
    assert_int_equal(sessions(f), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM login_failure WHERE key = ?1", "user:sb.kd"), 5);

    usleep((useconds_t)(wait + 50) * 1000);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.1.0.1", NULL, &wait, &e), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM login_failure WHERE key = ?1", "user:sb.kd"), 0);
    /* Cleared: from another address one more failure does not throttle. */
    assert_int_equal(login(f, "sb.kd", "feil-passord", "10.1.0.2", NULL, &wait, &e), E_FORBIDDEN);
    assert_int_equal(login(f, "sb.kd", DEMO_PASSWORD, "10.1.0.2", NULL, &wait, &e), 0);

    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE action = 'login_failed' AND actor = ?1", "sb.kd"), 6);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE action = 'login_throttled' AND actor = ?1", "sb.kd"),
                     1);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE action = 'login' AND actor = ?1", "sb.kd"), 2);
}

/* A flood of attempts while throttled is counted, not logged one by one:
 * 5,000 attempts from one address with changing user names add one audit
 * row per throttling window, with the count. */
static void throttled_flood_is_counted_not_logged(void **state)
{
    Fixture *f = *state;
    int64_t wait = -1;
    Err e;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(login(f, "sb.kd", "feil-passord", "10.3.0.1", NULL, &wait, &e), E_FORBIDDEN);
    }
    /* Fifteen more failures make the wait the longest there is (15 min),
     * so the flood below stays throttled however slow the machine is. */
    assert_int_equal(db_exec(f->db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 15) "
                                    "INSERT INTO login_failure (key, at) SELECT 'addr:10.3.0.1', 0 FROM k", NULL), 0);
    pin_failures(f);
    int64_t before = q_int(f, "SELECT count(*) FROM audit", NULL);
    for (int i = 0; i < 5000; i++) {
        char user[32];
        snprintf(user, sizeof user, "angriper%d", i);
        assert_int_equal(login(f, user, "feil-passord", "10.3.0.1", NULL, &wait, &e), E_CONFLICT);
    }
    int64_t added = q_int(f, "SELECT count(*) FROM audit", NULL) - before;
    assert_true(added >= 1 && added <= 3);
    assert_int_equal(q_int(f, "SELECT count(*) FROM login_throttle WHERE key = ?1", "addr:10.3.0.1"), 1);
    assert_int_equal(q_int(f, "SELECT count FROM login_throttle WHERE key = ?1", "addr:10.3.0.1"), 4999);
    assert_int_equal(q_int(f, "SELECT count(*) FROM login_failure WHERE key LIKE 'user:angriper%' AND ?1 IS NULL",
                           NULL), 0);
}

static void client_address_is_throttled(void **state)
{
    Fixture *f = *state;
    static const char *const users[] = {"admin", "sekretariat", "ingen.slik", "sb.kd", "sb.bfd"};
    int64_t wait = -1;
    Err e;
    for (size_t i = 0; i < COUNT(users); i++) {
        assert_int_equal(login(f, users[i], "feil-passord", "10.2.0.1", NULL, &wait, &e), E_FORBIDDEN);
    }
    /* A sixth account, never tried before, with its right password. */
    pin_failures(f);
    assert_int_equal(login(f, "ansatt.hod", DEMO_PASSWORD, "10.2.0.1", NULL, &wait, &e), E_CONFLICT);
    assert_true(wait > 0);
    assert_non_null(strstr(e.msg, "Vent "));
    /* The account itself is not throttled: from elsewhere it signs in. */
    assert_int_equal(login(f, "ansatt.hod", DEMO_PASSWORD, "10.2.0.2", NULL, &wait, &e), 0);
    assert_int_equal(audit_count(f, "login_throttled"), 1);
    assert_int_equal(audit_count(f, "login_failed"), 5);
    assert_int_equal(audit_count(f, "login"), 1);
}

/* ---- 4. API tokens ------------------------------------------------------------ */

static void api_tokens(void **state)
{
    Fixture *f = *state;
    Viewer kd = viewer_of(f, "sb.kd"), other = viewer_of(f, "ansatt.hod"), v;
    char tok[AUTH_TOKEN_CHARS + 8], ro[AUTH_TOKEN_CHARS + 8];
    int64_t id, ro_id;
    Err e = {0};
    assert_int_equal(token_create(f->db, &kd, "10.3.0.1", kd.user_id, "CI", false, tok, &id, &e), 0);
    assert_true(str_has_prefix(tok, "samla_") && is_b64url(tok + 6, AUTH_TOKEN_CHARS));
    assert_int_equal(token_create(f->db, &kd, "10.3.0.1", kd.user_id, "Les", true, ro, &ro_id, &e), 0);
    assert_string_not_equal(tok, ro);

    assert_int_equal(auth_token(f->db, &f->va, tok, &v, &e), 0);
    assert_string_equal(v.username, "sb.kd");
    assert_true(v.via_token && !v.read_only && v.session_id == 0);
    assert_true(perm_can_report_for(&v, ministry_id(f, "KD")));
    assert_int_equal(auth_token(f->db, &f->va, ro, &v, &e), 0);
    assert_true(v.via_token && v.read_only);
    assert_false(perm_can_report_for(&v, ministry_id(f, "KD")));

    /* Only the SHA-256 of the whole token is stored. */
    assert_string_equal(q_str(f, "SELECT lower(hex(token_hash)) FROM api_token WHERE name = ?1", "CI"),
                        sha256_hex(f, tok));
    assert_int_equal(q_int(f, "SELECT count(*) FROM api_token WHERE instr(name, ?1) OR "
                              "instr(CAST(token_hash AS TEXT), ?1)", tok + 6), 0);

    /* Another employee can neither revoke it nor make tokens for its owner. */
    assert_int_equal(token_revoke(f->db, &other, "10.3.0.2", id, &e), E_NOTFOUND);
    assert_int_equal(token_create(f->db, &other, "10.3.0.2", kd.user_id, "x", false, ro, &ro_id, &e), E_FORBIDDEN);
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
        int csrf, status;
    } cases[] = {
        {ORIGIN, NULL, NONE, 403},
        {ORIGIN, NULL, WRONG, 403},
        {"http://evil.example", NULL, RIGHT, 403},
        {"https://" HOST, NULL, RIGHT, 403},                 /* not our scheme */
        {ORIGIN ".evil.example", NULL, RIGHT, 403},          /* our host as a prefix */
        {"http://evil.example", ORIGIN "/account", RIGHT, 403}, /* Origin wins over Referer */
        {NULL, "http://evil.example/?" ORIGIN, RIGHT, 403},
        {NULL, NULL, RIGHT, 403},
        {ORIGIN, NULL, RIGHT, 303},
        {NULL, ORIGIN "/account", RIGHT, 303},
        {NULL, ORIGIN, RIGHT, 303},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char token[AUTH_TOKEN_CHARS + 1], cookie[128], body[128];
        login_ok(f, "sb.bfd", "10.4.0.1", token);
        Viewer v = session_viewer(f, token);
        snprintf(cookie, sizeof cookie, "samla_csrf=zzz; samla_session=%s", token);
        snprintf(body, sizeof body, "csrf=%s", cases[i].csrf == NONE ? "" : v.csrf);
        if (cases[i].csrf == WRONG) {
            body[5] = body[5] == 'A' ? 'B' : 'A';
        }
        Hdrs h = {.host = HOST, .origin = cases[i].origin, .referer = cases[i].referer, .cookie = cookie};
        Req *r = run(f, "POST", "/logout", cases[i].csrf == NONE ? "x=1" : body, FORM, &h, NULL);
        if (r->status != cases[i].status) {
            fail_msg("case %zu (Origin %s, Referer %s): status %d, want %d", i, cases[i].origin, cases[i].referer,
                     r->status, cases[i].status);
        }
        Stmt *s = db_prepare(f->db, "SELECT count(*) FROM session WHERE id = ?1");
        db_bind_int(s, 1, v.session_id);
        int64_t left = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
        db_done(s);
        assert_int_equal(left, r->status == 303 ? 0 : 1);
        assert_true(r->status == 303 ? str_eq(header(r, "Location"), "/")
                                     : strstr(buf_str(&r->body), "Skjemaet var utløpt") != NULL);
    }
    assert_int_equal(audit_count(f, "logout"), 3);
}

static void anonymous_login_needs_double_submit(void **state)
{
    Fixture *f = *state;
    Req *r = run(f, "GET", "/login", NULL, NULL, &(Hdrs){.host = HOST}, NULL);
    assert_int_equal(r->status, 200);
    const char *set = header(r, "Set-Cookie");
    assert_true(set && str_has_prefix(set, "samla_csrf="));
    char csrf[64], cookie[96], with[160], other[160];
    snprintf(csrf, sizeof csrf, "%.*s", (int)strcspn(set + 11, ";"), set + 11);
    assert_true(is_b64url(csrf, AUTH_TOKEN_CHARS));
    assert_non_null(strstr(buf_str(&r->body), csrf));   /* the hidden field */
    snprintf(cookie, sizeof cookie, "samla_csrf=%s", csrf);
    snprintf(with, sizeof with, "username=sb.kd&password=" DEMO_PASSWORD "&next=%%2Faccount&csrf=%s", csrf);
    snprintf(other, sizeof other, "username=sb.kd&password=" DEMO_PASSWORD "&csrf=%.42s%c", csrf,
             csrf[42] == 'A' ? 'B' : 'A');
    const struct {
        const char *body, *cookie, *origin;
    } refused[] = {
        {"username=sb.kd&password=" DEMO_PASSWORD, cookie, ORIGIN},   /* no field */
        {with, NULL, ORIGIN},                                         /* no cookie */
        {other, cookie, ORIGIN},                                      /* field and cookie differ */
        {with, cookie, "http://evil.example"},
        {with, cookie, NULL},
    };
    for (size_t i = 0; i < COUNT(refused); i++) {
        Hdrs h = {.host = HOST, .origin = refused[i].origin, .cookie = refused[i].cookie};
        r = run(f, "POST", "/login", refused[i].body, FORM, &h, NULL);
        if (r->status != 403 || header(r, "Location")) {
            fail_msg("refused case %zu: status %d, want 403", i, r->status);
        }
    }
    assert_int_equal(sessions(f), 0);
    assert_int_equal(audit_count(f, "login") + audit_count(f, "login_failed"), 0);

    r = run(f, "POST", "/login", with, FORM, &(Hdrs){.host = HOST, .origin = ORIGIN, .cookie = cookie}, NULL);
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), "/account");
    assert_true(str_has_prefix(header(r, "Set-Cookie"), "samla_session="));
    assert_int_equal(sessions(f), 1);
}

static json_t *json_body(const Req *r)
{
    assert_true(r->content_type && str_has_prefix(r->content_type, "application/json"));
    json_t *v = json_loadb(r->body.data, r->body.len, 0, NULL);
    if (!v) {
        fail_msg("response is not JSON: %.200s", buf_str(&r->body));
    }
    return v;
}

/* assert_json_error: r is a JSON error with code, its message containing
 * want (NULL: any). */
static void assert_json_error(const Req *r, const char *code, const char *want)
{
    json_t *v = json_body(r);
    json_t *err = json_object_get(v, "error");
    const char *c = json_string_value(json_object_get(err, "code"));
    const char *m = json_string_value(json_object_get(err, "message"));
    bool ok = c && m && str_eq(c, code) && (!want || strstr(m, want));
    json_decref(v);
    if (!ok) {
        fail_msg("want error %s (\"%s\"), got %.300s", code, want ? want : "", buf_str(&r->body));
    }
}

static void bearer_token_needs_no_csrf(void **state)
{
    Fixture *f = *state;
    Viewer kd = viewer_of(f, "sb.kd");
    char tok[AUTH_TOKEN_CHARS + 8], ro[AUTH_TOKEN_CHARS + 8], authz[80], token[AUTH_TOKEN_CHARS + 1], cookie[96];
    int64_t id;
    Err e = {0};
    assert_int_equal(token_create(f->db, &kd, "10.5.0.1", kd.user_id, "CI", false, tok, &id, &e), 0);
    assert_int_equal(token_create(f->db, &kd, "10.5.0.1", kd.user_id, "Les", true, ro, &id, &e), 0);
    static const char body[] = "{\"name\":\"Fra API\"}", json[] = "application/json";

    snprintf(authz, sizeof authz, "Bearer %s", tok);
    Req *r = run(f, "POST", "/api/v1/tokens", body, json, &(Hdrs){.host = HOST, .authz = authz}, NULL);
    assert_int_equal(r->status, 201);
    json_t *v = json_body(r);
    const char *made = json_string_value(json_object_get(v, "token"));
    bool made_ok = made && str_has_prefix(made, "samla_") && is_b64url(made + 6, AUTH_TOKEN_CHARS);
    json_decref(v);
    assert_true(made_ok);
    assert_int_equal(q_int(f, "SELECT count(*) FROM api_token", NULL), 3);

    snprintf(authz, sizeof authz, "Bearer samla_%043d", 7);
    r = run(f, "POST", "/api/v1/tokens", body, json, &(Hdrs){.host = HOST, .authz = authz}, NULL);
    assert_int_equal(r->status, 401);
    assert_json_error(r, "unauthenticated", NULL);
    assert_string_equal(header(r, "WWW-Authenticate"), "Bearer");

    snprintf(authz, sizeof authz, "Bearer %s", ro);   /* read-only: no writes */
    r = run(f, "POST", "/api/v1/tokens", body, json, &(Hdrs){.host = HOST, .authz = authz}, NULL);
    assert_int_equal(r->status, 403);
    assert_json_error(r, "forbidden", NULL);

    /* A session cookie on the API still needs the form token. */
    login_ok(f, "sb.kd", "10.5.0.1", token);
    snprintf(cookie, sizeof cookie, "samla_session=%s", token);
    r = run(f, "POST", "/api/v1/tokens", body, json, &(Hdrs){.host = HOST, .origin = ORIGIN, .cookie = cookie}, NULL);
    assert_int_equal(r->status, 403);
    assert_json_error(r, "forbidden", NULL);
    assert_int_equal(q_int(f, "SELECT count(*) FROM api_token", NULL), 3);
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
    const char *pw = "langt-nok-passord";
    const struct {
        const char *username, *full_name, *ministry, *password, *msg;
    } cases[] = {
        {"ny.bruker", name201, "KD", pw, "Navnet er for lang: 201 tegn, høyst 200 er tillatt."},
        {"ny.bruker", "Ola \xC3\x28", "KD", pw, "Navnet inneholder tegn som ikke er gyldig UTF-8."},
        {"ny.bruker", "Ola\x01Nordmann", "KD", pw, "Navnet inneholder kontrolltegn"},
        {"ny.bruker", "", "KD", pw, "Navn må fylles ut."},
        {"ny.bruker", "HEMMELIG agent", "KD", pw, "sikkerhetsgrad (HEMMELIG)"},
        {"Ola", "Ola Nordmann", "KD", pw, "Brukernavnet kan bare ha små bokstaver"},
        {"ola nordmann", "Ola Nordmann", "KD", pw, "Brukernavnet kan bare ha små bokstaver"},
        {"o", "Ola Nordmann", "KD", pw, "Brukernavnet må ha 2–64 tegn."},
        {"ny.bruker", "Ola Nordmann", "XYZ", pw, "Ukjent departement: XYZ."},
        {"ny.bruker", "Ola Nordmann", "KD", "kort-pass", "Passordet må ha minst 10 tegn."},
        {"ny.bruker", "Ola Nordmann", "KD", "langt-nok\npassord", "Passordet inneholder kontrolltegn"},
    };
    Viewer admin = viewer_of(f, "admin");
    int64_t n_accounts = accounts(f), n_audit = audit_count(f, NULL), id;
    Err e;
    for (size_t i = 0; i < COUNT(cases); i++) {
        UserInput in = {.username = cases[i].username, .full_name = cases[i].full_name,
                        .ministry_code = cases[i].ministry, .active = true};
        memset(&e, 0, sizeof e);
        int rc = user_create(f->db, &admin, "10.6.0.1", &in, cases[i].password, &id, &e);
        if (rc != E_INVALID || !strstr(e.msg, cases[i].msg)) {
            fail_msg("case %zu: %d \"%s\", want E_INVALID \"%s\"", i, rc, e.msg, cases[i].msg);
        }
        assert_int_equal(accounts(f), n_accounts);
    }
    assert_int_equal(audit_count(f, NULL), n_audit);
    assert_false(db_in_tx(f->db));

    /* The limit itself is allowed. */
    UserInput ok = {.username = "ny.bruker", .full_name = name200, .ministry_code = "kd", .active = true};
    assert_int_equal(user_create(f->db, &admin, "10.6.0.1", &ok, pw, &id, &e), 0);
    assert_int_equal(accounts(f), n_accounts + 1);

    int64_t grants = q_int(f, "SELECT count(*) FROM role_grant", NULL);
    assert_int_equal(user_grant_role(f->db, &admin, "10.6.0.1", id, "king", NULL, &e), E_INVALID);
    assert_true(str_has_prefix(e.msg, "Ukjent rolle"));
    assert_int_equal(user_grant_role(f->db, &admin, "10.6.0.1", id, "case_officer", "XYZ", &e), E_INVALID);
    assert_string_equal(e.msg, "Ukjent departement: XYZ.");
    assert_int_equal(q_int(f, "SELECT count(*) FROM role_grant", NULL), grants);
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
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        Err e = {0};
        int rc = content_check_text(cases[i].text, 300, false, "Tittelen", &e);
        bool ok = cases[i].ok ? rc == 0
                              : rc == E_INVALID && str_has_prefix(e.msg, "Tittelen er merket med sikkerhetsgrad");
        if (!ok) {
            fail_msg("\"%s\": %d \"%s\", want %s", cases[i].text, rc, e.msg, cases[i].ok ? "accepted" : "refused");
        }
    }
}

static void measure_public_title_with_grade_is_refused(void **state)
{
    Fixture *f = *state;
    Viewer sek = viewer_of(f, "sekretariat");
    static const char q[] = "SELECT visibility || '|' || ifnull(exemption_basis, '-') || '|' || "
                            "ifnull(public_title, '-') FROM record WHERE id = CAST(?1 AS INTEGER)";
    const char *before = q_str(f, q, "12");
    int64_t n_audit = audit_count(f, NULL);
    Err e = {0};
    assert_int_equal(measure_set_access(f->db, &sek, "10.7.0.1", 12, "internal", "offl-14",
                                        "Omorganisering KONFIDENSIELT", &e), E_INVALID);
    assert_non_null(strstr(e.msg, "Offentlig tittel er merket med sikkerhetsgrad (KONFIDENSIELT)"));
    assert_string_equal(q_str(f, q, "12"), before);
    assert_int_equal(audit_count(f, NULL), n_audit);
    assert_false(db_in_tx(f->db));
    /* The same change with a clean title goes through. */
    assert_int_equal(measure_set_access(f->db, &sek, "10.7.0.1", 12, "internal", "offl-14", "Omorganisering", &e), 0);
    assert_string_equal(q_str(f, q, "12"), "internal|offl-14|Omorganisering");
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
         "The username can only have lower-case letters"},   /* the API speaks English */
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny\",\"ministry\":\"XYZ\"}", "Unknown ministry"},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny\",\"password\":\"kort\"}",
         "The password must have at least 10 characters."},
        {"{\"username\": \"ny.bruker\", ", NULL},
        {"[\"ny.bruker\"]", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":7}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":[\"king\"]}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":[\"case_officer\",\"king\"]}", NULL},
        {"{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"roles\":\"admin\"}", NULL},
    };
    int64_t n_accounts = accounts(f), n_audit = audit_count(f, NULL);
    for (size_t i = 0; i < COUNT(cases); i++) {
        Req *r = run(f, "POST", "/api/v1/users", cases[i].body, "application/json", NULL, &admin);
        if (r->status != 400) {
            fail_msg("case %zu: status %d, want 400: %.200s", i, r->status, buf_str(&r->body));
        }
        assert_json_error(r, "invalid", cases[i].msg);
        assert_int_equal(accounts(f), n_accounts);
    }
    assert_int_equal(audit_count(f, NULL), n_audit);
    assert_int_equal(user_id(f, "ny.bruker"), -1);

    Req *r = run(f, "POST", "/api/v1/users",
                 "{\"username\":\"ny.bruker\",\"full_name\":\"Ny Bruker\",\"ministry\":\"KD\","
                 "\"password\":\"langt-nok-passord\",\"roles\":[\"case_officer\"]}",
                 "application/json", NULL, &admin);
    assert_int_equal(r->status, 201);
    assert_int_equal(q_int(f, "SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.user_id "
                              "WHERE a.username = ?1 AND g.role = 'case_officer'", "ny.bruker"), 1);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    setenv("SAMLA_THROTTLE_BASE_MS", "200", 1);
    web_init();
#define UT(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        UT(login_stores_only_hashes),
        UT(wrong_password_and_unknown_user_look_the_same),
        UT(disabled_user_cannot_sign_in),
        UT(session_gives_the_right_viewer),
        UT(idle_old_and_ended_sessions_are_refused),
        UT(account_is_throttled_and_recovers),
        UT(client_address_is_throttled),
        UT(throttled_flood_is_counted_not_logged),
        UT(api_tokens),
        UT(logout_needs_csrf_and_our_origin),
        UT(anonymous_login_needs_double_submit),
        UT(bearer_token_needs_no_csrf),
        UT(bad_user_input_writes_nothing),
        UT(security_grades_are_refused),
        UT(measure_public_title_with_grade_is_refused),
        UT(api_user_create_refuses_bad_input),
    };
#undef T
    return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
