/* edition.h: published editions of the measure overview (tiltaksoversikt)
 * and the comparison between them (model).
 *
 * An edition is a frozen snapshot (table edition, migration 004) of EVERY
 * measure of one strategy as it stood when the secretariat published it,
 * whatever the measure's visibility.  Each snapshot item keeps its marking
 * (visibility, exemption basis, public title), so what a viewer may see of
 * an edition is decided again every time it is read, by edition_visible —
 * the C twin of the SQL rule in access.h.  Restricted measures shared
 * through access_grant are looked up in the live table when reading.
 *
 * Nothing a viewer may not see leaves this module: lists, counts and
 * comparisons are built from the filtered items only, and masked items
 * carry their public title in place of the title.
 *
 * All strings and arrays live in the caller's arena.  Errors: E_NOTFOUND,
 * E_INVALID and E_FORBIDDEN carry a bokmål sentence for the user; E_DB an
 * English one for the log.
 */
#ifndef SAMLA_EDITION_H
#define SAMLA_EDITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/textform.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

enum {
    EDITION_PROGRESS_JUMP = 20,   /* a progress change of at least this many percentage points is reported */
    EDITION_TITLE_MAX = 200,      /* characters */
    EDITION_NOTE_MAX = 2000,      /* characters, multiline */
};

/* One measure in a snapshot. */
typedef struct EditionItem {
    int64_t id;                   /* the measure's id (stable across editions) */
    const char *number;           /* '2.4' */
    const char *title;            /* after edition_filter: as the viewer may see it (public title when masked) */
    const char *public_title;     /* NULL when none */
    const char *status;           /* code */
    const char *status_label;     /* 'Pågår' as it was then */
    const char *priority;         /* high, medium, low; NULL: not set */
    const char *owner_code;       /* NULL: not decided */
    const char *owner_name;       /* NULL: not decided */
    const char *end_date;         /* ISO date (the deadline); NULL: not set */
    int progress;                 /* percent; for parents rolled up over the sub-measures the viewer may see */
    int own_progress;             /* the measure's own percent, before roll-up */
    int weight;                   /* weight in the parent's roll-up */
    bool weighted;                /* this parent rolls up by weight */
    int goal_area;                /* target-area number; 0: none */
    const char *parent;           /* the parent's number; NULL: top level */
    int64_t predecessor;          /* the measure of an earlier period it continues; 0: none */
    const char *predecessor_label;/* that measure as '2021–2025: 1.7'; NULL: none */
    const char *visibility;       /* public, internal, restricted */
    const char *exemption_basis;  /* code; NULL: not exempt */
    bool granted;                 /* the viewer has an access_grant for it (live); set before edition_visible */
    bool masked;                  /* the viewer sees only the public title */
    const struct MilestoneRow *milestones; /* the milestones as published, in order */
    size_t nmilestones;
    bool has_milestones;          /* the snapshot records milestones (editions made before it did not) */
} EditionItem;

typedef struct Edition {
    int64_t id;                   /* also its number in order */
    int64_t strategy_id;
    const char *strategy_slug;    /* '2021-2025' */
    const char *strategy_period;  /* '2021–2025' */
    const char *title;
    const char *published_at;     /* ISO time (UTC) */
    const char *published_date;   /* its ISO date part, for view_date */
    const char *published_by;     /* full name of the publisher; NULL when unknown */
    const char *approval_note;    /* "" when none */
    int64_t prev_id;              /* the previous edition of the same strategy, or for a period's first
                                   * edition the last one of the period before; 0: none */
    bool prev_across;             /* prev_id is an edition of the period before */
    EditionItem *items;           /* the measures the viewer may see, number order; NULL in lists */
    size_t nitems;
} Edition;

typedef enum ChangeKind {
    CHANGE_NEW,                   /* «Nye tiltak» */
    CHANGE_CONTINUED,             /* «Videreført fra forrige periode»: new here, continuing a measure of an
                                   * earlier period (from: its id, from_label: '2021–2025: 1.7', "" when the
                                   * viewer may not read it) */
    CHANGE_REMOVED,               /* «Fjernede tiltak»; between two periods «Ikke videreført» (finished, or
                                   * not carried over) */
    CHANGE_PRIORITY,              /* «Endret prioritet» */
    CHANGE_OWNER,                 /* «Endret ansvarlig» */
    CHANGE_STATUS,                /* «Endret status» */
    CHANGE_DEADLINE,              /* «Endret frist» */
    CHANGE_PROGRESS,              /* «Stor endring i fremdrift» */
    CHANGE_KINDS
} ChangeKind;

/* Stable codes (API keys) and bokmål headings (msgids) of the kinds, in order. */
extern const char *const g_change_codes[CHANGE_KINDS];
extern const char *const g_change_headings[CHANGE_KINDS];

typedef struct Change {
    int64_t id;                   /* the measure */
    const char *number;
    const char *title;            /* as the viewer may see it (the newer side's) */
    const char *from, *to;        /* raw values (code, ISO date, percent); NULL: not set or not there */
    const char *from_label;       /* bokmål ('Pågår', 'Høy', owner name, '40 %'); "" when from is NULL */
    const char *to_label;
} Change;

typedef struct Comparison {
    Edition from;                 /* the older side (items filtered for the viewer) */
    Edition to;                   /* the newer side; id 0: the live measures now */
    Change *changes[CHANGE_KINDS];/* per kind, in measure-number order */
    size_t n[CHANGE_KINDS];
    size_t total;                 /* sum of n */
    bool across;                  /* from is an edition of the period before to's */
} Comparison;

/* edition_visible: may v see snapshot item it — the rule of access.h:
 * public and not exempt: everyone; public, exempt, with a public title:
 * everyone, masked for viewers without CAP_READ_INTERNAL; public or
 * internal: CAP_READ_INTERNAL; restricted: signed-in users of the owner
 * ministry or with it->granted; everything: CAP_READ_ALL_MEASURES.
 * *masked is set when v may see only the public title.  One deliberate
 * difference from the SQL: a masked item without a public title is never
 * visible (SQL would show a blank title). */
bool edition_visible(const Viewer *v, const EditionItem *it, bool *masked);

/* edition_snapshot_parse: the items of a snapshot (JSON text of len
 * bytes) into *out (arena), unfiltered, in stored order.  E_INVALID when
 * it is not an array of measure objects. */
int edition_snapshot_parse(Arena *a, const char *json, size_t len, EditionItem **out, size_t *n, Err *e);

/* edition_filter: keep in place only the items v may see (edition_visible,
 * using each item's granted flag), with masked ones titled by their public
 * title; *n becomes the new count. */
void edition_filter(const Viewer *v, EditionItem *items, size_t *n);

/* edition_diff: the changes between two filtered item lists (matched by
 * id) into out->changes / n / total; out->from, out->to and out->across
 * are untouched.  An item of to that is not in from but continues a
 * measure (predecessor) is CHANGE_CONTINUED, and the measure it continues
 * is not «removed».  O(n log n), no database. */
void edition_diff(Arena *a, const EditionItem *from, size_t nfrom, const EditionItem *to, size_t nto,
                  Comparison *out);

/* edition_publish_at: edition_publish with the publication time given
 * (ISO UTC time; NULL: now).  For the demo, whose editions were
 * published before the day it was made. */
int edition_publish_at(Db *db, Arena *a, const Viewer *v, const char *client, int64_t strategy_id,
                       const char *title, const char *approval_note, const char *published_at, int64_t *id, Err *e);

/* edition_publish: freeze every measure of strategy_id as a new edition,
 * as v (needs CAP_MEASURE_MANAGE and a token that is not read-only), with
 * title (1–EDITION_TITLE_MAX characters, one line) and approval_note (""
 * or NULL: none; up to EDITION_NOTE_MAX, multiline), both checked with
 * content_check_text.  The snapshot, the edition row and an audit row
 * "edition.publish" are written in one transaction; *id gets the new id. */
int edition_publish(Db *db, Arena *a, const Viewer *v, const char *client, int64_t strategy_id, const char *title,
                    const char *approval_note, int64_t *id, Err *e);

/* The fields of the publishing form, as FormProblem.field. */
enum { EDITION_FIELD_TITLE, EDITION_FIELD_NOTE };

/* edition_publish_problems: every problem of a title and approval note at
 * once (bokmål message ids) into *out; returns how many. */
size_t edition_publish_problems(Arena *a, const char *title, const char *note, FormProblem **out);

/* What publishing a new edition would do, for the confirmation page. */
typedef struct EditionPreview {
    EditionItem *public_items;    /* the measures as the public will see them, number order */
    size_t npublic;
    bool has_previous;            /* the strategy has an edition already */
    Comparison changes;           /* has_previous: from its latest edition to the live measures, as v sees them */
} EditionPreview;

/* edition_preview: what edition_publish with these arguments would
 * publish, without writing: the same checks (E_FORBIDDEN, E_INVALID), the
 * items the public will see and the changes since the latest edition. */
int edition_preview(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, const char *title, const char *note,
                    EditionPreview *out, Err *e);

/* edition_list: editions of strategy_id (0: all), newest first, without
 * items.  Editions themselves are public. */
int edition_list(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, Edition **out, size_t *n, Err *e);

/* edition_get: edition id with the items v may see, or E_NOTFOUND. */
int edition_get(Db *db, Arena *a, const Viewer *v, int64_t id, Edition *out, Err *e);

/* edition_latest: the newest edition of strategy_id as edition_get, or
 * E_NOTFOUND when it has none. */
int edition_latest(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, Edition *out, Err *e);

/* edition_compare: what changed between edition from_id and edition to_id
 * (0: the live measures now, read with measure_list as v), as v may see
 * both sides.  The two belong to one strategy, or from to the period
 * before to's (across: a new period's first edition against the last
 * one's final edition); else E_INVALID.  E_NOTFOUND for an unknown
 * edition.  Each snapshot is parsed once; a continued measure's
 * predecessor is named only when v may read it (one statement). */
int edition_compare(Db *db, Arena *a, const Viewer *v, int64_t from_id, int64_t to_id, Comparison *out, Err *e);

#endif
