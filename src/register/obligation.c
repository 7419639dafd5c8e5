/*
 * obligation.c: each supplier's progress towards its obligation, summed
 * from the ledger the register keeps (obligation.h, docs/ledger.md).
 *
 * The stored rows are replayed through er_ledger_run() with the scheme's
 * caps; every figure of a supplier is then a sum of its postings, sorted by
 * the tags of the row each posting comes from.
 */
#include "ecoreg/obligation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "event.h"
#include "strmap.h"

static const char *const op_names[] = {
    [ER_LEDGER_AWARD] = "award",           [ER_LEDGER_SUPERSEDE] = "supersede",
    [ER_LEDGER_REVOKE] = "revoke",         [ER_LEDGER_TRANSFER] = "transfer",
    [ER_LEDGER_OBLIGATION] = "obligation", [ER_LEDGER_TRADE] = "trade",
};

#define N_OPS (sizeof op_names / sizeof op_names[0])

const char *er_ledger_op_name(er_ledger_op op)
{
    return (size_t)op < N_OPS ? op_names[op] : "?";
}

er_status er_ledger_op_parse(const char *s, er_ledger_op *out)
{
    size_t i;

    for (i = 0; i < N_OPS; i++)
        if (strcmp(s, op_names[i]) == 0) {
            *out = (er_ledger_op)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

static void add_cap(er_obligation_caps *c, const char *name, er_cap_basis basis, int64_t limit,
                    bool keyed, uint32_t tag)
{
    if (limit <= 0 || c->n == ER_LEDGER_CAPS_MAX)
        return;
    c->cap[c->n] = (er_ledger_cap){ .name = name, .basis = basis, .limit = limit, .keyed = keyed };
    c->tag[c->n++] = tag;
}

void er_obligation_caps_of(const er_scheme *s, er_obligation_caps *out)
{
    const struct er_scheme_obligation *o = &s->obligation;

    memset(out, 0, sizeof *out);
    /* ECO4 Order art. 10(3) */
    add_cap(out, "partial_projects", ER_CAP_SHARE, o->partial_projects_ppm, false, ER_TAG_PARTIAL);
    add_cap(out, "flexible_routes", ER_CAP_SHARE, o->flexible_routes_ppm, false, ER_TAG_FLEX);
    /* ECO4 art. 46 */
    add_cap(out, "building_fabric_repair", ER_CAP_SHARE, o->building_fabric_repair_ppm, false,
            ER_TAG_BFR);
    /* ECO4 art. 60 (per description); GBIS art. 31 */
    add_cap(out, "innovation_uplift", ER_CAP_SHARE, o->innovation_ppm,
            o->innovation_per_description, ER_TAG_INNOVATION);
    /* seed 004 Annex A Table iv: 5,000 of a data-light description */
    add_cap(out, "data_light", ER_CAP_COUNT, o->data_light_per_description, true,
            ER_TAG_DATA_LIGHT);
}

er_status er_obligation_entry(const er_ledger_row *r, const er_obligation_caps *caps,
                              er_ledger_entry *out)
{
    size_t i;

    memset(out, 0, sizeof *out);
    if (er_ledger_op_parse(r->op, &out->op) != ER_OK)
        return ER_EINVAL;
    out->id = r->seq;
    event_text(out->supplier, sizeof out->supplier, r->supplier);
    event_text(out->to_supplier, sizeof out->to_supplier, r->to_supplier);
    event_text(out->subject, sizeof out->subject, r->subject);
    event_text(out->key, sizeof out->key, r->key);
    out->amount = r->amount;
    if (out->op == ER_LEDGER_AWARD)
        for (i = 0; i < caps->n; i++)
            if (r->tags & caps->tag[i])
                out->caps |= 1u << i;
    return ER_OK;
}

int er_obligation_year(const er_scheme *s, er_date day)
{
    const er_date *start = s->obligation.target_year_start;
    int y;

    if (start[0] == ER_DATE_NONE)
        return 0;
    for (y = ER_GBIS_YEARS; y > 1; y--)
        if (start[y - 1] != ER_DATE_NONE && day >= start[y - 1])
            return y;
    return 1;
}

/* ---- reading the rows ---------------------------------------------- */

/* What a posting needs of its row beyond the entry. */
struct row_info {
    uint32_t tags;
    int year;     /* of the obligation (its row) or of the award (completion) */
    int at_year;  /* the target year the event happened in */
    int at_month; /* year * 12 + month - 1 of the event */
};

struct rows {
    const er_scheme *s;
    er_date until;
    er_obligation_caps caps;
    er_ledger_entry *entries;
    struct row_info *info;
    size_t n, cap;
    er_progress_report *out;
    int64_t event; /* the event of the last row read, and its day */
    er_date event_day;
    er_status rc;
    er_error *err;
};

static er_progress *supplier_of(er_progress_report *r, const char *code)
{
    er_progress *p;
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->suppliers[i].supplier, code) == 0)
            return &r->suppliers[i];
    if (!(p = er_realloc(r->suppliers, (r->n + 1) * sizeof *p)))
        return NULL;
    r->suppliers = p;
    p = &r->suppliers[r->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->supplier, sizeof p->supplier, "%s", code);
    return p;
}

/* The day of an event's time "YYYY-MM-DDT...". */
static er_date day_of(const char *at)
{
    char d[11];
    er_date out;

    snprintf(d, sizeof d, "%.10s", at);
    return er_date_parse_iso(d, &out) == ER_OK ? out : ER_DATE_NONE;
}

static int fail_row(struct rows *r, const er_ledger_row *row, er_status rc, const char *what)
{
    r->rc = er_error_set(r->err, rc, 0, "ledger", "ledger entry %lld (event %lld): %s",
                         (long long)row->seq, (long long)row->event, what);
    return 1;
}

/* A requirement kept beside the obligation (obligation.h). */
static int requirement(struct rows *r, const er_ledger_row *row)
{
    er_progress *p = supplier_of(r->out, row->supplier);

    if (!p)
        return fail_row(r, row, ER_ENOMEM, "out of memory");
    if (strcmp(row->op, ER_OP_SOLID_WALL_MINIMUM) == 0)
        p->solid_wall_minimum += row->amount;
    else
        p->efg_minimum += row->amount;
    return 0;
}

static int take_row(void *ctx, const er_ledger_row *row)
{
    struct rows *r = ctx;
    struct row_info *info;
    er_date at;
    int y, m, d;

    if (row->event != r->event) { /* an event's rows come together */
        r->event = row->event;
        r->event_day = day_of(row->at);
    }
    at = r->event_day;

    if (r->until != ER_DATE_NONE && at != ER_DATE_NONE && at > r->until)
        return 0; /* decided after the day reported on */
    if (strcmp(row->op, ER_OP_SOLID_WALL_MINIMUM) == 0 || strcmp(row->op, ER_OP_EFG_MINIMUM) == 0)
        return requirement(r, row);
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        er_ledger_entry *e = er_realloc(r->entries, cap * sizeof *e);
        struct row_info *i = e ? er_realloc(r->info, cap * sizeof *i) : NULL;

        if (e)
            r->entries = e;
        if (!i)
            return fail_row(r, row, ER_ENOMEM, "out of memory");
        r->info = i;
        r->cap = cap;
    }
    if (er_obligation_entry(row, &r->caps, &r->entries[r->n]) != ER_OK)
        return fail_row(r, row, ER_EINVAL, "unknown op");
    info = &r->info[r->n++];
    info->tags = row->tags;
    info->year = row->year                        ? row->year
                 : row->completed != ER_DATE_NONE ? er_obligation_year(r->s, row->completed)
                                                  : 0;
    info->at_year = at != ER_DATE_NONE ? er_obligation_year(r->s, at) : 0;
    info->at_month = -1;
    if (at != ER_DATE_NONE) {
        er_date_split(at, &y, &m, &d);
        info->at_month = y * 12 + m - 1;
    }
    return 0;
}

/* ---- summing the postings ------------------------------------------- */

/* Solid wall premises: +1 for each award taking effect, -1 for each
 * withdrawal, per supplier and premises; counted where above 0. */
static er_status count_solid_wall(const er_ledger_posting *po, const er_ledger_entry *e,
                                  strmap *premises)
{
    char key[ER_LEDGER_SUPPLIER_MAX + ER_EVENT_TEXT_MAX + 1];
    bool in = e->op == ER_LEDGER_AWARD ||
              (e->op == ER_LEDGER_TRANSFER && strcmp(po->supplier, e->to_supplier) == 0);
    void **slot;

    /* the premises of a subject: its project ("P-1" of "P-1/MRN#innovation")
     * or GBIS measure */
    snprintf(key, sizeof key, "%s:%.*s", po->supplier, (int)strcspn(e->subject, "/#"), e->subject);
    if (!(slot = strmap_slot(premises, key)))
        return ER_ENOMEM;
    *slot = (void *)((intptr_t)*slot + (in ? 1 : -1));
    return ER_OK;
}

static void settle(struct rows *r, er_progress *p, const int64_t delivered[ER_GBIS_YEARS],
                   const int64_t rejected[ER_GBIS_YEARS])
{
    const struct er_scheme_obligation *o = &r->s->obligation;
    er_gbis_years_in in = { .carry_under_ppm = o->carry_under_ppm };
    int64_t flex_max;
    int y;

    p->shortfall = p->obligation > p->delivered ? p->obligation - p->delivered : 0;
    if (r->s->id != ER_SCHEME_GBIS)
        return;
    /* seed 004 ch. 1: at least 20% of each target (rounded to the penny);
     * ch. 2: LA and supplier flex meet at most 80% of it */
    for (y = 0; y < ER_GBIS_YEARS; y++)
        p->low_income_minimum += (p->target[y] * o->low_income_minimum_ppm + 500000) / 1000000;
    flex_max = (p->low_income_minimum * o->flex_of_low_income_ppm + 500000) / 1000000;
    p->low_income_counted = p->low_income_delivered - p->low_income_flex +
                            (p->low_income_flex < flex_max ? p->low_income_flex : flex_max);
    for (y = 0; y < ER_GBIS_YEARS; y++) {
        in.target[y] = p->target[y] > 0 ? p->target[y] : 0;
        in.delivered[y] = delivered[y] > 0 ? delivered[y] : 0;
        in.rejected[y] = rejected[y];
    }
    if (er_gbis_years(&in, p->years, NULL) != ER_OK)
        memset(p->years, 0, sizeof p->years);
}

/* A posting into its supplier's sums; a GBIS year's delivery into
 * year_delivered, a revocation after its year into year_rejected. */
static er_status post(struct rows *r, const er_ledger_result *res, size_t i, strmap *premises,
                      int64_t (*year_delivered)[ER_GBIS_YEARS],
                      int64_t (*year_rejected)[ER_GBIS_YEARS])
{
    const er_ledger_posting *po = &res->postings[i];
    const er_ledger_entry *e = &r->entries[po->entry];
    const struct row_info *info = &r->info[po->entry];
    er_progress *p = supplier_of(r->out, po->supplier);
    size_t k;
    int y = info->year;

    if (!p)
        return ER_ENOMEM;
    k = (size_t)(p - r->out->suppliers);
    p->delivered += po->delivered;
    p->obligation += po->obligation;
    p->cut += po->cut;
    if (po->cut_by >= 0)
        p->cap_cut[po->cut_by] += po->cut;
    if (info->tags & ER_TAG_PARTIAL)
        p->partial += po->delivered;
    else if (r->s->id == ER_SCHEME_ECO4)
        p->full += po->delivered;
    if (info->tags & ER_TAG_FLEX)
        p->flex += po->delivered;
    if (info->tags & ER_TAG_INNOVATION)
        p->innovation += po->delivered;
    if (info->tags & ER_TAG_EFG)
        p->efg_delivered += po->delivered;
    if (info->tags & ER_TAG_LOW_INCOME) {
        p->low_income_delivered += po->delivered;
        if (info->tags & ER_TAG_FLEX)
            p->low_income_flex += po->delivered;
    }
    if ((info->tags & ER_TAG_SOLID_WALL) && e->op != ER_LEDGER_OBLIGATION &&
        e->op != ER_LEDGER_TRADE && count_solid_wall(po, e, premises) != ER_OK)
        return ER_ENOMEM;
    if (y >= 1 && y <= ER_GBIS_YEARS) {
        if (po->obligation)
            p->target[y - 1] += po->obligation;
        /* seed 004 ch. 1: a measure that counted in a year and is rejected
         * after it is made up the following year */
        if (e->op == ER_LEDGER_REVOKE && info->at_year > y)
            year_rejected[k][y - 1] -= po->delivered;
        else
            year_delivered[k][y - 1] += po->delivered;
    }
    if (info->at_month >= 0 && po->delivered) {
        int from = r->out->first_month;
        size_t m;

        if (r->out->n_months == 0) {
            r->out->first_month = from = info->at_month;
            r->out->n_months = 1;
        }
        if (info->at_month >= from) {
            m = (size_t)(info->at_month - from);
            if (m >= ER_PROGRESS_MONTHS_MAX)
                m = ER_PROGRESS_MONTHS_MAX - 1;
            if (m >= r->out->n_months)
                r->out->n_months = m + 1;
            r->out->delivered_by_month[m] += po->delivered;
        }
    }
    return ER_OK;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const er_progress *)a)->supplier, ((const er_progress *)b)->supplier);
}

/* Sums every posting; settles each supplier. */
static er_status sum(struct rows *r, const er_ledger_result *res)
{
    int64_t(*delivered)[ER_GBIS_YEARS] = NULL, (*rejected)[ER_GBIS_YEARS] = NULL;
    strmap premises = { 0 };
    size_t i, k, cap;
    er_status rc = ER_OK;

    /* every supplier with a posting or a requirement, then the sums */
    for (i = 0; i < res->n_balances; i++)
        if (!supplier_of(r->out, res->balances[i].supplier))
            return ER_ENOMEM;
    cap = r->out->n + 1;
    delivered = er_calloc(cap, sizeof *delivered);
    rejected = er_calloc(cap, sizeof *rejected);
    if (!delivered || !rejected)
        rc = ER_ENOMEM;
    for (i = 0; !rc && i < res->n_postings; i++)
        rc = post(r, res, i, &premises, delivered, rejected);
    for (i = 0; !rc && i < premises.cap; i++) {
        struct strmap_slot *sl = &premises.slots[i];

        if (sl->key && (intptr_t)sl->val > 0) {
            char code[ER_SUPPLIER_CODE_MAX];

            er_progress *p;

            snprintf(code, sizeof code, "%.*s", (int)strcspn(sl->key, ":"), sl->key);
            if ((p = supplier_of(r->out, code)) != NULL)
                p->solid_wall_premises++;
        }
    }
    for (k = 0; !rc && k < r->out->n; k++) {
        er_progress *p = &r->out->suppliers[k];
        const er_ledger_balance *b = er_ledger_balance_of(res, p->supplier);

        if (b)
            for (i = 0; i < r->caps.n; i++)
                p->cap_used[i] = b->cap_used[i];
        settle(r, p, delivered[k], rejected[k]);
    }
    for (i = 1; !rc && i < r->out->n_months; i++)
        r->out->delivered_by_month[i] += r->out->delivered_by_month[i - 1];
    if (!rc && r->out->n > 1)
        qsort(r->out->suppliers, r->out->n, sizeof *r->out->suppliers, by_code);
    strmap_free(&premises, NULL);
    er_free(delivered);
    er_free(rejected);
    return rc;
}

er_status er_obligation_progress(er_store *st, const er_scheme *s, er_date until,
                                 er_progress_report *out, er_error *err)
{
    struct rows r = { .s = s, .until = until, .out = out, .err = err };
    er_ledger_result res = { 0 };
    er_status rc;

    memset(out, 0, sizeof *out);
    out->scheme = s->id;
    er_obligation_caps_of(s, &r.caps);
    out->caps = r.caps;
    if ((rc = er_store_ledger_each(st, (int)s->id, NULL, take_row, &r)) != ER_OK)
        rc = er_error_set(err, rc, 0, "ledger", "reading the ledger: %s", er_strerror(rc));
    else
        rc = r.rc;
    if (!rc)
        rc = er_ledger_run(r.entries, r.n, r.caps.cap, r.caps.n, &res, err);
    if (!rc && (rc = sum(&r, &res)) != ER_OK)
        rc = er_error_set(err, rc, 0, "", "out of memory");
    out->entries = r.n;
    out->refused = res.n_refusals;
    er_ledger_result_free(&res);
    er_free(r.entries);
    er_free(r.info);
    if (rc)
        er_progress_report_free(out);
    return rc;
}

void er_progress_report_free(er_progress_report *r)
{
    if (!r)
        return;
    er_free(r->suppliers);
    r->suppliers = NULL;
    r->n = 0;
}
