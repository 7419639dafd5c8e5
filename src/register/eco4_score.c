/*
 * eco4_score.c: a completed ECO4 project's score, decided from what the
 * register holds: the project's latest notified row and its APPROVED
 * measures, scored by er_quote_project() (seed 002 4.13-4.18: the FPS when
 * the minimum requirement is met, superseding the measures' PPS; else each
 * approved measure keeps its deflated PPS).  notify (on the Completion
 * Notification) and decide (when a measure of a decided project is
 * approved or revoked) both decide through here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"
#include "ecoreg/quote.h"
#include "cells.h"
#include "eco4_reg.h"

/* A project's approved measures, parsed from their stored rows, and how
 * many of its measures were revoked. */
struct approved {
    size_t n, cap, revoked;
    er_eco4_measure_row *rows;
    char **texts;
    bool oom;
};

static int add_approved(void *ctx, const er_measure_rec *m)
{
    struct approved *a = ctx;
    char *text = NULL;

    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        er_eco4_measure_row *rows = er_realloc(a->rows, cap * sizeof *rows);
        char **texts = rows ? er_realloc(a->texts, cap * sizeof *texts) : NULL;

        if (rows)
            a->rows = rows;
        if (!rows || !texts) {
            a->oom = true;
            return 1;
        }
        a->texts = texts;
        a->cap = cap;
    }
    memset(&a->rows[a->n], 0, sizeof a->rows[a->n]);
    if (cells_parse(m->row_json, ER_ECO4M_COL_COUNT, a->rows[a->n].col, &text) != ER_OK) {
        a->oom = true; /* an approved row that cannot be read cannot be scored */
        return 1;
    }
    a->texts[a->n++] = text;
    return 0;
}

static void approved_free(struct approved *a)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        er_free(a->texts[i]);
    er_free(a->texts);
    er_free(a->rows);
}

static er_methodology method_of(const char *cell)
{
    if (strcasecmp(cell, "Alternative") == 0)
        return ER_METHOD_ALTERNATIVE;
    if (strcasecmp(cell, "Data Light") == 0)
        return ER_METHOD_DATA_LIGHT;
    return ER_METHOD_STANDARD;
}

/* The measures of the quote, from the approved rows. */
static void quote_measures(const struct approved *a, er_quote_measure *q)
{
    size_t i;

    for (i = 0; i < a->n; i++) {
        const char *const *c = a->rows[i].col;

        q[i].mrn = c[ER_ECO4M_MRN];
        q[i].measure_type = c[ER_ECO4M_MEASURE_TYPE];
        q[i].pre_heating = cell_given(c[ER_ECO4M_PRE_HEATING]) ? c[ER_ECO4M_PRE_HEATING] : "N/A";
        q[i].post_heating = cell_given(c[ER_ECO4M_POST_HEATING]) ? c[ER_ECO4M_POST_HEATING] : "N/A";
        q[i].popt = cell_popt(c[ER_ECO4M_POPT]);
        /* ECO4 Order art. 58: which uplift an innovation measure number
         * carries (25% or 45%) is not notified; taken as the standard
         * 25% (to confirm when Ofgem's list of numbers is loaded). */
        q[i].innovation = cell_given(c[ER_ECO4M_INNOVATION_NUMBER]) ? ER_INNOVATION_STANDARD
                                                                : ER_INNOVATION_NONE;
        q[i].method = method_of(c[ER_ECO4M_METHODOLOGY]);
    }
}

/* The project's terms, from its stored row. */
static void quote_project(const er_eco4_project_row *r, er_quote_input *in)
{
    const char *const *c = r->col;
    char *end;
    long area;

    errno = 0;
    area = strtol(c[ER_ECO4P_FLOOR_AREA], &end, 10);
    in->floor_area = !errno && end != c[ER_ECO4P_FLOOR_AREA] && !*end ? (double)area : 0;
    in->starting_sap_tenths = cell_sap_tenths(c[ER_ECO4P_STARTING_SAP]);
    in->finishing_sap_tenths = cell_sap_tenths(c[ER_ECO4P_FINISHING_SAP]);
    /* not a column: derived from the postcode (docs/eco4_templates.md);
     * a cross-border area is taken as England, where no OGR applies */
    if (!er_nation_of_postcode(c[ER_ECO4P_POST_CODE], &in->nation))
        in->nation = ER_NATION_ENGLAND;
    in->rural = cell_yes(c[ER_ECO4P_RURAL]);
    in->off_gas = cell_yes(c[ER_ECO4P_OFF_GAS]);
    in->declaration_route = cell_yes(c[ER_ECO4P_ART21_DECLARATION]); /* art. 55: C = 1.1 */
    if (er_date_parse_dmy(c[ER_ECO4P_COMPLETION_DATE], &in->completion) != ER_OK)
        in->completion = ER_DATE_NONE;
}

static int count_revoked(void *ctx, const er_measure_rec *m)
{
    (void)m;
    ((struct approved *)ctx)->revoked++;
    return 0;
}

/* Writes the decision's payload from a quote (or none: no approved
 * measure); the FPS only when `mr`. */
static void write_payload(er_jsonw *w, bool mr, const er_quote_result *q,
                          const er_quote_input *in, size_t revoked)
{
    bool fps = mr && q && q->has_fps;
    char num[32];
    int64_t p;
    size_t i;

    er_jsonw_lit(w, "{\"minimum_requirement_met\":");
    er_jsonw_lit(w, mr ? "true" : "false");
    snprintf(num, sizeof num, "%zu", revoked);
    er_jsonw_lit(w, ",\"measures_revoked\":");
    er_jsonw_lit(w, num);
    er_jsonw_lit(w, ",\"fps\":");
    if (fps && er_q_round(q->full_project_score, 100, &p) == ER_OK)
        er_jsonw_pennies(w, p);
    else
        er_jsonw_lit(w, "null");
    er_jsonw_lit(w, ",\"pps\":[");
    for (i = 0; q && i < in->n_measures; i++) {
        er_jsonw_lit(w, i ? ",{\"mrn\":" : "{\"mrn\":");
        er_jsonw_string(w, in->measures[i].mrn);
        er_jsonw_lit(w, ",\"pps\":");
        if (er_q_round(q->measures[i].partial_project_score, 100, &p) == ER_OK)
            er_jsonw_pennies(w, p);
        else
            er_jsonw_lit(w, "null");
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "],\"pps_total\":");
    er_jsonw_pennies(w, q && er_q_round(q->pps_total, 100, &p) == ER_OK ? p : 0);
    er_jsonw_lit(w, ",\"score\":");
    er_jsonw_pennies(w, q && er_q_round(fps ? q->full_project_score : q->pps_total, 100, &p) ==
                                 ER_OK ? p : 0);
    er_jsonw_lit(w, "}");
}

/* ECO4 Order art. 10(3): flexible eligibility (LA and supplier flex) and
 * the art. 21 declaration route; seed 001 "total EFG minimum requirement":
 * premises starting in band E, F or G, not in-fill. */
static uint32_t project_tags(const er_eco4_project_row *r)
{
    const char *elig = r->col[ER_ECO4P_ELIGIBILITY_TYPE];
    int sap = cell_sap_tenths(r->col[ER_ECO4P_STARTING_SAP]);
    uint32_t t = 0;

    if (strcasecmp(elig, "LA Flex") == 0 || strcasecmp(elig, "Supplier Flex") == 0 ||
        cell_yes(r->col[ER_ECO4P_ART21_DECLARATION]))
        t |= ER_TAG_FLEX;
    if (sap >= 0 && er_sap_band(sap) <= ER_BAND_HIGH_E && strcasecmp(elig, "In-fill") != 0)
        t |= ER_TAG_EFG;
    return t;
}

/* Seed 001 "solid wall minimum requirement": the PPS matrix's solid wall
 * insulation types are named "..._solid_..." (EWI_solid_1.7_0.3). */
static bool solid_wall(const char *measure_type)
{
    return strstr(measure_type, "_solid_") != NULL;
}

/* ECO4 Order art. 46, 72: a building fabric repair measure (the PPS
 * matrix's "Fixed Value Increase" rows BFR_Low ... BFR_Highest, as
 * er_quote_project scores them). */
static bool bfr(const char *measure_type)
{
    return strncmp(measure_type, "BFR_", 4) == 0;
}

/* ECO4 Order art. 60: an innovation uplift counts only while the supplier's
 * uplifts for the same innovation measure description stay under 5% of its
 * obligation, so each is an award of its own (ER_TAG_INNOVATION, keyed by
 * the measure's innovation number).  `q` scored every measure with its
 * uplift; *base is scored with none.  uplift[i] is what measure i's uplift
 * adds, in pence: to its PPS, or, with `fps`, to the FPS (quoted with that
 * measure's uplift alone), the last taking the rounding so that the base
 * and the uplifts add up to q's score.  `m` is in->measures, changed and
 * restored. */
static er_status split_innovation(const er_scheme *eco4, er_quote_input *in, er_quote_measure *m,
                                  const er_quote_result *q, bool fps, er_quote_result *base,
                                  er_quote_result *one, int64_t *uplift)
{
    er_innovation *had = er_calloc(in->n_measures, sizeof *had);
    int64_t with = 0, without = 0, shared = 0;
    size_t i, last = in->n_measures;
    er_status rc = had ? ER_OK : ER_ENOMEM;

    for (i = 0; !rc && i < in->n_measures; i++) {
        had[i] = m[i].innovation;
        m[i].innovation = ER_INNOVATION_NONE;
    }
    if (!rc && !(rc = er_quote_project(eco4, in, base)) && fps &&
        !(rc = er_q_round(q->full_project_score, 100, &with)))
        rc = er_q_round(base->full_project_score, 100, &without);
    for (i = 0; !rc && i < in->n_measures; i++) {
        int64_t a = 0, b = 0;

        uplift[i] = 0;
        if (had[i] == ER_INNOVATION_NONE)
            continue;
        if (!fps) {
            if (!(rc = er_q_round(q->measures[i].partial_project_score, 100, &a)))
                rc = er_q_round(base->measures[i].partial_project_score, 100, &b);
            uplift[i] = a - b;
            continue;
        }
        m[i].innovation = had[i];
        if (!(rc = er_quote_project(eco4, in, one)) &&
            !(rc = er_q_round(one->full_project_score, 100, &a)))
            uplift[i] = a - without;
        m[i].innovation = ER_INNOVATION_NONE;
        shared += uplift[i];
        last = i;
    }
    if (!rc && last < in->n_measures)
        uplift[last] += with - without - shared;
    for (i = 0; had && i < in->n_measures; i++)
        m[i].innovation = had[i];
    er_free(had);
    return rc;
}

/* An award of `amount` for `subject`, completed `completed`, into b. */
static er_ledger_row *award(ledger_batch *b, const char *holder, const char *subject,
                            int64_t amount, uint32_t tags, er_date completed)
{
    er_ledger_row *r = ledger_add(b, ER_SCHEME_ECO4, "award", holder, subject);

    if (r) {
        r->amount = amount;
        r->tags = tags;
        r->completed = completed;
    }
    return r;
}

/* Measure i's innovation uplift (uplift[i] pence, when it has one) as an
 * award of its own, "PROJECT/MRN#innovation", under the tags of the score
 * it adds to but counted apart from it (not a data-light award). */
static er_status uplift_row(const er_project_rec *p, const char *holder, const char *const *c,
                            const int64_t *uplift, size_t i, uint32_t tags, er_date completed,
                            ledger_batch *b)
{
    char subject[ER_EVENT_TEXT_MAX], uplift_subject[ER_EVENT_TEXT_MAX];
    er_ledger_row *r;

    if (!uplift || !cell_given(c[ER_ECO4M_INNOVATION_NUMBER]) || uplift[i] <= 0)
        return ER_OK;
    eco4_pps_subject(p->project_id, c[ER_ECO4M_MRN], subject);
    ledger_part_subject(subject, LEDGER_PART_INNOVATION, uplift_subject);
    if (!(r = award(b, holder, uplift_subject, uplift[i],
                    (tags & ~(uint32_t)ER_TAG_DATA_LIGHT) | ER_TAG_INNOVATION, completed)))
        return ER_ENOMEM;
    snprintf(r->key, sizeof r->key, "%s", c[ER_ECO4M_INNOVATION_NUMBER]);
    return ER_OK;
}

/* ECO4 Order art. 46: the increase a building fabric repair measure adds
 * to an FPS (its matrix value, art. 55's BFR) counts only up to 0.5% of the
 * obligation, so each is an award of its own, "PROJECT/MRN#bfr", taken out
 * of *fps (pence). */
static er_status bfr_rows(const er_project_rec *p, const char *holder, const struct approved *a,
                          const er_quote_result *base, uint32_t tags, er_date completed,
                          int64_t *fps, ledger_batch *b)
{
    char subject[ER_EVENT_TEXT_MAX], part[ER_EVENT_TEXT_MAX];
    int64_t amount;
    size_t i;
    er_status rc;

    for (i = 0; i < a->n; i++) {
        const char *const *c = a->rows[i].col;

        if (!bfr(c[ER_ECO4M_MEASURE_TYPE]))
            continue;
        if ((rc = er_q_round(base->measures[i].cost_savings, 100, &amount)) != ER_OK)
            return rc;
        eco4_pps_subject(p->project_id, c[ER_ECO4M_MRN], subject);
        ledger_part_subject(subject, LEDGER_PART_BFR, part);
        if (!award(b, holder, part, amount, tags | ER_TAG_BFR, completed))
            return ER_ENOMEM;
        *fps -= amount;
    }
    return ER_OK;
}

/* The awards of the decision: the FPS of the project, or each measure's
 * PPS (a partial project score, art. 10(3)), scored without innovation
 * uplifts (`base`); each uplift apart (uplift: NULL when none). */
static er_status award_rows(const er_project_rec *p, const char *holder, const er_quote_input *in,
                            const struct approved *a, const er_quote_result *base,
                            const int64_t *uplift, uint32_t tags, bool fps, ledger_batch *b,
                            er_error *err)
{
    char subject[ER_EVENT_TEXT_MAX];
    er_ledger_row *r;
    int64_t amount;
    size_t i;
    bool solid = false;

    for (i = 0; i < a->n; i++)
        solid = solid || solid_wall(a->rows[i].col[ER_ECO4M_MEASURE_TYPE]);
    if (fps) {
        tags |= solid ? ER_TAG_SOLID_WALL : 0;
        if (er_q_round(base->full_project_score, 100, &amount) != ER_OK ||
            bfr_rows(p, holder, a, base, tags, in->completion, &amount, b) != ER_OK ||
            !award(b, holder, p->project_id, amount, tags, in->completion))
            return er_error_set(err, b->oom ? ER_ENOMEM : ER_ERANGE, 0, "", "project %s: "
                                "its score cannot be recorded", p->project_id);
        for (i = 0; i < a->n; i++)
            if (uplift_row(p, holder, a->rows[i].col, uplift, i, tags, in->completion, b))
                return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        return ER_OK;
    }
    for (i = 0; i < a->n; i++) {
        const char *const *c = a->rows[i].col;
        uint32_t t = tags | ER_TAG_PARTIAL |
                     (solid_wall(c[ER_ECO4M_MEASURE_TYPE]) ? ER_TAG_SOLID_WALL : 0) |
                     (bfr(c[ER_ECO4M_MEASURE_TYPE]) ? ER_TAG_BFR : 0);
        er_date completed;

        if (er_date_parse_dmy(c[ER_ECO4M_COMPLETION_DATE], &completed) != ER_OK)
            completed = in->completion;
        eco4_pps_subject(p->project_id, c[ER_ECO4M_MRN], subject);
        if (er_q_round(base->measures[i].partial_project_score, 100, &amount) != ER_OK ||
            !(r = award(b, holder, subject, amount, t, completed)))
            return er_error_set(err, b->oom ? ER_ENOMEM : ER_ERANGE, 0, "",
                                "measure %s: "
                                "its score cannot be recorded",
                                c[ER_ECO4M_MRN]);
        if (in->measures[i].method == ER_METHOD_DATA_LIGHT) {
            r->tags |= ER_TAG_DATA_LIGHT; /* Table iv: per description */
            snprintf(r->key, sizeof r->key, "%s", c[ER_ECO4M_MEASURE_TYPE]);
        }
        if (uplift_row(p, holder, c, uplift, i, t, completed, b))
            return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    return ER_OK;
}

/* The awards of the decision from quote `q` (award_rows), its innovation
 * uplifts split off when a measure has one. */
static er_status awards_of(const er_scheme *eco4, const er_project_rec *p, const char *holder,
                           er_quote_input *in, er_quote_measure *qm, const struct approved *a,
                           const er_quote_result *q, uint32_t tags, bool fps, ledger_batch *b,
                           er_error *err)
{
    size_t i, n = a->n ? a->n : 1;
    bool innovation = false;
    er_quote_result *base = NULL, *one = NULL;
    int64_t *uplift = NULL;
    er_status rc;

    for (i = 0; i < a->n; i++)
        innovation = innovation || qm[i].innovation != ER_INNOVATION_NONE;
    if (!innovation)
        return award_rows(p, holder, in, a, q, NULL, tags, fps, b, err);
    base = er_calloc(2, sizeof *base);
    uplift = er_calloc(n, sizeof *uplift);
    if (base && uplift && (base[0].measures = er_calloc(n, sizeof *base[0].measures)) &&
        (base[1].measures = er_calloc(n, sizeof *base[1].measures))) {
        one = &base[1];
        rc = split_innovation(eco4, in, qm, q, fps, &base[0], one, uplift);
        rc = rc ? er_error_set(err, rc, 0, "",
                               "project %s: its innovation uplifts cannot be "
                               "scored apart: %s",
                               p->project_id, er_strerror(rc))
                : award_rows(p, holder, in, a, &base[0], uplift, tags, fps, b, err);
    } else {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    if (base) {
        er_free(base[0].measures);
        er_free(base[1].measures);
    }
    er_free(base);
    er_free(uplift);
    return rc;
}

/* Quotes the project with its approved measures into `payload`. */
static er_status quote(const er_scheme *eco4, const er_project_rec *p, const char *holder,
                       er_quote_input *in, const struct approved *a, uint32_t tags,
                       er_jsonw *payload, const char **state, ledger_batch *awards, er_error *err)
{
    er_quote_measure *qm = er_calloc(a->n ? a->n : 1, sizeof *qm);
    er_quote_measure_result *qr = er_calloc(a->n ? a->n : 1, sizeof *qr);
    er_quote_result *q = er_calloc(1, sizeof *q);
    bool mr;
    er_status rc = ER_ENOMEM;

    if (!qm || !qr || !q) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    quote_measures(a, qm);
    in->n_measures = a->n;
    in->measures = qm;
    q->measures = qr;
    /* seed 002 4.13: the FPS is revoked when "a measure being rejected"
     * leaves the project "no longer meeting the minimum requirement".  The
     * finishing rating was assessed with every notified measure installed
     * and no assessment without a revoked one is notified, so a project
     * with a revoked measure is taken as no longer meeting it (to
     * confirm: a re-assessment could be notified as an edit). */
    mr = er_eco4_minimum_requirement_met(eco4, in->starting_sap_tenths,
                                         in->finishing_sap_tenths) && a->revoked == 0;
    if (a->n && (rc = er_quote_project(eco4, in, q)) != ER_OK) {
        rc = er_error_set(err, rc, 0, q->n_errors ? q->errors[0].field : "",
                          "project %s cannot be scored: %s", p->project_id,
                          q->n_errors ? q->errors[0].message : er_strerror(rc));
        goto done;
    }
    rc = ER_OK;
    write_payload(payload, mr, a->n ? q : NULL, in, a->revoked);
    *state = mr && a->n && q->has_fps ? ECO4_FPS_AWARDED : ECO4_PPS_ONLY;
    if (awards && a->n)
        rc = awards_of(eco4, p, holder, in, qm, a, q, tags, strcmp(*state, ECO4_FPS_AWARDED) == 0,
                       awards, err);
done:
    er_free(qm);
    er_free(qr);
    er_free(q);
    return rc;
}

/* True when `b` holds `r`'s award unchanged (marking it kept). */
static bool kept(ledger_batch *b, const er_ledger_row *r, bool *keep)
{
    size_t i;

    for (i = 0; i < b->n; i++)
        if (!keep[i] && strcmp(b->rows[i].subject, r->subject) == 0 &&
            strcmp(b->rows[i].supplier, r->supplier) == 0 && b->rows[i].amount == r->amount &&
            b->rows[i].tags == r->tags && strcmp(b->rows[i].key, r->key) == 0 &&
            b->rows[i].completed == r->completed)
            return keep[i] = true;
    return false;
}

/* A decision's withdrawals being worked out (decision_rows). */
struct withdrawing {
    er_store *s;
    ledger_batch *awards, *out;
    bool *keep;
    bool fps;
    er_status rc;
};

/* Withdraws what counts of `subject` unless the decision keeps it: a
 * measure's PPS is superseded by an FPS (seed 002 4.13), else revoked. */
static er_status withdraw(struct withdrawing *w, const char *subject, bool measure)
{
    er_ledger_row cur;
    bool found;
    er_status rc = ledger_current(w->s, ER_SCHEME_ECO4, subject, &cur, &found);

    if (rc || !found || kept(w->awards, &cur, w->keep))
        return rc;
    return ledger_take_back(w->out, w->fps && measure ? "supersede" : "revoke", &cur);
}

/* Each measure of the project (any state): the subjects its PPS, and the
 * parts of its scores that count apart, may count as. */
static int withdraw_measure(void *ctx, const er_measure_rec *m)
{
    struct withdrawing *w = ctx;
    char subject[ER_EVENT_TEXT_MAX], subjects[LEDGER_SUBJECTS][ER_EVENT_TEXT_MAX];
    size_t i;

    eco4_pps_subject(m->project_id, m->mrn, subject);
    ledger_subjects(subject, subjects);
    for (i = 0; !w->rc && i < LEDGER_SUBJECTS; i++)
        w->rc = withdraw(w, subjects[i], true);
    return w->rc != ER_OK;
}

/* Into `out`: the withdrawals of what counts of project p that `awards`
 * does not keep, then the awards not already counting. */
static er_status decision_rows(er_store *s, const er_project_rec *p, bool fps,
                               ledger_batch *awards, ledger_batch *out, er_error *err)
{
    er_measure_filter f = { .scheme = ER_SCHEME_ECO4, .completed_from = ER_DATE_NONE,
                            .completed_to = ER_DATE_NONE };
    struct withdrawing w = { .s = s, .awards = awards, .out = out, .fps = fps };
    size_t i;
    er_status rc = ER_OK;

    snprintf(f.project_id, sizeof f.project_id, "%s", p->project_id);
    if (!(w.keep = er_calloc(awards->n + 1, sizeof *w.keep)))
        rc = ER_ENOMEM;
    /* the project's own subject (its FPS), then its measures' */
    if (!rc)
        rc = withdraw(&w, p->project_id, false);
    if (!rc && (rc = er_store_measure_each(s, &f, withdraw_measure, &w)) == ER_OK)
        rc = w.rc;
    for (i = 0; !rc && i < awards->n; i++)
        if (!w.keep[i])
            rc = ledger_push(out, &awards->rows[i]);
    if (rc)
        rc = er_error_set(err, rc, 0, "project", "%s: its ledger: %s", p->project_id,
                          er_strerror(rc));
    er_free(w.keep);
    return rc;
}

er_status eco4_score(er_store *s, const er_scheme *eco4, const er_project_rec *p,
                     er_jsonw *payload, const char **state, ledger_batch *ledger, er_error *err)
{
    er_measure_filter f = { .scheme = ER_SCHEME_ECO4, .state = "approved",
                            .completed_from = ER_DATE_NONE, .completed_to = ER_DATE_NONE };
    er_eco4_project_row row = { .row = 0 };
    er_quote_input in = { .project_id = p->project_id };
    struct approved a = { .n = 0 };
    ledger_batch awards = { 0 };
    char *text = NULL, holder[ER_SUPPLIER_CODE_MAX];
    er_status rc;

    payload->len = 0;
    if ((rc = cells_parse(p->content_json, ER_ECO4P_COL_COUNT, row.col, &text)) != ER_OK) {
        rc = er_error_set(err, rc, 0, "", "project %s: its stored row cannot be read",
                          p->project_id);
        goto done;
    }
    snprintf(f.project_id, sizeof f.project_id, "%s", p->project_id);
    rc = er_store_measure_each(s, &f, add_approved, &a);
    snprintf(f.state, sizeof f.state, "revoked");
    if (rc == ER_OK && !a.oom)
        rc = er_store_measure_each(s, &f, count_revoked, &a);
    if (rc || a.oom) {
        rc = er_error_set(err, rc ? rc : ER_ENOMEM, 0, "", "project %s: its measures: %s",
                          p->project_id, er_strerror(rc ? rc : ER_ENOMEM));
        goto done;
    }
    quote_project(&row, &in);
    /* a transferred project's scores go to the supplier holding it */
    if ((rc = move_holder(s, "project", p->project_id, p->supplier, holder)) != ER_OK) {
        rc = er_error_set(err, rc, 0, "", "project %s: its events: %s", p->project_id,
                          er_strerror(rc));
        goto done;
    }
    if ((rc = quote(eco4, p, holder, &in, &a, project_tags(&row), payload, state,
                    ledger ? &awards : NULL, err)) == ER_OK &&
        payload->oom)
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    if (rc == ER_OK && ledger)
        rc = decision_rows(s, p, strcmp(*state, ECO4_FPS_AWARDED) == 0, &awards, ledger, err);
done:
    ledger_batch_free(&awards);
    approved_free(&a);
    er_free(text);
    return rc;
}

/* The payload of the project's latest decision (decided, redecided), into
 * `out` (reset first). */
static int last_decision(void *ctx, const er_event *ev)
{
    er_jsonw *out = ctx;

    if (strcmp(ev->kind, "decided") == 0 || strcmp(ev->kind, "redecided") == 0) {
        out->len = 0;
        er_jsonw_lit(out, ev->payload ? ev->payload : "");
    }
    return 0;
}

er_status eco4_redecide(er_store *s, const er_scheme *eco4, const er_act *act,
                        const char *project_id, const char *reason, er_error *err)
{
    er_project_rec p;
    er_jsonw now = { 0 }, before = { 0 };
    ledger_batch ledger = { 0 };
    const char *state = NULL;
    er_status rc;

    memset(&p, 0, sizeof p);
    if ((rc = er_store_project_get(s, project_id, &p)) != ER_OK) {
        rc = rc == ER_ENOTFOUND ? ER_OK : er_error_set(err, rc, 0, "project", "%s: %s",
                                                        project_id, er_strerror(rc));
        goto done;
    }
    if (strcmp(p.state, ECO4_FPS_AWARDED) != 0 && strcmp(p.state, ECO4_PPS_ONLY) != 0)
        goto done;
    if (!eco4) {
        rc = er_error_set(err, ER_EINVAL, 0, "scheme", "project %s is decided: re-deciding it "
                          "needs the ECO4 scheme (er_register_decide_with)", project_id);
        goto done;
    }
    if ((rc = eco4_score(s, eco4, &p, &now, &state, &ledger, err)) != ER_OK)
        goto done;
    er_jsonw_lit(&before, "");
    if ((rc = er_store_events(s, "project", project_id, last_decision, &before)) != ER_OK) {
        rc = er_error_set(err, rc, 0, "project", "%s: %s", project_id, er_strerror(rc));
        goto done;
    }
    if (strcmp(state, p.state) == 0 && ledger.n == 0 && before.p &&
        (strcmp(before.p, now.p) == 0 || ledger_payload_same(before.p, now.p)))
        goto done; /* nothing changed */
    rc = eco4_project_move(s, act, &p, "redecided", state, reason, now.p, &ledger, err);
done:
    ledger_batch_free(&ledger);
    er_jsonw_free(&now);
    er_jsonw_free(&before);
    er_store_project_free(&p);
    return rc;
}

void eco4_pps_subject(const char *project_id, const char *mrn, char out[ER_EVENT_TEXT_MAX])
{
    snprintf(out, ER_EVENT_TEXT_MAX, "%.40s/%.22s", project_id, mrn);
}
