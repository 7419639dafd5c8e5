/*
 * eco4_projects.c: the rules of ECO4 project notifications (ECO4P....).
 *
 * One table, eco4_project_rules, of the project template's rules
 * (include/ecoreg/eco4.h, docs/eco4_templates.md): 01nn format and
 * references, 02nn eligibility, 03nn completion.  Codes are ecoreg's own
 * (Ofgem has published no ECO4 rule codes); each rule cites its source on
 * its function and in the table, and docs/eco4_checks.md lists them.  A
 * rule returns true, writing a sentence that names the column and quotes
 * the value, when the row FAILS it; eco4_rules.h says what a rule sees,
 * and eco4_checks.c runs the table.
 */
#include <stdio.h>
#include <stdlib.h>

#include "eco4_rules.h"
#include "ecoreg/gbis.h"
#include "ecoreg/sap.h"
#include "util.h"

/* Accepted values, compared ignoring case as Ofgem compares template
 * values; NULL-terminated. */

/* seed 002 4.5, 4.24 (eco4_rules.h) */
static const char *const project_purposes[] = { ECO4_PURPOSE_NEW, ECO4_PURPOSE_EDITED,
                                                ECO4_PURPOSE_COMPLETION, NULL };

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
static const char *const yes_no[] = { "Yes", "No", NULL };

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

/* ECO4P0100: seed 002 4.5, 4.24: new, edited, or the completion */
static bool p0100(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4P_PURPOSE, project_purposes,
                       "is not New Notification, Edited Notification or Completion Notification",
                       msg, cap);
}

/* ECO4P0101: seed 002 4.4 "project ID"; supplier-prefixed like an MRN
 * (4.19, 4.21; RULES.md "Notification") */
static bool p0101(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_bad_ref(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* ECO4P0102: seed 002 4.21; RULES.md "Notification" */
static bool p0102(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_unknown_supplier(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* ECO4P0103: RULES.md "Notification"; seed 001 "ECO4 project": promoted
 * by one participant */
static bool p0103(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_notifier(v, ER_ECO4P_PROJECT_REF, msg, cap);
}

/* ECO4P0104: seed 002 4.3: a project exists once on the register, so once
 * in a file */
static bool p0104(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_duplicate(v, eco4_cell(v, ER_ECO4P_PROJECT_REF)) &&
           eco4_fail_cell(v, ER_ECO4P_PROJECT_REF, "appears on an earlier row of this file", msg,
                          cap);
}

/* ECO4P0105: seed 002 4.5: the completion (and an edit) updates a project
 * already notified */
static bool p0105(const eco4_view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;

    if (!eco4_is(v, ER_ECO4P_PURPOSE, ECO4_PURPOSE_EDITED) && !eco4_completion_row(v))
        return false;
    if (reg->project_state && reg->project_state(reg->ctx, eco4_cell(v, ER_ECO4P_PROJECT_REF)))
        return false;
    return eco4_fail_cell(
        v, ER_ECO4P_PROJECT_REF,
        "is not a project the register holds: notify it as a New Notification first", msg, cap);
}

/* ECO4P0110: seed 002 4.10 "Address details": a building number or name */
static bool p0110(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_absent(v, ER_ECO4P_BUILDING_NUMBER) && eco4_absent(v, ER_ECO4P_BUILDING_NAME) &&
           eco4_fail_cell(v, ER_ECO4P_BUILDING_NUMBER,
                          "and Building_Name are both left out; one of them is required", msg, cap);
}

/* ECO4P0111: seed 002 4.10 "Address details" */
static bool p0111(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_absent(v, ER_ECO4P_TOWN) &&
           eco4_fail_cell(v, ER_ECO4P_TOWN, "is not given; a town is required", msg, cap);
}

/* ECO4P0112: seed 002 4.10 "and postcode"; Ofgem's pattern (Gbis0114.cs) */
static bool p0112(const eco4_view *v, char *msg, size_t cap)
{
    return !ofgem_postcode(eco4_cell(v, ER_ECO4P_POST_CODE)) &&
           eco4_fail_cell(v, ER_ECO4P_POST_CODE, "is not a postcode in capitals such as 'SW1A 1AA'",
                          msg, cap);
}

/* ECO4P0113: seed 002 4.10 "Address details"; UPRN as Ofgem's GBIS0503 */
static bool p0113(const eco4_view *v, char *msg, size_t cap)
{
    return !eco4_absent(v, ER_ECO4P_UPRN) && !er_gbis_uprn_valid(eco4_cell(v, ER_ECO4P_UPRN)) &&
           eco4_fail_cell(v, ER_ECO4P_UPRN, "is neither N/A nor 1 to 12 digits", msg, cap);
}

/* ECO4P0120: seed 002 4.10 "Tenure details" */
static bool p0120(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4P_TENURE, tenures,
                       "is not Owner Occupied, Private Rented Sector or Social Housing (RSL)", msg,
                       cap);
}

/* ECO4P0121: seed 002 4.4 "other household data"; art. 25(3)(a) mobile
 * homes */
static bool p0121(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4P_PROPERTY, properties,
                       "is not House, Bungalow, Flat, Maisonette or Park Home", msg, cap);
}

/* ECO4P0122: seed 002 4.4, 4.10 "Eligibility route" */
static bool p0122(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(
        v, ER_ECO4P_ELIGIBILITY_TYPE, eligibility_types,
        "is not Help to Heat Group, Social Housing, LA Flex, Supplier Flex or In-fill", msg, cap);
}

/* ECO4P0123: seed 002 4.4, 4.10 starting SAP; glossary "between 1 and
 * 100"; RULES.md one decimal */
static bool p0123(const eco4_view *v, char *msg, size_t cap)
{
    int t;

    return !eco4_sap_of(eco4_cell(v, ER_ECO4P_STARTING_SAP), &t) &&
           eco4_fail_cell(v, ER_ECO4P_STARTING_SAP,
                          "is not a rating from 1 to 100 with at most one decimal", msg, cap);
}

/* ECO4P0124: seed 002 4.4 floor area; RULES.md: a whole number */
static bool p0124(const eco4_view *v, char *msg, size_t cap)
{
    const char *s = eco4_cell(v, ER_ECO4P_FLOOR_AREA);

    return (!only(s, is_digit, 1, 4) || strtol(s, NULL, 10) < 1) &&
           eco4_fail_cell(v, ER_ECO4P_FLOOR_AREA, "is not a whole number of square metres, 1-9999",
                          msg, cap);
}

/* A required Yes/No flag (RULES.md "Notification": Yes/No flags). */
static bool not_yes_no(const eco4_view *v, int col, char *msg, size_t cap)
{
    return eco4_not_in(v, col, yes_no, "is neither Yes nor No", msg, cap);
}

/* ECO4P0125: seed 002 4.10 "Is the property rural?" */
static bool p0125(const eco4_view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_RURAL, msg, cap);
}

/* ECO4P0126: seed 002 4.10 "connected to the gas mains?" */
static bool p0126(const eco4_view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_OFF_GAS, msg, cap);
}

/* ECO4P0127: ECO4 Order art. 55: C = 1.1 when the art. 21 declaration
 * route is met (RULES.md "ECO4 scores") */
static bool p0127(const eco4_view *v, char *msg, size_t cap)
{
    return not_yes_no(v, ER_ECO4P_ART21_DECLARATION, msg, cap);
}

/* An optional date: dd/mm/yyyy, or left out. */
static bool bad_optional_date(const eco4_view *v, int col, char *msg, size_t cap)
{
    er_date d;

    return !eco4_absent(v, col) && !eco4_date_of(eco4_cell(v, col), &d) &&
           eco4_fail_cell(v, col, "is neither a date written dd/mm/yyyy nor N/A", msg, cap);
}

/* ECO4P0128: seed 002 4.10 "Eligibility route and associated requirements" */
static bool p0128(const eco4_view *v, char *msg, size_t cap)
{
    return bad_optional_date(v, ER_ECO4P_ELIGIBILITY_DATE, msg, cap);
}

/* ECO4P0129: seed 001 "pre-installation EPC": issued, so not after today */
static bool p0129(const eco4_view *v, char *msg, size_t cap)
{
    er_date d;

    if (bad_optional_date(v, ER_ECO4P_EPC_DATE, msg, cap))
        return true;
    return eco4_date_of(eco4_cell(v, ER_ECO4P_EPC_DATE), &d) && d > v->c->today &&
           eco4_fail_cell(v, ER_ECO4P_EPC_DATE, "is in the future", msg, cap);
}

/* ECO4P0130: seed 001 "pre-installation EPC": the certificate's reference
 * is given exactly when its date is */
static bool p0130(const eco4_view *v, char *msg, size_t cap)
{
    bool no_epc = eco4_absent(v, ER_ECO4P_EPC_DATE);

    if (no_epc)
        return !eco4_absent(v, ER_ECO4P_EPC_RRN) &&
               eco4_fail_cell(v, ER_ECO4P_EPC_RRN, "is given but Pre_Installation_EPC_Date is not",
                              msg, cap);
    return !rrn_ok(eco4_cell(v, ER_ECO4P_EPC_RRN)) &&
           eco4_fail_cell(v, ER_ECO4P_EPC_RRN, "is not an EPC reference NNNN-NNNN-NNNN-NNNN-NNNN",
                          msg, cap);
}

/* ECO4P0131: seed 002 4.10 "Supporting projects for in-fill": each is a
 * project reference or left out */
static bool p0131(const eco4_view *v, char *msg, size_t cap)
{
    int col;

    for (col = ER_ECO4P_INFILL_1; col <= ER_ECO4P_INFILL_3; col++)
        if (!eco4_absent(v, col) && !eco4_ref_ok(v, eco4_cell(v, col)))
            return eco4_fail_cell(v, col, "is neither a project reference nor N/A", msg, cap);
    return false;
}

/* ECO4P0132: seed 002 4.10: an in-fill project cites its supporting
 * projects; no other route does */
static bool p0132(const eco4_view *v, char *msg, size_t cap)
{
    bool infill = eco4_is(v, ER_ECO4P_ELIGIBILITY_TYPE, INFILL);
    int col, given = 0;

    for (col = ER_ECO4P_INFILL_1; col <= ER_ECO4P_INFILL_3; col++)
        given += !eco4_absent(v, col);
    if (infill && given == 0)
        return eco4_fail_cell(v, ER_ECO4P_INFILL_1,
                              "is left out: an In-fill project cites the "
                              "project(s) supporting it",
                              msg, cap);
    if (!infill && given > 0)
        return eco4_fail_cell(v, ER_ECO4P_INFILL_1,
                              "is given, or another supporting project is, "
                              "but the Eligibility_Type is not In-fill",
                              msg, cap);
    return false;
}

/* ECO4P0133: seed 002 4.10 "TrustMark Project ID"; Ofgem's format
 * (Tgbis0103); N/A for projects outside PAS 2035 (seed 004 "ECO4
 * exemptions") */
static bool p0133(const eco4_view *v, char *msg, size_t cap)
{
    const char *end = eco4_letter_digits(eco4_cell(v, ER_ECO4P_TM_PROJECT_REF));

    return !eco4_absent(v, ER_ECO4P_TM_PROJECT_REF) && !(end && *end == '\0') &&
           eco4_fail_cell(v, ER_ECO4P_TM_PROJECT_REF,
                          "is neither a letter and 4 to 7 digits nor N/A", msg, cap);
}

/* ECO4P0200: seed 002 2.3 "Premises with a starting SAP band of C or
 * higher will not be eligible"; seed 004: ECO4 targets bands D-G; in-fill
 * premises up to band B (seed 002 2.10: in-fill PPS "up to High B")
 * (confirm) */
static bool p0200(const eco4_view *v, char *msg, size_t cap)
{
    bool infill = eco4_is(v, ER_ECO4P_ELIGIBILITY_TYPE, INFILL);
    char worst = infill ? 'B' : 'D', letter, what[96];
    int t;

    if (!eco4_sap_of(eco4_cell(v, ER_ECO4P_STARTING_SAP), &t))
        return false;
    letter = er_sap_letter(t);
    if (letter >= worst)
        return false;
    snprintf(what, sizeof what, "is band %c: ECO4 premises start at band %s", letter,
             infill ? "B to G when In-fill" : "D to G");
    return eco4_fail_cell(v, ER_ECO4P_STARTING_SAP, what, msg, cap);
}

/* A completion column: checked on a Completion Notification, or when
 * given on another row. */
static bool judged(const eco4_view *v, int col)
{
    return eco4_completion_row(v) || !eco4_absent(v, col);
}

/* ECO4P0300: seed 002 4.5, 4.24: the post-retrofit rating */
static bool p0300(const eco4_view *v, char *msg, size_t cap)
{
    int t;

    return judged(v, ER_ECO4P_FINISHING_SAP) &&
           !eco4_sap_of(eco4_cell(v, ER_ECO4P_FINISHING_SAP), &t) &&
           eco4_fail_cell(v, ER_ECO4P_FINISHING_SAP,
                          "is not a rating from 1 to 100 with at most one decimal", msg, cap);
}

/* ECO4P0301: seed 002 4.24 (completion data); RULES.md dd/MM/yyyy */
static bool p0301(const eco4_view *v, char *msg, size_t cap)
{
    return judged(v, ER_ECO4P_COMPLETION_DATE) && !v->has_date &&
           eco4_fail_cell(v, ER_ECO4P_COMPLETION_DATE, "is not a date written dd/mm/yyyy", msg,
                          cap);
}

/* ECO4P0302: a completion is notified after it happens (seed 002 4.24) */
static bool p0302(const eco4_view *v, char *msg, size_t cap)
{
    return v->has_date && v->date > v->c->today &&
           eco4_fail_cell(v, ER_ECO4P_COMPLETION_DATE, "is in the future", msg, cap);
}

/* ECO4P0303: eco4.json completion_dates (ECO4 Order: 1 Apr 2022 to
 * 31 Mar 2026); a project completes with its last measure (art. 2(2)(b)) */
static bool p0303(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_completion_inside_scheme(v, ER_ECO4P_COMPLETION_DATE, msg, cap);
}

/* ECO4P0304: ECO4 Order art. 2(2)(b): a project is completed when the
 * last of its notified measures is; seed 002 4.5: the completion follows
 * the notification of all its measures */
static bool p0304(const eco4_view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;
    const er_eco4_measure_row *m;
    er_date last = ER_DATE_NONE, d;
    char want[11], what[120];
    size_t k;

    if (!eco4_completion_row(v) || !v->has_date)
        return false;
    for (k = 0; reg->project_measure &&
                (m = reg->project_measure(reg->ctx, eco4_cell(v, ER_ECO4P_PROJECT_REF), k));
         k++)
        if (eco4_date_of(eco4_cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) && d > last)
            last = d;
    if (last == ER_DATE_NONE)
        return eco4_fail_cell(v, ER_ECO4P_COMPLETION_DATE,
                              "is given but no measure of this project "
                              "has been notified (seed 002 4.5)",
                              msg, cap);
    if (last == v->date)
        return false;
    eco4_dmy(last, want);
    snprintf(what, sizeof what, "is not %s, the completion date of the project's last measure",
             want);
    return eco4_fail_cell(v, ER_ECO4P_COMPLETION_DATE, what, msg, cap);
}

/* ECO4P0305: seed 002 4.22: completion is evidenced by TrustMark's
 * Project Completion Certificate ID, or a post-retrofit EPC for projects
 * without PAS measures */
static bool p0305(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_completion_row(v) && eco4_absent(v, ER_ECO4P_TM_COMPLETED_CERT) &&
           eco4_absent(v, ER_ECO4P_POST_EPC_RRN) &&
           eco4_fail_cell(v, ER_ECO4P_TM_COMPLETED_CERT,
                          "and Post_Retrofit_EPC_RRN are both left out; a completion needs one",
                          msg, cap);
}

/* ECO4P0306: seed 002 4.5, 4.22; Ofgem's format (Tgbis0104) */
static bool p0306(const eco4_view *v, char *msg, size_t cap)
{
    const char *end = eco4_letter_digits(eco4_cell(v, ER_ECO4P_TM_COMPLETED_CERT));

    return !eco4_absent(v, ER_ECO4P_TM_COMPLETED_CERT) &&
           !(end && end[0] == '-' && is_letter(end[1]) && end[2] == '\0') &&
           eco4_fail_cell(v, ER_ECO4P_TM_COMPLETED_CERT,
                          "is not a letter, 4 to 7 digits, '-' and a letter", msg, cap);
}

/* ECO4P0307: seed 002 4.22 post-retrofit EPC */
static bool p0307(const eco4_view *v, char *msg, size_t cap)
{
    return !eco4_absent(v, ER_ECO4P_POST_EPC_RRN) && !rrn_ok(eco4_cell(v, ER_ECO4P_POST_EPC_RRN)) &&
           eco4_fail_cell(v, ER_ECO4P_POST_EPC_RRN,
                          "is not an EPC reference NNNN-NNNN-NNNN-NNNN-NNNN", msg, cap);
}

/* ECO4P0308: seed 002 4.7, 4.24: post-retrofit data comes in the second
 * project notification, not the first */
static bool p0308(const eco4_view *v, char *msg, size_t cap)
{
    static const int cols[] = { ER_ECO4P_FINISHING_SAP, ER_ECO4P_COMPLETION_DATE,
                                ER_ECO4P_TM_COMPLETED_CERT, ER_ECO4P_POST_EPC_RRN };
    size_t k;

    if (!eco4_is(v, ER_ECO4P_PURPOSE, ECO4_PURPOSE_NEW))
        return false;
    for (k = 0; k < sizeof cols / sizeof cols[0]; k++)
        if (!eco4_absent(v, cols[k]))
            return eco4_fail_cell(v, cols[k],
                                  "is completion data: leave it N/A on a New "
                                  "Notification and notify it with the Completion Notification",
                                  msg, cap);
    return false;
}

#define PRULE(code, col, summary, source, fn)                                                      \
    {                                                                                              \
        { "ECO4P" code, ER_ECO4_PROJECTS, ER_ECO4P_##col, summary, source }, fn                    \
    }

const eco4_rule eco4_project_rules[] = {
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
const size_t eco4_project_count = sizeof eco4_project_rules / sizeof eco4_project_rules[0];
