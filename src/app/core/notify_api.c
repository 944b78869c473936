/* notify_api.c: the caller's notifications (JSON) — /api/v1/notifications.
 * Thin over notify.c: each caller sees only their own, and only about
 * records they may still read.  Schemas: assets/openapi/notifications.json. */
#include <stdint.h>

#include "app/core/api.h"
#include "app/core/core_handlers.h"
#include "app/core/notify.h"
#include "base/util.h"

static json_t *notification_json(const Notification *x)
{
    return json_pack("{s:I,s:s,s:{s:I,s:o,s:s},s:o,s:o,s:o,s:b,s:s,s:s,s:o}", "id", (json_int_t)x->id, "type",
                     x->type, "record", "id", (json_int_t)x->record_id, "kind",
                     api_str(x->kind ? x->kind->name : NULL), "title", x->record_title, "actor", api_str(x->actor),
                     "actor_name", api_str(x->actor_name), "comment_id",
                     x->comment_id ? json_integer(x->comment_id) : json_null(), "comment_deleted", x->comment_deleted,
                     "url", x->url, "created_at", x->created_at, "read_at", api_str(x->read_at));
}

int notification_list_api(Req *r)
{
    long long before = 0, limit = 50;
    const char *b = params_get(&r->query, "before"), *l = params_get(&r->query, "limit");
    const char *unread = params_get(&r->query, "unread");
    if ((b && !parse_int(b, 1, INT64_MAX, &before)) || (l && !parse_int(l, 1, 200, &limit)) ||
        (unread && !str_eq(unread, "0") && !str_eq(unread, "1"))) {
        return api_error(r, 400, "invalid", "before must be an id, limit 1-200, unread 0 or 1");
    }
    NotifyFilter f = {.unread = str_eq(unread, "1"), .before_id = before, .limit = (int)limit};
    Notification *xs;
    size_t n;
    bool more;
    Err e = {0};
    if (notify_list(r->db, r->arena, r->viewer, &f, &xs, &n, &more, &e)) {
        return e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "sign in to read notifications")
                                     : api_error(r, 500, "internal", "the operation failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, notification_json(&xs[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I,s:i,s:b}", "items", items, "count", (json_int_t)n, "unread",
                                      notify_unread_count(r->db, r->viewer), "more", more));
}

int notification_read_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    json_t *id = json_object_get(body, "id"), *all = json_object_get(body, "all");
    bool ok = (json_is_integer(id) && json_integer_value(id) > 0 && !all) || (json_is_true(all) && !id);
    json_int_t which = json_is_integer(id) ? json_integer_value(id) : 0;
    json_decref(body);
    if (!ok) {
        return api_error(r, 400, "invalid", "send {\"id\": <notification id>} or {\"all\": true}");
    }
    int marked = 0;
    Err e = {0};
    if (notify_mark_read(r->db, r->viewer, r->client, which, &marked, &e)) {
        return e.code == E_NOTFOUND ? api_error(r, 404, "not_found", "no notification with this id")
             : e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "this token may not change notifications")
                                     : api_error(r, 500, "internal", "the operation failed");
    }
    return api_json(r, 200, json_pack("{s:i,s:i}", "marked", marked, "unread", notify_unread_count(r->db, r->viewer)));
}
