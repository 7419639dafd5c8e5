/*
 * test_chmm.c: heat pump installations credited (src/core/chmm.c), each
 * expected value from RULES.md "Clean Heat Market Mechanism certification"
 * and spec/chmm_installations.md: a credit per eligible installation, the
 * hybrid weighting (0.5), none for new build, above 45 kW, water only or
 * air-to-air; an installation counted once under the three duplicate
 * forms; credits by licence holder and scheme year (from 1 April).
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "ecoreg/chmm.h"

/* data/schemes/chmm.json's values (tests/io/test_quote.c reads them). */
static const er_chmm_rules rules = {
    .capacity_max_w = 45000,
    .hybrid_milli = 500,
    .duplicate_window_days = 365,
    .year_start_month = 4,
    .year_start_day = 1,
};

/* Cells of a row the spec accepts: an 8 kW air-to-water retrofit for space
 * heating, commissioned 2025-06-01. */
static void baseline(const char *cells[ER_CHMM_COL_COUNT])
{
    cells[ER_CHMM_COL_TECHNOLOGY] = "air_to_water";
    cells[ER_CHMM_COL_COMMISSIONING_DATE] = "2025-06-01";
    cells[ER_CHMM_COL_CAPACITY] = "8";
    cells[ER_CHMM_COL_LICENCE_HOLDER] = "Heatco Ltd";
    cells[ER_CHMM_COL_PRODUCT] = "HC-8";
    cells[ER_CHMM_COL_HYBRID] = "no";
    cells[ER_CHMM_COL_BUILD] = "retrofit";
    cells[ER_CHMM_COL_INSTALLATION_ID] = "CERT-1";
    cells[ER_CHMM_COL_INSTALLER_ID] = "INST-1";
    cells[ER_CHMM_COL_PURPOSE] = "space_heating";
    cells[ER_CHMM_COL_UPRN] = "";
    cells[ER_CHMM_COL_POSTCODE] = "";
    cells[ER_CHMM_COL_SERIAL] = "";
}

/* Each credit rule: the baseline with one cell changed. */
static void test_credit_rules(void **state)
{
    static const struct {
        er_chmm_col col;
        const char *value;
        er_chmm_outcome_kind want;
        int64_t milli;
    } cases[] = {
        { ER_CHMM_COL_CAPACITY, "8", ER_CHMM_CREDITED, 1000 }, /* 1 credit */
        { ER_CHMM_COL_HYBRID, "yes", ER_CHMM_CREDITED, 500 },  /* hybrid: 0.5 */
        { ER_CHMM_COL_HYBRID, "YES", ER_CHMM_CREDITED, 500 },
        { ER_CHMM_COL_BUILD, "new_build", ER_CHMM_NEW_BUILD, 0 },     /* new build */
        { ER_CHMM_COL_CAPACITY, "45", ER_CHMM_CREDITED, 1000 },       /* 45 kW: not above */
        { ER_CHMM_COL_CAPACITY, "45.001", ER_CHMM_CAPACITY, 0 },      /* above 45 kW */
        { ER_CHMM_COL_PURPOSE, "water_only", ER_CHMM_WATER_ONLY, 0 }, /* no space heating */
        { ER_CHMM_COL_PURPOSE, "space_and_water", ER_CHMM_CREDITED, 1000 },
        { ER_CHMM_COL_TECHNOLOGY, "hot_water", ER_CHMM_WATER_ONLY, 0 },
        { ER_CHMM_COL_TECHNOLOGY, "air_to_air", ER_CHMM_TECHNOLOGY, 0 }, /* air-to-air */
        { ER_CHMM_COL_TECHNOLOGY, "ground_source", ER_CHMM_CREDITED, 1000 },
        { ER_CHMM_COL_TECHNOLOGY, "water_source", ER_CHMM_CREDITED, 1000 },
        { ER_CHMM_COL_TECHNOLOGY, "exhaust_air", ER_CHMM_CREDITED, 1000 },
        { ER_CHMM_COL_TECHNOLOGY, "solar_assisted", ER_CHMM_CREDITED, 1000 },
    };
    const char *cells[ER_CHMM_COL_COUNT];
    er_chmm_installation in;
    er_error err = { 0 };
    int64_t milli;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        baseline(cells);
        cells[cases[i].col] = cases[i].value;
        if (er_chmm_parse(cells, 1, &in, &err) != ER_OK)
            fail_msg("case %zu: %s", i, err.message);
        if (er_chmm_credit(&in, &rules, &milli) != cases[i].want || milli != cases[i].milli)
            fail_msg("case %zu (%s = %s): %s %lld, want %s %lld", i,
                     er_chmm_column_name(cases[i].col), cases[i].value,
                     er_chmm_outcome_name(er_chmm_credit(&in, &rules, &milli)), (long long)milli,
                     er_chmm_outcome_name(cases[i].want), (long long)cases[i].milli);
    }
    /* new build comes first: a new-build air-to-air is refused as new build */
    baseline(cells);
    cells[ER_CHMM_COL_BUILD] = "new_build";
    cells[ER_CHMM_COL_TECHNOLOGY] = "air_to_air";
    assert_int_equal(er_chmm_parse(cells, 1, &in, &err), ER_OK);
    assert_int_equal(er_chmm_credit(&in, &rules, &milli), ER_CHMM_NEW_BUILD);
}

/* Malformed cells are refused naming the row and the column. */
static void test_parse(void **state)
{
    static const struct {
        er_chmm_col col;
        const char *value;
    } bad[] = {
        { ER_CHMM_COL_TECHNOLOGY, "air_source" }, { ER_CHMM_COL_COMMISSIONING_DATE, "2025-13-01" },
        { ER_CHMM_COL_COMMISSIONING_DATE, "" },   { ER_CHMM_COL_CAPACITY, "0" },
        { ER_CHMM_COL_CAPACITY, "-3" },           { ER_CHMM_COL_CAPACITY, "8.0005" },
        { ER_CHMM_COL_CAPACITY, "eight" },        { ER_CHMM_COL_HYBRID, "maybe" },
        { ER_CHMM_COL_BUILD, "newbuild" },        { ER_CHMM_COL_PURPOSE, "heating" },
        { ER_CHMM_COL_LICENCE_HOLDER, "" },       { ER_CHMM_COL_PRODUCT, "" },
        { ER_CHMM_COL_INSTALLATION_ID, "" },      { ER_CHMM_COL_INSTALLER_ID, "" },
    };
    const char *cells[ER_CHMM_COL_COUNT];
    char longer[200];
    er_chmm_installation in;
    er_error err = { 0 };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        baseline(cells);
        cells[bad[i].col] = bad[i].value;
        assert_int_equal(er_chmm_parse(cells, 7, &in, &err), ER_EINVAL);
        assert_int_equal(err.row, 7);
        assert_string_equal(err.field, er_chmm_column_name(bad[i].col));
    }
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    baseline(cells);
    cells[ER_CHMM_COL_PRODUCT] = longer;
    assert_int_equal(er_chmm_parse(cells, 7, &in, &err), ER_EINVAL);
    assert_string_equal(err.field, "product");
    /* dd/MM/yyyy too; kW to the watt; the optional cells may be left out */
    baseline(cells);
    cells[ER_CHMM_COL_COMMISSIONING_DATE] = "01/06/2025";
    cells[ER_CHMM_COL_CAPACITY] = "12.345";
    assert_int_equal(er_chmm_parse(cells, 1, &in, &err), ER_OK);
    assert_int_equal(in.capacity_w, 12345);
    baseline(cells);
    {
        er_chmm_installation iso;

        assert_int_equal(er_chmm_parse(cells, 1, &iso, &err), ER_OK);
        cells[ER_CHMM_COL_COMMISSIONING_DATE] = "01/06/2025";
        assert_int_equal(er_chmm_parse(cells, 1, &in, &err), ER_OK);
        assert_int_equal(in.commissioned, iso.commissioned);
    }
}

/* Scheme years start on 1 April. */
/* A record written as cells (er_chmm_format) reads back as itself; the
 * capacity in the fewest decimals. */
static void test_format_round_trip(void **state)
{
    static const struct {
        const char *kw, *hybrid, *build, *purpose, *serial;
    } cases[] = {
        { "12.5", "yes", "retrofit", "space_heating", "S-1" },
        { "45", "no", "new_build", "water_only", "" },
        { "0.125", "YES", "retrofit", "space_and_water", "" },
        { "8.300", "no", "retrofit", "space_heating", "X" },
    };
    static const char *const want_kw[] = { "12.5", "45", "0.125", "8.3" };
    char out[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX];
    const char *cells[ER_CHMM_COL_COUNT], *again[ER_CHMM_COL_COUNT];
    er_chmm_installation a, b;
    er_error err = { 0 };
    size_t i;
    int c;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        baseline(cells);
        cells[ER_CHMM_COL_CAPACITY] = cases[i].kw;
        cells[ER_CHMM_COL_HYBRID] = cases[i].hybrid;
        cells[ER_CHMM_COL_BUILD] = cases[i].build;
        cells[ER_CHMM_COL_PURPOSE] = cases[i].purpose;
        cells[ER_CHMM_COL_SERIAL] = cases[i].serial;
        assert_int_equal(er_chmm_parse(cells, 1, &a, &err), ER_OK);
        er_chmm_format(&a, out);
        assert_string_equal(out[ER_CHMM_COL_CAPACITY], want_kw[i]);
        for (c = 0; c < ER_CHMM_COL_COUNT; c++)
            again[c] = out[c];
        assert_int_equal(er_chmm_parse(again, 1, &b, &err), ER_OK);
        assert_memory_equal(&a, &b, sizeof a); /* both zeroed first by er_chmm_parse */
    }
}

static void test_scheme_year(void **state)
{
    static const struct {
        int y, m, d, want;
    } cases[] = {
        { 2025, 3, 31, 2024 }, { 2025, 4, 1, 2025 }, { 2025, 12, 31, 2025 },
        { 2026, 3, 31, 2025 }, { 2026, 4, 1, 2026 },
    };
    er_date d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(er_date_make(cases[i].y, cases[i].m, cases[i].d, &d), ER_OK);
        assert_int_equal(er_chmm_scheme_year(&rules, d), cases[i].want);
    }
}

/* An installation record: id, serial, UPRN, product, date, holder; an
 * 8 kW air-to-water retrofit otherwise (build: new build when `nb`). */
static er_chmm_installation rec(const char *id, const char *serial, const char *uprn,
                                const char *product, const char *day, const char *holder,
                                bool hybrid, bool nb)
{
    const char *cells[ER_CHMM_COL_COUNT];
    er_chmm_installation in;
    er_error err = { 0 };

    baseline(cells);
    cells[ER_CHMM_COL_INSTALLATION_ID] = id;
    cells[ER_CHMM_COL_SERIAL] = serial;
    cells[ER_CHMM_COL_UPRN] = uprn;
    cells[ER_CHMM_COL_PRODUCT] = product;
    cells[ER_CHMM_COL_COMMISSIONING_DATE] = day;
    cells[ER_CHMM_COL_LICENCE_HOLDER] = holder;
    cells[ER_CHMM_COL_HYBRID] = hybrid ? "yes" : "no";
    cells[ER_CHMM_COL_BUILD] = nb ? "new_build" : "retrofit";
    if (er_chmm_parse(cells, 1, &in, &err) != ER_OK)
        fail_msg("%s: %s", id, err.message);
    return in;
}

/* Each duplicate form, and what is not one; then the totals, by hand:
 * Heatco: C1 (2025-26), C6 hybrid 0.5 (2025-26), C8 (2024-25, 31 March
 * 2025): 2025-26 two installations 1.5 credits, 2024-25 one, 1 credit;
 * Warmly: C7 1 credit in 2025-26. */
static void test_duplicates_and_totals(void **state)
{
    const er_chmm_installation in[] = {
        /* 0 */ rec("C1", "SN-1", "1001", "HC-8", "2025-06-01", "Heatco Ltd", false, false),
        /* 1: the same certificate again */
        rec("C1", "SN-9", "", "HC-8", "2025-06-02", "Heatco Ltd", false, false),
        /* 2: the same serial number under another certificate */
        rec("C2", "SN-1", "", "HC-8", "2025-07-01", "Heatco Ltd", false, false),
        /* 3: the same UPRN and product, 364 days later: within the window */
        rec("C3", "", "1001", "HC-8", "2026-05-31", "Heatco Ltd", false, false),
        /* 4: the same UPRN and product 366 days after C1, outside the
         * window, but 2 days after C3: a duplicate of C3 */
        rec("C4", "", "1001", "HC-8", "2026-06-02", "Heatco Ltd", false, false),
        /* 5: the same UPRN, another product: not a repeat; new build: no credit */
        rec("C5", "", "1001", "XX-2", "2025-06-01", "Heatco Ltd", false, true),
        /* 6: hybrid, half a credit */
        rec("C6", "SN-6", "2002", "HC-8", "2025-09-01", "Heatco Ltd", true, false),
        /* 7: another licence holder */
        rec("C7", "SN-7", "", "WM-5", "2025-10-01", "Warmly plc", false, false),
        /* 8: the previous scheme year */
        rec("C8", "SN-8", "", "HC-8", "2025-03-31", "Heatco Ltd", false, false),
        /* 9: C6's serial number under another certificate */
        rec("C9", "SN-6", "", "HC-8", "2025-09-02", "Heatco Ltd", false, false),
    };
    static const struct {
        er_chmm_outcome_kind kind;
        size_t of;
    } want[] = {
        { ER_CHMM_CREDITED, 0 },  { ER_CHMM_DUPLICATE, 0 }, { ER_CHMM_DUPLICATE, 0 },
        { ER_CHMM_DUPLICATE, 0 }, { ER_CHMM_DUPLICATE, 3 }, { ER_CHMM_NEW_BUILD, 0 },
        { ER_CHMM_CREDITED, 0 },  { ER_CHMM_CREDITED, 0 },  { ER_CHMM_CREDITED, 0 },
        { ER_CHMM_DUPLICATE, 6 },
    };
    er_chmm_result r;
    er_error err = { 0 };
    size_t i, n = sizeof in / sizeof in[0];

    (void)state;
    assert_int_equal(er_chmm_credits(in, n, &rules, &r, &err), ER_OK);
    for (i = 0; i < n; i++) {
        if (r.outcomes[i].kind != want[i].kind ||
            (want[i].kind == ER_CHMM_DUPLICATE && r.outcomes[i].duplicate_of != want[i].of))
            fail_msg("%s: %s of %zu, want %s of %zu", in[i].installation_id,
                     er_chmm_outcome_name(r.outcomes[i].kind), r.outcomes[i].duplicate_of,
                     er_chmm_outcome_name(want[i].kind), want[i].of);
    }
    assert_int_equal(r.n_totals, 3);
    assert_string_equal(r.totals[0].licence_holder, "Heatco Ltd");
    assert_int_equal(r.totals[0].scheme_year, 2024);
    assert_int_equal(r.totals[0].installations, 1);
    assert_int_equal(r.totals[0].credit_milli, 1000);
    assert_string_equal(r.totals[1].licence_holder, "Heatco Ltd");
    assert_int_equal(r.totals[1].scheme_year, 2025);
    assert_int_equal(r.totals[1].installations, 2);
    assert_int_equal(r.totals[1].credit_milli, 1500);
    assert_string_equal(r.totals[2].licence_holder, "Warmly plc");
    assert_int_equal(r.totals[2].installations, 1);
    assert_int_equal(r.totals[2].credit_milli, 1000);
    er_chmm_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_credit_rules),          cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format_round_trip),     cmocka_unit_test(test_scheme_year),
        cmocka_unit_test(test_duplicates_and_totals),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
