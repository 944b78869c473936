/* record_api.c: the record core's JSON API — any record by id, its
 * history, its marking and grants — plus the exemption bases and the
 * OpenAPI document.  A record the caller may not read is 404, as if it did
 * not exist.  Messages are English. */
#include "app/core/core_handlers.h"

#include <stdint.h>

#include "app/core/api.h"
#include "app/core/openapi.h"
#include "app/core/record.h"
#include "base/util.h"

/* The record of r->args[0], or false after a 404. */
static bool load(Req *r, Record *rec)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || record_get(r->db, r->arena, r->viewer, id, rec, NULL)) {
        api_error(r, 404, "not_found", "no record with this id");
        return false;
    }
    return true;
}

static json_t *grants_json(Req *r, const Record *rec)
{
    AccessGrant *g;
    size_t n = 0;
    json_t *arr = json_array();
    if (record_grants(r->db, r->arena, r->viewer, rec->id, &g, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)g[i].id,
                                                 "ministry", api_str(g[i].ministry_code), "ministry_name",
                                                 api_str(g[i].ministry_name), "user", api_str(g[i].username),
                                                 "user_name", api_str(g[i].full_name), "granted_at",
                                                 api_str(g[i].granted_at), "granted_by", api_str(g[i].granted_by)));
        }
    }
    return arr;
}

/* The marking of rec; grants only for signed-in callers (the public sees
 * that a record is public, nothing about who else may read it). */
static json_t *access_json(Req *r, const Record *rec)
{
    json_t *o = json_pack("{s:s,s:o,s:o,s:o}", "visibility", rec->visibility, "exemption_basis",
                          api_str(rec->masked ? NULL : rec->exemption_basis), "exemption_label",
                          api_str(rec->exemption_label), "public_title", api_str(rec->public_title));
    if (r->viewer->user_id && !rec->masked) {
        json_object_set_new(o, "owner", api_str(rec->owner_code));
        json_object_set_new(o, "grants", grants_json(r, rec));
        json_object_set_new(o, "can_manage", json_boolean(record_can_manage(r->viewer, rec)));
    }
    return o;
}

int record_show_api(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:i}", "id", (json_int_t)rec.id, "kind", rec.kind->name, "title",
                          rec.title, "url", record_url(r->arena, rec.kind, rec.id), "masked", rec.masked, "version",
                          rec.version);
    json_object_set_new(o, "access", access_json(r, &rec));
    if (!rec.masked) {
        json_object_set_new(o, "owner", api_str(rec.owner_code));
        json_object_set_new(o, "created_at", api_str(rec.created_at));
        json_object_set_new(o, "updated_at", api_str(rec.updated_at));
    }
    return api_json(r, 200, o);
}

int record_history_api(Req *r)
{
    Record rec;
    RecordVersion *v;
    size_t n;
    if (!load(r, &rec)) {
        return r->status;
    }
    if (record_versions(r->db, r->arena, r->viewer, rec.id, &v, &n, NULL)) {
        return api_error(r, 404, "not_found", "no record with this id");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *ch = json_array();
        for (size_t k = 0; k < v[i].nchanges; k++) {
            json_array_append_new(ch, json_pack("{s:s,s:s,s:s}", "field", v[i].changes[k].field, "from",
                                                v[i].changes[k].from, "to", v[i].changes[k].to));
        }
        json_array_append_new(items, json_pack("{s:i,s:s,s:s,s:o,s:s,s:o}", "version", v[i].version, "at", v[i].at,
                                               "actor", v[i].actor, "actor_name", api_str(v[i].actor_name),
                                               "comment", v[i].comment, "changes", ch));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int record_access_api(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    return api_json(r, 200, access_json(r, &rec));
}

int record_access_put_api(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    bool bad = false;
    const char *vis = api_member_str(r, o, "visibility", &bad);
    const char *basis = api_member_str(r, o, "exemption_basis", &bad);
    const char *ptitle = api_member_str(r, o, "public_title", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (record_set_access(r->db, r->viewer, r->client, rec.id, vis ? vis : "", basis, ptitle, &e)) {
        return api_model_error(r, &e);
    }
    return record_access_api(r);
}

int record_grant_api(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    bool bad = false;
    const char *ministry = api_member_str(r, o, "ministry", &bad);
    const char *user = api_member_str(r, o, "user", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (record_grant_add(r->db, r->viewer, r->client, rec.id, ministry, user, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, access_json(r, &rec));
}

int record_grant_delete_api(Req *r)
{
    Record rec;
    long long gid;
    if (!load(r, &rec)) {
        return r->status;
    }
    Err e = {0};
    if (!parse_int(r->args[1], 1, INT64_MAX, &gid)) {
        return api_error(r, 404, "not_found", "no grant with this id");
    }
    if (record_grant_remove(r->db, r->viewer, r->client, rec.id, gid, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, access_json(r, &rec));
}

int exemption_basis_list_api(Req *r)
{
    ExemptionBasis *eb;
    size_t n;
    if (exemption_basis_list(r->db, r->arena, &eb, &n, NULL)) {
        return api_error(r, 500, "database", "reading exemption bases failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:s,s:s,s:s}", "code", eb[i].code, "label", eb[i].label,
                                               "description", eb[i].description));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int openapi_api(Req *r)
{
    json_t *doc = openapi_document();
    if (!doc) {
        return api_error(r, 500, "internal", "the OpenAPI document is missing from this build");
    }
    return api_json(r, 200, doc);
}
