/*
 * store.c: the public store functions of include/ecoreg/store.h.
 *
 * er_store_open() chooses the engine from the URI; every other function
 * checks its arguments and passes the call on through the engine's table
 * of operations (store_impl.h).  What all engines share lives here: the
 * argument checks, the month arithmetic of er_store_month_counts(), and
 * the record of whether a transaction is open.  Nothing here knows SQL.
 */
#include "store_impl.h"

#include <stddef.h>
#include <string.h>

#include "ecoreg/alloc.h"

/* Longest URI accepted, so an error message can quote it. */
#define URI_MAX 4096

/* How a URI names its engine: a prefix, and whether it is kept when the
 * rest is handed to the engine. */
static const struct engine_prefix {
    const char *prefix;
    const struct er_store_ops *ops; /* NULL: known, not built yet */
    bool keep_prefix;
} engine_prefixes[] = {
    { "sqlite:", &er_store_sqlite_ops, false },
    { "postgres://", NULL, true },
    { "postgresql://", NULL, true },
};

/* True when `uri` starts with a URI scheme and "://" ("mysql://..."). */
static bool has_scheme(const char *uri)
{
    const char *p = uri;

    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return strncmp(p, "://", 3) == 0;
}

er_status er_store_open(const char *uri, er_store **out, er_error *err)
{
    const struct er_store_ops *ops = &er_store_sqlite_ops;
    const char *target = uri;
    er_status rc;
    size_t i;

    if (!out)
        return er_error_set(err, ER_EINVAL, 0, "uri", "no handle to open the store into");
    *out = NULL;
    if (!uri || !*uri)
        return er_error_set(err, ER_EINVAL, 0, "uri", "no store named");
    if (strnlen(uri, URI_MAX) == URI_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "uri", "the store's name is longer than %d bytes",
                            URI_MAX - 1);
    for (i = 0; i < sizeof engine_prefixes / sizeof *engine_prefixes; i++) {
        const struct engine_prefix *e = &engine_prefixes[i];
        size_t n = strlen(e->prefix);

        if (strncmp(uri, e->prefix, n) != 0)
            continue;
        if (!e->ops)
            return er_error_set(err, ER_EINVAL, 0, "uri", "the PostgreSQL engine is not built yet");
        ops = e->ops;
        target = e->keep_prefix ? uri : uri + n;
        break;
    }
    if (i == sizeof engine_prefixes / sizeof *engine_prefixes && has_scheme(uri))
        return er_error_set(err, ER_EINVAL, 0, "uri", "no store engine for \"%.64s\"", uri);
    if (!*target)
        return er_error_set(err, ER_EINVAL, 0, "uri", "\"%s\" names no file", uri);
    rc = ops->open(target, out, err);
    if (rc == ER_OK)
        (*out)->in_tx = false;
    return rc;
}

void er_store_close(er_store *s)
{
    if (!s)
        return;
    er_store_rollback(s);
    s->ops->close(s);
}

int er_store_schema_version(er_store *s)
{
    return s ? s->ops->schema_version(s) : 0;
}

/* Opens a transaction with the engine's `begin` (to write) or
 * `begin_read`. */
static er_status begin(er_store *s, bool read, er_error *err)
{
    er_status rc;

    if (!s)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store");
    if (s->in_tx)
        return er_error_set(err, ER_EINVAL, 0, NULL, "a transaction is already open");
    rc = read ? s->ops->begin_read(s, err) : s->ops->begin(s, err);
    if (rc == ER_OK)
        s->in_tx = true;
    return rc;
}

er_status er_store_begin(er_store *s, er_error *err)
{
    return begin(s, false, err);
}

er_status er_store_begin_read(er_store *s, er_error *err)
{
    return begin(s, true, err);
}

er_status er_store_commit(er_store *s, er_error *err)
{
    if (!s)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store");
    if (!s->in_tx)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no transaction is open");
    s->in_tx = false;
    return s->ops->commit(s, err);
}

void er_store_rollback(er_store *s)
{
    if (!s || !s->in_tx)
        return;
    s->in_tx = false;
    s->ops->rollback(s);
}

/* ---- suppliers ---------------------------------------------------- */

/* True when `s` is a NUL-terminated string of 1 to size-1 bytes. */
static bool text_fits(const char *s, size_t size)
{
    size_t n = strnlen(s, size);

    return n > 0 && n < size;
}

er_status er_store_supplier_add(er_store *s, const er_supplier *sup, er_error *err)
{
    if (!s || !sup)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no supplier");
    if (!text_fits(sup->code, sizeof sup->code))
        return er_error_set(err, ER_EINVAL, 0, "code", "a supplier's code is 1 to %d characters",
                            ER_SUPPLIER_CODE_MAX - 1);
    if (strnlen(sup->name, sizeof sup->name) == sizeof sup->name)
        return er_error_set(err, ER_EINVAL, 0, "name", "a supplier's name is at most %d bytes",
                            ER_NAME_MAX - 1);
    return s->ops->supplier_add(s, sup, err);
}

er_status er_store_supplier_get(er_store *s, const char *code, er_supplier *out)
{
    if (!s || !code || !out)
        return ER_EINVAL;
    return s->ops->supplier_get(s, code, out);
}

er_status er_store_supplier_each(er_store *s, int (*cb)(void *ctx, const er_supplier *sup),
                                 void *ctx)
{
    if (!s || !cb)
        return ER_EINVAL;
    return s->ops->supplier_each(s, cb, ctx);
}

/* ---- supplier licences -------------------------------------------- */

er_status er_store_licence_add(er_store *s, const er_licence *lic, er_error *err)
{
    if (!s || !lic)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no licence");
    if (!text_fits(lic->reference, sizeof lic->reference))
        return er_error_set(err, ER_EINVAL, 0, "reference",
                            "a licence reference is 1 to %d characters", ER_LICENCE_REF_MAX - 1);
    if (!text_fits(lic->supplier, sizeof lic->supplier))
        return er_error_set(err, ER_EINVAL, 0, "supplier",
                            "a supplier's code is 1 to %d characters", ER_SUPPLIER_CODE_MAX - 1);
    return s->ops->licence_add(s, lic, err);
}

er_status er_store_licence_find(er_store *s, const char *reference, er_licence *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !reference || !out)
        return ER_EINVAL;
    if (!text_fits(reference, ER_LICENCE_REF_MAX))
        return ER_ENOTFOUND; /* empty or longer than any stored */
    return s->ops->licence_find(s, reference, out);
}

er_status er_store_licence_each(er_store *s, int (*cb)(void *ctx, const er_licence *lic), void *ctx)
{
    if (!s || !cb)
        return ER_EINVAL;
    return s->ops->licence_each(s, cb, ctx);
}

/* ---- reference lists ---------------------------------------------- */

er_status er_store_reference_add(er_store *s, const er_reference *ref, er_error *err)
{
    if (!s || !ref)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no reference entry");
    if (!text_fits(ref->list, sizeof ref->list))
        return er_error_set(err, ER_EINVAL, 0, "list", "a list's name is 1 to %d characters",
                            ER_REFERENCE_LIST_MAX - 1);
    if (!text_fits(ref->value, sizeof ref->value))
        return er_error_set(err, ER_EINVAL, 0, "value", "a value is 1 to %d characters",
                            ER_REFERENCE_VALUE_MAX - 1);
    if (strnlen(ref->value2, sizeof ref->value2) == sizeof ref->value2)
        return er_error_set(err, ER_EINVAL, 0, "value2", "a second value is at most %d characters",
                            ER_REFERENCE_VALUE_MAX - 1);
    return s->ops->reference_add(s, ref, err);
}

er_status er_store_reference_find(er_store *s, const char *list, const char *value,
                                  const char *value2, er_reference *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !list || (!value && value2) || !out)
        return ER_EINVAL;
    if (!text_fits(list, ER_REFERENCE_LIST_MAX) ||
        (value && !text_fits(value, ER_REFERENCE_VALUE_MAX)) ||
        (value2 && strnlen(value2, ER_REFERENCE_VALUE_MAX) == ER_REFERENCE_VALUE_MAX))
        return ER_ENOTFOUND; /* empty or longer than any stored */
    return s->ops->reference_find(s, list, value, value2, out);
}

er_status er_store_reference_each(er_store *s, const char *list,
                                  int (*cb)(void *ctx, const er_reference *ref), void *ctx)
{
    if (!s || !cb)
        return ER_EINVAL;
    return s->ops->reference_each(s, list, cb, ctx);
}

/* ---- journal ------------------------------------------------------ */

/* ER_EINVAL unless every text field of `ev` ends within its buffer. */
static er_status event_check(const er_event *ev, er_error *err)
{
    static const struct {
        size_t offset, size;
        const char *name;
    } fields[] = {
#define F(m) { offsetof(er_event, m), sizeof(((er_event *)0)->m), #m }
        F(at),   F(actor),      F(subject_kind), F(subject),
        F(kind), F(from_state), F(to_state),     F(reason),
#undef F
    };
    size_t i;

    for (i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *text = (const char *)ev + fields[i].offset;

        if (strnlen(text, fields[i].size) == fields[i].size)
            return er_error_set(err, ER_EINVAL, 0, fields[i].name,
                                "an event's %s is at most %zu bytes", fields[i].name,
                                fields[i].size - 1);
    }
    return ER_OK;
}

er_status er_store_append(er_store *s, er_event *ev, er_error *err)
{
    er_status rc;

    if (!s || !ev)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no event");
    if ((rc = event_check(ev, err)))
        return rc;
    return s->ops->append(s, ev, err);
}

er_status er_store_events(er_store *s, const char *subject_kind, const char *subject,
                          int (*cb)(void *ctx, const er_event *ev), void *ctx)
{
    if (!s || !cb)
        return ER_EINVAL;
    return s->ops->events(s, subject_kind, subject_kind ? subject : NULL, cb, ctx);
}

/* ---- measures ----------------------------------------------------- */

er_status er_store_measure_put(er_store *s, const er_measure_rec *m, er_error *err)
{
    if (!s || !m)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no measure");
    if (!text_fits(m->mrn, sizeof m->mrn))
        return er_error_set(err, ER_EINVAL, 0, "mrn", "an MRN is 1 to %d characters",
                            ER_MRN_MAX - 1);
    if ((int)m->scheme < 0 || m->scheme >= ER_SCHEME_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "scheme", "no scheme %d", (int)m->scheme);
    if (strnlen(m->supplier, sizeof m->supplier) == sizeof m->supplier ||
        strnlen(m->project_id, sizeof m->project_id) == sizeof m->project_id ||
        strnlen(m->state, sizeof m->state) == sizeof m->state ||
        strnlen(m->content_hash, sizeof m->content_hash) == sizeof m->content_hash)
        return er_error_set(err, ER_EINVAL, 0, "mrn", "%s: a text field is not terminated", m->mrn);
    return s->ops->measure_put(s, m, err);
}

er_status er_store_measure_get(er_store *s, const char *mrn, er_measure_rec *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !mrn || !out)
        return ER_EINVAL;
    out->completion = ER_DATE_NONE;
    return s->ops->measure_get(s, mrn, out);
}

void er_store_measure_free(er_measure_rec *m)
{
    if (!m)
        return;
    er_free(m->row_json);
    er_free(m->failures_json);
    m->row_json = NULL;
    m->failures_json = NULL;
}

er_status er_store_measure_each(er_store *s, const er_measure_filter *f,
                                int (*cb)(void *ctx, const er_measure_rec *m), void *ctx)
{
    er_measure_filter all;

    if (!s || !cb)
        return ER_EINVAL;
    if (!f) {
        memset(&all, 0, sizeof all);
        all.scheme = -1;
        all.completed_from = all.completed_to = ER_DATE_NONE;
        f = &all;
    }
    if (f->scheme < -1 || f->scheme >= ER_SCHEME_COUNT ||
        strnlen(f->supplier, sizeof f->supplier) == sizeof f->supplier ||
        strnlen(f->state, sizeof f->state) == sizeof f->state ||
        strnlen(f->project_id, sizeof f->project_id) == sizeof f->project_id)
        return ER_EINVAL;
    return s->ops->measure_each(s, f, cb, ctx);
}

er_status er_store_month_counts(er_store *s, const char *supplier, int year, int month,
                                long *completed, long *late)
{
    er_date first, next;
    er_status rc;

    if (completed)
        *completed = 0;
    if (late)
        *late = 0;
    if (!s || !supplier || !completed || !late || month < 1 || month > 12)
        return ER_EINVAL;
    if ((rc = er_date_make(year, month, 1, &first)))
        return rc;
    if ((rc = er_date_make(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1, &next)))
        return rc;
    return s->ops->month_counts(s, supplier, first, next - 1, completed, late);
}

er_status er_store_link_put(er_store *s, const char *mrn, const char *cited, const char *kind,
                            er_error *err)
{
    if (!s || !mrn || !cited || !kind)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store, MRN, cited MRN or kind");
    if (!text_fits(mrn, ER_MRN_MAX) || !text_fits(cited, ER_MRN_MAX))
        return er_error_set(err, ER_EINVAL, 0, "mrn", "an MRN is 1 to %d characters",
                            ER_MRN_MAX - 1);
    if (!text_fits(kind, ER_EVENT_TEXT_MAX))
        return er_error_set(err, ER_EINVAL, 0, "kind", "a link's kind is 1 to %d characters",
                            ER_EVENT_TEXT_MAX - 1);
    return s->ops->link_put(s, mrn, cited, kind, err);
}

er_status er_store_link_find(er_store *s, const char *cited, const char *kind, const char *except,
                             char *out)
{
    if (out)
        out[0] = '\0';
    if (!s || !cited || !kind || !out)
        return ER_EINVAL;
    return s->ops->link_find(s, cited, kind, except, out);
}

er_status er_store_link_each(er_store *s, const char *key,
                             int (*cb)(void *ctx, const char *mrn, const char *cited,
                                       const char *kind),
                             void *ctx)
{
    if (!s || !key || !cb)
        return ER_EINVAL;
    return s->ops->link_each(s, key, cb, ctx);
}

/* ---- projects ----------------------------------------------------- */

er_status er_store_project_put(er_store *s, const er_project_rec *p, er_error *err)
{
    if (!s || !p)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no project");
    if (!text_fits(p->project_id, sizeof p->project_id))
        return er_error_set(err, ER_EINVAL, 0, "project_id", "a project id is 1 to %d characters",
                            ER_EVENT_TEXT_MAX - 1);
    if ((int)p->scheme < 0 || p->scheme >= ER_SCHEME_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "scheme", "no scheme %d", (int)p->scheme);
    if (strnlen(p->supplier, sizeof p->supplier) == sizeof p->supplier ||
        strnlen(p->state, sizeof p->state) == sizeof p->state ||
        strnlen(p->content_hash, sizeof p->content_hash) == sizeof p->content_hash)
        return er_error_set(err, ER_EINVAL, 0, "project_id", "%s: a text field is not terminated",
                            p->project_id);
    return s->ops->project_put(s, p, err);
}

er_status er_store_project_get(er_store *s, const char *project_id, er_project_rec *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !project_id || !out)
        return ER_EINVAL;
    return s->ops->project_get(s, project_id, out);
}

void er_store_project_free(er_project_rec *p)
{
    if (!p)
        return;
    er_free(p->content_json);
    er_free(p->failures_json);
    p->content_json = NULL;
    p->failures_json = NULL;
}

er_status er_store_project_each(er_store *s, int (*cb)(void *ctx, const er_project_rec *p),
                                void *ctx)
{
    if (!s || !cb)
        return ER_EINVAL;
    return s->ops->project_each(s, cb, ctx);
}

/* ---- the obligation ledger ---------------------------------------- */

er_status er_store_ledger_add(er_store *s, er_ledger_row *row, er_error *err)
{
    if (!s || !row)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store or no ledger entry");
    if ((int)row->scheme < 0 || row->scheme >= ER_SCHEME_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "scheme", "no scheme %d", (int)row->scheme);
    if (!text_fits(row->op, sizeof row->op) || !text_fits(row->supplier, sizeof row->supplier) ||
        strnlen(row->to_supplier, sizeof row->to_supplier) == sizeof row->to_supplier ||
        strnlen(row->subject, sizeof row->subject) == sizeof row->subject ||
        strnlen(row->key, sizeof row->key) == sizeof row->key)
        return er_error_set(err, ER_EINVAL, 0, "op", "a ledger entry's text field is empty or "
                            "not terminated");
    return s->ops->ledger_add(s, row, err);
}

er_status er_store_ledger_each(er_store *s, int scheme, const char *subject,
                               int (*cb)(void *ctx, const er_ledger_row *r), void *ctx)
{
    if (!s || !cb || scheme < -1 || scheme >= ER_SCHEME_COUNT)
        return ER_EINVAL;
    return s->ops->ledger_each(s, scheme, subject, cb, ctx);
}
