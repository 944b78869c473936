/* consult_answer_page.c: the ministry's inbox of rounds (awaiting our
 * answer, and what we have sent), and a recipient's answer — taking it,
 * answering with a position, text, who approved it, and documents (the
 * answer's attachments).  Thin over the model (consult.h); no SQL here. */
#include <string.h>

#include "app/consult/consult.h"
#include "app/consult/consult_handlers.h"
#include "app/consult/consult_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

#define ANSWER_NOT_FOUND N_("Det finnes ikke noe svar med dette nummeret, eller du har ikke tilgang til det.")

/* ---- the inbox -------------------------------------------------------------------- */

static void awaiting_table(Req *r, const Answer *as, size_t n)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"awaiting-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"awaiting-h\">"
                   "%s</h2>", T(r, "Venter på svar fra oss"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Ingen runder venter på svar fra dere."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Venter på svar fra oss, etter frist"), T(r, "Sak"), T(r, "Fra"), T(r, "Frist"), T(r, "Tatt av"),
                T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        const Answer *a = &as[i];
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/answers/%lld\">%s</a><br><span class=\"muted\">%s</span>"
                       "</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td><td>",
                    (long long)a->rec.id, a->case_title ? a->case_title : a->rec.title,
                    T(r, round_kind_label(a->round_kind)), a->lead_code ? a->lead_code : "–", cv_date(r, a->deadline),
                    a->taken_by_name ? a->taken_by_name : T(r, "Ingen ennå"));
        cv_answer_tag(r, a);
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div></section>");
}

static void sent_table(Req *r, const Round *rs, size_t n)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"sent-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"sent-h\">%s</h2>",
                T(r, "Sendt fra oss"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Dere har ikke sendt noen saker på runde."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Sendt fra oss"), T(r, "Sak"), T(r, "Sendt"), T(r, "Frist"), TC(r, "count", "Svar"), T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        const Round *x = &rs[i];
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/consultations/%lld\">%s</a><br><span class=\"muted\">%s"
                       "</span></td><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td><td class=\"num\">%s</td><td>",
                    (long long)x->rec.id, x->case_title ? x->case_title : x->rec.title, T(r, round_kind_label(x->kind)),
                    cv_date(r, x->sent_on), cv_date(r, x->deadline), TF(r, "%d av %d", x->nanswered, x->nanswers));
        cv_round_tag(r, x);
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div></section>");
}

int consultation_inbox_page(Req *r)
{
    Buf *b = &r->body;
    Answer *aw;
    Round *sent;
    size_t na, ns;
    Err e = {0};
    if (consult_inbox(r->db, r->arena, r->viewer, &aw, &na, &sent, &ns, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    r->title = r->viewer->ministry_code ? TF(r, "Innboks for %s", r->viewer->ministry_code) : T(r, "Innboks");
    req_crumb(r, T(r, "Saker"), "/cases");
    req_crumb(r, T(r, "Innboks"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Foreleggelser, høringer og tidlig involvering departementet ditt skal svare på, og rundene "
                     "dere selv har sendt."));
    cv_notice(r);
    size_t overdue = 0;
    for (size_t i = 0; i < na; i++) {
        overdue += aw[i].overdue;
    }
    if (overdue) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"danger\"><p class=\"ds-paragraph\">%s</p></div>",
                    TF(r, "Svar fra dere som er over fristen: %zu", overdue));
    }
    awaiting_table(r, aw, na);
    sent_table(r, sent, ns);
    return 200;
}

/* ---- an answer ---------------------------------------------------------------------- */

static void answer_given(Req *r, const Answer *a)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"given-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"given-h\">%s"
                   "</h2>", T(r, "Svaret"));
    if (!a->position) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Ikke besvart ennå."));
        return;
    }
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                T(r, "Standpunkt"), T(r, answer_position_label(a->position)), T(r, "Besvart"),
                TF(r, "%s av %s", cv_date(r, a->answered_on), a->answered_by_name ? a->answered_by_name : "–"),
                T(r, "Godkjent av"), *a->approved_by ? a->approved_by : "–");
    if (*a->text) {
        html_text_block(b, a->text);
    }
    html_printf(b, "</section>");
}

static void answer_form(Req *r, const Answer *a, const FormErrors *fe)
{
    Buf *b = &r->body;
    const char *position = params_get(&r->form, "position") ? params_get(&r->form, "position")
                                                            : (a->position ? a->position : "");
    const char *text = params_get(&r->form, "text") ? params_get(&r->form, "text") : a->text;
    const char *approved = params_get(&r->form, "approved_by") ? params_get(&r->form, "approved_by") : a->approved_by;
    html_printf(b, "<section aria-labelledby=\"form-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"form-h\">%s"
                   "</h2>", a->position ? T(r, "Endre svaret") : T(r, "Ditt svar"));
    html_printf(b, "<form class=\"inline-form\" method=\"post\" action=\"/answers/%lld/take\">", (long long)a->rec.id);
    view_csrf(b, r);
    if (str_eq(a->taken_by, r->viewer->username)) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <input type=\"hidden\" name=\"take\" value=\"0\"><button "
                       "class=\"ds-button\" data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\">%s</button></p>",
                    T(r, "Du har tatt dette svaret."), T(r, "Legg det tilbake"));
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s <input type=\"hidden\" name=\"take\" value=\"1\"><button "
                       "class=\"ds-button\" data-variant=\"secondary\" data-size=\"sm\" type=\"submit\">%s</button></p>",
                    a->taken_by_name ? TF(r, "%s har tatt dette svaret.", a->taken_by_name)
                                     : T(r, "Ingen i departementet har tatt dette svaret ennå."),
                    T(r, "Ta svaret"));
    }
    html_printf(b, "</form><form class=\"form-narrow\" method=\"post\" action=\"/answers/%lld\" novalidate>",
                (long long)a->rec.id);
    view_csrf(b, r);
    fv_radios(r, "position", T(r, "Standpunkt"), NULL, g_answer_positions, answer_position_label, position,
              fv_error_of(fe, "position"));
    fv_textarea(r, "text", T(r, "Svar"), T(r, "Merknader og innvendinger med begrunnelse. Legg ved dokumenter under "
                                            "«Vedlegg»."),
                text, fv_error_of(fe, "text"), 8, false);
    fv_text(r, "approved_by", T(r, "Godkjent av"), T(r, "Navn og tittel på den som har godkjent svaret i "
                                                    "departementet"),
            approved, "text", fv_error_of(fe, "approved_by"), false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form></section>",
                a->position ? T(r, "Lagre svaret") : T(r, "Send svaret"));
}

static int show_answer(Req *r, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    int64_t id;
    Answer a;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    if (consult_answer_get(r->db, r->arena, r->viewer, id, &a, NULL) || a.rec.masked) {
        return view_error(r, 404, T(r, ANSWER_NOT_FOUND));
    }
    Round x;
    bool round = consult_round_get(r->db, r->arena, r->viewer, a.round_id, &x, NULL) == 0;
    r->title = TF(r, "Svar fra %s", a.ministry_code);
    req_crumb(r, T(r, "Saker"), "/cases");
    if (a.case_title) {
        req_crumb(r, a.case_title, arena_printf(r->arena, "/cases/%lld", (long long)a.case_id));
    }
    if (round) {
        req_crumb(r, T(r, round_kind_label(a.round_kind)), arena_printf(r->arena, "/consultations/%lld",
                                                                       (long long)a.round_id));
    }
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (a.case_title) {
        html_printf(b, "<p class=\"ds-paragraph lead\">%s</p>", cv_round_title(r, a.round_kind, a.case_title));
    }
    html_printf(b, "<p class=\"tags\">");
    cv_answer_tag(r, &a);
    html_printf(b, "</p>");
    fv_error_summary(r, fe, NULL);
    cv_notice(r);
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s%s</dd>", T(r, "Fra"),
                a.lead_code ? a.lead_code : "–", T(r, "Frist"), cv_date(r, a.deadline),
                a.own_deadline ? arena_printf(r->arena, " (%s)", T(r, "utsatt for dere")) : "");
    if (a.reminded_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Påminnet"), cv_date(r, a.reminded_on));
    }
    html_printf(b, "</dl>");
    if (round) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hva departementet blir bedt om"));
        html_text_block(b, x.message);
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/consultations/%lld\">%s</a>",
                    (long long)a.round_id, T(r, "Se runden og dokumentene"));
        if (a.case_title) {
            html_printf(b, " · <a class=\"ds-link\" href=\"/cases/%lld\">%s</a>", (long long)a.case_id,
                        T(r, "Se saken og utredningen"));
        }
        html_printf(b, "</p>");
    }
    answer_given(r, &a);
    if (consult_can_act(r->viewer, a.rec.owner_ministry_id) && !a.round_closed_on) {
        answer_form(r, &a, fe);
    } else if (a.round_closed_on && !a.position) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Runden er avsluttet, og svar tas ikke lenger imot."));
    }
    record_sections(r, &a.rec);
    return req_status(r, status);
}

int answer_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show_answer(r, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

int answer_submit_post(Req *r)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    FormProblem *errs;
    size_t nerr;
    Err e = {0};
    if (consult_answer_submit(r->db, r->arena, r->viewer, r->client, id, params_get(&r->form, "position"),
                              params_get(&r->form, "text"), params_get(&r->form, "approved_by"), &errs, &nerr, &e)) {
        if (e.code == E_NOTFOUND) {
            return view_error(r, 404, T(r, ANSWER_NOT_FOUND));
        }
        if (e.code == E_FORBIDDEN) {
            return view_error(r, 403, fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_answer_field_names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        return show_answer(r, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/answers/%lld", (long long)id), "answered");
}

int answer_take_post(Req *r)
{
    int64_t id;
    if (!cv_id(r, &id)) {
        return r->status;
    }
    Err e = {0};
    bool take = !str_eq(params_get(&r->form, "take"), "0");
    if (consult_answer_take(r->db, r->arena, r->viewer, r->client, id, take, &e)) {
        if (e.code == E_NOTFOUND) {
            return view_error(r, 404, T(r, ANSWER_NOT_FOUND));
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/answers/%lld", (long long)id), take ? "taken" : "released");
}
