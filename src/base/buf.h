/* buf.h: the one string builder.
 *
 * A Buf is a growable byte string, always NUL-terminated once anything has
 * been written (buf_str returns "" for an empty Buf).  Memory comes from
 * malloc; buf_free releases it, buf_take hands ownership to the caller.
 * A zeroed Buf is a valid empty Buf.
 */
#ifndef SAMLA_BUF_H
#define SAMLA_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
    char *data;   /* bytes, NUL-terminated; NULL while empty */
    size_t len;   /* bytes written, excluding the NUL */
    size_t cap;   /* bytes allocated */
} Buf;

void buf_grow(Buf *b, size_t extra);
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
const char *buf_str(const Buf *b);
void buf_reset(Buf *b);          /* empty it, keep the memory */
char *buf_take(Buf *b);          /* the bytes (malloc'd, caller frees); b is empty after */
void buf_free(Buf *b);           /* release; accepts a zeroed Buf */

#endif
