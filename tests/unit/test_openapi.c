/* test_openapi.c: the OpenAPI document describes exactly the API routes
 * in the route table — every /api/v1 route is in it with its method, and
 * it names no path the table lacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "app/core/openapi.h"
#include "base/embed.h"
#include "web/web.h"

static json_t *load(void)
{
    /* Every file must parse on its own, then the merged document is used. */
    for (size_t i = 0; i < g_embed_count; i++) {
        if (strncmp(g_embed[i].name, "openapi", 7) == 0) {
            json_error_t je;
            json_t *v = json_loadb((const char *)g_embed[i].data, embed_len(&g_embed[i]), 0, &je);
            if (!v) {
                fail_msg("%s does not parse: %s (line %d)", g_embed[i].name, je.text, je.line);
            }
            json_decref(v);
        }
    }
    json_t *v = openapi_document();
    assert_non_null(v);
    return v;
}

static void test_every_api_route_is_documented(void **state)
{
    (void)state;
    json_t *doc = load();
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_t *paths = json_object_get(doc, "paths");
    int n = 0;
    for (size_t i = 0; i < g_route_count; i++) {
        if (strncmp(g_routes[i].pattern, "/api/v1/", 8) != 0) {
            continue;
        }
        json_t *item = json_object_get(paths, g_routes[i].pattern);
        if (!item) {
            fail_msg("route %s %s is not in openapi.json", g_routes[i].method, g_routes[i].pattern);
        }
        char m[16];
        size_t k = 0;
        for (; g_routes[i].method[k] && k < sizeof m - 1; k++) {
            m[k] = (char)(g_routes[i].method[k] | 0x20);
        }
        m[k] = 0;
        if (!json_object_get(item, m)) {
            fail_msg("route %s %s: method missing in openapi.json", g_routes[i].method, g_routes[i].pattern);
        }
        n++;
    }
    assert_true(n >= 8);
    json_decref(doc);
}

static void test_no_undocumented_extra_paths(void **state)
{
    (void)state;
    json_t *doc = load();
    const char *path;
    json_t *item;
    json_object_foreach(json_object_get(doc, "paths"), path, item) {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op) {
            int found = 0;
            for (size_t i = 0; i < g_route_count; i++) {
                found |= strcmp(g_routes[i].pattern, path) == 0 && strcasecmp(g_routes[i].method, method) == 0;
            }
            if (!found) {
                fail_msg("openapi.json documents %s %s, which the server does not have", method, path);
            }
            assert_non_null(json_object_get(op, "responses"));
        }
    }
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_api_route_is_documented),
        cmocka_unit_test(test_no_undocumented_extra_paths),
    };
    return cmocka_run_group_tests_name("openapi", tests, NULL, NULL);
}
