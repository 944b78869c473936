/* err.h: error codes and the error value that carries a message.
 *
 * Functions that can fail return int: 0 on success, one of the negative
 * E_ codes below on failure, and (when given an Err *) a message that says
 * what went wrong in one English sentence.  The Err is a fixed buffer so
 * filling it never allocates.
 */
#ifndef SAMLA_ERR_H
#define SAMLA_ERR_H

#include <stdarg.h>

enum {
    E_OK = 0,
    E_NOTFOUND = -1,   /* the thing asked for does not exist */
    E_INVALID = -2,    /* the input is malformed or out of range */
    E_FORBIDDEN = -3,  /* the caller may not do this */
    E_CONFLICT = -4,   /* the state does not allow it (duplicate, stale) */
    E_DB = -5,         /* the database failed */
    E_IO = -6,         /* the file system or network failed */
    E_TOOBIG = -7,     /* the input is larger than allowed */
    E_NEWER = -8,      /* the database was written by a newer samla */
};

typedef struct Err {
    int code;       /* the E_ code, 0 when no error was set */
    char msg[256];  /* NUL-terminated message, "" when none */
} Err;

/* err_set: store code and a printf-formatted message in e (which may be
 * NULL) and return code, so callers can write `return err_set(e, ...)`. */
int err_set(Err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* err_name: a short stable name for a code ("not_found", "invalid", ...),
 * used as the machine-readable code in API errors. */
const char *err_name(int code);

#endif
