/*
 * event.c: a journal event filled from an action (see event.h).
 */
#include "event.h"

#include <string.h>

/* Copies src into dst[cap], cut to fit (snprintf's "%s" for each field was
 * a tenth of a notified row's own time). */
static void put(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void event_fill(er_event *ev, const er_act *act, const char *subject_kind, const char *subject,
                const char *kind, const char *from, const char *to, const char *reason)
{
    put(ev->at, sizeof ev->at, act->at);
    put(ev->actor, sizeof ev->actor, act->actor);
    put(ev->subject_kind, sizeof ev->subject_kind, subject_kind);
    put(ev->subject, sizeof ev->subject, subject);
    put(ev->kind, sizeof ev->kind, kind);
    put(ev->from_state, sizeof ev->from_state, from);
    put(ev->to_state, sizeof ev->to_state, to);
    put(ev->reason, sizeof ev->reason, reason);
}

bool event_supplier_code_ok(const char *code)
{
    size_t i;

    for (i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    return code[3] == '\0';
}
