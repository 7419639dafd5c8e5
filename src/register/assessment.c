/*
 * assessment.c: on-site conformity assessments of the installations a
 * certification scheme certifies, and the corrective actions taken on an
 * installer after a non-conformity (certify.h; seed 000 "Conformity
 * assessment", "Frequency of conformity assessment", "Redress"; seed 003).
 *
 * An assessment is the journal subject ("assessment", certificate number):
 * "selected" with {"on", "seed", "risk"} (the draw's seed as a decimal
 * string, the installer's risk score), then the steps of the table below,
 * each {"on", "facts"} where "facts" names only the fields of what seed
 * 003 asks to establish that the step brought (and is left out when it
 * brought none).  The installer and whether the home is a new build are
 * the installation's record's, read when an assessment is read.
 *
 * A corrective action is an ("installer", ID) "corrective_action" event
 * with {"on", "action"} that leaves the installer's state as it was
 * (from_state = to_state).  A suspension or an expulsion writes that event
 * and then, in the same transaction, the installer's lifecycle step
 * ("suspended", "expelled"; installer.c): the journal says both what was
 * decided and the state it put the installer in, and a suspension that
 * the lifecycle refuses writes neither.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certify_reg.h"
#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "ecoreg/jsonw.h"
#include "event.h"
#include "ledger_reg.h"
#include "strmap.h"
#include "subjects.h"

/* The windows of the risk factors (certify.h): complaints in the 12
 * months before, non-conformities in the 3 years before. */
#define COMPLAINT_WINDOW_DAYS 365
#define NONCONFORMITY_WINDOW_DAYS (3 * 365)

static const char *const state_names[] = {
    [ER_ASSESSMENT_SELECTED] = "selected",           [ER_ASSESSMENT_CONFORMING] = "conforming",
    [ER_ASSESSMENT_NONCONFORMING] = "nonconforming", [ER_ASSESSMENT_REPORTED] = "reported",
    [ER_ASSESSMENT_RESPONDED] = "responded",         [ER_ASSESSMENT_THIRD_PARTY] = "third_party",
    [ER_ASSESSMENT_REMEDIED] = "remedied",
};

/* The remedy path: each step, the event it writes, the states it leaves
 * and the state it reaches.  Anything else is refused. */
static const struct {
    const char *name, *event;
    er_assessment_state from[2];
    size_t n_from;
    er_assessment_state to;
} steps[] = {
    /* seed 000 "Conformity assessment": conforming with the scheme's rules
     * and requirements, or not */
    [ER_ASSESSMENT_PASS] = { "pass",
                             "passed",
                             { ER_ASSESSMENT_SELECTED },
                             1,
                             ER_ASSESSMENT_CONFORMING },
    [ER_ASSESSMENT_FAIL] = { "fail",
                             "failed",
                             { ER_ASSESSMENT_SELECTED },
                             1,
                             ER_ASSESSMENT_NONCONFORMING },
    /* seed 003 point 1: "Report issues shared via a written report to
     * installer for them to respond to" */
    [ER_ASSESSMENT_REPORT] = { "report",
                               "reported",
                               { ER_ASSESSMENT_NONCONFORMING },
                               1,
                               ER_ASSESSMENT_REPORTED },
    [ER_ASSESSMENT_RESPOND] = { "respond",
                                "responded",
                                { ER_ASSESSMENT_REPORTED },
                                1,
                                ER_ASSESSMENT_RESPONDED },
    /* seed 003 point 4: "If the installation is out of warranty/defects
     * period you may need to engage a third party to fix the issue"; seed
     * 000 "Redress": put right "where the original installer is not
     * capable to do so, or otherwise fails to do so" */
    [ER_ASSESSMENT_HAND_OVER] = { "hand_over",
                                  "handed_over",
                                  { ER_ASSESSMENT_REPORTED, ER_ASSESSMENT_RESPONDED },
                                  2,
                                  ER_ASSESSMENT_THIRD_PARTY },
    /* seed 003 point 1: "then check issues have been resolved after the
     * installer has carried out the remedial works" */
    [ER_ASSESSMENT_VERIFY] = { "verify",
                               "verified",
                               { ER_ASSESSMENT_RESPONDED, ER_ASSESSMENT_THIRD_PARTY },
                               2,
                               ER_ASSESSMENT_REMEDIED },
};

static const char *const action_names[] = {
    [ER_ACTION_TRAINING] = "training",
    [ER_ACTION_MORE_FREQUENT] = "more_frequent",
    [ER_ACTION_SUSPENSION] = "suspension",
    [ER_ACTION_EXPULSION] = "expulsion",
};

const char *er_assessment_state_name(er_assessment_state s)
{
    return (unsigned)s < ER_ASSESSMENT_STATE_COUNT ? state_names[s] : "?";
}

const char *er_assessment_step_name(er_assessment_step s)
{
    return (unsigned)s < ER_ASSESSMENT_STEP_COUNT ? steps[s].name : "?";
}

er_status er_assessment_step_parse(const char *s, er_assessment_step *out)
{
    size_t i;

    for (i = 0; s && i < ER_ASSESSMENT_STEP_COUNT; i++)
        if (strcmp(s, steps[i].name) == 0) {
            *out = (er_assessment_step)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

const char *er_corrective_action_name(er_corrective_action a)
{
    return (unsigned)a < ER_ACTION_COUNT ? action_names[a] : "?";
}

er_status er_corrective_action_parse(const char *s, er_corrective_action *out)
{
    size_t i;

    for (i = 0; s && i < ER_ACTION_COUNT; i++)
        if (strcmp(s, action_names[i]) == 0) {
            *out = (er_corrective_action)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

static int state_of(const char *name)
{
    int i;

    for (i = 0; i < ER_ASSESSMENT_STATE_COUNT; i++)
        if (strcmp(name, state_names[i]) == 0)
            return i;
    return -1;
}

/* ---- replay --------------------------------------------------------- */

/* Optional string member `name` into buf[size]; false when present but
 * not a string that fits. */
static bool opt_text(const cJSON *o, const char *name, char *buf, size_t size)
{
    return !cJSON_GetObjectItemCaseSensitive(o, name) || ledger_json_text(o, name, buf, size);
}

/* Merges a payload's "facts" (the fields it names) into *f. */
static er_status merge_facts(er_remedy_facts *f, const cJSON *facts)
{
    const char *until;

    if (!facts)
        return ER_OK;
    if (!cJSON_IsObject(facts) || !opt_text(facts, "designer", f->designer, sizeof f->designer) ||
        !opt_text(facts, "installed_by", f->installed_by, sizeof f->installed_by) ||
        !opt_text(facts, "third_party", f->third_party, sizeof f->third_party))
        return ER_EPARSE;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(facts, "manufacturer_involved")))
        f->manufacturer_involved = true;
    until = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(facts, "warranty_until"));
    if (until && er_date_parse_iso(until, &f->warranty_until) != ER_OK)
        return ER_EPARSE;
    return ER_OK;
}

/* The "selected" event's payload: the draw's seed and the risk score. */
static er_status selected(er_assessment *a, const er_event *ev, const cJSON *doc, er_date on)
{
    const char *seed = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "seed"));
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(doc, "risk");
    char *end;

    event_text(a->installation_id, sizeof a->installation_id, ev->subject);
    a->selected = on;
    a->assessed = a->reported = a->remedied = ER_DATE_NONE;
    a->facts.warranty_until = ER_DATE_NONE;
    if (!seed || !cJSON_IsNumber(risk) || seed[0] < '0' || seed[0] > '9')
        return ER_EPARSE;
    errno = 0;
    a->seed = strtoull(seed, &end, 10);
    if (*end || errno)
        return ER_EPARSE;
    a->risk = risk->valueint;
    return ER_OK;
}

static er_status apply(void *rec, const er_event *ev, const cJSON *doc)
{
    er_assessment *a = rec;
    int state = state_of(ev->to_state);
    er_date on;
    er_status rc;

    if (state < 0 || !subject_on(doc, &on))
        return ER_EPARSE;
    if (strcmp(ev->kind, "selected") == 0 && (rc = selected(a, ev, doc, on)) != ER_OK)
        return rc;
    if (state == ER_ASSESSMENT_CONFORMING || state == ER_ASSESSMENT_NONCONFORMING)
        a->assessed = on;
    if (state == ER_ASSESSMENT_NONCONFORMING) /* fail: its reason is the findings */
        event_text(a->findings, sizeof a->findings, ev->reason);
    if (state == ER_ASSESSMENT_REPORTED)
        a->reported = on;
    if (state == ER_ASSESSMENT_REMEDIED)
        a->remedied = on;
    if ((rc = merge_facts(&a->facts, cJSON_GetObjectItemCaseSensitive(doc, "facts"))) != ER_OK)
        return rc;
    a->state = (er_assessment_state)state;
    a->last_step = on;
    return ER_OK;
}

/* What the installation's record says of assessment `a`, and whether its
 * warranty still held on the day of its last step (seed 003 point 2:
 * "Review the warranty details to ensure that rectification works can be
 * carried out within the warranty timeframe"). */
static er_status complete(er_store *s, er_assessment *a)
{
    er_certificate c;
    er_status rc = er_register_chmm_certificate(s, a->installation_id, &c, NULL);

    if (rc && rc != ER_ENOTFOUND)
        return rc;
    if (rc == ER_OK) {
        event_text(a->installer_id, sizeof a->installer_id, c.in.installer_id);
        a->new_build = c.in.new_build;
    }
    a->warranty_in_force =
        a->facts.warranty_until != ER_DATE_NONE && a->last_step <= a->facts.warranty_until;
    return ER_OK;
}

/* Replays assessment `id` without its installation's record. */
static er_status read_assessment(er_store *s, const char *id, er_assessment *out, er_error *err)
{
    er_status rc = subject_read(s, "assessment", id, out, sizeof *out, apply);

    if (rc == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "installation_id",
                            "installation %s was not selected "
                            "for an assessment",
                            id ? id : "");
    if (rc)
        return er_error_set(err, rc, 0, "installation_id", "assessment of %s: %s", id,
                            rc == ER_EPARSE ? "its events cannot be read" : er_strerror(rc));
    return ER_OK;
}

er_status er_register_assessment_get(er_store *s, const char *installation_id, er_assessment *out,
                                     er_error *err)
{
    er_status rc = read_assessment(s, installation_id, out, err);

    if (!rc && (rc = complete(s, out)) != ER_OK)
        return er_error_set(err, rc, 0, "installation_id", "certificate %s: %s", installation_id,
                            er_strerror(rc));
    return rc;
}

struct each {
    int (*cb)(void *ctx, const er_assessment *a);
    void *ctx;
    er_store *s;
    er_status rc;
};

static int each_one(void *ctx, const void *rec)
{
    struct each *e = ctx;
    er_assessment a = *(const er_assessment *)rec;

    if ((e->rc = complete(e->s, &a)) != ER_OK)
        return 1;
    return e->cb(e->ctx, &a);
}

er_status er_register_assessment_each(er_store *s, int (*cb)(void *ctx, const er_assessment *a),
                                      void *ctx)
{
    struct each e = { .cb = cb, .ctx = ctx, .s = s };
    er_status rc = subject_each(s, "assessment", sizeof(er_assessment), apply, each_one, &e);

    return rc ? rc : e.rc;
}

/* ---- writes ----------------------------------------------------------- */

/* A text fact: "" (not given) or printable, without control characters. */
static bool fact_ok(const char *s, size_t size)
{
    size_t n = strnlen(s, size), i;

    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return n < size;
}

static er_status check_facts(const er_remedy_facts *f, er_error *err)
{
    if (!fact_ok(f->designer, sizeof f->designer))
        return er_error_set(err, ER_EINVAL, 0, "designer", "not printable text");
    if (!fact_ok(f->installed_by, sizeof f->installed_by))
        return er_error_set(err, ER_EINVAL, 0, "installed_by", "not printable text");
    if (!fact_ok(f->third_party, sizeof f->third_party))
        return er_error_set(err, ER_EINVAL, 0, "third_party", "not printable text");
    return ER_OK;
}

static void fact_text(er_jsonw *w, bool *first, const char *key, const char *v)
{
    if (!v[0])
        return;
    er_jsonw_lit(w, *first ? ",\"facts\":{\"" : ",\"");
    er_jsonw_lit(w, key);
    er_jsonw_lit(w, "\":");
    er_jsonw_string(w, v);
    *first = false;
}

/* ,"facts":{...} with the fields `f` gives, or nothing when none. */
static void facts_payload(er_jsonw *w, const er_remedy_facts *f)
{
    bool first = true;
    char day[11];

    fact_text(w, &first, "designer", f->designer);
    fact_text(w, &first, "installed_by", f->installed_by);
    if (f->warranty_until != ER_DATE_NONE) {
        er_date_format_iso(f->warranty_until, day);
        fact_text(w, &first, "warranty_until", day);
    }
    if (f->manufacturer_involved) {
        er_jsonw_lit(w, first ? ",\"facts\":{" : ",");
        er_jsonw_lit(w, "\"manufacturer_involved\":true");
        first = false;
    }
    fact_text(w, &first, "third_party", f->third_party);
    if (!first)
        er_jsonw_lit(w, "}");
}

/* Whether the table lets `step` leave state `from`. */
static bool allowed(er_assessment_step step, er_assessment_state from)
{
    size_t i;

    for (i = 0; i < steps[step].n_from; i++)
        if (steps[step].from[i] == from)
            return true;
    return false;
}

/* Refuses step `step` on assessment `a` on day `on` unless the table,
 * the day and seed 003's facts allow it. */
static er_status judge_step(const er_assessment *a, er_assessment_step step,
                            const er_remedy_facts *facts, er_date on, er_error *err)
{
    char day[11];

    if (!allowed(step, a->state))
        return er_error_set(err, ER_EINVAL, 0, "step", "cannot %s the assessment of %s: it is %s",
                            steps[step].name, a->installation_id, state_names[a->state]);
    /* seed 003 point 4: a third party is engaged by name */
    if (step == ER_ASSESSMENT_HAND_OVER && !facts->third_party[0] && !a->facts.third_party[0])
        return er_error_set(err, ER_EINVAL, 0, "third_party",
                            "handing over to a third party needs its name");
    if (on < a->last_step) {
        er_date_format_iso(a->last_step, day);
        return er_error_set(err, ER_EINVAL, 0, "on",
                            "the assessment of %s's last step was on %s: a step cannot come "
                            "before it",
                            a->installation_id, day);
    }
    return ER_OK;
}

er_status er_register_assessment_step(er_store *s, const er_act *act, const char *installation_id,
                                      er_assessment_step step, const er_remedy_facts *facts,
                                      er_date on, const char *reason, er_error *err)
{
    static const er_remedy_facts none = { .warranty_until = ER_DATE_NONE };
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_assessment a;
    er_status rc;

    if ((unsigned)step >= ER_ASSESSMENT_STEP_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "step", "not a step of an assessment");
    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason",
                            step == ER_ASSESSMENT_FAIL ? "a failure needs its findings"
                                                       : "a step needs a reason");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a step needs its day");
    facts = facts ? facts : &none;
    if ((rc = check_facts(facts, err)) != ER_OK)
        return rc;
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = read_assessment(s, installation_id, &a, err)) != ER_OK ||
        (rc = judge_step(&a, step, facts, on, err)) != ER_OK)
        goto done;
    subject_payload_on(&w, on);
    facts_payload(&w, facts);
    event_fill(&ev, act, "assessment", installation_id, steps[step].event, state_names[a.state],
               state_names[steps[step].to], reason);
    if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    er_jsonw_free(&w);
    return rc;
}

/* ---- selection ---------------------------------------------------------- */

/* An installation as the selection sees it. */
struct inst {
    char id[ER_EVENT_TEXT_MAX]; /* its certificate number (at most 63 characters) */
    size_t installer;           /* an index into selection.risks */
    bool candidate;             /* certified in the period, not withdrawn, not yet selected */
};

/* An installer's risk factors on the day of the selection. */
struct risk {
    char id[ER_INSTALLER_ID_MAX];
    er_risk_input in;
};

struct selection {
    er_date from, to, on;
    strmap insts, installers; /* ID -> its index + 1 */
    struct inst *a;
    size_t n, cap;
    struct risk *r;
    size_t n_r, cap_r;
    er_status rc;
};

/* Grows array *p of *cap elements of `size` to hold n + 1. */
static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
    size_t c = *cap ? *cap * 2 : 64;
    void *q;

    if (n < *cap)
        return true;
    if (!(q = er_realloc(*p, c * size)))
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* The index of installer `id`, added when new; SIZE_MAX out of memory. */
static size_t installer_index(struct selection *sel, const char *id)
{
    void **slot = strmap_slot(&sel->installers, id);

    if (!slot)
        return SIZE_MAX;
    if (!*slot) {
        if (!grow((void **)&sel->r, &sel->cap_r, sel->n_r, sizeof *sel->r))
            return SIZE_MAX;
        memset(&sel->r[sel->n_r], 0, sizeof sel->r[sel->n_r]);
        event_text(sel->r[sel->n_r].id, sizeof sel->r[sel->n_r].id, id);
        sel->r[sel->n_r].in.last_assessed = ER_DATE_NONE;
        *slot = (void *)(uintptr_t)++sel->n_r;
    }
    return (size_t)(uintptr_t)*slot - 1;
}

static int gather(void *ctx, const er_certificate *c)
{
    struct selection *sel = ctx;
    struct inst *in;
    void **slot;

    if (!grow((void **)&sel->a, &sel->cap, sel->n, sizeof *sel->a) ||
        !(slot = strmap_slot(&sel->insts, c->in.installation_id)))
        goto oom;
    in = &sel->a[sel->n];
    event_text(in->id, sizeof in->id, c->in.installation_id);
    if ((in->installer = installer_index(sel, c->in.installer_id)) == SIZE_MAX)
        goto oom;
    in->candidate =
        strcmp(c->state, "certified") == 0 && c->certified >= sel->from && c->certified <= sel->to;
    *slot = (void *)(uintptr_t)++sel->n;
    return 0;
oom:
    sel->rc = ER_ENOMEM;
    return 1;
}

/* An assessment held: its installation is not drawn again; its outcome
 * counts for its installer (seed 000: "time since last audit, or previous
 * non-conformity"). */
static int assessed(void *ctx, const void *rec)
{
    const er_assessment *a = rec;
    struct selection *sel = ctx;
    size_t i = (size_t)(uintptr_t)strmap_get(&sel->insts, a->installation_id);
    bool failed = a->state != ER_ASSESSMENT_CONFORMING;
    er_risk_input *in;

    if (!i--)
        return 0; /* not an installation the register holds */
    sel->a[i].candidate = false;
    if (a->assessed == ER_DATE_NONE || a->assessed > sel->on)
        return 0;
    in = &sel->r[sel->a[i].installer].in;
    /* the latest assessment; of two on one day, a failure counts */
    if (in->last_assessed == ER_DATE_NONE || a->assessed > in->last_assessed) {
        in->last_assessed = a->assessed;
        in->last_nonconforming = failed;
    } else if (a->assessed == in->last_assessed) {
        in->last_nonconforming |= failed;
    }
    if (failed && a->assessed > sel->on - NONCONFORMITY_WINDOW_DAYS)
        in->nonconformities++;
    return 0;
}

/* A complaint about an installer with installations counts when received
 * in the 12 months before the selection (seed 000: "complaints about a
 * member"). */
static int complained(void *ctx, const er_complaint *c)
{
    struct selection *sel = ctx;
    size_t i = (size_t)(uintptr_t)strmap_get(&sel->installers, c->installer_id);

    if (i && c->received <= sel->on && c->received > sel->on - COMPLAINT_WINDOW_DAYS)
        sel->r[i - 1].in.complaints++;
    return 0;
}

/* The register as the selection sees it: every installation, every
 * assessment and every complaint, read in the open transaction. */
static er_status survey(er_store *s, struct selection *sel, er_error *err)
{
    er_status rc = er_register_chmm_each(s, gather, sel);

    if (!rc)
        rc = sel->rc;
    if (!rc)
        rc = subject_each(s, "assessment", sizeof(er_assessment), apply, assessed, sel);
    if (!rc)
        rc = er_register_complaint_each(s, complained, sel);
    if (rc)
        return er_error_set(err, rc, 0, "", "reading the register: %s", er_strerror(rc));
    return ER_OK;
}

/* Writes the "selected" event of installation `in`. */
static er_status write_selected(er_store *s, const er_act *act, const struct inst *in, int risk,
                                uint64_t seed, er_date on, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    char num[32];
    er_status rc;

    subject_payload_on(&w, on);
    snprintf(num, sizeof num, "%" PRIu64, seed);
    er_jsonw_lit(&w, ",\"seed\":");
    er_jsonw_string(&w, num);
    snprintf(num, sizeof num, ",\"risk\":%d", risk);
    er_jsonw_lit(&w, num);
    event_fill(&ev, act, "assessment", in->id, "selected", "", "selected",
               "selected for an on-site assessment");
    rc = subject_append(s, &ev, &w, err);
    er_jsonw_free(&w);
    return rc;
}

/* Draws from the candidates and writes each one drawn, in that order. */
static er_status draw(er_store *s, const er_act *act, const struct selection *sel,
                      const er_assessment_rules *rules, uint64_t seed, size_t *n_selected,
                      er_error *err)
{
    size_t *idx = er_calloc(sel->n ? sel->n : 1, sizeof *idx);
    size_t *picked = er_calloc(sel->n ? sel->n : 1, sizeof *picked);
    int *weight = er_calloc(sel->n ? sel->n : 1, sizeof *weight);
    size_t n = 0, k, i;
    er_status rc = ER_OK;

    if (!idx || !picked || !weight) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
        goto done;
    }
    for (i = 0; i < sel->n; i++)
        if (sel->a[i].candidate) {
            idx[n] = i;
            /* seed 000: "proportionate to the expected risk of non-conformity" */
            weight[n++] = er_risk_score(&sel->r[sel->a[i].installer].in, &rules->weights, sel->on);
        }
    /* ceil(sample_permille x n / 1000); n is far below SIZE_MAX / 1000 */
    k = ((uint64_t)n * (uint64_t)rules->sample_permille + 999) / 1000;
    if ((rc = er_risk_select(weight, n, k, seed, picked, err)) != ER_OK)
        goto done;
    for (i = 0; i < k && i < n && !rc; i++)
        rc = write_selected(s, act, &sel->a[idx[picked[i]]], weight[picked[i]], seed, sel->on, err);
    if (!rc)
        *n_selected = k < n ? k : n;
done:
    er_free(idx);
    er_free(picked);
    er_free(weight);
    return rc;
}

er_status er_register_assessment_select(er_store *s, const er_act *act,
                                        const er_assessment_rules *rules, er_date from, er_date to,
                                        uint64_t seed, er_date on, size_t *n_selected,
                                        er_error *err)
{
    struct selection sel = { .from = from, .to = to, .on = on };
    er_status rc;

    *n_selected = 0;
    if (from == ER_DATE_NONE || to == ER_DATE_NONE || from > to)
        return er_error_set(err, ER_EINVAL, 0, "from", "the period is from one day to another");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a selection needs its day");
    if (rules->sample_permille < 0 || rules->sample_permille > 1000)
        return er_error_set(err, ER_EINVAL, 0, "sample_permille",
                            "a share of installations is 0 to 1000 per thousand");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = survey(s, &sel, err)) == ER_OK &&
        (rc = draw(s, act, &sel, rules, seed, n_selected, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc) {
        er_store_rollback(s);
        *n_selected = 0;
    }
    strmap_free(&sel.insts, NULL);
    strmap_free(&sel.installers, NULL);
    er_free(sel.a);
    er_free(sel.r);
    return rc;
}

/* ---- corrective action ------------------------------------------------- */

er_status er_register_corrective_action(er_store *s, const er_act *act, const char *installer_id,
                                        er_corrective_action a, er_date on, const char *reason,
                                        er_error *err)
{
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_installer in;
    const char *state;
    char day[11];
    er_status rc;

    if ((unsigned)a >= ER_ACTION_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "action", "not a corrective action");
    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "a corrective action needs a reason");
    if (on == ER_DATE_NONE)
        return er_error_set(err, ER_EINVAL, 0, "on", "a corrective action needs its day");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_register_installer_get(s, installer_id, &in, err)) != ER_OK)
        goto done;
    /* training and closer surveillance are for a member; a suspension or
     * an expulsion is the lifecycle's to allow (installer_step_tx) */
    if (a < ER_ACTION_SUSPENSION && in.state != ER_INSTALLER_APPROVED &&
        in.state != ER_INSTALLER_SUSPENDED) {
        rc = er_error_set(err, ER_EINVAL, 0, "action", "installer %s is %s: not a member",
                          installer_id, er_installer_state_name(in.state));
        goto done;
    }
    if (on < in.last_step) {
        er_date_format_iso(in.last_step, day);
        rc = er_error_set(err, ER_EINVAL, 0, "on",
                          "installer %s's last step was on %s: an action cannot come before it",
                          installer_id, day);
        goto done;
    }
    state = er_installer_state_name(in.state);
    subject_payload_on(&w, on);
    er_jsonw_lit(&w, ",\"action\":");
    er_jsonw_string(&w, action_names[a]);
    event_fill(&ev, act, "installer", installer_id, "corrective_action", state, state, reason);
    if ((rc = subject_append(s, &ev, &w, err)) != ER_OK)
        goto done;
    /* seed 000 "Frequency of conformity assessment": "disciplinary action
     * or sanctions if appropriate" */
    if (a == ER_ACTION_SUSPENSION || a == ER_ACTION_EXPULSION)
        rc = installer_step_tx(
            s, act, installer_id,
            a == ER_ACTION_SUSPENSION ? ER_INSTALLER_SUSPEND : ER_INSTALLER_EXPEL, on, reason, err);
    if (!rc)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    er_jsonw_free(&w);
    return rc;
}
