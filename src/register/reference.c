/*
 * reference.c: Ofgem's reference lists, loaded into the register by the
 * administrator.  Ofgem's validation reads some rules' accepted values from
 * its own reference data, which it does not publish: the flex referral
 * routes (GBIS0900) and the innovation measures with the measure type each
 * is for (GBIS0720).  Each addition is one transaction: the entry and its
 * "added" event on ("reference", list), whose payload carries the entry,
 * so that `ecoreg verify` can rebuild the lists.
 */
#include <stdio.h>
#include <string.h>

#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "event.h"

/* The lists the register keeps, and whether an entry has a second value. */
static const struct {
    const char *name;
    const char *value2; /* the second value's name, or NULL when none */
} lists[] = {
    { ER_GBIS_LIST_FLEX_ROUTES, NULL },
    { ER_GBIS_LIST_INNOVATION, "measure type" },
};

/* ER_EINVAL naming `field` unless `v` is 1 or more printable characters
 * (bytes of UTF-8 allowed) without spaces at either end. */
static er_status value_check(const char *v, size_t size, const char *field, er_error *err)
{
    size_t i, n = strnlen(v, size);

    if (n == 0 || n == size)
        return er_error_set(err, ER_EINVAL, 0, field, "a %s is 1 to %zu characters", field,
                            size - 1);
    for (i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return er_error_set(err, ER_EINVAL, 0, field, "the %s holds a control character",
                                field);
    if (v[0] == ' ' || v[n - 1] == ' ')
        return er_error_set(err, ER_EINVAL, 0, field,
                            "the %s '%s' starts or ends with a space (Ofgem's cells are trimmed)",
                            field, v);
    return ER_OK;
}

/* ER_EINVAL naming its field unless `ref` is an entry of a known list. */
static er_status reference_check(const er_reference *ref, er_error *err)
{
    size_t i, n = sizeof lists / sizeof lists[0];
    er_status rc;

    for (i = 0; i < n; i++)
        if (strncmp(ref->list, lists[i].name, sizeof ref->list) == 0)
            break;
    if (i == n)
        return er_error_set(err, ER_EINVAL, 0, "list", "'%.31s' is not a reference list (%s, %s)",
                            ref->list, ER_GBIS_LIST_FLEX_ROUTES, ER_GBIS_LIST_INNOVATION);
    if ((rc = value_check(ref->value, sizeof ref->value, "value", err)) != ER_OK)
        return rc;
    if (!lists[i].value2 && ref->value2[0])
        return er_error_set(err, ER_EINVAL, 0, "measure_type", "the list %s takes a value only",
                            lists[i].name);
    if (lists[i].value2 && ref->value2[0] == '\0')
        return er_error_set(err, ER_EINVAL, 0, "measure_type", "an entry of %s needs its %s",
                            lists[i].name, lists[i].value2);
    if (lists[i].value2)
        return value_check(ref->value2, sizeof ref->value2, "measure_type", err);
    return ER_OK;
}

/* Inside the transaction: the entry is new in any case; then the entry
 * and its event. */
static er_status reference_write(er_store *s, const er_act *act, const er_reference *ref,
                                 const char *payload, er_error *err)
{
    er_event ev = { .payload = payload };
    er_reference held;
    er_status rc;

    rc = er_store_reference_find(s, ref->list, ref->value, ref->value2, &held);
    if (rc == ER_OK)
        return er_error_set(err, ER_EDUPLICATE, 0, "value", "%s already holds '%s'%s%s", ref->list,
                            held.value, held.value2[0] ? " for " : "", held.value2);
    if (rc != ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "value", "reading %s: %s", ref->list, er_strerror(rc));
    event_fill(&ev, act, "reference", ref->list, "added", "", "held", ref->value);
    if ((rc = er_store_reference_add(s, ref, err)) != ER_OK)
        return rc;
    return er_store_append(s, &ev, err);
}

er_status er_register_reference_add(er_store *s, const er_act *act, const er_reference *ref,
                                    er_error *err)
{
    er_jsonw w = { 0 };
    er_status rc;

    if (!s || !act || !ref)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store, action or reference entry");
    if ((rc = reference_check(ref, err)) != ER_OK)
        return rc;
    er_jsonw_lit(&w, "{\"list\":");
    er_jsonw_string(&w, ref->list);
    er_jsonw_lit(&w, ",\"value\":");
    er_jsonw_string(&w, ref->value);
    er_jsonw_lit(&w, ",\"value2\":");
    er_jsonw_string(&w, ref->value2);
    er_jsonw_lit(&w, "}");
    if (w.oom) {
        er_jsonw_free(&w);
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    if ((rc = er_store_begin(s, err)) == ER_OK) {
        rc = reference_write(s, act, ref, w.p, err);
        if (rc == ER_OK)
            rc = er_store_commit(s, err);
        if (rc)
            er_store_rollback(s);
    }
    er_jsonw_free(&w);
    return rc;
}
