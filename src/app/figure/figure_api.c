/* figure_api.c: the JSON API of the figure domain (/api/v1/indicators,
 * /api/v1/services, /api/v1/service-rounds, /api/v1/collaboration); the
 * downloads are in facts_page.c.  Thin over the model; no SQL here.
 * Documented in assets/openapi/figures.json. */
#include <string.h>

#include "app/core/api.h"
#include "app/core/i18n.h"
#include "app/figure/figure.h"
#include "app/figure/figure_handlers.h"
#include "base/util.h"

static json_t *indicator_json(const Indicator *x)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:b,s:i,s:o}", "id",
                     (json_int_t)x->id, "code", x->code, "name", x->name, "name_nn", x->name_nn, "name_en", x->name_en,
                     "description", x->description, "description_nn", x->description_nn, "description_en",
                     x->description_en, "unit", x->unit, "decimals", x->decimals, "better", x->better, "source",
                     x->source, "method", x->method, "periodicity", x->periodicity, "visibility", x->visibility,
                     "illustrative", x->illustrative, "values", x->nvalues, "latest", api_str(x->latest));
}

static json_t *value_json(const FigureValue *v)
{
    json_t *o = json_pack("{s:o,s:s,s:f,s:s,s:s,s:b}", "ministry", api_str(v->ministry), "period", v->period, "value",
                          v->value, "source", v->source, "note", v->note, "illustrative", v->illustrative);
    if (v->has_target) {
        json_object_set_new(o, "target", json_real(v->target));
    }
    return o;
}

int indicator_list_api(Req *r)
{
    Indicator *ind;
    size_t n;
    Err e = {0};
    if (indicator_list(r->db, r->arena, r->viewer, false, &ind, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, indicator_json(&ind[i]));
    }
    return api_json(r, 200, json_pack("{s:o}", "indicators", items));
}

int indicator_show_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    Indicator ind;
    FigureValue *v;
    size_t n;
    Err e = {0};
    if (indicator_get(r->db, r->arena, r->viewer, id, &ind, &e) ||
        indicator_values(r->db, r->arena, r->viewer, id, &v, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *o = indicator_json(&ind), *values = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(values, value_json(&v[i]));
    }
    json_object_set_new(o, "values_list", values);
    return api_json(r, 200, o);
}

int indicator_create_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool bad = false;
    IndicatorInput in;
    if (!api_known_keys(r, body, g_indicator_fields)) {
        json_decref(body);
        return r->status;
    }
    for (int k = 0; k < IF_COUNT && !bad; k++) {
        in.v[k] = api_member_text(r, body, g_indicator_fields[k], &bad);
    }
    json_decref(body);
    if (bad) {
        return r->status;
    }
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np = 0;
    int64_t id;
    Err e = {0};
    if (indicator_create(r->db, r->viewer, r->client, &in, &id, p, &np, &e)) {
        return api_form_error(r, &e, g_indicator_fields, p, np, "conflict");
    }
    Indicator ind;
    indicator_get(r->db, r->arena, r->viewer, id, &ind, NULL);
    return api_json(r, 201, indicator_json(&ind));
}

int indicator_update_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool bad = !api_known_keys(r, body, g_indicator_fields);
    IndicatorInput in = {0};
    for (int k = 0; k < IF_COUNT && !bad; k++) {
        in.v[k] = api_member_text(r, body, g_indicator_fields[k], &bad);
    }
    json_decref(body);
    if (bad) {
        return r->status;
    }
    if (in.v[IF_CODE] || in.v[IF_VISIBILITY]) {
        return api_error(r, 400, "invalid", "code cannot change; change visibility under /api/v1/records/{id}/access");
    }
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np = 0;
    Err e = {0};
    if (indicator_update(r->db, r->viewer, r->client, id, &in, p, &np, &e)) {
        return api_form_error(r, &e, g_indicator_fields, p, np, "conflict");
    }
    return indicator_show_api(r);
}

int indicator_value_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    bool bad = false;
    const char *in[VF_COUNT];
    if (!api_known_keys(r, body, g_value_fields)) {
        json_decref(body);
        return r->status;
    }
    /* A JSON number for the value is as good as its text. */
    json_t *val = json_object_get(body, "value");
    for (int k = 0; k < VF_COUNT; k++) {
        in[k] = NULL;
        if (k == VF_VALUE && json_is_number(val)) {
            in[k] = arena_printf(r->arena, "%.17g", json_number_value(val));
        } else if (!bad) {
            in[k] = api_member_text(r, body, g_value_fields[k], &bad);
        }
    }
    json_decref(body);
    if (bad) {
        return r->status;
    }
    FormProblem p[VF_COUNT];
    size_t np = 0;
    Err e = {0};
    if (indicator_value_set(r->db, r->viewer, r->client, id, in, p, &np, &e)) {
        return api_form_error(r, &e, g_value_fields, p, np, "conflict");
    }
    return indicator_show_api(r);
}

int indicator_target_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"ministry", "period", "value", NULL};
    bool bad = !api_known_keys(r, body, keys);
    const char *ministry = bad ? NULL : api_member_text(r, body, "ministry", &bad);
    const char *period = bad ? NULL : api_member_text(r, body, "period", &bad);
    json_t *val = json_object_get(body, "value");
    const char *value = json_is_number(val) ? arena_printf(r->arena, "%.17g", json_number_value(val))
                        : bad               ? NULL
                                            : api_member_text(r, body, "value", &bad);
    json_decref(body);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    FormProblem p[VF_COUNT];
    size_t np = 0;
    if (indicator_target_set(r->db, r->viewer, r->client, id, ministry, period, value, p, &np, &e)) {
        return api_form_error(r, &e, g_value_fields, p, np, "conflict");
    }
    return indicator_show_api(r);
}

static json_t *import_json(Req *r, const FigureImport *imp)
{
    json_t *errors = json_array(), *changes = json_array();
    for (size_t i = 0; i < imp->nproblems; i++) {
        const FigureProblem *p = &imp->problems[i];
        FormProblem fp = {.field = -1, .msg = p->msg, .arg = p->arg};
        const char *msg = api_problem_text(r, &fp);
        json_array_append_new(errors, json_pack("{s:i,s:o,s:s}", "position", p->pos, "where", api_str(p->where),
                                                "message", msg));
    }
    for (size_t i = 0; i < imp->nrows; i++) {
        const FigureChange *c = &imp->rows[i];
        json_t *o = json_pack("{s:i,s:s,s:o,s:s,s:f,s:s}", "position", c->pos, "indicator", c->indicator, "ministry",
                              api_str(c->ministry), "period", c->period, "value", c->value, "action",
                              c->action == FIG_NEW ? "new" : c->action == FIG_CHANGE ? "change" : "unchanged");
        if (c->had) {
            json_object_set_new(o, "old", json_real(c->old));
        }
        json_array_append_new(changes, o);
    }
    return json_pack("{s:s,s:b,s:o,s:I,s:I,s:I,s:b,s:o}", "format", imp->format ? imp->format : "", "valid",
                     imp->nproblems == 0, "errors", errors, "create", (json_int_t)imp->create, "change",
                     (json_int_t)imp->change, "unchanged", (json_int_t)imp->unchanged, "applied", imp->applied,
                     "changes", changes);
}

int figure_import_api(Req *r)
{
    const char *apply = params_get(&r->query, "apply");
    if (apply && !str_eq(apply, "0") && !str_eq(apply, "1")) {
        return api_error(r, 400, "invalid", "apply must be 0 or 1");
    }
    if (!r->body_in || !r->body_in_len) {
        return api_error(r, 400, "invalid", "send the file (JSON-stat or CSV) as the request body");
    }
    FigureImport imp;
    Err e = {0};
    int rc = figure_import(r->db, r->arena, r->viewer, r->client, params_get(&r->query, "filename"), r->body_in,
                           r->body_in_len, str_eq(apply, "1"), &imp, &e);
    if (rc == E_FORBIDDEN || rc == E_DB) {
        return api_model_error(r, &e);
    }
    return api_json(r, rc ? 422 : 200, import_json(r, &imp));
}

/* ---- services ----------------------------------------------------------------------- */

int service_list_api(Req *r)
{
    Service *s;
    size_t n;
    Err e = {0};
    if (service_list(r->db, r->arena, r->viewer, &s, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)s[i].id, "code",
                                               s[i].code, "name", s[i].name, "name_nn", s[i].name_nn, "name_en",
                                               s[i].name_en, "visibility", s[i].visibility));
    }
    return api_json(r, 200, json_pack("{s:o}", "services", items));
}

/* ?public=1: as the public sees it, whoever asks (the public page's download). */
static bool public_only(Req *r)
{
    return str_eq(params_get(&r->query, "public"), "1") || !r->viewer->user_id;
}

static int view_of(Req *r, int64_t *id, ServiceView *sv)
{
    const char *period = params_get(&r->query, "period");
    if (!api_path_id(r, 0, id)) {
        return r->status;
    }
    if (period && *period && !figure_period_valid(period)) {
        return api_error(r, 400, "invalid", "period must look like 2025");
    }
    Err e = {0};
    if (service_view(r->db, r->arena, r->viewer, public_only(r), *id, period, sv, &e)) {
        return api_model_error(r, &e);
    }
    return 0;
}

int service_show_api(Req *r)
{
    int64_t id;
    ServiceView sv;
    if (view_of(r, &id, &sv)) {
        return r->status;
    }
    json_t *figs = json_array(), *stats = json_array(), *periods = json_array();
    for (size_t i = 0; i < sv.nfigs; i++) {
        const ServiceFigure *f = &sv.figs[i];
        json_array_append_new(figs, json_pack("{s:s,s:s,s:s,s:f,s:b}", "ministry", f->ministry, "period", f->period,
                                              "metric", f->metric, "value", f->value, "internal", f->internal));
    }
    for (size_t m = 0; m < sv.nmetrics; m++) {
        const ServiceStat *st = &sv.stats[m];
        json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "metric", sv.metrics[m].code, "kind", sv.metrics[m].kind, "unit",
                              sv.metrics[m].unit, "n", (json_int_t)st->n);
        if (st->n) {
            json_object_set_new(o, "median", json_real(st->median));
            json_object_set_new(o, "q1", json_real(st->q1));
            json_object_set_new(o, "q3", json_real(st->q3));
            json_object_set_new(o, "min", json_real(st->min));
            json_object_set_new(o, "max", json_real(st->max));
        }
        json_array_append_new(stats, o);
    }
    for (size_t i = 0; i < sv.nperiods; i++) {
        json_array_append_new(periods, json_string(sv.periods[i]));
    }
    return api_json(r, 200, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)id, "code", sv.svc.code,
                                      "name", sv.svc.name, "visibility", sv.svc.visibility, "period",
                                      api_str(sv.period), "periods", periods, "figures", figs, "stats", stats));
}

int service_csv_api(Req *r)
{
    int64_t id;
    ServiceView sv;
    if (view_of(r, &id, &sv)) {
        return r->status;
    }
    buf_reset(&r->body);
    buf_puts(&r->body, "\xEF\xBB\xBF" "tjeneste;departement;periode;måltall;verdi;enhet\r\n");
    for (size_t i = 0; i < sv.nfigs; i++) {
        const ServiceFigure *f = &sv.figs[i];
        const char *unit = "";
        for (size_t m = 0; m < sv.nmetrics; m++) {
            unit = str_eq(sv.metrics[m].code, f->metric) ? sv.metrics[m].unit : unit;
        }
        char *num = arena_printf(r->arena, "%.1f", f->value);
        char *dot = strchr(num, '.');
        if (dot) {
            *dot = ',';
        }
        /* Codes, periods and numbers only: nothing here needs quoting. */
        buf_printf(&r->body, "%s;%s;%s;%s;%s;%s\r\n", sv.svc.code, f->ministry, f->period, f->metric, num, unit);
    }
    r->content_type = "text/csv; charset=utf-8";
    req_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"fellestjeneste-%s-%s.csv\"", sv.svc.code,
                            sv.period ? sv.period : "tom"));
    r->raw = true;
    return req_status(r, 200);
}

int service_create_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"code", "name", "visibility", NULL};
    bool bad = !api_known_keys(r, body, keys);
    const char *code = bad ? NULL : api_member_text(r, body, "code", &bad);
    const char *name = bad ? NULL : api_member_text(r, body, "name", &bad);
    const char *vis = bad ? NULL : api_member_text(r, body, "visibility", &bad);
    json_decref(body);
    if (bad) {
        return r->status;
    }
    int64_t id;
    Err e = {0};
    if (service_create(r->db, r->viewer, r->client, code, name, vis, &id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "code", code));
}

int service_figure_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"round", "ministry", "period", "metric", "value", NULL};
    bool bad = !api_known_keys(r, body, keys);
    json_t *val = json_object_get(body, "value"), *round = json_object_get(body, "round");
    const char *ministry = bad ? NULL : api_member_text(r, body, "ministry", &bad);
    const char *period = bad ? NULL : api_member_text(r, body, "period", &bad);
    const char *metric = bad ? NULL : api_member_text(r, body, "metric", &bad);
    const char *value = json_is_number(val) ? arena_printf(r->arena, "%.17g", json_number_value(val))
                        : bad               ? NULL
                                            : api_member_text(r, body, "value", &bad);
    if (!bad && round && !json_is_null(round) && !json_is_integer(round)) {
        bad = true;
        api_error(r, 400, "invalid", "round must be a round id");
    }
    int64_t round_id = json_is_integer(round) ? (int64_t)json_integer_value(round) : 0;
    json_decref(body);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (service_figure_set(r->db, r->viewer, r->client, id, round_id, ministry, period, metric, value, &e)) {
        return api_model_error(r, &e);
    }
    return service_show_api(r);
}

int service_series_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"ministry", "kind", "visibility", NULL};
    bool bad = !api_known_keys(r, body, keys);
    const char *ministry = bad ? NULL : api_member_text(r, body, "ministry", &bad);
    const char *kind = bad ? NULL : api_member_text(r, body, "kind", &bad);
    const char *vis = bad ? NULL : api_member_text(r, body, "visibility", &bad);
    json_decref(body);
    if (bad) {
        return r->status;
    }
    Err e = {0};
    if (service_series_mark(r->db, r->viewer, r->client, id, ministry, kind, vis, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:s,s:s,s:s}", "ministry", ministry, "kind", kind, "visibility", vis));
}

int service_round_list_api(Req *r)
{
    ServiceRound *rs;
    size_t n;
    Err e = {0};
    if (service_round_list(r->db, r->arena, r->viewer, &rs, &n, &e)) {
        return api_model_error(r, &e);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:b,s:i}", "id", (json_int_t)rs[i].id, "title",
                                               rs[i].title, "deadline", rs[i].deadline, "open", rs[i].open,
                                               "reported", rs[i].reported));
    }
    return api_json(r, 200, json_pack("{s:o}", "rounds", items));
}

int service_round_open_api(Req *r)
{
    json_t *body = api_body_object(r);
    if (!body) {
        return r->status;
    }
    static const char *const keys[] = {"title", "deadline", NULL};
    bool bad = !api_known_keys(r, body, keys);
    const char *title = bad ? NULL : api_member_text(r, body, "title", &bad);
    const char *deadline = bad ? NULL : api_member_text(r, body, "deadline", &bad);
    json_decref(body);
    if (bad) {
        return r->status;
    }
    int64_t id;
    Err e = {0};
    if (service_round_open(r->db, r->viewer, r->client, title, deadline, &id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "title", title, "deadline",
                                      deadline, "open", true));
}

int service_round_close_api(Req *r)
{
    int64_t id;
    if (!api_path_id(r, 0, &id)) {
        return r->status;
    }
    Err e = {0};
    if (service_round_close(r->db, r->viewer, r->client, id, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "open", false));
}

int collaboration_api(Req *r)
{
    CommunityMatrix cm;
    AnswerTime *t;
    size_t nt;
    Err e = {0};
    if (community_matrix(r->db, r->arena, r->viewer, &cm, &e) ||
        community_answer_times(r->db, r->arena, r->viewer, &t, &nt, &e)) {
        return api_model_error(r, &e);
    }
    json_t *ms = json_array(), *pairs = json_array(), *times = json_array();
    for (size_t i = 0; i < cm.n; i++) {
        json_array_append_new(ms, json_string(cm.m[i].code));
        for (size_t j = 0; j < cm.n; j++) {
            size_t k = i * cm.n + j;
            if (i != j && (cm.groups[k] || cm.consult[k] || cm.interactions[k])) {
                json_array_append_new(pairs, json_pack("{s:s,s:s,s:i,s:i,s:i,s:i}", "from", cm.m[i].code, "to",
                                                       cm.m[j].code, "groups", cm.groups[k], "consultations",
                                                       cm.consult[k], "answered", cm.answered[k], "interactions",
                                                       cm.interactions[k]));
            }
        }
    }
    for (size_t i = 0; i < nt; i++) {
        json_t *o = json_pack("{s:s,s:i,s:i,s:i}", "ministry", t[i].code, "asked", t[i].asked, "answered",
                              t[i].answered, "on_time", t[i].on_time);
        if (t[i].median_days >= 0) {
            json_object_set_new(o, "median_days", json_real(t[i].median_days));
        }
        json_array_append_new(times, o);
    }
    return api_json(r, 200, json_pack("{s:o,s:o,s:o,s:b}", "order", ms, "pairs", pairs, "answer_times", times,
                                      "counts_only_readable", true));
}
