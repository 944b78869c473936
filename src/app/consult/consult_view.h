/* consult_view.h: pieces of HTML the consult domain's pages share — form
 * fields with their errors and the error summary, tags for states, the
 * case's own navigation, names in the page's language.  Not part of the
 * door (consult.h); no SQL.  All output goes through html_printf. */
#ifndef SAMLA_CONSULT_VIEW_H
#define SAMLA_CONSULT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/consult/consult.h"
#include "app/core/req.h"

/* An error of a form: the id of its field (NULL: the whole form) and the
 * text, already in the page's language. */
typedef struct FormErrors {
    struct {
        const char *field, *text;
    } v[32];
    size_t n;
} FormErrors;

void cv_add(FormErrors *fe, const char *field, const char *text);

/* cv_problems: the model's problems as form errors; names[field] is the
 * field's id (a problem of field -1 is about the whole form). */
void cv_problems(Req *r, FormErrors *fe, const FormProblem *p, size_t n, const char *const *names);

/* cv_problem_text: a model problem in the page's language, its %s filled. */
const char *cv_problem_text(Req *r, const FormProblem *p);

/* cv_error_text: a model error in the page's language («Noe gikk galt»
 * for database errors); cv_status: its HTTP status. */
const char *cv_error_text(Req *r, const Err *e);
int cv_status(const Err *e);

/* cv_error_summary: the list of errors at the top of a form, each linked
 * to its field; heading «Rett opp før du lagrer» or the one given. */
void cv_error_summary(Req *r, const FormErrors *fe, const char *heading);
const char *cv_error_of(const FormErrors *fe, const char *field);

/* Fields; id is also the name; err from cv_error_of. */
void cv_text(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *type,
             const char *err, bool required);
void cv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
                 int rows, bool required);
void cv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err);
void cv_select_close(Req *r, const char *id, const char *err);
/* cv_code_select: a select of codes with their labels (message ids). */
void cv_code_select(Req *r, const char *id, const char *label, const char *hint, const char *const *codes,
                    const char *(*label_of)(const char *), const char *value, const char *empty, const char *err);
/* cv_radios: one radio per code; the first has the fieldset's id. */
void cv_radios(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
               const char *(*label_of)(const char *), const char *value, const char *err);
/* cv_boxes: one checkbox per code of codes, checked when in the list
 * checked ("a, b"); the first has the fieldset's id. */
void cv_boxes(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
              const char *(*label_of)(const char *), const char *checked, const char *err);
/* cv_ministry_boxes: the same for ministries; why[i] (may be NULL) is a
 * hint under ministry i. */
void cv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *const *why, const char *err);
/* cv_marking: visibility radios, the exemption basis and the public title. */
void cv_marking(Req *r, const char *visibility, const char *basis, const char *public_title, const char *err);

/* cv_form_list: every value of field name in the posted form joined by
 * ", "; cv_in_list: code is an item of list. */
const char *cv_form_list(Req *r, const char *name);
bool cv_in_list(const char *list, const char *code);

/* Names, dates and states in the page's language. */
const char *cv_ministry(Req *r, const char *nb, const char *nn, const char *en);
const char *cv_date(Req *r, const char *iso);
void cv_case_tags(Req *r, const Case *c);
void cv_round_tag(Req *r, const Round *x);
void cv_answer_tag(Req *r, const Answer *x);
/* cv_completeness: «6 av 7 spørsmål er besvart» with a progress bar. */
void cv_completeness(Req *r, const Case *c);
/* cv_round_title: «Departementsforeleggelse: <case>». */
const char *cv_round_title(Req *r, const char *kind, const char *case_title);

/* cv_case_nav: the case's own navigation (the case, the study, the
 * timeline, the history), current marked: "case", "study", "timeline". */
void cv_case_nav(Req *r, const Case *c, const char *current);

/* cv_notice: the page's ?done= notice, unless a shared section of the
 * record (attachments, comments, links) shows it. */
void cv_notice(Req *r);

/* cv_id: the first capture as a record id; false after a 404 page. */
bool cv_id(Req *r, int64_t *id);

#endif
