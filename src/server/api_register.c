/*
 * api_register.c: the HTTP handlers of ECO4 and GBIS (routes.c): quote,
 * check, notifications, measures and projects with their histories,
 * decisions, suppliers, obligations and reports.  Each does what its CLI
 * command does (DESIGN.md "Interfaces"), through the same register
 * functions, and answers JSON.  A supplier's key sees its own supplier's
 * data only; another's is answered as if it did not exist (issue 6).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/obligation.h"
#include "ecoreg/q.h"
#include "http.h"

/* ---- quote ----------------------------------------------------------- */

/* A quote's errors [{field, message}] as the API's errors. */
static void quote_errors(struct req *r, const char *line)
{
    json_t *doc = json_loads(line, 0, NULL), *e;
    size_t i;

    json_array_foreach(json_object_get(doc, "errors"), i, e)
    {
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, json_string_value(json_object_get(e, "field")),
                  NULL, 0, "%s", json_string_value(json_object_get(e, "message")));
    }
    if (!r->n_errors)
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, NULL, NULL, 0, "the project cannot be scored");
    json_decref(doc);
}

void api_quote(struct req *r)
{
    char *line = NULL;
    bool had_errors = false;
    er_status rc = er_quote_json(&r->srv->quote, r->body, r->body_len, &line, &had_errors);

    if (rc)
        req_fail(r, rc, NULL);
    else if (had_errors)
        quote_errors(r, line);
    else
        er_jsonw_lit(&r->out, line);
    er_free(line);
}

/* ---- files: what a body holds ------------------------------------------ */

/* A JSON body that is one object is one row: made a one-row array, which
 * the template's JSON reader takes (the caller frees *buf). */
static const char *one_row_as_file(const struct req *r, char **buf, size_t *len)
{
    const char *p = r->body + strspn(r->body, " \t\r\n");

    *buf = NULL;
    *len = r->body_len;
    if (*p != '{')
        return r->body;
    if (!(*buf = er_malloc(r->body_len + 3)))
        return NULL;
    *len = (size_t)snprintf(*buf, r->body_len + 3, "[%s]", r->body);
    return *buf;
}

/* For a supplier's key, every row's key (an MRN or a project reference)
 * must open with its code: a row of another supplier refuses the file
 * whole, before the register is asked anything about it. */
static bool rows_own(struct req *r, const char *const *keys, const long *rows, size_t n,
                     const char *column)
{
    size_t i;

    if (r->role != ER_ROLE_SUPPLIER)
        return true;
    for (i = 0; i < n; i++)
        if (strncmp(keys[i], r->key.scope, 3) != 0)
            req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, column, NULL, rows[i],
                      "'%.32s' is not a reference of supplier %s, whose key this is", keys[i],
                      r->key.scope);
    return r->n_errors == 0;
}

/* The key column and row numbers of a parsed file, for rows_own(). */
struct keys {
    const char **key;
    long *row;
};

static bool keys_alloc(struct keys *k, size_t n)
{
    k->key = er_calloc(n ? n : 1, sizeof *k->key);
    k->row = er_calloc(n ? n : 1, sizeof *k->row);
    return k->key && k->row;
}

static void keys_free(struct keys *k)
{
    er_free(k->key);
    er_free(k->row);
}

/* ---- check ------------------------------------------------------------ */

struct check_out {
    struct req *r;
    const er_gbis_row *rows;
    size_t valid, invalid;
};

static void check_row(void *ctx, size_t i, const er_gbis_outcome *o)
{
    struct check_out *k = ctx;
    er_jsonw *w = &k->r->out;
    char num[32];

    snprintf(num, sizeof num, "%ld", k->rows[i].row);
    er_jsonw_lit(w, i ? ",{\"row\":" : "{\"row\":");
    er_jsonw_lit(w, num);
    er_jsonw_lit(w, ",\"mrn\":");
    er_jsonw_string(w, k->rows[i].col[ER_GBIS_MRN]);
    er_jsonw_lit(w, o->n_failures ? ",\"valid\":false,\"failures\":"
                                  : ",\"valid\":true,\"failures\":");
    er_gbis_failures_json(w, o);
    er_jsonw_lit(w, "}");
    if (o->n_failures)
        k->invalid++;
    else
        k->valid++;
}

static er_status parse_gbis(struct req *r, bool json, er_gbis_file *f, er_error *err)
{
    char *buf;
    size_t len;
    const char *text;
    er_status rc;

    if (!json)
        return er_gbis_parse_csv(r->body, r->body_len, f, err);
    if (!(text = one_row_as_file(r, &buf, &len)))
        return ER_ENOMEM;
    rc = er_gbis_parse_json(text, len, f, err);
    er_free(buf);
    return rc;
}

/* The GBIS file (CSV or JSON by its Content-Type, else 415), parsed,
 * whose rows the caller's key may send. */
static bool gbis_file(struct req *r, er_gbis_file *f)
{
    er_error err = { 0 };
    struct keys k = { 0 };
    er_status rc;
    size_t i;
    bool ok, json;

    if (!req_file_type(r, &json))
        return false;
    if ((rc = parse_gbis(r, json, f, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        return false;
    }
    if (!keys_alloc(&k, f->n)) {
        keys_free(&k);
        req_fail(r, ER_ENOMEM, NULL);
        return false;
    }
    for (i = 0; i < f->n; i++) {
        k.key[i] = f->rows[i].col[ER_GBIS_MRN];
        k.row[i] = f->rows[i].row;
    }
    ok = rows_own(r, k.key, k.row, f->n, er_gbis_column_name(ER_GBIS_MRN));
    keys_free(&k);
    return ok;
}

/* The supplier a file is notified as: a supplier's own, else ?supplier. */
static const char *notifying(const struct req *r)
{
    return r->role == ER_ROLE_SUPPLIER ? r->key.scope : req_query(r, "supplier");
}

void api_check(struct req *r)
{
    er_gbis_file f = { 0 };
    er_register_view *view = NULL;
    er_error err = { 0 };
    struct check_out k = { .r = r };
    char num[64];
    er_gbis_context c = { .today = r->today,
                          .notifying_supplier = notifying(r),
                          .scheme = &r->srv->schemes[ER_SCHEME_GBIS] };

    if (!gbis_file(r, &f))
        goto done;
    if (er_store_begin_read(r->store, &err) || er_register_view_new(r->store, &view)) {
        req_fail(r, ER_EIO, &err);
        goto done;
    }
    er_register_view_callbacks(view, &c.reg);
    k.rows = f.rows;
    er_jsonw_lit(&r->out, "{\"rows\":[");
    if (er_gbis_check_each(&c, f.rows, f.n, check_row, &k) != ER_OK) {
        req_fail(r, ER_ENOMEM, NULL);
        goto done;
    }
    snprintf(num, sizeof num, "{\"rows\":%zu,\"valid\":%zu,\"invalid\":%zu}", f.n, k.valid,
             k.invalid);
    er_jsonw_lit(&r->out, "],\"summary\":");
    er_jsonw_lit(&r->out, num);
    er_jsonw_lit(&r->out, "}");
done:
    er_register_view_free(view);
    er_store_rollback(r->store);
    er_gbis_file_free(&f);
}

/* ---- notifications ------------------------------------------------------ */

/* What became of each row, as `ecoreg notify` prints it, with a summary. */
static void notify_answer(struct req *r, const struct keys *k, size_t n, const char *key_name,
                          const er_notify_result *res)
{
    size_t count[4] = { 0 }, i;
    char num[160];

    er_jsonw_lit(&r->out, "{\"rows\":[");
    for (i = 0; i < n; i++) {
        er_row_status st = res->status[i];

        snprintf(num, sizeof num, "%s{\"row\":%ld,\"%s\":", i ? "," : "", k->row[i], key_name);
        er_jsonw_lit(&r->out, num);
        er_jsonw_string(&r->out, k->key[i]);
        er_jsonw_lit(&r->out, ",\"status\":");
        er_jsonw_string(&r->out, er_row_status_name(st));
        er_jsonw_lit(&r->out, ",\"failures\":");
        er_jsonw_lit(&r->out, st == ER_ROW_REJECTED ? res->failures + res->failures_at[i] : "[]");
        er_jsonw_lit(&r->out, "}");
        count[st]++;
    }
    snprintf(num, sizeof num,
             "],\"summary\":{\"rows\":%zu,\"recorded\":%zu,\"rejected\":%zu,\"exists\":%zu,"
             "\"conflict\":%zu}}",
             n, count[ER_ROW_RECORDED], count[ER_ROW_REJECTED], count[ER_ROW_EXISTS],
             count[ER_ROW_CONFLICT]);
    er_jsonw_lit(&r->out, num);
}

static void notify_gbis(struct req *r, er_act *act)
{
    er_gbis_file f = { 0 };
    er_notify_result res = { 0 };
    er_error err = { 0 };
    struct keys k = { 0 };
    er_status rc;
    size_t i;

    if (!gbis_file(r, &f))
        goto done;
    if ((rc = er_register_notify_gbis(r->store, &r->srv->schemes[ER_SCHEME_GBIS], &f, act, &res,
                                      &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    if (!keys_alloc(&k, f.n)) {
        req_fail(r, ER_ENOMEM, NULL);
        goto done;
    }
    for (i = 0; i < f.n; i++) {
        k.key[i] = f.rows[i].col[ER_GBIS_MRN];
        k.row[i] = f.rows[i].row;
    }
    notify_answer(r, &k, f.n, "mrn", &res);
done:
    keys_free(&k);
    er_notify_result_free(&res);
    er_gbis_file_free(&f);
}

/* An ECO4 file of either template, told by its content. */
struct eco4_file {
    bool projects;
    er_eco4_projects pf;
    er_eco4_measures mf;
    struct keys k;
    size_t n;
};

static er_status eco4_parse(struct req *r, bool json, struct eco4_file *f, er_error *err)
{
    er_eco4_template t;
    char *buf = NULL;
    size_t len = r->body_len;
    const char *text = json ? one_row_as_file(r, &buf, &len) : r->body;
    er_status rc;

    if (!text)
        return ER_ENOMEM;
    rc =
        json ? er_eco4_json_template(text, len, &t, err) : er_eco4_csv_template(text, len, &t, err);
    if (rc == ER_OK && (f->projects = t == ER_ECO4_PROJECTS))
        rc = json ? er_eco4_parse_projects_json(text, len, &f->pf, err)
                  : er_eco4_parse_projects_csv(text, len, &f->pf, err);
    else if (rc == ER_OK)
        rc = json ? er_eco4_parse_measures_json(text, len, &f->mf, err)
                  : er_eco4_parse_measures_csv(text, len, &f->mf, err);
    er_free(buf);
    return rc;
}

static bool eco4_keys(struct eco4_file *f)
{
    size_t i;

    f->n = f->projects ? f->pf.n : f->mf.n;
    if (!keys_alloc(&f->k, f->n))
        return false;
    for (i = 0; i < f->n; i++) {
        f->k.key[i] =
            f->projects ? f->pf.rows[i].col[ER_ECO4P_PROJECT_REF] : f->mf.rows[i].col[ER_ECO4M_MRN];
        f->k.row[i] = f->projects ? f->pf.rows[i].row : f->mf.rows[i].row;
    }
    return true;
}

static void notify_eco4(struct req *r, er_act *act)
{
    const er_scheme *eco4 = &r->srv->schemes[ER_SCHEME_ECO4];
    struct eco4_file f = { 0 };
    er_notify_result res = { 0 };
    er_error err = { 0 };
    er_status rc;
    bool json;

    if (!req_file_type(r, &json))
        return;
    if ((rc = eco4_parse(r, json, &f, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    if (!eco4_keys(&f)) {
        req_fail(r, ER_ENOMEM, NULL);
        goto done;
    }
    if (!rows_own(r, f.k.key, f.k.row, f.n,
                  f.projects ? er_eco4_project_column_name(ER_ECO4P_PROJECT_REF)
                             : er_eco4_measure_column_name(ER_ECO4M_MRN)))
        goto done;
    rc = f.projects ? er_register_notify_eco4_projects(r->store, eco4, &f.pf, act, &res, &err)
                    : er_register_notify_eco4_measures(r->store, eco4, &f.mf, act, &res, &err);
    if (rc)
        req_fail(r, rc, &err);
    else
        notify_answer(r, &f.k, f.n, f.projects ? "project" : "mrn", &res);
done:
    keys_free(&f.k);
    er_notify_result_free(&res);
    er_eco4_projects_free(&f.pf);
    er_eco4_measures_free(&f.mf);
}

void api_notify(struct req *r)
{
    const char *scheme = req_query(r, "scheme");
    er_act act;

    req_act(r, &act);
    if (r->role != ER_ROLE_SUPPLIER)
        act.supplier = req_query(r, "supplier");
    if (scheme && strcmp(scheme, "gbis") == 0)
        notify_gbis(r, &act);
    else if (scheme && strcmp(scheme, "eco4") == 0)
        notify_eco4(r, &act);
    else
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "scheme", NULL, 0,
                  "the query names the scheme: ?scheme=gbis or ?scheme=eco4");
}

/* ---- lists ------------------------------------------------------------- */

static bool measure_filter(struct req *r, er_measure_filter *f)
{
    const char *scheme = req_query(r, "scheme");
    er_scheme_id id;

    memset(f, 0, sizeof *f);
    f->scheme = -1;
    if (scheme && er_scheme_parse(scheme, &id) != ER_OK)
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "scheme", NULL, 0, "eco4 or gbis");
    else if (scheme)
        f->scheme = (int)id;
    req_copy(r, "supplier", req_query(r, "supplier"), f->supplier, sizeof f->supplier);
    req_copy(r, "state", req_query(r, "state"), f->state, sizeof f->state);
    req_copy(r, "project", req_query(r, "project"), f->project_id, sizeof f->project_id);
    f->completed_from = req_day(r, "from", req_query(r, "from"), ER_DATE_NONE);
    f->completed_to = req_day(r, "to", req_query(r, "to"), ER_DATE_NONE);
    return r->n_errors == 0;
}

static int measure_item(void *ctx, const er_measure_rec *m)
{
    struct req_page *p = ctx;

    if (req_page_take(p))
        er_measure_json(&p->r->out, m);
    return 0;
}

void api_measures(struct req *r)
{
    er_measure_filter f;
    struct req_page p;

    if (!measure_filter(r, &f) || !req_page_begin(r, &p))
        return;
    er_jsonw_lit(&r->out, "{\"measures\":[");
    /* a supplier's key lists its own measures: another's ?supplier, none */
    if (r->role == ER_ROLE_SUPPLIER && *f.supplier && strcmp(f.supplier, r->key.scope) != 0) {
        req_page_end(&p);
        return;
    }
    if (r->role == ER_ROLE_SUPPLIER)
        snprintf(f.supplier, sizeof f.supplier, "%.3s", r->key.scope);
    if (er_store_measure_each(r->store, &f, measure_item, &p) != ER_OK) {
        req_fail(r, ER_EIO, NULL);
        return;
    }
    req_page_end(&p);
}

void api_measure(struct req *r)
{
    er_measure_rec m;

    memset(&m, 0, sizeof m);
    if (er_store_measure_get(r->store, r->param, &m) != ER_OK ||
        !req_sees_supplier(r, m.supplier)) {
        req_not_found(r, "measure");
    } else {
        er_jsonw_lit(&r->out, "{\"measure\":");
        er_measure_json(&r->out, &m);
        req_history(r, "measure", r->param);
    }
    er_store_measure_free(&m);
}

void api_decide(struct req *r)
{
    json_t *body = req_json_object(r);
    const char *decision = body ? req_member(r, body, "decision", true) : NULL;
    const char *reason = body ? req_member(r, body, "reason", true) : NULL;
    er_error err = { 0 };
    er_measure_rec m;
    er_decision d;
    er_status rc;
    er_act act;

    memset(&m, 0, sizeof m);
    if (r->n_errors)
        goto done;
    if (er_decision_parse(decision, &d) != ER_OK) {
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "decision", NULL, 0,
                  "approve, reject or revoke, not '%.20s'", decision);
        goto done;
    }
    if (er_store_measure_get(r->store, r->param, &m) != ER_OK) {
        req_not_found(r, "measure");
        goto done;
    }
    req_act(r, &act);
    if ((rc = er_register_decide_with(r->store, &r->srv->schemes[m.scheme], &act, r->param, d,
                                      reason, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    er_store_measure_free(&m);
    memset(&m, 0, sizeof m);
    er_store_measure_get(r->store, r->param, &m);
    er_jsonw_lit(&r->out, "{\"measure\":");
    er_measure_json(&r->out, &m);
    er_jsonw_lit(&r->out, "}");
done:
    er_store_measure_free(&m);
    json_decref(body);
}

/* ---- projects, suppliers ------------------------------------------------ */

struct project_list {
    struct req_page p;
    const char *state;
};

static int project_item(void *ctx, const er_project_rec *rec)
{
    struct project_list *l = ctx;

    if (!req_sees_supplier(l->p.r, rec->supplier) || (l->state && strcmp(l->state, rec->state)))
        return 0;
    if (req_page_take(&l->p))
        er_project_json(&l->p.r->out, rec);
    return 0;
}

void api_projects(struct req *r)
{
    struct project_list l = { .state = req_query(r, "state") };

    if (!req_page_begin(r, &l.p))
        return;
    er_jsonw_lit(&r->out, "{\"projects\":[");
    if (er_store_project_each(r->store, project_item, &l) != ER_OK) {
        req_fail(r, ER_EIO, NULL);
        return;
    }
    req_page_end(&l.p);
}

void api_project(struct req *r)
{
    er_project_rec p;

    memset(&p, 0, sizeof p);
    if (er_store_project_get(r->store, r->param, &p) != ER_OK ||
        !req_sees_supplier(r, p.supplier)) {
        req_not_found(r, "project");
    } else {
        er_jsonw_lit(&r->out, "{\"project\":");
        er_project_json(&r->out, &p);
        req_history(r, "project", r->param);
    }
    er_store_project_free(&p);
}

static int supplier_item(void *ctx, const er_supplier *sup)
{
    struct req_page *p = ctx;

    if (!req_sees_supplier(p->r, sup->code) || !req_page_take(p))
        return 0;
    er_jsonw_lit(&p->r->out, "{\"code\":");
    er_jsonw_string(&p->r->out, sup->code);
    er_jsonw_lit(&p->r->out, ",\"name\":");
    er_jsonw_string(&p->r->out, sup->name);
    er_jsonw_lit(&p->r->out, "}");
    return 0;
}

void api_suppliers(struct req *r)
{
    struct req_page p;

    if (!req_page_begin(r, &p))
        return;
    er_jsonw_lit(&r->out, "{\"suppliers\":[");
    er_store_supplier_each(r->store, supplier_item, &p);
    req_page_end(&p);
}

void api_supplier_add(struct req *r)
{
    json_t *body = req_json_object(r);
    const char *code = body ? req_member(r, body, "code", true) : NULL;
    const char *name = body ? req_member(r, body, "name", true) : NULL;
    er_supplier sup = { .code = "" };
    er_error err = { 0 };
    er_status rc;
    er_act act;

    req_copy(r, "code", code, sup.code, sizeof sup.code);
    req_copy(r, "name", name, sup.name, sizeof sup.name);
    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_supplier_add(r->store, &act, &sup, &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    r->status = MHD_HTTP_CREATED;
    er_jsonw_lit(&r->out, "{\"supplier\":{\"code\":");
    er_jsonw_string(&r->out, sup.code);
    er_jsonw_lit(&r->out, ",\"name\":");
    er_jsonw_string(&r->out, sup.name);
    er_jsonw_lit(&r->out, "}}");
done:
    json_decref(body);
}

/* ECO4 Order art. 44; GBIS "Extended Notification": more time to notify. */
void api_extension(struct req *r)
{
    json_t *body = req_json_object(r);
    const char *reference = body ? req_member(r, body, "reference", true) : NULL;
    const char *reason = body ? req_member(r, body, "reason", true) : NULL;
    er_date until =
        body ? req_day(r, "until", req_member(r, body, "until", true), ER_DATE_NONE) : ER_DATE_NONE;
    char day[11], ref[64];
    er_error err = { 0 };
    er_status rc;
    er_act act;

    if (r->n_errors)
        goto done;
    req_act(r, &act);
    if ((rc = er_register_extension_grant(r->store, &act, r->param, reference, until, reason,
                                          &err)) != ER_OK ||
        (rc = er_register_extension_get(r->store, r->param, &until, ref)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    er_date_format_iso(until, day);
    er_jsonw_lit(&r->out, "{\"extension\":{\"mrn\":");
    er_jsonw_string(&r->out, r->param);
    er_jsonw_lit(&r->out, ",\"reference\":");
    er_jsonw_string(&r->out, ref);
    er_jsonw_lit(&r->out, ",\"until\":");
    er_jsonw_string(&r->out, day);
    er_jsonw_lit(&r->out, "}}");
done:
    json_decref(body);
}

/* ---- obligations and reports ------------------------------------------- */

/* Writes report `rep` as `kind` in ?format into the answer. */
static void report_answer(struct req *r, er_progress_report *rep, er_report_kind kind,
                          const char *month, er_date until)
{
    const char *fmt = req_query(r, "format");
    er_report_format format = ER_FORMAT_JSON;
    char title[96], *text = NULL;
    size_t len = 0;
    FILE *f;

    if (fmt && er_report_format_parse(fmt, &format) != ER_OK) {
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "format", NULL, 0, "json, csv or html");
        return;
    }
    er_report_title(title, sizeof title, rep->scheme, kind, month, until);
    if (!(f = open_memstream(&text, &len)) || er_report_write(f, rep, kind, format, title) ||
        fclose(f)) {
        free(text);
        req_fail(r, ER_ENOMEM, NULL);
        return;
    }
    er_jsonw_raw(&r->out, text, len);
    free(text);
    r->type = format == ER_FORMAT_CSV    ? "text/csv; charset=utf-8"
              : format == ER_FORMAT_HTML ? "text/html; charset=utf-8"
                                         : "application/json";
}

/* A supplier's key sees its own line of the report, and no total of
 * others' delivery. */
static void report_own(const struct req *r, er_progress_report *rep)
{
    size_t i, n = 0;

    if (r->role != ER_ROLE_SUPPLIER)
        return;
    for (i = 0; i < rep->n; i++)
        if (strcmp(rep->suppliers[i].supplier, r->key.scope) == 0)
            rep->suppliers[n++] = rep->suppliers[i];
    rep->n = n;
    rep->n_months = 0;
}

/* The scheme ?scheme names into *id; false with a 422 when none. */
static bool scheme_query(struct req *r, er_scheme_id *id)
{
    const char *scheme = req_query(r, "scheme");

    if (scheme && er_scheme_parse(scheme, id) == ER_OK)
        return true;
    req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "scheme", NULL, 0,
              "the query names the scheme: ?scheme=eco4 or ?scheme=gbis");
    return false;
}

static void report(struct req *r, er_scheme_id id, er_report_kind kind, er_date until,
                   const char *month)
{
    er_progress_report rep = { 0 };
    er_error err = { 0 };
    er_status rc;

    if ((rc = er_store_begin_read(r->store, &err)) ||
        (rc = er_obligation_progress(r->store, &r->srv->schemes[id], until, &rep, &err))) {
        req_fail(r, rc, &err);
    } else {
        report_own(r, &rep);
        report_answer(r, &rep, kind, month, until);
    }
    er_store_rollback(r->store);
    er_progress_report_free(&rep);
}

void api_progress(struct req *r)
{
    er_date until = req_day(r, "until", req_query(r, "until"), ER_DATE_NONE);
    er_scheme_id id;

    if (!r->n_errors && scheme_query(r, &id))
        report(r, id, ER_REPORT_PROGRESS, until, "");
}

void api_report(struct req *r)
{
    const char *m = req_query(r, "month");
    er_date until = req_day(r, "until", req_query(r, "until"), ER_DATE_NONE);
    char month[16] = "";
    er_scheme_id id;

    if (strcmp(r->param, "progress") != 0 && strcmp(r->param, "monthly") != 0 &&
        strcmp(r->param, "final") != 0) {
        req_error(r, MHD_HTTP_NOT_FOUND, "kind", NULL, 0,
                  "no report '%.20s': progress, monthly or final", r->param);
        return;
    }
    if (strcmp(r->param, "monthly") == 0 && (!m || !er_report_month_parse(m, &until, month)))
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "month", NULL, 0,
                  "a monthly report names its month: ?month=YYYY-MM");
    if (r->n_errors || !scheme_query(r, &id))
        return;
    if (strcmp(r->param, "final") == 0)
        report(r, id, ER_REPORT_FINAL, ER_DATE_NONE, "");
    else
        report(r, id, *month ? ER_REPORT_MONTHLY : ER_REPORT_PROGRESS, until, month);
}

/* The requirement a body sets, with its amount: "amount" in pounds (the
 * obligation or target), "efg_minimum" in pounds, "solid_wall_minimum" in
 * premises (obligation.h). */
static bool requirement_of(struct req *r, json_t *body, er_requirement *what, int64_t *amount)
{
    static const char *const names[] = { "amount", "solid_wall_minimum", "efg_minimum" };
    size_t i, n = 0;
    const char *v;

    for (i = 0; i < 3; i++) {
        if (!(v = req_member(r, body, names[i], false)))
            continue;
        n++;
        *what = i == 0   ? ER_REQ_OBLIGATION
                : i == 1 ? ER_REQ_SOLID_WALL_MINIMUM
                         : ER_REQ_EFG_MINIMUM;
        if (er_q_parse_units(v, *what == ER_REQ_SOLID_WALL_MINIMUM ? 1 : 100, amount) != ER_OK)
            req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, names[i], NULL, 0,
                      *what == ER_REQ_SOLID_WALL_MINIMUM
                          ? "a whole number of premises, as a string"
                          : "pounds to the penny, as a string such as \"1234.56\"");
    }
    if (n != 1 && !r->n_errors)
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "amount", NULL, 0,
                  "one of amount, solid_wall_minimum or efg_minimum");
    return r->n_errors == 0;
}

void api_obligation_set(struct req *r)
{
    json_t *body = req_json_object(r);
    const char *scheme = body ? req_member(r, body, "scheme", true) : NULL;
    const char *supplier = body ? req_member(r, body, "supplier", true) : NULL;
    const char *reason = body ? req_member(r, body, "reason", true) : NULL;
    json_t *year = body ? json_object_get(body, "year") : NULL;
    er_requirement what = ER_REQ_OBLIGATION;
    er_error err = { 0 };
    er_scheme_id id = ER_SCHEME_ECO4;
    int64_t amount = 0;
    er_status rc;
    er_act act;

    if (scheme && er_scheme_parse(scheme, &id) != ER_OK)
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "scheme", NULL, 0, "eco4 or gbis");
    if (year && !json_is_integer(year))
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, "year", NULL, 0, "1, 2 or 3 (GBIS)");
    if (r->n_errors || !requirement_of(r, body, &what, &amount))
        goto done;
    req_act(r, &act);
    if ((rc = er_register_obligation_set(r->store, &act, id, supplier, what,
                                         year ? (int)json_integer_value(year) : 0, amount, reason,
                                         &err)) != ER_OK) {
        req_fail(r, rc, &err);
        goto done;
    }
    report(r, id, ER_REPORT_PROGRESS, ER_DATE_NONE, "");
done:
    json_decref(body);
}
