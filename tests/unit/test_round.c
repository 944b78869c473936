/* test_round.c: unit tests for reporting rounds (src/app/round.c) and one
 * pass through the web pipeline (round_page.c, round_api.c).
 *
 * Each test gets a fresh in-memory database with the demo content (demo
 * users; 2021–2025 measures owned by DFD, FIN and SMK; 3.4 restricted to
 * DFD) and an arena; both are released in teardown.  sb.kd (a KD case
 * officer) is also given the case_officer role for DFD, so the owner of
 * 2.4 has a case officer; sb.bfd stays the case officer of another
 * ministry.  Requests through web_handle set r.viewer directly and carry
 * Host/Origin headers and the form token "tok"; each response is freed by
 * the next request or the teardown, so the ASan build checks for leaks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "app/measure/measure_edit.h"
#include "app/measure/round.h"
#include "base/collate.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

enum { V_SEK, V_KD, V_BFD, V_EMP, NV };

typedef struct Fixture {
    Db *db;
    Arena arena;        /* test allocations */
    Viewer v[NV];       /* sekretariat, sb.kd (KD + DFD), sb.bfd, ansatt.hod */
    int64_t m24;        /* measure 2.4 of 2021–2025, owned by DFD */
    Arena req_arena;    /* the current request's arena */
    Req r;
    int route;
} Fixture;

static const char *const g_users[NV] = {"sekretariat", "sb.kd", "sb.bfd", "ansatt.hod"};

static void viewer(Fixture *f, int w)
{
    User u;
    Err e = {0};
    assert_int_equal(user_find(f->db, &f->arena, g_users[w], &u, &e), 0);
    assert_int_equal(auth_viewer(f->db, &f->arena, u.id, &f->v[w], &e), 0);
    f->v[w].csrf = "tok";
}

/* The id of measure number in 2021–2025, read as the secretariat. */
static int64_t measure_id(Fixture *f, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                                "WHERE s.slug = '2021-2025' AND m.number = ?1");
    db_bind_text(s, 1, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    assert_true(id > 0);
    return id;
}

/* The first column of sql's first row with ?1 bound to arg; -1 when none. */
static int64_t q_int(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    assert_non_null(s);
    db_bind_text(s, 1, arg);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

#define audit_count(f, action) q_int(f, "SELECT count(*) FROM audit WHERE action = ?1", action)
#define report_count(f) q_int(f, "SELECT count(*) FROM measure_report WHERE ?1 IS NULL", NULL)
#define version_count(f, id)                                                                              \
    q_int(f, "SELECT count(*) FROM record_version WHERE record_id = CAST(?1 AS INTEGER)",                \
          arena_printf(&(f)->arena, "%lld", (long long)(id)))

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
    User kd;
    if (user_find(f.db, &f.arena, "sb.kd", &kd, &e) ||
        user_grant_role(f.db, NULL, "test", kd.id, "case_officer", "DFD", &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    *state = &f;
    for (int w = 0; w < NV; w++) {
        viewer(&f, w);
    }
    f.m24 = measure_id(&f, "2.4");
    return 0;
}

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->req_arena);
    memset(&f->r, 0, sizeof f->r);
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    arena_free(&f->arena);
    db_close(f->db);
    return 0;
}

/* Open a round as the secretariat for 2021–2025. */
static int64_t open_round(Fixture *f, const char *title, const char *deadline)
{
    int64_t id = 0;
    Err e = {0};
    /* Opened on 1 January 2020, so a deadline of the past can be made here
     * (round_open refuses a deadline before today). */
    setenv("SAMLA_TODAY", "2020-01-01", 1);
    int rc = round_open(f->db, &f->v[V_SEK], "test", title, deadline, "2021-2025", &id, &e);
    unsetenv("SAMLA_TODAY");
    if (rc) {
        fail_msg("round_open: %s", e.msg);
    }
    assert_true(id > 0);
    return id;
}

static int submit(Fixture *f, int who, int64_t round, int64_t measure, const char *status, const char *progress,
                  const char *risk, const char *text, const char **field, Err *e)
{
    ReportInput in = {.status = status, .progress = progress, .risk = risk, .text = text};
    int64_t id;
    return report_submit(f->db, &f->arena, &f->v[who], "test", round, measure, &in, &id, field, e);
}

/* ---- the model ------------------------------------------------------------- */

static void secretariat_opens_a_round(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = 0;
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "2. tertial 2026", "2100-09-15", NULL, &id, &e), 0);
    Round rd;
    assert_int_equal(round_get(f->db, &f->arena, &f->v[V_SEK], id, &rd, &e), 0);
    assert_string_equal(rd.title, "2. tertial 2026");
    assert_string_equal(rd.deadline, "2100-09-15");
    assert_string_equal(rd.strategy_slug, "2021-2025");   /* strategy_featured: the newest with measures */
    assert_string_equal(rd.opened_by, "sekretariat");
    assert_string_equal(rd.opened_by_name, "Sigrid Strand (DFD)");   /* people by name, with ministry */
    assert_true(rd.open);
    assert_false(rd.overdue);
    assert_null(rd.closed_at);
    assert_int_equal(rd.reported, 0);
    assert_int_equal(rd.expected, q_int(f, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id WHERE strategy_id = "
                                           "(SELECT id FROM strategy WHERE slug = '2021-2025') "
                                           "AND r.owner_ministry_id IS NOT NULL AND ?1 IS NULL "
                                           "AND m.status NOT IN ('completed', 'stopped', 'continued') "
                                           "AND (m.start_date IS NULL OR m.start_date <= '2100-09-15')", NULL));
    assert_int_equal(audit_count(f, "round.open"), 1);

    /* Refused: not the secretariat, bad input, the same open title again. */
    int64_t before = q_int(f, "SELECT count(*) FROM reporting_round WHERE ?1 IS NULL", NULL);
    assert_int_equal(round_open(f->db, &f->v[V_KD], "test", "X", "2100-09-15", NULL, &id, &e), E_FORBIDDEN);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "  ", "2100-09-15", NULL, &id, &e), E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "X", "2026-02-30", NULL, &id, &e), E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "X", "15.09.2026", NULL, &id, &e), E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "X", "2100-09-15", "1999", &id, &e), E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "HEMMELIG runde", "2100-09-15", NULL, &id, &e),
                     E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "2. tertial 2026", "2100-10-01", NULL, &id, &e),
                     E_CONFLICT);
    assert_int_equal(id, 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM reporting_round WHERE ?1 IS NULL", NULL), before);
    assert_int_equal(audit_count(f, "round.open"), 1);
    /* A deadline that has passed is refused; today is fine. */
    setenv("SAMLA_TODAY", "2026-06-15", 1);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "Sent", "2026-06-14", NULL, &id, &e), E_INVALID);
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "I dag", "2026-06-15", NULL, &id, &e), 0);
    const char *titles;
    assert_true(round_open_count(f->db, &f->arena, &f->v[V_SEK], NULL, &titles, &e) >= 1);
    assert_non_null(strstr(titles, "«I dag»"));
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", id, &e), 0);
    unsetenv("SAMLA_TODAY");
}

static void owner_reports_and_measure_changes(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    int64_t versions = version_count(f, f->m24);
    Measure m;
    assert_int_equal(measure_get(f->db, &f->arena, &f->v[V_KD], f->m24, &m, &e), 0);
    assert_string_equal(m.status, "in_progress");
    assert_int_equal(m.own_progress, 60);
    assert_null(m.risk);

    const char *field = "x";
    assert_int_equal(submit(f, V_KD, round, f->m24, "delayed", "70", "yellow", "Flyttingen tar lengre tid.", &field,
                            &e), 0);
    assert_null(field);
    Report rep;
    assert_int_equal(report_get(f->db, &f->arena, &f->v[V_EMP], round, f->m24, &rep, &e), 0);
    assert_string_equal(rep.status, "delayed");
    assert_string_equal(rep.status_label, "Forsinket");
    assert_int_equal(rep.progress, 70);
    assert_string_equal(rep.risk, "yellow");
    assert_string_equal(rep.text, "Flyttingen tar lengre tid.");
    assert_string_equal(rep.ministry_code, "DFD");
    assert_string_equal(rep.submitted_by, "sb.kd");
    assert_string_equal(rep.submitted_by_name, "Kari Knutsen (KD)");   /* people by name, with ministry */
    assert_false(rep.late);

    /* The measure follows the report, and its history says why. */
    assert_int_equal(measure_get(f->db, &f->arena, &f->v[V_EMP], f->m24, &m, &e), 0);
    assert_string_equal(m.status, "delayed");
    assert_int_equal(m.own_progress, 70);
    assert_string_equal(m.risk, "yellow");
    assert_int_equal(version_count(f, f->m24), versions + 1);
    MeasureVersion *mv;
    size_t nv;
    assert_int_equal(measure_versions(f->db, &f->arena, &f->v[V_SEK], f->m24, &mv, &nv, &e), 0);
    assert_true(nv >= 1);
    assert_string_equal(mv[0].comment, "Rapportert i 2. tertial 2026");
    assert_string_equal(mv[0].actor, "sb.kd");
    bool status = false, progress = false;
    for (size_t i = 0; i < mv[0].nchanges; i++) {   /* the history shows statuses by their labels */
        status |= str_eq(mv[0].changes[i].to, "Forsinket") && str_eq(mv[0].changes[i].from, "Pågår");
        progress |= str_eq(mv[0].changes[i].to, "70") && str_eq(mv[0].changes[i].from, "60");
    }
    assert_true(status && progress);
    assert_int_equal(audit_count(f, "report.submit"), 1);
    assert_int_equal(audit_count(f, "measure.update"), 1);
    int64_t rows, bad;
    assert_int_equal(audit_verify(f->db, &rows, &bad, &e), 0);

    /* The secretariat may report on the owner's behalf. */
    int64_t m11 = measure_id(f, "1.1");
    assert_int_equal(submit(f, V_SEK, round, m11, "in_progress", "45", "green", "På vegne av DFD.", NULL, &e), 0);
    assert_int_equal(report_get(f->db, &f->arena, &f->v[V_SEK], round, m11, &rep, &e), 0);
    assert_string_equal(rep.ministry_code, "DFD");
    assert_string_equal(rep.submitted_by_name, "Sigrid Strand (DFD)");
}

static void second_report_conflicts(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    assert_int_equal(submit(f, V_KD, round, f->m24, "in_progress", "65", "green", "Første.", NULL, &e), 0);
    int64_t versions = version_count(f, f->m24);
    assert_int_equal(submit(f, V_KD, round, f->m24, "completed", "100", "red", "Andre.", NULL, &e), E_CONFLICT);
    assert_non_null(strstr(e.msg, "allerede sendt inn en rapport for tiltak 2.4"));
    assert_int_equal(submit(f, V_SEK, round, f->m24, "completed", "100", "red", "Tredje.", NULL, &e), E_CONFLICT);
    assert_int_equal(report_count(f), 1);
    assert_int_equal(version_count(f, f->m24), versions);
    assert_int_equal(audit_count(f, "report.submit"), 1);
    Report rep;
    assert_int_equal(report_get(f->db, &f->arena, &f->v[V_SEK], round, f->m24, &rep, &e), 0);
    assert_string_equal(rep.text, "Første.");

    /* The next round takes a new report on the same measure. */
    int64_t next = open_round(f, "3. tertial 2026", "2100-12-31");
    assert_int_equal(submit(f, V_KD, next, f->m24, "in_progress", "75", "green", "Neste runde.", NULL, &e), 0);
    assert_int_equal(report_count(f), 2);
}

static void other_ministry_is_forbidden(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    int64_t versions = version_count(f, f->m24), audits = q_int(f, "SELECT count(*) FROM audit WHERE ?1 IS NULL", NULL);
    assert_int_equal(submit(f, V_BFD, round, f->m24, "completed", "100", "green", "Ikke mitt.", NULL, &e),
                     E_FORBIDDEN);
    assert_int_equal(submit(f, V_EMP, round, f->m24, "completed", "100", "green", "Ikke mitt.", NULL, &e),
                     E_FORBIDDEN);
    /* A FIN measure is not sb.kd's either, even with DFD among its scopes. */
    assert_int_equal(submit(f, V_KD, round, measure_id(f, "1.5"), "planned", "5", "green", "Nei.", NULL, &e),
                     E_FORBIDDEN);
    /* 3.4 is restricted to DFD's own staff (and BFD): sb.kd works in KD, so
     * for sb.kd it does not exist, whatever the report scope says. */
    assert_int_equal(submit(f, V_KD, round, measure_id(f, "3.4"), "planned", "5", "green", "Nei.", NULL, &e),
                     E_NOTFOUND);
    /* No such round, a measure of another strategy. */
    assert_int_equal(submit(f, V_KD, round + 99, f->m24, "planned", "5", "green", "Nei.", NULL, &e), E_NOTFOUND);
    assert_int_equal(report_count(f), 0);
    assert_int_equal(version_count(f, f->m24), versions);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE ?1 IS NULL", NULL), audits);
    Measure m;
    assert_int_equal(measure_get(f->db, &f->arena, &f->v[V_SEK], f->m24, &m, &e), 0);
    assert_string_equal(m.status, "in_progress");
}

static void bad_input_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    static const struct {
        const char *status, *progress, *risk, *text, *field;
    } bad[] = {
        {"nope", "50", "green", "T", "status"},       {NULL, "50", "green", "T", "status"},
        {"in_progress", "101", "green", "T", "progress"}, {"in_progress", "-1", "green", "T", "progress"},
        {"in_progress", "5x", "green", "T", "progress"},  {"in_progress", NULL, "green", "T", "progress"},
        {"in_progress", "50", "blue", "T", "risk"},       {"in_progress", "50", NULL, "T", "risk"},
        {"in_progress", "50", "green", " \n ", "text"},   {"in_progress", "50", "green", NULL, "text"},
        {"in_progress", "50", "green", "Dette er KONFIDENSIELT.", "text"},
    };
    for (size_t i = 0; i < COUNT(bad); i++) {
        const char *field = NULL;
        int rc = submit(f, V_KD, round, f->m24, bad[i].status, bad[i].progress, bad[i].risk, bad[i].text, &field, &e);
        if (rc != E_INVALID || !str_eq(field, bad[i].field)) {
            fail_msg("case %zu: rc %d field %s, want E_INVALID on %s (%s)", i, rc, field ? field : "-", bad[i].field,
                     e.msg);
        }
    }
    assert_int_equal(report_count(f), 0);
    assert_int_equal(audit_count(f, "report.submit"), 0);
}

static void overview_lists_reported_and_not(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "1. tertial 2026", "2025-01-31");   /* already past: reports are late */
    assert_int_equal(submit(f, V_KD, round, f->m24, "in_progress", "65", "red", "Sent, men med.", NULL, &e), 0);

    /* The secretariat: every owned measure, reported or not, per ministry. */
    RoundView rv;
    assert_int_equal(round_view(f->db, &f->arena, &f->v[V_SEK], round, &rv, &e), 0);
    assert_true(rv.full);
    int64_t owned = q_int(f, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id JOIN strategy s ON s.id = m.strategy_id "
                             "WHERE s.slug = '2021-2025' AND r.owner_ministry_id IS NOT NULL AND ?1 IS NULL "
                             "AND ((m.status NOT IN ('completed', 'stopped', 'continued') "
                             "AND (m.start_date IS NULL OR m.start_date <= '2025-01-31')) OR m.number = '2.4')", NULL);
    int64_t dfd = q_int(f, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id JOIN strategy s ON s.id = m.strategy_id "
                           "JOIN ministry mi ON mi.id = r.owner_ministry_id WHERE s.slug = '2021-2025' AND mi.code = ?1 "
                           "AND ((m.status NOT IN ('completed', 'stopped', 'continued') "
                           "AND (m.start_date IS NULL OR m.start_date <= '2025-01-31')) OR m.number = '2.4')", "DFD");
    assert_int_equal(rv.nitems, owned);
    assert_int_equal(rv.round.expected, owned);
    assert_int_equal(rv.round.reported, 1);
    size_t reported = 0;
    for (size_t i = 0; i < rv.nitems; i++) {
        assert_non_null(rv.items[i].m.owner_code);
        if (rv.items[i].report) {
            reported++;
            assert_int_equal(rv.items[i].m.id, f->m24);
            assert_true(rv.items[i].report->late);
            assert_string_equal(rv.items[i].report->risk, "red");
            assert_false(rv.items[i].can_report);
        } else {
            assert_true(rv.items[i].can_report);   /* the secretariat may report on the owner's behalf */
        }
    }
    assert_int_equal(reported, 1);
    /* Per ministry, in Norwegian order of name (the demo has DFD, FIN,
     * SMK and the former KMD as owners). */
    /* The round opened on 2025-01-31's eve: the measures of the owners of
     * that day, counted per ministry as the items say. */
    int found = 0;
    for (size_t i = 0; i < rv.nministries; i++) {
        const RoundMinistry *rm = &rv.ministries[i];
        if (i > 0 && collate_nb_str(rv.ministries[i - 1].name, rm->name) >= 0) {
            fail_msg("ministries not in Norwegian order: %s before %s", rv.ministries[i - 1].name, rm->name);
        }
        int want = 0;
        for (size_t k = 0; k < rv.nitems; k++) {
            want += str_eq(rv.items[k].report ? rv.items[k].report->ministry_code : rv.items[k].m.owner_code, rm->code);
        }
        assert_int_equal(rm->expected, want);
        assert_int_equal(rm->reported, str_eq(rm->code, "DFD"));
        found += str_eq(rm->code, "DFD") + str_eq(rm->code, "FIN") + str_eq(rm->code, "SMK");
    }
    assert_true(found >= 2);

    /* sb.kd (case officer for DFD): DFD's measures it may see — not 3.4 —
     * with what is still due; nothing of FIN or SMK. */
    assert_int_equal(round_view(f->db, &f->arena, &f->v[V_KD], round, &rv, &e), 0);
    assert_false(rv.full);
    assert_null(rv.ministries);
    int64_t m34 = measure_id(f, "3.4");
    assert_int_equal(rv.nitems, dfd - 1);
    for (size_t i = 0; i < rv.nitems; i++) {
        assert_string_equal(rv.items[i].m.owner_code, "DFD");
        assert_true(rv.items[i].m.id != m34);
        assert_true(rv.items[i].can_report == (rv.items[i].report == NULL));
    }
    assert_int_equal(rv.round.due, dfd - 2);
    Round *rs;
    size_t n;
    assert_int_equal(round_list(f->db, &f->arena, &f->v[V_KD], &rs, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(rs[0].due, dfd - 2);
    assert_int_equal(rs[0].expected, owned - 1);   /* 3.4 is not counted for sb.kd */
    assert_true(rs[0].overdue);

    /* An employee elsewhere: only the report. */
    assert_int_equal(round_view(f->db, &f->arena, &f->v[V_EMP], round, &rv, &e), 0);
    assert_int_equal(rv.nitems, 1);
    assert_non_null(rv.items[0].report);
    assert_int_equal(rv.round.due, 0);

    /* Open rounds first. */
    int64_t later = open_round(f, "2. tertial 2026", "2026-09-15");
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", later, &e), 0);
    int64_t newest = open_round(f, "3. tertial 2026", "2027-01-15");
    assert_int_equal(round_list(f->db, &f->arena, &f->v[V_EMP], &rs, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(rs[0].id, newest);
    assert_int_equal(rs[1].id, round);
    assert_int_equal(rs[2].id, later);
    assert_int_equal(round_list(f->db, &f->arena, &g_anonymous, &rs, &n, &e), E_FORBIDDEN);
    assert_int_equal(round_get(f->db, &f->arena, &g_anonymous, round, &rs[0], &e), E_NOTFOUND);
}

/* A round asks for what is going on in its period: no finished measure,
 * and a renamed ministry's measures from its successor (KMD → KDD). */
static void rounds_match_reality(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = 0;
    assert_int_equal(round_open(f->db, &f->v[V_SEK], "test", "Nå", "2100-01-31", "2021-2025", &id, &e), 0);
    RoundView rv;
    assert_int_equal(round_view(f->db, &f->arena, &f->v[V_SEK], id, &rv, &e), 0);
    int64_t kmd = q_int(f, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id JOIN ministry mi ON "
                           "mi.id = r.owner_ministry_id JOIN strategy s ON s.id = m.strategy_id WHERE s.slug = "
                           "'2021-2025' AND mi.code = ?1 AND m.status NOT IN ('completed', 'stopped', 'continued')",
                    "KMD");
    int64_t kdd = 0;
    for (size_t i = 0; i < rv.nitems; i++) {
        assert_string_not_equal(rv.items[i].m.owner_code, "KMD");
        assert_string_not_equal(rv.items[i].m.status, "completed");
        assert_string_not_equal(rv.items[i].m.status, "stopped");
        kdd += str_eq(rv.items[i].m.owner_code, "KDD");
    }
    assert_true(kdd >= kmd);
    for (size_t i = 0; i < rv.nministries; i++) {
        assert_string_not_equal(rv.ministries[i].code, "KMD");
    }
}

static void reports_are_kept_as_submitted(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    assert_int_equal(submit(f, V_KD, round, f->m24, "in_progress", "65", "green", "Som sendt.", NULL, &e), 0);
    assert_int_not_equal(db_exec(f->db, "UPDATE measure_report SET text = 'endret'", &e), 0);
    assert_int_not_equal(db_exec(f->db, "UPDATE measure_report SET risk = 'red'", &e), 0);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM measure_report", &e), 0);
    assert_int_equal(report_count(f), 1);
    Report rep;
    assert_int_equal(report_get(f->db, &f->arena, &f->v[V_SEK], round, f->m24, &rep, &e), 0);
    assert_string_equal(rep.text, "Som sendt.");
    assert_string_equal(rep.risk, "green");
}

static void closing_stops_reports(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t round = open_round(f, "2. tertial 2026", "2100-12-31");
    assert_int_equal(round_close(f->db, &f->v[V_KD], "test", round, &e), E_FORBIDDEN);
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", round + 99, &e), E_NOTFOUND);
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", round, &e), 0);
    assert_int_equal(audit_count(f, "round.close"), 1);
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", round, &e), E_CONFLICT);
    /* The secretariat can reopen it; a case officer cannot; it is audited. */
    assert_int_equal(round_reopen(f->db, &f->v[V_KD], "test", round, &e), E_FORBIDDEN);
    assert_int_equal(round_reopen(f->db, &f->v[V_SEK], "test", round, &e), 0);
    assert_int_equal(round_reopen(f->db, &f->v[V_SEK], "test", round, &e), E_CONFLICT);
    Round again;
    assert_int_equal(round_get(f->db, &f->arena, &f->v[V_SEK], round, &again, &e), 0);
    assert_true(again.open);
    assert_non_null(again.reopened_at);
    assert_int_equal(audit_count(f, "round.reopen"), 1);
    assert_int_equal(round_close(f->db, &f->v[V_SEK], "test", round, &e), 0);
    assert_int_equal(audit_count(f, "round.close"), 2);
    Round rd;
    assert_int_equal(round_get(f->db, &f->arena, &f->v[V_SEK], round, &rd, &e), 0);
    assert_false(rd.open);
    assert_non_null(rd.closed_at);
    assert_int_equal(submit(f, V_KD, round, f->m24, "in_progress", "65", "green", "For sent.", NULL, &e), E_CONFLICT);
    assert_non_null(strstr(e.msg, "avsluttet"));
    assert_int_equal(report_count(f), 0);
    RoundView rv;
    assert_int_equal(round_view(f->db, &f->arena, &f->v[V_KD], round, &rv, &e), 0);
    for (size_t i = 0; i < rv.nitems; i++) {
        assert_false(rv.items[i].can_report);
    }
    assert_int_equal(rv.round.due, 0);
}

/* ---- through the web pipeline ---------------------------------------------- */

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    if (strcasecmp(name, "Host") == 0) {
        return "t";
    }
    if (strcasecmp(name, "Origin") == 0) {
        return "http://t";
    }
    if (strcasecmp(name, "X-CSRF-Token") == 0) {
        return "tok";   /* JSON calls with a session send the form token here */
    }
    return NULL;
}

static Req *send(Fixture *f, int who, const char *method, const char *path, const char *body)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    char *p = arena_strdup(&f->req_arena, path), *query = strchr(p, '?');
    if (query) {
        *query++ = '\0';
    }
    WebRequest in = {.method = method, .path = p, .query = query, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] == '{' ? "application/json" : "application/x-www-form-urlencoded",
                     .request_id = "round-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static const char *location(const Req *r)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], "Location") == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

static void assert_page(const Req *r, const char *text)
{
    const char *body = buf_str(&r->body);
    assert_int_equal(occurrences(body, "<h1"), 1);
    if (text && !strstr(body, text)) {
        fail_msg("page lacks «%s»", text);
    }
}

static void report_form_through_the_router(void **state)
{
    Fixture *f = *state;
    /* Every problem of the new-round form at once. */
    Req *r = send(f, V_SEK, "POST", "/rounds", "csrf=tok&title=+&deadline=2020-01-01&strategy=2021-2025");
    assert_int_equal(r->status, 400);
    assert_page(r, "<a class=\"ds-link\" href=\"#title\">Tittel må fylles ut.</a>");
    assert_page(r, "<a class=\"ds-link\" href=\"#deadline\">Fristen kan ikke være passert.");
    r = send(f, V_SEK, "POST", "/rounds", "csrf=tok&title=2.+tertial+2026&deadline=2100-12-31&strategy=2021-2025");
    assert_int_equal(r->status, 303);
    const char *loc = location(r);
    assert_non_null(loc);
    long long round;
    assert_non_null(strstr(loc, "?done=reporting_opened"));
    round = atoll(loc + strlen("/rounds/"));
    assert_true(round > 0);
    char page[64], form[96];
    snprintf(page, sizeof page, "/rounds/%lld", round);
    snprintf(form, sizeof form, "/rounds/%lld/measures/%lld", round, (long long)f->m24);

    r = send(f, V_KD, "GET", form, NULL);
    assert_int_equal(r->status, 200);
    assert_page(r, "<legend class=\"ds-label\">Risiko</legend>");
    assert_non_null(strstr(buf_str(&r->body), "<label class=\"ds-label\" for=\"text\">"));
    assert_non_null(strstr(buf_str(&r->body), "name=\"csrf\" value=\"tok\""));
    assert_int_equal(send(f, V_BFD, "GET", form, NULL)->status, 403);

    const char *body = "csrf=tok&status=in_progress&progress=65&risk=yellow&text=Alt+g%C3%A5r+etter+planen.";
    r = send(f, V_BFD, "POST", form, body);
    assert_int_equal(r->status, 403);
    assert_int_equal(report_count(f), 0);
    r = send(f, V_KD, "POST", form, "csrf=tok&status=in_progress&progress=650&risk=yellow&text=x");
    assert_int_equal(r->status, 400);
    assert_page(r, "Fremdrift må være et helt tall fra 0 til 100.");
    assert_non_null(strstr(buf_str(&r->body), "aria-invalid=\"true\""));
    /* Every problem at once, in a summary that links to each field. */
    r = send(f, V_KD, "POST", form, "csrf=tok&status=bogus&progress=650&text=+");
    assert_int_equal(r->status, 400);
    assert_page(r, "<div class=\"ds-error-summary\"");
    assert_page(r, "<a class=\"ds-link\" href=\"#status\">Velg en status fra listen.</a>");
    assert_page(r, "<a class=\"ds-link\" href=\"#progress\">Fremdrift må være et helt tall fra 0 til 100.</a>");
    assert_page(r, "<a class=\"ds-link\" href=\"#risk-green\">Velg risiko: grønn, gul eller rød.</a>");
    assert_page(r, "<a class=\"ds-link\" href=\"#text\">Rapporten må fylles ut.</a>");
    assert_int_equal(report_count(f), 0);
    r = send(f, V_KD, "POST", form, body);
    assert_int_equal(r->status, 303);
    char done[128];
    snprintf(done, sizeof done, "%s?done=reported&measure=%lld", page, (long long)f->m24);
    assert_string_equal(location(r), done);
    assert_int_equal(report_count(f), 1);
    assert_page(send(f, V_KD, "GET", done, NULL), "Rapporten for 2.4 er sendt.");
    r = send(f, V_KD, "POST", form, body);
    assert_int_equal(r->status, 409);
    assert_page(r, "En innsendt rapport kan ikke endres.");
    assert_int_equal(report_count(f), 1);

    r = send(f, V_SEK, "GET", page, NULL);
    assert_int_equal(r->status, 200);
    assert_page(r, "1 av ");
    assert_non_null(strstr(buf_str(&r->body), "Alt går etter planen."));
    assert_non_null(strstr(buf_str(&r->body), "<caption class=\"ds-sr-only\">Rapportert per departement</caption>"));
    assert_page(send(f, V_KD, "GET", "/rounds", NULL), "2. tertial 2026");
    assert_page(send(f, V_SEK, "GET", "/rounds/new", NULL), "<select class=\"ds-input\" id=\"strategy\"");

    /* The API: a report, the round with who has not reported, closing. */
    char api[64];
    snprintf(api, sizeof api, "/api/v1/rounds/%lld/reports", round);
    char *json = arena_printf(&f->arena, "{\"measure_id\":%lld,\"status\":\"planned\",\"progress\":10,"
                                         "\"risk\":\"green\",\"text\":\"Via API.\"}", (long long)measure_id(f, "1.1"));
    r = send(f, V_KD, "POST", api, json);
    assert_int_equal(r->status, 201);
    r = send(f, V_KD, "POST", api, json);
    assert_int_equal(r->status, 409);
    snprintf(api, sizeof api, "/api/v1/rounds/%lld", round);
    r = send(f, V_SEK, "GET", api, NULL);
    assert_int_equal(r->status, 200);
    json_t *v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_non_null(v);
    assert_int_equal(json_array_size(json_object_get(v, "reports")), 2);
    assert_int_equal(json_array_size(json_object_get(v, "not_reported")) + 2,
                     json_integer_value(json_object_get(v, "expected")));
    assert_true(json_array_size(json_object_get(v, "ministries")) >= 3);
    json_decref(v);
    snprintf(page, sizeof page, "/rounds/%lld/close", round);
    assert_int_equal(send(f, V_SEK, "POST", page, "csrf=tok")->status, 303);
    r = send(f, V_KD, "GET", form, NULL);
    assert_int_equal(r->status, 200);   /* the submitted report, as it was */
    assert_page(r, "Innsendt rapport");
}

int main(void)
{
    /* The fixture's day: 2021–2025 is in force, and the demo's dates
     * (deadlines, milestones) fall around it. */
    setenv("SAMLA_TODAY", "2024-11-15", 1);
    if (!auth_init()) {
        return 1;
    }
    web_init();
#define UT(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        UT(secretariat_opens_a_round),
        UT(owner_reports_and_measure_changes),
        UT(second_report_conflicts),
        UT(other_ministry_is_forbidden),
        UT(bad_input_writes_nothing),
        UT(overview_lists_reported_and_not),
        UT(rounds_match_reality),
        UT(reports_are_kept_as_submitted),
        UT(closing_stops_reports),
        UT(report_form_through_the_router),
    };
    return cmocka_run_group_tests_name("round", tests, NULL, NULL);
}
