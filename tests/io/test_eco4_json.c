/*
 * test_eco4_json.c: ECO4's project and measure templates as JSON
 * (src/io/template_json.c through src/io/eco4_template.c): the example
 * files tests/data/eco4_*.json read into the same rows as their CSV twins;
 * the same limits (10,000 rows, 20 MB, 255-byte cells); errors name the
 * row and the member; and a file's template is told by its first row's
 * members, as `ecoreg notify --scheme eco4` does (docs/eco4_templates.md).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "ecoreg/io.h"

static char path_buf[4096];

static const char *example(const char *name)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", TEST_DATADIR, name);
    return path_buf;
}

/* Rows a and b (n cells each) hold the same row numbers and cells. */
static void same_cells(long row_a, const char *const *a, long row_b, const char *const *b, size_t n)
{
    size_t c;

    assert_int_equal(row_a, row_b);
    for (c = 0; c < n; c++)
        assert_string_equal(a[c], b[c]);
}

/* The examples: JSON and CSV read into the same rows, by the _json and
 * _csv loaders and by the loaders that go by the file name. */
static void test_same_rows_as_csv(void **state)
{
    er_eco4_projects pc, pj, pa;
    er_eco4_measures mc, mj, ma;
    er_error err;
    size_t i;

    (void)state;
    assert_int_equal(er_eco4_load_projects_csv(example("eco4_projects.csv"), &pc, &err), ER_OK);
    assert_int_equal(er_eco4_load_projects_json(example("eco4_projects.json"), &pj, &err), ER_OK);
    assert_int_equal(er_eco4_load_projects(example("eco4_projects.json"), &pa, &err), ER_OK);
    assert_int_equal(pc.n, 3);
    assert_int_equal(pj.n, pc.n);
    assert_int_equal(pa.n, pc.n);
    for (i = 0; i < pc.n; i++) {
        same_cells(pc.rows[i].row, pc.rows[i].col, pj.rows[i].row, pj.rows[i].col,
                   ER_ECO4P_COL_COUNT);
        same_cells(pc.rows[i].row, pc.rows[i].col, pa.rows[i].row, pa.rows[i].col,
                   ER_ECO4P_COL_COUNT);
    }
    assert_string_equal(pj.rows[2].col[ER_ECO4P_FINISHING_SAP], "70.5");
    er_eco4_projects_free(&pa);
    assert_int_equal(er_eco4_load_projects(example("eco4_projects.csv"), &pa, &err), ER_OK);
    assert_int_equal(pa.n, pc.n);

    assert_int_equal(er_eco4_load_measures_csv(example("eco4_measures.csv"), &mc, &err), ER_OK);
    assert_int_equal(er_eco4_load_measures_json(example("eco4_measures.json"), &mj, &err), ER_OK);
    assert_int_equal(er_eco4_load_measures(example("eco4_measures.json"), &ma, &err), ER_OK);
    assert_int_equal(mc.n, 5);
    assert_int_equal(mj.n, mc.n);
    assert_int_equal(ma.n, mc.n);
    for (i = 0; i < mc.n; i++) {
        same_cells(mc.rows[i].row, mc.rows[i].col, mj.rows[i].row, mj.rows[i].col,
                   ER_ECO4M_COL_COUNT);
        same_cells(mc.rows[i].row, mc.rows[i].col, ma.rows[i].row, ma.rows[i].col,
                   ER_ECO4M_COL_COUNT);
    }
    assert_string_equal(mj.rows[1].col[ER_ECO4M_PRE_HEATING], "Non Condensing Gas Boiler");
    er_eco4_projects_free(&pc);
    er_eco4_projects_free(&pj);
    er_eco4_projects_free(&pa);
    er_eco4_measures_free(&mc);
    er_eco4_measures_free(&mj);
    er_eco4_measures_free(&ma);
}

/* A column left out and a null are both empty cells; strings are kept as
 * given (JSON has no fields to trim). */
static void test_absent_and_null(void **state)
{
    const char *json = "[{\"Measure_Reference_Number\":\"ABC0000000011\","
                       "\"Installer_Name\":\" Warm Homes Ltd \",\"Supplier_Reference\":null},"
                       "{\"Measure_Reference_Number\":\"ABC0000000012\"}]";
    er_eco4_measures m;
    er_error err;
    int c;

    (void)state;
    assert_int_equal(er_eco4_parse_measures_json(json, strlen(json), &m, &err), ER_OK);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.rows[0].row, 1);
    assert_int_equal(m.rows[1].row, 2);
    assert_string_equal(m.rows[0].col[ER_ECO4M_MRN], "ABC0000000011");
    assert_string_equal(m.rows[0].col[ER_ECO4M_INSTALLER], " Warm Homes Ltd ");
    assert_string_equal(m.rows[0].col[ER_ECO4M_SUPPLIER_REFERENCE], "");
    for (c = 0; c < ER_ECO4M_COL_COUNT; c++)
        if (c != ER_ECO4M_MRN)
            assert_string_equal(m.rows[1].col[c], "");
    er_eco4_measures_free(&m);
}

/* A 255-byte cell, or (with `extra`) a 256-byte one, in member `key`. */
static char *long_cell(const char *key, int extra)
{
    static char buf[512];
    char cell[300];

    memset(cell, 'x', 255 + (size_t)extra);
    cell[255 + extra] = '\0';
    snprintf(buf, sizeof buf, "[{\"%s\":\"%s\"}]", key, cell);
    return buf;
}

struct refusal {
    const char *what;
    er_eco4_template tmpl;
    const char *json; /* NULL: a 256-byte Installer_Name */
    er_status rc;
    long row;
    const char *field;
    const char *message; /* a part of the message */
};

/* Each bad file and the row, member and message its error gives. */
static void test_refusals(void **state)
{
    static const struct refusal cases[] = {
        { "unknown column", ER_ECO4_MEASURES,
          "[{\"Measure_Reference_Number\":\"ABC0000000011\"},{\"measure_type\":\"LI\"}]", ER_EINVAL,
          2, "measure_type",
          "not a column of the ECO4 measure template (names are case-sensitive)" },
        { "a project column in a measure file", ER_ECO4_MEASURES, "[{\"Post_Code\":\"LS1 4AB\"}]",
          ER_EINVAL, 1, "Post_Code", "not a column of the ECO4 measure template" },
        { "a GBIS column in a project file", ER_ECO4_PROJECTS,
          "[{\"Town\":\"Leeds\"},{\"Town\":\"York\",\"Heating_Source\":\"Gas\"}]", ER_EINVAL, 2,
          "Heating_Source", "not a column of the ECO4 project template" },
        { "a number", ER_ECO4_PROJECTS, "[{\"Floor_Area\":85}]", ER_EINVAL, 1, "Floor_Area",
          "must be a string (or null)" },
        { "a boolean", ER_ECO4_PROJECTS, "[{\"Town\":\"Leeds\"},{\"Rural\":true}]", ER_EINVAL, 2,
          "Rural", "must be a string (or null)" },
        { "an array", ER_ECO4_MEASURES, "[{\"Installer_Name\":[\"A\"]}]", ER_EINVAL, 1,
          "Installer_Name", "must be a string (or null)" },
        { "too long a cell", ER_ECO4_MEASURES, NULL, ER_ELIMIT, 1, "Installer_Name",
          "longer than 255 characters" },
        { "malformed", ER_ECO4_MEASURES,
          "[\n  {\"Installer_Name\": \"A\"},\n  {\"Installer_Name\" \"B\"}\n]", ER_EPARSE, 3, "",
          "malformed JSON at line 3 column" },
        { "truncated", ER_ECO4_PROJECTS, "[{\"Town\":\"Leeds\"}", ER_EPARSE, 1, "",
          "malformed JSON at line 1 column" },
        { "duplicate member", ER_ECO4_PROJECTS, "[{\"Town\":\"a\",\"Town\":\"b\"}]", ER_EPARSE, 1,
          "", "duplicate" },
        { "an escaped NUL", ER_ECO4_PROJECTS, "[{\"Town\":\"a\\u0000b\"}]", ER_EPARSE, 1, "",
          "malformed JSON" },
        { "an object, not an array", ER_ECO4_PROJECTS, "{\"Town\":\"Leeds\"}", ER_EINVAL, 0, "",
          "a file must be a non-empty array of rows" },
        { "no rows", ER_ECO4_MEASURES, " [ ] ", ER_EINVAL, 0, "",
          "a file must be a non-empty array of rows" },
        { "nothing", ER_ECO4_MEASURES, "", ER_EPARSE, 1, "", "malformed JSON" },
        { "a row not an object", ER_ECO4_MEASURES, "[{},7]", ER_EINVAL, 2, "",
          "a row must be an object of template columns" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct refusal *k = &cases[i];
        const char *json = k->json ? k->json : long_cell("Installer_Name", 1);
        er_eco4_projects p;
        er_eco4_measures m;
        er_error err = { 0 };
        er_status rc;

        if (k->tmpl == ER_ECO4_PROJECTS)
            rc = er_eco4_parse_projects_json(json, strlen(json), &p, &err);
        else
            rc = er_eco4_parse_measures_json(json, strlen(json), &m, &err);
        if (rc != k->rc)
            fail_msg("%s: %s (%s)", k->what, er_strerror(rc), err.message);
        if (err.row != k->row || strcmp(err.field, k->field) != 0 ||
            !strstr(err.message, k->message))
            fail_msg("%s: row %ld, field '%s', message '%s'", k->what, err.row, err.field,
                     err.message);
        if (k->tmpl == ER_ECO4_PROJECTS) {
            assert_int_equal(p.n, 0);
            assert_null(p.rows);
        } else {
            assert_int_equal(m.n, 0);
            assert_null(m.rows);
        }
    }
}

/* 255 bytes is the longest cell kept (ER_ECO4_CELL_MAX counts the NUL). */
static void test_longest_cell(void **state)
{
    const char *json = long_cell("Installer_Name", 0);
    er_eco4_measures m;
    er_error err;

    (void)state;
    assert_int_equal(er_eco4_parse_measures_json(json, strlen(json), &m, &err), ER_OK);
    assert_int_equal(strlen(m.rows[0].col[ER_ECO4M_INSTALLER]), 255);
    er_eco4_measures_free(&m);
}

/* 10,000 rows pass; 10,001 do not (the error names row 10001); more than
 * 20 MB is refused on its length alone. */
static void test_limits(void **state)
{
    size_t cap = 10001 * 48 + 16, n = 0, i;
    char *buf = malloc(cap);
    er_eco4_projects p;
    er_eco4_measures m;
    er_error err;

    (void)state;
    assert_non_null(buf);
    buf[n++] = '[';
    for (i = 1; i <= 10001; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s{\"Measure_Reference_Number\":\"ABC%010zu\"}",
                              i > 1 ? "," : "", i);
    buf[n++] = ']';
    assert_int_equal(er_eco4_parse_measures_json(buf, n, &m, &err), ER_ELIMIT);
    assert_int_equal(err.row, 10001);
    assert_non_null(strstr(err.message, "more than 10000 rows"));
    n = (size_t)(strrchr(buf, ',') - buf); /* drop the last row */
    buf[n++] = ']';
    assert_int_equal(er_eco4_parse_measures_json(buf, n, &m, &err), ER_OK);
    assert_int_equal(m.n, 10000);
    assert_int_equal(m.rows[9999].row, 10000);
    assert_string_equal(m.rows[9999].col[ER_ECO4M_MRN], "ABC0000010000");
    er_eco4_measures_free(&m);
    /* the length is judged before a byte is read */
    assert_int_equal(er_eco4_parse_projects_json(buf, ER_ECO4_FILE_BYTES_MAX + 1, &p, &err),
                     ER_ELIMIT);
    assert_int_equal(err.row, 0);
    assert_int_equal(er_eco4_parse_measures_json(buf, ER_ECO4_FILE_BYTES_MAX + 1, &m, &err),
                     ER_ELIMIT);
    free(buf);
}

/* Every allocation failing in turn is ER_ENOMEM with nothing kept, until
 * none fails; ASan reports any leak.  (jansson's own allocations are
 * libc's.) */
static void test_out_of_memory(void **state)
{
    const char *json = "[{\"Measure_Reference_Number\":\"ABC0000000011\"},"
                       "{\"Measure_Reference_Number\":\"ABC0000000012\"}]";
    er_eco4_measures m;
    er_error err;
    int nomem = 0;
    long at;
    er_status rc;

    (void)state;
    for (at = 0;; at++) {
        test_fail_allocation(at);
        rc = er_eco4_parse_measures_json(json, strlen(json), &m, &err);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_int_equal(m.n, 2);
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
    assert_true(nomem >= 4); /* rownum, off, text, rows */
}

/* ---- which template a JSON file holds ---- */

struct which {
    const char *what, *json;
    er_status rc;
    er_eco4_template tmpl; /* when rc is ER_OK */
    long row;
    const char *field;
    const char *message; /* a part of the message, when rc is not ER_OK */
};

static void test_template_of(void **state)
{
    static const struct which cases[] = {
        { "a measure", "[{\"Measure_Reference_Number\":\"ABC0000000011\"}]", ER_OK,
          ER_ECO4_MEASURES, 0, "", "" },
        { "a project", "[{\"Project_Reference_Number\":\"ABC0000000001\",\"Post_Code\":\"x\"}]",
          ER_OK, ER_ECO4_PROJECTS, 0, "", "" },
        { "a measure's project and type",
          "[{\"Project_Reference_Number\":\"ABC0000000001\",\"Measure_Type\":\"x\"}]", ER_OK,
          ER_ECO4_MEASURES, 0, "", "" },
        { "a misspelt member beside a measure column",
          "[{\"Measure_type\":\"x\",\"Measure_Reference_Number\":\"y\"}]", ER_OK, ER_ECO4_MEASURES,
          0, "", "" },
        { "only the first row is read", " \n[ {\"Floor_Area\":\"85\"}, {\"Floor_Area\":", ER_OK,
          ER_ECO4_PROJECTS, 0, "", "" },
        { "columns both templates have",
          "[{\"Supplier_Reference\":\"x\",\"Project_Reference_Number\":\"ABC0000000001\"}]",
          ER_EINVAL, 0, 1, "",
          "cannot tell the template: no member is a column only the ECO4 project template has "
          "(such as Building_Number) or only the ECO4 measure template has (such as "
          "Measure_Reference_Number)" },
        { "an empty first row", "[{},{\"Measure_Type\":\"x\"}]", ER_EINVAL, 0, 1, "",
          "cannot tell the template" },
        { "GBIS columns", "[{\"Heating_Source\":\"x\"}]", ER_EINVAL, 0, 1, "",
          "cannot tell the template" },
        { "both templates' columns", "[{\"Post_Code\":\"x\",\"Measure_Type\":\"y\"}]", ER_EINVAL, 0,
          1, "Measure_Type",
          "has columns of the ECO4 project template (Post_Code) and of the ECO4 measure "
          "template (Measure_Type)" },
        { "no rows", "[]", ER_EINVAL, 0, 0, "", "a file must be a non-empty array of rows" },
        { "not an array", "{\"Post_Code\":\"x\"}", ER_EINVAL, 0, 0, "",
          "a file must be a non-empty array of rows" },
        { "a first row not an object", "[\"Post_Code\"]", ER_EINVAL, 0, 1, "",
          "a row must be an object of template columns" },
        { "a malformed first row", "[\n{\"Post_Code\" 1}]", ER_EPARSE, 0, 2, "",
          "malformed JSON at line 2 column" },
        { "a duplicate in the first row", "[{\"Post_Code\":\"a\",\"Post_Code\":\"b\"}]", ER_EPARSE,
          0, 1, "", "duplicate" },
        { "nothing", "", ER_EPARSE, 0, 1, "", "malformed JSON" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct which *k = &cases[i];
        er_eco4_template t = ER_ECO4_PROJECTS;
        er_error err = { 0 };
        er_status rc = er_eco4_json_template(k->json, strlen(k->json), &t, &err);

        if (rc != k->rc)
            fail_msg("%s: %s (%s)", k->what, er_strerror(rc), err.message);
        if (rc == ER_OK && t != k->tmpl)
            fail_msg("%s: template %d", k->what, (int)t);
        if (rc != ER_OK && (err.row != k->row || strcmp(err.field, k->field) != 0 ||
                            !strstr(err.message, k->message)))
            fail_msg("%s: row %ld, field '%s', message '%s'", k->what, err.row, err.field,
                     err.message);
    }
}

/* The example files are told apart too. */
static void test_template_of_examples(void **state)
{
    static const struct {
        const char *name;
        er_eco4_template tmpl;
    } files[] = {
        { "eco4_projects.json", ER_ECO4_PROJECTS },
        { "eco4_measures.json", ER_ECO4_MEASURES },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *buf = NULL;
        size_t len = 0;
        er_eco4_template t;
        er_error err;

        assert_int_equal(
            er_read_file(example(files[i].name), ER_ECO4_FILE_BYTES_MAX, &buf, &len, &err), ER_OK);
        assert_int_equal(er_eco4_json_template(buf, len, &t, &err), ER_OK);
        assert_int_equal(t, files[i].tmpl);
        er_free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_rows_as_csv), cmocka_unit_test(test_absent_and_null),
        cmocka_unit_test(test_refusals),         cmocka_unit_test(test_longest_cell),
        cmocka_unit_test(test_limits),           cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_template_of),      cmocka_unit_test(test_template_of_examples),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
