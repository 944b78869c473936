/* group_view.c: see group_view.h. */
#include "app/group/group_view.h"

#include <stdlib.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/group/ladder_svg.h"
#include "base/html.h"
#include "base/util.h"

void gv_add(FormErrors *fe, const char *field, const char *text)
{
    if (fe->n < COUNT(fe->v)) {
        fe->v[fe->n++] = (FormError){field, text};
    }
}

const char *gv_msg(Req *r, const char *msg, const char *arg)
{
    if (!msg) {
        return "";
    }
    if (!arg) {
        return TMSG(r, msg);
    }
    /* The translated format with its one %s replaced by arg (no printf on
     * a format that is not a literal). */
    const char *t = T(r, msg);
    const char *p = strstr(t, "%s");
    if (!p) {
        return t;
    }
    return arena_printf(r->arena, "%.*s%s%s", (int)(p - t), t, arg, p + 2);
}

const char *gv_model_error(Req *r, const Err *e)
{
    return e->code == E_DB || !e->msg[0] ? T(r, "Noe gikk galt. Prøv igjen om litt.") : TMSG(r, e->msg);
}

int gv_status(const Err *e)
{
    switch (e->code) {
    case E_NOTFOUND: return 404;
    case E_FORBIDDEN: return 403;
    case E_CONFLICT: return 409;
    case E_INVALID: return 400;
    }
    return 500;
}

void gv_error_summary(Req *r, const FormErrors *fe)
{
    Buf *b = &r->body;
    if (!fe || !fe->n) {
        return;
    }
    html_printf(b, "<div class=\"ds-error-summary\" role=\"alert\" aria-labelledby=\"error-summary-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"xs\" id=\"error-summary-h\">%s</h2><ul class=\"ds-list\">",
                T(r, "Rett opp før du lagrer"));
    for (size_t i = 0; i < fe->n; i++) {
        if (fe->v[i].field && *fe->v[i].field) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"#%s\">%s</a></li>", fe->v[i].field, fe->v[i].text);
        } else {
            html_printf(b, "<li>%s</li>", fe->v[i].text);
        }
    }
    html_printf(b, "</ul></div>");
}

const char *gv_error_of(const FormErrors *fe, const char *field)
{
    for (size_t i = 0; fe && i < fe->n; i++) {
        if (str_eq(fe->v[i].field, field)) {
            return fe->v[i].text;
        }
    }
    return NULL;
}

/* aria-describedby for a field with an optional hint and error. */
static const char *described(Req *r, const char *id, const char *hint, const char *err)
{
    if (hint && err) {
        return arena_printf(r->arena, " aria-describedby=\"%s-desc %s-err\" aria-invalid=\"true\"", id, id);
    }
    if (err) {
        return arena_printf(r->arena, " aria-describedby=\"%s-err\" aria-invalid=\"true\"", id);
    }
    if (hint) {
        return arena_printf(r->arena, " aria-describedby=\"%s-desc\"", id);
    }
    return "";
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

/* The attribute string is built here from ids the code chose (never from
 * input), so it is written as trusted markup. */
static void attrs(Buf *b, const char *s)
{
    html_safe(b, (SafeHtml){s});
}

void gv_textarea(Req *r, const char *id, const char *label, const char *hint, const char *value, const char *err,
                 int rows, bool required)
{
    Buf *b = &r->body;
    label_and_hint(r, id, label, hint);
    html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"%s\" rows=\"%d\"", id, id, rows);
    attrs(b, described(r, id, hint, err));
    html_printf(b, "%s>%s</textarea>", required ? " required" : "", value ? value : "");
    error_line(r, id, err);
    html_printf(b, "</div>");
}

void gv_select_open(Req *r, const char *id, const char *label, const char *hint, const char *err)
{
    label_and_hint(r, id, label, hint);
    html_printf(&r->body, "<select class=\"ds-input\" id=\"%s\" name=\"%s\"", id, id);
    attrs(&r->body, described(r, id, hint, err));
    html_printf(&r->body, ">");
}

void gv_select_close(Req *r, const char *err, const char *id)
{
    html_printf(&r->body, "</select>");
    error_line(r, id, err);
    html_printf(&r->body, "</div>");
}

void gv_step_select(Req *r, const char *id, const char *label, const char *hint, int value, const char *err,
                    bool allow_none)
{
    gv_select_open(r, id, label, hint, err);
    if (allow_none) {
        view_option(&r->body, "", T(r, "Velg trinn"), value == 0);
    }
    for (int s = 1; s <= LADDER_STEPS; s++) {
        view_option(&r->body, arena_printf(r->arena, "%d", s), gv_step(r, s), value == s);
    }
    gv_select_close(r, err, id);
}

void gv_ministry_select(Req *r, const char *id, const char *label, const char *hint, const MinistryOption *m,
                        size_t n, const char *value, const char *empty, const char *err)
{
    gv_select_open(r, id, label, hint, err);
    if (empty) {
        view_option(&r->body, "", empty, !value || !*value);
    }
    for (size_t i = 0; i < n; i++) {
        view_option(&r->body, m[i].code, TPICK(r, m[i].name, m[i].name_nn, m[i].name_en), str_eq(value, m[i].code));
    }
    gv_select_close(r, err, id);
}

void gv_ministry_boxes(Req *r, const char *id, const char *legend, const char *hint, const MinistryOption *m,
                       size_t n, const char *checked, const char *err)
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
    html_printf(b, "<div class=\"box-grid\">");
    for (size_t i = 0; i < n; i++) {
        const char *box = i == 0 ? id : arena_printf(r->arena, "%s-%s", id, m[i].code);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" name=\"%s\" "
                       "value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s</label></div>",
                    box, id, m[i].code, gv_in_list(checked, m[i].code) ? " checked" : "", box,
                    TPICK(r, m[i].name, m[i].name_nn, m[i].name_en));
    }
    html_printf(b, "</div>");
    error_line(r, id, err);
    html_printf(b, "</fieldset>");
}

void gv_visibility(Req *r, const char *value, const char *hint)
{
    Buf *b = &r->body;
    static const struct {
        const char *value, *label, *help;
    } opts[] = {{"public", N_("Åpen"), N_("Alle, også på de offentlige sidene")},
                {"internal", N_("Intern"), N_("Alle innloggede ansatte i departementene")},
                {"restricted", N_("Begrenset tilgang"), N_("Bare gruppens medlemmer, prosesseierdepartementet og de som får tilgang")}};
    html_printf(b, "<fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">%s</legend>", T(r, "Hvem kan lese?"));
    if (hint) {
        html_printf(b, "<div data-field=\"description\">%s</div>", hint);
    }
    for (size_t i = 0; i < COUNT(opts); i++) {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"visibility\" "
                       "id=\"%s\" value=\"%s\" aria-describedby=\"vis-%s-d\"%s><label class=\"ds-label\" "
                       "data-weight=\"regular\" for=\"%s\">%s</label><div data-field=\"description\" id=\"vis-%s-d\">"
                       "%s</div></div>",
                    i == 0 ? "visibility" : arena_printf(r->arena, "vis-%s", opts[i].value), opts[i].value,
                    opts[i].value, str_eq(value, opts[i].value) ? " checked" : "",
                    i == 0 ? "visibility" : arena_printf(r->arena, "vis-%s", opts[i].value), T(r, opts[i].label),
                    opts[i].value, T(r, opts[i].help));
    }
    html_printf(b, "</fieldset>");
}

const char *gv_form_list(Req *r, const char *name)
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

bool gv_in_list(const char *list, const char *code)
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

const char *gv_step(Req *r, int step)
{
    if (step < 1 || step > LADDER_STEPS) {
        return "–";
    }
    return arena_printf(r->arena, "%d – %s", step, T(r, ladder_step_label(step)));
}

const char *gv_step_short(Req *r, int step)
{
    if (step < 1 || step > LADDER_STEPS) {
        return "–";
    }
    return arena_printf(r->arena, "%d %s", step, T(r, ladder_step_short(step)));
}

const char *gv_year_ago(Req *r, const char *iso)
{
    if (!iso || !date_valid(iso)) {
        return iso;
    }
    const char *out = arena_printf(r->arena, "%.4d%s", atoi(iso) - 1, iso + 4);
    if (!date_valid(out)) {   /* 29 February */
        out = arena_printf(r->arena, "%.4d-02-28", atoi(iso) - 1);
    }
    return out;
}

void gv_tabs(Req *r, const char *current)
{
    static const struct {
        const char *href, *label;
    } tabs[] = {{"/groups", N_("Grupper")}, {"/ladder", N_("Samordningsstigen")}, {"/problems", N_("Problemer")}};
    html_printf(&r->body, "<nav class=\"sub-nav\" aria-label=\"%s\"><ul>", T(r, "Samarbeid på tvers"));
    for (size_t i = 0; i < COUNT(tabs); i++) {
        if (str_eq(current, tabs[i].href)) {
            html_printf(&r->body, "<li><a class=\"ds-link\" href=\"%s\" aria-current=\"page\">%s</a></li>",
                        tabs[i].href, T(r, tabs[i].label));
        } else {
            html_printf(&r->body, "<li><a class=\"ds-link\" href=\"%s\">%s</a></li>", tabs[i].href,
                        T(r, tabs[i].label));
        }
    }
    html_printf(&r->body, "</ul></nav>");
}

void gv_visibility_tag(Req *r, const Record *rec)
{
    if (str_eq(rec->visibility, "restricted")) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"warning\">%s</span>", T(r, "Begrenset tilgang"));
    } else if (str_eq(rec->visibility, "internal")) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"neutral\">%s</span>", T(r, "Intern"));
    }
}

void gv_group_tags(Req *r, const Group *g)
{
    if (g->overdue) {
        html_printf(&r->body, " <span class=\"ds-tag overdue\" data-color=\"danger\">%s</span>", T(r, "Over sluttdato"));
    }
    if (g->closed_on) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"neutral\">%s</span>", T(r, "Avsluttet"));
    }
    gv_visibility_tag(r, &g->rec);
}

long long gv_record_id(const char *s)
{
    if (!s) {
        return 0;
    }
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '/')) {
        n--;
    }
    if (!n) {
        return 0;
    }
    /* The last path segment: digits only.  A leading '#' or «nr.» is not
     * asked for; anything else is not a record number. */
    size_t start = n;
    while (start && s[start - 1] >= '0' && s[start - 1] <= '9') {
        start--;
    }
    if (start == n || n - start > 15 || (start && s[start - 1] != '/' && s[start - 1] != '#')) {
        return -1;
    }
    long long id = 0;
    for (size_t i = start; i < n; i++) {
        id = id * 10 + (s[i] - '0');
    }
    return id ? id : -1;
}

void gv_ladder_chart(Req *r, const Group *g, const LadderChange *c, size_t n, const char *id)
{
    Buf *b = &r->body;
    LadderPoint *steps = arena_alloc(r->arena, (n + 1) * sizeof *steps);
    LadderPoint *targets = arena_alloc(r->arena, (n + 1) * sizeof *targets);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].ministry_code) {
            steps[k] = (LadderPoint){c[i].on_date, c[i].step};
            targets[k] = (LadderPoint){c[i].on_date, c[i].target};
            k++;
        }
    }
    if (!k) {
        return;
    }
    char today[16];
    date_today(today, sizeof today);
    const char *to = g->closed_on ? g->closed_on : today;
    if (strcmp(to, steps[k - 1].date) < 0) {
        to = steps[k - 1].date;
    }
    const char *from = arena_printf(r->arena, "%.4s-01-01", steps[0].date);
    LadderLine lines[] = {
        {T(r, "Trinn"), steps, k, LSVG_SOLID, 1},
        {T(r, "Mål"), targets, k, LSVG_DASHED, 0},
    };
    LadderChart ch = {
        .id = id,
        .title = TF(r, "Samordningsstigen for %s over tid", g->rec.title),
        .desc = TF(r, "Trinn %d av 4 nå, målet er trinn %d. %zu endringer siden %s.", g->step, g->target, k,
                   view_date(r, steps[0].date)),
        .from = from,
        .to = to,
        .lines = lines,
        .nlines = COUNT(lines),
    };
    for (int s = 1; s <= LADDER_STEPS; s++) {
        ch.step_labels[s] = gv_step_short(r, s);
    }
    html_printf(b, "<figure class=\"chart\">");
    ladder_svg(b, &ch);
    html_printf(b, "</figure><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border id=\"%s-table\">"
                   "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Trinn og mål over tid (tabell)"), id, T(r, "Trinn og mål over tid (tabell)"), T(r, "Dato"), T(r, "Trinn"), T(r, "Mål"));
    for (size_t i = 0; i < k; i++) {
        html_printf(b, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td></tr>", view_date(r, steps[i].date),
                    gv_step(r, steps[i].step), gv_step(r, targets[i].step));
    }
    html_printf(b, "</tbody></table></div>");
}
