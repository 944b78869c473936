/* req.c: see req.h. */
#include "req.h"

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
