/* test_ladder_svg.c: the coordination ladder drawn on the server
 * (src/app/group/ladder_svg.c).
 *
 * Every chart is parsed with expat, so it must be well-formed XML; then
 * the test reads back what was drawn: the markers of a step line sit at the
 * y of their step and the x of their date, the y axis is labelled with the
 * four steps, the x axis with the years, the accessible name and
 * description are wired up, and hostile text in titles and labels stays
 * text.  The bars are as high as their counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "app/group/ladder_svg.h"
#include "base/util.h"

/* ---- reading a chart back ------------------------------------------------- */

enum { MAX_SHAPES = 64, MAX_TEXTS = 64 };

typedef struct Shape {
    int step, count;
    int x, y, w, h;       /* circle: cx, cy; rect: x, y, width, height */
    char date[16];
} Shape;

typedef struct Parsed {
    bool ok;
    char role[16], labelledby[64], title_id[32], desc_id[32];
    char title[256], desc[256];
    Shape circles[MAX_SHAPES], rects[MAX_SHAPES];
    int ncircles, nrects, npaths;
    char texts[MAX_TEXTS][128];
    int ntexts;
    char *into;           /* the text being collected, or NULL */
    size_t into_cap;
} Parsed;

static const char *attr(const XML_Char **a, const char *name)
{
    for (int i = 0; a[i]; i += 2) {
        if (strcmp(a[i], name) == 0) {
            return a[i + 1];
        }
    }
    return NULL;
}

static int iattr(const XML_Char **a, const char *name)
{
    const char *v = attr(a, name);
    return v ? atoi(v) : -1;
}

static void XMLCALL on_start(void *ud, const XML_Char *el, const XML_Char **a)
{
    Parsed *p = ud;
    p->into = NULL;
    if (strcmp(el, "svg") == 0) {
        snprintf(p->role, sizeof p->role, "%s", attr(a, "role") ? attr(a, "role") : "");
        snprintf(p->labelledby, sizeof p->labelledby, "%s", attr(a, "aria-labelledby") ? attr(a, "aria-labelledby") : "");
    } else if (strcmp(el, "title") == 0) {
        snprintf(p->title_id, sizeof p->title_id, "%s", attr(a, "id") ? attr(a, "id") : "");
        p->into = p->title;
        p->into_cap = sizeof p->title;
    } else if (strcmp(el, "desc") == 0) {
        snprintf(p->desc_id, sizeof p->desc_id, "%s", attr(a, "id") ? attr(a, "id") : "");
        p->into = p->desc;
        p->into_cap = sizeof p->desc;
    } else if (strcmp(el, "circle") == 0 && p->ncircles < MAX_SHAPES) {
        Shape *s = &p->circles[p->ncircles++];
        s->x = iattr(a, "cx");
        s->y = iattr(a, "cy");
        s->step = iattr(a, "data-step");
        snprintf(s->date, sizeof s->date, "%s", attr(a, "data-date") ? attr(a, "data-date") : "");
    } else if (strcmp(el, "rect") == 0 && attr(a, "data-step") && p->nrects < MAX_SHAPES) {
        Shape *s = &p->rects[p->nrects++];
        s->x = iattr(a, "x");
        s->y = iattr(a, "y");
        s->w = iattr(a, "width");
        s->h = iattr(a, "height");
        s->step = iattr(a, "data-step");
        s->count = iattr(a, "data-count");
    } else if (strcmp(el, "path") == 0) {
        p->npaths++;
    } else if (strcmp(el, "text") == 0 && p->ntexts < MAX_TEXTS) {
        p->into = p->texts[p->ntexts++];
        p->into_cap = sizeof p->texts[0];
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *el)
{
    (void)el;
    ((Parsed *)ud)->into = NULL;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
    Parsed *p = ud;
    if (p->into) {
        size_t have = strlen(p->into);
        snprintf(p->into + have, p->into_cap - have, "%.*s", n, s);
    }
}

/* parse: the chart in b, read back into *p (zeroed first); p->ok when it is
 * well-formed XML with one <svg> root. */
static void parse(const Buf *b, Parsed *p)
{
    memset(p, 0, sizeof *p);
    XML_Parser x = XML_ParserCreate("UTF-8");
    XML_SetUserData(x, p);
    XML_SetElementHandler(x, on_start, on_end);
    XML_SetCharacterDataHandler(x, on_text);
    p->ok = XML_Parse(x, buf_str(b), (int)b->len, 1) == XML_STATUS_OK;
    if (!p->ok) {
        /* No position: expat 2.7 (Debian 13) deprecates the position
         * functions for new 64-bit ones that 2.5 (Debian 12) lacks, and
         * warnings are errors here. */
        print_error("not well-formed: %s\n", XML_ErrorString(XML_GetErrorCode(x)));
    }
    XML_ParserFree(x);
}

static bool has_text(const Parsed *p, const char *t)
{
    for (int i = 0; i < p->ntexts; i++) {
        if (strcmp(p->texts[i], t) == 0) {
            return true;
        }
    }
    return false;
}

static const LadderChart *chart(const LadderLine *lines, size_t n, const char *title)
{
    static LadderChart c;
    c = (LadderChart){.id = "c1", .title = title, .desc = "Trinn 3 av 4 nå.", .from = "2021-01-01",
                      .to = "2026-06-30", .lines = lines, .nlines = n,
                      .step_labels = {NULL, "1 Informasjon", "2 Problemforståelse", "3 Måloppnåelse", "4 Felles plan"}};
    return &c;
}

/* ---- tests ------------------------------------------------------------------ */

static void steps_map_to_rising_evenly_spaced_y(void **state)
{
    (void)state;
    int gap = ladder_svg_y(1) - ladder_svg_y(2);
    assert_true(gap > 20);
    for (int s = 1; s < LSVG_STEPS; s++) {
        assert_int_equal(ladder_svg_y(s) - ladder_svg_y(s + 1), gap);   /* higher step, higher up (smaller y) */
    }
    assert_true(ladder_svg_y(LSVG_STEPS) >= LSVG_TOP);
    assert_true(ladder_svg_y(1) < LSVG_H - LSVG_BOTTOM);
    assert_int_equal(ladder_svg_y(0), ladder_svg_y(1));       /* clamped */
    assert_int_equal(ladder_svg_y(9), ladder_svg_y(4));
}

static void dates_map_to_x(void **state)
{
    (void)state;
    assert_int_equal(ladder_svg_days("1970-01-01"), 0);
    assert_int_equal(ladder_svg_days("2024-03-01") - ladder_svg_days("2024-02-28"), 2);   /* a leap year */
    assert_int_equal(ladder_svg_days("2023-03-01") - ladder_svg_days("2023-02-28"), 1);
    assert_int_equal(ladder_svg_days("2025-01-01") - ladder_svg_days("2024-01-01"), 366);
    assert_int_equal(ladder_svg_days("not a date"), 0);
    const char *from = "2020-01-01", *to = "2022-01-01";
    assert_int_equal(ladder_svg_x(from, from, to), LSVG_LEFT);
    assert_int_equal(ladder_svg_x(to, from, to), LSVG_W - LSVG_RIGHT);
    int mid = ladder_svg_x("2021-01-01", from, to);   /* 366 of 731 days */
    assert_true(abs(mid - (LSVG_LEFT + (LSVG_W - LSVG_RIGHT)) / 2) <= 1);
    assert_int_equal(ladder_svg_x("2019-05-01", from, to), LSVG_LEFT);             /* clamped */
    assert_int_equal(ladder_svg_x("2030-05-01", from, to), LSVG_W - LSVG_RIGHT);
    int x = ladder_svg_x("2021-01-01", from, from);   /* an empty range does not divide by 0 */
    assert_true(x >= LSVG_LEFT && x <= LSVG_W - LSVG_RIGHT);
}

static void step_chart_draws_what_it_is_given(void **state)
{
    (void)state;
    LadderPoint steps[] = {{"2021-02-01", 1}, {"2022-06-20", 2}, {"2025-03-10", 3}};
    LadderPoint targets[] = {{"2021-02-01", 4}, {"2022-06-20", 4}, {"2025-03-10", 4}};
    LadderLine lines[] = {{"Trinn", steps, 3, LSVG_SOLID, 1}, {"Mål", targets, 3, LSVG_DASHED, 0}};
    Buf b = {0};
    ladder_svg(&b, chart(lines, 2, "Samordningsstigen for KUBU over tid"));
    Parsed p;
    parse(&b, &p);
    assert_true(p.ok);
    assert_string_equal(p.role, "img");
    assert_string_equal(p.labelledby, "c1-t c1-d");
    assert_string_equal(p.title_id, "c1-t");
    assert_string_equal(p.desc_id, "c1-d");
    assert_string_equal(p.title, "Samordningsstigen for KUBU over tid");
    assert_string_equal(p.desc, "Trinn 3 av 4 nå.");
    assert_int_equal(p.npaths, 2);        /* one line each */
    assert_int_equal(p.ncircles, 3);      /* markers on the step line only */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(p.circles[i].step, steps[i].step);
        assert_string_equal(p.circles[i].date, steps[i].date);
        assert_int_equal(p.circles[i].y, ladder_svg_y(steps[i].step));
        assert_int_equal(p.circles[i].x, ladder_svg_x(steps[i].date, "2021-01-01", "2026-06-30"));
    }
    assert_true(p.circles[0].x < p.circles[1].x && p.circles[1].x < p.circles[2].x);
    for (int s = 1; s <= 4; s++) {        /* the y axis */
        assert_true(has_text(&p, chart(lines, 2, "")->step_labels[s]));
    }
    for (int y = 2021; y <= 2026; y++) {   /* the x axis: each 1 January in range */
        char t[16];
        snprintf(t, sizeof t, "%d", y);
        assert_true(has_text(&p, t));
    }
    assert_false(has_text(&p, "2020"));
    assert_false(has_text(&p, "2027"));
    assert_true(has_text(&p, "Trinn") && has_text(&p, "Mål"));   /* the legend */
    /* Lines are told apart without colour, and drawn in currentColor. */
    assert_non_null(strstr(buf_str(&b), "stroke-dasharray=\"8 5\""));
    assert_null(strstr(buf_str(&b), "#"));
    assert_null(strstr(buf_str(&b), "style="));
    buf_free(&b);
}

static void step_path_goes_up_at_the_change(void **state)
{
    (void)state;
    LadderPoint steps[] = {{"2022-01-01", 2}, {"2024-01-01", 3}};
    LadderLine line = {"Trinn", steps, 2, LSVG_SOLID, 0};
    Buf b = {0};
    ladder_svg(&b, chart(&line, 1, "t"));
    /* M at step 2, along to the change, up to step 3, on to the end. */
    char want[128];
    snprintf(want, sizeof want, "d=\"M%d %d H%d V%d H%d\"", ladder_svg_x("2022-01-01", "2021-01-01", "2026-06-30"),
             ladder_svg_y(2), ladder_svg_x("2024-01-01", "2021-01-01", "2026-06-30"), ladder_svg_y(3),
             LSVG_W - LSVG_RIGHT);
    assert_non_null(strstr(buf_str(&b), want));
    buf_free(&b);
}

static void hostile_text_stays_text(void **state)
{
    (void)state;
    static const char *const evil = "<script>alert(1)</script> & \"Q\" 'A' ]]> </svg>";
    LadderPoint steps[] = {{"2022-01-01", 2}};
    LadderLine line = {evil, steps, 1, LSVG_SOLID, 1};
    LadderChart c = *chart(&line, 1, evil);
    c.desc = evil;
    c.step_labels[2] = evil;
    Buf b = {0};
    ladder_svg(&b, &c);
    Parsed p;
    parse(&b, &p);
    assert_true(p.ok);
    assert_string_equal(p.title, evil);
    assert_string_equal(p.desc, evil);
    assert_true(has_text(&p, evil));
    assert_null(strstr(buf_str(&b), "<script"));
    assert_null(strstr(buf_str(&b), "</svg> "));
    buf_free(&b);
    /* An id is markup the page chose, but a quote in it still cannot end the attribute. */
    c.id = "x\" onload=\"alert(1)";
    ladder_svg(&b, &c);
    parse(&b, &p);
    assert_true(p.ok);
    assert_null(strstr(buf_str(&b), "\" onload="));
    buf_free(&b);
}

static void empty_lines_and_no_dates_are_safe(void **state)
{
    (void)state;
    LadderLine line = {"Trinn", NULL, 0, LSVG_SOLID, 1};
    LadderChart c = *chart(&line, 1, "tom");
    c.from = c.to = NULL;
    Buf b = {0};
    ladder_svg(&b, &c);
    Parsed p;
    parse(&b, &p);
    assert_true(p.ok);
    assert_int_equal(p.ncircles, 0);
    assert_int_equal(p.npaths, 0);
    buf_free(&b);
}

static void bars_are_as_high_as_their_counts(void **state)
{
    (void)state;
    const char *labels[LSVG_STEPS + 1] = {NULL, "Informasjon", "Problemforståelse", "Måloppnåelse", "Felles plan"};
    int now[LSVG_STEPS + 1] = {0, 1, 4, 0, 2}, before[LSVG_STEPS + 1] = {0, 2, 2, 1, 1};
    Buf b = {0};
    ladder_bars_svg(&b, "bars", "Grupper på hvert trinn", "7 nå, 6 før", labels, now, before, "I dag <nå>",
                    "For ett år siden");
    Parsed p;
    parse(&b, &p);
    assert_true(p.ok);
    assert_string_equal(p.role, "img");
    assert_string_equal(p.title, "Grupper på hvert trinn");
    assert_int_equal(p.nrects, 8);
    int unit = 0;   /* the height of one group, from the tallest bar (4) */
    for (int i = 0; i < p.nrects; i++) {
        const Shape *s = &p.rects[i];
        bool is_now = i % 2 == 0;
        assert_int_equal(s->step, i / 2 + 1);
        assert_int_equal(s->count, is_now ? now[s->step] : before[s->step]);
        assert_int_equal(s->y + s->h, LSVG_H - LSVG_BOTTOM);   /* standing on the axis */
        if (s->count == 4) {
            unit = s->h / 4;
        }
    }
    assert_true(unit > 10);
    for (int i = 0; i < p.nrects; i++) {
        assert_true(abs(p.rects[i].h - p.rects[i].count * unit) <= 3);
    }
    assert_true(p.rects[0].x < p.rects[2].x && p.rects[2].x < p.rects[4].x);   /* steps left to right */
    assert_true(has_text(&p, "I dag <nå>"));
    assert_true(has_text(&p, "Problemforståelse"));
    buf_free(&b);
    /* All zero: no division by zero, no bar. */
    int zero[LSVG_STEPS + 1] = {0};
    ladder_bars_svg(&b, "bars", "t", "d", labels, zero, zero, "a", "b");
    parse(&b, &p);
    assert_true(p.ok);
    for (int i = 0; i < p.nrects; i++) {
        assert_int_equal(p.rects[i].h, 0);
    }
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steps_map_to_rising_evenly_spaced_y),
        cmocka_unit_test(dates_map_to_x),
        cmocka_unit_test(step_chart_draws_what_it_is_given),
        cmocka_unit_test(step_path_goes_up_at_the_change),
        cmocka_unit_test(hostile_text_stays_text),
        cmocka_unit_test(empty_lines_and_no_dates_are_safe),
        cmocka_unit_test(bars_are_as_high_as_their_counts),
    };
    return cmocka_run_group_tests_name("ladder_svg", tests, NULL, NULL);
}
