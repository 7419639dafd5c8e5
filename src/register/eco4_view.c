/*
 * eco4_view.c: what the ECO4 checks ask of the register (er_eco4_register),
 * answered from the store, as view.c does for GBIS.  Each project, each
 * MRN and each project's list of measures is read once per view, found or
 * not, and kept in a strmap; stored rows are parsed from their JSON arrays
 * (eco4_notify.c writes them) when first asked for.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "cells.h"
#include "eco4_reg.h"
#include "strmap.h"

/* What the view knows of one project reference. */
struct held_project {
    bool found;
    char state[ER_STATE_MAX];
    bool parsed;
    er_eco4_project_row row; /* row.col[] point into text */
    char *json;
    char *text;
};

/* The stored measures of one project, parsed. */
struct held_measures {
    size_t n, cap;
    er_eco4_measure_row *rows;
    char **texts;
    bool failed; /* memory ran out while reading */
};

/* What the view knows of one MRN. */
struct held_measure {
    bool found;
    char state[ER_STATE_MAX];
};

struct eco4_view {
    er_store *s;
    strmap projects, measures, lists;
};

er_status eco4_view_new(er_store *s, eco4_view **out)
{
    *out = er_calloc(1, sizeof **out);
    if (!*out)
        return ER_ENOMEM;
    (*out)->s = s;
    return ER_OK;
}

static void free_project(void *p)
{
    struct held_project *h = p;

    if (!h)
        return;
    er_free(h->json);
    er_free(h->text);
    er_free(h);
}

static void free_list(void *p)
{
    struct held_measures *l = p;
    size_t i;

    if (!l)
        return;
    for (i = 0; i < l->n; i++)
        er_free(l->texts[i]);
    er_free(l->texts);
    er_free(l->rows);
    er_free(l);
}

void eco4_view_free(eco4_view *v)
{
    if (!v)
        return;
    strmap_free(&v->projects, free_project);
    strmap_free(&v->measures, er_free);
    strmap_free(&v->lists, free_list);
    er_free(v);
}

/* What the register holds for project `ref`, read on first use; NULL only
 * when memory runs out. */
static struct held_project *project_of(eco4_view *v, const char *ref)
{
    void **slot = strmap_slot(&v->projects, ref);
    struct held_project *h;
    er_project_rec p;

    if (!slot || *slot)
        return slot ? *slot : NULL;
    if (!(h = er_calloc(1, sizeof *h)))
        return NULL;
    memset(&p, 0, sizeof p);
    if (er_store_project_get(v->s, ref, &p) == ER_OK && p.scheme == ER_SCHEME_ECO4) {
        h->found = true;
        snprintf(h->state, sizeof h->state, "%s", p.state);
        h->json = p.content_json; /* taken over */
        p.content_json = NULL;
    }
    er_store_project_free(&p);
    *slot = h;
    return h;
}

static bool supplier_known(void *ctx, const char *code)
{
    eco4_view *v = ctx;
    er_supplier sup;

    return er_store_supplier_get(v->s, code, &sup) == ER_OK;
}

static const char *project_state(void *ctx, const char *ref)
{
    struct held_project *h = project_of(ctx, ref);

    return h && h->found ? h->state : NULL;
}

static const er_eco4_project_row *project(void *ctx, const char *ref)
{
    struct held_project *h = project_of(ctx, ref);

    if (!h || !h->found)
        return NULL;
    if (!h->parsed)
        h->parsed = cells_parse(h->json, ER_ECO4P_COL_COUNT, h->row.col, &h->text) == ER_OK;
    return h->parsed ? &h->row : NULL;
}

/* Adds one stored measure to the list being read (er_store_measure_each). */
static int add_measure(void *ctx, const er_measure_rec *m)
{
    struct held_measures *l = ctx;
    char *text = NULL;
    er_status rc;

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        er_eco4_measure_row *rows = er_realloc(l->rows, cap * sizeof *rows);
        char **texts = rows ? er_realloc(l->texts, cap * sizeof *texts) : NULL;

        if (rows)
            l->rows = rows;
        if (!rows || !texts) {
            l->failed = true;
            return 1;
        }
        l->texts = texts;
        l->cap = cap;
    }
    memset(&l->rows[l->n], 0, sizeof l->rows[l->n]);
    rc = cells_parse(m->row_json, ER_ECO4M_COL_COUNT, l->rows[l->n].col, &text);
    if (rc == ER_ENOMEM) {
        l->failed = true;
        return 1;
    }
    if (rc)
        return 0; /* an unreadable stored row: the checks see the others */
    l->texts[l->n++] = text;
    return 0;
}

static const er_eco4_measure_row *project_measure(void *ctx, const char *ref, size_t i)
{
    eco4_view *v = ctx;
    void **slot = strmap_slot(&v->lists, ref);
    er_measure_filter f = { .scheme = ER_SCHEME_ECO4, .completed_from = ER_DATE_NONE,
                            .completed_to = ER_DATE_NONE };
    struct held_measures *l;

    if (!slot)
        return NULL;
    if (!*slot) {
        if (!(l = er_calloc(1, sizeof *l)))
            return NULL;
        *slot = l;
        snprintf(f.project_id, sizeof f.project_id, "%s", ref);
        er_store_measure_each(v->s, &f, add_measure, l);
    }
    l = *slot;
    return i < l->n ? &l->rows[i] : NULL;
}

static const char *measure_state(void *ctx, const char *mrn)
{
    eco4_view *v = ctx;
    void **slot = strmap_slot(&v->measures, mrn);
    struct held_measure *h;
    er_measure_rec m;

    if (!slot)
        return NULL;
    if (!*slot) {
        if (!(h = er_calloc(1, sizeof *h)))
            return NULL;
        memset(&m, 0, sizeof m);
        if (er_store_measure_get(v->s, mrn, &m) == ER_OK) {
            h->found = true;
            snprintf(h->state, sizeof h->state, "%s", m.state);
        }
        er_store_measure_free(&m);
        *slot = h;
    }
    h = *slot;
    return h->found ? h->state : NULL;
}

static void month_counts(void *ctx, const char *supplier, int year, int month, long *completed,
                         long *late)
{
    eco4_view *v = ctx;

    *completed = *late = 0;
    er_store_month_counts(v->s, supplier, year, month, completed, late);
}

void eco4_view_callbacks(eco4_view *v, er_eco4_register *reg)
{
    reg->ctx = v;
    reg->supplier_known = supplier_known;
    reg->project_state = project_state;
    reg->project = project;
    reg->project_measure = project_measure;
    reg->measure_state = measure_state;
    reg->month_counts = month_counts;
}
