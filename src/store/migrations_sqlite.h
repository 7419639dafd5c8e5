/*
 * migrations_sqlite.h: the SQLite engine's schema migrations (not public).
 *
 * Migration N (1-based) is er_sqlite_migrations[N - 1]; store_sqlite.c
 * applies those a store has not had yet, in order, in one transaction.
 */
#ifndef ECOREG_MIGRATIONS_SQLITE_H
#define ECOREG_MIGRATIONS_SQLITE_H

#include <stddef.h>

struct er_sqlite_migration {
    int version;         /* its number; equal to its index + 1 */
    const char *summary; /* one line on what it changes */
    const char *sql;     /* one or more statements */
};

extern const struct er_sqlite_migration er_sqlite_migrations[];
extern const size_t er_sqlite_migration_count;

#endif
