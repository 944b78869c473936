/* measure_io.c: see measure_io.h.  CSV and JSON reading and writing, the
 * header-to-field mapping, the import run and the export; the XLSX
 * container is in measure_xlsx.c.
 *
 * An import is read into Records (one MeasureText per data row), checked
 * for problems no single measure can see (columns, duplicates, encoding),
 * ordered so parents and predecessors come before the rows that name
 * them, and then saved row by row with measure_save inside one
 * transaction — so the check is exactly the save, and a check that passes
 * applies.  Without apply, or with any problem, the transaction is rolled
 * back.
 */
#include "app/measure/measure_io.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/strategy/strategy.h"
#include "base/utf8.h"
#include "base/util.h"

/* ---- formats --------------------------------------------------------------- */

bool measure_io_format(const char *name, IoFormat *out)
{
    static const char *names[] = {[IO_CSV] = "csv", [IO_XLSX] = "xlsx", [IO_JSON] = "json"};
    for (int i = 0; name && i < (int)COUNT(names); i++) {
        if (strcasecmp(name, names[i]) == 0) {
            *out = (IoFormat)i;
            return true;
        }
    }
    return false;
}

IoFormat measure_io_sniff(const char *filename, const char *data, size_t len)
{
    IoFormat f;
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (dot && measure_io_format(dot + 1, &f)) {
        return f;
    }
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        return IO_XLSX;
    }
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
        i++;
    }
    return i < len && data[i] == '{' ? IO_JSON : IO_CSV;
}

bool measure_io_mime_format(const char *ct, IoFormat *out)
{
    if (!ct) {
        return false;
    }
    size_t n = strcspn(ct, ";");
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t')) {
        n--;
    }
    static const struct {
        const char *mime;
        IoFormat f;
    } types[] = {{"text/csv", IO_CSV}, {"application/json", IO_JSON}, {IO_XLSX_MIME, IO_XLSX}};
    for (size_t i = 0; i < COUNT(types); i++) {
        if (strlen(types[i].mime) == n && strncasecmp(ct, types[i].mime, n) == 0) {
            *out = types[i].f;
            return true;
        }
    }
    return false;
}

const char *measure_io_mime(IoFormat f)
{
    return f == IO_CSV ? "text/csv; charset=utf-8" : f == IO_JSON ? "application/json; charset=utf-8" : IO_XLSX_MIME;
}

const char *measure_io_ext(IoFormat f)
{
    return f == IO_CSV ? "csv" : f == IO_JSON ? "json" : "xlsx";
}

const char *measure_io_filename(Arena *a, IoFormat f, const char *slug)
{
    if (!slug || !*slug) {
        return arena_printf(a, "tiltak.%s", measure_io_ext(f));
    }
    /* Only characters that need no quoting in a Content-Disposition header. */
    char *s = arena_strdup(a, slug);
    for (char *p = s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                  *p == '_' || *p == '.';
        *p = ok ? *p : '_';
    }
    return arena_printf(a, "tiltak-%s.%s", s, measure_io_ext(f));
}

/* ---- problems -------------------------------------------------------------- */

void io_problem(Arena *a, ImportReport *rep, int line, const char *column, const char *msg)
{
    if (rep->nproblems >= IO_MAX_PROBLEMS) {
        rep->more++;
        return;
    }
    IoProblem *p = arena_push(a, &rep->problems, &rep->nproblems, &rep->cap_problems, sizeof *p);
    p->line = line;
    p->column = column;
    p->msg = msg;
}

/* A column name fit for a report (the JSON and HTML writers need valid
 * UTF-8): the name when it is short, clean UTF-8, else "kolonne N". */
static const char *safe_name(Arena *a, const char *name, size_t index)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 60 || !utf8_valid(name, n) || utf8_has_control(name, n, false)) {
        return arena_printf(a, "kolonne %zu", index + 1);
    }
    return arena_strdup(a, name);
}

typedef struct Ranked {
    IoProblem p;
    size_t i;          /* order of discovery */
} Ranked;

static int ranked_cmp(const void *x, const void *y)
{
    const Ranked *p = x, *q = y;
    if (p->p.line != q->p.line) {
        return p->p.line < q->p.line ? -1 : 1;
    }
    return (p->i > q->i) - (p->i < q->i);
}

/* Sort by line, keeping the order of discovery within a line, and add
 * one line saying how many problems were left out. */
static void finish_problems(Arena *a, ImportReport *rep)
{
    size_t n = rep->nproblems;
    Ranked *tmp = arena_alloc(a, (n ? n : 1) * sizeof *tmp);
    for (size_t i = 0; i < n; i++) {
        tmp[i] = (Ranked){rep->problems[i], i};
    }
    qsort(tmp, n, sizeof *tmp, ranked_cmp);
    for (size_t i = 0; i < n; i++) {
        rep->problems[i] = tmp[i].p;
    }
    if (rep->more) {
        IoProblem *p = arena_push(a, &rep->problems, &rep->nproblems, &rep->cap_problems, sizeof *p);
        p->line = n ? rep->problems[n - 1].line : 0;
        p->msg = arena_printf(a, "… og %zu problemer til (bare de første %d vises).", rep->more, IO_MAX_PROBLEMS);
        rep->more = 0;
    }
}

/* ---- records ----------------------------------------------------------------- */

typedef struct ImportRow {
    int line;
    MeasureText t;
    bool bad;          /* has a problem found before saving: not saved */
} ImportRow;

/* Excel keeps a date the user typed as a day number; turn it back into
 * ISO (1900 date system; day 61 is 1900-03-01). */
static const char *excel_date(Arena *a, const char *s)
{
    long long n;
    const char *dot = strchr(s, '.');
    const char *whole = dot ? arena_strndup(a, s, (size_t)(dot - s)) : s;
    if (!parse_int(whole, 61, 2958465, &n)) {
        return s;
    }
    /* days since 1970-01-01, then civil_from_days (H. Hinnant). */
    long long z = n - 25569 + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    return arena_printf(a, "%04lld-%02lld-%02lld", y + (m <= 2), m, d);
}

static bool row_empty(const IoRow *r)
{
    for (size_t j = 0; j < r->n; j++) {
        if (r->cells[j] && *r->cells[j]) {
            return false;
        }
    }
    return true;
}

/* The rows of a sheet (CSV or XLSX) as records; false when the header
 * makes the rows unreadable. */
static bool same_label(const char *value, const char *label);

/* s without leading and trailing blanks (arena). */
static const char *raw_trim(Arena *a, const char *s)
{
    while (*s == ' ') {
        s++;
    }
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') {
        n--;
    }
    return arena_strndup(a, s, n);
}

static bool sheet_records(Arena *a, const IoSheet *sh, bool xlsx, ImportReport *rep, ImportRow **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (sh->n == 0) {
        io_problem(a, rep, 0, NULL, N_("Filen er tom; den må ha en overskriftsrad med kolonnenavnene."));
        return false;
    }
    const IoRow *h = &sh->rows[0];
    int *field = arena_alloc(a, (h->n ? h->n : 1) * sizeof *field);
    bool seen[MF_COUNT] = {0};
    for (size_t j = 0; j < h->n; j++) {
        const char *raw = h->cells[j] ? h->cells[j] : "";
        char *name = arena_strdup(a, raw);
        while (*name == ' ') {
            name++;
        }
        for (char *q = name + strlen(name); q > name && q[-1] == ' '; q--) {
            q[-1] = 0;
        }
        for (char *q = name; *q; q++) {
            *q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
        }
        int k = *name ? measure_field_index(name) : -2;
        for (int f = 0; k == -1 && f < MF_COUNT; f++) {
            /* A header written as the field's label, in any of the three languages. */
            for (int l = 0; l < LANG_COUNT && k == -1; l++) {
                if (same_label(raw_trim(a, raw), i18n_get(l, g_measure_fields[f].label))) {
                    k = f;
                }
            }
        }
        if (k == -1) {
            io_problem(a, rep, h->line, safe_name(a, raw, j), N_("Ukjent kolonne."));
        } else if (k >= 0 && seen[k]) {
            io_problem(a, rep, h->line, g_measure_fields[k].name, N_("Kolonnen står mer enn én gang."));
            k = -1;
        } else if (k >= 0) {
            seen[k] = true;
        }
        field[j] = k;
    }
    if (!seen[MF_STRATEGY] || !seen[MF_NUMBER]) {
        int k = seen[MF_STRATEGY] ? MF_NUMBER : MF_STRATEGY;
        io_problem(a, rep, h->line, g_measure_fields[k].name,
                   N_("Kolonnen mangler; strategy og number trengs for å finne tiltakene."));
        return false;
    }
    ImportRow *recs = arena_alloc(a, (sh->n ? sh->n : 1) * sizeof *recs);
    size_t n = 0;
    for (size_t i = 1; i < sh->n; i++) {
        const IoRow *row = &sh->rows[i];
        if (row_empty(row)) {
            continue;
        }
        ImportRow *r = &recs[n++];
        r->line = row->line;
        for (size_t j = 0; j < h->n; j++) {
            if (field[j] >= 0) {
                r->t.v[field[j]] = "";
            }
        }
        for (size_t j = 0; j < row->n; j++) {
            const char *c = row->cells[j] ? row->cells[j] : "";
            int k = j < h->n ? field[j] : -2;
            if (k == -2) {
                if (*c) {
                    io_problem(a, rep, row->line, arena_printf(a, "kolonne %zu", j + 1),
                               N_("Cellen står i en kolonne uten overskrift."));
                    r->bad = true;
                }
                continue;
            }
            if (k < 0) {
                continue;
            }
            if (!utf8_valid(c, strlen(c))) {
                io_problem(a, rep, row->line, g_measure_fields[k].name,
                           N_("Teksten er ikke gyldig UTF-8. Lagre filen som «CSV UTF-8» i Excel og prøv igjen."));
                r->bad = true;
                continue;
            }
            r->t.v[k] = xlsx && (k == MF_START_DATE || k == MF_END_DATE) ? excel_date(a, c) : c;
        }
    }
    *out = recs;
    *nout = n;
    return true;
}

/* value equals label, ignoring the case of ASCII letters (enough for
 * «pågår» against «Pågår», «ikke startet» against «Ikke startet»). */
static bool same_label(const char *value, const char *label)
{
    if (!value || !label) {
        return false;
    }
    return strcasecmp(value, label) == 0;
}

/* The labels a person writes in a sheet («Pågår», «Høy», «Intern», in
 * bokmål, nynorsk or English) turned into the codes the text form holds,
 * so an exported sheet someone has filled in by hand imports.  Values
 * that are neither stay as they are, for the model to report. */
static void labels_to_codes(Db *db, Arena *a, ImportRow *recs, size_t n)
{
    MeasureStatus *sts = NULL;
    size_t nst = 0;
    measure_status_list(db, a, &sts, &nst, NULL);
    static const char *const vis[] = {"public", "internal", "restricted"};
    static const char *const roll[][2] = {{"plain", "Gjennomsnitt"}, {"weighted", "Vektet gjennomsnitt"}};
    for (size_t i = 0; i < n; i++) {
        const char **v = recs[i].t.v;
        for (size_t k = 0; v[MF_STATUS] && k < nst; k++) {
            if (same_label(v[MF_STATUS], sts[k].label) || same_label(v[MF_STATUS], sts[k].label_nn) ||
                same_label(v[MF_STATUS], sts[k].label_en) || same_label(v[MF_STATUS], sts[k].code)) {
                v[MF_STATUS] = sts[k].code;
                break;
            }
        }
        for (size_t k = 0; v[MF_VISIBILITY] && k < COUNT(vis); k++) {
            for (int l = 0; l < LANG_COUNT; l++) {
                if (same_label(v[MF_VISIBILITY], i18n_get(l, visibility_label(vis[k])))) {
                    v[MF_VISIBILITY] = vis[k];
                    break;
                }
            }
        }
        for (size_t k = 0; v[MF_ROLLUP] && k < COUNT(roll); k++) {
            for (int l = 0; l < LANG_COUNT; l++) {
                if (same_label(v[MF_ROLLUP], i18n_get(l, roll[k][1]))) {
                    v[MF_ROLLUP] = roll[k][0];
                    break;
                }
            }
        }
    }
}

/* ---- JSON --------------------------------------------------------------------- */

static void json_write(Buf *out, const MeasureText *rows, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        for (int k = 0; k < MF_COUNT; k++) {
            json_object_set_new(o, g_measure_fields[k].name, json_string(rows[i].v[k] ? rows[i].v[k] : ""));
        }
        json_array_append_new(list, o);
    }
    json_t *doc = json_pack("{s:o}", "measures", list);
    char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_puts(out, s ? s : "");
    buf_putc(out, '\n');
    free(s);
    json_decref(doc);
}

static bool json_read(Arena *a, const char *data, size_t len, ImportReport *rep, ImportRow **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    json_error_t je;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) {
        bool clean = utf8_valid(je.text, strlen(je.text)) && !utf8_has_control(je.text, strlen(je.text), false);
        io_problem(a, rep, 0, NULL,
                   clean ? arena_printf(a, N_("Filen er ikke gyldig JSON (linje %d i filen: %s)."), je.line, je.text)
                         : arena_printf(a, N_("Filen er ikke gyldig JSON (linje %d i filen)."), je.line));
        return false;
    }
    json_t *list = json_object_get(doc, "measures");
    if (!json_is_object(doc) || !json_is_array(list)) {
        io_problem(a, rep, 0, NULL, N_("JSON-filen må være et objekt med listen «measures»."));
        json_decref(doc);
        return false;
    }
    size_t n = json_array_size(list);
    if (n > IO_MAX_ROWS) {
        io_problem(a, rep, 0, NULL, arena_printf(a, N_("Filen har flere enn %d tiltak."), IO_MAX_ROWS));
        json_decref(doc);
        return false;
    }
    ImportRow *recs = arena_alloc(a, (n ? n : 1) * sizeof *recs);
    for (size_t i = 0; i < n; i++) {
        ImportRow *r = &recs[i];
        r->line = (int)i + 1;
        json_t *o = json_array_get(list, i);
        if (!json_is_object(o)) {
            io_problem(a, rep, r->line, NULL, N_("Elementet er ikke et objekt med feltene til et tiltak."));
            r->bad = true;
            continue;
        }
        const char *key;
        json_t *val;
        size_t j = 0;
        json_object_foreach(o, key, val) {
            int k = measure_field_index(key);
            j++;
            if (k < 0) {
                io_problem(a, rep, r->line, safe_name(a, key, j - 1), N_("Ukjent nøkkel."));
                continue;
            }
            bool number_ok = k == MF_PROGRESS || k == MF_WEIGHT || k == MF_GOAL_AREA;
            if (json_is_string(val)) {
                r->t.v[k] = arena_strndup(a, json_string_value(val), json_string_length(val));
            } else if (json_is_null(val)) {
                r->t.v[k] = "";
            } else if (number_ok && json_is_integer(val)) {
                r->t.v[k] = arena_printf(a, "%lld", (long long)json_integer_value(val));
            } else if (number_ok && json_is_real(val)) {
                r->t.v[k] = arena_printf(a, "%.17g", json_real_value(val));
            } else {
                io_problem(a, rep, r->line, g_measure_fields[k].name,
                           number_ok ? N_("Verdien må være et tall eller tekst.") : N_("Verdien må være tekst."));
                r->bad = true;
            }
        }
    }
    json_decref(doc);
    *out = recs;
    *nout = n;
    return true;
}

/* ---- the import run ---------------------------------------------------------- */

typedef struct KeyIdx {
    const char *key;
    size_t idx;
} KeyIdx;

static int keyidx_cmp(const void *x, const void *y)
{
    const KeyIdx *p = x, *q = y;
    int c = strcmp(p->key, q->key);
    return c ? c : (p->idx > q->idx) - (p->idx < q->idx);
}

static const char *make_key(Arena *a, const char *strategy, const char *number)
{
    return strategy && *strategy && number && *number ? arena_printf(a, "%s\x1f%s", strategy, number) : NULL;
}

/* Index of the record with key, or -1. */
static long find_key(const KeyIdx *keys, size_t n, const char *key)
{
    if (!key) {
        return -1;
    }
    KeyIdx probe = {key, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) {   /* lower bound: the first record with this key */
        size_t mid = (lo + hi) / 2;
        if (keyidx_cmp(&keys[mid], &probe) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && strcmp(keys[lo].key, key) == 0 ? (long)keys[lo].idx : -1;
}

/* Flag repeated (strategy, number) pairs, then order the records so that
 * a parent or predecessor given in the file is saved before the rows that
 * name it (Kahn's algorithm, file order among equals; rows in a cycle go
 * last and meet measure_validate's checks).  Returns the order. */
static size_t *plan(Arena *a, ImportRow *recs, size_t n, ImportReport *rep)
{
    KeyIdx *keys = arena_alloc(a, (n ? n : 1) * sizeof *keys);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = recs[i].bad ? NULL : make_key(a, recs[i].t.v[MF_STRATEGY], recs[i].t.v[MF_NUMBER]);
        if (k) {
            keys[nk++] = (KeyIdx){k, i};
        }
    }
    qsort(keys, nk, sizeof *keys, keyidx_cmp);
    for (size_t i = 1; i < nk; i++) {
        if (strcmp(keys[i].key, keys[i - 1].key) == 0) {
            ImportRow *r = &recs[keys[i].idx];
            size_t first = i - 1;
            while (first > 0 && strcmp(keys[first - 1].key, keys[i].key) == 0) {
                first--;
            }
            io_problem(a, rep, r->line, g_measure_fields[MF_NUMBER].name,
                       arena_printf(a, N_("Tiltak %s i %s står også på linje %d."), r->t.v[MF_NUMBER],
                                    r->t.v[MF_STRATEGY], recs[keys[first].idx].line));
            r->bad = true;
        }
    }
    /* deps[i]: the records i waits for (parent, predecessor). */
    long (*deps)[2] = arena_alloc(a, (n ? n : 1) * sizeof *deps);
    size_t *indeg = arena_alloc(a, (n ? n : 1) * sizeof *indeg);
    size_t *nsucc = arena_alloc(a, (n + 1) * sizeof *nsucc);
    for (size_t i = 0; i < n; i++) {
        const char *const *f = recs[i].t.v;
        const char *pred = f[MF_PREDECESSOR], *colon = pred ? strchr(pred, ':') : NULL;
        deps[i][0] = find_key(keys, nk, make_key(a, f[MF_STRATEGY], f[MF_PARENT]));
        deps[i][1] = colon ? find_key(keys, nk, make_key(a, arena_strndup(a, pred, (size_t)(colon - pred)), colon + 1))
                           : -1;
        for (int d = 0; d < 2; d++) {
            if (deps[i][d] == (long)i || (d == 1 && deps[i][1] == deps[i][0])) {
                deps[i][d] = -1;
            }
            if (deps[i][d] >= 0) {
                indeg[i]++;
                nsucc[deps[i][d]]++;
            }
        }
    }
    /* Successor lists in one array (CSR): start[j] .. start[j + 1]. */
    size_t *start = arena_alloc(a, (n + 1) * sizeof *start), *fill = arena_alloc(a, (n + 1) * sizeof *fill);
    for (size_t j = 0; j < n; j++) {
        start[j + 1] = start[j] + nsucc[j];
        fill[j] = start[j];
    }
    size_t *succ = arena_alloc(a, (start[n] ? start[n] : 1) * sizeof *succ);
    for (size_t i = 0; i < n; i++) {
        for (int d = 0; d < 2; d++) {
            if (deps[i][d] >= 0) {
                succ[fill[deps[i][d]]++] = i;
            }
        }
    }
    size_t *order = arena_alloc(a, (n ? n : 1) * sizeof *order);
    bool *placed = arena_alloc(a, (n ? n : 1) * sizeof *placed);
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < n; i++) {
        if (indeg[i] == 0) {
            order[tail++] = i;
            placed[i] = true;
        }
    }
    while (head < tail) {
        size_t j = order[head++];
        for (size_t s = start[j]; s < start[j + 1]; s++) {
            if (--indeg[succ[s]] == 0 && !placed[succ[s]]) {
                order[tail++] = succ[s];
                placed[succ[s]] = true;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!placed[i]) {
            order[tail++] = i;
        }
    }
    return order;
}

static int64_t existing_id(Db *db, const char *strategy, const char *number)
{
    Stmt *s = db_prepare(db, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                             "WHERE s.slug = ?1 AND m.number = ?2");
    db_bind_text(s, 1, strategy);
    db_bind_text(s, 2, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

static int64_t version_of(Db *db, int64_t id)
{
    Stmt *s = db_prepare(db, "SELECT version FROM record WHERE id = ?1");
    db_bind_int(s, 1, id);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return v;
}

/* The file's name without directories, fit for a version comment. */
static const char *clean_filename(Arena *a, const char *name)
{
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++) {
        if (*p == '/' || *p == '\\') {
            base = p + 1;
        }
    }
    if (!*base || content_check_text(base, 200, false, "Filnavnet", NULL)) {
        return "fil";
    }
    return arena_strdup(a, base);
}

/* Save record r (as v) inside the open transaction; its result to *res. */
static int save_one(Db *db, Arena *a, const Viewer *v, const char *client, const char *comment, ImportRow *r,
                    IoRowResult *res, ImportReport *rep)
{
    const char *const *f = r->t.v;
    int64_t id = f[MF_STRATEGY] && f[MF_NUMBER] ? existing_id(db, f[MF_STRATEGY], f[MF_NUMBER]) : 0;
    int64_t before = id ? version_of(db, id) : 0, out_id = 0;
    FieldError *errs = NULL;
    size_t nerr = 0;
    Err e = {0};
    int rc = measure_save(db, a, v, client, id, &r->t, 0, comment, &out_id, &errs, &nerr, &e);
    if (rc == E_DB) {
        return rc;
    }
    if (rc) {
        for (size_t i = 0; i < nerr; i++) {
            io_problem(a, rep, r->line, errs[i].field >= 0 ? g_measure_fields[errs[i].field].name : NULL,
                       errs[i].msg);
        }
        if (nerr == 0) {
            io_problem(a, rep, r->line, NULL, arena_strdup(a, e.msg));
        }
        res->action = IO_INVALID;
        return 0;
    }
    res->action = !id ? IO_CREATE : version_of(db, id) != before ? IO_CHANGE : IO_UNCHANGED;
    if (res->action == IO_CHANGE && rep->change < IO_PREVIEW_ROWS) {
        /* What changes, field by field: the version the save just wrote. */
        MeasureVersion *vers;
        size_t nv = 0;
        if (measure_versions(db, a, v, id, &vers, &nv, NULL) == 0 && nv) {
            res->changes = vers[0].changes;
            res->nchanges = vers[0].nchanges;
        }
    }
    rep->create += res->action == IO_CREATE;
    rep->change += res->action == IO_CHANGE;
    rep->unchanged += res->action == IO_UNCHANGED;
    return 0;
}

int measure_import(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *filename,
                   const char *data, size_t len, bool apply, ImportReport *rep, Err *e)
{
    memset(rep, 0, sizeof *rep);
    if (!v || !measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å importere tiltak."));
    }
    ImportRow *recs = NULL;
    size_t n = 0;
    bool ok;
    if (f == IO_JSON) {
        ok = json_read(a, data ? data : "", len, rep, &recs, &n);
    } else {
        IoSheet sh = {0};
        Err xe = {0};
        if (f == IO_XLSX) {
            ok = measure_xlsx_read(a, data ? data : "", len, &sh, &xe) == 0;
            if (!ok) {
                io_problem(a, rep, 0, NULL, arena_strdup(a, xe.msg));
            }
        } else {
            ok = measure_csv_read(a, data ? data : "", len, &sh, rep);
        }
        ok = ok && sheet_records(a, &sh, f == IO_XLSX, rep, &recs, &n);
    }
    if (!ok) {
        finish_problems(a, rep);
        return err_set(e, E_INVALID, "%s", rep->problems[0].msg);
    }
    rep->rows = arena_alloc(a, (n ? n : 1) * sizeof *rep->rows);
    rep->nrows = rep->cap_rows = n;
    for (size_t i = 0; i < n; i++) {
        const char *const *t = recs[i].t.v;
        rep->rows[i] = (IoRowResult){recs[i].line, t[MF_STRATEGY] ? t[MF_STRATEGY] : "",
                                     t[MF_NUMBER] ? t[MF_NUMBER] : "", t[MF_TITLE] ? t[MF_TITLE] : "", IO_INVALID};
    }
    labels_to_codes(db, a, recs, n);
    size_t *order = plan(a, recs, n, rep);
    const char *name = clean_filename(a, filename);
    const char *comment = arena_printf(a, "Importert fra %s", name);
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        ImportRow *r = &recs[order[i]];
        if (!r->bad) {
            rc = save_one(db, a, v, client, comment, r, &rep->rows[order[i]], rep);
        }
    }
    if (!rc && rep->nproblems == 0 && apply) {
        rc = audit_append(db, v, client, "measure.import", "measure", NULL,
                          arena_printf(a, "%s: %zu opprettet, %zu endret, %zu uendret", name, rep->create,
                                       rep->change, rep->unchanged), e);
        if (!rc) {
            rc = db_commit(db, e);
        }
        rep->applied = rc == 0;
    }
    if (!rep->applied) {
        db_rollback(db);
    }
    if (rc) {
        return err_set(e, E_DB, N_("Importen kunne ikke lagres."));
    }
    finish_problems(a, rep);
    if (rep->nproblems) {
        return err_set(e, E_INVALID, "%s", rep->problems[0].msg);
    }
    return 0;
}

/* ---- export ---------------------------------------------------------------- */

/* The value of field k as people read it in lang (labels of codes). */
static const char *value_label(int lang, int k, const char *v, const MeasureStatus *sts, size_t nst)
{
    if (!v || !*v) {
        return v;
    }
    if (k == MF_STATUS) {
        for (size_t i = 0; i < nst; i++) {
            if (str_eq(sts[i].code, v)) {
                return i18n_pick(lang, sts[i].label, sts[i].label_nn, sts[i].label_en);
            }
        }
    } else if (k == MF_PRIORITY) {
        return i18n_get(lang, priority_label(v));
    } else if (k == MF_VISIBILITY) {
        return i18n_get(lang, visibility_label(v));
    } else if (k == MF_ROLLUP) {
        return i18n_get(lang, str_eq(v, "weighted") ? "Vektet gjennomsnitt" : "Gjennomsnitt");
    }
    return v;
}

int measure_export(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *slug, Buf *out,
                   size_t *count, Err *e)
{
    return measure_export_lang(db, a, v, client, f, slug, -1, out, count, e);
}

int measure_export_lang(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *slug, int lang,
                        Buf *out, size_t *count, Err *e)
{
    *count = 0;
    MeasureFilter flt = {0};
    if (slug) {
        Strategy st;
        if (strategy_get(db, a, v, slug, &st, NULL)) {
            return err_set(e, E_NOTFOUND, N_("Ukjent strategiperiode."));
        }
        flt.strategy_id = st.id;
    }
    Measure *ms;
    size_t n;
    if (measure_list(db, a, v, &flt, &ms, &n, e)) {
        return E_DB;
    }
    MeasureText *rows = arena_alloc(a, (n ? n : 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        if (measure_text_get(db, a, v, ms[i].id, &rows[i], e)) {
            return err_set(e, E_DB, N_("Tiltak %s kunne ikke leses."), ms[i].number);
        }
        if (ms[i].masked) {
            /* Only the public face, as on the measure's page. */
            static const int hidden[] = {MF_DESCRIPTION, MF_RESPONSIBLE, MF_DEVELOPMENT_AREAS, MF_DIRECTIONS,
                                         MF_MILESTONES, MF_EXEMPTION_BASIS};
            for (size_t k = 0; k < COUNT(hidden); k++) {
                rows[i].v[hidden[k]] = "";
            }
        }
    }
    const char **head = NULL;
    if (lang >= 0 && lang < LANG_COUNT && f != IO_JSON) {
        MeasureStatus *sts = NULL;
        size_t nst = 0;
        measure_status_list(db, a, &sts, &nst, NULL);
        head = arena_alloc(a, MF_COUNT * sizeof *head);
        for (int k = 0; k < MF_COUNT; k++) {
            head[k] = i18n_get(lang, g_measure_fields[k].label);
        }
        for (size_t i = 0; i < n; i++) {
            static const int coded[] = {MF_STATUS, MF_PRIORITY, MF_VISIBILITY, MF_ROLLUP};
            for (size_t j = 0; j < COUNT(coded); j++) {
                rows[i].v[coded[j]] = value_label(lang, coded[j], rows[i].v[coded[j]], sts, nst);
            }
        }
    }
    size_t mark = out->len;
    if (f == IO_CSV) {
        measure_csv_write(out, rows, n, head);
    } else if (f == IO_JSON) {
        json_write(out, rows, n);
    } else if (measure_xlsx_write(a, rows, n, head, out, e)) {
        return E_IO;
    }
    int rc = audit_append(db, v, client, "measure.export", "measure", NULL,
                          arena_printf(a, "format=%s count=%zu strategy=%s", measure_io_ext(f), n,
                                       slug ? slug : "alle"), e);
    if (rc) {
        /* An export that is not logged is not given out. */
        out->len = mark;
        if (out->data) {
            out->data[mark] = 0;
        }
        return E_DB;
    }
    *count = n;
    return 0;
}
