/* ministry.c: see ministry.h. */
#include "app/strategy/strategy.h"

#include <string.h>

#include "app/core/access.h"

#define MINISTRY_COLS                                                                   \
    "m.id, m.code, m.name_nb, m.name_nn, m.name_en, m.valid_from, m.valid_to, "        \
    "s.code, s.name_nb, m.is_ministry, "                                               \
    "(SELECT count(*) FROM record x WHERE x.kind = 'measure' AND x.owner_ministry_id = m.id AND " ACCESS("x") ") "                \
    ", s.name_nn, s.name_en "                                                           \
    "FROM ministry m LEFT JOIN ministry s ON s.id = m.successor_id "

static void read_row(Stmt *s, Arena *a, Ministry *m)
{
    m->id = db_col_int(s, 0);
    m->code = db_col_dup(s, 1, a);
    m->name_nb = db_col_dup(s, 2, a);
    m->name_nn = db_col_dup(s, 3, a);
    m->name_en = db_col_dup(s, 4, a);
    m->valid_from = db_col_dup(s, 5, a);
    m->valid_to = db_col_dup(s, 6, a);
    m->successor_code = db_col_dup(s, 7, a);
    m->successor_name = db_col_dup(s, 8, a);
    m->is_ministry = db_col_int(s, 9) != 0;
    m->measure_count = (int)db_col_int(s, 10);
    m->successor_name_nn = db_col_dup(s, 11, a);
    m->successor_name_en = db_col_dup(s, 12, a);
}

static int read_all(Stmt *s, Arena *a, Ministry **out, size_t *n, Err *e)
{
    size_t cap = 0, len = 0;
    Ministry *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_row(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading ministries failed");
    }
    *out = list;
    *n = len;
    return 0;
}

int ministry_list(Db *db, Arena *a, const Viewer *v, int which, Ministry **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " MINISTRY_COLS
                             "WHERE (?1 & 1 AND m.valid_to IS NULL) OR (?1 & 2 AND m.valid_to IS NOT NULL) "
                             "ORDER BY m.name_nb COLLATE nb");
    db_bind_int(s, 1, which);
    access_bind(s, v);
    return read_all(s, a, out, n, e);
}

int ministry_get(Db *db, Arena *a, const Viewer *v, const char *code, Ministry *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " MINISTRY_COLS "WHERE m.code = upper(?1)");
    db_bind_text(s, 1, code);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the ministry failed");
    }
    if (rc == DB_DONE) {
        return err_set(e, E_NOTFOUND, "no ministry with code %s", code);
    }
    return 0;
}

int ministry_predecessors(Db *db, Arena *a, const Viewer *v, int64_t id, Ministry **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " MINISTRY_COLS "WHERE m.successor_id = ?1 ORDER BY m.valid_to DESC");
    db_bind_int(s, 1, id);
    access_bind(s, v);
    return read_all(s, a, out, n, e);
}
