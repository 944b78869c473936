/* consult_handlers.h: the page and API handlers of the consult domain,
 * for the route table in web/routes.c (their only caller). */
#ifndef SAMLA_CONSULT_HANDLERS_H
#define SAMLA_CONSULT_HANDLERS_H

#include "app/core/req.h"

/* consult_page.c: cases */
int case_list_page(Req *r);
int case_new_page(Req *r);
int case_create_post(Req *r);
int case_show_page(Req *r);
int case_edit_page(Req *r);
int case_update_post(Req *r);
int case_study_page(Req *r);
int case_study_post(Req *r);
int case_timeline_page(Req *r);

/* consult_round_page.c: rounds */
int case_round_new_page(Req *r);
int case_round_send_post(Req *r);
int consultation_show_page(Req *r);
int consultation_remind_post(Req *r);
int consultation_extend_post(Req *r);
int consultation_close_page(Req *r);
int consultation_close_post(Req *r);

/* consult_answer_page.c: the inbox and answers */
int consultation_inbox_page(Req *r);
int answer_show_page(Req *r);
int answer_submit_post(Req *r);
int answer_take_post(Req *r);

/* consult_api.c */
int case_list_api(Req *r);
int case_create_api(Req *r);
int case_show_api(Req *r);
int case_update_api(Req *r);
int case_timeline_api(Req *r);
int case_round_send_api(Req *r);
int consultation_inbox_api(Req *r);
int consultation_show_api(Req *r);
int consultation_remind_api(Req *r);
int consultation_extend_api(Req *r);
int consultation_close_api(Req *r);
int answer_show_api(Req *r);
int answer_submit_api(Req *r);
int answer_take_api(Req *r);

#endif
