/* notice.c: the message that says what happened after an action.
 *
 * A POST that succeeds redirects (303) to the page it came from with
 * ?done=<code>; the page shows the message of that code in a status
 * alert.  Only codes from the table below are shown, so the query string
 * cannot put text of its own on the page.  Declared in view.h. */
#include "app/core/view.h"

#include "app/core/i18n.h"
#include "base/html.h"
#include "base/util.h"

static const struct {
    const char *code, *msg;
} notices[] = {
    {"access", N_("Synlighet og offentlighet er lagret.")},
    {"grant", N_("Tilgangen er gitt.")},
    {"grant_removed", N_("Tilgangen er fjernet.")},
    {"saved", N_("Endringene er lagret.")},
    {"restored", N_("Den tidligere versjonen er gjenopprettet som en ny versjon.")},
    {"comment", N_("Kommentaren er publisert.")},
    {"comment_edited", N_("Kommentaren er endret.")},
    {"comment_deleted", N_("Kommentaren er slettet.")},
    {"link", N_("Koblingen er lagt til.")},
    {"link_removed", N_("Koblingen er fjernet.")},
    {"attached", N_("Vedlegget er lastet opp.")},
    {"attachment_deleted", N_("Vedlegget er slettet.")},
    {"read", N_("Varslene er merket som lest.")},
    {"mail_saved", N_("E-postvalgene dine er lagret.")},
    {"mail_test", N_("Testmeldingen er lagt i utboksen og sendes straks.")},
    {"mail_resend", N_("E-posten er lagt i utboksen igjen og sendes på nytt med samme Message-ID.")},
    {"group_created", N_("Gruppen er opprettet.")},
    {"group_closed", N_("Gruppen er avsluttet, og resultatrapporten er lagret.")},
    {"group_reopened", N_("Gruppen er gjenåpnet.")},
    {"ladder", N_("Endringen på samordningsstigen er lagret.")},
    {"member_added", N_("Personen er lagt til i gruppen.")},
    {"member_ended", N_("Medlemskapet er avsluttet.")},
    {"problem_created", N_("Problemet er registrert.")},
    {"case_created", N_("Saken er opprettet. Den er bare synlig for ditt departement til du sender den på runde.")},
    {"study_saved", N_("Utredningen er lagret.")},
    {"round_sent", N_("Runden er sendt. Departementene har fått den i innboksen sin.")},
    {"reminded", N_("Påminnelsen er sendt.")},
    {"extended", N_("Fristen er utsatt, og begrunnelsen er lagret.")},
    {"round_closed", N_("Runden er avsluttet, og oppsummeringen er lagret.")},
    {"answered", N_("Svaret er sendt til ansvarlig departement.")},
    {"taken", N_("Du har tatt svaret.")},
    {"released", N_("Svaret er lagt tilbake.")},
    {"carried", N_("Tiltakene er videreført. Her er de i den nye perioden.")},
    {"meeting_created", N_("Møtet er lagt inn, og de inviterte har fått varsel.")},
    {"agenda_added", N_("Saken er lagt til på dagsordenen.")},
    {"decision_created", N_("Vedtaket er registrert.")},
    {"task_created", N_("Oppgaven er gitt, og den ansvarlige har fått varsel.")},
    {"interaction_created", N_("Samspillet er registrert, og departementet som eier målet, er bedt om å svare.")},
    {"interaction_answered", N_("Svaret er sendt.")},
    {"calendar_revoked", N_("Kalenderadressen er slettet.")},
    {"measure_saved", N_("Tiltaket er lagret.")},
    {"status_changed", N_("Statusen er endret.")},
    {"reporting_opened", N_("Rapporteringsrunden er åpnet. Departementene kan rapportere nå.")},
    {"reporting_closed", N_("Rapporteringsrunden er avsluttet. Ingen kan rapportere i den lenger.")},
    {"reporting_reopened", N_("Rapporteringsrunden er gjenåpnet, og departementene kan rapportere igjen.")},
    {"published", N_("Utgaven er publisert og er nå offentlig.")},
    {"imported", N_("Importen er fullført.")},
    {"value_saved", N_("Verdien er lagret. Er nøkkeltallet åpent, vises den nå på Fakta om departementene.")},
    {"target_saved", N_("Målet er lagret.")},
    {"service_created", N_("Fellestjenesten er opprettet.")},
    {"figure_saved", N_("Tallet er lagret.")},
    {"series_marked", N_("Merkingen av tallene er lagret.")},
    {"measuring_opened", N_("Målerunden er åpnet. Departementene kan nå rapportere tallene sine.")},
    {"measuring_closed", N_("Målerunden er avsluttet.")},
};

int view_redirect_done(Req *r, const char *path, const char *code)
{
    return req_redirect(r, arena_printf(r->arena, "%s?done=%s", path, code));
}

void view_notice(Req *r)
{
    const char *code = params_get(&r->query, "done");
    for (size_t i = 0; code && i < COUNT(notices); i++) {
        if (str_eq(code, notices[i].code)) {
            html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\">"
                                  "<p class=\"ds-paragraph\">%s</p></div>", T(r, notices[i].msg));
            return;
        }
    }
}
