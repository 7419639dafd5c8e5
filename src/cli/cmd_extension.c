/*
 * cmd_extension.c: `ecoreg extension grant|show`, the administrator's
 * extensions of a measure's notification deadline, each with a reference.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_extension_help[] =
    "usage: ecoreg [--db FILE] extension grant MRN --reference REF --until YYYY-MM-DD\n"
    "                                    --reason TEXT\n"
    "       ecoreg [--db FILE] extension show MRN\n"
    "\n"
    "Beyond the automatic late extension (3 months, within 5% of a supplier's\n"
    "measures completed in a month; ECO4 Order art. 44), a supplier applies to\n"
    "the administrator, who grants the measure an extension until a day, under\n"
    "a reference. A row notified as \"Extended Notification\" is then on time\n"
    "until that day. The grant is an event of the journal, with its actor.\n";

static int grant(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "reference", required_argument, NULL, 'r' },
        { "until", required_argument, NULL, 'u' },
        { "reason", required_argument, NULL, 'e' },
        { NULL, 0, NULL, 0 },
    };
    const char *reference = NULL, *reason = NULL;
    er_date until = ER_DATE_NONE;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'r')
            reference = optarg;
        else if (c == 'e')
            reason = optarg;
        else if (c == 'u' && er_date_parse_iso(optarg, &until) == ER_OK)
            ;
        else
            return cli_usage_error("extension grant: see 'ecoreg extension --help'");
    }
    if (argc - optind != 1 || until == ER_DATE_NONE)
        return cli_usage_error("extension grant: MRN and --until YYYY-MM-DD are required");
    if (cli_open_register(g, "extension grant", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (er_register_extension_grant(s, &a.act, argv[optind], reference, until, reason, &err)) {
        cli_print_error("extension grant", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

static int show(const struct cli_globals *g, const char *mrn)
{
    char reference[64], day[11];
    er_date until;
    er_store *s;
    int rc = EXIT_DONE;

    if (cli_open_register(g, "extension show", &s))
        return EXIT_USAGE;
    if (er_register_extension_get(s, mrn, &until, reference) != ER_OK) {
        fprintf(stderr, "ecoreg: extension show: no extension granted to %s\n", mrn);
        rc = EXIT_INPUT_ERRORS;
    } else {
        er_date_format_iso(until, day);
        printf("%s\t%s\tuntil %s\n", mrn, reference, day);
    }
    er_store_close(s);
    return rc;
}

int cmd_extension(const struct cli_globals *g, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_extension_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "grant") == 0)
        return grant(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "show") == 0 && argc == 3)
        return show(g, argv[2]);
    return cli_usage_error("extension: grant MRN ... or show MRN (see --help)");
}
