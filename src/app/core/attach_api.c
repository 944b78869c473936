/* attach_api.c: attachments in the JSON API (assets/openapi/attachments.json).
 *
 *   GET    /api/v1/records/{id}/attachments   the record's attachments
 *   POST   /api/v1/records/{id}/attachments   upload: multipart/form-data, the file in a part
 *                                             named "file" with its filename (as a browser form)
 *   DELETE /api/v1/attachments/{id}           delete (hidden; the row stays for the history)
 *
 * Downloads are the page route GET /attachments/{id}, which takes API
 * tokens like every route.  One upload format for the pages and the API
 * (multipart, as curl -F file=@report.pdf sends it), so both run the same
 * parsing and limits.  Thin over attach.c; no SQL here.
 */
#include "app/core/attach.h"
#include "app/core/core_handlers.h"

#include <stdint.h>

#include "app/core/api.h"
#include "base/multipart.h"
#include "base/util.h"

/* The attachment as JSON, with its download URL. */
static json_t *attachment_doc(Req *r, const Attachment *at)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:s,s:b}", "id", (json_int_t)at->id, "record_id",
                     (json_int_t)at->record_id, "name", at->name, "content_type", at->content_type, "size",
                     (json_int_t)at->size, "sha256", at->sha256, "created_at", at->created_at, "created_by",
                     at->created_by, "created_by_name", api_str(at->created_by_name), "url",
                     arena_printf(r->arena, "/attachments/%lld", (long long)at->id), "can_delete", at->can_delete);
}

static int no_record(Req *r)
{
    return api_error(r, 404, "not_found", "no such record");
}

int attach_list_api(Req *r)
{
    long long id;
    Attachment *at;
    size_t n = 0;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || attach_list(r->db, r->arena, r->viewer, id, &at, &n, NULL)) {
        return no_record(r);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, attachment_doc(r, &at[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

/* The part named "file" (with a filename) of a multipart body, or NULL
 * after answering 400/413. */
static const MultipartPart *file_part(Req *r)
{
    Multipart mp;
    Err e = {0};
    if (!r->content_type_in || !str_has_prefix(r->content_type_in, "multipart/form-data") || !r->body_in) {
        api_error(r, 400, "invalid", "send the file as multipart/form-data in a part named \"file\"");
        return NULL;
    }
    int rc = multipart_parse(r->arena, r->content_type_in, r->body_in, r->body_in_len, r->body_in_len, &mp,
                             &e);
    if (rc) {
        api_error(r, 400, "invalid", e.msg);   /* the file's size is attach_add's to judge */
        return NULL;
    }
    const MultipartPart *p = multipart_get(&mp, "file");
    if (!p || !p->filename || !*p->filename) {
        api_error(r, 400, "invalid", "no file: send it in a part named \"file\" with a filename");
        return NULL;
    }
    return p;
}

int attach_upload_api(Req *r)
{
    long long id;
    Record rec;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || record_get(r->db, r->arena, r->viewer, id, &rec, NULL) ||
        rec.masked) {
        return no_record(r);
    }
    const MultipartPart *p = file_part(r);
    if (!p) {
        return r->status;
    }
    Attachment at;
    AttachRefusal why;
    Err e = {0};
    int rc = attach_add(r->db, r->arena, r->viewer, r->client, id, attach_base_name(r->arena, p->filename), p->data,
                        p->len, &at, &why, &e);
    if (rc && why) {
        return api_error(r, attach_refusal_status(why), attach_refusal_code(why), e.msg);
    }
    if (rc) {
        return api_model_error(r, &e);
    }
    req_header(r, "Location", arena_printf(r->arena, "/attachments/%lld", (long long)at.id));
    return api_json(r, 201, attachment_doc(r, &at));
}

int attach_delete_api(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no such attachment");
    }
    int rc = attach_delete(r->db, r->viewer, r->client, id, NULL, &e);
    if (rc) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
}
