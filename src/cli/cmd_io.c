/* cmd_io.c: `samla export measures` and `samla import measures` — the
 * measure overview to and from CSV, XLSX and JSON files (measure_io.h).
 *
 * The CLI acts as an internal system user "cli" that may read and manage
 * every measure; its exports and imports are audited like the web's.
 * Exit codes: 0 done (import: the file is valid, and saved with --apply),
 * 1 the work failed or the file has problems (nothing is saved), 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/measure/measure_io.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/migrate.h"

enum { MAX_FILE = 64 * 1024 * 1024 };

static const Viewer g_cli_viewer = {
    .username = "cli",
    .full_name = "samla (kommandolinjen)",
    .caps = CAP_MEASURE_MANAGE | CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES,
};

static bool write_all(FILE *fp, const Buf *b)
{
    return (b->len == 0 || fwrite(b->data, 1, b->len, fp) == b->len) && fflush(fp) == 0;
}

int cmd_export(int argc, char **argv)
{
    const char *data = NULL, *format = NULL, *output = NULL, *strategy = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL},  {"--format", true, &format, NULL},
                        {"-o", true, &output, NULL},     {"--output", true, &output, NULL},
                        {"--strategy", true, &strategy, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    IoFormat f;
    if (argc < 2 || strcmp(argv[1], "measures") != 0 || !cli_parse(argc - 1, argv + 1, opts, pos, 0, &npos) ||
        !format || !measure_io_format(format, &f)) {
        fputs("usage: samla export measures --data DIR --format csv|xlsx|json [-o FILE] [--strategy SLUG]\n", stderr);
        return EXIT_USAGE;
    }
    if (!output && f == IO_XLSX && isatty(STDOUT_FILENO)) {
        fputs("samla: an XLSX file is binary; write it to a file with -o FILE\n", stderr);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    Arena a = {0};
    Buf out = {0};
    Err e = {0};
    size_t n = 0;
    int rc = measure_export(db, &a, &g_cli_viewer, "cli", f, strategy, &out, &n, &e);
    if (rc) {
        fprintf(stderr, "samla: %s\n", rc == E_NOTFOUND ? "unknown strategy (see /strategies)" : e.msg);
    } else if (output) {
        FILE *fp = fopen(output, "wb");
        if (!fp || !write_all(fp, &out)) {
            perror(output);
            rc = 1;
        }
        if (fp && fclose(fp) != 0 && !rc) {
            perror(output);
            rc = 1;
        }
        if (!rc) {
            printf("exported %zu measures to %s\n", n, output);
        }
    } else if (!write_all(stdout, &out)) {
        perror("samla: stdout");
        rc = 1;
    }
    buf_free(&out);
    arena_free(&a);
    db_close(db);
    return rc ? 1 : 0;
}

/* The whole file (at most MAX_FILE bytes) into b; false with a message. */
static bool read_file(const char *path, Buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return false;
    }
    char chunk[65536];
    size_t got;
    bool ok = true;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b->len + got > MAX_FILE) {
            fprintf(stderr, "samla: %s is larger than %d MiB\n", path, MAX_FILE / (1024 * 1024));
            ok = false;
            break;
        }
        buf_append(b, chunk, got);
    }
    if (ok && ferror(fp)) {
        perror(path);
        ok = false;
    }
    fclose(fp);
    return ok;
}

int cmd_import(int argc, char **argv)
{
    const char *data = NULL;
    bool apply = false;
    const Opt opts[] = {{"--data", true, &data, NULL}, {"--apply", false, NULL, &apply}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (argc < 2 || strcmp(argv[1], "measures") != 0 || !cli_parse(argc - 1, argv + 1, opts, pos, 1, &npos) ||
        npos != 1) {
        fputs("usage: samla import measures FILE --data DIR [--apply]   (FILE: .csv, .xlsx or .json)\n", stderr);
        return EXIT_USAGE;
    }
    Buf file = {0};
    if (!read_file(pos[0], &file)) {
        buf_free(&file);
        return 1;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        buf_free(&file);
        return 1;
    }
    Arena a = {0};
    ImportReport rep;
    Err e = {0};
    IoFormat f = measure_io_sniff(pos[0], file.data ? file.data : "", file.len);
    int rc = measure_import(db, &a, &g_cli_viewer, "cli", f, pos[0], file.data, file.len, apply, &rep, &e);
    for (size_t i = 0; i < rep.nproblems; i++) {
        const IoProblem *p = &rep.problems[i];
        if (p->line == 0) {
            printf("file: %s\n", p->msg);
        } else if (p->column) {
            printf("line %d, column %s: %s\n", p->line, p->column, p->msg);
        } else {
            printf("line %d: %s\n", p->line, p->msg);
        }
    }
    if (rc == E_INVALID) {
        printf("%zu problem%s; nothing was written\n", rep.nproblems, rep.nproblems == 1 ? "" : "s");
    } else if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    } else if (rep.applied) {
        printf("%zu created, %zu changed, %zu unchanged\n", rep.create, rep.change, rep.unchanged);
    } else {
        printf("%zu to create, %zu to change, %zu unchanged\n", rep.create, rep.change, rep.unchanged);
    }
    arena_free(&a);
    buf_free(&file);
    db_close(db);
    return rc ? 1 : 0;
}
