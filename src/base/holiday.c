/* holiday.c: see holiday.h.  Day numbers use the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil / civil_from_days). */
#include "base/holiday.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"

void easter_sunday(int year, int *month, int *day)
{
    /* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    *month = (h + l - 7 * m + 114) / 31;
    *day = (h + l - 7 * m + 114) % 31 + 1;
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool split(const char *iso, int *y, int *m, int *d)
{
    if (!date_valid(iso)) {
        return false;
    }
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *d = atoi(iso + 8);
    return true;
}

bool date_days(const char *iso, long *days)
{
    int y, m, d;
    if (!split(iso, &y, &m, &d)) {
        return false;
    }
    *days = days_from_civil(y, m, d);
    return true;
}

void date_from_days(long days, char *out, size_t n)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

bool date_add(const char *iso, long days, char *out, size_t n)
{
    long z;
    if (!date_days(iso, &z)) {
        return false;
    }
    date_from_days(z + days, out, n);
    return true;
}

/* 1 Monday … 7 Sunday of day number z (1970-01-01 was a Thursday). */
static int weekday_of(long z)
{
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w) + 1;
}

int date_weekday(const char *iso)
{
    long z;
    return date_days(iso, &z) ? weekday_of(z) : 0;
}

static bool holiday_of(long z)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    if ((m == 1 && d == 1) || (m == 5 && (d == 1 || d == 17)) || (m == 12 && (d == 25 || d == 26))) {
        return true;
    }
    int em, ed;
    easter_sunday(y, &em, &ed);
    long off = z - days_from_civil(y, em, ed);
    /* Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension
     * Day, Whit Sunday and Monday. */
    return off == -3 || off == -2 || off == 0 || off == 1 || off == 39 || off == 49 || off == 50;
}

bool date_is_holiday(const char *iso)
{
    long z;
    return date_days(iso, &z) && holiday_of(z);
}

bool date_is_workday(const char *iso)
{
    long z;
    return date_days(iso, &z) && weekday_of(z) <= 5 && !holiday_of(z);
}

long workdays_between(const char *from, const char *to)
{
    long a, b;
    if (!date_days(from, &a) || !date_days(to, &b)) {
        return -1;
    }
    long n = 0;
    for (long z = a + 1; z <= b; z++) {
        n += weekday_of(z) <= 5 && !holiday_of(z);
    }
    return n;
}
