/*
 * server.h: `ecoreg serve`, the register over HTTP (issue 6; DESIGN.md
 * "Interfaces"): the JSON API under /api/v1, described by
 * /api/v1/openapi.json, and the web interface's static files at /.
 */
#ifndef ECOREG_SERVER_H
#define ECOREG_SERVER_H

#include <stddef.h>
#include <stdio.h>

#include "ecoreg/date.h"
#include "ecoreg/error.h"
#include "ecoreg/jsonw.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How the server runs; every string is borrowed for the call. */
typedef struct er_server_config {
    const char *db;      /* the register: a path or "sqlite:PATH" */
    const char *datadir; /* reference data, as er_datadir() takes it */
    const char *webdir;  /* the web interface's files; NULL: built-in path */
    const char *chartjs; /* Chart.js file served as /vendor/chart.js; NULL:
                                Debian's libjs-chart.js */
    const char *host;    /* address to listen on, e.g. "127.0.0.1" */
    unsigned port;       /* 0: any free port */
    size_t max_body;     /* bytes of a request body (413 beyond) */
    size_t max_header;   /* bytes of a request's line and headers (431) */
    unsigned max_connections;
    unsigned threads; /* worker threads */
    unsigned timeout; /* seconds an idle connection is kept */
    er_date today;    /* the day deadlines are judged against;
                                ER_DATE_NONE: each request's own day */
    FILE *log;        /* start and stop lines; NULL: none */
} er_server_config;

/** The defaults: 127.0.0.1:8080, 32 MiB bodies, 16 KiB headers, 512
 *  connections, 2 threads, 30 s idle. */
void er_server_config_default(er_server_config *c);

/**
 * Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (each is one transaction: committed or rolled back) for up
 * to 10 s, and returns ER_OK.  ER_EIO with `err` saying why when the
 * address cannot be bound or the reference data cannot be loaded.
 */
er_status er_server_run(const er_server_config *c, er_error *err);

/** Appends the route table to `w` as a JSON array of {"method", "path",
 *  "roles": [...], "summary"}: what the OpenAPI document must describe. */
void er_server_routes_json(er_jsonw *w);

#ifdef __cplusplus
}
#endif
#endif
