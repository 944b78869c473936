/* edition_page.c: the published measure overview (/overview), its
 * editions, publishing a new one, and comparing two (HTML).  Thin over
 * edition.c; no SQL here.  Every item and count shown comes from the
 * model's filtered lists, so nothing hidden from the viewer is shown or
 * counted.  Works without JavaScript; the forms are plain GET/POST.
 *
 * A snapshot keeps the bokmål status labels and ministry names of its day;
 * in nynorsk and English they are shown by code from today's lists (the
 * bokmål one of the day when a code is gone).
 */
#include <string.h>

#include "app/measure/edition.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "app/core/form_view.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* The successor strategy (2025–) has goals («mål») where the earlier ones
 * have target areas («målområde»). */
static bool has_goals(Req *r, const char *slug)
{
    Strategy st;
    return strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL) == 0 && st.period_start >= 2025;
}

/* Today's statuses and ministries, read once per request when the page is
 * not in bokmål. */
typedef struct Names {
    bool loaded;
    MeasureStatus *st;
    size_t nst;
    Ministry *min;
    size_t nmin;
} Names;

static Names *names(Req *r, Names *n)
{
    if (!n->loaded) {
        n->loaded = true;
        measure_status_list(r->db, r->arena, &n->st, &n->nst, NULL);
        ministry_list(r->db, r->arena, r->viewer, MINISTRY_ALL, &n->min, &n->nmin, NULL);
    }
    return n;
}

/* The status called code, in the request's language; frozen is the
 * snapshot's bokmål label. */
static const char *status_name(Req *r, Names *nm, const char *code, const char *frozen)
{
    if (r->lang == LANG_NB || !code) {
        return frozen ? frozen : "";
    }
    Names *n = names(r, nm);
    for (size_t i = 0; i < n->nst; i++) {
        if (str_eq(n->st[i].code, code)) {
            return status_text(r, &n->st[i]);
        }
    }
    return frozen ? frozen : code;
}

/* The ministry called code, in the request's language. */
static const char *owner_name(Req *r, Names *nm, const char *code, const char *frozen)
{
    if (!code) {
        return T(r, "Ikke avklart");
    }
    if (r->lang == LANG_NB) {
        return frozen ? frozen : code;
    }
    Names *n = names(r, nm);
    for (size_t i = 0; i < n->nmin; i++) {
        if (str_eq(n->min[i].code, code) && !n->min[i].valid_to) {
            return ministry_name(r, &n->min[i]);
        }
    }
    return frozen ? frozen : code;
}

static void facts(Req *r, const Edition *ed)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s"
                   "</a></dd><dt>%s</dt><dd>%s</dd>",
                T(r, "Strategiperiode"), url_enc(r->arena, ed->strategy_slug), ed->strategy_period, T(r, "Publisert"),
                view_date(r, ed->published_date));
    if (ed->published_by) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Publisert av"), ed->published_by);
    }
    if (*ed->approval_note) {
        html_printf(b, "<dt>%s</dt><dd class=\"approval\">", T(r, "Godkjenning"));
        html_text_block(b, ed->approval_note);
        html_printf(b, "</dd>");
    }
    html_printf(b, "</dl>");
}

/* The status tag colour of a status code (today's list), "neutral" when gone. */
static const char *status_color(Req *r, Names *nm, const char *code)
{
    Names *n = names(r, nm);
    for (size_t i = 0; i < n->nst; i++) {
        if (str_eq(n->st[i].code, code)) {
            return n->st[i].color;
        }
    }
    return "neutral";
}

/* One row per measure: the owner by its short code (full name on hover and
 * for screen readers), the status as a tag, dates short and unbroken; on a
 * phone, owner, priority, deadline and progress fold into a details row. */
static void item_rows(Req *r, Names *nm, const EditionItem *it, size_t n, int area, bool any_area)
{
    Buf *b = &r->body;
    for (size_t i = 0; i < n; i++) {
        if (any_area ? it[i].goal_area != area : it[i].goal_area != 0) {
            continue;
        }
        const char *owner = it[i].owner_code ? it[i].owner_code : T(r, "Ikke avklart");
        const char *prio = it[i].priority ? T(r, priority_label(it[i].priority)) : "–";
        const char *due = it[i].end_date ? view_short_date(r, it[i].end_date) : "–";
        html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\" lang=\"nb\">%s</a>",
                    it[i].number, (long long)it[i].id, it[i].title);
        view_marking_tag(r, b, &(Measure){.visibility = it[i].visibility});   /* not public: say so */
        html_printf(b, "</td>");
        if (it[i].owner_code) {
            html_printf(b, "<td class=\"col-more\"><abbr title=\"%s\">%s</abbr></td>",
                        owner_name(r, nm, it[i].owner_code, it[i].owner_name), it[i].owner_code);
        } else {
            html_printf(b, "<td class=\"col-more\">%s</td>", owner);
        }
        html_printf(b, "<td class=\"col-more\">%s</td><td class=\"nowrap col-more\">%s</td><td><span class=\"ds-tag\" "
                       "data-color=\"%s\">%s</span></td><td class=\"num col-more\">%d %%</td></tr>",
                    prio, due, status_color(r, nm, it[i].status), status_name(r, nm, it[i].status, it[i].status_label),
                    it[i].progress);
        html_printf(b, "<tr class=\"row-more\"><td colspan=\"3\">%s: %s · %s: %s · %s: %s · %s: %d %%</td></tr>",
                    T(r, "Ansvarlig"), owner, T(r, "Prioritet"), prio, T(r, "Frist"), due, T(r, "Fremdrift"),
                    it[i].progress);
    }
}

static void item_table(Req *r, Names *nm, const Edition *ed, const char *caption, int area, bool any_area)
{
    html_printf(&r->body, "<div class=\"table-wrap\"><table class=\"ds-table phone-fold\" data-border>"
                          "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"col-more\">%s</th>"
                          "<th scope=\"col\" class=\"col-more\">%s</th><th scope=\"col\" class=\"col-more\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"col-more\">%s</th></tr></thead><tbody>",
                caption, T(r, "Nr."), TC(r, "one", "Tiltak"), T(r, "Ansvarlig"), T(r, "Prioritet"), T(r, "Frist"),
                T(r, "Status"), T(r, "Fremdrift"));
    item_rows(r, nm, ed->items, ed->nitems, area, any_area);
    html_printf(&r->body, "</tbody></table></div>");
}

/* The edition's measures grouped by target area, headings at level h. */
static int render_items(Req *r, const Edition *ed, int h)
{
    Names nm = {0};
    GoalArea *areas;
    size_t na;
    if (goal_area_list(r->db, r->arena, r->viewer, ed->strategy_id, &areas, &na, NULL)) {
        return 500;
    }
    bool goals = has_goals(r, ed->strategy_slug);
    const char *word = goals ? T(r, "Mål") : T(r, "Målområde");
    size_t shown = 0;
    for (size_t k = 0; k < na; k++) {
        size_t cnt = 0;
        for (size_t i = 0; i < ed->nitems; i++) {
            cnt += ed->items[i].goal_area == areas[k].number;
        }
        if (cnt) {
            html_printf(&r->body, "<h%d class=\"ds-heading\" data-size=\"sm\">%s %d: <span lang=\"nb\">%s</span></h%d>",
                        h, word, areas[k].number, areas[k].title, h);
            item_table(r, &nm, ed, goals ? TF(r, "Tiltak i mål %d", areas[k].number)
                                         : TF(r, "Tiltak i målområde %d", areas[k].number),
                       areas[k].number, true);
            shown += cnt;
        }
    }
    if (shown < ed->nitems) {
        html_printf(&r->body, "<h%d class=\"ds-heading\" data-size=\"sm\">%s</h%d>", h, T(r, "Uten målområde"), h);
        item_table(r, &nm, ed, T(r, "Tiltak uten målområde"), 0, false);
    }
    return 200;
}

/* One side of a change as people read it, in the request's language. */
static const char *change_label(Req *r, Names *nm, ChangeKind k, const char *value, const char *label)
{
    switch (k) {
    case CHANGE_DEADLINE:
        return value ? view_date(r, value) : T(r, label);
    case CHANGE_PRIORITY:
        return T(r, label);
    case CHANGE_OWNER:
        return owner_name(r, nm, value, label);
    case CHANGE_STATUS:
    case CHANGE_NEW:
    case CHANGE_REMOVED:
        return status_name(r, nm, value, label);
    default:
        return label;
    }
}

/* The heading of a group of changes (between two periods, the measures
 * that did not go on are «not continued», not «removed»). */
static const char *change_heading(Req *r, const Comparison *c, int k)
{
    return k == CHANGE_REMOVED && c->across ? T(r, "Ikke videreført fra forrige periode") : T(r, g_change_headings[k]);
}

/* The groups of a comparison, headings at level h; empty groups left out. */
static void render_changes(Req *r, const Comparison *c, int h)
{
    Buf *b = &r->body;
    Names nm = {0};
    if (c->total == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen endringer: ingen nye eller fjernede tiltak, og ingen endret prioritet, ansvarlig, "
                         "status, frist eller stor endring i fremdrift."));
        return;
    }
    for (int k = 0; k < CHANGE_KINDS; k++) {
        if (!c->n[k]) {
            continue;
        }
        bool pair = k != CHANGE_NEW && k != CHANGE_REMOVED && k != CHANGE_CONTINUED;
        const char *heading = change_heading(r, c, k);
        html_printf(b, "<h%d class=\"ds-heading\" data-size=\"xs\">%s (%zu)</h%d><div class=\"table-wrap\">"
                       "<table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s</caption><thead><tr>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                    h, heading, c->n[k], h, heading, T(r, "Nr."), TC(r, "one", "Tiltak"));
        if (pair) {
            html_printf(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", T(r, "Fra"),
                        T(r, "Til"));
        } else if (k == CHANGE_CONTINUED) {
            html_printf(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                        T(r, "Videreført fra"), T(r, "Status"));
        } else {
            html_printf(b, "<th scope=\"col\">%s</th></tr></thead><tbody>", T(r, "Status"));
        }
        for (size_t i = 0; i < c->n[k]; i++) {
            const Change *x = &c->changes[k][i];
            html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\" lang=\"nb\">%s</a></td>",
                        x->number, (long long)x->id, x->title);
            if (pair) {
                html_printf(b, "<td>%s</td><td>%s</td></tr>", change_label(r, &nm, (ChangeKind)k, x->from, x->from_label),
                            change_label(r, &nm, (ChangeKind)k, x->to, x->to_label));
            } else if (k == CHANGE_CONTINUED) {
                if (x->from) {
                    html_printf(b, "<td><a class=\"ds-link\" href=\"/measures/%s\">%s</a></td>", x->from, x->from_label);
                } else {
                    html_printf(b, "<td>%s</td>", T(r, "Et tiltak i en tidligere periode"));
                }
                html_printf(b, "<td>%s</td></tr>", change_label(r, &nm, CHANGE_NEW, x->to, x->to_label));
            } else {
                html_printf(b, "<td>%s</td></tr>", k == CHANGE_NEW ? change_label(r, &nm, CHANGE_NEW, x->to, x->to_label)
                                                                  : change_label(r, &nm, CHANGE_REMOVED, x->from, x->from_label));
            }
        }
        html_printf(b, "</tbody></table></div>");
    }
}

/* ---- /overview ---------------------------------------------------------- */

/* Links to the measure overview of the other periods that have measures. */
static void other_overviews(Req *r, const Strategy *st)
{
    Strategy *all;
    size_t n, shown = 0;
    if (strategy_list(r->db, r->arena, r->viewer, &all, &n, NULL)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (all[i].id == st->id || !all[i].measure_count) {
            continue;
        }
        if (!shown++) {
            html_printf(&r->body, "<section aria-labelledby=\"periods\"><h2 class=\"ds-heading\" data-size=\"md\" "
                                  "id=\"periods\">%s</h2><ul class=\"ds-list\">", T(r, "Andre strategiperioder"));
        }
        html_printf(&r->body, "<li><a class=\"ds-link\" href=\"/overview?strategy=%s\">%s</a></li>",
                    url_enc(r->arena, all[i].slug), TF(r, "Tiltaksoversikten for %s", all[i].period));
    }
    if (shown) {
        html_printf(&r->body, "</ul></section>");
    }
}

static int overview_empty(Req *r, const Strategy *st, const char *text)
{
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>"
                          "<p class=\"ds-paragraph\">%s</p><p class=\"ds-paragraph\"><a class=\"ds-link\" "
                          "href=\"/measures%s%s\">%s</a></p>",
                T(r, "Tiltaksoversikt"), text, st ? "?strategy=" : "", st ? url_enc(r->arena, st->slug) : "",
                T(r, "Se tiltakene slik de står nå"));
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" "
                              "href=\"/editions/new\">%s</a></p>", T(r, "Publiser første utgave"));
    }
    if (st) {
        other_overviews(r, st);
    }
    return 200;
}

/* «Endrede og nye prioriteringer siden forrige utgave» for ed: against
 * the edition before it, which for a period's first edition is the final
 * one of the period before. */
static int changes_section(Req *r, const Edition *ed)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"changes\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"changes\">"
                   "%s</h2>", T(r, "Endrede og nye prioriteringer siden forrige utgave"));
    if (!ed->prev_id) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>",
                    T(r, "Dette er den første utgaven av tiltaksoversikten for strategiperioden, så det er ingen "
                         "tidligere utgave å sammenligne med."));
        return 200;
    }
    Comparison c;
    if (edition_compare(r->db, r->arena, r->viewer, ed->prev_id, ed->id, &c, NULL)) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                c.across ? TF(r, "Dette er den første utgaven for %s. Den er sammenlignet med den siste utgaven for %s, "
                                 "«%s» (%s).", ed->strategy_period, c.from.strategy_period, c.from.title,
                              view_date(r, c.from.published_date))
                         : TF(r, "Sammenlignet med «%s» (%s).", c.from.title, view_date(r, c.from.published_date)));
    render_changes(r, &c, 3);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">"
                   "%s</a></p></section>", (long long)c.from.id, (long long)ed->id, T(r, "Vis sammenligningen for seg"));
    return 200;
}

int overview_page(Req *r)
{
    Strategy st;
    Edition ed;
    const char *slug = params_get(&r->query, "strategy");
    r->title = T(r, "Tiltaksoversikt");
    req_crumb(r, r->title, NULL);
    if (slug && *slug ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                      : strategy_current(r->db, r->arena, r->viewer, &st, NULL)) {
        return slug && *slug ? view_error(r, 404, T(r, "Det finnes ingen strategiperiode med denne adressen."))
                             : overview_empty(r, NULL, T(r, "Det er ingen strategi med tiltak ennå."));
    }
    int rc = edition_latest(r->db, r->arena, r->viewer, st.id, &ed, NULL);
    if (rc == E_NOTFOUND) {
        return overview_empty(r, &st, TF(r, "Det er ikke publisert noen utgave av tiltaksoversikten for %s ennå.",
                                         st.period));
    }
    if (rc) {
        return 500;
    }
    Buf *b = &r->body;
    html_printf(b, "<p class=\"ds-paragraph eyebrow\"><span lang=\"nb\">%s</span> · %s</p><h1 class=\"ds-heading\" "
                   "data-size=\"lg\">%s</h1>",
                st.title, st.period, r->title);
    if (st.in_force) {
        html_printf(b, "<p class=\"ds-paragraph lead\">%s</p>",
                    TF(r, "Gjeldende utgave: «%s», publisert %s. Oversikten oppdateres jevnlig gjennom "
                          "strategiperioden.", ed.title, view_date(r, ed.published_date)));
    } else {
        html_printf(b, "<p class=\"ds-paragraph lead\">%s</p><div class=\"ds-alert\" data-color=\"info\">"
                       "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/overview\">%s</a>.</p></div>",
                    TF(r, "Siste utgave for %s: «%s», publisert %s.", st.period, ed.title,
                       view_date(r, ed.published_date)),
                    TF(r, "Strategiperioden %s gjelder ikke nå.", st.period), T(r, "Se tiltaksoversikten som gjelder nå"));
    }
    facts(r, &ed);
    html_printf(b, "<p class=\"ds-paragraph edition-links\"><a class=\"ds-link\" href=\"/editions\">%s</a> · "
                   "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=now\">%s</a></p>",
                T(r, "Alle utgaver"), (long long)ed.id, T(r, "Sammenlign med tiltakene slik de står nå"));
    if (changes_section(r, &ed) != 200) {
        return 500;
    }
    html_printf(b, "<section aria-labelledby=\"measures\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"measures\">"
                   "%s</h2><p class=\"ds-paragraph\" role=\"status\">%zu %s</p>",
                T(r, "Tiltakene i utgaven"), ed.nitems, NT(r, "tiltak", "tiltak", (long long)ed.nitems));
    rc = render_items(r, &ed, 3);
    html_printf(b, "</section>");
    if (rc == 200) {
        other_overviews(r, &st);
    }
    return rc;
}

/* ---- /editions ---------------------------------------------------------- */

int edition_list_page(Req *r)
{
    Edition *ed;
    size_t n;
    Buf *b = &r->body;
    if (edition_list(r->db, r->arena, r->viewer, 0, &ed, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Utgaver av tiltaksoversikten");
    req_crumb(r, T(r, "Tiltaksoversikt"), "/overview");
    req_crumb(r, T(r, "Utgaver"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Tiltaksoversikten publiseres i utgaver. Hver utgave viser tiltakene slik de sto da den ble "
                     "godkjent."));
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" "
                       "href=\"/editions/new\">%s</a></p>", T(r, "Publiser ny utgave"));
    }
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Det er ikke publisert noen utgave ennå."));
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption>%s</caption><thead><tr>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Publiserte utgaver, nyeste først"), T(r, "Utgave"), T(r, "Strategiperiode"), T(r, "Publisert"),
                T(r, "Endringer"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/editions/%lld\">%s</a></td><td>%s</td><td>%s</td>",
                    (long long)ed[i].id, ed[i].title, ed[i].strategy_period, view_date(r, ed[i].published_date));
        if (ed[i].prev_id) {
            html_printf(b, "<td><a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">%s</a></td></tr>",
                        (long long)ed[i].prev_id, (long long)ed[i].id,
                        ed[i].prev_across ? T(r, "Sammenlign med forrige periode") : T(r, "Sammenlign med forrige"));
        } else {
            html_printf(b, "<td>%s</td></tr>", T(r, "Første utgave"));
        }
    }
    html_printf(b, "</tbody></table></div><p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/editions/compare\">"
                   "%s</a></p>", T(r, "Sammenlign to utgaver"));
    return 200;
}

int edition_show_page(Req *r)
{
    long long id;
    Edition ed;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || edition_get(r->db, r->arena, r->viewer, id, &ed, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen utgave med dette nummeret."));
    }
    r->title = ed.title;
    req_crumb(r, T(r, "Tiltaksoversikt"), "/overview");
    req_crumb(r, T(r, "Utgaver"), "/editions");
    req_crumb(r, ed.title, NULL);
    view_notice(r);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s · %s</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                T(r, "Utgave av tiltaksoversikten"), ed.strategy_period, ed.title);
    facts(r, &ed);
    html_printf(b, "<p class=\"ds-paragraph edition-links\">");
    if (ed.prev_id) {
        html_printf(b, "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">%s</a> · ",
                    (long long)ed.prev_id, (long long)ed.id, T(r, "Sammenlign med forrige utgave"));
    }
    html_printf(b, "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=now\">%s</a></p>"
                   "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><p class=\"ds-paragraph\" role=\"status\">%zu %s</p>",
                (long long)ed.id, T(r, "Sammenlign med tiltakene slik de står nå"), T(r, "Tiltakene i utgaven"),
                ed.nitems, NT(r, "tiltak", "tiltak", (long long)ed.nitems));
    return render_items(r, &ed, 3);
}

/* ---- publishing ------------------------------------------------------------ */

static int publish_form(Req *r, const char *error, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    const char *slug = params_get(&r->form, "strategy");
    const char *title = params_get(&r->form, "title");
    const char *note = params_get(&r->form, "approval_note");
    Strategy st, *all;
    size_t ns = 0;
    if (!slug && strategy_current(r->db, r->arena, r->viewer, &st, NULL) == 0) {
        slug = st.slug;
    }
    strategy_list(r->db, r->arena, r->viewer, &all, &ns, NULL);
    r->title = T(r, "Publiser ny utgave");
    req_crumb(r, T(r, "Tiltaksoversikt"), "/overview");
    req_crumb(r, T(r, "Utgaver"), "/editions");
    req_crumb(r, T(r, "Ny utgave"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>",
                T(r, "Publiser ny utgave av tiltaksoversikten"),
                T(r, "Utgaven fryser alle tiltakene i strategiperioden slik de står nå, og blir den gjeldende "
                     "tiltaksoversikten. En publisert utgave kan ikke endres. Hvem som kan se hvert tiltak, følger "
                     "tiltakets synlighet også i utgaven."));
    view_form_error(b, error);
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/editions\" novalidate>");
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"strategy\">%s</label>"
                   "<select class=\"ds-input\" id=\"strategy\" name=\"strategy\">", T(r, "Strategiperiode"));
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].slug, arena_printf(r->arena, "%s (%s)", all[i].title, all[i].period),
                    str_eq(slug, all[i].slug));
    }
    html_printf(b, "</select></div>");
    fv_text(r, "title", T(r, "Tittel"), T(r, "For eksempel «Tiltaksoversikt november 2026»."), title, "text",
            fv_error_of(fe, "title"), true);
    fv_textarea(r, "approval_note", T(r, "Godkjenning"),
                T(r, "Hvem godkjente utgaven, og når. For eksempel «Godkjent i Strategisk forum 12. november 2026»."),
                note, fv_error_of(fe, "approval_note"), 4, false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button> "
                   "<a class=\"ds-link\" href=\"/editions\">%s</a></form>",
                T(r, "Forhåndsvis og publiser"), T(r, "Avbryt"));
    return req_status(r, status);
}

int edition_new_page(Req *r)
{
    return publish_form(r, NULL, NULL, 200);
}

/* The confirmation: what the public will see, and what changed since the
 * latest edition; the button publishes (confirm=1). */
static int publish_confirm(Req *r, const Strategy *st, const EditionPreview *p)
{
    Buf *b = &r->body;
    const char *title = params_get(&r->form, "title"), *note = params_get(&r->form, "approval_note");
    r->title = T(r, "Kontroller før du publiserer");
    req_crumb(r, T(r, "Tiltaksoversikt"), "/overview");
    req_crumb(r, T(r, "Utgaver"), "/editions");
    req_crumb(r, T(r, "Ny utgave"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><div class=\"ds-alert\" data-color=\"warning\">"
                   "<p class=\"ds-paragraph\">%s</p></div>",
                r->title, TF(r, "«%s» blir offentlig med en gang og kan ikke endres eller trekkes tilbake. Publikum "
                                "ser %zu tiltak i %s slik de står nedenfor.", title ? title : "", p->npublic, st->period));
    html_printf(b, "<form method=\"post\" action=\"/editions\">");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"strategy\" value=\"%s\"><input type=\"hidden\" name=\"title\" "
                   "value=\"%s\"><input type=\"hidden\" name=\"approval_note\" value=\"%s\"><input type=\"hidden\" "
                   "name=\"confirm\" value=\"1\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button> <a class=\"ds-link\" href=\"/editions/new\">%s</a></form>",
                st->slug, title ? title : "", note ? note : "", T(r, "Publiser utgaven"), T(r, "Avbryt"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Endringer siden forrige utgave"));
    if (p->has_previous) {
        render_changes(r, &p->changes, 3);
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Dette blir den første utgaven for strategiperioden."));
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Slik ser publikum utgaven"));
    Edition ed = {.strategy_id = st->id, .strategy_slug = st->slug, .strategy_period = st->period, .items = p->public_items,
                  .nitems = p->npublic, .approval_note = ""};
    return render_items(r, &ed, 3);
}

int edition_publish_post(Req *r)
{
    Strategy st;
    Err e = {0};
    int64_t id;
    const char *slug = params_get(&r->form, "strategy");
    int rc = slug && *slug ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                           : strategy_current(r->db, r->arena, r->viewer, &st, NULL);
    if (rc) {
        return publish_form(r, T(r, "Velg en strategiperiode som finnes."), NULL, 400);
    }
    FormProblem *probs;
    size_t nprob = edition_publish_problems(r->arena, params_get(&r->form, "title"),
                                            params_get(&r->form, "approval_note"), &probs);
    if (nprob) {
        /* Every problem at once, each at its field. */
        static const char *const names[] = {"title", "approval_note"};
        FormErrors fe = {0};
        fv_problems(r, &fe, probs, nprob, names);
        return publish_form(r, NULL, &fe, 400);
    }
    if (!str_eq(params_get(&r->form, "confirm"), "1")) {
        EditionPreview p;
        rc = edition_preview(r->db, r->arena, r->viewer, st.id, params_get(&r->form, "title"),
                             params_get(&r->form, "approval_note"), &p, &e);
        if (rc) {
            return publish_form(r, rc == E_DB ? T(r, "Noe gikk galt. Prøv igjen om litt.") : TMSG(r, e.msg), NULL,
                                rc == E_FORBIDDEN ? 403 : rc == E_DB ? 500 : 400);
        }
        return publish_confirm(r, &st, &p);
    }
    rc = edition_publish(r->db, r->arena, r->viewer, r->client, st.id, params_get(&r->form, "title"),
                         params_get(&r->form, "approval_note"), &id, &e);
    if (rc) {
        return publish_form(r, rc == E_DB ? T(r, "Utgaven kunne ikke lagres. Prøv igjen.") : TMSG(r, e.msg), NULL,
                            rc == E_FORBIDDEN ? 403 : rc == E_DB ? 500 : 400);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/editions/%lld", (long long)id), "published");
}

/* ---- /editions/compare ----------------------------------------------------- */

/* The GET form: from an edition, to an edition or now. */
static void compare_form(Req *r, const Edition *ed, size_t n, long long from, long long to)
{
    Buf *b = &r->body;
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/editions/compare\" aria-label=\"%s\">"
                   "<div class=\"ds-field\"><label class=\"ds-label\" for=\"from\">%s</label>"
                   "<select class=\"ds-input\" id=\"from\" name=\"from\">",
                T(r, "Velg utgaver"), T(r, "Fra utgave"));
    for (size_t i = 0; i < n; i++) {
        view_option(b, arena_printf(r->arena, "%lld", (long long)ed[i].id),
                    arena_printf(r->arena, "%s (%s)", ed[i].title, view_date(r, ed[i].published_date)),
                    ed[i].id == from);
    }
    html_printf(b, "</select></div><div class=\"ds-field\"><label class=\"ds-label\" for=\"to\">%s</label>"
                   "<select class=\"ds-input\" id=\"to\" name=\"to\">", T(r, "Til"));
    view_option(b, "now", T(r, "Nå (gjeldende)"), to == 0);
    for (size_t i = 0; i < n; i++) {
        view_option(b, arena_printf(r->arena, "%lld", (long long)ed[i].id),
                    arena_printf(r->arena, "%s (%s)", ed[i].title, view_date(r, ed[i].published_date)),
                    ed[i].id == to);
    }
    html_printf(b, "</select></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button></form>", T(r, "Sammenlign"));
}

static void compare_result(Req *r, const Comparison *c)
{
    const char *heading = c->to.id ? TF(r, "Endringer fra «%s» til «%s» (%s)", c->from.title, c->to.title,
                                        view_date(r, c->to.published_date))
                                   : TF(r, "Endringer fra «%s» til tiltakene slik de står nå", c->from.title);
    const char *counts = c->to.id ? TF(r, "%zu tiltak i utgaven det sammenlignes fra, %zu i den andre.", c->from.nitems,
                                       c->to.nitems)
                                  : TF(r, "%zu tiltak i utgaven det sammenlignes fra, %zu i dag.", c->from.nitems,
                                       c->to.nitems);
    html_printf(&r->body, "<section aria-labelledby=\"result\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"result\">"
                          "%s</h2><p class=\"ds-paragraph\" role=\"status\">%zu %s. %s</p>",
                heading, c->total, NT(r, "endring", "endringer", (long long)c->total), counts);
    render_changes(r, c, 3);
    html_printf(&r->body, "</section>");
}

int edition_compare_page(Req *r)
{
    Edition *ed;
    size_t n;
    Comparison c;
    Err e = {0};
    long long from = 0, to = 0;
    const char *fs = params_get(&r->query, "from"), *ts = params_get(&r->query, "to");
    r->title = T(r, "Sammenlign utgaver");
    req_crumb(r, T(r, "Tiltaksoversikt"), "/overview");
    req_crumb(r, T(r, "Utgaver"), "/editions");
    req_crumb(r, T(r, "Sammenlign"), NULL);
    if ((fs && !parse_int(fs, 1, INT64_MAX, &from)) ||
        (ts && *ts && !str_eq(ts, "now") && !parse_int(ts, 1, INT64_MAX, &to))) {
        return view_error(r, 400, T(r, "Velg utgavene fra listene."));
    }
    if (edition_list(r->db, r->arena, r->viewer, 0, &ed, &n, NULL)) {
        return 500;
    }
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                T(r, "Sammenlign utgaver av tiltaksoversikten"));
    if (n == 0) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "Det er ikke publisert noen utgave ennå."));
        return 200;
    }
    compare_form(r, ed, n, from ? from : (n > 1 ? ed[1].id : ed[0].id), fs ? to : (n > 1 ? ed[0].id : 0));
    if (!from) {
        return 200;
    }
    int rc = edition_compare(r->db, r->arena, r->viewer, from, to, &c, &e);
    if (rc) {
        view_form_error(&r->body, rc == E_DB ? T(r, "Sammenligningen kunne ikke lages.") : TMSG(r, e.msg));
        return req_status(r, rc == E_NOTFOUND ? 404 : rc == E_INVALID ? 400 : 500);
    }
    compare_result(r, &c);
    return 200;
}
