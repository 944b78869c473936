/* round.c: see round.h.
 *
 * Which measures belong to a round is decided when it is read, not stored:
 * the measures of the round's strategy that have an owner ministry, plus
 * any measure reported on in the round (its owner may have changed since).
 * Measures are read with measure_list/measure_get as the viewer, and every
 * count includes ACCESS_MEASURE, so nothing the viewer may not see is
 * listed or counted.
 */
#include "app/measure/round.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "base/collate.h"
#include "base/util.h"

enum { ROUND_TITLE_MAX = 200, REPORT_TEXT_MAX = 4000 };

/* ---- reading --------------------------------------------------------------- */

/* A measure is asked for in a round when it has an owner, is not finished
 * (completed, stopped or continued) and has started by the deadline —
 * ROUND_ASKED, the C twin is asked() —, or when it was reported on in the
 * round; the viewer must be allowed to see it, and not only its public
 * face.  r is the measure's record; round, deadline and active_only the
 * round's columns (rounds opened before migration 016 ask for every owned
 * measure, active_only 0). */
#define ROUND_FINISHED "('completed', 'stopped', 'continued')"
#define IN_ROUND(r, round, deadline, active_only)                                                                \
    "((" r ".owner_ministry_id IS NOT NULL AND (" active_only " = 0 OR (SELECT mm.status NOT IN " ROUND_FINISHED \
    " AND (mm.start_date IS NULL OR mm.start_date <= " deadline ") FROM measure mm WHERE mm.id = " \
    r ".id))) OR EXISTS (SELECT 1 FROM measure_report y WHERE y.round_id = " round                       \
    " AND y.measure_id = " r ".id)) AND " ACCESS(r) " AND NOT " ACCESS_MASKED(r)

#define ROUND_COLS                                                                                       \
    "rr.id, rr.strategy_id, s.slug, s.period_start, s.period_end, rr.title, rr.deadline, rr.opened_at, " \
    "ac.username, rr.closed_at, "                                                                        \
    "(SELECT count(*) FROM measure m JOIN record mr ON mr.id = m.id WHERE m.strategy_id = rr.strategy_id "   \
    " AND " IN_ROUND("mr", "rr.id", "rr.deadline", "rr.active_only") "), " \
    "(SELECT count(*) FROM measure_report x JOIN record mr ON mr.id = x.measure_id WHERE x.round_id = rr.id " \
    " AND " ACCESS("mr") " AND NOT " ACCESS_MASKED("mr") "), "                                     \
    "?80 > rr.deadline, rr.reopened_at, "                                                               \
    "ro.full_name || ifnull(' (' || (SELECT code FROM ministry WHERE id = ro.ministry_id) || ')', ''), " \
    "rr.active_only, ac.full_name || ifnull(' (' || (SELECT code FROM ministry WHERE id = ac.ministry_id) || ')', '') "      \
    "FROM reporting_round rr JOIN strategy s ON s.id = rr.strategy_id "                                  \
    "LEFT JOIN account ac ON ac.id = rr.opened_by LEFT JOIN account ro ON ro.id = rr.reopened_by "

/* Bind ?80, today (date_today, so SAMLA_TODAY moves it too): a round is
 * overdue once its deadline day is over. */
static void bind_today(Stmt *s)
{
    char today[16];
    date_today(today, sizeof today);
    db_bind_text(s, 80, today);
}

static void read_round(Stmt *s, Arena *a, Round *r)
{
    *r = (Round){0};
    r->id = db_col_int(s, 0);
    r->strategy_id = db_col_int(s, 1);
    r->strategy_slug = db_col_dup(s, 2, a);
    r->strategy_period = db_col_null(s, 4)
        ? arena_printf(a, "%lld–", (long long)db_col_int(s, 3))
        : arena_printf(a, "%lld–%lld", (long long)db_col_int(s, 3), (long long)db_col_int(s, 4));
    r->title = db_col_dup(s, 5, a);
    r->deadline = db_col_dup(s, 6, a);
    r->opened_at = db_col_dup(s, 7, a);
    r->opened_by = db_col_dup(s, 8, a);
    r->closed_at = db_col_dup(s, 9, a);
    r->open = r->closed_at == NULL;
    r->expected = (int)db_col_int(s, 10);
    r->reported = (int)db_col_int(s, 11);
    r->overdue = db_col_int(s, 12) != 0;
    r->reopened_at = db_col_dup(s, 13, a);
    r->reopened_by = db_col_dup(s, 14, a);
    r->active_only = db_col_int(s, 15) != 0;
    r->opened_by_name = db_col_dup(s, 16, a);
}

static void read_report(Stmt *s, Arena *a, Report *r)
{
    r->id = db_col_int(s, 0);
    r->round_id = db_col_int(s, 1);
    r->measure_id = db_col_int(s, 2);
    r->ministry_code = db_col_dup(s, 3, a);
    r->ministry_name = db_col_dup(s, 4, a);
    r->status = db_col_dup(s, 5, a);
    r->status_label = db_col_dup(s, 6, a);
    r->status_color = db_col_dup(s, 7, a);
    r->progress = (int)db_col_int(s, 8);
    r->risk = db_col_dup(s, 9, a);
    r->text = db_col_dup(s, 10, a);
    r->submitted_at = db_col_dup(s, 11, a);
    r->submitted_by = db_col_dup(s, 12, a);
    r->late = db_col_int(s, 13) != 0;
    r->ministry_name_nn = db_col_dup(s, 14, a);
    r->ministry_name_en = db_col_dup(s, 15, a);
    r->status_label_nn = db_col_dup(s, 16, a);
    r->status_label_en = db_col_dup(s, 17, a);
    r->submitted_by_name = db_col_dup(s, 18, a);
}

/* The reports of round_id (on measure_id only, when not 0) on measures v
 * may see, in measure-number order. */
static int read_reports(Db *db, Arena *a, const Viewer *v, int64_t round_id, int64_t measure_id, Report **out,
                        size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT x.id, x.round_id, x.measure_id, mi.code, mi.name_nb, x.status, st.label, "
                             "st.color, x.progress, x.risk, x.text, x.submitted_at, ac.username, "
                             "substr(x.submitted_at, 1, 10) > rr.deadline, mi.name_nn, mi.name_en, st.label_nn, "
                             "st.label_en, "
                             "ac.full_name || ifnull(' (' || (SELECT code FROM ministry WHERE id = ac.ministry_id) || ')', '') "
                             "FROM measure_report x JOIN reporting_round rr ON rr.id = x.round_id "
                             "JOIN measure m ON m.id = x.measure_id JOIN record mr ON mr.id = m.id "
                             "JOIN ministry mi ON mi.id = x.ministry_id "
                             "JOIN measure_status st ON st.code = x.status "
                             "LEFT JOIN account ac ON ac.id = x.submitted_by "
                             "WHERE x.round_id = ?1 AND (?2 = 0 OR x.measure_id = ?2) AND " ACCESS("mr")
                             " AND NOT " ACCESS_MASKED("mr") " ORDER BY m.sort_key");
    access_bind(s, v);
    db_bind_int(s, 1, round_id);
    db_bind_int(s, 2, measure_id);
    size_t len = 0, cap = 0;
    Report *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_report(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, N_("Lesing av rapportene feilet.")) : 0;
}

bool report_allowed(const Viewer *v, const Measure *m)
{
    return m->owner_id && !m->masked && (perm_can_report_for(v, m->owner_id) || measure_can_edit(v));
}

/* asked: is m asked for in round rd (see IN_ROUND)? */
static bool asked(const Measure *m, const Round *rd)
{
    if (!m->owner_id) {
        return false;
    }
    return !rd->active_only || (!str_eq(m->status, "completed") && !str_eq(m->status, "stopped") &&
                                !str_eq(m->status, "continued") && (!m->start_date || strcmp(m->start_date, rd->deadline) <= 0));
}

/* The ministry that reports for ministry_id on date (ISO): itself while it
 * exists under that name, else its successor (KMD's measures are reported
 * by KDD after the renaming), following the chain.  0 for 0. */
int64_t round_reporting_ministry(Db *db, int64_t ministry_id, const char *date)
{
    for (int hops = 0; ministry_id && hops < 8; hops++) {
        Stmt *s = db_prepare(db, "SELECT successor_id FROM ministry WHERE id = ?1 AND successor_id IS NOT NULL "
                                 "AND valid_to IS NOT NULL AND valid_to < ?2");
        db_bind_int(s, 1, ministry_id);
        db_bind_text(s, 2, date);
        int64_t next = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
        if (!next) {
            break;
        }
        ministry_id = next;
    }
    return ministry_id;
}

void round_reporter(Db *db, Arena *a, const Round *rd, Measure *m)
{
    if (!rd->active_only) {
        return;   /* a round opened before migration 016 asks whom it asked then */
    }
    int64_t id = round_reporting_ministry(db, m->owner_id, rd->opened_at);
    if (!id || id == m->owner_id) {
        return;
    }
    Stmt *s = db_prepare(db, "SELECT code, name_nb, name_nn, name_en FROM ministry WHERE id = ?1");
    db_bind_int(s, 1, id);
    if (db_step(s) == DB_ROW) {
        m->owner_id = id;
        m->owner_code = db_col_dup(s, 0, a);
        m->owner_name = db_col_dup(s, 1, a);
        m->owner_name_nn = db_col_dup(s, 2, a);
        m->owner_name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
}

/* The measures of round rd that v may see, with their reports.  full: all
 * of them; else only reported ones and those of v's report ministries. */
static int collect(Db *db, Arena *a, const Viewer *v, const Round *rd, bool full, RoundItem **out, size_t *n,
                   Err *e)
{
    Measure *ms;
    size_t nm, nr;
    Report *reps;
    *out = NULL;
    *n = 0;
    MeasureFilter f = {.strategy_id = rd->strategy_id};   /* not brief: start_date and status decide */
    if (measure_list(db, a, v, &f, &ms, &nm, e) || read_reports(db, a, v, rd->id, 0, &reps, &nr, e)) {
        return E_DB;
    }
    size_t len = 0, cap = 0;
    RoundItem *list = NULL;
    for (size_t i = 0; i < nm; i++) {
        const Report *rep = NULL;
        for (size_t k = 0; k < nr && !rep; k++) {
            rep = reps[k].measure_id == ms[i].id ? &reps[k] : NULL;
        }
        round_reporter(db, a, rd, &ms[i]);
        bool mine = ms[i].owner_id && perm_can_report_for(v, ms[i].owner_id);
        if (ms[i].masked || (!asked(&ms[i], rd) && !rep) || (!full && !rep && !mine)) {
            continue;
        }
        RoundItem *it = arena_push(a, &list, &len, &cap, sizeof *list);
        it->m = ms[i];
        it->report = rep;
        it->can_report = rd->open && !rep && report_allowed(v, &ms[i]);
    }
    *out = list;
    *n = len;
    return 0;
}

/* rd->due: for an open round, what is still to report for v's ministries. */
static int count_due(Db *db, Arena *a, const Viewer *v, Round *rd, Err *e)
{
    rd->due = 0;
    if (!rd->open || v->nreport == 0) {
        return 0;
    }
    RoundItem *items;
    size_t n;
    int rc = collect(db, a, v, rd, false, &items, &n, e);
    for (size_t i = 0; !rc && i < n; i++) {
        rd->due += items[i].can_report && perm_can_report_for(v, items[i].m.owner_id);
    }
    return rc;
}

int round_list(Db *db, Arena *a, const Viewer *v, Round **out, size_t *n, Err *e)
{
    assert(v);
    *out = NULL;
    *n = 0;
    if (!can(v, CAP_SIGNED_IN)) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn for å se rapporteringsrundene."));
    }
    Stmt *s = db_prepare(db, "SELECT " ROUND_COLS "WHERE rr.collects = 'measures' "
                             "ORDER BY rr.closed_at IS NOT NULL, rr.deadline DESC, rr.id DESC");
    access_bind(s, v);
    bind_today(s);
    size_t len = 0, cap = 0;
    Round *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_round(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing av rapporteringsrundene feilet."));
    }
    for (size_t i = 0; i < len; i++) {
        if (count_due(db, a, v, &list[i], e)) {
            return E_DB;
        }
    }
    *out = list;
    *n = len;
    return 0;
}

/* The round without its due count. */
static int round_read(Db *db, Arena *a, const Viewer *v, int64_t id, Round *out, Err *e)
{
    if (!can(v, CAP_SIGNED_IN)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke rapporteringsrunden."));
    }
    Stmt *s = db_prepare(db, "SELECT " ROUND_COLS "WHERE rr.id = ?1 AND rr.collects = 'measures'");
    access_bind(s, v);
    bind_today(s);
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_round(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing av rapporteringsrunden feilet."));
    }
    return rc == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke rapporteringsrunden.")) : 0;
}

int round_get(Db *db, Arena *a, const Viewer *v, int64_t id, Round *out, Err *e)
{
    assert(v);
    int rc = round_read(db, a, v, id, out, e);
    return rc ? rc : count_due(db, a, v, out, e);
}

static int by_name(const void *x, const void *y)
{
    return collate_nb_str(((const RoundMinistry *)x)->name, ((const RoundMinistry *)y)->name);
}

/* Per-ministry counts over the items, in Norwegian order of name. */
static void summarise(Arena *a, RoundView *rv)
{
    size_t len = 0, cap = 0;
    RoundMinistry *list = NULL;
    for (size_t i = 0; i < rv->nitems; i++) {
        const RoundItem *it = &rv->items[i];
        const char *code = it->report ? it->report->ministry_code : it->m.owner_code;
        const char *name = it->report ? it->report->ministry_name : it->m.owner_name;
        const char *name_nn = it->report ? it->report->ministry_name_nn : it->m.owner_name_nn;
        const char *name_en = it->report ? it->report->ministry_name_en : it->m.owner_name_en;
        RoundMinistry *rm = NULL;
        for (size_t k = 0; k < len && !rm; k++) {
            rm = str_eq(list[k].code, code) ? &list[k] : NULL;
        }
        if (!rm) {
            rm = arena_push(a, &list, &len, &cap, sizeof *list);
            rm->code = code;
            rm->name = name ? name : code;
            rm->name_nn = name_nn;
            rm->name_en = name_en;
        }
        rm->expected++;
        rm->reported += it->report != NULL;
    }
    if (len > 1) {
        qsort(list, len, sizeof *list, by_name);
    }
    rv->ministries = list;
    rv->nministries = len;
}

int round_view(Db *db, Arena *a, const Viewer *v, int64_t id, RoundView *out, Err *e)
{
    assert(v && out);
    *out = (RoundView){0};
    int rc = round_get(db, a, v, id, &out->round, e);
    if (rc) {
        return rc;
    }
    out->full = can(v, CAP_MEASURE_MANAGE);
    rc = collect(db, a, v, &out->round, out->full, &out->items, &out->nitems, e);
    if (!rc && out->full) {
        summarise(a, out);
    }
    return rc;
}

int report_get(Db *db, Arena *a, const Viewer *v, int64_t round_id, int64_t measure_id, Report *out, Err *e)
{
    assert(v && out);
    Report *list;
    size_t n;
    if (!can(v, CAP_SIGNED_IN)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke rapporten."));
    }
    int rc = read_reports(db, a, v, round_id, measure_id, &list, &n, e);
    if (rc) {
        return rc;
    }
    if (n == 0) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke rapporten."));
    }
    *out = list[0];
    return 0;
}

/* ---- writing --------------------------------------------------------------- */

static bool is_blank(const char *s)
{
    for (; s && *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
            return false;
        }
    }
    return true;
}

static const char *id_text(char *buf, size_t n, int64_t id)
{
    snprintf(buf, n, "%lld", (long long)id);
    return buf;
}

/* Insert the round (inside the caller's transaction); E_CONFLICT when the
 * strategy has an open round with the same title. */
static int insert_round(Db *db, const Viewer *v, const Strategy *st, const char *collects, const char *title,
                        const char *deadline, int64_t *out_id, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM reporting_round WHERE strategy_id = ?1 AND title = ?2 "
                             "AND closed_at IS NULL AND collects = ?3");
    db_bind_int(s, 1, st->id);
    db_bind_text(s, 2, title);
    db_bind_text(s, 3, collects);
    int rc = db_step(s);
    db_done(s);
    if (rc != DB_DONE) {
        return rc == DB_ROW ? err_set(e, E_CONFLICT, N_("Det er allerede en åpen rapporteringsrunde med tittelen «%s»."),
                                      title)
                            : err_set(e, E_DB, N_("Lagring feilet."));
    }
    char now[40];
    time_iso(now, sizeof now);
    s = db_prepare(db, "INSERT INTO reporting_round (strategy_id, title, deadline, opened_at, opened_by, active_only, "
                       "collects) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)");
    db_bind_text(s, 6, collects);
    db_bind_int(s, 1, st->id);
    db_bind_text(s, 2, title);
    db_bind_text(s, 3, deadline);
    db_bind_text(s, 4, now);
    if (v->user_id) {
        db_bind_int(s, 5, v->user_id);
    } else {
        db_bind_null(s, 5);
    }
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    *out_id = rc ? 0 : db_last_id(db);
    return rc;
}

size_t round_open_problems(Arena *a, const char *title, const char *deadline, FormProblem **out)
{
    size_t len = 0, cap = 0;
    FormProblem *list = NULL;
    Err e = {0};
    if (is_blank(title)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){ROUND_FIELD_TITLE, N_("Tittel må fylles ut."), NULL};
    } else if (content_check_text(title, ROUND_TITLE_MAX, false, N_("Tittelen"), &e)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){ROUND_FIELD_TITLE, arena_strdup(a, e.msg), NULL};
    }
    char today[16];
    date_today(today, sizeof today);
    if (!date_valid(deadline)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){ROUND_FIELD_DEADLINE, N_("Frist må være en dato på formen ÅÅÅÅ-MM-DD."), NULL};
    } else if (strcmp(deadline, today) < 0) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){ROUND_FIELD_DEADLINE, N_("Fristen kan ikke være passert. Velg i dag eller en senere dato."),
                          NULL};
    }
    *out = list;
    return len;
}

int round_open_check(const Viewer *v, const char *title, const char *deadline, Err *e)
{
    if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan åpne rapporteringsrunder."));
    }
    Arena a = {0};
    FormProblem *p;
    int rc = 0;
    if (round_open_problems(&a, title, deadline, &p) > 0) {
        rc = err_set(e, E_INVALID, "%s", p[0].msg);
    }
    arena_free(&a);
    return rc;
}

int round_open(Db *db, const Viewer *v, const char *client, const char *title, const char *deadline,
               const char *strategy_slug, int64_t *out_id, Err *e)
{
    return round_open_collecting(db, v, client, "measures", title, deadline, strategy_slug, out_id, e);
}

int round_open_collecting(Db *db, const Viewer *v, const char *client, const char *collects, const char *title,
                          const char *deadline, const char *strategy_slug, int64_t *out_id, Err *e)
{
    assert(v && out_id && collects);
    *out_id = 0;
    int checked = round_open_check(v, title, deadline, e);
    if (checked) {
        return checked;
    }
    Arena a = {0};
    Strategy st;
    int rc = (strategy_slug && *strategy_slug) ? strategy_get(db, &a, v, strategy_slug, &st, NULL)
                                               : strategy_current(db, &a, v, &st, NULL);
    if (rc) {
        arena_free(&a);
        return err_set(e, E_INVALID, N_("Ukjent strategiperiode."));
    }
    if (db_begin(db, e)) {
        arena_free(&a);
        return E_DB;
    }
    rc = insert_round(db, v, &st, collects, title, deadline, out_id, e);
    if (!rc) {
        char oid[32];
        rc = audit_append(db, v, client, "round.open", "reporting_round", id_text(oid, sizeof oid, *out_id),
                          arena_printf(&a, "«%s» (%s), frist %s", title, st.period, deadline), e);
    }
    arena_free(&a);
    rc = db_finish(db, rc, e);
    if (rc) {
        *out_id = 0;
    }
    return rc;
}

int round_close(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    assert(v);
    if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan avslutte rapporteringsrunder."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Arena a = {0};
    Stmt *s = db_prepare(db, "SELECT title, closed_at IS NOT NULL FROM reporting_round WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    const char *title = rc == DB_ROW ? db_col_dup(s, 0, &a) : NULL;
    bool closed = rc == DB_ROW && db_col_int(s, 1);
    db_done(s);
    if (rc != DB_ROW) {
        rc = rc == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke rapporteringsrunden.")) : err_set(e, E_DB, N_("Lesing feilet."));
        goto done;
    }
    if (closed) {
        rc = err_set(e, E_CONFLICT, N_("Rapporteringsrunden «%s» er allerede avsluttet."), title);
        goto done;
    }
    char now[40], oid[32];
    time_iso(now, sizeof now);
    s = db_prepare(db, "UPDATE reporting_round SET closed_at = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, now);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        rc = audit_append(db, v, client, "round.close", "reporting_round", id_text(oid, sizeof oid, id),
                          arena_printf(&a, "«%s»", title), e);
    }
done:
    arena_free(&a);
    return db_finish(db, rc, e);
}

static const char *const report_fields[] = {"status", "progress", "risk", "text"};

int report_check(Db *db, Arena *a, const Measure *m, const ReportInput *in, FormProblem **out, size_t *n)
{
    MeasureStatus *sts;
    size_t nst, len = 0, cap = 0;
    FormProblem *list = NULL;
    bool status_ok = false;
    long long progress;
    Err e = {0};
    *out = NULL;
    *n = 0;
    if (measure_status_list(db, a, &sts, &nst, &e)) {
        return E_DB;
    }
    for (size_t i = 0; in->status && i < nst; i++) {
        status_ok |= str_eq(in->status, sts[i].code) && (sts[i].active || str_eq(in->status, m->status));
    }
    if (!status_ok) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){REPORT_FIELD_STATUS, N_("Velg en status fra listen."), NULL};
    }
    if (!in->progress || !parse_int(in->progress, 0, 100, &progress)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){REPORT_FIELD_PROGRESS, N_("Fremdrift må være et helt tall fra 0 til 100."), NULL};
    }
    if (!str_eq(in->risk, "green") && !str_eq(in->risk, "yellow") && !str_eq(in->risk, "red")) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){REPORT_FIELD_RISK, N_("Velg risiko: grønn, gul eller rød."), NULL};
    }
    if (is_blank(in->text)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){REPORT_FIELD_TEXT, N_("Rapporten må fylles ut."), NULL};
    } else if (content_check_text(in->text, REPORT_TEXT_MAX, true, N_("Rapporten"), &e)) {
        *(FormProblem *)arena_push(a, &list, &len, &cap, sizeof *list) =
            (FormProblem){REPORT_FIELD_TEXT, arena_strdup(a, e.msg), NULL};
    }
    *out = list;
    *n = len;
    return 0;
}

/* Check the input; E_INVALID with *field set to the first field in error. */
static int report_validate(Db *db, Arena *a, const Measure *m, const ReportInput *in, long long *progress,
                           const char **field, Err *e)
{
    FormProblem *p;
    size_t n;
    if (report_check(db, a, m, in, &p, &n)) {
        return err_set(e, E_DB, "reading statuses failed");
    }
    if (n) {
        *field = report_fields[p[0].field];
        return err_set(e, E_INVALID, "%s", p[0].msg);
    }
    parse_int(in->progress, 0, 100, progress);
    *field = NULL;
    return 0;
}

/* 1 when measure_id has a report in round_id, 0 when not, E_DB. */
static int has_report(Db *db, int64_t round_id, int64_t measure_id)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM measure_report WHERE round_id = ?1 AND measure_id = ?2");
    db_bind_int(s, 1, round_id);
    db_bind_int(s, 2, measure_id);
    int rc = db_step(s);
    db_done(s);
    return rc < 0 ? E_DB : rc == DB_ROW;
}

/* Insert the report; the measure's owner is the reporting ministry. */
static int insert_report(Db *db, const Viewer *v, int64_t round_id, const Measure *m, const ReportInput *in,
                         long long progress, const char *now, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO measure_report (round_id, measure_id, ministry_id, status, progress, risk, "
                             "text, submitted_at, submitted_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    db_bind_int(s, 1, round_id);
    db_bind_int(s, 2, m->id);
    db_bind_int(s, 3, m->owner_id);
    db_bind_text(s, 4, in->status);
    db_bind_int(s, 5, progress);
    db_bind_text(s, 6, in->risk);
    db_bind_text(s, 7, in->text);
    db_bind_text(s, 8, now);
    if (v->user_id) {
        db_bind_int(s, 9, v->user_id);
    } else {
        db_bind_null(s, 9);
    }
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring av rapporten feilet."));
    db_done(s);
    return rc;
}

/* The write of report_submit, inside its transaction: check the round is
 * still open and the measure not yet reported (under the write lock, so
 * two submissions cannot both pass), insert the report, update the
 * measure, audit. */
static int store_report(Db *db, Arena *a, const Viewer *v, const char *client, int64_t round_id, const Measure *m,
                        const ReportInput *in, long long progress, int64_t *out_id, Err *e)
{
    Round rd;
    int rc = round_read(db, a, v, round_id, &rd, e);
    int dup = rc ? 0 : has_report(db, round_id, m->id);
    if (rc || dup < 0) {
        return err_set(e, E_DB, N_("Lesing feilet."));
    }
    if (!rd.open) {
        return err_set(e, E_CONFLICT, N_("Rapporteringsrunden «%s» er avsluttet og tar ikke imot flere rapporter."),
                       rd.title);
    }
    if (dup) {
        return err_set(e, E_CONFLICT, N_("Det er allerede sendt inn en rapport for tiltak %s i «%s». En innsendt "
                                      "rapport kan ikke endres."), m->number, rd.title);
    }
    char now[40], oid[32];
    time_iso(now, sizeof now);
    if ((rc = insert_report(db, v, round_id, m, in, progress, now, e)) != 0) {
        return rc;
    }
    *out_id = db_last_id(db);
    MeasureText t = {0};
    t.v[MF_STATUS] = in->status;
    t.v[MF_PROGRESS] = arena_printf(a, "%lld", progress);
    FieldError *errs;
    size_t nerr;
    int64_t mid;
    rc = measure_save(db, a, v, client, m->id, &t, 0, arena_printf(a, "Rapportert i %s", rd.title), &mid, &errs,
                      &nerr, e);
    if (rc) {
        return rc;
    }
    bool late = strncmp(now, rd.deadline, 10) > 0;   /* the deadline day is over (UTC) */
    return audit_append(db, v, client, "report.submit", "measure_report", id_text(oid, sizeof oid, *out_id),
                        arena_printf(a, "%s i «%s»: %s, %lld %%, risiko %s%s", m->number, rd.title, in->status,
                                     progress, in->risk, late ? " (for sent)" : ""), e);
}

int report_submit(Db *db, Arena *a, const Viewer *v, const char *client, int64_t round_id, int64_t measure_id,
                  const ReportInput *in, int64_t *out_id, const char **field, Err *e)
{
    assert(v && in && out_id);
    const char *dummy;
    field = field ? field : &dummy;
    *field = NULL;
    *out_id = 0;
    Round rd;
    Measure m;
    long long progress;
    if (round_read(db, a, v, round_id, &rd, e)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke rapporteringsrunden."));
    }
    if (measure_get(db, a, v, measure_id, &m, NULL) || m.masked || m.strategy_id != rd.strategy_id) {
        return err_set(e, E_NOTFOUND, N_("Tiltaket er ikke med i denne rapporteringsrunden."));
    }
    round_reporter(db, a, &rd, &m);
    if (!report_allowed(v, &m)) {
        return err_set(e, E_FORBIDDEN, "%s", m.owner_id ? "Bare saksbehandlere i departementet som er ansvarlig for "
                                                    "tiltaket, og strategisekretariatet, kan rapportere på det."
                                                  : "Tiltaket har ikke noe ansvarlig departement å rapportere for.");
    }
    if (report_validate(db, a, &m, in, &progress, field, e)) {
        return E_INVALID;
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = db_finish(db, store_report(db, a, v, client, round_id, &m, in, progress, out_id, e), e);
    if (rc) {
        *out_id = 0;
    }
    return rc;
}

int round_reopen(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    assert(v);
    if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan gjenåpne rapporteringsrunder."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Arena a = {0};
    Stmt *s = db_prepare(db, "SELECT title, closed_at IS NOT NULL FROM reporting_round WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    const char *title = rc == DB_ROW ? db_col_dup(s, 0, &a) : NULL;
    bool closed = rc == DB_ROW && db_col_int(s, 1);
    db_done(s);
    if (rc != DB_ROW) {
        rc = rc == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke rapporteringsrunden.")) : err_set(e, E_DB, N_("Lesing feilet."));
        goto done;
    }
    if (!closed) {
        rc = err_set(e, E_CONFLICT, N_("Rapporteringsrunden «%s» er allerede åpen."), title);
        goto done;
    }
    char now[40], oid[32];
    time_iso(now, sizeof now);
    s = db_prepare(db, "UPDATE reporting_round SET closed_at = NULL, reopened_at = ?2, reopened_by = ?3 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, now);
    if (v->user_id) {
        db_bind_int(s, 3, v->user_id);
    } else {
        db_bind_null(s, 3);
    }
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        rc = audit_append(db, v, client, "round.reopen", "reporting_round", id_text(oid, sizeof oid, id),
                          arena_printf(&a, "«%s»", title), e);
    }
done:
    arena_free(&a);
    return db_finish(db, rc, e);
}

int round_open_count(Db *db, Arena *a, const Viewer *v, const char *strategy_slug, const char **titles, Err *e)
{
    Strategy st;
    int rc = (strategy_slug && *strategy_slug) ? strategy_get(db, a, v, strategy_slug, &st, NULL)
                                               : strategy_current(db, a, v, &st, NULL);
    *titles = NULL;
    if (rc) {
        return 0;   /* round_open says what is wrong with the strategy */
    }
    Stmt *s = db_prepare(db, "SELECT count(*), group_concat('«' || title || '»', ', ') FROM reporting_round "
                             "WHERE strategy_id = ?1 AND closed_at IS NULL AND collects = 'measures'");
    db_bind_int(s, 1, st.id);
    int n = -1;
    if (db_step(s) == DB_ROW) {
        n = (int)db_col_int(s, 0);
        *titles = db_col_dup(s, 1, a);
    }
    db_done(s);
    if (n < 0) {
        err_set(e, E_DB, "counting open rounds failed");
    }
    return n;
}
