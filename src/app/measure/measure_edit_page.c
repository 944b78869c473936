/* measure_edit_page.c: creating and changing measures, their history, and
 * the status list (HTML and JSON).  All work is in measure_edit.c; forms
 * post every field as text (MeasureText), so the form, the JSON API and
 * import go through the same validation. */
#include <string.h>

#include "app/core/api.h"
#include "app/measure/measure_handlers.h"
#include "app/core/record_view.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* Form fields in the order shown; the progress ones come first for case
 * officers, who may change only those. */
static const int full_form[] = {MF_NUMBER, MF_TITLE, MF_GOAL_AREA, MF_THEME, MF_DESCRIPTION, MF_OWNER,
                                MF_PARTICIPANTS, MF_RESPONSIBLE, MF_STATUS, MF_PROGRESS, MF_PRIORITY,
                                MF_START_DATE, MF_END_DATE, MF_MILESTONES, MF_PARENT, MF_WEIGHT, MF_ROLLUP,
                                MF_PREDECESSOR, MF_DEVELOPMENT_AREAS, MF_DIRECTIONS};
static const int progress_form[] = {MF_STATUS, MF_PROGRESS, MF_MILESTONES};

static const char *hint(int k)
{
    switch (k) {
    case MF_NUMBER: return N_("For eksempel 2.4, eller 2.4.1 for et deltiltak");
    case MF_GOAL_AREA: return N_("Nummeret på målområdet, for eksempel 2");
    case MF_PARTICIPANTS: return N_("Forkortelser skilt med komma, for eksempel KD, BFD");
    case MF_START_DATE: case MF_END_DATE: return N_("ÅÅÅÅ-MM-DD");
    case MF_PROGRESS: return N_("0–100. Tom ved statusendring gir statusens standardverdi.");
    case MF_MILESTONES: return N_("Én per linje: «[ ] 2026-06-30 Tittel», [x] når nådd, - når dato mangler");
    case MF_PARENT: return N_("Nummeret på tiltaket dette er et deltiltak av");
    case MF_WEIGHT: return N_("Vekt i fremdriften til tiltaket over (0–1000)");
    case MF_PREDECESSOR: return N_("Tiltak i en tidligere periode, for eksempel 2016-2020:3.2");
    case MF_DEVELOPMENT_AREAS: return N_("Numre skilt med komma, for eksempel 1, 3");
    case MF_DIRECTIONS: return N_("Målområde.nummer skilt med komma, for eksempel 1.2, 1.5");
    }
    return NULL;
}

static const char *field_error(const FieldError *errs, size_t n, int k)
{
    for (size_t i = 0; i < n; i++) {
        if (errs[i].field == k) {
            return errs[i].msg;
        }
    }
    return NULL;
}

static void field_input(Req *r, int k, const char *value, const char *err)
{
    Buf *b = &r->body;
    const char *id = g_measure_fields[k].name;
    const char *label = T(r, g_measure_fields[k].label);
    const char *h = hint(k) ? T(r, hint(k)) : NULL;
    err = err ? TMSG(r, err) : NULL;
    if (k == MF_DESCRIPTION || k == MF_MILESTONES) {
        html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>", id, label);
        if (h) {
            html_printf(b, "<div data-field=\"description\" id=\"%s-desc\">%s</div>", id, h);
        }
        if (err) {
            html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"%s\" rows=\"6\" aria-invalid=\"true\" "
                           "aria-describedby=\"%s-err\">%s</textarea><p class=\"ds-validation-message\" "
                           "data-field=\"validation\" id=\"%s-err\">%s</p></div>", id, id, id, value, id, err);
        } else if (h) {
            html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"%s\" rows=\"6\" aria-describedby=\"%s-desc\">"
                           "%s</textarea></div>", id, id, id, value);
        } else {
            html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"%s\" rows=\"6\">%s</textarea></div>", id, id,
                        value);
        }
        return;
    }
    if (k == MF_STATUS || k == MF_PRIORITY || k == MF_ROLLUP) {
        html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>"
                       "<select class=\"ds-input\" id=\"%s\" name=\"%s\">", id, label, id, id);
        if (k == MF_STATUS) {
            MeasureStatus *st;
            size_t n = 0;
            measure_status_list(r->db, r->arena, &st, &n, NULL);
            for (size_t i = 0; i < n; i++) {
                if (st[i].active || str_eq(value, st[i].code)) {
                    view_option(b, st[i].code, status_text(r, &st[i]), str_eq(value, st[i].code));
                }
            }
        } else if (k == MF_PRIORITY) {
            view_option(b, "", T(r, "Ikke satt"), !*value);
            view_option(b, "high", T(r, priority_label("high")), str_eq(value, "high"));
            view_option(b, "medium", T(r, priority_label("medium")), str_eq(value, "medium"));
            view_option(b, "low", T(r, priority_label("low")), str_eq(value, "low"));
        } else {
            view_option(b, "plain", T(r, "Gjennomsnitt"), str_eq(value, "plain"));
            view_option(b, "weighted", T(r, "Vektet gjennomsnitt"), str_eq(value, "weighted"));
        }
        html_printf(b, "</select>");
        if (err) {
            html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\">%s</p>", err);
        }
        html_printf(b, "</div>");
        return;
    }
    view_text_field(b, id, label, value, k == MF_START_DATE || k == MF_END_DATE ? "date" : "text", "off", h,
                    err, k == MF_NUMBER || k == MF_TITLE);
}

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
    if (nerr) {
        html_printf(b, "<div class=\"ds-error-summary\" role=\"alert\"><h2 class=\"ds-heading\" data-size=\"xs\">"
                       "%s</h2><ul class=\"ds-list\">", T(r, "Rett opp før du lagrer"));
        for (size_t i = 0; i < nerr; i++) {
            if (errs[i].field >= 0) {
                html_printf(b, "<li><a class=\"ds-link\" href=\"#%s\">%s</a></li>", g_measure_fields[errs[i].field].name,
                            TMSG(r, errs[i].msg));
            } else {
                html_printf(b, "<li>%s</li>", TMSG(r, errs[i].msg));
            }
        }
        html_printf(b, "</ul></div>");
    } else {
        view_form_error(b, error ? TMSG(r, error) : NULL);
    }
    if (m) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures/%lld\">", (long long)m->id);
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", m->version);
    } else {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/measures\">");
        html_printf(b, "<input type=\"hidden\" name=\"strategy\" value=\"%s\">", t->v[MF_STRATEGY]);
    }
    view_csrf(b, r);
    const int *fields = full ? full_form : progress_form;
    size_t nf = full ? COUNT(full_form) : COUNT(progress_form);
    for (size_t i = 0; i < nf; i++) {
        field_input(r, fields[i], t->v[fields[i]] ? t->v[fields[i]] : "", field_error(errs, nerr, fields[i]));
    }
    view_text_field(b, "comment", T(r, "Kommentar til endringen"), params_get(&r->form, "comment"), "text", "off",
                    T(r, "Vises i historikken"), NULL, false);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button>", T(r, "Lagre"));
    if (m) {
        html_printf(b, "<a class=\"ds-link\" href=\"/measures/%lld\">%s</a>", (long long)m->id, T(r, "Avbryt"));
    }
    html_printf(b, "</div></form>");
    return req_status(r, status);
}

/* The posted fields as a MeasureText: only the fields of this form. */
static void form_text(Req *r, MeasureText *t)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < MF_COUNT; k++) {
        t->v[k] = params_get(&r->form, g_measure_fields[k].name);
    }
    if (t->v[MF_PROGRESS] && !*t->v[MF_PROGRESS]) {
        t->v[MF_PROGRESS] = NULL;   /* empty: the status's default */
    }
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
    form_text(r, &t);
    FieldError *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (measure_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, params_get(&r->form, "comment"), &id, &errs,
                     &nerr, &e)) {
        return edit_form(r, NULL, &t, errs, nerr, e.msg, e.code == E_FORBIDDEN ? 403 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/measures/%lld", (long long)id));
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
    form_text(r, &t);
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
    return req_redirect(r, arena_printf(r->arena, "/measures/%lld", (long long)m.id));
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
