/* service_page.c: the shared services (/services, /services/{id}) with
 * their measurement rounds, and knowledge about the community
 * (/collaboration).  Thin over the model; no SQL here. */
#include <string.h>

#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/figure/chart_svg.h"
#include "app/figure/figure_handlers.h"
#include "app/figure/figure_view.h"
#include "base/html.h"
#include "base/util.h"

/* Units of the service metrics (service_metric.unit), for the catalogues. */
static const char *const g_units[] = {N_("årsverk"), N_("1000 kr"), N_("prosent"), N_("skala 1–6"), N_("timer")};

static bool may_manage(Req *r)
{
    return can(r->viewer, CAP_MEASURE_MANAGE) && !r->viewer->read_only;
}

static const char *svc_name(Req *r, const Service *s)
{
    return TPICK(r, s->name, *s->name_nn ? s->name_nn : s->name, *s->name_en ? s->name_en : s->name);
}

static void rounds_section(Req *r, const FormErrors *fe)
{
    ServiceRound *rs;
    size_t n = 0;
    if (service_round_list(r->db, r->arena, r->viewer, &rs, &n, NULL)) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"rounds\">%s</h2><p class=\"ds-paragraph\">%s"
                          "</p>",
                T(r, "Målerunder"),
                T(r, "Departementene rapporterer ressursbruk og kvalitet for fellestjenestene i målerunder, på samme "
                     "måte som i rapporteringsrundene for tiltaksoversikten."));
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen målerunder ennå."));
    } else {
        html_printf(&r->body, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(&r->body, "<li>%s – %s, %s. %s", rs[i].title, TF(r, "frist %s", view_date(r, rs[i].deadline)),
                        rs[i].open ? T(r, "åpen") : T(r, "avsluttet"),
                        TF(r, "%d tall rapportert.", rs[i].reported));
            MinistryOption *missing;
            size_t nmissing = 0;
            if (rs[i].open && may_manage(r) &&
                !service_round_missing(r->db, r->arena, r->viewer, rs[i].id, &missing, &nmissing, NULL)) {
                if (!nmissing) {
                    html_printf(&r->body, " %s", T(r, "Alle departementene har rapportert."));
                } else {
                    Buf names = {0};
                    for (size_t k = 0; k < nmissing; k++) {
                        buf_printf(&names, "%s%s", k ? ", " : "",
                                   fview_ministry(r, missing[k].name, missing[k].name_nn, missing[k].name_en));
                    }
                    html_printf(&r->body, " %s %s.", T(r, "Ikke rapportert:"), buf_str(&names));
                    buf_free(&names);
                }
            }
            if (rs[i].open && may_manage(r)) {
                html_printf(&r->body, " <form class=\"inline-form\" method=\"post\" action=\"/services/rounds/%lld/"
                                      "close\">",
                            (long long)rs[i].id);
                view_csrf(&r->body, r);
                html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"secondary\" data-size=\"sm\" "
                                      "type=\"submit\" aria-describedby=\"close-desc-%lld\">%s<span class=\"ds-sr-only\"> %s"
                                      "</span></button> <span class=\"muted\" id=\"close-desc-%lld\">%s</span></form>",
                            (long long)rs[i].id, T(r, "Avslutt"), rs[i].title, (long long)rs[i].id,
                            T(r, "Etterpå kan ingen rapportere i runden."));
            }
            html_printf(&r->body, "</li>");
        }
        html_printf(&r->body, "</ul>");
    }
    if (may_manage(r)) {
        html_printf(&r->body, "<form class=\"form-narrow\" method=\"post\" action=\"/services/rounds#rounds\" "
                              "novalidate>");
        fv_error_summary(r, fe, NULL);
        view_csrf(&r->body, r);
        fv_text(r, "title", T(r, "Tittel på ny målerunde"), T(r, "For eksempel Fellestjenester 2026."),
                fe ? params_get(&r->form, "title") : NULL, NULL, fv_error_of(fe, "title"), true);
        fv_text(r, "deadline", T(r, "Frist"), NULL, fe ? params_get(&r->form, "deadline") : NULL, "date",
                fv_error_of(fe, "deadline"), true);
        html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                    T(r, "Åpne målerunden"));
    }
}

static int list_page(Req *r, const FormErrors *create_fe, const FormErrors *round_fe, int status)
{
    Service *s;
    size_t n = 0;
    if (service_list(r->db, r->arena, r->viewer, &s, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Fellestjenester");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>",
                r->title,
                T(r, "Ressursbruk og kvalitet i de administrative fellestjenestene, per departement (tiltak 2.3)."));
    view_notice(r);
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen fellestjenester er registrert. Strategisekretariatet legger dem inn."));
    } else {
        html_printf(&r->body, "<ul class=\"ds-list\" id=\"services\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(&r->body, "<li><a class=\"ds-link\" href=\"/services/%lld\">%s</a> (%s)</li>",
                        (long long)s[i].id, svc_name(r, &s[i]), record_visibility_label(r, s[i].visibility));
        }
        html_printf(&r->body, "</ul>");
    }
    if (may_manage(r)) {
        html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"new\">%s</h2><form class=\"form-narrow\" "
                              "method=\"post\" action=\"/services#new\" novalidate>",
                    T(r, "Ny fellestjeneste"));
        fv_error_summary(r, create_fe, NULL);
        view_csrf(&r->body, r);
        fv_text(r, "code", T(r, "Kode"), T(r, "Små bokstaver, for eksempel arkiv."),
                create_fe ? params_get(&r->form, "code") : NULL, NULL, fv_error_of(create_fe, "code"), true);
        fv_text(r, "name", T(r, "Navn"), NULL, create_fe ? params_get(&r->form, "name") : NULL, NULL,
                fv_error_of(create_fe, "name"), true);
        fv_visibility(r, create_fe ? params_get(&r->form, "visibility") : "public", NULL, T(r, "Bare eierdepartementet."),
                      NULL);
        html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                    T(r, "Opprett"));
    }
    if (r->viewer->user_id) {
        rounds_section(r, round_fe);
    }
    return req_status(r, status);
}

int service_list_page(Req *r)
{
    return list_page(r, NULL, NULL, 200);
}

int service_create_post(Req *r)
{
    int64_t id;
    Err e = {0};
    FormProblem p[2];
    size_t np = service_create_check(params_get(&r->form, "code"), params_get(&r->form, "name"), p);
    if (np) {
        FormErrors fe = {0};
        fv_problems(r, &fe, p, np, g_service_fields);
        return list_page(r, &fe, NULL, 400);
    }
    if (service_create(r->db, r->viewer, r->client, params_get(&r->form, "code"), params_get(&r->form, "name"),
                       params_get(&r->form, "visibility"), &id, &e)) {
        if (e.code == E_CONFLICT) {
            FormErrors fe = {0};
            fv_add(&fe, "code", fv_error_text(r, &e));
            return list_page(r, &fe, NULL, 409);
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/services/%lld", (long long)id), "service_created");
}

static void figure_form(Req *r, const ServiceView *sv, const FormErrors *fe)
{
    ServiceRound *rs;
    size_t nr = 0;
    MinistryOption *m;
    size_t nm = 0;
    service_round_list(r->db, r->arena, r->viewer, &rs, &nr, NULL);
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    bool open = false;
    for (size_t i = 0; i < nr; i++) {
        open |= rs[i].open;
    }
    if (!may_manage(r) && (!open || !can(r->viewer, CAP_MEASURE_REPORT))) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"report\">%s</h2><form class=\"form-narrow\" "
                          "method=\"post\" action=\"/services/%lld/figures#report\" novalidate>",
                T(r, "Rapporter et tall"), (long long)sv->svc.id);
    fv_error_summary(r, fe, NULL);
    view_csrf(&r->body, r);
#define POSTED(k, dflt) (fe ? params_get(&r->form, k) : (dflt))
    fv_select_open(r, "round", T(r, "Målerunde"), NULL, NULL);
    if (may_manage(r)) {
        view_option(&r->body, "", T(r, "Ingen (lagt inn av sekretariatet)"), false);
    }
    for (size_t i = 0; i < nr; i++) {
        if (rs[i].open) {
            view_option(&r->body, arena_printf(r->arena, "%lld", (long long)rs[i].id), rs[i].title, false);
        }
    }
    fv_select_close(r, "round", NULL);
    fv_ministry_select(r, "ministry", T(r, "Departement"), NULL, m, nm, POSTED("ministry", r->viewer->ministry_code),
                       NULL, fv_error_of(fe, "ministry"));
    fv_text(r, "period", T(r, "Periode"), T(r, "For eksempel 2025."), POSTED("period", sv->period), NULL,
            fv_error_of(fe, "period"), true);
    fv_select_open(r, "metric", T(r, "Måltall"), NULL, fv_error_of(fe, "metric"));
    for (size_t i = 0; i < sv->nmetrics; i++) {
        view_option(&r->body, sv->metrics[i].code,
                    arena_printf(r->arena, "%s (%s)", fview_metric(r, &sv->metrics[i]), T(r, sv->metrics[i].unit)),
                    str_eq(POSTED("metric", NULL), sv->metrics[i].code));
    }
    fv_select_close(r, "metric", fv_error_of(fe, "metric"));
    fv_text(r, "value", T(r, "Verdi"), T(r, "Tom verdi fjerner tallet."), POSTED("value", NULL), NULL,
            fv_error_of(fe, "value"), false);
#undef POSTED
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre tallet"));
}

static const char *kind_label(const char *code)
{
    return str_eq(code, "resource") ? N_("Ressurstall (årsverk, kostnad)") : N_("Kvalitetstall");
}

static const char *vis_label(const char *code)
{
    return str_eq(code, "public") ? N_("Åpne") : N_("Interne");
}

static void series_form(Req *r, const ServiceView *sv)
{
    static const char *const kinds[] = {"resource", "quality", NULL};
    static const char *const vis[] = {"public", "internal", NULL};
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"marking\">%s</h2><p class=\"ds-paragraph\">"
                          "%s</p><form class=\"form-narrow\" method=\"post\" action=\"/services/%lld/series\">",
                T(r, "Merk et departements tall"),
                T(r, "Interne tall vises bare for ansatte i departementene, ikke på de åpne sidene eller i "
                     "nedlastingene derfra."),
                (long long)sv->svc.id);
    view_csrf(&r->body, r);
    fv_ministry_select(r, "series_ministry", T(r, "Departement"), NULL, m, nm, NULL, NULL, NULL);
    fv_radios(r, "kind", T(r, "Hvilke tall"), NULL, kinds, kind_label, "resource", NULL);
    fv_radios(r, "series_visibility", T(r, "Synlighet"), NULL, vis, vis_label, "internal", NULL);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre merkingen"));
}

static int show(Req *r, int64_t id, const FormErrors *fe, int status)
{
    ServiceView sv;
    Record rec;
    const char *period = params_get(&r->query, "period");
    if ((period && *period && !figure_period_valid(period)) ||
        service_view(r->db, r->arena, r->viewer, false, id, period, &sv, NULL) ||
        record_get(r->db, r->arena, r->viewer, id, &rec, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen fellestjeneste med denne adressen."));
    }
    r->title = svc_name(r, &sv.svc);
    req_crumb(r, T(r, "Fellestjenester"), "/services");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_notice(r);
    if (*sv.svc.description) {
        html_printf(&r->body, "<p class=\"ds-paragraph\" lang=\"nb\">%s</p>", sv.svc.description);
    }
    html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Medianen og spredningen regnes bare av tallene du har tilgang til å se."));
    if (sv.nperiods > 1) {
        html_printf(&r->body, "<form method=\"get\" action=\"/services/%lld\" class=\"inline-form\"><div "
                              "class=\"ds-field\"><label class=\"ds-label\" for=\"show-period\">%s</label><select "
                              "class=\"ds-input\" id=\"show-period\" name=\"period\">",
                    (long long)id, T(r, "Periode"));
        for (size_t i = 0; i < sv.nperiods; i++) {
            view_option(&r->body, sv.periods[i], fview_period(r, sv.periods[i]), str_eq(sv.periods[i], sv.period));
        }
        html_printf(&r->body, "</select></div><button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">"
                              "%s</button></form>",
                    T(r, "Vis"));
    }
    if (!sv.nfigs) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen tall ennå. Departementene rapporterer dem i en målerunde."));
    } else {
        fview_service_table(r, &sv, "service-figures", true);
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/api/v1/services/%lld/csv?"
                              "period=%s\" data-download=\"csv\">%s</a></p>",
                    (long long)id, url_enc(r->arena, sv.period), T(r, "Last ned tallene (CSV)"));
    }
    if (r->viewer->user_id) {
        figure_form(r, &sv, fe);
    }
    if (may_manage(r)) {
        series_form(r, &sv);
    }
    record_sections(r, &rec);
    return req_status(r, status);
}

int service_show_page(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, T(r, "Det finnes ingen fellestjeneste med denne adressen."));
    }
    bool tx = db_read_begin(r->db);
    int status = show(r, id, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

int service_figure_post(Req *r)
{
    long long id, round = 0;
    const char *rs = params_get(&r->form, "round");
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || (rs && *rs && !parse_int(rs, 1, INT64_MAX, &round))) {
        return view_error(r, 400, NULL);
    }
    Err e = {0};
    FormProblem p[4];
    size_t np = service_figure_check(r->db, params_get(&r->form, "ministry"), params_get(&r->form, "period"),
                                     params_get(&r->form, "metric"), params_get(&r->form, "value"), p);
    FormErrors fe = {0};
    if (np) {
        fv_problems(r, &fe, p, np, g_service_figure_fields);
        return show(r, id, &fe, 400);
    }
    if (service_figure_set(r->db, r->viewer, r->client, id, round, params_get(&r->form, "ministry"),
                           params_get(&r->form, "period"), params_get(&r->form, "metric"),
                           params_get(&r->form, "value"), &e)) {
        if (e.code == E_FORBIDDEN || e.code == E_CONFLICT) {
            fv_add(&fe, "ministry", fv_error_text(r, &e));
            return show(r, id, &fe, fv_status(&e));
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/services/%lld", id), "figure_saved");
}

int service_series_post(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, NULL);
    }
    Err e = {0};
    if (service_series_mark(r->db, r->viewer, r->client, id, params_get(&r->form, "series_ministry"),
                            params_get(&r->form, "kind"), params_get(&r->form, "series_visibility"), &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/services/%lld", id), "series_marked");
}

int service_round_post(Req *r)
{
    int64_t id;
    Err e = {0};
    FormProblem p[2];
    FormErrors fe = {0};
    size_t np = service_round_check(params_get(&r->form, "title"), params_get(&r->form, "deadline"), p);
    if (np) {
        fv_problems(r, &fe, p, np, g_service_round_fields);
        return list_page(r, NULL, &fe, 400);
    }
    if (service_round_open(r->db, r->viewer, r->client, params_get(&r->form, "title"), params_get(&r->form, "deadline"),
                           &id, &e)) {
        if (e.code == E_CONFLICT) {
            fv_add(&fe, "title", fv_error_text(r, &e));
            return list_page(r, NULL, &fe, 409);
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, "/services", "measuring_opened");
}

int service_round_close_post(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, NULL);
    }
    if (service_round_close(r->db, r->viewer, r->client, id, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, "/services", "measuring_closed");
}

/* ---- knowledge about the community ------------------------------------------------------ */

static void matrix_section(Req *r, const CommunityMatrix *cm)
{
    const char **codes = arena_alloc(r->arena, (cm->n + 1) * sizeof *codes);
    int *sum = arena_alloc(r->arena, (cm->n * cm->n + 1) * sizeof *sum);
    for (size_t i = 0; i < cm->n; i++) {
        codes[i] = cm->m[i].code;
        for (size_t j = 0; j < cm->n; j++) {
            sum[i * cm->n + j] = cm->groups[i * cm->n + j] + cm->consult[i * cm->n + j];
        }
    }
    ChartText t = {"matrix", T(r, "Samarbeidsmatrise"),
                   T(r, "Varmekart: jo mørkere rute, jo flere felles grupper og foreleggelser mellom to departementer. "
                        "Departementer som samarbeider mye, står ved siden av hverandre. Tallene står i tabellen under."),
                   r->lang != LANG_EN, 0};
    html_printf(&r->body, "<figure class=\"chart\">");
    chart_heat_svg(&r->body, &t, codes, sum, cm->n, cm->max);
    const char *cap = T(r, "Felles grupper og foreleggelser per departementspar");
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                          "class=\"ds-table\" data-border id=\"matrix-table\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                cap, cap, T(r, "Departement"), T(r, "Med"), T(r, "Felles grupper"), T(r, "Foreleggelser sendt"),
                T(r, "Besvart"), T(r, "Samspill mellom mål"));
    int rows = 0;
    for (size_t i = 0; i < cm->n; i++) {
        for (size_t j = 0; j < cm->n; j++) {
            size_t k = i * cm->n + j;
            if (i == j || (!cm->consult[k] && !cm->interactions[k] && !(j > i && cm->groups[k]))) {
                continue;
            }
            rows++;
            html_printf(&r->body, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%d</td><td class=\"num\">"
                                  "%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                        fview_ministry(r, cm->m[i].name, cm->m[i].name_nn, cm->m[i].name_en),
                        fview_ministry(r, cm->m[j].name, cm->m[j].name_nn, cm->m[j].name_en),
                        j > i ? cm->groups[k] : 0, cm->consult[k], cm->answered[k],
                        cm->interactions[k]);
        }
    }
    if (!rows) {
        html_printf(&r->body, "<tr><td colspan=\"6\">%s</td></tr>",
                    T(r, "Ingen felles grupper, foreleggelser eller samspill mellom mål du har tilgang til ennå."));
    }
    html_printf(&r->body, "</tbody></table></div></figure><p class=\"ds-paragraph\">%s</p>",
                T(r, "Samspill mellom mål telles fra departementet som registrerte det, til departementet som eier målet."));
}

static void answer_section(Req *r)
{
    AnswerTime *t;
    size_t n = 0;
    if (community_answer_times(r->db, r->arena, r->viewer, &t, &n, NULL)) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Svartider på foreleggelser"));
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen foreleggelser du har tilgang til ennå."));
        return;
    }
    const char *cap = T(r, "Svartid per departement");
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                          "class=\"ds-table\" data-border id=\"answer-times\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                          "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                          "class=\"num\">%s</th></tr></thead><tbody>",
                cap, cap, T(r, "Departement"), T(r, "Spurt"), T(r, "Besvart"), T(r, "Median dager"),
                T(r, "Andel i tide"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->body, "<tr data-ministry=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%d</td><td "
                              "class=\"num\">%d</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                    t[i].code, fview_ministry(r, t[i].name, t[i].name_nn, t[i].name_en), t[i].asked, t[i].answered,
                    t[i].median_days < 0 ? "–" : fview_num(r, t[i].median_days, 1),
                    t[i].answered ? arena_printf(r->arena, "%d %%", t[i].on_time * 100 / t[i].answered) : "–");
    }
    html_printf(&r->body, "</tbody></table></div>");
}

static void ladder_section(Req *r)
{
    YearCount *y;
    size_t n = 0;
    if (community_ladder_years(r->db, r->arena, r->viewer, &y, &n, NULL)) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Samordningsstigen over tid"));
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen grupper du har tilgang til, står på stigen."));
        return;
    }
    int y0 = y[0].year, y1 = y[n - 1].year;
    size_t nx = (size_t)(y1 - y0 + 1);
    const char **xs = arena_alloc(r->arena, nx * sizeof *xs);
    ChartSeries s[4];
    static const char *const steps[] = {N_("Trinn 1"), N_("Trinn 2"), N_("Trinn 3"), N_("Trinn 4")};
    for (int k = 0; k < 4; k++) {
        double *v = arena_alloc(r->arena, nx * sizeof *v);
        for (size_t i = 0; i < nx; i++) {
            v[i] = 0;
        }
        s[k] = (ChartSeries){T(r, steps[k]), v};
    }
    for (size_t i = 0; i < nx; i++) {
        xs[i] = arena_printf(r->arena, "%d", y0 + (int)i);
    }
    for (size_t i = 0; i < n; i++) {
        int k = y[i].key[0] - '1';
        if (k >= 0 && k < 4) {
            ((double *)s[k].y)[y[i].year - y0] = y[i].count;
        }
    }
    ChartText t = {"ladder-years", T(r, "Grupper på hvert trinn ved utgangen av hvert år"),
                   T(r, "Linjediagram med én linje per trinn. Tallene står i tabellen under."), r->lang != LANG_EN, 0};
    html_printf(&r->body, "<figure class=\"chart\">");
    chart_line_svg(&r->body, &t, xs, nx, s, 4);
    const char *cap = T(r, "Grupper per trinn og år");
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                          "class=\"ds-table\" data-border id=\"ladder-years\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th>",
                cap, cap, T(r, "År"));
    for (int k = 0; k < 4; k++) {
        html_printf(&r->body, "<th scope=\"col\" class=\"num\">%s</th>", T(r, steps[k]));
    }
    html_printf(&r->body, "</tr></thead><tbody>");
    for (size_t i = 0; i < nx; i++) {
        html_printf(&r->body, "<tr><th scope=\"row\">%s</th>", xs[i]);
        for (int k = 0; k < 4; k++) {
            html_printf(&r->body, "<td class=\"num\">%d</td>", (int)s[k].y[i]);
        }
        html_printf(&r->body, "</tr>");
    }
    html_printf(&r->body, "</tbody></table></div></figure>");
}

static void editions_section(Req *r)
{
    EditionCount *c;
    size_t n = 0;
    if (community_edition_statuses(r->db, r->arena, r->viewer, &c, &n, NULL)) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tiltak etter status i hver utgave"));
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen utgaver av tiltaksoversikten er publisert ennå."));
        return;
    }
    /* The statuses that occur, in their order of first appearance. */
    const char **codes = arena_alloc(r->arena, n * sizeof *codes), **labels = arena_alloc(r->arena, n * sizeof *labels);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < ns && !str_eq(codes[k], c[i].status)) {
            k++;
        }
        if (k == ns) {
            codes[ns] = c[i].status;
            labels[ns++] = TPICK(r, c[i].label, c[i].label_nn ? c[i].label_nn : c[i].label,
                                 c[i].label_en ? c[i].label_en : c[i].label);
        }
    }
    const char *cap = T(r, "Tiltak du har tilgang til, etter status i hver publiserte utgave");
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                          "class=\"ds-table\" data-border id=\"edition-statuses\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th>",
                cap, cap, T(r, "Utgave"));
    for (size_t k = 0; k < ns; k++) {
        html_printf(&r->body, "<th scope=\"col\" class=\"num\">%s</th>", labels[k]);
    }
    html_printf(&r->body, "</tr></thead><tbody>");
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && c[end].edition == c[i].edition) {
            end++;
        }
        html_printf(&r->body, "<tr><th scope=\"row\" lang=\"nb\">%s</th>", c[i].title);
        for (size_t k = 0; k < ns; k++) {
            int x = 0;
            for (size_t j = i; j < end; j++) {
                x = str_eq(c[j].status, codes[k]) ? c[j].count : x;
            }
            html_printf(&r->body, "<td class=\"num\">%d</td>", x);
        }
        html_printf(&r->body, "</tr>");
        i = end;
    }
    html_printf(&r->body, "</tbody></table></div>");
}

static int community(Req *r)
{
    CommunityMatrix cm;
    if (community_matrix(r->db, r->arena, r->viewer, &cm, NULL)) {
        return 500;
    }
    r->title = T(r, "Samarbeid mellom departementene");
    req_crumb(r, T(r, "Fakta om departementene"), "/facts");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>"
                          "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">%s</p></div>",
                r->title,
                T(r, "Hvordan departementene arbeider sammen, regnet ut fra det som skjer i samla: felles grupper, "
                     "foreleggelser og svar, og samordningsstigen."),
                r->viewer->user_id
                    ? T(r, "Tallene teller bare grupper, saker og svar du har tilgang til å se. Andre kan se andre tall.")
                    : T(r, "Tallene teller bare det som er åpent. Ansatte som logger inn, ser også det som er internt."));
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hvem samarbeider med hvem"));
    matrix_section(r, &cm);
    answer_section(r);
    ladder_section(r);
    editions_section(r);
    return 200;
}

int collaboration_page(Req *r)
{
    (void)g_units;
    bool tx = db_read_begin(r->db);
    int status = community(r);
    db_read_end(r->db, tx);
    return status;
}
