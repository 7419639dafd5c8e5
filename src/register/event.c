/*
 * event.c: a journal event filled from an action (see event.h).
 */
#include "event.h"

#include <string.h>

void event_text(char *dst, size_t cap, const char *src)
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
    event_text(ev->at, sizeof ev->at, act->at);
    event_text(ev->actor, sizeof ev->actor, act->actor);
    event_text(ev->subject_kind, sizeof ev->subject_kind, subject_kind);
    event_text(ev->subject, sizeof ev->subject, subject);
    event_text(ev->kind, sizeof ev->kind, kind);
    event_text(ev->from_state, sizeof ev->from_state, from);
    event_text(ev->to_state, sizeof ev->to_state, to);
    event_text(ev->reason, sizeof ev->reason, reason);
}

bool event_supplier_code_ok(const char *code)
{
    size_t i;

    for (i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    return code[3] == '\0';
}
