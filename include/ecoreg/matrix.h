/*
 * matrix.h: Ofgem's score matrices held in memory, found in constant time.
 *
 * One er_matrix holds one published version of one matrix: the ECO4 full
 * project scores (FPS), the ECO4 partial project scores (PPS) or the GBIS
 * scores.  Rows are added one by one (src/io/matrix_csv.c reads Ofgem's
 * CSV into them); a duplicate key is refused.  Look-ups hash the key, so
 * their cost does not grow with the matrix.  Cost savings are kept in
 * tenths of a pound and treatable factors in hundredths: exactly the
 * precision Ofgem publishes.
 */
#ifndef ECOREG_MATRIX_H
#define ECOREG_MATRIX_H

#include <stddef.h>
#include <stdint.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/sap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum er_matrix_kind {
    ER_MATRIX_ECO4_FPS = 0, /* segment, starting band, finishing band */
    ER_MATRIX_ECO4_PPS,     /* measure, pre and post heat source, segment, band */
    ER_MATRIX_GBIS,         /* measure, pre heat source, segment, band */
    ER_MATRIX_KIND_COUNT
} er_matrix_kind;

/** Longest measure type, category or heat source name, with its NUL. */
#define ER_MATRIX_NAME_MAX 96

/** Ofgem's "N/A": no heat source, no band. */
#define ER_MATRIX_NA "N/A"

/**
 * One row as published.  Strings are borrowed for the call only.  Fields a
 * kind does not have are NULL / ER_BAND_NONE.  `sap_savings_hundredths` is
 * -1 for "N/A".
 */
typedef struct er_matrix_row {
    const char *category;
    const char *measure_type;
    const char *pre_heating;
    const char *post_heating;
    er_segment segment;
    er_band starting_band;
    er_band finishing_band;
    int32_t atf_hundredths;
    int32_t cost_tenths;
    int32_t sap_savings_hundredths;
} er_matrix_row;

/** What a look-up finds; borrowed from the matrix, valid until it is freed. */
typedef struct er_matrix_entry {
    int32_t cost_tenths;            /* cost savings, tenths of a pound a year */
    int32_t atf_hundredths;         /* Average Treatable Factor x 100 */
    int32_t sap_savings_hundredths; /* -1 when N/A */
    uint32_t row;                   /* 1-based data row it came from */
    const char *category;           /* "Fixed Value Increase", ... */
} er_matrix_entry;

typedef struct er_matrix er_matrix;

/**
 * Creates an empty matrix of `kind` named `version` ("eco4 pps v6"), valid
 * for completion dates from `valid_from` to `valid_to` inclusive
 * (ER_DATE_NONE for open ends).  Owned by the caller: er_matrix_free().
 */
er_status er_matrix_new(er_matrix_kind kind, const char *version,
                        er_date valid_from, er_date valid_to,
                        er_matrix **out);

/** Frees `m` and everything it holds; accepts NULL. */
void er_matrix_free(er_matrix *m);

/**
 * Adds one row, numbered `row` for messages.  ER_EDUPLICATE (with the
 * earlier row named in `err`) when its key is already present; ER_EINVAL
 * when a field the kind needs is missing or a name is too long.
 */
er_status er_matrix_add(er_matrix *m, uint32_t row, const er_matrix_row *r,
                        er_error *err);

/** Finds an ECO4 FPS row; ER_ENOTFOUND when the matrix has none. */
er_status er_matrix_find_fps(const er_matrix *m, er_segment seg,
                             er_band start, er_band finish,
                             const er_matrix_entry **out);

/**
 * Finds a PPS or GBIS row.  `post_heating` is ignored for GBIS.  Heat
 * sources are Ofgem's spelling, "N/A" for none.  For measure types whose
 * rows carry band "N/A" (Fixed Value Increase), pass ER_BAND_NONE.
 * ER_ENOTFOUND when the matrix has no such row.
 */
er_status er_matrix_find(const er_matrix *m, const char *measure_type,
                         const char *pre_heating, const char *post_heating,
                         er_segment seg, er_band band,
                         const er_matrix_entry **out);

/** True when `measure_type` has at least one row in `m`. */
int er_matrix_has_measure(const er_matrix *m, const char *measure_type);

/**
 * True when `measure_type`'s rows carry no starting band (Ofgem's Fixed
 * Value Increase rows): look it up with ER_BAND_NONE.
 */
int er_matrix_measure_is_fixed(const er_matrix *m, const char *measure_type);

/** True when `name` appears as a pre heat source anywhere in `m`. */
int er_matrix_has_pre_heating(const er_matrix *m, const char *name);

/** The "Measure category" of `measure_type` ("Loft Insulation"), as its
 *  rows give it; NULL when the matrix does not know the type.  Borrowed. */
const char *er_matrix_measure_category(const er_matrix *m, const char *measure_type);

/** True when `name` appears as a post heat source anywhere in `m` (PPS). */
int er_matrix_has_post_heating(const er_matrix *m, const char *name);

/** The number of rows held. */
size_t er_matrix_count(const er_matrix *m);
/** The kind given at creation. */
er_matrix_kind er_matrix_kind_of(const er_matrix *m);
/** The version given at creation; borrowed. */
const char *er_matrix_version(const er_matrix *m);
/** True when `completion` lies inside the matrix's validity. */
int er_matrix_valid_on(const er_matrix *m, er_date completion);
/** Ofgem's name of a kind: "eco4-fps", "eco4-pps", "gbis". */
const char *er_matrix_kind_name(er_matrix_kind k);
/** Parses a kind name; ER_EINVAL when unknown. */
er_status er_matrix_kind_parse(const char *s, er_matrix_kind *out);

#ifdef __cplusplus
}
#endif
#endif
