/*
 * q.c: exact rational arithmetic for scores (see q.h for why).
 *
 * Intermediates are computed in __int128 and reduced by their gcd before
 * they are narrowed back to int64_t; a result that still does not fit is
 * ER_ERANGE, never a wrapped value.
 */
#include "ecoreg/q.h"

#include <math.h>
#include <stdlib.h>

typedef __int128 wide;

static wide wabs(wide x)
{
    return x < 0 ? -x : x;
}

static wide wgcd(wide a, wide b)
{
    a = wabs(a);
    b = wabs(b);
    while (b) {
        wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Reduces n/d (d != 0) and narrows it into *out. */
static er_status narrow(wide n, wide d, er_q *out)
{
    wide g;

    if (d < 0) {
        n = -n;
        d = -d;
    }
    g = wgcd(n, d);
    if (g > 1) {
        n /= g;
        d /= g;
    }
    if (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX)
        return ER_ERANGE;
    out->num = (int64_t)n;
    out->den = (int64_t)d;
    return ER_OK;
}

er_q er_q_make(int64_t n, int64_t d)
{
    er_q q = { 0, 1 };

    if (d == 0 || narrow(n, d, &q))
        return (er_q){ 0, 1 };
    return q;
}

er_q er_q_int(int64_t n)
{
    return (er_q){ n, 1 };
}

er_status er_q_add(er_q a, er_q b, er_q *out)
{
    return narrow((wide)a.num * b.den + (wide)b.num * a.den, (wide)a.den * b.den, out);
}

er_status er_q_sub(er_q a, er_q b, er_q *out)
{
    return narrow((wide)a.num * b.den - (wide)b.num * a.den, (wide)a.den * b.den, out);
}

er_status er_q_mul(er_q a, er_q b, er_q *out)
{
    return narrow((wide)a.num * b.num, (wide)a.den * b.den, out);
}

er_status er_q_div(er_q a, er_q b, er_q *out)
{
    if (b.num == 0)
        return ER_EINVAL;
    return narrow((wide)a.num * b.den, (wide)a.den * b.num, out);
}

int er_q_cmp(er_q a, er_q b)
{
    wide l = (wide)a.num * b.den, r = (wide)b.num * a.den;

    return (l > r) - (l < r);
}

bool er_q_is_zero(er_q a)
{
    return a.num == 0;
}

er_status er_q_round(er_q a, int64_t scale, int64_t *out)
{
    wide n = (wide)a.num * scale, d = a.den;
    wide q = wabs(n) / d, r = wabs(n) % d;

    /* half away from zero: round the magnitude, then restore the sign */
    if (2 * r >= d)
        q += 1;
    if (n < 0)
        q = -q;
    if (q > INT64_MAX || q < -INT64_MAX)
        return ER_ERANGE;
    *out = (int64_t)q;
    return ER_OK;
}

er_status er_q_parse(const char *s, er_q *out)
{
    wide n = 0, d = 1;
    int neg = 0, digits = 0, point = 0;

    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; *s; s++) {
        if (*s == '.' && !point) {
            point = 1;
            continue;
        }
        if (*s < '0' || *s > '9')
            return ER_EPARSE;
        if (++digits > 18)
            return ER_ERANGE;
        n = n * 10 + (*s - '0');
        if (point)
            d *= 10;
    }
    if (!digits)
        return ER_EPARSE;
    return narrow(neg ? -n : n, d, out);
}

er_status er_q_from_double(double x, int max_decimals, er_q *out)
{
    double scale = 1, scaled, r;
    int i;

    if (!isfinite(x) || max_decimals < 0 || max_decimals > 9)
        return ER_EINVAL;
    for (i = 0; i < max_decimals; i++)
        scale *= 10;
    scaled = x * scale;
    if (fabs(scaled) > 9e15)
        return ER_ERANGE;
    r = round(scaled);
    /* A decimal written with more places than allowed lands away from an
     * integer by far more than a double's representation error. */
    if (fabs(scaled - r) > 1e-6 * (fabs(scaled) > 1 ? fabs(scaled) : 1))
        return ER_EINVAL;
    return narrow((wide)(int64_t)r, (wide)(int64_t)scale, out);
}

double er_q_to_double(er_q a)
{
    return (double)a.num / (double)a.den;
}

er_status er_q_parse_units(const char *s, int64_t scale, int64_t *out)
{
    er_q q, units;
    er_status rc;

    if ((rc = er_q_parse(s, &q)) != ER_OK)
        return rc == ER_ERANGE ? rc : ER_EINVAL;
    if ((rc = er_q_mul(q, er_q_int(scale), &units)) != ER_OK)
        return rc;
    if (units.den != 1 || units.num < 0)
        return ER_EINVAL;
    *out = units.num;
    return ER_OK;
}
