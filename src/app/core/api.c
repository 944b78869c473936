/* api.c: see api.h. */
#include "app/core/api.h"

#include "app/core/i18n.h"

#include <stdlib.h>

static int dump_cb(const char *buffer, size_t size, void *data)
{
    buf_append(data, buffer, size);
    return 0;
}

int api_json(Req *r, int status, json_t *v)
{
    buf_reset(&r->body);
    json_dump_callback(v, dump_cb, &r->body, JSON_COMPACT);
    json_decref(v);
    r->content_type = "application/json";
    r->raw = true;
    return req_status(r, status);
}

int api_error(Req *r, int status, const char *code, const char *message)
{
    json_t *v = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
    return api_json(r, status, v);
}

json_t *api_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

int api_model_error(Req *r, const Err *e)
{
    /* Models write their messages for people, in bokmål from the
     * catalogue; the API speaks English. */
    const char *msg = i18n_msg(r->arena, LANG_EN, e->msg);
    switch (e->code) {
    case E_NOTFOUND: return api_error(r, 404, "not_found", msg);
    case E_FORBIDDEN: return api_error(r, 403, "forbidden", msg);
    case E_CONFLICT: return api_error(r, 409, "conflict", msg);
    case E_INVALID: return api_error(r, 400, "invalid", msg);
    }
    return api_error(r, 500, "internal", "the operation failed");
}

json_t *api_body_object(Req *r)
{
    json_error_t je;
    json_t *v = r->body_in ? json_loadb(r->body_in, r->body_in_len, JSON_REJECT_DUPLICATES, &je) : NULL;
    if (!v || !json_is_object(v)) {
        json_decref(v);
        api_error(r, 400, "invalid", "the body must be a JSON object");
        return NULL;
    }
    return v;
}

const char *api_member_str(Req *r, json_t *o, const char *key, bool *bad)
{
    json_t *m = json_object_get(o, key);
    if (!m || json_is_null(m)) {
        return NULL;
    }
    if (!json_is_string(m)) {
        *bad = true;
        api_error(r, 400, "invalid", arena_printf(r->arena, "%s must be a string", key));
        return NULL;
    }
    return arena_strdup(r->arena, json_string_value(m));
}
