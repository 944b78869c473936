/* figure_int.h: what the figure domain's model files share (not a door:
 * nobody outside src/app/figure includes it). */
#ifndef SAMLA_FIGURE_INT_H
#define SAMLA_FIGURE_INT_H

#include "app/figure/figure.h"

#define KIND_INDICATOR "indicator"
#define KIND_SERVICE "service"

/* The code the community as a whole has in imports and exports. */
#define FIG_ALL "ALLE"

/* fig_parse_number: a decimal number with '.' or ',' (spaces between
 * thousands allowed), finite. */
bool fig_parse_number(const char *s, double *out);

/* fig_ministry_id: the id of ministry code (any ministry, former ones
 * too); 0 for NULL, "" and FIG_ALL (the community); -1 when unknown. */
int64_t fig_ministry_id(Db *db, const char *code);

/* fig_can_manage: v keeps the key figures (the secretariat). */
bool fig_can_manage(const Viewer *v);

/* fig_value_write: set the value of indicator ind for ministry_id (0: the
 * community) and period inside the caller's transaction; source or note
 * NULL keeps what is stored ("" for a new value).  *ch gets the
 * field change for the indicator's version (field NULL when the value is
 * unchanged), strings in a; *act, *had and *old what it found. */
int fig_value_write(Db *db, Arena *a, const Viewer *v, int64_t ind, int64_t ministry_id, const char *mcode,
                    const char *period, double value, const char *source, const char *note, FieldChange *ch,
                    FigureAction *act, bool *had, double *old, Err *e);

/* fig_num_text: a value as it is written into the history and exports
 * ('4637', '47.3'): the shortest text that reads back as the same double. */
const char *fig_num_text(Arena *a, double x);

#endif
