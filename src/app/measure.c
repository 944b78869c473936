/* measure.c: see measure.h. */
#include "measure.h"

#include <string.h>

#include "base/util.h"

static const struct {
    const char *code, *label;
} statuses[] = {
    {"not_started", "Ikke startet"}, {"planned", "Planlagt"}, {"in_progress", "Pågår"},
    {"delayed", "Forsinket"},        {"completed", "Fullført"}, {"stopped", "Stanset"},
    {"continued", "Videreført"},
};

const char *measure_status_label(const char *status)
{
    for (size_t i = 0; i < COUNT(statuses); i++) {
        if (str_eq(statuses[i].code, status)) {
            return statuses[i].label;
        }
    }
    return status;
}

int measure_status_valid(const char *status)
{
    for (size_t i = 0; i < COUNT(statuses); i++) {
        if (str_eq(statuses[i].code, status)) {
            return 1;
        }
    }
    return 0;
}

#define MEASURE_COLS                                                                           \
    "m.id, m.strategy_id, s.slug, s.period_start, s.period_end, g.number, g.title, m.number, "  \
    "m.title, m.theme, m.description, o.code, o.name_nb, m.status "                            \
    "FROM measure m JOIN strategy s ON s.id = m.strategy_id "                                  \
    "LEFT JOIN goal_area g ON g.id = m.goal_area_id "                                          \
    "LEFT JOIN ministry o ON o.id = m.owner_ministry_id "

static void read_row(Stmt *s, Arena *a, Measure *m)
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
}

int measure_list(Db *db, Arena *a, const MeasureFilter *f, Measure **out, size_t *n, Err *e)
{
    static const MeasureFilter none = {0};
    if (!f) {
        f = &none;
    }
    Stmt *s = db_prepare(db, "SELECT " MEASURE_COLS
                             "WHERE (?1 = 0 OR m.strategy_id = ?1) AND (?2 = 0 OR m.goal_area_id = ?2) "
                             "AND (?3 IS NULL OR o.code = ?3 OR EXISTS (SELECT 1 FROM measure_participant p "
                             "  JOIN ministry pm ON pm.id = p.ministry_id WHERE p.measure_id = m.id AND pm.code = ?3)) "
                             "AND (?4 IS NULL OR m.status = ?4) "
                             "ORDER BY s.period_start DESC, m.sort_key");
    db_bind_int(s, 1, f->strategy_id);
    db_bind_int(s, 2, f->goal_area_id);
    db_bind_text(s, 3, f->owner_code);
    db_bind_text(s, 4, f->status);
    size_t len = 0, cap = 0;
    Measure *v = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_row(s, a, arena_push(a, &v, &len, &cap, sizeof *v));
    }
    db_done(s);
    *out = v;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading measures failed") : 0;
}

int measure_get(Db *db, Arena *a, int64_t id, Measure *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " MEASURE_COLS "WHERE m.id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the measure failed");
    }
    return rc == DB_DONE ? err_set(e, E_NOTFOUND, "no measure %lld", (long long)id) : 0;
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
