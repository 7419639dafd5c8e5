/*
 * cmd_notify.c: `ecoreg notify`, a supplier's notification file recorded
 * in the register: one JSON line per row, a summary on stderr, and a
 * progress bar while stderr is a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ecoreg/jsonw.h"

const char cmd_notify_help[] =
    "usage: ecoreg [--db FILE] [--as-of DAY] notify --scheme gbis [--supplier CODE] FILE\n"
    "\n"
    "Records a notification file (CSV, or JSON when FILE ends in .json: an array\n"
    "of objects keyed by the template's column names) in the register, as one\n"
    "transaction: every row is stored with the outcome of its checks, or (on any\n"
    "failure, a kill, a full disk) nothing is. Writes one JSON line per row:\n"
    "{\"row\", \"mrn\", \"status\", \"failures\"}, where status is\n"
    "  recorded  stored, passed its checks\n"
    "  rejected  stored with its failures, for the supplier to see and correct\n"
    "  exists    the same row is already held: nothing changed\n"
    "  conflict  the MRN is held with other content and the row is not an\n"
    "            \"Edited Notification\": nothing changed\n"
    "and a summary on standard error.\n"
    "\n"
    "Options:\n"
    "  --scheme gbis    Ofgem's GBIS template (CSV, 40 columns)\n"
    "  --supplier CODE  the notifying supplier (default: each row's MRN prefix)\n"
    "\n"
    "Exit status: 0 every row recorded or unchanged, 1 some row rejected or in\n"
    "conflict, 2 usage error or the file refused whole (nothing stored).\n";

/* A bar on stderr, redrawn in place; only when stderr is a terminal. */
static void progress(void *ctx, size_t done, size_t total)
{
    int width = 40, filled = total ? (int)(done * (size_t)width / total) : width;

    (void)ctx;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu rows", filled,
            "########################################", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* Writes the per-row lines and the summary; returns the exit status.
 * Failures are given for the rows this file stored (recorded, rejected). */
static int report(const er_gbis_file *f, const er_notify_result *res)
{
    size_t count[4] = { 0 }, i;
    er_jsonw w = { 0 };
    char num[32];

    for (i = 0; i < f->n; i++) {
        er_row_status st = res->status[i];

        snprintf(num, sizeof num, "%ld", f->rows[i].row);
        er_jsonw_lit(&w, "{\"row\":");
        er_jsonw_lit(&w, num);
        er_jsonw_lit(&w, ",\"mrn\":");
        er_jsonw_string(&w, f->rows[i].col[ER_GBIS_MRN]);
        er_jsonw_lit(&w, ",\"status\":");
        er_jsonw_string(&w, er_row_status_name(st));
        er_jsonw_lit(&w, ",\"failures\":");
        er_jsonw_lit(&w, st == ER_ROW_REJECTED ? res->failures + res->failures_at[i] : "[]");
        er_jsonw_lit(&w, "}\n");
        count[st]++;
        if (w.len > 60000 || i + 1 == f->n) {
            fwrite(w.p, 1, w.len, stdout);
            w.len = 0;
        }
    }
    er_jsonw_free(&w);
    fprintf(stderr, "notify: %zu rows: %zu recorded, %zu rejected, %zu exists, %zu conflict\n",
            f->n, count[ER_ROW_RECORDED], count[ER_ROW_REJECTED], count[ER_ROW_EXISTS],
            count[ER_ROW_CONFLICT]);
    return count[ER_ROW_REJECTED] || count[ER_ROW_CONFLICT] ? EXIT_INPUT_ERRORS : EXIT_DONE;
}

static int notify(const struct cli_globals *g, const char *path, const char *supplier)
{
    er_scheme scheme;
    er_gbis_file f = { 0 };
    er_notify_result res = { 0 };
    er_error err = { 0 };
    er_store *s = NULL;
    struct cli_act a;
    int rc = EXIT_USAGE;

    memset(&scheme, 0, sizeof scheme);
    if (er_scheme_load(er_datadir(g->datadir), ER_SCHEME_GBIS, NULL, &scheme, &err) ||
        er_gbis_load(path, &f, &err)) {
        cli_print_error("notify", &err);
        goto done;
    }
    if (cli_open_register(g, "notify", &s))
        goto done;
    cli_act(g, &a);
    a.act.supplier = supplier;
    if (isatty(STDERR_FILENO))
        a.act.progress = progress;
    if (er_register_notify_gbis(s, &scheme, &f, &a.act, &res, &err) != ER_OK) {
        cli_print_error("notify", &err);
        fprintf(stderr, "ecoreg: notify: nothing was recorded\n");
        goto done;
    }
    rc = report(&f, &res);
done:
    er_store_close(s);
    er_notify_result_free(&res);
    er_gbis_file_free(&f);
    er_scheme_clear(&scheme);
    return rc;
}

int cmd_notify(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' },
        { "supplier", required_argument, NULL, 'u' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *scheme = NULL, *supplier = NULL;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd_notify_help, stdout);
            return EXIT_DONE;
        } else if (c == 's') {
            scheme = optarg;
        } else if (c == 'u') {
            supplier = optarg;
        } else {
            return cli_usage_error("notify: see 'ecoreg notify --help'");
        }
    }
    if (!scheme)
        return cli_usage_error("notify: --scheme gbis is required");
    if (strcmp(scheme, "eco4") == 0)
        return cli_usage_error("notify: ECO4 notification templates are not built yet "
                               "(issue 3 continues); GBIS files: --scheme gbis");
    if (strcmp(scheme, "gbis") != 0)
        return cli_usage_error("notify: --scheme must be gbis or eco4");
    if (argc - optind != 1)
        return cli_usage_error("notify: give one FILE");
    return notify(g, argv[optind], supplier);
}
