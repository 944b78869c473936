/* consult_case.c: cases — reading, the text form with the study, saving
 * (versions, timeline, audit), and the ministries § 3-2 names. */
#include "app/consult/consult.h"

#include <string.h>

#include "app/consult/consult_int.h"
#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/textform.h"
#include "base/buf.h"
#include "base/util.h"

const char *const g_case_field_names[CF_COUNT] = {
    "title", "type", "summary", "lead", "officer", "status", "archive_ref", "affected", "effects", "visibility",
    "exemption_basis", "public_title", "study_level", "study_problem", "study_measures", "study_principles",
    "study_effects", "study_recommendation", "study_prerequisites", "study_opportunities", "decision",
};
const char *const g_case_field_labels[CF_COUNT] = {
    N_("Tittel"), N_("Type sak"), N_("Sammendrag"), N_("Ansvarlig departement"), N_("Saksansvarlig"), N_("Status"),
    N_("Saksnummer i arkivet"), N_("Berørte departementer"), N_("Vesentlige virkninger"), N_("Synlighet"),
    N_("Unntatt offentlighet"), N_("Offentlig tittel"), N_("Utredningsnivå"),
    N_("Hva er problemet, og hva vil vi oppnå?"), N_("Hvilke tiltak er relevante?"),
    N_("Hvilke prinsipielle spørsmål reiser tiltakene?"),
    N_("Hva er de positive og negative virkningene av tiltakene, hvor varige er de, og hvem blir berørt?"),
    N_("Hvilket tiltak anbefales, og hvorfor?"), N_("Hva er forutsetningene for en vellykket gjennomføring?"),
    N_("Muligheter og potensial (også digitale)"), N_("Beslutning"),
};

int case_field_index(const char *name)
{
    for (int k = 0; k < CF_COUNT; k++) {
        if (str_eq(g_case_field_names[k], name)) {
            return k;
        }
    }
    return -1;
}

/* ---- reading ----------------------------------------------------------------- */

/* The case's own columns after RECORD_COLUMNS; ?5 is today.  Counts of
 * rounds and overdue answers include only those the viewer may read. */
#define CASE_COLUMNS                                                                                          \
    "c.case_type, c.status, " ACCESS_FIELD("r", "c.summary") ", " ACCESS_FIELD("r", "c.archive_ref") ", "       \
    "CASE WHEN " ACCESS_MASKED("r") " THEN NULL ELSE off.username END, "                                       \
    "CASE WHEN " ACCESS_MASKED("r") " THEN NULL ELSE off.full_name END, " ACCESS_FIELD("r", "c.effects") ", "  \
    "CASE WHEN " ACCESS_MASKED("r") " THEN NULL ELSE c.study_level END, "                                      \
    ACCESS_FIELD("r", "c.study_problem") ", " ACCESS_FIELD("r", "c.study_measures") ", "                       \
    ACCESS_FIELD("r", "c.study_principles") ", " ACCESS_FIELD("r", "c.study_effects") ", "                     \
    ACCESS_FIELD("r", "c.study_recommendation") ", " ACCESS_FIELD("r", "c.study_prerequisites") ", "           \
    ACCESS_FIELD("r", "c.study_opportunities") ", " ACCESS_FIELD("r", "c.decision") ", c.decided_on, "        \
    "(SELECT count(*) FROM consult_round cr JOIN record rr ON rr.id = cr.id WHERE cr.case_id = c.id AND "      \
    ACCESS("rr") "), "                                                                                        \
    "(SELECT count(*) FROM consult_round cr JOIN record rr ON rr.id = cr.id WHERE cr.case_id = c.id "         \
    " AND cr.closed_on IS NULL AND " ACCESS("rr") "), "                                                       \
    "(SELECT count(*) FROM consult_answer ca JOIN record ra ON ra.id = ca.id "                                \
    " JOIN consult_round cr ON cr.id = ca.round_id WHERE cr.case_id = c.id AND cr.closed_on IS NULL "          \
    " AND ca.answered_on IS NULL AND coalesce(ca.deadline, cr.deadline) < ?5 AND " ACCESS("ra") ") "
#define CASE_FROM " JOIN consult_case c ON c.id = r.id LEFT JOIN account off ON off.id = c.officer_id "

static void case_row(Stmt *s, Arena *a, Case *c)
{
    memset(c, 0, sizeof *c);
    record_row(s, a, &c->rec);
    int k = RECORD_NCOLS;
    c->type = db_col_dup(s, k++, a);
    c->status = db_col_dup(s, k++, a);
    c->summary = db_col_dup(s, k++, a);
    c->archive_ref = db_col_dup(s, k++, a);
    c->officer = db_col_dup(s, k++, a);
    c->officer_name = db_col_dup(s, k++, a);
    c->effects = db_col_dup(s, k++, a);
    c->study_level = db_col_dup(s, k++, a);
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        c->study[q] = db_col_dup(s, k++, a);
        c->study[q] = c->study[q] ? c->study[q] : "";
        c->study_done += *c->study[q] != 0;
    }
    c->decision = db_col_dup(s, k++, a);
    c->decided_on = db_col_dup(s, k++, a);
    c->nrounds = (int)db_col_int(s, k++);
    c->nopen = (int)db_col_int(s, k++);
    c->noverdue = (int)db_col_int(s, k++);
    c->summary = c->summary ? c->summary : "";
    c->archive_ref = c->archive_ref ? c->archive_ref : "";
    c->effects = c->effects ? c->effects : "";
    c->decision = c->decision ? c->decision : "";
}

static int affected(Db *db, Arena *a, int64_t id, MinistryOption **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT m.code, m.name_nb, m.name_nn, m.name_en FROM consult_case_ministry cm "
                             "JOIN ministry m ON m.id = cm.ministry_id WHERE cm.case_id = ?1 ORDER BY m.name_nb COLLATE nb");
    db_bind_int(s, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryOption *m = arena_push(a, out, n, &cap, sizeof **out);
        m->code = db_col_dup(s, 0, a);
        m->name = db_col_dup(s, 1, a);
        m->name_nn = db_col_dup(s, 2, a);
        m->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    return rc < 0 ? E_DB : 0;
}

int consult_case_get(Db *db, Arena *a, const Viewer *v, int64_t id, Case *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " CASE_COLUMNS RECORD_FROM CASE_FROM
                             "WHERE r.id = ?1 AND r.kind = 'case' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        case_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the case failed");
    }
    if (rc != DB_ROW) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke saken."));
    }
    if (!out->rec.masked && affected(db, a, id, &out->affected, &out->naffected)) {
        return err_set(e, E_DB, "reading the case failed");
    }
    return 0;
}

int consult_case_list(Db *db, Arena *a, const Viewer *v, const CaseFilter *f, Case **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " CASE_COLUMNS RECORD_FROM CASE_FROM
        "WHERE r.kind = 'case' AND " ACCESS("r") " AND (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.case_type = ?2) "
        "AND (?3 IS NULL OR o.code = ?3 OR (NOT " ACCESS_MASKED("r") " AND EXISTS (SELECT 1 FROM "
        "     consult_case_ministry fm JOIN ministry fmm ON fmm.id = fm.ministry_id WHERE fm.case_id = c.id "
        "     AND fmm.code = ?3))) "
        "AND (?4 = 0 OR (c.officer_id = ?90 AND ?90 <> 0)) "
        "ORDER BY c.status = 'closed', r.id DESC");
    db_bind_text(s, 1, f && f->status && *f->status ? f->status : NULL);
    db_bind_text(s, 2, f && f->type && *f->type ? f->type : NULL);
    db_bind_text(s, 3, f && f->ministry && *f->ministry ? f->ministry : NULL);
    db_bind_int(s, 4, f && f->mine);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        case_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing cases failed") : 0;
}

/* ---- the text form ---------------------------------------------------------------- */

static const char *affected_codes(Db *db, Arena *a, int64_t id)
{
    Stmt *s = db_prepare(db, "SELECT m.code FROM consult_case_ministry cm JOIN ministry m ON m.id = cm.ministry_id "
                             "WHERE cm.case_id = ?1 ORDER BY m.code");
    db_bind_int(s, 1, id);
    Buf b = {0};
    while (db_step(s) == DB_ROW) {
        buf_printf(&b, "%s%s", b.len ? ", " : "", db_col_text(s, 0));
    }
    db_done(s);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

int consult_case_text(Db *db, Arena *a, const Viewer *v, int64_t id, CaseText *out, Err *e)
{
    Case c;
    if (consult_case_get(db, a, v, id, &c, e)) {
        return E_NOTFOUND;
    }
    if (c.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke saken."));
    }
    memset(out, 0, sizeof *out);
    const char *title = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", id);
    out->v[CF_TITLE] = title ? title : "";
    out->v[CF_TYPE] = c.type;
    out->v[CF_SUMMARY] = c.summary;
    out->v[CF_LEAD] = c.rec.owner_code ? c.rec.owner_code : "";
    out->v[CF_OFFICER] = c.officer ? c.officer : "";
    out->v[CF_STATUS] = c.status;
    out->v[CF_ARCHIVE_REF] = c.archive_ref;
    out->v[CF_AFFECTED] = affected_codes(db, a, id);
    out->v[CF_EFFECTS] = c.effects;
    out->v[CF_VISIBILITY] = c.rec.visibility;
    out->v[CF_EXEMPTION_BASIS] = c.rec.exemption_basis ? c.rec.exemption_basis : "";
    out->v[CF_PUBLIC_TITLE] = c.rec.public_title ? c.rec.public_title : "";
    out->v[CF_STUDY_LEVEL] = c.study_level ? c.study_level : "";
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        out->v[CF_STUDY + q] = c.study[q];
    }
    out->v[CF_DECISION] = c.decision;
    return 0;
}

/* ---- saving ------------------------------------------------------------------------- */

static void problem(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg,
                    const char *arg)
{
    FormProblem *p = arena_push(a, errs, n, cap, sizeof **errs);
    p->field = field;
    p->msg = msg;
    p->arg = arg;
}

/* Check next (the full new text) as v would save it; all problems to errs. */
static size_t validate(Db *db, Arena *a, const Viewer *v, const CaseText *old, const CaseText *next,
                       FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = next->v;
    if (!*f[CF_TITLE]) {
        problem(a, errs, &n, &cap, CF_TITLE, N_("Skriv en tittel."), NULL);
    } else if (content_check_text(f[CF_TITLE], 300, false, N_("Tittel"), &e)) {
        problem(a, errs, &n, &cap, CF_TITLE, arena_strdup(a, e.msg), NULL);
    }
    if (!cs_code_valid(g_case_types, f[CF_TYPE])) {
        problem(a, errs, &n, &cap, CF_TYPE, N_("Velg type sak."), NULL);
    }
    if (content_check_text(f[CF_SUMMARY], 20000, true, N_("Sammendrag"), &e)) {
        problem(a, errs, &n, &cap, CF_SUMMARY, arena_strdup(a, e.msg), NULL);
    }
    int64_t lead = cs_ministry_id(db, f[CF_LEAD]);
    if (old && !str_eq(old->v[CF_LEAD], f[CF_LEAD])) {
        problem(a, errs, &n, &cap, CF_LEAD, N_("Ansvarlig departement kan ikke endres etter at saken er opprettet."),
                NULL);
    } else if (!lead) {
        problem(a, errs, &n, &cap, CF_LEAD, N_("Velg ansvarlig departement."), NULL);
    } else if (!old && !consult_can_act(v, lead)) {
        problem(a, errs, &n, &cap, CF_LEAD, N_("Du kan bare opprette saker for ditt eget departement."), NULL);
    }
    if (*f[CF_OFFICER]) {
        Stmt *s = db_prepare(db, "SELECT ministry_id FROM account WHERE username = ?1 AND active = 1");
        db_bind_text(s, 1, f[CF_OFFICER]);
        int64_t m = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
        db_done(s);
        if (m < 0) {
            problem(a, errs, &n, &cap, CF_OFFICER, N_("Ukjent bruker: %s."), f[CF_OFFICER]);
        } else if (lead && m != lead) {
            problem(a, errs, &n, &cap, CF_OFFICER, N_("Saksansvarlig må arbeide i ansvarlig departement."), NULL);
        }
    }
    if (!cs_code_valid(g_case_statuses, f[CF_STATUS])) {
        problem(a, errs, &n, &cap, CF_STATUS, N_("Velg status."), NULL);
    }
    if (content_check_text(f[CF_ARCHIVE_REF], 100, false, N_("Saksnummer i arkivet"), &e)) {
        problem(a, errs, &n, &cap, CF_ARCHIVE_REF, arena_strdup(a, e.msg), NULL);
    }
    const char **codes;
    size_t nc = text_split(a, f[CF_AFFECTED], ',', &codes);
    for (size_t i = 0; i < nc; i++) {
        if (!cs_ministry_id(db, codes[i])) {
            problem(a, errs, &n, &cap, CF_AFFECTED, N_("Ukjent departement: %s."), codes[i]);
            break;
        }
        if (str_eq(codes[i], f[CF_LEAD])) {
            problem(a, errs, &n, &cap, CF_AFFECTED, N_("Ansvarlig departement kan ikke også være berørt departement."),
                    NULL);
            break;
        }
    }
    nc = text_split(a, f[CF_EFFECTS], ',', &codes);
    for (size_t i = 0; i < nc; i++) {
        if (!cs_code_valid(g_case_effects, codes[i])) {
            problem(a, errs, &n, &cap, CF_EFFECTS, N_("Ukjent virkning: %s."), codes[i]);
            break;
        }
    }
    if (record_marking_check(db, f[CF_VISIBILITY], f[CF_EXEMPTION_BASIS], f[CF_PUBLIC_TITLE], &e)) {
        problem(a, errs, &n, &cap, CF_VISIBILITY, arena_strdup(a, e.msg), NULL);
    }
    if (*f[CF_STUDY_LEVEL] && !cs_code_valid(g_study_levels, f[CF_STUDY_LEVEL])) {
        problem(a, errs, &n, &cap, CF_STUDY_LEVEL, N_("Velg utredningsnivå."), NULL);
    }
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        if (content_check_text(f[CF_STUDY + q], 20000, true, N_("Svaret"), &e)) {
            problem(a, errs, &n, &cap, CF_STUDY + q, arena_strdup(a, e.msg), NULL);
        }
    }
    if (content_check_text(f[CF_DECISION], 20000, true, N_("Beslutning"), &e)) {
        problem(a, errs, &n, &cap, CF_DECISION, arena_strdup(a, e.msg), NULL);
    }
    return n;
}

static const char *canon(Arena *a, int k, const char *s)
{
    if (!s) {
        return NULL;
    }
    if (k == CF_AFFECTED || k == CF_LEAD) {
        return text_canon_list(a, s, true);
    }
    if (k == CF_EFFECTS) {
        return text_canon_list(a, s, false);
    }
    return cs_trim(a, s);
}

static int write_case(Db *db, int64_t id, const CaseText *t, const char *today)
{
    const char *const *f = t->v;
    Stmt *s = db_prepare(db,
        "UPDATE consult_case SET case_type = ?2, summary = ?3, "
        "officer_id = (SELECT id FROM account WHERE username = nullif(?4, '')), status = ?5, archive_ref = ?6, "
        "effects = ?7, study_level = nullif(?8, ''), study_problem = ?9, study_measures = ?10, "
        "study_principles = ?11, study_effects = ?12, study_recommendation = ?13, study_prerequisites = ?14, "
        "study_opportunities = ?15, decision = ?16, "
        "decided_on = CASE WHEN ?5 = 'closed' THEN coalesce(decided_on, ?17) END WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[CF_TYPE]);
    db_bind_text(s, 3, f[CF_SUMMARY]);
    db_bind_text(s, 4, f[CF_OFFICER]);
    db_bind_text(s, 5, f[CF_STATUS]);
    db_bind_text(s, 6, f[CF_ARCHIVE_REF]);
    db_bind_text(s, 7, f[CF_EFFECTS]);
    db_bind_text(s, 8, f[CF_STUDY_LEVEL]);
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        db_bind_text(s, 9 + q, f[CF_STUDY + q]);
    }
    db_bind_text(s, 16, f[CF_DECISION]);
    db_bind_text(s, 17, today);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "UPDATE record SET title = ?2, visibility = ?3, exemption_basis = nullif(?4, ''), "
                       "public_title = nullif(?5, '') WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[CF_TITLE]);
    db_bind_text(s, 3, f[CF_VISIBILITY]);
    db_bind_text(s, 4, f[CF_EXEMPTION_BASIS]);
    db_bind_text(s, 5, f[CF_PUBLIC_TITLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "DELETE FROM consult_case_ministry WHERE case_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "INSERT INTO consult_case_ministry (case_id, ministry_id) "
                       "SELECT ?1, m.id FROM ministry m WHERE m.valid_to IS NULL AND "
                       "instr(', ' || ?2 || ',', ', ' || m.code || ',') > 0");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[CF_AFFECTED]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc;
}

/* The timeline's events of a save: created, the study answered (which
 * questions, "0" for the level alone), the status changed, decided. */
static int save_events(Db *db, Arena *a, const Viewer *v, int64_t id, bool created, const CaseText *old,
                       const CaseText *next, Err *e)
{
    int rc = created ? cs_event(db, v, id, id, "created", 0, "", next->v[CF_STATUS], "", e) : 0;
    Buf qs = {0};
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        if (!str_eq(created ? "" : old->v[CF_STUDY + q], next->v[CF_STUDY + q])) {
            buf_printf(&qs, "%s%d", qs.len ? ", " : "", q + 1);
        }
    }
    bool level = !str_eq(created ? "" : old->v[CF_STUDY_LEVEL], next->v[CF_STUDY_LEVEL]);
    if (!rc && (qs.len || level)) {
        rc = cs_event(db, v, id, id, "study", 0, "", qs.len ? buf_str(&qs) : "0", "", e);
    }
    buf_free(&qs);
    const char *was = created ? "" : old->v[CF_STATUS];
    if (!rc && !created && !str_eq(was, next->v[CF_STATUS])) {
        bool decided = str_eq(next->v[CF_STATUS], "closed");
        rc = cs_event(db, v, id, id, decided ? "decided" : "status", 0, was, next->v[CF_STATUS],
                      decided ? next->v[CF_DECISION] : "", e);
    }
    (void)a;
    return rc;
}

static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const CaseText *in,
                int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
                Err *e)
{
    CaseText old = {0}, next = {0};
    Case cur = {0};
    char today[16];
    date_today(today, sizeof today);
    if (id) {
        if (consult_case_get(db, a, v, id, &cur, e) || consult_case_text(db, a, v, id, &old, e)) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke saken."));
        }
        if (!consult_can_manage(v, &cur.rec)) {
            return err_set(e, E_FORBIDDEN, N_("Bare saksbehandlere i ansvarlig departement kan endre saken."));
        }
    } else if (!consult_can_create(v)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å opprette saker."));
    }
    if (comment && content_check_text(comment, 2000, true, N_("Kommentaren"), e)) {
        return E_INVALID;
    }
    /* A new case is restricted to the lead and exempt as a document that
     * will be exchanged between ministries, until someone decides otherwise. */
    static const char *const defaults[CF_COUNT] = {
        [CF_TYPE] = "other", [CF_STATUS] = "study", [CF_VISIBILITY] = "restricted",
        [CF_EXEMPTION_BASIS] = BASIS_BETWEEN_MINISTRIES};
    for (int k = 0; k < CF_COUNT; k++) {
        const char *given = canon(a, k, in->v[k]);
        const char *was = id ? old.v[k] : (defaults[k] ? defaults[k] : "");
        next.v[k] = given ? given : (was ? was : "");
    }
    if (!id && !in->v[CF_LEAD] && v->ministry_code) {
        next.v[CF_LEAD] = v->ministry_code;
    }
    if (!id && !in->v[CF_OFFICER] && v->username) {
        next.v[CF_OFFICER] = v->username;
    }
    *nerr = validate(db, a, v, id ? &old : NULL, &next, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FieldChange *changes = arena_alloc(a, CF_COUNT * sizeof *changes);
    size_t nchanges = text_diff(g_case_field_names, id ? old.v : (const char *const[CF_COUNT]){0}, next.v, CF_COUNT,
                                NULL, changes);
    if (nchanges == 0) {
        return 0;
    }
    if (id && expect_version && cur.rec.version != expect_version) {
        return err_set(e, E_CONFLICT, N_("Saken er endret av noen andre siden du åpnet den. Last siden på nytt og "
                                         "gjør endringen igjen."));
    }
    int rc;
    bool created = !id;
    if (created) {
        RecordInit ri = {.title = next.v[CF_TITLE], .owner_ministry_id = cs_ministry_id(db, next.v[CF_LEAD]),
                         .visibility = next.v[CF_VISIBILITY], .exemption_basis = next.v[CF_EXEMPTION_BASIS],
                         .public_title = next.v[CF_PUBLIC_TITLE]};
        if ((rc = record_create(db, v, KIND_CASE, &ri, &id, e))) {
            return rc;
        }
        Stmt *s = db_prepare(db, "INSERT INTO consult_case (id) VALUES (?1)");
        db_bind_int(s, 1, id);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
        if (rc) {
            return rc;
        }
        *out_id = id;
    }
    if (write_case(db, id, &next, today)) {
        return err_set(e, E_DB, N_("Lagring feilet."));
    }
    rc = record_version_add(db, v, id, changes, nchanges, comment, e);
    if (!rc) {
        rc = save_events(db, a, v, id, created, &old, &next, e);
    }
    if (!rc) {
        Buf summary = {0};
        for (size_t i = 0; i < nchanges; i++) {
            buf_printf(&summary, "%s%s", i ? ", " : "", changes[i].field);
        }
        rc = audit_append(db, v, client, created ? "case.create" : "case.update", KIND_CASE,
                          arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s", next.v[CF_TITLE], buf_str(&summary)), e);
        buf_free(&summary);
    }
    return rc;
}

int consult_case_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const CaseText *in,
                      int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs,
                      size_t *nerr, Err *e)
{
    *errs = NULL;
    *nerr = 0;
    *out_id = id;
    if (expect_version < 0) {
        return err_set(e, E_INVALID, N_("Ugyldig versjon."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = db_finish(db, save(db, a, v, client, id, in, expect_version, comment, out_id, errs, nerr, e), e);
    if (rc) {
        *out_id = id;
    }
    return rc;
}

/* ---- suggestions --------------------------------------------------------------- */

int consult_suggest(Db *db, Arena *a, const Case *c, Suggestion **out, size_t *n, Err *e)
{
    /* Utredningsinstruksen punkt 3-2: who must have a referral when the
     * case has substantial effects of a kind. */
    static const struct {
        const char *effect, *code, *why;
    } rules[] = {
        {"budget", "FIN", N_("Vesentlige budsjettmessige virkninger for staten (punkt 3-2)")},
        {"municipal", "KDD", N_("Vesentlige virkninger for kommunene eller fylkeskommunene (punkt 3-2)")},
        {"business", "NFD", N_("Vesentlige virkninger for næringslivet (punkt 3-2)")},
        {"climate", "KLD", N_("Vesentlige virkninger for klima og miljø (punkt 3-2)")},
    };
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    const char **effects;
    size_t ne = text_split(a, c->effects ? c->effects : "", ',', &effects);
    for (size_t i = 0; i < COUNT(rules); i++) {
        bool hit = false;
        for (size_t k = 0; k < ne; k++) {
            hit |= str_eq(effects[k], rules[i].effect);
        }
        if (!hit || str_eq(c->rec.owner_code, rules[i].code)) {
            continue;
        }
        Stmt *s = db_prepare(db, "SELECT name_nb, name_nn, name_en FROM ministry WHERE code = ?1 AND valid_to IS NULL");
        db_bind_text(s, 1, rules[i].code);
        if (db_step(s) == DB_ROW) {
            Suggestion *x = arena_push(a, out, n, &cap, sizeof **out);
            *x = (Suggestion){.code = rules[i].code, .name = db_col_dup(s, 0, a), .name_nn = db_col_dup(s, 1, a),
                              .name_en = db_col_dup(s, 2, a), .why = rules[i].why};
        }
        db_done(s);
    }
    for (size_t i = 0; i < c->naffected; i++) {
        bool dup = false;
        for (size_t k = 0; k < *n; k++) {
            dup |= str_eq((*out)[k].code, c->affected[i].code);
        }
        if (!dup) {
            Suggestion *x = arena_push(a, out, n, &cap, sizeof **out);
            *x = (Suggestion){.code = c->affected[i].code, .name = c->affected[i].name,
                              .name_nn = c->affected[i].name_nn, .name_en = c->affected[i].name_en,
                              .why = N_("Berørt departement (punkt 3-1 og 3-2)")};
        }
    }
    (void)e;
    return 0;
}
