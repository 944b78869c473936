/* strategy.c: see strategy.h. */
#include "app/strategy/strategy.h"

#include <stdlib.h>

#include "app/core/access.h"
#include "base/util.h"

/* The strategy in force in year ?80: the newest one that had started by
 * then (2025– from 2025, although 2021–2025 runs to the end of that year:
 * a successor takes over when it starts); before the first one started,
 * the first. */
#define IN_FORCE_ID                                                                            \
    "(SELECT c.id FROM strategy c ORDER BY c.period_start <= ?80 DESC, "                       \
    "CASE WHEN c.period_start <= ?80 THEN -c.period_start ELSE c.period_start END, c.id DESC LIMIT 1)"

/* The columns of a strategy; count is the SQL for its measure count. */
#define STRATEGY_COLS_(count)                                                                  \
    "s.id, s.slug, s.title, s.subtitle, s.period_start, s.period_end, s.goal, s.summary, "     \
    "m.code, m.name_nb, p.slug, (SELECT n.slug FROM strategy n WHERE n.predecessor_id = s.id), " \
    "s.source, " count ", "                                                                    \
    "(SELECT count(*) FROM goal_area g WHERE g.strategy_id = s.id), m.name_nn, m.name_en, "    \
    "s.id = " IN_FORCE_ID " "                                                                  \
    "FROM strategy s LEFT JOIN ministry m ON m.id = s.secretariat_id "                         \
    "LEFT JOIN strategy p ON p.id = s.predecessor_id "
#define STRATEGY_COLS                                                                          \
    STRATEGY_COLS_("(SELECT count(*) FROM measure x JOIN record xr ON xr.id = x.id WHERE x.strategy_id = s.id AND " \
                   ACCESS("xr") ")")

static void read_strategy(Stmt *s, Arena *a, Strategy *st)
{
    st->id = db_col_int(s, 0);
    st->slug = db_col_dup(s, 1, a);
    st->title = db_col_dup(s, 2, a);
    st->subtitle = db_col_dup(s, 3, a);
    st->period_start = (int)db_col_int(s, 4);
    st->period_end = db_col_null(s, 5) ? 0 : (int)db_col_int(s, 5);
    st->period = st->period_end ? arena_printf(a, "%d–%d", st->period_start, st->period_end)
                                : arena_printf(a, "%d–", st->period_start);
    st->goal = db_col_dup(s, 6, a);
    st->summary = db_col_dup(s, 7, a);
    st->secretariat_code = db_col_dup(s, 8, a);
    st->secretariat_name = db_col_dup(s, 9, a);
    st->predecessor_slug = db_col_dup(s, 10, a);
    st->successor_slug = db_col_dup(s, 11, a);
    st->source = db_col_dup(s, 12, a);
    st->measure_count = (int)db_col_int(s, 13);
    st->area_count = (int)db_col_int(s, 14);
    st->secretariat_name_nn = db_col_dup(s, 15, a);
    st->secretariat_name_en = db_col_dup(s, 16, a);
    st->in_force = db_col_int(s, 17) != 0;
}

/* The year of an ISO date (today's when date is NULL). */
static int year_of(const char *date)
{
    char today[16];
    if (!date || !date_valid(date)) {
        date_today(today, sizeof today);
        date = today;
    }
    return atoi(date);
}

/* Bind ?80, the year whose strategy is in force. */
static void bind_year(Stmt *s, const char *date)
{
    db_bind_int(s, 80, year_of(date));
}

static int one_strategy(Stmt *s, Arena *a, Strategy *out, Err *e, const char *what)
{
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_strategy(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the strategy failed");
    }
    return rc == DB_DONE ? err_set(e, E_NOTFOUND, "no strategy %s", what) : 0;
}

int strategy_list(Db *db, Arena *a, const Viewer *v, Strategy **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " STRATEGY_COLS "ORDER BY s.period_start DESC");
    access_bind(s, v);
    bind_year(s, NULL);
    size_t len = 0, cap = 0;
    Strategy *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_strategy(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading strategies failed") : 0;
}

int strategy_get(Db *db, Arena *a, const Viewer *v, const char *slug, Strategy *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " STRATEGY_COLS "WHERE s.slug = ?1");
    access_bind(s, v);
    bind_year(s, NULL);
    db_bind_text(s, 1, slug);
    return one_strategy(s, a, out, e, slug);
}

int strategy_in_force(Db *db, Arena *a, const Viewer *v, const char *date, Strategy *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " STRATEGY_COLS "WHERE s.id = " IN_FORCE_ID);
    access_bind(s, v);
    bind_year(s, date);
    return one_strategy(s, a, out, e, "in force");
}

int strategy_current(Db *db, Arena *a, const Viewer *v, Strategy *out, Err *e)
{
    return strategy_in_force(db, a, v, NULL, out, e);
}

int strategy_current_plain(Db *db, Arena *a, Strategy *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " STRATEGY_COLS_("0") "WHERE s.id = " IN_FORCE_ID);
    bind_year(s, NULL);
    return one_strategy(s, a, out, e, "in force");
}

static void read_area(Stmt *s, Arena *a, GoalArea *g)
{
    g->id = db_col_int(s, 0);
    g->strategy_id = db_col_int(s, 1);
    g->strategy_slug = db_col_dup(s, 2, a);
    g->number = (int)db_col_int(s, 3);
    g->title = db_col_dup(s, 4, a);
    g->description = db_col_dup(s, 5, a);
    g->measure_count = (int)db_col_int(s, 6);
}

#define AREA_COLS_(count)                                                                      \
    "g.id, g.strategy_id, s.slug, g.number, g.title, g.description, " count " "                \
    "FROM goal_area g JOIN strategy s ON s.id = g.strategy_id "
#define AREA_COLS                                                                              \
    AREA_COLS_("(SELECT count(*) FROM measure x JOIN record xr ON xr.id = x.id WHERE x.goal_area_id = g.id AND " \
               ACCESS("xr") ")")

int goal_area_list(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, GoalArea **out, size_t *n, Err *e)
{
    Stmt *s = v ? db_prepare(db, "SELECT " AREA_COLS "WHERE g.strategy_id = ?1 ORDER BY g.number")
                : db_prepare(db, "SELECT " AREA_COLS_("0") "WHERE g.strategy_id = ?1 ORDER BY g.number");
    if (v) {
        access_bind(s, v);
    }
    db_bind_int(s, 1, strategy_id);
    size_t len = 0, cap = 0;
    GoalArea *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_area(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading target areas failed") : 0;
}

int goal_area_get(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, int number, GoalArea *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " AREA_COLS "WHERE g.strategy_id = ?1 AND g.number = ?2");
    access_bind(s, v);
    db_bind_int(s, 1, strategy_id);
    db_bind_int(s, 2, number);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_area(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the target area failed");
    }
    return rc == DB_DONE ? err_set(e, E_NOTFOUND, "no target area %d", number) : 0;
}

static int text_items(Stmt *s, Arena *a, TextItem **out, size_t *n, Err *e)
{
    size_t len = 0, cap = 0;
    TextItem *v = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        TextItem *t = arena_push(a, &v, &len, &cap, sizeof *v);
        t->number = (int)db_col_int(s, 0);
        t->text = db_col_dup(s, 1, a);
    }
    db_done(s);
    *out = v;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading the strategy text failed") : 0;
}

int direction_list(Db *db, Arena *a, int64_t goal_area_id, TextItem **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT position, text FROM direction WHERE goal_area_id = ?1 ORDER BY position");
    db_bind_int(s, 1, goal_area_id);
    return text_items(s, a, out, n, e);
}

int development_area_list(Db *db, Arena *a, int64_t strategy_id, TextItem **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT number, text FROM development_area WHERE strategy_id = ?1 ORDER BY number");
    db_bind_int(s, 1, strategy_id);
    return text_items(s, a, out, n, e);
}

int strategy_point_list(Db *db, Arena *a, int64_t strategy_id, const char *kind, TextItem **out,
                        size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT position, text FROM strategy_point "
                             "WHERE strategy_id = ?1 AND kind = ?2 ORDER BY position");
    db_bind_int(s, 1, strategy_id);
    db_bind_text(s, 2, kind);
    return text_items(s, a, out, n, e);
}
