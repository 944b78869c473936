/* interaction.c: goal interactions (samordningsstigen step 3) — a
 * measure, decision or case that may affect another ministry's goal,
 * scored −3..+3, answered by that ministry; ministries' goals; the matrix
 * of interactions between ministries; and the kind of record. */
#include "app/work/work.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/work/work_int.h"
#include "base/util.h"

const char *const g_interaction_field_names[IF_COUNT] = {"source", "goal", "score", "justification"};
const char *const g_interaction_field_labels[IF_COUNT] = {N_("Gjelder"), N_("Målet som påvirkes"), N_("Samspill"),
                                                          N_("Begrunnelse")};

int ministry_goal_list(Db *db, Arena *a, const char *ministry, MinistryGoal **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT g.id, g.code, x.code, g.text_nb, g.text_nn, g.text_en, g.source, g.illustrative "
                             "FROM ministry_goal g JOIN ministry x ON x.id = g.ministry_id "
                             "WHERE ?1 IS NULL OR x.code = ?1 ORDER BY x.code, g.code");
    db_bind_text(s, 1, ministry && *ministry ? ministry : NULL);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryGoal *g = arena_push(a, out, n, &cap, sizeof *g);
        g->id = db_col_int(s, 0);
        g->code = db_col_dup(s, 1, a);
        g->ministry_code = db_col_dup(s, 2, a);
        g->text = db_col_dup(s, 3, a);
        g->text_nn = db_col_dup(s, 4, a);
        g->text_en = db_col_dup(s, 5, a);
        g->source = db_col_dup(s, 6, a);
        g->illustrative = db_col_int(s, 7) != 0;
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing goals failed") : 0;
}

#define INTERACTION_COLUMNS                                                                                  \
    "(SELECT sr.id FROM record sr WHERE sr.id = i.source_id AND " ACCESS("sr") "), "                          \
    "(SELECT " ACCESS_TITLE("sr") " FROM record sr WHERE sr.id = i.source_id AND " ACCESS("sr") "), "         \
    "(SELECT sr.kind FROM record sr WHERE sr.id = i.source_id AND " ACCESS("sr") "), "                        \
    "g.id, g.code, gx.code, g.text_nb, g.text_nn, g.text_en, g.source, g.illustrative, i.score, "             \
    ACCESS_FIELD("r", "i.justification") ", i.response, " ACCESS_FIELD("r", "i.response_text") ", i.answered_on, " \
    "ifnull(au.id, 0), au.username, au.full_name, ax.code "
#define INTERACTION_FROM                                                                                     \
    " JOIN interaction i ON i.id = r.id JOIN ministry_goal g ON g.id = i.goal_id "                           \
    " JOIN ministry gx ON gx.id = g.ministry_id LEFT JOIN account au ON au.id = i.answered_by "               \
    " LEFT JOIN ministry ax ON ax.id = au.ministry_id "

static void interaction_row(Stmt *s, Arena *a, Interaction *x)
{
    memset(x, 0, sizeof *x);
    record_row(s, a, &x->rec);
    int k = RECORD_NCOLS;
    x->source_id = db_col_int(s, k++);
    x->source_title = db_col_dup(s, k++, a);
    x->source_kind = db_col_dup(s, k++, a);
    x->goal.id = db_col_int(s, k++);
    x->goal.code = db_col_dup(s, k++, a);
    x->goal.ministry_code = db_col_dup(s, k++, a);
    x->goal.text = db_col_dup(s, k++, a);
    x->goal.text_nn = db_col_dup(s, k++, a);
    x->goal.text_en = db_col_dup(s, k++, a);
    x->goal.source = db_col_dup(s, k++, a);
    x->goal.illustrative = db_col_int(s, k++) != 0;
    x->score = (int)db_col_int(s, k++);
    x->justification = db_col_dup(s, k++, a);
    x->response = db_col_dup(s, k++, a);
    x->response_text = db_col_dup(s, k++, a);
    x->answered_on = db_col_dup(s, k++, a);
    x->answered_by.id = db_col_int(s, k++);
    x->answered_by.username = db_col_dup(s, k++, a);
    x->answered_by.full_name = db_col_dup(s, k++, a);
    x->answered_by.ministry_code = db_col_dup(s, k++, a);
    x->justification = x->justification ? x->justification : "";
    x->response_text = x->response_text ? x->response_text : "";
}

int interaction_get(Db *db, Arena *a, const Viewer *v, int64_t id, Interaction *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " INTERACTION_COLUMNS RECORD_FROM INTERACTION_FROM
                             "WHERE r.id = ?1 AND r.kind = 'interaction' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        interaction_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the interaction failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke samspillet."));
}

int interaction_list(Db *db, Arena *a, const Viewer *v, const InteractionFilter *f, Interaction **out, size_t *n,
                     Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " INTERACTION_COLUMNS RECORD_FROM INTERACTION_FROM
        "WHERE r.kind = 'interaction' AND " ACCESS("r") " AND (?1 = 0 OR (g.ministry_id = ?1 AND i.response IS NULL)) "
        "AND (?2 = 0 OR g.ministry_id = ?2 OR r.owner_ministry_id = ?2) AND (?3 = 0 OR i.source_id = ?3) "
        "AND (?4 = 0 OR i.response IS NULL) AND (?5 = 0 OR i.score < 0) "
        "ORDER BY i.response IS NOT NULL, i.score, r.id DESC LIMIT 1000");
    db_bind_int(s, 1, f ? f->awaiting_ministry_id : 0);
    db_bind_int(s, 2, f ? f->ministry_id : 0);
    db_bind_int(s, 3, f ? f->source_id : 0);
    db_bind_int(s, 4, f && f->open);
    db_bind_int(s, 5, f && f->negative);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        interaction_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing interactions failed") : 0;
}

int interaction_create(Db *db, Arena *a, const Viewer *v, const char *client, const char *const in[IF_COUNT],
                       int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    *nerr = 0;
    *errs = NULL;
    if (!v->user_id || v->read_only || !v->ministry_id) {
        return err_set(e, E_FORBIDDEN, N_("Du kan ikke registrere samspill."));
    }
    size_t n = 0, cap = 0;
    Err pe = {0};
    const char *src = wk_trim(a, in[IF_SOURCE]), *goal = wk_trim(a, in[IF_GOAL]);
    const char *score_s = wk_trim(a, in[IF_SCORE]), *why = wk_trim(a, in[IF_JUSTIFICATION]);
    int64_t source_id = wk_record_id(db, v, src, NULL);
    Record source = {0};
    if (!source_id || record_get(db, a, v, source_id, &source, &pe) ||
        !(str_eq(source.kind->name, "measure") || str_eq(source.kind->name, "decision") ||
          str_eq(source.kind->name, "case"))) {
        wk_problem(a, errs, &n, &cap, IF_SOURCE, N_("Velg et tiltak, et vedtak eller en sak du har tilgang til."), NULL);
        source_id = 0;
    }
    Stmt *s = db_prepare(db, "SELECT g.id, g.ministry_id, g.text_nb FROM ministry_goal g WHERE g.code = ?1");
    db_bind_text(s, 1, goal);
    int64_t goal_id = 0, goal_ministry = 0;
    const char *goal_text = "";
    if (db_step(s) == DB_ROW) {
        goal_id = db_col_int(s, 0);
        goal_ministry = db_col_int(s, 1);
        goal_text = db_col_dup(s, 2, a);
    }
    db_done(s);
    if (!goal_id) {
        wk_problem(a, errs, &n, &cap, IF_GOAL, N_("Velg målet som påvirkes."), NULL);
    } else if (goal_ministry == v->ministry_id) {
        wk_problem(a, errs, &n, &cap, IF_GOAL, N_("Velg et mål som tilhører et annet departement."), NULL);
    }
    long long score = 0;
    if (!parse_int(score_s, -3, 3, &score)) {
        wk_problem(a, errs, &n, &cap, IF_SCORE, N_("Velg et samspill fra −3 til +3."), NULL);
    }
    if (!*why) {
        wk_problem(a, errs, &n, &cap, IF_JUSTIFICATION, N_("Skriv en begrunnelse."), NULL);
    } else if (content_check_text(why, 20000, true, N_("Begrunnelse"), &pe)) {
        wk_problem(a, errs, &n, &cap, IF_JUSTIFICATION, arena_strdup(a, pe.msg), NULL);
    }
    if ((*nerr = n)) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    /* As open as its source; restricted with the source's group and grants. */
    bool restricted = str_eq(source.visibility, "restricted");
    const char *title = arena_printf(a, "%s → %s", source.title, goal_text);
    if (strlen(title) > 290) {   /* cut on a character boundary */
        size_t cut = 280;
        while (cut && ((unsigned char)title[cut] & 0xC0) == 0x80) {
            cut--;
        }
        title = arena_printf(a, "%.*s …", (int)cut, title);
    }
    RecordInit ri = {.title = title, .owner_ministry_id = v->ministry_id,
                     .visibility = restricted ? "restricted" : "internal",
                     .owner_group_id = restricted ? source.owner_group_id : 0};
    int64_t id;
    rc = record_create(db, v, KIND_INTERACTION, &ri, &id, e);
    if (!rc) {
        s = db_prepare(db, "INSERT INTO interaction (id, source_id, goal_id, score, justification) VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, source_id);
        db_bind_int(s, 3, goal_id);
        db_bind_int(s, 4, score);
        db_bind_text(s, 5, why);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
    }
    rc = rc || !restricted ? rc : wk_copy_grants(db, source_id, id, e);
    rc = rc ? rc : wk_grant(db, v, id, goal_ministry, 0, e);
    FieldChange ch[] = {{"source", "", arena_printf(a, "%lld", (long long)source_id)}, {"goal", "", goal},
                        {"score", "", arena_printf(a, "%lld", score)}, {"justification", "", why}};
    rc = rc ? rc : record_version_add(db, v, id, ch, COUNT(ch), NULL, e);
    rc = rc ? rc : wk_notify_ministry(db, a, v, id, goal_ministry, true, NOTIFY_INTERACTION, e);
    rc = rc ? rc : audit_append(db, v, client, "interaction.create", KIND_INTERACTION,
                                arena_printf(a, "%lld", (long long)id), title, e);
    rc = db_finish(db, rc, e);
    if (!rc) {
        *out_id = id;
    }
    return rc;
}

bool interaction_can_answer(const Viewer *v, const Interaction *x)
{
    if (!v->user_id || v->read_only || !v->ministry_code || !x->goal.ministry_code ||
        !str_eq(v->ministry_code, x->goal.ministry_code)) {
        return false;
    }
    return can(v, CAP_CONSULT_ANSWER) || can(v, CAP_READ_MINISTRY);
}

int interaction_answer(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *response,
                       const char *text, FormProblem **errs, size_t *nerr, Err *e)
{
    *nerr = 0;
    *errs = NULL;
    Interaction x;
    if (interaction_get(db, a, v, id, &x, e) || x.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke samspillet."));
    }
    if (!interaction_can_answer(v, &x)) {
        return err_set(e, E_FORBIDDEN, N_("Bare departementet som eier målet, kan svare."));
    }
    size_t n = 0, cap = 0;
    Err pe = {0};
    response = wk_trim(a, response);
    text = wk_trim(a, text);
    bool known = false;
    for (size_t i = 0; g_interaction_responses[i]; i++) {
        known |= str_eq(g_interaction_responses[i], response);
    }
    if (!known) {
        wk_problem(a, errs, &n, &cap, 0, N_("Velg om dere er enige, har merknader eller er uenige."), NULL);
    }
    if (!*text && known && !str_eq(response, "agree")) {
        wk_problem(a, errs, &n, &cap, 1, N_("Skriv merknaden eller hvorfor dere er uenige."), NULL);
    } else if (content_check_text(text, 20000, true, N_("Svaret"), &pe)) {
        wk_problem(a, errs, &n, &cap, 1, arena_strdup(a, pe.msg), NULL);
    }
    if ((*nerr = n)) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    char today[16];
    date_today(today, sizeof today);
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "UPDATE interaction SET response = ?2, response_text = ?3, answered_on = ?4, "
                             "answered_by = ?5 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, response);
    db_bind_text(s, 3, text);
    db_bind_text(s, 4, today);
    db_bind_int(s, 5, v->user_id);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch[] = {{"response", x.response ? x.response : "", response},
                        {"response_text", x.response_text, text}};
    rc = rc ? rc : record_version_add(db, v, id, ch, COUNT(ch), NULL, e);
    rc = rc ? rc : audit_append(db, v, client, "interaction.answer", KIND_INTERACTION,
                                arena_printf(a, "%lld", (long long)id), response, e);
    return db_finish(db, rc, e);
}

int interaction_matrix(Db *db, Arena *a, const Viewer *v, MatrixCell **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT o.code, gx.code, count(*), sum(i.response IS NULL), sum(i.score < 0), min(i.score), max(i.score), "
        "avg(i.score) FROM record r JOIN interaction i ON i.id = r.id JOIN ministry o ON o.id = r.owner_ministry_id "
        "JOIN ministry_goal g ON g.id = i.goal_id JOIN ministry gx ON gx.id = g.ministry_id "
        "WHERE r.kind = 'interaction' AND " ACCESS("r") " AND NOT " ACCESS_MASKED("r")
        " GROUP BY o.code, gx.code ORDER BY o.code, gx.code");
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MatrixCell *c = arena_push(a, out, n, &cap, sizeof *c);
        c->from = db_col_dup(s, 0, a);
        c->to = db_col_dup(s, 1, a);
        c->n = (int)db_col_int(s, 2);
        c->nopen = (int)db_col_int(s, 3);
        c->nnegative = (int)db_col_int(s, 4);
        c->min = (int)db_col_int(s, 5);
        c->max = (int)db_col_int(s, 6);
        c->mean = db_col_double(s, 7);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the matrix failed") : 0;
}

/* ---- the kind of record ------------------------------------------------------------- */

static bool interaction_can_manage(const Viewer *v, const Record *rec)
{
    return v->user_id && !v->read_only && rec->owner_ministry_id && rec->owner_ministry_id == v->ministry_id &&
           (can(v, CAP_CONSULT_ANSWER) || can(v, CAP_READ_MINISTRY));
}

static const char *interaction_field_label(const char *field)
{
    for (int k = 0; k < IF_COUNT; k++) {
        if (str_eq(g_interaction_field_names[k], field)) {
            return g_interaction_field_labels[k];
        }
    }
    if (str_eq(field, "response")) {
        return N_("Svar");
    }
    return str_eq(field, "response_text") ? N_("Svartekst") : field;
}

static int interaction_sample(Db *db, int64_t id, Err *e)
{
    if (db_exec(db, "INSERT INTO ministry_goal (ministry_id, code, text_nb, text_nn, text_en, illustrative) "
                    "SELECT id, 'PRØVE-1', 'Prøvemål', 'Prøvemål', 'Sample goal', 1 FROM ministry "
                    "WHERE NOT EXISTS (SELECT 1 FROM ministry_goal) ORDER BY id LIMIT 1", e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO interaction (id, source_id, goal_id, score, justification) VALUES "
                             "(?1, ?1, (SELECT min(id) FROM ministry_goal), -2, 'Prøvebegrunnelse')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample interaction failed");
    db_done(s);
    return rc;
}

static int interaction_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a, "SELECT i.justification || char(10) || i.response_text FROM interaction i "
                                   "WHERE i.id = ?1", id);
    return 0;
}

static const RecordKind interaction_kind = {
    .name = KIND_INTERACTION, .table = "interaction", .label = N_("samspill mellom mål"), .url = "/interactions/",
    .can_manage = interaction_can_manage, .field_label = interaction_field_label, .sample = interaction_sample,
    .search_text = interaction_search_text,
};
RECORD_KIND(interaction_kind)
