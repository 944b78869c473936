/* edition_page.c: the published measure overview (/overview), its
 * editions, publishing a new one, and comparing two (HTML).  Thin over
 * edition.c; no SQL here.  Every item and count shown comes from the
 * model's filtered lists, so nothing hidden from the viewer is shown or
 * counted.  Works without JavaScript; the forms are plain GET/POST.
 */
#include <string.h>

#include "app/measure/edition.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* "Målområde" for the 2016–2024 strategies, "Mål" for the successor's goals. */
static const char *area_word(Req *r, const char *slug)
{
    Strategy st;
    return strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL) == 0 && st.period_start >= 2025 ? "Mål"
                                                                                                     : "Målområde";
}

static void facts(Req *r, const Edition *ed)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\"><dt>Strategiperiode</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s"
                   "</a></dd><dt>Publisert</dt><dd>%s</dd>",
                url_enc(r->arena, ed->strategy_slug), ed->strategy_period, view_date(r->arena, ed->published_date));
    if (ed->published_by) {
        html_printf(b, "<dt>Publisert av</dt><dd>%s</dd>", ed->published_by);
    }
    if (*ed->approval_note) {
        html_printf(b, "<dt>Godkjenning</dt><dd class=\"approval\">");
        html_text_block(b, ed->approval_note);
        html_printf(b, "</dd>");
    }
    html_printf(b, "</dl>");
}

static void item_rows(Req *r, const EditionItem *it, size_t n, int area, bool any_area)
{
    Buf *b = &r->body;
    for (size_t i = 0; i < n; i++) {
        if (any_area ? it[i].goal_area != area : it[i].goal_area != 0) {
            continue;
        }
        html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\">%s</a></td><td>%s</td>"
                       "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%d %%</td></tr>",
                    it[i].number, (long long)it[i].id, it[i].title,
                    it[i].owner_code ? it[i].owner_name : "Ikke avklart",
                    it[i].priority ? priority_label(it[i].priority) : "–",
                    it[i].end_date ? view_date(r->arena, it[i].end_date) : "–", it[i].status_label, it[i].progress);
    }
}

static void item_table(Req *r, const Edition *ed, const char *caption, int area, bool any_area)
{
    html_printf(&r->body, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border>"
                          "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">Nr.</th>"
                          "<th scope=\"col\">Tiltak</th><th scope=\"col\">Ansvarlig</th>"
                          "<th scope=\"col\">Prioritet</th><th scope=\"col\">Frist</th><th scope=\"col\">Status</th>"
                          "<th scope=\"col\">Fremdrift</th></tr></thead><tbody>", caption);
    item_rows(r, ed->items, ed->nitems, area, any_area);
    html_printf(&r->body, "</tbody></table></div>");
}

/* The edition's measures grouped by target area, headings at level h. */
static int render_items(Req *r, const Edition *ed, int h)
{
    GoalArea *areas;
    size_t na;
    if (goal_area_list(r->db, r->arena, r->viewer, ed->strategy_id, &areas, &na, NULL)) {
        return 500;
    }
    const char *word = area_word(r, ed->strategy_slug);
    size_t shown = 0;
    for (size_t k = 0; k < na; k++) {
        size_t cnt = 0;
        for (size_t i = 0; i < ed->nitems; i++) {
            cnt += ed->items[i].goal_area == areas[k].number;
        }
        if (cnt) {
            html_printf(&r->body, "<h%d class=\"ds-heading\" data-size=\"sm\">%s %d: %s</h%d>", h, word,
                        areas[k].number, areas[k].title, h);
            item_table(r, ed, arena_printf(r->arena, "Tiltak i %s %d", word, areas[k].number), areas[k].number,
                       true);
            shown += cnt;
        }
    }
    if (shown < ed->nitems) {
        html_printf(&r->body, "<h%d class=\"ds-heading\" data-size=\"sm\">Uten målområde</h%d>", h, h);
        item_table(r, ed, "Tiltak uten målområde", 0, false);
    }
    return 200;
}

static const char *change_label(Req *r, ChangeKind k, const char *value, const char *label)
{
    return k == CHANGE_DEADLINE && value ? view_date(r->arena, value) : label;
}

/* The groups of a comparison, headings at level h; empty groups left out. */
static void render_changes(Req *r, const Comparison *c, int h)
{
    Buf *b = &r->body;
    if (c->total == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">Ingen endringer: ingen nye eller fjernede tiltak, og ingen endret "
                       "prioritet, ansvarlig, status, frist eller stor endring i fremdrift.</p>");
        return;
    }
    for (int k = 0; k < CHANGE_KINDS; k++) {
        if (!c->n[k]) {
            continue;
        }
        bool pair = k != CHANGE_NEW && k != CHANGE_REMOVED;
        html_printf(b, "<h%d class=\"ds-heading\" data-size=\"xs\">%s (%zu)</h%d><div class=\"table-wrap\">"
                       "<table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s</caption><thead><tr>"
                       "<th scope=\"col\">Nr.</th><th scope=\"col\">Tiltak</th>",
                    h, g_change_headings[k], c->n[k], h, g_change_headings[k]);
        if (pair) {
            html_printf(b, "<th scope=\"col\">Fra</th><th scope=\"col\">Til</th></tr></thead><tbody>");
        } else {
            html_printf(b, "<th scope=\"col\">Status</th></tr></thead><tbody>");
        }
        for (size_t i = 0; i < c->n[k]; i++) {
            const Change *x = &c->changes[k][i];
            html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\">%s</a></td>", x->number,
                        (long long)x->id, x->title);
            if (pair) {
                html_printf(b, "<td>%s</td><td>%s</td></tr>", change_label(r, (ChangeKind)k, x->from, x->from_label),
                            change_label(r, (ChangeKind)k, x->to, x->to_label));
            } else {
                html_printf(b, "<td>%s</td></tr>", k == CHANGE_NEW ? x->to_label : x->from_label);
            }
        }
        html_printf(b, "</tbody></table></div>");
    }
}

/* ---- /overview ---------------------------------------------------------- */

static int overview_empty(Req *r, const char *text)
{
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">Tiltaksoversikt</h1>"
                          "<p class=\"ds-paragraph\">%s</p><p class=\"ds-paragraph\"><a class=\"ds-link\" "
                          "href=\"/measures\">Se tiltakene slik de står nå</a></p>", text);
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" "
                              "href=\"/editions/new\">Publiser første utgave</a></p>");
    }
    return 200;
}

/* «Endrede og nye prioriteringer siden forrige utgave» for ed. */
static int changes_section(Req *r, const Edition *ed)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"changes\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"changes\">"
                   "Endrede og nye prioriteringer siden forrige utgave</h2>");
    if (!ed->prev_id) {
        html_printf(b, "<p class=\"ds-paragraph\">Dette er den første utgaven av tiltaksoversikten for "
                       "strategiperioden, så det er ingen tidligere utgave å sammenligne med.</p></section>");
        return 200;
    }
    Edition prev;
    Comparison c = {0};
    if (edition_get(r->db, r->arena, r->viewer, ed->prev_id, &prev, NULL)) {
        return 500;
    }
    edition_diff(r->arena, prev.items, prev.nitems, ed->items, ed->nitems, &c);
    html_printf(b, "<p class=\"ds-paragraph\">Sammenlignet med «%s» (%s).</p>", prev.title,
                view_date(r->arena, prev.published_date));
    render_changes(r, &c, 3);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">"
                   "Vis sammenligningen for seg</a></p></section>", (long long)prev.id, (long long)ed->id);
    return 200;
}

int overview_page(Req *r)
{
    Strategy st;
    Edition ed;
    r->title = "Tiltaksoversikt";
    req_crumb(r, "Tiltaksoversikt", NULL);
    if (strategy_featured(r->db, r->arena, r->viewer, &st, NULL)) {
        return overview_empty(r, "Det er ingen strategi med tiltak ennå.");
    }
    int rc = edition_latest(r->db, r->arena, r->viewer, st.id, &ed, NULL);
    if (rc == E_NOTFOUND) {
        return overview_empty(r, "Det er ikke publisert noen utgave av tiltaksoversikten ennå.");
    }
    if (rc) {
        return 500;
    }
    Buf *b = &r->body;
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s · %s</p><h1 class=\"ds-heading\" data-size=\"lg\">"
                   "Tiltaksoversikt</h1><p class=\"ds-paragraph lead\">Gjeldende utgave: «%s», publisert %s. "
                   "Oversikten oppdateres jevnlig gjennom strategiperioden.</p>",
                st.title, st.period, ed.title, view_date(r->arena, ed.published_date));
    facts(r, &ed);
    html_printf(b, "<p class=\"ds-paragraph edition-links\"><a class=\"ds-link\" href=\"/editions\">Alle utgaver</a> · "
                   "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=now\">Sammenlign med tiltakene "
                   "slik de står nå</a></p>", (long long)ed.id);
    if (changes_section(r, &ed) != 200) {
        return 500;
    }
    html_printf(b, "<section aria-labelledby=\"measures\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"measures\">"
                   "Tiltakene i utgaven</h2><p class=\"ds-paragraph\" role=\"status\">%zu tiltak</p>", ed.nitems);
    rc = render_items(r, &ed, 3);
    html_printf(b, "</section>");
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
    r->title = "Utgaver av tiltaksoversikten";
    req_crumb(r, "Tiltaksoversikt", "/overview");
    req_crumb(r, "Utgaver", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Utgaver av tiltaksoversikten</h1>"
                   "<p class=\"ds-paragraph\">Tiltaksoversikten publiseres i utgaver. Hver utgave viser tiltakene "
                   "slik de sto da den ble godkjent.</p>");
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" "
                       "href=\"/editions/new\">Publiser ny utgave</a></p>");
    }
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">Det er ikke publisert noen utgave ennå.</p>");
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption>Publiserte utgaver, "
                   "nyeste først</caption><thead><tr><th scope=\"col\">Utgave</th><th scope=\"col\">Strategiperiode"
                   "</th><th scope=\"col\">Publisert</th><th scope=\"col\">Endringer</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/editions/%lld\">%s</a></td><td>%s</td><td>%s</td>",
                    (long long)ed[i].id, ed[i].title, ed[i].strategy_period, view_date(r->arena, ed[i].published_date));
        if (ed[i].prev_id) {
            html_printf(b, "<td><a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">Sammenlign med "
                           "forrige</a></td></tr>", (long long)ed[i].prev_id, (long long)ed[i].id);
        } else {
            html_printf(b, "<td>Første utgave</td></tr>");
        }
    }
    html_printf(b, "</tbody></table></div><p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/editions/compare\">"
                   "Sammenlign to utgaver</a></p>");
    return 200;
}

int edition_show_page(Req *r)
{
    long long id;
    Edition ed;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || edition_get(r->db, r->arena, r->viewer, id, &ed, NULL)) {
        return view_error(r, 404, "Det finnes ingen utgave med dette nummeret.");
    }
    r->title = ed.title;
    req_crumb(r, "Tiltaksoversikt", "/overview");
    req_crumb(r, "Utgaver", "/editions");
    req_crumb(r, ed.title, NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">Utgave av tiltaksoversikten · %s</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", ed.strategy_period, ed.title);
    facts(r, &ed);
    html_printf(b, "<p class=\"ds-paragraph edition-links\">");
    if (ed.prev_id) {
        html_printf(b, "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=%lld\">Sammenlign med forrige "
                       "utgave</a> · ", (long long)ed.prev_id, (long long)ed.id);
    }
    html_printf(b, "<a class=\"ds-link\" href=\"/editions/compare?from=%lld&amp;to=now\">Sammenlign med tiltakene "
                   "slik de står nå</a></p><h2 class=\"ds-heading\" data-size=\"md\">Tiltakene i utgaven</h2>"
                   "<p class=\"ds-paragraph\" role=\"status\">%zu tiltak</p>", (long long)ed.id, ed.nitems);
    return render_items(r, &ed, 3);
}

/* ---- publishing ------------------------------------------------------------ */

static int publish_form(Req *r, const char *error, int status)
{
    Buf *b = &r->body;
    const char *slug = params_get(&r->form, "strategy");
    const char *title = params_get(&r->form, "title");
    const char *note = params_get(&r->form, "approval_note");
    Strategy st, *all;
    size_t ns = 0;
    if (!slug && strategy_featured(r->db, r->arena, r->viewer, &st, NULL) == 0) {
        slug = st.slug;
    }
    strategy_list(r->db, r->arena, r->viewer, &all, &ns, NULL);
    r->title = "Publiser ny utgave";
    req_crumb(r, "Tiltaksoversikt", "/overview");
    req_crumb(r, "Utgaver", "/editions");
    req_crumb(r, "Ny utgave", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Publiser ny utgave av tiltaksoversikten</h1>"
                   "<p class=\"ds-paragraph\">Utgaven fryser alle tiltakene i strategiperioden slik de står nå, og "
                   "blir den gjeldende tiltaksoversikten. En publisert utgave kan ikke endres. Hvem som kan se hvert "
                   "tiltak, følger tiltakets synlighet også i utgaven.</p>");
    view_form_error(b, error);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/editions\">");
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"strategy\">Strategiperiode</label>"
                   "<select class=\"ds-input\" id=\"strategy\" name=\"strategy\">");
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].slug, arena_printf(r->arena, "%s (%s)", all[i].title, all[i].period),
                    str_eq(slug, all[i].slug));
    }
    html_printf(b, "</select></div>");
    view_text_field(b, "title", "Tittel", title, "text", "off", "For eksempel «Tiltaksoversikt november 2026».",
                    NULL, true);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"approval_note\">Godkjenning</label>"
                   "<div data-field=\"description\" id=\"approval_note-desc\">Hvem godkjente utgaven, og når. For "
                   "eksempel «Godkjent i Strategisk forum 12. november 2026».</div><textarea class=\"ds-input\" "
                   "id=\"approval_note\" name=\"approval_note\" rows=\"4\" aria-describedby=\"approval_note-desc\">"
                   "%s</textarea></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Publiser"
                   "</button> <a class=\"ds-link\" href=\"/editions\">Avbryt</a></form>", note ? note : "");
    return req_status(r, status);
}

int edition_new_page(Req *r)
{
    return publish_form(r, NULL, 200);
}

int edition_publish_post(Req *r)
{
    Strategy st;
    Err e = {0};
    int64_t id;
    const char *slug = params_get(&r->form, "strategy");
    int rc = slug && *slug ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                           : strategy_featured(r->db, r->arena, r->viewer, &st, NULL);
    if (rc) {
        return publish_form(r, "Velg en strategiperiode som finnes.", 400);
    }
    rc = edition_publish(r->db, r->arena, r->viewer, r->client, st.id, params_get(&r->form, "title"),
                         params_get(&r->form, "approval_note"), &id, &e);
    if (rc) {
        return publish_form(r, rc == E_DB ? "Utgaven kunne ikke lagres. Prøv igjen." : e.msg,
                            rc == E_FORBIDDEN ? 403 : rc == E_DB ? 500 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/editions/%lld", (long long)id));
}

/* ---- /editions/compare ----------------------------------------------------- */

/* The GET form: from an edition, to an edition or now. */
static void compare_form(Req *r, const Edition *ed, size_t n, long long from, long long to)
{
    Buf *b = &r->body;
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/editions/compare\" aria-label=\"Velg utgaver\">"
                   "<div class=\"ds-field\"><label class=\"ds-label\" for=\"from\">Fra utgave</label>"
                   "<select class=\"ds-input\" id=\"from\" name=\"from\">");
    for (size_t i = 0; i < n; i++) {
        view_option(b, arena_printf(r->arena, "%lld", (long long)ed[i].id),
                    arena_printf(r->arena, "%s (%s)", ed[i].title, view_date(r->arena, ed[i].published_date)),
                    ed[i].id == from);
    }
    html_printf(b, "</select></div><div class=\"ds-field\"><label class=\"ds-label\" for=\"to\">Til</label>"
                   "<select class=\"ds-input\" id=\"to\" name=\"to\">");
    view_option(b, "now", "Nå (gjeldende)", to == 0);
    for (size_t i = 0; i < n; i++) {
        view_option(b, arena_printf(r->arena, "%lld", (long long)ed[i].id),
                    arena_printf(r->arena, "%s (%s)", ed[i].title, view_date(r->arena, ed[i].published_date)),
                    ed[i].id == to);
    }
    html_printf(b, "</select></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Sammenlign"
                   "</button></form>");
}

static void compare_result(Req *r, const Comparison *c)
{
    Arena *a = r->arena;
    const char *to = c->to.id ? arena_printf(a, "«%s» (%s)", c->to.title, view_date(a, c->to.published_date))
                              : "tiltakene slik de står nå";
    html_printf(&r->body, "<section aria-labelledby=\"result\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"result\">"
                          "Endringer fra «%s» til %s</h2><p class=\"ds-paragraph\" role=\"status\">%zu %s. "
                          "%zu tiltak i utgaven det sammenlignes fra, %zu i %s.</p>",
                c->from.title, to, c->total, c->total == 1 ? "endring" : "endringer", c->from.nitems, c->to.nitems,
                c->to.id ? "den andre" : "dag");
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
    r->title = "Sammenlign utgaver";
    req_crumb(r, "Tiltaksoversikt", "/overview");
    req_crumb(r, "Utgaver", "/editions");
    req_crumb(r, "Sammenlign", NULL);
    if ((fs && !parse_int(fs, 1, INT64_MAX, &from)) ||
        (ts && *ts && !str_eq(ts, "now") && !parse_int(ts, 1, INT64_MAX, &to))) {
        return view_error(r, 400, "Velg utgavene fra listene.");
    }
    if (edition_list(r->db, r->arena, r->viewer, 0, &ed, &n, NULL)) {
        return 500;
    }
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">Sammenlign utgaver av tiltaksoversikten</h1>");
    if (n == 0) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">Det er ikke publisert noen utgave ennå.</p>");
        return 200;
    }
    compare_form(r, ed, n, from ? from : (n > 1 ? ed[1].id : ed[0].id), fs ? to : (n > 1 ? ed[0].id : 0));
    if (!from) {
        return 200;
    }
    int rc = edition_compare(r->db, r->arena, r->viewer, from, to, &c, &e);
    if (rc) {
        view_form_error(&r->body, rc == E_DB ? "Sammenligningen kunne ikke lages." : e.msg);
        return req_status(r, rc == E_NOTFOUND ? 404 : rc == E_INVALID ? 400 : 500);
    }
    compare_result(r, &c);
    return 200;
}
