/*
 * q.h: exact amounts as reduced fractions.
 *
 * Scores are pounds per year.  Ofgem's matrices carry one decimal, the
 * factors of the Orders (1.1, 0.35, 0.8, 1.25 ...) are exact decimals and
 * the percentage-of-property-treated rule divides by an Average Treatable
 * Factor such as 0.95, so no binary float or fixed decimal keeps every
 * intermediate exact.  An er_q does: it is num/den with den > 0, reduced,
 * and each operation reports ER_ERANGE instead of overflowing.  Rounding
 * happens once, at the end, with er_q_round().
 */
#ifndef ECOREG_Q_H
#define ECOREG_Q_H

#include <stdbool.h>
#include <stdint.h>

#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An exact rational value; den is always > 0 and gcd(num, den) == 1. */
typedef struct er_q {
    int64_t num;
    int64_t den;
} er_q;

/** The value n/d, reduced; d must not be 0 (a 0 denominator yields 0). */
er_q er_q_make(int64_t n, int64_t d);
/** The integer n. */
er_q er_q_int(int64_t n);
/** a + b into *out; ER_ERANGE on overflow (then *out is untouched). */
er_status er_q_add(er_q a, er_q b, er_q *out);
/** a - b into *out; ER_ERANGE on overflow. */
er_status er_q_sub(er_q a, er_q b, er_q *out);
/** a * b into *out; ER_ERANGE on overflow. */
er_status er_q_mul(er_q a, er_q b, er_q *out);
/** a / b into *out; ER_EINVAL when b is 0, ER_ERANGE on overflow. */
er_status er_q_div(er_q a, er_q b, er_q *out);
/** -1, 0 or 1 as a <, ==, > b (exact, no overflow). */
int er_q_cmp(er_q a, er_q b);
/** True when a is zero. */
bool er_q_is_zero(er_q a);

/**
 * a * scale rounded to the nearest integer, half away from zero: with
 * scale 100 a value in pounds becomes pennies (1.005 -> 101, -1.005 ->
 * -101).  ER_ERANGE when the result does not fit.
 */
er_status er_q_round(er_q a, int64_t scale, int64_t *out);

/**
 * Parses a plain decimal ("0.8", "-12.35", "67", "1e3" is refused) exactly.
 * ER_EPARSE when `s` is not one; ER_ERANGE when it has too many digits.
 */
er_status er_q_parse(const char *s, er_q *out);

/**
 * Parses a plain decimal that is a whole number of 1/scale units, not
 * negative, into that number: pounds to the penny with scale 100
 * ("1234.56" is 123456 pence), premises with scale 1.  ER_EINVAL for
 * anything else (more places than the scale allows, a sign, not a
 * decimal); ER_ERANGE when it does not fit.
 */
er_status er_q_parse_units(const char *s, int64_t scale, int64_t *out);

/**
 * Converts a double that is meant to hold a decimal with at most
 * `max_decimals` places (JSON numbers such as 25.5 or 0.35) into an exact
 * value.  ER_EINVAL when the double is not finite or has more places.
 */
er_status er_q_from_double(double x, int max_decimals, er_q *out);

/** The nearest double, for display and statistics only. */
double er_q_to_double(er_q a);

#ifdef __cplusplus
}
#endif
#endif
