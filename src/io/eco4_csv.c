/*
 * eco4_csv.c: ECO4's project and measure notification templates read
 * from CSV.
 *
 * Both templates are strict, as Ofgem's GBIS template is (RULES.md
 * "Notification"; docs/eco4_templates.md): the header is the template's
 * column names in order, case-sensitive; at most 10,000 rows and 20 MB a
 * file.  Cells are kept as text, trimmed: judging them is the checks'
 * work (src/core/eco4_checks.c), so that a bad value becomes a rule
 * failure with its code rather than a refused file.  template_csv.c
 * reads both (and GBIS's); this file points the rows at their cells.
 */
#include <string.h>

#include "template_csv.h"
#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "ecoreg/io.h"

static const char *project_name(size_t col)
{
    return er_eco4_project_column_name((er_eco4_pcol)col);
}

static const char *measure_name(size_t col)
{
    return er_eco4_measure_column_name((er_eco4_mcol)col);
}

static const er_template projects = { ER_ECO4P_COL_COUNT, project_name, ER_ECO4_FILE_ROWS_MAX,
                                      ER_ECO4_FILE_BYTES_MAX, ER_ECO4_CELL_MAX };
static const er_template measures = { ER_ECO4M_COL_COUNT, measure_name, ER_ECO4_FILE_ROWS_MAX,
                                      ER_ECO4_FILE_BYTES_MAX, ER_ECO4_CELL_MAX };

er_status er_eco4_parse_projects_csv(const char *buf, size_t len, er_eco4_projects *out,
                                     er_error *err)
{
    er_template_table tab;
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    if ((rc = er_template_parse(&projects, buf, len, &tab, err)) != ER_OK)
        return rc;
    if (!(out->rows = er_calloc(tab.n, sizeof *out->rows))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (r = 0; r < tab.n; r++) {
        out->rows[r].row = tab.rownum[r];
        for (c = 0; c < ER_ECO4P_COL_COUNT; c++)
            out->rows[r].col[c] = tab.text + tab.off[r * ER_ECO4P_COL_COUNT + c];
    }
    out->n = tab.n;
    out->text = tab.text;
    tab.text = NULL;
done:
    er_template_table_free(&tab);
    return rc;
}

er_status er_eco4_parse_measures_csv(const char *buf, size_t len, er_eco4_measures *out,
                                     er_error *err)
{
    er_template_table tab;
    er_status rc;
    size_t r, c;

    memset(out, 0, sizeof *out);
    if ((rc = er_template_parse(&measures, buf, len, &tab, err)) != ER_OK)
        return rc;
    if (!(out->rows = er_calloc(tab.n, sizeof *out->rows))) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (r = 0; r < tab.n; r++) {
        out->rows[r].row = tab.rownum[r];
        for (c = 0; c < ER_ECO4M_COL_COUNT; c++)
            out->rows[r].col[c] = tab.text + tab.off[r * ER_ECO4M_COL_COUNT + c];
    }
    out->n = tab.n;
    out->text = tab.text;
    tab.text = NULL;
done:
    er_template_table_free(&tab);
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
