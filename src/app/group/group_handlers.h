/* group_handlers.h: the page and API handlers of the group domain, for
 * the route table in web/routes.c (their only caller). */
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

#endif
