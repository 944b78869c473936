/* static.c: the style sheet and the typeface, served under content-hashed
 * names.
 *
 * web_init concatenates the embedded Designsystemet theme, its component
 * CSS and samla's own rules into one sheet (one request per page view) and
 * names it /static/samla.<hash>.css.  Designsystemet's typeface, Inter
 * (the npm package @fontsource-variable/inter: one variable-weight woff2
 * for the latin and one for the latin-ext subset, which covers æ, ø, å and
 * the Sámi letters), is served from samla too, as
 * /static/inter-latin.<hash>.woff2 and …-ext.<hash>.woff2, with the
 * @font-face rules naming them added to the sheet: no page asks any other
 * host for a font.  A changed file gets a new name, so everything can be
 * cached for a year; any other name under /static is 404.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/embed.h"
#include "base/util.h"
#include "web/web.h"

static Buf g_css;            /* the concatenated sheet, read-only after web_init */
static char g_css_name[64];  /* "samla.0123456789ab.css" */
static char g_css_href[80];  /* "/static/samla.….css" */

/* The fonts: embedded name, served name (set by web_init), unicode-range. */
static struct {
    const char *embed;
    const char *stem;
    const char *range;
    char name[64];
    const EmbedFile *file;
} g_fonts[] = {
    {"static/inter-latin.woff2", "inter-latin",
     "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
     "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD", {0}, NULL},
    {"static/inter-latin-ext.woff2", "inter-latin-ext",
     "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, "
     "U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF", {0}, NULL},
};

static uint64_t fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a: a cache key, not a security hash */
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
    return h;
}

void web_init(void)
{
    static const char *parts[] = {"static/ds-theme.css", "static/ds-index.css", "static/samla.css"};
    buf_reset(&g_css);
    for (size_t i = 0; i < COUNT(g_fonts); i++) {
        g_fonts[i].file = embed_find(g_fonts[i].embed);
        if (!g_fonts[i].file) {
            g_fonts[i].name[0] = 0;
            continue;
        }
        snprintf(g_fonts[i].name, sizeof g_fonts[i].name, "%s.%012llx.woff2", g_fonts[i].stem,
                 (unsigned long long)(fnv(g_fonts[i].file->data, embed_len(g_fonts[i].file)) >> 16));
        buf_printf(&g_css, "@font-face{font-family:'Inter';font-style:normal;font-display:swap;font-weight:100 900;"
                           "src:url(/static/%s) format('woff2-variations'),url(/static/%s) format('woff2');"
                           "unicode-range:%s}\n",
                   g_fonts[i].name, g_fonts[i].name, g_fonts[i].range);
    }
    for (size_t i = 0; i < COUNT(parts); i++) {
        const EmbedFile *f = embed_find(parts[i]);
        if (f) {
            buf_append(&g_css, f->data, embed_len(f));
            buf_putc(&g_css, '\n');
        }
    }
    uint64_t h = fnv((const unsigned char *)g_css.data, g_css.len);
    snprintf(g_css_name, sizeof g_css_name, "samla.%012llx.css", (unsigned long long)(h >> 16));
    snprintf(g_css_href, sizeof g_css_href, "/static/%s", g_css_name);
}

const char *static_css_href(void)
{
    return g_css_href;
}

int static_file(Req *r)
{
    r->raw = true;
    for (size_t i = 0; i < COUNT(g_fonts); i++) {
        if (g_fonts[i].name[0] && str_eq(r->args[0], g_fonts[i].name)) {
            buf_append(&r->body, g_fonts[i].file->data, embed_len(g_fonts[i].file));
            r->content_type = "font/woff2";
            req_header(r, "Cache-Control", "public, max-age=31536000, immutable");
            return req_status(r, 200);
        }
    }
    if (!str_eq(r->args[0], g_css_name)) {
        r->content_type = "text/plain; charset=utf-8";
        buf_puts(&r->body, "not found\n");
        return req_status(r, 404);
    }
    buf_append(&r->body, g_css.data, g_css.len);
    r->content_type = "text/css; charset=utf-8";
    req_header(r, "Cache-Control", "public, max-age=31536000, immutable");
    return req_status(r, 200);
}
