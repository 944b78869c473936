/* req.c: see req.h. */
#include "app/core/req.h"

#include "base/rand.h"

void req_crumb(Req *r, const char *label, const char *href)
{
    if (r->ncrumbs < REQ_MAX_CRUMBS) {
        r->crumbs[r->ncrumbs++] = (Crumb){label, href};
    }
}

void req_header(Req *r, const char *name, const char *value)
{
    if (r->nheaders < REQ_MAX_HEADERS) {
        r->headers[r->nheaders][0] = name;
        r->headers[r->nheaders][1] = value;
        r->nheaders++;
    }
}

int req_status(Req *r, int status)
{
    r->status = status;
    return status;
}

const char *req_csrf(Req *r)
{
    r->personal = true;
    if (r->csrf) {
        return r->csrf;
    }
    char tok[64];
    rand_token(tok, sizeof tok);
    r->csrf = arena_strdup(r->arena, tok);
    req_header(r, "Set-Cookie",
               arena_printf(r->arena, "samla_csrf=%s; Path=/; HttpOnly; SameSite=Lax%s", tok,
                            r->secure ? "; Secure" : ""));
    return r->csrf;
}

int req_redirect(Req *r, const char *location)
{
    req_header(r, "Location", location);
    r->raw = true;
    return req_status(r, 303);
}
