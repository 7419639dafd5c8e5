/*
 * view.c: what the GBIS rules ask of the register (er_gbis_register),
 * answered from the store.  Each MRN is read once per view, found or not
 * (several rules ask about the same measure), and a stored row is parsed
 * from its JSON only when a rule asks for the row itself.  Suppliers and
 * licences are asked about on nearly every row, of a handful of values:
 * each is read once per view too, and so is each entry of a reference
 * list a rule asks about.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cells.h"
#include "ecoreg/alloc.h"
#include "ecoreg/register.h"
#include "strmap.h"

/* What the view knows of one MRN. */
struct held {
    bool found;
    er_scheme_id scheme;
    char state[ER_STATE_MAX];
    char hash[65];
    char *json; /* the stored row's JSON until parsed */
    bool parsed;
    er_gbis_row row; /* row.col[] point into text */
    char *text;
};

/* What the view knows of one Supplier_Reference, as spelt in a row. */
struct licence_seen {
    bool found;
    bool exact; /* the register spells the reference byte for byte so */
    char supplier[ER_SUPPLIER_CODE_MAX];
};

struct er_register_view {
    er_store *s;
    strmap held;
    strmap suppliers;            /* code -> (void *)1 known, (void *)2 not */
    strmap licences;             /* reference as spelt -> struct licence_seen */
    struct licence_seen licence; /* the answer when the cache cannot grow */
    strmap references;           /* list, value, value2 as spelt, joined by
                                    0x1f -> (void *)1 held, (void *)2 not */
    char cited_by[ER_MRN_MAX];
};

er_status er_register_view_new(er_store *s, er_register_view **out)
{
    *out = er_calloc(1, sizeof **out);
    if (!*out)
        return ER_ENOMEM;
    (*out)->s = s;
    return ER_OK;
}

/* What the view knows of every MRN the register does not hold: one
 * shared record (a file of new measures asks about 10,000 of them). */
static struct held not_held;

static void free_held(void *p)
{
    struct held *h = p;

    if (!h || h == &not_held)
        return;
    er_free(h->json);
    er_free(h->text);
    er_free(h);
}

void er_register_view_free(er_register_view *v)
{
    if (!v)
        return;
    strmap_free(&v->held, free_held);
    strmap_free(&v->suppliers, NULL);
    strmap_free(&v->licences, er_free);
    strmap_free(&v->references, NULL);
    er_free(v);
}

/* What the register holds for `mrn`, read on first use; NULL when memory
 * runs out or the store cannot be read. */
static struct held *lookup(er_register_view *v, const char *mrn)
{
    void **slot = strmap_slot(&v->held, mrn);
    struct held *h;
    er_measure_rec m;
    er_status rc;

    if (!slot || *slot)
        return slot ? *slot : NULL;
    memset(&m, 0, sizeof m);
    if ((rc = er_store_measure_get(v->s, mrn, &m)) != ER_OK) {
        if (rc == ER_ENOTFOUND)
            *slot = &not_held;
        return *slot;
    }
    if (!(h = er_calloc(1, sizeof *h))) {
        er_store_measure_free(&m);
        return NULL;
    }
    h->found = true;
    h->scheme = m.scheme;
    snprintf(h->state, sizeof h->state, "%s", m.state);
    memcpy(h->hash, m.content_hash, sizeof h->hash);
    h->json = m.row_json; /* taken over */
    m.row_json = NULL;
    er_store_measure_free(&m);
    *slot = h;
    return h;
}

/* Parses h->json (the 40 cells, cells.h) into h->row. */
static bool parse_row(struct held *h)
{
    h->parsed = cells_parse(h->json, ER_GBIS_COL_COUNT, h->row.col, &h->text) == ER_OK;
    return h->parsed;
}

er_status er_register_view_state(er_register_view *v, const char *mrn, char state[ER_STATE_MAX],
                                 char hash[65])
{
    struct held *h = lookup(v, mrn);

    if (!h)
        return ER_ENOMEM;
    if (!h->found)
        return ER_ENOTFOUND;
    memcpy(state, h->state, ER_STATE_MAX);
    memcpy(hash, h->hash, 65);
    return ER_OK;
}

/* Asked for nearly every row, of a handful of codes: read each once. */
static bool supplier_known(void *ctx, const char *code)
{
    er_register_view *v = ctx;
    void **slot = strmap_slot(&v->suppliers, code);
    er_supplier sup;

    if (!slot)
        return er_store_supplier_get(v->s, code, &sup) == ER_OK;
    if (!*slot)
        *slot = (void *)(uintptr_t)(er_store_supplier_get(v->s, code, &sup) == ER_OK ? 1 : 2);
    return *slot == (void *)(uintptr_t)1;
}

/* Reads the licence `reference` names into *out. */
static void licence_read(er_register_view *v, const char *reference, struct licence_seen *out)
{
    er_licence lic;

    memset(out, 0, sizeof *out);
    if (er_store_licence_find(v->s, reference, &lic) != ER_OK)
        return;
    out->found = true;
    out->exact = strcmp(lic.reference, reference) == 0;
    memcpy(out->supplier, lic.supplier, sizeof out->supplier);
}

/* A file names a few references over all its rows: read each spelling
 * once.  Without memory for the cache, the store is asked each time. */
static const char *licence_holder(void *ctx, const char *reference, bool *exact)
{
    er_register_view *v = ctx;
    void **slot = strmap_slot(&v->licences, reference);
    struct licence_seen *seen = slot ? *slot : NULL;

    if (!seen && slot && (seen = er_malloc(sizeof *seen))) {
        licence_read(v, reference, seen);
        *slot = seen;
    }
    if (!seen) {
        seen = &v->licence;
        licence_read(v, reference, seen);
    }
    *exact = seen->found && seen->exact;
    return seen->found ? seen->supplier : NULL;
}

/* A file gives a few routes and innovation numbers over all its rows, and
 * asks once a row whether the address list is loaded: read each (list,
 * value, value2) as spelt once, NULL (any) told apart from "" by the key's
 * first two bytes.  Without memory for the cache, or for a key too long to
 * be held, the store is asked each time. */
static bool reference_has(void *ctx, const char *list, const char *value, const char *value2)
{
    er_register_view *v = ctx;
    char key[ER_REFERENCE_LIST_MAX + 2 * ER_GBIS_CELL_MAX + 4];
    er_reference ref;
    void **slot = NULL;
    int n;

    n = snprintf(key, sizeof key, "%c%c%s\x1f%s\x1f%s", value ? 'v' : '*', value2 ? 'v' : '*',
                 list, value ? value : "", value2 ? value2 : "");
    if (n > 0 && (size_t)n < sizeof key)
        slot = strmap_slot(&v->references, key);
    if (!slot)
        return er_store_reference_find(v->s, list, value, value2, &ref) == ER_OK;
    if (!*slot)
        *slot = (void *)(uintptr_t)(er_store_reference_find(v->s, list, value, value2, &ref) ==
                                            ER_OK
                                        ? 1
                                        : 2);
    return *slot == (void *)(uintptr_t)1;
}

static const er_gbis_row *measure(void *ctx, const char *mrn)
{
    struct held *h = lookup(ctx, mrn);

    if (!h || !h->found || h->scheme != ER_SCHEME_GBIS || !h->json)
        return NULL;
    return h->parsed || parse_row(h) ? &h->row : NULL;
}

static const char *measure_state(void *ctx, const char *mrn)
{
    struct held *h = lookup(ctx, mrn);

    return h && h->found ? h->state : NULL;
}

static const char *infill_cited_by(void *ctx, const char *mrn)
{
    er_register_view *v = ctx;

    if (er_store_link_find(v->s, mrn, "infill", NULL, v->cited_by) != ER_OK)
        return NULL;
    return v->cited_by;
}

static er_date extension_until(void *ctx, const char *mrn)
{
    er_register_view *v = ctx;
    char reference[64];
    er_date until;

    return er_register_extension_get(v->s, mrn, &until, reference) == ER_OK ? until : ER_DATE_NONE;
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
    reg->licence_holder = licence_holder;
    reg->reference_has = reference_has;
    reg->measure = measure;
    reg->measure_state = measure_state;
    reg->infill_cited_by = infill_cited_by;
    reg->extension_until = extension_until;
    reg->month_counts = month_counts;
}
