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

/* A SAP rating cell ("54.5", "60") in tenths; -1 when not a rating. */
static int sap_tenths(const char *cell)
{
    er_q q;
    int64_t t;

    if (er_q_parse(cell, &q) != ER_OK || er_q_round(q, 10, &t) != ER_OK || t < 0 || t > 2000)
        return -1;
    return (int)t;
}

static bool yes(const char *cell)
{
    return strcasecmp(cell, "Yes") == 0;
}

/* "67+" or 1-66 (docs/eco4_templates.md column 9). */
static er_popt popt_of(const char *cell)
{
    er_popt p = { .full = true, .percent = 100 };
    char *end;
    long v;

    if (strcmp(cell, "67+") == 0)
        return p;
    errno = 0;
    v = strtol(cell, &end, 10);
    if (!errno && end != cell && !*end && v >= 1 && v <= 100) {
        p.full = false;
        p.percent = (int)v;
    }
    return p;
}

static er_methodology method_of(const char *cell)
{
    if (strcasecmp(cell, "Alternative") == 0)
        return ER_METHOD_ALTERNATIVE;
    if (strcasecmp(cell, "Data Light") == 0)
        return ER_METHOD_DATA_LIGHT;
    return ER_METHOD_STANDARD;
}

static bool given(const char *cell)
{
    return *cell && strcasecmp(cell, "N/A") != 0;
}

/* The measures of the quote, from the approved rows. */
static void quote_measures(const struct approved *a, er_quote_measure *q)
{
    size_t i;

    for (i = 0; i < a->n; i++) {
        const char *const *c = a->rows[i].col;

        q[i].mrn = c[ER_ECO4M_MRN];
        q[i].measure_type = c[ER_ECO4M_MEASURE_TYPE];
        q[i].pre_heating = given(c[ER_ECO4M_PRE_HEATING]) ? c[ER_ECO4M_PRE_HEATING] : "N/A";
        q[i].post_heating = given(c[ER_ECO4M_POST_HEATING]) ? c[ER_ECO4M_POST_HEATING] : "N/A";
        q[i].popt = popt_of(c[ER_ECO4M_POPT]);
        /* ECO4 Order art. 58: which uplift an innovation measure number
         * carries (25% or 45%) is not notified; taken as the standard
         * 25% (to confirm when Ofgem's list of numbers is loaded). */
        q[i].innovation = given(c[ER_ECO4M_INNOVATION_NUMBER]) ? ER_INNOVATION_STANDARD
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
    in->starting_sap_tenths = sap_tenths(c[ER_ECO4P_STARTING_SAP]);
    in->finishing_sap_tenths = sap_tenths(c[ER_ECO4P_FINISHING_SAP]);
    /* not a column: derived from the postcode (docs/eco4_templates.md);
     * a cross-border area is taken as England, where no OGR applies */
    if (!er_nation_of_postcode(c[ER_ECO4P_POST_CODE], &in->nation))
        in->nation = ER_NATION_ENGLAND;
    in->rural = yes(c[ER_ECO4P_RURAL]);
    in->off_gas = yes(c[ER_ECO4P_OFF_GAS]);
    in->declaration_route = yes(c[ER_ECO4P_ART21_DECLARATION]); /* art. 55: C = 1.1 */
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

/* Quotes the project with its approved measures into `payload`. */
static er_status quote(const er_scheme *eco4, const er_project_rec *p, er_quote_input *in,
                       const struct approved *a, er_jsonw *payload, const char **state,
                       er_error *err)
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
done:
    er_free(qm);
    er_free(qr);
    er_free(q);
    return rc;
}

er_status eco4_score(er_store *s, const er_scheme *eco4, const er_project_rec *p,
                     er_jsonw *payload, const char **state, er_error *err)
{
    er_measure_filter f = { .scheme = ER_SCHEME_ECO4, .state = "approved",
                            .completed_from = ER_DATE_NONE, .completed_to = ER_DATE_NONE };
    er_eco4_project_row row = { .row = 0 };
    er_quote_input in = { .project_id = p->project_id };
    struct approved a = { .n = 0 };
    char *text = NULL;
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
    if ((rc = quote(eco4, p, &in, &a, payload, state, err)) == ER_OK && payload->oom)
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
done:
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
                          "needs the ECO4 scheme (er_register_decide_eco4)", project_id);
        goto done;
    }
    if ((rc = eco4_score(s, eco4, &p, &now, &state, err)) != ER_OK)
        goto done;
    er_jsonw_lit(&before, "");
    if ((rc = er_store_events(s, "project", project_id, last_decision, &before)) != ER_OK) {
        rc = er_error_set(err, rc, 0, "project", "%s: %s", project_id, er_strerror(rc));
        goto done;
    }
    if (strcmp(state, p.state) == 0 && before.p && strcmp(before.p, now.p) == 0)
        goto done; /* nothing changed */
    rc = eco4_project_move(s, act, &p, "redecided", state, reason, now.p, err);
done:
    er_jsonw_free(&now);
    er_jsonw_free(&before);
    er_store_project_free(&p);
    return rc;
}
