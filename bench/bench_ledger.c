/*
 * bench_ledger.c: how long the ledger takes to recompute every balance
 * from its entries (issue 4: 1 million scored measures in under 2 s;
 * docs/performance.md).
 *
 * The entries are generated with a fixed-seed xorshift64 so that two runs
 * time the same work: 30 suppliers each given an obligation, then
 * 1,000,000 measure awards (MRNs ABC0000000001...), about a third under
 * the partial-project cap and one in twenty under a keyed innovation cap
 * with 200 descriptions, then 2% of them revoked and 1% transferred.  The
 * timing is er_ledger_run() alone, best of three.  A benchmark: it prints
 * figures and asserts nothing about them.
 *
 *   bench_ledger [MEASURES]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ecoreg/ledger.h"

#define SUPPLIERS 30
#define RUNS 3

static void supplier(char out[ER_LEDGER_SUPPLIER_MAX], unsigned i)
{
    snprintf(out, ER_LEDGER_SUPPLIER_MAX, "%c%c%c", 'A' + i / 26 % 26, 'A' + i % 26, 'Q');
}

int main(int argc, char **argv)
{
    static const er_ledger_cap caps[] = {
        { "partial_projects", ER_CAP_SHARE, 125000, false },
        { "innovation_uplift", ER_CAP_SHARE, 50000, true },
    };
    long measures = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000L;
    size_t n = 0, cap, i, k;
    er_ledger_entry *e;
    er_ledger_result r;
    er_error err;
    double best = 1e9;
    int run;

    if (measures < 1 || measures > 100000000L) {
        fprintf(stderr, "usage: bench_ledger [MEASURES]\n");
        return 2;
    }
    cap = SUPPLIERS + (size_t)measures + (size_t)measures / 20 + 16;
    if (!(e = calloc(cap, sizeof *e))) {
        fprintf(stderr, "bench_ledger: out of memory\n");
        return 1;
    }
    for (i = 0; i < SUPPLIERS; i++, n++) {
        e[n].op = ER_LEDGER_OBLIGATION;
        supplier(e[n].supplier, (unsigned)i);
        e[n].amount = 100000000000LL + (int64_t)bench_draw(1000000) * 100000; /* £1bn+ */
    }
    for (k = 0; k < (size_t)measures; k++, n++) {
        unsigned s = bench_draw(SUPPLIERS);

        e[n].op = ER_LEDGER_AWARD;
        supplier(e[n].supplier, s);
        snprintf(e[n].subject, sizeof e[n].subject, "%s%010zu", e[n].supplier, k + 1);
        e[n].amount = 10000 + bench_draw(500000); /* £100 to £5,100 a year */
        e[n].caps = (bench_draw(3) == 0 ? 1u : 0u) | (bench_draw(20) == 0 ? 2u : 0u);
        if (e[n].caps & 2u)
            snprintf(e[n].key, sizeof e[n].key, "description %u", bench_draw(200));
        if (bench_draw(100) < 3) { /* 2% revoked, 1% transferred, later */
            er_ledger_entry *w = &e[n + 1];

            *w = e[n];
            w->op = bench_draw(3) ? ER_LEDGER_REVOKE : ER_LEDGER_TRANSFER;
            supplier(w->to_supplier, (s + 1) % SUPPLIERS);
            n++;
        }
    }
    for (i = 0; i < n; i++)
        e[i].id = (int64_t)i + 1;
    for (run = 0; run < RUNS; run++) {
        double t0 = bench_now(), t;

        if (er_ledger_run(e, n, caps, sizeof caps / sizeof caps[0], &r, &err) != ER_OK) {
            fprintf(stderr, "bench_ledger: %s\n", err.message);
            return 1;
        }
        t = bench_now() - t0;
        if (t < best)
            best = t;
        if (run == RUNS - 1)
            printf("ledger: %zu entries (%ld scored measures, %d suppliers): %zu postings, "
                   "%zu refused; balances recomputed in %.3f s (best of %d)\n",
                   n, measures, SUPPLIERS, r.n_postings, r.n_refusals, best, RUNS);
        er_ledger_result_free(&r);
    }
    free(e);
    return 0;
}
