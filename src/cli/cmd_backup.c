/* cmd_backup.c: `samla backup`, `samla restore` and `samla check`.
 *
 * backup: a consistent copy of a data directory while `samla serve` runs.
 * A file is removed from the attachment store only under the database's
 * write lock (app/core/attach.c), so the copy takes the write lock for a
 * moment, opens a read snapshot on a second connection while holding it,
 * and hard-links (or copies) the files of the snapshot's live attachments
 * into a staging directory inside DIR; then it lets go of the lock, and
 * copies the database from the snapshot with SQLite's online backup API
 * while the server goes on writing.  The archive (base/archive.h) holds
 * samla.db and files/ab/cdef…, each with its SHA-256 in the manifest,
 * and is read back and checked before the command reports success.
 *
 * restore: checks the archive entry by entry into a new directory beside
 * the target, then the database (integrity_check, foreign_key_check, the
 * audit chain, the manifest's audit head) and the attachment store, and
 * only then renames it into place: a damaged archive leaves nothing.
 *
 * check: the same checks on a data directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/attach.h"
#include "app/core/audit.h"
#include "base/archive.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/backup.h"
#include "db/migrate.h"

#ifndef SAMLA_VERSION
#define SAMLA_VERSION "0.0.0"
#endif

/* ---- small file helpers ------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* rm -rf path (nothing when it is NULL or gone). */
static void remove_tree(const char *path)
{
    if (path) {
        nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    }
}

static void sync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    int rc = in < 0 || out < 0 ? -1 : 0;
    char buf[65536];
    ssize_t n;
    while (!rc && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR) {
            continue;
        }
        for (ssize_t off = 0; n > 0 && off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w <= 0) {
                rc = -1;
                break;
            }
            off += w;
        }
        rc = n < 0 ? -1 : rc;
    }
    int err = errno;
    if (in >= 0) {
        close(in);
    }
    if (out >= 0 && close(out) && !rc) {
        rc = -1;
        err = errno;
    }
    errno = err;
    return rc;
}

/* The directory part of path ("." when there is none), malloc'd. */
static char *parent_of(const char *path)
{
    char *p = xstrdup(path);
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') {
        p[--n] = 0;
    }
    char *slash = strrchr(p, '/');
    if (!slash) {
        free(p);
        return xstrdup(".");
    }
    slash[slash == p ? 1 : 0] = 0;
    return p;
}

static void print_problems(const Buf *b)
{
    if (b->len) {
        fwrite(b->data, 1, b->len, stderr);
    }
}

/* ---- backup -------------------------------------------------------------- */

typedef struct Snapshot {
    char stage[4200];          /* DIR/.backup-XXXXXX: the database copy and links to the files */
    const char **hashes;       /* live contents, in the arena */
    size_t nhashes;
    int64_t audit_rows;
    char audit_head[65];
    int schema;
} Snapshot;

/* Link (or copy) the files of the live attachments into the stage. */
static int stage_files(const char *dir, Snapshot *sn, Err *e)
{
    for (size_t i = 0; i < sn->nhashes; i++) {
        const char *h = sn->hashes[i];
        char from[4300], to[4300];
        snprintf(from, sizeof from, "%s/files/%.2s/%s", dir, h, h + 2);
        snprintf(to, sizeof to, "%s/%s", sn->stage, h);
        if (link(from, to) == 0) {
            continue;
        }
        if (errno == ENOENT) {
            return err_set(e, E_IO, "the file of an attachment is missing (%s); `samla check` lists what is damaged",
                           from);
        }
        if (copy_file(from, to)) {
            return err_set(e, E_IO, "cannot copy %s: %s", from, strerror(errno));
        }
    }
    return 0;
}

/* Take the snapshot: the file list and the database copy in the stage. */
static int take_snapshot(const char *dir, Arena *a, Snapshot *sn, Err *e)
{
    const char *path = cli_db_path(dir);
    char dbpath[4200];
    snprintf(dbpath, sizeof dbpath, "%s", path);
    Db *lock = NULL, *r = NULL;
    int rc = db_open(&lock, dbpath, 0, e) || db_open(&r, dbpath, 0, e) ? E_DB : 0;
    if (!rc) {
        rc = migrate_check(r, e);
    }
    /* Under the write lock no attachment file can be removed; the read
     * snapshot opened now sees exactly what is committed. */
    bool reading = false;
    if (!rc && db_begin(lock, e)) {
        rc = err_set(e, E_DB, "the database stayed busy; try again (%s)", e->msg);
    }
    if (!rc) {
        reading = db_read_begin(r) && db_ping(r);
        rc = reading ? attach_live_hashes(r, a, &sn->hashes, &sn->nhashes, e) : err_set(e, E_DB, "cannot read the database");
        if (!rc) {
            rc = stage_files(dir, sn, e);
        }
        db_rollback(lock);
    }
    db_close(lock);
    if (!rc) {
        char copy[4300];
        snprintf(copy, sizeof copy, "%s/samla.db", sn->stage);
        int64_t bad = 0;
        sn->schema = db_user_version(r);
        rc = db_backup(r, copy, e);
        if (!rc && audit_verify(r, &sn->audit_rows, &bad, e)) {
            rc = err_set(e, E_CONFLICT, "the audit log is broken at row %lld; no backup was taken (%s)",
                         (long long)bad, e->msg);
        }
        if (!rc) {
            audit_head(r, sn->audit_head);
        }
    }
    db_read_end(r, reading);
    db_close(r);
    return rc;
}

static int write_archive(const char *out, const Snapshot *sn, Err *e)
{
    ArchiveWriter *w = NULL;
    if (archive_create(&w, out, e)) {
        return E_IO;
    }
    char src[4300], name[80];
    snprintf(src, sizeof src, "%s/samla.db", sn->stage);
    int rc = archive_add(w, "samla.db", src, true, NULL, e);
    for (size_t i = 0; !rc && i < sn->nhashes; i++) {
        const char *h = sn->hashes[i];
        snprintf(src, sizeof src, "%s/%s", sn->stage, h);
        snprintf(name, sizeof name, "files/%.2s/%s", h, h + 2);
        rc = archive_add(w, name, src, false, h, e);
    }
    if (rc) {
        archive_discard(w);
        return rc;
    }
    char now[32];
    time_iso(now, sizeof now);
    json_t *meta = json_pack("{s:s, s:s, s:i, s:I, s:s, s:I}", "samla_version", SAMLA_VERSION, "created_at", now,
                             "schema_version", sn->schema, "audit_rows", (json_int_t)sn->audit_rows, "audit_head",
                             sn->audit_head, "attachments", (json_int_t)sn->nhashes);
    return archive_finish(w, meta, e);
}

/* Read the whole archive back and check every byte. */
static int verify_archive(const char *path, Err *e)
{
    Archive ar;
    int rc = archive_open(&ar, path, e);
    for (size_t i = 0; !rc && i < ar.n; i++) {
        rc = archive_extract(&ar, i, -1, e);
    }
    archive_close(&ar);
    return rc;
}

int cmd_backup(int argc, char **argv)
{
    const char *data = NULL, *out = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {"-o", true, &out, NULL}, {"--output", true, &out, NULL},
                        {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos) || !out || !*out) {
        fputs("usage: samla backup --data DIR -o FILE\n", stderr);
        return EXIT_USAGE;
    }
    const char *dir = cli_data_dir(data);
    if (!dir) {
        return EXIT_USAGE;
    }
    if (access(cli_db_path(dir), F_OK) != 0) {
        fprintf(stderr, "samla: no database in %s\n", dir);
        return 1;
    }
    Snapshot sn = {0};
    snprintf(sn.stage, sizeof sn.stage, "%s/.backup-XXXXXX", dir);
    if (!mkdtemp(sn.stage)) {
        fprintf(stderr, "samla: cannot create a staging directory in %s: %s\n", dir, strerror(errno));
        return 1;
    }
    Arena a = {0};
    Err e = {0};
    int rc = take_snapshot(dir, &a, &sn, &e);
    if (!rc) {
        rc = write_archive(out, &sn, &e);
    }
    if (!rc && verify_archive(out, &e)) {
        unlink(out);
        rc = E_INVALID;
    }
    remove_tree(sn.stage);
    if (rc) {
        fprintf(stderr, "samla: backup failed: %s\n", e.msg);
    } else {
        printf("backup written to %s: schema %d, %zu attachment files, audit log %lld rows ending in %s\n", out,
               sn.schema, sn.nhashes, (long long)sn.audit_rows, sn.audit_head[0] ? sn.audit_head : "(empty)");
    }
    arena_free(&a);
    return rc ? 1 : 0;
}

/* ---- the checks shared by restore and check ------------------------------ */

typedef struct Checked {
    int schema;
    int64_t audit_rows, files;
    char audit_head[65];
} Checked;

/* Check the database at DIR/samla.db and the store DIR/files; problems
 * go to out.  Returns the number of problems, or a negative E_ code when
 * the checks could not run. */
static int check_dir(const char *dir, Buf *out, Checked *c, Err *e)
{
    char path[4200], files[4200];
    snprintf(path, sizeof path, "%s/samla.db", dir);
    snprintf(files, sizeof files, "%s/files", dir);
    Db *db = NULL;
    if (db_open(&db, path, 0, e)) {
        return E_DB;
    }
    int rc = migrate_check(db, e);
    if (rc) {
        db_close(db);
        return rc;
    }
    c->schema = db_user_version(db);
    /* The database's checks in one snapshot; the store's outside it, so
     * that a delete committed meanwhile (samla serving) is seen. */
    bool began = db_read_begin(db);
    int problems = db_integrity(db, out, e);
    if (problems >= 0) {
        int64_t bad = 0;
        Err ae = {0};
        if (audit_verify(db, &c->audit_rows, &bad, &ae)) {
            buf_printf(out, "audit log: %s\n", ae.msg);
            problems++;
        }
        audit_head(db, c->audit_head);
    }
    db_read_end(db, began);
    if (problems >= 0) {
        int store = attach_store_check(db, files, out, &c->files, e);
        problems = store < 0 ? store : problems + store;
    }
    db_close(db);
    return problems;
}

/* ---- restore ------------------------------------------------------------- */

/* An entry restore may write: samla.db, or files/ab/<62 hex> named by its
 * content's SHA-256. */
static bool restorable(const ArchiveEntry *en)
{
    if (strcmp(en->path, "samla.db") == 0) {
        return true;
    }
    const char *p = en->path;
    return strlen(p) == 6 + 2 + 1 + 62 && strncmp(p, "files/", 6) == 0 && p[8] == '/' &&
           strncmp(p + 6, en->sha256, 2) == 0 && strcmp(p + 9, en->sha256 + 2) == 0;
}

static int extract_to(Archive *ar, size_t i, const char *root, Err *e)
{
    const ArchiveEntry *en = &ar->entries[i];
    char path[4400];
    if (str_has_prefix(en->path, "files/")) {
        snprintf(path, sizeof path, "%s/files", root);
        mkdir(path, 0750);
        snprintf(path, sizeof path, "%s/files/%.2s", root, en->path + 6);
        mkdir(path, 0750);
    }
    snprintf(path, sizeof path, "%s/%s", root, en->path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) {
        return err_set(e, E_IO, "cannot create %s: %s", path, strerror(errno));
    }
    int rc = archive_extract(ar, i, fd, e);
    if (!rc && fsync(fd)) {
        rc = err_set(e, E_IO, "cannot write %s: %s", path, strerror(errno));
    }
    close(fd);
    return rc;
}

/* Sync every directory of the restored tree, deepest first. */
static int sync_dir(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (flag == FTW_DP) {
        sync_path(path);
    }
    return 0;
}

/* The target must not exist, or be an empty directory; *existed says
 * which. */
static int target_free(const char *target, bool *existed, Err *e)
{
    struct stat st;
    *existed = false;
    if (stat(target, &st) != 0) {
        return errno == ENOENT ? 0 : err_set(e, E_IO, "cannot use %s: %s", target, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode) || rmdir(target) != 0) {
        return err_set(e, E_CONFLICT, "%s already exists and is not an empty directory; restore into a new one",
                       target);
    }
    *existed = true;   /* removed; made again by the rename */
    return 0;
}

static int restore_into(Archive *ar, const char *target, char *tmp, size_t ntmp, Checked *c, Err *e)
{
    size_t ndb = 0;
    for (size_t i = 0; i < ar->n; i++) {
        if (!restorable(&ar->entries[i])) {
            return err_set(e, E_INVALID, "not a samla backup: unexpected entry %s", ar->entries[i].path);
        }
        ndb += strcmp(ar->entries[i].path, "samla.db") == 0;
    }
    if (ndb != 1) {
        return err_set(e, E_INVALID, "not a samla backup: it holds no database");
    }
    char *parent = parent_of(target);
    struct stat st;
    bool ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
    free(parent);
    if (!ok) {
        return err_set(e, E_IO, "the directory that would hold %s does not exist", target);
    }
    snprintf(tmp, ntmp, "%s.restore-XXXXXX", target);
    if (!mkdtemp(tmp)) {
        tmp[0] = 0;
        return err_set(e, E_IO, "cannot create a directory beside %s: %s", target, strerror(errno));
    }
    for (size_t i = 0; i < ar->n; i++) {
        if (extract_to(ar, i, tmp, e)) {
            return E_INVALID;
        }
    }
    Buf problems = {0};
    int n = check_dir(tmp, &problems, c, e);
    if (n > 0) {
        print_problems(&problems);
        err_set(e, E_INVALID, "the backup's database or attachments fail their checks (%d problems above)", n);
    }
    buf_free(&problems);
    if (n) {
        return n < 0 ? n : E_INVALID;
    }
    const char *head = ar->meta ? json_string_value(json_object_get(ar->meta, "audit_head")) : NULL;
    json_t *rows = ar->meta ? json_object_get(ar->meta, "audit_rows") : NULL;
    if ((head && strcmp(head, c->audit_head) != 0) ||
        (json_is_integer(rows) && json_integer_value(rows) != c->audit_rows)) {
        return err_set(e, E_INVALID, "the backup's audit log does not end where its manifest says");
    }
    nftw(tmp, sync_dir, 16, FTW_DEPTH | FTW_PHYS);
    bool existed;
    if (target_free(target, &existed, e)) {
        return e->code;
    }
    if (rename(tmp, target)) {
        return err_set(e, E_IO, "cannot move the restored directory to %s: %s", target, strerror(errno));
    }
    tmp[0] = 0;
    char *p = parent_of(target);
    sync_path(p);
    free(p);
    return 0;
}

/* target does not exist, or is an empty directory. */
static bool target_usable(const char *target)
{
    DIR *d = opendir(target);
    if (!d) {
        return errno == ENOENT;
    }
    struct dirent *de;
    bool empty = true;
    while (empty && (de = readdir(d))) {
        empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
    }
    closedir(d);
    return empty;
}

int cmd_restore(int argc, char **argv)
{
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 1, &npos) || npos != 1) {
        fputs("usage: samla restore FILE --data NEWDIR\n", stderr);
        return EXIT_USAGE;
    }
    const char *target = cli_data_dir(data);
    if (!target) {
        return EXIT_USAGE;
    }
    Err e = {0};
    Archive ar;
    char tmp[4300] = "";
    Checked c = {0};
    /* Refuse a used target before reading anything. */
    int rc = target_usable(target) ? 0
             : err_set(&e, E_CONFLICT, "%s already exists and is not an empty directory; restore into a new one",
                       target);
    if (!rc) {
        rc = archive_open(&ar, pos[0], &e);
        if (!rc) {
            rc = restore_into(&ar, target, tmp, sizeof tmp, &c, &e);
        }
        archive_close(&ar);
    }
    remove_tree(tmp[0] ? tmp : NULL);
    if (rc) {
        fprintf(stderr, "samla: %s: %s; nothing was restored\n", pos[0], e.msg);
        return 1;
    }
    printf("restored %s into %s: schema %d, %lld attachment files, audit log %lld rows ending in %s\n", pos[0],
           target, c.schema, (long long)c.files, (long long)c.audit_rows, c.audit_head[0] ? c.audit_head : "(empty)");
    return 0;
}

/* ---- check --------------------------------------------------------------- */

int cmd_check(int argc, char **argv)
{
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos)) {
        fputs("usage: samla check --data DIR\n", stderr);
        return EXIT_USAGE;
    }
    const char *dir = cli_data_dir(data);
    if (!dir) {
        return EXIT_USAGE;
    }
    if (access(cli_db_path(dir), F_OK) != 0) {
        fprintf(stderr, "samla: no database in %s\n", dir);
        return 1;
    }
    Buf problems = {0};
    Checked c = {0};
    Err e = {0};
    int n = check_dir(dir, &problems, &c, &e);
    if (n < 0) {
        fprintf(stderr, "samla: %s\n", e.msg);
        buf_free(&problems);
        return 1;
    }
    print_problems(&problems);
    buf_free(&problems);
    printf("schema %d%s\n", c.schema,
           c.schema < migrate_latest() ? " (samla serve upgrades it at its next start)" : "");
    printf("database: %s (integrity_check, foreign_key_check)\n", n ? "see above" : "ok");
    printf("audit log: %lld rows, newest hash %s\n", (long long)c.audit_rows,
           c.audit_head[0] ? c.audit_head : "(empty)");
    printf("attachments: %lld files checked\n", (long long)c.files);
    if (n) {
        printf("%d problems\n", n);
        return 1;
    }
    printf("ok\n");
    return 0;
}
