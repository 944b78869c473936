/* test_router.c: request-level unit tests of the web pipeline through
 * web_handle (src/web/router.c) — no sockets.
 *
 * Each test gets a fresh migrated in-memory database; every request gets
 * its own arena, and its response body and arena are freed by the next
 * request or the teardown, so the ASan build's leak checker covers the
 * pipeline too.  web_init runs once in main.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "db/migrate.h"
#include "app/measure/measure_edit.h"
#include "web/web.h"

/* One test's state: its database and the response of the last request,
 * which the next run() or the teardown frees, so a failed assertion
 * (cmocka jumps out of the test) leaks nothing either. */
typedef struct Fixture {
    Db *db;        /* fresh, migrated */
    Arena arena;   /* the current request's arena */
    Req r;         /* request and response */
    int route;     /* matched route index or -1 */
} Fixture;

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->arena);
    memset(&f->r, 0, sizeof f->r);
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    db_close(f->db);
    return 0;
}

/* run: one request through web_handle; returns the response. */
static Req *run(Fixture *f, const char *method, const char *path, const char *query)
{
    done(f);
    f->r.arena = &f->arena;
    f->r.db = f->db;
    WebRequest in = {.method = method, .path = path, .query = query, .request_id = "test-req-1"};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);   /* no statement left stepping */
    return &f->r;
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

static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* is_page: a complete HTML document in the site layout. */
static void assert_page(const Req *r)
{
    const char *body = buf_str(&r->body);
    assert_true(str_has_prefix(body, "<!doctype html>"));
    assert_non_null(strstr(body, "<html lang=\"nb\">"));
    assert_int_equal(occurrences(body, "<main id=\"main\""), 1);
    assert_int_equal(occurrences(body, "<h1"), 1);
    assert_non_null(strstr(body, "</html>"));
    assert_non_null(r->content_type);
    assert_true(str_has_prefix(r->content_type, "text/html"));
}

/* json_body: the parsed JSON response (caller decrefs). */
static json_t *json_body(const Req *r)
{
    assert_non_null(r->content_type);
    assert_true(str_has_prefix(r->content_type, "application/json"));
    json_error_t err;
    json_t *v = json_loadb(r->body.data, r->body.len, 0, &err);
    if (!v) {
        fail_msg("response is not JSON (%s): %.200s", err.text, buf_str(&r->body));
    }
    return v;
}

static void assert_json_error(const Req *r, const char *code)
{
    json_t *v = json_body(r);
    json_t *c = json_object_get(json_object_get(v, "error"), "code");
    assert_true(json_is_string(c));
    assert_string_equal(json_string_value(c), code);
    assert_true(json_is_string(json_object_get(json_object_get(v, "error"), "message")));
    json_decref(v);
}

static void home_page(void **state)
{
    Fixture *f = *state;
    Req *r = run(*state, "GET", "/", NULL);
    assert_int_equal(r->status, 200);
    assert_true(f->route >= 0);
    assert_string_equal(g_routes[f->route].pattern, "/");
    assert_page(r);
    assert_non_null(strstr(buf_str(&r->body), "Gode hver for oss. Best sammen."));
    assert_non_null(strstr(buf_str(&r->body), static_css_href()));
    r = run(*state, "HEAD", "/", NULL);   /* HEAD is served by the GET route */
    assert_int_equal(r->status, 200);
}

static void measure_pages(void **state)
{
    Req *r = run(*state, "GET", "/measures", NULL);
    assert_int_equal(r->status, 200);
    assert_page(r);
    assert_non_null(strstr(buf_str(&r->body), "IKT-enheter"));
    r = run(*state, "GET", "/measures/12", NULL);
    assert_int_equal(r->status, 200);
    assert_page(r);
    assert_non_null(strstr(buf_str(&r->body), "Samle departementenes IKT-enheter i én organisasjon"));
}

static void unknown_measure_is_404_page(void **state)
{
    static const char *const ids[] = {"/measures/99999", "/measures/0", "/measures/abc", "/measures/-1",
                                      "/measures/99999999999999999999"};
    for (size_t i = 0; i < COUNT(ids); i++) {
        Req *r = run(*state, "GET", ids[i], NULL);
        if (r->status != 404) {
            fail_msg("GET %s: status %d, want 404", ids[i], r->status);
        }
        assert_page(r);
        assert_non_null(strstr(buf_str(&r->body), "Fant ikke siden"));
        assert_non_null(strstr(buf_str(&r->body), "test-req-1"));   /* the reference for support */
    }
}

static void unknown_path_is_404(void **state)
{
    Fixture *f = *state;
    Req *r = run(*state, "GET", "/nope", NULL);
    assert_int_equal(r->status, 404);
    assert_int_equal(f->route, -1);
    assert_page(r);
    assert_non_null(strstr(buf_str(&r->body), "Fant ikke siden"));
    assert_null(header(r, "Allow"));
    r = run(*state, "GET", "/measures/1/extra", NULL);
    assert_int_equal(r->status, 404);
}

static void wrong_method_is_405_with_allow(void **state)
{
    Req *r = run(*state, "POST", "/ministries", NULL);
    assert_int_equal(r->status, 405);
    const char *allow = header(r, "Allow");
    assert_non_null(allow);
    assert_non_null(strstr(allow, "GET"));
    assert_string_equal(allow, "GET, HEAD");
    assert_page(r);
    r = run(*state, "DELETE", "/api/v1/ministries", NULL);
    assert_int_equal(r->status, 405);
    assert_non_null(header(r, "Allow"));
    assert_json_error(r, "method_not_allowed");
}

static void bad_query_is_400(void **state)
{
    static const char *const bad[] = {"x=%ZZ", "x=%", "x=%00", "x=%C3%28", "x=%FF"};
    Req *r;
    for (size_t i = 0; i < COUNT(bad); i++) {
        r = run(*state, "GET", "/measures", bad[i]);
        if (r->status != 400) {
            fail_msg("GET /measures?%s: status %d, want 400", bad[i], r->status);
        }
        assert_page(r);
    }
    r = run(*state, "GET", "/api/v1/measures", "x=%ZZ");
    assert_int_equal(r->status, 400);
    assert_json_error(r, "bad_request");
}

static void bad_path_is_400(void **state)
{
    Fixture *f = *state;
    static const char *const bad[] = {"/measures/%00", "/%00", "/measures/1%00", "/measures/%ZZ", "/%C0%AF",
                                      "/measures/%0A", "/x%1B", "/%FF", "nope"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        Req *r = run(*state, "GET", bad[i], NULL);
        if (r->status != 400) {
            fail_msg("GET %s: status %d, want 400", bad[i], r->status);
        }
        assert_int_equal(f->route, -1);
    }
}

static void api_measures_json(void **state)
{
    Req *r = run(*state, "GET", "/api/v1/measures", NULL);
    assert_int_equal(r->status, 200);
    json_t *v = json_body(r);
    json_t *items = json_object_get(v, "items");
    assert_true(json_is_array(items));
    assert_int_equal(json_array_size(items), 22);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 22);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "number")), "1.1");
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 21), "number")), "3.6");
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "strategy")), "2021-2025");
    json_decref(v);

    r = run(*state, "GET", "/api/v1/measures", "strategy=2021-2025&goal_area=2");
    assert_int_equal(r->status, 200);
    v = json_body(r);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 8);
    json_decref(v);

    r = run(*state, "GET", "/api/v1/measures/12", NULL);
    assert_int_equal(r->status, 200);
    v = json_body(r);
    assert_non_null(strstr(json_string_value(json_object_get(v, "title")), "IKT-enheter"));
    assert_true(json_is_array(json_object_get(v, "participants")));
    json_decref(v);
}

static void api_errors_are_json(void **state)
{
    Req *r = run(*state, "GET", "/api/v1/nope", NULL);
    assert_int_equal(r->status, 404);
    assert_json_error(r, "not_found");
    r = run(*state, "GET", "/api/v1/measures/99999", NULL);
    assert_int_equal(r->status, 404);
    assert_json_error(r, "not_found");
    r = run(*state, "GET", "/api/v1/measures", "status=bogus");
    assert_int_equal(r->status, 400);
    assert_json_error(r, "invalid");
    r = run(*state, "GET", "/api/v1/measures/", NULL);   /* no redirect under /api/ */
    assert_int_equal(r->status, 404);
    assert_json_error(r, "not_found");
}

static void trailing_slash_redirects(void **state)
{
    Req *r = run(*state, "GET", "/measures/", NULL);
    assert_int_equal(r->status, 308);
    assert_non_null(header(r, "Location"));
    assert_string_equal(header(r, "Location"), "/measures");
    r = run(*state, "GET", "/strategies/2021-2025/", NULL);
    assert_int_equal(r->status, 308);
    assert_string_equal(header(r, "Location"), "/strategies/2021-2025");
}

/* The canonical redirect must not drop the query: /measures/?status=planned
 * is the filtered list, and the redirect target must be too. */
static void trailing_slash_keeps_query(void **state)
{
    Req *r = run(*state, "GET", "/measures/", "status=planned");
    assert_int_equal(r->status, 308);
    assert_non_null(header(r, "Location"));
    assert_string_equal(header(r, "Location"), "/measures?status=planned");
}

/* A path that starts with two slashes (or slash-backslash) must never
 * become a Location: browsers read "//host" and "/\host" as another site. */
static void no_open_redirect(void **state)
{
    static const char *const paths[] = {"//evil.example/", "/\\evil.example/", "//evil.example/x/"};
    int bad = 0;
    for (size_t i = 0; i < COUNT(paths); i++) {
        Req *r = run(*state, "GET", paths[i], NULL);
        const char *loc = header(r, "Location");
        if (loc && (loc[0] != '/' || loc[1] == '/' || loc[1] == '\\')) {
            print_error("GET %s redirects off-site: status %d, Location: %s\n", paths[i], r->status, loc);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void security_headers_cb(void *ctx, const char *name, const char *value)
{
    Buf *b = ctx;
    buf_printf(b, "%s: %s\n", name, value);
}

static void security_headers(void **state)
{
    Req *r = run(*state, "POST", "/ministries", NULL);
    Buf h = {0};
    web_each_header(r, security_headers_cb, &h);
    const char *s = buf_str(&h);
    assert_non_null(strstr(s, "X-Content-Type-Options: nosniff\n"));
    assert_non_null(strstr(s, "X-Frame-Options: DENY\n"));
    assert_non_null(strstr(s, "Content-Security-Policy: default-src 'none';"));
    assert_non_null(strstr(s, "X-Request-Id: test-req-1\n"));
    assert_non_null(strstr(s, "Content-Type: text/html; charset=utf-8\n"));
    assert_non_null(strstr(s, "Allow: GET, HEAD\n"));
    assert_int_equal(occurrences(s, "Cache-Control:"), 1);
    buf_free(&h);
}

/* A path of exactly MAX_SEGMENTS (16) segments plus a trailing slash must
 * be answered sanely — the canonical redirect, or 400 like a 17-segment
 * path — with no write past the segment array.  Only the ASan/UBSan build
 * sees that write (the plain build cannot), so this test is kept last: a
 * sanitizer abort ends the process. */
/* A list longer than a page: 22 reference measures and 110 more. */
static void long_list_is_paged(void **state)
{
    Fixture *f = *state;
    Viewer sec = {.username = "t", .caps = CAP_MEASURE_MANAGE | CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES};
    Arena a = {0};
    for (int i = 1; i <= 110; i++) {
        MeasureText t = {.v = {[MF_STRATEGY] = "2021-2025", [MF_GOAL_AREA] = "3",
                               [MF_NUMBER] = arena_printf(&a, "3.%d", 100 + i),
                               [MF_TITLE] = arena_printf(&a, "Tiltak %d", 100 + i)}};
        FieldError *errs;
        size_t nerr;
        int64_t id;
        Err e = {0};
        assert_int_equal(measure_save(f->db, &a, &sec, "t", 0, &t, 0, NULL, &id, &errs, &nerr, &e), 0);
    }
    arena_free(&a);
    Req *r = run(f, "GET", "/measures", NULL);
    assert_int_equal(r->status, 200);
    const char *body = buf_str(&r->body);
    assert_non_null(strstr(body, "132 tiltak"));
    assert_non_null(strstr(body, "page=2\">Side 2"));
    assert_null(strstr(body, "Tiltak 210<"));                  /* row 132 is on page 2 */
    assert_int_equal(occurrences(body, "<tr><td>"), 100);
    r = run(f, "GET", "/measures", "page=2");
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "Tiltak 210<"));
    assert_non_null(strstr(buf_str(&r->body), "(fortsatt)"));   /* area 3 goes on from page 1 */
    assert_int_equal(occurrences(buf_str(&r->body), "<tr><td>"), 32);
    r = run(f, "GET", "/measures", "all=1");
    assert_int_equal(occurrences(buf_str(&r->body), "<tr><td>"), 132);
    r = run(f, "GET", "/measures", "page=3");
    assert_int_equal(r->status, 400);
}

static void sixteen_segments_and_trailing_slash(void **state)
{
    Req *r = run(*state, "GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/", NULL);
    if (r->status == 308) {
        assert_string_equal(header(r, "Location"), "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p");
    } else {
        assert_int_equal(r->status, 400);
    }
    r = run(*state, "GET", "/api/v1/c/d/e/f/g/h/i/j/k/l/m/n/o/p/", NULL);
    assert_true(r->status == 404 || r->status == 400);
    assert_json_error(r, r->status == 404 ? "not_found" : "bad_request");
    r = run(*state, "GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", NULL);   /* 17 segments */
    assert_int_equal(r->status, 400);
}

int main(void)
{
    /* The fixture's day: 2021–2025 is in force, and the demo's dates
     * (deadlines, milestones) fall around it. */
    setenv("SAMLA_TODAY", "2024-11-15", 1);
    web_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(home_page, setup, teardown),
        cmocka_unit_test_setup_teardown(measure_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_measure_is_404_page, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_path_is_404, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_method_is_405_with_allow, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_query_is_400, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_path_is_400, setup, teardown),
        cmocka_unit_test_setup_teardown(api_measures_json, setup, teardown),
        cmocka_unit_test_setup_teardown(api_errors_are_json, setup, teardown),
        cmocka_unit_test_setup_teardown(trailing_slash_redirects, setup, teardown),
        cmocka_unit_test_setup_teardown(trailing_slash_keeps_query, setup, teardown),
        cmocka_unit_test_setup_teardown(no_open_redirect, setup, teardown),
        cmocka_unit_test_setup_teardown(security_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(long_list_is_paged, setup, teardown),
        cmocka_unit_test_setup_teardown(sixteen_segments_and_trailing_slash, setup, teardown),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
