/* core_handlers.h: the page and API handlers of the record core — the
 * routes every kind of record shares (/r/{id}, /records/{id}/…,
 * /api/v1/records/{id}/…) — for the route table in web/routes.c (their
 * only caller).  Each reads the record id from r->args[0] and answers 404
 * for a record the caller may not read, exactly as for a missing one. */
#ifndef SAMLA_CORE_HANDLERS_H
#define SAMLA_CORE_HANDLERS_H

#include "app/core/req.h"

/* record_page.c */
int record_redirect_page(Req *r);
int record_history_page(Req *r);
int record_access_page(Req *r);
int record_access_post(Req *r);
int record_grant_post(Req *r);
int record_grant_delete_post(Req *r);

/* record_api.c */
int record_show_api(Req *r);
int record_history_api(Req *r);
int record_access_api(Req *r);
int record_access_put_api(Req *r);
int record_grant_api(Req *r);
int record_grant_delete_api(Req *r);
int exemption_basis_list_api(Req *r);
int openapi_api(Req *r);

#endif
