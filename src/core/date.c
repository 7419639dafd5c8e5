/*
 * date.c: civil dates as day numbers since 1970-01-01 (proleptic Gregorian).
 *
 * The conversion counts whole 400-year eras of 146,097 days from a year
 * that starts in March, so leap days fall at the end of a year.
 */
#include "ecoreg/date.h"

#include <stdio.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

er_status er_date_make(int y, int m, int d, er_date *out)
{
    int era, yoe, doy, doe;

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return ER_EINVAL;
    if (m <= 2)
        y -= 1;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = era * 146097 + doe - 719468;
    return ER_OK;
}

void er_date_split(er_date date, int *y, int *m, int *d)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly `n` digits from s into *v. */
static int digits(const char *s, int n, int *v)
{
    int i;

    *v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

er_status er_date_parse_iso(const char *s, er_date *out)
{
    int y, m, d;

    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
        s[7] != '-' || !digits(s + 8, 2, &d) || s[10] != '\0')
        return ER_EPARSE;
    return er_date_make(y, m, d, out) ? ER_EPARSE : ER_OK;
}

er_status er_date_parse_dmy(const char *s, er_date *out)
{
    int y, m, d;

    if (!digits(s, 2, &d) || s[2] != '/' || !digits(s + 3, 2, &m) ||
        s[5] != '/' || !digits(s + 6, 4, &y) || s[10] != '\0')
        return ER_EPARSE;
    return er_date_make(y, m, d, out) ? ER_EPARSE : ER_OK;
}

void er_date_format_iso(er_date date, char buf[static 11])
{
    int y, m, d;

    er_date_split(date, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}
