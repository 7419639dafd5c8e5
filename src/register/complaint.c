/*
 * complaint.c: complaints to the certification scheme (certify.h; seed
 * 000 "Redress").  A complaint is the journal subject ("complaint",
 * "CMP-N"): "received" with who and what it is about, then the steps the
 * state machine of protect.h allows, each with the day it was taken.
 */
#include <stdio.h>
#include <string.h>

#include "ecoreg/certify.h"
#include "ecoreg/deadline.h"
#include "ecoreg/jsonw.h"
#include "event.h"
#include "ledger_reg.h"
#include "subjects.h"

/* What each step writes as the event's kind. */
static const char *const step_events[] = {
    [ER_COMPLAINT_ACKNOWLEDGE] = "acknowledged", [ER_COMPLAINT_INVESTIGATE] = "investigated",
    [ER_COMPLAINT_RESOLVE] = "resolved",         [ER_COMPLAINT_ESCALATE] = "escalated",
    [ER_COMPLAINT_ADR_OUTCOME] = "adr_decided",  [ER_COMPLAINT_RULE_OUT] = "ruled_out",
};

bool er_complaint_priority(const er_complaint *c)
{
    return c->no_heating || c->vulnerable;
}

/* ---- replay --------------------------------------------------------- */

static er_status received(er_complaint *c, const er_event *ev, const cJSON *doc, er_date on)
{
    event_text(c->id, sizeof c->id, ev->subject);
    if (!ledger_json_text(doc, "installer_id", c->installer_id, sizeof c->installer_id) ||
        !ledger_json_text(doc, "installation_id", c->installation_id, sizeof c->installation_id) ||
        !ledger_json_text(doc, "summary", c->summary, sizeof c->summary))
        return ER_EPARSE;
    /* "contact" came later: a journal written before holds none */
    c->contact[0] = '\0';
    if (cJSON_GetObjectItemCaseSensitive(doc, "contact") &&
        !ledger_json_text(doc, "contact", c->contact, sizeof c->contact))
        return ER_EPARSE;
    c->no_heating = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "no_heating"));
    c->vulnerable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "vulnerable"));
    c->received = on;
    c->acknowledged = c->resolved = c->escalated = c->closed = ER_DATE_NONE;
    /* seed 000: target timelines; issue 5: resolved within 1 and 3 months */
    c->due_1_month = er_deadline_add_months(on, 1);
    c->due_3_months = er_deadline_add_months(on, 3);
    return ER_OK;
}

static er_status apply(void *rec, const er_event *ev, const cJSON *doc)
{
    er_complaint *c = rec;
    const char *outcome = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "outcome"));
    er_complaint_state state;
    er_date on;
    er_status rc;

    if (!subject_on(doc, &on) || er_complaint_state_parse(ev->to_state, &state) != ER_OK)
        return ER_EPARSE;
    if (strcmp(ev->kind, "received") == 0 && (rc = received(c, ev, doc, on)) != ER_OK)
        return rc;
    if (outcome && er_complaint_outcome_parse(outcome, &c->outcome) != ER_OK)
        return ER_EPARSE;
    switch (state) {
    case ER_COMPLAINT_ACKNOWLEDGED: c->acknowledged = on; break;
    case ER_COMPLAINT_RESOLVED:
        if (c->resolved == ER_DATE_NONE)
            c->resolved = on;
        c->closed = on;
        break;
    case ER_COMPLAINT_ADR:
        /* Annex A: "closed without further action" only when the
         * complainant does not escalate; ADR's outcome is awaited */
        c->escalated = on;
        c->outcome = ER_OUTCOME_NONE;
        c->closed = ER_DATE_NONE;
        break;
    case ER_COMPLAINT_OUT_OF_SCOPE: c->outcome = ER_OUTCOME_OUT_OF_SCOPE; /* fall through */
    case ER_COMPLAINT_ADR_DECIDED: c->closed = on; break;
    default: break;
    }
    c->state = state;
    c->last_step = on;
    return ER_OK;
}

static er_status read_complaint(er_store *s, const char *id, er_complaint *out, er_error *err)
{
    er_status rc = subject_read(s, "complaint", id, out, sizeof *out, apply);

    if (rc == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "id", "no complaint %s", id ? id : "");
    if (rc)
        return er_error_set(err, rc, 0, "id", "complaint %s: %s", id,
                            rc == ER_EPARSE ? "its events cannot be read" : er_strerror(rc));
    return ER_OK;
}

er_status er_register_complaint_get(er_store *s, const char *id, er_complaint *out, er_error *err)
{
    return read_complaint(s, id, out, err);
}

struct each {
    int (*cb)(void *ctx, const er_complaint *c);
    void *ctx;
};

static int each_one(void *ctx, const void *rec)
{
    struct each *e = ctx;

    return e->cb(e->ctx, rec);
}

er_status er_register_complaint_each(er_store *s, int (*cb)(void *ctx, const er_complaint *c),
                                     void *ctx)
{
    struct each e = { .cb = cb, .ctx = ctx };

    return subject_each(s, "complaint", sizeof(er_complaint), apply, each_one, &e);
}

/* ---- writes ----------------------------------------------------------- */

/* "" or printable text (UTF-8 allowed) that fits its field. */
static bool contact_ok(const char *s)
{
    size_t i, n = strnlen(s, ER_NAME_MAX);

    if (n == ER_NAME_MAX)
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

/* Checks who and what complaint `c` is about against the register. */
static er_status check_subject(er_store *s, const er_complaint *c, er_error *err)
{
    er_installer in;
    er_certificate cert;
    er_status rc;

    if (!c->summary[0])
        return er_error_set(err, ER_EINVAL, 0, "summary", "a complaint says what is wrong");
    if (!contact_ok(c->contact))
        return er_error_set(err, ER_EINVAL, 0, "contact",
                            "a contact is an email address or a phone number of at most %d "
                            "printable characters",
                            ER_NAME_MAX - 1);
    if ((rc = er_register_installer_get(s, c->installer_id, &in, err)) != ER_OK)
        return er_error_set(err, rc, 0, "installer_id", "the register holds no installer %s",
                            c->installer_id);
    if (!c->installation_id[0])
        return ER_OK;
    if ((rc = er_register_chmm_certificate(s, c->installation_id, &cert, err)) != ER_OK)
        return er_error_set(err, rc, 0, "installation_id", "the register holds no certificate %s",
                            c->installation_id);
    if (strcmp(cert.in.installer_id, c->installer_id) != 0)
        return er_error_set(err, ER_EINVAL, 0, "installation_id",
                            "certificate %s was installed by %s, not %s", c->installation_id,
                            cert.in.installer_id, c->installer_id);
    return ER_OK;
}

er_status er_register_complaint_receive(er_store *s, const er_act *act, const er_complaint *c,
                                        er_date on, char id[ER_COMPLAINT_ID_MAX], er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    size_t n;
    er_status rc;

    id[0] = '\0';
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a complaint needs the day it was received");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = check_subject(s, c, err)) != ER_OK)
        goto done;
    if ((rc = subject_count(s, "complaint", "received", &n)) != ER_OK) {
        er_error_set(err, rc, 0, "", "%s", er_strerror(rc));
        goto done;
    }
    snprintf(id, ER_COMPLAINT_ID_MAX, "CMP-%zu", n + 1);
    subject_payload_on(&w, on);
    er_jsonw_lit(&w, ",\"installer_id\":");
    er_jsonw_string(&w, c->installer_id);
    er_jsonw_lit(&w, ",\"installation_id\":");
    er_jsonw_string(&w, c->installation_id);
    er_jsonw_lit(&w, ",\"summary\":");
    er_jsonw_string(&w, c->summary);
    er_jsonw_lit(&w, ",\"contact\":");
    er_jsonw_string(&w, c->contact);
    er_jsonw_lit(&w, c->no_heating ? ",\"no_heating\":true" : ",\"no_heating\":false");
    er_jsonw_lit(&w, c->vulnerable ? ",\"vulnerable\":true" : ",\"vulnerable\":false");
    event_fill(&ev, act, "complaint", id, "received", "", "received",
               er_complaint_priority(c) ? "received: priority" : "received");
    if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc) {
        er_store_rollback(s);
        id[0] = '\0';
    }
    er_jsonw_free(&w);
    return rc;
}

er_status er_register_complaint_step(er_store *s, const er_act *act, const char *id,
                                     er_complaint_step step, er_complaint_outcome outcome,
                                     er_date on, const char *reason, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_complaint c;
    er_complaint_state to;
    char day[11];
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a step needs a reason");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a step needs its day");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = read_complaint(s, id, &c, err)) != ER_OK ||
        (rc = er_complaint_next(c.state, step, outcome, &to, err)) != ER_OK)
        goto done;
    if (on < c.last_step) {
        er_date_format_iso(c.last_step, day);
        rc = er_error_set(err, ER_EINVAL, 0, "on",
                          "complaint %s's last step was on %s: a step cannot come before it", id,
                          day);
        goto done;
    }
    subject_payload_on(&w, on);
    if (outcome != ER_OUTCOME_NONE) {
        er_jsonw_lit(&w, ",\"outcome\":");
        er_jsonw_string(&w, er_complaint_outcome_name(outcome));
    }
    event_fill(&ev, act, "complaint", id, step_events[step], er_complaint_state_name(c.state),
               er_complaint_state_name(to), reason);
    if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    er_jsonw_free(&w);
    return rc;
}
