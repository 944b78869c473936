/* dashboard_handlers.h: the secretary general's dashboard, for the route
 * table in web/routes.c (its only caller). */
#ifndef SAMLA_DASHBOARD_HANDLERS_H
#define SAMLA_DASHBOARD_HANDLERS_H

#include "app/core/req.h"

/* dashboard_page.c */
int dashboard_page(Req *r);

#endif
