/* test_edition.c: unit tests for editions of the measure overview
 * (src/app/edition.c) and their pages and API through web_handle.
 *
 * Each test gets a fresh in-memory database with the migrations and the
 * demo content (users, marked measures: 2.5 internal, 3.4 restricted to
 * DFD with access for BFD, 1.7 exempt with a public title), and an arena;
 * both are released in teardown.  auth_init and web_init run once in main.
 * compare_500_measures prints how long a comparison of 500 measures takes
 * (it does not assert a time: machines differ).
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
#include <time.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "app/measure/edition.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

typedef struct Fixture {
    Db *db;
    Arena arena;      /* the test's allocations */
    Arena req_arena;  /* the current web request's */
    Req r;
    Viewer sec;       /* the secretariat (sekretariat) */
    int64_t strategy; /* 2021–2025 */
} Fixture;

static void req_done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->req_arena);
    memset(&f->r, 0, sizeof f->r);
}

static Viewer viewer_of(Fixture *f, const char *username)
{
    User u;
    Viewer v;
    Err e = {0};
    if (user_find(f->db, &f->arena, username, &u, &e) || auth_viewer(f->db, &f->arena, u.id, &v, &e)) {
        fail_msg("viewer %s: %s", username, e.msg);
    }
    return v;
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
    f.sec = viewer_of(&f, "sekretariat");
    Strategy st;
    if (strategy_get(f.db, &f.arena, &g_anonymous, "2021-2025", &st, &e)) {
        return -1;
    }
    f.strategy = st.id;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    req_done(f);
    arena_free(&f->arena);
    db_close(f->db);
    return 0;
}

static int64_t publish(Fixture *f, const Viewer *v, const char *title, Err *e)
{
    int64_t id = 0;
    int rc = edition_publish(f->db, &f->arena, v, "test", f->strategy, title, "Godkjent i Strategisk forum.", &id, e);
    return rc ? rc : id;
}

static int64_t measure_id(Fixture *f, const char *number)
{
    MeasureFilter mf = {.strategy_id = f->strategy};
    Measure *m;
    size_t n;
    assert_int_equal(measure_list(f->db, &f->arena, &f->sec, &mf, &m, &n, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        if (str_eq(m[i].number, number)) {
            return m[i].id;
        }
    }
    fail_msg("no measure %s", number);
    return 0;
}

static const char *measure_title(Fixture *f, const char *number)
{
    Measure m;
    assert_int_equal(measure_get(f->db, &f->arena, &f->sec, measure_id(f, number), &m, NULL), 0);
    return m.title;
}

static const EditionItem *item(const Edition *ed, const char *number)
{
    for (size_t i = 0; i < ed->nitems; i++) {
        if (str_eq(ed->items[i].number, number)) {
            return &ed->items[i];
        }
    }
    return NULL;
}

static const Change *change(const Comparison *c, ChangeKind k, const char *number)
{
    for (size_t i = 0; i < c->n[k]; i++) {
        if (str_eq(c->changes[k][i].number, number)) {
            return &c->changes[k][i];
        }
    }
    return NULL;
}

static void save(Fixture *f, int64_t id, MeasureText *t)
{
    FieldError *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (measure_save(f->db, &f->arena, &f->sec, "test", id, t, 0, "test", &out, &errs, &nerr, &e)) {
        fail_msg("measure_save: %s", e.msg);
    }
}

/* ---- the access rule --------------------------------------------------------- */

static void visible_rule(void **state)
{
    (void)state;
    Viewer emp = {.user_id = 5, .ministry_code = "HOD", .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL};
    Viewer dfd = emp, all = {.user_id = 2, .caps = CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES};
    dfd.ministry_code = "DFD";
    EditionItem pub = {.visibility = "public", .title = "T"};
    EditionItem ex = {.visibility = "public", .exemption_basis = "offl-22", .public_title = "P"};
    EditionItem ex_hidden = {.visibility = "public", .exemption_basis = "offl-22"};
    EditionItem in = {.visibility = "internal"};
    EditionItem re = {.visibility = "restricted", .owner_code = "DFD"};
    EditionItem re_granted = {.visibility = "restricted", .owner_code = "DFD", .granted = true};
    bool m;
    assert_true(edition_visible(&g_anonymous, &pub, &m) && !m);
    assert_true(edition_visible(&g_anonymous, &ex, &m) && m);
    assert_false(edition_visible(&g_anonymous, &ex_hidden, &m));
    assert_false(edition_visible(&g_anonymous, &in, &m));
    assert_false(edition_visible(&g_anonymous, &re, &m));
    assert_false(edition_visible(&g_anonymous, &re_granted, &m));   /* grants need a signed-in user */
    assert_true(edition_visible(&emp, &ex, &m) && !m);
    assert_true(edition_visible(&emp, &ex_hidden, &m) && !m);
    assert_true(edition_visible(&emp, &in, &m));
    assert_false(edition_visible(&emp, &re, &m));
    assert_true(edition_visible(&emp, &re_granted, &m));
    assert_true(edition_visible(&dfd, &re, &m));
    assert_true(edition_visible(&all, &re, &m) && !m);
    EditionItem odd = {.visibility = "secret"};
    assert_false(edition_visible(&emp, &odd, &m));
    assert_true(edition_visible(&all, &odd, &m));
}

/* For every demo user and the public, an edition published now shows
 * exactly what measure_list (the SQL rule) shows, with the same titles. */
static void visible_rule_matches_sql(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    /* More cases: a user grant, and an exempt public measure without a public title. */
    assert_int_equal(db_exec(f->db, "INSERT INTO access_grant (record_id, user_id, granted_at) "
                                    "SELECT m.id, a.id, '2026-01-01' FROM measure m, account a "
                                    "WHERE m.strategy_id = 2 AND m.number = '3.4' AND a.username = 'ansatt.hod';"
                                    "UPDATE record SET exemption_basis = 'offl-14' WHERE id = (SELECT id FROM measure "
                                    "WHERE strategy_id = 2 AND number = '3.3');", &e), 0);
    int64_t id = publish(f, &f->sec, "Utgave 1", &e);
    assert_true(id > 0);
    static const char *users[] = {NULL, "admin", "sekretariat", "dr.bfd", "sb.kd", "sb.bfd", "ansatt.hod", "tv.ntl"};
    for (size_t u = 0; u < COUNT(users); u++) {
        Viewer v = users[u] ? viewer_of(f, users[u]) : g_anonymous;
        Edition ed;
        Measure *m;
        size_t n;
        MeasureFilter mf = {.strategy_id = f->strategy};
        assert_int_equal(edition_get(f->db, &f->arena, &v, id, &ed, &e), 0);
        assert_int_equal(measure_list(f->db, &f->arena, &v, &mf, &m, &n, &e), 0);
        if (ed.nitems != n) {
            fail_msg("%s: edition shows %zu measures, the live list %zu", v.username, ed.nitems, n);
        }
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(ed.items[i].id, m[i].id);
            assert_string_equal(ed.items[i].title, m[i].title);
            assert_int_equal(ed.items[i].masked, m[i].masked);
        }
    }
}

/* ---- publishing ---------------------------------------------------------------- */

static void publish_checks_rights_and_text(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Viewer kd = viewer_of(f, "sb.kd");
    assert_int_equal(publish(f, &kd, "Utgave", &e), E_FORBIDDEN);
    assert_int_equal(publish(f, &g_anonymous, "Utgave", &e), E_FORBIDDEN);
    Viewer ro = f->sec;
    ro.read_only = true;
    assert_int_equal(publish(f, &ro, "Utgave", &e), E_FORBIDDEN);
    assert_int_equal(publish(f, &f->sec, "", &e), E_INVALID);
    assert_int_equal(publish(f, &f->sec, "  ", &e), E_INVALID);
    assert_int_equal(publish(f, &f->sec, "To\nlinjer", &e), E_INVALID);
    assert_int_equal(publish(f, &f->sec, "Utgave HEMMELIG", &e), E_INVALID);
    assert_non_null(strstr(e.msg, "sikkerhetsgrad"));
    char long_title[EDITION_TITLE_MAX + 2];
    memset(long_title, 'a', sizeof long_title - 1);
    long_title[sizeof long_title - 1] = 0;
    assert_int_equal(publish(f, &f->sec, long_title, &e), E_INVALID);
    int64_t id;
    char *long_note = arena_alloc(&f->arena, EDITION_NOTE_MAX + 2);
    memset(long_note, 'b', EDITION_NOTE_MAX + 1);
    assert_int_equal(edition_publish(f->db, &f->arena, &f->sec, "t", f->strategy, "U", long_note, &id, &e), E_INVALID);
    assert_int_equal(edition_publish(f->db, &f->arena, &f->sec, "t", 999, "U", NULL, &id, &e), E_NOTFOUND);
    Edition *list;
    size_t n;
    assert_int_equal(edition_list(f->db, &f->arena, &f->sec, 0, &list, &n, &e), 0);
    assert_int_equal(n, 0);   /* nothing was written */
    long_title[EDITION_TITLE_MAX] = 0;   /* exactly the maximum */
    assert_true(publish(f, &f->sec, long_title, &e) > 0);
}

static void publish_audits_and_freezes(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = publish(f, &f->sec, "Tiltaksoversikt november 2026", &e);
    assert_true(id > 0);
    Viewer admin = viewer_of(f, "admin");
    AuditFilter af = {.action = "edition.publish", .limit = 10};
    AuditRow *rows;
    size_t n;
    assert_int_equal(audit_list(f->db, &f->arena, &admin, &af, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].actor, "sekretariat");
    assert_string_equal(rows[0].object_type, "edition");
    assert_non_null(strstr(rows[0].summary, "Tiltaksoversikt november 2026"));
    assert_int_not_equal(db_exec(f->db, "UPDATE edition SET title = 'Endret'", &e), 0);
    assert_int_not_equal(db_exec(f->db, "UPDATE edition SET snapshot = '[]'", &e), 0);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM edition", &e), 0);
    Edition ed;
    assert_int_equal(edition_get(f->db, &f->arena, &f->sec, id, &ed, &e), 0);
    assert_string_equal(ed.title, "Tiltaksoversikt november 2026");
    assert_string_equal(ed.approval_note, "Godkjent i Strategisk forum.");
    assert_string_equal(ed.published_by, "Sigrid Strand");
    assert_int_equal(ed.prev_id, 0);
    assert_int_equal(ed.nitems, 22);   /* every measure, the secretariat sees all */
    const EditionItem *it = item(&ed, "1.7");
    assert_non_null(it);
    assert_string_equal(it->exemption_basis, "offl-22");
    assert_string_equal(it->public_title, "Samarbeid om budsjettposter på tvers");
    assert_false(it->masked);
    assert_int_equal(edition_get(f->db, &f->arena, &f->sec, id + 1, &ed, &e), E_NOTFOUND);
}

/* ---- reading as the public ------------------------------------------------------ */

static void public_sees_only_public(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = publish(f, &f->sec, "Utgave 1", &e);
    assert_true(id > 0);
    Edition ed;
    assert_int_equal(edition_get(f->db, &f->arena, &g_anonymous, id, &ed, &e), 0);
    assert_null(item(&ed, "2.5"));
    assert_null(item(&ed, "3.4"));
    const EditionItem *it = item(&ed, "1.7");
    assert_non_null(it);
    assert_true(it->masked);
    assert_string_equal(it->title, "Samarbeid om budsjettposter på tvers");
    assert_null(ed.published_by);   /* names are for colleagues */
    const char *real = measure_title(f, "1.7");
    for (size_t i = 0; i < ed.nitems; i++) {
        assert_string_not_equal(ed.items[i].title, real);
    }
    MeasureFilter mf = {.strategy_id = f->strategy};
    Measure *m;
    size_t n;
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &mf, &m, &n, &e), 0);
    assert_int_equal(ed.nitems, n);
    assert_int_equal(ed.nitems, 20);
    /* The restricted measure is visible to BFD (grant) and DFD (owner), not KD. */
    Viewer bfd = viewer_of(f, "sb.bfd"), kd = viewer_of(f, "sb.kd"), admin = viewer_of(f, "admin");
    assert_int_equal(edition_get(f->db, &f->arena, &bfd, id, &ed, &e), 0);
    assert_non_null(item(&ed, "3.4"));
    assert_int_equal(edition_get(f->db, &f->arena, &kd, id, &ed, &e), 0);
    assert_null(item(&ed, "3.4"));
    assert_non_null(item(&ed, "2.5"));
    assert_int_equal(ed.nitems, 21);
    assert_int_equal(edition_get(f->db, &f->arena, &admin, id, &ed, &e), 0);
    assert_non_null(item(&ed, "3.4"));
}

/* ---- comparing -------------------------------------------------------------------- */

static void compare_finds_changes(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t first = publish(f, &f->sec, "Utgave 1", &e);
    assert_true(first > 0);
    MeasureText t = {0};
    t.v[MF_STATUS] = "delayed";
    save(f, measure_id(f, "2.4"), &t);
    memset(&t, 0, sizeof t);
    t.v[MF_STATUS] = "completed";   /* internal: only colleagues may see that it changed */
    save(f, measure_id(f, "2.5"), &t);
    memset(&t, 0, sizeof t);
    t.v[MF_STRATEGY] = "2021-2025";
    t.v[MF_NUMBER] = "3.7";
    t.v[MF_TITLE] = "Felles rammeverk for deling av data";
    t.v[MF_GOAL_AREA] = "3";
    t.v[MF_PRIORITY] = "high";
    save(f, 0, &t);
    memset(&t, 0, sizeof t);
    t.v[MF_END_DATE] = "2027-06-30";
    t.v[MF_OWNER] = "KD";
    t.v[MF_PRIORITY] = "low";
    save(f, measure_id(f, "1.1"), &t);
    int64_t second = publish(f, &f->sec, "Utgave 2", &e);
    assert_true(second > first);

    Comparison c;
    assert_int_equal(edition_compare(f->db, &f->arena, &f->sec, first, second, &c, &e), 0);
    const Change *x = change(&c, CHANGE_STATUS, "2.4");
    assert_non_null(x);
    assert_string_equal(x->from, "in_progress");
    assert_string_equal(x->to, "delayed");
    assert_string_equal(x->from_label, "Pågår");
    assert_string_equal(x->to_label, "Forsinket");
    assert_non_null(change(&c, CHANGE_STATUS, "2.5"));
    x = change(&c, CHANGE_NEW, "3.7");
    assert_non_null(x);
    assert_string_equal(x->title, "Felles rammeverk for deling av data");
    assert_int_equal(c.n[CHANGE_NEW], 1);
    assert_int_equal(c.n[CHANGE_REMOVED], 0);
    x = change(&c, CHANGE_DEADLINE, "1.1");
    assert_non_null(x);
    assert_string_equal(x->from, "2025-01-14");   /* demo.sql: 60 days after the fixture's day */
    assert_string_equal(x->to, "2027-06-30");
    x = change(&c, CHANGE_OWNER, "1.1");
    assert_non_null(x);
    assert_string_equal(x->from, "DFD");
    assert_string_equal(x->to, "KD");
    x = change(&c, CHANGE_PRIORITY, "1.1");
    assert_non_null(x);
    assert_string_equal(x->from_label, "Høy");
    assert_string_equal(x->to_label, "Lav");
    x = change(&c, CHANGE_PROGRESS, "2.5");   /* 40 % → 100 % with the status */
    assert_non_null(x);
    assert_string_equal(x->to_label, "100 %");
    assert_int_equal(c.from.nitems, 22);
    assert_int_equal(c.to.nitems, 23);

    /* The public: the internal measure's change is not there, nor counted. */
    assert_int_equal(edition_compare(f->db, &f->arena, &g_anonymous, first, second, &c, &e), 0);
    assert_non_null(change(&c, CHANGE_STATUS, "2.4"));
    assert_null(change(&c, CHANGE_STATUS, "2.5"));
    assert_null(change(&c, CHANGE_PROGRESS, "2.5"));
    size_t sum = 0;
    for (int k = 0; k < CHANGE_KINDS; k++) {
        sum += c.n[k];
        for (size_t i = 0; i < c.n[k]; i++) {
            assert_string_not_equal(c.changes[k][i].number, "2.5");
            assert_string_not_equal(c.changes[k][i].number, "3.4");
        }
    }
    assert_int_equal(sum, c.total);
    assert_int_equal(c.from.nitems, 20);
    assert_int_equal(c.to.nitems, 21);

    /* Against now: nothing changed since the second edition. */
    assert_int_equal(edition_compare(f->db, &f->arena, &g_anonymous, second, 0, &c, &e), 0);
    assert_int_equal(c.total, 0);
    assert_int_equal(edition_compare(f->db, &f->arena, &f->sec, second, 0, &c, &e), 0);
    assert_int_equal(c.total, 0);
    assert_int_equal(c.to.nitems, 23);
    assert_int_equal(edition_compare(f->db, &f->arena, &f->sec, 999, 0, &c, &e), E_NOTFOUND);
    assert_int_equal(edition_compare(f->db, &f->arena, &f->sec, first, 999, &c, &e), E_NOTFOUND);
}

/* The public sees a measure as the latest edition says, with its date,
 * never the live state nor the reported risk; a colleague sees the live
 * state with the published one beside it.  Lists, single measures and the
 * public's status filter agree. */
static void public_sees_the_published_state(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = measure_id(f, "2.4");
    MeasureText t = {0};
    t.v[MF_STATUS] = "planned";
    t.v[MF_PROGRESS] = "10";
    t.v[MF_MILESTONES] = "[ ] 2026-06-30 Utkast sendt på høring";
    save(f, id, &t);
    int64_t ed = publish(f, &f->sec, "Godkjent", &e);
    assert_true(ed > 0);
    /* After publishing, the live state moves on (a milestone reached, one
     * added) and a report gives a risk. */
    t.v[MF_STATUS] = "delayed";
    t.v[MF_PROGRESS] = "70";
    t.v[MF_MILESTONES] = "[x] 2026-06-30 Utkast sendt på høring\n[ ] 2026-12-31 Internt notat";
    save(f, id, &t);
    assert_int_equal(db_exec(f->db, "INSERT INTO reporting_round (strategy_id, title, deadline, opened_at) "
                                    "SELECT strategy_id, 'R', '2100-01-01', '2026-01-01T00:00:00Z' FROM measure "
                                    "WHERE number = '2.4' LIMIT 1", &e), 0);
    Stmt *s = db_prepare(f->db, "INSERT INTO measure_report (round_id, measure_id, ministry_id, status, progress, risk, "
                                "text, submitted_at) SELECT (SELECT max(id) FROM reporting_round), m.id, "
                                "r.owner_ministry_id, 'delayed', 70, 'red', 'x', '2026-01-02T00:00:00Z' FROM measure m "
                                "JOIN record r ON r.id = m.id WHERE m.id = ?1");
    db_bind_int(s, 1, id);
    assert_int_equal(db_step(s), DB_DONE);
    db_done(s);

    Measure pub, live;
    assert_int_equal(measure_get(f->db, &f->arena, &g_anonymous, id, &pub, &e), 0);
    assert_string_equal(pub.status, "planned");
    assert_int_equal(pub.progress, 10);
    assert_null(pub.risk);
    assert_non_null(pub.published);
    assert_int_equal(pub.published->edition_id, ed);
    assert_false(pub.unpublished);
    assert_int_equal(measure_get(f->db, &f->arena, &f->sec, id, &live, &e), 0);
    assert_string_equal(live.status, "delayed");
    assert_string_equal(live.risk, "red");
    assert_non_null(live.published);
    assert_string_equal(live.published->status, "planned");
    assert_true(measure_differs_from_published(&live));
    /* Milestones too: the public sees them as published, colleagues live. */
    const MilestoneRow *ms;
    size_t nms;
    assert_int_equal(measure_milestones_shown(f->db, &f->arena, &g_anonymous, &pub, &ms, &nms, &e), 0);
    assert_int_equal(nms, 1);
    assert_string_equal(ms[0].title, "Utkast sendt på høring");
    assert_string_equal(ms[0].due_date, "2026-06-30");
    assert_false(ms[0].done);
    assert_int_equal(measure_milestones_shown(f->db, &f->arena, &f->sec, &live, &ms, &nms, &e), 0);
    assert_int_equal(nms, 2);
    assert_true(ms[0].done);

    /* Lists agree; the public's filters work on what it is shown. */
    MeasureFilter mf = {.strategy_id = f->strategy, .status = "delayed"};
    Measure *m;
    size_t n;
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &mf, &m, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(m[i].id != id);
        assert_null(m[i].risk);
    }
    mf = (MeasureFilter){.strategy_id = f->strategy, .status = "planned"};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &mf, &m, &n, &e), 0);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        found |= m[i].id == id;
    }
    assert_true(found);
    mf = (MeasureFilter){.strategy_id = f->strategy, .risk = "red"};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &mf, &m, &n, &e), 0);
    assert_true(n > 1);   /* the risk filter is ignored for the public: it cannot probe */
    assert_int_equal(measure_list(f->db, &f->arena, &f->sec, &mf, &m, &n, &e), 0);
    assert_int_equal(n, 1);
    /* Sorted by status, the public's order follows the statuses it is shown. */
    MeasureStatus *sts;
    size_t nst;
    assert_int_equal(measure_status_list(f->db, &f->arena, &sts, &nst, &e), 0);
    mf = (MeasureFilter){.strategy_id = f->strategy, .sort = "status"};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &mf, &m, &n, &e), 0);
    size_t last = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pos = nst + 1;
        for (size_t k = 0; k < nst; k++) {
            pos = str_eq(m[i].status, sts[k].code) ? k : pos;
        }
        assert_true(pos >= last);
        last = pos;
    }
}

static void snapshot_parse_rejects_garbage(void **state)
{
    Fixture *f = *state;
    EditionItem *it;
    size_t n;
    static const char *bad[] = {"", "{}", "[1]", "[{\"id\":1}]", "[{\"id\":0,\"number\":\"1\",\"title\":\"t\","
                                "\"status\":\"s\",\"visibility\":\"public\"}]"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        assert_int_equal(edition_snapshot_parse(&f->arena, bad[i], strlen(bad[i]), &it, &n, NULL), E_INVALID);
    }
    const char *ok = "[]";
    assert_int_equal(edition_snapshot_parse(&f->arena, ok, 2, &it, &n, NULL), 0);
    assert_int_equal(n, 0);
}

/* ---- 500 measures ------------------------------------------------------------------- */

static double ms_since(clockid_t clock, const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(clock, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void compare_500_measures(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    /* 500 measures in the 2025– strategy, with every kind of marking. */
    assert_int_equal(db_exec(f->db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 500) "
                                    "INSERT INTO record (id, kind, title, owner_ministry_id, visibility, exemption_basis, public_title, "
                                    "created_at) SELECT 100000 + i, 'measure', 'Tiltak nummer ' || i, "
                                    "(SELECT id FROM ministry WHERE code = 'DFD'), "
                                    "CASE i % 10 WHEN 1 THEN 'internal' WHEN 2 THEN 'restricted' ELSE 'public' END, "
                                    "CASE i % 10 WHEN 3 THEN 'offl-22' END, CASE i % 10 WHEN 3 THEN 'Offentlig ' || i END, "
                                    "'2026-01-01' FROM k; "
                                    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 500) "
                                    "INSERT INTO measure (id, strategy_id, number, sort_key, status, priority, "
                                    "end_date, progress) "
                                    "SELECT 100000 + i, 3, (i / 100 + 1) || '.' || (i % 100 + 1), (i / 100 + 1) * 1000000 + "
                                    "(i % 100 + 1) * 1000, 'in_progress', 'medium', '2027-01-01', 30 "
                                    "FROM k", &e), 0);
    int64_t a = 0, b = 0;
    assert_int_equal(edition_publish(f->db, &f->arena, &f->sec, "t", 3, "Før", NULL, &a, &e), 0);
    assert_int_equal(db_exec(f->db, "UPDATE measure SET status = 'delayed' WHERE strategy_id = 3 AND id % 7 = 0;"
                                    "UPDATE measure SET priority = 'high', progress = 80 WHERE strategy_id = 3 AND "
                                    "id % 11 = 0; UPDATE measure SET end_date = '2028-01-01' WHERE strategy_id = 3 AND id % 13 = 0;"
                                    "UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'KD') "
                                    "WHERE id IN (SELECT id FROM measure WHERE strategy_id = 3 AND id % 13 = 0);"
                                    "INSERT INTO record (id, kind, title, visibility, created_at) VALUES (200000, 'measure', 'Nytt', 'public', '2026-01-01');"
                                    "INSERT INTO measure (id, strategy_id, number, sort_key) VALUES "
                                    "(200000, 3, '9.1', 9001000)", &e), 0);
    assert_int_equal(edition_publish(f->db, &f->arena, &f->sec, "t", 3, "Etter", NULL, &b, &e), 0);
    /* The list of 500 measures: live for colleagues, through the latest
     * edition for the public (measure_public_apply); docs/benchmarks.md. */
    for (int who = 0; who < 2; who++) {
        Viewer v = who ? g_anonymous : viewer_of(f, "sekretariat");
        MeasureFilter mf = {.strategy_id = 3, .brief = true};
        double best = 1e9;
        size_t n = 0;
        for (int k = 0; k < 5; k++) {
            Arena tmp = {0};
            Measure *m;
            struct timespec t0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            assert_int_equal(measure_list(f->db, &tmp, &v, &mf, &m, &n, &e), 0);
            double ms = ms_since(CLOCK_MONOTONIC, &t0);
            best = ms < best ? ms : best;
            for (size_t i = 0; who && i < n; i++) {
                assert_null(m[i].risk);
                assert_true(m[i].published || m[i].unpublished);
            }
            arena_free(&tmp);
        }
        print_message("list 500 measures as %-11s (%s) wall best %6.2f ms (%zu measures)\n", v.username,
                      who ? "published view" : "live", best, n);
    }
    static const struct {
        const char *who;
        int64_t to;
    } runs[] = {{"sekretariat", -1}, {NULL, -1}, {"sb.kd", -1}, {"sekretariat", 0}, {NULL, 0}};
    for (size_t i = 0; i < COUNT(runs); i++) {
        Viewer v = runs[i].who ? viewer_of(f, runs[i].who) : g_anonymous;
        Comparison c;
        double best = 1e9, total = 0, cpu_best = 1e9;
        enum { RUNS = 5 };
        for (int k = 0; k < RUNS; k++) {
            Arena tmp = {0};
            struct timespec t0, c0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
            int rc = edition_compare(f->db, &tmp, &v, a, runs[i].to < 0 ? b : 0, &c, &e);
            double ms = ms_since(CLOCK_MONOTONIC, &t0), cpu = ms_since(CLOCK_THREAD_CPUTIME_ID, &c0);
            assert_int_equal(rc, 0);
            assert_true(c.n[CHANGE_STATUS] > 0 && c.n[CHANGE_NEW] >= 1 && c.n[CHANGE_PROGRESS] > 0);
            best = ms < best ? ms : best;
            cpu_best = cpu < cpu_best ? cpu : cpu_best;
            total += ms;
            if (k == RUNS - 1) {
                print_message("compare 500 measures as %-11s to %-7s wall best %6.2f ms, mean %6.2f ms; CPU best "
                              "%6.2f ms (%zu/%zu visible, %zu changes)\n", v.username,
                              runs[i].to < 0 ? "edition" : "now", best, total / RUNS, cpu_best, c.from.nitems,
                              c.to.nitems, c.total);
            }
            arena_free(&tmp);
        }
    }
}

/* ---- pages and API through the router ------------------------------------------------- */

static char g_auth[128];   /* "Bearer …" for run_body, "" for none */

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Authorization") == 0 && g_auth[0] ? g_auth : NULL;
}

static Req *run_body(Fixture *f, const char *method, const char *path, const char *query, const char *body)
{
    req_done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    int route;
    WebRequest in = {.method = method, .path = path, .query = query, .request_id = "test-req", .body = body,
                     .body_len = body ? strlen(body) : 0, .content_type = "application/json",
                     .header = test_header};
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static Req *run(Fixture *f, const char *method, const char *path, const char *query)
{
    return run_body(f, method, path, query, NULL);
}

static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* assert_absent: text (as HTML escapes it) is not in body. */
static void assert_absent(const char *body, const char *text)
{
    Buf b = {0};
    html_esc(&b, text);
    bool found = strstr(body, buf_str(&b)) != NULL;
    buf_free(&b);
    if (found) {
        fail_msg("the page shows \"%s\"", text);
    }
}

static void overview_page_through_router(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Req *r = run(f, "GET", "/overview", NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "ikke publisert noen utgave"));
    const char *hidden[] = {measure_title(f, "2.5"), measure_title(f, "3.4"), measure_title(f, "1.7")};
    assert_true(publish(f, &f->sec, "Utgave 1", &e) > 0);
    MeasureText t = {0};
    t.v[MF_STATUS] = "delayed";
    save(f, measure_id(f, "2.4"), &t);
    assert_true(publish(f, &f->sec, "Utgave 2", &e) > 0);
    r = run(f, "GET", "/overview", NULL);
    assert_int_equal(r->status, 200);
    const char *body = buf_str(&r->body);
    assert_int_equal(occurrences(body, "<h1"), 1);
    assert_non_null(strstr(body, "Endrede og nye prioriteringer"));
    assert_non_null(strstr(body, "Endret status"));
    assert_non_null(strstr(body, "Samarbeid om budsjettposter på tvers"));
    assert_non_null(strstr(body, "20 tiltak"));
    for (size_t i = 0; i < COUNT(hidden); i++) {
        assert_absent(body, hidden[i]);
    }
    static const char *pages[] = {"/editions", "/editions/1", "/editions/2", "/editions/compare", "/editions/new"};
    for (size_t i = 0; i < COUNT(pages); i++) {
        r = run(f, "GET", pages[i], i == 3 ? "from=1&to=2" : NULL);
        assert_int_equal(r->status, i == 4 ? 303 : 200);   /* publishing needs a sign-in */
        if (i < 4) {
            assert_int_equal(occurrences(buf_str(&r->body), "<h1"), 1);
            for (size_t k = 0; k < COUNT(hidden); k++) {
                assert_absent(buf_str(&r->body), hidden[k]);
            }
        }
    }
    assert_int_equal(run(f, "GET", "/editions/compare", "from=1&to=now")->status, 200);
    assert_int_equal(run(f, "GET", "/editions/compare", "from=x")->status, 400);
    assert_int_equal(run(f, "GET", "/editions/9", NULL)->status, 404);
}

static void api_through_router(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    assert_true(publish(f, &f->sec, "Utgave 1", &e) > 0);
    assert_true(publish(f, &f->sec, "Utgave 2", &e) > 0);
    Req *r = run(f, "GET", "/api/v1/editions", NULL);
    assert_int_equal(r->status, 200);
    json_t *v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 2);
    json_decref(v);
    r = run(f, "GET", "/api/v1/editions/1", NULL);
    assert_int_equal(r->status, 200);
    v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 20);
    assert_int_equal(json_array_size(json_object_get(v, "measures")), 20);
    assert_true(json_is_null(json_object_get(v, "published_by")));
    json_decref(v);
    r = run(f, "GET", "/api/v1/editions/compare", "from=1&to=2");
    assert_int_equal(r->status, 200);
    v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "total")), 0);
    assert_true(json_is_array(json_object_get(json_object_get(v, "changes"), "status")));
    json_decref(v);
    assert_int_equal(run(f, "GET", "/api/v1/editions/compare", "from=1")->status, 200);
    assert_int_equal(run(f, "GET", "/api/v1/editions/compare", "from=0")->status, 400);
    assert_int_equal(run(f, "GET", "/api/v1/editions/7", NULL)->status, 404);
    assert_int_equal(run(f, "POST", "/api/v1/editions", NULL)->status, 401);   /* needs a sign-in */
    char token[AUTH_TOKEN_CHARS + 8];
    int64_t tid;
    assert_int_equal(token_create(f->db, &f->sec, "test", f->sec.user_id, "t", false, token, &tid, &e), 0);
    snprintf(g_auth, sizeof g_auth, "Bearer %s", token);
    r = run_body(f, "POST", "/api/v1/editions", NULL, "{\"title\": \"Utgave 3\", \"strategy\": \"2021-2025\"}");
    assert_int_equal(r->status, 201);
    v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 22);
    assert_int_equal(json_integer_value(json_object_get(v, "previous")), 2);
    json_decref(v);
    assert_int_equal(run_body(f, "POST", "/api/v1/editions", NULL, "{\"title\": 3}")->status, 400);
    assert_int_equal(run_body(f, "POST", "/api/v1/editions", NULL, "{\"title\": \"\"}")->status, 400);
    assert_int_equal(run_body(f, "POST", "/api/v1/editions", NULL, "{\"title\": \"x\", \"strategy\": \"1900\"}")->status,
                     400);
    g_auth[0] = 0;
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
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visible_rule),
        cmocka_unit_test_setup_teardown(visible_rule_matches_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(public_sees_the_published_state, setup, teardown),
        cmocka_unit_test_setup_teardown(publish_checks_rights_and_text, setup, teardown),
        cmocka_unit_test_setup_teardown(publish_audits_and_freezes, setup, teardown),
        cmocka_unit_test_setup_teardown(public_sees_only_public, setup, teardown),
        cmocka_unit_test_setup_teardown(compare_finds_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(snapshot_parse_rejects_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(compare_500_measures, setup, teardown),
        cmocka_unit_test_setup_teardown(overview_page_through_router, setup, teardown),
        cmocka_unit_test_setup_teardown(api_through_router, setup, teardown),
    };
    return cmocka_run_group_tests_name("edition", tests, NULL, NULL);
}
