/*
 * score.c: the score formulas of ECO4 (arts. 55, 67, 71, 72) and GBIS.
 *
 * Pure arithmetic on exact values; the caller has already found each term
 * in a matrix or in the scheme's parameters.  See score.h.
 */
#include "ecoreg/score.h"

#include "util.h"

/* ECO4 Delivery Guidance ch. 6 (confirm): a measure treating "67+" percent
 * of the property counts in full; below that its matrix saving, which
 * assumes the row's Average Treatable Factor, is scaled by POPT/ATF. */
er_status er_popt_factor(const er_scheme *s, er_popt popt,
                         int32_t atf_hundredths, er_q *out)
{
    er_q p;

    if (popt.full || popt.percent >= s->popt_full_percent) {
        *out = er_q_int(1);
        return ER_OK;
    }
    if (popt.percent < 1 || popt.percent > 100 || atf_hundredths <= 0)
        return ER_EINVAL;
    p = er_q_make(popt.percent, 100);
    if (s->popt_rule == ER_POPT_PLAIN) {
        *out = p;
        return ER_OK;
    }
    ER_TRY(er_q_div(p, er_q_make(atf_hundredths, 100), out));
    if (er_q_cmp(*out, er_q_int(1)) > 0)
        *out = er_q_int(1);
    return ER_OK;
}

/* ECO4 Order art. 55 and 21: C = 1.1 where the art. 21 route is met. */
er_q er_score_c(const er_scheme *s, bool declaration_route)
{
    return declaration_route ? s->declaration_c : er_q_int(1);
}

/* ECO4 art. 55: OGR = 0.35 for off-gas premises in a rural area in Scotland
 * or Wales.  GBIS (seed 004 ch. 2, Annex A): 35% for rural premises in
 * Scotland and Wales, gas or not. */
er_q er_score_rural(const er_scheme *s, er_nation nation, bool rural,
                    bool off_gas)
{
    if (!rural || nation < 0 || nation > ER_NATION_WALES ||
        !s->rural_uplift_nation[nation])
        return er_q_int(0);
    if (s->rural_uplift_needs_off_gas && !off_gas)
        return er_q_int(0);
    return s->rural_uplift;
}

/* ECO4 art. 58: 25% standard, 45% substantial; GBIS (seed 004 ch. 3):
 * 25% for both, as the scheme's parameters say. */
er_q er_score_innovation_rate(const er_scheme *s, er_innovation level)
{
    switch (level) {
    case ER_INNOVATION_STANDARD: return s->innovation_standard;
    case ER_INNOVATION_SUBSTANTIAL: return s->innovation_substantial;
    case ER_INNOVATION_NONE: break;
    }
    return er_q_int(0);
}

/* KM x (1+F) x (C+OGR), or KM x (C+OGR) for art. 71 measures. */
er_status er_eco4_uplift_base(er_methodology method, er_q km, er_q f, er_q c,
                              er_q ogr, er_q *out)
{
    er_q one_f, c_ogr, v = km;

    ER_TRY(er_q_add(c, ogr, &c_ogr));
    if (method == ER_METHOD_STANDARD) {
        ER_TRY(er_q_add(er_q_int(1), f, &one_f));
        ER_TRY(er_q_mul(v, one_f, &v));
    }
    ER_TRY(er_q_mul(v, c_ogr, &v));
    *out = v;
    return ER_OK;
}

/* ECO4 Order art. 55: FPS = KP x (1+F) x (C+OGR) + BH + ESH + IMP + BFR - L */
er_status er_eco4_fps(const er_fps_terms *t, er_q *out)
{
    er_q v;

    ER_TRY(er_eco4_uplift_base(ER_METHOD_STANDARD, t->kp, t->f, t->c, t->ogr, &v));
    ER_TRY(er_q_add(v, t->bh, &v));
    ER_TRY(er_q_add(v, t->esh, &v));
    ER_TRY(er_q_add(v, t->imp, &v));
    ER_TRY(er_q_add(v, t->bfr, &v));
    ER_TRY(er_q_sub(v, t->l, &v));
    *out = v;
    return ER_OK;
}

/* ECO4 Order art. 72: (KM x (1+F) x (C+OGR) + IM + BFR) x D;
 * art. 71: (KM x (C+OGR) + IM + BFR) x D, 0 beyond the data-light
 * allowance. */
er_status er_eco4_pps(const er_pps_terms *t, er_q *out)
{
    er_q v;

    if (t->method == ER_METHOD_DATA_LIGHT && t->over_data_light_allowance) {
        *out = er_q_int(0);
        return ER_OK;
    }
    ER_TRY(er_eco4_uplift_base(t->method, t->km, t->f, t->c, t->ogr, &v));
    ER_TRY(er_q_add(v, t->im, &v));
    ER_TRY(er_q_add(v, t->bfr, &v));
    ER_TRY(er_q_mul(v, t->d, &v));
    *out = v;
    return ER_OK;
}

/* ECO4 Order art. 67: basic heating repair or replacement = 140 x (1+F). */
er_status er_eco4_heating_fixed(er_q base, er_q f, er_q *out)
{
    er_q one_f;

    ER_TRY(er_q_add(er_q_int(1), f, &one_f));
    return er_q_mul(base, one_f, out);
}

/* ECO4 minimum requirement (art. 50 (confirm); seed 002 2.3): starting F or
 * G must finish at D or better, D or E at C or better. */
bool er_eco4_minimum_requirement_met(const er_scheme *s, int start_tenths,
                                     int finish_tenths)
{
    int need = s->min_finish_tenths[er_sap_letter(start_tenths) - 'A'];

    return need >= 0 && finish_tenths >= need;
}

/* Ofgem FPS matrix v2: finishing Low_A and High_A score as High_B. */
er_band er_eco4_fps_finish_band(const er_scheme *s, er_band finish)
{
    if (s->fps_finish_cap != ER_BAND_NONE && finish > s->fps_finish_cap)
        return s->fps_finish_cap;
    return finish;
}

/* GBIS: KM x (1 + rural + flex route 4 + innovation) (seed 004 Annex A;
 * "we do not intend to limit the number of uplifts"). */
er_status er_gbis_score(const er_gbis_terms *t, er_q *out)
{
    er_q rate = er_q_int(1);

    ER_TRY(er_q_add(rate, t->rural, &rate));
    ER_TRY(er_q_add(rate, t->flex4, &rate));
    ER_TRY(er_q_add(rate, t->innovation, &rate));
    return er_q_mul(t->km, rate, out);
}
