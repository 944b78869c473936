/* test_archive.c: the backup archive (src/base/archive.c): what is
 * written reads back entry by entry with its checksum; a path that could
 * leave the directory it is extracted into is never taken; a changed byte
 * or a wrong manifest is refused with E_INVALID. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/archive.h"

static char g_dir[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *path_in(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", g_dir, name);
    return p;
}

static void paths(void **state)
{
    (void)state;
    const char *good[] = {"samla.db", "files/ab/cdef", "a.b-c_d", "x/y/z"};
    const char *bad[] = {"", "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a/.", "a/", "a b", "a\\b", "ø",
                         "a/..", NULL};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        assert_true(archive_path_ok(good[i]));
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_false(archive_path_ok(bad[i]));
    }
    char longer[300];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    assert_false(archive_path_ok(longer));
}

static void round_trip_and_damage(void **state)
{
    (void)state;
    write_file(path_in("one.txt"), "the first file\n");
    write_file(path_in("two.txt"), "the second file, a little longer than the first\n");
    char hex[65];
    int64_t size;
    Err e = {0};
    assert_int_equal(file_sha256(path_in("two.txt"), hex, &size, &e), 0);
    assert_int_equal(size, 48);
    char target[256];
    snprintf(target, sizeof target, "%s/a.zip", g_dir);
    ArchiveWriter *w;
    assert_int_equal(archive_create(&w, target, &e), 0);
    assert_int_equal(archive_add(w, "one.txt", path_in("one.txt"), true, NULL, &e), 0);
    assert_int_equal(archive_add(w, "dir/two.txt", path_in("two.txt"), false, hex, &e), 0);
    /* A file that does not hash to what it should is refused. */
    assert_int_equal(archive_add(w, "three.txt", path_in("one.txt"), false, hex, &e), E_INVALID);
    assert_int_equal(archive_add(w, "../escape", path_in("one.txt"), false, NULL, &e), E_INVALID);
    assert_int_equal(archive_add(w, "manifest.json", path_in("one.txt"), false, NULL, &e), E_INVALID);
    assert_int_equal(archive_finish(w, json_pack("{s:s}", "who", "test"), &e), 0);

    Archive a;
    assert_int_equal(archive_open(&a, target, &e), 0);
    assert_int_equal(a.n, 2);
    assert_string_equal(json_string_value(json_object_get(a.meta, "who")), "test");
    const ArchiveEntry *two = archive_find(&a, "dir/two.txt");
    assert_non_null(two);
    assert_string_equal(two->sha256, hex);
    int fd = open(path_in("out.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_int_equal(archive_extract(&a, (size_t)(two - a.entries), fd, &e), 0);
    close(fd);
    char back[65];
    assert_int_equal(file_sha256(path_in("out.txt"), back, NULL, &e), 0);
    assert_string_equal(back, hex);
    archive_close(&a);

    /* One byte of the stored file changed: refused when read. */
    FILE *f = fopen(target, "rb");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *bytes = malloc((size_t)n);
    assert_int_equal(fread(bytes, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    char *at = memmem(bytes, (size_t)n, "a little longer", 15);
    assert_non_null(at);
    at[2] = 'L';
    assert_int_equal(archive_open_mem(&a, bytes, (size_t)n, &e), 0);
    two = archive_find(&a, "dir/two.txt");
    assert_int_equal(archive_extract(&a, (size_t)(two - a.entries), -1, &e), E_INVALID);
    assert_non_null(strstr(e.msg, "dir/two.txt"));
    archive_close(&a);
    /* Half an archive, or no archive at all. */
    assert_int_equal(archive_open_mem(&a, bytes, (size_t)n / 2, &e), E_INVALID);
    archive_close(&a);
    assert_int_equal(archive_open_mem(&a, "PK\3\4 not really", 15, &e), E_INVALID);
    assert_non_null(strstr(e.msg, "not a samla backup"));
    archive_close(&a);
    free(bytes);
}

static void a_failed_finish_leaves_nothing(void **state)
{
    (void)state;
    char target[256];
    snprintf(target, sizeof target, "%s/gone.zip", g_dir);
    ArchiveWriter *w;
    Err e = {0};
    write_file(path_in("soon-gone.txt"), "x");
    assert_int_equal(archive_create(&w, target, &e), 0);
    assert_int_equal(archive_add(w, "x.txt", path_in("soon-gone.txt"), false, NULL, &e), 0);
    unlink(path_in("soon-gone.txt"));   /* vanishes before it is written */
    assert_int_not_equal(archive_finish(w, NULL, &e), 0);
    assert_int_equal(access(target, F_OK), -1);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls %s | grep -c 'gone.zip.tmp' >/dev/null", g_dir);
    assert_int_not_equal(system(cmd), 0);   /* no temporary file either */
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/samla-archive-XXXXXX");
    if (!mkdtemp(g_dir)) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths),
        cmocka_unit_test(round_trip_and_damage),
        cmocka_unit_test(a_failed_finish_leaves_nothing),
    };
    int failed = cmocka_run_group_tests_name("archive", tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    if (system(cmd) != 0) {
        return 1;
    }
    return failed;
}
