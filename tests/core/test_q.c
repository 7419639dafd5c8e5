/*
 * test_q.c: exact amounts, rounding half away from zero, decimal parsing,
 * civil dates.
 */
#include "support.h"

#include "ecoreg/date.h"
#include "ecoreg/q.h"

static void test_arithmetic(void **state)
{
    er_q v;

    (void)state;
    assert_q_equal(er_q_make(10, 20), 1, 2);
    assert_q_equal(er_q_make(3, -6), -1, 2);
    assert_int_equal(er_q_add(er_q_make(1, 3), er_q_make(1, 6), &v), ER_OK);
    assert_q_equal(v, 1, 2);
    assert_int_equal(er_q_sub(er_q_int(1), er_q_make(3, 4), &v), ER_OK);
    assert_q_equal(v, 1, 4);
    assert_int_equal(er_q_mul(er_q_make(3183, 10), er_q_make(6, 10), &v), ER_OK);
    assert_q_equal(v, 19098, 100); /* 318.3 x 0.6 = 190.98 */
    assert_int_equal(er_q_div(er_q_make(1, 2), er_q_make(95, 100), &v), ER_OK);
    assert_q_equal(v, 10, 19);
    assert_int_equal(er_q_div(er_q_int(1), er_q_int(0), &v), ER_EINVAL);
    assert_int_equal(er_q_mul(er_q_int(INT64_MAX / 2), er_q_int(3), &v), ER_ERANGE);
    assert_int_equal(er_q_cmp(er_q_make(1, 3), er_q_make(33, 100)), 1);
    assert_true(er_q_is_zero(er_q_make(0, 7)));
}

/* DESIGN.md: pounds rounded to 2 decimals, half away from zero. */
static const struct {
    int64_t n, d, pennies;
} rounding[] = {
    { 201, 200, 101 },       /* 1.005 -> 1.01 */
    { -201, 200, -101 },     /* -1.005 -> -1.01 */
    { 2675, 1000, 268 },     /* 2.675 -> 2.68 (a double would give 2.67) */
    { 4999, 1000000, 0 },    /* 0.004999 -> 0.00 */
    { 280104, 1000, 28010 }, /* 280.104 -> 280.10 */
    { 10, 19, 53 },          /* 0.526... -> 0.53 */
};

static void test_round(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rounding / sizeof rounding[0]; i++) {
        int64_t p;

        assert_int_equal(er_q_round(er_q_make(rounding[i].n, rounding[i].d), 100, &p), ER_OK);
        assert_int_equal(p, rounding[i].pennies);
    }
}

static const struct {
    const char *text;
    er_status rc;
    int64_t n, d;
} decimals[] = {
    { "0.8", ER_OK, 4, 5 },
    { "-12.35", ER_OK, -247, 20 },
    { "67", ER_OK, 67, 1 },
    { "0", ER_OK, 0, 1 },
    { "1e3", ER_EPARSE, 0, 1 },
    { "", ER_EPARSE, 0, 1 },
    { ".", ER_EPARSE, 0, 1 },
    { "1.2.3", ER_EPARSE, 0, 1 },
    { "1234567890123456789", ER_ERANGE, 0, 1 },
};

static void test_parse(void **state)
{
    size_t i;
    er_q v;

    (void)state;
    for (i = 0; i < sizeof decimals / sizeof decimals[0]; i++) {
        assert_int_equal(er_q_parse(decimals[i].text, &v), decimals[i].rc);
        if (decimals[i].rc == ER_OK)
            assert_q_equal(v, decimals[i].n, decimals[i].d);
    }
    assert_int_equal(er_q_from_double(25.5, 1, &v), ER_OK);
    assert_q_equal(v, 51, 2);
    assert_int_equal(er_q_from_double(54.45, 1, &v), ER_EINVAL);
}

/* Amounts as the register takes them: pounds to the penny (RULES.md:
 * money exact to the penny), premises whole. */
static void test_parse_units(void **state)
{
    static const struct {
        const char *s;
        int64_t scale;
        er_status rc;
        int64_t units;
    } rows[] = {
        { "1234.56", 100, ER_OK, 123456 },
        { "2500", 100, ER_OK, 250000 },
        { "0.5", 100, ER_OK, 50 },
        { "0", 100, ER_OK, 0 },
        { "12.345", 100, ER_EINVAL, 0 },
        { "-1", 100, ER_EINVAL, 0 },
        { "£5", 100, ER_EINVAL, 0 },
        { "", 100, ER_EINVAL, 0 },
        { "42", 1, ER_OK, 42 },
        { "4.2", 1, ER_EINVAL, 0 },
    };
    size_t i;
    int64_t units;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        units = 0;
        if (er_q_parse_units(rows[i].s, rows[i].scale, &units) != rows[i].rc ||
            (rows[i].rc == ER_OK && units != rows[i].units))
            fail_msg("'%s' x %lld: %lld", rows[i].s, (long long)rows[i].scale, (long long)units);
    }
}

static void test_dates(void **state)
{
    er_date d, e;
    char buf[11];
    int y, m, dd;

    (void)state;
    assert_int_equal(er_date_parse_iso("1970-01-01", &d), ER_OK);
    assert_int_equal(d, 0);
    assert_int_equal(er_date_parse_iso("2024-02-29", &d), ER_OK);
    assert_int_equal(er_date_parse_iso("2023-02-29", &e), ER_EPARSE);
    assert_int_equal(er_date_parse_dmy("01/03/2024", &e), ER_OK);
    assert_int_equal(e - d, 1); /* 2024 is a leap year */
    assert_int_equal(er_date_parse_iso("2000-03-01", &d), ER_OK);
    assert_int_equal(d, 11017); /* 30 x 365 + 7 leap days to 2000-01-01, + 31 + 29 */
    er_date_split(d, &y, &m, &dd);
    assert_int_equal(y * 10000 + m * 100 + dd, 20000301);
    er_date_format_iso(d, buf);
    assert_string_equal(buf, "2000-03-01");
    assert_int_equal(er_date_parse_dmy("1/3/2024", &e), ER_EPARSE);
    assert_int_equal(er_date_parse_iso("2024-13-01", &e), ER_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic), cmocka_unit_test(test_round),
        cmocka_unit_test(test_parse),      cmocka_unit_test(test_parse_units),
        cmocka_unit_test(test_dates),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
