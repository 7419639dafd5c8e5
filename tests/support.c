/*
 * support.c: helpers shared by the unit tests (see support.h).
 *
 * The hand-built schemes restate RULES.md's values here, independently of
 * the files in data/schemes, so a wrong number in either place fails a test.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"

const char *test_data_path(const char *relative)
{
    static char path[4096];

    snprintf(path, sizeof path, "%s/%s", ECOREG_DATADIR, relative);
    return path;
}

static long alloc_calls, alloc_fail_at = -1;
static int alloc_failed;

static int should_fail(void)
{
    if (alloc_calls++ != alloc_fail_at)
        return 0;
    alloc_failed = 1;
    return 1;
}

static void *failing_malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n);
}

static void *failing_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n);
}

void test_fail_allocation(long at)
{
    static const er_allocator failing = { failing_malloc, failing_realloc, free };

    if (at < 0) { /* restore; test_allocation_failed() still tells */
        er_set_allocator(NULL);
        return;
    }
    alloc_calls = 0;
    alloc_failed = 0;
    alloc_fail_at = at;
    er_set_allocator(&failing);
}

int test_allocation_failed(void)
{
    return alloc_failed;
}

int64_t test_pennies(er_q q)
{
    int64_t p = 0;

    assert_int_equal(er_q_round(q, 100, &p), ER_OK);
    return p;
}

static void common(er_scheme *s)
{
    int i;

    memset(s, 0, sizeof *s);
    for (i = 0; i < 7; i++)
        s->min_finish_tenths[i] = -1;
    s->fps_finish_cap = ER_BAND_NONE;
    s->popt_full_percent = 67; /* template: POPT 1-66 or "67+" */
    s->popt_rule = ER_POPT_OVER_ATF;
    s->flex_route4_uplift = er_q_int(0);
}

void test_eco4_enacted(er_scheme *s)
{
    common(s);
    s->id = ER_SCHEME_ECO4;
    /* ECO4 Order art. 55/66: F = 0.2 below 73 m2, 0.1 for 73-97, 0 above */
    s->floor_area_factor[ER_SEGMENT_0_72] = er_q_make(2, 10);
    s->floor_area_factor[ER_SEGMENT_73_97] = er_q_make(1, 10);
    s->floor_area_factor[ER_SEGMENT_98_199] = er_q_int(0);
    s->floor_area_factor[ER_SEGMENT_200_PLUS] = er_q_int(0);
    s->declaration_c = er_q_make(11, 10);   /* art. 55: C = 1.1 */
    s->rural_uplift = er_q_make(35, 100);   /* art. 55: OGR = 0.35 */
    s->rural_uplift_needs_off_gas = true;
    s->rural_uplift_nation[ER_NATION_SCOTLAND] = true;
    s->rural_uplift_nation[ER_NATION_WALES] = true;
    s->pps_deflator = er_q_make(8, 10);     /* RULES.md: D = 0.8 */
    s->innovation_standard = er_q_make(25, 100);    /* art. 58 */
    s->innovation_substantial = er_q_make(45, 100); /* art. 58 */
    s->has_fps = true;
    s->fps_finish_cap = ER_BAND_HIGH_B; /* FPS matrix v2 */
    s->min_finish_tenths['G' - 'A'] = 545; /* F, G -> D or better */
    s->min_finish_tenths['F' - 'A'] = 545;
    s->min_finish_tenths['E' - 'A'] = 685; /* E, D -> C or better */
    s->min_finish_tenths['D' - 'A'] = 685;
}

void test_eco4_consultation(er_scheme *s)
{
    int i;

    test_eco4_enacted(s);
    for (i = 0; i < ER_SEGMENT_COUNT; i++)
        s->floor_area_factor[i] = er_q_int(0); /* seed 002 App. 1: no F */
    s->pps_deflator = er_q_make(6, 10);        /* seed 002 App. 1: 40% deflator */
}

void test_gbis(er_scheme *s)
{
    int i;

    common(s);
    s->id = ER_SCHEME_GBIS;
    for (i = 0; i < ER_SEGMENT_COUNT; i++)
        s->floor_area_factor[i] = er_q_int(0);
    s->declaration_c = er_q_int(1);
    s->rural_uplift = er_q_make(35, 100); /* seed 004: 35% rural, Scotland and Wales */
    s->rural_uplift_nation[ER_NATION_SCOTLAND] = true;
    s->rural_uplift_nation[ER_NATION_WALES] = true;
    s->pps_deflator = er_q_int(1);        /* seed 004 ch. 4: no deflator */
    s->innovation_standard = er_q_make(25, 100);
    s->innovation_substantial = er_q_make(25, 100); /* seed 004 ch. 3 */
    s->flex_route4_uplift = er_q_make(10, 100);     /* seed 004 Annex A */
}
