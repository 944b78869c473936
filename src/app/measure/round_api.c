/* round_api.c: /api/v1/rounds (JSON) — reporting rounds and reports.
 * Thin over round.c, which decides who sees and may do what; writes take
 * JSON bodies, every answer is a JSON document written with jansson.
 * Schemas: assets/openapi/rounds.json. */
#include <string.h>

#include "app/core/api.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/round.h"
#include "base/util.h"

/* A string member copied into the arena; NULL when absent or null.  Sets
 * *bad when present but not a string. */
static const char *str_member(Req *r, json_t *o, const char *key, bool *bad)
{
    json_t *m = json_object_get(o, key);
    if (!m || json_is_null(m)) {
        return NULL;
    }
    if (!json_is_string(m)) {
        *bad = true;
        return NULL;
    }
    return arena_strdup(r->arena, json_string_value(m));
}

static json_t *round_json(const Round *rd)
{
    json_t *v = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:i,s:i,s:i}", "id", (json_int_t)rd->id, "title",
                          rd->title, "strategy", rd->strategy_slug, "deadline", rd->deadline, "opened_at", rd->opened_at,
                          "opened_by", api_str(rd->opened_by), "closed_at", api_str(rd->closed_at), "open", rd->open,
                          "expected", rd->expected, "reported", rd->reported, "due", rd->due);
    json_object_set_new(v, "reopened_at", api_str(rd->reopened_at));
    json_object_set_new(v, "opened_by_name", api_str(rd->opened_by_name));
    return v;
}

static json_t *report_json(const Report *rep, const char *number)
{
    json_t *v = json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:o,s:b}", "id", (json_int_t)rep->id, "round_id",
                          (json_int_t)rep->round_id, "measure_id", (json_int_t)rep->measure_id, "number", number,
                          "ministry", rep->ministry_code, "status", rep->status, "progress", rep->progress, "risk",
                          rep->risk, "text", rep->text, "submitted_at", rep->submitted_at, "submitted_by",
                          api_str(rep->submitted_by), "late", rep->late);
    json_object_set_new(v, "submitted_by_name", api_str(rep->submitted_by_name));
    return v;
}

int round_list_api(Req *r)
{
    Round *rs;
    size_t n;
    Err e = {0};
    if (round_list(r->db, r->arena, r->viewer, &rs, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, round_json(&rs[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int round_open_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool bad = false;
    const char *title = str_member(r, body, "title", &bad);
    const char *deadline = str_member(r, body, "deadline", &bad);
    const char *strategy = str_member(r, body, "strategy", &bad);
    json_decref(body);
    if (bad) {
        return api_error(r, 400, "invalid", "title, deadline and strategy must be strings");
    }
    Err e = {0};
    int64_t id;
    Round rd;
    if (round_open(r->db, r->viewer, r->client, title, deadline, strategy, &id, &e) ||
        round_get(r->db, r->arena, r->viewer, id, &rd, &e)) {
        return api_model_error(r, &e);
    }
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/rounds/%lld", (long long)id));
    return api_json(r, 201, round_json(&rd));
}

int round_show_api(Req *r)
{
    long long id;
    RoundView rv;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return api_error(r, 404, "not_found", "no round with this id");
    }
    if (round_view(r->db, r->arena, r->viewer, id, &rv, &e)) {
        return api_model_error(r, &e);
    }
    json_t *v = round_json(&rv.round), *reports = json_array(), *missing = json_array();
    for (size_t i = 0; i < rv.nitems; i++) {
        const RoundItem *it = &rv.items[i];
        if (it->report) {
            json_array_append_new(reports, report_json(it->report, it->m.number));
        } else {
            json_array_append_new(missing, json_pack("{s:I,s:s,s:s,s:o}", "measure_id", (json_int_t)it->m.id, "number",
                                                     it->m.number, "title", it->m.title, "owner",
                                                     api_str(it->m.owner_code)));
        }
    }
    json_object_set_new(v, "reports", reports);
    json_object_set_new(v, "not_reported", missing);
    if (rv.full) {
        json_t *mins = json_array();
        for (size_t i = 0; i < rv.nministries; i++) {
            json_array_append_new(mins, json_pack("{s:s,s:s,s:i,s:i}", "code", rv.ministries[i].code, "name",
                                                  rv.ministries[i].name, "expected", rv.ministries[i].expected,
                                                  "reported", rv.ministries[i].reported));
        }
        json_object_set_new(v, "ministries", mins);
    }
    return api_json(r, 200, v);
}

/* The report fields of the body into in; false after answering 400. */
static bool report_input(Req *r, json_t *body, long long *measure_id, ReportInput *in)
{
    bool bad = false;
    json_t *mid = json_object_get(body, "measure_id"), *pr = json_object_get(body, "progress");
    in->status = str_member(r, body, "status", &bad);
    in->risk = str_member(r, body, "risk", &bad);
    in->text = str_member(r, body, "text", &bad);
    if (bad || !json_is_integer(mid) || (pr && !json_is_integer(pr))) {
        api_error(r, 400, "invalid", "measure_id and progress must be integers; status, risk and text strings");
        return false;
    }
    *measure_id = json_integer_value(mid);
    in->progress = pr ? arena_printf(r->arena, "%lld", (long long)json_integer_value(pr)) : NULL;
    return true;
}

int report_submit_api(Req *r)
{
    long long rid, mid;
    ReportInput in = {0};
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &rid)) {
        return api_error(r, 404, "not_found", "no round with this id");
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool ok = report_input(r, body, &mid, &in);
    json_decref(body);
    if (!ok) {
        return r->status;
    }
    int64_t id;
    Report rep;
    Measure m;
    if (report_submit(r->db, r->arena, r->viewer, r->client, rid, mid, &in, &id, NULL, &e) ||
        report_get(r->db, r->arena, r->viewer, rid, mid, &rep, &e) ||
        measure_get(r->db, r->arena, r->viewer, mid, &m, &e)) {
        return api_model_error(r, &e);
    }
    req_header(r, "Location", arena_printf(r->arena, "/api/v1/rounds/%lld", rid));
    return api_json(r, 201, report_json(&rep, m.number));
}
