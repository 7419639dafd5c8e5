/*
 * eco4_checks.c: the framework of the checks of ECO4 project and measure
 * notifications.
 *
 * Two rule tables, one per template (include/ecoreg/eco4.h): ECO4P....
 * for project rows (eco4_projects.c) and ECO4M.... for measure rows
 * (eco4_measures.c), codes of ecoreg's own (Ofgem has published no ECO4
 * rule codes); eco4_rules.h says how a rule is written, and
 * docs/eco4_checks.md lists them.  Every rule runs on every row, and a
 * rule whose input another rule found unreadable passes, so that each
 * problem is reported once, by the rule about it.
 *
 * This file holds the templates' column names, the helpers the rules
 * share, the runner and the outcomes.  For each row it looks up once what
 * several rules need: the row's completion date, and for a measure its
 * project and the project's state (register callbacks) and the ECO4 PPS
 * matrix.  A file is indexed once per call (its references sorted), so
 * that duplicates and a project's other measures are found in O(log n).
 * Pure: no I/O, no clock (the context's `today`), no allocation beyond
 * that index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eco4_rules.h"
#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "ecoreg/score.h"
#include "util.h"

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

/* ---- the file's index ---- */

/* The file's references sorted, for look-ups (one allocation a call). */
struct eco4_keyed {
    const char *key;
    size_t i;
};

/* ---- helpers for rules (eco4_rules.h) ---- */

const char *eco4_cell_of(const char *const *cells, int col)
{
    return cells && cells[col] ? cells[col] : "";
}

const char *eco4_cell(const eco4_view *v, int col)
{
    return eco4_cell_of(v->cells, col);
}

static const char *colname(const eco4_view *v, int col)
{
    return v->tmpl == ER_ECO4_PROJECTS ? er_eco4_project_column_name((er_eco4_pcol)col)
                                       : er_eco4_measure_column_name((er_eco4_mcol)col);
}

bool eco4_is(const eco4_view *v, int col, const char *value)
{
    return strcasecmp(eco4_cell(v, col), value) == 0;
}

bool eco4_in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(s, *list) == 0)
            return true;
    return false;
}

/* An optional cell left out: empty or "N/A". */
bool eco4_absent(const eco4_view *v, int col)
{
    return *eco4_cell(v, col) == '\0' || eco4_is(v, col, "N/A");
}

/* Writes "<column> '<value>' <what>" (or "<column> (empty) <what>") and
 * returns true: the shape of every failure. */
bool eco4_fail_cell(const eco4_view *v, int col, const char *what, char *msg, size_t cap)
{
    const char *s = eco4_cell(v, col);
    int k = er_utf8_clip(s, QUOTE_MAX);

    *v->named = col;
    if (!*s)
        snprintf(msg, cap, "%s (empty) %s", colname(v, col), what);
    else
        snprintf(msg, cap, "%s '%.*s%s' %s", colname(v, col), k, s, s[k] ? "..." : "", what);
    return true;
}

/* Fails unless the cell is one of `list`. */
bool eco4_not_in(const eco4_view *v, int col, const char *const *list, const char *what, char *msg,
                 size_t cap)
{
    return !eco4_in_list(eco4_cell(v, col), list) && eco4_fail_cell(v, col, what, msg, cap);
}

void eco4_dmy(er_date d, char buf[static 11])
{
    int y, m, dd;

    er_date_split(d, &y, &m, &dd);
    snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)dd % 100u, (unsigned)m % 100u,
             (unsigned)y % 10000u);
}

bool eco4_date_of(const char *s, er_date *out)
{
    return er_date_parse_dmy(s, out) == ER_OK;
}

/* A SAP rating as the templates write it: 1 to 3 digits and at most one
 * decimal, from 1.0 to 100.0 (seed 002 glossary: "a numerical value
 * between 1 and 100"; RULES.md: one decimal place).  Tenths in *out. */
bool eco4_sap_of(const char *s, int *out)
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

static size_t ref_digits(const eco4_view *v)
{
    return v->c->ref_digits > 0 ? (size_t)v->c->ref_digits : REF_DIGITS_DEFAULT;
}

/* An MRN or project reference: 3 letters then the configured digits. */
bool eco4_ref_ok(const eco4_view *v, const char *s)
{
    size_t digits = ref_digits(v);

    return span_of(s, is_letter) == 3 && only(s + 3, is_digit, digits, digits);
}

/* Fails unless column `col` is a reference (ECO4P0101, ECO4M0101, 0105). */
bool eco4_bad_ref(const eco4_view *v, int col, char *msg, size_t cap)
{
    char what[64];

    if (eco4_ref_ok(v, eco4_cell(v, col)))
        return false;
    snprintf(what, sizeof what, "is not 3 letters and %zu digits", ref_digits(v));
    return eco4_fail_cell(v, col, what, msg, cap);
}

/* The upper-cased first 3 characters of s in code[4]; false if shorter. */
bool eco4_prefix_of(const char *s, char code[4])
{
    int k;

    if (strlen(s) < 3)
        return false;
    for (k = 0; k < 3; k++)
        code[k] = s[k] >= 'a' && s[k] <= 'z' ? (char)(s[k] - 'a' + 'A') : s[k];
    code[3] = '\0';
    return true;
}

/* One letter then 4 to 7 digits: what follows, or NULL (TrustMark
 * references, Ofgem's GbisRegexes.cs). */
const char *eco4_letter_digits(const char *s)
{
    size_t d;

    if (!is_letter(*s))
        return NULL;
    d = span_of(s + 1, is_digit);
    return d >= 4 && d <= 7 ? s + 1 + d : NULL;
}

/* Index of the first entry of a[0..n) whose key is not below `key`. */
static size_t lower(const struct eco4_keyed *a, size_t n, const char *key)
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
bool eco4_duplicate(const eco4_view *v, const char *key)
{
    size_t at = lower(v->by_ref, v->n, key);

    return *key && at < v->n && strcmp(v->by_ref[at].key, key) == 0 && v->by_ref[at].i != v->i;
}

bool eco4_completion_inside_scheme(const eco4_view *v, int col, char *msg, size_t cap)
{
    const er_scheme *s = v->c->scheme;
    er_date from = s ? s->completion_from : ER_DATE_NONE;
    er_date to = s ? s->completion_to : ER_DATE_NONE;
    char a[11] = "", b[11] = "", what[80];

    if (!v->has_date ||
        ((from == ER_DATE_NONE || v->date >= from) && (to == ER_DATE_NONE || v->date <= to)))
        return false;
    if (from != ER_DATE_NONE)
        eco4_dmy(from, a);
    if (to != ER_DATE_NONE)
        eco4_dmy(to, b);
    snprintf(what, sizeof what, "is not inside the scheme's completion dates %s to %s", a, b);
    return eco4_fail_cell(v, col, what, msg, cap);
}

/* The row is a project's Completion Notification. */
bool eco4_completion_row(const eco4_view *v)
{
    return eco4_is(v, ER_ECO4P_PURPOSE, ECO4_PURPOSE_COMPLETION);
}

/* The 3-letter prefix of column `col` names a supplier the register
 * knows (seed 002 4.21: the prefix identifies the owner). */
bool eco4_unknown_supplier(const eco4_view *v, int col, char *msg, size_t cap)
{
    const er_eco4_register *reg = &v->c->reg;
    char code[4];

    if (eco4_prefix_of(eco4_cell(v, col), code) && reg->supplier_known &&
        reg->supplier_known(reg->ctx, code))
        return false;
    return eco4_fail_cell(v, col, "does not start with a known supplier's code", msg, cap);
}

/* The prefix of column `col` is the notifying supplier's (RULES.md
 * "Notification": reject a prefix that is not the notifying supplier's). */
bool eco4_not_notifier(const eco4_view *v, int col, char *msg, size_t cap)
{
    const char *who = v->c->notifying_supplier;
    char code[4], what[80];

    if (!eco4_prefix_of(eco4_cell(v, col), code))
        return eco4_fail_cell(v, col, "is too short to start with a supplier's code", msg, cap);
    if (!who || strcasecmp(code, who) == 0)
        return false;
    snprintf(what, sizeof what, "does not start with the notifying supplier's code '%.8s'", who);
    return eco4_fail_cell(v, col, what, msg, cap);
}

static bool in_file(const eco4_view *v, const char *mrn)
{
    size_t at = lower(v->by_ref, v->n, mrn);

    return at < v->n && strcmp(v->by_ref[at].key, mrn) == 0;
}

const er_eco4_measure_row *eco4_pm_next(eco4_pm_iter *it)
{
    const eco4_view *v = it->v;
    const er_eco4_register *reg = &v->c->reg;
    const er_eco4_measure_row *m;

    if (it->at < v->n && strcmp(v->by_project[it->at].key, it->ref) == 0)
        return &v->mrows[v->by_project[it->at++].i];
    it->at = v->n;
    while (reg->project_measure && (m = reg->project_measure(reg->ctx, it->ref, it->k++)))
        if (!in_file(v, eco4_cell_of(m->col, ER_ECO4M_MRN)))
            return m;
    return NULL;
}

eco4_pm_iter eco4_pm_first(const eco4_view *v)
{
    eco4_pm_iter it = { v, eco4_cell(v, ER_ECO4M_PROJECT_REF), 0, 0 };

    it.at = lower(v->by_project, v->n, it.ref);
    return it;
}

/* ---- the runner ---- */

static int by_key(const void *a, const void *b)
{
    const struct eco4_keyed *x = a, *y = b;
    int cmp = strcmp(x->key, y->key);

    return cmp ? cmp : (x->i > y->i) - (x->i < y->i);
}

static void run_rules(const eco4_rule *rules, size_t n, const eco4_view *v, er_eco4_outcome *o)
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
static er_eco4_mr minimum_requirement(const eco4_view *v)
{
    int start, finish;

    if (!eco4_completion_row(v) || !v->c->scheme ||
        !eco4_sap_of(eco4_cell(v, ER_ECO4P_STARTING_SAP), &start) ||
        !eco4_sap_of(eco4_cell(v, ER_ECO4P_FINISHING_SAP), &finish))
        return ER_ECO4_MR_NOT_ASSESSED;
    return er_eco4_minimum_requirement_met(v->c->scheme, start, finish) ? ER_ECO4_MR_MET
                                                                        : ER_ECO4_MR_NOT_MET;
}

er_status er_eco4_check_projects_each(const er_eco4_context *c, const er_eco4_project_row *rows,
                                      size_t n, er_eco4_row_fn fn, void *ctx)
{
    struct eco4_keyed *idx = er_calloc(n ? n : 1, sizeof *idx);
    int named = 0;
    eco4_view v = { .c = c, .tmpl = ER_ECO4_PROJECTS, .n = n, .named = &named };
    er_eco4_outcome o;
    size_t i;

    if (!idx)
        return ER_ENOMEM;
    for (i = 0; i < n; i++)
        idx[i] = (struct eco4_keyed){ eco4_cell_of(rows[i].col, ER_ECO4P_PROJECT_REF), i };
    qsort(idx, n, sizeof *idx, by_key);
    v.by_ref = idx;
    for (i = 0; i < n; i++) {
        v.i = i;
        v.cells = rows[i].col;
        v.has_date = eco4_date_of(eco4_cell(&v, ER_ECO4P_COMPLETION_DATE), &v.date);
        o.n_failures = 0; /* not the whole struct: its failures are 5 KB */
        run_rules(eco4_project_rules, eco4_project_count, &v, &o);
        /* judged only on a completion that passed: a rejected one awards nothing */
        o.minimum_requirement = o.n_failures ? ER_ECO4_MR_NOT_ASSESSED : minimum_requirement(&v);
        fn(ctx, i, &o);
    }
    er_free(idx);
    return ER_OK;
}

/* What the measure rules need, looked up once for row i. */
static void enrich_measure(eco4_view *v, size_t i)
{
    const er_eco4_register *reg = &v->c->reg;
    const char *ref = eco4_cell_of(v->mrows[i].col, ER_ECO4M_PROJECT_REF);
    const er_scheme *s = v->c->scheme;

    v->i = i;
    v->cells = v->mrows[i].col;
    v->has_date = eco4_date_of(eco4_cell(v, ER_ECO4M_COMPLETION_DATE), &v->date);
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
    struct eco4_keyed *idx = er_calloc(n ? 2 * n : 1, sizeof *idx);
    int named = 0;
    eco4_view v = { .c = c, .tmpl = ER_ECO4_MEASURES, .n = n, .mrows = rows, .named = &named };
    er_eco4_outcome o;
    size_t i;

    if (!idx)
        return ER_ENOMEM;
    for (i = 0; i < n; i++) {
        idx[i] = (struct eco4_keyed){ eco4_cell_of(rows[i].col, ER_ECO4M_MRN), i };
        idx[n + i] = (struct eco4_keyed){ eco4_cell_of(rows[i].col, ER_ECO4M_PROJECT_REF), i };
    }
    qsort(idx, n, sizeof *idx, by_key);
    qsort(idx + n, n, sizeof *idx, by_key);
    v.by_ref = idx;
    v.by_project = idx + n;
    for (i = 0; i < n; i++) {
        enrich_measure(&v, i);
        o.n_failures = 0;
        o.minimum_requirement = ER_ECO4_MR_NOT_ASSESSED;
        run_rules(eco4_measure_rules, eco4_measure_count, &v, &o);
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
    if (i < eco4_project_count)
        return &eco4_project_rules[i].info;
    i -= eco4_project_count;
    return i < eco4_measure_count ? &eco4_measure_rules[i].info : NULL;
}
