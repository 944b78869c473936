/* chart_svg.h: charts of figures drawn on the server as SVG, without
 * JavaScript, in the style of group/ladder_svg.c: role="img" with a title
 * and a description, everything drawn in currentColor (lines told apart
 * by dashes and marker shapes, not by colour) so they stay readable in
 * Windows high-contrast mode, and a data table after each chart on the
 * page as its text alternative.  Values and labels go through
 * html_printf, so they are escaped.
 */
#ifndef SAMLA_CHART_SVG_H
#define SAMLA_CHART_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

typedef struct ChartSeries {
    const char *label;            /* legend text */
    const double *y;              /* one per x label; NAN: no value */
} ChartSeries;

typedef struct ChartText {
    const char *id;               /* unique on the page: ids of title and desc */
    const char *title, *desc;
    bool norwegian;               /* decimal comma on the axis */
    int decimals;
} ChartText;

/* chart_line_svg: lines over x (periods), up to 4 series (solid, dashed,
 * dotted, dash-dot; circle, square, triangle, diamond markers). */
void chart_line_svg(Buf *b, const ChartText *t, const char *const *x, size_t nx, const ChartSeries *s, size_t ns);

/* chart_bar_svg: one horizontal bar per label, with its value written
 * after it, and a dashed line at ref (NAN: none) labelled ref_label. */
void chart_bar_svg(Buf *b, const ChartText *t, const char *const *labels, const double *v, size_t n, double ref,
                   const char *ref_label);

/* chart_heat_svg: an n × n heat map; cell[i*n+j] shaded by its share of
 * max and written as a number; labels on both axes. */
void chart_heat_svg(Buf *b, const ChartText *t, const char *const *labels, const int *cell, size_t n, int max);

#endif
