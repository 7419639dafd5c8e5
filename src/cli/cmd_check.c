/*
 * cmd_check.c: `ecoreg check --scheme gbis FILE`, validates an Ofgem GBIS
 * notification file against the register as it stands and writes one
 * JSON line per row (DESIGN.md).  Nothing is stored.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"

const char cmd_check_help[] =
    "usage: ecoreg [--db FILE] [--as-of DAY] check --scheme gbis [--supplier CODE] FILE\n"
    "\n"
    "Validates an Ofgem GBIS notification template (CSV with the 40 columns of\n"
    "Ofgem's template, or JSON when FILE ends in .json) by Ofgem's rule codes,\n"
    "stage 1 and stage 2, and writes one JSON line per row: {\"row\", \"mrn\",\n"
    "\"valid\", \"failures\": [{\"rule\", \"field\", \"message\"}]}. The rules that\n"
    "need the register (known suppliers, measures already held, in-fill and\n"
    "insulation links, the late-extension allowance) read the register named by\n"
    "--db (default var/ecoreg.db) as it stands; nothing is stored, and no\n"
    "register is created when there is none. A file that cannot be read as\n"
    "the template (wrong header, more than 10,000 rows or 20 MB) is refused\n"
    "whole, with the row and column named on standard error.\n"
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

/* Writes each row's line as its outcome comes (er_gbis_check_each). */
struct out {
    const er_gbis_row *rows;
    er_jsonw w;
    bool invalid;
};

static void on_row(void *ctx, size_t i, const er_gbis_outcome *o)
{
    struct out *k = ctx;

    write_row(&k->w, &k->rows[i], o);
    k->invalid |= o->n_failures > 0;
    if (k->w.len > 60000) {
        fwrite(k->w.p, 1, k->w.len, stdout);
        k->w.len = 0;
    }
}

/* The register the rules look into (DESIGN.md: "the whole file plus what
 * the register already holds"), opened only when --db names a file:
 * checking stores nothing, so it creates no register either.  The whole
 * file is checked against one snapshot of it, in a read transaction (which
 * also takes the store's locks once, not once a row). */
static int open_view(const struct cli_globals *g, er_store **s, er_register_view **view)
{
    er_error err = { 0 };

    if (access(g->db, F_OK) != 0) {
        fprintf(stderr,
                "ecoreg: check: no register at %s: the file is checked against an empty "
                "register (no known suppliers or licences: GBIS0105, 0116 and 0117 fail "
                "every row)\n",
                g->db);
        return 0;
    }
    if (cli_open_register(g, "check", s) != 0)
        return -1;
    if (er_store_begin_read(*s, &err) != ER_OK) {
        cli_print_error("check", &err);
        return -1;
    }
    if (er_register_view_new(*s, view) != ER_OK) {
        fprintf(stderr, "ecoreg: check: out of memory\n");
        return -1;
    }
    return 0;
}

static int run(const struct cli_globals *g, const char *path, const char *supplier)
{
    er_scheme scheme;
    er_gbis_file f = { 0 };
    er_error err = { 0 };
    er_store *s = NULL;
    er_register_view *view = NULL;
    struct out k = { .invalid = false };
    int rc = EXIT_USAGE;

    memset(&scheme, 0, sizeof scheme);
    if (er_scheme_load(er_datadir(g->datadir), ER_SCHEME_GBIS, NULL, &scheme, &err) ||
        er_gbis_load(path, &f, &err)) {
        fprintf(stderr, "ecoreg: check: %s%s%ld%s%s: %s\n", path, err.row ? ": row " : "", err.row,
                *err.field ? ": " : "", err.field, err.message);
        goto done;
    }
    if (open_view(g, &s, &view) != 0)
        goto done;
    {
        er_gbis_context c = { .today = g->today,
                              .notifying_supplier = supplier,
                              .scheme = &scheme };

        if (view)
            er_register_view_callbacks(view, &c.reg);
        k.rows = f.rows;
        if (er_gbis_check_each(&c, f.rows, f.n, on_row, &k) != ER_OK || k.w.oom) {
            fprintf(stderr, "ecoreg: check: out of memory\n");
            goto done;
        }
    }
    fwrite(k.w.p, 1, k.w.len, stdout);
    rc = k.invalid ? EXIT_INPUT_ERRORS : EXIT_DONE;
done:
    er_jsonw_free(&k.w);
    er_register_view_free(view);
    er_store_close(s);
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
