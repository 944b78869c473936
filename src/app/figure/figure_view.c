/* figure_view.c: see figure_view.h.  No SQL: everything it shows comes in
 * a ChartData from figure_chart, the same data the downloads write. */
#include "app/figure/figure_view.h"

#include <math.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/figure/chart_svg.h"
#include "app/figure/figure_int.h"
#include "base/html.h"
#include "base/util.h"

/* The units of the demo's indicators, for the catalogues; a unit the
 * secretariat writes that is not here is shown as written. */
static const char *const g_units[] = {N_("personer"), N_("prosent"), N_("år"), N_("årsverk")};

const char *fview_num(Req *r, double x, int decimals)
{
    return figure_number(r->arena, x, decimals, r->lang != LANG_EN);
}

static const char *pick(Req *r, const char *nb, const char *nn, const char *en)
{
    return TPICK(r, nb, nn && *nn ? nn : nb, en && *en ? en : nb);
}

const char *fview_name(Req *r, const Indicator *ind)
{
    return pick(r, ind->name, ind->name_nn, ind->name_en);
}

const char *fview_desc(Req *r, const Indicator *ind)
{
    return pick(r, ind->description, ind->description_nn, ind->description_en);
}

const char *fview_ministry(Req *r, const char *nb, const char *nn, const char *en)
{
    return nb ? pick(r, nb, nn, en) : T(r, "Departementsfellesskapet");
}

const char *fview_period(Req *r, const char *p)
{
    if (!p || strlen(p) <= 4) {
        return p ? p : "";
    }
    const char *year = arena_strndup(r->arena, p, 4);
    if (p[4] == 'T') {
        return TF(r, "%c. tertial %s", p[5], year);
    }
    if (p[4] == 'K') {
        return TF(r, "%c. kvartal %s", p[5], year);
    }
    return arena_printf(r->arena, "%s.%s", p + 5, year);
}

void fview_illustrative(Req *r)
{
    (void)g_units;
    html_printf(&r->body, "<p class=\"ds-paragraph\"><span class=\"ds-tag\" data-color=\"warning\">%s</span> %s</p>",
                T(r, "Illustrative tall"),
                T(r, "Tallene per departement er laget for demonstrasjon og er ikke reelle. De kontrollerte tallene "
                     "for hele fellesskapet er merket med kilde."));
}

static void downloads(Req *r, const ChartData *c, const char *base)
{
    /* html_printf escapes the & of the query, as an attribute needs. */
    const char *q = c->chart == CHART_MINISTRIES && c->period
                        ? arena_printf(r->arena, "chart=%s&period=%s", figure_chart_name(c->chart),
                                       url_enc(r->arena, c->period))
                        : arena_printf(r->arena, "chart=%s", figure_chart_name(c->chart));
    const char *name = fview_name(r, &c->ind);
    html_printf(&r->body, "<p class=\"ds-paragraph downloads\">%s <a class=\"ds-link\" href=\"%s/csv?%s\" "
                          "data-download=\"csv\">CSV<span class=\"ds-sr-only\"> – %s</span></a> · "
                          "<a class=\"ds-link\" href=\"%s/jsonstat?%s\" data-download=\"jsonstat\">JSON-stat"
                          "<span class=\"ds-sr-only\"> – %s</span></a></p>",
                T(r, "Last ned tallene:"), base, q, name, base, q, name);
}

static void table_open(Req *r, const char *caption, const char *id)
{
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
                          "<table class=\"ds-table\" data-border id=\"%s\"><caption>%s</caption>",
                caption, id, caption);
}

static void value_cell(Req *r, const Indicator *ind, const FigureValue *v)
{
    html_printf(&r->body, "<td class=\"num\" data-value=\"%s\">%s%s</td>", fig_num_text(r->arena, v->value),
                fview_num(r, v->value, ind->decimals), v->illustrative ? " *" : "");
}

static void time_chart(Req *r, const ChartData *c, const char *id)
{
    double *y = arena_alloc(r->arena, (c->nperiods + 1) * sizeof *y);
    double *goal = arena_alloc(r->arena, (c->nperiods + 1) * sizeof *goal);
    bool targets = false;
    for (size_t i = 0; i < c->nperiods; i++) {
        y[i] = goal[i] = NAN;
        for (size_t k = 0; k < c->n; k++) {
            if (str_eq(c->v[k].period, c->periods[i])) {
                y[i] = c->v[k].value;
                goal[i] = c->v[k].has_target ? c->v[k].target : NAN;
                targets |= c->v[k].has_target;
            }
        }
    }
    /* The targets, when there are any, as a second (dashed) line. */
    ChartSeries s[2] = {{T(r, "Departementsfellesskapet"), y}, {T(r, "Mål"), goal}};
    ChartText t = {id, TF(r, "%s over tid", fview_name(r, &c->ind)),
                   TF(r, "Linjediagram for hele departementsfellesskapet, %s–%s. Tallene står i tabellen under.",
                      c->nperiods ? c->periods[0] : "", c->nperiods ? c->periods[c->nperiods - 1] : ""),
                   r->lang != LANG_EN, c->ind.decimals};
    chart_line_svg(&r->body, &t, c->periods, c->nperiods, s, targets ? 2 : 1);
    table_open(r, TF(r, "%s, hele fellesskapet (%s)", fview_name(r, &c->ind), T(r, c->ind.unit)),
               arena_printf(r->arena, "%s-table", id));
    html_printf(&r->body, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Periode"), T(r, "Verdi"), T(r, "Mål"), T(r, "Kilde og merknad"));
    for (size_t k = 0; k < c->n; k++) {
        const FigureValue *v = &c->v[k];
        html_printf(&r->body, "<tr data-period=\"%s\"><th scope=\"row\">%s</th>", v->period, fview_period(r, v->period));
        value_cell(r, &c->ind, v);
        html_printf(&r->body, "<td class=\"num\">%s</td>",
                    v->has_target ? fview_num(r, v->target, c->ind.decimals) : "–");
        html_printf(&r->body, "<td lang=\"nb\">%s%s%s</td></tr>", *v->source ? v->source : c->ind.source, *v->note ? " – " : "",
                    v->note);
    }
    html_printf(&r->body, "</tbody></table></div>");
}

static void ministries_chart(Req *r, const ChartData *c, const char *id)
{
    const char **labels = arena_alloc(r->arena, (c->n + 1) * sizeof *labels);
    double *y = arena_alloc(r->arena, (c->n + 1) * sizeof *y);
    for (size_t k = 0; k < c->n; k++) {
        labels[k] = c->v[k].ministry;
        y[k] = c->v[k].value;
    }
    ChartText t = {id, TF(r, "%s per departement, %s", fview_name(r, &c->ind), fview_period(r, c->period)),
                   T(r, "Liggende stolper, ett per departement. Tallene står i tabellen under."), r->lang != LANG_EN,
                   c->ind.decimals};
    chart_bar_svg(&r->body, &t, labels, y, c->n, NAN, NULL);
    table_open(r, TF(r, "%s per departement, %s (%s)", fview_name(r, &c->ind), fview_period(r, c->period), T(r, c->ind.unit)),
               arena_printf(r->arena, "%s-table", id));
    html_printf(&r->body, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                T(r, "Departement"), T(r, "Verdi"), T(r, "Mål"));
    for (size_t k = 0; k < c->n; k++) {
        const FigureValue *v = &c->v[k];
        html_printf(&r->body, "<tr data-ministry=\"%s\"><th scope=\"row\">%s</th>", v->ministry,
                    fview_ministry(r, v->ministry_name, v->ministry_nn, v->ministry_en));
        value_cell(r, &c->ind, v);
        html_printf(&r->body, "<td class=\"num\">%s</td></tr>", v->has_target ? fview_num(r, v->target, c->ind.decimals) : "–");
    }
    html_printf(&r->body, "</tbody></table></div>");
}

static void multiples_chart(Req *r, const ChartData *c, const char *id)
{
    html_printf(&r->body, "<div class=\"multiples\">");
    double *y = arena_alloc(r->arena, (c->nperiods + 1) * sizeof *y);
    for (size_t k = 0; k < c->n;) {
        size_t end = k;
        while (end < c->n && str_eq(c->v[end].ministry, c->v[k].ministry)) {
            end++;
        }
        for (size_t i = 0; i < c->nperiods; i++) {
            y[i] = NAN;
            for (size_t j = k; j < end; j++) {
                if (str_eq(c->v[j].period, c->periods[i])) {
                    y[i] = c->v[j].value;
                }
            }
        }
        const char *name = fview_ministry(r, c->v[k].ministry_name, c->v[k].ministry_nn, c->v[k].ministry_en);
        html_printf(&r->body, "<figure><figcaption>%s</figcaption>", name);
        ChartSeries s = {c->v[k].ministry, y};
        ChartText t = {arena_printf(r->arena, "%s-%s", id, c->v[k].ministry), TF(r, "%s, %s", fview_name(r, &c->ind), name),
                       T(r, "Linjediagram for ett departement. Tallene står i tabellen under."), r->lang != LANG_EN,
                       c->ind.decimals};
        chart_line_svg(&r->body, &t, c->periods, c->nperiods, &s, 1);
        html_printf(&r->body, "</figure>");
        k = end;
    }
    html_printf(&r->body, "</div>");
    table_open(r, TF(r, "%s per departement og periode (%s)", fview_name(r, &c->ind), T(r, c->ind.unit)),
               arena_printf(r->arena, "%s-table", id));
    html_printf(&r->body, "<thead><tr><th scope=\"col\">%s</th>", T(r, "Departement"));
    for (size_t i = 0; i < c->nperiods; i++) {
        html_printf(&r->body, "<th scope=\"col\" class=\"num\">%s</th>", fview_period(r, c->periods[i]));
    }
    html_printf(&r->body, "</tr></thead><tbody>");
    for (size_t k = 0; k < c->n;) {
        html_printf(&r->body, "<tr data-ministry=\"%s\"><th scope=\"row\">%s</th>", c->v[k].ministry,
                    fview_ministry(r, c->v[k].ministry_name, c->v[k].ministry_nn, c->v[k].ministry_en));
        size_t end = k;
        while (end < c->n && str_eq(c->v[end].ministry, c->v[k].ministry)) {
            end++;
        }
        for (size_t i = 0; i < c->nperiods; i++) {
            const FigureValue *hit = NULL;
            for (size_t j = k; j < end; j++) {
                hit = str_eq(c->v[j].period, c->periods[i]) ? &c->v[j] : hit;
            }
            if (hit) {
                value_cell(r, &c->ind, hit);
            } else {
                html_printf(&r->body, "<td class=\"num\">–</td>");
            }
        }
        html_printf(&r->body, "</tr>");
        k = end;
    }
    html_printf(&r->body, "</tbody></table></div>");
}

void fview_chart(Req *r, const ChartData *c, const char *base)
{
    const char *id = arena_printf(r->arena, "fig-%s-%s", c->ind.code, figure_chart_name(c->chart));
    if (!c->n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen tall ennå. Strategisekretariatet legger inn tall for hånd eller importerer dem fra "
                         "SSB (JSON-stat) eller et regneark."));
        return;
    }
    html_printf(&r->body, "<figure class=\"chart\" id=\"%s-fig\">", id);
    if (c->chart == CHART_TIME) {
        time_chart(r, c, id);
    } else if (c->chart == CHART_MINISTRIES) {
        ministries_chart(r, c, id);
    } else {
        multiples_chart(r, c, id);
    }
    html_printf(&r->body, "</figure>");
    if (c->illustrative) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "* Illustrativt tall, ikke et reelt tall."));
    }
    downloads(r, c, base);
}

const char *fview_metric(Req *r, const ServiceMetric *m)
{
    return pick(r, m->label, m->label_nn, m->label_en);
}

/* The figure of ministry for metric in sv, or NULL. */
static const ServiceFigure *figure_of(const ServiceView *sv, const char *ministry, const char *metric)
{
    for (size_t i = 0; i < sv->nfigs; i++) {
        if (str_eq(sv->figs[i].ministry, ministry) && str_eq(sv->figs[i].metric, metric)) {
            return &sv->figs[i];
        }
    }
    return NULL;
}

static void metric_charts(Req *r, const ServiceView *sv, const char *id)
{
    for (size_t m = 0; m < sv->nmetrics; m++) {
        const ServiceStat *st = &sv->stats[m];
        if (!st->n) {
            continue;
        }
        const char **labels = arena_alloc(r->arena, (sv->nfigs + 1) * sizeof *labels);
        double *y = arena_alloc(r->arena, (sv->nfigs + 1) * sizeof *y);
        size_t n = 0;
        for (size_t i = 0; i < sv->nfigs; i++) {
            if (str_eq(sv->figs[i].metric, sv->metrics[m].code)) {
                labels[n] = sv->figs[i].ministry;
                y[n++] = sv->figs[i].value;
            }
        }
        ChartText t = {arena_printf(r->arena, "%s-%s", id, sv->metrics[m].code),
                       TF(r, "%s (%s), %s", fview_metric(r, &sv->metrics[m]), T(r, sv->metrics[m].unit), sv->period),
                       T(r, "Liggende stolper per departement; den stiplede linjen er medianen. Tallene står i "
                            "tabellen under."),
                       r->lang != LANG_EN, 1};
        chart_bar_svg(&r->body, &t, labels, y, n, st->median, TF(r, "Median %s", fview_num(r, st->median, 1)));
    }
}

void fview_service_table(Req *r, const ServiceView *sv, const char *id, bool charts)
{
    if (sv->illustrative) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><span class=\"ds-tag\" data-color=\"warning\">%s</span> "
                              "%s</p>",
                    T(r, "Illustrative tall"), T(r, "Tallene for fellestjenestene er laget for demonstrasjon."));
    }
    if (charts) {
        html_printf(&r->body, "<figure class=\"chart\">");
        metric_charts(r, sv, id);
    }
    const char *caption = TF(r, "Tall per departement, %s", fview_period(r, sv->period));
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
                          "<table class=\"ds-table\" data-border id=\"%s\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th>",
                caption, id, caption, T(r, "Departement"));
    for (size_t m = 0; m < sv->nmetrics; m++) {
        html_printf(&r->body, "<th scope=\"col\" class=\"num\">%s (%s)</th>", fview_metric(r, &sv->metrics[m]),
                    T(r, sv->metrics[m].unit));
    }
    html_printf(&r->body, "</tr></thead><tbody>");
    for (size_t i = 0; i < sv->nfigs; i++) {
        if (i && str_eq(sv->figs[i - 1].ministry, sv->figs[i].ministry)) {
            continue;
        }
        const ServiceFigure *f = &sv->figs[i];
        html_printf(&r->body, "<tr data-ministry=\"%s\"><th scope=\"row\">%s</th>", f->ministry,
                    fview_ministry(r, f->ministry_name, f->ministry_nn, f->ministry_en));
        for (size_t m = 0; m < sv->nmetrics; m++) {
            const ServiceFigure *x = figure_of(sv, f->ministry, sv->metrics[m].code);
            if (x) {
                html_printf(&r->body, "<td class=\"num\" data-metric=\"%s\">%s%s</td>", x->metric,
                            fview_num(r, x->value, 1), x->internal ? T(r, " (intern)") : "");
            } else {
                html_printf(&r->body, "<td class=\"num\">–</td>");
            }
        }
        html_printf(&r->body, "</tr>");
    }
    html_printf(&r->body, "</tbody><tfoot>");
    static const char *const rows[] = {N_("Median"), N_("Midterste halvdel"), N_("Laveste–høyeste")};
    for (int k = 0; k < 3; k++) {
        html_printf(&r->body, "<tr><th scope=\"row\">%s</th>", T(r, rows[k]));
        for (size_t m = 0; m < sv->nmetrics; m++) {
            const ServiceStat *st = &sv->stats[m];
            if (!st->n) {
                html_printf(&r->body, "<td class=\"num\">–</td>");
            } else if (k == 0) {
                html_printf(&r->body, "<td class=\"num\" data-median=\"%s\">%s</td>", sv->metrics[m].code,
                            fview_num(r, st->median, 1));
            } else {
                html_printf(&r->body, "<td class=\"num\">%s–%s</td>", fview_num(r, k == 1 ? st->q1 : st->min, 1),
                            fview_num(r, k == 1 ? st->q3 : st->max, 1));
            }
        }
        html_printf(&r->body, "</tr>");
    }
    html_printf(&r->body, "</tfoot></table></div>%s", charts ? "</figure>" : "");
}
