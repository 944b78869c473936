/* decision_page.c: decisions (HTML) — the list, a decision with its
 * follow-up tasks and goal interactions, registering one by hand, and
 * changing it (the review).  Thin over the model (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

#define NOT_FOUND N_("Det finnes ikke noe vedtak med dette nummeret, eller du har ikke tilgang til det.")

static const char *const g_ids[DF_COUNT] = {"title", "text", "decided_on", "group", "meeting",
                                            "ministries", "review_on", "reviewed_on"};

int decision_list_page(Req *r)
{
    Buf *b = &r->body;
    Decision *ds, *due;
    size_t n = 0, nd = 0;
    Err e = {0};
    long long group = 0;
    const char *gs = params_get(&r->query, "group");
    Record grec = {0};
    if (gs && *gs && (!parse_int(gs, 1, INT64_MAX, &group) || record_get(r->db, r->arena, r->viewer, group, &grec, NULL) ||
                      !str_eq(grec.kind->name, "group"))) {
        return view_error(r, 404, NULL);
    }
    DecisionFilter all = {.limit = 100, .group_id = group};
    if (decision_list(r->db, r->arena, r->viewer, &all, &ds, &n, &e)) {
        return view_error(r, fv_status(&e), NULL);
    }
    DecisionFilter df = {.review_overdue = true, .group_id = group};
    decision_list(r->db, r->arena, r->viewer, &df, &due, &nd, NULL);
    r->title = group ? TF(r, "Vedtak i %s", grec.title) : T(r, "Vedtak");
    if (group) {
        req_crumb(r, T(r, "Grupper"), "/groups");
        req_crumb(r, grec.title, arena_printf(r->arena, "/groups/%lld", group));
    }
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Vedtak og beslutninger i gruppene og mellom departementene, med oppfølgingsoppgaver og dato for "
                     "ny vurdering."));
    wv_notice(r);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"%s\">%s</a></p>",
                group ? arena_printf(r->arena, "/decisions/new?group=%lld", group) : "/decisions/new",
                T(r, "Registrer vedtak"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Ny vurdering over fristen"));
    wv_decision_list(r, due, nd, T(r, "Ingen vedtak venter på ny vurdering."));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "De nyeste vedtakene"));
    wv_decision_list(r, ds, n, T(r, "Ingen vedtak ennå. Vedtak registreres fra dagsordenen i et møte, eller med "
                                    "«Registrer vedtak»."));
    return 200;
}

static int decision_form(Req *r, const Decision *cur, const DecisionText *d, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = cur ? TF(r, "Endre «%s»", cur->rec.title) : T(r, "Registrer vedtak");
    req_crumb(r, T(r, "Vedtak"), "/decisions");
    if (cur) {
        req_crumb(r, cur->rec.title, arena_printf(r->arena, "/decisions/%lld", (long long)cur->rec.id));
    }
    req_crumb(r, cur ? T(r, "Endre") : r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"%s\" novalidate>",
                cur ? arena_printf(r->arena, "/decisions/%lld", (long long)cur->rec.id) : "/decisions");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"lists\" value=\"1\">");
    if (!cur && *d->v[DF_GROUP]) {
        html_printf(b, "<input type=\"hidden\" name=\"group\" value=\"%s\">", d->v[DF_GROUP]);
    }
    fv_text(r, "title", T(r, "Tittel på vedtaket"), NULL, d->v[DF_TITLE], "text", fv_error_of(fe, "title"), true);
    fv_textarea(r, "text", T(r, "Vedtaket"), NULL, d->v[DF_TEXT], fv_error_of(fe, "text"), 5, true);
    fv_text(r, "decided_on", T(r, "Vedtatt dato"), NULL, d->v[DF_DECIDED_ON], "date", fv_error_of(fe, "decided_on"), true);
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    fv_ministry_boxes(r, "ministries", T(r, "Vedtatt av departementer"), NULL, mins, nm, d->v[DF_MINISTRIES], NULL,
                      fv_error_of(fe, "ministries"));
    fv_text(r, "review_on", T(r, "Skal vurderes på nytt"), T(r, "Dato. Flagges når den er passert uten ny vurdering."),
            d->v[DF_REVIEW_ON], "date", fv_error_of(fe, "review_on"), false);
    if (cur) {
        fv_text(r, "reviewed_on", T(r, "Vurdert på nytt"), T(r, "Datoen vedtaket ble vurdert på nytt."),
                d->v[DF_REVIEWED_ON], "date", fv_error_of(fe, "reviewed_on"), false);
    }
    wv_button_row(r, T(r, "Lagre vedtaket"),
                  cur ? arena_printf(r->arena, "/decisions/%lld", (long long)cur->rec.id) : "/decisions", T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

static void fill(DecisionText *d)
{
    for (int k = 0; k < DF_COUNT; k++) {
        d->v[k] = d->v[k] ? d->v[k] : "";
    }
}

int decision_new_page(Req *r)
{
    DecisionText d = {0};
    char today[16];
    date_today(today, sizeof today);
    d.v[DF_DECIDED_ON] = arena_strdup(r->arena, today);
    d.v[DF_GROUP] = params_get(&r->query, "group");
    fill(&d);
    return decision_form(r, NULL, &d, NULL, 200);
}

static int save_post(Req *r, const Decision *cur)
{
    DecisionText d = {0};
    for (int k = 0; k < DF_COUNT; k++) {
        d.v[k] = params_get(&r->form, g_decision_field_names[k]);
    }
    d.v[DF_MEETING] = NULL;
    if (str_eq(params_get(&r->form, "lists"), "1")) {
        d.v[DF_MINISTRIES] = fv_form_list(r, "ministries");
    }
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (decision_save(r->db, r->arena, r->viewer, r->client, cur ? cur->rec.id : 0, 0, &d, NULL, &id, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_ids);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill(&d);
        return decision_form(r, cur, &d, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/decisions/%lld", (long long)id),
                              cur ? "saved" : "decision_created");
}

int decision_create_post(Req *r)
{
    return save_post(r, NULL);
}

static bool load(Req *r, Decision *d, bool edit)
{
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return false;
    }
    if (decision_get(r->db, r->arena, r->viewer, id, d, NULL) || (edit && d->rec.masked)) {
        view_error(r, 404, T(r, NOT_FOUND));
        return false;
    }
    if (edit && !work_can_edit(r->viewer, &d->rec)) {
        view_error(r, 403, T(r, "Du kan ikke endre dette vedtaket."));
        return false;
    }
    return true;
}

int decision_edit_page(Req *r)
{
    Decision d;
    if (!load(r, &d, true)) {
        return r->status;
    }
    DecisionText t = {0};
    t.v[DF_TITLE] = d.rec.title;
    t.v[DF_TEXT] = d.text;
    t.v[DF_DECIDED_ON] = d.decided_on;
    t.v[DF_MINISTRIES] = d.ministries;
    t.v[DF_REVIEW_ON] = d.review_on;
    t.v[DF_REVIEWED_ON] = d.reviewed_on;
    fill(&t);
    return decision_form(r, &d, &t, NULL, 200);
}

int decision_update_post(Req *r)
{
    Decision d;
    if (!load(r, &d, true)) {
        return r->status;
    }
    return save_post(r, &d);
}

static int show(Req *r)
{
    Buf *b = &r->body;
    Decision d;
    if (!load(r, &d, false)) {
        return r->status;
    }
    r->title = d.rec.title;
    req_crumb(r, T(r, "Vedtak"), "/decisions");
    req_crumb(r, d.rec.title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", d.rec.title);
    if (d.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Vedtaket er unntatt offentlighet."));
        return 200;
    }
    if (d.review_overdue) {
        html_printf(b, "<p class=\"tags\"><span class=\"ds-tag\" data-color=\"danger\">%s</span></p>",
                    T(r, "Ny vurdering er over fristen"));
    }
    wv_notice(r);
    bool edit = work_can_edit(r->viewer, &d.rec);
    html_printf(b, "<p class=\"ds-paragraph actions\">");
    if (edit) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/decisions/%lld/edit\">%s</a> "
                       "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/tasks/new?decision=%lld\">%s</a> ",
                    (long long)d.rec.id, T(r, "Endre vedtaket"), (long long)d.rec.id, T(r, "Gi en oppfølgingsoppgave"));
    }
    if (r->viewer->ministry_id && !r->viewer->read_only) {
        html_printf(b, "<a class=\"ds-link\" href=\"/interactions/new?source=%lld\">%s</a>", (long long)d.rec.id,
                    T(r, "Registrer samspill med et annet departements mål"));
    }
    html_printf(b, "</p><dl class=\"facts\"><dt>%s</dt><dd>%s</dd>", T(r, "Vedtatt"), wv_date(r, d.decided_on));
    if (d.group_title) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></dd>", T(r, "Gruppe"),
                    (long long)d.group_id, d.group_title);
    }
    if (d.meeting_id) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/meetings/%lld\">%s</a></dd>", T(r, "Møte"),
                    (long long)d.meeting_id, d.meeting_title);
    }
    html_printf(b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", T(r, "Vedtatt av departementer"),
                *d.ministries ? d.ministries : "–", T(r, "Skal vurderes på nytt"), wv_date(r, d.review_on));
    if (d.reviewed_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Vurdert på nytt"), wv_date(r, d.reviewed_on));
    }
    html_printf(b, "</dl><h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Vedtaket"));
    html_text_block(b, d.text);
    Task *ts;
    size_t nt = 0;
    TaskFilter tf = {.decision_id = d.rec.id};
    task_list(r->db, r->arena, r->viewer, &tf, &ts, &nt, NULL);
    html_printf(b, "<section aria-labelledby=\"tasks-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"tasks-h\">%s</h2>",
                T(r, "Oppfølgingsoppgaver"));
    wv_task_table(r, T(r, "Oppfølgingsoppgaver"), ts, nt, T(r, "Ingen oppfølgingsoppgaver."), true);
    html_printf(b, "</section>");
    Interaction *xs;
    size_t nx = 0;
    InteractionFilter xf = {.source_id = d.rec.id};
    interaction_list(r->db, r->arena, r->viewer, &xf, &xs, &nx, NULL);
    html_printf(b, "<section aria-labelledby=\"ix-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"ix-h\">%s</h2>",
                T(r, "Samspill med andre departementers mål"));
    wv_interaction_table(r, T(r, "Samspill med andre departementers mål"), xs, nx, T(r, "Ingen registrert."));
    html_printf(b, "</section>");
    record_sections(r, &d.rec);
    return 200;
}

int decision_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show(r);
    db_read_end(r->db, tx);
    return status;
}
