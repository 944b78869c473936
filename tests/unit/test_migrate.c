/* test_migrate.c: unit tests for src/db/migrate.c and the schema the
 * embedded migrations build.
 *
 * Each test opens its own in-memory database (fresh, not migrated unless
 * the test says so) and closes it at the end.  Checked: migrating reaches
 * migrate_latest() and is idempotent; a newer database is refused
 * untouched; the connection enforces foreign keys; every table is STRICT;
 * the demo file runs after the schema and a missing file is E_NOTFOUND.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/util.h"
#include "db/db.h"
#include "db/migrate.h"

static int open_fresh(void **state)
{
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, ":memory:", DB_OPEN_CREATE, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    *state = db;
    return 0;
}

static int close_db(void **state)
{
    db_close(*state);
    return 0;
}

/* count: the single integer a query returns (-1 when it returns no row). */
static int64_t count(Db *db, const char *sql)
{
    Stmt *s = db_prepare(db, sql);
    assert_non_null(s);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

static void fresh_db_migrates_to_latest(void **state)
{
    Db *db = *state;
    Err e = {0};
    int applied = -1;
    assert_int_equal(db_user_version(db), 0);
    assert_true(migrate_latest() >= 2);
    assert_int_equal(migrate_check(db, &e), 0);
    assert_int_equal(migrate_up(db, &applied, &e), 0);
    assert_int_equal(applied, migrate_latest());
    assert_int_equal(db_user_version(db), migrate_latest());
    assert_int_equal(e.code, 0);
    /* The reference data arrived with the schema. */
    assert_int_equal(count(db, "SELECT count(*) FROM ministry"), 21);
    assert_int_equal(count(db, "SELECT count(*) FROM strategy"), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM measure"), 22);
}

static void migrating_twice_is_a_noop(void **state)
{
    Db *db = *state;
    Err e = {0};
    int applied = -1;
    assert_int_equal(migrate_up(db, NULL, &e), 0);   /* applied may be NULL */
    assert_int_equal(migrate_up(db, &applied, &e), 0);
    assert_int_equal(applied, 0);
    assert_int_equal(db_user_version(db), migrate_latest());
    assert_int_equal(count(db, "SELECT count(*) FROM ministry"), 21);   /* no duplicate inserts */
    assert_int_equal(count(db, "SELECT count(*) FROM measure"), 22);
    assert_int_equal(migrate_check(db, &e), 0);
}

static void newer_database_is_refused_untouched(void **state)
{
    Db *db = *state;
    Err e = {0};
    char sql[64];
    int newer = migrate_latest() + 1;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", newer);
    assert_int_equal(db_exec(db, sql, &e), 0);
    assert_int_equal(migrate_check(db, &e), E_NEWER);
    assert_int_equal(e.code, E_NEWER);
    char num[16];
    snprintf(num, sizeof num, "%d", newer);
    assert_non_null(strstr(e.msg, num));   /* the message names the version */
    Err e2 = {0};
    int applied = -1;
    assert_int_equal(migrate_up(db, &applied, &e2), E_NEWER);
    assert_int_equal(e2.code, E_NEWER);
    assert_int_equal(applied, 0);
    assert_int_equal(db_user_version(db), newer);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema"), 0);   /* nothing was created */
}

static void much_newer_database_after_migration(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    int64_t tables = count(db, "SELECT count(*) FROM sqlite_schema");
    assert_int_equal(db_exec(db, "PRAGMA user_version = 999", &e), 0);
    assert_int_equal(migrate_up(db, NULL, &e), E_NEWER);
    assert_int_equal(db_user_version(db), 999);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema"), tables);
}

static void foreign_keys_are_enforced(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
    Err fe = {0};
    assert_int_equal(db_exec(db, "INSERT INTO measure (id, strategy_id, number, sort_key) "
                                 "VALUES (9999, 9999, '9.9', 9009)", &fe), E_DB);
    assert_int_equal(fe.code, E_DB);
    assert_non_null(strstr(fe.msg, "FOREIGN KEY"));
    assert_int_equal(count(db, "SELECT count(*) FROM measure"), 22);
    /* The shipped data satisfies every reference. */
    Stmt *s = db_prepare(db, "PRAGMA foreign_key_check");
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);
}

static void every_table_is_strict(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    static const char *const known[] = {
        "ministry", "strategy", "goal_area", "direction", "development_area", "strategy_point", "measure",
        "measure_participant", "record", "record_version", "access_grant",
    };
    size_t seen_known = 0, tables = 0;
    /* The full-text index is a virtual table with shadow tables of
     * SQLite's own making (search_fts_data, …): not ours to declare. */
    Stmt *s = db_prepare(db, "SELECT t.name, t.sql FROM sqlite_schema t WHERE t.type = 'table' "
                             "AND t.name NOT LIKE 'sqlite_%' AND NOT EXISTS (SELECT 1 FROM sqlite_schema v "
                             "WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND (t.name = v.name "
                             "OR substr(t.name, 1, length(v.name) + 1) = v.name || '_')) ORDER BY t.name");
    while (db_step(s) == DB_ROW) {
        const char *name = db_col_text(s, 0);
        const char *sql = db_col_text(s, 1);
        /* STRICT is a table option: it follows the closing parenthesis. */
        const char *close = strrchr(sql, ')');
        if (!close || !strstr(close, "STRICT")) {
            fail_msg("table %s is not STRICT: %s", name, sql);
        }
        for (size_t i = 0; i < COUNT(known); i++) {
            seen_known += str_eq(name, known[i]);
        }
        tables++;
    }
    db_done(s);
    assert_int_equal(seen_known, COUNT(known));
    assert_true(tables >= COUNT(known));
    /* STRICT means a wrong type is an error, not a silent conversion. */
    Err te = {0};
    assert_int_equal(db_exec(db, "INSERT INTO goal_area (strategy_id, number, title) VALUES (2, 'fire', 'x')", &te),
                     E_DB);
    assert_non_null(strstr(te.msg, "cannot store TEXT value in INTEGER column"));
}

static void demo_runs_after_migration(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM measure_participant"), 0);
    /* The demo's dates follow its clock (app/demo/demo.c makes it). */
    assert_int_equal(db_exec(db, "CREATE TEMP TABLE demo_clock (today TEXT NOT NULL); "
                                 "INSERT INTO demo_clock VALUES ('2024-11-15')", &e), 0);
    assert_int_equal(migrate_run_file(db, "demo/demo.sql", &e), 0);
    assert_int_equal(e.code, 0);
    /* 1.2 has seven participants, 1.1 and 1.6 two each, 3.1 and 3.3 three each. */
    assert_int_equal(count(db, "SELECT count(*) FROM measure_participant"), 17);
    assert_int_equal(count(db, "SELECT count(*) FROM measure WHERE status = 'in_progress'"), 10);
    /* Deadlines around the clock's day: passed, this week, later; none after the period. */
    assert_int_equal(count(db, "SELECT count(*) FROM measure WHERE end_date = '2024-11-18'"), 1);   /* 1.6: +3 days */
    assert_int_equal(count(db, "SELECT count(*) FROM measure WHERE end_date < '2024-11-15' AND status <> 'completed'"), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM measure WHERE end_date > '2025-12-31'"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM measure WHERE status = 'not_started'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id "
                               "JOIN ministry o ON o.id = r.owner_ministry_id WHERE o.code = 'DFD'"), 16);
    assert_int_equal(db_user_version(db), migrate_latest());   /* the demo is not a migration */
    Stmt *s = db_prepare(db, "PRAGMA foreign_key_check");
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);
}

static void missing_file_is_not_found(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    assert_int_equal(migrate_run_file(db, "demo/nope.sql", &e), E_NOTFOUND);
    assert_int_equal(e.code, E_NOTFOUND);
    assert_non_null(strstr(e.msg, "demo/nope.sql"));
    assert_int_equal(migrate_run_file(db, "", NULL), E_NOTFOUND);
}

static void failing_file_leaves_nothing(void **state)
{
    Db *db = *state;
    Err e = {0};
    /* Before the schema exists the demo cannot run; its transaction must
     * be rolled back so the connection is usable afterwards. */
    assert_int_equal(migrate_run_file(db, "demo/demo.sql", &e), E_DB);
    assert_int_equal(e.code, E_DB);
    Err e2 = {0};
    assert_int_equal(migrate_up(db, NULL, &e2), 0);
    assert_int_equal(db_user_version(db), migrate_latest());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fresh_db_migrates_to_latest, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(migrating_twice_is_a_noop, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(newer_database_is_refused_untouched, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(much_newer_database_after_migration, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(foreign_keys_are_enforced, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(every_table_is_strict, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(demo_runs_after_migration, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(missing_file_is_not_found, open_fresh, close_db),
        cmocka_unit_test_setup_teardown(failing_file_leaves_nothing, open_fresh, close_db),
    };
    return cmocka_run_group_tests_name("migrate", tests, NULL, NULL);
}
