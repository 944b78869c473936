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
