/* work_handlers.h: the page and API handlers of the work domain, for the
 * route table in web/routes.c (their only caller). */
#ifndef SAMLA_WORK_HANDLERS_H
#define SAMLA_WORK_HANDLERS_H

#include "app/core/req.h"

/* meeting_page.c */
int meeting_list_page(Req *r);
int meeting_new_page(Req *r);
int meeting_create_post(Req *r);
int meeting_show_page(Req *r);
int meeting_edit_page(Req *r);
int meeting_update_post(Req *r);
int meeting_agenda_post(Req *r);
int meeting_ics_page(Req *r);

/* outcome_page.c: an agenda item becomes a decision or a task */
int agenda_decision_page(Req *r);
int agenda_decision_post(Req *r);
int agenda_task_page(Req *r);
int agenda_task_post(Req *r);

/* decision_page.c */
int decision_list_page(Req *r);
int decision_new_page(Req *r);
int decision_create_post(Req *r);
int decision_show_page(Req *r);
int decision_edit_page(Req *r);
int decision_update_post(Req *r);

/* task_page.c */
int task_list_page(Req *r);
int task_new_page(Req *r);
int task_create_post(Req *r);
int task_show_page(Req *r);
int task_update_post(Req *r);

/* interaction_page.c */
int interaction_list_page(Req *r);
int interaction_new_page(Req *r);
int interaction_create_post(Req *r);
int interaction_show_page(Req *r);
int interaction_answer_post(Req *r);
int interaction_matrix_page(Req *r);

/* calendar_page.c */
int calendar_settings_page(Req *r);
int calendar_create_post(Req *r);
int calendar_revoke_post(Req *r);
int calendar_feed(Req *r);

/* work_api.c */
int meeting_list_api(Req *r);
int meeting_create_api(Req *r);
int meeting_show_api(Req *r);
int meeting_update_api(Req *r);
int meeting_agenda_api(Req *r);
int agenda_decision_api(Req *r);
int agenda_task_api(Req *r);
int decision_list_api(Req *r);
int decision_create_api(Req *r);
int decision_show_api(Req *r);
int decision_update_api(Req *r);
int task_list_api(Req *r);
int task_create_api(Req *r);
int task_show_api(Req *r);
int task_update_api(Req *r);
int interaction_list_api(Req *r);
int interaction_create_api(Req *r);
int interaction_show_api(Req *r);
int interaction_answer_api(Req *r);
int interaction_matrix_api(Req *r);
int ministry_goal_list_api(Req *r);
int calendar_feed_api(Req *r);
int calendar_feed_create_api(Req *r);
int calendar_feed_revoke_api(Req *r);

#endif
