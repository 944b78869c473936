/* util.h: allocation wrappers that never return NULL, and small helpers.
 *
 * xmalloc and friends abort the process on out-of-memory: a server that
 * cannot allocate a few bytes cannot answer anyway, and callers are spared
 * NULL checks.  Everything they return is freed with free().
 */
#ifndef SAMLA_UTIL_H
#define SAMLA_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* die: print "samla: <message>" to stderr and exit(1).  Only for start-up
 * and the CLI; never reachable from a request. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* now_ms / now_us: monotonic clock in milliseconds / microseconds. */
int64_t now_ms(void);
int64_t now_us(void);

/* time_iso: write the current UTC time as 2026-11-23T02:00:00.123Z into
 * out (at least 32 bytes). */
void time_iso(char *out, size_t n);

/* date_today: write today's date (UTC) as YYYY-MM-DD into out (at least
 * 11 bytes).  The environment variable SAMLA_TODAY, when it holds a valid
 * date, is used instead: the demo and the tests set the clock with it, so
 * that «today» (the current strategy period, deadlines, the demo's dates)
 * can be any day. */
void date_today(char *out, size_t n);

/* str_eq: true when both strings are equal (NULL equals only NULL). */
bool str_eq(const char *a, const char *b);

/* str_has_prefix: true when s starts with prefix. */
bool str_has_prefix(const char *s, const char *prefix);

/* date_valid: s is a real calendar date written YYYY-MM-DD (1900–2200). */
bool date_valid(const char *s);

/* parse_int: parse a whole decimal string into *out within [min, max];
 * false on empty input, trailing characters or overflow. */
bool parse_int(const char *s, long long min, long long max, long long *out);

#endif
