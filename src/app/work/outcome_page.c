/* outcome_page.c: an agenda item becomes a decision (with a follow-up
 * task if one is given) or a task, in one step.  Thin over the model
 * (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

typedef struct Ctx {
    Meeting m;
    AgendaItem item;
} Ctx;

static bool load(Req *r, Ctx *c)
{
    int64_t mid, iid, owner = 0;
    if (!wv_id(r, 0, &mid) || !wv_id(r, 1, &iid)) {
        return false;
    }
    if (agenda_item_get(r->db, r->arena, r->viewer, iid, &c->item, &owner, NULL) || owner != mid ||
        meeting_get(r->db, r->arena, r->viewer, mid, &c->m, NULL)) {
        view_error(r, 404, T(r, "Fant ikke saken på dagsordenen."));
        return false;
    }
    if (!work_can_edit(r->viewer, &c->m.rec)) {
        view_error(r, 403, T(r, "Du kan ikke endre dette møtet."));
        return false;
    }
    if (c->item.outcome_id) {
        view_error(r, 409, T(r, "Saken på dagsordenen er allerede fulgt opp."));
        return false;
    }
    return true;
}

static void head(Req *r, const Ctx *c, const char *title)
{
    r->title = title;
    req_crumb(r, T(r, "Møter"), "/meetings");
    req_crumb(r, c->m.rec.title, arena_printf(r->arena, "/meetings/%lld", (long long)c->m.rec.id));
    req_crumb(r, title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s: %s</p>",
                title, T(r, "Sak på dagsordenen"), c->item.title);
}

static const char *const g_decision_ids[DF_COUNT] = {"title", "text", "decided_on", "group", "meeting",
                                                     "ministries", "review_on", "reviewed_on"};

static int decision_form(Req *r, const Ctx *c, const DecisionText *d, const TaskText *t, const FormErrors *fe,
                         int status)
{
    Buf *b = &r->body;
    head(r, c, T(r, "Gjør saken til vedtak"));
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/meetings/%lld/agenda/%lld/decision\" novalidate>",
                (long long)c->m.rec.id, (long long)c->item.id);
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"lists\" value=\"1\">");
    fv_text(r, "title", T(r, "Tittel på vedtaket"), NULL, d->v[DF_TITLE], "text", fv_error_of(fe, "title"), true);
    fv_textarea(r, "text", T(r, "Vedtaket"), T(r, "Det som ble bestemt, slik det står i referatet."), d->v[DF_TEXT],
                fv_error_of(fe, "text"), 5, true);
    fv_text(r, "decided_on", T(r, "Vedtatt dato"), NULL, d->v[DF_DECIDED_ON], "date", fv_error_of(fe, "decided_on"), true);
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    fv_ministry_boxes(r, "ministries", T(r, "Vedtatt av departementer"), NULL, mins, nm, d->v[DF_MINISTRIES], NULL,
                      fv_error_of(fe, "ministries"));
    fv_text(r, "review_on", T(r, "Skal vurderes på nytt"), T(r, "Dato. Flagges når den er passert uten ny vurdering."),
            d->v[DF_REVIEW_ON], "date", fv_error_of(fe, "review_on"), false);
    html_printf(b, "<fieldset class=\"ds-fieldset\"><legend class=\"ds-heading\" data-size=\"xs\">%s</legend>"
                   "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Oppfølgingsoppgave"), T(r, "Valgfritt. Fyll ut for å gi en oppgave sammen med vedtaket."));
    wv_task_fields(r, "task_", t, fe, false);
    html_printf(b, "</fieldset>");
    wv_button_row(r, T(r, "Lagre vedtaket"), arena_printf(r->arena, "/meetings/%lld", (long long)c->m.rec.id),
                  T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

static void fill_task(TaskText *t)
{
    for (int k = 0; k < TF_COUNT; k++) {
        t->v[k] = t->v[k] ? t->v[k] : "";
    }
}

int agenda_decision_page(Req *r)
{
    Ctx c;
    if (!load(r, &c)) {
        return r->status;
    }
    char today[16];
    date_today(today, sizeof today);
    DecisionText d = {0};
    d.v[DF_TITLE] = c.item.title;
    d.v[DF_TEXT] = "";
    d.v[DF_DECIDED_ON] = arena_strdup(r->arena, strncmp(c.m.starts_at, today, 10) < 0
                                                    ? arena_strndup(r->arena, c.m.starts_at, 10) : today);
    d.v[DF_MINISTRIES] = "";
    d.v[DF_REVIEW_ON] = "";
    TaskText t = {0};
    fill_task(&t);
    return decision_form(r, &c, &d, &t, NULL, 200);
}

int agenda_decision_post(Req *r)
{
    Ctx c;
    if (!load(r, &c)) {
        return r->status;
    }
    DecisionText d = {0};
    for (int k = 0; k < DF_COUNT; k++) {
        d.v[k] = params_get(&r->form, g_decision_field_names[k]);
    }
    d.v[DF_MEETING] = arena_printf(r->arena, "%lld", (long long)c.m.rec.id);
    d.v[DF_GROUP] = NULL;
    d.v[DF_REVIEWED_ON] = NULL;
    if (str_eq(params_get(&r->form, "lists"), "1")) {
        d.v[DF_MINISTRIES] = fv_form_list(r, "ministries");
    }
    TaskText t = {0};
    const char *task_ids[TF_COUNT];
    for (int k = 0; k < TF_COUNT; k++) {
        task_ids[k] = arena_printf(r->arena, "task_%s", g_task_field_names[k]);
        t.v[k] = params_get(&r->form, task_ids[k]);
    }
    t.v[TF_DECISION] = t.v[TF_MEETING] = t.v[TF_GROUP] = t.v[TF_STATUS] = NULL;
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (decision_save(r->db, r->arena, r->viewer, r->client, 0, c.item.id, &d, &t, &id, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        const char *names[DF_COUNT + TF_COUNT];
        for (int k = 0; k < DF_COUNT; k++) {
            names[k] = g_decision_ids[k];
        }
        for (int k = 0; k < TF_COUNT; k++) {
            names[DF_COUNT + k] = task_ids[k];
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        for (int k = 0; k < DF_COUNT; k++) {
            d.v[k] = d.v[k] ? d.v[k] : "";
        }
        fill_task(&t);
        return decision_form(r, &c, &d, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/decisions/%lld", (long long)id), "decision_created");
}

static int task_form(Req *r, const Ctx *c, const TaskText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    head(r, c, T(r, "Gjør saken til oppgave"));
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/meetings/%lld/agenda/%lld/task\" novalidate>",
                (long long)c->m.rec.id, (long long)c->item.id);
    view_csrf(b, r);
    wv_task_fields(r, "", t, fe, false);
    wv_button_row(r, T(r, "Gi oppgaven"), arena_printf(r->arena, "/meetings/%lld", (long long)c->m.rec.id),
                  T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

int agenda_task_page(Req *r)
{
    Ctx c;
    if (!load(r, &c)) {
        return r->status;
    }
    TaskText t = {0};
    t.v[TF_TITLE] = c.item.title;
    t.v[TF_DESCRIPTION] = c.item.notes;
    t.v[TF_MINISTRY] = r->viewer->ministry_code;
    fill_task(&t);
    return task_form(r, &c, &t, NULL, 200);
}

int agenda_task_post(Req *r)
{
    Ctx c;
    if (!load(r, &c)) {
        return r->status;
    }
    TaskText t = {0};
    for (int k = 0; k < TF_COUNT; k++) {
        t.v[k] = params_get(&r->form, g_task_field_names[k]);
    }
    t.v[TF_MEETING] = arena_printf(r->arena, "%lld", (long long)c.m.rec.id);
    t.v[TF_DECISION] = t.v[TF_GROUP] = t.v[TF_STATUS] = NULL;
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (task_save(r->db, r->arena, r->viewer, r->client, 0, c.item.id, &t, &id, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_task_field_names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill_task(&t);
        return task_form(r, &c, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/tasks/%lld", (long long)id), "task_created");
}
