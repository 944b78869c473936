/* collate.h: Norwegian alphabetical order.
 *
 * The Norwegian alphabet ends with æ, ø, å after z.  Comparison is in two
 * levels: first by letters ignoring case and accents (é = e, ü = y, ä = æ,
 * ö = ø, aa is left as two a's), digits before letters, spaces and
 * punctuation before digits; ties are broken by case (lower first) and
 * then by bytes, so the order is total and stable.
 */
#ifndef SAMLA_COLLATE_H
#define SAMLA_COLLATE_H

#include <stddef.h>

/* collate_nb: <0, 0 or >0 as a sorts before, equal to or after b.  Both are
 * UTF-8 of the given lengths (invalid bytes sort as U+FFFD). */
int collate_nb(const char *a, size_t na, const char *b, size_t nb);

/* collate_nb_str: the same for NUL-terminated strings. */
int collate_nb_str(const char *a, const char *b);

#endif
