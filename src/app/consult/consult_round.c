/* consult_round.c: consultation rounds — deadlines counted in working
 * days, reading, sending (the answers, the grants, the notifications),
 * reminding, extending and closing. */
#include "app/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/consult/consult_int.h"
#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/core/textform.h"
#include "base/buf.h"
#include "base/holiday.h"
#include "base/util.h"

const char *const g_round_field_names[RF_COUNT] = {"kind", "recipients", "deadline", "message"};

/* ---- deadlines ------------------------------------------------------------------ */

enum { REFERRAL_WORKDAYS = 15, HEARING_WORKDAYS = 30, SENT_CLOSED_DAYS = 90 };

/* The same day three months after iso (the month's last day when it has
 * fewer days), into out. */
static void three_months_after(const char *iso, char *out, size_t n)
{
    int y = atoi(iso), m = atoi(iso + 5) + 3, d = atoi(iso + 8);
    if (m > 12) {
        m -= 12;
        y++;
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    long z;
    char first[40];
    snprintf(first, sizeof first, "%04d-%02d-01", y % 10000, m);
    if (!date_days(first, &z)) {
        snprintf(out, n, "%s", iso);
        return;
    }
    date_from_days(z + (d > last ? last : d) - 1, out, n);
}

size_t consult_deadline_warnings(Arena *a, const char *kind, const char *sent_on, const char *deadline,
                                 FormProblem *out, size_t max)
{
    size_t n = 0;
    long days = workdays_between(sent_on, deadline);
    if (days < 0 || max == 0) {
        return 0;
    }
    const char *count = arena_printf(a, "%ld", days);
    if (str_eq(kind, "referral") && days < REFERRAL_WORKDAYS && n < max) {
        out[n++] = (FormProblem){RF_DEADLINE,
                                    N_("Fristen gir bare %s arbeidsdager. Ved departementsforeleggelse skal fristen være "
                                       "minst tre uker (15 arbeidsdager), hvis ikke annet er avtalt mellom "
                                       "departementene."),
                                    count};
    }
    if (str_eq(kind, "hearing") && days < HEARING_WORKDAYS && n < max) {
        out[n++] = (FormProblem){RF_DEADLINE,
                                    N_("Fristen gir bare %s arbeidsdager. Høringsfristen skal ikke være kortere enn seks "
                                       "uker (30 arbeidsdager), unntatt i EØS- og Schengen-saker."),
                                    count};
    } else if (str_eq(kind, "hearing")) {
        char normal[32];
        three_months_after(sent_on, normal, sizeof normal);
        if (strcmp(deadline, normal) < 0 && n < max) {
            out[n++] = (FormProblem){RF_DEADLINE,
                                        N_("Høringsfristen skal normalt være tre måneder, det vil si %s."),
                                        arena_strdup(a, normal)};
        }
    }
    if (!date_is_workday(deadline) && n < max) {
        out[n++] = (FormProblem){RF_DEADLINE, N_("Fristen %s er en lørdag, søndag eller helligdag."),
                                    arena_strdup(a, deadline)};
    }
    return n;
}

/* ---- reading -------------------------------------------------------------------- */

/* Answers of the round the viewer may read, as a subquery's condition. */
#define ROUND_ANSWERS(extra)                                                                                 \
    "(SELECT count(*) FROM consult_answer a1 JOIN record r1 ON r1.id = a1.id WHERE a1.round_id = cr.id "     \
    extra " AND " ACCESS("r1") ")"
#define ROUND_OVERDUE " AND cr.closed_on IS NULL AND a1.answered_on IS NULL AND coalesce(a1.deadline, cr.deadline) < ?5"

/* The round's own columns after RECORD_COLUMNS; ?5 is today. */
#define ROUND_COLUMNS                                                                                        \
    "cr.case_id, CASE WHEN " ACCESS("cc") " THEN " ACCESS_TITLE("cc") " END, cr.kind, "                      \
    ACCESS_FIELD("r", "cr.message") ", cr.sent_on, cr.deadline, cr.closed_on, " ACCESS_FIELD("r", "cr.summary") ", " \
    ROUND_ANSWERS("") ", " ROUND_ANSWERS("AND a1.answered_on IS NOT NULL") ", " ROUND_ANSWERS(ROUND_OVERDUE) ", " \
    "(SELECT group_concat(code, ', ') FROM (SELECT m1.code FROM consult_answer a1 JOIN record r1 ON r1.id = a1.id " \
    " JOIN ministry m1 ON m1.id = a1.ministry_id WHERE a1.round_id = cr.id " ROUND_OVERDUE " AND " ACCESS("r1")  \
    " ORDER BY m1.code)) "
#define ROUND_FROM " JOIN consult_round cr ON cr.id = r.id JOIN record cc ON cc.id = cr.case_id "

static void round_row(Stmt *s, Arena *a, Round *x)
{
    memset(x, 0, sizeof *x);
    record_row(s, a, &x->rec);
    int k = RECORD_NCOLS;
    x->case_id = db_col_int(s, k++);
    x->case_title = db_col_dup(s, k++, a);
    x->kind = db_col_dup(s, k++, a);
    x->message = db_col_dup(s, k++, a);
    x->sent_on = db_col_dup(s, k++, a);
    x->deadline = db_col_dup(s, k++, a);
    x->closed_on = db_col_dup(s, k++, a);
    x->summary = db_col_dup(s, k++, a);
    x->nanswers = (int)db_col_int(s, k++);
    x->nanswered = (int)db_col_int(s, k++);
    x->noverdue = (int)db_col_int(s, k++);
    x->overdue_codes = db_col_dup(s, k++, a);
    x->message = x->message ? x->message : "";
    x->summary = x->summary ? x->summary : "";
    x->overdue_codes = x->overdue_codes ? x->overdue_codes : "";
    x->sent_by = x->rec.created_by;
    x->lead_code = x->rec.owner_code;
}

int consult_round_get(Db *db, Arena *a, const Viewer *v, int64_t id, Round *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " ROUND_COLUMNS RECORD_FROM ROUND_FROM
                             "WHERE r.id = ?1 AND r.kind = 'consult_round' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        round_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the round failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke runden."));
}

int consult_rounds(Db *db, Arena *a, const Viewer *v, int64_t case_id, Round **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " ROUND_COLUMNS RECORD_FROM ROUND_FROM
                             "WHERE cr.case_id = ?1 AND r.kind = 'consult_round' AND " ACCESS("r")
                             " ORDER BY cr.sent_on DESC, r.id DESC");
    db_bind_int(s, 1, case_id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        round_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing rounds failed") : 0;
}

int cs_rounds_sent(Db *db, Arena *a, const Viewer *v, Round **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    char since[16];
    date_add(today, -SENT_CLOSED_DAYS, since, sizeof since);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " ROUND_COLUMNS RECORD_FROM ROUND_FROM
                             "WHERE r.kind = 'consult_round' AND r.owner_ministry_id = ?91 AND ?91 <> 0 AND " ACCESS("r")
                             " AND (cr.closed_on IS NULL OR cr.closed_on >= ?6) "
                             "ORDER BY cr.closed_on IS NOT NULL, CASE WHEN cr.closed_on IS NULL THEN cr.deadline END, "
                             "cr.closed_on DESC, r.id DESC");
    db_bind_text(s, 5, today);
    db_bind_text(s, 6, since);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        round_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing rounds failed") : 0;
}

/* ---- sending ---------------------------------------------------------------------- */

static void problem(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg,
                    const char *arg)
{
    FormProblem *p = arena_push(a, errs, n, cap, sizeof **errs);
    *p = (FormProblem){field, msg, arg};
}

static int insert_answer(Db *db, Arena *a, const Viewer *v, const Case *c, const char *title, int64_t round_id,
                         int64_t ministry_id, const RecordInit *marking, Err *e)
{
    RecordInit ri = *marking;
    ri.title = title;
    ri.owner_ministry_id = ministry_id;
    int64_t id;
    int rc = record_create(db, v, KIND_ANSWER, &ri, &id, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "INSERT INTO consult_answer (id, round_id, ministry_id) VALUES (?1, ?2, ?3)");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, round_id);
    db_bind_int(s, 3, ministry_id);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        rc = record_version_add(db, v, id, NULL, 0, NULL, e);
    }
    /* The lead reads the answer; the recipient reads the case and the round. */
    if (!rc) {
        rc = cs_share(db, v, id, c->rec.owner_ministry_id, e);
    }
    if (!rc) {
        rc = cs_share(db, v, c->rec.id, ministry_id, e);
    }
    if (!rc) {
        rc = cs_share(db, v, round_id, ministry_id, e);
    }
    if (!rc) {
        rc = cs_notify_ministry(db, a, v, id, ministry_id, 0, NOTIFY_ROUND, e);
    }
    return rc;
}

/* The case moves on with its first referral or hearing. */
static int advance_case(Db *db, const Viewer *v, const Case *c, const char *kind, Err *e)
{
    const char *to = NULL;
    if (str_eq(kind, "referral") && str_eq(c->status, "study")) {
        to = "referral";
    } else if (str_eq(kind, "hearing") && (str_eq(c->status, "study") || str_eq(c->status, "referral"))) {
        to = "hearing";
    }
    if (!to) {
        return 0;
    }
    Stmt *s = db_prepare(db, "UPDATE consult_case SET status = ?2 WHERE id = ?1");
    db_bind_int(s, 1, c->rec.id);
    db_bind_text(s, 2, to);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch = {"status", c->status, to};
    if (!rc) {
        rc = record_version_add(db, v, c->rec.id, &ch, 1, NULL, e);
    }
    return rc ? rc : cs_event(db, v, c->rec.id, c->rec.id, "status", 0, c->status, to, "", e);
}

static int send(Db *db, Arena *a, const Viewer *v, const char *client, int64_t case_id, const RoundInput *in,
                int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    Case c;
    if (consult_case_get(db, a, v, case_id, &c, e) || c.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke saken."));
    }
    if (!consult_can_manage(v, &c.rec)) {
        return err_set(e, E_FORBIDDEN, N_("Bare saksbehandlere i ansvarlig departement kan sende saken på runde."));
    }
    char today[16];
    date_today(today, sizeof today);
    const char *kind = in->kind ? in->kind : "";
    const char *recipients = text_canon_list(a, in->recipients ? in->recipients : "", true);
    const char *deadline = cs_trim(a, in->deadline);
    const char *message = cs_trim(a, in->message);
    size_t n = 0, cap = 0;
    Err ce = {0};
    if (str_eq(c.status, "closed")) {
        problem(a, errs, &n, &cap, -1, N_("Saken er avsluttet. Endre status før du sender den på en ny runde."), NULL);
    }
    if (!cs_code_valid(g_round_kinds, kind)) {
        problem(a, errs, &n, &cap, RF_KIND, N_("Velg type runde."), NULL);
    } else if (str_eq(kind, "hearing") && c.rec.exemption_basis) {
        problem(a, errs, &n, &cap, RF_KIND,
                N_("Saken er unntatt offentlighet. Forslag som er unntatt etter offentleglova, skal ikke på høring "
                   "(utredningsinstruksen punkt 3-3)."),
                NULL);
    }
    const char **codes;
    size_t nc = text_split(a, recipients, ',', &codes);
    if (nc == 0) {
        problem(a, errs, &n, &cap, RF_RECIPIENTS, N_("Velg minst ett departement som skal få runden."), NULL);
    }
    for (size_t i = 0; i < nc; i++) {
        if (!cs_ministry_id(db, codes[i])) {
            problem(a, errs, &n, &cap, RF_RECIPIENTS, N_("Ukjent departement: %s."), codes[i]);
            break;
        }
        if (str_eq(codes[i], c.rec.owner_code)) {
            problem(a, errs, &n, &cap, RF_RECIPIENTS, N_("Ansvarlig departement kan ikke være mottaker."), NULL);
            break;
        }
    }
    if (!date_valid(deadline)) {
        problem(a, errs, &n, &cap, RF_DEADLINE, N_("Skriv fristen som åååå-mm-dd."), NULL);
    } else if (strcmp(deadline, today) <= 0) {
        problem(a, errs, &n, &cap, RF_DEADLINE, N_("Fristen må være etter i dag."), NULL);
    }
    if (!*message) {
        problem(a, errs, &n, &cap, RF_MESSAGE, N_("Skriv hva departementene skal ta stilling til."), NULL);
    } else if (content_check_text(message, 20000, true, N_("Melding"), &ce)) {
        problem(a, errs, &n, &cap, RF_MESSAGE, arena_strdup(a, ce.msg), NULL);
    }
    if (n) {
        *nerr = n;
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FormProblem warn[4];
    size_t nw = consult_deadline_warnings(a, kind, today, deadline, warn, COUNT(warn));
    if (nw && !in->confirmed) {
        for (size_t i = 0; i < nw; i++) {
            problem(a, errs, &n, &cap, warn[i].field, warn[i].msg, warn[i].arg);
        }
        *nerr = n;
        return err_set(e, E_CONFLICT, N_("Fristen er kortere enn utredningsinstruksen sier. Bekreft at du vil sende "
                                         "runden likevel."));
    }
    /* Referrals and early involvement are documents between ministries;
     * a hearing is as open as its case. */
    bool hearing = str_eq(kind, "hearing");
    const char *title = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", case_id);
    RecordInit marking = {.title = title, .owner_ministry_id = c.rec.owner_ministry_id,
                          .visibility = hearing ? c.rec.visibility : "restricted",
                          .exemption_basis = hearing ? NULL : BASIS_BETWEEN_MINISTRIES};
    int64_t id;
    int rc = record_create(db, v, KIND_ROUND, &marking, &id, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "INSERT INTO consult_round (id, case_id, kind, message, sent_on, deadline) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, case_id);
    db_bind_text(s, 3, kind);
    db_bind_text(s, 4, message);
    db_bind_text(s, 5, today);
    db_bind_text(s, 6, deadline);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch[] = {{"kind", "", kind}, {"recipients", "", recipients}, {"deadline", "", deadline},
                        {"message", "", message}};
    if (!rc) {
        rc = record_version_add(db, v, id, ch, COUNT(ch), NULL, e);
    }
    for (size_t i = 0; !rc && i < nc; i++) {
        rc = insert_answer(db, a, v, &c, arena_printf(a, "%s (%s)", title, codes[i]), id, cs_ministry_id(db, codes[i]),
                           &marking, e);
    }
    if (!rc) {
        rc = cs_event(db, v, case_id, id, "round_sent", 0, "", deadline, recipients, e);
    }
    if (!rc) {
        rc = advance_case(db, v, &c, kind, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "consult_round.send", KIND_ROUND, arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s til %s, frist %s", title, kind, recipients, deadline), e);
    }
    if (!rc) {
        *out_id = id;
    }
    return rc;
}

int consult_round_send(Db *db, Arena *a, const Viewer *v, const char *client, int64_t case_id,
                       const RoundInput *in, int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    *errs = NULL;
    *nerr = 0;
    *out_id = 0;
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, send(db, a, v, client, case_id, in, out_id, errs, nerr, e), e);
}

/* ---- reminding, extending, closing ------------------------------------------------------ */

/* The open round id, which v manages; E_NOTFOUND / E_FORBIDDEN / E_CONFLICT. */
static int open_round(Db *db, Arena *a, const Viewer *v, int64_t id, Round *r, Err *e)
{
    if (consult_round_get(db, a, v, id, r, e) || r->rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke runden."));
    }
    if (!consult_can_manage(v, &r->rec)) {
        return err_set(e, E_FORBIDDEN, N_("Bare saksbehandlere i ansvarlig departement kan følge opp runden."));
    }
    if (r->closed_on) {
        return err_set(e, E_CONFLICT, N_("Runden er avsluttet."));
    }
    return 0;
}

/* The answer of ministry code in round id: its id, ministry, taker, state. */
typedef struct Recipient {
    int64_t id, ministry_id, taken_by;
    const char *code, *deadline, *answered_on;
} Recipient;

static size_t recipients_of(Db *db, Arena *a, int64_t round_id, int64_t ministry_id, Recipient **out)
{
    Stmt *s = db_prepare(db, "SELECT ca.id, ca.ministry_id, ifnull(ca.taken_by, 0), m.code, ca.deadline, ca.answered_on "
                             "FROM consult_answer ca JOIN ministry m ON m.id = ca.ministry_id "
                             "WHERE ca.round_id = ?1 AND (?2 = 0 OR ca.ministry_id = ?2) ORDER BY m.code");
    db_bind_int(s, 1, round_id);
    db_bind_int(s, 2, ministry_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(s) == DB_ROW) {
        Recipient *x = arena_push(a, out, &n, &cap, sizeof **out);
        *x = (Recipient){db_col_int(s, 0), db_col_int(s, 1), db_col_int(s, 2), db_col_dup(s, 3, a),
                         db_col_dup(s, 4, a), db_col_dup(s, 5, a)};
    }
    db_done(s);
    return n;
}

static int remind(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry, int *count,
                  Err *e)
{
    Round r;
    int rc = open_round(db, a, v, id, &r, e);
    if (rc) {
        return rc;
    }
    int64_t mid = ministry && *ministry ? cs_ministry_id(db, ministry) : 0;
    Recipient *to;
    size_t n = recipients_of(db, a, id, mid, &to);
    if (ministry && *ministry && n == 0) {
        return err_set(e, E_INVALID, N_("Departementet er ikke mottaker av runden."));
    }
    char today[16];
    date_today(today, sizeof today);
    Buf codes = {0};
    for (size_t i = 0; !rc && i < n; i++) {
        if (to[i].answered_on) {
            continue;
        }
        Stmt *s = db_prepare(db, "UPDATE consult_answer SET reminded_on = ?2 WHERE id = ?1");
        db_bind_int(s, 1, to[i].id);
        db_bind_text(s, 2, today);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
        if (!rc) {
            rc = cs_notify_ministry(db, a, v, to[i].id, to[i].ministry_id, to[i].taken_by, NOTIFY_DEADLINE, e);
        }
        if (!rc) {
            rc = cs_event(db, v, r.case_id, to[i].id, "reminded", to[i].ministry_id, "",
                          to[i].deadline ? to[i].deadline : r.deadline, "", e);
        }
        buf_printf(&codes, "%s%s", codes.len ? ", " : "", to[i].code);
        (*count)++;
    }
    if (!rc && *count == 0) {
        rc = err_set(e, E_CONFLICT, ministry && *ministry ? N_("Departementet har allerede svart.")
                                                          : N_("Alle mottakerne har svart."));
    }
    if (!rc) {
        rc = audit_append(db, v, client, "consult_round.remind", KIND_ROUND, arena_printf(a, "%lld", (long long)id),
                          buf_str(&codes), e);
    }
    buf_free(&codes);
    return rc;
}

int consult_remind(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                   int *n, Err *e)
{
    int count = 0;
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = db_finish(db, remind(db, a, v, client, id, ministry, &count, e), e);
    if (n) {
        *n = rc ? 0 : count;
    }
    return rc;
}

static int set_deadline(Db *db, const char *sql, int64_t id, const char *deadline, Err *e)
{
    Stmt *s = db_prepare(db, sql);
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, deadline);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    return rc;
}

static int extend(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                  const char *deadline, const char *reason, int *field, Err *e)
{
    Round r;
    int rc = open_round(db, a, v, id, &r, e);
    if (rc) {
        return rc;
    }
    char today[16];
    date_today(today, sizeof today);
    deadline = cs_trim(a, deadline);
    reason = cs_trim(a, reason);
    *field = EF_DEADLINE;
    if (!date_valid(deadline)) {
        return err_set(e, E_INVALID, N_("Skriv den nye fristen som åååå-mm-dd."));
    }
    if (strcmp(deadline, today) < 0) {
        return err_set(e, E_INVALID, N_("Den nye fristen kan ikke være tilbake i tid."));
    }
    *field = EF_REASON;
    if (!*reason) {
        return err_set(e, E_INVALID, N_("Skriv hvorfor fristen utsettes."));
    }
    if (content_check_text(reason, 2000, true, N_("Begrunnelse"), e)) {
        return E_INVALID;
    }
    *field = EF_DEADLINE;
    Recipient *to;
    size_t n;
    if (!ministry || !*ministry) {
        if (strcmp(deadline, r.deadline) <= 0) {
            return err_set(e, E_INVALID, N_("Den nye fristen må være senere enn den som gjelder nå."));
        }
        rc = set_deadline(db, "UPDATE consult_round SET deadline = ?2 WHERE id = ?1", id, deadline, e);
        /* A ministry's own deadline that the new one passes no longer applies. */
        if (!rc) {
            rc = set_deadline(db, "UPDATE consult_answer SET deadline = NULL WHERE round_id = ?1 AND deadline <= ?2", id,
                              deadline, e);
        }
        FieldChange ch = {"deadline", r.deadline, deadline};
        if (!rc) {
            rc = record_version_add(db, v, id, &ch, 1, reason, e);
        }
        if (!rc) {
            rc = cs_event(db, v, r.case_id, id, "extended", 0, r.deadline, deadline, reason, e);
        }
        n = recipients_of(db, a, id, 0, &to);
    } else {
        int64_t mid = cs_ministry_id(db, ministry);
        n = mid ? recipients_of(db, a, id, mid, &to) : 0;
        if (n == 0) {
            *field = EF_MINISTRY;
            return err_set(e, E_INVALID, N_("Departementet er ikke mottaker av runden."));
        }
        if (to[0].answered_on) {
            *field = EF_MINISTRY;
            return err_set(e, E_CONFLICT, N_("Departementet har allerede svart."));
        }
        const char *now = to[0].deadline ? to[0].deadline : r.deadline;
        if (strcmp(deadline, now) <= 0) {
            return err_set(e, E_INVALID, N_("Den nye fristen må være senere enn den som gjelder nå."));
        }
        rc = set_deadline(db, "UPDATE consult_answer SET deadline = ?2 WHERE id = ?1", to[0].id, deadline, e);
        FieldChange ch = {"deadline", now, deadline};
        if (!rc) {
            rc = record_version_add(db, v, to[0].id, &ch, 1, reason, e);
        }
        if (!rc) {
            rc = cs_event(db, v, r.case_id, to[0].id, "extended", mid, now, deadline, reason, e);
        }
    }
    for (size_t i = 0; !rc && i < n; i++) {
        if (!to[i].answered_on) {
            rc = cs_notify_ministry(db, a, v, to[i].id, to[i].ministry_id, to[i].taken_by, NOTIFY_DEADLINE, e);
        }
    }
    if (!rc) {
        rc = audit_append(db, v, client, "consult_round.extend", KIND_ROUND, arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s%s%s: %s", ministry && *ministry ? ministry : "",
                                       ministry && *ministry ? " " : "", deadline, reason), e);
    }
    return rc;
}

int consult_extend(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                   const char *deadline, const char *reason, int *field, Err *e)
{
    int ignored;
    field = field ? field : &ignored;
    *field = -1;
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, extend(db, a, v, client, id, ministry, deadline, reason, field, e), e);
}

static int close_round(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *summary,
                       Err *e)
{
    Round r;
    int rc = open_round(db, a, v, id, &r, e);
    if (rc) {
        return rc;
    }
    summary = cs_trim(a, summary);
    if (!*summary) {
        return err_set(e, E_INVALID, N_("Skriv en oppsummering av runden."));
    }
    if (content_check_text(summary, 20000, true, N_("Oppsummering"), e)) {
        return E_INVALID;
    }
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "UPDATE consult_round SET closed_on = ?2, summary = ?3 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, today);
    db_bind_text(s, 3, summary);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch[] = {{"closed_on", "", today}, {"summary", r.summary, summary}};
    if (!rc) {
        rc = record_version_add(db, v, id, ch, COUNT(ch), NULL, e);
    }
    if (!rc) {
        rc = cs_event(db, v, r.case_id, id, "round_closed", 0, "", today, summary, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "consult_round.close", KIND_ROUND, arena_printf(a, "%lld", (long long)id),
                          r.rec.title, e);
    }
    return rc;
}

int consult_round_close(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *summary,
                        Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, close_round(db, a, v, client, id, summary, e), e);
}
