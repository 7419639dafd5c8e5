/*
 * cmd_assess.c: on-site conformity assessments and corrective actions from
 * the command line (certify.h; seed 000 "Frequency of conformity
 * assessment"; seed 003): `ecoreg chmm assess select|pass|fail|report|
 * respond|hand-over|verify|show`, `ecoreg chmm assessments` and `ecoreg
 * chmm action`.  Each step is dated by --as-of (default today); the words
 * are spelt with '-' on the command line (hand-over, more-frequent).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_chmm.h"
#include "ecoreg/certify.h"
#include "ecoreg/io.h"

struct assess_opts {
    const char *reason, *designer, *installed_by, *warranty_until, *third_party, *from, *to, *seed;
    bool manufacturer;
};

/* Parses the options after the words of a command (argv[0] the last
 * word); -1 when all are good, else the exit status. */
static int assess_options(const char *cmd, int argc, char **argv, struct assess_opts *o)
{
    static const struct option opts[] = {
        { "reason", required_argument, NULL, 'r' },
        { "designer", required_argument, NULL, 'd' },
        { "installed-by", required_argument, NULL, 'i' },
        { "warranty-until", required_argument, NULL, 'w' },
        { "third-party", required_argument, NULL, 't' },
        { "manufacturer", no_argument, NULL, 'm' },
        { "from", required_argument, NULL, 'F' },
        { "to", required_argument, NULL, 'T' },
        { "seed", required_argument, NULL, 'S' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    memset(o, 0, sizeof *o);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        switch (c) {
        case 'r': o->reason = optarg; break;
        case 'd': o->designer = optarg; break;
        case 'i': o->installed_by = optarg; break;
        case 'w': o->warranty_until = optarg; break;
        case 't': o->third_party = optarg; break;
        case 'm': o->manufacturer = true; break;
        case 'F': o->from = optarg; break;
        case 'T': o->to = optarg; break;
        case 'S': o->seed = optarg; break;
        default:
            return cli_usage_error("%s: '%s' is not an option of this command (see 'ecoreg chmm "
                                   "--help')",
                                   cmd, argv[optind - 1]);
        }
    if (optind != argc)
        return cli_usage_error("%s: unexpected '%s' (see 'ecoreg chmm --help')", cmd, argv[optind]);
    return -1;
}

/* `word` with '-' spelt '_' into buf[size]. */
static void underscored(const char *word, char *buf, size_t size)
{
    char *p;

    snprintf(buf, size, "%s", word);
    for (p = buf; *p; p++)
        *p = *p == '-' ? '_' : *p;
}

/* ---- selection ---------------------------------------------------------- */

struct printing {
    size_t skip; /* the assessments held before */
    er_jsonw w;
};

static int print_assessment(void *ctx, const er_assessment *a)
{
    struct printing *p = ctx;

    if (p->skip) {
        p->skip--;
        return 0;
    }
    er_assessment_json(&p->w, a);
    cli_print_json_line(&p->w);
    return 0;
}

static int count_assessment(void *ctx, const er_assessment *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 0;
}

/* A decimal seed from 0 to 2^64 - 1. */
static bool parse_seed(const char *s, uint64_t *out)
{
    char *end;

    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return !*end && !errno;
}

/* `assess select --from DAY --to DAY --seed N`: prints the installations
 * selected, in the order drawn (after those held before: the order of
 * er_register_assessment_each). */
static int assess_select(const struct cli_globals *g, const struct assess_opts *o)
{
    const char *cmd = "chmm assess select";
    er_assessment_rules rules;
    struct printing p = { .skip = 0 };
    er_error err = { 0 };
    er_date from, to;
    uint64_t seed;
    size_t n = 0;
    struct cli_act a;
    char day[11];
    er_store *s;
    int rc = EXIT_INPUT_ERRORS;

    if (!o->from || er_date_parse_iso(o->from, &from) != ER_OK || !o->to ||
        er_date_parse_iso(o->to, &to) != ER_OK)
        return cli_usage_error("%s: --from and --to take days YYYY-MM-DD", cmd);
    if (!parse_seed(o->seed, &seed))
        return cli_usage_error("%s: --seed takes a whole number from 0 to 2^64 - 1", cmd);
    if (er_assessment_rules_load(er_datadir(g->datadir), &rules, &err) != ER_OK) {
        cli_print_error(cmd, &err);
        return EXIT_USAGE;
    }
    if (cli_open_register(g, cmd, &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    if (er_register_assessment_each(s, count_assessment, &p.skip) != ER_OK ||
        er_register_assessment_select(s, &a.act, &rules, from, to, seed, g->today, &n, &err) !=
            ER_OK) {
        if (!err.message[0])
            er_error_set(&err, ER_EIO, 0, "", "the register cannot be read");
        cli_print_error(cmd, &err);
        goto done;
    }
    if (er_register_assessment_each(s, print_assessment, &p) != ER_OK) {
        fprintf(stderr, "ecoreg: %s: selected, but the register cannot be read back\n", cmd);
        goto done;
    }
    er_date_format_iso(g->today, day);
    fprintf(stderr, "%s: %zu installations selected for on-site assessment on %s (seed %s)\n", cmd,
            n, day, o->seed);
    rc = EXIT_DONE;
done:
    er_jsonw_free(&p.w);
    er_store_close(s);
    return rc;
}

/* ---- steps -------------------------------------------------------------- */

/* What seed 003 asks to establish, from the options. */
static int remedy_facts(const struct assess_opts *o, er_remedy_facts *f, er_error *err)
{
    memset(f, 0, sizeof *f);
    f->warranty_until = ER_DATE_NONE;
    f->manufacturer_involved = o->manufacturer;
    if (o->warranty_until && er_date_parse_iso(o->warranty_until, &f->warranty_until) != ER_OK)
        return cli_usage_error("chmm assess: --warranty-until takes a day YYYY-MM-DD");
    if (!cli_copy_option("designer", o->designer ? o->designer : "", f->designer,
                         sizeof f->designer, err) ||
        !cli_copy_option("installed_by", o->installed_by ? o->installed_by : "", f->installed_by,
                         sizeof f->installed_by, err) ||
        !cli_copy_option("third_party", o->third_party ? o->third_party : "", f->third_party,
                         sizeof f->third_party, err)) {
        cli_print_error("chmm assess", err);
        return EXIT_INPUT_ERRORS;
    }
    return -1;
}

static int assess_show(er_store *s, const char *id)
{
    er_assessment a;
    er_error err = { 0 };
    er_jsonw w = { 0 };

    if (er_register_assessment_get(s, id, &a, &err) != ER_OK) {
        cli_print_error("chmm assess show", &err);
        return EXIT_INPUT_ERRORS;
    }
    er_assessment_json(&w, &a);
    cli_print_json_line(&w);
    er_store_events(s, "assessment", id, cli_print_event, &w);
    er_jsonw_free(&w);
    return EXIT_DONE;
}

/* `assess select [options]`, `assess STEP NUMBER [options]` or
 * `assess show NUMBER` */
static int assess(const struct cli_globals *g, int argc, char **argv)
{
    bool select = argc >= 2 && strcmp(argv[1], "select") == 0;
    er_assessment_step step = ER_ASSESSMENT_PASS;
    struct assess_opts o;
    er_remedy_facts f;
    er_error err = { 0 };
    struct cli_act a;
    char name[32];
    er_store *s;
    int rc;

    if (argc < 3 - select)
        return cli_usage_error("chmm assess: usage: chmm assess select --from DAY --to DAY "
                               "--seed N | pass|fail|report|respond|hand-over|verify|show NUMBER "
                               "[options]");
    underscored(argv[1], name, sizeof name);
    if (!select && strcmp(name, "show") != 0 && er_assessment_step_parse(name, &step) != ER_OK)
        return cli_usage_error("chmm assess: '%s' is not a step (select, pass, fail, report, "
                               "respond, hand-over, verify, show)",
                               argv[1]);
    if ((rc = assess_options("chmm assess", argc - 2 + select, argv + 2 - select, &o)) >= 0)
        return rc;
    if (select)
        return assess_select(g, &o);
    if ((rc = remedy_facts(&o, &f, &err)) >= 0)
        return rc;
    if (cli_open_register(g, "chmm assess", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    if (strcmp(name, "show") == 0) {
        rc = assess_show(s, argv[2]);
    } else if (er_register_assessment_step(s, &a.act, argv[2], step, &f, g->today, o.reason,
                                           &err) != ER_OK) {
        cli_print_error("chmm assess", &err);
        rc = EXIT_INPUT_ERRORS;
    } else {
        rc = EXIT_DONE;
    }
    er_store_close(s);
    return rc;
}

/* `assessments`: every assessment, in the order selected, as JSON lines */
static int assessments(const struct cli_globals *g, int argc, char **argv)
{
    struct printing p = { .skip = 0 };
    struct assess_opts o;
    er_status st;
    er_store *s;
    int rc;

    if ((rc = assess_options("chmm assessments", argc, argv, &o)) >= 0)
        return rc;
    if (cli_open_register(g, "chmm assessments", &s))
        return EXIT_INPUT_ERRORS;
    st = er_register_assessment_each(s, print_assessment, &p);
    er_jsonw_free(&p.w);
    er_store_close(s);
    if (st) {
        fprintf(stderr, "ecoreg: chmm assessments: %s\n", er_strerror(st));
        return EXIT_INPUT_ERRORS;
    }
    return EXIT_DONE;
}

/* `action training|more-frequent|suspension|expulsion INSTALLER --reason T` */
static int action(const struct cli_globals *g, int argc, char **argv)
{
    er_corrective_action which;
    struct assess_opts o;
    er_error err = { 0 };
    struct cli_act a;
    char name[32];
    er_store *s;
    int rc;

    if (argc < 3)
        return cli_usage_error("chmm action: usage: chmm action training|more-frequent|"
                               "suspension|expulsion INSTALLER --reason TEXT");
    underscored(argv[1], name, sizeof name);
    if (er_corrective_action_parse(name, &which) != ER_OK)
        return cli_usage_error("chmm action: '%s' is not a corrective action (training, "
                               "more-frequent, suspension, expulsion)",
                               argv[1]);
    if ((rc = assess_options("chmm action", argc - 2, argv + 2, &o)) >= 0)
        return rc;
    if (cli_open_register(g, "chmm action", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    rc = EXIT_DONE;
    if (er_register_corrective_action(s, &a.act, argv[2], which, g->today, o.reason, &err) !=
        ER_OK) {
        cli_print_error("chmm action", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

int chmm_assess_command(const struct cli_globals *g, int argc, char **argv)
{
    if (strcmp(argv[0], "assess") == 0)
        return assess(g, argc, argv);
    if (strcmp(argv[0], "assessments") == 0)
        return assessments(g, argc, argv);
    if (strcmp(argv[0], "action") == 0)
        return action(g, argc, argv);
    return -1;
}
