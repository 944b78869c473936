/* notify.c: see notify.h.
 *
 * Whether the person to notify may read the record is decided with the
 * same SQL predicate as every read (access.h), bound to the Viewer that
 * person would be when signed in (perm_viewer).  Every statement that
 * lists or counts notifications carries ACCESS_ID on the record, bound to
 * the reader, so access lost later hides them again.
 */
#include "app/core/notify.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/i18n.h"
#include "base/util.h"

static const struct {
    const char *type;
    const char *what;   /* bokmål message id */
} g_types[] = {
    {NOTIFY_MENTION, N_("Nevnte deg i en kommentar")},
    {NOTIFY_DEADLINE, N_("Fristen nærmer seg")},
    {NOTIFY_ANSWER, N_("Nytt svar")},
    {NOTIFY_ROUND, N_("Ny runde")},
    {NOTIFY_TASK, N_("Ny oppgave")},
    {NOTIFY_MEETING, N_("Invitert til møte")},
    {NOTIFY_DECISION, N_("Nytt vedtak")},
    {NOTIFY_INTERACTION, N_("Bedt om å svare på samspill mellom mål")},
    {NOTIFY_OVERDUE, N_("Fristen er passert")},
    {NOTIFY_SUMMARY, N_("Oppsummering")},
};

static NotifyHook g_hook;

void notify_set_hook(NotifyHook h)
{
    g_hook = h;
}

static const char *what_of(const char *type)
{
    for (size_t i = 0; i < COUNT(g_types); i++) {
        if (str_eq(g_types[i].type, type)) {
            return g_types[i].what;
        }
    }
    return NULL;
}

const char *notify_what(const char *type)
{
    return what_of(type);
}

/* ---- who is notified ----------------------------------------------------- */

/* May v read record id fully (not only its public face)? */
static bool reads(Db *db, const Viewer *v, int64_t id)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM record r WHERE r.id = ?1 AND " ACCESS("r") " AND NOT "
                             ACCESS_MASKED("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    bool yes = db_step(s) == DB_ROW;
    db_done(s);
    return yes;
}

static int insert(Db *db, const Notice *n, bool *added, Err *e)
{
    char now[40];
    time_iso(now, sizeof now);
    /* A second mention in the same comment meets the unique index
     * notification_mention, a second reminder with the same key
     * notification_dedupe; both are dropped. */
    Stmt *s = db_prepare(db, "INSERT INTO notification (user_id, record_id, type, actor_id, comment_id, created_at, "
                             "dedupe_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING");
    db_bind_int(s, 1, n->user_id);
    db_bind_int(s, 2, n->record_id);
    db_bind_text(s, 3, n->type);
    if (n->actor_id) {
        db_bind_int(s, 4, n->actor_id);
    }
    if (n->comment_id) {
        db_bind_int(s, 5, n->comment_id);
    }
    db_bind_text(s, 6, now);
    if (n->dedupe_key && *n->dedupe_key) {
        db_bind_text(s, 7, n->dedupe_key);
    }
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the notification failed");
    db_done(s);
    *added = !rc && db_changes(db) == 1;
    if (*added && g_hook) {
        rc = g_hook(db, db_last_id(db), n, e);
    }
    return rc;
}

int notify_add(Db *db, const Notice *n, bool *added, Err *e)
{
    assert(n);
    bool dummy;
    added = added ? added : &dummy;
    *added = false;
    if (!what_of(n->type) || (str_eq(n->type, NOTIFY_MENTION) && !n->comment_id)) {
        return err_set(e, E_INVALID, "unknown notification type or a mention without a comment");
    }
    if (n->user_id == n->actor_id) {
        return 0;
    }
    Arena a = {0};
    Viewer who;
    bool ok = perm_viewer(db, &a, n->user_id, &who, NULL) == 0 && reads(db, &who, n->record_id);
    arena_free(&a);
    if (!ok) {
        return 0;
    }
    int rc = db_begin(db, e);
    if (!rc) {
        rc = db_finish(db, insert(db, n, added, e), e);
    }
    if (rc) {
        *added = false;
    }
    return rc;
}

/* ---- reading -------------------------------------------------------------- */

/* The reader's own notifications (?1 = v's id) about records they may
 * read. */
#define MINE "n.user_id = ?1 AND " ACCESS_ID("n.record_id")

/* Columns: id, type, record id, kind, title, actor's username and name,
 * comment id (0: none), comment deleted, created at, read at. */
static void read_notification(Stmt *s, Arena *a, Notification *x)
{
    x->id = db_col_int(s, 0);
    x->type = db_col_dup(s, 1, a);
    x->what = what_of(x->type) ? what_of(x->type) : N_("Varsel");
    x->record_id = db_col_int(s, 2);
    x->kind = record_kind(db_col_text(s, 3));
    x->record_title = db_col_dup(s, 4, a);
    x->actor = db_col_dup(s, 5, a);
    x->actor_name = db_col_dup(s, 6, a);
    x->comment_id = db_col_int(s, 7);
    x->comment_deleted = db_col_int(s, 8) != 0;
    x->created_at = db_col_dup(s, 9, a);
    x->read_at = db_col_dup(s, 10, a);
    x->url = record_url(a, x->kind, x->record_id);
    if (x->comment_id) {
        x->url = arena_printf(a, "%s#comment-%lld", x->url, (long long)x->comment_id);
    }
}

int notify_list(Db *db, Arena *a, const Viewer *v, const NotifyFilter *f, Notification **out, size_t *n,
                bool *more, Err *e)
{
    assert(v && f && out && n);
    *out = NULL;
    *n = 0;
    if (more) {
        *more = false;
    }
    if (!v->user_id) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn for å se varslene dine."));
    }
    int limit = f->limit >= 1 && f->limit <= 200 ? f->limit : 50;
    Stmt *s = db_prepare(db, "SELECT n.id, n.type, r.id, r.kind, " ACCESS_TITLE("r") ", ac.username, ac.full_name, "
                             "ifnull(n.comment_id, 0), c.deleted_at IS NOT NULL, n.created_at, n.read_at "
                             "FROM notification n JOIN record r ON r.id = n.record_id "
                             "LEFT JOIN account ac ON ac.id = n.actor_id LEFT JOIN comment c ON c.id = n.comment_id "
                             "WHERE " MINE " AND (?2 = 0 OR n.read_at IS NULL) AND (?3 = 0 OR n.id < ?3) "
                             "ORDER BY n.id DESC LIMIT ?4");
    db_bind_int(s, 1, v->user_id);
    db_bind_int(s, 2, f->unread);
    db_bind_int(s, 3, f->before_id);
    db_bind_int(s, 4, limit + 1);
    access_bind(s, v);
    size_t len = 0, cap = 0;
    Notification *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (len == (size_t)limit) {
            if (more) {
                *more = true;
            }
            continue;
        }
        read_notification(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the notifications failed");
    }
    *out = list;
    *n = len;
    return 0;
}

int notify_unread_count(Db *db, const Viewer *v)
{
    if (!v || !v->user_id) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT count(*) FROM notification n WHERE " MINE " AND n.read_at IS NULL");
    db_bind_int(s, 1, v->user_id);
    access_bind(s, v);
    int count = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return count;
}

/* ---- marking read ----------------------------------------------------------- */

static int mark(Db *db, const Viewer *v, int64_t id, int *marked, Err *e)
{
    if (id) {
        Stmt *s = db_prepare(db, "SELECT 1 FROM notification n WHERE n.id = ?2 AND " MINE);
        db_bind_int(s, 1, v->user_id);
        db_bind_int(s, 2, id);
        access_bind(s, v);
        int rc = db_step(s);
        db_done(s);
        if (rc != DB_ROW) {
            return rc < 0 ? err_set(e, E_DB, "reading the notification failed")
                          : err_set(e, E_NOTFOUND, N_("Fant ikke varselet."));
        }
    }
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "UPDATE notification AS n SET read_at = ?3 WHERE " MINE " AND n.read_at IS NULL "
                             "AND (?2 = 0 OR n.id = ?2)");
    db_bind_int(s, 1, v->user_id);
    db_bind_int(s, 2, id);
    db_bind_text(s, 3, now);
    access_bind(s, v);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "marking the notifications read failed");
    db_done(s);
    *marked = rc ? 0 : db_changes(db);
    return rc;
}

int notify_mark_read(Db *db, const Viewer *v, const char *client, int64_t id, int *marked, Err *e)
{
    assert(v);
    int dummy;
    marked = marked ? marked : &dummy;
    *marked = 0;
    if (!v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn for å endre varslene dine."));
    }
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = mark(db, v, id, marked, e);
    if (!rc && *marked) {
        char oid[32], summary[64];
        snprintf(oid, sizeof oid, "%lld", (long long)id);
        snprintf(summary, sizeof summary, "%d marked read", *marked);
        rc = audit_append(db, v, client, "notification.read", "notification", id ? oid : "", summary, e);
    }
    rc = db_finish(db, rc, e);
    if (rc) {
        *marked = 0;
    }
    return rc;
}
