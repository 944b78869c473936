/* textform.c: see textform.h. */
#include "app/core/textform.h"

#include <string.h>

#include "base/buf.h"
#include "base/util.h"

size_t text_split(Arena *a, const char *s, char sep, const char ***out)
{
    size_t len = 0, cap = 0;
    const char **v = NULL;
    while (s && *s) {
        const char *end = strchr(s, sep);
        size_t n = end ? (size_t)(end - s) : strlen(s);
        const char *b = s, *e = s + n;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r')) {
            b++;
        }
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
            e--;
        }
        if (e > b) {
            *(const char **)arena_push(a, &v, &len, &cap, sizeof *v) = arena_strndup(a, b, (size_t)(e - b));
        }
        s = end ? end + 1 : s + n;
    }
    *out = v;
    return len;
}

const char *text_canon_list(Arena *a, const char *s, bool upper)
{
    if (!s) {
        return NULL;
    }
    const char **items;
    size_t n = text_split(a, s, ',', &items);
    for (size_t i = 0; upper && i < n; i++) {
        char *u = arena_strdup(a, items[i]);
        for (char *p = u; *p; p++) {
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        }
        items[i] = u;
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
            const char *t = items[j];
            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    }
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i && str_eq(items[i], items[i - 1])) {
            continue;
        }
        buf_printf(&b, "%s%s", b.len ? ", " : "", items[i]);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

size_t text_diff(const char *const *names, const char *const *was, const char *const *now, size_t n,
                 const bool *skip, FieldChange *out)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        const char *w = was[k] ? was[k] : "", *x = now[k] ? now[k] : "";
        if ((skip && skip[k]) || str_eq(w, x)) {
            continue;
        }
        out[m++] = (FieldChange){names[k], w, x};
    }
    return m;
}
