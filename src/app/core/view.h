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

/* view_unix_time: a unix time as "23.11.2026 kl. 14:05" (UTC) in the arena;
 * 0 gives "aldri". */
const char *view_unix_time(Arena *a, long long t);

/* view_short_date: "2025-12-31" as "31.12.2025" (valid until 8 more calls
 * on this thread); other input as it is. */
const char *view_short_date(const char *iso);

/* view_time: an ISO UTC time as "23. november 2026 kl. 04:00" in local
 * time (Europe/Oslo unless TZ says otherwise), in the arena. */
const char *view_time(Arena *a, const char *iso);

/* view_date: "2024-01-01" as "1. januar 2024" in the arena; other input
 * is returned as it is, NULL as "". */
const char *view_date(Arena *a, const char *iso);

/* view_error: the standard error content for status (404, 400 …) with an
 * optional detail sentence (Norwegian), and set r->title. */
int view_error(Req *r, int status, const char *detail);

/* view_redirect_done (notice.c): a 303 to path?done=code, after an
 * action that succeeded; view_notice shows the message of the code (from
 * a fixed table: the query cannot put its own text on the page). */
int view_redirect_done(Req *r, const char *path, const char *code);
void view_notice(Req *r);

#endif
