/* consult_round_page.c: consultation rounds (HTML) — sending a case on a
 * round (with the ministries utredningsinstruksen suggests and a warning
 * for a short deadline), a round with the state of every answer the
 * viewer may read, and the lead's reminding, extending and closing.  Thin
 * over the model (consult.h); no SQL here. */
#include <string.h>

#include "app/consult/consult.h"
#include "app/consult/consult_handlers.h"
#include "app/consult/consult_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

#define CASE_NOT_FOUND N_("Det finnes ingen sak med dette nummeret, eller du har ikke tilgang til den.")
#define ROUND_NOT_FOUND N_("Det finnes ingen runde med dette nummeret, eller du har ikke tilgang til den.")

static const char *round_href(Req *r, int64_t id)
{
    return arena_printf(r->arena, "/consultations/%lld", (long long)id);
}

static const char *kind_choice(const char *code)
{
    return str_eq(code, "early")      ? N_("Tidlig involvering (punkt 3-1)")
           : str_eq(code, "referral") ? N_("Departementsforeleggelse (punkt 3-2)")
           : str_eq(code, "hearing")  ? N_("Høring (punkt 3-3)")
                                      : "";
}

/* ---- sending ---------------------------------------------------------------------- */

static int round_form(Req *r, const Case *c, const RoundInput *in, const FormErrors *fe,
                      const FormProblem *warn, size_t nwarn, int status)
{
    Buf *b = &r->body;
    r->title = TF(r, "Send «%s» på runde", c->rec.title);
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, c->rec.title, arena_printf(r->arena, "/cases/%lld", (long long)c->rec.id));
    req_crumb(r, T(r, "Send på runde"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    fv_error_summary(r, fe, NULL);
    if (nwarn) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\" role=\"alert\" aria-labelledby=\"warn-h\">"
                       "<h2 class=\"ds-heading\" data-size=\"xs\" id=\"warn-h\">%s</h2><ul class=\"ds-list\">",
                    T(r, "Fristen er kort"));
        for (size_t i = 0; i < nwarn; i++) {
            html_printf(b, "<li>%s</li>", fv_problem_text(r, &warn[i]));
        }
        html_printf(b, "</ul><p class=\"ds-paragraph\">%s</p></div>",
                    T(r, "Velg en senere frist, eller send runden likevel hvis fristen er avtalt med departementene."));
    }
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Departementene som får runden, får den i innboksen sin og kan lese saken. De ser ikke hverandres "
                     "svar. Helligdager regnes ikke som arbeidsdager når fristen vurderes."));
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/cases/%lld/rounds\" novalidate>",
                (long long)c->rec.id);
    view_csrf(b, r);
    if (nwarn) {
        html_printf(b, "<input type=\"hidden\" name=\"confirm\" value=\"%s\">", in->deadline ? in->deadline : "");
    }
    fv_radios(r, "kind", T(r, "Type runde"), NULL, g_round_kinds, kind_choice, in->kind, fv_error_of(fe, "kind"));
    /* Every ministry but the lead; § 3-2's and the affected ones first, with why. */
    MinistryOption *all;
    size_t na = 0;
    record_ministry_options(r->db, r->arena, &all, &na, NULL);
    Suggestion *sg;
    size_t ns = 0;
    consult_suggest(r->db, r->arena, c, &sg, &ns, NULL);
    MinistryOption *m = arena_alloc(r->arena, (na + 1) * sizeof *m);
    const char **why = arena_alloc(r->arena, (na + 1) * sizeof *why);
    size_t n = 0;
    for (size_t i = 0; i < ns; i++) {
        m[n] = (MinistryOption){sg[i].code, sg[i].name, sg[i].name_nn, sg[i].name_en};
        why[n++] = T(r, sg[i].why);
    }
    for (size_t i = 0; i < na; i++) {
        bool listed = str_eq(all[i].code, c->rec.owner_code);
        for (size_t k = 0; k < ns; k++) {
            listed |= str_eq(all[i].code, sg[k].code);
        }
        if (!listed) {
            m[n] = all[i];
            why[n++] = NULL;
        }
    }
    fv_ministry_boxes(r, "recipients", T(r, "Mottakere"),
                      ns ? T(r, "De første er foreslått ut fra saken: berørte departementer og dem punkt 3-2 nevner.")
                         : NULL,
                      m, n, in->recipients, why, fv_error_of(fe, "recipients"));
    fv_text(r, "deadline", T(r, "Frist"),
            T(r, "Minst tre uker ved departementsforeleggelse, og normalt tre måneder og minst seks uker ved høring."),
            in->deadline, "date", fv_error_of(fe, "deadline"), true);
    fv_textarea(r, "message", T(r, "Melding"), T(r, "Hva departementene skal ta stilling til. Departementene som får "
                                                  "runden, leser saken med vedleggene; dokumenter bare for runden "
                                                  "legges ved runden."),
                in->message, fv_error_of(fe, "message"), 6, true);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button><a class=\"ds-link\" href=\"/cases/%lld\">%s</a></div></form>",
                nwarn ? T(r, "Send likevel") : T(r, "Send runden"), (long long)c->rec.id, T(r, "Avbryt"));
    return req_status(r, status);
}

/* The case of the first capture, which v may send on a round; false after
 * the error page. */
static bool load_case(Req *r, Case *c)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return false;
    }
    if (consult_case_get(r->db, r->arena, r->viewer, id, c, NULL) || c->rec.masked) {
        view_error(r, 404, T(r, CASE_NOT_FOUND));
        return false;
    }
    if (!consult_can_manage(r->viewer, &c->rec)) {
        view_error(r, 403, T(r, "Bare saksbehandlere i ansvarlig departement kan sende saken på runde."));
        return false;
    }
    return true;
}

int case_round_new_page(Req *r)
{
    Case c;
    if (!load_case(r, &c)) {
        return r->status;
    }
    /* Suggested: a referral to the affected ministries and those § 3-2
     * names, three weeks of working days from today at the least. */
    Suggestion *sg;
    size_t ns = 0;
    consult_suggest(r->db, r->arena, &c, &sg, &ns, NULL);
    Buf codes = {0};
    for (size_t i = 0; i < ns; i++) {
        buf_printf(&codes, "%s%s", i ? ", " : "", sg[i].code);
    }
    RoundInput in = {.kind = str_eq(c.type, "mandate") ? "early" : "referral",
                     .recipients = arena_strdup(r->arena, buf_str(&codes)), .deadline = "", .message = ""};
    buf_free(&codes);
    return round_form(r, &c, &in, NULL, NULL, 0, 200);
}

int case_round_send_post(Req *r)
{
    Case c;
    if (!load_case(r, &c)) {
        return r->status;
    }
    RoundInput in = {.kind = params_get(&r->form, "kind"), .recipients = fv_form_list(r, "recipients"),
                     .deadline = params_get(&r->form, "deadline"), .message = params_get(&r->form, "message")};
    in.confirmed = params_get(&r->form, "confirm") && str_eq(params_get(&r->form, "confirm"), in.deadline);
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (consult_round_send(r->db, r->arena, r->viewer, r->client, c.rec.id, &in, &id, &errs, &nerr, &e)) {
        in.kind = in.kind ? in.kind : "";
        in.deadline = in.deadline ? in.deadline : "";
        in.message = in.message ? in.message : "";
        if (e.code == E_CONFLICT && nerr) {
            return round_form(r, &c, &in, NULL, errs, nerr, 200);
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_round_field_names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        return round_form(r, &c, &in, &fe, NULL, 0, fv_status(&e));
    }
    return view_redirect_done(r, round_href(r, id), "round_sent");
}

/* ---- a round ---------------------------------------------------------------------- */

static void answers_table(Req *r, const Round *x, const Answer *as, size_t n, bool lead)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"answers-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"answers-h\">"
                   "%s</h2>", lead ? T(r, "Svar fra departementene") : T(r, "Svaret fra ditt departement"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Ingen svar å vise."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                   "</th></tr></thead><tbody>",
                T(r, "Svar per departement"), T(r, "Departement"), T(r, "Status"), T(r, "Frist"), T(r, "Tatt av"),
                T(r, "Besvart"), T(r, "Godkjent av"), T(r, "Dokumenter"));
    for (size_t i = 0; i < n; i++) {
        const Answer *a = &as[i];
        html_printf(b, "<tr><th scope=\"row\"><a class=\"ds-link\" href=\"/answers/%lld\">%s</a></th><td>",
                    (long long)a->rec.id, cv_ministry(r, a->ministry_name, a->ministry_name_nn, a->ministry_name_en));
        cv_answer_tag(r, a);
        html_printf(b, "</td><td class=\"nowrap\">%s%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%d</td>"
                       "</tr>",
                    cv_date(r, a->deadline), a->own_deadline ? arena_printf(r->arena, " (%s)", T(r, "utsatt")) : "",
                    a->taken_by_name ? a->taken_by_name : "–",
                    a->answered_on ? TF(r, "%s av %s", cv_date(r, a->answered_on),
                                        a->answered_by_name ? a->answered_by_name : "–")
                                   : "–",
                    *a->approved_by ? a->approved_by : "–", a->nattachments);
    }
    html_printf(b, "</tbody></table></div>");
    (void)x;
    html_printf(b, "</section>");
}

/* The lead's forms: remind, extend, close. */
static void follow_up(Req *r, const Round *x, const Answer *as, size_t n, const FormErrors *fe)
{
    Buf *b = &r->body;
    size_t open = 0;
    for (size_t i = 0; i < n; i++) {
        open += !as[i].position;
    }
    html_printf(b, "<section aria-labelledby=\"follow-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"follow-h\">%s"
                   "</h2>", T(r, "Følg opp runden"));
    if (open) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"%s/remind\"><h3 class=\"ds-heading\" "
                       "data-size=\"xs\">%s</h3>", round_href(r, x->rec.id), T(r, "Påminnelse"));
        view_csrf(b, r);
        fv_select_open(r, "remind_ministry", T(r, "Hvem skal minnes på fristen?"), NULL, fv_error_of(fe, "remind_ministry"));
        view_option(b, "", T(r, "Alle som ikke har svart"), true);
        for (size_t i = 0; i < n; i++) {
            if (!as[i].position) {
                view_option(b, as[i].ministry_code,
                            cv_ministry(r, as[i].ministry_name, as[i].ministry_name_nn, as[i].ministry_name_en), false);
            }
        }
        fv_select_close(r, "remind_ministry", fv_error_of(fe, "remind_ministry"));
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                    T(r, "Send påminnelse"));
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"%s/extend\" novalidate><h3 "
                       "class=\"ds-heading\" data-size=\"xs\">%s</h3>", round_href(r, x->rec.id), T(r, "Utsett fristen"));
        view_csrf(b, r);
        fv_select_open(r, "extend_ministry", T(r, "For hvem?"), NULL, fv_error_of(fe, "extend_ministry"));
        view_option(b, "", T(r, "Alle mottakerne"), !params_get(&r->form, "extend_ministry"));
        for (size_t i = 0; i < n; i++) {
            if (!as[i].position) {
                view_option(b, as[i].ministry_code,
                            cv_ministry(r, as[i].ministry_name, as[i].ministry_name_nn, as[i].ministry_name_en),
                            str_eq(params_get(&r->form, "extend_ministry"), as[i].ministry_code));
            }
        }
        fv_select_close(r, "extend_ministry", fv_error_of(fe, "extend_ministry"));
        fv_text(r, "extend_deadline", T(r, "Ny frist"), NULL, params_get(&r->form, "extend_deadline"), "date",
                fv_error_of(fe, "extend_deadline"), true);
        fv_textarea(r, "extend_reason", T(r, "Begrunnelse"), T(r, "Begrunnelsen lagres i historikken og tidslinjen."),
                    params_get(&r->form, "extend_reason"), fv_error_of(fe, "extend_reason"), 3, true);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                    T(r, "Utsett fristen"));
    }
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"%s/close\">%s</a>"
                   "</p></section>",
                round_href(r, x->rec.id), T(r, "Avslutt runden"));
}

static void round_facts(Req *r, const Round *x)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\">");
    if (x->case_title) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/cases/%lld\">%s</a></dd>", T(r, "Sak"),
                    (long long)x->case_id, x->case_title);
    }
    html_printf(b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
                T(r, "Ansvarlig departement"),
                x->rec.owner_code ? cv_ministry(r, x->rec.owner_name, x->rec.owner_name_nn, x->rec.owner_name_en) : "–",
                T(r, "Hjemmel"), T(r, round_kind_rule(x->kind)), T(r, "Sendt"),
                x->sent_by ? TF(r, "%s av %s", cv_date(r, x->sent_on), x->sent_by) : cv_date(r, x->sent_on),
                T(r, "Frist"), cv_date(r, x->deadline));
    if (x->closed_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Avsluttet"), cv_date(r, x->closed_on));
    }
    html_printf(b, "</dl>");
}

static int show_round(Req *r, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    int64_t id;
    Round x;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_round_get(r->db, r->arena, r->viewer, id, &x, NULL) || x.rec.masked) {
        return view_error(r, 404, T(r, ROUND_NOT_FOUND));
    }
    Answer *as;
    size_t n = 0;
    consult_answers(r->db, r->arena, r->viewer, id, &as, &n, NULL);
    bool lead = consult_can_manage(r->viewer, &x.rec);
    r->title = cv_round_title(r, x.kind, x.case_title);
    req_crumb(r, T(r, "Saker"), "/cases");
    if (x.case_title) {
        req_crumb(r, x.case_title, arena_printf(r->arena, "/cases/%lld", (long long)x.case_id));
    }
    req_crumb(r, T(r, round_kind_label(x.kind)), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"tags\">", r->title);
    cv_round_tag(r, &x);
    html_printf(b, "</p>");
    fv_error_summary(r, fe, T(r, "Det du sendte, ble ikke lagret"));
    cv_notice(r);
    round_facts(r, &x);
    FormProblem warn[4];
    size_t nw = consult_deadline_warnings(r->arena, x.kind, x.sent_on, x.deadline, warn, COUNT(warn));
    if (nw) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\"><ul class=\"ds-list\">");
        for (size_t i = 0; i < nw; i++) {
            html_printf(b, "<li>%s</li>", fv_problem_text(r, &warn[i]));
        }
        html_printf(b, "</ul></div>");
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Melding"));
    html_text_block(b, x.message);
    if (x.closed_on) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Oppsummering"));
        html_text_block(b, x.summary);
    }
    answers_table(r, &x, as, n, lead);
    if (lead && !x.closed_on) {
        follow_up(r, &x, as, n, fe);
    }
    record_sections(r, &x.rec);
    return req_status(r, status);
}

int consultation_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show_round(r, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

/* After a follow-up: back to the round with a notice, or the round again
 * with the problem at the top. */
static int after(Req *r, int rc, const Err *e, const char *field, const char *code)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (rc == 0) {
        return view_redirect_done(r, round_href(r, id), code);
    }
    if (e->code == E_NOTFOUND) {
        return view_error(r, 404, T(r, ROUND_NOT_FOUND));
    }
    if (e->code == E_FORBIDDEN) {
        return view_error(r, 403, fv_error_text(r, e));
    }
    FormErrors fe = {0};
    fv_add(&fe, e->code == E_INVALID ? field : NULL, fv_error_text(r, e));
    return show_round(r, &fe, fv_status(e));
}

int consultation_remind_post(Req *r)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    Err e = {0};
    int n;
    int rc = consult_remind(r->db, r->arena, r->viewer, r->client, id, params_get(&r->form, "remind_ministry"), &n, &e);
    return after(r, rc, &e, "remind_ministry", "reminded");
}

int consultation_extend_post(Req *r)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    Err e = {0};
    int field = -1;
    int rc = consult_extend(r->db, r->arena, r->viewer, r->client, id, params_get(&r->form, "extend_ministry"),
                            params_get(&r->form, "extend_deadline"), params_get(&r->form, "extend_reason"), &field, &e);
    static const char *const fields[] = {"extend_ministry", "extend_deadline", "extend_reason"};
    return after(r, rc, &e, field >= 0 ? fields[field] : NULL, "extended");
}

/* ---- closing ---------------------------------------------------------------------- */

static int close_form(Req *r, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    int64_t id;
    Round x;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_round_get(r->db, r->arena, r->viewer, id, &x, NULL) || x.rec.masked) {
        return view_error(r, 404, T(r, ROUND_NOT_FOUND));
    }
    if (!consult_can_manage(r->viewer, &x.rec)) {
        return view_error(r, 403, T(r, "Bare saksbehandlere i ansvarlig departement kan følge opp runden."));
    }
    if (x.closed_on) {
        return view_error(r, 409, T(r, "Runden er avsluttet."));
    }
    r->title = TF(r, "Avslutt runden: %s", cv_round_title(r, x.kind, x.case_title));
    req_crumb(r, T(r, "Saker"), "/cases");
    if (x.case_title) {
        req_crumb(r, x.case_title, arena_printf(r->arena, "/cases/%lld", (long long)x.case_id));
    }
    req_crumb(r, T(r, round_kind_label(x.kind)), round_href(r, id));
    req_crumb(r, T(r, "Avslutt"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s</p><p "
                   "class=\"ds-paragraph\">%s</p></div>",
                TF(r, "%d av %d departementer har svart.", x.nanswered, x.nanswers),
                T(r, "Når runden er avsluttet, tas svar ikke lenger imot, og det kan ikke angres."));
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"%s/close\" novalidate>", round_href(r, id));
    view_csrf(b, r);
    fv_textarea(r, "summary", T(r, "Oppsummering"),
                T(r, "Hva departementene svarte, og hva som skjer videre med saken."),
                params_get(&r->form, "summary"), fv_error_of(fe, "summary"), 6, true);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button><a class=\"ds-link\" href=\"%s\">%s</a></div></form>",
                T(r, "Avslutt runden"), round_href(r, id), T(r, "Avbryt"));
    return req_status(r, status);
}

int consultation_close_page(Req *r)
{
    return close_form(r, NULL, 200);
}

int consultation_close_post(Req *r)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    Err e = {0};
    if (consult_round_close(r->db, r->arena, r->viewer, r->client, id, params_get(&r->form, "summary"), &e)) {
        if (e.code == E_NOTFOUND) {
            return view_error(r, 404, T(r, ROUND_NOT_FOUND));
        }
        if (e.code != E_INVALID) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_add(&fe, "summary", fv_error_text(r, &e));
        return close_form(r, &fe, 400);
    }
    return view_redirect_done(r, round_href(r, id), "round_closed");
}
