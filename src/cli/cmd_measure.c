/*
 * cmd_measure.c: the register's measures: `measure show` (with history),
 * `measures list` and `measures export` (filters), and `decide`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/jsonw.h"

const char cmd_measure_help[] =
    "usage: ecoreg [--db FILE] measure show MRN\n"
    "\n"
    "Prints the measure's current state as JSON, then its history: every event\n"
    "of the journal about it (time, actor, from-state, to-state, reason).\n";

const char cmd_measures_help[] =
    "usage: ecoreg [--db FILE] measures list|export [--scheme gbis|eco4] [--supplier CODE]\n"
    "              [--state STATE] [--project ID] [--from DAY] [--to DAY]\n"
    "\n"
    "list: one JSON line per measure; export: CSV with a header row. Filters\n"
    "combine; --from/--to select by completion date (YYYY-MM-DD, inclusive).\n"
    "States: recorded, rejected, approved, revoked.\n";

const char cmd_decide_help[] =
    "usage: ecoreg [--db FILE] decide approve|reject|revoke MRN --reason TEXT\n"
    "\n"
    "An administrator's decision on a measure, recorded with its reason and\n"
    "actor. Possible: approve or reject a recorded measure; revoke an approved\n"
    "one. Anything else is refused and nothing is written.\n";

int cmd_measure(const struct cli_globals *g, int argc, char **argv)
{
    er_measure_rec m;
    er_jsonw w = { 0 };
    er_store *s;
    int rc = EXIT_INPUT_ERRORS;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_measure_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "show") != 0 || argc != 3)
        return cli_usage_error("measure: usage: measure show MRN");
    if (cli_open_register(g, "measure show", &s))
        return EXIT_USAGE;
    memset(&m, 0, sizeof m);
    if (er_store_measure_get(s, argv[2], &m) != ER_OK) {
        fprintf(stderr, "ecoreg: measure show: no measure %s\n", argv[2]);
        goto done;
    }
    er_measure_json(&w, &m);
    if (!w.oom)
        puts(w.p);
    er_store_events(s, "measure", argv[2], cli_print_event, &w);
    rc = EXIT_DONE;
done:
    er_jsonw_free(&w);
    er_store_measure_free(&m);
    er_store_close(s);
    return rc;
}

/* Writes `s` as one CSV field, quoted when it must be. */
static void csv_field(const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', stdout);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', stdout);
            fputc(*s, stdout);
        }
        fputc('"', stdout);
    } else {
        fputs(s, stdout);
    }
    fputc(last ? '\n' : ',', stdout);
}

static int list_one(void *ctx, const er_measure_rec *m)
{
    er_jsonw *w = ctx;

    w->len = 0;
    er_measure_json(w, m);
    if (!w->oom)
        puts(w->p);
    return 0;
}

static int export_one(void *ctx, const er_measure_rec *m)
{
    char day[11] = "", num[32];

    (void)ctx;
    if (m->completion != ER_DATE_NONE)
        er_date_format_iso(m->completion, day);
    snprintf(num, sizeof num, "%lld", (long long)m->last_event);
    csv_field(m->mrn, 0);
    csv_field(er_scheme_name(m->scheme), 0);
    csv_field(m->supplier, 0);
    csv_field(m->project_id, 0);
    csv_field(m->state, 0);
    csv_field(day, 0);
    csv_field(m->late_extension ? "Yes" : "No", 0);
    csv_field(m->content_hash, 0);
    csv_field(num, 0);
    csv_field(m->failures_json ? m->failures_json : "[]", 1);
    return 0;
}

static int parse_filter(int argc, char **argv, er_measure_filter *f)
{
    static const struct option opts[] = {
        { "scheme", 1, NULL, 's' },  { "supplier", 1, NULL, 'u' }, { "state", 1, NULL, 't' },
        { "project", 1, NULL, 'p' }, { "from", 1, NULL, 'f' },     { "to", 1, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    er_scheme_id id;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 's' && er_scheme_parse(optarg, &id) == ER_OK)
            f->scheme = id;
        else if (c == 'u')
            snprintf(f->supplier, sizeof f->supplier, "%s", optarg);
        else if (c == 't')
            snprintf(f->state, sizeof f->state, "%s", optarg);
        else if (c == 'p')
            snprintf(f->project_id, sizeof f->project_id, "%s", optarg);
        else if (c == 'f' && er_date_parse_iso(optarg, &f->completed_from) == ER_OK)
            ;
        else if (c == 'o' && er_date_parse_iso(optarg, &f->completed_to) == ER_OK)
            ;
        else
            return -1;
    }
    return optind == argc ? 0 : -1;
}

int cmd_measures(const struct cli_globals *g, int argc, char **argv)
{
    er_measure_filter f = { .scheme = -1,
                            .completed_from = ER_DATE_NONE,
                            .completed_to = ER_DATE_NONE };
    er_jsonw w = { 0 };
    er_store *s;
    int export;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_measures_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    export = strcmp(argv[1], "export") == 0;
    if ((!export && strcmp(argv[1], "list") != 0) || parse_filter(argc - 1, argv + 1, &f))
        return cli_usage_error("measures: see 'ecoreg measures --help'");
    if (cli_open_register(g, "measures", &s))
        return EXIT_USAGE;
    if (export)
        fputs("mrn,scheme,supplier,project_id,state,completion,late_extension,content_hash,"
              "last_event,failures\n",
              stdout);
    er_store_measure_each(s, &f, export ? export_one : list_one, &w);
    er_jsonw_free(&w);
    er_store_close(s);
    return EXIT_DONE;
}

int cmd_decide(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "reason", required_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *reason = NULL;
    er_decision d;
    er_error err = { 0 };
    er_scheme scheme;
    er_measure_rec m;
    bool have_scheme = false;
    struct cli_act a;
    er_store *s;
    int c, rc = EXIT_DONE;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd_decide_help, stdout);
            return EXIT_DONE;
        } else if (c == 'r') {
            reason = optarg;
        } else {
            return cli_usage_error("decide: see 'ecoreg decide --help'");
        }
    }
    if (argc - optind != 2 || er_decision_parse(argv[optind], &d) != ER_OK)
        return cli_usage_error("decide: usage: decide approve|reject|revoke MRN --reason TEXT");
    if (cli_open_register(g, "decide", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    memset(&scheme, 0, sizeof scheme);
    memset(&m, 0, sizeof m);
    /* a decision may score (a GBIS measure, an ECO4 measure's project):
     * it needs the measure's scheme and its matrices */
    if (er_store_measure_get(s, argv[optind + 1], &m) == ER_OK) {
        if (er_scheme_load(er_datadir(g->datadir), m.scheme, NULL, &scheme, &err)) {
            cli_print_error("decide", &err);
            rc = EXIT_USAGE;
            goto done;
        }
        have_scheme = true;
    }
    if (er_register_decide_with(s, have_scheme ? &scheme : NULL, &a.act, argv[optind + 1], d,
                                reason, &err) != ER_OK) {
        cli_print_error("decide", &err);
        rc = EXIT_INPUT_ERRORS;
    }
done:
    er_store_measure_free(&m);
    er_scheme_clear(&scheme);
    er_store_close(s);
    return rc;
}
