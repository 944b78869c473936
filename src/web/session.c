/* session.c: identifying the caller and checking that a state-changing
 * request is really from our own pages (CSRF).  The decisions about what
 * the caller may do are in app/perm.c and app/access.h; this file only
 * finds out who it is.
 */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "app/core/i18n.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "web/web.h"

const char *web_header(const WebRequest *in, const char *name)
{
    return in->header ? in->header(in->hctx, name) : NULL;
}

/* The value of cookie name in a Cookie header, in the arena, or NULL. */
static const char *cookie(Arena *a, const char *header, const char *name)
{
    if (!header) {
        return NULL;
    }
    size_t n = strlen(name);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == ';') {
            p++;
        }
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            return arena_strndup(a, p + n + 1, len - n - 1);
        }
        p += len;
    }
    return NULL;
}

int web_identify(const WebRequest *in, Req *r)
{
    r->viewer = &g_anonymous;
    r->client = in->client ? in->client : "";
    r->secure = in->secure;
    const char *authz = web_header(in, "Authorization");
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        Viewer *v = arena_alloc(r->arena, sizeof *v);
        if (auth_token(r->db, r->arena, authz + 7, v, NULL)) {
            return 401;
        }
        r->viewer = v;
        return 0;
    }
    const char *cookies = web_header(in, "Cookie");
    const char *sess = cookie(r->arena, cookies, "samla_session");
    if (sess) {
        Viewer *v = arena_alloc(r->arena, sizeof *v);
        if (auth_session(r->db, r->arena, sess, v, NULL) == 0) {
            r->viewer = v;
            r->csrf = v->csrf;
            return 0;
        }
        /* Expired or unknown: forget it in the browser too. */
        req_header(r, "Set-Cookie", "samla_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }
    r->csrf = cookie(r->arena, cookies, "samla_csrf");
    return 0;
}

void web_lang(const WebRequest *in, Req *r)
{
    int l = i18n_parse(cookie(r->arena, web_header(in, "Cookie"), "samla_lang"));
    if (l < 0 && r->viewer && r->viewer->user_id) {
        l = user_language(r->db, r->viewer->user_id);
    }
    r->lang = l >= 0 ? l : i18n_accept(web_header(in, "Accept-Language"));
}

/* Does url start with our own origin (scheme://host)? */
static bool same_origin(const WebRequest *in, const char *url)
{
    const char *host = web_header(in, "Host");
    if (!host || !url) {
        return false;
    }
    const char *scheme = in->secure ? "https://" : "http://";
    size_t sl = strlen(scheme), hl = strlen(host);
    return strncasecmp(url, scheme, sl) == 0 && strncasecmp(url + sl, host, hl) == 0 &&
           (url[sl + hl] == 0 || url[sl + hl] == '/');
}

bool web_same_origin(const WebRequest *in)
{
    const char *origin = web_header(in, "Origin");
    return origin ? same_origin(in, origin) : same_origin(in, web_header(in, "Referer"));
}

bool web_csrf_ok(const WebRequest *in, Req *r)
{
    if (r->viewer->via_token) {
        return true;
    }
    if (!web_same_origin(in)) {
        return false;
    }
    const char *sent = params_get(&r->form, "csrf");
    if (!sent) {
        sent = web_header(in, "X-CSRF-Token");
    }
    if (!sent || !r->csrf || strlen(sent) != strlen(r->csrf)) {
        return false;
    }
    return sodium_memcmp(sent, r->csrf, strlen(sent)) == 0;
}
