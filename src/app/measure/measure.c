/* measure.c: see measure.h. */
#include "app/measure/measure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/record.h"
#include "base/collate.h"
#include "base/utf8.h"
#include "base/util.h"

int measure_status_list(Db *db, Arena *a, MeasureStatus **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT code, label, default_progress, color, active, label_nn, label_en "
                             "FROM measure_status ORDER BY position");
    size_t len = 0, cap = 0;
    MeasureStatus *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MeasureStatus *st = arena_push(a, &list, &len, &cap, sizeof *list);
        st->code = db_col_dup(s, 0, a);
        st->label = db_col_dup(s, 1, a);
        st->default_progress = (int)db_col_int(s, 2);
        st->color = db_col_dup(s, 3, a);
        st->active = db_col_int(s, 4) != 0;
        st->label_nn = db_col_dup(s, 5, a);
        st->label_en = db_col_dup(s, 6, a);
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading statuses failed") : 0;
}

int measure_filter_choices(Db *db, Arena *a, MeasureChoice **strategies, size_t *ns, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT id, slug, period_start, ifnull(period_end, 0) FROM strategy "
                             "ORDER BY period_start DESC");
    size_t len = 0, cap = 0;
    MeasureChoice *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MeasureChoice *c = arena_push(a, &list, &len, &cap, sizeof *list);
        int from = (int)db_col_int(s, 2), to = (int)db_col_int(s, 3);
        c->id = db_col_int(s, 0);
        c->value = db_col_dup(s, 1, a);
        c->label_nb = to ? arena_printf(a, "%d–%d", from, to) : arena_printf(a, "%d–", from);
    }
    db_done(s);
    *strategies = list;
    *ns = len;
    return rc < 0 ? err_set(e, E_DB, "reading strategies failed") : 0;
}

bool measure_status_valid(Db *db, const char *status)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM measure_status WHERE code = ?1");
    db_bind_text(s, 1, status);
    bool ok = db_step(s) == DB_ROW;
    db_done(s);
    return ok;
}

const char *priority_label(const char *p)
{
    return !p                    ? ""
           : str_eq(p, "high")   ? N_("Høy")
           : str_eq(p, "medium") ? N_("Middels")
           : str_eq(p, "low")    ? N_("Lav")
                                 : p;
}

const char *risk_label(const char *r)
{
    return !r                    ? ""
           : str_eq(r, "green")  ? N_("Grønn")
           : str_eq(r, "yellow") ? N_("Gul")
           : str_eq(r, "red")    ? N_("Rød")
                                 : r;
}

/* The columns of a measure as the viewer may see it.  Column 25 is the
 * number of sub-measures the viewer may see times 1000 plus their
 * rolled-up progress (0–100), or NULL when there are none (read_row splits
 * it); the aggregate runs only for a measure that has sub-measures at all.
 * A parent or predecessor the viewer may not see comes back as id 0, as if
 * there were none.  The latest report (its risk) is joined: the report of
 * the measure with no later round.  Columns 36 and 42 are sort keys
 * (measure_list sorts in C, see sort_rows). */
#define MEASURE_SUBS                                                                           \
    "CASE WHEN EXISTS (SELECT 1 FROM measure c0 WHERE c0.parent_id = m.id) THEN "              \
    " (SELECT count(*) * 1000 + CASE m.rollup WHEN 'weighted' THEN "                           \
    "   CAST(round(sum(c.progress * c.weight) * 1.0 / max(sum(c.weight), 1)) AS INTEGER) "      \
    "  ELSE CAST(round(avg(c.progress)) AS INTEGER) END "                                      \
    "  FROM measure c JOIN record cr ON cr.id = c.id WHERE c.parent_id = m.id AND " ACCESS("cr") ") END"
#define MEASURE_RISK_JOIN                                                                      \
    "LEFT JOIN measure_report rp ON rp.measure_id = m.id AND NOT EXISTS (SELECT 1 FROM measure_report rl " \
    "  WHERE rl.measure_id = m.id AND rl.round_id > rp.round_id) "
#define MEASURE_COLS                                                                           \
    "m.id, m.strategy_id, s.slug, s.period_start, s.period_end, g.number, g.title, m.number, "  \
    ACCESS_TITLE("r") ", m.theme, " ACCESS_FIELD("r", "m.description") ", o.code, o.name_nb, m.status, " \
    "r.visibility, r.exemption_basis, eb.label, r.public_title, r.owner_ministry_id, "          \
    ACCESS_MASKED("r") ", st.label, st.color, m.priority, m.start_date, m.end_date, "           \
    MEASURE_SUBS ", m.progress, m.weight, m.rollup, "                                         \
    "ifnull(pmr.id, 0), CASE WHEN pmr.id IS NOT NULL THEN pm.number END, "                     \
    "ifnull(prr.id, 0), CASE WHEN prr.id IS NOT NULL THEN "                                    \
    " (SELECT ps.period_start || '–' || ifnull(ps.period_end, '') FROM strategy ps WHERE ps.id = pr.strategy_id) " \
    " || ': ' || pr.number END, m.responsible, r.version, r.updated_at, "                       \
    "st.position, "                                                                            \
    "rp.risk, "                                                                                \
    "st.label_nn, st.label_en, o.name_nn, o.name_en, m.sort_key "                               \
    "FROM measure m JOIN record r ON r.id = m.id JOIN strategy s ON s.id = m.strategy_id "     \
    "JOIN measure_status st ON st.code = m.status "                                            \
    "LEFT JOIN measure pm ON pm.id = m.parent_id "                                             \
    "LEFT JOIN record pmr ON pmr.id = pm.id AND " ACCESS("pmr") " "                            \
    "LEFT JOIN measure pr ON pr.id = m.predecessor_id "                                        \
    "LEFT JOIN record prr ON prr.id = pr.id AND " ACCESS("prr") " "                            \
    "LEFT JOIN goal_area g ON g.id = m.goal_area_id "                                          \
    "LEFT JOIN ministry o ON o.id = r.owner_ministry_id "                                      \
    "LEFT JOIN exemption_basis eb ON eb.code = r.exemption_basis " MEASURE_RISK_JOIN

/* The columns of a brief measure (MeasureFilter.brief): what a table of
 * measures shows, read by read_brief.  The same expressions as above. */
#define MEASURE_BRIEF_COLS                                                                     \
    "m.id, m.strategy_id, s.period_start, g.number, m.number, " ACCESS_TITLE("r") ", "         \
    "o.code, o.name_nb, o.name_nn, o.name_en, m.status, st.label, st.label_nn, st.label_en, "  \
    "st.color, m.end_date, " MEASURE_SUBS ", m.progress, rp.risk, st.position, m.sort_key, "  \
    ACCESS_MASKED("r") ", r.visibility "                                                       \
    "FROM measure m JOIN record r ON r.id = m.id JOIN strategy s ON s.id = m.strategy_id "     \
    "JOIN measure_status st ON st.code = m.status "                                            \
    "LEFT JOIN goal_area g ON g.id = m.goal_area_id "                                          \
    "LEFT JOIN ministry o ON o.id = r.owner_ministry_id " MEASURE_RISK_JOIN

/* Sort keys of a row beside the row. */
typedef struct RowKeys {
    int64_t period_start, status_position, sort_key;
} RowKeys;

/* Column 25 of MEASURE_COLS, 16 of MEASURE_BRIEF_COLS: see MEASURE_COLS. */
static void read_subs(Stmt *s, int col, Measure *m)
{
    if (db_col_null(s, col)) {
        m->sub_count = 0;
        m->progress = m->own_progress;
    } else {
        int64_t subs = db_col_int(s, col);
        m->sub_count = (int)(subs / 1000);
        m->progress = (int)(subs % 1000);
    }
}

static void read_brief(Stmt *s, Arena *a, Measure *m, RowKeys *k)
{
    *m = (Measure){.id = db_col_int(s, 0), .strategy_id = db_col_int(s, 1)};
    m->goal_area_number = (int)db_col_int(s, 3);
    m->number = db_col_dup(s, 4, a);
    m->title = db_col_dup(s, 5, a);
    m->owner_code = db_col_dup(s, 6, a);
    m->owner_name = db_col_dup(s, 7, a);
    m->owner_name_nn = db_col_dup(s, 8, a);
    m->owner_name_en = db_col_dup(s, 9, a);
    m->status = db_col_dup(s, 10, a);
    m->status_label = db_col_dup(s, 11, a);
    m->status_label_nn = db_col_dup(s, 12, a);
    m->status_label_en = db_col_dup(s, 13, a);
    m->status_color = db_col_dup(s, 14, a);
    m->end_date = db_col_dup(s, 15, a);
    m->own_progress = (int)db_col_int(s, 17);
    read_subs(s, 16, m);
    m->risk = db_col_dup(s, 18, a);
    m->masked = db_col_int(s, 21) != 0;
    m->visibility = db_col_dup(s, 22, a);
    if (!m->title) {
        m->title = "";
    }
    m->description = "";
    k->period_start = db_col_int(s, 2);
    k->status_position = db_col_int(s, 19);
    k->sort_key = db_col_int(s, 20);
}

static void read_row(Stmt *s, Arena *a, Measure *m, RowKeys *k)
{
    m->id = db_col_int(s, 0);
    m->strategy_id = db_col_int(s, 1);
    m->strategy_slug = db_col_dup(s, 2, a);
    m->strategy_period = db_col_null(s, 4)
        ? arena_printf(a, "%lld–", (long long)db_col_int(s, 3))
        : arena_printf(a, "%lld–%lld", (long long)db_col_int(s, 3), (long long)db_col_int(s, 4));
    m->goal_area_number = (int)db_col_int(s, 5);
    m->goal_area_title = db_col_dup(s, 6, a);
    m->number = db_col_dup(s, 7, a);
    m->title = db_col_dup(s, 8, a);
    m->theme = db_col_dup(s, 9, a);
    m->description = db_col_dup(s, 10, a);
    m->owner_code = db_col_dup(s, 11, a);
    m->owner_name = db_col_dup(s, 12, a);
    m->status = db_col_dup(s, 13, a);
    m->visibility = db_col_dup(s, 14, a);
    m->exemption_basis = db_col_dup(s, 15, a);
    m->exemption_label = db_col_dup(s, 16, a);
    m->public_title = db_col_dup(s, 17, a);
    m->owner_id = db_col_int(s, 18);
    m->masked = db_col_int(s, 19) != 0;
    m->status_label = db_col_dup(s, 20, a);
    m->status_color = db_col_dup(s, 21, a);
    m->priority = db_col_dup(s, 22, a);
    m->start_date = db_col_dup(s, 23, a);
    m->end_date = db_col_dup(s, 24, a);
    m->own_progress = (int)db_col_int(s, 26);
    read_subs(s, 25, m);
    m->weight = (int)db_col_int(s, 27);
    m->rollup = db_col_dup(s, 28, a);
    m->parent_id = db_col_int(s, 29);
    m->parent_number = db_col_dup(s, 30, a);
    m->predecessor_id = db_col_int(s, 31);
    m->predecessor_label = db_col_dup(s, 32, a);
    m->responsible = db_col_dup(s, 33, a);
    m->version = (int)db_col_int(s, 34);
    m->updated_at = db_col_dup(s, 35, a);
    m->risk = db_col_dup(s, 37, a);
    m->status_label_nn = db_col_dup(s, 38, a);
    m->status_label_en = db_col_dup(s, 39, a);
    m->owner_name_nn = db_col_dup(s, 40, a);
    m->owner_name_en = db_col_dup(s, 41, a);
    if (!m->title) {
        m->title = "";
    }
    if (!m->description) {
        m->description = "";
    }
    if (k) {
        k->period_start = db_col_int(s, 3);
        k->status_position = db_col_int(s, 36);
        k->sort_key = db_col_int(s, 42);
    }
}

/* The filters of measure_list after the first condition, which picks the
 * rows by an index when it can (see measure_list). */
#define LIST_FILTERS                                                                             \
    "AND (?2 = 0 OR m.goal_area_id = ?2) "                                                       \
    "AND (?3 IS NULL OR o.code = ?3 OR EXISTS (SELECT 1 FROM measure_participant p "              \
    "  JOIN ministry pm ON pm.id = p.ministry_id WHERE p.measure_id = m.id AND pm.code = ?3)) "   \
    "AND (?4 IS NULL OR m.status = ?4 OR ?9) AND (?5 IS NULL OR m.priority = ?5 OR ?9) "          \
    "AND (?6 IS NULL OR rp.risk = ?6) "                                                            \
    "AND (?7 = 0 OR (?7 = -1 AND m.parent_id IS NULL) OR m.parent_id = ?7) "                      \
    "AND (?8 = 0 OR m.predecessor_id = ?8) "                                                       \
    "AND " ACCESS("r")

typedef struct SortRow {
    RowKeys k;
    const char *text;   /* the text key of the chosen order, or NULL */
    int64_t number;     /* the number key of the chosen order, or 0 */
    int64_t id;
    size_t at;          /* index in the unsorted list */
} SortRow;

static int sort_row_cmp(const void *pa, const void *pb)
{
    const SortRow *a = pa, *b = pb;
    if (a->k.period_start != b->k.period_start) {
        return a->k.period_start > b->k.period_start ? -1 : 1;   /* newest strategy first */
    }
    if (a->text && b->text) {
        int c = collate_nb_str(a->text, b->text);
        if (c) {
            return c;
        }
    }
    if (a->number != b->number) {
        return a->number < b->number ? -1 : 1;
    }
    if (a->k.sort_key != b->k.sort_key) {
        return a->k.sort_key < b->k.sort_key ? -1 : 1;
    }
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Put list in the order measure_list promises: newest strategy first;
 * then by sort ("deadline": end date, none last; "owner": the owner's
 * bokmål name, none last, both in Norwegian order; "progress": the stored
 * percent; "status": the status list's order); then by number.  Done here
 * rather than with ORDER BY, which made SQLite copy every column of every
 * row through its sorter — a third of the query's time. */
static void sort_rows(Arena *a, const char *sort, Measure *list, const RowKeys *keys, size_t n)
{
    if (n < 2) {
        return;
    }
    SortRow *rows = arena_alloc(a, n * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        const Measure *m = &list[i];
        rows[i] = (SortRow){.k = keys[i], .id = m->id, .at = i};
        if (str_eq(sort, "deadline")) {
            rows[i].text = m->end_date ? m->end_date : "9999";
        } else if (str_eq(sort, "owner")) {
            rows[i].text = m->owner_name ? m->owner_name : "ÿ";
        } else if (str_eq(sort, "progress")) {
            rows[i].number = m->own_progress;
        } else if (str_eq(sort, "status")) {
            rows[i].number = keys[i].status_position;
        }
    }
    qsort(rows, n, sizeof *rows, sort_row_cmp);
    Measure *copy = arena_alloc(a, n * sizeof *copy);
    memcpy(copy, list, n * sizeof *copy);
    for (size_t i = 0; i < n; i++) {
        list[i] = copy[rows[i].at];
    }
}

int measure_list(Db *db, Arena *a, const Viewer *v, const MeasureFilter *f, Measure **out, size_t *n, Err *e)
{
    static const MeasureFilter none = {0};
    if (!f) {
        f = &none;
    }
    /* The same filters in three statements for each column set, so SQLite
     * can start from the parent's or the strategy's index instead of
     * reading every measure. */
#define BY_PARENT "WHERE m.parent_id = ?7 AND (?1 = 0 OR m.strategy_id = ?1) " LIST_FILTERS
#define BY_STRATEGY "WHERE m.strategy_id = ?1 " LIST_FILTERS
#define BY_ANY "WHERE (?1 = 0 OR m.strategy_id = ?1) " LIST_FILTERS
    static const char *const sql[2][3] = {
        {"SELECT " MEASURE_COLS BY_PARENT, "SELECT " MEASURE_COLS BY_STRATEGY, "SELECT " MEASURE_COLS BY_ANY},
        {"SELECT " MEASURE_BRIEF_COLS BY_PARENT, "SELECT " MEASURE_BRIEF_COLS BY_STRATEGY,
         "SELECT " MEASURE_BRIEF_COLS BY_ANY},
    };
#undef BY_PARENT
#undef BY_STRATEGY
#undef BY_ANY
    Stmt *s = db_prepare(db, sql[f->brief][f->parent_id > 0 ? 0 : f->strategy_id ? 1 : 2]);
    access_bind(s, v);
    db_bind_int(s, 1, f->strategy_id);
    db_bind_int(s, 2, f->goal_area_id);
    db_bind_text(s, 3, f->owner_code);
    db_bind_text(s, 4, f->status);
    db_bind_text(s, 5, f->priority);
    db_bind_text(s, 6, measure_public_view(v) ? NULL : f->risk);   /* reported risk is internal */
    db_bind_int(s, 7, f->parent_id);
    db_bind_int(s, 8, f->predecessor_id);
    db_bind_int(s, 9, measure_public_view(v));   /* the public's status and priority are filtered below */
    size_t len = 0, cap = 0, klen = 0, kcap = 0;
    Measure *list = NULL;
    RowKeys *keys = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Measure *m = arena_push(a, &list, &len, &cap, sizeof *list);
        RowKeys *k = arena_push(a, &keys, &klen, &kcap, sizeof *keys);
        if (f->brief) {
            read_brief(s, a, m, k);
        } else {
            read_row(s, a, m, k);
        }
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading measures failed");
    }
    /* The public's state first, then the order: sorting by status, progress
     * or deadline must not reveal the live values through the order. */
    rc = measure_public_apply(db, a, v, list, len, false, e);
    if (rc) {
        return rc;
    }
    if (measure_public_view(v) && len > 1) {
        MeasureStatus *sts;
        size_t nst = 0;
        if (measure_status_list(db, a, &sts, &nst, e)) {
            return E_DB;
        }
        for (size_t i = 0; i < len; i++) {
            keys[i].status_position = (int64_t)nst + 1;   /* unpublished last */
            for (size_t k = 0; k < nst; k++) {
                if (str_eq(list[i].status, sts[k].code)) {
                    keys[i].status_position = (int64_t)k;
                    break;
                }
            }
        }
    }
    sort_rows(a, f->sort, list, keys, len);
    if (measure_public_view(v) && (f->status || f->priority)) {
        /* The public filters what it is shown: the published status and priority. */
        size_t kept = 0;
        for (size_t i = 0; i < len; i++) {
            if ((!f->status || str_eq(list[i].status, f->status)) &&
                (!f->priority || str_eq(list[i].priority, f->priority))) {
                list[kept++] = list[i];
            }
        }
        len = kept;
    }
    *out = list;
    *n = len;
    return 0;
}

int measure_get(Db *db, Arena *a, const Viewer *v, int64_t id, Measure *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " MEASURE_COLS "WHERE m.id = ?1 AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *out = (Measure){0};
        read_row(s, a, out, NULL);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the measure failed");
    }
    if (rc == DB_DONE) {
        return err_set(e, E_NOTFOUND, "no measure %lld", (long long)id);
    }
    return measure_public_apply(db, a, v, out, 1, true, e);
}

int measure_participants(Db *db, Arena *a, int64_t id, const char ***out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT mi.code, mi.name_nb FROM measure_participant p "
                             "JOIN ministry mi ON mi.id = p.ministry_id WHERE p.measure_id = ?1 "
                             "ORDER BY mi.name_nb COLLATE nb");
    db_bind_int(s, 1, id);
    size_t len = 0, cap = 0;
    const char **v = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *(const char **)arena_push(a, &v, &len, &cap, sizeof *v) = db_col_dup(s, 0, a);
        *(const char **)arena_push(a, &v, &len, &cap, sizeof *v) = db_col_dup(s, 1, a);
    }
    db_done(s);
    *out = v;
    *n = len / 2;
    return rc < 0 ? err_set(e, E_DB, "reading participants failed") : 0;
}

const char *visibility_label(const char *visibility)
{
    if (str_eq(visibility, "public")) {
        return N_("Åpen");
    }
    if (str_eq(visibility, "internal")) {
        return N_("Intern");
    }
    if (str_eq(visibility, "restricted")) {
        return N_("Begrenset tilgang");
    }
    return visibility;
}

int measure_set_access(Db *db, const Viewer *v, const char *client, int64_t id, const char *visibility,
                       const char *exemption_basis, const char *public_title, Err *e)
{
    return record_set_access(db, v, client, id, visibility, exemption_basis, public_title, e);
}

int measure_milestones(Db *db, Arena *a, int64_t id, MilestoneRow **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT title, due_date, done FROM milestone WHERE measure_id = ?1 ORDER BY position");
    db_bind_int(s, 1, id);
    size_t len = 0, cap = 0;
    MilestoneRow *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MilestoneRow *m = arena_push(a, &list, &len, &cap, sizeof *list);
        m->title = db_col_dup(s, 0, a);
        m->due_date = db_col_dup(s, 1, a);
        m->done = db_col_int(s, 2) != 0;
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading milestones failed") : 0;
}

static size_t texts(Stmt *s, Arena *a, const char ***out)
{
    size_t len = 0, cap = 0;
    const char **list = NULL;
    while (db_step(s) == DB_ROW) {
        *(const char **)arena_push(a, &list, &len, &cap, sizeof *list) = db_col_dup(s, 0, a);
    }
    db_done(s);
    *out = list;
    return len;
}

int measure_links(Db *db, Arena *a, int64_t id, const char ***areas, size_t *nareas, const char ***dirs,
                  size_t *ndirs, Err *e)
{
    (void)e;
    Stmt *s = db_prepare(db, "SELECT d.number || '. ' || d.text FROM measure_development_area x "
                             "JOIN development_area d ON d.id = x.development_area_id WHERE x.measure_id = ?1 "
                             "ORDER BY d.number");
    db_bind_int(s, 1, id);
    *nareas = texts(s, a, areas);
    s = db_prepare(db, "SELECT g.number || '.' || d.position || ' ' || d.text FROM measure_direction x "
                       "JOIN direction d ON d.id = x.direction_id JOIN goal_area g ON g.id = d.goal_area_id "
                       "WHERE x.measure_id = ?1 ORDER BY g.number, d.position");
    db_bind_int(s, 1, id);
    *ndirs = texts(s, a, dirs);
    return 0;
}
