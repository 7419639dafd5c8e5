/*
 * obligation.h: what each supplier owes and what counts towards it, read
 * from the register's ledger (issue 4; docs/ledger.md).
 *
 * The register writes a ledger row (store.h, er_ledger_row) with each
 * event that changes what counts: a GBIS measure approved or revoked, an
 * ECO4 project decided or decided again, an obligation set, a trade or a
 * transfer approved.  Nothing else is stored: er_obligation_progress()
 * replays the rows through er_ledger_run() with the scheme's caps and sums
 * the postings into each supplier's position.
 */
#ifndef ECOREG_OBLIGATION_H
#define ECOREG_OBLIGATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ecoreg/error.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/ledger.h"
#include "ecoreg/register.h"
#include "ecoreg/scheme.h"
#include "ecoreg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an award is: the caps it comes under and the sums it counts in. */
enum er_obligation_tag {
    /* ECO4: a partial project score (art. 10(3): 12.5% cap) */
    ER_TAG_PARTIAL = 1u << 0,
    /* ECO4: a flexible eligibility or declaration route, arts. 17-21
     * (art. 10(3): 50% cap); GBIS: LA or supplier flex (seed 004 ch. 2) */
    ER_TAG_FLEX = 1u << 1,
    /* the innovation uplift of an award, kept as its own entry (ECO4 art.
     * 60, GBIS art. 31: only the uplift stops counting); key: the
     * innovation measure number under ECO4 */
    ER_TAG_INNOVATION = 1u << 2,
    /* a data-light measure (seed 004 Annex A Table iv); key: its type */
    ER_TAG_DATA_LIGHT = 1u << 3,
    /* GBIS: a measure of the low-income group (seed 004 ch. 1) */
    ER_TAG_LOW_INCOME = 1u << 4,
    /* ECO4: at premises starting in band E, F or G, not in-fill (seed 001,
     * "total EFG minimum requirement") */
    ER_TAG_EFG = 1u << 5,
    /* ECO4: a solid wall action (seed 001, "total solid wall minimum
     * requirement": a count of premises) */
    ER_TAG_SOLID_WALL = 1u << 6,
    /* ECO4: a building fabric repair measure's PPS, or its increase of an
     * FPS kept as its own entry (art. 46: 0.5% cap) */
    ER_TAG_BFR = 1u << 7,
};

/** Ledger row ops (er_ledger_row.op) beyond er_ledger_op's: requirements
 *  kept beside the obligation, never given to the ledger. */
#define ER_OP_SOLID_WALL_MINIMUM "solid_wall_minimum" /* a count of premises */
#define ER_OP_EFG_MINIMUM "efg_minimum"               /* pence a year */

/** "award", "supersede", "revoke", "transfer", "obligation", "trade". */
const char *er_ledger_op_name(er_ledger_op op);
/** Parses an op's name; ER_EINVAL for another (a requirement's among them). */
er_status er_ledger_op_parse(const char *s, er_ledger_op *out);

/** The caps of a scheme, and the tag that puts an award under each. */
typedef struct er_obligation_caps {
    size_t n;
    er_ledger_cap cap[ER_LEDGER_CAPS_MAX];
    uint32_t tag[ER_LEDGER_CAPS_MAX];
} er_obligation_caps;

/** The caps `s` gives (scheme.h, er_scheme.obligation): a share of 0 or a
 *  count of 0 is no cap. */
void er_obligation_caps_of(const er_scheme *s, er_obligation_caps *out);

/** A stored row as a ledger entry under `caps`.  ER_EINVAL for a row whose
 *  op is a requirement or unknown. */
er_status er_obligation_entry(const er_ledger_row *r, const er_obligation_caps *caps,
                              er_ledger_entry *out);

/** The GBIS target year (1 to 3) of a day: the last year started on or
 *  before it, year 1 before the first; 0 when the scheme has no years. */
int er_obligation_year(const er_scheme *s, er_date day);

/** Most months a progress report charts. */
#define ER_PROGRESS_MONTHS_MAX 120

/** One supplier's position, every amount a sum of its ledger postings. */
typedef struct er_progress {
    char supplier[ER_SUPPLIER_CODE_MAX];
    int64_t obligation; /* after trades */
    int64_t delivered;  /* what counts */
    int64_t cut;        /* what caps cut */
    int64_t shortfall;  /* obligation - delivered, at least 0 */
    int64_t full;       /* ECO4: of delivered, full project scores */
    int64_t partial;    /* ECO4: partial project scores */
    int64_t flex;       /* flexible routes (ECO4) / LA and supplier flex (GBIS) */
    int64_t innovation; /* innovation uplifts */
    int64_t cap_used[ER_LEDGER_CAPS_MAX];
    int64_t cap_cut[ER_LEDGER_CAPS_MAX];
    /* ECO4 (seed 001): the requirements and what meets them */
    int64_t solid_wall_minimum, solid_wall_premises;
    int64_t efg_minimum, efg_delivered;
    /* GBIS (seed 004 ch. 1): 20% of each target to the low-income group,
     * of which flex meets at most 80%; the three years settled */
    int64_t low_income_minimum, low_income_delivered, low_income_flex, low_income_counted;
    int64_t target[ER_GBIS_YEARS];
    er_gbis_year years[ER_GBIS_YEARS];
} er_progress;

/** Every supplier's progress under one scheme, on one day. */
typedef struct er_progress_report {
    er_scheme_id scheme;
    size_t n;
    er_progress *suppliers; /* by code */
    er_obligation_caps caps;
    /* delivery over time: what counted, all suppliers, at the end of each
     * month from `first_month` (year * 12 + month - 1) */
    int first_month;
    size_t n_months;
    int64_t delivered_by_month[ER_PROGRESS_MONTHS_MAX];
    size_t entries, refused; /* ledger rows read; refused by the ledger */
} er_progress_report;

/**
 * Reads the ledger of scheme `s` from the store, up to and including
 * events at or before `until` (ER_DATE_NONE: all), and sums it into *out
 * (free with er_progress_report_free).  ER_EINVAL when a stored row cannot
 * be read as an entry; ER_ENOMEM.
 */
er_status er_obligation_progress(er_store *st, const er_scheme *s, er_date until,
                                 er_progress_report *out, er_error *err);
void er_progress_report_free(er_progress_report *r);

/** What a report is for. */
typedef enum er_report_kind {
    ER_REPORT_PROGRESS = 0, /* `ecoreg report progress`: where each supplier stands */
    ER_REPORT_MONTHLY,      /* to the Secretary of State, each month (ECO4 Order
                               art. 82 (confirm)): to the end of a month */
    ER_REPORT_FINAL,        /* the final determination: met or short */
} er_report_kind;

typedef enum er_report_format {
    ER_FORMAT_JSON = 0,
    ER_FORMAT_CSV,
    ER_FORMAT_HTML
} er_report_format;

/** Parses "json", "csv", "html"; ER_EINVAL otherwise. */
er_status er_report_format_parse(const char *s, er_report_format *out);

/**
 * Writes report `r` as `kind` in `format` to `out`: per supplier the
 * obligation, what counts, by route (full and partial projects, flex,
 * innovation uplifts), each cap's use and cut, the shortfall and the
 * scheme's minimums (ECO4 solid wall and EFG; GBIS low-income and the
 * three years); HTML with an SVG chart of delivery over time.  `title`
 * heads it (the day, the month).  Amounts in pounds to the penny.
 */
er_status er_report_write(FILE *out, const er_progress_report *r, er_report_kind kind,
                          er_report_format format, const char *title);

/** Month "YYYY-MM" of a monthly report: its last day into *out and the
 *  month as written back into month[16]; false for anything else. */
bool er_report_month_parse(const char *s, er_date *out, char month[16]);
/** A report's heading into out[size]: "GBIS progress to 2024-06-30",
 *  "ECO4 monthly report to the Secretary of State, 2024-06", "GBIS final
 *  determination" (`until` ER_DATE_NONE: no day). */
void er_report_title(char *out, size_t size, er_scheme_id id, er_report_kind kind,
                     const char *month, er_date until);

/* ---- setting obligations (the register) ---------------------------- */

/** What the administrator sets for a supplier. */
typedef enum er_requirement {
    ER_REQ_OBLIGATION = 0,     /* ECO4: the total home-heating cost reduction
                                   obligation; GBIS: a year's target (pence) */
    ER_REQ_SOLID_WALL_MINIMUM, /* ECO4: premises (seed 001) */
    ER_REQ_EFG_MINIMUM,        /* ECO4: pence (seed 001) */
} er_requirement;

/** "obligation", "solid_wall_minimum", "efg_minimum". */
const char *er_requirement_name(er_requirement r);

/**
 * Sets requirement `what` of `supplier` under `scheme` to `amount` (pence,
 * or premises), for GBIS target year `year` (1 to 3; 0 under ECO4), with
 * `reason`, in one transaction: an event ("obligation",
 * "SCHEME/SUPPLIER/WHAT/YEAR"), kind "set", whose ledger row is the change
 * from what was set before (so the obligation stays a sum of entries).
 * Setting what is already set writes nothing.  ER_EINVAL (field named)
 * for a negative amount, a year or requirement the scheme has not, no
 * reason; ER_ENOTFOUND (field "supplier") for an unknown supplier.
 */
er_status er_register_obligation_set(er_store *s, const er_act *act, er_scheme_id scheme,
                                     const char *supplier, er_requirement what, int year,
                                     int64_t amount, const char *reason, er_error *err);

/* ---- trades and transfers ------------------------------------------ */

/** What a request moves between two suppliers (seed 004 ch. 5 "Trading
 *  and Transfers"; ECO4 Order art. 81). */
typedef enum er_move_kind {
    ER_MOVE_TRADE = 0, /* part of an obligation (under GBIS, of a year's target) */
    ER_MOVE_TRANSFER,  /* approved measures, and what they score */
} er_move_kind;

/** "trade", "transfer": also the journal's subject kind for requests. */
const char *er_move_kind_name(er_move_kind k);

/** A request, as made or as read back. */
typedef struct er_move {
    er_move_kind kind;
    er_scheme_id scheme;
    char from[ER_SUPPLIER_CODE_MAX]; /* trades its obligation, or transfers */
    char to[ER_SUPPLIER_CODE_MAX];
    int year;       /* GBIS trade: the target year, 1 to 3; else 0 */
    int64_t amount; /* trade: pence a year, more than 0 */
    size_t n_measures;
    char (*measures)[ER_MRN_MAX]; /* transfer: the MRNs; owned when read */
} er_move;

/** Frees what a read request owns; accepts NULL. */
void er_move_free(er_move *m);

/** Where a request stands: "applied" (by the supplier giving), "pending"
 *  (both suppliers applied: the administrator decides), "approved",
 *  "refused". */
#define ER_MOVE_APPLIED "applied"
#define ER_MOVE_PENDING "pending"
#define ER_MOVE_APPROVED "approved"
#define ER_MOVE_REFUSED "refused"

/**
 * The supplier giving applies: request `m` under `scheme` (its dates and
 * caps), checked now and written as the event (kind, ID) "requested" ->
 * applied, in one transaction; the ID ("GBIS-TRADE-1") into id.  Refused
 * with ER_EINVAL naming the field (nothing written) when:
 *   - a supplier is unknown, the two are the same, or act->supplier is
 *     given and is not m->from;
 *   - a GBIS trade is not made within trading_window_months of the start
 *     of its target year, or an ECO4 trade after obligation_trading_closes
 *     (seed 004 ch. 5: "six months before the scheme ends");
 *   - a trade is more than m->from's obligation (its year's target);
 *   - a transfer is made on or after transfer_before, names a measure
 *     that is not m->from's, not approved, or counts nothing for it, or
 *     leaves out a measure linked to those named: every measure of an ECO4
 *     project, the heating controls citing a GBIS insulation measure, and
 *     the in-fill measures or projects either way (seed 004 ch. 5: "all
 *     measures that are linked in a project are transferred together").
 */
er_status er_register_move_request(er_store *s, const er_scheme *scheme, const er_act *act,
                                   const er_move *m, const char *reason, char id[ER_EVENT_TEXT_MAX],
                                   er_error *err);

/** What happens to a request next. */
typedef enum er_move_step {
    ER_MOVE_ACCEPT = 0, /* the receiving supplier applies too (act->supplier
                           is m->to): applied -> pending */
    ER_MOVE_APPROVE,    /* the administrator: pending -> approved */
    ER_MOVE_REFUSE,     /* the administrator: applied or pending -> refused */
} er_move_step;

/** Parses "accept", "approve", "refuse"; ER_EINVAL otherwise. */
er_status er_move_step_parse(const char *s, er_move_step *out);

/**
 * Takes `step` on request `id` with `reason`, in one transaction.  An
 * approval checks the request again, as of the ledger now (a trade beyond
 * the obligation, a transfer whose measures changed is refused with
 * ER_EINVAL, nothing written), then writes the ledger: a trade row (with
 * its year, so a GBIS target moves), or a transfer row for each award that
 * counts of the measures, and a "transferred" event on each measure (and
 * ECO4 project) so that what it scores later goes to the receiver.  A
 * request is resolved once: ER_EINVAL (field "state") for a step its state
 * does not allow; ER_ENOTFOUND (field "id") for no such request.
 */
er_status er_register_move_step(er_store *s, const er_scheme *scheme, const er_act *act,
                                er_move_kind kind, const char *id, er_move_step step,
                                const char *reason, er_error *err);

/** Reads request `id`: what it asks into *out (free with er_move_free)
 *  and its state into state[ER_STATE_MAX]; ER_ENOTFOUND when none. */
er_status er_register_move_get(er_store *s, er_move_kind kind, const char *id, er_move *out,
                               char state[ER_STATE_MAX], er_error *err);

/** Appends request `id` (m, in `state`) to `w`: {"id", "kind", "scheme",
 *  "state", "from", "to"} with "year" and "amount" (pounds) for a trade,
 *  "measures" for a transfer. */
void er_move_json(er_jsonw *w, const char *id, const er_move *m, const char *state);

#ifdef __cplusplus
}
#endif
#endif
