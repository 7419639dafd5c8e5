/*
 * store.h: the register's storage, whatever engine holds it.
 *
 * One interface, several engines (SQLite now, PostgreSQL later), like
 * SQLite's VFS: nothing above src/store knows which engine it talks to, and
 * every engine passes the same test suite (tests/store).  The store keeps
 * two things:
 *   - the journal: an append-only list of events (actor, time, subject,
 *     from-state, to-state, reason, payload).  It is the record; nothing in
 *     it is ever changed or deleted.
 *   - projections: the current state of suppliers, projects and measures,
 *     derived from the journal and kept beside it so that queries are fast.
 *     `ecoreg verify` rebuilds them from the journal and compares.
 * Writes happen inside er_store_begin()/er_store_commit(): a notification
 * file is one transaction, recorded whole or not at all.
 */
#ifndef ECOREG_STORE_H
#define ECOREG_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/scheme.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct er_store er_store;

/**
 * Opens the store named by `uri`: a file path or "sqlite:PATH" for SQLite
 * (created when missing, then migrated to the current schema).  *out is the
 * caller's, to close with er_store_close().  ER_EIO with the reason in
 * `err` when it cannot be opened; ER_EINVAL for an unknown engine.
 */
er_status er_store_open(const char *uri, er_store **out, er_error *err);

/** Closes the store, rolling back an open transaction; accepts NULL. */
void er_store_close(er_store *s);

/** The schema version the store is at (the number of migrations applied). */
int er_store_schema_version(er_store *s);

/** Starts a write transaction; ER_EINVAL when one is already open. */
er_status er_store_begin(er_store *s, er_error *err);
/** Starts a transaction for reading only: every read until
 *  er_store_rollback() sees one snapshot of the store, a writer of another
 *  connection does not wait for it, and a run of reads pays for its locks
 *  once.  ER_EINVAL when a transaction is already open. */
er_status er_store_begin_read(er_store *s, er_error *err);
/** Makes the transaction's writes durable. */
er_status er_store_commit(er_store *s, er_error *err);
/** Discards the transaction's writes; harmless when none is open. */
void er_store_rollback(er_store *s);

/* ---- suppliers ---------------------------------------------------- */

/** Longest supplier short code (the MRN prefix, 3 letters) with its NUL. */
#define ER_SUPPLIER_CODE_MAX 4
#define ER_NAME_MAX 128

typedef struct er_supplier {
    char code[ER_SUPPLIER_CODE_MAX];
    char name[ER_NAME_MAX];
} er_supplier;

/** Adds a supplier; ER_EDUPLICATE when its code is taken. */
er_status er_store_supplier_add(er_store *s, const er_supplier *sup, er_error *err);
/** Finds a supplier by code; ER_ENOTFOUND when none. */
er_status er_store_supplier_get(er_store *s, const char *code, er_supplier *out);
/** Calls `cb` for each supplier in code order; a non-zero return stops. */
er_status er_store_supplier_each(er_store *s, int (*cb)(void *ctx, const er_supplier *sup),
                                 void *ctx);

/* ---- supplier licences -------------------------------------------- */

/** Longest supplier licence reference (Ofgem's Supplier_Reference column,
 *  such as "BGT03078711E") with its NUL. */
#define ER_LICENCE_REF_MAX 32

/** A supplier licence: its reference and the supplier holding it. */
typedef struct er_licence {
    char reference[ER_LICENCE_REF_MAX];
    char supplier[ER_SUPPLIER_CODE_MAX]; /* a code of the suppliers */
} er_licence;

/**
 * Adds a licence.  References are compared ignoring the case of ASCII
 * letters: ER_EDUPLICATE when the store holds the reference in any case;
 * ER_ENOTFOUND when no supplier has code lic->supplier (compared exactly);
 * ER_EINVAL when a field is empty or does not fit.
 */
er_status er_store_licence_add(er_store *s, const er_licence *lic, er_error *err);
/**
 * Finds the licence whose reference equals `reference` ignoring the case of
 * ASCII letters, into *out; out->reference is the spelling stored, which the
 * caller compares with `reference` when case matters.  ER_ENOTFOUND when
 * none (or when `reference` is too long to be stored).
 */
er_status er_store_licence_find(er_store *s, const char *reference, er_licence *out);
/** Calls `cb` for each licence in reference order, byte for byte; the
 *  record is valid only during the callback; a non-zero return stops. */
er_status er_store_licence_each(er_store *s, int (*cb)(void *ctx, const er_licence *lic),
                                void *ctx);

/* ---- reference lists ---------------------------------------------- */

/** Longest name of a reference list ("flex-routes") with its NUL. */
#define ER_REFERENCE_LIST_MAX 32
/** Longest value of a reference list entry, and of its second value, with
 *  the NUL. */
#define ER_REFERENCE_VALUE_MAX 128

/** One entry of a reference list: Ofgem's reference data the register is
 *  given, such as a flex referral route ("flex-routes", "Route 2 Area
 *  Validation", "") or an innovation measure number and the measure type it
 *  is for ("innovation-measures", "001", "CWI_0.040"). */
typedef struct er_reference {
    char list[ER_REFERENCE_LIST_MAX];
    char value[ER_REFERENCE_VALUE_MAX];
    char value2[ER_REFERENCE_VALUE_MAX]; /* "" when the list has none */
} er_reference;

/**
 * Adds an entry.  `list` compares exactly; `value` and `value2` ignoring
 * the case of ASCII letters.  ER_EDUPLICATE when the list holds the same
 * (value, value2) in any case; ER_EINVAL when list or value is empty or a
 * field does not fit.
 */
er_status er_store_reference_add(er_store *s, const er_reference *ref, er_error *err);
/**
 * Finds an entry of `list` whose value and value2 equal `value` and
 * `value2` ignoring the case of ASCII letters, into *out, as spelt when
 * added.  NULL matches any: `value2` NULL finds one of the entries with that
 * value, both NULL one entry of the list (whether it is loaded at all),
 * each by the list's key, not by a scan.  ER_ENOTFOUND when none (or
 * when an argument is too long to be stored).
 */
er_status er_store_reference_find(er_store *s, const char *list, const char *value,
                                  const char *value2, er_reference *out);
/** Calls `cb` for each entry of `list` (NULL: of every list) in the order
 *  of list, value and value2, byte for byte; the record is valid only
 *  during the callback; a non-zero return stops. */
er_status er_store_reference_each(er_store *s, const char *list,
                                  int (*cb)(void *ctx, const er_reference *ref), void *ctx);

/* ---- journal ------------------------------------------------------ */

#define ER_EVENT_TEXT_MAX 64
#define ER_EVENT_REASON_MAX 512

/** One event.  `payload` is JSON text; borrowed when appended, and valid
 *  only during the callback when read. */
typedef struct er_event {
    int64_t id;                      /* set by er_store_append() */
    char at[32];                     /* when, ISO 8601 UTC, from the caller */
    char actor[ER_EVENT_TEXT_MAX];   /* who: a user, an API key's owner */
    char subject_kind[16];           /* "supplier", "project", "measure", ... */
    char subject[ER_EVENT_TEXT_MAX]; /* its key: a code, an MRN, a project id */
    char kind[32];                   /* what happened: "notified", "approved" */
    char from_state[24];             /* "" for none */
    char to_state[24];
    char reason[ER_EVENT_REASON_MAX];
    const char *payload; /* JSON, or NULL */
} er_event;

/** Appends `ev` to the journal and sets ev->id. */
er_status er_store_append(er_store *s, er_event *ev, er_error *err);

/**
 * Calls `cb` for each event in id order: all of them when `subject_kind` is
 * NULL, else those of that subject (and of `subject` when not NULL).
 */
er_status er_store_events(er_store *s, const char *subject_kind, const char *subject,
                          int (*cb)(void *ctx, const er_event *ev), void *ctx);

/* ---- projections: measures ----------------------------------------- */

#define ER_MRN_MAX 32
#define ER_STATE_MAX 24

/** A measure's current state.  Text fields are owned by the record when
 *  read (er_store_measure_free() frees them) and borrowed when written. */
typedef struct er_measure_rec {
    char mrn[ER_MRN_MAX];
    er_scheme_id scheme;
    char supplier[ER_SUPPLIER_CODE_MAX];
    char project_id[ER_EVENT_TEXT_MAX]; /* "" when the scheme has none (GBIS) */
    char state[ER_STATE_MAX];           /* recorded, rejected, approved, revoked */
    char content_hash[65];              /* BLAKE2b hex of the notified content */
    er_date completion;                 /* ER_DATE_NONE when unknown */
    bool late_extension;                /* used the automatic late extension */
    int64_t row_event;                  /* id of the event that notified the row */
    char *row_json;                     /* read only: that event's payload "row" */
    char *failures_json;                /* read only: that event's payload "failures" */
    int64_t last_event;                 /* id of the event that set this state */
} er_measure_rec;

/** Inserts or replaces the projection of a measure (keyed by MRN).
 *  The notified row is not stored twice: the projection holds `row_event`,
 *  an event whose payload is a JSON object with members "row" and
 *  "failures", and a read gives those members as row_json and
 *  failures_json (NULL when the payload has none).  row_json and
 *  failures_json are ignored here. */
er_status er_store_measure_put(er_store *s, const er_measure_rec *m, er_error *err);
/** Reads a measure; ER_ENOTFOUND when none.  Free with er_store_measure_free(). */
er_status er_store_measure_get(er_store *s, const char *mrn, er_measure_rec *out);
/** Frees what a read record owns; accepts NULL. */
void er_store_measure_free(er_measure_rec *m);

/** What er_store_measure_each() selects; empty fields select everything. */
typedef struct er_measure_filter {
    int scheme; /* er_scheme_id, or -1 for any */
    char supplier[ER_SUPPLIER_CODE_MAX];
    char state[ER_STATE_MAX];
    char project_id[ER_EVENT_TEXT_MAX];
    er_date completed_from, completed_to; /* ER_DATE_NONE for open ends */
} er_measure_filter;

/** Calls `cb` for each matching measure in MRN order; the record is valid
 *  only during the callback. */
er_status er_store_measure_each(er_store *s, const er_measure_filter *f,
                                int (*cb)(void *ctx, const er_measure_rec *m), void *ctx);

/** Measures of `supplier` completed in year/month, and how many of them used
 *  the automatic late extension (the 5% allowance, ECO4 art. 44, GBIS1000). */
er_status er_store_month_counts(er_store *s, const char *supplier, int year, int month,
                                long *completed, long *late);

/** The kind of link from an ECO4 In-fill project to a project supporting
 *  it (seed 002 4.10); GBIS measures cite others as "infill" and
 *  "insulation". */
#define ER_LINK_PROJECT_INFILL "project_infill"

/** Records that measure `mrn` cites `cited` as `kind` ("infill",
 *  "insulation"; ER_LINK_PROJECT_INFILL between projects); the pair is
 *  unique. */
er_status er_store_link_put(er_store *s, const char *mrn, const char *cited, const char *kind,
                            er_error *err);
/** The MRN of a measure citing `cited` as `kind`, other than `except`, into
 *  out (ER_MRN_MAX bytes); ER_ENOTFOUND when none. */
er_status er_store_link_find(er_store *s, const char *cited, const char *kind, const char *except,
                             char *out);
/** Calls `cb` for each link with `key` at either end (the citing MRN or
 *  the cited), ordered by citing MRN, cited and kind; a non-zero return
 *  stops.  ECO4 projects are linked the same way, by project reference
 *  (an In-fill project citing its supporting projects, kind
 *  ER_LINK_PROJECT_INFILL). */
er_status er_store_link_each(er_store *s, const char *key,
                             int (*cb)(void *ctx, const char *mrn, const char *cited,
                                       const char *kind),
                             void *ctx);

/* ---- projections: projects (ECO4) ---------------------------------- */

typedef struct er_project_rec {
    char project_id[ER_EVENT_TEXT_MAX];
    er_scheme_id scheme;
    char supplier[ER_SUPPLIER_CODE_MAX];
    char state[ER_STATE_MAX]; /* notified, checks_passed, rejected,
                                            completed, fps_awarded, pps_only */
    char content_hash[65];
    char *content_json; /* owned when read */
    char *failures_json;
    int64_t last_event;
} er_project_rec;

er_status er_store_project_put(er_store *s, const er_project_rec *p, er_error *err);
er_status er_store_project_get(er_store *s, const char *project_id, er_project_rec *out);
void er_store_project_free(er_project_rec *p);
er_status er_store_project_each(er_store *s, int (*cb)(void *ctx, const er_project_rec *p),
                                void *ctx);

/* ---- projections: the obligation ledger (issue 4) ------------------ */

/** Longest ledger operation name with its NUL. */
#define ER_LEDGER_OP_MAX 24

/** One entry of the obligation ledger (docs/ledger.md) as stored: written
 *  with journal event `event`, whose payload holds it too (its "ledger"
 *  array), so `ecoreg verify` can check one against the other. */
typedef struct er_ledger_row {
    int64_t seq;   /* set by er_store_ledger_add(): the decision order */
    int64_t event; /* the event that wrote it */
    er_scheme_id scheme;
    char op[ER_LEDGER_OP_MAX]; /* "award", "revoke", "obligation"... */
    char supplier[ER_SUPPLIER_CODE_MAX];
    char to_supplier[ER_SUPPLIER_CODE_MAX]; /* "" unless a move */
    char subject[ER_EVENT_TEXT_MAX];        /* "" unless an award or its withdrawal */
    int64_t amount;                         /* pence a year, or a count */
    uint32_t tags;                          /* the register's (obligation.h) */
    char key[ER_EVENT_TEXT_MAX];            /* keyed caps: "" for none */
    int year;                               /* a target year; 0 none */
    er_date completed;                      /* ER_DATE_NONE when none */
    char at[32];                            /* read only: the event's time */
} er_ledger_row;

/** Adds `row` (its `at` ignored) and sets row->seq.  ER_EINVAL when a text
 *  field does not fit or `event` is not in the journal. */
er_status er_store_ledger_add(er_store *s, er_ledger_row *row, er_error *err);
/** Calls `cb` for each row in seq order: those of `scheme` (-1: every
 *  scheme) and, when `subject` is not NULL, of that subject only (by the
 *  index, not a scan).  The record is valid only during the callback; a
 *  non-zero return stops. */
er_status er_store_ledger_each(er_store *s, int scheme, const char *subject,
                               int (*cb)(void *ctx, const er_ledger_row *r), void *ctx);

#ifdef __cplusplus
}
#endif
#endif
