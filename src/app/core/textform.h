/* textform.h: helpers for a kind's text form — every field of a record as
 * text, the one shape that forms, the API, import, export and the version
 * history share (measure_edit.h, group.h).
 *
 * A kind keeps its fields as an array of strings indexed by its own enum;
 * these helpers split and normalise list fields and compute the field
 * changes a save writes as a version (record_version_add).
 */
#ifndef SAMLA_TEXTFORM_H
#define SAMLA_TEXTFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/record.h"
#include "base/arena.h"

/* A problem with one field of a form, or with the whole form (field -1):
 * what a kind's *_save reports, every problem at once, for the pages (an
 * error summary linked to the fields) and the API (error.problems). */
typedef struct FormProblem {
    int field;                 /* index of the field in the kind's text form, -1: the whole form */
    const char *msg;           /* bokmål message id, with at most one %s for arg */
    const char *arg;           /* NULL: none */
} FormProblem;

/* text_split: the items of s separated by sep, each trimmed of blanks,
 * empty ones dropped, copied into a; returns how many. */
size_t text_split(Arena *a, const char *s, char sep, const char ***out);

/* text_canon_list: the items of the comma-separated list s sorted (byte
 * order), without duplicates, joined by ", "; upper case when upper (for
 * ministry codes).  NULL stays NULL. */
const char *text_canon_list(Arena *a, const char *s, bool upper);

/* text_diff: the fields k in [0, n) whose text differs between was[k] and
 * now[k] (NULL counts as ""), as FieldChanges named names[k], into out
 * (room for n); skips k where skip && skip[k].  Returns how many. */
size_t text_diff(const char *const *names, const char *const *was, const char *const *now, size_t n,
                 const bool *skip, FieldChange *out);

#endif
