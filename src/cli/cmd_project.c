/*
 * cmd_project.c: `ecoreg project show REF`, an ECO4 project as the register
 * holds it (state, latest notified row, failures), then its history: every
 * event of the journal about it, with the score a decision carried.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/jsonw.h"

const char cmd_project_help[] =
    "usage: ecoreg [--db FILE] project show REF\n"
    "\n"
    "Prints the ECO4 project's current state as JSON (checks_passed, rejected,\n"
    "completed, fps_awarded, pps_only), its latest notified row and failures,\n"
    "then its history: one JSON line per event (time, actor, kind, from-state,\n"
    "to-state, reason); a decision (decided, redecided) carries its score:\n"
    "{\"minimum_requirement_met\", \"fps\", \"pps\": [{\"mrn\", \"pps\"}], \"pps_total\",\n"
    "\"score\"}, in pounds.\n";

int cmd_project(const struct cli_globals *g, int argc, char **argv)
{
    er_project_rec p;
    er_jsonw w = { 0 };
    er_store *s;
    int rc = EXIT_INPUT_ERRORS;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(cmd_project_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "show") != 0 || argc != 3)
        return cli_usage_error("project: usage: project show REF");
    if (cli_open_register(g, "project show", &s))
        return EXIT_USAGE;
    memset(&p, 0, sizeof p);
    if (er_store_project_get(s, argv[2], &p) != ER_OK) {
        fprintf(stderr, "ecoreg: project show: no project %s\n", argv[2]);
        goto done;
    }
    er_project_json(&w, &p);
    if (!w.oom)
        puts(w.p);
    er_store_events(s, "project", argv[2], cli_print_event, &w);
    rc = EXIT_DONE;
done:
    er_jsonw_free(&w);
    er_store_project_free(&p);
    er_store_close(s);
    return rc;
}
