/* fuzz_multipart.c: multipart/form-data bodies (src/base/multipart.c).
 *
 * The body is the whole input.  When its first line is "--X" the boundary
 * is X, so seeds are ordinary bodies a browser sends; otherwise the fixed
 * boundary FIXED is used.  Either way the boundary goes through the
 * Content-Type parser too.  Checks beyond "no crash": a successful parse
 * has at most MULTIPART_MAX_PARTS parts, each a named slice of the body no
 * longer than the part limit, and the helpers that read parts back agree
 * with them.
 */
#include "fuzz.h"

#include "base/arena.h"
#include "base/multipart.h"
#include "base/utf8.h"

#define FIXED "----samlaFuzzBoundary"

enum { MAX_PART = 8192 };  /* small, so the E_TOOBIG path is reachable */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = fuzz_cstr(data, size);
    Arena a = {0};
    Err e = {0};

    const char *ct = "multipart/form-data; boundary=" FIXED;
    if (size > 2 && body[0] == '-' && body[1] == '-') {
        size_t n = strcspn(body + 2, "\r\n");
        ct = arena_printf(&a, "multipart/form-data; boundary=%.*s", (int)n, body + 2);
    }

    Multipart m;
    int rc = multipart_parse(&a, ct, body, size, MAX_PART, &m, &e);
    if (rc == 0) {
        fuzz_check(m.n <= MULTIPART_MAX_PARTS);
        for (size_t i = 0; i < m.n; i++) {
            const MultipartPart *p = &m.parts[i];
            fuzz_check(p->name && utf8_valid(p->name, strlen(p->name)));
            fuzz_check(!p->filename || utf8_valid(p->filename, strlen(p->filename)));
            fuzz_check(p->len <= MAX_PART);
            fuzz_check(p->data >= body && p->data + p->len <= body + size);
            fuzz_check(multipart_get(&m, p->name) != NULL);
            const char *t = multipart_text(&a, &m, p->name);
            fuzz_check(!t || utf8_valid(t, strlen(t)));
        }
        Params f;
        size_t nf = multipart_fields(&a, &m, &f);
        fuzz_check(nf == f.n && nf <= m.n);
        for (size_t i = 0; i < nf; i++) {
            fuzz_check(utf8_valid(f.v[i].value, strlen(f.v[i].value)));
        }
    } else {
        fuzz_check((rc == E_INVALID || rc == E_TOOBIG) && e.msg[0] && m.n == 0);
    }

    arena_free(&a);
    free(body);
    return 0;
}
