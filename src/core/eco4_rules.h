/*
 * eco4_rules.h: how ECO4 rules are written (internal to src/core).
 *
 * A rule is a row of a table: its code, template, column, summary and
 * source, and a function that says whether the row fails it.  The tables
 * are in eco4_projects.c (ECO4P....) and eco4_measures.c (ECO4M....); the
 * framework, eco4_checks.c, runs them.  A rule function sees an eco4_view:
 * the row, the file, the context, and what the framework looked up once
 * for the row (its completion date; for a measure, its project, the
 * project's state and the ECO4 PPS matrix).  It returns true, writing a
 * sentence that names the column and quotes the value (eco4_fail_cell),
 * when the row FAILS it.  Rules are pure: no I/O, no clock (the context's
 * `today`), no allocation.  The framework indexes the file once per call,
 * so that duplicates (eco4_duplicate) and a project's other measures
 * (eco4_pm_first, eco4_pm_next) are found in O(log n).
 */
#ifndef ECOREG_CORE_ECO4_RULES_H
#define ECOREG_CORE_ECO4_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/eco4.h"

/* Purposes of notification, compared ignoring case as Ofgem compares
 * template values.  seed 002 4.5, 4.24: the completion is a second
 * notification on the project template; the other two as on Ofgem's GBIS
 * template */
#define ECO4_PURPOSE_NEW "New Notification"
#define ECO4_PURPOSE_EDITED "Edited Notification"
#define ECO4_PURPOSE_COMPLETION "Completion Notification"
/* Ofgem's GBIS purposes (PurposeOfNotificationConstants.cs); ECO4 Order
 * art. 44: the automatic late extension, and an extension applied for */
#define ECO4_PURPOSE_EXTENDED "Extended Notification"
#define ECO4_PURPOSE_ALE "Automatic Late Extension"

/* One entry of the framework's sorted index of the file's references. */
struct eco4_keyed;

/* What a rule sees of one row. */
typedef struct eco4_view {
    const er_eco4_context *c;
    er_eco4_template tmpl;
    const char *const *cells;         /* this row's cells */
    size_t i, n;                      /* this row in the file */
    const er_eco4_measure_row *mrows; /* the file (measures) */
    /* by Project_Reference_Number (projects) or MRN (measures) */
    const struct eco4_keyed *by_ref;
    const struct eco4_keyed *by_project; /* measures by project reference */
    /* looked up once; has_date: Date_of_Project_Completion (projects) or
     * Date_of_Completed_Installation (measures) parsed into date */
    bool has_date;
    er_date date;
    const char *project_state;          /* measures: the project's, or NULL */
    const er_eco4_project_row *project; /* measures: the stored project */
    const er_matrix *pps;               /* measures: the PPS matrix, or NULL */
    /* where eco4_fail_cell() writes the column its message names */
    int *named;
} eco4_view;

/* Writes why the row fails into msg (size `cap`) and returns true, or
 * returns false when the row passes. */
typedef bool (*eco4_rule_fn)(const eco4_view *v, char *msg, size_t cap);

typedef struct eco4_rule {
    er_eco4_rule_info info;
    eco4_rule_fn fails;
} eco4_rule;

/* The rule tables, one per template; eco4_checks.c runs every rule of a
 * template's table on every row, in order. */
extern const eco4_rule eco4_project_rules[];
extern const size_t eco4_project_count;
extern const eco4_rule eco4_measure_rules[];
extern const size_t eco4_measure_count;

/* Helpers for rules (eco4_checks.c).  Strings returned are borrowed from
 * the rows or the context. */

/* The cell of column `col` of `cells` ("" when empty; never NULL). */
const char *eco4_cell_of(const char *const *cells, int col);
/* The cell of column `col` of the view's row. */
const char *eco4_cell(const eco4_view *v, int col);
/* Case-insensitive equality, as Ofgem compares template values. */
bool eco4_is(const eco4_view *v, int col, const char *value);
/* True when s is one of the NULL-terminated `list`, ignoring case. */
bool eco4_in_list(const char *s, const char *const *list);
/* An optional cell left out: empty or "N/A". */
bool eco4_absent(const eco4_view *v, int col);
/* Writes "<column> '<value>' <what>" (or "<column> (empty) <what>") and
 * returns true: the shape of every failure. */
bool eco4_fail_cell(const eco4_view *v, int col, const char *what, char *msg, size_t cap);
/* Fails unless the cell is one of `list`. */
bool eco4_not_in(const eco4_view *v, int col, const char *const *list, const char *what, char *msg,
                 size_t cap);
/* Writes d as dd/mm/yyyy into buf. */
void eco4_dmy(er_date d, char buf[static 11]);
/* True when s is a date written dd/mm/yyyy, into *out. */
bool eco4_date_of(const char *s, er_date *out);
/* A SAP rating as the templates write it: 1 to 3 digits and at most one
 * decimal, from 1.0 to 100.0 (seed 002 glossary: "a numerical value
 * between 1 and 100"; RULES.md: one decimal place).  Tenths in *out. */
bool eco4_sap_of(const char *s, int *out);
/* An MRN or project reference: 3 letters then the configured digits. */
bool eco4_ref_ok(const eco4_view *v, const char *s);
/* Fails unless column `col` is a reference (ECO4P0101, ECO4M0101, 0105). */
bool eco4_bad_ref(const eco4_view *v, int col, char *msg, size_t cap);
/* The upper-cased first 3 characters of s in code[4]; false if shorter. */
bool eco4_prefix_of(const char *s, char code[4]);
/* One letter then 4 to 7 digits: what follows, or NULL (TrustMark
 * references, Ofgem's GbisRegexes.cs). */
const char *eco4_letter_digits(const char *s);
/* Fails when column `col`'s prefix names no supplier the register knows
 * (seed 002 4.21: the prefix identifies the owner). */
bool eco4_unknown_supplier(const eco4_view *v, int col, char *msg, size_t cap);
/* Fails when column `col`'s prefix is not the notifying supplier's
 * (RULES.md "Notification": reject a prefix that is not the notifying
 * supplier's). */
bool eco4_not_notifier(const eco4_view *v, int col, char *msg, size_t cap);
/* Fails when the row's completion date is outside the scheme's. */
bool eco4_completion_inside_scheme(const eco4_view *v, int col, char *msg, size_t cap);
/* True on a project row that is a Completion Notification. */
bool eco4_completion_row(const eco4_view *v);
/* True when an earlier row of the file has this row's key (by_ref).
 * O(log n). */
bool eco4_duplicate(const eco4_view *v, const char *key);

/* The measures of a measure row's project: the file's rows, then the
 * register's that the file does not notify again.  The rows returned are
 * borrowed from the file or the register. */
typedef struct eco4_pm_iter {
    const eco4_view *v;
    const char *ref;
    size_t at, k;
} eco4_pm_iter;

/* Starts at the first measure of the view's project.  O(log n). */
eco4_pm_iter eco4_pm_first(const eco4_view *v);
/* The next measure of the project, or NULL after the last. */
const er_eco4_measure_row *eco4_pm_next(eco4_pm_iter *it);

#endif
