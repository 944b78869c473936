/* calendar_round.c: the reporting round deadlines in a person's calendar
 * feed, through the measure domain's door. */
#include "app/measure/measure.h"
#include "app/core/i18n.h"
#include "app/work/work_int.h"

void wk_feed_rounds(Db *db, Arena *a, const Viewer *v, int lang, Buf *b)
{
    OpenRound *rs;
    size_t n = 0;
    if (measure_open_rounds(db, a, v, &rs, &n, NULL)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ics_raw(b, "BEGIN", "VEVENT");
        ics_raw(b, "UID", arena_printf(a, "round-%lld@samla", (long long)rs[i].id));
        ics_stamp(b);
        ics_date(b, "DTSTART", rs[i].deadline);
        ics_prop(b, "SUMMARY", i18n_msg(a, lang, arena_printf(a, N_("Rapporteringsfrist: %s"), rs[i].title)));
        ics_raw(b, "TRANSP", "TRANSPARENT");
        ics_raw(b, "END", "VEVENT");
    }
}
