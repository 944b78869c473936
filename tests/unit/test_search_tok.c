/* test_search_tok.c: samla's search tokenizer (src/db/search_tok.c) —
 * word forms, æøå, capitals, punctuation, numbers and invalid UTF-8 — on
 * its own and as the FTS5 tokenizer of a real index, and the query text
 * that app/core/search.c makes of what a user typed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/core/search.h"
#include "base/util.h"
#include "db/db.h"
#include "db/search_tok.h"

static SearchStemmer *g_st;

/* The terms of text, stemmed (or only folded), compared with want. */
static void terms_are(const char *text, bool stem, const char *want)
{
    char *got = search_terms(stem ? g_st : NULL, text);
    if (!str_eq(got, want)) {
        fail_msg("terms of \"%s\": got \"%s\", want \"%s\"", text, got, want);
    }
    free(got);
}

static void word_forms_are_one_term(void **state)
{
    (void)state;
    char *a = search_terms(g_st, "barnehage barnehagen barnehager barnehagene");
    assert_string_equal(a, "barnehag barnehag barnehag barnehag");
    free(a);
    /* Nouns and verbs in their usual forms. */
    char *b = search_terms(g_st, "departement departementet departementene departementenes");
    char *first = strndup(b, strcspn(b, " "));
    for (const char *p = b; *p;) {
        size_t n = strcspn(p, " ");
        assert_int_equal(n, strlen(first));
        assert_memory_equal(p, first, n);
        p += n + (p[n] == ' ');
    }
    free(first);
    free(b);
    terms_are("samarbeid samarbeidet", true, "samarbeid samarbeid");
    terms_are("kunnskapsbase kunnskapsbasen kunnskapsbasene", true, "kunnskapsbas kunnskapsbas kunnskapsbas");
}

static void norwegian_letters_are_letters(void **state)
{
    (void)state;
    terms_are("blåbær øl ære", false, "blåbær øl ære");
    terms_are("BLÅBÆR ØL ÆRE Å", false, "blåbær øl ære å");
    /* Not the same words: å, ø and æ do not fold to a, o and ae. */
    terms_are("år ar", false, "år ar");
    terms_are("søke soke", false, "søke soke");
    /* Accents fold to the base letter; Swedish and German ä, ö to æ, ø. */
    terms_are("idé IDÉ Müller Bär Köln", false, "ide ide muller bær køln");
    terms_are("Čáhppesjávri Đ ŋ", false, "cahppesjavri d n");
    /* Combining accents belong to the word and are dropped. */
    terms_are("ide\xcc\x81", false, "ide");
    /* Greek and Cyrillic capitals fold too. */
    terms_are("ΑΘΗΝΑ МОСКВА", false, "αθηνα москва");
}

static void capitals_fold(void **state)
{
    (void)state;
    terms_are("Barnehagene BARNEHAGENE barneHAGENE", true, "barnehag barnehag barnehag");
    terms_are("KD DFD", false, "kd dfd");
}

static void punctuation_separates(void **state)
{
    (void)state;
    terms_are("barne- og familiedepartementet", false, "barne og familiedepartementet");
    terms_are("«Gode hver for oss. Best sammen.»", false, "gode hver for oss best sammen");
    terms_are("a,b;c:d!e?f(g)h[i]j{k}l/m\\n'o\"p", false, "a b c d e f g h i j k l m n o p");
    terms_are("tidlig—involvering … «ja» – nei • x", false, "tidlig involvering ja nei x");
    terms_are("   \t\n", false, "");
    terms_are("", false, "");
}

static void numbers_are_kept(void **state)
{
    (void)state;
    terms_are("2021-2025 1.7 offl. § 14", true, "2021 2025 1 7 offl 14");
    /* A word with digits is not stemmed. */
    terms_are("covid19 k2ene", true, "covid19 k2ene");
}

static void invalid_utf8_separates(void **state)
{
    (void)state;
    terms_are("bar\xffnehage", false, "bar nehage");
    terms_are("\xc3", false, "");                    /* truncated */
    terms_are("a\xc0\xaf" "b", false, "a b");           /* overlong '/' */
    terms_are("x\xed\xa0\x80y", false, "x y");       /* surrogate */
    terms_are("\xf4\x90\x80\x80z", false, "z");      /* above U+10FFFF */
    terms_are("ok\x80\x80\x80" "ok", false, "ok ok");
}

static void long_words_are_cut(void **state)
{
    (void)state;
    char text[300];
    memset(text, 'a', 200);
    text[200] = 0;
    char *t = search_terms(NULL, text);
    assert_int_equal(strlen(t), SEARCH_TOK_MAX);
    free(t);
    /* Cut at a letter, never inside one: 40 × "å" is 80 bytes. */
    for (int i = 0; i < 40; i++) {
        memcpy(text + 2 * i, "å", 2);
    }
    text[80] = 0;
    t = search_terms(NULL, text);
    assert_int_equal(strlen(t), 64);
    assert_true(strlen(t) % 2 == 0);
    free(t);
}

/* The same tokenizer inside FTS5: word forms find each other, prefixes
 * find the other forms, and offsets give highlights on the original
 * text. */
static void fts5_uses_it(void **state)
{
    (void)state;
    Db *db;
    Err e = {0};
    assert_int_equal(db_open(&db, ":memory:", DB_OPEN_CREATE, &e), 0);
    assert_int_equal(db_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'samla');"
                                 "INSERT INTO t (rowid, x) VALUES (1, 'Barnehagene i Bærum'), (2, 'Én barnehage'), "
                                 "(3, 'Barnevernet og skolen'), (4, 'Helt annet');", &e), 0);
    static const struct {
        const char *q;
        int n;
    } cases[] = {
        {"barnehage", 2}, {"BARNEHAGER", 2}, {"\"barnehagen\"", 2}, {"bærum", 1}, {"baerum", 0},
        {"barne*", 3}, {"barnehagene*", 2}, {"en", 1}, {"skole", 1},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        Stmt *s = db_prepare(db, "SELECT count(*) FROM t WHERE t MATCH ?1");
        db_bind_text(s, 1, cases[i].q);
        assert_int_equal(db_step(s), DB_ROW);
        if (db_col_int(s, 0) != cases[i].n) {
            fail_msg("MATCH %s: %lld rows, want %d", cases[i].q, (long long)db_col_int(s, 0), cases[i].n);
        }
        db_done(s);
    }
    Stmt *s = db_prepare(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'barnehage' AND rowid = 1");
    assert_int_equal(db_step(s), DB_ROW);
    assert_string_equal(db_col_text(s, 0), "[Barnehagene] i Bærum");
    db_done(s);
    db_close(db);
}

static void queries_from_user_text(void **state)
{
    (void)state;
    Arena a = {0};
    assert_null(search_fts_query(&a, "", false, NULL));
    assert_null(search_fts_query(&a, " -- «» ", false, NULL));
    assert_string_equal(search_fts_query(&a, "barnehage kvalitet", false, NULL), "\"barnehage\" AND \"kvalitet\"");
    /* FTS5 syntax in the text is only text. */
    assert_string_equal(search_fts_query(&a, "a OR b NEAR(c) x:y", false, NULL),
                        "\"a\" AND \"OR\" AND \"b\" AND \"NEAR(c)\" AND \"x:y\"");
    assert_string_equal(search_fts_query(&a, "\"felles plan\" barn*", false, NULL), "\"felles plan\" AND \"barn\" *");
    assert_string_equal(search_fts_query(&a, "say \"hi", false, NULL), "\"say\" AND \"hi\"");
    assert_string_equal(search_fts_query(&a, "ab*", false, NULL), "\"ab\"");   /* too short to be a prefix */
    assert_string_equal(search_fts_query(&a, "barne vern", true, "pub"), "pub : (\"barne\" AND \"vern\" *)");
    assert_string_equal(search_fts_query(&a, "1.7", false, NULL), "\"1.7\"");
    assert_string_equal(search_fts_query(&a, "x\"\"y", false, NULL), "\"x\" AND \"y\"");
    arena_free(&a);
}

static int setup(void **state)
{
    (void)state;
    g_st = search_stemmer_new();
    return g_st ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    search_stemmer_free(g_st);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(word_forms_are_one_term),
        cmocka_unit_test(norwegian_letters_are_letters),
        cmocka_unit_test(capitals_fold),
        cmocka_unit_test(punctuation_separates),
        cmocka_unit_test(numbers_are_kept),
        cmocka_unit_test(invalid_utf8_separates),
        cmocka_unit_test(long_words_are_cut),
        cmocka_unit_test(fts5_uses_it),
        cmocka_unit_test(queries_from_user_text),
    };
    return cmocka_run_group_tests_name("search_tok", tests, setup, teardown);
}
