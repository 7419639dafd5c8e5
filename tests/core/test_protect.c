/*
 * test_protect.c: the consumer protections of a CHMM certification scheme
 * (src/core/protect.c): every (state, step) pair of the complaints state
 * machine against a table written from seed 000 "Redress", the outcomes
 * each step takes, the names; the risk score and the seeded selection by
 * hand (seed 000 "Frequency of conformity assessment"), and in a large
 * sample; the Annex A indicators on a data set worked out by hand.
 */
#include "support.h"

#include <limits.h>
#include <string.h>

#include "ecoreg/protect.h"

static er_date iso(const char *s)
{
    er_date d = ER_DATE_NONE;

    if (!s)
        return ER_DATE_NONE;
    assert_int_equal(er_date_parse_iso(s, &d), ER_OK);
    return d;
}

/* ---- complaints ------------------------------------------------------ */

#define NO (-1) /* refused */

/* seed 000 "Redress", as the brief lists it: where each step leads from
 * each state, NO where it is refused. */
static const int transitions[ER_COMPLAINT_STATE_COUNT][ER_COMPLAINT_STEP_COUNT] = {
    /*                      acknowledge  investigate  resolve  escalate  adr_outcome  rule_out */
    [ER_COMPLAINT_RECEIVED] = { ER_COMPLAINT_ACKNOWLEDGED, NO, NO, NO, NO,
                                ER_COMPLAINT_OUT_OF_SCOPE },
    [ER_COMPLAINT_ACKNOWLEDGED] = { NO, ER_COMPLAINT_INVESTIGATING, NO, NO, NO,
                                    ER_COMPLAINT_OUT_OF_SCOPE },
    [ER_COMPLAINT_INVESTIGATING] = { NO, NO, ER_COMPLAINT_RESOLVED, ER_COMPLAINT_ADR, NO,
                                     ER_COMPLAINT_OUT_OF_SCOPE },
    [ER_COMPLAINT_RESOLVED] = { NO, NO, NO, ER_COMPLAINT_ADR, NO, NO },
    [ER_COMPLAINT_ADR] = { NO, NO, NO, NO, ER_COMPLAINT_ADR_DECIDED, NO },
    [ER_COMPLAINT_ADR_DECIDED] = { NO, NO, NO, NO, NO, NO },
    [ER_COMPLAINT_OUT_OF_SCOPE] = { NO, NO, NO, NO, NO, NO },
};

/* An outcome each step takes, for trying the steps themselves. */
static er_complaint_outcome fitting(er_complaint_step step)
{
    if (step == ER_COMPLAINT_RESOLVE)
        return ER_OUTCOME_PUT_RIGHT_INSTALLER;
    if (step == ER_COMPLAINT_ADR_OUTCOME)
        return ER_OUTCOME_ADR_INSTALLER;
    return ER_OUTCOME_NONE;
}

/* All 7 x 6 = 42 pairs. */
static void test_complaint_transitions(void **state)
{
    int from, step;

    (void)state;
    for (from = 0; from < ER_COMPLAINT_STATE_COUNT; from++)
        for (step = 0; step < ER_COMPLAINT_STEP_COUNT; step++) {
            er_complaint_state to = (er_complaint_state)99;
            er_error err = { 0 };
            er_status rc = er_complaint_next((er_complaint_state)from, (er_complaint_step)step,
                                             fitting((er_complaint_step)step), &to, &err);
            const char *what = er_complaint_step_name((er_complaint_step)step);
            const char *that = er_complaint_state_name((er_complaint_state)from);

            if (transitions[from][step] != NO) {
                if (rc != ER_OK || (int)to != transitions[from][step])
                    fail_msg("%s from %s: rc %d to %s, want %s", what, that, rc,
                             er_complaint_state_name(to),
                             er_complaint_state_name(transitions[from][step]));
                continue;
            }
            if (rc != ER_EINVAL || (int)to != 99)
                fail_msg("%s from %s: rc %d, want refused, *to untouched", what, that, rc);
            assert_string_equal(err.field, "step");
            /* the message names the step and the state */
            assert_non_null(strstr(err.message, what));
            assert_non_null(strstr(err.message, that));
        }
    {
        er_complaint_state to;
        er_error err = { 0 };

        assert_int_equal(er_complaint_next(ER_COMPLAINT_RECEIVED, ER_COMPLAINT_RESOLVE,
                                           ER_OUTCOME_OTHER, &to, &err),
                         ER_EINVAL);
        assert_string_equal(err.message, "cannot resolve a complaint that is received");
    }
}

/* Each step with each outcome (and two out of range), from a state it
 * leaves: resolve takes the four scheme resolutions, adr_outcome the two
 * ADR findings, every other step none. */
static void test_complaint_outcomes(void **state)
{
    static const struct {
        er_complaint_state from;
        er_complaint_step step;
        unsigned takes; /* bit o: outcome o accepted */
    } cases[] = {
        { ER_COMPLAINT_RECEIVED, ER_COMPLAINT_ACKNOWLEDGE, 1u << ER_OUTCOME_NONE },
        { ER_COMPLAINT_ACKNOWLEDGED, ER_COMPLAINT_INVESTIGATE, 1u << ER_OUTCOME_NONE },
        { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_RESOLVE,
          1u << ER_OUTCOME_NO_NON_CONFORMITY | 1u << ER_OUTCOME_PUT_RIGHT_INSTALLER |
              1u << ER_OUTCOME_PUT_RIGHT_OTHER | 1u << ER_OUTCOME_OTHER },
        { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_ESCALATE, 1u << ER_OUTCOME_NONE },
        { ER_COMPLAINT_RESOLVED, ER_COMPLAINT_ESCALATE, 1u << ER_OUTCOME_NONE },
        { ER_COMPLAINT_ADR, ER_COMPLAINT_ADR_OUTCOME,
          1u << ER_OUTCOME_ADR_COMPLAINANT | 1u << ER_OUTCOME_ADR_INSTALLER },
        { ER_COMPLAINT_RECEIVED, ER_COMPLAINT_RULE_OUT, 1u << ER_OUTCOME_NONE },
        { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_RULE_OUT, 1u << ER_OUTCOME_NONE },
    };
    size_t i;
    int o;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (o = 0; o <= ER_OUTCOME_COUNT + 1; o++) {
            er_complaint_outcome outcome =
                o <= ER_OUTCOME_COUNT ? (er_complaint_outcome)o : (er_complaint_outcome)1000;
            er_complaint_state to = (er_complaint_state)99;
            er_error err = { 0 };
            er_status rc = er_complaint_next(cases[i].from, cases[i].step, outcome, &to, &err);
            bool ok = o < ER_OUTCOME_COUNT && (cases[i].takes >> o & 1u);

            if (ok ? rc != ER_OK : rc != ER_EINVAL || (int)to != 99)
                fail_msg("%s from %s with %s: rc %d", er_complaint_step_name(cases[i].step),
                         er_complaint_state_name(cases[i].from), er_complaint_outcome_name(outcome),
                         rc);
            if (!ok)
                assert_string_equal(err.field, "outcome");
        }
}

/* Names and their inverses; out-of-range values named "?" and refused. */
static void test_complaint_names(void **state)
{
    static const char *const states[] = { "received", "acknowledged", "investigating", "resolved",
                                          "adr",      "adr_decided",  "out_of_scope" };
    static const char *const steps[] = { "acknowledge", "investigate", "resolve",
                                         "escalate",    "adr_outcome", "rule_out" };
    static const char *const outcomes[] = {
        "none",  "out_of_scope",    "no_non_conformity", "put_right_installer", "put_right_other",
        "other", "adr_complainant", "adr_installer",
    };
    static const char *const wrong[] = { "",          "Received",    "received ",
                                         "resolve d", "adr-decided", "?" };
    er_complaint_state s;
    er_complaint_step p;
    er_complaint_outcome o;
    er_complaint_state to;
    er_error err = { 0 };
    int i;

    (void)state;
    for (i = 0; i < ER_COMPLAINT_STATE_COUNT; i++) {
        assert_string_equal(er_complaint_state_name((er_complaint_state)i), states[i]);
        assert_int_equal(er_complaint_state_parse(states[i], &s), ER_OK);
        assert_int_equal(s, i);
    }
    for (i = 0; i < ER_COMPLAINT_STEP_COUNT; i++) {
        assert_string_equal(er_complaint_step_name((er_complaint_step)i), steps[i]);
        assert_int_equal(er_complaint_step_parse(steps[i], &p), ER_OK);
        assert_int_equal(p, i);
    }
    for (i = 0; i < ER_OUTCOME_COUNT; i++) {
        assert_string_equal(er_complaint_outcome_name((er_complaint_outcome)i), outcomes[i]);
        assert_int_equal(er_complaint_outcome_parse(outcomes[i], &o), ER_OK);
        assert_int_equal(o, i);
    }
    s = ER_COMPLAINT_ADR;
    p = ER_COMPLAINT_ESCALATE;
    o = ER_OUTCOME_OTHER;
    for (i = 0; i < (int)(sizeof wrong / sizeof wrong[0]); i++) {
        assert_int_equal(er_complaint_state_parse(wrong[i], &s), ER_EINVAL);
        assert_int_equal(er_complaint_step_parse(wrong[i], &p), ER_EINVAL);
        assert_int_equal(er_complaint_outcome_parse(wrong[i], &o), ER_EINVAL);
    }
    assert_int_equal(er_complaint_state_parse(NULL, &s), ER_EINVAL);
    assert_int_equal(er_complaint_step_parse(NULL, &p), ER_EINVAL);
    assert_int_equal(er_complaint_outcome_parse(NULL, &o), ER_EINVAL);
    assert_int_equal(s, ER_COMPLAINT_ADR); /* untouched */
    assert_int_equal(p, ER_COMPLAINT_ESCALATE);
    assert_int_equal(o, ER_OUTCOME_OTHER);
    assert_string_equal(er_complaint_state_name(ER_COMPLAINT_STATE_COUNT), "?");
    assert_string_equal(er_complaint_step_name(ER_COMPLAINT_STEP_COUNT), "?");
    assert_string_equal(er_complaint_outcome_name(ER_OUTCOME_COUNT), "?");
    assert_string_equal(er_complaint_state_name((er_complaint_state)-1), "?");
    assert_int_equal(er_complaint_next(ER_COMPLAINT_STATE_COUNT, ER_COMPLAINT_ACKNOWLEDGE,
                                       ER_OUTCOME_NONE, &to, &err),
                     ER_EINVAL);
    assert_int_equal(er_complaint_next((er_complaint_state)-1, ER_COMPLAINT_ACKNOWLEDGE,
                                       ER_OUTCOME_NONE, &to, &err),
                     ER_EINVAL);
    assert_int_equal(er_complaint_next(ER_COMPLAINT_RECEIVED, ER_COMPLAINT_STEP_COUNT,
                                       ER_OUTCOME_NONE, &to, &err),
                     ER_EINVAL);
    assert_string_equal(err.field, "step");
    /* without an error record */
    assert_int_equal(er_complaint_next(ER_COMPLAINT_ADR_DECIDED, ER_COMPLAINT_ESCALATE,
                                       ER_OUTCOME_NONE, &to, NULL),
                     ER_EINVAL);
}

/* ---- risk score ------------------------------------------------------ */

/* Weights for the tests (not data/schemes/chmm.json's): base 1, 2 a
 * complaint, 1 a year unassessed, 3 if never assessed, 4 if the last
 * assessment failed, 2 a non-conformity in 3 years. */
static const er_risk_weights weights = {
    .base = 1,
    .per_complaint = 2,
    .per_year_unassessed = 1,
    .never_assessed = 3,
    .last_nonconforming = 4,
    .per_nonconformity = 2,
};

/* Scores on 2025-06-30. */
static void test_risk_score(void **state)
{
    static const struct {
        int complaints;
        const char *last; /* NULL: never assessed */
        bool last_nc;
        int nonconformities;
        int want;
        const char *why;
    } cases[] = {
        { 0, "2025-06-30", false, 0, 1, "base 1; assessed today: 0 years" },
        { 0, NULL, false, 0, 4, "base 1 + never assessed 3" },
        { 2, "2024-07-01", false, 0, 5,
          "1 + 2 x 2 complaints; 364 days (2024-07-01 + 365 = 2025-07-01): 0 years" },
        { 0, "2024-06-30", false, 0, 2, "1 + 1 year: 365 days, no 29 Feb in between" },
        { 0, "2022-06-30", false, 0, 4,
          "1 + 3 years: 3 x 365 + 1 (29 Feb 2024) = 1096 days, 1096 / 365 = 3.003" },
        { 0, "2022-07-02", false, 0, 3, "1 + 2 years: 1094 days, 1094 / 365 = 2.997" },
        { 0, "2025-01-01", true, 2, 9,
          "1 + 0 years (180 days) + last non-conforming 4 + 2 x 2 non-conformities" },
        { 3, NULL, true, 1, 16, "1 + 3 x 2 + never 3 + 4 + 1 x 2" },
        { -5, "2025-06-30", false, -1, 1, "negative counts count as 0" },
        { 0, "2026-01-01", false, 0, 1, "assessed after today: 0 years, not negative" },
    };
    static const er_risk_weights zero = { 0 };
    static const er_risk_weights huge = { .base = INT_MAX, .per_complaint = INT_MAX };
    static const er_risk_weights negative = { .base = -10 };
    er_date today = iso("2025-06-30");
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_risk_input in = { cases[i].complaints, iso(cases[i].last), cases[i].last_nc,
                             cases[i].nonconformities };
        int got = er_risk_score(&in, &weights, today);

        if (got != cases[i].want)
            fail_msg("case %zu (%s): %d, want %d", i, cases[i].why, got, cases[i].want);
    }
    {
        er_risk_input in = { INT_MAX, ER_DATE_NONE, true, INT_MAX };

        /* at least 1 with nothing weighed; INT_MAX at most, not overflow */
        assert_int_equal(er_risk_score(&in, &zero, today), 1);
        assert_int_equal(er_risk_score(&in, &negative, today), 1);
        assert_int_equal(er_risk_score(&in, &huge, today), INT_MAX);
    }
}

/* ---- selection ------------------------------------------------------- */

/* Each of picked[0..k) a distinct index below n. */
static void assert_distinct(const size_t *picked, size_t k, size_t n)
{
    size_t i, j;

    for (i = 0; i < k; i++) {
        assert_true(picked[i] < n);
        for (j = 0; j < i; j++)
            assert_true(picked[i] != picked[j]);
    }
}

static void test_select_reproducible(void **state)
{
    int w[1000];
    size_t a[20], b[20], c[20], all[12], i;
    er_error err = { 0 };

    (void)state;
    for (i = 0; i < 1000; i++)
        w[i] = (int)(i % 5); /* 0 counts as 1 */
    assert_int_equal(er_risk_select(w, 1000, 20, 42, a, &err), ER_OK);
    assert_int_equal(er_risk_select(w, 1000, 20, 42, b, &err), ER_OK);
    assert_int_equal(er_risk_select(w, 1000, 20, 43, c, &err), ER_OK);
    assert_memory_equal(a, b, sizeof a);
    assert_true(memcmp(a, c, sizeof a) != 0);
    assert_distinct(a, 20, 1000);
    assert_distinct(c, 20, 1000);
    /* k >= n: every index once; nothing written past n */
    for (i = 7; i <= 10; i++) {
        size_t j;
        int seen[7] = { 0 };

        for (j = 0; j < 12; j++)
            all[j] = 12345;
        assert_int_equal(er_risk_select(w, 7, i, i, all, &err), ER_OK);
        for (j = 0; j < 7; j++) {
            assert_true(all[j] < 7);
            seen[all[j]]++;
        }
        for (j = 0; j < 7; j++)
            assert_int_equal(seen[j], 1);
        for (j = 7; j < 12; j++)
            assert_int_equal(all[j], 12345);
    }
    /* n == 0 or k == 0: nothing picked */
    all[0] = 12345;
    assert_int_equal(er_risk_select(w, 0, 5, 1, all, &err), ER_OK);
    assert_int_equal(er_risk_select(w, 10, 0, 1, all, &err), ER_OK);
    assert_int_equal(er_risk_select(NULL, 0, 0, 1, NULL, NULL), ER_OK);
    assert_int_equal(all[0], 12345);
}

/*
 * The algorithm by hand.  splitmix64 from state 0 gives (checked with an
 * independent Python version of the same five lines)
 *   z1 = 0xE220A8397B1DCDAF = 16294208416658607535
 *   z2 = 0x6E789E6AA1B965F4 =  7960286522194355700
 *   z3 = 0x06C45D188009454F =   487617019471545679
 * Weights {2, 0, 3, 1} count as {2, 1, 3, 1}:
 *   draw 1: W = 7, 2^64 mod 7 = 2, so only z >= 2^64 - 2 is rejected;
 *     z1 mod 7 = 2; intervals [0,2) [2,3) [3,6) [6,7): index 1.
 *   draw 2: W = 6 (index 1 gone), 2^64 mod 6 = 4, z2 is far below
 *     2^64 - 4; z2 mod 6 = 0; intervals [0,2) index 0, [2,5) 2, [5,6) 3:
 *     index 0.
 *   draw 3: W = 4, 2^64 mod 4 = 0, nothing rejected; z3 mod 4 = 3;
 *     intervals [0,3) index 2, [3,4) index 3: index 3.
 */
static void test_select_by_hand(void **state)
{
    static const int w[] = { 2, 0, 3, 1 };
    size_t picked[3];
    er_error err = { 0 };

    (void)state;
    assert_int_equal(er_risk_select(w, 4, 3, 0, picked, &err), ER_OK);
    assert_int_equal(picked[0], 1);
    assert_int_equal(picked[1], 0);
    assert_int_equal(picked[2], 3);
}

/*
 * 200 installers, 100 of risk 1 and 100 of risk 4, 50 installations each:
 * 10,000 installations, total weight 5,000 x 1 + 5,000 x 4 = 25,000; 2%
 * (200) picked under each of 500 seeds, 100,000 picks in all.  The first
 * draw takes a high-risk installation with probability 20,000 / 25,000 =
 * 0.8; the 200 draws remove about 160 x 4 + 40 x 1 = 680 of the weight,
 * so the last one's is 19,360 / 24,320 = 0.796, about 0.798 on average:
 * about 79,800 high and 20,200 low picks, 16 per high-risk installation
 * and 4 per low-risk one, a ratio of 3.95 (4 as the sampling fraction
 * goes to 0).  The low picks' count is nearly binomial(100,000, 0.2):
 * sd = sqrt(100,000 x 0.2 x 0.8) = 126.  The ratio is 3 at 25,000 low
 * picks and 5 at 16,667, 38 and 28 sd from 20,200: a bound no correct
 * sampler will cross.  (This implementation gives 79,625 and 20,375.)
 */
static void test_select_proportional(void **state)
{
    enum { N = 10000, K = N / 50, SEEDS = 500 };
    static int w[N];
    size_t picked[K], i;
    long high = 0, low = 0;
    uint64_t seed;
    er_error err = { 0 };

    (void)state;
    for (i = 0; i < N; i++)
        w[i] = i / 50 % 2 ? 4 : 1; /* installer i / 50 */
    for (seed = 1; seed <= SEEDS; seed++) {
        assert_int_equal(er_risk_select(w, N, K, seed * 7919, picked, &err), ER_OK);
        for (i = 0; i < K; i++) {
            if (w[picked[i]] == 4)
                high++;
            else
                low++;
        }
    }
    assert_int_equal(high + low, (long)K * SEEDS);
    /* per installation: high / 5,000 against low / 5,000 */
    if (high < 3 * low || high > 5 * low)
        fail_msg("%ld high and %ld low picks: ratio outside [3, 5]", high, low);
    assert_distinct(picked, K, N);
}

/* Every allocation failing in turn: ER_ENOMEM, no leak (ASan). */
static void test_select_nomem(void **state)
{
    static const int w[] = { 1, 2, 3 };
    size_t picked[3];
    er_error err = { 0 };

    (void)state;
    test_fail_allocation(0);
    assert_int_equal(er_risk_select(w, 3, 2, 1, picked, &err), ER_ENOMEM);
    test_fail_allocation(-1);
    assert_true(test_allocation_failed());
    assert_string_equal(err.message, "out of memory");
}

/* ---- Annex A indicators ---------------------------------------------- */

/*
 * One data set; two periods:
 *   Q, the quarter 2025-04-01 .. 2025-06-30;
 *   Y, the 12 months 2024-06-01 .. 2025-05-31.
 * Dates as text, NULL for ER_DATE_NONE.
 */
static const struct {
    const char *applied, *approved, *left, *susp_from, *susp_to;
} installer_rows[] = {
    /* I0: approved in Q and Y; 2025-03-01 -> 04-10: 31 (March) + 9 = 40 days */
    { "2025-03-01", "2025-04-10", NULL, NULL, NULL },
    /* I1: approved in Y; 2024-12-01 -> 2025-01-15: 31 + 14 = 45 days;
     * suspended over [05-01, 06-30): not on Q's 06-30, but on Y's 05-31 */
    { "2024-12-01", "2025-01-15", NULL, "2025-05-01", "2025-06-30" },
    /* I2: refused, never approved: in no count */
    { "2025-04-05", NULL, "2025-05-01", NULL, NULL },
    /* I3: approved in 2023 (neither period), expelled 2025-06-15: gone on
     * Q's 06-30, still there on Y's 05-31 */
    { "2023-01-01", "2023-02-01", "2025-06-15", NULL, NULL },
    /* I4: approved in Y; 2024-08-01 -> 09-01: 31 days; suspended from
     * 2025-06-01, still: suspended on Q's 06-30, not yet on Y's 05-31 */
    { "2024-08-01", "2024-09-01", NULL, "2025-06-01", NULL },
    /* I5: approved on Q's last day, 06-20 -> 06-30: 10 days; leaves the
     * day after: able on 06-30; after Y */
    { "2025-06-20", "2025-06-30", "2025-07-01", NULL, NULL },
};

static const struct {
    const char *certified, *assessed;
    bool nc;
} installation_rows[] = {
    { "2025-04-01", "2025-04-20", false }, /* N0: Q's first day; in Y */
    { "2025-04-15", "2025-05-10", true },  /* N1: Q, Y */
    { "2025-05-01", NULL, false },         /* N2: Q, Y */
    { "2025-05-31", "2025-07-05", true },  /* N3: Q, Y's last day; assessed after both */
    { "2025-06-30", "2025-06-30", false }, /* N4: Q's last day, assessed on it */
    { "2025-07-01", NULL, false },         /* N5: after both */
    { "2025-03-31", "2025-04-02", true },  /* N6: Y only; assessed in Q and Y */
    { "2025-01-10", "2025-02-01", false }, /* N7: Y */
    { "2024-06-01", NULL, false },         /* N8: Y's first day */
    { "2024-05-31", "2024-06-10", false }, /* N9: before Y; assessed in Y */
    { "2024-11-11", "2025-06-15", true },  /* N10: Y; assessed in Q, after Y */
    { "2024-12-24", NULL, false },         /* N11: Y */
};

/* Deadlines by er_deadline_add_months (clamped to the month's end). */
static const struct {
    const char *received, *resolved;
    er_complaint_outcome outcome;
} complaint_rows[] = {
    /* C0: Q, Y; 04-10 + 1 month = 05-10: exactly 1 month */
    { "2025-04-10", "2025-05-10", ER_OUTCOME_NO_NON_CONFORMITY },
    /* C1: Q, Y; 04-30 + 1 month = 05-30, resolved 05-31: 1 month + 1 day;
     * + 3 months = 07-30: within 3 */
    { "2025-04-30", "2025-05-31", ER_OUTCOME_PUT_RIGHT_INSTALLER },
    /* C2: Q, Y; 05-15 + 3 months = 08-15: exactly 3 months, not 1 */
    { "2025-05-15", "2025-08-15", ER_OUTCOME_PUT_RIGHT_OTHER },
    /* C3: Q only; still open, never resolved */
    { "2025-06-01", NULL, ER_OUTCOME_NONE },
    /* C4: Q's last day; out of scope: not in the speed counts */
    { "2025-06-30", NULL, ER_OUTCOME_OUT_OF_SCOPE },
    /* C5: Y only; 03-31 + 1 month = 04-30, + 3 months = 06-30 (June has
     * 30 days), resolved 07-01: neither */
    { "2025-03-31", "2025-07-01", ER_OUTCOME_OTHER },
    /* C6: Y; 01-31 + 1 month = 02-28 (clamped), resolved 02-28: within 1 */
    { "2025-01-31", "2025-02-28", ER_OUTCOME_ADR_COMPLAINANT },
    /* C7: Y; 2024-12-01 + 1 month = 2025-01-01 < 01-20: not within 1;
     * + 3 months = 03-01: within 3 */
    { "2024-12-01", "2025-01-20", ER_OUTCOME_ADR_INSTALLER },
    /* C8: Q; 06-15 + 1 month = 07-15, resolved 06-20: within 1 and 3 */
    { "2025-06-15", "2025-06-20", ER_OUTCOME_ADR_COMPLAINANT },
    /* C9: after both */
    { "2025-07-01", "2025-07-02", ER_OUTCOME_NO_NON_CONFORMITY },
    /* C10: the day before Y */
    { "2024-05-31", "2024-06-05", ER_OUTCOME_NO_NON_CONFORMITY },
};

#define N_INSTALLERS (sizeof installer_rows / sizeof installer_rows[0])
#define N_INSTALLATIONS (sizeof installation_rows / sizeof installation_rows[0])
#define N_COMPLAINTS (sizeof complaint_rows / sizeof complaint_rows[0])

struct want {
    const char *from, *to;
    long installations, installers, onboarded, onboarding_days;
    long rate[2], nc[2], assessed[2], within1[2], within3[2];
    long outcome[ER_OUTCOME_COUNT]; /* counts; each over `received` */
    long received;
};

static void assert_share(er_ind_share got, const long want[2], const char *what)
{
    if (got.count != want[0] || got.of != want[1])
        fail_msg("%s: %ld of %ld, want %ld of %ld", what, got.count, got.of, want[0], want[1]);
}

static void check_period(const struct want *w)
{
    er_ind_installer p[N_INSTALLERS];
    er_ind_installation q[N_INSTALLATIONS];
    er_ind_complaint c[N_COMPLAINTS];
    er_indicators got;
    size_t i;

    for (i = 0; i < N_INSTALLERS; i++)
        p[i] = (er_ind_installer){ iso(installer_rows[i].applied), iso(installer_rows[i].approved),
                                   iso(installer_rows[i].left), iso(installer_rows[i].susp_from),
                                   iso(installer_rows[i].susp_to) };
    for (i = 0; i < N_INSTALLATIONS; i++)
        q[i] = (er_ind_installation){ iso(installation_rows[i].certified),
                                      iso(installation_rows[i].assessed), installation_rows[i].nc };
    for (i = 0; i < N_COMPLAINTS; i++)
        c[i] = (er_ind_complaint){ iso(complaint_rows[i].received), iso(complaint_rows[i].resolved),
                                   complaint_rows[i].outcome };
    er_indicators_compute(p, N_INSTALLERS, q, N_INSTALLATIONS, c, N_COMPLAINTS, iso(w->from),
                          iso(w->to), &got);
    assert_int_equal(got.from, iso(w->from));
    assert_int_equal(got.to, iso(w->to));
    assert_int_equal(got.installations, w->installations);
    assert_int_equal(got.installers, w->installers);
    assert_int_equal(got.onboarded, w->onboarded);
    assert_int_equal(got.onboarding_days, w->onboarding_days);
    assert_share(got.complaint_rate, w->rate, "complaint_rate");
    assert_share(got.nonconformity, w->nc, "nonconformity");
    assert_share(got.assessed, w->assessed, "assessed");
    assert_share(got.within_1_month, w->within1, "within_1_month");
    assert_share(got.within_3_months, w->within3, "within_3_months");
    for (i = 0; i < ER_OUTCOME_COUNT; i++) {
        long want[2] = { w->outcome[i], w->received };

        assert_share(got.outcome[i], want, er_complaint_outcome_name((er_complaint_outcome)i));
    }
}

/*
 * Q, 2025-04-01 .. 2025-06-30, by hand:
 *   installations: certified in Q: N0 (04-01), N1, N2, N3, N4 (06-30) = 5
 *     (N5 is 07-01, N6 03-31).
 *   installers able on 06-30: I0; I1 (its suspension ended that day); I5
 *     (approved that day, leaves after) = 3.  Not I2 (never approved), I3
 *     (expelled 06-15), I4 (suspended).
 *   onboarded in Q: I0 (40 days), I5 (10) = 2, 50 days.
 *   complaint_rate: received in Q: C0, C1, C2, C3, C4 (06-30), C8 = 6,
 *     over the 5 installations (more complaints than installations: a
 *     count over a count, not capped).
 *   nonconformity: assessed in Q: N0 (04-20), N1 (05-10), N4 (06-30), N6
 *     (04-02), N10 (06-15) = 5, of which N1, N6, N10 failed = 3.
 *   assessed: of Q's 5, assessed by 06-30: N0, N1, N4 = 3 (N2 never, N3
 *     on 07-05).
 *   within 1 month, of the 5 in scope (C4 is out): C0 (exactly), C8 = 2;
 *     C1 is a day late, C2 months late, C3 open.
 *   within 3 months: C0, C1, C2 (exactly), C8 = 4.
 *   outcomes of the 6: none C3, out_of_scope C4, no_non_conformity C0,
 *     put_right_installer C1, put_right_other C2, adr_complainant C8: 1
 *     each; other and adr_installer 0.
 */
static void test_indicators_quarter(void **state)
{
    static const struct want q = {
        .from = "2025-04-01",
        .to = "2025-06-30",
        .installations = 5,
        .installers = 3,
        .onboarded = 2,
        .onboarding_days = 50,
        .rate = { 6, 5 },
        .nc = { 3, 5 },
        .assessed = { 3, 5 },
        .within1 = { 2, 5 },
        .within3 = { 4, 5 },
        .outcome = { [ER_OUTCOME_NONE] = 1,
                     [ER_OUTCOME_OUT_OF_SCOPE] = 1,
                     [ER_OUTCOME_NO_NON_CONFORMITY] = 1,
                     [ER_OUTCOME_PUT_RIGHT_INSTALLER] = 1,
                     [ER_OUTCOME_PUT_RIGHT_OTHER] = 1,
                     [ER_OUTCOME_OTHER] = 0,
                     [ER_OUTCOME_ADR_COMPLAINANT] = 1,
                     [ER_OUTCOME_ADR_INSTALLER] = 0 },
        .received = 6,
    };

    (void)state;
    check_period(&q);
}

/*
 * Y, 2024-06-01 .. 2025-05-31, by hand:
 *   installations: certified in Y: N0, N1, N2, N3 (05-31), N6, N7, N8
 *     (06-01), N10, N11 = 9 (N4, N5 after; N9 the day before).
 *   installers able on 2025-05-31: I0; I3 (expelled later); I4 (its
 *     suspension starts later) = 3.  Not I1 (suspended), I2, I5 (approved
 *     later).
 *   onboarded in Y: I0 (40), I1 (45), I4 (31) = 3, 116 days.
 *   complaint_rate: received in Y: C0, C1, C2, C5, C6, C7 = 6, over 9.
 *   nonconformity: assessed in Y: N0, N1 (failed), N6 (failed), N7, N9
 *     (2024-06-10) = 5, 2 failed (N3, N4, N10 assessed after Y).
 *   assessed: of Y's 9, assessed by 05-31: N0, N1, N6, N7 = 4 (N3, N10
 *     later; N2, N8, N11 never).
 *   within 1 month, all 6 in scope: C0, C6 (02-28, clamped) = 2.
 *   within 3 months: C0, C1, C2, C6, C7 = 5 (C5 a day late).
 *   outcomes of the 6: no_non_conformity C0, put_right_installer C1,
 *     put_right_other C2, other C5, adr_complainant C6, adr_installer C7:
 *     1 each; none and out_of_scope 0.
 */
static void test_indicators_year(void **state)
{
    static const struct want y = {
        .from = "2024-06-01",
        .to = "2025-05-31",
        .installations = 9,
        .installers = 3,
        .onboarded = 3,
        .onboarding_days = 116,
        .rate = { 6, 9 },
        .nc = { 2, 5 },
        .assessed = { 4, 9 },
        .within1 = { 2, 6 },
        .within3 = { 5, 6 },
        .outcome = { [ER_OUTCOME_NONE] = 0,
                     [ER_OUTCOME_OUT_OF_SCOPE] = 0,
                     [ER_OUTCOME_NO_NON_CONFORMITY] = 1,
                     [ER_OUTCOME_PUT_RIGHT_INSTALLER] = 1,
                     [ER_OUTCOME_PUT_RIGHT_OTHER] = 1,
                     [ER_OUTCOME_OTHER] = 1,
                     [ER_OUTCOME_ADR_COMPLAINANT] = 1,
                     [ER_OUTCOME_ADR_INSTALLER] = 1 },
        .received = 6,
    };

    (void)state;
    check_period(&y);
}

/* No records: every count 0. */
static void test_indicators_empty(void **state)
{
    er_indicators got;
    int o;

    (void)state;
    memset(&got, 0xff, sizeof got);
    er_indicators_compute(NULL, 0, NULL, 0, NULL, 0, iso("2025-01-01"), iso("2025-12-31"), &got);
    assert_int_equal(got.installations, 0);
    assert_int_equal(got.installers, 0);
    assert_int_equal(got.onboarding_days, 0);
    assert_int_equal(got.complaint_rate.of, 0);
    assert_int_equal(got.within_3_months.count, 0);
    for (o = 0; o < ER_OUTCOME_COUNT; o++)
        assert_int_equal(got.outcome[o].of, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complaint_transitions), cmocka_unit_test(test_complaint_outcomes),
        cmocka_unit_test(test_complaint_names),       cmocka_unit_test(test_risk_score),
        cmocka_unit_test(test_select_reproducible),   cmocka_unit_test(test_select_by_hand),
        cmocka_unit_test(test_select_proportional),   cmocka_unit_test(test_select_nomem),
        cmocka_unit_test(test_indicators_quarter),    cmocka_unit_test(test_indicators_year),
        cmocka_unit_test(test_indicators_empty),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
