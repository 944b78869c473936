/* group_edit_page.c: setting up and changing groups, closing a group with
 * its result report, and reopening it (HTML forms).  All work is in
 * group.c: the form posts every field as text (GroupText), so the form and
 * the API validate the same way.  Every problem is shown at once, in an
 * error summary at the top that links to each field; a post that succeeds
 * goes to the group's page with a notice. */
#include <string.h>

#include "app/core/view.h"
#include "app/group/group_handlers.h"
#include "app/group/group_int.h"
#include "app/group/group_view.h"
#include "base/html.h"
#include "base/util.h"

static int not_found(Req *r)
{
    return view_error(r, 404, T(r, "Det finnes ingen gruppe med denne adressen, eller du har ikke tilgang til den."));
}

/* The group of r->args[0] as the viewer may see it (not only its public
 * face), or false. */
static bool load(Req *r, Group *g)
{
    long long id;
    return parse_int(r->args[0], 1, INT64_MAX, &id) && group_get(r->db, r->arena, r->viewer, id, g, NULL) == 0 &&
           !g->rec.masked;
}

/* ---- the group form ------------------------------------------------------ */

static const char *hint(int k)
{
    switch (k) {
    case GF_MANDATE: return N_("Hva gruppen skal få til, og hva den skal levere.");
    case GF_OWNER: return N_("Departementet som leder arbeidet og eier prosessen.");
    case GF_MINISTRIES: return N_("Departementene som er med. Prosesseieren er alltid med.");
    case GF_ANCHORED: return N_("Departementene der departementsråden har forankret gruppen.");
    case GF_START_ON: return N_("Sprintgrupper må ha startdato og sluttdato.");
    case GF_PHASE: return N_("Bare for sprintgrupper.");
    case GF_PRESENTED_ON: return N_("Bare for kjernegrupper.");
    case GF_STEP: return N_("Hvor gruppen står i dag.");
    case GF_TARGET: return N_("Hvor gruppen vil.");
    }
    return NULL;
}

/* The model's problems as form errors, linked to their fields. */
static void field_errors(Req *r, FormErrors *fe, const FormProblem *p, size_t n, const char *const *names)
{
    for (size_t i = 0; i < n; i++) {
        fv_add(fe, p[i].field >= 0 ? names[p[i].field] : NULL, fv_msg(r, p[i].msg, p[i].arg));
    }
}

static void field(Req *r, const GroupText *t, const FormErrors *fe, int k, const MinistryOption *m, size_t nm)
{
    Buf *b = &r->body;
    const char *id = g_group_field_names[k];
    const char *label = T(r, g_group_field_labels[k]);
    const char *h = hint(k) ? T(r, hint(k)) : NULL;
    const char *err = fv_error_of(fe, id);
    const char *v = t->v[k] ? t->v[k] : "";
    switch (k) {
    case GF_MANDATE:
        fv_textarea(r, id, label, h, v, err, 8, false);
        return;
    case GF_KIND:
        fv_select_open(r, id, label, h, err);
        for (size_t i = 0; g_group_kinds[i]; i++) {
            view_option(b, g_group_kinds[i], T(r, group_kind_label(g_group_kinds[i])), str_eq(v, g_group_kinds[i]));
        }
        fv_select_close(r, id, err);
        return;
    case GF_PHASE:
        fv_select_open(r, id, label, h, err);
        view_option(b, "", T(r, "Ingen fase"), !*v);
        for (size_t i = 0; g_group_phases[i]; i++) {
            view_option(b, g_group_phases[i], T(r, group_phase_label(g_group_phases[i])), str_eq(v, g_group_phases[i]));
        }
        fv_select_close(r, id, err);
        return;
    case GF_OWNER:
        fv_ministry_select(r, id, label, h, m, nm, v, T(r, "Velg departement"), err);
        return;
    case GF_MINISTRIES:
    case GF_ANCHORED:
        fv_ministry_boxes(r, id, label, h, m, nm, v, NULL, err);
        return;
    case GF_STEP:
    case GF_TARGET: {
        long long s = 0;
        parse_int(v, 1, LADDER_STEPS, &s);
        gv_step_select(r, id, label, h, (int)s, err, false);
        return;
    }
    case GF_VISIBILITY:
        fv_visibility(r, v, NULL,
                      T(r, "Bare gruppens medlemmer, prosesseierdepartementet og de som får tilgang"), NULL);
        if (err) {
            html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\">%s</p>", err);
        }
        return;
    case GF_START_ON:
    case GF_END_ON:
    case GF_PRESENTED_ON:
        view_text_field(b, id, label, v, "date", "off", h, err, false);
        return;
    default:
        view_text_field(b, id, label, v, "text", "off", h, err, k == GF_TITLE);
    }
}

static const int new_fields[] = {GF_TITLE,      GF_KIND,   GF_MANDATE,  GF_OWNER,       GF_MINISTRIES,
                                 GF_ANCHORED,   GF_START_ON, GF_END_ON, GF_PHASE,       GF_PRESENTED_ON,
                                 GF_STEP,       GF_TARGET, GF_VISIBILITY};
static const int edit_fields[] = {GF_TITLE, GF_KIND,     GF_MANDATE, GF_OWNER, GF_MINISTRIES,  GF_ANCHORED,
                                  GF_START_ON, GF_END_ON, GF_PHASE,   GF_PRESENTED_ON};

static int group_form(Req *r, const Group *g, const GroupText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = g ? T(r, "Endre gruppen") : T(r, "Ny gruppe");
    req_crumb(r, T(r, "Grupper"), "/groups");
    if (g) {
        req_crumb(r, g->rec.title, arena_printf(r->arena, "/groups/%lld", (long long)g->rec.id));
    }
    req_crumb(r, g ? T(r, "Endre") : T(r, "Ny gruppe"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (g) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", g->rec.title);
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    can(r->viewer, CAP_GROUP_ADMIN)
                        ? T(r, "Du setter opp gruppen for andre: legg til leder og medlemmer etterpå.")
                        : T(r, "Du blir leder av gruppen du oppretter, og kan legge til flere personer etterpå."));
    }
    fv_error_summary(r, fe, NULL);
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    if (g) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/groups/%lld\" novalidate>"
                       "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    (long long)g->rec.id, g->rec.version);
    } else {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/groups\" novalidate>");
    }
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"lists\" value=\"1\">");
    const int *fields = g ? edit_fields : new_fields;
    size_t nf = g ? COUNT(edit_fields) : COUNT(new_fields);
    for (size_t i = 0; i < nf; i++) {
        field(r, t, fe, fields[i], m, nm);
    }
    if (g) {
        view_text_field(b, "comment", T(r, "Kommentar til endringen"), params_get(&r->form, "comment"), "text", "off",
                        T(r, "Vises i historikken"), fv_error_of(fe, "comment"), false);
    }
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button><a class=\"ds-link\" href=\"%s\">%s</a></div></form>",
                g ? T(r, "Lagre") : T(r, "Opprett gruppen"),
                g ? arena_printf(r->arena, "/groups/%lld", (long long)g->rec.id) : "/groups", T(r, "Avbryt"));
    return req_status(r, status);
}

/* The posted fields of the form (edit: only the fields it shows). */
static void form_text(Req *r, GroupText *t, bool creating)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < GF_COUNT; k++) {
        t->v[k] = params_get(&r->form, g_group_field_names[k]);
    }
    /* Unchecked boxes are not sent: the lists are what was checked, when
     * the form with the boxes was sent (it says so in "lists"). */
    bool lists = str_eq(params_get(&r->form, "lists"), "1");
    t->v[GF_MINISTRIES] = lists ? fv_form_list(r, "ministries") : NULL;
    t->v[GF_ANCHORED] = lists ? fv_form_list(r, "anchored") : NULL;
    if (!creating) {
        t->v[GF_VISIBILITY] = t->v[GF_EXEMPTION_BASIS] = t->v[GF_PUBLIC_TITLE] = NULL;
        t->v[GF_STEP] = t->v[GF_TARGET] = NULL;
    }
}

int group_new_page(Req *r)
{
    if (!group_can_create(r->viewer)) {
        return view_error(r, 403, T(r, "Grupper opprettes av strategisekretariatet eller en departementsråd."));
    }
    GroupText t = {0};
    t.v[GF_KIND] = "core";
    t.v[GF_OWNER] = r->viewer->ministry_code ? r->viewer->ministry_code : "";
    t.v[GF_STEP] = "1";
    t.v[GF_TARGET] = "2";
    t.v[GF_VISIBILITY] = "internal";
    return group_form(r, NULL, &t, NULL, 200);
}

int group_create_post(Req *r)
{
    GroupText t;
    form_text(r, &t, true);
    FormProblem *p;
    size_t np = 0;
    int64_t id = 0;
    Err e = {0};
    if (group_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, NULL, &id, &p, &np, &e)) {
        if (e.code == E_FORBIDDEN) {
            return view_error(r, 403, fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        field_errors(r, &fe, p, np, g_group_field_names);
        if (!np) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        return group_form(r, NULL, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld", (long long)id), "group_created");
}

int group_edit_page(Req *r)
{
    Group g;
    GroupText t;
    if (!load(r, &g) || group_text_get(r->db, r->arena, r->viewer, g.rec.id, &t, NULL)) {
        return not_found(r);
    }
    if (!group_can_manage(r->viewer, &g.rec)) {
        return view_error(r, 403, T(r, "Bare gruppens leder og sekretariat kan endre gruppen."));
    }
    return group_form(r, &g, &t, NULL, 200);
}

int group_update_post(Req *r)
{
    Group g;
    GroupText old, t;
    if (!load(r, &g) || group_text_get(r->db, r->arena, r->viewer, g.rec.id, &old, NULL)) {
        return not_found(r);
    }
    form_text(r, &t, false);
    long long version = 0;
    parse_int(params_get(&r->form, "version"), 0, INT64_MAX, &version);
    FormProblem *p;
    size_t np = 0;
    int64_t id;
    Err e = {0};
    if (group_save(r->db, r->arena, r->viewer, r->client, g.rec.id, &t, (int64_t)version,
                   params_get(&r->form, "comment"), &id, &p, &np, &e)) {
        if (e.code == E_FORBIDDEN) {
            return view_error(r, 403, fv_error_text(r, &e));
        }
        for (int k = 0; k < GF_COUNT; k++) {
            if (!t.v[k]) {
                t.v[k] = old.v[k];
            }
        }
        FormErrors fe = {0};
        field_errors(r, &fe, p, np, g_group_field_names);
        if (!np) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        return group_form(r, &g, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld", (long long)g.rec.id), "saved");
}

/* ---- closing and reopening ------------------------------------------------- */

static int close_form(Req *r, const Group *g, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    bool sprint = str_eq(g->kind, "sprint");
    r->title = T(r, "Avslutt gruppen");
    req_crumb(r, T(r, "Grupper"), "/groups");
    req_crumb(r, g->rec.title, arena_printf(r->arena, "/groups/%lld", (long long)g->rec.id));
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                g->rec.title);
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                sprint ? T(r, "En sprintgruppe avsluttes med en resultatrapport: hva som ble utforsket, anbefalingen, "
                              "neste steg og hvem som tar arbeidet videre. Rapporten vises på gruppens side.")
                       : T(r, "Skriv gjerne hva gruppen kom fram til. Rapporten vises på gruppens side."));
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/groups/%lld/close\" novalidate>",
                (long long)g->rec.id);
    view_csrf(b, r);
    const char *opt = sprint ? NULL : T(r, "Valgfritt.");
    fv_textarea(r, "explored", T(r, "Hva ble utforsket"), opt, params_get(&r->form, "explored"),
                fv_error_of(fe, "explored"), 6, sprint);
    fv_textarea(r, "recommendation", T(r, "Anbefaling"), opt, params_get(&r->form, "recommendation"),
                fv_error_of(fe, "recommendation"), 6, sprint);
    fv_textarea(r, "next_step", T(r, "Neste steg"), opt, params_get(&r->form, "next_step"),
                fv_error_of(fe, "next_step"), 4, sprint);
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    fv_ministry_select(r, "taken_by", T(r, "Tas videre av"), T(r, "Departementet som tar arbeidet videre, om noen."),
                       m, nm, params_get(&r->form, "taken_by"), T(r, "Ingen ennå"), fv_error_of(fe, "taken_by"));
    const char *cerr = fv_error_of(fe, "confirm");
    html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"confirm\" "
                   "name=\"confirm\" value=\"1\"%s", str_eq(params_get(&r->form, "confirm"), "1") ? " checked" : "");
    if (cerr) {
        html_printf(b, " aria-invalid=\"true\" aria-describedby=\"confirm-err\"");
    }
    html_printf(b, "><label class=\"ds-label\" for=\"confirm\">%s</label>",
                T(r, "Jeg bekrefter at gruppen skal avsluttes i dag"));
    if (cerr) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"confirm-err\">%s</p>", cerr);
    }
    html_printf(b, "</div><div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" "
                   "type=\"submit\">%s</button><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></div></form>",
                T(r, "Avslutt gruppen"), (long long)g->rec.id, T(r, "Avbryt"));
    return req_status(r, status);
}

static int close_refusal(Req *r, const Group *g)
{
    if (!group_can_edit(r->viewer, g)) {
        return view_error(r, 403, T(r, "Bare gruppens medlemmer kan avslutte gruppen."));
    }
    if (g->closed_on) {
        return view_error(r, 409, T(r, "Gruppen er allerede avsluttet."));
    }
    return 0;
}

int group_close_page(Req *r)
{
    Group g;
    if (!load(r, &g)) {
        return not_found(r);
    }
    int st = close_refusal(r, &g);
    return st ? st : close_form(r, &g, NULL, 200);
}

int group_close_post(Req *r)
{
    Group g;
    if (!load(r, &g)) {
        return not_found(r);
    }
    int st = close_refusal(r, &g);
    if (st) {
        return st;
    }
    FormErrors fe = {0};
    if (str_eq(g.kind, "sprint")) {
        static const struct {
            const char *field, *msg;
        } req[] = {{"explored", N_("Skriv hva som ble utforsket.")},
                   {"recommendation", N_("Skriv anbefalingen.")},
                   {"next_step", N_("Skriv neste steg.")}};
        for (size_t i = 0; i < COUNT(req); i++) {
            const char *v = params_get(&r->form, req[i].field);
            if (!v || !*group_trim(r->arena, v)) {
                fv_add(&fe, req[i].field, T(r, req[i].msg));
            }
        }
    }
    if (!str_eq(params_get(&r->form, "confirm"), "1")) {
        fv_add(&fe, "confirm", T(r, "Kryss av for å bekrefte at gruppen skal avsluttes."));
    }
    if (fe.n) {
        return close_form(r, &g, &fe, 400);
    }
    Err e = {0};
    if (group_close(r->db, r->arena, r->viewer, r->client, g.rec.id, params_get(&r->form, "explored"),
                    params_get(&r->form, "recommendation"), params_get(&r->form, "next_step"),
                    params_get(&r->form, "taken_by"), &e)) {
        fv_add(&fe, str_eq(e.msg, "Ukjent departement som tar arbeidet videre.") ? "taken_by" : NULL,
               fv_error_text(r, &e));
        return close_form(r, &g, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld", (long long)g.rec.id), "group_closed");
}

int group_reopen_post(Req *r)
{
    Group g;
    if (!load(r, &g)) {
        return not_found(r);
    }
    Err e = {0};
    if (group_reopen(r->db, r->arena, r->viewer, r->client, g.rec.id, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld", (long long)g.rec.id), "group_reopened");
}
