/* carry_api.c: POST /api/v1/measures/carry-over — carrying measures over
 * into a new strategy period (JSON).  Thin over carry.c.
 *
 * Body: {"to": "2025", "measures": [{"id": 7, "goal": 1}, …],
 *        "dry_run": true, "expect": "7:1.5,…"}
 * dry_run answers 200 with the plan and writes nothing; otherwise 201 with
 * the plan carried out (new ids).  expect, when given, is the fingerprint
 * of a plan seen before: a different plan now is a 409.
 */
#include <stdint.h>

#include "app/core/api.h"
#include "app/measure/carry.h"
#include "app/measure/measure_handlers.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

static json_t *plan_json(const CarryPlan *p)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < p->n; i++) {
        const CarryStep *s = &p->steps[i];
        json_array_append_new(steps, json_pack("{s:I,s:s,s:s,s:i,s:s,s:s,s:b,s:o}", "from_id", (json_int_t)s->from_id,
                                               "from_number", s->from_number, "title", s->title, "goal", s->goal,
                                               "number", s->number, "status", s->status, "sub", s->sub, "id",
                                               s->new_id ? json_integer(s->new_id) : json_null()));
    }
    return json_pack("{s:s,s:s,s:s,s:o}", "from", p->from_slug, "to", p->to_slug, "fingerprint", p->fingerprint,
                     "steps", steps);
}

static const char *const SHAPE = "the body must be a JSON object: to (strategy slug), measures (a list of "
                                 "{\"id\": measure id, \"goal\": goal number}), dry_run (boolean), expect (string)";

int measure_carry_api(Req *r)
{
    json_t *in = api_body_object(r);
    if (!in) {
        return r->status;
    }
    bool bad = false;
    const char *slug = api_member_str(r, in, "to", &bad);
    const char *expect = bad ? NULL : api_member_str(r, in, "expect", &bad);
    if (bad) {
        json_decref(in);
        return r->status;
    }
    json_t *list = json_object_get(in, "measures"), *dry = json_object_get(in, "dry_run");
    if (!json_is_array(list) || json_array_size(list) > CARRY_MAX || (dry && !json_is_boolean(dry))) {
        json_decref(in);
        return api_error(r, 400, "invalid", SHAPE);
    }
    size_t n = json_array_size(list);
    CarryChoice *c = arena_alloc(r->arena, (n ? n : 1) * sizeof *c);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(list, i), *id = json_object_get(o, "id"), *goal = json_object_get(o, "goal");
        if (!json_is_integer(id) || !json_is_integer(goal) || json_integer_value(goal) < 1 ||
            json_integer_value(goal) > 99) {
            json_decref(in);
            return api_error(r, 400, "invalid", SHAPE);
        }
        c[i] = (CarryChoice){json_integer_value(id), (int)json_integer_value(goal)};
    }
    bool dry_run = json_is_true(dry);
    json_decref(in);   /* slug and expect live in the arena */
    Strategy to;
    if (slug ? strategy_get(r->db, r->arena, r->viewer, slug, &to, NULL)
             : strategy_current(r->db, r->arena, r->viewer, &to, NULL)) {
        return api_error(r, 400, "invalid", "unknown strategy");
    }
    CarryPlan p;
    Err e = {0};
    int rc = dry_run ? measure_carry_plan(r->db, r->arena, r->viewer, to.id, c, n, &p, &e)
                     : measure_carry_over(r->db, r->arena, r->viewer, r->client, to.id, c, n, expect, &p, &e);
    if (rc) {
        return api_model_error(r, &e);
    }
    return api_json(r, dry_run ? 200 : 201, plan_json(&p));
}
