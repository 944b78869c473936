/* consult_remind.c: the deadlines of consultation rounds, for the
 * scheduler's reminders (consult_deadlines in consult.h).
 *
 * For every answer still to give in an open round, with the ministry's
 * own deadline when it was extended: three working days before it
 * (base/holiday.c), on the day, and once the day after it has passed —
 * to whoever has taken the answer, else to everyone who may answer for
 * the ministry (consult_can_act, as when they sign in).
 */
#include "app/consult/consult.h"

#include <stdio.h>

#include "app/core/notify.h"
#include "base/holiday.h"
#include "base/util.h"

/* The stage of deadline on today: "3d", "0d", "overdue" or NULL. */
static const char *stage_of(const char *today, const char *deadline)
{
    if (str_eq(today, deadline)) {
        return "0d";
    }
    long t, d;
    if (!date_days(today, &t) || !date_days(deadline, &d)) {
        return NULL;
    }
    if (d > t) {
        return workdays_between(today, deadline) == 3 && date_is_workday(today) ? "3d" : NULL;
    }
    /* The first days after it passed (a scan that missed the day itself
     * still reminds, an old round does not start reminding). */
    return t - d <= 7 ? "overdue" : NULL;
}

/* The key names the deadline too, so a deadline that is extended is
 * reminded of again. */
static int push(Arena *a, ConsultDeadline **out, size_t *n, size_t *cap, int64_t answer, int64_t user,
                const char *deadline, const char *stage)
{
    ConsultDeadline *x = arena_push(a, out, n, cap, sizeof **out);
    x->answer_id = answer;
    x->user_id = user;
    x->overdue = str_eq(stage, "overdue");
    x->key = arena_printf(a, "consult-answer:%lld:%s:%s", (long long)answer, deadline, stage);
    return 0;
}

int consult_deadlines(Db *db, Arena *a, const char *today, ConsultDeadline **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    Stmt *s = db_prepare(db, "SELECT ca.id, ca.ministry_id, ifnull(ca.taken_by, 0), ifnull(ca.deadline, cr.deadline) "
                             "FROM consult_answer ca JOIN consult_round cr ON cr.id = ca.round_id "
                             "WHERE cr.closed_on IS NULL AND ca.answered_on IS NULL ORDER BY ca.id");
    typedef struct Due {
        int64_t answer, ministry, taken_by;
        const char *deadline, *stage;
    } Due;
    Due *due = NULL;
    size_t nd = 0, capd = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        const char *stage = stage_of(today, db_col_text(s, 3));
        if (stage) {
            *(Due *)arena_push(a, &due, &nd, &capd, sizeof *due) =
                (Due){db_col_int(s, 0), db_col_int(s, 1), db_col_int(s, 2), db_col_dup(s, 3, a), stage};
        }
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the consultation deadlines failed");
    }
    for (size_t i = 0; i < nd; i++) {
        if (due[i].taken_by) {
            push(a, out, n, &cap, due[i].answer, due[i].taken_by, due[i].deadline, due[i].stage);
            continue;
        }
        s = db_prepare(db, "SELECT DISTINCT u.id FROM account u JOIN role_grant g ON g.user_id = u.id "
                           "WHERE u.active = 1 AND (g.ministry_id = ?1 OR (g.ministry_id IS NULL AND u.ministry_id = ?1)) "
                           "ORDER BY u.id");
        db_bind_int(s, 1, due[i].ministry);
        int64_t ids[256];
        size_t m = 0;
        while (db_step(s) == DB_ROW && m < COUNT(ids)) {
            ids[m++] = db_col_int(s, 0);
        }
        db_done(s);
        for (size_t j = 0; j < m; j++) {
            Viewer who;
            if (perm_viewer(db, a, ids[j], &who, NULL) == 0 && consult_can_act(&who, due[i].ministry)) {
                push(a, out, n, &cap, due[i].answer, ids[j], due[i].deadline, due[i].stage);
            }
        }
    }
    return 0;
}
