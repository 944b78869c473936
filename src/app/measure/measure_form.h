/* measure_form.h: the measure form's fields (measure_form.c), shared by
 * the new and edit pages. */
#ifndef SAMLA_MEASURE_FORM_H
#define SAMLA_MEASURE_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/req.h"
#include "app/measure/measure_edit.h"

/* measure_form_fields: the error summary (every problem of errs, linked to
 * its field) and the fields of a measure filled from t: all of them when
 * full (the secretariat), else status, its comment, progress and
 * milestones (a case officer of the owner).  strategy_id picks the target
 * areas and development areas offered; one_more adds an empty milestone
 * row (the «Legg til milepæl» button). */
void measure_form_fields(Req *r, const MeasureText *t, const FieldError *errs, size_t nerr, int64_t strategy_id,
                         bool full, bool one_more);

/* measure_form_text: the posted form as the measure's text form: the
 * milestone rows joined into its lines, the checked participants and
 * development areas into lists (full forms only; a case officer's form
 * leaves them unchanged). */
void measure_form_text(Req *r, MeasureText *t, bool full);

/* measure_form_more: the form was posted with «Legg til milepæl»: show it
 * again with one more row, save nothing. */
bool measure_form_more(Req *r);

#endif
