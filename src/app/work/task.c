/* task.c: tasks — reading, the lists (mine, a ministry's), saving
 * (versions, assignment notifications), the reminders' deadlines, and the
 * kind of record. */
#include "app/work/work.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/work/work_int.h"
#include "base/util.h"

const char *const g_task_field_names[TF_COUNT] = {"title", "description", "ministry", "assignee", "due_on",
                                                  "status", "decision", "meeting", "group"};
const char *const g_task_field_labels[TF_COUNT] = {N_("Tittel"), N_("Beskrivelse"), N_("Ansvarlig departement"),
                                                   N_("Ansvarlig person"), N_("Frist"), N_("Status"),
                                                   N_("Vedtak"), N_("Møte"), N_("Gruppe")};

/* ?5: today. */
#define TASK_COLUMNS                                                                                          \
    ACCESS_FIELD("r", "t.description") ", x.code, x.name_nb, x.name_nn, x.name_en, ifnull(u.id, 0), u.username, " \
    "u.full_name, ux.code, t.due_on, t.status, "                                                              \
    "(SELECT d.id FROM record d WHERE d.id = t.decision_id AND " ACCESS("d") "), "                            \
    "(SELECT " ACCESS_TITLE("d") " FROM record d WHERE d.id = t.decision_id AND " ACCESS("d") "), "           \
    "(SELECT mr.id FROM record mr WHERE mr.id = t.meeting_id AND " ACCESS("mr") "), "                          \
    "(SELECT " ACCESS_TITLE("mr") " FROM record mr WHERE mr.id = t.meeting_id AND " ACCESS("mr") "), "         \
    "t.closed_on, t.status IN ('open', 'in_progress') AND t.due_on < ?5 "
#define TASK_FROM                                                                                             \
    " JOIN task t ON t.id = r.id JOIN ministry x ON x.id = t.ministry_id LEFT JOIN account u ON u.id = t.assignee_id " \
    " LEFT JOIN ministry ux ON ux.id = u.ministry_id "

static void task_row(Stmt *s, Arena *a, Task *t)
{
    memset(t, 0, sizeof *t);
    record_row(s, a, &t->rec);
    int k = RECORD_NCOLS;
    t->description = db_col_dup(s, k++, a);
    t->ministry_code = db_col_dup(s, k++, a);
    t->ministry_name = db_col_dup(s, k++, a);
    t->ministry_name_nn = db_col_dup(s, k++, a);
    t->ministry_name_en = db_col_dup(s, k++, a);
    t->assignee.id = db_col_int(s, k++);
    t->assignee.username = db_col_dup(s, k++, a);
    t->assignee.full_name = db_col_dup(s, k++, a);
    t->assignee.ministry_code = db_col_dup(s, k++, a);
    t->due_on = db_col_dup(s, k++, a);
    t->status = db_col_dup(s, k++, a);
    t->decision_id = db_col_int(s, k++);
    t->decision_title = db_col_dup(s, k++, a);
    t->meeting_id = db_col_int(s, k++);
    t->meeting_title = db_col_dup(s, k++, a);
    t->closed_on = db_col_dup(s, k++, a);
    t->overdue = db_col_int(s, k++) != 0;
    t->description = t->description ? t->description : "";
    if (t->rec.masked) {
        t->assignee = (Person){0};
    }
}

int task_get(Db *db, Arena *a, const Viewer *v, int64_t id, Task *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " TASK_COLUMNS RECORD_FROM TASK_FROM
                             "WHERE r.id = ?1 AND r.kind = 'task' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        task_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the task failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke oppgaven."));
}

int task_list(Db *db, Arena *a, const Viewer *v, const TaskFilter *f, Task **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " TASK_COLUMNS RECORD_FROM TASK_FROM
        "WHERE r.kind = 'task' AND " ACCESS("r") " AND (?1 = 0 OR (?90 <> 0 AND t.assignee_id = ?90)) "
        "AND (?2 = 0 OR t.ministry_id = ?2) AND (?3 = 0 OR t.decision_id = ?3) AND (?4 = 0 OR t.meeting_id = ?4) "
        "AND (?6 = 0 OR r.owner_group_id = ?6) AND (?7 = 0 OR t.status IN ('open', 'in_progress')) "
        "AND (?8 = 0 OR (t.status IN ('open', 'in_progress') AND t.due_on < ?5)) AND (?9 IS NULL OR x.code = ?9) "
        "ORDER BY t.status IN ('done', 'cancelled'), "
        "CASE WHEN ?10 AND t.status IN ('open', 'in_progress') AND t.due_on < ?5 THEN 0 ELSE 1 END, "
        "t.due_on IS NULL, t.due_on, r.id LIMIT ?11");
    db_bind_int(s, 1, f && f->mine);
    db_bind_int(s, 2, f ? f->ministry_id : 0);
    db_bind_int(s, 3, f ? f->decision_id : 0);
    db_bind_int(s, 4, f ? f->meeting_id : 0);
    db_bind_text(s, 5, today);
    db_bind_int(s, 6, f ? f->group_id : 0);
    db_bind_int(s, 7, f && f->open);
    db_bind_int(s, 8, f && f->overdue);
    db_bind_text(s, 9, f && f->ministry_code && *f->ministry_code ? f->ministry_code : NULL);
    db_bind_int(s, 10, f && f->overdue_first);
    db_bind_int(s, 11, f && f->limit > 0 && f->limit < 1000 ? f->limit : 1000);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        task_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing tasks failed") : 0;
}

int task_counts(Db *db, const Viewer *v, const TaskFilter *f, int *n, int *noverdue, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db,
        "SELECT count(*), ifnull(sum(t.status IN ('open', 'in_progress') AND t.due_on < ?5), 0) FROM record r "
        "JOIN task t ON t.id = r.id JOIN ministry x ON x.id = t.ministry_id "
        "WHERE r.kind = 'task' AND " ACCESS("r") " AND (?1 = 0 OR (?90 <> 0 AND t.assignee_id = ?90)) "
        "AND (?2 = 0 OR t.ministry_id = ?2) AND (?3 = 0 OR t.decision_id = ?3) AND (?4 = 0 OR t.meeting_id = ?4) "
        "AND (?6 = 0 OR r.owner_group_id = ?6) AND (?7 = 0 OR t.status IN ('open', 'in_progress')) "
        "AND (?8 = 0 OR (t.status IN ('open', 'in_progress') AND t.due_on < ?5)) AND (?9 IS NULL OR x.code = ?9)");
    db_bind_int(s, 1, f && f->mine);
    db_bind_int(s, 2, f ? f->ministry_id : 0);
    db_bind_int(s, 3, f ? f->decision_id : 0);
    db_bind_int(s, 4, f ? f->meeting_id : 0);
    db_bind_text(s, 5, today);
    db_bind_int(s, 6, f ? f->group_id : 0);
    db_bind_int(s, 7, f && f->open);
    db_bind_int(s, 8, f && f->overdue);
    db_bind_text(s, 9, f && f->ministry_code && *f->ministry_code ? f->ministry_code : NULL);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *n = (int)db_col_int(s, 0);
        *noverdue = (int)db_col_int(s, 1);
    }
    db_done(s);
    return rc == DB_ROW ? 0 : err_set(e, E_DB, "counting tasks failed");
}

/* ---- saving ------------------------------------------------------------------------ */

static void task_text(Db *db, Arena *a, const Task *t, TaskText *out)
{
    memset(out, 0, sizeof *out);
    out->v[TF_TITLE] = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", t->rec.id);
    out->v[TF_DESCRIPTION] = t->description;
    out->v[TF_MINISTRY] = t->ministry_code;
    out->v[TF_ASSIGNEE] = t->assignee.username ? t->assignee.username : "";
    out->v[TF_DUE_ON] = t->due_on ? t->due_on : "";
    out->v[TF_STATUS] = t->status;
    int64_t d = db_one_int(db, "SELECT ifnull(decision_id, 0) FROM task WHERE id = ?1", t->rec.id, 0);
    int64_t m = db_one_int(db, "SELECT ifnull(meeting_id, 0) FROM task WHERE id = ?1", t->rec.id, 0);
    out->v[TF_DECISION] = d ? arena_printf(a, "%lld", (long long)d) : "";
    out->v[TF_MEETING] = m ? arena_printf(a, "%lld", (long long)m) : "";
    out->v[TF_GROUP] = t->rec.owner_group_id ? arena_printf(a, "%lld", (long long)t->rec.owner_group_id) : "";
}

static bool code_valid(const char *const *codes, const char *code)
{
    for (size_t i = 0; codes[i]; i++) {
        if (str_eq(codes[i], code)) {
            return true;
        }
    }
    return false;
}

static size_t validate(Db *db, Arena *a, const TaskText *t, FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = t->v;
    if (!*f[TF_TITLE]) {
        wk_problem(a, errs, &n, &cap, TF_TITLE, N_("Skriv hva som skal gjøres."), NULL);
    } else if (content_check_text(f[TF_TITLE], 300, false, N_("Tittel"), &e)) {
        wk_problem(a, errs, &n, &cap, TF_TITLE, arena_strdup(a, e.msg), NULL);
    }
    if (content_check_text(f[TF_DESCRIPTION], 20000, true, N_("Beskrivelse"), &e)) {
        wk_problem(a, errs, &n, &cap, TF_DESCRIPTION, arena_strdup(a, e.msg), NULL);
    }
    int64_t ministry = wk_ministry_id(db, f[TF_MINISTRY]);
    if (!ministry) {
        wk_problem(a, errs, &n, &cap, TF_MINISTRY, N_("Velg ansvarlig departement."), NULL);
    }
    if (*f[TF_ASSIGNEE]) {
        Stmt *s = db_prepare(db, "SELECT ifnull(ministry_id, 0) FROM account WHERE username = ?1 AND active = 1");
        db_bind_text(s, 1, f[TF_ASSIGNEE]);
        int64_t m = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
        db_done(s);
        if (m < 0) {
            wk_problem(a, errs, &n, &cap, TF_ASSIGNEE, N_("Ukjent bruker: %s."), f[TF_ASSIGNEE]);
        } else if (ministry && m != ministry) {
            wk_problem(a, errs, &n, &cap, TF_ASSIGNEE, N_("Den ansvarlige personen må arbeide i ansvarlig departement."),
                       NULL);
        }
    }
    if (*f[TF_DUE_ON] && !date_valid(f[TF_DUE_ON])) {
        wk_problem(a, errs, &n, &cap, TF_DUE_ON, N_("Skriv datoen som ÅÅÅÅ-MM-DD."), NULL);
    }
    if (!code_valid(g_task_statuses, f[TF_STATUS])) {
        wk_problem(a, errs, &n, &cap, TF_STATUS, N_("Velg status."), NULL);
    }
    return n;
}

static int write_task(Db *db, int64_t id, const TaskText *t, const char *today, Err *e)
{
    const char *const *f = t->v;
    Stmt *s = db_prepare(db,
        "UPDATE task SET description = ?2, ministry_id = (SELECT id FROM ministry WHERE code = ?3 AND valid_to IS NULL), "
        "assignee_id = (SELECT id FROM account WHERE username = nullif(?4, '')), due_on = nullif(?5, ''), status = ?6, "
        "closed_on = CASE WHEN ?6 IN ('done', 'cancelled') THEN coalesce(closed_on, ?7) END WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[TF_DESCRIPTION]);
    db_bind_text(s, 3, f[TF_MINISTRY]);
    db_bind_text(s, 4, f[TF_ASSIGNEE]);
    db_bind_text(s, 5, f[TF_DUE_ON]);
    db_bind_text(s, 6, f[TF_STATUS]);
    db_bind_text(s, 7, today);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    /* A restricted group's task stays with the group: no owner ministry
     * (whose every user would read it), the responsible person by a grant. */
    s = db_prepare(db, "UPDATE record SET title = ?2, owner_ministry_id = CASE WHEN visibility = 'restricted' AND "
                       "owner_group_id IS NOT NULL THEN NULL ELSE (SELECT id FROM ministry WHERE code = ?3 "
                       "AND valid_to IS NULL) END WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[TF_TITLE]);
    db_bind_text(s, 3, f[TF_MINISTRY]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    if (!rc && *f[TF_ASSIGNEE]) {
        s = db_prepare(db, "INSERT INTO access_grant (record_id, user_id, granted_at) SELECT r.id, u.id, "
                           "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM record r, account u WHERE r.id = ?1 "
                           "AND u.username = ?2 AND r.visibility = 'restricted' AND NOT EXISTS (SELECT 1 FROM "
                           "access_grant g WHERE g.record_id = r.id AND g.user_id = u.id)");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, f[TF_ASSIGNEE]);
        rc |= db_step(s) == DB_DONE ? 0 : E_DB;
        db_done(s);
    }
    return rc ? err_set(e, E_DB, N_("Lagring feilet.")) : 0;
}

/* Where a new task comes from: a decision, a meeting, a group, or
 * nothing; whether v may create it there; its marking. */
typedef struct Origin {
    int64_t decision_id, meeting_id, group_id, from_id;  /* from_id: whose grants it inherits */
    const char *visibility;
} Origin;

static int origin(Db *db, Arena *a, const Viewer *v, const TaskText *in, int64_t ministry, Origin *o, Err *e)
{
    memset(o, 0, sizeof *o);
    const char *d = in->v[TF_DECISION], *m = in->v[TF_MEETING], *g = in->v[TF_GROUP];
    Record rec;
    if (d && *d) {
        if (!(o->decision_id = wk_record_id(db, v, d, KIND_DECISION))) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke vedtaket."));
        }
        o->from_id = o->decision_id;
        o->meeting_id = db_one_int(db, "SELECT ifnull(meeting_id, 0) FROM decision WHERE id = ?1", o->decision_id, 0);
    } else if (m && *m) {
        if (!(o->meeting_id = wk_record_id(db, v, m, KIND_MEETING))) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
        }
        o->from_id = o->meeting_id;
    } else if (g && *g) {
        if (!(o->group_id = wk_record_id(db, v, g, "group"))) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
        }
        o->from_id = o->group_id;
    }
    if (o->from_id) {
        if (record_get(db, a, v, o->from_id, &rec, e)) {
            return E_NOTFOUND;
        }
        bool ok = str_eq(rec.kind->name, "group") ? perm_group_role(v, o->from_id) >= GROUP_ROLE_MEMBER ||
                                                        can(v, CAP_GROUP_ADMIN)
                                                  : work_can_edit(v, &rec);
        if (!ok || v->read_only) {
            return err_set(e, E_FORBIDDEN, N_("Du kan ikke gi oppgaver her."));
        }
        o->group_id = rec.owner_group_id;
        o->visibility = str_eq(rec.visibility, "restricted") ? "restricted" : "internal";
        if (str_eq(rec.kind->name, "group")) {
            o->visibility = wk_group_marking(db, o->from_id);
        }
        return 0;
    }
    if (!v->user_id || v->read_only || (ministry && ministry != v->ministry_id && !can(v, CAP_GROUP_ADMIN))) {
        return err_set(e, E_FORBIDDEN, N_("Du kan bare gi oppgaver til ditt eget departement her."));
    }
    o->visibility = "internal";
    return 0;
}

size_t wk_task_problems(Db *db, Arena *a, const Viewer *v, const TaskText *in, FormProblem **errs)
{
    TaskText next = {0};
    for (int k = 0; k < TF_COUNT; k++) {
        next.v[k] = in->v[k] ? wk_trim(a, in->v[k]) : (k == TF_STATUS ? "open" : "");
    }
    if (!*next.v[TF_MINISTRY] && v->ministry_code) {
        next.v[TF_MINISTRY] = v->ministry_code;
    }
    return validate(db, a, &next, errs);
}

/* The shared body of task_save; in the caller's transaction (decision_save). */
static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t item_id, const TaskText *in,
                int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    *nerr = 0;
    *errs = NULL;
    char today[16];
    date_today(today, sizeof today);
    TaskText old = {0}, next = {0};
    Task cur;
    Origin o = {0};
    if (id) {
        if (task_get(db, a, v, id, &cur, e) || cur.rec.masked) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke oppgaven."));
        }
        if (!work_can_edit(v, &cur.rec) && !(cur.assignee.id && cur.assignee.id == v->user_id && !v->read_only)) {
            return err_set(e, E_FORBIDDEN, N_("Du kan ikke endre denne oppgaven."));
        }
        task_text(db, a, &cur, &old);
    } else {
        const char *mc = in->v[TF_MINISTRY] && *in->v[TF_MINISTRY] ? in->v[TF_MINISTRY] : v->ministry_code;
        int rc = origin(db, a, v, in, wk_ministry_id(db, mc), &o, e);
        if (rc) {
            return rc;
        }
    }
    static const char *const defaults[TF_COUNT] = {[TF_STATUS] = "open"};
    for (int k = 0; k < TF_COUNT; k++) {
        const char *given = in->v[k] ? wk_trim(a, in->v[k]) : NULL;
        const char *was = id ? old.v[k] : (defaults[k] ? defaults[k] : "");
        next.v[k] = given ? given : (was ? was : "");
    }
    if (!id && !*next.v[TF_MINISTRY] && v->ministry_code) {
        next.v[TF_MINISTRY] = v->ministry_code;
    }
    if (id) {   /* where it came from does not change */
        next.v[TF_DECISION] = old.v[TF_DECISION];
        next.v[TF_MEETING] = old.v[TF_MEETING];
        next.v[TF_GROUP] = old.v[TF_GROUP];
    } else {
        next.v[TF_DECISION] = o.decision_id ? arena_printf(a, "%lld", (long long)o.decision_id) : "";
        next.v[TF_MEETING] = o.meeting_id ? arena_printf(a, "%lld", (long long)o.meeting_id) : "";
        next.v[TF_GROUP] = o.group_id ? arena_printf(a, "%lld", (long long)o.group_id) : "";
    }
    *nerr = validate(db, a, &next, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FieldChange *changes = arena_alloc(a, TF_COUNT * sizeof *changes);
    size_t nch = text_diff(g_task_field_names, id ? old.v : (const char *const[TF_COUNT]){0}, next.v, TF_COUNT, NULL,
                           changes);
    if (id && !nch) {
        *out_id = id;
        return 0;
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    bool created = !id;
    if (created) {
        RecordInit ri = {.title = next.v[TF_TITLE], .owner_ministry_id = wk_ministry_id(db, next.v[TF_MINISTRY]),
                         .owner_group_id = o.group_id, .visibility = o.visibility};
        int64_t responsible = ri.owner_ministry_id;
        rc = record_create(db, v, KIND_TASK, &ri, &id, e);
        if (!rc) {
            Stmt *s = db_prepare(db, "INSERT INTO task (id, ministry_id, decision_id, meeting_id) VALUES "
                                     "(?1, ?2, nullif(?3, 0), nullif(?4, 0))");
            db_bind_int(s, 1, id);
            db_bind_int(s, 2, responsible);
            db_bind_int(s, 3, o.decision_id);
            db_bind_int(s, 4, o.meeting_id);
            rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
            db_done(s);
        }
        rc = rc || !o.from_id ? rc : wk_copy_grants(db, o.from_id, id, e);
        if (!rc && item_id) {
            rc = o.meeting_id ? wk_outcome(db, item_id, o.meeting_id, id, e)
                              : err_set(e, E_NOTFOUND, N_("Fant ikke saken på dagsordenen."));
        }
    }
    rc = rc ? rc : write_task(db, id, &next, today, e);
    rc = rc ? rc : record_version_add(db, v, id, changes, nch, NULL, e);
    /* Assigned: the person, or the ministry's case officers. */
    bool assigned = created || !str_eq(old.v[TF_ASSIGNEE], next.v[TF_ASSIGNEE]) ||
                    !str_eq(old.v[TF_MINISTRY], next.v[TF_MINISTRY]);
    if (!rc && assigned) {
        rc = *next.v[TF_ASSIGNEE] ? wk_notify_user(db, v, id, wk_user_id(db, next.v[TF_ASSIGNEE]), NOTIFY_TASK, e)
                                  : wk_notify_ministry(db, a, v, id, wk_ministry_id(db, next.v[TF_MINISTRY]), false,
                                                       NOTIFY_TASK, e);
    }
    rc = rc ? rc : audit_append(db, v, client, created ? "task.create" : "task.update", KIND_TASK,
                                arena_printf(a, "%lld", (long long)id), next.v[TF_TITLE], e);
    rc = db_finish(db, rc, e);
    if (!rc) {
        *out_id = id;
    }
    return rc;
}

int task_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t item_id, const TaskText *in,
              int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    return save(db, a, v, client, id, item_id, in, out_id, errs, nerr, e);
}

int task_deadlines(Db *db, Arena *a, const char *today, TaskDeadline **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    /* Tomorrow in the calendar (working days do not matter here). */
    Stmt *s = db_prepare(db,
        "SELECT t.id, t.assignee_id, t.ministry_id, t.due_on, t.due_on < ?1 FROM task t "
        "WHERE t.status IN ('open', 'in_progress') AND t.due_on IS NOT NULL AND t.due_on <= date(?1, '+1 day') "
        "ORDER BY t.due_on, t.id");
    db_bind_text(s, 1, today);
    typedef struct { int64_t id, assignee, ministry; const char *due; bool overdue; } Row;
    Row *rows = NULL;
    size_t nrows = 0, cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Row *r = arena_push(a, &rows, &nrows, &cap, sizeof *r);
        r->id = db_col_int(s, 0);
        r->assignee = db_col_int(s, 1);
        r->ministry = db_col_int(s, 2);
        r->due = db_col_dup(s, 3, a);
        r->overdue = db_col_int(s, 4) != 0;
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "listing task deadlines failed");
    }
    size_t ocap = 0;
    for (size_t i = 0; i < nrows; i++) {
        int64_t ids[256];
        size_t k = 0;
        if (rows[i].assignee) {
            ids[k++] = rows[i].assignee;
        } else {
            k = wk_ministry_users(db, a, rows[i].ministry, false, ids, COUNT(ids));
        }
        for (size_t j = 0; j < k; j++) {
            TaskDeadline *d = arena_push(a, out, n, &ocap, sizeof **out);
            d->task_id = rows[i].id;
            d->user_id = ids[j];
            d->due = rows[i].due;
            d->overdue = rows[i].overdue;
        }
    }
    return 0;
}

/* ---- the kind of record ------------------------------------------------------------- */

static const char *task_field_label(const char *field)
{
    for (int k = 0; k < TF_COUNT; k++) {
        if (str_eq(g_task_field_names[k], field)) {
            return g_task_field_labels[k];
        }
    }
    return field;
}

static int task_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO task (id, description, ministry_id, due_on) VALUES (?1, 'Prøveoppgave', "
                             "coalesce((SELECT owner_ministry_id FROM record WHERE id = ?1), (SELECT min(id) FROM ministry)), "
                             "'2026-01-05')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample task failed");
    db_done(s);
    return rc;
}

static int task_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a, "SELECT description FROM task WHERE id = ?1", id);
    return 0;
}

static const RecordKind task_kind = {
    .name = KIND_TASK, .table = "task", .label = N_("oppgave"), .url = "/tasks/",
    .can_manage = work_can_edit, .field_label = task_field_label, .sample = task_sample,
    .search_text = task_search_text,
};
RECORD_KIND(task_kind)
