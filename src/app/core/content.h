/* content.h: checks every piece of user text passes before it is stored.
 *
 * Text must be strict UTF-8, within its length (counted in characters),
 * free of control characters (newlines only where multiline), and must not
 * carry a security grade: classified information (sikkerhetsloven) does not
 * belong in samla at all, so text marked BEGRENSET, KONFIDENSIELT, HEMMELIG
 * or STRENGT HEMMELIG (the markings in capitals, or "(sikkerhetsgrad)") is
 * refused.  Messages are bokmål sentences for the user, naming the field.
 */
#ifndef SAMLA_CONTENT_H
#define SAMLA_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* content_check_text: 0, or E_INVALID with a bokmål message naming label
 * (a msgid: mark it N_("Tittelen"), so the message can be shown in every
 * language, app/core/i18n.h). */
int content_check_text(const char *text, size_t max_chars, bool multiline, const char *label, Err *e);

/* content_security_grade: the grade marking found in text ("HEMMELIG"),
 * or NULL when there is none. */
const char *content_security_grade(const char *text);

#endif
