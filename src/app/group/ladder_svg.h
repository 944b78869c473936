/* ladder_svg.h: the coordination ladder drawn as SVG on the server — a
 * step chart of steps over time, and bars of how many groups stand on
 * each step.  Model-free: the caller passes what to draw, already in the
 * page's language; every text goes through html_printf (escaped).
 *
 * The charts are images (role="img" with a <title> and <desc>); the page
 * puts a table with the same numbers right after each, as the text
 * alternative.  Lines and bars are drawn in currentColor and told apart by
 * dash patterns, markers and fills, not by colour, so they keep working in
 * Windows high-contrast mode (forced colours) and in print.
 */
#ifndef SAMLA_LADDER_SVG_H
#define SAMLA_LADDER_SVG_H

#include <stddef.h>

#include "base/buf.h"

enum { LSVG_STEPS = 4 };

/* The drawing area in viewBox units. */
enum {
    LSVG_W = 560, LSVG_H = 260,
    LSVG_LEFT = 184, LSVG_RIGHT = 16, LSVG_TOP = 44, LSVG_BOTTOM = 46,
};

typedef enum LadderStyle { LSVG_SOLID, LSVG_DASHED, LSVG_DOTTED } LadderStyle;

typedef struct LadderPoint {
    const char *date;                /* ISO date the step was reached */
    int step;                        /* 1–4 */
} LadderPoint;

typedef struct LadderLine {
    const char *label;               /* legend text */
    const LadderPoint *pts;          /* oldest first */
    size_t n;
    LadderStyle style;
    int markers;                     /* draw a marker at each change */
} LadderLine;

typedef struct LadderChart {
    const char *id;                  /* unique on the page: prefix of the ids inside */
    const char *title, *desc;        /* the accessible name and description */
    const char *step_labels[LSVG_STEPS + 1];  /* [1..4]: the y axis */
    const char *from, *to;           /* the dates drawn (ISO); lines start at their first point */
    const LadderLine *lines;
    size_t nlines;
} LadderChart;

/* ladder_svg_y: the y coordinate of step (1–4; clamped). */
int ladder_svg_y(int step);

/* ladder_svg_x: the x coordinate of date between from and to (ISO dates;
 * clamped to the drawing area; a date that is not valid ISO is from). */
int ladder_svg_x(const char *date, const char *from, const char *to);

/* ladder_svg_days: days since 1970-01-01 of an ISO date; 0 for anything
 * else. */
long ladder_svg_days(const char *date);

/* ladder_svg: the step chart c, one <svg> element. */
void ladder_svg(Buf *b, const LadderChart *c);

/* ladder_bars_svg: for each step 1–4, a bar of now[step] (filled) beside a
 * bar of before[step] (outlined), labelled with the counts; one <svg>. */
void ladder_bars_svg(Buf *b, const char *id, const char *title, const char *desc,
                     const char *const step_labels[LSVG_STEPS + 1], const int now[LSVG_STEPS + 1],
                     const int before[LSVG_STEPS + 1], const char *now_label, const char *before_label);

#endif
