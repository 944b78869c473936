/* test_carry.c: carrying measures over into a new strategy period
 * (src/app/measure/carry.c), its pages and API through web_handle, and
 * the changes an edition of the new period shows against the final one
 * of the old.
 *
 * Each test gets a fresh in-memory database with the migrations and the
 * demo's 2021–2025 measures (demo_seed; nothing carried over yet) on a day
 * in 2025, when the strategy 2025– is in force.  Requests go through
 * web_handle with the viewer set, as in test_access.c.
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

#include "app/core/link.h"
#include "app/core/record.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "app/measure/carry.h"
#include "app/measure/edition.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

typedef struct Fixture {
    Db *db;
    Arena a;
    Arena req_arena;
    Req r;
    Viewer sec, dfd_case, anon;
    int64_t old, now;   /* strategy ids of 2021–2025 and 2025– */
} Fixture;

static Viewer viewer_of(Fixture *f, const char *username)
{
    User u;
    Viewer v;
    Err e = {0};
    if (user_find(f->db, &f->a, username, &u, &e) || auth_viewer(f->db, &f->a, u.id, &v, &e)) {
        fail_msg("viewer %s: %s", username, e.msg);
    }
    v.csrf = "tok";
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
    f.dfd_case = viewer_of(&f, "sb.dfd");
    f.anon = g_anonymous;
    Strategy s;
    if (strategy_get(f.db, &f.a, &f.sec, "2021-2025", &s, &e)) {
        return -1;
    }
    f.old = s.id;
    if (strategy_current(f.db, &f.a, &f.sec, &s, &e) || !str_eq(s.slug, "2025")) {
        fprintf(stderr, "setup: 2025– is not in force\n");
        return -1;
    }
    f.now = s.id;
    *state = &f;
    return 0;
}

static void req_done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->req_arena);
    memset(&f->r, 0, sizeof f->r);
}

static int teardown(void **state)
{
    Fixture *f = *state;
    req_done(f);
    arena_free(&f->a);
    db_close(f->db);
    return 0;
}

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Host") == 0             ? "t"
           : strcasecmp(name, "Origin") == 0         ? "http://t"
           : strcasecmp(name, "X-CSRF-Token") == 0   ? "tok"
                                                     : NULL;
}

/* One request as v: a body is a form unless it starts with '{'. */
static Req *run(Fixture *f, const Viewer *v, const char *method, const char *path, const char *query, const char *body)
{
    req_done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = v;
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    int route;
    WebRequest in = {.method = method, .path = path, .query = query, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] != '{' ? "application/x-www-form-urlencoded" : "application/json",
                     .request_id = "carry-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static const char *body_of(Req *r)
{
    return buf_str(&r->body);
}

static int64_t count(Fixture *f, const char *sql)
{
    return db_one_int(f->db, sql, 0, -1);
}

static int64_t id_of(Fixture *f, int64_t strategy_id, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT id FROM measure WHERE strategy_id = ?1 AND number = ?2");
    db_bind_int(s, 1, strategy_id);
    db_bind_text(s, 2, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    if (!id) {
        fail_msg("no measure %s in strategy %lld", number, (long long)strategy_id);
    }
    return id;
}

static Measure get(Fixture *f, int64_t id)
{
    Measure m;
    if (measure_get(f->db, &f->a, &f->sec, id, &m, NULL)) {
        fail_msg("measure %lld not found", (long long)id);
    }
    return m;
}

static void save(Fixture *f, int64_t id, MeasureText *t)
{
    FieldError *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (measure_save(f->db, &f->a, &f->sec, "test", id, t, 0, "test", &out, &errs, &nerr, &e)) {
        fail_msg("measure_save: %s", e.msg);
    }
}

/* Everything carrying over writes to, as one number to compare. */
static int64_t footprint(Fixture *f)
{
    return count(f, "SELECT (SELECT count(*) FROM measure) * 1000000 + (SELECT count(*) FROM record_version) * 10000 + "
                    "(SELECT count(*) FROM audit) * 100 + (SELECT count(*) FROM record_link) * 10 + "
                    "(SELECT count(*) FROM access_grant)") +
           count(f, "SELECT count(*) FROM measure WHERE status = 'continued'") * 1000000000;
}

/* ---- the model ------------------------------------------------------------- */

/* The preview is what happens: numbered per goal in the old order, the
 * new measures are copies with the old as predecessor, the old ones are
 * «Videreført», and versions, grants, links and audit rows are written. */
static void preview_then_carry_over(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t m12 = id_of(f, f->old, "1.2"), m17 = id_of(f, f->old, "1.7"), m24 = id_of(f, f->old, "2.4"),
            m34 = id_of(f, f->old, "3.4");
    CarryChoice c[] = {{m34, 3}, {m17, 1}, {m24, 2}, {m12, 1}};
    int64_t before = footprint(f);
    CarryPlan p;
    assert_int_equal(measure_carry_plan(f->db, &f->a, &f->sec, f->now, c, COUNT(c), &p, &e), 0);
    assert_int_equal(footprint(f), before);   /* a preview writes nothing */
    assert_int_equal(p.n, 4);
    assert_string_equal(p.from_period, "2021–2025");
    assert_string_equal(p.to_period, "2025–");
    static const char *const want[][2] = {{"1.2", "1.1"}, {"1.7", "1.2"}, {"2.4", "2.1"}, {"3.4", "3.1"}};
    for (size_t i = 0; i < p.n; i++) {
        assert_string_equal(p.steps[i].from_number, want[i][0]);
        assert_string_equal(p.steps[i].number, want[i][1]);
        assert_int_equal(p.steps[i].new_id, 0);
    }
    assert_string_equal(p.fingerprint, arena_printf(&f->a, "%lld:1.1,%lld:1.2,%lld:2.1,%lld:3.1", (long long)m12,
                                                    (long long)m17, (long long)m24, (long long)m34));
    Measure old24 = get(f, m24);
    CarryPlan done;
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c, COUNT(c), p.fingerprint, &done, &e), 0);
    assert_string_equal(done.fingerprint, p.fingerprint);

    /* The new 2.1: the old 2.4 in 2025–, with only the milestone not reached. */
    int64_t n21 = done.steps[2].new_id;
    assert_true(n21 > 0);
    Measure m = get(f, n21);
    assert_string_equal(m.strategy_slug, "2025");
    assert_string_equal(m.number, "2.1");
    assert_int_equal(m.goal_area_number, 2);
    assert_string_equal(m.title, old24.title);
    assert_string_equal(m.description, old24.description);
    assert_string_equal(m.status, old24.status);
    assert_int_equal(m.progress, old24.progress);
    assert_string_equal(m.owner_code, "DFD");
    assert_string_equal(m.end_date, old24.end_date);
    assert_int_equal(m.predecessor_id, m24);
    assert_string_equal(m.predecessor_label, "2021–2025: 2.4");
    MilestoneRow *ms;
    size_t nms;
    assert_int_equal(measure_milestones(f->db, &f->a, n21, &ms, &nms, &e), 0);
    assert_int_equal(nms, 1);
    assert_false(ms[0].done);
    assert_string_equal(ms[0].title, "Alle departementer på felles plattform");
    /* The old 2.4: continued, its progress kept, and a version saying where. */
    Measure o = get(f, m24);
    assert_string_equal(o.status, "continued");
    assert_int_equal(o.progress, old24.progress);
    assert_int_equal(o.version, old24.version + 1);
    RecordVersion *v;
    size_t nv;
    assert_int_equal(record_versions(f->db, &f->a, &f->sec, m24, &v, &nv, &e), 0);
    assert_string_equal(v[0].comment, "Videreført til 2025–: 2.1");
    assert_int_equal(record_versions(f->db, &f->a, &f->sec, n21, &v, &nv, &e), 0);
    assert_int_equal(nv, 1);
    assert_string_equal(v[0].comment, "Videreført fra 2021–2025: 2.4");
    assert_string_equal(v[0].actor, "sekretariat");
    /* Linked both ways. */
    Link *l;
    size_t nl;
    assert_int_equal(link_list(f->db, &f->a, &f->sec, n21, &l, &nl, &e), 0);
    assert_int_equal(nl, 1);
    assert_string_equal(l[0].type->code, "continues");
    assert_true(l[0].outgoing);
    assert_int_equal(l[0].other_id, m24);
    assert_int_equal(link_list(f->db, &f->a, &f->sec, m24, &l, &nl, &e), 0);
    assert_int_equal(nl, 1);
    assert_false(l[0].outgoing);
    assert_string_equal(l[0].label, "Videreføres i");
    /* The marking goes along: 3.4 restricted and shared with BFD, 1.7 exempt with its public title. */
    Measure n31 = get(f, done.steps[3].new_id), n12 = get(f, done.steps[1].new_id);
    assert_string_equal(n31.visibility, "restricted");
    AccessGrant *g;
    size_t ng;
    assert_int_equal(record_grants(f->db, &f->a, &f->sec, n31.id, &g, &ng, &e), 0);
    assert_int_equal(ng, 1);
    assert_string_equal(g[0].ministry_code, "BFD");
    assert_string_equal(n12.exemption_basis, "offl-22");
    assert_string_equal(n12.public_title, "Samarbeid om budsjettposter på tvers");
    assert_int_equal(measure_get(f->db, &f->a, &f->anon, n31.id, &m, &e), E_NOTFOUND);
    /* One audit row for the whole, besides each model's own. */
    assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'measure.carry_over'"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'measure.carry_over' AND summary = "
                              "'2021-2025 → 2025: 1.2 → 1.1, 1.7 → 1.2, 2.4 → 2.1, 3.4 → 3.1'"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'link.add'"), 4);
    /* The successors are found from the old measure. */
    MeasureFilter next = {.predecessor_id = m24};
    Measure *succ;
    size_t nsucc;
    assert_int_equal(measure_list(f->db, &f->a, &f->sec, &next, &succ, &nsucc, &e), 0);
    assert_int_equal(nsucc, 1);
    assert_int_equal(succ[0].id, n21);
    /* A later carrying over numbers after these. */
    CarryChoice more[] = {{id_of(f, f->old, "1.1"), 1}};
    assert_int_equal(measure_carry_plan(f->db, &f->a, &f->sec, f->now, more, 1, &p, &e), 0);
    assert_string_equal(p.steps[0].number, "1.3");
}

/* Whatever is refused writes nothing. */
static void refusals_write_nothing(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    CarryPlan p;
    /* 2.5 a sub-measure of 2.4; 1.1 carried over already. */
    MeasureText sub = {0};
    sub.v[MF_PARENT] = "2.4";
    save(f, id_of(f, f->old, "2.5"), &sub);
    CarryChoice first[] = {{id_of(f, f->old, "1.1"), 1}};
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, first, 1, NULL, &p, &e), 0);
    Viewer ro = f->sec;
    ro.read_only = true;
    int64_t open = id_of(f, f->old, "1.3");
    static const struct {
        const char *number;   /* NULL: the open measure 1.3 */
        int goal;
        int who;              /* 0: the secretariat, 1: DFD's case officer, 2: read-only token */
        int code;
        const char *says;
    } cases[] = {
        {NULL, 1, 1, E_FORBIDDEN, "strategisekretariatet"},
        {NULL, 1, 2, E_FORBIDDEN, "strategisekretariatet"},
        {NULL, 9, 0, E_INVALID, "Velg et av målene i 2025– for tiltak 1.3"},
        {NULL, 0, 0, E_INVALID, "Velg et av målene"},
        {"2.1", 2, 0, E_INVALID, "Tiltak 2.1 er fullført"},
        {"1.1", 1, 0, E_INVALID, "Tiltak 1.1 er fullført, stanset eller videreført"},
        {"2.5", 2, 0, E_INVALID, "Tiltak 2.5 er et deltiltak"},
    };
    int64_t before = footprint(f);
    for (size_t i = 0; i < COUNT(cases); i++) {
        CarryChoice c = {cases[i].number ? id_of(f, f->old, cases[i].number) : open, cases[i].goal};
        const Viewer *v = cases[i].who == 1 ? &f->dfd_case : cases[i].who == 2 ? &ro : &f->sec;
        memset(&e, 0, sizeof e);
        int rc = measure_carry_over(f->db, &f->a, v, "test", f->now, &c, 1, NULL, &p, &e);
        if (rc != cases[i].code || !strstr(e.msg, cases[i].says)) {
            fail_msg("case %zu: %d «%s», want %d «%s»", i, rc, e.msg, cases[i].code, cases[i].says);
        }
    }
    CarryChoice twice[] = {{open, 1}, {open, 2}};
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, twice, 2, NULL, &p, &e), E_INVALID);
    assert_non_null(strstr(e.msg, "valgt to ganger"));
    CarryChoice missing[] = {{987654, 1}};
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, missing, 1, NULL, &p, &e), E_INVALID);
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, NULL, 0, NULL, &p, &e), E_INVALID);
    assert_non_null(strstr(e.msg, "Velg minst ett tiltak"));
    CarryChoice back[] = {{open, 1}};   /* into 2021–2025 means from 2016–2020, where 1.3 is not */
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->old, back, 1, NULL, &p, &e), E_INVALID);
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", 1, back, 1, NULL, &p, &e), E_NOTFOUND);
    assert_int_equal(footprint(f), before);
    assert_string_equal(get(f, open).status, "planned");
}

/* A confirmation after the overview changed since the preview is refused,
 * and nothing is written. */
static void stale_preview_conflicts(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    CarryChoice c13[] = {{id_of(f, f->old, "1.3"), 1}}, c14[] = {{id_of(f, f->old, "1.4"), 1}};
    CarryPlan seen, p;
    assert_int_equal(measure_carry_plan(f->db, &f->a, &f->sec, f->now, c13, 1, &seen, &e), 0);
    assert_string_equal(seen.steps[0].number, "1.1");
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c14, 1, NULL, &p, &e), 0);
    int64_t before = footprint(f);
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c13, 1, seen.fingerprint, &p, &e),
                     E_CONFLICT);
    assert_non_null(strstr(e.msg, "endret siden forhåndsvisningen"));
    assert_int_equal(footprint(f), before);
    assert_int_equal(measure_carry_plan(f->db, &f->a, &f->sec, f->now, c13, 1, &p, &e), 0);
    assert_string_equal(p.steps[0].number, "1.2");
}

/* A failure halfway (the second link cannot be written) leaves nothing of
 * the first measure either: one transaction. */
static void failure_halfway_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t m31 = id_of(f, f->old, "3.1");
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE TEMP TRIGGER no_link BEFORE INSERT ON record_link WHEN NEW.to_id = %lld "
                              "BEGIN SELECT RAISE(ABORT, 'test: no link'); END", (long long)m31);
    assert_int_equal(db_exec(f->db, sql, &e), 0);
    CarryChoice c[] = {{id_of(f, f->old, "1.1"), 1}, {m31, 3}};
    CarryPlan p;
    int64_t before = footprint(f);
    assert_int_not_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c, 2, NULL, &p, &e), 0);
    assert_int_equal(footprint(f), before);
    assert_int_equal(count(f, "SELECT count(*) FROM measure WHERE strategy_id = 3"), 0);
    assert_string_equal(get(f, c[0].measure_id).status, "in_progress");
    for (size_t i = 0; i < p.n; i++) {
        assert_int_equal(p.steps[i].new_id, 0);
    }
}

/* Unfinished sub-measures go along under their parent; finished ones stay. */
static void sub_measures_go_along(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeasureText t = {0};
    t.v[MF_PARENT] = "2.4";
    save(f, id_of(f, f->old, "2.5"), &t);
    t.v[MF_STATUS] = "completed";
    save(f, id_of(f, f->old, "2.6"), &t);
    CarryChoice c[] = {{id_of(f, f->old, "2.4"), 2}};
    CarryPlan p;
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c, 1, NULL, &p, &e), 0);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.steps[1].number, "2.1.1");
    assert_true(p.steps[1].sub);
    Measure sub = get(f, p.steps[1].new_id);
    assert_int_equal(sub.parent_id, p.steps[0].new_id);
    assert_string_equal(sub.visibility, "internal");   /* 2.5's marking */
    assert_string_equal(get(f, id_of(f, f->old, "2.5")).status, "continued");
    assert_string_equal(get(f, id_of(f, f->old, "2.6")).status, "completed");
    assert_int_equal(count(f, "SELECT count(*) FROM measure WHERE strategy_id = 3"), 2);
}

/* ---- pages and API --------------------------------------------------------- */

/* The value of the hidden field name in a page (arena), or NULL. */
static const char *hidden(Fixture *f, const char *body, const char *name)
{
    const char *key = arena_printf(&f->a, "name=\"%s\" value=\"", name);
    const char *p = strstr(body, key);
    if (!p) {
        return NULL;
    }
    p += strlen(key);
    return arena_strndup(&f->a, p, (size_t)(strchr(p, '"') - p));
}

static const char *form_enc(Fixture *f, const char *s)
{
    return url_enc(&f->a, s);
}

static void pages_choose_preview_confirm(void **state)
{
    Fixture *f = *state;
    int64_t m13 = id_of(f, f->old, "1.3"), m14 = id_of(f, f->old, "1.4"), m18 = id_of(f, f->old, "1.8");
    Req *r = run(f, &f->sec, "GET", "/measures/carry-over", NULL, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Videreføre tiltak fra 2021–2025 til 2025–"));
    assert_non_null(strstr(body_of(r), arena_printf(&f->a, "for=\"m-%lld\">1.3</label>", (long long)m13)));
    assert_null(strstr(body_of(r), ">2.1</label>"));   /* finished: not offered */
    /* DFD's case officer may not (the route needs the secretariat's capability). */
    assert_int_equal(run(f, &f->dfd_case, "GET", "/measures/carry-over", NULL, NULL)->status, 403);
    assert_int_equal(run(f, &f->dfd_case, "POST", "/measures/carry-over", NULL, "csrf=tok&choices=1:1")->status, 403);

    int64_t before = footprint(f);
    const char *form = arena_printf(&f->a, "csrf=tok&to=2025&m=%lld&goal-%lld=2&m=%lld&goal-%lld=2&m=%lld&goal-%lld=2&"
                                           "goal-21=3", (long long)m13, (long long)m13, (long long)m14, (long long)m14,
                                    (long long)m18, (long long)m18);
    r = run(f, &f->sec, "POST", "/measures/carry-over/preview", NULL, form);
    assert_int_equal(r->status, 200);
    assert_int_equal(footprint(f), before);
    assert_non_null(strstr(body_of(r), "3 tiltak i 2021–2025 videreføres til 2025–"));
    assert_non_null(strstr(body_of(r), "<td>1.8</td>"));
    const char *choices = hidden(f, body_of(r), "choices"), *plan = hidden(f, body_of(r), "plan");
    assert_non_null(choices);
    assert_string_equal(plan, arena_printf(&f->a, "%lld:2.1,%lld:2.2,%lld:2.3", (long long)m13, (long long)m14,
                                           (long long)m18));
    const char *confirm = arena_printf(&f->a, "csrf=tok&to=2025&choices=%s&plan=%s", form_enc(f, choices),
                                       form_enc(f, plan));
    /* All unfinished at once: the same page, every one offered. */
    r = run(f, &f->sec, "POST", "/measures/carry-over/preview", NULL,
            arena_printf(&f->a, "csrf=tok&to=2025&all=1&goal-%lld=1&goal-%lld=1", (long long)m13, (long long)m14));
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "2 tiltak i 2021–2025 videreføres"));
    /* Nothing chosen: the choice again, with the reason. */
    r = run(f, &f->sec, "POST", "/measures/carry-over/preview", NULL, "csrf=tok&to=2025");
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(body_of(r), "Velg minst ett tiltak"));

    r = run(f, &f->sec, "POST", "/measures/carry-over", NULL, confirm);
    assert_int_equal(r->status, 303);
    int64_t n22 = id_of(f, f->now, "2.2");
    assert_int_equal(get(f, n22).predecessor_id, m14);
    /* The same confirmation again: the plan no longer holds. */
    int64_t after = footprint(f);
    r = run(f, &f->sec, "POST", "/measures/carry-over", NULL, confirm);
    assert_int_equal(r->status, 400);   /* they are carried over now */
    assert_int_equal(footprint(f), after);
    /* The list of the new period says so; the old page links on, the new back. */
    r = run(f, &f->sec, "GET", "/measures", "strategy=2025&done=carried", NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Tiltakene er videreført"));
    r = run(f, &f->anon, "GET", arena_printf(&f->a, "/measures/%lld", (long long)m14), NULL, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Videreført i"));
    assert_non_null(strstr(body_of(r), arena_printf(&f->a, "href=\"/measures/%lld\">2025–: 2.2</a>", (long long)n22)));
    /* Its status is live for colleagues; the public sees the published edition's (none here). */
    r = run(f, &f->sec, "GET", arena_printf(&f->a, "/measures/%lld", (long long)m14), NULL, NULL);
    assert_non_null(strstr(body_of(r), ">Videreført</span>"));
    r = run(f, &f->anon, "GET", arena_printf(&f->a, "/measures/%lld", (long long)n22), NULL, NULL);
    assert_non_null(strstr(body_of(r), arena_printf(&f->a, "href=\"/measures/%lld\">2021–2025: 1.4</a>", (long long)m14)));
    r = run(f, &f->sec, "GET", arena_printf(&f->a, "/measures/%lld/history", (long long)n22), NULL, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), arena_printf(&f->a, "href=\"/measures/%lld/history\"", (long long)m14)));
}

static void api_dry_run_and_carry(void **state)
{
    Fixture *f = *state;
    int64_t m33 = id_of(f, f->old, "3.3");
    const char *body = arena_printf(&f->a, "{\"to\": \"2025\", \"measures\": [{\"id\": %lld, \"goal\": 3}], "
                                           "\"dry_run\": true}", (long long)m33);
    int64_t before = footprint(f);
    Req *r = run(f, &f->sec, "POST", "/api/v1/measures/carry-over", NULL, body);
    assert_int_equal(r->status, 200);
    assert_int_equal(footprint(f), before);
    json_t *v = json_loadb(r->body.data, r->body.len, 0, NULL);
    json_t *step = json_array_get(json_object_get(v, "steps"), 0);
    assert_string_equal(json_string_value(json_object_get(step, "number")), "3.1");
    assert_true(json_is_null(json_object_get(step, "id")));
    const char *fp = arena_strdup(&f->a, json_string_value(json_object_get(v, "fingerprint")));
    json_decref(v);
    body = arena_printf(&f->a, "{\"measures\": [{\"id\": %lld, \"goal\": 3}], \"expect\": \"%s\"}", (long long)m33, fp);
    r = run(f, &f->sec, "POST", "/api/v1/measures/carry-over", NULL, body);
    assert_int_equal(r->status, 201);
    v = json_loadb(r->body.data, r->body.len, 0, NULL);
    int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(v, "steps"), 0), "id"));
    json_decref(v);
    assert_int_equal(id, id_of(f, f->now, "3.1"));
    r = run(f, &f->anon, "GET", arena_printf(&f->a, "/api/v1/measures/%lld", (long long)m33), NULL, NULL);
    v = json_loadb(r->body.data, r->body.len, 0, NULL);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(v, "successors"), 0)), id);
    json_decref(v);
    /* Again: carried over already; and a plan other than the one expected. */
    r = run(f, &f->sec, "POST", "/api/v1/measures/carry-over", NULL, body);
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(body_of(r), "already"));   /* the API speaks English */
    r = run(f, &f->sec, "POST", "/api/v1/measures/carry-over", NULL,
            arena_printf(&f->a, "{\"measures\": [{\"id\": %lld, \"goal\": 1}], \"expect\": \"%s\"}",
                         (long long)id_of(f, f->old, "1.3"), fp));
    assert_int_equal(r->status, 409);
    assert_int_equal(count(f, "SELECT count(*) FROM measure WHERE strategy_id = 3"), 1);
    r = run(f, &f->sec, "POST", "/api/v1/measures/carry-over", NULL, "{\"measures\": [{\"id\": 1}]}");
    assert_int_equal(r->status, 400);
    r = run(f, &f->dfd_case, "POST", "/api/v1/measures/carry-over", NULL, "{\"measures\": []}");
    assert_int_equal(r->status, 403);
}

/* ---- editions across the periods --------------------------------------------- */

/* The first edition of 2025– is compared with the final one of 2021–2025:
 * carried-over measures are «videreført», the rest of the old period «not
 * continued», new ones new — each only as far as the viewer may see it. */
static void first_edition_of_new_period(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t final, first;
    assert_int_equal(edition_publish(f->db, &f->a, &f->sec, "test", f->old, "Sluttutgave", "", &final, &e), 0);
    int64_t m11 = id_of(f, f->old, "1.1"), m34 = id_of(f, f->old, "3.4");
    CarryChoice c[] = {{m11, 1}, {m34, 3}};
    CarryPlan p;
    assert_int_equal(measure_carry_over(f->db, &f->a, &f->sec, "test", f->now, c, 2, NULL, &p, &e), 0);
    MeasureText t = {.v = {[MF_STRATEGY] = "2025", [MF_NUMBER] = "2.1", [MF_TITLE] = "Nytt i 2025–",
                           [MF_GOAL_AREA] = "2"}};
    save(f, 0, &t);
    assert_int_equal(edition_publish(f->db, &f->a, &f->sec, "test", f->now, "Første utgave 2025–", "", &first, &e), 0);
    Edition ed;
    assert_int_equal(edition_get(f->db, &f->a, &f->sec, first, &ed, &e), 0);
    assert_int_equal(ed.prev_id, final);
    assert_true(ed.prev_across);
    Comparison cmp;
    assert_int_equal(edition_compare(f->db, &f->a, &f->sec, final, first, &cmp, &e), 0);
    assert_true(cmp.across);
    assert_int_equal(cmp.n[CHANGE_CONTINUED], 2);
    assert_string_equal(cmp.changes[CHANGE_CONTINUED][0].number, "1.1");
    assert_string_equal(cmp.changes[CHANGE_CONTINUED][0].from_label, "2021–2025: 1.1");
    assert_int_equal(cmp.n[CHANGE_NEW], 1);
    assert_int_equal(cmp.n[CHANGE_REMOVED], 20);   /* 22 less the two carried over */
    for (size_t i = 0; i < cmp.n[CHANGE_REMOVED]; i++) {
        assert_true(cmp.changes[CHANGE_REMOVED][i].id != m11 && cmp.changes[CHANGE_REMOVED][i].id != m34);
    }
    /* The public sees neither the restricted one nor its predecessor; and
     * when the old 1.1 is internal now, its label is not named to them. */
    MeasureText internal = {0};
    internal.v[MF_VISIBILITY] = "internal";
    save(f, m11, &internal);
    assert_int_equal(edition_compare(f->db, &f->a, &f->anon, final, first, &cmp, &e), 0);
    assert_int_equal(cmp.n[CHANGE_CONTINUED], 1);
    assert_null(cmp.changes[CHANGE_CONTINUED][0].from);
    assert_string_equal(cmp.changes[CHANGE_CONTINUED][0].from_label, "");
    Req *r = run(f, &f->anon, "GET", "/overview", NULL, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Videreført fra forrige periode (1)"));
    assert_non_null(strstr(body_of(r), "Ikke videreført fra forrige periode"));
    assert_non_null(strstr(body_of(r), "Et tiltak i en tidligere periode"));
    assert_null(strstr(body_of(r), "Utrede felles ansettelse"));   /* 3.4, restricted */
    r = run(f, &f->anon, "GET", "/overview", "strategy=2021-2025", NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Strategiperioden 2021–2025 gjelder ikke nå"));
    /* Editions of periods that do not follow each other are not compared. */
    int64_t other;
    assert_int_equal(edition_publish(f->db, &f->a, &f->sec, "test", f->now, "Andre utgave 2025–", "", &other, &e), 0);
    assert_int_equal(edition_compare(f->db, &f->a, &f->sec, other, final, &cmp, &e), E_INVALID);
}

/* A measure of an earlier period owned by a ministry that has since been
 * renamed (KMD) keeps its owner when edited through the form: the former
 * ministry is offered and chosen, and saving a status change through the
 * posted form leaves the owner as it was. */
static void form_keeps_a_former_owner(void **state)
{
    Fixture *f = *state;
    int64_t id = 0;
    Stmt *s = db_prepare(f->db, "SELECT m.id FROM measure m JOIN record r ON r.id = m.id JOIN ministry mi ON "
                                "mi.id = r.owner_ministry_id WHERE mi.code = 'KMD' AND m.strategy_id = ?1 LIMIT 1");
    db_bind_int(s, 1, f->old);
    if (db_step(s) == DB_ROW) {
        id = db_col_int(s, 0);
    }
    db_done(s);
    assert_true(id > 0);
    Req *r = run(f, &f->sec, "GET", arena_printf(&f->a, "/measures/%lld/edit", (long long)id), NULL, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "<option value=\"KMD\" selected>"));
    Measure m;
    Err e = {0};
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, id, &m, &e), 0);
    r = run(f, &f->sec, "POST", arena_printf(&f->a, "/measures/%lld", (long long)id), NULL,
            arena_printf(&f->a, "csrf=tok&version=%d&form-boxes=1&owner=KMD&status=delayed&progress=40", m.version));
    assert_int_equal(r->status, 303);
    assert_int_equal(measure_get(f->db, &f->a, &f->sec, id, &m, &e), 0);
    assert_string_equal(m.owner_code, "KMD");
    assert_string_equal(m.status, "delayed");
}

int main(void)
{
    /* A day in 2025: the strategy 2025– is in force, 2021–2025's measures wait. */
    setenv("SAMLA_TODAY", "2025-11-15", 1);
    web_init();
    if (!auth_init()) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(preview_then_carry_over, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_preview_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(failure_halfway_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(sub_measures_go_along, setup, teardown),
        cmocka_unit_test_setup_teardown(pages_choose_preview_confirm, setup, teardown),
        cmocka_unit_test_setup_teardown(api_dry_run_and_carry, setup, teardown),
        cmocka_unit_test_setup_teardown(first_edition_of_new_period, setup, teardown),
        cmocka_unit_test_setup_teardown(form_keeps_a_former_owner, setup, teardown),
    };
    return cmocka_run_group_tests_name("carry", tests, NULL, NULL);
}
