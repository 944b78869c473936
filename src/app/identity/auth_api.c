/* auth_api.c: /api/v1 for identity — the caller, users and roles (admin),
 * own API tokens, the audit log (admin), and marking a measure's access
 * (secretariat).  Writes take JSON bodies; every answer is JSON. */
#include <string.h>

#include "app/core/api.h"
#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "app/identity/identity_handlers.h"
#include "base/util.h"

/* A string member, "" when absent; NULL (after answering 400) when not a string. */
static json_t *user_json(Req *r, const User *u)
{
    json_t *roles = json_array();
    Grant *g;
    size_t n;
    if (user_grants(r->db, r->arena, u->id, &g, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(roles, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)g[i].id, "role", g[i].role,
                                                   "ministry", api_str(g[i].ministry_code)));
        }
    }
    return json_pack("{s:I,s:s,s:s,s:s,s:o,s:b,s:o}", "id", (json_int_t)u->id, "username", u->username, "full_name",
                     u->full_name, "email", u->email, "ministry", api_str(u->ministry_code), "active", u->active,
                     "roles", roles);
}

int me_api(Req *r)
{
    const Viewer *v = r->viewer;
    json_t *caps = json_array();
    static const struct {
        uint32_t cap;
        const char *name;
    } names[] = {{CAP_READ_INTERNAL, "read_internal"},   {CAP_READ_MINISTRY, "read_ministry"},
                 {CAP_MEASURE_MANAGE, "measure_manage"}, {CAP_MEASURE_REPORT, "measure_report"},
                 {CAP_CONSULT_ANSWER, "consult_answer"}, {CAP_INPUT_GIVE, "input_give"},
                 {CAP_DASHBOARD, "dashboard"},           {CAP_AUDIT_READ, "audit_read"},
                 {CAP_USER_ADMIN, "user_admin"},         {CAP_TOKEN_OWN, "token_own"},
                 {CAP_READ_ALL_MEASURES, "read_all_measures"}};
    for (size_t i = 0; i < COUNT(names); i++) {
        if (can(v, names[i].cap)) {
            json_array_append_new(caps, json_string(names[i].name));
        }
    }
    return api_json(r, 200, json_pack("{s:I,s:s,s:o,s:o,s:o,s:b}", "id", (json_int_t)v->user_id, "username",
                                      v->username, "full_name", api_str(v->full_name), "ministry",
                                      api_str(v->ministry_code), "capabilities", caps, "read_only", v->read_only));
}

int user_list_api(Req *r)
{
    User *u;
    size_t n;
    if (user_list(r->db, r->arena, &u, &n, NULL)) {
        return api_error(r, 500, "database", "reading users failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, user_json(r, &u[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int user_show_api(Req *r)
{
    long long id;
    User u;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || user_get(r->db, r->arena, id, &u, NULL)) {
        return api_error(r, 404, "not_found", "no such user");
    }
    return api_json(r, 200, user_json(r, &u));
}

int user_create_api(Req *r)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    bool bad = false;
    UserInput in = {.username = api_member_str(r, o, "username", &bad), .full_name = api_member_str(r, o, "full_name", &bad),
                    .email = api_member_str(r, o, "email", &bad), .ministry_code = api_member_str(r, o, "ministry", &bad),
                    .active = true};
    const char *password = api_member_str(r, o, "password", &bad);
    json_t *roles = json_object_get(o, "roles");
    if (!bad && roles && !json_is_array(roles)) {
        bad = true;
        api_error(r, 400, "invalid", "roles must be an array of role names");
    }
    size_t i;
    json_t *role;
    json_array_foreach(roles, i, role) {
        if (!bad && (!json_is_string(role) || !perm_role_valid(json_string_value(role)))) {
            bad = true;
            api_error(r, 400, "invalid", "unknown role in roles");
        }
    }
    if (bad) {
        json_decref(o);
        return r->status;
    }
    /* Everything is checked before anything is written; the user and the
     * roles then go in one after another, and a failing role removes
     * nothing already valid — roles were validated above. */
    Err e = {0};
    int64_t id;
    if (user_create(r->db, r->viewer, r->client, &in, password, &id, &e)) {
        json_decref(o);
        return api_model_error(r, &e);
    }
    json_array_foreach(roles, i, role) {
        if (!str_eq(json_string_value(role), "employee")) {
            user_grant_role(r->db, r->viewer, r->client, id, json_string_value(role), NULL, NULL);
        }
    }
    json_decref(o);
    User u;
    user_get(r->db, r->arena, id, &u, NULL);
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/users/%lld", (long long)id));
    return api_json(r, 201, user_json(r, &u));
}

static json_t *token_json(const Token *t)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:I,s:o,s:o}", "id", (json_int_t)t->id, "name", t->name, "user", t->username,
                     "read_only", t->read_only, "created_at", (json_int_t)t->created_at, "last_used",
                     t->last_used ? json_integer(t->last_used) : json_null(), "revoked_at",
                     t->revoked_at ? json_integer(t->revoked_at) : json_null());
}

int token_list_api(Req *r)
{
    Token *t;
    size_t n;
    if (token_list(r->db, r->arena, r->viewer->user_id, &t, &n, NULL)) {
        return api_error(r, 500, "database", "reading tokens failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, token_json(&t[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int token_create_api(Req *r)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    bool bad = false;
    const char *name = api_member_str(r, o, "name", &bad);
    json_t *ro = json_object_get(o, "read_only");
    if (!bad && ro && !json_is_boolean(ro)) {
        bad = true;
        api_error(r, 400, "invalid", "read_only must be true or false");
    }
    bool read_only = json_is_true(ro);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    char token[AUTH_TOKEN_CHARS + 8];
    int64_t id;
    Err e = {0};
    if (token_create(r->db, r->viewer, r->client, r->viewer->user_id, name, read_only, token, &id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)id, "token", token, "read_only", read_only));
}

int token_revoke_api(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no such token");
    }
    if (token_revoke(r->db, r->viewer, r->client, id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "revoked", 1));
}

int audit_list_api(Req *r)
{
    AuditFilter f = {.actor = params_get(&r->query, "actor"), .action = params_get(&r->query, "action"),
                     .from = params_get(&r->query, "from"), .to = params_get(&r->query, "to"), .limit = 100};
    const char *before = params_get(&r->query, "before");
    const char *limit = params_get(&r->query, "limit");
    long long v;
    if (before) {
        if (!parse_int(before, 1, INT64_MAX, &v)) {
            return api_error(r, 400, "invalid", "before must be a positive integer");
        }
        f.before_id = v;
    }
    if (limit) {
        if (!parse_int(limit, 1, 500, &v)) {
            return api_error(r, 400, "invalid", "limit must be 1 to 500");
        }
        f.limit = (int)v;
    }
    AuditRow *rows;
    size_t n;
    Err e = {0};
    if (audit_list(r->db, r->arena, r->viewer, &f, &rows, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)rows[i].id,
                                               "at", rows[i].at, "actor", rows[i].actor, "client", rows[i].client,
                                               "action", rows[i].action, "object_type", rows[i].object_type,
                                               "object_id", rows[i].object_id, "summary", rows[i].summary, "hash",
                                               rows[i].hash));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}
