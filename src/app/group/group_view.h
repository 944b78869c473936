/* group_view.h: pieces of HTML the group domain's pages share — form
 * fields with their errors, the error summary, the domain's own tabs,
 * names in the page's language.  Not part of the door (group.h); no SQL.
 * All output goes through html_printf. */
#ifndef SAMLA_GROUP_VIEW_H
#define SAMLA_GROUP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/req.h"
#include "app/group/group.h"

/* An error of a form: the id of its field ("" or NULL: the whole form)
 * and the text, already in the page's language. */
typedef struct FormError {
    const char *field;
    const char *text;
} FormError;

typedef struct FormErrors {
    FormError v[24];
    size_t n;
} FormErrors;

/* gv_add: add an error (text already translated); ignored when full. */
void gv_add(FormErrors *fe, const char *field, const char *text);

/* gv_msg: a model message (a message id with at most one %s, filled with
 * arg) in the page's language; without arg, a formatted model message
 * (TMSG). */
const char *gv_msg(Req *r, const char *msg, const char *arg);

/* gv_model_error: e's message in the page's language ("Noe gikk galt" for
 * database errors). */
const char *gv_model_error(Req *r, const Err *e);

/* gv_status: the HTTP status of a model error. */
int gv_status(const Err *e);

/* gv_error_summary: the error summary at the top of a form (nothing when
 * fe is empty): every error, linking to its field. */
void gv_error_summary(Req *r, const FormErrors *fe);

/* gv_error_of: the first error of field, or NULL. */
const char *gv_error_of(const FormErrors *fe, const char *field);

/* Fields.  id is also the name; value "" when none; err from gv_error_of. */
void gv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
                 int rows, bool required);
void gv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err);
void gv_select_close(Req *r, const char *err, const char *id);
void gv_step_select(Req *r, const char *id, const char *label, const char *hint, int value, const char *err,
                    bool allow_none);
void gv_ministry_select(Req *r, const char *id, const char *label, const char *hint, const MinistryOption *m,
                        size_t n, const char *value, const char *empty, const char *err);

/* gv_ministry_boxes: a fieldset of checkboxes, one per ministry, checked
 * when its code is in the list checked ("KD, BFD"); the first box has the
 * fieldset's id, so the error summary can link to it. */
void gv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *err);

/* gv_visibility: radios for public, internal and restricted. */
void gv_visibility(Req *r, const char *value, const char *hint);

/* gv_form_list: the values of every field called name in the posted
 * form, joined by ", " ("" when none). */
const char *gv_form_list(Req *r, const char *name);

/* gv_in_list: code is one of the items of list ("KD, BFD"). */
bool gv_in_list(const char *list, const char *code);

/* gv_step: "2 – Felles problemforståelse" in the page's language; "–" for
 * no step. */
const char *gv_step(Req *r, int step);

/* gv_step_short: "2 Problemforståelse". */
const char *gv_step_short(Req *r, int step);

/* gv_year_ago: the same day a year before iso (28 February for 29
 * February), in r's arena. */
const char *gv_year_ago(Req *r, const char *iso);

/* gv_tabs: the group domain's own navigation (groups, the ladder,
 * problems), current marked. */
void gv_tabs(Req *r, const char *current);

/* gv_tags: the tags of a group in a list or heading: overdue, closed,
 * restricted or internal. */
void gv_group_tags(Req *r, const Group *g);

/* gv_visibility_tag: «Begrenset tilgang» / «Intern» as a tag for a
 * record's marking (nothing for public). */
void gv_visibility_tag(Req *r, const Record *rec);

/* gv_record_id: the record id in what a person typed as evidence: a number
 * ("12"), or the address of a record page ("/measures/12",
 * "https://…/groups/7").  0 when there is none; -1 when it is not one. */
long long gv_record_id(const char *s);

/* gv_ladder_chart: the step chart of group g's own steps and targets
 * (the rows of c[0..n) without a ministry), drawn up to today (or the day
 * it closed), with a table of the same numbers right after it; id is
 * unique on the page.  Nothing when the group has never been on the
 * ladder. */
void gv_ladder_chart(Req *r, const Group *g, const LadderChange *c, size_t n, const char *id);

#endif
