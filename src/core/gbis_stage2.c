/*
 * gbis_stage2.c: GBIS stage 2 rules, run on the rows stage 1 passed:
 * eligibility by group (GBIS02xx general group, 03xx Help to Heat, 04xx
 * social housing), field consistency (GBIS07xx, which Ofgem runs in stage
 * 2), flexible eligibility (GBIS09xx) and notification deadlines
 * (GBIS10xx); the rules on links between measures (GBIS06xx in-fill,
 * GBIS08xx heating controls) are in gbis_links.c.  This file holds the one
 * stage 2 table, in Ofgem's code order.
 *
 * Each rule follows the failure condition of Ofgem's
 * Stage2RuleLogics/GbisNNNNRuleLogic.cs (Ofgem-Future-Heat/
 * GreatBritishInsulationScheme-API-MeasureValidation), cited on its
 * function, and docs/gbis_rules.md.  Where a rule depends on the nation
 * and the postcode's nation is not known (a cross-border area), the rule
 * fails asking to confirm the nation if it would fail in one of the
 * nations it applies to; rules for one nation never guess.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/deadline.h"
#include "gbis_links.h"
#include "util.h"

/* Ofgem's Service/Constants/PurposeOfNotificationConstants.cs. */
#define ALE GBIS_PURPOSE_ALE /* "Automatic Late Extension" */
#define EXTENDED "Extended Notification"
#define EDITED GBIS_PURPOSE_EDITED /* "Edited Notification" */
/* Ofgem's Service/Constants/VerificationMethods.cs. */
#define DWP_MATCH "DWP Match"
#define ECO_REFERRAL "ECO Eligible Referral"

/* The automatic late extension (3 months after the original deadline,
 * ECO4 Order art. 44(1)(c)(i), for up to 5% of a supplier's measures
 * completed in a month, art. 44(2)(c)) and the final notification date
 * (30 June 2026, art. 44(1)(c)(ii); Ofgem's GBIS1001/GBIS1005 tests) come
 * from the scheme's parameters (data/schemes/gbis.json). */
#define LATE_MONTHS(v) ((v)->c->scheme->late_extension_months)
#define LATE_PERCENT(v) ((v)->c->scheme->late_extension_percent)

/* Nations a rule applies in, as a set. */
#define IN_ENGLAND (1u << ER_NATION_ENGLAND)
#define IN_SCOTLAND (1u << ER_NATION_SCOTLAND)
#define IN_WALES (1u << ER_NATION_WALES)
#define IN_ANY (IN_ENGLAND | IN_SCOTLAND | IN_WALES)

/* ---- helpers shared with gbis_links.c ---- */

bool gbis2_na(const er_gbis_row *r, er_gbis_col col)
{
    return gbis_is(r, col, GBIS2_NA);
}

bool gbis2_given(const er_gbis_row *r, er_gbis_col col)
{
    return !gbis2_na(r, col);
}

bool gbis2_same(const char *a, const char *b)
{
    return *b != '\0' && strcasecmp(a, b) == 0;
}

const char *gbis2_show(const er_gbis_row *r, er_gbis_col col)
{
    return gbis_empty(r, col) ? "(empty)" : gbis_cell(r, col);
}

/* s is `n` ASCII digits exactly, n in lo..hi. */
static bool digits(const char *s, size_t lo, size_t hi)
{
    return only(s, is_digit, lo, hi);
}

bool gbis2_mrn_format(const char *s)
{
    int i;

    for (i = 0; i < 3; i++)
        if (!is_letter(s[i]))
            return false;
    return digits(s + 3, 10, 10);
}

bool gbis2_elig(const er_gbis_row *r, const char *type)
{
    return gbis_is(r, ER_GBIS_ELIGIBILITY_TYPE, type);
}

bool gbis2_heating_control(const er_gbis_row *r)
{
    return gbis_is(r, ER_GBIS_MEASURE_TYPE, "TRV") || gbis_is(r, ER_GBIS_MEASURE_TYPE, "P&RT");
}

bool gbis2_flat(const er_gbis_row *r)
{
    return gbis_is(r, ER_GBIS_PROPERTY, "Flat") || gbis_is(r, ER_GBIS_PROPERTY, "Maisonette");
}

bool gbis2_house(const er_gbis_row *r)
{
    return gbis_is(r, ER_GBIS_PROPERTY, "House") || gbis_is(r, ER_GBIS_PROPERTY, "Bungalow") ||
           gbis_is(r, ER_GBIS_PROPERTY, "Park Home");
}

const char *gbis2_category_name(const gbis_view *v, const er_gbis_row *r)
{
    return r ? gbis_category(v, gbis_cell(r, ER_GBIS_MEASURE_TYPE)) : NULL;
}

/* a equals b ignoring case and spaces: Ofgem spells "External/Internal
 * Wall Insulation" where the matrix has "External / Internal ...". */
static bool same_words(const char *a, const char *b)
{
    for (;; a++, b++) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
        if (*a == '\0')
            return true;
    }
}

gbis2_cat gbis2_category(const gbis_view *v, const er_gbis_row *r)
{
    static const struct {
        const char *name;
        gbis2_cat cat;
    } cats[] = {
        { "Cavity Wall Insulation", GBIS2_CAT_CAVITY },
        { "External/Internal Wall Insulation", GBIS2_CAT_WALL },
        { "Loft Insulation", GBIS2_CAT_LOFT },
        { "Other Insulation", GBIS2_CAT_OTHER_INSULATION },
    };
    const char *name = gbis2_category_name(v, r);
    size_t i;

    if (!name)
        return GBIS2_CAT_UNKNOWN;
    for (i = 0; i < sizeof cats / sizeof cats[0]; i++)
        if (same_words(name, cats[i].name))
            return cats[i].cat;
    return GBIS2_CAT_OTHER;
}

bool gbis2_date(const er_gbis_row *r, er_gbis_col col, er_date *out)
{
    return er_date_parse_dmy(gbis_cell(r, col), out) == ER_OK;
}

/* Starting_SAP_Rating as thousandths, a decimal with an optional sign:
 * *more is set when digits past the third decimal are not all 0. */
static bool sap_parse(const er_gbis_row *r, bool *neg, long long *milli, bool *more)
{
    const char *s = gbis_cell(r, ER_GBIS_STARTING_SAP);
    long long whole = 0;
    int n = 0, frac = 0, scale = 100;

    *neg = *s == '-';
    s += *s == '-' || *s == '+';
    for (*more = false; is_digit(*s); s++, n++)
        if (whole < 1000000000LL)
            whole = whole * 10 + (*s - '0');
    if (*s == '.') {
        for (s++; is_digit(*s); s++, n++, scale /= 10) {
            if (scale > 0)
                frac += (*s - '0') * scale;
            else if (*s != '0')
                *more = true;
        }
    }
    *milli = whole * 1000 + frac;
    return *s == '\0' && n > 0;
}

bool gbis2_sap_outside(const er_gbis_row *r, int lo, int hi)
{
    bool neg, more;
    long long milli;

    if (!sap_parse(r, &neg, &milli, &more))
        return false;
    if (neg && (milli > 0 || more))
        return true; /* below zero, below every bound */
    return milli < lo * 100LL || milli > hi * 100LL || (milli == hi * 100LL && more);
}

/* ---- helpers of this file ---- */

/* s is one of the NULL-terminated `list`, ignoring case. */
static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(s, *list) == 0)
            return true;
    return false;
}

/* The row is of eligibility type `elig` and, unless NULL, tenure `tenure`. */
static bool group(const gbis_view *v, const char *elig, const char *tenure)
{
    return gbis2_elig(v->r, elig) && (!tenure || gbis_is(v->r, ER_GBIS_TENURE, tenure));
}

static bool sap_within(const gbis_view *v, int lo, int hi)
{
    bool neg, more;
    long long milli;

    return sap_parse(v->r, &neg, &milli, &more) && !gbis2_sap_outside(v->r, lo, hi);
}

static const char *nations_text(unsigned nations)
{
    switch (nations) {
    case IN_ENGLAND: return "England";
    case IN_SCOTLAND: return "Scotland";
    case IN_WALES: return "Wales";
    case IN_ENGLAND | IN_WALES: return "England or Wales";
    case IN_SCOTLAND | IN_WALES: return "Scotland or Wales";
    default: return "England, Scotland or Wales";
    }
}

/* A rule that applies in `nations`, its other conditions met: fails with
 * the message when the row's nation is one of them; when the nation is
 * not known, fails asking to confirm it, since the rule fails in one of
 * them.  Passes for a known nation the rule does not apply in. */
__attribute__((format(printf, 5, 6)))
static bool fails_in(const gbis_view *v, unsigned nations, char *msg, size_t cap,
                     const char *fmt, ...)
{
    char why[sizeof ((er_gbis_failure *)0)->message];
    va_list ap;

    if (v->nation_known && !(nations & (1u << v->nation)))
        return false;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (v->nation_known || nations == IN_ANY)
        snprintf(msg, cap, "%s", why);
    else
        snprintf(msg, cap, "confirm the nation of Post_Code \"%s\" (cross-border area): in %s, %s",
                 gbis_cell(v->r, ER_GBIS_POST_CODE), nations_text(nations), why);
    return true;
}

/* Fails when the row is of `elig`/`tenure` (tenure NULL: any) and its
 * Starting_SAP_Rating lies outside lo..hi tenths, in `nations`. */
static bool sap_rule(const gbis_view *v, const char *elig, const char *tenure, unsigned nations,
                     int lo, int hi, char *msg, size_t cap)
{
    if (!group(v, elig, tenure) || !gbis2_sap_outside(v->r, lo, hi))
        return false;
    return fails_in(v, nations, msg, cap,
                    "Starting_SAP_Rating %s is outside %d.%d-%d.%d for %s%s%s",
                    gbis_cell(v->r, ER_GBIS_STARTING_SAP), lo / 10, lo % 10, hi / 10, hi % 10,
                    elig, tenure ? ", " : "", tenure ? tenure : "");
}

/* Private rented band F/G (SAP 0-38.4) in England or Wales needs a
 * registered PRS exemption: PRS_SAP_Band_Exception Yes. */
static bool prs_exception_rule(const gbis_view *v, const char *elig, char *msg, size_t cap)
{
    if (!group(v, elig, GBIS2_PRIVATE_RENTED) || !sap_within(v, 0, 384) ||
        gbis_is(v->r, ER_GBIS_PRS_EXCEPTION, "Yes"))
        return false;
    return fails_in(v, IN_ENGLAND | IN_WALES, msg, cap,
                    "private rented band F/G (Starting_SAP_Rating %s) needs "
                    "PRS_SAP_Band_Exception Yes, not \"%s\"",
                    gbis_cell(v->r, ER_GBIS_STARTING_SAP), gbis2_show(v->r, ER_GBIS_PRS_EXCEPTION));
}

/* A cell's value must be `want` in this group. */
static bool must_be(const gbis_view *v, er_gbis_col col, const char *want, const char *why,
                    char *msg, size_t cap)
{
    if (gbis_is(v->r, col, want))
        return false;
    snprintf(msg, cap, "%s \"%s\" must be %s %s", er_gbis_column_name(col), gbis2_show(v->r, col),
             want, why);
    return true;
}

/* A cell's value must not be `bad` in this group. */
static bool must_not_be(const gbis_view *v, er_gbis_col col, const char *bad, const char *why,
                        char *msg, size_t cap)
{
    if (!gbis_is(v->r, col, bad))
        return false;
    snprintf(msg, cap, "%s \"%s\" is not allowed %s", er_gbis_column_name(col),
             gbis2_show(v->r, col), why);
    return true;
}

/* ---- GBIS02xx: general group ---- */

/* GBIS0200: Tenure_Type is one of Ofgem's tenure types. */
static bool r0200(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const tenures[] = { GBIS2_OWNER, GBIS2_PRIVATE_RENTED, GBIS2_SOCIAL_TENURE,
                                           NULL };

    if (one_of(gbis_cell(v->r, ER_GBIS_TENURE), tenures))
        return false;
    snprintf(msg, cap, "Tenure_Type \"%s\" is not Owner Occupied, Private Rented Sector or %s",
             gbis2_show(v->r, ER_GBIS_TENURE), GBIS2_SOCIAL_TENURE);
    return true;
}

/* GBIS0201: general group premises are private domestic premises. */
static bool r0201(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_GENERAL, NULL) &&
           must_be(v, ER_GBIS_PRIVATE_DOMESTIC, "Yes", "for General Group", msg, cap);
}

/* GBIS0202: general group premises are not social housing. */
static bool r0202(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_GENERAL, NULL) &&
           must_not_be(v, ER_GBIS_TENURE, GBIS2_SOCIAL_TENURE, "for General Group", msg, cap);
}

/* GBIS0203: general group owner-occupied starting SAP 0-68.4. */
static bool r0203(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_GENERAL, GBIS2_OWNER, IN_ANY, 0, 684, msg, cap);
}

/* GBIS0204: general group private rented in England or Wales, SAP 0-68.4. */
static bool r0204(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_GENERAL, GBIS2_PRIVATE_RENTED, IN_ENGLAND | IN_WALES, 0, 684, msg,
                    cap);
}

/* GBIS0205: general group private rented in Scotland, SAP 38.5-68.4. */
static bool r0205(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_GENERAL, GBIS2_PRIVATE_RENTED, IN_SCOTLAND, 385, 684, msg, cap);
}

/* GBIS0206: general group private rented F/G in England or Wales needs
 * PRS_SAP_Band_Exception Yes. */
static bool r0206(const gbis_view *v, char *msg, size_t cap)
{
    return prs_exception_rule(v, GBIS2_GENERAL, msg, cap);
}

/* GBIS0207: no heating controls (TRV, P&RT) in the general group. */
static bool r0207(const gbis_view *v, char *msg, size_t cap)
{
    if (!group(v, GBIS2_GENERAL, NULL) || !gbis2_heating_control(v->r))
        return false;
    snprintf(msg, cap, "Measure_Type %s is a heating control, not allowed for General Group",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0208: no cavity wall or loft insulation for general group private
 * rented premises. */
static bool r0208(const gbis_view *v, char *msg, size_t cap)
{
    gbis2_cat cat;

    if (!group(v, GBIS2_GENERAL, GBIS2_PRIVATE_RENTED))
        return false;
    cat = gbis2_category(v, v->r);
    if (cat != GBIS2_CAT_CAVITY && cat != GBIS2_CAT_LOFT)
        return false;
    snprintf(msg, cap, "Measure_Type %s (%s) is not allowed for General Group private rented",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE), gbis2_category_name(v, v->r));
    return true;
}

/* Council_Tax_Band in `bands` for the general group in `nations`. */
static bool council_tax_rule(const gbis_view *v, unsigned nations, const char *const *bands,
                             const char *text, char *msg, size_t cap)
{
    if (!group(v, GBIS2_GENERAL, NULL) || one_of(gbis_cell(v->r, ER_GBIS_COUNCIL_TAX_BAND), bands))
        return false;
    return fails_in(v, nations, msg, cap, "Council_Tax_Band \"%s\" is not %s for General Group",
                    gbis2_show(v->r, ER_GBIS_COUNCIL_TAX_BAND), text);
}

/* GBIS0209: general group in England, council tax band A-D. */
static bool r0209(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const bands[] = { "A", "B", "C", "D", NULL };

    return council_tax_rule(v, IN_ENGLAND, bands, "A-D", msg, cap);
}

/* GBIS0210: general group in Scotland or Wales, council tax band A-E. */
static bool r0210(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const bands[] = { "A", "B", "C", "D", "E", NULL };

    return council_tax_rule(v, IN_SCOTLAND | IN_WALES, bands, "A-E", msg, cap);
}

/* ---- GBIS03xx: Help to Heat group ---- */

/* GBIS0300: Help to Heat premises are not declared non-private. */
static bool r0300(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_HELP_TO_HEAT, NULL) &&
           must_not_be(v, ER_GBIS_PRIVATE_DOMESTIC, "No", "for Help to Heat", msg, cap);
}

/* GBIS0301: Help to Heat premises are not social housing. */
static bool r0301(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_HELP_TO_HEAT, NULL) &&
           must_not_be(v, ER_GBIS_TENURE, GBIS2_SOCIAL_TENURE, "for Help to Heat", msg, cap);
}

/* GBIS0302: Help to Heat owner-occupied, SAP 0-68.4. */
static bool r0302(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_HELP_TO_HEAT, GBIS2_OWNER, IN_ANY, 0, 684, msg, cap);
}

/* GBIS0303: Help to Heat private rented in England or Wales, SAP 0-68.4. */
static bool r0303(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_HELP_TO_HEAT, GBIS2_PRIVATE_RENTED, IN_ENGLAND | IN_WALES, 0, 684,
                    msg, cap);
}

/* GBIS0304: Help to Heat private rented in Scotland, SAP 38.5-68.4. */
static bool r0304(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_HELP_TO_HEAT, GBIS2_PRIVATE_RENTED, IN_SCOTLAND, 385, 684, msg, cap);
}

/* GBIS0305: no heating controls for Help to Heat private rented premises. */
static bool r0305(const gbis_view *v, char *msg, size_t cap)
{
    if (!group(v, GBIS2_HELP_TO_HEAT, GBIS2_PRIVATE_RENTED) || !gbis2_heating_control(v->r))
        return false;
    snprintf(msg, cap, "Measure_Type %s is a heating control, not allowed for private rented",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0306: Help to Heat private rented F/G in England or Wales needs
 * PRS_SAP_Band_Exception Yes. */
static bool r0306(const gbis_view *v, char *msg, size_t cap)
{
    return prs_exception_rule(v, GBIS2_HELP_TO_HEAT, msg, cap);
}

/* ---- GBIS04xx: social housing and the low-income SAP limit ---- */

/* GBIS0400: the social housing route is for social housing tenure. */
static bool r0400(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_SOCIAL, NULL) &&
           must_be(v, ER_GBIS_TENURE, GBIS2_SOCIAL_TENURE, "for " GBIS2_SOCIAL, msg, cap);
}

/* GBIS0401: low-income routes (social housing, supplier evidence, Help to
 * Heat, LA declaration), SAP 0-68.4. */
static bool r0401(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const low_income[] = { GBIS2_SOCIAL, GBIS2_SUPPLIER_EVIDENCE,
                                              GBIS2_HELP_TO_HEAT, GBIS2_LA_DECLARATION, NULL };

    if (!one_of(gbis_cell(v->r, ER_GBIS_ELIGIBILITY_TYPE), low_income) ||
        !gbis2_sap_outside(v->r, 0, 684))
        return false;
    snprintf(msg, cap, "Starting_SAP_Rating %s is outside 0.0-68.4 for %s",
             gbis_cell(v->r, ER_GBIS_STARTING_SAP), gbis_cell(v->r, ER_GBIS_ELIGIBILITY_TYPE));
    return true;
}

/* GBIS0402: band D social housing (SAP 54.5-68.4) only with an innovation
 * measure.  Ofgem asks its innovation measure list whether the measure
 * type has any; ecoreg has no such list and asks the row instead:
 * Innovation_Measure_Number must be given (spec/gbis_rules.md). */
static bool r0402(const gbis_view *v, char *msg, size_t cap)
{
    if (!group(v, GBIS2_SOCIAL, NULL) || !sap_within(v, 545, 684) ||
        (!gbis_empty(v->r, ER_GBIS_INNOVATION_NUMBER) &&
         gbis2_given(v->r, ER_GBIS_INNOVATION_NUMBER)))
        return false;
    snprintf(msg, cap, "band D social housing (Starting_SAP_Rating %s) needs an innovation "
             "measure; Innovation_Measure_Number is \"%s\"",
             gbis_cell(v->r, ER_GBIS_STARTING_SAP), gbis2_show(v->r, ER_GBIS_INNOVATION_NUMBER));
    return true;
}

/* GBIS0403: no heating controls on the social housing route. */
static bool r0403(const gbis_view *v, char *msg, size_t cap)
{
    if (!group(v, GBIS2_SOCIAL, NULL) || !gbis2_heating_control(v->r))
        return false;
    snprintf(msg, cap, "Measure_Type %s is a heating control, not allowed for %s",
             gbis_cell(v->r, ER_GBIS_MEASURE_TYPE), GBIS2_SOCIAL);
    return true;
}

/* ---- GBIS07xx: field consistency (Ofgem runs these in stage 2) ---- */

/* The cell is Yes or No. */
static bool yes_no(const gbis_view *v, er_gbis_col col, char *msg, size_t cap)
{
    static const char *const answers[] = { "Yes", "No", NULL };

    if (one_of(gbis_cell(v->r, col), answers))
        return false;
    snprintf(msg, cap, "%s \"%s\" is neither Yes nor No", er_gbis_column_name(col),
             gbis2_show(v->r, col));
    return true;
}

/* GBIS0700: Private_Domestic_Premises is Yes or No. */
static bool r0700(const gbis_view *v, char *msg, size_t cap)
{
    return yes_no(v, ER_GBIS_PRIVATE_DOMESTIC, msg, cap);
}

/* GBIS0701: Starting_SAP_Rating has 1-2 digits and at most one decimal. */
static bool r0701(const gbis_view *v, char *msg, size_t cap)
{
    const char *s = gbis_cell(v->r, ER_GBIS_STARTING_SAP);
    size_t n = 0;

    while (is_digit(s[n]))
        n++;
    if (n >= 1 && n <= 2 && (s[n] == '\0' || (s[n] == '.' && digits(s + n + 1, 1, 1))))
        return false;
    snprintf(msg, cap, "Starting_SAP_Rating \"%s\" is not a rating like 45 or 45.5",
             gbis2_show(v->r, ER_GBIS_STARTING_SAP));
    return true;
}

/* GBIS0702: Installer_Name is given. */
static bool r0702(const gbis_view *v, char *msg, size_t cap)
{
    if (!gbis_empty(v->r, ER_GBIS_INSTALLER) && gbis2_given(v->r, ER_GBIS_INSTALLER))
        return false;
    snprintf(msg, cap, "Installer_Name \"%s\" must name the installer",
             gbis2_show(v->r, ER_GBIS_INSTALLER));
    return true;
}

/* GBIS0703: Installer_Name is at most 150 characters. */
static bool r0703(const gbis_view *v, char *msg, size_t cap)
{
    size_t n = strlen(gbis_cell(v->r, ER_GBIS_INSTALLER));

    if (n <= 150)
        return false;
    snprintf(msg, cap, "Installer_Name is %zu characters, more than 150", n);
    return true;
}

/* GBIS0704: Property is House, Bungalow, Flat, Maisonette or Park Home. */
static bool r0704(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis2_house(v->r) || gbis2_flat(v->r))
        return false;
    snprintf(msg, cap, "Property \"%s\" is not House, Bungalow, Flat, Maisonette or Park Home",
             gbis2_show(v->r, ER_GBIS_PROPERTY));
    return true;
}

static void dmy(er_date d, char buf[static 11]);
static bool purpose(const gbis_view *v, const char *what);

/* GBIS0705 (Gbis0705RuleLogic.cs): a measure completed from the scheme's
 * start to the end of the backdated-installations period is notified by
 * the backdated-installations notification end date, unless it is an
 * edit, an extended notification or an automatic late extension.  The
 * three dates are Ofgem's configuration, which it does not publish: the
 * rule passes every row unless the scheme file gives them. */
static bool r0705(const gbis_view *v, char *msg, size_t cap)
{
    const er_scheme *s = v->c->scheme;
    char end[11], today[11];

    if (!s || s->backdated_from == ER_DATE_NONE || s->backdated_to == ER_DATE_NONE ||
        s->backdated_notify_by == ER_DATE_NONE || purpose(v, EDITED) || purpose(v, EXTENDED) ||
        purpose(v, ALE) || !v->has_completion || v->completion < s->backdated_from ||
        v->completion > s->backdated_to || v->c->today <= s->backdated_notify_by)
        return false;
    dmy(s->backdated_notify_by, end);
    dmy(v->c->today, today);
    snprintf(msg, cap, "backdated installation notified %s, after the backdated notification "
             "end date %s", today, end);
    return true;
}

/* GBIS0706: Innovation_Measure_Number is not empty (N/A when none). */
static bool r0706(const gbis_view *v, char *msg, size_t cap)
{
    if (!gbis_empty(v->r, ER_GBIS_INNOVATION_NUMBER))
        return false;
    snprintf(msg, cap, "Innovation_Measure_Number is empty: give the number or N/A");
    return true;
}

/* GBIS0707: Floor_Area is a whole number of 1-4 digits. */
static bool r0707(const gbis_view *v, char *msg, size_t cap)
{
    if (digits(gbis_cell(v->r, ER_GBIS_FLOOR_AREA), 1, 4))
        return false;
    snprintf(msg, cap, "Floor_Area \"%s\" is not a whole number of square metres (1-4 digits)",
             gbis2_show(v->r, ER_GBIS_FLOOR_AREA));
    return true;
}

/* GBIS0708: Date_Of_Householder_Eligibility is dd/MM/yyyy or N/A. */
static bool r0708(const gbis_view *v, char *msg, size_t cap)
{
    er_date d;

    if (gbis2_date(v->r, ER_GBIS_ELIGIBILITY_DATE, &d) || gbis2_na(v->r, ER_GBIS_ELIGIBILITY_DATE))
        return false;
    snprintf(msg, cap, "Date_Of_Householder_Eligibility \"%s\" is neither dd/MM/yyyy nor N/A",
             gbis2_show(v->r, ER_GBIS_ELIGIBILITY_DATE));
    return true;
}

/* GBIS0709: Verification_Method is one of Ofgem's verification methods,
 * ignoring case.  Gbis0709RuleLogic.cs reads them from Ofgem's reference
 * data; the list is the one its unit test (Gbis0709RuleLogicTests.cs)
 * holds, the seven of Service/Constants/VerificationMethods.cs plus
 * "Other" and "N/A" (rows outside Help to Heat give N/A). */
static bool r0709(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const methods[] = {
        DWP_MATCH, ECO_REFERRAL, "WHD Core Group", "Benefit Letter", "Self Declaration",
        "PPM",     "Non-PPM",    "Other",          "N/A",
    };
    size_t i;

    for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (gbis_is(v->r, ER_GBIS_VERIFICATION_METHOD, methods[i]))
            return false;
    snprintf(msg, cap, "Verification_Method \"%s\" is not one of Ofgem's verification methods",
             gbis2_show(v->r, ER_GBIS_VERIFICATION_METHOD));
    return true;
}

/* GBIS0710: DWP Match needs a 10-digit DWP_Reference_Number. */
static bool r0710(const gbis_view *v, char *msg, size_t cap)
{
    if (!gbis_is(v->r, ER_GBIS_VERIFICATION_METHOD, DWP_MATCH) ||
        digits(gbis_cell(v->r, ER_GBIS_DWP_REFERENCE), 10, 10))
        return false;
    snprintf(msg, cap, "DWP_Reference_Number \"%s\" is not 10 digits, as DWP Match needs",
             gbis2_show(v->r, ER_GBIS_DWP_REFERENCE));
    return true;
}

/* An ECO eligible referral reference: 3 letters, "_", then 1 letter and
 * 1-45 digits or 2 letters and 1-44 digits (Ofgem's GBIS0711 patterns). */
static bool referral_format(const char *s)
{
    size_t i, letters = 0;

    for (i = 0; i < 3; i++)
        if (!is_letter(s[i]))
            return false;
    if (s[3] != '_')
        return false;
    for (s += 4; letters < 2 && isalpha((unsigned char)*s); s++)
        letters++;
    return letters > 0 && digits(s, 1, 46 - letters);
}

/* GBIS0711: ECO Eligible Referral needs a referral DWP_Reference_Number. */
static bool r0711(const gbis_view *v, char *msg, size_t cap)
{
    if (!gbis_is(v->r, ER_GBIS_VERIFICATION_METHOD, ECO_REFERRAL) ||
        referral_format(gbis_cell(v->r, ER_GBIS_DWP_REFERENCE)))
        return false;
    snprintf(msg, cap, "DWP_Reference_Number \"%s\" is not an ECO eligible referral reference "
             "(ABC_D123)", gbis2_show(v->r, ER_GBIS_DWP_REFERENCE));
    return true;
}

/* GBIS0712: DWP_Reference_Number is N/A unless DWP Match or ECO Eligible
 * Referral. */
static bool r0712(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis_is(v->r, ER_GBIS_VERIFICATION_METHOD, DWP_MATCH) ||
        gbis_is(v->r, ER_GBIS_VERIFICATION_METHOD, ECO_REFERRAL))
        return false;
    return must_be(v, ER_GBIS_DWP_REFERENCE, GBIS2_NA, "for this Verification_Method", msg, cap);
}

/* GBIS0714: Percentage_Of_Property_Treated is 1-66 or 67+. */
static bool r0714(const gbis_view *v, char *msg, size_t cap)
{
    const char *s = gbis_cell(v->r, ER_GBIS_POPT);

    if (strcmp(s, "67+") == 0 || (s[0] != '0' && digits(s, 1, 2) && strtol(s, NULL, 10) <= 66))
        return false;
    snprintf(msg, cap, "Percentage_Of_Property_Treated \"%s\" is not 1-66 or 67+",
             gbis2_show(v->r, ER_GBIS_POPT));
    return true;
}

/* GBIS0715: Council_Tax_Band is N/A outside the general group. */
static bool r0715(const gbis_view *v, char *msg, size_t cap)
{
    return !group(v, GBIS2_GENERAL, NULL) &&
           must_be(v, ER_GBIS_COUNCIL_TAX_BAND, GBIS2_NA, "outside General Group", msg, cap);
}

/* GBIS0716: Council_Tax_Band is A-E or N/A. */
static bool r0716(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const bands[] = { "A", "B", "C", "D", "E", GBIS2_NA, NULL };

    if (one_of(gbis_cell(v->r, ER_GBIS_COUNCIL_TAX_BAND), bands))
        return false;
    snprintf(msg, cap, "Council_Tax_Band \"%s\" is not A-E or N/A",
             gbis2_show(v->r, ER_GBIS_COUNCIL_TAX_BAND));
    return true;
}

/* GBIS0717: PRS_SAP_Band_Exception is Yes or N/A. */
static bool r0717(const gbis_view *v, char *msg, size_t cap)
{
    static const char *const answers[] = { "Yes", GBIS2_NA, NULL };

    if (one_of(gbis_cell(v->r, ER_GBIS_PRS_EXCEPTION), answers))
        return false;
    snprintf(msg, cap, "PRS_SAP_Band_Exception \"%s\" is neither Yes nor N/A",
             gbis2_show(v->r, ER_GBIS_PRS_EXCEPTION));
    return true;
}

/* GBIS0718: Innovation_Measure_Number is given (the same test as 0706;
 * Ofgem reports both). */
static bool r0718(const gbis_view *v, char *msg, size_t cap)
{
    return r0706(v, msg, cap);
}

/* GBIS0719: Innovation_Measure_Number is 3 digits or N/A. */
static bool r0719(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis2_na(v->r, ER_GBIS_INNOVATION_NUMBER) ||
        digits(gbis_cell(v->r, ER_GBIS_INNOVATION_NUMBER), 3, 3))
        return false;
    snprintf(msg, cap, "Innovation_Measure_Number \"%s\" is neither 3 digits nor N/A",
             gbis2_show(v->r, ER_GBIS_INNOVATION_NUMBER));
    return true;
}

/* True when the register's reference list `list` holds (value, value2),
 * ignoring case; a register without lists holds none. */
static bool listed(const gbis_view *v, const char *list, const char *value, const char *value2)
{
    const er_gbis_register *reg = &v->c->reg;

    return reg->reference_has && reg->reference_has(reg->ctx, list, value, value2);
}

/* GBIS0500 (Gbis0500RuleLogic.cs): Ofgem's address service verified the
 * address.  The register has no address service; it checks the row against
 * the address list the administrator loads (`ecoreg reference load --list
 * addresses`), and only once one is loaded: a UPRN must be listed at the
 * row's postcode; a row whose UPRN is N/A needs its postcode listed. */
static bool r0500(const gbis_view *v, char *msg, size_t cap)
{
    char key[ER_GBIS_POSTCODE_KEY_MAX];
    bool by_uprn = gbis2_given(v->r, ER_GBIS_UPRN);

    if (!listed(v, ER_GBIS_LIST_ADDRESSES, NULL, NULL))
        return false;
    if (er_gbis_postcode_key(gbis_cell(v->r, ER_GBIS_POST_CODE), true, key) &&
        listed(v, ER_GBIS_LIST_ADDRESSES, key, by_uprn ? gbis_cell(v->r, ER_GBIS_UPRN) : NULL))
        return false;
    if (by_uprn)
        snprintf(msg, cap, "UPRN \"%s\" at Post_Code \"%s\" is not in the register's address "
                 "list", gbis2_show(v->r, ER_GBIS_UPRN), gbis2_show(v->r, ER_GBIS_POST_CODE));
    else
        snprintf(msg, cap, "Post_Code \"%s\" (UPRN N/A) is not in the register's address list",
                 gbis2_show(v->r, ER_GBIS_POST_CODE));
    return true;
}

/* GBIS0720 (Gbis0720RuleLogic.cs): Innovation_Measure_Number is N/A or,
 * with the row's Measure_Type, an entry of Ofgem's innovation measure list
 * (reference data the administrator loads: `ecoreg reference add`). */
static bool r0720(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis2_na(v->r, ER_GBIS_INNOVATION_NUMBER) ||
        listed(v, ER_GBIS_LIST_INNOVATION, gbis_cell(v->r, ER_GBIS_INNOVATION_NUMBER),
               gbis_cell(v->r, ER_GBIS_MEASURE_TYPE)))
        return false;
    snprintf(msg, cap, "Innovation_Measure_Number \"%s\" is not an innovation measure for "
             "Measure_Type \"%s\" in the register's list",
             gbis2_show(v->r, ER_GBIS_INNOVATION_NUMBER), gbis2_show(v->r, ER_GBIS_MEASURE_TYPE));
    return true;
}

/* GBIS0721: Off_Gas is Yes or No. */
static bool r0721(const gbis_view *v, char *msg, size_t cap)
{
    return yes_no(v, ER_GBIS_OFF_GAS, msg, cap);
}

/* GBIS0722: Rural is Yes or No. */
static bool r0722(const gbis_view *v, char *msg, size_t cap)
{
    return yes_no(v, ER_GBIS_RURAL, msg, cap);
}

/* ---- GBIS09xx: flexible eligibility ---- */

/* The row is on a flex route: LA declaration or supplier evidence. */
static bool flex(const gbis_view *v)
{
    return group(v, GBIS2_LA_DECLARATION, NULL) || group(v, GBIS2_SUPPLIER_EVIDENCE, NULL);
}

/* GBIS0900 (Gbis0900RuleLogic.cs): Flex_Referral_Route is N/A or one of
 * Ofgem's flex referral routes, ignoring case (reference data the
 * administrator loads; with none loaded every other value fails, as
 * Ofgem's rule fails them without a list). */
static bool r0900(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis2_na(v->r, ER_GBIS_FLEX_ROUTE) ||
        listed(v, ER_GBIS_LIST_FLEX_ROUTES, gbis_cell(v->r, ER_GBIS_FLEX_ROUTE), NULL))
        return false;
    snprintf(msg, cap, "Flex_Referral_Route \"%s\" is not one of the flex referral routes in "
             "the register's list", gbis2_show(v->r, ER_GBIS_FLEX_ROUTE));
    return true;
}

/* GBIS0901: supplier evidence needs a Flex_Referral_Route. */
static bool r0901(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_SUPPLIER_EVIDENCE, NULL) &&
           must_not_be(v, ER_GBIS_FLEX_ROUTE, GBIS2_NA, "for " GBIS2_SUPPLIER_EVIDENCE, msg, cap);
}

/* GBIS0902: LA_Declaration_Reference_Number is N/A unless LA declaration. */
static bool r0902(const gbis_view *v, char *msg, size_t cap)
{
    return !group(v, GBIS2_LA_DECLARATION, NULL) &&
           must_be(v, ER_GBIS_LA_DECLARATION, GBIS2_NA, "unless Eligibility_Type is "
                   GBIS2_LA_DECLARATION, msg, cap);
}

/* GBIS0903: an LA declaration needs its LA_Declaration_Reference_Number. */
static bool r0903(const gbis_view *v, char *msg, size_t cap)
{
    return group(v, GBIS2_LA_DECLARATION, NULL) &&
           must_not_be(v, ER_GBIS_LA_DECLARATION, GBIS2_NA, "for " GBIS2_LA_DECLARATION, msg,
                       cap);
}

/* An LA declaration reference: a letter, 8 digits, "-", 5 digits. */
static bool declaration_format(const char *s)
{
    int i;

    if (!isalpha((unsigned char)s[0]))
        return false;
    for (i = 1; i <= 8; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return s[9] == '-' && digits(s + 10, 5, 5);
}

/* GBIS0904: LA_Declaration_Reference_Number, when given, is A12345678-12345
 * or N/A. */
static bool r0904(const gbis_view *v, char *msg, size_t cap)
{
    const char *s = gbis_cell(v->r, ER_GBIS_LA_DECLARATION);

    if (!*s || declaration_format(s) || gbis2_na(v->r, ER_GBIS_LA_DECLARATION))
        return false;
    snprintf(msg, cap, "LA_Declaration_Reference_Number \"%s\" is not like A12345678-12345", s);
    return true;
}

/* GBIS0905: flex routes need Date_Of_Householder_Eligibility. */
static bool r0905(const gbis_view *v, char *msg, size_t cap)
{
    return flex(v) && must_not_be(v, ER_GBIS_ELIGIBILITY_DATE, GBIS2_NA, "on a flex route", msg,
                                  cap);
}

/* GBIS0906: supplier evidence needs a Flex_Referral_Route (Ofgem tests
 * the same condition as GBIS0901 and reports both). */
static bool r0906(const gbis_view *v, char *msg, size_t cap)
{
    return r0901(v, msg, cap);
}

/* GBIS0909: flex route premises are not declared non-private. */
static bool r0909(const gbis_view *v, char *msg, size_t cap)
{
    return flex(v) && must_not_be(v, ER_GBIS_PRIVATE_DOMESTIC, "No", "on a flex route", msg, cap);
}

/* GBIS0910: supplier evidence owner-occupied, SAP 0-54.4. */
static bool r0910(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_SUPPLIER_EVIDENCE, GBIS2_OWNER, IN_ANY, 0, 544, msg, cap);
}

/* GBIS0911: supplier evidence private rented in England or Wales, SAP
 * 0-54.4. */
static bool r0911(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_SUPPLIER_EVIDENCE, GBIS2_PRIVATE_RENTED, IN_ENGLAND | IN_WALES, 0,
                    544, msg, cap);
}

/* GBIS0912: supplier evidence private rented in Scotland, SAP 38.5-54.4. */
static bool r0912(const gbis_view *v, char *msg, size_t cap)
{
    return sap_rule(v, GBIS2_SUPPLIER_EVIDENCE, GBIS2_PRIVATE_RENTED, IN_SCOTLAND, 385, 544, msg,
                    cap);
}

/* ---- GBIS10xx: notification deadlines ---- */

/* The final notification date; INT32_MAX (never) when the scheme sets none. */
static er_date final_date(const gbis_view *v)
{
    const er_scheme *s = v->c->scheme;

    return s && s->final_notification != ER_DATE_NONE ? s->final_notification : INT32_MAX;
}

static void dmy(er_date d, char buf[static 11])
{
    int y, m, day;

    er_date_split(d, &y, &m, &day);
    snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)day % 100u, (unsigned)m % 100u,
             (unsigned)y % 10000u);
}

static bool purpose(const gbis_view *v, const char *what)
{
    return gbis_is(v->r, ER_GBIS_PURPOSE, what);
}

/* The register holds this row's MRN (a measure notified before). */
static bool held(const gbis_view *v)
{
    const er_gbis_register *reg = &v->c->reg;

    return reg->measure && reg->measure(reg->ctx, gbis_cell(v->r, ER_GBIS_MRN)) != NULL;
}

/* An edit of a measure notified before: its notification date is the
 * first one, which the register keeps (Ofgem's CreatedDate), so the
 * deadline rules do not judge it by today. */
static bool edit_of_held(const gbis_view *v)
{
    return purpose(v, EDITED) && held(v);
}

/* The supplier's measures completed in the row's completion month and
 * those notified under the automatic late extension: the register's,
 * plus the file's (edits excluded: the register counts them already), the
 * late ones up to this row in file order, which is the order Ofgem's
 * quota is used in.  O(log n): the framework counts the file's rows by
 * supplier and month once (gbis_file_month). */
static void month_counts(const gbis_view *v, long *completed, long *late)
{
    const er_gbis_register *reg = &v->c->reg;
    char supplier[4] = { 0 };
    long file_completed, file_late;
    int y, m, d;

    memcpy(supplier, gbis_cell(v->r, ER_GBIS_MRN), 3);
    er_date_split(v->completion, &y, &m, &d);
    *completed = *late = 0;
    if (reg->month_counts)
        reg->month_counts(reg->ctx, supplier, y, m, completed, late);
    gbis_file_month(v, supplier, y, m, v->i, &file_completed, &file_late);
    *completed += file_completed;
    *late += file_late;
}

/* The last day an automatic late extension of this row may be notified. */
static er_date late_deadline(const gbis_view *v)
{
    return v->has_completion
               ? er_deadline_late_extension(v->completion, LATE_MONTHS(v), final_date(v))
               : final_date(v);
}

/* GBIS1000: an automatic late extension must fit in the supplier's 5%
 * allowance for its completion month. */
static bool r1000(const gbis_view *v, char *msg, size_t cap)
{
    long completed, late;
    int y, m, d;

    if (!v->c->scheme || !purpose(v, ALE) || !v->has_completion || edit_of_held(v) ||
        v->c->today <= er_deadline_notification(v->completion) || v->c->today > late_deadline(v))
        return false; /* without the scheme's parameters there is no allowance to judge */
    month_counts(v, &completed, &late);
    if (er_deadline_late_fits(completed, late, LATE_PERCENT(v)))
        return false;
    er_date_split(v->completion, &y, &m, &d);
    snprintf(msg, cap, "Automatic Late Extension beyond the supplier's %d%% allowance: %ld late "
             "of %ld measures completed in %02d/%04d", LATE_PERCENT(v), late, completed, m, y);
    return true;
}

/* GBIS1001: an automatic late extension ends 3 months after the original
 * deadline, and at the final notification date. */
static bool r1001(const gbis_view *v, char *msg, size_t cap)
{
    char end[11], today[11];

    if (!v->c->scheme || !purpose(v, ALE) || edit_of_held(v) || v->c->today <= late_deadline(v))
        return false;
    dmy(late_deadline(v), end);
    dmy(v->c->today, today);
    snprintf(msg, cap, "Automatic Late Extension ended %s (3 months after the deadline, at "
             "latest the final notification date); notified %s", end, today);
    return true;
}

/* GBIS1002: notified after the deadline (end of the month after
 * completion) without an automatic late extension or granted extension.
 * Ofgem's condition, "!ALE || !Extended", holds for every purpose; this
 * follows its evident intent, "!ALE && !Extended", and leaves edits of
 * notified measures alone (their deadline was met or not when first
 * notified). */
static bool r1002(const gbis_view *v, char *msg, size_t cap)
{
    char due[11], today[11];

    if (purpose(v, ALE) || purpose(v, EXTENDED) || purpose(v, EDITED) || !v->has_completion ||
        v->c->today <= er_deadline_notification(v->completion))
        return false;
    dmy(er_deadline_notification(v->completion), due);
    dmy(v->c->today, today);
    snprintf(msg, cap, "notified %s, after the deadline %s (end of the month after completion), "
             "with Purpose_of_Notification \"%s\"", today, due, gbis2_show(v->r, ER_GBIS_PURPOSE));
    return true;
}

/* ERGBIS1003 (ecoreg's own code; Ofgem's service has no 1003): an
 * "Extended Notification" notified after its deadline is on time only
 * within an extension the administrator granted the measure (ECO4 Order
 * art. 44; `ecoreg extension grant`). */
static bool r1003(const gbis_view *v, char *msg, size_t cap)
{
    const er_gbis_register *reg = &v->c->reg;
    er_date until;
    char today[11], end[11];

    if (!purpose(v, EXTENDED) || !v->has_completion || edit_of_held(v) ||
        v->c->today <= er_deadline_notification(v->completion))
        return false;
    until = reg->extension_until ? reg->extension_until(reg->ctx, gbis_cell(v->r, ER_GBIS_MRN))
                                 : ER_DATE_NONE;
    if (until != ER_DATE_NONE && v->c->today <= until)
        return false;
    dmy(v->c->today, today);
    if (until == ER_DATE_NONE) {
        snprintf(msg, cap, "Extended Notification notified %s, after the deadline, but no "
                 "extension was granted to %s", today, gbis2_show(v->r, ER_GBIS_MRN));
    } else {
        dmy(until, end);
        snprintf(msg, cap, "Extended Notification notified %s, after the extension granted "
                 "until %s", today, end);
    }
    return true;
}

/* GBIS1004: an Edited Notification edits a measure already notified. */
static bool r1004(const gbis_view *v, char *msg, size_t cap)
{
    if (!purpose(v, EDITED) || held(v))
        return false;
    snprintf(msg, cap, "Edited Notification of %s, which has not been notified before",
             gbis2_show(v->r, ER_GBIS_MRN));
    return true;
}

/* GBIS1005: nothing is notified after the final notification date. */
static bool r1005(const gbis_view *v, char *msg, size_t cap)
{
    char end[11];

    if (v->c->today <= final_date(v) || edit_of_held(v))
        return false;
    dmy(final_date(v), end);
    snprintf(msg, cap, "notified after the final notification date %s", end);
    return true;
}

/* ---- the table ---- */

#define RULE(code, col, summary, fn) { { "GBIS" code, 2, ER_GBIS_##col, summary }, fn }

const gbis_rule gbis_stage2_rules[] = {
    RULE("0200", TENURE, "Tenure_Type is a known tenure", r0200),
    RULE("0201", PRIVATE_DOMESTIC, "general group: private domestic premises", r0201),
    RULE("0202", TENURE, "general group: not social housing", r0202),
    RULE("0203", STARTING_SAP, "general group owner-occupied: SAP 0-68.4", r0203),
    RULE("0204", STARTING_SAP, "general group PRS England/Wales: SAP 0-68.4", r0204),
    RULE("0205", STARTING_SAP, "general group PRS Scotland: SAP 38.5-68.4", r0205),
    RULE("0206", PRS_EXCEPTION, "general group PRS England/Wales F/G: exemption Yes", r0206),
    RULE("0207", MEASURE_TYPE, "general group: no heating controls", r0207),
    RULE("0208", MEASURE_TYPE, "general group PRS: no cavity wall or loft insulation", r0208),
    RULE("0209", COUNCIL_TAX_BAND, "general group England: council tax band A-D", r0209),
    RULE("0210", COUNCIL_TAX_BAND, "general group Scotland/Wales: council tax band A-E", r0210),
    RULE("0300", PRIVATE_DOMESTIC, "Help to Heat: private domestic premises", r0300),
    RULE("0301", TENURE, "Help to Heat: not social housing", r0301),
    RULE("0302", STARTING_SAP, "Help to Heat owner-occupied: SAP 0-68.4", r0302),
    RULE("0303", STARTING_SAP, "Help to Heat PRS England/Wales: SAP 0-68.4", r0303),
    RULE("0304", STARTING_SAP, "Help to Heat PRS Scotland: SAP 38.5-68.4", r0304),
    RULE("0305", MEASURE_TYPE, "Help to Heat PRS: no heating controls", r0305),
    RULE("0306", PRS_EXCEPTION, "Help to Heat PRS England/Wales F/G: exemption Yes", r0306),
    RULE("0400", TENURE, "social housing route: social housing tenure", r0400),
    RULE("0401", STARTING_SAP, "low-income routes: SAP 0-68.4", r0401),
    RULE("0402", INNOVATION_NUMBER, "social housing band D: innovation measure", r0402),
    RULE("0403", MEASURE_TYPE, "social housing route: no heating controls", r0403),
    RULE("0500", POST_CODE, "the address is in the register's address list", r0500),
    RULE("0600", INFILL_1, "only in-fill measures cite in-fill measures", gbis2_r0600),
    RULE("0601", INFILL_1, "in-fill flat: associated measure in the same building", gbis2_r0601),
    RULE("0602", INFILL_1, "in-fill house: associated measures on the same street", gbis2_r0602),
    RULE("0603", INFILL_1, "Associated_In-fill_Measure_1 is an MRN or N/A", gbis2_r0603),
    RULE("0604", INFILL_2, "Associated_In-fill_Measure_2 is an MRN or N/A", gbis2_r0604),
    RULE("0605", INFILL_3, "Associated_In-fill_Measure_3 is an MRN or N/A", gbis2_r0605),
    RULE("0606", INFILL_1, "in-fill: Associated_In-fill_Measure_1 is an MRN", gbis2_r0606),
    RULE("0607", INFILL_2, "in-fill flat: exactly one associated measure", gbis2_r0607),
    RULE("0608", INFILL_1, "in-fill house: three associated measures", gbis2_r0608),
    RULE("0609", MEASURE_TYPE, "in-fill flat: cavity or solid wall insulation", gbis2_r0609),
    RULE("0610", MEASURE_TYPE, "in-fill house: solid wall insulation", gbis2_r0610),
    RULE("0611", STARTING_SAP, "in-fill house: SAP 0-68.4", gbis2_r0611),
    RULE("0612", INFILL_1, "in-fill: same category as associated measure 1", gbis2_r0612),
    RULE("0613", INFILL_2, "in-fill house: same category as associated measure 2", gbis2_r0613),
    RULE("0614", INFILL_3, "in-fill house: same category as associated measure 3", gbis2_r0614),
    RULE("0615", INFILL_1, "in-fill: same supplier as associated measure 1", gbis2_r0615),
    RULE("0616", INFILL_2, "in-fill: same supplier as associated measure 2", gbis2_r0616),
    RULE("0617", INFILL_3, "in-fill: same supplier as associated measure 3", gbis2_r0617),
    RULE("0618", INFILL_1, "in-fill flat: within 3 months after its measure", gbis2_r0618),
    RULE("0619", INFILL_1, "in-fill house: within 3 months after the latest", gbis2_r0619),
    RULE("0620", INFILL_1, "in-fill: associated measure 1 exists", gbis2_r0620),
    RULE("0621", INFILL_2, "in-fill: associated measure 2 exists", gbis2_r0621),
    RULE("0622", INFILL_3, "in-fill: associated measure 3 exists", gbis2_r0622),
    RULE("0623", INFILL_1, "in-fill: associated measure 1 not used twice", gbis2_r0623),
    RULE("0624", INFILL_2, "in-fill: associated measure 2 not used twice", gbis2_r0624),
    RULE("0625", INFILL_3, "in-fill: associated measure 3 not used twice", gbis2_r0625),
    RULE("0626", INFILL_1, "in-fill: does not cite itself (1)", gbis2_r0626),
    RULE("0627", INFILL_2, "in-fill: does not cite itself (2)", gbis2_r0627),
    RULE("0628", INFILL_3, "in-fill: does not cite itself (3)", gbis2_r0628),
    RULE("0629", INFILL_1, "associated measure 1 exists, not in-fill", gbis2_r0629),
    RULE("0630", INFILL_2, "associated measure 2 exists, not in-fill", gbis2_r0630),
    RULE("0631", INFILL_3, "associated measure 3 exists, not in-fill", gbis2_r0631),
    RULE("0632", INFILL_1, "in-fill: associated measure 1 cited once", gbis2_r0632),
    RULE("0633", INFILL_2, "in-fill: associated measure 2 cited once", gbis2_r0633),
    RULE("0634", INFILL_3, "in-fill: associated measure 3 cited once", gbis2_r0634),
    RULE("0700", PRIVATE_DOMESTIC, "Private_Domestic_Premises is Yes or No", r0700),
    RULE("0701", STARTING_SAP, "Starting_SAP_Rating has one decimal at most", r0701),
    RULE("0702", INSTALLER, "Installer_Name is given", r0702),
    RULE("0703", INSTALLER, "Installer_Name is at most 150 characters", r0703),
    RULE("0704", PROPERTY, "Property is a known property type", r0704),
    RULE("0705", COMPLETION_DATE, "backdated installation notified in time", r0705),
    RULE("0706", INNOVATION_NUMBER, "Innovation_Measure_Number is not empty", r0706),
    RULE("0707", FLOOR_AREA, "Floor_Area is a whole number", r0707),
    RULE("0708", ELIGIBILITY_DATE, "Date_Of_Householder_Eligibility is a date or N/A", r0708),
    RULE("0709", VERIFICATION_METHOD, "Verification_Method is an accepted method", r0709),
    RULE("0710", DWP_REFERENCE, "DWP Match: 10-digit DWP reference", r0710),
    RULE("0711", DWP_REFERENCE, "ECO Eligible Referral: referral reference", r0711),
    RULE("0712", DWP_REFERENCE, "DWP_Reference_Number N/A for other methods", r0712),
    RULE("0714", POPT, "Percentage_Of_Property_Treated is 1-66 or 67+", r0714),
    RULE("0715", COUNCIL_TAX_BAND, "Council_Tax_Band N/A outside the general group", r0715),
    RULE("0716", COUNCIL_TAX_BAND, "Council_Tax_Band is A-E or N/A", r0716),
    RULE("0717", PRS_EXCEPTION, "PRS_SAP_Band_Exception is Yes or N/A", r0717),
    RULE("0718", INNOVATION_NUMBER, "Innovation_Measure_Number is given", r0718),
    RULE("0719", INNOVATION_NUMBER, "Innovation_Measure_Number is 3 digits or N/A", r0719),
    RULE("0720", INNOVATION_NUMBER, "innovation measure number valid for the type", r0720),
    RULE("0721", OFF_GAS, "Off_Gas is Yes or No", r0721),
    RULE("0722", RURAL, "Rural is Yes or No", r0722),
    RULE("0800", ELIGIBILITY_TYPE, "heating controls: Help to Heat owner-occupiers", gbis2_r0800),
    RULE("0801", INSULATION_MRN, "insulation MRN is an MRN or N/A", gbis2_r0801),
    RULE("0802", INSULATION_MRN, "heating controls cite an insulation MRN", gbis2_r0802),
    RULE("0803", SUPPLIER_REFERENCE, "heating control: same supplier as insulation",
         gbis2_r0803),
    RULE("0804", COMPLETION_DATE, "heating control: within 3 months after insulation",
         gbis2_r0804),
    RULE("0805", INSULATION_MRN, "only heating controls cite an insulation MRN", gbis2_r0805),
    RULE("0806", INSULATION_MRN, "the cited insulation measure exists", gbis2_r0806),
    RULE("0807", INSULATION_MRN, "the cited measure is an insulation measure", gbis2_r0807),
    RULE("0808", INSULATION_MRN, "heating control in a house: same address", gbis2_r0808),
    RULE("0809", INSULATION_MRN, "heating control in a flat: same address", gbis2_r0809),
    RULE("0811", HEATING_SOURCE, "heating controls: Heating_Source given", gbis2_r0811),
    RULE("0812", HEATING_SOURCE, "other measures: Heating_Source N/A", gbis2_r0812),
    RULE("0813", INSULATION_MRN, "insulation MRN is not the measure's own", gbis2_r0813),
    RULE("0814", INSULATION_MRN, "the cited measure is not a heating control", gbis2_r0814),
    RULE("0900", FLEX_ROUTE, "Flex_Referral_Route is an accepted route", r0900),
    RULE("0901", FLEX_ROUTE, "supplier evidence: Flex_Referral_Route given", r0901),
    RULE("0902", LA_DECLARATION, "LA declaration reference only for LA declarations", r0902),
    RULE("0903", LA_DECLARATION, "LA declaration: reference given", r0903),
    RULE("0904", LA_DECLARATION, "LA declaration reference format", r0904),
    RULE("0905", ELIGIBILITY_DATE, "flex: householder eligibility date given", r0905),
    RULE("0906", FLEX_ROUTE, "supplier evidence: Flex_Referral_Route given", r0906),
    RULE("0909", PRIVATE_DOMESTIC, "flex: private domestic premises", r0909),
    RULE("0910", STARTING_SAP, "supplier evidence owner-occupied: SAP 0-54.4", r0910),
    RULE("0911", STARTING_SAP, "supplier evidence PRS England/Wales: SAP 0-54.4", r0911),
    RULE("0912", STARTING_SAP, "supplier evidence PRS Scotland: SAP 38.5-54.4", r0912),
    RULE("1000", PURPOSE, "automatic late extension within the 5% allowance", r1000),
    RULE("1001", PURPOSE, "automatic late extension within 3 months", r1001),
    RULE("1002", PURPOSE, "notified by the end of the month after completion", r1002),
    { { "ERGBIS1003", 2, ER_GBIS_PURPOSE, "Extended Notification within its granted extension" },
      r1003 },
    RULE("1004", PURPOSE, "Edited Notification of a notified measure", r1004),
    RULE("1005", MRN, "not after the final notification date", r1005),
};
const size_t gbis_stage2_count = sizeof gbis_stage2_rules / sizeof gbis_stage2_rules[0];
