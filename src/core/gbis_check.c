/*
 * gbis_check.c: runs the GBIS rule tables over a notification file.
 *
 * For each row it looks up, once, what several rules need (completion
 * date, associated measures in the file or the register, nation), then
 * runs the stage 1 table, and the stage 2 table when stage 1 passed
 * (Ofgem's Stage2ProcessingService validates only stage-1-passed
 * measures).  A file's MRNs are indexed so that a link is found in
 * O(log n), not by scanning the file for every row.
 */
#include <ctype.h>
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

/* The view's file index travels in a field the rules do not see. */
struct check {
    gbis_view v;
    struct file_index idx;
};

const er_gbis_row *gbis_find(const gbis_view *v, const char *mrn)
{
    const struct check *k = (const struct check *)v;
    size_t lo = 0, hi = k->idx.n;

    if (!mrn || !*mrn)
        return NULL;
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

const char *gbis_category(const gbis_view *v, const char *measure_type)
{
    const er_matrix *m;

    if (!v->c->scheme || er_scheme_matrix(v->c->scheme, ER_MATRIX_GBIS, ER_DATE_NONE, &m, NULL))
        return NULL;
    return er_matrix_measure_category(m, measure_type);
}

/* Postcode areas of Scotland and Wales (Royal Mail postcode areas, as the
 * ONS Postcode Directory assigns them); a cross-border area is not
 * guessed (spec/gbis_rules.md): the row's nation is then unknown. */
static const struct {
    const char *area;
    er_nation nation;
    bool cross_border;
} areas[] = {
    { "AB", ER_NATION_SCOTLAND, false }, { "DD", ER_NATION_SCOTLAND, false },
    { "DG", ER_NATION_SCOTLAND, false }, { "EH", ER_NATION_SCOTLAND, false },
    { "FK", ER_NATION_SCOTLAND, false }, { "G", ER_NATION_SCOTLAND, false },
    { "HS", ER_NATION_SCOTLAND, false }, { "IV", ER_NATION_SCOTLAND, false },
    { "KA", ER_NATION_SCOTLAND, false }, { "KW", ER_NATION_SCOTLAND, false },
    { "KY", ER_NATION_SCOTLAND, false }, { "ML", ER_NATION_SCOTLAND, false },
    { "PA", ER_NATION_SCOTLAND, false }, { "PH", ER_NATION_SCOTLAND, false },
    { "ZE", ER_NATION_SCOTLAND, false }, { "TD", ER_NATION_SCOTLAND, true },
    { "CF", ER_NATION_WALES, false },    { "LL", ER_NATION_WALES, false },
    { "SA", ER_NATION_WALES, false },    { "LD", ER_NATION_WALES, true },
    { "NP", ER_NATION_WALES, true },     { "SY", ER_NATION_WALES, true },
    { "CH", ER_NATION_WALES, true },     { "HR", ER_NATION_ENGLAND, true },
};

static void nation_of(gbis_view *v)
{
    const char *pc = gbis_cell(v->r, ER_GBIS_POST_CODE);
    char area[3] = { 0 };
    size_t i;

    for (i = 0; i < 2 && isalpha((unsigned char)pc[i]); i++)
        area[i] = (char)toupper((unsigned char)pc[i]);
    v->nation_known = i > 0;
    v->nation = ER_NATION_ENGLAND;
    for (i = 0; v->nation_known && i < sizeof areas / sizeof areas[0]; i++) {
        if (strcmp(areas[i].area, area) == 0) {
            v->nation = areas[i].nation;
            v->nation_known = !areas[i].cross_border;
        }
    }
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
    size_t i;

    k.idx.by_mrn = er_calloc(n ? n : 1, sizeof *k.idx.by_mrn);
    if (!k.idx.by_mrn)
        return ER_ENOMEM;
    for (i = 0; i < n; i++)
        k.idx.by_mrn[i] = &rows[i];
    k.idx.n = n;
    qsort(k.idx.by_mrn, n, sizeof *k.idx.by_mrn, by_mrn);
    for (i = 0; i < n; i++) {
        check_row(&k, i, &o);
        fn(ctx, i, &o);
    }
    er_free(k.idx.by_mrn);
    return ER_OK;
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
