/*
 * licence.c: supplier licences added to the register.  A licence reference
 * is what a GBIS row's Supplier_Reference column holds (Ofgem's GBIS0116:
 * one of the licences the register knows; GBIS0117: a licence of the
 * notifying supplier).  Each addition is one transaction: the licence's
 * projection and its "added" event on ("licence", reference), whose reason
 * is the holder's code, so that `ecoreg verify` can rebuild it.
 */
#include <string.h>

#include "ecoreg/register.h"
#include "event.h"

/* True for the characters a licence reference may hold: ASCII letters and
 * digits, '-', '_' and '/'.  ASCII only, so that "ignoring case" means the
 * same to the store, the rules and Ofgem. */
static bool reference_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '/';
}

/* ER_EINVAL naming the field unless `lic` is a reference of allowed
 * characters held by a 3-capital-letter supplier code. */
static er_status licence_check(const er_licence *lic, er_error *err)
{
    size_t i, n = strnlen(lic->reference, sizeof lic->reference);

    if (n == 0 || n == sizeof lic->reference)
        return er_error_set(err, ER_EINVAL, 0, "reference",
                            "a licence reference is 1 to %d characters", ER_LICENCE_REF_MAX - 1);
    for (i = 0; i < n; i++)
        if (!reference_char(lic->reference[i]))
            return er_error_set(err, ER_EINVAL, 0, "reference",
                                "'%s' is not a licence reference: letters, digits, '-', '_' "
                                "and '/' only",
                                lic->reference);
    if (!event_supplier_code_ok(lic->supplier))
        return er_error_set(err, ER_EINVAL, 0, "code", "'%.8s' is not 3 capital letters",
                            lic->supplier);
    return ER_OK;
}

/* Inside the transaction: the supplier exists and the reference is new in
 * any case, each refused naming its field; then the licence and its event. */
static er_status licence_write(er_store *s, const er_act *act, const er_licence *lic, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_supplier sup;
    er_licence held;
    er_status rc;

    if ((rc = er_store_supplier_get(s, lic->supplier, &sup)) == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "code", "no supplier %s in the register", lic->supplier);
    if (rc)
        return er_error_set(err, rc, 0, "code", "reading supplier %s: %s", lic->supplier,
                            er_strerror(rc));
    if ((rc = er_store_licence_find(s, lic->reference, &held)) == ER_OK)
        return er_error_set(err, ER_EDUPLICATE, 0, "reference",
                            "licence %s is already held by %s as %s", lic->reference, held.supplier,
                            held.reference);
    if (rc != ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "reference", "reading licence %s: %s", lic->reference,
                            er_strerror(rc));
    event_fill(&ev, act, "licence", lic->reference, "added", "", "held", lic->supplier);
    if ((rc = er_store_licence_add(s, lic, err)) != ER_OK)
        return rc;
    return er_store_append(s, &ev, err);
}

er_status er_register_licence_add(er_store *s, const er_act *act, const er_licence *lic,
                                  er_error *err)
{
    er_status rc;

    if (!s || !act || !lic)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store, action or licence");
    if ((rc = licence_check(lic, err)) != ER_OK)
        return rc;
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    rc = licence_write(s, act, lic, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
