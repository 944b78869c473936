/* identity_handlers.h: the page and API handlers of the identity domain, for the
 * route table in web/routes.c (their only caller).  Page handlers write
 * the main content of one page, API handlers a JSON document; both read
 * their {captures} from r->args in pattern order. */
#ifndef SAMLA_IDENTITY_HANDLERS_H
#define SAMLA_IDENTITY_HANDLERS_H

#include "app/core/req.h"

/* auth_page.c */
int login_page(Req *r);
int login_post(Req *r);
int logout_post(Req *r);
int account_page(Req *r);
int account_token_create(Req *r);
int account_token_revoke(Req *r);
int account_password(Req *r);
int lang_post(Req *r);

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

/* auth_api.c */
int me_api(Req *r);
int user_list_api(Req *r);
int user_show_api(Req *r);
int user_create_api(Req *r);
int token_list_api(Req *r);
int token_create_api(Req *r);
int token_revoke_api(Req *r);
int audit_list_api(Req *r);

#endif
