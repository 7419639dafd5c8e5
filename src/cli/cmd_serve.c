/*
 * cmd_serve.c: `ecoreg serve`, the register over HTTP (server.h), and
 * `ecoreg key`, the API keys that open it (apikey.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ecoreg/apikey.h"
#include "ecoreg/server.h"

const char cmd_serve_help[] =
    "usage: ecoreg [--db FILE] [--data DIR] [--as-of DAY] serve [--listen HOST:PORT]\n"
    "              [--threads N] [--max-body BYTES] [--max-header BYTES]\n"
    "              [--max-connections N] [--timeout SECONDS] [--web DIR] [--routes]\n"
    "\n"
    "Serves the register over HTTP until SIGTERM or SIGINT (Ctrl-C): the JSON API\n"
    "under /api/v1, described by /api/v1/openapi.json (docs/api.md), and the web\n"
    "interface at /. A request names its API key as 'Authorization: Bearer KEY'\n"
    "(keys: 'ecoreg key'); without one it is the public's: installer search,\n"
    "certificate check, complaint submission, quote. On SIGTERM it stops\n"
    "accepting, lets the requests in flight finish (each is one transaction,\n"
    "committed or rolled back) for up to 10 seconds, and exits.\n"
    "\n"
    "Options:\n"
    "  --listen HOST:PORT   IPv4 address and port (default 127.0.0.1:8080; port 0:\n"
    "                       any free one, printed on start)\n"
    "  --threads N          worker threads (default 2)\n"
    "  --max-body BYTES     largest request body (default 33554432): 413 beyond\n"
    "  --max-header BYTES   memory for a request's line and headers (default\n"
    "                       16384): 431 beyond\n"
    "  --max-connections N  connections at once (default 512)\n"
    "  --timeout SECONDS    idle connections are closed after (default 30)\n"
    "  --web DIR            the web interface's files (default: the source tree's)\n"
    "  --routes             print the route table as JSON and exit\n"
    "\n"
    "--as-of fixes the day deadlines are judged against (tests); otherwise each\n"
    "request is judged on its own day.\n"
    "\n"
    "Example:\n"
    "  ecoreg --db var/ecoreg.db serve --listen 127.0.0.1:8080\n";

const char cmd_key_help[] =
    "usage: ecoreg [--db FILE] key create --role ROLE [--scope ID] --owner NAME\n"
    "       ecoreg [--db FILE] key revoke ID --reason TEXT\n"
    "       ecoreg [--db FILE] key list\n"
    "\n"
    "API keys for 'ecoreg serve'. Each is bound to a role:\n"
    "  administrator       the scheme administrator: everything\n"
    "  supplier            one supplier's projects, measures and obligation\n"
    "                      (--scope CODE, a supplier the register holds); another\n"
    "                      supplier's data is answered 404, as if it did not exist\n"
    "  certification_body  the CHMM certification scheme: installers,\n"
    "                      installations, complaints, assessments, indicators\n"
    "  installer           one installer's installations and the complaints\n"
    "                      about it (--scope ID, an installer the register holds)\n"
    "Every write made with a key is journalled with its owner as actor.\n"
    "\n"
    "create prints the key once, as JSON {\"id\", \"role\", \"scope\", \"owner\",\n"
    "\"key\"}: the register keeps only its hash. revoke closes it for good. list\n"
    "prints one JSON line per key, without secrets.\n"
    "\n"
    "Example:\n"
    "  ecoreg key create --role supplier --scope ABC --owner 'ABC compliance team'\n";

static int parse_listen(const char *s, er_server_config *c, char host[64])
{
    const char *colon = strrchr(s, ':');
    char *end;
    unsigned long port;

    if (!colon || (size_t)(colon - s) >= 64)
        return -1;
    port = strtoul(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port > 65535)
        return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    c->host = host;
    c->port = (unsigned)port;
    return 0;
}

/* A positive number option into *out; false otherwise. */
static bool number(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);

    if (*end || end == s || v == 0 || s[0] == '-')
        return false;
    *out = (size_t)v;
    return true;
}

int cmd_serve(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "listen", 1, NULL, 'l' },
        { "threads", 1, NULL, 't' },
        { "max-body", 1, NULL, 'b' },
        { "max-header", 1, NULL, 'H' },
        { "max-connections", 1, NULL, 'c' },
        { "timeout", 1, NULL, 'T' },
        { "web", 1, NULL, 'w' },
        { "routes", 0, NULL, 'r' },
        { "help", 0, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    er_server_config c;
    er_error err = { 0 };
    er_jsonw w = { 0 };
    char host[64];
    size_t n;
    int opt;

    er_server_config_default(&c);
    c.db = g->db;
    c.datadir = g->datadir;
    c.today = g->as_of ? g->today : ER_DATE_NONE;
    c.log = stderr;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 'h') {
            fputs(cmd_serve_help, stdout);
            return EXIT_DONE;
        } else if (opt == 'r') {
            er_server_routes_json(&w);
            cli_print_json_line(&w);
            er_jsonw_free(&w);
            return EXIT_DONE;
        } else if (opt == 'l' && parse_listen(optarg, &c, host) == 0) {
            continue;
        } else if (opt == 'w') {
            c.webdir = optarg;
        } else if (opt != 'l' && opt != 'w' && opt != '?' && number(optarg, &n)) {
            if (opt == 't')
                c.threads = (unsigned)n;
            else if (opt == 'b')
                c.max_body = n;
            else if (opt == 'H')
                c.max_header = n;
            else if (opt == 'c')
                c.max_connections = (unsigned)n;
            else
                c.timeout = (unsigned)n;
        } else {
            return cli_usage_error("serve: see 'ecoreg serve --help'");
        }
    }
    if (optind != argc)
        return cli_usage_error("serve: takes no arguments; see 'ecoreg serve --help'");
    if (er_server_run(&c, &err) != ER_OK) {
        cli_print_error("serve", &err);
        return EXIT_USAGE;
    }
    return EXIT_DONE;
}

static void key_json(er_jsonw *w, const er_apikey *k, const char *token)
{
    er_jsonw_lit(w, "{\"id\":");
    er_jsonw_string(w, k->id);
    er_jsonw_lit(w, ",\"role\":");
    er_jsonw_string(w, er_role_name(k->role));
    er_jsonw_lit(w, ",\"scope\":");
    er_jsonw_string(w, *k->scope ? k->scope : NULL);
    er_jsonw_lit(w, ",\"owner\":");
    er_jsonw_string(w, k->owner);
    er_jsonw_lit(w, ",\"created\":");
    er_jsonw_string(w, k->created);
    if (token) {
        er_jsonw_lit(w, ",\"key\":");
        er_jsonw_string(w, token);
    } else {
        er_jsonw_lit(w, ",\"revoked\":");
        er_jsonw_string(w, k->revoked ? k->revoked_at : NULL);
    }
    er_jsonw_lit(w, "}");
}

static int list_one(void *ctx, const er_apikey *k)
{
    key_json(ctx, k, NULL);
    cli_print_json_line(ctx);
    return 0;
}

static int key_run(const struct cli_globals *g, const char *verb, const char *role_s,
                   const char *scope, const char *owner, const char *id, const char *reason)
{
    char token[ER_APIKEY_TOKEN_MAX];
    er_error err = { 0 };
    er_jsonw w = { 0 };
    er_apikey k;
    er_role role = ER_ROLE_PUBLIC;
    struct cli_act a;
    er_store *s;
    er_status rc;

    if (strcmp(verb, "create") == 0 && er_role_parse(role_s, &role) != ER_OK)
        return cli_usage_error("key create: --role is administrator, supplier, "
                               "certification_body or installer");
    if (cli_open_register(g, "key", &s))
        return EXIT_USAGE;
    cli_act(g, &a);
    if (strcmp(verb, "list") == 0) {
        rc = er_register_apikey_each(s, list_one, &w);
    } else if (strcmp(verb, "create") == 0) {
        if ((rc = er_register_apikey_create(s, &a.act, role, scope, owner, &k, token, &err)) ==
            ER_OK) {
            key_json(&w, &k, token);
            cli_print_json_line(&w);
            fprintf(stderr, "ecoreg: key create: keep the key: the register holds only its "
                            "hash and cannot show it again\n");
        }
    } else {
        rc = er_register_apikey_revoke(s, &a.act, id, reason, &err);
    }
    if (rc)
        cli_print_error("key", &err);
    er_jsonw_free(&w);
    er_store_close(s);
    return rc ? EXIT_INPUT_ERRORS : EXIT_DONE;
}

int cmd_key(const struct cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {
        { "role", 1, NULL, 'r' },   { "scope", 1, NULL, 's' }, { "owner", 1, NULL, 'o' },
        { "reason", 1, NULL, 'R' }, { "help", 0, NULL, 'h' },  { NULL, 0, NULL, 0 },
    };
    const char *role = NULL, *scope = NULL, *owner = NULL, *reason = NULL, *verb;
    int opt;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(cmd_key_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    verb = argv[1];
    optind = 1;
    while ((opt = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
        if (opt == 'r')
            role = optarg;
        else if (opt == 's')
            scope = optarg;
        else if (opt == 'o')
            owner = optarg;
        else if (opt == 'R')
            reason = optarg;
        else
            return cli_usage_error("key: see 'ecoreg key --help'");
    }
    if (strcmp(verb, "create") == 0 && optind == argc - 1)
        return key_run(g, verb, role, scope, owner, NULL, NULL);
    if (strcmp(verb, "revoke") == 0 && optind == argc - 2)
        return key_run(g, verb, NULL, NULL, NULL, argv[optind + 1], reason);
    if (strcmp(verb, "list") == 0 && optind == argc - 1)
        return key_run(g, verb, NULL, NULL, NULL, NULL, NULL);
    return cli_usage_error("key: usage: key create|revoke|list (see 'ecoreg key --help')");
}
