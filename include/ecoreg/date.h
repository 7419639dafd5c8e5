/*
 * date.h: civil dates as day numbers, with the two spellings ecoreg reads.
 *
 * An er_date counts days from 1970-01-01 (proleptic Gregorian), so date
 * arithmetic is integer arithmetic.  The core never reads the clock:
 * callers pass "today" in.
 */
#ifndef ECOREG_DATE_H
#define ECOREG_DATE_H

#include <stdint.h>

#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t er_date;

/** "No date": earlier than any real one. */
#define ER_DATE_NONE INT32_MIN

/** The day number of y-m-d; ER_EINVAL when the day does not exist. */
er_status er_date_make(int y, int m, int d, er_date *out);
/** Splits a day number into year, month (1-12) and day (1-31). */
void er_date_split(er_date date, int *y, int *m, int *d);
/** Parses "YYYY-MM-DD" exactly; ER_EPARSE otherwise. */
er_status er_date_parse_iso(const char *s, er_date *out);
/** Parses Ofgem's "dd/MM/yyyy" exactly; ER_EPARSE otherwise. */
er_status er_date_parse_dmy(const char *s, er_date *out);
/** Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void er_date_format_iso(er_date date, char buf[static 11]);

#ifdef __cplusplus
}
#endif
#endif
