/* attach_store.c: the attachment store as a whole — the list a backup
 * copies, and the check of every file against its name and the rows (see
 * attach.h).  Read-only: nothing here changes the store. */
#include "app/core/attach.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/archive.h"
#include "base/util.h"

/* A database from before attachments (schema < 7, not yet upgraded) has
 * no attachment table: it has no attachments. */
static bool has_attachments(Db *db)
{
    return db_exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachment'", 0);
}

int attach_live_hashes(Db *db, Arena *a, const char ***out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!has_attachments(db)) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT DISTINCT sha256 FROM attachment WHERE deleted_at IS NULL ORDER BY sha256");
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        const char **slot = arena_push(a, out, n, &cap, sizeof **out);
        *slot = db_col_dup(s, 0, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the attachments failed") : 0;
}

static bool is_hex(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

/* Every file in one two-hex-digit directory hashes to its name. */
static int check_dir(Arena *a, const char *root, const char *sub, Buf *out, int64_t *files)
{
    int problems = 0;
    const char *dir = arena_printf(a, "%s/%s", root, sub);
    DIR *d = opendir(dir);
    if (!d) {
        buf_printf(out, "attachments: cannot read %s: %s\n", dir, strerror(errno));
        return 1;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            continue;
        }
        const char *path = arena_printf(a, "%s/%s", dir, name);
        if (!is_hex(name, 62)) {
            buf_printf(out, "attachments: %s is not a stored file (a temporary file left by a crash, or a stray "
                            "file; samla serve removes temporary files at start)\n", path);
            problems++;
            continue;
        }
        char hex[65];
        Err fe = {0};
        (*files)++;
        if (file_sha256(path, hex, NULL, &fe)) {
            if (access(path, F_OK) != 0 && errno == ENOENT) {
                (*files)--;   /* removed by a delete since the directory was read: not damage */
                continue;
            }
            buf_printf(out, "attachments: %s\n", fe.msg);
            problems++;
        } else if (strncmp(hex, sub, 2) != 0 || strcmp(hex + 2, name) != 0) {
            buf_printf(out, "attachments: %s is damaged: its content hashes to %s\n", path, hex);
            problems++;
        }
    }
    closedir(d);
    return problems;
}

int attach_store_check(Db *db, const char *files_dir, Buf *out, int64_t *files, Err *e)
{
    int problems = 0;
    int64_t nfiles = 0;
    Arena a = {0};
    /* Every live row has its file, of its size (the content is hashed in
     * the walk below). */
    Stmt *s = has_attachments(db)
        ? db_prepare(db, "SELECT id, sha256, size FROM attachment WHERE deleted_at IS NULL ORDER BY id")
        : NULL;
    int rc = DB_DONE;
    int64_t *missing = NULL;
    const char **missing_path = NULL;
    size_t nmissing = 0, cap = 0, cap2 = 0, n2 = 0;
    while (s && (rc = db_step(s)) == DB_ROW) {
        const char *hex = db_col_text(s, 1);
        const char *path = arena_printf(&a, "%s/%.2s/%s", files_dir, hex, strlen(hex) > 2 ? hex + 2 : "");
        struct stat st;
        if (stat(path, &st) || !S_ISREG(st.st_mode)) {
            *(int64_t *)arena_push(&a, &missing, &nmissing, &cap, sizeof *missing) = db_col_int(s, 0);
            *(const char **)arena_push(&a, &missing_path, &n2, &cap2, sizeof *missing_path) = path;
        } else if ((int64_t)st.st_size != db_col_int(s, 2)) {
            buf_printf(out, "attachments: attachment %lld: %s has %lld bytes, the row says %lld\n",
                       (long long)db_col_int(s, 0), path, (long long)st.st_size, (long long)db_col_int(s, 2));
            problems++;
        }
    }
    db_done(s);
    if (rc < 0) {
        arena_free(&a);
        return err_set(e, E_DB, "reading the attachments failed");
    }
    /* A file found missing is asked about again: outside a transaction
     * this sees the newest commit, so a delete that removed the file since
     * the rows were read is not reported as damage. */
    for (size_t i = 0; i < nmissing; i++) {
        if (db_exists(db, "SELECT 1 FROM attachment WHERE id = ?1 AND deleted_at IS NULL", missing[i]) &&
            access(missing_path[i], F_OK) != 0) {
            buf_printf(out, "attachments: attachment %lld has no file (%s)\n", (long long)missing[i],
                       missing_path[i]);
            problems++;
        }
    }
    DIR *d = opendir(files_dir);
    if (!d && errno != ENOENT) {
        buf_printf(out, "attachments: cannot read %s: %s\n", files_dir, strerror(errno));
        problems++;
    }
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
            continue;
        }
        if (!is_hex(de->d_name, 2)) {
            buf_printf(out, "attachments: %s/%s does not belong in the store\n", files_dir, de->d_name);
            problems++;
            continue;
        }
        problems += check_dir(&a, files_dir, de->d_name, out, &nfiles);
    }
    if (d) {
        closedir(d);
    }
    arena_free(&a);
    if (files) {
        *files = nfiles;
    }
    return problems;
}
