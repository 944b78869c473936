/* consult.c: the consult domain's code lists and their labels, the study
 * questions, who may do what, the three kinds of record (case, round,
 * answer) and the helpers the model files share.  Cases are in
 * consult_case.c, rounds in consult_round.c, answers, the inbox and the
 * timeline in consult_answer.c. */
#include "app/consult/consult.h"

#include <string.h>

#include "app/consult/consult_int.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "base/util.h"

const char *const g_case_types[] = {"law", "regulation", "white_paper", "proposition", "budget", "mandate", "other",
                                    NULL};
const char *const g_case_statuses[] = {"study", "referral", "hearing", "decision", "closed", NULL};
const char *const g_study_levels[] = {"minimum", "simplified", "cba", NULL};
const char *const g_round_kinds[] = {"early", "referral", "hearing", NULL};
const char *const g_answer_positions[] = {"none", "remarks", "objections", NULL};
const char *const g_case_effects[] = {"budget", "municipal", "business", "climate", NULL};

/* The label of code in the parallel lists codes and labels, "" if none. */
static const char *label_of(const char *const *codes, const char *const *labels, const char *code)
{
    for (size_t i = 0; code && codes[i]; i++) {
        if (str_eq(codes[i], code)) {
            return labels[i];
        }
    }
    return "";
}

const char *case_type_label(const char *code)
{
    static const char *const labels[] = {N_("Lov"), N_("Forskrift"), N_("Stortingsmelding"), N_("Proposisjon"),
                                         N_("Budsjettsak"), N_("Mandat for utvalg"), N_("Annet")};
    return label_of(g_case_types, labels, code);
}

const char *case_status_label(const char *code)
{
    static const char *const labels[] = {N_("Under utredning"), N_("På foreleggelse"), N_("På høring"),
                                         N_("Til beslutning"), N_("Avsluttet")};
    return label_of(g_case_statuses, labels, code);
}

const char *study_level_label(const char *code)
{
    static const char *const labels[] = {N_("Minimumsanalyse"), N_("Forenklet analyse"),
                                         N_("Samfunnsøkonomisk analyse")};
    return label_of(g_study_levels, labels, code);
}

const char *round_kind_label(const char *code)
{
    static const char *const labels[] = {N_("Tidlig involvering"), N_("Departementsforeleggelse"), N_("Høring")};
    return label_of(g_round_kinds, labels, code);
}

const char *round_kind_rule(const char *code)
{
    static const char *const labels[] = {N_("Utredningsinstruksen punkt 3-1"), N_("Utredningsinstruksen punkt 3-2"),
                                         N_("Utredningsinstruksen punkt 3-3")};
    return label_of(g_round_kinds, labels, code);
}

const char *answer_position_label(const char *code)
{
    static const char *const labels[] = {N_("Ingen merknader"), N_("Merknader"), N_("Vesentlige innvendinger")};
    return label_of(g_answer_positions, labels, code);
}

const char *case_effect_label(const char *code)
{
    static const char *const labels[] = {
        N_("Vesentlige budsjettmessige virkninger for staten"),
        N_("Vesentlige virkninger for kommunene eller fylkeskommunene"),
        N_("Vesentlige virkninger for næringslivet"),
        N_("Vesentlige virkninger for klima og miljø"),
    };
    return label_of(g_case_effects, labels, code);
}

const char *study_question(int k)
{
    /* Utredningsinstruksen punkt 2-1, as written; the seventh is samla's. */
    static const char *const q[STUDY_QUESTIONS] = {
        N_("Hva er problemet, og hva vil vi oppnå?"),
        N_("Hvilke tiltak er relevante?"),
        N_("Hvilke prinsipielle spørsmål reiser tiltakene?"),
        N_("Hva er de positive og negative virkningene av tiltakene, hvor varige er de, og hvem blir berørt?"),
        N_("Hvilket tiltak anbefales, og hvorfor?"),
        N_("Hva er forutsetningene for en vellykket gjennomføring?"),
        N_("Muligheter og potensial (også digitale)"),
    };
    return k >= 0 && k < STUDY_QUESTIONS ? q[k] : "";
}

/* ---- rights ---------------------------------------------------------------- */

bool consult_can_act(const Viewer *v, int64_t ministry_id)
{
    return v->user_id && !v->read_only && ministry_id && can(v, CAP_CONSULT_ANSWER) &&
           (v->ministry_id == ministry_id || perm_can_report_for(v, ministry_id));
}

bool consult_can_create(const Viewer *v)
{
    return v->user_id && !v->read_only && can(v, CAP_CONSULT_ANSWER) && (v->ministry_id || v->nreport);
}

bool consult_can_manage(const Viewer *v, const Record *rec)
{
    return !rec->masked && consult_can_act(v, rec->owner_ministry_id);
}

/* ---- shared helpers ---------------------------------------------------------- */

bool cs_code_valid(const char *const *codes, const char *code)
{
    for (size_t i = 0; code && codes[i]; i++) {
        if (str_eq(codes[i], code)) {
            return true;
        }
    }
    return false;
}

int64_t cs_ministry_id(Db *db, const char *code)
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

const char *cs_trim(Arena *a, const char *s)
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
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
            continue;
        }
        *o++ = s[i];
    }
    *o = 0;
    return out;
}

int cs_event(Db *db, const Viewer *v, int64_t case_id, int64_t record_id, const char *type, int64_t ministry_id,
             const char *old_value, const char *new_value, const char *detail, Err *e)
{
    char at[32];
    time_iso(at, sizeof at);
    Stmt *s = db_prepare(db,
        "INSERT INTO consult_event (case_id, record_id, type, at, actor_id, ministry_id, old_value, new_value, detail) "
        "VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), nullif(?6, 0), ?7, ?8, ?9)");
    db_bind_int(s, 1, case_id);
    db_bind_int(s, 2, record_id);
    db_bind_text(s, 3, type);
    db_bind_text(s, 4, at);
    db_bind_int(s, 5, v ? v->user_id : 0);
    db_bind_int(s, 6, ministry_id);
    db_bind_text(s, 7, old_value ? old_value : "");
    db_bind_text(s, 8, new_value ? new_value : "");
    db_bind_text(s, 9, detail ? detail : "");
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "writing the timeline failed");
    db_done(s);
    return rc;
}

int cs_share(Db *db, const Viewer *v, int64_t record_id, int64_t ministry_id, Err *e)
{
    char at[32];
    time_iso(at, sizeof at);
    Stmt *s = db_prepare(db,
        "INSERT INTO access_grant (record_id, ministry_id, user_id, granted_by, granted_at) "
        "SELECT ?1, ?2, NULL, nullif(?3, 0), ?4 WHERE NOT EXISTS "
        "(SELECT 1 FROM access_grant WHERE record_id = ?1 AND ministry_id = ?2)");
    db_bind_int(s, 1, record_id);
    db_bind_int(s, 2, ministry_id);
    db_bind_int(s, 3, v ? v->user_id : 0);
    db_bind_text(s, 4, at);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "sharing the record failed");
    db_done(s);
    return rc;
}

int cs_notify_user(Db *db, const Viewer *v, int64_t record_id, int64_t user_id, const char *type, Err *e)
{
    if (!user_id) {
        return 0;
    }
    Notice n = {.user_id = user_id, .record_id = record_id, .type = type, .actor_id = v ? v->user_id : 0};
    return notify_add(db, &n, NULL, e);
}

int cs_notify_ministry(Db *db, Arena *a, const Viewer *v, int64_t record_id, int64_t ministry_id, int64_t taken_by,
                       const char *type, Err *e)
{
    if (taken_by) {
        return cs_notify_user(db, v, record_id, taken_by, type, e);
    }
    /* Everyone with a role in the ministry; who may answer for it is
     * decided by their capabilities, as when they sign in. */
    Stmt *s = db_prepare(db,
        "SELECT DISTINCT u.id FROM account u JOIN role_grant g ON g.user_id = u.id "
        "WHERE u.active = 1 AND (g.ministry_id = ?1 OR (g.ministry_id IS NULL AND u.ministry_id = ?1)) ORDER BY u.id");
    db_bind_int(s, 1, ministry_id);
    int64_t ids[256];
    size_t n = 0;
    while (db_step(s) == DB_ROW && n < COUNT(ids)) {
        ids[n++] = db_col_int(s, 0);
    }
    db_done(s);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        Viewer who;
        if (perm_viewer(db, a, ids[i], &who, NULL) == 0 && consult_can_act(&who, ministry_id)) {
            rc = cs_notify_user(db, v, record_id, ids[i], type, e);
        }
    }
    return rc;
}

/* ---- the kinds of record --------------------------------------------------------- */

static const char *case_field_label(const char *field)
{
    int k = case_field_index(field);
    return k >= 0 ? g_case_field_labels[k] : field;
}

/* sample_record: a bare record of kind for the samples' parents. */
static int sample_record(Db *db, const char *kind, int64_t *id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO record (kind, title, created_at, version, visibility) "
                             "VALUES (?1, 'Prøve', '2026-01-01T09:00:00.000Z', 1, 'restricted')");
    db_bind_text(s, 1, kind);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample record failed");
    db_done(s);
    *id = db_last_id(db);
    return rc;
}

static int case_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO consult_case (id, case_type) VALUES (?1, 'law')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample case failed");
    db_done(s);
    return rc;
}

static int round_insert(Db *db, int64_t id, int64_t case_id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO consult_round (id, case_id, kind, sent_on, deadline) "
                             "VALUES (?1, ?2, 'referral', '2026-01-05', '2026-01-26')");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, case_id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample round failed");
    db_done(s);
    return rc;
}

static int round_sample(Db *db, int64_t id, Err *e)
{
    int64_t case_id;
    return sample_record(db, KIND_CASE, &case_id, e) || case_sample(db, case_id, e) ||
                   round_insert(db, id, case_id, e)
               ? E_DB
               : 0;
}

static int answer_sample(Db *db, int64_t id, Err *e)
{
    int64_t case_id, round_id;
    if (sample_record(db, KIND_CASE, &case_id, e) || case_sample(db, case_id, e) ||
        sample_record(db, KIND_ROUND, &round_id, e) || round_insert(db, round_id, case_id, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO consult_answer (id, round_id, ministry_id) VALUES (?1, ?2, "
                             "coalesce((SELECT owner_ministry_id FROM record WHERE id = ?1), (SELECT min(id) FROM ministry)))");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, round_id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample answer failed");
    db_done(s);
    return rc;
}

static const char *round_field_label(const char *field)
{
    return str_eq(field, "kind")         ? N_("Type runde")
           : str_eq(field, "recipients") ? N_("Mottakere")
           : str_eq(field, "deadline")   ? N_("Frist")
           : str_eq(field, "message")    ? N_("Melding")
           : str_eq(field, "closed_on")  ? N_("Avsluttet")
           : str_eq(field, "summary")    ? N_("Oppsummering")
                                         : field;
}

static const char *answer_field_label(const char *field)
{
    return str_eq(field, "position")      ? N_("Standpunkt")
           : str_eq(field, "text")        ? N_("Svar")
           : str_eq(field, "approved_by") ? N_("Godkjent av")
           : str_eq(field, "deadline")    ? N_("Frist")
           : str_eq(field, "taken_by")    ? N_("Tatt av")
                                          : field;
}

static int case_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const FieldChange *fields,
                        size_t n, const char *comment, Err *e)
{
    CaseText t = {0};
    for (size_t i = 0; i < n; i++) {
        int k = case_field_index(fields[i].field);
        if (k >= 0 && k != CF_LEAD) {
            t.v[k] = fields[i].to ? fields[i].to : "";
        }
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    return consult_case_save(db, a, v, client, id, &t, 0, comment, &out, &errs, &nerr, e);
}

static const RecordKind g_case_kind = {
    .name = KIND_CASE, .table = "consult_case", .label = N_("sak"), .url = "/cases/",
    .can_manage = consult_can_manage, .field_label = case_field_label, .sample = case_sample,
    .restore = case_restore,
};
RECORD_KIND(g_case_kind)

static const RecordKind g_round_kind = {
    .name = KIND_ROUND, .table = "consult_round", .label = N_("runde"), .url = "/consultations/",
    .can_manage = consult_can_manage, .field_label = round_field_label, .sample = round_sample,
};
RECORD_KIND(g_round_kind)

/* An answer's marking and grants follow from its round — the answering
 * ministry and the lead — and nobody changes them, so the lead cannot lose
 * sight of an answer and the answer reaches nobody else. */
static bool answer_can_manage(const Viewer *v, const Record *rec)
{
    (void)v;
    (void)rec;
    return false;
}

static const RecordKind g_answer_kind = {
    .name = KIND_ANSWER, .table = "consult_answer", .label = N_("svar"), .url = "/answers/",
    .can_manage = answer_can_manage, .field_label = answer_field_label, .sample = answer_sample,
};
RECORD_KIND(g_answer_kind)
