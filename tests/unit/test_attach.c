/* test_attach.c: attachments (src/app/core/attach*.c) — what is refused
 * and that a refusal stores nothing, content-addressed storage, access on
 * every list and download, deletion, and the page and API routes through
 * web_handle.
 *
 * Each test gets a fresh in-memory database with the demo content (3.4 is
 * restricted to its owner DFD and shared with BFD; 1.7 is exempt with a
 * public title; 2.5 is internal) and a fresh data directory from mkdtemp,
 * removed with everything in it in teardown.  "Nothing stored" is checked
 * by counting attachment rows and every file under the data directory
 * (temporary files included).  Fixture files are in tests/fixtures/attach
 * (the tests run from the repository root, as make check does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/attach.h"
#include "app/core/core_handlers.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

enum { V_SEK, V_KD, V_BFD, V_EMP, V_ANON, V_BFD_RO, NV };

static const char *const g_users[] = {"sekretariat", "sb.kd", "sb.bfd", "ansatt.hod"};

typedef struct Fixture {
    Db *db;
    Arena arena;          /* test allocations */
    char dir[64];         /* the data directory */
    Viewer v[NV];         /* sekretariat, sb.kd, sb.bfd, ansatt.hod, anonymous, sb.bfd with a read-only token */
    int64_t m11, m25, m34, m17;   /* public, internal, restricted (DFD, shared with BFD), exempt (public title) */
    Arena req_arena;
    Req r;
    int route;
} Fixture;

static const char PDF[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]"
                          "/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/* ---- fixture ------------------------------------------------------------ */

static int64_t measure_id(Fixture *f, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                                "WHERE s.slug = '2021-2025' AND m.number = ?1");
    db_bind_text(s, 1, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    assert_true(id > 0);
    return id;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    snprintf(f.dir, sizeof f.dir, "/tmp/samla-attach-XXXXXX");
    if (!mkdtemp(f.dir) || db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) ||
        demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    attach_set_dir(f.dir);
    attach_set_max_size((size_t)ATTACH_DEFAULT_MB * ATTACH_MB);
    for (int w = 0; w <= V_EMP; w++) {
        User u;
        if (user_find(f.db, &f.arena, g_users[w], &u, &e) || auth_viewer(f.db, &f.arena, u.id, &f.v[w], &e)) {
            fprintf(stderr, "setup: %s\n", e.msg);
            return -1;
        }
        f.v[w].csrf = "tok";
    }
    f.v[V_ANON] = g_anonymous;
    f.v[V_BFD_RO] = f.v[V_BFD];
    f.v[V_BFD_RO].read_only = true;
    f.v[V_BFD_RO].via_token = true;
    *state = &f;
    f.m11 = measure_id(&f, "1.1");
    f.m25 = measure_id(&f, "2.5");
    f.m34 = measure_id(&f, "3.4");
    f.m17 = measure_id(&f, "1.7");
    return 0;
}

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->req_arena);
    memset(&f->r, 0, sizeof f->r);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    arena_free(&f->arena);
    db_close(f->db);
    nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    attach_set_dir(NULL);
    return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static int64_t rows(Fixture *f)
{
    return db_one_int(f->db, "SELECT count(*) FROM attachment WHERE ?1 = ?1", 0, -1);
}

static int64_t audits(Fixture *f, const char *action)
{
    Stmt *s = db_prepare(f->db, "SELECT count(*) FROM audit WHERE action = ?1");
    db_bind_text(s, 1, action);
    int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return n;
}

static int g_nfiles;

static int count_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path, (void)st, (void)ftw;
    g_nfiles += flag == FTW_F;
    return 0;
}

/* Every regular file under the data directory, temporary ones included. */
static int files(Fixture *f)
{
    g_nfiles = 0;
    nftw(f->dir, count_entry, 16, FTW_PHYS);
    return g_nfiles;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fail_msg("cannot open %s (run the tests from the repository root)", path);
    }
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        buf_append(&b, chunk, n);
    }
    fclose(fp);
    *len = b.len;
    return b.data ? b.data : xcalloc(1, 1);
}

static int add(Fixture *f, int who, int64_t record, const char *name, const void *data, size_t len, Attachment *at,
               AttachRefusal *why, Err *e)
{
    Attachment ignore;
    AttachRefusal w;
    return attach_add(f->db, &f->arena, &f->v[who], "test", record, name, data, len, at ? at : &ignore,
                      why ? why : &w, e);
}

static int64_t add_pdf(Fixture *f, int who, int64_t record, const char *name)
{
    Attachment at;
    Err e = {0};
    if (add(f, who, record, name, PDF, sizeof PDF - 1, &at, NULL, &e)) {
        fail_msg("attach_add: %s", e.msg);
    }
    return at.id;
}

/* A refusal: the code, the reason, and nothing stored. */
static void refused(Fixture *f, const char *name, const void *data, size_t len, int code, AttachRefusal reason)
{
    int64_t before = rows(f), nfiles = files(f), nadd = audits(f, "attachment.add");
    AttachRefusal why = ATTACH_OK;
    Err e = {0};
    assert_int_equal(add(f, V_BFD, f->m34, name, data, len, NULL, &why, &e), code);
    assert_int_equal(why, reason);
    assert_true(e.msg[0] != 0);
    assert_int_equal(rows(f), before);
    assert_int_equal(files(f), nfiles);
    assert_int_equal(audits(f, "attachment.add"), nadd);
}

/* ---- refusals: nothing stored ------------------------------------------- */

static void empty_file_is_refused(void **state)
{
    Fixture *f = *state;
    refused(f, "tom.pdf", "", 0, E_INVALID, ATTACH_EMPTY);
    assert_int_equal(files(f), 0);
    assert_int_equal(rows(f), 0);
}

static void file_over_the_limit_is_refused(void **state)
{
    Fixture *f = *state;
    size_t len = 26u * ATTACH_MB;
    char *big = xmalloc(len);
    memset(big, ' ', len);
    memcpy(big, PDF, sizeof PDF - 1);
    refused(f, "stor.pdf", big, len, E_TOOBIG, ATTACH_TOO_BIG);
    /* Exactly the limit is allowed; one byte more is not. */
    refused(f, "stor.pdf", big, attach_max_size() + 1, E_TOOBIG, ATTACH_TOO_BIG);
    Err e = {0};
    assert_int_equal(add(f, V_BFD, f->m34, "stor.pdf", big, attach_max_size(), NULL, NULL, &e), 0);
    assert_int_equal(files(f), 1);
    /* A smaller limit, as --max-upload sets it. */
    attach_set_max_size(2u * ATTACH_MB);
    refused(f, "mellom.pdf", big, 3u * ATTACH_MB, E_TOOBIG, ATTACH_TOO_BIG);
    assert_int_equal(attach_body_limit(), 2u * ATTACH_MB + ATTACH_FORM_SLACK);
    free(big);
}

static void executable_named_pdf_is_refused(void **state)
{
    Fixture *f = *state;
    size_t len;
    char *elf = slurp("/proc/self/exe", &len);   /* this test program: a PIE executable */
    refused(f, "report.pdf", elf, len, E_INVALID, ATTACH_TYPE);
    refused(f, "report.exe", elf, len, E_INVALID, ATTACH_TYPE);
    free(elf);
    elf = slurp("tests/fixtures/attach/exit0.elf", &len);   /* a static executable */
    refused(f, "report.pdf", elf, len, E_INVALID, ATTACH_TYPE);
    Err e = {0};
    AttachRefusal why;
    const char *type;
    assert_int_equal(attach_check("report.pdf", elf, len, &type, &why, &e), E_INVALID);
    assert_non_null(strstr(e.msg, "application/x-executable"));
    free(elf);
    const char script[] = "#!/bin/sh\nrm -rf /\n";
    refused(f, "report.pdf", script, sizeof script - 1, E_INVALID, ATTACH_TYPE);
    const char html[] = "<!DOCTYPE html><html><script>alert(1)</script></html>\n";
    refused(f, "report.txt", html, sizeof html - 1, E_INVALID, ATTACH_TYPE);
    const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n";
    refused(f, "bilde.svg", svg, sizeof svg - 1, E_INVALID, ATTACH_TYPE);
    assert_int_equal(files(f), 0);
    assert_int_equal(rows(f), 0);
}

static void name_must_match_content(void **state)
{
    Fixture *f = *state;
    size_t len;
    char *png = slurp("tests/fixtures/attach/sample.png", &len);
    refused(f, "bilde.pdf", png, len, E_INVALID, ATTACH_MISMATCH);
    refused(f, "bilde", png, len, E_INVALID, ATTACH_MISMATCH);   /* no extension */
    refused(f, "bilde.jpg", png, len, E_INVALID, ATTACH_MISMATCH);
    refused(f, "rapport.docx", PDF, sizeof PDF - 1, E_INVALID, ATTACH_MISMATCH);
    Err e = {0};
    assert_int_equal(add(f, V_BFD, f->m34, "BILDE.PNG", png, len, NULL, NULL, &e), 0);   /* case does not matter */
    free(png);
}

static void bad_names_are_refused(void **state)
{
    Fixture *f = *state;
    char longname[300];
    memset(longname, 'a', sizeof longname);
    memcpy(longname + 290, ".pdf", 5);
    refused(f, longname, PDF, sizeof PDF - 1, E_INVALID, ATTACH_BAD_NAME);
    refused(f, "a\x01.pdf", PDF, sizeof PDF - 1, E_INVALID, ATTACH_BAD_NAME);
    refused(f, "\xff\xfe.pdf", PDF, sizeof PDF - 1, E_INVALID, ATTACH_BAD_NAME);
    refused(f, "HEMMELIG notat.pdf", PDF, sizeof PDF - 1, E_INVALID, ATTACH_BAD_NAME);
    refused(f, "", PDF, sizeof PDF - 1, E_INVALID, ATTACH_NO_FILE);
    assert_string_equal(attach_base_name(&f->arena, "C:\\Users\\kari\\rapport.pdf"), "rapport.pdf");
    assert_string_equal(attach_base_name(&f->arena, "../../etc/rapport.pdf"), "rapport.pdf");
}

static void failed_insert_leaves_no_file(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    assert_int_equal(db_exec(f->db, "CREATE TRIGGER t_fail BEFORE INSERT ON attachment "
                                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END", &e), 0);
    assert_int_equal(add(f, V_BFD, f->m34, "rapport.pdf", PDF, sizeof PDF - 1, NULL, NULL, &e), E_DB);
    assert_int_equal(rows(f), 0);
    assert_int_equal(files(f), 0);
    assert_int_equal(db_exec(f->db, "DROP TRIGGER t_fail", &e), 0);
    /* When another row already has the content, its file stays. */
    add_pdf(f, V_BFD, f->m34, "først.pdf");
    assert_int_equal(db_exec(f->db, "CREATE TRIGGER t_fail BEFORE INSERT ON attachment "
                                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END", &e), 0);
    assert_int_equal(add(f, V_BFD, f->m34, "andre.pdf", PDF, sizeof PDF - 1, NULL, NULL, &e), E_DB);
    assert_int_equal(rows(f), 1);
    assert_int_equal(files(f), 1);
}

/* ---- storage ------------------------------------------------------------ */

static void same_content_is_stored_once(void **state)
{
    Fixture *f = *state;
    Attachment a1, a2;
    Err e = {0};
    assert_int_equal(add(f, V_BFD, f->m34, "rapport.pdf", PDF, sizeof PDF - 1, &a1, NULL, &e), 0);
    assert_int_equal(add(f, V_SEK, f->m11, "kopi av rapport.pdf", PDF, sizeof PDF - 1, &a2, NULL, &e), 0);
    assert_true(a1.id != a2.id);
    assert_string_equal(a1.sha256, a2.sha256);
    assert_string_equal(a1.content_type, "application/pdf");
    assert_int_equal(a1.size, sizeof PDF - 1);
    assert_int_equal(rows(f), 2);
    assert_int_equal(files(f), 1);
    assert_int_equal(audits(f, "attachment.add"), 2);

    /* The file is named by the SHA-256 of what it holds: files/ab/cdef… */
    const char *path = attach_path(&f->arena, a1.sha256);
    assert_non_null(strstr(path, f->dir));
    assert_non_null(strstr(path, arena_printf(&f->arena, "/files/%.2s/%s", a1.sha256, a1.sha256 + 2)));
    size_t len;
    char *bytes = slurp(path, &len);
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[sizeof hash * 2 + 1];
    crypto_hash_sha256(hash, (const unsigned char *)bytes, len);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    assert_string_equal(hex, a1.sha256);
    assert_int_equal(len, sizeof PDF - 1);
    assert_memory_equal(bytes, PDF, len);
    free(bytes);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);

    /* Read back through the model. */
    Attachment got;
    Buf b = {0};
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_BFD], a1.id, &got, &e), 0);
    assert_int_equal(attach_read(&got, &b, &e), 0);
    assert_int_equal(b.len, sizeof PDF - 1);
    assert_memory_equal(b.data, PDF, b.len);
    buf_free(&b);
}

static void every_allowed_type_is_accepted(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *file, *name, *type;
    } ok[] = {
        {"sample.pdf", "Rapport.pdf", "application/pdf"},
        {"sample.docx", "Notat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"sample.xlsx", "Budsjett.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"sample.pptx", "Lysark.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"sample.odt", "Notat.odt", "application/vnd.oasis.opendocument.text"},
        {"sample.ods", "Budsjett.ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {"sample.odp", "Lysark.odp", "application/vnd.oasis.opendocument.presentation"},
        {"sample.png", "Figur.png", "image/png"},
        {"sample.jpg", "Foto.jpeg", "image/jpeg"},
        {"sample.gif", "Figur.gif", "image/gif"},
        {"sample.webp", "Figur.webp", "image/webp"},
        {"sample.txt", "Referat æøå.txt", "text/plain"},
        {"sample.csv", "Tiltak.csv", "text/plain"},
    };
    for (size_t i = 0; i < COUNT(ok); i++) {
        size_t len;
        char *data = slurp(arena_printf(&f->arena, "tests/fixtures/attach/%s", ok[i].file), &len);
        Attachment at;
        AttachRefusal why = ATTACH_OK;
        Err e = {0};
        if (add(f, V_SEK, f->m25, ok[i].name, data, len, &at, &why, &e)) {
            fail_msg("%s refused: %s", ok[i].file, e.msg);
        }
        assert_string_equal(at.content_type, ok[i].type);
        assert_string_equal(at.name, ok[i].name);
        free(data);
    }
    assert_int_equal(rows(f), COUNT(ok));
    assert_int_equal(files(f), COUNT(ok));
    /* A comma-separated CSV is named text/csv by libmagic: also fine. */
    const char csv[] = "a,b,c\n1,2,3\n4,5,6\n";
    Attachment at;
    Err e = {0};
    assert_int_equal(add(f, V_SEK, f->m25, "tall.csv", csv, sizeof csv - 1, &at, NULL, &e), 0);
    assert_string_equal(at.content_type, "text/csv");
}

/* ---- who sees and does what --------------------------------------------- */

static void hidden_record_answers_like_missing(void **state)
{
    Fixture *f = *state;
    int64_t id = add_pdf(f, V_BFD, f->m34, "begrenset.pdf");   /* BFD was given access to 3.4 */
    Attachment at, *list;
    size_t n;
    Err e = {0};
    /* Those who may read 3.4 see it. */
    int readers[] = {V_SEK, V_BFD};
    for (size_t i = 0; i < COUNT(readers); i++) {
        int w = readers[i];
        assert_int_equal(attach_get(f->db, &f->arena, &f->v[w], id, &at, &e), 0);
        assert_int_equal(attach_list(f->db, &f->arena, &f->v[w], f->m34, &list, &n, &e), 0);
        assert_int_equal(n, 1);
        assert_int_equal(attach_count(f->db, &f->v[w], f->m34), 1);
    }
    /* KD's case officer, an employee of HOD and the public: not found, not counted. */
    int others[] = {V_KD, V_EMP, V_ANON};
    for (size_t i = 0; i < COUNT(others); i++) {
        const Viewer *v = &f->v[others[i]];
        assert_int_equal(attach_get(f->db, &f->arena, v, id, &at, &e), E_NOTFOUND);
        assert_int_equal(attach_list(f->db, &f->arena, v, f->m34, &list, &n, &e), E_NOTFOUND);
        assert_int_equal(attach_count(f->db, v, f->m34), 0);
        assert_int_equal(add(f, others[i], f->m34, "x.pdf", PDF, sizeof PDF - 1, NULL, NULL, &e), E_NOTFOUND);
        assert_int_equal(attach_delete(f->db, v, "test", id, NULL, &e), E_NOTFOUND);
    }
    assert_int_equal(rows(f), 1);
}

static void public_face_shows_no_attachments(void **state)
{
    Fixture *f = *state;
    int64_t id = add_pdf(f, V_SEK, f->m17, "unntatt.pdf");   /* 1.7: exempt, public under its public title */
    Attachment at, *list;
    size_t n = 9;
    Err e = {0};
    assert_int_equal(attach_list(f->db, &f->arena, &f->v[V_ANON], f->m17, &list, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(attach_count(f->db, &f->v[V_ANON], f->m17), 0);
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_ANON], id, &at, &e), E_NOTFOUND);
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_EMP], id, &at, &e), 0);   /* employees see it all */
    /* The public may read a public record's attachments. */
    int64_t pub = add_pdf(f, V_SEK, f->m11, "offentlig.pdf");
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_ANON], pub, &at, &e), 0);
    assert_false(at.can_delete);
}

static void who_may_attach_and_delete(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    /* Any signed-in reader may attach (2.5 is internal: every employee). */
    int64_t by_emp = add_pdf(f, V_EMP, f->m25, "innspill.pdf");
    /* Not a read-only token, not the public. */
    assert_int_equal(add(f, V_BFD_RO, f->m34, "x.pdf", PDF, sizeof PDF - 1, NULL, NULL, &e), E_FORBIDDEN);
    assert_int_equal(add(f, V_ANON, f->m11, "x.pdf", PDF, sizeof PDF - 1, NULL, NULL, &e), E_FORBIDDEN);

    Attachment at;
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_EMP], by_emp, &at, &e), 0);
    assert_true(at.can_delete);                       /* the uploader */
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_KD], by_emp, &at, &e), 0);
    assert_false(at.can_delete);                      /* another reader */
    assert_int_equal(attach_delete(f->db, &f->v[V_KD], "test", by_emp, NULL, &e), E_FORBIDDEN);
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_SEK], by_emp, &at, &e), 0);
    assert_true(at.can_delete);                       /* manages the measure */

    int64_t rec = 0;
    assert_int_equal(attach_delete(f->db, &f->v[V_SEK], "test", by_emp, &rec, &e), 0);
    assert_int_equal(rec, f->m25);
    assert_int_equal(attach_delete(f->db, &f->v[V_SEK], "test", by_emp, NULL, &e), E_NOTFOUND);   /* already */
    assert_int_equal(audits(f, "attachment.delete"), 1);

    int64_t own = add_pdf(f, V_BFD, f->m34, "egen.pdf");
    Viewer ro = f->v[V_BFD_RO];
    assert_int_equal(attach_delete(f->db, &ro, "test", own, NULL, &e), E_FORBIDDEN);
    assert_int_equal(attach_delete(f->db, &f->v[V_BFD], "test", own, NULL, &e), 0);
}

static void deleted_attachments_disappear(void **state)
{
    Fixture *f = *state;
    int64_t a1 = add_pdf(f, V_BFD, f->m34, "en.pdf");
    int64_t a2 = add_pdf(f, V_BFD, f->m34, "to.pdf");   /* same content: one file */
    Attachment at, *list;
    size_t n;
    Err e = {0};
    assert_int_equal(attach_delete(f->db, &f->v[V_BFD], "test", a1, NULL, &e), 0);
    assert_int_equal(attach_list(f->db, &f->arena, &f->v[V_BFD], f->m34, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, a2);
    assert_int_equal(attach_count(f->db, &f->v[V_SEK], f->m34), 1);
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_SEK], a1, &at, &e), E_NOTFOUND);
    /* The row stays for the history; the file stays while a2 holds it. */
    assert_int_equal(rows(f), 2);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM attachment WHERE id = ?1 AND deleted_at IS NOT NULL "
                                       "AND deleted_by IS NOT NULL", a1, 0), 1);
    assert_int_equal(files(f), 1);
    /* The last live row: the file goes. */
    assert_int_equal(attach_delete(f->db, &f->v[V_SEK], "test", a2, NULL, &e), 0);
    assert_int_equal(attach_list(f->db, &f->arena, &f->v[V_BFD], f->m34, &list, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(files(f), 0);
    assert_int_equal(rows(f), 2);
    /* Uploading the content again brings the file back. */
    int64_t a3 = add_pdf(f, V_BFD, f->m34, "tre.pdf");
    assert_int_equal(attach_get(f->db, &f->arena, &f->v[V_BFD], a3, &at, &e), 0);
    Buf b = {0};
    assert_int_equal(attach_read(&at, &b, &e), 0);
    assert_int_equal(b.len, sizeof PDF - 1);
    buf_free(&b);
}

static void recover_after_a_crash(void **state)
{
    Fixture *f = *state;
    Attachment at;
    Err e = {0};
    assert_int_equal(add(f, V_BFD, f->m34, "rapport.pdf", PDF, sizeof PDF - 1, &at, NULL, &e), 0);
    const char *path = attach_path(&f->arena, at.sha256);
    const char *dir = arena_strndup(&f->arena, path, strlen(path) - 63);
    /* An upload that died while writing, and a delete that died before
     * its commit (the file set aside, the row still live). */
    FILE *fp = fopen(arena_printf(&f->arena, "%s/.tmp-AbCdEf", dir), "w");
    assert_non_null(fp);
    fputs("%PDF-half", fp);
    fclose(fp);
    assert_int_equal(rename(path, arena_printf(&f->arena, "%s.deleted", path)), 0);
    assert_int_equal(files(f), 2);
    int removed = -1, restored = -1;
    assert_int_equal(attach_recover(&removed, &restored, &e), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(restored, 1);
    assert_int_equal(files(f), 1);
    Buf b = {0};
    assert_int_equal(attach_read(&at, &b, &e), 0);
    buf_free(&b);
    /* Nothing to do the second time, nor without a files directory. */
    assert_int_equal(attach_recover(&removed, &restored, &e), 0);
    assert_int_equal(removed + restored, 0);
    attach_set_dir("/nonexistent-samla-dir");
    assert_int_equal(attach_recover(&removed, &restored, &e), 0);
    attach_set_dir(f->dir);
}

/* ---- texts -------------------------------------------------------------- */

static void sizes_and_download_names(void **state)
{
    Fixture *f = *state;
    Arena *a = &f->arena;
    assert_string_equal(attach_size_text(a, LANG_NB, 812), "812\xc2\xa0" "byte");
    assert_string_equal(attach_size_text(a, LANG_EN, 812), "812\xc2\xa0" "bytes");
    assert_string_equal(attach_size_text(a, LANG_NB, 34400), "34\xc2\xa0kB");
    assert_string_equal(attach_size_text(a, LANG_NB, 999499), "999\xc2\xa0kB");
    assert_string_equal(attach_size_text(a, LANG_NB, 999500), "1,0\xc2\xa0MB");
    assert_string_equal(attach_size_text(a, LANG_NB, 1400000), "1,4\xc2\xa0MB");
    assert_string_equal(attach_size_text(a, LANG_EN, 1400000), "1.4\xc2\xa0MB");
    assert_string_equal(attach_size_text(a, LANG_NB, 25000000), "25\xc2\xa0MB");
    assert_string_equal(attach_disposition(a, "rapport.pdf"),
                        "attachment; filename=\"rapport.pdf\"; filename*=UTF-8''rapport.pdf");
    assert_string_equal(attach_disposition(a, "Årsrapport \"endelig\" 50%; æøå.pdf"),
                        "attachment; filename=\"_rsrapport _endelig_ 50_; ___.pdf\"; "
                        "filename*=UTF-8''%C3%85rsrapport%20%22endelig%22%2050%25%3B%20%C3%A6%C3%B8%C3%A5.pdf");
}

/* ---- through the web pipeline ------------------------------------------- */

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    if (strcasecmp(name, "Host") == 0) {
        return "t";
    }
    if (strcasecmp(name, "Origin") == 0) {
        return "http://t";
    }
    if (strcasecmp(name, "X-CSRF-Token") == 0) {
        return "tok";   /* JSON calls with a session send the form token here */
    }
    return NULL;
}

/* The main content of a page (the layout around it names the path). */
static const char *main_of(Arena *a, const Req *r)
{
    const char *body = buf_str(&r->body);
    const char *from = strstr(body, "<main"), *to = strstr(body, "</main>");
    assert_true(from && to && from < to);
    return arena_strndup(a, from, (size_t)(to - from));
}

static Req *send(Fixture *f, int who, const char *method, const char *path, const char *ctype, const char *body,
                 size_t len)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    WebRequest in = {.method = method, .path = path, .body = body, .body_len = len, .content_type = ctype,
                     .request_id = "attach-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

#define MP_TYPE "multipart/form-data; boundary=XyZzy"

/* A multipart form body with the form token and one file part (in a). */
static const char *form(Arena *a, const char *filename, const void *data, size_t len, size_t *out_len)
{
    Buf b = {0};
    buf_printf(&b, "--XyZzy\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
                   "--XyZzy\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                   "Content-Type: application/octet-stream\r\n\r\n", filename);
    buf_append(&b, data, len);
    buf_puts(&b, "\r\n--XyZzy--\r\n");
    char *s = arena_alloc(a, b.len + 1);
    memcpy(s, b.data, b.len);
    *out_len = b.len;
    buf_free(&b);
    return s;
}

static const char *header(const Req *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], name) == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

static void upload_and_download_through_the_pages(void **state)
{
    Fixture *f = *state;
    size_t len;
    const char *body = form(&f->arena, "Rapport æøå.pdf", PDF, sizeof PDF - 1, &len);
    const char *path = arena_printf(&f->arena, "/records/%lld/attachments", (long long)f->m34);
    Req *r = send(f, V_BFD, "POST", path, MP_TYPE, body, len);
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), arena_printf(&f->arena, "/measures/%lld?done=attached#vedlegg",
                                                            (long long)f->m34));
    assert_true(g_routes[f->route].flags & ROUTE_UPLOAD);
    int64_t id = db_one_int(f->db, "SELECT max(id) FROM attachment WHERE record_id = ?1", f->m34, 0);
    assert_true(id > 0);

    const char *dl = arena_printf(&f->arena, "/attachments/%lld", (long long)id);
    r = send(f, V_BFD, "GET", dl, NULL, NULL, 0);
    assert_int_equal(r->status, 200);
    assert_string_equal(r->content_type, "application/pdf");
    assert_string_equal(header(r, "Content-Disposition"),
                        "attachment; filename=\"Rapport ___.pdf\"; filename*=UTF-8''Rapport%20%C3%A6%C3%B8%C3%A5.pdf");
    assert_int_equal(r->body.len, sizeof PDF - 1);
    assert_memory_equal(r->body.data, PDF, r->body.len);

    /* KD's case officer: the same 404 as for an attachment that does not exist. */
    r = send(f, V_KD, "GET", dl, NULL, NULL, 0);
    assert_int_equal(r->status, 404);
    const char *hidden = main_of(&f->arena, r);
    assert_null(strstr(buf_str(&r->body), "Rapport æøå"));
    r = send(f, V_KD, "GET", "/attachments/999999", NULL, NULL, 0);
    assert_int_equal(r->status, 404);
    assert_string_equal(main_of(&f->arena, r), hidden);
    r = send(f, V_KD, "POST", arena_printf(&f->arena, "/attachments/%lld/delete", (long long)id),
             "application/x-www-form-urlencoded", "csrf=tok", 8);
    assert_int_equal(r->status, 404);

    /* A refused upload: the page says why in Norwegian, 415, and nothing is stored. */
    int64_t before = rows(f), nfiles = files(f);
    size_t elen;
    char *elf = slurp("tests/fixtures/attach/exit0.elf", &elen);   /* 132 bytes that run: exit(0) */
    body = form(&f->arena, "report.pdf", elf, elen, &len);
    free(elf);
    r = send(f, V_BFD, "POST", path, MP_TYPE, body, len);
    assert_int_equal(r->status, 415);
    assert_non_null(strstr(buf_str(&r->body), "Denne filtypen er ikke tillatt som vedlegg."));
    assert_non_null(strstr(buf_str(&r->body), "aria-invalid=\"true\""));
    assert_int_equal(rows(f), before);
    assert_int_equal(files(f), nfiles);
    body = form(&f->arena, "tom.pdf", "", 0, &len);
    r = send(f, V_BFD, "POST", path, MP_TYPE, body, len);
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(buf_str(&r->body), "Filen er tom."));

    /* Delete from the page: back to the measure with the message. */
    r = send(f, V_BFD, "POST", arena_printf(&f->arena, "/attachments/%lld/delete", (long long)id),
             "application/x-www-form-urlencoded", "csrf=tok", 8);
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), arena_printf(&f->arena, "/measures/%lld?done=attachment_deleted"
                                                            "#vedlegg", (long long)f->m34));
    r = send(f, V_BFD, "GET", dl, NULL, NULL, 0);
    assert_int_equal(r->status, 404);
}

static void too_big_through_the_pipeline(void **state)
{
    Fixture *f = *state;
    size_t dlen = 26u * ATTACH_MB, len;
    char *big = xcalloc(1, dlen);
    memcpy(big, PDF, sizeof PDF - 1);
    const char *body = form(&f->arena, "stor.pdf", big, dlen, &len);
    free(big);
    Req *r = send(f, V_BFD, "POST", arena_printf(&f->arena, "/api/v1/records/%lld/attachments", (long long)f->m34),
                  MP_TYPE, body, len);
    assert_int_equal(r->status, 413);
    json_t *doc = json_loads(buf_str(&r->body), 0, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "error"), "code")), "too_big");
    json_decref(doc);
    r = send(f, V_BFD, "POST", arena_printf(&f->arena, "/records/%lld/attachments", (long long)f->m34), MP_TYPE,
             body, len);
    assert_int_equal(r->status, 413);
    assert_non_null(strstr(buf_str(&r->body), "Filen er større enn det som er tillatt for vedlegg."));
    assert_int_equal(rows(f), 0);
    assert_int_equal(files(f), 0);
    /* The route table lets upload routes, and only those, take a body this
     * size; imports their own maximum, forms open to anonymous callers
     * 64 KiB, every other route 1 MiB. */
    BodyLimits l = {.anonymous = 64u << 10, .signed_in = 1u << 20, .import = 10u << 20,
                    .upload = attach_body_limit()};
    assert_int_equal(web_body_limit("POST", "/records/12/attachments", &l), l.upload);
    assert_int_equal(web_body_limit("POST", "/api/v1/records/12/attachments", &l), l.upload);
    assert_int_equal(web_body_limit("GET", "/api/v1/records/12/attachments", &l), l.anonymous);
    assert_int_equal(web_body_limit("POST", "/measures/import", &l), l.import);
    assert_int_equal(web_body_limit("POST", "/api/v1/measures/import", &l), l.import);
    assert_int_equal(web_body_limit("POST", "/records/12/access", &l), l.signed_in);
    assert_int_equal(web_body_limit("PATCH", "/api/v1/measures/12", &l), l.signed_in);
    assert_int_equal(web_body_limit("POST", "/login", &l), l.anonymous);
    assert_int_equal(web_body_limit("POST", "/nowhere", &l), l.anonymous);
    /* A limit below the others holds for upload routes too (--max-upload 1). */
    l.upload = 1000000;
    assert_int_equal(web_body_limit("POST", "/records/12/attachments", &l), 1000000);
}

static void the_api(void **state)
{
    Fixture *f = *state;
    size_t len;
    const char *body = form(&f->arena, "notat.pdf", PDF, sizeof PDF - 1, &len);
    const char *list = arena_printf(&f->arena, "/api/v1/records/%lld/attachments", (long long)f->m34);
    Req *r = send(f, V_BFD, "POST", list, MP_TYPE, body, len);
    assert_int_equal(r->status, 201);
    json_t *doc = json_loads(buf_str(&r->body), 0, NULL);
    json_int_t id = json_integer_value(json_object_get(doc, "id"));
    assert_true(id > 0);
    assert_string_equal(json_string_value(json_object_get(doc, "content_type")), "application/pdf");
    assert_string_equal(json_string_value(json_object_get(doc, "created_by")), "sb.bfd");
    assert_string_equal(json_string_value(json_object_get(doc, "url")), header(r, "Location"));
    assert_true(json_is_true(json_object_get(doc, "can_delete")));
    json_decref(doc);

    r = send(f, V_SEK, "GET", list, NULL, NULL, 0);
    assert_int_equal(r->status, 200);
    doc = json_loads(buf_str(&r->body), 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(doc, "count")), 1);
    json_decref(doc);

    /* Hidden record: the list answers exactly as for a record that does not exist. */
    r = send(f, V_KD, "GET", list, NULL, NULL, 0);
    assert_int_equal(r->status, 404);
    char *hidden = arena_strdup(&f->arena, buf_str(&r->body));
    r = send(f, V_KD, "GET", "/api/v1/records/999999/attachments", NULL, NULL, 0);
    assert_int_equal(r->status, 404);
    assert_string_equal(buf_str(&r->body), hidden);

    /* Refusals in English with a code. */
    body = form(&f->arena, "bilde.pdf", "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14, &len);
    r = send(f, V_BFD, "POST", list, MP_TYPE, body, len);
    assert_int_equal(r->status, 415);
    assert_non_null(strstr(buf_str(&r->body), "\"code\":\"name_mismatch\""));
    r = send(f, V_BFD, "POST", list, "application/pdf", PDF, sizeof PDF - 1);
    assert_int_equal(r->status, 400);
    r = send(f, V_BFD_RO, "POST", list, MP_TYPE, body, len);
    assert_int_equal(r->status, 403);

    const char *del = arena_printf(&f->arena, "/api/v1/attachments/%lld", (long long)id);
    r = send(f, V_KD, "DELETE", del, NULL, NULL, 0);
    assert_int_equal(r->status, 404);
    r = send(f, V_EMP, "DELETE", del, NULL, NULL, 0);
    assert_int_equal(r->status, 404);   /* HOD may not read 3.4 */
    r = send(f, V_BFD, "DELETE", del, NULL, NULL, 0);
    assert_int_equal(r->status, 200);
    r = send(f, V_SEK, "GET", list, NULL, NULL, 0);
    doc = json_loads(buf_str(&r->body), 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(doc, "count")), 0);
    json_decref(doc);
}

static void the_section_on_record_pages(void **state)
{
    Fixture *f = *state;
    add_pdf(f, V_BFD, f->m34, "Notat fra BFD.pdf");
    Record rec;
    Err e = {0};
    /* sb.bfd: the list, delete for the own upload, the upload form. */
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[V_BFD];
    f->r.csrf = "tok";
    assert_int_equal(record_get(f->db, &f->arena, &f->v[V_BFD], f->m34, &rec, &e), 0);
    attach_section(&f->r, &rec);
    const char *html = buf_str(&f->r.body);
    assert_non_null(strstr(html, ">Vedlegg</h2>"));
    assert_non_null(strstr(html, "Notat fra BFD.pdf</a>"));
    assert_non_null(strstr(html, "action=\"/attachments/"));
    assert_non_null(strstr(html, "enctype=\"multipart/form-data\""));
    assert_non_null(strstr(html, "Største størrelse: 25\xc2\xa0MB."));
    assert_non_null(strstr(html, "Bjørn Berg, "));   /* the uploader's full name, then when */
    assert_non_null(strstr(html, "Slett «Notat fra BFD.pdf»"));
    /* The public on a public measure without attachments: nothing at all. */
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[V_ANON];
    assert_int_equal(record_get(f->db, &f->arena, &f->v[V_ANON], f->m11, &rec, &e), 0);
    attach_section(&f->r, &rec);
    assert_int_equal(f->r.body.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(empty_file_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(file_over_the_limit_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(executable_named_pdf_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(name_must_match_content, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_names_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_insert_leaves_no_file, setup, teardown),
        cmocka_unit_test_setup_teardown(same_content_is_stored_once, setup, teardown),
        cmocka_unit_test_setup_teardown(every_allowed_type_is_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(hidden_record_answers_like_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(public_face_shows_no_attachments, setup, teardown),
        cmocka_unit_test_setup_teardown(who_may_attach_and_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(deleted_attachments_disappear, setup, teardown),
        cmocka_unit_test_setup_teardown(recover_after_a_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(sizes_and_download_names, setup, teardown),
        cmocka_unit_test_setup_teardown(upload_and_download_through_the_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(too_big_through_the_pipeline, setup, teardown),
        cmocka_unit_test_setup_teardown(the_api, setup, teardown),
        cmocka_unit_test_setup_teardown(the_section_on_record_pages, setup, teardown),
    };
    return cmocka_run_group_tests_name("attach", tests, NULL, NULL);
}
