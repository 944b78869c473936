/* ministry.h: the ministries and SMK (model).
 *
 * Reference data: read-only for now.  Former names are rows of their own
 * with valid_to set, so older records keep the name they were made under.
 * Lists are in Norwegian alphabetical order of the bokmål name.  Strings in
 * a Ministry live in the caller's arena.
 */
#ifndef SAMLA_MINISTRY_H
#define SAMLA_MINISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "app/core/perm.h"
#include "db/db.h"

typedef struct Ministry {
    int64_t id;
    const char *code;            /* KD, HOD, SMK, KMD … */
    const char *name_nb;         /* bokmål name */
    const char *name_nn;         /* nynorsk name */
    const char *name_en;         /* English name */
    const char *valid_from;      /* ISO date or NULL */
    const char *valid_to;        /* ISO date or NULL while current */
    const char *successor_code;  /* code of the row that replaced it, or NULL */
    const char *successor_name;  /* its bokmål name, or NULL */
    const char *successor_name_nn; /* its nynorsk name, or NULL */
    const char *successor_name_en; /* its English name, or NULL */
    bool is_ministry;            /* false for SMK */
    int measure_count;           /* measures it owns that the viewer may see */
} Ministry;

enum {
    MINISTRY_CURRENT = 1,   /* rows with valid_to NULL */
    MINISTRY_FORMER = 2,    /* rows with valid_to set */
    MINISTRY_ALL = 3,
};

/* ministry_list: the ministries selected by which (counts as seen by v), in Norwegian order of
 * name_nb.  *out is an arena array of *n entries. */
int ministry_list(Db *db, Arena *a, const Viewer *v, int which, Ministry **out, size_t *n, Err *e);

/* ministry_get: the ministry with this code (case-insensitive), or
 * E_NOTFOUND. */
int ministry_get(Db *db, Arena *a, const Viewer *v, const char *code, Ministry *out, Err *e);

/* ministry_predecessors: rows whose successor is id (former names). */
int ministry_predecessors(Db *db, Arena *a, const Viewer *v, int64_t id, Ministry **out, size_t *n, Err *e);

#endif
