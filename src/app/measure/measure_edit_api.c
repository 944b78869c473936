/* measure_edit_api.c: creating and changing measures, their history and
 * the status list (JSON), and the status admin page.  Thin over
 * measure_edit.c and status.c. */
#include <string.h>

#include "app/core/api.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure_edit.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* The body's fields into t; keys other than the field names, "comment"
 * and "version" are an error, as are values that are not strings or
 * numbers.  Returns 0 or the status of the error answer it wrote. */
static int body_text(Req *r, MeasureText *t, const char **comment, int64_t *version)
{
    memset(t, 0, sizeof *t);
    *comment = NULL;
    *version = 0;
    json_error_t je;
    json_t *o = r->body_in ? json_loadb(r->body_in, r->body_in_len, JSON_REJECT_DUPLICATES, &je) : NULL;
    if (!json_is_object(o)) {
        json_decref(o);
        return api_error(r, 400, "invalid", "the body must be a JSON object of measure fields");
    }
    const char *key;
    json_t *val;
    int rc = 0;
    json_object_foreach(o, key, val) {
        int k = measure_field_index(key);
        const char *text = json_is_string(val) ? json_string_value(val)
                         : json_is_integer(val) ? arena_printf(r->arena, "%lld", (long long)json_integer_value(val))
                         : json_is_null(val) ? "" : NULL;
        if (str_eq(key, "version")) {
            if (!json_is_integer(val) || json_integer_value(val) < 1) {
                rc = api_error(r, 400, "invalid", "version must be a positive integer (the version you read)");
                break;
            }
            *version = json_integer_value(val);
        } else if (str_eq(key, "comment") && json_is_string(val)) {
            *comment = arena_strdup(r->arena, text);
        } else if (k < 0 || !text) {
            rc = api_error(r, 400, "invalid", arena_printf(r->arena, "unknown field or bad value: %s", key));
            break;
        } else {
            t->v[k] = arena_strdup(r->arena, text);
        }
    }
    json_decref(o);
    return rc;
}

static int save_error(Req *r, const Err *e, const FieldError *errs, size_t nerr)
{
    if (e->code != E_INVALID || !nerr) {
        int st = e->code == E_FORBIDDEN ? 403 : e->code == E_NOTFOUND ? 404 : e->code == E_CONFLICT ? 409
               : e->code == E_INVALID ? 400 : 500;
        return api_error(r, st, err_name(e->code), e->msg);
    }
    json_t *list = json_array();
    for (size_t i = 0; i < nerr; i++) {
        json_array_append_new(list, json_pack("{s:s,s:s}", "field",
                                              errs[i].field >= 0 ? g_measure_fields[errs[i].field].name : "",
                                              "message", errs[i].msg));
    }
    return api_json(r, 400, json_pack("{s:{s:s,s:s,s:o}}", "error", "code", "invalid", "message", errs[0].msg,
                                      "fields", list));
}

int measure_create_api(Req *r)
{
    MeasureText t;
    const char *comment;
    int64_t version;
    int st = body_text(r, &t, &comment, &version);
    if (st) {
        return st;
    }
    FieldError *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (measure_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, comment, &id, &errs, &nerr, &e)) {
        return save_error(r, &e, errs, nerr);
    }
    r->args[0] = arena_printf(r->arena, "%lld", (long long)id);
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/measures/%lld", (long long)id));
    measure_show_api(r);
    return req_status(r, 201);
}

int measure_update_api(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no measure with this id");
    }
    MeasureText t;
    const char *comment;
    int64_t version;
    int st = body_text(r, &t, &comment, &version);
    if (st) {
        return st;
    }
    FieldError *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (measure_save(r->db, r->arena, r->viewer, r->client, id, &t, version, comment, &out, &errs, &nerr, &e)) {
        return save_error(r, &e, errs, nerr);
    }
    return measure_show_api(r);
}

int measure_history_api(Req *r)
{
    long long id;
    MeasureVersion *v;
    size_t n;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_versions(r->db, r->arena, r->viewer, id, &v, &n, NULL)) {
        return api_error(r, 404, "not_found", "no measure with this id");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *ch = json_array();
        for (size_t k = 0; k < v[i].nchanges; k++) {
            json_array_append_new(ch, json_pack("{s:s,s:s,s:s}", "field", v[i].changes[k].field, "from",
                                                v[i].changes[k].from, "to", v[i].changes[k].to));
        }
        json_array_append_new(items, json_pack("{s:i,s:s,s:s,s:s,s:o}", "version", v[i].version, "at", v[i].at, "actor",
                                               v[i].actor, "comment", v[i].comment, "changes", ch));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int status_list_api(Req *r)
{
    MeasureStatus *st;
    size_t n;
    if (measure_status_list(r->db, r->arena, &st, &n, NULL)) {
        return api_error(r, 500, "database", "reading statuses failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:s,s:s,s:i,s:s,s:b}", "code", st[i].code, "label", st[i].label,
                                               "default_progress", st[i].default_progress, "color", st[i].color,
                                               "active", st[i].active));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

/* A tag colour's name (a msgid). */
static const char *color_label(const char *color)
{
    static const char *const names[][2] = {{"neutral", N_("Nøytral")}, {"info", N_("Blå")},
                                           {"success", N_("Grønn")},   {"warning", N_("Gul")},
                                           {"danger", N_("Rød")},      {"accent", N_("Mørk blå")},
                                           {"brand1", N_("Grønnblå")}, {"brand2", N_("Lilla")}};
    for (size_t i = 0; i < COUNT(names); i++) {
        if (str_eq(color, names[i][0])) {
            return names[i][1];
        }
    }
    return color;
}

static int status_page(Req *r, const char *error, int code)
{
    Buf *b = &r->body;
    MeasureStatus *st;
    size_t n = 0;
    measure_status_list(r->db, r->arena, &st, &n, NULL);
    r->title = T(r, "Statuser for tiltak");
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, T(r, "Statuser"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Når status endres uten at fremdrift er oppgitt, får tiltaket statusens standard fremdrift."));
    view_form_error(b, error ? TMSG(r, error) : NULL);
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Statuser"), T(r, "Kode"), T(r, "Navn"), T(r, "Nynorsk"), T(r, "Engelsk"), T(r, "Standard fremdrift"),
                T(r, "Farge"), T(r, "I bruk"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><code>%s</code></td><td><span class=\"ds-tag\" data-color=\"%s\" lang=\"nb\">%s</span>"
                       "</td><td lang=\"nn\">%s</td><td lang=\"en\">%s</td><td>%d %%</td><td>%s</td><td>%s</td></tr>",
                    st[i].code, st[i].color, st[i].label, st[i].label_nn ? st[i].label_nn : "–",
                    st[i].label_en ? st[i].label_en : "–", st[i].default_progress, T(r, color_label(st[i].color)),
                    st[i].active ? T(r, "Ja") : T(r, "Nei"));
    }
    html_printf(b, "</tbody></table></div><h2 class=\"ds-heading\" data-size=\"md\">%s</h2>"
                   "<form class=\"form-narrow\" method=\"post\" action=\"/admin/statuses\">",
                T(r, "Legg til eller endre"));
    view_csrf(b, r);
    view_text_field(b, "code", T(r, "Kode"), params_get(&r->form, "code"), "text", "off",
                    T(r, "En eksisterende kode endrer statusen; en ny kode legger den til"), NULL, true);
    view_text_field(b, "label", T(r, "Navn (bokmål)"), params_get(&r->form, "label"), "text", "off", NULL, NULL, true);
    view_text_field(b, "label_nn", T(r, "Navn på nynorsk"), params_get(&r->form, "label_nn"), "text", "off",
                    T(r, "Tom: navnet på bokmål vises"), NULL, false);
    view_text_field(b, "label_en", T(r, "Navn på engelsk"), params_get(&r->form, "label_en"), "text", "off",
                    T(r, "Tom: navnet på bokmål vises"), NULL, false);
    view_text_field(b, "default_progress", T(r, "Standard fremdrift (0–100)"), params_get(&r->form, "default_progress"),
                    "text", "off", NULL, NULL, true);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"color\">%s</label>"
                   "<select class=\"ds-input\" id=\"color\" name=\"color\">", T(r, "Farge"));
    static const char *const colors[] = {"neutral", "info", "success", "warning", "danger", "accent", "brand1", "brand2"};
    for (size_t i = 0; i < COUNT(colors); i++) {
        view_option(b, colors[i], T(r, color_label(colors[i])), str_eq(params_get(&r->form, "color"), colors[i]));
    }
    html_printf(b, "</select></div><div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"active\" "
                   "name=\"active\" value=\"1\" checked><label class=\"ds-label\" for=\"active\">%s</label></div>"
                   "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "I bruk"), T(r, "Lagre status"));
    return req_status(r, code);
}

int status_admin_page(Req *r)
{
    return status_page(r, NULL, 200);
}

int status_admin_post(Req *r)
{
    Err e = {0};
    if (measure_status_save(r->db, r->viewer, r->client, params_get(&r->form, "code"), params_get(&r->form, "label"),
                            params_get(&r->form, "label_nn"), params_get(&r->form, "label_en"),
                            params_get(&r->form, "default_progress"), params_get(&r->form, "color"),
                            str_eq(params_get(&r->form, "active"), "1"), &e)) {
        return status_page(r, e.msg, e.code == E_FORBIDDEN ? 403 : 400);
    }
    return req_redirect(r, "/admin/statuses");
}
