/* search.c: see search.h.  Indexing (search_index_record, search_sync),
 * turning what a user typed into an FTS5 query, and the one pass over the
 * readable matches that ranks, counts and facets them. */
#include "app/core/search.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/i18n.h"
#include "base/html.h"
#include "base/log.h"
#include "base/util.h"
#include "db/search_tok.h"

/* ---- indexing ---------------------------------------------------------------- */

/* The strategy whose period holds the year of at (ISO time); 0: none. */
static int64_t period_of(Db *db, const char *at)
{
    long long year = 0;
    char y[5] = {0};
    if (!at || strlen(at) < 4) {
        return 0;
    }
    memcpy(y, at, 4);
    if (!parse_int(y, 1900, 9999, &year)) {
        return 0;
    }
    return db_one_int(db, "SELECT id FROM strategy WHERE period_start <= ?1 AND (period_end IS NULL OR period_end >= ?1) "
                          "ORDER BY period_start DESC LIMIT 1", year, 0);
}

int search_index_record(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT kind, title, public_title, version, coalesce(updated_at, created_at), "
                             "exemption_basis IS NOT NULL FROM record WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    Arena a = {0};
    const char *kind = NULL, *title = NULL, *pub = NULL, *at = NULL;
    int64_t version = 0;
    if (rc == DB_ROW) {
        kind = db_col_dup(s, 0, &a);
        title = db_col_dup(s, 1, &a);
        pub = db_col_int(s, 5) ? db_col_dup(s, 2, &a) : NULL;
        version = db_col_int(s, 3);
        at = db_col_dup(s, 4, &a);
    }
    db_done(s);
    if (rc < 0) {
        arena_free(&a);
        return err_set(e, E_DB, "reading the record to index failed");
    }
    s = db_prepare(db, "DELETE FROM search_fts WHERE rowid = ?1");
    db_bind_int(s, 1, id);
    int ok = db_step(s) == DB_DONE;
    db_done(s);
    if (!kind) {
        s = db_prepare(db, "DELETE FROM search_doc WHERE id = ?1");
        db_bind_int(s, 1, id);
        ok &= db_step(s) == DB_DONE;
        db_done(s);
        arena_free(&a);
        return ok ? 0 : err_set(e, E_DB, "removing the record from the index failed");
    }
    SearchText text = {0};
    const RecordKind *k = record_kind(kind);
    if (ok && k && k->search_text && k->search_text(db, &a, id, &text, e)) {
        arena_free(&a);
        return E_DB;
    }
    int64_t period = text.period_id ? text.period_id : period_of(db, at);
    s = db_prepare(db, "INSERT INTO search_fts (rowid, title, body, pub) VALUES (?1, ?2, ?3, ?4)");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, title);
    db_bind_text(s, 3, text.body ? text.body : "");
    db_bind_text(s, 4, pub ? pub : "");
    ok &= db_step(s) == DB_DONE;
    db_done(s);
    s = db_prepare(db, "INSERT OR REPLACE INTO search_doc (id, version, period_id) VALUES (?1, ?2, nullif(?3, 0))");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, version);
    db_bind_int(s, 3, period);
    ok &= db_step(s) == DB_DONE;
    db_done(s);
    arena_free(&a);
    return ok ? 0 : err_set(e, E_DB, "indexing the record failed");
}

int search_sync(Db *db, size_t *n, Err *e)
{
    size_t done = 0;
    int rc = 0;
    for (;;) {
        /* Ids first, then index them: the statement must not step while
         * the tables it reads are written. */
        int64_t ids[1000];
        size_t k = 0;
        Stmt *s = db_prepare(db, "SELECT r.id FROM record r LEFT JOIN search_doc d ON d.id = r.id "
                                 "WHERE d.id IS NULL OR d.version <> r.version ORDER BY r.id LIMIT 1000");
        while (k < COUNT(ids) && (rc = db_step(s)) == DB_ROW) {
            ids[k++] = db_col_int(s, 0);
        }
        db_done(s);
        if (rc < 0) {
            rc = err_set(e, E_DB, "finding records to index failed");
            break;
        }
        rc = 0;
        if (k == 0) {
            break;
        }
        if ((rc = db_begin(db, e))) {
            break;
        }
        for (size_t i = 0; i < k && !rc; i++) {
            rc = search_index_record(db, ids[i], e);
        }
        if ((rc = db_finish(db, rc, e))) {
            break;
        }
        done += k;
    }
    if (n) {
        *n = done;
    }
    return rc;
}

/* ---- the query ----------------------------------------------------------------- */

static int count_cb(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    (void)tok;
    (void)start;
    (void)end;
    *(size_t *)ctx += n > 0;
    return 0;
}

static size_t words_in(const char *s, size_t n)
{
    size_t count = 0;
    search_tokenize(NULL, s, n, count_cb, &count);
    return count;
}

const char *search_fts_query(Arena *a, const char *q, bool last_prefix, const char *columns)
{
    if (!q) {
        return NULL;
    }
    size_t len = strnlen(q, SEARCH_MAX_QUERY);
    const char *p = q, *end = q + len;
    const char *term[SEARCH_MAX_TERMS];
    size_t tlen[SEARCH_MAX_TERMS];
    bool prefix[SEARCH_MAX_TERMS], phrase[SEARCH_MAX_TERMS];
    size_t nt = 0;
    while (p < end && nt < SEARCH_MAX_TERMS) {
        while (p < end && strchr(" \t\r\n", *p)) {
            p++;
        }
        if (p == end) {
            break;
        }
        const char *start = p;
        bool quoted = *p == '"';
        if (quoted) {
            start = ++p;
            while (p < end && *p != '"') {
                p++;
            }
        } else {
            while (p < end && !strchr(" \t\r\n\"", *p)) {
                p++;
            }
        }
        size_t n = (size_t)(p - start);
        bool star = false;
        if (quoted && p < end) {
            p++;                                   /* the closing quote */
            star = p < end && *p == '*';
        } else if (!quoted) {
            while (n && start[n - 1] == '*') {
                n--;
                star = true;
            }
        }
        if (star && p < end && *p == '*') {
            p++;
        }
        if (words_in(start, n) == 0) {
            continue;
        }
        term[nt] = start;
        tlen[nt] = n;
        prefix[nt] = star;
        phrase[nt] = quoted;
        nt++;
    }
    if (nt == 0) {
        return NULL;
    }
    if (last_prefix && !phrase[nt - 1]) {
        prefix[nt - 1] = true;
    }
    Buf b = {0};
    if (columns) {
        buf_printf(&b, "%s : (", columns);
    }
    for (size_t i = 0; i < nt; i++) {
        buf_puts(&b, i ? " AND \"" : "\"");
        for (size_t k = 0; k < tlen[i]; k++) {
            if (term[i][k] == '"') {
                buf_putc(&b, '"');
            }
            buf_putc(&b, term[i][k]);
        }
        buf_putc(&b, '"');
        /* A prefix of one or two letters would expand to most of the
         * vocabulary; it is taken as a word. */
        if (prefix[i] && !phrase[i] && tlen[i] >= 3) {
            buf_puts(&b, " *");
        }
    }
    if (columns) {
        buf_putc(&b, ')');
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- ranking, counting and facets in one pass -------------------------------- */

typedef struct Ranked {
    double rank;               /* bm25: smaller is better */
    int64_t id;
} Ranked;

/* A max-heap on rank of the best k seen so far: the worst at the top. */
static void heap_push(Ranked *h, size_t *n, size_t k, Ranked x)
{
    if (*n == k) {
        if (k == 0 || x.rank >= h[0].rank) {
            return;
        }
        h[0] = x;                                  /* replace the worst, sift down */
        size_t i = 0;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, m = i;
            if (l < *n && h[l].rank > h[m].rank) {
                m = l;
            }
            if (r < *n && h[r].rank > h[m].rank) {
                m = r;
            }
            if (m == i) {
                break;
            }
            Ranked t = h[i];
            h[i] = h[m];
            h[m] = t;
            i = m;
        }
        return;
    }
    size_t i = (*n)++;
    h[i] = x;
    while (i > 0 && h[(i - 1) / 2].rank < h[i].rank) {
        Ranked t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static int by_rank(const void *x, const void *y)
{
    const Ranked *a = x, *b = y;
    return a->rank < b->rank ? -1 : a->rank > b->rank ? 1 : a->id < b->id ? -1 : a->id > b->id;
}

/* Counts per facet value: a small open list (kinds, ministries, periods
 * and the groups in the hits number tens, not thousands). */
typedef struct Count {
    int64_t key;               /* kind index, ministry id, group id, strategy id */
    int64_t n;
} Count;

typedef struct Counts {
    Count *v;
    size_t n, cap;
} Counts;

static void count_add(Arena *a, Counts *c, int64_t key)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].key == key) {
            c->v[i].n++;
            return;
        }
    }
    Count *x = arena_push(a, &c->v, &c->n, &c->cap, sizeof *c->v);
    x->key = key;
    x->n = 1;
}

typedef struct Filter {
    int kind;                  /* index in g_record_kinds; -1: any */
    int64_t ministry, group, period;   /* 0: any */
} Filter;

static int kind_index(const char *name)
{
    for (size_t i = 0; i < g_record_nkinds; i++) {
        if (str_eq(g_record_kinds[i]->name, name)) {
            return (int)i;
        }
    }
    return -1;
}

/* The one statement every search runs: the readable matches with their
 * rank and facet keys.  A viewer who may see only the public title of an
 * exempt record finds it only when the query matches that title (?2),
 * and its rank comes from that title alone. */
#define PASS_SQL                                                                                              \
    "SELECT search_fts.rowid, CASE WHEN " ACCESS_MASKED("r") " THEN bm25(search_fts, 0.0, 0.0, 1.0) "          \
    "ELSE bm25(search_fts, 10.0, 1.0, 5.0) END, r.kind, coalesce(r.owner_ministry_id, 0), "                 \
    "coalesce(r.owner_group_id, 0), coalesce(d.period_id, 0) "                                               \
    "FROM search_fts JOIN record r ON r.id = search_fts.rowid LEFT JOIN search_doc d ON d.id = search_fts.rowid " \
    "WHERE search_fts MATCH ?1 AND " ACCESS("r") " AND (NOT " ACCESS_MASKED("r") " OR search_fts.rowid IN "     \
    "(SELECT p.rowid FROM search_fts p WHERE p.search_fts MATCH ?2)) ORDER BY search_fts.rowid DESC"

typedef struct Pass {
    Ranked *heap;
    size_t nheap, k;
    int64_t total, seen;
    bool more;                 /* stopped at SEARCH_MAX_SCANNED */
    Counts counts[FACET_COUNT];
} Pass;

static int run_pass(Db *db, Arena *a, const Viewer *v, const char *fts, const char *pub, const Filter *f, Pass *p)
{
    Stmt *s = db_prepare(db, PASS_SQL);
    db_bind_text(s, 1, fts);
    db_bind_text(s, 2, pub);
    access_bind(s, v);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (p->seen++ == SEARCH_MAX_SCANNED) {
            p->more = true;
            break;
        }
        int kind = kind_index(db_col_text(s, 2));
        int64_t key[FACET_COUNT] = {kind, db_col_int(s, 3), db_col_int(s, 4), db_col_int(s, 5)};
        bool pass[FACET_COUNT] = {f->kind < 0 || f->kind == kind, !f->ministry || f->ministry == key[1],
                                  !f->group || f->group == key[2], !f->period || f->period == key[3]};
        for (int x = 0; x < FACET_COUNT; x++) {
            bool others = true;
            for (int y = 0; y < FACET_COUNT; y++) {
                others &= y == x || pass[y];
            }
            if (others && (x == FACET_KIND || key[x])) {
                count_add(a, &p->counts[x], key[x]);
            }
        }
        if (pass[0] && pass[1] && pass[2] && pass[3]) {
            p->total++;
            heap_push(p->heap, &p->nheap, p->k, (Ranked){db_col_double(s, 1), db_col_int(s, 0)});
        }
    }
    db_done(s);
    return rc < 0 ? E_DB : 0;
}

/* ---- facets and hits ------------------------------------------------------------- */

static int by_count(const void *x, const void *y)
{
    const SearchFacet *a = x, *b = y;
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return strcmp(a->label ? a->label : "", b->label ? b->label : "");
}

static void facets_fill(Db *db, Arena *a, const Viewer *v, const Pass *p, const Filter *f, SearchResult *out)
{
    for (int x = 0; x < FACET_COUNT; x++) {
        const Counts *c = &p->counts[x];
        SearchFacet *list = c->n ? arena_alloc(a, c->n * sizeof *list) : NULL;
        size_t n = 0;
        for (size_t i = 0; i < c->n; i++) {
            SearchFacet *fa = &list[n];
            memset(fa, 0, sizeof *fa);
            fa->count = c->v[i].n;
            int64_t key = c->v[i].key;
            if (x == FACET_KIND) {
                if (key < 0) {
                    continue;
                }
                fa->value = g_record_kinds[key]->name;
                fa->label = g_record_kinds[key]->label;
                fa->selected = f->kind == key;
            } else if (x == FACET_MINISTRY) {
                Stmt *s = db_prepare(db, "SELECT code, name_nb, name_nn, name_en FROM ministry WHERE id = ?1");
                db_bind_int(s, 1, key);
                if (db_step(s) == DB_ROW) {
                    fa->value = db_col_dup(s, 0, a);
                    fa->label = db_col_dup(s, 1, a);
                    fa->label_nn = db_col_dup(s, 2, a);
                    fa->label_en = db_col_dup(s, 3, a);
                }
                db_done(s);
                fa->selected = f->ministry == key;
            } else if (x == FACET_GROUP) {
                /* A group the viewer may not read is left out of the
                 * facets: its title is not theirs to see. */
                Stmt *s = db_prepare(db, "SELECT " ACCESS_TITLE("r") " FROM record r WHERE r.id = ?1 AND r.kind = 'group' "
                                         "AND " ACCESS("r") " AND NOT " ACCESS_MASKED("r"));
                db_bind_int(s, 1, key);
                access_bind(s, v);
                if (db_step(s) == DB_ROW) {
                    fa->value = arena_printf(a, "%lld", (long long)key);
                    fa->label = db_col_dup(s, 0, a);
                }
                db_done(s);
                fa->selected = f->group == key;
            } else {
                fa->value = db_one_text(db, a, "SELECT slug FROM strategy WHERE id = ?1", key);
                fa->label = fa->value;
                fa->selected = f->period == key;
            }
            n += fa->value != NULL;
        }
        if (n > 1) {
            qsort(list, n, sizeof *list, by_count);
        }
        out->facets[x] = list;
        out->nfacets[x] = n;
    }
}

static int hit_fill(Db *db, Arena *a, const Viewer *v, const char *fts, int64_t id, bool snippet, SearchHit *h)
{
    Stmt *s = db_prepare(db,
        "SELECT r.kind, CASE WHEN " ACCESS_MASKED("r") " THEN highlight(search_fts, 2, ?3, ?4) "
        "ELSE highlight(search_fts, 0, ?3, ?4) END, "
        "CASE WHEN " ACCESS_MASKED("r") " OR ?5 = 0 THEN '' ELSE snippet(search_fts, 1, ?3, ?4, '…', 24) END, "
        ACCESS_MASKED("r") ", o.code, g.id, g.title, coalesce(r.updated_at, r.created_at) "
        "FROM search_fts JOIN record r ON r.id = search_fts.rowid LEFT JOIN ministry o ON o.id = r.owner_ministry_id "
        "LEFT JOIN record g ON g.id = r.owner_group_id AND g.kind = 'group' AND " ACCESS("g")
        " AND NOT " ACCESS_MASKED("g") " WHERE search_fts MATCH ?1 AND search_fts.rowid = ?2 AND " ACCESS("r"));
    db_bind_text(s, 1, fts);
    db_bind_int(s, 2, id);
    db_bind_text(s, 3, SEARCH_MARK_ON);
    db_bind_text(s, 4, SEARCH_MARK_OFF);
    db_bind_int(s, 5, snippet);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        memset(h, 0, sizeof *h);
        h->id = id;
        h->kind = record_kind(db_col_text(s, 0));
        h->title = db_col_dup(s, 1, a);
        h->snippet = db_col_dup(s, 2, a);
        h->masked = db_col_int(s, 3) != 0;
        h->owner_code = db_col_dup(s, 4, a);
        h->group_id = db_col_int(s, 5);
        h->group_title = db_col_dup(s, 6, a);
        h->changed_at = db_col_dup(s, 7, a);
        h->snippet = h->snippet ? h->snippet : "";
        h->title = h->title ? h->title : "";
    }
    db_done(s);
    return rc == DB_ROW ? 0 : rc < 0 ? E_DB : E_NOTFOUND;
}

static int resolve_filter(Db *db, const SearchQuery *q, Filter *f, Err *e)
{
    memset(f, 0, sizeof *f);
    f->kind = -1;
    if (q->kind && *q->kind && (f->kind = kind_index(q->kind)) < 0) {
        return err_set(e, E_INVALID, N_("Ukjent type innhold."));
    }
    if (q->ministry && *q->ministry) {
        Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = ?1");
        db_bind_text(s, 1, q->ministry);
        f->ministry = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
        if (!f->ministry) {
            return err_set(e, E_INVALID, N_("Ukjent departement."));
        }
    }
    f->group = q->group;
    if (q->period && *q->period) {
        Stmt *s = db_prepare(db, "SELECT id FROM strategy WHERE slug = ?1");
        db_bind_text(s, 1, q->period);
        f->period = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
        if (!f->period) {
            return err_set(e, E_INVALID, N_("Ukjent strategiperiode."));
        }
    }
    return 0;
}

int search_run(Db *db, Arena *a, const Viewer *v, const SearchQuery *q, SearchResult *out, Err *e)
{
    assert(q && out);
    memset(out, 0, sizeof *out);
    Filter f;
    if (resolve_filter(db, q, &f, e)) {
        return E_INVALID;
    }
    int per = q->per_page > 0 && q->per_page <= 100 ? q->per_page : SEARCH_PER_PAGE;
    int page = q->page > 0 ? q->page : 1;
    out->fts = search_fts_query(a, q->q, q->suggest, q->suggest ? "{title pub}" : NULL);
    if (!out->fts) {
        return 0;
    }
    const char *pub = search_fts_query(a, q->q, q->suggest, "pub");
    Pass p = {0};
    size_t want = (size_t)page * (size_t)per;
    p.k = want < SEARCH_MAX_RANKED ? want : SEARCH_MAX_RANKED;
    p.heap = arena_alloc(a, p.k * sizeof *p.heap);
    bool began = db_read_begin(db);
    int rc = run_pass(db, a, v, out->fts, pub, &f, &p);
    if (rc) {
        db_read_end(db, began);
        return err_set(e, E_DB, "searching failed");
    }
    out->total = p.total;
    out->more = p.more;
    qsort(p.heap, p.nheap, sizeof *p.heap, by_rank);
    size_t from = (size_t)(page - 1) * (size_t)per;
    if (from < p.nheap) {
        size_t n = p.nheap - from < (size_t)per ? p.nheap - from : (size_t)per;
        out->hits = arena_alloc(a, n * sizeof *out->hits);
        for (size_t i = 0; i < n; i++) {
            if (hit_fill(db, a, v, out->fts, p.heap[from + i].id, !q->suggest, &out->hits[out->nhits]) == 0) {
                out->nhits++;
            }
        }
    }
    if (!q->suggest) {
        facets_fill(db, a, v, &p, &f, out);
    }
    db_read_end(db, began);
    return 0;
}

/* ---- showing highlights -------------------------------------------------------------- */

void search_marked_html(Buf *out, const char *s)
{
    bool on = false;
    Buf piece = {0};
    while (s && *s) {
        size_t n = strcspn(s, SEARCH_MARK_ON SEARCH_MARK_OFF);
        buf_reset(&piece);
        buf_append(&piece, s, n);
        html_printf(out, "%s", buf_str(&piece));
        s += n;
        if (*s == SEARCH_MARK_ON[0] && !on) {
            html_printf(out, "<mark>");
            on = true;
        } else if (*s == SEARCH_MARK_OFF[0] && on) {
            html_printf(out, "</mark>");
            on = false;
        }
        if (*s) {
            s++;
        }
    }
    if (on) {
        html_printf(out, "</mark>");
    }
    buf_free(&piece);
}

const char *search_plain(Arena *a, const char *s)
{
    char *out = arena_strdup(a, s ? s : "");
    char *w = out;
    for (const char *p = out; *p; p++) {
        if (*p != SEARCH_MARK_ON[0] && *p != SEARCH_MARK_OFF[0]) {
            *w++ = *p;
        }
    }
    *w = 0;
    return out;
}
