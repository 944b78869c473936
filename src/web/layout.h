/* layout.h: the site layout around every HTML page. */
#ifndef SAMLA_LAYOUT_H
#define SAMLA_LAYOUT_H

#include "app/core/req.h"

/* layout_wrap: replace r->body (the main content) with the complete page:
 * doctype, head with title and style sheet, skip link, header with the
 * main menu, breadcrumbs, <main id="main">, footer.  Sets content_type. */
void layout_wrap(Req *r);

#endif
