/*
 * test_eco4_csv.c: reading ECO4's project and measure notification
 * templates from CSV (src/io/eco4_template.c): the exact header, the
 * limits of a file (10,000 rows, 20 MB, as GBIS's, RULES.md
 * "Notification"), errors naming row and column, and the example files
 * tests/data/eco4_projects.csv and eco4_measures.csv, which a user can
 * copy and which pass the checks (docs/eco4_templates.md).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "ecoreg/io.h"

/* The project header from the column table, then one data row whose
 * project reference ends in `id`. */
static size_t project_header(char *buf, size_t cap)
{
    size_t n = 0;
    int i;

    for (i = 0; i < ER_ECO4P_COL_COUNT; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? "," : "",
                              er_eco4_project_column_name((er_eco4_pcol)i));
    n += (size_t)snprintf(buf + n, cap - n, "\r\n");
    return n;
}

static size_t project_row(char *buf, size_t cap, long id)
{
    return (size_t)snprintf(buf, cap,
                            "ABC-P,ABC%010ld,New Notification,12,N/A,N/A,High Street,Leeds,"
                            "LS1 4AB,72617734,Owner Occupied,House,Help to Heat Group,DWP Match,"
                            "1234567890,N/A,No,02/01/2024,60.0,85,01/09/2023,"
                            "1234-5678-9012-3456-7890,No,No,N/A,N/A,N/A,P123456,N/A,N/A,N/A,"
                            "N/A\r\n",
                            id);
}

static size_t measure_header(char *buf, size_t cap)
{
    size_t n = 0;
    int i;

    for (i = 0; i < ER_ECO4M_COL_COUNT; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? "," : "",
                              er_eco4_measure_column_name((er_eco4_mcol)i));
    n += (size_t)snprintf(buf + n, cap - n, "\n");
    return n;
}

static size_t measure_row(char *buf, size_t cap, long id)
{
    return (size_t)snprintf(buf, cap,
                            "ABC-M,ABC%010ld,ABC0000000001,LI_lessequal100,New Notification,N/A,"
                            "15/05/2024,Standard,67+,N/A,N/A,N/A,N/A,\"Warm Homes, Ltd\","
                            "123456789012,UMR0000011,A12345-1\n",
                            id);
}

/* Rows are numbered as a user sees them: a blank line counts. */
static void test_reads_rows(void **state)
{
    char buf[8192];
    size_t n = 0;
    er_eco4_projects p;
    er_eco4_measures m;
    er_error err;

    (void)state;
    n += (size_t)snprintf(buf, sizeof buf, "\xEF\xBB\xBF"); /* byte order mark */
    n += project_header(buf + n, sizeof buf - n);
    n += project_row(buf + n, sizeof buf - n, 1);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\r\n"); /* row 2 is blank */
    n += project_row(buf + n, sizeof buf - n, 2);
    assert_int_equal(er_eco4_parse_projects_csv(buf, n, &p, &err), ER_OK);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.rows[0].row, 1);
    assert_int_equal(p.rows[1].row, 3);
    assert_string_equal(p.rows[1].col[ER_ECO4P_PROJECT_REF], "ABC0000000002");
    assert_string_equal(p.rows[0].col[ER_ECO4P_POST_EPC_RRN], "N/A");
    er_eco4_projects_free(&p);
    assert_null(p.rows);

    n = measure_header(buf, sizeof buf);
    n += measure_row(buf + n, sizeof buf - n, 11);
    assert_int_equal(er_eco4_parse_measures_csv(buf, n, &m, &err), ER_OK);
    assert_int_equal(m.n, 1);
    assert_string_equal(m.rows[0].col[ER_ECO4M_MRN], "ABC0000000011");
    assert_string_equal(m.rows[0].col[ER_ECO4M_INSTALLER], "Warm Homes, Ltd"); /* quoted */
    assert_string_equal(m.rows[0].col[ER_ECO4M_TM_CERTIFICATE], "A12345-1");
    er_eco4_measures_free(&m);
    er_eco4_measures_free(NULL);
    er_eco4_projects_free(NULL);
}

/* Replaces the first `from` of buf by `to` (or by 300 x's when NULL). */
static void edit(const char *buf, const char *from, const char *to, char *out, size_t cap)
{
    const char *at = strstr(buf, from);
    size_t head;

    assert_non_null(at);
    head = (size_t)(at - buf);
    snprintf(out, cap, "%.*s", (int)head, buf);
    if (to) {
        snprintf(out + head, cap - head, "%s%s", to, at + strlen(from));
    } else {
        memset(out + head, 'x', 300);
        snprintf(out + head + 300, cap - head - 300, "%s", at + strlen(from));
    }
}

struct refusal {
    const char *what, *from, *to; /* to NULL: a 300-character cell */
    long row;
    const char *field;
    er_status rc;
};

/* Each bad project file and the row and field its error names. */
static void test_project_refusals(void **state)
{
    static const struct refusal cases[] = {
        { "header case", "Floor_Area", "Floor_area", 0, "Floor_Area", ER_EINVAL },
        { "header order", "Rural,Off_Gas", "Off_Gas,Rural", 0, "Rural", ER_EINVAL },
        { "header short", ",Post_Retrofit_EPC_RRN\r\n", "\r\n", 0, "Post_Retrofit_EPC_RRN",
          ER_EINVAL },
        { "header long", "Post_Retrofit_EPC_RRN\r\n", "Post_Retrofit_EPC_RRN,Extra\r\n", 0, "",
          ER_EINVAL },
        { "short row", ",P123456,", ",", 1, "", ER_EINVAL },
        { "long cell", "High Street", NULL, 1, "Street_Name", ER_ELIMIT },
        { "bad quoting", "High Street", "High \"Street", 1, "", ER_EPARSE },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[8192], out[8192];
        size_t n = project_header(buf, sizeof buf);
        er_eco4_projects p;
        er_error err = { 0 };
        er_status rc;

        project_row(buf + n, sizeof buf - n, 1);
        edit(buf, cases[i].from, cases[i].to, out, sizeof out);
        rc = er_eco4_parse_projects_csv(out, strlen(out), &p, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: %s (%s)", cases[i].what, er_strerror(rc), err.message);
        assert_int_equal(err.row, cases[i].row);
        assert_string_equal(err.field, cases[i].field);
        assert_int_equal(p.n, 0);
        assert_null(p.rows);
    }
}

/* Each bad measure file and the row and field its error names. */
static void test_measure_refusals(void **state)
{
    static const struct refusal cases[] = {
        { "header case", "Measure_Reference_Number", "Measure_reference_number", 0,
          "Measure_Reference_Number", ER_EINVAL },
        { "a GBIS column", "Pre_Existing_Insulation", "Heating_Source", 0,
          "Pre_Existing_Insulation", ER_EINVAL },
        { "long row", "A12345-1\n", "A12345-1,extra\n", 1, "", ER_EINVAL },
        { "long cell", "UMR0000011", NULL, 1, "Trustmark_Unique_Measure_Reference", ER_ELIMIT },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[8192], out[8192];
        size_t n = measure_header(buf, sizeof buf);
        er_eco4_measures m;
        er_error err = { 0 };
        er_status rc;

        measure_row(buf + n, sizeof buf - n, 1);
        edit(buf, cases[i].from, cases[i].to, out, sizeof out);
        rc = er_eco4_parse_measures_csv(out, strlen(out), &m, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: %s (%s)", cases[i].what, er_strerror(rc), err.message);
        assert_int_equal(err.row, cases[i].row);
        assert_string_equal(err.field, cases[i].field);
        assert_int_equal(m.n, 0);
    }
}

/* A header alone, or nothing, is refused: a notification has rows. */
static void test_no_rows(void **state)
{
    char buf[2048];
    size_t n = measure_header(buf, sizeof buf);
    er_eco4_measures m;
    er_error err;

    (void)state;
    assert_int_equal(er_eco4_parse_measures_csv(buf, n, &m, &err), ER_EINVAL);
    assert_int_equal(err.row, 0);
    assert_int_equal(er_eco4_parse_measures_csv("", 0, &m, &err), ER_EINVAL);
}

/* The limits: 10,000 rows pass and 10,001 do not (the error names row
 * 10001); more than 20 MB is refused on its length alone. */
static void test_limits(void **state)
{
    size_t cap = 10001 * 512 + 4096, n, n2;
    char *buf = malloc(cap), *buf2 = malloc(cap);
    er_eco4_projects p;
    er_eco4_measures m;
    er_error err;
    long i;

    (void)state;
    assert_non_null(buf);
    assert_non_null(buf2);
    n = project_header(buf, cap);
    n2 = measure_header(buf2, cap);
    for (i = 1; i <= 10000; i++) {
        n += project_row(buf + n, cap - n, i);
        n2 += measure_row(buf2 + n2, cap - n2, i);
    }
    assert_int_equal(er_eco4_parse_projects_csv(buf, n, &p, &err), ER_OK);
    assert_int_equal(p.n, 10000);
    assert_int_equal(p.rows[9999].row, 10000);
    er_eco4_projects_free(&p);
    assert_int_equal(er_eco4_parse_measures_csv(buf2, n2, &m, &err), ER_OK);
    assert_int_equal(m.n, 10000);
    er_eco4_measures_free(&m);
    n += project_row(buf + n, cap - n, 10001);
    assert_int_equal(er_eco4_parse_projects_csv(buf, n, &p, &err), ER_ELIMIT);
    assert_int_equal(err.row, 10001);
    n2 += measure_row(buf2 + n2, cap - n2, 10001);
    assert_int_equal(er_eco4_parse_measures_csv(buf2, n2, &m, &err), ER_ELIMIT);
    assert_int_equal(err.row, 10001);
    assert_int_equal(er_eco4_parse_projects_csv(buf, ER_ECO4_FILE_BYTES_MAX + 1, &p, &err),
                     ER_ELIMIT);
    assert_int_equal(er_eco4_parse_measures_csv(buf2, ER_ECO4_FILE_BYTES_MAX + 1, &m, &err),
                     ER_ELIMIT);
    free(buf);
    free(buf2);
}

/* Every allocation failing in turn is ER_ENOMEM with nothing kept, or,
 * where libcsv recovers by asking for less, a whole parse (as
 * test_matrix_csv.c's sweep); ASan reports any leak. */
static void test_out_of_memory(void **state)
{
    char buf[4096];
    size_t n = measure_header(buf, sizeof buf);
    er_eco4_measures m;
    er_error err;
    int nomem = 0;
    long at;
    er_status rc;

    (void)state;
    n += measure_row(buf + n, sizeof buf - n, 1);
    for (at = 0;; at++) {
        test_fail_allocation(at);
        rc = er_eco4_parse_measures_csv(buf, n, &m, &err);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_int_equal(m.n, 1);
            er_eco4_measures_free(&m);
            if (!test_allocation_failed())
                break;
            continue;
        }
        assert_int_equal(rc, ER_ENOMEM);
        assert_int_equal(m.n, 0);
        assert_null(m.rows);
        nomem++;
    }
    assert_true(nomem >= 3);
}

/* ---- the example files ---- */

static char path_buf[4096];

static const char *example(const char *name)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", TEST_DATADIR, name);
    return path_buf;
}

static er_eco4_projects ex_projects;
static er_eco4_measures ex_measures;

/* A register holding the example projects (passed their checks) and
 * measures, as it would once they were notified. */
static bool abc(void *ctx, const char *code)
{
    (void)ctx;
    return strcmp(code, "ABC") == 0;
}

static const er_eco4_project_row *ex_project(void *ctx, const char *ref)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < ex_projects.n; i++)
        if (strcmp(ex_projects.rows[i].col[ER_ECO4P_PROJECT_REF], ref) == 0)
            return &ex_projects.rows[i];
    return NULL;
}

static const char *ex_state(void *ctx, const char *ref)
{
    return ex_project(ctx, ref) ? "checks_passed" : NULL;
}

static const er_eco4_measure_row *ex_measure(void *ctx, const char *ref, size_t k)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < ex_measures.n; i++)
        if (strcmp(ex_measures.rows[i].col[ER_ECO4M_PROJECT_REF], ref) == 0 && k-- == 0)
            return &ex_measures.rows[i];
    return NULL;
}

static void test_examples(void **state)
{
    er_eco4_context c = { .notifying_supplier = "ABC",
                          .reg = { .supplier_known = abc,
                                   .project_state = ex_state,
                                   .project = ex_project,
                                   .project_measure = ex_measure } };
    er_eco4_outcome o[8];
    er_scheme s;
    er_error err;
    size_t i;

    (void)state;
    assert_int_equal(er_eco4_load_projects_csv(example("eco4_projects.csv"), &ex_projects, &err),
                     ER_OK);
    assert_int_equal(er_eco4_load_measures_csv(example("eco4_measures.csv"), &ex_measures, &err),
                     ER_OK);
    assert_int_equal(ex_projects.n, 3);
    assert_int_equal(ex_measures.n, 5);
    assert_int_equal(er_scheme_load(ECOREG_DATADIR, ER_SCHEME_ECO4, NULL, &s, &err), ER_OK);
    c.scheme = &s;
    assert_int_equal(er_date_make(2024, 6, 20, &c.today), ER_OK);
    assert_int_equal(er_eco4_check_projects(&c, ex_projects.rows, ex_projects.n, o), ER_OK);
    for (i = 0; i < ex_projects.n; i++)
        if (o[i].n_failures)
            fail_msg("project row %zu: %s %s", i + 1, o[i].failures[0].rule,
                     o[i].failures[0].message);
    /* row 3 completes project 3: band E (45.0) to band C (70.5) meets the
     * minimum requirement (RULES.md: E must finish at C or better) */
    assert_int_equal(o[2].minimum_requirement, ER_ECO4_MR_MET);
    assert_int_equal(o[0].minimum_requirement, ER_ECO4_MR_NOT_ASSESSED);
    assert_int_equal(er_eco4_check_measures(&c, ex_measures.rows, ex_measures.n, o), ER_OK);
    for (i = 0; i < ex_measures.n; i++)
        if (o[i].n_failures)
            fail_msg("measure row %zu: %s %s", i + 1, o[i].failures[0].rule,
                     o[i].failures[0].message);
    er_scheme_clear(&s);
    er_eco4_projects_free(&ex_projects);
    er_eco4_measures_free(&ex_measures);
}

static void test_missing_file(void **state)
{
    er_eco4_projects p;
    er_error err;

    (void)state;
    assert_int_equal(er_eco4_load_projects_csv(example("no_such_eco4.csv"), &p, &err), ER_EIO);
    assert_int_equal(p.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_rows),       cmocka_unit_test(test_project_refusals),
        cmocka_unit_test(test_measure_refusals), cmocka_unit_test(test_no_rows),
        cmocka_unit_test(test_limits),           cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_examples),         cmocka_unit_test(test_missing_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
