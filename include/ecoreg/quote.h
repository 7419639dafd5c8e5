/*
 * quote.h: what a project scores, without storing anything.
 *
 * er_quote_project() takes one project as plain structs, looks its
 * measures up in the scheme's matrices, applies the score formulas of
 * score.h and decides which score counts: the full project score when the
 * minimum requirement is met, else the sum of the partial project scores
 * (seed 002 4.13-4.18).  Every problem with the input becomes an er_error
 * in the result naming the field; nothing aborts.
 */
#ifndef ECOREG_QUOTE_H
#define ECOREG_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/q.h"
#include "ecoreg/sap.h"
#include "ecoreg/scheme.h"
#include "ecoreg/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most errors one quote reports; later ones are counted, not kept. */
#define ER_QUOTE_ERRORS_MAX 16

/** One measure as the caller gives it; strings are borrowed. */
typedef struct er_quote_measure {
    const char *mrn;
    const char *measure_type;
    const char *pre_heating;  /* Ofgem spelling; "N/A" when none */
    const char *post_heating; /* Ofgem spelling; "N/A" when none */
    er_popt popt;
    er_innovation innovation;
    er_methodology method;
} er_quote_measure;

/** One project as the caller gives it; strings and measures are borrowed. */
typedef struct er_quote_input {
    const char *project_id;
    double floor_area;        /* m2, > 0 */
    int starting_sap_tenths;  /* see er_sap_tenths() */
    int finishing_sap_tenths; /* -1 when not known */
    er_nation nation;
    bool rural;
    bool off_gas;
    bool declaration_route;   /* ECO4 art. 21: C = 1.1 */
    bool flex_route4;         /* GBIS flexible eligibility route 4 */
    er_date completion;       /* picks the matrix version; ER_DATE_NONE: latest */
    size_t n_measures;
    const er_quote_measure *measures;
} er_quote_input;

/** What one measure scored; `scored` is false when it had an error. */
typedef struct er_quote_measure_result {
    bool scored;
    er_q cost_savings;          /* matrix value x POPT factor */
    er_q partial_project_score; /* deflated PPS (ECO4), score (GBIS) */
} er_quote_measure_result;

/**
 * The result.  The caller provides `measures` with room for n_measures
 * results.  Flags say which values are null in the output.
 */
typedef struct er_quote_result {
    er_band starting_band;
    er_band finishing_band;       /* ER_BAND_NONE when not known */
    er_segment segment;           /* ER_SEGMENT_NONE when floor area is bad */
    er_q floor_area_factor;
    int minimum_requirement_met;  /* 1, 0, or -1 for null */
    bool has_fps;
    er_q full_project_score;
    bool has_pps_total;
    er_q pps_total;
    bool has_score;
    er_q score;
    er_quote_measure_result *measures; /* caller's array */
    size_t n_errors;                   /* how many errors were found */
    er_error errors[ER_QUOTE_ERRORS_MAX]; /* the first ER_QUOTE_ERRORS_MAX */
} er_quote_result;

/**
 * Scores `in` under `scheme` into `out` (whose `measures` the caller set).
 * Returns ER_OK when the project scored, ER_EINVAL when the input had
 * errors (listed in out->errors), ER_ERANGE when arithmetic overflowed.
 */
er_status er_quote_project(const er_scheme *scheme, const er_quote_input *in,
                           er_quote_result *out);

#ifdef __cplusplus
}
#endif
#endif
