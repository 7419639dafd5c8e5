/*
 * event.h: what every operation of the register writes to the journal
 * (internal to src/register): an event filled from the action, and the
 * supplier code every operation naming a supplier checks.
 */
#ifndef ECOREG_REGISTER_EVENT_H
#define ECOREG_REGISTER_EVENT_H

#include <stdbool.h>

#include "ecoreg/register.h"
#include "ecoreg/store.h"

/* Fills ev's text fields: when and by whom (from `act`), the subject, what
 * happened, from and to which state ("" for none), and why; each cut to
 * its field's size.  ev->payload is left as it was. */
void event_fill(er_event *ev, const er_act *act, const char *subject_kind, const char *subject,
                const char *kind, const char *from, const char *to, const char *reason);

/* Copies src into dst[cap], cut to fit (snprintf's "%s" for each field was
 * a tenth of a notified row's own time, and of reading a million ledger
 * rows). */
void event_text(char *dst, size_t cap, const char *src);

/* RULES.md: a supplier's short code, the prefix of its MRNs, is 3 capital
 * letters. */
bool event_supplier_code_ok(const char *code);

#endif
