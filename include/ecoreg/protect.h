/*
 * protect.h: the consumer protections of a CHMM certification scheme
 * (issue 5; seed 000 "Redress", "Frequency of conformity assessment",
 * Annex A; seed 003), pure: the complaints state machine, the installer
 * risk score and the seeded selection of installations for on-site
 * assessment, and the Annex A performance indicators.  The register
 * (certify.h) keeps the records; this is the arithmetic and the rules.
 */
#ifndef ECOREG_PROTECT_H
#define ECOREG_PROTECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- complaints (seed 000 "Redress") --------------------------------- */

/** A complaint's states.  Final: resolved (unless the consumer escalates
 *  to ADR), out_of_scope, adr_decided. */
typedef enum er_complaint_state {
    ER_COMPLAINT_RECEIVED = 0,
    ER_COMPLAINT_ACKNOWLEDGED,
    ER_COMPLAINT_INVESTIGATING,
    ER_COMPLAINT_RESOLVED,     /* with an outcome (er_complaint_outcome) */
    ER_COMPLAINT_ADR,          /* escalated to Alternative Dispute Resolution */
    ER_COMPLAINT_ADR_DECIDED,  /* ADR's outcome recorded */
    ER_COMPLAINT_OUT_OF_SCOPE, /* not within the scheme's scope */
    ER_COMPLAINT_STATE_COUNT
} er_complaint_state;

/** What may happen to a complaint. */
typedef enum er_complaint_step {
    ER_COMPLAINT_ACKNOWLEDGE = 0, /* received -> acknowledged */
    ER_COMPLAINT_INVESTIGATE,     /* acknowledged -> investigating */
    ER_COMPLAINT_RESOLVE,         /* investigating -> resolved, with an outcome */
    ER_COMPLAINT_ESCALATE,        /* investigating or resolved -> adr */
    ER_COMPLAINT_ADR_OUTCOME,     /* adr -> adr_decided, with ADR's outcome */
    ER_COMPLAINT_RULE_OUT,        /* received, acknowledged or investigating
                                     -> out_of_scope */
    ER_COMPLAINT_STEP_COUNT
} er_complaint_step;

/** The outcome categories of Annex A ("Complaint resolution - outcome"). */
typedef enum er_complaint_outcome {
    ER_OUTCOME_NONE = 0,          /* not concluded */
    ER_OUTCOME_OUT_OF_SCOPE,      /* deemed out of scope of the scheme */
    ER_OUTCOME_NO_NON_CONFORMITY, /* closed without further action */
    ER_OUTCOME_PUT_RIGHT_INSTALLER, /* non-conformity put right by the
                                       original installer */
    ER_OUTCOME_PUT_RIGHT_OTHER,   /* by the scheme or another installer */
    ER_OUTCOME_OTHER,             /* non-conformity, other outcome */
    ER_OUTCOME_ADR_COMPLAINANT,   /* ADR found for the complainant */
    ER_OUTCOME_ADR_INSTALLER,     /* ADR found for the installer */
    ER_OUTCOME_COUNT
} er_complaint_outcome;

/** "received", "acknowledged", "investigating", "resolved", "adr",
 *  "adr_decided", "out_of_scope"; "?" otherwise. */
const char *er_complaint_state_name(er_complaint_state s);
/** "acknowledge", "investigate", "resolve", "escalate", "adr_outcome",
 *  "rule_out"; "?" otherwise. */
const char *er_complaint_step_name(er_complaint_step s);
/** "none", "out_of_scope", "no_non_conformity", "put_right_installer",
 *  "put_right_other", "other", "adr_complainant", "adr_installer". */
const char *er_complaint_outcome_name(er_complaint_outcome o);
/** The inverses; ER_EINVAL for a name not listed. */
er_status er_complaint_state_parse(const char *s, er_complaint_state *out);
er_status er_complaint_step_parse(const char *s, er_complaint_step *out);
er_status er_complaint_outcome_parse(const char *s, er_complaint_outcome *out);

/**
 * The state `step` leads to from `from` into *to, by the declared table:
 * resolve takes one of no_non_conformity, put_right_installer,
 * put_right_other, other; adr_outcome one of adr_complainant,
 * adr_installer; every other step ER_OUTCOME_NONE.  ER_EINVAL with `err`
 * naming the step and the state (field "step"), or the outcome (field
 * "outcome"), for anything else: nothing skips a state, nothing leaves a
 * final one, nothing goes back.
 */
er_status er_complaint_next(er_complaint_state from, er_complaint_step step,
                            er_complaint_outcome outcome, er_complaint_state *to, er_error *err);

/* ---- conformity assessment (seed 000 "Frequency of conformity
 *      assessment") ---------------------------------------------------- */

/** What the risk of an installer's non-conformity is judged from: the
 *  factors seed 000 names. */
typedef struct er_risk_input {
    int complaints;          /* about the installer, received in the last 12 months */
    er_date last_assessed;   /* its last on-site assessment; ER_DATE_NONE never */
    bool last_nonconforming; /* that assessment found a non-conformity */
    int nonconformities;     /* non-conforming assessments in the last 3 years */
} er_risk_input;

/** The weights (data/schemes/chmm.json, "risk_*"). */
typedef struct er_risk_weights {
    int base;                 /* every installer */
    int per_complaint;        /* each complaint in the last 12 months */
    int per_year_unassessed;  /* each whole year since the last assessment */
    int never_assessed;       /* instead, when never assessed */
    int last_nonconforming;   /* the last assessment found a non-conformity */
    int per_nonconformity;    /* each in the last 3 years */
} er_risk_weights;

/** The weights of the risk score and the share of installations assessed
 *  on site (data/schemes/chmm.json, each with its source). */
typedef struct er_assessment_rules {
    er_risk_weights weights;
    int sample_permille; /* installations selected per thousand certified */
} er_assessment_rules;

/** An installer's risk score on day `today`, at least 1. */
int er_risk_score(const er_risk_input *in, const er_risk_weights *w, er_date today);

/**
 * Picks k of n installations for on-site assessment (k > n: all),
 * reproducibly from `seed`: each draw takes one of the installations not
 * yet picked with a chance proportional to its weight (its installer's
 * risk score, at least 1), by integer arithmetic alone, so the same seed
 * and weights pick the same installations on any machine.  The first
 * min(k, n) of picked[] are indexes into weight[], in the order drawn.
 * ER_ENOMEM; ER_ELIMIT when n is so large (above 2^33) that the weights'
 * sum could pass 64 bits.
 */
er_status er_risk_select(const int *weight, size_t n, size_t k, uint64_t seed, size_t *picked,
                         er_error *err);

/* ---- Annex A indicators ----------------------------------------------- */

/** An installer as the indicators see it. */
typedef struct er_ind_installer {
    er_date applied;  /* its application */
    er_date approved; /* first approved; ER_DATE_NONE never */
    er_date left;     /* expelled, withdrew or was refused; ER_DATE_NONE */
    /* suspended over [suspended_from, suspended_to): ER_DATE_NONE none;
     * suspended_to ER_DATE_NONE while it lasts */
    er_date suspended_from, suspended_to;
} er_ind_installer;

typedef struct er_ind_installation {
    er_date certified;    /* when the scheme certified it */
    er_date assessed;     /* its on-site assessment; ER_DATE_NONE none */
    bool nonconforming;   /* that assessment found a non-conformity */
} er_ind_installation;

typedef struct er_ind_complaint {
    er_date received;
    er_date resolved; /* the day it reached resolved; ER_DATE_NONE */
    er_complaint_outcome outcome; /* its Annex A category so far */
} er_ind_complaint;

/** A count over a denominator: the percentage is 100 * count / of. */
typedef struct er_ind_share {
    long count, of;
} er_ind_share;

typedef struct er_indicators {
    er_date from, to;             /* the period, both days included */
    long installations;           /* certified in the period */
    long installers;              /* able to certify on `to` */
    long onboarded;               /* approved in the period */
    long onboarding_days;         /* their days from application, summed */
    er_ind_share complaint_rate;  /* complaints received in the period
                                     over installations certified in it */
    er_ind_share nonconformity;   /* assessments in the period finding a
                                     non-conformity, over all of them */
    er_ind_share assessed;        /* installations certified in the period
                                     with an on-site assessment by `to` */
    er_ind_share within_1_month;  /* complaints received in the period
                                     resolved within 1 month, over those
                                     in scope */
    er_ind_share within_3_months;
    er_ind_share outcome[ER_OUTCOME_COUNT]; /* complaints received in the
                                     period by category (NONE: open) over
                                     all of them */
} er_indicators;

/** Computes the Annex A indicators for [from, to] from the records given. */
void er_indicators_compute(const er_ind_installer *installers, size_t n_installers,
                           const er_ind_installation *installations, size_t n_installations,
                           const er_ind_complaint *complaints, size_t n_complaints, er_date from,
                           er_date to, er_indicators *out);

#ifdef __cplusplus
}
#endif
#endif
