/* test_strategy.c: unit tests for the reference-data models in src/app:
 * ministry.c, strategy.c and measure.c, against the migrated reference data
 * (src/db/migrations/002_reference.sql) and the demo content
 * (src/db/demo/demo.sql).
 *
 * Each test gets a fresh, migrated in-memory database and an arena; both
 * are released in teardown.  Expected values are taken from the data
 * files, so a change there that these tests catch is a change to review.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/measure/measure.h"
#include "app/strategy/ministry.h"
#include "app/strategy/strategy.h"
#include "base/collate.h"
#include "base/util.h"
#include "db/migrate.h"

typedef struct Fixture {
    Db *db;
    Arena arena;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    f = (Fixture){0};
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->arena);
    db_close(f->db);
    return 0;
}

static void ministries_current(void **state)
{
    Fixture *f = *state;
    Ministry *m;
    size_t n;
    Err e = {0};
    assert_int_equal(ministry_list(f->db, &f->arena, &g_anonymous, MINISTRY_CURRENT, &m, &n, &e), 0);
    assert_int_equal(n, 17);
    assert_string_equal(m[0].code, "AID");
    assert_string_equal(m[0].name_nb, "Arbeids- og inkluderingsdepartementet");
    assert_string_equal(m[16].code, "UD");
    int smk = 0;
    for (size_t i = 0; i < n; i++) {
        assert_null(m[i].valid_to);
        assert_null(m[i].successor_code);
        if (i > 0 && collate_nb_str(m[i - 1].name_nb, m[i].name_nb) >= 0) {
            fail_msg("not in Norwegian order: \"%s\" before \"%s\"", m[i - 1].name_nb, m[i].name_nb);
        }
        if (str_eq(m[i].code, "SMK")) {
            smk++;
            assert_false(m[i].is_ministry);
            assert_string_equal(m[i].name_nb, "Statsministerens kontor");
        } else {
            assert_true(m[i].is_ministry);
        }
        assert_int_equal(m[i].measure_count, 0);   /* no owners before the demo content */
    }
    assert_int_equal(smk, 1);
}

static void ministries_former(void **state)
{
    Fixture *f = *state;
    Ministry *m;
    size_t n;
    Err e = {0};
    assert_int_equal(ministry_list(f->db, &f->arena, &g_anonymous, MINISTRY_FORMER, &m, &n, &e), 0);
    assert_int_equal(n, 4);
    /* In Norwegian order of name: Arbeids- og sosial…, Barne- og likestillings…, Kommunal- og modernise…, Olje-… */
    static const char *const code[] = {"ASD", "BLD", "KMD", "OED"};
    static const char *const succ[] = {"AID", "BFD", "KDD", "ED"};
    static const char *const to[] = {"2021-12-31", "2018-12-31", "2021-12-31", "2023-12-31"};
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(m[i].code, code[i]);
        assert_non_null(m[i].valid_to);
        assert_string_equal(m[i].valid_to, to[i]);
        assert_non_null(m[i].successor_code);
        assert_string_equal(m[i].successor_code, succ[i]);
        assert_non_null(m[i].successor_name);
    }
    assert_string_equal(m[2].successor_name, "Kommunal- og distriktsdepartementet");
    assert_int_equal(ministry_list(f->db, &f->arena, &g_anonymous, MINISTRY_ALL, &m, &n, &e), 0);
    assert_int_equal(n, 21);
}

static void ministry_get_by_code(void **state)
{
    Fixture *f = *state;
    Ministry m;
    Err e = {0};
    assert_int_equal(ministry_get(f->db, &f->arena, &g_anonymous, "kd", &m, &e), 0);
    assert_string_equal(m.code, "KD");
    assert_string_equal(m.name_nb, "Kunnskapsdepartementet");
    assert_string_equal(m.name_en, "Ministry of Education and Research");
    assert_int_equal(ministry_get(f->db, &f->arena, &g_anonymous, "Kmd", &m, &e), 0);
    assert_string_equal(m.code, "KMD");
    assert_string_equal(m.successor_code, "KDD");
    assert_int_equal(ministry_get(f->db, &f->arena, &g_anonymous, "XYZ", &m, &e), E_NOTFOUND);
    assert_int_equal(e.code, E_NOTFOUND);
    assert_int_equal(ministry_get(f->db, &f->arena, &g_anonymous, "", &m, NULL), E_NOTFOUND);
    /* Predecessors of KDD: the former KMD. */
    assert_int_equal(ministry_get(f->db, &f->arena, &g_anonymous, "KDD", &m, &e), 0);
    Ministry *p;
    size_t n;
    assert_int_equal(ministry_predecessors(f->db, &f->arena, &g_anonymous, m.id, &p, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].code, "KMD");
}

static void strategies(void **state)
{
    Fixture *f = *state;
    Strategy *v;
    size_t n;
    Err e = {0};
    assert_int_equal(strategy_list(f->db, &f->arena, &g_anonymous, &v, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].slug, "2025");
    assert_string_equal(v[1].slug, "2021-2025");
    assert_string_equal(v[2].slug, "2016-2020");
    assert_string_equal(v[0].period, "2025–");
    assert_int_equal(v[0].period_end, 0);
    assert_string_equal(v[1].period, "2021–2025");
    assert_string_equal(v[0].predecessor_slug, "2021-2025");
    assert_null(v[0].successor_slug);
    assert_string_equal(v[2].successor_slug, "2021-2025");

    Strategy s;
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2021-2025", &s, &e), 0);
    assert_string_equal(s.goal, "Vi legger til rette for at prioriterte samfunnsutfordringer kan løses.");
    assert_string_equal(s.title, "Gode hver for oss. Best sammen.");
    assert_string_equal(s.secretariat_code, "KMD");
    assert_int_equal(s.measure_count, 22);
    assert_int_equal(s.area_count, 3);
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "1999", &s, &e), E_NOTFOUND);
    assert_int_equal(e.code, E_NOTFOUND);

}

/* The strategy in force is decided by the date alone: the newest that has
 * started by that year (2025– takes over in 2025, though 2021–2025 runs
 * to the end of it), before any started the first, and with measures or
 * without. */
static void strategy_in_force_by_date(void **state)
{
    Fixture *f = *state;
    Strategy s;
    Err e = {0};
    static const struct {
        const char *date, *slug;
    } cases[] = {{"2015-06-01", "2016-2020"}, {"2016-01-01", "2016-2020"}, {"2020-12-31", "2016-2020"},
                 {"2021-01-01", "2021-2025"}, {"2024-11-15", "2021-2025"}, {"2024-12-31", "2021-2025"},
                 {"2025-01-01", "2025"},      {"2026-11-15", "2025"},      {"2040-01-01", "2025"}};
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_int_equal(strategy_in_force(f->db, &f->arena, &g_anonymous, cases[i].date, &s, &e), 0);
        if (!str_eq(s.slug, cases[i].slug)) {
            fail_msg("in force on %s: %s, want %s", cases[i].date, s.slug, cases[i].slug);
        }
        assert_true(s.in_force);
    }
    /* Today is date_today's: SAMLA_TODAY moves it. */
    setenv("SAMLA_TODAY", "2023-03-01", 1);
    assert_int_equal(strategy_current(f->db, &f->arena, &g_anonymous, &s, &e), 0);
    assert_string_equal(s.slug, "2021-2025");
    Strategy *all;
    size_t n, current = 0;
    assert_int_equal(strategy_list(f->db, &f->arena, &g_anonymous, &all, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        current += all[i].in_force;
        assert_int_equal(all[i].in_force, str_eq(all[i].slug, "2021-2025"));
    }
    assert_int_equal(current, 1);
    setenv("SAMLA_TODAY", "2026-03-01", 1);
    assert_int_equal(strategy_current_plain(f->db, &f->arena, &s, &e), 0);
    assert_string_equal(s.slug, "2025");
    assert_int_equal(s.measure_count, 0);   /* none yet: in force all the same */
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2021-2025", &s, &e), 0);
    assert_false(s.in_force);
    unsetenv("SAMLA_TODAY");
}

static void goal_areas_and_directions(void **state)
{
    Fixture *f = *state;
    Strategy s;
    Err e = {0};
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2021-2025", &s, &e), 0);
    GoalArea *g;
    size_t n;
    assert_int_equal(goal_area_list(f->db, &f->arena, &g_anonymous, s.id, &g, &n, &e), 0);
    assert_int_equal(n, 3);
    static const char *const title[] = {
        "Mer samordnet utvikling og gjennomføring av politikk",
        "Et sterkere departementsfellesskap",
        "Styrket faglighet og en mer attraktiv arbeidsplass med mange muligheter",
    };
    static const size_t ndir[] = {6, 4, 5};
    static const int nmeasures[] = {8, 8, 6};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(g[i].number, (int)i + 1);
        assert_string_equal(g[i].title, title[i]);
        assert_string_equal(g[i].strategy_slug, "2021-2025");
        assert_int_equal(g[i].measure_count, nmeasures[i]);
        TextItem *d;
        size_t nd;
        assert_int_equal(direction_list(f->db, &f->arena, g[i].id, &d, &nd, &e), 0);
        assert_int_equal(nd, ndir[i]);
        for (size_t k = 0; k < nd; k++) {
            assert_int_equal(d[k].number, (int)k + 1);
            assert_true(strlen(d[k].text) > 0);
        }
    }
    TextItem *d;
    size_t nd;
    assert_int_equal(direction_list(f->db, &f->arena, g[0].id, &d, &nd, &e), 0);
    assert_string_equal(d[0].text, "økt kvalitet på beslutningsgrunnlag");
    GoalArea one;
    assert_int_equal(goal_area_get(f->db, &f->arena, &g_anonymous, s.id, 2, &one, &e), 0);
    assert_string_equal(one.title, title[1]);
    assert_int_equal(goal_area_get(f->db, &f->arena, &g_anonymous, s.id, 4, &one, &e), E_NOTFOUND);
}

static void development_areas_and_points(void **state)
{
    Fixture *f = *state;
    Strategy s;
    Err e = {0};
    TextItem *t;
    size_t n;
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2021-2025", &s, &e), 0);
    assert_int_equal(development_area_list(f->db, &f->arena, s.id, &t, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_int_equal(t[4].number, 5);
    assert_true(str_has_prefix(t[2].text, "Videreutvikle administrative fellestjenester"));
    assert_int_equal(strategy_point_list(f->db, &f->arena, s.id, "principle", &t, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_true(str_has_prefix(t[0].text, "Flerfaglighet:"));
    assert_int_equal(strategy_point_list(f->db, &f->arena, s.id, "trait", &t, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(strategy_point_list(f->db, &f->arena, s.id, "way", &t, &n, &e), 0);
    assert_int_equal(n, 0);

    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2025", &s, &e), 0);
    assert_int_equal(strategy_point_list(f->db, &f->arena, s.id, "way", &t, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_string_equal(t[0].text, "Samarbeide godt om både utvikling, finansiering og gjennomføring av politikk");
    assert_string_equal(t[4].text, "Bygge solid kunnskap for å kunne utvikle departementsfellesskapet videre");
    assert_int_equal(development_area_list(f->db, &f->arena, s.id, &t, &n, &e), 0);
    assert_int_equal(n, 0);
}

static void measures_all_in_number_order(void **state)
{
    Fixture *f = *state;
    Measure *m;
    size_t n;
    Err e = {0};
    static const char *const num[] = {
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3",
        "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
    };
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, NULL, &m, &n, &e), 0);
    assert_int_equal(n, COUNT(num));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(m[i].number, num[i]);
        assert_string_equal(m[i].strategy_slug, "2021-2025");
        assert_string_equal(m[i].strategy_period, "2021–2025");
        assert_int_equal(m[i].goal_area_number, num[i][0] - '0');
        /* No edition is published in this database: the public sees no status yet. */
        assert_string_equal(m[i].status, "unpublished");
        assert_true(m[i].unpublished);
        assert_null(m[i].risk);
    }
    /* A colleague sees the live status. */
    Viewer colleague = {.user_id = 98, .username = "t", .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL};
    assert_int_equal(measure_list(f->db, &f->arena, &colleague, NULL, &m, &n, &e), 0);
    assert_int_equal(n, COUNT(num));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(m[i].status, "not_started");
        assert_false(m[i].unpublished);
    }
    assert_null(m[0].owner_code);
    assert_string_equal(m[8].owner_code, "KMD");   /* 2.1: the former KMD owns it in the reference data */
    MeasureFilter none = {0};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &none, &m, &n, &e), 0);
    assert_int_equal(n, 22);
}

static void measures_by_goal_area(void **state)
{
    Fixture *f = *state;
    Strategy s;
    GoalArea g;
    Err e = {0};
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2021-2025", &s, &e), 0);
    assert_int_equal(goal_area_get(f->db, &f->arena, &g_anonymous, s.id, 2, &g, &e), 0);
    MeasureFilter flt = {.strategy_id = s.id, .goal_area_id = g.id};
    Measure *m;
    size_t n;
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &flt, &m, &n, &e), 0);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) {
        char want[32];
        snprintf(want, sizeof want, "2.%zu", i + 1);
        assert_string_equal(m[i].number, want);
        assert_int_equal(m[i].goal_area_number, 2);
    }
    /* Another strategy's id filters everything out. */
    Strategy s3;
    assert_int_equal(strategy_get(f->db, &f->arena, &g_anonymous, "2025", &s3, &e), 0);
    flt = (MeasureFilter){.strategy_id = s3.id};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &flt, &m, &n, &e), 0);
    assert_int_equal(n, 0);
}

static void measure_get_and_status(void **state)
{
    Fixture *f = *state;
    Measure *all;
    size_t n;
    Err e = {0};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, NULL, &all, &n, &e), 0);
    int64_t id = 0;
    for (size_t i = 0; i < n; i++) {
        if (str_eq(all[i].number, "2.4")) {
            id = all[i].id;
        }
    }
    assert_true(id > 0);
    Measure m;
    assert_int_equal(measure_get(f->db, &f->arena, &g_anonymous, id, &m, &e), 0);
    assert_string_equal(m.number, "2.4");
    assert_non_null(strstr(m.title, "IKT-enheter"));
    assert_string_equal(m.goal_area_title, "Et sterkere departementsfellesskap");
    assert_int_equal(measure_get(f->db, &f->arena, &g_anonymous, 99999, &m, &e), E_NOTFOUND);
    assert_int_equal(e.code, E_NOTFOUND);
    Viewer colleague = {.user_id = 98, .username = "t", .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL};
    assert_int_equal(measure_get(f->db, &f->arena, &colleague, id, &m, &e), 0);
    assert_null(m.published);   /* in no edition yet */
    assert_true(measure_differs_from_published(&m));

    assert_string_equal(m.status_label, "Ikke startet");
    MeasureStatus *st;
    size_t nst;
    assert_int_equal(measure_status_list(f->db, &f->arena, &st, &nst, &e), 0);
    assert_int_equal(nst, 7);
    assert_string_equal(st[2].code, "in_progress");
    assert_string_equal(st[2].label, "Pågår");
    assert_string_equal(st[4].label, "Fullført");
    assert_int_equal(st[4].default_progress, 100);
    assert_true(measure_status_valid(f->db, "delayed"));
    assert_false(measure_status_valid(f->db, "bogus"));
    assert_false(measure_status_valid(f->db, ""));
}

static void demo_owner_filter(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    assert_int_equal(db_exec(f->db, "CREATE TEMP TABLE demo_clock (today TEXT NOT NULL); "
                                    "INSERT INTO demo_clock VALUES ('2024-11-15')", &e), 0);   /* app/demo/demo.c */
    assert_int_equal(migrate_run_file(f->db, "demo/demo.sql", &e), 0);
    Measure *m;
    size_t n;
    /* KD owns nothing in the demo; it participates in 1.2, 3.1 and 3.3. */
    MeasureFilter kd = {.owner_code = "KD"};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &kd, &m, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(m[0].number, "1.2");
    assert_string_equal(m[1].number, "3.1");
    assert_string_equal(m[2].number, "3.3");
    assert_string_equal(m[0].owner_code, "DFD");
    /* FIN owns 1.5 and 1.7 and takes part in 1.1 and 1.6. */
    MeasureFilter fin = {.owner_code = "FIN"};
    assert_int_equal(measure_list(f->db, &f->arena, &g_anonymous, &fin, &m, &n, &e), 0);
    assert_int_equal(n, 4);
    assert_string_equal(m[0].number, "1.1");
    assert_string_equal(m[1].number, "1.5");
    assert_string_equal(m[2].number, "1.6");
    assert_string_equal(m[3].number, "1.7");
    /* Owner and status together. */
    MeasureFilter dfd = {.owner_code = "DFD", .status = "planned"};
    Viewer secretariat = {.user_id = 99, .username = "t", .caps = CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES};
    assert_int_equal(measure_list(f->db, &f->arena, &secretariat, &dfd, &m, &n, &e), 0);
    assert_int_equal(n, 4);   /* 1.3, 1.4, 1.8, 3.4 */
    assert_string_equal(m[3].number, "3.4");
    /* 3.4 is restricted in the demo: a colleague of another ministry does not see it. */
    Measure *pub;
    size_t npub;
    Viewer colleague = {.user_id = 98, .username = "t", .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL};
    assert_int_equal(measure_list(f->db, &f->arena, &colleague, &dfd, &pub, &npub, &e), 0);
    assert_int_equal(npub, 3);
    assert_string_equal(pub[2].number, "1.8");
    const char **p;
    size_t np;
    assert_int_equal(measure_participants(f->db, &f->arena, m[0].id, &p, &np, &e), 0);
    assert_int_equal(np, 0);
    assert_int_equal(measure_participants(f->db, &f->arena, 2, &p, &np, &e), 0);   /* 1.2 */
    assert_int_equal(np, 7);
    assert_string_equal(p[0], "AID");   /* Arbeids- og inkluderingsdepartementet first */
    assert_string_equal(p[1], "Arbeids- og inkluderingsdepartementet");
    Ministry *ms;
    size_t nm;
    assert_int_equal(ministry_list(f->db, &f->arena, &g_anonymous, MINISTRY_CURRENT, &ms, &nm, &e), 0);
    for (size_t i = 0; i < nm; i++) {
        if (str_eq(ms[i].code, "DFD")) {
            assert_int_equal(ms[i].measure_count, 14);   /* counts leave out 2.5 (internal) and 3.4 (restricted) */
        }
    }
    assert_int_equal(ministry_list(f->db, &f->arena, &secretariat, MINISTRY_CURRENT, &ms, &nm, &e), 0);
    for (size_t i = 0; i < nm; i++) {
        if (str_eq(ms[i].code, "DFD")) {
            assert_int_equal(ms[i].measure_count, 16);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ministries_current, setup, teardown),
        cmocka_unit_test_setup_teardown(ministries_former, setup, teardown),
        cmocka_unit_test_setup_teardown(ministry_get_by_code, setup, teardown),
        cmocka_unit_test_setup_teardown(strategies, setup, teardown),
        cmocka_unit_test_setup_teardown(strategy_in_force_by_date, setup, teardown),
        cmocka_unit_test_setup_teardown(goal_areas_and_directions, setup, teardown),
        cmocka_unit_test_setup_teardown(development_areas_and_points, setup, teardown),
        cmocka_unit_test_setup_teardown(measures_all_in_number_order, setup, teardown),
        cmocka_unit_test_setup_teardown(measures_by_goal_area, setup, teardown),
        cmocka_unit_test_setup_teardown(measure_get_and_status, setup, teardown),
        cmocka_unit_test_setup_teardown(demo_owner_filter, setup, teardown),
    };
    return cmocka_run_group_tests_name("strategy", tests, NULL, NULL);
}
