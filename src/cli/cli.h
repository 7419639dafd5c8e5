/*
 * cli.h: what the subcommands of the ecoreg command share.
 */
#ifndef ECOREG_CLI_H
#define ECOREG_CLI_H

#include <stdio.h>

/* Exit codes of every subcommand (DESIGN.md: quote's 0, 1, 2). */
enum { EXIT_DONE = 0, EXIT_INPUT_ERRORS = 1, EXIT_USAGE = 2 };

#include "ecoreg/date.h"

/* Options given before the subcommand. */
struct cli_globals {
    const char *datadir; /* --data, or NULL */
    const char *db;      /* --db: the register (default var/ecoreg.db) */
    er_date today;       /* --as-of: the day deadlines are judged against */
};

/* One subcommand: its name, a one-line summary, its help and its entry. */
struct cli_command {
    const char *name;
    const char *summary;
    const char *help;
    int (*run)(const struct cli_globals *g, int argc, char **argv);
};

int cmd_quote(const struct cli_globals *g, int argc, char **argv);
int cmd_matrix(const struct cli_globals *g, int argc, char **argv);
int cmd_check(const struct cli_globals *g, int argc, char **argv);

extern const char cmd_quote_help[];
extern const char cmd_matrix_help[];
extern const char cmd_check_help[];

/* Prints "ecoreg: <message>" on stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
