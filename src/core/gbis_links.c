/*
 * gbis_links.c: GBIS stage 2 rules on links between measures: an in-fill
 * measure and the eligible measures it cites (GBIS0600-0634), a heating
 * control and the insulation measure it cites (GBIS0800-0814).
 *
 * The framework found the cited measures once (v->infill[], v->insulation:
 * the file first, then the register).  Whether a cited measure is already
 * cited by another one is found in the framework's index of the file's
 * citations (gbis_infill_citer) and by asking the register.  Each rule
 * follows the failure condition of Ofgem's
 * Stage2RuleLogics/GbisNNNNRuleLogic.cs, cited on its function; its row in
 * gbis_stage2.c's table gives its code and column.  Addresses compare as
 * Ofgem compares them (gbis2_same): an empty value matches nothing, so
 * the data dictionary's N/A is what makes two absent values match.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/deadline.h"
#include "gbis_links.h"

static const er_gbis_col infill_col[3] = { ER_GBIS_INFILL_1, ER_GBIS_INFILL_2, ER_GBIS_INFILL_3 };

/* Columns that place two flats in the same building (GBIS0601). */
static const er_gbis_col same_building[] = { ER_GBIS_POST_CODE, ER_GBIS_BUILDING_NAME,
                                             ER_GBIS_STREET, ER_GBIS_TOWN };
/* Columns that place two houses on the same street (GBIS0602). */
static const er_gbis_col same_street[] = { ER_GBIS_STREET, ER_GBIS_TOWN };
/* Columns of the same house (GBIS0808) and of the same flat (GBIS0809). */
static const er_gbis_col same_house[] = { ER_GBIS_POST_CODE, ER_GBIS_BUILDING_NAME,
                                          ER_GBIS_BUILDING_NUMBER, ER_GBIS_STREET, ER_GBIS_TOWN };
static const er_gbis_col same_flat[] = { ER_GBIS_POST_CODE, ER_GBIS_FLAT, ER_GBIS_STREET,
                                         ER_GBIS_TOWN };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *col_name(er_gbis_col c)
{
    return er_gbis_column_name(c);
}

static bool infill(const gbis_view *v)
{
    return gbis2_elig(v->r, GBIS2_INFILL);
}

/* The row cites associated in-fill measure n (0-2): anything but N/A. */
static bool cites(const gbis_view *v, int n)
{
    return gbis2_given(v->r, infill_col[n]);
}

static bool cites_all(const gbis_view *v)
{
    return cites(v, 0) && cites(v, 1) && cites(v, 2);
}

static const char *cited(const gbis_view *v, int n)
{
    return gbis_cell(v->r, infill_col[n]);
}

/* The cited insulation measure: anything but N/A. */
static bool cites_insulation(const gbis_view *v)
{
    return gbis2_given(v->r, ER_GBIS_INSULATION_MRN);
}

/* Row p is one of the file's rows, not the register's. */
static bool in_file(const gbis_view *v, const er_gbis_row *p)
{
    uintptr_t a = (uintptr_t)p, lo = (uintptr_t)v->rows, hi = (uintptr_t)(v->rows + v->n);

    return p && a >= lo && a < hi;
}

/* Fails when `a` (the measure `link` cites, NULL if not found) differs
 * from the row in one of `cols`, naming the first that differs. */
static bool address_differs(const gbis_view *v, const er_gbis_row *a, er_gbis_col link,
                            const er_gbis_col *cols, size_t n, const char *where, char *msg,
                            size_t cap)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!gbis2_same(gbis_cell(v->r, cols[i]), a ? gbis_cell(a, cols[i]) : ""))
            break;
    if (i == n)
        return false;
    if (!a)
        snprintf(msg, cap, "%s \"%s\" was not found, so it cannot be shown to be %s",
                 col_name(link), gbis2_show(v->r, link), where);
    else
        snprintf(msg, cap, "%s %s is not %s: %s \"%s\" here, \"%s\" there", col_name(link),
                 gbis_cell(v->r, link), where, col_name(cols[i]), gbis2_show(v->r, cols[i]),
                 gbis2_show(a, cols[i]));
    return true;
}

/* Fails when the cell is neither N/A nor an MRN (GBIS0603-0605, 0801). */
static bool mrn_or_na(const gbis_view *v, er_gbis_col col, char *msg, size_t cap)
{
    if (!gbis2_given(v->r, col) || gbis2_mrn_format(gbis_cell(v->r, col)))
        return false;
    snprintf(msg, cap, "%s \"%s\" is neither N/A nor a measure reference number (3 letters, "
             "10 digits)", col_name(col), gbis2_show(v->r, col));
    return true;
}

/* Fails when the row completed before `from` or more than 3 calendar
 * months after it (Ofgem: "doci < from || doci > from.AddMonths(3)"). */
static bool outside_window(const gbis_view *v, er_date from, const char *what, char *msg,
                           size_t cap)
{
    if (v->completion >= from && v->completion <= er_deadline_add_months(from, 3))
        return false;
    snprintf(msg, cap, "Date_of_Completed_Installation %s is not on or within 3 months after %s",
             gbis_cell(v->r, ER_GBIS_COMPLETION_DATE), what);
    return true;
}

/* ---- GBIS06xx: in-fill ---- */

/* GBIS0600: only an In-fill measure cites associated in-fill measures. */
GBIS2_RULE(gbis2_r0600)
{
    int n;

    for (n = 0; n < 3 && !cites(v, n); n++)
        ;
    if (n == 3 || infill(v))
        return false;
    snprintf(msg, cap, "%s is \"%s\" but Eligibility_Type \"%s\" is not In-fill: write N/A",
             col_name(infill_col[n]), gbis2_show(v->r, infill_col[n]),
             gbis2_show(v->r, ER_GBIS_ELIGIBILITY_TYPE));
    return true;
}

/* GBIS0601: an in-fill flat's associated measure is in the same building:
 * same Post_Code, Building_Name, Street_Name and Town. */
GBIS2_RULE(gbis2_r0601)
{
    return infill(v) && gbis2_flat(v->r) && cites(v, 0) &&
           address_differs(v, v->infill[0], ER_GBIS_INFILL_1, same_building,
                           COUNT(same_building), "in the same building", msg, cap);
}

/* GBIS0602: an in-fill house's three associated measures are on the same
 * Street_Name and Town. */
GBIS2_RULE(gbis2_r0602)
{
    int n;

    if (!infill(v) || !gbis2_house(v->r) || !cites_all(v))
        return false;
    for (n = 0; n < 3; n++)
        if (address_differs(v, v->infill[n], infill_col[n], same_street, COUNT(same_street),
                            "on the same street", msg, cap))
            return true;
    return false;
}

/* GBIS0603: Associated_In-fill_Measure_1 is N/A or an MRN. */
GBIS2_RULE(gbis2_r0603)
{
    return mrn_or_na(v, ER_GBIS_INFILL_1, msg, cap);
}

/* GBIS0604: Associated_In-fill_Measure_2 is N/A or an MRN. */
GBIS2_RULE(gbis2_r0604)
{
    return mrn_or_na(v, ER_GBIS_INFILL_2, msg, cap);
}

/* GBIS0605: Associated_In-fill_Measure_3 is N/A or an MRN. */
GBIS2_RULE(gbis2_r0605)
{
    return mrn_or_na(v, ER_GBIS_INFILL_3, msg, cap);
}

/* GBIS0606: an in-fill measure cites an MRN as Associated_In-fill_Measure_1. */
GBIS2_RULE(gbis2_r0606)
{
    if (!infill(v) || gbis2_mrn_format(cited(v, 0)))
        return false;
    snprintf(msg, cap, "an in-fill measure needs an MRN in Associated_In-fill_Measure_1, not "
             "\"%s\"", gbis2_show(v->r, ER_GBIS_INFILL_1));
    return true;
}

/* GBIS0607: an in-fill flat or maisonette cites one measure: 2 and 3 N/A. */
GBIS2_RULE(gbis2_r0607)
{
    int n = cites(v, 1) ? 1 : 2;

    if (!infill(v) || !gbis2_flat(v->r) || !cites(v, n))
        return false;
    snprintf(msg, cap, "an in-fill %s cites one measure: %s \"%s\" must be N/A",
             gbis_cell(v->r, ER_GBIS_PROPERTY), col_name(infill_col[n]),
             gbis2_show(v->r, infill_col[n]));
    return true;
}

/* GBIS0608: an in-fill house, bungalow or park home cites three measures. */
GBIS2_RULE(gbis2_r0608)
{
    int n;

    if (!infill(v) || !gbis2_house(v->r) || cites_all(v))
        return false;
    for (n = 0; cites(v, n); n++)
        ;
    snprintf(msg, cap, "an in-fill %s cites three measures: %s is N/A",
             gbis_cell(v->r, ER_GBIS_PROPERTY), col_name(infill_col[n]));
    return true;
}

/* Fails when row's category is none of `a`, `b` (the in-fill measure
 * types allowed for its property). */
static bool category_not(const gbis_view *v, gbis2_cat a, gbis2_cat b, const char *allowed,
                         char *msg, size_t cap)
{
    gbis2_cat cat = gbis2_category(v, v->r);
    const char *name = gbis2_category_name(v, v->r);

    if (cat == a || cat == b)
        return false;
    snprintf(msg, cap, "Measure_Type %s (%s) is not %s, as an in-fill %s needs",
             gbis2_show(v->r, ER_GBIS_MEASURE_TYPE), name ? name : "unknown category", allowed,
             gbis_cell(v->r, ER_GBIS_PROPERTY));
    return true;
}

/* GBIS0609: a flat citing an in-fill measure is cavity wall or solid wall
 * (external/internal wall) insulation. */
GBIS2_RULE(gbis2_r0609)
{
    return cites(v, 0) && gbis2_flat(v->r) &&
           category_not(v, GBIS2_CAT_CAVITY, GBIS2_CAT_WALL, "cavity or solid wall insulation",
                        msg, cap);
}

/* GBIS0610: a house citing three in-fill measures is solid wall
 * (external/internal wall) insulation. */
GBIS2_RULE(gbis2_r0610)
{
    return cites_all(v) && gbis2_house(v->r) &&
           category_not(v, GBIS2_CAT_WALL, GBIS2_CAT_WALL, "solid wall insulation", msg, cap);
}

/* GBIS0611: an in-fill house has a starting SAP of 0-68.4. */
GBIS2_RULE(gbis2_r0611)
{
    if (!infill(v) || !gbis2_house(v->r) || !cites(v, 0) || !gbis2_sap_outside(v->r, 0, 684))
        return false;
    snprintf(msg, cap, "Starting_SAP_Rating %s is outside 0.0-68.4 for an in-fill %s",
             gbis_cell(v->r, ER_GBIS_STARTING_SAP), gbis_cell(v->r, ER_GBIS_PROPERTY));
    return true;
}

/* Fails when the in-fill measure's category is not that of the measure it
 * cites as n (not found: no category).  `need_own`: pass when the row's
 * own category is unknown (GBIS0612's "MeasureCategoryId.HasValue"). */
static bool category_differs(const gbis_view *v, int n, bool need_own, char *msg, size_t cap)
{
    const char *own = gbis2_category_name(v, v->r), *theirs = gbis2_category_name(v, v->infill[n]);

    if ((need_own && !own) || (own && theirs && strcmp(own, theirs) == 0))
        return false;
    snprintf(msg, cap, "Measure_Type %s (%s) is not of the category of %s %s (%s)",
             gbis2_show(v->r, ER_GBIS_MEASURE_TYPE), own ? own : "unknown category",
             col_name(infill_col[n]), cited(v, n), theirs ? theirs : "not found");
    return true;
}

/* GBIS0612: an in-fill measure is of the category of associated measure 1. */
GBIS2_RULE(gbis2_r0612)
{
    return infill(v) && cites(v, 0) && category_differs(v, 0, true, msg, cap);
}

/* GBIS0613: an in-fill house is of the category of associated measure 2. */
GBIS2_RULE(gbis2_r0613)
{
    return infill(v) && gbis2_house(v->r) && cites(v, 1) &&
           category_differs(v, 1, false, msg, cap);
}

/* GBIS0614: an in-fill house is of the category of associated measure 3. */
GBIS2_RULE(gbis2_r0614)
{
    return infill(v) && gbis2_house(v->r) && cites(v, 2) &&
           category_differs(v, 2, false, msg, cap);
}

/* Fails when the in-fill measure's Supplier_Reference is not exactly that
 * of the measure it cites as n (Ofgem compares with "!="). */
static bool supplier_differs(const gbis_view *v, int n, char *msg, size_t cap)
{
    const er_gbis_row *a = v->infill[n];

    if (!infill(v) || !cites(v, n) ||
        (a && strcmp(gbis_cell(v->r, ER_GBIS_SUPPLIER_REFERENCE),
                     gbis_cell(a, ER_GBIS_SUPPLIER_REFERENCE)) == 0))
        return false;
    snprintf(msg, cap, "Supplier_Reference \"%s\" is not that of %s %s (%s)",
             gbis2_show(v->r, ER_GBIS_SUPPLIER_REFERENCE), col_name(infill_col[n]), cited(v, n),
             a ? gbis2_show(a, ER_GBIS_SUPPLIER_REFERENCE) : "not found");
    return true;
}

/* GBIS0615: same supplier as associated measure 1. */
GBIS2_RULE(gbis2_r0615)
{
    return supplier_differs(v, 0, msg, cap);
}

/* GBIS0616: same supplier as associated measure 2. */
GBIS2_RULE(gbis2_r0616)
{
    return supplier_differs(v, 1, msg, cap);
}

/* GBIS0617: same supplier as associated measure 3. */
GBIS2_RULE(gbis2_r0617)
{
    return supplier_differs(v, 2, msg, cap);
}

/* GBIS0618: an in-fill flat completed on or within 3 months after its
 * associated measure. */
GBIS2_RULE(gbis2_r0618)
{
    er_date from;

    if (!infill(v) || !cites(v, 0) || !gbis2_flat(v->r) || !v->has_completion || !v->infill[0] ||
        !gbis2_date(v->infill[0], ER_GBIS_COMPLETION_DATE, &from))
        return false;
    return outside_window(v, from, gbis_cell(v->infill[0], ER_GBIS_COMPLETION_DATE), msg, cap);
}

/* GBIS0619: an in-fill house completed on or within 3 months after the
 * latest of its three associated measures. */
GBIS2_RULE(gbis2_r0619)
{
    er_date latest, d;
    int n, at = 0;

    if (!infill(v) || !cites_all(v) || !gbis2_house(v->r) || !v->has_completion ||
        !v->infill[0] || !v->infill[1] || !v->infill[2] ||
        !gbis2_date(v->infill[0], ER_GBIS_COMPLETION_DATE, &latest))
        return false;
    for (n = 1; n < 3; n++)
        if (gbis2_date(v->infill[n], ER_GBIS_COMPLETION_DATE, &d) && d > latest) {
            latest = d;
            at = n;
        }
    return outside_window(v, latest, gbis_cell(v->infill[at], ER_GBIS_COMPLETION_DATE), msg,
                          cap);
}

/* Fails when the in-fill measure cites as n a measure neither the file
 * nor the register holds. */
static bool not_found(const gbis_view *v, int n, char *msg, size_t cap)
{
    if (!infill(v) || !cites(v, n) || v->infill[n])
        return false;
    snprintf(msg, cap, "%s \"%s\" is not a measure of this file or the register",
             col_name(infill_col[n]), gbis2_show(v->r, infill_col[n]));
    return true;
}

/* GBIS0620: associated measure 1 exists. */
GBIS2_RULE(gbis2_r0620)
{
    return not_found(v, 0, msg, cap);
}

/* GBIS0621: associated measure 2 exists. */
GBIS2_RULE(gbis2_r0621)
{
    return not_found(v, 1, msg, cap);
}

/* GBIS0622: associated measure 3 exists. */
GBIS2_RULE(gbis2_r0622)
{
    return not_found(v, 2, msg, cap);
}

/* The MRN of another measure citing `mrn` as an associated in-fill
 * measure: the first row of the file with another MRN (ignoring case: not
 * this row, nor another notification of this measure), else a measure the
 * register holds that the file does not notify again (the file's version
 * of it was looked at).  NULL when none does.  Ofgem asks its database for
 * any measure with another MRN citing it in one of the three columns.
 * O(log n): the framework indexes the file's citations once. */
static const char *cited_elsewhere(const gbis_view *v, const char *mrn)
{
    const er_gbis_register *reg = &v->c->reg;
    const char *own = gbis_cell(v->r, ER_GBIS_MRN), *by;
    const er_gbis_row *p = gbis_infill_citer(v, mrn, own);

    if (p)
        return gbis_cell(p, ER_GBIS_MRN);
    by = reg->infill_cited_by ? reg->infill_cited_by(reg->ctx, mrn) : NULL;
    if (!by || strcasecmp(by, own) == 0 || in_file(v, gbis_find(v, by)))
        return NULL;
    return by;
}

/* Fails when the measure cited as n is already cited by another measure. */
static bool used_twice(const gbis_view *v, int n, char *msg, size_t cap)
{
    const char *by;

    if (!infill(v) || !cites(v, n) || gbis_empty(v->r, infill_col[n]) ||
        !(by = cited_elsewhere(v, cited(v, n))))
        return false;
    snprintf(msg, cap, "%s %s is already the associated in-fill measure of %s",
             col_name(infill_col[n]), cited(v, n), by);
    return true;
}

/* GBIS0623: associated measure 1 is not cited by another measure. */
GBIS2_RULE(gbis2_r0623)
{
    return used_twice(v, 0, msg, cap);
}

/* GBIS0624: associated measure 2 is not cited by another measure. */
GBIS2_RULE(gbis2_r0624)
{
    return used_twice(v, 1, msg, cap);
}

/* GBIS0625: associated measure 3 is not cited by another measure. */
GBIS2_RULE(gbis2_r0625)
{
    return used_twice(v, 2, msg, cap);
}

/* Fails when the in-fill measure cites itself as n. */
static bool cites_itself(const gbis_view *v, int n, char *msg, size_t cap)
{
    if (!infill(v) || !cites(v, n) || !gbis2_same(gbis_cell(v->r, ER_GBIS_MRN), cited(v, n)))
        return false;
    snprintf(msg, cap, "%s %s is this measure's own MRN", col_name(infill_col[n]), cited(v, n));
    return true;
}

/* GBIS0626: associated measure 1 is not the measure itself. */
GBIS2_RULE(gbis2_r0626)
{
    return cites_itself(v, 0, msg, cap);
}

/* GBIS0627: associated measure 2 is not the measure itself. */
GBIS2_RULE(gbis2_r0627)
{
    return cites_itself(v, 1, msg, cap);
}

/* GBIS0628: associated measure 3 is not the measure itself. */
GBIS2_RULE(gbis2_r0628)
{
    return cites_itself(v, 2, msg, cap);
}

/* Fails when the measure cited as n is not found, or has no eligibility
 * type, or is an in-fill measure itself (no in-fill test on this row). */
static bool eligible_link(const gbis_view *v, int n, char *msg, size_t cap)
{
    const er_gbis_row *a = v->infill[n];

    if (!cites(v, n) ||
        (a && !gbis_empty(a, ER_GBIS_ELIGIBILITY_TYPE) && !gbis2_elig(a, GBIS2_INFILL)))
        return false;
    if (!a)
        snprintf(msg, cap, "%s \"%s\" is not a measure of this file or the register",
                 col_name(infill_col[n]), gbis2_show(v->r, infill_col[n]));
    else
        snprintf(msg, cap, "%s %s is itself of Eligibility_Type \"%s\"; it must be an eligible "
                 "measure, not in-fill", col_name(infill_col[n]), cited(v, n),
                 gbis2_show(a, ER_GBIS_ELIGIBILITY_TYPE));
    return true;
}

/* GBIS0629: associated measure 1 exists and is not itself in-fill. */
GBIS2_RULE(gbis2_r0629)
{
    return eligible_link(v, 0, msg, cap);
}

/* GBIS0630: associated measure 2 exists and is not itself in-fill. */
GBIS2_RULE(gbis2_r0630)
{
    return eligible_link(v, 1, msg, cap);
}

/* GBIS0631: associated measure 3 exists and is not itself in-fill. */
GBIS2_RULE(gbis2_r0631)
{
    return eligible_link(v, 2, msg, cap);
}

/* Fails when the in-fill measure cites the measure it cites as n twice. */
static bool cited_twice(const gbis_view *v, int n, char *msg, size_t cap)
{
    int k;

    if (!infill(v) || !cites(v, n))
        return false;
    for (k = 0; k < 3; k++)
        if (k != n && gbis2_same(cited(v, k), cited(v, n)))
            break;
    if (k == 3)
        return false;
    snprintf(msg, cap, "%s %s is also %s", col_name(infill_col[n]), cited(v, n),
             col_name(infill_col[k]));
    return true;
}

/* GBIS0632: associated measure 1 is not also measure 2 or 3. */
GBIS2_RULE(gbis2_r0632)
{
    return cited_twice(v, 0, msg, cap);
}

/* GBIS0633: associated measure 2 is not also measure 1 or 3. */
GBIS2_RULE(gbis2_r0633)
{
    return cited_twice(v, 1, msg, cap);
}

/* GBIS0634: associated measure 3 is not also measure 1 or 2. */
GBIS2_RULE(gbis2_r0634)
{
    return cited_twice(v, 2, msg, cap);
}

/* ---- GBIS08xx: heating controls ---- */

/* GBIS0800: heating controls (TRV, P&RT) only for Help to Heat
 * owner-occupiers. */
GBIS2_RULE(gbis2_r0800)
{
    if (!gbis2_heating_control(v->r) ||
        (gbis2_elig(v->r, GBIS2_HELP_TO_HEAT) && gbis_is(v->r, ER_GBIS_TENURE, GBIS2_OWNER)))
        return false;
    snprintf(msg, cap, "%s only for %s owner-occupiers, not Eligibility_Type \"%s\", "
             "Tenure_Type \"%s\"", gbis_cell(v->r, ER_GBIS_MEASURE_TYPE), GBIS2_HELP_TO_HEAT,
             gbis2_show(v->r, ER_GBIS_ELIGIBILITY_TYPE), gbis2_show(v->r, ER_GBIS_TENURE));
    return true;
}

/* GBIS0801: the insulation MRN is N/A or an MRN. */
GBIS2_RULE(gbis2_r0801)
{
    return mrn_or_na(v, ER_GBIS_INSULATION_MRN, msg, cap);
}

/* GBIS0802: a heating control cites its insulation measure. */
GBIS2_RULE(gbis2_r0802)
{
    if (!gbis2_heating_control(v->r) || cites_insulation(v))
        return false;
    snprintf(msg, cap, "%s must cite its insulation measure: "
             "Associated_Insulation_MRN_for_Heating_Measures is N/A",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0803: a heating control's supplier is its insulation measure's. */
GBIS2_RULE(gbis2_r0803)
{
    const er_gbis_row *a = v->insulation;

    if (!cites_insulation(v) || !gbis2_heating_control(v->r) ||
        gbis2_same(gbis_cell(v->r, ER_GBIS_SUPPLIER_REFERENCE),
                   a ? gbis_cell(a, ER_GBIS_SUPPLIER_REFERENCE) : ""))
        return false;
    snprintf(msg, cap, "Supplier_Reference \"%s\" is not that of insulation measure %s (%s)",
             gbis2_show(v->r, ER_GBIS_SUPPLIER_REFERENCE),
             gbis_cell(v->r, ER_GBIS_INSULATION_MRN),
             a ? gbis2_show(a, ER_GBIS_SUPPLIER_REFERENCE) : "not found");
    return true;
}

/* GBIS0804: a heating control is completed on or within 3 months after
 * its insulation measure. */
GBIS2_RULE(gbis2_r0804)
{
    er_date from;

    if (!gbis2_heating_control(v->r) || !cites_insulation(v) || !v->has_completion ||
        !v->insulation || !gbis2_date(v->insulation, ER_GBIS_COMPLETION_DATE, &from))
        return false;
    return outside_window(v, from, gbis_cell(v->insulation, ER_GBIS_COMPLETION_DATE), msg, cap);
}

/* GBIS0805: only heating controls cite an insulation measure. */
GBIS2_RULE(gbis2_r0805)
{
    if (!cites_insulation(v) || gbis2_heating_control(v->r))
        return false;
    snprintf(msg, cap, "Associated_Insulation_MRN_for_Heating_Measures \"%s\" must be N/A for "
             "Measure_Type %s, not a heating control", gbis2_show(v->r, ER_GBIS_INSULATION_MRN),
             gbis2_show(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0806: the cited insulation measure exists. */
GBIS2_RULE(gbis2_r0806)
{
    if (!cites_insulation(v) || v->insulation)
        return false;
    snprintf(msg, cap, "Associated_Insulation_MRN_for_Heating_Measures \"%s\" is not a measure "
             "of this file or the register", gbis2_show(v->r, ER_GBIS_INSULATION_MRN));
    return true;
}

/* GBIS0807: a heating control cites an insulation measure (cavity wall,
 * external/internal wall, loft or other insulation); a measure type the
 * matrix does not know passes, as Ofgem's null category does. */
GBIS2_RULE(gbis2_r0807)
{
    gbis2_cat cat = gbis2_category(v, v->insulation);

    if (!gbis2_heating_control(v->r) || !cites_insulation(v) || cat != GBIS2_CAT_OTHER)
        return false;
    snprintf(msg, cap, "Associated_Insulation_MRN_for_Heating_Measures %s is %s of category "
             "%s, not insulation", gbis_cell(v->r, ER_GBIS_INSULATION_MRN),
             gbis_cell(v->insulation, ER_GBIS_MEASURE_TYPE), gbis2_category_name(v, v->insulation));
    return true;
}

/* GBIS0808: a heating control in a house, bungalow or park home is at its
 * insulation measure's address: Post_Code, Building_Name, Building_Number,
 * Street_Name and Town. */
GBIS2_RULE(gbis2_r0808)
{
    return gbis2_heating_control(v->r) && gbis2_house(v->r) && cites_insulation(v) &&
           address_differs(v, v->insulation, ER_GBIS_INSULATION_MRN, same_house,
                           COUNT(same_house), "at the same address", msg, cap);
}

/* GBIS0809: a heating control in a flat or maisonette is at its insulation
 * measure's address: Post_Code, Flat_Name/Number, Street_Name and Town. */
GBIS2_RULE(gbis2_r0809)
{
    return gbis2_heating_control(v->r) && gbis2_flat(v->r) && cites_insulation(v) &&
           address_differs(v, v->insulation, ER_GBIS_INSULATION_MRN, same_flat, COUNT(same_flat),
                           "at the same address", msg, cap);
}

/* GBIS0811: a heating control gives its Heating_Source. */
GBIS2_RULE(gbis2_r0811)
{
    if (!gbis2_heating_control(v->r) || !gbis2_na(v->r, ER_GBIS_HEATING_SOURCE))
        return false;
    snprintf(msg, cap, "Heating_Source is N/A; %s needs the heating source it controls",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0812: other measures have Heating_Source N/A. */
GBIS2_RULE(gbis2_r0812)
{
    if (gbis2_heating_control(v->r) || gbis2_na(v->r, ER_GBIS_HEATING_SOURCE))
        return false;
    snprintf(msg, cap, "Heating_Source \"%s\" must be N/A for Measure_Type %s, not a heating "
             "control", gbis2_show(v->r, ER_GBIS_HEATING_SOURCE),
             gbis2_show(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0813: the insulation MRN is not the measure's own. */
GBIS2_RULE(gbis2_r0813)
{
    if (!cites_insulation(v) ||
        !gbis2_same(gbis_cell(v->r, ER_GBIS_INSULATION_MRN), gbis_cell(v->r, ER_GBIS_MRN)))
        return false;
    snprintf(msg, cap, "Associated_Insulation_MRN_for_Heating_Measures %s is this measure's own "
             "MRN", gbis_cell(v->r, ER_GBIS_INSULATION_MRN));
    return true;
}

/* GBIS0814: the cited insulation measure is not itself a heating control. */
GBIS2_RULE(gbis2_r0814)
{
    if (!cites_insulation(v) || !v->insulation || !gbis2_heating_control(v->insulation))
        return false;
    snprintf(msg, cap, "Associated_Insulation_MRN_for_Heating_Measures %s is a %s, not an "
             "insulation measure", gbis_cell(v->r, ER_GBIS_INSULATION_MRN),
             gbis_cell(v->insulation, ER_GBIS_MEASURE_TYPE));
    return true;
}
