/*
 * obligation_reg.c: the administrator sets what each supplier owes
 * (obligation.h): the ECO4 obligation and its minimum requirements (ECO4
 * Order art. 6, seed 001), the GBIS targets (seed 004 ch. 1).  Each is a
 * ledger row holding the change, so what is owed stays a sum of entries.
 */
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "ledger_reg.h"

static const char *const requirement_names[] = {
    [ER_REQ_OBLIGATION] = "obligation",
    [ER_REQ_SOLID_WALL_MINIMUM] = ER_OP_SOLID_WALL_MINIMUM,
    [ER_REQ_EFG_MINIMUM] = ER_OP_EFG_MINIMUM,
};

const char *er_requirement_name(er_requirement r)
{
    return (size_t)r < sizeof requirement_names / sizeof requirement_names[0] ? requirement_names[r]
                                                                              : "?";
}

static int add_amount(void *ctx, const er_ledger_row *r)
{
    *(int64_t *)ctx += r->amount;
    return 0;
}

static er_status check(er_store *s, er_scheme_id scheme, const char *supplier, er_requirement what,
                       int year, int64_t amount, const char *reason, er_error *err)
{
    er_supplier sup;
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "setting an obligation needs a reason");
    if ((int)scheme < 0 || scheme >= ER_SCHEME_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "scheme", "no scheme %d", (int)scheme);
    if ((size_t)what >= sizeof requirement_names / sizeof requirement_names[0] ||
        (scheme == ER_SCHEME_GBIS && what != ER_REQ_OBLIGATION))
        return er_error_set(err, ER_EINVAL, 0, "requirement", "%s has no %s",
                            er_scheme_name(scheme), er_requirement_name(what));
    /* seed 004 ch. 1: GBIS has three target years; ECO4 one obligation */
    if (scheme == ER_SCHEME_GBIS ? year < 1 || year > ER_GBIS_YEARS : year != 0)
        return er_error_set(err, ER_EINVAL, 0, "year",
                            scheme == ER_SCHEME_GBIS ? "a GBIS target is for year 1, 2 or 3"
                                                     : "an ECO4 obligation has no year");
    if (amount < 0 || amount > INT64_C(100000000000000))
        return er_error_set(err, ER_EINVAL, 0, "amount", "%lld is out of range", (long long)amount);
    if (!event_supplier_code_ok(supplier))
        return er_error_set(err, ER_EINVAL, 0, "supplier", "'%s' is not 3 capital letters",
                            supplier);
    if ((rc = er_store_supplier_get(s, supplier, &sup)) != ER_OK)
        return er_error_set(err, rc, 0, "supplier", "%s: %s", supplier,
                            rc == ER_ENOTFOUND ? "no such supplier" : er_strerror(rc));
    return ER_OK;
}

static er_status set(er_store *s, const er_act *act, er_scheme_id scheme, const char *supplier,
                     er_requirement what, int year, int64_t amount, const char *reason,
                     er_error *err)
{
    char subject[ER_EVENT_TEXT_MAX], payload[96];
    er_event ev = { .payload = NULL };
    ledger_batch b = { 0 };
    er_ledger_row *r;
    int64_t was = 0;
    er_status rc;

    if ((rc = check(s, scheme, supplier, what, year, amount, reason, err)) != ER_OK)
        return rc;
    snprintf(subject, sizeof subject, "%s/%s/%s/%d", er_scheme_name(scheme), supplier,
             er_requirement_name(what), year);
    if ((rc = er_store_ledger_each(s, (int)scheme, subject, add_amount, &was)) != ER_OK)
        return er_error_set(err, rc, 0, "", "reading the ledger: %s", er_strerror(rc));
    if (was == amount)
        return ER_OK; /* already so */
    if (!(r = ledger_add(&b, scheme, er_requirement_name(what), supplier, subject)))
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    r->amount = amount - was;
    r->year = year;
    snprintf(payload, sizeof payload, "{\"amount\":%lld,\"was\":%lld}", (long long)amount,
             (long long)was);
    event_fill(&ev, act, "obligation", subject, "set", was ? "set" : "", "set", reason);
    rc = ledger_append(s, &ev, payload, &b, err);
    ledger_batch_free(&b);
    return rc;
}

er_status er_register_obligation_set(er_store *s, const er_act *act, er_scheme_id scheme,
                                     const char *supplier, er_requirement what, int year,
                                     int64_t amount, const char *reason, er_error *err)
{
    er_status rc;

    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    rc = set(s, act, scheme, supplier, what, year, amount, reason, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
