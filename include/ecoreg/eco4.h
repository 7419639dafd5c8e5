/*
 * eco4.h: ECO4's two notification templates, projects and measures, their
 * readers and their checks.
 *
 * Ofgem proposed (seed 002, 4.3-4.11) that ECO4 projects and measures
 * exist separately on the register and are notified separately: a project
 * notification carries the premises and household data gathered before
 * any measure is installed, and, once the project is complete, a second
 * notification on the same template carries the post-retrofit data (4.5,
 * 4.24); a measure notification carries one installed measure.  A measure
 * cannot pass its checks until its project has (4.4).  The columns of both
 * templates are listed in docs/eco4_templates.md with the paragraph each
 * comes from, and the checks, by ecoreg's own codes (ECO4P.... for project
 * rows, ECO4M.... for measure rows), in docs/eco4_checks.md.
 *
 * The checks are pure, as er_gbis_check() is: what they need of the
 * register (suppliers, projects and their states, the measures of a
 * project, a supplier's counts for a month) comes through the callbacks
 * of er_eco4_register, and "today" through the context.
 */
#ifndef ECOREG_ECO4_H
#define ECOREG_ECO4_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/scheme.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The project template's columns, in the template's order. */
typedef enum er_eco4_pcol {
    ER_ECO4P_SUPPLIER_REFERENCE = 0,
    ER_ECO4P_PROJECT_REF,
    ER_ECO4P_PURPOSE,
    ER_ECO4P_BUILDING_NUMBER,
    ER_ECO4P_BUILDING_NAME,
    ER_ECO4P_FLAT,
    ER_ECO4P_STREET,
    ER_ECO4P_TOWN,
    ER_ECO4P_POST_CODE,
    ER_ECO4P_UPRN,
    ER_ECO4P_TENURE,
    ER_ECO4P_PROPERTY,
    ER_ECO4P_ELIGIBILITY_TYPE,
    ER_ECO4P_VERIFICATION_METHOD,
    ER_ECO4P_DWP_REFERENCE,
    ER_ECO4P_LA_DECLARATION,
    ER_ECO4P_ART21_DECLARATION,
    ER_ECO4P_ELIGIBILITY_DATE,
    ER_ECO4P_STARTING_SAP,
    ER_ECO4P_FLOOR_AREA,
    ER_ECO4P_EPC_DATE,
    ER_ECO4P_EPC_RRN,
    ER_ECO4P_RURAL,
    ER_ECO4P_OFF_GAS,
    ER_ECO4P_INFILL_1,
    ER_ECO4P_INFILL_2,
    ER_ECO4P_INFILL_3,
    ER_ECO4P_TM_PROJECT_REF,
    ER_ECO4P_FINISHING_SAP,
    ER_ECO4P_COMPLETION_DATE,
    ER_ECO4P_TM_COMPLETED_CERT,
    ER_ECO4P_POST_EPC_RRN,
    ER_ECO4P_COL_COUNT
} er_eco4_pcol;

/** The measure template's columns, in the template's order. */
typedef enum er_eco4_mcol {
    ER_ECO4M_SUPPLIER_REFERENCE = 0,
    ER_ECO4M_MRN,
    ER_ECO4M_PROJECT_REF,
    ER_ECO4M_MEASURE_TYPE,
    ER_ECO4M_PURPOSE,
    ER_ECO4M_EXTENSION_REF,
    ER_ECO4M_COMPLETION_DATE,
    ER_ECO4M_METHODOLOGY,
    ER_ECO4M_POPT,
    ER_ECO4M_PRE_HEATING,
    ER_ECO4M_POST_HEATING,
    ER_ECO4M_INNOVATION_NUMBER,
    ER_ECO4M_PRE_EXISTING_INSULATION,
    ER_ECO4M_INSTALLER,
    ER_ECO4M_TM_LICENCE,
    ER_ECO4M_TM_MEASURE_REF,
    ER_ECO4M_TM_CERTIFICATE,
    ER_ECO4M_COL_COUNT
} er_eco4_mcol;

/** The two templates. */
typedef enum er_eco4_template { ER_ECO4_PROJECTS = 0, ER_ECO4_MEASURES } er_eco4_template;

/** The header name of a column ("Project_Reference_Number"); "?" when out
 *  of range.  Static strings. */
const char *er_eco4_project_column_name(er_eco4_pcol c);
const char *er_eco4_measure_column_name(er_eco4_mcol c);

/** Limits on one notification file, as for GBIS (RULES.md "Notification"). */
#define ER_ECO4_FILE_ROWS_MAX 10000
#define ER_ECO4_FILE_BYTES_MAX (20u * 1024 * 1024)
/** Longest value ecoreg keeps from one cell, with its NUL. */
#define ER_ECO4_CELL_MAX 256

/**
 * One row of either template.  `col` holds each cell as given (from CSV,
 * surrounding spaces trimmed), "" when empty (NULL is read as ""); the
 * strings belong to whoever made the row (a file read by er_eco4_parse_*(),
 * the register) and outlive the check.
 */
typedef struct er_eco4_project_row {
    long row; /* 1-based data row of its file; 0 for a stored project */
    const char *col[ER_ECO4P_COL_COUNT];
} er_eco4_project_row;

typedef struct er_eco4_measure_row {
    long row; /* 1-based data row of its file; 0 for a stored measure */
    const char *col[ER_ECO4M_COL_COUNT];
} er_eco4_measure_row;

/** One failed rule on one row. */
typedef struct er_eco4_failure {
    char rule[12];     /* ecoreg's code: "ECO4P0101", "ECO4M0302" */
    int column;        /* the er_eco4_pcol or er_eco4_mcol (by the row's
                          template) the message is about */
    char message[200]; /* a sentence a supplier can act on, naming that column */
} er_eco4_failure;

/** Most failures kept per row; more are counted in n_failures. */
#define ER_ECO4_FAILURES_MAX 24

/** Whether a completed project met the minimum requirement. */
typedef enum er_eco4_mr {
    ER_ECO4_MR_NOT_ASSESSED = 0, /* not a completion, or a row that failed a rule */
    ER_ECO4_MR_MET,              /* the project can be awarded its FPS */
    ER_ECO4_MR_NOT_MET           /* not an error: its measures keep their PPS
                                    (seed 002, 4.13, 4.17) */
} er_eco4_mr;

/** The outcome of one row. */
typedef struct er_eco4_outcome {
    size_t n_failures;
    er_eco4_failure failures[ER_ECO4_FAILURES_MAX];
    er_eco4_mr minimum_requirement; /* project rows of purpose "Completion
                                       Notification" that passed every rule;
                                       else NOT_ASSESSED */
} er_eco4_outcome;

/**
 * What the register holds, asked by the checks.  Every callback may be
 * NULL, meaning "the register holds nothing of that kind".  Strings and
 * rows returned stay valid until the check returns.
 */
typedef struct er_eco4_register {
    void *ctx;
    /** True when a supplier with short code `code` (3 upper-case letters)
     *  exists. */
    bool (*supplier_known)(void *ctx, const char *code);
    /** The state of the stored project with this reference (DESIGN.md:
     *  "notified", "checks_passed", "rejected", "completed", "fps_awarded",
     *  "pps_only"), or NULL when none is held. */
    const char *(*project_state)(void *ctx, const char *project_ref);
    /** The stored project's latest notification, or NULL. */
    const er_eco4_project_row *(*project)(void *ctx, const char *project_ref);
    /** The i-th (from 0) stored measure of the project, or NULL past the
     *  last. */
    const er_eco4_measure_row *(*project_measure)(void *ctx, const char *project_ref, size_t i);
    /** The state of the stored measure with this MRN ("notified",
     *  "approved", "rejected", "revoked"), or NULL when none is held. */
    const char *(*measure_state)(void *ctx, const char *mrn);
    /** How many stored ECO4 measures of `supplier` completed in year/month,
     *  and how many of those were notified under the automatic late
     *  extension. */
    void (*month_counts)(void *ctx, const char *supplier, int year, int month, long *completed,
                         long *late);
} er_eco4_register;

/** Everything a check needs besides the rows. */
typedef struct er_eco4_context {
    er_date today;                  /* the notification date: deadlines,
                                       "not in the future" */
    const char *notifying_supplier; /* short code of the supplier notifying;
                                       NULL: take each row's own prefix */
    const er_scheme *scheme;        /* ECO4 parameters: completion dates,
                                       minimum requirement, PPS matrix */
    int ref_digits;                 /* digits after the 3-letter prefix of an
                                       MRN or project reference; 0: 10
                                       (RULES.md "Notification") */
    er_eco4_register reg;
} er_eco4_context;

/**
 * Checks project rows[0..n) as one file, writing one outcome per row into
 * outcomes[0..n).  Returns ER_OK when the check ran (whatever the rows'
 * outcomes), ER_ENOMEM when the per-call index could not be allocated.
 */
er_status er_eco4_check_projects(const er_eco4_context *c, const er_eco4_project_row *rows,
                                 size_t n, er_eco4_outcome *outcomes);

/**
 * Checks measure rows[0..n) as one file.  A measure's project comes from
 * the register (reg.project, reg.project_state); the project's other
 * measures from this file and the register.  Returns as
 * er_eco4_check_projects().
 */
er_status er_eco4_check_measures(const er_eco4_context *c, const er_eco4_measure_row *rows,
                                 size_t n, er_eco4_outcome *outcomes);

/** Called with row i's outcome, valid during the call. */
typedef void (*er_eco4_row_fn)(void *ctx, size_t i, const er_eco4_outcome *o);

/**
 * As the two checks above, but each row's outcome goes to `fn` in row
 * order instead of into an array: a 10,000-row file then needs one
 * outcome's memory.
 */
er_status er_eco4_check_projects_each(const er_eco4_context *c, const er_eco4_project_row *rows,
                                      size_t n, er_eco4_row_fn fn, void *ctx);
er_status er_eco4_check_measures_each(const er_eco4_context *c, const er_eco4_measure_row *rows,
                                      size_t n, er_eco4_row_fn fn, void *ctx);

/** A rule: its code, template, column, a one-line summary, its source. */
typedef struct er_eco4_rule_info {
    const char *code;
    er_eco4_template tmpl;
    int column; /* of tmpl's columns */
    const char *summary;
    const char *source;
} er_eco4_rule_info;

/** Rule i, project rules first, in the order they run; NULL past the last. */
const er_eco4_rule_info *er_eco4_rule_at(size_t i);

/* ---- reading the templates (src/io/eco4_template.c) ---- */

/** A project notification file in memory: its rows point into `text`. */
typedef struct er_eco4_projects {
    er_eco4_project_row *rows;
    size_t n;
    char *text;
} er_eco4_projects;

/** A measure notification file in memory. */
typedef struct er_eco4_measures {
    er_eco4_measure_row *rows;
    size_t n;
    char *text;
} er_eco4_measures;

/**
 * Parses a project template (CSV): a header of exactly the
 * ER_ECO4P_COL_COUNT column names in order (case-sensitive), then 1 to
 * ER_ECO4_FILE_ROWS_MAX rows of as many fields, each cell at most
 * ER_ECO4_CELL_MAX - 1 bytes, the whole at most ER_ECO4_FILE_BYTES_MAX
 * bytes.  Cells are kept as text: judging them is the checks' work.  An
 * error names the row (0: the header) and the column in `err`; then *out
 * is empty.  On success *out is the caller's, freed with
 * er_eco4_projects_free().
 */
er_status er_eco4_parse_projects_csv(const char *buf, size_t len, er_eco4_projects *out,
                                     er_error *err);

/**
 * Parses a project template as JSON: an array of 1 to
 * ER_ECO4_FILE_ROWS_MAX objects whose members are the template's column
 * names (case-sensitive), each a string of at most ER_ECO4_CELL_MAX - 1
 * bytes or null; a column left out, or null, is an empty cell; strings are
 * kept as given.  The whole is at most ER_ECO4_FILE_BYTES_MAX bytes.  Rows
 * are numbered from 1 in array order.  An error names the row and the
 * member in `err` (malformed JSON: its line in `row`, line and column in
 * the message); then *out is empty.  On success *out is the caller's,
 * freed with er_eco4_projects_free().
 */
er_status er_eco4_parse_projects_json(const char *buf, size_t len, er_eco4_projects *out,
                                      er_error *err);

/** er_eco4_parse_projects_csv() and _json() on the file at `path`. */
er_status er_eco4_load_projects_csv(const char *path, er_eco4_projects *out, er_error *err);
er_status er_eco4_load_projects_json(const char *path, er_eco4_projects *out, er_error *err);

/** Loads a project file: JSON when its name ends in ".json", else CSV. */
er_status er_eco4_load_projects(const char *path, er_eco4_projects *out, er_error *err);

/** Frees what `f` holds and empties it; accepts NULL. */
void er_eco4_projects_free(er_eco4_projects *f);

/** The same six for the measure template. */
er_status er_eco4_parse_measures_csv(const char *buf, size_t len, er_eco4_measures *out,
                                     er_error *err);
er_status er_eco4_parse_measures_json(const char *buf, size_t len, er_eco4_measures *out,
                                      er_error *err);
er_status er_eco4_load_measures_csv(const char *path, er_eco4_measures *out, er_error *err);
er_status er_eco4_load_measures_json(const char *path, er_eco4_measures *out, er_error *err);
er_status er_eco4_load_measures(const char *path, er_eco4_measures *out, er_error *err);
void er_eco4_measures_free(er_eco4_measures *f);

/**
 * Tells which template a JSON notification file in buf[0..len) holds, by
 * the member names of its first row alone (the rest is not parsed): the
 * measure template when they include a column only it has
 * (Measure_Reference_Number, Measure_Type, ...), the project template when
 * they include one only it has (Building_Number, Post_Code, ...).  Sets
 * *out on ER_OK.  ER_EINVAL (row 1) when they include neither or both, or
 * the file is not a non-empty array of objects; ER_EPARSE when it is
 * malformed; ER_ELIMIT past ER_ECO4_FILE_BYTES_MAX.
 */
er_status er_eco4_json_template(const char *buf, size_t len, er_eco4_template *out,
                                er_error *err);

/**
 * Tells which template a CSV notification file in buf[0..len) holds, by
 * its header's second column (quotes and spaces dropped, after any byte
 * order mark): Project_Reference_Number for projects,
 * Measure_Reference_Number for measures.  ER_EINVAL (row 1, naming the
 * column found) for anything else.
 */
er_status er_eco4_csv_template(const char *buf, size_t len, er_eco4_template *out,
                               er_error *err);

#ifdef __cplusplus
}
#endif
#endif
