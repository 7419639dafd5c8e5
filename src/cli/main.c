/*
 * main.c: the ecoreg command.  Global options, then a subcommand looked up
 * in one table; each subcommand lives in its own cmd_*.c file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const struct cli_command commands[] = {
    { "quote", "score projects from Ofgem's matrices; nothing is stored", cmd_quote_help,
      cmd_quote },
    { "matrix", "look one row up in a score matrix", cmd_matrix_help, cmd_matrix },
    { "check", "validate a GBIS notification file by Ofgem's rule codes", cmd_check_help,
      cmd_check },
    { "init", "create the register, or bring its schema up to date", cmd_init_help, cmd_init },
    { "supplier", "add or list the suppliers the register knows", cmd_supplier_help, cmd_supplier },
    { "reference", "add or list Ofgem's reference lists (flex routes, innovation measures)",
      cmd_reference_help, cmd_reference },
    { "notify", "record a notification file in the register", cmd_notify_help, cmd_notify },
    { "measure", "show a measure with its history", cmd_measure_help, cmd_measure },
    { "measures", "list or export measures, with filters", cmd_measures_help, cmd_measures },
    { "project", "show an ECO4 project with its score and history", cmd_project_help, cmd_project },
    { "decide", "approve, reject or revoke a measure, with a reason", cmd_decide_help, cmd_decide },
    { "extension", "grant a measure more time to be notified, with a reference", cmd_extension_help,
      cmd_extension },
    { "obligation", "set what a supplier owes (ECO4 obligation and minimums, GBIS targets)",
      cmd_obligation_help, cmd_obligation },
    { "report", "each supplier's progress, the monthly report, the final determination",
      cmd_report_help, cmd_report },
    { "trade", "trade part of an obligation to another supplier: request, accept, approve",
      cmd_trade_help, cmd_trade },
    { "transfer", "transfer approved measures to another supplier: request, accept, approve",
      cmd_transfer_help, cmd_transfer },
    { "chmm", "heat pump certification (CHMM): installations, credits, installers, complaints",
      cmd_chmm_help, cmd_chmm },
    { "serve", "serve the register over HTTP: the JSON API and the web interface", cmd_serve_help,
      cmd_serve },
    { "key", "create, revoke or list the API keys of the HTTP interface", cmd_key_help, cmd_key },
    { "verify", "rebuild the register's state from its journal and compare", cmd_verify_help,
      cmd_verify },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    size_t i;

    fputs("usage: ecoreg [--data DIR] [--db FILE] [--as-of YYYY-MM-DD] COMMAND [ARGS]\n"
          "\n"
          "ecoreg is the register for the UK's home energy schemes: ECO4, the\n"
          "Great British Insulation Scheme (GBIS) and Clean Heat Market Mechanism\n"
          "heat pump certification.\n"
          "\n"
          "Commands:\n",
          f);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Global options:\n"
          "  --data DIR   reference data (Ofgem matrices, scheme parameters);\n"
          "               default $ECOREG_DATA, else the data/ it was built with\n"
          "  --db FILE    the register (default var/ecoreg.db)\n"
          "  --as-of DAY  the day deadlines are judged against (default today)\n"
          "  --help       this text; 'ecoreg help COMMAND' or 'ecoreg COMMAND --help'\n"
          "               explains a command\n"
          "  --version    the version\n"
          "\n"
          "Example:\n"
          "  echo '{\"project_id\":\"P1\",\"floor_area\":80,\"starting_sap\":25,\n"
          "        \"measures\":[{\"measure_type\":\"IWI_solid_1.7_0.3\"}]}' | ecoreg quote\n",
          f);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("ecoreg: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    return EXIT_USAGE;
}

/* The local calendar day: the CLI reads the clock so that the core never does. */
static er_date today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    er_date d = 0;

    if (localtime_r(&now, &tm))
        er_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d);
    return d;
}

static const struct cli_command *find(const char *name)
{
    size_t i;

    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    struct cli_globals g = { .db = "var/ecoreg.db", .today = today() };
    const struct cli_command *c;
    int i = 1;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_DONE;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("ecoreg %s\n", ECOREG_VERSION);
            return EXIT_DONE;
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            g.datadir = argv[++i];
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            g.db = argv[++i];
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            if (er_date_parse_iso(argv[++i], &g.today) != ER_OK)
                return cli_usage_error("--as-of must be a date YYYY-MM-DD, not '%s'", argv[i]);
            g.as_of = true;
        } else {
            usage(stderr);
            return cli_usage_error("unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 < argc && (c = find(argv[i + 1])) != NULL) {
            fputs(c->help, stdout);
            return EXIT_DONE;
        }
        usage(stdout);
        return i + 1 < argc ? cli_usage_error("unknown command '%s'", argv[i + 1]) : EXIT_DONE;
    }
    c = find(argv[i]);
    if (!c) {
        usage(stderr);
        return cli_usage_error("unknown command '%s'", argv[i]);
    }
    return c->run(&g, argc - i, argv + i);
}
