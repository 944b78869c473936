/* figure_io.c: see figure.h — importing key figures from JSON-stat 2.0
 * and CSV.
 *
 * Both formats become one list of rows (indicator code, ministry code,
 * period, value, source, note, with the position to report), checked as
 * a whole: unknown indicators (or ones the viewer may not read), unknown
 * ministries, bad periods and numbers, and the same value given twice.
 * Then every row is written with fig_value_write inside one transaction,
 * which gives the preview (new, changed, unchanged, with the old value);
 * the transaction is committed only when apply is set and nothing was
 * wrong, so a preview writes nothing and a file with errors writes
 * nothing.  Same rules as the measure import (measure_io.h).
 */
#include <assert.h>
#include <string.h>
#include <strings.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/figure/figure_int.h"
#include "app/measure/measure.h"
#include "base/utf8.h"
#include "base/util.h"

typedef struct FigRow {
    int pos;
    const char *where;            /* CSV: NULL; JSON-stat: the value's categories */
    int64_t indicator;            /* resolved id */
    const char *code, *ministry, *period;  /* ministry NULL: the community */
    int64_t ministry_id;
    double value;
    const char *source, *note;
} FigRow;

typedef struct Rows {
    FigRow *v;
    size_t n, cap;
} Rows;

/* ---- name resolution (cached per import) ------------------------------------------ */

typedef struct Seen {
    const char *code;
    int64_t id;                   /* -1: unknown */
} Seen;

typedef struct Names {
    Seen *ind, *min;
    size_t nind, capind, nmin, capmin;
} Names;

static int64_t lookup(Db *db, Arena *a, const Viewer *v, Names *nm, bool indicator, const char *code)
{
    Seen **list = indicator ? &nm->ind : &nm->min;
    size_t *n = indicator ? &nm->nind : &nm->nmin, *cap = indicator ? &nm->capind : &nm->capmin;
    for (size_t i = 0; i < *n; i++) {
        if (str_eq((*list)[i].code, code)) {
            return (*list)[i].id;
        }
    }
    int64_t id;
    if (indicator) {
        Indicator ind;
        id = indicator_get_code(db, a, v, code, &ind, NULL) ? -1 : ind.id;
    } else {
        id = fig_ministry_id(db, code);
    }
    Seen *s = arena_push(a, list, n, cap, sizeof *s);
    s->code = code;
    s->id = id;
    return id;
}

static bool is_community(const char *code)
{
    static const char *const all[] = {FIG_ALL, "0", "TOTAL", "Total", "ALL", "alle", "00"};
    for (size_t i = 0; i < COUNT(all); i++) {
        if (str_eq(code, all[i])) {
            return true;
        }
    }
    return false;
}

/* ---- JSON-stat ----------------------------------------------------------------------- */

static bool named(const char *id, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        if (strcasecmp(id, names[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Which dimension is the indicator, the ministry and the period: by role,
 * else by the usual ids. -1: none. */
static void find_dims(const JsonStat *js, int *metric, int *geo, int *time)
{
    static const char *const metric_ids[] = {"ContentsCode", "indikator", "indicator", "metric", "statistikkvariabel", NULL};
    static const char *const geo_ids[] = {"departement", "ministry", "region", "geo", NULL};
    static const char *const time_ids[] = {"Tid", "time", "year", "år", "periode", "period", NULL};
    *metric = *geo = *time = -1;
    for (int d = 0; d < (int)js->ndims; d++) {
        const JsDim *x = &js->dims[d];
        if ((x->role && str_eq(x->role, "metric")) || (!x->role && named(x->id, metric_ids))) {
            *metric = *metric < 0 ? d : *metric;
        } else if ((x->role && str_eq(x->role, "geo")) || (!x->role && named(x->id, geo_ids))) {
            *geo = *geo < 0 ? d : *geo;
        } else if ((x->role && str_eq(x->role, "time")) || (!x->role && named(x->id, time_ids))) {
            *time = *time < 0 ? d : *time;
        }
    }
}

static void jsonstat_rows(Db *db, Arena *a, const Viewer *v, const char *data, size_t len, Rows *rows, Names *nm,
                          FigureImport *out)
{
    JsonStat js;
    if (!jsonstat_parse(a, data, len, &js, out) && !js.complete) {
        return;
    }
    size_t before = out->nproblems;
    int metric, geo, time;
    find_dims(&js, &metric, &geo, &time);
    if (metric < 0) {
        figure_problem(a, out, 0, "role.metric", N_("Fant ingen dimensjon for nøkkeltall (role «metric»)."), NULL);
    }
    if (time < 0) {
        figure_problem(a, out, 0, "role.time", N_("Fant ingen dimensjon for tid (role «time»)."), NULL);
    }
    for (int d = 0; d < (int)js.ndims; d++) {
        if (d != metric && d != geo && d != time && js.dims[d].n != 1) {
            figure_problem(a, out, 0, arena_printf(a, "dimension.%s", js.dims[d].id),
                           N_("Ukjent dimensjon med flere kategorier; bare nøkkeltall, departement og tid kan "
                              "importeres."), NULL);
        }
    }
    if (metric < 0 || time < 0 || out->nproblems > before) {
        return;
    }
    /* Every category once: unknown codes are reported where they are defined. */
    bool *bad[JS_MAX_DIMS] = {0};
    for (int d = 0; d < (int)js.ndims; d++) {
        bad[d] = arena_alloc(a, js.dims[d].n * sizeof(bool));
        memset(bad[d], 0, js.dims[d].n * sizeof(bool));
        for (size_t k = 0; k < js.dims[d].n; k++) {
            const char *code = js.dims[d].codes[k];
            const char *where = arena_printf(a, "dimension.%s.%s", js.dims[d].id, code);
            if (d == metric && lookup(db, a, v, nm, true, code) < 0) {
                figure_problem(a, out, 0, where, N_("Ukjent nøkkeltall «%s»."), code);
                bad[d][k] = true;
            } else if (d == geo && !is_community(code) && lookup(db, a, v, nm, false, code) < 0) {
                figure_problem(a, out, 0, where, N_("Ukjent departement «%s»."), code);
                bad[d][k] = true;
            } else if (d == time && !figure_period_valid(code)) {
                figure_problem(a, out, 0, where,
                               N_("Ukjent periode «%s»; skriv 2024, 2024T1, 2024K1 eller 2024M01."), code);
                bad[d][k] = true;
            }
        }
    }
    for (size_t i = 0; i < js.ncells; i++) {
        const JsCell *c = &js.cells[i];
        bool skip = false;
        for (size_t d = 0; d < js.ndims; d++) {
            skip |= bad[d][c->cat[d]];
        }
        if (skip) {
            continue;
        }
        FigRow *r = arena_push(a, &rows->v, &rows->n, &rows->cap, sizeof *r);
        const char *code = js.dims[metric].codes[c->cat[metric]];
        const char *mcode = geo >= 0 ? js.dims[geo].codes[c->cat[geo]] : FIG_ALL;
        *r = (FigRow){.pos = (int)c->pos + 1, .code = code, .period = js.dims[time].codes[c->cat[time]],
                      .value = c->value};  /* source and note NULL: kept as stored */
        r->indicator = lookup(db, a, v, nm, true, code);
        r->ministry = is_community(mcode) ? NULL : mcode;
        r->ministry_id = r->ministry ? lookup(db, a, v, nm, false, mcode) : 0;
        r->where = arena_printf(a, "%s, %s, %s", code, r->ministry ? r->ministry : FIG_ALL, r->period);
    }
}

/* ---- CSV ------------------------------------------------------------------------------ */

/* The cells of one CSV record starting at *p (quotes "…" with "" inside);
 * moves *p past the record's end.  false on an unclosed quote. */
static bool csv_record(Arena *a, const char **p, const char *end, char sep, const char ***cells, size_t *n)
{
    size_t cap = 0;
    *cells = NULL;
    *n = 0;
    const char *s = *p;
    for (;;) {
        Buf cell = {0};
        if (s < end && *s == '"') {
            s++;
            for (;;) {
                if (s >= end) {
                    buf_free(&cell);
                    return false;
                }
                if (*s == '"' && s + 1 < end && s[1] == '"') {
                    buf_putc(&cell, '"');
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    buf_putc(&cell, *s++);
                }
            }
        }
        while (s < end && *s != sep && *s != '\n' && *s != '\r') {
            buf_putc(&cell, *s++);
        }
        *(const char **)arena_push(a, cells, n, &cap, sizeof(char *)) = arena_strdup(a, buf_str(&cell));
        buf_free(&cell);
        if (s < end && *s == sep) {
            s++;
            continue;
        }
        break;
    }
    if (s < end && *s == '\r') {
        s++;
    }
    if (s < end && *s == '\n') {
        s++;
    }
    *p = s;
    return true;
}

/* The CSV file as sheet rows (rows[0] the header); false after reporting
 * a problem. */
static bool csv_sheet(Arena *a, const char *data, size_t len, SheetRow **rows, size_t *n, FigureImport *out)
{
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    if (memchr(data, 0, len) || !utf8_valid(data, len)) {
        figure_problem(a, out, 0, NULL, N_("Filen må være tekst i UTF-8."), NULL);
        return false;
    }
    size_t hl = strcspn(p, "\r\n");
    char sep = memchr(p, ';', hl) ? ';' : memchr(p, '\t', hl) ? '\t' : ',';
    size_t cap = 0;
    *rows = NULL;
    *n = 0;
    for (int line = 1; p < end; line++) {
        if (*n > FIGURE_MAX_ROWS) {
            figure_problem(a, out, 0, NULL, N_("Filen har for mange rader (høyst %s)."),
                           arena_printf(a, "%d", FIGURE_MAX_ROWS));
            return false;
        }
        SheetRow r = {.line = line};
        if (!csv_record(a, &p, end, sep, &r.cells, &r.n)) {
            figure_problem(a, out, line, NULL, N_("Et anførselstegn er ikke lukket."), NULL);
            return false;
        }
        if (line > 1 && r.n == 1 && !*r.cells[0]) {
            continue; /* an empty line */
        }
        *(SheetRow *)arena_push(a, rows, n, &cap, sizeof r) = r;
    }
    return *n > 0;
}

/* Sheet rows (CSV or XLSX; rows[0] the header) into FigRows, checking
 * every cell. */
static void sheet_rows(Db *db, Arena *a, const Viewer *v, const SheetRow *sheet, size_t nsheet, Rows *rows, Names *nm,
                       FigureImport *out)
{
    if (!nsheet) {
        return;
    }
    const char *const *head = sheet[0].cells;
    size_t nh = sheet[0].n;
    static const char *const names[][2] = {{"indikator", "indicator"}, {"departement", "ministry"},
                                           {"periode", "period"},      {"verdi", "value"},
                                           {"kilde", "source"},        {"merknad", "note"}};
    int col[6] = {-1, -1, -1, -1, -1, -1};
    for (size_t i = 0; i < nh; i++) {
        const char *h = head[i] ? head[i] : "";
        bool known = false;
        for (int k = 0; k < 6; k++) {
            if (strcasecmp(h, names[k][0]) == 0 || strcasecmp(h, names[k][1]) == 0) {
                if (col[k] >= 0) {
                    figure_problem(a, out, 1, arena_printf(a, "%.60s", h), N_("Kolonnen finnes to ganger."), NULL);
                }
                col[k] = (int)i;
                known = true;
            }
        }
        if (!known && *h && strcasecmp(h, "enhet") && strcasecmp(h, "unit") && strcasecmp(h, "illustrativ")) {
            figure_problem(a, out, 1, arena_printf(a, "%.60s", h), N_("Ukjent kolonne."), NULL);
        }
    }
    for (int k = 0; k < 4; k++) {
        if (col[k] < 0) {
            figure_problem(a, out, 1, names[k][0], N_("Kolonnen mangler."), NULL);
        }
    }
    if (out->nproblems) {
        return;
    }
    for (size_t i = 1; i < nsheet; i++) {
        const char *const *cells = sheet[i].cells;
        size_t n = sheet[i].n;
        int line = sheet[i].line;
#define CELL(k) (col[k] >= 0 && (size_t)col[k] < n && cells[col[k]] ? cells[col[k]] : "")
        const char *code = CELL(0), *mcode = CELL(1), *period = CELL(2), *value = CELL(3);
        if (!*code && !*mcode && !*period && !*value) {
            continue; /* an empty row */
        }
        /* Without a kilde or merknad column, what is stored stays (NULL). */
        FigRow r = {.pos = line, .code = code, .period = period, .source = col[4] >= 0 ? CELL(4) : NULL,
                    .note = col[5] >= 0 ? CELL(5) : NULL};
#undef CELL
        bool ok = true;
        r.indicator = lookup(db, a, v, nm, true, code);
        if (r.indicator < 0) {
            figure_problem(a, out, line, "indikator", N_("Ukjent nøkkeltall «%s»."), code);
            ok = false;
        }
        r.ministry = *mcode && !is_community(mcode) ? mcode : NULL;
        r.ministry_id = r.ministry ? lookup(db, a, v, nm, false, mcode) : 0;
        if (r.ministry_id < 0) {
            figure_problem(a, out, line, "departement", N_("Ukjent departement «%s»."), mcode);
            ok = false;
        }
        if (!figure_period_valid(period)) {
            figure_problem(a, out, line, "periode",
                           N_("Ukjent periode «%s»; skriv 2024, 2024T1, 2024K1 eller 2024M01."), period);
            ok = false;
        }
        if (!fig_parse_number(value, &r.value)) {
            figure_problem(a, out, line, "verdi", N_("«%s» er ikke et tall."), value);
            ok = false;
        }
        Err e = {0};
        if (r.source && content_check_text(r.source, 300, false, N_("Kilden"), &e)) {
            figure_problem(a, out, line, "kilde", N_("Kilden er for lang eller har ugyldige tegn."), NULL);
            ok = false;
        }
        if (r.note && content_check_text(r.note, 1000, false, N_("Merknaden"), &e)) {
            figure_problem(a, out, line, "merknad", N_("Merknaden er for lang eller har ugyldige tegn."), NULL);
            ok = false;
        }
        if (ok) {
            r.where = arena_printf(a, "%s, %s, %s", code, r.ministry ? r.ministry : FIG_ALL, period);
            *(FigRow *)arena_push(a, &rows->v, &rows->n, &rows->cap, sizeof r) = r;
        }
    }
}

/* ---- the run ---------------------------------------------------------------------------- */

static void duplicates(Arena *a, const Rows *rows, FigureImport *out)
{
    for (size_t i = 1; i < rows->n; i++) {
        for (size_t j = 0; j < i; j++) {
            const FigRow *x = &rows->v[i], *y = &rows->v[j];
            if (x->indicator == y->indicator && x->ministry_id == y->ministry_id && str_eq(x->period, y->period)) {
                figure_problem(a, out, x->pos, x->where,
                               N_("Samme nøkkeltall, departement og periode står også på posisjon %s."),
                               arena_printf(a, "%d", y->pos));
                break;
            }
        }
    }
}

/* Write every row; collect the changes per indicator and version them. */
static int write_rows(Db *db, Arena *a, const Viewer *v, const char *filename, const Rows *rows, FigureImport *out,
                      Err *e)
{
    FieldChange *ch = arena_alloc(a, (rows->n ? rows->n : 1) * sizeof *ch);
    for (size_t i = 0; i < rows->n; i++) {
        const FigRow *r = &rows->v[i];
        FigureChange *c = arena_push(a, &out->rows, &out->nrows, &out->cap_rows, sizeof *c);
        *c = (FigureChange){.pos = r->pos, .indicator = r->code, .ministry = r->ministry, .period = r->period,
                            .value = r->value};
        int rc = fig_value_write(db, a, v, r->indicator, r->ministry_id, r->ministry, r->period, r->value, r->source,
                                 r->note, &ch[i], &c->action, &c->had, &c->old, e);
        if (rc) {
            return rc;
        }
        out->create += c->action == FIG_NEW;
        out->change += c->action == FIG_CHANGE;
        out->unchanged += c->action == FIG_SAME;
    }
    /* One version per indicator touched, with all its changed values. */
    const char *comment = arena_printf(a, "Importert fra %s", filename);
    for (size_t i = 0; i < rows->n; i++) {
        bool first = ch[i].field != NULL;
        for (size_t j = 0; first && j < i; j++) {
            first = !(rows->v[j].indicator == rows->v[i].indicator && ch[j].field);
        }
        if (!first) {
            continue;
        }
        size_t k = 0;
        FieldChange *mine = arena_alloc(a, rows->n * sizeof *mine);
        for (size_t j = i; j < rows->n; j++) {
            if (rows->v[j].indicator == rows->v[i].indicator && ch[j].field) {
                mine[k++] = ch[j];
            }
        }
        int rc = record_version_add(db, v, rows->v[i].indicator, mine, k, comment, e);
        if (rc) {
            return rc;
        }
    }
    return 0;
}

int figure_import(Db *db, Arena *a, const Viewer *v, const char *client, const char *filename, const char *data,
                  size_t len, bool apply, FigureImport *out, Err *e)
{
    assert(v && out);
    *out = (FigureImport){0};
    if (!fig_can_manage(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare strategisekretariatet kan importere nøkkeltall."));
    }
    filename = filename && *filename ? filename : "API";
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
        i++;
    }
    bool json = i < len && data[i] == '{', xlsx = len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    out->format = json ? "json-stat" : xlsx ? "xlsx" : "csv";
    Rows rows = {0};
    Names nm = {0};
    SheetRow *sheet = NULL;
    size_t nsheet = 0;
    if (json) {
        jsonstat_rows(db, a, v, data, len, &rows, &nm, out);
    } else if (xlsx) {
        Err xe = {0};
        if (measure_xlsx_rows(a, data, len, &sheet, &nsheet, &xe)) {
            figure_problem(a, out, 0, NULL, arena_strdup(a, xe.msg), NULL);
        } else if (nsheet > FIGURE_MAX_ROWS + 1) {
            figure_problem(a, out, 0, NULL, N_("Filen har for mange rader (høyst %s)."),
                           arena_printf(a, "%d", FIGURE_MAX_ROWS));
        } else {
            sheet_rows(db, a, v, sheet, nsheet, &rows, &nm, out);
        }
    } else if (csv_sheet(a, data, len, &sheet, &nsheet, out)) {
        sheet_rows(db, a, v, sheet, nsheet, &rows, &nm, out);
    }
    duplicates(a, &rows, out);
    if (!rows.n && !out->nproblems) {
        figure_problem(a, out, 0, NULL, N_("Filen har ingen verdier."), NULL);
    }
    if (out->nproblems) {
        return E_INVALID;
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = write_rows(db, a, v, filename, &rows, out, e);
    if (!rc && apply && out->create + out->change) {
        rc = audit_append(db, v, client, "figure.import", KIND_INDICATOR, "",
                          arena_printf(a, "%s (%s): %zu nye, %zu endret, %zu uendret", filename, out->format,
                                       out->create, out->change, out->unchanged), e);
    }
    if (rc || !apply) {
        db_rollback(db);
        return rc;
    }
    rc = db_commit(db, e);
    out->applied = rc == 0;
    return rc;
}
