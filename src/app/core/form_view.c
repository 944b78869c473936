/* form_view.c: see form_view.h. */
#include "app/core/form_view.h"

#include <stdint.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

void fv_add(FormErrors *fe, const char *field, const char *text)
{
    if (fe->n < COUNT(fe->v)) {
        fe->v[fe->n++] = (FormError){field, text};
    }
}

const char *fv_msg(Req *r, const char *msg, const char *arg)
{
    if (!msg) {
        return "";
    }
    if (!arg) {
        return TMSG(r, msg);
    }
    /* The translated format with its one %s replaced by the argument (no
     * printf on a format that is not a literal). */
    const char *t = T(r, msg);
    const char *s = strstr(t, "%s");
    return s ? arena_printf(r->arena, "%.*s%s%s", (int)(s - t), t, arg, s + 2) : t;
}

const char *fv_problem_text(Req *r, const FormProblem *p)
{
    return fv_msg(r, p->msg, p->arg);
}

void fv_problems(Req *r, FormErrors *fe, const FormProblem *p, size_t n, const char *const *names)
{
    for (size_t i = 0; i < n; i++) {
        fv_add(fe, p[i].field >= 0 ? names[p[i].field] : NULL, fv_problem_text(r, &p[i]));
    }
}

const char *fv_error_text(Req *r, const Err *e)
{
    return e->code == E_DB || !e->msg[0] ? T(r, "Noe gikk galt. Prøv igjen om litt.") : TMSG(r, e->msg);
}

int fv_status(const Err *e)
{
    switch (e->code) {
    case E_NOTFOUND: return 404;
    case E_FORBIDDEN: return 403;
    case E_CONFLICT: return 409;
    case E_INVALID: return 400;
    }
    return 500;
}

void fv_error_summary(Req *r, const FormErrors *fe, const char *heading)
{
    Buf *b = &r->body;
    if (!fe || !fe->n) {
        return;
    }
    html_printf(b, "<div class=\"ds-error-summary\" role=\"alert\" aria-labelledby=\"error-summary-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"xs\" id=\"error-summary-h\">%s</h2><ul class=\"ds-list\">",
                heading ? heading : T(r, "Rett opp før du lagrer"));
    for (size_t i = 0; i < fe->n; i++) {
        if (fe->v[i].field && *fe->v[i].field) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"#%s\">%s</a></li>", fe->v[i].field, fe->v[i].text);
        } else {
            html_printf(b, "<li>%s</li>", fe->v[i].text);
        }
    }
    html_printf(b, "</ul></div>");
}

const char *fv_error_of(const FormErrors *fe, const char *field)
{
    for (size_t i = 0; fe && i < fe->n; i++) {
        if (str_eq(fe->v[i].field, field)) {
            return fe->v[i].text;
        }
    }
    return NULL;
}

/* ---- fields --------------------------------------------------------------------- */

/* The aria attributes of a field with an optional hint and error; built
 * here from ids the code chose, so written as trusted markup. */
static void described(Req *r, const char *id, const char *hint, const char *err)
{
    const char *s = hint && err ? arena_printf(r->arena, " aria-describedby=\"%s-desc %s-err\" aria-invalid=\"true\"", id, id)
                    : err       ? arena_printf(r->arena, " aria-describedby=\"%s-err\" aria-invalid=\"true\"", id)
                    : hint      ? arena_printf(r->arena, " aria-describedby=\"%s-desc\"", id)
                                : "";
    html_safe(&r->body, (SafeHtml){s});
}

static void label_and_hint(Req *r, const char *id, const char *label, const char *hint)
{
    html_printf(&r->body, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>", id, label);
    if (hint) {
        html_printf(&r->body, "<div data-field=\"description\" id=\"%s-desc\">%s</div>", id, hint);
    }
}

static void error_line(Req *r, const char *id, const char *err)
{
    if (err) {
        html_printf(&r->body, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"%s-err\">%s</p>", id,
                    err);
    }
}

void fv_text(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *type,
             const char *err, bool required)
{
    view_text_field(&r->body, id, label, value ? value : "", type ? type : "text", "off", hint, err, required);
}

void fv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
                 int rows, bool required)
{
    Buf *b = &r->body;
    label_and_hint(r, id, label, hint);
    html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"%s\" rows=\"%d\"", id, id, rows);
    described(r, id, hint, err);
    html_printf(b, "%s>%s</textarea>", required ? " required" : "", value ? value : "");
    error_line(r, id, err);
    html_printf(b, "</div>");
}

void fv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err)
{
    label_and_hint(r, id, label, hint);
    html_printf(&r->body, "<select class=\"ds-input\" id=\"%s\" name=\"%s\"", id, id);
    described(r, id, hint, err);
    html_printf(&r->body, ">");
}

void fv_select_close(Req *r, const char *id, const char *err)
{
    html_printf(&r->body, "</select>");
    error_line(r, id, err);
    html_printf(&r->body, "</div>");
}

void fv_code_select(Req *r, const char *id, const char *label, const char *hint, const char *const *codes,
                    const char *(*label_of)(const char *), const char *value, const char *empty, const char *err)
{
    fv_select_open(r, id, label, hint, err);
    if (empty) {
        view_option(&r->body, "", empty, !value || !*value);
    }
    for (size_t i = 0; codes[i]; i++) {
        view_option(&r->body, codes[i], T(r, label_of(codes[i])), str_eq(value, codes[i]));
    }
    fv_select_close(r, id, err);
}

void fv_ministry_select(Req *r, const char *id, const char *label, const char *hint, const MinistryOption *m,
                        size_t n, const char *value, const char *empty, const char *err)
{
    fv_select_open(r, id, label, hint, err);
    if (empty) {
        view_option(&r->body, "", empty, !value || !*value);
    }
    for (size_t i = 0; i < n; i++) {
        view_option(&r->body, m[i].code, TPICK(r, m[i].name, m[i].name_nn, m[i].name_en), str_eq(value, m[i].code));
    }
    fv_select_close(r, id, err);
}

static void fieldset_open(Req *r, const char *id, const char *legend, const char *hint, const char *err)
{
    Buf *b = &r->body;
    html_printf(b, "<fieldset class=\"ds-fieldset\"");
    if (hint || err) {
        html_printf(b, " aria-describedby=\"%s\"", hint && err ? arena_printf(r->arena, "%s-desc %s-err", id, id)
                                                    : arena_printf(r->arena, "%s-%s", id, hint ? "desc" : "err"));
    }
    html_printf(b, "><legend class=\"ds-label\">%s</legend>", legend);
    if (hint) {
        html_printf(b, "<div data-field=\"description\" id=\"%s-desc\">%s</div>", id, hint);
    }
}

static void fieldset_close(Req *r, const char *id, const char *err)
{
    error_line(r, id, err);
    html_printf(&r->body, "</fieldset>");
}

void fv_radios(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
               const char *(*label_of)(const char *), const char *value, const char *err)
{
    fieldset_open(r, id, legend, hint, err);
    for (size_t i = 0; codes[i]; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, codes[i]);
        html_printf(&r->body, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" id=\"%s\" name=\"%s\" "
                              "value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s</label></div>",
                    box, id, codes[i], str_eq(value, codes[i]) ? " checked" : "", box, T(r, label_of(codes[i])));
    }
    fieldset_close(r, id, err);
}

void fv_boxes(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
              const char *(*label_of)(const char *), const char *checked, const char *err)
{
    fieldset_open(r, id, legend, hint, err);
    for (size_t i = 0; codes[i]; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, codes[i]);
        html_printf(&r->body, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" "
                              "name=\"%s\" value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">"
                              "%s</label></div>",
                    box, id, codes[i], fv_in_list(checked, codes[i]) ? " checked" : "", box, T(r, label_of(codes[i])));
    }
    fieldset_close(r, id, err);
}

void fv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *const *why, const char *err)
{
    Buf *b = &r->body;
    fieldset_open(r, id, legend, hint, err);
    html_printf(b, "<div class=\"box-grid\">");
    for (size_t i = 0; i < n; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, m[i].code);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" name=\"%s\" "
                       "value=\"%s\"%s", box, id, m[i].code, fv_in_list(checked, m[i].code) ? " checked" : "");
        if (why && why[i]) {
            html_printf(b, " aria-describedby=\"%s-why\"", box);
        }
        html_printf(b, "><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s</label>", box,
                    TPICK(r, m[i].name, m[i].name_nn, m[i].name_en));
        if (why && why[i]) {
            html_printf(b, "<div data-field=\"description\" id=\"%s-why\">%s</div>", box, why[i]);
        }
        html_printf(b, "</div>");
    }
    html_printf(b, "</div>");
    fieldset_close(r, id, err);
}

void fv_visibility(Req *r, const char *value, const char *hint, const char *restricted_help, const char *err)
{
    Buf *b = &r->body;
    static const struct {
        const char *value, *label, *help;
    } opts[] = {{"public", N_("Åpen"), N_("Alle, også på de offentlige sidene")},
                {"internal", N_("Intern"), N_("Alle innloggede ansatte i departementene")},
                {"restricted", N_("Begrenset tilgang"), NULL}};
    fieldset_open(r, "visibility", T(r, "Hvem kan lese?"), hint, err);
    for (size_t i = 0; i < COUNT(opts); i++) {
        const char *box = i == 0 ? "visibility" : arena_printf(r->arena, "vis-%s", opts[i].value);
        const char *help = opts[i].help ? T(r, opts[i].help) : restricted_help;
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"visibility\" "
                       "id=\"%s\" value=\"%s\"", box, opts[i].value);
        if (help) {
            html_printf(b, " aria-describedby=\"vis-%s-d\"", opts[i].value);
        }
        html_printf(b, "%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s</label>",
                    str_eq(value, opts[i].value) ? " checked" : "", box, T(r, opts[i].label));
        if (help) {
            html_printf(b, "<div data-field=\"description\" id=\"vis-%s-d\">%s</div>", opts[i].value, help);
        }
        html_printf(b, "</div>");
    }
    fieldset_close(r, "visibility", err);
}

void fv_marking(Req *r, const char *visibility, const char *basis, const char *public_title,
                const char *restricted_help, const char *basis_hint, const char *err)
{
    Buf *b = &r->body;
    fv_visibility(r, visibility, NULL, restricted_help, err);
    fv_select_open(r, "exemption_basis", T(r, "Unntatt offentlighet"),
                   basis_hint ? basis_hint
                              : T(r, "Hjemmel i offentleglova. Unntatt innhold vises aldri med sin egentlige tittel på "
                                     "de offentlige sidene."),
                   NULL);
    view_option(b, "", T(r, "Ikke unntatt"), !basis || !*basis);
    ExemptionBasis *eb;
    size_t ne = 0;
    exemption_basis_list(r->db, r->arena, &eb, &ne, NULL);
    for (size_t i = 0; i < ne; i++) {
        view_option(b, eb[i].code, arena_printf(r->arena, "%s – %s", eb[i].label, T(r, eb[i].description)),
                    str_eq(basis, eb[i].code));
    }
    fv_select_close(r, "exemption_basis", NULL);
    fv_text(r, "public_title", T(r, "Offentlig tittel"),
            T(r, "Vises offentlig i stedet for den egentlige tittelen. La stå tom for å skjule innholdet helt."),
            public_title, "text", NULL, false);
}

const char *fv_form_list(Req *r, const char *name)
{
    Buf b = {0};
    for (size_t i = 0; i < r->form.n; i++) {
        if (str_eq(r->form.v[i].name, name) && *r->form.v[i].value) {
            buf_printf(&b, "%s%s", b.len ? ", " : "", r->form.v[i].value);
        }
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

bool fv_in_list(const char *list, const char *code)
{
    if (!list || !code || !*code) {
        return false;
    }
    size_t n = strlen(code);
    for (const char *p = list; (p = strstr(p, code)); p += n) {
        bool start = p == list || p[-1] == ' ' || p[-1] == ',';
        bool end = p[n] == 0 || p[n] == ',' || p[n] == ' ';
        if (start && end) {
            return true;
        }
    }
    return false;
}
