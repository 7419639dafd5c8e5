/*
 * test_gbis_csv.c: reading Ofgem's GBIS notification template: the exact
 * header, Ofgem's limits (10,000 rows, 20 MB), errors naming row and
 * column (RULES.md "Notification"; spec/gbis_template_columns.txt).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

/* The template's header, built from the column table. */
static size_t header(char *buf, size_t cap)
{
    size_t n = 0;
    int i;

    for (i = 0; i < ER_GBIS_COL_COUNT; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? "," : "",
                              er_gbis_column_name((er_gbis_col)i));
    n += (size_t)snprintf(buf + n, cap - n, "\r\n");
    return n;
}

/* A data row whose MRN is ABC followed by `id` in 10 digits; 40 fields. */
static size_t row(char *buf, size_t cap, long id)
{
    return (size_t)snprintf(buf, cap,
                            "ABC,ABC%010ld,CWI_0.040,New,01/06/2024,1,,,High Street,Leeds,"
                            "LS1 1AA,123456789012,45.0,120,No,No,Yes,Owner_Occupied,House,"
                            "General_Group,,,B,,,,,,,,,67+,,Installer Ltd,,123456789012,,,,\r\n",
                            id);
}

static void test_reads_rows(void **state)
{
    char buf[4096];
    size_t n = 0;
    er_gbis_file f;
    er_error err;

    (void)state;
    n += (size_t)snprintf(buf, sizeof buf, "\xEF\xBB\xBF"); /* byte order mark */
    n += header(buf + n, sizeof buf - n);
    n += row(buf + n, sizeof buf - n, 1);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\r\n"); /* a blank line: row 2 */
    n += row(buf + n, sizeof buf - n, 2);
    assert_int_equal(er_gbis_parse_csv(buf, n, &f, &err), ER_OK);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.rows[0].row, 1);
    assert_int_equal(f.rows[1].row, 3);
    assert_string_equal(f.rows[1].col[ER_GBIS_MRN], "ABC0000000002");
    assert_string_equal(f.rows[0].col[ER_GBIS_STREET], "High Street");
    assert_string_equal(f.rows[0].col[ER_GBIS_TM_COMPLETED_CERT], "");
    er_gbis_file_free(&f);
}

/* Each bad file and the row and field its error names. */
static void test_refusals(void **state)
{
    static const struct {
        const char *what, *from, *to;
        long row;
        const char *field;
        er_status rc;
    } cases[] = {
        { "header case", "Measure_Type", "Measure_type", 0, "Measure_Type", ER_EINVAL },
        { "header order", "Town,Post_Code", "Post_Code,Town", 0, "Town", ER_EINVAL },
        { "short row", ",Installer Ltd,", ",", 1, "", ER_EINVAL },
        { "long cell", "High Street", NULL, 1, "Street_Name", ER_ELIMIT },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[8192], out[8192], *at;
        size_t n = header(buf, sizeof buf);
        er_gbis_file f;
        er_error err = { 0 };

        n += row(buf + n, sizeof buf - n, 1);
        at = strstr(buf, cases[i].from);
        assert_non_null(at);
        snprintf(out, sizeof out, "%.*s", (int)(at - buf), buf);
        if (cases[i].to) {
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", cases[i].to,
                     at + strlen(cases[i].from));
        } else { /* 300 characters where the value was */
            memset(out + strlen(out), 'x', 300);
            out[(at - buf) + 300] = '\0';
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s",
                     at + strlen(cases[i].from));
        }
        if (er_gbis_parse_csv(out, strlen(out), &f, &err) != cases[i].rc)
            fail_msg("%s: %s", cases[i].what, err.message);
        assert_int_equal(err.row, cases[i].row);
        assert_string_equal(err.field, cases[i].field);
        assert_int_equal(f.n, 0);
    }
}

/* Ofgem's limits: 10,000 rows pass, 10,001 do not; 20 MB. */
static void test_limits(void **state)
{
    size_t cap = 10001 * 256 + 4096, n;
    char *buf = malloc(cap);
    er_gbis_file f;
    er_error err;
    long i;

    (void)state;
    assert_non_null(buf);
    n = header(buf, cap);
    for (i = 1; i <= 10000; i++)
        n += row(buf + n, cap - n, i);
    assert_int_equal(er_gbis_parse_csv(buf, n, &f, &err), ER_OK);
    assert_int_equal(f.n, 10000);
    er_gbis_file_free(&f);
    n += row(buf + n, cap - n, 10001);
    assert_int_equal(er_gbis_parse_csv(buf, n, &f, &err), ER_ELIMIT);
    assert_int_equal(err.row, 10001);
    /* the length alone is refused, before any byte is read */
    assert_int_equal(er_gbis_parse_csv(buf, ER_GBIS_FILE_BYTES_MAX + 1, &f, &err), ER_ELIMIT);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_rows),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_limits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
