/* kb_bench.h: the search benchmark's corpus and queries (kb_bench.c),
 * for samla bench-data and bench-search.  Not part of the door: only the
 * CLI uses it. */
#ifndef SAMLA_KB_BENCH_H
#define SAMLA_KB_BENCH_H

#include <stdint.h>

#include "app/core/perm.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"

typedef struct KbBenchStats {
    int64_t articles;             /* articles written */
    int64_t text_bytes;           /* bytes of title and body text */
    int64_t total_us;             /* the whole fill */
    int64_t index_us;             /* inside search_index_record */
    int64_t ref_index_us;         /* inserting into the reference index */
    int64_t commit_us;            /* committing (the index's writes happen here too) */
} KbBenchStats;

/* kb_bench_fill: n articles into db (and the same text into ref's FTS5
 * table 'ref' with the default tokenizer, and into text, when not NULL),
 * from seed. */
int kb_bench_fill(Db *db, Db *ref, Buf *text, int64_t n, uint64_t seed, KbBenchStats *st, Err *e);

/* kb_bench_queries: n two-word queries, malloc'd: two frequent words, or
 * two words of a random article of db. */
size_t kb_bench_queries(Db *db, uint64_t seed, bool frequent, size_t n, char ***out);

/* kb_bench_ref_query: the reference search for q: the best 20 by BM25
 * with snippets, and the count of matches (no access filter). */
int kb_bench_ref_query(Db *ref, const char *q, int64_t *total, Err *e);

/* The benchmark user's id, how many articles it may read, and the bytes
 * of the index's own tables and of its stored copy of the text (dbstat;
 * -1 when SQLite lacks it). */
int64_t kb_bench_user(Db *db);
int64_t kb_bench_readable(Db *db, const Viewer *v);
int64_t kb_bench_index_bytes(Db *db);
int64_t kb_bench_content_bytes(Db *db);

#endif
