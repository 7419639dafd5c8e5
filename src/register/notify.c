/*
 * notify.c: a GBIS notification file recorded in the register.
 *
 * One transaction for the whole file (DESIGN.md): the rows are checked
 * together (cross-row rules see the file and the register), then each row
 * is written with its event, or answered `exists` / `conflict` without a
 * write.  A kill, a full disk or an error part-way leaves the register as
 * it was: the store rolls the transaction back.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "ecoreg/alloc.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"

/* Ofgem's Purpose_of_Notification values that change how a row is taken
 * (PurposeOfNotificationConstants). */
#define PURPOSE_EDIT "Edited Notification"
#define PURPOSE_LATE "Automatic Late Extension"

/* Progress is reported every this many rows. */
#define PROGRESS_EVERY 256

static const char *const status_names[] = { "recorded", "rejected", "exists", "conflict" };

const char *er_row_status_name(er_row_status st)
{
    return st >= ER_ROW_RECORDED && st <= ER_ROW_CONFLICT ? status_names[st] : "?";
}

/* The buffers one row's write uses, reused from row to row. */
struct scratch {
    er_jsonw row, payload;
    er_register_view *view; /* the register as it was before this file */
    bool *repeated;         /* per row: its MRN appears on another row too */
};

/* Writes row r: its measure projection, its links and its event.
 * `failures` is its failures' JSON, `n_failures` how many. */
static er_status write_row(er_store *s, const er_act *act, const er_gbis_row *r,
                           const char *failures, size_t n_failures, const char *hash,
                           const char *from, struct scratch *w, er_error *err)
{
    static const er_gbis_col links[] = { ER_GBIS_INFILL_1, ER_GBIS_INFILL_2, ER_GBIS_INFILL_3,
                                         ER_GBIS_INSULATION_MRN };
    er_measure_rec m = { .scheme = ER_SCHEME_GBIS, .completion = ER_DATE_NONE };
    const char *mrn = r->col[ER_GBIS_MRN];
    er_status rc;
    size_t i;

    cells_payload(&w->payload, &w->row, failures, hash);
    if (w->payload.oom)
        return er_error_set(err, ER_ENOMEM, r->row, "", "out of memory");
    if ((rc = cells_append_notified(s, act, mrn, from, n_failures, w->payload.p, &m.row_event,
                                    err)) != ER_OK)
        return rc;
    snprintf(m.mrn, sizeof m.mrn, "%s", mrn);
    snprintf(m.supplier, sizeof m.supplier, "%.3s", mrn);
    snprintf(m.state, sizeof m.state, "%s", n_failures ? "rejected" : "recorded");
    snprintf(m.content_hash, sizeof m.content_hash, "%s", hash);
    er_date_parse_dmy(r->col[ER_GBIS_COMPLETION_DATE], &m.completion);
    m.late_extension = strcasecmp(r->col[ER_GBIS_PURPOSE], PURPOSE_LATE) == 0;
    m.last_event = m.row_event;
    if ((rc = er_store_measure_put(s, &m, err)) != ER_OK)
        return rc;
    for (i = 0; i < sizeof links / sizeof links[0]; i++)
        if (*r->col[links[i]] && strcasecmp(r->col[links[i]], "N/A") != 0 &&
            (rc = er_store_link_put(s, mrn, r->col[links[i]],
                                    links[i] == ER_GBIS_INSULATION_MRN ? "insulation" : "infill",
                                    err)) != ER_OK)
            return rc;
    return ER_OK;
}

/* The state and content hash held for `mrn` now: as the view read them
 * before this file, unless the MRN is on another row of the file too (an
 * earlier one may have written it): then as the store holds it now. */
static er_status held_now(er_store *s, er_register_view *view, bool repeated, const char *mrn,
                          char state[ER_STATE_MAX], char hash[65])
{
    er_measure_rec m;
    er_status rc;

    if (!repeated)
        return er_register_view_state(view, mrn, state, hash);
    memset(&m, 0, sizeof m);
    if ((rc = er_store_measure_get(s, mrn, &m)) == ER_OK) {
        memcpy(state, m.state, ER_STATE_MAX);
        memcpy(hash, m.content_hash, 65);
    }
    er_store_measure_free(&m);
    return rc;
}

/* Decides and writes row i of the file. */
static er_status take_row(er_store *s, const er_act *act, const er_gbis_row *r,
                          er_notify_result *res, size_t i, struct scratch *w, er_error *err)
{
    char hash[65], held_hash[65], from[ER_STATE_MAX] = "";
    const char *mrn = r->col[ER_GBIS_MRN];
    er_status rc;

    w->row.len = 0;
    cells_json(&w->row, r->col, ER_GBIS_COL_COUNT);
    if (w->row.oom)
        return er_error_set(err, ER_ENOMEM, r->row, "", "out of memory");
    cells_hash(&w->row, hash);
    rc = held_now(s, w->view, w->repeated[i], mrn, from, held_hash);
    if (rc == ER_OK) {
        bool same = strcmp(held_hash, hash) == 0;
        bool open = strcmp(from, "recorded") == 0 || strcmp(from, "rejected") == 0;

        if (same || !open || strcasecmp(r->col[ER_GBIS_PURPOSE], PURPOSE_EDIT) != 0) {
            res->status[i] = same ? ER_ROW_EXISTS : ER_ROW_CONFLICT;
            return ER_OK;
        }
    } else if (rc != ER_ENOTFOUND) {
        return er_error_set(err, rc, r->row, "Measure_Reference_Number", "%s", er_strerror(rc));
    }
    res->status[i] = res->n_failures[i] ? ER_ROW_REJECTED : ER_ROW_RECORDED;
    return write_row(s, act, r, res->failures + res->failures_at[i], res->n_failures[i], hash, from,
                     w, err);
}

/* Collects each row's checks while the file is checked (phase 1). */
struct collect {
    er_notify_result *res;
    er_jsonw text;
};

static void collect_row(void *ctx, size_t i, const er_gbis_outcome *o)
{
    struct collect *k = ctx;

    k->res->n_failures[i] = o->n_failures;
    k->res->failures_at[i] = k->text.len;
    er_gbis_failures_json(&k->text, o);
    er_jsonw_raw(&k->text, "", 1); /* NUL between rows */
}

void er_notify_result_free(er_notify_result *r)
{
    if (!r)
        return;
    er_free(r->status);
    er_free(r->n_failures);
    er_free(r->failures_at);
    er_free(r->failures);
    memset(r, 0, sizeof *r);
}

/* Phase 1: every row checked against the file and the register (as `view`
 * reads it, before any row of the file is written). */
static er_status check_all(er_register_view *view, const er_scheme *gbis, const er_gbis_file *f,
                           const er_act *act, er_notify_result *res, er_error *err)
{
    er_gbis_context c = { .today = act->today,
                          .notifying_supplier = act->supplier,
                          .scheme = gbis };
    struct collect k = { .res = res };
    er_status rc;

    res->n = f->n;
    res->status = er_calloc(f->n ? f->n : 1, sizeof *res->status);
    res->n_failures = er_calloc(f->n ? f->n : 1, sizeof *res->n_failures);
    res->failures_at = er_calloc(f->n ? f->n : 1, sizeof *res->failures_at);
    if (!res->status || !res->n_failures || !res->failures_at)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    er_register_view_callbacks(view, &c.reg);
    rc = er_gbis_check_each(&c, f->rows, f->n, collect_row, &k);
    res->failures = k.text.p;
    if (rc || k.text.oom)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    return ER_OK;
}

static int by_mrn(const void *a, const void *b)
{
    return strcmp((*(const er_gbis_row *const *)a)->col[ER_GBIS_MRN],
                  (*(const er_gbis_row *const *)b)->col[ER_GBIS_MRN]);
}

/* Marks the rows whose MRN is on another row of the file too. */
static bool *repeated_mrns(const er_gbis_file *f)
{
    const er_gbis_row **sorted = er_calloc(f->n ? f->n : 1, sizeof *sorted);
    bool *rep = er_calloc(f->n ? f->n : 1, sizeof *rep);
    size_t i;

    if (!sorted || !rep) {
        er_free(sorted);
        er_free(rep);
        return NULL;
    }
    for (i = 0; i < f->n; i++)
        sorted[i] = &f->rows[i];
    qsort(sorted, f->n, sizeof *sorted, by_mrn);
    for (i = 1; i < f->n; i++) {
        if (by_mrn(&sorted[i - 1], &sorted[i]) == 0) {
            rep[sorted[i - 1] - f->rows] = true;
            rep[sorted[i] - f->rows] = true;
        }
    }
    er_free(sorted);
    return rep;
}

er_status er_register_notify_gbis(er_store *s, const er_scheme *gbis, const er_gbis_file *f,
                                  const er_act *act, er_notify_result *out, er_error *err)
{
    struct scratch w;
    er_status rc;
    size_t i;

    memset(&w, 0, sizeof w);
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return er_error_set(err, ER_EINVAL, 0, "", "libsodium could not start");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_register_view_new(s, &w.view)) != ER_OK || !(w.repeated = repeated_mrns(f))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    if ((rc = check_all(w.view, gbis, f, act, out, err)) != ER_OK)
        goto done;
    for (i = 0; i < f->n; i++) {
        if ((rc = take_row(s, act, &f->rows[i], out, i, &w, err)) != ER_OK)
            goto done;
        if (act->progress && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == f->n))
            act->progress(act->progress_ctx, i + 1, f->n);
    }
    rc = er_store_commit(s, err);
done:
    if (rc) {
        er_store_rollback(s);
        er_notify_result_free(out);
    }
    er_register_view_free(w.view);
    er_free(w.repeated);
    er_jsonw_free(&w.row);
    er_jsonw_free(&w.payload);
    return rc;
}
