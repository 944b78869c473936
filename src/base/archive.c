/* archive.c: see archive.h. */
#include "base/archive.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/util.h"

#define MANIFEST "manifest.json"
#define FORMAT "samla-backup"

enum { CHUNK = 1 << 16 };

/* ---- shared -------------------------------------------------------------- */

int file_sha256(const char *path, char hex[65], int64_t *size, Err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return err_set(e, E_IO, "cannot read %s: %s", path, strerror(errno));
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char *buf = xmalloc(CHUNK);
    int64_t total = 0;
    ssize_t n;
    while ((n = read(fd, buf, CHUNK)) != 0) {
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int err = errno;
            free(buf);
            close(fd);
            return err_set(e, E_IO, "cannot read %s: %s", path, strerror(err));
        }
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        total += n;
    }
    free(buf);
    close(fd);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, 65, h, sizeof h);
    if (size) {
        *size = total;
    }
    return 0;
}

bool archive_path_ok(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n == 0 || n > ARCHIVE_MAX_PATH || path[0] == '/' || path[n - 1] == '/') {
        return false;
    }
    if (strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") != n) {
        return false;
    }
    for (const char *seg = path; seg;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.')) {
            return false;
        }
        seg = end ? end + 1 : NULL;
    }
    return true;
}

static bool hex64(const char *s)
{
    return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct Pending {
    char *path, *src;
    bool compress;
} Pending;

struct ArchiveWriter {
    char *path;           /* where the archive goes */
    char *tmp;            /* the temporary file written first */
    Pending *files;
    size_t n, cap;
    json_t *entries;
};

int archive_create(ArchiveWriter **out, const char *path, Err *e)
{
    *out = NULL;
    size_t n = strlen(path) + 16;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        return err_set(e, E_IO, "cannot create %s: %s", path, strerror(err));
    }
    close(fd);
    ArchiveWriter *w = xcalloc(1, sizeof *w);
    w->path = xstrdup(path);
    w->tmp = tmp;
    w->entries = json_array();
    *out = w;
    return 0;
}

int archive_add(ArchiveWriter *w, const char *path, const char *src, bool compress, const char *want_sha256, Err *e)
{
    if (!archive_path_ok(path) || strcmp(path, MANIFEST) == 0) {
        return err_set(e, E_INVALID, "%s cannot be the name of an archive entry", path);
    }
    char hex[65];
    int64_t size;
    if (file_sha256(src, hex, &size, e)) {
        return E_IO;
    }
    if (want_sha256 && strcmp(hex, want_sha256) != 0) {
        return err_set(e, E_INVALID, "%s is damaged: its content does not match its SHA-256 name", src);
    }
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->files = xrealloc(w->files, w->cap * sizeof *w->files);
    }
    w->files[w->n++] = (Pending){xstrdup(path), xstrdup(src), compress};
    json_array_append_new(w->entries, json_pack("{s:s, s:I, s:s}", "path", path, "size", (json_int_t)size,
                                                "sha256", hex));
    return 0;
}

static void writer_free(ArchiveWriter *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->files[i].path);
        free(w->files[i].src);
    }
    free(w->files);
    json_decref(w->entries);
    free(w->path);
    free(w->tmp);
    free(w);
}

void archive_discard(ArchiveWriter *w)
{
    if (w) {
        unlink(w->tmp);
        writer_free(w);
    }
}

static int zip_fail(zip_t *z, ArchiveWriter *w, json_t *meta, Err *e, const char *what)
{
    err_set(e, E_IO, "cannot write %s: %s: %s", w->path, what, z ? zip_strerror(z) : "cannot open");
    if (z) {
        zip_discard(z);
    }
    json_decref(meta);
    archive_discard(w);
    return E_IO;
}

static void fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int archive_finish(ArchiveWriter *w, json_t *meta, Err *e)
{
    int zerr = 0;
    zip_t *z = zip_open(w->tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z) {
        return zip_fail(NULL, w, meta, e, "the ZIP library");
    }
    json_t *man = json_pack("{s:s, s:i, s:o, s:O}", "format", FORMAT, "version", ARCHIVE_VERSION, "meta",
                            meta ? meta : json_object(), "entries", w->entries);
    meta = NULL;
    char *text = json_dumps(man, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(man);
    zip_source_t *s = text ? zip_source_buffer(z, text, strlen(text), 1) : NULL;
    if (!s || zip_file_add(z, MANIFEST, s, ZIP_FL_ENC_UTF_8) < 0) {
        if (s) {
            zip_source_free(s);
        } else {
            free(text);
        }
        return zip_fail(z, w, meta, e, MANIFEST);
    }
    for (size_t i = 0; i < w->n; i++) {
        zip_source_t *fs = zip_source_file(z, w->files[i].src, 0, -1);
        zip_int64_t idx = fs ? zip_file_add(z, w->files[i].path, fs, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (fs) {
                zip_source_free(fs);
            }
            return zip_fail(z, w, meta, e, w->files[i].path);
        }
        zip_set_file_compression(z, (zip_uint64_t)idx, w->files[i].compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(z) < 0) {
        return zip_fail(z, w, meta, e, "closing");
    }
    fsync_path(w->tmp, O_RDONLY);
    if (rename(w->tmp, w->path)) {
        int err = errno;
        err_set(e, E_IO, "cannot put the archive at %s: %s", w->path, strerror(err));
        archive_discard(w);
        return E_IO;
    }
    char *dir = xstrdup(w->path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = 0;
    }
    fsync_path(slash ? (dir[0] ? dir : "/") : ".", O_RDONLY | O_DIRECTORY);
    free(dir);
    writer_free(w);
    return 0;
}

/* ---- reading ------------------------------------------------------------- */

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const ArchiveEntry *)a)->path, ((const ArchiveEntry *)b)->path);
}

#define bad(e, ...) err_set(e, E_INVALID, __VA_ARGS__)

/* The manifest, read and checked against the ZIP's directory. */
static int read_manifest(Archive *a, Err *e)
{
    zip_t *z = a->zip;
    zip_int64_t mi = zip_name_locate(z, MANIFEST, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (mi < 0 || zip_stat_index(z, (zip_uint64_t)mi, 0, &st) || !(st.valid & ZIP_STAT_SIZE)) {
        return bad(e, "%s: it holds no manifest.json", "not a samla backup");
    }
    if (st.size > ARCHIVE_MAX_MANIFEST) {
        return bad(e, "%s: manifest.json is too large", "not a samla backup");
    }
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)mi, 0);
    if (!f) {
        return bad(e, "the archive is damaged: %s cannot be read", MANIFEST);
    }
    char *text = xmalloc((size_t)st.size + 1);
    zip_int64_t got = 0, n = 1;
    while (got < (zip_int64_t)st.size && (n = zip_fread(f, text + got, st.size - (zip_uint64_t)got)) > 0) {
        got += n;
    }
    zip_fclose(f);
    if (n < 0 || got != (zip_int64_t)st.size) {
        free(text);
        return bad(e, "the archive is damaged: %s cannot be read", MANIFEST);
    }
    json_error_t je;
    a->manifest = json_loadb(text, (size_t)got, JSON_REJECT_DUPLICATES, &je);
    free(text);
    if (!a->manifest || !json_is_object(a->manifest)) {
        return bad(e, "%s: manifest.json is not a JSON object", "not a samla backup");
    }
    json_t *fmt = json_object_get(a->manifest, "format"), *ver = json_object_get(a->manifest, "version");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), FORMAT) != 0) {
        return bad(e, "%s: manifest.json does not say format samla-backup", "not a samla backup");
    }
    if (!json_is_integer(ver) || json_integer_value(ver) != ARCHIVE_VERSION) {
        return bad(e, "%s: this samla reads archive version 1 only", "unknown archive version");
    }
    a->meta = json_object_get(a->manifest, "meta");
    if (a->meta && !json_is_object(a->meta)) {
        return bad(e, "%s: meta is not an object", "bad manifest");
    }
    json_t *list = json_object_get(a->manifest, "entries");
    if (!json_is_array(list)) {
        return bad(e, "%s: entries is not a list", "bad manifest");
    }
    size_t n_entries = json_array_size(list);
    if ((zip_int64_t)n_entries + 1 != zip_get_num_entries(z, 0)) {
        return bad(e, "the archive is damaged: %s", "its contents differ from the manifest's list");
    }
    a->entries = xcalloc(n_entries ? n_entries : 1, sizeof *a->entries);
    for (size_t i = 0; i < n_entries; i++) {
        json_t *it = json_array_get(list, i);
        const char *path = json_string_value(json_object_get(it, "path"));
        const char *sha = json_string_value(json_object_get(it, "sha256"));
        json_t *size = json_object_get(it, "size");
        if (!archive_path_ok(path) || strcmp(path, MANIFEST) == 0 || !hex64(sha) || !json_is_integer(size) ||
            json_integer_value(size) < 0) {
            return bad(e, "%s: an entry's path, size or sha256 is malformed", "bad manifest");
        }
        ArchiveEntry *en = &a->entries[a->n++];
        en->path = xstrdup(path);
        en->size = json_integer_value(size);
        memcpy(en->sha256, sha, 65);
        zip_int64_t idx = zip_name_locate(z, path, ZIP_FL_ENC_RAW);
        zip_stat_t es;
        if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &es) || !(es.valid & ZIP_STAT_SIZE) ||
            es.size != (zip_uint64_t)en->size) {
            return bad(e, "the archive is damaged: %s is missing or of the wrong size", path);
        }
        en->index = idx;
    }
    /* Every path once: with the count equal to the ZIP's, the ZIP then
     * holds exactly the listed entries. */
    ArchiveEntry *sorted = xmalloc((a->n ? a->n : 1) * sizeof *sorted);
    memcpy(sorted, a->entries, a->n * sizeof *sorted);
    qsort(sorted, a->n, sizeof *sorted, cmp_entry);
    for (size_t i = 1; i < a->n; i++) {
        if (strcmp(sorted[i - 1].path, sorted[i].path) == 0) {
            free(sorted);
            return bad(e, "%s: a path is listed twice", "bad manifest");
        }
    }
    free(sorted);
    return 0;
}

static int open_source(Archive *a, zip_source_t *src, zip_error_t *ze, Err *e)
{
    a->zip = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, ze) : NULL;
    if (!a->zip) {
        err_set(e, E_INVALID, "not a samla backup: not a readable ZIP archive (%s)", zip_error_strerror(ze));
        zip_error_fini(ze);
        if (src) {
            zip_source_free(src);
        }
        return E_INVALID;
    }
    zip_error_fini(ze);
    return read_manifest(a, e);
}

int archive_open(Archive *a, const char *path, Err *e)
{
    memset(a, 0, sizeof *a);
    struct stat st;
    if (stat(path, &st)) {
        return err_set(e, E_IO, "cannot read %s: %s", path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return err_set(e, E_IO, "cannot read %s: not a file", path);
    }
    zip_error_t ze;
    zip_error_init(&ze);
    return open_source(a, zip_source_file_create(path, 0, -1, &ze), &ze, e);
}

int archive_open_mem(Archive *a, const void *data, size_t len, Err *e)
{
    memset(a, 0, sizeof *a);
    zip_error_t ze;
    zip_error_init(&ze);
    return open_source(a, zip_source_buffer_create(data, len, 0, &ze), &ze, e);
}

const ArchiveEntry *archive_find(const Archive *a, const char *path)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->entries[i].path, path) == 0) {
            return &a->entries[i];
        }
    }
    return NULL;
}

static int write_all(int fd, const unsigned char *p, size_t len)
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

int archive_extract(Archive *a, size_t i, int fd, Err *e)
{
    const ArchiveEntry *en = &a->entries[i];
    zip_file_t *f = zip_fopen_index(a->zip, (zip_uint64_t)en->index, 0);
    if (!f) {
        return err_set(e, E_INVALID, "the archive is damaged: %s cannot be read (%s)", en->path, zip_strerror(a->zip));
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char *buf = xmalloc(CHUNK);
    int64_t total = 0;
    zip_int64_t n;
    int rc = 0;
    while ((n = zip_fread(f, buf, CHUNK)) > 0) {
        total += n;
        if (total > en->size) {
            break;
        }
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        if (fd >= 0 && write_all(fd, buf, (size_t)n)) {
            rc = err_set(e, E_IO, "cannot write %s: %s", en->path, strerror(errno));
            break;
        }
    }
    if (!rc && n < 0) {
        rc = err_set(e, E_INVALID, "the archive is damaged: %s cannot be read (%s)", en->path,
                     zip_error_strerror(zip_file_get_error(f)));
    }
    zip_fclose(f);
    free(buf);
    if (rc) {
        return rc;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (total != en->size || strcmp(hex, en->sha256) != 0) {
        return err_set(e, E_INVALID, "the archive is damaged: %s does not match its checksum", en->path);
    }
    return 0;
}

void archive_close(Archive *a)
{
    if (a->zip) {
        zip_discard(a->zip);
    }
    for (size_t i = 0; i < a->n; i++) {
        free(a->entries[i].path);
    }
    free(a->entries);
    json_decref(a->manifest);
    memset(a, 0, sizeof *a);
}
