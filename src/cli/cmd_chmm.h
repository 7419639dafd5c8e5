/*
 * cmd_chmm.h: the parts of `ecoreg chmm` (cmd_chmm.c dispatches; the
 * register's commands are in cmd_certify.c).
 */
#ifndef ECOREG_CMD_CHMM_H
#define ECOREG_CMD_CHMM_H

#include "cli.h"
#include "ecoreg/io.h"

/* Runs `chmm WORD ...` (argv[0] the word) when it is a command of the
 * certification register; -1 when it is not one. */
int chmm_register_command(const struct cli_globals *g, int argc, char **argv);

/* Runs `chmm assess ...`, `chmm assessments` or `chmm action ...` (argv[0]
 * the word; cmd_assess.c); -1 when argv[0] is none of them. */
int chmm_assess_command(const struct cli_globals *g, int argc, char **argv);

/* The installations the register holds certified (not withdrawn), in
 * certification order, into *f (free with er_chmm_file_free); -1, the
 * reason printed, when the register cannot be read. */
int chmm_credits_register(const struct cli_globals *g, er_chmm_file *f);

#endif
