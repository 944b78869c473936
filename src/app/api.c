/* api.c: see api.h. */
#include "api.h"

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
