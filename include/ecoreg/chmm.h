/*
 * chmm.h: Clean Heat Market Mechanism certification (issue 5; seeds 000
 * and 003; SI 2025/81; RULES.md "Clean Heat Market Mechanism
 * certification"), pure.
 *
 * A certification scheme records each heat pump installation it certifies
 * (../shared/spec/chmm_installations.md, seed 000 Table 1) and credits it,
 * once, to the licence holder of the product, in the scheme year of its
 * commissioning date.  New build, a capacity above 45 kW, water-only
 * systems and air-to-air heat pumps earn nothing; a hybrid earns a
 * weighted credit.  Credits are kept in thousandths, so a hybrid's half
 * credit is exact.
 */
#ifndef ECOREG_CHMM_H
#define ECOREG_CHMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The record's columns (spec/chmm_installations.md), in its order. */
typedef enum er_chmm_col {
    ER_CHMM_COL_TECHNOLOGY = 0,
    ER_CHMM_COL_COMMISSIONING_DATE,
    ER_CHMM_COL_CAPACITY,
    ER_CHMM_COL_LICENCE_HOLDER,
    ER_CHMM_COL_PRODUCT,
    ER_CHMM_COL_HYBRID,
    ER_CHMM_COL_BUILD,
    ER_CHMM_COL_INSTALLATION_ID,
    ER_CHMM_COL_INSTALLER_ID,
    ER_CHMM_COL_PURPOSE,
    ER_CHMM_COL_UPRN,
    ER_CHMM_COL_POSTCODE,
    ER_CHMM_COL_SERIAL,
    ER_CHMM_COL_COUNT
} er_chmm_col;

/** A column's name ("technology_type", ...). */
const char *er_chmm_column_name(er_chmm_col c);
/** False for the optional columns (uprn, postcode, serial_number). */
bool er_chmm_column_required(er_chmm_col c);

typedef enum er_chmm_technology {
    ER_CHMM_AIR_TO_WATER = 0,
    ER_CHMM_AIR_TO_AIR,
    ER_CHMM_GROUND_SOURCE,
    ER_CHMM_WATER_SOURCE,
    ER_CHMM_EXHAUST_AIR,
    ER_CHMM_SOLAR_ASSISTED,
    ER_CHMM_HOT_WATER,
} er_chmm_technology;

typedef enum er_chmm_purpose {
    ER_CHMM_FOR_SPACE = 0,
    ER_CHMM_FOR_SPACE_AND_WATER,
    ER_CHMM_FOR_WATER,
} er_chmm_purpose;

#define ER_CHMM_TEXT_MAX 128 /* longest text field, with its NUL */
#define ER_CHMM_CODE_MAX 32  /* longest UPRN or postcode, with its NUL */

/** One installation record, parsed. */
typedef struct er_chmm_installation {
    long row; /* in its file: 1 is the first after the header */
    er_chmm_technology technology;
    er_date commissioned;
    int64_t capacity_w; /* total capacity, watts thermal (kW x 1000, exact) */
    char licence_holder[ER_CHMM_TEXT_MAX];
    char product[ER_CHMM_TEXT_MAX];
    bool hybrid;
    bool new_build;
    char installation_id[ER_CHMM_TEXT_MAX]; /* the certificate number */
    char installer_id[ER_CHMM_TEXT_MAX];
    er_chmm_purpose purpose;
    char uprn[ER_CHMM_CODE_MAX];          /* "" when not given */
    char postcode[ER_CHMM_CODE_MAX];      /* "" when not given */
    char serial_number[ER_CHMM_TEXT_MAX]; /* "" when not given */
} er_chmm_installation;

/**
 * Parses one record's cells (indexed by er_chmm_col; "" for a cell not
 * given) into *out.  ER_EINVAL with the row and the column named
 * (err->field) for a missing or malformed value: a technology, purpose,
 * hybrid or build outside the spec's words, a date that is neither
 * YYYY-MM-DD nor dd/MM/yyyy, a capacity that is not a number above 0 in at
 * most 3 decimals, a text too long.
 */
er_status er_chmm_parse(const char *const cells[ER_CHMM_COL_COUNT], long row,
                        er_chmm_installation *out, er_error *err);

/** "air_to_water", ... (spec/chmm_installations.md); "?" out of range. */
const char *er_chmm_technology_name(er_chmm_technology t);
/** The technology named `s` (ASCII case ignored); ER_EINVAL when none. */
er_status er_chmm_technology_parse(const char *s, er_chmm_technology *out);
/** "space_heating", "space_and_water", "water_only"; "?" out of range. */
const char *er_chmm_purpose_name(er_chmm_purpose p);

/** Thousandths (of a credit, of a kW) as the shortest decimal into
 *  buf[40]: 11500 is "11.5", 3000 "3", 125 "0.125"; returns buf. */
const char *er_chmm_thousandths(int64_t milli, char buf[40]);

/**
 * Writes record `in` as the cells er_chmm_parse() reads back into the same
 * record (all but its row): the spec's words, the date as YYYY-MM-DD, the
 * capacity in kW with the decimals it needs ("12.5"), "" for an optional
 * value not given.
 */
void er_chmm_format(const er_chmm_installation *in,
                    char cells[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX]);

/** The scheme's rules (data/schemes/chmm.json, each with its source). */
typedef struct er_chmm_rules {
    int64_t capacity_max_w;    /* above it no credit (45 kW: 45000) */
    int64_t hybrid_milli;      /* a hybrid's credit in thousandths (500) */
    int duplicate_window_days; /* same UPRN and product within: the same
                                    installation */
    int year_start_month;      /* scheme years start on this day */
    int year_start_day;
} er_chmm_rules;

/** What became of an installation. */
typedef enum er_chmm_outcome_kind {
    ER_CHMM_CREDITED = 0,
    ER_CHMM_NEW_BUILD,  /* seed 000: no credit for new build */
    ER_CHMM_CAPACITY,   /* above capacity_max_w */
    ER_CHMM_WATER_ONLY, /* provides no space heating */
    ER_CHMM_TECHNOLOGY, /* air-to-air */
    ER_CHMM_DUPLICATE,  /* repeats an earlier installation */
} er_chmm_outcome_kind;

/** "credited", "new_build", "capacity", "water_only", "technology",
 *  "duplicate". */
const char *er_chmm_outcome_name(er_chmm_outcome_kind k);

/** The credit of installation `in` on its own, in thousandths, into
 *  *milli (0 unless credited); the reason when it earns none. */
er_chmm_outcome_kind er_chmm_credit(const er_chmm_installation *in, const er_chmm_rules *r,
                                    int64_t *milli);

/** The scheme year of day `d`: the calendar year in which it starts. */
int er_chmm_scheme_year(const er_chmm_rules *r, er_date d);

typedef struct er_chmm_outcome {
    er_chmm_outcome_kind kind;
    int64_t credit_milli;
    size_t duplicate_of; /* DUPLICATE: the index of the installation repeated */
    int scheme_year;
} er_chmm_outcome;

/** A licence holder's credits in one scheme year. */
typedef struct er_chmm_total {
    const char *licence_holder; /* borrowed from the installations */
    int scheme_year;
    size_t installations; /* credited, each counted once */
    int64_t credit_milli;
} er_chmm_total;

typedef struct er_chmm_result {
    er_chmm_outcome *outcomes; /* one per installation, in their order */
    er_chmm_total *totals;     /* by licence holder (byte order), then year */
    size_t n_totals;
} er_chmm_result;

/**
 * Credits installations[0..n) under `r` into *out (free with
 * er_chmm_result_free).  An installation repeating an earlier one (the
 * same installation_id; the same serial number; the same UPRN and product
 * commissioned within duplicate_window_days) is a DUPLICATE of the first
 * it repeats and earns nothing, whatever the earlier one earned: an
 * installation is counted once, never twice (seed 000).  ER_ENOMEM.
 */
er_status er_chmm_credits(const er_chmm_installation *in, size_t n, const er_chmm_rules *r,
                          er_chmm_result *out, er_error *err);
void er_chmm_result_free(er_chmm_result *r);

#ifdef __cplusplus
}
#endif
#endif
