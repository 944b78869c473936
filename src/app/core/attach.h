/* attach.h: files attached to records.
 *
 * Any record can carry attachments.  Who may do what:
 *  - see and download: whoever may read the record, and not only its
 *    public face (a viewer who sees an exempt record under its public title
 *    sees no attachments, as no other field); a hidden record's attachment
 *    answers E_NOTFOUND exactly like a missing one;
 *  - attach: every signed-in reader of the record (not a read-only token):
 *    working groups share documents on the records they work on, as they
 *    comment on them, without each needing the right to change the record;
 *  - delete: the uploader, and whoever may manage the record
 *    (record_can_manage).  A deleted attachment keeps its row (history)
 *    and is hidden everywhere.
 *
 * The content decides the type: libmagic reads the bytes (MAGIC_MIME_TYPE)
 * and the type must be on the allowlist (PDF, Word, Excel, PowerPoint in
 * both their old and OOXML forms, OpenDocument text, spreadsheet and
 * presentation, PNG, JPEG, GIF, WebP, plain text, CSV); the name's
 * extension must belong to the same type (an executable called report.pdf
 * is refused).  Empty files and files over the size limit are refused.  A
 * refused upload stores nothing: no row, no file, no temporary file.
 *
 * Storage is content-addressed: the bytes go to DIR/files/ab/cdef…, named
 * by their SHA-256 (ab = its first two hex digits), written to a temporary
 * file in that directory, fsync'd, renamed into place and the directory
 * fsync'd, so a crash leaves either the whole file or none.  The same
 * content uploaded twice is stored once; each upload has its own row.  A
 * file is removed when its last live row is deleted (or when the row that
 * would have referred to it is never committed).  A crash between the
 * rename and the commit can leave an unreferenced whole file behind; it is
 * harmless and reused by the next upload of the same content.
 *
 * Configuration (attach_set_dir, attach_set_max_size) happens once at
 * start, before any request; afterwards it is only read.  Strings of
 * results live in the caller's arena.  Model messages in Err are English
 * (for the API); pages show the bokmål text of the AttachRefusal.
 */
#ifndef SAMLA_ATTACH_H
#define SAMLA_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/record.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"

enum {
    ATTACH_MB = 1000 * 1000,              /* sizes are decimal: 25 MB = 25,000,000 bytes */
    ATTACH_DEFAULT_MB = 25,               /* the size limit unless configured */
    ATTACH_MAX_MB = 500,                  /* the largest limit that may be configured (bodies are held in memory) */
    ATTACH_FORM_SLACK = 64 * 1024,        /* room for the multipart framing and text fields of an upload */
    ATTACH_MAX_NAME = 255,                /* bytes of a file name */
};

/* Why an upload was refused (0: it was not).  attach_refusal_text gives
 * the bokmål sentence for pages; the API uses the English Err message. */
typedef enum AttachRefusal {
    ATTACH_OK = 0,
    ATTACH_NO_FILE,        /* no file part, or an empty file input */
    ATTACH_EMPTY,          /* 0 bytes */
    ATTACH_TOO_BIG,        /* over attach_max_size */
    ATTACH_BAD_NAME,       /* not UTF-8, control characters, too long, a security grade */
    ATTACH_TYPE,           /* the content is of a type not on the allowlist */
    ATTACH_MISMATCH,       /* the name's extension does not match the content's type */
} AttachRefusal;

typedef struct Attachment {
    int64_t id;
    int64_t record_id;
    const char *name;             /* as uploaded, without folders */
    const char *content_type;     /* found in the content: "application/pdf" */
    const char *sha256;           /* 64 hex digits */
    int64_t size;                 /* bytes */
    const char *created_at;       /* ISO time (UTC) */
    const char *created_by;       /* username */
    const char *created_by_name;  /* full name */
    bool can_delete;              /* the viewer may delete it */
} Attachment;

/* ---- configuration (at start) ---- */

/* attach_set_dir: keep files under data_dir/files (created on first use,
 * mode 0750).  Copies data_dir.  Until it is called, uploads and
 * downloads fail with E_IO. */
void attach_set_dir(const char *data_dir);

/* attach_files_dir: data_dir/files, or NULL before attach_set_dir. */
const char *attach_files_dir(void);

/* attach_set_max_size: the largest file accepted, in bytes (1 MB to
 * ATTACH_MAX_MB); ATTACH_DEFAULT_MB until called. */
void attach_set_max_size(size_t bytes);

/* attach_max_size: the size limit in bytes. */
size_t attach_max_size(void);

/* attach_body_limit: the request body limit for upload routes: the size
 * limit and ATTACH_FORM_SLACK. */
size_t attach_body_limit(void);

/* attach_recover: tidy the files directory after a crash, at start while
 * no upload runs: remove temporary files of uploads that never finished,
 * and put back files a delete had set aside but not yet removed (its
 * transaction may not have committed; a file nothing refers to is
 * harmless).  *removed and *restored (may be NULL) count them.  0, or E_IO
 * when the directory cannot be read (a missing one is fine). */
int attach_recover(int *removed, int *restored, Err *e);

/* ---- checking (no I/O, no database) ---- */

/* attach_check: may a file called name with these len bytes be stored?
 * Runs every content rule: size (empty, limit), name (strict UTF-8, no
 * control characters or path, at most ATTACH_MAX_NAME bytes, no security
 * grade), type from the content against the allowlist, and the
 * extension against the type.  Returns 0 with *type set to the detected
 * media type (a static string), or E_INVALID / E_TOOBIG with *why and an
 * English message in e.  name is the base name (see attach_base_name). */
int attach_check(const char *name, const void *data, size_t len, const char **type, AttachRefusal *why, Err *e);

/* attach_base_name: the part of a browser-sent file name after its last
 * '/' or '\' (old browsers send whole paths), in the arena. */
const char *attach_base_name(Arena *a, const char *filename);

/* attach_refusal_text: the bokmål sentence (a msgid for T()) that says
 * why an upload was refused. */
const char *attach_refusal_text(AttachRefusal why);

/* attach_refusal_code: a short stable token for the API ("empty",
 * "too_big", "type_not_allowed", "name_mismatch", "invalid"). */
const char *attach_refusal_code(AttachRefusal why);

/* attach_refusal_status: the HTTP status for a refusal: 413 too big, 415
 * for a type that is not allowed or does not match the name, else 400. */
int attach_refusal_status(AttachRefusal why);

/* attach_types_text: the allowed types in bokmål for hints, a msgid:
 * "PDF, Word, Excel, …". */
const char *attach_types_text(void);

/* attach_type_label: a short bokmål name of an allowed media type for
 * pages, a msgid ("PDF", "Word", "PNG-bilde"); other types as they are. */
const char *attach_type_label(const char *mime);

/* attach_accept: the value of the file input's accept attribute (the
 * allowed extensions). */
const char *attach_accept(void);

/* attach_size_text: bytes as people read them, in lang (i18n.h): "812
 * byte", "34 kB", "1,4 MB" (decimal units; a comma in bokmål and nynorsk,
 * a point in English; a no-break space before the unit), in the arena. */
const char *attach_size_text(Arena *a, int lang, int64_t bytes);

/* ---- rights ---- */

/* attach_can_add: v may attach files to rec (read with record_get as v):
 * signed in, not a read-only token, and not seeing only its public face. */
bool attach_can_add(const Viewer *v, const Record *rec);

/* ---- the model ---- */

/* attach_add: attach the file name (the base name) with len bytes at data
 * to record record_id as v, from client (for the audit log).  E_NOTFOUND
 * when v may not read the record (or sees only its public face),
 * E_FORBIDDEN when v may not attach (attach_can_add), E_INVALID /
 * E_TOOBIG with *why set when attach_check refuses it, E_IO when the file
 * cannot be written.  On success *out describes the new row (in a) and an
 * audit row was written in the same transaction; the file is on disk
 * before the transaction commits.  On failure nothing is left: no row, no
 * file this call created, no temporary file. */
int attach_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t record_id, const char *name,
               const void *data, size_t len, Attachment *out, AttachRefusal *why, Err *e);

/* attach_list: the live attachments of record record_id as v may see them,
 * oldest first, with can_delete set for v.  E_NOTFOUND when v may not read
 * the record; an empty list when v sees only its public face. */
int attach_list(Db *db, Arena *a, const Viewer *v, int64_t record_id, Attachment **out, size_t *n, Err *e);

/* attach_count: how many live attachments of record record_id v may see
 * (0 for a record v may not read). */
int64_t attach_count(Db *db, const Viewer *v, int64_t record_id);

/* attach_get: live attachment id, if v may read its record (and more than
 * its public face); E_NOTFOUND otherwise, the same for a missing, a
 * deleted and a hidden one. */
int attach_get(Db *db, Arena *a, const Viewer *v, int64_t id, Attachment *out, Err *e);

/* attach_read: the bytes of att (got with attach_get) appended to out.
 * E_IO when the file is missing or its size differs from the row's. */
int attach_read(const Attachment *att, Buf *out, Err *e);

/* attach_delete: mark attachment id deleted as v (the uploader, or
 * record_can_manage on its record), with an audit row in the same
 * transaction, and remove its file when no other live row refers to the
 * content.  E_NOTFOUND as attach_get, E_FORBIDDEN when v may not delete
 * it.  *record_id (may be NULL) gets its record. */
int attach_delete(Db *db, const Viewer *v, const char *client, int64_t id, int64_t *record_id, Err *e);

/* attach_path: the file of content sha256 (64 hex digits) under the files
 * directory, in the arena; NULL before attach_set_dir. */
const char *attach_path(Arena *a, const char *sha256);

/* ---- the store as a whole (backup, restore, samla check) ---- */

/* attach_live_hashes: the contents (SHA-256, 64 hex digits) that live
 * attachment rows refer to, each once, sorted, in a.  Read in the
 * caller's transaction when one is open, so a backup can take the list
 * from the snapshot it copies. */
int attach_live_hashes(Db *db, Arena *a, const char ***out, size_t *n, Err *e);

/* attach_store_check: the store under files_dir against the database:
 * every live attachment's file is there, of the row's size, and hashes
 * to its name; every other file in the store (rows since deleted, or a
 * crash between a file's rename and its row's commit) hashes to its name
 * too, and no temporary file is left.  One line per problem is appended
 * to out; returns the number of problems (0: sound), *files (may be NULL)
 * gets the number of files checked.  E_DB when the rows cannot be read. */
int attach_store_check(Db *db, const char *files_dir, Buf *out, int64_t *files, Err *e);

/* attach_disposition: a Content-Disposition value that makes browsers
 * save the file under name (RFC 6266): attachment; filename="<ASCII
 * fallback>"; filename*=UTF-8''<percent-encoded name>, in the arena. */
const char *attach_disposition(Arena *a, const char *name);

#endif
