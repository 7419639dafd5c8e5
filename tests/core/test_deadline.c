/*
 * test_deadline.c: notification deadlines, the automatic late extension and
 * its 5% allowance (include/ecoreg/deadline.h).  Every expected date is
 * worked by hand in the table's comment: the rule is "the last day of the
 * month after the completion month" (ECO4 Order art. 44(1)(a)(ii)).
 */
#include "support.h"

#include "ecoreg/deadline.h"

static er_date iso(const char *s)
{
    er_date d = ER_DATE_NONE;

    assert_int_equal(er_date_parse_iso(s, &d), ER_OK);
    return d;
}

static void assert_date(er_date got, const char *want, const char *what)
{
    char buf[11];

    er_date_format_iso(got, buf);
    if (got != iso(want))
        fail_msg("%s: got %s, want %s", what, buf, want);
}

struct date_case {
    const char *from;
    const char *want;
    const char *why;
};

static void test_notification_deadline(void **state)
{
    static const struct date_case cases[] = {
        { "2024-01-15", "2024-02-29", "Jan 2024 -> end of Feb; 2024 is a leap year (% 4)" },
        { "2023-01-31", "2023-02-28", "31 Jan 2023 -> end of Feb; 2023 is not a leap year" },
        { "2024-01-31", "2024-02-29", "31 Jan 2024 -> 29 Feb, not 31 Feb nor 2 Mar" },
        { "2023-12-30", "2024-01-31", "Dec 2023 -> end of Jan of the next year" },
        { "2022-12-31", "2023-01-31", "31 Dec -> 31 Jan; Ofgem's AddMonths(2) - day: 28 Jan" },
        { "2023-12-01", "2024-01-31", "first of December crosses the year too" },
        { "2023-07-31", "2023-08-31", "31 Jul -> 31 Aug; Ofgem's formula: 30 Sep - 31 = 30 Aug" },
        { "2024-10-31", "2024-11-30", "Oct -> Nov has 30 days (Ofgem's own test case)" },
        { "2024-11-01", "2024-12-31", "Nov -> Dec has 31 days (Ofgem's own test case)" },
        { "2024-02-29", "2024-03-31", "a leap day completion -> end of March" },
        { "2100-01-10", "2100-02-28", "2100 is not a leap year (divisible by 100, not 400)" },
        { "2000-01-10", "2000-02-29", "2000 is a leap year (divisible by 400)" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_date(er_deadline_notification(iso(cases[i].from)), cases[i].want, cases[i].why);
}

static void test_late_extension(void **state)
{
    static const struct date_case cases[] = {
        { "2024-01-15", "2024-05-31", "Jan -> end Feb -> +3: end of May, 4th month after Jan" },
        { "2023-10-15", "2024-02-29", "Oct 2023 -> end Nov -> end of Feb 2024, leap February" },
        { "2022-10-15", "2023-02-28", "Oct 2022 -> end Nov -> end of Feb 2023, 28 days" },
        { "2023-11-30", "2024-03-31", "Nov 2023 -> end Dec -> end of Mar 2024, over the year end" },
        { "2023-12-31", "2024-04-30", "Dec 2023 -> end Jan 2024 -> end of Apr 2024" },
        { "2023-01-31", "2023-05-31", "31 Jan -> end Feb (28) -> end of May, not 28 May" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_date(er_deadline_late_extension(iso(cases[i].from), 3, ER_DATE_NONE),
                    cases[i].want, cases[i].why);
    /* ECO4 art. 44(1)(c)(ii): never after the end of June 2026.  Mar 2026
     * -> end Apr -> end Jul 2026, capped to 30 Jun 2026. */
    assert_date(er_deadline_late_extension(iso("2026-03-15"), 3, iso("2026-06-30")),
                "2026-06-30", "capped by the final date");
    /* Jan 2026 -> end of May 2026, before the cap: the cap does not apply. */
    assert_date(er_deadline_late_extension(iso("2026-01-15"), 3, iso("2026-06-30")),
                "2026-05-31", "under the final date");
}

static void test_add_months(void **state)
{
    (void)state;
    /* Clamped to the month's last day, as .NET's DateTime.AddMonths. */
    assert_date(er_deadline_add_months(iso("2024-01-31"), 1), "2024-02-29", "31 Jan + 1 (leap)");
    assert_date(er_deadline_add_months(iso("2023-01-31"), 1), "2023-02-28", "31 Jan + 1");
    assert_date(er_deadline_add_months(iso("2023-11-30"), 3), "2024-02-29", "30 Nov + 3");
    assert_date(er_deadline_add_months(iso("2023-12-31"), 3), "2024-03-31", "31 Dec + 3");
    assert_date(er_deadline_add_months(iso("2023-10-15"), 3), "2024-01-15", "15 Oct + 3");
    assert_date(er_deadline_add_months(iso("2024-02-29"), 12), "2025-02-28", "29 Feb + 12");
    assert_date(er_deadline_add_months(iso("2024-03-31"), -1), "2024-02-29", "31 Mar - 1");
    assert_date(er_deadline_add_months(iso("2024-01-10"), -13), "2022-12-10", "back a year");
    assert_date(er_deadline_month_end(iso("2024-02-10"), 0), "2024-02-29", "own month end");
    assert_date(er_deadline_month_end(iso("2023-12-10"), 2), "2024-02-29", "Dec + 2 ends");
}

static void test_late_allowance(void **state)
{
    static const struct {
        long completed, late;
        bool fits;
        const char *why;
    } cases[] = {
        { 20, 1, true, "1/20 = 0.05 <= 0.05" },
        { 19, 1, false, "1/19 = 0.0526 > 0.05: under 20 measures, none may be late" },
        { 40, 2, true, "2/40 = 0.05" },
        { 40, 3, false, "3/40 = 0.075" },
        { 39, 2, false, "2/39 = 0.0513" },
        { 1000, 50, true, "50/1000 = 0.05" },
        { 1000, 51, false, "51/1000 = 0.051" },
        { 1, 1, false, "a lone late measure is 100%" },
        { 0, 1, false, "no completions: nothing fits" },
        { 20, -1, false, "negative counts are refused" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (er_deadline_late_fits(cases[i].completed, cases[i].late, 5) != cases[i].fits)
            fail_msg("%ld late of %ld: %s", cases[i].late, cases[i].completed, cases[i].why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notification_deadline),
        cmocka_unit_test(test_late_extension),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_late_allowance),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
