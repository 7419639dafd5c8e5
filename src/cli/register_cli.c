/*
 * register_cli.c: what the register's subcommands share: opening the
 * register named by --db (its directory created when missing), and the
 * actor and time of an action.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ecoreg/jsonw.h"

/* Creates the directory part of `path` (one level, like var/). */
static void make_parent(const char *path)
{
    char dir[4096];
    char *slash;

    if (strncmp(path, "sqlite:", 7) == 0)
        path += 7;
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return;
    if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
        return;
    *slash = '\0';
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return;
}

int cli_open_register(const struct cli_globals *g, const char *cmd, er_store **out)
{
    er_error err = { 0 };

    make_parent(g->db);
    if (er_store_open(g->db, out, &err) != ER_OK) {
        fprintf(stderr, "ecoreg: %s: %s: %s\n", cmd, g->db, err.message);
        return -1;
    }
    return 0;
}

void cli_act(const struct cli_globals *g, struct cli_act *a)
{
    time_t now = time(NULL);
    struct tm tm;
    const char *user = getenv("USER");
    const struct passwd *pw;

    memset(a, 0, sizeof *a);
    if (gmtime_r(&now, &tm))
        strftime(a->at, sizeof a->at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if ((!user || !*user) && (pw = getpwuid(getuid())) != NULL)
        user = pw->pw_name; /* the account, when the environment does not say */
    snprintf(a->actor, sizeof a->actor, "cli:%s", user && *user ? user : "unknown");
    a->act.actor = a->actor;
    a->act.at = a->at;
    a->act.today = g->today;
}

void cli_print_error(const char *cmd, const er_error *err)
{
    fprintf(stderr, "ecoreg: %s: ", cmd);
    if (err->row)
        fprintf(stderr, "row %ld: ", err->row);
    if (*err->field)
        fprintf(stderr, "%s: ", err->field);
    fprintf(stderr, "%s\n", err->message);
}

void cli_print_json_line(er_jsonw *w)
{
    if (!w->oom)
        puts(w->p);
    w->len = 0;
}

/* One event of a history as a JSON line; a project decision's score (its
 * payload, JSON the register wrote) is shown with it. */
int cli_print_event(void *ctx, const er_event *ev)
{
    er_jsonw *w = ctx;

    w->len = 0;
    er_event_json(w, ev);
    if (!w->oom)
        puts(w->p);
    return 0;
}

int cli_file_options(const char *cmd, const char *help, int argc, char **argv,
                     struct cli_file_args *out)
{
    static const struct option opts[] = {
        { "scheme", required_argument, NULL, 's' },
        { "supplier", required_argument, NULL, 'u' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    memset(out, 0, sizeof *out);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return EXIT_DONE;
        } else if (c == 's') {
            out->scheme = optarg;
        } else if (c == 'u') {
            out->supplier = optarg;
        } else {
            return cli_usage_error("%s: see 'ecoreg %s --help'", cmd, cmd);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error("%s: give one FILE", cmd);
    out->file = argv[optind];
    return -1;
}

bool cli_copy_option(const char *field, const char *value, char *buf, size_t size, er_error *err)
{
    size_t n = strlen(value);

    if (n >= size) {
        er_error_set(err, ER_EINVAL, 0, field, "'%.40s%s' is longer than %zu characters", value,
                     n > 40 ? "..." : "", size - 1);
        return false;
    }
    memcpy(buf, value, n + 1);
    return true;
}

/* A bar on stderr, redrawn in place. */
static void progress(void *ctx, size_t done, size_t total)
{
    int width = 40, filled = total ? (int)(done * (size_t)width / total) : width;

    (void)ctx;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu rows", filled, "########################################",
            width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
}

void cli_progress_on(er_act *act)
{
    if (isatty(STDERR_FILENO))
        act->progress = progress;
}
