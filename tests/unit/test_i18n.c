/* test_i18n.c: unit tests for src/app/core/i18n.c — the embedded message
 * catalogues (po/nn.po, po/en.po), the choice of language from
 * Accept-Language, plural forms, contexts, translated formats, model
 * messages rebuilt in another language, and dates in the three languages
 * (app/core/view.c).
 *
 * That every text of the sources is translated is checked by
 * scripts/i18n.sh (the i18n suite of make check); here we check that the
 * compiled catalogues reach the binary whole and are read right.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "app/core/content.h"
#include "app/core/record.h"
#include "app/core/i18n.h"
#include "app/core/req.h"
#include "app/core/view.h"
#include "base/util.h"
#include "db/migrate.h"

static void accept_language(void **state)
{
    (void)state;
    assert_int_equal(i18n_accept(NULL), LANG_NB);
    assert_int_equal(i18n_accept(""), LANG_NB);
    assert_int_equal(i18n_accept("nb-NO,nb;q=0.9,no;q=0.8"), LANG_NB);
    assert_int_equal(i18n_accept("no"), LANG_NB);
    assert_int_equal(i18n_accept("nn-NO,nn;q=0.9,nb;q=0.8"), LANG_NN);
    assert_int_equal(i18n_accept("nn"), LANG_NN);
    assert_int_equal(i18n_accept("en-GB,en;q=0.9"), LANG_EN);
    assert_int_equal(i18n_accept("en-US"), LANG_EN);
    assert_int_equal(i18n_accept("de-DE,de;q=0.9,en;q=0.5"), LANG_EN);        /* the best we have */
    assert_int_equal(i18n_accept("de-DE,fr;q=0.9"), LANG_NB);                  /* none: bokmål */
    assert_int_equal(i18n_accept("en;q=0.4, nn;q=0.8"), LANG_NN);              /* by q, not order */
    assert_int_equal(i18n_accept("en, nn"), LANG_EN);                          /* ties: first listed */
    assert_int_equal(i18n_accept("nn;q=0, en;q=0.1"), LANG_EN);                /* q=0: not acceptable */
    assert_int_equal(i18n_accept("*"), LANG_NB);
    assert_int_equal(i18n_accept("nno, enx"), LANG_NB);                        /* not nn or en */
    assert_int_equal(i18n_accept("EN-gb"), LANG_EN);                           /* case-insensitive */
}

static void codes(void **state)
{
    (void)state;
    assert_string_equal(i18n_code(LANG_NB), "nb");
    assert_string_equal(i18n_code(LANG_NN), "nn");
    assert_string_equal(i18n_code(LANG_EN), "en");
    assert_string_equal(i18n_code(99), "nb");
    assert_int_equal(i18n_parse("nb"), LANG_NB);
    assert_int_equal(i18n_parse("nn"), LANG_NN);
    assert_int_equal(i18n_parse("en"), LANG_EN);
    assert_int_equal(i18n_parse("no"), -1);
    assert_int_equal(i18n_parse("EN"), -1);
    assert_int_equal(i18n_parse(""), -1);
    assert_int_equal(i18n_parse(NULL), -1);
    assert_string_equal(i18n_pick(LANG_NN, "a", "b", "c"), "b");
    assert_string_equal(i18n_pick(LANG_EN, "a", "b", "c"), "c");
    assert_string_equal(i18n_pick(LANG_EN, "a", "b", ""), "a");      /* missing: bokmål */
    assert_string_equal(i18n_pick(LANG_NN, "a", NULL, "c"), "a");
}

/* Both catalogues are embedded and read whole: hundreds of entries, each
 * with a translation (the reader drops one whose printf conversions differ
 * from its msgid's; none may). */
static void catalogues_whole(void **state)
{
    (void)state;
    for (int l = LANG_NN; l <= LANG_EN; l++) {
        int n = i18n_count(l);
        assert_true(n > 500);
        for (int i = 0; i < n; i++) {
            const char *id, *str;
            int idlen, slen;
            i18n_entry(l, i, &id, &idlen, &str, &slen);
            if (slen == 0) {
                fail_msg("%s: no usable translation of «%s»", i18n_code(l), id);
            }
            if (i > 0) {
                const char *prev, *ps;
                int pl, psl;
                i18n_entry(l, i - 1, &prev, &pl, &ps, &psl);
                assert_true(strcmp(prev, id) < 0);   /* sorted, no duplicates */
            }
        }
    }
    assert_int_equal(i18n_count(LANG_NB), 0);   /* bokmål is the source */
}

static void lookups(void **state)
{
    (void)state;
    assert_string_equal(i18n_get(LANG_NB, "Logg inn"), "Logg inn");
    assert_string_equal(i18n_get(LANG_NN, "Forside"), "Framside");
    assert_string_equal(i18n_get(LANG_EN, "Forside"), "Home");
    assert_string_equal(i18n_get(LANG_EN, "Logg inn"), "Sign in");
    assert_string_equal(i18n_get(LANG_NN, "Departementer"), "Departementa");
    assert_string_equal(i18n_get(LANG_NN, "Ikke avklart"), "Ikkje avklart");
    assert_string_equal(i18n_get(LANG_EN, "ingen slik tekst"), "ingen slik tekst");   /* missing: the msgid */
    /* Contexts: "Tiltak" is measures in a menu, one measure as a column. */
    assert_string_equal(i18n_get(LANG_EN, "Tiltak"), "Measures");
    assert_string_equal(i18n_pget(LANG_EN, "one", "Tiltak"), "Measure");
    assert_string_equal(i18n_pget(LANG_NB, "one", "Tiltak"), "Tiltak");
    assert_string_equal(i18n_pget(LANG_EN, "nonesuch", "Tiltak"), "Tiltak");
    /* Plurals: (n != 1) in all three. */
    assert_string_equal(i18n_nget(LANG_EN, "tiltak", "tiltak", 1), "measure");
    assert_string_equal(i18n_nget(LANG_EN, "tiltak", "tiltak", 0), "measures");
    assert_string_equal(i18n_nget(LANG_EN, "tiltak", "tiltak", 22), "measures");
    assert_string_equal(i18n_nget(LANG_NN, "bruker", "brukere", 1), "brukar");
    assert_string_equal(i18n_nget(LANG_NN, "bruker", "brukere", 8), "brukarar");
    assert_string_equal(i18n_nget(LANG_NB, "bruker", "brukere", 8), "brukere");
    assert_string_equal(i18n_nget(LANG_EN, "ingen", "ingene", 2), "ingene");
}

static void formats(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(i18n_printf(&a, LANG_NB, "%d. %s %d", 1, "januar", 2024), "1. januar 2024");
    assert_string_equal(i18n_printf(&a, LANG_EN, "%d. %s %d", 1, "January", 2024), "1 January 2024");
    assert_string_equal(i18n_printf(&a, LANG_EN, "Side %zu", (size_t)3), "Page 3");
    assert_string_equal(i18n_printf(&a, LANG_NN, "Filen er i orden: %zu blir opprettet, %zu endret, %zu uendret. "
                                                 "Ingenting er lagret ennå.", (size_t)2, (size_t)1, (size_t)0),
                        "Fila er i orden: 2 blir oppretta, 1 endra, 0 uendra. Ingenting er lagra enno.");
    arena_free(&a);
}

/* A model's message, formatted in bokmål, rebuilt in the translation: a
 * field label ("%-s") is translated, a name ("%s") is not. */
static void model_messages(void **state)
{
    (void)state;
    Arena a = {0};
    Err e = {0};
    assert_int_equal(content_check_text("abcd", 3, false, N_("Tittel"), &e), E_INVALID);
    assert_string_equal(e.msg, "Tittel er for lang: 4 tegn, høyst 3 er tillatt.");
    assert_string_equal(i18n_msg(&a, LANG_EN, e.msg), "Title is too long: 4 characters, at most 3 are allowed.");
    assert_string_equal(i18n_msg(&a, LANG_NN, e.msg), "Tittel er for lang: 4 teikn, høgst 3 er tillate.");
    assert_string_equal(i18n_msg(&a, LANG_NB, e.msg), e.msg);
    assert_string_equal(i18n_msg(&a, LANG_EN, "Brukernavnet ansatt er allerede i bruk."),
                        "The username ansatt is already taken.");
    assert_string_equal(i18n_msg(&a, LANG_EN, "For mange mislykkede forsøk. Vent 5 sekunder og prøv igjen."),
                        "Too many failed attempts. Wait 5 seconds and try again.");
    assert_string_equal(i18n_msg(&a, LANG_EN, "Ukjent departement: K.D."), "Unknown ministry: K.D.");
    assert_string_equal(i18n_msg(&a, LANG_EN, "Fant ikke brukeren."), "The user was not found.");
    assert_string_equal(i18n_msg(&a, LANG_EN, "no session"), "no session");            /* English: as it is */
    assert_string_equal(i18n_msg(&a, LANG_EN, "Brukernavnet er allerede i bruk."),     /* near a format, not it */
                        "Brukernavnet er allerede i bruk.");
    assert_string_equal(i18n_msg(&a, LANG_EN, ""), "");
    assert_string_equal(i18n_msg(&a, LANG_EN, "Dette. Er. Ikke en dato."), "Dette. Er. Ikke en dato.");
    arena_free(&a);
}

static void dates(void **state)
{
    (void)state;
    Arena a = {0};
    Req r = {.arena = &a, .lang = LANG_NB};
    assert_string_equal(view_date(&r, "2024-01-01"), "1. januar 2024");
    assert_string_equal(view_short_date(&r, "2025-12-31"), "31.12.2025");
    assert_string_equal(view_unix_time(&r, 0), "aldri");
    assert_string_equal(view_unix_time(&r, 1700000000), "14.11.2023 kl. 22:13");
    r.lang = LANG_NN;
    assert_string_equal(view_date(&r, "2024-05-17"), "17. mai 2024");
    assert_string_equal(view_unix_time(&r, 1700000000), "14.11.2023 kl. 22:13");
    r.lang = LANG_EN;
    assert_string_equal(view_date(&r, "2024-01-01"), "1 January 2024");
    assert_string_equal(view_date(&r, "2024-12-24"), "24 December 2024");
    assert_string_equal(view_short_date(&r, "2025-12-31"), "31/12/2025");
    assert_string_equal(view_unix_time(&r, 0), "never");
    assert_string_equal(view_unix_time(&r, 1700000000), "14/11/2023 at 22:13");
    assert_string_equal(view_date(&r, "not a date"), "not a date");
    assert_string_equal(view_date(&r, NULL), "");
    arena_free(&a);
}

/* Every text of reference data that pages translate is in i18n_data.c,
 * so xgettext puts it in the catalogues, and it is translated. */
static void reference_data(void **state)
{
    (void)state;
    Db *db = NULL;
    Arena a = {0};
    Err e = {0};
    assert_int_equal(db_open(&db, ":memory:", DB_OPEN_CREATE, &e), 0);
    assert_int_equal(migrate_up(db, NULL, &e), 0);
    ExemptionBasis *eb;
    size_t n;
    assert_int_equal(exemption_basis_list(db, &a, &eb, &n, &e), 0);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        bool listed = false;
        for (size_t k = 0; k < g_i18n_data_count; k++) {
            listed |= strcmp(g_i18n_data[k], eb[i].description) == 0;
        }
        if (!listed) {
            fail_msg("«%s» (exemption_basis %s) is not listed in src/app/core/i18n_data.c", eb[i].description,
                     eb[i].code);
        }
        assert_string_not_equal(i18n_get(LANG_EN, eb[i].description), eb[i].description);
    }
    db_close(db);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accept_language), cmocka_unit_test(codes),   cmocka_unit_test(catalogues_whole),
        cmocka_unit_test(lookups),         cmocka_unit_test(formats), cmocka_unit_test(model_messages),
        cmocka_unit_test(dates),           cmocka_unit_test(reference_data),
    };
    return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
