/*
 * cells.c: a notified row as the register stores it (see cells.h).
 */
#include "cells.h"
#include "event.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"

void cells_json(er_jsonw *w, const char *const *col, size_t n)
{
    size_t c;

    for (c = 0; c < n; c++) {
        er_jsonw_lit(w, c ? "," : "[");
        er_jsonw_string(w, col[c]);
    }
    er_jsonw_lit(w, "]");
}

void cells_hash(const er_jsonw *row, char hex[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)row->p, row->len, NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

er_status cells_parse(const char *json, size_t n, const char **col, char **text)
{
    cJSON *doc = json ? cJSON_Parse(json) : NULL, *cell;
    size_t total = 0, at = 0, i, len;
    er_status rc = ER_EINVAL;

    *text = NULL;
    if (!cJSON_IsArray(doc) || (size_t)cJSON_GetArraySize(doc) != n)
        goto done;
    for (cell = doc->child; cell; cell = cell->next)
        total += strlen(cJSON_IsString(cell) ? cell->valuestring : "") + 1;
    rc = ER_ENOMEM;
    if (!(*text = er_malloc(total ? total : 1)))
        goto done;
    for (i = 0, cell = doc->child; i < n; i++, cell = cell->next) {
        const char *v = cJSON_IsString(cell) ? cell->valuestring : "";

        len = strlen(v);
        memcpy(*text + at, v, len + 1);
        col[i] = *text + at;
        at += len + 1;
    }
    rc = ER_OK;
done:
    cJSON_Delete(doc);
    return rc;
}

void cells_payload(er_jsonw *out, const er_jsonw *row, const char *failures, const char *hash)
{
    out->len = 0;
    er_jsonw_lit(out, "{\"row\":");
    er_jsonw_raw(out, row->p, row->len);
    er_jsonw_lit(out, ",\"failures\":");
    er_jsonw_lit(out, failures);
    er_jsonw_lit(out, ",\"content_hash\":");
    er_jsonw_string(out, hash);
    er_jsonw_lit(out, "}");
}

void cells_reason(char *out, size_t cap, size_t n_failures)
{
    if (n_failures)
        snprintf(out, cap, "%zu check failures", n_failures);
    else
        snprintf(out, cap, "checks passed");
}

er_status cells_append_notified(er_store *s, const er_act *act, const char *mrn, const char *from,
                                size_t n_failures, const char *payload, int64_t *id, er_error *err)
{
    er_event ev = { .payload = payload };
    char reason[48];
    er_status rc;

    cells_reason(reason, sizeof reason, n_failures);
    event_fill(&ev, act, "measure", mrn, *from ? "edited" : "notified", from,
               n_failures ? "rejected" : "recorded", reason);
    if ((rc = er_store_append(s, &ev, err)) == ER_OK)
        *id = ev.id;
    return rc;
}

int cell_sap_tenths(const char *cell)
{
    er_q q;
    int64_t t;

    if (er_q_parse(cell, &q) != ER_OK || er_q_round(q, 10, &t) != ER_OK || t < 0 || t > 2000)
        return -1;
    return (int)t;
}

bool cell_yes(const char *cell)
{
    return strcasecmp(cell, "Yes") == 0;
}

bool cell_given(const char *cell)
{
    return *cell && strcasecmp(cell, "N/A") != 0;
}

er_popt cell_popt(const char *cell)
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
