/*
 * api_chmm.c: the HTTP handlers of the CHMM certification scheme's
 * register (certify.h; issue 5; docs/certification.md): the public's
 * installer finder, certificate check and complaint form; installers'
 * lifecycles, installations certified from a file, complaints and on-site
 * assessments for the certification body; credits and the Annex A
 * indicators.  Each does what its `ecoreg chmm` command does
 * (src/cli/cmd_certify.c, cmd_assess.c, cmd_chmm.c) and answers one JSON
 * object; every write runs with the caller's er_act (req_act).  The route
 * table (routes.c) says which roles may call each; here an installer's key
 * sees its own installations and complaints alone, anything else answered
 * as missing (issue 6: "not even their existence").
 */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "http.h"

/* GET /installations: a page's installations by default and at most. */

#define UNPROCESSABLE MHD_HTTP_UNPROCESSABLE_CONTENT

/* ---- small helpers ------------------------------------------------------ */

/* The certification body and the administrator see every record in full. */
static bool sees_all(const struct req *r)
{
    return r->role == ER_ROLE_CERTIFICATION_BODY || r->role == ER_ROLE_ADMINISTRATOR;
}

/* Query flag `name`: absent, "", "0" or "false" false; "1" or "true" true;
 * anything else a 422 naming it. */
static bool flag(struct req *r, const char *name)
{
    const char *v = req_query(r, name);

    if (!v || !*v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        return false;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        return true;
    req_error(r, UNPROCESSABLE, name, NULL, 0, "'%.20s' is not 1, 0, true or false", v);
    return false;
}

/* A required day of the query. */
static er_date query_day(struct req *r, const char *name)
{
    const char *v = req_query(r, name);

    if (!v) {
        req_error(r, UNPROCESSABLE, name, NULL, 0, "is required (a day YYYY-MM-DD)");
        return ER_DATE_NONE;
    }
    return req_day(r, name, v, ER_DATE_NONE);
}

/* Boolean member `name` of `o`: false when absent or null; a 422 naming
 * it when it is not true or false. */
static bool bool_member(struct req *r, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);

    if (!v || json_is_null(v))
        return false;
    if (!json_is_boolean(v))
        req_error(r, UNPROCESSABLE, name, NULL, 0, "must be true or false");
    return json_is_true(v);
}

/* The step's day: member "on", today when absent. */
static er_date on_member(struct req *r, json_t *o)
{
    return req_day(r, "on", req_member(r, o, "on", false), r->today);
}

/* `word` with '-' spelt '_' into buf[size] ("hand-over" is "hand_over"). */
static void underscored(const char *word, char *buf, size_t size)
{
    char *p;

    snprintf(buf, size, "%s", word);
    for (p = buf; *p; p++)
        *p = *p == '-' ? '_' : *p;
}

/* Appends ,"name":"text" */
static void member_text(er_jsonw *w, const char *name, const char *text)
{
    er_jsonw_lit(w, ",\"");
    er_jsonw_lit(w, name);
    er_jsonw_lit(w, "\":");
    er_jsonw_string(w, text);
}

/* ---- installers ---------------------------------------------------------- */

struct finder {
    struct req *r;
    er_installer_query q;
    bool all; /* every installer, in full */
    size_t n;
};

static int find_one(void *ctx, const er_installer *in)
{
    struct finder *f = ctx;
    er_installer member;

    /* with all, every state matches as a member would */
    if (f->all) {
        member = *in;
        member.state = ER_INSTALLER_APPROVED;
    }
    if (!er_installer_matches(f->all ? &member : in, &f->q))
        return 0;
    er_jsonw_lit(&f->r->out, f->n++ ? "," : "");
    er_installer_json(&f->r->out, in, f->all);
    return 0;
}

void api_installers(struct req *r)
{
    struct finder f = { .r = r, .q = { req_query(r, "name"), req_query(r, "postcode"), -1 } };
    const char *technology = req_query(r, "technology");
    er_chmm_technology t;
    er_status rc;

    f.all = flag(r, "all");
    if (f.all && !sees_all(r))
        req_error(r, MHD_HTTP_FORBIDDEN, "all", NULL, 0,
                  "only the certification body and the administrator list every installer");
    if (technology && *technology) {
        if (er_chmm_technology_parse(technology, &t) == ER_OK)
            f.q.technology = (int)t;
        else
            req_error(r, UNPROCESSABLE, "technology", NULL, 0,
                      "'%.40s' is not a technology type (air_to_water, air_to_air, "
                      "ground_source, water_source, exhaust_air, solar_assisted, hot_water)",
                      technology);
    }
    if (r->n_errors)
        return;
    er_jsonw_lit(&r->out, "{\"installers\":[");
    if ((rc = er_register_installer_each(r->store, find_one, &f)) != ER_OK) {
        req_fail(r, rc, NULL);
        return;
    }
    er_jsonw_lit(&r->out, "]}");
}

void api_installer(struct req *r)
{
    er_installer in;
    er_error err = { 0 };
    er_status rc = er_register_installer_get(r->store, r->param, &in, &err);
    bool full;

    if (rc == ER_ENOTFOUND) {
        req_not_found(r, "installer");
        return;
    }
    if (rc) {
        req_fail(r, rc, &err);
        return;
    }
    full = sees_all(r) || (r->role == ER_ROLE_INSTALLER && strcmp(r->key.scope, in.id) == 0);
    /* the others see current members alone, as the finder shows them */
    if (!full && in.state != ER_INSTALLER_APPROVED) {
        req_not_found(r, "installer");
        return;
    }
    er_jsonw_lit(&r->out, "{\"installer\":");
    er_installer_json(&r->out, &in, full);
    er_jsonw_lit(&r->out, "}");
}

/* Member "technologies" of `o`, an array of technology types, as a set. */
static unsigned technologies_member(struct req *r, json_t *o)
{
    json_t *a = json_object_get(o, "technologies"), *v;
    er_chmm_technology t;
    unsigned set = 0;
    size_t i;

    if (!json_is_array(a) || json_array_size(a) == 0) {
        req_error(r, UNPROCESSABLE, "technologies", NULL, 0,
                  "is required: an array of at least one technology type");
        return 0;
    }
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v) || er_chmm_technology_parse(json_string_value(v), &t) != ER_OK) {
            req_error(r, UNPROCESSABLE, "technologies", NULL, 0,
                      "item %zu is not a technology type (air_to_water, air_to_air, "
                      "ground_source, water_source, exhaust_air, solar_assisted, hot_water)",
                      i + 1);
            return 0;
        }
        set |= 1u << t;
    }
    return set;
}

/* Writes {"installer":{full}} of installer `id` as the register now holds it. */
static void installer_answer(struct req *r, const char *id)
{
    er_installer in;
    er_error err = { 0 };
    er_status rc;

    if ((rc = er_register_installer_get(r->store, id, &in, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        return;
    }
    er_jsonw_lit(&r->out, "{\"installer\":");
    er_installer_json(&r->out, &in, true);
    er_jsonw_lit(&r->out, "}");
}

void api_installer_apply(struct req *r)
{
    json_t *o = req_json_object(r);
    er_installer in;
    er_error err = { 0 };
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    memset(&in, 0, sizeof in);
    req_copy(r, "id", req_member(r, o, "id", true), in.id, sizeof in.id);
    req_copy(r, "name", req_member(r, o, "name", true), in.name, sizeof in.name);
    req_copy(r, "postcode", req_member(r, o, "postcode", true), in.postcode, sizeof in.postcode);
    in.technologies = technologies_member(r, o);
    on = on_member(r, o);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_installer_apply(r->store, &act, &in, on, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    r->status = MHD_HTTP_CREATED;
    installer_answer(r, in.id);
done:
    json_decref(o);
}

void api_installer_step(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *step, *reason;
    er_installer_step s = ER_INSTALLER_APPROVE;
    er_error err = { 0 };
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    step = req_member(r, o, "step", true);
    reason = req_member(r, o, "reason", true);
    on = on_member(r, o);
    if (step && er_installer_step_parse(step, &s) != ER_OK)
        req_error(r, UNPROCESSABLE, "step", NULL, 0,
                  "'%.40s' is not a step (approve, refuse, suspend, reinstate, expel)", step);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_installer_step(r->store, &act, r->param, s, on, reason, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    installer_answer(r, r->param);
done:
    json_decref(o);
}

void api_corrective_action(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *action, *reason;
    er_corrective_action a = ER_ACTION_TRAINING;
    er_error err = { 0 };
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    action = req_member(r, o, "action", true);
    reason = req_member(r, o, "reason", true);
    on = on_member(r, o);
    if (action && er_corrective_action_parse(action, &a) != ER_OK)
        req_error(r, UNPROCESSABLE, "action", NULL, 0,
                  "'%.40s' is not one (training, more_frequent, suspension, expulsion)", action);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_corrective_action(r->store, &act, r->param, a, on, reason, &err)) !=
        ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    installer_answer(r, r->param);
done:
    json_decref(o);
}

/* ---- certificates and installations --------------------------------------- */

void api_certificate(struct req *r)
{
    er_certificate c;
    er_error err = { 0 };
    er_status rc = er_register_chmm_certificate(r->store, r->param, &c, &err);

    if (rc == ER_ENOTFOUND) {
        req_not_found(r, "certificate");
        return;
    }
    if (rc) {
        req_fail(r, rc, &err);
        return;
    }
    er_jsonw_lit(&r->out, "{\"certificate\":");
    er_certificate_json(&r->out, &c, false);
    er_jsonw_lit(&r->out, "}");
}

static int page_one(void *ctx, const er_certificate *c)
{
    struct req_page *p = ctx;

    if (req_sees_installer(p->r, c->in.installer_id) && req_page_take(p))
        er_certificate_json(&p->r->out, c, true);
    return 0;
}

void api_installations(struct req *r)
{
    struct req_page p;
    er_status rc;

    if (!req_page_begin(r, &p))
        return;
    er_jsonw_lit(&r->out, "{\"installations\":[");
    if ((rc = er_register_chmm_each(r->store, page_one, &p)) != ER_OK) {
        req_fail(r, rc, NULL);
        return;
    }
    req_page_end(&p);
}

/* Certificate `id` as the caller may see it into *c: false, a 404 given,
 * when none or another installer's. */
static bool installation_get(struct req *r, const char *id, er_certificate *c)
{
    er_error err = { 0 };
    er_status rc = er_register_chmm_certificate(r->store, id, c, &err);

    if (rc == ER_ENOTFOUND || (!rc && !req_sees_installer(r, c->in.installer_id))) {
        req_not_found(r, "installation");
        return false;
    }
    if (rc)
        req_fail(r, rc, &err);
    return rc == ER_OK;
}

void api_installation(struct req *r)
{
    er_certificate c;

    if (!installation_get(r, r->param, &c))
        return;
    er_jsonw_lit(&r->out, "{\"certificate\":");
    er_certificate_json(&r->out, &c, true);
    req_history(r, "installation", c.in.installation_id);
}

void api_withdraw(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *reason;
    er_certificate c;
    er_error err = { 0 };
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    reason = req_member(r, o, "reason", true);
    on = on_member(r, o);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_chmm_withdraw(r->store, &act, r->param, on, reason, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    if (!installation_get(r, r->param, &c))
        goto done;
    er_jsonw_lit(&r->out, "{\"certificate\":");
    er_certificate_json(&r->out, &c, true);
    er_jsonw_lit(&r->out, "}");
done:
    json_decref(o);
}

/* ---- certifying a file ---------------------------------------------------- */

/* The body as installation records, CSV or JSON by its Content-Type;
 * false, the answer given, when it cannot be read as a file. */
static bool parse_body(struct req *r, er_chmm_file *f)
{
    er_error err = { 0 };
    er_status rc;
    bool json;

    if (!req_file_type(r, &json))
        return false;
    rc = json ? er_chmm_parse_json(r->body, r->body_len, f, &err)
              : er_chmm_parse_csv(r->body, r->body_len, f, &err);
    if (rc)
        req_fail(r, rc, &err);
    return rc == ER_OK;
}

/* For an installer's key with corrections: refuses each row correcting a
 * certificate held for another installer (the public may check any
 * certificate, so its existence is no secret; taking it over is refused). */
static void refuse_takeovers(struct req *r, const er_chmm_file *f)
{
    er_certificate c;
    er_error err = { 0 };
    size_t i;

    for (i = 0; i < f->n; i++)
        if (er_register_chmm_certificate(r->store, f->rows[i].installation_id, &c, &err) == ER_OK &&
            strcmp(c.in.installer_id, r->key.scope) != 0)
            req_error(r, UNPROCESSABLE, "installation_id", NULL, f->rows[i].row,
                      "certificate %s is held for another installer: this key corrects installer "
                      "%s's alone",
                      f->rows[i].installation_id, r->key.scope);
}

/* Lists every row the file cannot give (invalid ones; for an installer's
 * key another installer's): true when there are none. */
static bool rows_acceptable(struct req *r, const er_chmm_file *f, bool correct)
{
    size_t i;

    for (i = 0; i < f->n_invalid; i++)
        req_error(r, UNPROCESSABLE, f->invalid[i].why.field, NULL, f->invalid[i].row, "%s",
                  f->invalid[i].why.message);
    if (r->role != ER_ROLE_INSTALLER)
        return r->n_errors == 0;
    for (i = 0; i < f->n; i++)
        if (strcmp(f->rows[i].installer_id, r->key.scope) != 0)
            req_error(r, UNPROCESSABLE, "installer_id", NULL, f->rows[i].row,
                      "'%.64s' is not this key's installer: it certifies installer %s's "
                      "installations alone",
                      f->rows[i].installer_id, r->key.scope);
    if (correct && r->n_errors == 0)
        refuse_takeovers(r, f);
    return r->n_errors == 0;
}

/* {"rows":[{"row","installation_id","status"}],"summary":{...}} */
static void certify_answer(struct req *r, const er_chmm_file *f, const er_certify_status *status)
{
    size_t i, n[3] = { 0, 0, 0 };
    char num[160];

    er_jsonw_lit(&r->out, "{\"rows\":[");
    for (i = 0; i < f->n; i++) {
        snprintf(num, sizeof num, "%s{\"row\":%ld", i ? "," : "", f->rows[i].row);
        er_jsonw_lit(&r->out, num);
        member_text(&r->out, "installation_id", f->rows[i].installation_id);
        member_text(&r->out, "status", er_certify_status_name(status[i]));
        er_jsonw_lit(&r->out, "}");
        n[status[i]]++;
    }
    snprintf(num, sizeof num,
             "],\"summary\":{\"rows\":%zu,\"certified\":%zu,\"exists\":%zu,\"corrected\":%zu}}",
             f->n, n[ER_CERTIFY_CERTIFIED], n[ER_CERTIFY_EXISTS], n[ER_CERTIFY_CORRECTED]);
    er_jsonw_lit(&r->out, num);
}

void api_certify(struct req *r)
{
    er_chmm_file f;
    er_certify_status *status = NULL;
    er_error err = { 0 }, *refusals = NULL;
    size_t i, n_refusals = 0;
    bool correct = flag(r, "correct");
    er_act act;
    er_status rc;

    memset(&f, 0, sizeof f);
    if (r->n_errors || !parse_body(r, &f) || !rows_acceptable(r, &f, correct))
        goto done;
    if (!(status = er_calloc(f.n ? f.n : 1, sizeof *status))) {
        req_fail(r, ER_ENOMEM, NULL);
        goto done;
    }
    req_act(r, &act);
    rc = er_register_chmm_certify(r->store, &act, f.rows, f.n, r->today, correct, status, &refusals,
                                  &n_refusals, &err);
    if (rc) {
        /* the whole file or nothing: every refusal, with its row and field */
        for (i = 0; i < n_refusals; i++)
            req_error(r, UNPROCESSABLE, refusals[i].field, NULL, refusals[i].row, "%s",
                      refusals[i].message);
        if (!n_refusals)
            req_fail(r, rc, &err);
        goto done;
    }
    certify_answer(r, &f, status);
done:
    er_free(refusals);
    er_free(status);
    er_chmm_file_free(&f);
}

/* ---- credits ---------------------------------------------------------------- */

void api_credits(struct req *r)
{
    er_chmm_file f;
    er_chmm_result res;
    er_error err = { 0 };
    er_status rc;

    memset(&res, 0, sizeof res);
    if ((rc = er_register_chmm_certified(r->store, &f)) != ER_OK ||
        (rc = er_chmm_credits(f.rows, f.n, &r->srv->chmm, &res, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    er_chmm_credits_json(&f, &res, &r->srv->chmm, &r->out);
done:
    er_chmm_result_free(&res);
    er_chmm_file_free(&f);
}

/* ---- complaints ------------------------------------------------------------- */

/* Writes complaint `c` as the caller may see it: an installer's key
 * without the consumer's contact. */
static void complaint_json(struct req *r, const er_complaint *c)
{
    er_complaint hidden;

    if (r->role == ER_ROLE_INSTALLER && c->contact[0]) {
        hidden = *c;
        hidden.contact[0] = '\0';
        c = &hidden;
    }
    er_complaint_json(&r->out, c);
}

struct queue {
    struct req *r;
    bool open;
    int pass; /* with open: 0 the priority ones, 1 the others */
    size_t n;
};

static int queue_one(void *ctx, const er_complaint *c)
{
    struct queue *q = ctx;

    if (!req_sees_installer(q->r, c->installer_id))
        return 0;
    if (q->open && (c->closed != ER_DATE_NONE || er_complaint_priority(c) != (q->pass == 0)))
        return 0;
    er_jsonw_lit(&q->r->out, q->n++ ? "," : "");
    complaint_json(q->r, c);
    return 0;
}

/* Every complaint in the order received; with open=1 the queue of those
 * not closed, priority ones first (seed 000: act promptly where the
 * consumer has no heating or is vulnerable), as `chmm complaints --open`. */
void api_complaints(struct req *r)
{
    struct queue q = { .r = r };
    er_status rc;

    q.open = flag(r, "open");
    if (r->n_errors)
        return;
    er_jsonw_lit(&r->out, "{\"complaints\":[");
    rc = er_register_complaint_each(r->store, queue_one, &q);
    if (!rc && q.open) {
        q.pass = 1;
        rc = er_register_complaint_each(r->store, queue_one, &q);
    }
    if (rc) {
        req_fail(r, rc, NULL);
        return;
    }
    er_jsonw_lit(&r->out, "]}");
}

/* Whether `s` reads as an email address (one '@', a dot in the domain, no
 * spaces) or a phone number (7 to 15 digits, with spaces, '+', '-', '('
 * and ')'). */
static bool contact_plausible(const char *s)
{
    const char *at = strchr(s, '@');
    size_t digits = 0;

    if (at)
        return at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && !strchr(s, ' ') &&
               at[1] != '.' && s[strlen(s) - 1] != '.';
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr(" +-()", *s))
            return false;
    }
    return digits >= 7 && digits <= 15;
}

/* The complaint of the form `o` into *c; false, 422s given, when a member
 * is missing or bad. */
static bool complaint_form(struct req *r, json_t *o, er_complaint *c)
{
    const char *contact = req_member(r, o, "contact", true);

    memset(c, 0, sizeof *c);
    req_copy(r, "installer_id", req_member(r, o, "installer_id", true), c->installer_id,
             sizeof c->installer_id);
    req_copy(r, "installation_id", req_member(r, o, "installation_id", false), c->installation_id,
             sizeof c->installation_id);
    req_copy(r, "summary", req_member(r, o, "summary", true), c->summary, sizeof c->summary);
    req_copy(r, "contact", contact, c->contact, sizeof c->contact);
    if (contact && !contact_plausible(contact))
        req_error(r, UNPROCESSABLE, "contact", NULL, 0,
                  "is an email address or a phone number to reach you by");
    c->no_heating = bool_member(r, o, "no_heating");
    c->vulnerable = bool_member(r, o, "vulnerable");
    return r->n_errors == 0;
}

void api_complaint_submit(struct req *r)
{
    json_t *o = req_json_object(r);
    char id[ER_COMPLAINT_ID_MAX];
    er_complaint c;
    er_error err = { 0 };
    er_act act;
    er_status rc;

    if (!o)
        return;
    if (!complaint_form(r, o, &c))
        goto done;
    req_act(r, &act);
    rc = er_register_complaint_receive(r->store, &act, &c, r->today, id, &err);
    /* an unknown installer or certificate is a field of the form to put right */
    if (rc == ER_ENOTFOUND)
        rc = ER_EINVAL;
    if (rc || (rc = er_register_complaint_get(r->store, id, &c, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    r->status = MHD_HTTP_CREATED;
    er_jsonw_lit(&r->out, "{\"complaint\":");
    complaint_json(r, &c);
    er_jsonw_lit(&r->out, "}");
done:
    json_decref(o);
}

/* Complaint `id` as the caller may see it into *c: false, a 404 given,
 * when none or about another installer. */
static bool complaint_get(struct req *r, const char *id, er_complaint *c)
{
    er_error err = { 0 };
    er_status rc = er_register_complaint_get(r->store, id, c, &err);

    if (rc == ER_ENOTFOUND || (!rc && !req_sees_installer(r, c->installer_id))) {
        req_not_found(r, "complaint");
        return false;
    }
    if (rc)
        req_fail(r, rc, &err);
    return rc == ER_OK;
}

void api_complaint(struct req *r)
{
    er_complaint c;

    if (!complaint_get(r, r->param, &c))
        return;
    er_jsonw_lit(&r->out, "{\"complaint\":");
    complaint_json(r, &c);
    req_history(r, "complaint", c.id);
}

void api_complaint_step(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *step, *outcome, *reason;
    er_complaint_outcome oc = ER_OUTCOME_NONE;
    er_complaint_step s = ER_COMPLAINT_ACKNOWLEDGE;
    er_complaint c;
    er_error err = { 0 };
    char name[32];
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    step = req_member(r, o, "step", true);
    outcome = req_member(r, o, "outcome", false);
    reason = req_member(r, o, "reason", true);
    on = on_member(r, o);
    underscored(step ? step : "", name, sizeof name);
    if (step && er_complaint_step_parse(name, &s) != ER_OK)
        req_error(r, UNPROCESSABLE, "step", NULL, 0,
                  "'%.40s' is not a step (acknowledge, investigate, resolve, escalate, "
                  "adr_outcome, rule_out)",
                  step);
    if (outcome && er_complaint_outcome_parse(outcome, &oc) != ER_OK)
        req_error(r, UNPROCESSABLE, "outcome", NULL, 0, "'%.40s' is not an Annex A outcome",
                  outcome);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_complaint_step(r->store, &act, r->param, s, oc, on, reason, &err)) !=
        ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    if (!complaint_get(r, r->param, &c))
        goto done;
    er_jsonw_lit(&r->out, "{\"complaint\":");
    complaint_json(r, &c);
    er_jsonw_lit(&r->out, "}");
done:
    json_decref(o);
}

/* ---- conformity assessments ----------------------------------------------- */

struct listing {
    er_jsonw *w;
    size_t skip; /* assessments held before the selection */
    uint64_t seed;
    bool only_seed; /* list those of `seed` alone */
    size_t n;
};

static int list_one(void *ctx, const er_assessment *a)
{
    struct listing *l = ctx;

    if (l->skip) {
        l->skip--;
        return 0;
    }
    if (l->only_seed && a->seed != l->seed)
        return 0;
    er_jsonw_lit(l->w, l->n++ ? "," : "");
    er_assessment_json(l->w, a);
    return 0;
}

static int count_one(void *ctx, const er_assessment *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 0;
}

void api_assessments(struct req *r)
{
    struct listing l = { .w = &r->out };
    er_status rc;

    er_jsonw_lit(&r->out, "{\"assessments\":[");
    if ((rc = er_register_assessment_each(r->store, list_one, &l)) != ER_OK) {
        req_fail(r, rc, NULL);
        return;
    }
    er_jsonw_lit(&r->out, "]}");
}

/* The selection's seed: member "seed", a whole number (as a string of
 * digits above 2^53, which JSON's numbers do not hold exactly); when
 * absent a random one, which the assessments selected record. */
static uint64_t seed_member(struct req *r, json_t *o)
{
    json_t *v = json_object_get(o, "seed");
    const char *s = json_string_value(v);
    uint64_t seed = 0;
    char *end;

    if (!v || json_is_null(v)) {
        if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed)
            req_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "seed", NULL, 0,
                      "no random seed can be drawn: give one");
        return seed;
    }
    if (json_is_integer(v) && json_integer_value(v) >= 0)
        return (uint64_t)json_integer_value(v);
    if (s && *s >= '0' && *s <= '9') {
        errno = 0;
        seed = strtoull(s, &end, 10);
        if (!*end && !errno)
            return seed;
    }
    req_error(r, UNPROCESSABLE, "seed", NULL, 0,
              "is a whole number from 0 to 2^64 - 1 (a string of digits above 2^53)");
    return 0;
}

/* As `chmm assess select`: selects installations certified in [from, to]
 * for on-site assessment today and answers those this call selected. */
void api_assessment_select(struct req *r)
{
    json_t *o = req_json_object(r);
    struct listing l = { .w = &r->out, .only_seed = true };
    er_error err = { 0 };
    er_date from, to;
    size_t n = 0;
    char num[32];
    er_act act;
    er_status rc;

    if (!o)
        return;
    from = req_day(r, "from", req_member(r, o, "from", true), ER_DATE_NONE);
    to = req_day(r, "to", req_member(r, o, "to", true), ER_DATE_NONE);
    l.seed = seed_member(r, o);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_assessment_each(r->store, count_one, &l.skip)) != ER_OK ||
        (rc = er_register_assessment_select(r->store, &act, &r->srv->assessment, from, to, l.seed,
                                            r->today, &n, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    snprintf(num, sizeof num, "%" PRIu64, l.seed);
    er_jsonw_lit(&r->out, "{\"seed\":");
    er_jsonw_string(&r->out, num);
    er_jsonw_lit(&r->out, ",\"selected\":[");
    if ((rc = er_register_assessment_each(r->store, list_one, &l)) != ER_OK) {
        req_fail(r, rc, NULL);
        goto done;
    }
    er_jsonw_lit(&r->out, "]}");
done:
    json_decref(o);
}

void api_assessment(struct req *r)
{
    er_assessment a;
    er_error err = { 0 };
    er_status rc = er_register_assessment_get(r->store, r->param, &a, &err);

    if (rc == ER_ENOTFOUND) {
        req_not_found(r, "assessment");
        return;
    }
    if (rc) {
        req_fail(r, rc, &err);
        return;
    }
    er_jsonw_lit(&r->out, "{\"assessment\":");
    er_assessment_json(&r->out, &a);
    req_history(r, "assessment", a.installation_id);
}

/* What seed 003 asks to establish, from the members named as
 * er_assessment_json writes "facts" (each optional). */
static void facts_members(struct req *r, json_t *o, er_remedy_facts *f)
{
    memset(f, 0, sizeof *f);
    req_copy(r, "designer", req_member(r, o, "designer", false), f->designer, sizeof f->designer);
    req_copy(r, "installed_by", req_member(r, o, "installed_by", false), f->installed_by,
             sizeof f->installed_by);
    req_copy(r, "third_party", req_member(r, o, "third_party", false), f->third_party,
             sizeof f->third_party);
    f->warranty_until =
        req_day(r, "warranty_until", req_member(r, o, "warranty_until", false), ER_DATE_NONE);
    f->manufacturer_involved = bool_member(r, o, "manufacturer_involved");
}

/* As `chmm assess STEP NUMBER`: pass, fail (its reason the findings),
 * report, respond, hand_over (a third party named) or verify. */
void api_assessment_step(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *step, *reason;
    er_assessment_step s = ER_ASSESSMENT_PASS;
    er_remedy_facts facts;
    er_assessment a;
    er_error err = { 0 };
    char name[32];
    er_date on;
    er_act act;
    er_status rc;

    if (!o)
        return;
    step = req_member(r, o, "step", true);
    reason = req_member(r, o, "reason", false); /* the register says what it is for */
    on = on_member(r, o);
    facts_members(r, o, &facts);
    underscored(step ? step : "", name, sizeof name);
    if (step && er_assessment_step_parse(name, &s) != ER_OK)
        req_error(r, UNPROCESSABLE, "step", NULL, 0,
                  "'%.40s' is not a step (pass, fail, report, respond, hand_over, verify)", step);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_assessment_step(r->store, &act, r->param, s, &facts, on, reason, &err)) !=
            ER_OK ||
        (rc = er_register_assessment_get(r->store, r->param, &a, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    er_jsonw_lit(&r->out, "{\"assessment\":");
    er_assessment_json(&r->out, &a);
    er_jsonw_lit(&r->out, "}");
done:
    json_decref(o);
}

/* ---- Annex A indicators ------------------------------------------------------ */

static const struct {
    const char *format, *type;
} indicator_formats[] = {
    { "json", "application/json" },
    { "csv", "text/csv; charset=utf-8" },
    { "html", "text/html; charset=utf-8" },
};

/* The body of `chmm indicators --from --to --format` for the period. */
void api_indicators(struct req *r)
{
    const char *format = req_query(r, "format");
    er_date from = query_day(r, "from"), to = query_day(r, "to");
    er_indicators ind;
    er_error err = { 0 };
    char *buf = NULL;
    size_t len = 0, i = 0;
    er_status rc;
    FILE *m;

    if (format && *format)
        for (i = 0; i < sizeof indicator_formats / sizeof indicator_formats[0]; i++)
            if (strcmp(format, indicator_formats[i].format) == 0)
                break;
    if (i == sizeof indicator_formats / sizeof indicator_formats[0])
        req_error(r, UNPROCESSABLE, "format", NULL, 0, "'%.20s' is not json, csv or html", format);
    if (r->n_errors)
        return;
    if ((rc = er_register_indicators(r->store, from, to, &ind, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        return;
    }
    if (!(m = open_memstream(&buf, &len))) {
        req_fail(r, ER_ENOMEM, NULL);
        return;
    }
    rc = er_indicators_write(m, &ind, indicator_formats[i].format);
    if (fclose(m) != 0 && !rc)
        rc = ER_ENOMEM;
    if (rc) {
        req_fail(r, rc, NULL);
    } else {
        er_jsonw_raw(&r->out, buf, len);
        r->type = indicator_formats[i].type;
    }
    free(buf); /* open_memstream's, from the C library */
}
