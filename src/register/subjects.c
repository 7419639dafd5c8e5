/*
 * subjects.c: records replayed from the journal (subjects.h).
 */
#include "subjects.h"

#include <stdint.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "strmap.h"

struct replay {
    size_t size;
    int64_t through; /* events after it are not replayed */
    subject_apply_fn apply;
    void *rec;    /* subject_read: the one record */
    strmap map;   /* subject_each: subject -> record */
    void **order; /* records in the order of first events */
    size_t n, cap;
    bool found;
    er_status rc;
};

static int apply_event(struct replay *r, void *rec, const er_event *ev)
{
    cJSON *doc = NULL;

    if (ev->payload && !(doc = cJSON_Parse(ev->payload))) {
        r->rc = ER_EPARSE;
        return 1;
    }
    r->rc = r->apply(rec, ev, doc);
    cJSON_Delete(doc);
    return r->rc != ER_OK;
}

static int one_event(void *ctx, const er_event *ev)
{
    struct replay *r = ctx;

    r->found = true;
    return apply_event(r, r->rec, ev);
}

er_status subject_read(er_store *s, const char *kind, const char *id, void *rec, size_t size,
                       subject_apply_fn apply)
{
    struct replay r = { .size = size, .apply = apply, .rec = rec };
    er_status rc;

    memset(rec, 0, size);
    if (!id || !*id)
        return ER_ENOTFOUND;
    if ((rc = er_store_events(s, kind, id, one_event, &r)) != ER_OK)
        return rc;
    if (r.rc)
        return r.rc;
    return r.found ? ER_OK : ER_ENOTFOUND;
}

static int each_event(void *ctx, const er_event *ev)
{
    struct replay *r = ctx;
    void **slot;

    if (ev->id > r->through)
        return 0;
    if (!(slot = strmap_slot(&r->map, ev->subject))) {
        r->rc = ER_ENOMEM;
        return 1;
    }
    if (!*slot) {
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            void **order = er_realloc(r->order, cap * sizeof *order);

            if (!order) {
                r->rc = ER_ENOMEM;
                return 1;
            }
            r->order = order;
            r->cap = cap;
        }
        if (!(*slot = er_calloc(1, r->size))) {
            r->rc = ER_ENOMEM;
            return 1;
        }
        r->order[r->n++] = *slot;
    }
    return apply_event(r, *slot, ev);
}

er_status subject_each(er_store *s, const char *kind, size_t size, subject_apply_fn apply,
                       int (*cb)(void *ctx, const void *rec), void *ctx)
{
    return subject_each_until(s, kind, size, apply, INT64_MAX, cb, ctx);
}

er_status subject_each_until(er_store *s, const char *kind, size_t size, subject_apply_fn apply,
                             int64_t through, int (*cb)(void *ctx, const void *rec), void *ctx)
{
    struct replay r = { .size = size, .apply = apply, .through = through };
    er_status rc = er_store_events(s, kind, NULL, each_event, &r);
    size_t i;

    if (!rc)
        rc = r.rc;
    for (i = 0; !rc && i < r.n; i++)
        if (cb(ctx, r.order[i]))
            break;
    er_free(r.order);
    strmap_free(&r.map, er_free);
    return rc;
}

struct counting {
    const char *first_kind;
    size_t n;
};

static int count_event(void *ctx, const er_event *ev)
{
    struct counting *c = ctx;

    c->n += strcmp(ev->kind, c->first_kind) == 0;
    return 0;
}

er_status subject_count(er_store *s, const char *kind, const char *first_kind, size_t *n)
{
    struct counting c = { .first_kind = first_kind };
    er_status rc = er_store_events(s, kind, NULL, count_event, &c);

    *n = c.n;
    return rc;
}

void subject_payload_on(er_jsonw *w, er_date on)
{
    char day[11];

    er_date_format_iso(on, day);
    er_jsonw_lit(w, "{\"on\":");
    er_jsonw_string(w, day);
}

er_status subject_append(er_store *s, er_event *ev, er_jsonw *w, er_error *err)
{
    er_jsonw_lit(w, "}");
    if (w->oom)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    ev->payload = w->p;
    return er_store_append(s, ev, err);
}

bool subject_key_ok(const char *id)
{
    size_t n = strlen(id);

    return n > 0 && n < ER_EVENT_TEXT_MAX &&
           strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/.") == n;
}

bool subject_on(const cJSON *doc, er_date *on)
{
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "on"));

    return v && er_date_parse_iso(v, on) == ER_OK;
}
