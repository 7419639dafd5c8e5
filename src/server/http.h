/*
 * http.h: what the server's files share (internal to src/server): the
 * server's loaded state, one request as a handler sees it, the route
 * table's row, and the helpers every handler answers with.
 */
#ifndef ECOREG_SERVER_HTTP_H
#define ECOREG_SERVER_HTTP_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

#include "ecoreg/apikey.h"
#include "ecoreg/chmm.h"
#include "ecoreg/io.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/quote.h"
#include "ecoreg/register.h"
#include "ecoreg/server.h"
#include "ecoreg/store.h"

/* What the server loads once and every request reads (never writes). */
struct srv {
    er_server_config cfg;
    char datadir[4096];
    char webdir[4096];
    er_scheme schemes[ER_SCHEME_COUNT];
    er_quote_env quote;
    er_chmm_rules chmm;
    er_assessment_rules assessment;
    char *openapi; /* the OpenAPI document */
    size_t openapi_len;
};

/* A request's path parameter: the one {name} of its route's pattern. */
#define REQ_PARAM_MAX 256

/* One request as a handler sees it; the handler fills the answer. */
struct req {
    const struct srv *srv;
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    char param[REQ_PARAM_MAX]; /* the pattern's {name}, "" when it has none */
    const char *body;          /* the request body, NUL-terminated; "" if none */
    size_t body_len;
    er_store *store; /* this thread's connection to the register */
    /* who asks */
    er_role role;
    er_apikey key; /* when role is not public */
    char actor[ER_EVENT_TEXT_MAX];
    char at[32]; /* now, ISO 8601 UTC */
    er_date today;
    /* the answer */
    unsigned status;
    const char *type; /* Content-Type; JSON unless a handler says */
    er_jsonw out;
    int n_errors; /* errors written to `out` by req_error() */
};

/* A handler: reads `r`, writes its answer into r->status and r->out. */
typedef void (*handler_fn)(struct req *r);

/* Role bits of a route. */
#define ROLE(x) (1u << ER_ROLE_##x)
#define ROLES_KEYED                                                                                \
    (ROLE(ADMINISTRATOR) | ROLE(SUPPLIER) | ROLE(CERTIFICATION_BODY) | ROLE(INSTALLER))
#define ROLES_ALL (ROLES_KEYED | ROLE(PUBLIC))

/* One row of the route table (routes.c). */
struct route {
    const char *method;
    const char *pattern; /* "/api/v1/measures/{mrn}": at most one {param} */
    unsigned roles;      /* who may call it */
    handler_fn handler;
    const char *summary;
};

/* The route for (method, path) with its parameter into param[]: NULL when
 * none; *path_known tells whether another method serves the path (405). */
const struct route *route_find(const char *method, const char *path, char param[REQ_PARAM_MAX],
                               bool *path_known);

/* ---- answering ------------------------------------------------------ */

/* Adds one error {"field", "reason", "rule", "row"} (rule NULL and row 0
 * when none) to the answer with `status`. */
void req_error(struct req *r, unsigned status, const char *field, const char *rule, long row,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The register's error `err` of status `rc`, as the HTTP status it means:
 * ER_ENOTFOUND 404, ER_EDUPLICATE 409, ER_EINVAL/EPARSE/ERANGE 422,
 * ER_ELIMIT 413, anything else 500. */
void req_fail(struct req *r, er_status rc, const er_error *err);
/* The same 404 whether the thing is missing or another supplier's or
 * installer's (issue 6: "not even their existence"). */
void req_not_found(struct req *r, const char *what);
/* Query argument `name`, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* The request's Content-Type without parameters, "" when none. */
const char *req_content_type(const struct req *r, char *buf, size_t size);
/* Whether the body is a file in JSON (*json) or CSV, by its Content-Type;
 * false, with a 415, for any other type. */
bool req_file_type(struct req *r, bool *json);
/* The body as a JSON object (jansson, the caller's to json_decref), or
 * NULL with a 400 answer. */
struct json_t *req_json_object(struct req *r);
/* String member `name` of `o`, or NULL; with `required`, a missing or
 * non-string member is a 422 naming it. */
const char *req_member(struct req *r, struct json_t *o, const char *name, bool required);
/* Copies text `v` (a member or query value; NULL: "") into buf[size]; a
 * 422 naming `field` when it does not fit. */
void req_copy(struct req *r, const char *field, const char *v, char *buf, size_t size);
/* A day member or query value: `s` parsed; ER_DATE_NONE and a 422 naming
 * `field` when it is not YYYY-MM-DD; `dflt` when s is NULL. */
er_date req_day(struct req *r, const char *field, const char *s, er_date dflt);
/* Query number `name` in [min, max], `dflt` when absent; a 422 naming it
 * otherwise. */
long req_query_number(struct req *r, const char *name, long dflt, long min, long max);

/* A page of a list: ?limit (1 to REQ_PAGE_MAX, default REQ_PAGE_DEFAULT)
 * and ?offset; the answer's array is written by the caller, its items
 * through req_page_take(), then closed by req_page_end() with "total". */
#define REQ_PAGE_DEFAULT 1000
#define REQ_PAGE_MAX 10000
struct req_page {
    struct req *r;
    size_t limit, offset, seen, written;
};
/* Reads ?limit and ?offset; false with a 422 when either is bad. */
bool req_page_begin(struct req *r, struct req_page *p);
/* Whether the next item belongs on the page (writing the comma before it). */
bool req_page_take(struct req_page *p);
/* Closes the array and the answer: ],"total","limit","offset"}. */
void req_page_end(struct req_page *p);
/* Appends ,"history":[every event of (kind, id)]} to the answer; a 500
 * when the journal cannot be read. */
void req_history(struct req *r, const char *kind, const char *id);
/* The action a write journals: the key's owner as actor, now. */
void req_act(struct req *r, er_act *act);
/* True when a supplier key may see data of supplier `code` (others always). */
bool req_sees_supplier(const struct req *r, const char *code);
/* True when an installer key may see data of installer `id`. */
bool req_sees_installer(const struct req *r, const char *id);

/* ---- the handlers (api_*.c) ------------------------------------------ */

void api_openapi(struct req *r);
void api_routes(struct req *r);
void api_quote(struct req *r);
void api_check(struct req *r);
void api_notify(struct req *r);
void api_measures(struct req *r);
void api_measure(struct req *r);
void api_decide(struct req *r);
void api_projects(struct req *r);
void api_project(struct req *r);
void api_suppliers(struct req *r);
void api_progress(struct req *r);
void api_report(struct req *r);
void api_obligation_set(struct req *r);
void api_whoami(struct req *r);
void api_supplier_add(struct req *r);
void api_extension(struct req *r);
void api_move_request(struct req *r);
void api_move(struct req *r);
void api_move_step(struct req *r);

void api_installations(struct req *r);
void api_installation(struct req *r);
void api_certify(struct req *r);
void api_withdraw(struct req *r);
void api_certificate(struct req *r);
void api_credits(struct req *r);
void api_installers(struct req *r);
void api_installer(struct req *r);
void api_installer_apply(struct req *r);
void api_installer_step(struct req *r);
void api_complaints(struct req *r);
void api_complaint(struct req *r);
void api_complaint_submit(struct req *r);
void api_complaint_step(struct req *r);
void api_assessments(struct req *r);
void api_assessment(struct req *r);
void api_assessment_select(struct req *r);
void api_assessment_step(struct req *r);
void api_indicators(struct req *r);
void api_corrective_action(struct req *r);

#endif
