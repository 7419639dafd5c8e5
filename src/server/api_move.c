/*
 * api_move.c: the HTTP handlers of trades and transfers (obligation.h;
 * seed 004 ch. 5 "Trading and Transfers"; docs/ledger.md): the supplier
 * giving requests, the supplier receiving accepts, the administrator
 * approves or refuses.  A supplier's key acts as its own supplier only
 * (the register checks act->supplier against the request's sides) and
 * sees the requests it is a side of; any other is answered as missing.
 */
#include <jansson.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/obligation.h"
#include "ecoreg/q.h"
#include "http.h"

#define UNPROCESSABLE MHD_HTTP_UNPROCESSABLE_CONTENT

/* Trades or transfers, by the route's path. */
static er_move_kind kind_of(const struct req *r)
{
    return strncmp(r->path, "/api/v1/trades", 14) == 0 ? ER_MOVE_TRADE : ER_MOVE_TRANSFER;
}

/* A trade's year and amount: "amount" pounds to the penny, as a string. */
static void trade_members(struct req *r, json_t *o, er_move *m)
{
    const char *amount = req_member(r, o, "amount", true);
    json_t *year = json_object_get(o, "year");

    if (year && !json_is_integer(year))
        req_error(r, UNPROCESSABLE, "year", NULL, 0, "the GBIS target year: 1, 2 or 3");
    m->year = year ? (int)json_integer_value(year) : 0;
    /* more than 0: the register's check (er_register_move_request) */
    if (amount && er_q_parse_units(amount, 100, &m->amount) != ER_OK)
        req_error(r, UNPROCESSABLE, "amount", NULL, 0,
                  "pounds to the penny, as a string such as \"500.00\"");
}

/* A transfer's measures: an array of MRNs (owned by m: er_move_free). */
static void transfer_members(struct req *r, json_t *o, er_move *m)
{
    json_t *a = json_object_get(o, "measures"), *v;
    size_t i;

    if (!json_is_array(a) || json_array_size(a) == 0 ||
        !(m->measures = er_calloc(json_array_size(a), sizeof *m->measures))) {
        req_error(r, UNPROCESSABLE, "measures", NULL, 0, "an array of at least one MRN");
        return;
    }
    json_array_foreach(a, i, v)
    {
        const char *mrn = json_string_value(v);

        if (!mrn || strlen(mrn) == 0 || strlen(mrn) >= ER_MRN_MAX) {
            req_error(r, UNPROCESSABLE, "measures", NULL, 0, "item %zu is not an MRN", i + 1);
            return;
        }
        memcpy(m->measures[m->n_measures++], mrn, strlen(mrn) + 1);
    }
}

/* Writes {"trade"|"transfer": {...}, "history": [...]} of request `id`;
 * a 404 when none or, for a supplier's key, not one of its own. */
static void move_answer(struct req *r, er_move_kind kind, const char *id)
{
    char state[ER_STATE_MAX];
    er_error err = { 0 };
    er_move m = { .n_measures = 0 };

    if (er_register_move_get(r->store, kind, id, &m, state, &err) != ER_OK ||
        (!req_sees_supplier(r, m.from) && !req_sees_supplier(r, m.to))) {
        req_error(r, MHD_HTTP_NOT_FOUND, NULL, NULL, 0, "no %s %s", er_move_kind_name(kind), id);
    } else {
        er_jsonw_lit(&r->out, kind == ER_MOVE_TRADE ? "{\"trade\":" : "{\"transfer\":");
        er_move_json(&r->out, id, &m, state);
        req_history(r, er_move_kind_name(kind), id);
    }
    er_move_free(&m);
}

void api_move_request(struct req *r)
{
    json_t *o = req_json_object(r);
    er_move m = { .kind = kind_of(r), .scheme = ER_SCHEME_COUNT };
    const char *scheme = o ? req_member(r, o, "scheme", true) : NULL;
    const char *reason = o ? req_member(r, o, "reason", true) : NULL;
    char id[ER_EVENT_TEXT_MAX];
    er_error err = { 0 };
    er_status rc;
    er_act act;

    if (!o)
        return;
    if (scheme && er_scheme_parse(scheme, &m.scheme) != ER_OK)
        req_error(r, UNPROCESSABLE, "scheme", NULL, 0, "eco4 or gbis");
    req_copy(r, "from", req_member(r, o, "from", true), m.from, sizeof m.from);
    req_copy(r, "to", req_member(r, o, "to", true), m.to, sizeof m.to);
    if (m.kind == ER_MOVE_TRADE)
        trade_members(r, o, &m);
    else
        transfer_members(r, o, &m);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_move_request(r->store, &r->srv->schemes[m.scheme], &act, &m, reason, id,
                                       &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    r->status = MHD_HTTP_CREATED;
    move_answer(r, m.kind, id);
done:
    er_move_free(&m);
    json_decref(o);
}

void api_move(struct req *r)
{
    move_answer(r, kind_of(r), r->param);
}

void api_move_step(struct req *r)
{
    json_t *o = req_json_object(r);
    const char *step = o ? req_member(r, o, "step", true) : NULL;
    const char *reason = o ? req_member(r, o, "reason", true) : NULL;
    char state[ER_STATE_MAX];
    er_move m = { .n_measures = 0 };
    er_move_kind kind = kind_of(r);
    er_move_step st = ER_MOVE_ACCEPT;
    er_error err = { 0 };
    er_status rc;
    er_act act;

    if (!o)
        return;
    if (step && er_move_step_parse(step, &st) != ER_OK)
        req_error(r, UNPROCESSABLE, "step", NULL, 0, "accept, approve or refuse");
    if (r->n_errors)
        goto done;
    if (er_register_move_get(r->store, kind, r->param, &m, state, &err) != ER_OK ||
        (!req_sees_supplier(r, m.from) && !req_sees_supplier(r, m.to))) {
        req_not_found(r, er_move_kind_name(kind));
        goto done;
    }
    /* the receiving supplier accepts; the administrator decides */
    if ((st == ER_MOVE_ACCEPT) != (r->role == ER_ROLE_SUPPLIER)) {
        req_error(r, MHD_HTTP_FORBIDDEN, "step", NULL, 0,
                  st == ER_MOVE_ACCEPT ? "the receiving supplier's key accepts a request"
                                       : "the administrator approves or refuses a request");
        goto done;
    }
    req_act(r, &act);
    if ((rc = er_register_move_step(r->store, &r->srv->schemes[m.scheme], &act, kind, r->param, st,
                                    reason, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    move_answer(r, kind, r->param);
done:
    er_move_free(&m);
    json_decref(o);
}
