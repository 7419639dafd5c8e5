/*
 * feed.c: the administrator feed (certify.h; seed 000 "Provision of
 * information": the information "collected in an appropriate format" and
 * transferred "on a regular basis to the scheme administrator via the
 * digital system").  Each export holds the installations whose journal
 * events fall after the last export's, with their record and state as of
 * its last event, in CSV and JSON; its manifest gives the range, the
 * counts and each file's size and SHA-256, and is itself the payload of
 * the export's event.  An export is made from the journal alone, so it
 * can be made again, byte for byte, and nothing is exported twice.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "ecoreg/io.h"
#include "event.h"
#include "feed.h"

void er_feed_free(er_feed *f)
{
    if (!f)
        return;
    free(f->csv);     /* open_memstream's */
    er_free(f->json); /* er_jsonw's */
    er_free(f->manifest);
    memset(f, 0, sizeof *f);
}

/* ---- the files ------------------------------------------------------ */

struct making {
    er_feed *f;
    FILE *csv;
    er_jsonw json;
    bool first;
};

static void csv_row(FILE *out, const er_certificate *c)
{
    char cells[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX], certified[11], changed[11];
    int col;

    er_date_format_iso(c->certified, certified);
    er_date_format_iso(c->changed, changed);
    er_csv_write_field(out, c->last_change, false);
    er_csv_write_field(out, c->state, false);
    er_csv_write_field(out, certified, false);
    er_csv_write_field(out, changed, false);
    er_chmm_format(&c->in, cells);
    for (col = 0; col < ER_CHMM_COL_COUNT; col++)
        er_csv_write_field(out, cells[col], col + 1 == ER_CHMM_COL_COUNT);
}

/* One installation changed in the export's range, in both files. */
static int add_installation(void *ctx, const void *rec)
{
    struct making *m = ctx;
    const er_certificate *c = rec;
    char certified[11], changed[11];

    if (c->last_event <= m->f->from_event)
        return 0; /* exported before, unchanged since */
    m->f->installations++;
    m->f->certified += strcmp(c->last_change, "certified") == 0;
    m->f->corrected += strcmp(c->last_change, "corrected") == 0;
    m->f->withdrawn += strcmp(c->last_change, "withdrawn") == 0;
    csv_row(m->csv, c);
    er_date_format_iso(c->certified, certified);
    er_date_format_iso(c->changed, changed);
    er_jsonw_lit(&m->json, m->first ? "{\"change\":" : ",\n{\"change\":");
    m->first = false;
    er_jsonw_string(&m->json, c->last_change);
    er_jsonw_lit(&m->json, ",\"state\":");
    er_jsonw_string(&m->json, c->state);
    er_jsonw_lit(&m->json, ",\"certified\":");
    er_jsonw_string(&m->json, certified);
    er_jsonw_lit(&m->json, ",\"changed\":");
    er_jsonw_string(&m->json, changed);
    er_jsonw_lit(&m->json, ",\"record\":");
    er_chmm_record_json(&m->json, &c->in);
    er_jsonw_lit(&m->json, "}");
    return 0;
}

static void sha256_hex(const char *p, size_t n, char hex[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)p, n);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

static void manifest_file(er_jsonw *w, const char *name, const char *ext, const char *p, size_t n,
                          bool last)
{
    char hex[65], num[64];

    sha256_hex(p, n, hex);
    er_jsonw_lit(w, "{\"name\":");
    snprintf(num, sizeof num, "%s.%s", name, ext);
    er_jsonw_string(w, num);
    snprintf(num, sizeof num, ",\"bytes\":%zu,\"sha256\":", n);
    er_jsonw_lit(w, num);
    er_jsonw_string(w, hex);
    er_jsonw_lit(w, last ? "}" : "},");
}

static er_status manifest(er_feed *f, const char *at)
{
    er_jsonw w = { 0 };
    char num[256];

    snprintf(num, sizeof num,
             "{\"export\":%d,\"scheme\":\"CHMM\",\"from_event\":%lld,\"through_event\":%lld,"
             "\"made\":",
             f->number, (long long)f->from_event, (long long)f->through_event);
    er_jsonw_lit(&w, num);
    er_jsonw_string(&w, at);
    snprintf(num, sizeof num,
             ",\"counts\":{\"installations\":%zu,\"certified\":%zu,\"corrected\":%zu,"
             "\"withdrawn\":%zu},\"files\":[",
             f->installations, f->certified, f->corrected, f->withdrawn);
    er_jsonw_lit(&w, num);
    manifest_file(&w, f->name, "csv", f->csv, f->csv_len, false);
    manifest_file(&w, f->name, "json", f->json, f->json_len, true);
    er_jsonw_lit(&w, "]}");
    f->manifest = w.p;
    f->manifest_len = w.len;
    return w.oom ? ER_ENOMEM : ER_OK;
}

/* Makes export f->number of the events (f->from_event, f->through_event],
 * made at `at`. */
static er_status make(er_store *s, er_feed *f, const char *at, er_error *err)
{
    struct making m = { .f = f, .first = true };
    size_t csv_len = 0;
    er_status rc;
    int col;

    snprintf(f->name, sizeof f->name, "chmm-feed-%04d", f->number);
    if (!(m.csv = open_memstream(&f->csv, &csv_len)))
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    fputs("change,state,certified_on,changed_on", m.csv);
    for (col = 0; col < ER_CHMM_COL_COUNT; col++)
        fprintf(m.csv, ",%s", er_chmm_column_name((er_chmm_col)col));
    fputc('\n', m.csv);
    {
        char head[128];

        snprintf(head, sizeof head,
                 "{\"export\":%d,\"from_event\":%lld,\"through_event\":%lld,"
                 "\"installations\":[\n",
                 f->number, (long long)f->from_event, (long long)f->through_event);
        er_jsonw_lit(&m.json, head);
    }
    rc = subject_each_until(s, "installation", sizeof(er_certificate), certificate_apply,
                            f->through_event, add_installation, &m);
    er_jsonw_lit(&m.json, "]}\n");
    if (fclose(m.csv) != 0 && !rc)
        rc = ER_ENOMEM;
    f->csv_len = csv_len;
    f->json = m.json.p;
    f->json_len = m.json.len;
    if (!rc && m.json.oom)
        rc = ER_ENOMEM;
    if (!rc)
        rc = manifest(f, at);
    if (rc)
        return er_error_set(err, rc, 0, "", "export %d: %s", f->number, er_strerror(rc));
    return ER_OK;
}

/* ---- the exports in the journal -------------------------------------- */

struct exports {
    int wanted;            /* the export sought, or 0: the last */
    int number;            /* the export found */
    int64_t from, through; /* its range */
    char at[32];
    char *payload;             /* its manifest as recorded (owned) */
    int64_t last_installation; /* the latest installation event */
    er_status rc;
};

static int read_export(void *ctx, const er_event *ev)
{
    struct exports *x = ctx;
    cJSON *doc;
    double number;

    if (strcmp(ev->kind, "exported") != 0)
        return 0;
    doc = cJSON_Parse(ev->payload ? ev->payload : "");
    number = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(doc, "export"));
    if (!(number >= 1 && number <= 1e6)) { /* NaN when it has none */
        x->rc = ER_EPARSE;
    } else if (!x->wanted || (int)number == x->wanted) {
        x->number = (int)number;
        x->from =
            (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(doc, "from_event"));
        x->through =
            (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(doc, "through_event"));
        event_text(x->at, sizeof x->at, ev->at);
        er_free(x->payload);
        x->payload = er_strdup(ev->payload);
        if (!x->payload)
            x->rc = ER_ENOMEM;
    }
    cJSON_Delete(doc);
    return x->rc != ER_OK;
}

static int latest_installation(void *ctx, const er_event *ev)
{
    ((struct exports *)ctx)->last_installation = ev->id;
    return 0;
}

er_status er_register_feed_next(er_store *s, const er_act *act, er_feed *out, er_error *err)
{
    struct exports x = { .wanted = 0 };
    er_event ev = { .payload = NULL };
    er_status rc;

    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return er_error_set(err, ER_EIO, 0, "", "libsodium cannot start");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_store_events(s, "feed", NULL, read_export, &x)) == ER_OK && !(rc = x.rc))
        rc = er_store_events(s, "installation", NULL, latest_installation, &x);
    if (rc) {
        er_error_set(err, rc, 0, "", "the exports cannot be read: %s", er_strerror(rc));
        goto done;
    }
    if (x.last_installation <= x.through) {
        rc = x.number ? er_error_set(err, ER_ENOTFOUND, 0, "", "nothing changed since export %d",
                                     x.number)
                      : er_error_set(err, ER_ENOTFOUND, 0, "", "nothing to export yet");
        goto done;
    }
    out->number = x.number + 1;
    out->from_event = x.through;
    out->through_event = x.last_installation;
    if ((rc = make(s, out, act->at, err)) != ER_OK)
        goto done;
    event_fill(&ev, act, "feed", out->name, "exported", "", "exported", "administrator feed");
    ev.payload = out->manifest;
    if ((rc = er_store_append(s, &ev, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc) {
        er_store_rollback(s);
        er_feed_free(out);
    }
    er_free(x.payload);
    return rc;
}

er_status er_register_feed_again(er_store *s, int number, er_feed *out, er_error *err)
{
    struct exports x = { .wanted = number };
    er_status rc;

    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return er_error_set(err, ER_EIO, 0, "", "libsodium cannot start");
    if ((rc = er_store_events(s, "feed", NULL, read_export, &x)) == ER_OK)
        rc = x.rc;
    if (rc)
        return er_error_set(err, rc, 0, "", "the exports cannot be read: %s", er_strerror(rc));
    if (number <= 0 || x.number != number) {
        er_free(x.payload);
        return er_error_set(err, ER_ENOTFOUND, 0, "export", "there is no export %d", number);
    }
    out->number = number;
    out->from_event = x.from;
    out->through_event = x.through;
    if ((rc = make(s, out, x.at, err)) == ER_OK && strcmp(out->manifest, x.payload) != 0)
        rc = er_error_set(err, ER_EINVAL, 0, "export",
                          "export %d made again differs from its manifest: the journal has "
                          "changed",
                          number);
    if (rc)
        er_feed_free(out);
    er_free(x.payload);
    return rc;
}
