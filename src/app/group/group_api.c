/* group_api.c: the JSON API of groups, their members and ladder, the
 * community view of the ladder, wicked problems and the sustainable
 * development goals; and the CSV/XLSX exports.  A group or problem the
 * caller may not read is 404.  Messages are English. */
#include "app/group/group_handlers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/api.h"
#include "app/core/i18n.h"
#include "app/group/group_int.h"
#include "base/util.h"

/* ---- groups --------------------------------------------------------------------- */

static json_t *ministries_json(Req *r, int64_t id)
{
    GroupMinistry *m;
    size_t n;
    json_t *arr = json_array();
    if (group_ministries(r->db, r->arena, r->viewer, id, true, &m, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, json_pack("{s:s,s:s,s:b,s:s,s:o,s:o,s:o,s:o}", "code", m[i].code, "name",
                                                 m[i].name_en ? m[i].name_en : m[i].name, "process_owner", m[i].owner,
                                                 "joined_on", m[i].joined_on, "left_on", api_str(m[i].left_on),
                                                 "anchored_on", api_str(m[i].anchored_on), "step",
                                                 m[i].step ? json_integer(m[i].step) : json_null(), "target",
                                                 m[i].target ? json_integer(m[i].target) : json_null()));
        }
    }
    return arr;
}

static json_t *members_json(Req *r, int64_t id)
{
    GroupMember *m;
    size_t n;
    json_t *arr = json_array();
    if (group_members(r->db, r->arena, r->viewer, id, true, &m, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:o}", "id", (json_int_t)m[i].id,
                                                 "username", m[i].username, "full_name", m[i].full_name, "ministry",
                                                 api_str(m[i].ministry_code), "role", m[i].role, "joined_on",
                                                 m[i].joined_on, "left_on", api_str(m[i].left_on)));
        }
    }
    return arr;
}

static json_t *group_json(Req *r, const Group *g, bool full)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:i}", "id", (json_int_t)g->rec.id, "title", g->rec.title, "url",
                          record_url(r->arena, g->rec.kind, g->rec.id), "visibility", g->rec.visibility, "masked",
                          g->rec.masked, "version", g->rec.version);
    if (g->rec.masked) {
        return o;
    }
    json_object_set_new(o, "kind", json_string(g->kind));
    json_object_set_new(o, "process_owner", api_str(g->rec.owner_code));
    json_object_set_new(o, "step", g->step ? json_integer(g->step) : json_null());
    json_object_set_new(o, "target", g->target ? json_integer(g->target) : json_null());
    json_object_set_new(o, "state", json_string(g->closed_on ? "closed" : g->overdue ? "overdue" : "active"));
    json_object_set_new(o, "start_on", api_str(g->start_on));
    json_object_set_new(o, "end_on", api_str(g->end_on));
    json_object_set_new(o, "phase", api_str(g->phase));
    json_object_set_new(o, "presented_on", api_str(g->presented_on));
    json_object_set_new(o, "closed_on", api_str(g->closed_on));
    json_object_set_new(o, "ministry_count", json_integer(g->nministries));
    json_object_set_new(o, "member_count", json_integer(g->nmembers));
    json_object_set_new(o, "my_role", api_str(g->my_role ? perm_group_role_code(g->my_role) : NULL));
    if (!full) {
        return o;
    }
    json_object_set_new(o, "mandate", json_string(g->mandate));
    json_object_set_new(o, "ministries", ministries_json(r, g->rec.id));
    json_object_set_new(o, "members", members_json(r, g->rec.id));
    if (g->closed_on || *g->result_explored) {
        json_object_set_new(o, "result", json_pack("{s:s,s:s,s:s,s:o}", "explored", g->result_explored,
                                                   "recommendation", g->result_recommendation, "next_step",
                                                   g->result_next_step, "taken_by", api_str(g->result_taken_by_code)));
    }
    const char *msgs[8], *args[8];
    size_t n = group_attention(r->db, r->arena, g, msgs, args);
    json_t *att = json_array();
    for (size_t i = 0; i < n; i++) {
        const char *m = i18n_msg(r->arena, LANG_EN, msgs[i]);
        const char *p = args[i] ? strstr(m, "%s") : NULL;
        json_array_append_new(att, json_string(p ? arena_printf(r->arena, "%.*s%s%s", (int)(p - m), m, args[i], p + 2)
                                                  : m));
    }
    json_object_set_new(o, "attention", att);
    json_object_set_new(o, "can_edit", json_boolean(group_can_edit(r->viewer, g)));
    json_object_set_new(o, "can_manage", json_boolean(group_can_manage(r->viewer, &g->rec)));
    return o;
}

/* The filter of ?kind=&ministry=&step=&state=&mine=1; false after a 400. */
static bool group_filter(Req *r, GroupFilter *f)
{
    memset(f, 0, sizeof *f);
    f->kind = params_get(&r->query, "kind");
    f->state = params_get(&r->query, "state");
    const char *m = params_get(&r->query, "ministry"), *st = params_get(&r->query, "step");
    const char *mine = params_get(&r->query, "mine");
    long long step = 0;
    if (f->kind && *f->kind && !strstr(" core sprint working ", arena_printf(r->arena, " %s ", f->kind))) {
        api_error(r, 400, "invalid", "kind must be core, sprint or working");
        return false;
    }
    if (f->state && *f->state && !strstr(" active closed overdue ", arena_printf(r->arena, " %s ", f->state))) {
        api_error(r, 400, "invalid", "state must be active, closed or overdue");
        return false;
    }
    if (st && *st && !parse_int(st, 1, LADDER_STEPS, &step)) {
        api_error(r, 400, "invalid", "step must be 1 to 4");
        return false;
    }
    f->step = (int)step;
    if (m && *m && !(f->ministry_id = group_ministry_id(r->db, m))) {
        api_error(r, 400, "invalid", "unknown ministry");
        return false;
    }
    f->mine = mine && strcmp(mine, "1") == 0;
    return true;
}

int group_list_api(Req *r)
{
    GroupFilter f;
    if (!group_filter(r, &f)) {
        return r->status;
    }
    Group *g;
    size_t n;
    Err e = {0};
    if (group_list(r->db, r->arena, r->viewer, &f, &g, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, group_json(r, &g[i], false));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "groups", arr, "count", (int)n));
}

int group_show_api(Req *r)
{
    int64_t id;
    Group g;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (group_get(r->db, r->arena, r->viewer, id, &g, NULL)) {
        return api_error(r, 404, "not_found", "no group with this id");
    }
    return api_json(r, 200, group_json(r, &g, true));
}

/* The group text of the body's keys; false after a 400. */
static bool group_text(Req *r, json_t *o, GroupText *t)
{
    bool bad = false;
    memset(t, 0, sizeof *t);
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        if (strcmp(key, "version") && strcmp(key, "comment") && group_field_index(key) < 0) {
            api_error(r, 400, "invalid", arena_printf(r->arena, "unknown field %s", key));
            return false;
        }
    }
    for (int k = 0; k < GF_COUNT && !bad; k++) {
        t->v[k] = api_member_text(r, o, g_group_field_names[k], &bad);
    }
    return !bad;
}

static int group_write(Req *r, int64_t id)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    GroupText t;
    bool bad = false;
    const char *version = NULL, *comment = NULL;
    if (!group_text(r, o, &t) || ((version = api_member_text(r, o, "version", &bad)), bad) ||
        ((comment = api_member_text(r, o, "comment", &bad)), bad)) {
        json_decref(o);
        return r->status;
    }
    json_decref(o);
    long long expect = 0;
    if (version && !parse_int(version, 1, INT64_MAX, &expect)) {
        return api_error(r, 400, "invalid", "version must be a positive whole number");
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (group_save(r->db, r->arena, r->viewer, r->client, id, &t, expect, comment, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_group_field_names, errs, nerr, NULL);
    }
    Group g;
    if (group_get(r->db, r->arena, r->viewer, out, &g, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, group_json(r, &g, true));
}

int group_create_api(Req *r)
{
    return group_write(r, 0);
}

int group_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? group_write(r, id) : r->status;
}

int group_member_add_api(Req *r)
{
    int64_t id;
    json_t *o;
    if (!api_path_id(r, 0, &id) || !(o = api_body_object(r))) {
        return r->status;
    }
    bool bad = false;
    const char *user = api_member_text(r, o, "username", &bad);
    const char *role = bad ? NULL : api_member_text(r, o, "role", &bad);
    const char *joined = bad ? NULL : api_member_text(r, o, "joined_on", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (group_member_add(r->db, r->arena, r->viewer, r->client, id, user, role ? role : "member", joined, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, json_pack("{s:o}", "members", members_json(r, id)));
}

int group_member_end_api(Req *r)
{
    int64_t id;
    long long member;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (!parse_int(r->args[1], 1, INT64_MAX, &member)) {
        return api_error(r, 404, "not_found", "no such membership");
    }
    Err e = {0};
    if (group_member_end(r->db, r->arena, r->viewer, r->client, id, member, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:o}", "members", members_json(r, id)));
}

static json_t *ladder_json(const LadderChange *c, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I,s:o,s:s,s:o,s:i,s:i,s:s,s:o,s:s}", "id", (json_int_t)c[i].id, "ministry",
                              api_str(c[i].ministry_code), "on_date", c[i].on_date, "from_step",
                              c[i].from_step ? json_integer(c[i].from_step) : json_null(), "step", c[i].step,
                              "target", c[i].target, "justification", c[i].justification, "by",
                              api_str(c[i].actor_name), "at", c[i].at);
        if (c[i].evidence_id) {
            json_object_set_new(x, "evidence", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)c[i].evidence_id, "title",
                                                         c[i].evidence_title, "url", c[i].evidence_url));
        } else {
            json_object_set_new(x, "evidence", json_null());
        }
        json_array_append_new(arr, x);
    }
    return arr;
}

int group_ladder_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    LadderChange *c;
    size_t n;
    Err e = {0};
    if (ladder_history(r->db, r->arena, r->viewer, id, params_get(&r->query, "ministry"), &c, &n, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:o}", "changes", ladder_json(c, n)));
}

int group_ladder_set_api(Req *r)
{
    int64_t id;
    json_t *o;
    if (!api_path_id(r, 0, &id) || !(o = api_body_object(r))) {
        return r->status;
    }
    bool bad = false;
    const char *ministry = api_member_text(r, o, "ministry", &bad);
    const char *step = bad ? NULL : api_member_text(r, o, "step", &bad);
    const char *target = bad ? NULL : api_member_text(r, o, "target", &bad);
    const char *on = bad ? NULL : api_member_text(r, o, "on_date", &bad);
    const char *why = bad ? NULL : api_member_text(r, o, "justification", &bad);
    const char *ev = bad ? NULL : api_member_text(r, o, "evidence", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    long long st = 0, tg = 0, evid = 0;
    if (!step || !parse_int(step, 1, LADDER_STEPS, &st) || (target && !parse_int(target, 1, LADDER_STEPS, &tg))) {
        return api_error(r, 400, "invalid", "step (and target) must be 1 to 4");
    }
    if (ev && *ev && !parse_int(ev, 1, INT64_MAX, &evid)) {
        return api_error(r, 400, "invalid", "evidence must be a record id");
    }
    Group g;
    Err e = {0};
    if (group_get(r->db, r->arena, r->viewer, id, &g, &e)) {
        return api_model_error(r, &e);
    }
    if (!target) {
        tg = g.target ? g.target : st;
    }
    if (ladder_set(r->db, r->arena, r->viewer, r->client, id, ministry, (int)st, (int)tg, on, why, evid, &e)) {
        return api_model_error(r, &e);
    }
    LadderChange *c;
    size_t n;
    ladder_history(r->db, r->arena, r->viewer, id, NULL, &c, &n, NULL);
    return api_json(r, 201, json_pack("{s:o}", "changes", ladder_json(c, n)));
}

int group_close_api(Req *r)
{
    int64_t id;
    json_t *o;
    if (!api_path_id(r, 0, &id) || !(o = api_body_object(r))) {
        return r->status;
    }
    bool bad = false;
    const char *ex = api_member_text(r, o, "explored", &bad);
    const char *rec = bad ? NULL : api_member_text(r, o, "recommendation", &bad);
    const char *next = bad ? NULL : api_member_text(r, o, "next_step", &bad);
    const char *by = bad ? NULL : api_member_text(r, o, "taken_by", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    Group g;
    if (group_close(r->db, r->arena, r->viewer, r->client, id, ex, rec, next, by, &e) ||
        group_get(r->db, r->arena, r->viewer, id, &g, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, group_json(r, &g, true));
}

int group_reopen_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    Err e = {0};
    Group g;
    if (group_reopen(r->db, r->arena, r->viewer, r->client, id, &e) ||
        group_get(r->db, r->arena, r->viewer, id, &g, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, group_json(r, &g, true));
}

/* ?date= (default today) and the same day a year earlier. */
int ladder_community_api(Req *r)
{
    char today[16];
    date_today(today, sizeof today);
    const char *date = params_get(&r->query, "date");
    if (!date || !*date) {
        date = today;
    }
    if (!date_valid(date)) {
        return api_error(r, 400, "invalid", "date must be YYYY-MM-DD");
    }
    const char *before = arena_printf(r->arena, "%.4d%s", atoi(date) - 1, date + 4);
    if (!date_valid(before)) { /* 29 February */
        before = arena_printf(r->arena, "%.4d-02-28", atoi(date) - 1);
    }
    LadderCount *c;
    size_t n;
    Err e = {0};
    if (ladder_community(r->db, r->arena, r->viewer, date, before, &c, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *now = json_array(), *then = json_array();
        for (int s = 1; s <= LADDER_STEPS; s++) {
            json_array_append_new(now, json_integer(c[i].now[s]));
            json_array_append_new(then, json_integer(c[i].before[s]));
        }
        json_array_append_new(rows, json_pack("{s:o,s:o,s:o,s:o}", "ministry", api_str(c[i].ministry_code), "name",
                                              api_str(c[i].name_en ? c[i].name_en : c[i].name), "steps", now,
                                              "steps_before", then));
    }
    return api_json(r, 200, json_pack("{s:s,s:s,s:o}", "date", date, "before", before, "rows", rows));
}

/* ---- exports -------------------------------------------------------------------- */

static int export_answer(Req *r, bool xlsx, const char *name, int rc, const Err *e)
{
    if (rc) {
        buf_reset(&r->body);
        return rc == E_NOTFOUND ? api_error(r, 404, "not_found", "no group with this id")
                                : api_error(r, 500, "internal", "the export failed");
    }
    (void)e;
    r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8";
    req_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s.%s\"", name,
                                                      xlsx ? "xlsx" : "csv"));
    r->raw = true;
    return req_status(r, 200);
}

static bool export_format(Req *r, bool *xlsx)
{
    const char *f = params_get(&r->query, "format");
    if (f && *f && strcmp(f, "csv") && strcmp(f, "xlsx")) {
        api_error(r, 400, "invalid", "format must be csv or xlsx");
        return false;
    }
    *xlsx = f && strcmp(f, "xlsx") == 0;
    return true;
}

int group_export_api(Req *r)
{
    GroupFilter f;
    bool xlsx;
    if (!export_format(r, &xlsx) || !group_filter(r, &f)) {
        return r->status;
    }
    size_t n;
    Err e = {0};
    buf_reset(&r->body);
    int rc = group_export(r->db, r->arena, r->viewer, r->client, &f, xlsx, &r->body, &n, &e);
    return export_answer(r, xlsx, "grupper", rc, &e);
}

int ladder_export_api(Req *r)
{
    bool xlsx;
    long long gid = 0;
    const char *g = params_get(&r->query, "group");
    if (!export_format(r, &xlsx)) {
        return r->status;
    }
    if (g && *g && !parse_int(g, 1, INT64_MAX, &gid)) {
        return api_error(r, 400, "invalid", "group must be a group id");
    }
    size_t n;
    Err e = {0};
    buf_reset(&r->body);
    int rc = ladder_export(r->db, r->arena, r->viewer, r->client, gid, xlsx, &r->body, &n, &e);
    return export_answer(r, xlsx, "samordningsstigen", rc, &e);
}

/* ---- problems and goals ---------------------------------------------------------- */

static json_t *problem_json(Req *r, const Problem *p)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:i}", "id", (json_int_t)p->rec.id, "title", p->rec.title, "url",
                          record_url(r->arena, p->rec.kind, p->rec.id), "visibility", p->rec.visibility, "masked",
                          p->rec.masked, "version", p->rec.version);
    if (p->rec.masked) {
        return o;
    }
    json_t *owners = json_array(), *goals = json_array();
    for (size_t i = 0; i < p->nowners; i++) {
        json_array_append_new(owners, json_string(p->owners[i].code));
    }
    for (size_t i = 0; i < p->nsdgs; i++) {
        json_array_append_new(goals, json_integer(p->sdgs[i].number));
    }
    json_object_set_new(o, "description", json_string(p->description));
    json_object_set_new(o, "owners", owners);
    json_object_set_new(o, "sdgs", goals);
    json_object_set_new(o, "group", p->group_title ? json_pack("{s:I,s:s}", "id", (json_int_t)p->rec.owner_group_id,
                                                               "title", p->group_title)
                                                   : json_null());
    json_object_set_new(o, "can_manage", json_boolean(problem_can_manage(r->viewer, &p->rec)));
    return o;
}

int problem_list_api(Req *r)
{
    ProblemFilter f = {0};
    const char *m = params_get(&r->query, "ministry"), *g = params_get(&r->query, "group"),
               *s = params_get(&r->query, "sdg");
    long long gid = 0, sdg = 0;
    if ((g && *g && !parse_int(g, 1, INT64_MAX, &gid)) || (s && *s && !parse_int(s, 1, 17, &sdg))) {
        return api_error(r, 400, "invalid", "group must be an id and sdg 1 to 17");
    }
    if (m && *m && !(f.ministry_id = group_ministry_id(r->db, m))) {
        return api_error(r, 400, "invalid", "unknown ministry");
    }
    f.group_id = gid;
    f.sdg = (int)sdg;
    Problem *p;
    size_t n;
    Err e = {0};
    if (problem_list(r->db, r->arena, r->viewer, &f, &p, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, problem_json(r, &p[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "problems", arr, "count", (int)n));
}

int problem_show_api(Req *r)
{
    int64_t id;
    Problem p;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (problem_get(r->db, r->arena, r->viewer, id, &p, NULL)) {
        return api_error(r, 404, "not_found", "no problem with this id");
    }
    return api_json(r, 200, problem_json(r, &p));
}

static int problem_write(Req *r, int64_t id)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        if (strcmp(key, "version") && strcmp(key, "comment") && problem_field_index(key) < 0) {
            json_decref(o);
            return api_error(r, 400, "invalid", arena_printf(r->arena, "unknown field %s", key));
        }
    }
    ProblemText t = {0};
    bool bad = false;
    for (int k = 0; k < PF_COUNT && !bad; k++) {
        t.v[k] = api_member_text(r, o, g_problem_field_names[k], &bad);
    }
    const char *version = bad ? NULL : api_member_text(r, o, "version", &bad);
    const char *comment = bad ? NULL : api_member_text(r, o, "comment", &bad);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    long long expect = 0;
    if (version && !parse_int(version, 1, INT64_MAX, &expect)) {
        return api_error(r, 400, "invalid", "version must be a positive whole number");
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (problem_save(r->db, r->arena, r->viewer, r->client, id, &t, expect, comment, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_problem_field_names, errs, nerr, NULL);
    }
    Problem p;
    if (problem_get(r->db, r->arena, r->viewer, out, &p, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, problem_json(r, &p));
}

int problem_create_api(Req *r)
{
    return problem_write(r, 0);
}

int problem_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? problem_write(r, id) : r->status;
}

int sdg_list_api(Req *r)
{
    Sdg *g;
    size_t n;
    Err e = {0};
    if (sdg_list(r->db, r->arena, &g, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:i,s:s,s:s,s:s}", "number", g[i].number, "name_nb", g[i].name,
                                             "name_nn", g[i].name_nn, "name_en", g[i].name_en));
    }
    return api_json(r, 200, json_pack("{s:o}", "sdgs", arr));
}
