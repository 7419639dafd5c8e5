/*
 * cmd_move.c: `ecoreg trade` and `ecoreg transfer`, moving obligation or
 * approved measures between suppliers (obligation.h, docs/ledger.md): the
 * giving supplier requests, the receiving one accepts, the administrator
 * approves or refuses, once.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/obligation.h"
#include "ecoreg/q.h"

const char cmd_trade_help[] =
    "usage: ecoreg [--db FILE] [--as-of DAY] trade request --scheme eco4|gbis --from ABC\n"
    "              --to XYZ [--year 1|2|3] --amount POUNDS --reason TEXT\n"
    "       ecoreg [--db FILE] trade accept ID --supplier XYZ --reason TEXT\n"
    "       ecoreg [--db FILE] trade approve|refuse ID --reason TEXT\n"
    "       ecoreg [--db FILE] trade show ID\n"
    "\n"
    "Trades part of a supplier's obligation to another (seed 004 ch. 5):\n"
    "  request  the supplier giving (--from) applies; prints the request's ID\n"
    "           (ECO4-TRADE-1). GBIS trades are of one target year (--year) and made\n"
    "           within six months of its start; ECO4 trades up to\n"
    "           obligation_trading_closes (six months before the scheme ends). Never\n"
    "           more than the giving supplier's obligation (its year's target).\n"
    "  accept   the supplier receiving (--supplier, the request's --to) applies too\n"
    "  approve  the administrator: checked again against the ledger as it stands,\n"
    "           then the obligation moves (an entry of the ledger)\n"
    "  refuse   the administrator: nothing moves\n"
    "  show     the request, its state (applied, pending, approved, refused) and\n"
    "           its history\n"
    "A request is resolved once. --as-of sets the day a request is judged on.\n"
    "\n"
    "Example:\n"
    "  ecoreg trade request --scheme gbis --from ABC --to XYZ --year 2 \\\n"
    "         --amount 150000 --reason \"agreed 3 May 2024\"\n";

const char cmd_transfer_help[] =
    "usage: ecoreg [--db FILE] [--as-of DAY] transfer request --scheme eco4|gbis\n"
    "              --from ABC --to XYZ --measures MRN[,MRN...] --reason TEXT\n"
    "       ecoreg [--db FILE] transfer accept ID --supplier XYZ --reason TEXT\n"
    "       ecoreg [--db FILE] transfer approve|refuse ID --reason TEXT\n"
    "       ecoreg [--db FILE] transfer show ID\n"
    "\n"
    "Transfers approved measures, and what they score, to another supplier (seed\n"
    "004 ch. 5): \"all measures that are linked in a project are transferred\n"
    "together\". --measures must name every measure of each ECO4 project, of\n"
    "the In-fill projects citing it or cited by it, and under GBIS every\n"
    "measure citing or cited by one named (in-fill, insulation); a request\n"
    "leaving one out is refused, naming it. GBIS transfers are made before\n"
    "31 March 2026. The steps are those of `ecoreg trade`; once approved, what\n"
    "the measures score counts for the receiver, and each measure's history\n"
    "shows the transfer.\n"
    "\n"
    "Example:\n"
    "  ecoreg transfer request --scheme eco4 --from ABC --to XYZ \\\n"
    "         --measures ABC0000000011,ABC0000000012 --reason \"portfolio sale\"\n";

/* "MRN,MRN" into m->measures (owned: er_move_free). */
static bool parse_measures(const char *list, er_move *m)
{
    size_t n = 1, len;
    const char *p;

    for (p = list; *p; p++)
        n += *p == ',';
    if (!(m->measures = er_calloc(n, sizeof *m->measures)))
        return false;
    for (p = list;; p += len + 1) {
        len = strcspn(p, ",");
        if (len == 0 || len >= ER_MRN_MAX)
            return false;
        memcpy(m->measures[m->n_measures], p, len);
        m->measures[m->n_measures++][len] = '\0';
        if (!p[len])
            return true;
    }
}

static int request(const struct cli_globals *g, er_move_kind kind, const char *cmd, int argc,
                   char **argv)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' }, { "from", required_argument, NULL, 'f' },
        { "to", required_argument, NULL, 't' },     { "year", required_argument, NULL, 'y' },
        { "amount", required_argument, NULL, 'a' }, { "measures", required_argument, NULL, 'm' },
        { "reason", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 },
    };
    er_move m = { .kind = kind, .scheme = ER_SCHEME_COUNT, .amount = -1 };
    const char *reason = NULL;
    char id[ER_EVENT_TEXT_MAX], *end;
    er_scheme scheme;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    int c, rc = EXIT_USAGE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if ((c == 's' && er_scheme_parse(optarg, &m.scheme) == ER_OK) ||
            (c == 'f' && cli_copy_option("from", optarg, m.from, sizeof m.from, &err)) ||
            (c == 't' && cli_copy_option("to", optarg, m.to, sizeof m.to, &err)) ||
            (c == 'a' && kind == ER_MOVE_TRADE &&
             er_q_parse_units(optarg, 100, &m.amount) == ER_OK) ||
            (c == 'm' && kind == ER_MOVE_TRANSFER && !m.measures && parse_measures(optarg, &m)))
            continue;
        if (c == 'y' && kind == ER_MOVE_TRADE) {
            m.year = (int)strtol(optarg, &end, 10);
            if (!*end && end != optarg)
                continue;
        }
        if (c == 'r') {
            reason = optarg;
            continue;
        }
        rc = cli_usage_error("%s request: see 'ecoreg %s --help' (amounts are pounds to the "
                             "penny, measures MRNs separated by commas)",
                             cmd, cmd);
        goto done;
    }
    if (m.scheme == ER_SCHEME_COUNT || !m.from[0] || !m.to[0] || optind != argc ||
        (kind == ER_MOVE_TRADE ? m.amount < 0 : !m.n_measures)) {
        rc = cli_usage_error("%s request: --scheme, --from, --to and %s are required", cmd,
                             kind == ER_MOVE_TRADE ? "--amount" : "--measures");
        goto done;
    }
    if (er_scheme_load(er_datadir(g->datadir), m.scheme, NULL, &scheme, &err)) {
        cli_print_error(cmd, &err);
        goto done;
    }
    if (cli_open_register(g, cmd, &s) == 0) {
        cli_act(g, &a);
        rc = EXIT_DONE;
        if (er_register_move_request(s, &scheme, &a.act, &m, reason, id, &err) != ER_OK) {
            cli_print_error(cmd, &err);
            rc = EXIT_INPUT_ERRORS;
        } else {
            printf("%s\n", id);
        }
        er_store_close(s);
    }
    er_scheme_clear(&scheme);
done:
    er_move_free(&m);
    return rc;
}

/* `show ID`: the request as JSON, then its events. */
static int show(er_store *s, er_move_kind kind, const char *cmd, const char *id)
{
    char state[ER_STATE_MAX];
    er_jsonw w = { 0 };
    er_error err = { 0 };
    er_move m;

    if (er_register_move_get(s, kind, id, &m, state, &err) != ER_OK) {
        cli_print_error(cmd, &err);
        return EXIT_INPUT_ERRORS;
    }
    er_move_json(&w, id, &m, state);
    if (!w.oom)
        puts(w.p);
    w.len = 0;
    er_store_events(s, er_move_kind_name(kind), id, cli_print_event, &w);
    er_jsonw_free(&w);
    er_move_free(&m);
    return EXIT_DONE;
}

/* accept|approve|refuse|show ID [--supplier XYZ] [--reason TEXT] */
static int step(const struct cli_globals *g, er_move_kind kind, const char *cmd, int argc,
                char **argv)
{
    static const struct option opts[] = {
        { "supplier", required_argument, NULL, 'p' },
        { "reason", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *reason = NULL, *supplier = NULL, *id;
    char state[ER_STATE_MAX];
    er_move_step st = ER_MOVE_ACCEPT;
    bool showing = strcmp(argv[0], "show") == 0;
    er_scheme scheme = { .n_matrices = 0 };
    er_error err = { 0 };
    struct cli_act a;
    er_move m = { .n_measures = 0 };
    er_store *s;
    int c, rc = EXIT_INPUT_ERRORS;

    if (!showing && er_move_step_parse(argv[0], &st) != ER_OK)
        return cli_usage_error("%s: request, accept, approve, refuse or show (see --help)", cmd);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'p')
            supplier = optarg;
        else if (c == 'r')
            reason = optarg;
        else
            return cli_usage_error("%s %s: see 'ecoreg %s --help'", cmd, argv[0], cmd);
    }
    if (argc - optind != 1)
        return cli_usage_error("%s %s: name one request (its ID, such as GBIS-TRADE-1)", cmd,
                               argv[0]);
    id = argv[optind];
    if (cli_open_register(g, cmd, &s))
        return EXIT_USAGE;
    if (showing) {
        rc = show(s, kind, cmd, id);
        er_store_close(s);
        return rc;
    }
    /* the request's own scheme: an approval checks it again */
    if (er_register_move_get(s, kind, id, &m, state, &err) == ER_OK &&
        er_scheme_load(er_datadir(g->datadir), m.scheme, NULL, &scheme, &err) == ER_OK) {
        cli_act(g, &a);
        a.act.supplier = supplier;
        if (er_register_move_step(s, &scheme, &a.act, kind, id, st, reason, &err) == ER_OK)
            rc = EXIT_DONE;
    }
    if (rc != EXIT_DONE)
        cli_print_error(cmd, &err);
    er_scheme_clear(&scheme);
    er_move_free(&m);
    er_store_close(s);
    return rc;
}

static int move(const struct cli_globals *g, er_move_kind kind, const char *help, int argc,
                char **argv)
{
    const char *cmd = er_move_kind_name(kind);

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(help, stdout);
        return EXIT_DONE;
    }
    if (argc < 2)
        return cli_usage_error("%s: request, accept, approve, refuse or show (see --help)", cmd);
    if (strcmp(argv[1], "request") == 0)
        return request(g, kind, cmd, argc - 1, argv + 1);
    return step(g, kind, cmd, argc - 1, argv + 1);
}

int cmd_trade(const struct cli_globals *g, int argc, char **argv)
{
    return move(g, ER_MOVE_TRADE, cmd_trade_help, argc, argv);
}

int cmd_transfer(const struct cli_globals *g, int argc, char **argv)
{
    return move(g, ER_MOVE_TRANSFER, cmd_transfer_help, argc, argv);
}
