/* decision.c: decisions — reading, saving (from an agenda item, with a
 * follow-up task, in one transaction), reviews, and the kind of record. */
#include "app/work/work.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/work/work_int.h"
#include "base/util.h"

const char *const g_decision_field_names[DF_COUNT] = {"title", "text", "decided_on", "group", "meeting",
                                                      "ministries", "review_on", "reviewed_on"};
const char *const g_decision_field_labels[DF_COUNT] = {N_("Tittel"), N_("Vedtaket"), N_("Vedtatt dato"), N_("Gruppe"),
                                                       N_("Møte"), N_("Vedtatt av departementer"),
                                                       N_("Skal vurderes på nytt"), N_("Vurdert på nytt")};

/* ?5: today. */
#define DECISION_COLUMNS                                                                                     \
    ACCESS_FIELD("r", "d.text") ", d.decided_on, "                                                           \
    "(SELECT mr.id FROM record mr WHERE mr.id = d.meeting_id AND " ACCESS("mr") "), "                         \
    "(SELECT " ACCESS_TITLE("mr") " FROM record mr WHERE mr.id = d.meeting_id AND " ACCESS("mr") "), "        \
    "ifnull(r.owner_group_id, 0), (SELECT " ACCESS_TITLE("gr") " FROM record gr WHERE gr.id = r.owner_group_id AND " \
    ACCESS("gr") "), d.review_on, d.reviewed_on, d.review_on < ?5 AND d.reviewed_on IS NULL, "                \
    "ifnull((SELECT group_concat(code, ', ') FROM (SELECT x.code FROM decision_ministry dm JOIN ministry x "    \
    "  ON x.id = dm.ministry_id WHERE dm.decision_id = d.id ORDER BY x.code)), ''), "                          \
    "(SELECT count(*) FROM task t JOIN record tr ON tr.id = t.id WHERE t.decision_id = d.id AND " ACCESS("tr") "), " \
    "(SELECT count(*) FROM task t JOIN record tr ON tr.id = t.id WHERE t.decision_id = d.id "                  \
    "  AND t.status IN ('open', 'in_progress') AND " ACCESS("tr") ") "
#define DECISION_FROM " JOIN decision d ON d.id = r.id "

static void decision_row(Stmt *s, Arena *a, Decision *d)
{
    memset(d, 0, sizeof *d);
    record_row(s, a, &d->rec);
    int k = RECORD_NCOLS;
    d->text = db_col_dup(s, k++, a);
    d->decided_on = db_col_dup(s, k++, a);
    d->meeting_id = db_col_int(s, k++);
    d->meeting_title = db_col_dup(s, k++, a);
    d->group_id = db_col_int(s, k++);
    d->group_title = db_col_dup(s, k++, a);
    d->review_on = db_col_dup(s, k++, a);
    d->reviewed_on = db_col_dup(s, k++, a);
    d->review_overdue = db_col_int(s, k++) != 0;
    d->ministries = db_col_dup(s, k++, a);
    d->ntasks = (int)db_col_int(s, k++);
    d->nopen_tasks = (int)db_col_int(s, k++);
    d->text = d->text ? d->text : "";
    if (d->rec.masked) {
        d->ministries = "";
    }
}

int decision_get(Db *db, Arena *a, const Viewer *v, int64_t id, Decision *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " DECISION_COLUMNS RECORD_FROM DECISION_FROM
                             "WHERE r.id = ?1 AND r.kind = 'decision' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        decision_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the decision failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke vedtaket."));
}

int decision_list(Db *db, Arena *a, const Viewer *v, const DecisionFilter *f, Decision **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " DECISION_COLUMNS RECORD_FROM DECISION_FROM
        "WHERE r.kind = 'decision' AND " ACCESS("r") " AND (?1 = 0 OR r.owner_group_id = ?1) "
        "AND (?2 = 0 OR d.meeting_id = ?2) AND (?3 IS NULL OR d.decided_on >= ?3) "
        "AND (?4 = 0 OR r.owner_ministry_id = ?4 OR EXISTS (SELECT 1 FROM decision_ministry dm WHERE "
        "     dm.decision_id = d.id AND dm.ministry_id = ?4) OR EXISTS (SELECT 1 FROM task t JOIN record tr "
        "     ON tr.id = t.id WHERE t.decision_id = d.id AND t.ministry_id = ?4 AND " ACCESS("tr") ")) "
        "AND (?6 = 0 OR (d.review_on < ?5 AND d.reviewed_on IS NULL)) "
        "ORDER BY d.decided_on DESC, r.id DESC LIMIT ?7");
    db_bind_int(s, 1, f ? f->group_id : 0);
    db_bind_int(s, 2, f ? f->meeting_id : 0);
    db_bind_text(s, 3, f && f->since && *f->since ? f->since : NULL);
    db_bind_int(s, 4, f ? f->ministry_id : 0);
    db_bind_text(s, 5, today);
    db_bind_int(s, 6, f && f->review_overdue);
    db_bind_int(s, 7, f && f->limit > 0 && f->limit < 1000 ? f->limit : 1000);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        decision_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing decisions failed") : 0;
}

/* ---- saving ------------------------------------------------------------------------ */

static void decision_text(Db *db, Arena *a, const Decision *d, DecisionText *t)
{
    memset(t, 0, sizeof *t);
    t->v[DF_TITLE] = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", d->rec.id);
    t->v[DF_TEXT] = d->text;
    t->v[DF_DECIDED_ON] = d->decided_on;
    t->v[DF_GROUP] = d->group_id ? arena_printf(a, "%lld", (long long)d->group_id) : "";
    int64_t m = db_one_int(db, "SELECT ifnull(meeting_id, 0) FROM decision WHERE id = ?1", d->rec.id, 0);
    t->v[DF_MEETING] = m ? arena_printf(a, "%lld", (long long)m) : "";
    t->v[DF_MINISTRIES] = d->ministries;
    t->v[DF_REVIEW_ON] = d->review_on ? d->review_on : "";
    t->v[DF_REVIEWED_ON] = d->reviewed_on ? d->reviewed_on : "";
}

static size_t validate(Db *db, Arena *a, const DecisionText *t, FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = t->v;
    if (!*f[DF_TITLE]) {
        wk_problem(a, errs, &n, &cap, DF_TITLE, N_("Skriv en tittel."), NULL);
    } else if (content_check_text(f[DF_TITLE], 300, false, N_("Tittel"), &e)) {
        wk_problem(a, errs, &n, &cap, DF_TITLE, arena_strdup(a, e.msg), NULL);
    }
    if (!*f[DF_TEXT]) {
        wk_problem(a, errs, &n, &cap, DF_TEXT, N_("Skriv hva som ble vedtatt."), NULL);
    } else if (content_check_text(f[DF_TEXT], 20000, true, N_("Vedtaket"), &e)) {
        wk_problem(a, errs, &n, &cap, DF_TEXT, arena_strdup(a, e.msg), NULL);
    }
    if (!date_valid(f[DF_DECIDED_ON])) {
        wk_problem(a, errs, &n, &cap, DF_DECIDED_ON, N_("Skriv datoen som ÅÅÅÅ-MM-DD."), NULL);
    }
    const char **items;
    size_t ni = text_split(a, f[DF_MINISTRIES], ',', &items);
    for (size_t i = 0; i < ni; i++) {
        if (!wk_ministry_id(db, items[i])) {
            wk_problem(a, errs, &n, &cap, DF_MINISTRIES, N_("Ukjent departement: %s."), items[i]);
            break;
        }
    }
    if (*f[DF_REVIEW_ON] && !date_valid(f[DF_REVIEW_ON])) {
        wk_problem(a, errs, &n, &cap, DF_REVIEW_ON, N_("Skriv datoen som ÅÅÅÅ-MM-DD."), NULL);
    } else if (*f[DF_REVIEW_ON] && date_valid(f[DF_DECIDED_ON]) && strcmp(f[DF_REVIEW_ON], f[DF_DECIDED_ON]) <= 0) {
        wk_problem(a, errs, &n, &cap, DF_REVIEW_ON, N_("Datoen for ny vurdering må komme etter vedtaksdatoen."), NULL);
    }
    if (*f[DF_REVIEWED_ON] && !date_valid(f[DF_REVIEWED_ON])) {
        wk_problem(a, errs, &n, &cap, DF_REVIEWED_ON, N_("Skriv datoen som ÅÅÅÅ-MM-DD."), NULL);
    }
    return n;
}

static int write_decision(Db *db, int64_t id, const DecisionText *t, Err *e)
{
    const char *const *f = t->v;
    Stmt *s = db_prepare(db, "UPDATE decision SET text = ?2, decided_on = ?3, review_on = nullif(?4, ''), "
                             "reviewed_on = nullif(?5, '') WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[DF_TEXT]);
    db_bind_text(s, 3, f[DF_DECIDED_ON]);
    db_bind_text(s, 4, f[DF_REVIEW_ON]);
    db_bind_text(s, 5, f[DF_REVIEWED_ON]);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "UPDATE record SET title = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[DF_TITLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "DELETE FROM decision_ministry WHERE decision_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "INSERT INTO decision_ministry (decision_id, ministry_id) SELECT ?1, x.id FROM ministry x "
                       "WHERE x.valid_to IS NULL AND instr(', ' || ?2 || ',', ', ' || x.code || ',') > 0");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[DF_MINISTRIES]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc ? err_set(e, E_DB, N_("Lagring feilet.")) : 0;
}

/* Where a new decision belongs: a meeting (its group, marking and
 * grants), a group, or v's ministry. */
static int placement(Db *db, Arena *a, const Viewer *v, const DecisionText *in, int64_t *meeting_id, Record *from,
                     bool *has_from, Err *e)
{
    *meeting_id = 0;
    *has_from = false;
    const char *m = in->v[DF_MEETING], *g = in->v[DF_GROUP];
    int64_t from_id = 0;
    if (m && *m) {
        if (!(*meeting_id = from_id = wk_record_id(db, v, m, KIND_MEETING))) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
        }
    } else if (g && *g) {
        if (!(from_id = wk_record_id(db, v, g, "group"))) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
        }
    }
    if (from_id) {
        if (record_get(db, a, v, from_id, from, e)) {
            return E_NOTFOUND;
        }
        *has_from = true;
        bool ok = *meeting_id ? work_can_edit(v, from)
                              : perm_group_role(v, from_id) >= GROUP_ROLE_MEMBER || can(v, CAP_GROUP_ADMIN);
        if (!ok || v->read_only) {
            return err_set(e, E_FORBIDDEN, N_("Du kan ikke registrere vedtak her."));
        }
        return 0;
    }
    if (!v->user_id || v->read_only || !v->ministry_id) {
        return err_set(e, E_FORBIDDEN, N_("Du kan ikke registrere vedtak her."));
    }
    return 0;
}

int decision_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t item_id,
                  const DecisionText *in, const struct TaskText *task, int64_t *out_id, FormProblem **errs,
                  size_t *nerr, Err *e)
{
    *nerr = 0;
    *errs = NULL;
    char today[16];
    date_today(today, sizeof today);
    DecisionText old = {0}, next = {0};
    Decision cur;
    int64_t meeting_id = 0;
    Record from = {0};
    bool has_from = false;
    if (id) {
        if (decision_get(db, a, v, id, &cur, e) || cur.rec.masked) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke vedtaket."));
        }
        if (!work_can_edit(v, &cur.rec)) {
            return err_set(e, E_FORBIDDEN, N_("Du kan ikke endre dette vedtaket."));
        }
        decision_text(db, a, &cur, &old);
    } else {
        int rc = placement(db, a, v, in, &meeting_id, &from, &has_from, e);
        if (rc) {
            return rc;
        }
    }
    for (int k = 0; k < DF_COUNT; k++) {
        const char *given = in->v[k] ? (k == DF_MINISTRIES ? text_canon_list(a, in->v[k], true) : wk_trim(a, in->v[k]))
                                     : NULL;
        const char *was = id ? old.v[k] : (k == DF_DECIDED_ON ? today : "");
        next.v[k] = given ? given : (was ? was : "");
    }
    if (id) {
        next.v[DF_GROUP] = old.v[DF_GROUP];
        next.v[DF_MEETING] = old.v[DF_MEETING];
    } else {
        int64_t g = has_from ? from.owner_group_id : 0;
        next.v[DF_GROUP] = g ? arena_printf(a, "%lld", (long long)g) : "";
        next.v[DF_MEETING] = meeting_id ? arena_printf(a, "%lld", (long long)meeting_id) : "";
    }
    *nerr = validate(db, a, &next, errs);
    bool with_task = !id && task && task->v[TF_TITLE] && *task->v[TF_TITLE];
    if (*nerr && with_task) {   /* every problem at once: the task's too */
        FormProblem *terrs;
        size_t nt = wk_task_problems(db, a, v, task, &terrs);
        if (nt) {
            FormProblem *all = arena_alloc(a, (*nerr + nt) * sizeof *all);
            memcpy(all, *errs, *nerr * sizeof *all);
            for (size_t i = 0; i < nt; i++) {
                all[*nerr + i] = terrs[i];
                all[*nerr + i].field = terrs[i].field < 0 ? -1 : terrs[i].field + DF_COUNT;
            }
            *errs = all;
            *nerr += nt;
        }
    }
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FieldChange *changes = arena_alloc(a, DF_COUNT * sizeof *changes);
    size_t nch = text_diff(g_decision_field_names, id ? old.v : (const char *const[DF_COUNT]){0}, next.v, DF_COUNT,
                           NULL, changes);
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
        const char *vis = "internal";
        if (has_from) {
            vis = str_eq(from.kind->name, "group") ? wk_group_marking(db, from.id)
                                                   : (str_eq(from.visibility, "restricted") ? "restricted" : "internal");
        }
        RecordInit ri = {.title = next.v[DF_TITLE], .visibility = vis,
                         .owner_group_id = has_from ? from.owner_group_id : 0,
                         .owner_ministry_id = has_from ? from.owner_ministry_id : v->ministry_id};
        rc = record_create(db, v, KIND_DECISION, &ri, &id, e);
        if (!rc) {
            Stmt *s = db_prepare(db, "INSERT INTO decision (id, text, decided_on, meeting_id) VALUES (?1, '', ?2, nullif(?3, 0))");
            db_bind_int(s, 1, id);
            db_bind_text(s, 2, today);
            db_bind_int(s, 3, meeting_id);
            rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
            db_done(s);
        }
        rc = rc || !has_from ? rc : wk_copy_grants(db, from.id, id, e);
        if (!rc && item_id) {
            rc = meeting_id ? wk_outcome(db, item_id, meeting_id, id, e)
                            : err_set(e, E_NOTFOUND, N_("Fant ikke saken på dagsordenen."));
        }
    }
    rc = rc ? rc : write_decision(db, id, &next, e);
    rc = rc ? rc : record_version_add(db, v, id, changes, nch, NULL, e);
    rc = rc ? rc : audit_append(db, v, client, created ? "decision.create" : "decision.update", KIND_DECISION,
                                arena_printf(a, "%lld", (long long)id), next.v[DF_TITLE], e);
    if (!rc && with_task) {
        TaskText t = *task;
        t.v[TF_DECISION] = arena_printf(a, "%lld", (long long)id);
        t.v[TF_MEETING] = NULL;
        t.v[TF_GROUP] = NULL;
        int64_t task_id;
        FormProblem *terrs;
        size_t nterr;
        rc = task_save(db, a, v, client, 0, 0, &t, &task_id, &terrs, &nterr, e);
        if (rc && nterr) {
            for (size_t i = 0; i < nterr; i++) {
                terrs[i].field = terrs[i].field < 0 ? -1 : terrs[i].field + DF_COUNT;
            }
            *errs = terrs;
            *nerr = nterr;
        }
    }
    rc = db_finish(db, rc, e);
    if (!rc) {
        *out_id = id;
    }
    return rc;
}

/* ---- the kind of record ------------------------------------------------------------- */

static const char *decision_field_label(const char *field)
{
    for (int k = 0; k < DF_COUNT; k++) {
        if (str_eq(g_decision_field_names[k], field)) {
            return g_decision_field_labels[k];
        }
    }
    return field;
}

static int decision_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO decision (id, text, decided_on, review_on) VALUES (?1, 'Prøvevedtak', "
                             "'2026-01-05', '2026-06-01')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample decision failed");
    db_done(s);
    return rc;
}

static int decision_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a, "SELECT text FROM decision WHERE id = ?1", id);
    return 0;
}

static const RecordKind decision_kind = {
    .name = KIND_DECISION, .table = "decision", .label = N_("vedtak"), .url = "/decisions/",
    .can_manage = work_can_edit, .field_label = decision_field_label, .sample = decision_sample,
    .search_text = decision_search_text,
};
RECORD_KIND(decision_kind)
