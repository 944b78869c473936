/* facts_page.c: the public page «Fakta om departementene» (/facts), one
 * public indicator with its three charts (/facts/{code}), and their
 * downloads (/api/v1/facts/{code}/csv and /jsonstat; the signed-in
 * indicator page's under /api/v1/indicators/{id}/…).
 *
 * What the public sees is decided in the model: figure_chart with
 * public_only and service_view with public_only read as the public reads,
 * whoever asks, so the page, its tables and its downloads show the same
 * figures to everyone.  The public page cache (web/cache.c) keeps an
 * answer only while the database is unchanged, so a published value is on
 * the page at once.  No SQL here.
 */
#include <math.h>
#include <string.h>

#include "app/core/api.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/figure/chart_svg.h"
#include "app/figure/figure_handlers.h"
#include "app/figure/figure_view.h"
#include "base/html.h"
#include "base/util.h"

/* The headline figures: each public indicator's latest community value. */
static void key_figures(Req *r, const Indicator *ind, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        ChartData c;
        if (figure_chart(r->db, r->arena, r->viewer, true, ind[i].code, CHART_TIME, NULL, &c, NULL) || !c.n) {
            continue;
        }
        if (!any) {
            html_printf(&r->body, "<ul class=\"key-figures\" aria-label=\"%s\">", T(r, "Nøkkeltall"));
            any = true;
        }
        /* The latest real figure; the latest illustrative one only when there is none. */
        const FigureValue *last = &c.v[c.n - 1];
        for (size_t k = c.n; k-- > 0;) {
            if (!c.v[k].illustrative) {
                last = &c.v[k];
                break;
            }
        }
        html_printf(&r->body, "<li data-indicator=\"%s\"><span class=\"big\">%s%s</span>%s %s, %s<br><small>%s%s</small>"
                              "</li>",
                    ind[i].code, fview_num(r, last->value, ind[i].decimals), last->illustrative ? " *" : "",
                    fview_name(r, &ind[i]),
                    T(r, "i fellesskapet"), fview_period(r, last->period), T(r, "Kilde: "),
                    *last->source ? last->source : ind[i].source);
    }
    if (any) {
        html_printf(&r->body, "</ul>");
    }
}

/* The public face of the shared services: per service, the median of
 * each metric over the ministries whose figures are open, linked to the
 * service's page with the figures per ministry. */
static void services_section(Req *r)
{
    Service *s;
    size_t n = 0;
    if (service_list(r->db, r->arena, &g_anonymous, &s, &n, NULL) || !n) {
        return;
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"services\">%s</h2><p class=\"ds-paragraph\">"
                          "%s</p>",
                T(r, "Fellestjenester"),
                T(r, "Ressursbruk og kvalitet i de administrative fellestjenestene (tiltak 2.3), som median over "
                     "departementene. Tall et departement har merket som interne, er ikke med."));
    bool header = false, illustrative = false;
    for (size_t i = 0; i < n; i++) {
        ServiceView sv;
        if (service_view(r->db, r->arena, r->viewer, true, s[i].id, NULL, &sv, NULL)) {
            continue;
        }
        illustrative |= sv.illustrative;
        if (!header) {
            const char *cap = T(r, "Fellestjenester, median over departementene");
            html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                                  "class=\"ds-table\" data-border id=\"services-median\"><caption>%s</caption><thead><tr>"
                                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                        cap, cap, T(r, "Tjeneste"), T(r, "Periode"));
            for (size_t m = 0; m < sv.nmetrics; m++) {
                html_printf(&r->body, "<th scope=\"col\" class=\"num\">%s (%s)</th>", fview_metric(r, &sv.metrics[m]),
                            T(r, sv.metrics[m].unit));
            }
            html_printf(&r->body, "</tr></thead><tbody>");
            header = true;
        }
        html_printf(&r->body, "<tr data-service=\"%s\"><th scope=\"row\"><a class=\"ds-link\" href=\"/services/%lld\">"
                              "%s</a></th><td>%s</td>",
                    sv.svc.code, (long long)sv.svc.id,
                    TPICK(r, sv.svc.name, *sv.svc.name_nn ? sv.svc.name_nn : sv.svc.name,
                          *sv.svc.name_en ? sv.svc.name_en : sv.svc.name),
                    sv.period ? fview_period(r, sv.period) : "–");
        for (size_t m = 0; m < sv.nmetrics; m++) {
            html_printf(&r->body, "<td class=\"num\">%s</td>",
                        sv.stats[m].n ? fview_num(r, sv.stats[m].median, 1) : "–");
        }
        html_printf(&r->body, "</tr>");
    }
    if (header) {
        html_printf(&r->body, "</tbody></table></div>");
    }
    if (illustrative) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><span class=\"ds-tag\" data-color=\"warning\">%s</span> %s</p>",
                    T(r, "Illustrative tall"), T(r, "Tallene for fellestjenestene er laget for demonstrasjon."));
    }
}

static int facts(Req *r)
{
    Indicator *ind;
    size_t n = 0;
    if (indicator_list(r->db, r->arena, r->viewer, true, &ind, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Fakta om departementene");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>",
                r->title,
                T(r, "Nøkkeltall om departementene og departementsfellesskapet: ansatte, årsverk, alder, kjønn, "
                     "turnover og sykefravær, og hvordan fellestjenestene brukes. Alle tall kan lastes ned som CSV og "
                     "JSON-stat."));
    view_notice(r);
    bool illustrative = false;
    for (size_t i = 0; i < n; i++) {
        illustrative |= ind[i].illustrative;
    }
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen nøkkeltall er publisert ennå. Strategisekretariatet publiserer dem under Nøkkeltall."));
    }
    key_figures(r, ind, n);
    if (illustrative) {
        fview_illustrative(r);
    }
    for (size_t i = 0; i < n; i++) {
        ChartData c;
        if (figure_chart(r->db, r->arena, r->viewer, true, ind[i].code, CHART_TIME, NULL, &c, NULL)) {
            continue;
        }
        if (!c.n && figure_chart(r->db, r->arena, r->viewer, true, ind[i].code, CHART_MINISTRIES, NULL, &c, NULL)) {
            continue;
        }
        html_printf(&r->body, "<section aria-labelledby=\"h-%s\"><h2 class=\"ds-heading\" data-size=\"md\" "
                              "id=\"h-%s\">%s</h2><p class=\"ds-paragraph\">%s</p>",
                    ind[i].code, ind[i].code, fview_name(r, &ind[i]), fview_desc(r, &ind[i]));
        fview_chart(r, &c, arena_printf(r->arena, "/api/v1/facts/%s", ind[i].code));
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/facts/%s\">%s<span "
                              "class=\"ds-sr-only\"> – %s</span></a></p></section>",
                    ind[i].code, T(r, "Se tallene per departement"), fview_name(r, &ind[i]));
    }
    services_section(r);
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><p class=\"ds-paragraph\">%s "
                          "<a class=\"ds-link\" href=\"/collaboration\">%s</a></p>",
                T(r, "Hvordan departementene samarbeider"),
                T(r, "samla viser også hvordan departementene arbeider sammen: felles grupper, foreleggelser og "
                     "svartider."),
                T(r, "Se samarbeidet i fellesskapet"));
    return 200;
}

int facts_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = facts(r);
    db_read_end(r->db, tx);
    return status;
}

/* The three charts of one indicator; period chooses the bar chart's. */
static void indicator_charts(Req *r, bool public_only, const char *code, const char *base, const char *action)
{
    ChartData c;
    const char *period = params_get(&r->query, "period");
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hele fellesskapet over tid"));
    if (!figure_chart(r->db, r->arena, r->viewer, public_only, code, CHART_TIME, NULL, &c, NULL)) {
        fview_chart(r, &c, base);
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"ministries\">%s</h2>",
                T(r, "Departementene i én periode"));
    ChartData all;
    if (!figure_chart(r->db, r->arena, r->viewer, public_only, code, CHART_MULTIPLES, NULL, &all, NULL) &&
        all.nperiods > 1) {
        html_printf(&r->body, "<form method=\"get\" action=\"%s#ministries\" class=\"inline-form\"><div class=\"ds-field\">"
                              "<label class=\"ds-label\" for=\"show-period\">%s</label><select class=\"ds-input\" "
                              "id=\"show-period\" name=\"period\">",
                    action, T(r, "Periode"));
        for (size_t i = all.nperiods; i-- > 0;) {
            view_option(&r->body, all.periods[i], fview_period(r, all.periods[i]),
                        period ? str_eq(period, all.periods[i]) : i == all.nperiods - 1);
        }
        html_printf(&r->body, "</select></div><button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">"
                              "%s</button></form>",
                    T(r, "Vis"));
    }
    if (!figure_chart(r->db, r->arena, r->viewer, public_only, code, CHART_MINISTRIES, period, &c, NULL)) {
        fview_chart(r, &c, base);
    }
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hvert departement over tid"));
    if (!figure_chart(r->db, r->arena, r->viewer, public_only, code, CHART_MULTIPLES, NULL, &c, NULL)) {
        fview_chart(r, &c, base);
    }
}

void indicator_facts(Req *r, const Indicator *ind)
{
    html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p><dl class=\"facts-list\"><dt>%s</dt><dd>%s</dd>"
                          "<dt>%s</dt><dd>%s</dd>",
                fview_desc(r, ind), T(r, "Enhet"), T(r, ind->unit), T(r, "Kilde"), *ind->source ? ind->source : "–");
    if (*ind->method) {
        html_printf(&r->body, "<dt>%s</dt><dd>%s</dd>", T(r, "Metode"), ind->method);
    }
    html_printf(&r->body, "<dt>%s</dt><dd>%s</dd></dl>", T(r, "Bra retning"),
                str_eq(ind->better, "up")     ? T(r, "Høyere er bedre")
                : str_eq(ind->better, "down") ? T(r, "Lavere er bedre")
                                              : T(r, "Verken høyere eller lavere er bedre i seg selv"));
    if (ind->illustrative) {
        fview_illustrative(r);
    }
}

void indicator_charts_section(Req *r, bool public_only, const Indicator *ind, const char *base, const char *action)
{
    indicator_charts(r, public_only, ind->code, base, action);
}

int facts_indicator_page(Req *r)
{
    Indicator ind;
    ChartData c;
    if (figure_chart(r->db, r->arena, r->viewer, true, r->args[0], CHART_TIME, NULL, &c, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe publisert nøkkeltall med denne adressen."));
    }
    ind = c.ind;
    r->title = fview_name(r, &ind);
    req_crumb(r, T(r, "Fakta om departementene"), "/facts");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    indicator_facts(r, &ind);
    indicator_charts(r, true, ind.code, arena_printf(r->arena, "/api/v1/facts/%s", ind.code),
                     arena_printf(r->arena, "/facts/%s", ind.code));
    return 200;
}

/* ---- downloads ---------------------------------------------------------------------- */

static int download(Req *r, bool public_only, const char *code, bool jsonstat)
{
    FigureChart kind = CHART_TIME;
    const char *chart = params_get(&r->query, "chart");
    if (chart && !figure_chart_kind(chart, &kind)) {
        return api_error(r, 400, "invalid", "chart must be time, ministries or multiples");
    }
    const char *period = params_get(&r->query, "period");
    if (period && *period && !figure_period_valid(period)) {
        return api_error(r, 400, "invalid", "period must look like 2024, 2024T1, 2024K1 or 2024M01");
    }
    ChartData c;
    Err e = {0};
    if (figure_chart(r->db, r->arena, r->viewer, public_only, code, kind, period, &c, &e)) {
        return api_model_error(r, &e);
    }
    buf_reset(&r->body);
    if (jsonstat) {
        figure_jsonstat_write(&c, &r->body);
        r->content_type = "application/json; charset=utf-8";
    } else {
        figure_chart_csv(&c, &r->body);
        r->content_type = "text/csv; charset=utf-8";
    }
    const char *name = arena_printf(r->arena, "%s-%s%s%s.%s", c.ind.code, figure_chart_name(kind),
                                    c.chart == CHART_MINISTRIES && c.period ? "-" : "",
                                    c.chart == CHART_MINISTRIES && c.period ? c.period : "", jsonstat ? "json" : "csv");
    req_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", name));
    r->raw = true;
    return req_status(r, 200);
}

int facts_csv_api(Req *r)
{
    return download(r, true, r->args[0], false);
}

int facts_jsonstat_api(Req *r)
{
    return download(r, true, r->args[0], true);
}

/* The signed-in indicator page's downloads: what the viewer may see. */
static const char *code_of(Req *r)
{
    int64_t id;
    Indicator ind;
    if (!api_path_id(r, 0, &id)) {
        return NULL;
    }
    if (indicator_get(r->db, r->arena, r->viewer, id, &ind, NULL)) {
        api_error(r, 404, "not_found", "no such indicator");
        return NULL;
    }
    return ind.code;
}

int indicator_csv_api(Req *r)
{
    const char *code = code_of(r);
    return code ? download(r, false, code, false) : r->status;
}

int indicator_jsonstat_api(Req *r)
{
    const char *code = code_of(r);
    return code ? download(r, false, code, true) : r->status;
}
