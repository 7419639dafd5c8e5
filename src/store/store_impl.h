/*
 * store_impl.h: what an engine of the store provides (not public).
 *
 * An engine is a table of function pointers, struct er_store_ops, one per
 * operation of include/ecoreg/store.h plus open and close, like SQLite's
 * sqlite3_vfs or curl's vtls backends.  Its handle embeds struct er_store
 * as its first member, so store.c can hand the same pointer to the engine
 * and the engine can cast it back to its own type.
 *
 * store.c owns what every engine shares: choosing the engine from the URI,
 * checking arguments (a NULL pointer, a month of 13), and knowing whether a
 * transaction is open, so that "begin twice" and "rollback with none open"
 * mean the same on every engine.  By the time an engine's function runs,
 * its pointer arguments are not NULL unless store.h says they may be.
 */
#ifndef ECOREG_STORE_IMPL_H
#define ECOREG_STORE_IMPL_H

#include <stdbool.h>

#include "ecoreg/store.h"

struct er_store_ops {
    /* The engine's name, as in an error message ("sqlite"). */
    const char *name;

    /*
     * Opens (creating when missing and migrating) the store at `target`,
     * the URI with what store.c recognised removed ("sqlite:" taken off a
     * path; a postgres:// URI whole).  Allocates the engine's handle with
     * er_malloc, sets its base's ops and leaves in_tx false.  On failure
     * *out is NULL, nothing is held and `err` says why.
     */
    er_status (*open)(const char *target, er_store **out, er_error *err);
    /* Frees everything the handle holds.  store.c has already rolled back
     * an open transaction. */
    void (*close)(er_store *s);

    int (*schema_version)(er_store *s);
    /* Called only when no transaction is open: a transaction to write,
     * or one that only reads, from one snapshot, without holding writers
     * up (closed by rollback). */
    er_status (*begin)(er_store *s, er_error *err);
    er_status (*begin_read)(er_store *s, er_error *err);
    /* Called only inside a transaction.  On failure the engine rolls the
     * transaction back: either way, none is open afterwards. */
    er_status (*commit)(er_store *s, er_error *err);
    /* Called only inside a transaction; never fails. */
    void (*rollback)(er_store *s);

    er_status (*supplier_add)(er_store *s, const er_supplier *sup, er_error *err);
    er_status (*supplier_get)(er_store *s, const char *code, er_supplier *out);
    er_status (*supplier_each)(er_store *s, int (*cb)(void *ctx, const er_supplier *sup),
                               void *ctx);

    /* References compare ignoring ASCII case; `licence_each` orders them
     * byte for byte.  An unknown supplier is ER_ENOTFOUND. */
    er_status (*licence_add)(er_store *s, const er_licence *lic, er_error *err);
    er_status (*licence_find)(er_store *s, const char *reference, er_licence *out);
    er_status (*licence_each)(er_store *s, int (*cb)(void *ctx, const er_licence *lic), void *ctx);

    /* `list` compares exactly, value and value2 ignoring ASCII case;
     * `value2` is never NULL; `list` of `reference_each` may be NULL (every
     * list).  A duplicate is ER_EDUPLICATE. */
    er_status (*reference_add)(er_store *s, const er_reference *ref, er_error *err);
    er_status (*reference_find)(er_store *s, const char *list, const char *value,
                                const char *value2, er_reference *out);
    er_status (*reference_each)(er_store *s, const char *list,
                                int (*cb)(void *ctx, const er_reference *ref), void *ctx);

    er_status (*append)(er_store *s, er_event *ev, er_error *err);
    er_status (*events)(er_store *s, const char *subject_kind, const char *subject,
                        int (*cb)(void *ctx, const er_event *ev), void *ctx);

    er_status (*measure_put)(er_store *s, const er_measure_rec *m, er_error *err);
    er_status (*measure_get)(er_store *s, const char *mrn, er_measure_rec *out);
    /* `f` is never NULL: store.c passes a select-everything filter. */
    er_status (*measure_each)(er_store *s, const er_measure_filter *f,
                              int (*cb)(void *ctx, const er_measure_rec *m), void *ctx);
    /* `first` and `last` are the month's first and last days. */
    er_status (*month_counts)(er_store *s, const char *supplier, er_date first, er_date last,
                              long *completed, long *late);
    er_status (*link_put)(er_store *s, const char *mrn, const char *cited, const char *kind,
                          er_error *err);
    /* `except` may be NULL. */
    er_status (*link_find)(er_store *s, const char *cited, const char *kind, const char *except,
                           char *out);
    er_status (*link_each)(er_store *s, const char *key,
                           int (*cb)(void *ctx, const char *mrn, const char *cited,
                                     const char *kind),
                           void *ctx);

    er_status (*project_put)(er_store *s, const er_project_rec *p, er_error *err);
    er_status (*project_get)(er_store *s, const char *project_id, er_project_rec *out);
    er_status (*project_each)(er_store *s, int (*cb)(void *ctx, const er_project_rec *p),
                              void *ctx);

    /* `scheme` is -1 or an er_scheme_id; `subject` may be NULL. */
    er_status (*ledger_add)(er_store *s, er_ledger_row *row, er_error *err);
    er_status (*ledger_each)(er_store *s, int scheme, const char *subject,
                             int (*cb)(void *ctx, const er_ledger_row *r), void *ctx);
};

/* The base every engine's handle starts with. */
struct er_store {
    const struct er_store_ops *ops;
    bool in_tx; /* er_store_begin() succeeded and nothing has ended it since */
};

/* The engines built in (store.c chooses among them). */
extern const struct er_store_ops er_store_sqlite_ops;

#endif
