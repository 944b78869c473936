/* test_holiday.c: Norwegian public holidays and working days
 * (src/base/holiday.c), against dates from the almanac. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/holiday.h"
#include "base/util.h"

/* Easter Sunday in years with known dates, the earliest and latest
 * possible ones included (22 March, 25 April). */
static void easter_dates(void **state)
{
    (void)state;
    static const struct {
        int year, month, day;
    } known[] = {
        {1818, 3, 22}, {1943, 4, 25}, {2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21},
        {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5},  {2027, 3, 28}, {2038, 4, 25}, {2285, 3, 22},
    };
    for (size_t i = 0; i < COUNT(known); i++) {
        int m, d;
        easter_sunday(known[i].year, &m, &d);
        if (m != known[i].month || d != known[i].day) {
            fail_msg("Easter %d: got %d-%d, want %d-%d", known[i].year, m, d, known[i].month, known[i].day);
        }
    }
}

/* Every public holiday of 2026 and 2027, and nothing else in those years. */
static void holidays_of_two_years(void **state)
{
    (void)state;
    static const char *const want[] = {
        "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
        "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
        "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-06",
        "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26",
    };
    int found = 0;
    char d[16];
    long z0, z1;
    assert_true(date_days("2026-01-01", &z0));
    assert_true(date_days("2027-12-31", &z1));
    for (long z = z0; z <= z1; z++) {
        date_from_days(z, d, sizeof d);
        bool listed = false;
        for (size_t i = 0; i < COUNT(want); i++) {
            listed |= strcmp(want[i], d) == 0;
        }
        if (date_is_holiday(d) != listed) {
            fail_msg("%s: holiday %d, want %d", d, date_is_holiday(d), listed);
        }
        found += listed;
    }
    /* 2027: Whit Monday falls on 17 May, so the year has one day fewer. */
    assert_int_equal(found, 12 + 11);
    assert_false(date_is_holiday("2026-12-24"));   /* Christmas Eve is an ordinary day */
    assert_false(date_is_holiday("2026-12-31"));
    assert_false(date_is_holiday("not a date"));
}

static void weekdays_and_day_numbers(void **state)
{
    (void)state;
    long z;
    char out[16];
    assert_true(date_days("1970-01-01", &z));
    assert_int_equal(z, 0);
    assert_true(date_days("2000-03-01", &z));
    assert_int_equal(z, 11017);
    date_from_days(11017, out, sizeof out);
    assert_string_equal(out, "2000-03-01");
    assert_int_equal(date_weekday("2026-03-02"), 1);   /* a Monday */
    assert_int_equal(date_weekday("2026-03-08"), 7);
    assert_int_equal(date_weekday("1900-01-01"), 1);
    assert_int_equal(date_weekday("2026-02-30"), 0);
    assert_true(date_add("2026-02-27", 2, out, sizeof out));
    assert_string_equal(out, "2026-03-01");
    assert_true(date_add("2024-02-28", 1, out, sizeof out));
    assert_string_equal(out, "2024-02-29");
    assert_true(date_add("2026-01-01", -1, out, sizeof out));
    assert_string_equal(out, "2025-12-31");
    assert_false(date_add("2026-13-01", 1, out, sizeof out));
    assert_true(date_is_workday("2026-03-02"));
    assert_false(date_is_workday("2026-03-07"));    /* Saturday */
    assert_false(date_is_workday("2026-04-06"));    /* Easter Monday */
    assert_false(date_is_workday("2026-05-17"));
}

/* Three weeks are 15 working days — fewer over Easter; six weeks 30. */
static void working_days(void **state)
{
    (void)state;
    assert_int_equal(workdays_between("2026-03-02", "2026-03-23"), 15);
    assert_int_equal(workdays_between("2026-03-02", "2026-03-16"), 10);
    assert_int_equal(workdays_between("2026-03-30", "2026-04-20"), 12);   /* Maundy Thursday to Easter Monday */
    assert_int_equal(workdays_between("2026-04-27", "2026-05-18"), 13);   /* 1 May, Ascension Day */
    assert_int_equal(workdays_between("2026-12-21", "2027-01-11"), 13);   /* Christmas and New Year */
    assert_int_equal(workdays_between("2026-09-07", "2026-10-19"), 30);
    assert_int_equal(workdays_between("2026-03-02", "2026-03-02"), 0);
    assert_int_equal(workdays_between("2026-03-02", "2026-02-01"), 0);
    assert_int_equal(workdays_between("2026-03-06", "2026-03-09"), 1);     /* Friday to Monday */
    assert_int_equal(workdays_between("x", "2026-03-09"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(easter_dates),
        cmocka_unit_test(holidays_of_two_years),
        cmocka_unit_test(weekdays_and_day_numbers),
        cmocka_unit_test(working_days),
    };
    return cmocka_run_group_tests_name("holiday", tests, NULL, NULL);
}
