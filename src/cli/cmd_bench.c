/* cmd_bench.c: `samla bench-data` (a database of N Norwegian articles for
 * the search benchmark, with a reference index and the text as a file)
 * and `samla bench-search` (two-word queries as the user «bench», who
 * may read about a third, through search_run — access filter, ranking,
 * count, facets and snippets — beside the same queries on the reference
 * index).  Timings are printed; nothing here is a test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/perm.h"
#include "app/core/search.h"
#include "app/kb/kb_bench.h"
#include "base/buf.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"

int cmd_bench_data(int argc, char **argv)
{
    const char *data = NULL, *count = NULL, *pos[1];
    int npos = 0;
    Opt opts[] = {{"--data", true, &data, NULL}, {"--articles", true, &count, NULL}, {NULL, false, NULL, NULL}};
    long long n = 0;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos) || !(data = cli_data_dir(data)) || !count ||
        !parse_int(count, 1, 100000000, &n)) {
        fputs("usage: samla bench-data --data DIR --articles N\n", stderr);
        return EXIT_USAGE;
    }
    mkdir(data, 0700);
    const char *path = cli_db_path(data);
    if (access(path, F_OK) == 0) {
        fprintf(stderr, "samla: %s already holds a database; bench-data wants an empty directory\n", data);
        return 1;
    }
    char refpath[4200], textpath[4200];
    snprintf(refpath, sizeof refpath, "%s/reference.db", data);
    snprintf(textpath, sizeof textpath, "%s/corpus.txt", data);
    Db *db = NULL, *ref = NULL;
    Err e = {0};
    Buf text = {0};
    KbBenchStats st;
    int rc = db_open(&db, path, DB_OPEN_CREATE, &e) || migrate_up(db, NULL, &e) || search_sync(db, NULL, &e) ||
             db_open(&ref, refpath, DB_OPEN_CREATE, &e) || kb_bench_fill(db, ref, &text, n, 20261204, &st, &e);
    if (!rc) {
        FILE *f = fopen(textpath, "w");
        rc = !f || fwrite(text.data, 1, text.len, f) != text.len;
        rc |= f && fclose(f) != 0;
        if (rc) {
            err_set(&e, E_DB, "cannot write %s", textpath);
        }
    }
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    } else {
        double secs = (double)st.total_us / 1e6, idx = (double)(st.index_us + st.commit_us) / 1e6;
        printf("articles %lld\ntext_bytes %lld\nfill_seconds %.1f\nfill_per_second %.0f\n"
               "index_seconds %.1f\nindex_per_second %.0f\nreference_index_seconds %.1f\n"
               "reference_per_second %.0f\nindex_bytes %lld\nstored_text_bytes %lld\n",
               (long long)st.articles, (long long)st.text_bytes, secs, (double)st.articles / secs, idx,
               (double)st.articles / idx, (double)st.ref_index_us / 1e6,
               (double)st.articles / ((double)st.ref_index_us / 1e6), (long long)kb_bench_index_bytes(db),
               (long long)kb_bench_content_bytes(db));
    }
    buf_free(&text);
    db_close(ref);
    db_close(db);
    return rc ? 1 : 0;
}

static int cmp_us(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, int64_t *us, size_t n, int64_t hits)
{
    qsort(us, n, sizeof *us, cmp_us);
    printf("%-36s p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  mean hits %lld\n", what, (double)us[n / 2] / 1000.0,
           (double)us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] / 1000.0, (double)us[n - 1] / 1000.0,
           (long long)(hits / (int64_t)n));
}

int cmd_bench_search(int argc, char **argv)
{
    const char *data = NULL, *count = NULL, *pos[1];
    int npos = 0;
    Opt opts[] = {{"--data", true, &data, NULL}, {"--queries", true, &count, NULL}, {NULL, false, NULL, NULL}};
    long long nq = 100;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos) || !(data = cli_data_dir(data)) ||
        (count && !parse_int(count, 10, 100000, &nq))) {
        fputs("usage: samla bench-search --data DIR [--queries N]\n", stderr);
        return EXIT_USAGE;
    }
    char refpath[4200];
    snprintf(refpath, sizeof refpath, "%s/reference.db", data);
    Db *db = NULL, *ref = NULL;
    Err e = {0};
    Arena a = {0}, keep = {0};
    Viewer v;
    if (db_open(&db, cli_db_path(data), DB_OPEN_READONLY, &e) || db_open(&ref, refpath, DB_OPEN_READONLY, &e) ||
        perm_viewer(db, &keep, kb_bench_user(db), &v, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        db_close(db);
        db_close(ref);
        return 1;
    }
    int64_t all = db_one_int(db, "SELECT count(*) FROM article WHERE ?1", 1, 0);
    printf("articles %lld, readable by bench %lld (%.0f%%)\n", (long long)all, (long long)kb_bench_readable(db, &v),
           100.0 * (double)kb_bench_readable(db, &v) / (double)(all ? all : 1));
    static const char *const bands[] = {"words of one article", "frequent words"};
    int64_t *us = xcalloc((size_t)nq, sizeof *us), *ref_us = xcalloc((size_t)nq, sizeof *ref_us);
    int rc = 0;
    for (int band = 0; band < 2 && !rc; band++) {
        char **qs;
        kb_bench_queries(db, 7 + (uint64_t)band, band == 1, (size_t)nq, &qs);
        int64_t hits = 0, ref_hits = 0;
        for (int pass = 0; pass < 2 && !rc; pass++) {   /* the first pass warms the page cache */
            hits = ref_hits = 0;
            for (long long i = 0; i < nq && !rc; i++) {
                SearchQuery q = {.q = qs[i], .page = 1};
                SearchResult res;
                int64_t t0 = now_us();
                rc = search_run(db, &a, &v, &q, &res, &e);
                us[i] = now_us() - t0;
                hits += res.total;
                int64_t total = 0;
                t0 = now_us();
                rc = rc ? rc : kb_bench_ref_query(ref, qs[i], &total, &e);
                ref_us[i] = now_us() - t0;
                ref_hits += total;
                arena_reset(&a);
            }
        }
        char label[64];
        snprintf(label, sizeof label, "samla, %s", bands[band]);
        report(label, us, (size_t)nq, hits);
        snprintf(label, sizeof label, "reference, %s", bands[band]);
        report(label, ref_us, (size_t)nq, ref_hits);
        for (long long i = 0; i < nq; i++) {
            free(qs[i]);
        }
        free(qs);
    }
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    }
    free(us);
    free(ref_us);
    arena_free(&a);
    arena_free(&keep);
    db_close(ref);
    db_close(db);
    return rc ? 1 : 0;
}
