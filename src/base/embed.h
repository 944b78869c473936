/* embed.h: files compiled into the binary.
 *
 * The build generates the table (build/gen/embed.c) from the migrations,
 * the demo content, the OpenAPI document and the style sheets, so a
 * deployment is the binary alone.  Names are logical paths such as
 * "migrations/001_foundation.sql".  Data is NUL-terminated (the NUL is not
 * counted in len) and read-only for the life of the process.
 */
#ifndef SAMLA_EMBED_H
#define SAMLA_EMBED_H

#include <stddef.h>

typedef struct EmbedFile {
    const char *name;            /* logical path */
    const unsigned char *data;   /* contents, NUL-terminated */
    const unsigned char *end;    /* one past the last byte (the NUL) */
} EmbedFile;

/* embed_len: bytes in f, excluding the NUL. */
static inline size_t embed_len(const EmbedFile *f)
{
    return (size_t)(f->end - f->data);
}

extern const EmbedFile g_embed[];
extern const size_t g_embed_count;

/* embed_find: the file called name, or NULL. */
const EmbedFile *embed_find(const char *name);

#endif
