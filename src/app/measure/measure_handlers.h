/* measure_handlers.h: the page and API handlers of the measure domain, for the
 * route table in web/routes.c (their only caller).  Page handlers write
 * the main content of one page, API handlers a JSON document; both read
 * their {captures} from r->args in pattern order. */
#ifndef SAMLA_MEASURE_HANDLERS_H
#define SAMLA_MEASURE_HANDLERS_H

#include "app/core/req.h"

/* measure_page.c */
int measure_list_page(Req *r);
int measure_show_page(Req *r);

/* measure_edit_page.c */
int measure_new_page(Req *r);
int measure_create_post(Req *r);
int measure_edit_page(Req *r);
int measure_update_post(Req *r);
int measure_history_page(Req *r);

/* measure_edit_api.c */
int status_admin_page(Req *r);
int status_admin_post(Req *r);
int measure_create_api(Req *r);
int measure_update_api(Req *r);
int measure_history_api(Req *r);
int status_list_api(Req *r);

/* edition_page.c */
int overview_page(Req *r);
int edition_list_page(Req *r);
int edition_new_page(Req *r);
int edition_publish_post(Req *r);
int edition_show_page(Req *r);
int edition_compare_page(Req *r);

/* edition_api.c */
int edition_list_api(Req *r);
int edition_show_api(Req *r);
int edition_publish_api(Req *r);
int edition_compare_api(Req *r);

/* round_page.c */
int round_list_page(Req *r);
int round_new_page(Req *r);
int round_open_post(Req *r);
int round_show_page(Req *r);
int round_close_post(Req *r);
int round_close_page(Req *r);
int round_reopen_page(Req *r);
int round_reopen_post(Req *r);
int report_form_page(Req *r);
int report_submit_post(Req *r);

/* round_api.c */
int round_list_api(Req *r);
int round_open_api(Req *r);
int round_show_api(Req *r);
int report_submit_api(Req *r);

/* measure_io_page.c */
int measure_export_page(Req *r);
int measure_import_page(Req *r);
int measure_import_post(Req *r);
int measure_export_api(Req *r);
int measure_import_api(Req *r);

/* carry_page.c */
int measure_carry_page(Req *r);
int measure_carry_preview_post(Req *r);
int measure_carry_post(Req *r);

/* carry_api.c */
int measure_carry_api(Req *r);

/* measure_api.c */
int measure_list_api(Req *r);
int measure_show_api(Req *r);
/* measure_api.c: visibility and exemption */
int measure_access_api(Req *r);

#endif
