/* url.h: percent-decoding and query / form parsing.
 *
 * Everything decoded here is checked: a malformed escape (%G1, a lone %),
 * an encoded NUL, or bytes that are not strict UTF-8 make the whole input
 * invalid (E_INVALID), so handlers only ever see clean UTF-8 strings.
 * Results live in the caller's arena.
 */
#ifndef SAMLA_URL_H
#define SAMLA_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"

typedef struct Param {
    const char *name;    /* decoded name, UTF-8 */
    const char *value;   /* decoded value, UTF-8, "" when absent */
} Param;

typedef struct Params {
    Param *v;            /* array in the arena */
    size_t n;            /* number of pairs */
} Params;

enum { URL_MAX_PARAMS = 256 };

/* url_decode: decode n bytes of s; '+' becomes a space when plus is true.
 * Returns the decoded string in the arena, or NULL when the input is
 * malformed, decodes to a NUL byte, or is not strict UTF-8. */
char *url_decode(Arena *a, const char *s, size_t n, bool plus);

/* url_parse_query: parse "a=1&b=%C3%A6" (a query string or an
 * application/x-www-form-urlencoded body) into out.  Empty pairs are
 * skipped.  Returns 0, or E_INVALID / E_TOOBIG with a message in e. */
int url_parse_query(Arena *a, const char *s, size_t n, Params *out, Err *e);

/* params_get: the value of the first pair called name, or NULL. */
const char *params_get(const Params *p, const char *name);

#endif
