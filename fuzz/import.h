/* import.h: the measure import (src/app/measure/measure_io.c,
 * measure_csv.c, measure_xlsx.c) on arbitrary bytes, one target per
 * format: fuzz_import_csv.c, fuzz_import_json.c and fuzz_import_xlsx.c
 * define IMPORT_FORMAT and IMPORT_NAME and include this file, so each
 * format's parser gets every execution and its own corpus (an XLSX file
 * is a ZIP archive of XML, which mutations of CSV seeds seldom reach).
 *
 * Each format runs the whole check-only import — parse, header mapping,
 * cell checks, plan, and measure_save of every row inside a transaction
 * that is rolled back — as the CLI viewer, against one in-memory demo
 * database made in LLVMFuzzerInitialize.  Never applied, so the database
 * is the same for every input.  Checks beyond "no crash": the result is
 * 0 or E_INVALID (E_DB would mean input reached SQLite unchecked), a
 * failed check reports at least one problem, and no transaction or
 * statement is left open.
 */
#ifndef SAMLA_FUZZ_IMPORT_H
#define SAMLA_FUZZ_IMPORT_H

#include "fuzz.h"

#include "app/measure/measure_io.h"

static Db *g_db;

/* The CLI's viewer (src/cli/cmd_io.c): manages every measure. */
static const Viewer g_viewer = {
    .username = "fuzz",
    .full_name = "fuzz",
    .caps = CAP_MEASURE_MANAGE | CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    g_db = fuzz_demo_db();
    return 0;
}

static void import_as(IoFormat f, const char *filename, const char *data, size_t size)
{
    Arena a = {0};
    Err e = {0};
    ImportReport rep;
    int rc = measure_import(g_db, &a, &g_viewer, "fuzz", f, filename, data, size, false, &rep, &e);
    if (rc && rc != E_INVALID) {
        fprintf(stderr, "fuzz: %s: unexpected result %d: %s\n", filename, rc, e.msg);
    }
    fuzz_check(rc == 0 || rc == E_INVALID);
    fuzz_check(rc == 0 ? rep.nproblems == 0 : rep.nproblems + rep.more > 0);
    fuzz_check(!rep.applied);
    fuzz_check(!db_in_tx(g_db) && db_busy_statements(g_db) == 0);
    for (size_t i = 0; i < rep.nproblems; i++) {
        fuzz_check(rep.problems[i].msg && rep.problems[i].line >= 0);
    }
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    (void)measure_io_sniff("fuzz", s, size);
    import_as(IMPORT_FORMAT, IMPORT_NAME, s, size);
    free(s);
    return 0;
}

#endif
