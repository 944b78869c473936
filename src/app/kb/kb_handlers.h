/* kb_handlers.h: the page and API handlers of the knowledge bases, for
 * the route table in web/routes.c (their only caller). */
#ifndef SAMLA_KB_HANDLERS_H
#define SAMLA_KB_HANDLERS_H

#include "app/core/req.h"

/* kb_page.c */
int kb_index_page(Req *r);
int kb_new_page(Req *r);
int kb_create_post(Req *r);
int article_show_page(Req *r);
int article_edit_page(Req *r);
int article_update_post(Req *r);
int article_history_page(Req *r);
int article_diff_page(Req *r);

/* kb_api.c */
int kb_list_api(Req *r);
int article_list_api(Req *r);
int article_create_api(Req *r);
int article_show_api(Req *r);
int article_update_api(Req *r);
int article_diff_api(Req *r);

#endif
