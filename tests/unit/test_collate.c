/* test_collate.c: unit tests for src/base/collate.c — Norwegian order —
 * and its registration as the SQLite collation "nb".
 *
 * The order under test (collate.h): letters by primary weight ignoring case
 * and accents, æ ø å after z, no aa→å rule, digits before letters,
 * punctuation and space before digits; then lower case before upper; then
 * bytes, so distinct strings never compare equal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/strategy/ministry.h"
#include "base/collate.h"
#include "base/util.h"
#include "db/db.h"
#include "db/migrate.h"

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* before: a sorts strictly before b, and the comparison is antisymmetric. */
static void before(const char *a, const char *b)
{
    int ab = sign(collate_nb_str(a, b)), ba = sign(collate_nb_str(b, a));
    if (ab != -1 || ba != 1) {
        fail_msg("want \"%s\" < \"%s\", got cmp(a,b)=%d cmp(b,a)=%d", a, b, ab, ba);
    }
}

static void norwegian_letters_after_z(void **state)
{
    (void)state;
    before("Zebra", "Ærfugl");
    before("Ærfugl", "Øl");
    before("Øl", "Ål");
    before("Zebra", "Ål");
    before("zebra", "ærfugl");
    before("ærfugl", "øl");
    before("øl", "ål");
    before("z", "æ");
    before("zzz", "æ");
    before("Åse", "Åsmund");
}

static void aa_is_two_a(void **state)
{
    (void)state;
    before("aa", "b");
    before("Aasen", "Berg");
    before("Aa", "Å");
    before("aa", "ab");
    before("Haakon", "Hakon");   /* a,a < a,k */
}

static void case_is_secondary(void **state)
{
    (void)state;
    before("abc", "ABD");   /* primary difference wins over case */
    before("ABC", "abd");
    before("abc", "Abc");   /* tie broken by case: lower first */
    before("abC", "aBc");   /* the first case difference decides */
    before("æ", "Æ");
    before("ø", "Ø");
    before("å", "Å");
    assert_int_equal(collate_nb_str("abc", "abc"), 0);
    assert_int_equal(collate_nb_str("", ""), 0);
    assert_int_equal(collate_nb_str("Ærfugl", "Ærfugl"), 0);
}

static void accents_fold(void **state)
{
    (void)state;
    /* é with e */
    before("éa", "eb");
    before("ea", "éb");
    before("d", "é");
    before("é", "f");
    before("Émile", "ensom");
    before("eksempel", "Émile");
    /* ü with y */
    before("üa", "yb");
    before("ya", "üb");
    before("x", "ü");
    before("ü", "z");
    before("Myhre", "Müller");
    /* ä with æ, ö with ø (upper case too) */
    before("äa", "æb");
    before("æa", "äb");
    before("z", "ä");
    before("ärfugm", "ærfugn");
    before("Ärfugl", "ærfugm");
    before("öa", "øb");
    before("øa", "öb");
    before("æ", "ö");
    before("ö", "å");
    before("Ö", "å");
    /* Accented and plain differ only at the last level: never equal. */
    before("e", "é");
    before("cafe", "café");
    before("café", "cafeteria");
    assert_int_not_equal(collate_nb_str("ü", "y"), 0);
}

static void digits_and_punctuation_first(void **state)
{
    (void)state;
    before("9", "a");
    before("0", "Z");
    before("1abc", "abc");
    before("10", "2");   /* digit by digit, not numeric */
    before("-", "0");
    before(" ", "0");
    before("1. plass", "10");
    before("a b", "ab");
    before("9", "æ");
}

static void prefixes_and_lengths(void **state)
{
    (void)state;
    before("", "a");
    before("abc", "abcd");
    before("Kultur", "Kulturminne");
    assert_int_equal(collate_nb("abcX", 3, "abcY", 3), 0);
    assert_true(collate_nb("abcX", 4, "abcY", 4) < 0);
    assert_true(collate_nb("ab", 2, "abc", 3) < 0);
    /* Invalid bytes sort as U+FFFD: after every letter, but not equal to each other. */
    before("å", "\xFF");
    assert_int_not_equal(collate_nb_str("\xFE", "\xFF"), 0);
}

/* The expected order of a mixed list; every pair is checked, and a qsort
 * of a shuffled copy must reproduce it. */
static const char *const g_words[] = {
    "-x", "1. plass", "10", "2", "aa", "Aa", "ab", "Ab", "b", "cafe", "café", "cafeteria", "eksempel",
    "Émile", "ensom", "Myhre", "Mylius", "Müller", "zebra", "Zebra", "ærfugl", "Ärger", "øl", "Öl", "ål", "Ål",
};

static int cmp_str(const void *a, const void *b)
{
    return collate_nb_str(*(const char *const *)a, *(const char *const *)b);
}

static void list_sorts_in_expected_order(void **state)
{
    (void)state;
    size_t n = COUNT(g_words);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            before(g_words[i], g_words[j]);
        }
    }
    const char *v[COUNT(g_words)];
    for (size_t i = 0; i < n; i++) {
        v[i] = g_words[(i * 7 + 3) % n];   /* 7 is coprime with 26: a permutation */
    }
    qsort(v, n, sizeof v[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(v[i], g_words[i]);
    }
}

static int setup_db(void **state)
{
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(db, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(db);
        return -1;
    }
    *state = db;
    return 0;
}

static int teardown_db(void **state)
{
    db_close(*state);
    return 0;
}

static void ministries_sort_norwegian(void **state)
{
    Db *db = *state;
    Arena a = {0};
    Err e = {0};
    Ministry *m;
    size_t n;
    static const char *const want[] = {
        "Arbeids- og inkluderingsdepartementet", "Barne- og familiedepartementet",
        "Digitaliserings- og forvaltningsdepartementet", "Energidepartementet", "Finansdepartementet",
        "Forsvarsdepartementet", "Helse- og omsorgsdepartementet", "Justis- og beredskapsdepartementet",
        "Klima- og miljødepartementet", "Kommunal- og distriktsdepartementet",
        "Kultur- og likestillingsdepartementet", "Kunnskapsdepartementet", "Landbruks- og matdepartementet",
        "Nærings- og fiskeridepartementet", "Samferdselsdepartementet", "Statsministerens kontor",
        "Utenriksdepartementet",
    };
    assert_int_equal(ministry_list(db, &a, &g_anonymous, MINISTRY_CURRENT, &m, &n, &e), 0);
    assert_int_equal(n, COUNT(want));
    const char **names = arena_alloc(&a, n * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[n - 1 - i] = m[i].name_nb;   /* reversed, so the sort has work to do */
    }
    qsort(names, n, sizeof names[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(names[i], want[i]);
        assert_string_equal(m[i].name_nb, want[i]);
    }
    arena_free(&a);
}

static void sql_order_by_collate_nb(void **state)
{
    Db *db = *state;
    Err e = {0};
    size_t n = COUNT(g_words);
    assert_int_equal(db_exec(db, "CREATE TEMP TABLE words (x TEXT NOT NULL)", &e), 0);
    for (size_t i = 0; i < n; i++) {
        Stmt *s = db_prepare(db, "INSERT INTO words (x) VALUES (?1)");
        db_bind_text(s, 1, g_words[(i * 11 + 5) % n]);
        assert_int_equal(db_step(s), DB_DONE);
        db_done(s);
    }
    Stmt *s = db_prepare(db, "SELECT x FROM words ORDER BY x COLLATE nb");
    size_t i = 0;
    while (db_step(s) == DB_ROW) {
        assert_true(i < n);
        assert_string_equal(db_col_text(s, 0), g_words[i]);
        i++;
    }
    db_done(s);
    assert_int_equal(i, n);
    /* The collation is what makes the difference: by bytes "øl" is last. */
    s = db_prepare(db, "SELECT x FROM words ORDER BY x DESC LIMIT 1");
    assert_int_equal(db_step(s), DB_ROW);
    assert_string_equal(db_col_text(s, 0), "øl");
    db_done(s);
    s = db_prepare(db, "SELECT x FROM words ORDER BY x COLLATE nb DESC LIMIT 1");
    assert_int_equal(db_step(s), DB_ROW);
    assert_string_equal(db_col_text(s, 0), "Ål");
    db_done(s);
    s = db_prepare(db, "SELECT count(*) FROM words WHERE x COLLATE nb < 'aa'");
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 4);   /* "-x", "1. plass", "10", "2" */
    db_done(s);
    assert_int_equal(db_exec(db, "DROP TABLE words", &e), 0);
}

static void sql_column_collation(void **state)
{
    Db *db = *state;
    Err e = {0};
    assert_int_equal(db_exec(db, "CREATE TEMP TABLE t (x TEXT COLLATE nb);"
                                 "INSERT INTO t VALUES ('Ål'), ('Øl'), ('Zebra'), ('Ærfugl'), ('aa'), ('b');",
                             &e), 0);
    static const char *const want[] = {"aa", "b", "Zebra", "Ærfugl", "Øl", "Ål"};
    Stmt *s = db_prepare(db, "SELECT x FROM t ORDER BY x");
    size_t i = 0;
    while (db_step(s) == DB_ROW) {
        assert_true(i < COUNT(want));
        assert_string_equal(db_col_text(s, 0), want[i]);
        i++;
    }
    db_done(s);
    assert_int_equal(i, COUNT(want));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(norwegian_letters_after_z),
        cmocka_unit_test(aa_is_two_a),
        cmocka_unit_test(case_is_secondary),
        cmocka_unit_test(accents_fold),
        cmocka_unit_test(digits_and_punctuation_first),
        cmocka_unit_test(prefixes_and_lengths),
        cmocka_unit_test(list_sorts_in_expected_order),
        cmocka_unit_test_setup_teardown(ministries_sort_norwegian, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(sql_order_by_collate_nb, setup_db, teardown_db),
        cmocka_unit_test_setup_teardown(sql_column_collation, setup_db, teardown_db),
    };
    return cmocka_run_group_tests_name("collate", tests, NULL, NULL);
}
