/* fuzz_url.c: percent-decoding, query parsing, UTF-8 and collation
 * (src/base/url.c, utf8.c, collate.c) on arbitrary bytes.
 *
 * Besides "no crash", it checks what the headers promise: whatever
 * url_decode and url_parse_query return is strict UTF-8 without NUL;
 * utf8_next always advances and never yields a surrogate or a code point
 * above U+10FFFF; collate_nb is a total order (reflexive, antisymmetric,
 * transitive, 0 only for equal bytes).  The input is split in thirds for
 * the three strings of the transitivity check.
 */
#include "fuzz.h"

#include "base/arena.h"
#include "base/collate.h"
#include "base/url.h"
#include "base/utf8.h"

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static void check_clean(const char *s)
{
    fuzz_check(s && utf8_valid(s, strlen(s)));
}

static void check_collate(const char *s, size_t n)
{
    size_t k = n / 3;
    const char *a = s, *b = s + k, *c = s + 2 * k;
    size_t na = k, nb = k, nc = n - 2 * k;
    int ab = sign(collate_nb(a, na, b, nb)), ba = sign(collate_nb(b, nb, a, na));
    int bc = sign(collate_nb(b, nb, c, nc)), ac = sign(collate_nb(a, na, c, nc));
    fuzz_check(collate_nb(s, n, s, n) == 0);
    fuzz_check(ab == -ba);
    fuzz_check((ab == 0) == (na == nb && memcmp(a, b, na) == 0));
    if (ab == bc && ab != 0) {
        fuzz_check(ac == ab);
    }
    (void)collate_nb_str(a, c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    Arena a = {0};
    Err e = {0};

    for (int plus = 0; plus < 2; plus++) {
        char *d = url_decode(&a, s, size, plus);
        if (d) {
            check_clean(d);
        }
    }

    Params p;
    if (url_parse_query(&a, s, size, &p, &e) == 0) {
        fuzz_check(p.n <= URL_MAX_PARAMS);
        for (size_t i = 0; i < p.n; i++) {
            check_clean(p.v[i].name);
            check_clean(p.v[i].value);
        }
        (void)params_get(&p, "status");
    } else {
        fuzz_check(e.code != 0 && e.msg[0]);
    }

    (void)utf8_valid(s, size);
    for (const char *q = s, *end = s + size; q < end;) {
        const char *before = q;
        uint32_t c = utf8_next(&q, end);
        fuzz_check(q > before && q <= end);
        fuzz_check(c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF));
    }
    (void)utf8_has_control(s, size, false);
    (void)utf8_has_control(s, size, true);

    check_collate(s, size);

    arena_free(&a);
    free(s);
    return 0;
}
