/*
 * decide.c: an administrator's decisions on measures, and suppliers added
 * to the register.  The possible transitions are a table (DESIGN.md
 * "States"); any other is refused, never written.
 */
#include <stdio.h>
#include <string.h>

#include "ecoreg/register.h"

/* DESIGN.md: measure notified -> approved | rejected -> revoked; seed 002
 * 4.12: approval "can be revoked at any time" if given in error. */
static const struct {
    er_decision d;
    const char *name, *from, *to, *event;
} transitions[] = {
    { ER_DECIDE_APPROVE, "approve", "recorded", "approved", "approved" },
    { ER_DECIDE_REJECT, "reject", "recorded", "rejected", "rejected" },
    { ER_DECIDE_REVOKE, "revoke", "approved", "revoked", "revoked" },
};

#define N_TRANSITIONS (sizeof transitions / sizeof transitions[0])

er_status er_decision_parse(const char *s, er_decision *out)
{
    size_t i;

    for (i = 0; i < N_TRANSITIONS; i++) {
        if (strcmp(s, transitions[i].name) == 0) {
            *out = transitions[i].d;
            return ER_OK;
        }
    }
    return ER_EINVAL;
}

static er_status decide(er_store *s, const er_act *act, const char *mrn, er_decision d,
                        const char *reason, er_error *err)
{
    er_measure_rec m;
    er_event ev = { .payload = NULL };
    size_t i;
    er_status rc;

    memset(&m, 0, sizeof m);
    if ((rc = er_store_measure_get(s, mrn, &m)) != ER_OK)
        return er_error_set(err, rc, 0, "mrn", "%s: %s", mrn,
                            rc == ER_ENOTFOUND ? "no such measure" : er_strerror(rc));
    for (i = 0; i < N_TRANSITIONS; i++)
        if (transitions[i].d == d && strcmp(transitions[i].from, m.state) == 0)
            break;
    if (i == N_TRANSITIONS) {
        rc = er_error_set(err, ER_EINVAL, 0, "decision", "%s is %s: it cannot be %s", mrn,
                          m.state, d == ER_DECIDE_APPROVE ? "approved"
                                   : d == ER_DECIDE_REJECT ? "rejected" : "revoked");
        goto done;
    }
    snprintf(ev.at, sizeof ev.at, "%s", act->at);
    snprintf(ev.actor, sizeof ev.actor, "%s", act->actor);
    snprintf(ev.subject_kind, sizeof ev.subject_kind, "measure");
    snprintf(ev.subject, sizeof ev.subject, "%s", mrn);
    snprintf(ev.kind, sizeof ev.kind, "%s", transitions[i].event);
    snprintf(ev.from_state, sizeof ev.from_state, "%s", m.state);
    snprintf(ev.to_state, sizeof ev.to_state, "%s", transitions[i].to);
    snprintf(ev.reason, sizeof ev.reason, "%s", reason);
    if ((rc = er_store_append(s, &ev, err)) != ER_OK)
        goto done;
    snprintf(m.state, sizeof m.state, "%s", transitions[i].to);
    m.last_event = ev.id;
    rc = er_store_measure_put(s, &m, err);
done:
    er_store_measure_free(&m);
    return rc;
}

er_status er_register_decide(er_store *s, const er_act *act, const char *mrn, er_decision d,
                             const char *reason, er_error *err)
{
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a decision needs a reason");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    rc = decide(s, act, mrn, d, reason, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}

er_status er_register_supplier_add(er_store *s, const er_act *act, const er_supplier *sup,
                                   er_error *err)
{
    er_event ev = { .payload = NULL };
    er_status rc;
    size_t i, n = strlen(sup->code);

    /* RULES.md: the MRN prefix is the supplier's 3-letter short code */
    for (i = 0; i < n; i++)
        if (sup->code[i] < 'A' || sup->code[i] > 'Z')
            break;
    if (n != 3 || i != n)
        return er_error_set(err, ER_EINVAL, 0, "code", "'%s' is not 3 capital letters",
                            sup->code);
    if (!*sup->name)
        return er_error_set(err, ER_EINVAL, 0, "name", "a supplier needs a name");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    snprintf(ev.at, sizeof ev.at, "%s", act->at);
    snprintf(ev.actor, sizeof ev.actor, "%s", act->actor);
    snprintf(ev.subject_kind, sizeof ev.subject_kind, "supplier");
    snprintf(ev.subject, sizeof ev.subject, "%s", sup->code);
    snprintf(ev.kind, sizeof ev.kind, "added");
    snprintf(ev.to_state, sizeof ev.to_state, "active");
    snprintf(ev.reason, sizeof ev.reason, "%s", sup->name);
    rc = er_store_supplier_add(s, sup, err);
    if (rc == ER_OK)
        rc = er_store_append(s, &ev, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
