/* handlers.h: every page and API handler, for the route table.
 *
 * Page handlers (*_page) write the main content of one page; API handlers
 * (*_api) write a JSON document.  Both read their {captures} from r->args
 * in pattern order.  The route table in web/routes.c is the only caller.
 */
#ifndef SAMLA_HANDLERS_H
#define SAMLA_HANDLERS_H

#include "app/req.h"

/* strategy_page.c */
int home_page(Req *r);
int strategy_list_page(Req *r);
int strategy_show_page(Req *r);
int goal_area_show_page(Req *r);

/* measure_page.c */
int measure_list_page(Req *r);
int measure_show_page(Req *r);

/* ministry_page.c */
int ministry_list_page(Req *r);
int ministry_show_page(Req *r);

/* *_api.c */
int ministry_list_api(Req *r);
int ministry_show_api(Req *r);
int strategy_list_api(Req *r);
int strategy_show_api(Req *r);
int goal_area_show_api(Req *r);
int measure_list_api(Req *r);
int measure_show_api(Req *r);
int openapi_api(Req *r);

#endif
