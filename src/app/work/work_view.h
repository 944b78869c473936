/* work_view.h: pieces of HTML the work domain's pages share — tags for
 * states and scores, people and ministries in the page's language, the
 * task and meeting tables, and form helpers.  Not part of the door
 * (work.h); no SQL.  All output goes through html_printf. */
#ifndef SAMLA_WORK_VIEW_H
#define SAMLA_WORK_VIEW_H

#include <stdbool.h>

#include "app/core/form_view.h"
#include "app/core/req.h"
#include "app/work/work.h"

/* wv_id: the capture i as a record id; false after a 404 page. */
bool wv_id(Req *r, int i, int64_t *id);

/* wv_notice: the page's ?done= notice, unless a shared record section
 * (attachments, comments, links) shows it. */
void wv_notice(Req *r);

/* wv_person: «Full Name (HOD)»; "–" for nobody. */
const char *wv_person(Req *r, const Person *p);

/* wv_ministry: a ministry's name in the page's language. */
const char *wv_ministry(Req *r, const char *nb, const char *nn, const char *en);

/* wv_date: view_date, "–" for NULL. */
const char *wv_date(Req *r, const char *iso);

/* wv_when: a meeting's date and time: «5. desember 2026 kl. 13:00–14:30». */
const char *wv_when(Req *r, const Meeting *m);

/* Tags. */
void wv_task_tag(Req *r, const Task *t);
void wv_score_tag(Req *r, int score);
void wv_interaction_tag(Req *r, const Interaction *x);
/* wv_score_text: «−2 Motvirker». */
const char *wv_score_text(Req *r, int score);
/* wv_score_code_label: the message id of a score given as text ("-2" →
 * «−2 Motvirker»), for radios. */
const char *wv_score_code_label(const char *code);
/* wv_goal_text: the goal in the page's language. */
const char *wv_goal_text(Req *r, const MinistryGoal *g);

/* Tables and lists (with a caption; empty says what to do). */
void wv_task_table(Req *r, const char *caption, const Task *t, size_t n, const char *empty, bool show_ministry);
void wv_meeting_list(Req *r, const Meeting *m, size_t n, const char *empty);
void wv_decision_list(Req *r, const Decision *d, size_t n, const char *empty);
void wv_interaction_table(Req *r, const char *caption, const Interaction *x, size_t n, const char *empty);

/* wv_task_fields: the fields of a task form (prefix "task_" when inside
 * another form), values from t. */
void wv_task_fields(Req *r, const char *prefix, const TaskText *t, const FormErrors *fe, bool with_status);

/* wv_button_row: the submit button and a link back. */
void wv_button_row(Req *r, const char *label, const char *back_href, const char *back_label);

#endif
