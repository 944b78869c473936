/* consult_api.c: the JSON API of cases (with their study), consultation
 * rounds, answers, the ministry's inbox and a case's timeline.  A record
 * the caller may not read is 404.  Messages are English. */
#include "app/consult/consult_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/consult/consult.h"
#include "app/core/api.h"
#include "app/core/i18n.h"
#include "base/util.h"

/* ---- reading the body ------------------------------------------------------------- */

/* ---- cases ---------------------------------------------------------------------------- */

static json_t *ministries_json(const MinistryOption *m, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_string(m[i].code));
    }
    return arr;
}

static json_t *codes_json(Req *r, const char *list)
{
    json_t *arr = json_array();
    const char *p = list ? list : "";
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *item = arena_strndup(r->arena, p, n);
        while (*item == ' ') {
            item++;
        }
        if (*item) {
            json_array_append_new(arr, json_string(item));
        }
        p += n + (p[n] == ',');
    }
    return arr;
}

static json_t *round_json(Req *r, const Round *x, bool full);

static json_t *case_json(Req *r, const Case *c, bool full)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:i}", "id", (json_int_t)c->rec.id, "title", c->rec.title, "url",
                          record_url(r->arena, c->rec.kind, c->rec.id), "visibility", c->rec.visibility, "masked",
                          c->rec.masked, "version", c->rec.version);
    if (c->rec.masked) {
        return o;
    }
    json_object_set_new(o, "lead", api_str(c->rec.owner_code));
    json_object_set_new(o, "type", json_string(c->type));
    json_object_set_new(o, "status", json_string(c->status));
    /* People are named to the signed-in only. */
    json_object_set_new(o, "officer", api_str(r->viewer->user_id ? c->officer : NULL));
    json_object_set_new(o, "archive_ref", json_string(c->archive_ref));
    json_object_set_new(o, "exemption_basis", api_str(c->rec.exemption_basis));
    json_object_set_new(o, "study_level", api_str(c->study_level));
    json_object_set_new(o, "study_done", json_integer(c->study_done));
    json_object_set_new(o, "study_questions", json_integer(STUDY_QUESTIONS));
    json_object_set_new(o, "round_count", json_integer(c->nrounds));
    json_object_set_new(o, "open_round_count", json_integer(c->nopen));
    json_object_set_new(o, "overdue_count", json_integer(c->noverdue));
    if (!full) {
        return o;
    }
    json_object_set_new(o, "summary", json_string(c->summary));
    json_object_set_new(o, "affected", ministries_json(c->affected, c->naffected));
    json_object_set_new(o, "effects", codes_json(r, c->effects));
    json_t *study = json_array();
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        json_array_append_new(study, json_pack("{s:s,s:s,s:s}", "field", g_case_field_names[CF_STUDY + q], "question",
                                               study_question(q), "answer", c->study[q]));
    }
    json_object_set_new(o, "study", study);
    json_object_set_new(o, "decision", json_string(c->decision));
    json_object_set_new(o, "decided_on", api_str(c->decided_on));
    Suggestion *sg;
    size_t ns = 0;
    json_t *sug = json_array();
    if (consult_suggest(r->db, r->arena, c, &sg, &ns, NULL) == 0) {
        for (size_t i = 0; i < ns; i++) {
            json_array_append_new(sug, json_pack("{s:s,s:s}", "ministry", sg[i].code, "why",
                                                 i18n_msg(r->arena, LANG_EN, sg[i].why)));
        }
    }
    json_object_set_new(o, "suggested_recipients", sug);
    Round *rs;
    size_t n = 0;
    json_t *rounds = json_array();
    if (consult_rounds(r->db, r->arena, r->viewer, c->rec.id, &rs, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(rounds, round_json(r, &rs[i], false));
        }
    }
    json_object_set_new(o, "rounds", rounds);
    json_object_set_new(o, "can_manage", json_boolean(consult_can_manage(r->viewer, &c->rec)));
    return o;
}

int case_list_api(Req *r)
{
    CaseFilter f = {.status = params_get(&r->query, "status"), .type = params_get(&r->query, "type"),
                    .ministry = params_get(&r->query, "ministry"), .mine = str_eq(params_get(&r->query, "mine"), "1")};
    if (f.status && *f.status && !*case_status_label(f.status)) {
        return api_error(r, 400, "invalid", "status must be study, referral, hearing, decision or closed");
    }
    if (f.type && *f.type && !*case_type_label(f.type)) {
        return api_error(r, 400, "invalid",
                         "type must be law, regulation, white_paper, proposition, budget, mandate or other");
    }
    Case *cs;
    size_t n;
    Err e = {0};
    if (consult_case_list(r->db, r->arena, r->viewer, &f, &cs, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, case_json(r, &cs[i], false));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "cases", arr, "count", (int)n));
}

int case_show_api(Req *r)
{
    int64_t id;
    Case c;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, &c, NULL)) {
        return api_error(r, 404, "not_found", "no case with this id");
    }
    return api_json(r, 200, case_json(r, &c, true));
}

static int case_write(Req *r, int64_t id)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    const char *keys[CF_COUNT + 3];
    for (int k = 0; k < CF_COUNT; k++) {
        keys[k] = g_case_field_names[k];
    }
    keys[CF_COUNT] = "version";
    keys[CF_COUNT + 1] = "comment";
    keys[CF_COUNT + 2] = NULL;
    CaseText t = {0};
    bool bad = !api_known_keys(r, o, keys);
    for (int k = 0; k < CF_COUNT && !bad; k++) {
        t.v[k] = api_member_text(r, o, g_case_field_names[k], &bad);
    }
    const char *version = api_member_text(r, o, "version", &bad);
    const char *comment = api_member_text(r, o, "comment", &bad);
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
    if (consult_case_save(r->db, r->arena, r->viewer, r->client, id, &t, expect, comment, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_case_field_names, errs, nerr, "deadline_warning");
    }
    Case c;
    if (consult_case_get(r->db, r->arena, r->viewer, out, &c, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, id ? 200 : 201, case_json(r, &c, true));
}

int case_create_api(Req *r)
{
    return case_write(r, 0);
}

int case_update_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? case_write(r, id) : r->status;
}

int case_timeline_api(Req *r)
{
    int64_t id;
    CaseEvent *ev;
    size_t n;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    if (consult_timeline(r->db, r->arena, r->viewer, id, &ev, &n, NULL)) {
        return api_error(r, 404, "not_found", "no case with this id");
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const char *kind = str_eq(ev[i].record_kind, "consult_round")    ? "round"
                           : str_eq(ev[i].record_kind, "consult_answer") ? "answer"
                                                                         : "case";
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:o,s:s,s:o,s:o,s:s,s:s,s:s}", "id",
                                             (json_int_t)ev[i].id, "type", ev[i].type, "about", kind, "record_id",
                                             (json_int_t)ev[i].record_id, "round_kind", api_str(ev[i].round_kind),
                                             "at", ev[i].at, "actor", api_str(ev[i].actor_name), "ministry",
                                             api_str(ev[i].ministry_code), "from", ev[i].old_value, "to",
                                             ev[i].new_value, "detail", ev[i].detail));
    }
    return api_json(r, 200, json_pack("{s:o,s:i}", "events", arr, "count", (int)n));
}

/* ---- rounds and answers ---------------------------------------------------------------- */

static json_t *answer_json(Req *r, const Answer *a)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:b,s:b,s:o,s:o}", "id", (json_int_t)a->rec.id, "url",
                          record_url(r->arena, a->rec.kind, a->rec.id), "ministry", a->ministry_code, "round_id",
                          (json_int_t)a->round_id, "case_id", (json_int_t)a->case_id, "round_kind", a->round_kind,
                          "deadline", a->deadline, "own_deadline", a->own_deadline, "overdue", a->overdue, "taken_by",
                          api_str(a->taken_by), "lead", api_str(a->lead_code));
    json_object_set_new(o, "case_title", api_str(a->case_title));
    json_object_set_new(o, "position", api_str(a->position));
    json_object_set_new(o, "text", json_string(a->text));
    json_object_set_new(o, "approved_by", json_string(a->approved_by));
    json_object_set_new(o, "answered_on", api_str(a->answered_on));
    json_object_set_new(o, "answered_by", api_str(a->answered_by_name));
    json_object_set_new(o, "reminded_on", api_str(a->reminded_on));
    json_object_set_new(o, "round_closed", json_boolean(a->round_closed_on != NULL));
    json_object_set_new(o, "attachment_count", json_integer(a->nattachments));
    json_object_set_new(o, "can_answer", json_boolean(consult_can_act(r->viewer, a->rec.owner_ministry_id) &&
                                                      !a->round_closed_on));
    return o;
}

static json_t *round_json(Req *r, const Round *x, bool full)
{
    json_t *o = json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:i,s:i,s:i,s:o}", "id", (json_int_t)x->rec.id, "url",
                          record_url(r->arena, x->rec.kind, x->rec.id), "case_id", (json_int_t)x->case_id, "kind",
                          x->kind, "sent_on", x->sent_on, "deadline", x->deadline, "closed_on",
                          api_str(x->closed_on), "lead", api_str(x->lead_code), "answer_count", x->nanswers,
                          "answered_count", x->nanswered, "overdue_count", x->noverdue, "overdue",
                          codes_json(r, x->overdue_codes));
    json_object_set_new(o, "case_title", api_str(x->case_title));
    if (!full) {
        return o;
    }
    json_object_set_new(o, "message", json_string(x->message));
    json_object_set_new(o, "summary", json_string(x->summary));
    json_object_set_new(o, "sent_by", api_str(x->sent_by));
    FormProblem warn[4];
    size_t nw = consult_deadline_warnings(r->arena, x->kind, x->sent_on, x->deadline, warn, COUNT(warn));
    json_t *w = json_array();
    for (size_t i = 0; i < nw; i++) {
        json_array_append_new(w, json_string(api_problem_text(r, &warn[i])));
    }
    json_object_set_new(o, "deadline_warnings", w);
    Answer *as;
    size_t n = 0;
    json_t *arr = json_array();
    if (consult_answers(r->db, r->arena, r->viewer, x->rec.id, &as, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, answer_json(r, &as[i]));
        }
    }
    json_object_set_new(o, "answers", arr);
    json_object_set_new(o, "can_manage", json_boolean(consult_can_manage(r->viewer, &x->rec)));
    return o;
}

static int round_answer(Req *r, int64_t id, int status)
{
    Round x;
    Err e = {0};
    if (consult_round_get(r->db, r->arena, r->viewer, id, &x, &e)) {
        return api_error(r, 404, "not_found", "no round with this id");
    }
    return api_json(r, status, round_json(r, &x, true));
}

int case_round_send_api(Req *r)
{
    int64_t id;
    json_t *o;
    if (!api_path_id(r, 0, &id) || !(o = api_body_object(r))) {
        return r->status;
    }
    static const char *const keys[] = {"kind", "recipients", "deadline", "message", "confirm", NULL};
    bool bad = !api_known_keys(r, o, keys);
    RoundInput in = {0};
    in.kind = api_member_text(r, o, "kind", &bad);
    in.recipients = api_member_text(r, o, "recipients", &bad);
    in.deadline = api_member_text(r, o, "deadline", &bad);
    in.message = api_member_text(r, o, "message", &bad);
    json_t *confirm = json_object_get(o, "confirm");
    if (!bad && confirm && !json_is_boolean(confirm)) {
        bad = true;
        api_error(r, 400, "invalid", "confirm must be true or false");
    }
    in.confirmed = confirm && json_is_true(confirm);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (consult_round_send(r->db, r->arena, r->viewer, r->client, id, &in, &out, &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_round_field_names, errs, nerr, "deadline_warning");
    }
    return round_answer(r, out, 201);
}

int consultation_show_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? round_answer(r, id, 200) : r->status;
}

int consultation_inbox_api(Req *r)
{
    Answer *aw;
    Round *sent;
    size_t na, ns;
    Err e = {0};
    if (consult_inbox(r->db, r->arena, r->viewer, &aw, &na, &sent, &ns, &e)) {
        return api_model_error(r, &e);
    }
    json_t *a = json_array(), *s = json_array();
    for (size_t i = 0; i < na; i++) {
        json_array_append_new(a, answer_json(r, &aw[i]));
    }
    for (size_t i = 0; i < ns; i++) {
        json_array_append_new(s, round_json(r, &sent[i], false));
    }
    return api_json(r, 200, json_pack("{s:o,s:o,s:o}", "ministry", api_str(r->viewer->ministry_code), "awaiting", a,
                                      "sent", s));
}

/* The body's members of keys as text; false after a 400. */
static bool body_texts(Req *r, const char *const *keys, const char **out)
{
    json_t *o = api_body_object(r);
    if (!o) {
        return false;
    }
    bool bad = !api_known_keys(r, o, keys);
    for (size_t i = 0; keys[i]; i++) {
        out[i] = api_member_text(r, o, keys[i], &bad);
    }
    json_decref(o);
    return !bad;
}

int consultation_remind_api(Req *r)
{
    int64_t id;
    static const char *const keys[] = {"ministry", NULL};
    const char *v[1];
    if (!api_path_id(r, 0, &id) || !body_texts(r, keys, v)) {
        return r->status;
    }
    int n;
    Err e = {0};
    if (consult_remind(r->db, r->arena, r->viewer, r->client, id, v[0], &n, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:i}", "reminded", n));
}

int consultation_extend_api(Req *r)
{
    int64_t id;
    static const char *const keys[] = {"ministry", "deadline", "reason", NULL};
    const char *v[3];
    if (!api_path_id(r, 0, &id) || !body_texts(r, keys, v)) {
        return r->status;
    }
    Err e = {0};
    if (consult_extend(r->db, r->arena, r->viewer, r->client, id, v[0], v[1], v[2], NULL, &e)) {
        return api_model_error(r, &e);
    }
    return round_answer(r, id, 200);
}

int consultation_close_api(Req *r)
{
    int64_t id;
    static const char *const keys[] = {"summary", NULL};
    const char *v[1];
    if (!api_path_id(r, 0, &id) || !body_texts(r, keys, v)) {
        return r->status;
    }
    Err e = {0};
    if (consult_round_close(r->db, r->arena, r->viewer, r->client, id, v[0], &e)) {
        return api_model_error(r, &e);
    }
    return round_answer(r, id, 200);
}

static int answer_answer(Req *r, int64_t id)
{
    Answer a;
    if (consult_answer_get(r->db, r->arena, r->viewer, id, &a, NULL) || a.rec.masked) {
        return api_error(r, 404, "not_found", "no answer with this id");
    }
    return api_json(r, 200, answer_json(r, &a));
}

int answer_show_api(Req *r)
{
    int64_t id;
    return api_path_id(r, 0, &id) ? answer_answer(r, id) : r->status;
}

int answer_submit_api(Req *r)
{
    int64_t id;
    const char *v[AF_COUNT];
    if (!api_path_id(r, 0, &id) || !body_texts(r, (const char *const[]){"position", "text", "approved_by", NULL}, v)) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    Err e = {0};
    if (consult_answer_submit(r->db, r->arena, r->viewer, r->client, id, v[AF_POSITION], v[AF_TEXT],
                              v[AF_APPROVED_BY], &errs, &nerr, &e)) {
        return api_form_error(r, &e, g_answer_field_names, errs, nerr, "deadline_warning");
    }
    return answer_answer(r, id);
}

int answer_take_api(Req *r)
{
    int64_t id;
    json_t *o;
    if (!api_path_id(r, 0, &id) || !(o = api_body_object(r))) {
        return r->status;
    }
    static const char *const keys[] = {"take", NULL};
    bool bad = !api_known_keys(r, o, keys);
    json_t *take = json_object_get(o, "take");
    if (!bad && take && !json_is_boolean(take)) {
        bad = true;
        api_error(r, 400, "invalid", "take must be true or false");
    }
    bool taking = !take || json_is_true(take);
    json_decref(o);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (consult_answer_take(r->db, r->arena, r->viewer, r->client, id, taking, &e)) {
        return api_model_error(r, &e);
    }
    return answer_answer(r, id);
}
