/* holiday.h: Norwegian public holidays (helligdager) and working days,
 * for deadlines that are counted in weeks of work.
 *
 * The public holidays are those of helligdagsfredloven and 1 May and 17 May
 * (lov om 1. og 17. mai som høgtidsdager): New Year's Day, Maundy Thursday
 * (skjærtorsdag), Good Friday (langfredag), Easter Sunday and Monday,
 * 1 May, Constitution Day (17 May), Ascension Day (Kristi himmelfartsdag,
 * Easter + 39), Whit Sunday and Monday (Easter + 49 and + 50), Christmas
 * Day and Boxing Day.  A working day is Monday to Friday and not a public
 * holiday.  Christmas Eve and New Year's Eve are ordinary days here (many
 * offices close early; the law does not).
 *
 * Dates are ISO strings YYYY-MM-DD, as date_valid (util.h) accepts them;
 * the functions take and give no time of day and no time zone.
 */
#ifndef SAMLA_HOLIDAY_H
#define SAMLA_HOLIDAY_H

#include <stdbool.h>
#include <stddef.h>

/* easter_sunday: the month (3 or 4) and day of Easter Sunday in the
 * Gregorian calendar of year (1583–9999). */
void easter_sunday(int year, int *month, int *day);

/* date_days: the number of days from 1970-01-01 to iso (negative before);
 * false when iso is not a valid date. */
bool date_days(const char *iso, long *days);

/* date_from_days: the ISO date days after 1970-01-01, into out (at least
 * 11 bytes). */
void date_from_days(long days, char *out, size_t n);

/* date_add: iso moved by days (negative: back) into out (at least 11
 * bytes); false when iso is not a valid date. */
bool date_add(const char *iso, long days, char *out, size_t n);

/* date_weekday: 1 Monday … 7 Sunday; 0 for an invalid date. */
int date_weekday(const char *iso);

/* date_is_holiday: iso is a Norwegian public holiday. */
bool date_is_holiday(const char *iso);

/* date_is_workday: iso is a Monday–Friday that is not a public holiday. */
bool date_is_workday(const char *iso);

/* workdays_between: the working days after from up to and including to
 * (the days someone has to answer something sent on from with deadline
 * to); 0 when to is not after from; -1 when either is not a valid date. */
long workdays_between(const char *from, const char *to);

#endif
