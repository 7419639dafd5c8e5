/*
 * reference_csv.c: a file of one of Ofgem's reference lists (gbis.h), read
 * into entries for er_register_reference_load().
 *
 * The header names the list's columns as Ofgem's GBIS template names them
 * (er_gbis_list_columns: Flex_Referral_Route; Innovation_Measure_Number
 * and Measure_Type; Post_Code and Unique_Property_Reference_Number_(UPRN)),
 * case-sensitively as the template's headers are, in any order; other
 * columns are left alone, so an extract with more columns than the list
 * needs loads as it is.  Cells are kept as the file spells them (trimmed,
 * as every CSV cell is): the register checks them, naming the row.
 */
#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

/* The largest file read whole: a gazetteer extract of a few million
 * addresses. */
#define REFERENCE_FILE_MAX ((size_t)1 << 30)
/* Columns and bytes a record may have, the ignored ones included. */
#define FIELDS_MAX 256
#define FIELD_MAX 4096

struct reading {
    const char *list;
    er_gbis_col col[2]; /* value's and value2's; ER_GBIS_COL_COUNT: none */
    size_t at[2];       /* their places in the header */
    er_reference_file *out;
    size_t cap;
};

/* The header: where each of the list's columns is. */
static er_status header(struct reading *r, const er_csv_record *rec, er_error *err)
{
    size_t i, k;

    for (k = 0; k < 2; k++) {
        const char *name = er_gbis_column_name(r->col[k]);

        if (r->col[k] == ER_GBIS_COL_COUNT)
            continue;
        for (i = 0; i < rec->n && strcmp(rec->field[i], name) != 0; i++)
            ;
        if (i == rec->n)
            return er_error_set(
                err, ER_EINVAL, 0, name, "the header has no column %s (a file of %s has %s%s%s)",
                name, r->list, er_gbis_column_name(r->col[0]),
                r->col[1] == ER_GBIS_COL_COUNT ? "" : " and ",
                r->col[1] == ER_GBIS_COL_COUNT ? "" : er_gbis_column_name(r->col[1]));
        r->at[k] = i;
    }
    return ER_OK;
}

/* Copies the cell of column k into `to`; a missing cell is "". */
static er_status cell(const struct reading *r, const er_csv_record *rec, size_t k, char *to,
                      size_t size, er_error *err)
{
    const char *v = r->at[k] < rec->n ? rec->field[r->at[k]] : "";
    size_t len = r->at[k] < rec->n ? rec->len[r->at[k]] : 0;

    if (len >= size)
        return er_error_set(err, ER_ELIMIT, rec->row, er_gbis_column_name(r->col[k]),
                            "%zu bytes; a reference value is at most %zu", len, size - 1);
    memcpy(to, v, len + 1);
    return ER_OK;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct reading *r = ctx;
    er_reference_file *f = r->out;
    er_reference *e;
    er_status rc;

    if (rec->row == 0)
        return header(r, rec, err);
    if (f->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        er_reference *refs = er_realloc(f->refs, cap * sizeof *refs);
        long *rows = refs ? er_realloc(f->rows, cap * sizeof *rows) : NULL;

        if (refs)
            f->refs = refs;
        if (!rows)
            return er_error_set(err, ER_ENOMEM, rec->row, "", "out of memory");
        f->rows = rows;
        r->cap = cap;
    }
    e = &f->refs[f->n];
    memset(e, 0, sizeof *e);
    memcpy(e->list, r->list, strlen(r->list) + 1);
    if ((rc = cell(r, rec, 0, e->value, sizeof e->value, err)) != ER_OK)
        return rc;
    if (r->col[1] != ER_GBIS_COL_COUNT &&
        (rc = cell(r, rec, 1, e->value2, sizeof e->value2, err)) != ER_OK)
        return rc;
    f->rows[f->n++] = rec->row;
    return ER_OK;
}

er_status er_reference_parse_csv(const char *buf, size_t len, const char *list,
                                 er_reference_file *out, er_error *err)
{
    struct reading r = { .list = list, .out = out };
    er_status rc;

    memset(out, 0, sizeof *out);
    if (!list || !er_gbis_list_columns(list, &r.col[0], &r.col[1]) ||
        strlen(list) >= sizeof out->refs->list)
        return er_error_set(err, ER_EINVAL, 0, "list",
                            "'%.31s' is not a reference list (" ER_GBIS_LISTS ")",
                            list ? list : "");
    rc = er_csv_records(buf, len, FIELDS_MAX, FIELD_MAX, on_record, &r, err);
    if (rc != ER_OK)
        er_reference_file_free(out);
    return rc;
}

er_status er_reference_load_csv(const char *path, const char *list, er_reference_file *out,
                                er_error *err)
{
    char *buf;
    size_t len;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = er_read_file(path, REFERENCE_FILE_MAX, &buf, &len, err)) != ER_OK)
        return rc;
    rc = er_reference_parse_csv(buf, len, list, out, err);
    er_free(buf);
    return rc;
}

void er_reference_file_free(er_reference_file *f)
{
    if (!f)
        return;
    er_free(f->refs);
    er_free(f->rows);
    memset(f, 0, sizeof *f);
}
