/* measure_page.c: the measures list with filters and one page per measure
 * (HTML).  Thin over measure.c; no SQL here.
 */
#include <string.h>

#include "app/handlers.h"
#include "app/measure.h"
#include "app/ministry.h"
#include "app/strategy.h"
#include "app/view.h"
#include "base/html.h"
#include "base/util.h"

/* The filter form: GET, works without JavaScript. */
static void filter_form(Req *r, const Strategy *st, const char *ministry, const char *status)
{
    Buf *b = &r->body;
    Strategy *all;
    size_t ns = 0;
    Ministry *mins;
    size_t nm = 0;
    strategy_list(r->db, r->arena, r->viewer, &all, &ns, NULL);
    ministry_list(r->db, r->arena, r->viewer, MINISTRY_CURRENT, &mins, &nm, NULL);
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/measures\" role=\"search\" "
                   "aria-label=\"Filtrer tiltak\"><div class=\"ds-field\">"
                   "<label class=\"ds-label\" for=\"f-strategy\">Strategiperiode</label>"
                   "<select class=\"ds-input\" id=\"f-strategy\" name=\"strategy\">");
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].slug, all[i].period, all[i].id == st->id);
    }
    html_printf(b, "</select></div><div class=\"ds-field\">"
                   "<label class=\"ds-label\" for=\"f-ministry\">Departement</label>"
                   "<select class=\"ds-input\" id=\"f-ministry\" name=\"ministry\">"
                   "<option value=\"\">Alle departementer</option>");
    for (size_t i = 0; i < nm; i++) {
        view_option(b, mins[i].code, mins[i].name_nb, str_eq(ministry, mins[i].code));
    }
    html_printf(b, "</select></div><div class=\"ds-field\">"
                   "<label class=\"ds-label\" for=\"f-status\">Status</label>"
                   "<select class=\"ds-input\" id=\"f-status\" name=\"status\">"
                   "<option value=\"\">Alle statuser</option>");
    MeasureStatus *sts;
    size_t nst = 0;
    measure_status_list(r->db, r->arena, &sts, &nst, NULL);
    for (size_t i = 0; i < nst; i++) {
        view_option(b, sts[i].code, sts[i].label, str_eq(status, sts[i].code));
    }
    html_printf(b, "</select></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "Vis tiltak</button></form>");
}

int measure_list_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    const char *slug = params_get(&r->query, "strategy");
    const char *ministry = params_get(&r->query, "ministry");
    const char *status = params_get(&r->query, "status");
    if (ministry && !*ministry) {
        ministry = NULL;
    }
    if (status && !*status) {
        status = NULL;
    }
    int rc = (slug && *slug) ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                             : strategy_featured(r->db, r->arena, r->viewer, &st, NULL);
    if (rc == E_NOTFOUND && slug && *slug) {
        return view_error(r, 400, "Strategiperioden i filteret finnes ikke.");
    }
    if (rc) {
        r->title = "Tiltak";
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Tiltak</h1>"
                       "<p class=\"ds-paragraph\">Det er ingen strategi med tiltak ennå.</p>");
        return 200;
    }
    Ministry min;
    if (ministry && ministry_get(r->db, r->arena, r->viewer, ministry, &min, NULL)) {
        return view_error(r, 400, "Departementet i filteret finnes ikke.");
    }
    if (status && !measure_status_valid(r->db, status)) {
        return view_error(r, 400, "Statusen i filteret finnes ikke.");
    }
    r->title = "Tiltaksoversikt";
    req_crumb(r, "Tiltak", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Tiltaksoversikt</h1>"
                   "<p class=\"ds-paragraph lead\">Tiltakene i «%s» (%s), ordnet etter målområde.</p>",
                st.title, st.period);
    filter_form(r, &st, ministry ? min.code : NULL, status);
    GoalArea *areas;
    size_t na;
    if (goal_area_list(r->db, r->arena, r->viewer, st.id, &areas, &na, NULL)) {
        return 500;
    }
    MeasureFilter f = {.strategy_id = st.id, .owner_code = ministry ? min.code : NULL, .status = status};
    Measure *m;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu tiltak</p>", nm);
    if (nm == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">Ingen tiltak passer med filteret. "
                       "<a class=\"ds-link\" href=\"/measures\">Vis alle tiltak</a>.</p>");
        return 200;
    }
    /* Measures come in number order, so each target area is one run. */
    size_t i = 0;
    for (size_t k = 0; k < na; k++) {
        size_t start = i;
        while (i < nm && m[i].goal_area_number == areas[k].number) {
            i++;
        }
        if (i == start) {
            continue;
        }
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">Målområde %d: %s</h2>", areas[k].number,
                    areas[k].title);
        view_measure_table(b, arena_printf(r->arena, "Tiltak i målområde %d", areas[k].number), m + start,
                           i - start, false, true, "");
    }
    if (i < nm) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">Uten målområde</h2>");
        view_measure_table(b, "Tiltak uten målområde", m + i, nm - i, false, true, "");
    }
    return 200;
}

int measure_show_page(Req *r)
{
    long long id;
    Measure m;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return view_error(r, 404, "Det finnes ikke noe tiltak med dette nummeret.");
    }
    r->title = arena_printf(r->arena, "%s %s", m.number, m.title);
    req_crumb(r, "Tiltak", "/measures");
    req_crumb(r, m.number, NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">Tiltak %s · %s</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                m.number, m.strategy_period, m.title);
    html_printf(b, "<dl class=\"facts\"><dt>Status</dt><dd>");
    view_status_tag(b, &m);
    html_printf(b, "</dd><dt>Strategiperiode</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s</a></dd>",
                url_enc(r->arena, m.strategy_slug), m.strategy_period);
    if (m.goal_area_number) {
        html_printf(b, "<dt>Målområde</dt><dd><a class=\"ds-link\" href=\"/strategies/%s/areas/%d\">%d: %s</a></dd>",
                    url_enc(r->arena, m.strategy_slug), m.goal_area_number, m.goal_area_number,
                    m.goal_area_title);
    }
    if (*m.theme) {
        html_printf(b, "<dt>Innsatsområde</dt><dd>%s</dd>", m.theme);
    }
    html_printf(b, "<dt>Ansvarlig departement</dt><dd>");
    if (m.owner_code) {
        html_printf(b, "<a class=\"ds-link\" href=\"/ministries/%s\">%s</a>", url_enc(r->arena, m.owner_code),
                    m.owner_name);
    } else {
        html_printf(b, "Ikke avklart");
    }
    html_printf(b, "</dd>");
    const char **p;
    size_t np;
    if (measure_participants(r->db, r->arena, m.id, &p, &np, NULL) == 0 && np) {
        html_printf(b, "<dt>Deltakende departementer</dt><dd><ul class=\"inline-list\">");
        for (size_t i = 0; i < np; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></li>",
                        url_enc(r->arena, p[i * 2]), p[i * 2 + 1]);
        }
        html_printf(b, "</ul></dd>");
    }
    if (r->viewer->user_id) {
        html_printf(b, "<dt>Synlighet</dt><dd>%s</dd>", visibility_label(m.visibility));
    }
    if (m.exemption_label && !m.masked) {
        html_printf(b, "<dt>Offentlighet</dt><dd><span class=\"ds-tag\" data-color=\"warning\">Unntatt offentlighet, "
                       "%s</span></dd>", m.exemption_label);
    }
    html_printf(b, "</dl>");
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/measures/%lld/access\">Endre "
                       "synlighet og offentlighet</a></p>", (long long)m.id);
    }
    if (*m.description) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Om tiltaket</h2>");
        html_text_block(b, m.description);
    }
    return 200;
}

static int access_form(Req *r, const Measure *m, const char *error, int status)
{
    Buf *b = &r->body;
    r->title = arena_printf(r->arena, "Tilgang til tiltak %s", m->number);
    req_crumb(r, "Tiltak", "/measures");
    req_crumb(r, m->number, arena_printf(r->arena, "/measures/%lld", (long long)m->id));
    req_crumb(r, "Tilgang", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Synlighet og offentlighet for %s</h1>"
                   "<p class=\"ds-paragraph\">%s</p>", m->number, m->title);
    view_form_error(b, error);
    const char *vis = params_get(&r->form, "visibility") ? params_get(&r->form, "visibility") : m->visibility;
    const char *basis = params_get(&r->form, "exemption") ? params_get(&r->form, "exemption")
                                                          : (m->exemption_basis ? m->exemption_basis : "");
    const char *ptitle = params_get(&r->form, "public_title") ? params_get(&r->form, "public_title")
                                                              : (m->public_title ? m->public_title : "");
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures/%lld/access\">", (long long)m->id);
    view_csrf(b, r);
    html_printf(b, "<fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">Hvem kan se tiltaket?</legend>");
    static const struct {
        const char *value, *label, *help;
    } opts[] = {{"public", "Åpen", "Alle, også på de offentlige sidene"},
                {"internal", "Intern", "Alle innloggede ansatte i departementene"},
                {"restricted", "Begrenset tilgang", "Bare det ansvarlige departementet og de som får tilgang"}};
    for (size_t i = 0; i < COUNT(opts); i++) {
        if (str_eq(vis, opts[i].value)) {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"visibility\" "
                           "id=\"vis-%s\" value=\"%s\" checked>", opts[i].value, opts[i].value);
        } else {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"visibility\" "
                           "id=\"vis-%s\" value=\"%s\">", opts[i].value, opts[i].value);
        }
        html_printf(b, "<label class=\"ds-label\" for=\"vis-%s\">%s</label><div data-field=\"description\">%s</div>"
                       "</div>", opts[i].value, opts[i].label, opts[i].help);
    }
    html_printf(b, "</fieldset><div class=\"ds-field\"><label class=\"ds-label\" for=\"exemption\">Unntatt "
                   "offentlighet</label><div data-field=\"description\" id=\"exemption-desc\">Hjemmel i "
                   "offentleglova. Et unntatt tiltak vises aldri med sin egentlige tittel på de offentlige sidene."
                   "</div><select class=\"ds-input\" id=\"exemption\" name=\"exemption\" "
                   "aria-describedby=\"exemption-desc\">");
    view_option(b, "", "Ikke unntatt", !*basis);
    ExemptionBasis *eb;
    size_t ne = 0;
    exemption_basis_list(r->db, r->arena, &eb, &ne, NULL);
    for (size_t i = 0; i < ne; i++) {
        view_option(b, eb[i].code, arena_printf(r->arena, "%s – %s", eb[i].label, eb[i].description),
                    str_eq(basis, eb[i].code));
    }
    html_printf(b, "</select></div>");
    view_text_field(b, "public_title", "Offentlig tittel", ptitle, "text", "off",
                    "Vises offentlig i stedet for den egentlige tittelen. La stå tom for å skjule tiltaket helt.",
                    NULL, false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Lagre</button> "
                   "<a class=\"ds-link\" href=\"/measures/%lld\">Avbryt</a></form>", (long long)m->id);
    return req_status(r, status);
}

int measure_access_page(Req *r)
{
    long long id;
    Measure m;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return view_error(r, 404, "Det finnes ikke noe tiltak med dette nummeret.");
    }
    return access_form(r, &m, NULL, 200);
}

int measure_access_post(Req *r)
{
    long long id;
    Measure m;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return view_error(r, 404, "Det finnes ikke noe tiltak med dette nummeret.");
    }
    const char *vis = params_get(&r->form, "visibility");
    if (measure_set_access(r->db, r->viewer, r->client, id, vis ? vis : "", params_get(&r->form, "exemption"),
                           params_get(&r->form, "public_title"), &e)) {
        return access_form(r, &m, e.msg, e.code == E_FORBIDDEN ? 403 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/measures/%lld", id));
}
