/*
 * eco4_checks.c: the checks of ECO4 project and measure notifications.
 *
 * Two rule tables, one per template (include/ecoreg/eco4.h): ECO4P....
 * for project rows and ECO4M.... for measure rows, codes of ecoreg's own
 * (Ofgem has published no ECO4 rule codes), each rule citing its source
 * on its function and in the table; docs/eco4_checks.md lists them.  A
 * rule returns true, writing a sentence that names the column and quotes
 * the value, when the row FAILS it.  Every rule runs on every row, and a
 * rule whose input another rule found unreadable passes, so that each
 * problem is reported once, by the rule about it.
 *
 * For each row the framework looks up once what several rules need: the
 * row's completion date, and for a measure its project and the project's
 * state (register callbacks) and the ECO4 PPS matrix.  A file
 * is indexed once per call (its references sorted), so that duplicates
 * and a project's other measures are found in O(log n).  Pure: no I/O, no
 * clock (the context's `today`), no allocation beyond that index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"
#include "ecoreg/deadline.h"
#include "ecoreg/eco4.h"
#include "ecoreg/score.h"
#include "util.h"

/* The scheme's parameters (data/schemes/eco4.json, each with its source):
 * the pre-installation EPC's age (seed 001: issued within the 2 years 3
 * months ending the day before the first measure completes), the
 * automatic late extension's months and share (ECO4 Order art. 44(1)(c)(i),
 * 44(2)(c)) and the final notification date (art. 44(1)(c)(ii)).  Rules
 * that need them do not judge without a scheme. */
#define EPC_MAX_AGE_MONTHS(v) ((v)->c->scheme->epc_max_age_months)
#define LATE_MONTHS(v) ((v)->c->scheme->late_extension_months)
#define LATE_PERCENT(v) ((v)->c->scheme->late_extension_percent)
/* RULES.md "Notification": an MRN is 3 letters and 10 digits in Ofgem's
 * GBIS validation; er_eco4_context.ref_digits configures another count */
#define REF_DIGITS_DEFAULT 10
/* Most bytes of a cell value quoted in a message. */
#define QUOTE_MAX 40

/* ---- the templates (docs/eco4_templates.md) ---- */

/* clang-format off */
static const char *const project_columns[ER_ECO4P_COL_COUNT] = {
    "Supplier_Reference", "Project_Reference_Number", "Purpose_of_Notification", "Building_Number",
    "Building_Name", "Flat_Name/Number", "Street_Name", "Town", "Post_Code",
    "Unique_Property_Reference_Number_(UPRN)", "Tenure_Type", "Property", "Eligibility_Type",
    "Verification_Method", "DWP_Reference_Number", "LA_Declaration_Reference_Number",
    "Article_21_Declaration", "Date_Of_Householder_Eligibility", "Starting_SAP_Rating",
    "Floor_Area", "Pre_Installation_EPC_Date", "Pre_Installation_EPC_RRN", "Rural", "Off_Gas",
    "Associated_In-fill_Project_1", "Associated_In-fill_Project_2", "Associated_In-fill_Project_3",
    "Trustmark_Project_Reference_Number", "Finishing_SAP_Rating", "Date_of_Project_Completion",
    "TrustMark_Completed_Project_Cert_ID", "Post_Retrofit_EPC_RRN",
};

static const char *const measure_columns[ER_ECO4M_COL_COUNT] = {
    "Supplier_Reference", "Measure_Reference_Number", "Project_Reference_Number", "Measure_Type",
    "Purpose_of_Notification", "Extension_Reference_Number", "Date_of_Completed_Installation",
    "Scoring_Methodology", "Percentage_Of_Property_Treated", "Pre_Main_Heating_Source",
    "Post_Main_Heating_Source", "Innovation_Measure_Number", "Pre_Existing_Insulation",
    "Installer_Name", "Trustmark_Business_Licence_Number", "Trustmark_Unique_Measure_Reference",
    "Trustmark_Lodged_CertificateID",
};
/* clang-format on */

const char *er_eco4_project_column_name(er_eco4_pcol c)
{
    return (int)c >= 0 && c < ER_ECO4P_COL_COUNT ? project_columns[c] : "?";
}

const char *er_eco4_measure_column_name(er_eco4_mcol c)
{
    return (int)c >= 0 && c < ER_ECO4M_COL_COUNT ? measure_columns[c] : "?";
}

/* Accepted values, compared ignoring case as Ofgem compares template
 * values; NULL-terminated. */

/* seed 002 4.5, 4.24: the completion is a second notification on the
 * project template; the other two as on Ofgem's GBIS template */
#define NEW "New Notification"
#define EDITED "Edited Notification"
#define COMPLETION "Completion Notification"
static const char *const project_purposes[] = { NEW, EDITED, COMPLETION, NULL };

/* Ofgem's GBIS purposes (PurposeOfNotificationConstants.cs); ECO4 Order
 * art. 44: the automatic late extension, and an extension applied for */
#define EXTENDED "Extended Notification"
#define ALE "Automatic Late Extension"
static const char *const measure_purposes[] = { NEW, EDITED, EXTENDED, ALE, NULL };

/* seed 002 4.10 "Tenure details": Ofgem's GBIS spellings */
static const char *const tenures[] = { "Owner Occupied", "Private Rented Sector",
                                       "Social Housing (RSL)", NULL };
/* Ofgem's GBIS property types; a park home is art. 25(3)(a)'s mobile home */
static const char *const properties[] = { "House",      "Bungalow",  "Flat",
                                          "Maisonette", "Park Home", NULL };
/* seed 002 4.4, 4.10 "Eligibility route"; seed 004 "Low-income
 * Eligibility Group": benefits (Help to Heat), social housing, LA and
 * supplier flexible eligibility; in-fill (seed 002 2.10) */
#define INFILL "In-fill"
static const char *const eligibility_types[] = { "Help to Heat Group", "Social Housing", "LA Flex",
                                                 "Supplier Flex",      INFILL,           NULL };
/* seed 002 4.11 "Scoring methodology (for PPS)"; ECO4 Order arts. 71, 72 */
#define STANDARD "Standard"
static const char *const methodologies[] = { STANDARD, "Alternative", "Data Light", NULL };
static const char *const yes_no[] = { "Yes", "No", NULL };
static const char *const yes_no_na[] = { "Yes", "No", "N/A", NULL };

/* DESIGN.md "States": a project whose checks have passed, or beyond */
static const char *const passed_states[] = { "checks_passed", "completed", "fps_awarded",
                                             "pps_only", NULL };

/* What kind of measure a measure type is, for the minimum insulation
 * requirement (ECO4 Order arts. 2, 24). */
enum kind { OTHER = 0, HEATING, INSULATION };

/* By the PPS matrix's "Measure category".  ECO4 Order art. 2: a heating
 * measure installs equipment generating heat: central heating (Boiler),
 * district heating connections (DHS), storage heaters (ESH), heating
 * controls (Other Heating), related electricity generation equipment
 * (Micro-Generation, as amended by SI 2023/873 art. 40) (confirm); an
 * insulation measure improves the insulating properties of the premises
 * (the four insulation categories) (confirm against art. 24(3)). */
static const struct {
    const char *category;
    enum kind kind;
} kinds_by_category[] = {
    { "Boiler", HEATING },
    { "DHS", HEATING },
    { "ESH", HEATING },
    { "Other Heating", HEATING },
    { "Micro-Generation", HEATING },
    { "Cavity Wall Insulation", INSULATION },
    { "External / Internal Wall Insulation", INSULATION },
    { "Loft Insulation", INSULATION },
    { "Other Insulation", INSULATION },
};

/* Measure types whose kind is not their category's, by name prefix.
 * art. 24(1)(b): a first time heating system or a district heating
 * connection is not under art. 24 (art. 25 covers it); art. 2:
 * "installation" includes a repair, so the broken heating repairs and
 * replacements of the Fixed Value Increase rows are heating measures
 * (confirm); BFR_ rows are building fabric repair uplifts (art. 61). */
static const struct {
    const char *prefix;
    enum kind kind;
    bool art24_exempt;
} kinds_by_type[] = {
    { "B_First_Time_CH", HEATING, true },
    { "DHS_", HEATING, true },
    { "B_Broken_", HEATING, false },
    { "ESH_Broken_", HEATING, false },
    { "BFR_", OTHER, false },
};

/* ---- the view of one row ---- */

/* The file's references sorted, for look-ups (one allocation a call). */
struct keyed {
    const char *key;
    size_t i;
};

typedef struct view {
    const er_eco4_context *c;
    er_eco4_template tmpl;
    const char *const *cells;         /* this row's cells */
    size_t i, n;                      /* this row in the file */
    const er_eco4_measure_row *mrows; /* the file (measures) */
    const struct keyed *by_ref;       /* by Project_Reference_Number
                                             (projects) or MRN (measures) */
    const struct keyed *by_project;   /* measures by project reference */
    /* looked up once */
    bool has_date; /* Date_of_Project_Completion or
                                             Date_of_Completed_Installation */
    er_date date;
    const char *project_state;          /* measures: the project's, or NULL */
    const er_eco4_project_row *project; /* measures: the stored project */
    const er_matrix *pps;               /* measures: the PPS matrix, or NULL */
    int *named;                         /* where fail_cell() writes the column
                                           its message names */
} view;

typedef bool (*rule_fn)(const view *v, char *msg, size_t cap);

typedef struct rule {
    er_eco4_rule_info info;
    rule_fn fails;
} rule;

static const char *cell_of(const char *const *cells, int col)
{
    return cells && cells[col] ? cells[col] : "";
}

static const char *cell(const view *v, int col)
{
    return cell_of(v->cells, col);
}

static const char *colname(const view *v, int col)
{
    return v->tmpl == ER_ECO4_PROJECTS ? er_eco4_project_column_name((er_eco4_pcol)col)
                                       : er_eco4_measure_column_name((er_eco4_mcol)col);
}

static bool is(const view *v, int col, const char *value)
{
    return strcasecmp(cell(v, col), value) == 0;
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(s, *list) == 0)
            return true;
    return false;
}

/* An optional cell left out: empty or "N/A". */
static bool absent(const view *v, int col)
{
    return *cell(v, col) == '\0' || is(v, col, "N/A");
}

/* Writes "<column> '<value>' <what>" (or "<column> (empty) <what>") and
 * returns true: the shape of every failure. */
static bool fail_cell(const view *v, int col, const char *what, char *msg, size_t cap)
{
    const char *s = cell(v, col);
    int k = er_utf8_clip(s, QUOTE_MAX);

    *v->named = col;
    if (!*s)
        snprintf(msg, cap, "%s (empty) %s", colname(v, col), what);
    else
        snprintf(msg, cap, "%s '%.*s%s' %s", colname(v, col), k, s, s[k] ? "..." : "", what);
    return true;
}

/* Fails unless the cell is one of `list`. */
static bool not_in(const view *v, int col, const char *const *list, const char *what, char *msg,
                   size_t cap)
{
    return !in_list(cell(v, col), list) && fail_cell(v, col, what, msg, cap);
}

static void dmy(er_date d, char buf[static 11])
{
    int y, m, dd;

    er_date_split(d, &y, &m, &dd);
    snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)dd % 100u, (unsigned)m % 100u,
             (unsigned)y % 10000u);
}

static bool date_of(const char *s, er_date *out)
{
    return er_date_parse_dmy(s, out) == ER_OK;
}

/* A SAP rating as the templates write it: 1 to 3 digits and at most one
 * decimal, from 1.0 to 100.0 (seed 002 glossary: "a numerical value
 * between 1 and 100"; RULES.md: one decimal place).  Tenths in *out. */
static bool sap_of(const char *s, int *out)
{
    size_t k = span_of(s, is_digit);
    int t = 0;
    size_t j;

    if (k < 1 || k > 3 || (s[k] != '\0' && (s[k] != '.' || !only(s + k + 1, is_digit, 1, 1))))
        return false;
    for (j = 0; j < k; j++)
        t = t * 10 + (s[j] - '0');
    t = t * 10 + (s[k] == '.' ? s[k + 1] - '0' : 0);
    *out = t;
    return t >= 10 && t <= 1000;
}

static size_t ref_digits(const view *v)
{
    return v->c->ref_digits > 0 ? (size_t)v->c->ref_digits : REF_DIGITS_DEFAULT;
}

/* An MRN or project reference: 3 letters then the configured digits. */
static bool ref_ok(const view *v, const char *s)
{
    size_t digits = ref_digits(v);

    return span_of(s, is_letter) == 3 && only(s + 3, is_digit, digits, digits);
}

/* Fails unless column `col` is a reference (ECO4P0101, ECO4M0101, 0105). */
static bool bad_ref(const view *v, int col, char *msg, size_t cap)
{
    char what[64];

    if (ref_ok(v, cell(v, col)))
        return false;
    snprintf(what, sizeof what, "is not 3 letters and %zu digits", ref_digits(v));
    return fail_cell(v, col, what, msg, cap);
}

/* The upper-cased first 3 characters of s in code[4]; false if shorter. */
static bool prefix_of(const char *s, char code[4])
{
    int k;

    if (strlen(s) < 3)
        return false;
    for (k = 0; k < 3; k++)
        code[k] = s[k] >= 'a' && s[k] <= 'z' ? (char)(s[k] - 'a' + 'A') : s[k];
    code[3] = '\0';
    return true;
}

/* An EPC report reference number: NNNN-NNNN-NNNN-NNNN-NNNN (the EPC
 * registers' RRN) (confirm for Scotland's register). */
static bool rrn_ok(const char *s)
{
    int g;

    for (g = 0; g < 5; g++, s += 5) {
        if (span_of(s, is_digit) != 4 || s[4] != (g < 4 ? '-' : '\0'))
            return false;
        if (g == 4)
            return true;
    }
    return false;
}

/* One letter then 4 to 7 digits: what follows, or NULL (TrustMark
 * references, Ofgem's GbisRegexes.cs). */
static const char *letter_digits(const char *s)
{
    size_t d;

    if (!is_letter(*s))
        return NULL;
    d = span_of(s + 1, is_digit);
    return d >= 4 && d <= 7 ? s + 1 + d : NULL;
}

/* Index of the first entry of a[0..n) whose key is not below `key`. */
static size_t lower(const struct keyed *a, size_t n, const char *key)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(a[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* True when an earlier row of the file has this row's key (by_ref). */
static bool duplicate(const view *v, const char *key)
{
    size_t at = lower(v->by_ref, v->n, key);

    return *key && at < v->n && strcmp(v->by_ref[at].key, key) == 0 && v->by_ref[at].i != v->i;
}

static bool completion_inside_scheme(const view *v, int col, char *msg, size_t cap)
{
    const er_scheme *s = v->c->scheme;
    er_date from = s ? s->completion_from : ER_DATE_NONE;
    er_date to = s ? s->completion_to : ER_DATE_NONE;
    char a[11] = "", b[11] = "", what[80];

    if (!v->has_date ||
        ((from == ER_DATE_NONE || v->date >= from) && (to == ER_DATE_NONE || v->date <= to)))
        return false;
    if (from != ER_DATE_NONE)
        dmy(from, a);
    if (to != ER_DATE_NONE)
        dmy(to, b);
    snprintf(what, sizeof what, "is not inside the scheme's completion dates %s to %s", a, b);
    return fail_cell(v, col, what, msg, cap);
}

/* ====================================================================
 * Project rules (ECO4P....)
 * ==================================================================== */

static bool completion_row(const view *v)
{
    return is(v, ER_ECO4P_PURPOSE, COMPLETION);
}

/* ECO4P0100: seed 002 4.5, 4.24: new, edited, or the completion */
static bool p0100(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4P_PURPOSE, project_purposes,
                  "is not New Notification, Edited Notification or Completion Notification", msg,
                  cap);
}

/* ECO4P0101: seed 002 4.4 "project ID"; supplier-prefixed like an MRN
 * (4.19, 4.21; RULES.md "Notification") */
static bool p0101(const view *v, char *msg, size_t cap)
{
    return bad_ref(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* The 3-letter prefix of column `col` names a supplier the register
 * knows (seed 002 4.21: the prefix identifies the owner). */
static bool unknown_supplier(const view *v, int col, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;
    char code[4];

    if (prefix_of(cell(v, col), code) && reg->supplier_known && reg->supplier_known(reg->ctx, code))
        return false;
    return fail_cell(v, col, "does not start with a known supplier's code", msg, cap);
}

/* The prefix of column `col` is the notifying supplier's (RULES.md
 * "Notification": reject a prefix that is not the notifying supplier's). */
static bool not_notifier(const view *v, int col, char *msg, size_t cap)
{
    const char *who = v->c->notifying_supplier;
    char code[4], what[80];

    if (!prefix_of(cell(v, col), code))
        return fail_cell(v, col, "is too short to start with a supplier's code", msg, cap);
    if (!who || strcasecmp(code, who) == 0)
        return false;
    snprintf(what, sizeof what, "does not start with the notifying supplier's code '%.8s'", who);
    return fail_cell(v, col, what, msg, cap);
}

/* ECO4P0102: seed 002 4.21; RULES.md "Notification" */
static bool p0102(const view *v, char *msg, size_t cap)
{
    return unknown_supplier(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* ECO4P0103: RULES.md "Notification"; seed 001 "ECO4 project": promoted
 * by one participant */
static bool p0103(const view *v, char *msg, size_t cap)
{
    return not_notifier(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* ECO4P0104: seed 002 4.3: a project exists once on the register, so once
 * in a file */
static bool p0104(const view *v, char *msg, size_t cap)
{
    return duplicate(v, cell(v, ER_ECO4P_PROJECT_REF)) &&
           fail_cell(v, ER_ECO4P_PROJECT_REF, "appears on an earlier row of this file", msg, cap);
}

/* ECO4P0105: seed 002 4.5: the completion (and an edit) updates a project
 * already notified */
static bool p0105(const view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;

    if (!is(v, ER_ECO4P_PURPOSE, EDITED) && !completion_row(v))
        return false;
    if (reg->project_state && reg->project_state(reg->ctx, cell(v, ER_ECO4P_PROJECT_REF)))
        return false;
    return fail_cell(v, ER_ECO4P_PROJECT_REF,
                     "is not a project the register holds: notify it as a New Notification first",
                     msg, cap);
}

/* ECO4P0110: seed 002 4.10 "Address details": a building number or name */
static bool p0110(const view *v, char *msg, size_t cap)
{
    return absent(v, ER_ECO4P_BUILDING_NUMBER) && absent(v, ER_ECO4P_BUILDING_NAME) &&
           fail_cell(v, ER_ECO4P_BUILDING_NUMBER,
                     "and Building_Name are both left out; one of them is required", msg, cap);
}

/* ECO4P0111: seed 002 4.10 "Address details" */
static bool p0111(const view *v, char *msg, size_t cap)
{
    return absent(v, ER_ECO4P_TOWN) &&
           fail_cell(v, ER_ECO4P_TOWN, "is not given; a town is required", msg, cap);
}

/* ECO4P0112: seed 002 4.10 "and postcode"; Ofgem's pattern (Gbis0114.cs) */
static bool p0112(const view *v, char *msg, size_t cap)
{
    return !ofgem_postcode(cell(v, ER_ECO4P_POST_CODE)) &&
           fail_cell(v, ER_ECO4P_POST_CODE, "is not a postcode in capitals such as 'SW1A 1AA'", msg,
                     cap);
}

/* ECO4P0113: seed 002 4.10 "Address details"; UPRN as Ofgem's GBIS0503 */
static bool p0113(const view *v, char *msg, size_t cap)
{
    return !absent(v, ER_ECO4P_UPRN) && !only(cell(v, ER_ECO4P_UPRN), is_digit, 1, 12) &&
           fail_cell(v, ER_ECO4P_UPRN, "is neither N/A nor 1 to 12 digits", msg, cap);
}

/* ECO4P0120: seed 002 4.10 "Tenure details" */
static bool p0120(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4P_TENURE, tenures,
                  "is not Owner Occupied, Private Rented Sector or Social Housing (RSL)", msg, cap);
}

/* ECO4P0121: seed 002 4.4 "other household data"; art. 25(3)(a) mobile
 * homes */
static bool p0121(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4P_PROPERTY, properties,
                  "is not House, Bungalow, Flat, Maisonette or Park Home", msg, cap);
}

/* ECO4P0122: seed 002 4.4, 4.10 "Eligibility route" */
static bool p0122(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4P_ELIGIBILITY_TYPE, eligibility_types,
                  "is not Help to Heat Group, Social Housing, LA Flex, Supplier Flex or In-fill",
                  msg, cap);
}

/* ECO4P0123: seed 002 4.4, 4.10 starting SAP; glossary "between 1 and
 * 100"; RULES.md one decimal */
static bool p0123(const view *v, char *msg, size_t cap)
{
    int t;

    return !sap_of(cell(v, ER_ECO4P_STARTING_SAP), &t) &&
           fail_cell(v, ER_ECO4P_STARTING_SAP,
                     "is not a rating from 1 to 100 with at most one decimal", msg, cap);
}

/* ECO4P0124: seed 002 4.4 floor area; RULES.md: a whole number */
static bool p0124(const view *v, char *msg, size_t cap)
{
    const char *s = cell(v, ER_ECO4P_FLOOR_AREA);

    return (!only(s, is_digit, 1, 4) || strtol(s, NULL, 10) < 1) &&
           fail_cell(v, ER_ECO4P_FLOOR_AREA, "is not a whole number of square metres, 1-9999", msg,
                     cap);
}

/* A required Yes/No flag (RULES.md "Notification": Yes/No flags). */
static bool not_yes_no(const view *v, int col, char *msg, size_t cap)
{
    return not_in(v, col, yes_no, "is neither Yes nor No", msg, cap);
}

/* ECO4P0125: seed 002 4.10 "Is the property rural?" */
static bool p0125(const view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_RURAL, msg, cap);
}

/* ECO4P0126: seed 002 4.10 "connected to the gas mains?" */
static bool p0126(const view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_OFF_GAS, msg, cap);
}

/* ECO4P0127: ECO4 Order art. 55: C = 1.1 when the art. 21 declaration
 * route is met (RULES.md "ECO4 scores") */
static bool p0127(const view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_ART21_DECLARATION, msg, cap);
}

/* An optional date: dd/mm/yyyy, or left out. */
static bool bad_optional_date(const view *v, int col, char *msg, size_t cap)
{
    er_date d;

    return !absent(v, col) && !date_of(cell(v, col), &d) &&
           fail_cell(v, col, "is neither a date written dd/mm/yyyy nor N/A", msg, cap);
}

/* ECO4P0128: seed 002 4.10 "Eligibility route and associated requirements" */
static bool p0128(const view *v, char *msg, size_t cap)
{
    return bad_optional_date(v, ER_ECO4P_ELIGIBILITY_DATE, msg, cap);
}

/* ECO4P0129: seed 001 "pre-installation EPC": issued, so not after today */
static bool p0129(const view *v, char *msg, size_t cap)
{
    er_date d;

    if (bad_optional_date(v, ER_ECO4P_EPC_DATE, msg, cap))
        return true;
    return date_of(cell(v, ER_ECO4P_EPC_DATE), &d) && d > v->c->today &&
           fail_cell(v, ER_ECO4P_EPC_DATE, "is in the future", msg, cap);
}

/* ECO4P0130: seed 001 "pre-installation EPC": the certificate's reference
 * is given exactly when its date is */
static bool p0130(const view *v, char *msg, size_t cap)
{
    bool no_epc = absent(v, ER_ECO4P_EPC_DATE);

    if (no_epc)
        return !absent(v, ER_ECO4P_EPC_RRN) &&
               fail_cell(v, ER_ECO4P_EPC_RRN, "is given but Pre_Installation_EPC_Date is not", msg,
                         cap);
    return !rrn_ok(cell(v, ER_ECO4P_EPC_RRN)) &&
           fail_cell(v, ER_ECO4P_EPC_RRN, "is not an EPC reference NNNN-NNNN-NNNN-NNNN-NNNN", msg,
                     cap);
}

/* ECO4P0131: seed 002 4.10 "Supporting projects for in-fill": each is a
 * project reference or left out */
static bool p0131(const view *v, char *msg, size_t cap)
{
    int col;

    for (col = ER_ECO4P_INFILL_1; col <= ER_ECO4P_INFILL_3; col++)
        if (!absent(v, col) && !ref_ok(v, cell(v, col)))
            return fail_cell(v, col, "is neither a project reference nor N/A", msg, cap);
    return false;
}

/* ECO4P0132: seed 002 4.10: an in-fill project cites its supporting
 * projects; no other route does */
static bool p0132(const view *v, char *msg, size_t cap)
{
    bool infill = is(v, ER_ECO4P_ELIGIBILITY_TYPE, INFILL);
    int col, given = 0;

    for (col = ER_ECO4P_INFILL_1; col <= ER_ECO4P_INFILL_3; col++)
        given += !absent(v, col);
    if (infill && given == 0)
        return fail_cell(v, ER_ECO4P_INFILL_1,
                         "is left out: an In-fill project cites the "
                         "project(s) supporting it",
                         msg, cap);
    if (!infill && given > 0)
        return fail_cell(v, ER_ECO4P_INFILL_1,
                         "is given, or another supporting project is, "
                         "but the Eligibility_Type is not In-fill",
                         msg, cap);
    return false;
}

/* ECO4P0133: seed 002 4.10 "TrustMark Project ID"; Ofgem's format
 * (Tgbis0103); N/A for projects outside PAS 2035 (seed 004 "ECO4
 * exemptions") */
static bool p0133(const view *v, char *msg, size_t cap)
{
    const char *end = letter_digits(cell(v, ER_ECO4P_TM_PROJECT_REF));

    return !absent(v, ER_ECO4P_TM_PROJECT_REF) && !(end && *end == '\0') &&
           fail_cell(v, ER_ECO4P_TM_PROJECT_REF, "is neither a letter and 4 to 7 digits nor N/A",
                     msg, cap);
}

/* ECO4P0200: seed 002 2.3 "Premises with a starting SAP band of C or
 * higher will not be eligible"; seed 004: ECO4 targets bands D-G; in-fill
 * premises up to band B (seed 002 2.10: in-fill PPS "up to High B")
 * (confirm) */
static bool p0200(const view *v, char *msg, size_t cap)
{
    bool infill = is(v, ER_ECO4P_ELIGIBILITY_TYPE, INFILL);
    char worst = infill ? 'B' : 'D', letter, what[96];
    int t;

    if (!sap_of(cell(v, ER_ECO4P_STARTING_SAP), &t))
        return false;
    letter = er_sap_letter(t);
    if (letter >= worst)
        return false;
    snprintf(what, sizeof what, "is band %c: ECO4 premises start at band %s", letter,
             infill ? "B to G when In-fill" : "D to G");
    return fail_cell(v, ER_ECO4P_STARTING_SAP, what, msg, cap);
}

/* A completion column: checked on a Completion Notification, or when
 * given on another row. */
static bool judged(const view *v, int col)
{
    return completion_row(v) || !absent(v, col);
}

/* ECO4P0300: seed 002 4.5, 4.24: the post-retrofit rating */
static bool p0300(const view *v, char *msg, size_t cap)
{
    int t;

    return judged(v, ER_ECO4P_FINISHING_SAP) && !sap_of(cell(v, ER_ECO4P_FINISHING_SAP), &t) &&
           fail_cell(v, ER_ECO4P_FINISHING_SAP,
                     "is not a rating from 1 to 100 with at most one decimal", msg, cap);
}

/* ECO4P0301: seed 002 4.24 (completion data); RULES.md dd/MM/yyyy */
static bool p0301(const view *v, char *msg, size_t cap)
{
    return judged(v, ER_ECO4P_COMPLETION_DATE) && !v->has_date &&
           fail_cell(v, ER_ECO4P_COMPLETION_DATE, "is not a date written dd/mm/yyyy", msg, cap);
}

/* ECO4P0302: a completion is notified after it happens (seed 002 4.24) */
static bool p0302(const view *v, char *msg, size_t cap)
{
    return v->has_date && v->date > v->c->today &&
           fail_cell(v, ER_ECO4P_COMPLETION_DATE, "is in the future", msg, cap);
}

/* ECO4P0303: eco4.json completion_dates (ECO4 Order: 1 Apr 2022 to
 * 31 Mar 2026); a project completes with its last measure (art. 2(2)(b)) */
static bool p0303(const view *v, char *msg, size_t cap)
{
    return completion_inside_scheme(v, ER_ECO4P_COMPLETION_DATE, msg, cap);
}

/* ECO4P0304: ECO4 Order art. 2(2)(b): a project is completed when the
 * last of its notified measures is; seed 002 4.5: the completion follows
 * the notification of all its measures */
static bool p0304(const view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;
    const er_eco4_measure_row *m;
    er_date last = ER_DATE_NONE, d;
    char want[11], what[120];
    size_t k;

    if (!completion_row(v) || !v->has_date)
        return false;
    for (k = 0; reg->project_measure &&
                (m = reg->project_measure(reg->ctx, cell(v, ER_ECO4P_PROJECT_REF), k));
         k++)
        if (date_of(cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) && d > last)
            last = d;
    if (last == ER_DATE_NONE)
        return fail_cell(v, ER_ECO4P_COMPLETION_DATE,
                         "is given but no measure of this project "
                         "has been notified (seed 002 4.5)",
                         msg, cap);
    if (last == v->date)
        return false;
    dmy(last, want);
    snprintf(what, sizeof what, "is not %s, the completion date of the project's last measure",
             want);
    return fail_cell(v, ER_ECO4P_COMPLETION_DATE, what, msg, cap);
}

/* ECO4P0305: seed 002 4.22: completion is evidenced by TrustMark's
 * Project Completion Certificate ID, or a post-retrofit EPC for projects
 * without PAS measures */
static bool p0305(const view *v, char *msg, size_t cap)
{
    return completion_row(v) && absent(v, ER_ECO4P_TM_COMPLETED_CERT) &&
           absent(v, ER_ECO4P_POST_EPC_RRN) &&
           fail_cell(v, ER_ECO4P_TM_COMPLETED_CERT,
                     "and Post_Retrofit_EPC_RRN are both left out; a completion needs one", msg,
                     cap);
}

/* ECO4P0306: seed 002 4.5, 4.22; Ofgem's format (Tgbis0104) */
static bool p0306(const view *v, char *msg, size_t cap)
{
    const char *end = letter_digits(cell(v, ER_ECO4P_TM_COMPLETED_CERT));

    return !absent(v, ER_ECO4P_TM_COMPLETED_CERT) &&
           !(end && end[0] == '-' && is_letter(end[1]) && end[2] == '\0') &&
           fail_cell(v, ER_ECO4P_TM_COMPLETED_CERT,
                     "is not a letter, 4 to 7 digits, '-' and a letter", msg, cap);
}

/* ECO4P0307: seed 002 4.22 post-retrofit EPC */
static bool p0307(const view *v, char *msg, size_t cap)
{
    return !absent(v, ER_ECO4P_POST_EPC_RRN) && !rrn_ok(cell(v, ER_ECO4P_POST_EPC_RRN)) &&
           fail_cell(v, ER_ECO4P_POST_EPC_RRN, "is not an EPC reference NNNN-NNNN-NNNN-NNNN-NNNN",
                     msg, cap);
}

/* ECO4P0308: seed 002 4.7, 4.24: post-retrofit data comes in the second
 * project notification, not the first */
static bool p0308(const view *v, char *msg, size_t cap)
{
    static const int cols[] = { ER_ECO4P_FINISHING_SAP, ER_ECO4P_COMPLETION_DATE,
                                ER_ECO4P_TM_COMPLETED_CERT, ER_ECO4P_POST_EPC_RRN };
    size_t k;

    if (!is(v, ER_ECO4P_PURPOSE, NEW))
        return false;
    for (k = 0; k < sizeof cols / sizeof cols[0]; k++)
        if (!absent(v, cols[k]))
            return fail_cell(v, cols[k],
                             "is completion data: leave it N/A on a New "
                             "Notification and notify it with the Completion Notification",
                             msg, cap);
    return false;
}

#define PRULE(code, col, summary, source, fn)                                                      \
    {                                                                                              \
        { "ECO4P" code, ER_ECO4_PROJECTS, ER_ECO4P_##col, summary, source }, fn                    \
    }

static const rule project_rules[] = {
    PRULE("0100", PURPOSE, "Purpose_of_Notification is New, Edited or Completion",
          "seed 002 4.5, 4.24", p0100),
    PRULE("0101", PROJECT_REF, "Project_Reference_Number is 3 letters and 10 digits",
          "seed 002 4.4, 4.19, 4.21; RULES.md Notification", p0101),
    PRULE("0102", PROJECT_REF, "project reference starts with a known supplier's code",
          "seed 002 4.21; RULES.md Notification", p0102),
    PRULE("0103", PROJECT_REF, "project reference starts with the notifying supplier's code",
          "RULES.md Notification; seed 001 'ECO4 project'", p0103),
    PRULE("0104", PROJECT_REF, "a project appears once in a file", "seed 002 4.3", p0104),
    PRULE("0105", PROJECT_REF, "an edit or completion updates a project the register holds",
          "seed 002 4.5", p0105),
    PRULE("0110", BUILDING_NUMBER, "Building_Number or Building_Name is given", "seed 002 4.10",
          p0110),
    PRULE("0111", TOWN, "Town is given", "seed 002 4.10", p0111),
    PRULE("0112", POST_CODE, "Post_Code is a postcode", "seed 002 4.10; Ofgem Gbis0114", p0112),
    PRULE("0113", UPRN, "UPRN is 1 to 12 digits or N/A", "seed 002 4.10; Ofgem Gbis0503", p0113),
    PRULE("0120", TENURE, "Tenure_Type is a known tenure", "seed 002 4.10", p0120),
    PRULE("0121", PROPERTY, "Property is a known property type", "seed 002 4.4", p0121),
    PRULE("0122", ELIGIBILITY_TYPE, "Eligibility_Type is a known route", "seed 002 4.4, 4.10",
          p0122),
    PRULE("0123", STARTING_SAP, "Starting_SAP_Rating is 1-100, one decimal at most",
          "seed 002 4.4, 4.10, glossary; RULES.md", p0123),
    PRULE("0124", FLOOR_AREA, "Floor_Area is a whole number", "seed 002 4.4; RULES.md", p0124),
    PRULE("0125", RURAL, "Rural is Yes or No", "seed 002 4.10", p0125),
    PRULE("0126", OFF_GAS, "Off_Gas is Yes or No", "seed 002 4.10", p0126),
    PRULE("0127", ART21_DECLARATION, "Article_21_Declaration is Yes or No",
          "ECO4 Order art. 55 (C); RULES.md ECO4 scores", p0127),
    PRULE("0128", ELIGIBILITY_DATE, "Date_Of_Householder_Eligibility is a date or N/A",
          "seed 002 4.10", p0128),
    PRULE("0129", EPC_DATE, "Pre_Installation_EPC_Date is a date not after today, or N/A",
          "seed 001 'pre-installation EPC'", p0129),
    PRULE("0130", EPC_RRN, "Pre_Installation_EPC_RRN is given exactly with the EPC date",
          "seed 001 'pre-installation EPC'", p0130),
    PRULE("0131", INFILL_1, "associated in-fill projects are project references or N/A",
          "seed 002 4.10", p0131),
    PRULE("0132", INFILL_1, "an In-fill project, and only one, cites supporting projects",
          "seed 002 4.10", p0132),
    PRULE("0133", TM_PROJECT_REF, "TrustMark project reference format or N/A",
          "seed 002 4.10; Ofgem Tgbis0103", p0133),
    PRULE("0200", STARTING_SAP, "premises start at band D-G (in-fill: B-G)",
          "seed 002 2.3, 2.10; seed 004", p0200),
    PRULE("0300", FINISHING_SAP, "completion: Finishing_SAP_Rating is 1-100, one decimal",
          "seed 002 4.5, 4.24", p0300),
    PRULE("0301", COMPLETION_DATE, "completion: Date_of_Project_Completion is dd/mm/yyyy",
          "seed 002 4.24; RULES.md", p0301),
    PRULE("0302", COMPLETION_DATE, "Date_of_Project_Completion is not in the future",
          "seed 002 4.24", p0302),
    PRULE("0303", COMPLETION_DATE, "Date_of_Project_Completion is inside the scheme",
          "eco4.json completion_dates; ECO4 Order art. 2(2)(b)", p0303),
    PRULE("0304", COMPLETION_DATE, "the project completes with its last notified measure",
          "ECO4 Order art. 2(2)(b); seed 002 4.5", p0304),
    PRULE("0305", TM_COMPLETED_CERT, "completion: TrustMark certificate or post-retrofit EPC",
          "seed 002 4.22", p0305),
    PRULE("0306", TM_COMPLETED_CERT, "TrustMark completed project certificate ID format",
          "seed 002 4.5, 4.22; Ofgem Tgbis0104", p0306),
    PRULE("0307", POST_EPC_RRN, "Post_Retrofit_EPC_RRN is an EPC reference or N/A", "seed 002 4.22",
          p0307),
    PRULE("0308", FINISHING_SAP, "a New Notification carries no completion data",
          "seed 002 4.7, 4.24", p0308),
};
#define N_PROJECT_RULES (sizeof project_rules / sizeof project_rules[0])

/* ====================================================================
 * Measure rules (ECO4M....)
 * ==================================================================== */

/* ECO4M0100: Ofgem's purposes; ECO4 Order art. 44 (extensions) */
static bool m0100(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4M_PURPOSE, measure_purposes,
                  "is not New Notification, Edited Notification, Extended Notification or "
                  "Automatic Late Extension",
                  msg, cap);
}

/* ECO4M0101: seed 002 4.19, 4.21; RULES.md "Notification" */
static bool m0101(const view *v, char *msg, size_t cap)
{
    return bad_ref(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0102: seed 002 4.21: the prefix identifies the measure's owner */
static bool m0102(const view *v, char *msg, size_t cap)
{
    return unknown_supplier(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0103: RULES.md "Notification" */
static bool m0103(const view *v, char *msg, size_t cap)
{
    return not_notifier(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0104: seed 002 4.19: every measure has a unique MRN */
static bool m0104(const view *v, char *msg, size_t cap)
{
    return duplicate(v, cell(v, ER_ECO4M_MRN)) &&
           fail_cell(v, ER_ECO4M_MRN, "appears on an earlier row of this file", msg, cap);
}

/* ECO4M0105: seed 002 4.3-4.4: a measure names its project */
static bool m0105(const view *v, char *msg, size_t cap)
{
    return bad_ref(v, ER_ECO4M_PROJECT_REF, msg, cap);
}

/* ECO4M0106: seed 001 "ECO4 project": its measures are promoted by the
 * same participant, so the project's prefix is the MRN's */
static bool m0106(const view *v, char *msg, size_t cap)
{
    char a[4], b[4];

    if (!prefix_of(cell(v, ER_ECO4M_MRN), a) || !prefix_of(cell(v, ER_ECO4M_PROJECT_REF), b) ||
        strcmp(a, b) == 0)
        return false;
    return fail_cell(v, ER_ECO4M_PROJECT_REF,
                     "is another supplier's project: a project's measures are its supplier's", msg,
                     cap);
}

/* ECO4M0110: seed 002 4.11 "Measure type"; RULES.md: a type of the ECO4
 * PPS matrix (Standard methodology; the measures of art. 71 are scored
 * otherwise) */
static bool m0110(const view *v, char *msg, size_t cap)
{
    const char *type = cell(v, ER_ECO4M_MEASURE_TYPE);

    if (in_list(cell(v, ER_ECO4M_METHODOLOGY), methodologies) &&
        !is(v, ER_ECO4M_METHODOLOGY, STANDARD))
        return false;
    if (!v->pps)
        return fail_cell(v, ER_ECO4M_MEASURE_TYPE,
                         "cannot be checked: no ECO4 PPS matrix is loaded", msg, cap);
    return !er_matrix_has_measure(v->pps, type) &&
           fail_cell(v, ER_ECO4M_MEASURE_TYPE, "is not a measure type of the ECO4 PPS matrix", msg,
                     cap);
}

/* ECO4M0111: seed 002 4.11; RULES.md dd/MM/yyyy */
static bool m0111(const view *v, char *msg, size_t cap)
{
    return !v->has_date &&
           fail_cell(v, ER_ECO4M_COMPLETION_DATE, "is not a date written dd/mm/yyyy", msg, cap);
}

/* ECO4M0112: ECO4 Order art. 43: a measure is notified after completion */
static bool m0112(const view *v, char *msg, size_t cap)
{
    return v->has_date && v->date > v->c->today &&
           fail_cell(v, ER_ECO4M_COMPLETION_DATE, "is in the future", msg, cap);
}

/* ECO4M0113: eco4.json completion_dates: 1 Apr 2022 to 31 Mar 2026 */
static bool m0113(const view *v, char *msg, size_t cap)
{
    return completion_inside_scheme(v, ER_ECO4M_COMPLETION_DATE, msg, cap);
}

/* ECO4M0114: seed 002 4.11 "Scoring methodology (for PPS)"; arts. 71, 72 */
static bool m0114(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4M_METHODOLOGY, methodologies,
                  "is not Standard, Alternative or Data Light", msg, cap);
}

/* ECO4M0115: seed 002 4.11 "POPT"; RULES.md: 1-66 or 67+ */
static bool m0115(const view *v, char *msg, size_t cap)
{
    const char *s = cell(v, ER_ECO4M_POPT);

    if (strcmp(s, "67+") == 0 ||
        (s[0] != '0' && only(s, is_digit, 1, 2) && strtol(s, NULL, 10) <= 66))
        return false;
    return fail_cell(v, ER_ECO4M_POPT, "is not 1-66 or 67+", msg, cap);
}

/* A heat source cell: N/A, or a name of the PPS matrix (pre: or a rare
 * source with a proxy, seed 002 5.6-5.10). */
static bool heat_source_known(const view *v, int col, bool pre)
{
    const char *s = cell(v, col);

    if (strcmp(s, ER_MATRIX_NA) == 0)
        return true;
    if (!v->pps)
        return false;
    if (pre)
        return er_matrix_has_pre_heating(v->pps, s) ||
               (v->c->scheme && strcmp(er_scheme_proxy(v->c->scheme, s), s) != 0);
    return er_matrix_has_post_heating(v->pps, s);
}

/* ECO4M0116: seed 002 4.11 "Pre and post main heating sources", 5.6-5.10 */
static bool m0116(const view *v, char *msg, size_t cap)
{
    return !heat_source_known(v, ER_ECO4M_PRE_HEATING, true) &&
           fail_cell(v, ER_ECO4M_PRE_HEATING,
                     "is neither N/A nor a pre main heating source of the ECO4 PPS matrix", msg,
                     cap);
}

/* ECO4M0117: seed 002 4.11 "Pre and post main heating sources" */
static bool m0117(const view *v, char *msg, size_t cap)
{
    return !heat_source_known(v, ER_ECO4M_POST_HEATING, false) &&
           fail_cell(v, ER_ECO4M_POST_HEATING,
                     "is neither N/A nor a post main heating source of the ECO4 PPS matrix", msg,
                     cap);
}

/* ECO4M0118: seed 002 4.11 "measure specific uplifts"; art. 58; Ofgem's
 * format (GBIS0719) */
static bool m0118(const view *v, char *msg, size_t cap)
{
    return !is(v, ER_ECO4M_INNOVATION_NUMBER, "N/A") &&
           !only(cell(v, ER_ECO4M_INNOVATION_NUMBER), is_digit, 3, 3) &&
           fail_cell(v, ER_ECO4M_INNOVATION_NUMBER, "is neither 3 digits nor N/A", msg, cap);
}

/* ECO4M0119: ECO4 Order art. 24(2)(b): insulation already installed */
static bool m0119(const view *v, char *msg, size_t cap)
{
    return not_in(v, ER_ECO4M_PRE_EXISTING_INSULATION, yes_no_na, "is not Yes, No or N/A", msg,
                  cap);
}

/* ECO4M0120: Ofgem's GBIS0702/0703: the installer, at most 150 characters */
static bool m0120(const view *v, char *msg, size_t cap)
{
    if (absent(v, ER_ECO4M_INSTALLER))
        return fail_cell(v, ER_ECO4M_INSTALLER, "must name the installer", msg, cap);
    return er_utf8_chars(cell(v, ER_ECO4M_INSTALLER)) > 150 &&
           fail_cell(v, ER_ECO4M_INSTALLER, "is longer than 150 characters", msg, cap);
}

/* ECO4M0121: seed 002 4.11 "Trustmark details"; Ofgem's Tgbis0100; N/A for
 * measures not lodged with TrustMark (4.21) */
static bool m0121(const view *v, char *msg, size_t cap)
{
    return !absent(v, ER_ECO4M_TM_LICENCE) &&
           !only(cell(v, ER_ECO4M_TM_LICENCE), is_digit, 12, 12) &&
           fail_cell(v, ER_ECO4M_TM_LICENCE, "is neither 12 digits nor N/A", msg, cap);
}

/* ECO4M0122: seed 002 4.19 UMR; Ofgem's Tgbis0102 */
static bool m0122(const view *v, char *msg, size_t cap)
{
    return !absent(v, ER_ECO4M_TM_MEASURE_REF) &&
           !only(cell(v, ER_ECO4M_TM_MEASURE_REF), is_alnum, 1, 20) &&
           fail_cell(v, ER_ECO4M_TM_MEASURE_REF, "is neither 1 to 20 letters or digits nor N/A",
                     msg, cap);
}

/* ECO4M0123: seed 002 4.11 "Trustmark details" (certificate of lodgement,
 * seed 001); Ofgem's Tgbis0101 (here anchored at the start) */
static bool m0123(const view *v, char *msg, size_t cap)
{
    const char *end = letter_digits(cell(v, ER_ECO4M_TM_CERTIFICATE));

    return !absent(v, ER_ECO4M_TM_CERTIFICATE) &&
           !(end && end[0] == '-' && is_digit(end[1]) && end[2] == '\0') &&
           fail_cell(v, ER_ECO4M_TM_CERTIFICATE,
                     "is neither a letter, 4 to 7 digits, '-' and a digit nor N/A", msg, cap);
}

/* ECO4M0200: seed 002 4.4: a measure passes only once its project has;
 * first, the project must be notified */
static bool m0200(const view *v, char *msg, size_t cap)
{
    return !v->project_state && fail_cell(v, ER_ECO4M_PROJECT_REF,
                                          "is not a project the register holds: the "
                                          "project must be notified and pass its checks first",
                                          msg, cap);
}

/* ECO4M0201: seed 002 4.4: "will not be able to pass eligibility checks
 * until the associated project has already done so" */
static bool m0201(const view *v, char *msg, size_t cap)
{
    char what[96];

    if (!v->project_state || in_list(v->project_state, passed_states))
        return false;
    snprintf(what, sizeof what, "is a project that has not passed its checks (it is %.24s)",
             v->project_state);
    return fail_cell(v, ER_ECO4M_PROJECT_REF, what, msg, cap);
}

/* The measures of this row's project: the file's rows, then the
 * register's that the file does not notify again. */
struct pm_iter {
    const view *v;
    const char *ref;
    size_t at, k;
};

static bool in_file(const view *v, const char *mrn)
{
    size_t at = lower(v->by_ref, v->n, mrn);

    return at < v->n && strcmp(v->by_ref[at].key, mrn) == 0;
}

static const er_eco4_measure_row *pm_next(struct pm_iter *it)
{
    const view *v = it->v;
    const er_eco4_register *reg = &v->c->reg;
    const er_eco4_measure_row *m;

    if (it->at < v->n && strcmp(v->by_project[it->at].key, it->ref) == 0)
        return &v->mrows[v->by_project[it->at++].i];
    it->at = v->n;
    while (reg->project_measure && (m = reg->project_measure(reg->ctx, it->ref, it->k++)))
        if (!in_file(v, cell_of(m->col, ER_ECO4M_MRN)))
            return m;
    return NULL;
}

static struct pm_iter pm_first(const view *v)
{
    struct pm_iter it = { v, cell(v, ER_ECO4M_PROJECT_REF), 0, 0 };

    it.at = lower(v->by_project, v->n, it.ref);
    return it;
}

/* ECO4M0202: seed 001 "pre-installation EPC": issued within the 2 years
 * 3 months ending with the day before the project's first measure is
 * completed (eco4.json pre_installation_epc_max_age_months) */
static bool m0202(const view *v, char *msg, size_t cap)
{
    struct pm_iter it = pm_first(v);
    const er_eco4_measure_row *m;
    er_date epc, first = ER_DATE_NONE, d;
    char a[11], b[11], what[160];

    if (!v->c->scheme || !v->c->scheme->epc_max_age_months || !v->project ||
        !date_of(cell_of(v->project->col, ER_ECO4P_EPC_DATE), &epc))
        return false;
    while ((m = pm_next(&it)))
        if (date_of(cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) &&
            (first == ER_DATE_NONE || d < first))
            first = d;
    if (first == ER_DATE_NONE)
        return false;
    /* the period of 27 months ending with first - 1 begins on the day
     * 27 months before first (AddMonths clamping to a month's end) */
    if (epc >= er_deadline_add_months(first, -EPC_MAX_AGE_MONTHS(v)) && epc < first)
        return false;
    dmy(epc, a);
    dmy(first, b);
    snprintf(what, sizeof what,
             "completes a project whose pre-installation EPC of %s is not "
             "from the %d months before its first measure completed (%s)",
             a, EPC_MAX_AGE_MONTHS(v), b);
    return fail_cell(v, ER_ECO4M_COMPLETION_DATE, what, msg, cap);
}

/* The kind of a measure type, and whether art. 24 leaves it out. */
static enum kind kind_of(const view *v, const char *type, bool *art24_exempt)
{
    const char *category;
    size_t k;

    *art24_exempt = false;
    for (k = 0; k < sizeof kinds_by_type / sizeof kinds_by_type[0]; k++) {
        if (strncmp(type, kinds_by_type[k].prefix, strlen(kinds_by_type[k].prefix)) == 0) {
            *art24_exempt = kinds_by_type[k].art24_exempt;
            return kinds_by_type[k].kind;
        }
    }
    category = v->pps ? er_matrix_measure_category(v->pps, type) : NULL;
    for (k = 0; category && k < sizeof kinds_by_category / sizeof kinds_by_category[0]; k++)
        if (strcmp(category, kinds_by_category[k].category) == 0)
            return kinds_by_category[k].kind;
    return OTHER;
}

/* ECO4M0203: ECO4 Order art. 24: a heating measure (not a first time
 * heating system or district heating connection) in a project whose
 * pre-project band is D needs an insulation measure of the same project
 * completed before the day it is completed (24(2)(a)), unless all the
 * relevant insulation was already installed (24(2)(b),
 * Pre_Existing_Insulation = Yes) */
static bool m0203(const view *v, char *msg, size_t cap)
{
    struct pm_iter it = pm_first(v);
    const er_eco4_measure_row *m;
    bool exempt, other_exempt;
    int t;
    er_date d;

    if (!v->project || !v->has_date || is(v, ER_ECO4M_PRE_EXISTING_INSULATION, "Yes") ||
        kind_of(v, cell(v, ER_ECO4M_MEASURE_TYPE), &exempt) != HEATING || exempt ||
        !sap_of(cell_of(v->project->col, ER_ECO4P_STARTING_SAP), &t) || er_sap_letter(t) != 'D')
        return false;
    while ((m = pm_next(&it)))
        if (m != &v->mrows[v->i] &&
            kind_of(v, cell_of(m->col, ER_ECO4M_MEASURE_TYPE), &other_exempt) == INSULATION &&
            date_of(cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) && d < v->date)
            return false;
    return fail_cell(v, ER_ECO4M_MEASURE_TYPE,
                     "is a heating measure in a band D project with "
                     "no insulation measure of the project completed before it (ECO4 Order "
                     "art. 24), and Pre_Existing_Insulation is not Yes",
                     msg, cap);
}

/* ---- ECO4M03xx: notification deadlines (deadline.h) ---- */

/* The final notification date; INT32_MAX (never) when the scheme sets none. */
static er_date final_date(const view *v)
{
    const er_scheme *s = v->c->scheme;

    return s && s->final_notification != ER_DATE_NONE ? s->final_notification : INT32_MAX;
}

/* An edit of a measure the register holds: its deadline was judged when
 * it was first notified. */
static bool edit_of_held(const view *v)
{
    const er_eco4_register *reg = &v->c->reg;

    return is(v, ER_ECO4M_PURPOSE, EDITED) && reg->measure_state &&
           reg->measure_state(reg->ctx, cell(v, ER_ECO4M_MRN)) != NULL;
}

static er_date late_deadline(const view *v)
{
    return er_deadline_late_extension(v->date, LATE_MONTHS(v), final_date(v));
}

/* The supplier's measures completed in this row's month, and those
 * notified under the automatic late extension: the register's, plus the
 * file's (edits excluded: the register counts them), the late ones up to
 * this row, in file order, the order the allowance is used in. */
static void month_counts(const view *v, long *completed, long *late)
{
    const er_eco4_register *reg = &v->c->reg;
    const char *own = cell(v, ER_ECO4M_COMPLETION_DATE);
    const char *month = strlen(own) == 10 ? own + 3 : own; /* "MM/yyyy" */
    char supplier[4], other[4];
    int y, m, d;
    size_t k;

    *completed = *late = 0;
    if (!prefix_of(cell(v, ER_ECO4M_MRN), supplier))
        return;
    er_date_split(v->date, &y, &m, &d);
    if (reg->month_counts)
        reg->month_counts(reg->ctx, supplier, y, m, completed, late);
    for (k = 0; k < v->n; k++) {
        const char *const *p = v->mrows[k].col;
        const char *date = cell_of(p, ER_ECO4M_COMPLETION_DATE);
        er_date pd;

        if (strlen(date) != 10 || strcmp(date + 3, month) != 0 || !date_of(date, &pd) ||
            !prefix_of(cell_of(p, ER_ECO4M_MRN), other) || strcmp(other, supplier) != 0 ||
            strcasecmp(cell_of(p, ER_ECO4M_PURPOSE), EDITED) == 0)
            continue;
        (*completed)++;
        if (k <= v->i && strcasecmp(cell_of(p, ER_ECO4M_PURPOSE), ALE) == 0)
            (*late)++;
    }
}

/* ECO4M0300: ECO4 Order art. 44(2)(c): an automatic late extension only
 * within 5% of the supplier's measures completed in that month */
static bool m0300(const view *v, char *msg, size_t cap)
{
    long completed, late;
    char what[160];
    int y, m, d;

    if (!v->c->scheme || !is(v, ER_ECO4M_PURPOSE, ALE) || !v->has_date || edit_of_held(v) ||
        v->c->today <= er_deadline_notification(v->date) || v->c->today > late_deadline(v))
        return false;
    month_counts(v, &completed, &late);
    if (er_deadline_late_fits(completed, late, LATE_PERCENT(v)))
        return false;
    er_date_split(v->date, &y, &m, &d);
    snprintf(what, sizeof what,
             "is beyond the supplier's %d%% allowance: %ld late of %ld "
             "measures completed in %02d/%04d",
             LATE_PERCENT(v), late, completed, m, y);
    return fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0301: ECO4 Order art. 44(1)(c): the automatic late extension ends
 * at the end of the fourth month after completion, and June 2026 */
static bool m0301(const view *v, char *msg, size_t cap)
{
    char end[11], today[11], what[120];

    if (!v->c->scheme || !is(v, ER_ECO4M_PURPOSE, ALE) || !v->has_date || edit_of_held(v) ||
        v->c->today <= late_deadline(v))
        return false;
    dmy(late_deadline(v), end);
    dmy(v->c->today, today);
    snprintf(what, sizeof what, "ended %s (3 months after the deadline); notified %s", end, today);
    return fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0302: ECO4 Order art. 44(1)(a)(ii): notified by the end of the
 * month after the month of completion, unless extended */
static bool m0302(const view *v, char *msg, size_t cap)
{
    char due[11], today[11], what[160];

    if (is(v, ER_ECO4M_PURPOSE, ALE) || is(v, ER_ECO4M_PURPOSE, EXTENDED) ||
        is(v, ER_ECO4M_PURPOSE, EDITED) || !v->has_date ||
        v->c->today <= er_deadline_notification(v->date))
        return false;
    dmy(er_deadline_notification(v->date), due);
    dmy(v->c->today, today);
    snprintf(what, sizeof what,
             "is notified %s, after the deadline %s (end of the month after "
             "completion), without an extension",
             today, due);
    return fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0303: ECO4 Order art. 44: a notification under an extension the
 * supplier applied for cites that application; no other row does */
static bool m0303(const view *v, char *msg, size_t cap)
{
    bool extended = is(v, ER_ECO4M_PURPOSE, EXTENDED), given = !absent(v, ER_ECO4M_EXTENSION_REF);

    if (extended && !given)
        return fail_cell(v, ER_ECO4M_EXTENSION_REF,
                         "is left out: an Extended Notification "
                         "cites the extension application's reference",
                         msg, cap);
    if (!extended && given)
        return fail_cell(v, ER_ECO4M_EXTENSION_REF,
                         "is given but the Purpose_of_Notification "
                         "is not Extended Notification",
                         msg, cap);
    return false;
}

/* ECO4M0304: an Edited Notification edits a measure already notified
 * (as Ofgem's GBIS1004) */
static bool m0304(const view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;

    if (!is(v, ER_ECO4M_PURPOSE, EDITED) ||
        (reg->measure_state && reg->measure_state(reg->ctx, cell(v, ER_ECO4M_MRN))))
        return false;
    return fail_cell(v, ER_ECO4M_MRN, "is edited but has not been notified before", msg, cap);
}

#define MRULE(code, col, summary, source, fn)                                                      \
    {                                                                                              \
        { "ECO4M" code, ER_ECO4_MEASURES, ER_ECO4M_##col, summary, source }, fn                    \
    }

static const rule measure_rules[] = {
    MRULE("0100", PURPOSE, "Purpose_of_Notification is an accepted purpose",
          "Ofgem GBIS purposes; ECO4 Order art. 44", m0100),
    MRULE("0101", MRN, "MRN is 3 letters and 10 digits",
          "seed 002 4.19, 4.21; RULES.md Notification", m0101),
    MRULE("0102", MRN, "MRN starts with a known supplier's code", "seed 002 4.21", m0102),
    MRULE("0103", MRN, "MRN starts with the notifying supplier's code", "RULES.md Notification",
          m0103),
    MRULE("0104", MRN, "an MRN appears once in a file", "seed 002 4.19", m0104),
    MRULE("0105", PROJECT_REF, "Project_Reference_Number is 3 letters and 10 digits",
          "seed 002 4.3, 4.4", m0105),
    MRULE("0106", PROJECT_REF, "the project is the MRN's supplier's", "seed 001 'ECO4 project'",
          m0106),
    MRULE("0110", MEASURE_TYPE, "Measure_Type is an ECO4 PPS matrix measure type",
          "seed 002 4.11; RULES.md ECO4 scores", m0110),
    MRULE("0111", COMPLETION_DATE, "completion date is dd/mm/yyyy", "seed 002 4.11; RULES.md",
          m0111),
    MRULE("0112", COMPLETION_DATE, "completion date is not in the future", "ECO4 Order art. 43",
          m0112),
    MRULE("0113", COMPLETION_DATE, "completion date is inside the scheme",
          "eco4.json completion_dates", m0113),
    MRULE("0114", METHODOLOGY, "Scoring_Methodology is Standard, Alternative or Data Light",
          "seed 002 4.11; ECO4 Order arts. 71, 72", m0114),
    MRULE("0115", POPT, "Percentage_Of_Property_Treated is 1-66 or 67+", "seed 002 4.11; RULES.md",
          m0115),
    MRULE("0116", PRE_HEATING, "Pre_Main_Heating_Source is known or N/A", "seed 002 4.11, 5.6-5.10",
          m0116),
    MRULE("0117", POST_HEATING, "Post_Main_Heating_Source is known or N/A", "seed 002 4.11", m0117),
    MRULE("0118", INNOVATION_NUMBER, "Innovation_Measure_Number is 3 digits or N/A",
          "seed 002 4.11; ECO4 Order art. 58", m0118),
    MRULE("0119", PRE_EXISTING_INSULATION, "Pre_Existing_Insulation is Yes, No or N/A",
          "ECO4 Order art. 24(2)(b)", m0119),
    MRULE("0120", INSTALLER, "Installer_Name is given, at most 150 characters",
          "Ofgem GBIS0702, GBIS0703", m0120),
    MRULE("0121", TM_LICENCE, "TrustMark licence number is 12 digits or N/A",
          "seed 002 4.11, 4.21; Ofgem Tgbis0100", m0121),
    MRULE("0122", TM_MEASURE_REF, "TrustMark unique measure reference format or N/A",
          "seed 002 4.19; Ofgem Tgbis0102", m0122),
    MRULE("0123", TM_CERTIFICATE, "TrustMark lodged certificate ID format or N/A",
          "seed 002 4.11; Ofgem Tgbis0101", m0123),
    MRULE("0200", PROJECT_REF, "the measure's project is held by the register", "seed 002 4.4",
          m0200),
    MRULE("0201", PROJECT_REF, "the measure's project has passed its checks", "seed 002 4.4",
          m0201),
    MRULE("0202", COMPLETION_DATE,
          "pre-installation EPC at most 27 months before the first "
          "measure",
          "seed 001 'pre-installation EPC'", m0202),
    MRULE("0203", MEASURE_TYPE, "band D heating measure: insulation installed first",
          "ECO4 Order art. 24", m0203),
    MRULE("0300", PURPOSE, "automatic late extension within the 5% allowance",
          "ECO4 Order art. 44(2)(c)", m0300),
    MRULE("0301", PURPOSE, "automatic late extension within 3 months", "ECO4 Order art. 44(1)(c)",
          m0301),
    MRULE("0302", PURPOSE, "notified by the end of the month after completion",
          "ECO4 Order art. 44(1)(a)(ii)", m0302),
    MRULE("0303", EXTENSION_REF, "an Extended Notification, and only one, cites its extension",
          "ECO4 Order art. 44", m0303),
    MRULE("0304", MRN, "an Edited Notification edits a notified measure", "Ofgem GBIS1004", m0304),
};
#define N_MEASURE_RULES (sizeof measure_rules / sizeof measure_rules[0])

/* ====================================================================
 * The framework
 * ==================================================================== */

static int by_key(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int cmp = strcmp(x->key, y->key);

    return cmp ? cmp : (x->i > y->i) - (x->i < y->i);
}

static void run_rules(const rule *rules, size_t n, const view *v, er_eco4_outcome *o)
{
    char msg[sizeof o->failures[0].message];
    size_t k;

    for (k = 0; k < n; k++) {
        *v->named = rules[k].info.column;
        if (!rules[k].fails(v, msg, sizeof msg))
            continue;
        if (o->n_failures < ER_ECO4_FAILURES_MAX) {
            er_eco4_failure *f = &o->failures[o->n_failures];

            snprintf(f->rule, sizeof f->rule, "%s", rules[k].info.code);
            f->column = *v->named; /* the cell the message is about */
            memcpy(f->message, msg, sizeof msg);
        }
        o->n_failures++;
    }
}

/* The minimum requirement of a completion (seed 002 4.5, 4.17; score.h). */
static er_eco4_mr minimum_requirement(const view *v)
{
    int start, finish;

    if (!completion_row(v) || !v->c->scheme || !sap_of(cell(v, ER_ECO4P_STARTING_SAP), &start) ||
        !sap_of(cell(v, ER_ECO4P_FINISHING_SAP), &finish))
        return ER_ECO4_MR_NOT_ASSESSED;
    return er_eco4_minimum_requirement_met(v->c->scheme, start, finish) ? ER_ECO4_MR_MET
                                                                        : ER_ECO4_MR_NOT_MET;
}

er_status er_eco4_check_projects_each(const er_eco4_context *c, const er_eco4_project_row *rows,
                                      size_t n, er_eco4_row_fn fn, void *ctx)
{
    struct keyed *idx = er_calloc(n ? n : 1, sizeof *idx);
    int named = 0;
    view v = { .c = c, .tmpl = ER_ECO4_PROJECTS, .n = n, .named = &named };
    er_eco4_outcome o;
    size_t i;

    if (!idx)
        return ER_ENOMEM;
    for (i = 0; i < n; i++)
        idx[i] = (struct keyed){ cell_of(rows[i].col, ER_ECO4P_PROJECT_REF), i };
    qsort(idx, n, sizeof *idx, by_key);
    v.by_ref = idx;
    for (i = 0; i < n; i++) {
        v.i = i;
        v.cells = rows[i].col;
        v.has_date = date_of(cell(&v, ER_ECO4P_COMPLETION_DATE), &v.date);
        o.n_failures = 0; /* not the whole struct: its failures are 5 KB */
        run_rules(project_rules, N_PROJECT_RULES, &v, &o);
        /* judged only on a completion that passed: a rejected one awards nothing */
        o.minimum_requirement = o.n_failures ? ER_ECO4_MR_NOT_ASSESSED : minimum_requirement(&v);
        fn(ctx, i, &o);
    }
    er_free(idx);
    return ER_OK;
}

/* What the measure rules need, looked up once for row i. */
static void enrich_measure(view *v, size_t i)
{
    const er_eco4_register *reg = &v->c->reg;
    const char *ref = cell_of(v->mrows[i].col, ER_ECO4M_PROJECT_REF);
    const er_scheme *s = v->c->scheme;

    v->i = i;
    v->cells = v->mrows[i].col;
    v->has_date = date_of(cell(v, ER_ECO4M_COMPLETION_DATE), &v->date);
    v->project_state = reg->project_state ? reg->project_state(reg->ctx, ref) : NULL;
    v->project = reg->project ? reg->project(reg->ctx, ref) : NULL;
    /* the matrix valid on the completion date, else the latest one */
    v->pps = NULL;
    if (s && (!v->has_date || er_scheme_matrix(s, ER_MATRIX_ECO4_PPS, v->date, &v->pps, NULL)))
        (void)er_scheme_matrix(s, ER_MATRIX_ECO4_PPS, ER_DATE_NONE, &v->pps, NULL);
}

er_status er_eco4_check_measures_each(const er_eco4_context *c, const er_eco4_measure_row *rows,
                                      size_t n, er_eco4_row_fn fn, void *ctx)
{
    struct keyed *idx = er_calloc(n ? 2 * n : 1, sizeof *idx);
    int named = 0;
    view v = { .c = c, .tmpl = ER_ECO4_MEASURES, .n = n, .mrows = rows, .named = &named };
    er_eco4_outcome o;
    size_t i;

    if (!idx)
        return ER_ENOMEM;
    for (i = 0; i < n; i++) {
        idx[i] = (struct keyed){ cell_of(rows[i].col, ER_ECO4M_MRN), i };
        idx[n + i] = (struct keyed){ cell_of(rows[i].col, ER_ECO4M_PROJECT_REF), i };
    }
    qsort(idx, n, sizeof *idx, by_key);
    qsort(idx + n, n, sizeof *idx, by_key);
    v.by_ref = idx;
    v.by_project = idx + n;
    for (i = 0; i < n; i++) {
        enrich_measure(&v, i);
        o.n_failures = 0;
        o.minimum_requirement = ER_ECO4_MR_NOT_ASSESSED;
        run_rules(measure_rules, N_MEASURE_RULES, &v, &o);
        fn(ctx, i, &o);
    }
    er_free(idx);
    return ER_OK;
}

static void keep(void *ctx, size_t i, const er_eco4_outcome *o)
{
    er_eco4_outcome *outcomes = ctx;
    size_t k = o->n_failures < ER_ECO4_FAILURES_MAX ? o->n_failures : ER_ECO4_FAILURES_MAX;

    outcomes[i].n_failures = o->n_failures;
    outcomes[i].minimum_requirement = o->minimum_requirement;
    memcpy(outcomes[i].failures, o->failures, k * sizeof o->failures[0]);
}

er_status er_eco4_check_projects(const er_eco4_context *c, const er_eco4_project_row *rows,
                                 size_t n, er_eco4_outcome *outcomes)
{
    return er_eco4_check_projects_each(c, rows, n, keep, outcomes);
}

er_status er_eco4_check_measures(const er_eco4_context *c, const er_eco4_measure_row *rows,
                                 size_t n, er_eco4_outcome *outcomes)
{
    return er_eco4_check_measures_each(c, rows, n, keep, outcomes);
}

const er_eco4_rule_info *er_eco4_rule_at(size_t i)
{
    if (i < N_PROJECT_RULES)
        return &project_rules[i].info;
    i -= N_PROJECT_RULES;
    return i < N_MEASURE_RULES ? &measure_rules[i].info : NULL;
}
