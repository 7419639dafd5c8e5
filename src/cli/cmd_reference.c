/*
 * cmd_reference.c: `ecoreg reference add|load|list`, the reference lists
 * of Ofgem's that the register is given because Ofgem does not publish
 * them (GBIS0900's flex referral routes, GBIS0720's innovation measures),
 * and the address list standing in for Ofgem's address service (GBIS0500).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_reference_help[] =
    "usage: ecoreg [--db FILE] reference add --list flex-routes --value ROUTE\n"
    "       ecoreg [--db FILE] reference add --list innovation-measures --value NUMBER\n"
    "                                        --measure-type TYPE\n"
    "       ecoreg [--db FILE] reference add --list addresses --value POSTCODE\n"
    "                                        --uprn UPRN\n"
    "       ecoreg [--db FILE] reference load --list NAME [--update] FILE.csv\n"
    "       ecoreg [--db FILE] reference list [--list NAME]\n"
    "\n"
    "Some of Ofgem's GBIS rules accept only the values of Ofgem's own reference\n"
    "data, which Ofgem does not publish, or ask Ofgem's address service. The\n"
    "administrator loads them here, one entry at a time ('add') or a file at a\n"
    "time ('load'); each entry is journalled and replayed by 'ecoreg verify'.\n"
    "\n"
    "Lists:\n"
    "  flex-routes          the accepted Flex_Referral_Route values. GBIS0900\n"
    "                       fails a row whose route is neither N/A nor one of\n"
    "                       these (ignoring case): with none loaded, every\n"
    "                       route but N/A fails.\n"
    "  innovation-measures  innovation measure numbers, each with the\n"
    "                       Measure_Type it is for (--measure-type). GBIS0720\n"
    "                       fails a row whose Innovation_Measure_Number is not\n"
    "                       N/A and whose (number, Measure_Type) is not one of\n"
    "                       these (ignoring case).\n"
    "  addresses            postcodes with the UPRNs of their addresses (--uprn,\n"
    "                       1 to 12 digits), standing in for Ofgem's address\n"
    "                       service. Once any is loaded, GBIS0500 fails a row\n"
    "                       whose (Post_Code, UPRN) is not one of these, or,\n"
    "                       when its UPRN is N/A, whose postcode is not. A\n"
    "                       postcode is stored with one space before its\n"
    "                       inward code ('LS1  4AB' is held as 'LS1 4AB').\n"
    "\n"
    "A value is 1 to 127 printable characters without spaces at either end, kept\n"
    "as given; an entry already held in any case is refused. 'reference list'\n"
    "prints each entry as list, value and second value, tab-separated.\n"
    "\n"
    "'load' reads a CSV file whose header names the list's columns as Ofgem's\n"
    "GBIS template does, in any order (other columns are ignored):\n"
    "  flex-routes          Flex_Referral_Route\n"
    "  innovation-measures  Innovation_Measure_Number,Measure_Type\n"
    "  addresses            Post_Code,Unique_Property_Reference_Number_(UPRN)\n"
    "The whole file is one transaction: an error names its row and column, and\n"
    "nothing of the file is added. With --update, entries the list holds already\n"
    "are left out instead of refused (loading a newer copy of a list). A bar\n"
    "shows the progress when stderr is a terminal.\n"
    "\n"
    "Exit status: 0 added, 1 an entry refused ('add'), 2 usage error or the\n"
    "file refused whole ('load': nothing added).\n"
    "\n"
    "Examples:\n"
    "  ecoreg reference add --list flex-routes --value \"Route 2 Area Validation\"\n"
    "  ecoreg reference add --list innovation-measures --value 001 \\\n"
    "      --measure-type CWI_0.040\n"
    "  ecoreg reference add --list addresses --value \"LS1 4AB\" --uprn 100023336956\n"
    "  ecoreg reference load --list addresses --update addresses-2026-11.csv\n";

static int print_reference(void *ctx, const er_reference *ref)
{
    (void)ctx;
    printf("%s\t%s\t%s\n", ref->list, ref->value, ref->value2);
    return 0;
}

static int reference_add(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "list", required_argument, NULL, 'l' },
        { "value", required_argument, NULL, 'v' },
        { "measure-type", required_argument, NULL, 't' },
        { "uprn", required_argument, NULL, 'u' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL, *value = NULL, *value2 = "", *field = "measure-type";
    er_reference ref;
    struct cli_act a;
    er_error err = { 0 };
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'l')
            list = optarg;
        else if (c == 'v')
            value = optarg;
        else if ((c == 't' || c == 'u') && value2[0])
            return cli_usage_error("reference add: one second value, --measure-type or --uprn");
        else if (c == 't' || c == 'u') {
            value2 = optarg;
            field = c == 't' ? "measure-type" : "uprn";
        } else if (c == 'h') {
            fputs(cmd_reference_help, stdout);
            return EXIT_DONE;
        } else
            return cli_usage_error("reference add: --list NAME --value VALUE [--measure-type "
                                   "TYPE | --uprn UPRN] (see 'ecoreg reference --help')");
    }
    if (!list || !value || optind != argc)
        return cli_usage_error("reference add: --list and --value are required");
    memset(&ref, 0, sizeof ref);
    if (!cli_copy_option("list", list, ref.list, sizeof ref.list, &err) ||
        !cli_copy_option("value", value, ref.value, sizeof ref.value, &err) ||
        !cli_copy_option(field, value2, ref.value2, sizeof ref.value2, &err)) {
        cli_print_error("reference add", &err);
        return EXIT_INPUT_ERRORS;
    }
    if (cli_open_register(g, "reference add", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (er_register_reference_add(s, &a.act, &ref, &err) != ER_OK) {
        cli_print_error("reference add", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

static int reference_load(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "list", required_argument, NULL, 'l' },
        { "update", no_argument, NULL, 'u' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL;
    er_reference_file f = { 0 };
    bool update = false;
    struct cli_act a;
    er_error err = { 0 };
    er_store *s;
    size_t added = 0;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'l')
            list = optarg;
        else if (c == 'u')
            update = true;
        else if (c == 'h') {
            fputs(cmd_reference_help, stdout);
            return EXIT_DONE;
        } else
            return cli_usage_error("reference load: --list NAME [--update] FILE.csv (see "
                                   "'ecoreg reference --help')");
    }
    if (!list || optind != argc - 1)
        return cli_usage_error("reference load: --list NAME and one FILE.csv are required");
    if (er_reference_load_csv(argv[optind], list, &f, &err) != ER_OK) {
        cli_print_error("reference load", &err);
        return EXIT_USAGE;
    }
    if (cli_open_register(g, "reference load", &s)) {
        er_reference_file_free(&f);
        return EXIT_USAGE;
    }
    cli_act(g, &a);
    cli_progress_on(&a.act);
    if (er_register_reference_load(s, &a.act, f.refs, f.rows, f.n, update, &added, &err) != ER_OK) {
        cli_print_error("reference load", &err);
        fprintf(stderr, "ecoreg: reference load: nothing was added\n");
        rc = EXIT_USAGE;
    } else
        fprintf(stderr,
                "ecoreg: reference load: %zu of %zu entries added to %s, %zu held "
                "already\n",
                added, f.n, list, f.n - added);
    er_store_close(s);
    er_reference_file_free(&f);
    return rc;
}

static int reference_list(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "list", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL;
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'l')
            list = optarg;
        else if (c == 'h') {
            fputs(cmd_reference_help, stdout);
            return EXIT_DONE;
        } else
            return cli_usage_error("reference list: [--list NAME] (see 'ecoreg reference "
                                   "--help')");
    }
    if (optind != argc)
        return cli_usage_error("reference list: no arguments, not '%s'", argv[optind]);
    if (cli_open_register(g, "reference list", &s))
        return EXIT_USAGE;
    if (er_store_reference_each(s, list, print_reference, NULL) != ER_OK) {
        fprintf(stderr, "ecoreg: reference list: the reference lists cannot be read\n");
        rc = EXIT_USAGE;
    }
    er_store_close(s);
    return rc;
}

int cmd_reference(const struct cli_globals *g, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_reference_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "add") == 0)
        return reference_add(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "load") == 0)
        return reference_load(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return reference_list(g, argc - 1, argv + 1);
    return cli_usage_error("reference: unknown subcommand '%s' (add, load, list)", argv[1]);
}
