/* measure_public.c: what the public sees of a measure — the state the
 * latest published edition of its strategy approved, never the live state
 * a ministry has just reported, and never the reported risk.  See
 * measure_public_apply in measure.h.  measure_list and measure_get call it
 * last, so pages, API, exports and counts built on them agree. */
#include "app/measure/measure.h"

#include <stdlib.h>
#include <string.h>

#include "app/measure/edition.h"
#include "base/util.h"

bool measure_public_view(const Viewer *v)
{
    return !v || !(v->caps & CAP_READ_INTERNAL);
}

/* The latest edition of one strategy, its items sorted by id. */
typedef struct Latest {
    int64_t strategy_id;
    bool found;
    Edition ed;
} Latest;

static int item_by_id(const void *pa, const void *pb)
{
    const EditionItem *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int latest_load(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, Latest *out, Err *e)
{
    memset(out, 0, sizeof *out);
    out->strategy_id = strategy_id;
    Err local = {0};
    int rc = edition_latest(db, a, v, strategy_id, &out->ed, &local);
    if (rc == E_NOTFOUND) {
        return 0;
    }
    if (rc) {
        if (e) {
            *e = local;
        }
        return rc;
    }
    out->found = true;
    if (out->ed.nitems > 1) {
        qsort(out->ed.items, out->ed.nitems, sizeof *out->ed.items, item_by_id);
    }
    return 0;
}

static const EditionItem *latest_item(const Latest *l, int64_t id)
{
    if (!l->found) {
        return NULL;
    }
    EditionItem key = {.id = id};
    return bsearch(&key, l->ed.items, l->ed.nitems, sizeof key, item_by_id);
}

/* The bokmål, nynorsk and English names of a ministry by code, into m. */
static void owner_names(Db *db, Arena *a, const char *code, Measure *m)
{
    m->owner_code = code;
    m->owner_name = m->owner_name_nn = m->owner_name_en = NULL;
    if (!code) {
        return;
    }
    Stmt *s = db_prepare(db, "SELECT name_nb, name_nn, name_en FROM ministry WHERE code = ?1");
    db_bind_text(s, 1, code);
    if (db_step(s) == DB_ROW) {
        m->owner_name = db_col_dup(s, 0, a);
        m->owner_name_nn = db_col_dup(s, 1, a);
        m->owner_name_en = db_col_dup(s, 2, a);
    } else {
        m->owner_name = code;
    }
    db_done(s);
}

static void set_status(Measure *m, const MeasureStatus *sts, size_t nst, const char *code, const char *label)
{
    m->status = code;
    m->status_label = label ? label : code;
    m->status_label_nn = m->status_label_en = NULL;
    m->status_color = "neutral";
    for (size_t i = 0; i < nst; i++) {
        if (str_eq(sts[i].code, code)) {
            m->status_label = sts[i].label;
            m->status_label_nn = sts[i].label_nn;
            m->status_label_en = sts[i].label_en;
            m->status_color = sts[i].color;
            break;
        }
    }
}

/* Replace the live state of m by the published one (the public view). */
static void apply_public(Db *db, Arena *a, Measure *m, const MeasurePublished *p, const EditionItem *it,
                         const MeasureStatus *sts, size_t nst)
{
    m->risk = NULL;
    m->published = p;
    if (!p) {
        /* Approved nowhere yet: the public sees that it exists, not how it goes. */
        m->unpublished = true;
        m->status = "unpublished";
        m->status_label = "Ikke publisert ennå";
        m->status_label_nn = "Ikkje publisert enno";
        m->status_label_en = "Not published yet";
        m->status_color = "neutral";
        m->priority = NULL;
        m->end_date = NULL;
        m->progress = m->own_progress = 0;
        return;
    }
    set_status(m, sts, nst, p->status, it->status_label);
    m->priority = p->priority;
    m->end_date = p->end_date;
    m->progress = p->progress;
    m->own_progress = it->own_progress;
    if (!str_eq(m->owner_code, p->owner_code)) {
        owner_names(db, a, p->owner_code, m);
    }
}

int measure_public_apply(Db *db, Arena *a, const Viewer *v, Measure *list, size_t n, bool with_published, Err *e)
{
    bool pub = measure_public_view(v);
    if (n == 0 || (!pub && !with_published)) {
        return 0;
    }
    MeasureStatus *sts = NULL;
    size_t nst = 0;
    if (pub && measure_status_list(db, a, &sts, &nst, e)) {
        return E_DB;
    }
    Latest *cache = NULL;
    size_t ncache = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        Measure *m = &list[i];
        Latest *l = NULL;
        for (size_t j = 0; j < ncache; j++) {
            if (cache[j].strategy_id == m->strategy_id) {
                l = &cache[j];
                break;
            }
        }
        if (!l) {
            l = arena_push(a, &cache, &ncache, &cap, sizeof *cache);
            int rc = latest_load(db, a, v, m->strategy_id, l, e);
            if (rc) {
                return rc;
            }
        }
        const EditionItem *it = latest_item(l, m->id);
        MeasurePublished *p = NULL;
        if (it) {
            p = arena_alloc(a, sizeof *p);
            *p = (MeasurePublished){.edition_id = l->ed.id,
                                    .date = l->ed.published_date,
                                    .status = it->status,
                                    .priority = it->priority,
                                    .owner_code = it->owner_code,
                                    .end_date = it->end_date,
                                    .progress = it->progress,
                                    .milestones = it->milestones,
                                    .nmilestones = it->nmilestones,
                                    .has_milestones = it->has_milestones};
        }
        if (pub) {
            apply_public(db, a, m, p, it, sts, nst);
        } else {
            m->published = p;
        }
    }
    return 0;
}

int measure_milestones_shown(Db *db, Arena *a, const Viewer *v, const Measure *m, const MilestoneRow **out,
                             size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (measure_public_view(v)) {
        if (m->unpublished) {
            return 0;
        }
        if (m->published && m->published->has_milestones) {
            *out = m->published->milestones;
            *n = m->published->nmilestones;
            return 0;
        }
    }
    MilestoneRow *live;
    int rc = measure_milestones(db, a, m->id, &live, n, e);
    *out = rc ? NULL : live;
    return rc;
}

bool measure_differs_from_published(const Measure *m)
{
    const MeasurePublished *p = m->published;
    if (!p) {
        return true;
    }
    return !str_eq(m->status, p->status) || m->progress != p->progress || !str_eq(m->priority, p->priority) ||
           !str_eq(m->owner_code, p->owner_code) || !str_eq(m->end_date, p->end_date);
}
