/*
 * support.h: helpers shared by the unit tests.
 */
#ifndef ECOREG_TEST_SUPPORT_H
#define ECOREG_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ecoreg/q.h"
#include "ecoreg/scheme.h"

/** Path of a file under the shipped data directory, in a static buffer. */
const char *test_data_path(const char *relative);

/** Asserts that `q` equals num/den exactly. */
#define assert_q_equal(q, n, d)                                                \
    do {                                                                       \
        er_q want_ = er_q_make((n), (d));                                      \
        er_q got_ = (q);                                                       \
        if (er_q_cmp(got_, want_) != 0)                                        \
            fail_msg("%s = %lld/%lld, want %lld/%lld", #q,                     \
                     (long long)got_.num, (long long)got_.den,                 \
                     (long long)want_.num, (long long)want_.den);              \
    } while (0)

/**
 * Makes allocation number `at` (0-based, counted from this call) through
 * er_malloc/er_realloc fail, as curl's torture mode does; -1 restores
 * libc's allocator (and leaves test_allocation_failed() as it was).
 */
void test_fail_allocation(long at);

/** True when the allocation test_fail_allocation() chose has failed. */
int test_allocation_failed(void);

/** Rounds `q` (pounds) to pennies, failing the test on overflow. */
int64_t test_pennies(er_q q);

/**
 * A scheme filled by hand with RULES.md's enacted ECO4 values (not read
 * from data/), so core tests check the rules independently of the file.
 */
void test_eco4_enacted(er_scheme *s);

/** The same with seed 002's consultation values: D = 0.6, no F. */
void test_eco4_consultation(er_scheme *s);

/** RULES.md's GBIS values by hand. */
void test_gbis(er_scheme *s);

#endif
