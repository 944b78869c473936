/* search_page.c: the search page (/search) and its suggestions
 * (/search/suggest) — both plain HTML that works without JavaScript; and
 * the search box of the site header (search_box, layout.c).  What is
 * shown comes from search_run, which filters by access first. */
#include "app/core/core_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/search.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static const char *const facet_params[FACET_COUNT] = {"kind", "ministry", "group", "period"};

/* The query from the address; false after a 400 page. */
static bool read_query(Req *r, SearchQuery *q)
{
    memset(q, 0, sizeof *q);
    q->q = params_get(&r->query, "q");
    q->kind = params_get(&r->query, "kind");
    q->ministry = params_get(&r->query, "ministry");
    q->period = params_get(&r->query, "period");
    const char *g = params_get(&r->query, "group"), *p = params_get(&r->query, "page");
    long long group = 0, page = 1;
    if ((g && *g && !parse_int(g, 1, INT64_MAX, &group)) ||
        (p && *p && !parse_int(p, 1, SEARCH_MAX_RANKED / SEARCH_PER_PAGE, &page))) {
        view_error(r, 400, T(r, "Ugyldig søk."));
        return false;
    }
    q->group = group;
    q->page = (int)page;
    return true;
}

/* /search with the query and filters of q, filter x set to value (NULL:
 * removed), at page. */
static const char *search_href(Req *r, const SearchQuery *q, int x, const char *value, int page)
{
    const char *vals[FACET_COUNT] = {q->kind, q->ministry,
                                     q->group ? arena_printf(r->arena, "%lld", (long long)q->group) : NULL, q->period};
    if (x >= 0) {
        vals[x] = value;
    }
    Buf b = {0};
    buf_printf(&b, "/search?q=%s", url_enc(r->arena, q->q ? q->q : ""));
    for (int i = 0; i < FACET_COUNT; i++) {
        if (vals[i] && *vals[i]) {
            buf_printf(&b, "&%s=%s", facet_params[i], url_enc(r->arena, vals[i]));
        }
    }
    if (page > 1) {
        buf_printf(&b, "&page=%d", page);
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static const char *facet_label(Req *r, int x, const SearchFacet *f)
{
    if (x == FACET_KIND) {
        return T(r, f->label);
    }
    if (x == FACET_MINISTRY) {
        return TPICK(r, f->label, f->label_nn, f->label_en);
    }
    return f->label;
}

static void facets(Req *r, const SearchQuery *q, const SearchResult *res)
{
    static const char *const titles[FACET_COUNT] = {N_("Type"), N_("Departement"), N_("Gruppe"), N_("Strategiperiode")};
    Buf *b = &r->body;
    html_printf(b, "<nav class=\"search-facets\" aria-label=\"%s\">", T(r, "Avgrens søket"));
    for (int x = 0; x < FACET_COUNT; x++) {
        if (res->nfacets[x] == 0) {
            continue;
        }
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"2xs\">%s</h2><ul>", T(r, titles[x]));
        for (size_t i = 0; i < res->nfacets[x]; i++) {
            const SearchFacet *f = &res->facets[x][i];
            const char *href = search_href(r, q, x, f->selected ? NULL : f->value, 1);
            html_printf(b, "<li><a class=\"ds-link\" href=\"%s\" aria-current=\"%s\">%s (%lld)</a></li>", href,
                        f->selected ? "true" : "false", facet_label(r, x, f), (long long)f->count);
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "</nav>");
}

static void hit(Req *r, const SearchHit *h)
{
    Buf *b = &r->body;
    html_printf(b, "<li class=\"search-hit\"><h2 class=\"ds-heading\" data-size=\"xs\"><a class=\"ds-link\" href=\"%s\">",
                record_url(r->arena, h->kind, h->id));
    search_marked_html(b, h->title);
    html_printf(b, "</a></h2><p class=\"search-meta\"><span class=\"ds-tag\" data-color=\"neutral\">%s</span>",
                h->kind ? T(r, h->kind->label) : "");
    if (h->owner_code) {
        html_printf(b, " %s", h->owner_code);
    }
    if (h->group_title) {
        html_printf(b, " · %s", h->group_title);
    }
    html_printf(b, " · %s</p>", view_time(r, h->changed_at));
    if (*h->snippet) {
        html_printf(b, "<p class=\"ds-paragraph search-snippet\">");
        search_marked_html(b, h->snippet);
        html_printf(b, "</p>");
    }
    html_printf(b, "</li>");
}

static void pages(Req *r, const SearchQuery *q, const SearchResult *res)
{
    int64_t reachable = res->total < SEARCH_MAX_RANKED ? res->total : SEARCH_MAX_RANKED;
    int last = (int)((reachable + SEARCH_PER_PAGE - 1) / SEARCH_PER_PAGE);
    if (last <= 1) {
        return;
    }
    Buf *b = &r->body;
    html_printf(b, "<nav class=\"pagination\" aria-label=\"%s\"><ul>", T(r, "Sider"));
    if (q->page > 1) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"%s\" rel=\"prev\">%s</a></li>",
                    search_href(r, q, -1, NULL, q->page - 1), T(r, "Forrige"));
    }
    for (int p = 1; p <= last; p++) {
        if (p == q->page) {
            html_printf(b, "<li><a class=\"ds-link\" aria-current=\"page\">%d</a></li>", p);
        } else if (p <= 3 || p > last - 2 || (p >= q->page - 2 && p <= q->page + 2)) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"%s\">%d</a></li>", search_href(r, q, -1, NULL, p), p);
        }
    }
    if (q->page < last) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"%s\" rel=\"next\">%s</a></li>",
                    search_href(r, q, -1, NULL, q->page + 1), T(r, "Neste"));
    }
    html_printf(b, "</ul></nav>");
}

/* Titles that start like the query, as links (the suggestions). */
static void suggestions(Req *r, const char *text, bool heading)
{
    SearchQuery sq = {.q = text, .suggest = true, .per_page = 8};
    SearchResult res;
    if (search_run(r->db, r->arena, r->viewer, &sq, &res, NULL) || res.nhits == 0) {
        return;
    }
    Buf *b = &r->body;
    if (heading) {
        html_printf(b, "<section aria-labelledby=\"sugg-h\"><h2 class=\"ds-heading\" data-size=\"xs\" id=\"sugg-h\">%s"
                       "</h2>", T(r, "Forslag"));
    }
    html_printf(b, "<ul class=\"search-suggestions\">");
    for (size_t i = 0; i < res.nhits; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"%s\">%s</a> <span class=\"muted\">%s</span></li>",
                    record_url(r->arena, res.hits[i].kind, res.hits[i].id), search_plain(r->arena, res.hits[i].title),
                    res.hits[i].kind ? T(r, res.hits[i].kind->label) : "");
    }
    html_printf(b, "</ul>");
    if (heading) {
        html_printf(b, "</section>");
    }
}

static void search_form(Req *r, const char *q, const char *action, const char *button)
{
    html_printf(&r->body, "<form class=\"search-form\" role=\"search\" method=\"get\" action=\"%s\">"
                          "<div class=\"ds-field\"><label class=\"ds-label\" for=\"search-q\">%s</label>"
                          "<div class=\"search-row\"><input class=\"ds-input\" type=\"search\" id=\"search-q\" name=\"q\" "
                          "value=\"%s\" maxlength=\"500\">"
                          "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></div></div>"
                          "</form>",
                action, T(r, "Søk i alt du har tilgang til"), q ? q : "", button);
}

int search_page(Req *r)
{
    SearchQuery q;
    if (!read_query(r, &q)) {
        return r->status;
    }
    r->title = q.q && *q.q ? TF(r, "Søk: %s", q.q) : T(r, "Søk");
    req_crumb(r, T(r, "Søk"), NULL);
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", T(r, "Søk"));
    search_form(r, q.q, "/search", T(r, "Søk"));
    if (!q.q || !*q.q) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Søk i tiltak, grupper, problemer og kunnskapsartikler. Alle bøyningsformer gir treff: "
                         "«barnehage» finner også «barnehagene». Avslutt et ord med * for å søke etter begynnelsen."));
        return 200;
    }
    SearchResult res;
    Err e = {0};
    if (search_run(r->db, r->arena, r->viewer, &q, &res, &e)) {
        return view_error(r, e.code == E_INVALID ? 400 : 500, e.code == E_INVALID ? TMSG(r, e.msg) : NULL);
    }
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%s</p>",
                res.more ? TF(r, "Mer enn %lld treff. De nyeste er rangert; legg til et ord for å få færre.",
                              (long long)res.total)
                         : TF(r, "%lld %s", (long long)res.total, NT(r, "treff", "treff", res.total)));
    html_printf(b, "<div class=\"search-layout\">");
    facets(r, &q, &res);
    html_printf(b, "<div class=\"search-results\">");
    if (q.page == 1) {
        suggestions(r, q.q, true);
    }
    if (res.nhits) {
        html_printf(b, "<ol class=\"search-hits\" aria-label=\"%s\">", T(r, "Treff"));
        for (size_t i = 0; i < res.nhits; i++) {
            hit(r, &res.hits[i]);
        }
        html_printf(b, "</ol>");
    } else if (res.total == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen treff. Prøv færre ord eller et annet ord."));
    }
    pages(r, &q, &res);
    html_printf(b, "</div></div>");
    return 200;
}

int search_suggest_page(Req *r)
{
    const char *q = params_get(&r->query, "q");
    r->title = T(r, "Forslag");
    req_crumb(r, T(r, "Søk"), "/search");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    search_form(r, q, "/search/suggest", T(r, "Vis forslag"));
    if (q && *q) {
        suggestions(r, q, false);
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/search?q=%s\">%s</a></p>",
                    url_enc(r->arena, q), TF(r, "Søk etter «%s»", q));
    }
    return 200;
}
