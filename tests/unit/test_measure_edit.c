/* test_measure_edit.c: changing measures (src/app/measure_edit.c) — the
 * text form, validation with every problem reported, rights (secretariat
 * versus the owner ministry's case officers), versions with field-level
 * differences, optimistic locking, status default progress, sub-measure
 * roll-up, and that a refused change writes nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "app/measure/measure_edit.h"
#include "base/util.h"
#include "db/migrate.h"

typedef struct Fixture {
    Db *db;
    Arena a;
    Viewer sec, kd, dfd_case;   /* secretariat; case officer of KD; case officer for DFD */
    int64_t m24, m11;           /* ids of measures 2.4 (owner DFD) and 1.1 */
} Fixture;

static int64_t user_id(Fixture *f, const char *name)
{
    User u;
    Err e = {0};
    assert_int_equal(user_find(f->db, &f->a, name, &u, &e), 0);
    return u.id;
}

static int64_t measure_id(Fixture *f, const char *number)
{
    Measure *m;
    size_t n;
    MeasureFilter filt = {0};
    assert_int_equal(measure_list(f->db, &f->a, &f->sec, &filt, &m, &n, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(m[i].number, number) == 0 && strcmp(m[i].strategy_slug, "2021-2025") == 0) {
            return m[i].id;
        }
    }
    fail_msg("no measure %s", number);
    return 0;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    f = (Fixture){0};
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    auth_viewer(f.db, &f.a, user_id(&f, "sekretariat"), &f.sec, &e);
    auth_viewer(f.db, &f.a, user_id(&f, "sb.kd"), &f.kd, &e);
    /* sb.bfd also reports for DFD in these tests. */
    int64_t bfd = user_id(&f, "sb.bfd");
    if (user_grant_role(f.db, NULL, "test", bfd, "case_officer", "DFD", &e)) {
        fprintf(stderr, "grant: %s\n", e.msg);
        return -1;
    }
    auth_viewer(f.db, &f.a, bfd, &f.dfd_case, &e);
    f.m24 = measure_id(&f, "2.4");
    f.m11 = measure_id(&f, "1.1");
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->a);
    db_close(f->db);
    return 0;
}

static int64_t count(Fixture *f, const char *sql)
{
    Stmt *s = db_prepare(f->db, sql);
    int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return n;
}

static int save(Fixture *f, const Viewer *v, int64_t id, MeasureText *t, int version, Err *e, size_t *nerr)
{
    FieldError *errs;
    int64_t out;
    size_t n = 0;
    int rc = measure_save(f->db, &f->a, v, "test", id, t, version, "kommentar", &out, &errs, &n, e);
    if (nerr) {
        *nerr = n;
    }
    return rc;
}

static void sort_keys(void **state)
{
    (void)state;
    int64_t k;
    assert_true(measure_sort_key("2.4", &k));
    assert_int_equal(k, 2004000);
    assert_true(measure_sort_key("2.4.1", &k));
    assert_int_equal(k, 2004001);
    assert_true(measure_sort_key("1.10", &k));
    assert_true(k > 1009000);
    assert_false(measure_sort_key("2", &k));
    assert_false(measure_sort_key("2.", &k));
    assert_false(measure_sort_key("a.b", &k));
    assert_false(measure_sort_key("1.2.3.4", &k));
    assert_false(measure_sort_key("1.1000", &k));
    assert_false(measure_sort_key("0.1", &k));
}

static void text_form_is_complete_and_stable(void **state)
{
    Fixture *f = *state;
    MeasureText t;
    assert_int_equal(measure_text_get(f->db, &f->a, &f->sec, f->m24, &t, NULL), 0);
    for (int k = 0; k < MF_COUNT; k++) {
        assert_non_null(t.v[k]);
    }
    assert_string_equal(t.v[MF_NUMBER], "2.4");
    assert_string_equal(t.v[MF_OWNER], "DFD");
    assert_string_equal(t.v[MF_PRIORITY], "high");
    assert_non_null(strstr(t.v[MF_MILESTONES], "[x] 2023-07-04 Felles målbilde"));
    /* Saving the text form unchanged changes nothing: no new version. */
    int64_t before = count(f, "SELECT count(*) FROM record_version");
    Err e = {0};
    assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, NULL), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM record_version"), before);
}

static void change_makes_version_and_audit(void **state)
{
    Fixture *f = *state;
    MeasureText t = {0};
    t.v[MF_STATUS] = "delayed";
    t.v[MF_PARTICIPANTS] = "kd, bfd";
    Err e = {0};
    int64_t audits = count(f, "SELECT count(*) FROM audit");
    assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, NULL), 0);
    MeasureVersion *v;
    size_t n;
    assert_int_equal(measure_versions(f->db, &f->a, &f->sec, f->m24, &v, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].version, 2);
    assert_string_equal(v[0].comment, "kommentar");
    assert_string_equal(v[0].actor, "sekretariat");
    bool saw_status = false, saw_part = false;
    for (size_t i = 0; i < v[0].nchanges; i++) {
        if (strcmp(v[0].changes[i].field, "Status") == 0) {
            assert_string_equal(v[0].changes[i].from, "Pågår");
            assert_string_equal(v[0].changes[i].to, "Forsinket");
            saw_status = true;
        }
        if (strcmp(v[0].changes[i].field, "Deltakende departementer") == 0) {
            assert_string_equal(v[0].changes[i].to, "BFD, KD");
            saw_part = true;
        }
    }
    assert_true(saw_status && saw_part);
    /* Progress was not given: the status's default applies (40). */
    Measure m;
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_string_equal(m.status, "delayed");
    assert_int_equal(m.progress, 40);
    assert_int_equal(m.version, 2);
    assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits + 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'measure.update'"), 1);
}

static void validation_reports_every_problem_and_writes_nothing(void **state)
{
    Fixture *f = *state;
    MeasureText t = {0};
    t.v[MF_STATUS] = "bogus";
    t.v[MF_END_DATE] = "2026-02-30";
    t.v[MF_OWNER] = "XYZ";
    t.v[MF_PROGRESS] = "101";
    t.v[MF_TITLE] = "Dette er HEMMELIG";
    t.v[MF_MILESTONES] = "[?] 2026-01-01 x";
    Err e = {0};
    size_t nerr = 0;
    int64_t before = count(f, "SELECT sum(version) FROM record WHERE kind = 'measure'");
    assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, &nerr), E_INVALID);
    assert_int_equal(nerr, 6);
    assert_int_equal(count(f, "SELECT sum(version) FROM record WHERE kind = 'measure'"), before);
    FieldError *errs;
    assert_int_equal(measure_validate(f->db, &f->a, f->m24, &t, &errs), 6);
    bool grade = false;
    for (size_t i = 0; i < 6; i++) {
        grade |= errs[i].field == MF_TITLE && strstr(errs[i].msg, "sikkerhetsgrad") != NULL;
    }
    assert_true(grade);
    /* A new measure needs strategy, number and title; a taken number is refused. */
    MeasureText n = {0};
    assert_true(measure_validate(f->db, &f->a, 0, &n, &errs) >= 3);
    n.v[MF_STRATEGY] = "2021-2025";
    n.v[MF_NUMBER] = "2.4";
    n.v[MF_TITLE] = "Kopi";
    assert_int_equal(measure_validate(f->db, &f->a, 0, &n, &errs), 1);
    assert_int_equal(errs[0].field, MF_NUMBER);
}

static void case_officer_may_change_progress_only_for_own_ministry(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeasureText t = {0};
    t.v[MF_PROGRESS] = "70";
    t.v[MF_MILESTONES] = "[x] 2022-06-30 Felles målbilde for IKT i departementene vedtatt\n"
                         "[x] 2025-12-31 Første departementer flyttet til felles plattform\n"
                         "[x] 2026-06-30 Alle departementer på felles plattform";
    assert_int_equal(save(f, &f->dfd_case, f->m24, &t, 0, &e, NULL), 0);
    MeasureText title = {0};
    title.v[MF_TITLE] = "Ny tittel";
    assert_int_equal(save(f, &f->dfd_case, f->m24, &title, 0, &e, NULL), E_FORBIDDEN);
    assert_non_null(strstr(e.msg, "Tittel"));
    /* KD's case officer does not report for DFD's measure. */
    assert_int_equal(save(f, &f->kd, f->m24, &t, 0, &e, NULL), E_FORBIDDEN);
    /* Nor may a case officer create measures. */
    MeasureText n = {.v = {[MF_STRATEGY] = "2021-2025", [MF_NUMBER] = "3.9", [MF_TITLE] = "Nytt"}};
    assert_int_equal(save(f, &f->dfd_case, 0, &n, 0, &e, NULL), E_FORBIDDEN);
    Measure m;
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_int_equal(m.progress, 70);
    assert_string_equal(m.title, "Samle departementenes IKT-enheter i én organisasjon");
}

static void stale_version_is_refused(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeasureText t = {0};
    t.v[MF_PRIORITY] = "lav";
    assert_int_equal(save(f, &f->sec, f->m11, &t, 1, &e, NULL), 0);   /* version 1 → 2 */
    t.v[MF_PRIORITY] = "medium";
    assert_int_equal(save(f, &f->sec, f->m11, &t, 1, &e, NULL), E_CONFLICT);
    Measure m;
    measure_get(f->db, &f->a, &f->sec, f->m11, &m, &e);
    assert_string_equal(m.priority, "low");   /* «lav» was normalised */
}

static void create_submeasures_and_roll_up(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeasureText a = {.v = {[MF_STRATEGY] = "2021-2025", [MF_NUMBER] = "2.4.1", [MF_TITLE] = "Felles plattform",
                           [MF_PARENT] = "2.4", [MF_PROGRESS] = "100", [MF_WEIGHT] = "3"}};
    MeasureText b = {.v = {[MF_STRATEGY] = "2021-2025", [MF_NUMBER] = "2.4.2", [MF_TITLE] = "Felles brukerstøtte",
                           [MF_PARENT] = "2.4", [MF_PROGRESS] = "0", [MF_WEIGHT] = "1"}};
    assert_int_equal(save(f, &f->sec, 0, &a, 0, &e, NULL), 0);
    assert_int_equal(save(f, &f->sec, 0, &b, 0, &e, NULL), 0);
    Measure m;
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_int_equal(m.sub_count, 2);
    assert_int_equal(m.progress, 50);   /* plain average of 100 and 0 */
    MeasureText w = {.v = {[MF_ROLLUP] = "weighted"}};
    assert_int_equal(save(f, &f->sec, f->m24, &w, 0, &e, NULL), 0);
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_int_equal(m.progress, 75);   /* (100*3 + 0*1) / 4 */
    /* Sub-measures sort right after their parent. */
    MeasureFilter filt = {.strategy_id = m.strategy_id};
    Measure *list;
    size_t n;
    measure_list(f->db, &f->a, &f->sec, &filt, &list, &n, &e);
    for (size_t i = 0; i + 1 < n; i++) {
        if (strcmp(list[i].number, "2.4") == 0) {
            assert_string_equal(list[i + 1].number, "2.4.1");
            assert_string_equal(list[i + 2].number, "2.4.2");
        }
    }
    /* A parent cycle is refused. */
    MeasureText cyc = {.v = {[MF_PARENT] = "2.4.1"}};
    size_t nerr;
    assert_int_equal(save(f, &f->sec, f->m24, &cyc, 0, &e, &nerr), E_INVALID);
    /* Created measures have version 1 with every given field. */
    assert_int_equal(count(f, "SELECT count(*) FROM record_version WHERE version = 1 AND record_id IN (SELECT id FROM measure)"), 2);
}

static void versions_are_append_only(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeasureText t = {.v = {[MF_STATUS] = "completed"}};
    assert_int_equal(save(f, &f->sec, f->m11, &t, 0, &e, NULL), 0);
    assert_int_not_equal(db_exec(f->db, "UPDATE record_version SET comment = 'x'", NULL), 0);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM record_version", NULL), 0);
}

/* What creating requires cannot be emptied by a change, not even with spaces. */
static void required_fields_stay_required(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    static const char *const blanks[] = {"", "   ", "\t "};
    for (size_t i = 0; i < 3; i++) {
        MeasureText t = {0};
        t.v[MF_TITLE] = blanks[i];
        assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, NULL), E_INVALID);
        MeasureText u = {0};
        u.v[MF_NUMBER] = blanks[i];
        assert_int_equal(save(f, &f->sec, f->m24, &u, 0, &e, NULL), E_INVALID);
    }
    Measure m;
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_string_equal(m.number, "2.4");
    assert_true(strlen(m.title) > 3);
}

/* An earlier version comes back as a new version, through the same rights
 * and validation as any change. */
static void earlier_version_is_restored_as_new(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Measure m;
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    const char *original = m.title;
    int start = m.version;
    MeasureText t = {0};
    t.v[MF_TITLE] = "Første nye tittel";
    assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, NULL), 0);
    t.v[MF_TITLE] = "Andre nye tittel";
    t.v[MF_STATUS] = "delayed";
    assert_int_equal(save(f, &f->sec, f->m24, &t, 0, &e, NULL), 0);
    /* Out of range, and not for a case officer (only progress fields). */
    assert_int_equal(record_restore(f->db, &f->a, &f->sec, "t", f->m24, start + 2, &e), E_INVALID);
    assert_int_equal(record_restore(f->db, &f->a, &f->sec, "t", f->m24, 0, &e), E_INVALID);
    assert_int_equal(record_restore(f->db, &f->a, &f->dfd_case, "t", f->m24, start, &e), E_FORBIDDEN);
    assert_int_equal(record_restore(f->db, &f->a, &f->sec, "t", f->m24, start, &e), 0);
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_string_equal(m.title, original);
    assert_string_equal(m.status, "in_progress");
    assert_int_equal(m.version, start + 3);
    RecordVersion *v;
    size_t n;
    assert_int_equal(record_versions(f->db, &f->a, &f->sec, f->m24, &v, &n, &e), 0);
    assert_non_null(strstr(v[0].comment, "Gjenopprettet versjon"));
    /* Restoring the middle version brings back its title only. */
    assert_int_equal(record_restore(f->db, &f->a, &f->sec, "t", f->m24, start + 1, &e), 0);
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, f->m24, &m, &e), 0);
    assert_string_equal(m.title, "Første nye tittel");
    assert_string_equal(m.status, "in_progress");
}

int main(void)
{
    /* The fixture's day: 2021–2025 is in force, and the demo's dates
     * (deadlines, milestones) fall around it. */
    setenv("SAMLA_TODAY", "2024-11-15", 1);
    auth_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_keys),
        cmocka_unit_test_setup_teardown(text_form_is_complete_and_stable, setup, teardown),
        cmocka_unit_test_setup_teardown(change_makes_version_and_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(validation_reports_every_problem_and_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(case_officer_may_change_progress_only_for_own_ministry, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_version_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(create_submeasures_and_roll_up, setup, teardown),
        cmocka_unit_test_setup_teardown(versions_are_append_only, setup, teardown),
        cmocka_unit_test_setup_teardown(earlier_version_is_restored_as_new, setup, teardown),
        cmocka_unit_test_setup_teardown(required_fields_stay_required, setup, teardown),
    };
    return cmocka_run_group_tests_name("measure_edit", tests, NULL, NULL);
}
