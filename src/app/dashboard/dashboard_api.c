/* dashboard_api.c: the secretary general's dashboard as JSON — the same
 * parts as /dashboard, from the same doors, filtered by the same rule. */
#include <string.h>

#include "app/core/api.h"
#include "app/dashboard/dashboard_handlers.h"
#include "app/group/group.h"
#include "app/work/work.h"
#include "base/util.h"

static json_t *interactions(Req *r, const InteractionFilter *f, bool skip_own_goals)
{
    Interaction *x;
    size_t n = 0;
    json_t *arr = json_array();
    if (interaction_list(r->db, r->arena, r->viewer, f, &x, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (skip_own_goals && r->viewer->ministry_code && str_eq(x[i].goal.ministry_code, r->viewer->ministry_code)) {
                continue;
            }
            json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:s,s:s,s:i}", "id", (json_int_t)x[i].rec.id, "title",
                                                 x[i].rec.title, "registered_by", api_str(x[i].rec.owner_code), "goal",
                                                 x[i].goal.code, "goal_ministry", x[i].goal.ministry_code, "score",
                                                 x[i].score));
        }
    }
    return arr;
}

int dashboard_api(Req *r)
{
    const Viewer *v = r->viewer;
    bool tx = db_read_begin(r->db);
    InteractionFilter aw = {.awaiting_ministry_id = v->ministry_id}, neg = {.ministry_id = v->ministry_id, .open = true,
                                                                            .negative = true};
    json_t *o = json_object();
    json_object_set_new(o, "ministry", api_str(v->ministry_code));
    json_object_set_new(o, "interactions_awaiting", v->ministry_id ? interactions(r, &aw, false) : json_array());
    json_object_set_new(o, "own_open_negative_interactions", v->ministry_id ? interactions(r, &neg, true) : json_array());
    TaskFilter tf = {.ministry_id = v->ministry_id, .open = true, .overdue_first = true, .limit = 20};
    int nopen = 0, noverdue = 0;
    Task *ts;
    size_t nt = 0;
    json_t *tasks = json_array();
    if (v->ministry_id && task_list(r->db, r->arena, v, &tf, &ts, &nt, NULL) == 0) {
        task_counts(r->db, v, &tf, &nopen, &noverdue, NULL);
        for (size_t i = 0; i < nt; i++) {
            json_array_append_new(tasks, json_pack("{s:I,s:s,s:o,s:s,s:b}", "id", (json_int_t)ts[i].rec.id, "title",
                                                   ts[i].rec.title, "due_on", api_str(ts[i].due_on), "status",
                                                   ts[i].status, "overdue", ts[i].overdue));
        }
    }
    json_object_set_new(o, "open_task_count", json_integer(nopen));
    json_object_set_new(o, "overdue_task_count", json_integer(noverdue));
    json_object_set_new(o, "tasks", tasks);
    Decision *ds;
    size_t nd = 0;
    DecisionFilter df = {.ministry_id = v->ministry_id, .review_overdue = true};
    json_t *reviews = json_array();
    if (v->ministry_id && decision_list(r->db, r->arena, v, &df, &ds, &nd, NULL) == 0) {
        for (size_t i = 0; i < nd; i++) {
            json_array_append_new(reviews, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)ds[i].rec.id, "title",
                                                     ds[i].rec.title, "review_on", api_str(ds[i].review_on)));
        }
    }
    json_object_set_new(o, "reviews_overdue", reviews);
    Group *gs;
    size_t ng = 0;
    GroupFilter gf = {.ministry_id = v->ministry_id, .state = "active"};
    json_t *groups = json_array();
    if (v->ministry_id && group_list(r->db, r->arena, v, &gf, &gs, &ng, NULL) == 0) {
        for (size_t i = 0; i < ng; i++) {
            json_array_append_new(groups, json_pack("{s:I,s:s,s:i,s:i}", "id", (json_int_t)gs[i].rec.id, "title",
                                                    gs[i].rec.title, "step", gs[i].step, "target", gs[i].target));
        }
    }
    json_object_set_new(o, "groups", groups);
    db_read_end(r->db, tx);
    return api_json(r, 200, o);
}
