/*
 * bench.h: what the benchmarks share (each bench_*.c is a program of its own):
 * a monotonic clock and a fixed-seed generator, so that two runs time the
 * same work.
 */
#ifndef ECOREG_BENCH_H
#define ECOREG_BENCH_H

#include <stdint.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* xorshift64 (Marsaglia 2003) from a fixed seed: a number in 0..bound-1
 * (bound > 0; the modulo bias is immaterial here). */
static inline unsigned bench_draw(unsigned bound)
{
    static uint64_t rng = 0x9E3779B97F4A7C15ull;

    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % bound);
}

#endif
