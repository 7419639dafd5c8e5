/*
 * reference.c: Ofgem's reference lists, loaded into the register by the
 * administrator.  Ofgem's validation reads some rules' accepted values from
 * its own reference data, which it does not publish: the flex referral
 * routes (GBIS0900) and the innovation measures with the measure type each
 * is for (GBIS0720); and where Ofgem asks its address service (GBIS0500),
 * the register looks addresses up in a list of postcodes and UPRNs.  Each
 * addition, of one entry or of a file of them, is one transaction: each
 * entry and its "added" event on ("reference", list), whose payload
 * carries the entry, so that `ecoreg verify` can rebuild the lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "event.h"

/* ER_EINVAL naming `field` unless `v` is 1 or more printable characters
 * (bytes of UTF-8 allowed) without spaces at either end. */
static er_status value_check(const char *v, size_t size, long row, const char *field,
                             er_error *err)
{
    size_t i, n = strnlen(v, size);

    if (n == 0 || n == size)
        return er_error_set(err, ER_EINVAL, row, field, "a %s is 1 to %zu characters", field,
                            size - 1);
    for (i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return er_error_set(err, ER_EINVAL, row, field, "the %s holds a control character",
                                field);
    if (v[0] == ' ' || v[n - 1] == ' ')
        return er_error_set(err, ER_EINVAL, row, field,
                            "the %s '%s' starts or ends with a space (Ofgem's cells are trimmed)",
                            field, v);
    return ER_OK;
}

/* An address entry (GBIS0500): a full postcode, kept in the key form the
 * rule looks it up by, and a UPRN of 1 to 12 digits (GBIS0503's form). */
static er_status address_check(er_reference *ref, long row, er_error *err)
{
    char key[ER_GBIS_POSTCODE_KEY_MAX];

    if (!er_gbis_postcode_key(ref->value, true, key))
        return er_error_set(err, ER_EINVAL, row, er_gbis_column_name(ER_GBIS_POST_CODE),
                            "'%.40s' is not a full postcode in capitals such as 'SW1A 1AA'",
                            ref->value);
    if (!er_gbis_uprn_valid(ref->value2))
        return er_error_set(err, ER_EINVAL, row, er_gbis_column_name(ER_GBIS_UPRN),
                            "'%.40s' is not 1 to 12 digits", ref->value2);
    snprintf(ref->value, sizeof ref->value, "%s", key);
    return ER_OK;
}

/* ER_EINVAL naming its row and field unless `ref` is an entry of a known
 * list; an address is put in its key form (gbis.h). */
static er_status reference_check(er_reference *ref, long row, er_error *err)
{
    er_gbis_col c1, c2;
    er_status rc;

    if (!er_gbis_list_columns(ref->list, &c1, &c2))
        return er_error_set(err, ER_EINVAL, row, "list",
                            "'%.31s' is not a reference list (" ER_GBIS_LISTS ")", ref->list);
    if (c2 == ER_GBIS_COL_COUNT && ref->value2[0])
        return er_error_set(err, ER_EINVAL, row, "list", "the list %s takes a %s only", ref->list,
                            er_gbis_column_name(c1));
    if (c2 != ER_GBIS_COL_COUNT && ref->value2[0] == '\0')
        return er_error_set(err, ER_EINVAL, row, er_gbis_column_name(c2),
                            "an entry of %s needs its %s", ref->list, er_gbis_column_name(c2));
    if (strcmp(ref->list, ER_GBIS_LIST_ADDRESSES) == 0)
        return address_check(ref, row, err);
    if ((rc = value_check(ref->value, sizeof ref->value, row, er_gbis_column_name(c1), err)))
        return rc;
    if (c2 != ER_GBIS_COL_COUNT)
        return value_check(ref->value2, sizeof ref->value2, row, er_gbis_column_name(c2), err);
    return ER_OK;
}

/* The payload of an entry's event: the entry itself, which `ecoreg verify`
 * rebuilds the lists from.  NULL when out of memory; free it. */
static char *reference_payload(const er_reference *ref)
{
    er_jsonw w = { 0 };

    er_jsonw_lit(&w, "{\"list\":");
    er_jsonw_string(&w, ref->list);
    er_jsonw_lit(&w, ",\"value\":");
    er_jsonw_string(&w, ref->value);
    er_jsonw_lit(&w, ",\"value2\":");
    er_jsonw_string(&w, ref->value2);
    er_jsonw_lit(&w, "}");
    if (w.oom) {
        er_jsonw_free(&w);
        return NULL;
    }
    return w.p;
}

/* Inside the transaction: the entry and its event, unless the list holds
 * it already in any case (within the list and within the entries already
 * written): ER_EDUPLICATE, or *skipped set when `skip_held`. */
static er_status reference_write(er_store *s, const er_act *act, const er_reference *ref,
                                 long row, bool skip_held, bool *skipped, er_error *err)
{
    er_event ev = { 0 };
    er_reference held;
    er_gbis_col c1, c2;
    er_status rc;

    *skipped = false;
    er_gbis_list_columns(ref->list, &c1, &c2);
    rc = er_store_reference_find(s, ref->list, ref->value, ref->value2, &held);
    if (rc == ER_OK && skip_held) {
        *skipped = true;
        return ER_OK;
    }
    if (rc == ER_OK)
        return er_error_set(err, ER_EDUPLICATE, row, er_gbis_column_name(c1),
                            "%s already holds '%s'%s%s", ref->list, held.value,
                            held.value2[0] ? " with " : "", held.value2);
    if (rc != ER_ENOTFOUND)
        return er_error_set(err, rc, row, er_gbis_column_name(c1), "reading %s: %s", ref->list,
                            er_strerror(rc));
    if (!(ev.payload = reference_payload(ref)))
        return er_error_set(err, ER_ENOMEM, row, "", "out of memory");
    event_fill(&ev, act, "reference", ref->list, "added", "", "held", ref->value);
    if ((rc = er_store_reference_add(s, ref, err)) == ER_OK)
        rc = er_store_append(s, &ev, err);
    free((char *)ev.payload);
    if (rc && err && err->row == 0)
        err->row = row;
    return rc;
}

/* Reports progress every this many entries of a long load. */
#define PROGRESS_EVERY 1000

er_status er_register_reference_load(er_store *s, const er_act *act, const er_reference *refs,
                                     const long *rows, size_t n, bool skip_held, size_t *added,
                                     er_error *err)
{
    er_reference ref;
    er_status rc;
    bool skipped;
    size_t i, count = 0;

    if (added)
        *added = 0;
    if (!s || !act || (!refs && n))
        return er_error_set(err, ER_EINVAL, 0, NULL, "no store, action or reference entries");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    for (i = 0; i < n && rc == ER_OK; i++) { /* a bad entry rolls back the ones before it */
        long row = rows ? rows[i] : (long)i + 1;

        ref = refs[i];
        if ((rc = reference_check(&ref, row, err)) == ER_OK)
            rc = reference_write(s, act, &ref, row, skip_held, &skipped, err);
        count += rc == ER_OK && !skipped;
        if (act->progress && (i + 1 == n || (i + 1) % PROGRESS_EVERY == 0))
            act->progress(act->progress_ctx, i + 1, n);
    }
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc != ER_OK) {
        er_store_rollback(s);
        return rc;
    }
    if (added)
        *added = count;
    return ER_OK;
}

er_status er_register_reference_add(er_store *s, const er_act *act, const er_reference *ref,
                                    er_error *err)
{
    long row = 0;

    if (!ref)
        return er_error_set(err, ER_EINVAL, 0, NULL, "no reference entry");
    return er_register_reference_load(s, act, ref, &row, 1, false, NULL, err);
}
