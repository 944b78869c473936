/* jsonstat.c: see figure.h — reading and writing JSON-stat 2.0 datasets
 * (https://json-stat.org/format/), the format of SSB's and most
 * statistics offices' APIs.
 *
 * Reading is strict about structure and lenient where the format is:
 * "index" as array or object, "value" as array or sparse object, "status"
 * as one string, array or object, labels optional.  Every problem is
 * reported with where it is (a member, a dimension and category, or a
 * value's position), and reading goes on to find the rest.  All memory
 * comes from the caller's arena; jansson's tree is freed before return.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/sheet.h"
#include "app/figure/figure_int.h"
#include "base/util.h"
#include "base/utf8.h"

void figure_problem(Arena *a, FigureImport *out, int pos, const char *where, const char *msg, const char *arg)
{
    if (out->nproblems >= FIGURE_MAX_PROBLEMS) {
        out->more++;
        return;
    }
    FigureProblem *p = arena_push(a, &out->problems, &out->nproblems, &out->cap_problems, sizeof *p);
    *p = (FigureProblem){.pos = pos, .where = where, .msg = msg, .arg = arg};
}

/* A code or label fit for a report: short, and (jansson guarantees it)
 * valid UTF-8. */
static const char *shown(Arena *a, const char *s)
{
    size_t n = strlen(s);
    return n <= 80 ? arena_strdup(a, s) : arena_printf(a, "%.77s…", s);
}

static const char *str_member(Arena *a, json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    return json_is_string(x) ? arena_strdup(a, json_string_value(x)) : NULL;
}

/* The categories of dimension d (its "category" object c) into dim. */
static bool read_category(Arena *a, const char *id, json_t *c, size_t size, JsDim *dim, FigureImport *out)
{
    const char *where = arena_printf(a, "dimension.%s", shown(a, id));
    if (!json_is_object(c)) {
        figure_problem(a, out, 0, where, N_("Dimensjonen mangler «category»."), NULL);
        return false;
    }
    json_t *index = json_object_get(c, "index");
    json_t *labels = json_object_get(c, "label");
    if (labels && !json_is_object(labels)) {
        figure_problem(a, out, 0, where, N_("«category.label» må være et objekt."), NULL);
        return false;
    }
    dim->n = size;
    dim->codes = arena_alloc(a, (size ? size : 1) * sizeof *dim->codes);
    dim->labels = arena_alloc(a, (size ? size : 1) * sizeof *dim->labels);
    memset(dim->codes, 0, (size ? size : 1) * sizeof *dim->codes);
    bool ok = true;
    if (json_is_array(index)) {
        if (json_array_size(index) != size) {
            figure_problem(a, out, 0, where, N_("Antall kategorier stemmer ikke med «size» (%s)."),
                           arena_printf(a, "%zu", size));
            return false;
        }
        for (size_t i = 0; i < size; i++) {
            json_t *x = json_array_get(index, i);
            if (!json_is_string(x)) {
                figure_problem(a, out, 0, where, N_("Kategorikoder må være tekst."), NULL);
                return false;
            }
            dim->codes[i] = arena_strdup(a, json_string_value(x));
        }
    } else if (json_is_object(index)) {
        if (json_object_size(index) != size) {
            figure_problem(a, out, 0, where, N_("Antall kategorier stemmer ikke med «size» (%s)."),
                           arena_printf(a, "%zu", size));
            return false;
        }
        const char *key;
        json_t *x;
        json_object_foreach(index, key, x)
        {
            json_int_t k = json_is_integer(x) ? json_integer_value(x) : -1;
            if (k < 0 || (size_t)k >= size || dim->codes[k]) {
                figure_problem(a, out, 0, arena_printf(a, "%s.%s", where, shown(a, key)),
                               N_("Ugyldig eller gjentatt kategoriindeks."), NULL);
                ok = false;
                continue;
            }
            dim->codes[k] = arena_strdup(a, key);
        }
    } else if (size == 1 && json_object_size(labels) == 1) {
        /* A single category may be given by its label alone. */
        dim->codes[0] = arena_strdup(a, json_object_iter_key(json_object_iter(labels)));
    } else {
        figure_problem(a, out, 0, where, N_("Dimensjonen mangler «category.index»."), NULL);
        return false;
    }
    for (size_t i = 0; ok && i < size; i++) {
        const char *l = labels ? str_member(a, labels, dim->codes[i]) : NULL;
        dim->labels[i] = l ? l : dim->codes[i];
    }
    return ok;
}

/* "role": {"time": ["tid"], "geo": […], "metric": […]} into the dimensions. */
static void read_roles(json_t *root, JsonStat *js)
{
    json_t *role = json_object_get(root, "role");
    static const char *const roles[] = {"time", "geo", "metric"};
    for (size_t r = 0; json_is_object(role) && r < COUNT(roles); r++) {
        json_t *ids = json_object_get(role, roles[r]);
        for (size_t i = 0; json_is_array(ids) && i < json_array_size(ids); i++) {
            const char *id = json_string_value(json_array_get(ids, i));
            for (size_t d = 0; id && d < js->ndims; d++) {
                if (str_eq(js->dims[d].id, id)) {
                    js->dims[d].role = roles[r];
                }
            }
        }
    }
}

static void add_cell(Arena *a, JsonStat *js, size_t *cap, size_t pos, double x)
{
    JsCell *c = arena_push(a, &js->cells, &js->ncells, cap, sizeof *c);
    c->pos = pos;
    c->value = x;
    c->status = NULL;
    size_t rest = pos;
    for (size_t d = js->ndims; d-- > 0;) {
        c->cat[d] = js->dims[d].n ? rest % js->dims[d].n : 0;
        rest = js->dims[d].n ? rest / js->dims[d].n : 0;
    }
}

/* One value: a number is kept, null skipped, anything else a problem. */
static bool read_value(Arena *a, JsonStat *js, size_t *cap, size_t pos, json_t *x, FigureImport *out)
{
    if (json_is_null(x)) {
        return true;
    }
    if (!json_is_number(x)) {
        figure_problem(a, out, (int)pos + 1, "value", N_("Verdien må være et tall eller null."), NULL);
        return false;
    }
    add_cell(a, js, cap, pos, json_number_value(x));
    return true;
}

static void read_status(json_t *root, Arena *a, JsonStat *js)
{
    json_t *st = json_object_get(root, "status");
    for (size_t i = 0; st && i < js->ncells; i++) {
        JsCell *c = &js->cells[i];
        json_t *x = json_is_string(st) ? st
                  : json_is_array(st) ? json_array_get(st, c->pos)
                  : json_is_object(st) ? json_object_get(st, arena_printf(a, "%zu", c->pos)) : NULL;
        c->status = json_is_string(x) ? arena_strdup(a, json_string_value(x)) : NULL;
    }
}

bool jsonstat_parse(Arena *a, const char *data, size_t len, JsonStat *js, FigureImport *out)
{
    *js = (JsonStat){0};
    size_t before = out->nproblems + out->more;
    json_error_t jerr;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        figure_problem(a, out, 0, NULL, N_("Filen er ikke gyldig JSON (linje %s)."), arena_printf(a, "%d", jerr.line));
        return false;
    }
    const char *cls = json_string_value(json_object_get(root, "class"));
    if (!json_is_object(root) || !cls || !str_eq(cls, "dataset")) {
        figure_problem(a, out, 0, "class", N_("Filen er ikke et JSON-stat-datasett (class må være «dataset»)."),
                       NULL);
        json_decref(root);
        return false;
    }
    const char *version = json_string_value(json_object_get(root, "version"));
    if (!version || strncmp(version, "2.", 2) != 0) {
        figure_problem(a, out, 0, "version", N_("Bare JSON-stat versjon 2.0 kan leses."), NULL);
    }
    js->label = str_member(a, root, "label");
    js->source = str_member(a, root, "source");
    js->updated = str_member(a, root, "updated");
    json_t *ids = json_object_get(root, "id"), *sizes = json_object_get(root, "size");
    json_t *dims = json_object_get(root, "dimension");
    if (!json_is_array(ids) || !json_is_array(sizes) || json_array_size(ids) != json_array_size(sizes) ||
        json_array_size(ids) == 0 || !json_is_object(dims)) {
        figure_problem(a, out, 0, "id", N_("«id», «size» og «dimension» mangler eller passer ikke sammen."), NULL);
        json_decref(root);
        return false;
    }
    if (json_array_size(ids) > JS_MAX_DIMS) {
        figure_problem(a, out, 0, "id", N_("Datasettet har for mange dimensjoner (høyst %s)."),
                       arena_printf(a, "%d", JS_MAX_DIMS));
        json_decref(root);
        return false;
    }
    size_t total = 1;
    bool ok = true;
    js->ndims = json_array_size(ids);
    for (size_t d = 0; d < js->ndims; d++) {
        const char *id = json_string_value(json_array_get(ids, d));
        json_t *sz = json_array_get(sizes, d);
        json_int_t n = json_is_integer(sz) ? json_integer_value(sz) : -1;
        if (!id || n < 1 || n > JS_MAX_CELLS || total * (size_t)n > JS_MAX_CELLS) {
            figure_problem(a, out, 0, arena_printf(a, "id[%zu]", d), N_("Ugyldig dimensjon eller størrelse."), NULL);
            ok = false;
            break;
        }
        total *= (size_t)n;
        js->dims[d].id = arena_strdup(a, id);
        json_t *dim = json_object_get(dims, id);
        js->dims[d].label = dim ? str_member(a, dim, "label") : NULL;
        if (!json_is_object(dim) || !read_category(a, id, json_object_get(dim, "category"), (size_t)n, &js->dims[d], out)) {
            if (!json_is_object(dim)) {
                figure_problem(a, out, 0, arena_printf(a, "dimension.%s", shown(a, id)),
                               N_("Dimensjonen er ikke beskrevet i «dimension»."), NULL);
            }
            ok = false;
        }
    }
    json_t *value = json_object_get(root, "value");
    size_t cap = 0;
    if (ok && json_is_array(value)) {
        if (json_array_size(value) != total) {
            figure_problem(a, out, 0, "value", N_("«value» har ikke like mange verdier som dimensjonene gir (%s)."),
                           arena_printf(a, "%zu", total));
            ok = false;
        }
        for (size_t i = 0; ok && i < total; i++) {
            read_value(a, js, &cap, i, json_array_get(value, i), out);
        }
    } else if (ok && json_is_object(value)) {
        const char *key;
        json_t *x;
        json_object_foreach(value, key, x)
        {
            long long pos;
            if (!parse_int(key, 0, (long long)total - 1, &pos)) {
                figure_problem(a, out, 0, arena_printf(a, "value.%s", shown(a, key)),
                               N_("Ugyldig posisjon i «value»."), NULL);
                continue;
            }
            read_value(a, js, &cap, (size_t)pos, x, out);
        }
        /* Position order, as the array form gives them. */
        for (size_t i = 1; i < js->ncells; i++) {
            for (size_t j = i; j > 0 && js->cells[j - 1].pos > js->cells[j].pos; j--) {
                JsCell t = js->cells[j];
                js->cells[j] = js->cells[j - 1];
                js->cells[j - 1] = t;
            }
        }
    } else if (ok) {
        figure_problem(a, out, 0, "value", N_("«value» mangler."), NULL);
    }
    js->complete = ok && (json_is_object(value) || json_is_array(value));
    read_roles(root, js);
    read_status(root, a, js);
    json_decref(root);
    return out->nproblems + out->more == before;
}

/* ---- writing ------------------------------------------------------------------------ */

/* A category object: index array and labels. */
static json_t *category(const char *const *codes, const char *const *labels, size_t n)
{
    json_t *index = json_array(), *label = json_object();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(index, json_string(codes[i]));
        json_object_set_new(label, codes[i], json_string(labels[i]));
    }
    return json_pack("{s:o,s:o}", "index", index, "label", label);
}

void figure_jsonstat_write(const ChartData *c, Buf *out)
{
    Arena a = {0};
    /* The ministries (FIG_ALL for the community) in the order they first appear. */
    const char **mcodes = arena_alloc(&a, (c->n + 1) * sizeof *mcodes);
    const char **mnames = arena_alloc(&a, (c->n + 1) * sizeof *mnames);
    size_t nm = 0;
    for (size_t i = 0; i < c->n; i++) {
        const char *code = c->v[i].ministry ? c->v[i].ministry : FIG_ALL;
        size_t j = 0;
        while (j < nm && !str_eq(mcodes[j], code)) {
            j++;
        }
        if (j == nm) {
            mcodes[nm] = code;
            mnames[nm++] = c->v[i].ministry_name ? c->v[i].ministry_name : "Departementsfellesskapet";
        }
    }
    size_t np = c->nperiods;
    size_t cells = nm * np;
    json_t *values = json_array(), *status = json_object();
    for (size_t k = 0; k < cells; k++) {
        json_array_append_new(values, json_null());
    }
    for (size_t i = 0; i < c->n; i++) {
        const char *code = c->v[i].ministry ? c->v[i].ministry : FIG_ALL;
        size_t m = 0, p = 0;
        while (m < nm && !str_eq(mcodes[m], code)) {
            m++;
        }
        while (p < np && !str_eq(c->periods[p], c->v[i].period)) {
            p++;
        }
        if (m < nm && p < np) {
            json_array_set_new(values, m * np + p, json_real(c->v[i].value));
            if (c->v[i].illustrative) {
                json_object_set_new(status, arena_printf(&a, "%zu", m * np + p), json_string("i"));
            }
        }
    }
    const char *icode[] = {c->ind.code}, *iname[] = {c->ind.name};
    json_t *unit = json_object();
    json_object_set_new(unit, c->ind.code, json_pack("{s:i,s:s}", "decimals", c->ind.decimals, "label", c->ind.unit));
    json_t *ind_cat = category(icode, iname, 1);
    json_object_set_new(ind_cat, "unit", unit);
    /* Built member by member: one long json_pack format is easy to get wrong. */
    json_t *doc = json_object(), *dims = json_object(), *role = json_object();
    json_object_set_new(doc, "version", json_string("2.0"));
    json_object_set_new(doc, "class", json_string("dataset"));
    json_object_set_new(doc, "label", json_string(c->ind.name));
    json_object_set_new(doc, "source", json_string(c->ind.source));
    json_object_set_new(doc, "id", json_pack("[s,s,s]", "indikator", "departement", "tid"));
    json_object_set_new(doc, "size", json_pack("[I,I,I]", (json_int_t)1, (json_int_t)nm, (json_int_t)np));
    json_object_set_new(role, "metric", json_pack("[s]", "indikator"));
    json_object_set_new(role, "geo", json_pack("[s]", "departement"));
    json_object_set_new(role, "time", json_pack("[s]", "tid"));
    json_object_set_new(doc, "role", role);
    json_object_set_new(dims, "indikator", json_pack("{s:s,s:o}", "label", "indikator", "category", ind_cat));
    json_object_set_new(dims, "departement",
                        json_pack("{s:s,s:o}", "label", "departement", "category", category(mcodes, mnames, nm)));
    json_object_set_new(dims, "tid",
                        json_pack("{s:s,s:o}", "label", "tid", "category", category(c->periods, c->periods, np)));
    json_object_set_new(doc, "dimension", dims);
    json_object_set_new(doc, "value", values);
    if (json_object_size(status)) {
        json_object_set_new(doc, "status", status);
        json_object_set_new(doc, "note", json_pack("[s]", "Status «i»: illustrativt tall, ikke et reelt tall."));
    } else {
        json_decref(status);
    }
    char *text = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
    if (text) {
        buf_puts(out, text);
        free(text);
    }
    json_decref(doc);
    arena_free(&a);
}

void figure_chart_csv(const ChartData *c, Buf *out)
{
    Arena a = {0};
    static const SheetColumn cols[] = {{"indikator"}, {"departement"}, {"periode"}, {"verdi"},
                                       {"enhet"},     {"kilde"},       {"merknad"}, {"illustrativ"}};
    const char **cells = arena_alloc(&a, (c->n ? c->n : 1) * COUNT(cols) * sizeof *cells);
    for (size_t i = 0; i < c->n; i++) {
        const FigureValue *x = &c->v[i];
        const char **row = cells + i * COUNT(cols);
        row[0] = c->ind.code;
        row[1] = x->ministry ? x->ministry : FIG_ALL;
        row[2] = x->period;
        char *num = arena_printf(&a, "%.*f", c->ind.decimals, x->value);
        char *dot = strchr(num, '.');
        if (dot) {
            *dot = ','; /* Norwegian Excel reads a decimal comma */
        }
        row[3] = num;
        row[4] = c->ind.unit;
        row[5] = *x->source ? x->source : c->ind.source;
        row[6] = x->note;
        row[7] = x->illustrative ? "ja" : "nei";
    }
    Sheet sh = {.title = "Nøkkeltall", .cols = cols, .ncols = COUNT(cols), .cells = cells, .nrows = c->n};
    sheet_csv(out, &sh);
    arena_free(&a);
}
