/* i18n_data.c: texts that reference data keeps in the database in bokmål
 * and pages translate with T() — listed here so that xgettext puts them in
 * the catalogues (it reads C, not SQL).  test_i18n checks that every such
 * text in a migrated database is in this list, so a new one cannot be
 * forgotten.  Names that the database holds in all three languages
 * (ministries, statuses) are not here.
 */
#include "app/core/i18n.h"

#include "base/util.h"

/* exemption_basis.description (migration 003). */
const char *const g_i18n_data[] = {
    N_("Taushetsplikt om personlige forhold"),
    N_("Taushetsplikt om forretningshemmeligheter"),
    N_("Organinterne dokumenter"),
    N_("Dokumenter innhentet fra underordnet organ"),
    N_("Dokumenter innhentet fra et annet departement"),
    N_("Råd og vurderinger innhentet utenfra"),
    N_("Utenrikspolitiske interesser"),
    N_("Forsvar og nasjonal sikkerhet"),
    N_("Statsbudsjettet"),
    N_("Forhandlingsposisjon og økonomiske interesser"),
    N_("Kontroll og regulering, lovbrudd"),
    N_("Tilsettingssaker"),
    N_("Eksamen, fødselsnummer og andre særlige opplysninger"),
};
const size_t g_i18n_data_count = COUNT(g_i18n_data);
