/* view.h: pieces of HTML shared by several pages (measure tables, status
 * tags, Norwegian dates).  All output goes through html_printf, so every
 * value is escaped.
 */
#ifndef SAMLA_VIEW_H
#define SAMLA_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/req.h"
#include "base/buf.h"

/* view_option: an <option> with value and label, selected when asked. */
void view_option(Buf *b, const char *value, const char *label, bool selected);

/* view_text_field: a Designsystemet field: label, optional description,
 * input (type "text", "password", "email"), and the error message when
 * error is not NULL (aria-invalid, aria-describedby wired up).  autocomplete
 * may be NULL. */
void view_text_field(Buf *b, const char *id, const char *label, const char *value, const char *type,
                     const char *autocomplete, const char *description, const char *error, bool required);

/* view_form_error: an alert (role="alert") with a message, when msg is set. */
void view_form_error(Buf *b, const char *msg);

/* view_csrf: the hidden form-token field. */
void view_csrf(Buf *b, Req *r);

/* Dates and times in the request's language, in r->arena:
 *  view_date: "2024-01-01" as "1. januar 2024" ("1 January 2024"); other
 *    input as it is, NULL as "";
 *  view_short_date: "2025-12-31" as "31.12.2025" ("31/12/2025");
 *  view_time: an ISO UTC time as "23. november 2026 kl. 04:00" ("… at
 *    04:00") in local time (Europe/Oslo unless TZ says otherwise);
 *  view_unix_time: a unix time as "23.11.2026 kl. 14:05" (UTC), 0 as
 *    "aldri" ("never").
 * The formats and month names are in the catalogues. */
const char *view_date(Req *r, const char *iso);
const char *view_short_date(Req *r, const char *iso);
const char *view_time(Req *r, const char *iso);
const char *view_unix_time(Req *r, long long t);

/* view_error: the standard error content for status (404, 400 …) in the
 * request's language, with an optional detail sentence (already
 * translated: T(r, "…")), and set r->title. */
int view_error(Req *r, int status, const char *detail);

/* view_redirect_done (notice.c): a 303 to path?done=code, after an
 * action that succeeded; view_notice shows the message of the code (from
 * a fixed table: the query cannot put its own text on the page). */
int view_redirect_done(Req *r, const char *path, const char *code);
void view_notice(Req *r);

#endif
