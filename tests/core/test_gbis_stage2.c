/*
 * test_gbis_stage2.c: the GBIS stage 2 rules (src/core/gbis_stage2.c,
 * gbis_links.c) on a small notification file and a fake register.
 *
 * The baseline file holds one row of each kind Ofgem's rules tell apart,
 * valid under Ofgem's stage 1 and stage 2 rules: a general group measure,
 * a Help to Heat insulation measure and the TRV citing it, an in-fill flat
 * with its associated cavity wall measure, an in-fill house with its three
 * associated solid wall measures, social housing, supplier evidence and LA
 * declaration flex measures, and an in-fill flat whose associated measure
 * only the register holds.  Each case of the table changes a few cells
 * and names the code Ofgem's Stage2RuleLogics/GbisNNNNRuleLogic.cs fails
 * the row with (or none).  Stage 2 runs only on rows stage 1 passed, so a
 * case asserts that stage 2 ran and that the code is among the failures.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/gbis.h"
#include "ecoreg/io.h"

static er_scheme scheme;

enum {
    GENERAL,       /* 0: general group, owner-occupied, CWI, England */
    HTH_LOFT,      /* 1: Help to Heat owner-occupier, loft insulation */
    HTH_TRV,       /* 2: TRV citing HTH_LOFT */
    FLAT_LINK,     /* 3: Help to Heat flat, CWI: the in-fill flat's link */
    INFILL_FLAT,   /* 4: in-fill flat citing FLAT_LINK */
    HOUSE_LINK1,   /* 5-7: Help to Heat houses, solid wall insulation */
    HOUSE_LINK2,
    HOUSE_LINK3,
    INFILL_HOUSE,  /* 8: in-fill house citing HOUSE_LINK1-3 */
    SOCIAL,        /* 9: social housing route */
    SUPPLIER_FLEX, /* 10: supplier evidence flex */
    LA_FLEX,       /* 11: LA declaration flex */
    INFILL_REG,    /* 12: in-fill flat citing a measure only the register holds */
    N_ROWS
};

static er_gbis_row base[N_ROWS];
static er_gbis_row stored[2]; /* the register's measures */

#define TODAY "10/03/2025"

/* ---- the fake register ---- */

static const char *cited_mrn, *cited_by; /* infill_cited_by(cited_mrn) = cited_by */
static long month_completed, month_late; /* month_counts for January 2025 */

static bool fake_supplier_known(void *ctx, const char *code)
{
    (void)ctx;
    return strcasecmp(code, "BGT") == 0;
}

/* The licences the register holds, one per supplier of the files: the
 * rows' Supplier_Reference (GBIS0116, GBIS0117). */
static const char *fake_licence_holder(void *ctx, const char *reference, bool *exact)
{
    static const struct {
        const char *reference, *supplier;
    } licences[] = {
        { "BGT03078711E", "BGT" },
        { "EON12345678A", "EON" },
        { "OVO87654321B", "OVO" },
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

static bool addresses_loaded; /* whether the address list below is loaded */

/* Ofgem's reference lists as the administrator loaded them: the flex
 * referral routes (GBIS0900), innovation measure numbers with the measure
 * type each is for (GBIS0720), and, when a case loads it, the address list
 * standing in for Ofgem's address service (GBIS0500), its postcodes in the
 * key form er_gbis_postcode_key() gives.  NULL matches any (gbis.h). */
static bool fake_reference_has(void *ctx, const char *list, const char *value,
                               const char *value2)
{
    static const struct {
        const char *list, *value, *value2;
    } entries[] = {
        { ER_GBIS_LIST_FLEX_ROUTES, "Route 2", "" },
        { ER_GBIS_LIST_FLEX_ROUTES, "Route 2 Area Validation", "" },
        { ER_GBIS_LIST_INNOVATION, "001", "CWI_0.040" },
        { ER_GBIS_LIST_INNOVATION, "123", "LI_greater100" },
        { ER_GBIS_LIST_ADDRESSES, "LS1 4AB", "100023336956" },
        { ER_GBIS_LIST_ADDRESSES, "LS6 2AB", "100023336957" },
    };
    size_t i;

    (void)ctx;
    for (i = 0; i < sizeof entries / sizeof entries[0]; i++)
        if (strcmp(list, entries[i].list) == 0 &&
            (strcmp(list, ER_GBIS_LIST_ADDRESSES) != 0 || addresses_loaded) &&
            (!value || strcasecmp(value, entries[i].value) == 0) &&
            (!value2 || strcasecmp(value2, entries[i].value2) == 0))
            return true;
    return false;
}

static const er_gbis_row *fake_measure(void *ctx, const char *mrn)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < sizeof stored / sizeof stored[0]; i++)
        if (strcmp(stored[i].col[ER_GBIS_MRN], mrn) == 0)
            return &stored[i];
    return NULL;
}

static const char *fake_cited_by(void *ctx, const char *mrn)
{
    (void)ctx;
    return cited_mrn && strcmp(mrn, cited_mrn) == 0 ? cited_by : NULL;
}

static void fake_month_counts(void *ctx, const char *supplier, int year, int month,
                              long *completed, long *late)
{
    (void)ctx;
    *completed = *late = 0;
    if (strcmp(supplier, "BGT") == 0 && year == 2025 && month == 1) {
        *completed = month_completed;
        *late = month_late;
    }
}

/* The administrator granted BGT0000000001 (the general row) an extension
 * until 31/03/2025; nothing else. */
static er_date fake_extension_until(void *ctx, const char *mrn)
{
    er_date d = ER_DATE_NONE;

    (void)ctx;
    if (strcmp(mrn, "BGT0000000001") == 0)
        er_date_make(2025, 3, 31, &d);
    return d;
}

/* In the late-extension file every Extended Notification has its extension
 * (until 30/06/2025), so that those rows are neutral here (ERGBIS1003 has
 * its own cases). */
static er_date grant_all(void *ctx, const char *mrn)
{
    er_date d = ER_DATE_NONE;

    (void)ctx;
    (void)mrn;
    er_date_make(2025, 6, 30, &d);
    return d;
}

/* ---- the baseline rows ---- */

static void set(er_gbis_row *r, er_gbis_col c, const char *value)
{
    r->col[c] = value;
}

/* A general group owner-occupied CWI measure in England (Leeds), valid
 * under Ofgem's stage 1 (GBIS0100-0119), 05xx, TGBIS and stage 2 rules. */
static void general(er_gbis_row *r, long row, const char *mrn)
{
    static const struct {
        er_gbis_col col;
        const char *value;
    } cells[] = {
        { ER_GBIS_SUPPLIER_REFERENCE, "BGT03078711E" }, { ER_GBIS_MEASURE_TYPE, "CWI_0.040" },
        { ER_GBIS_PURPOSE, "New Notification" },       { ER_GBIS_COMPLETION_DATE, "14/02/2025" },
        { ER_GBIS_BUILDING_NUMBER, "12" },             { ER_GBIS_BUILDING_NAME, "N/A" },
        { ER_GBIS_FLAT, "N/A" },                       { ER_GBIS_STREET, "High Street" },
        { ER_GBIS_TOWN, "Leeds" },                     { ER_GBIS_POST_CODE, "LS1 4AB" },
        { ER_GBIS_UPRN, "100023336956" },              { ER_GBIS_STARTING_SAP, "45.0" },
        { ER_GBIS_FLOOR_AREA, "85" },                  { ER_GBIS_RURAL, "No" },
        { ER_GBIS_OFF_GAS, "No" },                     { ER_GBIS_PRIVATE_DOMESTIC, "Yes" },
        { ER_GBIS_TENURE, "Owner Occupied" },          { ER_GBIS_PROPERTY, "House" },
        { ER_GBIS_ELIGIBILITY_TYPE, "General Group" }, { ER_GBIS_VERIFICATION_METHOD, "N/A" },
        { ER_GBIS_DWP_REFERENCE, "N/A" },              { ER_GBIS_COUNCIL_TAX_BAND, "B" },
        { ER_GBIS_PRS_EXCEPTION, "N/A" },              { ER_GBIS_INSULATION_MRN, "N/A" },
        { ER_GBIS_INFILL_1, "N/A" },                   { ER_GBIS_INFILL_2, "N/A" },
        { ER_GBIS_INFILL_3, "N/A" },                   { ER_GBIS_FLEX_ROUTE, "N/A" },
        { ER_GBIS_LA_DECLARATION, "N/A" },             { ER_GBIS_ELIGIBILITY_DATE, "N/A" },
        { ER_GBIS_POPT, "67+" },                       { ER_GBIS_HEATING_SOURCE, "N/A" },
        { ER_GBIS_INSTALLER, "Warm Homes Ltd" },       { ER_GBIS_INNOVATION_NUMBER, "N/A" },
        { ER_GBIS_TM_LICENCE, "123456789012" },        { ER_GBIS_TM_MEASURE_REF, "UMR12345" },
        { ER_GBIS_TM_CERTIFICATE, "A12345-1" },        { ER_GBIS_TM_PROJECT_REF, "A12345" },
        { ER_GBIS_TM_COMPLETED_CERT, "A12345-B" },
    };
    size_t i;

    memset(r, 0, sizeof *r);
    r->row = row;
    for (i = 0; i < sizeof cells / sizeof cells[0]; i++)
        set(r, cells[i].col, cells[i].value);
    set(r, ER_GBIS_MRN, mrn);
}

/* A Help to Heat owner-occupier, verified by DWP match. */
static void help_to_heat(er_gbis_row *r, long row, const char *mrn, const char *type)
{
    general(r, row, mrn);
    set(r, ER_GBIS_ELIGIBILITY_TYPE, "LI - Help to Heat Group");
    set(r, ER_GBIS_VERIFICATION_METHOD, "DWP Match");
    set(r, ER_GBIS_DWP_REFERENCE, "1234567890");
    set(r, ER_GBIS_COUNCIL_TAX_BAND, "N/A");
    set(r, ER_GBIS_MEASURE_TYPE, type);
}

/* A flat in building `name` on `street`, `postcode`. */
static void flat(er_gbis_row *r, const char *number, const char *name, const char *street,
                 const char *postcode)
{
    set(r, ER_GBIS_PROPERTY, "Flat");
    set(r, ER_GBIS_FLAT, number);
    set(r, ER_GBIS_BUILDING_NUMBER, "N/A");
    set(r, ER_GBIS_BUILDING_NAME, name);
    set(r, ER_GBIS_STREET, street);
    set(r, ER_GBIS_POST_CODE, postcode);
}

/* A house at `number` `street`, `postcode`. */
static void house(er_gbis_row *r, const char *number, const char *street, const char *postcode)
{
    set(r, ER_GBIS_BUILDING_NUMBER, number);
    set(r, ER_GBIS_STREET, street);
    set(r, ER_GBIS_POST_CODE, postcode);
}

/* An in-fill measure: no verification, council tax band N/A. */
static void in_fill(er_gbis_row *r, long row, const char *mrn, const char *type)
{
    general(r, row, mrn);
    set(r, ER_GBIS_ELIGIBILITY_TYPE, "In-fill");
    set(r, ER_GBIS_COUNCIL_TAX_BAND, "N/A");
    set(r, ER_GBIS_MEASURE_TYPE, type);
}

static void build_links(void)
{
    static const char *const link_dates[3] = { "01/02/2025", "03/02/2025", "04/02/2025" };
    static const char *const link_numbers[3] = { "1", "3", "5" };
    static const char *const link_mrns[3] = { "BGT0000000006", "BGT0000000007", "BGT0000000008" };
    int n;

    help_to_heat(&base[FLAT_LINK], 4, "BGT0000000004", "CWI_0.040");
    flat(&base[FLAT_LINK], "Flat 1", "Tower House", "Park Lane", "LS2 7EW");
    set(&base[FLAT_LINK], ER_GBIS_COMPLETION_DATE, "05/02/2025");
    in_fill(&base[INFILL_FLAT], 5, "BGT0000000005", "CWI_0.040");
    flat(&base[INFILL_FLAT], "Flat 3", "Tower House", "Park Lane", "LS2 7EW");
    set(&base[INFILL_FLAT], ER_GBIS_COMPLETION_DATE, "12/02/2025");
    set(&base[INFILL_FLAT], ER_GBIS_INFILL_1, "BGT0000000004");
    for (n = 0; n < 3; n++) {
        er_gbis_row *r = &base[HOUSE_LINK1 + n];

        help_to_heat(r, 6 + n, link_mrns[n], "EWI_solid_1.7_0.3");
        house(r, link_numbers[n], "Mill Road", "LS9 8AA");
        set(r, ER_GBIS_COMPLETION_DATE, link_dates[n]);
    }
    in_fill(&base[INFILL_HOUSE], 9, "BGT0000000009", "EWI_solid_1.7_0.3");
    house(&base[INFILL_HOUSE], "7", "Mill Road", "LS9 8AB");
    set(&base[INFILL_HOUSE], ER_GBIS_COMPLETION_DATE, "15/02/2025");
    for (n = 0; n < 3; n++)
        set(&base[INFILL_HOUSE], ER_GBIS_INFILL_1 + n, link_mrns[n]);
    in_fill(&base[INFILL_REG], 13, "BGT0000000013", "CWI_0.040");
    flat(&base[INFILL_REG], "Flat 2", "Park Court", "Kirk Street", "LS3 1AA");
    set(&base[INFILL_REG], ER_GBIS_COMPLETION_DATE, "13/02/2025");
    set(&base[INFILL_REG], ER_GBIS_INFILL_1, "BGT0000000900");
}

static void build_flex(void)
{
    er_gbis_row *r;

    general(r = &base[SOCIAL], 10, "BGT0000000010");
    set(r, ER_GBIS_ELIGIBILITY_TYPE, "LI - Social Housing");
    set(r, ER_GBIS_TENURE, "Social Housing (RSL)");
    set(r, ER_GBIS_PRIVATE_DOMESTIC, "No");
    set(r, ER_GBIS_COUNCIL_TAX_BAND, "N/A");
    set(r, ER_GBIS_MEASURE_TYPE, "LI_greater100");
    set(r, ER_GBIS_COMPLETION_DATE, "10/02/2025");
    general(r = &base[SUPPLIER_FLEX], 11, "BGT0000000011");
    set(r, ER_GBIS_ELIGIBILITY_TYPE, "LI - Supplier Evidence");
    set(r, ER_GBIS_COUNCIL_TAX_BAND, "N/A");
    set(r, ER_GBIS_FLEX_ROUTE, "Route 2");
    set(r, ER_GBIS_ELIGIBILITY_DATE, "15/01/2025");
    set(r, ER_GBIS_COMPLETION_DATE, "11/02/2025");
    general(r = &base[LA_FLEX], 12, "BGT0000000012");
    set(r, ER_GBIS_ELIGIBILITY_TYPE, "LI - LA Declaration");
    set(r, ER_GBIS_COUNCIL_TAX_BAND, "N/A");
    set(r, ER_GBIS_LA_DECLARATION, "A12345678-12345");
    set(r, ER_GBIS_ELIGIBILITY_DATE, "20/01/2025");
    set(r, ER_GBIS_COMPLETION_DATE, "12/02/2025");
}

static int setup(void **state)
{
    er_error err;

    (void)state;
    if (er_scheme_load(ECOREG_DATADIR, ER_SCHEME_GBIS, NULL, &scheme, &err) != ER_OK) {
        print_error("scheme: %s\n", err.message);
        return -1;
    }
    /* GBIS0705's dates, which gbis.json leaves out (Ofgem's configuration
     * is not published): those of Ofgem's Gbis0705RuleLogicTests.cs. */
    er_date_make(2023, 3, 30, &scheme.backdated_from);
    er_date_make(2023, 12, 31, &scheme.backdated_to);
    er_date_make(2024, 1, 31, &scheme.backdated_notify_by);
    general(&base[GENERAL], 1, "BGT0000000001");
    help_to_heat(&base[HTH_LOFT], 2, "BGT0000000002", "LI_lessequal100");
    house(&base[HTH_LOFT], "5", "Oak Road", "LS6 2AB");
    set(&base[HTH_LOFT], ER_GBIS_COMPLETION_DATE, "03/02/2025");
    help_to_heat(&base[HTH_TRV], 3, "BGT0000000003", "TRV");
    house(&base[HTH_TRV], "5", "Oak Road", "LS6 2AB");
    set(&base[HTH_TRV], ER_GBIS_COMPLETION_DATE, "20/02/2025");
    set(&base[HTH_TRV], ER_GBIS_INSULATION_MRN, "BGT0000000002");
    set(&base[HTH_TRV], ER_GBIS_HEATING_SOURCE, "Gas boiler");
    build_links();
    build_flex();
    /* The register: the flat INFILL_REG cites, and a general group measure
     * notified before (for Edited Notification). */
    help_to_heat(&stored[0], 0, "BGT0000000900", "CWI_0.040");
    flat(&stored[0], "Flat 1", "Park Court", "Kirk Street", "LS3 1AA");
    set(&stored[0], ER_GBIS_COMPLETION_DATE, "01/02/2025");
    general(&stored[1], 0, "BGT0000000901");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    er_scheme_clear(&scheme);
    return 0;
}

/* ---- running a file ---- */

static bool is_stage2_code(const char *code)
{
    const er_gbis_rule_info *info;
    size_t i;

    for (i = 0; (info = er_gbis_rule_at(i)) != NULL; i++)
        if (info->stage == 2 && strcmp(info->code, code) == 0)
            return true;
    return false;
}

static void check(er_gbis_row *rows, const char *today, er_gbis_outcome *out)
{
    er_gbis_context c = {
        .notifying_supplier = "BGT",
        .scheme = &scheme,
        .reg = { .ctx = NULL,
                 .supplier_known = fake_supplier_known,
                 .licence_holder = fake_licence_holder,
                 .reference_has = fake_reference_has,
                 .measure = fake_measure,
                 .infill_cited_by = fake_cited_by,
                 .month_counts = fake_month_counts,
                 .extension_until = fake_extension_until },
    };

    assert_int_equal(er_date_parse_dmy(today ? today : TODAY, &c.today), ER_OK);
    assert_int_equal(er_gbis_check(&c, rows, N_ROWS, out), ER_OK);
}

/* The failures of one outcome, for a failing test's message. */
static const char *failures_text(const er_gbis_outcome *o)
{
    static char buf[2048];
    size_t i, n = 0;

    buf[0] = '\0';
    for (i = 0; i < o->n_failures && i < ER_GBIS_FAILURES_MAX && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\n  %s %s: %s", o->failures[i].rule,
                              er_gbis_column_name(o->failures[i].column), o->failures[i].message);
    return buf;
}

static const er_gbis_failure *find(const er_gbis_outcome *o, const char *code)
{
    size_t i;

    for (i = 0; i < o->n_failures && i < ER_GBIS_FAILURES_MAX; i++)
        if (strcmp(o->failures[i].rule, code) == 0)
            return &o->failures[i];
    return NULL;
}

static void assert_no_stage2(const er_gbis_outcome *o, const char *what)
{
    size_t i;

    if (!o->stage2_run)
        fail_msg("%s: stage 1 failed, stage 2 did not run:%s", what, failures_text(o));
    for (i = 0; i < o->n_failures && i < ER_GBIS_FAILURES_MAX; i++)
        if (is_stage2_code(o->failures[i].rule))
            fail_msg("%s: unexpected stage 2 failure:%s", what, failures_text(o));
}

static void test_baseline_passes(void **state)
{
    er_gbis_row rows[N_ROWS];
    er_gbis_outcome out[N_ROWS];
    char what[32];
    int i;

    (void)state;
    cited_mrn = cited_by = NULL;
    month_completed = month_late = 0;
    memcpy(rows, base, sizeof rows);
    check(rows, NULL, out);
    for (i = 0; i < N_ROWS; i++) {
        snprintf(what, sizeof what, "baseline row %d", i);
        assert_no_stage2(&out[i], what);
    }
}

/* ---- the cases ---- */

struct edit {
    int row;
    er_gbis_col col;
    const char *value; /* NULL ends the list */
};

struct s2case {
    const char *what;
    struct edit edits[4];
    int row;               /* the row whose outcome is checked */
    const char *code;      /* Ofgem's code it fails; NULL: no stage 2 failure */
    const char *message;   /* a part of the failure's message, or NULL */
    const char *today;     /* dd/MM/yyyy; NULL: TODAY */
    long completed, late;  /* the register's counts for January 2025 */
    const char *cited_mrn, *cited_by;
    bool addresses; /* the register holds an address list (GBIS0500) */
};

#define E(r, c, v) { (r), ER_GBIS_##c, (v) }

/* Cases leave the fields they do not need out: NULL and 0. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct s2case cases[] = {
    /* GBIS02xx: general group (Gbis02NNRuleLogic.cs) */
    { "0200 unknown tenure", { E(GENERAL, TENURE, "Tenant") }, GENERAL, "GBIS0200", "Tenant" },
    { "0201 not private", { E(GENERAL, PRIVATE_DOMESTIC, "No") }, GENERAL, "GBIS0201",
      "Private_Domestic_Premises" },
    { "0202 social housing tenure", { E(GENERAL, TENURE, "Social Housing (RSL)") }, GENERAL,
      "GBIS0202" },
    { "0203 owner-occupied band C", { E(GENERAL, STARTING_SAP, "70.0") }, GENERAL, "GBIS0203",
      "70.0" },
    { "0203 passes at 68.4", { E(GENERAL, STARTING_SAP, "68.4") }, GENERAL, NULL },
    { "0204 PRS England band C",
      { E(GENERAL, TENURE, "Private Rented Sector"), E(GENERAL, STARTING_SAP, "70.0") }, GENERAL,
      "GBIS0204" },
    { "0204 PRS, cross-border postcode: confirm the nation",
      { E(GENERAL, TENURE, "Private Rented Sector"), E(GENERAL, STARTING_SAP, "70.0"),
        E(GENERAL, POST_CODE, "TD15 1AA") },
      GENERAL, "GBIS0204", "confirm the nation" },
    { "0205 PRS Scotland band F",
      { E(GENERAL, TENURE, "Private Rented Sector"), E(GENERAL, STARTING_SAP, "30.0"),
        E(GENERAL, POST_CODE, "EH1 1YZ"), E(GENERAL, MEASURE_TYPE, "EWI_solid_1.7_0.3") },
      GENERAL, "GBIS0205" },
    { "0206 PRS England band F without exemption",
      { E(GENERAL, TENURE, "Private Rented Sector"), E(GENERAL, STARTING_SAP, "30.0"),
        E(GENERAL, MEASURE_TYPE, "EWI_solid_1.7_0.3") },
      GENERAL, "GBIS0206", "PRS_SAP_Band_Exception" },
    { "0206 PRS England band F with exemption passes",
      { E(GENERAL, TENURE, "Private Rented Sector"), E(GENERAL, STARTING_SAP, "30.0"),
        E(GENERAL, MEASURE_TYPE, "EWI_solid_1.7_0.3"), E(GENERAL, PRS_EXCEPTION, "Yes") },
      GENERAL, NULL },
    { "0207 TRV in the general group", { E(GENERAL, MEASURE_TYPE, "TRV") }, GENERAL, "GBIS0207" },
    { "0208 PRS cavity wall", { E(GENERAL, TENURE, "Private Rented Sector") }, GENERAL,
      "GBIS0208", "CWI_0.040" },
    { "0208 PRS loft", { E(GENERAL, TENURE, "Private Rented Sector"),
                         E(GENERAL, MEASURE_TYPE, "LI_greater100") }, GENERAL, "GBIS0208" },
    { "0209 England band E", { E(GENERAL, COUNCIL_TAX_BAND, "E") }, GENERAL, "GBIS0209",
      "Council_Tax_Band \"E\"" },
    { "0210 Wales band F",
      { E(GENERAL, COUNCIL_TAX_BAND, "F"), E(GENERAL, POST_CODE, "CF10 1AA") }, GENERAL,
      "GBIS0210" },
    { "0209/0210 Wales band E passes",
      { E(GENERAL, COUNCIL_TAX_BAND, "E"), E(GENERAL, POST_CODE, "CF10 1AA") }, GENERAL, NULL },
    /* GBIS03xx: Help to Heat */
    { "0300 not private", { E(HTH_LOFT, PRIVATE_DOMESTIC, "No") }, HTH_LOFT, "GBIS0300" },
    { "0301 social housing", { E(HTH_LOFT, TENURE, "Social Housing (RSL)") }, HTH_LOFT,
      "GBIS0301" },
    { "0302 owner-occupied band C", { E(HTH_LOFT, STARTING_SAP, "69.0") }, HTH_LOFT, "GBIS0302" },
    { "0303 PRS England band C",
      { E(HTH_LOFT, TENURE, "Private Rented Sector"), E(HTH_LOFT, STARTING_SAP, "69.0") },
      HTH_LOFT, "GBIS0303" },
    { "0304 PRS Scotland band F",
      { E(HTH_LOFT, TENURE, "Private Rented Sector"), E(HTH_LOFT, STARTING_SAP, "30.0"),
        E(HTH_LOFT, POST_CODE, "AB10 1AA") }, HTH_LOFT, "GBIS0304" },
    { "0305 PRS heating control", { E(HTH_TRV, TENURE, "Private Rented Sector") }, HTH_TRV,
      "GBIS0305" },
    { "0306 PRS England band F without exemption",
      { E(HTH_LOFT, TENURE, "Private Rented Sector"), E(HTH_LOFT, STARTING_SAP, "30.0") },
      HTH_LOFT, "GBIS0306" },
    /* GBIS04xx: social housing and low-income SAP */
    { "0400 owner-occupied on the social route", { E(SOCIAL, TENURE, "Owner Occupied") }, SOCIAL,
      "GBIS0400" },
    { "0401 social housing band C", { E(SOCIAL, STARTING_SAP, "69.0") }, SOCIAL, "GBIS0401" },
    { "0401 supplier evidence band C", { E(SUPPLIER_FLEX, STARTING_SAP, "69.0") },
      SUPPLIER_FLEX, "GBIS0401" },
    { "0402 band D without innovation", { E(SOCIAL, STARTING_SAP, "60.0") }, SOCIAL,
      "GBIS0402" },
    { "0402 band D with an innovation measure passes",
      { E(SOCIAL, STARTING_SAP, "60.0"), E(SOCIAL, INNOVATION_NUMBER, "123") }, SOCIAL, NULL },
    { "0403 TRV on the social route", { E(SOCIAL, MEASURE_TYPE, "TRV") }, SOCIAL, "GBIS0403" },
    /* GBIS0500: once an address list is loaded, the row's (Post_Code,
     * UPRN), or its Post_Code when the UPRN is N/A, is in it */
    { .what = "0500 no address list: an unknown UPRN passes",
      .edits = { E(GENERAL, UPRN, "100023336999") }, .row = GENERAL },
    { .what = "0500 UPRN listed at the postcode passes", .row = GENERAL, .addresses = true },
    { .what = "0500 the postcode spaced otherwise passes",
      .edits = { E(GENERAL, POST_CODE, "LS1  4AB") }, .row = GENERAL, .addresses = true },
    { .what = "0500 UPRN not listed", .edits = { E(GENERAL, UPRN, "100023336999") },
      .row = GENERAL, .code = "GBIS0500", .message = "100023336999", .addresses = true },
    { .what = "0500 UPRN listed at another postcode",
      .edits = { E(GENERAL, UPRN, "100023336957") }, .row = GENERAL, .code = "GBIS0500",
      .message = "LS1 4AB", .addresses = true },
    { .what = "0500 UPRN N/A, postcode listed passes", .edits = { E(GENERAL, UPRN, "N/A") },
      .row = GENERAL, .addresses = true },
    { .what = "0500 UPRN N/A, postcode not listed",
      .edits = { E(GENERAL, UPRN, "N/A"), E(GENERAL, POST_CODE, "LS1 9ZZ") }, .row = GENERAL,
      .code = "GBIS0500", .message = "UPRN N/A", .addresses = true },
    /* GBIS06xx: in-fill (links) */
    { "0600 general group cites an in-fill measure",
      { E(GENERAL, INFILL_1, "BGT0000000004") }, GENERAL, "GBIS0600" },
    { "0600 an empty cell is not N/A", { E(GENERAL, INFILL_2, "") }, GENERAL, "GBIS0600" },
    { "0601 flat in another building", { E(INFILL_FLAT, BUILDING_NAME, "Other House") },
      INFILL_FLAT, "GBIS0601", "Building_Name" },
    { "0602 house on another street", { E(INFILL_HOUSE, STREET, "Mill Lane") }, INFILL_HOUSE,
      "GBIS0602", "Street_Name" },
    { "0603 bad MRN 1", { E(GENERAL, INFILL_1, "BGT123") }, GENERAL, "GBIS0603" },
    { "0604 empty MRN 2", { E(GENERAL, INFILL_2, "") }, GENERAL, "GBIS0604" },
    { "0605 bad MRN 3", { E(GENERAL, INFILL_3, "XYZ") }, GENERAL, "GBIS0605" },
    { "0606 in-fill without MRN 1", { E(INFILL_FLAT, INFILL_1, "N/A") }, INFILL_FLAT,
      "GBIS0606" },
    { "0607 flat citing two", { E(INFILL_FLAT, INFILL_2, "BGT0000000001") }, INFILL_FLAT,
      "GBIS0607" },
    { "0608 house citing two", { E(INFILL_HOUSE, INFILL_3, "N/A") }, INFILL_HOUSE, "GBIS0608" },
    { "0609 flat in-fill loft", { E(INFILL_FLAT, MEASURE_TYPE, "LI_greater100") }, INFILL_FLAT,
      "GBIS0609" },
    { "0610 house in-fill cavity", { E(INFILL_HOUSE, MEASURE_TYPE, "CWI_0.040") }, INFILL_HOUSE,
      "GBIS0610" },
    { "0611 house in-fill band C", { E(INFILL_HOUSE, STARTING_SAP, "70.0") }, INFILL_HOUSE,
      "GBIS0611" },
    { "0612 flat in-fill wall, link cavity",
      { E(INFILL_FLAT, MEASURE_TYPE, "EWI_solid_1.7_0.3") }, INFILL_FLAT, "GBIS0612" },
    { "0613 link 2 of another category", { E(HOUSE_LINK2, MEASURE_TYPE, "CWI_0.040") },
      INFILL_HOUSE, "GBIS0613" },
    { "0614 link 3 of another category", { E(HOUSE_LINK3, MEASURE_TYPE, "LI_lessequal100") },
      INFILL_HOUSE, "GBIS0614" },
    { "0615 link 1 of another supplier", { E(FLAT_LINK, SUPPLIER_REFERENCE, "EON12345678A") },
      INFILL_FLAT, "GBIS0615" },
    { "0616 link 2 of another supplier", { E(HOUSE_LINK2, SUPPLIER_REFERENCE, "EON12345678A") },
      INFILL_HOUSE, "GBIS0616" },
    { "0617 link 3 of another supplier", { E(HOUSE_LINK3, SUPPLIER_REFERENCE, "EON12345678A") },
      INFILL_HOUSE, "GBIS0617" },
    { "0618 flat more than 3 months after its link",
      { E(FLAT_LINK, COMPLETION_DATE, "01/10/2024") }, INFILL_FLAT, "GBIS0618" },
    { "0618 flat before its link", { E(FLAT_LINK, COMPLETION_DATE, "20/02/2025") }, INFILL_FLAT,
      "GBIS0618" },
    { "0618 flat exactly 3 months after passes (12/11/2024 + 3 months = 12/02/2025)",
      { E(FLAT_LINK, COMPLETION_DATE, "12/11/2024") }, INFILL_FLAT, NULL },
    { "0619 house before its latest link", { E(HOUSE_LINK3, COMPLETION_DATE, "20/02/2025") },
      INFILL_HOUSE, "GBIS0619" },
    { "0620 link 1 not found", { E(INFILL_FLAT, INFILL_1, "BGT0000000555") }, INFILL_FLAT,
      "GBIS0620" },
    { "0621 link 2 not found", { E(INFILL_HOUSE, INFILL_2, "BGT0000000555") }, INFILL_HOUSE,
      "GBIS0621" },
    { "0622 link 3 not found", { E(INFILL_HOUSE, INFILL_3, "BGT0000000555") }, INFILL_HOUSE,
      "GBIS0622" },
    { "0623 link 1 also cited in the file", { E(INFILL_REG, INFILL_1, "BGT0000000004") },
      INFILL_REG, "GBIS0623", "BGT0000000005" },
    { "0623 link 1 already cited in the register", { { 0 } }, INFILL_REG, "GBIS0623",
      "BGT0000000999", NULL, 0, 0, "BGT0000000900", "BGT0000000999" },
    { "0623 the register's citer is this measure: passes", { { 0 } }, INFILL_REG, NULL, NULL,
      NULL, 0, 0, "BGT0000000900", "BGT0000000013" },
    { "0624 link 2 also cited in the file", { E(INFILL_REG, INFILL_1, "BGT0000000007") },
      INFILL_HOUSE, "GBIS0624" },
    { "0625 link 3 also cited in the file", { E(INFILL_REG, INFILL_1, "BGT0000000008") },
      INFILL_HOUSE, "GBIS0625" },
    { "0626 flat cites itself", { E(INFILL_FLAT, INFILL_1, "BGT0000000005") }, INFILL_FLAT,
      "GBIS0626" },
    { "0627 house cites itself as 2", { E(INFILL_HOUSE, INFILL_2, "BGT0000000009") },
      INFILL_HOUSE, "GBIS0627" },
    { "0628 house cites itself as 3", { E(INFILL_HOUSE, INFILL_3, "BGT0000000009") },
      INFILL_HOUSE, "GBIS0628" },
    { "0629 link 1 is itself in-fill", { E(FLAT_LINK, ELIGIBILITY_TYPE, "In-fill") },
      INFILL_FLAT, "GBIS0629" },
    { "0630 link 2 is itself in-fill", { E(HOUSE_LINK2, ELIGIBILITY_TYPE, "In-fill") },
      INFILL_HOUSE, "GBIS0630" },
    { "0631 link 3 is itself in-fill", { E(HOUSE_LINK3, ELIGIBILITY_TYPE, "In-fill") },
      INFILL_HOUSE, "GBIS0631" },
    { "0631 link 3 not found", { E(INFILL_HOUSE, INFILL_3, "BGT0000000555") }, INFILL_HOUSE,
      "GBIS0631" },
    { "0632 link 1 also link 2", { E(INFILL_HOUSE, INFILL_2, "BGT0000000006") }, INFILL_HOUSE,
      "GBIS0632" },
    { "0633 link 2 also link 3", { E(INFILL_HOUSE, INFILL_3, "BGT0000000007") }, INFILL_HOUSE,
      "GBIS0633" },
    { "0634 link 3 also link 1", { E(INFILL_HOUSE, INFILL_3, "BGT0000000006") }, INFILL_HOUSE,
      "GBIS0634" },
    /* GBIS07xx: field consistency */
    { "0700 PDP neither yes nor no", { E(GENERAL, PRIVATE_DOMESTIC, "Maybe") }, GENERAL,
      "GBIS0700" },
    { "0701 two decimals", { E(GENERAL, STARTING_SAP, "45.05") }, GENERAL, "GBIS0701" },
    { "0702 installer N/A", { E(GENERAL, INSTALLER, "N/A") }, GENERAL, "GBIS0702" },
    { "0703 installer of 151 characters",
      { E(GENERAL, INSTALLER,
          "Installer Installer Installer Installer Installer Installer Installer Installer "
          "Installer Installer Installer Installer Installer Installer Installer X") },
      GENERAL, "GBIS0703" },
    { "0704 unknown property", { E(GENERAL, PROPERTY, "Castle") }, GENERAL, "GBIS0704" },
    /* 0705: completed 18/10/2023, in the backdated period (30/03/2023 to
     * 31/12/2023), notified after 31/01/2024 (Gbis0705RuleLogicTests.cs) */
    { "0705 backdated, notified 01/02/2024", { E(GENERAL, COMPLETION_DATE, "18/10/2023") },
      GENERAL, "GBIS0705", "31/01/2024", "01/02/2024" },
    { "0705 backdated, notified in time passes", { E(GENERAL, COMPLETION_DATE, "18/10/2023") },
      GENERAL, NULL, NULL, "15/11/2023" },
    { "0706 empty innovation number", { E(GENERAL, INNOVATION_NUMBER, "") }, GENERAL,
      "GBIS0706" },
    { "0707 decimal floor area", { E(GENERAL, FLOOR_AREA, "85.5") }, GENERAL, "GBIS0707" },
    { "0708 ISO eligibility date", { E(GENERAL, ELIGIBILITY_DATE, "2025-01-01") }, GENERAL,
      "GBIS0708" },
    /* 0709: the methods of Ofgem's Gbis0709RuleLogicTests.cs, any case */
    { "0709 unknown method", { E(HTH_LOFT, VERIFICATION_METHOD, "Council Letter"),
                               E(HTH_LOFT, DWP_REFERENCE, "N/A") }, HTH_LOFT, "GBIS0709" },
    { "0709 empty method", { E(GENERAL, VERIFICATION_METHOD, "") }, GENERAL, "GBIS0709" },
    { "0709 Benefit Letter in lower case passes",
      { E(HTH_LOFT, VERIFICATION_METHOD, "benefit letter"), E(HTH_LOFT, DWP_REFERENCE, "N/A") },
      HTH_LOFT, NULL },
    { "0709 Other passes", { E(GENERAL, VERIFICATION_METHOD, "Other") }, GENERAL, NULL },
    { "0710 short DWP reference", { E(HTH_LOFT, DWP_REFERENCE, "12345") }, HTH_LOFT,
      "GBIS0710" },
    { "0711 bad referral reference", { E(HTH_LOFT, VERIFICATION_METHOD, "ECO Eligible Referral"),
                                       E(HTH_LOFT, DWP_REFERENCE, "ABC123") }, HTH_LOFT,
      "GBIS0711" },
    { "0711 referral reference passes", { E(HTH_LOFT, VERIFICATION_METHOD,
                                            "ECO Eligible Referral"),
                                          E(HTH_LOFT, DWP_REFERENCE, "ABC_DE123") }, HTH_LOFT,
      NULL },
    { "0712 DWP reference without DWP method", { E(GENERAL, DWP_REFERENCE, "1234567890") },
      GENERAL, "GBIS0712" },
    { "0714 POPT 0", { E(GENERAL, POPT, "0") }, GENERAL, "GBIS0714" },
    { "0714 POPT 67", { E(GENERAL, POPT, "67") }, GENERAL, "GBIS0714" },
    { "0714 POPT 66 passes", { E(GENERAL, POPT, "66") }, GENERAL, NULL },
    { "0715 band outside the general group", { E(HTH_LOFT, COUNCIL_TAX_BAND, "B") }, HTH_LOFT,
      "GBIS0715" },
    { "0716 empty band", { E(GENERAL, COUNCIL_TAX_BAND, "") }, GENERAL, "GBIS0716" },
    { "0717 exception No", { E(GENERAL, PRS_EXCEPTION, "No") }, GENERAL, "GBIS0717" },
    { "0718 empty innovation number", { E(GENERAL, INNOVATION_NUMBER, "") }, GENERAL,
      "GBIS0718" },
    { "0719 two-digit innovation number", { E(GENERAL, INNOVATION_NUMBER, "12") }, GENERAL,
      "GBIS0719" },
    /* 0720: (number, Measure_Type) in the innovation list, any case */
    { "0720 number not in the list", { E(GENERAL, INNOVATION_NUMBER, "002") }, GENERAL,
      "GBIS0720", "002" },
    { "0720 number listed for another measure type",
      { E(HTH_LOFT, INNOVATION_NUMBER, "001") }, HTH_LOFT, "GBIS0720", "LI_lessequal100" },
    { "0720 number listed for the type passes", { E(GENERAL, INNOVATION_NUMBER, "001") },
      GENERAL, NULL },
    { "0720 n/a passes", { E(GENERAL, INNOVATION_NUMBER, "n/a") }, GENERAL, NULL },
    { "0721 off gas Y", { E(GENERAL, OFF_GAS, "Y") }, GENERAL, "GBIS0721" },
    { "0722 rural empty", { E(GENERAL, RURAL, "") }, GENERAL, "GBIS0722" },
    /* GBIS08xx: heating controls */
    { "0800 TRV in the general group", { E(HTH_TRV, ELIGIBILITY_TYPE, "General Group"),
                                         E(HTH_TRV, COUNCIL_TAX_BAND, "B") }, HTH_TRV,
      "GBIS0800" },
    { "0801 bad insulation MRN", { E(HTH_TRV, INSULATION_MRN, "B123") }, HTH_TRV, "GBIS0801" },
    { "0802 TRV without insulation MRN", { E(HTH_TRV, INSULATION_MRN, "N/A") }, HTH_TRV,
      "GBIS0802" },
    { "0803 insulation of another supplier",
      { E(HTH_LOFT, SUPPLIER_REFERENCE, "EON12345678A") }, HTH_TRV, "GBIS0803" },
    { "0804 TRV more than 3 months after", { E(HTH_LOFT, COMPLETION_DATE, "01/10/2024") },
      HTH_TRV, "GBIS0804" },
    { "0804 TRV before its insulation", { E(HTH_LOFT, COMPLETION_DATE, "25/02/2025") },
      HTH_TRV, "GBIS0804" },
    { "0805 insulation MRN on a CWI", { E(GENERAL, INSULATION_MRN, "BGT0000000002") }, GENERAL,
      "GBIS0805" },
    { "0806 insulation not found", { E(HTH_TRV, INSULATION_MRN, "BGT0000000555") }, HTH_TRV,
      "GBIS0806" },
    { "0807 cites a heating measure", { E(HTH_LOFT, MEASURE_TYPE, "Smarttherm") }, HTH_TRV,
      "GBIS0807" },
    { "0808 house at another number", { E(HTH_LOFT, BUILDING_NUMBER, "14") }, HTH_TRV,
      "GBIS0808", "Building_Number" },
    { "0809 flat at another flat", { E(HTH_TRV, PROPERTY, "Flat"), E(HTH_TRV, FLAT, "Flat 2") },
      HTH_TRV, "GBIS0809", "Flat_Name/Number" },
    { "0811 TRV heating source N/A", { E(HTH_TRV, HEATING_SOURCE, "N/A") }, HTH_TRV,
      "GBIS0811" },
    { "0812 CWI with a heating source", { E(GENERAL, HEATING_SOURCE, "Gas boiler") }, GENERAL,
      "GBIS0812" },
    { "0812 CWI with an empty heating source", { E(GENERAL, HEATING_SOURCE, "") }, GENERAL,
      "GBIS0812" },
    { "0813 TRV cites itself", { E(HTH_TRV, INSULATION_MRN, "BGT0000000003") }, HTH_TRV,
      "GBIS0813" },
    { "0814 TRV cites a P&RT", { E(HTH_LOFT, MEASURE_TYPE, "P&RT") }, HTH_TRV, "GBIS0814" },
    /* GBIS09xx: flexible eligibility */
    /* 0900: N/A or a route of the register's list, any case */
    { "0900 route not in the list", { E(SUPPLIER_FLEX, FLEX_ROUTE, "Route 9") }, SUPPLIER_FLEX,
      "GBIS0900", "Route 9" },
    { "0900 route in another case passes",
      { E(SUPPLIER_FLEX, FLEX_ROUTE, "route 2 AREA validation") }, SUPPLIER_FLEX, NULL },
    { "0901 supplier evidence without route", { E(SUPPLIER_FLEX, FLEX_ROUTE, "N/A") },
      SUPPLIER_FLEX, "GBIS0901" },
    { "0902 LA reference outside LA declaration",
      { E(GENERAL, LA_DECLARATION, "A12345678-12345") }, GENERAL, "GBIS0902" },
    { "0903 LA declaration without reference", { E(LA_FLEX, LA_DECLARATION, "N/A") }, LA_FLEX,
      "GBIS0903" },
    { "0904 bad LA reference", { E(LA_FLEX, LA_DECLARATION, "12345") }, LA_FLEX, "GBIS0904" },
    { "0905 flex without eligibility date", { E(SUPPLIER_FLEX, ELIGIBILITY_DATE, "N/A") },
      SUPPLIER_FLEX, "GBIS0905" },
    { "0906 supplier evidence without route", { E(SUPPLIER_FLEX, FLEX_ROUTE, "N/A") },
      SUPPLIER_FLEX, "GBIS0906" },
    { "0909 flex not private", { E(LA_FLEX, PRIVATE_DOMESTIC, "No") }, LA_FLEX, "GBIS0909" },
    { "0910 supplier evidence owner band D", { E(SUPPLIER_FLEX, STARTING_SAP, "55.0") },
      SUPPLIER_FLEX, "GBIS0910" },
    { "0911 supplier evidence PRS England band D",
      { E(SUPPLIER_FLEX, TENURE, "Private Rented Sector"),
        E(SUPPLIER_FLEX, STARTING_SAP, "60.0") }, SUPPLIER_FLEX, "GBIS0911" },
    { "0912 supplier evidence PRS Scotland band F",
      { E(SUPPLIER_FLEX, TENURE, "Private Rented Sector"),
        E(SUPPLIER_FLEX, STARTING_SAP, "30.0"), E(SUPPLIER_FLEX, POST_CODE, "G1 1AA") },
      SUPPLIER_FLEX, "GBIS0912" },
    /* GBIS10xx: deadlines; today 10/03/2025 */
    { "1002 January completion notified in March (deadline 28/02/2025)",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025") }, GENERAL, "GBIS1002", "28/02/2025" },
    { "1002 granted extension passes",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE, "Extended Notification") },
      GENERAL, NULL },
    /* ERGBIS1003: an Extended Notification is on time only within the
     * extension granted (BGT0000000001 until 31/03/2025; nothing else) */
    { "ERGBIS1003 on the extension's last day passes",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE, "Extended Notification") },
      GENERAL, NULL, NULL, "31/03/2025" },
    { "ERGBIS1003 the day after the extension",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE, "Extended Notification") },
      GENERAL, "ERGBIS1003", "until 31/03/2025", "01/04/2025" },
    { "ERGBIS1003 no extension granted to the measure",
      { E(FLAT_LINK, COMPLETION_DATE, "15/01/2025"),
        E(FLAT_LINK, PURPOSE, "Extended Notification") },
      FLAT_LINK, "ERGBIS1003", "no extension was granted to BGT0000000004" },
    { "ERGBIS1003 within the original deadline needs no extension",
      { E(FLAT_LINK, COMPLETION_DATE, "15/02/2025"),
        E(FLAT_LINK, PURPOSE, "Extended Notification") },
      FLAT_LINK, NULL },
    { "1001 extension over (Oct 2024: deadline 30/11/2024, extension to 28/02/2025)",
      { E(GENERAL, COMPLETION_DATE, "15/10/2024"), E(GENERAL, PURPOSE,
                                                     "Automatic Late Extension") },
      GENERAL, "GBIS1001", "28/02/2025" },
    { "1000 one late of one completed in January: over 5%",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE,
                                                     "Automatic Late Extension") },
      GENERAL, "GBIS1000" },
    { "1000 one late of 19 + 1 completed in January: 1/20 = 5% fits",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE,
                                                     "Automatic Late Extension") },
      GENERAL, NULL, NULL, NULL, 19, 0 },
    { "1000 register already used the one place of 20",
      { E(GENERAL, COMPLETION_DATE, "15/01/2025"), E(GENERAL, PURPOSE,
                                                     "Automatic Late Extension") },
      GENERAL, "GBIS1000", NULL, NULL, 19, 1 },
    { "1004 edit of a measure never notified", { E(GENERAL, PURPOSE, "Edited Notification") },
      GENERAL, "GBIS1004" },
    { "1004 edit of a measure the register holds passes",
      { E(GENERAL, PURPOSE, "Edited Notification"), E(GENERAL, MRN, "BGT0000000901") }, GENERAL,
      NULL },
    { "1005 notified after 30/06/2026", { { 0 } }, GENERAL, "GBIS1005", NULL, "01/07/2026" },
};
#pragma GCC diagnostic pop

static void run_case(const struct s2case *k)
{
    er_gbis_row rows[N_ROWS];
    er_gbis_outcome out[N_ROWS];
    const er_gbis_failure *f;
    size_t i;

    memcpy(rows, base, sizeof rows);
    for (i = 0; i < 4 && k->edits[i].value; i++)
        rows[k->edits[i].row].col[k->edits[i].col] = k->edits[i].value;
    cited_mrn = k->cited_mrn;
    cited_by = k->cited_by;
    month_completed = k->completed;
    month_late = k->late;
    addresses_loaded = k->addresses;
    check(rows, k->today, out);
    addresses_loaded = false;
    if (!k->code) {
        assert_no_stage2(&out[k->row], k->what);
        return;
    }
    if (!out[k->row].stage2_run)
        fail_msg("%s: stage 1 failed, stage 2 did not run:%s", k->what,
                 failures_text(&out[k->row]));
    if (!(f = find(&out[k->row], k->code)))
        fail_msg("%s: %s expected, got:%s", k->what, k->code, failures_text(&out[k->row]));
    if (k->message && !strstr(f->message, k->message))
        fail_msg("%s: message \"%s\" lacks \"%s\"", k->what, f->message, k->message);
}

static void test_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

/* Runs the baseline with the general row changed, and says whether that
 * row failed `code`. */
static bool general_fails(const char *code, er_gbis_col col, const char *value, const char *today)
{
    er_gbis_row rows[N_ROWS];
    er_gbis_outcome out[N_ROWS];

    memcpy(rows, base, sizeof rows);
    rows[GENERAL].col[ER_GBIS_COMPLETION_DATE] = "18/10/2023";
    if (value)
        rows[GENERAL].col[col] = value;
    check(rows, today, out);
    assert_true(out[GENERAL].stage2_run);
    return find(&out[GENERAL], code) != NULL;
}

/* GBIS0705's edges and exceptions: the period's days are inclusive, the
 * notification end date is the last day in time; edits, extended
 * notifications and late extensions (any case) are not judged; and a
 * scheme without the three dates passes every row. */
static void test_0705_edges(void **state)
{
    er_date saved = scheme.backdated_to;

    (void)state;
    assert_true(general_fails("GBIS0705", ER_GBIS_COMPLETION_DATE, "31/12/2023", "01/02/2024"));
    assert_true(general_fails("GBIS0705", ER_GBIS_COMPLETION_DATE, "30/03/2023", "01/02/2024"));
    assert_false(general_fails("GBIS0705", ER_GBIS_COMPLETION_DATE, "01/01/2024", "01/02/2024"));
    assert_false(general_fails("GBIS0705", ER_GBIS_COMPLETION_DATE, NULL, "31/01/2024"));
    assert_true(general_fails("GBIS0705", ER_GBIS_PURPOSE, "new notification", "15/04/2024"));
    assert_false(general_fails("GBIS0705", ER_GBIS_PURPOSE, "Edited Notification", "01/02/2024"));
    assert_false(general_fails("GBIS0705", ER_GBIS_PURPOSE, "extended notification",
                               "01/02/2024"));
    assert_false(general_fails("GBIS0705", ER_GBIS_PURPOSE, "Automatic Late Extension",
                               "01/02/2024"));
    scheme.backdated_to = ER_DATE_NONE;
    assert_false(general_fails("GBIS0705", ER_GBIS_COMPLETION_DATE, NULL, "01/02/2024"));
    scheme.backdated_to = saved;
}

/* Without reference lists (no callback), every route and innovation
 * number but N/A fails, as Ofgem's rules fail them without a list. */
static void test_no_reference_lists(void **state)
{
    er_gbis_context c = { .notifying_supplier = "BGT", .scheme = &scheme };
    er_gbis_row rows[N_ROWS];
    er_gbis_outcome out[N_ROWS];

    (void)state;
    memcpy(rows, base, sizeof rows);
    rows[GENERAL].col[ER_GBIS_INNOVATION_NUMBER] = "001";
    c.reg.supplier_known = fake_supplier_known;
    c.reg.licence_holder = fake_licence_holder;
    c.reg.measure = fake_measure;
    assert_int_equal(er_date_parse_dmy(TODAY, &c.today), ER_OK);
    assert_int_equal(er_gbis_check(&c, rows, N_ROWS, out), ER_OK);
    assert_non_null(find(&out[GENERAL], "GBIS0720"));
    assert_non_null(find(&out[SUPPLIER_FLEX], "GBIS0900"));
    assert_null(find(&out[LA_FLEX], "GBIS0900")); /* N/A */
    assert_null(find(&out[HTH_LOFT], "GBIS0720")); /* N/A */
}

/* Every code of the stage 2 table is tripped by at least one case (the
 * format rules Ofgem also runs in stage 2, GBIS0501-0503 and TGBIS01xx,
 * are tested with stage 1, in test_gbis_stage1.c). */
static void test_every_code_has_a_case(void **state)
{
    const er_gbis_rule_info *info;
    size_t i, k;

    (void)state;
    for (i = 0; (info = er_gbis_rule_at(i)) != NULL; i++) {
        if (info->stage != 2 ||
            (strncmp(info->code, "GBIS05", 6) == 0 && strcmp(info->code, "GBIS0500") != 0) ||
            strncmp(info->code, "TGBIS", 5) == 0)
            continue;
        for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
            if (cases[k].code && strcmp(cases[k].code, info->code) == 0)
                break;
        if (k == sizeof cases / sizeof cases[0])
            fail_msg("%s has no failing case", info->code);
    }
}

/* ---- larger files: the file indexes (gbis_check.c) ---- */

/* What a row got, kept by er_gbis_check_each()'s callback: its codes and
 * the message of its first failure. */
struct got {
    bool stage2_run;
    size_t n;
    char code[4][12];
    char message[200];
};

#define BIG_ROWS 746
static er_gbis_row big[BIG_ROWS];
static char big_mrn[BIG_ROWS][4][14]; /* a row's MRN, then the MRNs it cites */
static struct got got[BIG_ROWS];

static void keep_got(void *ctx, size_t i, const er_gbis_outcome *o)
{
    struct got *g = &((struct got *)ctx)[i];
    size_t k;

    memset(g, 0, sizeof *g);
    g->stage2_run = o->stage2_run;
    g->n = o->n_failures;
    for (k = 0; k < o->n_failures && k < 4; k++)
        snprintf(g->code[k], sizeof g->code[k], "%s", o->failures[k].rule);
    if (o->n_failures)
        snprintf(g->message, sizeof g->message, "%s", o->failures[0].message);
}

static bool three_suppliers_known(void *ctx, const char *code)
{
    (void)ctx;
    return strcasecmp(code, "BGT") == 0 || strcasecmp(code, "EON") == 0 ||
           strcasecmp(code, "OVO") == 0;
}

/* Checks big[0..n) as one file; notifying_supplier NULL takes each row's
 * MRN prefix. */
static void check_big(size_t n, const char *notifying)
{
    er_gbis_context c = {
        .notifying_supplier = notifying,
        .scheme = &scheme,
        .reg = { .ctx = NULL,
                 .supplier_known = three_suppliers_known,
                 .licence_holder = fake_licence_holder,
                 .reference_has = fake_reference_has,
                 .measure = fake_measure,
                 .infill_cited_by = fake_cited_by,
                 .month_counts = fake_month_counts,
                 .extension_until = grant_all },
    };

    assert_int_equal(er_date_parse_dmy(TODAY, &c.today), ER_OK);
    assert_int_equal(er_gbis_check_each(&c, big, n, keep_got, got), ER_OK);
}

/* Asserts that row i got exactly `code` (NULL: nothing) and, if given, a
 * message containing `message`. */
static void expect_row(size_t i, const char *code, const char *message)
{
    const struct got *g = &got[i];

    if (!g->stage2_run)
        fail_msg("row %zu: stage 1 failed (%s: %s)", i, g->code[0], g->message);
    if (!code && g->n != 0)
        fail_msg("row %zu: no failure expected, got %zu (%s: %s)", i, g->n, g->code[0],
                 g->message);
    if (code && (g->n != 1 || strcmp(g->code[0], code) != 0))
        fail_msg("row %zu: %s alone expected, got %zu (%s: %s)", i, code, g->n, g->code[0],
                 g->message);
    if (message && !strstr(g->message, message))
        fail_msg("row %zu: message \"%s\" lacks \"%s\"", i, g->message, message);
}

/* How many rows of big[0..n) got `code` first. */
static size_t count_code(size_t n, const char *code)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += got[i].n > 0 && strcmp(got[i].code[0], code) == 0;
    return k;
}

/* The in-fill file, 746 rows, in file order:
 *   0-144    FL_0..FL_144, Help to Heat CWI flats in Tower House (the
 *            in-fill flats' associated measures), MRN BGT00000 10000 + x;
 *   145-444  HL_0..HL_299, Help to Heat EWI houses on Mill Road (the in-fill
 *            houses' associated measures), MRN 20000 + x;
 *   445-644  F_0..F_199, in-fill flats, MRN 30000 + j, citing one flat:
 *            j 0-99 FL_j (distinct); j 100-159 FL_100 + (j - 100) / 2 (30
 *            measures cited by 2 flats each); j 160-189 FL_130 + (j - 160) / 3
 *            (10 measures cited by 3 flats each); j 190-199 FL_140 + (j - 190)
 *            / 2, notified twice each under one MRN 30190 + (j - 190) / 2,
 *            lower-cased the second time (a re-notification: not "another"
 *            measure);
 *   645-744  H_0..H_99, in-fill houses, MRN 40000 + j, citing HL_3j, HL_3j+1,
 *            HL_3j+2, except: j 80-89 cite HL_3(j-70)+1 as measure 2 (as
 *            H_j-70 does), j 90-99 cite HL_3(j-90) as measure 3 (H_j-90's
 *            measure 1);
 *   745      G, a general group measure, MRN 50000, citing FL_0 as measure 2.
 * The register says BGT0000099999 cites FL_50.
 *
 * So, by hand, GBIS0623 (measure 1 cited by another measure) fails for
 * F_0 (by G), F_50 (by the register's BGT0000099999), F_100-159 (60: each
 * named by its pair's other flat), F_160-189 (30: the first of a triple
 * names the second, the others the first) and H_0-9 (10: named by
 * H_90-99): 102 rows; GBIS0624 for H_10-19 and H_80-89 (20, naming each
 * other); GBIS0625 for H_90-99 (10, naming H_0-9); GBIS0600 for G (a
 * general group measure citing an in-fill measure).  F_190-199 and every
 * other row pass. */
enum { FL = 0, HL = 145, F = 445, H = 645, G = 745 };

static const char *mrn_of(size_t row)
{
    return big[row].col[ER_GBIS_MRN];
}

static void cite(size_t row, int n, size_t target)
{
    snprintf(big_mrn[row][1 + n], sizeof big_mrn[row][1 + n], "%s", mrn_of(target));
    set(&big[row], ER_GBIS_INFILL_1 + n, big_mrn[row][1 + n]);
}

static void build_infill_file(void)
{
    size_t x, j;

    for (x = 0; x < 145; x++) {
        snprintf(big_mrn[FL + x][0], 14, "BGT%010zu", 10000 + x);
        help_to_heat(&big[FL + x], (long)(FL + x + 1), big_mrn[FL + x][0], "CWI_0.040");
        flat(&big[FL + x], "Flat 1", "Tower House", "Park Lane", "LS2 7EW");
        set(&big[FL + x], ER_GBIS_COMPLETION_DATE, "05/02/2025");
    }
    for (x = 0; x < 300; x++) {
        snprintf(big_mrn[HL + x][0], 14, "BGT%010zu", 20000 + x);
        help_to_heat(&big[HL + x], (long)(HL + x + 1), big_mrn[HL + x][0], "EWI_solid_1.7_0.3");
        house(&big[HL + x], "1", "Mill Road", "LS9 8AA");
        set(&big[HL + x], ER_GBIS_COMPLETION_DATE, "01/02/2025");
    }
    for (j = 0; j < 200; j++) {
        size_t link = j < 100 ? j : j < 160 ? 100 + (j - 100) / 2
                    : j < 190 ? 130 + (j - 160) / 3 : 140 + (j - 190) / 2;

        snprintf(big_mrn[F + j][0], 14, "%s%010zu", j >= 190 && j % 2 ? "bgt" : "BGT",
                 j < 190 ? 30000 + j : 30190 + (j - 190) / 2);
        in_fill(&big[F + j], (long)(F + j + 1), big_mrn[F + j][0], "CWI_0.040");
        flat(&big[F + j], "Flat 3", "Tower House", "Park Lane", "LS2 7EW");
        set(&big[F + j], ER_GBIS_COMPLETION_DATE, "12/02/2025");
        cite(F + j, 0, FL + link);
    }
    for (j = 0; j < 100; j++) {
        snprintf(big_mrn[H + j][0], 14, "BGT%010zu", 40000 + j);
        in_fill(&big[H + j], (long)(H + j + 1), big_mrn[H + j][0], "EWI_solid_1.7_0.3");
        house(&big[H + j], "7", "Mill Road", "LS9 8AB");
        set(&big[H + j], ER_GBIS_COMPLETION_DATE, "15/02/2025");
        cite(H + j, 0, HL + 3 * j);
        cite(H + j, 1, HL + (j >= 80 && j < 90 ? 3 * (j - 70) : 3 * j) + 1);
        cite(H + j, 2, j >= 90 ? HL + 3 * (j - 90) : HL + 3 * j + 2);
    }
    snprintf(big_mrn[G][0], 14, "BGT%010d", 50000);
    general(&big[G], G + 1, big_mrn[G][0]);
    cite(G, 1, FL + 0);
}

static void test_big_infill_file(void **state)
{
    char by[64];
    size_t x, j;

    (void)state;
    build_infill_file();
    cited_mrn = mrn_of(FL + 50);
    cited_by = "BGT0000099999";
    month_completed = month_late = 0;
    check_big(BIG_ROWS, "BGT");
    for (x = 0; x < 445; x++)
        expect_row(x, NULL, NULL);
    for (j = 0; j < 200; j++) {
        size_t other = j < 100 ? G : j < 160 ? F + (j ^ 1) : F + 160 + (j - 160) / 3 * 3;

        if (j >= 160 && j < 190 && (j - 160) % 3 == 0)
            other = F + j + 1;
        snprintf(by, sizeof by, "measure of %s", j == 50 ? "BGT0000099999" : mrn_of(other));
        if (j == 0 || j == 50 || (j >= 100 && j < 190))
            expect_row(F + j, "GBIS0623", by);
        else
            expect_row(F + j, NULL, NULL);
    }
    for (j = 0; j < 100; j++) {
        const char *code = j < 10 ? "GBIS0623" : j < 20 ? "GBIS0624" : j < 80 ? NULL
                         : j < 90 ? "GBIS0624" : "GBIS0625";
        size_t other = j < 10 ? j + 90 : j < 20 ? j + 70 : j < 90 ? j - 70 : j - 90;

        snprintf(by, sizeof by, "measure of %s", mrn_of(H + other));
        expect_row(H + j, code, code ? by : NULL);
    }
    expect_row(G, "GBIS0600", NULL);
    assert_int_equal(count_code(BIG_ROWS, "GBIS0623"), 102);
    assert_int_equal(count_code(BIG_ROWS, "GBIS0624"), 20);
    assert_int_equal(count_code(BIG_ROWS, "GBIS0625"), 10);
    assert_int_equal(count_code(BIG_ROWS, "GBIS0600"), 1);
    cited_mrn = cited_by = NULL;
}

/* The late-extension file, 300 rows, today 10/03/2025: row i is of
 * supplier s = i % 3 (BGT, EON, OVO; its Supplier_Reference that
 * supplier's licence), completed on the 15th of month
 * m = (i / 3) % 4 (Nov 2024, Dec 2024, Jan 2025, Feb 2025), and is the
 * k = i / 12'th (0-24) of the 25 rows of its (supplier, month), which
 * are spread through the file.  GBIS1000 judges an automatic late
 * extension once the deadline (end of the next month) has passed and the
 * extension (3 more months) has not: Nov, Dec and Jan completions; Feb's
 * deadline, 31/03/2025, is still to come.  A late extension fits when
 * late * 100 <= completed * 5 (er_deadline_late_fits: at most floor(5% of
 * completed)), counting the register's measures of the month, every row
 * of the file of the month (after this one too; edits excepted; rows
 * failing stage 1 included) and the late extensions up to this row.
 *   BGT: k 0-1 Edited Notification (not held: GBIS1004), late extensions
 *        at k = 2, 6, 10, 14, 18, 22, the rest Extended Notification:
 *        Nov, Dec: 23 completed, 115 >= 100 * late for late <= 1: k = 2
 *        fits, k = 6 (2 of 23) ... k = 22 (6 of 23) fail: 5 rows a month;
 *        Jan: the register adds 40 completed and 1 late: 63 completed,
 *        315: late <= 3: k = 2 (2 of 63), 6 (3) fit, k = 10 (4 of 63) ...
 *        22 (7 of 63) fail: 4 rows.  14 rows.
 *   EON: late extensions at odd k (12), the rest Extended; MRNs of k % 5 ==
 *        0 lower-cased ("eon...", the same supplier): 25 completed, 125:
 *        late <= 1: k = 1 fits, k = 3 (2 of 25) ... k = 23 (12 of 25)
 *        fail: 11 rows a month, 33.
 *   OVO: k 1-4 and 6 Edited (GBIS1004), late extensions at k = 0 and 24,
 *        the rest Extended; in Nov its k = 5 row (i = 62) has an unknown
 *        Measure_Type and fails stage 1, but still counts: 20 completed,
 *        100: late <= 1: k = 0 (1 of 20, exactly 5%, counting the 19 rows
 *        after it) fits, k = 24 (2 of 20) fails: 3 rows.
 * GBIS1000: 14 + 33 + 3 = 50 rows; GBIS1004: (2 + 5) * 4 = 28 rows;
 * stage 1: 1 row; the other 221 rows pass. */
static const char *const late_supplier[3] = { "BGT", "EON", "OVO" };
static const char *const late_licence[3] = { "BGT03078711E", "EON12345678A", "OVO87654321B" };

static const char *const late_date[4] = { "15/11/2024", "15/12/2024", "15/01/2025",
                                          "15/02/2025" };

static const char *late_purpose(int s, int k)
{
    if ((s == 0 && k < 2) || (s == 2 && ((k >= 1 && k <= 4) || k == 6)))
        return "Edited Notification";
    if ((s == 0 && k % 4 == 2) || (s == 1 && k % 2) || (s == 2 && (k == 0 || k == 24)))
        return "Automatic Late Extension";
    return "Extended Notification";
}

static void build_late_file(void)
{
    size_t i;

    for (i = 0; i < 300; i++) {
        int s = (int)(i % 3), m = (int)(i / 3 % 4), k = (int)(i / 12);

        snprintf(big_mrn[i][0], 14, "%s%010zu", s == 1 && k % 5 == 0 ? "eon" : late_supplier[s],
                 1000 + i);
        general(&big[i], (long)i + 1, big_mrn[i][0]);
        set(&big[i], ER_GBIS_SUPPLIER_REFERENCE, late_licence[s]);
        set(&big[i], ER_GBIS_COMPLETION_DATE, late_date[m]);
        set(&big[i], ER_GBIS_PURPOSE, late_purpose(s, k));
    }
    set(&big[62], ER_GBIS_MEASURE_TYPE, "Not_A_Measure");
}

/* The late extensions of the file judged over the allowance, by hand
 * (above): (supplier, month) -> the k that fail, with the message's
 * "late of completed". */
static bool late_fails(int s, int m, int k, char *want, size_t cap)
{
    static const int bgt[] = { 6, 10, 14, 18, 22 }, bgt_jan[] = { 10, 14, 18, 22 };
    size_t j;

    if (m == 3)
        return false;
    if (s == 0) {
        const int *a = m == 2 ? bgt_jan : bgt;
        size_t n = m == 2 ? 4 : 5;

        for (j = 0; j < n && a[j] != k; j++)
            ;
        if (j == n)
            return false;
        /* late: the register's, then 1 (k = 2) + the place of k */
        snprintf(want, cap, "%d late of %d measures", (m == 2) + 1 + (k - 2) / 4,
                 m == 2 ? 63 : 23);
        return true;
    }
    if (s == 1) {
        if (k % 2 == 0 || k == 1)
            return false;
        snprintf(want, cap, "%d late of 25 measures", (k + 1) / 2);
        return true;
    }
    if (k != 24)
        return false;
    snprintf(want, cap, "2 late of 20 measures");
    return true;
}

static void test_big_late_file(void **state)
{
    static const char *const month_text[4] = { "11/2024", "12/2024", "01/2025", "02/2025" };
    char want[64], full[96];
    size_t i;

    (void)state;
    build_late_file();
    cited_mrn = cited_by = NULL;
    month_completed = 40;
    month_late = 1;
    check_big(300, NULL);
    for (i = 0; i < 300; i++) {
        int s = (int)(i % 3), m = (int)(i / 3 % 4), k = (int)(i / 12);

        if (i == 62) {
            assert_false(got[i].stage2_run);
            assert_string_equal(got[i].code[0], "GBIS0107");
        } else if (late_fails(s, m, k, want, sizeof want)) {
            snprintf(full, sizeof full, "%s completed in %s", want, month_text[m]);
            expect_row(i, "GBIS1000", full);
        } else if (strcmp(late_purpose(s, k), "Edited Notification") == 0) {
            expect_row(i, "GBIS1004", NULL);
        } else {
            expect_row(i, NULL, NULL);
        }
    }
    assert_int_equal(count_code(300, "GBIS1000"), 50);
    assert_int_equal(count_code(300, "GBIS1004"), 28);
    month_completed = month_late = 0;
}

/* Each of the check's indexes fails cleanly when memory runs out: the
 * check returns ER_ENOMEM (and leaks nothing, under ASan). */
static void test_check_out_of_memory(void **state)
{
    er_gbis_context c = { .notifying_supplier = "BGT", .scheme = &scheme };
    er_gbis_row rows[N_ROWS];
    long at;

    (void)state;
    memcpy(rows, base, sizeof rows);
    assert_int_equal(er_date_parse_dmy(TODAY, &c.today), ER_OK);
    for (at = 0; at < 3; at++) {
        test_fail_allocation(at);
        assert_int_equal(er_gbis_check_each(&c, rows, N_ROWS, keep_got, got), ER_ENOMEM);
        test_fail_allocation(-1);
    }
    test_fail_allocation(3);
    assert_int_equal(er_gbis_check_each(&c, rows, N_ROWS, keep_got, got), ER_OK);
    test_fail_allocation(-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_passes),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_every_code_has_a_case),
        cmocka_unit_test(test_0705_edges),
        cmocka_unit_test(test_no_reference_lists),
        cmocka_unit_test(test_big_infill_file),
        cmocka_unit_test(test_big_late_file),
        cmocka_unit_test(test_check_out_of_memory),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
