/*
 * cmd_admin.c: `ecoreg init`, `ecoreg supplier add|list`, `ecoreg supplier
 * licence add|list` and `ecoreg verify`: creating the register, the
 * suppliers and supplier licences it knows, and the check that its
 * projections match its journal.
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
    "       ecoreg [--db FILE] supplier licence add --code ABC --reference REF\n"
    "       ecoreg [--db FILE] supplier licence list\n"
    "\n"
    "The obligated suppliers the register knows. The code is the supplier's\n"
    "3-letter short code, the prefix of its measure reference numbers (MRNs):\n"
    "notifications are checked against it (GBIS0105, GBIS0119).\n"
    "\n"
    "A supplier's licences are the values a GBIS row's Supplier_Reference\n"
    "holds (such as BGT03078711E). A row must name a licence the register\n"
    "knows, in any case (GBIS0116), and, spelt exactly, one held by the\n"
    "notifying supplier (GBIS0117). A reference is 1 to 31 letters, digits,\n"
    "'-', '_' or '/', unique in any case, and its supplier must be known.\n"
    "`supplier licence list` prints each reference and its supplier's code,\n"
    "tab-separated, in reference order.\n"
    "\n"
    "Example:\n"
    "  ecoreg supplier add --code BGT --name \"British Gas Trading\"\n"
    "  ecoreg supplier licence add --code BGT --reference BGT03078711E\n";

const char cmd_verify_help[] =
    "usage: ecoreg [--db FILE] verify\n"
    "\n"
    "Rebuilds the register's current state (suppliers, licences, measures,\n"
    "projects) from its journal of events and compares it with the state\n"
    "stored, printing each difference. Exit status: 0 when there is none, 1\n"
    "when there are some, 2 when the register cannot be read.\n";

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
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    er_supplier sup = { { 0 }, { 0 } };
    struct cli_act a;
    er_error err = { 0 };
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if ((c == 'c' && !cli_copy_option("code", optarg, sup.code, sizeof sup.code, &err)) ||
            (c == 'n' && !cli_copy_option("name", optarg, sup.name, sizeof sup.name, &err))) {
            cli_print_error("supplier add", &err);
            return EXIT_INPUT_ERRORS;
        } else if (c == 'c' || c == 'n')
            continue;
        else if (c == 'h')
            return fputs(cmd_supplier_help, stdout) == EOF ? EXIT_USAGE : EXIT_DONE;
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

static int print_licence(void *ctx, const er_licence *lic)
{
    (void)ctx;
    printf("%s\t%s\n", lic->reference, lic->supplier);
    return 0;
}

static int licence_add(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "code", required_argument, NULL, 'c' },
        { "reference", required_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *code = NULL, *reference = NULL;
    er_licence lic;
    struct cli_act a;
    er_error err = { 0 };
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'c')
            code = optarg;
        else if (c == 'r')
            reference = optarg;
        else if (c == 'h') {
            fputs(cmd_supplier_help, stdout);
            return EXIT_DONE;
        } else
            return cli_usage_error("supplier licence add: --code ABC --reference REF "
                                   "(see 'ecoreg supplier --help')");
    }
    if (!code || !reference || optind != argc)
        return cli_usage_error("supplier licence add: --code and --reference are required");
    memset(&lic, 0, sizeof lic);
    if (!cli_copy_option("code", code, lic.supplier, sizeof lic.supplier, &err) ||
        !cli_copy_option("reference", reference, lic.reference, sizeof lic.reference, &err)) {
        cli_print_error("supplier licence add", &err);
        return EXIT_INPUT_ERRORS;
    }
    if (cli_open_register(g, "supplier licence add", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (er_register_licence_add(s, &a.act, &lic, &err) != ER_OK) {
        cli_print_error("supplier licence add", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

/* `supplier licence add|list`; argv[0] is "licence". */
static int licence(const struct cli_globals *g, int argc, char **argv)
{
    er_store *s;
    int rc = EXIT_DONE;

    if (argc < 2)
        return cli_usage_error("supplier licence: add or list (see 'ecoreg supplier --help')");
    if (strcmp(argv[1], "--help") == 0) {
        fputs(cmd_supplier_help, stdout);
        return EXIT_DONE;
    }
    if (strcmp(argv[1], "add") == 0)
        return licence_add(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") != 0)
        return cli_usage_error("supplier licence: unknown subcommand '%s' (add, list)", argv[1]);
    if (argc > 2)
        return cli_usage_error("supplier licence list: no arguments, not '%s'", argv[2]);
    if (cli_open_register(g, "supplier licence list", &s))
        return EXIT_USAGE;
    if (er_store_licence_each(s, print_licence, NULL) != ER_OK) {
        fprintf(stderr, "ecoreg: supplier licence list: the licences cannot be read\n");
        rc = EXIT_USAGE;
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
    if (strcmp(argv[1], "licence") == 0)
        return licence(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") != 0)
        return cli_usage_error("supplier: unknown subcommand '%s' (add, list, licence)", argv[1]);
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
        fprintf(stderr, "verify: %zu difference%s between the journal and the projections\n", n,
                n == 1 ? "" : "s");
        rc = n ? EXIT_INPUT_ERRORS : EXIT_DONE;
    }
    er_store_close(s);
    return rc;
}
