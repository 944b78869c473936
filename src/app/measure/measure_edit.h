/* measure_edit.h: changing measures — the one text form of a measure that
 * forms, the JSON API, CSV/XLSX/JSON import and export all share, its
 * validation, saving with field-level versions, and the version history.
 *
 * A MeasureText holds every field as text (NULL: not given / unchanged):
 *   strategy        slug, '2021-2025' (only when creating)
 *   number          '2.4', '2.4.1' (up to three levels, each 1–999)
 *   title, theme, description, responsible, public_title   free text
 *   goal_area       target-area number within the strategy, or ''
 *   owner           ministry code, or ''
 *   participants    ministry codes separated by commas
 *   status          a code from the status list
 *   priority        high | medium | low (also høy | middels | lav), or ''
 *   start_date, end_date   ISO dates, or ''
 *   progress        0–100;  weight  0–1000;  rollup  plain | weighted
 *   parent          number of the parent measure in the same strategy, or ''
 *   predecessor     'slug:number' of the measure it continues, or ''
 *   development_areas   numbers separated by commas ('1, 3')
 *   directions      'area.position' separated by commas ('1.2, 1.5')
 *   milestones      one per line: '[x] 2026-06-30 Title' or '[ ] - Title'
 *   visibility      public | internal | restricted
 *   exemption_basis a code from the exemption list, or ''
 * Lists are written sorted, so the same measure always gives the same
 * text, and export → import changes nothing.
 */
#ifndef SAMLA_MEASURE_EDIT_H
#define SAMLA_MEASURE_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/measure/measure.h"

enum {
    MF_STRATEGY, MF_NUMBER, MF_TITLE, MF_GOAL_AREA, MF_THEME, MF_DESCRIPTION, MF_OWNER, MF_PARTICIPANTS,
    MF_RESPONSIBLE, MF_STATUS, MF_PRIORITY, MF_START_DATE, MF_END_DATE, MF_PROGRESS, MF_WEIGHT, MF_ROLLUP,
    MF_PARENT, MF_PREDECESSOR, MF_DEVELOPMENT_AREAS, MF_DIRECTIONS, MF_MILESTONES, MF_VISIBILITY,
    MF_EXEMPTION_BASIS, MF_PUBLIC_TITLE, MF_COUNT
};

typedef struct MeasureFieldDef {
    const char *name;      /* CSV column and JSON key */
    const char *label;     /* bokmål label for forms, messages and history */
    bool progress;         /* a progress field: owner ministries' case officers may change it */
} MeasureFieldDef;

extern const MeasureFieldDef g_measure_fields[MF_COUNT];

typedef struct MeasureText {
    const char *v[MF_COUNT];   /* NULL: not given */
} MeasureText;

typedef struct FieldError {
    int field;                 /* MF_ index, or -1 for the whole record */
    const char *msg;           /* bokmål sentence, in the arena */
} FieldError;

/* A measure's versions are the record core's (record.h), with field names
 * and values turned into labels by measure_versions. */
typedef RecordVersion MeasureVersion;

/* measure_field_index: the MF_ index of a field name, or -1. */
int measure_field_index(const char *name);

/* measure_sort_key: the sort key of a number ('2.4.1'), false when the
 * number is malformed. */
bool measure_sort_key(const char *number, int64_t *key);

/* measure_text_get: measure id as v may see it, as text (every field set). */
int measure_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, MeasureText *out, Err *e);

/* measure_validate: check every given field of in (for a new measure when
 * id is 0: strategy, number and title are required).  All problems go to
 * *errs (arena); returns how many. */
size_t measure_validate(Db *db, Arena *a, int64_t id, const MeasureText *in, FieldError **errs);

/* measure_save: create (id 0) or change measure id with the given fields
 * as v, with a comment.  Checks rights (CAP_MEASURE_MANAGE for all fields;
 * a case officer of the owner ministry for progress fields only), validates
 * (E_INVALID with *errs), refuses a stale expect_version (E_CONFLICT; 0:
 * don't check), writes the change, a version row with the field
 * differences and an audit row — in the caller's transaction when one is
 * open, else in its own.  No change, no version.  *out_id gets the id. */
int measure_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const MeasureText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, FieldError **errs, size_t *nerr, Err *e);

/* measure_versions: the history of measure id (newest first) if v may see it. */
int measure_versions(Db *db, Arena *a, const Viewer *v, int64_t id, MeasureVersion **out, size_t *n, Err *e);

/* measure_can_edit / measure_can_report: may v change all fields / the
 * progress fields of m? */
bool measure_can_edit(const Viewer *v);
bool measure_can_report(const Viewer *v, const Measure *m);

#endif
