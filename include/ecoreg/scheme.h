/*
 * scheme.h: the parameters of a scheme (ECO4, GBIS) as plain data.
 *
 * Every number here comes from data/schemes/<scheme>.json, where each one
 * carries the article or paragraph it comes from; src/io/scheme_json.c
 * loads it.  The rules in src/core read these values and never hard-code
 * them, so a named alternative set (seed 002's consultation values, say)
 * scores the same code differently.
 */
#ifndef ECOREG_SCHEME_H
#define ECOREG_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecoreg/date.h"
#include "ecoreg/matrix.h"
#include "ecoreg/q.h"
#include "ecoreg/sap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum er_scheme_id { ER_SCHEME_ECO4 = 0, ER_SCHEME_GBIS, ER_SCHEME_COUNT } er_scheme_id;

/** The nations of Great Britain, where the schemes apply. */
typedef enum er_nation { ER_NATION_ENGLAND = 0, ER_NATION_SCOTLAND, ER_NATION_WALES } er_nation;

/** How a percentage of property treated below the full threshold counts. */
typedef enum er_popt_rule {
    ER_POPT_OVER_ATF = 0, /* factor = min(1, POPT / ATF) */
    ER_POPT_PLAIN         /* factor = POPT */
} er_popt_rule;

/** Most matrix versions one scheme can hold. */
#define ER_SCHEME_MATRICES_MAX 8

/** The parameters of one scheme under one named parameter set. */
typedef struct er_scheme {
    er_scheme_id id;
    char parameter_set[48];             /* "enacted", "seed002_consultation" */
    er_q floor_area_factor[ER_SEGMENT_COUNT]; /* F per segment */
    er_q declaration_c;                 /* C for the art. 21 route */
    er_q rural_uplift;                  /* OGR (ECO4) / rural uplift (GBIS) */
    bool rural_uplift_needs_off_gas;    /* ECO4: off-gas and rural */
    bool rural_uplift_nation[3];        /* by er_nation */
    er_q pps_deflator;                  /* D; 1 where the scheme has none */
    er_q innovation_standard;           /* 25% */
    er_q innovation_substantial;        /* 45% (GBIS: 25%) */
    er_q flex_route4_uplift;            /* GBIS: 10% */
    int popt_full_percent;              /* "67+" and above count in full */
    er_popt_rule popt_rule;
    bool has_fps;                       /* ECO4 only */
    er_band fps_finish_cap;             /* finishing Low_A/High_A score as */
    int min_finish_tenths[7];           /* minimum requirement by starting
                                           letter A..G: finishing SAP (tenths)
                                           at least this; -1 none */
    er_date completion_from, completion_to;
    er_date final_notification;         /* nothing notified after; NONE: open */
    int late_extension_months;          /* automatic late extension (art. 44) */
    int late_extension_percent;         /* ... for at most this % a month */
    int epc_max_age_months;             /* ECO4: pre-installation EPC age; 0 none */
    /* GBIS0705, backdated installations: a measure completed from
     * backdated_from to backdated_to is notified by backdated_notify_by.
     * Ofgem's configuration, not published: ER_DATE_NONE unless the scheme
     * file gives all three, and then GBIS0705 passes every row. */
    er_date backdated_from, backdated_to, backdated_notify_by;
    /* Obligation accounting (issue 4; docs/ledger.md).  Shares are parts
     * per million (12.5% is 125000); 0 where the scheme has no such cap. */
    struct er_scheme_obligation {
        int64_t partial_projects_ppm;       /* ECO4 art. 10(3): of the obligation */
        int64_t flexible_routes_ppm;        /* ECO4 art. 10(3): of the obligation */
        int64_t building_fabric_repair_ppm; /* ECO4 art. 46: of the obligation */
        int64_t innovation_ppm;             /* of the obligation: ECO4 art. 60 (per
                                               description); GBIS art. 31: the file's
                                               share of the low-income minimum */
        bool innovation_per_description;    /* ECO4 */
        int64_t data_light_per_description; /* awards, scheme-wide (Table iv); 0 none */
        int64_t low_income_minimum_ppm;     /* GBIS: of each target (seed 004 ch. 1) */
        int64_t flex_of_low_income_ppm;     /* GBIS: most of the low-income minimum
                                               LA and supplier flex may meet (ch. 2) */
        int64_t carry_under_ppm;            /* GBIS: of the year 1 target */
        er_date target_year_start[3];       /* GBIS target years; ER_DATE_NONE (ECO4) */
        int trading_window_months;          /* GBIS: trades within this of a year's
                                               start; 0 none */
        er_date trading_closes;             /* ECO4: no trade after; ER_DATE_NONE */
        er_date transfer_before;            /* transfers only before; ER_DATE_NONE */
    } obligation;
    size_t n_matrices;
    er_matrix *matrices[ER_SCHEME_MATRICES_MAX]; /* owned */
    size_t n_proxies;
    struct er_proxy {
        char rare[ER_MATRIX_NAME_MAX];
        char proxy[ER_MATRIX_NAME_MAX];
    } *proxies;                         /* owned; rare pre heat source -> proxy */
} er_scheme;

/** Frees what `s` owns (matrices, proxies) and zeroes it; accepts NULL. */
void er_scheme_clear(er_scheme *s);

/**
 * Adds `m` to the scheme, which takes ownership of it even on failure.
 * ER_ELIMIT when the scheme already holds ER_SCHEME_MATRICES_MAX.
 */
er_status er_scheme_add_matrix(er_scheme *s, er_matrix *m);

/**
 * The matrix of `kind` valid on `completion`, or, when `completion` is
 * ER_DATE_NONE, the one valid latest.  Borrowed from `s`.  ER_ENOTFOUND
 * (with a sentence in `err`) when none is.
 */
er_status er_scheme_matrix(const er_scheme *s, er_matrix_kind kind,
                           er_date completion, const er_matrix **out,
                           er_error *err);

/**
 * The pre heat source to look a measure up with: the proxy for a rare
 * source (seed 002, 5.6-5.10), else `name` itself.  Borrowed.
 */
const char *er_scheme_proxy(const er_scheme *s, const char *name);

/** "ECO4" / "GBIS". */
const char *er_scheme_name(er_scheme_id id);
/** Parses "eco4"/"ECO4"/"gbis"/"GBIS"; ER_EINVAL otherwise. */
er_status er_scheme_parse(const char *s, er_scheme_id *out);
/** "England" / "Scotland" / "Wales". */
const char *er_nation_name(er_nation n);
/** Parses a nation's name (exact case); ER_EINVAL otherwise. */
er_status er_nation_parse(const char *s, er_nation *out);
/** The nation of a postcode's area (Royal Mail postcode areas, as the ONS
 *  Postcode Directory assigns them) into *out, England when not Scotland or
 *  Wales; false when the area crosses a border or the postcode has none
 *  (*out is then a guess, not to be relied on). */
bool er_nation_of_postcode(const char *postcode, er_nation *out);

#ifdef __cplusplus
}
#endif
#endif
