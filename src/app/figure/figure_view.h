/* figure_view.h: the HTML the figure pages share — a chart with its data
 * table and downloads, names and numbers in the page's language.  Only
 * for src/app/figure. */
#ifndef SAMLA_FIGURE_VIEW_H
#define SAMLA_FIGURE_VIEW_H

#include "app/core/req.h"
#include "app/figure/figure.h"

/* fview_num: x in the page's language (decimal comma for bokmål/nynorsk). */
const char *fview_num(Req *r, double x, int decimals);

/* fview_name / fview_ministry / fview_desc: names in the page's language. */
const char *fview_name(Req *r, const Indicator *ind);
const char *fview_desc(Req *r, const Indicator *ind);
const char *fview_ministry(Req *r, const char *nb, const char *nn, const char *en);

/* fview_illustrative: the «Illustrative tall» tag and what it means. */
void fview_illustrative(Req *r);

/* fview_chart: chart c (its SVG, then its data table), and links to its
 * CSV and JSON-stat downloads under base ("/api/v1/facts/ansatte"). */
void fview_chart(Req *r, const ChartData *c, const char *base);

/* fview_period_label: "2024", "2. tertial 2024", "3. kvartal 2024", "mars 2024". */
const char *fview_period(Req *r, const char *period);

/* fview_service_table: a service's figures in its period, ministries by
 * metrics, with the median, the middle half and the range under them;
 * charts: a bar chart per metric with the median marked, before it. */
void fview_service_table(Req *r, const ServiceView *sv, const char *id, bool charts);

/* fview_metric: a service metric's label in the page's language. */
const char *fview_metric(Req *r, const ServiceMetric *m);

/* facts_page.c: an indicator's description, unit, source and method, and
 * its three charts (period from the query; downloads under base; the
 * period form goes to action). */
void indicator_facts(Req *r, const Indicator *ind);
void indicator_charts_section(Req *r, bool public_only, const Indicator *ind, const char *base, const char *action);

#endif
