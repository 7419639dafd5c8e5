/*
 * test_gbis_json.c: the GBIS template as JSON reads into the same rows as
 * the CSV, with the same limits, and errors name the row and the member.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/io.h"

static void test_same_rows_as_csv(void **state)
{
    const char *json = "[{\"Measure_Reference_Number\":\"ABC0000000001\","
                       "\"Street_Name\":\"High Street\",\"Building_Name\":null},"
                       "{\"Measure_Reference_Number\":\"ABC0000000002\"}]";
    er_gbis_file f;
    er_error err;
    int c;

    (void)state;
    assert_int_equal(er_gbis_parse_json(json, strlen(json), &f, &err), ER_OK);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.rows[1].row, 2);
    assert_string_equal(f.rows[0].col[ER_GBIS_MRN], "ABC0000000001");
    assert_string_equal(f.rows[0].col[ER_GBIS_STREET], "High Street");
    for (c = 0; c < ER_GBIS_COL_COUNT; c++) /* every other cell is empty */
        if (c != ER_GBIS_MRN)
            assert_string_equal(f.rows[1].col[c], "");
    er_gbis_file_free(&f);
}

static void test_refusals(void **state)
{
    static const struct {
        const char *json;
        er_status rc;
        long row;
        const char *field;
    } cases[] = {
        { "[{\"Measure_Reference_Number\":\"A\"},{\"measure_reference_number\":\"B\"}]",
          ER_EINVAL, 2, "measure_reference_number" },
        { "[{\"Floor_Area\":85}]", ER_EINVAL, 1, "Floor_Area" },
        { "[{\"Town\":\"a\",\"Town\":\"b\"}]", ER_EPARSE, 1, "" },
        { "{\"Town\":\"Leeds\"}", ER_EINVAL, 0, "" },
        { "[]", ER_EINVAL, 0, "" },
        { "[7]", ER_EINVAL, 1, "" },
        { "[{\"Town\":\"a\\u0000b\"}]", ER_EPARSE, 1, "" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_gbis_file f;
        er_error err = { 0 };

        if (er_gbis_parse_json(cases[i].json, strlen(cases[i].json), &f, &err) != cases[i].rc)
            fail_msg("case %zu: %s", i, err.message);
        assert_int_equal(err.row, cases[i].row);
        assert_string_equal(err.field, cases[i].field);
        assert_int_equal(f.n, 0);
    }
}

/* 10,000 rows pass; 10,001 do not (Ofgem's limit per file). */
static void test_row_limit(void **state)
{
    size_t cap = 10001 * 40 + 16, n = 0, i;
    char *buf = malloc(cap);
    er_gbis_file f;
    er_error err;

    (void)state;
    assert_non_null(buf);
    buf[n++] = '[';
    for (i = 0; i < 10001; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s{\"Town\":\"Leeds\"}", i ? "," : "");
    buf[n++] = ']';
    assert_int_equal(er_gbis_parse_json(buf, n, &f, &err), ER_ELIMIT);
    /* drop the last row */
    n = (size_t)(strrchr(buf, ',') - buf);
    buf[n++] = ']';
    assert_int_equal(er_gbis_parse_json(buf, n, &f, &err), ER_OK);
    assert_int_equal(f.n, 10000);
    er_gbis_file_free(&f);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_rows_as_csv),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_row_limit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
