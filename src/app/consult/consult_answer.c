/* consult_answer.c: the answers of the recipient ministries — reading,
 * taking, answering — the ministry's inbox, and the case's timeline. */
#include "app/consult/consult.h"

#include <string.h>

#include "app/consult/consult_int.h"
#include "app/core/access.h"
#include "app/core/attach.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "base/util.h"

const char *const g_answer_field_names[AF_COUNT] = {"position", "text", "approved_by"};

/* ---- reading -------------------------------------------------------------------- */

/* The answer's own columns after RECORD_COLUMNS; ?5 is today. */
#define ANSWER_COLUMNS                                                                                        \
    "a.round_id, cr.case_id, cr.kind, CASE WHEN " ACCESS("cc") " THEN " ACCESS_TITLE("cc") " END, lo.code, "    \
    "m.code, m.name_nb, m.name_nn, m.name_en, coalesce(a.deadline, cr.deadline), a.deadline IS NOT NULL, "      \
    "tu.username, tu.full_name, CASE WHEN " ACCESS_MASKED("r") " THEN NULL ELSE a.position END, "              \
    ACCESS_FIELD("r", "a.text") ", " ACCESS_FIELD("r", "a.approved_by") ", a.answered_on, au.full_name, "        \
    "a.reminded_on, cr.closed_on, "                                                                           \
    "cr.closed_on IS NULL AND a.answered_on IS NULL AND coalesce(a.deadline, cr.deadline) < ?5 "
#define ANSWER_FROM                                                                                           \
    " JOIN consult_answer a ON a.id = r.id JOIN consult_round cr ON cr.id = a.round_id "                       \
    "JOIN record rr ON rr.id = cr.id JOIN record cc ON cc.id = cr.case_id "                                    \
    "LEFT JOIN ministry lo ON lo.id = rr.owner_ministry_id JOIN ministry m ON m.id = a.ministry_id "            \
    "LEFT JOIN account tu ON tu.id = a.taken_by LEFT JOIN account au ON au.id = a.answered_by "

static void answer_row(Db *db, Stmt *s, Arena *a, const Viewer *v, Answer *x)
{
    memset(x, 0, sizeof *x);
    record_row(s, a, &x->rec);
    int k = RECORD_NCOLS;
    x->round_id = db_col_int(s, k++);
    x->case_id = db_col_int(s, k++);
    x->round_kind = db_col_dup(s, k++, a);
    x->case_title = db_col_dup(s, k++, a);
    x->lead_code = db_col_dup(s, k++, a);
    x->ministry_code = db_col_dup(s, k++, a);
    x->ministry_name = db_col_dup(s, k++, a);
    x->ministry_name_nn = db_col_dup(s, k++, a);
    x->ministry_name_en = db_col_dup(s, k++, a);
    x->deadline = db_col_dup(s, k++, a);
    x->own_deadline = db_col_int(s, k++) != 0;
    x->taken_by = db_col_dup(s, k++, a);
    x->taken_by_name = db_col_dup(s, k++, a);
    x->position = db_col_dup(s, k++, a);
    x->text = db_col_dup(s, k++, a);
    x->approved_by = db_col_dup(s, k++, a);
    x->answered_on = db_col_dup(s, k++, a);
    x->answered_by_name = db_col_dup(s, k++, a);
    x->reminded_on = db_col_dup(s, k++, a);
    x->round_closed_on = db_col_dup(s, k++, a);
    x->overdue = db_col_int(s, k++) != 0;
    x->text = x->text ? x->text : "";
    x->approved_by = x->approved_by ? x->approved_by : "";
    (void)db;
    (void)v;
}

/* Attachments are counted after the statement is done (one statement at a
 * time per list). */
static void count_attachments(Db *db, const Viewer *v, Answer *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        x[i].nattachments = x[i].rec.masked ? 0 : (int)attach_count(db, v, x[i].rec.id);
    }
}

int consult_answer_get(Db *db, Arena *a, const Viewer *v, int64_t id, Answer *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " ANSWER_COLUMNS RECORD_FROM ANSWER_FROM
                             "WHERE r.id = ?1 AND r.kind = 'consult_answer' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        answer_row(db, s, a, v, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the answer failed");
    }
    if (rc != DB_ROW) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke svaret."));
    }
    count_attachments(db, v, out, 1);
    return 0;
}

static int answer_list(Db *db, Arena *a, const Viewer *v, const char *sql, int64_t arg, Answer **out, size_t *n,
                       Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, sql);
    db_bind_int(s, 1, arg);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        answer_row(db, s, a, v, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "listing answers failed");
    }
    count_attachments(db, v, *out, *n);
    return 0;
}

int consult_answers(Db *db, Arena *a, const Viewer *v, int64_t round_id, Answer **out, size_t *n, Err *e)
{
    return answer_list(db, a, v,
                       "SELECT " RECORD_COLUMNS ", " ANSWER_COLUMNS RECORD_FROM ANSWER_FROM
                       "WHERE a.round_id = ?1 AND r.kind = 'consult_answer' AND " ACCESS("r")
                       " ORDER BY m.name_nb COLLATE nb",
                       round_id, out, n, e);
}

/* ---- taking and answering ------------------------------------------------------------- */

/* Answer id, which v may answer, in an open round; E_NOTFOUND /
 * E_FORBIDDEN / E_CONFLICT. */
static int answerable(Db *db, Arena *a, const Viewer *v, int64_t id, Answer *x, Err *e)
{
    if (consult_answer_get(db, a, v, id, x, e) || x->rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke svaret."));
    }
    if (!consult_can_act(v, x->rec.owner_ministry_id)) {
        return err_set(e, E_FORBIDDEN, N_("Bare saksbehandlere i departementet som har fått runden, kan svare."));
    }
    if (x->round_closed_on) {
        return err_set(e, E_CONFLICT, N_("Runden er avsluttet, og svar tas ikke lenger imot."));
    }
    return 0;
}

static int take(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, bool taking, Err *e)
{
    Answer x;
    int rc = answerable(db, a, v, id, &x, e);
    if (rc) {
        return rc;
    }
    const char *was = x.taken_by ? x.taken_by : "";
    const char *now = taking ? v->username : "";
    if (str_eq(was, now)) {
        return 0;
    }
    Stmt *s = db_prepare(db, "UPDATE consult_answer SET taken_by = nullif(?2, 0) WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, taking ? v->user_id : 0);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch = {"taken_by", was, now};
    if (!rc) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
    }
    if (!rc) {
        rc = cs_event(db, v, x.case_id, id, "taken", x.rec.owner_ministry_id, was, now, "", e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, taking ? "consult_answer.take" : "consult_answer.release", KIND_ANSWER,
                          arena_printf(a, "%lld", (long long)id), x.rec.title, e);
    }
    return rc;
}

int consult_answer_take(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, bool taking, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, take(db, a, v, client, id, taking, e), e);
}

static void problem(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg)
{
    FormProblem *p = arena_push(a, errs, n, cap, sizeof **errs);
    *p = (FormProblem){field, msg, NULL};
}

static int submit(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *position,
                  const char *text, const char *approved_by, FormProblem **errs, size_t *nerr, Err *e)
{
    Answer x;
    int rc = answerable(db, a, v, id, &x, e);
    if (rc) {
        return rc;
    }
    position = position ? position : "";
    text = cs_trim(a, text);
    approved_by = cs_trim(a, approved_by);
    size_t n = 0, cap = 0;
    Err ce = {0};
    if (!cs_code_valid(g_answer_positions, position)) {
        problem(a, errs, &n, &cap, AF_POSITION,
                N_("Velg standpunkt: ingen merknader, merknader eller vesentlige innvendinger."));
    }
    if (!*text && !str_eq(position, "none")) {
        problem(a, errs, &n, &cap, AF_TEXT, N_("Skriv svaret, eller velg «Ingen merknader»."));
    } else if (content_check_text(text, 20000, true, N_("Svar"), &ce)) {
        problem(a, errs, &n, &cap, AF_TEXT, arena_strdup(a, ce.msg));
    }
    if (content_check_text(approved_by, 200, false, N_("Godkjent av"), &ce)) {
        problem(a, errs, &n, &cap, AF_APPROVED_BY, arena_strdup(a, ce.msg));
    }
    if (n) {
        *nerr = n;
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FieldChange ch[3];
    size_t nch = 0;
    const char *was = x.position ? x.position : "";
    if (!str_eq(was, position)) {
        ch[nch++] = (FieldChange){"position", was, position};
    }
    if (!str_eq(x.text, text)) {
        ch[nch++] = (FieldChange){"text", x.text, text};
    }
    if (!str_eq(x.approved_by, approved_by)) {
        ch[nch++] = (FieldChange){"approved_by", x.approved_by, approved_by};
    }
    if (nch == 0) {
        return 0;
    }
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "UPDATE consult_answer SET position = ?2, text = ?3, approved_by = ?4, answered_on = ?5, "
                             "answered_by = ?6, taken_by = coalesce(taken_by, ?6) WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, position);
    db_bind_text(s, 3, text);
    db_bind_text(s, 4, approved_by);
    db_bind_text(s, 5, today);
    db_bind_int(s, 6, v->user_id);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        rc = record_version_add(db, v, id, ch, nch, NULL, e);
    }
    if (!rc) {
        rc = cs_event(db, v, x.case_id, id, "answered", x.rec.owner_ministry_id, was, position, "", e);
    }
    /* The lead hears of it: the case's responsible officer and whoever sent the round. */
    int64_t officer = db_one_int(db, "SELECT ifnull(officer_id, 0) FROM consult_case WHERE id = ?1", x.case_id, 0);
    int64_t sender = db_one_int(db, "SELECT ifnull(created_by, 0) FROM record WHERE id = ?1", x.round_id, 0);
    if (!rc) {
        rc = cs_notify_user(db, v, id, officer, NOTIFY_ANSWER, e);
    }
    if (!rc && sender != officer) {
        rc = cs_notify_user(db, v, id, sender, NOTIFY_ANSWER, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "consult_answer.submit", KIND_ANSWER, arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s", x.rec.title, position), e);
    }
    return rc;
}

int consult_answer_submit(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *position,
                          const char *text, const char *approved_by, FormProblem **errs, size_t *nerr, Err *e)
{
    *errs = NULL;
    *nerr = 0;
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, submit(db, a, v, client, id, position, text, approved_by, errs, nerr, e), e);
}

/* ---- the inbox ------------------------------------------------------------------------- */

int consult_inbox(Db *db, Arena *a, const Viewer *v, Answer **awaiting, size_t *nawaiting, Round **sent,
                  size_t *nsent, Err *e)
{
    *awaiting = NULL;
    *sent = NULL;
    *nawaiting = *nsent = 0;
    if (!v->user_id) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn for å se innboksen."));
    }
    if (!v->ministry_id) {
        return 0;
    }
    int rc = answer_list(db, a, v,
                         "SELECT " RECORD_COLUMNS ", " ANSWER_COLUMNS RECORD_FROM ANSWER_FROM
                         "WHERE a.ministry_id = ?91 AND ?1 = 1 AND r.kind = 'consult_answer' AND cr.closed_on IS NULL "
                         "AND a.answered_on IS NULL AND " ACCESS("r")
                         " ORDER BY coalesce(a.deadline, cr.deadline), r.id",
                         1, awaiting, nawaiting, e);
    return rc ? rc : cs_rounds_sent(db, a, v, sent, nsent, e);
}

/* ---- the timeline ------------------------------------------------------------------------ */

int consult_timeline(Db *db, Arena *a, const Viewer *v, int64_t id, CaseEvent **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Record rec;
    if (record_get(db, a, v, id, &rec, NULL) || !str_eq(rec.kind->name, KIND_CASE) || rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke saken."));
    }
    Stmt *s = db_prepare(db,
        "SELECT ev.id, ev.type, ev.record_id, er.kind, coalesce(rnd.kind, rnd2.kind), ev.at, u.full_name, m.code, "
        "ev.old_value, ev.new_value, ev.detail "
        "FROM consult_event ev JOIN record er ON er.id = ev.record_id "
        "LEFT JOIN consult_round rnd ON rnd.id = ev.record_id "
        "LEFT JOIN consult_answer ans ON ans.id = ev.record_id LEFT JOIN consult_round rnd2 ON rnd2.id = ans.round_id "
        "LEFT JOIN account u ON u.id = ev.actor_id LEFT JOIN ministry m ON m.id = ev.ministry_id "
        "WHERE ev.case_id = ?1 AND " ACCESS("er") " AND NOT " ACCESS_MASKED("er") " ORDER BY ev.at, ev.id");
    db_bind_int(s, 1, id);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        CaseEvent *x = arena_push(a, out, n, &cap, sizeof **out);
        x->id = db_col_int(s, 0);
        x->type = db_col_dup(s, 1, a);
        x->record_id = db_col_int(s, 2);
        x->record_kind = db_col_dup(s, 3, a);
        x->round_kind = db_col_dup(s, 4, a);
        x->at = db_col_dup(s, 5, a);
        x->actor_name = db_col_dup(s, 6, a);
        x->ministry_code = db_col_dup(s, 7, a);
        x->old_value = db_col_dup(s, 8, a);
        x->new_value = db_col_dup(s, 9, a);
        x->detail = db_col_dup(s, 10, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the timeline failed") : 0;
}
