/*
 * gbis_rules.h: how GBIS rules are written (internal to src/core).
 *
 * A rule is a row of a table: its code, stage, column, summary, and a
 * function that says whether the row fails it.  The function sees a
 * gbis_view: the row, the whole file, the context, and what the framework
 * (gbis_check.c) has looked up once for the row (its completion date, its
 * associated in-fill and insulation measures, its nation).  Rules are pure:
 * no I/O, no clock (the context's `today`), no allocation.  What a rule
 * needs of the other rows of the file comes from indexes the framework
 * builds once per file (gbis_find, gbis_infill_citer, gbis_file_month), so
 * that no rule costs more than O(log n) for a file of n rows.
 */
#ifndef ECOREG_CORE_GBIS_RULES_H
#define ECOREG_CORE_GBIS_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/gbis.h"

/* What a rule sees of one row. */
typedef struct gbis_view {
    const er_gbis_context *c;
    const er_gbis_row *rows; /* the whole file */
    size_t n;
    size_t i;                /* this row's index in the file */
    const er_gbis_row *r;    /* rows[i] */
    /* looked up once by the framework */
    bool has_completion;     /* the completion date parsed */
    er_date completion;
    const er_gbis_row *infill[3]; /* Associated_In-fill_Measure_1..3, found
                                     in the file or the register; NULL if not */
    const er_gbis_row *insulation;/* Associated_Insulation_MRN_for_Heating_Measures */
    bool nation_known;       /* false for a cross-border or unknown area */
    er_nation nation;
} gbis_view;

/* Writes why the row fails into msg (size `cap`) and returns true, or
 * returns false when the row passes. */
typedef bool (*gbis_rule_fn)(const gbis_view *v, char *msg, size_t cap);

typedef struct gbis_rule {
    er_gbis_rule_info info;
    gbis_rule_fn fails;
} gbis_rule;

/* The rule tables, one per file of rules; gbis_check.c runs them in
 * order: stage 1 tables on every row, stage 2 tables on rows that passed. */
extern const gbis_rule gbis_stage1_rules[];
extern const size_t gbis_stage1_count;
extern const gbis_rule gbis_format_rules[]; /* stage 2: 05xx, TGBIS01xx */
extern const size_t gbis_format_count;
extern const gbis_rule gbis_stage2_rules[];
extern const size_t gbis_stage2_count;

/* Purposes of notification the framework's month index tells apart
 * (Ofgem's Service/Constants/PurposeOfNotificationConstants.cs). */
#define GBIS_PURPOSE_ALE "Automatic Late Extension"
#define GBIS_PURPOSE_EDITED "Edited Notification"

/* Helpers for rules (gbis_check.c). */

/* The cell of column `col` of row r ("" when empty; never NULL). */
const char *gbis_cell(const er_gbis_row *r, er_gbis_col col);
/* True when the cell is empty. */
bool gbis_empty(const er_gbis_row *r, er_gbis_col col);
/* Case-insensitive equality, as Ofgem compares template values. */
bool gbis_is(const er_gbis_row *r, er_gbis_col col, const char *value);
/* The row of the file, else of the register, with this MRN; NULL if none. */
const er_gbis_row *gbis_find(const gbis_view *v, const char *mrn);
/* The first row of the file, in file order, that cites `mrn` (ignoring
 * case) in one of Associated_In-fill_Measure_1..3 and whose own MRN is not
 * `except` (ignoring case; NULL excepts none); NULL when none does, or
 * when `mrn` is empty or N/A.  The row is borrowed from the file.
 * O(log n). */
const er_gbis_row *gbis_infill_citer(const gbis_view *v, const char *mrn, const char *except);
/* Counts, over the file's rows whose MRN starts with `supplier` (its
 * first 3 characters, ignoring case) and whose Date_of_Completed_Installation
 * is a valid dd/MM/yyyy in `year`/`month`, Edited Notifications excepted:
 * *completed, all of them; *late, those of rows[0..upto] whose purpose is
 * an Automatic Late Extension.  O(log n). */
void gbis_file_month(const gbis_view *v, const char *supplier, int year, int month, size_t upto,
                     long *completed, long *late);
/* The GBIS matrix's category of a measure type ("Loft Insulation", ...);
 * NULL when the matrix does not know the type. */
const char *gbis_category(const gbis_view *v, const char *measure_type);

#endif
