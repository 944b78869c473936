/* multipart.h: a small, strict parser for multipart/form-data bodies
 * (RFC 7578), as browsers send them for forms with a file input.
 *
 * Strict means: the body must start with the first delimiter (no
 * preamble), every part must carry exactly one Content-Disposition:
 * form-data header with a name, header lines end in CRLF and are plain
 * "Name: value" (no folding, no control characters, names and file names
 * strict UTF-8), the close delimiter must come last (a CRLF may follow it,
 * nothing else), and the limits below hold.  Anything else is E_INVALID;
 * a limit exceeded is E_TOOBIG.  Nothing is decoded: names and file names
 * are returned as sent (browsers percent-encode '"', CR and LF in them).
 *
 * Memory: names, file names and content types are copied into the arena;
 * part data points into the body, which must outlive the result.
 */
#ifndef SAMLA_MULTIPART_H
#define SAMLA_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "url.h"

enum {
    MULTIPART_MAX_PARTS = 32,        /* parts in one body */
    MULTIPART_MAX_HEADER = 4096,     /* bytes of one part's header block */
    MULTIPART_MAX_NAME = 200,        /* bytes of a field name */
    MULTIPART_MAX_FILENAME = 1024,   /* bytes of a file name */
    MULTIPART_MAX_BOUNDARY = 70,     /* RFC 2046 */
};

typedef struct MultipartPart {
    const char *name;          /* the form field name (arena), never NULL */
    const char *filename;      /* the file name as sent (arena); NULL when the part is no file */
    const char *content_type;  /* the part's Content-Type (arena); NULL when none */
    const char *data;          /* the part's bytes: points into the body, not NUL-terminated */
    size_t len;                /* bytes of data */
} MultipartPart;

typedef struct Multipart {
    MultipartPart *parts;      /* in body order (arena) */
    size_t n;
} Multipart;

/* multipart_boundary: the boundary parameter of a multipart/form-data
 * Content-Type header (token or quoted string, 1–70 characters from the
 * RFC 2046 set), in the arena.  E_INVALID when content_type is NULL, of
 * another type, or has no valid boundary. */
int multipart_boundary(Arena *a, const char *content_type, const char **boundary, Err *e);

/* multipart_parse: split body (len bytes) into parts using the boundary
 * of content_type.  max_part limits the data of any one part (bytes).
 * Returns 0 with *out filled, or E_INVALID / E_TOOBIG with an English
 * message in e (*out is then empty). */
int multipart_parse(Arena *a, const char *content_type, const char *body, size_t len, size_t max_part,
                    Multipart *out, Err *e);

/* multipart_get: the first part called name, or NULL. */
const MultipartPart *multipart_get(const Multipart *m, const char *name);

/* multipart_text: the data of the first part called name as a
 * NUL-terminated string in the arena; NULL when there is no such part or
 * its data holds a NUL byte or is not strict UTF-8. */
const char *multipart_text(Arena *a, const Multipart *m, const char *name);

/* multipart_fields: the parts that are not files and whose data is strict
 * UTF-8 without NUL, as Params (name, value copied into the arena) in body
 * order — what a urlencoded form body would have given.  Returns how many. */
size_t multipart_fields(Arena *a, const Multipart *m, Params *out);

#endif
