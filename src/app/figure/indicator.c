/* indicator.c: see figure.h — the indicator kind of record, its values and
 * targets, and the chart data the pages, the CSV and JSON-stat downloads
 * share.  Every read joins the indicator's record and filters with
 * ACCESS("r"). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/textform.h"
#include "app/figure/figure_int.h"
#include "base/util.h"

bool fig_can_manage(const Viewer *v)
{
    return can(v, CAP_MEASURE_MANAGE) && !v->read_only;
}

static bool indicator_can_manage(const Viewer *v, const Record *rec)
{
    (void)rec;
    return fig_can_manage(v);
}

static int indicator_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO indicator (id, code) VALUES (?1, 'prove-' || ?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample indicator failed");
    db_done(s);
    return rc;
}

static int indicator_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a,
                            "SELECT code || ' ' || name_nn || ' ' || name_en || ' ' || description_nb || ' ' || "
                            "source || ' ' || method FROM indicator WHERE id = ?1",
                            id);
    return 0;
}

static const char *indicator_field_label(const char *field)
{
    return str_has_prefix(field, "verdi ") ? N_("Verdi") : field;
}

static int indicator_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                             const FieldChange *fields, size_t n, const char *comment, Err *e);

static const RecordKind g_indicator_kind = {
    .name = KIND_INDICATOR, .table = "indicator", .label = N_("nøkkeltall"), .url = "/indicators/",
    .can_manage = indicator_can_manage, .field_label = indicator_field_label, .sample = indicator_sample,
    .restore = indicator_restore, .search_text = indicator_search_text,
};
RECORD_KIND(g_indicator_kind)

/* ---- small helpers ------------------------------------------------------------- */

bool fig_parse_number(const char *s, double *out)
{
    if (!s) {
        return false;
    }
    char tmp[64];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\t') {
            continue;
        }
        if (c == 0xC2 && (unsigned char)p[1] == 0xA0) { /* no-break space */
            p++;
            continue;
        }
        if (c == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF) { /* narrow no-break space */
            p += 2;
            continue;
        }
        if (n + 1 >= sizeof tmp) {
            return false;
        }
        if (c == 0xE2 && (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) { /* minus sign */
            tmp[n++] = '-';
            p += 2;
            continue;
        }
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == ',' || c == 'e' || c == 'E')) {
            return false;
        }
        tmp[n++] = c == ',' ? '.' : (char)c;
    }
    tmp[n] = 0;
    if (!n) {
        return false;
    }
    char *end;
    double x = strtod(tmp, &end);
    if (*end || !isfinite(x)) {
        return false;
    }
    *out = x;
    return true;
}

const char *fig_num_text(Arena *a, double x)
{
    char buf[64];
    if (fabs(x) < 1e15 && x == floor(x)) {
        snprintf(buf, sizeof buf, "%.0f", x);
        return arena_strdup(a, buf);
    }
    for (int d = 1; d <= 10 && fabs(x) < 1e15; d++) {
        snprintf(buf, sizeof buf, "%.*f", d, x);
        if (strtod(buf, NULL) == x) {
            return arena_strdup(a, buf);
        }
    }
    snprintf(buf, sizeof buf, "%.17g", x);
    return arena_strdup(a, buf);
}

const char *figure_number(Arena *a, double x, int decimals, bool norwegian)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals < 0 ? 0 : decimals > 3 ? 3 : decimals, x);
    const char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t start = raw[0] == '-' ? 1 : 0;
    Buf b = {0};
    if (start) {
        buf_puts(&b, norwegian ? "\xE2\x88\x92" : "-");
    }
    for (size_t i = start; i < intlen; i++) {
        if (i > start && (intlen - i) % 3 == 0) {
            buf_puts(&b, norwegian ? "\xE2\x80\xAF" : ",");
        }
        buf_putc(&b, raw[i]);
    }
    if (dot) {
        buf_putc(&b, norwegian ? ',' : '.');
        buf_puts(&b, dot + 1);
    }
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

bool figure_period_valid(const char *p)
{
    if (!p || strlen(p) < 4) {
        return false;
    }
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        year = year * 10 + (p[i] - '0');
    }
    if (year < 1900 || year > 2199) {
        return false;
    }
    const char *rest = p + 4;
    if (!*rest) {
        return true;                                   /* a year */
    }
    if ((rest[0] == 'T' || rest[0] == 'K') && rest[1] >= '1' && rest[2] == 0) {
        return rest[1] <= (rest[0] == 'T' ? '3' : '4');  /* tertial 1–3, quarter 1–4 */
    }
    if (rest[0] == 'M' && rest[1] >= '0' && rest[1] <= '1' && rest[2] >= '0' && rest[2] <= '9' && !rest[3]) {
        int m = (rest[1] - '0') * 10 + (rest[2] - '0');
        return m >= 1 && m <= 12;                      /* a month */
    }
    return false;
}

int64_t fig_ministry_id(Db *db, const char *code)
{
    if (!code || !*code || str_eq(code, FIG_ALL)) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = ?1 ORDER BY valid_to IS NOT NULL, id LIMIT 1");
    db_bind_text(s, 1, code);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return id;
}

/* ---- reading ---------------------------------------------------------------------- */

#define IND_COLS                                                                                            \
    "r.id, i.code, r.title, i.name_nn, i.name_en, i.description_nb, i.description_nn, i.description_en, "   \
    "i.unit, i.decimals, i.better, i.source, i.method, i.periodicity, r.visibility, "                      \
    "(SELECT count(*) FROM indicator_value x WHERE x.indicator_id = i.id), "                                \
    "(SELECT max(period) FROM indicator_value x WHERE x.indicator_id = i.id), "                             \
    "EXISTS (SELECT 1 FROM indicator_value x WHERE x.indicator_id = i.id AND x.illustrative) "              \
    "FROM indicator i JOIN record r ON r.id = i.id "

static void read_indicator(Stmt *s, Arena *a, Indicator *x)
{
    *x = (Indicator){0};
    x->id = db_col_int(s, 0);
    x->code = db_col_dup(s, 1, a);
    x->name = db_col_dup(s, 2, a);
    x->name_nn = db_col_dup(s, 3, a);
    x->name_en = db_col_dup(s, 4, a);
    x->description = db_col_dup(s, 5, a);
    x->description_nn = db_col_dup(s, 6, a);
    x->description_en = db_col_dup(s, 7, a);
    x->unit = db_col_dup(s, 8, a);
    x->decimals = (int)db_col_int(s, 9);
    x->better = db_col_dup(s, 10, a);
    x->source = db_col_dup(s, 11, a);
    x->method = db_col_dup(s, 12, a);
    x->periodicity = db_col_dup(s, 13, a);
    x->visibility = db_col_dup(s, 14, a);
    x->nvalues = (int)db_col_int(s, 15);
    x->latest = db_col_dup(s, 16, a);
    x->illustrative = db_col_int(s, 17) != 0;
}

int indicator_list(Db *db, Arena *a, const Viewer *v, bool public_only, Indicator **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " IND_COLS "WHERE " ACCESS("r") " AND NOT " ACCESS_MASKED("r")
                             " AND (?1 = 0 OR (r.visibility = 'public' AND r.exemption_basis IS NULL)) "
                             "ORDER BY i.sort_key, i.code");
    access_bind(s, v);
    db_bind_int(s, 1, public_only);
    size_t len = 0, cap = 0;
    Indicator *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_indicator(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

static int get_where(Db *db, Arena *a, const Viewer *v, int64_t id, const char *code, Indicator *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " IND_COLS "WHERE (i.id = ?1 OR i.code = ?2) AND " ACCESS("r")
                             " AND NOT " ACCESS_MASKED("r"));
    access_bind(s, v);
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, code ? code : "");
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_indicator(s, a, out);
    }
    db_done(s);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? err_set(e, E_NOTFOUND, N_("Fant ikke nøkkeltallet.")) :
                                              err_set(e, E_DB, N_("Lesing feilet."));
}

int indicator_get(Db *db, Arena *a, const Viewer *v, int64_t id, Indicator *out, Err *e)
{
    return get_where(db, a, v, id, NULL, out, e);
}

int indicator_get_code(Db *db, Arena *a, const Viewer *v, const char *code, Indicator *out, Err *e)
{
    return get_where(db, a, v, 0, code ? code : "", out, e);
}

#define VALUE_COLS                                                                                           \
    "mi.code, mi.name_nb, mi.name_nn, mi.name_en, x.period, x.value, x.source, x.note, x.illustrative, "     \
    "t.value IS NOT NULL, t.value "                                                                           \
    "FROM indicator_value x LEFT JOIN ministry mi ON mi.id = x.ministry_id "                                  \
    "LEFT JOIN indicator_target t ON t.indicator_id = x.indicator_id AND ifnull(t.ministry_id, 0) = "         \
    "ifnull(x.ministry_id, 0) AND t.period = x.period "

static void read_value(Stmt *s, Arena *a, FigureValue *x)
{
    x->ministry = db_col_dup(s, 0, a);
    x->ministry_name = db_col_dup(s, 1, a);
    x->ministry_nn = db_col_dup(s, 2, a);
    x->ministry_en = db_col_dup(s, 3, a);
    x->period = db_col_dup(s, 4, a);
    x->value = db_col_double(s, 5);
    x->source = db_col_dup(s, 6, a);
    x->note = db_col_dup(s, 7, a);
    x->illustrative = db_col_int(s, 8) != 0;
    x->has_target = db_col_int(s, 9) != 0;
    x->target = db_col_double(s, 10);
}

/* The values of indicator id selected by mode: 0 all, 1 the community, 2
 * the ministries (of period when not NULL). */
static int read_values(Db *db, Arena *a, int64_t id, int mode, const char *period, FigureValue **out, size_t *n,
                       Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " VALUE_COLS "WHERE x.indicator_id = ?1 AND (?2 = 0 OR (?2 = 1 AND "
                             "x.ministry_id IS NULL) OR (?2 = 2 AND x.ministry_id IS NOT NULL AND "
                             "(?3 IS NULL OR x.period = ?3))) "
                             "ORDER BY CASE WHEN ?2 = 2 AND ?3 IS NOT NULL THEN '' ELSE x.period END, "
                             "x.ministry_id IS NOT NULL, mi.name_nb COLLATE nb, x.period");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mode);
    db_bind_text(s, 3, period);
    size_t len = 0, cap = 0;
    FigureValue *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_value(s, a, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, N_("Lesing feilet.")) : 0;
}

int indicator_values(Db *db, Arena *a, const Viewer *v, int64_t id, FigureValue **out, size_t *n, Err *e)
{
    Indicator ind;
    int rc = indicator_get(db, a, v, id, &ind, e);
    return rc ? rc : read_values(db, a, id, 0, NULL, out, n, e);
}

/* ---- charts ------------------------------------------------------------------------ */

bool figure_chart_kind(const char *name, FigureChart *out)
{
    static const char *names[] = {"time", "ministries", "multiples"};
    for (int i = 0; name && i < 3; i++) {
        if (str_eq(name, names[i])) {
            *out = (FigureChart)i;
            return true;
        }
    }
    return false;
}

const char *figure_chart_name(FigureChart c)
{
    return c == CHART_TIME ? "time" : c == CHART_MINISTRIES ? "ministries" : "multiples";
}

/* The distinct periods of v[0..n), sorted. */
static void periods_of(Arena *a, ChartData *c)
{
    size_t len = 0, cap = 0;
    const char **list = NULL;
    for (size_t i = 0; i < c->n; i++) {
        bool seen = false;
        for (size_t j = 0; j < len && !seen; j++) {
            seen = str_eq(list[j], c->v[i].period);
        }
        if (!seen) {
            *(const char **)arena_push(a, &list, &len, &cap, sizeof *list) = c->v[i].period;
        }
    }
    for (size_t i = 1; i < len; i++) { /* insertion sort: a few dozen periods */
        for (size_t j = i; j > 0 && strcmp(list[j - 1], list[j]) > 0; j--) {
            const char *t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    }
    c->periods = list;
    c->nperiods = len;
}

int figure_chart(Db *db, Arena *a, const Viewer *v, bool public_only, const char *code, FigureChart chart,
                 const char *period, ChartData *out, Err *e)
{
    *out = (ChartData){.chart = chart};
    int rc = indicator_get_code(db, a, v, code, &out->ind, e);
    if (!rc && public_only && !str_eq(out->ind.visibility, "public")) {
        rc = err_set(e, E_NOTFOUND, N_("Fant ikke nøkkeltallet."));
    }
    if (rc) {
        return rc;
    }
    if (chart == CHART_MINISTRIES) {
        if (!period || !*period) {
            period = db_one_text(db, a, "SELECT max(period) FROM indicator_value WHERE indicator_id = ?1 "
                                        "AND ministry_id IS NOT NULL", out->ind.id);
        }
        out->period = period;
        rc = period ? read_values(db, a, out->ind.id, 2, period, &out->v, &out->n, e) : 0;
    } else {
        rc = read_values(db, a, out->ind.id, chart == CHART_TIME ? 1 : 2, NULL, &out->v, &out->n, e);
        if (!rc && chart == CHART_MULTIPLES) {
            /* Ministry by ministry, then period: one small chart each. */
            for (size_t i = 1; i < out->n; i++) {
                for (size_t j = i; j > 0; j--) {
                    FigureValue *p = &out->v[j - 1], *q = &out->v[j];
                    int c = strcmp(p->ministry_name ? p->ministry_name : "", q->ministry_name ? q->ministry_name : "");
                    if (c < 0 || (c == 0 && strcmp(p->period, q->period) <= 0)) {
                        break;
                    }
                    FigureValue t = *p;
                    *p = *q;
                    *q = t;
                }
            }
        }
    }
    if (!rc) {
        periods_of(a, out);
        for (size_t i = 0; i < out->n; i++) {
            out->illustrative |= out->v[i].illustrative;
        }
    }
    return rc;
}

/* ---- writing ------------------------------------------------------------------------ */

static const char *id_text(Arena *a, int64_t id)
{
    return arena_printf(a, "%lld", (long long)id);
}

int fig_value_write(Db *db, Arena *a, const Viewer *v, int64_t ind, int64_t ministry_id, const char *mcode,
                    const char *period, double value, const char *source, const char *note, FieldChange *ch,
                    FigureAction *act, bool *had, double *old, Err *e)
{
    *ch = (FieldChange){0};
    Stmt *s = db_prepare(db, "SELECT id, value, source, note FROM indicator_value WHERE indicator_id = ?1 "
                             "AND ifnull(ministry_id, 0) = ?2 AND period = ?3");
    db_bind_int(s, 1, ind);
    db_bind_int(s, 2, ministry_id);
    db_bind_text(s, 3, period);
    int rc = db_step(s);
    *had = rc == DB_ROW;
    int64_t vid = *had ? db_col_int(s, 0) : 0;
    *old = *had ? db_col_double(s, 1) : 0;
    /* source or note NULL: keep what is stored (a JSON-stat value carries neither). */
    const char *was_source = *had ? db_col_dup(s, 2, a) : "", *was_note = *had ? db_col_dup(s, 3, a) : "";
    source = source ? source : was_source;
    note = note ? note : was_note;
    bool same = *had && *old == value && str_eq(was_source, source) && str_eq(was_note, note);
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, N_("Lesing feilet."));
    }
    *act = same ? FIG_SAME : *had ? FIG_CHANGE : FIG_NEW;
    if (same) {
        return 0;
    }
    char now[40];
    time_iso(now, sizeof now);
    if (*had) {
        s = db_prepare(db, "UPDATE indicator_value SET value = ?2, source = ?3, note = ?4, illustrative = 0, "
                           "updated_at = ?5, updated_by = ?6 WHERE id = ?1");
        db_bind_int(s, 1, vid);
    } else {
        s = db_prepare(db, "INSERT INTO indicator_value (indicator_id, ministry_id, period, value, source, note, "
                           "updated_at, updated_by, illustrative) VALUES (?7, ?8, ?9, ?2, ?3, ?4, ?5, ?6, 0)");
        db_bind_int(s, 7, ind);
        if (ministry_id) {
            db_bind_int(s, 8, ministry_id);
        } else {
            db_bind_null(s, 8);
        }
        db_bind_text(s, 9, period);
    }
    /* Both statements take ?2–?6 the same way. */
    db_bind_double(s, 2, value);
    db_bind_text(s, 3, source);
    db_bind_text(s, 4, note);
    db_bind_text(s, 5, now);
    if (v && v->user_id) {
        db_bind_int(s, 6, v->user_id);
    } else {
        db_bind_null(s, 6);
    }
    rc = db_step(s);
    db_done(s);
    if (rc != DB_DONE) {
        return err_set(e, E_DB, N_("Lagring feilet."));
    }
    ch->field = arena_printf(a, "verdi %s %s", mcode && *mcode ? mcode : FIG_ALL, period);
    ch->from = *had ? fig_num_text(a, *old) : "";
    ch->to = fig_num_text(a, value);
    return 0;
}

const char *const g_indicator_fields[IF_COUNT + 1] = {
    "code", "name", "name_nn", "name_en", "description", "description_nn", "description_en", "unit", "decimals",
    "better", "source", "method", "periodicity", "visibility", NULL};
const char *const g_value_fields[VF_COUNT + 1] = {"ministry", "period", "value", "source", "note", NULL};

static bool one_of(const char *s, const char *const *list)
{
    for (size_t i = 0; s && list[i]; i++) {
        if (str_eq(s, list[i])) {
            return true;
        }
    }
    return false;
}

static void problem(FormProblem *p, size_t *np, size_t cap, int field, const char *msg)
{
    if (*np < cap) {
        p[(*np)++] = (FormProblem){.field = field, .msg = msg};
    }
}

static const char *val(const IndicatorInput *in, int f)
{
    return in->v[f] ? in->v[f] : "";
}

/* Every problem of a new indicator's input. */
static void indicator_check(const IndicatorInput *in, long long *decimals, FormProblem *p, size_t *np)
{
    static const char *const better[] = {"up", "down", "none", NULL};
    static const char *const periodicity[] = {"year", "tertial", "quarter", "month", NULL};
    static const char *const visibility[] = {"public", "internal", "restricted", NULL};
    const size_t cap = FIG_FORM_PROBLEMS;
    const char *code = val(in, IF_CODE);
    size_t len = strlen(code);
    bool code_ok = len >= 2 && len <= 40;
    for (size_t i = 0; code_ok && i < len; i++) {
        code_ok = (code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') || code[i] == '_' ||
                  code[i] == '-';
    }
    if (!code_ok) {
        problem(p, np, cap, IF_CODE, N_("Koden må være 2–40 tegn: små bokstaver a–z, tall, - og _."));
    }
    if (!*val(in, IF_NAME)) {
        problem(p, np, cap, IF_NAME, N_("Navn må fylles ut."));
    }
    static const struct {
        int f;
        size_t max;
        bool multi;
    } texts[] = {{IF_NAME, 200, false},         {IF_NAME_NN, 200, false},        {IF_NAME_EN, 200, false},
                 {IF_UNIT, 40, false},          {IF_SOURCE, 300, false},         {IF_METHOD, 4000, true},
                 {IF_DESCRIPTION, 4000, true},  {IF_DESCRIPTION_NN, 4000, true}, {IF_DESCRIPTION_EN, 4000, true}};
    for (size_t i = 0; i < COUNT(texts); i++) {
        Err e = {0};
        if (*val(in, texts[i].f) && content_check_text(val(in, texts[i].f), texts[i].max, texts[i].multi, "", &e)) {
            problem(p, np, cap, texts[i].f, N_("Teksten er for lang eller har tegn som ikke er tillatt."));
        }
    }
    *decimals = 0;
    if (*val(in, IF_DECIMALS) && !parse_int(val(in, IF_DECIMALS), 0, 3, decimals)) {
        problem(p, np, cap, IF_DECIMALS, N_("Desimaler må være et helt tall fra 0 til 3."));
    }
    if (*val(in, IF_BETTER) && !one_of(val(in, IF_BETTER), better)) {
        problem(p, np, cap, IF_BETTER, N_("Velg om høyt eller lavt er bra."));
    }
    if (*val(in, IF_PERIODICITY) && !one_of(val(in, IF_PERIODICITY), periodicity)) {
        problem(p, np, cap, IF_PERIODICITY, N_("Velg en periodisitet fra listen."));
    }
    if (*val(in, IF_VISIBILITY) && !one_of(val(in, IF_VISIBILITY), visibility)) {
        problem(p, np, cap, IF_VISIBILITY, N_("Velg hvem som kan se nøkkeltallet."));
    }
}

int indicator_create(Db *db, const Viewer *v, const char *client, const IndicatorInput *in, int64_t *out_id,
                     FormProblem *p, size_t *np, Err *e)
{
    assert(v && in && out_id && p && np);
    *out_id = 0;
    *np = 0;
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn nøkkeltall."));
    }
    long long decimals;
    indicator_check(in, &decimals, p, np);
    if (db_begin(db, e)) {
        return E_DB;
    }
    Arena a = {0};
    int rc = 0;
    Stmt *s = db_prepare(db, "SELECT 1 FROM indicator WHERE code = ?1");
    db_bind_text(s, 1, val(in, IF_CODE));
    if (db_step(s) == DB_ROW) {
        problem(p, np, FIG_FORM_PROBLEMS, IF_CODE, N_("Koden er allerede i bruk."));
        rc = err_set(e, E_CONFLICT, N_("Koden «%s» er allerede i bruk."), val(in, IF_CODE));
    }
    db_done(s);
    if (*np) {
        rc = rc ? rc : err_set(e, E_INVALID, "%s", p[0].msg);
        goto done;
    }
    RecordInit ri = {.title = val(in, IF_NAME), .visibility = *val(in, IF_VISIBILITY) ? val(in, IF_VISIBILITY) : "internal"};
    int64_t id;
    rc = record_create(db, v, KIND_INDICATOR, &ri, &id, e);
    if (rc) {
        goto done;
    }
    s = db_prepare(db, "INSERT INTO indicator (id, code, name_nn, name_en, description_nb, description_nn, "
                       "description_en, unit, decimals, better, source, method, periodicity, sort_key) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                       "(SELECT ifnull(max(sort_key), 0) + 1 FROM indicator))");
    static const int cols[] = {IF_CODE, IF_NAME_NN, IF_NAME_EN, IF_DESCRIPTION, IF_DESCRIPTION_NN, IF_DESCRIPTION_EN,
                               IF_UNIT};
    db_bind_int(s, 1, id);
    for (int i = 0; i < 7; i++) {
        db_bind_text(s, 2 + i, val(in, cols[i]));
    }
    db_bind_int(s, 9, decimals);
    db_bind_text(s, 10, *val(in, IF_BETTER) ? val(in, IF_BETTER) : "none");
    db_bind_text(s, 11, val(in, IF_SOURCE));
    db_bind_text(s, 12, val(in, IF_METHOD));
    db_bind_text(s, 13, *val(in, IF_PERIODICITY) ? val(in, IF_PERIODICITY) : "year");
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch[] = {{"code", "", val(in, IF_CODE)}, {"unit", "", val(in, IF_UNIT)},
                        {"source", "", val(in, IF_SOURCE)}};
    if (!rc) {
        rc = record_version_add(db, v, id, ch, COUNT(ch), NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "indicator.create", KIND_INDICATOR, id_text(&a, id), val(in, IF_CODE), e);
    }
    if (!rc) {
        *out_id = id;
    }
done:
    arena_free(&a);
    return db_finish(db, rc, e);
}

void indicator_input_of(Arena *a, const Indicator *ind, IndicatorInput *out)
{
    *out = (IndicatorInput){0};
    out->v[IF_CODE] = ind->code;
    out->v[IF_NAME] = ind->name;
    out->v[IF_NAME_NN] = ind->name_nn;
    out->v[IF_NAME_EN] = ind->name_en;
    out->v[IF_DESCRIPTION] = ind->description;
    out->v[IF_DESCRIPTION_NN] = ind->description_nn;
    out->v[IF_DESCRIPTION_EN] = ind->description_en;
    out->v[IF_UNIT] = ind->unit;
    out->v[IF_DECIMALS] = arena_printf(a, "%d", ind->decimals);
    out->v[IF_BETTER] = ind->better;
    out->v[IF_SOURCE] = ind->source;
    out->v[IF_METHOD] = ind->method;
    out->v[IF_PERIODICITY] = ind->periodicity;
    out->v[IF_VISIBILITY] = ind->visibility;
}

/* Write an indicator's own fields (all but code and marking) from in,
 * inside the caller's transaction. */
static int write_fields(Db *db, int64_t id, const IndicatorInput *in, long long decimals, Err *e)
{
    int rc;
    Stmt *s = db_prepare(db, "UPDATE record SET title = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, val(in, IF_NAME));
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        s = db_prepare(db, "UPDATE indicator SET name_nn = ?2, name_en = ?3, description_nb = ?4, description_nn = ?5, "
                           "description_en = ?6, unit = ?7, decimals = ?8, better = ?9, source = ?10, method = ?11, "
                           "periodicity = ?12 WHERE id = ?1");
        static const int cols[] = {IF_NAME_NN, IF_NAME_EN, IF_DESCRIPTION, IF_DESCRIPTION_NN, IF_DESCRIPTION_EN, IF_UNIT};
        db_bind_int(s, 1, id);
        for (int i = 0; i < 6; i++) {
            db_bind_text(s, 2 + i, val(in, cols[i]));
        }
        db_bind_int(s, 8, decimals);
        db_bind_text(s, 9, *val(in, IF_BETTER) ? val(in, IF_BETTER) : "none");
        db_bind_text(s, 10, val(in, IF_SOURCE));
        db_bind_text(s, 11, val(in, IF_METHOD));
        db_bind_text(s, 12, *val(in, IF_PERIODICITY) ? val(in, IF_PERIODICITY) : "year");
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
    }
    return rc;
}

int indicator_update(Db *db, const Viewer *v, const char *client, int64_t id, const IndicatorInput *in,
                     FormProblem *p, size_t *np, Err *e)
{
    assert(v && in && p && np);
    *np = 0;
    Arena a = {0};
    Indicator ind;
    int rc = indicator_get(db, &a, v, id, &ind, e);
    if (!rc && !fig_can_manage(v)) {
        rc = err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn nøkkeltall."));
    }
    if (rc) {
        arena_free(&a);
        return rc;
    }
    IndicatorInput was, now;
    indicator_input_of(&a, &ind, &was);
    now = was;
    for (int k = 0; k < IF_COUNT; k++) {
        if (k != IF_CODE && k != IF_VISIBILITY && in->v[k]) {
            now.v[k] = in->v[k];
        }
    }
    long long decimals;
    indicator_check(&now, &decimals, p, np);
    if (*np) {
        arena_free(&a);
        return err_set(e, E_INVALID, "%s", p[0].msg);
    }
    FieldChange ch[IF_COUNT];
    size_t n = text_diff(g_indicator_fields, was.v, now.v, IF_COUNT, NULL, ch);
    if (!n) {
        arena_free(&a);
        return 0;
    }
    if (db_begin(db, e)) {
        arena_free(&a);
        return E_DB;
    }
    rc = write_fields(db, id, &now, decimals, e);
    if (!rc) {
        rc = record_version_add(db, v, id, ch, n, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "indicator.update", KIND_INDICATOR, id_text(&a, id), ind.code, e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

int indicator_value_set(Db *db, const Viewer *v, const char *client, int64_t id, const char *const in[VF_COUNT],
                        FormProblem *p, size_t *np, Err *e)
{
    assert(v && p && np);
    *np = 0;
    Arena a = {0};
    Indicator ind;
    int rc = indicator_get(db, &a, v, id, &ind, e);
    if (!rc && !fig_can_manage(v)) {
        rc = err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn nøkkeltall."));
    }
    if (rc) {
        arena_free(&a);
        return rc;
    }
    const char *ministry = in[VF_MINISTRY], *period = in[VF_PERIOD], *source = in[VF_SOURCE] ? in[VF_SOURCE] : "",
               *note = in[VF_NOTE] ? in[VF_NOTE] : "";
    int64_t mid = fig_ministry_id(db, ministry);
    double x = 0;
    Err ignore = {0};
    if (mid < 0) {
        problem(p, np, VF_COUNT, VF_MINISTRY, N_("Ukjent departement."));
    }
    if (!figure_period_valid(period)) {
        problem(p, np, VF_COUNT, VF_PERIOD, N_("Perioden må skrives som 2024, 2024T1, 2024K1 eller 2024M01."));
    }
    if (!fig_parse_number(in[VF_VALUE], &x)) {
        problem(p, np, VF_COUNT, VF_VALUE, N_("Verdien må være et tall."));
    }
    if (content_check_text(source, 300, false, "", &ignore)) {
        problem(p, np, VF_COUNT, VF_SOURCE, N_("Teksten er for lang eller har tegn som ikke er tillatt."));
    }
    if (content_check_text(note, 1000, false, "", &ignore)) {
        problem(p, np, VF_COUNT, VF_NOTE, N_("Teksten er for lang eller har tegn som ikke er tillatt."));
    }
    if (*np) {
        arena_free(&a);
        return err_set(e, E_INVALID, "%s", p[0].msg);
    }
    if (db_begin(db, e)) {
        arena_free(&a);
        return E_DB;
    }
    FieldChange ch;
    FigureAction act;
    bool had;
    double old;
    rc = fig_value_write(db, &a, v, id, mid, mid ? ministry : NULL, period, x, source, note, &ch, &act, &had, &old, e);
    if (!rc && ch.field) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
        if (!rc) {
            rc = audit_append(db, v, client, "indicator.value", KIND_INDICATOR, id_text(&a, id),
                              arena_printf(&a, "%s: %s → %s", ch.field, ch.from, ch.to), e);
        }
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

int indicator_target_set(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry,
                         const char *period, const char *value, FormProblem *p, size_t *np, Err *e)
{
    FormProblem mine[VF_COUNT];
    size_t nmine = 0;
    p = p ? p : mine;
    np = np ? np : &nmine;
    *np = 0;
    Arena a = {0};
    Indicator ind;
    int rc = indicator_get(db, &a, v, id, &ind, e);
    if (!rc && !fig_can_manage(v)) {
        rc = err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn nøkkeltall."));
    }
    int64_t mid = rc ? 0 : fig_ministry_id(db, ministry);
    double x = 0;
    bool clear = !value || !*value;
    if (!rc) {
        if (mid < 0) {
            problem(p, np, VF_COUNT, VF_MINISTRY, N_("Ukjent departement."));
        }
        if (!figure_period_valid(period)) {
            problem(p, np, VF_COUNT, VF_PERIOD, N_("Perioden må skrives som 2024, 2024T1, 2024K1 eller 2024M01."));
        }
        if (!clear && !fig_parse_number(value, &x)) {
            problem(p, np, VF_COUNT, VF_VALUE, N_("Målet må være et tall."));
        }
        if (*np) {
            rc = err_set(e, E_INVALID, "%s", p[0].msg);
        }
    }
    if (rc || db_begin(db, e)) {
        arena_free(&a);
        return rc ? rc : E_DB;
    }
    Stmt *s = db_prepare(db, "DELETE FROM indicator_target WHERE indicator_id = ?1 AND ifnull(ministry_id, 0) = ?2 "
                             "AND period = ?3");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc && !clear) {
        s = db_prepare(db, "INSERT INTO indicator_target (indicator_id, ministry_id, period, value) "
                           "VALUES (?1, nullif(?2, 0), ?3, ?4)");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, mid);
        db_bind_text(s, 3, period);
        db_bind_double(s, 4, x);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
    }
    FieldChange ch = {arena_printf(&a, "mål %s %s", mid ? ministry : FIG_ALL, period), "",
                      clear ? "" : fig_num_text(&a, x)};
    if (!rc) {
        rc = record_version_add(db, v, id, &ch, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "indicator.target", KIND_INDICATOR, id_text(&a, id), ch.field, e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

/* ---- restoring a version ---------------------------------------------------------------- */

/* "verdi KD 2024" / "mål ALLE 2030": the ministry (0: the community) and
 * period of a value or target field after prefix; false for another field
 * or an unknown ministry. */
static bool split_field(Db *db, Arena *a, const char *field, const char *prefix, int64_t *mid, const char **mcode,
                        const char **period)
{
    if (!str_has_prefix(field, prefix)) {
        return false;
    }
    const char *m = field + strlen(prefix), *sp = strchr(m, ' ');
    if (!sp || !figure_period_valid(sp + 1)) {
        return false;
    }
    *mcode = arena_strndup(a, m, (size_t)(sp - m));
    *period = sp + 1;
    *mid = fig_ministry_id(db, *mcode);
    return *mid >= 0;
}

/* Set the target of (mid, period) to text to ("" : none), in the caller's
 * transaction. */
static int restore_target(Db *db, int64_t id, int64_t mid, const char *period, const char *to, Err *e)
{
    double x = 0;
    if (*to && !fig_parse_number(to, &x)) {
        return err_set(e, E_INVALID, N_("Målet må være et tall."));
    }
    Stmt *s = db_prepare(db, "DELETE FROM indicator_target WHERE indicator_id = ?1 AND ifnull(ministry_id, 0) = ?2 "
                             "AND period = ?3");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc && *to) {
        s = db_prepare(db, "INSERT INTO indicator_target (indicator_id, ministry_id, period, value) "
                           "VALUES (?1, nullif(?2, 0), ?3, ?4)");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, mid);
        db_bind_text(s, 3, period);
        db_bind_double(s, 4, x);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
    }
    return rc;
}

/* Set value (mid, period) to text to ("": remove it), in the caller's
 * transaction; *ch gets the change (field NULL: none). */
static int restore_value(Db *db, Arena *a, const Viewer *v, int64_t id, int64_t mid, const char *mcode,
                         const char *period, const char *to, FieldChange *ch, Err *e)
{
    if (*to) {
        double x;
        FigureAction act;
        bool had;
        double old;
        if (!fig_parse_number(to, &x)) {
            return err_set(e, E_INVALID, N_("Verdien må være et tall."));
        }
        return fig_value_write(db, a, v, id, mid, mid ? mcode : NULL, period, x, NULL, NULL, ch, &act, &had, &old, e);
    }
    *ch = (FieldChange){0};
    Stmt *s = db_prepare(db, "SELECT value FROM indicator_value WHERE indicator_id = ?1 AND ifnull(ministry_id, 0) = ?2 "
                             "AND period = ?3");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    bool had = db_step(s) == DB_ROW;
    double old = had ? db_col_double(s, 0) : 0;
    db_done(s);
    if (!had) {
        return 0;
    }
    s = db_prepare(db, "DELETE FROM indicator_value WHERE indicator_id = ?1 AND ifnull(ministry_id, 0) = ?2 "
                       "AND period = ?3");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, mid);
    db_bind_text(s, 3, period);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    *ch = (FieldChange){arena_printf(a, "verdi %s %s", mid ? mcode : FIG_ALL, period), fig_num_text(a, old), ""};
    return rc;
}

/* The record core's restore: the indicator's own fields, its values and
 * its targets back to what they were; the code and the marking are not
 * restored (the code is the indicator's identity, the marking has its own
 * page). */
static int indicator_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                             const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    Indicator ind;
    if (indicator_get(db, a, v, id, &ind, e)) {
        return E_NOTFOUND;
    }
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan legge inn nøkkeltall."));
    }
    IndicatorInput was, now;
    indicator_input_of(a, &ind, &was);
    now = was;
    if (db_begin(db, e)) {
        return E_DB;
    }
    FieldChange *ch = arena_alloc(a, (n + IF_COUNT) * sizeof *ch);
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *to = fields[i].to ? fields[i].to : "", *mcode, *period;
        int64_t mid;
        if (split_field(db, a, fields[i].field, "verdi ", &mid, &mcode, &period)) {
            rc = restore_value(db, a, v, id, mid, mcode, period, to, &ch[k], e);
            k += !rc && ch[k].field;
        } else if (split_field(db, a, fields[i].field, "mål ", &mid, &mcode, &period)) {
            rc = restore_target(db, id, mid, period, to, e);
            ch[k++] = (FieldChange){fields[i].field, "", to};
        } else {
            for (int f = 0; f < IF_COUNT; f++) {
                if (f != IF_CODE && f != IF_VISIBILITY && str_eq(fields[i].field, g_indicator_fields[f])) {
                    now.v[f] = to;
                }
            }
        }
    }
    long long decimals = 0;
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np = 0;
    if (!rc) {
        indicator_check(&now, &decimals, p, &np);
        rc = np ? err_set(e, E_INVALID, "%s", p[0].msg) : 0;
    }
    size_t nf = rc ? 0 : text_diff(g_indicator_fields, was.v, now.v, IF_COUNT, NULL, ch + k);
    if (!rc && nf) {
        rc = write_fields(db, id, &now, decimals, e);
        k += nf;
    }
    if (!rc && k) {
        rc = record_version_add(db, v, id, ch, k, comment, e);
    }
    if (!rc && k) {
        rc = audit_append(db, v, client, "indicator.restore", KIND_INDICATOR, id_text(a, id), comment, e);
    }
    return db_finish(db, rc, e);
}
