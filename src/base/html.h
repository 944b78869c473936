/* html.h: HTML output where every inserted string is escaped.
 *
 * html_printf is the only way page code writes HTML.  Its format string
 * must be a literal (the compiler checks this: -Wformat-nonliteral) and is
 * copied as trusted markup; every %s argument is escaped for use in text and
 * in double- or single-quoted attribute values.  Supported conversions:
 * %s (escaped), %d %i %u %ld %lu %lld %llu %zu, %% .  Anything else aborts
 * in tests, so a mistake shows at once.
 *
 * Markup that is not a literal is a SafeHtml: a value only the builders in
 * this file (and the Markdown renderer later) produce, written with
 * html_safe.
 */
#ifndef SAMLA_HTML_H
#define SAMLA_HTML_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef struct SafeHtml {
    const char *html;   /* trusted markup; never built from unescaped input */
} SafeHtml;

/* html_esc: append s with & < > " ' escaped. NULL appends nothing. */
void html_esc(Buf *b, const char *s);

/* html_printf: see above. */
void html_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* html_safe: append trusted markup. */
void html_safe(Buf *b, SafeHtml h);

/* html_text_block: escaped text where blank lines make paragraphs
 * (<p class="ds-paragraph">) and single newlines make <br>. */
void html_text_block(Buf *b, const char *text);

/* url_enc: s percent-encoded for use as one path segment or query value
 * (everything but A–Z a–z 0–9 - . _ ~ is encoded), in the arena. */
char *url_enc(Arena *a, const char *s);

#endif
