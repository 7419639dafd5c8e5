/*
 * eco4_template.c: ECO4's project and measure notification templates read
 * from CSV or JSON.
 *
 * Both templates are strict, as Ofgem's GBIS template is (RULES.md
 * "Notification"; docs/eco4_templates.md): the column names,
 * case-sensitive (in CSV, the header is exactly those names in order; in
 * JSON, each row an object whose members are among them, each a string or
 * null); at most 10,000 rows and 20 MB a file.  Cells are kept as text:
 * judging them is the checks' work (src/core/eco4_checks.c), so that a bad
 * value becomes a rule failure with its code rather than a refused file.
 * template_csv.c and template_json.c read the cells of all three templates
 * (GBIS's too) and template.c makes the rows; this file defines the two
 * templates and hands their rows over.
 */
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/eco4.h"
#include "template.h"

static const char *project_name(size_t col)
{
    return er_eco4_project_column_name((er_eco4_pcol)col);
}

static const char *measure_name(size_t col)
{
    return er_eco4_measure_column_name((er_eco4_mcol)col);
}

static const er_template projects = { "ECO4 project",
                                      ER_ECO4P_COL_COUNT,
                                      project_name,
                                      ER_ECO4_FILE_ROWS_MAX,
                                      ER_ECO4_FILE_BYTES_MAX,
                                      ER_ECO4_CELL_MAX,
                                      ER_TEMPLATE_ROW(er_eco4_project_row) };
static const er_template measures = { "ECO4 measure",
                                      ER_ECO4M_COL_COUNT,
                                      measure_name,
                                      ER_ECO4_FILE_ROWS_MAX,
                                      ER_ECO4_FILE_BYTES_MAX,
                                      ER_ECO4_CELL_MAX,
                                      ER_TEMPLATE_ROW(er_eco4_measure_row) };

_Static_assert(sizeof((er_eco4_project_row *)0)->col / sizeof(char *) == ER_ECO4P_COL_COUNT,
               "an er_eco4_project_row holds one cell per column");
_Static_assert(sizeof((er_eco4_measure_row *)0)->col / sizeof(char *) == ER_ECO4M_COL_COUNT,
               "an er_eco4_measure_row holds one cell per column");

/* Reads the project template in format fmt from the file at `path`, or,
 * when path is NULL, from buf[0..len), into *out (empty on error). */
static er_status read_projects(er_template_format fmt, const char *path, const char *buf,
                               size_t len, er_eco4_projects *out, er_error *err)
{
    void *rows;
    er_status rc =
        path ? er_template_load(&projects, fmt, path, &rows, &out->n, &out->text, err)
             : er_template_read(&projects, fmt, buf, len, &rows, &out->n, &out->text, err);

    out->rows = rows;
    return rc;
}

/* The same for the measure template. */
static er_status read_measures(er_template_format fmt, const char *path, const char *buf,
                               size_t len, er_eco4_measures *out, er_error *err)
{
    void *rows;
    er_status rc =
        path ? er_template_load(&measures, fmt, path, &rows, &out->n, &out->text, err)
             : er_template_read(&measures, fmt, buf, len, &rows, &out->n, &out->text, err);

    out->rows = rows;
    return rc;
}

er_status er_eco4_parse_projects_csv(const char *buf, size_t len, er_eco4_projects *out,
                                     er_error *err)
{
    return read_projects(ER_TEMPLATE_CSV, NULL, buf, len, out, err);
}

er_status er_eco4_parse_projects_json(const char *buf, size_t len, er_eco4_projects *out,
                                      er_error *err)
{
    return read_projects(ER_TEMPLATE_JSON, NULL, buf, len, out, err);
}

er_status er_eco4_load_projects_csv(const char *path, er_eco4_projects *out, er_error *err)
{
    return read_projects(ER_TEMPLATE_CSV, path, NULL, 0, out, err);
}

er_status er_eco4_load_projects_json(const char *path, er_eco4_projects *out, er_error *err)
{
    return read_projects(ER_TEMPLATE_JSON, path, NULL, 0, out, err);
}

er_status er_eco4_load_projects(const char *path, er_eco4_projects *out, er_error *err)
{
    return read_projects(er_template_format_of(path), path, NULL, 0, out, err);
}

er_status er_eco4_parse_measures_csv(const char *buf, size_t len, er_eco4_measures *out,
                                     er_error *err)
{
    return read_measures(ER_TEMPLATE_CSV, NULL, buf, len, out, err);
}

er_status er_eco4_parse_measures_json(const char *buf, size_t len, er_eco4_measures *out,
                                      er_error *err)
{
    return read_measures(ER_TEMPLATE_JSON, NULL, buf, len, out, err);
}

er_status er_eco4_load_measures_csv(const char *path, er_eco4_measures *out, er_error *err)
{
    return read_measures(ER_TEMPLATE_CSV, path, NULL, 0, out, err);
}

er_status er_eco4_load_measures_json(const char *path, er_eco4_measures *out, er_error *err)
{
    return read_measures(ER_TEMPLATE_JSON, path, NULL, 0, out, err);
}

er_status er_eco4_load_measures(const char *path, er_eco4_measures *out, er_error *err)
{
    return read_measures(er_template_format_of(path), path, NULL, 0, out, err);
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

er_status er_eco4_json_template(const char *buf, size_t len, er_eco4_template *out, er_error *err)
{
    static const er_template *const both[] = { &projects, &measures }; /* by er_eco4_template */
    size_t which;
    er_status rc = er_template_json_which(both, 2, buf, len, &which, err);

    *out = which == 1 ? ER_ECO4_MEASURES : ER_ECO4_PROJECTS;
    return rc;
}

er_status er_eco4_csv_template(const char *buf, size_t len, er_eco4_template *out, er_error *err)
{
    const char *p = buf, *end = buf + len;
    char col[64];
    size_t n = 0;
    bool quoted = false;

    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) /* a byte order mark */
        p += 3;
    for (; p < end && *p != '\n' && (quoted || *p != ','); p++)
        if (*p == '"')
            quoted = !quoted;
    if (p < end && *p == ',')
        p++;
    for (; p < end && *p != ',' && *p != '\r' && *p != '\n'; p++)
        if (*p != '"' && *p != ' ' && *p != '\t' && n + 1 < sizeof col)
            col[n++] = *p;
    col[n] = '\0';
    if (strcmp(col, "Project_Reference_Number") == 0)
        *out = ER_ECO4_PROJECTS;
    else if (strcmp(col, "Measure_Reference_Number") == 0)
        *out = ER_ECO4_MEASURES;
    else
        return er_error_set(err, ER_EINVAL, 1, col,
                            "the header's second column is '%s': an ECO4 file has "
                            "Project_Reference_Number (projects) or Measure_Reference_Number "
                            "(measures) there",
                            col);
    return ER_OK;
}
