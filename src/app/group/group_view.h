/* group_view.h: pieces of HTML the group domain's pages share — form
 * fields with their errors, the error summary, the domain's own tabs,
 * names in the page's language.  Not part of the door (group.h); no SQL.
 * All output goes through html_printf. */
#ifndef SAMLA_GROUP_VIEW_H
#define SAMLA_GROUP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/form_view.h"
#include "app/core/req.h"
#include "app/group/group.h"

void gv_step_select(Req *r, const char *id, const char *label, const char *hint, int value, const char *err,
                    bool allow_none);
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
