/*
 * cells.h: a notified row as the register stores it (internal to
 * src/register): its cells as a JSON array in the template's order, and
 * the content hash that tells an unchanged resubmission from an edit.
 * GBIS and ECO4 rows are stored the same way.
 */
#ifndef ECOREG_REGISTER_CELLS_H
#define ECOREG_REGISTER_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/error.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "ecoreg/score.h"
#include "ecoreg/store.h"

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

/* The payload of the event that notifies or edits a row:
 * {"row":[cells],"failures":[...],"content_hash":"..."}.  A measure's
 * projection reads its row and failures back from it (store.h), and
 * verify its content hash. */
void cells_payload(er_jsonw *out, const er_jsonw *row, const char *failures, const char *hash);

/* That event's reason: "checks passed" or "N check failures". */
void cells_reason(char *out, size_t cap, size_t n_failures);

/* Appends the event of measure `mrn` notified (`from` "") or edited (from
 * its state `from`), to `recorded`, or `rejected` when it failed checks,
 * with `payload`; *id is the event's id. */
er_status cells_append_notified(er_store *s, const er_act *act, const char *mrn, const char *from,
                                size_t n_failures, const char *payload, int64_t *id, er_error *err);

/* Cells as the scoring reads them (both templates write them alike). */
/* A SAP rating ("54.5", "60") in tenths; -1 when not a rating. */
int cell_sap_tenths(const char *cell);
/* "Yes", in any case. */
bool cell_yes(const char *cell);
/* Not empty and not "N/A". */
bool cell_given(const char *cell);
/* Percentage_Of_Property_Treated: "67+" or 1-66 (docs/eco4_templates.md
 * column 9); anything else counts in full. */
er_popt cell_popt(const char *cell);

#endif
