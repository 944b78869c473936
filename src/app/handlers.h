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

int measure_access_page(Req *r);
int measure_access_post(Req *r);

/* measure_edit_page.c */
int measure_new_page(Req *r);
int measure_create_post(Req *r);
int measure_edit_page(Req *r);
int measure_update_post(Req *r);
int measure_history_page(Req *r);
int status_admin_page(Req *r);
int status_admin_post(Req *r);
int measure_create_api(Req *r);
int measure_update_api(Req *r);
int measure_history_api(Req *r);
int status_list_api(Req *r);

/* edition_page.c, edition_api.c */
int overview_page(Req *r);
int edition_list_page(Req *r);
int edition_new_page(Req *r);
int edition_publish_post(Req *r);
int edition_show_page(Req *r);
int edition_compare_page(Req *r);
int edition_list_api(Req *r);
int edition_show_api(Req *r);
int edition_publish_api(Req *r);
int edition_compare_api(Req *r);

/* round_page.c, round_api.c */
int round_list_page(Req *r);
int round_new_page(Req *r);
int round_open_post(Req *r);
int round_show_page(Req *r);
int round_close_post(Req *r);
int report_form_page(Req *r);
int report_submit_post(Req *r);
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

/* auth_page.c */
int login_page(Req *r);
int login_post(Req *r);
int logout_post(Req *r);
int account_page(Req *r);
int account_token_create(Req *r);
int account_token_revoke(Req *r);
int account_password(Req *r);

/* admin_page.c */
int admin_page(Req *r);
int admin_user_list_page(Req *r);
int admin_user_new_page(Req *r);
int admin_user_create(Req *r);
int admin_user_page(Req *r);
int admin_user_update(Req *r);
int admin_user_role_add(Req *r);
int admin_user_role_delete(Req *r);
int admin_user_password(Req *r);
int admin_token_revoke(Req *r);
int admin_audit_page(Req *r);

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
int me_api(Req *r);
int user_list_api(Req *r);
int user_show_api(Req *r);
int user_create_api(Req *r);
int token_list_api(Req *r);
int token_create_api(Req *r);
int token_revoke_api(Req *r);
int audit_list_api(Req *r);
int measure_access_api(Req *r);
int exemption_basis_list_api(Req *r);

#endif
