/*
 * decide.c: an administrator's decisions on measures, and suppliers added
 * to the register.  The possible transitions are tables (DESIGN.md "The
 * register's record"), one for measures and one for ECO4 projects; any
 * other is refused, never written.  Approving or revoking a measure of a
 * decided ECO4 project decides the project again (seed 002 4.13, 4.17) in
 * the same transaction.
 */
#include <stdio.h>
#include <string.h>

#include "eco4_reg.h"
#include "event.h"
#include "ledger_reg.h"
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

/* DESIGN.md: project notified -> checks_passed | rejected -> completed ->
 * fps_awarded | pps_only.  An open project (checks_passed, rejected) may be
 * edited; a Completion Notification that fails its checks leaves the
 * project as it was (completion_rejected); a decided project is decided
 * again when its approved measures change (seed 002 4.13, 4.17), also
 * within its state when only the scores change. */
static const struct {
    const char *event, *from, *to;
} project_transitions[] = {
    { "notified", "", ECO4_CHECKS_PASSED },
    { "notified", "", ECO4_REJECTED },
    { "edited", ECO4_CHECKS_PASSED, ECO4_CHECKS_PASSED },
    { "edited", ECO4_CHECKS_PASSED, ECO4_REJECTED },
    { "edited", ECO4_REJECTED, ECO4_CHECKS_PASSED },
    { "edited", ECO4_REJECTED, ECO4_REJECTED },
    { "completion_rejected", ECO4_CHECKS_PASSED, ECO4_CHECKS_PASSED },
    { "completed", ECO4_CHECKS_PASSED, ECO4_COMPLETED },
    { "decided", ECO4_COMPLETED, ECO4_FPS_AWARDED },
    { "decided", ECO4_COMPLETED, ECO4_PPS_ONLY },
    { "redecided", ECO4_FPS_AWARDED, ECO4_PPS_ONLY },
    { "redecided", ECO4_PPS_ONLY, ECO4_FPS_AWARDED },
    { "redecided", ECO4_FPS_AWARDED, ECO4_FPS_AWARDED },
    { "redecided", ECO4_PPS_ONLY, ECO4_PPS_ONLY },
};

#define N_PROJECT_TRANSITIONS (sizeof project_transitions / sizeof project_transitions[0])

bool er_register_project_transition_declared(const char *event, const char *from,
                                             const char *to)
{
    size_t i;

    for (i = 0; i < N_PROJECT_TRANSITIONS; i++)
        if (strcmp(project_transitions[i].event, event) == 0 &&
            strcmp(project_transitions[i].from, from) == 0 &&
            strcmp(project_transitions[i].to, to) == 0)
            return true;
    return false;
}

er_status eco4_project_move(er_store *s, const er_act *act, er_project_rec *p, const char *kind,
                            const char *to, const char *reason, const char *payload,
                            ledger_batch *ledger, er_error *err)
{
    er_event ev = { .payload = payload };
    er_status rc;

    if (!er_register_project_transition_declared(kind, p->state, to))
        return er_error_set(err, ER_EINVAL, 0, "state", "project %s is %s: '%s' to %s is not "
                            "a project transition", p->project_id,
                            *p->state ? p->state : "not held", kind, to);
    event_fill(&ev, act, "project", p->project_id, kind, p->state, to, reason);
    rc = ledger && ledger->n ? ledger_append(s, &ev, payload, ledger, err)
                             : er_store_append(s, &ev, err);
    if (rc != ER_OK)
        return rc;
    snprintf(p->state, sizeof p->state, "%s", to);
    p->last_event = ev.id;
    return er_store_project_put(s, p, err);
}

er_status er_register_project_transition(er_store *s, const er_act *act, const char *project_id,
                                         const char *event, const char *to, const char *reason,
                                         er_error *err)
{
    er_project_rec p;
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a transition needs a reason");
    memset(&p, 0, sizeof p);
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_store_project_get(s, project_id, &p)) != ER_OK)
        rc = er_error_set(err, rc, 0, "project", "%s: %s", project_id,
                          rc == ER_ENOTFOUND ? "no such project" : er_strerror(rc));
    else
        rc = eco4_project_move(s, act, &p, event, to, reason, NULL, NULL, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    er_store_project_free(&p);
    return rc;
}

/* After a decision on an ECO4 measure of a project: the project decided
 * again (seed 002 4.17: revoking a measure may take the FPS away). */
static er_status redecide_project(er_store *s, const er_scheme *scheme, const er_act *act,
                                  const er_measure_rec *m, const char *reason, er_error *err)
{
    const er_scheme *eco4 = scheme && scheme->id == ER_SCHEME_ECO4 ? scheme : NULL;
    char why[ER_EVENT_REASON_MAX];

    if (m->scheme != ER_SCHEME_ECO4 || !*m->project_id)
        return ER_OK;
    snprintf(why, sizeof why, "measure %s %s: %.400s", m->mrn, m->state, reason);
    return eco4_redecide(s, eco4, act, m->project_id, why, err);
}

/* The ledger rows of decision `d` on measure `m` (docs/ledger.md): a GBIS
 * measure approved counts its score, one revoked stops counting; an ECO4
 * measure counts through its project's decision (redecide_project). */
static er_status measure_ledger(er_store *s, const er_scheme *scheme, const er_measure_rec *m,
                                er_decision d, ledger_batch *b, er_jsonw *payload, er_error *err)
{
    char subjects[LEDGER_SUBJECTS][ER_EVENT_TEXT_MAX];
    size_t i;
    er_status rc;

    if (m->scheme != ER_SCHEME_GBIS || d == ER_DECIDE_REJECT)
        return ER_OK;
    if (d == ER_DECIDE_APPROVE) {
        if (!scheme || scheme->id != ER_SCHEME_GBIS)
            return er_error_set(err, ER_EINVAL, 0, "scheme", "approving GBIS measure %s scores "
                                "it: that needs the GBIS scheme", m->mrn);
        return gbis_award(scheme, m, b, payload, err);
    }
    ledger_subjects(m->mrn, subjects);
    for (i = 0; i < LEDGER_SUBJECTS; i++)
        if ((rc = ledger_withdraw(s, ER_SCHEME_GBIS, subjects[i], "revoke", b)) != ER_OK)
            return er_error_set(err, rc, 0, "mrn", "%s: reading the ledger: %s", m->mrn,
                                er_strerror(rc));
    return ER_OK;
}

static er_status decide(er_store *s, const er_scheme *scheme, const er_act *act, const char *mrn,
                        er_decision d, const char *reason, er_error *err)
{
    er_measure_rec m;
    er_event ev = { .payload = NULL };
    ledger_batch b = { 0 };
    er_jsonw payload = { 0 };
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
    if ((rc = measure_ledger(s, scheme, &m, d, &b, &payload, err)) != ER_OK)
        goto done;
    event_fill(&ev, act, "measure", mrn, transitions[i].event, m.state, transitions[i].to,
               reason);
    rc = b.n ? ledger_append(s, &ev, payload.p, &b, err) : er_store_append(s, &ev, err);
    if (rc != ER_OK)
        goto done;
    snprintf(m.state, sizeof m.state, "%s", transitions[i].to);
    m.last_event = ev.id;
    if ((rc = er_store_measure_put(s, &m, err)) == ER_OK && d != ER_DECIDE_REJECT)
        rc = redecide_project(s, scheme, act, &m, reason, err);
done:
    ledger_batch_free(&b);
    er_jsonw_free(&payload);
    er_store_measure_free(&m);
    return rc;
}

er_status er_register_decide(er_store *s, const er_act *act, const char *mrn, er_decision d,
                             const char *reason, er_error *err)
{
    return er_register_decide_with(s, NULL, act, mrn, d, reason, err);
}

er_status er_register_decide_with(er_store *s, const er_scheme *scheme, const er_act *act,
                                  const char *mrn, er_decision d, const char *reason,
                                  er_error *err)
{
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a decision needs a reason");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    rc = decide(s, scheme, act, mrn, d, reason, err);
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
    er_supplier held;
    er_status rc;

    if (!event_supplier_code_ok(sup->code))
        return er_error_set(err, ER_EINVAL, 0, "code", "'%s' is not 3 capital letters",
                            sup->code);
    if (!*sup->name)
        return er_error_set(err, ER_EINVAL, 0, "name", "a supplier needs a name");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_store_supplier_get(s, sup->code, &held)) != ER_ENOTFOUND) {
        if (rc == ER_OK)
            rc = er_error_set(err, ER_EDUPLICATE, 0, "code", "supplier %s is already held (%s)",
                              sup->code, held.name);
        else
            rc = er_error_set(err, rc, 0, "code", "%s: %s", sup->code, er_strerror(rc));
        er_store_rollback(s);
        return rc;
    }
    event_fill(&ev, act, "supplier", sup->code, "added", "", "active", sup->name);
    rc = er_store_supplier_add(s, sup, err);
    if (rc == ER_OK)
        rc = er_store_append(s, &ev, err);
    if (rc == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
