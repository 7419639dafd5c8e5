/*
 * certify.h: the register of a CHMM certification scheme (issue 5; seeds
 * 000 and 003): its installers, the heat pump installations it certifies,
 * and the complaints it handles.  Like every operation of the register
 * (register.h) each is one store transaction whose changes are events of
 * the journal, with actor, time and reason.  The journal is the only
 * record: an installer, an installation or a complaint is a subject of it
 * ("installer", "installation", "complaint"), its state its last event's,
 * its content its events' payloads; the reads below replay them.
 *
 * Every step carries the day it happened (`on`, the caller's: an
 * application may be entered after the day it was made), which the Annex
 * A indicators count by; a step is never dated before the one it follows.
 */
#ifndef ECOREG_CERTIFY_H
#define ECOREG_CERTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecoreg/chmm.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/protect.h"
#include "ecoreg/register.h"
#include "ecoreg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- installers (seed 000 "Information", "Good Conduct") ------------- */

/** Longest installer ID (its membership number) with its NUL. */
#define ER_INSTALLER_ID_MAX ER_EVENT_TEXT_MAX
#define ER_POSTCODE_MAX 16

typedef enum er_installer_state {
    ER_INSTALLER_APPLIED = 0,
    ER_INSTALLER_APPROVED,  /* a member: may certify installations */
    ER_INSTALLER_SUSPENDED, /* may not certify until reinstated */
    ER_INSTALLER_EXPELLED,  /* final; shared with other schemes */
    ER_INSTALLER_REFUSED,   /* an unsuccessful application; final */
    ER_INSTALLER_STATE_COUNT
} er_installer_state;

typedef enum er_installer_step {
    ER_INSTALLER_APPROVE = 0, /* applied -> approved */
    ER_INSTALLER_REFUSE,      /* applied -> refused */
    ER_INSTALLER_SUSPEND,     /* approved -> suspended */
    ER_INSTALLER_REINSTATE,   /* suspended -> approved */
    ER_INSTALLER_EXPEL,       /* approved or suspended -> expelled */
    ER_INSTALLER_STEP_COUNT
} er_installer_step;

/** "applied", "approved", "suspended", "expelled", "refused". */
const char *er_installer_state_name(er_installer_state s);
/** "approve", "refuse", "suspend", "reinstate", "expel". */
const char *er_installer_step_name(er_installer_step s);
/** ER_EINVAL for a name not listed. */
er_status er_installer_step_parse(const char *s, er_installer_step *out);

/** An installer as the register holds it. */
typedef struct er_installer {
    char id[ER_INSTALLER_ID_MAX];
    char name[ER_NAME_MAX];
    char postcode[ER_POSTCODE_MAX]; /* its business's, as "LS1 4AB" */
    unsigned technologies;          /* bit 1 << er_chmm_technology it installs */
    /* read only: */
    er_installer_state state;
    er_date applied, approved;            /* approved: the first approval, or ER_DATE_NONE */
    er_date left;                         /* expelled or refused; ER_DATE_NONE */
    er_date suspended_from, suspended_to; /* the last suspension; _to
                                             ER_DATE_NONE while it lasts */
    er_date last_step;                    /* the day of its last step */
    char reason[ER_EVENT_REASON_MAX];     /* its last step's */
} er_installer;

/**
 * Records installer `in`'s application, made on day `on`, in one
 * transaction: ("installer", id) "applied".  The ID is 1 to 63 letters,
 * digits, '-', '_', '/' or '.'; the name printable and not empty; the
 * postcode a UK postcode (kept as er_gbis_postcode_key() writes it); at
 * least one technology.  ER_EINVAL naming the field; ER_EDUPLICATE when
 * the ID is held.
 */
er_status er_register_installer_apply(er_store *s, const er_act *act, const er_installer *in,
                                      er_date on, er_error *err);
/**
 * Takes lifecycle step `step` on installer `id`, on day `on`, with a
 * reason (required), in one transaction.  Only the transitions listed with
 * er_installer_step are possible: any other is ER_EINVAL (field "step")
 * naming the state; a day before the installer's last step is ER_EINVAL
 * (field "on").  ER_ENOTFOUND when no such installer.
 */
er_status er_register_installer_step(er_store *s, const er_act *act, const char *id,
                                     er_installer_step step, er_date on, const char *reason,
                                     er_error *err);
/** Reads installer `id` into *out; ER_ENOTFOUND (field "id") when none. */
er_status er_register_installer_get(er_store *s, const char *id, er_installer *out, er_error *err);
/** Calls `cb` for each installer, in the order they applied; the record
 *  is valid during the callback; a non-zero return stops. */
er_status er_register_installer_each(er_store *s, int (*cb)(void *ctx, const er_installer *in),
                                     void *ctx);

/** What the public installer finder asks: each part "" (or -1) for any. */
typedef struct er_installer_query {
    const char *name;     /* a part of the name, ASCII case ignored */
    const char *postcode; /* a postcode or its start: matched by its area
                             (the letters it opens with: "LS" of "LS1 4AB") */
    int technology;       /* an er_chmm_technology, or -1 */
} er_installer_query;

/** True when `in` is a current member (approved: not applied, suspended,
 *  expelled or refused) matching `q` (seed 000 "Information": a finder
 *  of registered installers, up to date). */
bool er_installer_matches(const er_installer *in, const er_installer_query *q);

/* ---- installations (seed 000 Table 1, "Provision of information") --- */

typedef enum er_certify_status {
    ER_CERTIFY_CERTIFIED = 0, /* new: certified */
    ER_CERTIFY_EXISTS,        /* held with the same content: nothing written */
    ER_CERTIFY_CORRECTED,     /* held with other content, replaced (a correction) */
} er_certify_status;

/** "certified", "exists", "corrected". */
const char *er_certify_status_name(er_certify_status st);

/** An installation as the register holds it: its record, its state
 *  ("certified" or "withdrawn") and the days of each. */
typedef struct er_certificate {
    er_chmm_installation in; /* in.row: its place in certification order */
    char state[ER_STATE_MAX];
    er_date certified;                /* the day first certified */
    er_date changed;                  /* the day of its last event */
    int64_t last_event;               /* that event's id (the administrator feed's mark) */
    char last_change[16];             /* its kind: certified, corrected, withdrawn */
    char installer_name[ER_NAME_MAX]; /* "" when the installer is unknown */
} er_certificate;

/**
 * Certifies installations rows[0..n), on day `on`, in one transaction:
 * each ("installation", installation_id) "certified" with its record as
 * payload.  Every row's installer must be a current member (approved) on
 * that day.  A certificate number held already with the same record is
 * `exists` (nothing written: importing a file again is harmless); with
 * another record, `corrected` when `correct`, else refused.  A
 * certificate number given twice in the file is refused at its second
 * row.  Refusals are all listed (refusals[0..*n_refusals), owned by the
 * caller, freed with er_free; each names the row and the field) and then
 * nothing at all is written: ER_EINVAL.  status[0..n) is the caller's.
 */
er_status er_register_chmm_certify(er_store *s, const er_act *act, const er_chmm_installation *rows,
                                   size_t n, er_date on, bool correct, er_certify_status *status,
                                   er_error **refusals, size_t *n_refusals, er_error *err);
/** Withdraws certificate `id` (issued in error, or the installation
 *  removed) on day `on` with a reason: it earns no credit from then.
 *  ER_EINVAL when already withdrawn; ER_ENOTFOUND when none. */
er_status er_register_chmm_withdraw(er_store *s, const er_act *act, const char *id, er_date on,
                                    const char *reason, er_error *err);
/** Reads certificate `id` into *out (anyone may check one);
 *  ER_ENOTFOUND (field "id") when the register holds none. */
er_status er_register_chmm_certificate(er_store *s, const char *id, er_certificate *out,
                                       er_error *err);
/** Calls `cb` for each installation, in certification order; valid
 *  during the callback; a non-zero return stops. */
er_status er_register_chmm_each(er_store *s, int (*cb)(void *ctx, const er_certificate *c),
                                void *ctx);
/** The installations the register holds certified (not withdrawn), as the
 *  rows of *out for er_chmm_credits(): the caller frees them with
 *  er_chmm_file_free().  ER_ENOMEM, *out empty. */
er_status er_register_chmm_certified(er_store *s, er_chmm_file *out);

/* ---- the administrator feed (seed 000 "Provision of information") ---- */

/** One export: the installations certified, corrected or withdrawn since
 *  the export before (journal events (from_event, through_event]), as
 *  CSV and JSON, and the manifest that reconciles them. */
typedef struct er_feed {
    int number; /* 1, 2, ... */
    int64_t from_event, through_event;
    size_t installations, certified, corrected, withdrawn; /* by last change */
    char name[32];                                         /* "chmm-feed-0001": the files' stem */
    char *csv, *json, *manifest;                           /* owned: er_feed_free() */
    size_t csv_len, json_len, manifest_len;
} er_feed;

/**
 * Makes the next export, in one transaction: everything about
 * installations the journal gained since the last export, each with its
 * record and state as they then stood, and records it as the event
 * ("feed", name) "exported" whose payload is the manifest (export number,
 * event range, counts, and each file's bytes and SHA-256).  ER_ENOTFOUND
 * (nothing written) when nothing changed since the last export: running it
 * again is harmless.  Free *out with er_feed_free().
 */
er_status er_register_feed_next(er_store *s, const er_act *act, er_feed *out, er_error *err);
/**
 * Makes export `number` again from the journal: the same bytes as when it
 * was first made (ER_EINVAL if not, which would mean the journal changed).
 * ER_ENOTFOUND when there is no such export.
 */
er_status er_register_feed_again(er_store *s, int number, er_feed *out, er_error *err);
void er_feed_free(er_feed *f);

/* ---- complaints (seed 000 "Redress") ---------------------------------- */

#define ER_COMPLAINT_ID_MAX 32

/** A complaint as the register holds it. */
typedef struct er_complaint {
    char id[ER_COMPLAINT_ID_MAX];           /* read only: "CMP-1" */
    char installer_id[ER_INSTALLER_ID_MAX]; /* about this member */
    char installation_id[ER_CHMM_TEXT_MAX]; /* "" when about no one installation */
    char summary[ER_EVENT_REASON_MAX];      /* in the consumer's words */
    char contact[ER_NAME_MAX];              /* how to reach the consumer: an email
                                               address or a phone number as they
                                               gave it; "" when none */
    bool no_heating, vulnerable;            /* seed 000: act promptly */
    /* read only: */
    er_complaint_state state;
    er_complaint_outcome outcome; /* its Annex A category so far */
    er_date received, acknowledged, resolved, escalated, closed;
    er_date last_step;                 /* the day of its last step */
    er_date due_1_month, due_3_months; /* the targets: received + 1, 3 months */
} er_complaint;

/** Priority: the consumer is without heating or vulnerable (seed 000:
 *  "particularly in cases where the consumer is left without heating or
 *  where the consumer has particular vulnerabilities"). */
bool er_complaint_priority(const er_complaint *c);

/**
 * Records complaint `c`, received on day `on`, as "received" and writes
 * its new ID into id[ER_COMPLAINT_ID_MAX].  The installer must be one the
 * register holds (a member now or once: ADR binds a former member too);
 * the installation, when named, one it certified; the contact, when
 * given, printable without control characters (ER_EINVAL, field
 * "contact").  Investigation is free to the consumer up to ADR: the
 * register takes no fee.  ER_EINVAL naming the field; ER_ENOTFOUND for an
 * unknown installer or installation.
 */
er_status er_register_complaint_receive(er_store *s, const er_act *act, const er_complaint *c,
                                        er_date on, char id[ER_COMPLAINT_ID_MAX], er_error *err);
/**
 * Takes `step` (with `outcome` for resolve and adr_outcome, else
 * ER_OUTCOME_NONE) on complaint `id` on day `on`, with a reason, by
 * er_complaint_next(): an illegal step is ER_EINVAL and nothing is written.
 */
er_status er_register_complaint_step(er_store *s, const er_act *act, const char *id,
                                     er_complaint_step step, er_complaint_outcome outcome,
                                     er_date on, const char *reason, er_error *err);
/** Reads complaint `id`; ER_ENOTFOUND (field "id") when none. */
er_status er_register_complaint_get(er_store *s, const char *id, er_complaint *out, er_error *err);
/** Calls `cb` for each complaint in the order received. */
er_status er_register_complaint_each(er_store *s, int (*cb)(void *ctx, const er_complaint *c),
                                     void *ctx);

/* ---- conformity assessments (seed 000 "Conformity assessment",
 *      "Frequency of conformity assessment"; seed 003) ------------------ */

/** An on-site assessment's states.  The remedy path after a finding is
 *  seed 003's: a written report to the installer, the installer's
 *  response, the remedial works checked; a third party where the installer
 *  cannot or will not, or the warranty has lapsed. */
typedef enum er_assessment_state {
    ER_ASSESSMENT_SELECTED = 0,  /* chosen for an on-site assessment */
    ER_ASSESSMENT_CONFORMING,    /* assessed: no non-conformity; final */
    ER_ASSESSMENT_NONCONFORMING, /* assessed: a non-conformity found */
    ER_ASSESSMENT_REPORTED,      /* the written report sent to the installer */
    ER_ASSESSMENT_RESPONDED,     /* the installer responded */
    ER_ASSESSMENT_THIRD_PARTY,   /* put right by a third party */
    ER_ASSESSMENT_REMEDIED,      /* the remedial works checked; final */
    ER_ASSESSMENT_STATE_COUNT
} er_assessment_state;

typedef enum er_assessment_step {
    ER_ASSESSMENT_PASS = 0,  /* selected -> conforming */
    ER_ASSESSMENT_FAIL,      /* selected -> nonconforming (with findings) */
    ER_ASSESSMENT_REPORT,    /* nonconforming -> reported */
    ER_ASSESSMENT_RESPOND,   /* reported -> responded */
    ER_ASSESSMENT_HAND_OVER, /* reported or responded -> third_party */
    ER_ASSESSMENT_VERIFY,    /* responded or third_party -> remedied */
    ER_ASSESSMENT_STEP_COUNT
} er_assessment_step;

/** "selected", "conforming", "nonconforming", "reported", "responded",
 *  "third_party", "remedied"; "?" otherwise. */
const char *er_assessment_state_name(er_assessment_state s);
/** "pass", "fail", "report", "respond", "hand_over", "verify". */
const char *er_assessment_step_name(er_assessment_step s);
er_status er_assessment_step_parse(const char *s, er_assessment_step *out);

/** What seed 003 asks to establish after a finding (each "" or
 *  ER_DATE_NONE until known). */
typedef struct er_remedy_facts {
    char designer[ER_NAME_MAX];     /* who designed the system */
    char installed_by[ER_NAME_MAX]; /* who installed it */
    er_date warranty_until;         /* the warranty's last day */
    bool manufacturer_involved;     /* the manufacturer's technical team asked */
    char third_party[ER_NAME_MAX];  /* who put it right, when not the installer */
} er_remedy_facts;

/** An assessment: of one installation (its certificate number is its ID). */
typedef struct er_assessment {
    char installation_id[ER_CHMM_TEXT_MAX];
    char installer_id[ER_INSTALLER_ID_MAX];
    er_assessment_state state;
    int risk;                                       /* the installer's risk score when selected */
    uint64_t seed;                                  /* the selection's seed */
    er_date selected, assessed, reported, remedied; /* ER_DATE_NONE until then */
    char findings[ER_EVENT_REASON_MAX];             /* the non-conformity found */
    er_remedy_facts facts;
    bool new_build;         /* from the installation's record */
    bool warranty_in_force; /* on the day of the last step */
    er_date last_step;
} er_assessment;

/**
 * Selects installations certified (and not withdrawn) with a certified
 * day in [from, to], not yet selected, for on-site assessment on day
 * `on`: ceil(sample_permille x their number / 1000) of them, by
 * er_risk_select() weighted by each installer's er_risk_score() on `on`
 * (its complaints received in the 12 months before, its last assessment
 * and whether that found a non-conformity, its non-conforming assessments
 * in the 3 years before), reproducibly from `seed`: the same register and
 * seed select the same installations.  Each selected one is an
 * ("assessment", installation_id) "selected" event with its risk and the
 * seed, all in one transaction; *n_selected counts them.
 */
er_status er_register_assessment_select(er_store *s, const er_act *act,
                                        const er_assessment_rules *rules, er_date from, er_date to,
                                        uint64_t seed, er_date on, size_t *n_selected,
                                        er_error *err);
/**
 * Takes `step` on the assessment of `installation_id` on day `on` with a
 * reason; `fail` takes the findings (in `reason`).  `facts` (may be NULL)
 * records what seed 003 asks to establish, merged into what is known
 * (a field left "" or ER_DATE_NONE keeps its value); `hand_over` needs
 * a third party named, in facts->third_party or by an earlier step
 * (ER_EINVAL, field "third_party").  Only the transitions listed with
 * er_assessment_step; any other is ER_EINVAL (field "step"); a day before
 * the last step's is ER_EINVAL (field "on"); nothing is written then.
 * ER_ENOTFOUND (field "installation_id") when it was never selected.
 */
er_status er_register_assessment_step(er_store *s, const er_act *act, const char *installation_id,
                                      er_assessment_step step, const er_remedy_facts *facts,
                                      er_date on, const char *reason, er_error *err);
/** Reads the assessment of `installation_id` into *out, its installer and
 *  new_build from the installation's record; ER_ENOTFOUND (field
 *  "installation_id") when it was never selected. */
er_status er_register_assessment_get(er_store *s, const char *installation_id, er_assessment *out,
                                     er_error *err);
/** Calls `cb` for each assessment, in the order selected. */
er_status er_register_assessment_each(er_store *s, int (*cb)(void *ctx, const er_assessment *a),
                                      void *ctx);

/** Corrective action on an installer after a non-conformity (seed 000:
 *  "additional training for members, or disciplinary action or
 *  sanctions"; issue 5). */
typedef enum er_corrective_action {
    ER_ACTION_TRAINING = 0,
    ER_ACTION_MORE_FREQUENT, /* more frequent assessment */
    ER_ACTION_SUSPENSION,    /* suspends the installer (its lifecycle) */
    ER_ACTION_EXPULSION,     /* expels it */
    ER_ACTION_COUNT
} er_corrective_action;

/** "training", "more_frequent", "suspension", "expulsion". */
const char *er_corrective_action_name(er_corrective_action a);
er_status er_corrective_action_parse(const char *s, er_corrective_action *out);

/**
 * Records corrective action `a` on installer `installer_id` on day `on`,
 * with a reason, in one transaction: an ("installer", ID)
 * "corrective_action" event; a suspension or expulsion also takes that
 * step of the installer's lifecycle (ER_EINVAL when it cannot, and
 * nothing is written).  Training and more frequent assessment are for a
 * member (approved or suspended): ER_EINVAL (field "action") otherwise.
 * ER_ENOTFOUND (field "id") when no such installer.
 */
er_status er_register_corrective_action(er_store *s, const er_act *act, const char *installer_id,
                                        er_corrective_action a, er_date on, const char *reason,
                                        er_error *err);

/* ---- Annex A indicators (seed 000) ----------------------------------- */

/**
 * The Annex A indicators for [from, to] (er_indicators_compute()) over the
 * register: its installers' lifecycle days (the last suspension alone is
 * kept), its installations certified and not withdrawn, their on-site
 * assessments, its complaints.  Reads one snapshot.  ER_EINVAL (field
 * "from") when the period is not in order.
 */
er_status er_register_indicators(er_store *s, er_date from, er_date to, er_indicators *out,
                                 er_error *err);

/* ---- as JSON (certify_json.c) ----------------------------------------- */

/** Writes installer `in` as a JSON object: ID, name, postcode and
 *  technologies, as the public finder shows them; with `full` also its
 *  state, the days of its lifecycle and its last step's reason. */
void er_installer_json(er_jsonw *w, const er_installer *in, bool full);
/** Writes certificate `c`: what anyone checking it sees (the postcode's
 *  outward code, not the home's), or with `full` the whole record. */
void er_certificate_json(er_jsonw *w, const er_certificate *c, bool full);
/** Writes complaint `c` with its state, outcome, priority, days and
 *  target days, and the consumer's contact (null when none). */
void er_complaint_json(er_jsonw *w, const er_complaint *c);
/** Writes assessment `a` (assessment.c): its installation and installer,
 *  state, risk and seed (a string: a u64 is beyond JSON's exact
 *  integers), days, findings and what seed 003 asks to establish. */
void er_assessment_json(er_jsonw *w, const er_assessment *a);

#ifdef __cplusplus
}
#endif
#endif
