/*
 * gbis_award.c: what an approved GBIS measure counts towards its
 * supplier's obligation (ledger_reg.h): its score from the GBIS matrix,
 * the innovation uplift apart, and the tags that sort it (low-income group,
 * flex).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "ecoreg/alloc.h"
#include "ecoreg/quote.h"
#include "ledger_reg.h"

/* Seed 004 ch. 1: the low-income group is every "LI - " eligibility type
 * (gbis_stage1.c lists them); ch. 2: of those, LA declarations and
 * supplier evidence are the flex routes.  In-fill counts in the general
 * group (confirm). */
static uint32_t tags_of(const char *eligibility)
{
    uint32_t t = 0;

    if (strncmp(eligibility, "LI - ", 5) == 0)
        t |= ER_TAG_LOW_INCOME;
    if (strcasecmp(eligibility, "LI - LA Declaration") == 0 ||
        strcasecmp(eligibility, "LI - Supplier Evidence") == 0)
        t |= ER_TAG_FLEX;
    return t;
}

/* True when `hay` holds `needle` ignoring the case of ASCII letters. */
static bool holds(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* The measure scored, with its innovation uplift or without, in pence. */
static er_status score(const er_scheme *gbis, const char *const *c, bool innovation, int64_t *pence,
                       er_error *err)
{
    er_quote_measure qm = {
        .mrn = c[ER_GBIS_MRN],
        .measure_type = c[ER_GBIS_MEASURE_TYPE],
        .pre_heating = cell_given(c[ER_GBIS_HEATING_SOURCE]) ? c[ER_GBIS_HEATING_SOURCE] : "N/A",
        .post_heating = "N/A",
        .popt = cell_popt(c[ER_GBIS_POPT]),
        /* GBIS Order art. 31: 25%; seed 004 ch. 3: 25% also where ECO4
         * gives 45% */
        .innovation = innovation && cell_given(c[ER_GBIS_INNOVATION_NUMBER])
                          ? ER_INNOVATION_STANDARD
                          : ER_INNOVATION_NONE,
        .method = ER_METHOD_STANDARD,
    };
    er_quote_input in = {
        .project_id = c[ER_GBIS_MRN],
        .starting_sap_tenths = cell_sap_tenths(c[ER_GBIS_STARTING_SAP]),
        .finishing_sap_tenths = -1,
        .rural = cell_yes(c[ER_GBIS_RURAL]),
        .off_gas = cell_yes(c[ER_GBIS_OFF_GAS]),
        /* seed 004 Annex A: the route 4 uplift (confirm the route's name) */
        .flex_route4 = holds(c[ER_GBIS_FLEX_ROUTE], "Route 4"),
        .n_measures = 1,
        .measures = &qm,
    };
    er_quote_measure_result mr;
    er_quote_result q = { .measures = &mr };
    char *end;

    in.floor_area = strtod(c[ER_GBIS_FLOOR_AREA], &end);
    if (end == c[ER_GBIS_FLOOR_AREA] || *end)
        in.floor_area = 0;
    if (!er_nation_of_postcode(c[ER_GBIS_POST_CODE], &in.nation))
        in.nation = ER_NATION_ENGLAND; /* a cross-border area: no rural uplift */
    if (er_date_parse_dmy(c[ER_GBIS_COMPLETION_DATE], &in.completion) != ER_OK)
        in.completion = ER_DATE_NONE;
    if (er_quote_project(gbis, &in, &q) != ER_OK || !q.has_pps_total)
        return er_error_set(err, ER_EINVAL, 0, q.n_errors ? q.errors[0].field : "",
                            "%s cannot be scored: %s", c[ER_GBIS_MRN],
                            q.n_errors ? q.errors[0].message : "no score");
    if (er_q_round(q.pps_total, 100, pence) != ER_OK)
        return er_error_set(err, ER_ERANGE, 0, "", "%s: its score is out of range", c[ER_GBIS_MRN]);
    return ER_OK;
}

er_status gbis_award(const er_scheme *gbis, const er_measure_rec *m, ledger_batch *b,
                     er_jsonw *payload, er_error *err)
{
    const char *c[ER_GBIS_COL_COUNT];
    char *text = NULL, subject[ER_EVENT_TEXT_MAX];
    int64_t total, base;
    er_ledger_row *r;
    er_status rc;

    if (cells_parse(m->row_json, ER_GBIS_COL_COUNT, c, &text) != ER_OK)
        return er_error_set(err, ER_EINVAL, 0, "", "%s: its stored row cannot be read", m->mrn);
    /* scored again without the uplift only when it has one */
    if ((rc = score(gbis, c, true, &total, err)))
        goto done;
    base = total;
    if (cell_given(c[ER_GBIS_INNOVATION_NUMBER]) && (rc = score(gbis, c, false, &base, err)))
        goto done;
    if ((r = ledger_add(b, ER_SCHEME_GBIS, "award", m->supplier, m->mrn)) != NULL) {
        r->amount = base;
        r->tags = tags_of(c[ER_GBIS_ELIGIBILITY_TYPE]);
        r->completed = m->completion;
    }
    if (r && total > base) {
        ledger_part_subject(m->mrn, LEDGER_PART_INNOVATION, subject);
        if ((r = ledger_add(b, ER_SCHEME_GBIS, "award", m->supplier, subject)) != NULL) {
            r->amount = total - base;
            r->tags = tags_of(c[ER_GBIS_ELIGIBILITY_TYPE]) | ER_TAG_INNOVATION;
            r->completed = m->completion;
        }
    }
    er_jsonw_lit(payload, "{\"score\":");
    er_jsonw_pennies(payload, total);
    er_jsonw_lit(payload, ",\"uplift\":");
    er_jsonw_pennies(payload, total - base);
    er_jsonw_lit(payload, "}");
    if (b->oom || payload->oom)
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
done:
    er_free(text);
    return rc;
}
