/* test_buf.c: unit tests for src/base/buf.c, the one string builder.
 *
 * Invariants checked: a zeroed Buf is empty and reads as ""; after every
 * write the bytes are NUL-terminated and len counts them exactly; growth
 * keeps what was written; buf_take hands over ownership and leaves the Buf
 * empty; buf_free accepts a zeroed Buf.  Each test frees what it builds, so
 * the ASan build's leak checker covers ownership too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void zeroed_buf_is_empty(void **state)
{
    (void)state;
    Buf b = {0};
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    buf_free(&b);   /* accepts the zero state */
    buf_free(&b);   /* and again */
    assert_null(b.data);
    assert_int_equal(b.cap, 0);
}

static void append_keeps_bytes_across_growth(void **state)
{
    (void)state;
    Buf b = {0};
    enum { N = 20000 };
    for (int i = 0; i < N; i++) {
        buf_append(&b, "abc", 3);
        assert_int_equal(b.len, (size_t)(i + 1) * 3);
        assert_true(b.cap > b.len);
        assert_int_equal(b.data[b.len], 0);
    }
    for (size_t i = 0; i < b.len; i += 3) {
        assert_memory_equal(b.data + i, "abc", 3);
    }
    assert_int_equal(strlen(buf_str(&b)), (size_t)N * 3);
    buf_free(&b);
}

static void puts_and_putc_mix(void **state)
{
    (void)state;
    Buf b = {0};
    Buf want = {0};
    for (int i = 0; i < 5000; i++) {
        buf_puts(&b, "æøå");
        buf_putc(&b, (char)('a' + i % 26));
    }
    /* Build the expectation independently, byte by byte. */
    for (int i = 0; i < 5000; i++) {
        buf_append(&want, "\xC3\xA6\xC3\xB8\xC3\xA5", 6);
        char c = (char)('a' + i % 26);
        buf_append(&want, &c, 1);
    }
    assert_int_equal(b.len, 5000 * 7);
    assert_int_equal(b.len, want.len);
    assert_memory_equal(b.data, want.data, b.len);
    assert_int_equal(b.data[b.len], 0);
    buf_free(&b);
    buf_free(&want);
}

static void append_zero_bytes_and_embedded_nul(void **state)
{
    (void)state;
    Buf b = {0};
    buf_append(&b, "", 0);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    buf_append(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b\0", 4);
    buf_free(&b);
}

static void printf_formats_and_appends(void **state)
{
    (void)state;
    Buf b = {0};
    buf_puts(&b, "start:");
    buf_printf(&b, "%d|%s|%zu|%lld|%u|%%|%05.1f", -42, "tekst", (size_t)7, LLONG_MIN, UINT_MAX, 3.14159);
    assert_string_equal(buf_str(&b), "start:-42|tekst|7|-9223372036854775808|4294967295|%|003.1");
    assert_int_equal(b.len, strlen(b.data));
    buf_printf(&b, "%s", "");
    assert_string_equal(buf_str(&b), "start:-42|tekst|7|-9223372036854775808|4294967295|%|003.1");
    buf_free(&b);
}

static void printf_large_output(void **state)
{
    (void)state;
    enum { BIG = 100000 };
    char *big = malloc(BIG + 1);
    assert_non_null(big);
    for (size_t i = 0; i < BIG; i++) {
        big[i] = (char)('A' + i % 23);
    }
    big[BIG] = 0;
    Buf b = {0};
    buf_puts(&b, "<");
    buf_printf(&b, "%s|%d", big, 12345);
    buf_puts(&b, ">");
    assert_int_equal(b.len, 1 + BIG + 6 + 1);
    assert_int_equal(b.data[0], '<');
    assert_memory_equal(b.data + 1, big, BIG);
    assert_string_equal(b.data + 1 + BIG, "|12345>");
    free(big);
    buf_free(&b);
}

/* Every output length around the growth boundaries must come out whole:
 * the second vsnprintf pass must write the same bytes as the first would. */
static void printf_every_length_near_boundaries(void **state)
{
    (void)state;
    char want[1200];
    for (int prefix = 0; prefix < 300; prefix += 37) {
        for (int n = 0; n < 1100; n++) {
            Buf b = {0};
            for (int i = 0; i < prefix; i++) {
                buf_putc(&b, 'p');
            }
            buf_printf(&b, "%*s", n, "x");
            int w = n > 1 ? n : 1;
            memset(want, ' ', (size_t)w - 1);
            want[w - 1] = 'x';
            assert_int_equal(b.len, (size_t)(prefix + w));
            assert_memory_equal(b.data + prefix, want, (size_t)w);
            assert_int_equal(b.data[b.len], 0);
            buf_free(&b);
        }
    }
}

static void vprintf_through_wrapper(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vprintf_through_wrapper(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

static void vprintf_large_twice(void **state)
{
    (void)state;
    Buf b = {0};
    /* The va_list is consumed twice when the first try does not fit. */
    vprintf_through_wrapper(&b, "%0500d%s%0500d", 1, "midt", 2);
    assert_int_equal(b.len, 1004);
    assert_int_equal(b.data[498], '0');
    assert_int_equal(b.data[499], '1');
    assert_memory_equal(b.data + 500, "midt", 4);
    assert_int_equal(b.data[1003], '2');
    buf_free(&b);
}

static void reset_keeps_memory(void **state)
{
    (void)state;
    Buf b = {0};
    buf_printf(&b, "%0900d", 0);
    size_t cap = b.cap;
    char *data = b.data;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, cap);
    assert_ptr_equal(b.data, data);
    assert_string_equal(buf_str(&b), "");
    buf_puts(&b, "igjen");
    assert_string_equal(buf_str(&b), "igjen");
    buf_free(&b);
    Buf z = {0};
    buf_reset(&z);   /* zeroed: must not crash */
    assert_string_equal(buf_str(&z), "");
}

static void take_on_empty_gives_empty_string(void **state)
{
    (void)state;
    Buf b = {0};
    char *s = buf_take(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

static void take_hands_over_and_empties(void **state)
{
    (void)state;
    Buf b = {0};
    buf_puts(&b, "Gode hver for oss. ");
    buf_printf(&b, "Best %s.", "sammen");
    char *s = buf_take(&b);
    assert_string_equal(s, "Gode hver for oss. Best sammen.");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    assert_string_equal(buf_str(&b), "");
    /* The Buf is reusable and independent of the taken string. */
    buf_puts(&b, "ny");
    assert_string_equal(buf_str(&b), "ny");
    assert_string_equal(s, "Gode hver for oss. Best sammen.");
    free(s);
    buf_free(&b);
}

static void grow_reserves_without_writing(void **state)
{
    (void)state;
    Buf b = {0};
    buf_grow(&b, 5000);
    assert_true(b.cap >= 5001);
    assert_int_equal(b.len, 0);
    char *data = b.data;
    for (int i = 0; i < 5000; i++) {
        buf_putc(&b, 'z');
    }
    assert_ptr_equal(b.data, data);   /* no reallocation was needed */
    assert_int_equal(b.len, 5000);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zeroed_buf_is_empty),
        cmocka_unit_test(append_keeps_bytes_across_growth),
        cmocka_unit_test(puts_and_putc_mix),
        cmocka_unit_test(append_zero_bytes_and_embedded_nul),
        cmocka_unit_test(printf_formats_and_appends),
        cmocka_unit_test(printf_large_output),
        cmocka_unit_test(printf_every_length_near_boundaries),
        cmocka_unit_test(vprintf_large_twice),
        cmocka_unit_test(reset_keeps_memory),
        cmocka_unit_test(take_on_empty_gives_empty_string),
        cmocka_unit_test(take_hands_over_and_empties),
        cmocka_unit_test(grow_reserves_without_writing),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
