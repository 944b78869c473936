/* measure_edit_page.c: creating and changing measures, their history, and
 * the status list (HTML and JSON).  All work is in measure_edit.c; forms
 * post every field as text (MeasureText), so the form, the JSON API and
 * import go through the same validation. */
#include <string.h>

#include "app/core/api.h"
#include "app/measure/measure_handlers.h"
#include "app/core/record_view.h"
#include "app/measure/measure_edit.h"
#include "app/measure/measure_form.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static int edit_form(Req *r, const Measure *m, const MeasureText *t, const FieldError *errs, size_t nerr,
                     const char *error, int status)
{
    Buf *b = &r->body;
    bool full = measure_can_edit(r->viewer);
    r->title = m ? TF(r, "Endre tiltak %s", m->number) : T(r, "Nytt tiltak");
    req_crumb(r, T(r, "Tiltak"), "/measures");
    if (m) {
        req_crumb(r, m->number, arena_printf(r->arena, "/measures/%lld", (long long)m->id));
    }
    req_crumb(r, m ? T(r, "Endre") : T(r, "Nytt tiltak"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (m) {
        html_printf(b, "<p class=\"ds-paragraph\" lang=\"nb\">%s</p>", m->title);
    }
    if (!full) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Som saksbehandler i ansvarlig departement kan du endre status, fremdrift og milepæler."));
    }
    if (!nerr) {
        view_form_error(b, error ? TMSG(r, error) : NULL);
    }
    int64_t strategy_id = m ? m->strategy_id : 0;
    Strategy st;
    if (!m && t->v[MF_STRATEGY] && strategy_get(r->db, r->arena, r->viewer, t->v[MF_STRATEGY], &st, NULL) == 0) {
        strategy_id = st.id;
    }
    if (m) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures/%lld\" novalidate>",
                    (long long)m->id);
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", m->version);
    } else {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures\" novalidate>");
        html_printf(b, "<input type=\"hidden\" name=\"strategy\" value=\"%s\">", t->v[MF_STRATEGY]);
    }
    view_csrf(b, r);
    measure_form_fields(r, t, errs, nerr, strategy_id, full, measure_form_more(r));
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button>", T(r, "Lagre"));
    if (m) {
        html_printf(b, "<a class=\"ds-link\" href=\"/measures/%lld\">%s</a>", (long long)m->id, T(r, "Avbryt"));
    }
    html_printf(b, "</div></form>");
    return req_status(r, status);
}

int measure_new_page(Req *r)
{
    MeasureText t = {0};
    Strategy st;
    if (strategy_current(r->db, r->arena, r->viewer, &st, NULL)) {
        return view_error(r, 400, T(r, "Det finnes ingen strategiperiode å legge tiltak i."));
    }
    const char *slug = params_get(&r->query, "strategy");
    t.v[MF_STRATEGY] = slug && *slug ? slug : st.slug;
    t.v[MF_STATUS] = "not_started";
    t.v[MF_WEIGHT] = "1";
    t.v[MF_ROLLUP] = "plain";
    return edit_form(r, NULL, &t, NULL, 0, NULL, 200);
}

int measure_create_post(Req *r)
{
    MeasureText t;
    measure_form_text(r, &t, true);
    if (measure_form_more(r)) {
        return edit_form(r, NULL, &t, NULL, 0, NULL, 200);
    }
    FieldError *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (measure_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, params_get(&r->form, "comment"), &id, &errs,
                     &nerr, &e)) {
        return edit_form(r, NULL, &t, errs, nerr, e.msg, e.code == E_FORBIDDEN ? 403 : 400);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/measures/%lld", (long long)id), "measure_saved");
}

static bool load(Req *r, Measure *m, MeasureText *t)
{
    long long id;
    return parse_int(r->args[0], 1, INT64_MAX, &id) && measure_get(r->db, r->arena, r->viewer, id, m, NULL) == 0 &&
           !m->masked && measure_text_get(r->db, r->arena, r->viewer, id, t, NULL) == 0;
}

int measure_edit_page(Req *r)
{
    Measure m;
    MeasureText t;
    if (!load(r, &m, &t)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe tiltak med dette nummeret."));
    }
    if (!measure_can_report(r->viewer, &m)) {
        return view_error(r, 403, T(r, "Bare strategisekretariatet og saksbehandlere i ansvarlig departement kan endre "
                                       "tiltaket."));
    }
    return edit_form(r, &m, &t, NULL, 0, NULL, 200);
}

int measure_update_post(Req *r)
{
    Measure m;
    MeasureText old, t;
    if (!load(r, &m, &old)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe tiltak med dette nummeret."));
    }
    measure_form_text(r, &t, measure_can_edit(r->viewer));
    if (measure_form_more(r)) {
        for (int k = 0; k < MF_COUNT; k++) {
            t.v[k] = t.v[k] ? t.v[k] : old.v[k];
        }
        return edit_form(r, &m, &t, NULL, 0, NULL, 200);
    }
    long long version = 0;
    parse_int(params_get(&r->form, "version"), 0, INT64_MAX, &version);
    FieldError *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (measure_save(r->db, r->arena, r->viewer, r->client, m.id, &t, (int64_t)version, params_get(&r->form, "comment"),
                     &id, &errs, &nerr, &e)) {
        for (int k = 0; k < MF_COUNT; k++) {
            if (!t.v[k]) {
                t.v[k] = old.v[k];
            }
        }
        int st = e.code == E_FORBIDDEN ? 403 : e.code == E_CONFLICT ? 409 : 400;
        return edit_form(r, &m, &t, errs, nerr, e.msg, st);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/measures/%lld", (long long)m.id),
                              params_get(&r->form, "quick") ? "status_changed" : "measure_saved");
}

int measure_history_page(Req *r)
{
    long long id;
    Measure m;
    Record rec;
    MeasureVersion *v;
    size_t n;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL) ||
        record_get(r->db, r->arena, r->viewer, id, &rec, NULL) ||
        measure_versions(r->db, r->arena, r->viewer, id, &v, &n, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe tiltak med dette nummeret."));
    }
    r->title = TF(r, "Historikk for tiltak %s", m.number);
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, m.number, arena_printf(r->arena, "/measures/%lld", (long long)m.id));
    req_crumb(r, T(r, "Historikk"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\" lang=\"nb\">%s</p>",
                r->title, m.title);
    if (m.predecessor_id) {
        /* Carried over: the history before lives with the measure it continues. */
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/measures/%lld/history\">%s</a>.</p>",
                    TF(r, "Tiltaket er videreført fra %s. Historikken fra før det ble videreført:", m.predecessor_label),
                    (long long)m.predecessor_id, TF(r, "Historikk for %s", m.predecessor_label));
    }
    record_history_section(r, &rec, v, n);
    return 200;
}
