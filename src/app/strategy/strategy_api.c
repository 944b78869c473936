/* strategy_api.c: /api/v1/strategies and their target areas (JSON). */
#include "app/core/api.h"
#include "app/strategy/strategy_handlers.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

static json_t *strategy_json(const Strategy *s)
{
    return json_pack("{s:s,s:s,s:s,s:i,s:o,s:s,s:s,s:o,s:o,s:o,s:i,s:b}", "slug", s->slug, "title", s->title,
                     "subtitle", s->subtitle, "period_start", s->period_start, "period_end",
                     s->period_end ? json_integer(s->period_end) : json_null(), "goal", s->goal, "summary",
                     s->summary, "secretariat", api_str(s->secretariat_code), "predecessor",
                     api_str(s->predecessor_slug), "successor", api_str(s->successor_slug), "measure_count",
                     s->measure_count, "in_force", s->in_force);
}

static json_t *texts_json(const TextItem *t, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(a, json_string(t[i].text));
    }
    return a;
}

static json_t *area_json(Req *r, const GoalArea *g)
{
    TextItem *d = NULL;
    size_t nd = 0;
    direction_list(r->db, r->arena, g->id, &d, &nd, NULL);
    return json_pack("{s:s,s:i,s:s,s:s,s:o,s:i}", "strategy", g->strategy_slug, "number", g->number, "title",
                     g->title, "description", g->description, "directions", texts_json(d, nd), "measure_count",
                     g->measure_count);
}

int strategy_list_api(Req *r)
{
    Strategy *s;
    size_t n;
    if (strategy_list(r->db, r->arena, r->viewer, &s, &n, NULL)) {
        return api_error(r, 500, "database", "reading strategies failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, strategy_json(&s[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int strategy_show_api(Req *r)
{
    Strategy s;
    if (strategy_get(r->db, r->arena, r->viewer, r->args[0], &s, NULL)) {
        return api_error(r, 404, "not_found", "no strategy with this slug");
    }
    json_t *v = strategy_json(&s);
    GoalArea *g = NULL;
    size_t ng = 0;
    TextItem *t = NULL;
    size_t nt = 0;
    if (goal_area_list(r->db, r->arena, r->viewer, s.id, &g, &ng, NULL)) {
        json_decref(v);
        return api_error(r, 500, "database", "reading target areas failed");
    }
    json_t *areas = json_array();
    for (size_t i = 0; i < ng; i++) {
        json_array_append_new(areas, area_json(r, &g[i]));
    }
    json_object_set_new(v, "goal_areas", areas);
    development_area_list(r->db, r->arena, s.id, &t, &nt, NULL);
    json_object_set_new(v, "development_areas", texts_json(t, nt));
    static const char *kinds[][2] = {{"principle", "principles"}, {"trait", "traits"}, {"way", "ways"}};
    for (size_t i = 0; i < COUNT(kinds); i++) {
        strategy_point_list(r->db, r->arena, s.id, kinds[i][0], &t, &nt, NULL);
        json_object_set_new(v, kinds[i][1], texts_json(t, nt));
    }
    return api_json(r, 200, v);
}

int goal_area_show_api(Req *r)
{
    Strategy s;
    GoalArea g;
    long long number;
    if (strategy_get(r->db, r->arena, r->viewer, r->args[0], &s, NULL) || !parse_int(r->args[1], 1, 99, &number) ||
        goal_area_get(r->db, r->arena, r->viewer, s.id, (int)number, &g, NULL)) {
        return api_error(r, 404, "not_found", "no such target area");
    }
    return api_json(r, 200, area_json(r, &g));
}
