/* consult_view.c: see consult_view.h. */
#include "app/consult/consult_view.h"

#include <stdint.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

void cv_add(FormErrors *fe, const char *field, const char *text)
{
    if (fe->n < COUNT(fe->v)) {
        fe->v[fe->n].field = field;
        fe->v[fe->n++].text = text;
    }
}

const char *cv_problem_text(Req *r, const FormProblem *p)
{
    if (!p->arg) {
        return TMSG(r, p->msg);
    }
    /* The translated format with its one %s replaced by the argument (no
     * printf on a format that is not a literal). */
    const char *t = T(r, p->msg);
    const char *s = strstr(t, "%s");
    return s ? arena_printf(r->arena, "%.*s%s%s", (int)(s - t), t, p->arg, s + 2) : t;
}

void cv_problems(Req *r, FormErrors *fe, const FormProblem *p, size_t n, const char *const *names)
{
    for (size_t i = 0; i < n; i++) {
        cv_add(fe, p[i].field >= 0 ? names[p[i].field] : NULL, cv_problem_text(r, &p[i]));
    }
}

const char *cv_error_text(Req *r, const Err *e)
{
    return e->code == E_DB || !e->msg[0] ? T(r, "Noe gikk galt. Prøv igjen om litt.") : TMSG(r, e->msg);
}

int cv_status(const Err *e)
{
    switch (e->code) {
    case E_NOTFOUND: return 404;
    case E_FORBIDDEN: return 403;
    case E_CONFLICT: return 409;
    case E_INVALID: return 400;
    }
    return 500;
}

void cv_error_summary(Req *r, const FormErrors *fe, const char *heading)
{
    Buf *b = &r->body;
    if (!fe || !fe->n) {
        return;
    }
    html_printf(b, "<div class=\"ds-error-summary\" role=\"alert\" aria-labelledby=\"error-summary-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"xs\" id=\"error-summary-h\">%s</h2><ul class=\"ds-list\">",
                heading ? heading : T(r, "Rett opp før du lagrer"));
    for (size_t i = 0; i < fe->n; i++) {
        if (fe->v[i].field) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"#%s\">%s</a></li>", fe->v[i].field, fe->v[i].text);
        } else {
            html_printf(b, "<li>%s</li>", fe->v[i].text);
        }
    }
    html_printf(b, "</ul></div>");
}

const char *cv_error_of(const FormErrors *fe, const char *field)
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

void cv_text(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *type,
             const char *err, bool required)
{
    view_text_field(&r->body, id, label, value ? value : "", type ? type : "text", "off", hint, err, required);
}

void cv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
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

void cv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err)
{
    label_and_hint(r, id, label, hint);
    html_printf(&r->body, "<select class=\"ds-input\" id=\"%s\" name=\"%s\"", id, id);
    described(r, id, hint, err);
    html_printf(&r->body, ">");
}

void cv_select_close(Req *r, const char *id, const char *err)
{
    html_printf(&r->body, "</select>");
    error_line(r, id, err);
    html_printf(&r->body, "</div>");
}

void cv_code_select(Req *r, const char *id, const char *label, const char *hint, const char *const *codes,
                    const char *(*label_of)(const char *), const char *value, const char *empty, const char *err)
{
    cv_select_open(r, id, label, hint, err);
    if (empty) {
        view_option(&r->body, "", empty, !value || !*value);
    }
    for (size_t i = 0; codes[i]; i++) {
        view_option(&r->body, codes[i], T(r, label_of(codes[i])), str_eq(value, codes[i]));
    }
    cv_select_close(r, id, err);
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

void cv_radios(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
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

void cv_boxes(Req *r, const char *id, const char *legend, const char *hint, const char *const *codes,
              const char *(*label_of)(const char *), const char *checked, const char *err)
{
    fieldset_open(r, id, legend, hint, err);
    for (size_t i = 0; codes[i]; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, codes[i]);
        html_printf(&r->body, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" "
                              "name=\"%s\" value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">"
                              "%s</label></div>",
                    box, id, codes[i], cv_in_list(checked, codes[i]) ? " checked" : "", box, T(r, label_of(codes[i])));
    }
    fieldset_close(r, id, err);
}

void cv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *const *why, const char *err)
{
    Buf *b = &r->body;
    fieldset_open(r, id, legend, hint, err);
    html_printf(b, "<div class=\"box-grid\">");
    for (size_t i = 0; i < n; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, m[i].code);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" name=\"%s\" "
                       "value=\"%s\"%s", box, id, m[i].code, cv_in_list(checked, m[i].code) ? " checked" : "");
        if (why && why[i]) {
            html_printf(b, " aria-describedby=\"%s-why\"", box);
        }
        html_printf(b, "><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s</label>", box,
                    cv_ministry(r, m[i].name, m[i].name_nn, m[i].name_en));
        if (why && why[i]) {
            html_printf(b, "<div data-field=\"description\" id=\"%s-why\">%s</div>", box, why[i]);
        }
        html_printf(b, "</div>");
    }
    html_printf(b, "</div>");
    fieldset_close(r, id, err);
}

void cv_marking(Req *r, const char *visibility, const char *basis, const char *public_title, const char *err)
{
    Buf *b = &r->body;
    static const struct {
        const char *value, *label, *help;
    } opts[] = {{"public", N_("Åpen"), N_("Alle, også på de offentlige sidene")},
                {"internal", N_("Intern"), N_("Alle innloggede ansatte i departementene")},
                {"restricted", N_("Begrenset tilgang"),
                 N_("Bare ansvarlig departement, og departementene saken sendes til på runde")}};
    fieldset_open(r, "visibility", T(r, "Hvem kan lese?"), NULL, err);
    for (size_t i = 0; i < COUNT(opts); i++) {
        const char *box = i == 0 ? "visibility" : arena_printf(r->arena, "vis-%s", opts[i].value);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"visibility\" "
                       "id=\"%s\" value=\"%s\" aria-describedby=\"vis-%s-d\"%s><label class=\"ds-label\" "
                       "data-weight=\"regular\" for=\"%s\">%s</label><div data-field=\"description\" id=\"vis-%s-d\">"
                       "%s</div></div>",
                    box, opts[i].value, opts[i].value, str_eq(visibility, opts[i].value) ? " checked" : "", box,
                    T(r, opts[i].label), opts[i].value, T(r, opts[i].help));
    }
    fieldset_close(r, "visibility", err);
    cv_select_open(r, "exemption_basis", T(r, "Unntatt offentlighet"),
                   T(r, "Dokumenter som utveksles mellom departementene, unntas vanligvis etter offl. § 15 første ledd "
                        "andre punktum."),
                   NULL);
    view_option(b, "", T(r, "Ikke unntatt"), !basis || !*basis);
    ExemptionBasis *eb;
    size_t ne = 0;
    exemption_basis_list(r->db, r->arena, &eb, &ne, NULL);
    for (size_t i = 0; i < ne; i++) {
        view_option(b, eb[i].code, arena_printf(r->arena, "%s – %s", eb[i].label, T(r, eb[i].description)),
                    str_eq(basis, eb[i].code));
    }
    cv_select_close(r, "exemption_basis", NULL);
    cv_text(r, "public_title", T(r, "Offentlig tittel"),
            T(r, "Vises offentlig i stedet for den egentlige tittelen. La stå tom for å skjule saken helt."),
            public_title, "text", NULL, false);
}

const char *cv_form_list(Req *r, const char *name)
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

bool cv_in_list(const char *list, const char *code)
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

/* ---- names, dates, states ----------------------------------------------------------- */

const char *cv_ministry(Req *r, const char *nb, const char *nn, const char *en)
{
    return TPICK(r, nb, nn, en);
}

const char *cv_date(Req *r, const char *iso)
{
    return iso ? view_date(r, iso) : "–";
}

static void tag(Req *r, const char *color, const char *text)
{
    html_printf(&r->body, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", color, text);
}

void cv_case_tags(Req *r, const Case *c)
{
    tag(r, str_eq(c->status, "closed") ? "neutral" : "info", T(r, case_status_label(c->status)));
    if (c->noverdue) {
        html_printf(&r->body, " ");
        tag(r, "danger", T(r, "Frist passert"));
    }
    if (str_eq(c->rec.visibility, "restricted")) {
        html_printf(&r->body, " ");
        tag(r, "warning", T(r, "Begrenset tilgang"));
    }
}

void cv_round_tag(Req *r, const Round *x)
{
    if (x->closed_on) {
        tag(r, "neutral", T(r, "Avsluttet"));
    } else if (x->noverdue) {
        tag(r, "danger", TF(r, "Frist passert: %s", x->overdue_codes));
    } else {
        tag(r, "success", TC(r, "round", "Åpen"));
    }
}

void cv_answer_tag(Req *r, const Answer *x)
{
    if (x->position) {
        tag(r, str_eq(x->position, "objections") ? "warning" : "success", T(r, answer_position_label(x->position)));
    } else if (x->overdue) {
        tag(r, "danger", T(r, "Frist passert"));
    } else if (x->round_closed_on) {
        tag(r, "neutral", T(r, "Ikke besvart"));
    } else {
        tag(r, "info", T(r, "Venter på svar"));
    }
}

void cv_completeness(Req *r, const Case *c)
{
    html_printf(&r->body, "<p class=\"ds-paragraph\"><progress class=\"bar\" max=\"%d\" value=\"%d\" aria-label=\"%s\">"
                          "%d/%d</progress> %s. ",
                STUDY_QUESTIONS, c->study_done, T(r, "Utredningen"), c->study_done, STUDY_QUESTIONS,
                TF(r, "%d av %d spørsmål er besvart", c->study_done, STUDY_QUESTIONS));
    /* The six of § 2-1 must all be answered before the case is put to others. */
    Buf missing = {0};
    for (int q = 0; q < 6; q++) {
        if (!*c->study[q]) {
            buf_printf(&missing, "%s%d", missing.len ? ", " : "", q + 1);
        }
    }
    if (missing.len) {
        html_printf(&r->body, "%s</p>", TF(r, "Minimumskravene i punkt 2-1 mangler svar på spørsmål %s.",
                                           buf_str(&missing)));
    } else {
        html_printf(&r->body, "%s</p>", T(r, "Minimumskravene i punkt 2-1 er besvart."));
    }
    buf_free(&missing);
}

const char *cv_round_title(Req *r, const char *kind, const char *case_title)
{
    return case_title ? arena_printf(r->arena, "%s: %s", T(r, round_kind_label(kind)), case_title)
                      : T(r, round_kind_label(kind));
}

void cv_case_nav(Req *r, const Case *c, const char *current)
{
    static const struct {
        const char *key, *path, *label;
    } tabs[] = {{"case", "", N_("Saken")}, {"study", "/study", N_("Utredningen")},
                {"timeline", "/timeline", N_("Tidslinje")}};
    html_printf(&r->body, "<nav class=\"sub-nav\" aria-label=\"%s\"><ul>", T(r, "Saken"));
    for (size_t i = 0; i < COUNT(tabs); i++) {
        if (str_eq(tabs[i].key, "timeline") && !r->viewer->user_id) {
            continue;   /* the timeline names people: for the signed-in only */
        }
        html_printf(&r->body, "<li><a href=\"/cases/%lld%s\" aria-current=\"%s\">%s</a></li>", (long long)c->rec.id,
                    tabs[i].path, str_eq(current, tabs[i].key) ? "page" : "false", T(r, tabs[i].label));
    }
    if (r->viewer->user_id) {
        html_printf(&r->body, "<li><a href=\"/records/%lld/history\">%s</a></li>", (long long)c->rec.id,
                    T(r, "Historikk"));
    }
    html_printf(&r->body, "</ul></nav>");
}

void cv_notice(Req *r)
{
    const char *done = params_get(&r->query, "done");
    static const char *const shared[] = {"attached", "attachment_deleted", "comment", "comment_edited",
                                         "comment_deleted", "link", "link_removed"};
    for (size_t i = 0; done && i < COUNT(shared); i++) {
        if (str_eq(done, shared[i])) {
            return;
        }
    }
    view_notice(r);
}

bool cv_id(Req *r, int64_t *id)
{
    long long x;
    if (!parse_int(r->args[0], 1, INT64_MAX, &x)) {
        view_error(r, 404, NULL);
        return false;
    }
    *id = x;
    return true;
}
