/* kb_bench.c: the search benchmark's corpus and queries (samla
 * bench-data, bench-search; scripts/bench-search.sh).  Not used by the
 * server.
 *
 * The corpus: N articles of Norwegian text whose words follow a Zipf
 * distribution over a vocabulary of real stems in their word forms
 * (barnehage, barnehagen, barnehager, barnehagene …) and made-up words
 * for the long tail; titles of 3–8 words, bodies of 60–140.  Markings: a
 * fifth public or internal, the rest restricted to one of 30 groups (and
 * the group's process owner, one of 15 ministries).  The user «bench»
 * (KD) is a member of 5 of the groups, so it may read about a third.
 * Records and articles are inserted directly (no versions or audit rows:
 * what is measured is the index), and each is indexed with
 * search_index_record, the same call every save makes; the same text
 * also goes into a reference database with FTS5's default tokenizer.
 */
#include "app/kb/kb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/search.h"
#include "app/core/textform.h"
#include "base/buf.h"
#include "base/util.h"

#include "app/kb/kb_bench.h"

static const char *const g_stems[][4] = {
    {"barnehage", "barnehagen", "barnehager", "barnehagene"}, {"departement", "departementet", "departementer", "departementene"},
    {"samarbeid", "samarbeidet", "samarbeidene", "samarbeider"}, {"kommune", "kommunen", "kommuner", "kommunene"},
    {"tiltak", "tiltaket", "tiltakene", "tiltak"}, {"skole", "skolen", "skoler", "skolene"},
    {"barnevern", "barnevernet", "barnevernstjenesten", "barnevernets"}, {"helse", "helsen", "helsestasjon", "helsestasjonen"},
    {"utredning", "utredningen", "utredninger", "utredningene"}, {"gruppe", "gruppen", "grupper", "gruppene"},
    {"problem", "problemet", "problemer", "problemene"}, {"strategi", "strategien", "strategier", "strategiene"},
    {"kunnskap", "kunnskapen", "kunnskapsgrunnlag", "kunnskapsgrunnlaget"}, {"budsjett", "budsjettet", "budsjetter", "budsjettene"},
    {"ansatt", "ansatte", "ansattes", "ansatt"}, {"leder", "lederen", "ledere", "lederne"},
    {"plan", "planen", "planer", "planene"}, {"mål", "målet", "målene", "måls"},
    {"rapport", "rapporten", "rapporter", "rapportene"}, {"familie", "familien", "familier", "familiene"},
    {"innsats", "innsatsen", "innsatser", "innsatsene"}, {"digitalisering", "digitaliseringen", "digital", "digitale"},
    {"forvaltning", "forvaltningen", "forvaltninger", "forvaltningene"}, {"ungdom", "ungdommen", "ungdommer", "ungdommene"},
    {"arbeid", "arbeidet", "arbeider", "arbeidene"}, {"samordning", "samordningen", "samordne", "samordnet"},
    {"fattigdom", "fattigdommen", "barnefattigdom", "barnefattigdommen"}, {"klima", "klimaet", "klimaendring", "klimaendringene"},
    {"vei", "veien", "veier", "veiene"}, {"sykehus", "sykehuset", "sykehusene", "sykehusets"},
};
static const char *const g_small[] = {"og", "i", "på", "for", "med", "til", "som", "av", "det", "er", "en", "et",
                                      "at", "de", "om", "ikke", "kan", "skal", "har", "fra", "ved", "mellom", "alle"};
static const char *const g_syll[] = {"ka", "ne", "ri", "sto", "lu", "ber", "dal", "vik", "sen", "hal", "mo", "ter",
                                     "gå", "ø", "ly", "ran", "fe", "sk", "tor", "ing", "el", "ba", "vå", "ær"};

enum { TAIL_WORDS = 40000, NGROUPS = 30, NMIN = 15 };

typedef struct Corpus {
    uint64_t rng;
    char **tail;                  /* made-up words, most frequent first */
    double *cdf;                  /* Zipf over the whole vocabulary */
    size_t nvocab;
} Corpus;

static uint64_t next_rand(Corpus *c)
{
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return c->rng;
}

static double unit(Corpus *c)
{
    return (double)(next_rand(c) >> 11) / 9007199254740992.0;
}

/* Vocabulary rank k: small words first, then the stems' forms, then the tail. */
static const char *word_at(const Corpus *c, size_t k)
{
    size_t ns = COUNT(g_small), nf = COUNT(g_stems) * 4;
    if (k < ns) {
        return g_small[k];
    }
    if (k < ns + nf) {
        /* Interleave: the first form of every stem before the second. */
        size_t j = k - ns;
        return g_stems[j % COUNT(g_stems)][j / COUNT(g_stems)];
    }
    return c->tail[k - ns - nf];
}

static void corpus_init(Corpus *c, uint64_t seed)
{
    memset(c, 0, sizeof *c);
    c->rng = seed | 1;
    c->tail = xcalloc(TAIL_WORDS, sizeof *c->tail);
    for (size_t i = 0; i < TAIL_WORDS; i++) {
        Buf w = {0};
        int parts = 2 + (int)(next_rand(c) % 3);
        for (int p = 0; p < parts; p++) {
            buf_puts(&w, g_syll[next_rand(c) % COUNT(g_syll)]);
        }
        c->tail[i] = xstrdup(buf_str(&w));
        buf_free(&w);
    }
    c->nvocab = COUNT(g_small) + COUNT(g_stems) * 4 + TAIL_WORDS;
    c->cdf = xcalloc(c->nvocab, sizeof *c->cdf);
    double sum = 0;
    for (size_t k = 0; k < c->nvocab; k++) {
        sum += 1.0 / pow((double)k + 2.0, 1.0);
        c->cdf[k] = sum;
    }
    for (size_t k = 0; k < c->nvocab; k++) {
        c->cdf[k] /= sum;
    }
}

static void corpus_free(Corpus *c)
{
    for (size_t i = 0; c->tail && i < TAIL_WORDS; i++) {
        free(c->tail[i]);
    }
    free(c->tail);
    free(c->cdf);
}

static size_t zipf(Corpus *c)
{
    double u = unit(c);
    size_t lo = 0, hi = c->nvocab - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->cdf[mid] < u) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static void words(Corpus *c, Buf *b, int n, bool title)
{
    for (int i = 0; i < n; i++) {
        const char *w = word_at(c, zipf(c));
        if (i == 0 && title) {
            buf_printf(b, "%c%s", w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0], w + 1);
        } else {
            buf_printf(b, "%s%s", i ? " " : "", w);
        }
        if (!title && i % 12 == 11) {
            buf_puts(b, ".");
        }
    }
}

static int exec1(Db *db, const char *sql, int64_t a1, Err *e)
{
    Stmt *s = db_prepare(db, sql);
    db_bind_int(s, 1, a1);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "bench setup: %s", db_errmsg(db));
    db_done(s);
    return rc;
}

/* The 30 groups, their process owners, and the user «bench». */
static int setup(Db *db, int64_t *groups, Err *e)
{
    int rc = exec1(db, "INSERT OR IGNORE INTO account (username, full_name, ministry_id, active, created_at, updated_at) "
                       "SELECT 'bench', 'Benk Bruker', id, 1, '2026-01-01', '2026-01-01' FROM ministry "
                       "WHERE code = 'KD' AND ?1",
                   1, e);
    for (int g = 0; !rc && g < NGROUPS; g++) {
        rc = exec1(db, "INSERT INTO record (kind, title, owner_ministry_id, visibility, created_at, version) "
                       "VALUES ('group', 'Benkgruppe ' || ?1, (SELECT id FROM ministry WHERE valid_to IS NULL "
                       "ORDER BY id LIMIT 1 OFFSET ?1 % 15), 'internal', '2026-01-01', 1)", g, e);
        groups[g] = db_last_id(db);
        rc = rc ? rc : exec1(db, "INSERT INTO work_group (id, kind) VALUES (?1, 'working')", groups[g], e);
        rc = rc ? rc : exec1(db, "UPDATE record SET owner_group_id = id WHERE id = ?1", groups[g], e);
        if (!rc && g % 6 == 0) {
            rc = exec1(db, "INSERT INTO group_member (group_id, user_id, role, joined_on) "
                           "VALUES (?1, (SELECT id FROM account WHERE username = 'bench'), 'member', '2026-01-01')",
                       groups[g], e);
        }
    }
    return rc;
}

int kb_bench_fill(Db *db, Db *ref, Buf *text, int64_t n, uint64_t seed, KbBenchStats *st, Err *e)
{
    memset(st, 0, sizeof *st);
    Corpus c;
    corpus_init(&c, seed);
    int64_t groups[NGROUPS];
    int rc = db_begin(db, e);
    rc = rc ? rc : setup(db, groups, e);
    rc = db_finish(db, rc, e);
    if (!rc && ref) {
        rc = db_exec(ref, "CREATE VIRTUAL TABLE IF NOT EXISTS ref USING fts5(title, body)", e);
    }
    Buf title = {0}, body = {0};
    int64_t t0 = now_us();
    for (int64_t i = 0; !rc && i < n; i += 10000) {
        rc = db_begin(db, e);
        if (!rc && ref) {
            rc = db_begin(ref, e);
        }
        for (int64_t k = i; !rc && k < n && k < i + 10000; k++) {
            buf_reset(&title);
            buf_reset(&body);
            words(&c, &title, 3 + (int)(next_rand(&c) % 6), true);
            words(&c, &body, 60 + (int)(next_rand(&c) % 81), false);
            int64_t g = groups[next_rand(&c) % NGROUPS];
            unsigned m = (unsigned)(next_rand(&c) % 10);
            const char *vis = m == 0 ? "public" : m == 1 ? "internal" : "restricted";
            Stmt *s = db_prepare(db, "INSERT INTO record (kind, title, owner_ministry_id, owner_group_id, visibility, "
                                     "created_at, version) VALUES ('article', ?1, (SELECT owner_ministry_id FROM record "
                                     "WHERE id = ?2), ?2, ?3, '2026-06-01T12:00:00Z', 1)");
            db_bind_text(s, 1, buf_str(&title));
            db_bind_int(s, 2, g);
            db_bind_text(s, 3, vis);
            rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "bench insert: %s", db_errmsg(db));
            db_done(s);
            int64_t id = db_last_id(db);
            s = db_prepare(db, "INSERT INTO article (id, body, title_key) VALUES (?1, ?2, '')");
            db_bind_int(s, 1, id);
            db_bind_text(s, 2, buf_str(&body));
            rc = rc ? rc : db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "bench insert: %s", db_errmsg(db));
            db_done(s);
            int64_t ti = now_us();
            rc = rc ? rc : search_index_record(db, id, e);
            st->index_us += now_us() - ti;
            st->text_bytes += (int64_t)(title.len + body.len);
            if (!rc && ref) {
                s = db_prepare(ref, "INSERT INTO ref (rowid, title, body) VALUES (?1, ?2, ?3)");
                db_bind_int(s, 1, id);
                db_bind_text(s, 2, buf_str(&title));
                db_bind_text(s, 3, buf_str(&body));
                ti = now_us();
                rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "reference insert failed");
                st->ref_index_us += now_us() - ti;
                db_done(s);
            }
            if (!rc && text) {
                buf_printf(text, "%s\n%s\n", buf_str(&title), buf_str(&body));
            }
            st->articles++;
        }
        if (ref) {
            rc = rc ? (db_rollback(ref), rc) : db_commit(ref, e);
        }
        int64_t tc = now_us();
        rc = db_finish(db, rc, e);
        st->commit_us += now_us() - tc;
    }
    st->total_us = now_us() - t0;
    buf_free(&title);
    buf_free(&body);
    corpus_free(&c);
    return rc;
}

size_t kb_bench_queries(Db *db, uint64_t seed, bool frequent, size_t n, char ***out)
{
    /* frequent: two forms of the stems, which are in a large share of the
     * articles (the worst case); else two words of four letters or more
     * from the body of a random article, as someone who read it would
     * look for it again. */
    Corpus c;
    corpus_init(&c, seed);
    size_t ns = COUNT(g_small), nf = COUNT(g_stems) * 4;
    int64_t max = db_one_int(db, "SELECT max(id) FROM article WHERE ?1", 1, 0);
    *out = xcalloc(n, sizeof **out);
    for (size_t i = 0; i < n; i++) {
        Arena a = {0};
        if (frequent) {
            (*out)[i] = xstrdup(arena_printf(&a, "%s %s", word_at(&c, ns + next_rand(&c) % nf),
                                             word_at(&c, ns + next_rand(&c) % nf)));
            arena_free(&a);
            continue;
        }
        const char *body = db_one_text(db, &a, "SELECT body FROM article WHERE id >= ?1 ORDER BY id LIMIT 1",
                                       (int64_t)(next_rand(&c) % (uint64_t)(max ? max : 1)) + 1);
        const char **w;
        size_t nw = text_split(&a, body ? body : "", ' ', &w), got = 0;
        const char *pick[2] = {"x", "y"};
        for (int tries = 0; got < 2 && nw && tries < 50; tries++) {
            const char *x = w[next_rand(&c) % nw];
            size_t len = strcspn(x, ".");
            if (len >= 4 && (got == 0 || strncmp(pick[0], x, len) != 0)) {
                pick[got++] = arena_strndup(&a, x, len);
            }
        }
        (*out)[i] = xstrdup(arena_printf(&a, "%s %s", pick[0], pick[1]));
        arena_free(&a);
    }
    corpus_free(&c);
    return n;
}

int kb_bench_ref_query(Db *ref, const char *q, int64_t *total, Err *e)
{
    Stmt *s = db_prepare(ref, "SELECT rowid, snippet(ref, 1, '[', ']', '…', 24) FROM ref WHERE ref MATCH ?1 "
                              "ORDER BY bm25(ref, 10.0, 1.0) LIMIT 20");
    db_bind_text(s, 1, q);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
    }
    db_done(s);
    s = db_prepare(ref, "SELECT count(*) FROM ref WHERE ref MATCH ?1");
    db_bind_text(s, 1, q);
    *total = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reference query failed") : 0;
}

int64_t kb_bench_user(Db *db)
{
    return db_one_int(db, "SELECT id FROM account WHERE username = 'bench' AND ?1", 1, 0);
}

int64_t kb_bench_readable(Db *db, const Viewer *v)
{
    (void)v;
    /* What bench may read: public and internal, and the restricted ones
     * of its groups (its ministry owns none of them: the owners are the
     * groups' process owners). */
    return db_one_int(db, "SELECT count(*) FROM record r WHERE r.kind = 'article' AND (r.visibility <> 'restricted' "
                          "OR r.owner_group_id IN (SELECT group_id FROM group_member WHERE user_id = ?1) "
                          "OR r.owner_ministry_id = (SELECT ministry_id FROM account WHERE id = ?1))",
                      kb_bench_user(db), 0);
}

int64_t kb_bench_index_bytes(Db *db)
{
    return db_one_int(db, "SELECT sum(pgsize) FROM dbstat WHERE name IN ('search_fts_data', 'search_fts_idx', "
                          "'search_fts_docsize', 'search_fts_config') AND ?1", 1, -1);
}

int64_t kb_bench_content_bytes(Db *db)
{
    return db_one_int(db, "SELECT sum(pgsize) FROM dbstat WHERE name = 'search_fts_content' AND ?1", 1, -1);
}
