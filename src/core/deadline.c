/*
 * deadline.c: notification deadlines and the automatic late extension
 * allowance (see include/ecoreg/deadline.h for the articles).
 *
 * Month arithmetic works on (year, month) pairs and finds a month's last
 * day as the day before the first of the next month, so leap years come
 * from er_date_make() alone.
 */
#include "ecoreg/deadline.h"

/* Moves (y, m) on by `months`, m staying 1-12. */
static void shift_month(int *y, int *m, int months)
{
    long total = (long)*y * 12 + (*m - 1) + months;
    long year = total >= 0 ? total / 12 : (total - 11) / 12;

    *y = (int)year;
    *m = (int)(total - year * 12) + 1;
}

/* The last day of month m of year y, as a day of the month (28-31). */
static int last_day(int y, int m)
{
    er_date first, next;
    int ny = y, nm = m;

    shift_month(&ny, &nm, 1);
    if (er_date_make(y, m, 1, &first) || er_date_make(ny, nm, 1, &next))
        return 28; /* outside years 1-9999: not reached for real dates */
    return (int)(next - first);
}

/* The day number of y-m-d, d already valid for the month. */
static er_date make(int y, int m, int d)
{
    er_date out;

    return er_date_make(y, m, d, &out) ? ER_DATE_NONE : out;
}

er_date er_deadline_add_months(er_date date, int months)
{
    int y, m, d, last;

    er_date_split(date, &y, &m, &d);
    shift_month(&y, &m, months);
    last = last_day(y, m);
    return make(y, m, d < last ? d : last);
}

er_date er_deadline_month_end(er_date date, int months)
{
    int y, m, d;

    er_date_split(date, &y, &m, &d);
    shift_month(&y, &m, months);
    return make(y, m, last_day(y, m));
}

er_date er_deadline_notification(er_date completion)
{
    return er_deadline_month_end(completion, 1);
}

er_date er_deadline_late_extension(er_date completion, int months, er_date final)
{
    er_date late = er_deadline_month_end(completion, 1 + months);

    return final != ER_DATE_NONE && final < late ? final : late;
}

bool er_deadline_late_fits(long completed, long late, int percent)
{
    if (completed <= 0 || late < 0 || percent < 0)
        return false;
    return (__int128)late * 100 <= (__int128)completed * percent;
}
