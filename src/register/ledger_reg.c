/*
 * ledger_reg.c: the obligation ledger as the register writes it
 * (ledger_reg.h): rows built per event, written into the event's payload
 * and into the ledger table, and read back for withdrawals and `verify`.
 */
#include "ledger_reg.h"

#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"

void ledger_part_subject(const char *subject, const char *part, char out[ER_EVENT_TEXT_MAX])
{
    int room = ER_EVENT_TEXT_MAX - 2 - (int)strlen(part);

    snprintf(out, ER_EVENT_TEXT_MAX, "%.*s#%s", room, subject, part);
}

void ledger_subjects(const char *subject, char out[LEDGER_SUBJECTS][ER_EVENT_TEXT_MAX])
{
    snprintf(out[0], ER_EVENT_TEXT_MAX, "%s", subject);
    ledger_part_subject(subject, LEDGER_PART_INNOVATION, out[1]);
    ledger_part_subject(subject, LEDGER_PART_BFR, out[2]);
}

const char *ledger_pounds(int64_t pence, char buf[32])
{
    unsigned long long a = pence < 0 ? 0ull - (unsigned long long)pence : (unsigned long long)pence;

    snprintf(buf, 32, "%s%llu.%02llu", pence < 0 ? "-" : "", a / 100, a % 100);
    return buf;
}

er_status ledger_push(ledger_batch *b, const er_ledger_row *r)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        er_ledger_row *rows = er_realloc(b->rows, cap * sizeof *rows);

        if (!rows) {
            b->oom = true;
            return ER_ENOMEM;
        }
        b->rows = rows;
        b->cap = cap;
    }
    b->rows[b->n++] = *r;
    return ER_OK;
}

er_ledger_row *ledger_add(ledger_batch *b, er_scheme_id scheme, const char *op,
                          const char *supplier, const char *subject)
{
    er_ledger_row r;

    memset(&r, 0, sizeof r);
    r.scheme = scheme;
    snprintf(r.op, sizeof r.op, "%s", op);
    snprintf(r.supplier, sizeof r.supplier, "%s", supplier);
    snprintf(r.subject, sizeof r.subject, "%s", subject);
    r.completed = ER_DATE_NONE;
    return ledger_push(b, &r) == ER_OK ? &b->rows[b->n - 1] : NULL;
}

void ledger_batch_free(ledger_batch *b)
{
    er_free(b->rows);
    memset(b, 0, sizeof *b);
}

static void row_json(er_jsonw *w, const er_ledger_row *r)
{
    char num[32], day[11];

    er_jsonw_lit(w, "{\"op\":");
    er_jsonw_string(w, r->op);
    er_jsonw_lit(w, ",\"scheme\":");
    er_jsonw_string(w, er_scheme_name(r->scheme));
    er_jsonw_lit(w, ",\"supplier\":");
    er_jsonw_string(w, r->supplier);
    er_jsonw_lit(w, ",\"to_supplier\":");
    er_jsonw_string(w, r->to_supplier);
    er_jsonw_lit(w, ",\"subject\":");
    er_jsonw_string(w, r->subject);
    /* amounts are whole pence (or a count): exact as JSON integers */
    snprintf(num, sizeof num, ",\"amount\":%lld", (long long)r->amount);
    er_jsonw_lit(w, num);
    snprintf(num, sizeof num, ",\"tags\":%lu", (unsigned long)r->tags);
    er_jsonw_lit(w, num);
    er_jsonw_lit(w, ",\"key\":");
    er_jsonw_string(w, r->key);
    snprintf(num, sizeof num, ",\"year\":%d", r->year);
    er_jsonw_lit(w, num);
    er_jsonw_lit(w, ",\"completed\":");
    if (r->completed == ER_DATE_NONE) {
        er_jsonw_lit(w, "null}");
        return;
    }
    er_date_format_iso(r->completed, day);
    er_jsonw_string(w, day);
    er_jsonw_lit(w, "}");
}

er_status ledger_append(er_store *s, er_event *ev, const char *payload, ledger_batch *b,
                        er_error *err)
{
    er_jsonw w = { 0 };
    size_t i, n = payload ? strlen(payload) : 0;
    er_status rc;

    if (b->oom)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    /* the caller's object without its closing brace, then the member */
    while (n && payload[n - 1] != '}')
        n--;
    if (n > 1) {
        er_jsonw_raw(&w, payload, n - 1);
        er_jsonw_lit(&w, ",\"ledger\":[");
    } else {
        er_jsonw_lit(&w, "{\"ledger\":[");
    }
    for (i = 0; i < b->n; i++) {
        if (i)
            er_jsonw_lit(&w, ",");
        row_json(&w, &b->rows[i]);
    }
    er_jsonw_lit(&w, "]}");
    if (w.oom) {
        er_jsonw_free(&w);
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    }
    ev->payload = w.p;
    rc = er_store_append(s, ev, err);
    ev->payload = NULL;
    er_jsonw_free(&w);
    for (i = 0; rc == ER_OK && i < b->n; i++) {
        b->rows[i].event = ev->id;
        rc = er_store_ledger_add(s, &b->rows[i], err);
    }
    return rc;
}

struct current {
    er_ledger_row *out;
    bool found;
};

static int follow(void *ctx, const er_ledger_row *r)
{
    struct current *c = ctx;
    er_ledger_op op;

    if (er_ledger_op_parse(r->op, &op) != ER_OK)
        return 0;
    if (op == ER_LEDGER_AWARD) {
        *c->out = *r;
        c->found = true;
    } else if (op == ER_LEDGER_TRANSFER && c->found) {
        snprintf(c->out->supplier, sizeof c->out->supplier, "%s", r->to_supplier);
    } else if (op == ER_LEDGER_REVOKE || op == ER_LEDGER_SUPERSEDE) {
        c->found = false;
    }
    return 0;
}

er_status ledger_current(er_store *s, er_scheme_id scheme, const char *subject, er_ledger_row *out,
                         bool *found)
{
    struct current c = { .out = out };
    er_status rc = er_store_ledger_each(s, (int)scheme, subject, follow, &c);

    *found = rc == ER_OK && c.found;
    return rc;
}

er_status ledger_take_back(ledger_batch *b, const char *op, const er_ledger_row *cur)
{
    er_ledger_row *r = ledger_add(b, cur->scheme, op, cur->supplier, cur->subject);

    if (!r)
        return ER_ENOMEM;
    r->tags = cur->tags;
    snprintf(r->key, sizeof r->key, "%s", cur->key);
    r->completed = cur->completed;
    return ER_OK;
}

er_status ledger_withdraw(er_store *s, er_scheme_id scheme, const char *subject, const char *op,
                          ledger_batch *b)
{
    er_ledger_row cur;
    bool found;
    er_status rc = ledger_current(s, scheme, subject, &cur, &found);

    return rc || !found ? rc : ledger_take_back(b, op, &cur);
}

bool ledger_json_text(const cJSON *o, const char *name, char *buf, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    if (!cJSON_IsString(v) || strlen(v->valuestring) >= size)
        return false;
    memcpy(buf, v->valuestring, strlen(v->valuestring) + 1);
    return true;
}

static bool whole(const cJSON *o, const char *name, int64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    /* cJSON keeps numbers as doubles: exact up to 2^53 pence */
    if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int64_t)v->valuedouble ||
        v->valuedouble > 9007199254740992.0 || v->valuedouble < -9007199254740992.0)
        return false;
    *out = (int64_t)v->valuedouble;
    return true;
}

er_status ledger_parse(const cJSON *payload, int64_t event, ledger_batch *b)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(payload, "ledger"), *o;
    char scheme[8], day[11];
    int64_t tags, year;
    er_ledger_row r;

    if (!list)
        return ER_OK;
    if (!cJSON_IsArray(list))
        return ER_EPARSE;
    cJSON_ArrayForEach(o, list)
    {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "completed");

        memset(&r, 0, sizeof r);
        r.event = event;
        r.completed = ER_DATE_NONE;
        if (!ledger_json_text(o, "op", r.op, sizeof r.op) ||
            !ledger_json_text(o, "scheme", scheme, sizeof scheme) ||
            er_scheme_parse(scheme, &r.scheme) != ER_OK ||
            !ledger_json_text(o, "supplier", r.supplier, sizeof r.supplier) ||
            !ledger_json_text(o, "to_supplier", r.to_supplier, sizeof r.to_supplier) ||
            !ledger_json_text(o, "subject", r.subject, sizeof r.subject) ||
            !ledger_json_text(o, "key", r.key, sizeof r.key) || !whole(o, "amount", &r.amount) ||
            !whole(o, "tags", &tags) || tags < 0 || tags > UINT32_MAX || !whole(o, "year", &year) ||
            year < 0 || year > 99)
            return ER_EPARSE;
        if (!cJSON_IsNull(c) && (!ledger_json_text(o, "completed", day, sizeof day) ||
                                 er_date_parse_iso(day, &r.completed)))
            return ER_EPARSE;
        r.tags = (uint32_t)tags;
        r.year = (int)year;
        if (ledger_push(b, &r) != ER_OK)
            return ER_ENOMEM;
    }
    return ER_OK;
}

bool ledger_payload_same(const char *before, const char *now)
{
    size_t n = strlen(now);

    if (!before || n < 2 || now[n - 1] != '}')
        return false;
    n--; /* compare up to the closing brace */
    return strncmp(before, now, n) == 0 && strncmp(before + n, ",\"ledger\":", 10) == 0;
}
