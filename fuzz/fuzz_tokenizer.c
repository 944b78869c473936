/* fuzz_tokenizer.c: the search tokenizer (src/db/search_tok.c) on arbitrary
 * bytes — what every search query and every indexed text goes through.
 *
 * Besides "no crash", it checks what the header promises: every term is
 * non-empty, at most SEARCH_TOK_MAX bytes and valid UTF-8 without NUL;
 * its word's byte range lies inside the text and the ranges move forward;
 * and folding without the stemmer gives as many terms as with it.
 */
#include "fuzz.h"

#include "base/utf8.h"
#include "db/search_tok.h"

static SearchStemmer *g_stemmer;

typedef struct Seen {
    size_t len, last_start, count;
} Seen;

static int on_term(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    Seen *s = ctx;
    fuzz_check(n > 0 && n <= SEARCH_TOK_MAX);
    fuzz_check(utf8_valid(tok, n) && memchr(tok, 0, n) == NULL);
    fuzz_check(start < end && end <= s->len);
    fuzz_check(s->count == 0 || start >= s->last_start);
    s->last_start = start;
    s->count++;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_stemmer = search_stemmer_new();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    Seen stemmed = {.len = size}, folded = {.len = size};
    search_tokenize(g_stemmer, text, size, on_term, &stemmed);
    search_tokenize(NULL, text, size, on_term, &folded);
    fuzz_check(stemmed.count == folded.count);
    free(search_terms(g_stemmer, text));
    free(text);
    return 0;
}
