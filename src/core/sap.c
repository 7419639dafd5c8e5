/*
 * sap.c: SAP bands, intermediate bands, floor-area segments and the SAP
 * 2012 rating equation.
 *
 * Bands are a table of lower edges in tenths of a SAP point, so each edge
 * RULES.md lists appears once, here, and is tested on both sides.
 */
#include "ecoreg/sap.h"

#include <math.h>
#include <string.h>

#include "util.h"

/* RULES.md "SAP ratings": the lowest rating (tenths) of each intermediate
 * band.  Letters: A >= 91.5, B >= 80.5, C >= 68.5, D >= 54.5, E >= 38.5,
 * F >= 20.5, else G; each split at its midpoint: High_G from 10.5, High_F
 * from 29.5 (Low_F is 20.5-29.4, seed 002 footnote 5), High_E 46.5,
 * High_D 61.5, High_C 74.5, High_B 86.0, High_A 96.0. */
static const int band_floor[ER_BAND_COUNT] = {
    [ER_BAND_LOW_G] = 0,    [ER_BAND_HIGH_G] = 105, [ER_BAND_LOW_F] = 205,
    [ER_BAND_HIGH_F] = 295, [ER_BAND_LOW_E] = 385,  [ER_BAND_HIGH_E] = 465,
    [ER_BAND_LOW_D] = 545,  [ER_BAND_HIGH_D] = 615, [ER_BAND_LOW_C] = 685,
    [ER_BAND_HIGH_C] = 745, [ER_BAND_LOW_B] = 805,  [ER_BAND_HIGH_B] = 860,
    [ER_BAND_LOW_A] = 915,  [ER_BAND_HIGH_A] = 960,
};

static const char *const band_names[ER_BAND_COUNT] = {
    "Low_G", "High_G", "Low_F", "High_F", "Low_E", "High_E", "Low_D",
    "High_D", "Low_C", "High_C", "Low_B", "High_B", "Low_A", "High_A",
};

static const char *const segment_names[ER_SEGMENT_COUNT] = {
    "0-72", "73-97", "98-199", "200+",
};

/* Accepted ratings: from 1.0, the bottom of the scale ecoreg takes (a
 * rating below 1 is a data error, issue 2), to 200.0; SAP 2012 goes above
 * 100 for homes that export more energy than they use. */
er_status er_sap_tenths(double rating, int *out)
{
    double scaled;
    long r;

    if (!isfinite(rating))
        return ER_EINVAL;
    scaled = rating * 10.0;
    if (scaled < ER_SAP_MIN_TENTHS - 0.5 || scaled > ER_SAP_MAX_TENTHS + 0.5)
        return ER_EINVAL;
    r = lround(scaled);
    /* One decimal place only (Ofgem: "starting SAP with one decimal"). */
    if (fabs(scaled - (double)r) > 1e-6)
        return ER_EINVAL;
    if (r < ER_SAP_MIN_TENTHS || r > ER_SAP_MAX_TENTHS)
        return ER_EINVAL;
    *out = (int)r;
    return ER_OK;
}

er_band er_sap_band(int tenths)
{
    int b;

    for (b = ER_BAND_COUNT - 1; b > 0; b--)
        if (tenths >= band_floor[b])
            return (er_band)b;
    return ER_BAND_LOW_G;
}

char er_band_letter(er_band b)
{
    if (b < 0 || b >= ER_BAND_COUNT)
        return '?';
    return "GFEDCBA"[b / 2];
}

int er_sap_letter_floor(char letter)
{
    if (letter < 'A' || letter > 'G')
        return -1;
    return band_floor[('G' - letter) * 2]; /* the letter's Low_ band */
}

char er_sap_letter(int tenths)
{
    return er_band_letter(er_sap_band(tenths));
}

const char *er_band_name(er_band b)
{
    if (b < 0 || b >= ER_BAND_COUNT)
        return "N/A";
    return band_names[b];
}

er_status er_band_parse(const char *s, er_band *out)
{
    int b;

    if (strcmp(s, "N/A") == 0) {
        *out = ER_BAND_NONE;
        return ER_OK;
    }
    if ((b = er_name_index(band_names, ER_BAND_COUNT, s)) < 0)
        return ER_EINVAL;
    *out = (er_band)b;
    return ER_OK;
}

/* ECO4 Order art. 55: F is 0.2 below 73 m2, 0.1 for 73-97 m2, 0 above 97;
 * Ofgem's segments 0-72, 73-97, 98-199 and 200+ share those edges. */
er_status er_floor_segment(double area, er_segment *out)
{
    if (!isfinite(area) || area <= 0)
        return ER_EINVAL;
    if (area < 73)
        *out = ER_SEGMENT_0_72;
    else if (area <= 97)
        *out = ER_SEGMENT_73_97;
    else if (area < 200)
        *out = ER_SEGMENT_98_199;
    else
        *out = ER_SEGMENT_200_PLUS;
    return ER_OK;
}

const char *er_segment_name(er_segment s)
{
    if (s < 0 || s >= ER_SEGMENT_COUNT)
        return "N/A";
    return segment_names[s];
}

er_status er_segment_parse(const char *s, er_segment *out)
{
    int i = er_name_index(segment_names, ER_SEGMENT_COUNT, s);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_segment)i;
    return ER_OK;
}

/* SAP 2012 (section 13): energy cost factor and rating equation. */
#define SAP_DEFLATOR 0.42
#define SAP_AREA_OFFSET 45.0
#define SAP_ECF_KNEE 3.5

er_status er_sap_from_cost(double cost, double area, double *sap)
{
    double ecf;

    if (!isfinite(cost) || !isfinite(area) || area <= 0 || cost < 0)
        return ER_EINVAL;
    ecf = SAP_DEFLATOR * cost / (area + SAP_AREA_OFFSET);
    if (ecf >= SAP_ECF_KNEE)
        *sap = 117.0 - 121.0 * log10(ecf);
    else
        *sap = 100.0 - 13.95 * ecf;
    return ER_OK;
}

er_status er_sap_cost_for(double sap, double area, double *cost)
{
    double ecf, knee_sap = 117.0 - 121.0 * log10(SAP_ECF_KNEE);

    if (!isfinite(sap) || !isfinite(area) || area <= 0)
        return ER_EINVAL;
    /* Ratings at or below the knee come from the logarithmic branch. */
    if (sap <= knee_sap)
        ecf = pow(10.0, (117.0 - sap) / 121.0);
    else
        ecf = (100.0 - sap) / 13.95;
    if (ecf < 0)
        return ER_EINVAL;
    *cost = ecf * (area + SAP_AREA_OFFSET) / SAP_DEFLATOR;
    return ER_OK;
}
