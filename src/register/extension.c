/*
 * extension.c: extensions of a measure's notification deadline granted by
 * the administrator (ECO4 Order art. 44: beyond the automatic late
 * extension a supplier applies; issue 3 "extension applications with a
 * reference").  An extension is events only: a `granted` event on the
 * subject ("extension", MRN) whose payload carries the reference and the
 * day notification is allowed until; the latest grant counts.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "event.h"

er_status er_register_extension_grant(er_store *s, const er_act *act, const char *mrn,
                                      const char *reference, er_date until, const char *reason,
                                      er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    char day[11];
    er_status rc;

    if (!mrn || !*mrn || strlen(mrn) >= ER_MRN_MAX)
        return er_error_set(err, ER_EINVAL, 0, "mrn", "an extension needs the measure's MRN");
    if (!reference || !*reference || strlen(reference) >= 64)
        return er_error_set(err, ER_EINVAL, 0, "reference",
                            "an extension needs a reference of 1 to 63 characters");
    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "an extension needs a reason");
    er_date_format_iso(until, day);
    er_jsonw_lit(&w, "{\"reference\":");
    er_jsonw_string(&w, reference);
    er_jsonw_lit(&w, ",\"until\":");
    er_jsonw_string(&w, day);
    er_jsonw_lit(&w, "}");
    if (w.oom)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    event_fill(&ev, act, "extension", mrn, "granted", "", "granted", reason);
    ev.payload = w.p;
    if ((rc = er_store_begin(s, err)) == ER_OK) {
        rc = er_store_append(s, &ev, err);
        if (rc == ER_OK)
            rc = er_store_commit(s, err);
        if (rc)
            er_store_rollback(s);
    }
    er_jsonw_free(&w);
    return rc;
}

/* Keeps the latest grant seen. */
struct latest {
    er_date until;
    char reference[64];
    bool found;
};

static int on_grant(void *ctx, const er_event *ev)
{
    struct latest *l = ctx;
    cJSON *doc = ev->payload ? cJSON_Parse(ev->payload) : NULL;
    const char *until = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "until"));
    const char *ref = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "reference"));

    if (strcmp(ev->kind, "granted") == 0 && until && ref &&
        er_date_parse_iso(until, &l->until) == ER_OK) {
        snprintf(l->reference, sizeof l->reference, "%s", ref);
        l->found = true;
    }
    cJSON_Delete(doc);
    return 0;
}

er_status er_register_extension_get(er_store *s, const char *mrn, er_date *until,
                                    char reference[64])
{
    struct latest l = { .found = false };
    er_status rc = er_store_events(s, "extension", mrn, on_grant, &l);

    if (rc)
        return rc;
    if (!l.found)
        return ER_ENOTFOUND;
    *until = l.until;
    memcpy(reference, l.reference, sizeof l.reference);
    return ER_OK;
}
