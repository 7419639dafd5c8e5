/*
 * cmd_quote.c: `ecoreg quote`, scores JSON projects and writes one JSON
 * result per project on its own line; nothing is stored (DESIGN.md).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

const char cmd_quote_help[] =
    "usage: ecoreg quote [--scheme eco4|gbis] [--params NAME] [FILE|-]\n"
    "\n"
    "Scores projects from Ofgem's matrices without storing anything. Reads one\n"
    "JSON project, or JSON Lines of many, from FILE or standard input, and writes\n"
    "one JSON result per project on its own line, in input order.\n"
    "\n"
    "Options:\n"
    "  --scheme S    eco4 or gbis: the scheme of projects that name none; a project\n"
    "                naming the other scheme is then an error\n"
    "  --params NAME with --scheme: a named parameter set of\n"
    "                data/schemes/<scheme>.json instead of the enacted one, e.g.\n"
    "                seed002_consultation (40% PPS deflator, no floor area factor)\n"
    "\n"
    "Project fields: project_id, scheme (ECO4|GBIS), floor_area (m2), starting_sap,\n"
    "finishing_sap (ECO4, optional), nation (England|Scotland|Wales, default\n"
    "England), rural, off_gas, declaration_route (ECO4 art. 21), flex_route4\n"
    "(GBIS), completion_date (YYYY-MM-DD: picks the matrix version; default the\n"
    "latest), measures: [{mrn, measure_type, pre_main_heating_source,\n"
    "post_main_heating_source (both default N/A), popt (1-66 or \"67+\", default\n"
    "\"67+\"), innovation (none|standard|substantial), methodology\n"
    "(standard|alternative|data_light)}].\n"
    "\n"
    "Result fields: project_id, scheme, starting_band, finishing_band,\n"
    "floor_area_segment, floor_area_factor, minimum_requirement_met,\n"
    "full_project_score, measures [{mrn, measure_type, cost_savings,\n"
    "partial_project_score}], partial_project_score_total, score (the full\n"
    "project score when awarded, else the partial total), errors [{field,\n"
    "message}]. Pounds a year, rounded to pennies half away from zero.\n"
    "\n"
    "Exit status: 0 every project scored, 1 some had errors, 2 usage error.\n"
    "\n"
    "Example (seed 002 Appendix 1's home, enacted rules):\n"
    "  echo '{\"project_id\":\"A1\",\"floor_area\":80,\"starting_sap\":25,\n"
    "    \"finishing_sap\":55,\"measures\":[{\"measure_type\":\"IWI_solid_1.7_0.3\"},\n"
    "    {\"measure_type\":\"B_Upgrade_nopreHCs\",\n"
    "     \"pre_main_heating_source\":\"Gas Fire with Back Boiler\",\n"
    "     \"post_main_heating_source\":\"Biomass Boiler\"}]}' | ecoreg quote\n";

/* The state of one run: the schemes loaded and what was seen. */
struct run {
    er_quote_env env;
    er_scheme schemes[ER_SCHEME_COUNT];
    int any_errors;
};

static int emit(struct run *r, const char *json, size_t len)
{
    bool had_errors;
    char *line;
    er_status rc = er_quote_json(&r->env, json, len, &line, &had_errors);

    if (rc) {
        fprintf(stderr, "ecoreg: quote: %s\n", er_strerror(rc));
        return -1;
    }
    fputs(line, stdout);
    fputc('\n', stdout);
    er_free(line);
    r->any_errors |= had_errors;
    return 0;
}

static int blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* Reads the rest of `in` onto `buf` (holding `len` bytes). */
static char *slurp(FILE *in, char *buf, size_t *len)
{
    size_t cap = *len + 65536;
    char *p = realloc(buf, cap);
    size_t n;

    while (p && (n = fread(p + *len, 1, cap - *len, in)) > 0) {
        *len += n;
        if (*len == cap) {
            char *q = realloc(p, cap *= 2);

            if (!q)
                break;
            p = q;
        }
    }
    return p;
}

/* Emits each non-blank line of buf[0..len) as a project. */
static int emit_lines(struct run *r, char *buf, size_t len)
{
    char *p = buf, *end = buf + len;
    int rc = 0;

    while (rc == 0 && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

        if (strspn(p, " \t\r") < n)
            rc = emit(r, p, n);
        p += n + 1;
    }
    return rc;
}

/* The input is JSON Lines unless its first line is not a whole document:
 * then it may be one pretty-printed project, or JSON Lines whose first
 * line is malformed; reading the rest tells which. */
static int quote_stream(struct run *r, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int first = 1, rc = 0;

    while (rc == 0 && (n = getline(&line, &cap, in)) >= 0) {
        if (blank(line))
            continue;
        if (first) {
            json_t *doc = json_loadb(line, (size_t)n, 0, NULL);

            first = 0;
            if (!doc) {
                size_t len = (size_t)n;
                char *all = slurp(in, line, &len);

                line = NULL;
                if (!all)
                    return -1;
                doc = json_loadb(all, len, 0, NULL);
                rc = doc ? emit(r, all, len) : emit_lines(r, all, len);
                json_decref(doc);
                free(all);
                break;
            }
            json_decref(doc);
        }
        rc = emit(r, line, (size_t)n);
    }
    free(line);
    return rc;
}

static int load(struct run *r, const struct cli_globals *g, er_scheme_id id, const char *params)
{
    er_error err = { 0 };

    if (er_scheme_load(er_datadir(g->datadir), id, params, &r->schemes[id], &err)) {
        fprintf(stderr, "ecoreg: quote: %s\n", err.message);
        return -1;
    }
    r->env.schemes[id] = &r->schemes[id];
    return 0;
}

int cmd_quote(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' },
        { "params", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    static char outbuf[1 << 16];
    struct run r;
    const char *params = NULL;
    FILE *in = stdin;
    int c, rc = EXIT_USAGE, id;

    memset(&r, 0, sizeof r);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd_quote_help, stdout);
            return EXIT_DONE;
        } else if (c == 's') {
            if (er_scheme_parse(optarg, &r.env.scheme))
                return cli_usage_error("quote: --scheme must be eco4 or gbis");
            r.env.scheme_given = true;
        } else if (c == 'p') {
            params = optarg;
        } else {
            return cli_usage_error("quote: see 'ecoreg quote --help'");
        }
    }
    if (params && !r.env.scheme_given)
        return cli_usage_error("quote: --params needs --scheme (sets belong to a scheme)");
    if (argc - optind > 1)
        return cli_usage_error("quote: give one FILE, or - for standard input");
    if (optind < argc && strcmp(argv[optind], "-") != 0 && !(in = fopen(argv[optind], "r")))
        return cli_usage_error("quote: cannot open %s", argv[optind]);
    for (id = 0; id < ER_SCHEME_COUNT; id++)
        if ((!r.env.scheme_given || (er_scheme_id)id == r.env.scheme) &&
            load(&r, g, (er_scheme_id)id, params))
            goto done;
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    if (quote_stream(&r, in) == 0 && !ferror(in))
        rc = r.any_errors ? EXIT_INPUT_ERRORS : EXIT_DONE;
    else
        fprintf(stderr, "ecoreg: quote: reading input failed\n");
done:
    if (fflush(stdout) != 0)
        rc = EXIT_USAGE;
    for (id = 0; id < ER_SCHEME_COUNT; id++)
        er_scheme_clear(&r.schemes[id]);
    if (in != stdin)
        fclose(in);
    return rc;
}
