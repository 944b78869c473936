/* chart_svg.c: see chart_svg.h.  Coordinates are whole viewBox units. */
#include "app/figure/chart_svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/html.h"

enum { W = 720, H = 320, LEFT = 64, RIGHT = 16, TOP = 40, BOTTOM = 40 };

static const char *const DASH[] = {"none", "8 5", "2 4", "10 4 2 4"};

static void open_svg(Buf *b, const ChartText *t, int w, int h)
{
    html_printf(b, "<svg class=\"figure-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
                   "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">%s</title>"
                   "<desc id=\"%s-d\">%s</desc>",
                w, h, t->id, t->id, t->id, t->title ? t->title : "", t->id, t->desc ? t->desc : "");
}

/* A tick label: the number with at most 1 decimal, comma when Norwegian. */
static void num(char *out, size_t n, double x, int decimals, bool norwegian)
{
    snprintf(out, n, "%.*f", decimals, x);
    char *dot = strchr(out, '.');
    if (dot && norwegian) {
        *dot = ',';
    }
}

/* A "nice" step for about 5 ticks over [lo, hi]. */
static double nice_step(double lo, double hi)
{
    double span = hi - lo > 0 ? hi - lo : fabs(hi) > 0 ? fabs(hi) : 1;
    double raw = span / 5, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* A marker of series k at (x, y); point: a data point (class "point"), not the legend's. */
static void marker(Buf *b, int k, int x, int y, bool point)
{
    const char *cls = point ? "point" : "key";
    switch (k % 4) {
    case 0:
        html_printf(b, "<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"currentColor\"></circle>", cls, x, y);
        break;
    case 1:
        html_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"8\" height=\"8\" fill=\"currentColor\"></rect>", cls,
                    x - 4, y - 4);
        break;
    case 2:
        html_printf(b, "<path class=\"%s\" d=\"M%d %d l5 9 h-10 z\" fill=\"currentColor\"></path>", cls, x, y - 5);
        break;
    default:
        html_printf(b, "<path class=\"%s\" d=\"M%d %d l5 5 l-5 5 l-5 -5 z\" fill=\"currentColor\"></path>", cls, x, y - 5);
    }
}

void chart_line_svg(Buf *b, const ChartText *t, const char *const *x, size_t nx, const ChartSeries *s, size_t ns)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < ns; k++) {
        for (size_t i = 0; i < nx; i++) {
            if (!isnan(s[k].y[i])) {
                lo = fmin(lo, s[k].y[i]);
                hi = fmax(hi, s[k].y[i]);
            }
        }
    }
    if (!isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    double step = nice_step(lo, hi);
    double y0 = floor(lo / step) * step, y1 = ceil(hi / step) * step;
    if (y1 <= y0) {
        y1 = y0 + step;
    }
    open_svg(b, t, W, H);
    int plot_h = H - TOP - BOTTOM, plot_w = W - LEFT - RIGHT;
#define YPOS(v) (TOP + plot_h - (int)lround(((v) - y0) / (y1 - y0) * plot_h))
#define XPOS(i) (LEFT + (nx > 1 ? (int)((i) * (size_t)plot_w / (nx - 1)) : plot_w / 2))
    int tick_dec = step < 1 ? (step < 0.1 ? 2 : 1) : 0;
    for (double v = y0; v <= y1 + step / 2; v += step) {
        char lab[40];
        num(lab, sizeof lab, v, tick_dec, t->norwegian);
        html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-width=\"0.5\" "
                       "stroke-dasharray=\"1 3\"></line><text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
                       "fill=\"currentColor\">%s</text>",
                    LEFT, YPOS(v), W - RIGHT, YPOS(v), LEFT - 6, YPOS(v) + 4, lab);
    }
    html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\"></line>", LEFT, H - BOTTOM,
                W - RIGHT, H - BOTTOM);
    size_t every = nx > 12 ? (nx + 11) / 12 : 1;
    for (size_t i = 0; i < nx; i++) {
        if (i % every == 0 || i == nx - 1) {
            html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%s</text>", XPOS(i),
                        H - BOTTOM + 20, x[i]);
        }
    }
    for (size_t k = 0; k < ns && k < 4; k++) {
        int lx = LEFT + (int)k * 160;
        html_printf(b, "<line x1=\"%d\" y1=\"16\" x2=\"%d\" y2=\"16\" stroke=\"currentColor\" stroke-width=\"3\" "
                       "stroke-dasharray=\"%s\"></line>",
                    lx, lx + 28, DASH[k]);
        marker(b, (int)k, lx + 14, 16, false);
        html_printf(b, "<text x=\"%d\" y=\"21\" fill=\"currentColor\">%s</text>", lx + 34, s[k].label ? s[k].label : "");
        Buf d = {0};
        bool pen = false;
        for (size_t i = 0; i < nx; i++) {
            if (isnan(s[k].y[i])) {
                pen = false;
                continue;
            }
            buf_printf(&d, "%s%d %d ", pen ? "L" : "M", XPOS(i), YPOS(s[k].y[i]));
            pen = true;
        }
        html_printf(b, "<path d=\"%s\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\" "
                       "stroke-dasharray=\"%s\" stroke-linejoin=\"round\"></path>",
                    buf_str(&d), DASH[k]);
        buf_free(&d);
        for (size_t i = 0; i < nx; i++) {
            if (!isnan(s[k].y[i])) {
                marker(b, (int)k, XPOS(i), YPOS(s[k].y[i]), true);
            }
        }
    }
#undef YPOS
#undef XPOS
    html_printf(b, "</svg>");
}

void chart_bar_svg(Buf *b, const ChartText *t, const char *const *labels, const double *v, size_t n, double ref,
                   const char *ref_label)
{
    enum { BAR = 18, GAP = 6, LABEL_W = 70, VALUE_W = 90 };
    double hi = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        hi = fmax(hi, v[i]);
        lo = fmin(lo, v[i]);
    }
    if (!isnan(ref)) {
        hi = fmax(hi, ref);
    }
    if (hi <= lo) {
        hi = lo + 1;
    }
    int h = TOP + (int)n * (BAR + GAP) + 20;
    open_svg(b, t, W, h);
    int x0 = LABEL_W, plot_w = W - LABEL_W - VALUE_W;
#define XV(x) (x0 + (int)lround(((x) - lo) / (hi - lo) * plot_w))
    for (size_t i = 0; i < n; i++) {
        int y = TOP + (int)i * (BAR + GAP);
        int xa = XV(fmin(0, v[i])), xb = XV(fmax(0, v[i]));
        char lab[48];
        num(lab, sizeof lab, v[i], t->decimals, t->norwegian);
        html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"currentColor\">%s</text>"
                       "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"currentColor\" fill-opacity=\"0.55\" "
                       "stroke=\"currentColor\" data-label=\"%s\" data-value=\"%s\"></rect>"
                       "<text x=\"%d\" y=\"%d\" fill=\"currentColor\">%s</text>",
                    x0 - 6, y + BAR - 4, labels[i], xa, y, xb - xa > 0 ? xb - xa : 1, BAR, labels[i], lab, xb + 6,
                    y + BAR - 4, lab);
    }
    if (!isnan(ref)) {
        int xr = XV(ref);
        html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-width=\"2\" "
                       "stroke-dasharray=\"6 4\"></line><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                       "fill=\"currentColor\">%s</text>",
                    xr, TOP - 8, xr, h - 14, xr, TOP - 14, ref_label ? ref_label : "");
    }
#undef XV
    html_printf(b, "</svg>");
}

void chart_heat_svg(Buf *b, const ChartText *t, const char *const *labels, const int *cell, size_t n, int max)
{
    enum { CELL = 34, MARGIN = 60 };
    int size = MARGIN + (int)n * CELL + 8;
    open_svg(b, t, size, size);
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"currentColor\">%s</text>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%s</text>",
                    MARGIN - 6, MARGIN + (int)i * CELL + CELL / 2 + 4, labels[i], MARGIN + (int)i * CELL + CELL / 2,
                    MARGIN - 10, labels[i]);
        for (size_t j = 0; j < n; j++) {
            int x = MARGIN + (int)j * CELL, y = MARGIN + (int)i * CELL, c = cell[i * n + j];
            double share = i == j || max <= 0 ? 0 : (double)c / max;
            char op[16];
            snprintf(op, sizeof op, "%.2f", share * 0.85);
            html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"currentColor\" "
                           "fill-opacity=\"%s\" stroke=\"currentColor\" stroke-width=\"0.5\"></rect>",
                        x, y, CELL, CELL, op);
            if (i != j && c) {
                /* The number stands on a white plate, so it reads on any shade. */
                html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"20\" height=\"14\" fill=\"Canvas\" "
                               "stroke=\"none\"></rect><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                               "fill=\"currentColor\">%d</text>",
                            x + CELL / 2 - 10, y + CELL / 2 - 8, x + CELL / 2, y + CELL / 2 + 3, c);
            }
        }
    }
    html_printf(b, "</svg>");
}
