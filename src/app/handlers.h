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
