/* mail_handlers.h: the e-mail pages and API for the route table in
 * web/routes.c (their only caller besides the files that define them). */
#ifndef SAMLA_MAIL_HANDLERS_H
#define SAMLA_MAIL_HANDLERS_H

#include "app/core/req.h"

/* mail_page.c */
int mail_prefs_page(Req *r);         /* GET  /account/mail */
int mail_prefs_post(Req *r);         /* POST /account/mail */
int mail_unsubscribe_page(Req *r);   /* GET  /mail/unsubscribe?u&k&t: confirm (no sign-in) */
int mail_unsubscribe_post(Req *r);   /* POST /mail/unsubscribe?u&k&t: RFC 8058 one-click too */
int mail_outbox_page(Req *r);        /* GET  /admin/mail */
int mail_test_post(Req *r);          /* POST /admin/mail/test */
int mail_resend_post(Req *r);        /* POST /admin/mail/{id}/resend */

/* mail_api.c */
int mail_prefs_api(Req *r);          /* GET  /api/v1/me/mail-preferences */
int mail_prefs_put_api(Req *r);      /* PUT  /api/v1/me/mail-preferences */
int mail_outbox_api(Req *r);         /* GET  /api/v1/admin/mail/outbox */
int mail_resend_api(Req *r);         /* POST /api/v1/admin/mail/outbox/{id}/resend */
int mail_test_api(Req *r);           /* POST /api/v1/admin/mail/test */

#endif
