/*
 * template_csv.h: a notification template read from CSV (internal to
 * src/io).  Ofgem's templates (GBIS, and ecoreg's ECO4 projects and
 * measures) share one shape: a header of exactly the template's column
 * names, in order, case-sensitive; rows of exactly that many cells; limits
 * on rows, bytes and cell length.  This reader keeps the cells as text in
 * one buffer; each template's reader turns them into its row type.
 */
#ifndef ECOREG_IO_TEMPLATE_CSV_H
#define ECOREG_IO_TEMPLATE_CSV_H

#include <stddef.h>

#include "ecoreg/error.h"

/* A template: its columns and its limits. */
typedef struct er_template {
    size_t ncols;
    const char *(*name)(size_t col); /* column col's header name */
    size_t max_rows, max_bytes, cell_max; /* cell_max counts the NUL */
} er_template;

/* The cells read: row r's cell c is text + off[r * ncols + c]. */
typedef struct er_template_table {
    size_t n;
    long *rownum; /* per row, its row number in the file */
    size_t *off;
    char *text;   /* owned: taken by the caller or freed with the table */
} er_template_table;

/* Reads buf[0..len) as template `t` into *out.  Errors name the row and
 * the column; then *out is empty.  Free with er_template_table_free(). */
er_status er_template_parse(const er_template *t, const char *buf, size_t len,
                            er_template_table *out, er_error *err);

/* Frees what `tab` holds (text too, unless the caller took it). */
void er_template_table_free(er_template_table *tab);

#endif
