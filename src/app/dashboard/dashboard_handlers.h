/* dashboard_handlers.h: the secretary general's dashboard, for the route
 * table in web/routes.c (its only caller). */
#ifndef SAMLA_DASHBOARD_HANDLERS_H
#define SAMLA_DASHBOARD_HANDLERS_H

#include "app/core/req.h"

/* dashboard_page.c */
int dashboard_page(Req *r);

/* start_page.c: an employee's start page and the community page */
int start_page(Req *r);
int community_page(Req *r);

/* dashboard_api.c */
int dashboard_api(Req *r);

#endif
