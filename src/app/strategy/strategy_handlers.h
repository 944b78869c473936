/* strategy_handlers.h: the page and API handlers of the strategy domain, for the
 * route table in web/routes.c (their only caller).  Page handlers write
 * the main content of one page, API handlers a JSON document; both read
 * their {captures} from r->args in pattern order. */
#ifndef SAMLA_STRATEGY_HANDLERS_H
#define SAMLA_STRATEGY_HANDLERS_H

#include "app/core/req.h"

/* strategy_page.c */
int home_page(Req *r);
int strategy_list_page(Req *r);
int strategy_show_page(Req *r);
int goal_area_show_page(Req *r);

/* ministry_page.c */
int ministry_list_page(Req *r);
int ministry_show_page(Req *r);

/* ministry_api.c */
int ministry_list_api(Req *r);
int ministry_show_api(Req *r);

/* strategy_api.c */
int strategy_list_api(Req *r);
int strategy_show_api(Req *r);
int goal_area_show_api(Req *r);

#endif
