/* consult_view.h: pieces of HTML the consult domain's pages share — form
 * fields with their errors and the error summary, tags for states, the
 * case's own navigation, names in the page's language.  Not part of the
 * door (consult.h); no SQL.  All output goes through html_printf. */
#ifndef SAMLA_CONSULT_VIEW_H
#define SAMLA_CONSULT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/consult/consult.h"
#include "app/core/form_view.h"
#include "app/core/req.h"

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
