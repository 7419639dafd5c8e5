/*
 * register.h: the register's operations, as the CLI and the server use
 * them: record a notification file, decide on measures, verify the
 * journal.  Each operation is one store transaction: it happens whole or
 * not at all, and every change it makes is an event in the journal with
 * its actor, time and reason.
 */
#ifndef ECOREG_REGISTER_H
#define ECOREG_REGISTER_H

#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/eco4.h"
#include "ecoreg/error.h"
#include "ecoreg/gbis.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What became of one notified row (DESIGN.md "Idempotent submission"). */
typedef enum er_row_status {
    ER_ROW_RECORDED = 0, /* stored, passed its checks */
    ER_ROW_REJECTED,     /* stored with its failures */
    ER_ROW_EXISTS,       /* the same content is already held: nothing written */
    ER_ROW_CONFLICT      /* the MRN is held with other content and the row is
                            not an edit: nothing written */
} er_row_status;

/** "recorded", "rejected", "exists", "conflict". */
const char *er_row_status_name(er_row_status st);

/** Who acts, when, and how the caller follows a long file. */
typedef struct er_act {
    const char *actor;          /* a person or an API key's owner */
    const char *at;             /* ISO 8601 UTC time of the action */
    er_date today;              /* the day deadlines are judged against */
    const char *supplier;       /* the notifying supplier's code, or NULL */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} er_act;

/** What became of each row of a notified file; free with
 *  er_notify_result_free(). */
typedef struct er_notify_result {
    size_t n;
    er_row_status *status;   /* per row */
    size_t *n_failures;      /* per row: how many checks it failed */
    size_t *failures_at;     /* per row: offset of its failures in `failures` */
    char *failures;          /* each row's failures as a JSON array
                                [{"rule","field","message"}], NUL-terminated */
} er_notify_result;

/** Frees what `r` holds and empties it; accepts NULL. */
void er_notify_result_free(er_notify_result *r);

/**
 * Records a GBIS notification file in one transaction: checks every row
 * (against the file and what the register holds), then stores each new
 * row as recorded or rejected with an event, answers `exists` for an
 * unchanged resubmission and `conflict` for an MRN held with other content
 * unless the row's purpose is "Edited Notification" (and the measure is
 * not yet decided).  On success *out says what became of each row.  On any
 * failure the transaction is rolled back, nothing is stored, *out is
 * empty, and `err` says why.
 */
er_status er_register_notify_gbis(er_store *s, const er_scheme *gbis, const er_gbis_file *f,
                                  const er_act *act, er_notify_result *out, er_error *err);

/** The decisions an administrator takes on a measure. */
typedef enum er_decision {
    ER_DECIDE_APPROVE = 0, /* recorded -> approved */
    ER_DECIDE_REJECT,      /* recorded -> rejected */
    ER_DECIDE_REVOKE       /* approved -> revoked */
} er_decision;

/** Parses "approve", "reject", "revoke"; ER_EINVAL otherwise. */
er_status er_decision_parse(const char *s, er_decision *out);

/**
 * Takes decision `d` on measure `mrn` with `reason` (required), as one
 * transaction with its event.  Only the transitions of the declared table
 * (decide.c) are possible: any other is ER_EINVAL naming the measure's
 * state, and nothing is written.  ER_ENOTFOUND when no such measure.
 */
er_status er_register_decide(er_store *s, const er_act *act, const char *mrn, er_decision d,
                             const char *reason, er_error *err);

/** Adds a supplier, with its event, in one transaction. */
er_status er_register_supplier_add(er_store *s, const er_act *act, const er_supplier *sup,
                                   er_error *err);

/**
 * Adds supplier licence `lic` (borrowed) in one transaction with its event:
 * ("licence", reference), kind "added", to_state "held", the reason being
 * the holder's code.  The reference is 1 to ER_LICENCE_REF_MAX - 1 ASCII
 * letters, digits, '-', '_' or '/', kept as spelt; lic->supplier is a
 * supplier the register holds.  ER_EINVAL (field "reference" or "code")
 * for a malformed value, ER_ENOTFOUND (field "code") for an unknown
 * supplier, ER_EDUPLICATE (field "reference") when the register holds the
 * reference already in any case; nothing is written then.
 */
er_status er_register_licence_add(er_store *s, const er_act *act, const er_licence *lic,
                                  er_error *err);

/**
 * Adds entry `ref` (borrowed) to one of Ofgem's reference lists, in one
 * transaction with its event: ("reference", ref->list), kind "added",
 * to_state "held", the reason being the value, the payload
 * {"list", "value", "value2"}.  The lists (gbis.h, er_gbis_list_columns)
 * are ER_GBIS_LIST_FLEX_ROUTES (a Flex_Referral_Route, no value2),
 * ER_GBIS_LIST_INNOVATION (an Innovation_Measure_Number and, as value2,
 * the Measure_Type it is for) and ER_GBIS_LIST_ADDRESSES (a full Post_Code,
 * stored in the key form er_gbis_postcode_key() gives, and a UPRN of 1 to
 * 12 digits).  Other values are kept as spelt: printable, without
 * surrounding spaces.  ER_EINVAL (field "list" or the column's name) for an
 * unknown list or a malformed value, ER_EDUPLICATE when the list holds the
 * entry already in any case; nothing is written then.
 */
er_status er_register_reference_add(er_store *s, const er_act *act, const er_reference *ref,
                                    er_error *err);

/**
 * Adds refs[0..n) as er_register_reference_add() adds one, all in one
 * transaction: an error (its row being rows[i], or i + 1 when `rows` is
 * NULL) rolls it back and leaves the register as it was.  With
 * `skip_held`, an entry the list holds already is left out instead of
 * refused (loading a newer copy of a list); *added
 * (when not NULL) counts the entries written.  act->progress is called
 * every 1,000 entries and at the end.
 */
er_status er_register_reference_load(er_store *s, const er_act *act, const er_reference *refs,
                                     const long *rows, size_t n, bool skip_held, size_t *added,
                                     er_error *err);

/**
 * Grants measure `mrn` an extension of its notification deadline until
 * `until`, under the administrator's `reference`, with a reason (ECO4 Order
 * art. 44; GBIS "Extended Notification").  One event; the latest grant for
 * an MRN counts.
 */
er_status er_register_extension_grant(er_store *s, const er_act *act, const char *mrn,
                                      const char *reference, er_date until, const char *reason,
                                      er_error *err);

/** The latest extension granted to `mrn`: its last day and reference;
 *  ER_ENOTFOUND when none was granted. */
er_status er_register_extension_get(er_store *s, const char *mrn, er_date *until,
                                    char reference[64]);

/** One difference `ecoreg verify` found between journal and projections. */
typedef void (*er_verify_fn)(void *ctx, const char *subject_kind, const char *subject,
                             const char *what);

/**
 * Rebuilds the projections from the journal and compares them with those
 * stored, calling `fn` for each difference; *n_differences counts them.
 * Reads only.
 */
er_status er_register_verify(er_store *s, er_verify_fn fn, void *ctx, size_t *n_differences,
                             er_error *err);

/** Register callbacks for er_gbis_check() answered from the store; the
 *  rows they return live until er_register_view_free(). */
typedef struct er_register_view er_register_view;
er_status er_register_view_new(er_store *s, er_register_view **out);
void er_register_view_free(er_register_view *v);
/** The state and content hash of the stored measure `mrn` as the view
 *  first read it; ER_ENOTFOUND when none was stored then. */
er_status er_register_view_state(er_register_view *v, const char *mrn, char state[ER_STATE_MAX],
                                  char hash[65]);
/** Fills `reg` with callbacks reading `v`. */
void er_register_view_callbacks(er_register_view *v, er_gbis_register *reg);

/* ---- ECO4: projects and their measures (issue 3) ---------------------
 * Projects and measures are notified on two templates (eco4.h) and
 * recorded as GBIS files are: one transaction per file, statuses recorded,
 * rejected, exists, conflict.  A project's states (DESIGN.md): notified ->
 * checks_passed | rejected -> completed -> fps_awarded | pps_only.
 */

/**
 * Records an ECO4 project file in one transaction: checks every row
 * (er_eco4_check_projects_each against the file and the register), then
 * stores each new project as checks_passed or rejected with a `notified`
 * event, answers `exists` / `conflict` as er_register_notify_gbis() does
 * (an "Edited Notification" of an open project, checks_passed or
 * rejected, replaces its content).  A "Completion Notification" of a
 * project in checks_passed that passes its checks records the completion
 * (`completed`) and decides the project's score from its APPROVED measures
 * (`decided`: fps_awarded when the minimum requirement is met, else
 * pps_only; the payload carries the FPS and each measure's PPS); one that
 * fails leaves the project as it was (`completion_rejected`, status
 * rejected).  *out and failures as er_register_notify_gbis(); a project
 * that cannot be scored fails the whole file (ER_EINVAL, nothing stored).
 */
er_status er_register_notify_eco4_projects(er_store *s, const er_scheme *eco4,
                                           const er_eco4_projects *f, const er_act *act,
                                           er_notify_result *out, er_error *err);

/**
 * Records an ECO4 measure file in one transaction: checks every row
 * (er_eco4_check_measures_each; a measure whose project has not passed its
 * checks fails ECO4M0200/0201), stores each new measure (scheme ECO4, its
 * project_id) as recorded or rejected with a `notified` event; `exists`,
 * `conflict` and edits of open measures as for GBIS.
 */
er_status er_register_notify_eco4_measures(er_store *s, const er_scheme *eco4,
                                           const er_eco4_measures *f, const er_act *act,
                                           er_notify_result *out, er_error *err);

/**
 * er_register_decide() with the scheme of the measure (`scheme`, ECO4 or
 * GBIS, or NULL).  Approving a GBIS measure scores it (the GBIS matrix)
 * and writes what it counts to the obligation ledger, revoking one takes
 * that back (docs/ledger.md): both need the GBIS scheme.  Approving or
 * revoking an ECO4 measure of a decided project (fps_awarded, pps_only)
 * scores the project again from its approved measures and, when its state
 * or scores change, records a `redecided` event with its ledger rows (seed
 * 002 4.13, 4.17: without the minimum requirement the FPS goes and the
 * remaining measures' PPS apply), in the same transaction: that needs the
 * ECO4 scheme.  Without the scheme needed, ER_EINVAL and nothing written.
 */
er_status er_register_decide_with(er_store *s, const er_scheme *scheme, const er_act *act,
                                  const char *mrn, er_decision d, const char *reason,
                                  er_error *err);

/** True when the project transition table (decide.c) declares event
 *  `event` from state `from` ("" for a new project) to `to`. */
bool er_register_project_transition_declared(const char *event, const char *from,
                                             const char *to);

/**
 * Moves project `project_id` to `to` by `event` with `reason` (required),
 * as one transaction with its event, if the project transition table
 * declares it; ER_EINVAL naming the project's state otherwise, and
 * nothing is written.  ER_ENOTFOUND when no such project.  (The register's
 * own operations move projects; this is the table's single entry for an
 * administrator's correction and for tests.)
 */
er_status er_register_project_transition(er_store *s, const er_act *act, const char *project_id,
                                         const char *event, const char *to, const char *reason,
                                         er_error *err);

/* ---- the register's records as JSON (the CLI and the HTTP API) -------- */

/** Appends measure `m` to `w`: {"mrn", "scheme", "supplier", "state",
 *  "completion", "late_extension", "last_event", "failures", "row"}. */
void er_measure_json(er_jsonw *w, const er_measure_rec *m);
/** Appends ECO4 project `p` to `w`: {"project", "scheme", "supplier",
 *  "state", "last_event", "failures", "row"}. */
void er_project_json(er_jsonw *w, const er_project_rec *p);
/** Appends one event of a history to `w`: {"event", "at", "actor", "kind",
 *  "from", "to", "reason"}, with "score" (the decision's payload) for a
 *  project's decided and redecided events. */
void er_event_json(er_jsonw *w, const er_event *ev);

#ifdef __cplusplus
}
#endif
#endif
