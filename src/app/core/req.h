/* req.h: what a handler sees — one request and the response it builds.
 *
 * The web layer fills the request half (method, path, decoded parameters,
 * the worker's database connection and the request arena) and reads the
 * response half after the handler returns.  Everything here lives in
 * r->arena except body, a Buf the web layer frees or hands to the HTTP
 * library.  Handlers never free anything.
 *
 * HTML handlers write only the page's main content into body and set
 * title and crumbs; the web layer wraps it in the site layout, and renders
 * an error page when a handler returns an error status with an empty body.
 * API handlers write a complete JSON document (api_json / api_error).
 */
#ifndef SAMLA_REQ_H
#define SAMLA_REQ_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "app/core/i18n.h"
#include "app/core/perm.h"
#include "base/url.h"
#include "db/db.h"

enum { REQ_MAX_ARGS = 4, REQ_MAX_CRUMBS = 6, REQ_MAX_HEADERS = 12 };

typedef struct Crumb {
    const char *label;   /* shown text */
    const char *href;    /* link; NULL for the current page */
} Crumb;

typedef struct Req {
    /* request */
    Arena *arena;                    /* all request allocations */
    Db *db;                          /* this worker's connection */
    const char *method;              /* "GET", "POST", … */
    const char *path;                /* decoded path, starts with '/' */
    Params query;                    /* decoded query parameters */
    Params form;                     /* decoded form body (POST) */
    const char *body_in;             /* the raw request body (JSON API), NULL when none */
    size_t body_in_len;
    const char *content_type_in;     /* the request's Content-Type header, NULL when none */
    const char *args[REQ_MAX_ARGS];  /* {captures} of the route pattern, decoded */
    int nargs;
    const char *request_id;          /* for logs and error pages */
    const Viewer *viewer;            /* who is asking; never NULL once routed */
    const char *client;              /* client address for the audit log */
    const char *csrf;                /* the form token to put in forms; NULL until req_csrf */
    bool secure;                     /* served over TLS (directly or via a trusted proxy) */
    int lang;                        /* Lang (core/i18n.h): LANG_NB unless chosen */
    /* response */
    int status;                      /* HTTP status, 200 unless set */
    Buf body;                        /* main content (HTML) or document (JSON) */
    const char *content_type;        /* NULL: text/html for pages, application/json for API */
    const char *title;               /* HTML page title (also the h1 unless the body has one) */
    Crumb crumbs[REQ_MAX_CRUMBS];    /* breadcrumbs after "Forside" */
    int ncrumbs;
    const char *headers[REQ_MAX_HEADERS][2]; /* extra response headers */
    int nheaders;
    bool raw;                        /* body is complete: no layout (static files, metrics) */
    bool personal;                   /* the answer holds something of this caller (a form token): never shared */
} Req;

/* A handler returns the HTTP status it sets in r->status. */
typedef int (*Handler)(Req *r);

/* req_crumb: append a breadcrumb (href NULL marks the current page). */
void req_crumb(Req *r, const char *label, const char *href);

/* req_header: add a response header; name and value must outlive the request. */
void req_header(Req *r, const char *name, const char *value);

/* req_csrf: the form token for hidden csrf fields: the session's token
 * when signed in; for anonymous forms (sign-in) a random token also set as
 * the samla_csrf cookie (double submit). */
const char *req_csrf(Req *r);

/* req_redirect: a 303 See Other to a local path; returns 303. */
int req_redirect(Req *r, const char *location);

/* req_status: set r->status and return it, so handlers write `return req_status(r, 404);`. */
int req_status(Req *r, int status);

#endif
