/*
 * test_store_sqlite.c: what only the SQLite engine promises, checked by
 * opening its file with sqlite3 directly.
 *
 * The journal is append-only in the database itself (UPDATE and DELETE of
 * an event abort), the file is in WAL mode, each migration is recorded
 * once in schema_migrations and never applied again, a store written by a
 * newer ecoreg is refused, projections hold the documented column types,
 * migration 3's licences keep their promises in the file itself, and the
 * URI forms choose this engine (or refuse PostgreSQL for now).
 * The engine-neutral behaviour is test_store.c's.
 */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/store/migrations_sqlite.h"
#include "ecoreg/store.h"

static char dir[256];
static char db_path[512];
static unsigned next_db;

static int suite_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ecoreg-sqlite-XXXXXX");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

static void remove_db(const char *path)
{
    char aux[600];

    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-journal", path);
    unlink(aux);
}

static int suite_teardown(void **state)
{
    char path[600];
    unsigned i;

    (void)state;
    for (i = 0; i < next_db; i++) {
        snprintf(path, sizeof path, "%s/%u.db", dir, i);
        remove_db(path);
    }
    snprintf(path, sizeof path, "%s/garbage.db", dir);
    remove_db(path);
    rmdir(dir);
    return 0;
}

/* A new database file's path, in db_path. */
static const char *fresh_path(void)
{
    snprintf(db_path, sizeof db_path, "%s/%u.db", dir, next_db++);
    return db_path;
}

static er_store *open_ok(const char *uri)
{
    er_store *s = NULL;
    er_error err = { 0 };
    er_status rc = er_store_open(uri, &s, &err);

    if (rc != ER_OK)
        fail_msg("opening %s: %s: %s", uri, er_strerror(rc), err.message);
    return s;
}

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_extended_result_codes(db, 1);
    return db;
}

/* The first column of the first row of `sql`, as an integer. */
static long long raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static const char *raw_text(sqlite3 *db, const char *sql)
{
    static char buf[256];
    sqlite3_stmt *st;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static er_event event(const char *subject, const char *reason)
{
    er_event ev;

    memset(&ev, 0, sizeof ev);
    snprintf(ev.at, sizeof ev.at, "2024-03-01T09:30:00Z");
    snprintf(ev.actor, sizeof ev.actor, "test");
    snprintf(ev.subject_kind, sizeof ev.subject_kind, "measure");
    snprintf(ev.subject, sizeof ev.subject, "%s", subject);
    snprintf(ev.kind, sizeof ev.kind, "notified");
    snprintf(ev.to_state, sizeof ev.to_state, "recorded");
    snprintf(ev.reason, sizeof ev.reason, "%s", reason);
    return ev;
}

static void test_journal_is_append_only(void **state)
{
    const char *path = fresh_path();
    er_event a = event("BGT0000000001", "first"), b = event("BGT0000000002", "second");
    er_store *s = open_ok(path);
    sqlite3 *db;

    (void)state;
    assert_int_equal(er_store_append(s, &a, NULL), ER_OK);
    assert_int_equal(er_store_append(s, &b, NULL), ER_OK);
    er_store_close(s);

    db = raw_open(path);
    assert_int_equal(sqlite3_exec(db, "UPDATE events SET reason = 'changed'", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_TRIGGER);
    assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
    assert_int_equal(sqlite3_exec(db, "DELETE FROM events WHERE id = 1", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_TRIGGER);
    /* REPLACE deletes the old row without firing delete triggers */
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT OR REPLACE INTO events (id, at, actor,"
                                  " subject_kind, subject, kind, from_state, to_state,"
                                  " reason) VALUES (1, '', '', '', '', '', '', '', 'x')",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM events"), 2);
    assert_string_equal(raw_text(db, "SELECT reason FROM events WHERE id = 1"), "first");
    sqlite3_close(db);
}

static void test_wal_and_migrations_recorded_once(void **state)
{
    const char *path = fresh_path();
    char uri[600];
    er_store *s;
    sqlite3 *db;
    int i;

    (void)state;
    for (i = 0; i < 3; i++) { /* a plain path and "sqlite:" open the same file */
        snprintf(uri, sizeof uri, "%s%s", i % 2 ? "sqlite:" : "", path);
        s = open_ok(uri);
        assert_int_equal(er_store_schema_version(s), 6);
        er_store_close(s);
    }
    db = raw_open(path);
    assert_string_equal(raw_text(db, "PRAGMA journal_mode"), "wal");
    assert_int_equal(raw_int(db, "SELECT count(*) FROM schema_migrations"), 6);
    assert_int_equal(raw_int(db, "SELECT group_concat(version) = '1,2,3,4,5,6' FROM"
                                 " (SELECT version FROM schema_migrations ORDER BY version)"),
                     1);
    /* applied_at is an ISO 8601 UTC time */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM schema_migrations WHERE applied_at GLOB"
                                 " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'"),
                     6);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                 " AND tbl_name = 'events'"),
                     3);
    sqlite3_close(db);
}

static void test_newer_schema_refused(void **state)
{
    const char *path = fresh_path();
    er_store *s = open_ok(path);
    er_error err = { 0 };
    sqlite3 *db;

    (void)state;
    er_store_close(s);
    db = raw_open(path);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO schema_migrations VALUES"
                                  " (99, '2030-01-01T00:00:00Z')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    assert_int_equal(er_store_open(path, &s, &err), ER_EIO);
    assert_null(s);
    assert_non_null(strstr(err.message, "schema version 99"));
}

static void test_projection_columns(void **state)
{
    const char *path = fresh_path();
    er_measure_rec m;
    er_store *s = open_ok(path);
    sqlite3 *db;

    (void)state;
    memset(&m, 0, sizeof m);
    snprintf(m.mrn, sizeof m.mrn, "BGT0000000001");
    m.scheme = ER_SCHEME_GBIS;
    snprintf(m.supplier, sizeof m.supplier, "BGT");
    snprintf(m.state, sizeof m.state, "recorded");
    assert_int_equal(er_date_make(2024, 2, 14, &m.completion), ER_OK);
    assert_int_equal(er_store_measure_put(s, &m, NULL), ER_OK);
    snprintf(m.mrn, sizeof m.mrn, "BGT0000000002");
    m.completion = ER_DATE_NONE;
    assert_int_equal(er_store_measure_put(s, &m, NULL), ER_OK);
    er_store_close(s);

    db = raw_open(path);
    /* completion: the er_date day number; project_id and unknown dates NULL */
    assert_int_equal(raw_int(db, "SELECT completion FROM measures WHERE mrn = 'BGT0000000001'"),
                     19767);
    assert_string_equal(raw_text(db, "SELECT typeof(completion) || ' ' || typeof(project_id)"
                                     " || ' ' || scheme FROM measures"
                                     " WHERE mrn = 'BGT0000000001'"),
                        "integer null GBIS");
    assert_int_equal(raw_int(db, "SELECT completion IS NULL FROM measures"
                                 " WHERE mrn = 'BGT0000000002'"),
                     1);
    sqlite3_close(db);
}

/* Migration 2 stops storing a measure's row in the measures table: a
 * store written at version 1 opens with each row read from the latest
 * event that notified or edited it. */
static void test_migration_2_reads_rows_from_events(void **state)
{
    const char *path = fresh_path();
    er_measure_rec m;
    er_store *s;
    sqlite3 *db = NULL;

    (void)state;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(er_sqlite_migrations[0].version, 1);
    assert_int_equal(
        sqlite3_exec(db,
                     "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                     " applied_at TEXT NOT NULL);"
                     "INSERT INTO schema_migrations VALUES (1, '2026-11-01T00:00:00Z');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, er_sqlite_migrations[0].sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "INSERT INTO events (at, actor, subject_kind, subject, kind, from_state, to_state,"
            " reason, payload) VALUES"
            " ('t', 'a', 'measure', 'BGT0000000001', 'notified', '', 'recorded', '',"
            "  '{\"row\":[\"a\"],\"failures\":[]}'),"
            " ('t', 'a', 'measure', 'BGT0000000001', 'approved', 'recorded', 'approved', '',"
            "  NULL),"
            " ('t', 'a', 'measure', 'BGT0000000002', 'notified', '', 'rejected', '',"
            "  '{\"row\":[\"b\"],\"failures\":[{\"rule\":\"GBIS0104\"}]}'),"
            " ('t', 'a', 'measure', 'BGT0000000002', 'edited', 'rejected', 'recorded', '',"
            "  '{\"row\":[\"c\"],\"failures\":[]}');"
            "INSERT INTO measures (mrn, scheme, supplier, state, content_hash, late_extension,"
            " row_json, failures_json, last_event) VALUES"
            " ('BGT0000000001', 'GBIS', 'BGT', 'approved', 'h1', 0, '[\"a\"]', '[]', 2),"
            " ('BGT0000000002', 'GBIS', 'BGT', 'recorded', 'h2', 1, '[\"c\"]', '[]', 4);",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);

    s = open_ok(path);
    assert_int_equal(er_store_schema_version(s), 6);
    assert_int_equal(er_store_measure_get(s, "BGT0000000001", &m), ER_OK);
    assert_string_equal(m.state, "approved");
    assert_string_equal(m.row_json, "[\"a\"]");
    assert_string_equal(m.failures_json, "[]");
    assert_int_equal(m.row_event, 1);
    assert_int_equal(m.last_event, 2);
    er_store_measure_free(&m);
    assert_int_equal(er_store_measure_get(s, "BGT0000000002", &m), ER_OK);
    assert_string_equal(m.row_json, "[\"c\"]"); /* the edit, not the first notification */
    assert_int_equal(m.row_event, 4);
    assert_true(m.late_extension);
    er_store_measure_free(&m);
    er_store_close(s);
}

/* Migration 3: a store at version 2 gains supplier_licences, whose
 * reference is unique ignoring case and whose supplier is a foreign key
 * the file enforces, whoever writes to it. */
static void test_migration_3_licences(void **state)
{
    const char *path = fresh_path();
    er_licence got;
    er_store *s;
    sqlite3 *db = NULL;
    size_t i;

    (void)state;
    assert_int_equal(er_sqlite_migrations[2].version, 3);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                  " applied_at TEXT NOT NULL);"
                                  "INSERT INTO schema_migrations VALUES"
                                  " (1, '2026-11-01T00:00:00Z'), (2, '2026-11-22T00:00:00Z');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (i = 0; i < 2; i++)
        assert_int_equal(sqlite3_exec(db, er_sqlite_migrations[i].sql, NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "INSERT INTO suppliers VALUES ('BGT', 'British Gas')", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);

    s = open_ok(path);
    assert_int_equal(er_store_schema_version(s), 6);
    er_store_close(s);
    db = raw_open(path);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA foreign_keys = ON;"
                                  "INSERT INTO supplier_licences VALUES"
                                  " ('BGT03078711E', 'BGT')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO supplier_licences VALUES ('bgt03078711e', 'BGT')",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO supplier_licences VALUES ('EON12345678A', 'EON')",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_FOREIGNKEY);
    assert_int_equal(
        sqlite3_exec(db, "INSERT INTO supplier_licences VALUES (NULL, 'BGT')", NULL, NULL, NULL),
        SQLITE_CONSTRAINT_NOTNULL);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM supplier_licences"), 1);
    sqlite3_close(db);

    s = open_ok(path); /* what the file holds, through the store */
    assert_int_equal(er_store_licence_find(s, "Bgt03078711e", &got), ER_OK);
    assert_string_equal(got.reference, "BGT03078711E");
    assert_string_equal(got.supplier, "BGT");
    er_store_close(s);
}

/* Migration 4: a store at version 3 gains reference_entries, whose value
 * and value2 are unique ignoring case within a list, value2 '' when not
 * given. */
static void test_migration_4_references(void **state)
{
    const char *path = fresh_path();
    er_reference got;
    er_store *s;
    sqlite3 *db = NULL;
    size_t i;

    (void)state;
    assert_int_equal(er_sqlite_migration_count, 6);
    assert_int_equal(er_sqlite_migrations[3].version, 4);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                  " applied_at TEXT NOT NULL);"
                                  "INSERT INTO schema_migrations VALUES"
                                  " (1, '2026-11-01T00:00:00Z'), (2, '2026-11-22T00:00:00Z'),"
                                  " (3, '2026-11-22T00:00:00Z');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(sqlite3_exec(db, er_sqlite_migrations[i].sql, NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(db);

    s = open_ok(path);
    assert_int_equal(er_store_schema_version(s), 6);
    er_store_close(s);
    db = raw_open(path);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO reference_entries (list, value) VALUES"
                                  " ('flex-routes', 'Route 1');"
                                  "INSERT INTO reference_entries VALUES"
                                  " ('innovation-measures', '001', 'CWI_0.040'),"
                                  " ('innovation-measures', '001', 'LI_greater100'),"
                                  " ('other', 'route 1', '')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO reference_entries VALUES"
                                  " ('flex-routes', 'ROUTE 1', '')",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO reference_entries VALUES"
                                  " ('innovation-measures', '001', 'cwi_0.040')",
                                  NULL, NULL, NULL),
                     SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM reference_entries"), 4);
    sqlite3_close(db);

    s = open_ok(path); /* what the file holds, through the store */
    assert_int_equal(er_store_reference_find(s, "flex-routes", "route 1", "", &got), ER_OK);
    assert_string_equal(got.value, "Route 1");
    assert_string_equal(got.value2, "");
    er_store_close(s);
}

static void test_uri_forms(void **state)
{
    char garbage[600];
    er_store *s = NULL;
    er_error err = { 0 };
    FILE *f;

    (void)state;
    assert_int_equal(er_store_open("postgres://localhost/ecoreg", &s, &err), ER_EINVAL);
    assert_string_equal(err.message, "the PostgreSQL engine is not built yet");
    assert_int_equal(er_store_open("postgresql:///ecoreg", &s, &err), ER_EINVAL);
    assert_null(s);
    assert_int_equal(er_store_open("sqlite:", &s, &err), ER_EINVAL);

    s = open_ok("sqlite::memory:"); /* no file, no WAL: still a store */
    assert_int_equal(er_store_schema_version(s), 6);
    er_store_close(s);

    snprintf(garbage, sizeof garbage, "%s/no/such/dir/x.db", dir);
    s = NULL;
    assert_int_equal(er_store_open(garbage, &s, &err), ER_EIO);
    assert_null(s);
    assert_true(err.message[0] != '\0');

    snprintf(garbage, sizeof garbage, "%s/garbage.db", dir);
    assert_non_null(f = fopen(garbage, "w"));
    for (int i = 0; i < 200; i++)
        fputs("this is not a database, just text. ", f);
    fclose(f);
    assert_int_equal(er_store_open(garbage, &s, &err), ER_EIO);
    assert_null(s);
    assert_non_null(strstr(err.message, "not a database"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journal_is_append_only),
        cmocka_unit_test(test_wal_and_migrations_recorded_once),
        cmocka_unit_test(test_migration_2_reads_rows_from_events),
        cmocka_unit_test(test_migration_3_licences),
        cmocka_unit_test(test_migration_4_references),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_projection_columns),
        cmocka_unit_test(test_uri_forms),
    };

    return cmocka_run_group_tests(tests, suite_setup, suite_teardown);
}
