/* router.c: web_handle — the one path every request takes (see web.h).
 *
 * Two stages.  web_begin, from the request line and headers alone, before
 * any of the body is read: the path is percent-decoded segment by segment
 * and must be clean UTF-8 without control characters, the query must parse
 * the same way (more than 256 parameters: 414); the caller is identified;
 * the path must match a route (else 404) and the method must be one the
 * route takes (else 405 with Allow); the caller must hold the route's
 * capability; a state-changing request must not come with a read-only
 * token or from another site.  web_finish, with the body: a form body must
 * parse as strictly, the form token must match; then the handler runs; an
 * HTML error status with an empty body gets the standard error page; HTML
 * is wrapped in the layout.
 */
#include <string.h>

#include "app/core/api.h"
#include "app/core/attach.h"
#include "app/core/view.h"
#include "app/identity/identity.h"
#include "base/html.h"
#include "base/multipart.h"
#include "base/utf8.h"
#include "base/util.h"
#include "web/layout.h"
#include "web/web.h"

enum { MAX_SEGMENTS = 16 };

typedef struct Path {
    const char *seg[MAX_SEGMENTS];  /* decoded segments */
    int n;
} Path;

/* Split and decode a raw path; false when malformed. */
static bool split_path(Arena *a, const char *raw, Path *p)
{
    p->n = 0;
    if (raw[0] != '/') {
        return false;
    }
    const char *s = raw + 1;
    while (*s) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (p->n == MAX_SEGMENTS) {
            return false;
        }
        char *seg = url_decode(a, s, len, false);
        if (!seg || utf8_has_control(seg, strlen(seg), false)) {
            return false;
        }
        p->seg[p->n++] = seg;
        if (!slash) {
            break;
        }
        s = slash + 1;
        if (!*s) {
            if (p->n == MAX_SEGMENTS) {
                return false;
            }
            p->seg[p->n++] = "";  /* trailing slash */
        }
    }
    return true;
}

/* Does pattern match p?  Captures go to r->args. */
static bool match(const char *pattern, const Path *p, Req *r)
{
    int i = 0;
    const char *s = pattern + 1;
    r->nargs = 0;
    if (!*s) {
        return p->n == 0;
    }
    while (*s) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (i >= p->n) {
            return false;
        }
        if (s[0] == '{') {
            if (!*p->seg[i] || r->nargs == REQ_MAX_ARGS) {
                return false;
            }
            r->args[r->nargs++] = p->seg[i];
        } else if (strlen(p->seg[i]) != len || memcmp(p->seg[i], s, len) != 0) {
            return false;
        }
        i++;
        s = slash ? slash + 1 : s + len;
    }
    return i == p->n;
}

static bool is_api_path(const char *path)
{
    return str_has_prefix(path, "/api/");
}

void web_error(Req *r, const char *path, int status)
{
    buf_reset(&r->body);
    r->raw = false;
    if (path && is_api_path(path)) {
        static const struct {
            int status;
            const char *code, *msg;
        } msgs[] = {
            {400, "bad_request", "the request could not be parsed"},
            {401, "unauthenticated", "sign in or give a valid API token"},
            {403, "forbidden", "you do not have access to this"},
            {404, "not_found", "no such resource"},
            {405, "method_not_allowed", "this method is not allowed here"},
            {413, "too_big", "the request body is too large"},
            {414, "uri_too_long", "the address or its query is too long (at most 256 query parameters)"},
            {431, "headers_too_big", "the request headers are too large"},
            {500, "internal", "an internal error occurred"},
            {503, "unavailable", "the server is busy; try again"},
        };
        for (size_t i = 0; i < COUNT(msgs); i++) {
            if (msgs[i].status == status) {
                api_error(r, status, msgs[i].code, msgs[i].msg);
                return;
            }
        }
        api_error(r, status, "error", "the request failed");
        return;
    }
    r->ncrumbs = 0;
    view_error(r, status, NULL);
    layout_wrap(r);
}

size_t web_route_body_limit(int route, const BodyLimits *l)
{
    if (route < 0 || (size_t)route >= g_route_count) {
        return l->anonymous;
    }
    const Route *rt = &g_routes[route];
    if (rt->flags & ROUTE_UPLOAD) {
        return l->upload;
    }
    if (rt->flags & ROUTE_IMPORT) {
        return l->import;
    }
    return rt->cap == CAP_PUBLIC ? l->anonymous : l->signed_in;
}

size_t web_body_limit(const char *method, const char *raw_path, const BodyLimits *l)
{
    Arena a = {0};
    Req probe = {.arena = &a};
    Path p;
    int route = -1;
    const char *q = strchr(raw_path, '?');
    char *path = q ? arena_strndup(&a, raw_path, (size_t)(q - raw_path)) : arena_strdup(&a, raw_path);
    bool ok = split_path(&a, path, &p);
    for (size_t i = 0; ok && i < g_route_count && route < 0; i++) {
        if (str_eq(g_routes[i].method, method) && match(g_routes[i].pattern, &p, &probe)) {
            route = (int)i;
        }
    }
    arena_free(&a);
    return web_route_body_limit(route, l);
}

void web_too_big(Req *r, const char *path, size_t limit)
{
    if (path && is_api_path(path)) {
        api_error(r, 413, "too_big",
                  limit >= 1000000
                      ? arena_printf(r->arena, "the request body is larger than the limit of %zu MB", limit / 1000000)
                      : arena_printf(r->arena, "the request body is larger than the limit of %zu bytes", limit));
        return;
    }
    const char *size = attach_size_text(r->arena, r->lang, (int64_t)limit);
    buf_reset(&r->body);
    r->raw = false;
    r->ncrumbs = 0;
    view_error(r, 413, TF(r, "Det du sendte, er større enn grensen på %s.", size));
    layout_wrap(r);
}

/* The 403 for a state-changing request that is not from our own pages. */
static void refuse_forged(const WebRequest *in, Req *r)
{
    web_error(r, in->path, 403);
    if (!is_api_path(in->path)) {
        view_error(r, 403, T(r, "Skjemaet var utløpt eller kom fra et annet nettsted. Gå tilbake, "
                                "last siden på nytt og prøv igjen."));
        layout_wrap(r);
    }
}

bool web_begin(const WebRequest *in, Req *r, int *route)
{
    *route = -1;
    r->status = 200;
    r->method = in->method;
    r->request_id = in->request_id;
    web_lang(in, r);   /* before anything can fail, so error pages are in it too */
    Path p;
    if (!split_path(r->arena, in->path, &p)) {
        web_error(r, in->path, 400);
        return true;
    }
    Err e = {0};
    if (url_parse_query(r->arena, in->query, in->query ? strlen(in->query) : 0, &r->query, &e)) {
        web_error(r, in->path, e.code == E_TOOBIG ? 414 : 400);
        return true;
    }
    r->path = arena_strdup(r->arena, in->path);
    if (!r->viewer) {
        int st = web_identify(in, r);
        if (st) {
            web_error(r, "/api/", st);
            req_header(r, "WWW-Authenticate", "Bearer");
            return true;
        }
    }
    if (r->viewer->user_id) {
        web_lang(in, r);   /* the user's own setting, unless the cookie says otherwise */
    }
    /* "/measures/" → "/measures": one canonical URL per page.  Never for
     * "//host/" or "/\host/", which browsers read as another site. */
    size_t plen = strlen(in->path);
    if (plen > 1 && in->path[plen - 1] == '/' && !is_api_path(in->path) && in->path[1] != '/' &&
        in->path[1] != '\\') {
        char *to = in->query && *in->query
            ? arena_printf(r->arena, "%.*s?%s", (int)(plen - 1), in->path, in->query)
            : arena_strndup(r->arena, in->path, plen - 1);
        req_header(r, "Location", to);
        r->status = 308;
        r->raw = true;
        return true;
    }
    const char *method = str_eq(in->method, "HEAD") ? "GET" : in->method;
    bool path_known = false;
    const Route *rt = NULL;
    Buf allow = {0};
    for (size_t i = 0; i < g_route_count; i++) {
        if (!match(g_routes[i].pattern, &p, r)) {
            continue;
        }
        path_known = true;
        buf_printf(&allow, "%s%s", allow.len ? ", " : "", g_routes[i].method);
        if (str_eq(g_routes[i].method, "GET")) {
            buf_puts(&allow, ", HEAD");
        }
        if (str_eq(g_routes[i].method, method)) {
            rt = &g_routes[i];
            *route = (int)i;
            break;
        }
    }
    if (!rt) {
        if (path_known) {
            req_header(r, "Allow", arena_strdup(r->arena, buf_str(&allow)));
        }
        buf_free(&allow);
        web_error(r, in->path, path_known ? 405 : 404);
        return true;
    }
    buf_free(&allow);
    if (rt->cap && !can(r->viewer, (uint32_t)rt->cap)) {
        if (r->viewer->user_id == 0 && !(rt->flags & (ROUTE_API | ROUTE_RAW)) && str_eq(method, "GET")) {
            const char *next = in->query ? arena_printf(r->arena, "%s?%s", r->path, in->query) : r->path;
            req_redirect(r, arena_printf(r->arena, "/login?next=%s", url_enc(r->arena, next)));
            return true;
        }
        web_error(r, in->path, r->viewer->user_id == 0 ? 401 : 403);
        return true;
    }
    /* What the headers alone say about a state-changing request: a
     * read-only token may not, and a browser's request must come from our
     * own pages (the form token, in the body, is checked by web_finish). */
    if (!str_eq(method, "GET")) {
        if (r->viewer->read_only) {
            web_error(r, in->path, 403);
            return true;
        }
        if (!r->viewer->via_token && !(rt->flags & ROUTE_SIGNED) && !web_same_origin(in)) {
            refuse_forged(in, r);
            return true;
        }
    }
    return false;
}

void web_finish(const WebRequest *in, Req *r, int route)
{
    const Route *rt = &g_routes[route];
    const char *method = str_eq(in->method, "HEAD") ? "GET" : in->method;
    Err e = {0};
    r->body_in = in->body;
    r->body_in_len = in->body_len;
    r->content_type_in = in->content_type;
    if (in->body && in->body_len && in->content_type &&
        str_has_prefix(in->content_type, "application/x-www-form-urlencoded")) {
        if (url_parse_query(r->arena, in->body, in->body_len, &r->form, &e)) {
            web_error(r, in->path, 400);
            return;
        }
    } else if (in->body && in->body_len && in->content_type &&
               str_has_prefix(in->content_type, "multipart/form-data")) {
        /* Forms with a file input: their text fields (the csrf token among
         * them) become r->form; the handler reads the files itself. */
        Multipart mp;
        if (multipart_parse(r->arena, in->content_type, in->body, in->body_len, in->body_len, &mp, &e)) {
            web_error(r, in->path, 400);
            return;
        }
        multipart_fields(r->arena, &mp, &r->form);
    }
    if (!str_eq(method, "GET")) {
        bool anon_form = (rt->flags & ROUTE_ANON_POST) && r->viewer->user_id == 0;
        if (!anon_form && !(rt->flags & ROUTE_SIGNED) && !web_csrf_ok(in, r)) {
            refuse_forged(in, r);
            return;
        }
    }
    /* The public's pages and API answers are kept until the data changes,
     * one copy per language and day: what a page shows follows the date too
     * (the strategy in force, deadlines that have passed). */
    bool cacheable = str_eq(method, "GET") && !(rt->flags & ROUTE_RAW) && r->viewer->user_id == 0 &&
                     r->nheaders == 0;
    char today[16];
    date_today(today, sizeof today);
    const char *key = cacheable ? arena_printf(r->arena, "%s %s %s?%s", i18n_code(r->lang), today, in->path,
                                               in->query ? in->query : "") : NULL;
    if (cacheable && cache_get(r, key)) {
        return;
    }
    int status = rt->handler(r);
    r->status = status;
    /* API answers, raw routes, and pages that answered with something other
     * than a page (a redirect, a download) are complete as they are. */
    if ((rt->flags & (ROUTE_API | ROUTE_RAW)) || r->raw) {
        if (status >= 500 && r->body.len == 0) {
            web_error(r, in->path, status);
        }
        if (cacheable) {
            cache_put(r, key);
        }
        return;
    }
    if (status >= 400 && r->body.len == 0) {
        view_error(r, status, NULL);
    }
    layout_wrap(r);
    if (cacheable) {
        cache_put(r, key);
    }
}

void web_handle(const WebRequest *in, Req *r, int *route)
{
    if (!web_begin(in, r, route)) {
        web_finish(in, r, *route);
    }
}

void web_each_header(const Req *r, void (*fn)(void *ctx, const char *name, const char *value), void *ctx)
{
    fn(ctx, "Content-Security-Policy",
       "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    fn(ctx, "X-Content-Type-Options", "nosniff");
    fn(ctx, "Referrer-Policy", "same-origin");
    fn(ctx, "X-Frame-Options", "DENY");
    if (r->secure) {
        fn(ctx, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (r->request_id) {
        fn(ctx, "X-Request-Id", r->request_id);
    }
    fn(ctx, "Content-Type", r->content_type ? r->content_type : "text/html; charset=utf-8");
    if (!r->content_type || str_has_prefix(r->content_type, "text/html")) {
        fn(ctx, "Vary", "Accept-Language, Cookie");   /* the language */
    }
    bool has_cache = false;
    for (int i = 0; i < r->nheaders; i++) {
        fn(ctx, r->headers[i][0], r->headers[i][1]);
        has_cache |= str_eq(r->headers[i][0], "Cache-Control");
    }
    if (!has_cache) {
        /* Pages can hold what only this viewer may see. */
        fn(ctx, "Cache-Control", r->viewer && r->viewer->user_id ? "private, no-store" : "no-cache");
    }
}
