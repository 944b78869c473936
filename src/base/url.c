/* url.c: see url.h. */
#include "url.h"

#include <string.h>

#include "utf8.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

char *url_decode(Arena *a, const char *s, size_t n, bool plus)
{
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n) {
                return NULL;
            }
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) {
                return NULL;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0) {
            return NULL;
        }
        out[o++] = c;
    }
    out[o] = 0;
    if (!utf8_valid(out, o)) {
        return NULL;
    }
    return out;
}

int url_parse_query(Arena *a, const char *s, size_t n, Params *out, Err *e)
{
    out->v = NULL;
    out->n = 0;
    if (!s || n == 0) {
        return 0;
    }
    size_t count = 1;
    for (size_t i = 0; i < n; i++) {
        count += s[i] == '&';
    }
    if (count > URL_MAX_PARAMS) {
        return err_set(e, E_TOOBIG, "too many parameters (more than %d)", URL_MAX_PARAMS);
    }
    out->v = arena_alloc(a, count * sizeof *out->v);
    const char *end = s + n;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *pe = amp ? amp : end;
        if (pe > s) {
            const char *eq = memchr(s, '=', (size_t)(pe - s));
            const char *ne = eq ? eq : pe;
            char *name = url_decode(a, s, (size_t)(ne - s), true);
            char *value = eq ? url_decode(a, eq + 1, (size_t)(pe - eq - 1), true)
                             : arena_strdup(a, "");
            if (!name || !value) {
                return err_set(e, E_INVALID, "malformed percent-encoding or invalid UTF-8 in parameters");
            }
            out->v[out->n].name = name;
            out->v[out->n].value = value;
            out->n++;
        }
        s = pe + 1;
    }
    return 0;
}

const char *params_get(const Params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->v[i].name, name) == 0) {
            return p->v[i].value;
        }
    }
    return NULL;
}
