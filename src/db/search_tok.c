/* search_tok.c: see search_tok.h.  Word boundaries and folding are written
 * here (small tables for Latin, Greek and Cyrillic); stemming is
 * libstemmer's Norwegian algorithm.  search_tok_register (db.c) makes it
 * the FTS5 tokenizer "samla". */
#include "db/search_tok.h"

#include <libstemmer.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"

struct SearchStemmer {
    struct sb_stemmer *sb;
};

SearchStemmer *search_stemmer_new(void)
{
    struct sb_stemmer *sb = sb_stemmer_new("norwegian", "UTF_8");
    if (!sb) {
        return NULL;
    }
    SearchStemmer *st = xcalloc(1, sizeof *st);
    st->sb = sb;
    return st;
}

void search_stemmer_free(SearchStemmer *st)
{
    if (st) {
        sb_stemmer_delete(st->sb);
        free(st);
    }
}

/* ---- characters ------------------------------------------------------------ */

/* Decode one code point at s[*i] (before n); 0 for a byte that does not
 * start a valid, shortest-form sequence (then *i moves by one). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (len == 0 || *i + (size_t)len > n) {
        (*i)++;
        return 0;
    }
    uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; k++) {
        unsigned char d = s[*i + (size_t)k];
        if ((d & 0xC0) != 0x80) {
            (*i)++;
            return 0;
        }
        cp = cp << 6 | (d & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        (*i)++;
        return 0;
    }
    *i += (size_t)len;
    return cp;
}

/* Part of a word: letters and digits of any script; not the punctuation,
 * symbol, space and private-use blocks. */
static bool is_word(uint32_t c)
{
    if (c < 0x80) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (c < 0xC0) {
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    }
    return c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x2E00 && c <= 0x2E7F) &&
           !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xE000 && c <= 0xF8FF) && !(c >= 0xFE10 && c <= 0xFE6F) &&
           !(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0xFF1A && c <= 0xFF20) && c != 0xFEFF && c != 0xFFFD;
}

/* Combining accents (U+0300–U+036F) belong to the word and are dropped. */
static bool is_mark(uint32_t c)
{
    return c >= 0x300 && c <= 0x36F;
}

/* Latin-1 letters À–ÿ (0xC0–0xFF), folded; 0 keeps the small letter. */
static const uint32_t latin1[64] = {
    'a', 'a', 'a', 'a', 0xE6, 0xE5, 0xE6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',   /* À–Ï */
    'd', 'n', 'o', 'o', 'o', 'o', 0xF8, 0, 0xF8, 'u', 'u', 'u', 'u', 'y', 0xFE, 0xDF,    /* Ð–ß */
    'a', 'a', 'a', 'a', 0xE6, 0xE5, 0xE6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',   /* à–ï */
    'd', 'n', 'o', 'o', 'o', 'o', 0xF8, 0, 0xF8, 'u', 'u', 'u', 'u', 'y', 0xFE, 'y',     /* ð–ÿ */
};

/* Latin Extended-A (U+0100–U+017F) by base letter; '*' keeps the small
 * letter (ĳ, œ). */
static const char latin_a[129] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static uint32_t fold(uint32_t c)
{
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    if (c >= 0xC0 && c <= 0xFF) {
        return latin1[c - 0xC0] ? latin1[c - 0xC0] : c;
    }
    if (c >= 0x100 && c <= 0x17F) {
        char b = latin_a[c - 0x100];
        return b == '*' ? (c | 1) : (uint32_t)b;
    }
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) {
        return c + 32;                        /* Greek and Russian capitals */
    }
    if (c >= 0x400 && c <= 0x40F) {
        return c + 80;                        /* Ѐ–Џ */
    }
    return c;
}

static size_t put_cp(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* ---- words ----------------------------------------------------------------- */

int search_tokenize(SearchStemmer *st, const char *text, size_t len, SearchTokenFn fn, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    char word[SEARCH_TOK_MAX + 4];
    while (i < len) {
        size_t start = i;
        uint32_t c = next_cp(s, len, &i);
        if (!is_word(c) || is_mark(c)) {
            continue;
        }
        size_t n = 0, end = i;
        bool digits = false;
        for (;;) {
            if (!is_mark(c)) {
                char buf[4];
                uint32_t f = fold(c);
                size_t k = put_cp(buf, f);
                digits |= c >= '0' && c <= '9';
                if (n + k <= SEARCH_TOK_MAX) {
                    memcpy(word + n, buf, k);
                    n += k;
                }
            }
            end = i;
            if (i >= len) {
                break;
            }
            size_t save = i;
            c = next_cp(s, len, &i);
            if (!is_word(c)) {
                i = save;
                break;
            }
        }
        const char *tok = word;
        size_t tn = n;
        if (st && !digits) {
            const sb_symbol *out = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)n);
            if (out) {
                tok = (const char *)out;
                tn = (size_t)sb_stemmer_length(st->sb);
            }
        }
        int rc = fn(ctx, tok, tn, start, end);
        if (rc) {
            return rc;
        }
    }
    return 0;
}

static int join_cb(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    (void)start;
    (void)end;
    Buf *b = ctx;
    if (b->len) {
        buf_putc(b, ' ');
    }
    buf_append(b, tok, n);
    return 0;
}

char *search_terms(SearchStemmer *st, const char *text)
{
    Buf b = {0};
    search_tokenize(st, text ? text : "", text ? strlen(text) : 0, join_cb, &b);
    char *out = xstrdup(buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- the FTS5 tokenizer ------------------------------------------------------ */

typedef struct Fts5Ctx {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
} Fts5Ctx;

static int fts5_cb(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    Fts5Ctx *c = ctx;
    return c->token(c->ctx, 0, tok, (int)n, (int)start, (int)end);
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    SearchStemmer *st = search_stemmer_new();
    *out = (Fts5Tokenizer *)st;
    return st ? SQLITE_OK : SQLITE_ERROR;
}

static void tok_delete(Fts5Tokenizer *t)
{
    search_stemmer_free((SearchStemmer *)t);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    (void)flags;   /* a prefix is stemmed like a word: see search_tok.h */
    Fts5Ctx c = {ctx, token};
    return search_tokenize((SearchStemmer *)t, text, len > 0 ? (size_t)len : 0, fts5_cb, &c);
}

/* search_tok_register: make the tokenizer "samla" known to conn's FTS5
 * (declared in db.c, its only caller).  SQLITE_ERROR when SQLite has no
 * FTS5. */
int search_tok_register(sqlite3 *conn);
int search_tok_register(sqlite3 *conn)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK) {
        return SQLITE_ERROR;
    }
    sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    if (!api) {
        return SQLITE_ERROR;
    }
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "samla", NULL, &tok, NULL);
}
