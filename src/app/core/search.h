/* search.h: full-text search across every kind of record — one index,
 * filtered by the access rule before anything is ranked, counted,
 * faceted or shown.
 *
 * The index (migration 013: search_fts, FTS5 with samla's Norwegian
 * tokenizer, db/search_tok.h) holds per record its title, its own text
 * (the kind's search_text, record.h) and, for an exempt record, its public
 * title.  record_version_add calls search_index_record in the writer's
 * transaction, so the index changes with the record or not at all.
 *
 * A query is words (each must occur, in any word form: barnehage finds
 * barnehagene), "quoted phrases", and words ending in * (prefixes of at
 * least three letters).  One pass over the matches that the viewer may
 * read (ACCESS in the same statement as MATCH), newest first and at most
 * SEARCH_MAX_SCANNED of them (so a query of words that are in most
 * records still answers at once), ranks them by BM25 with the
 * title weighted up, counts them, and counts the facets — kind, owner
 * ministry, owning group, strategy period — each facet counted with the
 * other facets' filters applied, so choosing one kind still shows how many
 * hits the other kinds have.  A viewer who sees only the public title of
 * an exempt record finds it by that title alone, ranked by it alone, and
 * gets no snippet.  Snippets and highlighted titles are made only for the
 * page shown; highlights are between SEARCH_MARK_ON and SEARCH_MARK_OFF
 * (control characters, which stored text never contains).
 *
 * Strings live in the caller's arena.
 */
#ifndef SAMLA_SEARCH_H
#define SAMLA_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/record.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"

#define SEARCH_MARK_ON "\x01"
#define SEARCH_MARK_OFF "\x02"

enum {
    SEARCH_MAX_QUERY = 500,    /* bytes of query text looked at */
    SEARCH_MAX_TERMS = 16,     /* words and phrases used */
    SEARCH_PER_PAGE = 20,      /* hits per page */
    SEARCH_MAX_RANKED = 1000,  /* hits reachable by paging (50 pages) */
    SEARCH_MAX_SCANNED = 2000, /* readable matches ranked, counted and faceted: the newest ones */
};

/* search_index_record: put record id into the index as it is stored now
 * (its title, its kind's search_text, its public title), or take it out
 * when it no longer exists.  Runs in the caller's transaction. */
int search_index_record(Db *db, int64_t id, Err *e);

/* search_sync: index every record that is not indexed at its current
 * version (records from migrations, seed files and imports made with
 * plain SQL), in transactions of 1,000.  *n (may be NULL) gets how many. */
int search_sync(Db *db, size_t *n, Err *e);

typedef struct SearchQuery {
    const char *q;             /* what the user typed */
    const char *kind;          /* a record kind's name; NULL or "": any */
    const char *ministry;      /* owner ministry code; NULL or "": any */
    int64_t group;             /* owning group's record id; 0: any */
    const char *period;        /* strategy slug ('2021-2025'); NULL or "": any */
    int page;                  /* from 1 */
    int per_page;              /* 0: SEARCH_PER_PAGE */
    bool suggest;              /* titles only, the last word a prefix, no facets or snippets */
} SearchQuery;

typedef struct SearchHit {
    int64_t id;
    const RecordKind *kind;
    const char *title;         /* the title the viewer may see, with highlights */
    const char *snippet;       /* a passage of the text with highlights; "" when none */
    const char *owner_code;    /* owner ministry code; NULL: none */
    int64_t group_id;          /* the owning group, 0 when none or not readable */
    const char *group_title;   /* its title; NULL when none or not readable */
    const char *changed_at;    /* ISO time of the last change */
    bool masked;               /* the viewer sees only the public title */
} SearchHit;

typedef struct SearchFacet {
    const char *value;         /* the filter value: kind name, ministry code, group id, strategy slug */
    const char *label;         /* kind: bokmål label (msgid); ministry: bokmål name; group: title; period: strategy slug */
    const char *label_nn, *label_en;  /* ministries: nynorsk and English names; NULL otherwise */
    int64_t count;
    bool selected;
} SearchFacet;

enum { FACET_KIND, FACET_MINISTRY, FACET_GROUP, FACET_PERIOD, FACET_COUNT };

typedef struct SearchResult {
    SearchHit *hits;           /* the page asked for */
    size_t nhits;
    int64_t total;             /* hits the viewer may read that pass every filter (of those scanned) */
    bool more;                 /* there are more readable matches than SEARCH_MAX_SCANNED: total and
                                  facets count the newest SEARCH_MAX_SCANNED, and the best of those are shown */
    SearchFacet *facets[FACET_COUNT];   /* by count, then label */
    size_t nfacets[FACET_COUNT];
    const char *fts;           /* the FTS5 query the text became; NULL when it had no words */
} SearchResult;

/* search_run: the page q->page of the hits of q that v may read, best
 * first, with the total and the facets.  A query without words gives no
 * hits (not an error).  E_INVALID for an unknown filter value. */
int search_run(Db *db, Arena *a, const Viewer *v, const SearchQuery *q, SearchResult *out, Err *e);

/* search_fts_query: the FTS5 query for the text q (see above; the last
 * word a prefix when last_prefix), in a; NULL when q has no words.
 * columns non-NULL: restricted to those columns ("{title pub}"). */
const char *search_fts_query(Arena *a, const char *q, bool last_prefix, const char *columns);

/* search_marked_html: s with its highlights as <mark>, everything else
 * escaped, appended to out. */
void search_marked_html(Buf *out, const char *s);

/* search_plain: s without its highlight marks, in a. */
const char *search_plain(Arena *a, const char *s);

#endif
