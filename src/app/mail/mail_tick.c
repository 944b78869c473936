/* mail_tick.c: the scheduler (see mail.h) — deadline reminders from a
 * table of deadline sources, the daily and weekly digests, and the weekly
 * summary for secretaries general.  Run every minute by the mail thread
 * in `samla serve`, or by `samla mail tick` from a timer; running it
 * twice in a day writes nothing twice.
 *
 * Reminders are notifications (notify_add, with a dedupe key such as
 * "consult-answer:12:2026-10-26:3d"), so they show in samla as well, and go out by
 * e-mail through the notification hook like everything else.
 *
 * A daily digest on day D holds the person's notifications that were
 * set aside for it (mail_pending, by the notification hook) before D; a
 * weekly one, on the first run in a week, those set aside before that
 * week's Monday.  So the day's (the week's) items go out together in one
 * e-mail, and a choice of "off" is never mailed later.
 */
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "app/consult/consult.h"
#include "app/core/notify.h"
#include "app/mail/mail_int.h"
#include "app/measure/measure.h"
#include "base/holiday.h"
#include "base/util.h"

/* ---- deadline sources ------------------------------------------------------------- */

static int consult_source(Db *db, Arena *a, const char *today, MailDeadline **out, size_t *n, Err *e)
{
    ConsultDeadline *xs;
    size_t m;
    int rc = consult_deadlines(db, a, today, &xs, &m, e);
    *out = m ? arena_alloc(a, m * sizeof **out) : NULL;
    *n = rc ? 0 : m;
    for (size_t i = 0; i < *n; i++) {
        (*out)[i] = (MailDeadline){xs[i].answer_id, xs[i].user_id, xs[i].overdue ? NOTIFY_OVERDUE : NOTIFY_DEADLINE,
                                   xs[i].key};
    }
    return rc;
}

static int round_source(Db *db, Arena *a, const char *today, MailDeadline **out, size_t *n, Err *e)
{
    RoundDeadline *xs;
    size_t m;
    int rc = round_deadlines(db, a, today, &xs, &m, e);
    *out = m ? arena_alloc(a, m * sizeof **out) : NULL;
    *n = rc ? 0 : m;
    for (size_t i = 0; i < *n; i++) {
        (*out)[i] = (MailDeadline){xs[i].measure_id, xs[i].user_id, xs[i].overdue ? NOTIFY_OVERDUE : NOTIFY_DEADLINE,
                                   xs[i].key};
    }
    return rc;
}

/* Where deadlines come from.  Tasks (due tomorrow, overdue) join with one
 * line in the table when the task domain exists, and this adapter over
 * its door's task_deadlines (TaskDeadline: task_id, user_id, due,
 * overdue):
 *
 *   static int task_source(Db *db, Arena *a, const char *today, MailDeadline **out, size_t *n, Err *e)
 *   {
 *       TaskDeadline *xs;
 *       size_t m;
 *       int rc = task_deadlines(db, a, today, &xs, &m, e);
 *       *out = m ? arena_alloc(a, m * sizeof **out) : NULL;
 *       *n = rc ? 0 : m;
 *       for (size_t i = 0; i < *n; i++) {
 *           (*out)[i] = (MailDeadline){xs[i].task_id, xs[i].user_id, xs[i].overdue ? NOTIFY_OVERDUE : NOTIFY_DEADLINE,
 *                                      arena_printf(a, "task:%lld:%s", (long long)xs[i].task_id,
 *                                                   xs[i].overdue ? "overdue" : "1d")};
 *       }
 *       return rc;
 *   }
 *
 * (the key's "1d" is rendered «Fristen er i morgen»). */
static const struct {
    const char *name;
    MailDeadlineSource fn;
} g_sources[] = {
    {"consultation rounds", consult_source},
    {"reporting rounds", round_source},
};

static int reminders(Db *db, const char *today, int *made, Err *e)
{
    for (size_t i = 0; i < COUNT(g_sources); i++) {
        Arena a = {0};
        MailDeadline *xs;
        size_t n;
        int rc = g_sources[i].fn(db, &a, today, &xs, &n, e);
        if (!rc && n) {
            rc = db_begin(db, e);
            if (!rc) {
                for (size_t j = 0; !rc && j < n; j++) {
                    bool added = false;
                    Notice note = {.user_id = xs[j].user_id, .record_id = xs[j].record_id, .type = xs[j].type,
                                   .dedupe_key = xs[j].key};
                    rc = notify_add(db, &note, &added, e);
                    *made += added;
                }
                rc = db_finish(db, rc, e);
            }
        }
        arena_free(&a);
        if (rc) {
            return rc;
        }
    }
    return 0;
}

/* ---- digests ------------------------------------------------------------------------ */

/* The Monday of the week of iso, into out. */
static void monday_of(const char *iso, char *out, size_t n)
{
    int wd = date_weekday(iso);
    date_add(iso, wd ? -(wd - 1) : 0, out, n);
}

typedef struct Pending {
    int64_t id, user_id;
    bool weekly;
} Pending;

/* The notifications waiting for a digest that is due on today: daily ones
 * written before today, weekly ones written before this week's Monday;
 * one digest per person and cadence. */
static int digests(Db *db, const char *today, int *made, Err *e)
{
    Arena a = {0};
    char monday[16];
    monday_of(today, monday, sizeof monday);
    Stmt *s = db_prepare(db, "SELECT notification_id, user_id, cadence = 'weekly' FROM mail_pending "
                             "WHERE (cadence = 'daily' AND created_on < ?1) OR (cadence = 'weekly' AND created_on < ?2) "
                             "ORDER BY user_id, cadence, notification_id");
    db_bind_text(s, 1, today);
    db_bind_text(s, 2, monday);
    Pending *ps = NULL;
    size_t np = 0, cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *(Pending *)arena_push(&a, &ps, &np, &cap, sizeof *ps) =
            (Pending){db_col_int(s, 0), db_col_int(s, 1), db_col_int(s, 2) != 0};
    }
    db_done(s);
    if (rc < 0) {
        arena_free(&a);
        return err_set(e, E_DB, "reading the notifications for digests failed");
    }
    rc = np ? db_begin(db, e) : 0;
    int64_t box = 0;
    for (size_t i = 0; !rc && i < np; i++) {
        if (i == 0 || ps[i].user_id != ps[i - 1].user_id || ps[i].weekly != ps[i - 1].weekly) {
            rc = mail_outbox_add(db, ps[i].user_id, NULL, ps[i].weekly ? "weekly" : "daily", &box, e);
            *made += !rc;
        }
        if (!rc) {
            rc = mail_item_add(db, box, ps[i].id, e);
        }
        if (!rc) {
            Stmt *d = db_prepare(db, "DELETE FROM mail_pending WHERE notification_id = ?1");
            db_bind_int(d, 1, ps[i].id);
            rc = db_step(d) == DB_DONE ? 0 : err_set(e, E_DB, "moving the notification into a digest failed");
            db_done(d);
        }
    }
    if (np) {
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}

/* The weekly summary: to each secretary general who has not turned it
 * off, on the first run of each week from Monday. */
static int summaries(Db *db, const char *today, int *made, Err *e)
{
    char monday[16];
    monday_of(today, monday, sizeof monday);
    Stmt *s = db_prepare(db, "SELECT DISTINCT ac.id, ifnull(d.last_on, '') FROM account ac "
                             "JOIN role_grant g ON g.user_id = ac.id AND g.role = 'secretary_general' "
                             "LEFT JOIN mail_digest d ON d.user_id = ac.id AND d.cadence = 'summary' "
                             "WHERE ac.active = 1 AND ac.email LIKE '%_@_%' AND ifnull(d.last_on, '') < ?1 ORDER BY ac.id");
    db_bind_text(s, 1, monday);
    int64_t ids[512];
    bool fresh[512];
    size_t n = 0;
    while (db_step(s) == DB_ROW && n < COUNT(ids)) {
        fresh[n] = !*db_col_text(s, 1);
        ids[n++] = db_col_int(s, 0);
    }
    db_done(s);
    int rc = n ? db_begin(db, e) : 0;
    for (size_t i = 0; !rc && i < n; i++) {
        /* Someone new to it starts on a Monday rather than mid-week. */
        bool send = mail_pref_get(db, ids[i], NOTIFY_SUMMARY) != CADENCE_OFF &&
                    (!fresh[i] || date_weekday(today) == 1);
        if (send) {
            rc = mail_outbox_add(db, ids[i], NULL, "summary", NULL, e);
            *made += !rc;
        }
        if (!rc) {
            Stmt *u = db_prepare(db, "INSERT INTO mail_digest (user_id, cadence, last_on) VALUES (?1, 'summary', ?2) "
                                     "ON CONFLICT (user_id, cadence) DO UPDATE SET last_on = excluded.last_on");
            db_bind_int(u, 1, ids[i]);
            db_bind_text(u, 2, today);
            rc = db_step(u) == DB_DONE ? 0 : err_set(e, E_DB, "saving the summary day failed");
            db_done(u);
        }
    }
    return n ? db_finish(db, rc, e) : rc;
}

/* Sent and dropped mail is kept 90 days for the administrators' view, then
 * removed (the notifications stay; what was mailed is then forgotten). */
enum { KEEP_DAYS = 90 };

static int prune(Db *db, Err *e)
{
    int64_t before = (int64_t)time(NULL) - (int64_t)KEEP_DAYS * 24 * 3600;
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "DELETE FROM mail_item WHERE outbox_id IN (SELECT id FROM mail_outbox "
                             "WHERE status IN ('sent', 'dropped') AND created_at < ?1)");
    db_bind_int(s, 1, before);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "removing old e-mail failed");
    db_done(s);
    if (!rc) {
        s = db_prepare(db, "DELETE FROM mail_outbox WHERE status IN ('sent', 'dropped') AND created_at < ?1");
        db_bind_int(s, 1, before);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "removing old e-mail failed");
        db_done(s);
    }
    return db_finish(db, rc, e);
}

int mail_tick(Db *db, const char *today, int *made, Err *e)
{
    int dummy = 0;
    made = made ? made : &dummy;
    *made = 0;
    if (!date_valid(today)) {
        return err_set(e, E_INVALID, "not a date: %s", today ? today : "(none)");
    }
    int rc = reminders(db, today, made, e);
    if (!rc) {
        rc = digests(db, today, made, e);
    }
    if (!rc) {
        rc = summaries(db, today, made, e);
    }
    if (!rc) {
        rc = prune(db, e);
    }
    return rc;
}
