/*
 * chmm.c: heat pump installations credited to the licence holders of their
 * products (chmm.h; seed 000; spec/chmm_installations.md; RULES.md).
 */
#include "ecoreg/chmm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"
#include "ecoreg/q.h"

static const struct {
    const char *name;
    bool required;
} columns[ER_CHMM_COL_COUNT] = {
    [ER_CHMM_COL_TECHNOLOGY] = { "technology_type", true },
    [ER_CHMM_COL_COMMISSIONING_DATE] = { "commissioning_date", true },
    [ER_CHMM_COL_CAPACITY] = { "total_capacity_kw", true },
    [ER_CHMM_COL_LICENCE_HOLDER] = { "licence_holder", true },
    [ER_CHMM_COL_PRODUCT] = { "product", true },
    [ER_CHMM_COL_HYBRID] = { "hybrid", true },
    [ER_CHMM_COL_BUILD] = { "build", true },
    [ER_CHMM_COL_INSTALLATION_ID] = { "installation_id", true },
    [ER_CHMM_COL_INSTALLER_ID] = { "installer_id", true },
    [ER_CHMM_COL_PURPOSE] = { "purpose", true },
    [ER_CHMM_COL_UPRN] = { "uprn", false },
    [ER_CHMM_COL_POSTCODE] = { "postcode", false },
    [ER_CHMM_COL_SERIAL] = { "serial_number", false },
};

const char *er_chmm_column_name(er_chmm_col c)
{
    return (unsigned)c < ER_CHMM_COL_COUNT ? columns[c].name : "?";
}

bool er_chmm_column_required(er_chmm_col c)
{
    return (unsigned)c < ER_CHMM_COL_COUNT && columns[c].required;
}

/* spec/chmm_installations.md: the words of each enumerated column */
static const char *const technologies[] = {
    [ER_CHMM_AIR_TO_WATER] = "air_to_water",   [ER_CHMM_AIR_TO_AIR] = "air_to_air",
    [ER_CHMM_GROUND_SOURCE] = "ground_source", [ER_CHMM_WATER_SOURCE] = "water_source",
    [ER_CHMM_EXHAUST_AIR] = "exhaust_air",     [ER_CHMM_SOLAR_ASSISTED] = "solar_assisted",
    [ER_CHMM_HOT_WATER] = "hot_water",
};
static const char *const purposes[] = {
    [ER_CHMM_FOR_SPACE] = "space_heating",
    [ER_CHMM_FOR_SPACE_AND_WATER] = "space_and_water",
    [ER_CHMM_FOR_WATER] = "water_only",
};

const char *er_chmm_technology_name(er_chmm_technology t)
{
    return (unsigned)t <= ER_CHMM_HOT_WATER ? technologies[t] : "?";
}

const char *er_chmm_purpose_name(er_chmm_purpose p)
{
    return (unsigned)p <= ER_CHMM_FOR_WATER ? purposes[p] : "?";
}

/* The index of `s` among words[0..n) (ASCII case ignored), or -1. */
static int word(const char *s, const char *const *words, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcasecmp(s, words[i]) == 0)
            return (int)i;
    return -1;
}

er_status er_chmm_technology_parse(const char *s, er_chmm_technology *out)
{
    int k = s ? word(s, technologies, 7) : -1;

    if (k < 0)
        return ER_EINVAL;
    *out = (er_chmm_technology)k;
    return ER_OK;
}

static er_status bad(er_error *err, long row, er_chmm_col c, const char *what)
{
    return er_error_set(err, ER_EINVAL, row, er_chmm_column_name(c), "%s %s",
                        er_chmm_column_name(c), what);
}

static er_status text(const char *const *cells, long row, er_chmm_col c, char *out, size_t size,
                      er_error *err)
{
    size_t n = strlen(cells[c]);

    if (n >= size)
        return bad(err, row, c, "is too long");
    if (n == 0 && columns[c].required)
        return bad(err, row, c, "is missing");
    memcpy(out, cells[c], n + 1);
    return ER_OK;
}

/* "12.5" kW into watts, exactly: a number above 0 in at most 3 decimals. */
static bool capacity(const char *s, int64_t *watts)
{
    er_q q, w;

    if (er_q_parse(s, &q) != ER_OK || er_q_mul(q, er_q_int(1000), &w) != ER_OK || w.den != 1 ||
        w.num <= 0)
        return false;
    *watts = w.num;
    return true;
}

er_status er_chmm_parse(const char *const cells[ER_CHMM_COL_COUNT], long row,
                        er_chmm_installation *out, er_error *err)
{
    static const char *const yes_no[] = { "no", "yes" };
    static const char *const builds[] = { "retrofit", "new_build" };
    const char *date = cells[ER_CHMM_COL_COMMISSIONING_DATE];
    er_status rc;
    int k;

    memset(out, 0, sizeof *out);
    out->row = row;
    if ((k = word(cells[ER_CHMM_COL_TECHNOLOGY], technologies, 7)) < 0)
        return bad(err, row, ER_CHMM_COL_TECHNOLOGY, "is not one of the spec's technology types");
    out->technology = (er_chmm_technology)k;
    /* seed 000 Table 1: the installation (commissioning) date */
    if (er_date_parse_iso(date, &out->commissioned) != ER_OK &&
        er_date_parse_dmy(date, &out->commissioned) != ER_OK)
        return bad(err, row, ER_CHMM_COL_COMMISSIONING_DATE,
                   "is neither YYYY-MM-DD nor dd/MM/yyyy");
    if (!capacity(cells[ER_CHMM_COL_CAPACITY], &out->capacity_w))
        return bad(err, row, ER_CHMM_COL_CAPACITY,
                   "is not a number of kW above 0 (3 decimals "
                   "at most)");
    if ((k = word(cells[ER_CHMM_COL_HYBRID], yes_no, 2)) < 0)
        return bad(err, row, ER_CHMM_COL_HYBRID, "is neither yes nor no");
    out->hybrid = k == 1;
    if ((k = word(cells[ER_CHMM_COL_BUILD], builds, 2)) < 0)
        return bad(err, row, ER_CHMM_COL_BUILD, "is neither retrofit nor new_build");
    out->new_build = k == 1;
    if ((k = word(cells[ER_CHMM_COL_PURPOSE], purposes, 3)) < 0)
        return bad(err, row, ER_CHMM_COL_PURPOSE,
                   "is not space_heating, space_and_water or "
                   "water_only");
    out->purpose = (er_chmm_purpose)k;
    if ((rc = text(cells, row, ER_CHMM_COL_LICENCE_HOLDER, out->licence_holder,
                   sizeof out->licence_holder, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_PRODUCT, out->product, sizeof out->product, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_INSTALLATION_ID, out->installation_id,
                   sizeof out->installation_id, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_INSTALLER_ID, out->installer_id,
                   sizeof out->installer_id, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_UPRN, out->uprn, sizeof out->uprn, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_POSTCODE, out->postcode, sizeof out->postcode, err)) ||
        (rc = text(cells, row, ER_CHMM_COL_SERIAL, out->serial_number, sizeof out->serial_number,
                   err)))
        return rc;
    return ER_OK;
}

const char *er_chmm_thousandths(int64_t milli, char buf[40])
{
    int n = snprintf(buf, 40, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));

    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

void er_chmm_format(const er_chmm_installation *in, char cells[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX])
{
    char kw[40];

    snprintf(cells[ER_CHMM_COL_TECHNOLOGY], ER_CHMM_TEXT_MAX, "%s",
             er_chmm_technology_name(in->technology));
    er_date_format_iso(in->commissioned, cells[ER_CHMM_COL_COMMISSIONING_DATE]);
    snprintf(cells[ER_CHMM_COL_CAPACITY], ER_CHMM_TEXT_MAX, "%s",
             er_chmm_thousandths(in->capacity_w, kw));
    snprintf(cells[ER_CHMM_COL_LICENCE_HOLDER], ER_CHMM_TEXT_MAX, "%s", in->licence_holder);
    snprintf(cells[ER_CHMM_COL_PRODUCT], ER_CHMM_TEXT_MAX, "%s", in->product);
    snprintf(cells[ER_CHMM_COL_HYBRID], ER_CHMM_TEXT_MAX, "%s", in->hybrid ? "yes" : "no");
    snprintf(cells[ER_CHMM_COL_BUILD], ER_CHMM_TEXT_MAX, "%s",
             in->new_build ? "new_build" : "retrofit");
    snprintf(cells[ER_CHMM_COL_INSTALLATION_ID], ER_CHMM_TEXT_MAX, "%s", in->installation_id);
    snprintf(cells[ER_CHMM_COL_INSTALLER_ID], ER_CHMM_TEXT_MAX, "%s", in->installer_id);
    snprintf(cells[ER_CHMM_COL_PURPOSE], ER_CHMM_TEXT_MAX, "%s", er_chmm_purpose_name(in->purpose));
    snprintf(cells[ER_CHMM_COL_UPRN], ER_CHMM_TEXT_MAX, "%s", in->uprn);
    snprintf(cells[ER_CHMM_COL_POSTCODE], ER_CHMM_TEXT_MAX, "%s", in->postcode);
    snprintf(cells[ER_CHMM_COL_SERIAL], ER_CHMM_TEXT_MAX, "%s", in->serial_number);
}

/* ---- credits -------------------------------------------------------- */

const char *er_chmm_outcome_name(er_chmm_outcome_kind k)
{
    static const char *const names[] = {
        [ER_CHMM_CREDITED] = "credited",     [ER_CHMM_NEW_BUILD] = "new_build",
        [ER_CHMM_CAPACITY] = "capacity",     [ER_CHMM_WATER_ONLY] = "water_only",
        [ER_CHMM_TECHNOLOGY] = "technology", [ER_CHMM_DUPLICATE] = "duplicate",
    };

    return (unsigned)k <= ER_CHMM_DUPLICATE ? names[k] : "?";
}

er_chmm_outcome_kind er_chmm_credit(const er_chmm_installation *in, const er_chmm_rules *r,
                                    int64_t *milli)
{
    *milli = 0;
    /* RULES.md, seed 000: no credit for new build, capacity above the
     * limit, systems that do not provide space heating, air-to-air */
    if (in->new_build)
        return ER_CHMM_NEW_BUILD;
    if (in->capacity_w > r->capacity_max_w)
        return ER_CHMM_CAPACITY;
    if (in->purpose == ER_CHMM_FOR_WATER || in->technology == ER_CHMM_HOT_WATER)
        return ER_CHMM_WATER_ONLY;
    if (in->technology == ER_CHMM_AIR_TO_AIR)
        return ER_CHMM_TECHNOLOGY;
    /* a hybrid earns the configured weighting (half: confirm) */
    *milli = in->hybrid ? r->hybrid_milli : 1000;
    return ER_CHMM_CREDITED;
}

int er_chmm_scheme_year(const er_chmm_rules *r, er_date d)
{
    int y, m, day;

    er_date_split(d, &y, &m, &day);
    return m < r->year_start_month || (m == r->year_start_month && day < r->year_start_day) ? y - 1
                                                                                            : y;
}

/* ---- duplicates ------------------------------------------------------ */

/* An installation under one of the keys a repeat is found by. */
struct keyed {
    const char *a, *b; /* the key: (installation_id, ""), (serial, ""), (uprn, product) */
    size_t i;
};

static int by_key(const void *x, const void *y)
{
    const struct keyed *p = x, *q = y;
    int c = strcmp(p->a, q->a);

    if (!c)
        c = strcmp(p->b, q->b);
    return c ? c : (p->i > q->i) - (p->i < q->i);
}

/* Marks dup[j] with the earliest installation j repeats under one key
 * (`window`: only those commissioned within that many days, or -1). */
static void mark_repeats(const er_chmm_installation *in, struct keyed *k, size_t n, long window,
                         size_t *dup)
{
    size_t start, j, e;

    qsort(k, n, sizeof *k, by_key);
    for (start = 0; start < n; start = j) {
        for (j = start + 1; j < n && !strcmp(k[j].a, k[start].a) && !strcmp(k[j].b, k[start].b);
             j++)
            for (e = start; e < j; e++) {
                long days = (long)in[k[j].i].commissioned - (long)in[k[e].i].commissioned;

                if (window >= 0 && (days < -window || days > window))
                    continue;
                if (k[e].i < dup[k[j].i])
                    dup[k[j].i] = k[e].i;
                break;
            }
    }
}

/* ---- totals ---------------------------------------------------------- */

struct order {
    const er_chmm_installation *in;
    const er_chmm_outcome *out;
    size_t i;
};

static int by_holder(const void *x, const void *y)
{
    const struct order *p = x, *q = y;
    int c = strcmp(p->in[p->i].licence_holder, q->in[q->i].licence_holder);

    if (!c)
        c = (p->out[p->i].scheme_year > q->out[q->i].scheme_year) -
            (p->out[p->i].scheme_year < q->out[q->i].scheme_year);
    return c ? c : (p->i > q->i) - (p->i < q->i);
}

static er_status totals(const er_chmm_installation *in, size_t n, er_chmm_result *out)
{
    struct order *o = er_calloc(n ? n : 1, sizeof *o);
    size_t i, m = 0;

    if (!o || !(out->totals = er_calloc(n ? n : 1, sizeof *out->totals))) {
        er_free(o);
        return ER_ENOMEM;
    }
    for (i = 0; i < n; i++)
        if (out->outcomes[i].kind == ER_CHMM_CREDITED)
            o[m++] = (struct order){ .in = in, .out = out->outcomes, .i = i };
    qsort(o, m, sizeof *o, by_holder);
    for (i = 0; i < m; i++) {
        const er_chmm_installation *x = &in[o[i].i];
        const er_chmm_outcome *r = &out->outcomes[o[i].i];
        er_chmm_total *t = out->n_totals ? &out->totals[out->n_totals - 1] : NULL;

        if (!t || strcmp(t->licence_holder, x->licence_holder) != 0 ||
            t->scheme_year != r->scheme_year) {
            t = &out->totals[out->n_totals++];
            t->licence_holder = x->licence_holder;
            t->scheme_year = r->scheme_year;
        }
        t->installations++;
        t->credit_milli += r->credit_milli;
    }
    er_free(o);
    return ER_OK;
}

er_status er_chmm_credits(const er_chmm_installation *in, size_t n, const er_chmm_rules *r,
                          er_chmm_result *out, er_error *err)
{
    struct keyed *k = er_calloc(n ? n : 1, sizeof *k);
    size_t *dup = er_calloc(n ? n : 1, sizeof *dup);
    size_t i, m;
    er_status rc = ER_ENOMEM;

    memset(out, 0, sizeof *out);
    if (!k || !dup || !(out->outcomes = er_calloc(n ? n : 1, sizeof *out->outcomes)))
        goto done;
    for (i = 0; i < n; i++)
        dup[i] = SIZE_MAX;
    /* spec/chmm_installations.md: the same certificate, the same serial
     * number, or the same UPRN and product within the window */
    for (i = 0; i < n; i++)
        k[i] = (struct keyed){ in[i].installation_id, "", i };
    mark_repeats(in, k, n, -1, dup);
    for (i = m = 0; i < n; i++)
        if (in[i].serial_number[0])
            k[m++] = (struct keyed){ in[i].serial_number, "", i };
    mark_repeats(in, k, m, -1, dup);
    for (i = m = 0; i < n; i++)
        if (in[i].uprn[0])
            k[m++] = (struct keyed){ in[i].uprn, in[i].product, i };
    mark_repeats(in, k, m, r->duplicate_window_days, dup);
    for (i = 0; i < n; i++) {
        er_chmm_outcome *o = &out->outcomes[i];

        o->scheme_year = er_chmm_scheme_year(r, in[i].commissioned);
        if (dup[i] != SIZE_MAX) {
            o->kind = ER_CHMM_DUPLICATE;
            o->duplicate_of = dup[i];
        } else {
            o->kind = er_chmm_credit(&in[i], r, &o->credit_milli);
        }
    }
    rc = totals(in, n, out);
done:
    er_free(k);
    er_free(dup);
    if (rc) {
        er_chmm_result_free(out);
        return er_error_set(err, rc, 0, "", "out of memory");
    }
    return ER_OK;
}

void er_chmm_result_free(er_chmm_result *r)
{
    if (!r)
        return;
    er_free(r->outcomes);
    er_free(r->totals);
    memset(r, 0, sizeof *r);
}
