/* measure_io_page.c: import and export of measures — the pages
 * (/measures/export, /measures/import) and the API
 * (/api/v1/measures/export, /api/v1/measures/import).  Thin over
 * measure_io.c; no SQL here.
 *
 * Downloads come from the API route: the router wraps every page route
 * in the site layout, so GET /measures/export?format=… checks its
 * parameters and sends the browser on (303) to the API URL, which answers
 * with the file and Content-Disposition: attachment.
 */
#include <string.h>

#include "app/core/api.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure_io.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/multipart.h"
#include "base/util.h"

static const char *const FORMAT_LABELS[] = {[IO_CSV] = N_("CSV (Excel, semikolon)"),
                                            [IO_XLSX] = N_("XLSX (Excel-regneark)"), [IO_JSON] = "JSON"};

/* ---- export ------------------------------------------------------------------- */

/* Format and strategy from the query: 0, 1 for a bad format, 2 for an
 * unknown strategy. */
static int export_params(Req *r, IoFormat *f, const char **slug)
{
    const char *format = params_get(&r->query, "format");
    *slug = params_get(&r->query, "strategy");
    if (*slug && !**slug) {
        *slug = NULL;
    }
    Strategy st;
    if (!format || !measure_io_format(format, f)) {
        return 1;
    }
    return *slug && strategy_get(r->db, r->arena, r->viewer, *slug, &st, NULL) ? 2 : 0;
}

static void export_form(Req *r)
{
    Buf *b = &r->body;
    Strategy *all;
    size_t ns = 0;
    strategy_list(r->db, r->arena, r->viewer, &all, &ns, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"get\" action=\"/measures/export\">"
                   "<div class=\"ds-field\"><label class=\"ds-label\" for=\"strategy\">%s</label>"
                   "<select class=\"ds-input\" id=\"strategy\" name=\"strategy\">", T(r, "Strategiperiode"));
    view_option(b, "", T(r, "Alle strategiperioder"), true);
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].slug, all[i].period, false);
    }
    html_printf(b, "</select></div><fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">%s</legend>",
                T(r, "Format"));
    for (int f = IO_CSV; f <= IO_JSON; f++) {
        const char *ext = measure_io_ext((IoFormat)f);
        if (f == IO_CSV) {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"format\" "
                           "id=\"format-%s\" value=\"%s\" checked>", ext, ext);
        } else {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"format\" "
                           "id=\"format-%s\" value=\"%s\">", ext, ext);
        }
        html_printf(b, "<label class=\"ds-label\" for=\"format-%s\">%s</label></div>", ext, T(r, FORMAT_LABELS[f]));
    }
    html_printf(b, "</fieldset><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button>"
                   "</form>", T(r, "Last ned"));
}

int measure_export_page(Req *r)
{
    IoFormat f;
    const char *slug;
    if (params_get(&r->query, "format")) {
        int bad = export_params(r, &f, &slug);
        if (bad) {
            return view_error(r, 400, bad == 1 ? T(r, "Ukjent format; velg csv, xlsx eller json.")
                                                : T(r, "Strategiperioden finnes ikke."));
        }
        /* People get headers and values in their language (lang=); the API's default is the codes. */
        return req_redirect(r, arena_printf(r->arena, "/api/v1/measures/export?format=%s%s%s%s%s", measure_io_ext(f),
                                            slug ? "&strategy=" : "", slug ? url_enc(r->arena, slug) : "",
                                            f == IO_JSON ? "" : "&lang=", f == IO_JSON ? "" : i18n_code(r->lang)));
    }
    r->title = T(r, "Eksporter tiltak");
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, T(r, "Eksporter"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Filen inneholder tiltakene du har tilgang til å se, med én kolonne per felt. Alle eksporter blir "
                     "logget."));
    export_form(r);
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/measures/import\">%s</a></p>",
                    T(r, "Importer tiltak fra en fil"));
    }
    return 200;
}

int measure_export_api(Req *r)
{
    IoFormat f;
    const char *slug;
    int bad = export_params(r, &f, &slug);
    if (bad) {
        return api_error(r, 400, "invalid", bad == 1 ? "format must be csv, xlsx or json" : "unknown strategy");
    }
    size_t n;
    Err e = {0};
    const char *lang = params_get(&r->query, "lang");
    int l = str_eq(lang, "nb") ? LANG_NB : str_eq(lang, "nn") ? LANG_NN : str_eq(lang, "en") ? LANG_EN : -1;
    if (lang && l < 0) {
        return api_error(r, 400, "invalid", "lang must be nb, nn or en");
    }
    buf_reset(&r->body);
    if (measure_export_lang(r->db, r->arena, r->viewer, r->client, f, slug, l, &r->body, &n, &e)) {
        buf_reset(&r->body);
        return api_error(r, 500, "internal", "the export failed");
    }
    r->content_type = measure_io_mime(f);
    req_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"",
                                                      measure_io_filename(r->arena, f, slug)));
    r->raw = true;
    return req_status(r, 200);
}

/* ---- import ------------------------------------------------------------------- */

static void import_form(Req *r)
{
    Buf *b = &r->body;
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures/import\" "
                   "enctype=\"multipart/form-data\">");
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"file\">%s</label>"
                   "<div data-field=\"description\" id=\"file-desc\">%s</div><input class=\"ds-input\" type=\"file\" "
                   "id=\"file\" name=\"file\" required accept=\".csv,.xlsx,.json,text/csv,application/json\" "
                   "aria-describedby=\"file-desc\"></div>"
                   "<p class=\"ds-paragraph actions\"><button class=\"ds-button\" data-variant=\"primary\" "
                   "type=\"submit\" name=\"action\" value=\"check\">%s</button> "
                   "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\" name=\"action\" "
                   "value=\"apply\">%s</button></p></form>",
                T(r, "Fil"),
                T(r, "CSV, XLSX eller JSON med én kolonne per felt, som i en eksport. Tiltak med samme strategiperiode "
                     "og nummer blir endret, andre blir opprettet."),
                T(r, "Bare kontroller"), T(r, "Importer"));
}

static int import_page(Req *r, const char *error, int status)
{
    r->title = T(r, "Importer tiltak");
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, T(r, "Importer"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>"
                          "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/measures/export\">%s</a> %s</p>",
                r->title, T(r, "Hele filen blir kontrollert først. Har den feil, blir ingenting lagret."),
                T(r, "Eksporter tiltakene"), T(r, "for å få en fil med riktige kolonner."));
    view_form_error(&r->body, error);
    import_form(r);
    return req_status(r, status);
}

int measure_import_page(Req *r)
{
    return import_page(r, NULL, 200);
}

static const char *action_label(IoAction a)
{
    return a == IO_CREATE ? N_("Nytt") : a == IO_CHANGE ? N_("Endres") : a == IO_UNCHANGED ? N_("Uendret") : N_("Feil");
}

/* The checked file travels back in the confirmation form as hex, so it can
 * be applied without choosing it again (binary XLSX included). */
static const char *hex_of(Arena *a, const char *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *out = arena_alloc(a, len * 2 + 1);
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[(unsigned char)data[i] >> 4];
        out[2 * i + 1] = digits[(unsigned char)data[i] & 15];
    }
    return out;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* hex back to bytes; false when it is not hex. */
static bool bytes_of_hex(Arena *a, const char *hex, const char **out, size_t *len)
{
    size_t n = strlen(hex);
    if (n % 2) {
        return false;
    }
    char *v = arena_alloc(a, n / 2 + 1);
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        v[i] = (char)(hi << 4 | lo);
    }
    *out = v;
    *len = n / 2;
    return true;
}

static void apply_form(Req *r, const char *filename, const char *data, size_t len)
{
    Buf *b = &r->body;
    html_printf(b, "<form method=\"post\" action=\"/measures/import\" enctype=\"multipart/form-data\">");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"checked-name\" value=\"%s\"><input type=\"hidden\" "
                   "name=\"checked-data\" value=\"%s\"><p class=\"ds-paragraph actions\"><button class=\"ds-button\" "
                   "data-variant=\"primary\" type=\"submit\" name=\"action\" value=\"apply\">%s</button></p></form>"
                   "<h2 class=\"ds-heading\" data-size=\"sm\">%s</h2>",
                filename, hex_of(r->arena, data, len), TF(r, "Importer «%s»", filename), T(r, "Eller velg en annen fil"));
}

static void report_html(Req *r, const ImportReport *rep)
{
    Buf *b = &r->body;
    if (rep->nproblems) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"danger\" role=\"alert\"><p class=\"ds-paragraph\">"
                       "%s %s</p></div>"
                       "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption>%s"
                       "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    TF(r, "Filen har %s.", arena_printf(r->arena, "%zu %s", rep->nproblems,
                                                        NT(r, "problem", "problemer", (long long)rep->nproblems))),
                    T(r, "Ingenting er lagret."),
                    T(r, "Problemer i filen"), T(r, "Linje"), T(r, "Kolonne"), T(r, "Problem"));
        for (size_t i = 0; i < rep->nproblems; i++) {
            const IoProblem *p = &rep->problems[i];
            if (p->line) {
                html_printf(b, "<tr><td class=\"num\">%d</td>", p->line);
            } else {
                html_printf(b, "<tr><td>%s</td>", T(r, "Hele filen"));
            }
            html_printf(b, "<td>%s</td><td>%s</td></tr>", p->column ? p->column : "–", TMSG(r, p->msg));
        }
        html_printf(b, "</tbody></table></div>");
        return;
    }
    if (rep->applied) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\"><p class=\"ds-paragraph\">"
                       "%s</p></div>",
                    TF(r, "Importert: %zu nye, %zu endret, %zu uendret.", rep->create, rep->change, rep->unchanged));
    } else {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\" role=\"status\"><p class=\"ds-paragraph\">"
                       "%s</p></div>",
                    TF(r, "Filen er i orden: %zu blir opprettet, %zu endret, %zu uendret. Ingenting er lagret ennå.",
                       rep->create, rep->change, rep->unchanged));
    }
    if (rep->create + rep->change == 0) {
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption>%s</caption><thead><tr>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Nye og endrede tiltak"), T(r, "Linje"), T(r, "Periode"), T(r, "Nr."), T(r, "Tittel"),
                T(r, "Endring"));
    for (size_t i = 0; i < rep->nrows; i++) {
        const IoRowResult *x = &rep->rows[i];
        if (x->action == IO_CREATE || x->action == IO_CHANGE) {
            html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s", x->line,
                        x->strategy, x->number, x->title, T(r, action_label(x->action)));
            if (x->nchanges) {
                /* Field by field: «Status: Planlagt → Pågår». */
                html_printf(b, "<ul class=\"plain-list change-list\">");
                for (size_t k = 0; k < x->nchanges; k++) {
                    const FieldChange *c = &x->changes[k];
                    html_printf(b, "<li>%s: <span class=\"diff-old\">%s</span> → %s</li>", T(r, c->field),
                                c->from && *c->from ? c->from : "–", c->to && *c->to ? c->to : "–");
                }
                html_printf(b, "</ul>");
            }
            html_printf(b, "</td></tr>");
        }
    }
    html_printf(b, "</tbody></table></div>");
}

int measure_import_post(Req *r)
{
    Multipart mp;
    Err e = {0};
    int rc = multipart_parse(r->arena, r->content_type_in, r->body_in, r->body_in_len, r->body_in_len, &mp, &e);
    if (rc) {
        return import_page(r, T(r, "Skjemaet kunne ikke leses. Last siden på nytt og prøv igjen."),
                           rc == E_TOOBIG ? 413 : 400);
    }
    const MultipartPart *file = multipart_get(&mp, "file");
    const char *name = NULL, *data = NULL;
    size_t len = 0;
    if (file && file->filename && file->len > 0) {
        name = file->filename;
        data = file->data;
        len = file->len;
    } else {
        /* The file checked a moment ago, sent back by apply_form. */
        const char *hex = multipart_text(r->arena, &mp, "checked-data");
        name = multipart_text(r->arena, &mp, "checked-name");
        if (!hex || !name || !*name || !bytes_of_hex(r->arena, hex, &data, &len) || len == 0) {
            return import_page(r, T(r, "Velg en fil å importere."), 400);
        }
    }
    bool apply = str_eq(multipart_text(r->arena, &mp, "action"), "apply");
    IoFormat f = measure_io_sniff(name, data, len);
    ImportReport rep;
    rc = measure_import(r->db, r->arena, r->viewer, r->client, f, name, data, len, apply, &rep, &e);
    if (rc == E_FORBIDDEN || rc == E_DB) {
        return view_error(r, rc == E_FORBIDDEN ? 403 : 500, TMSG(r, e.msg));
    }
    r->title = T(r, "Importer tiltak");
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, T(r, "Importer"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    report_html(r, &rep);
    if (!rc && !rep.applied && rep.create + rep.change > 0) {
        apply_form(r, name, data, len);
    }
    import_form(r);
    return req_status(r, rc ? 422 : 200);
}

/* The import report as the API's JSON document. */
static json_t *report_json(const ImportReport *rep)
{
    json_t *errors = json_array();
    for (size_t i = 0; i < rep->nproblems; i++) {
        const IoProblem *p = &rep->problems[i];
        json_array_append_new(errors, json_pack("{s:i,s:o,s:s}", "line", p->line, "column", api_str(p->column),
                                                "message", p->msg));
    }
    return json_pack("{s:b,s:o,s:I,s:I,s:I,s:b}", "valid", rep->nproblems == 0, "errors", errors, "create",
                     (json_int_t)rep->create, "change", (json_int_t)rep->change, "unchanged",
                     (json_int_t)rep->unchanged, "applied", rep->applied);
}

int measure_import_api(Req *r)
{
    const char *apply = params_get(&r->query, "apply");
    if (apply && !str_eq(apply, "0") && !str_eq(apply, "1")) {
        return api_error(r, 400, "invalid", "apply must be 0 or 1");
    }
    if (!r->body_in || r->body_in_len == 0) {
        return api_error(r, 400, "invalid", "send the file as the request body");
    }
    IoFormat f;
    const char *filename = params_get(&r->query, "filename");
    if (!measure_io_mime_format(r->content_type_in, &f)) {
        f = measure_io_sniff(filename, r->body_in, r->body_in_len);
    }
    ImportReport rep;
    Err e = {0};
    int rc = measure_import(r->db, r->arena, r->viewer, r->client, f, filename && *filename ? filename : "API",
                            r->body_in, r->body_in_len, str_eq(apply, "1"), &rep, &e);
    if (rc == E_FORBIDDEN) {
        return api_error(r, 403, "forbidden", e.msg);
    }
    if (rc == E_DB) {
        return api_error(r, 500, "internal", "the import failed");
    }
    return api_json(r, rc ? 422 : 200, report_json(&rep));
}
