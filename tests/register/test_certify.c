/*
 * test_certify.c: the certification scheme's register (certify.h) over a
 * real SQLite store: the installer lifecycle and the public finder (seed
 * 000 "Information", "Good Conduct"), installations certified whole or not
 * at all and checked by anyone, complaints stepped by the state machine
 * (seed 000 "Redress").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "support.h"

static char dir[64];
static int n_db;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ecoreg-test-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const er_act act = { .actor = "test", .at = "2025-06-15T10:00:00Z" };

static er_date day(const char *iso)
{
    er_date d;

    assert_int_equal(er_date_parse_iso(iso, &d), ER_OK);
    return d;
}

static er_store *fresh(void)
{
    char path[128];
    er_store *s;
    er_error err;

    snprintf(path, sizeof path, "%s/c%d.db", dir, n_db++);
    assert_int_equal(er_store_open(path, &s, &err), ER_OK);
    return s;
}

static void apply(er_store *s, const char *id, const char *name, const char *postcode,
                  unsigned techs, const char *on)
{
    er_installer in = { .technologies = techs };
    er_error err = { 0 };

    snprintf(in.id, sizeof in.id, "%s", id);
    snprintf(in.name, sizeof in.name, "%s", name);
    snprintf(in.postcode, sizeof in.postcode, "%s", postcode);
    if (er_register_installer_apply(s, &act, &in, day(on), &err) != ER_OK)
        fail_msg("apply %s: %s: %s", id, err.field, err.message);
}

static void step(er_store *s, const char *id, er_installer_step st, const char *on)
{
    er_error err = { 0 };

    if (er_register_installer_step(s, &act, id, st, day(on), "test", &err) != ER_OK)
        fail_msg("%s %s: %s", er_installer_step_name(st), id, err.message);
}

static size_t n_events(er_store *s);

/* Every step from every state: the lifecycle's table (certify.h), each
 * other pair refused with nothing written. */
static void test_installer_lifecycle(void **state)
{
    /* how to bring an installer to each state, from applied */
    static const er_installer_step path[ER_INSTALLER_STATE_COUNT][2] = {
        [ER_INSTALLER_APPLIED] = { ER_INSTALLER_STEP_COUNT, ER_INSTALLER_STEP_COUNT },
        [ER_INSTALLER_APPROVED] = { ER_INSTALLER_APPROVE, ER_INSTALLER_STEP_COUNT },
        [ER_INSTALLER_SUSPENDED] = { ER_INSTALLER_APPROVE, ER_INSTALLER_SUSPEND },
        [ER_INSTALLER_EXPELLED] = { ER_INSTALLER_APPROVE, ER_INSTALLER_EXPEL },
        [ER_INSTALLER_REFUSED] = { ER_INSTALLER_REFUSE, ER_INSTALLER_STEP_COUNT },
    };
    /* the table: -1 refused, else the state reached */
    static const int want[ER_INSTALLER_STATE_COUNT][ER_INSTALLER_STEP_COUNT] = {
        /*              approve refuse suspend reinstate expel */
        [ER_INSTALLER_APPLIED] = { ER_INSTALLER_APPROVED, ER_INSTALLER_REFUSED, -1, -1, -1 },
        [ER_INSTALLER_APPROVED] = { -1, -1, ER_INSTALLER_SUSPENDED, -1, ER_INSTALLER_EXPELLED },
        [ER_INSTALLER_SUSPENDED] = { -1, -1, -1, ER_INSTALLER_APPROVED, ER_INSTALLER_EXPELLED },
        [ER_INSTALLER_EXPELLED] = { -1, -1, -1, -1, -1 },
        [ER_INSTALLER_REFUSED] = { -1, -1, -1, -1, -1 },
    };
    er_store *s = fresh();
    int from, st, k = 0;

    (void)state;
    for (from = 0; from < ER_INSTALLER_STATE_COUNT; from++)
        for (st = 0; st < ER_INSTALLER_STEP_COUNT; st++) {
            char id[16];
            er_installer in;
            er_error err = { 0 };
            size_t before;
            int i;

            snprintf(id, sizeof id, "I-%d", k++);
            apply(s, id, "Some Installer", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
            for (i = 0; i < 2 && path[from][i] != ER_INSTALLER_STEP_COUNT; i++)
                step(s, id, path[from][i], "2025-02-01");
            before = n_events(s);
            er_status rc = er_register_installer_step(s, &act, id, (er_installer_step)st,
                                                      day("2025-03-01"), "test", &err);
            assert_int_equal(er_register_installer_get(s, id, &in, &err), ER_OK);
            if (want[from][st] < 0) {
                if (rc != ER_EINVAL)
                    fail_msg("%s from %s: allowed", er_installer_step_name(st),
                             er_installer_state_name(from));
                assert_int_equal(n_events(s), before);
                assert_int_equal(in.state, from);
            } else {
                assert_int_equal(rc, ER_OK);
                assert_int_equal(in.state, want[from][st]);
            }
        }
    er_store_close(s);
}

/* The days the onboarding indicator and the expelled export need. */
static void test_installer_days(void **state)
{
    er_store *s = fresh();
    er_installer in;
    er_error err = { 0 };
    char d[11];

    (void)state;
    apply(s, "I-1", "Aqua Installs", "ls1  4ab", 1u << ER_CHMM_GROUND_SOURCE, "2025-01-10");
    step(s, "I-1", ER_INSTALLER_APPROVE, "2025-02-14");
    step(s, "I-1", ER_INSTALLER_SUSPEND, "2025-03-01");
    step(s, "I-1", ER_INSTALLER_REINSTATE, "2025-03-20");
    step(s, "I-1", ER_INSTALLER_SUSPEND, "2025-04-01");
    /* a step before the last one's day */
    assert_int_equal(er_register_installer_step(s, &act, "I-1", ER_INSTALLER_EXPEL,
                                                day("2025-03-31"), "late", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "on");
    step(s, "I-1", ER_INSTALLER_EXPEL, "2025-05-05");
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_string_equal(in.postcode, "LS1 4AB"); /* kept in one form */
    assert_int_equal(in.applied, day("2025-01-10"));
    assert_int_equal(in.approved, day("2025-02-14")); /* the first approval */
    assert_int_equal(in.suspended_from, day("2025-04-01"));
    assert_int_equal(in.suspended_to, day("2025-05-05"));
    assert_int_equal(in.left, day("2025-05-05"));
    er_date_format_iso(in.left, d);
    assert_string_equal(d, "2025-05-05");
    /* refused applications, duplicates, bad fields */
    apply(s, "I-2", "Borehole Ltd", "M1 1AA", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    {
        er_installer again = { .technologies = 1 };
        static const struct {
            const char *id, *name, *postcode;
            unsigned techs;
            er_status rc;
            const char *field;
        } bad[] = {
            { "I-2", "X", "M1 1AA", 1, ER_EDUPLICATE, "id" },
            { "I 3", "X", "M1 1AA", 1, ER_EINVAL, "id" },
            { "I-3", "", "M1 1AA", 1, ER_EINVAL, "name" },
            { "I-3", "X", "NOT A CODE", 1, ER_EINVAL, "postcode" },
            { "I-3", "X", "M1 1AA", 0, ER_EINVAL, "technologies" },
        };
        size_t i;

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            snprintf(again.id, sizeof again.id, "%s", bad[i].id);
            snprintf(again.name, sizeof again.name, "%s", bad[i].name);
            snprintf(again.postcode, sizeof again.postcode, "%s", bad[i].postcode);
            again.technologies = bad[i].techs;
            assert_int_equal(er_register_installer_apply(s, &act, &again, day("2025-01-02"), &err),
                             bad[i].rc);
            assert_string_equal(err.field, bad[i].field);
        }
    }
    assert_int_equal(er_register_installer_get(s, "I-3", &in, &err), ER_ENOTFOUND);
    er_store_close(s);
}

struct found {
    char ids[256];
};

static int collect(void *ctx, const er_installer *in)
{
    struct found *f = ctx;

    snprintf(f->ids + strlen(f->ids), sizeof f->ids - strlen(f->ids), "%s ", in->id);
    return 0;
}

struct search {
    er_installer_query q;
    char ids[256];
};

static int matching(void *ctx, const er_installer *in)
{
    struct search *f = ctx;

    if (er_installer_matches(in, &f->q))
        snprintf(f->ids + strlen(f->ids), sizeof f->ids - strlen(f->ids), "%s ", in->id);
    return 0;
}

/* The public finder: current members only (seed 000 "Information"), by a
 * part of the name, the postcode area and the technology. */
static void test_finder(void **state)
{
    static const struct {
        const char *name, *postcode;
        int technology;
        const char *want;
    } cases[] = {
        { "", "", -1, "A-1 A-2 A-6 " },     /* A-3 applied, A-4 suspended, A-5 expelled */
        { "heat", "", -1, "A-1 A-6 " },     /* case ignored */
        { "", "ls99 9zz", -1, "A-1 A-6 " }, /* area LS */
        { "", "L", -1, "" },                /* L is not LS */
        { "", "M", -1, "A-2 " },
        { "", "", ER_CHMM_GROUND_SOURCE, "A-2 A-6 " },
        { "Heat", "LS", ER_CHMM_AIR_TO_WATER, "A-1 " },
        { "", "", ER_CHMM_HOT_WATER, "" },
    };
    er_store *s = fresh();
    struct found all = { "" };
    size_t i;

    (void)state;
    apply(s, "A-1", "Leeds Heat Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "A-2", "Manchester Pumps", "M1 1AA",
          1u << ER_CHMM_AIR_TO_WATER | 1u << ER_CHMM_GROUND_SOURCE, "2025-01-01");
    apply(s, "A-3", "Leeds Heat Applicant", "LS2 7AA", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "A-4", "Leeds Heat Suspended", "LS3 1AA", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "A-5", "Leeds Heat Expelled", "LS4 1AA", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "A-6", "Otley HEAT pumps", "LS21 1AA", 1u << ER_CHMM_GROUND_SOURCE, "2025-01-01");
    step(s, "A-1", ER_INSTALLER_APPROVE, "2025-02-01");
    step(s, "A-2", ER_INSTALLER_APPROVE, "2025-02-01");
    step(s, "A-4", ER_INSTALLER_APPROVE, "2025-02-01");
    step(s, "A-4", ER_INSTALLER_SUSPEND, "2025-03-01");
    step(s, "A-5", ER_INSTALLER_APPROVE, "2025-02-01");
    step(s, "A-5", ER_INSTALLER_EXPEL, "2025-03-01");
    step(s, "A-6", ER_INSTALLER_APPROVE, "2025-02-01");
    assert_int_equal(er_register_installer_each(s, collect, &all), ER_OK);
    assert_string_equal(all.ids, "A-1 A-2 A-3 A-4 A-5 A-6 "); /* the order they applied */
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct search f = { { cases[i].name, cases[i].postcode, cases[i].technology }, "" };

        assert_int_equal(er_register_installer_each(s, matching, &f), ER_OK);
        if (strcmp(f.ids, cases[i].want) != 0)
            fail_msg("case %zu: found '%s', want '%s'", i, f.ids, cases[i].want);
    }
    er_store_close(s);
}

static int count_event(void *ctx, const er_event *ev)
{
    (void)ev;
    ++*(size_t *)ctx;
    return 0;
}

static size_t n_events(er_store *s)
{
    size_t n = 0;

    assert_int_equal(er_store_events(s, NULL, NULL, count_event, &n), ER_OK);
    return n;
}

static er_chmm_installation record(const char *id, const char *installer, const char *kw)
{
    const char *cells[ER_CHMM_COL_COUNT] = {
        [ER_CHMM_COL_TECHNOLOGY] = "air_to_water",
        [ER_CHMM_COL_COMMISSIONING_DATE] = "2025-05-01",
        [ER_CHMM_COL_CAPACITY] = kw,
        [ER_CHMM_COL_LICENCE_HOLDER] = "Heatco Ltd",
        [ER_CHMM_COL_PRODUCT] = "HC-8",
        [ER_CHMM_COL_HYBRID] = "no",
        [ER_CHMM_COL_BUILD] = "retrofit",
        [ER_CHMM_COL_INSTALLATION_ID] = id,
        [ER_CHMM_COL_INSTALLER_ID] = installer,
        [ER_CHMM_COL_PURPOSE] = "space_heating",
        [ER_CHMM_COL_UPRN] = "",
        [ER_CHMM_COL_POSTCODE] = "LS1 4AB",
        [ER_CHMM_COL_SERIAL] = "",
    };
    er_chmm_installation in;
    er_error err = { 0 };
    static long row;

    assert_int_equal(er_chmm_parse(cells, ++row, &in, &err), ER_OK);
    return in;
}

static int count_certified(void *ctx, const er_certificate *c)
{
    *(size_t *)ctx += strcmp(c->state, "certified") == 0;
    return 0;
}

/* A file is certified whole or not at all: every refusal listed; a file
 * given again is harmless; a correction replaces; a withdrawal ends. */
static void test_certify(void **state)
{
    er_store *s = fresh();
    er_chmm_installation rows[4];
    er_certify_status st[4];
    er_error err = { 0 }, *refusals;
    er_certificate c;
    size_t n_refusals, before, n;

    (void)state;
    apply(s, "I-1", "Leeds Heat Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "I-2", "Applicant Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    step(s, "I-1", ER_INSTALLER_APPROVE, "2025-02-01");
    rows[0] = record("C-1", "I-1", "8");
    rows[1] = record("C-2", "I-2", "8"); /* not a member yet */
    rows[2] = record("C-1", "I-1", "9"); /* C-1 twice */
    rows[3] = record("C 4", "I-1", "8"); /* not a certificate number */
    before = n_events(s);
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 4, day("2025-06-01"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_EINVAL);
    assert_int_equal(n_refusals, 3);
    assert_int_equal(refusals[0].row, rows[1].row);
    assert_string_equal(refusals[0].field, "installer_id");
    assert_int_equal(refusals[1].row, rows[2].row);
    assert_string_equal(refusals[1].field, "installation_id");
    assert_int_equal(refusals[2].row, rows[3].row);
    er_free(refusals);
    assert_int_equal(n_events(s), before); /* nothing half-written */

    step(s, "I-2", ER_INSTALLER_APPROVE, "2025-02-01");
    rows[2] = record("C-3", "I-2", "12.5");
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 3, day("2025-06-01"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    assert_int_equal(st[0], ER_CERTIFY_CERTIFIED);
    /* the same file again: nothing written */
    before = n_events(s);
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 3, day("2025-06-02"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    assert_int_equal(st[0], ER_CERTIFY_EXISTS);
    assert_int_equal(st[2], ER_CERTIFY_EXISTS);
    assert_int_equal(n_events(s), before);
    /* another record under a held number: a correction, or refused */
    rows[0] = record("C-1", "I-1", "8.5");
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 1, day("2025-06-03"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_EINVAL);
    er_free(refusals);
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 1, day("2025-06-03"), true, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    assert_int_equal(st[0], ER_CERTIFY_CORRECTED);
    assert_int_equal(er_register_chmm_certificate(s, "C-1", &c, &err), ER_OK);
    assert_int_equal(c.in.capacity_w, 8500);
    assert_int_equal(c.certified, day("2025-06-01"));
    assert_int_equal(c.changed, day("2025-06-03"));
    assert_string_equal(c.installer_name, "Leeds Heat Ltd");
    /* withdrawn: no longer certified, and only once */
    assert_int_equal(er_register_chmm_withdraw(s, &act, "C-3", day("2025-06-04"), "in error", &err),
                     ER_OK);
    assert_int_equal(er_register_chmm_withdraw(s, &act, "C-3", day("2025-06-05"), "again", &err),
                     ER_EINVAL);
    assert_int_equal(er_register_chmm_certificate(s, "C-3", &c, &err), ER_OK);
    assert_string_equal(c.state, "withdrawn");
    n = 0;
    assert_int_equal(er_register_chmm_each(s, count_certified, &n), ER_OK);
    assert_int_equal(n, 2);
    assert_int_equal(er_register_chmm_certificate(s, "C-9", &c, &err), ER_ENOTFOUND);
    er_store_close(s);
}

/* Complaints through the register: who and what they are about checked,
 * every step by the state machine, an illegal one writing nothing. */
static void test_complaints(void **state)
{
    er_store *s = fresh();
    er_chmm_installation rows[1];
    er_certify_status st[1];
    er_error err = { 0 }, *refusals;
    er_complaint c = { .no_heating = true }, got;
    char id[ER_COMPLAINT_ID_MAX];
    size_t n_refusals, before;

    (void)state;
    apply(s, "I-1", "Leeds Heat Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    apply(s, "I-2", "Other Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    step(s, "I-1", ER_INSTALLER_APPROVE, "2025-02-01");
    rows[0] = record("C-1", "I-1", "8");
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 1, day("2025-06-01"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    snprintf(c.summary, sizeof c.summary, "no heat since the install");
    snprintf(c.installer_id, sizeof c.installer_id, "I-9");
    assert_int_equal(er_register_complaint_receive(s, &act, &c, day("2025-07-01"), id, &err),
                     ER_ENOTFOUND);
    assert_string_equal(err.field, "installer_id");
    snprintf(c.installer_id, sizeof c.installer_id, "I-2");
    snprintf(c.installation_id, sizeof c.installation_id, "C-1");
    assert_int_equal(er_register_complaint_receive(s, &act, &c, day("2025-07-01"), id, &err),
                     ER_EINVAL); /* C-1 is I-1's */
    assert_string_equal(err.field, "installation_id");
    snprintf(c.installer_id, sizeof c.installer_id, "I-1");
    assert_int_equal(er_register_complaint_receive(s, &act, &c, day("2025-07-01"), id, &err),
                     ER_OK);
    assert_string_equal(id, "CMP-1");

    /* resolve before investigating: refused, nothing written */
    before = n_events(s);
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_RESOLVE,
                                                ER_OUTCOME_PUT_RIGHT_INSTALLER, day("2025-07-02"),
                                                "fixed", &err),
                     ER_EINVAL);
    assert_int_equal(n_events(s), before);
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_ACKNOWLEDGE,
                                                ER_OUTCOME_NONE, day("2025-07-02"), "seen", &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_INVESTIGATE,
                                                ER_OUTCOME_NONE, day("2025-07-01"), "early", &err),
                     ER_EINVAL); /* before the acknowledgement */
    assert_string_equal(err.field, "on");
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_INVESTIGATE,
                                                ER_OUTCOME_NONE, day("2025-07-03"), "visit", &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_RESOLVE,
                                                ER_OUTCOME_PUT_RIGHT_INSTALLER, day("2025-08-01"),
                                                "pump replaced", &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_get(s, id, &got, &err), ER_OK);
    assert_int_equal(got.state, ER_COMPLAINT_RESOLVED);
    assert_int_equal(got.outcome, ER_OUTCOME_PUT_RIGHT_INSTALLER);
    assert_true(er_complaint_priority(&got));
    assert_int_equal(got.received, day("2025-07-01"));
    assert_int_equal(got.resolved, day("2025-08-01"));
    assert_int_equal(got.due_1_month, day("2025-08-01")); /* resolved within 1 month */
    assert_int_equal(got.due_3_months, day("2025-10-01"));
    /* the consumer escalates: open again until ADR decides */
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_ESCALATE, ER_OUTCOME_NONE,
                                                day("2025-08-10"), "ADR", &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_get(s, id, &got, &err), ER_OK);
    assert_int_equal(got.outcome, ER_OUTCOME_NONE);
    assert_int_equal(got.closed, ER_DATE_NONE);
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_ADR_OUTCOME,
                                                ER_OUTCOME_ADR_INSTALLER, day("2025-09-10"), "ADR",
                                                &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_get(s, id, &got, &err), ER_OK);
    assert_int_equal(got.state, ER_COMPLAINT_ADR_DECIDED);
    assert_int_equal(got.outcome, ER_OUTCOME_ADR_INSTALLER);
    assert_int_equal(got.resolved, day("2025-08-01")); /* the first resolution */
    assert_int_equal(got.closed, day("2025-09-10"));
    /* a second complaint, about the installer alone, ruled out */
    c.installation_id[0] = '\0';
    c.no_heating = false;
    assert_int_equal(er_register_complaint_receive(s, &act, &c, day("2025-09-01"), id, &err),
                     ER_OK);
    assert_string_equal(id, "CMP-2");
    assert_int_equal(er_register_complaint_step(s, &act, id, ER_COMPLAINT_RULE_OUT, ER_OUTCOME_NONE,
                                                day("2025-09-02"), "a plumbing matter", &err),
                     ER_OK);
    assert_int_equal(er_register_complaint_get(s, id, &got, &err), ER_OK);
    assert_int_equal(got.outcome, ER_OUTCOME_OUT_OF_SCOPE);
    assert_false(er_complaint_priority(&got));
    er_store_close(s);
}

/* The administrator feed: what changed since the last export, made again
 * byte for byte, nothing exported twice. */
static void test_feed(void **state)
{
    static const er_act later = { .actor = "test", .at = "2025-07-01T09:00:00Z" };
    er_store *s = fresh();
    er_chmm_installation rows[3];
    er_certify_status st[3];
    er_error err = { 0 }, *refusals;
    size_t n_refusals;
    er_feed f, g, h;

    (void)state;
    assert_int_equal(er_register_feed_next(s, &act, &f, &err), ER_ENOTFOUND);
    apply(s, "I-1", "Leeds Heat Ltd", "LS1 4AB", 1u << ER_CHMM_AIR_TO_WATER, "2025-01-01");
    step(s, "I-1", ER_INSTALLER_APPROVE, "2025-02-01");
    rows[0] = record("C-1", "I-1", "8");
    rows[1] = record("C-2", "I-1", "12.5");
    assert_int_equal(er_register_chmm_certify(s, &act, rows, 2, day("2025-06-01"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    assert_int_equal(er_register_feed_next(s, &act, &f, &err), ER_OK);
    assert_int_equal(f.number, 1);
    assert_string_equal(f.name, "chmm-feed-0001");
    assert_int_equal(f.installations, 2);
    assert_int_equal(f.certified, 2);
    /* a header and one line per installation */
    assert_non_null(strstr(f.csv, "change,state,certified_on,changed_on,technology_type,"));
    assert_non_null(strstr(f.csv, "\ncertified,certified,2025-06-01,2025-06-01,air_to_water,"
                                  "2025-05-01,12.5,Heatco Ltd,"));
    assert_non_null(strstr(f.manifest, "\"counts\":{\"installations\":2,\"certified\":2,"
                                       "\"corrected\":0,\"withdrawn\":0}"));
    /* nothing changed: no export */
    assert_int_equal(er_register_feed_next(s, &act, &g, &err), ER_ENOTFOUND);
    /* a withdrawal and a new certificate: export 2 holds those two only */
    assert_int_equal(er_register_chmm_withdraw(s, &act, "C-1", day("2025-06-20"), "in error", &err),
                     ER_OK);
    rows[2] = record("C-3", "I-1", "9");
    assert_int_equal(er_register_chmm_certify(s, &act, rows + 2, 1, day("2025-06-21"), false, st,
                                              &refusals, &n_refusals, &err),
                     ER_OK);
    assert_int_equal(er_register_feed_next(s, &later, &g, &err), ER_OK);
    assert_int_equal(g.number, 2);
    assert_int_equal(g.from_event, f.through_event);
    assert_int_equal(g.installations, 2);
    assert_int_equal(g.withdrawn, 1);
    assert_int_equal(g.certified, 1);
    assert_null(strstr(g.csv, "C-2"));
    /* export 1 made again: the same bytes, though C-1 has changed since */
    assert_int_equal(er_register_feed_again(s, 1, &h, &err), ER_OK);
    assert_int_equal(h.csv_len, f.csv_len);
    assert_memory_equal(h.csv, f.csv, f.csv_len);
    assert_string_equal(h.json, f.json);
    assert_string_equal(h.manifest, f.manifest);
    er_feed_free(&h);
    assert_int_equal(er_register_feed_again(s, 3, &h, &err), ER_ENOTFOUND);
    er_feed_free(&f);
    er_feed_free(&g);
    er_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installer_lifecycle),
        cmocka_unit_test(test_installer_days),
        cmocka_unit_test(test_finder),
        cmocka_unit_test(test_certify),
        cmocka_unit_test(test_complaints),
        cmocka_unit_test(test_feed),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
