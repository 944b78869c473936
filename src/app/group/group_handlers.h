/* group_handlers.h: the page and API handlers of the group domain
 * (groups, the coordination ladder, wicked problems), for the route table
 * in web/routes.c (their only caller).  Each reads its {captures} from
 * r->args in pattern order. */
#ifndef SAMLA_GROUP_HANDLERS_H
#define SAMLA_GROUP_HANDLERS_H

#include "app/core/req.h"

/* group_api.c */
int group_list_api(Req *r);
int group_show_api(Req *r);
int group_create_api(Req *r);
int group_update_api(Req *r);
int group_member_add_api(Req *r);
int group_member_end_api(Req *r);
int group_ladder_api(Req *r);
int group_ladder_set_api(Req *r);
int group_close_api(Req *r);
int group_reopen_api(Req *r);
int ladder_community_api(Req *r);
int group_export_api(Req *r);
int ladder_export_api(Req *r);
int problem_list_api(Req *r);
int problem_show_api(Req *r);
int problem_create_api(Req *r);
int problem_update_api(Req *r);
int sdg_list_api(Req *r);

/* group_page.c */
int group_list_page(Req *r);
int group_show_page(Req *r);

/* group_edit_page.c */
int group_new_page(Req *r);
int group_create_post(Req *r);
int group_edit_page(Req *r);
int group_update_post(Req *r);
int group_close_page(Req *r);
int group_close_post(Req *r);
int group_reopen_post(Req *r);

/* group_member_page.c */
int group_members_page(Req *r);
int group_member_add_post(Req *r);
int group_member_end_page(Req *r);
int group_member_end_post(Req *r);

/* ladder_page.c */
int ladder_community_page(Req *r);
int group_ladder_page(Req *r);
int group_ladder_post(Req *r);

/* problem_page.c */
int problem_list_page(Req *r);
int problem_show_page(Req *r);
int problem_new_page(Req *r);
int problem_create_post(Req *r);
int problem_edit_page(Req *r);
int problem_update_post(Req *r);

#endif
