/* work_api.c: the JSON API of meetings (with their agenda and .ics),
 * decisions, tasks, goal interactions with the matrix, and ministries'
 * goals.  A record the caller may not read is 404.  Messages are
 * English. */
#include "app/work/work_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/core/api.h"
#include "app/core/i18n.h"
#include "app/work/work.h"
#include "base/util.h"

/* read_text: the members names[0..n) of the body into out (NULL when
 * absent); refuses unknown members.  false after answering. */
static bool read_text(Req *r, const char *const *names, int n, const char **out)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return false;
    }
    const char **keys = arena_alloc(r->arena, (size_t)(n + 1) * sizeof *keys);
    for (int k = 0; k < n; k++) {
        keys[k] = names[k];
    }
    bool bad = !api_known_keys(r, o, keys);
    for (int k = 0; k < n && !bad; k++) {
        out[k] = api_member_text(r, o, names[k], &bad);
    }
    json_decref(o);
    return !bad;
}

static json_t *person_json(const Person *p)
{
    if (!p || !p->id) {
        return json_null();
    }
    return json_pack("{s:s,s:s,s:o}", "username", p->username, "name", p->full_name ? p->full_name : "", "ministry",
                     api_str(p->ministry_code));
}

static json_t *record_head(Req *r, const Record *rec)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:b,s:i,s:o,s:o}", "id", (json_int_t)rec->id, "title", rec->title, "url",
                     record_url(r->arena, rec->kind, rec->id), "visibility", rec->visibility, "masked", rec->masked,
                     "version", rec->version, "owner", api_str(rec->owner_code), "group_id",
                     rec->owner_group_id ? json_integer(rec->owner_group_id) : json_null());
}

static bool query_id(Req *r, const char *name, int64_t *out)
{
    const char *s = params_get(&r->query, name);
    long long v = 0;
    if (s && *s && !parse_int(s, 1, INT64_MAX, &v)) {
        api_error(r, 400, "invalid", arena_printf(r->arena, "%s must be a positive whole number", name));
        return false;
    }
    *out = v;
    return true;
}

/* ---- meetings ------------------------------------------------------------------------- */

static json_t *meeting_json(Req *r, const Meeting *m, bool full)
{
    json_t *o = record_head(r, &m->rec);
    if (m->rec.masked) {
        return o;
    }
    json_object_set_new(o, "starts_at", json_string(m->starts_at));
    json_object_set_new(o, "ends_at", json_string(m->ends_at));
    json_object_set_new(o, "time_zone", json_string("Europe/Oslo"));
    json_object_set_new(o, "place", json_string(m->place));
    json_object_set_new(o, "video_url", json_string(m->video_url));
    json_object_set_new(o, "ics_url", json_string(arena_printf(r->arena, "/meetings/%lld/calendar.ics", (long long)m->rec.id)));
    if (!full) {
        return o;
    }
    json_object_set_new(o, "minutes", json_string(m->minutes));
    json_t *mins = json_array(), *people = json_array(), *items = json_array();
    for (size_t i = 0; i < m->nministries; i++) {
        json_array_append_new(mins, json_string(m->ministries[i].code));
    }
    for (size_t i = 0; i < m->npeople; i++) {
        json_array_append_new(people, person_json(&m->people[i]));
    }
    for (size_t i = 0; i < m->nitems; i++) {
        const AgendaItem *it = &m->items[i];
        json_array_append_new(items, json_pack("{s:I,s:i,s:s,s:s,s:o,s:o}", "id", (json_int_t)it->id, "position",
                                               it->position, "title", it->title, "notes", it->notes ? it->notes : "",
                                               "outcome_id", it->outcome_id ? json_integer(it->outcome_id) : json_null(),
                                               "outcome_kind", api_str(it->outcome_kind)));
    }
    json_object_set_new(o, "ministries", mins);
    json_object_set_new(o, "people", people);
    json_object_set_new(o, "agenda", items);
    json_object_set_new(o, "can_edit", json_boolean(work_can_edit(r->viewer, &m->rec)));
    return o;
}

int meeting_list_api(Req *r)
{
    int64_t group = 0;
    if (!query_id(r, "group", &group)) {
        return r->status;
    }
    const char *from = params_get(&r->query, "from"), *to = params_get(&r->query, "to");
    if ((from && *from && !date_valid(from)) || (to && *to && !date_valid(to))) {
        return api_error(r, 400, "invalid", "from and to must be dates (YYYY-MM-DD)");
    }
    MeetingFilter f = {.group_id = group, .mine = str_eq(params_get(&r->query, "mine"), "1"), .from = from, .to = to};
    Meeting *ms;
    size_t n;
    Err e = {0};
    if (meeting_list(r->db, r->arena, r->viewer, &f, &ms, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, meeting_json(r, &ms[i], false));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "meetings", arr, "count", (int)n));
}

int meeting_show_api(Req *r)
{
    int64_t id;
    Meeting m;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (meeting_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return api_error(r, 404, "not_found", "no meeting with this id");
    }
    return api_json(r, 200, meeting_json(r, &m, true));
}

static int meeting_write(Req *r, int64_t id)
{
    MeetingText t = {0};
    if (!read_text(r, g_meeting_field_names, MF_COUNT, t.v)) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (meeting_save(r->db, r->arena, r->viewer, r->client, id, &t, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_meeting_field_names, errs, nerr, "conflict");
    }
    Meeting m;
    if (meeting_get(r->db, r->arena, r->viewer, out, &m, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, meeting_json(r, &m, true));
}

int meeting_create_api(Req *r)
{
    return meeting_write(r, 0);
}

int meeting_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? meeting_write(r, id) : r->status;
}

int meeting_agenda_api(Req *r)
{
    int64_t id, item;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    static const char *const names[] = {"title", "notes"};
    const char *v[2] = {0};
    if (!read_text(r, names, 2, v)) {
        return r->status;
    }
    Err e = {0};
    if (agenda_add(r->db, r->arena, r->viewer, r->client, id, v[0], v[1], &item, &e)) {
        return api_model_error(r, &e);
    }
    Meeting m;
    if (meeting_get(r->db, r->arena, r->viewer, id, &m, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, meeting_json(r, &m, true));
}

/* ---- decisions ------------------------------------------------------------------------ */

static json_t *decision_json(Req *r, const Decision *d, bool full)
{
    json_t *o = record_head(r, &d->rec);
    if (d->rec.masked) {
        return o;
    }
    json_object_set_new(o, "decided_on", json_string(d->decided_on));
    json_object_set_new(o, "meeting_id", d->meeting_id ? json_integer(d->meeting_id) : json_null());
    json_object_set_new(o, "review_on", api_str(d->review_on));
    json_object_set_new(o, "reviewed_on", api_str(d->reviewed_on));
    json_object_set_new(o, "review_overdue", json_boolean(d->review_overdue));
    json_object_set_new(o, "ministries", json_string(d->ministries));
    json_object_set_new(o, "task_count", json_integer(d->ntasks));
    json_object_set_new(o, "open_task_count", json_integer(d->nopen_tasks));
    if (full) {
        json_object_set_new(o, "text", json_string(d->text));
        json_object_set_new(o, "can_edit", json_boolean(work_can_edit(r->viewer, &d->rec)));
    }
    return o;
}

int decision_list_api(Req *r)
{
    DecisionFilter f = {.since = params_get(&r->query, "since"),
                        .review_overdue = str_eq(params_get(&r->query, "review_overdue"), "1")};
    if (!query_id(r, "group", &f.group_id) || !query_id(r, "meeting", &f.meeting_id)) {
        return r->status;
    }
    if (f.since && *f.since && !date_valid(f.since)) {
        return api_error(r, 400, "invalid", "since must be a date (YYYY-MM-DD)");
    }
    Decision *ds;
    size_t n;
    Err e = {0};
    if (decision_list(r->db, r->arena, r->viewer, &f, &ds, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, decision_json(r, &ds[i], false));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "decisions", arr, "count", (int)n));
}

int decision_show_api(Req *r)
{
    int64_t id;
    Decision d;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (decision_get(r->db, r->arena, r->viewer, id, &d, NULL)) {
        return api_error(r, 404, "not_found", "no decision with this id");
    }
    return api_json(r, 200, decision_json(r, &d, true));
}

/* A decision's body: its fields, and "task": {the task's fields} for a
 * follow-up task made with it. */
static int decision_write(Req *r, int64_t id, int64_t item)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    const char *keys[DF_COUNT + 2];
    for (int k = 0; k < DF_COUNT; k++) {
        keys[k] = g_decision_field_names[k];
    }
    keys[DF_COUNT] = "task";
    keys[DF_COUNT + 1] = NULL;
    DecisionText d = {0};
    TaskText t = {0};
    bool bad = !api_known_keys(r, o, keys), with_task = false;
    for (int k = 0; k < DF_COUNT && !bad; k++) {
        d.v[k] = api_member_text(r, o, g_decision_field_names[k], &bad);
    }
    json_t *task = bad ? NULL : json_object_get(o, "task");
    if (task && !json_is_null(task)) {
        if (!json_is_object(task)) {
            json_decref(o);
            return api_error(r, 400, "invalid", "task must be an object");
        }
        const char *tkeys[TF_COUNT + 1];
        for (int k = 0; k < TF_COUNT; k++) {
            tkeys[k] = g_task_field_names[k];
        }
        tkeys[TF_COUNT] = NULL;
        bad = !api_known_keys(r, task, tkeys);
        for (int k = 0; k < TF_COUNT && !bad; k++) {
            t.v[k] = api_member_text(r, task, g_task_field_names[k], &bad);
        }
        with_task = true;
    }
    json_decref(o);
    if (bad) {
        return r->status;
    }
    if (item) {
        int64_t meeting = 0;
        AgendaItem it;
        if (agenda_item_get(r->db, r->arena, r->viewer, item, &it, &meeting, NULL)) {
            return api_error(r, 404, "not_found", "no agenda item with this id");
        }
        d.v[DF_MEETING] = arena_printf(r->arena, "%lld", (long long)meeting);
        d.v[DF_GROUP] = NULL;
        d.v[DF_TITLE] = d.v[DF_TITLE] ? d.v[DF_TITLE] : it.title;
    }
    if (with_task && !t.v[TF_TITLE]) {
        return api_error(r, 400, "invalid", "task.title is required");
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (decision_save(r->db, r->arena, r->viewer, r->client, id, item, &d, with_task ? &t : NULL, &out, &errs, &nerr,
                      &e)) {
        const char *names[DF_COUNT + TF_COUNT];
        for (int k = 0; k < DF_COUNT; k++) {
            names[k] = g_decision_field_names[k];
        }
        for (int k = 0; k < TF_COUNT; k++) {
            names[DF_COUNT + k] = arena_printf(r->arena, "task.%s", g_task_field_names[k]);
        }
        return api_form_error(r, &e, names, errs, nerr, "conflict");
    }
    Decision dd;
    if (decision_get(r->db, r->arena, r->viewer, out, &dd, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, decision_json(r, &dd, true));
}

int decision_create_api(Req *r)
{
    return decision_write(r, 0, 0);
}

int decision_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? decision_write(r, id, 0) : r->status;
}

int agenda_decision_api(Req *r)
{
    int64_t item;
    return api_path_id(r, 0, &item) ? decision_write(r, 0, item) : r->status;
}

/* ---- tasks ------------------------------------------------------------------------------ */

static json_t *task_json(Req *r, const Task *t)
{
    json_t *o = record_head(r, &t->rec);
    if (t->rec.masked) {
        return o;
    }
    json_object_set_new(o, "description", json_string(t->description));
    json_object_set_new(o, "ministry", json_string(t->ministry_code));
    json_object_set_new(o, "assignee", person_json(&t->assignee));
    json_object_set_new(o, "due_on", api_str(t->due_on));
    json_object_set_new(o, "status", json_string(t->status));
    json_object_set_new(o, "overdue", json_boolean(t->overdue));
    json_object_set_new(o, "decision_id", t->decision_id ? json_integer(t->decision_id) : json_null());
    json_object_set_new(o, "meeting_id", t->meeting_id ? json_integer(t->meeting_id) : json_null());
    json_object_set_new(o, "closed_on", api_str(t->closed_on));
    return o;
}

int task_list_api(Req *r)
{
    TaskFilter f = {.mine = str_eq(params_get(&r->query, "mine"), "1"),
                    .open = str_eq(params_get(&r->query, "open"), "1"),
                    .overdue = str_eq(params_get(&r->query, "overdue"), "1")};
    if (!query_id(r, "decision", &f.decision_id) || !query_id(r, "meeting", &f.meeting_id) ||
        !query_id(r, "group", &f.group_id)) {
        return r->status;
    }
    f.ministry_code = params_get(&r->query, "ministry");
    Task *ts;
    size_t n;
    Err e = {0};
    if (task_list(r->db, r->arena, r->viewer, &f, &ts, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, task_json(r, &ts[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "tasks", arr, "count", (int)n));
}

int task_show_api(Req *r)
{
    int64_t id;
    Task t;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (task_get(r->db, r->arena, r->viewer, id, &t, NULL)) {
        return api_error(r, 404, "not_found", "no task with this id");
    }
    return api_json(r, 200, task_json(r, &t));
}

static int task_write(Req *r, int64_t id, int64_t item)
{
    TaskText t = {0};
    if (!read_text(r, g_task_field_names, TF_COUNT, t.v)) {
        return r->status;
    }
    if (item) {
        int64_t meeting = 0;
        AgendaItem it;
        if (agenda_item_get(r->db, r->arena, r->viewer, item, &it, &meeting, NULL)) {
            return api_error(r, 404, "not_found", "no agenda item with this id");
        }
        t.v[TF_MEETING] = arena_printf(r->arena, "%lld", (long long)meeting);
        t.v[TF_DECISION] = t.v[TF_GROUP] = NULL;
        t.v[TF_TITLE] = t.v[TF_TITLE] ? t.v[TF_TITLE] : it.title;
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (task_save(r->db, r->arena, r->viewer, r->client, id, item, &t, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_task_field_names, errs, nerr, "conflict");
    }
    Task tt;
    if (task_get(r->db, r->arena, r->viewer, out, &tt, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, task_json(r, &tt));
}

int task_create_api(Req *r)
{
    return task_write(r, 0, 0);
}

int task_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? task_write(r, id, 0) : r->status;
}

int agenda_task_api(Req *r)
{
    int64_t item;
    return api_path_id(r, 0, &item) ? task_write(r, 0, item) : r->status;
}

/* ---- goal interactions ------------------------------------------------------------------ */

static json_t *goal_json(Req *r, const MinistryGoal *g)
{
    (void)r;
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "code", g->code, "ministry", g->ministry_code, "text_nb", g->text,
                     "text_nn", g->text_nn, "text_en", g->text_en, "source", g->source ? g->source : "", "illustrative",
                     g->illustrative);
}

static json_t *interaction_json(Req *r, const Interaction *x)
{
    json_t *o = record_head(r, &x->rec);
    if (x->rec.masked) {
        return o;
    }
    json_object_set_new(o, "source_id", x->source_id ? json_integer(x->source_id) : json_null());
    json_object_set_new(o, "source_kind", api_str(x->source_kind));
    json_object_set_new(o, "goal", goal_json(r, &x->goal));
    json_object_set_new(o, "score", json_integer(x->score));
    json_object_set_new(o, "score_label", json_string(i18n_msg(r->arena, LANG_EN, interaction_score_label(x->score))));
    json_object_set_new(o, "justification", json_string(x->justification));
    json_object_set_new(o, "response", api_str(x->response));
    json_object_set_new(o, "response_text", json_string(x->response_text));
    json_object_set_new(o, "answered_on", api_str(x->answered_on));
    json_object_set_new(o, "answered_by", person_json(&x->answered_by));
    json_object_set_new(o, "open", json_boolean(!x->response));
    return o;
}

int interaction_list_api(Req *r)
{
    InteractionFilter f = {.open = str_eq(params_get(&r->query, "open"), "1"),
                           .negative = str_eq(params_get(&r->query, "negative"), "1")};
    if (!query_id(r, "source", &f.source_id)) {
        return r->status;
    }
    const char *awaiting = params_get(&r->query, "awaiting");
    if (awaiting && *awaiting) {
        if (!str_eq(awaiting, "mine")) {
            return api_error(r, 400, "invalid", "awaiting must be \"mine\"");
        }
        if (!r->viewer->ministry_id) {
            return api_json(r, 200, json_pack("{s:[],s:i}", "interactions", "count", 0));
        }
        f.awaiting_ministry_id = r->viewer->ministry_id;
    }
    Interaction *xs;
    size_t n;
    Err e = {0};
    if (interaction_list(r->db, r->arena, r->viewer, &f, &xs, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, interaction_json(r, &xs[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "interactions", arr, "count", (int)n));
}

int interaction_show_api(Req *r)
{
    int64_t id;
    Interaction x;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (interaction_get(r->db, r->arena, r->viewer, id, &x, NULL)) {
        return api_error(r, 404, "not_found", "no interaction with this id");
    }
    return api_json(r, 200, interaction_json(r, &x));
}

int interaction_create_api(Req *r)
{
    const char *v[IF_COUNT] = {0};
    if (!read_text(r, g_interaction_field_names, IF_COUNT, v)) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (interaction_create(r->db, r->arena, r->viewer, r->client, v, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_interaction_field_names, errs, nerr, "conflict");
    }
    Interaction x;
    if (interaction_get(r->db, r->arena, r->viewer, out, &x, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, interaction_json(r, &x));
}

int interaction_answer_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    static const char *const names[] = {"response", "text"};
    const char *v[2] = {0};
    if (!read_text(r, names, 2, v)) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    Err e = {0};
    if (interaction_answer(r->db, r->arena, r->viewer, r->client, id, v[0], v[1], &errs, &nerr, &e)) {
        return api_form_error(r, &e, names, errs, nerr, "conflict");
    }
    Interaction x;
    if (interaction_get(r->db, r->arena, r->viewer, id, &x, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, interaction_json(r, &x));
}

int interaction_matrix_api(Req *r)
{
    MatrixCell *c;
    size_t n;
    Err e = {0};
    if (interaction_matrix(r->db, r->arena, r->viewer, &c, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:f}", "from", c[i].from, "to", c[i].to,
                                             "count", c[i].n, "open", c[i].nopen, "negative", c[i].nnegative, "min",
                                             c[i].min, "max", c[i].max, "mean", c[i].mean));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "cells", arr, "count", (int)n));
}

int ministry_goal_list_api(Req *r)
{
    MinistryGoal *gs;
    size_t n;
    Err e = {0};
    if (ministry_goal_list(r->db, r->arena, params_get(&r->query, "ministry"), &gs, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, goal_json(r, &gs[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "goals", arr, "count", (int)n));
}

/* ---- the calendar feed ------------------------------------------------------------------- */

int calendar_feed_api(Req *r)
{
    bool active = false;
    const char *since = NULL;
    Err e = {0};
    if (calendar_feed_state(r->db, r->arena, r->viewer, &active, &since, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:b,s:o}", "active", active, "created_at", api_str(since)));
}

int calendar_feed_create_api(Req *r)
{
    char token[64];
    Err e = {0};
    if (calendar_feed_create(r->db, r->viewer, r->client, token, &e)) {
        return api_model_error(r, &e);
    }
    req_header(r, "Cache-Control", "no-store");
    return api_json(r, 201, json_pack("{s:s,s:s}", "token", token, "path", arena_printf(r->arena, "/calendar/%s", token)));
}

int calendar_feed_revoke_api(Req *r)
{
    Err e = {0};
    if (calendar_feed_revoke(r->db, r->viewer, r->client, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:b}", "active", false));
}
