/*
 * gbis_csv.c: Ofgem's GBIS notification template read from CSV.
 *
 * The template is strict (spec/gbis_template_columns.txt, RULES.md
 * "Notification"): the header is the 40 names in order, case-sensitive;
 * at most 10,000 rows and 20 MB a file.  Cells are kept as text (trimmed):
 * judging them is the rules' work (src/core/gbis_*.c), so that a bad value
 * becomes a rule failure with Ofgem's code rather than a refused file.
 */
#include "ecoreg/io.h"

#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"

/* One parse: cells are appended to `text`; offsets become pointers at the
 * end, once `text` no longer moves. */
struct reader {
    er_gbis_file *f;
    size_t *off;               /* n * ER_GBIS_COL_COUNT offsets into text */
    size_t rows_cap, text_len, text_cap;
};

static er_status header(const er_csv_record *rec, er_error *err)
{
    size_t i;

    for (i = 0; i < ER_GBIS_COL_COUNT; i++) {
        const char *want = er_gbis_column_name((er_gbis_col)i);

        if (i >= rec->n)
            return er_error_set(err, ER_EINVAL, 0, want,
                                "the header stops after %zu columns; column %zu must be %s",
                                rec->n, i + 1, want);
        if (strcmp(rec->field[i], want) != 0)
            return er_error_set(err, ER_EINVAL, 0, want,
                                "header column %zu is \"%.60s\" where the template has %s "
                                "(names are case-sensitive)", i + 1, rec->field[i], want);
    }
    if (rec->n > ER_GBIS_COL_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "",
                            "the header has %zu columns; the template has %d", rec->n,
                            ER_GBIS_COL_COUNT);
    return ER_OK;
}

static int room(struct reader *rd, size_t text)
{
    er_gbis_file *f = rd->f;

    if (f->n == rd->rows_cap) {
        size_t cap = rd->rows_cap ? rd->rows_cap * 2 : 256;
        er_gbis_row *rows = er_realloc(f->rows, cap * sizeof *rows);
        size_t *off;

        if (!rows)
            return 0;
        f->rows = rows;
        if (!(off = er_realloc(rd->off, cap * ER_GBIS_COL_COUNT * sizeof *off)))
            return 0;
        rd->off = off;
        rd->rows_cap = cap;
    }
    if (rd->text_len + text > rd->text_cap) {
        size_t cap = rd->text_cap ? rd->text_cap : 64 * 1024;
        char *t;

        while (cap < rd->text_len + text)
            cap *= 2;
        if (!(t = er_realloc(f->text, cap)))
            return 0;
        f->text = t;
        rd->text_cap = cap;
    }
    return 1;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct reader *rd = ctx;
    er_gbis_file *f = rd->f;
    size_t i, bytes = 0;

    if (rec->row == 0)
        return header(rec, err);
    if (f->n >= ER_GBIS_FILE_ROWS_MAX)
        return er_error_set(err, ER_ELIMIT, rec->row, "",
                            "more than %d rows: Ofgem's limit per file", ER_GBIS_FILE_ROWS_MAX);
    if (rec->n != ER_GBIS_COL_COUNT)
        return er_error_set(err, ER_EINVAL, rec->row, "",
                            "the row has %zu fields; the template has %d", rec->n,
                            ER_GBIS_COL_COUNT);
    for (i = 0; i < rec->n; i++) {
        if (rec->len[i] >= ER_GBIS_CELL_MAX)
            return er_error_set(err, ER_ELIMIT, rec->row, er_gbis_column_name((er_gbis_col)i),
                                "longer than %d characters", ER_GBIS_CELL_MAX - 1);
        bytes += rec->len[i] + 1;
    }
    if (!room(rd, bytes))
        return er_error_set(err, ER_ENOMEM, rec->row, "", "out of memory");
    f->rows[f->n].row = rec->row;
    for (i = 0; i < rec->n; i++) {
        rd->off[f->n * ER_GBIS_COL_COUNT + i] = rd->text_len;
        memcpy(f->text + rd->text_len, rec->field[i], rec->len[i] + 1);
        rd->text_len += rec->len[i] + 1;
    }
    f->n++;
    return ER_OK;
}

/* Sizes the arrays once for the file (its lines bound its rows; its bytes
 * plus a NUL per cell bound its text), so that nothing is copied as it
 * grows. */
static void presize(struct reader *rd, const char *buf, size_t len)
{
    size_t lines = 1;
    const char *p = buf, *end = buf + len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL && p++ < end)
        lines++;
    if (lines > ER_GBIS_FILE_ROWS_MAX + 1)
        lines = ER_GBIS_FILE_ROWS_MAX + 1;
    if (!(rd->f->rows = er_malloc(lines * sizeof *rd->f->rows)) ||
        !(rd->off = er_malloc(lines * ER_GBIS_COL_COUNT * sizeof *rd->off)) ||
        !(rd->f->text = er_malloc(len + lines * ER_GBIS_COL_COUNT + 1))) {
        er_free(rd->f->rows);
        er_free(rd->off);
        rd->f->rows = NULL;
        rd->off = NULL;
        return; /* room() grows them as it goes */
    }
    rd->rows_cap = lines;
    rd->text_cap = len + lines * ER_GBIS_COL_COUNT + 1;
}

er_status er_gbis_parse_csv(const char *buf, size_t len, er_gbis_file *out, er_error *err)
{
    struct reader rd = { .f = out };
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    er_error_clear(err);
    if (len > ER_GBIS_FILE_BYTES_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "", "larger than %u bytes: Ofgem's limit per file",
                            ER_GBIS_FILE_BYTES_MAX);
    presize(&rd, buf ? buf : "", len);
    /* a long cell is read whole so that its error can name its column */
    rc = er_csv_records(buf ? buf : "", len, ER_GBIS_COL_COUNT + 8, 64 * 1024, on_record, &rd,
                        err);
    if (!rc && out->n == 0)
        rc = er_error_set(err, ER_EINVAL, 0, "", "no data rows");
    if (rc) {
        er_gbis_file_free(out);
        goto done;
    }
    for (r = 0; r < out->n; r++)
        for (c = 0; c < ER_GBIS_COL_COUNT; c++)
            out->rows[r].col[c] = out->text + rd.off[r * ER_GBIS_COL_COUNT + c];
done:
    er_free(rd.off);
    return rc;
}

er_status er_gbis_load_csv(const char *path, er_gbis_file *out, er_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = er_read_file(path, ER_GBIS_FILE_BYTES_MAX, &buf, &len, err)) == ER_OK)
        rc = er_gbis_parse_csv(buf, len, out, err);
    er_free(buf);
    return rc;
}

void er_gbis_file_free(er_gbis_file *f)
{
    if (!f)
        return;
    er_free(f->rows);
    er_free(f->text);
    memset(f, 0, sizeof *f);
}
