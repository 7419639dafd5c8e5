/*
 * cmd_notify.c: `ecoreg notify`, a supplier's notification file recorded
 * in the register: one JSON line per row, a summary on stderr, and a
 * progress bar while stderr is a terminal.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ecoreg/alloc.h"
#include "ecoreg/jsonw.h"

const char cmd_notify_help[] =
    "usage: ecoreg [--db FILE] [--as-of DAY] notify --scheme gbis|eco4 [--supplier CODE] FILE\n"
    "\n"
    "Records a notification file (CSV, or JSON when FILE ends in .json: an array\n"
    "of objects keyed by the template's column names) in the register, as one\n"
    "transaction: every row is stored with the outcome of its checks, or (on any\n"
    "failure, a kill, a full disk) nothing is. Writes one JSON line per row:\n"
    "{\"row\", \"mrn\" (\"project\" for an ECO4 project file), \"status\", \"failures\"},\n"
    "where status is\n"
    "  recorded  stored, passed its checks\n"
    "  rejected  stored with its failures, for the supplier to see and correct\n"
    "  exists    the same row is already held: nothing changed\n"
    "  conflict  the MRN is held with other content and the row is not an\n"
    "            \"Edited Notification\": nothing changed\n"
    "and a summary on standard error.  An ECO4 \"Completion Notification\" of a\n"
    "project that passed its checks completes it and decides its score from its\n"
    "approved measures (fps_awarded or pps_only: 'ecoreg project show REF').\n"
    "\n"
    "Options:\n"
    "  --scheme gbis    Ofgem's GBIS template (CSV or JSON, 40 columns)\n"
    "  --scheme eco4    an ECO4 project or measure template (CSV or JSON, 32 or 17\n"
    "                   columns, docs/eco4_templates.md), told apart in CSV by the\n"
    "                   header's second column (Project_Reference_Number or\n"
    "                   Measure_Reference_Number), in JSON by the first row's\n"
    "                   members (Measure_Reference_Number, Measure_Type...: measures;\n"
    "                   Post_Code, Floor_Area...: projects)\n"
    "  --supplier CODE  the notifying supplier (default: each row's MRN prefix)\n"
    "\n"
    "Exit status: 0 every row recorded or unchanged, 1 some row rejected or in\n"
    "conflict, 2 usage error or the file refused whole (nothing stored).\n";

/* One notified row as report() prints it: its number and key. */
typedef const char *(*row_key_fn)(const void *rows, size_t i, long *row);

static const char *gbis_key(const void *rows, size_t i, long *row)
{
    const er_gbis_row *r = &((const er_gbis_row *)rows)[i];

    *row = r->row;
    return r->col[ER_GBIS_MRN];
}

static const char *eco4_project_key(const void *rows, size_t i, long *row)
{
    const er_eco4_project_row *r = &((const er_eco4_project_row *)rows)[i];

    *row = r->row;
    return r->col[ER_ECO4P_PROJECT_REF];
}

static const char *eco4_measure_key(const void *rows, size_t i, long *row)
{
    const er_eco4_measure_row *r = &((const er_eco4_measure_row *)rows)[i];

    *row = r->row;
    return r->col[ER_ECO4M_MRN];
}

/* Writes the per-row lines and the summary; returns the exit status.
 * Failures are given for the rows this file stored (recorded, rejected). */
static int report(const void *rows, size_t n, row_key_fn key, const char *key_name,
                  const er_notify_result *res)
{
    size_t count[4] = { 0 }, i;
    er_jsonw w = { 0 };
    char num[32];
    long row;

    for (i = 0; i < n; i++) {
        er_row_status st = res->status[i];
        const char *k = key(rows, i, &row);

        snprintf(num, sizeof num, "%ld", row);
        er_jsonw_lit(&w, "{\"row\":");
        er_jsonw_lit(&w, num);
        er_jsonw_lit(&w, key_name);
        er_jsonw_string(&w, k);
        er_jsonw_lit(&w, ",\"status\":");
        er_jsonw_string(&w, er_row_status_name(st));
        er_jsonw_lit(&w, ",\"failures\":");
        er_jsonw_lit(&w, st == ER_ROW_REJECTED ? res->failures + res->failures_at[i] : "[]");
        er_jsonw_lit(&w, "}\n");
        count[st]++;
        if (w.len > 60000 || i + 1 == n) {
            fwrite(w.p, 1, w.len, stdout);
            w.len = 0;
        }
    }
    er_jsonw_free(&w);
    fprintf(stderr, "notify: %zu rows: %zu recorded, %zu rejected, %zu exists, %zu conflict\n", n,
            count[ER_ROW_RECORDED], count[ER_ROW_REJECTED], count[ER_ROW_EXISTS],
            count[ER_ROW_CONFLICT]);
    return count[ER_ROW_REJECTED] || count[ER_ROW_CONFLICT] ? EXIT_INPUT_ERRORS : EXIT_DONE;
}

static int notify(const struct cli_globals *g, const char *path, const char *supplier)
{
    er_scheme scheme;
    er_gbis_file f = { 0 };
    er_notify_result res = { 0 };
    er_error err = { 0 };
    er_store *s = NULL;
    struct cli_act a;
    int rc = EXIT_USAGE;

    memset(&scheme, 0, sizeof scheme);
    if (er_scheme_load(er_datadir(g->datadir), ER_SCHEME_GBIS, NULL, &scheme, &err) ||
        er_gbis_load(path, &f, &err)) {
        cli_print_error("notify", &err);
        goto done;
    }
    if (cli_open_register(g, "notify", &s))
        goto done;
    cli_act(g, &a);
    a.act.supplier = supplier;
    cli_progress_on(&a.act);
    if (er_register_notify_gbis(s, &scheme, &f, &a.act, &res, &err) != ER_OK) {
        cli_print_error("notify", &err);
        fprintf(stderr, "ecoreg: notify: nothing was recorded\n");
        goto done;
    }
    rc = report(f.rows, f.n, gbis_key, ",\"mrn\":", &res);
done:
    er_store_close(s);
    er_notify_result_free(&res);
    er_gbis_file_free(&f);
    er_scheme_clear(&scheme);
    return rc;
}

/* Whether the file at `path` ends in ".json". */
static bool is_json(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcmp(path + n - 5, ".json") == 0;
}

/* Reads the ECO4 file at `path` (CSV, or JSON by its name) into the
 * template its content tells (er_eco4_csv_template, er_eco4_json_template). */
static er_status eco4_load(const char *path, bool *projects, er_eco4_projects *pf,
                           er_eco4_measures *mf, er_error *err)
{
    bool json = is_json(path);
    er_eco4_template t;
    char *buf = NULL;
    size_t len = 0;
    er_status rc = er_read_file(path, ER_ECO4_FILE_BYTES_MAX, &buf, &len, err);

    if (rc == ER_OK)
        rc = json ? er_eco4_json_template(buf, len, &t, err)
                  : er_eco4_csv_template(buf, len, &t, err);
    if (rc == ER_OK) {
        *projects = t == ER_ECO4_PROJECTS;
        if (*projects)
            rc = json ? er_eco4_parse_projects_json(buf, len, pf, err)
                      : er_eco4_parse_projects_csv(buf, len, pf, err);
        else
            rc = json ? er_eco4_parse_measures_json(buf, len, mf, err)
                      : er_eco4_parse_measures_csv(buf, len, mf, err);
    }
    er_free(buf);
    return rc;
}

/* Records the ECO4 file at `path` (CSV, or JSON by its name), its
 * template told by its content. */
static int notify_eco4(const struct cli_globals *g, const char *path, const char *supplier)
{
    er_scheme scheme;
    er_eco4_projects pf = { 0 };
    er_eco4_measures mf = { 0 };
    er_notify_result res = { 0 };
    er_error err = { 0 };
    er_store *s = NULL;
    struct cli_act a;
    bool projects;
    int rc = EXIT_USAGE;

    memset(&scheme, 0, sizeof scheme);
    if (er_scheme_load(er_datadir(g->datadir), ER_SCHEME_ECO4, NULL, &scheme, &err) ||
        eco4_load(path, &projects, &pf, &mf, &err)) {
        cli_print_error("notify", &err);
        goto done;
    }
    if (cli_open_register(g, "notify", &s))
        goto done;
    cli_act(g, &a);
    a.act.supplier = supplier;
    cli_progress_on(&a.act);
    if ((projects ? er_register_notify_eco4_projects(s, &scheme, &pf, &a.act, &res, &err)
                  : er_register_notify_eco4_measures(s, &scheme, &mf, &a.act, &res, &err))) {
        cli_print_error("notify", &err);
        fprintf(stderr, "ecoreg: notify: nothing was recorded\n");
        goto done;
    }
    rc = projects ? report(pf.rows, pf.n, eco4_project_key, ",\"project\":", &res)
                  : report(mf.rows, mf.n, eco4_measure_key, ",\"mrn\":", &res);
done:
    er_store_close(s);
    er_notify_result_free(&res);
    er_eco4_projects_free(&pf);
    er_eco4_measures_free(&mf);
    er_scheme_clear(&scheme);
    return rc;
}

int cmd_notify(const struct cli_globals *g, int argc, char **argv)
{
    struct cli_file_args a;
    int rc = cli_file_options("notify", cmd_notify_help, argc, argv, &a);

    if (rc >= 0)
        return rc;
    if (!a.scheme)
        return cli_usage_error("notify: --scheme gbis or --scheme eco4 is required");
    if (strcmp(a.scheme, "gbis") != 0 && strcmp(a.scheme, "eco4") != 0)
        return cli_usage_error("notify: --scheme must be gbis or eco4");
    if (strcmp(a.scheme, "eco4") == 0)
        return notify_eco4(g, a.file, a.supplier);
    return notify(g, a.file, a.supplier);
}
