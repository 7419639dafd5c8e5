/*
 * server.c: `ecoreg serve` (server.h) on libmicrohttpd.  A pool of worker
 * threads, each with its own connection to the register (SQLite in WAL
 * mode lets readers and one writer work at once); a request's body is
 * gathered up to the stated maximum, then the route table (routes.c) says
 * who may call what, and the handler answers.  Everything outside
 * /api/v1 is a static file of the web interface.  SIGTERM or SIGINT stops
 * the server after the requests in flight.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ecoreg/alloc.h"
#include "http.h"

#ifndef ECOREG_WEBDIR
#define ECOREG_WEBDIR "src/server/web"
#endif
/* Debian's libjs-chart.js (DESIGN.md: a maintained package, not our code). */
#define CHARTJS_DEBIAN "/usr/share/javascript/chart.js/chart.min.js"

/* The state of one request between libmicrohttpd's calls. */
struct pending {
    char *body;
    size_t len, cap;
    bool too_large;
};

static atomic_int in_flight;

/* ---- each worker thread's register connection ----------------------- */

static pthread_key_t store_key;
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void store_close(void *p)
{
    er_store_close(p);
}

static void store_key_make(void)
{
    pthread_key_create(&store_key, store_close);
}

static er_store *thread_store(const struct srv *srv)
{
    er_store *s = pthread_getspecific(store_key);
    er_error err = { 0 };

    if (!s && er_store_open(srv->cfg.db, &s, &err) == ER_OK)
        pthread_setspecific(store_key, s);
    return s;
}

/* ---- answering ------------------------------------------------------ */

void req_error(struct req *r, unsigned status, const char *field, const char *rule, long row,
               const char *fmt, ...)
{
    char reason[ER_ERROR_MESSAGE_MAX + 64], num[32];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (r->n_errors++ == 0) {
        r->out.len = 0;
        er_jsonw_lit(&r->out, "{\"errors\":[");
        r->status = status;
    } else {
        er_jsonw_lit(&r->out, ",");
    }
    er_jsonw_lit(&r->out, "{\"field\":");
    er_jsonw_string(&r->out, field && *field ? field : NULL);
    er_jsonw_lit(&r->out, ",\"reason\":");
    er_jsonw_string(&r->out, reason);
    er_jsonw_lit(&r->out, ",\"rule\":");
    er_jsonw_string(&r->out, rule);
    if (row > 0) {
        snprintf(num, sizeof num, "%ld", row);
        er_jsonw_lit(&r->out, ",\"row\":");
        er_jsonw_lit(&r->out, num);
    }
    er_jsonw_lit(&r->out, "}");
}

void req_fail(struct req *r, er_status rc, const er_error *err)
{
    unsigned status = rc == ER_ENOTFOUND    ? MHD_HTTP_NOT_FOUND
                      : rc == ER_EDUPLICATE ? MHD_HTTP_CONFLICT
                      : rc == ER_ELIMIT     ? MHD_HTTP_CONTENT_TOO_LARGE
                      : rc == ER_EINVAL || rc == ER_EPARSE || rc == ER_ERANGE
                          ? MHD_HTTP_UNPROCESSABLE_CONTENT
                          : MHD_HTTP_INTERNAL_SERVER_ERROR;

    req_error(r, status, err ? err->field : NULL, NULL, err ? err->row : 0, "%s",
              err && *err->message ? err->message : er_strerror(rc));
}

void req_not_found(struct req *r, const char *what)
{
    req_error(r, MHD_HTTP_NOT_FOUND, NULL, NULL, 0, "no %s %s", what, r->param);
}

const char *req_query(const struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_content_type(const struct req *r, char *buf, size_t size)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    size_t n = v ? strcspn(v, "; \t") : 0;

    if (n >= size)
        n = 0;
    memcpy(buf, v ? v : "", n);
    buf[n] = '\0';
    return buf;
}

bool req_file_type(struct req *r, bool *json)
{
    char type[64];

    req_content_type(r, type, sizeof type);
    *json = strcasecmp(type, "application/json") == 0;
    if (*json || strcasecmp(type, "text/csv") == 0)
        return true;
    req_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Type", NULL, 0,
              "a file is sent as text/csv or application/json, not '%.40s'", type);
    return false;
}

json_t *req_json_object(struct req *r)
{
    json_error_t je;
    json_t *o = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);

    if (!o) {
        req_error(r, MHD_HTTP_BAD_REQUEST, "body", NULL, 0,
                  "the body is not JSON: %s (line %d, column %d)", je.text, je.line, je.column);
        return NULL;
    }
    if (!json_is_object(o)) {
        json_decref(o);
        req_error(r, MHD_HTTP_BAD_REQUEST, "body", NULL, 0, "the body is not a JSON object");
        return NULL;
    }
    return o;
}

const char *req_member(struct req *r, json_t *o, const char *name, bool required)
{
    json_t *v = json_object_get(o, name);

    if (json_is_string(v))
        return json_string_value(v);
    if (required || (v && !json_is_null(v)))
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, name, NULL, 0,
                  v ? "must be a string" : "is required");
    return NULL;
}

void req_copy(struct req *r, const char *field, const char *v, char *buf, size_t size)
{
    size_t n = v ? strlen(v) : 0;

    if (n >= size) {
        req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, field, NULL, 0, "is longer than %zu bytes",
                  size - 1);
        return;
    }
    memcpy(buf, v ? v : "", n);
    buf[n] = '\0';
}

er_date req_day(struct req *r, const char *field, const char *s, er_date dflt)
{
    er_date d;

    if (!s)
        return dflt;
    if (er_date_parse_iso(s, &d) == ER_OK)
        return d;
    req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, field, NULL, 0, "'%.20s' is not a day YYYY-MM-DD",
              s);
    return ER_DATE_NONE;
}

void req_act(struct req *r, er_act *act)
{
    memset(act, 0, sizeof *act);
    act->actor = r->actor;
    act->at = r->at;
    act->today = r->today;
    act->supplier = r->role == ER_ROLE_SUPPLIER ? r->key.scope : NULL;
}

bool req_sees_supplier(const struct req *r, const char *code)
{
    return r->role != ER_ROLE_SUPPLIER || strcmp(r->key.scope, code) == 0;
}

bool req_sees_installer(const struct req *r, const char *id)
{
    return r->role != ER_ROLE_INSTALLER || strcmp(r->key.scope, id) == 0;
}

long req_query_number(struct req *r, const char *name, long dflt, long min, long max)
{
    const char *v = req_query(r, name);
    char *end;
    long n;

    if (!v)
        return dflt;
    errno = 0;
    n = strtol(v, &end, 10);
    if (*v && !*end && !errno && n >= min && n <= max)
        return n;
    req_error(r, MHD_HTTP_UNPROCESSABLE_CONTENT, name, NULL, 0,
              "'%.20s' is not a whole number from %ld to %ld", v, min, max);
    return dflt;
}

bool req_page_begin(struct req *r, struct req_page *p)
{
    memset(p, 0, sizeof *p);
    p->r = r;
    p->limit = (size_t)req_query_number(r, "limit", REQ_PAGE_DEFAULT, 1, REQ_PAGE_MAX);
    p->offset = (size_t)req_query_number(r, "offset", 0, 0, LONG_MAX);
    return r->n_errors == 0;
}

bool req_page_take(struct req_page *p)
{
    if (p->seen++ < p->offset || p->written >= p->limit)
        return false;
    if (p->written++)
        er_jsonw_lit(&p->r->out, ",");
    return true;
}

void req_page_end(struct req_page *p)
{
    char num[96];

    snprintf(num, sizeof num, "],\"total\":%zu,\"limit\":%zu,\"offset\":%zu}", p->seen, p->limit,
             p->offset);
    er_jsonw_lit(&p->r->out, num);
}

static int history_event(void *ctx, const er_event *ev)
{
    struct req_page *p = ctx;

    if (req_page_take(p))
        er_event_json(&p->r->out, ev);
    return 0;
}

void req_history(struct req *r, const char *kind, const char *id)
{
    struct req_page p = { .r = r, .limit = (size_t)-1 };
    er_status rc;

    er_jsonw_lit(&r->out, ",\"history\":[");
    if ((rc = er_store_events(r->store, kind, id, history_event, &p)) != ER_OK) {
        req_fail(r, rc, NULL);
        return;
    }
    er_jsonw_lit(&r->out, "]}");
}

void api_openapi(struct req *r)
{
    er_jsonw_raw(&r->out, r->srv->openapi, r->srv->openapi_len);
}

void api_whoami(struct req *r)
{
    er_jsonw_lit(&r->out, "{\"role\":");
    er_jsonw_string(&r->out, er_role_name(r->role));
    er_jsonw_lit(&r->out, ",\"scope\":");
    er_jsonw_string(&r->out, r->role == ER_ROLE_PUBLIC ? NULL : r->key.scope);
    er_jsonw_lit(&r->out, ",\"owner\":");
    er_jsonw_string(&r->out, r->role == ER_ROLE_PUBLIC ? NULL : r->key.owner);
    er_jsonw_lit(&r->out, ",\"key\":");
    er_jsonw_string(&r->out, r->role == ER_ROLE_PUBLIC ? NULL : r->key.id);
    er_jsonw_lit(&r->out, "}");
}

/* ---- sending -------------------------------------------------------- */

static void free_buffer(void *p)
{
    er_free(p);
}

static enum MHD_Result send_buffer(struct MHD_Connection *conn, unsigned status, const char *type,
                                   er_jsonw *w, const char *extra_name, const char *extra)
{
    struct MHD_Response *res;
    enum MHD_Result ok;

    if (w->oom) {
        er_jsonw_free(w);
        res = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    } else {
        res = MHD_create_response_from_buffer_with_free_callback(w->len, w->p, free_buffer);
        w->p = NULL;
    }
    if (!res)
        return MHD_NO;
    MHD_add_response_header(res, "Content-Type", type);
    MHD_add_response_header(res, "Cache-Control", "no-store");
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    if (extra_name)
        MHD_add_response_header(res, extra_name, extra);
    ok = MHD_queue_response(conn, status, res);
    MHD_destroy_response(res);
    return ok;
}

/* A JSON error answer without a handler (limits, routing, keys). */
static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *field,
                                  const char *reason, const char *extra_name, const char *extra)
{
    er_jsonw w = { 0 };

    er_jsonw_lit(&w, "{\"errors\":[{\"field\":");
    er_jsonw_string(&w, field);
    er_jsonw_lit(&w, ",\"reason\":");
    er_jsonw_string(&w, reason);
    er_jsonw_lit(&w, ",\"rule\":null}]}");
    return send_buffer(conn, status, "application/json", &w, extra_name, extra);
}

/* ---- static files ---------------------------------------------------- */

static const struct {
    const char *ext, *type;
} types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".json", "application/json" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".ico", "image/x-icon" },
    { ".csv", "text/csv; charset=utf-8" },
    { ".txt", "text/plain; charset=utf-8" },
};

static const char *type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    size_t i;

    for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

/* Only plain names below the web directory: no "..", no hidden files. */
static bool safe_path(const char *url)
{
    size_t n = strlen(url);

    return n < 256 && url[0] == '/' &&
           strspn(url, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-") == n &&
           !strstr(url, "/.") && !strstr(url, "//");
}

static enum MHD_Result send_file(const struct srv *srv, struct MHD_Connection *conn,
                                 const char *method, const char *url)
{
    char path[4400];
    const char *type;
    struct MHD_Response *res;
    struct stat st;
    enum MHD_Result ok;
    int fd;

    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
                          "the web interface's files are read with GET", "Allow", "GET, HEAD");
    if (strcmp(url, "/") == 0)
        url = "/index.html";
    if (strcmp(url, "/vendor/chart.js") == 0)
        snprintf(path, sizeof path, "%s", srv->cfg.chartjs ? srv->cfg.chartjs : CHARTJS_DEBIAN);
    else if (safe_path(url))
        snprintf(path, sizeof path, "%s%s", srv->webdir, url);
    else
        path[0] = '\0';
    type = type_of(path);
    if (!*path || !type || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return send_error(conn, MHD_HTTP_NOT_FOUND, NULL, "no such page", NULL, NULL);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return send_error(conn, MHD_HTTP_NOT_FOUND, NULL, "no such page", NULL, NULL);
    }
    if (!(res = MHD_create_response_from_fd((uint64_t)st.st_size, fd))) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(res, "Content-Type", type);
    MHD_add_response_header(res, "Cache-Control", "no-cache");
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(res, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    ok = MHD_queue_response(conn, MHD_HTTP_OK, res);
    MHD_destroy_response(res);
    return ok;
}

/* ---- who asks -------------------------------------------------------- */

/* The caller's role from "Authorization: Bearer KEY"; false (with the
 * answer sent) for a key the register does not hold active. */
static bool authenticate(struct req *r)
{
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");

    r->role = ER_ROLE_PUBLIC;
    snprintf(r->actor, sizeof r->actor, "api:public");
    if (!h)
        return true;
    if (strncmp(h, "Bearer ", 7) != 0 ||
        er_register_apikey_check(r->store, h + 7, &r->key) != ER_OK) {
        send_error(r->conn, MHD_HTTP_UNAUTHORIZED, "Authorization", "the key is unknown or revoked",
                   "WWW-Authenticate", "Bearer");
        return false;
    }
    r->role = r->key.role;
    er_apikey_actor(&r->key, r->actor);
    return true;
}

static void clock_now(const struct srv *srv, struct req *r)
{
    time_t now = time(NULL);
    struct tm tm;

    r->at[0] = '\0';
    if (gmtime_r(&now, &tm))
        strftime(r->at, sizeof r->at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    r->today = srv->cfg.today;
    if (r->today == ER_DATE_NONE && localtime_r(&now, &tm))
        er_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &r->today);
}

static enum MHD_Result dispatch(const struct srv *srv, struct MHD_Connection *conn,
                                const char *method, const char *url, struct pending *p)
{
    struct req r;
    const struct route *route;
    bool known;

    memset(&r, 0, sizeof r);
    r.srv = srv;
    r.conn = conn;
    r.method = method;
    r.path = url;
    r.body = p->body ? p->body : "";
    r.body_len = p->len;
    r.type = "application/json";
    if (!(route = route_find(method, url, r.param, &known)))
        return known ? send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
                                  "the path does not take this method", NULL, NULL)
                     : send_error(conn, MHD_HTTP_NOT_FOUND, NULL, "no such route", NULL, NULL);
    if (!(r.store = thread_store(srv)))
        return send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "the register cannot be opened",
                          NULL, NULL);
    if (!authenticate(&r))
        return MHD_YES;
    if (!(route->roles & (1u << r.role)))
        return r.role == ER_ROLE_PUBLIC
                   ? send_error(conn, MHD_HTTP_UNAUTHORIZED, "Authorization",
                                "this route needs an API key", "WWW-Authenticate", "Bearer")
                   : send_error(conn, MHD_HTTP_FORBIDDEN, "Authorization",
                                "this key's role may not call this route", NULL, NULL);
    clock_now(srv, &r);
    r.status = MHD_HTTP_OK;
    route->handler(&r);
    er_store_rollback(r.store); /* a handler leaves no transaction open */
    if (r.n_errors)
        er_jsonw_lit(&r.out, "]}");
    return send_buffer(conn, r.status, r.type, &r.out, NULL, NULL);
}

/* ---- libmicrohttpd's callbacks --------------------------------------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    const struct srv *srv = cls;
    struct pending *p = *con_cls;
    const char *length;

    (void)version;
    if (!p) {
        if (!(p = er_calloc(1, sizeof *p)))
            return MHD_NO;
        *con_cls = p;
        atomic_fetch_add(&in_flight, 1);
        length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (length && strtoull(length, NULL, 10) > srv->cfg.max_body)
            p->too_large = true;
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;

        *upload_data_size = 0;
        if (p->too_large || p->len + n > srv->cfg.max_body) {
            p->too_large = true;
            return MHD_YES; /* read and dropped; answered at the end */
        }
        if (p->len + n + 1 > p->cap) {
            size_t cap = p->cap ? p->cap : 16384;
            char *q;

            while (cap < p->len + n + 1)
                cap *= 2;
            if (!(q = er_realloc(p->body, cap)))
                return MHD_NO;
            p->body = q;
            p->cap = cap;
        }
        memcpy(p->body + p->len, upload_data, n);
        p->len += n;
        p->body[p->len] = '\0';
        return MHD_YES;
    }
    if (p->too_large) {
        char reason[96];

        snprintf(reason, sizeof reason, "the body is larger than %zu bytes", srv->cfg.max_body);
        return send_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "body", reason, "Connection", "close");
    }
    if (strncmp(url, "/api/", 5) == 0)
        return dispatch(srv, conn, method, url, p);
    return send_file(srv, conn, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct pending *p = *con_cls;

    (void)cls, (void)conn, (void)toe;
    if (!p)
        return;
    er_free(p->body);
    er_free(p);
    *con_cls = NULL;
    atomic_fetch_sub(&in_flight, 1);
}

/* ---- running --------------------------------------------------------- */

void er_server_config_default(er_server_config *c)
{
    memset(c, 0, sizeof *c);
    c->db = "var/ecoreg.db";
    c->host = "127.0.0.1";
    c->port = 8080;
    c->max_body = 32u << 20;
    c->max_header = 16u << 10;
    c->max_connections = 512;
    c->threads = 2;
    c->timeout = 30;
    c->today = ER_DATE_NONE;
}

static er_status load(struct srv *srv, er_error *err)
{
    char path[4200];
    er_status rc;
    int id;

    snprintf(srv->datadir, sizeof srv->datadir, "%s", er_datadir(srv->cfg.datadir));
    snprintf(srv->webdir, sizeof srv->webdir, "%s",
             srv->cfg.webdir ? srv->cfg.webdir : ECOREG_WEBDIR);
    for (id = 0; id < ER_SCHEME_COUNT; id++) {
        if ((rc = er_scheme_load(srv->datadir, (er_scheme_id)id, NULL, &srv->schemes[id], err)))
            return rc;
        srv->quote.schemes[id] = &srv->schemes[id];
    }
    if ((rc = er_chmm_rules_load(srv->datadir, &srv->chmm, err)) ||
        (rc = er_assessment_rules_load(srv->datadir, &srv->assessment, err)))
        return rc;
    snprintf(path, sizeof path, "%s/openapi.json", srv->webdir);
    return er_read_file(path, 1u << 20, &srv->openapi, &srv->openapi_len, err);
}

static void unload(struct srv *srv)
{
    int id;

    for (id = 0; id < ER_SCHEME_COUNT; id++)
        er_scheme_clear(&srv->schemes[id]);
    er_free(srv->openapi);
}

static struct MHD_Daemon *start(struct srv *srv, unsigned *port, er_error *err)
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(srv->cfg.port) };
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    socklen_t len = sizeof addr;

    if (inet_pton(AF_INET, srv->cfg.host, &addr.sin_addr) != 1) {
        er_error_set(err, ER_EINVAL, 0, "listen", "'%s' is not an IPv4 address", srv->cfg.host);
        return NULL;
    }
    d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_TURBO, 0, NULL,
        NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads, MHD_OPTION_CONNECTION_LIMIT,
        srv->cfg.max_connections, MHD_OPTION_CONNECTION_TIMEOUT, srv->cfg.timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, srv->cfg.max_header, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        1024, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_END);
    if (!d) {
        er_error_set(err, ER_EIO, 0, "listen", "cannot listen on %s:%u: %s", srv->cfg.host,
                     srv->cfg.port, strerror(errno));
        return NULL;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    *port = srv->cfg.port;
    if (info && getsockname(info->listen_fd, (struct sockaddr *)&addr, &len) == 0)
        *port = ntohs(addr.sin_port);
    return d;
}

/* Stops accepting, waits up to 10 s for the requests in flight, stops. */
static void stop(struct MHD_Daemon *d, FILE *log)
{
    MHD_socket fd = MHD_quiesce_daemon(d);
    int waited;

    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    if (log && atomic_load(&in_flight) > 0)
        fprintf(log, "ecoreg serve: waiting for %d request%s in flight\n", atomic_load(&in_flight),
                atomic_load(&in_flight) == 1 ? "" : "s");
    for (waited = 0; atomic_load(&in_flight) > 0 && waited < 1000; waited++)
        usleep(10000);
    if (log)
        fprintf(log, "ecoreg serve: stopped (%d requests unfinished)\n", atomic_load(&in_flight));
    MHD_stop_daemon(d);
}

er_status er_server_run(const er_server_config *c, er_error *err)
{
    struct srv *srv = er_calloc(1, sizeof *srv);
    struct MHD_Daemon *d = NULL;
    sigset_t set, old;
    unsigned port = 0;
    er_status rc;
    int sig;

    if (!srv)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    srv->cfg = *c;
    pthread_once(&store_once, store_key_make);
    if ((rc = load(srv, err)) != ER_OK)
        goto done;
    /* the workers inherit a mask without the stop signals: sigwait takes them */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    signal(SIGPIPE, SIG_IGN);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    if (!(d = start(srv, &port, err))) {
        rc = ER_EIO;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        goto done;
    }
    if (c->log) {
        fprintf(c->log, "ecoreg serve: the register %s at http://%s:%u/ (API: /api/v1)\n", c->db,
                c->host, port);
        fflush(c->log);
    }
    sigwait(&set, &sig);
    if (c->log)
        fprintf(c->log, "ecoreg serve: %s: no new connections\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
    stop(d, c->log);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
done:
    unload(srv);
    er_free(srv);
    return rc;
}
