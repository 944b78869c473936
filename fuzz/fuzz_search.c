/* fuzz_search.c: the search query (src/app/core/search.c) on arbitrary
 * text: search_fts_query turns what a user typed into an FTS5 query, and
 * search_run runs it against an in-memory demo database (indexed as
 * `samla init --demo` indexes it), as an employee and anonymously, as a
 * search and as a suggestion.  Checks beyond "no crash": the query text
 * never reaches SQLite as a syntax error (search_run answers 0, never
 * E_DB), a query without words has no hits, the page holds no more hits
 * than the total, and no transaction or statement is left open.
 */
#include "fuzz.h"

#include "app/core/search.h"

static Db *g_db;

static const Viewer g_employee = {
    .user_id = 1,
    .username = "fuzz",
    .full_name = "fuzz",
    .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL,
};
static const Viewer g_public = {0};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    g_db = fuzz_demo_db();
    Err e = {0};
    size_t n = 0;
    if (search_sync(g_db, &n, &e)) {
        fprintf(stderr, "fuzz: cannot index the demo database: %s\n", e.msg);
        abort();
    }
    return 0;
}

static void run(const Viewer *v, const char *q, bool suggest)
{
    Arena a = {0};
    Err e = {0};
    SearchQuery sq = {.q = q, .page = 1, .suggest = suggest};
    SearchResult res;
    int rc = search_run(g_db, &a, v, &sq, &res, &e);
    if (rc) {
        fprintf(stderr, "fuzz: search_run: %d: %s\n", rc, e.msg);
    }
    fuzz_check(rc == 0);
    fuzz_check(res.fts || res.nhits == 0);
    fuzz_check((int64_t)res.nhits <= res.total || res.more);
    fuzz_check(!db_in_tx(g_db) && db_busy_statements(g_db) == 0);
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    Arena a = {0};
    (void)search_fts_query(&a, s, true, "{title pub}");
    (void)search_fts_query(&a, s, false, NULL);
    Buf b = {0};
    search_marked_html(&b, s);
    (void)search_plain(&a, s);
    buf_free(&b);
    arena_free(&a);
    run(&g_employee, s, false);
    run(&g_public, s, true);
    free(s);
    return 0;
}
