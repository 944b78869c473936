/* form_view.h: the pieces of HTML every form in samla is made of — form
 * errors and the error summary that links to each field, text fields,
 * text areas, selects, radios, checkboxes, ministry checkboxes and the
 * record's marking (who may read it, exemption basis, public title).
 *
 * One implementation, so every form labels, describes and marks errors the
 * same way (Designsystemet markup; aria-describedby to the hint and the
 * error, aria-invalid on a field in error; the first input of a fieldset
 * has the fieldset's id, so the summary can link to it).  Output goes
 * through html_printf; labels and hints are already in the page's language.
 * No SQL except through the door functions it calls (the exemption bases).
 *
 * Form handling pattern: the model reports every problem at once as
 * FormProblem rows (core/textform.h); fv_problems turns them into
 * FormErrors with the page's field ids; the page shows fv_error_summary at
 * the top of the form and gives each field fv_error_of(fe, id). */
#ifndef SAMLA_FORM_VIEW_H
#define SAMLA_FORM_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/record.h"
#include "app/core/req.h"
#include "app/core/textform.h"

/* The errors of a form: the id of each one's field (NULL or "": the whole
 * form) and its text, already in the page's language. */
typedef struct FormError {
    const char *field;
    const char *text;
} FormError;

typedef struct FormErrors {
    FormError v[32];
    size_t n;
} FormErrors;

/* fv_add: add an error (text already translated); ignored when full. */
void fv_add(FormErrors *fe, const char *field, const char *text);

/* fv_msg: a model message id with at most one %s, filled with arg, in the
 * page's language; without arg, a formatted model message (TMSG).  "" for
 * NULL. */
const char *fv_msg(Req *r, const char *msg, const char *arg);

/* fv_problem_text: a model problem in the page's language. */
const char *fv_problem_text(Req *r, const FormProblem *p);

/* fv_problems: the model's problems as form errors; names[field] is the
 * field's id (a problem of field -1 is about the whole form). */
void fv_problems(Req *r, FormErrors *fe, const FormProblem *p, size_t n, const char *const *names);

/* fv_error_text: a model error in the page's language («Noe gikk galt …»
 * for database errors); fv_status: its HTTP status. */
const char *fv_error_text(Req *r, const Err *e);
int fv_status(const Err *e);

/* fv_error_summary: every error at the top of a form, each linked to its
 * field (nothing when there are none); heading NULL: «Rett opp før du
 * lagrer». */
void fv_error_summary(Req *r, const FormErrors *fe, const char *heading);

/* fv_error_of: the first error of field, or NULL. */
const char *fv_error_of(const FormErrors *fe, const char *field);

/* Fields.  id is also the name; value NULL or "" when none; hint NULL for
 * none; err from fv_error_of.  type of fv_text: "text", "date", "email",
 * "number", "url", "time" …(NULL: "text"). */
void fv_text(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *type,
             const char *err, bool required);
void fv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
                 int rows, bool required);

/* A select: fv_select_open, then view_option for each option, then
 * fv_select_close. */
void fv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err);
void fv_select_close(Req *r, const char *id, const char *err);

/* fv_code_select: a select of codes (NULL-terminated) with their labels
 * (message ids, translated here); empty (may be NULL) is the label of a
 * first option with the value "". */
void fv_code_select(Req *r, const char *id, const char *label, const char *hint, const char *const *codes,
                    const char *(*label_of)(const char *), const char *value, const char *empty, const char *err);

/* fv_ministry_select: a select of ministries by code, names in the page's
 * language. */
void fv_ministry_select(Req *r, const char *id, const char *label, const char *hint, const MinistryOption *m,
                        size_t n, const char *value, const char *empty, const char *err);

/* fv_radios / fv_boxes: one radio or checkbox per code (NULL-terminated),
 * the first with the fieldset's id; a box is checked when its code is an
 * item of the list checked ("a, b"). */
void fv_radios(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
               const char *(*label_of)(const char *), const char *value, const char *err);
void fv_boxes(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
              const char *(*label_of)(const char *), const char *checked, const char *err);

/* fv_ministry_boxes: a checkbox per ministry, checked when its code is in
 * checked ("KD, BFD"); why[i] (why NULL, or why[i] NULL: none) is a hint
 * under ministry i. */
void fv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *const *why, const char *err);

/* fv_visibility: radios for public, internal and restricted (the field
 * "visibility"); restricted_help says who reads a restricted record of
 * this kind. */
void fv_visibility(Req *r, const char *value, const char *hint, const char *restricted_help, const char *err);

/* fv_marking: fv_visibility, then the exemption basis (offentleglova; the
 * field "exemption_basis", basis_hint NULL: the general hint) and the
 * public title (the field "public_title"). */
void fv_marking(Req *r, const char *visibility, const char *basis, const char *public_title,
                const char *restricted_help, const char *basis_hint, const char *err);

/* fv_form_list: every non-empty value of field name in the posted form,
 * joined by ", " ("" when none); fv_in_list: code is an item of list. */
const char *fv_form_list(Req *r, const char *name);
bool fv_in_list(const char *list, const char *code);

#endif
