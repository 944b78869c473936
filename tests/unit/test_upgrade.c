/* test_upgrade.c: a database from every earlier release upgrades in place
 * without loss.
 *
 * tests/fixtures/upgrade/<release>.db was created and used by that
 * release (scripts/upgrade-fixture.sh: demo content, a changed measure, a
 * marking change, a reporting round with a report, a grant, published
 * editions), and <release>.*.json hold what that release answered to
 * reads.  A copy is migrated with today's code; then every read must
 * answer what the old release answered (today's answers may add fields,
 * never change or drop one), the audit chain must verify and end in the
 * same hash, and a second start must change nothing.  Before migrating,
 * the old database is copied to DIR/backups (migrate_up_backup): the copy
 * has the old schema and the whole old audit log, and a second start
 * makes no second copy.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

#define FIXTURES "tests/fixtures/upgrade/"

static const char *const g_releases[] = {"v0.1.0"};

/* Every member of old is in new with an equal value (recursively); arrays
 * have the same length.  Prints the first difference under path. */
static bool json_subset(const json_t *old, const json_t *new, const char *path)
{
    if (json_is_object(old)) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)old, key, v) {
            char sub[256];
            snprintf(sub, sizeof sub, "%s.%s", path, key);
            if (!json_subset(v, json_object_get(new, key), sub)) {
                return false;
            }
        }
        return json_is_object(new);
    }
    if (json_is_array(old)) {
        if (!json_is_array(new) || json_array_size(old) != json_array_size(new)) {
            print_error("%s: %zu items, now %zu\n", path, json_array_size(old), json_array_size(new));
            return false;
        }
        for (size_t i = 0; i < json_array_size(old); i++) {
            char sub[256];
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            if (!json_subset(json_array_get(old, i), json_array_get(new, i), sub)) {
                return false;
            }
        }
        return true;
    }
    if (!json_equal((json_t *)old, (json_t *)new)) {
        char *a = json_dumps(old, JSON_ENCODE_ANY), *b = new ? json_dumps(new, JSON_ENCODE_ANY) : NULL;
        print_error("%s: was %s, now %s\n", path, a, b ? b : "(missing)");
        free(a);
        free(b);
        return false;
    }
    return true;
}

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Host") == 0 ? "localhost" : NULL;
}

/* GET path?query as v; the JSON answer (caller decrefs). */
static json_t *get_json(Db *db, const Viewer *v, const char *path, const char *query)
{
    Arena a = {0};
    Req r = {.arena = &a, .db = db, .viewer = v, .client = "127.0.0.1"};
    WebRequest in = {.method = "GET", .path = path, .query = query, .request_id = "upgrade", .client = "127.0.0.1",
                     .header = test_header};
    int route;
    web_handle(&in, &r, &route);
    assert_int_equal(r.status, 200);
    json_t *j = json_loadb(r.body.data, r.body.len, 0, NULL);
    buf_free(&r.body);
    arena_free(&a);
    assert_non_null(j);
    return j;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        assert_int_equal(fwrite(buf, 1, n, out), n);
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void upgrade_one(const char *release)
{
    char dir[] = "/tmp/samla-upgrade-XXXXXX", path[256], file[512];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/samla.db", dir);
    snprintf(file, sizeof file, FIXTURES "%s.db", release);
    copy_file(file, path);
    Db *db;
    Err e = {0};
    assert_int_equal(db_open(&db, path, 0, &e), 0);
    int before = db_user_version(db);
    assert_true(before > 0 && before < migrate_latest());
    /* The upgrade copies the old database first (what serve and the CLI do). */
    char backups[300], made[600];
    snprintf(backups, sizeof backups, "%s/backups", dir);
    assert_int_equal(migrate_up_backup(db, backups, made, sizeof made, NULL, &e), 0);
    assert_int_equal(db_user_version(db), migrate_latest());
    assert_true(str_has_prefix(made, backups));
    Db *copy;
    assert_int_equal(db_open(&copy, made, DB_OPEN_READONLY, &e), 0);
    assert_int_equal(db_user_version(copy), before);
    char copy_head[65], old_head[65];
    audit_head(copy, copy_head);
    db_close(copy);
    /* A second start changes nothing, and copies nothing. */
    int64_t changes = db_total_changes(db);
    assert_int_equal(migrate_up_backup(db, backups, made, sizeof made, NULL, &e), 0);
    assert_string_equal(made, "");
    assert_int_equal(db_total_changes(db), changes);
    audit_head(db, old_head);
    assert_string_equal(copy_head, old_head);   /* the copy holds the whole old log */
    /* The audit chain verifies and ends where the old release left it. */
    int64_t rows = 0, bad = 0;
    assert_int_equal(audit_verify(db, &rows, &bad, &e), 0);
    char head[65], want[128] = "";
    audit_head(db, head);
    snprintf(file, sizeof file, FIXTURES "%s.audit.txt", release);
    FILE *f = fopen(file, "r");
    assert_non_null(f);
    assert_non_null(fgets(want, sizeof want, f));
    fclose(f);
    assert_non_null(strstr(want, head));
    /* Every read answers as before, for the secretariat that made the changes. */
    Arena keep = {0};
    User u;
    Viewer sec;
    assert_int_equal(user_find(db, &keep, "sekretariat", &u, &e), 0);
    assert_int_equal(auth_viewer(db, &keep, u.id, &sec, &e), 0);
    int64_t m24 = db_one_int(db, "SELECT id FROM measure WHERE strategy_id = 2 AND number = '2.4'", 0, 0);
    int64_t m34 = db_one_int(db, "SELECT id FROM measure WHERE strategy_id = 2 AND number = '3.4'", 0, 0);
    const struct {
        const char *file, *path, *query;
    } reads[] = {
        {"measures", "/api/v1/measures", "strategy=2021-2025"},
        {"history-24", arena_printf(&keep, "/api/v1/measures/%lld/history", (long long)m24), NULL},
        {"measure-34", arena_printf(&keep, "/api/v1/measures/%lld", (long long)m34), NULL},
        {"round", "/api/v1/rounds/1", NULL},
        {"editions", "/api/v1/editions", NULL},
    };
    for (size_t i = 0; i < COUNT(reads); i++) {
        snprintf(file, sizeof file, FIXTURES "%s.%s.json", release, reads[i].file);
        json_t *old = json_load_file(file, 0, NULL);
        assert_non_null(old);
        json_t *now = get_json(db, &sec, reads[i].path, reads[i].query);
        if (!json_subset(old, now, reads[i].file)) {
            fail_msg("%s: %s reads differently after the upgrade", release, reads[i].path);
        }
        json_decref(old);
        json_decref(now);
    }
    /* Every measure is a record now, with its versions. */
    assert_int_equal(db_one_int(db, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id "
                                    "AND r.kind = 'measure'", 0, -1),
                     db_one_int(db, "SELECT count(*) FROM measure", 0, -2));
    assert_true(db_one_int(db, "SELECT count(*) FROM record_version", 0, 0) >= 1);
    assert_true(db_one_int(db, "SELECT count(*) FROM access_grant", 0, 0) >= 1);
    Stmt *s = db_prepare(db, "PRAGMA foreign_key_check");
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);
    arena_free(&keep);
    db_close(db);
    snprintf(file, sizeof file, "rm -rf %s/backups", dir);
    assert_int_equal(system(file), 0);
    unlink(path);
    snprintf(file, sizeof file, "%s-wal", path);
    unlink(file);
    snprintf(file, sizeof file, "%s-shm", path);
    unlink(file);
    assert_int_equal(rmdir(dir), 0);
}

static void every_release_upgrades(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(g_releases); i++) {
        upgrade_one(g_releases[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_release_upgrades),
    };
    web_init();
    return cmocka_run_group_tests_name("upgrade", tests, NULL, NULL);
}
