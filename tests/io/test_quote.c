/*
 * test_quote.c: whole projects quoted with the shipped data (Ofgem's
 * matrices and data/schemes), through the JSON interface of `ecoreg
 * quote`.  Each expected figure is worked by hand in the comment above it
 * from the matrix row it cites.
 */
#include "support.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

static er_scheme eco4, eco4_consultation, gbis;

static int setup(void **state)
{
    er_error err = { 0 };

    (void)state;
    if (er_scheme_load(ECOREG_DATADIR, ER_SCHEME_ECO4, NULL, &eco4, &err) ||
        er_scheme_load(ECOREG_DATADIR, ER_SCHEME_ECO4, "seed002_consultation",
                       &eco4_consultation, &err) ||
        er_scheme_load(ECOREG_DATADIR, ER_SCHEME_GBIS, NULL, &gbis, &err)) {
        print_error("%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    er_scheme_clear(&eco4);
    er_scheme_clear(&eco4_consultation);
    er_scheme_clear(&gbis);
    return 0;
}

/* Quotes `project` and returns the parsed result line. */
static json_t *quote(const er_scheme *e, const char *project, bool want_errors)
{
    er_quote_env env = { .schemes = { e, &gbis }, .scheme = ER_SCHEME_ECO4 };
    bool had_errors;
    char *line;
    json_t *result;

    assert_int_equal(er_quote_json(&env, project, strlen(project), &line, &had_errors), ER_OK);
    result = json_loads(line, 0, NULL);
    assert_non_null(result);
    if (had_errors != want_errors)
        fail_msg("errors %d, want %d: %s", had_errors, want_errors, line);
    er_free(line);
    return result;
}

/* A money field in pennies (-1 for null), read back from the JSON line. */
static long long pennies(json_t *o, const char *path)
{
    json_t *v = o;
    char key[64];
    const char *p = path;

    while (*p) {
        size_t n = strcspn(p, ".");

        snprintf(key, sizeof key, "%.*s", (int)n, p);
        v = key[0] >= '0' && key[0] <= '9' ? json_array_get(v, (size_t)strtol(key, NULL, 10))
                                           : json_object_get(v, key);
        p += n + (p[n] == '.');
    }
    if (json_is_null(v))
        return -1;
    assert_true(json_is_number(v));
    return llround(json_number_value(v) * 100);
}

#define APPENDIX1                                                                        \
    "{\"project_id\":\"A1\",\"floor_area\":80,\"starting_sap\":25,\"finishing_sap\":55,"   \
    "\"measures\":[{\"mrn\":\"ABC0000000001\",\"measure_type\":\"IWI_solid_1.7_0.3\"},"    \
    "{\"mrn\":\"ABC0000000002\",\"measure_type\":\"B_Upgrade_nopreHCs\","                 \
    "\"pre_main_heating_source\":\"Gas Fire with Back Boiler\","                         \
    "\"post_main_heating_source\":\"Biomass Boiler\"}]}"

/* Seed 002 Appendix 1's home (SAP 25 Low_F, 80 m2 -> 73-97, finishing 55
 * Low_D) under the enacted rules and today's matrices:
 *   PPS v6 IWI_solid_1.7_0.3,N/A,N/A,73-97,Low_F = 343.4:
 *     343.4 x (1 + 0.1) x 1 x 0.8 = 302.192 -> 302.19
 *   PPS v6 B_Upgrade_nopreHCs,Gas Fire with Back Boiler,Biomass Boiler,
 *     73-97,Low_F = 593: 593 x 1.1 x 0.8 = 521.84
 *   total 824.032 -> 824.03
 *   FPS v2 73-97,Low_F,Low_D = 922.2: 922.2 x 1.1 = 1014.42, which counts.
 * Under seed 002's consultation set (D = 0.6, no F): 343.4 x 0.6 =
 * 206.04; 593 x 0.6 = 355.8; total 561.84; FPS 922.2. */
static void test_appendix1(void **state)
{
    json_t *r = quote(&eco4, APPENDIX1, false);

    (void)state;
    assert_string_equal(json_string_value(json_object_get(r, "starting_band")), "Low_F");
    assert_string_equal(json_string_value(json_object_get(r, "finishing_band")), "Low_D");
    assert_string_equal(json_string_value(json_object_get(r, "floor_area_segment")), "73-97");
    assert_true(json_is_true(json_object_get(r, "minimum_requirement_met")));
    assert_int_equal(pennies(r, "measures.0.cost_savings"), 34340);
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 30219);
    assert_int_equal(pennies(r, "measures.1.partial_project_score"), 52184);
    assert_int_equal(pennies(r, "partial_project_score_total"), 82403);
    assert_int_equal(pennies(r, "full_project_score"), 101442);
    assert_int_equal(pennies(r, "score"), 101442);
    json_decref(r);

    r = quote(&eco4_consultation, APPENDIX1, false);
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 20604);
    assert_int_equal(pennies(r, "measures.1.partial_project_score"), 35580);
    assert_int_equal(pennies(r, "partial_project_score_total"), 56184);
    assert_int_equal(pennies(r, "full_project_score"), 92220);
    json_decref(r);
}

/* 60 m2 (0-72, F 0.2), SAP 50 (High_E) finishing 60 (Low_D): an E start
 * must reach C, so no FPS and the PPS count.
 *   PPS v6 IWI_solid_1.7_0.3,...,0-72,High_E = 119.9: 119.9 x 1.2 x 0.8 =
 *     115.104 -> 115.10
 *   B_Broken_Repair 0-72 = 168 = 140 x 1.2 (art. 67), not deflated
 *   total 283.104 -> 283.10 */
static void test_pps_only_with_fixed_value(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"floor_area\":60,\"starting_sap\":50,\"finishing_sap\":60,\"measures\":["
                      "{\"measure_type\":\"IWI_solid_1.7_0.3\"},"
                      "{\"measure_type\":\"B_Broken_Repair\"}]}",
                      false);

    (void)state;
    assert_true(json_is_false(json_object_get(r, "minimum_requirement_met")));
    assert_int_equal(pennies(r, "full_project_score"), -1);
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 11510);
    assert_int_equal(pennies(r, "measures.1.partial_project_score"), 16800);
    assert_int_equal(pennies(r, "score"), 28310);
    json_decref(r);
}

/* 150 m2 (98-199, F 0), SAP 50 (High_E) to 97 (High_A, scored as High_B),
 * declaration route (C 1.1), off-gas rural Scotland (OGR 0.35): C+OGR 1.45.
 * The pre heat source "Anthracite Boiler" is scored as its proxy "Solid
 * Fossil Boiler" (data/schemes/eco4.json).
 *   PPS v6 B_Upgrade_nopreHCs,Solid Fossil Boiler,Condensing Gas Boiler,
 *     98-199,High_E = 293.2: 293.2 x 1 x 1.45 x 0.8 = 340.112 -> 340.11
 *   FPS v2 98-199,High_E,High_B = 1071.5: x 1.45 = 1553.675 -> 1553.68
 *     (half away from zero) */
static void test_fps_uplifts_proxy_and_a_band(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"floor_area\":150,\"starting_sap\":50,\"finishing_sap\":97,"
                      "\"nation\":\"Scotland\",\"rural\":true,\"off_gas\":true,"
                      "\"declaration_route\":true,\"measures\":["
                      "{\"measure_type\":\"B_Upgrade_nopreHCs\","
                      "\"pre_main_heating_source\":\"Anthracite Boiler\","
                      "\"post_main_heating_source\":\"Condensing Gas Boiler\"}]}",
                      false);

    (void)state;
    assert_string_equal(json_string_value(json_object_get(r, "finishing_band")), "High_A");
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 34011);
    assert_int_equal(pennies(r, "full_project_score"), 155368);
    json_decref(r);
}

/* POPT and innovation on IWI_solid_1.7_0.3, 73-97, Low_F (343.4, ATF 0.95):
 *   POPT 50: KM = 343.4 x 0.50 / 0.95 = 180.7368 -> 180.74;
 *     PPS = 180.7368 x 1.1 x 0.8 = 159.0484 -> 159.05
 *   innovation standard: base 343.4 x 1.1 = 377.74, IM 25% = 94.435,
 *     PPS (377.74 + 94.435) x 0.8 = 377.74 */
static void test_popt_and_innovation(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"floor_area\":80,\"starting_sap\":25,\"measures\":["
                      "{\"measure_type\":\"IWI_solid_1.7_0.3\",\"popt\":50},"
                      "{\"measure_type\":\"IWI_solid_1.7_0.3\",\"innovation\":\"standard\"}]}",
                      false);

    (void)state;
    assert_true(json_is_null(json_object_get(r, "minimum_requirement_met")));
    assert_int_equal(pennies(r, "measures.0.cost_savings"), 18074);
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 15905);
    assert_int_equal(pennies(r, "measures.1.partial_project_score"), 37774);
    json_decref(r);
}

/* ECO4 flex route 4: a measure-level 10% (seed 004 Annex A Table ii),
 * carried like the innovation uplift: IM = 10% of 343.4 x 1.1 = 37.774;
 * PPS (377.74 + 37.774) x 0.8 = 332.4112 -> 332.41. */
static void test_eco4_flex_route4(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"floor_area\":80,\"starting_sap\":25,\"flex_route4\":true,"
                      "\"measures\":[{\"measure_type\":\"IWI_solid_1.7_0.3\"}]}",
                      false);

    (void)state;
    assert_int_equal(pennies(r, "measures.0.partial_project_score"), 33241);
    json_decref(r);
}

/* GBIS v3 CWI_0.040,N/A,0-72,Low_E = 77.1, ATF 0.95; POPT 50; rural
 * Scotland +35%: KM 77.1 x 0.5 / 0.95 = 40.5789 -> 40.58; x 1.35 =
 * 54.7816 -> 54.78.  No deflator, no F, no FPS. */
static void test_gbis_measure(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"scheme\":\"GBIS\",\"floor_area\":60,\"starting_sap\":40,"
                      "\"nation\":\"Scotland\",\"rural\":true,"
                      "\"measures\":[{\"measure_type\":\"CWI_0.040\",\"popt\":50}]}",
                      false);

    (void)state;
    assert_string_equal(json_string_value(json_object_get(r, "scheme")), "GBIS");
    assert_int_equal(pennies(r, "measures.0.cost_savings"), 4058);
    assert_int_equal(pennies(r, "score"), 5478);
    assert_int_equal(pennies(r, "full_project_score"), -1);
    json_decref(r);
}

/* Bad input: each problem named by its field; nothing scored. */
static const struct {
    const char *project;
    const char *field;
} bad[] = {
    { "{\"floor_area\":0,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "floor_area" },
    { "{\"floor_area\":80,\"starting_sap\":0.5,\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "starting_sap" },
    { "{\"floor_area\":80,\"starting_sap\":25.25,\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "starting_sap" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"Nope\"}]}",
      "measures[0].measure_type" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"B_First_Time_CH\","
      "\"pre_main_heating_source\":\"Peat\",\"post_main_heating_source\":\"GSHP\"}]}",
      "measures[0].pre_main_heating_source" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"B_First_Time_CH\","
      "\"pre_main_heating_source\":\"Electric Boiler\",\"post_main_heating_source\":\"Moon\"}]}",
      "measures[0].post_main_heating_source" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"CWI_0.040\","
      "\"popt\":\"half\"}]}",
      "measures[0].popt" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"completion_date\":\"2023-01-01\","
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "completion_date" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[]}", "measures" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"nation\":\"France\","
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "nation" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[7]}", "measures[0]" },
    { "{\"floor_area\":80,\"starting_sap\":25,\"measures\":[{\"measure_type\":\"CWI_0.040\","
      "\"methodology\":1}]}",
      "measures[0].methodology" },
    { "{\"floor_area\":80,", "" },
    /* what jansson refused and cJSON does not, quote_json.c refuses itself */
    { "{\"project_id\":\"\xff\",\"floor_area\":80,\"starting_sap\":25,"
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "" },
    { "{\"project_id\":\"a\\u0000b\",\"floor_area\":80,\"starting_sap\":25,"
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "" },
    { "{\"floor_area\":80,\"floor_area\":90,\"starting_sap\":25,"
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
      "" },
    { "{\"floor_area\":80,\"starting_sap\":25,"
      "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]} x",
      "" },
    { "{\"floor_area\":80,\"starting_sap\":25,"
      "\"measures\":[{\"measure_type\":\"CWI_0.040\",\"popt\":5,\"popt\":6}]}",
      "measures[0]" },
    { "[1,2]", "" },
};

static void test_errors_name_the_field(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *r = quote(&eco4, bad[i].project, true);
        json_t *errors = json_object_get(r, "errors");
        json_t *e;
        size_t k;
        bool found = false;

        json_array_foreach(errors, k, e)
            found |= strcmp(json_string_value(json_object_get(e, "field")), bad[i].field) == 0;
        if (!found)
            fail_msg("case %zu: no error on '%s'", i, bad[i].field);
        assert_true(json_is_null(json_object_get(r, "score")));
        json_decref(r);
    }
}

/* project_id is echoed as given: UTF-8 text kept, other types copied. */
static void test_project_id_echo(void **state)
{
    json_t *r = quote(&eco4,
                      "{\"project_id\":\"U\xc3\xa9\xf0\x9f\x98\x80\",\"floor_area\":80,"
                      "\"starting_sap\":25,\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
                      false);

    (void)state;
    assert_string_equal(json_string_value(json_object_get(r, "project_id")),
                        "U\xc3\xa9\xf0\x9f\x98\x80");
    json_decref(r);
    r = quote(&eco4,
              "{\"project_id\":42,\"floor_area\":80,\"starting_sap\":25,"
              "\"measures\":[{\"measure_type\":\"CWI_0.040\"}]}",
              false);
    assert_int_equal(json_integer_value(json_object_get(r, "project_id")), 42);
    json_decref(r);
}

/* The parameter file holds the values RULES.md gives (support.c restates
 * them by hand). */
static void test_scheme_file_matches_rules(void **state)
{
    er_scheme want;
    int i;

    (void)state;
    test_eco4_enacted(&want);
    for (i = 0; i < ER_SEGMENT_COUNT; i++)
        assert_int_equal(er_q_cmp(eco4.floor_area_factor[i], want.floor_area_factor[i]), 0);
    assert_int_equal(er_q_cmp(eco4.declaration_c, want.declaration_c), 0);
    assert_int_equal(er_q_cmp(eco4.rural_uplift, want.rural_uplift), 0);
    assert_int_equal(er_q_cmp(eco4.pps_deflator, want.pps_deflator), 0);
    assert_int_equal(er_q_cmp(eco4.innovation_standard, want.innovation_standard), 0);
    assert_int_equal(er_q_cmp(eco4.innovation_substantial, want.innovation_substantial), 0);
    assert_int_equal(eco4.fps_finish_cap, want.fps_finish_cap);
    assert_memory_equal(eco4.min_finish_tenths, want.min_finish_tenths,
                        sizeof want.min_finish_tenths);
    test_gbis(&want);
    assert_int_equal(er_q_cmp(gbis.flex_route4_uplift, want.flex_route4_uplift), 0);
    assert_int_equal(er_q_cmp(gbis.innovation_substantial, want.innovation_substantial), 0);
    assert_false(gbis.rural_uplift_needs_off_gas);
    assert_false(gbis.has_fps);
    /* ECO4 Order art. 44: the end of June 2026; 3 months; 5% */
    {
        er_date end;

        assert_int_equal(er_date_make(2026, 6, 30, &end), ER_OK);
        assert_int_equal(gbis.final_notification, end);
        assert_int_equal(eco4.final_notification, end);
        assert_int_equal(gbis.late_extension_months, 3);
        assert_int_equal(gbis.late_extension_percent, 5);
        assert_int_equal(eco4.late_extension_percent, 5);
        /* seed 001 "pre-installation EPC": 2 years 3 months */
        assert_int_equal(eco4.epc_max_age_months, 2 * 12 + 3);
        assert_int_equal(gbis.epc_max_age_months, 0);
    }
    /* Obligation accounting, issue 4 (shares in parts per million) */
    {
        const struct er_scheme_obligation *e = &eco4.obligation, *g = &gbis.obligation;
        er_date d;

        assert_int_equal(e->partial_projects_ppm, 125000); /* art. 10(3): 12.5% */
        assert_int_equal(e->flexible_routes_ppm, 500000);  /* art. 10(3): 50% */
        assert_int_equal(e->building_fabric_repair_ppm, 5000); /* art. 46: 0.5% */
        assert_int_equal(g->building_fabric_repair_ppm, 0);
        assert_int_equal(e->innovation_ppm, 50000);        /* art. 60: 5% */
        assert_true(e->innovation_per_description);
        assert_int_equal(e->data_light_per_description, 5000); /* Table iv */
        assert_int_equal(e->low_income_minimum_ppm, 0);
        assert_int_equal(e->target_year_start[0], ER_DATE_NONE);
        assert_int_equal(er_date_make(2025, 9, 30, &d), ER_OK); /* 6 months before 31/3/26 */
        assert_int_equal(e->trading_closes, d);
        /* seed 004 ch. 1: 20% low-income minimum, 10% carry-under; ch. 2:
         * flex meets at most 80% of the minimum; art. 31: innovation 10% of
         * the minimum, so 2% of the obligation */
        assert_int_equal(g->low_income_minimum_ppm, 200000);
        assert_int_equal(g->flex_of_low_income_ppm, 800000);
        assert_int_equal(g->carry_under_ppm, 100000);
        assert_int_equal(g->innovation_ppm, 20000);
        assert_false(g->innovation_per_description);
        assert_int_equal(g->partial_projects_ppm, 0);
        assert_int_equal(g->trading_window_months, 6); /* ch. 5 */
        assert_int_equal(er_date_make(2024, 4, 1, &d), ER_OK);
        assert_int_equal(g->target_year_start[1], d);
        assert_int_equal(er_date_make(2026, 3, 31, &d), ER_OK);
        assert_int_equal(g->transfer_before, d);
    }
}

/* A parameter without its source is refused, naming it. */
static void test_parameter_needs_source(void **state)
{
    er_scheme s;
    er_error err = { 0 };

    (void)state;
    assert_int_equal(er_scheme_load(TEST_DATADIR "/no_source", ER_SCHEME_ECO4, NULL, &s, &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "pps_deflator");
    assert_int_equal(er_scheme_load(ECOREG_DATADIR, ER_SCHEME_ECO4, "no_such_set", &s, &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "parameter_set");
    /* an alternative set is checked even when another one is chosen */
    assert_int_equal(er_scheme_load(TEST_DATADIR "/no_source", ER_SCHEME_GBIS, NULL, &s, &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "annual_targets");
    /* the consultation set of seed 004 loads */
    assert_int_equal(er_scheme_load(ECOREG_DATADIR, ER_SCHEME_GBIS, "seed004_consultation", &s,
                                    &err), ER_OK);
    er_scheme_clear(&s);
}

/* data/schemes/chmm.json gives the credit rules of RULES.md and
 * spec/chmm_installations.md: no credit above 45 kW, a hybrid's 0.5, the
 * duplicate window, scheme years from 1 April. */
static void test_chmm_rules(void **state)
{
    er_chmm_rules r;
    er_error err = { 0 };

    (void)state;
    if (er_chmm_rules_load(ECOREG_DATADIR, &r, &err) != ER_OK)
        fail_msg("%s", err.message);
    assert_int_equal(r.capacity_max_w, 45000);
    assert_int_equal(r.hybrid_milli, 500);
    assert_int_equal(r.duplicate_window_days, 365);
    assert_int_equal(r.year_start_month, 4);
    assert_int_equal(r.year_start_day, 1);
    /* every parameter cites its source */
    assert_int_equal(er_chmm_rules_load(TEST_DATADIR "/no_source", &r, &err), ER_EINVAL);
    assert_string_equal(err.field, "hybrid_credit");
    /* the conformity assessment rules: the scheme's own weights for the
     * factors seed 000 "Frequency of conformity assessment" names */
    {
        er_assessment_rules a;

        if (er_assessment_rules_load(ECOREG_DATADIR, &a, &err) != ER_OK)
            fail_msg("%s", err.message);
        assert_int_equal(a.weights.base, 1);
        assert_int_equal(a.weights.per_complaint, 2);
        assert_int_equal(a.weights.per_year_unassessed, 1);
        assert_int_equal(a.weights.never_assessed, 3);
        assert_int_equal(a.weights.last_nonconforming, 4);
        assert_int_equal(a.weights.per_nonconformity, 2);
        assert_int_equal(a.sample_permille, 25);
        assert_int_equal(er_assessment_rules_load(TEST_DATADIR "/no_source", &a, &err), ER_EINVAL);
        assert_string_equal(err.field, "hybrid_credit");
    }
}

/* Out of memory at any allocation: ER_ENOMEM and no output, never a
 * crash, a leak (LSan) or a result claiming the JSON was malformed. */
static void test_alloc_sweep(void **state)
{
    er_quote_env env = { .schemes = { &eco4, &gbis }, .scheme = ER_SCHEME_ECO4 };
    int nomem = 0;

    (void)state;
    for (long at = 0;; at++) {
        char *line = (char *)&line;
        bool had_errors;
        er_status rc;

        test_fail_allocation(at);
        rc = er_quote_json(&env, APPENDIX1, strlen(APPENDIX1), &line, &had_errors);
        test_fail_allocation(-1);
        if (!test_allocation_failed()) {
            assert_int_equal(rc, ER_OK);
            assert_false(had_errors);
            er_free(line);
            break;
        }
        assert_int_equal(rc, ER_ENOMEM);
        assert_null(line);
        nomem++;
    }
    assert_true(nomem >= 10); /* the parse tree and the output buffer */
}

/* Loading a scheme with any allocation failing: ER_ENOMEM, nothing leaks.
 * libcsv survives a failed buffer growth by asking for less; then the
 * scheme must be whole. */
static void test_scheme_load_alloc_sweep(void **state)
{
    int nomem = 0;

    (void)state;
    for (long at = 0;; at++) {
        er_scheme s;
        er_error err;
        er_status rc;

        test_fail_allocation(at);
        rc = er_scheme_load(ECOREG_DATADIR, ER_SCHEME_GBIS, NULL, &s, &err);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_int_equal(s.n_matrices, 1);
            assert_int_equal(er_matrix_count(s.matrices[0]), 4936); /* gbis_scores_v3.csv */
            er_scheme_clear(&s);
            if (!test_allocation_failed())
                break;
            continue;
        }
        assert_int_equal(rc, ER_ENOMEM);
        nomem++;
    }
    assert_true(nomem >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix1),
        cmocka_unit_test(test_pps_only_with_fixed_value),
        cmocka_unit_test(test_fps_uplifts_proxy_and_a_band),
        cmocka_unit_test(test_popt_and_innovation),
        cmocka_unit_test(test_eco4_flex_route4),
        cmocka_unit_test(test_gbis_measure),
        cmocka_unit_test(test_errors_name_the_field),
        cmocka_unit_test(test_project_id_echo),
        cmocka_unit_test(test_scheme_file_matches_rules),
        cmocka_unit_test(test_parameter_needs_source),
        cmocka_unit_test(test_chmm_rules),
        cmocka_unit_test(test_alloc_sweep),
        cmocka_unit_test(test_scheme_load_alloc_sweep),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
