/*
 * eco4_measures.c: the rules of ECO4 measure notifications (ECO4M....).
 *
 * One table, eco4_measure_rules, of the measure template's rules
 * (include/ecoreg/eco4.h, docs/eco4_templates.md): 01nn format and
 * references, 02nn the measure's project (its state, its EPC, the minimum
 * insulation requirement), 03nn notification deadlines.  Codes are
 * ecoreg's own (Ofgem has published no ECO4 rule codes); each rule cites
 * its source on its function and in the table, and docs/eco4_checks.md
 * lists them.  A rule returns true, writing a sentence that names the
 * column and quotes the value, when the row FAILS it; eco4_rules.h says
 * what a rule sees, and eco4_checks.c runs the table.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eco4_rules.h"
#include "ecoreg/deadline.h"
#include "ecoreg/sap.h"
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

/* Accepted values, compared ignoring case as Ofgem compares template
 * values; NULL-terminated. */

/* ECO4 Order art. 44 (eco4_rules.h) */
static const char *const measure_purposes[] = { ECO4_PURPOSE_NEW, ECO4_PURPOSE_EDITED,
                                                ECO4_PURPOSE_EXTENDED, ECO4_PURPOSE_ALE, NULL };
/* seed 002 4.11 "Scoring methodology (for PPS)"; ECO4 Order arts. 71, 72 */
#define STANDARD "Standard"
static const char *const methodologies[] = { STANDARD, "Alternative", "Data Light", NULL };
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

/* ECO4M0100: Ofgem's purposes; ECO4 Order art. 44 (extensions) */
static bool m0100(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4M_PURPOSE, measure_purposes,
                       "is not New Notification, Edited Notification, Extended Notification or "
                       "Automatic Late Extension",
                       msg, cap);
}

/* ECO4M0101: seed 002 4.19, 4.21; RULES.md "Notification" */
static bool m0101(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_bad_ref(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0102: seed 002 4.21: the prefix identifies the measure's owner */
static bool m0102(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_unknown_supplier(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0103: RULES.md "Notification" */
static bool m0103(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_notifier(v, ER_ECO4M_MRN, msg, cap);
}

/* ECO4M0104: seed 002 4.19: every measure has a unique MRN */
static bool m0104(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_duplicate(v, eco4_cell(v, ER_ECO4M_MRN)) &&
           eco4_fail_cell(v, ER_ECO4M_MRN, "appears on an earlier row of this file", msg, cap);
}

/* ECO4M0105: seed 002 4.3-4.4: a measure names its project */
static bool m0105(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_bad_ref(v, ER_ECO4M_PROJECT_REF, msg, cap);
}

/* ECO4M0106: seed 001 "ECO4 project": its measures are promoted by the
 * same participant, so the project's prefix is the MRN's */
static bool m0106(const eco4_view *v, char *msg, size_t cap)
{
    char a[4], b[4];

    if (!eco4_prefix_of(eco4_cell(v, ER_ECO4M_MRN), a) ||
        !eco4_prefix_of(eco4_cell(v, ER_ECO4M_PROJECT_REF), b) || strcmp(a, b) == 0)
        return false;
    return eco4_fail_cell(v, ER_ECO4M_PROJECT_REF,
                          "is another supplier's project: a project's measures are its supplier's",
                          msg, cap);
}

/* ECO4M0110: seed 002 4.11 "Measure type"; RULES.md: a type of the ECO4
 * PPS matrix (Standard methodology; the measures of art. 71 are scored
 * otherwise) */
static bool m0110(const eco4_view *v, char *msg, size_t cap)
{
    const char *type = eco4_cell(v, ER_ECO4M_MEASURE_TYPE);

    if (eco4_in_list(eco4_cell(v, ER_ECO4M_METHODOLOGY), methodologies) &&
        !eco4_is(v, ER_ECO4M_METHODOLOGY, STANDARD))
        return false;
    if (!v->pps)
        return eco4_fail_cell(v, ER_ECO4M_MEASURE_TYPE,
                              "cannot be checked: no ECO4 PPS matrix is loaded", msg, cap);
    return !er_matrix_has_measure(v->pps, type) &&
           eco4_fail_cell(v, ER_ECO4M_MEASURE_TYPE, "is not a measure type of the ECO4 PPS matrix",
                          msg, cap);
}

/* ECO4M0111: seed 002 4.11; RULES.md dd/MM/yyyy */
static bool m0111(const eco4_view *v, char *msg, size_t cap)
{
    return !v->has_date && eco4_fail_cell(v, ER_ECO4M_COMPLETION_DATE,
                                          "is not a date written dd/mm/yyyy", msg, cap);
}

/* ECO4M0112: ECO4 Order art. 43: a measure is notified after completion */
static bool m0112(const eco4_view *v, char *msg, size_t cap)
{
    return v->has_date && v->date > v->c->today &&
           eco4_fail_cell(v, ER_ECO4M_COMPLETION_DATE, "is in the future", msg, cap);
}

/* ECO4M0113: eco4.json completion_dates: 1 Apr 2022 to 31 Mar 2026 */
static bool m0113(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_completion_inside_scheme(v, ER_ECO4M_COMPLETION_DATE, msg, cap);
}

/* ECO4M0114: seed 002 4.11 "Scoring methodology (for PPS)"; arts. 71, 72 */
static bool m0114(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4M_METHODOLOGY, methodologies,
                       "is not Standard, Alternative or Data Light", msg, cap);
}

/* ECO4M0115: seed 002 4.11 "POPT"; RULES.md: 1-66 or 67+ */
static bool m0115(const eco4_view *v, char *msg, size_t cap)
{
    const char *s = eco4_cell(v, ER_ECO4M_POPT);

    if (strcmp(s, "67+") == 0 ||
        (s[0] != '0' && only(s, is_digit, 1, 2) && strtol(s, NULL, 10) <= 66))
        return false;
    return eco4_fail_cell(v, ER_ECO4M_POPT, "is not 1-66 or 67+", msg, cap);
}

/* A heat source cell: N/A, or a name of the PPS matrix (pre: or a rare
 * source with a proxy, seed 002 5.6-5.10). */
static bool heat_source_known(const eco4_view *v, int col, bool pre)
{
    const char *s = eco4_cell(v, col);

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
static bool m0116(const eco4_view *v, char *msg, size_t cap)
{
    return !heat_source_known(v, ER_ECO4M_PRE_HEATING, true) &&
           eco4_fail_cell(v, ER_ECO4M_PRE_HEATING,
                          "is neither N/A nor a pre main heating source of the ECO4 PPS matrix",
                          msg, cap);
}

/* ECO4M0117: seed 002 4.11 "Pre and post main heating sources" */
static bool m0117(const eco4_view *v, char *msg, size_t cap)
{
    return !heat_source_known(v, ER_ECO4M_POST_HEATING, false) &&
           eco4_fail_cell(v, ER_ECO4M_POST_HEATING,
                          "is neither N/A nor a post main heating source of the ECO4 PPS matrix",
                          msg, cap);
}

/* ECO4M0118: seed 002 4.11 "measure specific uplifts"; art. 58; Ofgem's
 * format (GBIS0719) */
static bool m0118(const eco4_view *v, char *msg, size_t cap)
{
    return !eco4_is(v, ER_ECO4M_INNOVATION_NUMBER, "N/A") &&
           !only(eco4_cell(v, ER_ECO4M_INNOVATION_NUMBER), is_digit, 3, 3) &&
           eco4_fail_cell(v, ER_ECO4M_INNOVATION_NUMBER, "is neither 3 digits nor N/A", msg, cap);
}

/* ECO4M0119: ECO4 Order art. 24(2)(b): insulation already installed */
static bool m0119(const eco4_view *v, char *msg, size_t cap)
{
    return eco4_not_in(v, ER_ECO4M_PRE_EXISTING_INSULATION, yes_no_na, "is not Yes, No or N/A", msg,
                       cap);
}

/* ECO4M0120: Ofgem's GBIS0702/0703: the installer, at most 150 characters */
static bool m0120(const eco4_view *v, char *msg, size_t cap)
{
    if (eco4_absent(v, ER_ECO4M_INSTALLER))
        return eco4_fail_cell(v, ER_ECO4M_INSTALLER, "must name the installer", msg, cap);
    return er_utf8_chars(eco4_cell(v, ER_ECO4M_INSTALLER)) > 150 &&
           eco4_fail_cell(v, ER_ECO4M_INSTALLER, "is longer than 150 characters", msg, cap);
}

/* ECO4M0121: seed 002 4.11 "Trustmark details"; Ofgem's Tgbis0100; N/A for
 * measures not lodged with TrustMark (4.21) */
static bool m0121(const eco4_view *v, char *msg, size_t cap)
{
    return !eco4_absent(v, ER_ECO4M_TM_LICENCE) &&
           !only(eco4_cell(v, ER_ECO4M_TM_LICENCE), is_digit, 12, 12) &&
           eco4_fail_cell(v, ER_ECO4M_TM_LICENCE, "is neither 12 digits nor N/A", msg, cap);
}

/* ECO4M0122: seed 002 4.19 UMR; Ofgem's Tgbis0102 */
static bool m0122(const eco4_view *v, char *msg, size_t cap)
{
    return !eco4_absent(v, ER_ECO4M_TM_MEASURE_REF) &&
           !only(eco4_cell(v, ER_ECO4M_TM_MEASURE_REF), is_alnum, 1, 20) &&
           eco4_fail_cell(v, ER_ECO4M_TM_MEASURE_REF,
                          "is neither 1 to 20 letters or digits nor N/A", msg, cap);
}

/* ECO4M0123: seed 002 4.11 "Trustmark details" (certificate of lodgement,
 * seed 001); Ofgem's Tgbis0101 (here anchored at the start) */
static bool m0123(const eco4_view *v, char *msg, size_t cap)
{
    const char *end = eco4_letter_digits(eco4_cell(v, ER_ECO4M_TM_CERTIFICATE));

    return !eco4_absent(v, ER_ECO4M_TM_CERTIFICATE) &&
           !(end && end[0] == '-' && is_digit(end[1]) && end[2] == '\0') &&
           eco4_fail_cell(v, ER_ECO4M_TM_CERTIFICATE,
                          "is neither a letter, 4 to 7 digits, '-' and a digit nor N/A", msg, cap);
}

/* ECO4M0200: seed 002 4.4: a measure passes only once its project has;
 * first, the project must be notified */
static bool m0200(const eco4_view *v, char *msg, size_t cap)
{
    return !v->project_state && eco4_fail_cell(v, ER_ECO4M_PROJECT_REF,
                                               "is not a project the register holds: the "
                                               "project must be notified and pass its checks first",
                                               msg, cap);
}

/* ECO4M0201: seed 002 4.4: "will not be able to pass eligibility checks
 * until the associated project has already done so" */
static bool m0201(const eco4_view *v, char *msg, size_t cap)
{
    char what[96];

    if (!v->project_state || eco4_in_list(v->project_state, passed_states))
        return false;
    snprintf(what, sizeof what, "is a project that has not passed its checks (it is %.24s)",
             v->project_state);
    return eco4_fail_cell(v, ER_ECO4M_PROJECT_REF, what, msg, cap);
}

/* ECO4M0202: seed 001 "pre-installation EPC": issued within the 2 years
 * 3 months ending with the day before the project's first measure is
 * completed (eco4.json pre_installation_epc_max_age_months) */
static bool m0202(const eco4_view *v, char *msg, size_t cap)
{
    eco4_pm_iter it = eco4_pm_first(v);
    const er_eco4_measure_row *m;
    er_date epc, first = ER_DATE_NONE, d;
    char a[11], b[11], what[160];

    if (!v->c->scheme || !v->c->scheme->epc_max_age_months || !v->project ||
        !eco4_date_of(eco4_cell_of(v->project->col, ER_ECO4P_EPC_DATE), &epc))
        return false;
    while ((m = eco4_pm_next(&it)))
        if (eco4_date_of(eco4_cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) &&
            (first == ER_DATE_NONE || d < first))
            first = d;
    if (first == ER_DATE_NONE)
        return false;
    /* the period of 27 months ending with first - 1 begins on the day
     * 27 months before first (AddMonths clamping to a month's end) */
    if (epc >= er_deadline_add_months(first, -EPC_MAX_AGE_MONTHS(v)) && epc < first)
        return false;
    eco4_dmy(epc, a);
    eco4_dmy(first, b);
    snprintf(what, sizeof what,
             "completes a project whose pre-installation EPC of %s is not "
             "from the %d months before its first measure completed (%s)",
             a, EPC_MAX_AGE_MONTHS(v), b);
    return eco4_fail_cell(v, ER_ECO4M_COMPLETION_DATE, what, msg, cap);
}

/* The kind of a measure type, and whether art. 24 leaves it out. */
static enum kind kind_of(const eco4_view *v, const char *type, bool *art24_exempt)
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
static bool m0203(const eco4_view *v, char *msg, size_t cap)
{
    eco4_pm_iter it = eco4_pm_first(v);
    const er_eco4_measure_row *m;
    bool exempt, other_exempt;
    int t;
    er_date d;

    if (!v->project || !v->has_date || eco4_is(v, ER_ECO4M_PRE_EXISTING_INSULATION, "Yes") ||
        kind_of(v, eco4_cell(v, ER_ECO4M_MEASURE_TYPE), &exempt) != HEATING || exempt ||
        !eco4_sap_of(eco4_cell_of(v->project->col, ER_ECO4P_STARTING_SAP), &t) ||
        er_sap_letter(t) != 'D')
        return false;
    while ((m = eco4_pm_next(&it)))
        if (m != &v->mrows[v->i] &&
            kind_of(v, eco4_cell_of(m->col, ER_ECO4M_MEASURE_TYPE), &other_exempt) == INSULATION &&
            eco4_date_of(eco4_cell_of(m->col, ER_ECO4M_COMPLETION_DATE), &d) && d < v->date)
            return false;
    return eco4_fail_cell(v, ER_ECO4M_MEASURE_TYPE,
                          "is a heating measure in a band D project with "
                          "no insulation measure of the project completed before it (ECO4 Order "
                          "art. 24), and Pre_Existing_Insulation is not Yes",
                          msg, cap);
}

/* ---- ECO4M03xx: notification deadlines (deadline.h) ---- */

/* The final notification date; INT32_MAX (never) when the scheme sets none. */
static er_date final_date(const eco4_view *v)
{
    const er_scheme *s = v->c->scheme;

    return s && s->final_notification != ER_DATE_NONE ? s->final_notification : INT32_MAX;
}

/* An edit of a measure the register holds: its deadline was judged when
 * it was first notified. */
static bool edit_of_held(const eco4_view *v)
{
    const er_eco4_register *reg = &v->c->reg;

    return eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_EDITED) && reg->measure_state &&
           reg->measure_state(reg->ctx, eco4_cell(v, ER_ECO4M_MRN)) != NULL;
}

static er_date late_deadline(const eco4_view *v)
{
    return er_deadline_late_extension(v->date, LATE_MONTHS(v), final_date(v));
}

/* The supplier's measures completed in this row's month, and those
 * notified under the automatic late extension: the register's, plus the
 * file's (edits excluded: the register counts them), the late ones up to
 * this row, in file order, the order the allowance is used in. */
static void month_counts(const eco4_view *v, long *completed, long *late)
{
    const er_eco4_register *reg = &v->c->reg;
    const char *own = eco4_cell(v, ER_ECO4M_COMPLETION_DATE);
    const char *month = strlen(own) == 10 ? own + 3 : own; /* "MM/yyyy" */
    char supplier[4], other[4];
    int y, m, d;
    size_t k;

    *completed = *late = 0;
    if (!eco4_prefix_of(eco4_cell(v, ER_ECO4M_MRN), supplier))
        return;
    er_date_split(v->date, &y, &m, &d);
    if (reg->month_counts)
        reg->month_counts(reg->ctx, supplier, y, m, completed, late);
    for (k = 0; k < v->n; k++) {
        const char *const *p = v->mrows[k].col;
        const char *date = eco4_cell_of(p, ER_ECO4M_COMPLETION_DATE);
        er_date pd;

        if (strlen(date) != 10 || strcmp(date + 3, month) != 0 || !eco4_date_of(date, &pd) ||
            !eco4_prefix_of(eco4_cell_of(p, ER_ECO4M_MRN), other) || strcmp(other, supplier) != 0 ||
            strcasecmp(eco4_cell_of(p, ER_ECO4M_PURPOSE), ECO4_PURPOSE_EDITED) == 0)
            continue;
        (*completed)++;
        if (k <= v->i && strcasecmp(eco4_cell_of(p, ER_ECO4M_PURPOSE), ECO4_PURPOSE_ALE) == 0)
            (*late)++;
    }
}

/* ECO4M0300: ECO4 Order art. 44(2)(c): an automatic late extension only
 * within 5% of the supplier's measures completed in that month */
static bool m0300(const eco4_view *v, char *msg, size_t cap)
{
    long completed, late;
    char what[160];
    int y, m, d;

    if (!v->c->scheme || !eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_ALE) || !v->has_date ||
        edit_of_held(v) || v->c->today <= er_deadline_notification(v->date) ||
        v->c->today > late_deadline(v))
        return false;
    month_counts(v, &completed, &late);
    if (er_deadline_late_fits(completed, late, LATE_PERCENT(v)))
        return false;
    er_date_split(v->date, &y, &m, &d);
    snprintf(what, sizeof what,
             "is beyond the supplier's %d%% allowance: %ld late of %ld "
             "measures completed in %02d/%04d",
             LATE_PERCENT(v), late, completed, m, y);
    return eco4_fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0301: ECO4 Order art. 44(1)(c): the automatic late extension ends
 * at the end of the fourth month after completion, and June 2026 */
static bool m0301(const eco4_view *v, char *msg, size_t cap)
{
    char end[11], today[11], what[120];

    if (!v->c->scheme || !eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_ALE) || !v->has_date ||
        edit_of_held(v) || v->c->today <= late_deadline(v))
        return false;
    eco4_dmy(late_deadline(v), end);
    eco4_dmy(v->c->today, today);
    snprintf(what, sizeof what, "ended %s (3 months after the deadline); notified %s", end, today);
    return eco4_fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0302: ECO4 Order art. 44(1)(a)(ii): notified by the end of the
 * month after the month of completion, unless extended */
static bool m0302(const eco4_view *v, char *msg, size_t cap)
{
    char due[11], today[11], what[160];

    if (eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_ALE) ||
        eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_EXTENDED) ||
        eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_EDITED) || !v->has_date ||
        v->c->today <= er_deadline_notification(v->date))
        return false;
    eco4_dmy(er_deadline_notification(v->date), due);
    eco4_dmy(v->c->today, today);
    snprintf(what, sizeof what,
             "is notified %s, after the deadline %s (end of the month after "
             "completion), without an extension",
             today, due);
    return eco4_fail_cell(v, ER_ECO4M_PURPOSE, what, msg, cap);
}

/* ECO4M0303: ECO4 Order art. 44: a notification under an extension the
 * supplier applied for cites that application; no other row does */
static bool m0303(const eco4_view *v, char *msg, size_t cap)
{
    bool extended = eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_EXTENDED),
         given = !eco4_absent(v, ER_ECO4M_EXTENSION_REF);

    if (extended && !given)
        return eco4_fail_cell(v, ER_ECO4M_EXTENSION_REF,
                              "is left out: an Extended Notification "
                              "cites the extension application's reference",
                              msg, cap);
    if (!extended && given)
        return eco4_fail_cell(v, ER_ECO4M_EXTENSION_REF,
                              "is given but the Purpose_of_Notification "
                              "is not Extended Notification",
                              msg, cap);
    return false;
}

/* ECO4M0304: an Edited Notification edits a measure already notified
 * (as Ofgem's GBIS1004) */
static bool m0304(const eco4_view *v, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;

    if (!eco4_is(v, ER_ECO4M_PURPOSE, ECO4_PURPOSE_EDITED) ||
        (reg->measure_state && reg->measure_state(reg->ctx, eco4_cell(v, ER_ECO4M_MRN))))
        return false;
    return eco4_fail_cell(v, ER_ECO4M_MRN, "is edited but has not been notified before", msg, cap);
}

#define MRULE(code, col, summary, source, fn)                                                      \
    {                                                                                              \
        { "ECO4M" code, ER_ECO4_MEASURES, ER_ECO4M_##col, summary, source }, fn                    \
    }

const eco4_rule eco4_measure_rules[] = {
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
const size_t eco4_measure_count = sizeof eco4_measure_rules / sizeof eco4_measure_rules[0];
