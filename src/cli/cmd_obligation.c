/*
 * cmd_obligation.c: `ecoreg obligation set`, what each supplier owes, and
 * `ecoreg report progress|monthly|final`, how far each is from it
 * (obligation.h, docs/ledger.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/deadline.h"
#include "ecoreg/io.h"
#include "ecoreg/obligation.h"
#include "ecoreg/q.h"

const char cmd_obligation_help[] =
    "usage: ecoreg [--db FILE] obligation set --scheme eco4|gbis --supplier ABC\n"
    "              [--year 1|2|3] (--amount POUNDS | --solid-wall-minimum N |\n"
    "              --efg-minimum POUNDS) --reason TEXT\n"
    "\n"
    "Sets what a supplier owes, as the Secretary of State determined it:\n"
    "  --amount POUNDS            ECO4: the total home-heating cost reduction\n"
    "                             obligation; GBIS: the target of --year (seed 004\n"
    "                             ch. 1), in pounds of annual bill savings, to the penny\n"
    "  --solid-wall-minimum N     ECO4: premises that must get a solid wall measure\n"
    "  --efg-minimum POUNDS       ECO4: what must be delivered at premises starting\n"
    "                             in band E, F or G (seed 001, art. 6)\n"
    "Each setting is an event of the journal; the ledger holds the change, so a\n"
    "supplier's obligation is always the sum of its entries. Setting the same\n"
    "value again writes nothing.\n"
    "\n"
    "Example:\n"
    "  ecoreg obligation set --scheme gbis --supplier ABC --year 1 --amount 2500000 \\\n"
    "         --reason \"determination of 1 June 2023\"\n";

const char cmd_report_help[] =
    "usage: ecoreg [--db FILE] report progress|monthly|final --scheme eco4|gbis\n"
    "              [--format json|csv|html] [--until YYYY-MM-DD] [--month YYYY-MM]\n"
    "\n"
    "Each supplier's position, summed from the obligation ledger: obligation,\n"
    "what counts, by route (full and partial projects, flex, innovation uplifts),\n"
    "what each cap used and cut, the shortfall, and the scheme's minimums (ECO4\n"
    "solid wall premises and EFG delivery; GBIS low-income minimum, flex counted\n"
    "up to 80% of it, and the three target years with carry-under and carry-over).\n"
    "  progress   as decided up to --until (default: everything)\n"
    "  monthly    the report to the Secretary of State for --month (ECO4 Order\n"
    "             art. 82): decisions up to that month's end\n"
    "  final      the final determination: each supplier met or not met\n"
    "--format html writes a page with an SVG chart of delivery over time.\n"
    "\n"
    "Example:\n"
    "  ecoreg report progress --scheme gbis --format html > progress.html\n";

static int set(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' },
        { "supplier", required_argument, NULL, 'p' },
        { "year", required_argument, NULL, 'y' },
        { "amount", required_argument, NULL, 'a' },
        { "solid-wall-minimum", required_argument, NULL, 'w' },
        { "efg-minimum", required_argument, NULL, 'e' },
        { "reason", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *supplier = NULL, *reason = NULL;
    er_scheme_id scheme = ER_SCHEME_COUNT;
    er_requirement what = ER_REQ_OBLIGATION;
    int64_t amount = -1;
    int year = 0, c, n_what = 0, rc = EXIT_DONE;
    er_error err = { 0 };
    struct cli_act a;
    char *end;
    er_store *s;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 's' && er_scheme_parse(optarg, &scheme) == ER_OK)
            continue;
        if (c == 'p') {
            supplier = optarg;
        } else if (c == 'r') {
            reason = optarg;
        } else if (c == 'y') {
            year = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg)
                return cli_usage_error("obligation set: --year is 1, 2 or 3");
        } else if ((c == 'a' || c == 'e') && er_q_parse_units(optarg, 100, &amount) == ER_OK) {
            what = c == 'a' ? ER_REQ_OBLIGATION : ER_REQ_EFG_MINIMUM;
            n_what++;
        } else if (c == 'w') {
            amount = strtoll(optarg, &end, 10);
            if (*end || end == optarg || amount < 0)
                return cli_usage_error("obligation set: --solid-wall-minimum is a number of "
                                       "premises");
            what = ER_REQ_SOLID_WALL_MINIMUM;
            n_what++;
        } else {
            return cli_usage_error("obligation set: see 'ecoreg obligation --help' (amounts "
                                   "are pounds to the penny, such as 1234.56)");
        }
    }
    if (scheme == ER_SCHEME_COUNT || !supplier || n_what != 1 || optind != argc)
        return cli_usage_error("obligation set: --scheme, --supplier and one of --amount, "
                               "--solid-wall-minimum, --efg-minimum are required");
    if (cli_open_register(g, "obligation set", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (er_register_obligation_set(s, &a.act, scheme, supplier, what, year, amount, reason, &err) !=
        ER_OK) {
        cli_print_error("obligation set", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

int cmd_obligation(const struct cli_globals *g, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "set") == 0)
        return set(g, argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(cmd_obligation_help, stdout);
        return EXIT_DONE;
    }
    return cli_usage_error("obligation: usage: obligation set ... (see --help)");
}

int cmd_report(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' }, { "format", required_argument, NULL, 'f' },
        { "until", required_argument, NULL, 'u' },  { "month", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    er_scheme_id id = ER_SCHEME_COUNT;
    er_report_format format = ER_FORMAT_JSON;
    er_report_kind kind;
    er_date until = ER_DATE_NONE;
    er_progress_report r = { 0 };
    er_scheme scheme;
    er_error err = { 0 };
    char title[96], month[16] = "";
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd_report_help, stdout);
            return EXIT_DONE;
        }
        if ((c == 's' && er_scheme_parse(optarg, &id) == ER_OK) ||
            (c == 'f' && er_report_format_parse(optarg, &format) == ER_OK) ||
            (c == 'u' && er_date_parse_iso(optarg, &until) == ER_OK) ||
            (c == 'm' && er_report_month_parse(optarg, &until, month)))
            continue;
        return cli_usage_error("report: see 'ecoreg report --help'");
    }
    if (argc - optind != 1 || id == ER_SCHEME_COUNT)
        return cli_usage_error("report: usage: report progress|monthly|final --scheme S");
    if (strcmp(argv[optind], "progress") == 0)
        kind = ER_REPORT_PROGRESS;
    else if (strcmp(argv[optind], "monthly") == 0 && *month)
        kind = ER_REPORT_MONTHLY;
    else if (strcmp(argv[optind], "final") == 0)
        kind = ER_REPORT_FINAL;
    else
        return cli_usage_error("report: progress, monthly --month YYYY-MM, or final");
    if (kind == ER_REPORT_FINAL)
        until = ER_DATE_NONE;
    if (er_scheme_load(er_datadir(g->datadir), id, NULL, &scheme, &err)) {
        cli_print_error("report", &err);
        return EXIT_USAGE;
    }
    if (cli_open_register(g, "report", &s)) {
        er_scheme_clear(&scheme);
        return EXIT_USAGE;
    }
    if (er_store_begin_read(s, &err) || er_obligation_progress(s, &scheme, until, &r, &err)) {
        cli_print_error("report", &err);
        rc = EXIT_INPUT_ERRORS;
    } else {
        er_report_title(title, sizeof title, id, kind, month, until);
        if (er_report_write(stdout, &r, kind, format, title) != ER_OK) {
            fprintf(stderr, "ecoreg: report: writing failed\n");
            rc = EXIT_INPUT_ERRORS;
        }
    }
    er_store_rollback(s);
    er_progress_report_free(&r);
    er_store_close(s);
    er_scheme_clear(&scheme);
    return rc;
}
