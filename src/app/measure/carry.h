/* carry.h: carrying measures over from one strategy period to the next
 * (model) — what the secretariat does at a period's end, when the new
 * strategy says that measures started or decided in the previous period
 * are followed up and carried through.
 *
 * A strategy's measures are carried over from its predecessor (strategy
 * predecessor_id): each chosen measure of the earlier period gets a new
 * measure in the new one, under the goal (target-area number) chosen for
 * it and numbered after the measures already there (goal 1: 1.5, 1.6 …).
 * The new measure is a copy of the old one's text form (measure_edit.h)
 * with the new strategy, number and goal, the old measure as its
 * predecessor, the milestones not yet reached, and none of the old
 * strategy's development areas and directions (they belong to that
 * strategy); its marking (visibility, exemption, public title) and access
 * grants are the old one's, so carrying over never widens who may read
 * it.  The old measure keeps its history and progress and gets the status
 * «Videreført» (continued).  A link of type «continues» joins the two
 * (app/core/link.h), so each shows the other.  Sub-measures that are not
 * finished go along under their parent (1.5.1 …); deeper ones stay.
 *
 * A measure can be carried over when it is a top-level measure of the
 * predecessor period, not finished (status completed, stopped or
 * continued) and not carried over already.
 *
 * measure_carry_plan computes what would happen without writing;
 * measure_carry_over computes the same plan and carries it out in one
 * transaction — every new measure with measure_save (version 1 and an
 * audit row), the old one's status change as a version, the grants, the
 * links, and one "measure.carry_over" audit row — or writes nothing.
 * Errors: E_FORBIDDEN (not the secretariat, or a read-only token),
 * E_NOTFOUND (the period has no predecessor), E_INVALID with a bokmål
 * message (nothing chosen, a measure that cannot be carried over, a goal
 * the new period lacks), E_CONFLICT (the plan differs from the preview's).
 */
#ifndef SAMLA_CARRY_H
#define SAMLA_CARRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/measure/measure.h"

enum { CARRY_MAX = 1000 };   /* measures in one carrying over */

/* One choice: carry measure_id over under goal (its number in the new
 * period). */
typedef struct CarryChoice {
    int64_t measure_id;
    int goal;
} CarryChoice;

/* One measure in a plan. */
typedef struct CarryStep {
    int64_t from_id;              /* the measure carried over */
    const char *from_number;      /* its number in the earlier period: '1.7' */
    const char *title;            /* its title */
    const char *status;           /* its status code, kept by the new measure */
    const char *status_label;     /* bokmål label of that status */
    const char *status_label_nn, *status_label_en;   /* NULL: as bokmål */
    const char *owner_code;       /* NULL: not decided */
    const char *end_date;         /* its deadline, kept; NULL: none */
    int goal;                     /* the goal in the new period */
    const char *number;           /* its number in the new period: '1.5', or '1.5.1' for a sub-measure */
    bool sub;                     /* a sub-measure going along with its parent (the step before it) */
    int64_t new_id;               /* measure_carry_over: the new measure; 0 in a plan */
} CarryStep;

typedef struct CarryPlan {
    int64_t from_strategy_id, to_strategy_id;
    const char *from_slug, *from_period;   /* '2021-2025', '2021–2025' */
    const char *to_slug, *to_period;       /* '2025', '2025–' */
    CarryStep *steps;             /* in the order carried out: each parent followed by its sub-measures */
    size_t n;
    const char *fingerprint;      /* "id:number,…" of every step: what the preview promised */
} CarryPlan;

/* measure_carry_candidates: the measures of to_strategy_id's predecessor
 * that can be carried over (see above), in number order (brief rows, see
 * MeasureFilter.brief), for v (the secretariat: E_FORBIDDEN otherwise).
 * Sets *from_strategy_id (E_NOTFOUND when the period has no predecessor). */
int measure_carry_candidates(Db *db, Arena *a, const Viewer *v, int64_t to_strategy_id, int64_t *from_strategy_id,
                             Measure **out, size_t *n, Err *e);

/* measure_carry_plan: what carrying choices[0..n) over into
 * to_strategy_id would do, without writing anything. */
int measure_carry_plan(Db *db, Arena *a, const Viewer *v, int64_t to_strategy_id, const CarryChoice *choices,
                       size_t n, CarryPlan *out, Err *e);

/* measure_carry_over: carry choices[0..n) over as v, in one transaction.
 * expect (NULL: don't check) is the fingerprint of the plan v saw; when
 * the plan is different now (someone carried or numbered measures since),
 * E_CONFLICT and nothing is written.  *out is the plan carried out, with
 * the new ids. */
int measure_carry_over(Db *db, Arena *a, const Viewer *v, const char *client, int64_t to_strategy_id,
                       const CarryChoice *choices, size_t n, const char *expect, CarryPlan *out, Err *e);

#endif
