/*
 * certify_reg.h: what the certification register's modules share
 * (internal to src/register): an installer's lifecycle step taken inside a
 * transaction the caller holds, so that another operation (a corrective
 * action, assessment.c) can write it with its own events, whole or not at
 * all.
 */
#ifndef ECOREG_REGISTER_CERTIFY_REG_H
#define ECOREG_REGISTER_CERTIFY_REG_H

#include "ecoreg/certify.h"

/* er_register_installer_step() without its transaction: checks and appends
 * the step's event in the transaction the caller has open (and commits or
 * rolls back); the same refusals, with nothing appended. */
er_status installer_step_tx(er_store *s, const er_act *act, const char *id, er_installer_step step,
                            er_date on, const char *reason, er_error *err);

#endif
