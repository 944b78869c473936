/* strategy_page.c: the front page, the strategy periods and target areas
 * (HTML).  Thin over strategy.c and measure.c; no SQL here.
 *
 * The texts of the strategy documents (titles, goals, target areas,
 * directions, measure titles) are the official Norwegian text and are not
 * translated; they are marked lang="nb", so a screen reader reads them as
 * Norwegian on a nynorsk or English page.  The page around them is.
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
    html_printf(b, ordered ? "<ol class=\"ds-list\" lang=\"nb\">" : "<ul class=\"ds-list\" lang=\"nb\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li>%s</li>", t[i].text);
    }
    html_printf(b, ordered ? "</ol>" : "</ul>");
}

/* "Mål" (the successor strategy's word) or "Målområde", as a msgid. */
static const char *area_word(const Strategy *st)
{
    return st->period_start >= 2025 ? N_("Mål") : N_("Målområde");
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
                       "<a class=\"ds-link\" href=\"/strategies/%s/areas/%d\">%s %d: <span lang=\"nb\">%s</span></a></h%d>",
                    g->number, hlevel, g->number, url_enc(r->arena, st->slug), g->number, T(r, area_word(st)),
                    g->number, g->title, hlevel);
        if (*g->description) {
            html_printf(b, "<p class=\"ds-paragraph\" lang=\"nb\">%s</p>", g->description);
        }
        if (with_measures && g->measure_count) {
            MeasureFilter f = {.goal_area_id = g->id};
            Measure *m;
            size_t nm;
            if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
                return 500;
            }
            html_printf(b, "<ul class=\"ds-list measure-list\" aria-label=\"%s\">",
                        st->period_start >= 2025 ? TF(r, "Tiltak i mål %d", g->number)
                                                 : TF(r, "Tiltak i målområde %d", g->number));
            for (size_t j = 0; j < nm; j++) {
                html_printf(b, "<li><a class=\"ds-link\" href=\"/measures/%lld\">%s <span lang=\"nb\">%s</span></a> ",
                            (long long)m[j].id, m[j].number, m[j].title);
                view_status_tag(r, b, &m[j]);
                html_printf(b, "</li>");
            }
            html_printf(b, "</ul>");
        } else if (g->measure_count) {
            html_printf(b, "<p class=\"ds-paragraph\">%d %s</p>", g->measure_count,
                        NT(r, "tiltak", "tiltak", g->measure_count));
        }
        html_printf(b, "</div></section>");
    }
    html_printf(b, "</div>");
    return 200;
}

/* The other periods, newest first, each with its measures and the
 * measure overview as it was published (the last edition is the
 * period's final one). */
static void other_periods(Req *r, const Strategy *current)
{
    Buf *b = &r->body;
    Strategy *all;
    size_t n;
    if (strategy_list(r->db, r->arena, r->viewer, &all, &n, NULL) || n < 2) {
        return;
    }
    html_printf(b, "<section aria-labelledby=\"periods\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"periods\">"
                   "%s</h2><ul class=\"ds-list\">", T(r, "Andre strategiperioder"));
    for (size_t i = 0; i < n; i++) {
        if (all[i].id == current->id) {
            continue;
        }
        html_printf(b, "<li><a class=\"ds-link\" href=\"/strategies/%s\"><span lang=\"nb\">%s</span> (%s)</a>",
                    url_enc(r->arena, all[i].slug), all[i].title, all[i].period);
        if (all[i].measure_count) {
            html_printf(b, ": <a class=\"ds-link\" href=\"/measures?strategy=%s\">%s</a>, "
                           "<a class=\"ds-link\" href=\"/overview?strategy=%s\">%s</a>",
                        url_enc(r->arena, all[i].slug), TF(r, "tiltakene i %s", all[i].period),
                        url_enc(r->arena, all[i].slug),
                        all[i].period_start < current->period_start ? T(r, "tiltaksoversikten slik perioden ble avsluttet")
                                                                    : T(r, "tiltaksoversikten"));
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ul></section>");
}

int home_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    if (strategy_current(r->db, r->arena, r->viewer, &st, NULL)) {
        r->title = T(r, "Velkommen til samla");
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"xl\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                    T(r, "Det er ingen strategi i databasen ennå."));
        return 200;
    }
    r->title = st.title;
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s</p><h1 class=\"ds-heading\" data-size=\"xl\" lang=\"nb\">%s</h1>"
                   "<p class=\"ds-paragraph lead\" data-size=\"lg\" lang=\"nb\">%s</p>",
                TF(r, "Strategien som gjelder nå · %s", st.period), st.title, st.subtitle);
    TextItem *p;
    size_t np;
    if (*st.goal) {
        html_printf(b, "<section class=\"goal\" aria-labelledby=\"goal\">"
                       "<h2 class=\"ds-heading\" data-size=\"md\" id=\"goal\">%s</h2>"
                       "<p class=\"ds-paragraph goal-text\" lang=\"nb\">%s</p>", T(r, "Overordnet mål"), st.goal);
        if (strategy_point_list(r->db, r->arena, st.id, "principle", &p, &np, NULL) == 0 && np) {
            html_printf(b, "<p class=\"ds-paragraph\">%s:</p>", T(r, "Det skal vi klare gjennom"));
            text_list(b, p, np, false);
        }
        html_printf(b, "</section>");
    } else if (strategy_point_list(r->db, r->arena, st.id, "way", &p, &np, NULL) == 0 && np) {
        html_printf(b, "<section class=\"goal\" aria-labelledby=\"ways\">"
                       "<h2 class=\"ds-heading\" data-size=\"md\" id=\"ways\">%s</h2>",
                    T(r, "Målene skal vi nå gjennom å"));
        text_list(b, p, np, false);
        html_printf(b, "</section>");
    }
    html_printf(b, "<section aria-labelledby=\"areas\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"areas\">"
                   "%s</h2>", st.period_start >= 2025 ? T(r, "Mål og tiltak") : T(r, "Målområder og tiltak"));
    if (area_cards(r, &st, true, 3) != 200) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/measures\">%s</a> · "
                   "<a class=\"ds-link\" href=\"/overview\">%s</a> · "
                   "<a class=\"ds-link\" href=\"/strategies/%s\">%s</a></p></section>",
                T(r, "Se alle tiltak i tiltaksoversikten"), T(r, "Den publiserte tiltaksoversikten"),
                url_enc(r->arena, st.slug), T(r, "Les mer om strategien"));
    other_periods(r, &st);
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
    r->title = T(r, "Strategiperioder");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Departementsfellesskapets overordnede strategier. Tiltak som er satt i gang i én periode, "
                     "følges opp i den neste."));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen strategier er registrert."));
        return 200;
    }
    html_printf(b, "<div class=\"cards\">");
    for (size_t i = 0; i < n; i++) {
        Strategy *s = &all[i];
        html_printf(b, "<section class=\"ds-card\" aria-labelledby=\"s-%s\"><div class=\"ds-card__block\">"
                       "<h2 class=\"ds-heading\" data-size=\"sm\" id=\"s-%s\"><a class=\"ds-link\" "
                       "href=\"/strategies/%s\" lang=\"nb\">%s</a></h2><p class=\"ds-paragraph\" lang=\"nb\">%s</p>"
                       "<p class=\"ds-paragraph\">%s · %d %s · %d %s</p></div></section>",
                    s->slug, s->slug, url_enc(r->arena, s->slug), s->title, s->subtitle, TF(r, "Periode: %s", s->period),
                    s->area_count, NT(r, "målområde", "målområder", s->area_count), s->measure_count,
                    NT(r, "tiltak", "tiltak", s->measure_count));
    }
    html_printf(b, "</div>");
    return 200;
}

int strategy_show_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    if (strategy_get(r->db, r->arena, r->viewer, r->args[0], &st, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen strategiperiode med denne adressen."));
    }
    r->title = arena_printf(r->arena, "%s (%s)", st.title, st.period);
    req_crumb(r, T(r, "Strategiperioder"), "/strategies");
    req_crumb(r, st.period, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\"><span lang=\"nb\">%s</span> <span class=\"period\">%s</span></h1>"
                   "<p class=\"ds-paragraph lead\" lang=\"nb\">%s</p>",
                st.title, st.period, st.subtitle);
    if (st.successor_slug && !st.in_force) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">%s "
                       "<a class=\"ds-link\" href=\"/strategies/%s\">%s</a>.</p></div>",
                    T(r, "Denne strategien er avløst."), url_enc(r->arena, st.successor_slug),
                    T(r, "Se strategien som gjelder nå"));
    }
    html_printf(b, "<div lang=\"nb\">");
    html_text_block(b, st.summary);
    html_printf(b, "</div><dl class=\"facts\">");
    if (st.secretariat_code) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></dd>", T(r, "Sekretariat"),
                    url_enc(r->arena, st.secretariat_code),
                    TPICK(r, st.secretariat_name, st.secretariat_name_nn, st.secretariat_name_en));
    }
    html_printf(b, "<dt>%s</dt><dd>%d</dd>", T(r, "Tiltak"), st.measure_count);
    if (st.predecessor_slug) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s</a></dd>",
                    T(r, "Forrige strategi"), url_enc(r->arena, st.predecessor_slug), st.predecessor_slug);
    }
    if (*st.source) {
        html_printf(b, "<dt>%s</dt><dd lang=\"nb\">%s</dd>", T(r, "Kilde"), st.source);
    }
    html_printf(b, "</dl>");
    if (*st.goal) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>"
                       "<p class=\"ds-paragraph goal-text\" lang=\"nb\">%s</p>", T(r, "Overordnet mål"), st.goal);
    }
    static const struct {
        const char *kind, *heading;
    } lists[] = {{"principle", N_("Det skal vi klare gjennom")},
                 {"way", N_("Målene skal vi nå gjennom å")},
                 {"trait", N_("Kjennetegn ved utgangen av perioden")}};
    for (size_t i = 0; i < COUNT(lists); i++) {
        TextItem *t;
        size_t n;
        if (strategy_point_list(r->db, r->arena, st.id, lists[i].kind, &t, &n, NULL) == 0 && n) {
            html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, lists[i].heading));
            text_list(b, t, n, false);
        }
    }
    if (st.area_count) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>",
                    st.period_start >= 2025 ? TC(r, "plural", "Mål") : T(r, "Målområder"));
        if (area_cards(r, &st, false, 3) != 200) {
            return 500;
        }
    }
    TextItem *d;
    size_t nd;
    if (development_area_list(r->db, r->arena, st.id, &d, &nd, NULL) == 0 && nd) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Utviklingsområder"));
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
        return view_error(r, 404, T(r, "Det finnes ikke noe målområde med denne adressen."));
    }
    const char *kind = T(r, area_word(&st));
    r->title = arena_printf(r->arena, "%s %d: %s", kind, g.number, g.title);
    req_crumb(r, T(r, "Strategiperioder"), "/strategies");
    req_crumb(r, st.period, arena_printf(r->arena, "/strategies/%s", url_enc(r->arena, st.slug)));
    req_crumb(r, arena_printf(r->arena, "%s %d", kind, g.number), NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s %d · <span lang=\"nb\">%s</span> (%s)</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\" lang=\"nb\">%s</h1>",
                kind, g.number, st.title, st.period, g.title);
    if (*g.description) {
        html_printf(b, "<p class=\"ds-paragraph lead\" lang=\"nb\">%s</p>", g.description);
    }
    TextItem *d;
    size_t nd;
    if (direction_list(r->db, r->arena, g.id, &d, &nd, NULL) == 0 && nd) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Det skjer gjennom"));
        text_list(b, d, nd, false);
    }
    MeasureFilter f = {.goal_area_id = g.id};
    Measure *m;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
        return 500;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tiltak"));
    view_measure_table(r, b, st.period_start >= 2025 ? TF(r, "Tiltak i mål %d", g.number)
                                                     : TF(r, "Tiltak i målområde %d", g.number),
                       m, nm, false, true, T(r, "Det er ingen tiltak i dette målområdet ennå."));
    return 200;
}
