/*
 * certify.c: the heat pump installations a certification scheme certifies
 * (certify.h; seed 000 Table 1 and "Provision of information";
 * spec/chmm_installations.md).  An installation is the journal subject
 * ("installation", its certificate number): "certified" with its record,
 * perhaps "corrected" with another, perhaps "withdrawn".  A file is
 * certified whole or not at all; anyone may check a certificate.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"
#include "event.h"
#include "feed.h"
#include "strmap.h"
#include "subjects.h"

const char *er_certify_status_name(er_certify_status st)
{
    static const char *const names[] = { "certified", "exists", "corrected" };

    return (unsigned)st <= ER_CERTIFY_CORRECTED ? names[st] : "?";
}

/* ---- replay --------------------------------------------------------- */

/* The record of an event's payload ({"on", "record": {column: cell}}). */
static er_status record_of(const cJSON *doc, er_chmm_installation *out)
{
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(doc, "record");
    const char *cells[ER_CHMM_COL_COUNT];
    er_error why = { 0 };
    int c;

    for (c = 0; c < ER_CHMM_COL_COUNT; c++) {
        const char *v = cJSON_GetStringValue(
            cJSON_GetObjectItemCaseSensitive(rec, er_chmm_column_name((er_chmm_col)c)));

        cells[c] = v ? v : "";
    }
    return er_chmm_parse(cells, 0, out, &why) == ER_OK ? ER_OK : ER_EPARSE;
}

er_status certificate_apply(void *rec, const er_event *ev, const cJSON *doc)
{
    er_certificate *c = rec;
    er_date on;
    er_status rc;

    if (!subject_on(doc, &on))
        return ER_EPARSE;
    if (strcmp(ev->kind, "certified") == 0 || strcmp(ev->kind, "corrected") == 0) {
        if ((rc = record_of(doc, &c->in)) != ER_OK)
            return rc;
        if (strcmp(ev->kind, "certified") == 0)
            c->certified = on;
    }
    event_text(c->state, sizeof c->state, ev->to_state);
    event_text(c->last_change, sizeof c->last_change, ev->kind);
    c->changed = on;
    c->last_event = ev->id;
    return ER_OK;
}

er_status er_register_chmm_certificate(er_store *s, const char *id, er_certificate *out,
                                       er_error *err)
{
    er_installer in;
    er_status rc = subject_read(s, "installation", id, out, sizeof *out, certificate_apply);

    if (rc == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "id", "the register holds no certificate %s", id ? id : "");
    if (rc)
        return er_error_set(err, rc, 0, "id", "certificate %s: %s", id,
                            rc == ER_EPARSE ? "its events cannot be read" : er_strerror(rc));
    if (er_register_installer_get(s, out->in.installer_id, &in, NULL) == ER_OK)
        event_text(out->installer_name, sizeof out->installer_name, in.name);
    return ER_OK;
}

struct each {
    strmap names; /* installer ID -> its name (owned copies) */
    long row;
    int (*cb)(void *ctx, const er_certificate *c);
    void *ctx;
    er_status rc;
};

static int keep_name(void *ctx, const er_installer *in)
{
    struct each *e = ctx;
    void **slot = strmap_slot(&e->names, in->id);

    if (!slot || !(*slot = er_strdup(in->name))) {
        e->rc = ER_ENOMEM;
        return 1;
    }
    return 0;
}

static int each_one(void *ctx, const void *rec)
{
    struct each *e = ctx;
    er_certificate c = *(const er_certificate *)rec;
    const char *name = strmap_get(&e->names, c.in.installer_id);

    c.in.row = ++e->row;
    event_text(c.installer_name, sizeof c.installer_name, name ? name : "");
    return e->cb(e->ctx, &c);
}

er_status er_register_chmm_each(er_store *s, int (*cb)(void *ctx, const er_certificate *c),
                                void *ctx)
{
    struct each e = { .cb = cb, .ctx = ctx };
    er_status rc = er_register_installer_each(s, keep_name, &e);

    if (!rc)
        rc = e.rc;
    if (!rc)
        rc = subject_each(s, "installation", sizeof(er_certificate), certificate_apply, each_one,
                          &e);
    strmap_free(&e.names, er_free);
    return rc;
}

/* ---- certifying ------------------------------------------------------- */

/* Whether two records are the same (their cells are). */
static bool same_record(const er_chmm_installation *a, const er_chmm_installation *b)
{
    char x[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX], y[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX];

    int c;

    er_chmm_format(a, x);
    er_chmm_format(b, y);
    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        if (strcmp(x[c], y[c]) != 0)
            return false;
    return true;
}

struct certifying {
    er_store *s;
    strmap members; /* installer ID -> its state + 1, cast (read once) */
    strmap seen;    /* certificate numbers of the file so far */
    er_error *refusals;
    size_t n_refusals, cap;
};

/* Adds refusal `why` to the list. */
static er_status refuse(struct certifying *c, const er_error *why)
{
    er_error *e;

    if (c->n_refusals == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;

        if (!(e = er_realloc(c->refusals, cap * sizeof *e)))
            return ER_ENOMEM;
        c->refusals = e;
        c->cap = cap;
    }
    c->refusals[c->n_refusals++] = *why;
    return ER_OK;
}

/* The state of installer `id` (read once per file), or -1 when unknown. */
static er_status member_state(struct certifying *c, const char *id, int *state)
{
    void **slot = strmap_slot(&c->members, id);
    er_installer in;
    er_status rc;

    if (!slot)
        return ER_ENOMEM;
    if (!*slot) {
        rc = er_register_installer_get(c->s, id, &in, NULL);
        if (rc && rc != ER_ENOTFOUND)
            return rc;
        *slot = (void *)(intptr_t)(rc == ER_ENOTFOUND ? 0 : (int)in.state + 1);
    }
    *state = (int)(intptr_t)*slot - 1;
    return ER_OK;
}

/* Judges row `in`: its status, or a refusal added. */
static er_status judge(struct certifying *c, const er_chmm_installation *in, bool correct,
                       er_certify_status *status)
{
    er_certificate held;
    er_error why = { 0 };
    void **seen;
    bool found;
    int state;
    er_status rc;

    if (!subject_key_ok(in->installation_id)) {
        er_error_set(&why, ER_EINVAL, in->row, "installation_id",
                     "'%.40s' is not a certificate number: 1 to 63 letters, digits, '-', "
                     "'_', '/' or '.'",
                     in->installation_id);
        return refuse(c, &why);
    }
    if (!(seen = strmap_slot(&c->seen, in->installation_id)))
        return ER_ENOMEM;
    if (*seen) {
        er_error_set(&why, ER_EINVAL, in->row, "installation_id", "%s is given twice in the file",
                     in->installation_id);
        return refuse(c, &why);
    }
    *seen = (void *)1;
    rc = subject_read(c->s, "installation", in->installation_id, &held, sizeof held,
                      certificate_apply);
    if (rc && rc != ER_ENOTFOUND)
        return rc;
    found = rc == ER_OK;
    if (found && strcmp(held.state, "certified") == 0 && same_record(&held.in, in)) {
        *status = ER_CERTIFY_EXISTS;
        return ER_OK;
    }
    if (found && !correct) {
        er_error_set(&why, ER_EINVAL, in->row, "installation_id",
                     "certificate %s is %s: certify it as a correction to %s", in->installation_id,
                     strcmp(held.state, "certified") == 0 ? "held with another record"
                                                          : "withdrawn",
                     strcmp(held.state, "certified") == 0 ? "replace it" : "certify it again");
        return refuse(c, &why);
    }
    /* seed 000: installations are certified through the scheme's members
     * (a certificate held already is left alone whatever its installer is
     * now) */
    if ((rc = member_state(c, in->installer_id, &state)) != ER_OK)
        return rc;
    if (state != ER_INSTALLER_APPROVED) {
        er_error_set(&why, ER_EINVAL, in->row, "installer_id",
                     "installer %s is %s: not a current member", in->installer_id,
                     state < 0 ? "unknown" : er_installer_state_name((er_installer_state)state));
        return refuse(c, &why);
    }
    *status = found ? ER_CERTIFY_CORRECTED : ER_CERTIFY_CERTIFIED;
    return ER_OK;
}

static er_status write_row(er_store *s, const er_act *act, const er_chmm_installation *in,
                           er_certify_status st, er_date on, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_status rc;

    subject_payload_on(&w, on);
    er_jsonw_lit(&w, ",\"record\":");
    er_chmm_record_json(&w, in);
    event_fill(&ev, act, "installation", in->installation_id,
               st == ER_CERTIFY_CORRECTED ? "corrected" : "certified",
               st == ER_CERTIFY_CORRECTED ? "certified" : "", "certified",
               st == ER_CERTIFY_CORRECTED ? "record corrected" : "certified");
    if ((rc = subject_append(s, &ev, &w, err)) != ER_OK && err)
        err->row = in->row;
    er_jsonw_free(&w);
    return rc;
}

er_status er_register_chmm_certify(er_store *s, const er_act *act, const er_chmm_installation *rows,
                                   size_t n, er_date on, bool correct, er_certify_status *status,
                                   er_error **refusals, size_t *n_refusals, er_error *err)
{
    struct certifying c = { .s = s };
    size_t i;
    er_status rc;

    *refusals = NULL;
    *n_refusals = 0;
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "certification needs its day");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    for (i = 0; i < n && rc == ER_OK; i++)
        rc = judge(&c, &rows[i], correct, &status[i]);
    if (rc) {
        er_error_set(err, rc, rows[i - 1].row, "", "%s", er_strerror(rc));
        goto done;
    }
    if (c.n_refusals) {
        rc = er_error_set(err, ER_EINVAL, c.refusals[0].row, c.refusals[0].field,
                          "%zu of %zu installations refused; nothing certified", c.n_refusals, n);
        goto done;
    }
    for (i = 0; i < n && rc == ER_OK; i++) {
        if (status[i] != ER_CERTIFY_EXISTS)
            rc = write_row(s, act, &rows[i], status[i], on, err);
        if (act->progress && (i + 1 == n || (i + 1) % 1000 == 0))
            act->progress(act->progress_ctx, i + 1, n);
    }
    if (!rc)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    strmap_free(&c.members, NULL);
    strmap_free(&c.seen, NULL);
    if (c.n_refusals) {
        *refusals = c.refusals;
        *n_refusals = c.n_refusals;
    } else {
        er_free(c.refusals);
    }
    return rc;
}

er_status er_register_chmm_withdraw(er_store *s, const er_act *act, const char *id, er_date on,
                                    const char *reason, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_certificate held;
    er_jsonw w = { 0 };
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a withdrawal needs a reason");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a withdrawal needs its day");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_register_chmm_certificate(s, id, &held, err)) != ER_OK)
        goto done;
    if (strcmp(held.state, "certified") != 0 || on < held.changed) {
        rc = er_error_set(err, ER_EINVAL, 0, strcmp(held.state, "certified") ? "id" : "on",
                          "certificate %s is %s%s", id, held.state,
                          strcmp(held.state, "certified") ? "" : " from a later day");
        goto done;
    }
    subject_payload_on(&w, on);
    event_fill(&ev, act, "installation", id, "withdrawn", "certified", "withdrawn", reason);
    if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    er_jsonw_free(&w);
    return rc;
}

/* ---- what the register credits ---------------------------------------- */

/* Installations the register holds certified, as rows to credit. */
struct held {
    er_chmm_file *f;
    size_t cap;
    bool oom;
};

static int keep_certified(void *ctx, const er_certificate *c)
{
    struct held *h = ctx;

    if (strcmp(c->state, "certified") != 0)
        return 0; /* withdrawn: no credit */
    if (h->f->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 256;
        er_chmm_installation *rows = er_realloc(h->f->rows, cap * sizeof *rows);

        if (!rows) {
            h->oom = true;
            return 1;
        }
        h->f->rows = rows;
        h->cap = cap;
    }
    h->f->rows[h->f->n++] = c->in;
    return 0;
}

er_status er_register_chmm_certified(er_store *s, er_chmm_file *out)
{
    struct held h = { .f = out };
    er_status rc;

    memset(out, 0, sizeof *out);
    rc = er_register_chmm_each(s, keep_certified, &h);
    if (!rc && h.oom)
        rc = ER_ENOMEM;
    if (rc)
        er_chmm_file_free(out);
    return rc;
}
