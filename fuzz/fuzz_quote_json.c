/*
 * fuzz_quote_json.c: libFuzzer target for er_quote_json(), which turns
 * one quote request in JSON into one result line (src/io/quote_json.c).
 *
 * The ECO4 and GBIS schemes are loaded once, on the first call, from the
 * data directory compiled in (ECOREG_DATADIR, or the ECOREG_DATA
 * environment variable) and kept for the life of the process; the input
 * is then quoted with no --scheme, so a project may name either.  The
 * result line is freed with free() as io.h says.  Any status other than
 * ER_OK, ER_ENOMEM or ER_ERANGE, or ER_OK without a line, is a contract
 * breach and aborts.  The seed corpus is fuzz/corpus/quote_json/.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static er_scheme schemes[ER_SCHEME_COUNT];
static er_quote_env env;

/* Loads both schemes into `env`; exits when the reference data is unusable. */
static void load_schemes(void)
{
    er_scheme_id id;

    for (id = 0; id < ER_SCHEME_COUNT; id++) {
        er_error err = { 0 };
        er_status rc = er_scheme_load(er_datadir(NULL), id, NULL, &schemes[id],
                                      &err);

        if (rc != ER_OK) {
            fprintf(stderr, "fuzz_quote_json: cannot load %s from %s: %s (%s)\n",
                    er_scheme_name(id), er_datadir(NULL), err.message,
                    er_strerror(rc));
            exit(2);
        }
        env.schemes[id] = &schemes[id];
    }
    env.scheme_given = false;
    env.scheme = ER_SCHEME_ECO4;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool loaded;
    char *line = NULL;
    bool had_errors = false;
    er_status rc;

    if (!loaded) {
        load_schemes();
        loaded = true;
    }
    rc = er_quote_json(&env, (const char *)data, size, &line, &had_errors);
    if (rc != ER_OK && rc != ER_ENOMEM && rc != ER_ERANGE)
        abort();
    if (rc == ER_OK && !line)
        abort();
    er_free(line);
    return 0;
}
