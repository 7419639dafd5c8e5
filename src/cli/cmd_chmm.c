/*
 * cmd_chmm.c: `ecoreg chmm credits FILE`, heat pump installations credited
 * to the licence holders of their products (chmm.h; DESIGN.md;
 * spec/chmm_installations.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_chmm.h"
#include "ecoreg/alloc.h"
#include "ecoreg/chmm.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"

/* The most a file of installation records may hold. */
#define CHMM_FILE_BYTES_MAX (256u * 1024 * 1024)

const char cmd_chmm_help[] =
    "usage: ecoreg [--data DIR] [--db FILE] [--as-of DAY] chmm COMMAND ...\n"
    "\n"
    "The register of a Clean Heat Market Mechanism certification scheme (seeds\n"
    "000 and 003; SI 2025/81). Every step is an event of the journal, dated by\n"
    "--as-of (default today).\n"
    "\n"
    "Credits (spec/chmm_installations.md; rules in data/schemes/chmm.json):\n"
    "  credits FILE.csv|FILE.json  credit the installations of a file\n"
    "  credits                     credit those the register holds certified\n"
    "    One JSON object: licence_holders (installations credited and credits,\n"
    "    in all and per scheme year from 1 April, by commissioning date),\n"
    "    refused (row, reason new_build|capacity|water_only|technology|invalid,\n"
    "    message) and duplicates (the same installation_id, serial_number, or\n"
    "    uprn and product within the window: counted once). A hybrid earns 0.5.\n"
    "    A CSV file has a header naming its columns in any order; a JSON file is\n"
    "    an array of objects with the same keys (a value a string, a number,\n"
    "    true/false for hybrid, or null).\n"
    "\n"
    "Installations:\n"
    "  certify [--correct] FILE    certify a file of installations, whole or not\n"
    "                              at all: every bad row is listed and nothing is\n"
    "                              written; one held already with the same record\n"
    "                              is left alone; --correct replaces a record\n"
    "  add [--correct] COLUMN=VALUE...  certify one installation\n"
    "  certificate NUMBER          check a certificate, as anyone may\n"
    "  withdraw NUMBER --reason TEXT   it earns no credit from then\n"
    "\n"
    "Installers (the member must be approved for its installations to be\n"
    "certified):\n"
    "  installer apply ID --name NAME --postcode PC --technologies T[,T...]\n"
    "  installer approve|refuse|suspend|reinstate|expel ID --reason TEXT\n"
    "  installer show ID           the installer, its lifecycle days and history\n"
    "  installers [--name PART] [--postcode AREA] [--technology T]\n"
    "                              the public finder: current members only\n"
    "  expelled [--format json|csv]    expelled members, for the other schemes\n"
    "\n"
    "Complaints (seed 000 \"Redress\"; free to the consumer up to ADR):\n"
    "  complaint receive --installer ID [--installation NUMBER] --summary TEXT\n"
    "            [--contact TEXT] [--no-heating] [--vulnerable]\n"
    "                              prints its ID (CMP-1); --contact is how to\n"
    "                              reach the consumer (email or phone); without\n"
    "                              heating or vulnerable is priority\n"
    "  complaint acknowledge|investigate|escalate|rule-out ID --reason TEXT\n"
    "  complaint resolve ID --outcome no_non_conformity|put_right_installer|\n"
    "            put_right_other|other --reason TEXT\n"
    "  complaint adr-outcome ID --outcome adr_complainant|adr_installer --reason T\n"
    "  complaint show ID           its state, outcome, days and targets (1 and 3\n"
    "                              months), and history\n"
    "  complaints [--open]         all, or the open ones, priority first\n"
    "  The steps: received -> acknowledged -> investigating -> resolved; from\n"
    "  investigating or resolved escalate to adr -> adr_decided; received,\n"
    "  acknowledged or investigating rule out as out_of_scope. Any other step is\n"
    "  refused.\n"
    "\n"
    "Conformity assessments (seed 000 \"Frequency of conformity assessment\";\n"
    "seed 003; weights and share in data/schemes/chmm.json):\n"
    "  assess select --from DAY --to DAY --seed N\n"
    "                              select installations certified in the period\n"
    "                              and not yet selected, weighted by their\n"
    "                              installer's risk (complaints in 12 months,\n"
    "                              years since its last assessment, its\n"
    "                              non-conformities): 25 per thousand, rounded\n"
    "                              up; the same seed selects the same ones.\n"
    "                              Prints each as a JSON line\n"
    "  assess pass|fail|report|respond|hand-over|verify NUMBER --reason TEXT\n"
    "         [--designer NAME] [--installed-by NAME] [--warranty-until DAY]\n"
    "         [--manufacturer] [--third-party NAME]\n"
    "                              fail's reason is the findings; hand-over\n"
    "                              needs a third party named\n"
    "  assess show NUMBER          the assessment, its days, facts and history\n"
    "  assessments                 all, in the order selected\n"
    "  The steps: selected -> conforming (pass) or nonconforming (fail) ->\n"
    "  reported -> responded -> remedied (verify); from reported or responded\n"
    "  hand-over to third_party -> remedied. Any other step is refused.\n"
    "  action training|more-frequent|suspension|expulsion INSTALLER --reason TEXT\n"
    "                              corrective action; suspension and expulsion\n"
    "                              also suspend or expel the installer\n"
    "\n"
    "The administrator and the Annex A indicators:\n"
    "  feed --out DIR [--again N]  the next export: installations certified,\n"
    "                              corrected or withdrawn since the last, as CSV\n"
    "                              and JSON, with a manifest (counts, SHA-256);\n"
    "                              --again N makes export N again, byte for byte\n"
    "  indicators --from DAY --to DAY [--format json|csv|html]\n"
    "                              every Annex A indicator of the period\n"
    "\n"
    "Technologies: air_to_water, air_to_air, ground_source, water_source,\n"
    "exhaust_air, solar_assisted, hot_water.\n"
    "\n"
    "Exit status: 0 done; 1 refused or the input cannot be used, the reason on\n"
    "standard error naming the row and field; 2 usage error.\n"
    "\n"
    "Examples:\n"
    "  ecoreg chmm credits installations.csv\n"
    "  ecoreg --as-of 2025-06-01 chmm installer approve INST-1 --reason \"assessed\"\n"
    "  ecoreg chmm certify installations.json\n"
    "  ecoreg chmm installers --postcode LS6 --technology ground_source\n";

/* The credits of the installations in file `path`, or when NULL of those
 * the register holds certified. */
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
    if (!path && chmm_credits_register(g, &f) != 0)
        goto done;
    if ((path && (er_read_file(path, CHMM_FILE_BYTES_MAX, &buf, &len, &err) != ER_OK ||
                  er_chmm_parse_file(buf, len, path, &f, &err) != ER_OK)) ||
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
    int rc;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(cmd_chmm_help, stdout);
        return EXIT_DONE;
    }
    if (argc >= 2 && argc <= 3 && strcmp(argv[1], "credits") == 0)
        return credits(g, argc == 3 ? argv[2] : NULL);
    if (argc >= 2 && ((rc = chmm_register_command(g, argc - 1, argv + 1)) >= 0 ||
                      (rc = chmm_assess_command(g, argc - 1, argv + 1)) >= 0))
        return rc;
    return cli_usage_error("chmm: usage: chmm COMMAND ... (see 'ecoreg chmm --help')");
}
