/* attach.c: the attachment model — rows, rights, audit, and the
 * content-addressed files under DIR/files (see attach.h for the rules).
 *
 * Files and transactions.  A file is written (temporary file, fsync,
 * rename, directory fsync) before the row's transaction, so the slow part
 * does not hold the write lock.  Inside the transaction the file is looked
 * at again and rewritten if a concurrent delete removed it in between; a
 * file is removed only inside a write transaction that has just seen no
 * live row referring to it.  The write lock thus orders "is the file
 * there? insert the row" against "no row refers to it? remove the file",
 * and a committed live row always has its file.
 *
 * Removing a file on delete: it is renamed aside before the commit and
 * unlinked after it (renamed back if the commit fails).  When the caller
 * holds a transaction of its own, files are never removed: the caller may
 * still roll back, and an unreferenced file is harmless.
 */
#include "app/core/attach.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "base/util.h"

/* What a viewer may see of attachment row a: live, on a record the viewer
 * may read, and not only its public face. */
#define ATTACH_SEEN                                                                                    \
    "a.deleted_at IS NULL AND " ACCESS_ID("a.record_id")                                               \
    " AND NOT EXISTS (SELECT 1 FROM record mr WHERE mr.id = a.record_id AND " ACCESS_MASKED("mr") ")"

#define ATTACH_COLS                                                                                    \
    "a.id, a.record_id, a.name, a.content_type, a.sha256, a.size, a.created_at, u.username, u.full_name, " \
    "a.created_by FROM attachment a JOIN account u ON u.id = a.created_by "

/* ---- files --------------------------------------------------------------- */

const char *attach_path(Arena *a, const char *sha256)
{
    const char *dir = attach_files_dir();
    if (!dir || !sha256 || strlen(sha256) != 64) {
        return NULL;
    }
    return arena_printf(a, "%s/%.2s/%s", dir, sha256, sha256 + 2);
}

static void fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* mkdir path (mode 0750) unless it exists; when it was made, fsync its
 * parent so the new entry is durable. */
static int ensure_dir(Arena *a, const char *path, Err *e)
{
    if (mkdir(path, 0750) == 0) {
        const char *slash = strrchr(path, '/');
        fsync_dir(slash && slash != path ? arena_strndup(a, path, (size_t)(slash - path)) : ".");
        return 0;
    }
    struct stat st;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        return 0;
    }
    return err_set(e, E_IO, "cannot create the attachment directory %s: %s", path, strerror(errno));
}

static bool file_ok(const char *path, size_t len)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Make sure the file of content hex (len bytes at data) is on disk, whole.
 * *created: this call wrote it (it was missing or damaged). */
static int store_file(Arena *a, const char *hex, const void *data, size_t len, bool *created, Err *e)
{
    *created = false;
    const char *root = attach_files_dir();
    if (!root) {
        return err_set(e, E_IO, "attachments are not configured: no data directory");
    }
    const char *final = attach_path(a, hex);
    if (file_ok(final, len)) {
        return 0;
    }
    const char *sub = arena_printf(a, "%s/%.2s", root, hex);
    if (ensure_dir(a, root, e) || ensure_dir(a, sub, e)) {
        return E_IO;
    }
    char *tmp = arena_printf(a, "%s/.tmp-XXXXXX", sub);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        return err_set(e, E_IO, "cannot create a file in %s: %s", sub, strerror(errno));
    }
    int rc = fchmod(fd, 0640) || write_all(fd, data, len) || fsync(fd);
    int err = errno;
    if (close(fd) && !rc) {
        rc = -1;
        err = errno;
    }
    if (!rc && rename(tmp, final)) {
        rc = -1;
        err = errno;
    }
    if (rc) {
        unlink(tmp);
        return err_set(e, E_IO, "cannot write the attachment: %s", strerror(err));
    }
    fsync_dir(sub);
    *created = true;
    return 0;
}

/* Tidy one two-hex-digit directory (see attach_recover). */
static void recover_dir(Arena *a, const char *sub, int *removed, int *restored)
{
    DIR *d = opendir(sub);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        const char *name = de->d_name;
        size_t n = strlen(name);
        const char *path = arena_printf(a, "%s/%s", sub, name);
        if (str_has_prefix(name, ".tmp-")) {
            *removed += unlink(path) == 0;
        } else if (n == 62 + strlen(".deleted") && str_eq(name + 62, ".deleted")) {
            const char *final = arena_strndup(a, path, strlen(path) - strlen(".deleted"));
            if (access(final, F_OK) == 0) {
                *removed += unlink(path) == 0;
            } else {
                *restored += rename(path, final) == 0;
            }
        }
    }
    if (d) {
        closedir(d);
        fsync_dir(sub);
    }
}

int attach_recover(int *removed, int *restored, Err *e)
{
    int rm = 0, back = 0;
    const char *root = attach_files_dir();
    DIR *d = root ? opendir(root) : NULL;
    if (root && !d && errno != ENOENT) {
        return err_set(e, E_IO, "cannot read %s: %s", root, strerror(errno));
    }
    Arena a = {0};
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (strlen(de->d_name) == 2 && strspn(de->d_name, "0123456789abcdef") == 2) {
            recover_dir(&a, arena_printf(&a, "%s/%s", root, de->d_name), &rm, &back);
        }
    }
    if (d) {
        closedir(d);
    }
    arena_free(&a);
    if (removed) {
        *removed = rm;
    }
    if (restored) {
        *restored = back;
    }
    return 0;
}

/* A live row other than except (0: none) refers to content hex. */
static bool hash_in_use(Db *db, const char *hex, int64_t except)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM attachment WHERE sha256 = ?1 AND deleted_at IS NULL AND id <> ?2");
    db_bind_text(s, 1, hex);
    db_bind_int(s, 2, except);
    int rc = db_step(s);
    db_done(s);
    return rc != DB_DONE;   /* an error counts as in use: never remove on doubt */
}

/* After a failed insert: remove the file this upload created unless a
 * live row refers to it (checked under the write lock). */
static void drop_unused(Db *db, Arena *a, const char *hex)
{
    if (db_in_tx(db) || db_begin(db, NULL)) {
        return;
    }
    if (!hash_in_use(db, hex, 0)) {
        const char *path = attach_path(a, hex);
        unlink(path);
        fsync_dir(arena_strndup(a, path, strlen(path) - 63));
    }
    db_commit(db, NULL);
}

/* ---- rows ---------------------------------------------------------------- */

static void read_row(Stmt *s, Arena *a, Attachment *out)
{
    memset(out, 0, sizeof *out);
    out->id = db_col_int(s, 0);
    out->record_id = db_col_int(s, 1);
    out->name = db_col_dup(s, 2, a);
    out->content_type = db_col_dup(s, 3, a);
    out->sha256 = db_col_dup(s, 4, a);
    out->size = db_col_int(s, 5);
    out->created_at = db_col_dup(s, 6, a);
    out->created_by = db_col_dup(s, 7, a);
    out->created_by_name = db_col_dup(s, 8, a);
}

static bool may_delete(const Viewer *v, const Record *rec, int64_t uploader)
{
    if (!v || !v->user_id || v->read_only) {
        return false;
    }
    return uploader == v->user_id || record_can_manage(v, rec);
}

bool attach_can_add(const Viewer *v, const Record *rec)
{
    return v && v->user_id && !v->read_only && rec && rec->kind && !rec->masked;
}

/* Record id as v may see more than its public face, else E_NOTFOUND. */
static int readable_record(Db *db, Arena *a, const Viewer *v, int64_t id, Record *rec, Err *e)
{
    if (record_get(db, a, v, id, rec, e) || rec->masked) {
        return err_set(e, E_NOTFOUND, "no such record");
    }
    return 0;
}

static int insert_row(Db *db, Arena *a, const Viewer *v, const char *client, const Record *rec, const char *name,
                      const char *type, const char *hex, size_t len, const char *now, int64_t *id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO attachment (record_id, sha256, name, content_type, size, created_at, "
                             "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    db_bind_int(s, 1, rec->id);
    db_bind_text(s, 2, hex);
    db_bind_text(s, 3, name);
    db_bind_text(s, 4, type);
    db_bind_int(s, 5, (int64_t)len);
    db_bind_text(s, 6, now);
    db_bind_int(s, 7, v->user_id);
    int rc = db_step(s);
    db_done(s);
    if (rc != DB_DONE) {
        return err_set(e, E_DB, "saving the attachment failed");
    }
    *id = db_last_id(db);
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)*id);
    const char *summary = arena_printf(a, "%s %lld: %s (%s, %zu bytes, sha256 %s)", rec->kind->name,
                                       (long long)rec->id, name, type, len, hex);
    return audit_append(db, v, client, "attachment.add", "attachment", oid, summary, e);
}

int attach_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t record_id, const char *name,
               const void *data, size_t len, Attachment *out, AttachRefusal *why, Err *e)
{
    *why = ATTACH_OK;
    Record rec;
    if (readable_record(db, a, v, record_id, &rec, e)) {
        return E_NOTFOUND;
    }
    if (!attach_can_add(v, &rec)) {
        return err_set(e, E_FORBIDDEN, "you may not attach files to this record");
    }
    const char *type;
    int rc = attach_check(name, data, len, &type, why, e);
    if (rc) {
        return rc;
    }
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    crypto_hash_sha256(hash, data, len);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    bool created = false, again = false;
    if (store_file(a, hex, data, len, &created, e)) {
        return E_IO;
    }
    int64_t id = 0;
    char now[32];
    time_iso(now, sizeof now);
    rc = db_begin(db, e);
    if (!rc) {
        /* Under the write lock: a delete may have removed the file since. */
        rc = store_file(a, hex, data, len, &again, e);
        created |= again;
        if (!rc) {
            rc = insert_row(db, a, v, client, &rec, name, type, hex, len, now, &id, e);
        }
        rc = db_finish(db, rc, e);
    }
    if (rc) {
        if (created) {
            drop_unused(db, a, hex);
        }
        return rc;
    }
    *out = (Attachment){.id = id, .record_id = rec.id, .name = arena_strdup(a, name), .content_type = type,
                        .sha256 = arena_strdup(a, hex), .size = (int64_t)len, .created_by = v->username,
                        .created_at = arena_strdup(a, now), .created_by_name = v->full_name, .can_delete = true};
    return 0;
}

int attach_list(Db *db, Arena *a, const Viewer *v, int64_t record_id, Attachment **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Record rec;
    if (record_get(db, a, v, record_id, &rec, e)) {
        return E_NOTFOUND;
    }
    if (rec.masked) {
        return 0;   /* the public face of an exempt record has no attachments */
    }
    Stmt *s = db_prepare(db, "SELECT " ATTACH_COLS "WHERE a.record_id = ?1 AND " ATTACH_SEEN " ORDER BY a.id");
    db_bind_int(s, 1, record_id);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Attachment *at = arena_push(a, out, n, &cap, sizeof **out);
        read_row(s, a, at);
        at->can_delete = may_delete(v, &rec, db_col_int(s, 9));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the attachments failed") : 0;
}

int64_t attach_count(Db *db, const Viewer *v, int64_t record_id)
{
    Stmt *s = db_prepare(db, "SELECT count(*) FROM attachment a WHERE a.record_id = ?1 AND " ATTACH_SEEN);
    db_bind_int(s, 1, record_id);
    access_bind(s, v);
    int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return n;
}

/* Attachment id as v may see it, with its record; *uploader gets the
 * uploader's account id. */
static int load(Db *db, Arena *a, const Viewer *v, int64_t id, Attachment *out, Record *rec, int64_t *uploader,
                Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " ATTACH_COLS "WHERE a.id = ?1 AND " ATTACH_SEEN);
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_row(s, a, out);
        *uploader = db_col_int(s, 9);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the attachment failed");
    }
    if (rc != DB_ROW || readable_record(db, a, v, out->record_id, rec, e)) {
        return err_set(e, E_NOTFOUND, "no such attachment");
    }
    out->can_delete = may_delete(v, rec, *uploader);
    return 0;
}

int attach_get(Db *db, Arena *a, const Viewer *v, int64_t id, Attachment *out, Err *e)
{
    Record rec;
    int64_t uploader;
    return load(db, a, v, id, out, &rec, &uploader, e);
}

int attach_read(const Attachment *att, Buf *out, Err *e)
{
    Arena a = {0};
    const char *path = attach_path(&a, att->sha256);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    arena_free(&a);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || st.st_size != att->size) {
        if (fd >= 0) {
            close(fd);
        }
        return err_set(e, E_IO, "the file of attachment %lld is missing or damaged", (long long)att->id);
    }
    buf_grow(out, (size_t)att->size + 1);
    size_t want = (size_t)att->size, got = 0;
    while (got < want) {
        ssize_t n = read(fd, out->data + out->len + got, want - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    close(fd);
    if (got != want) {
        return err_set(e, E_IO, "reading the file of attachment %lld failed", (long long)att->id);
    }
    out->len += got;
    out->data[out->len] = 0;
    return 0;
}

/* Inside the delete's transaction: mark the row and audit it. */
static int mark_deleted(Db *db, Arena *a, const Viewer *v, const char *client, const Attachment *att, Err *e)
{
    char now[32];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "UPDATE attachment SET deleted_at = ?2, deleted_by = ?3 "
                             "WHERE id = ?1 AND deleted_at IS NULL");
    db_bind_int(s, 1, att->id);
    db_bind_text(s, 2, now);
    db_bind_int(s, 3, v->user_id);
    int rc = db_step(s);
    db_done(s);
    if (rc != DB_DONE || db_changes(db) != 1) {
        return err_set(e, E_DB, "deleting the attachment failed");
    }
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)att->id);
    const char *summary = arena_printf(a, "record %lld: %s (sha256 %s)", (long long)att->record_id, att->name,
                                       att->sha256);
    return audit_append(db, v, client, "attachment.delete", "attachment", oid, summary, e);
}

int attach_delete(Db *db, const Viewer *v, const char *client, int64_t id, int64_t *record_id, Err *e)
{
    Arena a = {0};
    Attachment att;
    Record rec;
    int64_t uploader = 0;
    bool own_tx = !db_in_tx(db);
    const char *path = NULL, *aside = NULL;
    int rc = db_begin(db, e);
    if (rc) {
        goto done;
    }
    rc = load(db, &a, v, id, &att, &rec, &uploader, e);
    if (!rc && !att.can_delete) {
        rc = err_set(e, E_FORBIDDEN, "only the uploader and those who may change the record may delete it");
    }
    if (!rc) {
        rc = mark_deleted(db, &a, v, client, &att, e);
    }
    if (!rc && own_tx && !hash_in_use(db, att.sha256, att.id) && (path = attach_path(&a, att.sha256))) {
        aside = arena_printf(&a, "%s.deleted", path);
        if (rename(path, aside)) {
            aside = NULL;   /* already gone: nothing to remove */
        }
    }
    rc = db_finish(db, rc, e);
    if (aside) {
        if (rc) {
            rename(aside, path);
        } else {
            unlink(aside);
            fsync_dir(arena_strndup(&a, path, strlen(path) - 63));
        }
    }
    if (!rc && record_id) {
        *record_id = att.record_id;
    }
done:
    arena_free(&a);
    return rc;
}
