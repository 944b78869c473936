/* ladder_svg.c: see ladder_svg.h.  Coordinates are whole viewBox units;
 * every text is escaped by html_printf. */
#include "app/group/ladder_svg.h"

#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/util.h"

enum {
    PLOT_X0 = LSVG_LEFT,
    PLOT_X1 = LSVG_W - LSVG_RIGHT,
    AXIS_Y = LSVG_H - LSVG_BOTTOM,          /* the x axis */
    STEP1_Y = AXIS_Y - 12,                  /* step 1 sits just above it */
    STEP_GAP = (STEP1_Y - LSVG_TOP - 8) / (LSVG_STEPS - 1),   /* between two steps */
};

int ladder_svg_y(int step)
{
    if (step < 1) {
        step = 1;
    }
    if (step > LSVG_STEPS) {
        step = LSVG_STEPS;
    }
    return STEP1_Y - (step - 1) * STEP_GAP;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long ladder_svg_days(const char *date)
{
    if (!date || !date_valid(date)) {
        return 0;
    }
    int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    int m = (date[5] - '0') * 10 + (date[6] - '0');
    int d = (date[8] - '0') * 10 + (date[9] - '0');
    return days_from_civil(y, m, d);
}

static int x_of(long day, long d0, long d1)
{
    if (d1 <= d0) {
        d1 = d0 + 1;
    }
    if (day < d0) {
        day = d0;
    }
    if (day > d1) {
        day = d1;
    }
    return PLOT_X0 + (int)((day - d0) * (PLOT_X1 - PLOT_X0) / (d1 - d0));
}

int ladder_svg_x(const char *date, const char *from, const char *to)
{
    long d0 = ladder_svg_days(from), d1 = ladder_svg_days(to), d = ladder_svg_days(date);
    return x_of(d ? d : d0, d0, d1);
}

static const char *dash(LadderStyle s)
{
    return s == LSVG_DASHED ? "8 5" : s == LSVG_DOTTED ? "2 4" : "none";
}

/* The y axis: a line per step with its label, and the x axis. */
static void axes(Buf *b, const LadderChart *c, long d0, long d1)
{
    for (int s = 1; s <= LSVG_STEPS; s++) {
        int y = ladder_svg_y(s);
        html_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" "
                       "stroke-width=\"1\"></line>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"currentColor\">%s</text>",
                    PLOT_X0, y, PLOT_X1, y, PLOT_X0 - 8, y + 4, c->step_labels[s] ? c->step_labels[s] : "");
    }
    html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-width=\"1\"></line>",
                PLOT_X0, AXIS_Y, PLOT_X1, AXIS_Y);
    /* Years: a tick and a label on each 1 January in range. */
    int y0 = c->from && date_valid(c->from) ? (int)strtol(c->from, NULL, 10) : 0;
    int y1 = c->to && date_valid(c->to) ? (int)strtol(c->to, NULL, 10) : 0;
    int every = y1 - y0 > 16 ? 4 : y1 - y0 > 8 ? 2 : 1;
    for (int y = y0; y0 && y <= y1; y++) {
        long day = days_from_civil(y, 1, 1);
        if (day < d0 || day > d1 || (y - y0) % every) {
            continue;
        }
        int x = x_of(day, d0, d1);
        html_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-width=\"1\">"
                       "</line><text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"currentColor\">%d</text>",
                    x, AXIS_Y, x, AXIS_Y + 6, x, AXIS_Y + 22, "middle", y);
    }
}

static void legend(Buf *b, const LadderChart *c)
{
    for (size_t i = 0; i < c->nlines; i++) {
        int x = 16 + (int)i * 150;
        html_printf(b, "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"14\" stroke=\"currentColor\" stroke-width=\"3\" "
                       "stroke-dasharray=\"%s\"></line><text x=\"%d\" y=\"19\" fill=\"currentColor\">%s</text>",
                    x, x + 30, dash(c->lines[i].style), x + 38, c->lines[i].label ? c->lines[i].label : "");
    }
}

static void line(Buf *b, const LadderLine *l, long d0, long d1)
{
    if (!l->n) {
        return;
    }
    Buf d = {0};
    for (size_t i = 0; i < l->n; i++) {
        int x = x_of(ladder_svg_days(l->pts[i].date), d0, d1);
        int y = ladder_svg_y(l->pts[i].step);
        if (i == 0) {
            buf_printf(&d, "M%d %d", x, y);
        } else {
            buf_printf(&d, " H%d V%d", x, y);
        }
    }
    buf_printf(&d, " H%d", PLOT_X1);
    html_printf(b, "<path d=\"%s\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\" stroke-dasharray=\"%s\" "
                   "stroke-linejoin=\"round\"></path>",
                buf_str(&d), dash(l->style));
    buf_free(&d);
    for (size_t i = 0; l->markers && i < l->n; i++) {
        html_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"currentColor\" data-date=\"%s\" data-step=\"%d\">"
                       "</circle>",
                    x_of(ladder_svg_days(l->pts[i].date), d0, d1), ladder_svg_y(l->pts[i].step), l->pts[i].date,
                    l->pts[i].step);
    }
}

void ladder_svg(Buf *b, const LadderChart *c)
{
    long d0 = ladder_svg_days(c->from), d1 = ladder_svg_days(c->to);
    html_printf(b, "<svg class=\"ladder-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
                   "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">%s</title>"
                   "<desc id=\"%s-d\">%s</desc>",
                LSVG_W, LSVG_H, c->id, c->id, c->id, c->title ? c->title : "", c->id, c->desc ? c->desc : "");
    axes(b, c, d0, d1);
    legend(b, c);
    for (size_t i = 0; i < c->nlines; i++) {
        line(b, &c->lines[i], d0, d1);
    }
    html_printf(b, "</svg>");
}

void ladder_bars_svg(Buf *b, const char *id, const char *title, const char *desc,
                     const char *const step_labels[LSVG_STEPS + 1], const int now[LSVG_STEPS + 1],
                     const int before[LSVG_STEPS + 1], const char *now_label, const char *before_label)
{
    enum { BAR_W = 36, BAR_GAP = 6, TOP = 50, HEIGHT = AXIS_Y - TOP };
    int max = 1;
    for (int s = 1; s <= LSVG_STEPS; s++) {
        max = now[s] > max ? now[s] : max;
        max = before[s] > max ? before[s] : max;
    }
    html_printf(b, "<svg class=\"ladder-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
                   "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">%s</title>"
                   "<desc id=\"%s-d\">%s</desc>",
                LSVG_W, LSVG_H, id, id, id, title ? title : "", id, desc ? desc : "");
    html_printf(b, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"14\" fill=\"currentColor\" stroke=\"currentColor\">"
                   "</rect><text x=\"%d\" y=\"18\" fill=\"currentColor\">%s</text>"
                   "<rect x=\"%d\" y=\"7\" width=\"12\" height=\"12\" fill=\"none\" stroke=\"currentColor\" "
                   "stroke-width=\"2\" stroke-dasharray=\"4 2\"></rect><text x=\"%d\" y=\"18\" fill=\"currentColor\">%s"
                   "</text>",
                20, 40, now_label ? now_label : "", 280, 300, before_label ? before_label : "");
    html_printf(b, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-width=\"1\"></line>",
                AXIS_Y, LSVG_W - 10, AXIS_Y);
    int slot = (LSVG_W - 20) / LSVG_STEPS;
    for (int s = 1; s <= LSVG_STEPS; s++) {
        int cx = 10 + (s - 1) * slot + slot / 2;
        int hn = now[s] * HEIGHT / max, hb = before[s] * HEIGHT / max;
        int xn = cx - BAR_GAP / 2 - BAR_W, xb = cx + BAR_GAP / 2;
        html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"currentColor\" "
                       "stroke=\"currentColor\" data-step=\"%d\" data-count=\"%d\"></rect>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%d</text>",
                    xn, AXIS_Y - hn, BAR_W, hn, s, now[s], xn + BAR_W / 2, AXIS_Y - hn - 6, now[s]);
        html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"currentColor\" "
                       "stroke-width=\"2\" stroke-dasharray=\"4 2\" data-step=\"%d\" data-count=\"%d\"></rect>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%d</text>",
                    xb + 1, AXIS_Y - hb, BAR_W - 2, hb, s, before[s], xb + BAR_W / 2, AXIS_Y - hb - 6, before[s]);
        html_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%d</text>"
                       "<text class=\"small\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"currentColor\">%s"
                       "</text>",
                    cx, AXIS_Y + 20, s, cx, AXIS_Y + 38, step_labels[s] ? step_labels[s] : "");
    }
    html_printf(b, "</svg>");
}
