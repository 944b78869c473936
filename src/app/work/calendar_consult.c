/* calendar_consult.c: the consultation deadlines in a person's calendar
 * feed, through the consult domain's door. */
#include "app/consult/consult.h"
#include "app/core/i18n.h"
#include "app/work/work_int.h"

void wk_feed_consult(Db *db, Arena *a, const Viewer *v, int lang, Buf *b)
{
    Answer *aw;
    Round *sent;
    size_t na = 0, ns = 0;
    if (!v->ministry_id || consult_inbox(db, a, v, &aw, &na, &sent, &ns, NULL)) {
        return;
    }
    for (size_t i = 0; i < na; i++) {
        if (aw[i].rec.masked || !aw[i].deadline || aw[i].answered_on) {
            continue;
        }
        ics_raw(b, "BEGIN", "VEVENT");
        ics_raw(b, "UID", arena_printf(a, "answer-%lld@samla", (long long)aw[i].rec.id));
        ics_stamp(b);
        ics_date(b, "DTSTART", aw[i].deadline);
        ics_prop(b, "SUMMARY", i18n_msg(a, lang, arena_printf(a, N_("Svarfrist: %s"),
                                                              aw[i].case_title ? aw[i].case_title : aw[i].rec.title)));
        ics_raw(b, "TRANSP", "TRANSPARENT");
        ics_raw(b, "END", "VEVENT");
    }
}
