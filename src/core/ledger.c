/*
 * ledger.c: the obligation ledger replayed (ledger.h).
 *
 * Suppliers, subjects and cap keys are strings; before the replay each is
 * given a number (a hash table over the entries' own strings; suppliers
 * then renumbered in code order), so that the replay itself works on
 * arrays: per supplier its position,
 * per subject the award it holds, per (supplier, cap, key) the money a
 * share cap has counted and per (cap, key) the awards a count cap has
 * counted.
 */
#include "ecoreg/ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"

/* Parts per million: a share cap's limit is limit / PPM of the obligation. */
#define PPM 1000000

/* Largest amount an entry may carry: £10^13 a year in pence, far above any
 * obligation, and small enough that sums of millions of them and a limit's
 * product with PPM stay inside 64 bits. */
#define AMOUNT_MAX ((int64_t)1 << 50)

/* Strings given numbers 0, 1, ... in the order first seen: an open-
 * addressing table of FNV-1a hashes over the entries' own strings, grown
 * as it fills. */
struct names {
    const char **v; /* by number */
    size_t n;
    size_t *slot; /* number + 1, or 0 for an empty slot */
    size_t cap;   /* a power of two, more than twice n */
    bool oom;     /* memory ran out: every later number is 0 */
};

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

/* The table at twice its size, its names kept; false when out of memory. */
static bool names_grow(struct names *t)
{
    size_t cap = t->cap ? 2 * t->cap : 64, i, j;
    size_t *slot = er_calloc(cap, sizeof *slot);
    const char **v = er_realloc(t->v, (cap / 2) * sizeof *v);

    if (v)
        t->v = v;
    if (!slot || !v) {
        er_free(slot);
        return false;
    }
    for (i = 0; i < t->n; i++) {
        for (j = fnv(t->v[i]) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
            ;
        slot[j] = i + 1;
    }
    er_free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return true;
}

/* The number of `s`, given it when new. */
static size_t names_id(struct names *t, const char *s)
{
    size_t i;

    if (!t->oom && (t->n + 1) * 2 >= t->cap && !names_grow(t))
        t->oom = true;
    if (t->oom)
        return 0;
    for (i = fnv(s) & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
        if (strcmp(t->v[t->slot[i] - 1], s) == 0)
            return t->slot[i] - 1;
    t->v[t->n] = s;
    t->slot[i] = ++t->n;
    return t->n - 1;
}

static void names_free(struct names *t)
{
    er_free(t->v);
    er_free(t->slot);
}

/* The award a subject holds. */
struct held {
    bool held;
    bool took_count; /* it counts under its count caps */
    size_t supplier, key;
    int64_t amount, counted;
    uint32_t caps;
    int cut_by; /* the cap that cut it, or -1 */
};

struct run {
    const er_ledger_entry *e;
    size_t n;
    const er_ledger_cap *caps;
    size_t n_caps;
    struct names suppliers, subjects, keys; /* suppliers: by code, v only */
    size_t *subject_of, *key_of;            /* per entry */
    size_t *supplier_of;                    /* per entry: [2i] its supplier, [2i+1] to_supplier */
    size_t refusals_cap;
    bool oom;            /* a refusal could not be kept */
    struct held *held;   /* per subject */
    int64_t *share_used; /* [(supplier * n_caps + cap) * n_keys + key] */
    int64_t *count_used; /* [cap * n_keys + key] */
    er_ledger_result *out;
};

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when `caps` names a keyed cap. */
static bool keyed(const struct run *r, uint32_t caps)
{
    size_t c;

    for (c = 0; c < r->n_caps; c++)
        if ((caps >> c & 1) && r->caps[c].keyed)
            return true;
    return false;
}

static bool uses_subject(er_ledger_op op)
{
    return op == ER_LEDGER_AWARD || op == ER_LEDGER_SUPERSEDE || op == ER_LEDGER_REVOKE ||
           op == ER_LEDGER_TRANSFER;
}

static bool uses_to_supplier(er_ledger_op op)
{
    return op == ER_LEDGER_TRANSFER || op == ER_LEDGER_TRADE;
}

/* ER_EINVAL naming the entry (row i + 1) unless it is well formed. */
static er_status entry_check(const er_ledger_entry *e, size_t i, size_t n_caps, er_error *err)
{
    long row = (long)i + 1;

    if (i > 0 && e->id <= e[-1].id)
        return er_error_set(err, ER_EINVAL, row, "id", "ids must ascend: %lld after %lld",
                            (long long)e->id, (long long)e[-1].id);
    if (e->op < ER_LEDGER_AWARD || e->op > ER_LEDGER_TRADE)
        return er_error_set(err, ER_EINVAL, row, "op", "no such operation");
    if (!memchr(e->supplier, '\0', sizeof e->supplier) || !e->supplier[0] ||
        !memchr(e->to_supplier, '\0', sizeof e->to_supplier) ||
        !memchr(e->subject, '\0', sizeof e->subject) || !memchr(e->key, '\0', sizeof e->key))
        return er_error_set(err, ER_EINVAL, row, "supplier", "a name is empty or unterminated");
    if (uses_to_supplier(e->op) && !e->to_supplier[0])
        return er_error_set(err, ER_EINVAL, row, "to_supplier", "no supplier to move it to");
    if (uses_subject(e->op) && !e->subject[0])
        return er_error_set(err, ER_EINVAL, row, "subject", "no subject");
    if (e->amount < -AMOUNT_MAX || e->amount > AMOUNT_MAX ||
        (e->op == ER_LEDGER_AWARD && e->amount < 0) || (e->op == ER_LEDGER_TRADE && e->amount <= 0))
        return er_error_set(err, ER_EINVAL, row, "amount", "%lld is out of range",
                            (long long)e->amount);
    if (e->op == ER_LEDGER_AWARD && n_caps < 32 && (e->caps >> n_caps) != 0)
        return er_error_set(err, ER_EINVAL, row, "caps", "names a cap that does not exist");
    return ER_OK;
}

/* Numbers every supplier, subject and key the entries name.  Suppliers
 * are then numbered again in code order, the order of the balances. */
static er_status name_all(struct run *r)
{
    struct names sup = { 0 };
    size_t i, *order;

    r->subject_of = er_calloc(r->n + 1, sizeof *r->subject_of);
    r->key_of = er_calloc(r->n + 1, sizeof *r->key_of);
    r->supplier_of = er_calloc(2 * r->n + 1, sizeof *r->supplier_of);
    if (!r->subject_of || !r->key_of || !r->supplier_of)
        return ER_ENOMEM;
    names_id(&r->keys, ""); /* key 0: every unkeyed use */
    for (i = 0; i < r->n; i++) {
        const er_ledger_entry *e = &r->e[i];

        r->supplier_of[2 * i] = names_id(&sup, e->supplier);
        if (uses_to_supplier(e->op))
            r->supplier_of[2 * i + 1] = names_id(&sup, e->to_supplier);
        if (uses_subject(e->op))
            r->subject_of[i] = names_id(&r->subjects, e->subject);
        if (e->op == ER_LEDGER_AWARD && keyed(r, e->caps))
            r->key_of[i] = names_id(&r->keys, e->key);
    }
    if (sup.oom || r->subjects.oom || r->keys.oom) {
        names_free(&sup);
        return ER_ENOMEM;
    }
    /* code order: sort the few distinct codes, then renumber */
    r->suppliers.v = er_calloc(sup.n + 1, sizeof *r->suppliers.v);
    order = er_calloc(sup.n + 1, sizeof *order);
    if (!r->suppliers.v || !order) {
        er_free(order);
        names_free(&sup);
        return ER_ENOMEM;
    }
    r->suppliers.n = sup.n;
    if (sup.n) {
        memcpy(r->suppliers.v, sup.v, sup.n * sizeof *sup.v);
        qsort(r->suppliers.v, sup.n, sizeof *r->suppliers.v, by_string);
    }
    for (i = 0; i < sup.n; i++) {
        const char **at = bsearch(&sup.v[i], r->suppliers.v, sup.n, sizeof *sup.v, by_string);

        order[i] = (size_t)(at - r->suppliers.v);
    }
    for (i = 0; i < 2 * r->n; i++)
        r->supplier_of[i] = order[r->supplier_of[i]];
    er_free(order);
    names_free(&sup);
    return ER_OK;
}

static er_status allocate(struct run *r)
{
    size_t s = r->suppliers.n, c = r->n_caps ? r->n_caps : 1, k = r->keys.n, most = 0, i;
    er_ledger_result *o = r->out;

    if (s && c * k > SIZE_MAX / sizeof(int64_t) / s)
        return ER_ENOMEM;
    r->held = er_calloc(r->subjects.n + 1, sizeof *r->held);
    r->share_used = er_calloc(s * c * k + 1, sizeof *r->share_used);
    r->count_used = er_calloc(c * k + 1, sizeof *r->count_used);
    for (i = 0; i < r->n; i++) /* a posting an entry, two for a move */
        most += 1 + uses_to_supplier(r->e[i].op);
    o->postings = er_malloc((most + 1) * sizeof *o->postings);
    o->balances = er_calloc(s + 1, sizeof *o->balances);
    if (!r->held || !r->share_used || !r->count_used || !o->postings || !o->balances)
        return ER_ENOMEM;
    for (o->n_balances = 0; o->n_balances < s; o->n_balances++)
        memcpy(o->balances[o->n_balances].supplier, r->suppliers.v[o->n_balances],
               strlen(r->suppliers.v[o->n_balances]) + 1);
    return ER_OK;
}

static int64_t *share_slot(struct run *r, size_t supplier, size_t cap, size_t key)
{
    return &r->share_used[(supplier * r->n_caps + cap) * r->keys.n +
                          (r->caps[cap].keyed ? key : 0)];
}

static int64_t *count_slot(struct run *r, size_t cap, size_t key)
{
    return &r->count_used[cap * r->keys.n + (r->caps[cap].keyed ? key : 0)];
}

/* A share cap's room: limit/PPM of the obligation (none when it is not
 * positive), less what the cap has counted; never below 0. */
static int64_t share_room(struct run *r, size_t supplier, size_t cap, size_t key)
{
    int64_t obligation = r->out->balances[supplier].obligation, limit;

    if (obligation <= 0)
        return 0;
    limit = (int64_t)((__int128)obligation * r->caps[cap].limit / PPM);
    limit -= *share_slot(r, supplier, cap, key);
    return limit > 0 ? limit : 0;
}

static er_ledger_posting *post(struct run *r, size_t entry, size_t supplier)
{
    er_ledger_posting *p = &r->out->postings[r->out->n_postings++];

    memset(p, 0, sizeof *p);
    p->entry = entry;
    memcpy(p->supplier, r->suppliers.v[supplier], strlen(r->suppliers.v[supplier]) + 1);
    p->cut_by = -1;
    return p;
}

static void refuse(struct run *r, size_t entry, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void refuse(struct run *r, size_t entry, const char *fmt, ...)
{
    er_ledger_result *o = r->out;
    er_ledger_refusal *f;
    va_list ap;

    if (o->n_refusals == r->refusals_cap) {
        size_t cap = r->refusals_cap ? 2 * r->refusals_cap : 16;

        if (!(f = er_realloc(o->refusals, cap * sizeof *f))) {
            r->oom = true;
            return;
        }
        o->refusals = f;
        r->refusals_cap = cap;
    }
    f = &o->refusals[o->n_refusals++];
    f->entry = entry;
    va_start(ap, fmt);
    vsnprintf(f->reason, sizeof f->reason, fmt, ap);
    va_end(ap);
}

/* What the held award h counts, added to (sign 1) or taken from (-1) the
 * caps it comes under: its money under each share cap, its place under
 * each count cap when it took one. */
static void use_caps(struct run *r, const struct held *h, int sign)
{
    size_t c;

    for (c = 0; c < r->n_caps; c++) {
        if (!(h->caps >> c & 1))
            continue;
        if (r->caps[c].basis == ER_CAP_SHARE)
            *share_slot(r, h->supplier, c, h->key) += sign * h->counted;
        else if (h->took_count)
            *count_slot(r, c, h->key) += sign;
    }
}

/* Each balance's money under each share cap, every key: the sum of its
 * slots. */
static void sum_caps(struct run *r)
{
    size_t s, c, k;

    for (s = 0; s < r->suppliers.n; s++)
        for (c = 0; c < r->n_caps; c++)
            for (k = 0; k < (r->caps[c].keyed ? r->keys.n : 1); k++)
                r->out->balances[s].cap_used[c] += *share_slot(r, s, c, k);
}

/* Decides an award of h->amount to `supplier`, under h->caps, now: it
 * counts as far as the tightest of its caps has room. */
static void decide(struct run *r, size_t entry, size_t supplier, struct held *h)
{
    er_ledger_balance *b = &r->out->balances[supplier];
    er_ledger_posting *p = post(r, entry, supplier);
    int64_t counted = h->amount;
    size_t c;

    for (c = 0; c < r->n_caps; c++) {
        int64_t room;

        if (!(h->caps >> c & 1))
            continue;
        room = r->caps[c].basis == ER_CAP_SHARE               ? share_room(r, supplier, c, h->key)
               : *count_slot(r, c, h->key) < r->caps[c].limit ? h->amount
                                                              : 0;
        if (room < counted) {
            counted = room;
            p->cut_by = (int)c;
        }
    }
    h->held = true;
    h->supplier = supplier;
    h->counted = counted;
    h->cut_by = p->cut_by;
    h->took_count = counted > 0;
    use_caps(r, h, 1);
    p->delivered = counted;
    p->cut = h->amount - counted;
    b->delivered += counted;
    b->cut += p->cut;
}

/* The award stops counting: what it used of its caps is freed, and what
 * they cut of it is no longer a cut (the balance's cut is of what counts). */
static void withdraw(struct run *r, size_t entry, struct held *h)
{
    er_ledger_balance *b = &r->out->balances[h->supplier];
    er_ledger_posting *p = post(r, entry, h->supplier);

    use_caps(r, h, -1);
    p->delivered = -h->counted;
    p->cut = -(h->amount - h->counted);
    p->cut_by = p->cut ? h->cut_by : -1;
    b->delivered -= h->counted;
    b->cut += p->cut;
    h->held = false;
}

static void step(struct run *r, size_t i)
{
    const er_ledger_entry *e = &r->e[i];
    size_t from = r->supplier_of[2 * i];
    size_t to = uses_to_supplier(e->op) ? r->supplier_of[2 * i + 1] : from;
    struct held *h = uses_subject(e->op) ? &r->held[r->subject_of[i]] : NULL;

    if (h && e->op != ER_LEDGER_AWARD && !h->held) {
        refuse(r, i, "%s has no award that counts", e->subject);
        return;
    }
    if (h && e->op != ER_LEDGER_AWARD && h->supplier != from) {
        refuse(r, i, "%s is held by %s, not by %s", e->subject, r->suppliers.v[h->supplier],
               e->supplier);
        return;
    }
    if (uses_to_supplier(e->op) && to == from) {
        refuse(r, i, "%s cannot move it to itself", e->supplier);
        return;
    }
    switch (e->op) {
    case ER_LEDGER_AWARD:
        if (h->held) {
            refuse(r, i, "%s already has an award that counts (for %s)", e->subject,
                   r->suppliers.v[h->supplier]);
            return;
        }
        h->amount = e->amount;
        h->caps = e->caps;
        h->key = r->key_of[i];
        decide(r, i, from, h);
        break;
    case ER_LEDGER_SUPERSEDE:
    case ER_LEDGER_REVOKE: withdraw(r, i, h); break;
    case ER_LEDGER_TRANSFER:
        withdraw(r, i, h);
        decide(r, i, to, h);
        break;
    case ER_LEDGER_OBLIGATION:
        post(r, i, from)->obligation = e->amount;
        r->out->balances[from].obligation += e->amount;
        break;
    case ER_LEDGER_TRADE:
        if (e->amount > r->out->balances[from].obligation) {
            refuse(r, i, "%s cannot trade %lld, more than its obligation %lld", e->supplier,
                   (long long)e->amount, (long long)r->out->balances[from].obligation);
            return;
        }
        post(r, i, from)->obligation = -e->amount;
        post(r, i, to)->obligation = e->amount;
        r->out->balances[from].obligation -= e->amount;
        r->out->balances[to].obligation += e->amount;
        break;
    }
}

er_status er_ledger_run(const er_ledger_entry *entries, size_t n, const er_ledger_cap *caps,
                        size_t n_caps, er_ledger_result *out, er_error *err)
{
    struct run r = { .e = entries, .n = n, .caps = caps, .n_caps = n_caps, .out = out };
    er_status rc = ER_OK;
    size_t i;

    memset(out, 0, sizeof *out);
    if ((!entries && n) || (!caps && n_caps) || n_caps > ER_LEDGER_CAPS_MAX)
        return er_error_set(err, ER_EINVAL, 0, "caps", "no entries, or more than %d caps",
                            ER_LEDGER_CAPS_MAX);
    for (i = 0; i < n_caps; i++)
        if (caps[i].limit < 0 || caps[i].limit > AMOUNT_MAX ||
            (caps[i].basis != ER_CAP_SHARE && caps[i].basis != ER_CAP_COUNT))
            return er_error_set(err, ER_EINVAL, 0, "caps", "cap %zu is malformed", i);
    for (i = 0; i < n && rc == ER_OK; i++)
        rc = entry_check(&entries[i], i, n_caps, err);
    if (rc == ER_OK && ((rc = name_all(&r)) != ER_OK || (rc = allocate(&r)) != ER_OK))
        er_error_set(err, rc, 0, "", "out of memory");
    for (i = 0; rc == ER_OK && i < n && !r.oom; i++)
        step(&r, i);
    if (rc == ER_OK)
        sum_caps(&r);
    if (rc == ER_OK && r.oom)
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    er_free(r.suppliers.v);
    names_free(&r.subjects);
    names_free(&r.keys);
    er_free(r.subject_of);
    er_free(r.key_of);
    er_free(r.supplier_of);
    er_free(r.held);
    er_free(r.share_used);
    er_free(r.count_used);
    if (rc != ER_OK)
        er_ledger_result_free(out);
    return rc;
}

void er_ledger_result_free(er_ledger_result *r)
{
    if (!r)
        return;
    er_free(r->postings);
    er_free(r->balances);
    er_free(r->refusals);
    memset(r, 0, sizeof *r);
}

const er_ledger_balance *er_ledger_balance_of(const er_ledger_result *r, const char *supplier)
{
    size_t i;

    for (i = 0; r && supplier && i < r->n_balances; i++)
        if (strcmp(r->balances[i].supplier, supplier) == 0)
            return &r->balances[i];
    return NULL;
}

/* ---- GBIS target years (seed 004 ch. 1) ---- */

er_status er_gbis_years(const er_gbis_years_in *in, er_gbis_year out[ER_GBIS_YEARS], er_error *err)
{
    int y;

    memset(out, 0, ER_GBIS_YEARS * sizeof *out);
    if (in->carry_under_ppm < 0 || in->carry_under_ppm > PPM)
        return er_error_set(err, ER_EINVAL, 0, "carry_under", "a share is 0 to 100%%");
    for (y = 0; y < ER_GBIS_YEARS; y++)
        if (in->target[y] < 0 || in->target[y] > AMOUNT_MAX || in->delivered[y] < 0 ||
            in->delivered[y] > AMOUNT_MAX || in->rejected[y] < 0 ||
            in->rejected[y] > in->delivered[y])
            return er_error_set(err, ER_EINVAL, y + 1, "year",
                                "amounts are 0 or more, rejected at most delivered");
    for (y = 0; y < ER_GBIS_YEARS; y++) {
        er_gbis_year *o = &out[y];
        int64_t balance;

        if (y > 0) {
            o->carried_over_in = out[y - 1].surplus;
            o->carried_under_in = out[y - 1].carried_under;
            o->made_up = in->rejected[y - 1];
        }
        o->required = in->target[y] + o->carried_under_in + o->made_up - o->carried_over_in;
        o->delivered = in->delivered[y];
        balance = o->delivered - o->required;
        if (balance >= 0 && y < ER_GBIS_YEARS - 1) {
            o->surplus = balance; /* "Carry-over": unlimited, years 1 and 2 */
        } else if (balance < 0 && y == 0) {
            /* "Carry-under": up to the share of the year 1 target */
            int64_t most = (int64_t)((__int128)in->target[0] * in->carry_under_ppm / PPM);

            o->carried_under = -balance < most ? -balance : most;
            o->shortfall = -balance - o->carried_under;
        } else if (balance < 0) {
            o->shortfall = -balance;
        }
        if (y == ER_GBIS_YEARS - 1) /* none left to make them up in */
            o->shortfall += in->rejected[y];
    }
    return ER_OK;
}
