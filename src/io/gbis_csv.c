/*
 * gbis_csv.c: Ofgem's GBIS notification template read from CSV.
 *
 * The template is strict (spec/gbis_template_columns.txt, RULES.md
 * "Notification"): the header is the 40 names in order, case-sensitive;
 * at most 10,000 rows and 20 MB a file.  template_csv.c reads it; this
 * file only points the rows at its cells.
 */
#include "ecoreg/io.h"

#include <string.h>

#include "ecoreg/alloc.h"
#include "template_csv.h"

static const char *column(size_t col)
{
    return er_gbis_column_name((er_gbis_col)col);
}

static const er_template gbis = { ER_GBIS_COL_COUNT, column, ER_GBIS_FILE_ROWS_MAX,
                                  ER_GBIS_FILE_BYTES_MAX, ER_GBIS_CELL_MAX };

er_status er_gbis_parse_csv(const char *buf, size_t len, er_gbis_file *out, er_error *err)
{
    er_template_table tab;
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    if ((rc = er_template_parse(&gbis, buf, len, &tab, err)) != ER_OK)
        return rc;
    if (!(out->rows = er_calloc(tab.n, sizeof *out->rows))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (r = 0; r < tab.n; r++) {
        out->rows[r].row = tab.rownum[r];
        for (c = 0; c < ER_GBIS_COL_COUNT; c++)
            out->rows[r].col[c] = tab.text + tab.off[r * ER_GBIS_COL_COUNT + c];
    }
    out->n = tab.n;
    out->text = tab.text;
    tab.text = NULL;
done:
    er_template_table_free(&tab);
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
