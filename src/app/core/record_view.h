/* record_view.h: the parts of a record page that every kind shares —
 * «Hvem har tilgang», links, attachments, comments — and the one history
 * component.  A kind's show page renders its own fields, then calls
 * record_sections; its history page calls record_history_section.  All
 * output is escaped (html_printf). */
#ifndef SAMLA_RECORD_VIEW_H
#define SAMLA_RECORD_VIEW_H

#include "app/core/record.h"
#include "app/core/req.h"

/* record_sections: after a kind's own fields: who has access (signed-in
 * users), links, attachments and comments of rec, with the forms the
 * viewer may use.  Nothing for a masked record (the public face only). */
void record_sections(Req *r, const Record *rec);

/* record_history_section: the versions v[0..n) as one section each, with
 * a table of field, before and after (labels as the kind gives them). */
void record_history_section(Req *r, const Record *rec, const RecordVersion *v, size_t n);

/* record_visibility_label: the label of a visibility value in r's
 * language. */
const char *record_visibility_label(Req *r, const char *visibility);

#endif
