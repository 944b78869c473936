/* community.c: see figure.h — what samla knows about how the ministries
 * work together, computed from its own records: groups (group_ministry),
 * consultations (consult_round, consult_answer) and the coordination
 * ladder (ladder_change) and goal interactions (interaction: the
 * registering ministry against the ministry whose goal it may affect).
 * Every count joins the record it comes from and filters with ACCESS, so a
 * viewer counts only what they may read; the pages say so.
 */
#include <stdlib.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/figure/figure_int.h"
#include "base/util.h"

static int read_ministries(Db *db, Arena *a, CommunityMinistry **out, size_t *n, Err *e)
{
    MinistryOption *m;
    int rc = record_ministry_options(db, a, &m, n, e);
    if (rc) {
        return rc;
    }
    *out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        (*out)[i] = (CommunityMinistry){m[i].code, m[i].name, m[i].name_nn, m[i].name_en};
    }
    return 0;
}

static int index_of(const CommunityMinistry *m, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++) {
        if (str_eq(m[i].code, code)) {
            return (int)i;
        }
    }
    return -1;
}

/* Pairs (a, b, count) from sql into cell[a*n+b] (and [b*n+a] when sym). */
static int fill(Db *db, const Viewer *v, const char *sql, const CommunityMinistry *m, size_t n, int *cell, bool sym,
                int *cell2, Err *e)
{
    Stmt *s = db_prepare(db, sql);
    access_bind(s, v);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        int i = index_of(m, n, db_col_text(s, 0)), j = index_of(m, n, db_col_text(s, 1));
        if (i < 0 || j < 0) {
            continue;
        }
        cell[i * (int)n + j] += (int)db_col_int(s, 2);
        if (sym && i != j) {
            cell[j * (int)n + i] += (int)db_col_int(s, 2);
        }
        if (cell2) {
            cell2[i * (int)n + j] += (int)db_col_int(s, 3);
        }
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

/* Seriation: start with the busiest ministry and keep taking the one
 * most tied to the last one placed, so partners sit side by side. */
static void order(Arena *a, CommunityMatrix *cm)
{
    size_t n = cm->n;
    int *tie = arena_alloc(a, (n * n + 1) * sizeof *tie), *total = arena_alloc(a, (n ? n : 1) * sizeof *total);
    for (size_t i = 0; i < n; i++) {
        total[i] = 0;
        for (size_t j = 0; j < n; j++) {
            tie[i * n + j] = cm->groups[i * n + j] + cm->consult[i * n + j] + cm->consult[j * n + i] +
                             cm->interactions[i * n + j] + cm->interactions[j * n + i];
            total[i] += i == j ? 0 : tie[i * n + j];
        }
    }
    size_t *perm = arena_alloc(a, (n ? n : 1) * sizeof *perm);
    bool *used = arena_alloc(a, (n ? n : 1) * sizeof *used);
    memset(used, 0, (n ? n : 1) * sizeof *used);
    for (size_t k = 0; k < n; k++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (used[i]) {
                continue;
            }
            int score = k ? tie[perm[k - 1] * n + i] : total[i];
            int bscore = best == n ? -1 : k ? tie[perm[k - 1] * n + best] : total[best];
            if (best == n || score > bscore || (score == bscore && total[i] > total[best])) {
                best = i;
            }
        }
        perm[k] = best;
        used[best] = true;
    }
    CommunityMinistry *m = arena_alloc(a, (n ? n : 1) * sizeof *m);
    int *g = arena_alloc(a, (n * n + 1) * sizeof *g), *c = arena_alloc(a, (n * n + 1) * sizeof *c),
        *an = arena_alloc(a, (n * n + 1) * sizeof *an), *in = arena_alloc(a, (n * n + 1) * sizeof *in);
    for (size_t i = 0; i < n; i++) {
        m[i] = cm->m[perm[i]];
        for (size_t j = 0; j < n; j++) {
            g[i * n + j] = cm->groups[perm[i] * n + perm[j]];
            c[i * n + j] = cm->consult[perm[i] * n + perm[j]];
            an[i * n + j] = cm->answered[perm[i] * n + perm[j]];
            in[i * n + j] = cm->interactions[perm[i] * n + perm[j]];
        }
    }
    cm->m = m;
    cm->groups = g;
    cm->consult = c;
    cm->answered = an;
    cm->interactions = in;
}

int community_matrix(Db *db, Arena *a, const Viewer *v, CommunityMatrix *out, Err *e)
{
    *out = (CommunityMatrix){0};
    int rc = read_ministries(db, a, &out->m, &out->n, e);
    if (rc) {
        return rc;
    }
    size_t cells = out->n * out->n + 1;
    out->groups = arena_alloc(a, cells * sizeof(int));
    out->consult = arena_alloc(a, cells * sizeof(int));
    out->answered = arena_alloc(a, cells * sizeof(int));
    memset(out->groups, 0, cells * sizeof(int));
    memset(out->consult, 0, cells * sizeof(int));
    memset(out->answered, 0, cells * sizeof(int));
    out->interactions = arena_alloc(a, cells * sizeof(int));
    memset(out->interactions, 0, cells * sizeof(int));
    rc = fill(db, v,
              "SELECT m1.code, m2.code, count(DISTINCT g1.group_id) FROM group_ministry g1 "
              "JOIN group_ministry g2 ON g2.group_id = g1.group_id AND g2.ministry_id >= g1.ministry_id "
              "AND g2.left_on IS NULL JOIN ministry m1 ON m1.id = g1.ministry_id JOIN ministry m2 ON "
              "m2.id = g2.ministry_id JOIN record r ON r.id = g1.group_id WHERE g1.left_on IS NULL AND " ACCESS("r")
              " GROUP BY 1, 2",
              out->m, out->n, out->groups, true, NULL, e);
    if (!rc) {
        rc = fill(db, v,
                  "SELECT lm.code, am.code, count(*), count(x.answered_on) FROM consult_answer x "
                  "JOIN record ar ON ar.id = x.id JOIN record rr ON rr.id = x.round_id "
                  "JOIN ministry lm ON lm.id = rr.owner_ministry_id JOIN ministry am ON am.id = x.ministry_id "
                  "WHERE " ACCESS("ar") " GROUP BY 1, 2",
                  out->m, out->n, out->consult, false, out->answered, e);
    }
    if (!rc) {
        /* [i][j]: interactions ministry i registered against a goal of ministry j */
        rc = fill(db, v,
                  "SELECT om.code, gm.code, count(*) FROM interaction x JOIN record r ON r.id = x.id "
                  "JOIN ministry om ON om.id = r.owner_ministry_id JOIN ministry_goal g ON g.id = x.goal_id "
                  "JOIN ministry gm ON gm.id = g.ministry_id WHERE " ACCESS("r") " GROUP BY 1, 2",
                  out->m, out->n, out->interactions, false, NULL, e);
    }
    if (rc) {
        return rc;
    }
    order(a, out);
    for (size_t i = 0; i < out->n; i++) {
        for (size_t j = 0; j < out->n; j++) {
            int x = out->groups[i * out->n + j] + out->consult[i * out->n + j];
            if (i != j && x > out->max) {
                out->max = x;
            }
        }
    }
    return 0;
}

static int cmp_double(const void *x, const void *y)
{
    double p = *(const double *)x, q = *(const double *)y;
    return (p > q) - (p < q);
}

int community_answer_times(Db *db, Arena *a, const Viewer *v, AnswerTime **out, size_t *n, Err *e)
{
    CommunityMinistry *m;
    size_t nm;
    int rc = read_ministries(db, a, &m, &nm, e);
    if (rc) {
        return rc;
    }
    AnswerTime *t = arena_alloc(a, (nm ? nm : 1) * sizeof *t);
    double **days = arena_alloc(a, (nm ? nm : 1) * sizeof *days);
    for (size_t i = 0; i < nm; i++) {
        t[i] = (AnswerTime){.code = m[i].code, .name = m[i].name, .name_nn = m[i].name_nn, .name_en = m[i].name_en,
                            .median_days = -1};
        days[i] = NULL;
    }
    size_t *nd = arena_alloc(a, (nm ? nm : 1) * sizeof *nd), *cd = arena_alloc(a, (nm ? nm : 1) * sizeof *cd);
    memset(nd, 0, (nm ? nm : 1) * sizeof *nd);
    memset(cd, 0, (nm ? nm : 1) * sizeof *cd);
    Stmt *s = db_prepare(db, "SELECT am.code, x.answered_on IS NOT NULL, "
                             "julianday(x.answered_on) - julianday(cr.sent_on), "
                             "x.answered_on <= ifnull(x.deadline, cr.deadline) "
                             "FROM consult_answer x JOIN record ar ON ar.id = x.id "
                             "JOIN consult_round cr ON cr.id = x.round_id JOIN ministry am ON am.id = x.ministry_id "
                             "WHERE " ACCESS("ar"));
    access_bind(s, v);
    while ((rc = db_step(s)) == DB_ROW) {
        int i = index_of(m, nm, db_col_text(s, 0));
        if (i < 0) {
            continue;
        }
        t[i].asked++;
        if (db_col_int(s, 1)) {
            t[i].answered++;
            t[i].on_time += db_col_int(s, 3) != 0;
            *(double *)arena_push(a, &days[i], &nd[i], &cd[i], sizeof(double)) = db_col_double(s, 2);
        }
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing feilet."));
    }
    size_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        if (!t[i].asked) {
            continue;
        }
        if (nd[i]) {
            qsort(days[i], nd[i], sizeof(double), cmp_double);
            t[i].median_days = nd[i] % 2 ? days[i][nd[i] / 2] : (days[i][nd[i] / 2 - 1] + days[i][nd[i] / 2]) / 2;
        }
        t[k++] = t[i];
    }
    *out = t;
    *n = k;
    return 0;
}

int community_ladder_years(Db *db, Arena *a, const Viewer *v, YearCount **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    /* For every year from the first change on, each readable group's step
     * (as a whole) at the end of that year — or today, for this year. */
    Stmt *s = db_prepare(db,
                         "WITH RECURSIVE y(year) AS (SELECT CAST(substr(min(on_date), 1, 4) AS INTEGER) FROM "
                         "ladder_change UNION ALL SELECT year + 1 FROM y WHERE year < CAST(substr(?1, 1, 4) AS INTEGER)), "
                         "at(year, day) AS (SELECT year, min(year || '-12-31', ?1) FROM y WHERE year IS NOT NULL) "
                         "SELECT at.year, (SELECT lc.step FROM ladder_change lc WHERE lc.group_id = g.id AND "
                         "lc.ministry_id IS NULL AND lc.on_date <= at.day ORDER BY lc.on_date DESC, lc.id DESC "
                         "LIMIT 1) AS step, count(*) FROM at, work_group g JOIN record r ON r.id = g.id "
                         "WHERE " ACCESS("r") " AND step IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
    access_bind(s, v);
    db_bind_text(s, 1, today);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        YearCount *x = arena_push(a, out, n, &cap, sizeof *x);
        x->year = (int)db_col_int(s, 0);
        x->key = arena_printf(a, "%lld", (long long)db_col_int(s, 1));
        x->count = (int)db_col_int(s, 2);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

int community_edition_statuses(Db *db, Arena *a, const Viewer *v, EditionCount **out, size_t *n, Err *e)
{
    /* An edition's snapshot holds every measure as it stood; each is
     * counted if the viewer may read that measure's record today. */
    Stmt *s = db_prepare(db, "SELECT ed.id, ed.title, ed.published_at, st.code, st.label, st.label_nn, st.label_en, "
                             "count(*) FROM edition ed, json_each(ed.snapshot) j "
                             "JOIN record r ON r.id = json_extract(j.value, '$.id') "
                             "JOIN measure_status st ON st.code = json_extract(j.value, '$.status') "
                             "WHERE " ACCESS("r") " AND NOT " ACCESS_MASKED("r")
                             " GROUP BY ed.id, st.code ORDER BY ed.id, st.position");
    access_bind(s, v);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        EditionCount *x = arena_push(a, out, n, &cap, sizeof *x);
        x->edition = db_col_int(s, 0);
        x->title = db_col_dup(s, 1, a);
        x->published_at = db_col_dup(s, 2, a);
        x->status = db_col_dup(s, 3, a);
        x->label = db_col_dup(s, 4, a);
        x->label_nn = db_col_dup(s, 5, a);
        x->label_en = db_col_dup(s, 6, a);
        x->count = (int)db_col_int(s, 7);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}
