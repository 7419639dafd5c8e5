/*
 * gbis_check.c: runs the GBIS rule tables over a notification file.
 *
 * For each row it looks up, once, what several rules need (completion
 * date, associated measures in the file or the register, nation), then
 * runs the stage 1 table, and the stage 2 table when stage 1 passed
 * (Ofgem's Stage2ProcessingService validates only stage-1-passed
 * measures).  Before the first row it indexes the file once, so that no
 * rule scans the file for every row: its MRNs (a link is found in
 * O(log n)), the MRNs its rows cite as associated in-fill measures
 * (GBIS0623-0625: is a measure cited by another one?) and its rows by
 * supplier and completion month with a running count of automatic late
 * extensions (GBIS1000: the 5% allowance).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"
#include "gbis_rules.h"

/* ../shared/spec/gbis_template_columns.txt, in order. */
static const char *const column_names[ER_GBIS_COL_COUNT] = {
    "Supplier_Reference", "Measure_Reference_Number", "Measure_Type",
    "Purpose_of_Notification", "Date_of_Completed_Installation", "Building_Number",
    "Building_Name", "Flat_Name/Number", "Street_Name", "Town", "Post_Code",
    "Unique_Property_Reference_Number_(UPRN)", "Starting_SAP_Rating", "Floor_Area", "Rural",
    "Off_Gas", "Private_Domestic_Premises", "Tenure_Type", "Property", "Eligibility_Type",
    "Verification_Method", "DWP_Reference_Number", "Council_Tax_Band",
    "PRS_SAP_Band_Exception", "Associated_Insulation_MRN_for_Heating_Measures",
    "Associated_In-fill_Measure_1", "Associated_In-fill_Measure_2",
    "Associated_In-fill_Measure_3", "Flex_Referral_Route", "LA_Declaration_Reference_Number",
    "Date_Of_Householder_Eligibility", "Percentage_Of_Property_Treated", "Heating_Source",
    "Installer_Name", "Innovation_Measure_Number", "Trustmark_Business_Licence_Number",
    "Trustmark_Unique_Measure_Reference", "Trustmark_Lodged_CertificateID",
    "Trustmark_Project_Reference_Number", "TrustMark_Completed_Project_Cert_ID",
};

const char *er_gbis_column_name(er_gbis_col c)
{
    return c >= 0 && c < ER_GBIS_COL_COUNT ? column_names[c] : "?";
}

/* The reference lists (gbis.h) and the template columns their entries
 * stand for: GBIS0900, GBIS0720 and GBIS0500 compare those cells with
 * them. */
bool er_gbis_list_columns(const char *list, er_gbis_col *value, er_gbis_col *value2)
{
    static const struct {
        const char *name;
        er_gbis_col value, value2;
    } lists[] = {
        { ER_GBIS_LIST_FLEX_ROUTES, ER_GBIS_FLEX_ROUTE, ER_GBIS_COL_COUNT },
        { ER_GBIS_LIST_INNOVATION, ER_GBIS_INNOVATION_NUMBER, ER_GBIS_MEASURE_TYPE },
        { ER_GBIS_LIST_ADDRESSES, ER_GBIS_POST_CODE, ER_GBIS_UPRN },
    };
    size_t i;

    for (i = 0; list && i < sizeof lists / sizeof lists[0]; i++) {
        if (strcmp(list, lists[i].name) == 0) {
            *value = lists[i].value;
            *value2 = lists[i].value2;
            return true;
        }
    }
    return false;
}

const char *gbis_cell(const er_gbis_row *r, er_gbis_col col)
{
    return r && r->col[col] ? r->col[col] : "";
}

bool gbis_empty(const er_gbis_row *r, er_gbis_col col)
{
    return *gbis_cell(r, col) == '\0';
}

bool gbis_is(const er_gbis_row *r, er_gbis_col col, const char *value)
{
    return strcasecmp(gbis_cell(r, col), value) == 0;
}

/* The file's rows sorted by MRN, for gbis_find(). */
struct file_index {
    const er_gbis_row **by_mrn;
    size_t n;
};

static int by_mrn(const void *a, const void *b)
{
    return strcmp(gbis_cell(*(const er_gbis_row *const *)a, ER_GBIS_MRN),
                  gbis_cell(*(const er_gbis_row *const *)b, ER_GBIS_MRN));
}

/* One citation in the file: row `row` cites `mrn` as one of its
 * Associated_In-fill_Measure_1..3.  Sorted by mrn (ignoring case), then
 * row; `next` is the first later entry of the same mrn whose row has
 * another MRN (ignoring case), or the entry after the last of that mrn. */
struct citation {
    const char *mrn;
    size_t row;
    size_t next;
};

/* One row counted in its supplier's completion month (GBIS1000): a valid
 * completion date, not an Edited Notification.  Sorted by supplier, month,
 * then row; `late` counts the automatic late extensions of the group up
 * to and including this row. */
struct month_row {
    char supplier[4]; /* the MRN's first 3 characters lower-cased, NUL-padded */
    int month;        /* year * 12 + month - 1 */
    size_t row;
    long late;
};

/* The view's file indexes travel in fields the rules do not see; all
 * three are built once per check and freed at its end. */
struct check {
    gbis_view v;
    struct file_index idx;
    struct citation *cites;
    size_t n_cites;
    struct month_row *months;
    size_t n_months;
};

const er_gbis_row *gbis_find(const gbis_view *v, const char *mrn)
{
    const struct check *k = (const struct check *)v;
    size_t lo = 0, hi = k->idx.n;

    if (!mrn || !*mrn || strcasecmp(mrn, "N/A") == 0)
        return NULL; /* the template's "none", never an MRN */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(gbis_cell(k->idx.by_mrn[mid], ER_GBIS_MRN), mrn);

        if (cmp == 0)
            return k->idx.by_mrn[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return v->c->reg.measure ? v->c->reg.measure(v->c->reg.ctx, mrn) : NULL;
}

/* A cell that may cite a measure: neither empty nor N/A. */
static bool cites_some(const char *cell)
{
    return *cell && strcasecmp(cell, "N/A") != 0;
}

static int by_citation(const void *a, const void *b)
{
    const struct citation *x = a, *y = b;
    int cmp = strcasecmp(x->mrn, y->mrn);

    if (cmp)
        return cmp;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Indexes every citation of the file (rows failing stage 1 included, as
 * Ofgem's database holds them all); ER_ENOMEM when memory ran out. */
static er_status index_citations(struct check *k)
{
    static const er_gbis_col col[3] = { ER_GBIS_INFILL_1, ER_GBIS_INFILL_2, ER_GBIS_INFILL_3 };
    const er_gbis_row *rows = k->v.rows;
    struct citation *a;
    size_t i, n = 0;
    int j;

    for (i = 0; i < k->v.n; i++)
        for (j = 0; j < 3; j++)
            n += cites_some(gbis_cell(&rows[i], col[j]));
    if (!(k->cites = a = er_calloc(n ? n : 1, sizeof *a)))
        return ER_ENOMEM;
    for (i = 0, n = 0; i < k->v.n; i++)
        for (j = 0; j < 3; j++)
            if (cites_some(gbis_cell(&rows[i], col[j])))
                a[n++] = (struct citation){ gbis_cell(&rows[i], col[j]), i, 0 };
    qsort(a, n, sizeof *a, by_citation);
    for (i = n; i-- > 0;) {
        bool same = i + 1 < n && strcasecmp(a[i + 1].mrn, a[i].mrn) == 0 &&
                    strcasecmp(gbis_cell(&rows[a[i + 1].row], ER_GBIS_MRN),
                               gbis_cell(&rows[a[i].row], ER_GBIS_MRN)) == 0;

        a[i].next = same ? a[i + 1].next : i + 1;
    }
    k->n_cites = n;
    return ER_OK;
}

const er_gbis_row *gbis_infill_citer(const gbis_view *v, const char *mrn, const char *except)
{
    const struct check *k = (const struct check *)v;
    const struct citation *a = k->cites;
    size_t lo = 0, hi = k->n_cites;

    if (!mrn || !cites_some(mrn))
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcasecmp(a[mid].mrn, mrn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == k->n_cites || strcasecmp(a[lo].mrn, mrn) != 0)
        return NULL;
    /* the first citer, else the first after it of another MRN than its */
    if (except && strcasecmp(gbis_cell(&v->rows[a[lo].row], ER_GBIS_MRN), except) == 0)
        lo = a[lo].next;
    if (lo == k->n_cites || strcasecmp(a[lo].mrn, mrn) != 0)
        return NULL;
    return &v->rows[a[lo].row];
}

/* The supplier key of an MRN: its first 3 characters (fewer when it is
 * shorter) lower-cased, NUL-padded, so that two keys are equal exactly
 * when strncasecmp(mrn1, mrn2, 3) == 0. */
static void supplier_key(const char *mrn, char key[4])
{
    size_t j;

    memset(key, 0, 4);
    for (j = 0; j < 3 && mrn[j]; j++)
        key[j] = (char)tolower((unsigned char)mrn[j]);
}

static int month_cmp(const struct month_row *x, const char *supplier, int month, size_t row)
{
    int cmp = memcmp(x->supplier, supplier, 4);

    if (cmp)
        return cmp;
    if (x->month != month)
        return x->month < month ? -1 : 1;
    return x->row < row ? -1 : x->row > row;
}

static int by_month(const void *a, const void *b)
{
    const struct month_row *y = b;

    return month_cmp(a, y->supplier, y->month, y->row);
}

/* Indexes the rows counted in a supplier's month; ER_ENOMEM when memory
 * ran out. */
static er_status index_months(struct check *k)
{
    struct month_row *a;
    size_t i, n = 0;

    if (!(k->months = a = er_calloc(k->v.n ? k->v.n : 1, sizeof *a)))
        return ER_ENOMEM;
    for (i = 0; i < k->v.n; i++) {
        const er_gbis_row *p = &k->v.rows[i];
        er_date d;
        int y, m, day;

        if (gbis_is(p, ER_GBIS_PURPOSE, GBIS_PURPOSE_EDITED) ||
            er_date_parse_dmy(gbis_cell(p, ER_GBIS_COMPLETION_DATE), &d) != ER_OK)
            continue;
        er_date_split(d, &y, &m, &day);
        supplier_key(gbis_cell(p, ER_GBIS_MRN), a[n].supplier);
        a[n].month = y * 12 + m - 1;
        a[n].row = i;
        a[n++].late = gbis_is(p, ER_GBIS_PURPOSE, GBIS_PURPOSE_ALE);
    }
    qsort(a, n, sizeof *a, by_month);
    for (i = 1; i < n; i++)
        if (memcmp(a[i].supplier, a[i - 1].supplier, 4) == 0 && a[i].month == a[i - 1].month)
            a[i].late += a[i - 1].late;
    k->n_months = n;
    return ER_OK;
}

/* The first entry of k->months not before (supplier, month, row). */
static size_t month_bound(const struct check *k, const char *supplier, int month, size_t row)
{
    size_t lo = 0, hi = k->n_months;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (month_cmp(&k->months[mid], supplier, month, row) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void gbis_file_month(const gbis_view *v, const char *supplier, int year, int month, size_t upto,
                     long *completed, long *late)
{
    const struct check *k = (const struct check *)v;
    int ym = year * 12 + month - 1;
    char key[4];
    size_t lo, hi, at;

    supplier_key(supplier, key);
    lo = month_bound(k, key, ym, 0);
    hi = month_bound(k, key, ym, SIZE_MAX);
    at = upto == SIZE_MAX ? hi : month_bound(k, key, ym, upto + 1);
    *completed = (long)(hi - lo);
    *late = at > lo ? k->months[at - 1].late : 0;
}

const char *gbis_category(const gbis_view *v, const char *measure_type)
{
    const er_matrix *m;

    if (!v->c->scheme || er_scheme_matrix(v->c->scheme, ER_MATRIX_GBIS, ER_DATE_NONE, &m, NULL))
        return NULL;
    return er_matrix_measure_category(m, measure_type);
}

static void nation_of(gbis_view *v)
{
    v->nation_known = er_nation_of_postcode(gbis_cell(v->r, ER_GBIS_POST_CODE), &v->nation);
}

/* What several rules need, looked up once for row i. */
static void enrich(struct check *k, size_t i)
{
    static const er_gbis_col infill[3] = { ER_GBIS_INFILL_1, ER_GBIS_INFILL_2, ER_GBIS_INFILL_3 };
    gbis_view *v = &k->v;
    int j;

    v->i = i;
    v->r = &v->rows[i];
    v->has_completion =
        er_date_parse_dmy(gbis_cell(v->r, ER_GBIS_COMPLETION_DATE), &v->completion) == ER_OK;
    for (j = 0; j < 3; j++)
        v->infill[j] = gbis_find(v, gbis_cell(v->r, infill[j]));
    v->insulation = gbis_find(v, gbis_cell(v->r, ER_GBIS_INSULATION_MRN));
    nation_of(v);
}

/* The rule tables in the order they run, with their stage. */
static const struct {
    const gbis_rule *rules;
    const size_t *n;
    int stage;
} tables[] = {
    { gbis_stage1_rules, &gbis_stage1_count, 1 },
    { gbis_format_rules, &gbis_format_count, 2 },
    { gbis_stage2_rules, &gbis_stage2_count, 2 },
};

#define N_TABLES (sizeof tables / sizeof tables[0])

static void run(const gbis_rule *rules, size_t n, const gbis_view *v, er_gbis_outcome *o)
{
    char msg[sizeof o->failures[0].message];
    size_t i;

    for (i = 0; i < n; i++) {
        if (!rules[i].fails(v, msg, sizeof msg))
            continue;
        if (o->n_failures < ER_GBIS_FAILURES_MAX) {
            er_gbis_failure *f = &o->failures[o->n_failures];

            snprintf(f->rule, sizeof f->rule, "%s", rules[i].info.code);
            f->column = rules[i].info.column;
            memcpy(f->message, msg, sizeof msg);
        }
        o->n_failures++;
    }
}

/* Runs the tables on row i (enriched) into *o. */
static void check_row(struct check *k, size_t i, er_gbis_outcome *o)
{
    size_t t, stage1_failures = 0;

    o->n_failures = 0; /* not the whole struct: its failures are 5 KB */
    o->stage2_run = false;
    enrich(k, i);
    for (t = 0; t < N_TABLES; t++) {
        if (tables[t].stage == 1) {
            run(tables[t].rules, *tables[t].n, &k->v, o);
            stage1_failures = o->n_failures;
        } else if (stage1_failures == 0) {
            /* Ofgem validates in stage 2 only the measures stage 1 passed */
            o->stage2_run = true;
            run(tables[t].rules, *tables[t].n, &k->v, o);
        }
    }
}

er_status er_gbis_check_each(const er_gbis_context *c, const er_gbis_row *rows, size_t n,
                             er_gbis_row_fn fn, void *ctx)
{
    struct check k = { .v = { .c = c, .rows = rows, .n = n } };
    er_gbis_outcome o;
    er_status rc = ER_ENOMEM;
    size_t i;

    k.idx.by_mrn = er_calloc(n ? n : 1, sizeof *k.idx.by_mrn);
    if (!k.idx.by_mrn)
        goto done;
    for (i = 0; i < n; i++)
        k.idx.by_mrn[i] = &rows[i];
    k.idx.n = n;
    qsort(k.idx.by_mrn, n, sizeof *k.idx.by_mrn, by_mrn);
    if ((rc = index_citations(&k)) != ER_OK || (rc = index_months(&k)) != ER_OK)
        goto done;
    for (i = 0; i < n; i++) {
        check_row(&k, i, &o);
        fn(ctx, i, &o);
    }
done:
    er_free(k.idx.by_mrn);
    er_free(k.cites);
    er_free(k.months);
    return rc;
}

static void keep(void *ctx, size_t i, const er_gbis_outcome *o)
{
    er_gbis_outcome *outcomes = ctx;
    size_t n = o->n_failures < ER_GBIS_FAILURES_MAX ? o->n_failures : ER_GBIS_FAILURES_MAX;

    outcomes[i].n_failures = o->n_failures;
    outcomes[i].stage2_run = o->stage2_run;
    memcpy(outcomes[i].failures, o->failures, n * sizeof o->failures[0]);
}

er_status er_gbis_check(const er_gbis_context *c, const er_gbis_row *rows, size_t n,
                        er_gbis_outcome *outcomes)
{
    return er_gbis_check_each(c, rows, n, keep, outcomes);
}

const er_gbis_rule_info *er_gbis_rule_at(size_t i)
{
    size_t t;

    for (t = 0; t < N_TABLES; i -= *tables[t].n, t++)
        if (i < *tables[t].n)
            return &tables[t].rules[i].info;
    return NULL;
}
