/* test_router.c: request-level unit tests of the web pipeline through
 * web_handle (src/web/router.c) — no sockets.
 *
 * Each test gets a fresh migrated in-memory database; every request gets
 * its own arena and its response body is freed after the checks, so the
 * ASan build's leak checker covers the pipeline too.  web_init runs once
 * in main.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

typedef struct Resp {
    Arena arena;   /* the request's arena */
    Req r;         /* request and response */
    int route;     /* matched route index or -1 */
} Resp;

static int setup(void **state)
{
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(db, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(db);
        return -1;
    }
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

/* run: one request; the caller checks *x and then calls done(x). */
static void run(Db *db, const char *method, const char *path, const char *query, Resp *x)
{
    memset(x, 0, sizeof *x);
    x->r.arena = &x->arena;
    x->r.db = db;
    WebRequest in = {.method = method, .path = path, .query = query, .request_id = "test-req-1"};
    web_handle(&in, &x->r, &x->route);
    assert_int_equal(db_busy_statements(db), 0);   /* no statement left stepping */
}

static void done(Resp *x)
{
    buf_free(&x->r.body);
    arena_free(&x->arena);
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
    Resp x;
    run(*state, "GET", "/", NULL, &x);
    assert_int_equal(x.r.status, 200);
    assert_true(x.route >= 0);
    assert_string_equal(g_routes[x.route].pattern, "/");
    assert_page(&x.r);
    assert_non_null(strstr(buf_str(&x.r.body), "Gode hver for oss. Best sammen."));
    assert_non_null(strstr(buf_str(&x.r.body), static_css_href()));
    done(&x);
    run(*state, "HEAD", "/", NULL, &x);   /* HEAD is served by the GET route */
    assert_int_equal(x.r.status, 200);
    done(&x);
}

static void measure_pages(void **state)
{
    Resp x;
    run(*state, "GET", "/measures", NULL, &x);
    assert_int_equal(x.r.status, 200);
    assert_page(&x.r);
    assert_non_null(strstr(buf_str(&x.r.body), "IKT-enheter"));
    done(&x);
    run(*state, "GET", "/measures/12", NULL, &x);
    assert_int_equal(x.r.status, 200);
    assert_page(&x.r);
    assert_non_null(strstr(buf_str(&x.r.body), "Samle departementenes IKT-enheter i én organisasjon"));
    done(&x);
}

static void unknown_measure_is_404_page(void **state)
{
    Resp x;
    static const char *const ids[] = {"/measures/99999", "/measures/0", "/measures/abc", "/measures/-1",
                                      "/measures/99999999999999999999"};
    for (size_t i = 0; i < COUNT(ids); i++) {
        run(*state, "GET", ids[i], NULL, &x);
        if (x.r.status != 404) {
            fail_msg("GET %s: status %d, want 404", ids[i], x.r.status);
        }
        assert_page(&x.r);
        assert_non_null(strstr(buf_str(&x.r.body), "Fant ikke siden"));
        assert_non_null(strstr(buf_str(&x.r.body), "test-req-1"));   /* the reference for support */
        done(&x);
    }
}

static void unknown_path_is_404(void **state)
{
    Resp x;
    run(*state, "GET", "/nope", NULL, &x);
    assert_int_equal(x.r.status, 404);
    assert_int_equal(x.route, -1);
    assert_page(&x.r);
    assert_non_null(strstr(buf_str(&x.r.body), "Fant ikke siden"));
    assert_null(header(&x.r, "Allow"));
    done(&x);
    run(*state, "GET", "/measures/1/extra", NULL, &x);
    assert_int_equal(x.r.status, 404);
    done(&x);
}

static void wrong_method_is_405_with_allow(void **state)
{
    Resp x;
    run(*state, "POST", "/measures", NULL, &x);
    assert_int_equal(x.r.status, 405);
    const char *allow = header(&x.r, "Allow");
    assert_non_null(allow);
    assert_non_null(strstr(allow, "GET"));
    assert_string_equal(allow, "GET, HEAD");
    assert_page(&x.r);
    done(&x);
    run(*state, "DELETE", "/api/v1/measures", NULL, &x);
    assert_int_equal(x.r.status, 405);
    assert_non_null(header(&x.r, "Allow"));
    assert_json_error(&x.r, "method_not_allowed");
    done(&x);
}

static void bad_query_is_400(void **state)
{
    Resp x;
    static const char *const bad[] = {"x=%ZZ", "x=%", "x=%00", "x=%C3%28", "x=%FF"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        run(*state, "GET", "/measures", bad[i], &x);
        if (x.r.status != 400) {
            fail_msg("GET /measures?%s: status %d, want 400", bad[i], x.r.status);
        }
        assert_page(&x.r);
        done(&x);
    }
    run(*state, "GET", "/api/v1/measures", "x=%ZZ", &x);
    assert_int_equal(x.r.status, 400);
    assert_json_error(&x.r, "bad_request");
    done(&x);
}

static void bad_path_is_400(void **state)
{
    Resp x;
    static const char *const bad[] = {"/measures/%00", "/%00", "/measures/1%00", "/measures/%ZZ", "/%C0%AF",
                                      "/measures/%0A", "/x%1B", "/%FF", "nope"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        run(*state, "GET", bad[i], NULL, &x);
        if (x.r.status != 400) {
            fail_msg("GET %s: status %d, want 400", bad[i], x.r.status);
        }
        assert_int_equal(x.route, -1);
        done(&x);
    }
}

static void api_measures_json(void **state)
{
    Resp x;
    run(*state, "GET", "/api/v1/measures", NULL, &x);
    assert_int_equal(x.r.status, 200);
    json_t *v = json_body(&x.r);
    json_t *items = json_object_get(v, "items");
    assert_true(json_is_array(items));
    assert_int_equal(json_array_size(items), 22);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 22);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "number")), "1.1");
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 21), "number")), "3.6");
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "strategy")), "2021-2025");
    json_decref(v);
    done(&x);

    run(*state, "GET", "/api/v1/measures", "strategy=2021-2025&goal_area=2", &x);
    assert_int_equal(x.r.status, 200);
    v = json_body(&x.r);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 8);
    json_decref(v);
    done(&x);

    run(*state, "GET", "/api/v1/measures/12", NULL, &x);
    assert_int_equal(x.r.status, 200);
    v = json_body(&x.r);
    assert_non_null(strstr(json_string_value(json_object_get(v, "title")), "IKT-enheter"));
    assert_true(json_is_array(json_object_get(v, "participants")));
    json_decref(v);
    done(&x);
}

static void api_errors_are_json(void **state)
{
    Resp x;
    run(*state, "GET", "/api/v1/nope", NULL, &x);
    assert_int_equal(x.r.status, 404);
    assert_json_error(&x.r, "not_found");
    done(&x);
    run(*state, "GET", "/api/v1/measures/99999", NULL, &x);
    assert_int_equal(x.r.status, 404);
    assert_json_error(&x.r, "not_found");
    done(&x);
    run(*state, "GET", "/api/v1/measures", "status=bogus", &x);
    assert_int_equal(x.r.status, 400);
    assert_json_error(&x.r, "invalid");
    done(&x);
    run(*state, "GET", "/api/v1/measures/", NULL, &x);   /* no redirect under /api/ */
    assert_int_equal(x.r.status, 404);
    assert_json_error(&x.r, "not_found");
    done(&x);
}

static void trailing_slash_redirects(void **state)
{
    Resp x;
    run(*state, "GET", "/measures/", NULL, &x);
    assert_int_equal(x.r.status, 308);
    assert_non_null(header(&x.r, "Location"));
    assert_string_equal(header(&x.r, "Location"), "/measures");
    done(&x);
    run(*state, "GET", "/strategies/2021-2025/", NULL, &x);
    assert_int_equal(x.r.status, 308);
    assert_string_equal(header(&x.r, "Location"), "/strategies/2021-2025");
    done(&x);
}

/* The canonical redirect must not drop the query: /measures/?status=planned
 * is the filtered list, and the redirect target must be too. */
static void trailing_slash_keeps_query(void **state)
{
    Resp x;
    run(*state, "GET", "/measures/", "status=planned", &x);
    assert_int_equal(x.r.status, 308);
    assert_non_null(header(&x.r, "Location"));
    assert_string_equal(header(&x.r, "Location"), "/measures?status=planned");
    done(&x);
}

/* A path that starts with two slashes (or slash-backslash) must never
 * become a Location: browsers read "//host" and "/\host" as another site. */
static void no_open_redirect(void **state)
{
    static const char *const paths[] = {"//evil.example/", "/\\evil.example/", "//evil.example/x/"};
    for (size_t i = 0; i < COUNT(paths); i++) {
        Resp x;
        run(*state, "GET", paths[i], NULL, &x);
        const char *loc = header(&x.r, "Location");
        if (loc && (loc[0] != '/' || loc[1] == '/' || loc[1] == '\\')) {
            fail_msg("GET %s redirects off-site: status %d, Location: %s", paths[i], x.r.status, loc);
        }
        done(&x);
    }
}

static void security_headers_cb(void *ctx, const char *name, const char *value)
{
    Buf *b = ctx;
    buf_printf(b, "%s: %s\n", name, value);
}

static void security_headers(void **state)
{
    Resp x;
    run(*state, "POST", "/measures", NULL, &x);
    Buf h = {0};
    web_each_header(&x.r, security_headers_cb, &h);
    const char *s = buf_str(&h);
    assert_non_null(strstr(s, "X-Content-Type-Options: nosniff\n"));
    assert_non_null(strstr(s, "X-Frame-Options: DENY\n"));
    assert_non_null(strstr(s, "Content-Security-Policy: default-src 'none';"));
    assert_non_null(strstr(s, "X-Request-Id: test-req-1\n"));
    assert_non_null(strstr(s, "Content-Type: text/html; charset=utf-8\n"));
    assert_non_null(strstr(s, "Allow: GET, HEAD\n"));
    assert_int_equal(occurrences(s, "Cache-Control:"), 1);
    buf_free(&h);
    done(&x);
}

int main(void)
{
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
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
