/* mail_page.c: the e-mail pages (HTML) — «E-postvarsler» (each person's
 * choice per kind), the one-click unsubscribe page (no sign-in: the
 * signed link is the proof), and the administrators' outbox (status and
 * errors, a test mail, resending one that did not get through).  Thin
 * over mail.c; no SQL here.
 */
#include <stdio.h>

#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/mail/mail.h"
#include "app/mail/mail_handlers.h"
#include "base/html.h"
#include "base/util.h"

static const char *const g_all[] = {"now", "daily", "weekly", "off", NULL};
static const char *const g_summary[] = {"weekly", "off", NULL};

static const char *cadence_label(const char *code)
{
    int c = mail_cadence_parse(code);
    return c < 0 ? code : mail_cadence_label((Cadence)c);
}

/* ---- preferences ------------------------------------------------------------------ */

static int prefs_view(Req *r, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = T(r, "E-postvarsler");
    req_crumb(r, T(r, "Min side"), "/account");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_notice(r);
    const char *addr = mail_user_address(r->db, r->arena, r->viewer->user_id);
    if (*addr) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <strong>%s</strong>. %s</p>",
                    T(r, "Vi sender e-post til"), addr,
                    T(r, "Velg for hver type om du vil ha e-post med en gang, samlet i én e-post om dagen eller i uka, "
                         "eller ikke i det hele tatt. Varslene ser du uansett i samla."));
    } else {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s</p></div>",
                    T(r, "Du har ingen e-postadresse i samla, så vi kan ikke sende deg e-post. Be en administrator "
                         "legge inn adressen din."));
    }
    html_printf(b, "<form class=\"mail-prefs\" method=\"post\" action=\"/account/mail\" novalidate>");
    view_csrf(b, r);
    fv_error_summary(r, fe, NULL);
    size_t n;
    const MailKind *k = mail_kinds(&n);
    for (size_t i = 0; i < n; i++) {
        if (!mail_kind_applies(r->db, r->viewer->user_id, &k[i])) {
            continue;
        }
        const char *value = params_get(&r->form, k[i].kind);
        if (!value) {
            value = mail_cadence_code(mail_pref_get(r->db, r->viewer->user_id, k[i].kind));
        }
        const char *id = k[i].kind;
        fv_radios(r, id, T(r, k[i].label), NULL, k[i].sg_only ? g_summary : g_all, cadence_label, value,
                  fv_error_of(fe, id));
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre valgene"));
    return status;
}

int mail_prefs_page(Req *r)
{
    return prefs_view(r, &(FormErrors){0}, 200);
}

int mail_prefs_post(Req *r)
{
    FormErrors fe = {0};
    size_t n;
    const MailKind *k = mail_kinds(&n);
    int chosen[16];
    for (size_t i = 0; i < n && i < COUNT(chosen); i++) {
        chosen[i] = -2;
        if (!mail_kind_applies(r->db, r->viewer->user_id, &k[i])) {
            continue;
        }
        const char *v = params_get(&r->form, k[i].kind);
        chosen[i] = v ? mail_cadence_parse(v) : -2;
        if (v && (chosen[i] < 0 || (k[i].sg_only && chosen[i] != CADENCE_WEEKLY && chosen[i] != CADENCE_OFF))) {
            fv_add(&fe, k[i].kind, TF(r, "Velg et av valgene for «%s».", T(r, k[i].label)));
        }
    }
    if (fe.n) {
        return prefs_view(r, &fe, 400);
    }
    for (size_t i = 0; i < n && i < COUNT(chosen); i++) {
        Err e = {0};
        if (chosen[i] >= 0 && mail_pref_set(r->db, r->viewer, r->client, k[i].kind, (Cadence)chosen[i], &e)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
    }
    return view_redirect_done(r, "/account/mail", "mail_saved");
}

/* ---- unsubscribe (no sign-in) ------------------------------------------------------ */

/* The link's user, kind and token; false (with the error page written)
 * when the link is not valid. */
static bool unsub_link(Req *r, long long *user, const char **kind, const char **token, const char **name)
{
    *kind = params_get(&r->query, "k");
    *token = params_get(&r->query, "t");
    r->title = T(r, "Meld deg av e-post");
    if (!parse_int(params_get(&r->query, "u"), 1, INT64_MAX, user) || !mail_unsub_kind_valid(*kind) ||
        !mail_unsub_check(r->db, r->arena, *user, *kind, *token, name)) {
        html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><div class=\"ds-alert\" "
                              "data-color=\"danger\" role=\"alert\"><p class=\"ds-paragraph\">%s</p></div>"
                              "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/account/mail\">%s</a>.</p>",
                    r->title, T(r, "Lenken for å melde seg av er ugyldig."),
                    T(r, "Du kan alltid velge hvilken e-post du får når du er logget inn:"), T(r, "E-postvarsler"));
        return false;
    }
    return true;
}

static const char *unsub_what(Req *r, const char *kind)
{
    if (str_eq(kind, "daily")) {
        return T(r, "den daglige e-posten med varsler");
    }
    if (str_eq(kind, "weekly")) {
        return T(r, "den ukentlige e-posten med varsler");
    }
    const MailKind *k = mail_kind_find(kind);
    return TF(r, "e-post om «%s»", T(r, k->label));
}

int mail_unsubscribe_page(Req *r)
{
    long long user;
    const char *kind, *token, *name = NULL;
    r->personal = true;
    if (!unsub_link(r, &user, &kind, &token, &name)) {
        return 403;
    }
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                TF(r, "Vil du slutte å få %s? Dette gjelder %s.", unsub_what(r, kind), name));
    html_printf(b, "<form method=\"post\" action=\"/mail/unsubscribe?u=%lld&amp;k=%s&amp;t=%s\">"
                   "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                user, kind, token, T(r, "Meld meg av"));
    html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/account/mail\">%s</a>.</p>",
                T(r, "Du kan også velge hvilken e-post du får når du er logget inn:"), T(r, "E-postvarsler"));
    return 200;
}

int mail_unsubscribe_post(Req *r)
{
    long long user;
    const char *kind, *token, *name = NULL;
    r->personal = true;
    if (!unsub_link(r, &user, &kind, &token, &name)) {
        return 403;
    }
    Err e = {0};
    if (mail_unsubscribe(r->db, r->client, user, kind, token, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><div class=\"ds-alert\" data-color=\"success\" "
                   "role=\"status\"><p class=\"ds-paragraph\">%s</p></div>"
                   "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/account/mail\">%s</a>.</p>",
                r->title, TF(r, "Du får ikke lenger %s.", unsub_what(r, kind)),
                T(r, "Ombestemmer du deg, kan du slå det på igjen når du er logget inn:"), T(r, "E-postvarsler"));
    return 200;
}

/* ---- the outbox (administrators) ----------------------------------------------------- */

static const char *status_label(const char *s)
{
    return str_eq(s, "queued")     ? N_("I kø")
           : str_eq(s, "sending")  ? N_("Sendes")
           : str_eq(s, "sent")     ? N_("Sendt")
           : str_eq(s, "failed")   ? N_("Feilet, prøves igjen")
           : str_eq(s, "given_up") ? N_("Gitt opp")
                                   : N_("Ikke sendt (ingenting å sende)");
}

static const char *status_color(const char *s)
{
    return str_eq(s, "sent") ? "success" : str_eq(s, "given_up") ? "danger" : str_eq(s, "failed") ? "warning"
                                                                                                   : "neutral";
}

static const char *kind_label(const char *k)
{
    return str_eq(k, "notice")  ? N_("Varsel")
           : str_eq(k, "daily") ? N_("Daglig samlet")
           : str_eq(k, "weekly") ? N_("Ukentlig samlet")
           : str_eq(k, "summary") ? N_("Ukentlig oppsummering")
                                  : N_("Testmelding");
}

static void outbox_row(Req *r, const OutboxRow *x)
{
    Buf *b = &r->body;
    html_printf(b, "<tr><td>%lld</td><td>%s</td><td>", (long long)x->id, T(r, kind_label(x->kind)));
    if (x->to_name) {
        html_printf(b, "%s%s%s%s<br>", x->to_name, x->to_ministry ? " (" : "", x->to_ministry ? x->to_ministry : "",
                    x->to_ministry ? ")" : "");
    }
    html_printf(b, "<span class=\"muted\">%s</span></td><td><span class=\"ds-tag\" data-color=\"%s\">%s</span></td>"
                   "<td>%d</td><td>%s</td><td>%s</td><td>",
                x->to_addr, status_color(x->status), T(r, status_label(x->status)), x->attempts,
                view_unix_time(r, x->created_at), x->sent_at ? view_unix_time(r, x->sent_at) : "–");
    if (*x->last_error) {
        html_printf(b, "<span class=\"muted\">%s</span>", x->last_error);
    }
    html_printf(b, "</td><td>");
    if (str_eq(x->status, "failed") || str_eq(x->status, "given_up") || str_eq(x->status, "dropped")) {
        html_printf(b, "<form class=\"inline-form\" method=\"post\" action=\"/admin/mail/%lld/resend\">",
                    (long long)x->id);
        view_csrf(b, r);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" data-size=\"sm\" type=\"submit\">%s"
                       "<span class=\"ds-sr-only\"> %s</span></button></form>",
                    T(r, "Send på nytt"), TF(r, "e-post nummer %lld", (long long)x->id));
    }
    html_printf(b, "</td></tr>");
}

static int outbox_view(Req *r, const char *test_error, const char *test_value, int status)
{
    Buf *b = &r->body;
    const char *filter = params_get(&r->query, "status");
    OutboxRow *xs;
    size_t n;
    OutboxCounts c;
    Err e = {0};
    if (mail_outbox_list(r->db, r->arena, r->viewer, filter && *filter ? filter : NULL, 200, &xs, &n, &c, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    r->title = T(r, "E-post");
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_notice(r);
    const MailConfig *cfg = mail_config();
    if (mail_configured()) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    TF(r, "E-post sendes gjennom %s med avsender %s. Lenkene i e-posten går til %s.", cfg->smtp_url,
                       cfg->from, cfg->base_url ? cfg->base_url : ""));
    } else {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s</p></div>",
                    T(r, "Ingen e-posttjener er satt opp, så e-post blir liggende i utboksen. Sett SAMLA_SMTP_URL og "
                         "SAMLA_MAIL_FROM (eller valgene --smtp-url og --mail-from) og start samla på nytt."));
    }
    html_printf(b, "<ul class=\"ds-list\" aria-label=\"%s\"><li><a class=\"ds-link\" href=\"/admin/mail\">%s</a></li>",
                T(r, "Vis etter status"), T(r, "Alle"));
    const char *codes[] = {"queued", "failed", "given_up", "sent", "dropped"};
    int counts[] = {c.queued + c.sending, c.failed, c.given_up, c.sent, c.dropped};
    for (size_t i = 0; i < COUNT(codes); i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/admin/mail?status=%s\"%s>%s: %d</a></li>", codes[i],
                    str_eq(filter, codes[i]) ? " aria-current=\"page\"" : "", T(r, status_label(codes[i])), counts[i]);
    }
    html_printf(b, "</ul>");
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><form class=\"form-narrow\" method=\"post\" "
                   "action=\"/admin/mail/test\" novalidate>",
                T(r, "Send en testmelding"));
    view_csrf(b, r);
    FormErrors fe = {0};
    if (test_error) {
        fv_add(&fe, "to", test_error);
    }
    fv_error_summary(r, &fe, NULL);
    fv_text(r, "to", T(r, "Til"), T(r, "E-postadressen testmeldingen skal til"), test_value ? test_value : "", "email",
            fv_error_of(&fe, "to"), true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Send testmelding"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Utboksen"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Utboksen er tom. Her kommer e-post når noen får varsler de vil ha på e-post."));
        return status;
    }
    const char *caption = T(r, "Utboksen, nyeste først");
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
                   "<table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s</caption><thead><tr>",
                caption, caption);
    const char *const cols[] = {N_("Nr."), N_("Type"), N_("Til"), N_("Status"), N_("Forsøk"), N_("Laget"), N_("Sendt"),
                                N_("Siste feil")};
    for (size_t i = 0; i < COUNT(cols); i++) {
        html_printf(b, "<th scope=\"col\">%s</th>", T(r, cols[i]));
    }
    html_printf(b, "<th scope=\"col\"><span class=\"ds-sr-only\">%s</span></th></tr></thead><tbody>",
                T(r, "Handlinger"));
    for (size_t i = 0; i < n; i++) {
        outbox_row(r, &xs[i]);
    }
    html_printf(b, "</tbody></table></div>");
    return status;
}

int mail_outbox_page(Req *r)
{
    return outbox_view(r, NULL, NULL, 200);
}

int mail_test_post(Req *r)
{
    const char *to = params_get(&r->form, "to");
    Err e = {0};
    if (mail_test(r->db, r->viewer, r->client, to, NULL, &e)) {
        if (e.code == E_INVALID) {
            return outbox_view(r, fv_error_text(r, &e), to, 400);
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, "/admin/mail", "mail_test");
}

int mail_resend_post(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, NULL);
    }
    Err e = {0};
    if (mail_resend(r->db, r->viewer, r->client, id, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, "/admin/mail", "mail_resend");
}
