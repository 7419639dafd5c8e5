/*
 * test_eco4_checks.c: the ECO4 project and measure checks
 * (src/core/eco4_checks.c) on one valid project row and one valid
 * measure row, and tables of one- to five-cell changes to them.  Each
 * case's expected codes are every code of ecoreg's tables the row fails,
 * in table order, worked out from the source cited beside it (RULES.md,
 * seeds 001, 002 and 004, the ECO4 Order), never from running the code.
 * Edges: the SAP band edges of RULES.md, the 27-month EPC window of seed
 * 001, the deadline of art. 44(1)(a)(ii) across a year end and a leap
 * February, the late extension of art. 44(1)(c) and its 5% of art.
 * 44(2)(c).
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "ecoreg/eco4.h"
#include "ecoreg/io.h"

static er_scheme s;

#define C10 "abcdefghij"
#define C50 C10 C10 C10 C10 C10
#define C150 C50 C50 C50

/* ---- baselines ---- */

/* A Help to Heat owner-occupied house in Leeds, band D (60.0 is Low_D,
 * RULES.md), with a pre-installation EPC of 01/09/2023, notified new. */
static const char *const project_new[ER_ECO4P_COL_COUNT] = {
    [ER_ECO4P_SUPPLIER_REFERENCE] = "ABC-P-0001",
    [ER_ECO4P_PROJECT_REF] = "ABC0000000001",
    [ER_ECO4P_PURPOSE] = "New Notification",
    [ER_ECO4P_BUILDING_NUMBER] = "12",
    [ER_ECO4P_BUILDING_NAME] = "N/A",
    [ER_ECO4P_FLAT] = "N/A",
    [ER_ECO4P_STREET] = "High Street",
    [ER_ECO4P_TOWN] = "Leeds",
    [ER_ECO4P_POST_CODE] = "LS1 4AB",
    [ER_ECO4P_UPRN] = "72617734",
    [ER_ECO4P_TENURE] = "Owner Occupied",
    [ER_ECO4P_PROPERTY] = "House",
    [ER_ECO4P_ELIGIBILITY_TYPE] = "Help to Heat Group",
    [ER_ECO4P_VERIFICATION_METHOD] = "DWP Match",
    [ER_ECO4P_DWP_REFERENCE] = "1234567890",
    [ER_ECO4P_LA_DECLARATION] = "N/A",
    [ER_ECO4P_ART21_DECLARATION] = "No",
    [ER_ECO4P_ELIGIBILITY_DATE] = "02/01/2024",
    [ER_ECO4P_STARTING_SAP] = "60.0",
    [ER_ECO4P_FLOOR_AREA] = "85",
    [ER_ECO4P_EPC_DATE] = "01/09/2023",
    [ER_ECO4P_EPC_RRN] = "1234-5678-9012-3456-7890",
    [ER_ECO4P_RURAL] = "No",
    [ER_ECO4P_OFF_GAS] = "No",
    [ER_ECO4P_INFILL_1] = "N/A",
    [ER_ECO4P_INFILL_2] = "N/A",
    [ER_ECO4P_INFILL_3] = "N/A",
    [ER_ECO4P_TM_PROJECT_REF] = "P123456",
    [ER_ECO4P_FINISHING_SAP] = "N/A",
    [ER_ECO4P_COMPLETION_DATE] = "N/A",
    [ER_ECO4P_TM_COMPLETED_CERT] = "N/A",
    [ER_ECO4P_POST_EPC_RRN] = "N/A",
};

/* The completion of project 4 (band D, 58.0): its stored measures were
 * completed 01/05/2024 and 10/05/2024, so it completed 10/05/2024 (ECO4
 * Order art. 2(2)(b)); finishing 70.0 is band C, which meets the
 * minimum requirement for a band D start (RULES.md, seed 002 2.3). */
static const char *project_completion[ER_ECO4P_COL_COUNT];

/* Loft insulation in project 1, completed 15/05/2024, notified new. */
static const char *const measure_new[ER_ECO4M_COL_COUNT] = {
    [ER_ECO4M_SUPPLIER_REFERENCE] = "ABC-M-0011",
    [ER_ECO4M_MRN] = "ABC0000000011",
    [ER_ECO4M_PROJECT_REF] = "ABC0000000001",
    [ER_ECO4M_MEASURE_TYPE] = "LI_lessequal100",
    [ER_ECO4M_PURPOSE] = "New Notification",
    [ER_ECO4M_EXTENSION_REF] = "N/A",
    [ER_ECO4M_COMPLETION_DATE] = "15/05/2024",
    [ER_ECO4M_METHODOLOGY] = "Standard",
    [ER_ECO4M_POPT] = "67+",
    [ER_ECO4M_PRE_HEATING] = "N/A",
    [ER_ECO4M_POST_HEATING] = "N/A",
    [ER_ECO4M_INNOVATION_NUMBER] = "N/A",
    [ER_ECO4M_PRE_EXISTING_INSULATION] = "N/A",
    [ER_ECO4M_INSTALLER] = "Warm Homes Ltd",
    [ER_ECO4M_TM_LICENCE] = "123456789012",
    [ER_ECO4M_TM_MEASURE_REF] = "UMR0000011",
    [ER_ECO4M_TM_CERTIFICATE] = "A12345-1",
};

/* ---- the register ---- */

/* Stored projects: reference, state, starting SAP, pre-installation EPC. */
static const struct {
    const char *ref, *state, *sap, *epc;
} held_projects[] = {
    { "ABC0000000001", "checks_passed", "60.0", "01/09/2023" }, /* band D, no measures */
    { "ABC0000000002", "notified", "60.0", "01/09/2023" },
    { "ABC0000000003", "rejected", "60.0", "01/09/2023" },
    { "ABC0000000004", "checks_passed", "58.0", "01/09/2023" }, /* band D, 2 insulation */
    { "ABC0000000005", "checks_passed", "45.0", "N/A" },        /* band E */
    { "ABC0000000006", "fps_awarded", "45.0", "N/A" },
    { "ABC0000000008", "completed", "45.0", "N/A" },
    { "ABC0000000009", "completed", "45.0", "N/A" },
    { "ABC0000000010", "checks_passed", "45.0", "15/02/2022" },
    { "ABC0000000011", "checks_passed", "45.0", "01/02/2022" },
};
#define N_HELD (sizeof held_projects / sizeof held_projects[0])

/* Stored measures: MRN, project, type, completion date, state. */
static const struct {
    const char *mrn, *project, *type, *date, *state;
} held_measures[] = {
    { "ABC0000000101", "ABC0000000004", "LI_lessequal100", "01/05/2024", "approved" },
    { "ABC0000000102", "ABC0000000004", "CWI_0.040", "10/05/2024", "approved" },
    { "ABC0000000108", "ABC0000000008", "LI_lessequal100", "01/04/2026", "notified" },
    { "ABC0000000109", "ABC0000000009", "LI_lessequal100", "31/03/2026", "approved" },
    { "ABC0000000111", "ABC0000000011", "LI_lessequal100", "01/05/2024", "approved" },
    { "ABC0000000099", "ABC0000000005", "LI_lessequal100", "15/05/2024", "approved" },
};
#define N_STORED (sizeof held_measures / sizeof held_measures[0])

static er_eco4_project_row project_rows[N_HELD];
static er_eco4_measure_row measure_rows[N_STORED];
static long month_completed, month_late; /* the register's counts for any month */

static bool known(void *ctx, const char *code)
{
    (void)ctx;
    return strcmp(code, "ABC") == 0 || strcmp(code, "XYZ") == 0;
}

static const char *project_state(void *ctx, const char *ref)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < N_HELD; i++)
        if (strcmp(held_projects[i].ref, ref) == 0)
            return held_projects[i].state;
    return NULL;
}

static const er_eco4_project_row *project(void *ctx, const char *ref)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < N_HELD; i++)
        if (strcmp(held_projects[i].ref, ref) == 0)
            return &project_rows[i];
    return NULL;
}

static const er_eco4_measure_row *project_measure(void *ctx, const char *ref, size_t k)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < N_STORED; i++)
        if (strcmp(held_measures[i].project, ref) == 0 && k-- == 0)
            return &measure_rows[i];
    return NULL;
}

static const char *measure_state(void *ctx, const char *mrn)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < N_STORED; i++)
        if (strcmp(held_measures[i].mrn, mrn) == 0)
            return held_measures[i].state;
    return NULL;
}

static void counts(void *ctx, const char *supplier, int y, int m, long *completed, long *late)
{
    (void)ctx, (void)supplier, (void)y, (void)m;
    *completed = month_completed;
    *late = month_late;
}

static er_date day(const char *dmy)
{
    er_date d = ER_DATE_NONE;

    assert_int_equal(er_date_parse_dmy(dmy, &d), ER_OK);
    return d;
}

#define TODAY "20/06/2024"

static er_eco4_context context(void)
{
    er_eco4_context c = { .notifying_supplier = "ABC",
                          .scheme = &s,
                          .reg = { .supplier_known = known,
                                   .project_state = project_state,
                                   .project = project,
                                   .project_measure = project_measure,
                                   .measure_state = measure_state,
                                   .month_counts = counts } };

    c.today = day(TODAY);
    return c;
}

static int setup(void **state)
{
    er_error err;
    size_t i;

    (void)state;
    if (er_scheme_load(ECOREG_DATADIR, ER_SCHEME_ECO4, NULL, &s, &err)) {
        fprintf(stderr, "eco4 scheme: %s: %s\n", err.field, err.message);
        return -1;
    }
    memcpy(project_completion, project_new, sizeof project_completion);
    project_completion[ER_ECO4P_PROJECT_REF] = "ABC0000000004";
    project_completion[ER_ECO4P_PURPOSE] = "Completion Notification";
    project_completion[ER_ECO4P_STARTING_SAP] = "58.0";
    project_completion[ER_ECO4P_FINISHING_SAP] = "70.0";
    project_completion[ER_ECO4P_COMPLETION_DATE] = "10/05/2024";
    project_completion[ER_ECO4P_TM_COMPLETED_CERT] = "C12345-Z";
    for (i = 0; i < N_HELD; i++) {
        memcpy(project_rows[i].col, project_new, sizeof project_rows[i].col);
        project_rows[i].col[ER_ECO4P_PROJECT_REF] = held_projects[i].ref;
        project_rows[i].col[ER_ECO4P_STARTING_SAP] = held_projects[i].sap;
        project_rows[i].col[ER_ECO4P_EPC_DATE] = held_projects[i].epc;
        if (strcmp(held_projects[i].epc, "N/A") == 0)
            project_rows[i].col[ER_ECO4P_EPC_RRN] = "N/A";
    }
    for (i = 0; i < N_STORED; i++) {
        memcpy(measure_rows[i].col, measure_new, sizeof measure_rows[i].col);
        measure_rows[i].col[ER_ECO4M_MRN] = held_measures[i].mrn;
        measure_rows[i].col[ER_ECO4M_PROJECT_REF] = held_measures[i].project;
        measure_rows[i].col[ER_ECO4M_MEASURE_TYPE] = held_measures[i].type;
        measure_rows[i].col[ER_ECO4M_COMPLETION_DATE] = held_measures[i].date;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    er_scheme_clear(&s);
    return 0;
}

/* ---- running a row ---- */

/* Every code any case saw fail, " CODE CODE ... ", for
 * test_every_code_tripped. */
static char tripped[4096] = " ";

static void note_tripped(const char *code)
{
    char key[16];
    size_t at = strlen(tripped);

    snprintf(key, sizeof key, " %s ", code);
    if (!strstr(tripped, key))
        snprintf(tripped + at, sizeof tripped - at, "%s ", code);
}

/* The codes of o's failures, space-separated, into got; checks that each
 * message names the column the failure gives. */
static void codes_of(er_eco4_template t, const er_eco4_outcome *o, char *got, size_t cap)
{
    size_t i, at = 0;

    got[0] = '\0';
    assert_true(o->n_failures <= ER_ECO4_FAILURES_MAX);
    for (i = 0; i < o->n_failures; i++) {
        const er_eco4_failure *f = &o->failures[i];
        const char *col = t == ER_ECO4_PROJECTS ? er_eco4_project_column_name(f->column)
                                                : er_eco4_measure_column_name(f->column);

        if (!strstr(f->message, col))
            fail_msg("%s: message '%s' does not name its column %s", f->rule, f->message, col);
        at += (size_t)snprintf(got + at, cap - at, "%s%s", at ? " " : "", f->rule);
        note_tripped(f->rule);
    }
}

#define MAX_SET 5

struct set {
    int col;
    const char *value; /* NULL: unused */
};

/* notifying: NULL keeps "ABC"; NOBODY passes NULL (each row's own prefix). */
static const char NOBODY[] = "(nobody)";

struct pcase {
    const char *about;       /* the rule (or edge) the case is about */
    const char *const *base; /* NULL: project_new */
    struct set set[MAX_SET];
    const char *today;  /* NULL: TODAY */
    const char *expect; /* codes failing, table order; "" none */
    er_eco4_mr mr;      /* the minimum requirement outcome */
    const char *notifying;
    int ref_digits;
};

#define CMP project_completion /* (filled by setup) */

#define P(c, v)                                                                                    \
    {                                                                                              \
        ER_ECO4P_##c, v                                                                            \
    }
#define NA ER_ECO4_MR_NOT_ASSESSED
#define MET ER_ECO4_MR_MET
#define NOT_MET ER_ECO4_MR_NOT_MET

static const struct pcase pcases[] = {
    /* the baselines pass everything */
    { "baseline new", NULL, { { 0 } }, NULL, "", NA, NULL, 0 },
    { "baseline completion", CMP, { { 0 } }, NULL, "", MET, NULL, 0 },
    /* 0100: seed 002 4.5, 4.24: New, Edited, Completion; case ignored */
    { "0100", NULL, { P(PURPOSE, "Final Notification") }, NULL, "ECO4P0100", NA, NULL, 0 },
    { "0100", NULL, { P(PURPOSE, "") }, NULL, "ECO4P0100", NA, NULL, 0 },
    { "0100", CMP, { P(PURPOSE, "completion notification") }, NULL, "", MET, NULL, 0 },
    /* 0101: RULES.md: 3 letters + 10 digits; 0102/0103 read the first 3 */
    { "0101", NULL, { P(PROJECT_REF, "ABC123") }, NULL, "ECO4P0101", NA, NULL, 0 },
    { "0101",
      NULL,
      { P(PROJECT_REF, "AB10000000001") },
      NULL,
      "ECO4P0101 ECO4P0102 ECO4P0103",
      NA,
      NULL,
      0 },
    { "0101", NULL, { P(PROJECT_REF, "abc0000000001") }, NULL, "", NA, NULL, 0 },
    /* 0101 with the scheme's pattern configured to 7 digits (seed 002
     * 4.19's XYZNNNNNNN) */
    { "0101", NULL, { P(PROJECT_REF, "ABC1234567") }, NULL, "", NA, NULL, 7 },
    { "0101", NULL, { { 0 } }, NULL, "ECO4P0101", NA, NULL, 7 },
    /* 0102: a known supplier's prefix; 0103: the notifying supplier's */
    { "0102", NULL, { P(PROJECT_REF, "QQQ0000000001") }, NULL, "ECO4P0102 ECO4P0103", NA, NULL, 0 },
    { "0102", NULL, { P(PROJECT_REF, "xyz0000000001") }, NULL, "", NA, "XYZ", 0 },
    { "0103", NULL, { P(PROJECT_REF, "XYZ0000000001") }, NULL, "ECO4P0103", NA, NULL, 0 },
    { "0103", NULL, { P(PROJECT_REF, "XYZ0000000001") }, NULL, "", NA, NOBODY, 0 },
    /* 0105: seed 002 4.5: an edit or completion of a held project; a
     * project not held has no notified measures either (0304) */
    { "0105", CMP, { P(PROJECT_REF, "ABC0000000007") }, NULL, "ECO4P0105 ECO4P0304", NA, NULL, 0 },
    { "0105",
      NULL,
      { P(PURPOSE, "Edited Notification"), P(PROJECT_REF, "ABC0000000007") },
      NULL,
      "ECO4P0105",
      NA,
      NULL,
      0 },
    { "0105", NULL, { P(PURPOSE, "Edited Notification") }, NULL, "", NA, NULL, 0 },
    /* 0110-0113: seed 002 4.10 address; Ofgem's postcode and UPRN */
    { "0110", NULL, { P(BUILDING_NUMBER, "N/A") }, NULL, "ECO4P0110", NA, NULL, 0 },
    { "0110",
      NULL,
      { P(BUILDING_NUMBER, ""), P(BUILDING_NAME, "Rose Cottage") },
      NULL,
      "",
      NA,
      NULL,
      0 },
    { "0111", NULL, { P(TOWN, "") }, NULL, "ECO4P0111", NA, NULL, 0 },
    { "0111", NULL, { P(TOWN, "n/a") }, NULL, "ECO4P0111", NA, NULL, 0 },
    { "0112", NULL, { P(POST_CODE, "ls1 4ab") }, NULL, "ECO4P0112", NA, NULL, 0 },
    { "0112", NULL, { P(POST_CODE, "LS14AB") }, NULL, "ECO4P0112", NA, NULL, 0 },
    { "0112", NULL, { P(POST_CODE, "SW1A 1AA") }, NULL, "", NA, NULL, 0 },
    { "0113", NULL, { P(UPRN, "1234567890123") }, NULL, "ECO4P0113", NA, NULL, 0 },
    { "0113", NULL, { P(UPRN, "12a") }, NULL, "ECO4P0113", NA, NULL, 0 },
    { "0113", NULL, { P(UPRN, "N/A") }, NULL, "", NA, NULL, 0 },
    { "0113", NULL, { P(UPRN, "123456789012") }, NULL, "", NA, NULL, 0 },
    /* 0120-0122: the accepted values, case ignored */
    { "0120", NULL, { P(TENURE, "Private Rented") }, NULL, "ECO4P0120", NA, NULL, 0 },
    { "0120", NULL, { P(TENURE, "private rented sector") }, NULL, "", NA, NULL, 0 },
    { "0121", NULL, { P(PROPERTY, "Caravan") }, NULL, "ECO4P0121", NA, NULL, 0 },
    { "0121", NULL, { P(PROPERTY, "Park Home") }, NULL, "", NA, NULL, 0 },
    { "0122", NULL, { P(ELIGIBILITY_TYPE, "General Group") }, NULL, "ECO4P0122", NA, NULL, 0 },
    { "0122", NULL, { P(ELIGIBILITY_TYPE, "LA Flex") }, NULL, "", NA, NULL, 0 },
    /* 0123: seed 002 glossary, 1 to 100; one decimal (RULES.md); an
     * unreadable rating is not judged for its band (0200) */
    { "0123", NULL, { P(STARTING_SAP, "60.05") }, NULL, "ECO4P0123", NA, NULL, 0 },
    { "0123", NULL, { P(STARTING_SAP, "0.9") }, NULL, "ECO4P0123", NA, NULL, 0 },
    { "0123", NULL, { P(STARTING_SAP, "100.1") }, NULL, "ECO4P0123", NA, NULL, 0 },
    { "0123", NULL, { P(STARTING_SAP, "abc") }, NULL, "ECO4P0123", NA, NULL, 0 },
    { "0123", NULL, { P(STARTING_SAP, "1.0") }, NULL, "", NA, NULL, 0 },
    { "0123", NULL, { P(STARTING_SAP, "60") }, NULL, "", NA, NULL, 0 },
    /* 0124: RULES.md: a whole number */
    { "0124", NULL, { P(FLOOR_AREA, "85.5") }, NULL, "ECO4P0124", NA, NULL, 0 },
    { "0124", NULL, { P(FLOOR_AREA, "0") }, NULL, "ECO4P0124", NA, NULL, 0 },
    { "0124", NULL, { P(FLOOR_AREA, "12345") }, NULL, "ECO4P0124", NA, NULL, 0 },
    { "0124", NULL, { P(FLOOR_AREA, "9999") }, NULL, "", NA, NULL, 0 },
    /* 0125-0127: Yes/No flags (RULES.md "Notification") */
    { "0125", NULL, { P(RURAL, "Y") }, NULL, "ECO4P0125", NA, NULL, 0 },
    { "0125", NULL, { P(RURAL, "yes") }, NULL, "", NA, NULL, 0 },
    { "0126", NULL, { P(OFF_GAS, "") }, NULL, "ECO4P0126", NA, NULL, 0 },
    { "0126", NULL, { P(OFF_GAS, "Yes") }, NULL, "", NA, NULL, 0 },
    { "0127", NULL, { P(ART21_DECLARATION, "N/A") }, NULL, "ECO4P0127", NA, NULL, 0 },
    { "0127", NULL, { P(ART21_DECLARATION, "Yes") }, NULL, "", NA, NULL, 0 },
    /* 0128: dd/MM/yyyy (RULES.md) or N/A */
    { "0128", NULL, { P(ELIGIBILITY_DATE, "2024-01-02") }, NULL, "ECO4P0128", NA, NULL, 0 },
    { "0128", NULL, { P(ELIGIBILITY_DATE, "N/A") }, NULL, "", NA, NULL, 0 },
    /* 0129: an EPC issued by the notification date (20/06/2024) */
    { "0129", NULL, { P(EPC_DATE, "31/02/2023") }, NULL, "ECO4P0129", NA, NULL, 0 },
    { "0129", NULL, { P(EPC_DATE, "21/06/2024") }, NULL, "ECO4P0129", NA, NULL, 0 },
    { "0129", NULL, { P(EPC_DATE, "20/06/2024") }, NULL, "", NA, NULL, 0 },
    { "0129", NULL, { P(EPC_DATE, "N/A"), P(EPC_RRN, "N/A") }, NULL, "", NA, NULL, 0 },
    /* 0130: the EPC's reference exactly with its date */
    { "0130", NULL, { P(EPC_DATE, "N/A") }, NULL, "ECO4P0130", NA, NULL, 0 },
    { "0130", NULL, { P(EPC_RRN, "N/A") }, NULL, "ECO4P0130", NA, NULL, 0 },
    { "0130", NULL, { P(EPC_RRN, "1234567890123456789") }, NULL, "ECO4P0130", NA, NULL, 0 },
    /* 0131, 0132: seed 002 4.10 supporting projects for in-fill */
    { "0131", NULL, { P(INFILL_1, "ABC12") }, NULL, "ECO4P0131 ECO4P0132", NA, NULL, 0 },
    { "0131",
      NULL,
      { P(ELIGIBILITY_TYPE, "In-fill"), P(INFILL_1, "bad") },
      NULL,
      "ECO4P0131",
      NA,
      NULL,
      0 },
    { "0131",
      NULL,
      { P(ELIGIBILITY_TYPE, "In-fill"), P(INFILL_2, "XYZ0000000009") },
      NULL,
      "",
      NA,
      NULL,
      0 },
    { "0132", NULL, { P(ELIGIBILITY_TYPE, "In-fill") }, NULL, "ECO4P0132", NA, NULL, 0 },
    { "0132", NULL, { P(INFILL_3, "ABC0000000002") }, NULL, "ECO4P0132", NA, NULL, 0 },
    /* 0133: Ofgem's TrustMark project reference, a letter and 4-7 digits */
    { "0133", NULL, { P(TM_PROJECT_REF, "P123") }, NULL, "ECO4P0133", NA, NULL, 0 },
    { "0133", NULL, { P(TM_PROJECT_REF, "p1234567") }, NULL, "", NA, NULL, 0 },
    { "0133", NULL, { P(TM_PROJECT_REF, "N/A") }, NULL, "", NA, NULL, 0 },
    /* 0200: seed 002 2.3: band C or higher is not eligible; band D is
     * 54.5-68.4 (RULES.md); in-fill up to High B (seed 002 2.10), B is
     * 80.5-91.4 */
    { "0200", NULL, { P(STARTING_SAP, "68.4") }, NULL, "", NA, NULL, 0 },
    { "0200", NULL, { P(STARTING_SAP, "68.5") }, NULL, "ECO4P0200", NA, NULL, 0 },
    { "0200", NULL, { P(STARTING_SAP, "100.0") }, NULL, "ECO4P0200", NA, NULL, 0 },
    { "0200",
      NULL,
      { P(ELIGIBILITY_TYPE, "In-fill"), P(INFILL_1, "ABC0000000002"), P(STARTING_SAP, "91.4") },
      NULL,
      "",
      NA,
      NULL,
      0 },
    { "0200",
      NULL,
      { P(ELIGIBILITY_TYPE, "In-fill"), P(INFILL_1, "ABC0000000002"), P(STARTING_SAP, "91.5") },
      NULL,
      "ECO4P0200",
      NA,
      NULL,
      0 },
    /* 0300: the finishing rating, on a completion or wherever given; a
     * New Notification carries none (0308) */
    { "0300", CMP, { P(FINISHING_SAP, "N/A") }, NULL, "ECO4P0300", NA, NULL, 0 },
    { "0300", CMP, { P(FINISHING_SAP, "70.05") }, NULL, "ECO4P0300", NA, NULL, 0 },
    { "0300", NULL, { P(FINISHING_SAP, "abc") }, NULL, "ECO4P0300 ECO4P0308", NA, NULL, 0 },
    { "0300",
      NULL,
      { P(PURPOSE, "Edited Notification"), P(FINISHING_SAP, "70.0") },
      NULL,
      "",
      NA,
      NULL,
      0 },
    /* 0301-0303: the completion date, its format, not future, inside
     * 01/04/2022-31/03/2026 (eco4.json completion_dates) */
    { "0301", CMP, { P(COMPLETION_DATE, "2024-05-10") }, NULL, "ECO4P0301", NA, NULL, 0 },
    { "0302", CMP, { P(COMPLETION_DATE, "21/06/2024") }, NULL, "ECO4P0302 ECO4P0304", NA, NULL, 0 },
    { "0302", CMP, { P(COMPLETION_DATE, "20/06/2024") }, NULL, "ECO4P0304", NA, NULL, 0 },
    { "0303",
      CMP,
      { P(PROJECT_REF, "ABC0000000008"), P(COMPLETION_DATE, "01/04/2026") },
      "10/04/2026",
      "ECO4P0303",
      NA,
      NULL,
      0 },
    { "0303",
      CMP,
      { P(PROJECT_REF, "ABC0000000009"), P(COMPLETION_DATE, "31/03/2026") },
      "10/04/2026",
      "",
      MET,
      NULL,
      0 },
    /* 0304: art. 2(2)(b): the last notified measure's date, 10/05/2024 */
    { "0304", CMP, { P(COMPLETION_DATE, "09/05/2024") }, NULL, "ECO4P0304", NA, NULL, 0 },
    { "0304", CMP, { P(PROJECT_REF, "ABC0000000001") }, NULL, "ECO4P0304", NA, NULL, 0 },
    /* 0305-0307: seed 002 4.22: TrustMark certificate or post-retrofit EPC */
    { "0305", CMP, { P(TM_COMPLETED_CERT, "N/A") }, NULL, "ECO4P0305", NA, NULL, 0 },
    { "0305",
      CMP,
      { P(TM_COMPLETED_CERT, "N/A"), P(POST_EPC_RRN, "1234-5678-9012-3456-7890") },
      NULL,
      "",
      MET,
      NULL,
      0 },
    { "0306", CMP, { P(TM_COMPLETED_CERT, "C12345-1") }, NULL, "ECO4P0306", NA, NULL, 0 },
    { "0306", CMP, { P(TM_COMPLETED_CERT, "c1234567-z") }, NULL, "", MET, NULL, 0 },
    { "0307", CMP, { P(POST_EPC_RRN, "12345678") }, NULL, "ECO4P0307", NA, NULL, 0 },
    /* 0308: seed 002 4.7, 4.24: completion data comes with the completion */
    { "0308", NULL, { P(TM_COMPLETED_CERT, "C12345-Z") }, NULL, "ECO4P0308", NA, NULL, 0 },
    { "0308", NULL, { P(COMPLETION_DATE, "10/05/2024") }, NULL, "ECO4P0308", NA, NULL, 0 },
    /* the minimum requirement, judged on a completion that passed every
     * rule (RULES.md; seed 002 2.3: G/F to D or better,
     * E/D to C or better; D from 54.5, C from 68.5): an outcome, never a
     * failure (seed 002 4.17: without it the PPS stand) */
    { "MR D->C", CMP, { P(FINISHING_SAP, "68.5") }, NULL, "", MET, NULL, 0 },
    { "MR D->D", CMP, { P(FINISHING_SAP, "68.4") }, NULL, "", NOT_MET, NULL, 0 },
    { "MR E->C",
      CMP,
      { P(STARTING_SAP, "45.0"), P(FINISHING_SAP, "68.5") },
      NULL,
      "",
      MET,
      NULL,
      0 },
    { "MR E->D",
      CMP,
      { P(STARTING_SAP, "45.0"), P(FINISHING_SAP, "68.4") },
      NULL,
      "",
      NOT_MET,
      NULL,
      0 },
    { "MR F->D",
      CMP,
      { P(STARTING_SAP, "38.4"), P(FINISHING_SAP, "54.5") },
      NULL,
      "",
      MET,
      NULL,
      0 },
    { "MR F->E",
      CMP,
      { P(STARTING_SAP, "38.4"), P(FINISHING_SAP, "54.4") },
      NULL,
      "",
      NOT_MET,
      NULL,
      0 },
    { "MR G->D",
      CMP,
      { P(STARTING_SAP, "20.4"), P(FINISHING_SAP, "54.5") },
      NULL,
      "",
      MET,
      NULL,
      0 },
    { "MR G->E",
      CMP,
      { P(STARTING_SAP, "20.4"), P(FINISHING_SAP, "54.4") },
      NULL,
      "",
      NOT_MET,
      NULL,
      0 },
};

static void build(const char *const *base, const struct set *set, int ncols, const char **cols)
{
    int j;

    memcpy(cols, base, (size_t)ncols * sizeof *cols);
    for (j = 0; j < MAX_SET && set[j].value; j++)
        cols[set[j].col] = set[j].value;
}

static void test_project_cases(void **state)
{
    size_t i, nfail = 0;

    (void)state;
    for (i = 0; i < sizeof pcases / sizeof pcases[0]; i++) {
        const struct pcase *k = &pcases[i];
        er_eco4_context c = context();
        er_eco4_project_row r = { .row = 1 };
        er_eco4_outcome o;
        char got[256];

        build(k->base ? k->base : project_new, k->set, ER_ECO4P_COL_COUNT, r.col);
        if (k->today)
            c.today = day(k->today);
        if (k->notifying)
            c.notifying_supplier = k->notifying == NOBODY ? NULL : k->notifying;
        c.ref_digits = k->ref_digits;
        assert_int_equal(er_eco4_check_projects(&c, &r, 1, &o), ER_OK);
        codes_of(ER_ECO4_PROJECTS, &o, got, sizeof got);
        if (strcmp(got, k->expect) != 0 || o.minimum_requirement != k->mr) {
            print_error("project case %zu (%s): got \"%s\" mr %d, want \"%s\" mr %d\n", i, k->about,
                        got, (int)o.minimum_requirement, k->expect, (int)k->mr);
            nfail++;
        }
    }
    assert_int_equal(nfail, 0);
}

struct mcase {
    const char *about;
    struct set set[MAX_SET];
    const char *today;    /* NULL: TODAY */
    long completed, late; /* the register's counts for the completion month */
    const char *expect;
    const char *notifying;
};

#define M(c, v)                                                                                    \
    {                                                                                              \
        ER_ECO4M_##c, v                                                                            \
    }
/* A boiler upgrade with heating controls already present: a heating
 * measure of the Boiler category (ECO4 Order art. 2) */
#define BOILER                                                                                     \
    M(MEASURE_TYPE, "B_Upgrade_preHCs"), M(PRE_HEATING, "Non Condensing Gas Boiler"),              \
        M(POST_HEATING, "Condensing Gas Boiler")

static const struct mcase mcases[] = {
    { "baseline", { { 0 } }, NULL, 0, 0, "", NULL },
    /* 0100: accepted purposes, case ignored; an automatic late extension
     * notified on time is not late (art. 44) */
    { "0100", { M(PURPOSE, "Late Notification") }, NULL, 0, 0, "ECO4M0100", NULL },
    { "0100", { M(PURPOSE, "automatic late extension") }, NULL, 0, 0, "", NULL },
    /* 0101-0103: RULES.md MRN: 3 letters + 10 digits, the notifying
     * supplier's prefix; 0106: the project's prefix is the MRN's */
    { "0101", { M(MRN, "ABC123") }, NULL, 0, 0, "ECO4M0101", NULL },
    { "0101",
      { M(MRN, "AB10000000011") },
      NULL,
      0,
      0,
      "ECO4M0101 ECO4M0102 ECO4M0103 ECO4M0106",
      NULL },
    { "0101", { M(MRN, "abc0000000011") }, NULL, 0, 0, "", NULL },
    { "0102", { M(MRN, "QQQ0000000011") }, NULL, 0, 0, "ECO4M0102 ECO4M0103 ECO4M0106", NULL },
    { "0102",
      { M(MRN, "xyz0000000011"), M(PROJECT_REF, "XYZ0000000001") },
      NULL,
      0,
      0,
      "ECO4M0200",
      "XYZ" },
    { "0103", { M(MRN, "XYZ0000000011") }, NULL, 0, 0, "ECO4M0103 ECO4M0106", NULL },
    { "0103", { M(MRN, "XYZ0000000011") }, NULL, 0, 0, "ECO4M0106", NOBODY },
    /* 0105, 0106: the project reference's form and supplier; a project
     * the register does not hold fails 0200 */
    { "0105", { M(PROJECT_REF, "ABC00000001") }, NULL, 0, 0, "ECO4M0105 ECO4M0200", NULL },
    { "0106", { M(PROJECT_REF, "XYZ0000000001") }, NULL, 0, 0, "ECO4M0106 ECO4M0200", NULL },
    /* 0110: a PPS matrix measure type (PPS v6), unless scored otherwise */
    { "0110", { M(MEASURE_TYPE, "LI_999") }, NULL, 0, 0, "ECO4M0110", NULL },
    { "0110", { M(MEASURE_TYPE, "") }, NULL, 0, 0, "ECO4M0110", NULL },
    { "0110", { M(MEASURE_TYPE, "CWI_0.040") }, NULL, 0, 0, "", NULL },
    { "0110",
      { M(METHODOLOGY, "Alternative"), M(MEASURE_TYPE, "Novel_Thing") },
      NULL,
      0,
      0,
      "",
      NULL },
    /* 0111-0113: completion date dd/MM/yyyy, not after the notification,
     * inside 01/04/2022-31/03/2026 (project 6 has no EPC to judge) */
    { "0111", { M(COMPLETION_DATE, "2024-05-15") }, NULL, 0, 0, "ECO4M0111", NULL },
    { "0111", { M(COMPLETION_DATE, "31/04/2024") }, NULL, 0, 0, "ECO4M0111", NULL },
    { "0112", { M(COMPLETION_DATE, "21/06/2024") }, NULL, 0, 0, "ECO4M0112", NULL },
    { "0112", { M(COMPLETION_DATE, "20/06/2024") }, NULL, 0, 0, "", NULL },
    { "0113",
      { M(PROJECT_REF, "ABC0000000006"), M(COMPLETION_DATE, "31/03/2022") },
      "15/04/2022",
      0,
      0,
      "ECO4M0113",
      NULL },
    { "0113",
      { M(PROJECT_REF, "ABC0000000006"), M(COMPLETION_DATE, "01/04/2022") },
      "15/04/2022",
      0,
      0,
      "",
      NULL },
    { "0113",
      { M(PROJECT_REF, "ABC0000000006"), M(COMPLETION_DATE, "31/03/2026") },
      "10/04/2026",
      0,
      0,
      "",
      NULL },
    { "0113",
      { M(PROJECT_REF, "ABC0000000006"), M(COMPLETION_DATE, "01/04/2026") },
      "10/04/2026",
      0,
      0,
      "ECO4M0113",
      NULL },
    /* 0114: Standard, Alternative, Data Light (arts. 71, 72) */
    { "0114", { M(METHODOLOGY, "Deemed") }, NULL, 0, 0, "ECO4M0114", NULL },
    { "0114", { M(METHODOLOGY, "data light") }, NULL, 0, 0, "", NULL },
    /* 0115: RULES.md: POPT 1-66 or 67+ */
    { "0115", { M(POPT, "67") }, NULL, 0, 0, "ECO4M0115", NULL },
    { "0115", { M(POPT, "0") }, NULL, 0, 0, "ECO4M0115", NULL },
    { "0115", { M(POPT, "066") }, NULL, 0, 0, "ECO4M0115", NULL },
    { "0115", { M(POPT, "66") }, NULL, 0, 0, "", NULL },
    { "0115", { M(POPT, "1") }, NULL, 0, 0, "", NULL },
    /* 0116, 0117: heat sources of PPS v6; a rare source with a proxy
     * (eco4.json heat_source_proxies, seed 002 5.6-5.10) */
    { "0116", { M(PRE_HEATING, "Coal Fire") }, NULL, 0, 0, "ECO4M0116", NULL },
    { "0116", { M(PRE_HEATING, "Non Condensing Gas Boiler") }, NULL, 0, 0, "", NULL },
    { "0116", { M(PRE_HEATING, "Anthracite Boiler") }, NULL, 0, 0, "", NULL },
    { "0117", { M(POST_HEATING, "Gas Boiler") }, NULL, 0, 0, "ECO4M0117", NULL },
    { "0117", { M(POST_HEATING, "Air to Water ASHP") }, NULL, 0, 0, "", NULL },
    /* 0118: 3 digits or N/A (as Ofgem's GBIS0719) */
    { "0118", { M(INNOVATION_NUMBER, "12") }, NULL, 0, 0, "ECO4M0118", NULL },
    { "0118", { M(INNOVATION_NUMBER, "") }, NULL, 0, 0, "ECO4M0118", NULL },
    { "0118", { M(INNOVATION_NUMBER, "123") }, NULL, 0, 0, "", NULL },
    /* 0119: Yes, No or N/A */
    { "0119", { M(PRE_EXISTING_INSULATION, "Maybe") }, NULL, 0, 0, "ECO4M0119", NULL },
    { "0119", { M(PRE_EXISTING_INSULATION, "") }, NULL, 0, 0, "ECO4M0119", NULL },
    { "0119", { M(PRE_EXISTING_INSULATION, "yes") }, NULL, 0, 0, "", NULL },
    /* 0120: given, at most 150 characters (GBIS0702, GBIS0703) */
    { "0120", { M(INSTALLER, "") }, NULL, 0, 0, "ECO4M0120", NULL },
    { "0120", { M(INSTALLER, "N/A") }, NULL, 0, 0, "ECO4M0120", NULL },
    { "0120", { M(INSTALLER, C150 "x") }, NULL, 0, 0, "ECO4M0120", NULL },
    { "0120", { M(INSTALLER, C150) }, NULL, 0, 0, "", NULL },
    /* 0121-0123: TrustMark formats (GbisRegexes.cs) or N/A (seed 002 4.21) */
    { "0121", { M(TM_LICENCE, "12345678901") }, NULL, 0, 0, "ECO4M0121", NULL },
    { "0121", { M(TM_LICENCE, "N/A") }, NULL, 0, 0, "", NULL },
    { "0122", { M(TM_MEASURE_REF, "UMR-1") }, NULL, 0, 0, "ECO4M0122", NULL },
    { "0122", { M(TM_MEASURE_REF, "N/A") }, NULL, 0, 0, "", NULL },
    { "0123", { M(TM_CERTIFICATE, "A123-1") }, NULL, 0, 0, "ECO4M0123", NULL },
    { "0123", { M(TM_CERTIFICATE, "REF/A12345-1") }, NULL, 0, 0, "ECO4M0123", NULL },
    { "0123", { M(TM_CERTIFICATE, "A1234567-9") }, NULL, 0, 0, "", NULL },
    /* 0200, 0201: seed 002 4.4: the project must be held and passed */
    { "0200", { M(PROJECT_REF, "ABC0000000007") }, NULL, 0, 0, "ECO4M0200", NULL },
    { "0201", { M(PROJECT_REF, "ABC0000000002") }, NULL, 0, 0, "ECO4M0201", NULL },
    { "0201", { M(PROJECT_REF, "ABC0000000003") }, NULL, 0, 0, "ECO4M0201", NULL },
    { "0201", { M(PROJECT_REF, "ABC0000000006") }, NULL, 0, 0, "", NULL },
    /* 0202: seed 001: the EPC is from the 2 years 3 months ending the day
     * before the first measure completes.  Project 10's EPC, 15/02/2022,
     * is exactly 27 months before 15/05/2024, a day more before
     * 16/05/2024 */
    { "0202",
      { M(PROJECT_REF, "ABC0000000010"), M(COMPLETION_DATE, "15/05/2024") },
      NULL,
      0,
      0,
      "",
      NULL },
    { "0202",
      { M(PROJECT_REF, "ABC0000000010"), M(COMPLETION_DATE, "16/05/2024") },
      NULL,
      0,
      0,
      "ECO4M0202",
      NULL },
    /* an EPC of the completion day itself is not "pre-installation" */
    { "0202", { M(COMPLETION_DATE, "01/09/2023") }, "15/09/2023", 0, 0, "ECO4M0202", NULL },
    { "0202", { M(COMPLETION_DATE, "02/09/2023") }, "15/09/2023", 0, 0, "", NULL },
    /* project 11: EPC 01/02/2022; its first measure (stored) completed
     * 01/05/2024, exactly 27 months later, so this later one passes */
    { "0202", { M(PROJECT_REF, "ABC0000000011") }, NULL, 0, 0, "", NULL },
    /* 0203: ECO4 Order art. 24: band D project (1: 60.0; 4: 58.0) */
    { "0203", { BOILER }, NULL, 0, 0, "ECO4M0203", NULL },
    { "0203", { BOILER, M(PRE_EXISTING_INSULATION, "Yes") }, NULL, 0, 0, "", NULL },
    { "0203", { M(MEASURE_TYPE, "TRV") }, NULL, 0, 0, "ECO4M0203", NULL },
    /* insulation in project 4 completed 01/05 and 10/05/2024: before
     * 15/05 and 02/05, not before the same day 01/05 (24(2)(a)(ii)) */
    { "0203", { BOILER, M(PROJECT_REF, "ABC0000000004") }, NULL, 0, 0, "", NULL },
    { "0203",
      { BOILER, M(PROJECT_REF, "ABC0000000004"), M(COMPLETION_DATE, "02/05/2024") },
      NULL,
      0,
      0,
      "",
      NULL },
    { "0203",
      { BOILER, M(PROJECT_REF, "ABC0000000004"), M(COMPLETION_DATE, "01/05/2024") },
      NULL,
      0,
      0,
      "ECO4M0203",
      NULL },
    /* 24(1)(b): not a first time heating system or district heating
     * connection; 24(1)(a): band D only (project 5 is band E) */
    { "0203",
      { M(MEASURE_TYPE, "B_First_Time_CH"), M(PRE_HEATING, "Electric Room Heaters"),
        M(POST_HEATING, "Condensing Gas Boiler") },
      NULL,
      0,
      0,
      "",
      NULL },
    { "0203",
      { M(MEASURE_TYPE, "DHS_connection_preHCs"), M(PRE_HEATING, "Electric Room Heaters"),
        M(POST_HEATING, "DHS CHP") },
      NULL,
      0,
      0,
      "",
      NULL },
    { "0203", { BOILER, M(PROJECT_REF, "ABC0000000005") }, NULL, 0, 0, "", NULL },
    /* 0302: art. 44(1)(a)(ii): by the end of the month after completion:
     * 10/12/2023 -> 31/01/2024 (year end); 15/01/2024 -> 29/02/2024 (2024
     * is a leap year) */
    { "0302", { M(COMPLETION_DATE, "10/12/2023") }, "31/01/2024", 0, 0, "", NULL },
    { "0302", { M(COMPLETION_DATE, "10/12/2023") }, "01/02/2024", 0, 0, "ECO4M0302", NULL },
    { "0302", { M(COMPLETION_DATE, "15/01/2024") }, "29/02/2024", 0, 0, "", NULL },
    { "0302", { M(COMPLETION_DATE, "15/01/2024") }, "01/03/2024", 0, 0, "ECO4M0302", NULL },
    /* 0300, 0301: art. 44(1)(c), (2)(c): the automatic late extension ends
     * with the fourth month after completion (30/04/2024 for 10/12/2023)
     * and covers up to 5%: of 20 measures 1 late, of 19 none, of 40 two */
    { "0300",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "31/01/2024",
      0,
      0,
      "",
      NULL },
    { "0300",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "01/02/2024",
      19,
      0,
      "",
      NULL },
    { "0300",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "01/02/2024",
      18,
      0,
      "ECO4M0300",
      NULL },
    { "0300",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "01/02/2024",
      19,
      1,
      "ECO4M0300",
      NULL },
    { "0300",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "01/02/2024",
      39,
      1,
      "",
      NULL },
    { "0301",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "30/04/2024",
      19,
      0,
      "",
      NULL },
    { "0301",
      { M(PURPOSE, "Automatic Late Extension"), M(COMPLETION_DATE, "10/12/2023") },
      "01/05/2024",
      19,
      0,
      "ECO4M0301",
      NULL },
    /* art. 44(1)(c)(ii): and never after June 2026 (31/03/2026 would
     * otherwise run to 31/07/2026) */
    { "0301",
      { M(PURPOSE, "Automatic Late Extension"), M(PROJECT_REF, "ABC0000000006"),
        M(COMPLETION_DATE, "31/03/2026") },
      "30/06/2026",
      19,
      0,
      "",
      NULL },
    { "0301",
      { M(PURPOSE, "Automatic Late Extension"), M(PROJECT_REF, "ABC0000000006"),
        M(COMPLETION_DATE, "31/03/2026") },
      "01/07/2026",
      19,
      0,
      "ECO4M0301",
      NULL },
    /* 0303: an extension applied for is cited by its reference */
    { "0303",
      { M(PURPOSE, "Extended Notification"), M(EXTENSION_REF, "EXT-2024-0001"),
        M(COMPLETION_DATE, "10/12/2023") },
      "01/06/2024",
      0,
      0,
      "",
      NULL },
    { "0303",
      { M(PURPOSE, "Extended Notification"), M(COMPLETION_DATE, "10/12/2023") },
      "01/06/2024",
      0,
      0,
      "ECO4M0303",
      NULL },
    { "0303", { M(EXTENSION_REF, "EXT-1") }, NULL, 0, 0, "ECO4M0303", NULL },
    /* 0304: an edit of a measure the register holds; its deadline was
     * judged when first notified */
    { "0304", { M(PURPOSE, "Edited Notification") }, NULL, 0, 0, "ECO4M0304", NULL },
    { "0304",
      { M(PURPOSE, "Edited Notification"), M(MRN, "ABC0000000099"), M(PROJECT_REF, "ABC0000000005"),
        M(COMPLETION_DATE, "10/12/2023") },
      NULL,
      0,
      0,
      "",
      NULL },
};

static void run_measures(const er_eco4_context *c, const er_eco4_measure_row *rows, size_t n,
                         er_eco4_outcome *o)
{
    assert_int_equal(er_eco4_check_measures(c, rows, n, o), ER_OK);
}

static void test_measure_cases(void **state)
{
    size_t i, nfail = 0;

    (void)state;
    for (i = 0; i < sizeof mcases / sizeof mcases[0]; i++) {
        const struct mcase *k = &mcases[i];
        er_eco4_context c = context();
        er_eco4_measure_row r = { .row = 1 };
        er_eco4_outcome o;
        char got[256];

        build(measure_new, k->set, ER_ECO4M_COL_COUNT, r.col);
        if (k->today)
            c.today = day(k->today);
        if (k->notifying)
            c.notifying_supplier = k->notifying == NOBODY ? NULL : k->notifying;
        month_completed = k->completed;
        month_late = k->late;
        run_measures(&c, &r, 1, &o);
        codes_of(ER_ECO4_MEASURES, &o, got, sizeof got);
        if (strcmp(got, k->expect) != 0) {
            print_error("measure case %zu (%s): got \"%s\", want \"%s\"\n", i, k->about, got,
                        k->expect);
            nfail++;
        }
        assert_int_equal(o.minimum_requirement, ER_ECO4_MR_NOT_ASSESSED);
    }
    month_completed = month_late = 0;
    assert_int_equal(nfail, 0);
}

/* ---- checks that need the file's other rows ---- */

/* A file of n measure rows from the baseline, row i's MRN ABC00000002ii. */
static void file_of(er_eco4_measure_row *rows, size_t n)
{
    static char mrn[64][32];
    size_t i;

    assert_true(n <= 64);
    for (i = 0; i < n; i++) {
        rows[i].row = (long)i + 1;
        memcpy(rows[i].col, measure_new, sizeof rows[i].col);
        snprintf(mrn[i], sizeof mrn[i], "ABC%010zu", 200 + i);
        rows[i].col[ER_ECO4M_MRN] = mrn[i];
    }
}

static void expect_codes(er_eco4_template t, const er_eco4_outcome *o, const char *want)
{
    char got[256];

    codes_of(t, o, got, sizeof got);
    assert_string_equal(got, want);
}

/* ECO4P0104, ECO4M0104: a reference twice in a file: the later row fails. */
static void test_duplicates(void **state)
{
    er_eco4_context c = context();
    er_eco4_project_row p[2] = { { .row = 1 }, { .row = 2 } };
    er_eco4_measure_row m[2] = { { .row = 1 }, { .row = 2 } };
    er_eco4_outcome o[2];

    (void)state;
    memcpy(p[0].col, project_new, sizeof p[0].col);
    memcpy(p[1].col, project_new, sizeof p[1].col);
    assert_int_equal(er_eco4_check_projects(&c, p, 2, o), ER_OK);
    expect_codes(ER_ECO4_PROJECTS, &o[0], "");
    expect_codes(ER_ECO4_PROJECTS, &o[1], "ECO4P0104");
    memcpy(m[0].col, measure_new, sizeof m[0].col);
    memcpy(m[1].col, measure_new, sizeof m[1].col);
    run_measures(&c, m, 2, o);
    expect_codes(ER_ECO4_MEASURES, &o[0], "");
    expect_codes(ER_ECO4_MEASURES, &o[1], "ECO4M0104");
}

/* ECO4M0203 with the insulation in the same file: art. 24(2)(a) counts an
 * insulation measure of the project completed before the heating one. */
static void test_insulation_in_file(void **state)
{
    er_eco4_context c = context();
    er_eco4_measure_row m[2];
    er_eco4_outcome o[2];

    (void)state;
    file_of(m, 2);
    m[0].col[ER_ECO4M_COMPLETION_DATE] = "10/05/2024"; /* loft insulation */
    m[1].col[ER_ECO4M_MEASURE_TYPE] = "B_Upgrade_preHCs";
    m[1].col[ER_ECO4M_PRE_HEATING] = "Non Condensing Gas Boiler";
    m[1].col[ER_ECO4M_POST_HEATING] = "Condensing Gas Boiler";
    run_measures(&c, m, 2, o);
    expect_codes(ER_ECO4_MEASURES, &o[1], "");
    m[0].col[ER_ECO4M_COMPLETION_DATE] = "16/05/2024"; /* after the boiler */
    run_measures(&c, m, 2, o);
    expect_codes(ER_ECO4_MEASURES, &o[0], "");
    expect_codes(ER_ECO4_MEASURES, &o[1], "ECO4M0203");
}

/* A measure the file notifies again supersedes the register's copy: in
 * project 4, loft insulation ABC0000000101 (stored 01/05/2024) is edited
 * to 20/05/2024, so a boiler of 05/05/2024 has no insulation before it
 * (the cavity wall insulation is of 10/05/2024). */
static void test_file_supersedes_register(void **state)
{
    er_eco4_context c = context();
    er_eco4_measure_row m[2];
    er_eco4_outcome o[2];

    (void)state;
    file_of(m, 2);
    m[0].col[ER_ECO4M_MRN] = "ABC0000000101";
    m[0].col[ER_ECO4M_PROJECT_REF] = "ABC0000000004";
    m[0].col[ER_ECO4M_PURPOSE] = "Edited Notification";
    m[0].col[ER_ECO4M_COMPLETION_DATE] = "20/05/2024";
    m[1].col[ER_ECO4M_PROJECT_REF] = "ABC0000000004";
    m[1].col[ER_ECO4M_MEASURE_TYPE] = "B_Upgrade_preHCs";
    m[1].col[ER_ECO4M_PRE_HEATING] = "Non Condensing Gas Boiler";
    m[1].col[ER_ECO4M_POST_HEATING] = "Condensing Gas Boiler";
    m[1].col[ER_ECO4M_COMPLETION_DATE] = "05/05/2024";
    run_measures(&c, m, 2, o);
    expect_codes(ER_ECO4_MEASURES, &o[0], "");
    expect_codes(ER_ECO4_MEASURES, &o[1], "ECO4M0203");
}

/* ECO4M0300 with the month's measures in the file (art. 44(2)(c)): n
 * rows completed 10/12/2023 and notified 01/02/2024, all under an
 * extension applied for except `ale` automatic late extensions at the
 * end; the allowance is used in file order. */
static void late_file(size_t n, size_t ale, const char *const *want)
{
    er_eco4_context c = context();
    er_eco4_measure_row m[64];
    er_eco4_outcome o[64];
    size_t i;

    file_of(m, n);
    c.today = day("01/02/2024");
    for (i = 0; i < n; i++) {
        m[i].col[ER_ECO4M_COMPLETION_DATE] = "10/12/2023";
        m[i].col[ER_ECO4M_PURPOSE] =
            i < n - ale ? "Extended Notification" : "Automatic Late Extension";
        m[i].col[ER_ECO4M_EXTENSION_REF] = i < n - ale ? "EXT-2024-0001" : "N/A";
    }
    run_measures(&c, m, n, o);
    for (i = 0; i < n; i++)
        expect_codes(ER_ECO4_MEASURES, &o[i], i < n - ale ? "" : want[i - (n - ale)]);
}

static void test_late_allowance_in_file(void **state)
{
    static const char *const one_ok[] = { "" };
    static const char *const one_over[] = { "ECO4M0300" };
    static const char *const second_over[] = { "", "ECO4M0300" };

    (void)state;
    late_file(20, 1, one_ok);      /* 20 measures allow 1 late */
    late_file(19, 1, one_over);    /* 19 allow none */
    late_file(20, 2, second_over); /* the second of 20 is over */
}

/* Memory for the per-call index fails cleanly. */
static void test_no_memory(void **state)
{
    er_eco4_context c = context();
    er_eco4_measure_row m = { .row = 1 };
    er_eco4_project_row p = { .row = 1 };
    er_eco4_outcome o;

    (void)state;
    memcpy(m.col, measure_new, sizeof m.col);
    memcpy(p.col, project_new, sizeof p.col);
    test_fail_allocation(0);
    assert_int_equal(er_eco4_check_measures(&c, &m, 1, &o), ER_ENOMEM);
    test_fail_allocation(0);
    assert_int_equal(er_eco4_check_projects(&c, &p, 1, &o), ER_ENOMEM);
    test_fail_allocation(-1);
}

/* The rule tables: codes unique and well formed, each with a summary and
 * a source, in code order, and every one tripped by some case above (the
 * baselines pass them all). */
static void test_every_code_tripped(void **state)
{
    const er_eco4_rule_info *r, *prev = NULL;
    size_t i, n = 0;

    (void)state;
    for (i = 0; (r = er_eco4_rule_at(i)); i++, n++) {
        char key[16];

        assert_int_equal(strlen(r->code), 9);
        assert_memory_equal(r->code, r->tmpl == ER_ECO4_PROJECTS ? "ECO4P" : "ECO4M", 5);
        assert_true(*r->summary && *r->source);
        if (prev && prev->tmpl == r->tmpl)
            assert_true(strcmp(prev->code, r->code) < 0);
        snprintf(key, sizeof key, " %s ", r->code);
        if (!strstr(tripped, key))
            fail_msg("no case trips %s (%s)", r->code, r->summary);
        prev = r;
    }
    assert_int_equal(n, 34 + 30);
}

static void test_column_names(void **state)
{
    (void)state;
    assert_string_equal(er_eco4_project_column_name(ER_ECO4P_PROJECT_REF),
                        "Project_Reference_Number");
    assert_string_equal(er_eco4_project_column_name(ER_ECO4P_POST_EPC_RRN),
                        "Post_Retrofit_EPC_RRN");
    assert_string_equal(er_eco4_measure_column_name(ER_ECO4M_MRN), "Measure_Reference_Number");
    assert_string_equal(er_eco4_measure_column_name(ER_ECO4M_TM_CERTIFICATE),
                        "Trustmark_Lodged_CertificateID");
    assert_string_equal(er_eco4_measure_column_name(ER_ECO4M_COL_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_names),
        cmocka_unit_test(test_project_cases),
        cmocka_unit_test(test_measure_cases),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_insulation_in_file),
        cmocka_unit_test(test_file_supersedes_register),
        cmocka_unit_test(test_late_allowance_in_file),
        cmocka_unit_test(test_no_memory),
        cmocka_unit_test(test_every_code_tripped),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
