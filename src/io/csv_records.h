/*
 * csv_records.h: CSV files as numbered records (internal to src/io).
 *
 * libcsv splits bytes into fields; this layer gives each reader of a CSV
 * file (Ofgem's matrices, notification templates) the same conventions:
 * a UTF-8 byte order mark is skipped; blank lines are skipped but counted,
 * so row numbers match what a user sees (the first line after the header
 * is row 1); CRLF and LF both end a line; a NUL byte or malformed quoting
 * is an error naming the row; surrounding spaces and tabs of each field are
 * trimmed.
 */
#ifndef ECOREG_IO_CSV_RECORDS_H
#define ECOREG_IO_CSV_RECORDS_H

#include <stddef.h>

#include "ecoreg/error.h"

/* One record: row 0 is the header, then data rows.  Fields are trimmed and
 * NUL-terminated; they are valid only during the callback. */
typedef struct er_csv_record {
    long row;
    size_t n;
    const char *const *field;
    const size_t *len;
} er_csv_record;

/* Called for each non-blank record; a non-OK return (with `err` filled)
 * stops the reading and is returned by er_csv_records(). */
typedef er_status (*er_csv_record_fn)(void *ctx, const er_csv_record *rec, er_error *err);

/* Reads buf[0..len) record by record.  A record with more than
 * `max_fields` fields, or a field longer than `max_field` bytes, is
 * ER_ELIMIT naming its row.  ER_EINVAL "no header row" for empty input. */
er_status er_csv_records(const char *buf, size_t len, size_t max_fields, size_t max_field,
                         er_csv_record_fn fn, void *ctx, er_error *err);

#endif
