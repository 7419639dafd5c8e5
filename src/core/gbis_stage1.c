/*
 * gbis_stage1.c: GBIS stage 1 rules, format and references (GBIS01xx),
 * plus the address (GBIS0501-0503) and TrustMark (TGBIS0100-0104) format
 * rules.  Each rule cites Ofgem's code and the file of Ofgem's public
 * validation service (GreatBritishInsulationScheme-API-MeasureValidation)
 * it follows; docs/gbis_rules.md lists them and the codes not checked.
 *
 * Ofgem registers 05xx and TGBIS01xx among its stage 2 rules
 * (ServiceExtensions.cs), so there a row failing them still gets its
 * stage 2 checks; here they run in stage 1, in a block of their own at
 * the end of the table, ready to move to the stage 2 table as they are.
 * A rule returns true and writes a sentence naming the column and the
 * value when the row FAILS it.  Patterns are matched by hand, on ASCII
 * classes as Ofgem's [A-Z] and [0-9] are.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gbis_rules.h"
#include "util.h"

/* Most bytes of a cell value quoted in a message. */
#define QUOTE_MAX 40

/* Writes "<column> '<value>' <what>" (or "<column> (empty) <what>") into
 * msg and returns true: the common shape of a failure. */
static bool fail_cell(const gbis_view *v, er_gbis_col col, const char *what, char *msg, size_t cap)
{
    const char *s = gbis_cell(v->r, col);
    int n = er_utf8_clip(s, QUOTE_MAX);

    if (!*s)
        snprintf(msg, cap, "%s (empty) %s", er_gbis_column_name(col), what);
    else
        snprintf(msg, cap, "%s '%.*s%s' %s", er_gbis_column_name(col), n, s, s[n] ? "..." : "",
                 what);
    return true;
}

/* True when the cell is empty, only white space, or "N/A" in any case
 * (Ofgem's IsNullOrWhiteSpace || CaseInsensitiveEquals("N/A")). */
static bool blank_or_na(const gbis_view *v, er_gbis_col col)
{
    const char *s = gbis_cell(v->r, col);

    return s[span_of(s, is_space)] == '\0' || gbis_is(v->r, col, "N/A");
}

/* True when the cell equals one of list[0..n), ignoring case. */
static bool one_of(const gbis_view *v, er_gbis_col col, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (gbis_is(v->r, col, list[i]))
            return true;
    return false;
}

/* Fails when a cell that is not blank or N/A is longer than max
 * characters (GBIS0108, 0109, 0112, 0501, 0502). */
static bool too_long(const gbis_view *v, er_gbis_col col, size_t max, char *msg, size_t cap)
{
    char what[48];

    if (blank_or_na(v, col) || er_utf8_chars(gbis_cell(v->r, col)) <= max)
        return false;
    snprintf(what, sizeof what, "is longer than %zu characters", max);
    return fail_cell(v, col, what, msg, cap);
}

/* The 3-letter supplier code an MRN starts with, upper-cased, in code[4];
 * false when the MRN is shorter than 3 characters. */
static bool mrn_prefix(const gbis_view *v, char code[4])
{
    const char *mrn = gbis_cell(v->r, ER_GBIS_MRN);
    int i;

    if (strlen(mrn) < 3)
        return false;
    for (i = 0; i < 3; i++)
        code[i] = mrn[i] >= 'a' && mrn[i] <= 'z' ? (char)(mrn[i] - 'a' + 'A') : mrn[i];
    code[3] = '\0';
    return true;
}

/* Ofgem's accepted purposes of notification (reference data; Gbis0100Tests.cs,
 * PurposeOfNotificationConstants.cs). */
static const char *const purposes[] = {
    "New Notification",
    "Edited Notification",
    "Extended Notification",
    "Automatic Late Extension",
};

/* Ofgem's eligibility types (Application/Constants/EligibilityTypes.cs). */
static const char *const eligibility_types[] = {
    "General Group",          "LI - Help to Heat Group", "LI - LA Declaration",
    "LI - Supplier Evidence", "LI - Social Housing",     "In-fill",
};

/* GBIS0100: Purpose_of_Notification is an accepted purpose (Gbis0100.cs) */
static bool gbis0100(const gbis_view *v, char *msg, size_t cap)
{
    if (one_of(v, ER_GBIS_PURPOSE, purposes, sizeof purposes / sizeof purposes[0]))
        return false;
    return fail_cell(v, ER_GBIS_PURPOSE, "is not an accepted purpose of notification", msg, cap);
}

/* GBIS0101: completion date is a real dd/MM/yyyy date (Gbis0101.cs) */
static bool gbis0101(const gbis_view *v, char *msg, size_t cap)
{
    if (v->has_completion)
        return false;
    return fail_cell(v, ER_GBIS_COMPLETION_DATE, "is not a date written dd/mm/yyyy", msg, cap);
}

/* GBIS0102: completion date is not after today (Gbis0102.cs) */
static bool gbis0102(const gbis_view *v, char *msg, size_t cap)
{
    if (!v->has_completion || v->completion <= v->c->today)
        return false;
    return fail_cell(v, ER_GBIS_COMPLETION_DATE, "is in the future", msg, cap);
}

/* Writes `d` as the template writes dates, dd/mm/yyyy; "" for none. */
static void dmy(er_date d, char buf[static 11])
{
    int y, m, dd;

    buf[0] = '\0';
    if (d == ER_DATE_NONE)
        return;
    er_date_split(d, &y, &m, &dd);
    snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)dd % 100u, (unsigned)m % 100u,
             (unsigned)y % 10000u);
}

/* GBIS0103: completion date inside the scheme's dates; an unreadable date
 * fails too, as Ofgem's DateTime.MinValue does (Gbis0103.cs) */
static bool gbis0103(const gbis_view *v, char *msg, size_t cap)
{
    const er_scheme *s = v->c->scheme;
    er_date from = s ? s->completion_from : ER_DATE_NONE;
    er_date to = s ? s->completion_to : ER_DATE_NONE;
    char a[11], b[11], what[64];

    if (v->has_completion && (from == ER_DATE_NONE || v->completion >= from) &&
        (to == ER_DATE_NONE || v->completion <= to))
        return false;
    dmy(from, a);
    dmy(to, b);
    snprintf(what, sizeof what, "is not inside the scheme's dates %s to %s", a, b);
    return fail_cell(v, ER_GBIS_COMPLETION_DATE, what, msg, cap);
}

/* GBIS0104: MRN is 3 letters + 10 digits (GbisRegexes.MeasureReferenceNumberRegex) */
static bool gbis0104(const gbis_view *v, char *msg, size_t cap)
{
    const char *mrn = gbis_cell(v->r, ER_GBIS_MRN);

    if (span_of(mrn, is_letter) == 3 && only(mrn + 3, is_digit, 10, 10))
        return false;
    return fail_cell(v, ER_GBIS_MRN, "is not 3 letters and 10 digits", msg, cap);
}

/* GBIS0105: MRN's first 3 characters, upper-cased, are a known supplier (Gbis0105.cs) */
static bool gbis0105(const gbis_view *v, char *msg, size_t cap)
{
    const er_gbis_register *reg = &v->c->reg;
    char code[4];

    if (mrn_prefix(v, code) && reg->supplier_known && reg->supplier_known(reg->ctx, code))
        return false;
    return fail_cell(v, ER_GBIS_MRN, "does not start with a known supplier's code", msg, cap);
}

/* GBIS0107: Measure_Type is a GBIS measure type (Gbis0107.cs); ecoreg asks
 * the GBIS matrix, which compares exactly where Ofgem ignores case */
static bool gbis0107(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis_category(v, gbis_cell(v->r, ER_GBIS_MEASURE_TYPE)))
        return false;
    return fail_cell(v, ER_GBIS_MEASURE_TYPE, "is not a GBIS measure type", msg, cap);
}

/* GBIS0108: Building_Number at most 50 characters unless blank or N/A (Gbis0108.cs) */
static bool gbis0108(const gbis_view *v, char *msg, size_t cap)
{
    return too_long(v, ER_GBIS_BUILDING_NUMBER, 50, msg, cap);
}

/* GBIS0109: Building_Name at most 100 characters unless blank or N/A (Gbis0109.cs) */
static bool gbis0109(const gbis_view *v, char *msg, size_t cap)
{
    return too_long(v, ER_GBIS_BUILDING_NAME, 100, msg, cap);
}

/* GBIS0110: Eligibility_Type is one of Ofgem's six (Gbis0110.cs) */
static bool gbis0110(const gbis_view *v, char *msg, size_t cap)
{
    if (one_of(v, ER_GBIS_ELIGIBILITY_TYPE, eligibility_types,
               sizeof eligibility_types / sizeof eligibility_types[0]))
        return false;
    return fail_cell(v, ER_GBIS_ELIGIBILITY_TYPE, "is not an accepted eligibility type", msg, cap);
}

/* GBIS0111: Town is given: not blank, not N/A (Gbis0111.cs) */
static bool gbis0111(const gbis_view *v, char *msg, size_t cap)
{
    if (!blank_or_na(v, ER_GBIS_TOWN))
        return false;
    return fail_cell(v, ER_GBIS_TOWN, "is not given; a town is required", msg, cap);
}

/* GBIS0112: Town at most 50 characters (Gbis0112.cs) */
static bool gbis0112(const gbis_view *v, char *msg, size_t cap)
{
    return too_long(v, ER_GBIS_TOWN, 50, msg, cap);
}

/* GBIS0113: Post_Code is given: not blank, not N/A (Gbis0113.cs) */
static bool gbis0113(const gbis_view *v, char *msg, size_t cap)
{
    if (!blank_or_na(v, ER_GBIS_POST_CODE))
        return false;
    return fail_cell(v, ER_GBIS_POST_CODE, "is not given; a postcode is required", msg, cap);
}

/* GBIS0114: Post_Code matches Ofgem's pattern (Gbis0114.cs) */
static bool gbis0114(const gbis_view *v, char *msg, size_t cap)
{
    if (ofgem_postcode(gbis_cell(v->r, ER_GBIS_POST_CODE)))
        return false;
    return fail_cell(v, ER_GBIS_POST_CODE, "is not a postcode in capitals such as 'SW1A 1AA'", msg,
                     cap);
}

/* The postcode as GBIS0114 takes it, its outward and inward codes joined
 * by one space: the key GBIS0500 looks addresses up by (gbis.h). */
bool er_gbis_postcode_key(const char *postcode, bool full, char *key)
{
    size_t out, in;

    key[0] = '\0';
    if (!postcode || !ofgem_postcode(postcode))
        return false;
    out = span_of(postcode, is_alnum);
    in = out + strspn(postcode + out, " \t\n\v\f\r");
    if (postcode[in] == '\0')
        return !full && snprintf(key, ER_GBIS_POSTCODE_KEY_MAX, "%s", postcode) > 0;
    snprintf(key, ER_GBIS_POSTCODE_KEY_MAX, "%.*s %s", (int)out, postcode, postcode + in);
    return true;
}

/* Gbis0503RuleLogic.cs: ^[0-9]{1,12}$ */
bool er_gbis_uprn_valid(const char *uprn)
{
    return uprn && only(uprn, is_digit, 1, 12);
}

/* GBIS0115: Building_Number or Building_Name is given (Gbis0115.cs) */
static bool gbis0115(const gbis_view *v, char *msg, size_t cap)
{
    if (!blank_or_na(v, ER_GBIS_BUILDING_NUMBER) || !blank_or_na(v, ER_GBIS_BUILDING_NAME))
        return false;
    return fail_cell(v, ER_GBIS_BUILDING_NUMBER,
                     "and Building_Name are both blank or N/A; one of them is required", msg, cap);
}

/* The supplier holding the licence named by Supplier_Reference, ignoring
 * case, with *exact set when the register spells it byte for byte the
 * same; NULL when the register holds no such licence (or no licences). */
static const char *row_licence(const gbis_view *v, bool *exact)
{
    const er_gbis_register *reg = &v->c->reg;

    *exact = false;
    if (!reg->licence_holder)
        return NULL;
    return reg->licence_holder(reg->ctx, gbis_cell(v->r, ER_GBIS_SUPPLIER_REFERENCE), exact);
}

/* GBIS0116: Supplier_Reference is a supplier licence reference the register
 * holds, ignoring case (Gbis0116.cs: CaseInsensitiveContainsInList) */
static bool gbis0116(const gbis_view *v, char *msg, size_t cap)
{
    bool exact;

    if (row_licence(v, &exact))
        return false;
    return fail_cell(v, ER_GBIS_SUPPLIER_REFERENCE, "is not a supplier licence the register holds",
                     msg, cap);
}

/* GBIS0117: the licence whose reference is Supplier_Reference exactly, case
 * included, is held by the notifying supplier (Gbis0117.cs); no such
 * licence fails too, as at Ofgem.  The notifying supplier is as in 0119:
 * the context's, else the MRN's prefix; its code is compared ignoring case. */
static bool gbis0117(const gbis_view *v, char *msg, size_t cap)
{
    const char *who = v->c->notifying_supplier, *holder;
    char code[4], what[120];
    bool exact;

    if (!who && mrn_prefix(v, code))
        who = code;
    holder = row_licence(v, &exact);
    if (holder && exact && who && strcasecmp(holder, who) == 0)
        return false;
    if (holder && !exact)
        return fail_cell(v, ER_GBIS_SUPPLIER_REFERENCE,
                         "differs in case from the licence reference the register holds; "
                         "it must match exactly",
                         msg, cap);
    if (!holder)
        snprintf(what, sizeof what, "is not a licence of the notifying supplier%s%.8s%s",
                 who ? " '" : "", who ? who : "", who ? "'" : "");
    else if (!who)
        snprintf(what, sizeof what,
                 "is a licence of %.8s; the MRN is too short to name the "
                 "notifying supplier",
                 holder);
    else
        snprintf(what, sizeof what, "is a licence of %.8s, not of the notifying supplier '%.8s'",
                 holder, who);
    return fail_cell(v, ER_GBIS_SUPPLIER_REFERENCE, what, msg, cap);
}

/* GBIS0118: Supplier_Reference matches the one the register holds for this
 * MRN, ignoring case (GBIS0118.cs: ExistingSupplierReference) */
static bool gbis0118(const gbis_view *v, char *msg, size_t cap)
{
    const er_gbis_register *reg = &v->c->reg;
    const er_gbis_row *old;
    const char *was;
    char what[96];
    int n;

    if (!reg->measure || gbis_empty(v->r, ER_GBIS_MRN))
        return false;
    old = reg->measure(reg->ctx, gbis_cell(v->r, ER_GBIS_MRN));
    if (!old)
        return false;
    was = gbis_cell(old, ER_GBIS_SUPPLIER_REFERENCE);
    if (gbis_is(v->r, ER_GBIS_SUPPLIER_REFERENCE, was))
        return false;
    n = er_utf8_clip(was, QUOTE_MAX);
    snprintf(what, sizeof what, "differs from '%.*s%s' already held for this measure", n, was,
             was[n] ? "..." : "");
    return fail_cell(v, ER_GBIS_SUPPLIER_REFERENCE, what, msg, cap);
}

/* GBIS0119: MRN starts with the notifying supplier's code, ignoring case
 * (Gbis0119.cs compares with the uploading supplier, not Supplier_Reference) */
static bool gbis0119(const gbis_view *v, char *msg, size_t cap)
{
    const char *who = v->c->notifying_supplier;
    char code[4], what[80];

    if (!mrn_prefix(v, code))
        return fail_cell(v, ER_GBIS_MRN, "is too short to start with a supplier's code", msg, cap);
    if (!who || strcasecmp(code, who) == 0)
        return false;
    snprintf(what, sizeof what, "does not start with the notifying supplier's code '%.8s'", who);
    return fail_cell(v, ER_GBIS_MRN, what, msg, cap);
}

/* GBIS0501: Flat_Name/Number at most 50 characters unless blank or N/A
 * (Gbis0501RuleLogic.cs) */
static bool gbis0501(const gbis_view *v, char *msg, size_t cap)
{
    return too_long(v, ER_GBIS_FLAT, 50, msg, cap);
}

/* GBIS0502: Street_Name at most 50 characters unless blank or N/A
 * (Gbis0502RuleLogic.cs) */
static bool gbis0502(const gbis_view *v, char *msg, size_t cap)
{
    return too_long(v, ER_GBIS_STREET, 50, msg, cap);
}

/* GBIS0503: UPRN is N/A or 1-12 digits (Gbis0503RuleLogic.cs) */
static bool gbis0503(const gbis_view *v, char *msg, size_t cap)
{
    if (gbis_is(v->r, ER_GBIS_UPRN, "N/A") || er_gbis_uprn_valid(gbis_cell(v->r, ER_GBIS_UPRN)))
        return false;
    return fail_cell(v, ER_GBIS_UPRN, "is neither N/A nor 1 to 12 digits", msg, cap);
}

/* One letter then 4 to 7 digits at the start of s: the characters after
 * them, or NULL (TrustMark references, GbisRegexes.cs). */
static const char *letter_digits(const char *s)
{
    size_t d;

    if (!is_letter(*s))
        return NULL;
    d = span_of(s + 1, is_digit);
    return d >= 4 && d <= 7 ? s + 1 + d : NULL;
}

/* TGBIS0100: TrustMark licence number is 12 digits (Tgbis0100RuleLogic.cs) */
static bool tgbis0100(const gbis_view *v, char *msg, size_t cap)
{
    if (only(gbis_cell(v->r, ER_GBIS_TM_LICENCE), is_digit, 12, 12))
        return false;
    return fail_cell(v, ER_GBIS_TM_LICENCE, "is not 12 digits", msg, cap);
}

/* TGBIS0101: lodged certificate ID ends in letter, 4-7 digits, '-', digit;
 * Ofgem's pattern has no start anchor (Tgbis0101RuleLogic.cs) */
static bool tgbis0101(const gbis_view *v, char *msg, size_t cap)
{
    const char *s = gbis_cell(v->r, ER_GBIS_TM_CERTIFICATE);
    size_t n = strlen(s), d = 0;

    if (n >= 3 && is_digit(s[n - 1]) && s[n - 2] == '-') {
        while (d < n - 2 && is_digit(s[n - 3 - d]))
            d++;
        if (d >= 4 && d <= 7 && d < n - 2 && is_letter(s[n - 3 - d]))
            return false;
    }
    return fail_cell(v, ER_GBIS_TM_CERTIFICATE,
                     "does not end in a letter, 4 to 7 digits, '-' and a digit", msg, cap);
}

/* TGBIS0102: unique measure reference is 1-20 letters or digits
 * (Tgbis0102RuleLogic.cs) */
static bool tgbis0102(const gbis_view *v, char *msg, size_t cap)
{
    if (only(gbis_cell(v->r, ER_GBIS_TM_MEASURE_REF), is_alnum, 1, 20))
        return false;
    return fail_cell(v, ER_GBIS_TM_MEASURE_REF, "is not 1 to 20 letters or digits", msg, cap);
}

/* TGBIS0103: project reference is a letter and 4-7 digits (Tgbis0103RuleLogic.cs) */
static bool tgbis0103(const gbis_view *v, char *msg, size_t cap)
{
    const char *end = letter_digits(gbis_cell(v->r, ER_GBIS_TM_PROJECT_REF));

    if (end && *end == '\0')
        return false;
    return fail_cell(v, ER_GBIS_TM_PROJECT_REF, "is not a letter and 4 to 7 digits", msg, cap);
}

/* TGBIS0104: completed project certificate ID is a letter, 4-7 digits, '-'
 * and a letter (Tgbis0104RuleLogic.cs) */
static bool tgbis0104(const gbis_view *v, char *msg, size_t cap)
{
    const char *end = letter_digits(gbis_cell(v->r, ER_GBIS_TM_COMPLETED_CERT));

    if (end && end[0] == '-' && is_letter(end[1]) && end[2] == '\0')
        return false;
    return fail_cell(v, ER_GBIS_TM_COMPLETED_CERT,
                     "is not a letter, 4 to 7 digits, '-' and a letter", msg, cap);
}

/* GBIS0106: a measure already held may be notified again only while it is
 * still open to the supplier (Ofgem: Notified Incomplete, Notified Pending,
 * With Supplier; here: recorded or rejected), not once decided. */
static bool gbis0106(const gbis_view *v, char *msg, size_t cap)
{
    const er_gbis_register *reg = &v->c->reg;
    const char *state;
    char what[96];

    if (!reg->measure_state || gbis_empty(v->r, ER_GBIS_MRN))
        return false;
    state = reg->measure_state(reg->ctx, gbis_cell(v->r, ER_GBIS_MRN));
    if (!state || strcmp(state, "recorded") == 0 || strcmp(state, "rejected") == 0)
        return false;
    snprintf(what, sizeof what, "is already %.24s and can no longer be notified", state);
    return fail_cell(v, ER_GBIS_MRN, what, msg, cap);
}

const gbis_rule gbis_stage1_rules[] = {
    { { "GBIS0100", 1, ER_GBIS_PURPOSE, "Purpose_of_Notification is an accepted purpose" },
      gbis0100 },
    { { "GBIS0101", 1, ER_GBIS_COMPLETION_DATE, "completion date is dd/mm/yyyy" }, gbis0101 },
    { { "GBIS0102", 1, ER_GBIS_COMPLETION_DATE, "completion date is not in the future" },
      gbis0102 },
    { { "GBIS0103", 1, ER_GBIS_COMPLETION_DATE, "completion date is inside the scheme" },
      gbis0103 },
    { { "GBIS0104", 1, ER_GBIS_MRN, "MRN is 3 letters and 10 digits" }, gbis0104 },
    { { "GBIS0105", 1, ER_GBIS_MRN, "MRN starts with a known supplier's code" }, gbis0105 },
    { { "GBIS0106", 1, ER_GBIS_MRN, "a measure already held is still open to notification" },
      gbis0106 },
    { { "GBIS0107", 1, ER_GBIS_MEASURE_TYPE, "Measure_Type is a GBIS measure type" }, gbis0107 },
    { { "GBIS0108", 1, ER_GBIS_BUILDING_NUMBER, "Building_Number at most 50 characters" },
      gbis0108 },
    { { "GBIS0109", 1, ER_GBIS_BUILDING_NAME, "Building_Name at most 100 characters" }, gbis0109 },
    { { "GBIS0110", 1, ER_GBIS_ELIGIBILITY_TYPE, "Eligibility_Type is an accepted type" },
      gbis0110 },
    { { "GBIS0111", 1, ER_GBIS_TOWN, "Town is given" }, gbis0111 },
    { { "GBIS0112", 1, ER_GBIS_TOWN, "Town at most 50 characters" }, gbis0112 },
    { { "GBIS0113", 1, ER_GBIS_POST_CODE, "Post_Code is given" }, gbis0113 },
    { { "GBIS0114", 1, ER_GBIS_POST_CODE, "Post_Code matches Ofgem's pattern" }, gbis0114 },
    { { "GBIS0115", 1, ER_GBIS_BUILDING_NUMBER, "Building_Number or Building_Name is given" },
      gbis0115 },
    { { "GBIS0116", 1, ER_GBIS_SUPPLIER_REFERENCE,
        "Supplier_Reference is a supplier licence the register holds" },
      gbis0116 },
    { { "GBIS0117", 1, ER_GBIS_SUPPLIER_REFERENCE,
        "Supplier_Reference is exactly a licence of the notifying supplier" },
      gbis0117 },
    { { "GBIS0118", 1, ER_GBIS_SUPPLIER_REFERENCE,
        "Supplier_Reference matches the stored measure's" },
      gbis0118 },
    { { "GBIS0119", 1, ER_GBIS_MRN, "MRN starts with the notifying supplier's code" }, gbis0119 },
};
const size_t gbis_stage1_count = sizeof gbis_stage1_rules / sizeof gbis_stage1_rules[0];

/* Format rules Ofgem runs in stage 2 (ServiceExtensions.cs registers
 * 05xx and TGBIS01xx there): a row failing them still gets its other
 * stage 2 checks. */
const gbis_rule gbis_format_rules[] = {
    { { "GBIS0501", 2, ER_GBIS_FLAT, "Flat_Name/Number at most 50 characters" }, gbis0501 },
    { { "GBIS0502", 2, ER_GBIS_STREET, "Street_Name at most 50 characters" }, gbis0502 },
    { { "GBIS0503", 2, ER_GBIS_UPRN, "UPRN is N/A or 1 to 12 digits" }, gbis0503 },
    { { "TGBIS0100", 2, ER_GBIS_TM_LICENCE, "TrustMark licence number is 12 digits" }, tgbis0100 },
    { { "TGBIS0101", 2, ER_GBIS_TM_CERTIFICATE, "TrustMark lodged certificate ID format" },
      tgbis0101 },
    { { "TGBIS0102", 2, ER_GBIS_TM_MEASURE_REF, "TrustMark unique measure reference format" },
      tgbis0102 },
    { { "TGBIS0103", 2, ER_GBIS_TM_PROJECT_REF, "TrustMark project reference format" }, tgbis0103 },
    { { "TGBIS0104", 2, ER_GBIS_TM_COMPLETED_CERT, "TrustMark completed certificate ID format" },
      tgbis0104 },
};
const size_t gbis_format_count = sizeof gbis_format_rules / sizeof gbis_format_rules[0];
