/* test_figure.c: unit tests for the figure domain (src/app/figure): the
 * JSON-stat 2.0 reader and writer, the import's checks and its preview,
 * versioned values, the public face of shared-service figures marked
 * internal, the measurement rounds in the reporting-round lifecycle, and
 * the access filter of the community figures.
 *
 * Each test gets a fresh in-memory database with the demo content (the
 * demo's figures, src/db/demo/figures.sql) and an arena; both are released
 * in teardown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/sheet.h"
#include "app/demo/demo.h"
#include "app/figure/figure.h"
#include "app/identity/identity.h"
#include "app/measure/round.h"
#include "base/util.h"
#include "db/migrate.h"

enum { V_SEK, V_KD, V_EMP, NV };

typedef struct Fixture {
    Db *db;
    Arena arena;
    Viewer v[NV];         /* sekretariat, sb.kd (KD case officer), ansatt.hod (employee) */
} Fixture;

static const char *const g_users[NV] = {"sekretariat", "sb.kd", "ansatt.hod"};

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    for (int w = 0; w < NV; w++) {
        User u;
        if (user_find(f.db, &f.arena, g_users[w], &u, &e) || auth_viewer(f.db, &f.arena, u.id, &f.v[w], &e)) {
            fprintf(stderr, "setup: %s\n", e.msg);
            return -1;
        }
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->arena);
    db_close(f->db);
    return 0;
}

static int64_t q_int(Fixture *f, const char *sql)
{
    return db_one_int(f->db, sql, 0, -1);
}

/* ---- JSON-stat -------------------------------------------------------------------- */

static void test_jsonstat_reads_index_forms_and_sparse_values(void **state)
{
    Fixture *f = *state;
    const char *doc = "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\",\"b\"],\"size\":[2,3],"
                      "\"role\":{\"time\":[\"b\"]},"
                      "\"dimension\":{\"a\":{\"category\":{\"index\":{\"y\":1,\"x\":0}}},"
                      "\"b\":{\"category\":{\"index\":[\"2024\",\"2025\",\"2026\"],\"label\":{\"2024\":\"år 2024\"}}}},"
                      "\"value\":{\"5\":6.5,\"1\":2,\"3\":null},\"status\":{\"1\":\"p\"}}";
    JsonStat js;
    FigureImport out = {0};
    assert_true(jsonstat_parse(&f->arena, doc, strlen(doc), &js, &out));
    assert_int_equal(js.ndims, 2);
    assert_string_equal(js.dims[0].codes[0], "x");
    assert_string_equal(js.dims[0].codes[1], "y");
    assert_string_equal(js.dims[1].labels[0], "år 2024");
    assert_string_equal(js.dims[1].role, "time");
    assert_int_equal(js.ncells, 2);       /* null is no value */
    assert_int_equal(js.cells[0].pos, 1); /* position order, as the array form would give */
    assert_int_equal(js.cells[0].cat[0], 0);
    assert_int_equal(js.cells[0].cat[1], 1);
    assert_string_equal(js.cells[0].status, "p");
    assert_int_equal(js.cells[1].cat[0], 1);
    assert_int_equal(js.cells[1].cat[1], 2);
    assert_true(js.cells[1].value == 6.5);
}

static void test_jsonstat_reports_every_structural_problem(void **state)
{
    Fixture *f = *state;
    static const char *const bad[] = {
        "not json",
        "{\"class\":\"collection\"}",
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[2],\"dimension\":{}}",
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[2],"
        "\"dimension\":{\"a\":{\"category\":{\"index\":[\"x\"]}}},\"value\":[1,2]}",
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[2],"
        "\"dimension\":{\"a\":{\"category\":{\"index\":[\"x\",\"y\"]}}},\"value\":[1]}",
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[2],"
        "\"dimension\":{\"a\":{\"category\":{\"index\":[\"x\",\"y\"]}}},\"value\":{\"7\":1}}",
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[1000000],"
        "\"dimension\":{\"a\":{\"category\":{\"index\":[\"x\"]}}},\"value\":[]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        JsonStat js;
        FigureImport out = {0};
        assert_false(jsonstat_parse(&f->arena, bad[i], strlen(bad[i]), &js, &out));
        assert_true(out.nproblems >= 1);
    }
}

static void test_jsonstat_written_reads_back(void **state)
{
    Fixture *f = *state;
    ChartData c;
    Err e = {0};
    assert_int_equal(figure_chart(f->db, &f->arena, &g_anonymous, true, "ansatte", CHART_MULTIPLES, NULL, &c, &e), 0);
    assert_true(c.n > 100);
    Buf b = {0};
    figure_jsonstat_write(&c, &b);
    JsonStat js;
    FigureImport out = {0};
    assert_true(jsonstat_parse(&f->arena, b.data, b.len, &js, &out));
    assert_int_equal(js.ncells, c.n);
    assert_int_equal(js.dims[2].n, c.nperiods);
    buf_free(&b);
    /* Imported as it was exported: nothing changes. */
    Buf again = {0};
    figure_jsonstat_write(&c, &again);
    FigureImport imp;
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.json", again.data, again.len, true, &imp, &e), 0);
    assert_int_equal(imp.create + imp.change, 0);
    assert_int_equal(imp.unchanged, c.n);
    buf_free(&again);
}

/* ---- import ---------------------------------------------------------------------- */

static void test_csv_import_checks_all_and_writes_nothing_on_error(void **state)
{
    Fixture *f = *state;
    int64_t before = q_int(f, "SELECT count(*) FROM indicator_value WHERE ?1 = 0");
    const char *csv = "indikator;departement;periode;verdi;merknad\r\n"
                      "ansatte;KD;2026;350;\r\n"            /* fine */
                      "finnes_ikke;KD;2026;1;\r\n"          /* unknown indicator */
                      "ansatte;XYZ;2026;1;\r\n"             /* unknown ministry */
                      "ansatte;FIN;26;1;\r\n"               /* bad period */
                      "ansatte;UD;2026;mange;\r\n"          /* not a number */
                      "ansatte;KD;2026;351;\r\n";           /* KD 2026 twice */
    FigureImport imp;
    Err e = {0};
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.csv", csv, strlen(csv), true, &imp, &e),
                     E_INVALID);
    assert_int_equal(imp.nproblems, 5);
    int lines[] = {3, 4, 5, 6, 7};
    for (size_t i = 0; i < 5; i++) {
        bool seen = false;
        for (size_t k = 0; k < imp.nproblems; k++) {
            seen |= imp.problems[k].pos == lines[i];
        }
        assert_true(seen);
    }
    assert_int_equal(q_int(f, "SELECT count(*) FROM indicator_value WHERE ?1 = 0"), before);
    assert_false(imp.applied);
}

static void test_import_preview_then_apply_then_nothing(void **state)
{
    Fixture *f = *state;
    const char *csv = "indikator,departement,periode,verdi\n"
                      "ansatte,,2026,\"4 700\"\n"
                      "ansatte,KD,2024,\"341,0\"\n";     /* KD 2024 was 340 in the demo */
    FigureImport imp;
    Err e = {0};
    int64_t versions = q_int(f, "SELECT count(*) FROM record_version v JOIN indicator i ON i.id = v.record_id "
                                "WHERE i.code = 'ansatte' AND ?1 = 0");
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.csv", csv, strlen(csv), false, &imp, &e), 0);
    assert_int_equal(imp.create, 1);
    assert_int_equal(imp.change, 1);
    assert_true(imp.rows[1].had && imp.rows[1].old == 340 && imp.rows[1].value == 341);
    assert_int_equal(q_int(f, "SELECT count(*) FROM indicator_value WHERE period = '2026' AND ?1 = 0"), 0);
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.csv", csv, strlen(csv), true, &imp, &e), 0);
    assert_true(imp.applied);
    assert_int_equal(q_int(f, "SELECT count(*) FROM indicator_value WHERE period = '2026' AND ?1 = 0"), 1);
    /* One new version with both values, the old KD value kept in it. */
    assert_int_equal(q_int(f, "SELECT count(*) FROM record_version v JOIN indicator i ON i.id = v.record_id "
                              "WHERE i.code = 'ansatte' AND ?1 = 0"), versions + 1);
    assert_int_equal(q_int(f, "SELECT count(*) FROM record_version v, json_each(v.changes) c "
                              "WHERE c.value ->> 'field' = 'verdi KD 2024' AND c.value ->> 'from' = '340' "
                              "AND c.value ->> 'to' = '341' AND ?1 = 0"), 1);
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.csv", csv, strlen(csv), true, &imp, &e), 0);
    assert_int_equal(imp.create + imp.change, 0);
    assert_int_equal(imp.unchanged, 2);
    assert_int_equal(q_int(f, "SELECT count(*) FROM record_version v JOIN indicator i ON i.id = v.record_id "
                              "WHERE i.code = 'ansatte' AND ?1 = 0"), versions + 1);
}

static void test_xlsx_import(void **state)
{
    Fixture *f = *state;
    static const SheetColumn cols[] = {{"indikator"}, {"departement"}, {"periode"}, {"verdi", false, true}};
    const char *cells[] = {"sykefravaer_pct", "KD", "2026", "4.4", "sykefravaer_pct", "XYZ", "2026", "5"};
    Sheet sh = {.title = "Tall", .cols = cols, .ncols = 4, .cells = cells, .nrows = 2};
    Buf b = {0};
    Err e = {0};
    assert_int_equal(sheet_xlsx(&f->arena, &sh, &b, &e), 0);
    FigureImport imp;
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.xlsx", b.data, b.len, true, &imp, &e),
                     E_INVALID);
    assert_string_equal(imp.format, "xlsx");
    assert_int_equal(imp.nproblems, 1);
    assert_int_equal(imp.problems[0].pos, 3); /* the spreadsheet's row 3 */
    sh.nrows = 1;
    buf_reset(&b);
    assert_int_equal(sheet_xlsx(&f->arena, &sh, &b, &e), 0);
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.xlsx", b.data, b.len, true, &imp, &e), 0);
    assert_int_equal(imp.create, 1);
    assert_true(imp.rows[0].value == 4.4);
    buf_free(&b);
}

static void test_only_the_secretariat_imports_and_enters(void **state)
{
    Fixture *f = *state;
    const char *csv = "indikator;departement;periode;verdi\nansatte;;2026;1\n";
    FigureImport imp;
    Err e = {0};
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_KD], "test", "x.csv", csv, strlen(csv), true, &imp, &e),
                     E_FORBIDDEN);
    Indicator ind;
    assert_int_equal(indicator_get_code(f->db, &f->arena, &f->v[V_EMP], "ansatte", &ind, &e), 0);
    const char *in[VF_COUNT] = {"", "2026", "1", NULL, NULL};
    FormProblem p[VF_COUNT];
    size_t np;
    assert_int_equal(indicator_value_set(f->db, &f->v[V_EMP], "test", ind.id, in, p, &np, &e), E_FORBIDDEN);
    /* A target for the community in 2024 shows with that value. */
    assert_int_equal(indicator_target_set(f->db, &f->v[V_EMP], "test", ind.id, "", "2024", "4600", NULL, NULL, &e),
                     E_FORBIDDEN);
    assert_int_equal(indicator_target_set(f->db, &f->v[V_SEK], "test", ind.id, "", "2024", "4600", NULL, NULL, &e), 0);
    ChartData c;
    assert_int_equal(figure_chart(f->db, &f->arena, &g_anonymous, true, "ansatte", CHART_TIME, NULL, &c, &e), 0);
    bool seen = false;
    for (size_t i = 0; i < c.n; i++) {
        seen |= str_eq(c.v[i].period, "2024") && c.v[i].has_target && c.v[i].target == 4600;
    }
    assert_true(seen);
    /* Every problem at once for the secretariat. */
    const char *bad[VF_COUNT] = {"XYZ", "20x6", "mange", NULL, NULL};
    assert_int_equal(indicator_value_set(f->db, &f->v[V_SEK], "test", ind.id, bad, p, &np, &e), E_INVALID);
    assert_int_equal(np, 3);
}

static void test_update_is_a_version(void **state)
{
    Fixture *f = *state;
    Indicator ind;
    Err e = {0};
    assert_int_equal(indicator_get_code(f->db, &f->arena, &f->v[V_SEK], "turnover_pct", &ind, &e), 0);
    IndicatorInput in = {0};
    in.v[IF_NAME] = "Turnover i departementene";
    in.v[IF_DECIMALS] = "2";
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np;
    assert_int_equal(indicator_update(f->db, &f->v[V_EMP], "test", ind.id, &in, p, &np, &e), E_FORBIDDEN);
    assert_int_equal(indicator_update(f->db, &f->v[V_SEK], "test", ind.id, &in, p, &np, &e), 0);
    Indicator now;
    assert_int_equal(indicator_get(f->db, &f->arena, &f->v[V_SEK], ind.id, &now, &e), 0);
    assert_string_equal(now.name, "Turnover i departementene");
    assert_int_equal(now.decimals, 2);
    assert_string_equal(now.code, "turnover_pct");
    RecordVersion *vs;
    size_t n;
    assert_int_equal(record_versions(f->db, &f->arena, &f->v[V_SEK], ind.id, &vs, &n, &e), 0);
    assert_int_equal(vs[0].nchanges, 2); /* name and decimals, nothing else */
    in.v[IF_DECIMALS] = "7";
    in.v[IF_BETTER] = "sideways";
    assert_int_equal(indicator_update(f->db, &f->v[V_SEK], "test", ind.id, &in, p, &np, &e), E_INVALID);
    assert_int_equal(np, 2);
}

static void test_restore_brings_old_values_back(void **state)
{
    Fixture *f = *state;
    Indicator ind;
    Err e = {0};
    assert_int_equal(indicator_get_code(f->db, &f->arena, &f->v[V_SEK], "ansatte", &ind, &e), 0);
    Record rec;
    assert_int_equal(record_get(f->db, &f->arena, &f->v[V_SEK], ind.id, &rec, &e), 0);
    int before = rec.version;
    const char *csv = "indikator;departement;periode;verdi\nansatte;KD;2024;999\nansatte;KD;2031;5\n";
    FigureImport imp;
    assert_int_equal(figure_import(f->db, &f->arena, &f->v[V_SEK], "test", "x.csv", csv, strlen(csv), true, &imp, &e), 0);
    IndicatorInput in = {0};
    in.v[IF_UNIT] = "hoder";
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np;
    assert_int_equal(indicator_update(f->db, &f->v[V_SEK], "test", ind.id, &in, p, &np, &e), 0);
    assert_int_equal(record_restore(f->db, &f->arena, &f->v[V_EMP], "test", ind.id, before, &e), E_FORBIDDEN);
    assert_int_equal(record_restore(f->db, &f->arena, &f->v[V_SEK], "test", ind.id, before, &e), 0);
    assert_int_equal(q_int(f, "SELECT x.value FROM indicator_value x JOIN indicator i ON i.id = x.indicator_id "
                              "JOIN ministry m ON m.id = x.ministry_id WHERE i.code = 'ansatte' AND m.code = 'KD' "
                              "AND x.period = '2024' AND ?1 = 0"), 340);
    assert_int_equal(q_int(f, "SELECT count(*) FROM indicator_value WHERE period = '2031' AND ?1 = 0"), 0);
    Indicator now;
    assert_int_equal(indicator_get(f->db, &f->arena, &f->v[V_SEK], ind.id, &now, &e), 0);
    assert_string_equal(now.unit, "personer");
}

static void test_period_and_number_rules(void **state)
{
    (void)state;
    assert_true(figure_period_valid("2024"));
    assert_true(figure_period_valid("2024T3"));
    assert_true(figure_period_valid("2024K4"));
    assert_true(figure_period_valid("2024M12"));
    assert_false(figure_period_valid("2024T4"));
    assert_false(figure_period_valid("2024K0"));
    assert_false(figure_period_valid("2024M13"));
    assert_false(figure_period_valid("1899"));
    assert_false(figure_period_valid("24"));
    Arena a = {0};
    assert_string_equal(figure_number(&a, 4637, 0, true), "4\xE2\x80\xAF" "637");
    assert_string_equal(figure_number(&a, 4637, 0, false), "4,637");
    assert_string_equal(figure_number(&a, -47.25, 1, true), "\xE2\x88\x92" "47,2");
    arena_free(&a);
}

/* ---- shared services ---------------------------------------------------------------- */

static int64_t service_id(Fixture *f, const char *code)
{
    Service *s;
    size_t n;
    assert_int_equal(service_list(f->db, &f->arena, &f->v[V_EMP], &s, &n, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        if (str_eq(s[i].code, code)) {
            return s[i].id;
        }
    }
    fail();
    return 0;
}

static bool has_figure(const ServiceView *sv, const char *ministry, const char *metric)
{
    for (size_t i = 0; i < sv->nfigs; i++) {
        if (str_eq(sv->figs[i].ministry, ministry) && str_eq(sv->figs[i].metric, metric)) {
            return true;
        }
    }
    return false;
}

static void test_internal_series_stay_off_the_public_side(void **state)
{
    Fixture *f = *state;
    int64_t ikt = service_id(f, "ikt");
    ServiceView pub, emp, asked;
    Err e = {0};
    assert_int_equal(service_view(f->db, &f->arena, &g_anonymous, false, ikt, "2025", &pub, &e), 0);
    assert_int_equal(service_view(f->db, &f->arena, &f->v[V_EMP], false, ikt, "2025", &emp, &e), 0);
    assert_int_equal(service_view(f->db, &f->arena, &f->v[V_EMP], true, ikt, "2025", &asked, &e), 0);
    assert_false(has_figure(&pub, "FIN", "fte"));
    assert_false(has_figure(&pub, "FIN", "cost"));
    assert_true(has_figure(&pub, "FIN", "sla_met"));
    assert_true(has_figure(&emp, "FIN", "fte"));
    assert_false(has_figure(&asked, "FIN", "fte")); /* public_only: as the public, whoever asks */
    assert_int_equal(pub.stats[0].n + 1, emp.stats[0].n);
    /* Marking KD's quality figures internal takes them off too; only the secretariat may. */
    assert_int_equal(service_series_mark(f->db, &f->v[V_KD], "test", ikt, "KD", "quality", "internal", &e), E_FORBIDDEN);
    assert_int_equal(service_series_mark(f->db, &f->v[V_SEK], "test", ikt, "KD", "quality", "internal", &e), 0);
    assert_int_equal(service_view(f->db, &f->arena, &g_anonymous, false, ikt, "2025", &pub, &e), 0);
    assert_false(has_figure(&pub, "KD", "satisfaction"));
    assert_true(has_figure(&pub, "KD", "fte"));
}

static void test_service_restore(void **state)
{
    Fixture *f = *state;
    int64_t ikt = service_id(f, "ikt");
    Err e = {0};
    Record rec;
    assert_int_equal(record_get(f->db, &f->arena, &f->v[V_SEK], ikt, &rec, &e), 0);
    int before = rec.version;
    assert_int_equal(service_figure_set(f->db, &f->v[V_SEK], "test", ikt, 0, "KD", "2025", "fte", "99", &e), 0);
    assert_int_equal(service_figure_set(f->db, &f->v[V_SEK], "test", ikt, 0, "KD", "2031", "fte", "1", &e), 0);
    assert_int_equal(service_series_mark(f->db, &f->v[V_SEK], "test", ikt, "KD", "quality", "internal", &e), 0);
    assert_int_equal(record_restore(f->db, &f->arena, &f->v[V_SEK], "test", ikt, before, &e), 0);
    ServiceView sv;
    assert_int_equal(service_view(f->db, &f->arena, &g_anonymous, false, ikt, "2025", &sv, &e), 0);
    assert_true(has_figure(&sv, "KD", "satisfaction"));   /* the marking is gone again */
    for (size_t i = 0; i < sv.nfigs; i++) {
        if (str_eq(sv.figs[i].ministry, "KD") && str_eq(sv.figs[i].metric, "fte")) {
            assert_true(sv.figs[i].value != 99);
        }
    }
    assert_int_equal(q_int(f, "SELECT count(*) FROM service_figure WHERE period = '2031' AND ?1 = 0"), 0);
}

static void test_service_rounds_share_the_round_lifecycle(void **state)
{
    Fixture *f = *state;
    int64_t ikt = service_id(f, "ikt");
    Err e = {0};
    int64_t rid;
    assert_int_equal(service_round_open(f->db, &f->v[V_KD], "test", "Fellestjenester 2026", "2027-02-01", &rid, &e),
                     E_FORBIDDEN);
    assert_int_equal(service_round_open(f->db, &f->v[V_SEK], "test", "Fellestjenester 2026", "2027-02-01", &rid, &e), 0);
    /* Not a measures round: the measure overview's lists do not show it. */
    Round *rounds;
    size_t n;
    assert_int_equal(round_list(f->db, &f->arena, &f->v[V_SEK], &rounds, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_not_equal(rounds[i].id, rid);
    }
    Round r;
    assert_int_equal(round_get(f->db, &f->arena, &f->v[V_SEK], rid, &r, &e), E_NOTFOUND);
    MinistryOption *missing;
    size_t nmissing;
    assert_int_equal(service_round_missing(f->db, &f->arena, &f->v[V_KD], rid, &missing, &nmissing, &e), E_FORBIDDEN);
    assert_int_equal(service_round_missing(f->db, &f->arena, &f->v[V_SEK], rid, &missing, &nmissing, &e), 0);
    assert_int_equal(nmissing, 17);
    /* KD's case officer reports KD's figure in the open round, not FIN's, and not without a round. */
    assert_int_equal(service_figure_set(f->db, &f->v[V_KD], "test", ikt, rid, "KD", "2026", "fte", "5,5", &e), 0);
    assert_int_equal(service_figure_set(f->db, &f->v[V_KD], "test", ikt, rid, "FIN", "2026", "fte", "5", &e),
                     E_FORBIDDEN);
    assert_int_equal(service_figure_set(f->db, &f->v[V_KD], "test", ikt, 0, "KD", "2026", "fte", "6", &e), E_FORBIDDEN);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE action = 'round.open' AND ?1 = 0"), 1);
    assert_int_equal(service_round_missing(f->db, &f->arena, &f->v[V_SEK], rid, &missing, &nmissing, &e), 0);
    assert_int_equal(nmissing, 16); /* KD has reported */
    /* A services round's deadline reminds nobody of measures (round_deadlines asks measure rounds
     * only), even in a period full of unreported measures; a measures round's does. */
    int64_t srid, mrid;
    assert_int_equal(round_open_collecting(f->db, &f->v[V_SEK], "test", "services", "Tjenester", "2027-03-01",
                                           "2021-2025", &srid, &e), 0);
    assert_int_equal(round_open_collecting(f->db, &f->v[V_SEK], "test", "measures", "Tiltak", "2027-03-01",
                                           "2021-2025", &mrid, &e), 0);
    RoundDeadline *due;
    size_t ndue;
    assert_int_equal(round_deadlines(f->db, &f->arena, "2027-03-01", &due, &ndue, &e), 0);
    const char *sprefix = arena_printf(&f->arena, "report-round:%lld:", (long long)srid);
    const char *mprefix = arena_printf(&f->arena, "report-round:%lld:", (long long)mrid);
    size_t measures_due = 0;
    for (size_t i = 0; i < ndue; i++) {
        assert_false(str_has_prefix(due[i].key, sprefix));
        measures_due += str_has_prefix(due[i].key, mprefix);
    }
    assert_true(measures_due > 0);
    assert_int_equal(service_round_close(f->db, &f->v[V_SEK], "test", rid, &e), 0);
    assert_int_equal(service_figure_set(f->db, &f->v[V_KD], "test", ikt, rid, "KD", "2026", "fte", "6", &e), E_CONFLICT);
    ServiceView sv;
    assert_int_equal(service_view(f->db, &f->arena, &f->v[V_EMP], false, ikt, "2026", &sv, &e), 0);
    assert_int_equal(sv.nfigs, 1);
    assert_true(sv.figs[0].value == 5.5 && sv.stats[0].median == 5.5);
}

static void test_median_and_spread(void **state)
{
    Fixture *f = *state;
    int64_t ikt = service_id(f, "ikt");
    Err e = {0};
    static const char *const codes[] = {"KD", "FIN", "UD", "BFD"};
    static const char *const values[] = {"1", "2", "3", "10"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(service_figure_set(f->db, &f->v[V_SEK], "test", ikt, 0, codes[i], "2030", "cost", values[i], &e), 0);
    }
    ServiceView sv;
    assert_int_equal(service_view(f->db, &f->arena, &f->v[V_EMP], false, ikt, "2030", &sv, &e), 0);
    const ServiceStat *cost = &sv.stats[1];
    assert_string_equal(cost->metric->code, "cost");
    assert_int_equal(cost->n, 4);
    assert_true(cost->median == 2.5 && cost->min == 1 && cost->max == 10);
    assert_true(fabs(cost->q1 - 1.75) < 1e-9 && fabs(cost->q3 - 4.75) < 1e-9);
}

/* ---- the community ------------------------------------------------------------------- */

static void test_community_counts_only_what_the_viewer_reads(void **state)
{
    Fixture *f = *state;
    CommunityMatrix pub, sek;
    Err e = {0};
    assert_int_equal(community_matrix(f->db, &f->arena, &g_anonymous, &pub, &e), 0);
    assert_int_equal(community_matrix(f->db, &f->arena, &f->v[V_KD], &sek, &e), 0);
    long a = 0, b = 0;
    for (size_t i = 0; i < pub.n * pub.n; i++) {
        a += pub.consult[i];
        b += sek.consult[i];
    }
    /* The demo's KD referral is restricted: the public counts none of its answers, KD's case officer does. */
    assert_true(b > a);
    /* Goal interactions: the demo's KD interaction against an HOD goal is
     * internal — KD's case officer counts it from KD to HOD, the public
     * counts no interaction at all. */
    long pi = 0;
    for (size_t i = 0; i < pub.n * pub.n; i++) {
        pi += pub.interactions[i];
    }
    assert_int_equal(pi, db_one_int(f->db, "SELECT count(*) FROM interaction x JOIN record r ON r.id = x.id "
                                           "WHERE r.visibility = 'public' AND r.exemption_basis IS NULL AND ?1 = ?1", 0, -1));
    size_t kd = sek.n, hod = sek.n;
    for (size_t i = 0; i < sek.n; i++) {
        kd = str_eq(sek.m[i].code, "KD") ? i : kd;
        hod = str_eq(sek.m[i].code, "HOD") ? i : hod;
    }
    assert_true(kd < sek.n && hod < sek.n);
    assert_true(sek.interactions[kd * sek.n + hod] >= 1);
    AnswerTime *t;
    size_t n;
    assert_int_equal(community_answer_times(f->db, &f->arena, &f->v[V_KD], &t, &n, &e), 0);
    assert_true(n >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_jsonstat_reads_index_forms_and_sparse_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonstat_reports_every_structural_problem, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonstat_written_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_checks_all_and_writes_nothing_on_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_preview_then_apply_then_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_the_secretariat_imports_and_enters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_is_a_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_brings_old_values_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_service_restore, setup, teardown),
        cmocka_unit_test_setup_teardown(test_period_and_number_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_internal_series_stay_off_the_public_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_service_rounds_share_the_round_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_median_and_spread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_community_counts_only_what_the_viewer_reads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
