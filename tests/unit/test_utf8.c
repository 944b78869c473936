/* test_utf8.c: unit tests for src/base/utf8.c — strict UTF-8.
 *
 * Strict means RFC 3629: the shortest form only, no surrogates, nothing
 * above U+10FFFF, no truncated sequence.  The tests walk the boundaries of
 * each sequence length on both sides.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/utf8.h"

static bool valid(const char *s)
{
    return utf8_valid(s, strlen(s));
}

static void valid_sequences(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(valid("plain ASCII ~!"));
    assert_true(valid("æøå ÆØÅ"));
    assert_true(valid("€ – «»"));
    assert_true(valid("😀 👍🏽"));
    assert_true(valid("\xC2\x80"));           /* U+0080, smallest two-byte */
    assert_true(valid("\xDF\xBF"));           /* U+07FF, largest two-byte */
    assert_true(valid("\xE0\xA0\x80"));       /* U+0800, smallest three-byte */
    assert_true(valid("\xED\x9F\xBF"));       /* U+D7FF, just below the surrogates */
    assert_true(valid("\xEE\x80\x80"));       /* U+E000, just above them */
    assert_true(valid("\xEF\xBF\xBF"));       /* U+FFFF */
    assert_true(valid("\xF0\x90\x80\x80"));   /* U+10000, smallest four-byte */
    assert_true(valid("\xF4\x8F\xBF\xBF"));   /* U+10FFFF, the last code point */
    assert_true(utf8_valid("a\0b", 3));       /* NUL is a valid code point */
}

static void replacement_character_is_valid(void **state)
{
    (void)state;
    assert_true(valid("\xEF\xBF\xBD"));
    assert_true(valid("a\xEF\xBF\xBD" "b"));
    assert_true(valid("\xEF\xBF\xBD\xEF\xBF\xBD"));
    /* …but it does not make a neighbouring invalid byte valid. */
    assert_false(valid("\xEF\xBF\xBD\xFF"));
    assert_false(valid("\xEF\xBF\xBD\xEF\xBF"));
}

static void surrogates_invalid(void **state)
{
    (void)state;
    assert_false(valid("\xED\xA0\x80"));   /* U+D800 */
    assert_false(valid("\xED\xAF\xBF"));   /* U+DBFF */
    assert_false(valid("\xED\xB0\x80"));   /* U+DC00 */
    assert_false(valid("\xED\xBF\xBF"));   /* U+DFFF */
    assert_false(valid("\xED\xA0\xBD\xED\xB8\x80"));   /* CESU-8 pair for U+1F600 */
}

static void above_max_invalid(void **state)
{
    (void)state;
    assert_false(valid("\xF4\x90\x80\x80"));       /* U+110000 */
    assert_false(valid("\xF5\x80\x80\x80"));
    assert_false(valid("\xF7\xBF\xBF\xBF"));
    assert_false(valid("\xF8\x88\x80\x80\x80"));   /* old five-byte form */
    assert_false(valid("\xFC\x84\x80\x80\x80\x80"));
    assert_false(valid("\xFE"));
    assert_false(valid("\xFF"));
}

static void overlong_invalid(void **state)
{
    (void)state;
    assert_false(valid("\xC0\x80"));           /* overlong NUL */
    assert_false(valid("\xC0\xAF"));           /* overlong '/' */
    assert_false(valid("\xC1\xBF"));
    assert_false(valid("\xE0\x80\xAF"));
    assert_false(valid("\xE0\x9F\xBF"));       /* overlong U+07FF */
    assert_false(valid("\xF0\x80\x80\xAF"));
    assert_false(valid("\xF0\x8F\xBF\xBF"));   /* overlong U+FFFF */
}

static void truncated_and_stray_invalid(void **state)
{
    (void)state;
    assert_false(valid("\xC3"));
    assert_false(valid("a\xC3"));
    assert_false(valid("\xE2\x82"));
    assert_false(valid("\xF0\x9F\x98"));
    assert_false(valid("\x80"));               /* lone continuation */
    assert_false(valid("a\xBF" "b"));
    assert_false(valid("\xC3\x28"));           /* lead + non-continuation */
    assert_false(valid("\xE2\x28\xA1"));
    assert_false(valid("\xF0\x9F\x28\x80"));
    /* A sequence cut by the length, though the bytes go on. */
    assert_false(utf8_valid("æ", 1));
    assert_false(utf8_valid("😀", 3));
    assert_true(utf8_valid("æ", 2));
    assert_true(utf8_valid("xæ", 1));
}

static void next_decodes(void **state)
{
    (void)state;
    const char *s = "aæ€😀";
    const char *end = s + strlen(s);
    const char *p = s;
    assert_int_equal(utf8_next(&p, end), 'a');
    assert_ptr_equal(p, s + 1);
    assert_int_equal(utf8_next(&p, end), 0xE6);
    assert_ptr_equal(p, s + 3);
    assert_int_equal(utf8_next(&p, end), 0x20AC);
    assert_ptr_equal(p, s + 6);
    assert_int_equal(utf8_next(&p, end), 0x1F600);
    assert_ptr_equal(p, end);
}

static void next_invalid_advances_one(void **state)
{
    (void)state;
    const char *s = "\xFF\xE2\x82x\xED\xA0\x80";
    const char *end = s + strlen(s);
    const char *p = s;
    assert_int_equal(utf8_next(&p, end), 0xFFFD);
    assert_ptr_equal(p, s + 1);
    assert_int_equal(utf8_next(&p, end), 0xFFFD);   /* E2 82 then 'x': truncated */
    assert_ptr_equal(p, s + 2);
    assert_int_equal(utf8_next(&p, end), 0xFFFD);   /* lone 82 */
    assert_ptr_equal(p, s + 3);
    assert_int_equal(utf8_next(&p, end), 'x');
    assert_int_equal(utf8_next(&p, end), 0xFFFD);   /* surrogate */
    assert_ptr_equal(p, s + 5);
    /* end inside a sequence: never reads past it. */
    const char *t = "😀";
    p = t;
    assert_int_equal(utf8_next(&p, t + 2), 0xFFFD);
    assert_ptr_equal(p, t + 1);
}

static bool ctl(const char *s, bool multiline)
{
    return utf8_has_control(s, strlen(s), multiline);
}

static void control_characters(void **state)
{
    (void)state;
    assert_false(ctl("", false));
    assert_false(ctl("vanlig tekst æøå 😀", false));
    assert_false(ctl("tab\tis fine", false));
    assert_false(ctl("tab\tis fine", true));
    assert_true(ctl("line\nbreak", false));
    assert_false(ctl("line\nbreak", true));
    assert_true(ctl("cr\r", false));
    assert_false(ctl("cr\r\nlf", true));
    assert_true(ctl("\x01", false));
    assert_true(ctl("\x01", true));
    assert_true(ctl("esc\x1B[31m", true));
    assert_true(ctl("\x1F", true));
    assert_true(ctl("del\x7F", true));
    assert_true(utf8_has_control("a\0b", 3, true));   /* NUL is a control character */
    assert_true(ctl("\xC2\x80", true));     /* U+0080, C1 */
    assert_true(ctl("nel\xC2\x85", true));  /* U+0085 NEXT LINE is not a newline here */
    assert_true(ctl("\xC2\x9F", true));     /* U+009F, last C1 */
    assert_false(ctl("\xC2\xA0", false));   /* U+00A0 no-break space is text */
    assert_false(ctl(" ~", false));         /* U+0020 and U+007E border the controls */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_sequences),
        cmocka_unit_test(replacement_character_is_valid),
        cmocka_unit_test(surrogates_invalid),
        cmocka_unit_test(above_max_invalid),
        cmocka_unit_test(overlong_invalid),
        cmocka_unit_test(truncated_and_stray_invalid),
        cmocka_unit_test(next_decodes),
        cmocka_unit_test(next_invalid_advances_one),
        cmocka_unit_test(control_characters),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
