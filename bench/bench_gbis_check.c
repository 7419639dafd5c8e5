/*
 * bench_gbis_check.c: er_gbis_check_each() alone (no parsing, no store),
 * in rows per second, on three generated files of 10,000 rows, Ofgem's
 * maximum per file: (a) ordinary general group measures, (b) in-fill
 * houses, each citing three measures (GBIS0623-0625 look for another
 * measure citing each), (c) automatic late extensions of one supplier and
 * month (GBIS1000 counts the month's measures and late extensions).  The
 * rules that need other rows of the file use the index the framework
 * builds once per file, so (b) and (c) should run within a small factor
 * of (a).  Prints figures; not a test.  Usage: bench_gbis_check [RUNS
 * [DATADIR]] (default 3 runs of each file; the best is printed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bench.h"
#include "ecoreg/gbis.h"
#include "ecoreg/io.h"

#define ROWS 10000
#define MRN_LEN 24 /* "ABC" and a long in 10 or more digits */

enum kind { ORDINARY, INFILL, LATE, N_KINDS };

static const char *const kind_names[N_KINDS] = {
    "ordinary rows", "in-fill rows (3 links each)", "late-extension rows (one month)",
};

/* Completion dates and the day of the check: a May 2024 completion is
 * notified on time on 15/06/2024; a March 2024 one is past its deadline
 * (30/04/2024) and within its automatic late extension (to 31/07/2024). */
#define TODAY "15/06/2024"
#define ON_TIME "14/05/2024"
#define LATE_DATE "14/03/2024"

struct file {
    er_gbis_row rows[ROWS];
    char mrn[ROWS][4][MRN_LEN]; /* the row's MRN, then up to 3 it cites */
};

static void ignore(void *ctx, size_t i, const er_gbis_outcome *o)
{
    long *failures = ctx;

    (void)i;
    *failures += (long)o->n_failures;
}

static bool known(void *ctx, const char *code)
{
    (void)ctx;
    return strcasecmp(code, "ABC") == 0;
}

/* ABC's one licence, the rows' Supplier_Reference (GBIS0116, GBIS0117). */
static const char *holder(void *ctx, const char *reference, bool *exact)
{
    (void)ctx;
    *exact = strcmp(reference, "ABC01234567E") == 0;
    return strcasecmp(reference, "ABC01234567E") == 0 ? "ABC" : NULL;
}

/* The valid general group row of bench_notify.c, as cells. */
static void ordinary(er_gbis_row *r, long row, const char *mrn)
{
    static const char *const cells[ER_GBIS_COL_COUNT] = {
        "ABC01234567E", NULL, "CWI_0.040", "New Notification", ON_TIME, "12", "N/A", "N/A",
        "High Street", "Leeds", "LS1 4AB", "100023336956", "55.0", "85", "No", "No", "Yes",
        "Owner Occupied", "House", "General Group", "N/A", "N/A", "C", "N/A", "N/A", "N/A",
        "N/A", "N/A", "N/A", "N/A", "N/A", "67+", "N/A", "Warm Homes Ltd", "N/A",
        "123456789012", "UMR0000001", "A12345-1", "P123456", "C12345-Z",
    };

    memcpy(r->col, cells, sizeof cells);
    r->row = row;
    r->col[ER_GBIS_MRN] = mrn;
}

/* Row i of a file of `kind`. */
static void make_row(struct file *f, enum kind kind, long i)
{
    er_gbis_row *r = &f->rows[i];
    int n;

    snprintf(f->mrn[i][0], MRN_LEN, "ABC%010ld", 1 + i);
    ordinary(r, 1 + i, f->mrn[i][0]);
    if (kind == INFILL) {
        /* each cites three measures no other row cites (held nowhere:
         * GBIS0620-0622 fail, but GBIS0623-0625 still look) */
        r->col[ER_GBIS_ELIGIBILITY_TYPE] = "In-fill";
        r->col[ER_GBIS_COUNCIL_TAX_BAND] = "N/A";
        for (n = 0; n < 3; n++) {
            snprintf(f->mrn[i][1 + n], MRN_LEN, "ABC%010ld", 1000000 + 3 * i + n);
            r->col[ER_GBIS_INFILL_1 + n] = f->mrn[i][1 + n];
        }
    } else if (kind == LATE) {
        r->col[ER_GBIS_PURPOSE] = "Automatic Late Extension";
        r->col[ER_GBIS_COMPLETION_DATE] = LATE_DATE;
    }
}

/* The best of `runs` checks of the file, in rows per second. */
static double measure(const er_gbis_context *c, const struct file *f, int runs, long *failures)
{
    double best = 0;
    int k;

    for (k = 0; k < runs; k++) {
        double t0 = bench_now(), dt;

        *failures = 0;
        if (er_gbis_check_each(c, f->rows, ROWS, ignore, failures) != ER_OK)
            return -1;
        dt = bench_now() - t0;
        if (dt > 0 && ROWS / dt > best)
            best = ROWS / dt;
    }
    return best;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 3, kind;
    er_gbis_context c = { .notifying_supplier = "ABC",
                          .reg = { .supplier_known = known, .licence_holder = holder } };
    struct file *f = malloc(sizeof *f);
    er_scheme gbis;
    er_error err = { 0 };
    double rate[N_KINDS];
    long i, failures;

    if (!f || runs < 1)
        return 1;
    if (er_scheme_load(er_datadir(argc > 2 ? argv[2] : NULL), ER_SCHEME_GBIS, NULL, &gbis, &err)) {
        fprintf(stderr, "bench_gbis_check: %s\n", err.message);
        free(f);
        return 1;
    }
    c.scheme = &gbis;
    if (er_date_parse_dmy(TODAY, &c.today) != ER_OK)
        return 1;
    for (kind = 0; kind < N_KINDS; kind++) {
        for (i = 0; i < ROWS; i++)
            make_row(f, (enum kind)kind, i);
        rate[kind] = measure(&c, f, runs, &failures);
        if (rate[kind] < 0) {
            fprintf(stderr, "bench_gbis_check: out of memory\n");
            break;
        }
        printf("%-32s %6d rows %9.0f rows/s  %5.2f x ordinary  %5.2f failures/row\n",
               kind_names[kind], ROWS, rate[kind], rate[kind] / rate[0],
               (double)failures / ROWS);
    }
    er_scheme_clear(&gbis);
    free(f);
    return kind == N_KINDS ? 0 : 1;
}
