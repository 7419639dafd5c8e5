/*
 * view.c: what the GBIS rules ask of the register (er_gbis_register),
 * answered from the store.  Stored measures come back as template rows
 * parsed from their JSON; each is parsed once and kept until the view is
 * freed, since a rule may ask for the same linked measure many times.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/register.h"

struct held {
    struct held *next;
    char mrn[ER_MRN_MAX];
    er_gbis_row row; /* row.col[] point into text */
    char *text;
};

struct er_register_view {
    er_store *s;
    struct held *rows;
    char cited_by[ER_MRN_MAX];
    char state[ER_STATE_MAX];
};

er_status er_register_view_new(er_store *s, er_register_view **out)
{
    *out = er_calloc(1, sizeof **out);
    if (!*out)
        return ER_ENOMEM;
    (*out)->s = s;
    return ER_OK;
}

void er_register_view_free(er_register_view *v)
{
    struct held *h, *next;

    if (!v)
        return;
    for (h = v->rows; h; h = next) {
        next = h->next;
        er_free(h->text);
        er_free(h);
    }
    er_free(v);
}

static bool supplier_known(void *ctx, const char *code)
{
    er_register_view *v = ctx;
    er_supplier sup;

    return er_store_supplier_get(v->s, code, &sup) == ER_OK;
}

/* The template row held in `json` ({"Supplier_Reference": ..., ...}). */
static struct held *parse_row(const char *mrn, const char *json)
{
    cJSON *doc = cJSON_Parse(json);
    struct held *h = NULL;
    size_t len[ER_GBIS_COL_COUNT], total = 0, at = 0;
    int c;

    if (!doc)
        return NULL;
    for (c = 0; c < ER_GBIS_COL_COUNT; c++) {
        const char *v = cJSON_GetStringValue(
            cJSON_GetObjectItemCaseSensitive(doc, er_gbis_column_name((er_gbis_col)c)));

        len[c] = v ? strlen(v) : 0;
        total += len[c] + 1;
    }
    if (!(h = er_calloc(1, sizeof *h)) || !(h->text = er_malloc(total))) {
        er_free(h);
        h = NULL;
        goto done;
    }
    snprintf(h->mrn, sizeof h->mrn, "%s", mrn);
    for (c = 0; c < ER_GBIS_COL_COUNT; c++) {
        const char *v = cJSON_GetStringValue(
            cJSON_GetObjectItemCaseSensitive(doc, er_gbis_column_name((er_gbis_col)c)));

        memcpy(h->text + at, v ? v : "", len[c] + 1);
        h->row.col[c] = h->text + at;
        at += len[c] + 1;
    }
done:
    cJSON_Delete(doc);
    return h;
}

static const er_gbis_row *measure(void *ctx, const char *mrn)
{
    er_register_view *v = ctx;
    er_measure_rec m;
    struct held *h;

    for (h = v->rows; h; h = h->next)
        if (strcmp(h->mrn, mrn) == 0)
            return &h->row;
    memset(&m, 0, sizeof m);
    if (er_store_measure_get(v->s, mrn, &m) != ER_OK)
        return NULL;
    h = m.scheme == ER_SCHEME_GBIS && m.row_json ? parse_row(mrn, m.row_json) : NULL;
    er_store_measure_free(&m);
    if (!h)
        return NULL;
    h->next = v->rows;
    v->rows = h;
    return &h->row;
}

static const char *measure_state(void *ctx, const char *mrn)
{
    er_register_view *v = ctx;
    er_measure_rec m;

    memset(&m, 0, sizeof m);
    if (er_store_measure_get(v->s, mrn, &m) != ER_OK)
        return NULL;
    snprintf(v->state, sizeof v->state, "%s", m.state);
    er_store_measure_free(&m);
    return v->state;
}

static const char *infill_cited_by(void *ctx, const char *mrn)
{
    er_register_view *v = ctx;

    if (er_store_link_find(v->s, mrn, "infill", NULL, v->cited_by) != ER_OK)
        return NULL;
    return v->cited_by;
}

static void month_counts(void *ctx, const char *supplier, int year, int month, long *completed,
                         long *late)
{
    er_register_view *v = ctx;

    *completed = *late = 0;
    er_store_month_counts(v->s, supplier, year, month, completed, late);
}

void er_register_view_callbacks(er_register_view *v, er_gbis_register *reg)
{
    reg->ctx = v;
    reg->supplier_known = supplier_known;
    reg->measure = measure;
    reg->measure_state = measure_state;
    reg->infill_cited_by = infill_cited_by;
    reg->month_counts = month_counts;
}
