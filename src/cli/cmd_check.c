/*
 * cmd_check.c: `ecoreg check --scheme gbis FILE`, validates an Ofgem GBIS
 * notification file and writes one JSON line per row (DESIGN.md).
 * Nothing is stored.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"

const char cmd_check_help[] =
    "usage: ecoreg [--as-of DAY] check --scheme gbis [--supplier CODE] FILE\n"
    "\n"
    "Validates an Ofgem GBIS notification template (CSV with the 40 columns of\n"
    "Ofgem's template, or JSON when FILE ends in .json) by Ofgem's rule codes,\n"
    "stage 1 and stage 2, and writes one JSON line per row: {\"row\", \"mrn\",\n"
    "\"valid\", \"failures\": [{\"rule\", \"field\", \"message\"}]}. Nothing is\n"
    "stored. A file that cannot be read as the template (wrong header, more\n"
    "than 10,000 rows or 20 MB) is refused whole, with the row and column\n"
    "named on standard error.\n"
    "\n"
    "Options:\n"
    "  --scheme gbis    the template's scheme (ECO4 files: `ecoreg notify`)\n"
    "  --supplier CODE  the notifying supplier's short code (GBIS0119); default:\n"
    "                   each row's MRN prefix\n"
    "\n"
    "Deadlines (GBIS1000-1005) are judged against --as-of (default today).\n"
    "Rule codes and what each checks: docs/gbis_rules.md.\n"
    "\n"
    "Exit status: 0 every row valid, 1 some row invalid, 2 usage error or a\n"
    "file refused whole.\n"
    "\n"
    "Example:\n"
    "  ecoreg --as-of 2024-06-15 check --scheme gbis --supplier ABC notifications.csv\n";

static void write_row(er_jsonw *w, const er_gbis_row *r, const er_gbis_outcome *o)
{
    char num[32];

    snprintf(num, sizeof num, "%ld", r->row);
    er_jsonw_lit(w, "{\"row\":");
    er_jsonw_lit(w, num);
    er_jsonw_lit(w, ",\"mrn\":");
    er_jsonw_string(w, r->col[ER_GBIS_MRN]);
    er_jsonw_lit(w, o->n_failures ? ",\"valid\":false,\"failures\":"
                                  : ",\"valid\":true,\"failures\":");
    er_gbis_failures_json(w, o);
    er_jsonw_lit(w, "}\n");
}

static int run(const struct cli_globals *g, const char *path, const char *supplier)
{
    er_scheme scheme;
    er_gbis_file f = { 0 };
    er_gbis_outcome *out = NULL;
    er_error err = { 0 };
    er_jsonw w = { 0 };
    int rc = EXIT_USAGE, invalid = 0;
    size_t i;

    memset(&scheme, 0, sizeof scheme);
    if (er_scheme_load(er_datadir(g->datadir), ER_SCHEME_GBIS, NULL, &scheme, &err) ||
        er_gbis_load(path, &f, &err)) {
        fprintf(stderr, "ecoreg: check: %s%s%ld%s%s: %s\n", path, err.row ? ": row " : "",
                err.row, *err.field ? ": " : "", err.field, err.message);
        goto done;
    }
    if (!(out = er_calloc(f.n, sizeof *out))) {
        fprintf(stderr, "ecoreg: check: out of memory\n");
        goto done;
    }
    {
        er_gbis_context c = { .today = g->today, .notifying_supplier = supplier,
                              .scheme = &scheme };

        if (er_gbis_check(&c, f.rows, f.n, out) != ER_OK) {
            fprintf(stderr, "ecoreg: check: out of memory\n");
            goto done;
        }
    }
    for (i = 0; i < f.n; i++) {
        write_row(&w, &f.rows[i], &out[i]);
        invalid |= out[i].n_failures > 0;
        if (w.len > 60000 || i + 1 == f.n) {
            fwrite(w.p, 1, w.len, stdout);
            w.len = 0;
        }
    }
    rc = w.oom ? EXIT_USAGE : invalid ? EXIT_INPUT_ERRORS : EXIT_DONE;
done:
    er_jsonw_free(&w);
    er_free(out);
    er_gbis_file_free(&f);
    er_scheme_clear(&scheme);
    return rc;
}

int cmd_check(const struct cli_globals *g, int argc, char **argv)
{
    struct cli_file_args a;
    int rc = cli_file_options("check", cmd_check_help, argc, argv, &a);

    if (rc >= 0)
        return rc;
    if (!a.scheme || strcmp(a.scheme, "gbis") != 0)
        return cli_usage_error("check: --scheme gbis is required (ECO4 files: ecoreg notify)");
    return run(g, a.file, a.supplier);
}
