/* round_remind.c: the deadlines of reporting rounds, for the e-mail
 * scheduler's reminders (round_deadlines in measure.h).
 *
 * For every open round, each measure it asks for (with an owner ministry;
 * since migration 016 only those not finished and started by the
 * deadline) and no report yet: three working days before the deadline, on
 * the day, and once after it passed — to the case officers who may report
 * for the ministry that reports for the owner (perm_can_report_for, as
 * when they sign in): in a round opened since migration 016, a renamed
 * ministry's successor on the day the round opened (round_reporter).
 * The reminder is about the measure's record, which those officers read.
 */
#include "app/measure/measure.h"
#include "app/measure/round.h"

#include "base/holiday.h"
#include "base/util.h"

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
    return t - d <= 7 ? "overdue" : NULL;
}

int round_deadlines(Db *db, Arena *a, const char *today, RoundDeadline **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    typedef struct Due {
        int64_t round, measure, ministry;
        const char *deadline, *stage;
        bool active_only;         /* opened since migration 016: a renamed owner's successor reports */
        const char *opened_at;
    } Due;
    Due *due = NULL;
    size_t nd = 0, capd = 0;
    Stmt *s = db_prepare(db, "SELECT rr.id, m.id, r.owner_ministry_id, rr.deadline, rr.active_only, rr.opened_at FROM reporting_round rr "
                             "JOIN measure m ON m.strategy_id = rr.strategy_id JOIN record r ON r.id = m.id "
                             "WHERE rr.closed_at IS NULL AND rr.collects = 'measures' AND r.owner_ministry_id IS NOT NULL "
                             /* what the round asks for (round.c's IN_ROUND): since migration 016 only
                              * measures not finished and started by the deadline */
                             "AND (rr.active_only = 0 OR (m.status NOT IN ('completed', 'stopped', 'continued') "
                             "AND (m.start_date IS NULL OR m.start_date <= rr.deadline))) AND NOT EXISTS "
                             "(SELECT 1 FROM measure_report y WHERE y.round_id = rr.id AND y.measure_id = m.id) "
                             "ORDER BY rr.id, m.id");
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        const char *stage = stage_of(today, db_col_text(s, 3));
        if (stage) {
            *(Due *)arena_push(a, &due, &nd, &capd, sizeof *due) =
                (Due){db_col_int(s, 0), db_col_int(s, 1), db_col_int(s, 2), db_col_dup(s, 3, a), stage,
                      db_col_int(s, 4) != 0, db_col_dup(s, 5, a)};
        }
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the reporting deadlines failed");
    }
    for (size_t i = 0; i < nd; i++) {
        if (due[i].active_only) {
            due[i].ministry = round_reporting_ministry(db, due[i].ministry, due[i].opened_at);
        }
        s = db_prepare(db, "SELECT DISTINCT u.id FROM account u JOIN role_grant g ON g.user_id = u.id "
                           "WHERE u.active = 1 AND g.role = 'case_officer' "
                           "AND (g.ministry_id = ?1 OR (g.ministry_id IS NULL AND u.ministry_id = ?1)) ORDER BY u.id");
        db_bind_int(s, 1, due[i].ministry);
        int64_t ids[256];
        size_t m = 0;
        while (db_step(s) == DB_ROW && m < COUNT(ids)) {
            ids[m++] = db_col_int(s, 0);
        }
        db_done(s);
        for (size_t j = 0; j < m; j++) {
            Viewer who;
            if (perm_viewer(db, a, ids[j], &who, NULL) == 0 && perm_can_report_for(&who, due[i].ministry)) {
                RoundDeadline *x = arena_push(a, out, n, &cap, sizeof **out);
                x->measure_id = due[i].measure;
                x->user_id = ids[j];
                x->overdue = str_eq(due[i].stage, "overdue");
                x->key = arena_printf(a, "report-round:%lld:%lld:%s:%s", (long long)due[i].round,
                                      (long long)due[i].measure, due[i].deadline, due[i].stage);
            }
        }
    }
    return 0;
}
