/*
 * cmd_certify.c: the certification scheme's register from the command line
 * (certify.h): `ecoreg chmm certify|add|certificate|withdraw|installer|
 * installers|expelled|complaint|complaints`.  Each step is dated by
 * --as-of (default today).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_chmm.h"
#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "ecoreg/io.h"

/* The most a file of installation records may hold. */
#define CHMM_FILE_BYTES_MAX (256u * 1024 * 1024)

/* A whole number above 0 written in decimal, or 0. */
static int atoi_checked(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    return *s && !*end && v > 0 && v < 1000000 ? (int)v : 0;
}

/* ---- installations ----------------------------------------------------- */

/* Certifies f's rows; prints each one's status as a JSON line, or every
 * refusal on stderr. */
static int certify_rows(const struct cli_globals *g, const char *cmd, const er_chmm_file *f,
                        bool correct)
{
    er_certify_status *status = er_calloc(f->n ? f->n : 1, sizeof *status);
    er_error err = { 0 }, *refusals = NULL;
    size_t i, n_refusals = 0, n[3] = { 0, 0, 0 };
    er_jsonw w = { 0 };
    struct cli_act a;
    er_store *s;
    int rc = EXIT_INPUT_ERRORS;

    for (i = 0; i < f->n_invalid; i++) {
        er_error e = f->invalid[i].why;

        e.row = f->invalid[i].row;
        cli_print_error(cmd, &e);
    }
    if (f->n_invalid) {
        fprintf(stderr, "ecoreg: %s: %zu invalid rows; nothing certified\n", cmd, f->n_invalid);
        goto done;
    }
    if (!status || cli_open_register(g, cmd, &s))
        goto done;
    cli_act(g, &a);
    cli_progress_on(&a.act);
    if (er_register_chmm_certify(s, &a.act, f->rows, f->n, g->today, correct, status, &refusals,
                                 &n_refusals, &err) != ER_OK) {
        for (i = 0; i < n_refusals; i++)
            cli_print_error(cmd, &refusals[i]);
        cli_print_error(cmd, &err);
    } else {
        for (i = 0; i < f->n; i++) {
            er_jsonw_lit(&w, "{\"installation_id\":");
            er_jsonw_string(&w, f->rows[i].installation_id);
            er_jsonw_lit(&w, ",\"status\":");
            er_jsonw_string(&w, er_certify_status_name(status[i]));
            er_jsonw_lit(&w, "}");
            cli_print_json_line(&w);
            n[status[i]]++;
        }
        fprintf(stderr, "%s: %zu installations: %zu certified, %zu already held, %zu corrected\n",
                cmd, f->n, n[ER_CERTIFY_CERTIFIED], n[ER_CERTIFY_EXISTS], n[ER_CERTIFY_CORRECTED]);
        rc = EXIT_DONE;
    }
    er_store_close(s);
done:
    er_free(refusals);
    er_free(status);
    er_jsonw_free(&w);
    return rc;
}

/* `certify [--correct] FILE` */
static int certify(const struct cli_globals *g, int argc, char **argv)
{
    er_chmm_file f = { .n = 0 };
    er_error err = { 0 };
    bool correct = argc == 3 && strcmp(argv[1], "--correct") == 0;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    if (argc != 2 + correct)
        return cli_usage_error("chmm certify: usage: chmm certify [--correct] FILE");
    if (er_read_file(argv[argc - 1], CHMM_FILE_BYTES_MAX, &buf, &len, &err) != ER_OK ||
        er_chmm_parse_file(buf, len, argv[argc - 1], &f, &err) != ER_OK) {
        cli_print_error("chmm certify", &err);
        er_free(buf);
        return EXIT_INPUT_ERRORS;
    }
    rc = certify_rows(g, "chmm certify", &f, correct);
    er_chmm_file_free(&f);
    er_free(buf);
    return rc;
}

/* `add [--correct] COLUMN=VALUE...`: one installation, its cells named */
static int add(const struct cli_globals *g, int argc, char **argv)
{
    const char *cells[ER_CHMM_COL_COUNT];
    er_chmm_installation in;
    er_chmm_file f = { .rows = &in, .n = 1 };
    er_error err = { 0 };
    bool correct = false;
    int i, c;

    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        cells[c] = "";
    for (i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');

        if (strcmp(argv[i], "--correct") == 0) {
            correct = true;
            continue;
        }
        for (c = 0; eq && c < ER_CHMM_COL_COUNT; c++)
            if (strlen(er_chmm_column_name((er_chmm_col)c)) == (size_t)(eq - argv[i]) &&
                strncmp(argv[i], er_chmm_column_name((er_chmm_col)c), (size_t)(eq - argv[i])) == 0)
                break;
        if (!eq || c == ER_CHMM_COL_COUNT)
            return cli_usage_error("chmm add: '%s' is not COLUMN=VALUE with a column of "
                                   "spec/chmm_installations.md",
                                   argv[i]);
        cells[c] = eq + 1;
    }
    if (er_chmm_parse(cells, 1, &in, &err) != ER_OK) {
        err.row = 0;
        cli_print_error("chmm add", &err);
        return EXIT_INPUT_ERRORS;
    }
    return certify_rows(g, "chmm add", &f, correct);
}

/* `certificate ID`: what anyone checking a certificate sees */
static int certificate(er_store *s, const char *id)
{
    er_certificate c;
    er_error err = { 0 };
    er_jsonw w = { 0 };

    if (er_register_chmm_certificate(s, id, &c, &err) != ER_OK) {
        cli_print_error("chmm certificate", &err);
        return EXIT_INPUT_ERRORS;
    }
    er_certificate_json(&w, &c, false);
    cli_print_json_line(&w);
    er_jsonw_free(&w);
    return EXIT_DONE;
}

int chmm_credits_register(const struct cli_globals *g, er_chmm_file *f)
{
    er_store *s;
    er_status rc;

    memset(f, 0, sizeof *f);
    if (cli_open_register(g, "chmm credits", &s))
        return -1;
    rc = er_register_chmm_certified(s, f);
    er_store_close(s);
    if (rc) {
        fprintf(stderr, "ecoreg: chmm credits: %s\n", er_strerror(rc));
        return -1;
    }
    return 0;
}

/* ---- options shared by the steps -------------------------------------- */

struct step_opts {
    const char *reason, *name, *postcode, *technologies, *installer, *installation, *summary,
        *outcome, *technology, *format, *contact;
    bool no_heating, vulnerable, open;
};

/* Parses the options after the words of a command; -1 when all are good,
 * else the exit status. */
static int step_options(const char *cmd, int argc, char **argv, struct step_opts *o)
{
    static const struct option opts[] = {
        { "reason", required_argument, NULL, 'r' },
        { "name", required_argument, NULL, 'n' },
        { "postcode", required_argument, NULL, 'p' },
        { "technologies", required_argument, NULL, 'T' },
        { "technology", required_argument, NULL, 't' },
        { "installer", required_argument, NULL, 'i' },
        { "installation", required_argument, NULL, 'c' },
        { "summary", required_argument, NULL, 's' },
        { "contact", required_argument, NULL, 'C' },
        { "outcome", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "no-heating", no_argument, NULL, 'H' },
        { "vulnerable", no_argument, NULL, 'V' },
        { "open", no_argument, NULL, 'O' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    memset(o, 0, sizeof *o);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        switch (c) {
        case 'r': o->reason = optarg; break;
        case 'n': o->name = optarg; break;
        case 'p': o->postcode = optarg; break;
        case 'T': o->technologies = optarg; break;
        case 't': o->technology = optarg; break;
        case 'i': o->installer = optarg; break;
        case 'c': o->installation = optarg; break;
        case 's': o->summary = optarg; break;
        case 'C': o->contact = optarg; break;
        case 'o': o->outcome = optarg; break;
        case 'f': o->format = optarg; break;
        case 'H': o->no_heating = true; break;
        case 'V': o->vulnerable = true; break;
        case 'O': o->open = true; break;
        default:
            return cli_usage_error("%s: '%s' is not an option of this command (see 'ecoreg chmm "
                                   "--help')",
                                   cmd, argv[optind - 1]);
        }
    if (optind != argc)
        return cli_usage_error("%s: unexpected '%s' (see 'ecoreg chmm --help')", cmd, argv[optind]);
    return -1;
}

/* "air_to_water,ground_source" into a set of technologies. */
static bool parse_technologies(const char *list, unsigned *out)
{
    char word[32];
    er_chmm_technology t;
    size_t len;

    *out = 0;
    for (; list && *list; list += len + (list[len] == ',')) {
        len = strcspn(list, ",");
        if (len == 0 || len >= sizeof word)
            return false;
        memcpy(word, list, len);
        word[len] = '\0';
        if (er_chmm_technology_parse(word, &t) != ER_OK)
            return false;
        *out |= 1u << t;
    }
    return *out != 0;
}

/* ---- installers -------------------------------------------------------- */

static int installer_apply(er_store *s, const er_act *act, const char *id,
                           const struct step_opts *o, er_date on)
{
    er_installer in = { .technologies = 0 };
    er_error err = { 0 };

    if (!cli_copy_option("id", id, in.id, sizeof in.id, &err) ||
        !cli_copy_option("name", o->name ? o->name : "", in.name, sizeof in.name, &err) ||
        !cli_copy_option("postcode", o->postcode ? o->postcode : "", in.postcode,
                         sizeof in.postcode, &err)) {
        cli_print_error("chmm installer apply", &err);
        return EXIT_INPUT_ERRORS;
    }
    if (!parse_technologies(o->technologies, &in.technologies))
        return cli_usage_error("chmm installer apply: --technologies takes technology types "
                               "separated by commas (air_to_water,ground_source)");
    if (er_register_installer_apply(s, act, &in, on, &err) != ER_OK) {
        cli_print_error("chmm installer apply", &err);
        return EXIT_INPUT_ERRORS;
    }
    return EXIT_DONE;
}

static int installer_show(er_store *s, const char *id)
{
    er_installer in;
    er_error err = { 0 };
    er_jsonw w = { 0 };

    if (er_register_installer_get(s, id, &in, &err) != ER_OK) {
        cli_print_error("chmm installer show", &err);
        return EXIT_INPUT_ERRORS;
    }
    er_installer_json(&w, &in, true);
    cli_print_json_line(&w);
    er_store_events(s, "installer", id, cli_print_event, &w);
    er_jsonw_free(&w);
    return EXIT_DONE;
}

/* `installer apply|approve|refuse|suspend|reinstate|expel|show ID [options]` */
static int installer(const struct cli_globals *g, int argc, char **argv)
{
    struct step_opts o;
    er_installer_step step;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    int rc;

    if (argc < 3)
        return cli_usage_error("chmm installer: usage: chmm installer apply|approve|refuse|"
                               "suspend|reinstate|expel|show ID [options]");
    if (strcmp(argv[1], "apply") != 0 && strcmp(argv[1], "show") != 0 &&
        er_installer_step_parse(argv[1], &step) != ER_OK)
        return cli_usage_error("chmm installer: '%s' is not a step (apply, approve, refuse, "
                               "suspend, reinstate, expel, show)",
                               argv[1]);
    if ((rc = step_options("chmm installer", argc - 2, argv + 2, &o)) >= 0)
        return rc;
    if (cli_open_register(g, "chmm installer", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    if (strcmp(argv[1], "show") == 0)
        rc = installer_show(s, argv[2]);
    else if (strcmp(argv[1], "apply") == 0)
        rc = installer_apply(s, &a.act, argv[2], &o, g->today);
    else if (er_register_installer_step(s, &a.act, argv[2], step, g->today, o.reason, &err)) {
        cli_print_error("chmm installer", &err);
        rc = EXIT_INPUT_ERRORS;
    } else {
        rc = EXIT_DONE;
    }
    er_store_close(s);
    return rc;
}

struct finding {
    er_installer_query q;
    er_jsonw w;
    size_t n;
};

static int print_match(void *ctx, const er_installer *in)
{
    struct finding *f = ctx;

    if (er_installer_matches(in, &f->q)) {
        er_installer_json(&f->w, in, false);
        cli_print_json_line(&f->w);
        f->n++;
    }
    return 0;
}

/* `installers [--name PART] [--postcode AREA] [--technology T]`: the
 * public finder */
static int installers(er_store *s, const struct step_opts *o)
{
    struct finding f = { .q = { o->name, o->postcode, -1 } };
    er_chmm_technology t;
    er_status rc;

    if (o->technology) {
        if (er_chmm_technology_parse(o->technology, &t) != ER_OK)
            return cli_usage_error("chmm installers: --technology '%s' is not a technology type",
                                   o->technology);
        f.q.technology = (int)t;
    }
    rc = er_register_installer_each(s, print_match, &f);
    er_jsonw_free(&f.w);
    if (rc) {
        fprintf(stderr, "ecoreg: chmm installers: %s\n", er_strerror(rc));
        return EXIT_INPUT_ERRORS;
    }
    fprintf(stderr, "chmm installers: %zu current members found\n", f.n);
    return EXIT_DONE;
}

struct expelled_out {
    bool csv;
    er_jsonw w;
};

static int print_expelled(void *ctx, const er_installer *in)
{
    struct expelled_out *x = ctx;
    char day[11];

    if (in->state != ER_INSTALLER_EXPELLED)
        return 0;
    er_date_format_iso(in->left, day);
    if (x->csv) {
        er_csv_write_field(stdout, in->id, false);
        er_csv_write_field(stdout, in->name, false);
        er_csv_write_field(stdout, in->postcode, false);
        er_csv_write_field(stdout, day, false);
        er_csv_write_field(stdout, in->reason, true);
        return 0;
    }
    er_installer_json(&x->w, in, true);
    cli_print_json_line(&x->w);
    return 0;
}

/* `expelled [--format csv|json]`: members expelled, for the other approved
 * schemes (seed 000 "Good Conduct") */
static int expelled(er_store *s, const struct step_opts *o)
{
    struct expelled_out x = { .csv = o->format && strcmp(o->format, "csv") == 0 };
    er_status rc;

    if (o->format && !x.csv && strcmp(o->format, "json") != 0)
        return cli_usage_error("chmm expelled: --format is csv or json");
    if (x.csv)
        puts("installer_id,name,postcode,expelled_on,reason");
    rc = er_register_installer_each(s, print_expelled, &x);
    er_jsonw_free(&x.w);
    if (rc) {
        fprintf(stderr, "ecoreg: chmm expelled: %s\n", er_strerror(rc));
        return EXIT_INPUT_ERRORS;
    }
    return EXIT_DONE;
}

/* ---- complaints ------------------------------------------------------- */

static int complaint_receive(er_store *s, const er_act *act, const struct step_opts *o, er_date on)
{
    er_complaint c = { .no_heating = o->no_heating, .vulnerable = o->vulnerable };
    char id[ER_COMPLAINT_ID_MAX];
    er_error err = { 0 };

    if (!cli_copy_option("installer", o->installer ? o->installer : "", c.installer_id,
                         sizeof c.installer_id, &err) ||
        !cli_copy_option("installation", o->installation ? o->installation : "", c.installation_id,
                         sizeof c.installation_id, &err) ||
        !cli_copy_option("summary", o->summary ? o->summary : "", c.summary, sizeof c.summary,
                         &err) ||
        !cli_copy_option("contact", o->contact ? o->contact : "", c.contact, sizeof c.contact,
                         &err) ||
        er_register_complaint_receive(s, act, &c, on, id, &err) != ER_OK) {
        cli_print_error("chmm complaint receive", &err);
        return EXIT_INPUT_ERRORS;
    }
    puts(id);
    return EXIT_DONE;
}

static int complaint_show(er_store *s, const char *id)
{
    er_complaint c;
    er_error err = { 0 };
    er_jsonw w = { 0 };

    if (er_register_complaint_get(s, id, &c, &err) != ER_OK) {
        cli_print_error("chmm complaint show", &err);
        return EXIT_INPUT_ERRORS;
    }
    er_complaint_json(&w, &c);
    cli_print_json_line(&w);
    er_store_events(s, "complaint", id, cli_print_event, &w);
    er_jsonw_free(&w);
    return EXIT_DONE;
}

/* `complaint receive [options]` or `complaint STEP|show ID [options]`; the
 * steps are spelt with '-' on the command line (adr-outcome, rule-out). */
static int complaint(const struct cli_globals *g, int argc, char **argv)
{
    bool receive = argc >= 2 && strcmp(argv[1], "receive") == 0;
    er_complaint_outcome outcome = ER_OUTCOME_NONE;
    er_complaint_step step;
    char name[32];
    struct step_opts o;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    int rc;

    if (argc < 2 + !receive)
        return cli_usage_error("chmm complaint: usage: chmm complaint receive [options] | "
                               "acknowledge|investigate|resolve|escalate|adr-outcome|rule-out|"
                               "show ID [options]");
    snprintf(name, sizeof name, "%s", argv[1]);
    for (char *p = name; *p; p++)
        *p = *p == '-' ? '_' : *p;
    if (!receive && strcmp(name, "show") != 0 && er_complaint_step_parse(name, &step) != ER_OK)
        return cli_usage_error("chmm complaint: '%s' is not a step (acknowledge, investigate, "
                               "resolve, escalate, adr-outcome, rule-out)",
                               argv[1]);
    if ((rc = step_options("chmm complaint", argc - 2 + receive, argv + 2 - receive, &o)) >= 0)
        return rc;
    if (o.outcome && er_complaint_outcome_parse(o.outcome, &outcome) != ER_OK)
        return cli_usage_error("chmm complaint: --outcome '%s' is not an Annex A outcome",
                               o.outcome);
    if (cli_open_register(g, "chmm complaint", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    if (receive)
        rc = complaint_receive(s, &a.act, &o, g->today);
    else if (strcmp(name, "show") == 0)
        rc = complaint_show(s, argv[2]);
    else if (er_register_complaint_step(s, &a.act, argv[2], step, outcome, g->today, o.reason,
                                        &err)) {
        cli_print_error("chmm complaint", &err);
        rc = EXIT_INPUT_ERRORS;
    } else {
        rc = EXIT_DONE;
    }
    er_store_close(s);
    return rc;
}

struct queue {
    bool open;
    int pass; /* 0: priority ones, 1: the others */
    er_jsonw w;
};

static int print_complaint(void *ctx, const er_complaint *c)
{
    struct queue *q = ctx;

    if (q->open && c->closed != ER_DATE_NONE)
        return 0;
    if (q->open && er_complaint_priority(c) != (q->pass == 0))
        return 0;
    er_complaint_json(&q->w, c);
    cli_print_json_line(&q->w);
    return 0;
}

/* `complaints [--open]`: every complaint in the order received; --open the
 * queue of those not closed, priority ones first (seed 000: act promptly
 * where the consumer has no heating or is vulnerable). */
static int complaints(er_store *s, const struct step_opts *o)
{
    struct queue q = { .open = o->open };
    er_status rc = er_register_complaint_each(s, print_complaint, &q);

    if (!rc && q.open) {
        q.pass = 1;
        rc = er_register_complaint_each(s, print_complaint, &q);
    }
    er_jsonw_free(&q.w);
    if (rc) {
        fprintf(stderr, "ecoreg: chmm complaints: %s\n", er_strerror(rc));
        return EXIT_INPUT_ERRORS;
    }
    return EXIT_DONE;
}

/* ---- the administrator feed ------------------------------------------ */

/* Writes p[0..n) to DIR/NAME.EXT; false, the reason printed, when it
 * cannot. */
static bool write_out(const char *dir, const char *name, const char *ext, const char *p, size_t n)
{
    char path[4096];
    FILE *f;
    bool ok;

    snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
    if (!(f = fopen(path, "wb"))) {
        fprintf(stderr, "ecoreg: chmm feed: %s: cannot be written\n", path);
        return false;
    }
    ok = fwrite(p, 1, n, f) == n;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "ecoreg: chmm feed: %s: cannot be written\n", path);
    return ok;
}

/* `feed --out DIR [--again N]` */
static int feed(const struct cli_globals *g, int argc, char **argv)
{
    const char *dir = NULL;
    int again = 0, i;
    er_feed f;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    er_status rc;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--out") == 0)
            dir = argv[i + 1];
        else if (strcmp(argv[i], "--again") == 0 && (again = atoi_checked(argv[i + 1])) > 0)
            continue;
        else
            break;
    }
    if (!dir || i != argc)
        return cli_usage_error("chmm feed: usage: chmm feed --out DIR [--again N]");
    if (cli_open_register(g, "chmm feed", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    rc = again ? er_register_feed_again(s, again, &f, &err)
               : er_register_feed_next(s, &a.act, &f, &err);
    er_store_close(s);
    if (rc == ER_ENOTFOUND && !again) {
        fprintf(stderr, "chmm feed: %s\n", err.message);
        return EXIT_DONE;
    }
    if (rc) {
        cli_print_error("chmm feed", &err);
        return EXIT_INPUT_ERRORS;
    }
    if (!write_out(dir, f.name, "csv", f.csv, f.csv_len) ||
        !write_out(dir, f.name, "json", f.json, f.json_len) ||
        !write_out(dir, f.name, "manifest.json", f.manifest, f.manifest_len)) {
        er_feed_free(&f);
        return EXIT_INPUT_ERRORS;
    }
    puts(f.manifest);
    fprintf(stderr,
            "chmm feed: export %d: %zu installations (%zu certified, %zu corrected, %zu "
            "withdrawn) in %s/%s.*\n",
            f.number, f.installations, f.certified, f.corrected, f.withdrawn, dir, f.name);
    er_feed_free(&f);
    return EXIT_DONE;
}

/* ---- Annex A indicators ------------------------------------------------ */

/* `indicators --from DAY --to DAY [--format json|csv|html]` */
static int indicators(const struct cli_globals *g, int argc, char **argv)
{
    const char *format = "json";
    er_date from = ER_DATE_NONE, to = ER_DATE_NONE;
    er_indicators ind;
    er_error err = { 0 };
    er_store *s;
    er_status rc;
    int i;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--from") == 0 && er_date_parse_iso(argv[i + 1], &from) == ER_OK)
            continue;
        if (strcmp(argv[i], "--to") == 0 && er_date_parse_iso(argv[i + 1], &to) == ER_OK)
            continue;
        if (strcmp(argv[i], "--format") == 0 &&
            (strcmp(argv[i + 1], "json") == 0 || strcmp(argv[i + 1], "csv") == 0 ||
             strcmp(argv[i + 1], "html") == 0)) {
            format = argv[i + 1];
            continue;
        }
        break;
    }
    if (i != argc || from == ER_DATE_NONE || to == ER_DATE_NONE)
        return cli_usage_error("chmm indicators: usage: chmm indicators --from YYYY-MM-DD --to "
                               "YYYY-MM-DD [--format json|csv|html]");
    if (cli_open_register(g, "chmm indicators", &s))
        return EXIT_INPUT_ERRORS;
    rc = er_register_indicators(s, from, to, &ind, &err);
    er_store_close(s);
    if (rc) {
        cli_print_error("chmm indicators", &err);
        return EXIT_INPUT_ERRORS;
    }
    return er_indicators_write(stdout, &ind, format) == ER_OK ? EXIT_DONE : EXIT_INPUT_ERRORS;
}

/* ---- dispatch ---------------------------------------------------------- */

/* Commands that read the register and take only options. */
static int reading(const struct cli_globals *g, int argc, char **argv,
                   int (*run)(er_store *s, const struct step_opts *o))
{
    struct step_opts o;
    er_store *s;
    int rc;

    if ((rc = step_options(argv[0], argc, argv, &o)) >= 0)
        return rc;
    if (cli_open_register(g, argv[0], &s))
        return EXIT_INPUT_ERRORS;
    rc = run(s, &o);
    er_store_close(s);
    return rc;
}

static int withdraw(const struct cli_globals *g, int argc, char **argv)
{
    struct step_opts o;
    er_error err = { 0 };
    struct cli_act a;
    er_store *s;
    int rc;

    if (argc < 2)
        return cli_usage_error("chmm withdraw: usage: chmm withdraw CERTIFICATE --reason TEXT");
    if ((rc = step_options("chmm withdraw", argc - 1, argv + 1, &o)) >= 0)
        return rc;
    if (cli_open_register(g, "chmm withdraw", &s))
        return EXIT_INPUT_ERRORS;
    cli_act(g, &a);
    rc = EXIT_DONE;
    if (er_register_chmm_withdraw(s, &a.act, argv[1], g->today, o.reason, &err) != ER_OK) {
        cli_print_error("chmm withdraw", &err);
        rc = EXIT_INPUT_ERRORS;
    }
    er_store_close(s);
    return rc;
}

int chmm_register_command(const struct cli_globals *g, int argc, char **argv)
{
    er_store *s;
    int rc;

    if (strcmp(argv[0], "certify") == 0)
        return certify(g, argc, argv);
    if (strcmp(argv[0], "add") == 0)
        return add(g, argc, argv);
    if (strcmp(argv[0], "withdraw") == 0)
        return withdraw(g, argc, argv);
    if (strcmp(argv[0], "installer") == 0)
        return installer(g, argc, argv);
    if (strcmp(argv[0], "complaint") == 0)
        return complaint(g, argc, argv);
    if (strcmp(argv[0], "indicators") == 0)
        return indicators(g, argc, argv);
    if (strcmp(argv[0], "feed") == 0)
        return feed(g, argc, argv);
    if (strcmp(argv[0], "installers") == 0)
        return reading(g, argc, argv, installers);
    if (strcmp(argv[0], "expelled") == 0)
        return reading(g, argc, argv, expelled);
    if (strcmp(argv[0], "complaints") == 0)
        return reading(g, argc, argv, complaints);
    if (strcmp(argv[0], "certificate") == 0 && argc == 2) {
        if (cli_open_register(g, "chmm certificate", &s))
            return EXIT_INPUT_ERRORS;
        rc = certificate(s, argv[1]);
        er_store_close(s);
        return rc;
    }
    return -1;
}
