/*
 * quote.c: scores one project without storing anything.
 *
 * Looks each measure up in the scheme's matrix valid on the completion
 * date, scores it (ECO4 arts. 67, 71, 72; GBIS), adds the fixed-value and
 * innovation terms to the full project score (art. 55) and decides which
 * score counts (seed 002 4.13-4.18).  Every input problem is reported as an
 * error naming its field, and scoring goes on so all of them are listed.
 */
#include "ecoreg/quote.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Which FPS term a Fixed Value Increase row feeds, by Ofgem's measure type
 * prefix: broken boiler repair/replacement BH (art. 56), broken electric
 * storage heaters ESH (art. 57), building fabric repair BFR (art. 61). */
enum fixed_term { TERM_NONE, TERM_BH, TERM_ESH, TERM_BFR };

static const struct {
    const char *prefix;
    enum fixed_term term;
} fixed_terms[] = {
    { "B_Broken_", TERM_BH },
    { "ESH_Broken_", TERM_ESH },
    { "BFR_", TERM_BFR },
};

/* The running sums a project's measures feed into its FPS. */
struct fps_sums {
    er_q bh, esh, imp, bfr;
};

static enum fixed_term fixed_term_of(const char *measure_type)
{
    size_t i;

    for (i = 0; i < sizeof fixed_terms / sizeof fixed_terms[0]; i++)
        if (strncmp(measure_type, fixed_terms[i].prefix,
                    strlen(fixed_terms[i].prefix)) == 0)
            return fixed_terms[i].term;
    return TERM_NONE;
}

/* Index meaning "a field of the project, not of a measure". */
#define PROJECT SIZE_MAX

static void add_error(er_quote_result *out, size_t i, const char *field,
                      const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records an error on `field` of the project, or of measure i. */
static void add_error(er_quote_result *out, size_t i, const char *field,
                      const char *fmt, ...)
{
    er_error *e;
    va_list ap;

    if (out->n_errors++ >= ER_QUOTE_ERRORS_MAX)
        return;
    e = &out->errors[out->n_errors - 1];
    e->row = 0;
    if (i == PROJECT)
        snprintf(e->field, sizeof e->field, "%s", field);
    else
        snprintf(e->field, sizeof e->field, "measures[%zu].%s", i, field);
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* The factors shared by all of a project's measures. */
struct project_terms {
    const er_scheme *s;
    const er_matrix *matrix;
    er_segment seg;
    er_band band;
    er_q f, c, ogr, flex4;
};

/* Reports measures whose type the matrix does not have. */
static int known_type(const struct project_terms *p, const er_quote_measure *m, size_t i,
                      er_quote_result *out)
{
    if (!m->measure_type || !*m->measure_type) {
        add_error(out, i, "measure_type", "is required");
        return 0;
    }
    if (!er_matrix_has_measure(p->matrix, m->measure_type)) {
        add_error(out, i, "measure_type", "unknown measure type '%.80s' (not in %s)",
                  m->measure_type, er_matrix_version(p->matrix));
        return 0;
    }
    return 1;
}

static void check_measure_types(const struct project_terms *p, const er_quote_input *in,
                                er_quote_result *out)
{
    size_t i;

    for (i = 0; i < in->n_measures; i++)
        known_type(p, &in->measures[i], i, out);
}

/* Looks measure i up, reporting why when there is no row. */
static const er_matrix_entry *lookup(const struct project_terms *p,
                                     const er_quote_measure *m, size_t i,
                                     er_quote_result *out)
{
    const char *pre = m->pre_heating ? m->pre_heating : ER_MATRIX_NA;
    const char *post = m->post_heating ? m->post_heating : ER_MATRIX_NA;
    const char *proxy = er_scheme_proxy(p->s, pre);
    const er_matrix_entry *e;
    er_band band = p->band;

    if (!known_type(p, m, i, out))
        return NULL;
    if (er_matrix_measure_is_fixed(p->matrix, m->measure_type))
        band = ER_BAND_NONE; /* Fixed Value Increase rows carry no band */
    if (er_matrix_find(p->matrix, m->measure_type, proxy, post, p->seg, band,
                       &e) == ER_OK)
        return e;
    if (!er_matrix_has_pre_heating(p->matrix, proxy))
        add_error(out, i, "pre_main_heating_source", "unknown heat source '%.80s'", pre);
    else if (er_matrix_kind_of(p->matrix) == ER_MATRIX_ECO4_PPS &&
             !er_matrix_has_post_heating(p->matrix, post))
        add_error(out, i, "post_main_heating_source", "unknown heat source '%.80s'", post);
    else
        add_error(out, i, "pre_main_heating_source",
                  "%s has no score from '%.60s' to '%.60s' in floor area "
                  "segment %s, starting band %s",
                  m->measure_type, proxy, post, er_segment_name(p->seg),
                  er_band_name(band));
    return NULL;
}

/* ECO4: the PPS of one measure, feeding the FPS sums. */
static er_status score_eco4(const struct project_terms *p,
                            const er_quote_measure *m, er_q km,
                            er_quote_measure_result *r, struct fps_sums *sums)
{
    enum fixed_term term = fixed_term_of(m->measure_type);
    er_pps_terms t = { .method = m->method, .km = km, .f = p->f, .c = p->c,
                       .ogr = p->ogr, .im = er_q_int(0), .bfr = er_q_int(0),
                       .d = p->s->pps_deflator };
    er_q base, rate;

    switch (term) {
    case TERM_BH: /* art. 67: the matrix value is already 140 x (1+F) */
        r->partial_project_score = km;
        return er_q_add(sums->bh, km, &sums->bh);
    case TERM_ESH:
        r->partial_project_score = km;
        return er_q_add(sums->esh, km, &sums->esh);
    case TERM_BFR: /* art. 72: BFR is added inside the deflated bracket */
        ER_TRY(er_q_mul(km, p->s->pps_deflator, &r->partial_project_score));
        return er_q_add(sums->bfr, km, &sums->bfr);
    case TERM_NONE:
        break;
    }
    /* art. 58/72 and seed 002 2.22: the innovation uplift is a share of the
     * measure's uplifted saving; deflated in its PPS, undeflated on the FPS.
     * The flex route 4 uplift is measure-level too (seed 004 Annex A
     * Table ii) and is carried the same way (confirm). */
    ER_TRY(er_eco4_uplift_base(m->method, km, p->f, p->c, p->ogr, &base));
    ER_TRY(er_q_add(er_score_innovation_rate(p->s, m->innovation), p->flex4, &rate));
    ER_TRY(er_q_mul(base, rate, &t.im));
    ER_TRY(er_eco4_pps(&t, &r->partial_project_score));
    return er_q_add(sums->imp, t.im, &sums->imp);
}

/* GBIS: the score of one measure (seed 004 ch. 4, Annex A). */
static er_status score_gbis(const struct project_terms *p,
                            const er_quote_measure *m, er_q km,
                            er_quote_measure_result *r)
{
    er_gbis_terms t = { .km = km, .rural = p->ogr, .flex4 = p->flex4,
                        .innovation = er_score_innovation_rate(p->s, m->innovation) };

    return er_gbis_score(&t, &r->partial_project_score);
}

static er_status score_measures(const struct project_terms *p,
                                const er_quote_input *in, er_quote_result *out,
                                struct fps_sums *sums)
{
    size_t i;

    out->pps_total = er_q_int(0);
    for (i = 0; i < in->n_measures; i++) {
        const er_quote_measure *m = &in->measures[i];
        er_quote_measure_result *r = &out->measures[i];
        const er_matrix_entry *e = lookup(p, m, i, out);
        er_q factor = er_q_int(1);

        if (!e)
            continue;
        if (!er_matrix_measure_is_fixed(p->matrix, m->measure_type) &&
            er_popt_factor(p->s, m->popt, e->atf_hundredths, &factor)) {
            add_error(out, i, "popt", "must be 1-66 or \"67+\"");
            continue;
        }
        ER_TRY(er_q_mul(er_q_make(e->cost_tenths, 10), factor, &r->cost_savings));
        if (p->s->id == ER_SCHEME_ECO4)
            ER_TRY(score_eco4(p, m, r->cost_savings, r, sums));
        else
            ER_TRY(score_gbis(p, m, r->cost_savings, r));
        ER_TRY(er_q_add(out->pps_total, r->partial_project_score, &out->pps_total));
        r->scored = true;
    }
    return ER_OK;
}

/* ECO4 art. 55: the FPS, when the minimum requirement is met. */
static er_status full_project_score(const struct project_terms *p,
                                    const er_quote_input *in,
                                    const struct fps_sums *sums,
                                    const er_matrix *fps, er_quote_result *out)
{
    er_band finish = er_eco4_fps_finish_band(p->s, out->finishing_band);
    const er_matrix_entry *e;
    er_fps_terms t;

    out->minimum_requirement_met = er_eco4_minimum_requirement_met(
        p->s, in->starting_sap_tenths, in->finishing_sap_tenths);
    if (!out->minimum_requirement_met)
        return ER_OK;
    if (er_matrix_find_fps(fps, p->seg, p->band, finish, &e) != ER_OK) {
        add_error(out, PROJECT, "finishing_sap",
                  "%s has no full project score from %s to %s in segment %s",
                  er_matrix_version(fps), er_band_name(p->band),
                  er_band_name(finish), er_segment_name(p->seg));
        return ER_OK;
    }
    t = (er_fps_terms){ .kp = er_q_make(e->cost_tenths, 10), .f = p->f,
                        .c = p->c, .ogr = p->ogr, .bh = sums->bh,
                        .esh = sums->esh, .imp = sums->imp, .bfr = sums->bfr,
                        .l = er_q_int(0) };
    ER_TRY(er_eco4_fps(&t, &out->full_project_score));
    out->has_fps = true;
    return ER_OK;
}

static void reset(er_quote_result *out, size_t n)
{
    er_quote_measure_result *measures = out->measures;
    size_t i;

    memset(out, 0, sizeof *out);
    out->measures = measures;
    out->starting_band = ER_BAND_NONE;
    out->finishing_band = ER_BAND_NONE;
    out->segment = ER_SEGMENT_NONE;
    out->minimum_requirement_met = -1;
    out->floor_area_factor = er_q_int(0);
    for (i = 0; i < n; i++)
        memset(&out->measures[i], 0, sizeof out->measures[i]);
}

/* Checks the project-level fields; fills p's segment, band and factors. */
static void project_fields(const er_scheme *s, const er_quote_input *in,
                           struct project_terms *p, er_quote_result *out)
{
    if (er_floor_segment(in->floor_area, &p->seg) != ER_OK) {
        add_error(out, PROJECT, "floor_area", "must be a number above 0 (m2)");
        p->seg = ER_SEGMENT_NONE;
    } else {
        out->segment = p->seg;
        p->f = s->floor_area_factor[p->seg];
        out->floor_area_factor = p->f;
    }
    if (in->starting_sap_tenths < ER_SAP_MIN_TENTHS ||
        in->starting_sap_tenths > ER_SAP_MAX_TENTHS) {
        add_error(out, PROJECT, "starting_sap",
                  "must be a SAP rating from 1 to 200 with one decimal place");
        p->band = ER_BAND_NONE;
    } else {
        p->band = er_sap_band(in->starting_sap_tenths);
        out->starting_band = p->band;
    }
    if (in->finishing_sap_tenths >= 0) {
        if (in->finishing_sap_tenths < ER_SAP_MIN_TENTHS ||
            in->finishing_sap_tenths > ER_SAP_MAX_TENTHS)
            add_error(out, PROJECT, "finishing_sap",
                      "must be a SAP rating from 1 to 200 with one decimal place");
        else
            out->finishing_band = er_sap_band(in->finishing_sap_tenths);
    }
    if (in->n_measures == 0)
        add_error(out, PROJECT, "measures", "at least one measure is required");
    p->c = er_score_c(s, in->declaration_route);
    p->ogr = er_score_rural(s, in->nation, in->rural, in->off_gas);
    p->flex4 = in->flex_route4 ? s->flex_route4_uplift : er_q_int(0);
}

er_status er_quote_project(const er_scheme *s, const er_quote_input *in,
                           er_quote_result *out)
{
    struct project_terms p = { .s = s };
    struct fps_sums sums = { er_q_int(0), er_q_int(0), er_q_int(0), er_q_int(0) };
    const er_matrix *fps = NULL;
    er_matrix_kind kind = s->id == ER_SCHEME_ECO4 ? ER_MATRIX_ECO4_PPS : ER_MATRIX_GBIS;
    er_error err;

    reset(out, in->n_measures);
    project_fields(s, in, &p, out);
    if (er_scheme_matrix(s, kind, in->completion, &p.matrix, &err) ||
        (s->has_fps &&
         er_scheme_matrix(s, ER_MATRIX_ECO4_FPS, in->completion, &fps, &err))) {
        add_error(out, PROJECT, "completion_date", "%s", err.message);
        return ER_EINVAL;
    }
    if (p.seg == ER_SEGMENT_NONE || p.band == ER_BAND_NONE) {
        check_measure_types(&p, in, out); /* look-ups need both; say what else is wrong */
        return ER_EINVAL;
    }
    ER_TRY(score_measures(&p, in, out, &sums));
    if (out->n_errors)
        return ER_EINVAL;
    out->has_pps_total = true;
    if (s->has_fps && in->finishing_sap_tenths >= 0)
        ER_TRY(full_project_score(&p, in, &sums, fps, out));
    if (out->n_errors)
        return ER_EINVAL;
    out->has_score = true;
    out->score = out->has_fps ? out->full_project_score : out->pps_total;
    return ER_OK;
}
