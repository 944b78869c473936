/* measure_api.c: /api/v1/measures (JSON). */
#include <stdint.h>

#include "app/core/api.h"
#include "app/core/core_handlers.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

static json_t *measure_json(const Measure *m)
{
    json_t *v = json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:s,s:s,s:o}", "id", (json_int_t)m->id, "strategy",
                          m->strategy_slug, "number", m->number, "goal_area",
                          m->goal_area_number ? json_integer(m->goal_area_number) : json_null(), "title", m->title,
                          "theme", m->theme, "description", m->description, "owner", api_str(m->owner_code),
                          "status", m->status, "visibility", m->visibility, "exemption_basis",
                          api_str(m->exemption_basis));
    json_object_set_new(v, "status_label", api_str(m->status_label));
    json_object_set_new(v, "priority", api_str(m->priority));
    json_object_set_new(v, "start_date", api_str(m->start_date));
    json_object_set_new(v, "end_date", api_str(m->end_date));
    json_object_set_new(v, "progress", json_integer(m->progress));
    json_object_set_new(v, "risk", api_str(m->risk));
    json_object_set_new(v, "parent", api_str(m->parent_number));
    json_object_set_new(v, "predecessor", m->predecessor_id ? json_integer(m->predecessor_id) : json_null());
    json_object_set_new(v, "responsible", json_string(m->masked ? "" : m->responsible ? m->responsible : ""));
    json_object_set_new(v, "version", json_integer(m->version));
    return v;
}

int measure_list_api(Req *r)
{
    MeasureFilter f = {0};
    const char *slug = params_get(&r->query, "strategy");
    const char *area = params_get(&r->query, "goal_area");
    Strategy st;
    if (slug && strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)) {
        return api_error(r, 400, "invalid", "unknown strategy");
    }
    if (slug) {
        f.strategy_id = st.id;
    }
    if (area) {
        long long n;
        GoalArea g;
        if (!slug) {
            return api_error(r, 400, "invalid", "goal_area needs strategy");
        }
        if (!parse_int(area, 1, 99, &n) || goal_area_get(r->db, r->arena, r->viewer, st.id, (int)n, &g, NULL)) {
            return api_error(r, 400, "invalid", "unknown goal_area");
        }
        f.goal_area_id = g.id;
    }
    f.owner_code = params_get(&r->query, "ministry");
    Ministry m;
    if (f.owner_code && ministry_get(r->db, r->arena, r->viewer, f.owner_code, &m, NULL)) {
        return api_error(r, 400, "invalid", "unknown ministry");
    }
    if (f.owner_code) {
        f.owner_code = m.code;
    }
    f.status = params_get(&r->query, "status");
    if (f.status && !measure_status_valid(r->db, f.status)) {
        return api_error(r, 400, "invalid", "unknown status");
    }
    Measure *ms;
    size_t n;
    if (measure_list(r->db, r->arena, r->viewer, &f, &ms, &n, NULL)) {
        return api_error(r, 500, "database", "reading measures failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, measure_json(&ms[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int measure_show_api(Req *r)
{
    long long id;
    Measure m;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return api_error(r, 404, "not_found", "no measure with this id");
    }
    json_t *v = measure_json(&m);
    const char **p;
    size_t np;
    json_t *parts = json_array();
    if (measure_participants(r->db, r->arena, m.id, &p, &np, NULL) == 0) {
        for (size_t i = 0; i < np; i++) {
            json_array_append_new(parts, json_string(p[i * 2]));
        }
    }
    json_object_set_new(v, "participants", parts);
    MeasureFilter next = {.predecessor_id = m.id, .brief = true};
    Measure *succ;
    size_t nsucc = 0;
    json_t *successors = json_array();
    if (measure_list(r->db, r->arena, r->viewer, &next, &succ, &nsucc, NULL) == 0) {
        for (size_t i = 0; i < nsucc; i++) {
            json_array_append_new(successors, json_integer(succ[i].id));
        }
    }
    json_object_set_new(v, "successors", successors);
    return api_json(r, 200, v);
}

int measure_access_api(Req *r)
{
    /* The record core's marking (PUT /api/v1/records/{id}/access), answered
     * with the measure as it now stands. */
    long long id;
    Measure m;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return api_error(r, 404, "not_found", "no measure with this id");
    }
    int st = record_access_put_api(r);
    return st == 200 ? measure_show_api(r) : st;
}
