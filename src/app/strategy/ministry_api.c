/* ministry_api.c: /api/v1/ministries (JSON). */
#include "app/core/api.h"
#include "app/strategy/strategy_handlers.h"
#include "app/strategy/strategy.h"
#include "base/util.h"

static json_t *ministry_json(const Ministry *m)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:b,s:i}", "code", m->code, "name_nb", m->name_nb,
                     "name_nn", m->name_nn, "name_en", m->name_en, "valid_from", api_str(m->valid_from),
                     "valid_to", api_str(m->valid_to), "successor", api_str(m->successor_code),
                     "is_ministry", m->is_ministry, "measure_count", m->measure_count);
}

int ministry_list_api(Req *r)
{
    const char *which = params_get(&r->query, "include");
    int sel = MINISTRY_CURRENT;
    if (which && str_eq(which, "former")) {
        sel = MINISTRY_ALL;
    } else if (which && *which) {
        return api_error(r, 400, "invalid", "include must be 'former' or absent");
    }
    Ministry *m;
    size_t n;
    if (ministry_list(r->db, r->arena, r->viewer, sel, &m, &n, NULL)) {
        return api_error(r, 500, "database", "reading ministries failed");
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, ministry_json(&m[i]));
    }
    return api_json(r, 200, json_pack("{s:o,s:I}", "items", items, "count", (json_int_t)n));
}

int ministry_show_api(Req *r)
{
    Ministry m;
    Err e = {0};
    int rc = ministry_get(r->db, r->arena, r->viewer, r->args[0], &m, &e);
    if (rc == E_NOTFOUND) {
        return api_error(r, 404, "not_found", e.msg);
    }
    if (rc) {
        return api_error(r, 500, "database", "reading the ministry failed");
    }
    return api_json(r, 200, ministry_json(&m));
}
