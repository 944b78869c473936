/* fuzz_jsonstat.c: the JSON-stat 2.0 reader (src/app/figure/jsonstat.c)
 * and the key-figure import that maps a dataset onto indicators,
 * ministries and periods (figure_io.c), on arbitrary bytes.
 *
 * Each input is parsed on its own, then run through the whole check-only
 * import — dimension roles, category codes, every value written inside a
 * transaction that is rolled back — as a secretariat viewer against one
 * in-memory demo database made in LLVMFuzzerInitialize.  Never applied, so
 * the database is the same for every input.  Checks beyond "no crash":
 * every cell's category indexes lie inside their dimension, the import is
 * 0 or E_INVALID (E_DB would mean input reached SQLite unchecked), a
 * failed import reports at least one problem, and no transaction or
 * statement is left open.
 */
#include "fuzz.h"

#include "app/figure/figure.h"

static Db *g_db;

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    Arena a = {0};
    JsonStat js;
    FigureImport out = {0};
    bool ok = jsonstat_parse(&a, s, size, &js, &out);
    fuzz_check(ok == (out.nproblems + out.more == 0));
    for (size_t i = 0; ok && i < js.ncells; i++) {
        for (size_t d = 0; d < js.ndims; d++) {
            fuzz_check(js.cells[i].cat[d] < js.dims[d].n);
        }
    }
    Err e = {0};
    FigureImport imp;
    int rc = figure_import(g_db, &a, &g_viewer, "fuzz", "fuzz.json", s, size, false, &imp, &e);
    if (rc && rc != E_INVALID) {
        fprintf(stderr, "fuzz: unexpected result %d: %s\n", rc, e.msg);
    }
    fuzz_check(rc == 0 || rc == E_INVALID);
    fuzz_check(rc == 0 ? imp.nproblems == 0 : imp.nproblems + imp.more > 0);
    fuzz_check(!imp.applied);
    fuzz_check(!db_in_tx(g_db) && db_busy_statements(g_db) == 0);
    arena_free(&a);
    free(s);
    return 0;
}
