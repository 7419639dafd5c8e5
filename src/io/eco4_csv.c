/*
 * eco4_csv.c: ECO4's project and measure notification templates read
 * from CSV.
 *
 * Both templates are strict, as Ofgem's GBIS template is (RULES.md
 * "Notification"; docs/eco4_templates.md): the header is the template's
 * column names in order, case-sensitive; at most 10,000 rows and 20 MB a
 * file.  Cells are kept as text, trimmed: judging them is the checks'
 * work (src/core/eco4_checks.c), so that a bad value becomes a rule
 * failure with its code rather than a refused file.  One reader serves
 * both templates; it differs only in the column count and names.
 */
#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "ecoreg/io.h"

/* A template: how many columns, and the name of each. */
struct layout {
    size_t ncols;
    const char *(*name)(size_t col);
};

static const char *project_name(size_t col)
{
    return er_eco4_project_column_name((er_eco4_pcol)col);
}

static const char *measure_name(size_t col)
{
    return er_eco4_measure_column_name((er_eco4_mcol)col);
}

static const struct layout projects = { ER_ECO4P_COL_COUNT, project_name };
static const struct layout measures = { ER_ECO4M_COL_COUNT, measure_name };

/* One parse: cells are appended to `text`; offsets become pointers at the
 * end, once `text` no longer moves. */
struct reader {
    const struct layout *l;
    long *rownum; /* per data row, its row number */
    size_t *off;  /* n * ncols offsets into text */
    char *text;
    size_t n, rows_cap, text_len, text_cap;
};

static er_status header(const struct layout *l, const er_csv_record *rec, er_error *err)
{
    size_t i;

    for (i = 0; i < l->ncols; i++) {
        const char *want = l->name(i);

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
    if (rec->n > l->ncols)
        return er_error_set(err, ER_EINVAL, 0, "",
                            "the header has %zu columns; the template has %zu", rec->n, l->ncols);
    return ER_OK;
}

/* Room for one more row and `text` more bytes; false when out of memory. */
static bool room(struct reader *rd, size_t text)
{
    if (rd->n == rd->rows_cap) {
        size_t cap = rd->rows_cap ? rd->rows_cap * 2 : 256;
        long *rownum = er_realloc(rd->rownum, cap * sizeof *rownum);
        size_t *off;

        if (!rownum)
            return false;
        rd->rownum = rownum;
        if (!(off = er_realloc(rd->off, cap * rd->l->ncols * sizeof *off)))
            return false;
        rd->off = off;
        rd->rows_cap = cap;
    }
    if (rd->text_len + text > rd->text_cap) {
        size_t cap = rd->text_cap ? rd->text_cap : 64 * 1024;
        char *t;

        while (cap < rd->text_len + text)
            cap *= 2;
        if (!(t = er_realloc(rd->text, cap)))
            return false;
        rd->text = t;
        rd->text_cap = cap;
    }
    return true;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct reader *rd = ctx;
    size_t i, bytes = 0;

    if (rec->row == 0)
        return header(rd->l, rec, err);
    if (rd->n >= ER_ECO4_FILE_ROWS_MAX)
        return er_error_set(err, ER_ELIMIT, rec->row, "", "more than %d rows: the limit per file",
                            ER_ECO4_FILE_ROWS_MAX);
    if (rec->n != rd->l->ncols)
        return er_error_set(err, ER_EINVAL, rec->row, "",
                            "the row has %zu fields; the template has %zu", rec->n, rd->l->ncols);
    for (i = 0; i < rec->n; i++) {
        if (rec->len[i] >= ER_ECO4_CELL_MAX)
            return er_error_set(err, ER_ELIMIT, rec->row, rd->l->name(i),
                                "longer than %d characters", ER_ECO4_CELL_MAX - 1);
        bytes += rec->len[i] + 1;
    }
    if (!room(rd, bytes))
        return er_error_set(err, ER_ENOMEM, rec->row, "", "out of memory");
    rd->rownum[rd->n] = rec->row;
    for (i = 0; i < rec->n; i++) {
        rd->off[rd->n * rd->l->ncols + i] = rd->text_len;
        memcpy(rd->text + rd->text_len, rec->field[i], rec->len[i] + 1);
        rd->text_len += rec->len[i] + 1;
    }
    rd->n++;
    return ER_OK;
}

/* Reads buf into rd (freed by the caller whatever the outcome). */
static er_status parse(const char *buf, size_t len, struct reader *rd, er_error *err)
{
    er_status rc;

    er_error_clear(err);
    if (len > ER_ECO4_FILE_BYTES_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "", "larger than %u bytes: the limit per file",
                            ER_ECO4_FILE_BYTES_MAX);
    /* a long cell is read whole so that its error can name its column */
    rc = er_csv_records(buf ? buf : "", len, rd->l->ncols + 8, 64 * 1024, on_record, rd, err);
    if (!rc && rd->n == 0)
        rc = er_error_set(err, ER_EINVAL, 0, "", "no data rows");
    return rc;
}

static void reader_free(struct reader *rd)
{
    er_free(rd->rownum);
    er_free(rd->off);
    er_free(rd->text);
}

er_status er_eco4_parse_projects_csv(const char *buf, size_t len, er_eco4_projects *out,
                                     er_error *err)
{
    struct reader rd = { .l = &projects };
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    if ((rc = parse(buf, len, &rd, err)))
        goto done;
    if (!(out->rows = er_calloc(rd.n, sizeof *out->rows))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (r = 0; r < rd.n; r++) {
        out->rows[r].row = rd.rownum[r];
        for (c = 0; c < ER_ECO4P_COL_COUNT; c++)
            out->rows[r].col[c] = rd.text + rd.off[r * ER_ECO4P_COL_COUNT + c];
    }
    out->n = rd.n;
    out->text = rd.text;
    rd.text = NULL;
done:
    reader_free(&rd);
    return rc;
}

er_status er_eco4_parse_measures_csv(const char *buf, size_t len, er_eco4_measures *out,
                                     er_error *err)
{
    struct reader rd = { .l = &measures };
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    if ((rc = parse(buf, len, &rd, err)))
        goto done;
    if (!(out->rows = er_calloc(rd.n, sizeof *out->rows))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (r = 0; r < rd.n; r++) {
        out->rows[r].row = rd.rownum[r];
        for (c = 0; c < ER_ECO4M_COL_COUNT; c++)
            out->rows[r].col[c] = rd.text + rd.off[r * ER_ECO4M_COL_COUNT + c];
    }
    out->n = rd.n;
    out->text = rd.text;
    rd.text = NULL;
done:
    reader_free(&rd);
    return rc;
}

/* Reads the file at `path` (at most the size limit) into *buf. */
static er_status slurp(const char *path, char **buf, size_t *len, er_error *err)
{
    *buf = NULL;
    *len = 0;
    return er_read_file(path, ER_ECO4_FILE_BYTES_MAX, buf, len, err);
}

er_status er_eco4_load_projects_csv(const char *path, er_eco4_projects *out, er_error *err)
{
    char *buf;
    size_t len;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = slurp(path, &buf, &len, err)) == ER_OK)
        rc = er_eco4_parse_projects_csv(buf, len, out, err);
    er_free(buf);
    return rc;
}

er_status er_eco4_load_measures_csv(const char *path, er_eco4_measures *out, er_error *err)
{
    char *buf;
    size_t len;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = slurp(path, &buf, &len, err)) == ER_OK)
        rc = er_eco4_parse_measures_csv(buf, len, out, err);
    er_free(buf);
    return rc;
}

void er_eco4_projects_free(er_eco4_projects *f)
{
    if (!f)
        return;
    er_free(f->rows);
    er_free(f->text);
    memset(f, 0, sizeof *f);
}

void er_eco4_measures_free(er_eco4_measures *f)
{
    if (!f)
        return;
    er_free(f->rows);
    er_free(f->text);
    memset(f, 0, sizeof *f);
}
