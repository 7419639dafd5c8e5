/*
 * move.c: trades of obligation and transfers of qualifying measures
 * between suppliers (obligation.h; seed 004 ch. 5 "Trading and
 * Transfers"; docs/ledger.md).  A request is a subject of the journal,
 * ("trade" or "transfer", its ID): "requested" by the supplier giving,
 * "accepted" by the one receiving, then "approved" or "refused" by the
 * administrator, once.  Its state is its last event's; nothing is stored
 * beside the journal but the ledger rows an approval writes.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "eco4_reg.h"
#include "ecoreg/alloc.h"
#include "ecoreg/deadline.h"
#include "ecoreg/obligation.h"
#include "event.h"
#include "ledger_reg.h"
#include "strmap.h"

static const char *const kind_names[] = {
    [ER_MOVE_TRADE] = "trade", [ER_MOVE_TRANSFER] = "transfer"
};
static const char *const id_names[] = {
    [ER_MOVE_TRADE] = "TRADE", [ER_MOVE_TRANSFER] = "TRANSFER"
};

const char *er_move_kind_name(er_move_kind k)
{
    return k == ER_MOVE_TRADE || k == ER_MOVE_TRANSFER ? kind_names[k] : "?";
}

er_status er_move_step_parse(const char *s, er_move_step *out)
{
    static const char *const names[] = { "accept", "approve", "refuse" };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *out = (er_move_step)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

void er_move_free(er_move *m)
{
    if (!m)
        return;
    er_free(m->measures);
    m->measures = NULL;
    m->n_measures = 0;
}

/* ---- the request in the journal ------------------------------------ */

static void payload_write(er_jsonw *w, const er_move *m)
{
    char num[48];
    size_t i;

    er_jsonw_lit(w, "{\"scheme\":");
    er_jsonw_string(w, er_scheme_name(m->scheme));
    er_jsonw_lit(w, ",\"from\":");
    er_jsonw_string(w, m->from);
    er_jsonw_lit(w, ",\"to\":");
    er_jsonw_string(w, m->to);
    snprintf(num, sizeof num, ",\"year\":%d,\"amount\":%lld,\"measures\":[", m->year,
             (long long)m->amount);
    er_jsonw_lit(w, num);
    for (i = 0; i < m->n_measures; i++) {
        if (i)
            er_jsonw_lit(w, ",");
        er_jsonw_string(w, m->measures[i]);
    }
    er_jsonw_lit(w, "]}");
}

/* The request a "requested" event's payload holds into *m. */
static er_status payload_parse(const char *payload, er_move_kind kind, er_move *m)
{
    cJSON *doc = payload ? cJSON_Parse(payload) : NULL;
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(doc, "year");
    const cJSON *amount = cJSON_GetObjectItemCaseSensitive(doc, "amount");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "measures"), *mrn;
    char scheme[8];
    er_status rc = ER_EPARSE;

    memset(m, 0, sizeof *m);
    m->kind = kind;
    if (!ledger_json_text(doc, "scheme", scheme, sizeof scheme) ||
        er_scheme_parse(scheme, &m->scheme) != ER_OK ||
        !ledger_json_text(doc, "from", m->from, sizeof m->from) ||
        !ledger_json_text(doc, "to", m->to, sizeof m->to) || !cJSON_IsNumber(year) ||
        !cJSON_IsNumber(amount) || !cJSON_IsArray(list))
        goto done;
    m->year = year->valueint;
    m->amount = (int64_t)amount->valuedouble; /* whole pence, below 2^53 */
    if (cJSON_GetArraySize(list) &&
        !(m->measures = er_calloc((size_t)cJSON_GetArraySize(list), sizeof *m->measures))) {
        rc = ER_ENOMEM;
        goto done;
    }
    cJSON_ArrayForEach(mrn, list)
    {
        const char *v = cJSON_GetStringValue(mrn);

        if (!v || strlen(v) >= ER_MRN_MAX)
            goto done;
        memcpy(m->measures[m->n_measures++], v, strlen(v) + 1);
    }
    rc = ER_OK;
done:
    cJSON_Delete(doc);
    if (rc)
        er_move_free(m);
    return rc;
}

struct reading {
    er_move_kind kind;
    er_move *m;
    char *state;
    bool found;
    er_status rc;
};

static int read_event(void *ctx, const er_event *ev)
{
    struct reading *r = ctx;

    if (strcmp(ev->kind, "requested") == 0) {
        r->found = true;
        r->rc = payload_parse(ev->payload, r->kind, r->m);
    }
    snprintf(r->state, ER_STATE_MAX, "%s", ev->to_state);
    return r->rc != ER_OK;
}

er_status er_register_move_get(er_store *s, er_move_kind kind, const char *id, er_move *out,
                               char state[ER_STATE_MAX], er_error *err)
{
    struct reading r = { .kind = kind, .m = out, .state = state };
    er_status rc;

    memset(out, 0, sizeof *out);
    state[0] = '\0';
    if (!id || !*id)
        return er_error_set(err, ER_EINVAL, 0, "id", "no request named");
    rc = er_store_events(s, er_move_kind_name(kind), id, read_event, &r);
    if (!rc)
        rc = r.rc;
    if (rc)
        return er_error_set(err, rc, 0, "id", "%s %s: %s", er_move_kind_name(kind), id,
                            rc == ER_EPARSE ? "its request cannot be read" : er_strerror(rc));
    if (!r.found)
        return er_error_set(err, ER_ENOTFOUND, 0, "id", "no %s %s", er_move_kind_name(kind), id);
    return ER_OK;
}

/* The next ID of a request of this kind under this scheme: "GBIS-TRADE-3". */
struct counting {
    char prefix[32];
    size_t n;
};

static int count_request(void *ctx, const er_event *ev)
{
    struct counting *c = ctx;

    if (strcmp(ev->kind, "requested") == 0 &&
        strncmp(ev->subject, c->prefix, strlen(c->prefix)) == 0)
        c->n++;
    return 0;
}

static er_status next_id(er_store *s, const er_move *m, char id[ER_EVENT_TEXT_MAX])
{
    struct counting c = { .n = 0 };
    er_status rc;

    snprintf(c.prefix, sizeof c.prefix, "%s-%s-", er_scheme_name(m->scheme), id_names[m->kind]);
    if ((rc = er_store_events(s, er_move_kind_name(m->kind), NULL, count_request, &c)) == ER_OK)
        snprintf(id, ER_EVENT_TEXT_MAX, "%s%zu", c.prefix, c.n + 1);
    return rc;
}

/* ---- who holds a measure ------------------------------------------- */

struct holding {
    char *out;
};

static int holder_event(void *ctx, const er_event *ev)
{
    struct holding *h = ctx;
    cJSON *doc;

    if (strcmp(ev->kind, "transferred") != 0)
        return 0;
    doc = cJSON_Parse(ev->payload ? ev->payload : "");
    ledger_json_text(doc, "to", h->out, ER_SUPPLIER_CODE_MAX);
    cJSON_Delete(doc);
    return 0;
}

er_status move_holder(er_store *s, const char *subject_kind, const char *key, const char *owner,
                      char out[ER_SUPPLIER_CODE_MAX])
{
    struct holding h = { .out = out };

    snprintf(out, ER_SUPPLIER_CODE_MAX, "%s", owner);
    return er_store_events(s, subject_kind, key, holder_event, &h);
}

/* ---- checks -------------------------------------------------------- */

static er_status check_supplier(er_store *s, const char *code, const char *field, er_error *err)
{
    er_supplier sup;
    er_status rc;

    if (!event_supplier_code_ok(code))
        return er_error_set(err, ER_EINVAL, 0, field, "'%s' is not 3 capital letters", code);
    if ((rc = er_store_supplier_get(s, code, &sup)) != ER_OK)
        return er_error_set(err, rc == ER_ENOTFOUND ? ER_EINVAL : rc, 0, field, "%s: %s", code,
                            rc == ER_ENOTFOUND ? "no such supplier" : er_strerror(rc));
    return ER_OK;
}

static er_status check_parties(er_store *s, const er_scheme *scheme, const er_move *m,
                               const char *reason, er_error *err)
{
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a request needs a reason");
    if ((unsigned)m->kind > ER_MOVE_TRANSFER)
        return er_error_set(err, ER_EINVAL, 0, "kind", "neither a trade nor a transfer");
    if (!scheme || scheme->id != m->scheme)
        return er_error_set(err, ER_EINVAL, 0, "scheme", "a %s under %s needs the %s scheme",
                            er_move_kind_name(m->kind), er_scheme_name(m->scheme),
                            er_scheme_name(m->scheme));
    if ((rc = check_supplier(s, m->from, "from", err)) ||
        (rc = check_supplier(s, m->to, "to", err)))
        return rc;
    if (strcmp(m->from, m->to) == 0)
        return er_error_set(err, ER_EINVAL, 0, "to", "%s cannot %s to itself", m->from,
                            er_move_kind_name(m->kind));
    return ER_OK;
}

/* seed 004 ch. 5: GBIS trades "within a six-month period from the start of
 * each annual target period"; ECO4 "up to six months before the scheme
 * ends" (obligation_trading_closes). */
static er_status check_trade_window(const er_scheme *scheme, const er_act *act, const er_move *m,
                                    er_error *err)
{
    const struct er_scheme_obligation *o = &scheme->obligation;
    char today[11], from[11], until[11];
    er_date start, end;

    if (m->amount <= 0 || m->amount > INT64_C(100000000000000))
        return er_error_set(err, ER_EINVAL, 0, "amount",
                            "a trade is more than 0.00 and at most "
                            "a trillion pounds");
    er_date_format_iso(act->today, today);
    if (scheme->id != ER_SCHEME_GBIS) {
        if (m->year != 0)
            return er_error_set(err, ER_EINVAL, 0, "year", "an %s obligation has no year",
                                er_scheme_name(scheme->id));
        if (o->trading_closes == ER_DATE_NONE || act->today <= o->trading_closes)
            return ER_OK;
        er_date_format_iso(o->trading_closes, until);
        return er_error_set(err, ER_EINVAL, 0, "date", "%s trades closed on %s; today is %s",
                            er_scheme_name(scheme->id), until, today);
    }
    if (m->year < 1 || m->year > ER_GBIS_YEARS)
        return er_error_set(err, ER_EINVAL, 0, "year",
                            "a GBIS trade is of a year 1, 2 or 3 "
                            "target");
    if ((start = o->target_year_start[m->year - 1]) == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "year", "the scheme gives no start for year %d",
                            m->year);
    end = o->trading_window_months ? er_deadline_add_months(start, o->trading_window_months)
                                   : ER_DATE_NONE;
    if (act->today >= start && (end == ER_DATE_NONE || act->today < end))
        return ER_OK;
    er_date_format_iso(start, from);
    er_date_format_iso(end != ER_DATE_NONE ? end - 1 : start, until);
    return er_error_set(err, ER_EINVAL, 0, "date",
                        "year %d targets are traded from %s to %s; "
                        "today is %s",
                        m->year, from, until, today);
}

/* seed 004 ch. 5, ledger.h: never more than the giving supplier's
 * obligation (under GBIS, its target of the year), as the ledger stands. */
static er_status check_trade_amount(er_store *s, const er_scheme *scheme, const er_move *m,
                                    er_error *err)
{
    er_progress_report r;
    int64_t have = 0;
    char a[32], b[32];
    size_t i;
    er_status rc;

    if ((rc = er_obligation_progress(s, scheme, ER_DATE_NONE, &r, err)) != ER_OK)
        return rc;
    for (i = 0; i < r.n; i++)
        if (strcmp(r.suppliers[i].supplier, m->from) == 0)
            have = m->year ? r.suppliers[i].target[m->year - 1] : r.suppliers[i].obligation;
    er_progress_report_free(&r);
    if (m->amount <= have)
        return ER_OK;
    if (m->year)
        return er_error_set(err, ER_EINVAL, 0, "amount",
                            "%s's year %d target is %s: it cannot "
                            "trade %s",
                            m->from, m->year, ledger_pounds(have, a), ledger_pounds(m->amount, b));
    return er_error_set(err, ER_EINVAL, 0, "amount", "%s's obligation is %s: it cannot trade %s",
                        m->from, ledger_pounds(have, a), ledger_pounds(m->amount, b));
}

/* ---- what a transfer takes ----------------------------------------- */

/* A set of keys in the order added. */
struct keys {
    strmap seen;
    char (*at)[ER_EVENT_TEXT_MAX];
    size_t n, cap;
};

/* Adds `key` unless present: 1 added, 0 present, -1 out of memory. */
static int keys_add(struct keys *k, const char *key)
{
    void **slot;

    if (strmap_get(&k->seen, key))
        return 0;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 16;
        char(*at)[ER_EVENT_TEXT_MAX] = er_realloc(k->at, cap * sizeof *at);

        if (!at)
            return -1;
        k->at = at;
        k->cap = cap;
    }
    if (!(slot = strmap_slot(&k->seen, key)))
        return -1;
    *slot = (void *)1;
    snprintf(k->at[k->n++], ER_EVENT_TEXT_MAX, "%s", key);
    return 1;
}

static void keys_free(struct keys *k)
{
    strmap_free(&k->seen, NULL);
    er_free(k->at);
    memset(k, 0, sizeof *k);
}

/* A transfer being worked out: the units (GBIS measures, ECO4 projects)
 * linked to those named, the measures they hold that still stand, and the
 * ledger subjects that count. */
struct taking {
    er_store *s;
    const er_move *m;
    struct keys units;
    struct keys measures; /* every measure of the units not rejected or revoked */
    struct keys subjects; /* award subjects that may count */
    er_status rc;
};

/* The subjects an award of `unit` or of measure `mrn` counts as: a GBIS
 * measure; an ECO4 project's FPS and each measure's PPS; and the parts of
 * each that count apart (ledger_reg.h). */
static er_status add_subjects(struct taking *t, const char *subject)
{
    char subjects[LEDGER_SUBJECTS][ER_EVENT_TEXT_MAX];
    size_t i;

    ledger_subjects(subject, subjects);
    for (i = 0; i < LEDGER_SUBJECTS; i++)
        if (keys_add(&t->subjects, subjects[i]) < 0)
            return ER_ENOMEM;
    return ER_OK;
}

static int take_measure(void *ctx, const er_measure_rec *mr)
{
    struct taking *t = ctx;
    char subject[ER_EVENT_TEXT_MAX];

    if (strcmp(mr->state, "rejected") == 0 || strcmp(mr->state, "revoked") == 0)
        return 0;
    if (keys_add(&t->measures, mr->mrn) < 0) {
        t->rc = ER_ENOMEM;
        return 1;
    }
    if (mr->scheme == ER_SCHEME_ECO4)
        eco4_pps_subject(mr->project_id, mr->mrn, subject);
    else
        snprintf(subject, sizeof subject, "%s", mr->mrn);
    return (t->rc = add_subjects(t, subject)) != ER_OK;
}

static int take_link(void *ctx, const char *mrn, const char *cited, const char *kind)
{
    struct taking *t = ctx;
    bool eco4 = t->m->scheme == ER_SCHEME_ECO4;

    /* an ECO4 In-fill project cites its supporting projects; a GBIS
     * measure cites its in-fill or insulation measures (notify.c) */
    if (eco4 != (strcmp(kind, ER_LINK_PROJECT_INFILL) == 0))
        return 0;
    if (keys_add(&t->units, mrn) < 0 || keys_add(&t->units, cited) < 0) {
        t->rc = ER_ENOMEM;
        return 1;
    }
    return 0;
}

/* Every unit linked to those already in t->units, and their measures. */
static er_status take_linked(struct taking *t)
{
    er_measure_filter f = { .scheme = (int)t->m->scheme,
                            .completed_from = ER_DATE_NONE,
                            .completed_to = ER_DATE_NONE };
    er_measure_rec mr;
    size_t i;
    er_status rc = ER_OK;

    for (i = 0; !rc && i < t->units.n; i++) {
        const char *unit = t->units.at[i];

        if ((rc = er_store_link_each(t->s, unit, take_link, t)) || (rc = t->rc))
            break;
        if (t->m->scheme == ER_SCHEME_ECO4) {
            snprintf(f.project_id, sizeof f.project_id, "%s", unit);
            if ((rc = add_subjects(t, unit)) ||
                (rc = er_store_measure_each(t->s, &f, take_measure, t)))
                break;
            rc = t->rc;
            continue;
        }
        memset(&mr, 0, sizeof mr);
        if ((rc = er_store_measure_get(t->s, unit, &mr)) == ER_ENOTFOUND) {
            rc = ER_OK; /* a cited measure the register does not hold */
            continue;
        }
        if (!rc && mr.scheme == ER_SCHEME_GBIS)
            take_measure(t, &mr);
        er_store_measure_free(&mr);
        if (!rc)
            rc = t->rc;
    }
    return rc;
}

/* The named measures, each approved and of the giving supplier's scheme,
 * into t->units (as their units). */
static er_status take_named(struct taking *t, er_error *err)
{
    const er_move *m = t->m;
    er_measure_rec mr;
    size_t i;
    er_status rc = ER_OK;

    if (!m->n_measures)
        return er_error_set(err, ER_EINVAL, 0, "measures", "a transfer names its measures");
    for (i = 0; !rc && i < m->n_measures; i++) {
        memset(&mr, 0, sizeof mr);
        if ((rc = er_store_measure_get(t->s, m->measures[i], &mr)) != ER_OK)
            return er_error_set(err, rc == ER_ENOTFOUND ? ER_EINVAL : rc, 0, "measures", "%s: %s",
                                m->measures[i],
                                rc == ER_ENOTFOUND ? "no such measure" : er_strerror(rc));
        /* seed 004 ch. 5: "qualifying measures (i.e. completed and approved
         * measures)" */
        if (mr.scheme != m->scheme)
            rc = er_error_set(err, ER_EINVAL, 0, "measures", "%s is not an %s measure", mr.mrn,
                              er_scheme_name(m->scheme));
        else if (strcmp(mr.state, "approved") != 0)
            rc = er_error_set(err, ER_EINVAL, 0, "measures",
                              "%s is %s: only approved "
                              "measures are transferred",
                              mr.mrn, mr.state);
        else if (keys_add(&t->units, m->scheme == ER_SCHEME_ECO4 ? mr.project_id : mr.mrn) < 0)
            rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        er_store_measure_free(&mr);
    }
    return rc;
}

/* Checks what transfer `m` takes against what it names, and that what
 * counts of it counts for m->from; the awards that count into `counting`
 * when not NULL. */
static er_status check_transfer(er_store *s, const er_move *m, ledger_batch *counting,
                                er_error *err)
{
    struct taking t = { .s = s, .m = m };
    strmap named = { 0 };
    er_ledger_row cur;
    size_t i, n_counting = 0;
    bool found;
    er_status rc = take_named(&t, err);

    for (i = 0; !rc && i < m->n_measures; i++) {
        void **slot = strmap_slot(&named, m->measures[i]);

        if (!slot)
            rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        else
            *slot = (void *)1;
    }
    if (!rc && (rc = take_linked(&t)) != ER_OK)
        rc = er_error_set(err, rc, 0, "measures", "following the measures' links: %s",
                          er_strerror(rc));
    /* seed 004 ch. 5: "all measures that are linked in a project are
     * transferred together" */
    for (i = 0; !rc && i < t.measures.n; i++)
        if (!strmap_get(&named, t.measures.at[i]))
            rc = er_error_set(err, ER_EINVAL, 0, "measures",
                              "the transfer leaves out %s: all "
                              "measures linked in a project are transferred together",
                              t.measures.at[i]);
    for (i = 0; !rc && i < t.subjects.n; i++) {
        if ((rc = ledger_current(s, m->scheme, t.subjects.at[i], &cur, &found)) != ER_OK) {
            rc = er_error_set(err, rc, 0, "measures", "reading the ledger: %s", er_strerror(rc));
            break;
        }
        if (!found)
            continue;
        if (strcmp(cur.supplier, m->from) != 0)
            rc = er_error_set(err, ER_EINVAL, 0, "from", "%s counts for %s, not %s",
                              t.subjects.at[i], cur.supplier, m->from);
        else if (counting && ledger_push(counting, &cur) != ER_OK)
            rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        n_counting++;
    }
    if (!rc && n_counting == 0)
        rc = er_error_set(err, ER_EINVAL, 0, "measures", "the measures count nothing for %s yet",
                          m->from);
    strmap_free(&named, NULL);
    keys_free(&t.units);
    keys_free(&t.measures);
    keys_free(&t.subjects);
    return rc;
}

/* Every check of a request as the register stands now: `applying`, those
 * of the day it is made too (its window, the supplier making it). */
static er_status check(er_store *s, const er_scheme *scheme, const er_act *act, const er_move *m,
                       const char *reason, bool applying, ledger_batch *counting, er_error *err)
{
    const er_date before = scheme ? scheme->obligation.transfer_before : ER_DATE_NONE;
    char day[11];
    er_status rc;

    if ((rc = check_parties(s, scheme, m, reason, err)) != ER_OK)
        return rc;
    if (applying && act->supplier && strcmp(act->supplier, m->from) != 0)
        return er_error_set(err, ER_EINVAL, 0, "supplier", "the request is %s's to make, not %s's",
                            m->from, act->supplier);
    if (m->kind == ER_MOVE_TRADE)
        return applying && (rc = check_trade_window(scheme, act, m, err)) != ER_OK
                   ? rc
                   : check_trade_amount(s, scheme, m, err);
    /* seed 004 ch. 5: "at any time before 31 March 2026" */
    if (applying && before != ER_DATE_NONE && act->today >= before) {
        er_date_format_iso(before, day);
        return er_error_set(err, ER_EINVAL, 0, "date", "%s transfers are made before %s",
                            er_scheme_name(scheme->id), day);
    }
    return check_transfer(s, m, counting, err);
}

/* ---- the steps ----------------------------------------------------- */

static er_status request(er_store *s, const er_scheme *scheme, const er_act *act, const er_move *m,
                         const char *reason, char id[ER_EVENT_TEXT_MAX], er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_status rc;

    if ((rc = check(s, scheme, act, m, reason, true, NULL, err)) != ER_OK)
        return rc;
    if ((rc = next_id(s, m, id)) != ER_OK)
        return er_error_set(err, rc, 0, "id", "reading the journal: %s", er_strerror(rc));
    payload_write(&w, m);
    if (w.oom) {
        er_jsonw_free(&w);
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    event_fill(&ev, act, er_move_kind_name(m->kind), id, "requested", "", ER_MOVE_APPLIED, reason);
    ev.payload = w.p;
    rc = er_store_append(s, &ev, err);
    er_jsonw_free(&w);
    return rc;
}

er_status er_register_move_request(er_store *s, const er_scheme *scheme, const er_act *act,
                                   const er_move *m, const char *reason, char id[ER_EVENT_TEXT_MAX],
                                   er_error *err)
{
    er_status rc;

    id[0] = '\0';
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = request(s, scheme, act, m, reason, id, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc) {
        er_store_rollback(s);
        id[0] = '\0';
    }
    return rc;
}

/* A "transferred" event on a measure or project `key` in state `state`
 * (unchanged), saying who holds it now; its last event set by the caller. */
static er_status mark(er_store *s, const er_act *act, const char *kind, const char *key,
                      const char *state, const char *id, const er_move *m, const char *reason,
                      int64_t *event, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_status rc;

    er_jsonw_lit(&w, "{\"transfer\":");
    er_jsonw_string(&w, id);
    er_jsonw_lit(&w, ",\"from\":");
    er_jsonw_string(&w, m->from);
    er_jsonw_lit(&w, ",\"to\":");
    er_jsonw_string(&w, m->to);
    er_jsonw_lit(&w, "}");
    if (w.oom) {
        er_jsonw_free(&w);
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    event_fill(&ev, act, kind, key, "transferred", state, state, reason);
    ev.payload = w.p;
    rc = er_store_append(s, &ev, err);
    er_jsonw_free(&w);
    *event = ev.id;
    return rc;
}

/* Marks project `id`'s measures' project `project_id` as held by m->to. */
static er_status mark_project(er_store *s, const er_act *act, const er_move *m, const char *id,
                              const char *project_id, const char *reason, er_error *err)
{
    er_project_rec p;
    er_status rc;

    memset(&p, 0, sizeof p);
    if ((rc = er_store_project_get(s, project_id, &p)) != ER_OK)
        rc = er_error_set(err, rc, 0, "measures", "project %s: %s", project_id, er_strerror(rc));
    else if ((rc = mark(s, act, "project", p.project_id, p.state, id, m, reason, &p.last_event,
                        err)) == ER_OK)
        rc = er_store_project_put(s, &p, err);
    er_store_project_free(&p);
    return rc;
}

/* Marks each named measure, and under ECO4 each of their projects once, as
 * held by m->to from now (move_holder). */
static er_status mark_holders(er_store *s, const er_act *act, const er_move *m, const char *id,
                              const char *reason, er_error *err)
{
    struct keys projects = { .n = 0 };
    er_measure_rec mr;
    size_t i;
    int added = 0;
    er_status rc = ER_OK;

    for (i = 0; !rc && i < m->n_measures; i++) {
        memset(&mr, 0, sizeof mr);
        if ((rc = er_store_measure_get(s, m->measures[i], &mr)) != ER_OK) {
            rc = er_error_set(err, rc, 0, "measures", "%s: %s", m->measures[i], er_strerror(rc));
            break;
        }
        rc = mark(s, act, "measure", mr.mrn, mr.state, id, m, reason, &mr.last_event, err);
        if (!rc)
            rc = er_store_measure_put(s, &mr, err);
        if (!rc && *mr.project_id && (added = keys_add(&projects, mr.project_id)) < 0)
            rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        if (!rc && added > 0)
            rc = mark_project(s, act, m, id, mr.project_id, reason, err);
        er_store_measure_free(&mr);
    }
    keys_free(&projects);
    return rc;
}

/* The ledger rows of approving `m`: a trade, or a transfer of each award
 * counting of its measures. */
static er_status approval_rows(er_store *s, const er_scheme *scheme, const er_act *act,
                               const er_move *m, ledger_batch *b, er_error *err)
{
    ledger_batch counting = { 0 };
    er_ledger_row *r;
    size_t i;
    er_status rc = check(s, scheme, act, m, "approval", false, &counting, err);

    if (!rc && m->kind == ER_MOVE_TRADE) {
        if ((r = ledger_add(b, m->scheme, "trade", m->from, "")) != NULL) {
            snprintf(r->to_supplier, sizeof r->to_supplier, "%s", m->to);
            r->amount = m->amount;
            r->year = m->year; /* seed 004 ch. 5: a GBIS target moves */
        }
    }
    for (i = 0; !rc && i < counting.n; i++)
        if (ledger_take_back(b, "transfer", &counting.rows[i]) == ER_OK)
            snprintf(b->rows[b->n - 1].to_supplier, sizeof b->rows[b->n - 1].to_supplier, "%s",
                     m->to);
    if (!rc && b->oom)
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    ledger_batch_free(&counting);
    return rc;
}

static er_status step(er_store *s, const er_scheme *scheme, const er_act *act, er_move_kind kind,
                      const char *id, er_move_step st, const char *reason, er_error *err)
{
    static const struct {
        er_move_step step;
        const char *from, *event, *to;
    } transitions[] = {
        { ER_MOVE_ACCEPT, ER_MOVE_APPLIED, "accepted", ER_MOVE_PENDING },
        { ER_MOVE_APPROVE, ER_MOVE_PENDING, "approved", ER_MOVE_APPROVED },
        { ER_MOVE_REFUSE, ER_MOVE_APPLIED, "refused", ER_MOVE_REFUSED },
        { ER_MOVE_REFUSE, ER_MOVE_PENDING, "refused", ER_MOVE_REFUSED },
    };
    static const char *const step_names[] = { "accepted", "approved", "refused" };
    char state[ER_STATE_MAX];
    er_event ev = { .payload = NULL };
    ledger_batch b = { 0 };
    er_move m;
    size_t i, n = sizeof transitions / sizeof transitions[0];
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a step on a request needs a reason");
    if ((unsigned)st > ER_MOVE_REFUSE)
        return er_error_set(err, ER_EINVAL, 0, "step", "no such step");
    if ((rc = er_register_move_get(s, kind, id, &m, state, err)) != ER_OK)
        return rc;
    for (i = 0; i < n; i++)
        if (transitions[i].step == st && strcmp(transitions[i].from, state) == 0)
            break;
    if (i == n) {
        rc = er_error_set(err, ER_EINVAL, 0, "state", "%s is %s: it cannot be %s", id, state,
                          step_names[st]);
    } else if (st == ER_MOVE_ACCEPT && (!act->supplier || strcmp(act->supplier, m.to) != 0)) {
        /* seed 004 ch. 5: both suppliers apply */
        rc = er_error_set(err, ER_EINVAL, 0, "supplier",
                          "%s is accepted by %s, the supplier "
                          "receiving it",
                          id, m.to);
    } else if (st == ER_MOVE_APPROVE) {
        rc = approval_rows(s, scheme, act, &m, &b, err);
        if (!rc && kind == ER_MOVE_TRANSFER)
            rc = mark_holders(s, act, &m, id, reason, err);
    }
    if (!rc) {
        event_fill(&ev, act, er_move_kind_name(kind), id, transitions[i].event, state,
                   transitions[i].to, reason);
        rc = b.n ? ledger_append(s, &ev, NULL, &b, err) : er_store_append(s, &ev, err);
    }
    ledger_batch_free(&b);
    er_move_free(&m);
    return rc;
}

er_status er_register_move_step(er_store *s, const er_scheme *scheme, const er_act *act,
                                er_move_kind kind, const char *id, er_move_step st,
                                const char *reason, er_error *err)
{
    er_status rc;

    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = step(s, scheme, act, kind, id, st, reason, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
