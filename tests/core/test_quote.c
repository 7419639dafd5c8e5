/*
 * test_quote.c: er_quote_project() on matrices built by hand, so the core's
 * decisions are tested without any file.  Rows are copied from Ofgem's
 * matrices (named per row); expected values are worked in the comments.
 */
#include "support.h"

#include <string.h>

#include "ecoreg/matrix.h"
#include "ecoreg/quote.h"

static er_scheme s;

/* FPS v2 73-97,Low_F,Low_D = 922.2; PPS v6 IWI_solid_1.7_0.3,N/A,N/A,
 * 73-97,Low_F = 343.4 (ATF 0.95); PPS v6 B_Broken_Repair 73-97 = 154. */
static int setup(void **state)
{
    er_matrix *fps, *pps;
    er_date from;
    er_matrix_row r = { .segment = ER_SEGMENT_73_97, .starting_band = ER_BAND_LOW_F,
                        .finishing_band = ER_BAND_LOW_D, .cost_tenths = 9222,
                        .sap_savings_hundredths = -1 };

    (void)state;
    test_eco4_enacted(&s);
    assert_int_equal(er_date_parse_iso("2023-08-14", &from), ER_OK);
    assert_int_equal(er_matrix_new(ER_MATRIX_ECO4_FPS, "fps", ER_DATE_NONE, ER_DATE_NONE, &fps),
                     ER_OK);
    assert_int_equal(er_matrix_add(fps, 1, &r, NULL), ER_OK);
    assert_int_equal(er_scheme_add_matrix(&s, fps), ER_OK);
    assert_int_equal(er_matrix_new(ER_MATRIX_ECO4_PPS, "pps", from, ER_DATE_NONE, &pps), ER_OK);
    r = (er_matrix_row){ .category = "Wall", .measure_type = "IWI_solid_1.7_0.3",
                         .pre_heating = "N/A", .post_heating = "N/A",
                         .segment = ER_SEGMENT_73_97, .starting_band = ER_BAND_LOW_F,
                         .finishing_band = ER_BAND_NONE, .atf_hundredths = 95,
                         .cost_tenths = 3434, .sap_savings_hundredths = -1 };
    assert_int_equal(er_matrix_add(pps, 1, &r, NULL), ER_OK);
    r.category = "Fixed Value Increase";
    r.measure_type = "B_Broken_Repair";
    r.starting_band = ER_BAND_NONE;
    r.atf_hundredths = 100;
    r.cost_tenths = 1540;
    assert_int_equal(er_matrix_add(pps, 2, &r, NULL), ER_OK);
    assert_int_equal(er_scheme_add_matrix(&s, pps), ER_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    er_scheme_clear(&s);
    return 0;
}

static const er_quote_measure iwi = { .measure_type = "IWI_solid_1.7_0.3", .popt = { true, 0 } };
static const er_quote_measure broken = { .measure_type = "B_Broken_Repair", .popt = { true, 0 } };

static er_quote_input project(const er_quote_measure *m, size_t n, int finish)
{
    return (er_quote_input){ .floor_area = 80, .starting_sap_tenths = 250,
                             .finishing_sap_tenths = finish, .completion = ER_DATE_NONE,
                             .n_measures = n, .measures = m };
}

/* IWI 343.4 x 1.1 x 0.8 = 302.192; broken boiler 154 (= 140 x 1.1, art.
 * 67), not deflated; PPS total 456.192.  Finishing 55.0 (Low_D) meets the
 * requirement: FPS 922.2 x 1.1 + BH 154 = 1168.42, which counts. */
static void test_fps_with_fixed_value(void **state)
{
    er_quote_measure m[2] = { iwi, broken };
    er_quote_measure_result res[2];
    er_quote_result out = { .measures = res };
    er_quote_input in = project(m, 2, 550);

    (void)state;
    assert_int_equal(er_quote_project(&s, &in, &out), ER_OK);
    assert_int_equal(test_pennies(res[0].partial_project_score), 30219);
    assert_int_equal(test_pennies(res[1].partial_project_score), 15400);
    assert_int_equal(test_pennies(out.pps_total), 45619);
    assert_int_equal(out.minimum_requirement_met, 1);
    assert_true(out.has_fps);
    assert_int_equal(test_pennies(out.full_project_score), 116842);
    assert_int_equal(test_pennies(out.score), 116842);
}

/* Finishing 54.4 (High_E) misses D: no FPS; the PPS total counts. */
static void test_pps_when_requirement_missed(void **state)
{
    er_quote_measure_result res[1];
    er_quote_result out = { .measures = res };
    er_quote_input in = project(&iwi, 1, 544);

    (void)state;
    assert_int_equal(er_quote_project(&s, &in, &out), ER_OK);
    assert_int_equal(out.minimum_requirement_met, 0);
    assert_false(out.has_fps);
    assert_int_equal(test_pennies(out.score), 30219);
}

static void test_errors(void **state)
{
    er_quote_measure many[20];
    er_quote_measure_result res[20];
    er_quote_result out = { .measures = res };
    er_quote_input in = project(&iwi, 1, 2500);
    er_date before;
    size_t i;

    (void)state;
    /* a finishing rating outside 1-200 */
    assert_int_equal(er_quote_project(&s, &in, &out), ER_EINVAL);
    assert_string_equal(out.errors[0].field, "finishing_sap");
    assert_false(out.has_score);
    /* completed before the PPS matrix's validity (2023-08-14) */
    in = project(&iwi, 1, -1);
    assert_int_equal(er_date_parse_iso("2023-08-13", &before), ER_OK);
    in.completion = before;
    assert_int_equal(er_quote_project(&s, &in, &out), ER_EINVAL);
    assert_string_equal(out.errors[0].field, "completion_date");
    /* 20 unknown measures: all counted, the first ER_QUOTE_ERRORS_MAX kept */
    for (i = 0; i < 20; i++)
        many[i] = (er_quote_measure){ .measure_type = "Nope", .popt = { true, 0 } };
    in = project(many, 20, -1);
    assert_int_equal(er_quote_project(&s, &in, &out), ER_EINVAL);
    assert_int_equal(out.n_errors, 20);
    assert_string_equal(out.errors[ER_QUOTE_ERRORS_MAX - 1].field, "measures[15].measure_type");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fps_with_fixed_value),
        cmocka_unit_test(test_pps_when_requirement_missed),
        cmocka_unit_test(test_errors),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
