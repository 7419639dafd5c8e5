/*
 * ledger_reg.h: how the register writes the obligation ledger (internal
 * to src/register; docs/ledger.md).  An event that changes what counts
 * carries its ledger rows in its payload ("ledger") and the same rows are
 * stored in the ledger table, in one transaction: `ecoreg verify` checks
 * one against the other.
 */
#ifndef ECOREG_REGISTER_LEDGER_REG_H
#define ECOREG_REGISTER_LEDGER_REG_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/jsonw.h"
#include "ecoreg/obligation.h"
#include "ecoreg/register.h"

/* The rows one event writes. */
typedef struct ledger_batch {
    er_ledger_row *rows;
    size_t n, cap;
    bool oom;
} ledger_batch;

/* A row of `op` for `supplier` and `subject` (either may be ""), amount
 * 0, no tags, key or year, completed ER_DATE_NONE: the caller sets the
 * rest.  NULL (b->oom set) when memory runs out. */
er_ledger_row *ledger_add(ledger_batch *b, er_scheme_id scheme, const char *op,
                          const char *supplier, const char *subject);
/* Appends a copy of `r`; ER_ENOMEM (b->oom set) when memory runs out. */
er_status ledger_push(ledger_batch *b, const er_ledger_row *r);
void ledger_batch_free(ledger_batch *b);

/* Appends `ev` with payload `payload` (a JSON object, or NULL for {})
 * extended by the member "ledger" holding b's rows, then stores the rows
 * with the event's id; inside the caller's transaction. */
er_status ledger_append(er_store *s, er_event *ev, const char *payload, ledger_batch *b,
                        er_error *err);

/* The award of `subject` counting now (the last of its rows an award or a
 * transfer; for a transfer, supplier is the receiver) into *out; false
 * when none counts. */
er_status ledger_current(er_store *s, er_scheme_id scheme, const char *subject, er_ledger_row *out,
                         bool *found);

/* Adds to `b` a withdrawal (`op`: "revoke", "supersede") of award `cur`
 * (as ledger_current() read it), carrying its supplier, subject, tags, key
 * and completion (so sums by tag take it back). */
er_status ledger_take_back(ledger_batch *b, const char *op, const er_ledger_row *cur);

/* ledger_take_back() of `subject`'s award when one counts. */
er_status ledger_withdraw(er_store *s, er_scheme_id scheme, const char *subject, const char *op,
                          ledger_batch *b);

/* Copies string member `name` of JSON object `o` into buf[size]; false
 * when missing, not a string or too long. */
bool ledger_json_text(const cJSON *o, const char *name, char *buf, size_t size);

/* The rows of a payload's "ledger" array into `b` (event id set);
 * ER_EPARSE when one is malformed. */
er_status ledger_parse(const cJSON *payload, int64_t event, ledger_batch *b);

/* True when payload `before` (a decision's, with its "ledger" member) is
 * payload `now` (without one) plus that member. */
bool ledger_payload_same(const char *before, const char *now);

/* Approving GBIS measure `m` (its stored row read): scores it from the
 * scheme's matrix (er_quote_project, one measure) into `b` as an award of
 * m->mrn with its tags (ER_TAG_LOW_INCOME, ER_TAG_FLEX) and, when it has
 * an innovation uplift, the uplift as its own award "MRN#innovation"
 * (ER_TAG_INNOVATION: GBIS Order art. 31 caps only the uplift); writes
 * {"score", "uplift"} (pounds) into `payload`.  ER_EINVAL naming the field
 * when the row cannot be scored. */
er_status gbis_award(const er_scheme *gbis, const er_measure_rec *m, ledger_batch *b,
                     er_jsonw *payload, er_error *err);

/* Pence as pounds, "-1234.05", into buf; returns buf. */
const char *ledger_pounds(int64_t pence, char buf[32]);

/* Who holds measure or project `key` (subject kind "measure", "project")
 * now: the receiver of its last transfer (move.c), else `owner`. */
er_status move_holder(er_store *s, const char *subject_kind, const char *key, const char *owner,
                      char out[ER_SUPPLIER_CODE_MAX]);

/* The parts of a score that count apart, each under a cap of its own: an
 * innovation uplift (ECO4 art. 60, GBIS art. 31) and, in an ECO4 FPS, a
 * building fabric repair measure's increase (art. 46). */
#define LEDGER_PART_INNOVATION "innovation"
#define LEDGER_PART_BFR "bfr"

/* The subject of part `part` of an award: `subject` + "#" + part. */
void ledger_part_subject(const char *subject, const char *part, char out[ER_EVENT_TEXT_MAX]);

/* Every subject an award of `subject` may count as: itself, then each of
 * its parts (what a revocation or a transfer must look at). */
#define LEDGER_SUBJECTS 3
void ledger_subjects(const char *subject, char out[LEDGER_SUBJECTS][ER_EVENT_TEXT_MAX]);

#endif
