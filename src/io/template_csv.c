/*
 * template_csv.c: a notification template read from CSV (see
 * template.h).  Cells are appended to one text buffer, sized once from
 * the file (its lines bound its rows; its bytes plus a NUL per cell bound
 * its text), so that nothing is copied as the file is read.  Judging the
 * cells is the rules' work: a bad value becomes a rule failure with its
 * code, not a refused file.
 */
#include "template.h"

#include <stdbool.h>
#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"

struct reader {
    const er_template *t;
    er_template_table *tab;
    size_t rows_cap, text_len, text_cap;
};

static er_status header(const er_template *t, const er_csv_record *rec, er_error *err)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        const char *want = t->name(i);

        if (i >= rec->n)
            return er_error_set(err, ER_EINVAL, 0, want,
                                "the header stops after %zu columns; column %zu must be %s", rec->n,
                                i + 1, want);
        if (strcmp(rec->field[i], want) != 0)
            return er_error_set(err, ER_EINVAL, 0, want,
                                "header column %zu is \"%.60s\" where the template has %s "
                                "(names are case-sensitive)",
                                i + 1, rec->field[i], want);
    }
    if (rec->n > t->ncols)
        return er_error_set(err, ER_EINVAL, 0, "",
                            "the header has %zu columns; the template has %zu", rec->n, t->ncols);
    return ER_OK;
}

/* Room for one more row and `text` more bytes; false when out of memory. */
static bool room(struct reader *rd, size_t text)
{
    er_template_table *tab = rd->tab;

    if (tab->n == rd->rows_cap) {
        size_t cap = rd->rows_cap ? rd->rows_cap * 2 : 256;
        long *rownum = er_realloc(tab->rownum, cap * sizeof *rownum);
        size_t *off;

        if (!rownum)
            return false;
        tab->rownum = rownum;
        if (!(off = er_realloc(tab->off, cap * rd->t->ncols * sizeof *off)))
            return false;
        tab->off = off;
        rd->rows_cap = cap;
    }
    if (rd->text_len + text > rd->text_cap) {
        size_t cap = rd->text_cap ? rd->text_cap : 64 * 1024;
        char *s;

        while (cap < rd->text_len + text)
            cap *= 2;
        if (!(s = er_realloc(tab->text, cap)))
            return false;
        tab->text = s;
        rd->text_cap = cap;
    }
    return true;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct reader *rd = ctx;
    er_template_table *tab = rd->tab;
    size_t i, bytes = 0;

    if (rec->row == 0)
        return header(rd->t, rec, err);
    if (tab->n >= rd->t->max_rows)
        return er_error_set(err, ER_ELIMIT, rec->row, "", "more than %zu rows: the limit per file",
                            rd->t->max_rows);
    if (rec->n != rd->t->ncols)
        return er_error_set(err, ER_EINVAL, rec->row, "",
                            "the row has %zu fields; the template has %zu", rec->n, rd->t->ncols);
    for (i = 0; i < rec->n; i++) {
        if (rec->len[i] >= rd->t->cell_max)
            return er_error_set(err, ER_ELIMIT, rec->row, rd->t->name(i),
                                "longer than %zu characters", rd->t->cell_max - 1);
        bytes += rec->len[i] + 1;
    }
    if (!room(rd, bytes))
        return er_error_set(err, ER_ENOMEM, rec->row, "", "out of memory");
    tab->rownum[tab->n] = rec->row;
    for (i = 0; i < rec->n; i++) {
        tab->off[tab->n * rd->t->ncols + i] = rd->text_len;
        memcpy(tab->text + rd->text_len, rec->field[i], rec->len[i] + 1);
        rd->text_len += rec->len[i] + 1;
    }
    tab->n++;
    return ER_OK;
}

/* Sizes the arrays once for the file; room() grows them if this fails. */
static void presize(struct reader *rd, const char *buf, size_t len)
{
    er_template_table *tab = rd->tab;
    size_t lines = 1, text;
    const char *p = buf, *end = buf + len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL && p++ < end)
        lines++;
    if (lines > rd->t->max_rows + 1)
        lines = rd->t->max_rows + 1;
    text = len + lines * rd->t->ncols + 1;
    tab->rownum = er_malloc(lines * sizeof *tab->rownum);
    tab->off = er_malloc(lines * rd->t->ncols * sizeof *tab->off);
    tab->text = er_malloc(text);
    if (!tab->rownum || !tab->off || !tab->text) {
        er_template_table_free(tab);
        return;
    }
    rd->rows_cap = lines;
    rd->text_cap = text;
}

er_status er_template_parse_csv(const er_template *t, const char *buf, size_t len,
                                er_template_table *out, er_error *err)
{
    struct reader rd = { .t = t, .tab = out };
    er_status rc;

    memset(out, 0, sizeof *out);
    er_error_clear(err);
    if (len > t->max_bytes)
        return er_error_set(err, ER_ELIMIT, 0, "", "larger than %zu bytes: the limit per file",
                            t->max_bytes);
    buf = buf ? buf : "";
    presize(&rd, buf, len);
    /* a long cell is read whole so that its error can name its column */
    rc = er_csv_records(buf, len, t->ncols + 8, 64 * 1024, on_record, &rd, err);
    if (!rc && out->n == 0)
        rc = er_error_set(err, ER_EINVAL, 0, "", "no data rows");
    if (rc)
        er_template_table_free(out);
    return rc;
}
