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
#include <string.h>
#include <strings.h>

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

/* SHA-256 of the row's cells, each followed by a unit separator: equal
 * content, equal hash, whatever the file's quoting or spacing was. */
static void content_hash(const er_gbis_row *r, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    int c;

    crypto_hash_sha256_init(&st);
    for (c = 0; c < ER_GBIS_COL_COUNT; c++) {
        crypto_hash_sha256_update(&st, (const unsigned char *)r->col[c], strlen(r->col[c]));
        crypto_hash_sha256_update(&st, (const unsigned char *)"\x1f", 1);
    }
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

static void row_json(er_jsonw *w, const er_gbis_row *r)
{
    int c;

    for (c = 0; c < ER_GBIS_COL_COUNT; c++) {
        er_jsonw_lit(w, c ? ",\"" : "{\"");
        er_jsonw_lit(w, er_gbis_column_name((er_gbis_col)c));
        er_jsonw_lit(w, "\":");
        er_jsonw_string(w, r->col[c]);
    }
    er_jsonw_lit(w, "}");
}

static void failures_json(er_jsonw *w, const er_gbis_outcome *o)
{
    size_t i, n = o->n_failures < ER_GBIS_FAILURES_MAX ? o->n_failures : ER_GBIS_FAILURES_MAX;

    er_jsonw_lit(w, "[");
    for (i = 0; i < n; i++) {
        er_jsonw_lit(w, i ? ",{\"rule\":" : "{\"rule\":");
        er_jsonw_string(w, o->failures[i].rule);
        er_jsonw_lit(w, ",\"field\":");
        er_jsonw_string(w, er_gbis_column_name(o->failures[i].column));
        er_jsonw_lit(w, ",\"message\":");
        er_jsonw_string(w, o->failures[i].message);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}

/* The buffers one row's write uses, reused from row to row. */
struct scratch {
    er_jsonw row, failures, payload;
};

/* Writes row r: its measure projection, its links and its event. */
static er_status write_row(er_store *s, const er_act *act, const er_gbis_row *r,
                           const er_gbis_outcome *o, const char *hash, const char *from,
                           struct scratch *w, er_error *err)
{
    static const er_gbis_col links[] = { ER_GBIS_INFILL_1, ER_GBIS_INFILL_2, ER_GBIS_INFILL_3,
                                         ER_GBIS_INSULATION_MRN };
    er_measure_rec m = { .scheme = ER_SCHEME_GBIS, .completion = ER_DATE_NONE };
    er_event ev = { .payload = NULL };
    const char *mrn = r->col[ER_GBIS_MRN];
    er_status rc;
    size_t i;

    w->row.len = w->failures.len = w->payload.len = 0;
    row_json(&w->row, r);
    failures_json(&w->failures, o);
    er_jsonw_lit(&w->payload, "{\"row\":");
    er_jsonw_raw(&w->payload, w->row.p, w->row.len);
    er_jsonw_lit(&w->payload, ",\"failures\":");
    er_jsonw_raw(&w->payload, w->failures.p, w->failures.len);
    er_jsonw_lit(&w->payload, ",\"content_hash\":");
    er_jsonw_string(&w->payload, hash);
    er_jsonw_lit(&w->payload, "}");
    if (w->row.oom || w->failures.oom || w->payload.oom)
        return er_error_set(err, ER_ENOMEM, r->row, "", "out of memory");
    snprintf(ev.at, sizeof ev.at, "%s", act->at);
    snprintf(ev.actor, sizeof ev.actor, "%s", act->actor);
    snprintf(ev.subject_kind, sizeof ev.subject_kind, "measure");
    snprintf(ev.subject, sizeof ev.subject, "%s", mrn);
    snprintf(ev.kind, sizeof ev.kind, "%s", *from ? "edited" : "notified");
    snprintf(ev.from_state, sizeof ev.from_state, "%s", from);
    snprintf(ev.to_state, sizeof ev.to_state, "%s", o->n_failures ? "rejected" : "recorded");
    if (o->n_failures)
        snprintf(ev.reason, sizeof ev.reason, "%zu check failures", o->n_failures);
    else
        snprintf(ev.reason, sizeof ev.reason, "checks passed");
    ev.payload = w->payload.p;
    if ((rc = er_store_append(s, &ev, err)) != ER_OK)
        return rc;
    snprintf(m.mrn, sizeof m.mrn, "%s", mrn);
    snprintf(m.supplier, sizeof m.supplier, "%.3s", mrn);
    snprintf(m.state, sizeof m.state, "%s", ev.to_state);
    snprintf(m.content_hash, sizeof m.content_hash, "%s", hash);
    er_date_parse_dmy(r->col[ER_GBIS_COMPLETION_DATE], &m.completion);
    m.late_extension = strcasecmp(r->col[ER_GBIS_PURPOSE], PURPOSE_LATE) == 0;
    m.row_json = w->row.p;
    m.failures_json = w->failures.p;
    m.last_event = ev.id;
    if ((rc = er_store_measure_put(s, &m, err)) != ER_OK)
        return rc;
    for (i = 0; i < sizeof links / sizeof links[0]; i++)
        if (*r->col[links[i]] &&
            (rc = er_store_link_put(s, mrn, r->col[links[i]],
                                    links[i] == ER_GBIS_INSULATION_MRN ? "insulation" : "infill",
                                    err)) != ER_OK)
            return rc;
    return ER_OK;
}

/* Decides and writes row i. */
static er_status take_row(er_store *s, const er_act *act, const er_gbis_row *r,
                          const er_gbis_outcome *o, er_row_status *st, struct scratch *w,
                          er_error *err)
{
    er_measure_rec held;
    char hash[65], from[ER_STATE_MAX] = "";
    er_status rc;

    content_hash(r, hash);
    memset(&held, 0, sizeof held);
    rc = er_store_measure_get(s, r->col[ER_GBIS_MRN], &held);
    if (rc == ER_OK) {
        bool same = strcmp(held.content_hash, hash) == 0;
        bool open = strcmp(held.state, "recorded") == 0 || strcmp(held.state, "rejected") == 0;

        snprintf(from, sizeof from, "%s", held.state);
        er_store_measure_free(&held);
        if (same || !open || strcasecmp(r->col[ER_GBIS_PURPOSE], PURPOSE_EDIT) != 0) {
            *st = same ? ER_ROW_EXISTS : ER_ROW_CONFLICT;
            return ER_OK;
        }
    } else if (rc != ER_ENOTFOUND) {
        return er_error_set(err, rc, r->row, "Measure_Reference_Number", "%s",
                            er_strerror(rc));
    }
    *st = o->n_failures ? ER_ROW_REJECTED : ER_ROW_RECORDED;
    return write_row(s, act, r, o, hash, from, w, err);
}

er_status er_register_notify_gbis(er_store *s, const er_scheme *gbis, const er_gbis_file *f,
                                  const er_act *act, er_gbis_outcome *outcomes,
                                  er_row_status *status, er_error *err)
{
    er_gbis_context c = { .today = act->today, .notifying_supplier = act->supplier,
                          .scheme = gbis };
    struct scratch w;
    er_register_view *view = NULL;
    er_status rc;
    size_t i;

    memset(&w, 0, sizeof w);
    if (sodium_init() < 0)
        return er_error_set(err, ER_EINVAL, 0, "", "libsodium could not start");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_register_view_new(s, &view)) != ER_OK) {
        er_error_set(err, rc, 0, "", "out of memory");
        goto done;
    }
    er_register_view_callbacks(view, &c.reg);
    if ((rc = er_gbis_check(&c, f->rows, f->n, outcomes)) != ER_OK) {
        er_error_set(err, rc, 0, "", "out of memory");
        goto done;
    }
    for (i = 0; i < f->n; i++) {
        if ((rc = take_row(s, act, &f->rows[i], &outcomes[i], &status[i], &w, err)) != ER_OK)
            goto done;
        if (act->progress && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == f->n))
            act->progress(act->progress_ctx, i + 1, f->n);
    }
    rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    er_register_view_free(view);
    er_jsonw_free(&w.row);
    er_jsonw_free(&w.failures);
    er_jsonw_free(&w.payload);
    return rc;
}
