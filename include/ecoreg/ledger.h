/*
 * ledger.h: obligation accounting (issue 4), pure.
 *
 * Every score award, supersession, revocation, transfer of a qualifying
 * action and trade of obligation is an entry, in the order it was decided
 * (the journal's).  er_ledger_run() replays the entries and gives, for
 * each, the postings it makes: what it adds to or takes from a supplier's
 * delivered total and obligation, and what a cap cut.  Every balance is
 * the sum of its postings; nothing is a stored total that can drift.
 *
 * Caps.  A score may count only while a cap has room: a share of the
 * supplier's obligation (partial projects 12.5% and flexible routes 50%,
 * ECO4 Order art. 10(3); building fabric repair 0.5%, art. 46; innovation
 * uplift 5% per innovation measure description, art. 60; GBIS innovation
 * 10% of the low-income minimum, GBIS Order art. 31) or a number of
 * actions (7,500 exempted projects across ECO4, 5,000 of a data-light
 * measure description: seed 004 Annex A Table iv).  The Order decides
 * "before the qualifying action in question": an award counts as far as
 * every cap it comes under has room when it is decided, against the
 * obligation then; a later revocation frees room for the awards decided
 * after it, never for one already cut.  An award re-applied (the PPS of a
 * project whose FPS was revoked, seed 002 4.13) is decided anew, when it
 * is re-applied.
 *
 * Amounts are pence a year (scores rounded to 2 decimals, DESIGN.md).
 */
#ifndef ECOREG_LEDGER_H
#define ECOREG_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ecoreg/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most caps a ledger runs with. */
#define ER_LEDGER_CAPS_MAX 16
/** Longest supplier code, subject (MRN or project reference) and cap key,
 *  with their NUL. */
#define ER_LEDGER_SUPPLIER_MAX 4
#define ER_LEDGER_SUBJECT_MAX 64
#define ER_LEDGER_KEY_MAX 64

typedef enum er_cap_basis {
    /** At most limit parts per million of the supplier's obligation, in
     *  pence (12.5% is 125000). */
    ER_CAP_SHARE,
    /** At most `limit` awards counting at once, across every supplier;
     *  an award beyond them counts nothing. */
    ER_CAP_COUNT,
} er_cap_basis;

typedef struct er_ledger_cap {
    const char *name; /* "partial_projects", in reports */
    er_cap_basis basis;
    int64_t limit;
    bool keyed; /* room kept apart per award key (per innovation or
                           data-light measure description) */
} er_ledger_cap;

typedef enum er_ledger_op {
    /** A score decided for `subject`: counts as far as its caps allow. */
    ER_LEDGER_AWARD,
    /** The award of `subject` stops counting because a full project score
     *  supersedes it (seed 002 4.13); what it used of its caps is freed. */
    ER_LEDGER_SUPERSEDE,
    /** The award of `subject` is revoked; what it used is freed. */
    ER_LEDGER_REVOKE,
    /** The award of `subject` moves from `supplier` to `to_supplier`
     *  (transfer of qualifying measures, seed 004 ch. 5 "Trading and
     *  Transfers"): it stops counting for the one and is decided anew for
     *  the other. */
    ER_LEDGER_TRANSFER,
    /** `supplier`'s obligation is set: `amount` is added to it (the
     *  Secretary of State's determination, or a correction). */
    ER_LEDGER_OBLIGATION,
    /** `amount` of `supplier`'s obligation is traded to `to_supplier`;
     *  never more than `supplier`'s obligation then (seed 004 ch. 5). */
    ER_LEDGER_TRADE,
} er_ledger_op;

typedef struct er_ledger_entry {
    int64_t id; /* decision order: ascending */
    er_ledger_op op;
    char supplier[ER_LEDGER_SUPPLIER_MAX];
    char to_supplier[ER_LEDGER_SUPPLIER_MAX]; /* TRANSFER, TRADE */
    char subject[ER_LEDGER_SUBJECT_MAX];      /* AWARD, SUPERSEDE, REVOKE, TRANSFER */
    int64_t amount;                           /* AWARD: the score (>= 0);
                                                   OBLIGATION: the change; TRADE (> 0) */
    uint32_t caps;                            /* AWARD: bit i: comes under caps[i] */
    char key[ER_LEDGER_KEY_MAX];              /* AWARD: its key for keyed caps */
} er_ledger_entry;

/** What one entry did to one supplier. */
typedef struct er_ledger_posting {
    size_t entry; /* index of the entry */
    char supplier[ER_LEDGER_SUPPLIER_MAX];
    int64_t delivered;  /* change to what counts towards the obligation */
    int64_t obligation; /* change to the obligation */
    int64_t cut;        /* an award: the part its caps cut (>= 0); a
                           withdrawal: minus that of the award taken back */
    int cut_by;         /* the cap that cut it (the tightest, the first
                                             of equals), or -1 */
} er_ledger_posting;

/** A supplier's position: sums of its postings. */
typedef struct er_ledger_balance {
    char supplier[ER_LEDGER_SUPPLIER_MAX];
    int64_t obligation;
    int64_t delivered;
    int64_t cut;                          /* what caps cut of the awards counting */
    int64_t cap_used[ER_LEDGER_CAPS_MAX]; /* money under each share cap (every key) */
} er_ledger_balance;

/** An entry the ledger refused, and why (an award of a subject that
 *  already counts, a revocation of one that does not, a trade beyond the
 *  obligation...): it posts nothing. */
typedef struct er_ledger_refusal {
    size_t entry;
    char reason[128];
} er_ledger_refusal;

typedef struct er_ledger_result {
    er_ledger_posting *postings;
    size_t n_postings;
    er_ledger_balance *balances; /* one per supplier named, by code */
    size_t n_balances;
    er_ledger_refusal *refusals;
    size_t n_refusals;
} er_ledger_result;

/**
 * Replays entries[0..n) with `caps` (at most ER_LEDGER_CAPS_MAX) into
 * *out (free with er_ledger_result_free).  ER_EINVAL (naming the entry's
 * index as its row, 1-based) when ids are not ascending, an entry names a
 * cap that does not exist or an amount out of range; ER_ENOMEM.  Entries
 * the ledger refuses are not errors: they are listed in out->refusals.
 */
er_status er_ledger_run(const er_ledger_entry *entries, size_t n, const er_ledger_cap *caps,
                        size_t n_caps, er_ledger_result *out, er_error *err);

/** Frees what `r` holds and empties it; accepts NULL. */
void er_ledger_result_free(er_ledger_result *r);

/** The balance of `supplier` in `r`, or NULL. */
const er_ledger_balance *er_ledger_balance_of(const er_ledger_result *r, const char *supplier);

/* ---- GBIS target years ------------------------------------------- */

/** GBIS's three target years (seed 004 ch. 1). */
#define ER_GBIS_YEARS 3

/** One supplier's GBIS years: its targets and what counted towards each
 *  (pence a year; each from the ledger's postings in that year). */
typedef struct er_gbis_years_in {
    int64_t target[ER_GBIS_YEARS];
    int64_t delivered[ER_GBIS_YEARS];
    /** Of what counted in a year, the measures rejected afterwards: they
     *  must be made up the following year ("Rejected measures"); those of
     *  the last year are short at the final determination. */
    int64_t rejected[ER_GBIS_YEARS];
    /** The most of the year 1 target that may be met in year 2, in parts
     *  per million of that target (10%: 100000, "Carry-under"). */
    int64_t carry_under_ppm;
} er_gbis_years_in;

/** Each year as the accounting settles it. */
typedef struct er_gbis_year {
    int64_t required;         /* target + carried under into it + made up - carried over into it */
    int64_t carried_over_in;  /* surplus of the year before ("Carry-over", years 1 and 2) */
    int64_t carried_under_in; /* the year 1 shortfall met here (year 2 only) */
    int64_t made_up;          /* the year before's rejected measures */
    int64_t delivered;
    int64_t surplus;       /* carried over to the next year (none after year 3) */
    int64_t carried_under; /* year 1: the shortfall moved into year 2 */
    int64_t shortfall;     /* what stays short: for the performance report */
} er_gbis_year;

/**
 * Settles a supplier's three GBIS years: a year 1 shortfall up to
 * carry_under_ppm of its target moves into year 2 and the rest is short; a
 * surplus of year 1 or 2 carries over, unlimited, into the next; a year's
 * rejected measures are added to the next year's requirement (the last
 * year's to its shortfall).  ER_EINVAL (field named) for a negative amount
 * or a share outside 0-100%.
 */
er_status er_gbis_years(const er_gbis_years_in *in, er_gbis_year out[ER_GBIS_YEARS], er_error *err);

#ifdef __cplusplus
}
#endif
#endif
