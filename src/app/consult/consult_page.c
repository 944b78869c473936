/* consult_page.c: cases (HTML) — the list, a case with its study and
 * rounds, creating and changing a case, the study questions, and the
 * timeline.  Thin over the model (consult.h), which decides who sees and
 * may do what; no SQL here. */
#include <string.h>

#include "app/consult/consult.h"
#include "app/consult/consult_handlers.h"
#include "app/consult/consult_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

#define NOT_FOUND N_("Det finnes ingen sak med dette nummeret, eller du har ikke tilgang til den.")

static const char *case_href(Req *r, int64_t id)
{
    return arena_printf(r->arena, "/cases/%lld", (long long)id);
}

/* ---- the list ------------------------------------------------------------------ */

int case_list_page(Req *r)
{
    Buf *b = &r->body;
    const char *ministry = params_get(&r->query, "ministry");
    CaseFilter f = {.status = params_get(&r->query, "status"), .type = params_get(&r->query, "type"),
                    .ministry = ministry, .mine = str_eq(params_get(&r->query, "mine"), "1")};
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    bool known = !ministry || !*ministry;
    for (size_t i = 0; i < nm; i++) {
        known |= str_eq(mins[i].code, ministry);
    }
    if ((f.status && *f.status && !*case_status_label(f.status)) || (f.type && *f.type && !*case_type_label(f.type)) ||
        !known) {
        return view_error(r, 400, T(r, "Ukjent verdi i filteret."));
    }
    Case *cs;
    size_t n;
    Err e = {0};
    if (consult_case_list(r->db, r->arena, r->viewer, &f, &cs, &n, &e)) {
        return view_error(r, fv_status(&e), NULL);
    }
    r->title = T(r, "Saker");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Saker departementene utreder etter utredningsinstruksen, og rundene der berørte departementer "
                     "involveres og svarer."));
    cv_notice(r);
    if (consult_can_create(r->viewer)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"/cases/new\">"
                       "%s</a> <a class=\"ds-link\" href=\"/consultations\">%s</a></p>",
                    T(r, "Ny sak"), T(r, "Innboks for foreleggelser og høringer"));
    }
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/cases\" aria-label=\"%s\">", T(r, "Filtrer saker"));
    fv_code_select(r, "status", T(r, "Status"), NULL, g_case_statuses, case_status_label, f.status, T(r, "Alle"), NULL);
    fv_code_select(r, "type", T(r, "Type sak"), NULL, g_case_types, case_type_label, f.type, T(r, "Alle"), NULL);
    fv_select_open(r, "ministry", T(r, "Departement"), NULL, NULL);
    view_option(b, "", T(r, "Alle"), !ministry || !*ministry);
    for (size_t i = 0; i < nm; i++) {
        view_option(b, mins[i].code, cv_ministry(r, mins[i].name, mins[i].name_nn, mins[i].name_en),
                    str_eq(ministry, mins[i].code));
    }
    fv_select_close(r, "ministry", NULL);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                T(r, "Vis"));
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%s</p>", TF(r, "%zu %s", n, NT(r, "sak", "saker", (long)n)));
    if (n == 0) {
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Saker"), T(r, "Sak"), T(r, "Ansvarlig"), T(r, "Type"), T(r, "Status"), T(r, "Utredning"),
                T(r, "Runder"));
    for (size_t i = 0; i < n; i++) {
        const Case *c = &cs[i];
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>",
                    case_href(r, c->rec.id), c->rec.title, c->rec.owner_code ? c->rec.owner_code : "–",
                    c->rec.masked ? "–" : T(r, case_type_label(c->type)));
        cv_case_tags(r, c);
        html_printf(b, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                    c->rec.masked ? "–" : arena_printf(r->arena, "%d/%d", c->study_done, STUDY_QUESTIONS),
                    c->nrounds ? arena_printf(r->arena, "%d (%d %s)", c->nrounds, c->nopen, NT(r, "åpen", "åpne", c->nopen))
                                : "–");
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

/* ---- the form -------------------------------------------------------------------- */

static const char *const *names(void)
{
    return g_case_field_names;
}

static void case_fields(Req *r, const Case *c, const CaseText *t, const FormErrors *fe)
{
    const char *const *f = t->v;
#define ERR(k) fv_error_of(fe, g_case_field_names[k])
    fv_text(r, "title", T(r, "Tittel"), NULL, f[CF_TITLE], "text", ERR(CF_TITLE), true);
    fv_code_select(r, "type", T(r, "Type sak"), NULL, g_case_types, case_type_label, f[CF_TYPE], NULL, ERR(CF_TYPE));
    fv_textarea(r, "summary", T(r, "Sammendrag"), T(r, "Hva saken gjelder, kort."), f[CF_SUMMARY], ERR(CF_SUMMARY), 4,
                false);
    MinistryOption *m;
    size_t n = 0;
    record_ministry_options(r->db, r->arena, &m, &n, NULL);
    if (!c) {
        fv_select_open(r, "lead", T(r, "Ansvarlig departement"), NULL, ERR(CF_LEAD));
        for (size_t i = 0; i < n; i++) {
            view_option(&r->body, m[i].code, cv_ministry(r, m[i].name, m[i].name_nn, m[i].name_en),
                        str_eq(f[CF_LEAD], m[i].code));
        }
        fv_select_close(r, "lead", ERR(CF_LEAD));
    }
    fv_text(r, "officer", T(r, "Saksansvarlig"), T(r, "Brukernavnet til saksbehandleren i ansvarlig departement"),
            f[CF_OFFICER], "text", ERR(CF_OFFICER), false);
    if (c) {
        fv_code_select(r, "status", T(r, "Status"), NULL, g_case_statuses, case_status_label, f[CF_STATUS], NULL,
                       ERR(CF_STATUS));
    }
    fv_text(r, "archive_ref", T(r, "Saksnummer i arkivet"), T(r, "Saksnummeret i departementets arkivsystem, for "
                                                               "eksempel 24/01873"),
            f[CF_ARCHIVE_REF], "text", ERR(CF_ARCHIVE_REF), false);
    fv_ministry_boxes(r, "affected", T(r, "Berørte departementer"),
                      T(r, "Berørte departementer skal involveres så tidlig som mulig (utredningsinstruksen punkt 3-1)."),
                      m, n, f[CF_AFFECTED], NULL, ERR(CF_AFFECTED));
    fv_boxes(r, "effects", T(r, "Vesentlige virkninger"),
             T(r, "Saken skal forelegges departementene punkt 3-2 nevner når den har slike virkninger."),
             g_case_effects, case_effect_label, f[CF_EFFECTS], ERR(CF_EFFECTS));
    fv_marking(r, f[CF_VISIBILITY], f[CF_EXEMPTION_BASIS], f[CF_PUBLIC_TITLE],
               T(r, "Bare ansvarlig departement, og departementene saken sendes til på runde"),
               T(r, "Dokumenter som utveksles mellom departementene, unntas vanligvis etter offl. § 15 første ledd "
                    "andre punktum."),
               ERR(CF_VISIBILITY));
    if (c) {
        fv_textarea(r, "decision", T(r, "Beslutning"), T(r, "Hva som ble besluttet, når saken avsluttes."),
                    f[CF_DECISION], ERR(CF_DECISION), 4, false);
    }
#undef ERR
}

static int case_form(Req *r, const Case *c, const CaseText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = c ? TF(r, "Endre saken «%s»", c->rec.title) : T(r, "Ny sak");
    req_crumb(r, T(r, "Saker"), "/cases");
    if (c) {
        req_crumb(r, c->rec.title, case_href(r, c->rec.id));
    }
    req_crumb(r, c ? T(r, "Endre") : T(r, "Ny sak"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    fv_error_summary(r, fe, NULL);
    if (c) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/cases/%lld\" novalidate>"
                       "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    (long long)c->rec.id, c->rec.version);
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p><form class=\"form-narrow\" method=\"post\" action=\"/cases\" "
                       "novalidate>",
                    T(r, "Saken er bare synlig for ansvarlig departement til du sender den på runde eller gir andre "
                         "tilgang."));
    }
    view_csrf(b, r);
    case_fields(r, c, t, fe);
    if (c) {
        fv_text(r, "comment", T(r, "Kommentar til endringen"), T(r, "Vises i historikken"),
                params_get(&r->form, "comment"), "text", NULL, false);
    }
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button><a class=\"ds-link\" href=\"%s\">%s</a></div></form>",
                c ? T(r, "Lagre") : T(r, "Opprett saken"), c ? case_href(r, c->rec.id) : "/cases", T(r, "Avbryt"));
    return req_status(r, status);
}

/* The posted fields of the case form as text (NULL: not in this form). */
static void form_text(Req *r, CaseText *t, bool study)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < CF_COUNT; k++) {
        bool in_study = k == CF_STUDY_LEVEL || (k >= CF_STUDY && k < CF_STUDY + STUDY_QUESTIONS);
        if (in_study == study) {
            t->v[k] = params_get(&r->form, g_case_field_names[k]);
        }
    }
    if (!study) {
        /* Boxes that are all unchecked send nothing: the form always holds them. */
        t->v[CF_AFFECTED] = fv_form_list(r, "affected");
        t->v[CF_EFFECTS] = fv_form_list(r, "effects");
    }
}

static void fill_missing(CaseText *t, const CaseText *old)
{
    for (int k = 0; k < CF_COUNT; k++) {
        if (!t->v[k]) {
            t->v[k] = old ? old->v[k] : "";
        }
    }
}

int case_new_page(Req *r)
{
    if (!consult_can_create(r->viewer)) {
        return view_error(r, 403, T(r, "Bare saksbehandlere kan opprette saker."));
    }
    CaseText t = {0};
    t.v[CF_TYPE] = "law";
    t.v[CF_LEAD] = r->viewer->ministry_code;
    t.v[CF_OFFICER] = r->viewer->username;
    t.v[CF_VISIBILITY] = "restricted";
    t.v[CF_EXEMPTION_BASIS] = "offl-15-1-2";
    fill_missing(&t, NULL);
    return case_form(r, NULL, &t, NULL, 200);
}

int case_create_post(Req *r)
{
    CaseText t;
    form_text(r, &t, false);
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (consult_case_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, NULL, &id, &errs, &nerr, &e)) {
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, names());
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill_missing(&t, NULL);
        return case_form(r, NULL, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, case_href(r, id), "case_created");
}

/* The case of the first capture with its text, as v may change it; false
 * after the error page. */
static bool load_for_change(Req *r, Case *c, CaseText *old)
{
    int64_t id;
    Err e = {0};
    if (!cv_id(r, &id)) {
        return false;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, c, &e) || c->rec.masked) {
        view_error(r, 404, T(r, NOT_FOUND));
        return false;
    }
    if (!consult_can_manage(r->viewer, &c->rec)) {
        view_error(r, 403, T(r, "Bare saksbehandlere i ansvarlig departement kan endre saken."));
        return false;
    }
    if (consult_case_text(r->db, r->arena, r->viewer, id, old, &e)) {
        view_error(r, 404, T(r, NOT_FOUND));
        return false;
    }
    return true;
}

int case_edit_page(Req *r)
{
    Case c;
    CaseText t;
    if (!load_for_change(r, &c, &t)) {
        return r->status;
    }
    return case_form(r, &c, &t, NULL, 200);
}

/* ---- the study ---------------------------------------------------------------------- */

static int study_form(Req *r, const Case *c, const CaseText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = TF(r, "Utredningen av «%s»", c->rec.title);
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, c->rec.title, case_href(r, c->rec.id));
    req_crumb(r, T(r, "Utredningen"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    cv_case_nav(r, c, "study");
    fv_error_summary(r, fe, NULL);
    cv_notice(r);
    cv_completeness(r, c);
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Utredningen skal svare på de seks spørsmålene i utredningsinstruksen punkt 2-1, så grundig som "
                     "saken krever, og vurdere muligheter og potensial, også digitale. Hvert svar lagres i historikken."));
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/cases/%lld/study\" novalidate>"
                   "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                (long long)c->rec.id, c->rec.version);
    view_csrf(b, r);
    fv_radios(r, "study_level", T(r, "Utredningsnivå"),
              T(r, "Så omfattende og grundig som nødvendig (punkt 2-2). En samfunnsøkonomisk analyse kreves når nytte, "
                   "kostnader eller budsjettvirkninger er vesentlige."),
              g_study_levels, study_level_label, t->v[CF_STUDY_LEVEL], fv_error_of(fe, "study_level"));
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        const char *id = g_case_field_names[CF_STUDY + q];
        fv_textarea(r, id, q < 6 ? TF(r, "%d. %s", q + 1, T(r, study_question(q))) : T(r, study_question(q)), NULL,
                    t->v[CF_STUDY + q], fv_error_of(fe, id), 6, false);
    }
    fv_text(r, "comment", T(r, "Kommentar til endringen"), T(r, "Vises i historikken"), params_get(&r->form, "comment"),
            "text", NULL, false);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button><a class=\"ds-link\" href=\"%s\">%s</a></div></form>",
                T(r, "Lagre utredningen"), case_href(r, c->rec.id), T(r, "Tilbake til saken"));
    return req_status(r, status);
}

/* Save the posted part of the case (the fields or the study); the form
 * again with every problem, or back to where it came from. */
static int save_post(Req *r, bool study)
{
    Case c;
    CaseText old, t;
    if (!load_for_change(r, &c, &old)) {
        return r->status;
    }
    form_text(r, &t, study);
    long long version = 0;
    parse_int(params_get(&r->form, "version"), 0, INT64_MAX, &version);
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (consult_case_save(r->db, r->arena, r->viewer, r->client, c.rec.id, &t, (int64_t)version,
                          params_get(&r->form, "comment"), &id, &errs, &nerr, &e)) {
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, names());
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill_missing(&t, &old);
        return study ? study_form(r, &c, &t, &fe, fv_status(&e)) : case_form(r, &c, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, study ? arena_printf(r->arena, "/cases/%lld/study", (long long)c.rec.id)
                                       : case_href(r, c.rec.id),
                              study ? "study_saved" : "saved");
}

int case_update_post(Req *r)
{
    return save_post(r, false);
}

/* The study as text for those who may only read it. */
static void study_read(Req *r, const Case *c)
{
    Buf *b = &r->body;
    html_printf(b, "<p class=\"ds-paragraph\"><strong>%s:</strong> %s</p>", T(r, "Utredningsnivå"),
                c->study_level ? T(r, study_level_label(c->study_level)) : T(r, "Ikke valgt"));
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"xs\">%s</h2>",
                    q < 6 ? TF(r, "%d. %s", q + 1, T(r, study_question(q))) : T(r, study_question(q)));
        if (*c->study[q]) {
            html_text_block(b, c->study[q]);
        } else {
            html_printf(b, "<p class=\"ds-paragraph muted\">%s</p>", T(r, "Ikke besvart ennå."));
        }
    }
}

int case_study_page(Req *r)
{
    int64_t id;
    Case c;
    CaseText t;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, &c, NULL) || c.rec.masked) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    if (consult_can_manage(r->viewer, &c.rec) && consult_case_text(r->db, r->arena, r->viewer, id, &t, NULL) == 0) {
        return study_form(r, &c, &t, NULL, 200);
    }
    r->title = TF(r, "Utredningen av «%s»", c.rec.title);
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, c.rec.title, case_href(r, c.rec.id));
    req_crumb(r, T(r, "Utredningen"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    cv_case_nav(r, &c, "study");
    cv_completeness(r, &c);
    study_read(r, &c);
    return 200;
}

int case_study_post(Req *r)
{
    return save_post(r, true);
}

/* ---- a case ------------------------------------------------------------------------ */

static void facts(Req *r, const Case *c)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", T(r, "Ansvarlig departement"),
                c->rec.owner_code ? cv_ministry(r, c->rec.owner_name, c->rec.owner_name_nn, c->rec.owner_name_en) : "–",
                T(r, "Type sak"), T(r, case_type_label(c->type)));
    if (r->viewer->user_id) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Saksansvarlig"), c->officer_name ? c->officer_name : "–");
    }
    if (*c->archive_ref) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Saksnummer i arkivet"), c->archive_ref);
    }
    html_printf(b, "<dt>%s</dt><dd>", T(r, "Berørte departementer"));
    for (size_t i = 0; i < c->naffected; i++) {
        html_printf(b, "%s%s", i ? ", " : "",
                    cv_ministry(r, c->affected[i].name, c->affected[i].name_nn, c->affected[i].name_en));
    }
    html_printf(b, "%s</dd>", c->naffected ? "" : "–");
    size_t ne = 0;
    Buf tmp = {0};
    for (size_t i = 0; g_case_effects[i]; i++) {
        if (fv_in_list(c->effects, g_case_effects[i])) {
            buf_printf(&tmp, "%s%s", tmp.len ? "; " : "", T(r, case_effect_label(g_case_effects[i])));
            ne++;
        }
    }
    html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Vesentlige virkninger"), ne ? buf_str(&tmp) : "–");
    buf_free(&tmp);
    if (c->decided_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Avsluttet"), cv_date(r, c->decided_on));
    }
    html_printf(b, "</dl>");
}

static void rounds_section(Req *r, const Case *c, bool manage)
{
    Buf *b = &r->body;
    Round *rs;
    size_t n = 0;
    consult_rounds(r->db, r->arena, r->viewer, c->rec.id, &rs, &n, NULL);
    html_printf(b, "<section aria-labelledby=\"rounds-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"rounds-h\">%s"
                   "</h2>", T(r, "Involvering, foreleggelse og høring"));
    if (manage && !str_eq(c->status, "closed")) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"secondary\" "
                       "href=\"/cases/%lld/rounds/new\">%s</a></p>",
                    (long long)c->rec.id, T(r, "Send saken på runde"));
    }
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Saken har ikke vært sendt på runde."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Runder"), T(r, "Runde"), T(r, "Sendt"), T(r, "Frist"), TC(r, "count", "Svar"), T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/consultations/%lld\">%s</a></td><td>%s</td><td>%s</td>"
                       "<td class=\"num\">%s</td><td>",
                    (long long)rs[i].rec.id, T(r, round_kind_label(rs[i].kind)), cv_date(r, rs[i].sent_on),
                    cv_date(r, rs[i].deadline), TF(r, "%d av %d", rs[i].nanswered, rs[i].nanswers));
        cv_round_tag(r, &rs[i]);
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div></section>");
}

static int show(Req *r)
{
    Buf *b = &r->body;
    int64_t id;
    Case c;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, &c, NULL)) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    r->title = c.rec.title;
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, c.rec.title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", c.rec.title);
    if (c.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Saken er unntatt offentlighet. Bare tittelen vises offentlig."));
        return 200;
    }
    html_printf(b, "<p class=\"tags\">");
    cv_case_tags(r, &c);
    html_printf(b, "</p>");
    cv_case_nav(r, &c, "case");
    cv_notice(r);
    bool manage = consult_can_manage(r->viewer, &c.rec);
    if (manage) {
        html_printf(b, "<p class=\"ds-paragraph actions\"><a class=\"ds-button\" data-variant=\"secondary\" "
                       "href=\"/cases/%lld/edit\">%s</a></p>",
                    (long long)c.rec.id, T(r, "Endre saken"));
    }
    facts(r, &c);
    if (*c.summary) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Sammendrag"));
        html_text_block(b, c.summary);
    }
    html_printf(b, "<section aria-labelledby=\"study-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"study-h\">%s"
                   "</h2>", T(r, "Utredningen"));
    cv_completeness(r, &c);
    html_printf(b, "<p class=\"ds-paragraph\">%s: %s. <a class=\"ds-link\" href=\"/cases/%lld/study\">%s</a></p>"
                   "</section>",
                T(r, "Utredningsnivå"), c.study_level ? T(r, study_level_label(c.study_level)) : T(r, "Ikke valgt"),
                (long long)c.rec.id, manage ? T(r, "Skriv utredningen") : T(r, "Les utredningen"));
    rounds_section(r, &c, manage);
    if (*c.decision) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Beslutning"));
        html_text_block(b, c.decision);
    }
    record_sections(r, &c.rec);
    return 200;
}

int case_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show(r);
    db_read_end(r->db, tx);
    return status;
}

/* ---- the timeline -------------------------------------------------------------------- */

/* What an event says, in the page's language. */
static const char *event_text(Req *r, const CaseEvent *ev)
{
    const char *round = ev->round_kind ? T(r, round_kind_label(ev->round_kind)) : "";
    const char *t = ev->type;
    if (str_eq(t, "created")) {
        return T(r, "Saken ble opprettet.");
    }
    if (str_eq(t, "study")) {
        return str_eq(ev->new_value, "0") ? T(r, "Utredningsnivået ble endret.")
                                          : TF(r, "Utredningen ble besvart: spørsmål %s.", ev->new_value);
    }
    if (str_eq(t, "status")) {
        return TF(r, "Status endret fra «%s» til «%s».", T(r, case_status_label(ev->old_value)),
                  T(r, case_status_label(ev->new_value)));
    }
    if (str_eq(t, "decided")) {
        return T(r, "Saken ble avsluttet.");
    }
    if (str_eq(t, "round_sent")) {
        return TF(r, "%s sendt til %s, med frist %s.", round, ev->detail, cv_date(r, ev->new_value));
    }
    if (str_eq(t, "taken")) {
        return *ev->new_value ? TF(r, "%s tok svaret for %s.", ev->actor_name ? ev->actor_name : "samla",
                                   ev->ministry_code ? ev->ministry_code : "")
                              : TF(r, "Svaret for %s ble lagt tilbake.", ev->ministry_code ? ev->ministry_code : "");
    }
    if (str_eq(t, "answered")) {
        return TF(r, "%s svarte: %s.", ev->ministry_code ? ev->ministry_code : "",
                  T(r, answer_position_label(ev->new_value)));
    }
    if (str_eq(t, "reminded")) {
        return TF(r, "%s ble minnet på fristen %s.", ev->ministry_code ? ev->ministry_code : "",
                  cv_date(r, ev->new_value));
    }
    if (str_eq(t, "extended")) {
        return ev->ministry_code ? TF(r, "Fristen for %s ble utsatt fra %s til %s.", ev->ministry_code,
                                      cv_date(r, ev->old_value), cv_date(r, ev->new_value))
                                 : TF(r, "Fristen ble utsatt fra %s til %s.", cv_date(r, ev->old_value),
                                      cv_date(r, ev->new_value));
    }
    if (str_eq(t, "round_closed")) {
        return TF(r, "%s ble avsluttet.", round);
    }
    return t;
}

int case_timeline_page(Req *r)
{
    Buf *b = &r->body;
    int64_t id;
    Case c;
    CaseEvent *ev;
    size_t n;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, &c, NULL) || c.rec.masked ||
        consult_timeline(r->db, r->arena, r->viewer, id, &ev, &n, NULL)) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    r->title = TF(r, "Tidslinje for «%s»", c.rec.title);
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, c.rec.title, case_href(r, c.rec.id));
    req_crumb(r, T(r, "Tidslinje"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    cv_case_nav(r, &c, "timeline");
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen hendelser ennå."));
        return 200;
    }
    html_printf(b, "<ol class=\"timeline\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li><p class=\"ds-paragraph timeline-when\">%s · %s</p><p class=\"ds-paragraph\">%s",
                    view_time(r, ev[i].at), ev[i].actor_name ? ev[i].actor_name : "samla", event_text(r, &ev[i]));
        if (str_eq(ev[i].record_kind, "consult_round") || str_eq(ev[i].record_kind, "consult_answer")) {
            html_printf(b, " <a class=\"ds-link\" href=\"/%s/%lld\">%s</a>",
                        str_eq(ev[i].record_kind, "consult_round") ? "consultations" : "answers",
                        (long long)ev[i].record_id,
                        str_eq(ev[i].record_kind, "consult_round") ? T(r, "Se runden") : T(r, "Se svaret"));
        }
        html_printf(b, "</p>");
        if (*ev[i].detail && !str_eq(ev[i].type, "round_sent")) {
            html_printf(b, "<blockquote class=\"timeline-detail\">");
            html_text_block(b, ev[i].detail);
            html_printf(b, "</blockquote>");
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ol>");
    return 200;
}
