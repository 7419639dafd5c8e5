/*
 * cells.h: a notified row as the register stores it (internal to
 * src/register): its cells as a JSON array in the template's order, and
 * the content hash that tells an unchanged resubmission from an edit.
 * GBIS and ECO4 rows are stored the same way.
 */
#ifndef ECOREG_REGISTER_CELLS_H
#define ECOREG_REGISTER_CELLS_H

#include <stddef.h>

#include "ecoreg/error.h"
#include "ecoreg/jsonw.h"

/* Appends the n cells as a JSON array of strings (not the column names:
 * they would triple the bytes stored for every row, twice). */
void cells_json(er_jsonw *w, const char *const *col, size_t n);

/* BLAKE2b-256 of a row's JSON (cells_json(): one order, one escaping), in
 * hex: equal content, equal hash, whatever the file's quoting was. */
void cells_hash(const er_jsonw *row, char hex[65]);

/* Parses `json`, a JSON array of exactly n strings, into col[0..n): the
 * cells are copied into one block, *text, the caller's to er_free().
 * ER_EINVAL when the JSON is not such an array, ER_ENOMEM. */
er_status cells_parse(const char *json, size_t n, const char **col, char **text);

#endif
