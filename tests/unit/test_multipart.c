/* test_multipart.c: the multipart/form-data parser (src/base/multipart.c)
 * with what browsers send and with hostile input: malformed boundaries,
 * headers and delimiters, limits, and every truncation and byte flip of a
 * valid body (each copied into a buffer of exactly its size, so the ASan
 * build catches any read past the end).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/multipart.h"

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryx7Q"
#define B "------WebKitFormBoundaryx7Q"

/* A browser-like body: a hidden field, a file with binary data (CR, LF,
 * a near-boundary and a NUL inside), and a submit button. */
static const char BODY[] =
    B "\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n"
    "\r\n"
    "tok123\r\n"
    B "\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"tiltak 2021.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "a;b\r\n--not-the-boundary\r\nx" B "x\0y\r\n"
    B "\r\n"
    "content-disposition: FORM-DATA; name=action\r\n"
    "\r\n"
    "apply\r\n"
    B "--\r\n";

typedef struct Fixture {
    Arena a;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->a);
    free(f);
    return 0;
}

/* Parse len bytes of body from a heap copy of exactly that size. */
static int parse(Fixture *f, const char *ct, const char *body, size_t len, size_t max_part, Multipart *m)
{
    char *copy = malloc(len ? len : 1);
    if (len) {
        memcpy(copy, body, len);
    }
    Err e = {0};
    int rc = multipart_parse(&f->a, ct, body ? copy : NULL, len, max_part, m, &e);
    if (rc == 0) {
        /* Data points into the body: keep a copy alive in the arena. */
        char *keep = arena_alloc(&f->a, len ? len : 1);
        if (len) {
            memcpy(keep, copy, len);
        }
        for (size_t i = 0; i < m->n; i++) {
            m->parts[i].data = keep + (m->parts[i].data - copy);
        }
    } else {
        assert_true(e.msg[0] != 0);
        assert_int_equal(m->n, 0);
    }
    free(copy);
    return rc;
}

static int parse_str(Fixture *f, const char *body, Multipart *m)
{
    return parse(f, CT, body, strlen(body), 1 << 20, m);
}

static void test_browser_body(void **state)
{
    Fixture *f = *state;
    Multipart m;
    assert_int_equal(parse(f, CT, BODY, sizeof BODY - 1, 1 << 20, &m), 0);
    assert_int_equal(m.n, 3);
    assert_string_equal(m.parts[0].name, "csrf");
    assert_null(m.parts[0].filename);
    assert_null(m.parts[0].content_type);
    assert_int_equal(m.parts[0].len, 6);
    assert_memory_equal(m.parts[0].data, "tok123", 6);
    const MultipartPart *file = multipart_get(&m, "file");
    assert_non_null(file);
    assert_string_equal(file->filename, "tiltak 2021.csv");
    assert_string_equal(file->content_type, "text/csv");
    static const char data[] = "a;b\r\n--not-the-boundary\r\nx" B "x\0y";
    assert_int_equal(file->len, sizeof data - 1);
    assert_memory_equal(file->data, data, sizeof data - 1);
    assert_string_equal(multipart_text(&f->a, &m, "action"), "apply");
    assert_string_equal(multipart_text(&f->a, &m, "csrf"), "tok123");
    assert_null(multipart_text(&f->a, &m, "file"));   /* holds a NUL */
    assert_null(multipart_get(&m, "missing"));
    assert_null(multipart_text(&f->a, &m, "missing"));
    Params form;
    assert_int_equal(multipart_fields(&f->a, &m, &form), 2);   /* not the file */
    assert_string_equal(params_get(&form, "csrf"), "tok123");
    assert_string_equal(params_get(&form, "action"), "apply");
    assert_null(params_get(&form, "file"));
}

static void test_boundary_parameter(void **state)
{
    Fixture *f = *state;
    const char *b;
    Err e = {0};
    assert_int_equal(multipart_boundary(&f->a, "Multipart/Form-Data;boundary=\"a b:c\"", &b, &e), 0);
    assert_string_equal(b, "a b:c");
    assert_int_equal(multipart_boundary(&f->a, "multipart/form-data; charset=utf-8; BOUNDARY=xyz ", &b, &e), 0);
    assert_string_equal(b, "xyz");
    char long_ok[80], long_bad[80];
    memset(long_ok, 'a', 70);
    long_ok[70] = 0;
    memset(long_bad, 'a', 71);
    long_bad[71] = 0;
    assert_int_equal(multipart_boundary(&f->a, arena_printf(&f->a, "multipart/form-data; boundary=%s", long_ok), &b,
                                        &e), 0);
    static const char *bad[] = {
        NULL,
        "",
        "text/csv",
        "multipart/mixed; boundary=abc",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"abc ",            /* unterminated quote */
        "multipart/form-data; boundary=\"abc \"",           /* ends in a space */
        "multipart/form-data; boundary=ab<c",               /* '<' is no bchar... and no tchar */
        "multipart/form-data; boundary=\"ab\\\"c\"",        /* backslash is no bchar */
        "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data boundary=abc",
        "multipart/form-data; =abc",
        "multipart/form-data; boundary=\"a\x01\"",
        "multipart/form-datax; boundary=abc",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (multipart_boundary(&f->a, bad[i], &b, &e) != E_INVALID) {
            fail_msg("accepted Content-Type #%zu: %s", i, bad[i] ? bad[i] : "(null)");
        }
        assert_null(b);
    }
    assert_int_equal(multipart_boundary(&f->a, arena_printf(&f->a, "multipart/form-data; boundary=%s", long_bad), &b,
                                        &e), E_INVALID);
}

static void test_malformed_bodies(void **state)
{
    Fixture *f = *state;
    Multipart m;
    static const char *bad[] = {
        "",
        "preamble\r\n" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "--\r\n",
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B,                 /* no close */
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "--\r\nmore",     /* epilogue */
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",                        /* unterminated */
        B "\r\n\r\nx\r\n" B "--",                                                           /* no headers */
        B "\r\nContent-Type: text/plain\r\n\r\nx\r\n" B "--",                               /* no disposition */
        B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" B "--",
        B "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" B "--",                         /* no name */
        B "\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n" B "--",
        B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" B "--",               /* open quote */
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
          "x\r\n" B "--",
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\n folded\r\n\r\nx\r\n" B "--",
        B "\nContent-Disposition: form-data; name=\"a\"\n\nx\n" B "--",                      /* bare LF */
        B "\r\nContent-Disposition: form-data; name=\"a\"\x01\r\n\r\nx\r\n" B "--",          /* control */
        B "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\xff.csv\"\r\n\r\nx\r\n" B "--",
        B "\r\nNo colon here\r\n\r\nx\r\n" B "--",
        B "\r\n: empty name\r\n\r\nx\r\n" B "--",
        B "\r\nContent-Disposition: form-data; name=\"a\" junk\r\n\r\nx\r\n" B "--",
        B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "\r\n",          /* ends after CRLF */
        B "--garbage",
        B " \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "--",            /* padding */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = parse_str(f, bad[i], &m);
        if (rc != E_INVALID) {
            fail_msg("body #%zu: expected E_INVALID, got %d", i, rc);
        }
    }
    assert_int_equal(parse(f, CT, NULL, 0, 100, &m), E_INVALID);
    assert_int_equal(parse(f, "text/plain", BODY, sizeof BODY - 1, 1 << 20, &m), E_INVALID);
    /* The close delimiter without a CRLF after it is fine; an empty form too. */
    assert_int_equal(parse_str(f, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n" B "--", &m), 0);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.parts[0].len, 0);
    assert_int_equal(parse_str(f, B "--", &m), 0);
    assert_int_equal(m.n, 0);
}

static void test_limits(void **state)
{
    Fixture *f = *state;
    Multipart m;
    Buf b = {0};
    for (int i = 0; i < MULTIPART_MAX_PARTS + 1; i++) {
        buf_printf(&b, B "\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
    }
    buf_puts(&b, B "--\r\n");
    assert_int_equal(parse(f, CT, b.data, b.len, 1 << 20, &m), E_TOOBIG);
    buf_reset(&b);
    buf_puts(&b, B "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    for (int i = 0; i < MULTIPART_MAX_HEADER; i++) {
        buf_putc(&b, 'p');
    }
    buf_puts(&b, "\r\n\r\nx\r\n" B "--\r\n");
    assert_int_equal(parse(f, CT, b.data, b.len, 1 << 20, &m), E_TOOBIG);
    buf_reset(&b);
    buf_puts(&b, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n0123456789\r\n" B "--\r\n");
    assert_int_equal(parse(f, CT, b.data, b.len, 10, &m), 0);
    assert_int_equal(parse(f, CT, b.data, b.len, 9, &m), E_TOOBIG);
    buf_reset(&b);
    buf_puts(&b, B "\r\nContent-Disposition: form-data; name=\"");
    for (int i = 0; i <= MULTIPART_MAX_NAME; i++) {
        buf_putc(&b, 'n');
    }
    buf_puts(&b, "\"\r\n\r\nx\r\n" B "--\r\n");
    assert_int_equal(parse(f, CT, b.data, b.len, 1 << 20, &m), E_INVALID);
    buf_free(&b);
}

/* Every prefix of the valid body fails cleanly; every single byte changed
 * to a few interesting values never crashes (the result may be valid). */
static void test_truncations_and_flips(void **state)
{
    Fixture *f = *state;
    Multipart m;
    size_t n = sizeof BODY - 1;
    for (size_t len = 0; len < n; len++) {
        int rc = parse(f, CT, BODY, len, 1 << 20, &m);
        /* Only the body without the final CRLF is still complete. */
        if (len == n - 2) {
            assert_int_equal(rc, 0);
        } else if (rc != E_INVALID) {
            fail_msg("prefix of %zu bytes: expected E_INVALID, got %d", len, rc);
        }
        arena_reset(&f->a);
    }
    static const char subst[] = {'\0', '\r', '\n', '"', '-', ';', 'x', (char)0xff};
    char *copy = malloc(n);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof subst; k++) {
            memcpy(copy, BODY, n);
            copy[i] = subst[k];
            int rc = parse(f, CT, copy, n, 1 << 20, &m);
            assert_true(rc == 0 || rc == E_INVALID || rc == E_TOOBIG);
            arena_reset(&f->a);
        }
    }
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_browser_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boundary_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncations_and_flips, setup, teardown),
    };
    return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
