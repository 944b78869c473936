/* comment_api.c: comments on records (JSON) — /api/v1/records/{id}/comments
 * and /api/v1/comments/{id}.  Thin over comment.c, which decides who may
 * read and change what: a comment on a record the caller may not read is
 * a 404, exactly like a missing one.  Schemas:
 * assets/openapi/comments.json. */
#include <stdint.h>
#include <stdio.h>

#include "app/core/api.h"
#include "app/core/comment.h"
#include "app/core/core_handlers.h"
#include "app/core/i18n.h"
#include "base/util.h"

/* The page of record id as the caller may see it, NULL when none. */
static const char *page_of(Req *r, int64_t id)
{
    Record rec;
    return record_get(r->db, r->arena, r->viewer, id, &rec, NULL) ? NULL : record_url(r->arena, rec.kind, rec.id);
}

/* Comment c as JSON; page is its record's page (NULL: none). */
static json_t *comment_json(Req *r, const Comment *c, const char *page)
{
    const char *url = page ? arena_printf(r->arena, "%s#comment-%lld", page, (long long)c->id) : NULL;
    return json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o,s:o,s:b,s:i,s:o}", "id", (json_int_t)c->id, "record_id",
                     (json_int_t)c->record_id, "author", c->author, "author_name", api_str(c->author_name), "text",
                     c->deleted ? json_null() : json_string(c->body), "created_at", c->created_at, "edited_at",
                     api_str(c->edited_at), "deleted_at", api_str(c->deleted_at), "deleted", c->deleted, "version",
                     c->version, "url", api_str(url));
}

/* {captures}[0] as an id, or false after answering 404. */
static bool arg_id(Req *r, const char *what, long long *id)
{
    if (!parse_int(r->args[0], 1, INT64_MAX, id)) {
        api_error(r, 404, "not_found", what);
        return false;
    }
    return true;
}

/* The "text" member of the body ("" when absent: the model says what is
 * missing, after it has checked that the caller may see the record), or
 * NULL after answering 400 for a body that is not a JSON object. */
static const char *body_text(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return NULL;
    }
    bool bad = false;
    const char *text = api_member_str(r, body, "text", &bad);
    json_decref(body);
    return bad ? NULL : text ? text : "";
}

int comment_list_api(Req *r)
{
    long long id;
    Comment *cs;
    size_t n;
    Err e = {0};
    if (!arg_id(r, "no record with this id", &id)) {
        return r->status;
    }
    if (comment_list(r->db, r->arena, r->viewer, id, &cs, &n, &e)) {
        return e.code == E_NOTFOUND ? api_error(r, 404, "not_found", "no record with this id") : api_model_error(r, &e);
    }
    json_t *items = json_array();
    const char *page = page_of(r, id);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, comment_json(r, &cs[i], page));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int comment_add_api(Req *r)
{
    long long id;
    int64_t cid;
    Comment c;
    Err e = {0};
    if (!arg_id(r, "no record with this id", &id)) {
        return r->status;
    }
    const char *text = body_text(r);
    if (!text) {
        return r->status;
    }
    if (comment_add(r->db, r->viewer, r->client, id, text, &cid, &e) ||
        comment_get(r->db, r->arena, r->viewer, cid, &c, &e)) {
        return api_model_error(r, &e);
    }
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/comments/%lld", (long long)cid));
    return api_json(r, 201, comment_json(r, &c, page_of(r, c.record_id)));
}

int comment_show_api(Req *r)
{
    long long id;
    Comment c;
    if (!arg_id(r, "no comment with this id", &id)) {
        return r->status;
    }
    if (comment_get(r->db, r->arena, r->viewer, id, &c, NULL)) {
        return api_error(r, 404, "not_found", "no comment with this id");
    }
    return api_json(r, 200, comment_json(r, &c, page_of(r, c.record_id)));
}

int comment_update_api(Req *r)
{
    long long id;
    Comment c;
    Err e = {0};
    if (!arg_id(r, "no comment with this id", &id)) {
        return r->status;
    }
    const char *text = body_text(r);
    if (!text) {
        return r->status;
    }
    if (comment_edit(r->db, r->viewer, r->client, id, text, &e) || comment_get(r->db, r->arena, r->viewer, id, &c, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, comment_json(r, &c, page_of(r, c.record_id)));
}

int comment_delete_api(Req *r)
{
    long long id;
    Comment c;
    Err e = {0};
    if (!arg_id(r, "no comment with this id", &id)) {
        return r->status;
    }
    if (comment_delete(r->db, r->viewer, r->client, id, &e) || comment_get(r->db, r->arena, r->viewer, id, &c, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, comment_json(r, &c, page_of(r, c.record_id)));
}
