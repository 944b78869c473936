/* search_api.c: /api/v1/search and /api/v1/search/suggest — the same
 * search as the page (search_run, filtered by access before ranking,
 * counting and facets).  Highlights are returned as <mark>…</mark> in
 * title_html and snippet_html (everything else escaped) and without marks
 * in title and snippet.  Messages are English. */
#include "app/core/core_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/core/api.h"
#include "app/core/i18n.h"
#include "app/core/search.h"
#include "base/util.h"

static const char *marked(Req *r, const char *s)
{
    Buf b = {0};
    search_marked_html(&b, s);
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static json_t *hit_json(Req *r, const SearchHit *h, bool snippet)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)h->id, "kind", h->kind ? h->kind->name : "",
                          "title", search_plain(r->arena, h->title), "title_html", marked(r, h->title), "url",
                          record_url(r->arena, h->kind, h->id), "masked", h->masked);
    if (snippet) {
        json_object_set_new(o, "snippet", json_string(search_plain(r->arena, h->snippet)));
        json_object_set_new(o, "snippet_html", json_string(marked(r, h->snippet)));
        json_object_set_new(o, "owner", api_str(h->owner_code));
        json_object_set_new(o, "group", h->group_id ? json_integer(h->group_id) : json_null());
        json_object_set_new(o, "group_title", api_str(h->group_title));
        json_object_set_new(o, "changed_at", api_str(h->changed_at));
    }
    return o;
}

/* The query from ?q=&kind=&ministry=&group=&period=&page=&per_page=;
 * false after a 400. */
static bool read_query(Req *r, SearchQuery *q)
{
    memset(q, 0, sizeof *q);
    q->q = params_get(&r->query, "q");
    q->kind = params_get(&r->query, "kind");
    q->ministry = params_get(&r->query, "ministry");
    q->period = params_get(&r->query, "period");
    const char *g = params_get(&r->query, "group"), *p = params_get(&r->query, "page");
    const char *pp = params_get(&r->query, "per_page");
    long long group = 0, page = 1, per = SEARCH_PER_PAGE;
    if (g && *g && !parse_int(g, 1, INT64_MAX, &group)) {
        api_error(r, 400, "invalid", "group must be a group id");
        return false;
    }
    if ((p && *p && !parse_int(p, 1, SEARCH_MAX_RANKED, &page)) || (pp && *pp && !parse_int(pp, 1, 100, &per))) {
        api_error(r, 400, "invalid", "page and per_page must be positive numbers (per_page at most 100)");
        return false;
    }
    q->group = group;
    q->page = (int)page;
    q->per_page = (int)per;
    return true;
}

int search_api(Req *r)
{
    SearchQuery q;
    if (!read_query(r, &q)) {
        return r->status;
    }
    if (!q.q || !*q.q) {
        return api_error(r, 400, "invalid", "q is required");
    }
    SearchResult res;
    Err e = {0};
    if (search_run(r->db, r->arena, r->viewer, &q, &res, &e)) {
        return api_model_error(r, &e);
    }
    json_t *hits = json_array();
    for (size_t i = 0; i < res.nhits; i++) {
        json_array_append_new(hits, hit_json(r, &res.hits[i], true));
    }
    static const char *const names[FACET_COUNT] = {"kind", "ministry", "group", "period"};
    json_t *facets = json_object();
    for (int x = 0; x < FACET_COUNT; x++) {
        json_t *arr = json_array();
        for (size_t i = 0; i < res.nfacets[x]; i++) {
            const SearchFacet *f = &res.facets[x][i];
            const char *label = x == FACET_KIND ? i18n_get(LANG_EN, f->label)
                                : x == FACET_MINISTRY && f->label_en ? f->label_en : f->label;
            json_array_append_new(arr, json_pack("{s:s,s:s,s:I,s:b}", "value", f->value, "label", label, "count",
                                                 (json_int_t)f->count, "selected", f->selected));
        }
        json_object_set_new(facets, names[x], arr);
    }
    return api_json(r, 200, json_pack("{s:s,s:I,s:b,s:i,s:i,s:o,s:o}", "q", q.q, "total", (json_int_t)res.total,
                                      "more", res.more, "page", q.page, "per_page", q.per_page, "hits", hits, "facets",
                                      facets));
}

int search_suggest_api(Req *r)
{
    const char *q = params_get(&r->query, "q");
    json_t *arr = json_array();
    if (q && *q) {
        SearchQuery sq = {.q = q, .suggest = true, .per_page = 8};
        SearchResult res;
        Err e = {0};
        if (search_run(r->db, r->arena, r->viewer, &sq, &res, &e)) {
            json_decref(arr);
            return api_model_error(r, &e);
        }
        for (size_t i = 0; i < res.nhits; i++) {
            json_array_append_new(arr, hit_json(r, &res.hits[i], false));
        }
    }
    return api_json(r, 200, json_pack("{s:o}", "suggestions", arr));
}
