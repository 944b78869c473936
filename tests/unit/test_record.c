/* test_record.c: the record core's access rule, checked for every
 * registered kind of record — the leak tests are generated from
 * g_record_kinds and g_routes, so a kind that registers is covered without
 * code of its own here.  To prove it, this file registers a kind that
 * exists only in the test suite (test_note, with a table made by the
 * fixture) and it is checked exactly like measures.
 *
 * For every kind × marking × viewer: record_can_read and record_get agree
 * with an oracle written here from docs/security.md; every GET route with
 * the record's id in it (the core's /r/{id}, /records/{id}/…,
 * /api/v1/records/{id}/…, and the kind's own pages) answers a viewer who
 * may not read the record exactly as for a missing one and never shows its
 * title; every GET route without captures (lists, searches, feeds,
 * exports) never shows a title the viewer may not see; and versions,
 * grants and marking changes keep to the same rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/core/record.h"
#include "app/core/search.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

/* ---- a kind that exists only here -------------------------------------- */

static int note_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO test_note (id) VALUES (?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "test_note insert failed");
    db_done(s);
    return rc;
}

static const RecordKind g_note_kind = {
    .name = "test_note", .table = "test_note", .label = "testnotat", .url = "/r/", .sample = note_sample,
};
RECORD_KIND(g_note_kind)

/* ---- who, and which markings ------------------------------------------- */

enum { W_ANON, W_EMPLOYEE, W_CASE_KD, W_CASE_BFD, W_SECGEN_BFD, W_SECRETARIAT, W_ADMIN, NWHO };

static const struct {
    const char *username, *ministry;
    bool secretariat;
} g_who[NWHO] = {
    {NULL, NULL, false},          {"ansatt.hod", "HOD", false}, {"sb.kd", "KD", false},
    {"sb.bfd", "BFD", false},     {"dr.bfd", "BFD", false},     {"sekretariat", "DFD", true},
    {"admin", "DFD", false},
};

enum { M_PUBLIC, M_INTERNAL, M_RESTRICTED, M_EXEMPT_TITLED, M_EXEMPT_HIDDEN, M_RESTRICTED_EXEMPT, NMARK };

static const struct {
    const char *label, *visibility, *basis;
    bool public_title;
} g_mark[NMARK] = {
    {"public", "public", NULL, false},           {"internal", "internal", NULL, false},
    {"restricted", "restricted", NULL, false},   {"exempt-titled", "public", "offl-14", true},
    {"exempt-hidden", "public", "offl-14", false}, {"restricted-exempt", "restricted", "offl-15-1-2", true},
};

#define OWNER "DFD"          /* owner of every record made here */
#define GRANTEE_MINISTRY "BFD"
#define GRANTEE_USER "ansatt.hod"

/* The oracle, from docs/security.md: who may read a record of kind with
 * marking m.  Every signed-in demo user is at least an employee. */
static bool oracle_reads(int who, const char *kind, int m)
{
    bool signed_in = who != W_ANON;
    if (str_eq(g_mark[m].visibility, "public") && (!g_mark[m].basis || g_mark[m].public_title)) {
        return true;
    }
    if (signed_in && !str_eq(g_mark[m].visibility, "restricted")) {
        return true;
    }
    if (g_who[who].secretariat && str_eq(kind, "measure")) {
        return true;
    }
    return signed_in && str_eq(g_mark[m].visibility, "restricted") &&
           (str_eq(g_who[who].ministry, OWNER) || str_eq(g_who[who].ministry, GRANTEE_MINISTRY) ||
            str_eq(g_who[who].username, GRANTEE_USER));
}

/* Sees only the public title. */
static bool oracle_masked(int who, int m)
{
    return who == W_ANON && g_mark[m].basis;
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct Item {
    const RecordKind *kind;
    int mark;
    int64_t id;
    char title[96], ptitle[96];
} Item;

typedef struct Fixture {
    Db *db;
    Arena keep, arena;
    Viewer v[NWHO];
    Item items[RECORD_MAX_KINDS * NMARK];
    size_t nitems;
    Req r;
} Fixture;

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Host") == 0 ? "t" : strcasecmp(name, "Origin") == 0 ? "http://t" : NULL;
}

static Req *get(Fixture *f, int who, const char *path)
{
    buf_free(&f->r.body);
    arena_free(&f->arena);
    memset(&f->r, 0, sizeof f->r);
    f->r.arena = &f->arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->r.client = "198.51.100.9";
    const char *qm = strchr(path, '?');
    WebRequest in = {.method = "GET", .path = qm ? arena_strndup(&f->arena, path, (size_t)(qm - path)) : path,
                     .query = qm ? qm + 1 : NULL, .request_id = "record-test", .client = "198.51.100.9",
                     .header = test_header};
    int route;
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static bool contains(const char *body, const char *text)
{
    Buf esc = {0};
    html_esc(&esc, text);
    bool found = strstr(body, text) || strstr(body, buf_str(&esc));
    buf_free(&esc);
    return found;
}

static int make_items(Fixture *f, Err *e)
{
    Viewer *sec = &f->v[W_SECRETARIAT];
    int64_t owner = 0, grantee = 0;
    Stmt *s = db_prepare(f->db, "SELECT id FROM ministry WHERE code = ?1");
    db_bind_text(s, 1, OWNER);
    owner = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    (void)grantee;
    for (size_t k = 0; k < g_record_nkinds; k++) {
        const RecordKind *kind = g_record_kinds[k];
        if (!kind->sample) {
            return err_set(e, E_INVALID, "kind %s has no sample function", kind->name);
        }
        for (int m = 0; m < NMARK; m++) {
            Item *it = &f->items[f->nitems++];
            it->kind = kind;
            it->mark = m;
            snprintf(it->title, sizeof it->title, "lekkasjesjekk %s %s", kind->name, g_mark[m].label);
            snprintf(it->ptitle, sizeof it->ptitle, "offentlig tittel %s %s", kind->name, g_mark[m].label);
            RecordInit in = {.title = it->title, .owner_ministry_id = owner, .visibility = g_mark[m].visibility,
                             .exemption_basis = g_mark[m].basis,
                             .public_title = g_mark[m].public_title ? it->ptitle : NULL};
            int rc = db_begin(f->db, e);
            if (!rc) {
                rc = record_create(f->db, sec, kind->name, &in, &it->id, e);
                if (!rc) {
                    rc = kind->sample(f->db, it->id, e);
                }
                if (!rc) {
                    rc = record_version_add(f->db, sec, it->id, NULL, 0, "", e);
                }
                rc = db_finish(f->db, rc, e);
            }
            if (rc) {
                return rc;
            }
            if (str_eq(g_mark[m].visibility, "restricted")) {
                /* Grants go straight into the table: the kind's own rule
                 * for who manages it is not what is tested here. */
                s = db_prepare(f->db, "INSERT INTO access_grant (record_id, ministry_id, user_id, granted_at) "
                                      "VALUES (?1, (SELECT id FROM ministry WHERE code = ?2), NULL, '2026-01-01'), "
                                      "(?1, NULL, (SELECT id FROM account WHERE username = ?3), '2026-01-01')");
                db_bind_int(s, 1, it->id);
                db_bind_text(s, 2, GRANTEE_MINISTRY);
                db_bind_text(s, 3, GRANTEE_USER);
                rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "grant insert failed");
                db_done(s);
                if (rc) {
                    return rc;
                }
            }
        }
    }
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    buf_free(&f->r.body);
    arena_free(&f->arena);
    arena_free(&f->keep);
    db_close(f->db);
    return 0;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    *state = &f;
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        db_exec(f.db, "CREATE TABLE test_note (id INTEGER PRIMARY KEY REFERENCES record(id)) STRICT", &e)) {
        goto fail;
    }
    f.v[W_ANON] = g_anonymous;
    for (int w = 1; w < NWHO; w++) {
        User u;
        if (user_find(f.db, &f.keep, g_who[w].username, &u, &e) || auth_viewer(f.db, &f.keep, u.id, &f.v[w], &e)) {
            goto fail;
        }
        f.v[w].csrf = "tok";
    }
    if (make_items(&f, &e) == 0) {
        return 0;
    }
fail:
    fprintf(stderr, "setup: %s\n", e.msg);
    teardown(state);
    return -1;
}

/* ---- tests ---------------------------------------------------------------- */

static void kinds_are_registered(void **state)
{
    (void)state;
    assert_non_null(record_kind("measure"));
    assert_non_null(record_kind("test_note"));
    assert_ptr_equal(record_kind("test_note"), &g_note_kind);
    for (size_t k = 0; k < g_record_nkinds; k++) {
        const RecordKind *kind = g_record_kinds[k];
        assert_non_null(kind->table);
        assert_non_null(kind->url);
        assert_non_null(kind->label);
        assert_ptr_equal(record_kind(kind->name), kind);
    }
    assert_null(record_kind("no_such_kind"));
}

static void model_follows_the_rule(void **state)
{
    Fixture *f = *state;
    int checks = 0;
    for (size_t i = 0; i < f->nitems; i++) {
        const Item *it = &f->items[i];
        for (int w = 0; w < NWHO; w++) {
            bool want = oracle_reads(w, it->kind->name, it->mark);
            Record rec;
            Arena a = {0};
            int rc = record_get(f->db, &a, &f->v[w], it->id, &rec, NULL);
            if (want != (rc == 0) || want != record_can_read(f->db, &f->v[w], it->id)) {
                fail_msg("%s %s as %s: oracle %d, record_get %d", it->kind->name, g_mark[it->mark].label,
                         g_who[w].username ? g_who[w].username : "anonymous", want, rc);
            }
            if (want) {
                bool masked = oracle_masked(w, it->mark);
                assert_int_equal(rec.masked, masked);
                assert_string_equal(rec.title, masked ? it->ptitle : it->title);
                RecordVersion *v;
                size_t n;
                /* History: whoever sees only the public face sees none of it. */
                assert_int_equal(record_versions(f->db, &a, &f->v[w], it->id, &v, &n, NULL) == 0, !masked);
                AccessGrant *g;
                assert_int_equal(record_grants(f->db, &a, &f->v[w], it->id, &g, &n, NULL), 0);
            } else {
                RecordVersion *v;
                AccessGrant *g;
                size_t n;
                assert_int_equal(record_versions(f->db, &a, &f->v[w], it->id, &v, &n, NULL), E_NOTFOUND);
                assert_int_equal(record_grants(f->db, &a, &f->v[w], it->id, &g, &n, NULL), E_NOTFOUND);
                assert_int_equal(n, 0);
            }
            arena_free(&a);
            checks++;
        }
    }
    print_message("record rule: %zu kinds x %d markings x %d viewers = %d checks\n", g_record_nkinds, NMARK, NWHO,
                  checks);
}

/* The route's path with the first capture set to id and any other to a
 * number that names nothing; NULL when the route has no {id}-first
 * capture or is not about records of this kind. */
static const char *record_path(Arena *a, const Route *rt, const Item *it)
{
    const char *brace = strchr(rt->pattern, '{');
    if (!brace || !str_has_prefix(brace, "{id}")) {
        return NULL;
    }
    size_t plen = (size_t)(brace - rt->pattern);
    bool core = strncmp(rt->pattern, "/r/", plen) == 0 || strncmp(rt->pattern, "/records/", plen) == 0 ||
                strncmp(rt->pattern, "/api/v1/records/", plen) == 0;
    bool own = strlen(it->kind->url) == plen && strncmp(rt->pattern, it->kind->url, plen) == 0;
    bool api_own = false;
    const char *last = strrchr(it->kind->url, '/');
    if (last && last > it->kind->url) {   /* "/measures/" → "/api/v1/measures/" */
        char buf[128];
        snprintf(buf, sizeof buf, "/api/v1%s", it->kind->url);
        api_own = strlen(buf) == plen && strncmp(rt->pattern, buf, plen) == 0;
    }
    if (!core && !own && !api_own) {
        return NULL;
    }
    Buf b = {0};
    buf_append(&b, rt->pattern, plen);
    buf_printf(&b, "%lld", (long long)it->id);
    for (const char *p = brace + 4; *p; p++) {
        if (*p == '{') {
            p = strchr(p, '}');
            buf_puts(&b, "999999");
        } else {
            buf_putc(&b, *p);
        }
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

static void routes_with_the_id_do_not_leak(void **state)
{
    Fixture *f = *state;
    int checks = 0, bad = 0;
    for (size_t i = 0; i < f->nitems; i++) {
        const Item *it = &f->items[i];
        for (size_t k = 0; k < g_route_count; k++) {
            const Route *rt = &g_routes[k];
            Arena a = {0};
            const char *path = str_eq(rt->method, "GET") ? record_path(&a, rt, it) : NULL;
            for (int w = 0; path && w < NWHO; w++) {
                bool reads = oracle_reads(w, it->kind->name, it->mark);
                bool masked = reads && oracle_masked(w, it->mark);
                Req *r = get(f, w, path);
                const char *body = buf_str(&r->body);
                bool refused_before = r->status == 303 || r->status == 401 || r->status == 403;
                if (!reads && r->status != 404 && !refused_before) {
                    print_error("  GET %s as %s: %d, want 404 (%s %s)\n", path,
                                g_who[w].username ? g_who[w].username : "anonymous", r->status, it->kind->name,
                                g_mark[it->mark].label);
                    bad++;
                }
                if ((!reads || masked) && contains(body, it->title)) {
                    print_error("  GET %s as %s shows the title of %s %s\n", path,
                                g_who[w].username ? g_who[w].username : "anonymous", it->kind->name,
                                g_mark[it->mark].label);
                    bad++;
                }
                if (!reads && it->mark != M_EXEMPT_HIDDEN && contains(body, it->ptitle)) {
                    bad++;
                    print_error("  GET %s as %s shows the public title of a hidden record\n", path,
                                g_who[w].username ? g_who[w].username : "anonymous");
                }
                if (reads && (str_eq(rt->pattern, "/api/v1/records/{id}") || str_eq(rt->pattern, "/r/{id}"))) {
                    assert_int_equal(r->status, str_eq(rt->pattern, "/r/{id}") ? 303 : 200);
                }
                checks++;
            }
            arena_free(&a);
        }
    }
    print_message("routes with a record id: %d requests\n", checks);
    if (bad) {
        fail_msg("%d of %d record requests leaked or answered unlike a missing record", bad, checks);
    }
}

static void lists_do_not_leak(void **state)
{
    Fixture *f = *state;
    int checks = 0, bad = 0;
    for (size_t k = 0; k < g_route_count; k++) {
        const Route *rt = &g_routes[k];
        if (!str_eq(rt->method, "GET") || strchr(rt->pattern, '{') || str_eq(rt->pattern, "/metrics")) {
            continue;
        }
        for (int w = 0; w < NWHO; w++) {
            Req *r = get(f, w, rt->pattern);
            const char *body = buf_str(&r->body);
            for (size_t i = 0; i < f->nitems; i++) {
                const Item *it = &f->items[i];
                bool reads = oracle_reads(w, it->kind->name, it->mark);
                if ((!reads || oracle_masked(w, it->mark)) && contains(body, it->title)) {
                    print_error("  GET %s as %s shows %s %s\n", rt->pattern,
                                g_who[w].username ? g_who[w].username : "anonymous", it->kind->name,
                                g_mark[it->mark].label);
                    bad++;
                }
            }
            checks++;
        }
    }
    print_message("lists: %d pages x %zu records\n", checks, f->nitems);
    if (bad) {
        fail_msg("%d leaks in lists", bad);
    }
}

/* Search filters by the same rule before it ranks, counts, facets or
 * suggests: for every viewer, the hits for the words of the real titles
 * are exactly the records the viewer may read and sees more of than the
 * public title; the words of the public titles find only readable ones;
 * the kind facet adds up to the total; and the search pages and API show
 * no title the viewer may not see. */
static void search_follows_the_rule(void **state)
{
    Fixture *f = *state;
    int checks = 0;
    for (int w = 0; w < NWHO; w++) {
        Arena a = {0};
        SearchQuery q = {.q = "lekkasjesjekk", .per_page = 100};
        SearchResult res;
        assert_int_equal(search_run(f->db, &a, &f->v[w], &q, &res, NULL), 0);
        int64_t want = 0;
        for (size_t i = 0; i < f->nitems; i++) {
            const Item *it = &f->items[i];
            bool sees = oracle_reads(w, it->kind->name, it->mark) && !oracle_masked(w, it->mark);
            want += sees;
            bool found = false;
            for (size_t k = 0; k < res.nhits; k++) {
                found |= res.hits[k].id == it->id;
            }
            if (found != sees) {
                fail_msg("search as %s: %s %s found %d, may see %d", g_who[w].username ? g_who[w].username : "anonymous",
                         it->kind->name, g_mark[it->mark].label, found, sees);
            }
            checks++;
        }
        assert_int_equal(res.total, want);
        int64_t sum = 0;
        for (size_t k = 0; k < res.nfacets[FACET_KIND]; k++) {
            sum += res.facets[FACET_KIND][k].count;
        }
        assert_int_equal(sum, want);
        SearchQuery pq = {.q = "offentlig tittel", .per_page = 100};
        assert_int_equal(search_run(f->db, &a, &f->v[w], &pq, &res, NULL), 0);
        for (size_t k = 0; k < res.nhits; k++) {
            for (size_t i = 0; i < f->nitems; i++) {
                const Item *it = &f->items[i];
                if (it->id == res.hits[k].id) {
                    assert_true(oracle_reads(w, it->kind->name, it->mark));
                    assert_int_equal(res.hits[k].masked, oracle_masked(w, it->mark));
                    assert_true(!res.hits[k].masked || !*res.hits[k].snippet);
                }
            }
        }
        SearchQuery sq = {.q = "lekkasj", .suggest = true, .per_page = 100};
        assert_int_equal(search_run(f->db, &a, &f->v[w], &sq, &res, NULL), 0);
        assert_int_equal((int64_t)res.nhits, want);
        arena_free(&a);
        static const char *const pages[] = {"/search?q=lekkasjesjekk", "/api/v1/search?q=lekkasjesjekk&per_page=100",
                                            "/api/v1/search/suggest?q=lekkasjes", "/search/suggest?q=lekkasjes",
                                            "/search?q=offentlig+tittel", "/api/v1/search?q=tittel+offentlig"};
        for (size_t p = 0; p < COUNT(pages); p++) {
            Req *r = get(f, w, pages[p]);
            assert_int_equal(r->status, 200);
            for (size_t i = 0; i < f->nitems; i++) {
                const Item *it = &f->items[i];
                bool reads = oracle_reads(w, it->kind->name, it->mark);
                if ((!reads || oracle_masked(w, it->mark)) && contains(buf_str(&r->body), it->title)) {
                    fail_msg("GET %s as %s shows %s %s", pages[p], g_who[w].username ? g_who[w].username : "anonymous",
                             it->kind->name, g_mark[it->mark].label);
                }
            }
        }
    }
    print_message("search: %d checks\n", checks);
}

/* Marking and grants are changed only by whoever manages the record, and
 * a change is a version and an audit row. */
static void marking_and_grants_follow_the_rule(void **state)
{
    Fixture *f = *state;
    const Item *it = NULL;
    for (size_t i = 0; i < f->nitems; i++) {
        if (str_eq(f->items[i].kind->name, "measure") && f->items[i].mark == M_RESTRICTED) {
            it = &f->items[i];
        }
    }
    assert_non_null(it);
    Err e = {0};
    /* A case officer of the grantee may read it but not manage it. */
    assert_int_equal(record_set_access(f->db, &f->v[W_CASE_BFD], "t", it->id, "public", NULL, NULL, &e),
                     E_FORBIDDEN);
    assert_int_equal(record_grant_add(f->db, &f->v[W_CASE_BFD], "t", it->id, "KD", NULL, &e), E_FORBIDDEN);
    /* Someone who may not read it learns nothing: not found. */
    assert_int_equal(record_grant_add(f->db, &f->v[W_CASE_KD], "t", it->id, "KD", NULL, &e), E_NOTFOUND);
    assert_false(record_can_read(f->db, &f->v[W_CASE_KD], it->id));
    /* The secretariat grants KD; KD's case officer can read it now. */
    int64_t audit = db_one_int(f->db, "SELECT count(*) FROM audit", 0, 0);
    assert_int_equal(record_grant_add(f->db, &f->v[W_SECRETARIAT], "t", it->id, "KD", NULL, &e), 0);
    assert_true(record_can_read(f->db, &f->v[W_CASE_KD], it->id));
    assert_int_equal(record_grant_add(f->db, &f->v[W_SECRETARIAT], "t", it->id, "KD", NULL, &e), E_CONFLICT);
    assert_int_equal(record_grant_add(f->db, &f->v[W_SECRETARIAT], "t", it->id, "KD", "sb.kd", &e), E_INVALID);
    assert_int_equal(record_grant_add(f->db, &f->v[W_SECRETARIAT], "t", it->id, "XX", NULL, &e), E_INVALID);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM audit", 0, 0), audit + 1);
    AccessGrant *g;
    size_t n;
    Arena a = {0};
    assert_int_equal(record_grants(f->db, &a, &f->v[W_SECRETARIAT], it->id, &g, &n, &e), 0);
    int64_t kd = 0;
    for (size_t i = 0; i < n; i++) {
        if (g[i].ministry_code && str_eq(g[i].ministry_code, "KD")) {
            kd = g[i].id;
        }
    }
    assert_true(kd > 0);
    assert_int_equal(record_grant_remove(f->db, &f->v[W_SECRETARIAT], "t", it->id, kd, &e), 0);
    assert_false(record_can_read(f->db, &f->v[W_CASE_KD], it->id));
    /* A marking change is a version with the fields, and nothing when invalid. */
    int before = (int)db_one_int(f->db, "SELECT version FROM record WHERE id = ?1", it->id, 0);
    assert_int_equal(record_set_access(f->db, &f->v[W_SECRETARIAT], "t", it->id, "secret", NULL, NULL, &e),
                     E_INVALID);
    assert_int_equal(record_set_access(f->db, &f->v[W_SECRETARIAT], "t", it->id, "internal", NULL, "x", &e),
                     E_INVALID);   /* a public title without exemption */
    assert_int_equal(db_one_int(f->db, "SELECT version FROM record WHERE id = ?1", it->id, 0), before);
    assert_int_equal(record_set_access(f->db, &f->v[W_SECRETARIAT], "t", it->id, "internal", NULL, NULL, &e), 0);
    assert_int_equal(db_one_int(f->db, "SELECT version FROM record WHERE id = ?1", it->id, 0), before + 1);
    RecordVersion *v;
    assert_int_equal(record_versions(f->db, &a, &f->v[W_SECRETARIAT], it->id, &v, &n, &e), 0);
    assert_string_equal(v[0].changes[0].field, "visibility");
    assert_string_equal(v[0].changes[0].from, "restricted");
    assert_string_equal(v[0].changes[0].to, "internal");
    assert_true(record_can_read(f->db, &f->v[W_CASE_KD], it->id));
    assert_false(db_in_tx(f->db));
    arena_free(&a);
}

/* Transactions nest: an inner failure undoes only the inner part. */
static void transactions_nest(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    assert_int_equal(db_begin(f->db, &e), 0);
    assert_int_equal(db_exec(f->db, "CREATE TABLE nest_t (x INTEGER) STRICT; INSERT INTO nest_t VALUES (1)", &e), 0);
    assert_int_equal(db_begin(f->db, &e), 0);
    assert_int_equal(db_exec(f->db, "INSERT INTO nest_t VALUES (2)", &e), 0);
    assert_int_equal(db_finish(f->db, E_INVALID, &e), E_INVALID);   /* inner part undone */
    assert_true(db_in_tx(f->db));
    assert_int_equal(db_begin(f->db, &e), 0);
    assert_int_equal(db_exec(f->db, "INSERT INTO nest_t VALUES (3)", &e), 0);
    assert_int_equal(db_finish(f->db, 0, &e), 0);
    assert_true(db_in_tx(f->db));
    assert_int_equal(db_finish(f->db, 0, &e), 0);
    assert_false(db_in_tx(f->db));
    assert_int_equal(db_one_int(f->db, "SELECT group_concat(x) = '1,3' FROM nest_t", 0, 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_are_registered),
        cmocka_unit_test(model_follows_the_rule),
        cmocka_unit_test(routes_with_the_id_do_not_leak),
        cmocka_unit_test(lists_do_not_leak),
        cmocka_unit_test(search_follows_the_rule),
        cmocka_unit_test(marking_and_grants_follow_the_rule),
        cmocka_unit_test(transactions_nest),
    };
    web_init();
    return cmocka_run_group_tests_name("record", tests, setup, teardown);
}
