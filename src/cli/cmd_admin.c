/*
 * cmd_admin.c: `ecoreg init`, `ecoreg supplier add|list` and
 * `ecoreg verify`: creating the register, the suppliers it knows, and the
 * check that its projections match its journal.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_init_help[] =
    "usage: ecoreg [--db FILE] init\n"
    "\n"
    "Creates the register at --db (default var/ecoreg.db) and applies its schema\n"
    "migrations; on an existing register, applies any it lacks. Opening the\n"
    "register for any command does the same, so init is only ever needed to\n"
    "create an empty one ahead of time.\n";

const char cmd_supplier_help[] =
    "usage: ecoreg [--db FILE] supplier add --code ABC --name NAME\n"
    "       ecoreg [--db FILE] supplier list\n"
    "\n"
    "The obligated suppliers the register knows. The code is the supplier's\n"
    "3-letter short code, the prefix of its measure reference numbers (MRNs):\n"
    "notifications are checked against it (GBIS0105, GBIS0119).\n";

const char cmd_verify_help[] =
    "usage: ecoreg [--db FILE] verify\n"
    "\n"
    "Rebuilds the register's current state (suppliers, measures) from its\n"
    "journal of events and compares it with the state stored, printing each\n"
    "difference. Exit status: 0 when there is none, 1 when there are some, 2\n"
    "when the register cannot be read.\n";

int cmd_init(const struct cli_globals *g, int argc, char **argv)
{
    er_store *s;

    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        fputs(cmd_init_help, stdout);
        return EXIT_DONE;
    }
    if (cli_open_register(g, "init", &s))
        return EXIT_USAGE;
    printf("register %s at schema version %d\n", g->db, er_store_schema_version(s));
    er_store_close(s);
    return EXIT_DONE;
}

static int print_supplier(void *ctx, const er_supplier *sup)
{
    (void)ctx;
    printf("%s\t%s\n", sup->code, sup->name);
    return 0;
}

static int supplier_add(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "code", required_argument, NULL, 'c' },
        { "name", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    er_supplier sup = { { 0 }, { 0 } };
    struct cli_act a;
    er_error err = { 0 };
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'c' && strlen(optarg) < sizeof sup.code)
            memcpy(sup.code, optarg, strlen(optarg) + 1);
        else if (c == 'n')
            snprintf(sup.name, sizeof sup.name, "%s", optarg);
        else
            return cli_usage_error("supplier add: --code ABC --name NAME (see --help)");
    }
    if (!*sup.code || !*sup.name)
        return cli_usage_error("supplier add: --code and --name are required");
    if (cli_open_register(g, "supplier add", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (er_register_supplier_add(s, &a.act, &sup, &err) != ER_OK) {
        cli_print_error("supplier add", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

int cmd_supplier(const struct cli_globals *g, int argc, char **argv)
{
    er_store *s;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_supplier_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "add") == 0)
        return supplier_add(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") != 0)
        return cli_usage_error("supplier: unknown subcommand '%s' (add, list)", argv[1]);
    if (cli_open_register(g, "supplier list", &s))
        return EXIT_USAGE;
    er_store_supplier_each(s, print_supplier, NULL);
    er_store_close(s);
    return EXIT_DONE;
}

static void print_difference(void *ctx, const char *kind, const char *subject, const char *what)
{
    (void)ctx;
    printf("%s %s: %s\n", kind, subject, what);
}

int cmd_verify(const struct cli_globals *g, int argc, char **argv)
{
    er_error err = { 0 };
    size_t n = 0;
    er_store *s;
    int rc;

    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        fputs(cmd_verify_help, stdout);
        return EXIT_DONE;
    }
    if (cli_open_register(g, "verify", &s))
        return EXIT_USAGE;
    if (er_register_verify(s, print_difference, NULL, &n, &err) != ER_OK) {
        cli_print_error("verify", &err);
        rc = EXIT_USAGE;
    } else {
        fprintf(stderr, "verify: %zu difference%s between the journal and the projections\n",
                n, n == 1 ? "" : "s");
        rc = n ? EXIT_INPUT_ERRORS : EXIT_DONE;
    }
    er_store_close(s);
    return rc;
}
