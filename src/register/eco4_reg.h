/*
 * eco4_reg.h: what the register's ECO4 files share (internal to
 * src/register): the view answering the ECO4 checks from the store, the
 * project transition table's mover (decide.c), and the scoring of a
 * completed project (eco4_score.c).
 */
#ifndef ECOREG_REGISTER_ECO4_REG_H
#define ECOREG_REGISTER_ECO4_REG_H

#include <stddef.h>

#include "ecoreg/eco4.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "ledger_reg.h"

/* Project states (DESIGN.md "The register's record"). */
#define ECO4_CHECKS_PASSED "checks_passed"
#define ECO4_REJECTED "rejected"
#define ECO4_COMPLETED "completed"
#define ECO4_FPS_AWARDED "fps_awarded"
#define ECO4_PPS_ONLY "pps_only"

/* The ECO4 checks' register (er_eco4_register) answered from the store,
 * each reference read once; rows returned live until eco4_view_free(). */
typedef struct eco4_view eco4_view;
er_status eco4_view_new(er_store *s, eco4_view **out);
void eco4_view_free(eco4_view *v);
void eco4_view_callbacks(eco4_view *v, er_eco4_register *reg);

/* Moves project `p` (as read or prepared by the caller, whose content
 * fields are written as they are) to state `to` by event `kind`, if the
 * project transition table (decide.c) declares (kind, p->state, to):
 * appends the event with `reason` and `payload` (borrowed, may be NULL)
 * and, when `ledger` holds rows, those rows (ledger_append()),
 * then stores the projection with p->state and p->last_event updated.
 * ER_EINVAL naming the states otherwise, and nothing is written.  Runs
 * inside the caller's transaction. */
er_status eco4_project_move(er_store *s, const er_act *act, er_project_rec *p, const char *kind,
                            const char *to, const char *reason, const char *payload,
                            ledger_batch *ledger, er_error *err);

/* Scores project `p` from its stored row and its APPROVED measures with
 * er_quote_project(): *state is ECO4_FPS_AWARDED when the minimum
 * requirement is met (and no measure of the project was revoked) and a
 * measure is approved, else ECO4_PPS_ONLY;
 * `payload` (reset first) receives {"minimum_requirement_met", "measures_revoked", "fps",
 * "pps": [{"mrn", "pps"}], "pps_total", "score"}, pounds to the penny.
 * ER_EINVAL with the quote's first error when the project cannot be
 * scored.  When `ledger` is not NULL, it receives the rows that make what
 * counts of the project what this decision says (docs/ledger.md): the
 * awards counting now that it does not keep withdrawn (superseded by the
 * FPS, else revoked), then its awards: the FPS of the project, or each
 * approved measure's PPS ("PROJECT/MRN", ER_TAG_PARTIAL). */
er_status eco4_score(er_store *s, const er_scheme *eco4, const er_project_rec *p,
                     er_jsonw *payload, const char **state, ledger_batch *ledger,
                     er_error *err);

/* Scores project `project_id` again when it is decided (fps_awarded or
 * pps_only) and, when its state or scores changed, moves it with a
 * `redecided` event (seed 002 4.13, 4.17).  Nothing when the project is
 * not decided or not held.  ER_EINVAL when it must be re-decided and
 * `eco4` is NULL.  Inside the caller's transaction. */
/* The subject a measure's PPS counts as in the ledger: "PROJECT/MRN", the
 * premises first (obligation.c counts solid wall premises by it). */
void eco4_pps_subject(const char *project_id, const char *mrn, char out[ER_EVENT_TEXT_MAX]);

er_status eco4_redecide(er_store *s, const er_scheme *eco4, const er_act *act,
                        const char *project_id, const char *reason, er_error *err);

#endif
