/* utf8.h: strict UTF-8 validation and decoding.
 *
 * "Strict" means: no overlong forms, no surrogates (U+D800–U+DFFF), nothing
 * above U+10FFFF, no truncated sequences.  Everything samla stores and
 * shows passes utf8_valid first.
 */
#ifndef SAMLA_UTF8_H
#define SAMLA_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* utf8_valid: true when the n bytes at s are strict UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* utf8_next: decode one code point at *p (before end), advance *p past it.
 * Invalid bytes decode as U+FFFD and advance by one byte. */
uint32_t utf8_next(const char **p, const char *end);

/* utf8_has_control: true when s has a C0/C1 control character other than
 * tab, newline and carriage return (allowed only when multiline). */
bool utf8_has_control(const char *s, size_t n, bool multiline);

#endif
