/* strategy_page.c: the front page, the strategy periods and target areas
 * (HTML).  Thin over strategy.c and measure.c; no SQL here.
 */
#include <string.h>

#include "app/strategy/strategy_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static void text_list(Buf *b, const TextItem *t, size_t n, bool ordered)
{
    html_printf(b, ordered ? "<ol class=\"ds-list\">" : "<ul class=\"ds-list\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li>%s</li>", t[i].text);
    }
    html_printf(b, ordered ? "</ol>" : "</ul>");
}

/* One card per target area with its measures (front page and strategy page). */
static int area_cards(Req *r, const Strategy *st, bool with_measures, int hlevel)
{
    Buf *b = &r->body;
    GoalArea *areas;
    size_t n;
    if (goal_area_list(r->db, r->arena, r->viewer, st->id, &areas, &n, NULL)) {
        return 500;
    }
    html_printf(b, "<div class=\"cards\">");
    for (size_t i = 0; i < n; i++) {
        GoalArea *g = &areas[i];
        html_printf(b, "<section class=\"ds-card\" data-variant=\"tinted\" aria-labelledby=\"area-%d\">"
                       "<div class=\"ds-card__block\">"
                       "<h%d class=\"ds-heading\" data-size=\"sm\" id=\"area-%d\">"
                       "<a class=\"ds-link\" href=\"/strategies/%s/areas/%d\">%s %d: %s</a></h%d>",
                    g->number, hlevel, g->number, url_enc(r->arena, st->slug), g->number,
                    st->period_start >= 2025 ? "Mål" : "Målområde", g->number, g->title, hlevel);
        if (*g->description) {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p>", g->description);
        }
        if (with_measures && g->measure_count) {
            MeasureFilter f = {.goal_area_id = g->id};
            Measure *m;
            size_t nm;
            if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
                return 500;
            }
            html_printf(b, "<ul class=\"ds-list measure-list\" aria-label=\"Tiltak i målområde %d\">", g->number);
            for (size_t j = 0; j < nm; j++) {
                html_printf(b, "<li><a class=\"ds-link\" href=\"/measures/%lld\">%s %s</a> ",
                            (long long)m[j].id, m[j].number, m[j].title);
                view_status_tag(b, &m[j]);
                html_printf(b, "</li>");
            }
            html_printf(b, "</ul>");
        } else if (g->measure_count) {
            html_printf(b, "<p class=\"ds-paragraph\">%d tiltak</p>", g->measure_count);
        }
        html_printf(b, "</div></section>");
    }
    html_printf(b, "</div>");
    return 200;
}

int home_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    if (strategy_featured(r->db, r->arena, r->viewer, &st, NULL)) {
        r->title = "Velkommen til samla";
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"xl\">Velkommen til samla</h1>"
                       "<p class=\"ds-paragraph\">Det er ingen strategi i databasen ennå.</p>");
        return 200;
    }
    r->title = st.title;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"xl\">%s</h1>"
                   "<p class=\"ds-paragraph lead\" data-size=\"lg\">%s</p>",
                st.title, st.subtitle);
    if (*st.goal) {
        html_printf(b, "<section class=\"goal\" aria-labelledby=\"goal\">"
                       "<h2 class=\"ds-heading\" data-size=\"md\" id=\"goal\">Overordnet mål</h2>"
                       "<p class=\"ds-paragraph goal-text\">%s</p>", st.goal);
        TextItem *p;
        size_t np;
        if (strategy_point_list(r->db, r->arena, st.id, "principle", &p, &np, NULL) == 0 && np) {
            html_printf(b, "<p class=\"ds-paragraph\">Det skal vi klare gjennom:</p>");
            text_list(b, p, np, false);
        }
        html_printf(b, "</section>");
    }
    html_printf(b, "<section aria-labelledby=\"areas\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"areas\">"
                   "Målområder og tiltak</h2>");
    if (area_cards(r, &st, true, 3) != 200) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/measures\">Se alle tiltak i "
                   "tiltaksoversikten</a> · <a class=\"ds-link\" href=\"/strategies/%s\">Les mer om strategien</a></p>"
                   "</section>",
                url_enc(r->arena, st.slug));
    Strategy *all;
    size_t n;
    if (strategy_list(r->db, r->arena, r->viewer, &all, &n, NULL) == 0 && n > 1) {
        html_printf(b, "<section aria-labelledby=\"periods\"><h2 class=\"ds-heading\" data-size=\"md\" "
                       "id=\"periods\">Strategiperioder</h2><ul class=\"ds-list\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/strategies/%s\">%s (%s)</a></li>",
                        url_enc(r->arena, all[i].slug), all[i].title, all[i].period);
        }
        html_printf(b, "</ul></section>");
    }
    return 200;
}

int strategy_list_page(Req *r)
{
    Strategy *all;
    size_t n;
    Buf *b = &r->body;
    if (strategy_list(r->db, r->arena, r->viewer, &all, &n, NULL)) {
        return 500;
    }
    r->title = "Strategiperioder";
    req_crumb(r, "Strategiperioder", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Strategiperioder</h1>"
                   "<p class=\"ds-paragraph\">Departementsfellesskapets overordnede strategier. Tiltak "
                   "som er satt i gang i én periode, følges opp i den neste.</p>");
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">Ingen strategier er registrert.</p>");
        return 200;
    }
    html_printf(b, "<div class=\"cards\">");
    for (size_t i = 0; i < n; i++) {
        Strategy *s = &all[i];
        html_printf(b, "<section class=\"ds-card\" aria-labelledby=\"s-%s\"><div class=\"ds-card__block\">"
                       "<h2 class=\"ds-heading\" data-size=\"sm\" id=\"s-%s\"><a class=\"ds-link\" "
                       "href=\"/strategies/%s\">%s</a></h2><p class=\"ds-paragraph\">%s</p>"
                       "<p class=\"ds-paragraph\">Periode: %s · %d målområder · %d tiltak</p></div></section>",
                    s->slug, s->slug, url_enc(r->arena, s->slug), s->title, s->subtitle, s->period,
                    s->area_count, s->measure_count);
    }
    html_printf(b, "</div>");
    return 200;
}

int strategy_show_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    if (strategy_get(r->db, r->arena, r->viewer, r->args[0], &st, NULL)) {
        return view_error(r, 404, "Det finnes ingen strategiperiode med denne adressen.");
    }
    r->title = arena_printf(r->arena, "%s (%s)", st.title, st.period);
    req_crumb(r, "Strategiperioder", "/strategies");
    req_crumb(r, st.period, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s <span class=\"period\">%s</span></h1>"
                   "<p class=\"ds-paragraph lead\">%s</p>",
                st.title, st.period, st.subtitle);
    if (st.successor_slug) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">Denne strategien er "
                       "avløst. <a class=\"ds-link\" href=\"/strategies/%s\">Se strategien som gjelder nå</a>.</p></div>",
                    url_enc(r->arena, st.successor_slug));
    }
    html_text_block(b, st.summary);
    html_printf(b, "<dl class=\"facts\">");
    if (st.secretariat_code) {
        html_printf(b, "<dt>Sekretariat</dt><dd><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></dd>",
                    url_enc(r->arena, st.secretariat_code), st.secretariat_name);
    }
    html_printf(b, "<dt>Tiltak</dt><dd>%d</dd>", st.measure_count);
    if (st.predecessor_slug) {
        html_printf(b, "<dt>Forrige strategi</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s</a></dd>",
                    url_enc(r->arena, st.predecessor_slug), st.predecessor_slug);
    }
    if (*st.source) {
        html_printf(b, "<dt>Kilde</dt><dd>%s</dd>", st.source);
    }
    html_printf(b, "</dl>");
    if (*st.goal) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Overordnet mål</h2>"
                       "<p class=\"ds-paragraph goal-text\">%s</p>", st.goal);
    }
    static const struct {
        const char *kind, *heading;
    } lists[] = {{"principle", "Det skal vi klare gjennom"},
                 {"way", "Målene skal vi nå gjennom å"},
                 {"trait", "Kjennetegn ved utgangen av perioden"}};
    for (size_t i = 0; i < COUNT(lists); i++) {
        TextItem *t;
        size_t n;
        if (strategy_point_list(r->db, r->arena, st.id, lists[i].kind, &t, &n, NULL) == 0 && n) {
            html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", lists[i].heading);
            text_list(b, t, n, false);
        }
    }
    if (st.area_count) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>",
                    st.period_start >= 2025 ? "Mål" : "Målområder");
        if (area_cards(r, &st, false, 3) != 200) {
            return 500;
        }
    }
    TextItem *d;
    size_t nd;
    if (development_area_list(r->db, r->arena, st.id, &d, &nd, NULL) == 0 && nd) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Utviklingsområder</h2>");
        text_list(b, d, nd, true);
    }
    return 200;
}

int goal_area_show_page(Req *r)
{
    Strategy st;
    GoalArea g;
    long long number;
    Buf *b = &r->body;
    if (strategy_get(r->db, r->arena, r->viewer, r->args[0], &st, NULL) || !parse_int(r->args[1], 1, 99, &number) ||
        goal_area_get(r->db, r->arena, r->viewer, st.id, (int)number, &g, NULL)) {
        return view_error(r, 404, "Det finnes ikke noe målområde med denne adressen.");
    }
    const char *kind = st.period_start >= 2025 ? "Mål" : "Målområde";
    r->title = arena_printf(r->arena, "%s %d: %s", kind, g.number, g.title);
    req_crumb(r, "Strategiperioder", "/strategies");
    req_crumb(r, st.period, arena_printf(r->arena, "/strategies/%s", url_enc(r->arena, st.slug)));
    req_crumb(r, arena_printf(r->arena, "%s %d", kind, g.number), NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s %d · %s (%s)</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                kind, g.number, st.title, st.period, g.title);
    if (*g.description) {
        html_printf(b, "<p class=\"ds-paragraph lead\">%s</p>", g.description);
    }
    TextItem *d;
    size_t nd;
    if (direction_list(r->db, r->arena, g.id, &d, &nd, NULL) == 0 && nd) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Det skjer gjennom</h2>");
        text_list(b, d, nd, false);
    }
    MeasureFilter f = {.goal_area_id = g.id};
    Measure *m;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
        return 500;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Tiltak</h2>");
    view_measure_table(b, arena_printf(r->arena, "Tiltak i %s %d", st.period_start >= 2025 ? "mål" : "målområde", g.number),
                       m, nm, false, true, "Det er ingen tiltak i dette målområdet ennå.");
    return 200;
}
