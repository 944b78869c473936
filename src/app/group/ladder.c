/* ladder.c: the coordination ladder (samordningsstigen) — steps, their
 * history, and the community view; and the sustainable development goals. */
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/group/group_int.h"
#include "base/util.h"

int group_ladder_insert(Db *db, const Viewer *v, int64_t group_id, int64_t ministry_id, int step, int target,
                        const char *on_date, const char *justification, int64_t evidence_id, Err *e)
{
    char now[32];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO ladder_change (group_id, ministry_id, on_date, step, target, justification, "
                             "evidence_id, actor_id, at) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, nullif(?7, 0), "
                             "nullif(?8, 0), ?9)");
    db_bind_int(s, 1, group_id);
    db_bind_int(s, 2, ministry_id);
    db_bind_text(s, 3, on_date);
    db_bind_int(s, 4, step);
    db_bind_int(s, 5, target);
    db_bind_text(s, 6, justification);
    db_bind_int(s, 7, evidence_id);
    db_bind_int(s, 8, v ? v->user_id : 0);
    db_bind_text(s, 9, now);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "writing the ladder step failed");
    db_done(s);
    return rc;
}

int ladder_history(Db *db, Arena *a, const Viewer *v, int64_t id, const char *ministry, LadderChange **out,
                   size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Group g;
    if (group_get(db, a, v, id, &g, e) || g.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
    }
    /* Evidence is shown only when the viewer may read it, and only by the
     * title the viewer may see. */
    Stmt *s = db_prepare(db,
        "SELECT c.id, m.code, m.name_nb, m.name_nn, m.name_en, c.on_date, c.step, c.target, c.justification, "
        "CASE WHEN ev.id IS NOT NULL AND " ACCESS("ev") " THEN ev.id END, "
        "CASE WHEN ev.id IS NOT NULL AND " ACCESS("ev") " THEN " ACCESS_TITLE("ev") " END, ev.kind, "
        "u.full_name, c.at, "
        "(SELECT p.step FROM ladder_change p WHERE p.group_id = c.group_id AND p.ministry_id IS c.ministry_id "
        " AND (p.on_date < c.on_date OR (p.on_date = c.on_date AND p.id < c.id)) "
        " ORDER BY p.on_date DESC, p.id DESC LIMIT 1) "
        "FROM ladder_change c LEFT JOIN ministry m ON m.id = c.ministry_id "
        "LEFT JOIN record ev ON ev.id = c.evidence_id LEFT JOIN account u ON u.id = c.actor_id "
        "WHERE c.group_id = ?1 AND (?2 IS NULL OR (?2 = '' AND c.ministry_id IS NULL) OR m.code = ?2) "
        "ORDER BY c.on_date, c.id");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, ministry);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        LadderChange *c = arena_push(a, out, n, &cap, sizeof **out);
        c->id = db_col_int(s, 0);
        c->ministry_code = db_col_dup(s, 1, a);
        c->ministry_name = db_col_dup(s, 2, a);
        c->ministry_name_nn = db_col_dup(s, 3, a);
        c->ministry_name_en = db_col_dup(s, 4, a);
        c->on_date = db_col_dup(s, 5, a);
        c->step = (int)db_col_int(s, 6);
        c->target = (int)db_col_int(s, 7);
        c->justification = db_col_dup(s, 8, a);
        c->evidence_id = db_col_int(s, 9);
        if (c->evidence_id) {
            c->evidence_title = db_col_dup(s, 10, a);
            c->evidence_kind = db_col_dup(s, 11, a);
            const RecordKind *k = record_kind(c->evidence_kind);
            c->evidence_url = record_url(a, k, c->evidence_id);
        }
        c->actor_name = db_col_dup(s, 12, a);
        c->at = db_col_dup(s, 13, a);
        c->from_step = (int)db_col_int(s, 14);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the ladder failed") : 0;
}

static int set_step(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                    int step, int target, const char *on_date, const char *justification, int64_t evidence_id,
                    Err *e)
{
    Group g;
    if (group_get(db, a, v, id, &g, e)) {
        return E_NOTFOUND;
    }
    if (!group_can_edit(v, &g)) {
        return err_set(e, E_FORBIDDEN, N_("Bare gruppens medlemmer kan flytte gruppen på samordningsstigen."));
    }
    if (g.closed_on) {
        return err_set(e, E_CONFLICT, N_("Gruppen er avsluttet. Gjenåpne den for å endre trinn."));
    }
    if (step < 1 || step > LADDER_STEPS || target < 1 || target > LADDER_STEPS) {
        return err_set(e, E_INVALID, N_("Velg trinn og mål fra 1 til 4."));
    }
    char today[16];
    date_today(today, sizeof today);
    if (!on_date || !*on_date) {
        on_date = today;
    }
    if (!date_valid(on_date) || strcmp(on_date, today) > 0) {
        return err_set(e, E_INVALID, N_("Datoen må være en gyldig dato som ikke er fram i tid."));
    }
    justification = group_trim(a, justification ? justification : "");
    if (!*justification) {
        return err_set(e, E_INVALID, N_("Skriv en begrunnelse for endringen."));
    }
    if (content_check_text(justification, 4000, true, N_("Begrunnelsen"), e)) {
        return E_INVALID;
    }
    if (evidence_id && (evidence_id == id || !record_can_read(db, v, evidence_id))) {
        return err_set(e, E_INVALID, N_("Fant ikke dokumentasjonen. Oppgi nummeret på en sak du har tilgang til."));
    }
    int64_t mid = 0;
    if (ministry && *ministry) {
        mid = group_ministry_id(db, ministry);
        Stmt *s = db_prepare(db, "SELECT 1 FROM group_ministry WHERE group_id = ?1 AND ministry_id = ?2 "
                                 "AND left_on IS NULL");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, mid);
        bool member = db_step(s) == DB_ROW;
        db_done(s);
        if (!mid || !member) {
            return err_set(e, E_INVALID, N_("Departementet er ikke med i gruppen."));
        }
    }
    /* The step as it stands for this row (the ministry's own, if any). */
    Stmt *s = db_prepare(db, "SELECT step, target, on_date FROM ladder_change WHERE group_id = ?1 "
                             "AND ifnull(ministry_id, 0) = ?2 ORDER BY on_date DESC, id DESC LIMIT 1");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    int was_step = 0, was_target = 0;
    const char *was_date = NULL;
    if (db_step(s) == DB_ROW) {
        was_step = (int)db_col_int(s, 0);
        was_target = (int)db_col_int(s, 1);
        was_date = db_col_dup(s, 2, a);
    }
    db_done(s);
    if (was_step == step && was_target == target) {
        return err_set(e, E_INVALID, N_("Trinn og mål er som før. Velg et annet trinn eller mål."));
    }
    if (was_date && strcmp(on_date, was_date) < 0) {
        return err_set(e, E_INVALID, N_("Datoen kan ikke være før forrige endring på stigen."));
    }
    int rc = group_ladder_insert(db, v, id, mid, step, target, on_date, justification, evidence_id, e);
    const char *field = mid ? arena_printf(a, "ladder:%s", ministry) : "ladder";
    const char *from = was_step ? arena_printf(a, "%d/%d", was_step, was_target) : "";
    const char *to = arena_printf(a, "%d/%d", step, target);
    if (!rc) {
        rc = record_version_add(db, v, id, &(FieldChange){field, from, to}, 1, justification, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "group.ladder", "group", arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s%s%s: %s -> %s", g.rec.title, mid ? " " : "", mid ? ministry : "",
                                       from, to), e);
    }
    return rc;
}

int ladder_set(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry, int step,
               int target, const char *on_date, const char *justification, int64_t evidence_id, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, set_step(db, a, v, client, id, ministry, step, target, on_date, justification,
                                  evidence_id, e), e);
}

/* The groups the viewer may see that were on the ladder and not closed
 * on date ?1, with their group step then. */
#define LADDER_AT                                                                                             \
    "WITH gs AS (SELECT w.id, (SELECT c.step FROM ladder_change c WHERE c.group_id = w.id "                    \
    "  AND c.ministry_id IS NULL AND c.on_date <= ?1 ORDER BY c.on_date DESC, c.id DESC LIMIT 1) AS step "      \
    "  FROM work_group w JOIN record r ON r.id = w.id WHERE " ACCESS("r") " AND NOT " ACCESS_MASKED("r")         \
    "  AND (w.closed_on IS NULL OR w.closed_on > ?1)) "

static int count_on(Db *db, const Viewer *v, const char *date, LadderCount *out, size_t n, bool before)
{
    Stmt *s = db_prepare(db, LADDER_AT "SELECT step, count(*) FROM gs WHERE step IS NOT NULL GROUP BY step");
    db_bind_text(s, 1, date);
    access_bind(s, v);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        int st = (int)db_col_int(s, 0);
        (before ? out[0].before : out[0].now)[st] = (int)db_col_int(s, 1);
    }
    db_done(s);
    if (rc < 0) {
        return E_DB;
    }
    s = db_prepare(db, LADDER_AT
        "SELECT m.code, coalesce((SELECT c.step FROM ladder_change c WHERE c.group_id = gs.id "
        " AND c.ministry_id = gm.ministry_id AND c.on_date <= ?1 ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "
        " gs.step) AS st, count(*) "
        "FROM gs JOIN group_ministry gm ON gm.group_id = gs.id AND gm.joined_on <= ?1 "
        " AND (gm.left_on IS NULL OR gm.left_on > ?1) JOIN ministry m ON m.id = gm.ministry_id "
        "WHERE gs.step IS NOT NULL GROUP BY m.code, st");
    db_bind_text(s, 1, date);
    access_bind(s, v);
    while ((rc = db_step(s)) == DB_ROW) {
        const char *code = db_col_text(s, 0);
        int st = (int)db_col_int(s, 1);
        for (size_t i = 1; i < n; i++) {
            if (str_eq(out[i].ministry_code, code) && st >= 1 && st <= LADDER_STEPS) {
                (before ? out[i].before : out[i].now)[st] = (int)db_col_int(s, 2);
            }
        }
    }
    db_done(s);
    return rc < 0 ? E_DB : 0;
}

int ladder_community(Db *db, Arena *a, const Viewer *v, const char *date, const char *before, LadderCount **out,
                     size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    arena_push(a, out, n, &cap, sizeof **out); /* the total */
    /* The ministries that take part in a group the viewer may see, on either date. */
    Stmt *s = db_prepare(db,
        "SELECT DISTINCT m.code, m.name_nb, m.name_nn, m.name_en FROM group_ministry gm "
        "JOIN ministry m ON m.id = gm.ministry_id JOIN record r ON r.id = gm.group_id "
        "WHERE " ACCESS("r") " AND NOT " ACCESS_MASKED("r") " AND gm.joined_on <= max(?1, ?2) "
        "AND (gm.left_on IS NULL OR gm.left_on > min(?1, ?2)) ORDER BY m.name_nb COLLATE nb");
    db_bind_text(s, 1, date);
    db_bind_text(s, 2, before);
    access_bind(s, v);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        LadderCount *c = arena_push(a, out, n, &cap, sizeof **out);
        c->ministry_code = db_col_dup(s, 0, a);
        c->name = db_col_dup(s, 1, a);
        c->name_nn = db_col_dup(s, 2, a);
        c->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    if (rc < 0 || count_on(db, v, date, *out, *n, false) || count_on(db, v, before, *out, *n, true)) {
        return err_set(e, E_DB, "counting the ladder failed");
    }
    return 0;
}

int sdg_list(Db *db, Arena *a, Sdg **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT number, name_nb, name_nn, name_en FROM sdg ORDER BY number");
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Sdg *g = arena_push(a, out, n, &cap, sizeof **out);
        g->number = (int)db_col_int(s, 0);
        g->name = db_col_dup(s, 1, a);
        g->name_nn = db_col_dup(s, 2, a);
        g->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the goals failed") : 0;
}
