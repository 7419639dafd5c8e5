/*
 * verify.c: `ecoreg verify`, the projections rebuilt from the journal and
 * compared with those stored (DESIGN.md: "current state is a projection of
 * the journal and can be rebuilt from it").
 *
 * One pass over the journal builds, per measure, the state, content hash
 * and last event the events imply (a hash table keyed by MRN); one pass
 * over the stored measures compares, and what is left over on either side
 * is reported.  Suppliers, supplier licences and ECO4 projects likewise
 * (a project's content is set by its notified, edited and completed
 * events; a licence's holder is its event's reason).  Reference list
 * entries (an address list holds millions) are kept in an array, each
 * event's payload giving one entry, sorted in the store's order (list,
 * value, value2, byte for byte) and merged with those stored.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/register.h"
#include "ledger_reg.h"

struct expect {
    char key[ER_EVENT_TEXT_MAX]; /* MRN, supplier code, licence or project
                                    reference; "" for an empty slot */
    char kind;                   /* 'm' measure, 's' supplier, 'l' licence,
                                    'p' project */
    char state[ER_STATE_MAX];
    char hash[65];
    int64_t last;
    int64_t notified; /* measures: the event that notified the row */
    bool seen;        /* matched by a stored row */
};

/* A reference list entry the journal added. */
struct ref_expect {
    er_reference ref;
    bool seen; /* matched by a stored entry */
};

struct replay {
    struct expect *slots;
    size_t cap, used;
    struct ref_expect *refs;
    size_t n_refs, cap_refs;
    size_t ref_at; /* the merge's place in refs */
    ledger_batch ledger;      /* the rows the events' payloads carry */
    ledger_batch stored;      /* the ledger table's */
    er_verify_fn fn;
    void *ctx;
    size_t differences;
    er_status rc;
};

static uint64_t hash_key(char kind, const char *s)
{
    uint64_t h = 1469598103934665603ull ^ (unsigned char)kind;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static struct expect *slot(struct replay *r, char kind, const char *key);

static int grow(struct replay *r)
{
    struct replay bigger = { .cap = r->cap ? r->cap * 2 : 1024 };
    size_t i;

    if (!(bigger.slots = er_calloc(bigger.cap, sizeof *bigger.slots)))
        return 0;
    for (i = 0; i < r->cap; i++)
        if (r->slots[i].key[0])
            *slot(&bigger, r->slots[i].kind, r->slots[i].key) = r->slots[i];
    er_free(r->slots);
    r->slots = bigger.slots;
    r->cap = bigger.cap;
    return 1;
}

/* The slot of (kind, key), claimed if new; NULL when memory runs out. */
static struct expect *slot(struct replay *r, char kind, const char *key)
{
    size_t i;

    if ((r->used + 1) * 2 > r->cap && !grow(r))
        return NULL;
    for (i = hash_key(kind, key) & (r->cap - 1); r->slots[i].key[0]; i = (i + 1) & (r->cap - 1))
        if (r->slots[i].kind == kind && strcmp(r->slots[i].key, key) == 0)
            return &r->slots[i];
    snprintf(r->slots[i].key, sizeof r->slots[i].key, "%s", key);
    r->slots[i].kind = kind;
    r->used++;
    return &r->slots[i];
}

static void differ(struct replay *r, const char *kind, const char *key, const char *what)
{
    r->differences++;
    if (r->fn)
        r->fn(r->ctx, kind, key, what);
}

/* The content hash a notification event's payload carries. */
static void payload_hash(const char *payload, char out[65])
{
    cJSON *doc = payload ? cJSON_Parse(payload) : NULL;
    const char *h = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "content_hash"));

    snprintf(out, 65, "%s", h ? h : "");
    cJSON_Delete(doc);
}

/* Keeps the entry a "reference" event's payload carries. */
static int on_reference_event(struct replay *r, const er_event *ev)
{
    cJSON *doc = ev->payload ? cJSON_Parse(ev->payload) : NULL;
    const char *list = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "list"));
    const char *value = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "value"));
    const char *value2 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "value2"));
    struct ref_expect *bigger, *e;

    if (!list || !value) {
        differ(r, "reference", ev->subject, "an event carries no entry");
        cJSON_Delete(doc);
        return 0;
    }
    if (r->n_refs == r->cap_refs) {
        r->cap_refs = r->cap_refs ? r->cap_refs * 2 : 64;
        if (!(bigger = er_realloc(r->refs, r->cap_refs * sizeof *bigger))) {
            cJSON_Delete(doc);
            r->rc = ER_ENOMEM;
            return 1;
        }
        r->refs = bigger;
    }
    e = &r->refs[r->n_refs++];
    memset(e, 0, sizeof *e);
    snprintf(e->ref.list, sizeof e->ref.list, "%s", list);
    snprintf(e->ref.value, sizeof e->ref.value, "%s", value);
    snprintf(e->ref.value2, sizeof e->ref.value2, "%s", value2 ? value2 : "");
    cJSON_Delete(doc);
    return 0;
}

/* Keeps the ledger rows an event's payload carries (ledger_reg.h). */
static void on_ledger_event(struct replay *r, const er_event *ev)
{
    cJSON *doc = cJSON_Parse(ev->payload);
    char id[24];
    er_status rc = doc ? ledger_parse(doc, ev->id, &r->ledger) : ER_EPARSE;

    cJSON_Delete(doc);
    if (rc == ER_ENOMEM)
        r->rc = rc;
    else if (rc) {
        snprintf(id, sizeof id, "%lld", (long long)ev->id);
        differ(r, "event", id, "its ledger rows cannot be read");
    }
}

static int on_event(void *ctx, const er_event *ev)
{
    struct replay *r = ctx;
    char kind = strcmp(ev->subject_kind, "measure") == 0    ? 'm'
                : strcmp(ev->subject_kind, "supplier") == 0 ? 's'
                : strcmp(ev->subject_kind, "licence") == 0  ? 'l'
                : strcmp(ev->subject_kind, "project") == 0  ? 'p'
                                                            : 0;
    struct expect *e;

    if (ev->payload && strstr(ev->payload, "\"ledger\":"))
        on_ledger_event(r, ev);
    if (strcmp(ev->subject_kind, "reference") == 0)
        return on_reference_event(r, ev);
    if (!kind)
        return 0;
    if (!(e = slot(r, kind, ev->subject))) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    if (kind == 's' || kind == 'l') {
        /* a supplier's name; a licence's holder */
        snprintf(e->hash, sizeof e->hash, "%.64s", ev->reason);
    } else {
        if (strcmp(e->state, ev->from_state) != 0)
            differ(r, ev->subject_kind, ev->subject,
                   "an event starts from a state the "
                   "journal had not reached");
        if (strcmp(ev->kind, "notified") == 0 || strcmp(ev->kind, "edited") == 0 ||
            (kind == 'p' && strcmp(ev->kind, "completed") == 0)) {
            payload_hash(ev->payload, e->hash);
            e->notified = ev->id;
        }
    }
    snprintf(e->state, sizeof e->state, "%s", ev->to_state);
    e->last = ev->id;
    return 0;
}

static int on_measure(void *ctx, const er_measure_rec *m)
{
    struct replay *r = ctx;
    struct expect *e = slot(r, 'm', m->mrn);
    char what[160];

    if (!e) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    if (!e->state[0] && !e->last) {
        differ(r, "measure", m->mrn, "stored, but the journal has no event for it");
        e->seen = true;
        return 0;
    }
    e->seen = true;
    if (strcmp(e->state, m->state) != 0) {
        snprintf(what, sizeof what, "state is %s; the journal says %s", m->state, e->state);
        differ(r, "measure", m->mrn, what);
    }
    if (strcmp(e->hash, m->content_hash) != 0)
        differ(r, "measure", m->mrn, "content differs from what the journal recorded");
    if (e->last != m->last_event)
        differ(r, "measure", m->mrn, "last event differs from the journal's");
    if (e->notified != m->row_event)
        differ(r, "measure", m->mrn, "its row is read from another event than the journal's");
    return 0;
}

static int on_project(void *ctx, const er_project_rec *p)
{
    struct replay *r = ctx;
    struct expect *e = slot(r, 'p', p->project_id);
    char what[160];

    if (!e) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    e->seen = true;
    if (!e->last) {
        differ(r, "project", p->project_id, "stored, but the journal has no event for it");
        return 0;
    }
    if (strcmp(e->state, p->state) != 0) {
        snprintf(what, sizeof what, "state is %s; the journal says %s", p->state, e->state);
        differ(r, "project", p->project_id, what);
    }
    if (strcmp(e->hash, p->content_hash) != 0)
        differ(r, "project", p->project_id, "content differs from what the journal recorded");
    if (e->last != p->last_event)
        differ(r, "project", p->project_id, "last event differs from the journal's");
    return 0;
}

static int on_supplier(void *ctx, const er_supplier *sup)
{
    struct replay *r = ctx;
    struct expect *e = slot(r, 's', sup->code);

    if (!e) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    if (!e->last)
        differ(r, "supplier", sup->code, "stored, but the journal has no event for it");
    else if (strncmp(e->hash, sup->name, 64) != 0)
        differ(r, "supplier", sup->code, "name differs from the journal's");
    e->seen = true;
    return 0;
}

static int on_licence(void *ctx, const er_licence *lic)
{
    struct replay *r = ctx;
    struct expect *e = slot(r, 'l', lic->reference);
    char what[96];

    if (!e) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    if (!e->last) {
        differ(r, "licence", lic->reference, "stored, but the journal has no event for it");
    } else if (strcmp(e->hash, lic->supplier) != 0) {
        snprintf(what, sizeof what, "held by %s; the journal says %.8s", lic->supplier, e->hash);
        differ(r, "licence", lic->reference, what);
    }
    e->seen = true;
    return 0;
}

/* The order of er_store_reference_each: list, value, value2, byte for
 * byte. */
static int ref_order(const er_reference *a, const er_reference *b)
{
    int c = strcmp(a->list, b->list);

    if (!c)
        c = strcmp(a->value, b->value);
    return c ? c : strcmp(a->value2, b->value2);
}

static int ref_expect_order(const void *a, const void *b)
{
    return ref_order(&((const struct ref_expect *)a)->ref, &((const struct ref_expect *)b)->ref);
}

/* One stored entry, in order: the journal's entries before it are left
 * unseen (references_missing reports them); an equal one is seen. */
static int on_reference(void *ctx, const er_reference *ref)
{
    struct replay *r = ctx;
    char what[ER_REFERENCE_VALUE_MAX * 2 + 64];
    int c = 1;

    while (r->ref_at < r->n_refs && (c = ref_order(&r->refs[r->ref_at].ref, ref)) < 0)
        r->ref_at++;
    if (r->ref_at < r->n_refs && c == 0) {
        r->refs[r->ref_at++].seen = true;
        return 0;
    }
    snprintf(what, sizeof what, "'%s'%s%s stored, but the journal has no event for it",
             ref->value, ref->value2[0] ? " with " : "", ref->value2);
    differ(r, "reference", ref->list, what);
    return 0;
}

/* Entries the journal added that the store does not hold. */
static void references_missing(struct replay *r)
{
    char what[ER_REFERENCE_VALUE_MAX * 2 + 64];
    size_t i;

    for (i = 0; i < r->n_refs; i++) {
        const er_reference *ref = &r->refs[i].ref;

        if (r->refs[i].seen)
            continue;
        snprintf(what, sizeof what, "'%s'%s%s in the journal, but not stored", ref->value,
                 ref->value2[0] ? " with " : "", ref->value2);
        differ(r, "reference", ref->list, what);
    }
}

/* ---- the obligation ledger ----------------------------------------- */

static int on_ledger_row(void *ctx, const er_ledger_row *row)
{
    struct replay *r = ctx;

    return (r->rc = ledger_push(&r->stored, row)) != ER_OK;
}

static bool same_row(const er_ledger_row *a, const er_ledger_row *b)
{
    return a->event == b->event && a->scheme == b->scheme && strcmp(a->op, b->op) == 0 &&
           strcmp(a->supplier, b->supplier) == 0 &&
           strcmp(a->to_supplier, b->to_supplier) == 0 && strcmp(a->subject, b->subject) == 0 &&
           a->amount == b->amount && a->tags == b->tags && strcmp(a->key, b->key) == 0 &&
           a->year == b->year && a->completed == b->completed;
}

/* Row by row: the table holds what the events carry, in their order. */
static void compare_rows(struct replay *r)
{
    const ledger_batch *j = &r->ledger, *t = &r->stored;
    char key[32], what[160];
    size_t i;

    for (i = 0; i < j->n || i < t->n; i++) {
        const er_ledger_row *a = i < j->n ? &j->rows[i] : NULL, *b = i < t->n ? &t->rows[i] : NULL;

        if (a && b && same_row(a, b))
            continue;
        snprintf(key, sizeof key, "%zu", i + 1);
        if (!b)
            snprintf(what, sizeof what, "%s of %.63s in event %lld, but not stored", a->op,
                     a->subject, (long long)a->event);
        else if (!a)
            snprintf(what, sizeof what, "%s of %.63s stored (seq %lld), but in no event", b->op,
                     b->subject, (long long)b->seq);
        else
            snprintf(what, sizeof what, "%s of %.63s stored (seq %lld) differs from event %lld's",
                     b->op, b->subject, (long long)b->seq, (long long)a->event);
        differ(r, "ledger", key, what);
    }
}

/* Scheme `id`'s rows of `b` replayed without caps (caps move amounts
 * between delivered and cut, both sides alike). */
static er_status replay_balances(const ledger_batch *b, er_scheme_id id, er_ledger_result *out,
                                 er_error *err)
{
    er_obligation_caps none = { .n = 0 };
    er_ledger_entry *e = er_calloc(b->n + 1, sizeof *e);
    size_t i, n = 0;
    er_status rc;

    if (!e)
        return ER_ENOMEM;
    for (i = 0; i < b->n; i++)
        if (b->rows[i].scheme == id && er_obligation_entry(&b->rows[i], &none, &e[n]) == ER_OK) {
            e[n].id = (int64_t)i + 1; /* the decision order, on both sides */
            n++;
        }
    rc = er_ledger_run(e, n, NULL, 0, out, err);
    er_free(e);
    return rc;
}

/* Each balance of `from` against its supplier's in `other`: missing, or
 * (from the journal's side) different. */
static void balances_against(struct replay *r, er_scheme_id id, const er_ledger_result *from,
                             const er_ledger_result *other, bool journal)
{
    char key[16], what[160];
    size_t i;

    for (i = 0; i < from->n_balances; i++) {
        const er_ledger_balance *a = &from->balances[i];
        const er_ledger_balance *b = er_ledger_balance_of(other, a->supplier);
        const er_ledger_balance *jb = journal ? a : b, *tb = journal ? b : a;

        snprintf(key, sizeof key, "%s/%s", er_scheme_name(id), a->supplier);
        if (!b)
            differ(r, "balance", key,
                   journal ? "in the journal, not stored" : "stored, not in the journal");
        else if (journal && (jb->obligation != tb->obligation || jb->delivered != tb->delivered)) {
            snprintf(what, sizeof what,
                     "obligation %lld, delivered %lld by the journal; %lld, %lld by the ledger "
                     "table",
                     (long long)jb->obligation, (long long)jb->delivered, (long long)tb->obligation,
                     (long long)tb->delivered);
            differ(r, "balance", key, what);
        }
    }
}

/* Every supplier's balance from the journal equals its balance from the
 * ledger table. */
static er_status compare_balances(struct replay *r)
{
    er_ledger_result j = { 0 }, t = { 0 };
    er_error err = { 0 };
    int id;
    er_status rc = ER_OK;

    for (id = 0; !rc && id < ER_SCHEME_COUNT; id++) {
        if ((rc = replay_balances(&r->ledger, (er_scheme_id)id, &j, &err)) == ER_OK &&
            (rc = replay_balances(&r->stored, (er_scheme_id)id, &t, &err)) == ER_OK) {
            balances_against(r, (er_scheme_id)id, &j, &t, true);
            balances_against(r, (er_scheme_id)id, &t, &j, false);
        } else if (rc == ER_EINVAL) { /* a malformed row: say so, go on */
            differ(r, "ledger", er_scheme_name((er_scheme_id)id), err.message);
            rc = ER_OK;
        }
        er_ledger_result_free(&j);
        er_ledger_result_free(&t);
    }
    return rc;
}

er_status er_register_verify(er_store *s, er_verify_fn fn, void *ctx, size_t *n_differences,
                             er_error *err)
{
    er_measure_filter all = { .scheme = -1,
                              .completed_from = ER_DATE_NONE,
                              .completed_to = ER_DATE_NONE };
    struct replay r = { .fn = fn, .ctx = ctx };
    er_status rc;
    size_t i;

    if ((rc = er_store_events(s, NULL, NULL, on_event, &r)) == ER_OK && !r.rc)
        rc = er_store_measure_each(s, &all, on_measure, &r);
    if (rc == ER_OK && !r.rc)
        rc = er_store_supplier_each(s, on_supplier, &r);
    if (rc == ER_OK && !r.rc)
        rc = er_store_licence_each(s, on_licence, &r);
    if (rc == ER_OK && !r.rc) {
        if (r.n_refs)
            qsort(r.refs, r.n_refs, sizeof *r.refs, ref_expect_order);
        rc = er_store_reference_each(s, NULL, on_reference, &r);
    }
    if (rc == ER_OK && !r.rc)
        rc = er_store_project_each(s, on_project, &r);
    if (rc == ER_OK && !r.rc)
        rc = er_store_ledger_each(s, -1, NULL, on_ledger_row, &r);
    if (rc == ER_OK && r.rc)
        rc = r.rc;
    if (rc == ER_OK) {
        compare_rows(&r);
        rc = compare_balances(&r);
    }
    for (i = 0; rc == ER_OK && i < r.cap; i++) {
        struct expect *e = &r.slots[i];

        if (e->key[0] && !e->seen && e->last)
            differ(&r,
                   e->kind == 'm'   ? "measure"
                   : e->kind == 'p' ? "project"
                   : e->kind == 'l' ? "licence"
                                    : "supplier",
                   e->key, "in the journal, but not stored");
    }
    if (rc == ER_OK)
        references_missing(&r);
    er_free(r.slots);
    er_free(r.refs);
    ledger_batch_free(&r.ledger);
    ledger_batch_free(&r.stored);
    *n_differences = r.differences;
    if (rc)
        return er_error_set(err, rc, 0, "", "verify: %s", er_strerror(rc));
    return ER_OK;
}
