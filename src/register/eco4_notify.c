/*
 * eco4_notify.c: ECO4 project and measure files recorded in the register,
 * as notify.c records GBIS files: one transaction per file, every row
 * checked first (against the file and the register as it was before the
 * file, eco4_view.c), then each row written with its event or answered
 * `exists` / `conflict`.  A project's Completion Notification completes it
 * and decides its score (eco4_score.c) in the same transaction.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "eco4_reg.h"
#include "ecoreg/alloc.h"
#include "ecoreg/jsonw.h"

/* Purposes that change how a row is taken (docs/eco4_templates.md). */
#define PURPOSE_EDIT "Edited Notification"
#define PURPOSE_COMPLETION "Completion Notification"
#define PURPOSE_LATE "Automatic Late Extension"

#define PROGRESS_EVERY 256

/* The buffers one row's write uses, reused from row to row. */
struct scratch {
    er_jsonw row, payload, score;
    char hash[65];
};

/* The payload of the row's event (cells_payload()). */
static er_status notified_payload(struct scratch *w, const char *failures, er_error *err)
{
    cells_payload(&w->payload, &w->row, failures, w->hash);
    return w->payload.oom || w->row.oom ? er_error_set(err, ER_ENOMEM, 0, "", "out of memory")
                                        : ER_OK;
}

/* ---- checking (phase 1) ------------------------------------------- */

struct collect {
    er_notify_result *res;
    er_jsonw text;
    const char *(*column_name)(int c);
};

static const char *pcol_name(int c)
{
    return er_eco4_project_column_name((er_eco4_pcol)c);
}

static const char *mcol_name(int c)
{
    return er_eco4_measure_column_name((er_eco4_mcol)c);
}

static void collect_row(void *ctx, size_t i, const er_eco4_outcome *o)
{
    struct collect *k = ctx;
    size_t j, n = o->n_failures < ER_ECO4_FAILURES_MAX ? o->n_failures : ER_ECO4_FAILURES_MAX;

    k->res->n_failures[i] = o->n_failures;
    k->res->failures_at[i] = k->text.len;
    er_jsonw_lit(&k->text, "[");
    for (j = 0; j < n; j++) {
        er_jsonw_lit(&k->text, j ? ",{\"rule\":" : "{\"rule\":");
        er_jsonw_string(&k->text, o->failures[j].rule);
        er_jsonw_lit(&k->text, ",\"field\":");
        er_jsonw_string(&k->text, k->column_name(o->failures[j].column));
        er_jsonw_lit(&k->text, ",\"message\":");
        er_jsonw_string(&k->text, o->failures[j].message);
        er_jsonw_lit(&k->text, "}");
    }
    er_jsonw_lit(&k->text, "]");
    er_jsonw_raw(&k->text, "", 1); /* NUL between rows */
}

static er_status result_new(er_notify_result *res, size_t n, er_error *err)
{
    res->n = n;
    res->status = er_calloc(n ? n : 1, sizeof *res->status);
    res->n_failures = er_calloc(n ? n : 1, sizeof *res->n_failures);
    res->failures_at = er_calloc(n ? n : 1, sizeof *res->failures_at);
    if (!res->status || !res->n_failures || !res->failures_at)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    return ER_OK;
}

/* Checks the rows of template `tmpl` against the file and the register. */
static er_status check_all(er_store *s, const er_scheme *eco4, const er_act *act,
                           er_eco4_template tmpl, const void *rows, size_t n, er_notify_result *res,
                           er_error *err)
{
    er_eco4_context c = { .today = act->today,
                          .notifying_supplier = act->supplier,
                          .scheme = eco4 };
    struct collect k = { .res = res,
                         .column_name = tmpl == ER_ECO4_PROJECTS ? pcol_name : mcol_name };
    eco4_view *view = NULL;
    er_status rc;

    if ((rc = result_new(res, n, err)) != ER_OK)
        return rc;
    if (eco4_view_new(s, &view) != ER_OK)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    eco4_view_callbacks(view, &c.reg);
    rc = tmpl == ER_ECO4_PROJECTS ? er_eco4_check_projects_each(&c, rows, n, collect_row, &k)
                                  : er_eco4_check_measures_each(&c, rows, n, collect_row, &k);
    res->failures = k.text.p;
    eco4_view_free(view);
    if (rc || k.text.oom)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    return ER_OK;
}

/* ---- projects ------------------------------------------------------ */

/* Completes project `p` (checks_passed) with the row in w->row and
 * decides its score from its approved measures. */
static er_status complete_project(er_store *s, const er_scheme *eco4, const er_act *act,
                                  er_project_rec *p, struct scratch *w, er_error *err)
{
    ledger_batch ledger = { 0 };
    const char *state = NULL;
    er_status rc;

    if ((rc = notified_payload(w, "[]", err)) != ER_OK ||
        (rc = eco4_project_move(s, act, p, "completed", ECO4_COMPLETED,
                                "Completion Notification: checks passed", w->payload.p, NULL,
                                err)) != ER_OK ||
        (rc = eco4_score(s, eco4, p, &w->score, &state, &ledger, err)) != ER_OK)
        goto done;
    rc = eco4_project_move(s, act, p, "decided", state,
                           strcmp(state, ECO4_FPS_AWARDED) == 0
                               ? "minimum requirement met: the full project score"
                               : "no full project score: the measures' partial scores",
                           w->score.p, &ledger, err);
done:
    ledger_batch_free(&ledger);
    return rc;
}

/* What to do with a project row whose reference the register holds as
 * `held`: the event kind, or NULL for `exists` / `conflict` (*st). */
static const char *project_action(const er_project_rec *held, const er_eco4_project_row *r,
                                  const char *hash, er_row_status *st)
{
    const char *purpose = r->col[ER_ECO4P_PURPOSE];
    bool open =
        strcmp(held->state, ECO4_CHECKS_PASSED) == 0 || strcmp(held->state, ECO4_REJECTED) == 0;

    *st = ER_ROW_CONFLICT;
    if (strcmp(held->content_hash, hash) == 0)
        *st = ER_ROW_EXISTS;
    else if (open && strcasecmp(purpose, PURPOSE_EDIT) == 0)
        return "edited";
    else if (strcmp(held->state, ECO4_CHECKS_PASSED) == 0 &&
             strcasecmp(purpose, PURPOSE_COMPLETION) == 0)
        return "completed";
    return NULL;
}

/* An In-fill project's links to the projects supporting it (seed 002
 * 4.10), for a transfer to take them along (seed 004 ch. 5); kept once the
 * row passes its checks (ECO4P0131: each is a project reference). */
static er_status project_links(er_store *s, const er_eco4_project_row *r, er_error *err)
{
    const char *ref = r->col[ER_ECO4P_PROJECT_REF];
    int col;
    er_status rc = ER_OK;

    for (col = ER_ECO4P_INFILL_1; !rc && col <= ER_ECO4P_INFILL_3; col++)
        if (*r->col[col] && strcasecmp(r->col[col], "N/A") != 0)
            rc = er_store_link_put(s, ref, r->col[col], ER_LINK_PROJECT_INFILL, err);
    return rc;
}

/* Decides and writes project row i of the file. */
static er_status take_project(er_store *s, const er_scheme *eco4, const er_act *act,
                              const er_eco4_project_row *r, er_notify_result *res, size_t i,
                              struct scratch *w, er_error *err)
{
    const char *ref = r->col[ER_ECO4P_PROJECT_REF], *kind = "notified";
    const char *failures = res->failures + res->failures_at[i];
    size_t n_failures = res->n_failures[i];
    er_project_rec held, p;
    char reason[64];
    er_status rc;

    memset(&held, 0, sizeof held);
    w->row.len = 0;
    cells_json(&w->row, r->col, ER_ECO4P_COL_COUNT);
    cells_hash(&w->row, w->hash);
    rc = er_store_project_get(s, ref, &held);
    if (rc == ER_OK && !(kind = project_action(&held, r, w->hash, &res->status[i])))
        goto done;
    if (rc != ER_OK && rc != ER_ENOTFOUND) {
        rc = er_error_set(err, rc, r->row, "Project_Reference_Number", "%s", er_strerror(rc));
        goto done;
    }
    p = held; /* the content fields below are borrowed, `held` keeps its own */
    if (rc == ER_ENOTFOUND) {
        memset(&p, 0, sizeof p);
        snprintf(p.project_id, sizeof p.project_id, "%s", ref);
        p.scheme = ER_SCHEME_ECO4;
        snprintf(p.supplier, sizeof p.supplier, "%.3s", ref);
    }
    res->status[i] = n_failures ? ER_ROW_REJECTED : ER_ROW_RECORDED;
    p.failures_json = (char *)failures;
    if (strcmp(kind, "completed") == 0 && n_failures) {
        p.content_json = held.content_json; /* the content stays as it was */
        cells_reason(reason, sizeof reason, n_failures);
        rc = notified_payload(w, failures, err);
        if (rc == ER_OK)
            rc = eco4_project_move(s, act, &p, "completion_rejected", ECO4_CHECKS_PASSED, reason,
                                   w->payload.p, NULL, err);
        goto done;
    }
    p.content_json = w->row.p;
    snprintf(p.content_hash, sizeof p.content_hash, "%s", w->hash);
    if (strcmp(kind, "completed") == 0) {
        rc = complete_project(s, eco4, act, &p, w, err);
        goto done;
    }
    cells_reason(reason, sizeof reason, n_failures);
    if ((rc = notified_payload(w, failures, err)) == ER_OK)
        rc = eco4_project_move(s, act, &p, kind, n_failures ? ECO4_REJECTED : ECO4_CHECKS_PASSED,
                               reason, w->payload.p, NULL, err);
    if (rc == ER_OK && !n_failures)
        rc = project_links(s, r, err);
done:
    er_store_project_free(&held);
    return rc == ER_ENOTFOUND ? ER_OK : rc;
}

/* The transaction around the rows of a file; `take` writes row i. */
typedef er_status (*take_fn)(er_store *s, const er_scheme *eco4, const er_act *act,
                             const void *rows, er_notify_result *res, size_t i, struct scratch *w,
                             er_error *err);

static er_status take_project_at(er_store *s, const er_scheme *eco4, const er_act *act,
                                 const void *rows, er_notify_result *res, size_t i,
                                 struct scratch *w, er_error *err)
{
    return take_project(s, eco4, act, &((const er_eco4_project_row *)rows)[i], res, i, w, err);
}

/* ---- measures ------------------------------------------------------ */

/* Writes measure row r: its projection and its `notified`/`edited` event. */
static er_status write_measure(er_store *s, const er_act *act, const er_eco4_measure_row *r,
                               const char *failures, size_t n_failures, const char *from,
                               struct scratch *w, er_error *err)
{
    er_measure_rec m = { .scheme = ER_SCHEME_ECO4, .completion = ER_DATE_NONE };
    const char *mrn = r->col[ER_ECO4M_MRN];
    er_status rc;

    if ((rc = notified_payload(w, failures, err)) != ER_OK ||
        (rc = cells_append_notified(s, act, mrn, from, n_failures, w->payload.p, &m.row_event,
                                    err)) != ER_OK)
        return rc;
    snprintf(m.mrn, sizeof m.mrn, "%s", mrn);
    snprintf(m.supplier, sizeof m.supplier, "%.3s", mrn);
    snprintf(m.project_id, sizeof m.project_id, "%s", r->col[ER_ECO4M_PROJECT_REF]);
    snprintf(m.state, sizeof m.state, "%s", n_failures ? "rejected" : "recorded");
    snprintf(m.content_hash, sizeof m.content_hash, "%s", w->hash);
    er_date_parse_dmy(r->col[ER_ECO4M_COMPLETION_DATE], &m.completion);
    m.late_extension = strcasecmp(r->col[ER_ECO4M_PURPOSE], PURPOSE_LATE) == 0;
    m.last_event = m.row_event;
    return er_store_measure_put(s, &m, err);
}

/* Decides and writes measure row i of the file: the MRN as the store
 * holds it now (an earlier row of the file may have written it). */
static er_status take_measure_at(er_store *s, const er_scheme *eco4, const er_act *act,
                                 const void *rows, er_notify_result *res, size_t i,
                                 struct scratch *w, er_error *err)
{
    const er_eco4_measure_row *r = &((const er_eco4_measure_row *)rows)[i];
    char from[ER_STATE_MAX] = "";
    er_measure_rec m;
    er_status rc;

    (void)eco4;
    w->row.len = 0;
    cells_json(&w->row, r->col, ER_ECO4M_COL_COUNT);
    cells_hash(&w->row, w->hash);
    memset(&m, 0, sizeof m);
    rc = er_store_measure_get(s, r->col[ER_ECO4M_MRN], &m);
    if (rc == ER_OK) {
        bool same = strcmp(m.content_hash, w->hash) == 0;
        bool open = strcmp(m.state, "recorded") == 0 || strcmp(m.state, "rejected") == 0;

        snprintf(from, sizeof from, "%s", m.state);
        er_store_measure_free(&m);
        if (same || !open || strcasecmp(r->col[ER_ECO4M_PURPOSE], PURPOSE_EDIT) != 0) {
            res->status[i] = same ? ER_ROW_EXISTS : ER_ROW_CONFLICT;
            return ER_OK;
        }
    } else if (rc != ER_ENOTFOUND) {
        return er_error_set(err, rc, r->row, "Measure_Reference_Number", "%s", er_strerror(rc));
    }
    res->status[i] = res->n_failures[i] ? ER_ROW_REJECTED : ER_ROW_RECORDED;
    return write_measure(s, act, r, res->failures + res->failures_at[i], res->n_failures[i], from,
                         w, err);
}

/* ---- the file ------------------------------------------------------ */

static er_status notify_file(er_store *s, const er_scheme *eco4, er_eco4_template tmpl,
                             const void *rows, size_t n, const er_act *act, er_notify_result *out,
                             er_error *err)
{
    take_fn take = tmpl == ER_ECO4_PROJECTS ? take_project_at : take_measure_at;
    struct scratch w;
    er_status rc;
    size_t i;

    memset(&w, 0, sizeof w);
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return er_error_set(err, ER_EINVAL, 0, "", "libsodium could not start");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = check_all(s, eco4, act, tmpl, rows, n, out, err)) != ER_OK)
        goto done;
    for (i = 0; i < n; i++) {
        if ((rc = take(s, eco4, act, rows, out, i, &w, err)) != ER_OK)
            goto done;
        if (act->progress && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n))
            act->progress(act->progress_ctx, i + 1, n);
    }
    rc = er_store_commit(s, err);
done:
    if (rc) {
        er_store_rollback(s);
        er_notify_result_free(out);
    }
    er_jsonw_free(&w.row);
    er_jsonw_free(&w.payload);
    er_jsonw_free(&w.score);
    return rc;
}

er_status er_register_notify_eco4_projects(er_store *s, const er_scheme *eco4,
                                           const er_eco4_projects *f, const er_act *act,
                                           er_notify_result *out, er_error *err)
{
    return notify_file(s, eco4, ER_ECO4_PROJECTS, f->rows, f->n, act, out, err);
}

er_status er_register_notify_eco4_measures(er_store *s, const er_scheme *eco4,
                                           const er_eco4_measures *f, const er_act *act,
                                           er_notify_result *out, er_error *err)
{
    return notify_file(s, eco4, ER_ECO4_MEASURES, f->rows, f->n, act, out, err);
}
