/* test_html.c: unit tests for src/base/html.c — escaping HTML output.
 *
 * The property that matters: every string that reaches html_esc or a %s of
 * html_printf comes out as inert text, in element content and in quoted
 * attribute values alike, while UTF-8 passes through unchanged.  Outputs
 * are compared byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "base/html.h"

/* esc: html_esc(s) as a string the test can compare (freed by the caller's Buf). */
static const char *esc(Buf *b, const char *s)
{
    buf_reset(b);
    html_esc(b, s);
    return buf_str(b);
}

static void esc_special_characters(void **state)
{
    (void)state;
    Buf b = {0};
    assert_string_equal(esc(&b, "&"), "&amp;");
    assert_string_equal(esc(&b, "<"), "&lt;");
    assert_string_equal(esc(&b, ">"), "&gt;");
    assert_string_equal(esc(&b, "\""), "&quot;");
    assert_string_equal(esc(&b, "'"), "&#39;");
    assert_string_equal(esc(&b, "a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    assert_string_equal(esc(&b, "&amp;"), "&amp;amp;");   /* escaping is not idempotent: no double-decoding */
    assert_string_equal(esc(&b, "<<>>"), "&lt;&lt;&gt;&gt;");
    assert_string_equal(esc(&b, ""), "");
    buf_reset(&b);
    html_esc(&b, NULL);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void esc_utf8_passes_through(void **state)
{
    (void)state;
    Buf b = {0};
    const char *s = "Blåbærsyltetøy ÆØÅ – «sitat» 😀 €";
    assert_string_equal(esc(&b, s), s);
    assert_string_equal(esc(&b, "æ<ø>å"), "æ&lt;ø&gt;å");
    assert_string_equal(esc(&b, "Tab\tog\nlinje"), "Tab\tog\nlinje");
    buf_free(&b);
}

static void esc_appends(void **state)
{
    (void)state;
    Buf b = {0};
    buf_puts(&b, "<b>");
    html_esc(&b, "x<y");
    buf_puts(&b, "</b>");
    assert_string_equal(buf_str(&b), "<b>x&lt;y</b>");
    buf_free(&b);
}

/* hostile: render s in content and in both attribute quotings; check the
 * exact output and that no markup-breaking character survived. */
static void check_inert(const char *s, const char *want_escaped)
{
    Buf b = {0};
    html_printf(&b, "<div title=\"%s\" data-x='%s'>%s</div>", s, s, s);
    Buf want = {0};
    buf_printf(&want, "<div title=\"%s\" data-x='%s'>%s</div>", want_escaped, want_escaped, want_escaped);
    assert_string_equal(buf_str(&b), buf_str(&want));
    /* Between the literal markup there is no < > " ' left. */
    const char *inner = buf_str(&b) + strlen("<div title=\"");
    size_t n = strlen(want_escaped);
    for (size_t i = 0; i < n; i++) {
        assert_null(strchr("<>\"'", inner[i]));
    }
    buf_free(&b);
    buf_free(&want);
}

static void hostile_strings_are_inert(void **state)
{
    (void)state;
    check_inert("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    check_inert("\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    check_inert("'><img src=x onerror=alert(1)>", "&#39;&gt;&lt;img src=x onerror=alert(1)&gt;");
    check_inert("javascript:alert('x')", "javascript:alert(&#39;x&#39;)");
    check_inert("javascript:void(0)", "javascript:void(0)");   /* left as text: nothing to escape */
    check_inert("</textarea><svg/onload=alert(1)>", "&lt;/textarea&gt;&lt;svg/onload=alert(1)&gt;");
    check_inert("&lt;script&gt;", "&amp;lt;script&amp;gt;");
    check_inert("<!-- -->", "&lt;!-- --&gt;");
}

static void printf_conversions(void **state)
{
    (void)state;
    Buf b = {0};
    html_printf(&b, "<p>%s|%d|%i|%lld|%zu|%u|%%|%ld|%lu|%llu</p>", "a&b", -7, 42, LLONG_MIN, (size_t)SIZE_MAX,
                UINT_MAX, -123456789L, 123456789UL, ULLONG_MAX);
    Buf want = {0};
    buf_printf(&want, "<p>a&amp;b|-7|42|-9223372036854775808|%zu|4294967295|%%|-123456789|123456789|"
                      "18446744073709551615</p>", (size_t)SIZE_MAX);
    assert_string_equal(buf_str(&b), buf_str(&want));
    buf_free(&b);
    buf_free(&want);
}

static void printf_literals_and_edges(void **state)
{
    (void)state;
    Buf b = {0};
    html_printf(&b, "<a href=\"/x\">lenke</a>");
    assert_string_equal(buf_str(&b), "<a href=\"/x\">lenke</a>");
    buf_reset(&b);
    html_printf(&b, "%s", "æ");
    assert_string_equal(buf_str(&b), "æ");
    buf_reset(&b);
    html_printf(&b, "100%%");
    assert_string_equal(buf_str(&b), "100%");
    buf_reset(&b);
    html_printf(&b, "%d%s%d", 1, "<>", 2);
    assert_string_equal(buf_str(&b), "1&lt;&gt;2");
    buf_reset(&b);
    html_printf(&b, "%s", "");
    assert_string_equal(buf_str(&b), "");
    buf_reset(&b);
    const char *volatile none = NULL;   /* volatile: keep the compiler from seeing the NULL */
    html_printf(&b, "[%s]", none);      /* NULL appends nothing (as html_esc) */
    assert_string_equal(buf_str(&b), "[]");
    buf_reset(&b);
    html_printf(&b, "%d %d", INT_MIN, INT_MAX);
    assert_string_equal(buf_str(&b), "-2147483648 2147483647");
    buf_free(&b);
}

static void printf_appends_and_large(void **state)
{
    (void)state;
    Buf b = {0};
    Buf big = {0};
    for (int i = 0; i < 3000; i++) {
        buf_puts(&big, "<&>");
    }
    buf_puts(&b, "før ");
    html_printf(&b, "<pre>%s</pre>", buf_str(&big));
    assert_int_equal(b.len, strlen("før <pre>") + 3000 * strlen("&lt;&amp;&gt;") + strlen("</pre>"));
    assert_true(strncmp(buf_str(&b), "før <pre>&lt;&amp;&gt;&lt;", 26) == 0);
    assert_string_equal(buf_str(&b) + b.len - 19, "&lt;&amp;&gt;</pre>");
    buf_free(&b);
    buf_free(&big);
}

static void safe_is_verbatim(void **state)
{
    (void)state;
    Buf b = {0};
    html_safe(&b, (SafeHtml){"<em>trygg</em>"});
    html_safe(&b, (SafeHtml){NULL});
    assert_string_equal(buf_str(&b), "<em>trygg</em>");
    buf_free(&b);
}

static const char *block(Buf *b, const char *text)
{
    buf_reset(b);
    html_text_block(b, text);
    return buf_str(b);
}

#define P "<p class=\"ds-paragraph\">"

static void text_block_paragraphs(void **state)
{
    (void)state;
    Buf b = {0};
    assert_string_equal(block(&b, NULL), "");
    assert_string_equal(block(&b, ""), "");
    assert_string_equal(block(&b, "én linje"), P "én linje</p>");
    assert_string_equal(block(&b, "a\nb"), P "a<br>b</p>");
    assert_string_equal(block(&b, "a\nb\nc"), P "a<br>b<br>c</p>");
    assert_string_equal(block(&b, "a\n\nb"), P "a</p>" P "b</p>");
    assert_string_equal(block(&b, "a\n\n\n\nb"), P "a</p>" P "b</p>");
    assert_string_equal(block(&b, "a\nb\n\nc\nd"), P "a<br>b</p>" P "c<br>d</p>");
    assert_string_equal(block(&b, "a\n"), P "a</p>");
    assert_string_equal(block(&b, "a\n\n"), P "a</p>");
    /* CRLF from a textarea, and leading blank lines. */
    assert_string_equal(block(&b, "a\r\nb"), P "a<br>b</p>");
    assert_string_equal(block(&b, "a\r\n\r\nb"), P "a</p>" P "b</p>");
    assert_string_equal(block(&b, "\n\nb"), P "b</p>");
    assert_string_equal(block(&b, "\r\n"), "");
    assert_string_equal(block(&b, "<b>fet</b> & \"sitat\"\n'x'"),
                        P "&lt;b&gt;fet&lt;/b&gt; &amp; &quot;sitat&quot;<br>&#39;x&#39;</p>");
    buf_free(&b);
}

/* Lines longer than the internal 1 KiB chunk must be escaped whole, also
 * where an escaped character straddles a chunk boundary. */
static void text_block_long_lines(void **state)
{
    (void)state;
    Buf text = {0}, want = {0}, b = {0};
    for (int i = 0; i < 3000; i++) {
        char c = (i % 1023 == 1022) ? '<' : (char)('a' + i % 26);
        buf_putc(&text, c);
    }
    buf_puts(&text, "\næ");
    buf_puts(&want, P);
    for (size_t i = 0; i < 3000; i++) {
        char one[2] = {text.data[i], 0};
        html_esc(&want, one);
    }
    buf_puts(&want, "<br>æ</p>");
    assert_string_equal(block(&b, buf_str(&text)), buf_str(&want));
    buf_free(&text);
    buf_free(&want);
    buf_free(&b);
}

static void url_enc_segments(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(url_enc(&a, "æ"), "%C3%A6");
    assert_string_equal(url_enc(&a, "ø å"), "%C3%B8%20%C3%A5");
    assert_string_equal(url_enc(&a, " "), "%20");
    assert_string_equal(url_enc(&a, "/"), "%2F");
    assert_string_equal(url_enc(&a, "AZaz09-._~"), "AZaz09-._~");
    assert_string_equal(url_enc(&a, "2021-2025"), "2021-2025");
    assert_string_equal(url_enc(&a, "a+b&c=d?e#f%g"), "a%2Bb%26c%3Dd%3Fe%23f%25g");
    assert_string_equal(url_enc(&a, "\"'<>"), "%22%27%3C%3E");
    assert_string_equal(url_enc(&a, "😀"), "%F0%9F%98%80");
    assert_string_equal(url_enc(&a, ""), "");
    assert_string_equal(url_enc(&a, "../x"), "..%2Fx");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(esc_special_characters),
        cmocka_unit_test(esc_utf8_passes_through),
        cmocka_unit_test(esc_appends),
        cmocka_unit_test(hostile_strings_are_inert),
        cmocka_unit_test(printf_conversions),
        cmocka_unit_test(printf_literals_and_edges),
        cmocka_unit_test(printf_appends_and_large),
        cmocka_unit_test(safe_is_verbatim),
        cmocka_unit_test(text_block_paragraphs),
        cmocka_unit_test(text_block_long_lines),
        cmocka_unit_test(url_enc_segments),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
