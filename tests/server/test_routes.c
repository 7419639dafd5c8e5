/*
 * test_routes.c: the route table's look-up (routes.c): which route a
 * method and path find, with its parameter; the longest literal wins
 * (issue 6 routes: /installers/{id}/steps over /installers/{id}); a
 * parameter may hold '/' (an installer ID may, certify.h); a path another
 * method serves is told apart from one no route serves (405 from 404).
 */
#include <string.h>

#include "../../src/server/http.h"
#include "support.h"

static void test_find_table(void **state)
{
    static const struct {
        const char *method, *path;
        const char *pattern; /* NULL: no route */
        const char *param;
        bool known; /* another method serves the path */
    } rows[] = {
        { "POST", "/api/v1/quote", "/api/v1/quote", "", true },
        { "GET", "/api/v1/quote", NULL, "", true },
        { "GET", "/api/v1/measures", "/api/v1/measures", "", true },
        { "GET", "/api/v1/measures/ABC0000000001", "/api/v1/measures/{mrn}", "ABC0000000001",
          true },
        { "POST", "/api/v1/measures/ABC0000000001/decision", "/api/v1/measures/{mrn}/decision",
          "ABC0000000001", true },
        { "GET", "/api/v1/installers/DEMO-INST-1", "/api/v1/installers/{id}", "DEMO-INST-1", true },
        { "POST", "/api/v1/installers/DEMO-INST-1/steps", "/api/v1/installers/{id}/steps",
          "DEMO-INST-1", true },
        /* a '/' in an ID: the parameter is what lies between the literals */
        { "POST", "/api/v1/installers/MCS/123/steps", "/api/v1/installers/{id}/steps", "MCS/123",
          true },
        { "GET", "/api/v1/installers/MCS/123", "/api/v1/installers/{id}", "MCS/123", true },
        { "POST", "/api/v1/installers", "/api/v1/installers", "", true },
        { "POST", "/api/v1/assessments/selection", "/api/v1/assessments/selection", "", true },
        { "GET", "/api/v1/assessments/selection", "/api/v1/assessments/{number}", "selection",
          true },
        { "DELETE", "/api/v1/complaints/CMP-1", NULL, "", true },
        { "GET", "/api/v1/nothing", NULL, "", false },
        { "GET", "/api/v1/measures/", NULL, "", false }, /* an empty parameter */
        { "GET", "/api/v1", NULL, "", false },
    };
    char param[REQ_PARAM_MAX];
    const struct route *r;
    bool known;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        r = route_find(rows[i].method, rows[i].path, param, &known);
        if (!rows[i].pattern) {
            if (r)
                fail_msg("%s %s found %s", rows[i].method, rows[i].path, r->pattern);
        } else if (!r || strcmp(r->pattern, rows[i].pattern) != 0) {
            fail_msg("%s %s found %s", rows[i].method, rows[i].path, r ? r->pattern : "none");
        } else {
            assert_string_equal(param, rows[i].param);
        }
        if (known != rows[i].known)
            fail_msg("%s %s: known %d", rows[i].method, rows[i].path, known);
    }
}

/* A parameter longer than REQ_PARAM_MAX - 1 finds no route. */
static void test_long_parameter(void **state)
{
    char path[REQ_PARAM_MAX + 64], param[REQ_PARAM_MAX];
    bool known;
    size_t n = strlen("/api/v1/measures/");

    (void)state;
    memcpy(path, "/api/v1/measures/", n);
    memset(path + n, 'A', REQ_PARAM_MAX);
    path[n + REQ_PARAM_MAX] = '\0';
    assert_null(route_find("GET", path, param, &known));
    path[n + REQ_PARAM_MAX - 1] = '\0';
    assert_non_null(route_find("GET", path, param, &known));
    assert_int_equal(strlen(param), REQ_PARAM_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_long_parameter),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
