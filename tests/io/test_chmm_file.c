/*
 * test_chmm_file.c: installation records read from CSV and JSON
 * (spec/chmm_installations.md: "CSV with a header; JSON objects with the
 * same keys").  The same records in either format read the same; a JSON
 * number, true or false stands for its cell's text; what the spec does not
 * allow refuses the row or the file as for CSV.
 */
#include <string.h>

#include "ecoreg/io.h"
#include "support.h"

static const char csv[] =
    "installation_id,technology_type,commissioning_date,total_capacity_kw,licence_holder,"
    "product,hybrid,build,installer_id,purpose,serial_number\n"
    "C-1,air_to_water,2025-04-01,12.5,Aqua Heat Ltd,AH-12,yes,retrofit,I-1,space_heating,S1\n"
    "C-2,ground_source,02/05/2025,8.3,Borehole plc,BG-8,no,new_build,I-2,space_and_water,\n";

static const char json[] =
    "[{\"installation_id\":\"C-1\",\"technology_type\":\"air_to_water\","
    "\"commissioning_date\":\"2025-04-01\",\"total_capacity_kw\":12.5,"
    "\"licence_holder\":\"Aqua Heat Ltd\",\"product\":\"AH-12\",\"hybrid\":true,"
    "\"build\":\"retrofit\",\"installer_id\":\"I-1\",\"purpose\":\"space_heating\","
    "\"serial_number\":\"S1\"},\n"
    " {\"installation_id\":\"C-2\",\"technology_type\":\"ground_source\","
    "\"commissioning_date\":\"02/05/2025\",\"total_capacity_kw\":8.3,"
    "\"licence_holder\":\"Borehole plc\",\"product\":\"BG-8\",\"hybrid\":false,"
    "\"build\":\"new_build\",\"installer_id\":\"I-2\",\"purpose\":\"space_and_water\","
    "\"serial_number\":null,\"uprn\":null}]";

static void same_records(void **state)
{
    er_chmm_file a, b;
    er_error err = { 0 };
    size_t i;

    (void)state;
    assert_int_equal(er_chmm_parse_file(csv, strlen(csv), "x.csv", &a, &err), ER_OK);
    if (er_chmm_parse_file(json, strlen(json), "x.json", &b, &err) != ER_OK)
        fail_msg("row %ld %s: %s", err.row, err.field, err.message);
    assert_int_equal(a.n, 2);
    assert_int_equal(b.n, 2);
    for (i = 0; i < 2; i++) {
        assert_int_equal(a.rows[i].row, b.rows[i].row);
        assert_int_equal(a.rows[i].capacity_w, b.rows[i].capacity_w);
        assert_int_equal(a.rows[i].hybrid, b.rows[i].hybrid);
        assert_int_equal(a.rows[i].new_build, b.rows[i].new_build);
        assert_int_equal(a.rows[i].commissioned, b.rows[i].commissioned);
        assert_string_equal(a.rows[i].serial_number, b.rows[i].serial_number);
        assert_string_equal(a.rows[i].licence_holder, b.rows[i].licence_holder);
    }
    /* 12.5 kW and 8.3 kW exactly, not 8.3000000000000007 */
    assert_int_equal(b.rows[0].capacity_w, 12500);
    assert_int_equal(b.rows[1].capacity_w, 8300);
    assert_true(b.rows[0].hybrid);
    er_chmm_file_free(&a);
    er_chmm_file_free(&b);
}

/* What refuses a JSON file whole, and what refuses a row. */
static void json_refusals(void **state)
{
    static const struct {
        const char *doc;
        er_status rc; /* of the file */
        long row;     /* the error's, or the invalid row's */
        const char *field;
    } cases[] = {
        /* a member that is no column: the file (a misspelt serial_number
         * would switch the duplicate check off) */
        { "[{\"serial\":\"S1\"}]", ER_EINVAL, 1, "serial" },
        { "[{\"Technology_Type\":\"air_to_water\"}]", ER_EINVAL, 1, "Technology_Type" },
        { "[\"C-1\"]", ER_EINVAL, 1, "" },
        { "{\"installation_id\":\"C-1\"}", ER_EINVAL, 0, "" },
        { "[{\"installation_id\":\"C-1\",", ER_EPARSE, 1, "" },
        { "[{\"installation_id\":\"C-1\",\"installation_id\":\"C-2\"}]", ER_EPARSE, 1, "" },
        /* a value that is no cell, or a missing one: the row */
        { "[{\"installation_id\":\"C-9\",\"product\":[1]}]", ER_OK, 1, "product" },
        { "[{},{\"installation_id\":\"C-9\"}]", ER_OK, 2, "technology_type" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_chmm_file f;
        er_error err = { 0 };
        er_status rc = er_chmm_parse_json(cases[i].doc, strlen(cases[i].doc), &f, &err);

        if (rc != cases[i].rc)
            fail_msg("case %zu: status %d, want %d (%s)", i, rc, cases[i].rc, err.message);
        if (rc != ER_OK) {
            assert_int_equal(err.row, cases[i].row);
            assert_string_equal(err.field, cases[i].field);
            continue;
        }
        assert_int_equal(f.n, 0);
        assert_true(f.n_invalid >= 1);
        assert_int_equal(f.invalid[f.n_invalid - 1].row, cases[i].row);
        assert_string_equal(f.invalid[f.n_invalid - 1].why.field, cases[i].field);
        assert_string_equal(f.invalid[f.n_invalid - 1].installation_id, "C-9");
        er_chmm_file_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_records),
        cmocka_unit_test(json_refusals),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
