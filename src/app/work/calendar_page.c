/* calendar_page.c: the calendar feed — the settings page where a person
 * makes or revokes their secret address, and the feed itself, which needs
 * no sign-in, only the token.  Thin over the model (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

static const char *confirm_label(const char *code)
{
    (void)code;
    return N_("Ja, slett adressen");
}

static int settings(Req *r, const char *token, const char *error, int status)
{
    Buf *b = &r->body;
    bool active = false;
    const char *since = NULL;
    calendar_feed_state(r->db, r->arena, r->viewer, &active, &since, NULL);
    r->title = T(r, "Kalenderen din");
    req_crumb(r, T(r, "Min side"), "/account");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Abonner på møtene dine, fristene for oppgavene dine og departementets frister for foreleggelser, "
                     "høringer og rapportering i Outlook eller en annen kalender."));
    view_notice(r);
    if (token) {
        const char *path = arena_printf(r->arena, "/calendar/%s", token);
        html_printf(b, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\"><p class=\"ds-paragraph\">%s</p>"
                       "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">%s</a></p><p class=\"ds-paragraph\">%s"
                       "</p></div>",
                    T(r, "Den hemmelige adressen er laget. Kopier lenken og legg den inn som kalenderabonnement:"), path,
                    T(r, "Kalenderadressen din"),
                    T(r, "Adressen vises bare nå. Den som har den, kan se kalenderen din uten å logge inn, så del den ikke."));
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hemmelig adresse"));
    if (active) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", TF(r, "Du har en adresse i bruk, laget %s.", view_time(r, since)));
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Du har ingen adresse i bruk. Lag en for å abonnere."));
    }
    html_printf(b, "<form method=\"post\" action=\"/account/calendar\">");
    view_csrf(b, r);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                active ? T(r, "Lag ny adresse (den gamle slutter å virke)") : T(r, "Lag adresse"));
    if (active) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Slett adressen"));
        FormErrors fe = {0};
        if (error) {
            fv_add(&fe, "confirm", error);
        }
        fv_error_summary(r, &fe, NULL);
        html_printf(b, "<form method=\"post\" action=\"/account/calendar/revoke\" novalidate>");
        view_csrf(b, r);
        static const char *const codes[] = {"1", NULL};
        fv_boxes(r, "confirm", T(r, "Bekreft"), T(r, "Kalendere som abonnerer på adressen, får ikke flere oppdateringer."),
                 codes, confirm_label, NULL, fv_error_of(&fe, "confirm"));
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" data-color=\"danger\" type=\"submit\">%s"
                       "</button></form>", T(r, "Slett adressen"));
    }
    return req_status(r, status);
}

int calendar_settings_page(Req *r)
{
    r->personal = true;
    return settings(r, NULL, NULL, 200);
}

int calendar_create_post(Req *r)
{
    char token[64];
    Err e = {0};
    if (calendar_feed_create(r->db, r->viewer, r->client, token, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    r->personal = true;
    req_header(r, "Cache-Control", "no-store");
    return settings(r, arena_strdup(r->arena, token), NULL, 200);
}

int calendar_revoke_post(Req *r)
{
    if (!str_eq(params_get(&r->form, "confirm"), "1")) {
        return settings(r, NULL, T(r, "Kryss av for å bekrefte at adressen skal slettes."), 400);
    }
    Err e = {0};
    if (calendar_feed_revoke(r->db, r->viewer, r->client, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, "/account/calendar", "calendar_revoked");
}

int calendar_feed(Req *r)
{
    r->personal = true;   /* never shared from the cache */
    Buf ics = {0};
    if (calendar_feed_ics(r->db, r->arena, r->args[0], &ics, NULL)) {
        buf_free(&ics);
        return view_error(r, 404, T(r, "Fant ikke kalenderen. Adressen kan være slettet."));
    }
    buf_reset(&r->body);
    buf_append(&r->body, ics.data, ics.len);
    buf_free(&ics);
    r->content_type = "text/calendar; charset=utf-8";
    r->raw = true;
    return req_status(r, 200);
}
