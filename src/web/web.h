/* web.h: the request pipeline, independent of the HTTP library.
 *
 * server.c (libmicrohttpd) and rawhttp.c (`samla http`, one request from
 * stdin) both turn what they read into a WebRequest and call web_handle,
 * so every request takes the same path: URL decoding and checks, route
 * match, method check, handler, error page, layout, security headers.
 */
#ifndef SAMLA_WEB_H
#define SAMLA_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/req.h"

enum {
    ROUTE_API = 1,      /* errors are JSON; responses are application/json */
    ROUTE_RAW = 2,      /* the handler writes the full response body (no layout) */
    ROUTE_ANON_POST = 4,/* anonymous callers may post from our own origin without a form token:
                           the handler stores nothing for them (the language switch) */
    ROUTE_UPLOAD = 8,   /* takes a file upload: the body may be as large as BodyLimits.upload */
    ROUTE_IMPORT = 16,  /* takes an import file: the body may be as large as BodyLimits.import */
    ROUTE_SIGNED = 32,  /* authorised by a signed token in the URL, not by the session: a POST needs
                           neither our origin nor a form token (RFC 8058 one-click unsubscribe comes
                           from the mail provider); the handler must not act as the viewer */
};

/* The largest request body each kind of route takes, decided from the
 * route before any of the body is read (web_route_body_limit). */
typedef struct BodyLimits {
    size_t anonymous;   /* routes open to anonymous callers (sign-in, the language switch): 64 KiB */
    size_t signed_in;   /* every other form and JSON API write: 1 MiB */
    size_t import;      /* ROUTE_IMPORT: 10 MiB */
    size_t upload;      /* ROUTE_UPLOAD: the attachment limit, attach_body_limit() */
} BodyLimits;

/* What a route requires of the caller: CAP_ bits from app/perm.h. */
#include "app/core/perm.h"

typedef struct Route {
    const char *method;   /* "GET", "POST" … (HEAD is served by GET routes) */
    const char *pattern;  /* "/measures/{id}": literal segments and {captures} */
    Handler handler;
    int cap;              /* CAP_ value the caller must hold */
    int flags;            /* ROUTE_ flags */
} Route;

extern const Route g_routes[];
extern const size_t g_route_count;

typedef struct WebRequest {
    const char *method;      /* request method as sent */
    const char *path;        /* raw (still percent-encoded) path */
    const char *query;       /* raw query string without '?', or NULL */
    const char *body;        /* request body or NULL */
    size_t body_len;
    const char *content_type;/* Content-Type header or NULL */
    const char *request_id;  /* id for logs and error pages */
    const char *client;      /* client address ("127.0.0.1"), for the audit log and throttling */
    bool secure;             /* TLS, directly or reported by a trusted proxy */
    const char *(*header)(void *hctx, const char *name); /* request header by name, or NULL */
    void *hctx;
} WebRequest;

/* web_header: in->header(name) or NULL when there is no header source. */
const char *web_header(const WebRequest *in, const char *name);

/* web_identify (session.c): who is asking — an API token (Authorization:
 * Bearer), else a session cookie, else anonymous — into r->viewer, and the
 * form token into r->csrf.  Returns 0, or 401 for a bad API token. */
int web_identify(const WebRequest *in, Req *r);

/* web_lang (session.c): the request's language into r->lang: the
 * samla_lang cookie, else the signed-in user's setting (r->viewer may be
 * NULL before identification), else Accept-Language, else bokmål. */
void web_lang(const WebRequest *in, Req *r);

/* web_same_origin (session.c): the request comes from our own origin
 * (Origin, else Referer). */
bool web_same_origin(const WebRequest *in);

/* web_csrf_ok (session.c): a state-changing request is acceptable: it
 * comes from our own origin (Origin, else Referer) and carries the form
 * token (field "csrf" or header X-CSRF-Token).  API tokens need neither. */
bool web_csrf_ok(const WebRequest *in, Req *r);

/* web_init: build the static assets (hashed CSS); call once at start. */
void web_init(void);

/* web_handle: run one request.  r must have arena and db set; on return
 * r->status, r->body (complete document), r->content_type and r->headers
 * describe the response.  *route gets the index of the matched route, or
 * -1.  Never fails: errors become error responses.  It is web_begin and,
 * unless that answered, web_finish; it checks no body limit. */
void web_handle(const WebRequest *in, Req *r, int *route);

/* web_begin: everything that can be decided from the request line and
 * headers alone, before any of the body is read (in->body is not looked
 * at): the path and query, who is asking, the route and method, the
 * route's capability, and for a state-changing request a read-only token
 * or a browser request from another site.  Returns true when r holds the
 * answer (an error, a redirect); else *route is the matched route and the
 * caller reads a body up to web_route_body_limit and calls web_finish
 * with the same r. */
bool web_begin(const WebRequest *in, Req *r, int *route);

/* web_finish: the rest, with the body in in->body: the form, the form
 * token, the cache and the handler. */
void web_finish(const WebRequest *in, Req *r, int route);

/* web_route_body_limit: the largest body route (-1: none matched) takes:
 * l->upload for ROUTE_UPLOAD, l->import for ROUTE_IMPORT, l->anonymous
 * for routes open to anonymous callers (CAP_PUBLIC), else l->signed_in. */
size_t web_route_body_limit(int route, const BodyLimits *l);

/* web_body_limit: the same for a method and raw (still percent-encoded)
 * path, matched against the route table (for tests and tools). */
size_t web_body_limit(const char *method, const char *raw_path, const BodyLimits *l);

/* web_too_big: turn r into the 413 answer for a body over limit bytes
 * (HTML page or JSON for API paths), naming the limit. */
void web_too_big(Req *r, const char *path, size_t limit);

/* web_error: turn r into the error response for status (HTML page or JSON
 * for API paths), e.g. for 413/431/503 decided before routing. */
void web_error(Req *r, const char *path, int status);

/* web_each_header: call fn for every security and caching header that
 * belongs on every response, then for r's own headers. */
void web_each_header(const Req *r, void (*fn)(void *ctx, const char *name, const char *value), void *ctx);

/* cache.c: cache_get fills r from the worker's cache when it holds a
 * still-valid answer for key; cache_put keeps r's answer if it may be
 * shared (anonymous, 200, no extra headers). */
bool cache_get(Req *r, const char *key);
void cache_put(const Req *r, const char *key);

/* Static files and metrics (static.c, metrics.c). */
const char *static_css_href(void);
int static_file(Req *r);
int health_raw(Req *r);
int metrics_raw(Req *r);
void metrics_record(int route, int status, long long duration_us);

#endif
