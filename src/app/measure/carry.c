/* carry.c: see carry.h.
 *
 * The plan is computed the same way for the preview and for carrying it
 * out (plan_build), inside the write transaction in the second case, so
 * what is written is what the plan says.  Every write goes through the
 * models that own it: measure_save (the new measure and the old one's
 * status), record_grant_add, link_add and audit_append.
 */
#include "app/measure/carry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/audit.h"
#include "app/core/link.h"
#include "app/core/record.h"
#include "app/measure/measure_edit.h"
#include "base/buf.h"
#include "base/util.h"

/* A status that ends a measure in its period: it cannot be carried over. */
static bool finished(const char *status)
{
    return str_eq(status, "completed") || str_eq(status, "stopped") || str_eq(status, "continued");
}

static const char *period_text(Arena *a, int64_t start, bool open_ended, int64_t end)
{
    return open_ended ? arena_printf(a, "%lld–", (long long)start)
                      : arena_printf(a, "%lld–%lld", (long long)start, (long long)end);
}

/* The two periods of carrying over into to_id: it and its predecessor. */
static int read_periods(Db *db, Arena *a, int64_t to_id, CarryPlan *p, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT s.slug, s.period_start, s.period_end IS NULL, s.period_end, p.id, p.slug, "
                             "p.period_start, p.period_end IS NULL, p.period_end "
                             "FROM strategy s LEFT JOIN strategy p ON p.id = s.predecessor_id WHERE s.id = ?1");
    db_bind_int(s, 1, to_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        p->to_strategy_id = to_id;
        p->to_slug = db_col_dup(s, 0, a);
        p->to_period = period_text(a, db_col_int(s, 1), db_col_int(s, 2) != 0, db_col_int(s, 3));
        p->from_strategy_id = db_col_int(s, 4);
        p->from_slug = db_col_dup(s, 5, a);
        p->from_period = p->from_strategy_id ? period_text(a, db_col_int(s, 6), db_col_int(s, 7) != 0, db_col_int(s, 8))
                                             : NULL;
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the strategy periods failed");
    }
    if (rc == DB_DONE) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke strategiperioden."));
    }
    return p->from_strategy_id ? 0 : err_set(e, E_NOTFOUND, N_("Strategiperioden har ingen forrige periode å "
                                                                "videreføre tiltak fra."));
}

/* The ids of measures that have been carried over already (some measure
 * names them as its predecessor), among those of strategy_id, sorted. */
static int carried_ids(Db *db, Arena *a, int64_t strategy_id, int64_t **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT DISTINCT c.predecessor_id FROM measure c JOIN measure o ON o.id = c.predecessor_id "
                             "WHERE o.strategy_id = ?1 ORDER BY 1");
    db_bind_int(s, 1, strategy_id);
    size_t len = 0, cap = 0;
    int64_t *ids = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *(int64_t *)arena_push(a, &ids, &len, &cap, sizeof *ids) = db_col_int(s, 0);
    }
    db_done(s);
    *out = ids;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading carried-over measures failed") : 0;
}

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == id) {
            return true;
        }
    }
    return false;
}

/* The measures under parent_id (-1: top level) of strategy_id that can be
 * carried over, in number order. */
static int open_measures(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, int64_t parent_id, Measure **out,
                         size_t *n, Err *e)
{
    int64_t *done;
    size_t ndone;
    MeasureFilter f = {.strategy_id = strategy_id, .parent_id = parent_id, .brief = true};
    Measure *m;
    size_t nm;
    int rc = carried_ids(db, a, strategy_id, &done, &ndone, e);
    if (!rc) {
        rc = measure_list(db, a, v, &f, &m, &nm, e);
    }
    if (rc) {
        return rc;
    }
    size_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        if (!finished(m[i].status) && !has_id(done, ndone, m[i].id)) {
            m[k++] = m[i];
        }
    }
    *out = m;
    *n = k;
    return 0;
}

int measure_carry_candidates(Db *db, Arena *a, const Viewer *v, int64_t to_strategy_id, int64_t *from_strategy_id,
                             Measure **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    *from_strategy_id = 0;
    if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan videreføre tiltak."));
    }
    CarryPlan p = {0};
    int rc = read_periods(db, a, to_strategy_id, &p, e);
    if (rc) {
        return rc;
    }
    *from_strategy_id = p.from_strategy_id;
    return open_measures(db, a, v, p.from_strategy_id, -1, out, n, e);
}

/* The highest N of the numbers "goal.N" in strategy_id. */
static int last_in_goal(const char *const *numbers, size_t n, int goal)
{
    int last = 0;
    for (size_t i = 0; i < n; i++) {
        int g = 0, k = 0, used = 0;
        if (sscanf(numbers[i], "%d.%d%n", &g, &k, &used) == 2 && numbers[i][used] == '\0' && g == goal && k > last) {
            last = k;
        }
    }
    return last;
}

static CarryStep step_of(const Measure *m, int goal, const char *number, bool sub)
{
    return (CarryStep){.from_id = m->id, .from_number = m->number, .title = m->title, .status = m->status,
                       .status_label = m->status_label, .status_label_nn = m->status_label_nn,
                       .status_label_en = m->status_label_en, .owner_code = m->owner_code,
                       .end_date = m->end_date, .goal = goal, .number = number, .sub = sub};
}

/* The plan for choices, as v (who may carry over): checks every choice,
 * numbers each measure after the last "goal.N" of the new period, and
 * puts each parent's open sub-measures right after it. */
static int plan_build(Db *db, Arena *a, const Viewer *v, int64_t to_id, const CarryChoice *choices, size_t n,
                      CarryPlan *p, Err *e)
{
    memset(p, 0, sizeof *p);
    if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan videreføre tiltak."));
    }
    int rc = read_periods(db, a, to_id, p, e);
    if (rc) {
        return rc;
    }
    if (n == 0) {
        return err_set(e, E_INVALID, N_("Velg minst ett tiltak å videreføre."));
    }
    if (n > CARRY_MAX) {
        return err_set(e, E_INVALID, N_("Du kan videreføre høyst %d tiltak om gangen."), CARRY_MAX);
    }
    /* Every choice: a measure that can be carried over, once, to a goal
     * the new period has. */
    Measure *open;
    size_t nopen;
    if ((rc = open_measures(db, a, v, p->from_strategy_id, -1, &open, &nopen, e))) {
        return rc;
    }
    int *goal_of = arena_alloc(a, (nopen ? nopen : 1) * sizeof *goal_of);
    memset(goal_of, 0, (nopen ? nopen : 1) * sizeof *goal_of);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < nopen && open[k].id != choices[i].measure_id) {
            k++;
        }
        if (k == nopen) {
            Measure m;
            if (measure_get(db, a, v, choices[i].measure_id, &m, NULL) || m.strategy_id != p->from_strategy_id) {
                return err_set(e, E_INVALID, N_("Et av de valgte tiltakene finnes ikke i %s."), p->from_period);
            }
            if (m.parent_id) {
                return err_set(e, E_INVALID, N_("Tiltak %s er et deltiltak og videreføres sammen med tiltaket det "
                                                "hører til."), m.number);
            }
            return err_set(e, E_INVALID, N_("Tiltak %s er fullført, stanset eller videreført allerede og kan ikke "
                                            "videreføres."), m.number);
        }
        if (goal_of[k]) {
            return err_set(e, E_INVALID, N_("Tiltak %s er valgt to ganger."), open[k].number);
        }
        Stmt *s = db_prepare(db, "SELECT 1 FROM goal_area WHERE strategy_id = ?1 AND number = ?2");
        db_bind_int(s, 1, to_id);
        db_bind_int(s, 2, choices[i].goal);
        int found = db_step(s);
        db_done(s);
        if (found != DB_ROW) {
            return err_set(e, E_INVALID, N_("Velg et av målene i %s for tiltak %s."), p->to_period, open[k].number);
        }
        goal_of[k] = choices[i].goal;
    }
    /* The numbers taken in the new period. */
    Stmt *s = db_prepare(db, "SELECT number FROM measure WHERE strategy_id = ?1");
    db_bind_int(s, 1, to_id);
    size_t nnum = 0, cap = 0;
    const char **numbers = NULL;
    while ((rc = db_step(s)) == DB_ROW) {
        *(const char **)arena_push(a, &numbers, &nnum, &cap, sizeof *numbers) = db_col_dup(s, 0, a);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the numbers of the new period failed");
    }
    /* Goal by goal, in the old number order. */
    size_t len = 0;
    cap = 0;
    Buf fp = {0};
    for (int goal = 1; goal <= 99; goal++) {
        int next = last_in_goal(numbers, nnum, goal);
        for (size_t k = 0; k < nopen; k++) {
            if (goal_of[k] != goal) {
                continue;
            }
            const char *number = arena_printf(a, "%d.%d", goal, ++next);
            *(CarryStep *)arena_push(a, &p->steps, &len, &cap, sizeof *p->steps) = step_of(&open[k], goal, number, false);
            buf_printf(&fp, "%s%lld:%s", fp.len ? "," : "", (long long)open[k].id, number);
            Measure *subs;
            size_t nsubs;
            if ((rc = open_measures(db, a, v, p->from_strategy_id, open[k].id, &subs, &nsubs, e))) {
                buf_free(&fp);
                return rc;
            }
            for (size_t j = 0; j < nsubs; j++) {
                const char *sn = arena_printf(a, "%s.%zu", number, j + 1);
                *(CarryStep *)arena_push(a, &p->steps, &len, &cap, sizeof *p->steps) = step_of(&subs[j], goal, sn, true);
                buf_printf(&fp, ",%lld:%s", (long long)subs[j].id, sn);
            }
        }
    }
    p->n = len;
    p->fingerprint = arena_strdup(a, buf_str(&fp));
    buf_free(&fp);
    return 0;
}

int measure_carry_plan(Db *db, Arena *a, const Viewer *v, int64_t to_strategy_id, const CarryChoice *choices,
                       size_t n, CarryPlan *out, Err *e)
{
    bool tx = db_read_begin(db);
    int rc = plan_build(db, a, v, to_strategy_id, choices, n, out, e);
    db_read_end(db, tx);
    return rc;
}

/* Only the milestones not yet reached ("[ ] …" lines of the text form). */
static const char *open_milestones(Arena *a, const char *text)
{
    Buf b = {0};
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 4 && strncmp(line, "[ ] ", 4) == 0) {
            buf_printf(&b, "%s%.*s", b.len ? "\n" : "", (int)len, line);
        }
        line = end ? end + 1 : line + len;
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Carry one step over: the new measure, its grants, the old one's status
 * and the link.  parent_number: the new parent's number for a sub-measure. */
static int carry_step(Db *db, Arena *a, const Viewer *v, const char *client, const CarryPlan *p, CarryStep *st,
                      const char *parent_number, Err *e)
{
    MeasureText t;
    int rc = measure_text_get(db, a, v, st->from_id, &t, e);
    if (rc) {
        return rc;
    }
    const char *own_progress = t.v[MF_PROGRESS];
    t.v[MF_STRATEGY] = p->to_slug;
    t.v[MF_NUMBER] = st->number;
    t.v[MF_GOAL_AREA] = arena_printf(a, "%d", st->goal);
    t.v[MF_PARENT] = parent_number ? parent_number : "";
    t.v[MF_PREDECESSOR] = arena_printf(a, "%s:%s", p->from_slug, st->from_number);
    t.v[MF_DEVELOPMENT_AREAS] = "";
    t.v[MF_DIRECTIONS] = "";
    t.v[MF_MILESTONES] = open_milestones(a, t.v[MF_MILESTONES]);
    FieldError *errs;
    size_t nerr;
    rc = measure_save(db, a, v, client, 0, &t, 0, arena_printf(a, "Videreført fra %s: %s", p->from_period, st->from_number),
                      &st->new_id, &errs, &nerr, e);
    if (rc) {
        return rc;
    }
    AccessGrant *g;
    size_t ng;
    if ((rc = record_grants(db, a, v, st->from_id, &g, &ng, e))) {
        return rc;
    }
    for (size_t i = 0; i < ng && !rc; i++) {
        rc = record_grant_add(db, v, client, st->new_id, g[i].ministry_code, g[i].ministry_code ? NULL : g[i].username, e);
    }
    if (rc) {
        return rc;
    }
    MeasureText old = {0};
    old.v[MF_STATUS] = "continued";
    old.v[MF_PROGRESS] = own_progress;   /* kept: «Videreført» is not «Fullført» */
    int64_t same;
    rc = measure_save(db, a, v, client, st->from_id, &old, 0,
                      arena_printf(a, "Videreført til %s: %s", p->to_period, st->number), &same, &errs, &nerr, e);
    return rc ? rc : link_add(db, v, client, st->new_id, st->from_id, "continues", NULL, e);
}

static int carry(Db *db, Arena *a, const Viewer *v, const char *client, int64_t to_id, const CarryChoice *choices,
                 size_t n, const char *expect, CarryPlan *p, Err *e)
{
    int rc = plan_build(db, a, v, to_id, choices, n, p, e);
    if (rc) {
        return rc;
    }
    if (expect && !str_eq(expect, p->fingerprint)) {
        return err_set(e, E_CONFLICT, N_("Tiltaksoversikten er endret siden forhåndsvisningen. Se gjennom "
                                         "videreføringen på nytt."));
    }
    Buf summary = {0};
    const char *parent = NULL;
    for (size_t i = 0; i < p->n && !rc; i++) {
        CarryStep *st = &p->steps[i];
        if (!st->sub) {
            parent = st->number;
        }
        rc = carry_step(db, a, v, client, p, st, st->sub ? parent : NULL, e);
        buf_printf(&summary, "%s%s → %s", i ? ", " : "", st->from_number, st->number);
    }
    if (!rc) {
        char oid[32];
        snprintf(oid, sizeof oid, "%lld", (long long)to_id);
        rc = audit_append(db, v, client, "measure.carry_over", "strategy", oid,
                          arena_printf(a, "%s → %s: %s", p->from_slug, p->to_slug, buf_str(&summary)), e);
    }
    buf_free(&summary);
    return rc;
}

int measure_carry_over(Db *db, Arena *a, const Viewer *v, const char *client, int64_t to_strategy_id,
                       const CarryChoice *choices, size_t n, const char *expect, CarryPlan *out, Err *e)
{
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = db_finish(db, carry(db, a, v, client, to_strategy_id, choices, n, expect, out, e), e);
    if (rc) {
        for (size_t i = 0; i < out->n; i++) {
            out->steps[i].new_id = 0;
        }
    }
    return rc;
}
