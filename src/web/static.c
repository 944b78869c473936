/* static.c: the style sheet, served under a content-hashed name.
 *
 * web_init concatenates the embedded Designsystemet theme, its component
 * CSS and samla's own rules into one sheet (one request per page view) and
 * names it /static/samla.<hash>.css.  A changed sheet gets a new name, so
 * it can be cached for a year; any other name under /static is 404.
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

void web_init(void)
{
    static const char *parts[] = {"static/ds-theme.css", "static/ds-index.css", "static/samla.css"};
    buf_reset(&g_css);
    for (size_t i = 0; i < COUNT(parts); i++) {
        const EmbedFile *f = embed_find(parts[i]);
        if (f) {
            buf_append(&g_css, f->data, embed_len(f));
            buf_putc(&g_css, '\n');
        }
    }
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a: a cache key, not a security hash */
    for (size_t i = 0; i < g_css.len; i++) {
        h = (h ^ (unsigned char)g_css.data[i]) * 1099511628211ULL;
    }
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
