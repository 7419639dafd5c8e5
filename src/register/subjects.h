/*
 * subjects.h: the records the journal alone keeps (internal to
 * src/register): an installer, an installation, a complaint is a subject
 * of the journal and nothing else; reading one replays its events into a
 * record, reading all of a kind replays every event of the kind once.
 */
#ifndef ECOREG_REGISTER_SUBJECTS_H
#define ECOREG_REGISTER_SUBJECTS_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "ecoreg/date.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/store.h"

/* Applies event `ev` to record `rec` (of the replay's size; zeroed before
 * the subject's first event); `doc` is the event's payload parsed (NULL
 * when it has none).  A non-OK status stops the replay. */
typedef er_status (*subject_apply_fn)(void *rec, const er_event *ev, const cJSON *doc);

/* Replays the events of (kind, id) into rec[size]: ER_ENOTFOUND when the
 * journal has none; ER_EPARSE when a payload is malformed JSON. */
er_status subject_read(er_store *s, const char *kind, const char *id, void *rec, size_t size,
                       subject_apply_fn apply);

/* Replays every event of `kind`, then calls cb on each subject's record in
 * the order of their first events (a non-zero return stops).  Memory: one
 * record per subject, for the call. */
er_status subject_each(er_store *s, const char *kind, size_t size, subject_apply_fn apply,
                       int (*cb)(void *ctx, const void *rec), void *ctx);

/* subject_each() over the events up to id `through` alone: the journal as
 * it stood then. */
er_status subject_each_until(er_store *s, const char *kind, size_t size, subject_apply_fn apply,
                             int64_t through, int (*cb)(void *ctx, const void *rec), void *ctx);

/* The count of subjects of `kind` so far, from which "CMP-" IDs are made. */
er_status subject_count(er_store *s, const char *kind, const char *first_kind, size_t *n);

/* The payload's "on" day into *on; false when it has none. */
bool subject_on(const cJSON *doc, er_date *on);

/* Starts a payload in `w`: {"on":"YYYY-MM-DD" (the day a step took
 * effect); members may follow, subject_append() closes it. */
void subject_payload_on(er_jsonw *w, er_date on);

/* Closes payload `w` and appends `ev` with it in the open transaction
 * (ER_ENOMEM when writing `w` ran out of memory). */
er_status subject_append(er_store *s, er_event *ev, er_jsonw *w, er_error *err);

/* A key of such a record (an installer ID, a certificate number): 1 to 63
 * letters, digits, '-', '_', '/' or '.', so it fits an event's subject. */
bool subject_key_ok(const char *id);

#endif
