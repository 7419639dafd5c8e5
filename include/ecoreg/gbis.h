/*
 * gbis.h: Ofgem's GBIS notification template and its validation rules.
 *
 * A notification file is rows of the 40-column template
 * (../shared/spec/gbis_template_columns.txt).  er_gbis_check() runs every
 * rule of Ofgem's validation, by Ofgem's code (GBIS0100 ...; see
 * docs/gbis_rules.md), over all rows of a file: stage 1 (format and
 * references) on every row, stage 2 (eligibility, links, deadlines) on the
 * rows stage 1 passed, as Ofgem's service does.  Rules that need other
 * measures (in-fill links, heating controls citing an insulation MRN, the
 * 5% late-extension allowance) look in the file first and then ask the
 * register through er_gbis_register's callbacks, so the rules stay pure.
 */
#ifndef ECOREG_GBIS_H
#define ECOREG_GBIS_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/scheme.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The template's columns, in the template's order. */
typedef enum er_gbis_col {
    ER_GBIS_SUPPLIER_REFERENCE = 0,
    ER_GBIS_MRN,
    ER_GBIS_MEASURE_TYPE,
    ER_GBIS_PURPOSE,
    ER_GBIS_COMPLETION_DATE,
    ER_GBIS_BUILDING_NUMBER,
    ER_GBIS_BUILDING_NAME,
    ER_GBIS_FLAT,
    ER_GBIS_STREET,
    ER_GBIS_TOWN,
    ER_GBIS_POST_CODE,
    ER_GBIS_UPRN,
    ER_GBIS_STARTING_SAP,
    ER_GBIS_FLOOR_AREA,
    ER_GBIS_RURAL,
    ER_GBIS_OFF_GAS,
    ER_GBIS_PRIVATE_DOMESTIC,
    ER_GBIS_TENURE,
    ER_GBIS_PROPERTY,
    ER_GBIS_ELIGIBILITY_TYPE,
    ER_GBIS_VERIFICATION_METHOD,
    ER_GBIS_DWP_REFERENCE,
    ER_GBIS_COUNCIL_TAX_BAND,
    ER_GBIS_PRS_EXCEPTION,
    ER_GBIS_INSULATION_MRN,
    ER_GBIS_INFILL_1,
    ER_GBIS_INFILL_2,
    ER_GBIS_INFILL_3,
    ER_GBIS_FLEX_ROUTE,
    ER_GBIS_LA_DECLARATION,
    ER_GBIS_ELIGIBILITY_DATE,
    ER_GBIS_POPT,
    ER_GBIS_HEATING_SOURCE,
    ER_GBIS_INSTALLER,
    ER_GBIS_INNOVATION_NUMBER,
    ER_GBIS_TM_LICENCE,
    ER_GBIS_TM_MEASURE_REF,
    ER_GBIS_TM_CERTIFICATE,
    ER_GBIS_TM_PROJECT_REF,
    ER_GBIS_TM_COMPLETED_CERT,
    ER_GBIS_COL_COUNT
} er_gbis_col;

/** Ofgem's header name of column `c` ("Measure_Reference_Number"). */
const char *er_gbis_column_name(er_gbis_col c);

/** Ofgem's limits on one notification file. */
#define ER_GBIS_FILE_ROWS_MAX 10000
#define ER_GBIS_FILE_BYTES_MAX (20u * 1024 * 1024)
/** Longest value ecoreg keeps from one cell, with its NUL. */
#define ER_GBIS_CELL_MAX 256

/**
 * One template row.  `col` holds each cell as given, surrounding spaces
 * trimmed, "" when empty; the strings belong to whoever made the row (the
 * file reader's arena, the register) and outlive the check.
 */
typedef struct er_gbis_row {
    long row; /* 1-based data row of its file; 0 for a stored measure */
    const char *col[ER_GBIS_COL_COUNT];
} er_gbis_row;

/** One failed rule on one row. */
typedef struct er_gbis_failure {
    char rule[12];                   /* Ofgem's code: "GBIS0209", "TGBIS0100" */
    er_gbis_col column;              /* the column it concerns */
    char message[200];               /* a sentence a supplier can act on */
} er_gbis_failure;

/** Most failures kept per row; more are counted in n_failures. */
#define ER_GBIS_FAILURES_MAX 24

/** The outcome of one row. */
typedef struct er_gbis_outcome {
    size_t n_failures;
    er_gbis_failure failures[ER_GBIS_FAILURES_MAX];
    bool stage2_run; /* stage 1 passed, so stage 2 ran */
} er_gbis_outcome;

/** Ofgem's reference lists the register is given (`ecoreg reference add`
 *  or `load`): the accepted Flex_Referral_Route values (GBIS0900), the
 *  innovation measure numbers with the Measure_Type each is for (GBIS0720),
 *  and the addresses that stand in for Ofgem's address service (GBIS0500):
 *  a postcode in the form er_gbis_postcode_key() gives, with a UPRN. */
#define ER_GBIS_LIST_FLEX_ROUTES "flex-routes"
#define ER_GBIS_LIST_INNOVATION "innovation-measures"
#define ER_GBIS_LIST_ADDRESSES "addresses"
/** Their names, for messages. */
#define ER_GBIS_LISTS                                                                              \
    ER_GBIS_LIST_FLEX_ROUTES ", " ER_GBIS_LIST_INNOVATION ", " ER_GBIS_LIST_ADDRESSES

/** The template columns an entry of reference list `list` stands for:
 *  its value's and its second value's (ER_GBIS_COL_COUNT when the list has
 *  none), e.g. Post_Code and UPRN for ER_GBIS_LIST_ADDRESSES.  False for a
 *  name that is not one of ER_GBIS_LIST_*. */
bool er_gbis_list_columns(const char *list, er_gbis_col *value, er_gbis_col *value2);

/** Longest postcode key with its NUL ("AA99A 9AA" and room to spare). */
#define ER_GBIS_POSTCODE_KEY_MAX 16

/**
 * Writes the key of `postcode` into key[ER_GBIS_POSTCODE_KEY_MAX]: the
 * postcode as Ofgem's pattern takes it (GBIS0114), with the space between
 * its outward and inward codes made one space, so that "LS1  4AB" and
 * "LS1 4AB" are one postcode.  False, with key "", when `postcode` does not
 * match the pattern; `full` also asks for the inward code ("LS1" alone is
 * a postcode to GBIS0114, not an address's).
 */
bool er_gbis_postcode_key(const char *postcode, bool full, char *key);

/** True when `uprn` is a Unique Property Reference Number in Ofgem's form:
 *  1 to 12 digits (GBIS0503; N/A is the rule's to allow, not this). */
bool er_gbis_uprn_valid(const char *uprn);

/**
 * What the register holds, asked by the rules.  Every callback may be NULL,
 * meaning "the register holds nothing of that kind".  Rows returned stay
 * valid until er_gbis_check() returns.
 */
typedef struct er_gbis_register {
    void *ctx;
    /** True when a supplier with short code `code` (the MRN prefix) exists. */
    bool (*supplier_known)(void *ctx, const char *code);
    /** The code of the supplier holding the licence whose reference equals
     *  `reference` ignoring ASCII case, or NULL when the register holds no
     *  such licence; *exact is set true when the reference held equals
     *  `reference` byte for byte.  The code is the register's, valid until
     *  the next call (GBIS0116, GBIS0117). */
    const char *(*licence_holder)(void *ctx, const char *reference, bool *exact);
    /** True when reference list `list` (ER_GBIS_LIST_*) holds an entry
     *  equal to `value` and `value2` ignoring ASCII case (GBIS0500,
     *  GBIS0720, GBIS0900); NULL matches any, so (list, NULL, NULL) asks
     *  whether the list is loaded at all.  NULL means every list is empty. */
    bool (*reference_has)(void *ctx, const char *list, const char *value, const char *value2);
    /** The stored GBIS measure with this MRN, or NULL. */
    const er_gbis_row *(*measure)(void *ctx, const char *mrn);
    /** The state of the stored measure with this MRN ("recorded",
     *  "rejected", "approved", "revoked"), or NULL when none is held. */
    const char *(*measure_state)(void *ctx, const char *mrn);
    /** The MRN of a stored measure citing `mrn` as an associated in-fill
     *  measure, or NULL when none does. */
    const char *(*infill_cited_by)(void *ctx, const char *mrn);
    /** The last day of the extension the administrator granted measure
     *  `mrn`, or ER_DATE_NONE when none was granted. */
    er_date (*extension_until)(void *ctx, const char *mrn);
    /** How many stored measures of `supplier` completed in year/month, and
     *  how many of those used the automatic late extension. */
    void (*month_counts)(void *ctx, const char *supplier, int year, int month,
                         long *completed, long *late);
} er_gbis_register;

/** Everything a check needs besides the rows. */
typedef struct er_gbis_context {
    er_date today;                   /* --as-of: deadlines, "not in the future" */
    const char *notifying_supplier;  /* short code of the supplier notifying;
                                        NULL: take each row's MRN prefix */
    const er_scheme *scheme;         /* GBIS parameters and matrix (measure
                                        types and their categories) */
    er_gbis_register reg;
} er_gbis_context;

/**
 * Checks rows[0..n) as one file, writing one outcome per row into
 * outcomes[0..n).  Returns ER_OK when the check ran (whatever the rows'
 * outcomes), ER_ENOMEM when memory ran out.
 */
er_status er_gbis_check(const er_gbis_context *c, const er_gbis_row *rows, size_t n,
                        er_gbis_outcome *outcomes);

/** Called by er_gbis_check_each() with row i's outcome, valid during the call. */
typedef void (*er_gbis_row_fn)(void *ctx, size_t i, const er_gbis_outcome *o);

/**
 * As er_gbis_check(), but hands each row's outcome to `fn` in row order
 * instead of keeping an outcome per row: a 10,000-row file then needs one
 * outcome's memory, not 10,000.
 */
er_status er_gbis_check_each(const er_gbis_context *c, const er_gbis_row *rows, size_t n,
                             er_gbis_row_fn fn, void *ctx);

/** A rule of the table: its code, stage, column and a one-line summary. */
typedef struct er_gbis_rule_info {
    const char *code;
    int stage;
    er_gbis_col column;
    const char *summary;
} er_gbis_rule_info;

/** Rule i of the tables, in the order rules run; NULL past the last. */
const er_gbis_rule_info *er_gbis_rule_at(size_t i);

#ifdef __cplusplus
}
#endif
#endif
