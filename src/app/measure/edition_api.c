/* edition_api.c: /api/v1/editions — published editions of the measure
 * overview, publishing one (secretariat), and comparing two (JSON).
 * Thin over edition.c; what a caller sees of an edition's measures is
 * decided there, for the caller. */
#include <stdint.h>

#include "app/core/api.h"
#include "app/measure/edition.h"
#include "app/measure/measure_handlers.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

static int model_error(Req *r, int rc, const Err *e)
{
    switch (rc) {
    case E_NOTFOUND: return api_error(r, 404, "not_found", e->msg);
    case E_FORBIDDEN: return api_error(r, 403, "forbidden", e->msg);
    case E_INVALID: return api_error(r, 400, "invalid", e->msg);
    }
    return api_error(r, 500, "internal", "the operation failed");
}

static json_t *edition_json(const Edition *ed)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:o}", "id", (json_int_t)ed->id, "strategy", ed->strategy_slug,
                     "title", ed->title, "published_at", ed->published_at, "published_by", api_str(ed->published_by),
                     "approval_note", ed->approval_note,
                     "previous", ed->prev_id ? json_integer(ed->prev_id) : json_null());
}

static json_t *item_json(const EditionItem *it)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:s,s:s,s:o,s:o,s:o,s:o,s:i,s:o,s:o,s:s,s:o}", "id", (json_int_t)it->id,
                     "number", it->number, "title", it->title, "masked", it->masked, "status", it->status,
                     "status_label", it->status_label, "priority", api_str(it->priority), "owner",
                     api_str(it->owner_code), "owner_name", api_str(it->owner_name), "end_date", api_str(it->end_date),
                     "progress", it->progress, "goal_area", it->goal_area ? json_integer(it->goal_area) : json_null(),
                     "parent", api_str(it->parent), "visibility", it->visibility, "exemption_basis",
                     api_str(it->exemption_basis));
}

static int edition_full(Req *r, int status, const Edition *ed)
{
    json_t *v = edition_json(ed);
    json_t *items = json_array();
    for (size_t i = 0; i < ed->nitems; i++) {
        json_array_append_new(items, item_json(&ed->items[i]));
    }
    json_object_set_new(v, "measures", items);
    json_object_set_new(v, "count", json_integer((json_int_t)ed->nitems));
    return api_json(r, status, v);
}

int edition_list_api(Req *r)
{
    const char *slug = params_get(&r->query, "strategy");
    Strategy st = {0};
    Edition *ed;
    size_t n;
    if (slug && strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)) {
        return api_error(r, 400, "invalid", "unknown strategy");
    }
    if (edition_list(r->db, r->arena, r->viewer, st.id, &ed, &n, NULL)) {
        return api_error(r, 500, "database", "reading editions failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, edition_json(&ed[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int edition_show_api(Req *r)
{
    long long id;
    Edition ed;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || edition_get(r->db, r->arena, r->viewer, id, &ed, NULL)) {
        return api_error(r, 404, "not_found", "no edition with this id");
    }
    return edition_full(r, 200, &ed);
}

/* A string member of o, NULL when absent or null; *bad when not a string. */
static const char *member(json_t *o, const char *key, bool *bad)
{
    json_t *m = json_object_get(o, key);
    if (m && !json_is_null(m) && !json_is_string(m)) {
        *bad = true;
    }
    return json_is_string(m) ? json_string_value(m) : NULL;
}

int edition_publish_api(Req *r)
{
    json_t *in = r->body_in ? json_loadb(r->body_in, r->body_in_len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    bool bad = !json_is_object(in);
    const char *title = member(in, "title", &bad), *note = member(in, "approval_note", &bad);
    const char *slug = member(in, "strategy", &bad);
    Strategy st;
    Edition ed;
    Err e = {0};
    int64_t id;
    int rc = bad ? E_INVALID
                 : slug ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                        : strategy_current(r->db, r->arena, r->viewer, &st, NULL);
    if (rc == 0) {
        rc = edition_publish(r->db, r->arena, r->viewer, r->client, st.id, title, note, &id, &e);
    }
    json_decref(in);   /* title and note are not used after this */
    if (bad) {
        return api_error(r, 400, "invalid", "the body must be a JSON object with string members title, "
                                             "approval_note and strategy");
    }
    if (rc == E_NOTFOUND && !e.code) {
        return api_error(r, 400, "invalid", "unknown strategy");
    }
    if (rc || (rc = edition_get(r->db, r->arena, r->viewer, id, &ed, &e))) {
        return model_error(r, rc, &e);
    }
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/editions/%lld", (long long)id));
    return edition_full(r, 201, &ed);
}

static json_t *change_json(const Change *c)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:s}", "id", (json_int_t)c->id, "number", c->number, "title",
                     c->title, "from", api_str(c->from), "to", api_str(c->to), "from_label", c->from_label,
                     "to_label", c->to_label);
}

int edition_compare_api(Req *r)
{
    long long from, to = 0;
    const char *ts = params_get(&r->query, "to");
    Comparison c;
    Err e = {0};
    if (!parse_int(params_get(&r->query, "from"), 1, INT64_MAX, &from) ||
        (ts && !str_eq(ts, "now") && !parse_int(ts, 1, INT64_MAX, &to))) {
        return api_error(r, 400, "invalid", "from must be an edition id, to an edition id or now");
    }
    int rc = edition_compare(r->db, r->arena, r->viewer, from, to, &c, &e);
    if (rc) {
        return model_error(r, rc, &e);
    }
    json_t *groups = json_object();
    for (int k = 0; k < CHANGE_KINDS; k++) {
        json_t *list = json_array();
        for (size_t i = 0; i < c.n[k]; i++) {
            json_array_append_new(list, change_json(&c.changes[k][i]));
        }
        json_object_set_new(groups, g_change_codes[k], list);
    }
    return api_json(r, 200, json_pack("{s:o,s:o,s:I,s:I,s:I,s:b,s:o}", "from", edition_json(&c.from), "to",
                                      c.to.id ? edition_json(&c.to) : json_null(), "from_count",
                                      (json_int_t)c.from.nitems, "to_count", (json_int_t)c.to.nitems, "total",
                                      (json_int_t)c.total, "across", c.across, "changes", groups));
}
