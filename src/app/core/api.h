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
#include "app/core/textform.h"

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

/* api_member_text: member key of o as text — a string, a whole number, or
 * an array of strings joined with ", " (the text forms' list fields); NULL
 * when absent or null, or when *bad is already set; NULL with *bad set
 * after answering 400 otherwise. */
const char *api_member_text(Req *r, json_t *o, const char *key, bool *bad);

/* api_known_keys: o has no member outside keys (NULL-terminated); false
 * after answering 400 with the first unknown one. */
bool api_known_keys(Req *r, json_t *o, const char *const *keys);

/* api_path_id: the {capture} r->args[i] as a record id; false after
 * answering 404 (an id that cannot exist is the same as a missing one). */
bool api_path_id(Req *r, int i, int64_t *id);

/* api_problem_text: problem p in English, its %s filled with its arg. */
const char *api_problem_text(Req *r, const FormProblem *p);

/* api_form_error: the answer for a text form's save error: with problems,
 * 400 {"error": {"code": "invalid", "message": the first, "problems":
 * [{"field", "message"}]}} in English, field names from names; a
 * confirmation the model asks for (E_CONFLICT with problems) is 409 with
 * code warn_code and "warnings"; anything else api_model_error. */
int api_form_error(Req *r, const Err *e, const char *const *names, const FormProblem *errs, size_t nerr,
                   const char *warn_code);

#endif
