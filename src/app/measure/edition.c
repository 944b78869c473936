/* edition.c: see edition.h.
 *
 * Reading an edition: one statement for the row, the snapshot parsed once
 * straight from the column text (strings copied into the arena), the
 * viewer's access grants read once and looked up by binary search, then
 * edition_filter.  Comparing: both sides filtered, each indexed by id with
 * one qsort, one pass over each side.  No per-measure SQL anywhere.
 */
#include "app/measure/edition.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

const char *const g_change_codes[CHANGE_KINDS] = {"new", "continued", "removed", "priority", "owner",
                                                  "status", "deadline", "progress"};
const char *const g_change_headings[CHANGE_KINDS] = {N_("Nye tiltak"),       N_("Videreført fra forrige periode"),
                                                     N_("Fjernede tiltak"),  N_("Endret prioritet"),
                                                     N_("Endret ansvarlig"), N_("Endret status"),
                                                     N_("Endret frist"),     N_("Stor endring i fremdrift")};

bool edition_visible(const Viewer *v, const EditionItem *it, bool *masked)
{
    assert(v && it && masked);
    bool exempt = it->exemption_basis != NULL;
    bool internal = (v->caps & CAP_READ_INTERNAL) != 0;
    bool pub = str_eq(it->visibility, "public");
    bool restricted = str_eq(it->visibility, "restricted");
    bool ok = (pub && (!exempt || it->public_title))
              || (internal && (pub || str_eq(it->visibility, "internal")))
              || (v->caps & CAP_READ_ALL_MEASURES) != 0
              || (v->user_id != 0 && restricted
                  && (it->granted || (it->owner_code && v->ministry_code && str_eq(it->owner_code, v->ministry_code))));
    *masked = exempt && !internal;
    if (*masked && !it->public_title) {
        ok = false;   /* never a row without a title the viewer may read */
    }
    return ok;
}

void edition_filter(const Viewer *v, EditionItem *items, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        bool masked;
        if (!edition_visible(v, &items[i], &masked)) {
            continue;
        }
        items[k] = items[i];
        items[k].masked = masked;
        if (masked) {
            items[k].title = items[k].public_title;
        }
        k++;
    }
    *n = k;
    /* Parents roll up over the sub-measures this viewer may see, as the
     * live list does; a parent whose sub-measures are all hidden shows its
     * own progress. */
    for (size_t i = 0; i < k; i++) {
        long long sum = 0, wsum = 0, cnt = 0;
        for (size_t c = 0; c < k; c++) {
            if (items[c].parent && strcmp(items[c].parent, items[i].number) == 0) {
                sum += items[i].weighted ? (long long)items[c].own_progress * items[c].weight : items[c].own_progress;
                wsum += items[c].weight;
                cnt++;
            }
        }
        if (!cnt) {
            items[i].progress = items[i].own_progress;
        } else if (items[i].weighted) {
            items[i].progress = wsum ? (int)((sum + wsum / 2) / wsum) : 0;
        } else {
            items[i].progress = (int)((sum + cnt / 2) / cnt);
        }
    }
}

/* A string member copied into the arena, NULL when absent or not a string. */
static const char *jtext(Arena *a, json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    return json_is_string(x) ? arena_strndup(a, json_string_value(x), json_string_length(x)) : NULL;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

int edition_snapshot_parse(Arena *a, const char *json, size_t len, EditionItem **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    json_t *arr = json_loadb(json, len, 0, NULL);
    if (!json_is_array(arr)) {
        json_decref(arr);
        return err_set(e, E_INVALID, "the snapshot is not a JSON array");
    }
    size_t cnt = json_array_size(arr);
    EditionItem *items = cnt ? arena_alloc(a, cnt * sizeof *items) : NULL;
    for (size_t i = 0; i < cnt; i++) {
        json_t *o = json_array_get(arr, i);
        EditionItem *it = &items[i];
        it->id = json_integer_value(json_object_get(o, "id"));
        it->number = jtext(a, o, "number");
        it->title = jtext(a, o, "title");
        it->visibility = jtext(a, o, "visibility");
        it->status = jtext(a, o, "status");
        if (it->id <= 0 || !it->number || !it->title || !it->visibility || !it->status) {
            json_decref(arr);
            return err_set(e, E_INVALID, "snapshot item %zu lacks id, number, title, status or visibility", i);
        }
        it->public_title = jtext(a, o, "public_title");
        it->status_label = jtext(a, o, "status_label");
        if (!it->status_label) {
            it->status_label = it->status;
        }
        it->priority = jtext(a, o, "priority");
        it->owner_code = jtext(a, o, "owner");
        it->owner_name = jtext(a, o, "owner_name");
        it->end_date = jtext(a, o, "end_date");
        it->progress = (int)json_integer_value(json_object_get(o, "progress"));
        json_t *own = json_object_get(o, "own_progress");
        it->own_progress = json_is_integer(own) ? (int)json_integer_value(own) : it->progress;
        json_t *w = json_object_get(o, "weight");
        it->weight = json_is_integer(w) ? (int)json_integer_value(w) : 1;
        const char *rollup = jtext(a, o, "rollup");
        it->weighted = rollup && strcmp(rollup, "weighted") == 0;
        it->goal_area = (int)json_integer_value(json_object_get(o, "goal_area"));
        it->parent = jtext(a, o, "parent");
        json_t *ms = json_object_get(o, "milestones");
        if (json_is_array(ms)) {
            size_t nms = json_array_size(ms), k = 0;
            MilestoneRow *rows = nms ? arena_alloc(a, nms * sizeof *rows) : NULL;
            for (size_t j = 0; j < nms; j++) {
                json_t *row = json_array_get(ms, j);
                const char *title = json_string_value(json_array_get(row, 0));
                if (title) {
                    const char *due = json_string_value(json_array_get(row, 1));
                    rows[k++] = (MilestoneRow){arena_strdup(a, title), due ? arena_strdup(a, due) : NULL,
                                               json_is_true(json_array_get(row, 2))};
                }
            }
            it->milestones = rows;
            it->nmilestones = k;
            it->has_milestones = true;
        }
        it->exemption_basis = jtext(a, o, "exemption_basis");
        it->predecessor = json_integer_value(json_object_get(o, "predecessor"));
        it->predecessor_label = it->predecessor ? jtext(a, o, "predecessor_label") : NULL;
    }
    json_decref(arr);
    *out = items;
    *n = cnt;
    return 0;
}

/* ---- comparison ---------------------------------------------------------- */

typedef struct IdIndex {
    int64_t id;
    const EditionItem *item;
} IdIndex;

static int cmp_id(const void *x, const void *y)
{
    int64_t a = ((const IdIndex *)x)->id, b = ((const IdIndex *)y)->id;
    return (a > b) - (a < b);
}

static IdIndex *index_items(Arena *a, const EditionItem *items, size_t n)
{
    IdIndex *ix = arena_alloc(a, (n ? n : 1) * sizeof *ix);
    for (size_t i = 0; i < n; i++) {
        ix[i] = (IdIndex){items[i].id, &items[i]};
    }
    qsort(ix, n, sizeof *ix, cmp_id);
    return ix;
}

static const EditionItem *find(const IdIndex *ix, size_t n, int64_t id)
{
    IdIndex key = {id, NULL};
    const IdIndex *hit = n ? bsearch(&key, ix, n, sizeof *ix, cmp_id) : NULL;
    return hit ? hit->item : NULL;
}

typedef struct DiffState {
    Arena *a;
    Comparison *out;
    size_t cap[CHANGE_KINDS];
} DiffState;

static void add(DiffState *d, ChangeKind k, const EditionItem *it, const char *from, const char *to,
                const char *from_label, const char *to_label)
{
    Change *c = arena_push(d->a, &d->out->changes[k], &d->out->n[k], &d->cap[k], sizeof *c);
    *c = (Change){it->id, it->number, it->title, from, to, from_label ? from_label : "", to_label ? to_label : ""};
    d->out->total++;
}

static const char *prio_text(const char *p)
{
    return p ? priority_label(p) : N_("Ikke satt");
}

static void diff_pair(DiffState *d, const EditionItem *f, const EditionItem *t)
{
    Arena *a = d->a;
    if (!str_eq(f->priority, t->priority)) {
        add(d, CHANGE_PRIORITY, t, f->priority, t->priority, prio_text(f->priority), prio_text(t->priority));
    }
    if (!str_eq(f->owner_code, t->owner_code)) {
        add(d, CHANGE_OWNER, t, f->owner_code, t->owner_code, f->owner_code ? f->owner_name : N_("Ikke avklart"),
            t->owner_code ? t->owner_name : N_("Ikke avklart"));
    }
    if (!str_eq(f->status, t->status)) {
        add(d, CHANGE_STATUS, t, f->status, t->status, f->status_label, t->status_label);
    }
    if (!str_eq(f->end_date, t->end_date)) {
        add(d, CHANGE_DEADLINE, t, f->end_date, t->end_date, f->end_date ? f->end_date : N_("Ingen frist"),
            t->end_date ? t->end_date : N_("Ingen frist"));
    }
    int delta = t->progress - f->progress;
    if (delta >= EDITION_PROGRESS_JUMP || -delta >= EDITION_PROGRESS_JUMP) {
        add(d, CHANGE_PROGRESS, t, arena_printf(a, "%d", f->progress), arena_printf(a, "%d", t->progress),
            arena_printf(a, "%d %%", f->progress), arena_printf(a, "%d %%", t->progress));
    }
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

void edition_diff(Arena *a, const EditionItem *from, size_t nfrom, const EditionItem *to, size_t nto,
                  Comparison *out)
{
    DiffState d = {.a = a, .out = out};
    memset(out->changes, 0, sizeof out->changes);
    memset(out->n, 0, sizeof out->n);
    out->total = 0;
    IdIndex *fx = index_items(a, from, nfrom);
    IdIndex *tx = index_items(a, to, nto);
    int64_t *continued = arena_alloc(a, (nto ? nto : 1) * sizeof *continued);   /* predecessors named in to */
    size_t ncont = 0;
    for (size_t i = 0; i < nto; i++) {
        const EditionItem *f = find(fx, nfrom, to[i].id);
        if (to[i].predecessor) {
            continued[ncont++] = to[i].predecessor;
        }
        if (f) {
            diff_pair(&d, f, &to[i]);
        } else if (to[i].predecessor) {
            add(&d, CHANGE_CONTINUED, &to[i], arena_printf(a, "%lld", (long long)to[i].predecessor), to[i].status,
                to[i].predecessor_label, to[i].status_label);
        } else {
            add(&d, CHANGE_NEW, &to[i], NULL, to[i].status, NULL, to[i].status_label);
        }
    }
    qsort(continued, ncont, sizeof *continued, cmp_i64);
    for (size_t i = 0; i < nfrom; i++) {
        if (!find(tx, nto, from[i].id) && !(ncont && bsearch(&from[i].id, continued, ncont, sizeof *continued, cmp_i64))) {
            add(&d, CHANGE_REMOVED, &from[i], from[i].status, NULL, from[i].status_label, NULL);
        }
    }
}

/* ---- reading --------------------------------------------------------------- */

/* Set the granted flag of the restricted items v was given access to in
 * access_grant (the live table; one statement). */
static int mark_grants(Db *db, Arena *a, const Viewer *v, EditionItem *items, size_t n, Err *e)
{
    if (!v->user_id || !n) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT record_id FROM access_grant WHERE (ministry_id = ?1 OR user_id = ?2) "
                             "ORDER BY record_id");
    db_bind_int(s, 1, v->ministry_id);
    db_bind_int(s, 2, v->user_id);
    size_t len = 0, cap = 0;
    int64_t *ids = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *(int64_t *)arena_push(a, &ids, &len, &cap, sizeof *ids) = db_col_int(s, 0);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading access grants failed");
    }
    for (size_t i = 0; i < n && len; i++) {
        items[i].granted = str_eq(items[i].visibility, "restricted") &&
                           bsearch(&items[i].id, ids, len, sizeof *ids, cmp_i64) != NULL;
    }
    return 0;
}

/* Column 9: the previous edition of the same strategy, else the last one
 * of the strategy before (column 11 says which). */
#define EDITION_PREV_SAME "(SELECT max(p.id) FROM edition p WHERE p.strategy_id = e.strategy_id AND p.id < e.id)"
#define EDITION_COLS                                                                                \
    "e.id, e.strategy_id, s.slug, s.period_start, s.period_end, e.title, e.published_at, "          \
    "u.full_name, e.approval_note, "                                                                \
    "coalesce(" EDITION_PREV_SAME ", (SELECT max(p.id) FROM edition p WHERE p.strategy_id = s.predecessor_id " \
    " AND p.id < e.id), 0), " EDITION_PREV_SAME " IS NULL "
#define EDITION_FROM "FROM edition e JOIN strategy s ON s.id = e.strategy_id LEFT JOIN account u ON u.id = e.published_by "

static void read_edition(Stmt *s, Arena *a, const Viewer *v, Edition *ed)
{
    memset(ed, 0, sizeof *ed);
    ed->id = db_col_int(s, 0);
    ed->strategy_id = db_col_int(s, 1);
    ed->strategy_slug = db_col_dup(s, 2, a);
    ed->strategy_period = db_col_null(s, 4)
        ? arena_printf(a, "%lld–", (long long)db_col_int(s, 3))
        : arena_printf(a, "%lld–%lld", (long long)db_col_int(s, 3), (long long)db_col_int(s, 4));
    ed->title = db_col_dup(s, 5, a);
    ed->published_at = db_col_dup(s, 6, a);
    ed->published_date = arena_strndup(a, ed->published_at, 10);
    /* The publisher's name is for colleagues, not the public. */
    ed->published_by = (v->caps & CAP_READ_INTERNAL) ? db_col_dup(s, 7, a) : NULL;
    ed->approval_note = db_col_dup(s, 8, a);
    ed->prev_id = db_col_int(s, 9);
    ed->prev_across = ed->prev_id && db_col_int(s, 10) != 0;
}

enum { EDITION_SNAPSHOT_COL = 11 };   /* after EDITION_COLS */

/* Step s (bound, selecting EDITION_COLS and the snapshot last) for one
 * edition, parse and filter it for v. */
static int load_one(Db *db, Stmt *s, Arena *a, const Viewer *v, Edition *out, Err *e)
{
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_edition(s, a, v, out);
        const char *snap = db_col_text(s, EDITION_SNAPSHOT_COL);
        rc = edition_snapshot_parse(a, snap, strlen(snap), &out->items, &out->nitems, e);
    } else {
        rc = rc == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke utgaven."))
                           : err_set(e, E_DB, "reading the edition failed");
    }
    db_done(s);
    if (rc == 0) {
        rc = mark_grants(db, a, v, out->items, out->nitems, e);
    }
    if (rc == 0) {
        edition_filter(v, out->items, &out->nitems);
    }
    return rc;
}

int edition_get(Db *db, Arena *a, const Viewer *v, int64_t id, Edition *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " EDITION_COLS ", e.snapshot " EDITION_FROM "WHERE e.id = ?1");
    db_bind_int(s, 1, id);
    return load_one(db, s, a, v, out, e);
}

int edition_latest(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, Edition *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " EDITION_COLS ", e.snapshot " EDITION_FROM "WHERE e.strategy_id = ?1 ORDER BY e.id DESC LIMIT 1");
    db_bind_int(s, 1, strategy_id);
    return load_one(db, s, a, v, out, e);
}

int edition_list(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, Edition **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " EDITION_COLS EDITION_FROM "WHERE ?1 = 0 OR e.strategy_id = ?1 ORDER BY e.id DESC");
    db_bind_int(s, 1, strategy_id);
    size_t len = 0, cap = 0;
    Edition *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_edition(s, a, v, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading editions failed") : 0;
}

/* The live measures of a strategy as v may see them (the SQL rule), as items. */
static int live_items(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, EditionItem **out, size_t *n, Err *e)
{
    MeasureFilter f = {.strategy_id = strategy_id};
    Measure *m;
    size_t nm;
    int rc = measure_list(db, a, v, &f, &m, &nm, e);
    if (rc) {
        return rc;
    }
    EditionItem *items = arena_alloc(a, (nm ? nm : 1) * sizeof *items);
    size_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        if (m[i].masked && !m[i].public_title) {
            continue;   /* as edition_visible */
        }
        items[k++] = (EditionItem){.id = m[i].id, .number = m[i].number, .title = m[i].title,
                                   .public_title = m[i].public_title, .status = m[i].status,
                                   .status_label = m[i].status_label, .priority = m[i].priority,
                                   .owner_code = m[i].owner_code, .owner_name = m[i].owner_name,
                                   .end_date = m[i].end_date, .progress = m[i].progress,
                                   .own_progress = m[i].own_progress, .weight = m[i].weight,
                                   .weighted = m[i].rollup && strcmp(m[i].rollup, "weighted") == 0,
                                   .goal_area = m[i].goal_area_number, .parent = m[i].parent_number,
                                   .visibility = m[i].visibility, .exemption_basis = m[i].exemption_basis,
                                   .masked = m[i].masked, .predecessor = m[i].predecessor_id,
                                   .predecessor_label = m[i].predecessor_label};
    }
    *out = items;
    *n = k;
    return 0;
}

/* Name a continued measure's predecessor only to a viewer who may read it
 * (the snapshot keeps every label; one statement for all of them). */
static int hide_predecessors(Db *db, Arena *a, const Viewer *v, Comparison *c, Err *e)
{
    size_t n = c->n[CHANGE_CONTINUED];
    if (!n) {
        return 0;
    }
    json_t *ids = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(ids, json_integer(atoll(c->changes[CHANGE_CONTINUED][i].from)));
    }
    char *text = json_dumps(ids, JSON_COMPACT);
    json_decref(ids);
    Stmt *s = db_prepare(db, "SELECT r.id FROM record r WHERE r.id IN (SELECT value FROM json_each(?1)) AND "
                             ACCESS("r") " ORDER BY r.id");
    access_bind(s, v);
    db_bind_text(s, 1, text);
    size_t len = 0, cap = 0;
    int64_t *readable = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *(int64_t *)arena_push(a, &readable, &len, &cap, sizeof *readable) = db_col_int(s, 0);
    }
    db_done(s);
    free(text);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the predecessors failed");
    }
    for (size_t i = 0; i < n; i++) {
        Change *x = &c->changes[CHANGE_CONTINUED][i];
        int64_t id = atoll(x->from);
        if (!len || !bsearch(&id, readable, len, sizeof *readable, cmp_i64)) {
            x->from = NULL;
            x->from_label = "";
        }
    }
    return 0;
}

int edition_compare(Db *db, Arena *a, const Viewer *v, int64_t from_id, int64_t to_id, Comparison *out, Err *e)
{
    memset(out, 0, sizeof *out);
    int rc = edition_get(db, a, v, from_id, &out->from, e);
    if (rc) {
        return rc == E_NOTFOUND ? err_set(e, rc, "Fant ikke utgaven det skal sammenlignes fra.") : rc;
    }
    if (to_id) {
        rc = edition_get(db, a, v, to_id, &out->to, e);
        if (rc) {
            return rc == E_NOTFOUND ? err_set(e, rc, "Fant ikke utgaven det skal sammenlignes med.") : rc;
        }
        if (out->to.strategy_id != out->from.strategy_id) {
            out->across = db_one_int(db, "SELECT predecessor_id FROM strategy WHERE id = ?1", out->to.strategy_id, 0) ==
                          out->from.strategy_id;
            if (!out->across) {
                return err_set(e, E_INVALID, N_("Utgavene gjelder strategiperioder som ikke følger etter hverandre, og "
                                                "kan ikke sammenlignes."));
            }
        }
    } else {
        out->to.strategy_id = out->from.strategy_id;
        out->to.strategy_slug = out->from.strategy_slug;
        out->to.strategy_period = out->from.strategy_period;
        out->to.approval_note = "";
        rc = live_items(db, a, v, out->from.strategy_id, &out->to.items, &out->to.nitems, e);
        if (rc) {
            return rc;
        }
    }
    edition_diff(a, out->from.items, out->from.nitems, out->to.items, out->to.nitems, out);
    return hide_predecessors(db, a, v, out, e);
}

/* ---- publishing ------------------------------------------------------------ */

static bool blank(const char *s)
{
    for (; *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
            return false;
        }
    }
    return true;
}

/* The milestones of a measure as [title, due date or null, done]. */
static json_t *milestones_json(const MilestoneRow *ms, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("[s,o,b]", ms[i].title, jstr(ms[i].due_date), ms[i].done));
    }
    return arr;
}

static json_t *item_json(const Measure *m)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:i,s:o,s:o,s:s,s:o}", "id", (json_int_t)m->id,
                     "number", m->number, "title", m->title, "public_title", jstr(m->public_title), "status",
                     m->status, "status_label", m->status_label ? m->status_label : m->status, "priority",
                     jstr(m->priority), "owner", jstr(m->owner_code), "owner_name", jstr(m->owner_name), "end_date",
                     jstr(m->end_date), "progress", m->progress, "goal_area",
                     m->goal_area_number ? json_integer(m->goal_area_number) : json_null(), "parent",
                     jstr(m->parent_number), "visibility", m->visibility, "exemption_basis",
                     jstr(m->exemption_basis));
    json_object_set_new(o, "own_progress", json_integer(m->own_progress));
    json_object_set_new(o, "weight", json_integer(m->weight));
    json_object_set_new(o, "rollup", json_string(m->rollup ? m->rollup : "plain"));
    if (m->predecessor_id) {
        json_object_set_new(o, "predecessor", json_integer(m->predecessor_id));
        json_object_set_new(o, "predecessor_label", jstr(m->predecessor_label));
    }
    return o;
}

/* The snapshot of every measure of strategy_id, read as an internal system
 * viewer that sees every measure unmasked (malloc'd JSON text, or NULL). */
static char *snapshot_json(Db *db, Arena *a, int64_t strategy_id, size_t *count, Err *e)
{
    const Viewer system = {.username = "system", .caps = CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES};
    MeasureFilter f = {.strategy_id = strategy_id};
    Measure *m;
    if (measure_list(db, a, &system, &f, &m, count, e)) {
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < *count; i++) {
        json_t *it = item_json(&m[i]);
        MilestoneRow *ms;
        size_t nms = 0;
        if (it && measure_milestones(db, a, m[i].id, &ms, &nms, e) == 0) {
            json_object_set_new(it, "milestones", milestones_json(ms, nms));
        } else if (it) {
            json_decref(it);
            json_decref(arr);
            return NULL;
        }
        if (!it) {
            json_decref(arr);
            err_set(e, E_DB, "measure %s cannot be written to the snapshot", m[i].number);
            return NULL;
        }
        json_array_append_new(arr, it);
    }
    char *text = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return text;
}

size_t edition_publish_problems(Arena *a, const char *title, const char *note, FormProblem **out)
{
    size_t len = 0, cap = 0;
    FormProblem *list = NULL;
    Err e = {0};
    if (!title || blank(title)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){EDITION_FIELD_TITLE, N_("Skriv en tittel for utgaven."), NULL};
    } else if (content_check_text(title, EDITION_TITLE_MAX, false, N_("Tittelen"), &e)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){EDITION_FIELD_TITLE, arena_strdup(a, e.msg), NULL};
    }
    if (content_check_text(note ? note : "", EDITION_NOTE_MAX, true, N_("Godkjenningen"), &e)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){EDITION_FIELD_NOTE, arena_strdup(a, e.msg), NULL};
    }
    *out = list;
    return len;
}

static int check_publish(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, const char *title,
                         const char *note, const char **slug, Err *e)
{
    if (!can(v, CAP_MEASURE_MANAGE) || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å publisere tiltaksoversikten."));
    }
    if (!title || blank(title)) {
        return err_set(e, E_INVALID, N_("Skriv en tittel for utgaven."));
    }
    if (content_check_text(title, EDITION_TITLE_MAX, false, N_("Tittelen"), e) ||
        content_check_text(note, EDITION_NOTE_MAX, true, N_("Godkjenningen"), e)) {
        return E_INVALID;
    }
    Stmt *s = db_prepare(db, "SELECT slug FROM strategy WHERE id = ?1");
    db_bind_int(s, 1, strategy_id);
    int rc = db_step(s);
    *slug = rc == DB_ROW ? db_col_dup(s, 0, a) : NULL;
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the strategy failed");
    }
    return *slug ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke strategiperioden."));
}

int edition_publish(Db *db, Arena *a, const Viewer *v, const char *client, int64_t strategy_id, const char *title,
                    const char *approval_note, int64_t *id, Err *e)
{
    return edition_publish_at(db, a, v, client, strategy_id, title, approval_note, NULL, id, e);
}

int edition_publish_at(Db *db, Arena *a, const Viewer *v, const char *client, int64_t strategy_id,
                       const char *title, const char *approval_note, const char *published_at, int64_t *id, Err *e)
{
    const char *note = approval_note ? approval_note : "";
    const char *slug;
    char *snap = NULL;
    size_t count = 0;
    *id = 0;
    int rc = check_publish(db, a, v, strategy_id, title, note, &slug, e);
    if (rc || (rc = db_begin(db, e))) {
        return rc;
    }
    snap = snapshot_json(db, a, strategy_id, &count, e);
    if (!snap) {
        rc = e && e->code ? e->code : E_DB;
        goto done;
    }
    if (count == 0) {
        rc = err_set(e, E_INVALID, N_("Strategiperioden har ingen tiltak å publisere."));
        goto done;
    }
    char now[32];
    time_iso(now, sizeof now);
    if (published_at) {
        snprintf(now, sizeof now, "%s", published_at);
    }
    Stmt *s = db_prepare(db, "INSERT INTO edition (strategy_id, title, published_at, published_by, approval_note, "
                             "snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int(s, 1, strategy_id);
    db_bind_text(s, 2, title);
    db_bind_text(s, 3, now);
    if (v->user_id) {
        db_bind_int(s, 4, v->user_id);
    } else {
        db_bind_null(s, 4);
    }
    db_bind_text(s, 5, note);
    db_bind_text(s, 6, snap);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "writing the edition failed");
    db_done(s);
    if (rc) {
        goto done;
    }
    *id = db_last_id(db);
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)*id);
    rc = audit_append(db, v, client, "edition.publish", "edition", oid,
                      arena_printf(a, "%s: «%s», %zu tiltak", slug, title, count), e);
done:
    free(snap);
    if (rc) {
        db_rollback(db);
        *id = 0;
    } else {
        rc = db_commit(db, e);
    }
    return rc;
}

int edition_preview(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, const char *title, const char *note,
                    EditionPreview *out, Err *e)
{
    const char *slug;
    memset(out, 0, sizeof *out);
    int rc = check_publish(db, a, v, strategy_id, title, note ? note : "", &slug, e);
    if (rc) {
        return rc;
    }
    /* What the public will read: every live measure, filtered by the rule
     * for an anonymous viewer, as edition_get will filter the snapshot. */
    rc = live_items(db, a, v, strategy_id, &out->public_items, &out->npublic, e);
    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < out->npublic; i++) {
        out->public_items[i].granted = false;
    }
    edition_filter(&g_anonymous, out->public_items, &out->npublic);
    Edition latest;
    Err local = {0};
    rc = edition_latest(db, a, v, strategy_id, &latest, &local);
    if (rc == E_NOTFOUND) {
        return 0;
    }
    if (rc) {
        return err_set(e, E_DB, "reading the latest edition failed");
    }
    out->has_previous = true;
    return edition_compare(db, a, v, latest.id, 0, &out->changes, e);
}
