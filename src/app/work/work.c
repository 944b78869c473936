/* work.c: the work domain's code lists and the helpers its model files
 * share (work_int.h). */
#include "app/work/work.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/work/work_int.h"
#include "base/util.h"

const char *const g_task_statuses[] = {"open", "in_progress", "done", "cancelled", NULL};
const char *const g_interaction_responses[] = {"agree", "remark", "disagree", NULL};

const char *task_status_label(const char *code)
{
    static const char *const labels[] = {N_("Åpen"), N_("Pågår"), N_("Ferdig"), N_("Avlyst")};
    for (size_t i = 0; g_task_statuses[i]; i++) {
        if (str_eq(g_task_statuses[i], code)) {
            return labels[i];
        }
    }
    return "";
}

const char *interaction_response_label(const char *code)
{
    static const char *const labels[] = {N_("Enig"), N_("Merknad"), N_("Uenig")};
    for (size_t i = 0; g_interaction_responses[i]; i++) {
        if (str_eq(g_interaction_responses[i], code)) {
            return labels[i];
        }
    }
    return "";
}

const char *interaction_score_label(int score)
{
    /* Nilsson, Griggs & Visbeck, Nature 534 (2016): cancelling,
     * counteracting, constraining, consistent, enabling, reinforcing,
     * indivisible. */
    static const char *const labels[] = {N_("Opphever"), N_("Motvirker"), N_("Begrenser"), N_("Forenlig"),
                                         N_("Muliggjør"), N_("Forsterker"), N_("Uatskillelig")};
    return score >= -3 && score <= 3 ? labels[score + 3] : "";
}

void wk_problem(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg, const char *arg)
{
    FormProblem *p = arena_push(a, errs, n, cap, sizeof **errs);
    p->field = field;
    p->msg = msg;
    p->arg = arg;
}

int64_t wk_ministry_id(Db *db, const char *code)
{
    if (!code || !*code) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = ?1 AND valid_to IS NULL");
    db_bind_text(s, 1, code);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

int64_t wk_user_id(Db *db, const char *username)
{
    if (!username || !*username) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT id FROM account WHERE username = ?1 AND active = 1");
    db_bind_text(s, 1, username);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

const char *wk_trim(Arena *a, const char *s)
{
    if (!s) {
        return "";
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) {
        n--;
    }
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
            continue;
        }
        out[k++] = s[i];
    }
    out[k] = 0;
    return out;
}

int64_t wk_record_id(Db *db, const Viewer *v, const char *s, const char *kind)
{
    long long id;
    if (!s || !*s || !parse_int(s, 1, INT64_MAX, &id)) {
        return 0;
    }
    Stmt *st = db_prepare(db, "SELECT r.id FROM record r WHERE r.id = ?1 AND (?2 IS NULL OR r.kind = ?2) "
                              "AND NOT " ACCESS_MASKED("r") " AND " ACCESS("r"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, kind);
    access_bind(st, v);
    int64_t out = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return out;
}

const char *wk_group_marking(Db *db, int64_t group_id)
{
    bool restricted = db_exists(db, "SELECT 1 FROM record WHERE id = ?1 AND kind = 'group' AND visibility = 'restricted'",
                                group_id);
    return restricted ? "restricted" : "internal";
}

int wk_copy_grants(Db *db, int64_t from_id, int64_t to_id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO access_grant (record_id, ministry_id, user_id, granted_at, granted_by) "
                             "SELECT ?2, g.ministry_id, g.user_id, g.granted_at, g.granted_by FROM access_grant g "
                             "WHERE g.record_id = ?1");
    db_bind_int(s, 1, from_id);
    db_bind_int(s, 2, to_id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "copying access grants failed");
    db_done(s);
    return rc;
}

int wk_grant(Db *db, const Viewer *v, int64_t record_id, int64_t ministry_id, int64_t user_id, Err *e)
{
    char now[32];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO access_grant (record_id, ministry_id, user_id, granted_at, granted_by) "
                             "SELECT ?1, nullif(?2, 0), nullif(?3, 0), ?4, nullif(?5, 0) WHERE NOT EXISTS (SELECT 1 "
                             "FROM access_grant WHERE record_id = ?1 AND ifnull(ministry_id, 0) = ?2 "
                             "AND ifnull(user_id, 0) = ?3)");
    db_bind_int(s, 1, record_id);
    db_bind_int(s, 2, ministry_id);
    db_bind_int(s, 3, user_id);
    db_bind_text(s, 4, now);
    db_bind_int(s, 5, v ? v->user_id : 0);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "granting access failed");
    db_done(s);
    return rc;
}

int wk_notify_user(Db *db, const Viewer *v, int64_t record_id, int64_t user_id, const char *type, Err *e)
{
    if (!user_id) {
        return 0;
    }
    Notice n = {.user_id = user_id, .record_id = record_id, .type = type, .actor_id = v ? v->user_id : 0};
    return notify_add(db, &n, NULL, e);
}

size_t wk_ministry_users(Db *db, Arena *a, int64_t ministry_id, bool with_head, int64_t *out, size_t max)
{
    (void)a;
    Stmt *s = db_prepare(db,
        "SELECT DISTINCT u.id FROM account u JOIN role_grant g ON g.user_id = u.id "
        "WHERE u.active = 1 AND (g.role = 'case_officer' OR (?2 AND g.role = 'secretary_general')) "
        "AND (g.ministry_id = ?1 OR (g.ministry_id IS NULL AND u.ministry_id = ?1)) ORDER BY u.id");
    db_bind_int(s, 1, ministry_id);
    db_bind_int(s, 2, with_head);
    size_t n = 0;
    while (db_step(s) == DB_ROW && n < max) {
        out[n++] = db_col_int(s, 0);
    }
    db_done(s);
    return n;
}

int wk_notify_ministry(Db *db, Arena *a, const Viewer *v, int64_t record_id, int64_t ministry_id, bool with_head,
                       const char *type, Err *e)
{
    int64_t ids[256];
    size_t n = wk_ministry_users(db, a, ministry_id, with_head, ids, COUNT(ids));
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        rc = wk_notify_user(db, v, record_id, ids[i], type, e);
    }
    return rc;
}

int wk_outcome(Db *db, int64_t item_id, int64_t meeting_id, int64_t record_id, Err *e)
{
    Stmt *s = db_prepare(db, "UPDATE agenda_item SET outcome_id = ?3 WHERE id = ?1 AND meeting_id = ?2 "
                             "AND outcome_id IS NULL");
    db_bind_int(s, 1, item_id);
    db_bind_int(s, 2, meeting_id);
    db_bind_int(s, 3, record_id);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    if (rc) {
        return err_set(e, E_DB, "saving the agenda item's outcome failed");
    }
    return db_changes(db) == 1 ? 0 : err_set(e, E_CONFLICT, N_("Saken på dagsordenen er allerede fulgt opp."));
}

bool wk_in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == ',') {
            p++;
        }
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && p[len - 1] == ' ') {
            len--;
        }
        if (len == n && len && memcmp(p, code, n) == 0) {
            return true;
        }
        p = end ? end + 1 : p + strlen(p);
    }
    return false;
}

int work_people(Db *db, Arena *a, Person **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT u.id, u.username, u.full_name, x.code FROM account u JOIN ministry x ON "
                             "x.id = u.ministry_id WHERE u.active = 1 ORDER BY u.full_name COLLATE nb, u.id");
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Person *p = arena_push(a, out, n, &cap, sizeof *p);
        p->id = db_col_int(s, 0);
        p->username = db_col_dup(s, 1, a);
        p->full_name = db_col_dup(s, 2, a);
        p->ministry_code = db_col_dup(s, 3, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing people failed") : 0;
}
