/* link_api.c: links between records (JSON) — /api/v1/records/{id}/links
 * and /api/v1/links/{id}.  Thin over link.c, which shows a link only to
 * those who may read both its ends: a record or link the caller may not
 * see is a 404, exactly like a missing one.  Schemas:
 * assets/openapi/links.json. */
#include <stdint.h>
#include <stdio.h>

#include "app/core/api.h"
#include "app/core/core_handlers.h"
#include "app/core/i18n.h"
#include "app/core/link.h"
#include "base/util.h"

static json_t *link_json(const Link *l)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:I,s:{s:I,s:o,s:s,s:s},s:s,s:o,s:b}", "id", (json_int_t)l->id, "type",
                     l->type ? l->type->code : "", "direction", l->outgoing ? "outgoing" : "incoming", "from_id",
                     (json_int_t)l->from_id, "to_id", (json_int_t)l->to_id, "record", "id", (json_int_t)l->other_id,
                     "kind", api_str(l->other_kind ? l->other_kind->name : NULL), "title", l->other_title, "url",
                     l->other_url, "created_at", l->created_at, "created_by", api_str(l->created_by), "can_remove",
                     l->can_remove);
}

int link_list_api(Req *r)
{
    long long id;
    Link *ls;
    size_t n;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || link_list(r->db, r->arena, r->viewer, id, &ls, &n, &e)) {
        return e.code == E_DB ? api_model_error(r, &e) : api_error(r, 404, "not_found", "no record with this id");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, link_json(&ls[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

/* The other end named in the body: "to" as an id, or as a record's path or
 * URL; 0 when missing or naming none. *bad when present but neither. */
static int64_t body_target(json_t *body, bool *bad)
{
    json_t *to = json_object_get(body, "to");
    if (json_is_integer(to)) {
        return json_integer_value(to) > 0 ? json_integer_value(to) : 0;
    }
    if (json_is_string(to)) {
        return link_target(json_string_value(to));
    }
    *bad = to && !json_is_null(to);
    return 0;
}

int link_add_api(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no record with this id");
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool bad = false;
    const char *type = api_member_str(r, body, "type", &bad);
    int64_t to = bad ? 0 : body_target(body, &bad);
    json_decref(body);
    if (bad) {
        return r->status == 400 ? r->status : api_error(r, 400, "invalid", "to must be a record id or a record's URL");
    }
    int64_t lid;
    Link l;
    if (link_add(r->db, r->viewer, r->client, id, to, type ? type : "", &lid, &e) ||
        link_get(r->db, r->arena, r->viewer, lid, &l, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, link_json(&l));
}

int link_remove_api(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no link with this id");
    }
    if (link_remove(r->db, r->viewer, r->client, id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "removed", 1));
}
