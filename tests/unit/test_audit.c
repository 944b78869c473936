/* test_audit.c: the hash-chained audit log (src/app/audit.c) — the chain
 * verifies after real actions, the triggers keep it append-only, every
 * kind of tampering is found at the first broken row, and audit_list
 * checks access, filters and pages.
 *
 * Tampering needs the triggers dropped, so each tampering case gets its
 * own fresh in-memory database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "base/buf.h"
#include "base/util.h"
#include "db/migrate.h"

enum { ROWS = 10 };   /* rows in a plain fixture's log */

typedef struct Fixture {
    Db *db;
    Arena a;
} Fixture;

static Fixture g_fixture;

/* fresh: a migrated in-memory database, with the demo content or with
 * ROWS audit rows from assorted actors. */
static Db *fresh(bool demo)
{
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(db, NULL, &e) || (demo && demo_seed(db, &e))) {
        fail_msg("fresh database: %s", e.msg);
    }
    if (!demo) {
        Viewer v = {.user_id = 7, .username = "sb.kd"};
        for (int i = 1; i <= ROWS; i++) {
            char oid[16], sum[64];
            snprintf(oid, sizeof oid, "%d", i);
            snprintf(sum, sizeof sum, "row %d: æøå \"quoted\"\nnewline", i);
            const Viewer *who = i % 3 == 0 ? NULL : i % 3 == 1 ? &v : &g_anonymous;
            assert_int_equal(audit_append(db, who, i % 2 ? "10.0.0.1" : NULL, i % 2 ? "user.update" : "login", "user",
                                          oid, sum, &e), 0);
        }
    }
    return db;
}

static int setup_plain(void **state)
{
    memset(&g_fixture, 0, sizeof g_fixture);
    g_fixture.db = fresh(false);
    *state = &g_fixture;
    return 0;
}

static int setup_demo(void **state)
{
    memset(&g_fixture, 0, sizeof g_fixture);
    g_fixture.db = fresh(true);
    *state = &g_fixture;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->a);
    db_close(f->db);
    return 0;
}

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

static Viewer viewer_of(Fixture *f, const char *username)
{
    Viewer v;
    Err e = {0};
    int64_t id = q_int(f->db, "SELECT id FROM account WHERE username = ?1", username);
    if (auth_viewer(f->db, &f->a, id, &v, &e)) {
        fail_msg("auth_viewer %s: %s", username, e.msg);
    }
    return v;
}

static void assert_intact(Db *db)
{
    int64_t rows = -1, bad = -1;
    Err e = {0};
    int rc = audit_verify(db, &rows, &bad, &e);
    if (rc) {
        fail_msg("audit_verify: %d %s", rc, e.msg);
    }
    assert_int_equal(bad, 0);
    assert_int_equal(rows, q_int(db, "SELECT count(*) FROM audit", NULL));
    assert_int_equal(rows, q_int(db, "SELECT max(id) FROM audit", NULL));
}

/* ---- 1. the chain after real actions ---------------------------------------- */

static void chain_verifies_after_actions(void **state)
{
    Fixture *f = *state;
    assert_intact(f->db);
    char token[AUTH_TOKEN_CHARS + 1];
    int64_t wait;
    Err e = {0};
    assert_int_equal(auth_login(f->db, "admin", DEMO_PASSWORD, "10.0.0.1", token, &wait, &e), 0);
    assert_int_equal(auth_login(f->db, "sb.kd", "feil-passord", "10.0.0.2", token, &wait, &e), E_FORBIDDEN);
    assert_int_equal(auth_login(f->db, "sb.kd", DEMO_PASSWORD, "10.0.0.2", token, &wait, &e), 0);
    Viewer admin = viewer_of(f, "admin");
    int64_t kd = q_int(f->db, "SELECT id FROM account WHERE username = ?1", "sb.kd");
    assert_int_equal(user_grant_role(f->db, &admin, "10.0.0.1", kd, "secretariat", NULL, &e), 0);
    assert_intact(f->db);
    /* Chained: the first row links to zeros, every other to the one before. */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE id = 1 AND prev_hash = ?1",
                           "0000000000000000000000000000000000000000000000000000000000000000"), 1);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1 "
                                  "WHERE b.prev_hash <> a.hash OR length(a.hash) <> 64", NULL), 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE action IN ('login', 'login_failed', "
                                  "'user.role_grant') AND actor IN ('admin', 'sb.kd')", NULL), 4);
}

/* ---- 2. append-only --------------------------------------------------------------- */

static void triggers_refuse_update_and_delete(void **state)
{
    Fixture *f = *state;
    static const char *const sql[] = {
        "UPDATE audit SET summary = 'changed' WHERE id = 3",
        "UPDATE audit SET hash = prev_hash",
        "DELETE FROM audit WHERE id = 3",
        "DELETE FROM audit",
        /* REPLACE deletes the old row without firing delete triggers
         * (unless recursive_triggers is on): an update in disguise. */
        "REPLACE INTO audit (id, at, actor_id, actor, client, action, object_type, object_id, summary, prev_hash, "
        "hash) SELECT id, at, actor_id, actor, client, action, object_type, object_id, 'changed', prev_hash, hash "
        "FROM audit WHERE id = 3",
    };
    int refused = 0;
    for (size_t i = 0; i < COUNT(sql); i++) {
        Err e = {0};
        int rc = db_exec(f->db, sql[i], &e);
        if (rc == E_DB && strstr(e.msg, "append-only")) {
            refused++;
        } else {
            print_error("%s: %d \"%s\", want refused as append-only\n", sql[i], rc, e.msg);
        }
    }
    assert_int_equal(refused, COUNT(sql));
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit", NULL), ROWS);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE summary = 'changed'", NULL), 0);
    assert_intact(f->db);
}

/* ---- 3. tampering ----------------------------------------------------------------- */

static const struct {
    const char *what, *sql;
    bool append;   /* write one more row after tampering */
    int64_t bad;   /* first row audit_verify must name */
} g_tamper[] = {
    {"edit a summary", "UPDATE audit SET summary = 'nothing happened' WHERE id = 5", false, 5},
    {"edit the actor", "UPDATE audit SET actor = 'admin', actor_id = 1 WHERE id = 5", false, 5},
    {"edit the time", "UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE id = 5", false, 5},
    {"edit the first row", "UPDATE audit SET client = '127.0.0.1' WHERE id = 1", false, 1},
    {"edit the newest row", "UPDATE audit SET object_id = '99' WHERE id = 10", false, 10},
    {"edit the link", "UPDATE audit SET prev_hash = (SELECT hash FROM audit WHERE id = 3) WHERE id = 5", false, 5},
    {"delete in the middle", "DELETE FROM audit WHERE id = 5", false, 6},
    {"delete the first row", "DELETE FROM audit WHERE id = 1", false, 2},
    {"swap two rows", "UPDATE audit SET id = -1 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 7; "
                      "UPDATE audit SET id = 7 WHERE id = -1", false, 4},
    {"swap neighbours", "UPDATE audit SET id = -1 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = 6; "
                        "UPDATE audit SET id = 6 WHERE id = -1", false, 5},
    {"delete the newest row", "DELETE FROM audit WHERE id = 10", false, 10},
    {"delete the three newest", "DELETE FROM audit WHERE id > 7", false, 8},
    {"delete everything", "DELETE FROM audit", false, 1},
    {"delete the newest, then log on", "DELETE FROM audit WHERE id = 10", true, 11},
    {"edit and rehash one row", "UPDATE audit SET summary = 'nothing happened', hash = "
                                "'abababababababababababababababababababababababababababababababab' WHERE id = 5",
     false, 5},
};

static void tampering_is_found_at_the_first_broken_row(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(g_tamper); i++) {
        Db *db = fresh(false);
        Err e = {0};
        assert_int_equal(db_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete", &e), 0);
        assert_intact(db);
        if (db_exec(db, g_tamper[i].sql, &e) ||
            (g_tamper[i].append && audit_append(db, NULL, NULL, "login", "", "", "after", &e))) {
            db_close(db);
            fail_msg("%s: %s", g_tamper[i].what, e.msg);
        }
        int64_t rows = -1, bad = -1;
        char want_bad[24];
        snprintf(want_bad, sizeof want_bad, "%lld", (long long)g_tamper[i].bad);
        int64_t good = q_int(db, "SELECT count(*) FROM audit WHERE id < CAST(?1 AS INTEGER)", want_bad);
        memset(&e, 0, sizeof e);
        int rc = audit_verify(db, &rows, &bad, &e);
        db_close(db);
        char named[64], after[64];
        snprintf(named, sizeof named, "audit row %lld ", (long long)g_tamper[i].bad);
        snprintf(after, sizeof after, "audit rows after %lld ", (long long)g_tamper[i].bad - 1);
        if (rc != E_CONFLICT || bad != g_tamper[i].bad || (!strstr(e.msg, named) && !strstr(e.msg, after))) {
            fail_msg("%s: rc %d, bad_id %lld, \"%s\"; want E_CONFLICT at row %lld", g_tamper[i].what, rc,
                     (long long)bad, e.msg, (long long)g_tamper[i].bad);
        }
        assert_int_equal(rows, good);   /* the rows before it were good */
    }
}

/* row_hash: the row's hash as audit.c computes it (see its canonical form). */
static void row_hash(Stmt *s, const char *prev, char out[65])
{
    Buf b = {0};
    buf_printf(&b, "%s\n", prev);
    for (int c = 0; c < 9; c++) {
        const char *v = c == 2 && db_col_null(s, 2) ? "" : db_col_text(s, c);
        buf_printf(&b, "%zu:%s\n", strlen(v), v);
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
    sodium_bin2hex(out, 65, h, sizeof h);
    buf_free(&b);
}

/* An attacker who knows the canonical form can give an edited row a
 * matching hash; the next row's link still gives it away. */
static void recomputed_hash_is_found_at_the_next_row(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    assert_int_equal(db_exec(f->db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete", &e), 0);
    static const char cols[] = "SELECT id, at, actor_id, actor, client, action, object_type, object_id, summary, "
                               "prev_hash, hash FROM audit WHERE id = CAST(?1 AS INTEGER)";
    char h[65], prev[65];
    Stmt *s = db_prepare(f->db, cols);
    db_bind_text(s, 1, "4");
    assert_int_equal(db_step(s), DB_ROW);
    row_hash(s, db_col_text(s, 9), h);
    assert_string_equal(h, db_col_text(s, 10));   /* the test's canonical form is right */
    db_done(s);

    assert_int_equal(db_exec(f->db, "UPDATE audit SET summary = 'nothing happened' WHERE id = 5", &e), 0);
    s = db_prepare(f->db, cols);
    db_bind_text(s, 1, "5");
    assert_int_equal(db_step(s), DB_ROW);
    snprintf(prev, sizeof prev, "%s", db_col_text(s, 9));
    row_hash(s, prev, h);
    db_done(s);
    s = db_prepare(f->db, "UPDATE audit SET hash = ?1 WHERE id = 5");
    db_bind_text(s, 1, h);
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);

    int64_t rows, bad;
    assert_int_equal(audit_verify(f->db, &rows, &bad, &e), E_CONFLICT);
    assert_int_equal(bad, 6);
    assert_int_equal(rows, 5);
    assert_non_null(strstr(e.msg, "audit row 6 "));
}

/* ---- 4. audit_list ------------------------------------------------------------------ */

/* list: audit_list as v with f; fails the test on error. */
static AuditRow *list(Fixture *f, const Viewer *v, AuditFilter flt, size_t *n)
{
    AuditRow *rows;
    Err e = {0};
    if (audit_list(f->db, &f->a, v, &flt, &rows, n, &e)) {
        fail_msg("audit_list: %s", e.msg);
    }
    return rows;
}

static void list_needs_audit_read(void **state)
{
    Fixture *f = *state;
    const Viewer who[] = {viewer_of(f, "ansatt.hod"), viewer_of(f, "sekretariat"), g_anonymous};
    for (size_t i = 0; i < COUNT(who); i++) {
        AuditRow *rows = (AuditRow *)1;
        size_t n = 99;
        Err e = {0};
        assert_int_equal(audit_list(f->db, &f->a, &who[i], &(AuditFilter){.limit = 10}, &rows, &n, &e), E_FORBIDDEN);
        assert_null(rows);
        assert_int_equal(n, 0);
    }
    Viewer admin = viewer_of(f, "admin");
    size_t n;
    list(f, &admin, (AuditFilter){.limit = 10}, &n);
    assert_int_equal(n, 10);
}

/* The admin creates a user and grants a role; others sign in. */
static Viewer act(Fixture *f)
{
    Viewer admin = viewer_of(f, "admin");
    char token[AUTH_TOKEN_CHARS + 1];
    int64_t wait, id;
    Err e = {0};
    assert_int_equal(auth_login(f->db, "admin", DEMO_PASSWORD, "10.0.0.1", token, &wait, &e), 0);
    assert_int_equal(auth_login(f->db, "sb.kd", "feil-passord", "10.0.0.2", token, &wait, &e), E_FORBIDDEN);
    UserInput in = {.username = "ny.bruker", .full_name = "Ny Bruker", .ministry_code = "KD", .active = true};
    assert_int_equal(user_create(f->db, &admin, "10.0.0.1", &in, NULL, &id, &e), 0);
    assert_int_equal(user_grant_role(f->db, &admin, "10.0.0.1", id, "case_officer", NULL, &e), 0);
    return admin;
}

static void list_filters_by_actor_and_action(void **state)
{
    Fixture *f = *state;
    Viewer admin = act(f);
#define COUNT_WHERE(cond) "SELECT count(*) FROM audit WHERE " cond
    static const struct {
        const char *actor, *action;
        const char *count;   /* the same filter in SQL */
    } cases[] = {
        {"admin", NULL, COUNT_WHERE("actor = 'admin'")},
        {"cli", NULL, COUNT_WHERE("actor = 'cli'")},
        {"nobody", NULL, COUNT_WHERE("0")},
        {NULL, "user.", COUNT_WHERE("substr(action, 1, 5) = 'user.'")},
        {NULL, "user.create", COUNT_WHERE("action = 'user.create'")},
        {NULL, "user", COUNT_WHERE("0")},
        {NULL, "login", COUNT_WHERE("action = 'login'")},
        {NULL, "login_failed", COUNT_WHERE("action = 'login_failed'")},
        {"admin", "user.", COUNT_WHERE("actor = 'admin' AND substr(action, 1, 5) = 'user.'")},
        {"sb.kd", "login_failed", COUNT_WHERE("actor = 'sb.kd' AND action = 'login_failed'")},
    };
#undef COUNT_WHERE
    for (size_t i = 0; i < COUNT(cases); i++) {
        size_t n;
        AuditRow *rows = list(f, &admin, (AuditFilter){.actor = cases[i].actor, .action = cases[i].action,
                                                       .limit = 500}, &n);
        int64_t want = q_int(f->db, cases[i].count, NULL);
        if ((int64_t)n != want) {
            fail_msg("actor %s, action %s: %zu rows, want %lld", cases[i].actor, cases[i].action, n, (long long)want);
        }
        for (size_t j = 0; j < n; j++) {
            assert_true(!cases[i].actor || str_eq(rows[j].actor, cases[i].actor));
            assert_true(j == 0 || rows[j].id < rows[j - 1].id);   /* newest first */
        }
    }
    /* "user." takes in both kinds of user change by the admin. */
    size_t n;
    AuditRow *rows = list(f, &admin, (AuditFilter){.actor = "admin", .action = "user.", .limit = 50}, &n);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "user.role_grant");
    assert_string_equal(rows[1].action, "user.create");
    assert_string_equal(rows[0].client, "10.0.0.1");
    assert_int_equal(rows[0].actor_id, admin.user_id);
    assert_string_equal(rows[0].prev_hash, rows[1].hash);   /* consecutive rows: chained */
}

/* A prefix is matched literally: LIKE's % and _ are ordinary characters
 * in an action filter, and case matters as it does for exact actions. */
static void action_prefix_is_literal(void **state)
{
    Fixture *f = *state;
    Viewer admin = act(f);
    static const char *const none[] = {"%.", "_ser.", "USER.", "User."};
    int wrong = 0;
    for (size_t i = 0; i < COUNT(none); i++) {
        size_t n;
        list(f, &admin, (AuditFilter){.action = none[i], .limit = 500}, &n);
        if (n != 0) {
            print_error("action filter \"%s\" matched %zu rows; no action starts with it\n", none[i], n);
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
}

static void list_pages_with_before_id(void **state)
{
    Fixture *f = *state;
    Viewer admin = act(f);
    int64_t total = q_int(f->db, "SELECT count(*) FROM audit", NULL);
    int64_t next = total;   /* ids are 1..total, so the newest is total */
    int64_t before = 0, pages = 0;
    for (;;) {
        size_t n;
        AuditRow *rows = list(f, &admin, (AuditFilter){.before_id = before, .limit = 4}, &n);
        if (n == 0) {
            break;
        }
        assert_true(n <= 4);
        for (size_t j = 0; j < n; j++) {
            assert_int_equal(rows[j].id, next--);   /* no gap, no repeat */
        }
        before = rows[n - 1].id;
        pages++;
    }
    assert_int_equal(next, 0);
    assert_int_equal(pages, (total + 3) / 4);

    size_t n;
    list(f, &admin, (AuditFilter){.limit = 0}, &n);     /* default */
    assert_int_equal(n, total < 50 ? total : 50);
    list(f, &admin, (AuditFilter){.limit = 100000}, &n);   /* at most 500 */
    assert_int_equal(n, total < 500 ? total : 500);
    list(f, &admin, (AuditFilter){.to = "2000-01-01", .limit = 500}, &n);
    assert_int_equal(n, 0);
    list(f, &admin, (AuditFilter){.from = "2000-01-01", .to = "2999-12-31", .limit = 500}, &n);
    assert_int_equal(n, total);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(chain_verifies_after_actions, setup_demo, teardown),
        cmocka_unit_test_setup_teardown(triggers_refuse_update_and_delete, setup_plain, teardown),
        cmocka_unit_test_setup_teardown(tampering_is_found_at_the_first_broken_row, setup_plain, teardown),
        cmocka_unit_test_setup_teardown(recomputed_hash_is_found_at_the_next_row, setup_plain, teardown),
        cmocka_unit_test_setup_teardown(list_needs_audit_read, setup_demo, teardown),
        cmocka_unit_test_setup_teardown(list_filters_by_actor_and_action, setup_demo, teardown),
        cmocka_unit_test_setup_teardown(list_pages_with_before_id, setup_demo, teardown),
        cmocka_unit_test_setup_teardown(action_prefix_is_literal, setup_demo, teardown),
    };
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
