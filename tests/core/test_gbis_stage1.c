/*
 * test_gbis_stage1.c: the GBIS stage 1 rules (src/core/gbis_stage1.c) on
 * one valid row and a table of one- or two-cell changes to it.  Each
 * case's expected codes follow Ofgem's rule definitions
 * (GreatBritishInsulationScheme-API-MeasureValidation, Stage1Rules/GbisNNNN.cs and
 * Stage2RuleLogics/Gbis05xx, Tgbis01xx): the codes every stage 1 rule of
 * ecoreg's table would report for that row, in table order.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/gbis.h"
#include "ecoreg/io.h"

static er_scheme s;

/* A general-group, owner-occupied cavity wall measure in Leeds, completed
 * 14/05/2024, as Ofgem would accept it (SAP 55.0 is band D; council tax C
 * in England; TrustMark references in GbisRegexes.cs's formats). */
static const char *const baseline[ER_GBIS_COL_COUNT] = {
    [ER_GBIS_SUPPLIER_REFERENCE] = "ABC01234567E",
    [ER_GBIS_MRN] = "ABC0000000001",
    [ER_GBIS_MEASURE_TYPE] = "CWI_0.040",
    [ER_GBIS_PURPOSE] = "New Notification",
    [ER_GBIS_COMPLETION_DATE] = "14/05/2024",
    [ER_GBIS_BUILDING_NUMBER] = "12",
    [ER_GBIS_BUILDING_NAME] = "N/A",
    [ER_GBIS_FLAT] = "N/A",
    [ER_GBIS_STREET] = "High Street",
    [ER_GBIS_TOWN] = "Leeds",
    [ER_GBIS_POST_CODE] = "LS1 4AB",
    [ER_GBIS_UPRN] = "72617734",
    [ER_GBIS_STARTING_SAP] = "55.0",
    [ER_GBIS_FLOOR_AREA] = "85",
    [ER_GBIS_RURAL] = "No",
    [ER_GBIS_OFF_GAS] = "No",
    [ER_GBIS_PRIVATE_DOMESTIC] = "Yes",
    [ER_GBIS_TENURE] = "Owner Occupied",
    [ER_GBIS_PROPERTY] = "House",
    [ER_GBIS_ELIGIBILITY_TYPE] = "General Group",
    [ER_GBIS_VERIFICATION_METHOD] = "N/A",
    [ER_GBIS_DWP_REFERENCE] = "N/A",
    [ER_GBIS_COUNCIL_TAX_BAND] = "C",
    [ER_GBIS_PRS_EXCEPTION] = "N/A",
    [ER_GBIS_INSULATION_MRN] = "N/A",
    [ER_GBIS_INFILL_1] = "N/A",
    [ER_GBIS_INFILL_2] = "N/A",
    [ER_GBIS_INFILL_3] = "N/A",
    [ER_GBIS_FLEX_ROUTE] = "N/A",
    [ER_GBIS_LA_DECLARATION] = "N/A",
    [ER_GBIS_ELIGIBILITY_DATE] = "N/A",
    [ER_GBIS_POPT] = "67+",
    [ER_GBIS_HEATING_SOURCE] = "N/A",
    [ER_GBIS_INSTALLER] = "Warm Homes Ltd",
    [ER_GBIS_INNOVATION_NUMBER] = "N/A",
    [ER_GBIS_TM_LICENCE] = "123456789012",
    [ER_GBIS_TM_MEASURE_REF] = "UMR0000001",
    [ER_GBIS_TM_CERTIFICATE] = "A12345-1",
    [ER_GBIS_TM_PROJECT_REF] = "P123456",
    [ER_GBIS_TM_COMPLETED_CERT] = "C12345-Z",
};

/* The register: suppliers ABC and XYZ, their licences, and one stored
 * measure, the baseline's MRN notified earlier with Supplier_Reference
 * ABC01234567E. */
static bool known(void *ctx, const char *code)
{
    (void)ctx;
    return strcmp(code, "ABC") == 0 || strcmp(code, "XYZ") == 0;
}

/* ABC holds two licences, XYZ one; the register spells them so. */
static const char *holder(void *ctx, const char *reference, bool *exact)
{
    static const struct {
        const char *reference, *supplier;
    } licences[] = {
        { "ABC01234567E", "ABC" },
        { "ABC02222222E", "ABC" },
        { "XYZ07654321A", "XYZ" },
    };
    size_t i;

    (void)ctx;
    *exact = false;
    for (i = 0; i < sizeof licences / sizeof licences[0]; i++) {
        if (strcasecmp(reference, licences[i].reference) == 0) {
            *exact = strcmp(reference, licences[i].reference) == 0;
            return licences[i].supplier;
        }
    }
    return NULL;
}

static const er_gbis_row *stored(void *ctx, const char *mrn)
{
    static er_gbis_row row = { .row = 0 };

    (void)ctx;
    row.col[ER_GBIS_MRN] = "ABC0000000001";
    row.col[ER_GBIS_SUPPLIER_REFERENCE] = "ABC01234567E";
    return strcmp(mrn, "ABC0000000001") == 0 ? &row : NULL;
}

/* The stored measures' states: the baseline's is still open (recorded),
 * ABC0000000009 has been approved. */
static const char *state_of(void *ctx, const char *mrn)
{
    (void)ctx;
    if (strcmp(mrn, "ABC0000000001") == 0)
        return "recorded";
    return strcmp(mrn, "ABC0000000009") == 0 ? "approved" : NULL;
}

static er_gbis_context context(void)
{
    er_gbis_context c = { .notifying_supplier = "ABC",
                          .scheme = &s,
                          .reg = { .supplier_known = known,
                                   .licence_holder = holder,
                                   .measure = stored,
                                   .measure_state = state_of } };

    assert_int_equal(er_date_make(2024, 6, 15, &c.today), ER_OK);
    return c;
}

/* True for the codes of gbis_stage1.c's tables: GBIS01xx (stage 1) and
 * the format rules GBIS05xx and TGBIS01xx (stage 2 at Ofgem). */
static bool ours(const char *code)
{
    return strncmp(code, "GBIS01", 6) == 0 ||
           (strncmp(code, "GBIS05", 6) == 0 && strcmp(code, "GBIS0500") != 0) ||
           strncmp(code, "TGBIS", 5) == 0;
}

/* Runs the check on one row and writes the codes of its failures from this
 * file's rules, space-separated, into got.  The format rules run in stage
 * 2, so only when no GBIS01xx rule failed. */
static void stage1_codes(const er_gbis_context *c, const er_gbis_row *r, er_gbis_outcome *o,
                         char *got, size_t cap)
{
    size_t i, at = 0;

    assert_int_equal(er_gbis_check(c, r, 1, o), ER_OK);
    got[0] = '\0';
    assert_true(o->n_failures <= ER_GBIS_FAILURES_MAX);
    for (i = 0; i < o->n_failures; i++)
        if (ours(o->failures[i].rule))
            at += (size_t)snprintf(got + at, cap - at, "%s%s", at ? " " : "",
                                   o->failures[i].rule);
}

static int setup(void **state)
{
    er_error err;

    (void)state;
    if (er_scheme_load(ECOREG_DATADIR, ER_SCHEME_GBIS, NULL, &s, &err)) {
        fprintf(stderr, "gbis scheme: %s: %s\n", err.field, err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    er_scheme_clear(&s);
    return 0;
}

static er_gbis_row row_of(const char *const cols[ER_GBIS_COL_COUNT])
{
    er_gbis_row r = { .row = 1 };

    memcpy(r.col, cols, sizeof r.col);
    return r;
}

/* The baseline passes stage 1 and goes on to stage 2. */
static void test_baseline(void **state)
{
    er_gbis_context c = context();
    er_gbis_row r = row_of(baseline);
    er_gbis_outcome o;
    char got[256];

    (void)state;
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "");
    assert_true(o.stage2_run);
}

#define C10 "abcdefghij"
#define C50 C10 C10 C10 C10 C10
#define E1 "\xc3\xa9" /* e acute */
#define E10 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
#define E50 E10 E10 E10 E10 E10 /* 50 characters, 100 bytes of UTF-8 */

/* notifying: NULL keeps "ABC"; NOBODY passes NULL (no notifying supplier). */
static const char NOBODY[] = "(nobody)";

struct stage1_case {
    const char *code; /* the rule the case is about */
    struct {
        er_gbis_col col;
        const char *value; /* NULL: unused */
    } set[2];
    const char *expect; /* stage 1 codes failing, in table order; "" none */
    const char *notifying;
};

#define SET1(c, v)                                                                                 \
    {                                                                                              \
        { c, v },                                                                                  \
        {                                                                                          \
            0, NULL                                                                                \
        }                                                                                          \
    }
#define SET2(c, v, d, w)                                                                           \
    {                                                                                              \
        { c, v },                                                                                  \
        {                                                                                          \
            d, w                                                                                   \
        }                                                                                          \
    }

static const struct stage1_case cases[] = {
    /* 0100 (Gbis0100.cs): in the purposes list, ignoring case */
    { "GBIS0100", SET1(ER_GBIS_PURPOSE, "xyz notification"), "GBIS0100", NULL },
    { "GBIS0100", SET1(ER_GBIS_PURPOSE, ""), "GBIS0100", NULL },
    { "GBIS0100", SET1(ER_GBIS_PURPOSE, "New Notification."), "GBIS0100", NULL },
    { "GBIS0100", SET1(ER_GBIS_PURPOSE, "automatic late extension"), "", NULL },
    { "GBIS0100", SET1(ER_GBIS_PURPOSE, "Edited Notification"), "", NULL },
    /* 0101 (Gbis0101.cs): exact dd/MM/yyyy; an unread date is
     * DateTime.MinValue, before the scheme start, so 0103 fails too */
    { "GBIS0101", SET1(ER_GBIS_COMPLETION_DATE, "1/5/2024"), "GBIS0101 GBIS0103", NULL },
    { "GBIS0101", SET1(ER_GBIS_COMPLETION_DATE, "30/02/2024"), "GBIS0101 GBIS0103", NULL },
    { "GBIS0101", SET1(ER_GBIS_COMPLETION_DATE, "2024-05-14"), "GBIS0101 GBIS0103", NULL },
    { "GBIS0101", SET1(ER_GBIS_COMPLETION_DATE, ""), "GBIS0101 GBIS0103", NULL },
    { "GBIS0101", SET1(ER_GBIS_COMPLETION_DATE, "29/02/2024"), "", NULL },
    /* 0102 (Gbis0102.cs): not after today, 15/06/2024 */
    { "GBIS0102", SET1(ER_GBIS_COMPLETION_DATE, "16/06/2024"), "GBIS0102", NULL },
    { "GBIS0102", SET1(ER_GBIS_COMPLETION_DATE, "15/06/2024"), "", NULL },
    { "GBIS0102", SET1(ER_GBIS_COMPLETION_DATE, "31/03/2026"), "GBIS0102", NULL },
    /* 0103 (Gbis0103.cs): 30/03/2023 to 31/03/2026 inclusive */
    { "GBIS0103", SET1(ER_GBIS_COMPLETION_DATE, "29/03/2023"), "GBIS0103", NULL },
    { "GBIS0103", SET1(ER_GBIS_COMPLETION_DATE, "30/03/2023"), "", NULL },
    { "GBIS0103", SET1(ER_GBIS_COMPLETION_DATE, "01/04/2026"), "GBIS0102 GBIS0103", NULL },
    /* 0104 (GbisRegexes.cs): ^[a-zA-Z]{3}\d{10}\z; 0105 and 0119 look at
     * the first 3 characters whatever follows */
    /* GBIS0106: notified again after it was decided (Gbis0106.cs) */
    { "GBIS0106", SET1(ER_GBIS_MRN, "ABC0000000009"), "GBIS0106", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, "ABC123"), "GBIS0104", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, "ABC00000000012"), "GBIS0104", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, "ABC000000001"), "GBIS0104", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, "AB10000000001"), "GBIS0104 GBIS0105 GBIS0119", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, ""), "GBIS0104 GBIS0105 GBIS0119", NULL },
    { "GBIS0104", SET1(ER_GBIS_MRN, "abc0000000002"), "", NULL },
    /* 0105 (Gbis0105.cs): upper-cased prefix among the suppliers */
    { "GBIS0105", SET1(ER_GBIS_MRN, "QQQ0000000001"), "GBIS0105 GBIS0119", NULL },
    { "GBIS0105", SET2(ER_GBIS_MRN, "xyz0000000001", ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A"),
      "", "XYZ" },
    /* 0119 (Gbis0119.cs): prefix equals the notifying supplier, any case;
     * ABC's licence notified by XYZ, or by nobody, fails 0117 too */
    { "GBIS0119", SET1(ER_GBIS_MRN, "XYZ0000000001"), "GBIS0119", NULL },
    { "GBIS0119", SET1(ER_GBIS_MRN, "ABC0000000001"), "GBIS0117 GBIS0119", "XYZ" },
    { "GBIS0119", SET1(ER_GBIS_MRN, "ABC0000000001"), "GBIS0117 GBIS0119", "" },
    { "GBIS0119", SET1(ER_GBIS_MRN, "ABC0000000001"), "", "abc" },
    { "GBIS0119", SET2(ER_GBIS_MRN, "XYZ0000000001", ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A"),
      "", NOBODY },
    /* 0107 (Gbis0107.cs): a GBIS measure type */
    { "GBIS0107", SET1(ER_GBIS_MEASURE_TYPE, "CWI_9.999"), "GBIS0107", NULL },
    { "GBIS0107", SET1(ER_GBIS_MEASURE_TYPE, ""), "GBIS0107", NULL },
    { "GBIS0107", SET1(ER_GBIS_MEASURE_TYPE, "LI_lessequal100"), "", NULL },
    { "GBIS0107", SET1(ER_GBIS_MEASURE_TYPE, "TRV"), "", NULL },
    /* 0108, 0109 (Gbis0108.cs, Gbis0109.cs): at most 50 / 100 characters */
    { "GBIS0108", SET1(ER_GBIS_BUILDING_NUMBER, C50 "x"), "GBIS0108", NULL },
    { "GBIS0108", SET1(ER_GBIS_BUILDING_NUMBER, C50), "", NULL },
    { "GBIS0108", SET1(ER_GBIS_BUILDING_NUMBER, E50), "", NULL },
    { "GBIS0109", SET1(ER_GBIS_BUILDING_NAME, C50 C50 "x"), "GBIS0109", NULL },
    { "GBIS0109", SET1(ER_GBIS_BUILDING_NAME, C50 C50), "", NULL },
    /* 0110 (Gbis0110.cs, Gbis0110Tests.cs): one of six, ignoring case */
    { "GBIS0110", SET1(ER_GBIS_ELIGIBILITY_TYPE, "5. In-fill"), "GBIS0110", NULL },
    { "GBIS0110", SET1(ER_GBIS_ELIGIBILITY_TYPE, ""), "GBIS0110", NULL },
    { "GBIS0110", SET1(ER_GBIS_ELIGIBILITY_TYPE, "li - help to heat group"), "", NULL },
    /* 0111, 0112 (Gbis0111.cs, Gbis0112.cs): town given, at most 50 */
    { "GBIS0111", SET1(ER_GBIS_TOWN, ""), "GBIS0111", NULL },
    { "GBIS0111", SET1(ER_GBIS_TOWN, "n/a"), "GBIS0111", NULL },
    { "GBIS0111", SET1(ER_GBIS_TOWN, "   "), "GBIS0111", NULL },
    { "GBIS0112", SET1(ER_GBIS_TOWN, C50 "x"), "GBIS0112", NULL },
    { "GBIS0112", SET1(ER_GBIS_TOWN, C50), "", NULL },
    /* 0113, 0114 (Gbis0113.cs, Gbis0114.cs): given, and
     * ^[A-Z]{1,2}[0-9]{1,2}[A-Z]?(\s *[0-9][A-Z]{1,2})?$ */
    { "GBIS0113", SET1(ER_GBIS_POST_CODE, ""), "GBIS0113 GBIS0114", NULL },
    { "GBIS0113", SET1(ER_GBIS_POST_CODE, "N/A"), "GBIS0113 GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "ls1 4ab"), "GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LS14AB"), "GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LS1 4ABC"), "GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LS123 4AB"), "GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LSX1 4AB"), "GBIS0114", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "SW1A 1AA"), "", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "M1  1AE"), "", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LS1"), "", NULL },
    { "GBIS0114", SET1(ER_GBIS_POST_CODE, "LS1 4A"), "", NULL },
    /* 0115 (Gbis0115.cs): number or name given */
    { "GBIS0115", SET1(ER_GBIS_BUILDING_NUMBER, "N/A"), "GBIS0115", NULL },
    { "GBIS0115", SET1(ER_GBIS_BUILDING_NUMBER, ""), "GBIS0115", NULL },
    { "GBIS0115", SET2(ER_GBIS_BUILDING_NUMBER, "", ER_GBIS_BUILDING_NAME, "Rose Cottage"), "",
      NULL },
    /* 0116 (Gbis0116.cs): one of the register's licences, ignoring case;
     * 0117 (Gbis0117.cs): the licence spelt exactly so is the notifying
     * supplier's (none is not) */
    { "GBIS0116", SET2(ER_GBIS_SUPPLIER_REFERENCE, "ABC09999999E", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0116 GBIS0117", NULL },
    { "GBIS0116", SET2(ER_GBIS_SUPPLIER_REFERENCE, "", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0116 GBIS0117", NULL },
    { "GBIS0116", SET2(ER_GBIS_SUPPLIER_REFERENCE, "ABC01234567", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0116 GBIS0117", NULL },
    { "GBIS0116", SET2(ER_GBIS_SUPPLIER_REFERENCE, "ABC02222222E", ER_GBIS_MRN, "ABC0000000002"),
      "", NULL },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "abc02222222e", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0117", NULL },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321a", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0117", NULL },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A", ER_GBIS_MRN, "ABC0000000002"),
      "GBIS0117", NULL },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A", ER_GBIS_MRN, "XYZ0000000002"),
      "GBIS0117 GBIS0119", NULL },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A", ER_GBIS_MRN, "XYZ0000000002"),
      "", "XYZ" },
    { "GBIS0117", SET2(ER_GBIS_SUPPLIER_REFERENCE, "XYZ07654321A", ER_GBIS_MRN, "XYZ0000000002"),
      "", "xyz" },
    { "GBIS0117", SET1(ER_GBIS_MRN, "XYZ0000000002"), "GBIS0117", NOBODY },
    { "GBIS0117", SET1(ER_GBIS_MRN, "AB"), "GBIS0104 GBIS0105 GBIS0117 GBIS0119", NOBODY },
    /* 0118 (GBIS0118.cs): same Supplier_Reference as the stored measure,
     * ignoring case; another licence of ABC differs */
    { "GBIS0118", SET1(ER_GBIS_SUPPLIER_REFERENCE, "ABC02222222E"), "GBIS0118", NULL },
    { "GBIS0118", SET1(ER_GBIS_SUPPLIER_REFERENCE, "abc01234567e"), "GBIS0117", NULL },
    { "GBIS0118", SET1(ER_GBIS_SUPPLIER_REFERENCE, "ABC09999999E"), "GBIS0116 GBIS0117 GBIS0118",
      NULL },
    /* 0501, 0502 (Gbis0501RuleLogic.cs, Gbis0502RuleLogic.cs): at most 50 */
    { "GBIS0501", SET1(ER_GBIS_FLAT, C50 "x"), "GBIS0501", NULL },
    { "GBIS0501", SET1(ER_GBIS_FLAT, C50), "", NULL },
    { "GBIS0502", SET1(ER_GBIS_STREET, C50 "x"), "GBIS0502", NULL },
    { "GBIS0502", SET1(ER_GBIS_STREET, E50), "", NULL },
    { "GBIS0502", SET1(ER_GBIS_STREET, ""), "", NULL },
    /* 0503 (Gbis0503RuleLogic.cs): N/A or ^[0-9]{1,12}$ */
    { "GBIS0503", SET1(ER_GBIS_UPRN, "123456789012"), "", NULL },
    { "GBIS0503", SET1(ER_GBIS_UPRN, "1"), "", NULL },
    { "GBIS0503", SET1(ER_GBIS_UPRN, "n/a"), "", NULL },
    { "GBIS0503", SET1(ER_GBIS_UPRN, "1234567890123"), "GBIS0503", NULL },
    { "GBIS0503", SET1(ER_GBIS_UPRN, "12 34"), "GBIS0503", NULL },
    { "GBIS0503", SET1(ER_GBIS_UPRN, ""), "GBIS0503", NULL },
    /* TGBIS0100 (GbisRegexes.cs): ^[0-9]{12}$ */
    { "TGBIS0100", SET1(ER_GBIS_TM_LICENCE, "12345678901"), "TGBIS0100", NULL },
    { "TGBIS0100", SET1(ER_GBIS_TM_LICENCE, "1234567890123"), "TGBIS0100", NULL },
    { "TGBIS0100", SET1(ER_GBIS_TM_LICENCE, "1.23E+11"), "TGBIS0100", NULL },
    { "TGBIS0100", SET1(ER_GBIS_TM_LICENCE, ""), "TGBIS0100", NULL },
    /* TGBIS0101: [a-zA-Z]{1}[0-9]{4,7}-[0-9]{1}$, no start anchor */
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A1234-1"), "", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A1234567-9"), "", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "REF/A12345-1"), "", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A12345678-1"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A123-1"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A12345-A"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "A12345-12"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "1234-1"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, "/12345-1"), "TGBIS0101", NULL },
    { "TGBIS0101", SET1(ER_GBIS_TM_CERTIFICATE, ""), "TGBIS0101", NULL },
    /* TGBIS0102: ^[a-zA-Z0-9]{1,20}$ */
    { "TGBIS0102", SET1(ER_GBIS_TM_MEASURE_REF, "A1234567890123456789"), "", NULL },
    { "TGBIS0102", SET1(ER_GBIS_TM_MEASURE_REF, "A12345678901234567890"), "TGBIS0102", NULL },
    { "TGBIS0102", SET1(ER_GBIS_TM_MEASURE_REF, "UMR-1"), "TGBIS0102", NULL },
    { "TGBIS0102", SET1(ER_GBIS_TM_MEASURE_REF, ""), "TGBIS0102", NULL },
    /* TGBIS0103: ^[a-zA-Z]{1}[0-9]{4,7}$ */
    { "TGBIS0103", SET1(ER_GBIS_TM_PROJECT_REF, "p1234"), "", NULL },
    { "TGBIS0103", SET1(ER_GBIS_TM_PROJECT_REF, "P12345678"), "TGBIS0103", NULL },
    { "TGBIS0103", SET1(ER_GBIS_TM_PROJECT_REF, "PP1234"), "TGBIS0103", NULL },
    { "TGBIS0103", SET1(ER_GBIS_TM_PROJECT_REF, "P123"), "TGBIS0103", NULL },
    { "TGBIS0103", SET1(ER_GBIS_TM_PROJECT_REF, ""), "TGBIS0103", NULL },
    /* TGBIS0104: ^[a-zA-Z]{1}[0-9]{4,7}-[a-zA-Z]{1}$ */
    { "TGBIS0104", SET1(ER_GBIS_TM_COMPLETED_CERT, "c1234567-z"), "", NULL },
    { "TGBIS0104", SET1(ER_GBIS_TM_COMPLETED_CERT, "C123-Z"), "TGBIS0104", NULL },
    { "TGBIS0104", SET1(ER_GBIS_TM_COMPLETED_CERT, "C12345-1"), "TGBIS0104", NULL },
    { "TGBIS0104", SET1(ER_GBIS_TM_COMPLETED_CERT, "C12345-ZZ"), "TGBIS0104", NULL },
    { "TGBIS0104", SET1(ER_GBIS_TM_COMPLETED_CERT, ""), "TGBIS0104", NULL },
};

/* Every failure's message names its column, and quotes the changed value
 * (its first 20 bytes, all ASCII in the cases) when it is the column's. */
static void check_messages(const struct stage1_case *k, const er_gbis_outcome *o)
{
    size_t i;
    int j;

    for (i = 0; i < o->n_failures; i++) {
        const er_gbis_failure *f = &o->failures[i];
        char want[24];

        if (!ours(f->rule))
            continue; /* stage 2 rules have their own tests */
        if (!strstr(f->message, er_gbis_column_name(f->column)))
            fail_msg("%s: message '%s' does not name its column", f->rule, f->message);
        for (j = 0; j < 2 && k->set[j].value; j++) {
            if (k->set[j].col != f->column || !*k->set[j].value)
                continue;
            snprintf(want, sizeof want, "'%.20s", k->set[j].value);
            if (!strstr(f->message, want))
                fail_msg("%s: message '%s' does not quote %s", f->rule, f->message, want);
        }
    }
}

static void test_cases(void **state)
{
    size_t i, nfail = 0;
    int j;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct stage1_case *k = &cases[i];
        er_gbis_context c = context();
        const char *cols[ER_GBIS_COL_COUNT];
        er_gbis_row r;
        er_gbis_outcome o;
        char got[256];

        memcpy(cols, baseline, sizeof cols);
        for (j = 0; j < 2 && k->set[j].value; j++)
            cols[k->set[j].col] = k->set[j].value;
        if (k->notifying)
            c.notifying_supplier = k->notifying == NOBODY ? NULL : k->notifying;
        r = row_of(cols);
        stage1_codes(&c, &r, &o, got, sizeof got);
        if (strcmp(got, k->expect) != 0) {
            print_error("case %zu (%s, %s '%s'): got \"%s\", want \"%s\"\n", i, k->code,
                        er_gbis_column_name(k->set[0].col), k->set[0].value, got, k->expect);
            nfail++;
        }
        check_messages(k, &o);
    }
    assert_int_equal(nfail, 0);
}

/* Each stage 1 code of the table has a case that trips it and one that
 * does not (the baseline passes them all). */
static void test_every_code_tripped(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; er_gbis_rule_at(i); i++) {
        const er_gbis_rule_info *info = er_gbis_rule_at(i);
        bool tripped = false;

        if (!ours(info->code))
            continue;
        for (j = 0; j < sizeof cases / sizeof cases[0] && !tripped; j++)
            tripped = strstr(cases[j].expect, info->code) != NULL;
        if (!tripped)
            fail_msg("no case trips %s", info->code);
    }
}

/* This file's tables: 20 stage 1 rules (GBIS01xx) and 8 format rules
 * Ofgem runs in stage 2 (05xx, TGBIS01xx), codes unique. */
static void test_table(void **state)
{
    size_t i, j, n = 0, n1 = 0;

    (void)state;
    for (i = 0; er_gbis_rule_at(i); i++) {
        const er_gbis_rule_info *a = er_gbis_rule_at(i);

        if (!ours(a->code))
            continue;
        n++;
        n1 += a->stage == 1;
        for (j = 0; j < i; j++)
            if (strcmp(a->code, er_gbis_rule_at(j)->code) == 0)
                fail_msg("%s twice", a->code);
    }
    assert_int_equal(n, 28);
    assert_int_equal(n1, 20);
}

/* No supplier_known callback: no supplier is known, so GBIS0105 fails. */
static void test_no_suppliers(void **state)
{
    er_gbis_context c = context();
    er_gbis_row r = row_of(baseline);
    er_gbis_outcome o;
    char got[256];

    (void)state;
    c.reg.supplier_known = NULL;
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0105");
    /* no measure callback: nothing stored, so 0118 has nothing to compare */
    c = context();
    c.reg.measure = NULL;
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = "ABC02222222E";
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "");
}

/* No licence_holder callback: the register holds no licence, so every
 * row fails GBIS0116, and GBIS0117 with it (no licence is the notifying
 * supplier's). */
static void test_no_licences(void **state)
{
    er_gbis_context c = context();
    er_gbis_row r = row_of(baseline);
    er_gbis_outcome o;
    char got[256];

    (void)state;
    c.reg.licence_holder = NULL;
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0116 GBIS0117");
    assert_false(o.stage2_run);
    assert_int_equal(o.failures[0].column, ER_GBIS_SUPPLIER_REFERENCE);
    assert_int_equal(o.failures[1].column, ER_GBIS_SUPPLIER_REFERENCE);
}

/* The loaded scheme's dates are Ofgem's; without a scheme no measure type
 * is known (GBIS0107) and the dates are open (GBIS0103 passes). */
static void test_scheme(void **state)
{
    er_gbis_context c = context();
    er_gbis_row r = row_of(baseline);
    er_gbis_outcome o;
    char got[256], buf[11];

    (void)state;
    er_date_format_iso(s.completion_from, buf);
    assert_string_equal(buf, "2023-03-30");
    er_date_format_iso(s.completion_to, buf);
    assert_string_equal(buf, "2026-03-31");
    c.scheme = NULL;
    r.col[ER_GBIS_COMPLETION_DATE] = "01/01/2020";
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0107");
}

/* Messages: a sentence with the column and the value, cut to 40 bytes. */
static void test_messages(void **state)
{
    er_gbis_context c = context();
    er_gbis_row r = row_of(baseline);
    er_gbis_outcome o;
    char got[256];

    (void)state;
    r.col[ER_GBIS_MRN] = "AB12";
    r.col[ER_GBIS_TOWN] = C50 "x";
    r.col[ER_GBIS_POST_CODE] = "";
    r.col[ER_GBIS_COMPLETION_DATE] = "29/03/2023";
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0103 GBIS0104 GBIS0105 GBIS0112 GBIS0113 GBIS0114 GBIS0119");
    assert_string_equal(o.failures[0].message, "Date_of_Completed_Installation '29/03/2023' is "
                                               "not inside the scheme's dates 30/03/2023 to "
                                               "31/03/2026");
    assert_string_equal(o.failures[1].message,
                        "Measure_Reference_Number 'AB12' is not 3 letters and 10 digits");
    assert_int_equal(o.failures[1].column, ER_GBIS_MRN);
    assert_string_equal(o.failures[3].message,
                        "Town '" C10 C10 C10 C10 "...' is longer than 50 characters");
    assert_string_equal(o.failures[4].message,
                        "Post_Code (empty) is not given; a postcode is required");
    assert_string_equal(o.failures[6].message,
                        "Measure_Reference_Number 'AB12' does not start with the notifying "
                        "supplier's code 'ABC'");
    /* a stored Supplier_Reference is quoted too; UTF-8 is cut whole */
    r = row_of(baseline);
    r.col[ER_GBIS_STREET] = "x" E50;
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = "ABC09999999E";
    stage1_codes(&c, &r, &o, got, sizeof got);
    /* 0502 is stage 2: not run after stage 1 failures */
    assert_string_equal(got, "GBIS0116 GBIS0117 GBIS0118");
    assert_string_equal(o.failures[0].message,
                        "Supplier_Reference 'ABC09999999E' is not a supplier licence the "
                        "register holds");
    assert_string_equal(o.failures[1].message, "Supplier_Reference 'ABC09999999E' is not a "
                                               "licence of the notifying supplier 'ABC'");
    assert_string_equal(o.failures[2].message,
                        "Supplier_Reference 'ABC09999999E' differs from 'ABC01234567E' already "
                        "held for this measure");
    /* 0117's other reasons: another supplier's licence, another case */
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = "XYZ07654321A";
    r.col[ER_GBIS_MRN] = "ABC0000000002";
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0117");
    assert_string_equal(o.failures[0].message, "Supplier_Reference 'XYZ07654321A' is a licence "
                                               "of XYZ, not of the notifying supplier 'ABC'");
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = "abc01234567E";
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0117");
    assert_string_equal(o.failures[0].message,
                        "Supplier_Reference 'abc01234567E' differs in case from the licence "
                        "reference the register holds; it must match exactly");
    /* no notifying supplier, and an MRN too short to give one */
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = baseline[ER_GBIS_SUPPLIER_REFERENCE];
    r.col[ER_GBIS_MRN] = "AB";
    c.notifying_supplier = NULL;
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0104 GBIS0105 GBIS0117 GBIS0119");
    assert_string_equal(o.failures[2].message,
                        "Supplier_Reference 'ABC01234567E' is a licence of ABC; the MRN is too "
                        "short to name the notifying supplier");
    c.notifying_supplier = "ABC";
    r.col[ER_GBIS_MRN] = baseline[ER_GBIS_MRN];
    r.col[ER_GBIS_SUPPLIER_REFERENCE] = baseline[ER_GBIS_SUPPLIER_REFERENCE];
    stage1_codes(&c, &r, &o, got, sizeof got);
    assert_string_equal(got, "GBIS0502");
    assert_string_equal(o.failures[0].message, "Street_Name 'x" E10 E1 E1 E1 E1 E1 E1 E1 E1 E1
                                               "...' is longer than 50 characters");
}

/* er_gbis_postcode_key: the postcodes Ofgem's GBIS0114 pattern takes
 * (^[A-Z]{1,2}[0-9]{1,2}[A-Z]?(\s *[0-9][A-Z]{1,2})?$), their outward
 * and inward codes joined by one space; an outward code alone only when
 * the inward code is not asked for. */
static void test_postcode_key(void **state)
{
    static const struct {
        const char *postcode;
        bool full;
        const char *key; /* NULL: refused */
    } keys[] = {
        { "LS1 4AB", true, "LS1 4AB" },
        { "LS1  4AB", true, "LS1 4AB" },    /* \s then spaces */
        { "LS1\t 4AB", true, "LS1 4AB" },
        { "SW1A 1AA", true, "SW1A 1AA" },
        { "EC1A 1BB", true, "EC1A 1BB" },
        { "W1 1A", true, "W1 1A" },         /* [A-Z]{1,2}: one letter */
        { "LS1", false, "LS1" },
        { "LS1", true, NULL },
        { "ls1 4ab", true, NULL },          /* capitals only */
        { "LS14AB", true, NULL },           /* no space */
        { "LS1 4AB ", true, NULL },
        { "", false, NULL },
    };
    char key[ER_GBIS_POSTCODE_KEY_MAX];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        bool ok = er_gbis_postcode_key(keys[i].postcode, keys[i].full, key);

        if (ok != (keys[i].key != NULL) || strcmp(key, keys[i].key ? keys[i].key : "") != 0)
            fail_msg("'%s' (full %d): got %d '%s'", keys[i].postcode, keys[i].full, ok, key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_every_code_tripped),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_no_suppliers),
        cmocka_unit_test(test_no_licences),
        cmocka_unit_test(test_scheme),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_postcode_key),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
