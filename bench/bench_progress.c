/*
 * bench_progress.c: how long `ecoreg report progress` takes to recompute
 * every supplier's position from a register holding 1 million scored
 * measures (issue 4; docs/performance.md).  bench_ledger times the ledger's
 * replay alone; this times er_obligation_progress(): reading the rows from
 * the SQLite ledger table, the replay with the ECO4 caps, and the sums.
 *
 * The rows are generated with a fixed-seed xorshift64, as bench_ledger's
 * entries: 30 suppliers each given an obligation, then 1,000,000 ECO4
 * awards (about a third partial project scores, one in twenty innovation
 * uplifts keyed by one of 200 descriptions, one in ten at EFG premises),
 * 2% revoked and 1% transferred later, written to a register in a
 * temporary directory (one event per 10,000 rows, as the table needs an
 * event to point at).  The timing is er_obligation_progress() in one read
 * transaction, best of three; reading the rows alone is timed once too.
 * A benchmark: it prints figures and asserts nothing about them.
 *
 *   bench_progress [MEASURES [DATADIR]]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "ecoreg/io.h"
#include "ecoreg/obligation.h"

#define SUPPLIERS 30
#define RUNS 3
#define ROWS_PER_EVENT 10000

static void supplier(char out[ER_SUPPLIER_CODE_MAX], unsigned i)
{
    snprintf(out, ER_SUPPLIER_CODE_MAX, "%c%c%c", 'A' + i / 26 % 26, 'A' + i % 26, 'Q');
}

static int count_row(void *ctx, const er_ledger_row *r)
{
    (void)r;
    ++*(size_t *)ctx;
    return 0;
}

/* Adds row r, with a new event every ROWS_PER_EVENT rows. */
static int add(er_store *s, er_ledger_row *r, size_t *n, int64_t *event)
{
    er_event ev = { .at = "2024-06-15T10:00:00Z",
                    .actor = "bench",
                    .subject_kind = "bench",
                    .subject = "rows",
                    .kind = "generated",
                    .to_state = "held" };
    er_error err;

    if (*n % ROWS_PER_EVENT == 0) {
        if (er_store_append(s, &ev, &err) != ER_OK) {
            fprintf(stderr, "bench_progress: %s\n", err.message);
            return -1;
        }
        *event = ev.id;
    }
    r->event = *event;
    (*n)++;
    if (er_store_ledger_add(s, r, &err) != ER_OK) {
        fprintf(stderr, "bench_progress: %s\n", err.message);
        return -1;
    }
    return 0;
}

/* The generated register's rows; the number written into *rows. */
static int generate(er_store *s, long measures, size_t *rows)
{
    er_ledger_row r;
    int64_t event = 0;
    long k;
    unsigned i;

    for (i = 0; i < SUPPLIERS; i++) {
        memset(&r, 0, sizeof r);
        r.scheme = ER_SCHEME_ECO4;
        snprintf(r.op, sizeof r.op, "obligation");
        supplier(r.supplier, i);
        r.amount = 100000000000LL + (int64_t)bench_draw(1000000) * 100000; /* £1bn+ */
        r.completed = ER_DATE_NONE;
        if (add(s, &r, rows, &event))
            return -1;
    }
    for (k = 0; k < measures; k++) {
        unsigned sup = bench_draw(SUPPLIERS);

        memset(&r, 0, sizeof r);
        r.scheme = ER_SCHEME_ECO4;
        snprintf(r.op, sizeof r.op, "award");
        supplier(r.supplier, sup);
        snprintf(r.subject, sizeof r.subject, "%s%010ld", r.supplier, k + 1);
        r.amount = 10000 + bench_draw(500000); /* £100 to £5,100 a year */
        r.tags = (bench_draw(3) == 0 ? (uint32_t)ER_TAG_PARTIAL : 0) |
                 (bench_draw(10) == 0 ? (uint32_t)ER_TAG_EFG : 0);
        if (bench_draw(20) == 0) {
            r.tags |= ER_TAG_INNOVATION;
            snprintf(r.key, sizeof r.key, "%03u", bench_draw(200));
        }
        r.completed = 19700 + (er_date)bench_draw(700); /* 2023-2025 */
        if (add(s, &r, rows, &event))
            return -1;
        if (bench_draw(100) < 3) { /* 2% revoked, 1% transferred, later */
            if (bench_draw(3)) {
                snprintf(r.op, sizeof r.op, "revoke");
            } else {
                snprintf(r.op, sizeof r.op, "transfer");
                supplier(r.to_supplier, (sup + 1) % SUPPLIERS);
            }
            r.amount = 0;
            if (add(s, &r, rows, &event))
                return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    long measures = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000L;
    char dir[] = "/tmp/ecoreg-bench-XXXXXX", path[64];
    er_progress_report rep;
    er_scheme eco4;
    er_store *s = NULL;
    er_error err;
    size_t rows = 0;
    double best = 1e9, t0;
    int run, rc = 1;

    if (measures < 1 || measures > 100000000L) {
        fprintf(stderr, "usage: bench_progress [MEASURES [DATADIR]]\n");
        return 2;
    }
    if (er_scheme_load(er_datadir(argc > 2 ? argv[2] : NULL), ER_SCHEME_ECO4, NULL, &eco4, &err)) {
        fprintf(stderr, "bench_progress: %s\n", err.message);
        return 1;
    }
    if (!mkdtemp(dir)) {
        perror("bench_progress");
        er_scheme_clear(&eco4);
        return 1;
    }
    snprintf(path, sizeof path, "%s/r.db", dir);
    t0 = bench_now();
    if (er_store_open(path, &s, &err) || er_store_begin(s, &err) || generate(s, measures, &rows) ||
        er_store_commit(s, &err)) {
        fprintf(stderr, "bench_progress: writing the register failed\n");
        goto done;
    }
    printf("progress: %zu ledger rows written in %.1f s\n", rows, bench_now() - t0);
    rows = 0;
    t0 = bench_now();
    if (er_store_begin_read(s, &err) ||
        er_store_ledger_each(s, ER_SCHEME_ECO4, NULL, count_row, &rows) != ER_OK)
        goto done;
    er_store_rollback(s);
    printf("progress: reading the %zu rows alone: %.3f s\n", rows, bench_now() - t0);
    for (run = 0; run < RUNS; run++) {
        double t;

        t0 = bench_now();
        if (er_store_begin_read(s, &err) ||
            er_obligation_progress(s, &eco4, ER_DATE_NONE, &rep, &err)) {
            fprintf(stderr, "bench_progress: %s\n", err.message);
            goto done;
        }
        er_store_rollback(s);
        t = bench_now() - t0;
        if (t < best)
            best = t;
        if (run == RUNS - 1)
            printf("progress: %zu rows (%ld scored measures, %zu suppliers), %zu refused: "
                   "every position recomputed from the store in %.3f s (best of %d)\n",
                   rep.entries, measures, rep.n, rep.refused, best, RUNS);
        er_progress_report_free(&rep);
    }
    rc = 0;
done:
    er_store_close(s);
    er_scheme_clear(&eco4);
    unlink(path);
    snprintf(path, sizeof path, "%s/r.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/r.db-shm", dir);
    unlink(path);
    rmdir(dir);
    return rc;
}
