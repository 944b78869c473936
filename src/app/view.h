/* view.h: pieces of HTML shared by several pages (measure tables, status
 * tags, Norwegian dates).  All output goes through html_printf, so every
 * value is escaped.
 */
#ifndef SAMLA_VIEW_H
#define SAMLA_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/measure.h"
#include "app/req.h"

/* view_status_tag: a Designsystemet tag for a measure status. */
void view_status_tag(Buf *b, const char *status);

/* view_measure_table: a table of measures with a caption; show_area adds
 * the target-area column, show_owner the owner column.  An empty list
 * writes the empty text instead. */
void view_measure_table(Buf *b, const char *caption, const Measure *m, size_t n, bool show_area,
                        bool show_owner, const char *empty);

/* view_option: an <option> with value and label, selected when asked. */
void view_option(Buf *b, const char *value, const char *label, bool selected);

/* view_date: "2024-01-01" as "1. januar 2024" in the arena; other input
 * is returned as it is, NULL as "". */
const char *view_date(Arena *a, const char *iso);

/* view_error: the standard error content for status (404, 400 …) with an
 * optional detail sentence (Norwegian), and set r->title. */
int view_error(Req *r, int status, const char *detail);

#endif
