/*
 * template.h: a notification template read from CSV or JSON (internal to
 * src/io).  Ofgem's templates (GBIS, and ecoreg's ECO4 projects and
 * measures) share one shape: a fixed list of columns, case-sensitive
 * names, limits on rows, bytes and cell length.  A file comes as CSV (a
 * header of exactly the column names in order, then rows of exactly that
 * many cells: template_csv.c) or as JSON (an array of objects keyed by
 * column names, each member a string, null or absent: template_json.c).
 * Both readers keep the cells as text in one buffer, in an
 * er_template_table; template.c turns the table into the template's row
 * type, which every template declares as { long row; const char *col[N]; }.
 * The templates themselves are defined beside their public readers
 * (gbis_template.c, eco4_template.c).
 */
#ifndef ECOREG_IO_TEMPLATE_H
#define ECOREG_IO_TEMPLATE_H

#include <stddef.h>

#include "ecoreg/error.h"

/* A template: its columns, its limits, and the layout of its row type. */
typedef struct er_template {
    const char *title; /* in messages: "not a column of the GBIS template" */
    size_t ncols;
    const char *(*name)(size_t col);      /* column col's name */
    size_t max_rows, max_bytes, cell_max; /* cell_max counts the NUL */
    size_t row_size, row_at, col_at;      /* sizeof the row type, offsetof
                                             its `row` and its `col` */
} er_template;

/* The three members of er_template describing row type T. */
#define ER_TEMPLATE_ROW(T) sizeof(T), offsetof(T, row), offsetof(T, col)

/* The cells read: row r's cell c is text + off[r * ncols + c]. */
typedef struct er_template_table {
    size_t n;
    long *rownum; /* per row, its row number in the file */
    size_t *off;
    char *text; /* owned: taken by the caller or freed with the table */
} er_template_table;

/* Reads buf[0..len) as template `t` in CSV into *out.  Row numbers are
 * lines after the header, blank lines counted.  Errors name the row (0:
 * the header) and the column; then *out is empty.  Free with
 * er_template_table_free(). */
er_status er_template_parse_csv(const er_template *t, const char *buf, size_t len,
                                er_template_table *out, er_error *err);

/* Reads buf[0..len) as template `t` in JSON into *out: rows are numbered
 * from 1 in array order; a column a row leaves out, or gives as null, is
 * an empty cell; strings are kept as given (not trimmed).  Errors name the
 * row and the member (malformed JSON: the line, in `row`, and column in
 * the message); then *out is empty.  Free with er_template_table_free(). */
er_status er_template_parse_json(const er_template *t, const char *buf, size_t len,
                                 er_template_table *out, er_error *err);

/* Tells which of the templates t[0..n) (n >= 1; t[0]'s byte limit holds)
 * a JSON file in buf[0..len) holds, by the member names of its first row
 * alone (the rest is not parsed): *which is the one template that has some
 * of those names as columns no other template has.  ER_EINVAL (row 1) when
 * no template or several have, or when the file is not a non-empty array
 * of objects; ER_EPARSE when it is malformed. */
er_status er_template_json_which(const er_template *const *t, size_t n, const char *buf, size_t len,
                                 size_t *which, er_error *err);

/* Frees what `tab` holds (text too, unless the caller took it); accepts
 * NULL. */
void er_template_table_free(er_template_table *tab);

/* A template file's format. */
typedef enum er_template_format { ER_TEMPLATE_CSV = 0, ER_TEMPLATE_JSON } er_template_format;

/* JSON when `path` ends in ".json", else CSV. */
er_template_format er_template_format_of(const char *path);

/* Reads buf[0..len) as template `t` in format `fmt` into a new array of
 * the template's row type: *rows (n of them, each row's `row` its row
 * number, its `col` its cells), pointing into *text.  Both are returned to
 * the caller, freed with er_free().  On error they are NULL and *n is 0. */
er_status er_template_read(const er_template *t, er_template_format fmt, const char *buf,
                           size_t len, void **rows, size_t *n, char **text, er_error *err);

/* er_template_read() on the file at `path`, of at most t->max_bytes. */
er_status er_template_load(const er_template *t, er_template_format fmt, const char *path,
                           void **rows, size_t *n, char **text, er_error *err);

#endif
