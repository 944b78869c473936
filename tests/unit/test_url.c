/* test_url.c: unit tests for src/base/url.c — percent-decoding and query
 * parsing.
 *
 * The contract under test: a decoded string is either clean UTF-8 without
 * NUL bytes or the whole input is rejected (NULL / E_INVALID); '+' is a
 * space only in form encoding; the first of repeated keys wins.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/url.h"

/* dec: url_decode of a whole NUL-terminated string. */
static char *dec(Arena *a, const char *s, bool plus)
{
    return url_decode(a, s, strlen(s), plus);
}

static void decode_valid(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(dec(&a, "", false), "");
    assert_string_equal(dec(&a, "hello", false), "hello");
    assert_string_equal(dec(&a, "%C3%A6%C3%B8%C3%A5", false), "æøå");
    assert_string_equal(dec(&a, "%c3%a6", false), "æ");   /* lower-case hex */
    assert_string_equal(dec(&a, "%20", false), " ");
    assert_string_equal(dec(&a, "%41%42C", false), "ABC");
    assert_string_equal(dec(&a, "%2F", false), "/");
    assert_string_equal(dec(&a, "%25", false), "%");
    assert_string_equal(dec(&a, "%2525", false), "%25");   /* decoded once only */
    assert_string_equal(dec(&a, "%F0%9F%98%80", false), "😀");
    assert_string_equal(dec(&a, "æ", false), "æ");           /* raw UTF-8 is kept */
    assert_string_equal(dec(&a, "%EF%BF%BD", false), "\xEF\xBF\xBD");   /* U+FFFD itself is valid */
    arena_free(&a);
}

static void decode_plus(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(dec(&a, "a+b", true), "a b");
    assert_string_equal(dec(&a, "a+b", false), "a+b");
    assert_string_equal(dec(&a, "%2B", true), "+");
    assert_string_equal(dec(&a, "%2B", false), "+");
    assert_string_equal(dec(&a, "+%2B+", true), " + ");
    assert_string_equal(dec(&a, "++", true), "  ");
    arena_free(&a);
}

static void decode_respects_length(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(url_decode(&a, "abc%41", 3, false), "abc");
    assert_string_equal(url_decode(&a, "%41xyz", 3, false), "A");
    assert_null(url_decode(&a, "%41", 2, false));   /* the escape runs past n */
    assert_string_equal(url_decode(&a, "x", 0, false), "");
    arena_free(&a);
}

static void decode_malformed_escapes(void **state)
{
    (void)state;
    Arena a = {0};
    assert_null(dec(&a, "%", false));
    assert_null(dec(&a, "abc%", false));
    assert_null(dec(&a, "%4", false));
    assert_null(dec(&a, "abc%4", false));
    assert_null(dec(&a, "%G1", false));
    assert_null(dec(&a, "%1G", false));
    assert_null(dec(&a, "%ZZ", false));
    assert_null(dec(&a, "%%41", false));
    assert_null(dec(&a, "% 1", false));
    assert_null(dec(&a, "%-1", false));
    assert_null(dec(&a, "ok%G1ok", true));
    arena_free(&a);
}

static void decode_rejects_nul(void **state)
{
    (void)state;
    Arena a = {0};
    assert_null(dec(&a, "%00", false));
    assert_null(dec(&a, "a%00b", false));
    assert_null(dec(&a, "a%00", true));
    assert_null(url_decode(&a, "a\0b", 3, false));   /* a raw NUL byte inside n */
    arena_free(&a);
}

static void decode_rejects_invalid_utf8(void **state)
{
    (void)state;
    Arena a = {0};
    assert_null(dec(&a, "%C3%28", false));        /* lead byte without continuation */
    assert_null(dec(&a, "%FF", false));
    assert_null(dec(&a, "%FE", false));
    assert_null(dec(&a, "%C0%AF", false));        /* overlong '/' */
    assert_null(dec(&a, "%E0%80%AF", false));     /* overlong '/', three bytes */
    assert_null(dec(&a, "%C3", false));           /* truncated */
    assert_null(dec(&a, "%80", false));           /* lone continuation byte */
    assert_null(dec(&a, "%ED%A0%80", false));     /* surrogate U+D800 */
    assert_null(dec(&a, "%F4%90%80%80", false));  /* above U+10FFFF */
    assert_null(dec(&a, "ok\xFF", false));        /* raw invalid byte, no escape */
    assert_null(dec(&a, "a%C3+", true));          /* '+' is not a continuation byte */
    arena_free(&a);
}

static void query_empty(void **state)
{
    (void)state;
    Arena a = {0};
    Params p = {(Param *)1, 99};
    Err e = {0};
    assert_int_equal(url_parse_query(&a, NULL, 0, &p, &e), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(url_parse_query(&a, "", 0, &p, &e), 0);
    assert_int_equal(p.n, 0);
    assert_null(params_get(&p, "a"));
    assert_int_equal(url_parse_query(&a, "&&&", 3, &p, &e), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(e.code, 0);
    arena_free(&a);
}

static int parse(Arena *a, const char *s, Params *p, Err *e)
{
    return url_parse_query(a, s, strlen(s), p, e);
}

static void query_pairs(void **state)
{
    (void)state;
    Arena a = {0};
    Params p;
    Err e = {0};
    assert_int_equal(parse(&a, "a=1&b=2", &p, &e), 0);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.v[0].name, "a");
    assert_string_equal(p.v[0].value, "1");
    assert_string_equal(p.v[1].name, "b");
    assert_string_equal(p.v[1].value, "2");
    assert_string_equal(params_get(&p, "a"), "1");
    assert_string_equal(params_get(&p, "b"), "2");
    assert_null(params_get(&p, "c"));
    assert_null(params_get(&p, "A"));   /* names are case-sensitive */
    arena_free(&a);
}

static void query_repeated_key_first_wins(void **state)
{
    (void)state;
    Arena a = {0};
    Params p;
    Err e = {0};
    assert_int_equal(parse(&a, "status=planned&x=1&status=completed", &p, &e), 0);
    assert_int_equal(p.n, 3);
    assert_string_equal(params_get(&p, "status"), "planned");
    assert_string_equal(p.v[2].value, "completed");   /* the later pair is kept, not merged */
    arena_free(&a);
}

static void query_shapes(void **state)
{
    (void)state;
    Arena a = {0};
    Params p;
    Err e = {0};
    assert_int_equal(parse(&a, "flag", &p, &e), 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(params_get(&p, "flag"), "");
    assert_int_equal(parse(&a, "a=", &p, &e), 0);
    assert_string_equal(params_get(&p, "a"), "");
    assert_int_equal(parse(&a, "&a=1&&b=2&", &p, &e), 0);   /* empty pairs skipped */
    assert_int_equal(p.n, 2);
    assert_string_equal(params_get(&p, "a"), "1");
    assert_string_equal(params_get(&p, "b"), "2");
    assert_int_equal(parse(&a, "a=b=c", &p, &e), 0);   /* only the first '=' splits */
    assert_string_equal(params_get(&p, "a"), "b=c");
    assert_int_equal(parse(&a, "q=%C3%A6+%C3%B8&s%C3%B8k=x%2By", &p, &e), 0);
    assert_string_equal(params_get(&p, "q"), "æ ø");
    assert_string_equal(params_get(&p, "søk"), "x+y");
    assert_int_equal(parse(&a, "n%3Dm=v%26w", &p, &e), 0);   /* encoded = and & are data */
    assert_int_equal(p.n, 1);
    assert_string_equal(params_get(&p, "n=m"), "v&w");
    arena_free(&a);
}

static void query_respects_length(void **state)
{
    (void)state;
    Arena a = {0};
    Params p;
    Err e = {0};
    assert_int_equal(url_parse_query(&a, "a=1&b=2", 3, &p, &e), 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(params_get(&p, "a"), "1");
    assert_null(params_get(&p, "b"));
    arena_free(&a);
}

static void query_too_many(void **state)
{
    (void)state;
    Arena a = {0};
    Params p;
    Err e = {0};
    Buf q = {0};
    for (int i = 0; i < URL_MAX_PARAMS; i++) {
        buf_printf(&q, "%sk%d=%d", i ? "&" : "", i, i);
    }
    assert_int_equal(url_parse_query(&a, q.data, q.len, &p, &e), 0);   /* exactly the limit */
    assert_int_equal(p.n, URL_MAX_PARAMS);
    assert_string_equal(params_get(&p, "k255"), "255");
    buf_puts(&q, "&one=more");
    assert_int_equal(url_parse_query(&a, q.data, q.len, &p, &e), E_TOOBIG);
    assert_int_equal(e.code, E_TOOBIG);
    assert_true(strlen(e.msg) > 0);
    buf_free(&q);
    arena_free(&a);
}

static void query_malformed(void **state)
{
    (void)state;
    const char *bad[] = {
        "a=%ZZ", "x=1&a=%", "a%00=1", "a=%00", "q=%FF", "q=%C3%28", "%C0%AF=1", "ok=1&bad=%G1&more=2", "a=%2",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Arena a = {0};
        Params p;
        Err e = {0};
        int rc = parse(&a, bad[i], &p, &e);
        if (rc != E_INVALID) {
            fail_msg("url_parse_query(\"%s\") returned %d, want E_INVALID", bad[i], rc);
        }
        assert_int_equal(e.code, E_INVALID);
        assert_true(strlen(e.msg) > 0);
        arena_free(&a);
    }
    Arena a = {0};
    Params p;
    assert_int_equal(parse(&a, "a=%ZZ", &p, NULL), E_INVALID);   /* e may be NULL */
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_valid),
        cmocka_unit_test(decode_plus),
        cmocka_unit_test(decode_respects_length),
        cmocka_unit_test(decode_malformed_escapes),
        cmocka_unit_test(decode_rejects_nul),
        cmocka_unit_test(decode_rejects_invalid_utf8),
        cmocka_unit_test(query_empty),
        cmocka_unit_test(query_pairs),
        cmocka_unit_test(query_repeated_key_first_wins),
        cmocka_unit_test(query_shapes),
        cmocka_unit_test(query_respects_length),
        cmocka_unit_test(query_too_many),
        cmocka_unit_test(query_malformed),
    };
    return cmocka_run_group_tests_name("url", tests, NULL, NULL);
}
