/*
 * register_cli.c: what the register's subcommands share: opening the
 * register named by --db (its directory created when missing), and the
 * actor and time of an action.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

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
