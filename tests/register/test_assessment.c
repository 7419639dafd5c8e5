/*
 * test_assessment.c: on-site conformity assessments and corrective
 * actions (certify.h) over a real SQLite store: the remedy path's table
 * (seed 003), its facts and warranty, the risk-weighted reproducible
 * selection (seed 000 "Frequency of conformity assessment"), and
 * corrective actions that suspend or expel in the same transaction.
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

/* data/schemes/chmm.json's values (tests/io/test_quote.c checks the file) */
static const er_assessment_rules rules = { { 1, 2, 1, 3, 4, 2 }, 25 };

static er_date day(const char *iso)
{
    er_date d;

    assert_int_equal(er_date_parse_iso(iso, &d), ER_OK);
    return d;
}

static void db_path(char *path, size_t size, int n)
{
    snprintf(path, size, "%s/a%d.db", dir, n);
}

static er_store *open_db(int n)
{
    char path[128];
    er_store *s;
    er_error err;

    db_path(path, sizeof path, n);
    assert_int_equal(er_store_open(path, &s, &err), ER_OK);
    return s;
}

static er_store *fresh(void)
{
    return open_db(n_db++);
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

/* An approved installer. */
static void member(er_store *s, const char *id)
{
    er_installer in = { .technologies = 1u << ER_CHMM_AIR_TO_WATER };
    er_error err = { 0 };

    snprintf(in.id, sizeof in.id, "%s", id);
    snprintf(in.name, sizeof in.name, "Installer %s", id);
    snprintf(in.postcode, sizeof in.postcode, "LS1 4AB");
    if (er_register_installer_apply(s, &act, &in, day("2025-01-01"), &err) != ER_OK ||
        er_register_installer_step(s, &act, id, ER_INSTALLER_APPROVE, day("2025-02-01"), "approved",
                                   &err) != ER_OK)
        fail_msg("installer %s: %s", id, err.message);
}

/* Certifies n installations of `installer`, "<prefix>-1" on, on day `on`. */
static void certify(er_store *s, const char *installer, const char *prefix, int n, bool new_build,
                    const char *on)
{
    er_chmm_installation *rows = er_calloc((size_t)n, sizeof *rows);
    er_certify_status *st = er_calloc((size_t)n, sizeof *st);
    er_error err = { 0 }, *refusals;
    size_t n_refusals;
    int i;

    assert_non_null(rows);
    assert_non_null(st);
    for (i = 0; i < n; i++) {
        char id[32];
        const char *cells[ER_CHMM_COL_COUNT] = {
            [ER_CHMM_COL_TECHNOLOGY] = "air_to_water",
            [ER_CHMM_COL_COMMISSIONING_DATE] = "2025-05-01",
            [ER_CHMM_COL_CAPACITY] = "8",
            [ER_CHMM_COL_LICENCE_HOLDER] = "Heatco Ltd",
            [ER_CHMM_COL_PRODUCT] = "HC-8",
            [ER_CHMM_COL_HYBRID] = "no",
            [ER_CHMM_COL_BUILD] = new_build ? "new_build" : "retrofit",
            [ER_CHMM_COL_INSTALLATION_ID] = id,
            [ER_CHMM_COL_INSTALLER_ID] = installer,
            [ER_CHMM_COL_PURPOSE] = "space_heating",
            [ER_CHMM_COL_UPRN] = "",
            [ER_CHMM_COL_POSTCODE] = "LS1 4AB",
            [ER_CHMM_COL_SERIAL] = "",
        };

        snprintf(id, sizeof id, "%s-%d", prefix, i + 1);
        assert_int_equal(er_chmm_parse(cells, i + 1, &rows[i], &err), ER_OK);
    }
    if (er_register_chmm_certify(s, &act, rows, (size_t)n, day(on), false, st, &refusals,
                                 &n_refusals, &err) != ER_OK)
        fail_msg("certify %s: %s", prefix, err.message);
    er_free(rows);
    er_free(st);
}

static size_t select_(er_store *s, const er_assessment_rules *r, const char *from, const char *to,
                      uint64_t seed, const char *on)
{
    er_error err = { 0 };
    size_t n = 99;

    if (er_register_assessment_select(s, &act, r, day(from), day(to), seed, day(on), &n, &err) !=
        ER_OK)
        fail_msg("select: %s: %s", err.field, err.message);
    return n;
}

static void take(er_store *s, const char *id, er_assessment_step st, const er_remedy_facts *f,
                 const char *on)
{
    er_error err = { 0 };

    if (er_register_assessment_step(s, &act, id, st, f, day(on), "test", &err) != ER_OK)
        fail_msg("%s %s: %s", er_assessment_step_name(st), id, err.message);
}

/* The assessments, in the order selected, as "ID ID ...". */
struct listing {
    char ids[4096];
    size_t n;
};

static int list_one(void *ctx, const er_assessment *a)
{
    struct listing *l = ctx;

    snprintf(l->ids + strlen(l->ids), sizeof l->ids - strlen(l->ids), "%s ", a->installation_id);
    l->n++;
    return 0;
}

static struct listing listing(er_store *s)
{
    struct listing l = { "", 0 };

    assert_int_equal(er_register_assessment_each(s, list_one, &l), ER_OK);
    return l;
}

/* The names and their inverses. */
static void test_names(void **state)
{
    er_assessment_step st;
    er_corrective_action a;
    int i;

    (void)state;
    assert_string_equal(er_assessment_state_name(ER_ASSESSMENT_THIRD_PARTY), "third_party");
    assert_string_equal(er_assessment_state_name(ER_ASSESSMENT_STATE_COUNT), "?");
    for (i = 0; i < ER_ASSESSMENT_STEP_COUNT; i++) {
        assert_int_equal(er_assessment_step_parse(er_assessment_step_name(i), &st), ER_OK);
        assert_int_equal(st, i);
    }
    assert_string_equal(er_assessment_step_name(ER_ASSESSMENT_HAND_OVER), "hand_over");
    assert_int_equal(er_assessment_step_parse("hand-over", &st), ER_EINVAL);
    for (i = 0; i < ER_ACTION_COUNT; i++) {
        assert_int_equal(er_corrective_action_parse(er_corrective_action_name(i), &a), ER_OK);
        assert_int_equal(a, i);
    }
    assert_string_equal(er_corrective_action_name(ER_ACTION_MORE_FREQUENT), "more_frequent");
    assert_int_equal(er_corrective_action_parse("fine", &a), ER_EINVAL);
}

/* Every step from every state: the remedy path's table (certify.h, seed
 * 003), each other pair refused with nothing written. */
#define NONE ER_ASSESSMENT_STEP_COUNT
static void test_assessment_table(void **state)
{
    /* how to bring an assessment to each state, from selected */
    static const er_assessment_step path[ER_ASSESSMENT_STATE_COUNT][4] = {
        [ER_ASSESSMENT_SELECTED] = { NONE },
        [ER_ASSESSMENT_CONFORMING] = { ER_ASSESSMENT_PASS, NONE },
        [ER_ASSESSMENT_NONCONFORMING] = { ER_ASSESSMENT_FAIL, NONE },
        [ER_ASSESSMENT_REPORTED] = { ER_ASSESSMENT_FAIL, ER_ASSESSMENT_REPORT, NONE },
        [ER_ASSESSMENT_RESPONDED] = { ER_ASSESSMENT_FAIL, ER_ASSESSMENT_REPORT,
                                      ER_ASSESSMENT_RESPOND, NONE },
        [ER_ASSESSMENT_THIRD_PARTY] = { ER_ASSESSMENT_FAIL, ER_ASSESSMENT_REPORT,
                                        ER_ASSESSMENT_HAND_OVER, NONE },
        [ER_ASSESSMENT_REMEDIED] = { ER_ASSESSMENT_FAIL, ER_ASSESSMENT_REPORT,
                                     ER_ASSESSMENT_RESPOND, ER_ASSESSMENT_VERIFY },
    };
    /* the table: -1 refused, else the state reached */
    static const int want[ER_ASSESSMENT_STATE_COUNT][ER_ASSESSMENT_STEP_COUNT] = {
        /*     pass fail report respond hand_over verify */
        [ER_ASSESSMENT_SELECTED] = { ER_ASSESSMENT_CONFORMING, ER_ASSESSMENT_NONCONFORMING, -1, -1,
                                     -1, -1 },
        [ER_ASSESSMENT_CONFORMING] = { -1, -1, -1, -1, -1, -1 },
        [ER_ASSESSMENT_NONCONFORMING] = { -1, -1, ER_ASSESSMENT_REPORTED, -1, -1, -1 },
        [ER_ASSESSMENT_REPORTED] = { -1, -1, -1, ER_ASSESSMENT_RESPONDED, ER_ASSESSMENT_THIRD_PARTY,
                                     -1 },
        [ER_ASSESSMENT_RESPONDED] = { -1, -1, -1, -1, ER_ASSESSMENT_THIRD_PARTY,
                                      ER_ASSESSMENT_REMEDIED },
        [ER_ASSESSMENT_THIRD_PARTY] = { -1, -1, -1, -1, -1, ER_ASSESSMENT_REMEDIED },
        [ER_ASSESSMENT_REMEDIED] = { -1, -1, -1, -1, -1, -1 },
    };
    /* a third party named every time, so hand_over is judged by the table */
    er_remedy_facts facts = { .warranty_until = ER_DATE_NONE };
    er_store *s = fresh();
    int from, st, k = 0;

    (void)state;
    snprintf(facts.third_party, sizeof facts.third_party, "Local Heat Geek");
    member(s, "I-1");
    certify(s, "I-1", "C", ER_ASSESSMENT_STATE_COUNT * ER_ASSESSMENT_STEP_COUNT, false,
            "2025-06-01");
    assert_int_equal(select_(s, &(er_assessment_rules){ rules.weights, 1000 }, "2025-06-01",
                             "2025-06-01", 1, "2025-06-02"),
                     ER_ASSESSMENT_STATE_COUNT * ER_ASSESSMENT_STEP_COUNT);
    for (from = 0; from < ER_ASSESSMENT_STATE_COUNT; from++)
        for (st = 0; st < ER_ASSESSMENT_STEP_COUNT; st++) {
            char id[16];
            er_assessment a;
            er_error err = { 0 };
            size_t before;
            er_status rc;
            int i;

            snprintf(id, sizeof id, "C-%d", ++k);
            for (i = 0; i < 4 && path[from][i] != NONE; i++)
                take(s, id, path[from][i], &facts, "2025-07-01");
            before = n_events(s);
            rc = er_register_assessment_step(s, &act, id, (er_assessment_step)st, &facts,
                                             day("2025-08-01"), "test", &err);
            assert_int_equal(er_register_assessment_get(s, id, &a, &err), ER_OK);
            if (want[from][st] < 0) {
                if (rc != ER_EINVAL)
                    fail_msg("%s from %s: allowed", er_assessment_step_name(st),
                             er_assessment_state_name(from));
                assert_string_equal(err.field, "step");
                assert_int_equal(n_events(s), before);
                assert_int_equal(a.state, from);
            } else {
                if (rc != ER_OK)
                    fail_msg("%s from %s: %s", er_assessment_step_name(st),
                             er_assessment_state_name(from), err.message);
                assert_int_equal(n_events(s), before + 1);
                assert_int_equal(a.state, want[from][st]);
            }
        }
    er_store_close(s);
}
#undef NONE

/* Seed 003's remedy path: findings, report, response, a third party, the
 * works checked; the facts merged step by step; the warranty judged on
 * the day of the last step. */
static void test_remedy_path(void **state)
{
    er_store *s = fresh();
    er_remedy_facts f = { .warranty_until = ER_DATE_NONE };
    er_assessment a;
    er_error err = { 0 };
    er_jsonw w = { 0 };
    size_t before;

    (void)state;
    member(s, "I-1");
    certify(s, "I-1", "NB", 1, true, "2025-06-01");
    assert_int_equal(select_(s, &(er_assessment_rules){ rules.weights, 1000 }, "2025-06-01",
                             "2025-06-30", 42, "2025-06-10"),
                     1);
    assert_int_equal(er_register_assessment_get(s, "NB-1", &a, &err), ER_OK);
    assert_int_equal(a.state, ER_ASSESSMENT_SELECTED);
    assert_string_equal(a.installer_id, "I-1");
    assert_true(a.new_build); /* the installation's record */
    assert_int_equal(a.seed, 42);
    assert_int_equal(a.risk, 4); /* base 1 + never assessed 3 */
    assert_int_equal(a.selected, day("2025-06-10"));
    assert_int_equal(a.assessed, ER_DATE_NONE);
    assert_int_equal(a.facts.warranty_until, ER_DATE_NONE);
    assert_false(a.warranty_in_force);

    /* fail needs its findings; none before the selection's day */
    assert_int_equal(er_register_assessment_step(s, &act, "NB-1", ER_ASSESSMENT_FAIL, NULL,
                                                 day("2025-07-01"), "", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(er_register_assessment_step(s, &act, "NB-1", ER_ASSESSMENT_FAIL, NULL,
                                                 day("2025-06-09"), "flow temperature 60C", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "on");
    assert_int_equal(er_register_assessment_step(s, &act, "NB-1", ER_ASSESSMENT_FAIL, NULL,
                                                 day("2025-07-01"), "flow temperature 60C", &err),
                     ER_OK);
    /* seed 003 point 2: who designed and installed it, the warranty */
    snprintf(f.designer, sizeof f.designer, "Design Co");
    snprintf(f.installed_by, sizeof f.installed_by, "Fit Ltd");
    f.warranty_until = day("2025-09-30");
    take(s, "NB-1", ER_ASSESSMENT_REPORT, &f, "2025-07-05");
    assert_int_equal(er_register_assessment_get(s, "NB-1", &a, &err), ER_OK);
    assert_true(a.warranty_in_force);
    /* seed 003 point 3: the manufacturer asked; the other facts kept */
    memset(&f, 0, sizeof f);
    f.warranty_until = ER_DATE_NONE;
    f.manufacturer_involved = true;
    take(s, "NB-1", ER_ASSESSMENT_RESPOND, &f, "2025-08-01");
    /* seed 003 point 4: handing over needs the third party's name */
    f.manufacturer_involved = false;
    before = n_events(s);
    assert_int_equal(er_register_assessment_step(s, &act, "NB-1", ER_ASSESSMENT_HAND_OVER, &f,
                                                 day("2025-10-01"), "installer gone", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "third_party");
    assert_int_equal(n_events(s), before);
    snprintf(f.third_party, sizeof f.third_party, "Heat Geek Leeds");
    take(s, "NB-1", ER_ASSESSMENT_HAND_OVER, &f, "2025-10-01");
    memset(&f, 0, sizeof f);
    f.warranty_until = ER_DATE_NONE;
    take(s, "NB-1", ER_ASSESSMENT_VERIFY, &f, "2025-10-15");

    assert_int_equal(er_register_assessment_get(s, "NB-1", &a, &err), ER_OK);
    assert_int_equal(a.state, ER_ASSESSMENT_REMEDIED);
    assert_string_equal(a.findings, "flow temperature 60C");
    assert_int_equal(a.assessed, day("2025-07-01"));
    assert_int_equal(a.reported, day("2025-07-05"));
    assert_int_equal(a.remedied, day("2025-10-15"));
    assert_int_equal(a.last_step, day("2025-10-15"));
    assert_string_equal(a.facts.designer, "Design Co");
    assert_string_equal(a.facts.installed_by, "Fit Ltd");
    assert_int_equal(a.facts.warranty_until, day("2025-09-30"));
    assert_true(a.facts.manufacturer_involved);
    assert_string_equal(a.facts.third_party, "Heat Geek Leeds");
    assert_false(a.warranty_in_force); /* lapsed on 30 September */
    er_assessment_json(&w, &a);
    assert_false(w.oom);
    assert_non_null(strstr(w.p, "\"state\":\"remedied\""));
    assert_non_null(strstr(w.p, "\"seed\":\"42\""));
    assert_non_null(strstr(w.p, "\"warranty_until\":\"2025-09-30\""));
    assert_non_null(strstr(w.p, "\"third_party\":\"Heat Geek Leeds\""));
    er_jsonw_free(&w);

    assert_int_equal(er_register_assessment_get(s, "NB-9", &a, &err), ER_ENOTFOUND);
    assert_int_equal(er_register_assessment_step(s, &act, "NB-9", ER_ASSESSMENT_PASS, NULL,
                                                 day("2025-10-15"), "ok", &err),
                     ER_ENOTFOUND);
    er_store_close(s);
}

/* Two registers built alike. */
static void build_register(er_store *s)
{
    member(s, "I-1");
    member(s, "I-2");
    certify(s, "I-1", "A", 50, false, "2025-06-01");
    certify(s, "I-2", "B", 50, false, "2025-06-02");
}

/* ceil(permille x n / 1000) installations, reproducibly from the seed;
 * one selected already is not selected again; withdrawn ones and those
 * certified outside the period are not candidates. */
static void test_select(void **state)
{
    static const struct {
        int permille;
        const char *from, *to;
        size_t want; /* of how many candidates */
    } ks[] = {
        { 25, "2025-06-01", "2025-06-02", 3 }, /* 2.5 of 100 */
        { 25, "2025-06-01", "2025-06-01", 2 }, /* 1.25 of 50 */
        { 10, "2025-06-01", "2025-06-02", 1 }, /* exactly 1 of 100 */
        { 1, "2025-06-01", "2025-06-02", 1 },  /* 0.1 of 100 */
        { 0, "2025-06-01", "2025-06-02", 0 },  /* none */
        { 25, "2025-06-03", "2025-06-30", 0 }, /* none certified then */
        { 1000, "2025-06-02", "2025-06-02", 50 },
    };
    er_store *s1 = fresh(), *s2 = fresh(), *s3;
    struct listing l1, l2, l3;
    er_error err = { 0 };
    size_t i, before;

    (void)state;
    build_register(s1);
    build_register(s2);
    /* the same register and seed: the same installations, in that order */
    assert_int_equal(select_(s1, &rules, "2025-06-01", "2025-06-02", 7, "2025-07-01"), 3);
    assert_int_equal(select_(s2, &rules, "2025-06-01", "2025-06-02", 7, "2025-07-01"), 3);
    l1 = listing(s1);
    l2 = listing(s2);
    assert_int_equal(l1.n, 3);
    assert_string_equal(l1.ids, l2.ids);
    /* another seed: as many, drawn afresh (which ones is the seed's) */
    s3 = fresh();
    build_register(s3);
    assert_int_equal(select_(s3, &rules, "2025-06-01", "2025-06-02", 8, "2025-07-01"), 3);
    assert_int_equal(listing(s3).n, 3);
    er_store_close(s3);
    /* again: 3 of the 97 left, none of the 3 drawn before */
    before = n_events(s1);
    assert_int_equal(select_(s1, &rules, "2025-06-01", "2025-06-02", 7, "2025-07-01"), 3);
    assert_int_equal(n_events(s1), before + 3);
    l3 = listing(s1);
    assert_int_equal(l3.n, 6); /* six subjects: none selected twice */
    assert_memory_equal(l3.ids, l1.ids, strlen(l1.ids));
    er_store_close(s1);
    er_store_close(s2);

    /* k for each share and period, on a fresh register each */
    for (i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        er_assessment_rules r = { rules.weights, ks[i].permille };

        s3 = fresh();
        build_register(s3);
        if (select_(s3, &r, ks[i].from, ks[i].to, 99, "2025-07-01") != ks[i].want)
            fail_msg("case %zu: not %zu selected", i, ks[i].want);
        assert_int_equal(listing(s3).n, ks[i].want);
        er_store_close(s3);
    }

    /* withdrawn installations are not drawn: all but them */
    s3 = fresh();
    build_register(s3);
    assert_int_equal(er_register_chmm_withdraw(s3, &act, "A-3", day("2025-06-05"), "error", &err),
                     ER_OK);
    assert_int_equal(select_(s3, &(er_assessment_rules){ rules.weights, 1000 }, "2025-06-01",
                             "2025-06-01", 5, "2025-07-01"),
                     49);
    assert_int_equal(er_register_assessment_get(s3, "A-3", &(er_assessment){ .risk = 0 }, &err),
                     ER_ENOTFOUND);
    /* nothing left to draw from */
    assert_int_equal(select_(s3, &(er_assessment_rules){ rules.weights, 1000 }, "2025-06-01",
                             "2025-06-01", 5, "2025-07-01"),
                     0);
    /* a bad period or share: nothing written */
    before = n_events(s3);
    assert_int_equal(er_register_assessment_select(s3, &act, &rules, day("2025-06-02"),
                                                   day("2025-06-01"), 1, day("2025-07-01"), &i,
                                                   &err),
                     ER_EINVAL);
    assert_int_equal(er_register_assessment_select(
                         s3, &act, &(er_assessment_rules){ rules.weights, 1001 }, day("2025-06-01"),
                         day("2025-06-02"), 1, day("2025-07-01"), &i, &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "sample_permille");
    assert_int_equal(n_events(s3), before);
    er_store_close(s3);
}

/* Copies file `from` to `to`. */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[8192];
    size_t n;

    assert_non_null(in);
    assert_non_null(out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void complain(er_store *s, const char *installer, const char *on)
{
    er_complaint c = { .no_heating = false };
    char id[ER_COMPLAINT_ID_MAX];
    er_error err = { 0 };

    snprintf(c.installer_id, sizeof c.installer_id, "%s", installer);
    snprintf(c.summary, sizeof c.summary, "radiators cold");
    if (er_register_complaint_receive(s, &act, &c, day(on), id, &err) != ER_OK)
        fail_msg("complaint: %s", err.message);
}

struct by_installer {
    int n[3];    /* selected: I-1, I-2, I-3 */
    int risk[3]; /* the risk each was selected with */
};

static int tally(void *ctx, const er_assessment *a)
{
    struct by_installer *t = ctx;
    int i = a->installer_id[2] - '1';

    if (a->selected == ER_DATE_NONE || a->assessed != ER_DATE_NONE)
        return 0; /* the assessment made beforehand */
    t->n[i]++;
    t->risk[i] = a->risk;
    return 0;
}

/* Riskier installers' installations are drawn more often (seed 000
 * "Frequency of conformity assessment"): I-1 has 3 complaints in the
 * last 12 months (and one older, which does not count), I-2's last
 * assessment failed, I-3 was never assessed.  Risk: I-1 1 + 3 x 2 +
 * never 3 = 10; I-2 1 + last nonconforming 4 + 1 x 2 = 7; I-3 1 + 3 = 4.
 * One installation drawn of 60, from 200 copies of one register. */
static void test_select_by_risk(void **state)
{
    const er_assessment_rules one = { rules.weights, 10 }; /* ceil(0.6) = 1 */
    struct by_installer t = { .n = { 0 } };
    char base[128], path[128];
    er_store *s = fresh();
    int base_n = n_db - 1, seed;

    (void)state;
    member(s, "I-1");
    member(s, "I-2");
    member(s, "I-3");
    certify(s, "I-2", "OLD", 1, false, "2025-03-01");
    assert_int_equal(select_(s, &(er_assessment_rules){ rules.weights, 1000 }, "2025-03-01",
                             "2025-03-01", 1, "2025-03-02"),
                     1);
    take(s, "OLD-1", ER_ASSESSMENT_FAIL, NULL, "2025-03-10");
    certify(s, "I-1", "A", 20, false, "2025-06-01");
    certify(s, "I-2", "B", 20, false, "2025-06-01");
    certify(s, "I-3", "C", 20, false, "2025-06-01");
    complain(s, "I-1", "2024-06-01"); /* over 12 months before */
    complain(s, "I-1", "2024-07-02");
    complain(s, "I-1", "2025-01-10");
    complain(s, "I-1", "2025-06-20");
    er_store_close(s);
    db_path(base, sizeof base, base_n);
    for (seed = 1; seed <= 200; seed++) {
        snprintf(path, sizeof path, "%s/copy.db", dir);
        copy_file(base, path);
        {
            er_store *c;
            er_error err = { 0 };

            assert_int_equal(er_store_open(path, &c, &err), ER_OK);
            assert_int_equal(
                select_(c, &one, "2025-06-01", "2025-06-30", (uint64_t)seed, "2025-07-01"), 1);
            assert_int_equal(er_register_assessment_each(c, tally, &t), ER_OK);
            er_store_close(c);
        }
    }
    assert_int_equal(t.risk[0], 10);
    assert_int_equal(t.risk[1], 7);
    assert_int_equal(t.risk[2], 4);
    assert_int_equal(t.n[0] + t.n[1] + t.n[2], 200);
    /* expected 200 x 10/21, 7/21, 4/21: about 95, 67, 38 (seeds 1 to 200
     * draw 101, 69, 30); each installer has a third of the installations */
    if (!(t.n[0] > t.n[1] && t.n[1] > t.n[2] && t.n[0] > 200 / 3 && t.n[2] < 200 / 3))
        fail_msg("drawn %d, %d, %d: not by risk", t.n[0], t.n[1], t.n[2]);
}

/* Corrective actions (seed 000 "Frequency of conformity assessment"):
 * training leaves the state as it was; a suspension suspends in the same
 * transaction; an action the lifecycle refuses writes nothing. */
static void test_corrective_actions(void **state)
{
    er_store *s = fresh();
    er_installer in;
    er_error err = { 0 };
    er_installer applicant = { .technologies = 1u << ER_CHMM_AIR_TO_WATER };
    size_t before;

    (void)state;
    member(s, "I-1");
    before = n_events(s);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_TRAINING,
                                                   day("2025-07-01"), "refrigerant course", &err),
                     ER_OK);
    assert_int_equal(n_events(s), before + 1);
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_int_equal(in.state, ER_INSTALLER_APPROVED);
    assert_int_equal(in.last_step, day("2025-07-01"));
    assert_string_equal(in.reason, "refrigerant course");

    /* suspension: the action and the lifecycle step, together */
    before = n_events(s);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_SUSPENSION,
                                                   day("2025-07-10"), "repeated failures", &err),
                     ER_OK);
    assert_int_equal(n_events(s), before + 2);
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_int_equal(in.state, ER_INSTALLER_SUSPENDED);
    assert_int_equal(in.suspended_from, day("2025-07-10"));
    /* more frequent assessment while suspended: still suspended, from then */
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_MORE_FREQUENT,
                                                   day("2025-07-20"), "monthly visits", &err),
                     ER_OK);
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_int_equal(in.state, ER_INSTALLER_SUSPENDED);
    assert_int_equal(in.suspended_from, day("2025-07-10"));
    assert_int_equal(in.suspended_to, ER_DATE_NONE);
    /* suspended again: the lifecycle refuses, nothing written */
    before = n_events(s);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_SUSPENSION,
                                                   day("2025-07-21"), "again", &err),
                     ER_EINVAL);
    assert_int_equal(n_events(s), before);
    /* before the last step: refused */
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_EXPULSION,
                                                   day("2025-07-19"), "late", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "on");
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_EXPULSION,
                                                   day("2025-08-01"), "no improvement", &err),
                     ER_OK);
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_int_equal(in.state, ER_INSTALLER_EXPELLED);
    assert_int_equal(in.left, day("2025-08-01"));
    /* an expelled installer: expelled again or trained, refused */
    before = n_events(s);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_EXPULSION,
                                                   day("2025-08-02"), "again", &err),
                     ER_EINVAL);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_TRAINING,
                                                   day("2025-08-02"), "course", &err),
                     ER_EINVAL);
    assert_int_equal(n_events(s), before);
    assert_int_equal(er_register_installer_get(s, "I-1", &in, &err), ER_OK);
    assert_int_equal(in.left, day("2025-08-01"));
    /* an applicant is not a member; an unknown installer is not found */
    snprintf(applicant.id, sizeof applicant.id, "I-2");
    snprintf(applicant.name, sizeof applicant.name, "Applicant Ltd");
    snprintf(applicant.postcode, sizeof applicant.postcode, "M1 1AA");
    assert_int_equal(er_register_installer_apply(s, &act, &applicant, day("2025-01-01"), &err),
                     ER_OK);
    assert_int_equal(er_register_corrective_action(s, &act, "I-2", ER_ACTION_TRAINING,
                                                   day("2025-08-02"), "course", &err),
                     ER_EINVAL);
    assert_int_equal(er_register_corrective_action(s, &act, "I-9", ER_ACTION_TRAINING,
                                                   day("2025-08-02"), "course", &err),
                     ER_ENOTFOUND);
    assert_int_equal(er_register_corrective_action(s, &act, "I-1", ER_ACTION_COUNT,
                                                   day("2025-08-02"), "x", &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "action");
    er_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),          cmocka_unit_test(test_assessment_table),
        cmocka_unit_test(test_remedy_path),    cmocka_unit_test(test_select),
        cmocka_unit_test(test_select_by_risk), cmocka_unit_test(test_corrective_actions),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
