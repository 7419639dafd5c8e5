/*
 * test_ledger.c: the obligation ledger (src/core/ledger.c) on ledgers
 * worked by hand, and a property test over random sequences of entries.
 *
 * Amounts are pence.  The caps are those of the ECO4 Order: partial
 * projects at most 12.5% of a supplier's obligation (art. 10(3)), the
 * innovation uplift at most 5% per innovation measure description
 * (art. 60), and 7,500 exempted projects across the scheme (seed 004
 * Annex A Table iv), here 2 so that a test can reach it.  Then GBIS's
 * three target years, carry-under and carry-over (seed 004 ch. 1).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/ledger.h"

enum { PARTIAL, INNOVATION, EXEMPTED, N_CAPS };

static const er_ledger_cap caps[N_CAPS] = {
    [PARTIAL] = { "partial_projects", ER_CAP_SHARE, 125000, false },
    [INNOVATION] = { "innovation_uplift", ER_CAP_SHARE, 50000, true },
    [EXEMPTED] = { "exempted_projects", ER_CAP_COUNT, 2, false },
};

#define PP (1u << PARTIAL)
#define INNO (1u << INNOVATION)
#define EXEMPT (1u << EXEMPTED)

/* An entry and what it must post: to its supplier (and, for a transfer or
 * a trade, to the other). */
struct step {
    er_ledger_op op;
    const char *supplier, *subject;
    int64_t amount;
    uint32_t caps;
    const char *to;                     /* or the key of an award */
    int64_t delivered, cut, obligation; /* the first posting */
    int cut_by;
    bool refused;
};

#define OBLIGE(s, a)                                                                               \
    {                                                                                              \
        ER_LEDGER_OBLIGATION, s, "", a, 0, NULL, 0, 0, a, -1, false                                \
    }
#define AWARD(s, subj, a, c, counted, cut, by)                                                     \
    {                                                                                              \
        ER_LEDGER_AWARD, s, subj, a, c, NULL, counted, cut, 0, by, false                           \
    }
#define KEYED(s, subj, a, c, key, counted, cut, by)                                                \
    {                                                                                              \
        ER_LEDGER_AWARD, s, subj, a, c, key, counted, cut, 0, by, false                            \
    }
#define WITHDRAW(op, s, subj, was)                                                                 \
    {                                                                                              \
        op, s, subj, 0, 0, NULL, -(was), 0, 0, -1, false                                           \
    }
#define REFUSED(op, s, subj, a, to)                                                                \
    {                                                                                              \
        op, s, subj, a, 0, to, 0, 0, 0, -1, true                                                   \
    }

/* Builds the entries of `steps`, ids 10, 20, ... */
static er_ledger_entry *entries_of(const struct step *steps, size_t n)
{
    er_ledger_entry *e = calloc(n, sizeof *e);
    size_t i;

    assert_non_null(e);
    for (i = 0; i < n; i++) {
        const struct step *k = &steps[i];
        bool moves = k->op == ER_LEDGER_TRANSFER || k->op == ER_LEDGER_TRADE;

        e[i].id = (int64_t)(i + 1) * 10;
        e[i].op = k->op;
        snprintf(e[i].supplier, sizeof e[i].supplier, "%s", k->supplier);
        snprintf(e[i].subject, sizeof e[i].subject, "%s", k->subject);
        snprintf(e[i].to_supplier, sizeof e[i].to_supplier, "%s", moves && k->to ? k->to : "");
        snprintf(e[i].key, sizeof e[i].key, "%s", !moves && k->to ? k->to : "");
        e[i].amount = k->amount;
        e[i].caps = k->caps;
    }
    return e;
}

/* Runs `steps` and checks each entry's first posting, or its refusal. */
static void run_steps(const struct step *steps, size_t n, er_ledger_result *out)
{
    er_ledger_entry *e = entries_of(steps, n);
    er_error err;
    size_t i, p = 0, f = 0;

    if (er_ledger_run(e, n, caps, N_CAPS, out, &err) != ER_OK)
        fail_msg("ledger: row %ld: %s", err.row, err.message);
    for (i = 0; i < n; i++) {
        const struct step *k = &steps[i];

        if (k->refused) {
            if (f >= out->n_refusals || out->refusals[f].entry != i)
                fail_msg("step %zu: not refused", i + 1);
            f++;
            continue;
        }
        if (p >= out->n_postings || out->postings[p].entry != i)
            fail_msg("step %zu: no posting", i + 1);
        if (out->postings[p].delivered != k->delivered || out->postings[p].cut != k->cut ||
            out->postings[p].obligation != k->obligation || out->postings[p].cut_by != k->cut_by)
            fail_msg("step %zu: delivered %lld cut %lld (cap %d) obligation %lld; want %lld %lld "
                     "(%d) %lld",
                     i + 1, (long long)out->postings[p].delivered, (long long)out->postings[p].cut,
                     out->postings[p].cut_by, (long long)out->postings[p].obligation,
                     (long long)k->delivered, (long long)k->cut, k->cut_by,
                     (long long)k->obligation);
        while (p < out->n_postings && out->postings[p].entry == i)
            p++;
    }
    assert_int_equal(f, out->n_refusals);
    free(e);
}

static void assert_balance(const er_ledger_result *r, const char *supplier, int64_t obligation,
                           int64_t delivered, int64_t cut, int64_t partial_used)
{
    const er_ledger_balance *b = er_ledger_balance_of(r, supplier);

    assert_non_null(b);
    if (b->obligation != obligation || b->delivered != delivered || b->cut != cut ||
        b->cap_used[PARTIAL] != partial_used)
        fail_msg("%s: obligation %lld delivered %lld cut %lld partial %lld; want %lld %lld %lld "
                 "%lld",
                 supplier, (long long)b->obligation, (long long)b->delivered, (long long)b->cut,
                 (long long)b->cap_used[PARTIAL], (long long)obligation, (long long)delivered,
                 (long long)cut, (long long)partial_used);
}

/* A cap reached part-way through a day's decisions, then a revocation that
 * frees room for a later score (never for one already cut).  ABC's
 * obligation is £10,000 (1,000,000p): partial projects may meet 12.5% of
 * it, 125,000p. */
static void test_cap_part_way(void **state)
{
    static const struct step steps[] = {
        OBLIGE("ABC", 1000000),
        AWARD("ABC", "M1", 50000, PP, 50000, 0, -1),          /* used 50,000 */
        AWARD("ABC", "M2", 60000, PP, 60000, 0, -1),          /* used 110,000 */
        AWARD("ABC", "M3", 40000, PP, 15000, 25000, PARTIAL), /* room 15,000 */
        AWARD("ABC", "M4", 10000, PP, 0, 10000, PARTIAL),     /* room 0 */
        AWARD("ABC", "P1", 200000, 0, 200000, 0, -1),         /* a full project: no cap */
        WITHDRAW(ER_LEDGER_REVOKE, "ABC", "M2", 60000),       /* used 65,000 */
        AWARD("ABC", "M5", 70000, PP, 60000, 10000, PARTIAL), /* room 60,000 */
    };
    er_ledger_result r;

    (void)state;
    run_steps(steps, sizeof steps / sizeof steps[0], &r);
    /* delivered 50,000 + 15,000 + 200,000 + 60,000; cut 25,000 + 10,000 + 10,000 */
    assert_balance(&r, "ABC", 1000000, 325000, 45000, 125000);
    er_ledger_result_free(&r);
}

/* A project's FPS supersedes its measures' PPS (seed 002 4.13); the FPS
 * revoked, the PPS are decided again, against the room left then. */
static void test_fps_supersedes_and_is_revoked(void **state)
{
    static const struct step steps[] = {
        OBLIGE("ABC", 1000000),
        AWARD("ABC", "M1", 40000, PP, 40000, 0, -1),
        AWARD("ABC", "M2", 30000, PP, 30000, 0, -1), /* used 70,000 */
        WITHDRAW(ER_LEDGER_SUPERSEDE, "ABC", "M1", 40000),
        WITHDRAW(ER_LEDGER_SUPERSEDE, "ABC", "M2", 30000), /* used 0 */
        AWARD("ABC", "P1", 200000, 0, 200000, 0, -1),
        AWARD("ABC", "M3", 100000, PP, 100000, 0, -1), /* used 100,000 */
        WITHDRAW(ER_LEDGER_REVOKE, "ABC", "P1", 200000),
        AWARD("ABC", "M1", 40000, PP, 25000, 15000, PARTIAL), /* room 25,000 */
        AWARD("ABC", "M2", 30000, PP, 0, 30000, PARTIAL),     /* room 0 */
        REFUSED(ER_LEDGER_AWARD, "ABC", "M2", 30000, NULL),   /* M2 counts already */
        REFUSED(ER_LEDGER_REVOKE, "ABC", "P1", 0, NULL),      /* P1 no longer counts */
    };
    er_ledger_result r;

    (void)state;
    run_steps(steps, sizeof steps / sizeof steps[0], &r);
    /* delivered 100,000 + 25,000 + 0 */
    assert_balance(&r, "ABC", 1000000, 125000, 45000, 125000);
    er_ledger_result_free(&r);
}

/* Trading obligation: never more than the trader's obligation then; caps
 * follow the obligation as it is when a score is decided.  A transfer of
 * a qualifying action is decided anew under the receiver's caps. */
static void test_trade_and_transfer(void **state)
{
    static const struct step steps[] = {
        OBLIGE("ABC", 1000000),
        REFUSED(ER_LEDGER_TRADE, "ABC", "", 1000001, "XYZ"), /* more than 1,000,000 */
        { ER_LEDGER_TRADE, "ABC", "", 400000, 0, "XYZ", 0, 0, -400000, -1, false },
        REFUSED(ER_LEDGER_TRADE, "ABC", "", 10, "ABC"), /* to itself */
        /* ABC's cap is now 12.5% of 600,000 = 75,000 */
        AWARD("ABC", "M1", 80000, PP, 75000, 5000, PARTIAL),
        AWARD("ABC", "M2", 60000, PP, 0, 60000, PARTIAL),
        /* M1 to XYZ: XYZ's cap is 12.5% of 400,000 = 50,000; ABC's room
         * comes back (75,000), but M2 stays cut; M1's cut leaves ABC's */
        { ER_LEDGER_TRANSFER, "ABC", "M1", 0, 0, "XYZ", -75000, -5000, 0, PARTIAL, false },
        REFUSED(ER_LEDGER_REVOKE, "ABC", "M1", 0, NULL), /* XYZ holds it now */
        AWARD("ABC", "M3", 10000, PP, 10000, 0, -1),
    };
    er_ledger_result r;
    size_t i;

    (void)state;
    run_steps(steps, sizeof steps / sizeof steps[0], &r);
    assert_balance(&r, "ABC", 600000, 10000, 60000, 10000); /* M2's cut */
    assert_balance(&r, "XYZ", 400000, 50000, 30000, 50000);
    /* the transfer's second posting: XYZ decides M1 anew */
    for (i = 0; i < r.n_postings && !(r.postings[i].entry == 6 && r.postings[i].delivered > 0); i++)
        ;
    assert_true(i < r.n_postings);
    assert_string_equal(r.postings[i].supplier, "XYZ");
    assert_int_equal(r.postings[i].delivered, 50000);
    assert_int_equal(r.postings[i].cut, 30000);
    er_ledger_result_free(&r);
}

/* A count cap across suppliers (exempted projects, here 2) and a share cap
 * kept per key (innovation uplift, 5% per innovation measure
 * description). */
static void test_count_and_keyed_caps(void **state)
{
    static const struct step steps[] = {
        OBLIGE("ABC", 1000000), /* 5%: 50,000 per description */
        OBLIGE("XYZ", 1000000),
        AWARD("ABC", "E1", 1000, EXEMPT, 1000, 0, -1),
        AWARD("XYZ", "E2", 2000, EXEMPT, 2000, 0, -1),
        AWARD("ABC", "E3", 3000, EXEMPT, 0, 3000, EXEMPTED), /* the third of 2 */
        WITHDRAW(ER_LEDGER_REVOKE, "XYZ", "E2", 2000),
        AWARD("XYZ", "E4", 4000, EXEMPT, 4000, 0, -1), /* a place again */
        KEYED("ABC", "I1", 45000, INNO, "ASHP-X", 45000, 0, -1),
        KEYED("ABC", "I2", 10000, INNO, "ASHP-X", 5000, 5000, INNOVATION),
        KEYED("ABC", "I3", 10000, INNO, "IWI-Y", 10000, 0, -1),  /* another description */
        KEYED("XYZ", "I4", 50000, INNO, "ASHP-X", 50000, 0, -1), /* another supplier */
    };
    er_ledger_result r;
    const er_ledger_balance *b;

    (void)state;
    run_steps(steps, sizeof steps / sizeof steps[0], &r);
    b = er_ledger_balance_of(&r, "ABC");
    assert_int_equal(b->delivered, 1000 + 45000 + 5000 + 10000);
    assert_int_equal(b->cap_used[INNOVATION], 60000); /* both descriptions */
    assert_null(er_ledger_balance_of(&r, "QQQ"));
    er_ledger_result_free(&r);
}

/* Malformed entries are errors naming the entry; nothing is returned. */
static void test_malformed(void **state)
{
    er_ledger_entry e[2] = { { .id = 5, .op = ER_LEDGER_OBLIGATION, .supplier = "ABC" },
                             { .id = 5, .op = ER_LEDGER_OBLIGATION, .supplier = "ABC" } };
    er_ledger_result r;
    er_error err;

    (void)state;
    assert_int_equal(er_ledger_run(e, 2, caps, N_CAPS, &r, &err), ER_EINVAL);
    assert_int_equal(err.row, 2);
    assert_string_equal(err.field, "id");
    assert_null(r.postings);
    e[1].id = 6;
    e[1].op = ER_LEDGER_AWARD;
    snprintf(e[1].subject, sizeof e[1].subject, "M1");
    e[1].caps = 1u << N_CAPS;
    assert_int_equal(er_ledger_run(e, 2, caps, N_CAPS, &r, &err), ER_EINVAL);
    assert_string_equal(err.field, "caps");
    e[1].caps = 0;
    e[1].amount = -1;
    assert_int_equal(er_ledger_run(e, 2, caps, N_CAPS, &r, &err), ER_EINVAL);
    assert_string_equal(err.field, "amount");
    e[1].amount = 1;
    e[1].subject[0] = '\0';
    assert_int_equal(er_ledger_run(e, 2, caps, N_CAPS, &r, &err), ER_EINVAL);
    assert_string_equal(err.field, "subject");
    assert_int_equal(er_ledger_run(e, 0, caps, N_CAPS, &r, &err), ER_OK);
    assert_int_equal(r.n_balances, 0);
    er_ledger_result_free(&r);
}

/* ---- property: every balance is the sum of its postings ---- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned next(unsigned bound)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % bound);
}

static void random_entries(er_ledger_entry *e, size_t n)
{
    static const char *const sup[] = { "ABC", "XYZ", "QRS" };
    static const char *const keys[] = { "", "K1", "K2" };
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned pick = next(100);

        memset(&e[i], 0, sizeof e[i]);
        e[i].id = (int64_t)i + 1;
        snprintf(e[i].supplier, sizeof e[i].supplier, "%s", sup[next(3)]);
        snprintf(e[i].to_supplier, sizeof e[i].to_supplier, "%s", sup[next(3)]);
        snprintf(e[i].subject, sizeof e[i].subject, "M%u", next(40));
        snprintf(e[i].key, sizeof e[i].key, "%s", keys[next(3)]);
        e[i].op = pick < 45   ? ER_LEDGER_AWARD
                  : pick < 60 ? ER_LEDGER_REVOKE
                  : pick < 70 ? ER_LEDGER_SUPERSEDE
                  : pick < 80 ? ER_LEDGER_TRANSFER
                  : pick < 90 ? ER_LEDGER_OBLIGATION
                              : ER_LEDGER_TRADE;
        e[i].amount = e[i].op == ER_LEDGER_OBLIGATION ? (int64_t)next(400000) - 50000
                                                      : 1 + (int64_t)next(90000);
        e[i].caps = next(1u << N_CAPS);
    }
}

/* After each step of random sequences: every supplier's obligation,
 * delivered total and cut (of what counts, never below 0) are the sums of
 * its postings; an award counts
 * between 0 and its amount; and the postings of a prefix are those the
 * whole sequence begins with (a score is decided when it is decided). */
static void test_balances_are_sums(void **state)
{
    enum { N = 600, SEQUENCES = 20 };
    er_ledger_entry *e = calloc(N, sizeof *e);
    er_ledger_result whole, part;
    er_error err;
    int seq;
    size_t k, i, j;

    (void)state;
    assert_non_null(e);
    for (seq = 0; seq < SEQUENCES; seq++) {
        random_entries(e, N);
        assert_int_equal(er_ledger_run(e, N, caps, N_CAPS, &whole, &err), ER_OK);
        for (k = 1; k <= N; k += 1 + next(40)) {
            assert_int_equal(er_ledger_run(e, k, caps, N_CAPS, &part, &err), ER_OK);
            for (i = 0; i < part.n_postings; i++)
                assert_memory_equal(&part.postings[i], &whole.postings[i], sizeof part.postings[i]);
            for (j = 0; j < part.n_balances; j++) {
                const er_ledger_balance *b = &part.balances[j];
                int64_t ob = 0, del = 0, cut = 0;

                for (i = 0; i < part.n_postings; i++) {
                    const er_ledger_posting *p = &part.postings[i];

                    if (strcmp(p->supplier, b->supplier) != 0)
                        continue;
                    ob += p->obligation;
                    del += p->delivered;
                    cut += p->cut;
                    /* an award's cut is part of it; a withdrawal takes
                     * back what it counted and what was cut of it */
                    if (e[p->entry].op == ER_LEDGER_AWARD)
                        assert_int_equal(p->delivered + p->cut, e[p->entry].amount);
                    if (e[p->entry].op == ER_LEDGER_REVOKE ||
                        e[p->entry].op == ER_LEDGER_SUPERSEDE ||
                        (e[p->entry].op == ER_LEDGER_TRANSFER &&
                         strcmp(p->supplier, e[p->entry].supplier) == 0))
                        assert_true(p->delivered <= 0 && p->cut <= 0);
                    else
                        assert_true(p->cut >= 0);
                }
                assert_int_equal(b->obligation, ob);
                assert_int_equal(b->delivered, del);
                assert_int_equal(b->cut, cut);
                assert_true(b->cut >= 0);
            }
            er_ledger_result_free(&part);
        }
        er_ledger_result_free(&whole);
    }
    free(e);
}

/* ---- GBIS years (seed 004 ch. 1), worked by hand ---- */

/* Each case: targets, delivered and rejected per year, and each year's
 * required, surplus, carried under and shortfall.  Carry-under is 10% of
 * the year 1 target ("Carry-under"); surpluses of years 1 and 2 carry
 * over, unlimited ("Carry-over"); rejected measures are made up the next
 * year ("Rejected measures"). */
static void test_gbis_years(void **state)
{
    static const struct {
        const char *what;
        int64_t target[3], delivered[3], rejected[3];
        int64_t required[3], surplus[3], carried_under[3], shortfall[3];
    } cases[] = {
        /* Y1 short 80,000 <= 100,000: all carried under; Y2 needs 2,080,000,
         * delivers 2,300,000 (50,000 rejected later): 220,000 over; Y3 needs
         * 3,000,000 + 50,000 - 220,000 = 2,830,000, delivers 2,800,000 of
         * which 10,000 rejected: short 30,000 + 10,000 */
        { "carry-under, carry-over, made up",
          { 1000000, 2000000, 3000000 },
          { 920000, 2300000, 2800000 },
          { 0, 50000, 10000 },
          { 1000000, 2080000, 2830000 },
          { 0, 220000, 0 },
          { 80000, 0, 0 },
          { 0, 0, 40000 } },
        /* Y1 short 150,000: 100,000 carried under, 50,000 short; a Y3
         * surplus goes nowhere */
        { "carry-under capped at 10%",
          { 1000000, 2000000, 3000000 },
          { 850000, 2100000, 3500000 },
          { 0, 0, 0 },
          { 1000000, 2100000, 3000000 },
          { 0, 0, 0 },
          { 100000, 0, 0 },
          { 50000, 0, 0 } },
        /* Y1 over by 500,000 with 20,000 rejected: Y2 needs 2,000,000 +
         * 20,000 - 500,000 = 1,520,000, delivers 1,400,000: short 120,000,
         * which cannot be carried under from year 2 */
        { "no carry-under from year 2",
          { 1000000, 2000000, 3000000 },
          { 1500000, 1400000, 3000000 },
          { 20000, 0, 0 },
          { 1000000, 1520000, 3000000 },
          { 500000, 0, 0 },
          { 0, 0, 0 },
          { 0, 120000, 0 } },
    };
    er_gbis_years_in in = { .carry_under_ppm = 100000 };
    er_gbis_year out[ER_GBIS_YEARS];
    er_error err;
    size_t i;
    int y;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(in.target, cases[i].target, sizeof in.target);
        memcpy(in.delivered, cases[i].delivered, sizeof in.delivered);
        memcpy(in.rejected, cases[i].rejected, sizeof in.rejected);
        assert_int_equal(er_gbis_years(&in, out, &err), ER_OK);
        for (y = 0; y < ER_GBIS_YEARS; y++)
            if (out[y].required != cases[i].required[y] || out[y].surplus != cases[i].surplus[y] ||
                out[y].carried_under != cases[i].carried_under[y] ||
                out[y].shortfall != cases[i].shortfall[y])
                fail_msg("%s, year %d: required %lld surplus %lld under %lld short %lld",
                         cases[i].what, y + 1, (long long)out[y].required,
                         (long long)out[y].surplus, (long long)out[y].carried_under,
                         (long long)out[y].shortfall);
    }
    in.rejected[1] = in.delivered[1] + 1; /* more rejected than counted */
    assert_int_equal(er_gbis_years(&in, out, &err), ER_EINVAL);
    assert_int_equal(err.row, 2);
    in.rejected[1] = 0;
    in.carry_under_ppm = 1000001;
    assert_int_equal(er_gbis_years(&in, out, &err), ER_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_part_way),
        cmocka_unit_test(test_fps_supersedes_and_is_revoked),
        cmocka_unit_test(test_trade_and_transfer),
        cmocka_unit_test(test_count_and_keyed_caps),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_balances_are_sums),
        cmocka_unit_test(test_gbis_years),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
