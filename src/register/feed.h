/*
 * feed.h: what the administrator feed (feed.c) shares with certify.c
 * (internal to src/register).
 */
#ifndef ECOREG_REGISTER_FEED_H
#define ECOREG_REGISTER_FEED_H

#include "subjects.h"

/* Applies one event of ("installation", ID) to an er_certificate: the
 * replay of certify.c, a subject_apply_fn. */
er_status certificate_apply(void *rec, const er_event *ev, const cJSON *doc);

#endif
