/*
 * score.h: the score formulas of ECO4 and GBIS, one function per article.
 *
 * Each function takes exact terms (er_q, pounds a year) that the caller
 * has looked up, and returns the exact score: no matrix, no database, no
 * rounding.  Rounding to pennies happens once, where a score is reported.
 * Sources: ECO4 Order (SI 2022/875) arts. 55, 67, 71, 72; GBIS Order
 * (SI 2023/873) and seed 004 Annex A; RULES.md "ECO4 scores" and "GBIS".
 */
#ifndef ECOREG_SCORE_H
#define ECOREG_SCORE_H

#include <stdbool.h>
#include <stdint.h>

#include "ecoreg/q.h"
#include "ecoreg/scheme.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum er_innovation {
    ER_INNOVATION_NONE = 0,
    ER_INNOVATION_STANDARD,   /* 25% uplift (ECO4 art. 58) */
    ER_INNOVATION_SUBSTANTIAL /* 45% uplift under ECO4; 25% under GBIS */
} er_innovation;

typedef enum er_methodology {
    ER_METHOD_STANDARD = 0, /* scored from the PPS matrix, art. 72 */
    ER_METHOD_ALTERNATIVE,  /* alternative methodology, art. 71 */
    ER_METHOD_DATA_LIGHT    /* data-light measure, art. 71 */
} er_methodology;

/** Percentage of property treated: 1-66, or "67+" (full). */
typedef struct er_popt {
    bool full;
    int percent;
} er_popt;

/**
 * The factor a matrix cost saving is multiplied by for the part of the
 * property treated: 1 for "67+" or at least s->popt_full_percent; else
 * POPT/ATF capped at 1 (ER_POPT_OVER_ATF) or POPT (ER_POPT_PLAIN).
 * ER_EINVAL for a percent outside 1..100 or an ATF <= 0.
 */
er_status er_popt_factor(const er_scheme *s, er_popt popt,
                         int32_t atf_hundredths, er_q *out);

/** C: s->declaration_c when a measure meets art. 21, else 1 (art. 55). */
er_q er_score_c(const er_scheme *s, bool declaration_route);

/**
 * The rural uplift: OGR for ECO4 (off-gas premises in a rural area in
 * Scotland or Wales, art. 55), the rural uplift for GBIS (rural premises in
 * Scotland or Wales, seed 004 Annex A); 0 where it does not apply.
 */
er_q er_score_rural(const er_scheme *s, er_nation nation, bool rural,
                    bool off_gas);

/** The innovation uplift rate of `level` under `s` (0 for none). */
er_q er_score_innovation_rate(const er_scheme *s, er_innovation level);

/** The terms of ECO4 Order art. 55. */
typedef struct er_fps_terms {
    er_q kp;  /* FPS matrix cost savings */
    er_q f;   /* floor area factor */
    er_q c;   /* 1.1 when art. 21 is met, else 1 */
    er_q ogr; /* off-gas rural uplift */
    er_q bh;  /* broken heating repair/replacement additions (art. 56) */
    er_q esh; /* electric storage heater additions (art. 57) */
    er_q imp; /* project innovation uplift (art. 58) */
    er_q bfr; /* building fabric repair increase (art. 61) */
    er_q l;   /* the deduction L (confirm) */
} er_fps_terms;

/** Full project score: KP x (1+F) x (C+OGR) + BH + ESH + IMP + BFR - L. */
er_status er_eco4_fps(const er_fps_terms *t, er_q *out);

/** The terms of ECO4 Order arts. 71 and 72. */
typedef struct er_pps_terms {
    er_methodology method;
    er_q km;  /* PPS matrix cost savings, POPT-adjusted */
    er_q f;   /* floor area factor (not used by art. 71) */
    er_q c;
    er_q ogr;
    er_q im;  /* innovation uplift amount */
    er_q bfr; /* building fabric repair increase */
    er_q d;   /* PPS deflator */
    bool over_data_light_allowance; /* art. 71: then the score is 0 */
} er_pps_terms;

/**
 * Partial project score.  Art. 72: (KM x (1+F) x (C+OGR) + IM + BFR) x D;
 * art. 71 (alternative methodology, data-light): (KM x (C+OGR) + IM + BFR)
 * x D, and 0 for a data-light measure beyond the allowance.
 */
er_status er_eco4_pps(const er_pps_terms *t, er_q *out);

/**
 * The undeflated uplifted saving a measure's innovation uplift is a share
 * of: KM x (1+F) x (C+OGR) (art. 72), or KM x (C+OGR) (art. 71).
 */
er_status er_eco4_uplift_base(er_methodology method, er_q km, er_q f, er_q c,
                              er_q ogr, er_q *out);

/** Basic heating repair or replacement, art. 67: base x (1+F). */
er_status er_eco4_heating_fixed(er_q base, er_q f, er_q *out);

/**
 * The ECO4 minimum requirement (art. 50 (confirm), seed 002 2.3): the
 * finishing rating reaches the level s->min_finish_tenths sets for the
 * starting band's letter.  False where no requirement is set.
 */
bool er_eco4_minimum_requirement_met(const er_scheme *s, int start_tenths,
                                     int finish_tenths);

/** The finishing band an FPS is looked up with (Low_A/High_A -> High_B). */
er_band er_eco4_fps_finish_band(const er_scheme *s, er_band finish);

/** The terms of a GBIS measure score. */
typedef struct er_gbis_terms {
    er_q km;         /* GBIS matrix cost savings, POPT-adjusted */
    er_q rural;      /* rural uplift (Scotland, Wales) */
    er_q flex4;      /* flexible eligibility route 4 uplift */
    er_q innovation; /* innovation uplift rate */
} er_gbis_terms;

/**
 * GBIS measure score: KM x (1 + rural + flex4 + innovation).  No PPS
 * deflator (seed 004 ch. 4); uplifts add, none limits another (seed 004
 * "Multiple uplifts") (confirm the additive combination).
 */
er_status er_gbis_score(const er_gbis_terms *t, er_q *out);

#ifdef __cplusplus
}
#endif
#endif
