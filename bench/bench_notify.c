/*
 * bench_notify.c: `ecoreg notify` of generated valid GBIS files into a
 * SQLite register, in rows per second, including parsing, every check and
 * the journal (issue 3's target: 50,000 rows/s).  Prints figures; not a
 * test.  Usage: bench_notify [FILES [DATADIR]] (default 5 files of 10,000
 * rows, Ofgem's maximum per file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"
#include "ecoreg/register.h"

#define ROWS 10000

static void ignore(void *ctx, size_t i, const er_gbis_outcome *o)
{
    (void)ctx;
    (void)i;
    (void)o;
}

/* A file of ROWS valid rows (the baseline of tests/core/test_gbis_stage1.c)
 * whose MRNs start after `first`; valid in a register that knows supplier
 * ABC and its licence ABC01234567E (GBIS0116, GBIS0117). */
static char *make_file(long first, size_t *len)
{
    size_t cap = 4096 + (size_t)ROWS * 400, n = 0;
    char *buf = malloc(cap);
    long i;
    int c;

    if (!buf)
        return NULL;
    for (c = 0; c < ER_GBIS_COL_COUNT; c++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", c ? "," : "",
                              er_gbis_column_name((er_gbis_col)c));
    n += (size_t)snprintf(buf + n, cap - n, "\n");
    for (i = first; i < first + ROWS; i++)
        n += (size_t)snprintf(buf + n, cap - n,
                              "ABC01234567E,ABC%010ld,CWI_0.040,New Notification,14/05/2024,%ld,"
                              "N/A,N/A,High Street,Leeds,LS1 4AB,%ld,55.0,85,No,No,Yes,"
                              "Owner Occupied,House,General Group,N/A,N/A,C,N/A,N/A,N/A,N/A,N/A,"
                              "N/A,N/A,N/A,67+,N/A,Warm Homes Ltd,N/A,123456789012,UMR0000001,"
                              "A12345-1,P123456,C12345-Z\n",
                              i, i, 10000000 + i);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int files = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5, f;
    char dir[] = "/tmp/ecoreg-bench-XXXXXX", path[64];
    er_supplier abc = { "ABC", "A Big Company" };
    er_licence lic = { "ABC01234567E", "ABC" };
    er_act act = { .actor = "bench", .at = "2024-06-15T10:00:00Z" };
    er_scheme gbis;
    er_store *s;
    er_error err = { 0 };
    double total = 0, parsing = 0, checking = 0;
    long recorded = 0;

    if (!mkdtemp(dir) || files < 1)
        return 1;
    er_date_make(2024, 6, 15, &act.today);
    snprintf(path, sizeof path, "%s/bench.db", dir);
    if (er_scheme_load(er_datadir(argc > 2 ? argv[2] : NULL), ER_SCHEME_GBIS, NULL, &gbis, &err) ||
        er_store_open(path, &s, &err) || er_register_supplier_add(s, &act, &abc, &err) ||
        er_register_licence_add(s, &act, &lic, &err)) {
        fprintf(stderr, "bench_notify: %s\n", err.message);
        return 1;
    }
    for (f = 0; f < files; f++) {
        size_t len, i;
        char *text = make_file((long)f * ROWS + 1, &len);
        er_gbis_file file;
        er_notify_result res;
        er_gbis_context c = { .today = act.today, .scheme = &gbis };
        double t0 = bench_now(), t1, t2;

        if (!text || er_gbis_parse_csv(text, len, &file, &err)) {
            fprintf(stderr, "bench_notify: %s\n", err.message);
            return 1;
        }
        t1 = bench_now();
        er_gbis_check_each(&c, file.rows, file.n, ignore, NULL); /* the rules alone */
        t2 = bench_now();
        if (er_register_notify_gbis(s, &gbis, &file, &act, &res, &err)) {
            fprintf(stderr, "bench_notify: %s\n", err.message);
            return 1;
        }
        parsing += t1 - t0;
        checking += t2 - t1;
        total += (t1 - t0) + (bench_now() - t2); /* parse + notify (which checks again) */
        for (i = 0; i < file.n; i++)
            recorded += res.status[i] == ER_ROW_RECORDED;
        er_notify_result_free(&res);
        er_gbis_file_free(&file);
        free(text);
    }
    printf("notify: %ld rows in %d files, %ld recorded, %.3f s: %.0f rows/s "
           "(parse, checks, journal, commit)\n",
           (long)files * ROWS, files, recorded, total, (double)files * ROWS / total);
    printf("  of which parsing %.0f rows/s; the rules alone (no register) %.0f rows/s\n",
           (double)files * ROWS / parsing, (double)files * ROWS / checking);
    er_store_close(s);
    er_scheme_clear(&gbis);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    return system(path) == 0 && recorded == (long)files * ROWS ? 0 : 1;
}
