/*
 * installer.c: the certification scheme's installer register (certify.h;
 * seed 000 "Information": "an accessible and up-to-date scheme tool for
 * finding registered installers"; "Good Conduct": expelled members shared
 * with the other approved schemes; Annex A "Scheme onboarding").  An
 * installer is the journal subject ("installer", ID): "applied" with its
 * name, postcode and technologies, then the steps of its lifecycle, each
 * with the day it took effect.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "certify_reg.h"
#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "ecoreg/gbis.h"
#include "ecoreg/jsonw.h"
#include "event.h"
#include "ledger_reg.h"
#include "subjects.h"

static const char *const state_names[] = {
    [ER_INSTALLER_APPLIED] = "applied",     [ER_INSTALLER_APPROVED] = "approved",
    [ER_INSTALLER_SUSPENDED] = "suspended", [ER_INSTALLER_EXPELLED] = "expelled",
    [ER_INSTALLER_REFUSED] = "refused",
};

/* The lifecycle (issue 5: applied, approved, suspended, expelled; seed 000
 * Annex A counts onboarding "excluding unsuccessful applicants", so an
 * application may be refused): each step, the state it leaves and the
 * event it writes.  Expulsion is final. */
static const struct {
    const char *name, *event;
    er_installer_state from[2];
    size_t n_from;
    er_installer_state to;
} steps[] = {
    [ER_INSTALLER_APPROVE] = { "approve",
                               "approved",
                               { ER_INSTALLER_APPLIED },
                               1,
                               ER_INSTALLER_APPROVED },
    [ER_INSTALLER_REFUSE] = { "refuse",
                              "refused",
                              { ER_INSTALLER_APPLIED },
                              1,
                              ER_INSTALLER_REFUSED },
    [ER_INSTALLER_SUSPEND] = { "suspend",
                               "suspended",
                               { ER_INSTALLER_APPROVED },
                               1,
                               ER_INSTALLER_SUSPENDED },
    [ER_INSTALLER_REINSTATE] = { "reinstate",
                                 "reinstated",
                                 { ER_INSTALLER_SUSPENDED },
                                 1,
                                 ER_INSTALLER_APPROVED },
    [ER_INSTALLER_EXPEL] = { "expel",
                             "expelled",
                             { ER_INSTALLER_APPROVED, ER_INSTALLER_SUSPENDED },
                             2,
                             ER_INSTALLER_EXPELLED },
};

const char *er_installer_state_name(er_installer_state s)
{
    return (unsigned)s < ER_INSTALLER_STATE_COUNT ? state_names[s] : "?";
}

const char *er_installer_step_name(er_installer_step s)
{
    return (unsigned)s < ER_INSTALLER_STEP_COUNT ? steps[s].name : "?";
}

er_status er_installer_step_parse(const char *s, er_installer_step *out)
{
    size_t i;

    for (i = 0; s && i < ER_INSTALLER_STEP_COUNT; i++)
        if (strcmp(s, steps[i].name) == 0) {
            *out = (er_installer_step)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

static int state_of(const char *name)
{
    int i;

    for (i = 0; i < ER_INSTALLER_STATE_COUNT; i++)
        if (strcmp(name, state_names[i]) == 0)
            return i;
    return -1;
}

/* ---- replay --------------------------------------------------------- */

static er_status apply(void *rec, const er_event *ev, const cJSON *doc)
{
    er_installer *in = rec;
    const cJSON *techs, *t;
    er_chmm_technology tech;
    int state = state_of(ev->to_state);
    er_date on;

    if (state < 0 || !subject_on(doc, &on))
        return ER_EPARSE;
    if (strcmp(ev->kind, "applied") == 0) {
        in->applied = in->approved = in->left = ER_DATE_NONE;
        in->suspended_from = in->suspended_to = ER_DATE_NONE;
        event_text(in->id, sizeof in->id, ev->subject);
        if (!ledger_json_text(doc, "name", in->name, sizeof in->name) ||
            !ledger_json_text(doc, "postcode", in->postcode, sizeof in->postcode))
            return ER_EPARSE;
        techs = cJSON_GetObjectItemCaseSensitive(doc, "technologies");
        cJSON_ArrayForEach(t, techs)
        {
            if (er_chmm_technology_parse(cJSON_GetStringValue(t), &tech) != ER_OK)
                return ER_EPARSE;
            in->technologies |= 1u << tech;
        }
        in->applied = on;
    }
    if (state == ER_INSTALLER_APPROVED && in->approved == ER_DATE_NONE)
        in->approved = on;
    /* an event leaving the state as it was (a corrective action, assessment.c)
     * starts no suspension and no departure */
    if (state == ER_INSTALLER_SUSPENDED && in->state != ER_INSTALLER_SUSPENDED) {
        in->suspended_from = on;
        in->suspended_to = ER_DATE_NONE;
    }
    if (in->state == ER_INSTALLER_SUSPENDED && state != ER_INSTALLER_SUSPENDED)
        in->suspended_to = on;
    if ((state == ER_INSTALLER_EXPELLED || state == ER_INSTALLER_REFUSED) &&
        (int)in->state != state)
        in->left = on;
    in->state = (er_installer_state)state;
    in->last_step = on;
    event_text(in->reason, sizeof in->reason, ev->reason);
    return ER_OK;
}

static er_status read_installer(er_store *s, const char *id, er_installer *out, er_error *err)
{
    er_status rc = subject_read(s, "installer", id, out, sizeof *out, apply);

    if (rc == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "id", "no installer %s", id ? id : "");
    if (rc)
        return er_error_set(err, rc, 0, "id", "installer %s: %s", id,
                            rc == ER_EPARSE ? "its events cannot be read" : er_strerror(rc));
    return ER_OK;
}

er_status er_register_installer_get(er_store *s, const char *id, er_installer *out, er_error *err)
{
    return read_installer(s, id, out, err);
}

struct each {
    int (*cb)(void *ctx, const er_installer *in);
    void *ctx;
};

static int each_one(void *ctx, const void *rec)
{
    struct each *e = ctx;

    return e->cb(e->ctx, rec);
}

er_status er_register_installer_each(er_store *s, int (*cb)(void *ctx, const er_installer *in),
                                     void *ctx)
{
    struct each e = { .cb = cb, .ctx = ctx };

    return subject_each(s, "installer", sizeof(er_installer), apply, each_one, &e);
}

/* ---- the finder ------------------------------------------------------ */

/* A postcode's area: the one or two letters it opens with ("LS" of
 * "LS1 4AB", "B" of "B1 1AA"), upper case, into area[3]. */
static void area_of(const char *postcode, char area[3])
{
    size_t n = 0;

    while (n < 2 && ((postcode[n] >= 'A' && postcode[n] <= 'Z') ||
                     (postcode[n] >= 'a' && postcode[n] <= 'z'))) {
        area[n] = (char)(postcode[n] & ~0x20);
        n++;
    }
    area[n] = '\0';
}

/* `part` within `s`, ASCII case ignored. */
static bool contains(const char *s, const char *part)
{
    size_t n = strlen(part);

    for (; *s; s++)
        if (strncasecmp(s, part, n) == 0)
            return true;
    return n == 0;
}

bool er_installer_matches(const er_installer *in, const er_installer_query *q)
{
    char a[3], b[3];

    /* seed 000 "Information": the finder shows registered installers only */
    if (in->state != ER_INSTALLER_APPROVED)
        return false;
    if (q->name && *q->name && !contains(in->name, q->name))
        return false;
    if (q->postcode && *q->postcode) {
        area_of(q->postcode, a);
        area_of(in->postcode, b);
        if (strcmp(a, b) != 0)
            return false;
    }
    return q->technology < 0 ||
           (q->technology <= ER_CHMM_HOT_WATER && (in->technologies & (1u << q->technology)));
}

/* ---- writes ----------------------------------------------------------- */

/* Printable ASCII or UTF-8, not empty, no surrounding space. */
static bool text_ok(const char *s)
{
    size_t n = strlen(s), i;

    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

static er_status check_application(const er_installer *in, char postcode[ER_POSTCODE_MAX],
                                   er_error *err)
{
    char upper[ER_POSTCODE_MAX];
    size_t i;

    for (i = 0; i + 1 < sizeof upper && in->postcode[i]; i++)
        upper[i] = in->postcode[i] >= 'a' && in->postcode[i] <= 'z' ? (char)(in->postcode[i] - 32)
                                                                    : in->postcode[i];
    upper[i] = '\0';
    if (!subject_key_ok(in->id))
        return er_error_set(err, ER_EINVAL, 0, "id",
                            "an installer ID is 1 to 63 letters, digits, '-', '_', '/' or '.'");
    if (!text_ok(in->name) || strlen(in->name) >= ER_NAME_MAX)
        return er_error_set(err, ER_EINVAL, 0, "name",
                            "a name is 1 to 127 printable characters without surrounding "
                            "spaces");
    if (!er_gbis_postcode_key(upper, true, postcode))
        return er_error_set(err, ER_EINVAL, 0, "postcode", "'%.20s' is not a UK postcode",
                            in->postcode);
    if (!in->technologies || in->technologies >= 1u << (ER_CHMM_HOT_WATER + 1))
        return er_error_set(err, ER_EINVAL, 0, "technologies",
                            "an installer installs at least one of the spec's technologies");
    return ER_OK;
}

er_status er_register_installer_apply(er_store *s, const er_act *act, const er_installer *in,
                                      er_date on, er_error *err)
{
    char postcode[ER_POSTCODE_MAX];
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_installer held;
    er_status rc;
    int t;

    if ((rc = check_application(in, postcode, err)) != ER_OK)
        return rc;
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "an application needs its day");
    subject_payload_on(&w, on);
    er_jsonw_lit(&w, ",\"name\":");
    er_jsonw_string(&w, in->name);
    er_jsonw_lit(&w, ",\"postcode\":");
    er_jsonw_string(&w, postcode);
    er_jsonw_lit(&w, ",\"technologies\":[");
    for (t = 0; t <= ER_CHMM_HOT_WATER; t++)
        if (in->technologies & (1u << t)) {
            er_jsonw_lit(&w, w.p[w.len - 1] == '[' ? "" : ",");
            er_jsonw_string(&w, er_chmm_technology_name((er_chmm_technology)t));
        }
    er_jsonw_lit(&w, "]");
    event_fill(&ev, act, "installer", in->id, "applied", "", "applied", "application");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        goto done;
    rc = subject_read(s, "installer", in->id, &held, sizeof held, apply);
    if (rc == ER_OK)
        rc = er_error_set(err, ER_EDUPLICATE, 0, "id", "installer %s is held already (%s)", in->id,
                          er_installer_state_name(held.state));
    else if (rc != ER_ENOTFOUND)
        rc = er_error_set(err, rc, 0, "id", "installer %s: %s", in->id, er_strerror(rc));
    else if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
done:
    er_jsonw_free(&w);
    return rc;
}

/* Whether the table lets `step` leave state `from`. */
static bool allowed(er_installer_step step, er_installer_state from)
{
    size_t i;

    for (i = 0; i < steps[step].n_from; i++)
        if (steps[step].from[i] == from)
            return true;
    return false;
}

er_status installer_step_tx(er_store *s, const er_act *act, const char *id, er_installer_step step,
                            er_date on, const char *reason, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_installer in;
    char day[11];
    er_status rc;

    if ((unsigned)step >= ER_INSTALLER_STEP_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "step", "not a step of the lifecycle");
    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a step needs a reason");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a step needs its day");
    if ((rc = read_installer(s, id, &in, err)) != ER_OK)
        goto done;
    if (!allowed(step, in.state)) {
        rc = er_error_set(err, ER_EINVAL, 0, "step", "cannot %s installer %s: it is %s",
                          steps[step].name, id, er_installer_state_name(in.state));
        goto done;
    }
    if (on < in.last_step) {
        er_date_format_iso(in.last_step, day);
        rc = er_error_set(err, ER_EINVAL, 0, "on",
                          "installer %s's last step was on %s: a step cannot come before it", id,
                          day);
        goto done;
    }
    subject_payload_on(&w, on);
    event_fill(&ev, act, "installer", id, steps[step].event, state_names[in.state],
               state_names[steps[step].to], reason);
    rc = subject_append(s, &ev, &w, err);
done:
    er_jsonw_free(&w);
    return rc;
}

er_status er_register_installer_step(er_store *s, const er_act *act, const char *id,
                                     er_installer_step step, er_date on, const char *reason,
                                     er_error *err)
{
    er_status rc = er_store_begin(s, err);

    if (rc)
        return rc;
    if ((rc = installer_step_tx(s, act, id, step, on, reason, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc)
        er_store_rollback(s);
    return rc;
}
