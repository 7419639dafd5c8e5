/*
 * cli.h: what the subcommands of the ecoreg command share.
 */
#ifndef ECOREG_CLI_H
#define ECOREG_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes of every subcommand (DESIGN.md: quote's 0, 1, 2). */
enum { EXIT_DONE = 0, EXIT_INPUT_ERRORS = 1, EXIT_USAGE = 2 };

#include "ecoreg/date.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/register.h"
#include "ecoreg/store.h"

/* Options given before the subcommand. */
struct cli_globals {
    const char *datadir; /* --data, or NULL */
    const char *db;      /* --db: the register (default var/ecoreg.db) */
    er_date today;       /* --as-of: the day deadlines are judged against */
    bool as_of;          /* whether --as-of was given */
};

/* One subcommand: its name, a one-line summary, its help and its entry. */
struct cli_command {
    const char *name;
    const char *summary;
    const char *help;
    int (*run)(const struct cli_globals *g, int argc, char **argv);
};

/* An action's actor and time, with the er_act pointing at them. */
struct cli_act {
    er_act act;
    char at[32];
    char actor[64];
};

/* Opens the register named by --db; prints why not and returns -1. */
int cli_open_register(const struct cli_globals *g, const char *cmd, er_store **out);
/* Copies `value` of option `field` into buf[size]; false, with `err`
 * naming the field, when it does not fit (an option is never cut). */
bool cli_copy_option(const char *field, const char *value, char *buf, size_t size, er_error *err);
/* The actor (cli:$USER) and UTC time of an action taken now. */
void cli_act(const struct cli_globals *g, struct cli_act *a);
/* A progress bar on stderr for a long operation, when stderr is a
 * terminal. */
void cli_progress_on(er_act *act);
/* Prints the JSON text `w` holds as a line on stdout (nothing when an
 * allocation failed), and empties it for the next. */
void cli_print_json_line(er_jsonw *w);
/* Prints one event (ctx: an er_jsonw to write with) as a JSON line on
 * stdout; an er_store_events() callback. */
int cli_print_event(void *ctx, const er_event *ev);
/* The options of a command that takes a notification file. */
struct cli_file_args {
    const char *scheme;   /* --scheme, or NULL */
    const char *supplier; /* --supplier, or NULL */
    const char *file;
};

/* Parses [--scheme S] [--supplier CODE] [--help] FILE for command `cmd`:
 * returns -1 with *out filled, or the exit status to return (help
 * printed, or a usage error). */
int cli_file_options(const char *cmd, const char *help, int argc, char **argv,
                     struct cli_file_args *out);
/* Prints "ecoreg: CMD: row N: FIELD: message" on stderr. */
void cli_print_error(const char *cmd, const er_error *err);

int cmd_quote(const struct cli_globals *g, int argc, char **argv);
int cmd_matrix(const struct cli_globals *g, int argc, char **argv);
int cmd_check(const struct cli_globals *g, int argc, char **argv);
int cmd_init(const struct cli_globals *g, int argc, char **argv);
int cmd_supplier(const struct cli_globals *g, int argc, char **argv);
int cmd_notify(const struct cli_globals *g, int argc, char **argv);
int cmd_verify(const struct cli_globals *g, int argc, char **argv);
int cmd_decide(const struct cli_globals *g, int argc, char **argv);
int cmd_measure(const struct cli_globals *g, int argc, char **argv);
int cmd_measures(const struct cli_globals *g, int argc, char **argv);
int cmd_extension(const struct cli_globals *g, int argc, char **argv);
int cmd_obligation(const struct cli_globals *g, int argc, char **argv);
int cmd_report(const struct cli_globals *g, int argc, char **argv);
int cmd_trade(const struct cli_globals *g, int argc, char **argv);
int cmd_chmm(const struct cli_globals *g, int argc, char **argv);
int cmd_transfer(const struct cli_globals *g, int argc, char **argv);
int cmd_project(const struct cli_globals *g, int argc, char **argv);
int cmd_reference(const struct cli_globals *g, int argc, char **argv);
int cmd_serve(const struct cli_globals *g, int argc, char **argv);
int cmd_key(const struct cli_globals *g, int argc, char **argv);

extern const char cmd_quote_help[];
extern const char cmd_matrix_help[];
extern const char cmd_check_help[];
extern const char cmd_init_help[];
extern const char cmd_supplier_help[];
extern const char cmd_notify_help[];
extern const char cmd_verify_help[];
extern const char cmd_decide_help[];
extern const char cmd_measure_help[];
extern const char cmd_measures_help[];
extern const char cmd_extension_help[];
extern const char cmd_obligation_help[];
extern const char cmd_report_help[];
extern const char cmd_trade_help[];
extern const char cmd_chmm_help[];
extern const char cmd_transfer_help[];
extern const char cmd_project_help[];
extern const char cmd_reference_help[];
extern const char cmd_serve_help[];
extern const char cmd_key_help[];

/* Prints "ecoreg: <message>" on stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
