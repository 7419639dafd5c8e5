/*
 * io.h: reading ecoreg's inputs and writing its outputs.
 *
 * Bytes in, core structs out (and back): Ofgem's matrix CSVs (libcsv), the
 * scheme parameter files and quote requests (jansson).  Nothing here
 * decides a rule; it only parses, validates shape, and renders.
 */
#ifndef ECOREG_IO_H
#define ECOREG_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ecoreg/chmm.h"
#include "ecoreg/error.h"
#include "ecoreg/gbis.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/matrix.h"
#include "ecoreg/protect.h"
#include "ecoreg/quote.h"
#include "ecoreg/scheme.h"
#include "ecoreg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest matrix file ecoreg reads (Ofgem's largest is about 1.5 MB). */
#define ER_MATRIX_FILE_MAX (64u * 1024 * 1024)

/**
 * Parses an Ofgem matrix CSV held in `buf` into a new matrix of `kind`.
 * Accepts what Ofgem publishes: a UTF-8 byte order mark, a trailing space
 * in "Total Floor Area Band ", "N/A" values, blank rows, CRLF.  Refuses a
 * missing column (naming it), a bad value (naming row and column) and a
 * duplicate key (naming both rows); then *out is NULL and nothing leaks.
 * On success *out is the caller's, to free with er_matrix_free().
 */
er_status er_matrix_parse_csv(const char *buf, size_t len, er_matrix_kind kind,
                              const char *version, er_date valid_from,
                              er_date valid_to, er_matrix **out, er_error *err);

/** er_matrix_parse_csv() on the contents of the file at `path`. */
er_status er_matrix_load_csv(const char *path, er_matrix_kind kind,
                             const char *version, er_date valid_from,
                             er_date valid_to, er_matrix **out, er_error *err);

/**
 * Reads a whole file into a new NUL-terminated buffer (the caller frees it
 * with er_free()).  ER_ELIMIT when it is larger than `max` bytes.
 */
er_status er_read_file(const char *path, size_t max, char **buf, size_t *len,
                       er_error *err);

/**
 * The reference data directory: `override` when not NULL, else the
 * ECOREG_DATA environment variable, else the one compiled in.  Borrowed.
 */
const char *er_datadir(const char *override);

/** Heat pump installation records read from a file (chmm.h): the rows
 *  that parse, and those that do not with why (their column named). */
typedef struct er_chmm_file {
    er_chmm_installation *rows;
    size_t n;
    struct er_chmm_invalid {
        long row;
        char installation_id[ER_CHMM_TEXT_MAX]; /* as given, perhaps "" */
        er_error why;
    } * invalid;
    size_t n_invalid;
} er_chmm_file;

/**
 * Reads installation records from CSV (spec/chmm_installations.md: a
 * header naming the columns, in any order).  ER_EINVAL naming the column
 * when a required one is missing, one is unknown or given twice; a bad
 * value refuses only its row (out->invalid).  Free with er_chmm_file_free.
 */
er_status er_chmm_parse_csv(const char *buf, size_t len, er_chmm_file *out, er_error *err);
/**
 * Reads installation records from JSON: an array of objects whose members
 * are the same columns (a value a string, a number, true or false for
 * hybrid's yes or no, or null or absent for an empty cell).  A member that
 * is no column refuses the file (ER_EINVAL naming the row and member), as
 * does malformed JSON (ER_EPARSE); a bad value refuses only its row.
 */
er_status er_chmm_parse_json(const char *buf, size_t len, er_chmm_file *out, er_error *err);
/** er_chmm_parse_json() when `path` ends in ".json", else
 *  er_chmm_parse_csv(). */
er_status er_chmm_parse_file(const char *buf, size_t len, const char *path, er_chmm_file *out,
                             er_error *err);
void er_chmm_file_free(er_chmm_file *f);

/** Writes the Annex A indicators `ind` to `out` in `format`: "json" (one
 *  object; NULL means json), "csv" (a row per indicator) or "html" (a page
 *  with a table and SVG charts).  ER_EINVAL for another format; ER_EIO
 *  when `out` fails. */
er_status er_indicators_write(FILE *out, const er_indicators *ind, const char *format);

/** Writes text `s` to `out` as one CSV field (RFC 4180: quoted when it
 *  holds a comma, a quote or a line break), then ',' or, when `last`, a
 *  line break. */
void er_csv_write_field(FILE *out, const char *s, bool last);

/** Writes record `in` as one JSON object of its cells (er_chmm_format),
 *  keyed by the spec's column names in its order, every value a string;
 *  er_chmm_parse_json() reads it back. */
void er_chmm_record_json(er_jsonw *w, const er_chmm_installation *in);

/**
 * Writes `ecoreg chmm credits`'s JSON (spec/chmm_installations.md) for the
 * rows of `f` credited as `r` (er_chmm_credits over f->rows): the licence
 * holders with their credits, in all and per scheme year; every
 * installation refused, invalid rows first, with its row, reason and
 * message; every duplicate with the installation it repeats.
 */
void er_chmm_credits_json(const er_chmm_file *f, const er_chmm_result *r,
                          const er_chmm_rules *rules, er_jsonw *w);

/**
 * Loads data/schemes/chmm.json under `datadir`: the Clean Heat Market
 * Mechanism's credit rules (chmm.h), every parameter with its source.
 * ER_EPARSE or ER_EINVAL naming the file and the field.
 */
er_status er_chmm_rules_load(const char *datadir, er_chmm_rules *out, er_error *err);
/**
 * Loads the conformity assessment rules of data/schemes/chmm.json under
 * `datadir` (protect.h): the risk score's weights ("risk_*", whole numbers
 * from 0 to 1000) and the installations selected per thousand
 * ("assessment_sample_permille", 0 to 1000), each required and cited.
 * ER_EPARSE or ER_EINVAL naming the file and the field.
 */
er_status er_assessment_rules_load(const char *datadir, er_assessment_rules *out, er_error *err);

/**
 * Loads data/schemes/<scheme>.json under `datadir` with its parameter set
 * `set` ("enacted" when NULL), its matrices and its proxy table into `out`
 * (cleared first; free with er_scheme_clear()).  Every parameter must carry
 * its source; a missing one, an unknown set or a bad matrix is an error
 * naming the file and the field.
 */
er_status er_scheme_load(const char *datadir, er_scheme_id scheme,
                         const char *set, er_scheme *out, er_error *err);

/** The schemes a quote may need, loaded once and shared. */
typedef struct er_quote_env {
    const er_scheme *schemes[ER_SCHEME_COUNT]; /* NULL when not loaded */
    bool scheme_given;   /* --scheme given: a project naming another is refused */
    er_scheme_id scheme; /* for projects that name none */
} er_quote_env;

/**
 * Quotes one JSON project held in `json` (`len` bytes) and renders the
 * result (DESIGN.md "ecoreg quote") as one line of JSON, without newline,
 * into *out (freed by the caller with er_free()).  Malformed JSON or bad
 * fields become `errors` entries in that line.  *had_errors says whether
 * the project failed to score.  Returns ER_ENOMEM or ER_ERANGE only.
 */
er_status er_quote_json(const er_quote_env *env, const char *json, size_t len,
                        char **out, bool *had_errors);

/** A GBIS notification file in memory: its rows point into `text`. */
typedef struct er_gbis_file {
    er_gbis_row *rows;
    size_t n;
    char *text;
} er_gbis_file;

/**
 * Parses Ofgem's GBIS notification template (CSV): a header of exactly the
 * 40 column names in order (case-sensitive), then at most
 * ER_GBIS_FILE_ROWS_MAX rows of 40 fields, each cell at most
 * ER_GBIS_CELL_MAX - 1 bytes.  An error names the row and the column; then
 * *out is empty.  Free with er_gbis_file_free().
 */
er_status er_gbis_parse_csv(const char *buf, size_t len, er_gbis_file *out, er_error *err);

/** er_gbis_parse_csv() on a file of at most ER_GBIS_FILE_BYTES_MAX bytes. */
er_status er_gbis_load_csv(const char *path, er_gbis_file *out, er_error *err);

/**
 * Parses the template as JSON: an array of at most ER_GBIS_FILE_ROWS_MAX
 * objects whose members are template column names (case-sensitive), each
 * a string or null; a column left out is an empty cell.  Errors name the
 * row (1-based) and the member.
 */
er_status er_gbis_parse_json(const char *buf, size_t len, er_gbis_file *out, er_error *err);

/** er_gbis_parse_json() on a file of at most ER_GBIS_FILE_BYTES_MAX bytes. */
er_status er_gbis_load_json(const char *path, er_gbis_file *out, er_error *err);

/** Writes a row's check failures as a JSON array of {"rule", "field",
 *  "message"} (the first ER_GBIS_FAILURES_MAX of them). */
void er_gbis_failures_json(er_jsonw *w, const er_gbis_outcome *o);

/** Loads a template file: JSON when its name ends in ".json", else CSV. */
er_status er_gbis_load(const char *path, er_gbis_file *out, er_error *err);

/** Frees what `f` holds and empties it; accepts NULL. */
void er_gbis_file_free(er_gbis_file *f);

/** A file of one of Ofgem's reference lists: its entries, each with the
 *  row it came from. */
typedef struct er_reference_file {
    er_reference *refs;
    long *rows;
    size_t n;
} er_reference_file;

/**
 * Parses a CSV file of reference list `list` (ER_GBIS_LIST_*): a header
 * naming the list's columns as the GBIS template names them
 * (er_gbis_list_columns), case-sensitively, in any order, other columns
 * ignored; then one entry a row, its cells as spelt, at most
 * ER_REFERENCE_VALUE_MAX - 1 bytes.  The register checks the values
 * (er_register_reference_load).  An error names the row and the column;
 * then *out is empty.  Free with er_reference_file_free().
 */
er_status er_reference_parse_csv(const char *buf, size_t len, const char *list,
                                 er_reference_file *out, er_error *err);

/** er_reference_parse_csv() on a file of at most 1 GiB. */
er_status er_reference_load_csv(const char *path, const char *list, er_reference_file *out,
                                er_error *err);

/** Frees what `f` holds and empties it; accepts NULL. */
void er_reference_file_free(er_reference_file *f);

#ifdef __cplusplus
}
#endif
#endif
