/* kb_render.c: an article's Markdown as HTML and as plain text, the
 * [[links]] in it, and the line diff between two versions.  See kb.h.
 *
 * The HTML comes from md4c's renderer with raw HTML off (it is shown as
 * text), then three fixed rewrites of its output: headings one level down
 * (the page has the h1), Designsystemet's table class, and every href or
 * src that is not http(s), mailto or a local path replaced by "#".  md4c
 * escapes every text and attribute it writes, so what comes out is the
 * SafeHtml the page writes as it is. */
#include "app/kb/kb.h"

#include <md4c-html.h>
#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/util.h"

enum { MD_FLAGS = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEURLAUTOLINKS };

/* ---- [[links]] ----------------------------------------------------------------- */

size_t kb_links_in(Arena *a, const char *body, const char ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (const char *p = body ? strstr(body, "[[") : NULL; p; p = strstr(p, "[[")) {
        const char *start = p + 2, *end = strstr(start, "]]");
        if (!end) {
            break;
        }
        size_t len = (size_t)(end - start);
        if (len > 0 && len <= 300 && !memchr(start, '\n', len) && !memchr(start, '[', len)) {
            const char *t = arena_strndup(a, start, len);
            bool dup = false;
            for (size_t i = 0; i < n; i++) {
                dup |= str_eq((*out)[i], t);
            }
            if (!dup) {
                *(const char **)arena_push(a, out, &n, &cap, sizeof **out) = t;
            }
        }
        p = end + 2;
    }
    return n;
}

/* Markdown text for s: every punctuation character escaped. */
static void md_escaped(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]()#+-.!<>|~\"'&", *s)) {
            buf_putc(b, '\\');
        }
        buf_putc(b, *s);
    }
}

/* body with each [[Tittel]] as a Markdown link to the article, or to the
 * form that creates it. */
static const char *with_links(Db *db, Arena *a, const Viewer *v, const char *body, int64_t group,
                              const char *missing_label)
{
    Buf b = {0};
    const char *p = body;
    for (const char *q = strstr(p, "[["); q; q = strstr(p, "[[")) {
        const char *end = strstr(q + 2, "]]");
        size_t len = end ? (size_t)(end - q - 2) : 0;
        if (!end || len == 0 || len > 300 || memchr(q + 2, '\n', len) || memchr(q + 2, '[', len)) {
            buf_append(&b, p, (size_t)(q + 2 - p));
            p = q + 2;
            continue;
        }
        buf_append(&b, p, (size_t)(q - p));
        const char *title = arena_strndup(a, q + 2, len);
        ArticleRef ref = article_resolve(db, a, v, title, group);
        buf_putc(&b, '[');
        md_escaped(&b, title);
        if (ref.id) {
            buf_printf(&b, "](/articles/%lld)", (long long)ref.id);
        } else {
            buf_puts(&b, " (");
            md_escaped(&b, missing_label);
            buf_printf(&b, ")](/kb/new?title=%s", url_enc(a, title));
            if (group) {
                buf_printf(&b, "&group=%lld", (long long)group);
            }
            buf_putc(&b, ')');
        }
        p = end + 2;
    }
    buf_puts(&b, p);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- HTML ----------------------------------------------------------------------- */

static void out_cb(const MD_CHAR *text, MD_SIZE size, void *ctx)
{
    buf_append(ctx, text, size);
}

static bool url_allowed(const char *u, size_t n)
{
    static const char *const ok[] = {"http://", "https://", "mailto:"};
    for (size_t i = 0; i < COUNT(ok); i++) {
        size_t k = strlen(ok[i]);
        if (n >= k && strncasecmp(u, ok[i], k) == 0) {
            return true;
        }
    }
    /* No scheme: a path, a query or a fragment (a ':' only after one of /?#). */
    size_t colon = strcspn(u, ":");
    size_t stop = strcspn(u, "/?#");
    return colon >= n || stop < colon;
}

/* The renderer's output with the rewrites described at the top. */
static const char *rewrite(Arena *a, const char *html)
{
    Buf b = {0};
    const char *p = html;
    while (*p) {
        if (p[0] == '<' && (p[1] == 'h' || (p[1] == '/' && p[2] == 'h'))) {
            const char *d = p[1] == '/' ? p + 3 : p + 2;
            if (*d >= '1' && *d <= '6' && d[1] == '>') {
                buf_append(&b, p, (size_t)(d - p));
                buf_putc(&b, *d < '6' ? (char)(*d + 1) : '6');
                p = d + 1;
                continue;
            }
        }
        if (str_has_prefix(p, "<table>")) {
            buf_puts(&b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border>");
            p += 7;
            continue;
        }
        if (str_has_prefix(p, "</table>")) {
            buf_puts(&b, "</table></div>");
            p += 8;
            continue;
        }
        if (str_has_prefix(p, "<a href=\"/kb/new?")) {
            buf_puts(&b, "<a class=\"missing-link\" href=\"");
            p += 9;
            continue;
        }
        bool href = str_has_prefix(p, " href=\""), src = str_has_prefix(p, " src=\"");
        if (href || src) {
            size_t k = href ? 7 : 6;
            buf_append(&b, p, k);
            p += k;
            size_t n = strcspn(p, "\"");
            if (url_allowed(p, n)) {
                buf_append(&b, p, n);
            } else {
                buf_putc(&b, '#');
            }
            p += n;
            continue;
        }
        buf_putc(&b, *p++);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *kb_markdown_html(Db *db, Arena *a, const Viewer *v, const char *body, int64_t group,
                             const char *missing_label)
{
    const char *md = with_links(db, a, v, body ? body : "", group, missing_label ? missing_label : "");
    Buf b = {0};
    md_html(md, (MD_SIZE)strlen(md), out_cb, &b, MD_FLAGS, 0);
    const char *out = rewrite(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- plain text ------------------------------------------------------------------- */

static int text_enter_block(MD_BLOCKTYPE type, void *detail, void *ctx)
{
    (void)type;
    (void)detail;
    (void)ctx;
    return 0;
}

static int text_leave_block(MD_BLOCKTYPE type, void *detail, void *ctx)
{
    (void)type;
    (void)detail;
    buf_putc(ctx, '\n');
    return 0;
}

static int text_span(MD_SPANTYPE type, void *detail, void *ctx)
{
    (void)type;
    (void)detail;
    (void)ctx;
    return 0;
}

static int text_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ctx)
{
    if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
        buf_putc(ctx, '\n');
    } else if (type == MD_TEXT_NULLCHAR) {
        buf_putc(ctx, ' ');
    } else {
        buf_append(ctx, text, size);
    }
    return 0;
}

const char *kb_markdown_text(Arena *a, const char *body)
{
    MD_PARSER parser = {0};
    parser.flags = MD_FLAGS;
    parser.enter_block = text_enter_block;
    parser.leave_block = text_leave_block;
    parser.enter_span = text_span;
    parser.leave_span = text_span;
    parser.text = text_text;
    Buf b = {0};
    body = body ? body : "";
    md_parse(body, (MD_SIZE)strlen(body), &parser, &b);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- the line diff ------------------------------------------------------------------ */

static size_t split_lines(Arena *a, const char *s, const char ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (s && *s) {
        size_t len = strcspn(s, "\n");
        size_t k = len && s[len - 1] == '\r' ? len - 1 : len;
        *(const char **)arena_push(a, out, &n, &cap, sizeof **out) = arena_strndup(a, s, k);
        s += len + (s[len] == '\n');
    }
    return n;
}

size_t kb_diff(Arena *a, const char *from, const char *to, DiffLine **out)
{
    const char **x, **y;
    size_t nx = split_lines(a, from, &x), ny = split_lines(a, to, &y);
    size_t n = 0, cap = 0;
    *out = NULL;
    /* Lines the two share at the start and at the end need no table. */
    size_t pre = 0, suf = 0;
    while (pre < nx && pre < ny && str_eq(x[pre], y[pre])) {
        pre++;
    }
    while (suf < nx - pre && suf < ny - pre && str_eq(x[nx - 1 - suf], y[ny - 1 - suf])) {
        suf++;
    }
    for (size_t i = 0; i < pre; i++) {
        *(DiffLine *)arena_push(a, out, &n, &cap, sizeof **out) = (DiffLine){' ', x[i]};
    }
    size_t m = nx - pre - suf, k = ny - pre - suf;
    if (m && k && m * k <= 4000000) {
        /* Longest common subsequence, then walk it forwards. */
        unsigned *t = xcalloc((m + 1) * (k + 1), sizeof *t);
#define T_(i, j) t[(i) * (k + 1) + (j)]
        for (size_t i = m; i-- > 0;) {
            for (size_t j = k; j-- > 0;) {
                T_(i, j) = str_eq(x[pre + i], y[pre + j]) ? T_(i + 1, j + 1) + 1
                           : T_(i + 1, j) >= T_(i, j + 1) ? T_(i + 1, j) : T_(i, j + 1);
            }
        }
        size_t i = 0, j = 0;
        while (i < m || j < k) {
            DiffLine *d = arena_push(a, out, &n, &cap, sizeof **out);
            if (i < m && j < k && str_eq(x[pre + i], y[pre + j])) {
                *d = (DiffLine){' ', x[pre + i]};
                i++, j++;
            } else if (i < m && (j == k || T_(i + 1, j) >= T_(i, j + 1))) {
                *d = (DiffLine){'-', x[pre + i++]};
            } else {
                *d = (DiffLine){'+', y[pre + j++]};
            }
        }
#undef T_
        free(t);
    } else {
        for (size_t i = 0; i < m; i++) {
            *(DiffLine *)arena_push(a, out, &n, &cap, sizeof **out) = (DiffLine){'-', x[pre + i]};
        }
        for (size_t j = 0; j < k; j++) {
            *(DiffLine *)arena_push(a, out, &n, &cap, sizeof **out) = (DiffLine){'+', y[pre + j]};
        }
    }
    for (size_t i = nx - suf; i < nx; i++) {
        *(DiffLine *)arena_push(a, out, &n, &cap, sizeof **out) = (DiffLine){' ', x[i]};
    }
    return n;
}
