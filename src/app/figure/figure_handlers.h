/* figure_handlers.h: the page and API handlers of the figure domain (key
 * figures, shared services, knowledge about the community), for the route
 * table in web/routes.c (their only caller).  Each reads its {captures}
 * from r->args in pattern order. */
#ifndef SAMLA_FIGURE_HANDLERS_H
#define SAMLA_FIGURE_HANDLERS_H

#include "app/core/req.h"

/* facts_page.c: the public page and its downloads */
int facts_page(Req *r);
int facts_indicator_page(Req *r);
int facts_csv_api(Req *r);
int facts_jsonstat_api(Req *r);
int indicator_csv_api(Req *r);
int indicator_jsonstat_api(Req *r);

/* indicator_page.c */
int indicator_list_page(Req *r);
int indicator_new_page(Req *r);
int indicator_create_post(Req *r);
int indicator_show_page(Req *r);
int indicator_value_post(Req *r);
int indicator_edit_page(Req *r);
int indicator_edit_post(Req *r);
int indicator_target_post(Req *r);
int figure_import_page(Req *r);
int figure_import_post(Req *r);
int figure_import_example(Req *r);

/* service_page.c */
int service_list_page(Req *r);
int service_create_post(Req *r);
int service_show_page(Req *r);
int service_figure_post(Req *r);
int service_series_post(Req *r);
int service_round_post(Req *r);
int service_round_close_post(Req *r);
int collaboration_page(Req *r);

/* figure_api.c */
int indicator_list_api(Req *r);
int indicator_create_api(Req *r);
int indicator_show_api(Req *r);
int indicator_value_api(Req *r);
int indicator_update_api(Req *r);
int indicator_target_api(Req *r);
int figure_import_api(Req *r);
int service_list_api(Req *r);
int service_create_api(Req *r);
int service_show_api(Req *r);
int service_figure_api(Req *r);
int service_series_api(Req *r);
int service_csv_api(Req *r);
int service_round_list_api(Req *r);
int service_round_open_api(Req *r);
int service_round_close_api(Req *r);
int collaboration_api(Req *r);

#endif
