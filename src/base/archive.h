/* archive.h: samla's backup archive.
 *
 * A ZIP file (libzip) whose first entry, manifest.json, says what the
 * archive is and lists every other entry with its size and SHA-256:
 *
 *   {"format": "samla-backup", "version": 1,
 *    "meta": {...},                       — what the writer chose to say
 *    "entries": [{"path": "samla.db", "size": 1234, "sha256": "…"}, …]}
 *
 * Reading trusts nothing in the file: archive_open checks the manifest
 * (format, version, every path well-formed and listed once, the ZIP holds
 * exactly the listed entries with the listed sizes), and archive_extract
 * checks every byte against the manifest's size and SHA-256 (and the
 * ZIP's own CRC) while it copies.  Paths are relative, of the characters
 * A–Z a–z 0–9 . _ - and /, with no empty, "." or ".." segment, so an
 * entry can never be written outside the directory it is extracted into.
 */
#ifndef SAMLA_ARCHIVE_H
#define SAMLA_ARCHIVE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum {
    ARCHIVE_VERSION = 1,                      /* the manifest's "version" */
    ARCHIVE_MAX_PATH = 255,                   /* bytes of an entry's path */
    ARCHIVE_MAX_MANIFEST = 64 * 1024 * 1024,  /* bytes of manifest.json */
};

/* file_sha256: the SHA-256 of the file at path as 64 hex digits in hex,
 * and its size in *size (may be NULL).  E_IO when it cannot be read. */
int file_sha256(const char *path, char hex[65], int64_t *size, Err *e);

/* archive_path_ok: path may name an entry (see above). */
bool archive_path_ok(const char *path);

/* ---- writing ---- */

typedef struct ArchiveWriter ArchiveWriter;

/* archive_create: start an archive that archive_finish will write to
 * path (through a temporary file beside it, synced and renamed into
 * place, so path is never half-written). */
int archive_create(ArchiveWriter **out, const char *path, Err *e);

/* archive_add: put the file src into the archive as path, compressed or
 * stored.  It is hashed now; when want_sha256 is not NULL the content
 * must hash to it (E_INVALID otherwise: the file is damaged).  The file
 * must not change until archive_finish. */
int archive_add(ArchiveWriter *w, const char *path, const char *src, bool compress, const char *want_sha256,
                Err *e);

/* archive_finish: write the manifest (with meta, an object, which is
 * taken over) and every entry, and put the archive at its path.  Frees w,
 * also on failure (then nothing is left at the path). */
int archive_finish(ArchiveWriter *w, json_t *meta, Err *e);

/* archive_discard: give up; nothing is written.  Accepts NULL. */
void archive_discard(ArchiveWriter *w);

/* ---- reading ---- */

typedef struct ArchiveEntry {
    char *path;
    int64_t size;
    char sha256[65];
    int64_t index;        /* in the ZIP */
} ArchiveEntry;

typedef struct Archive {
    void *zip;            /* zip_t */
    ArchiveEntry *entries;
    size_t n;
    json_t *meta;         /* the manifest's "meta" object (borrowed from manifest) */
    json_t *manifest;
} Archive;

/* archive_open: open the archive at path and check its manifest against
 * its contents (not yet the bytes: see archive_extract).  E_INVALID with
 * a message saying what is wrong when it is not a sound samla archive,
 * E_IO when it cannot be read.  archive_close also after a failure. */
int archive_open(Archive *a, const char *path, Err *e);

/* archive_open_mem: the same for an archive held in memory (len bytes at
 * data, which must outlive a). */
int archive_open_mem(Archive *a, const void *data, size_t len, Err *e);

/* archive_find: the entry called path, or NULL. */
const ArchiveEntry *archive_find(const Archive *a, const char *path);

/* archive_extract: copy entry i to fd (fd < 0: read and check only),
 * checking its size, its SHA-256 and the ZIP's CRC.  E_INVALID when the
 * bytes are not what the manifest says (what was written to fd must then
 * be thrown away), E_IO when fd cannot be written. */
int archive_extract(Archive *a, size_t i, int fd, Err *e);

/* archive_close: free everything.  Accepts a zeroed or failed Archive. */
void archive_close(Archive *a);

#endif
