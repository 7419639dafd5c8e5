/*
 * sap.h: SAP ratings, bands and intermediate bands, floor-area segments and
 * the SAP 2012 rating equation.
 *
 * A SAP rating is carried in tenths (54.5 -> 545) because Ofgem states
 * ratings to one decimal place and every band edge is a tenth: integer
 * comparisons then need no tolerance.  Sources: RULES.md "SAP ratings,
 * bands, floor area"; seed 002 footnote 5; Ofgem FPS matrix v2.
 */
#ifndef ECOREG_SAP_H
#define ECOREG_SAP_H

#include <stdbool.h>

#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Intermediate SAP bands, worst first; ER_BAND_NONE is Ofgem's "N/A". */
typedef enum er_band {
    ER_BAND_NONE = -1,
    ER_BAND_LOW_G = 0,
    ER_BAND_HIGH_G,
    ER_BAND_LOW_F,
    ER_BAND_HIGH_F,
    ER_BAND_LOW_E,
    ER_BAND_HIGH_E,
    ER_BAND_LOW_D,
    ER_BAND_HIGH_D,
    ER_BAND_LOW_C,
    ER_BAND_HIGH_C,
    ER_BAND_LOW_B,
    ER_BAND_HIGH_B,
    ER_BAND_LOW_A,
    ER_BAND_HIGH_A,
    ER_BAND_COUNT
} er_band;

/** Ofgem's floor-area segments ("Total Floor Area Band "). */
typedef enum er_segment {
    ER_SEGMENT_NONE = -1,
    ER_SEGMENT_0_72 = 0,
    ER_SEGMENT_73_97,
    ER_SEGMENT_98_199,
    ER_SEGMENT_200_PLUS,
    ER_SEGMENT_COUNT
} er_segment;

/** Lowest and highest SAP rating ecoreg accepts, in tenths (see sap.c). */
#define ER_SAP_MIN_TENTHS 10
#define ER_SAP_MAX_TENTHS 2000

/**
 * Converts a rating as given (25, 54.5) to tenths.  ER_EINVAL when it has
 * more than one decimal place, is not finite, or lies outside
 * ER_SAP_MIN_TENTHS..ER_SAP_MAX_TENTHS.
 */
er_status er_sap_tenths(double rating, int *out);

/** The intermediate band of a rating in tenths (RULES.md band table). */
er_band er_sap_band(int tenths);

/** The band letter 'A'..'G' of a rating in tenths. */
char er_sap_letter(int tenths);

/** The lowest rating (tenths) with band letter 'A'..'G'; -1 for others. */
int er_sap_letter_floor(char letter);

/** The letter 'A'..'G' of an intermediate band; '?' for ER_BAND_NONE. */
char er_band_letter(er_band b);

/** Ofgem's spelling of a band ("Low_F"); "N/A" for ER_BAND_NONE. */
const char *er_band_name(er_band b);

/** Parses Ofgem's spelling ("High_D", "N/A"); ER_EINVAL when unknown. */
er_status er_band_parse(const char *s, er_band *out);

/**
 * The segment of a total floor area in m2: below 73 -> 0-72, up to 97 ->
 * 73-97, below 200 -> 98-199, else 200+ (the edges of the floor area
 * factor, ECO4 Order art. 55).  ER_EINVAL when area <= 0 or not finite.
 */
er_status er_floor_segment(double area_m2, er_segment *out);

/** Ofgem's spelling of a segment ("0-72", "200+"). */
const char *er_segment_name(er_segment s);

/** Parses Ofgem's spelling of a segment; ER_EINVAL when unknown. */
er_status er_segment_parse(const char *s, er_segment *out);

/**
 * SAP 2012 rating from annual energy cost (pounds) and total floor area:
 * ECF = 0.42 cost / (TFA + 45); SAP = 117 - 121 log10(ECF) for ECF >= 3.5,
 * else 100 - 13.95 ECF.  Not rounded.  ER_EINVAL for area <= 0 or cost < 0.
 */
er_status er_sap_from_cost(double cost, double area_m2, double *sap);

/** The inverse of er_sap_from_cost: annual cost giving `sap` at `area`. */
er_status er_sap_cost_for(double sap, double area_m2, double *cost);

#ifdef __cplusplus
}
#endif
#endif
