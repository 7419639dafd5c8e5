/*
 * cmd_reference.c: `ecoreg reference add|list`, the reference lists of
 * Ofgem's that the register is given because Ofgem does not publish them
 * (GBIS0900's flex referral routes, GBIS0720's innovation measures).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_reference_help[] =
    "usage: ecoreg [--db FILE] reference add --list flex-routes --value ROUTE\n"
    "       ecoreg [--db FILE] reference add --list innovation-measures --value NUMBER\n"
    "                                        --measure-type TYPE\n"
    "       ecoreg [--db FILE] reference list [--list NAME]\n"
    "\n"
    "Some of Ofgem's GBIS rules accept only the values of Ofgem's own reference\n"
    "data, which Ofgem does not publish. The administrator loads them here, one\n"
    "entry at a time; each is journalled and replayed by 'ecoreg verify'.\n"
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
    "\n"
    "A value is 1 to 127 printable characters without spaces at either end, kept\n"
    "as given; an entry already held in any case is refused. 'reference list'\n"
    "prints each entry as list, value and measure type, tab-separated.\n"
    "\n"
    "Example:\n"
    "  ecoreg reference add --list flex-routes --value \"Route 2 Area Validation\"\n"
    "  ecoreg reference add --list innovation-measures --value 001 \\\n"
    "      --measure-type CWI_0.040\n";

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
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL, *value = NULL, *type = "";
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
        else if (c == 't')
            type = optarg;
        else if (c == 'h') {
            fputs(cmd_reference_help, stdout);
            return EXIT_DONE;
        } else
            return cli_usage_error("reference add: --list NAME --value VALUE [--measure-type "
                                   "TYPE] (see 'ecoreg reference --help')");
    }
    if (!list || !value || optind != argc)
        return cli_usage_error("reference add: --list and --value are required");
    memset(&ref, 0, sizeof ref);
    if (!cli_copy_option("list", list, ref.list, sizeof ref.list, &err) ||
        !cli_copy_option("value", value, ref.value, sizeof ref.value, &err) ||
        !cli_copy_option("measure-type", type, ref.value2, sizeof ref.value2, &err)) {
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
    if (strcmp(argv[1], "list") == 0)
        return reference_list(g, argc - 1, argv + 1);
    return cli_usage_error("reference: unknown subcommand '%s' (add, list)", argv[1]);
}
