/* api.c: see api.h. */
#include "app/core/api.h"

#include "app/core/i18n.h"

#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"

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

const char *api_member_text(Req *r, json_t *o, const char *key, bool *bad)
{
    json_t *m = json_object_get(o, key);
    if (!m || json_is_null(m) || *bad) {
        return NULL;
    }
    if (json_is_string(m)) {
        return arena_strdup(r->arena, json_string_value(m));
    }
    if (json_is_integer(m)) {
        return arena_printf(r->arena, "%lld", (long long)json_integer_value(m));
    }
    if (json_is_array(m)) {
        Buf b = {0};
        size_t i;
        json_t *x;
        json_array_foreach(m, i, x) {
            if (!json_is_string(x)) {
                buf_free(&b);
                goto bad;
            }
            buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(x));
        }
        const char *out = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return out;
    }
bad:
    *bad = true;
    api_error(r, 400, "invalid", arena_printf(r->arena, "%s must be a string", key));
    return NULL;
}

bool api_known_keys(Req *r, json_t *o, const char *const *keys)
{
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        bool ok = false;
        for (size_t i = 0; keys[i] && !ok; i++) {
            ok = str_eq(keys[i], key);
        }
        if (!ok) {
            api_error(r, 400, "invalid", arena_printf(r->arena, "unknown field %s", key));
            return false;
        }
    }
    return true;
}

bool api_path_id(Req *r, int i, int64_t *id)
{
    long long x;
    if (i >= r->nargs || !parse_int(r->args[i], 1, INT64_MAX, &x)) {
        api_error(r, 404, "not_found", "no such record");
        return false;
    }
    *id = x;
    return true;
}

const char *api_problem_text(Req *r, const FormProblem *p)
{
    const char *msg = i18n_msg(r->arena, LANG_EN, p->msg);
    const char *s = p->arg ? strstr(msg, "%s") : NULL;
    return s ? arena_printf(r->arena, "%.*s%s%s", (int)(s - msg), msg, p->arg, s + 2) : msg;
}

int api_form_error(Req *r, const Err *e, const char *const *names, const FormProblem *errs, size_t nerr,
                   const char *warn_code)
{
    bool warn = e->code == E_CONFLICT && warn_code;
    if ((e->code != E_INVALID && !warn) || nerr == 0) {
        return api_model_error(r, e);
    }
    json_t *list = json_array();
    for (size_t i = 0; i < nerr; i++) {
        json_array_append_new(list, json_pack("{s:o,s:s}", "field",
                                              api_str(errs[i].field >= 0 ? names[errs[i].field] : NULL), "message",
                                              api_problem_text(r, &errs[i])));
    }
    json_t *o = json_pack("{s:{s:s,s:s,s:o}}", "error", "code", warn ? warn_code : "invalid", "message",
                          warn ? i18n_msg(r->arena, LANG_EN, e->msg)
                               : json_string_value(json_object_get(json_array_get(list, 0), "message")),
                          warn ? "warnings" : "problems", list);
    return api_json(r, warn ? 409 : 400, o);
}
