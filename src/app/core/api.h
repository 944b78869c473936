/* api.h: JSON responses for the /api/v1 handlers.
 *
 * Every API answer is a JSON document written by jansson: a resource or a
 * list on success, and on failure always the one error shape
 *   {"error": {"code": "not_found", "message": "…"}}
 */
#ifndef SAMLA_API_H
#define SAMLA_API_H

#include <jansson.h>

#include "app/core/req.h"

/* api_json: serialise v into r->body (compact, UTF-8), take the reference
 * to v, set status and return it. */
int api_json(Req *r, int status, json_t *v);

/* api_error: the error document; code is a short stable token. */
int api_error(Req *r, int status, const char *code, const char *message);

/* api_model_error: the answer for a model error (E_NOTFOUND 404,
 * E_FORBIDDEN 403, E_CONFLICT 409, E_INVALID 400, else 500) with the
 * model's message. */
int api_model_error(Req *r, const Err *e);

/* api_body_object: the request body as a JSON object (caller decrefs), or
 * NULL after answering 400. */
json_t *api_body_object(Req *r);

/* api_str: a JSON string, or null for NULL. */
json_t *api_str(const char *s);

/* api_member_str: member key of o as a string in the arena; NULL when
 * absent or null; NULL with *bad set after answering 400 when it is not a
 * string. */
const char *api_member_str(Req *r, json_t *o, const char *key, bool *bad);

#endif
