/*
 * cmd_chmm.c: `ecoreg chmm credits FILE`, heat pump installations credited
 * to the licence holders of their products (chmm.h; DESIGN.md;
 * spec/chmm_installations.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/alloc.h"
#include "ecoreg/chmm.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"

/* The most a file of installation records may hold. */
#define CHMM_FILE_BYTES_MAX (256u * 1024 * 1024)

const char cmd_chmm_help[] =
    "usage: ecoreg [--data DIR] chmm credits FILE.csv|FILE.json\n"
    "\n"
    "Credits heat pump installations (Clean Heat Market Mechanism; seed 000,\n"
    "SI 2025/81) to the licence holders of their products, and writes one JSON\n"
    "object (spec/chmm_installations.md):\n"
    "  licence_holders  each holder's installations credited and credits, in all\n"
    "                   and per scheme year (from 1 April, by commissioning date)\n"
    "  refused          each installation that earns nothing, with its row, its\n"
    "                   reason (new_build, capacity, water_only, technology,\n"
    "                   invalid) and a message naming the column of a bad value\n"
    "  duplicates       each installation that repeats an earlier one (the same\n"
    "                   installation_id, serial_number, or uprn and product\n"
    "                   within the window): counted once\n"
    "A hybrid earns the configured weighting (0.5). The rules, each with its\n"
    "source, are in data/schemes/chmm.json.\n"
    "\n"
    "FILE.csv has a header naming its columns (technology_type,\n"
    "commissioning_date, total_capacity_kw, licence_holder, product, hybrid,\n"
    "build, installation_id, installer_id, purpose, and optionally uprn,\n"
    "postcode, serial_number), in any order. FILE.json is an array of objects\n"
    "with the same keys: a value a string, a number, true or false (hybrid),\n"
    "or null.\n"
    "\n"
    "Exit status: 0 when the file was read (refusals are results); 1 when the\n"
    "file cannot be used (a column missing or unknown, unreadable), with the\n"
    "reason on standard error; 2 usage error.\n"
    "\n"
    "Example:\n"
    "  ecoreg chmm credits installations.csv\n";

static int credits(const struct cli_globals *g, const char *path)
{
    er_chmm_rules rules;
    er_chmm_file f = { .n = 0 };
    er_chmm_result r = { .n_totals = 0 };
    er_jsonw w = { 0 };
    er_error err = { 0 };
    char *buf = NULL;
    size_t len = 0, i, n[2] = { 0, 0 }; /* credited, duplicates */
    int rc = EXIT_INPUT_ERRORS;

    if (er_chmm_rules_load(er_datadir(g->datadir), &rules, &err) != ER_OK) {
        cli_print_error("chmm credits", &err);
        return EXIT_USAGE;
    }
    if (er_read_file(path, CHMM_FILE_BYTES_MAX, &buf, &len, &err) != ER_OK ||
        er_chmm_parse_file(buf, len, path, &f, &err) != ER_OK ||
        er_chmm_credits(f.rows, f.n, &rules, &r, &err) != ER_OK) {
        cli_print_error("chmm credits", &err);
        goto done;
    }
    er_chmm_credits_json(&f, &r, &rules, &w);
    if (w.oom) {
        fprintf(stderr, "ecoreg: chmm credits: out of memory\n");
        goto done;
    }
    puts(w.p);
    for (i = 0; i < f.n; i++) {
        n[0] += r.outcomes[i].kind == ER_CHMM_CREDITED;
        n[1] += r.outcomes[i].kind == ER_CHMM_DUPLICATE;
    }
    fprintf(stderr, "chmm credits: %zu rows: %zu credited, %zu refused, %zu duplicates\n",
            f.n + f.n_invalid, n[0], f.n - n[0] - n[1] + f.n_invalid, n[1]);
    rc = EXIT_DONE;
done:
    er_jsonw_free(&w);
    er_chmm_result_free(&r);
    er_chmm_file_free(&f);
    er_free(buf);
    return rc;
}

int cmd_chmm(const struct cli_globals *g, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(cmd_chmm_help, stdout);
        return EXIT_DONE;
    }
    if (argc == 3 && strcmp(argv[1], "credits") == 0)
        return credits(g, argv[2]);
    return cli_usage_error("chmm: usage: chmm credits FILE (see 'ecoreg chmm --help')");
}
