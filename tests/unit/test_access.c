/* test_access.c: who may reach what — the route × role × record access
 * matrix generated from g_routes, leak checks on every page, list and
 * count, hidden records answering like missing ones, progress roll-up,
 * and API tokens (read-only ones, other users' ones).
 *
 * One in-memory database with the demo content serves the whole group
 * (demo users, 2.5 internal, 3.4 restricted to DFD with access granted to
 * BFD, 1.7 exempt with a public title) in 2024, and again in 2025 with those
 * carried over into 2025–, the default pages' period.  Requests go through web_handle
 * with r.viewer set, so each role is acted out without cookies; non-GET
 * requests carry Host/Origin headers and the form token "tok".  The
 * expected answers come from an oracle written here from docs/security.md,
 * not from the code under test.  Each request's body and arena are freed
 * by the next request or the group teardown, so the ASan build checks the
 * pipeline for leaks too.
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

#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "app/measure/edition.h"
#include "app/measure/measure_edit.h"
#include "app/measure/round.h"
#include "app/strategy/strategy.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

/* ---- who and what ------------------------------------------------------ */

enum { W_ANON, W_EMPLOYEE, W_UNION, W_CASE_KD, W_SECGEN, W_SECRETARIAT, W_ADMIN, W_CASE_BFD, NWHO };
enum { MATRIX_WHO = W_ADMIN + 1 };   /* sb.bfd is only in the visibility and leak tests */

static const struct {
    const char *label, *username, *role, *ministry;
} g_who[NWHO] = {
    {"anonymous", NULL, NULL, NULL},
    {"employee", "ansatt.hod", "employee", "HOD"},
    {"union_rep", "tv.ntl", "union_rep", "JD"},
    {"case_officer", "sb.kd", "case_officer", "KD"},
    {"secretary_general", "dr.bfd", "secretary_general", "BFD"},
    {"secretariat", "sekretariat", "secretariat", "DFD"},
    {"admin", "admin", "admin", "DFD"},
    {"case_officer(BFD)", "sb.bfd", "case_officer", "BFD"},
};

enum { REC_PUBLIC, REC_INTERNAL, REC_RESTRICTED, REC_EXEMPT, NREC };

static const struct {
    const char *label, *number, *owner;
} g_rec[NREC] = {{"public", "1.1", "DFD"}, {"internal", "2.5", "DFD"}, {"restricted", "3.4", "DFD"},
                 {"exempt", "1.7", "FIN"}};   /* owners as in demo.sql */

#define RESTRICTED_GRANTEE "BFD"   /* demo.sql: 3.4 (DFD's) was shared with BFD */
#define EXEMPT_PUBLIC_TITLE "Samarbeid om budsjettposter på tvers"
#define REPORT_TEXT "Utredningen om felles ansettelse er i rute"   /* reported on 3.4 in setup */

/* The oracle: capabilities as docs/security.md lists them (every signed-in
 * user is at least an employee), and the visibility rule of access.h. */
static uint32_t oracle_caps(int who)
{
    if (who == W_ANON) {
        return 0;
    }
    return (uint32_t)(perm_role_caps(g_who[who].role) | perm_role_caps("employee"));
}

static bool oracle_sees(int who, int rec)
{
    uint32_t caps = oracle_caps(who);
    switch (rec) {
    case REC_PUBLIC:
    case REC_EXEMPT:   /* public with a public title: everyone, the public under that title */
        return true;
    case REC_INTERNAL:
        return (caps & (CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES)) != 0;
    default:
        return (caps & CAP_READ_ALL_MEASURES) ||
               (who != W_ANON && (str_eq(g_who[who].ministry, g_rec[rec].owner) ||
                                  str_eq(g_who[who].ministry, RESTRICTED_GRANTEE)));
    }
}

/* May change the measure: the secretariat, or a case officer of its owner. */
static bool oracle_can_change(int who, int rec)
{
    uint32_t caps = oracle_caps(who);
    return (caps & CAP_MEASURE_MANAGE) ||
           ((caps & CAP_MEASURE_REPORT) && str_eq(g_who[who].ministry, g_rec[rec].owner));
}

/* Sees the record's real title and description (not only its public face). */
static bool oracle_sees_real(int who, int rec)
{
    return oracle_sees(who, rec) && !(rec == REC_EXEMPT && !(oracle_caps(who) & CAP_READ_INTERNAL));
}

/* ---- fixture and requests ---------------------------------------------- */

typedef struct Fixture {
    Db *db;
    Arena keep;                 /* viewers and looked-up strings, for the group */
    Viewer v[NWHO];
    int64_t rec_id[NREC];
    const char *title[NREC], *description[NREC];   /* the real ones, read as the secretariat */
    int64_t user_id;            /* ansatt.hod: the {id} of user routes */
    int64_t foreign_grant;      /* a grant of tv.ntl (not of ansatt.hod) */
    int64_t round, closed_round;   /* reporting rounds of 2021-2025: open (with a report on 3.4), closed */
    int64_t edition;            /* a published edition of 2021-2025 */
    int64_t group, problem;     /* KUBU and its problem, both public (the group pages' own tests cover the rest) */
    int64_t case_id;            /* DFD's public case (who reads the restricted ones: tests/unit/test_consult.c) */
    int64_t article;            /* a public article of the community-wide knowledge base (test_kb.c covers the rest) */
    int64_t indicator;          /* the public indicator «ansatte» (src/db/demo/figures.sql) */
    int64_t service;            /* the public shared service «ikt» */
    Arena arena;                /* the current request's arena */
    Req r;
    int route;
} Fixture;

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->arena);
    memset(&f->r, 0, sizeof f->r);
}

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
        return "tok";
    }
    return NULL;
}

/* run: one request as v; a body is sent as a form when it is not JSON. */
static Req *run(Fixture *f, const Viewer *v, const char *method, const char *path, const char *query,
                 const char *body)
{
    done(f);
    f->r.arena = &f->arena;
    f->r.db = f->db;
    f->r.viewer = v;
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    WebRequest in = {.method = method, .path = path, .query = query, .body = body,
                     .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] != '{' ? "application/x-www-form-urlencoded" : "application/json",
                     .request_id = "access-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static Req *get(Fixture *f, int who, const char *path, const char *query)
{
    return run(f, &f->v[who], "GET", path, query, NULL);
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

/* The JSON body (caller decrefs), or NULL when it is not JSON. */
static json_t *json_of(const Req *r)
{
    json_error_t err;
    return json_loadb(r->body.data, r->body.len, 0, &err);
}

/* GET path?query as who and return "count" of the JSON list (-1: not 200). */
static long long api_count(Fixture *f, int who, const char *path, const char *query)
{
    Req *r = get(f, who, path, query);
    json_t *v = r->status == 200 ? json_of(r) : NULL;
    long long n = v ? json_integer_value(json_object_get(v, "count")) : -1;
    json_decref(v);
    return n;
}

static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* The integer right after the first occurrence of prefix, or -1. */
static long long int_after(const char *hay, const char *prefix)
{
    const char *p = strstr(hay, prefix);
    return p ? strtoll(p + strlen(prefix), NULL, 10) : -1;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    arena_free(&f->keep);
    db_close(f->db);
    return 0;
}

static bool g_present;   /* the second group: a year later, 2025– in force, the demo's story told */
#define IN_FORCE (g_present ? "strategy=2025" : "strategy=2021-2025")   /* the period of the default pages */

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    *state = &f;
    setenv("SAMLA_TODAY", g_present ? "2025-11-15" : "2024-11-15", 1);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        (g_present && demo_story(f.db, &e))) {
        goto fail;
    }
    f.v[W_ANON] = g_anonymous;
    for (int w = 1; w < NWHO; w++) {
        User u;
        Grant *g;
        size_t n;
        if (user_find(f.db, &f.keep, g_who[w].username, &u, &e) || auth_viewer(f.db, &f.keep, u.id, &f.v[w], &e) ||
            user_grants(f.db, &f.keep, u.id, &g, &n, &e)) {
            goto fail;
        }
        f.v[w].csrf = "tok";
        if (w == W_EMPLOYEE) {
            f.user_id = u.id;
        }
        if (w == W_UNION && n) {
            f.foreign_grant = g[0].id;
        }
    }
    /* The measures' ids and real texts, as the secretariat sees them. */
    Req *r = get(&f, W_SECRETARIAT, "/api/v1/measures", "strategy=2021-2025");
    json_t *v = json_of(r), *item;
    size_t i;
    json_array_foreach(json_object_get(v, "items"), i, item) {
        for (int k = 0; k < NREC; k++) {
            if (str_eq(json_string_value(json_object_get(item, "number")), g_rec[k].number)) {
                f.rec_id[k] = json_integer_value(json_object_get(item, "id"));
                f.title[k] = arena_strdup(&f.keep, json_string_value(json_object_get(item, "title")));
                f.description[k] = arena_strdup(&f.keep, json_string_value(json_object_get(item, "description")));
            }
        }
    }
    json_decref(v);
    done(&f);
    for (int k = 0; k < NREC; k++) {
        if (!f.rec_id[k] || !*f.title[k] || !*f.description[k]) {
            err_set(&e, E_NOTFOUND, "measure %s not found", g_rec[k].number);
            goto fail;
        }
    }
    if (!f.foreign_grant) {
        err_set(&e, E_NOTFOUND, "tv.ntl has no role grant");
        goto fail;
    }
    /* A round with a report on the restricted measure, a closed round and an
     * edition, made by the secretariat through the models. */
    const Viewer *sec = &f.v[W_SECRETARIAT];
    ReportInput rep = {.status = "planned", .progress = "5", .risk = "red", .text = REPORT_TEXT};
    Strategy st;
    int64_t id;
    if (!round_open(f.db, sec, "test", "Matrise", "2030-06-30", "2021-2025", &f.round, &e) &&
        !report_submit(f.db, &f.keep, sec, "test", f.round, f.rec_id[REC_RESTRICTED], &rep, &id, NULL, &e) &&
        !round_open(f.db, sec, "test", "Lukket", "2030-06-30", "2021-2025", &f.closed_round, &e) &&
        !round_close(f.db, sec, "test", f.closed_round, &e) &&
        !strategy_get(f.db, &f.keep, sec, "2021-2025", &st, &e) &&
        !edition_publish(f.db, &f.keep, sec, "test", st.id, "Matriseutgave", "", &f.edition, &e)) {
        f.group = db_one_int(f.db, "SELECT min(id) FROM record WHERE kind = 'group' AND visibility = 'public' "
                                   "AND title LIKE '%KUBU%' AND ?1", 1, 0);
        f.problem = db_one_int(f.db, "SELECT min(id) FROM record WHERE kind = 'problem' AND owner_group_id = ?1", f.group, 0);
        f.case_id = db_one_int(f.db, "SELECT min(id) FROM record WHERE kind = 'case' AND visibility = 'public' "
                                     "AND owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD') AND ?1", 1, 0);
        for (int k = 0; g_present && k < NREC; k++) {   /* the marked ones as carried over into 2025– */
            f.rec_id[k] = db_one_int(f.db, "SELECT id FROM measure WHERE predecessor_id = ?1", f.rec_id[k], 0);
        }
        f.article = db_one_int(f.db, "SELECT min(id) FROM record WHERE kind = 'article' AND visibility = 'public'", 0, 0);
        f.indicator = db_one_int(f.db, "SELECT id FROM indicator WHERE code = 'ansatte' AND ?1", 1, 0);
        f.service = db_one_int(f.db, "SELECT id FROM service WHERE code = 'ikt' AND ?1", 1, 0);
        if (f.group && f.problem && f.case_id && f.article && f.rec_id[REC_PUBLIC] && f.rec_id[REC_RESTRICTED]) {
            return 0;
        }
        err_set(&e, E_NOTFOUND, "the demo has no KUBU, no problem of it, no public case or no carried-over measure");
    }
fail:
    fprintf(stderr, "setup: %s\n", e.msg);
    teardown(state);
    return -1;
}

/* ---- 1. the access matrix ---------------------------------------------- */

/* What fills a {capture}. */
enum {
    A_NONE, A_MEASURE, A_USER, A_GRANT, A_TOKEN, A_CODE, A_SLUG, A_NUMBER, A_FILE, A_ROUND, A_CLOSED_ROUND, A_EDITION,
    A_GROUP, A_PROBLEM, A_CASE, A_ARTICLE, A_INDICATOR, A_SERVICE, A_FACT
};

#define LONG_NAME "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"   /* 65: refused unhashed */

/* One access rule per route: the capability it must require (docs/security.md)
 * and the status of a caller who is let through.  Writes get an empty or
 * invalid body, so a reachable handler answers 400/401/404 and writes
 * nothing; the point is "let through" against "refused".
 *
 * PENDING marks a placeholder (src/app/stubs.c): it answers 501 to whoever
 * the router lets through, whatever the record.  When its real handler
 * lands this test fails until the rule says what it answers — and then a
 * measure the caller may not see must answer 404 like everywhere else. */
#define PENDING 501

typedef struct Rule {
    const char *route;   /* "METHOD pattern", exactly as in g_routes */
    int cap;             /* the capability it requires */
    int arg[2];          /* what fills its {captures}, in order */
    int ok;              /* status when let through */
    int ok_anon;         /* … when let through anonymously, if different */
    bool row_write;      /* also needs the right to change this measure (else 403) */
    bool manage;         /* also needs the right to manage the record: its marking and grants (else 403) */
    const char *body;    /* form fields after csrf=tok, or the JSON body of an API write */
    const char *query;   /* query string, when it needs one */
    int in_group;        /* also needs this GroupRole in KUBU (A_GROUP), or to manage groups of its owner (else 403) */
    int creates;         /* also needs the right to set up a group (CR_GROUP) or a problem (CR_PROBLEM) (else 403) */
} Rule;

enum { CR_NONE, CR_GROUP, CR_PROBLEM };

#include "test_access_rules.h"

static const Rule *rule_for(const Route *rt)
{
    char key[200];
    snprintf(key, sizeof key, "%s %s", rt->method, rt->pattern);
    for (size_t i = 0; i < COUNT(g_rules); i++) {
        if (str_eq(g_rules[i].route, key)) {
            return &g_rules[i];
        }
    }
    return NULL;
}

static bool has_measure(const Rule *rule)
{
    return rule->arg[0] == A_MEASURE || rule->arg[1] == A_MEASURE;
}

/* The path of rt with its captures filled (in a). */
static const char *fill(Fixture *f, Arena *a, const Route *rt, const Rule *rule, int rec)
{
    Buf b = {0};
    int k = 0;
    for (const char *p = rt->pattern; *p; p++) {
        if (*p != '{') {
            buf_putc(&b, *p);
            continue;
        }
        p = strchr(p, '}');
        switch (k < 2 ? rule->arg[k] : A_NONE) {
        case A_MEASURE: buf_printf(&b, "%lld", (long long)f->rec_id[rec]); break;
        case A_USER: buf_printf(&b, "%lld", (long long)f->user_id); break;
        case A_GRANT: buf_printf(&b, "%lld", (long long)f->foreign_grant); break;
        case A_TOKEN: buf_puts(&b, "999999"); break;
        case A_CODE: buf_puts(&b, "KD"); break;
        case A_SLUG: buf_puts(&b, "2021-2025"); break;
        case A_NUMBER: buf_puts(&b, "1"); break;
        case A_FILE: buf_puts(&b, static_css_href() + strlen("/static/")); break;
        case A_ROUND: buf_printf(&b, "%lld", (long long)f->round); break;
        case A_CLOSED_ROUND: buf_printf(&b, "%lld", (long long)f->closed_round); break;   /* closing: no write */
        case A_EDITION: buf_printf(&b, "%lld", (long long)f->edition); break;
        case A_GROUP: buf_printf(&b, "%lld", (long long)f->group); break;
        case A_PROBLEM: buf_printf(&b, "%lld", (long long)f->problem); break;
        case A_CASE: buf_printf(&b, "%lld", (long long)f->case_id); break;
        case A_ARTICLE: buf_printf(&b, "%lld", (long long)f->article); break;
        case A_INDICATOR: buf_printf(&b, "%lld", (long long)f->indicator); break;
        case A_SERVICE: buf_printf(&b, "%lld", (long long)f->service); break;
        case A_FACT: buf_puts(&b, "ansatte"); break;
        default: buf_puts(&b, "unfilled"); break;
        }
        k++;
    }
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* Group rights, from docs/security.md and the demo's groups
 * (src/db/demo/groups.sql): a person's role in KUBU (BFD's, which also
 * owns the problem A_PROBLEM), and whether they are in any group at all.
 * The strategy secretariat manages every group, a secretary general the
 * groups of their own ministry. */
static int oracle_kubu_role(int who)
{
    switch (who) {
    case W_EMPLOYEE: return GROUP_ROLE_MEMBER;   /* ansatt.hod */
    case W_CASE_KD: return GROUP_ROLE_MEMBER;    /* sb.kd */
    case W_SECGEN: return GROUP_ROLE_LEADER;     /* dr.bfd */
    default: return GROUP_ROLE_NONE;
    }
}

static bool oracle_in_some_group(int who)
{
    return who == W_EMPLOYEE || who == W_UNION || who == W_CASE_KD || who == W_SECGEN || who == W_SECRETARIAT;
}

static bool oracle_group_right(int who, int need)
{
    uint32_t caps = oracle_caps(who);
    return (caps & CAP_GROUP_ADMIN) || ((caps & CAP_READ_MINISTRY) && str_eq(g_who[who].ministry, "BFD")) ||
           oracle_kubu_role(who) >= need;
}

static bool oracle_creates(int who, int what)
{
    uint32_t caps = oracle_caps(who);
    bool lead = (caps & (CAP_GROUP_ADMIN | CAP_READ_MINISTRY)) != 0;
    return what == CR_GROUP ? lead : what == CR_PROBLEM ? lead || oracle_in_some_group(who) : true;
}

/* The expected status from the documented rules. */
static int expected(const Route *rt, const Rule *rule, int who, int rec)
{
    uint32_t caps = oracle_caps(who);
    if (rule->cap && (caps & (uint32_t)rule->cap) != (uint32_t)rule->cap) {
        if (who != W_ANON) {
            return 403;
        }
        return str_eq(rt->method, "GET") && !(rt->flags & (ROUTE_API | ROUTE_RAW)) ? 303 : 401;
    }
    if (has_measure(rule) && !oracle_sees(who, rec) && rule->ok != PENDING) {
        return 404;   /* the same as a record that does not exist */
    }
    if (rule->row_write && !oracle_can_change(who, rec)) {
        return 403;
    }
    if (rule->manage && !(oracle_caps(who) & CAP_MEASURE_MANAGE)) {
        return 403;   /* the secretariat manages every measure's marking and grants */
    }
    if ((rule->in_group && !oracle_group_right(who, rule->in_group)) || !oracle_creates(who, rule->creates)) {
        return 403;
    }
    return who == W_ANON && rule->ok_anon ? rule->ok_anon : rule->ok;
}

static void every_route_has_an_access_rule(void **state)
{
    (void)state;
    int missing = 0;
    for (size_t i = 0; i < g_route_count; i++) {
        const Rule *rule = rule_for(&g_routes[i]);
        if (!rule) {
            print_error("route %s %s has no access rule in the matrix\n", g_routes[i].method, g_routes[i].pattern);
            missing++;
        } else if (rule->cap != g_routes[i].cap) {
            print_error("route %s %s requires capability %#x; its access rule says %#x\n", g_routes[i].method,
                        g_routes[i].pattern, (unsigned)g_routes[i].cap, (unsigned)rule->cap);
            missing++;
        }
    }
    for (size_t i = 0; i < COUNT(g_rules); i++) {   /* and no rule for a route that is gone */
        bool found = false;
        for (size_t k = 0; k < g_route_count && !found; k++) {
            found = rule_for(&g_routes[k]) == &g_rules[i];
        }
        if (!found) {
            print_error("access rule \"%s\" matches no route\n", g_rules[i].route);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

static void access_matrix(void **state)
{
    Fixture *f = *state;
    int checks = 0, bad = 0;
    for (size_t i = 0; i < g_route_count; i++) {
        const Route *rt = &g_routes[i];
        const Rule *rule = rule_for(rt);
        if (!rule) {
            continue;   /* reported by every_route_has_an_access_rule */
        }
        int nrec = has_measure(rule) ? NREC : 1;
        for (int who = 0; who < MATRIX_WHO; who++) {
            for (int rec = 0; rec < nrec; rec++) {
                Arena a = {0};
                const char *path = fill(f, &a, rt, rule, rec);
                const char *body = NULL;
                if (!str_eq(rt->method, "GET")) {
                    body = rt->flags & ROUTE_API ? rule->body
                         : rule->body         ? arena_printf(&a, "csrf=tok&%s", rule->body)
                                              : "csrf=tok";
                }
                int want = expected(rt, rule, who, rec);
                Req *r = run(f, &f->v[who], rt->method, path, rule->query, body);
                int got = r->status;
                const char *loc = header(r, "Location");
                const char *next = rule->query ? arena_printf(&a, "%s?%s", path, rule->query) : path;
                const char *login = arena_printf(&a, "/login?next=%s", url_enc(&a, next));
                bool ok = got == want && f->route == (int)i && (want != 303 || who != W_ANON || rule->cap == 0 ||
                                                               (loc && str_eq(loc, login)));
                if (!ok) {
                    print_error("  %-6s %-44s %-18s %-10s want %d got %d%s%s%s\n", rt->method, path,
                                g_who[who].label, nrec > 1 ? g_rec[rec].label : "-", want, got,
                                loc ? " Location: " : "", loc ? loc : "",
                                f->route != (int)i ? " (another route answered)" : "");
                    bad++;
                }
                checks++;
                arena_free(&a);
            }
        }
    }
    print_message("access matrix: %zu routes x %d roles, %d requests (measure routes x %d records)\n", g_route_count,
                  MATRIX_WHO, checks, NREC);
    if (bad) {
        fail_msg("%d of %d access checks failed (route, role, record, expected, actual above)", bad, checks);
    }
}

/* ---- 2. visibility and leaks ------------------------------------------- */

/* Each viewer against each marked measure: the single record, the list, and
 * which title and description come back. */
static void who_sees_which_measure(void **state)
{
    Fixture *f = *state;
    int bad = 0;
    for (int who = 0; who < NWHO; who++) {
        assert_int_equal(f->v[who].caps, oracle_caps(who));
        for (int rec = 0; rec < NREC; rec++) {
            char path[64];
            snprintf(path, sizeof path, "/api/v1/measures/%lld", (long long)f->rec_id[rec]);
            Req *r = get(f, who, path, NULL);
            int status = r->status;
            json_t *v = json_of(r);
            const char *title = json_string_value(json_object_get(v, "title"));
            const char *desc = json_string_value(json_object_get(v, "description"));
            bool real = title && desc && str_eq(title, f->title[rec]) && str_eq(desc, f->description[rec]);
            bool masked = title && desc && str_eq(title, EXEMPT_PUBLIC_TITLE) && !*desc;
            bool want_masked = oracle_sees(who, rec) && !oracle_sees_real(who, rec);
            if (status != (oracle_sees(who, rec) ? 200 : 404) ||
                (status == 200 && !(want_masked ? masked : real))) {
                print_error("  %s %s (%s): status %d, title «%s», description «%.40s»\n", g_who[who].label,
                            g_rec[rec].number, g_rec[rec].label, status, title ? title : "", desc ? desc : "");
                bad++;
            }
            json_decref(v);
            r = get(f, who, "/api/v1/measures", IN_FORCE);
            bool listed = false;
            json_t *list = json_of(r), *item;
            size_t i;
            json_array_foreach(json_object_get(list, "items"), i, item) {
                listed |= json_integer_value(json_object_get(item, "id")) == f->rec_id[rec];
            }
            json_decref(list);
            if (listed != oracle_sees(who, rec)) {
                print_error("  %s: measure %s %s the list\n", g_who[who].label, g_rec[rec].number,
                            oracle_sees(who, rec) ? "missing from" : "shown in");
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* The public face of the exempt measure: the public title, no description,
 * no exemption tag, on the page as in the API. */
static void exempt_measure_public_face(void **state)
{
    Fixture *f = *state;
    char path[64];
    snprintf(path, sizeof path, "/measures/%lld", (long long)f->rec_id[REC_EXEMPT]);
    Req *r = get(f, W_ANON, path, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), EXEMPT_PUBLIC_TITLE));
    assert_null(strstr(buf_str(&r->body), "Om tiltaket"));
    assert_null(strstr(buf_str(&r->body), "Unntatt offentlighet"));
    r = get(f, W_EMPLOYEE, path, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), f->title[REC_EXEMPT]));
    assert_non_null(strstr(buf_str(&r->body), "Unntatt offentlighet"));
}

/* A record the viewer may not see answers exactly like one that does not
 * exist, as a page and in the API. */
static void hidden_is_like_missing(void **state)
{
    Fixture *f = *state;
    static const int cases[][2] = {{W_CASE_KD, REC_RESTRICTED}, {W_ANON, REC_RESTRICTED}, {W_ANON, REC_INTERNAL}};
    static const char *const prefixes[] = {"/measures/", "/api/v1/measures/"};
    for (size_t c = 0; c < COUNT(cases); c++) {
        for (size_t p = 0; p < COUNT(prefixes); p++) {
            char missing[64], hidden[64];
            snprintf(missing, sizeof missing, "%s999999", prefixes[p]);
            snprintf(hidden, sizeof hidden, "%s%lld", prefixes[p], (long long)f->rec_id[cases[c][1]]);
            Req *r = get(f, cases[c][0], missing, NULL);
            assert_int_equal(r->status, 404);
            const char *want = arena_strdup(&f->keep, buf_str(&r->body));
            r = get(f, cases[c][0], hidden, NULL);
            assert_int_equal(r->status, 404);
            assert_string_equal(buf_str(&r->body), want);
        }
    }
}

/* True when text (raw or HTML-escaped) occurs in body. */
static bool contains(const char *body, const char *text)
{
    Buf esc = {0};
    html_esc(&esc, text);
    bool found = strstr(body, text) || strstr(body, buf_str(&esc));
    buf_free(&esc);
    return found;
}

static const struct {
    const char *path, *query;
} g_pages[] = {
    {"/", NULL}, {"/measures", NULL},
    {"/measures", "ministry=DFD"}, {"/measures", "status=planned"},
    {"/measures", "ministry=DFD&status=planned"}, {"/measures", "ministry=FIN"},
    {"/strategies", NULL}, {"/strategies/2021-2025", NULL},
    {"/strategies/2021-2025/areas/1", NULL}, {"/strategies/2021-2025/areas/2", NULL},
    {"/strategies/2021-2025/areas/3", NULL}, {"/ministries", NULL},
    {"/ministries/DFD", NULL}, {"/ministries/FIN", NULL},
    {"/ministries/BFD", NULL}, {"/api/v1/measures", NULL},
    {"/api/v1/measures", "ministry=DFD"}, {"/api/v1/measures", "ministry=FIN"},
    {"/api/v1/measures", "status=planned"}, {"/api/v1/measures", "strategy=2021-2025&goal_area=3"},
    {"/api/v1/strategies", NULL}, {"/api/v1/strategies/2021-2025", NULL},
    {"/api/v1/strategies/2021-2025/areas/3", NULL}, {"/api/v1/ministries", NULL},
    {"/api/v1/ministries/DFD", NULL}, {"/overview", NULL},
    {"/editions", NULL}, {"/editions/{E}", NULL},   /* {E}: the edition, {R}: the open round */
    {"/editions/compare", "from={E}&to=now"}, {"/api/v1/editions", NULL},
    {"/api/v1/editions/{E}", NULL}, {"/api/v1/editions/compare", "from={E}&to=now"},
    {"/measures/export", NULL}, {"/api/v1/measures/export", "format=csv&strategy=2021-2025"},
    {"/api/v1/measures/export", "format=json&strategy=2021-2025"}, {"/rounds", NULL},
    {"/rounds/{R}", NULL}, {"/api/v1/rounds", NULL},
    {"/api/v1/rounds/{R}", NULL}, {"/strategies/2025/areas/3", NULL}, {"/measures", "strategy=2021-2025"},
    {"/overview", "strategy=2021-2025"}, {"/editions/3", NULL}, {"/editions/compare", "from=2&to=3"},
};

/* s with {E} and {R} replaced by the ids of the edition and the open round (in keep). */
static const char *expand(Fixture *f, const char *s)
{
    if (!s) {
        return NULL;
    }
    Buf b = {0};
    for (; *s; s++) {
        if (s[0] == '{' && (s[1] == 'E' || s[1] == 'R') && s[2] == '}') {
            buf_printf(&b, "%lld", (long long)(s[1] == 'E' ? f->edition : f->round));
            s += 2;
        } else {
            buf_putc(&b, *s);
        }
    }
    const char *out = arena_strdup(&f->keep, buf_str(&b));
    buf_free(&b);
    return out;
}

/* No page, API answer or export shows a title, description or report the
 * viewer may not see, or links to a record it may not see.  Each page is
 * first fetched by the secretariat, so a cache that kept a privileged
 * answer would show here too. */
static void nothing_leaks(void **state)
{
    Fixture *f = *state;
    static const int viewers[] = {W_ANON, W_EMPLOYEE, W_UNION, W_CASE_KD};
    int bad = 0;
    for (size_t p = 0; p < COUNT(g_pages) + 2 * NREC; p++) {
        const char *path, *query = NULL;
        if (p < COUNT(g_pages)) {
            path = expand(f, g_pages[p].path);
            query = expand(f, g_pages[p].query);
        } else {   /* then every marked record, as page and as API */
            size_t x = p - COUNT(g_pages);
            path = arena_printf(&f->keep, "%s/%lld", x < NREC ? "/measures" : "/api/v1/measures",
                                (long long)f->rec_id[x % NREC]);
        }
        get(f, W_SECRETARIAT, path, query);
        for (size_t k = 0; k < COUNT(viewers); k++) {
            int who = viewers[k];
            Req *r = get(f, who, path, query);
            const char *body = buf_str(&r->body);
            if (r->status >= 400 && r->status != 404 && !(who == W_ANON && r->status == 401)) {
                print_error("  %s %s%s%s: status %d\n", g_who[who].label, path, query ? "?" : "", query ? query : "",
                            r->status);
                bad++;
            }
            for (int rec = 0; rec < NREC; rec++) {
                if (oracle_sees_real(who, rec)) {
                    continue;
                }
                char href[48];
                snprintf(href, sizeof href, "href=\"/measures/%lld\"", (long long)f->rec_id[rec]);
                const char *what = contains(body, f->title[rec])         ? "title"
                                   : contains(body, f->description[rec]) ? "description"
                                   : oracle_sees(who, rec)               ? NULL
                                   : strstr(body, href)                  ? "link"
                                   : rec == REC_RESTRICTED && contains(body, REPORT_TEXT) ? "report"
                                                                                          : NULL;
                if (what) {
                    print_error("  %s %s%s%s shows the %s of %s (%s)\n", g_who[who].label, path, query ? "?" : "",
                                query ? query : "", what, g_rec[rec].number, g_rec[rec].label);
                    bad++;
                }
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Rows of a measure table on a page. */
static int table_rows(const char *body)
{
    return occurrences(body, "<td><a class=\"ds-link\" href=\"/measures/");
}

/* Every count agrees with what the same viewer is shown. */
static void counts_agree(void **state)
{
    Fixture *f = *state;
    static const char *const codes[] = {"DFD", "FIN", "BFD", "KD", "SMK", "HOD"};
    int bad = 0;
#define AGREE(what, a, b)                                                                                         \
    do {                                                                                                          \
        long long a_ = (a), b_ = (b);                                                                             \
        if (a_ != b_) {                                                                                           \
            print_error("  %s: %s: %lld, but %lld shown\n", g_who[who].label, what, a_, b_);                      \
            bad++;                                                                                                \
        }                                                                                                         \
    } while (0)
    for (int who = 0; who < NWHO; who++) {
        const char *in_force = IN_FORCE, *current = in_force + strlen("strategy=");
        long long all = api_count(f, who, "/api/v1/measures", in_force);
        Req *r = get(f, who, "/measures", NULL);
        int rows = table_rows(buf_str(&r->body));
        AGREE("«N tiltak» on /measures", int_after(buf_str(&r->body), "role=\"status\">"), rows);
        AGREE("/measures rows against the API", rows, all);
        static const char *const filters[] = {"ministry=DFD", "status=planned", "ministry=FIN"};
        for (size_t i = 0; i < COUNT(filters); i++) {
            r = get(f, who, "/measures", filters[i]);
            long long shown = int_after(buf_str(&r->body), "role=\"status\">");
            AGREE(filters[i], shown, table_rows(buf_str(&r->body)));
            AGREE(filters[i], shown,
                  api_count(f, who, "/api/v1/measures", arena_printf(&f->keep, "%s&%s", in_force, filters[i])));
        }
        r = get(f, who, "/", NULL);
        AGREE("measures on the front page",
              occurrences(buf_str(&r->body), "<li><a class=\"ds-link\" href=\"/measures/"), all);
        r = get(f, who, arena_printf(&f->keep, "/strategies/%s", current), NULL);
        AGREE("«Tiltak» on the strategy page", int_after(buf_str(&r->body), "<dt>Tiltak</dt><dd>"), all);
        r = get(f, who, arena_printf(&f->keep, "/api/v1/strategies/%s", current), NULL);
        json_t *v = json_of(r), *g;
        AGREE("strategy measure_count", json_integer_value(json_object_get(v, "measure_count")), all);
        size_t i;
        json_array_foreach(json_object_get(v, "goal_areas"), i, g) {
            long long n = json_integer_value(json_object_get(g, "number"));
            long long listed = api_count(f, who, "/api/v1/measures",
                                         arena_printf(&f->keep, "%s&goal_area=%lld", in_force, n));
            AGREE(arena_printf(&f->keep, "measure_count of goal area %lld", n),
                  json_integer_value(json_object_get(g, "measure_count")), listed);
            r = get(f, who, arena_printf(&f->keep, "/strategies/%s/areas/%lld", current, n), NULL);
            AGREE(arena_printf(&f->keep, "rows on area page %lld", n), table_rows(buf_str(&r->body)), listed);
        }
        json_decref(v);
        r = get(f, who, "/api/v1/ministries", NULL);
        json_t *mins = json_of(r);
        r = get(f, who, "/ministries", NULL);
        const char *page = arena_strdup(&f->keep, buf_str(&r->body));
        for (size_t c = 0; c < COUNT(codes); c++) {
            long long count = -1;
            json_t *m;
            json_array_foreach(json_object_get(mins, "items"), i, m) {
                if (str_eq(json_string_value(json_object_get(m, "code")), codes[c])) {
                    count = json_integer_value(json_object_get(m, "measure_count"));
                }
            }
            /* measure_count counts the measures a ministry owns; ?ministry= also lists where it takes part. */
            r = get(f, who, "/api/v1/measures", arena_printf(&f->keep, "ministry=%s", codes[c]));
            json_t *list = json_of(r), *item;
            long long owned = 0;
            json_array_foreach(json_object_get(list, "items"), i, item) {
                owned += str_eq(json_string_value(json_object_get(item, "owner")), codes[c]);
            }
            json_decref(list);
            AGREE(arena_printf(&f->keep, "measure_count of %s", codes[c]), count, owned);
            AGREE(arena_printf(&f->keep, "/ministries count of %s", codes[c]),
                  int_after(page, arena_printf(&f->keep, "<td>%s</td><td>", codes[c])), owned);
        }
        json_decref(mins);
    }
#undef AGREE
    assert_int_equal(bad, 0);
}

/* ---- 3. tokens ---------------------------------------------------------- */

/* A read-only API token of the secretariat is refused on PUT …/access and
 * nothing changes; the same call with a read-write token goes through. */
static void read_only_token_cannot_mark(void **state)
{
    Fixture *f = *state;
    Viewer ro = f->v[W_SECRETARIAT], rw = f->v[W_SECRETARIAT];
    ro.read_only = ro.via_token = true;
    rw.via_token = true;
    char path[64], show[64], page[64];
    snprintf(show, sizeof show, "/api/v1/measures/%lld", (long long)f->rec_id[REC_PUBLIC]);
    snprintf(path, sizeof path, "/api/v1/measures/%lld/access", (long long)f->rec_id[REC_PUBLIC]);
    snprintf(page, sizeof page, "/measures/%lld/access", (long long)f->rec_id[REC_PUBLIC]);
    Req *r = run(f, &ro, "PUT", path, NULL, "{\"visibility\":\"restricted\"}");
    assert_int_equal(r->status, 403);
    r = run(f, &ro, "POST", page, NULL, "csrf=tok&visibility=restricted");
    assert_int_equal(r->status, 403);
    r = get(f, W_ANON, show, NULL);   /* still public */
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "\"visibility\":\"public\""));
    r = run(f, &rw, "PUT", path, NULL, "{\"visibility\":\"internal\"}");
    assert_int_equal(r->status, 200);
    assert_int_equal(get(f, W_ANON, show, NULL)->status, 404);
    r = run(f, &rw, "PUT", path, NULL, "{\"visibility\":\"public\"}");   /* as it was, for the other tests */
    assert_int_equal(r->status, 200);
    assert_int_equal(get(f, W_ANON, show, NULL)->status, 200);
}

/* One user cannot revoke another's API token (it answers 404, like a token
 * that does not exist); an admin can. */
static void others_tokens_cannot_be_revoked(void **state)
{
    Fixture *f = *state;
    char token[AUTH_TOKEN_CHARS + 8], path[64];
    int64_t id;
    Err e = {0};
    assert_int_equal(token_create(f->db, NULL, "test", f->user_id, "matrix", false, token, &id, &e), 0);
    snprintf(path, sizeof path, "/account/tokens/%lld/revoke", (long long)id);
    assert_int_equal(run(f, &f->v[W_CASE_KD], "POST", path, NULL, "csrf=tok")->status, 404);
    snprintf(path, sizeof path, "/api/v1/tokens/%lld", (long long)id);
    assert_int_equal(run(f, &f->v[W_CASE_KD], "DELETE", path, NULL, NULL)->status, 404);
    Viewer ro = f->v[W_EMPLOYEE];
    ro.read_only = ro.via_token = true;
    assert_int_equal(run(f, &ro, "DELETE", path, NULL, NULL)->status, 403);
    Arena a = {0};
    Token *t;
    size_t n;
    assert_int_equal(token_list(f->db, &a, f->user_id, &t, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].revoked_at, 0);
    arena_free(&a);
    snprintf(path, sizeof path, "/admin/tokens/%lld/revoke", (long long)id);
    assert_int_equal(run(f, &f->v[W_ADMIN], "POST", path, NULL, "csrf=tok")->status, 303);
    assert_int_equal(token_list(f->db, &a, f->user_id, &t, &n, &e), 0);
    assert_true(n == 1 && t[0].revoked_at != 0);
    arena_free(&a);
}

/* An exempt measure without a public title is invisible to the public —
 * record, lists and counts — and unchanged for employees.  Restores the
 * marking at the end (kept last: it changes the shared database). */
static void exempt_without_public_title_is_hidden(void **state)
{
    Fixture *f = *state;
    Viewer rw = f->v[W_SECRETARIAT];
    rw.via_token = true;
    char path[64], show[64];
    snprintf(show, sizeof show, "/api/v1/measures/%lld", (long long)f->rec_id[REC_PUBLIC]);
    snprintf(path, sizeof path, "/api/v1/measures/%lld/access", (long long)f->rec_id[REC_PUBLIC]);
    long long before = api_count(f, W_ANON, "/api/v1/measures", "strategy=2021-2025");
    Req *r = run(f, &rw, "PUT", path, NULL, "{\"visibility\":\"public\",\"exemption_basis\":\"offl-22\"}");
    assert_int_equal(r->status, 200);
    assert_int_equal(get(f, W_ANON, show, NULL)->status, 404);
    assert_int_equal(api_count(f, W_ANON, "/api/v1/measures", "strategy=2021-2025"), before - 1);
    r = get(f, W_ANON, "/api/v1/strategies/2021-2025", NULL);
    json_t *v = json_of(r);
    long long counted = json_integer_value(json_object_get(v, "measure_count"));
    json_decref(v);
    assert_int_equal(counted, before - 1);
    r = get(f, W_ANON, "/measures", NULL);
    assert_false(contains(buf_str(&r->body), f->title[REC_PUBLIC]));
    r = get(f, W_EMPLOYEE, show, NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(buf_str(&r->body), f->title[REC_PUBLIC]));
    r = run(f, &rw, "PUT", path, NULL, "{\"visibility\":\"public\"}");
    assert_int_equal(r->status, 200);
    assert_int_equal(get(f, W_ANON, show, NULL)->status, 200);
}

/* A parent's rolled-up progress and its count of sub-measures use only the
 * sub-measures the viewer may see (security.md: filtered before anything
 * is counted or shown) — live and in an edition published meanwhile.
 * Makes 3.4 (restricted, 5 %) a sub-measure of 3.3 (public, 25 %) through
 * the model, checks every viewer, and undoes the parent link. */
static void rollup_uses_only_visible_submeasures(void **state)
{
    Fixture *f = *state;
    int64_t parent = 0, child = f->rec_id[REC_RESTRICTED], out;
    Arena a = {0};
    Measure *all, kid, m, before;
    size_t n, nerr;
    FieldError *errs;
    Err e = {0};
    const Viewer *sec = &f->v[W_SECRETARIAT];
    assert_int_equal(measure_list(f->db, &a, sec, NULL, &all, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        parent = str_eq(all[i].number, "3.3") && str_eq(all[i].strategy_slug, "2021-2025") ? all[i].id : parent;
    }
    assert_int_equal(measure_get(f->db, &a, sec, parent, &before, &e), 0);
    MeasureText t = {0};
    t.v[MF_PARENT] = "3.3";
    assert_int_equal(measure_save(f->db, &a, sec, "test", child, &t, 0, NULL, &out, &errs, &nerr, &e), 0);
    assert_int_equal(measure_get(f->db, &a, sec, child, &kid, &e), 0);
    assert_int_not_equal(kid.progress, before.progress);   /* else the check below proves nothing */
    int64_t ed;
    assert_int_equal(edition_publish(f->db, &a, sec, "test", kid.strategy_id, "Med deltiltak", "", &ed, &e), 0);
    int bad = 0;
    char page[64], bar[48];
    snprintf(page, sizeof page, "/measures/%lld", (long long)parent);
    for (int who = 0; who < NWHO; who++) {
        int sees = oracle_sees(who, REC_RESTRICTED), want = sees ? kid.progress : before.progress;
        if (measure_get(f->db, &a, &f->v[who], parent, &m, &e) || m.sub_count != sees || m.progress != want) {
            print_error("  %s: 3.3 has progress %d %% from %d sub-measures; want %d %% from %d\n", g_who[who].label,
                        m.progress, m.sub_count, want, sees);
            bad++;
        }
        Req *r = get(f, who, page, NULL);   /* and as the page shows it */
        snprintf(bar, sizeof bar, "<progress class=\"bar\" max=\"100\" value=\"%d\"", want);
        if (r->status != 200 || !strstr(buf_str(&r->body), bar) ||
            (!sees && contains(buf_str(&r->body), f->title[REC_RESTRICTED]))) {
            print_error("  %s: GET %s: status %d, progress bar at %d %%: %s\n", g_who[who].label, page, r->status,
                        want, strstr(buf_str(&r->body), bar) ? "yes" : "no");
            bad++;
        }
        Edition edn;
        int got = -1;
        assert_int_equal(edition_get(f->db, &a, &f->v[who], ed, &edn, &e), 0);
        for (size_t i = 0; i < edn.nitems; i++) {
            got = edn.items[i].id == parent ? edn.items[i].progress : got;
        }
        if (got != want) {
            print_error("  %s: edition %lld shows 3.3 at %d %%; want %d %%\n", g_who[who].label, (long long)ed, got,
                        want);
            bad++;
        }
    }
    t.v[MF_PARENT] = "";
    int rc = measure_save(f->db, &a, sec, "test", child, &t, 0, NULL, &out, &errs, &nerr, &e);
    arena_free(&a);
    assert_int_equal(rc, 0);
    assert_int_equal(bad, 0);
}

int main(void)
{
    web_init();
    if (!auth_init()) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_has_an_access_rule),
        cmocka_unit_test(access_matrix),
        cmocka_unit_test(who_sees_which_measure),
        cmocka_unit_test(exempt_measure_public_face),
        cmocka_unit_test(hidden_is_like_missing),
        cmocka_unit_test(nothing_leaks),
        cmocka_unit_test(counts_agree),
        cmocka_unit_test(read_only_token_cannot_mark),
        cmocka_unit_test(others_tokens_cannot_be_revoked),
        cmocka_unit_test(exempt_without_public_title_is_hidden),
        cmocka_unit_test(rollup_uses_only_visible_submeasures),
    };
    const struct CMUnitTest present[] = {cmocka_unit_test(who_sees_which_measure), cmocka_unit_test(nothing_leaks),
                                         cmocka_unit_test(counts_agree)};
    int rc = cmocka_run_group_tests_name("access", tests, setup, teardown);
    g_present = true;
    return rc | cmocka_run_group_tests_name("access, the present of 2025–", present, setup, teardown);
}
