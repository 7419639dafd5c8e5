/*
 * gbis_template.c: Ofgem's GBIS notification template read from CSV or
 * JSON.
 *
 * The template is strict (spec/gbis_template_columns.txt, RULES.md
 * "Notification"): the 40 column names, case-sensitive (in CSV, the header
 * is exactly those names in order; in JSON, each row an object whose
 * members are among them, each a string or null); at most 10,000 rows and
 * 20 MB a file; cells of at most 255 characters.  template_csv.c and
 * template_json.c read the cells, template.c makes the rows; this file
 * defines the template and hands the rows over as an er_gbis_file, the
 * same whichever format, so the same rules judge it.
 */
#include "ecoreg/io.h"

#include <string.h>

#include "ecoreg/alloc.h"
#include "template.h"

static const char *column(size_t col)
{
    return er_gbis_column_name((er_gbis_col)col);
}

static const er_template gbis = { "GBIS",
                                  ER_GBIS_COL_COUNT,
                                  column,
                                  ER_GBIS_FILE_ROWS_MAX,
                                  ER_GBIS_FILE_BYTES_MAX,
                                  ER_GBIS_CELL_MAX,
                                  ER_TEMPLATE_ROW(er_gbis_row) };

_Static_assert(sizeof((er_gbis_row *)0)->col / sizeof(char *) == ER_GBIS_COL_COUNT,
               "an er_gbis_row holds one cell per column");

/* Reads the template in format fmt from the file at `path`, or, when path
 * is NULL, from buf[0..len), into *out (empty on error). */
static er_status read_file(er_template_format fmt, const char *path, const char *buf, size_t len,
                           er_gbis_file *out, er_error *err)
{
    void *rows;
    er_status rc = path ? er_template_load(&gbis, fmt, path, &rows, &out->n, &out->text, err)
                        : er_template_read(&gbis, fmt, buf, len, &rows, &out->n, &out->text, err);

    out->rows = rows;
    return rc;
}

er_status er_gbis_parse_csv(const char *buf, size_t len, er_gbis_file *out, er_error *err)
{
    return read_file(ER_TEMPLATE_CSV, NULL, buf, len, out, err);
}

er_status er_gbis_parse_json(const char *buf, size_t len, er_gbis_file *out, er_error *err)
{
    return read_file(ER_TEMPLATE_JSON, NULL, buf, len, out, err);
}

er_status er_gbis_load_csv(const char *path, er_gbis_file *out, er_error *err)
{
    return read_file(ER_TEMPLATE_CSV, path, NULL, 0, out, err);
}

er_status er_gbis_load_json(const char *path, er_gbis_file *out, er_error *err)
{
    return read_file(ER_TEMPLATE_JSON, path, NULL, 0, out, err);
}

er_status er_gbis_load(const char *path, er_gbis_file *out, er_error *err)
{
    return read_file(er_template_format_of(path), path, NULL, 0, out, err);
}

void er_gbis_file_free(er_gbis_file *f)
{
    if (!f)
        return;
    er_free(f->rows);
    er_free(f->text);
    memset(f, 0, sizeof *f);
}
