/* mail_api.c: e-mail preferences and the administrators' outbox (JSON) —
 * /api/v1/me/mail-preferences, /api/v1/admin/mail/….  Thin over mail.c.
 * Schemas: assets/openapi/mail.json. */
#include <stdint.h>

#include "app/core/api.h"
#include "app/mail/mail.h"
#include "app/mail/mail_handlers.h"
#include "base/util.h"

static int prefs_json(Req *r, int status)
{
    json_t *items = json_array();
    size_t n;
    const MailKind *k = mail_kinds(&n);
    for (size_t i = 0; i < n; i++) {
        if (!mail_kind_applies(r->db, r->viewer->user_id, &k[i])) {
            continue;
        }
        json_array_append_new(items, json_pack("{s:s,s:s,s:s}", "kind", k[i].kind, "cadence",
                                               mail_cadence_code(mail_pref_get(r->db, r->viewer->user_id, k[i].kind)),
                                               "default", mail_cadence_code(k[i].dflt)));
    }
    const char *addr = mail_user_address(r->db, r->arena, r->viewer->user_id);
    return api_json(r, status, json_pack("{s:o,s:o}", "address", api_str(*addr ? addr : NULL), "preferences", items));
}

int mail_prefs_api(Req *r)
{
    return prefs_json(r, 200);
}

/* PUT {"mention": "daily", "deadline": "now", …}: every member a kind the
 * caller has, every value a cadence; all or nothing is checked first. */
int mail_prefs_put_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    const char *key;
    json_t *val;
    json_object_foreach(body, key, val)
    {
        const MailKind *k = mail_kind_find(key);
        int c = json_is_string(val) ? mail_cadence_parse(json_string_value(val)) : -1;
        if (!k || !mail_kind_applies(r->db, r->viewer->user_id, k)) {
            json_decref(body);
            return api_error(r, 400, "invalid", arena_printf(r->arena, "unknown kind of e-mail: %s", key));
        }
        if (c < 0 || (k->sg_only && c != CADENCE_WEEKLY && c != CADENCE_OFF)) {
            json_decref(body);
            return api_error(r, 400, "invalid",
                             arena_printf(r->arena, "%s: the cadence must be %s", key,
                                          k->sg_only ? "weekly or off" : "now, daily, weekly or off"));
        }
    }
    json_object_foreach(body, key, val)
    {
        Err e = {0};
        if (mail_pref_set(r->db, r->viewer, r->client, key, (Cadence)mail_cadence_parse(json_string_value(val)), &e)) {
            json_decref(body);
            return e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "this token may not change preferences")
                                         : api_error(r, 500, "internal", "the operation failed");
        }
    }
    json_decref(body);
    return prefs_json(r, 200);
}

static json_t *row_json(const OutboxRow *x)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:i,s:I,s:s,s:s,s:I,s:o,s:i}", "id", (json_int_t)x->id, "kind", x->kind,
                     "status", x->status, "to_name", api_str(x->to_name), "to_ministry", api_str(x->to_ministry),
                     "to_address", x->to_addr, "attempts", x->attempts, "next_attempt_at",
                     (json_int_t)x->next_attempt_at, "last_error", x->last_error, "message_id", x->message_id,
                     "created_at", (json_int_t)x->created_at,
                     "sent_at", x->sent_at ? json_integer(x->sent_at) : json_null(), "items", x->items);
}

int mail_outbox_api(Req *r)
{
    const char *status = params_get(&r->query, "status");
    static const char *const statuses[] = {"queued", "sending", "sent", "failed", "given_up", "dropped"};
    bool ok = !status;
    for (size_t i = 0; !ok && i < COUNT(statuses); i++) {
        ok = str_eq(status, statuses[i]);
    }
    if (!ok) {
        return api_error(r, 400, "invalid", "status must be queued, sending, sent, failed, given_up or dropped");
    }
    OutboxRow *xs;
    size_t n;
    OutboxCounts c;
    Err e = {0};
    if (mail_outbox_list(r->db, r->arena, r->viewer, status, 200, &xs, &n, &c, &e)) {
        return e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "administrators only")
                                     : api_error(r, 500, "internal", "the operation failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, row_json(&xs[i]));
    }
    return api_json(r, 200, json_pack("{s:b,s:{s:i,s:i,s:i,s:i,s:i,s:i},s:o}", "configured", mail_configured(),
                                      "counts", "queued", c.queued, "sending", c.sending, "sent", c.sent, "failed",
                                      c.failed, "given_up", c.given_up, "dropped", c.dropped, "items", items));
}

int mail_resend_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    Err e = {0};
    if (mail_resend(r->db, r->viewer, r->client, id, &e)) {
        return e.code == E_NOTFOUND    ? api_error(r, 404, "not_found", "no e-mail with this id")
               : e.code == E_CONFLICT  ? api_error(r, 409, "conflict", "only a failed, given-up or dropped e-mail can be resent")
               : e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "administrators only")
                                       : api_error(r, 500, "internal", "the operation failed");
    }
    return api_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "queued"));
}

int mail_test_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"to", NULL};
    if (!api_known_keys(r, body, keys)) {
        json_decref(body);
        return r->status;
    }
    bool bad = false;
    const char *to = api_member_str(r, body, "to", &bad);
    json_decref(body);
    if (bad) {
        return r->status;
    }
    int64_t id = 0;
    Err e = {0};
    if (mail_test(r->db, r->viewer, r->client, to, &id, &e)) {
        return e.code == E_INVALID     ? api_error(r, 400, "invalid", "to must be one e-mail address")
               : e.code == E_FORBIDDEN ? api_error(r, 403, "forbidden", "administrators only")
                                       : api_error(r, 500, "internal", "the operation failed");
    }
    return api_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "queued"));
}
