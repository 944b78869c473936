/* service.c: see figure.h — the shared services (fellestjenester, measure
 * 2.3): the service kind of record, its figures per ministry, period and
 * metric, the marking of one ministry's series, the comparison (median
 * and spread), and the measurement rounds, which are the measure
 * overview's reporting rounds with collects = 'services'
 * (round_open_collecting, round_close in app/measure). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/figure/figure_int.h"
#include "app/measure/measure.h"
#include "base/util.h"

static bool service_can_manage(const Viewer *v, const Record *rec)
{
    (void)rec;
    return fig_can_manage(v);
}

static int service_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO service (id, code) VALUES (?1, 'prove-' || ?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample service failed");
    db_done(s);
    return rc;
}

static int service_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a, "SELECT code || ' ' || name_nn || ' ' || name_en || ' ' || description "
                                   "FROM service WHERE id = ?1", id);
    return 0;
}

static const char *service_field_label(const char *field)
{
    return str_has_prefix(field, "tall ") ? N_("Tall") : field;
}

static int service_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                           const FieldChange *fields, size_t n, const char *comment, Err *e);

static const RecordKind g_service_kind = {
    .name = KIND_SERVICE, .table = "service", .label = N_("fellestjeneste"), .url = "/services/",
    .can_manage = service_can_manage, .field_label = service_field_label, .sample = service_sample,
    .restore = service_restore, .search_text = service_search_text,
};
RECORD_KIND(g_service_kind)

/* A figure row f (with its metric m) the viewer may see: the service's
 * record is readable, and the ministry's series is not marked internal —
 * or the viewer reads internal records, or is of that ministry. */
#define FIGURE_VISIBLE(f, m)                                                                                  \
    "(ifnull((SELECT ss.visibility FROM service_series ss WHERE ss.service_id = " f ".service_id AND "         \
    "ss.ministry_id = " f ".ministry_id AND ss.kind = " m ".kind), 'public') = 'public' OR (?92 & "              \
    ACCESS_CAP_INTERNAL ") <> 0 OR (?90 <> 0 AND " f ".ministry_id = ?91))"

int service_list(Db *db, Arena *a, const Viewer *v, Service **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT r.id, x.code, r.title, x.name_nn, x.name_en, x.description, r.visibility "
                             "FROM service x JOIN record r ON r.id = x.id WHERE " ACCESS("r") " AND NOT "
                             ACCESS_MASKED("r") " ORDER BY x.sort_key, r.title COLLATE nb");
    access_bind(s, v);
    size_t len = 0, cap = 0;
    Service *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Service *x = arena_push(a, &list, &len, &cap, sizeof *x);
        x->id = db_col_int(s, 0);
        x->code = db_col_dup(s, 1, a);
        x->name = db_col_dup(s, 2, a);
        x->name_nn = db_col_dup(s, 3, a);
        x->name_en = db_col_dup(s, 4, a);
        x->description = db_col_dup(s, 5, a);
        x->visibility = db_col_dup(s, 6, a);
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

static int service_get(Db *db, Arena *a, const Viewer *v, int64_t id, Service *out, Err *e)
{
    Service *all;
    size_t n;
    int rc = service_list(db, a, v, &all, &n, e);
    for (size_t i = 0; !rc && i < n; i++) {
        if (all[i].id == id) {
            *out = all[i];
            return 0;
        }
    }
    return rc ? rc : err_set(e, E_NOTFOUND, N_("Fant ikke fellestjenesten."));
}

static int read_metrics(Db *db, Arena *a, ServiceMetric **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT code, kind, label_nb, label_nn, label_en, unit, better FROM service_metric "
                             "ORDER BY sort_key");
    size_t len = 0, cap = 0;
    ServiceMetric *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        ServiceMetric *m = arena_push(a, &list, &len, &cap, sizeof *m);
        m->code = db_col_dup(s, 0, a);
        m->kind = db_col_dup(s, 1, a);
        m->label = db_col_dup(s, 2, a);
        m->label_nn = db_col_dup(s, 3, a);
        m->label_en = db_col_dup(s, 4, a);
        m->unit = db_col_dup(s, 5, a);
        m->better = db_col_dup(s, 6, a);
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The p-quantile of sorted x[0..n) (linear between neighbours). */
static double quantile(const double *x, size_t n, double p)
{
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return x[lo] + (x[hi] - x[lo]) * (pos - (double)lo);
}

static void stats(Arena *a, ServiceView *sv)
{
    sv->stats = arena_alloc(a, (sv->nmetrics ? sv->nmetrics : 1) * sizeof *sv->stats);
    double *x = arena_alloc(a, (sv->nfigs ? sv->nfigs : 1) * sizeof *x);
    for (size_t m = 0; m < sv->nmetrics; m++) {
        ServiceStat *st = &sv->stats[m];
        *st = (ServiceStat){.metric = &sv->metrics[m]};
        for (size_t i = 0; i < sv->nfigs; i++) {
            if (str_eq(sv->figs[i].metric, sv->metrics[m].code)) {
                x[st->n++] = sv->figs[i].value;
            }
        }
        if (!st->n) {
            continue;
        }
        qsort(x, st->n, sizeof *x, cmp_double);
        st->min = x[0];
        st->max = x[st->n - 1];
        st->median = quantile(x, st->n, 0.5);
        st->q1 = quantile(x, st->n, 0.25);
        st->q3 = quantile(x, st->n, 0.75);
    }
}

int service_view(Db *db, Arena *a, const Viewer *v, bool public_only, int64_t id, const char *period,
                 ServiceView *out, Err *e)
{
    *out = (ServiceView){0};
    if (public_only) {
        v = &g_anonymous;
    }
    int rc = service_get(db, a, v, id, &out->svc, e);
    if (!rc) {
        rc = read_metrics(db, a, &out->metrics, &out->nmetrics, e);
    }
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "SELECT DISTINCT f.period FROM service_figure f JOIN service_metric m ON m.code = "
                             "f.metric WHERE f.service_id = ?1 AND " FIGURE_VISIBLE("f", "m") " ORDER BY 1 DESC");
    access_bind(s, v);
    db_bind_int(s, 1, id);
    size_t cap = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        *(const char **)arena_push(a, &out->periods, &out->nperiods, &cap, sizeof(char *)) = db_col_dup(s, 0, a);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing feilet."));
    }
    out->period = period && *period ? period : out->nperiods ? out->periods[0] : NULL;
    s = db_prepare(db, "SELECT mi.code, mi.name_nb, mi.name_nn, mi.name_en, f.period, f.metric, f.value, "
                       "ifnull((SELECT ss.visibility FROM service_series ss WHERE ss.service_id = f.service_id AND "
                       "ss.ministry_id = f.ministry_id AND ss.kind = m.kind), 'public') = 'internal', f.illustrative "
                       "FROM service_figure f JOIN service_metric m ON m.code = f.metric "
                       "JOIN ministry mi ON mi.id = f.ministry_id "
                       "WHERE f.service_id = ?1 AND f.period = ?2 AND " FIGURE_VISIBLE("f", "m")
                       " ORDER BY mi.name_nb COLLATE nb, m.sort_key");
    access_bind(s, v);
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, out->period ? out->period : "");
    cap = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        ServiceFigure *f = arena_push(a, &out->figs, &out->nfigs, &cap, sizeof *f);
        f->ministry = db_col_dup(s, 0, a);
        f->ministry_name = db_col_dup(s, 1, a);
        f->ministry_nn = db_col_dup(s, 2, a);
        f->ministry_en = db_col_dup(s, 3, a);
        f->period = db_col_dup(s, 4, a);
        f->metric = db_col_dup(s, 5, a);
        f->value = db_col_double(s, 6);
        f->internal = db_col_int(s, 7) != 0;
        f->illustrative = db_col_int(s, 8) != 0;
        out->illustrative |= f->illustrative;
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing feilet."));
    }
    stats(a, out);
    return 0;
}

static const char *id_text(Arena *a, int64_t id)
{
    return arena_printf(a, "%lld", (long long)id);
}

int service_create(Db *db, const Viewer *v, const char *client, const char *code, const char *name,
                   const char *visibility, int64_t *out_id, Err *e)
{
    assert(v && out_id);
    *out_id = 0;
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn fellestjenester."));
    }
    FormProblem p[2];
    if (service_create_check(code, name, p)) {
        return err_set(e, E_INVALID, "%s", p[0].msg);
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Arena a = {0};
    int rc = 0;
    Stmt *s = db_prepare(db, "SELECT 1 FROM service WHERE code = ?1");
    db_bind_text(s, 1, code);
    if (db_step(s) == DB_ROW) {
        rc = err_set(e, E_CONFLICT, N_("Koden «%s» er allerede i bruk."), code);
    }
    db_done(s);
    RecordInit ri = {.title = name, .visibility = visibility && *visibility ? visibility : "internal"};
    int64_t id = 0;
    if (!rc) {
        rc = record_create(db, v, KIND_SERVICE, &ri, &id, e);
    }
    if (!rc) {
        s = db_prepare(db, "INSERT INTO service (id, code, sort_key) VALUES (?1, ?2, "
                           "(SELECT ifnull(max(sort_key), 0) + 1 FROM service))");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, code);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
    }
    FieldChange ch = {"code", "", code};
    if (!rc) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "service.create", KIND_SERVICE, id_text(&a, id), code, e);
        *out_id = id;
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

const char *const g_service_figure_fields[5] = {"ministry", "period", "metric", "value", NULL};
const char *const g_service_fields[3] = {"code", "name", NULL};
const char *const g_service_round_fields[3] = {"title", "deadline", NULL};

static bool code_ok(const char *code)
{
    size_t len = code ? strlen(code) : 0;
    bool ok = len >= 2 && len <= 40;
    for (size_t i = 0; ok && i < len; i++) {
        ok = (code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') || code[i] == '-' ||
             code[i] == '_';
    }
    return ok;
}

size_t service_create_check(const char *code, const char *name, FormProblem *p)
{
    size_t n = 0;
    Err e = {0};
    if (!code_ok(code)) {
        p[n++] = (FormProblem){0, N_("Koden må være 2–40 tegn: små bokstaver a–z, tall, - og _."), NULL};
    }
    if (!name || !*name) {
        p[n++] = (FormProblem){1, N_("Navn må fylles ut."), NULL};
    } else if (content_check_text(name, 200, false, "", &e)) {
        p[n++] = (FormProblem){1, N_("Teksten er for lang eller har tegn som ikke er tillatt."), NULL};
    }
    return n;
}

size_t service_round_check(const char *title, const char *deadline, FormProblem *p)
{
    size_t n = 0;
    Err e = {0};
    if (!title || !*title) {
        p[n++] = (FormProblem){0, N_("Tittel må fylles ut."), NULL};
    } else if (content_check_text(title, 200, false, "", &e)) {
        p[n++] = (FormProblem){0, N_("Teksten er for lang eller har tegn som ikke er tillatt."), NULL};
    }
    if (!date_valid(deadline)) {
        p[n++] = (FormProblem){1, N_("Frist må være en dato på formen ÅÅÅÅ-MM-DD."), NULL};
    }
    return n;
}

size_t service_figure_check(Db *db, const char *ministry, const char *period, const char *metric, const char *value,
                            FormProblem *p)
{
    size_t n = 0;
    double x;
    if (fig_ministry_id(db, ministry) <= 0) {
        p[n++] = (FormProblem){0, N_("Velg et departement."), NULL};
    }
    if (!figure_period_valid(period)) {
        p[n++] = (FormProblem){1, N_("Perioden må skrives som 2024, 2024T1, 2024K1 eller 2024M01."), NULL};
    }
    Stmt *s = db_prepare(db, "SELECT 1 FROM service_metric WHERE code = ?1");
    db_bind_text(s, 1, metric ? metric : "");
    if (db_step(s) != DB_ROW) {
        p[n++] = (FormProblem){2, N_("Ukjent måltall."), NULL};
    }
    db_done(s);
    if (value && *value && (!fig_parse_number(value, &x) || x < 0)) {
        p[n++] = (FormProblem){3, N_("Verdien må være et tall som ikke er negativt."), NULL};
    }
    return n;
}

/* May v write ministry mid's figures of a service in round_id? */
static int may_report(Db *db, const Viewer *v, int64_t round_id, int64_t mid, Err *e)
{
    if (fig_can_manage(v)) {
        return 0;
    }
    if (!round_id || v->read_only || !perm_can_report_for(v, mid)) {
        return err_set(e, E_FORBIDDEN, N_("Du kan bare rapportere tall for ditt eget departement i en åpen "
                                          "målerunde."));
    }
    Stmt *s = db_prepare(db, "SELECT 1 FROM reporting_round WHERE id = ?1 AND collects = 'services' "
                             "AND closed_at IS NULL");
    db_bind_int(s, 1, round_id);
    int rc = db_step(s);
    db_done(s);
    return rc == DB_ROW ? 0 : err_set(e, E_CONFLICT, N_("Målerunden er avsluttet eller finnes ikke."));
}

int service_figure_set(Db *db, const Viewer *v, const char *client, int64_t id, int64_t round_id,
                       const char *ministry, const char *period, const char *metric, const char *value, Err *e)
{
    assert(v);
    Arena a = {0};
    Service svc;
    int rc = service_get(db, &a, v, id, &svc, e);
    int64_t mid = rc ? 0 : fig_ministry_id(db, ministry);
    double x = 0;
    bool clear = !value || !*value;
    if (!rc && mid <= 0) {
        rc = err_set(e, E_INVALID, N_("Ukjent departement."));
    }
    if (!rc) {
        rc = may_report(db, v, round_id, mid, e);
    }
    if (!rc && !figure_period_valid(period)) {
        rc = err_set(e, E_INVALID, N_("Perioden må skrives som 2024, 2024T1, 2024K1 eller 2024M01."));
    }
    if (!rc) {
        Stmt *s = db_prepare(db, "SELECT 1 FROM service_metric WHERE code = ?1");
        db_bind_text(s, 1, metric);
        rc = db_step(s) == DB_ROW ? 0 : err_set(e, E_INVALID, N_("Ukjent måltall."));
        db_done(s);
    }
    if (!rc && !clear && (!fig_parse_number(value, &x) || x < 0)) {
        rc = err_set(e, E_INVALID, N_("Verdien må være et tall som ikke er negativt."));
    }
    if (rc || db_begin(db, e)) {
        arena_free(&a);
        return rc ? rc : E_DB;
    }
    Stmt *s = db_prepare(db, "SELECT value FROM service_figure WHERE service_id = ?1 AND ministry_id = ?2 AND "
                             "period = ?3 AND metric = ?4");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    db_bind_text(s, 4, metric);
    bool had = db_step(s) == DB_ROW;
    double old = had ? db_col_double(s, 0) : 0;
    db_done(s);
    if ((had && !clear && old == x) || (!had && clear)) {
        arena_free(&a);
        return db_finish(db, 0, e);
    }
    char now[40];
    time_iso(now, sizeof now);
    if (clear) {
        s = db_prepare(db, "DELETE FROM service_figure WHERE service_id = ?1 AND ministry_id = ?2 AND period = ?3 "
                           "AND metric = ?4");
    } else {
        s = db_prepare(db, "INSERT INTO service_figure (service_id, ministry_id, period, metric, value, round_id, "
                           "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7, nullif(?8, 0)) "
                           "ON CONFLICT (service_id, ministry_id, period, metric) DO UPDATE SET value = ?5, "
                           "round_id = nullif(?6, 0), updated_at = ?7, updated_by = nullif(?8, 0)");
        db_bind_double(s, 5, x);
        db_bind_int(s, 6, round_id);
        db_bind_text(s, 7, now);
        db_bind_int(s, 8, v->user_id);
    }
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    db_bind_text(s, 4, metric);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch = {arena_printf(&a, "tall %s %s %s", ministry, period, metric), had ? fig_num_text(&a, old) : "",
                      clear ? "" : fig_num_text(&a, x)};
    if (!rc) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "service.figure", KIND_SERVICE, id_text(&a, id),
                          arena_printf(&a, "%s: %s → %s", ch.field, ch.from, ch.to), e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

int service_series_mark(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry,
                        const char *kind, const char *visibility, Err *e)
{
    Arena a = {0};
    Service svc;
    int rc = service_get(db, &a, v, id, &svc, e);
    int64_t mid = rc ? 0 : fig_ministry_id(db, ministry);
    if (!rc && !fig_can_manage(v)) {
        rc = err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan endre merkingen."));
    } else if (!rc && mid <= 0) {
        rc = err_set(e, E_INVALID, N_("Ukjent departement."));
    } else if (!rc && !str_eq(kind, "resource") && !str_eq(kind, "quality")) {
        rc = err_set(e, E_INVALID, N_("Velg ressurstall eller kvalitetstall."));
    } else if (!rc && !str_eq(visibility, "public") && !str_eq(visibility, "internal")) {
        rc = err_set(e, E_INVALID, N_("Velg åpen eller intern."));
    }
    if (rc || db_begin(db, e)) {
        arena_free(&a);
        return rc ? rc : E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO service_series (service_id, ministry_id, kind, visibility) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET visibility = ?4");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, kind);
    db_bind_text(s, 4, visibility);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch = {arena_printf(&a, "merking %s %s", ministry, kind), "", visibility};
    if (!rc) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "service.mark", KIND_SERVICE, id_text(&a, id),
                          arena_printf(&a, "%s = %s", ch.field, visibility), e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

int service_round_open(Db *db, const Viewer *v, const char *client, const char *title, const char *deadline,
                       int64_t *out_id, Err *e)
{
    FormProblem p[2];
    if (fig_can_manage(v) && service_round_check(title, deadline, p)) {
        return err_set(e, E_INVALID, "%s", p[0].msg);
    }
    return round_open_collecting(db, v, client, "services", title, deadline, NULL, out_id, e);
}

int service_round_close(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    if (!db_exists(db, "SELECT 1 FROM reporting_round WHERE id = ?1 AND collects = 'services'", id)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke målerunden."));
    }
    return round_close(db, v, client, id, e);
}

int service_round_missing(Db *db, Arena *a, const Viewer *v, int64_t id, MinistryOption **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet ser hvem som ikke har rapportert."));
    }
    Stmt *s = db_prepare(db, "SELECT m.code, m.name_nb, m.name_nn, m.name_en FROM ministry m WHERE m.valid_to IS NULL "
                             "AND NOT EXISTS (SELECT 1 FROM service_figure f WHERE f.round_id = ?1 AND "
                             "f.ministry_id = m.id) ORDER BY m.name_nb COLLATE nb");
    db_bind_int(s, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryOption *x = arena_push(a, out, n, &cap, sizeof *x);
        x->code = db_col_dup(s, 0, a);
        x->name = db_col_dup(s, 1, a);
        x->name_nn = db_col_dup(s, 2, a);
        x->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

int service_round_list(Db *db, Arena *a, const Viewer *v, ServiceRound **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!v->user_id) {
        return err_set(e, E_FORBIDDEN, N_("Logg inn for å se målerundene."));
    }
    Stmt *s = db_prepare(db, "SELECT rr.id, rr.title, rr.deadline, rr.closed_at, (SELECT count(*) FROM "
                             "service_figure f JOIN service_metric m ON m.code = f.metric JOIN record r ON r.id = "
                             "f.service_id WHERE f.round_id = rr.id AND " ACCESS("r") " AND " FIGURE_VISIBLE("f", "m")
                             ") FROM reporting_round rr WHERE rr.collects = 'services' "
                             "ORDER BY rr.closed_at IS NOT NULL, rr.deadline DESC, rr.id DESC");
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        ServiceRound *x = arena_push(a, out, n, &cap, sizeof *x);
        x->id = db_col_int(s, 0);
        x->title = db_col_dup(s, 1, a);
        x->deadline = db_col_dup(s, 2, a);
        x->closed_at = db_col_dup(s, 3, a);
        x->open = x->closed_at == NULL;
        x->reported = (int)db_col_int(s, 4);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

/* ---- restoring a version ---------------------------------------------------------------- */

/* One restored field: "tall KD 2025 fte" (a figure; "" removes it) or
 * "merking KD resource" (a series' marking; "" back to the service's).
 * Other fields (the code) are not restored.  *ch gets the change. */
static int restore_one(Db *db, Arena *a, int64_t id, const FieldChange *f, FieldChange *ch, Err *e)
{
    const char *to = f->to ? f->to : "";
    char m[16] = "", p[16] = "", x[24] = "";
    bool figure = sscanf(f->field, "tall %15s %15s %23s", m, p, x) == 3;
    bool mark = !figure && sscanf(f->field, "merking %15s %23s", m, x) == 2;
    int64_t mid = (figure || mark) ? fig_ministry_id(db, m) : 0;
    *ch = (FieldChange){0};
    if ((!figure && !mark) || mid <= 0) {
        return 0;
    }
    Stmt *s;
    double v = 0;
    if (figure && *to && !fig_parse_number(to, &v)) {
        return err_set(e, E_INVALID, N_("Verdien må være et tall."));
    }
    if (figure && *to) {
        char now[40];
        time_iso(now, sizeof now);
        s = db_prepare(db, "INSERT INTO service_figure (service_id, ministry_id, period, metric, value, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (service_id, ministry_id, period, metric) "
                           "DO UPDATE SET value = ?5, updated_at = ?6");
        db_bind_double(s, 5, v);
        db_bind_text(s, 6, now);
    } else if (figure) {
        s = db_prepare(db, "DELETE FROM service_figure WHERE service_id = ?1 AND ministry_id = ?2 AND period = ?3 "
                           "AND metric = ?4");
    } else if (*to) {
        s = db_prepare(db, "INSERT INTO service_series (service_id, ministry_id, kind, visibility) "
                           "VALUES (?1, ?2, ?4, ?3) ON CONFLICT DO UPDATE SET visibility = ?3");
    } else {
        s = db_prepare(db, "DELETE FROM service_series WHERE service_id = ?1 AND ministry_id = ?2 AND kind = ?4 "
                           "AND ?3 = ''");
    }
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, figure ? p : to);
    db_bind_text(s, 4, x);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    *ch = (FieldChange){arena_strdup(a, f->field), "", arena_strdup(a, to)};
    return rc;
}

/* The record core's restore: figures and markings back as they were. */
static int service_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                           const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    Service svc;
    if (service_get(db, a, v, id, &svc, e)) {
        return E_NOTFOUND;
    }
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan endre merkingen."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    FieldChange *ch = arena_alloc(a, (n + 1) * sizeof *ch);
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = restore_one(db, a, id, &fields[i], &ch[k], e);
        k += !rc && ch[k].field;
    }
    if (!rc && k) {
        rc = record_version_add(db, v, id, ch, k, comment, e);
    }
    if (!rc && k) {
        rc = audit_append(db, v, client, "service.restore", KIND_SERVICE, id_text(a, id), comment, e);
    }
    return db_finish(db, rc, e);
}
