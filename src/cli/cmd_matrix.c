/*
 * cmd_matrix.c: `ecoreg matrix lookup`, one row of a score matrix, as
 * Ofgem published it, found the way the scoring finds it.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/io.h"

const char cmd_matrix_help[] =
    "usage: ecoreg matrix lookup --matrix eco4-fps|eco4-pps|gbis [OPTIONS]\n"
    "\n"
    "Finds one row of a shipped Ofgem score matrix and prints it as JSON: the\n"
    "matrix version, the key, the Average Treatable Factor, the cost savings\n"
    "(pounds a year) and the SAP savings. The pre heat source is mapped to its\n"
    "proxy first, as scoring does (seed 002 5.6-5.10).\n"
    "\n"
    "Options:\n"
    "  --matrix K              eco4-fps, eco4-pps or gbis\n"
    "  --measure-type T        Ofgem's Measure_Type (eco4-pps, gbis)\n"
    "  --pre S, --post S       pre and post main heating source (default N/A)\n"
    "  --segment S             0-72, 73-97, 98-199 or 200+, or\n"
    "  --floor-area M2         the floor area, giving the segment\n"
    "  --band B                starting band (Low_G ... High_A, N/A), or\n"
    "  --sap R                 the starting SAP rating, giving the band\n"
    "  --finishing-band B, --finishing-sap R    eco4-fps only\n"
    "  --completion-date D     YYYY-MM-DD: the version valid then (default latest)\n"
    "\n"
    "Exit status: 0 found, 1 no such row, 2 usage error.\n"
    "\n"
    "Examples:\n"
    "  ecoreg matrix lookup --matrix eco4-pps --measure-type IWI_solid_1.7_0.3 \\\n"
    "      --floor-area 80 --sap 25\n"
    "  ecoreg matrix lookup --matrix eco4-fps --floor-area 80 --sap 25 --finishing-sap 55\n";

struct lookup {
    er_matrix_kind kind;
    const char *measure, *pre, *post;
    er_segment seg;
    er_band band, finish;
    er_date completion;
};

/* A band from --band, or from a SAP rating with --sap. */
static int band_arg(const char *arg, int is_sap, er_band *out)
{
    int tenths;

    if (!is_sap)
        return er_band_parse(arg, out) == ER_OK;
    if (er_sap_tenths(strtod(arg, NULL), &tenths))
        return 0;
    *out = er_sap_band(tenths);
    return 1;
}

static int parse(int argc, char **argv, struct lookup *q)
{
    static const struct option opts[] = {
        { "matrix", 1, NULL, 'k' },
        { "measure-type", 1, NULL, 'm' },
        { "pre", 1, NULL, 'p' },
        { "post", 1, NULL, 'P' },
        { "segment", 1, NULL, 's' },
        { "floor-area", 1, NULL, 'a' },
        { "band", 1, NULL, 'b' },
        { "sap", 1, NULL, 'r' },
        { "finishing-band", 1, NULL, 'f' },
        { "finishing-sap", 1, NULL, 'F' },
        { "completion-date", 1, NULL, 'd' },
        { "help", 0, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c, ok = 1, have_kind = 0;

    while (ok && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'k': ok = have_kind = er_matrix_kind_parse(optarg, &q->kind) == ER_OK; break;
        case 'm': q->measure = optarg; break;
        case 'p': q->pre = optarg; break;
        case 'P': q->post = optarg; break;
        case 's': ok = er_segment_parse(optarg, &q->seg) == ER_OK; break;
        case 'a': ok = er_floor_segment(strtod(optarg, NULL), &q->seg) == ER_OK; break;
        case 'b':
        case 'r': ok = band_arg(optarg, c == 'r', &q->band); break;
        case 'f':
        case 'F': ok = band_arg(optarg, c == 'F', &q->finish); break;
        case 'd': ok = er_date_parse_iso(optarg, &q->completion) == ER_OK; break;
        case 'h': fputs(cmd_matrix_help, stdout); return -1;
        default: ok = 0;
        }
        if (!ok && c != '?')
            cli_usage_error("matrix lookup: bad value '%s' (see --help)", optarg ? optarg : "");
    }
    if (ok && !have_kind)
        return cli_usage_error("matrix lookup: --matrix is required"), 0;
    if (ok && q->seg == ER_SEGMENT_NONE)
        return cli_usage_error("matrix lookup: give --segment or --floor-area"), 0;
    if (ok && q->kind != ER_MATRIX_ECO4_FPS && !q->measure)
        return cli_usage_error("matrix lookup: --measure-type is required"), 0;
    return ok;
}

static int print_row(const er_matrix *m, const struct lookup *q, const char *pre,
                     const er_matrix_entry *e)
{
    int fps = q->kind == ER_MATRIX_ECO4_FPS;
    int fixed = !fps && er_matrix_measure_is_fixed(m, q->measure);
    json_t *o = json_pack("{s:s, s:s}", "matrix", er_matrix_version(m), "floor_area_segment",
                          er_segment_name(q->seg));
    char *s;

    if (!fps) {
        json_object_set_new(o, "measure_type", json_string(q->measure));
        json_object_set_new(o, "pre_main_heating_source", json_string(pre));
        if (q->kind == ER_MATRIX_ECO4_PPS)
            json_object_set_new(o, "post_main_heating_source", json_string(q->post));
    }
    json_object_set_new(o, "starting_band",
                        json_string(er_band_name(fixed ? ER_BAND_NONE : q->band)));
    if (fps)
        json_object_set_new(o, "finishing_band", json_string(er_band_name(q->finish)));
    else
        json_object_set_new(o, "average_treatable_factor", json_real(e->atf_hundredths / 100.0));
    json_object_set_new(o, "cost_savings", json_real(e->cost_tenths / 10.0));
    if (!fps)
        json_object_set_new(o, "sap_savings",
                            e->sap_savings_hundredths < 0
                                ? json_null()
                                : json_real(e->sap_savings_hundredths / 100.0));
    if (*e->category)
        json_object_set_new(o, "category", json_string(e->category));
    json_object_set_new(o, "row", json_integer(e->row));
    s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
    if (s)
        puts(s);
    free(s);
    json_decref(o);
    return s ? EXIT_DONE : EXIT_USAGE;
}

static int lookup(const struct cli_globals *g, struct lookup *q)
{
    er_scheme s;
    er_error err = { 0 };
    const er_matrix *m;
    const er_matrix_entry *e = NULL;
    const char *pre;
    int rc = EXIT_INPUT_ERRORS;

    if (er_scheme_load(er_datadir(g->datadir),
                       q->kind == ER_MATRIX_GBIS ? ER_SCHEME_GBIS : ER_SCHEME_ECO4, NULL, &s, &err))
        return cli_usage_error("matrix lookup: %s", err.message);
    if (er_scheme_matrix(&s, q->kind, q->completion, &m, &err)) {
        fprintf(stderr, "ecoreg: matrix lookup: %s\n", err.message);
        goto done;
    }
    pre = er_scheme_proxy(&s, q->pre);
    if (q->kind == ER_MATRIX_ECO4_FPS)
        er_matrix_find_fps(m, q->seg, q->band, q->finish, &e);
    else
        er_matrix_find(m, q->measure, pre, q->post, q->seg,
                       er_matrix_measure_is_fixed(m, q->measure) ? ER_BAND_NONE : q->band, &e);
    if (e)
        rc = print_row(m, q, pre, e);
    else
        fprintf(stderr, "ecoreg: matrix lookup: %s has no such row\n", er_matrix_version(m));
done:
    er_scheme_clear(&s);
    return rc;
}

int cmd_matrix(const struct cli_globals *g, int argc, char **argv)
{
    struct lookup q = { .pre = ER_MATRIX_NA,
                        .post = ER_MATRIX_NA,
                        .seg = ER_SEGMENT_NONE,
                        .band = ER_BAND_NONE,
                        .finish = ER_BAND_NONE,
                        .completion = ER_DATE_NONE };
    int ok;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(cmd_matrix_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "lookup") != 0)
        return cli_usage_error("matrix: unknown subcommand '%s' (try lookup)", argv[1]);
    optind = 1;
    ok = parse(argc - 1, argv + 1, &q);
    if (ok < 0)
        return EXIT_DONE;
    if (!ok)
        return EXIT_USAGE;
    return lookup(g, &q);
}
