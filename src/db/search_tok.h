/* search_tok.h: samla's tokenizer for full-text search — one definition
 * of a "word" for the index and for queries.
 *
 * Text is UTF-8.  A word is a run of letters and digits (any script; the
 * punctuation and symbol blocks separate words, and so does every byte
 * that is not valid UTF-8).  Each word is folded: capitals to small
 * letters, accents to their base letter (é → e, ü → u, Sámi č → c),
 * ä → æ and ö → ø (Swedish and German spellings), while æ, ø and å stay
 * letters of their own.  A word of letters is then stemmed with the
 * Snowball Norwegian stemmer (libstemmer), so barnehage, barnehagen,
 * barnehager and barnehagene are one term; words with digits are kept as
 * they are.  Words longer than SEARCH_TOK_MAX bytes are cut at a letter.
 *
 * db_open registers this as the FTS5 tokenizer "samla" on every
 * connection (migrations create the index with tokenize='samla').  In a
 * prefix query (barneh*) the folded prefix is stemmed too, so a prefix
 * that is itself a full word form still finds the other forms.
 */
#ifndef SAMLA_SEARCH_TOK_H
#define SAMLA_SEARCH_TOK_H

#include <stddef.h>

enum { SEARCH_TOK_MAX = 64 };

typedef struct SearchStemmer SearchStemmer;

/* search_stemmer_new / _free: a Norwegian stemmer (not thread-safe: one
 * per thread or per connection).  new returns NULL only when libstemmer
 * lacks Norwegian; free accepts NULL. */
SearchStemmer *search_stemmer_new(void);
void search_stemmer_free(SearchStemmer *st);

/* SearchTokenFn: called for each term: the folded (and stemmed) term
 * tok[0..n), and the byte range [start, end) of the word in the text.
 * Non-zero stops tokenizing and is returned by search_tokenize. */
typedef int (*SearchTokenFn)(void *ctx, const char *tok, size_t n, size_t start, size_t end);

/* search_tokenize: the terms of text[0..len) in order, through fn.  st
 * NULL: fold only, no stemming. */
int search_tokenize(SearchStemmer *st, const char *text, size_t len, SearchTokenFn fn, void *ctx);

/* search_terms: the terms of text joined by single spaces, in a malloc'd
 * string the caller frees (tests, and building queries). */
char *search_terms(SearchStemmer *st, const char *text);

#endif
