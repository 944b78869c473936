/* measure.h: measures (tiltak) of a strategy (model).
 *
 * Read-only for now; editing, versions and editions come with the measure
 * overview.  Lists are in measure-number order (1.2 before 1.10).  Strings
 * live in the caller's arena.
 */
#ifndef SAMLA_MEASURE_H
#define SAMLA_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

typedef struct Measure {
    int64_t id;
    int64_t strategy_id;
    const char *strategy_slug;
    const char *strategy_period;  /* '2021–2025' */
    int goal_area_number;         /* 0 when none */
    const char *goal_area_title;  /* NULL when none */
    const char *number;           /* '1.1' */
    const char *title;
    const char *theme;
    const char *description;
    const char *owner_code;       /* NULL when not decided */
    const char *owner_name;
    const char *status;           /* code: not_started, planned, … */
} Measure;

typedef struct MeasureFilter {
    int64_t strategy_id;          /* 0: any */
    int64_t goal_area_id;         /* 0: any */
    const char *owner_code;       /* NULL: any; matches the owner or a participant */
    const char *status;           /* NULL: any */
} MeasureFilter;

/* measure_list: measures matching f (NULL: all), strategy then number order. */
int measure_list(Db *db, Arena *a, const MeasureFilter *f, Measure **out, size_t *n, Err *e);

/* measure_get: by id, or E_NOTFOUND. */
int measure_get(Db *db, Arena *a, int64_t id, Measure *out, Err *e);

/* measure_participants: codes and names of participating ministries, in
 * Norwegian order; out[i*2] is the code, out[i*2+1] the name. */
int measure_participants(Db *db, Arena *a, int64_t id, const char ***out, size_t *n, Err *e);

/* measure_status_label: the bokmål label of a status code ("pågår"), or
 * the code itself when unknown. */
const char *measure_status_label(const char *status);

/* measure_status_valid: true for a known status code. */
int measure_status_valid(const char *status);

#endif
