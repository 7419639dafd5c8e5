/*
 * records_json.c: the register's records as JSON, the same for the CLI
 * (`measure show`, `measures list`, `project show`) and the HTTP API: a
 * measure, an ECO4 project, one event of a history.
 */
#include <stdio.h>
#include <string.h>

#include "ecoreg/jsonw.h"
#include "ecoreg/obligation.h"
#include "ecoreg/register.h"

static void number(er_jsonw *w, int64_t n)
{
    char num[32];

    snprintf(num, sizeof num, "%lld", (long long)n);
    er_jsonw_lit(w, num);
}

/* Stored JSON (written by the register), or `empty` when there is none. */
static void stored(er_jsonw *w, const char *json, const char *empty)
{
    er_jsonw_lit(w, json && *json ? json : empty);
}

void er_measure_json(er_jsonw *w, const er_measure_rec *m)
{
    char day[11] = "";

    if (m->completion != ER_DATE_NONE)
        er_date_format_iso(m->completion, day);
    er_jsonw_lit(w, "{\"mrn\":");
    er_jsonw_string(w, m->mrn);
    er_jsonw_lit(w, ",\"scheme\":");
    er_jsonw_string(w, er_scheme_name(m->scheme));
    er_jsonw_lit(w, ",\"supplier\":");
    er_jsonw_string(w, m->supplier);
    er_jsonw_lit(w, ",\"state\":");
    er_jsonw_string(w, m->state);
    er_jsonw_lit(w, ",\"completion\":");
    er_jsonw_string(w, *day ? day : NULL);
    er_jsonw_lit(w, ",\"late_extension\":");
    er_jsonw_tristate(w, m->late_extension);
    er_jsonw_lit(w, ",\"last_event\":");
    number(w, m->last_event);
    er_jsonw_lit(w, ",\"failures\":");
    stored(w, m->failures_json, "[]");
    er_jsonw_lit(w, ",\"row\":");
    stored(w, m->row_json, "null");
    er_jsonw_lit(w, "}");
}

void er_project_json(er_jsonw *w, const er_project_rec *p)
{
    er_jsonw_lit(w, "{\"project\":");
    er_jsonw_string(w, p->project_id);
    er_jsonw_lit(w, ",\"scheme\":");
    er_jsonw_string(w, er_scheme_name(p->scheme));
    er_jsonw_lit(w, ",\"supplier\":");
    er_jsonw_string(w, p->supplier);
    er_jsonw_lit(w, ",\"state\":");
    er_jsonw_string(w, p->state);
    er_jsonw_lit(w, ",\"last_event\":");
    number(w, p->last_event);
    er_jsonw_lit(w, ",\"failures\":");
    stored(w, p->failures_json, "[]");
    er_jsonw_lit(w, ",\"row\":");
    stored(w, p->content_json, "null");
    er_jsonw_lit(w, "}");
}

void er_event_json(er_jsonw *w, const er_event *ev)
{
    bool decision = strcmp(ev->kind, "decided") == 0 || strcmp(ev->kind, "redecided") == 0;

    er_jsonw_lit(w, "{\"event\":");
    number(w, ev->id);
    er_jsonw_lit(w, ",\"at\":");
    er_jsonw_string(w, ev->at);
    er_jsonw_lit(w, ",\"actor\":");
    er_jsonw_string(w, ev->actor);
    er_jsonw_lit(w, ",\"kind\":");
    er_jsonw_string(w, ev->kind);
    er_jsonw_lit(w, ",\"from\":");
    er_jsonw_string(w, *ev->from_state ? ev->from_state : NULL);
    er_jsonw_lit(w, ",\"to\":");
    er_jsonw_string(w, ev->to_state);
    er_jsonw_lit(w, ",\"reason\":");
    er_jsonw_string(w, ev->reason);
    if (decision && ev->payload && *ev->payload) {
        er_jsonw_lit(w, ",\"score\":");
        er_jsonw_lit(w, ev->payload); /* JSON written by the register */
    }
    er_jsonw_lit(w, "}");
}

void er_move_json(er_jsonw *w, const char *id, const er_move *m, const char *state)
{
    char num[32];
    size_t i;

    er_jsonw_lit(w, "{\"id\":");
    er_jsonw_string(w, id);
    er_jsonw_lit(w, ",\"kind\":");
    er_jsonw_string(w, er_move_kind_name(m->kind));
    er_jsonw_lit(w, ",\"scheme\":");
    er_jsonw_string(w, er_scheme_name(m->scheme));
    er_jsonw_lit(w, ",\"state\":");
    er_jsonw_string(w, state);
    er_jsonw_lit(w, ",\"from\":");
    er_jsonw_string(w, m->from);
    er_jsonw_lit(w, ",\"to\":");
    er_jsonw_string(w, m->to);
    if (m->kind == ER_MOVE_TRADE) {
        snprintf(num, sizeof num, ",\"year\":%d,\"amount\":", m->year);
        er_jsonw_lit(w, num);
        er_jsonw_pennies(w, m->amount);
    } else {
        er_jsonw_lit(w, ",\"measures\":[");
        for (i = 0; i < m->n_measures; i++) {
            if (i)
                er_jsonw_lit(w, ",");
            er_jsonw_string(w, m->measures[i]);
        }
        er_jsonw_lit(w, "]");
    }
    er_jsonw_lit(w, "}");
}
