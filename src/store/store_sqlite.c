/*
 * store_sqlite.c: the SQLite engine of the store, the embedded default.
 *
 * One connection per er_store.  On open the connection is put in WAL mode
 * with synchronous=FULL, so a committed transaction survives a power cut,
 * foreign keys on and a busy timeout, and the schema is brought up to date
 * by the numbered migrations of migrations_sqlite.c in one transaction.
 * Every statement is prepared once per connection and kept in the handle:
 * a bulk notification is tens of thousands of inserts in one transaction,
 * and parsing their SQL each time would cost more than running it.
 *
 * Writes outside er_store_begin()/er_store_commit() commit one by one.
 * Inside a transaction, a failed statement undoes only itself (a duplicate
 * key leaves the rest standing), except where SQLite rolls the whole
 * transaction back (disk full, I/O error, out of memory); every later
 * write then fails instead of committing on its own.  Errors carry
 * sqlite3_errmsg() in err->message.  A handle is for one thread at a time.
 */
#include "store_impl.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "ecoreg/alloc.h"
#include "migrations_sqlite.h"

/* How long a writer waits for another connection's lock, milliseconds. */
#define BUSY_TIMEOUT_MS 10000
/* The page cache of a connection, KiB.  A bulk file's index pages then stay
 * in memory: 60,000 rows/s instead of 43,000 with SQLite's default 2 MiB on
 * MRNs in random order, while larger caches were slower (docs/store.md). */
#define CACHE_KIB "16384"

/* A measure's columns as written, and as read back (in the order
 * read_measure() expects them): the row and its failures come from the
 * payload of the event that notified it (store.h). */
#define MEASURE_COLUMNS                                                                            \
    "mrn, scheme, supplier, project_id, state, content_hash, completion, late_extension, "         \
    "row_event, last_event"
#define MEASURE_READ                                                                               \
    "SELECT m.mrn, m.scheme, m.supplier, m.project_id, m.state, m.content_hash, m.completion,"     \
    " m.late_extension, m.row_event, m.last_event, json_extract(e.payload, '$.row'),"              \
    " json_extract(e.payload, '$.failures') FROM measures m LEFT JOIN events e"                    \
    " ON e.id = m.row_event"
#define PROJECT_COLUMNS                                                                            \
    "project_id, scheme, supplier, state, content_hash, content_json, failures_json, last_event"
#define LEDGER_READ                                                                                \
    "SELECT l.seq, l.event, l.scheme, l.op, l.supplier, l.to_supplier, l.subject, l.amount,"      \
    " l.tags, l.key, l.year, l.completed, e.at FROM ledger l JOIN events e ON e.id = l.event"
#define EVENT_COLUMNS                                                                              \
    "id, at, actor, subject_kind, subject, kind, from_state, to_state, reason, payload"

/* The statements of the engine, prepared on first use and kept. */
enum stmt_id {
    ST_BEGIN,
    ST_BEGIN_READ,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SUPPLIER_ADD,
    ST_SUPPLIER_GET,
    ST_SUPPLIER_EACH,
    ST_LICENCE_ADD,
    ST_LICENCE_FIND,
    ST_LICENCE_EACH,
    ST_REFERENCE_ADD,
    ST_REFERENCE_FIND,
    ST_REFERENCE_FIND_VALUE,
    ST_REFERENCE_FIND_LIST,
    ST_REFERENCE_EACH_ALL,
    ST_REFERENCE_EACH_LIST,
    ST_APPEND,
    ST_EVENTS_ALL,
    ST_EVENTS_KIND,
    ST_EVENTS_SUBJECT,
    ST_MEASURE_PUT,
    ST_MEASURE_GET,
    ST_MONTH_COUNTS,
    ST_LINK_PUT,
    ST_LINK_FIND,
    ST_LINK_EACH,
    ST_PROJECT_PUT,
    ST_PROJECT_GET,
    ST_PROJECT_EACH,
    ST_LEDGER_ADD,
    ST_LEDGER_EACH,
    ST_LEDGER_EACH_SUBJECT,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    /* deferred: in WAL mode its first read takes a snapshot, no write lock */
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SUPPLIER_ADD] = "INSERT INTO suppliers (code, name) VALUES (?1, ?2)",
    [ST_SUPPLIER_GET] = "SELECT code, name FROM suppliers WHERE code = ?1",
    [ST_SUPPLIER_EACH] = "SELECT code, name FROM suppliers ORDER BY code",
    /* reference is COLLATE NOCASE: "=" ignores case; the order is bytes. */
    [ST_LICENCE_ADD] = "INSERT INTO supplier_licences (reference, supplier) VALUES (?1, ?2)",
    [ST_LICENCE_FIND] = "SELECT reference, supplier FROM supplier_licences WHERE reference = ?1",
    [ST_LICENCE_EACH] = "SELECT reference, supplier FROM supplier_licences"
                        " ORDER BY reference COLLATE BINARY",
    /* value and value2 are COLLATE NOCASE: "=" ignores case; the order is
     * bytes. */
    [ST_REFERENCE_ADD] = "INSERT INTO reference_entries (list, value, value2) VALUES (?1, ?2, ?3)",
    [ST_REFERENCE_FIND] = "SELECT list, value, value2 FROM reference_entries"
                          " WHERE list = ?1 AND value = ?2 AND value2 = ?3",
    [ST_REFERENCE_FIND_VALUE] = "SELECT list, value, value2 FROM reference_entries"
                                " WHERE list = ?1 AND value = ?2 LIMIT 1",
    [ST_REFERENCE_FIND_LIST] = "SELECT list, value, value2 FROM reference_entries WHERE list = ?1"
                               " LIMIT 1",
    [ST_REFERENCE_EACH_ALL] = "SELECT list, value, value2 FROM reference_entries"
                              " ORDER BY list, value COLLATE BINARY, value2 COLLATE BINARY",
    [ST_REFERENCE_EACH_LIST] = "SELECT list, value, value2 FROM reference_entries WHERE list = ?1"
                               " ORDER BY value COLLATE BINARY, value2 COLLATE BINARY",
    [ST_APPEND] = "INSERT INTO events (at, actor, subject_kind, subject, kind, from_state,"
                  " to_state, reason, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_EVENTS_ALL] = "SELECT " EVENT_COLUMNS " FROM events ORDER BY id",
    [ST_EVENTS_KIND] = "SELECT " EVENT_COLUMNS " FROM events WHERE subject_kind = ?1"
                       " ORDER BY id",
    [ST_EVENTS_SUBJECT] = "SELECT " EVENT_COLUMNS " FROM events"
                          " WHERE subject_kind = ?1 AND subject = ?2 ORDER BY id",
    [ST_MEASURE_PUT] =
        "INSERT INTO measures (" MEASURE_COLUMNS ")"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT (mrn) DO UPDATE SET scheme = excluded.scheme,"
        " supplier = excluded.supplier, project_id = excluded.project_id,"
        " state = excluded.state, content_hash = excluded.content_hash,"
        " completion = excluded.completion, late_extension = excluded.late_extension,"
        " row_event = excluded.row_event, last_event = excluded.last_event",
    [ST_MEASURE_GET] = MEASURE_READ " WHERE m.mrn = ?1",
    /* A rejected notification is kept with its reasons but is not a
     * measure the supplier delivered, so it counts towards neither side
     * of the late-extension allowance. */
    [ST_MONTH_COUNTS] = "SELECT count(*), coalesce(sum(late_extension), 0) FROM measures"
                        " WHERE supplier = ?1 AND completion BETWEEN ?2 AND ?3"
                        " AND state <> 'rejected'",
    [ST_LINK_PUT] = "INSERT INTO links (mrn, cited, kind) VALUES (?1, ?2, ?3)"
                    " ON CONFLICT DO NOTHING",
    [ST_LINK_FIND] = "SELECT mrn FROM links WHERE cited = ?1 AND kind = ?2 AND mrn IS NOT ?3"
                     " ORDER BY mrn LIMIT 1",
    [ST_LINK_EACH] = "SELECT mrn, cited, kind FROM links WHERE cited = ?1"
                     " UNION SELECT mrn, cited, kind FROM links WHERE mrn = ?1"
                     " ORDER BY 1, 2, 3",
    [ST_PROJECT_PUT] =
        "INSERT INTO projects (" PROJECT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT (project_id) DO UPDATE SET scheme = excluded.scheme,"
        " supplier = excluded.supplier, state = excluded.state,"
        " content_hash = excluded.content_hash, content_json = excluded.content_json,"
        " failures_json = excluded.failures_json, last_event = excluded.last_event",
    [ST_PROJECT_GET] = "SELECT " PROJECT_COLUMNS " FROM projects WHERE project_id = ?1",
    [ST_PROJECT_EACH] = "SELECT " PROJECT_COLUMNS " FROM projects ORDER BY project_id",
    [ST_LEDGER_ADD] = "INSERT INTO ledger (event, scheme, op, supplier, to_supplier, subject,"
                      " amount, tags, key, year, completed)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    /* ?1 NULL: every scheme */
    [ST_LEDGER_EACH] = LEDGER_READ " WHERE (?1 IS NULL OR l.scheme = ?1) ORDER BY l.seq",
    [ST_LEDGER_EACH_SUBJECT] = LEDGER_READ " WHERE l.subject = ?2 AND l.subject <> ''"
                                           " AND (?1 IS NULL OR l.scheme = ?1) ORDER BY l.seq",
};

/* er_measure_filter's fields, one bit each: bit i of a mask means the
 * filter sets field i, bound as parameter ?(i + 1).  Each mask has its own
 * statement. */
static const char *const filter_terms[] = {
    " AND m.scheme = ?1",     " AND m.supplier = ?2",    " AND m.state = ?3",
    " AND m.project_id = ?4", " AND m.completion >= ?5", " AND m.completion <= ?6",
};
#define FILTER_BITS ((int)(sizeof filter_terms / sizeof *filter_terms))
#define FILTER_MASKS (1 << FILTER_BITS)

typedef struct sqlite_store {
    er_store base; /* first: the handle store.c holds */
    sqlite3 *db;
    int version;
    sqlite3_stmt *st[ST_COUNT];
    sqlite3_stmt *filter_st[FILTER_MASKS];
} sqlite_store;

static sqlite_store *engine(er_store *s)
{
    return (sqlite_store *)s;
}

/* ---- errors and statements ---------------------------------------- */

/* The er_status of an (extended) SQLite result code. */
static er_status status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOMEM: return ER_ENOMEM;
    case SQLITE_TOOBIG: return ER_ELIMIT;
    case SQLITE_RANGE:
    case SQLITE_MISMATCH: return ER_EINVAL;
    case SQLITE_CONSTRAINT:
        return rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE ? ER_EDUPLICATE
                                                                                    : ER_EINVAL;
    default: return ER_EIO;
    }
}

/* Fills `err` with what SQLite says of its last failure, after `what` (the
 * operation and its key), and returns its status. */
static er_status db_error(sqlite_store *e, int rc, er_error *err, const char *what)
{
    er_status st = status_of(rc);

    er_error_set(err, st, 0, NULL, "%s: %s", what, sqlite3_errmsg(e->db));
    return st;
}

/* Prepares `sql` into *slot unless it is there already. */
static er_status prepare(sqlite_store *e, sqlite3_stmt **slot, const char *sql, er_error *err)
{
    int rc;

    if (*slot)
        return ER_OK;
    rc = sqlite3_prepare_v3(e->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
    return rc == SQLITE_OK ? ER_OK : db_error(e, rc, err, "preparing a statement");
}

/* The kept statement `id`, for a use that ends before the function
 * returns (no callback runs meanwhile); sqlite3_reset() it after. */
static er_status stmt(sqlite_store *e, enum stmt_id id, sqlite3_stmt **out, er_error *err)
{
    er_status rc = prepare(e, &e->st[id], stmt_sql[id], err);

    *out = e->st[id];
    return rc;
}

/*
 * A statement for an iteration, which runs callbacks while it is open: the
 * kept one in *slot, unless a callback further up is iterating with that
 * one (er_store_events() called from an er_store_events() callback); then
 * a spare, *spare set, that iter_end() finalizes.
 */
static er_status iter_begin(sqlite_store *e, sqlite3_stmt **slot, const char *sql,
                            sqlite3_stmt **out, bool *spare)
{
    er_status rc;
    int src;

    *out = NULL;
    *spare = *slot && sqlite3_stmt_busy(*slot);
    if (!*spare) {
        rc = prepare(e, slot, sql, NULL);
        *out = *slot;
        return rc;
    }
    src = sqlite3_prepare_v2(e->db, sql, -1, out, NULL);
    return src == SQLITE_OK ? ER_OK : status_of(src);
}

static void iter_end(sqlite3_stmt *st, bool spare)
{
    if (spare)
        sqlite3_finalize(st);
    else
        sqlite3_reset(st);
}

/* Refuses a write when SQLite has rolled back the caller's transaction,
 * which would otherwise commit on its own. */
static er_status writable(sqlite_store *e, er_error *err)
{
    if (e->base.in_tx && sqlite3_get_autocommit(e->db))
        return er_error_set(err, ER_EIO, 0, NULL,
                            "the transaction was rolled back by an earlier error");
    return ER_OK;
}

/* Runs `st` to completion (an INSERT, a BEGIN); resets it either way. */
static er_status run(sqlite_store *e, sqlite3_stmt *st, er_error *err, const char *what)
{
    int rc = sqlite3_step(st);
    er_status result = ER_OK;

    if (rc != SQLITE_DONE)
        result = db_error(e, rc, err, what);
    sqlite3_reset(st);
    return result;
}

static int bind_str(sqlite3_stmt *st, int i, const char *s, size_t max)
{
    return sqlite3_bind_text(st, i, s, (int)strnlen(s, max), SQLITE_STATIC);
}

/* Binds "" as NULL. */
static int bind_opt(sqlite3_stmt *st, int i, const char *s, size_t max)
{
    return *s ? bind_str(st, i, s, max) : sqlite3_bind_null(st, i);
}

/* Binds a NULL pointer as NULL. */
static int bind_json(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Copies text column `i` into buf[size]; NULL reads as "".  ER_ELIMIT when
 * it does not fit (written by something other than this engine). */
static er_status col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
    const unsigned char *z;
    size_t n;

    buf[0] = '\0';
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return ER_OK;
    if (!(z = sqlite3_column_text(st, i)))
        return ER_ENOMEM;
    n = (size_t)sqlite3_column_bytes(st, i);
    if (n >= size)
        return ER_ELIMIT;
    memcpy(buf, z, n + 1);
    return ER_OK;
}

/* Text column `i` borrowed from the statement (NULL for NULL) into *out,
 * or, when `own`, copied into memory from er_malloc. */
static er_status col_text(sqlite3_stmt *st, int i, bool own, char **out)
{
    const unsigned char *z;
    size_t n;

    *out = NULL;
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return ER_OK;
    if (!(z = sqlite3_column_text(st, i)))
        return ER_ENOMEM;
    if (!own) {
        *out = (char *)z;
        return ER_OK;
    }
    n = (size_t)sqlite3_column_bytes(st, i);
    if (!(*out = er_malloc(n + 1)))
        return ER_ENOMEM;
    memcpy(*out, z, n + 1);
    return ER_OK;
}

static er_status col_scheme(sqlite3_stmt *st, int i, er_scheme_id *out)
{
    const unsigned char *z = sqlite3_column_text(st, i);

    if (!z)
        return sqlite3_column_type(st, i) == SQLITE_NULL ? ER_EPARSE : ER_ENOMEM;
    return er_scheme_parse((const char *)z, out) ? ER_EPARSE : ER_OK;
}

/* ---- opening and migrating ---------------------------------------- */

/* Runs SQL text without results (one or more statements). */
static er_status exec(sqlite_store *e, const char *sql, er_error *err, const char *what)
{
    int rc = sqlite3_exec(e->db, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? ER_OK : db_error(e, rc, err, what);
}

/* Runs a one-row query whose first column is an integer or text; into
 * *num or text[size] (either may be NULL). */
static er_status query1(sqlite_store *e, const char *sql, sqlite3_int64 *num, char *text,
                        size_t size, er_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(e->db, sql, -1, &st, NULL);
    er_status result = ER_OK;

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (num)
            *num = sqlite3_column_int64(st, 0);
        if (text && col_copy(st, 0, text, size))
            text[0] = '\0';
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
        result = db_error(e, rc, err, sql);
    sqlite3_finalize(st);
    return result;
}

/* The version recorded in schema_migrations; 0 for a new database. */
static er_status stored_version(sqlite_store *e, sqlite3_int64 *out, er_error *err)
{
    sqlite3_int64 n = 0;
    er_status rc;

    *out = 0;
    rc = query1(e,
                "SELECT count(*) FROM sqlite_master"
                " WHERE type = 'table' AND name = 'schema_migrations'",
                &n, NULL, 0, err);
    if (rc || n == 0)
        return rc;
    return query1(e, "SELECT coalesce(max(version), 0) FROM schema_migrations", out, NULL, 0, err);
}

/* Applies migrations have+1 .. latest; the caller holds the write lock. */
static er_status apply_migrations(sqlite_store *e, sqlite3_int64 have, er_error *err)
{
    sqlite3_stmt *st = NULL;
    char what[64];
    er_status result;
    size_t i;
    int rc;

    result = exec(e,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
                  err, "creating schema_migrations");
    if (result)
        return result;
    rc = sqlite3_prepare_v2(e->db,
                            "INSERT INTO schema_migrations (version, applied_at)"
                            " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_error(e, rc, err, "recording a migration");
    for (i = (size_t)have; i < er_sqlite_migration_count; i++) {
        const struct er_sqlite_migration *m = &er_sqlite_migrations[i];

        snprintf(what, sizeof what, "migration %d", m->version);
        if ((result = exec(e, m->sql, err, what)))
            break;
        sqlite3_bind_int(st, 1, m->version);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            result = db_error(e, rc, err, what);
            break;
        }
    }
    sqlite3_finalize(st);
    return result;
}

/* Brings the schema up to date; one writer migrates, others wait. */
static er_status migrate(sqlite_store *e, er_error *err)
{
    sqlite3_int64 have = 0, latest = (sqlite3_int64)er_sqlite_migration_count;
    er_status rc;

    if ((rc = stored_version(e, &have, err)))
        return rc;
    if (have < latest) {
        if ((rc = exec(e, "BEGIN IMMEDIATE", err, "migrating")))
            return rc;
        /* Another process may have migrated while this one waited. */
        rc = stored_version(e, &have, err);
        if (!rc && have < latest)
            rc = apply_migrations(e, have, err);
        if (!rc)
            rc = exec(e, "COMMIT", err, "migrating");
        if (rc) {
            sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        have = latest;
    }
    if (have > latest)
        return er_error_set(err, ER_EIO, 0, NULL,
                            "the store is at schema version %lld; this ecoreg knows versions "
                            "up to %lld",
                            (long long)have, (long long)latest);
    e->version = (int)have;
    return ER_OK;
}

/* Sets the connection's durability and safety; WAL is required. */
static er_status configure(sqlite_store *e, er_error *err)
{
    char mode[16];
    er_status rc;
    int keep = 1;

    sqlite3_extended_result_codes(e->db, 1);
    sqlite3_busy_timeout(e->db, BUSY_TIMEOUT_MS);
    /* The write-ahead log is kept when the last connection closes, every
     * frame checkpointed and the file cut to nothing (journal_size_limit
     * below), not deleted: creating it again cost the next process's first
     * commit a metadata sync, 18 of a one-row notification's 30 ms.  The
     * database file alone is still whole after a close. */
    sqlite3_file_control(e->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
    if ((rc = query1(e, "PRAGMA journal_mode = WAL", NULL, mode, sizeof mode, err)))
        return rc;
    /* An in-memory database ("sqlite::memory:") has no journal file. */
    if (strcmp(mode, "wal") != 0 && strcmp(mode, "memory") != 0)
        return er_error_set(err, ER_EIO, 0, NULL,
                            "cannot use write-ahead logging (journal mode is \"%s\")", mode);
    return exec(e,
                "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                " PRAGMA cache_size = -" CACHE_KIB "; PRAGMA journal_size_limit = 0;",
                err, "configuring");
}

static void sqlite_close(er_store *s)
{
    sqlite_store *e = engine(s);
    size_t i;

    for (i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(e->st[i]);
    for (i = 0; i < FILTER_MASKS; i++)
        sqlite3_finalize(e->filter_st[i]);
    /* SQLite's advice for a closing connection: refresh the planner's
     * statistics where this connection's queries would gain, on a sample. */
    if (e->version > 0)
        sqlite3_exec(e->db, "PRAGMA analysis_limit = 400; PRAGMA optimize;", NULL, NULL, NULL);
    sqlite3_close_v2(e->db);
    er_free(e);
}

static er_status sqlite_open(const char *target, er_store **out, er_error *err)
{
    sqlite_store *e = er_calloc(1, sizeof *e);
    er_status rc;
    int src;

    *out = NULL;
    if (!e)
        return er_error_set(err, ER_ENOMEM, 0, NULL, "out of memory opening %s", target);
    e->base.ops = &er_store_sqlite_ops;
    src = sqlite3_open_v2(target, &e->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = e->db ? db_error(e, src, err, target)
                   : er_error_set(err, ER_ENOMEM, 0, NULL, "out of memory opening %s", target);
        if (rc != ER_ENOMEM)
            rc = ER_EIO;
        sqlite_close(&e->base);
        return rc;
    }
    rc = configure(e, err);
    if (!rc)
        rc = migrate(e, err);
    if (rc) {
        if (rc != ER_ENOMEM)
            rc = ER_EIO; /* store.h: a store that cannot be opened is ER_EIO */
        sqlite_close(&e->base);
        return rc;
    }
    *out = &e->base;
    return ER_OK;
}

static int sqlite_schema_version(er_store *s)
{
    return engine(s)->version;
}

/* ---- transactions ------------------------------------------------- */

static er_status begin_as(er_store *s, enum stmt_id id, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;

    if ((rc = stmt(e, id, &st, err)))
        return rc;
    return run(e, st, err, "beginning a transaction");
}

static er_status sqlite_begin(er_store *s, er_error *err)
{
    return begin_as(s, ST_BEGIN, err);
}

static er_status sqlite_begin_read(er_store *s, er_error *err)
{
    return begin_as(s, ST_BEGIN_READ, err);
}

static void sqlite_rollback(er_store *s)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;

    /* SQLite may have rolled back already after an error; nothing to do. */
    if (sqlite3_get_autocommit(e->db))
        return;
    if (stmt(e, ST_ROLLBACK, &st, NULL) == ER_OK)
        run(e, st, NULL, "rolling back");
    if (!sqlite3_get_autocommit(e->db)) /* cannot prepare: try the slow way */
        sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
}

static er_status sqlite_commit(er_store *s, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;

    if (sqlite3_get_autocommit(e->db))
        return er_error_set(err, ER_EIO, 0, NULL,
                            "the transaction was rolled back by an earlier error");
    rc = stmt(e, ST_COMMIT, &st, err);
    if (!rc)
        rc = run(e, st, err, "committing");
    if (rc)
        sqlite_rollback(s);
    return rc;
}

/* ---- suppliers ---------------------------------------------------- */

static er_status sqlite_supplier_add(er_store *s, const er_supplier *sup, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[64];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_SUPPLIER_ADD, &st, err)))
        return rc;
    snprintf(what, sizeof what, "adding supplier %s", sup->code);
    if ((src = bind_str(st, 1, sup->code, sizeof sup->code)) ||
        (src = bind_str(st, 2, sup->name, sizeof sup->name))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    return run(e, st, err, what);
}

static er_status read_supplier(sqlite3_stmt *st, er_supplier *out)
{
    er_status rc = col_copy(st, 0, out->code, sizeof out->code);

    return rc ? rc : col_copy(st, 1, out->name, sizeof out->name);
}

static er_status sqlite_supplier_get(er_store *s, const char *code, er_supplier *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    memset(out, 0, sizeof *out);
    if ((rc = stmt(e, ST_SUPPLIER_GET, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_supplier(st, out);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_supplier_each(er_store *s, int (*cb)(void *ctx, const er_supplier *sup),
                                      void *ctx)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_supplier sup;
    er_status rc;
    bool spare;
    int src;

    if ((rc = iter_begin(e, &e->st[ST_SUPPLIER_EACH], stmt_sql[ST_SUPPLIER_EACH], &st, &spare)))
        return rc;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_supplier(st, &sup)) || cb(ctx, &sup))
            break;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- supplier licences -------------------------------------------- */

static er_status sqlite_licence_add(er_store *s, const er_licence *lic, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[80];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_LICENCE_ADD, &st, err)))
        return rc;
    snprintf(what, sizeof what, "adding licence %s", lic->reference);
    if ((src = bind_str(st, 1, lic->reference, sizeof lic->reference)) ||
        (src = bind_str(st, 2, lic->supplier, sizeof lic->supplier))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    src = sqlite3_step(st);
    if (src == SQLITE_CONSTRAINT_FOREIGNKEY)
        rc = er_error_set(err, ER_ENOTFOUND, 0, "supplier", "%s: no supplier %s", what,
                          lic->supplier);
    else if (src != SQLITE_DONE)
        rc = db_error(e, src, err, what);
    sqlite3_reset(st);
    return rc;
}

static er_status read_licence(sqlite3_stmt *st, er_licence *out)
{
    er_status rc = col_copy(st, 0, out->reference, sizeof out->reference);

    return rc ? rc : col_copy(st, 1, out->supplier, sizeof out->supplier);
}

static er_status sqlite_licence_find(er_store *s, const char *reference, er_licence *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = stmt(e, ST_LICENCE_FIND, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, reference, -1, SQLITE_STATIC)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_licence(st, out);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_licence_each(er_store *s, int (*cb)(void *ctx, const er_licence *lic),
                                     void *ctx)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_licence lic;
    er_status rc;
    bool spare;
    int src;

    if ((rc = iter_begin(e, &e->st[ST_LICENCE_EACH], stmt_sql[ST_LICENCE_EACH], &st, &spare)))
        return rc;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_licence(st, &lic)) || cb(ctx, &lic))
            break;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- reference lists ---------------------------------------------- */

static er_status sqlite_reference_add(er_store *s, const er_reference *ref, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[96];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_REFERENCE_ADD, &st, err)))
        return rc;
    snprintf(what, sizeof what, "adding %.31s entry %.40s", ref->list, ref->value);
    if ((src = bind_str(st, 1, ref->list, sizeof ref->list)) ||
        (src = bind_str(st, 2, ref->value, sizeof ref->value)) ||
        (src = bind_str(st, 3, ref->value2, sizeof ref->value2))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    return run(e, st, err, what);
}

static er_status read_reference(sqlite3_stmt *st, er_reference *out)
{
    er_status rc = col_copy(st, 0, out->list, sizeof out->list);

    if (!rc)
        rc = col_copy(st, 1, out->value, sizeof out->value);
    return rc ? rc : col_copy(st, 2, out->value2, sizeof out->value2);
}

static er_status sqlite_reference_find(er_store *s, const char *list, const char *value,
                                       const char *value2, er_reference *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    /* NULL matches any (store.h): a statement per form, each on the key */
    if ((rc = stmt(e,
                   value2  ? ST_REFERENCE_FIND
                   : value ? ST_REFERENCE_FIND_VALUE
                           : ST_REFERENCE_FIND_LIST,
                   &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC)) ||
        (value && (src = sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC))) ||
        (value2 && (src = sqlite3_bind_text(st, 3, value2, -1, SQLITE_STATIC))))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_reference(st, out);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_reference_each(er_store *s, const char *list,
                                       int (*cb)(void *ctx, const er_reference *ref), void *ctx)
{
    sqlite_store *e = engine(s);
    enum stmt_id id = list ? ST_REFERENCE_EACH_LIST : ST_REFERENCE_EACH_ALL;
    sqlite3_stmt *st;
    er_reference ref;
    er_status rc;
    bool spare;
    int src = SQLITE_OK;

    if ((rc = iter_begin(e, &e->st[id], stmt_sql[id], &st, &spare)))
        return rc;
    if (list)
        src = sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
    while (!src && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_reference(st, &ref)) || cb(ctx, &ref))
            break;
        src = SQLITE_OK;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- journal ------------------------------------------------------ */

static er_status sqlite_append(er_store *s, er_event *ev, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_APPEND, &st, err)))
        return rc;
    if ((src = bind_str(st, 1, ev->at, sizeof ev->at)) ||
        (src = bind_str(st, 2, ev->actor, sizeof ev->actor)) ||
        (src = bind_str(st, 3, ev->subject_kind, sizeof ev->subject_kind)) ||
        (src = bind_str(st, 4, ev->subject, sizeof ev->subject)) ||
        (src = bind_str(st, 5, ev->kind, sizeof ev->kind)) ||
        (src = bind_str(st, 6, ev->from_state, sizeof ev->from_state)) ||
        (src = bind_str(st, 7, ev->to_state, sizeof ev->to_state)) ||
        (src = bind_str(st, 8, ev->reason, sizeof ev->reason)) ||
        (src = bind_json(st, 9, ev->payload))) {
        sqlite3_reset(st);
        return db_error(e, src, err, "appending an event");
    }
    if ((rc = run(e, st, err, "appending an event")))
        return rc;
    ev->id = (int64_t)sqlite3_last_insert_rowid(e->db);
    return ER_OK;
}

static er_status read_event(sqlite3_stmt *st, er_event *ev)
{
    er_status rc;
    char *payload;

    ev->id = (int64_t)sqlite3_column_int64(st, 0);
    if ((rc = col_copy(st, 1, ev->at, sizeof ev->at)) ||
        (rc = col_copy(st, 2, ev->actor, sizeof ev->actor)) ||
        (rc = col_copy(st, 3, ev->subject_kind, sizeof ev->subject_kind)) ||
        (rc = col_copy(st, 4, ev->subject, sizeof ev->subject)) ||
        (rc = col_copy(st, 5, ev->kind, sizeof ev->kind)) ||
        (rc = col_copy(st, 6, ev->from_state, sizeof ev->from_state)) ||
        (rc = col_copy(st, 7, ev->to_state, sizeof ev->to_state)) ||
        (rc = col_copy(st, 8, ev->reason, sizeof ev->reason)) ||
        (rc = col_text(st, 9, false, &payload)))
        return rc;
    ev->payload = payload;
    return ER_OK;
}

static er_status sqlite_events(er_store *s, const char *subject_kind, const char *subject,
                               int (*cb)(void *ctx, const er_event *ev), void *ctx)
{
    sqlite_store *e = engine(s);
    enum stmt_id id = !subject_kind ? ST_EVENTS_ALL : !subject ? ST_EVENTS_KIND : ST_EVENTS_SUBJECT;
    sqlite3_stmt *st;
    er_event ev;
    er_status rc;
    bool spare;
    int src = SQLITE_OK;

    if ((rc = iter_begin(e, &e->st[id], stmt_sql[id], &st, &spare)))
        return rc;
    if (subject_kind)
        src = sqlite3_bind_text(st, 1, subject_kind, -1, SQLITE_STATIC);
    if (!src && subject)
        src = sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
    while (!src && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_event(st, &ev)) || cb(ctx, &ev))
            break;
        src = SQLITE_OK;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- measures ----------------------------------------------------- */

static er_status sqlite_measure_put(er_store *s, const er_measure_rec *m, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[64];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_MEASURE_PUT, &st, err)))
        return rc;
    snprintf(what, sizeof what, "recording measure %s", m->mrn);
    if ((src = bind_str(st, 1, m->mrn, sizeof m->mrn)) ||
        (src = sqlite3_bind_text(st, 2, er_scheme_name(m->scheme), -1, SQLITE_STATIC)) ||
        (src = bind_str(st, 3, m->supplier, sizeof m->supplier)) ||
        (src = bind_opt(st, 4, m->project_id, sizeof m->project_id)) ||
        (src = bind_str(st, 5, m->state, sizeof m->state)) ||
        (src = bind_str(st, 6, m->content_hash, sizeof m->content_hash)) ||
        (src = m->completion == ER_DATE_NONE ? sqlite3_bind_null(st, 7)
                                             : sqlite3_bind_int(st, 7, m->completion)) ||
        (src = sqlite3_bind_int(st, 8, m->late_extension ? 1 : 0)) ||
        (src = m->row_event ? sqlite3_bind_int64(st, 9, m->row_event) : sqlite3_bind_null(st, 9)) ||
        (src = sqlite3_bind_int64(st, 10, m->last_event))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    return run(e, st, err, what);
}

/* Reads a row of MEASURE_READ; the JSON is copied when `own`, else
 * borrowed from the statement.  Frees what it copied on failure. */
static er_status read_measure(sqlite3_stmt *st, er_measure_rec *m, bool own)
{
    er_status rc;

    m->row_json = m->failures_json = NULL;
    if ((rc = col_copy(st, 0, m->mrn, sizeof m->mrn)) || (rc = col_scheme(st, 1, &m->scheme)) ||
        (rc = col_copy(st, 2, m->supplier, sizeof m->supplier)) ||
        (rc = col_copy(st, 3, m->project_id, sizeof m->project_id)) ||
        (rc = col_copy(st, 4, m->state, sizeof m->state)) ||
        (rc = col_copy(st, 5, m->content_hash, sizeof m->content_hash)))
        return rc;
    m->completion = sqlite3_column_type(st, 6) == SQLITE_NULL ? ER_DATE_NONE
                                                              : (er_date)sqlite3_column_int(st, 6);
    m->late_extension = sqlite3_column_int(st, 7) != 0;
    m->row_event = (int64_t)sqlite3_column_int64(st, 8);
    m->last_event = (int64_t)sqlite3_column_int64(st, 9);
    if ((rc = col_text(st, 10, own, &m->row_json)) ||
        (rc = col_text(st, 11, own, &m->failures_json))) {
        if (own) {
            er_free(m->row_json);
            er_free(m->failures_json);
        }
        m->row_json = m->failures_json = NULL;
    }
    return rc;
}

static er_status sqlite_measure_get(er_store *s, const char *mrn, er_measure_rec *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = stmt(e, ST_MEASURE_GET, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, mrn, -1, SQLITE_STATIC)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_measure(st, out, true);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

/* The statement for the filter fields set in `mask`, prepared once. */
static er_status filter_stmt(sqlite_store *e, unsigned mask, sqlite3_stmt **out, bool *spare)
{
    char sql[1024];
    size_t n;
    int i;

    n = (size_t)snprintf(sql, sizeof sql, "%s WHERE 1", MEASURE_READ);
    for (i = 0; i < FILTER_BITS; i++)
        if (mask & (1u << i))
            n += (size_t)snprintf(sql + n, sizeof sql - n, "%s", filter_terms[i]);
    snprintf(sql + n, sizeof sql - n, " ORDER BY m.mrn");
    return iter_begin(e, &e->filter_st[mask], sql, out, spare);
}

static int bind_filter(sqlite3_stmt *st, const er_measure_filter *f, unsigned mask)
{
    int src = SQLITE_OK;

    if (mask & 1u)
        src = sqlite3_bind_text(st, 1, er_scheme_name((er_scheme_id)f->scheme), -1, SQLITE_STATIC);
    if (!src && (mask & 2u))
        src = bind_str(st, 2, f->supplier, sizeof f->supplier);
    if (!src && (mask & 4u))
        src = bind_str(st, 3, f->state, sizeof f->state);
    if (!src && (mask & 8u))
        src = bind_str(st, 4, f->project_id, sizeof f->project_id);
    if (!src && (mask & 16u))
        src = sqlite3_bind_int(st, 5, f->completed_from);
    if (!src && (mask & 32u))
        src = sqlite3_bind_int(st, 6, f->completed_to);
    return src;
}

static er_status sqlite_measure_each(er_store *s, const er_measure_filter *f,
                                     int (*cb)(void *ctx, const er_measure_rec *m), void *ctx)
{
    sqlite_store *e = engine(s);
    unsigned mask = (f->scheme >= 0 ? 1u : 0) | (f->supplier[0] ? 2u : 0) | (f->state[0] ? 4u : 0) |
                    (f->project_id[0] ? 8u : 0) | (f->completed_from != ER_DATE_NONE ? 16u : 0) |
                    (f->completed_to != ER_DATE_NONE ? 32u : 0);
    sqlite3_stmt *st;
    er_measure_rec m;
    er_status rc;
    bool spare;
    int src;

    if ((rc = filter_stmt(e, mask, &st, &spare)))
        return rc;
    src = bind_filter(st, f, mask);
    while (!src && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_measure(st, &m, false)) || cb(ctx, &m))
            break;
        src = SQLITE_OK;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

static er_status sqlite_month_counts(er_store *s, const char *supplier, er_date first, er_date last,
                                     long *completed, long *late)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = stmt(e, ST_MONTH_COUNTS, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, supplier, -1, SQLITE_STATIC)) ||
        (src = sqlite3_bind_int(st, 2, first)) || (src = sqlite3_bind_int(st, 3, last)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW) {
        *completed = (long)sqlite3_column_int64(st, 0);
        *late = (long)sqlite3_column_int64(st, 1);
    } else
        rc = status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_link_put(er_store *s, const char *mrn, const char *cited, const char *kind,
                                 er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[96];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_LINK_PUT, &st, err)))
        return rc;
    snprintf(what, sizeof what, "linking %s to %s", mrn, cited);
    if ((src = sqlite3_bind_text(st, 1, mrn, -1, SQLITE_STATIC)) ||
        (src = sqlite3_bind_text(st, 2, cited, -1, SQLITE_STATIC)) ||
        (src = sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    return run(e, st, err, what);
}

static er_status sqlite_link_find(er_store *s, const char *cited, const char *kind,
                                  const char *except, char *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = stmt(e, ST_LINK_FIND, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, cited, -1, SQLITE_STATIC)) ||
        (src = sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC)) ||
        (src = except ? sqlite3_bind_text(st, 3, except, -1, SQLITE_STATIC)
                      : sqlite3_bind_null(st, 3)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = col_copy(st, 0, out, ER_MRN_MAX);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_link_each(er_store *s, const char *key,
                                  int (*cb)(void *ctx, const char *mrn, const char *cited,
                                            const char *kind),
                                  void *ctx)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    bool spare;
    int src;

    if ((rc = iter_begin(e, &e->st[ST_LINK_EACH], stmt_sql[ST_LINK_EACH], &st, &spare)))
        return rc;
    src = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    while (!src && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if (cb(ctx, (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2)))
            break;
        src = SQLITE_OK;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- projects ----------------------------------------------------- */

static er_status sqlite_project_put(er_store *s, const er_project_rec *p, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[96];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_PROJECT_PUT, &st, err)))
        return rc;
    snprintf(what, sizeof what, "recording project %s", p->project_id);
    if ((src = bind_str(st, 1, p->project_id, sizeof p->project_id)) ||
        (src = sqlite3_bind_text(st, 2, er_scheme_name(p->scheme), -1, SQLITE_STATIC)) ||
        (src = bind_str(st, 3, p->supplier, sizeof p->supplier)) ||
        (src = bind_str(st, 4, p->state, sizeof p->state)) ||
        (src = bind_str(st, 5, p->content_hash, sizeof p->content_hash)) ||
        (src = bind_json(st, 6, p->content_json)) || (src = bind_json(st, 7, p->failures_json)) ||
        (src = sqlite3_bind_int64(st, 8, p->last_event))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    return run(e, st, err, what);
}

/* Reads a row of PROJECT_COLUMNS, as read_measure() does. */
static er_status read_project(sqlite3_stmt *st, er_project_rec *p, bool own)
{
    er_status rc;

    p->content_json = p->failures_json = NULL;
    if ((rc = col_copy(st, 0, p->project_id, sizeof p->project_id)) ||
        (rc = col_scheme(st, 1, &p->scheme)) ||
        (rc = col_copy(st, 2, p->supplier, sizeof p->supplier)) ||
        (rc = col_copy(st, 3, p->state, sizeof p->state)) ||
        (rc = col_copy(st, 4, p->content_hash, sizeof p->content_hash)))
        return rc;
    p->last_event = (int64_t)sqlite3_column_int64(st, 7);
    if ((rc = col_text(st, 5, own, &p->content_json)) ||
        (rc = col_text(st, 6, own, &p->failures_json))) {
        if (own) {
            er_free(p->content_json);
            er_free(p->failures_json);
        }
        p->content_json = p->failures_json = NULL;
    }
    return rc;
}

static er_status sqlite_project_get(er_store *s, const char *project_id, er_project_rec *out)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_status rc;
    int src;

    if ((rc = stmt(e, ST_PROJECT_GET, &st, NULL)))
        return rc;
    if ((src = sqlite3_bind_text(st, 1, project_id, -1, SQLITE_STATIC)))
        rc = status_of(src);
    else if ((src = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_project(st, out, true);
    else
        rc = src == SQLITE_DONE ? ER_ENOTFOUND : status_of(src);
    sqlite3_reset(st);
    return rc;
}

static er_status sqlite_project_each(er_store *s, int (*cb)(void *ctx, const er_project_rec *p),
                                     void *ctx)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    er_project_rec p;
    er_status rc;
    bool spare;
    int src;

    if ((rc = iter_begin(e, &e->st[ST_PROJECT_EACH], stmt_sql[ST_PROJECT_EACH], &st, &spare)))
        return rc;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_project(st, &p, false)) || cb(ctx, &p))
            break;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

/* ---- the obligation ledger ---------------------------------------- */

static er_status sqlite_ledger_add(er_store *s, er_ledger_row *r, er_error *err)
{
    sqlite_store *e = engine(s);
    sqlite3_stmt *st;
    char what[112];
    er_status rc;
    int src;

    if ((rc = writable(e, err)) || (rc = stmt(e, ST_LEDGER_ADD, &st, err)))
        return rc;
    snprintf(what, sizeof what, "recording ledger entry %.23s %.63s", r->op, r->subject);
    if ((src = sqlite3_bind_int64(st, 1, r->event)) ||
        (src = sqlite3_bind_text(st, 2, er_scheme_name(r->scheme), -1, SQLITE_STATIC)) ||
        (src = bind_str(st, 3, r->op, sizeof r->op)) ||
        (src = bind_str(st, 4, r->supplier, sizeof r->supplier)) ||
        (src = bind_str(st, 5, r->to_supplier, sizeof r->to_supplier)) ||
        (src = bind_str(st, 6, r->subject, sizeof r->subject)) ||
        (src = sqlite3_bind_int64(st, 7, r->amount)) ||
        (src = sqlite3_bind_int64(st, 8, (sqlite3_int64)r->tags)) ||
        (src = bind_str(st, 9, r->key, sizeof r->key)) ||
        (src = sqlite3_bind_int(st, 10, r->year)) ||
        (src = r->completed == ER_DATE_NONE ? sqlite3_bind_null(st, 11)
                                            : sqlite3_bind_int(st, 11, r->completed))) {
        sqlite3_reset(st);
        return db_error(e, src, err, what);
    }
    if ((rc = run(e, st, err, what)))
        return rc;
    r->seq = (int64_t)sqlite3_last_insert_rowid(e->db);
    return ER_OK;
}

static er_status read_ledger(sqlite3_stmt *st, er_ledger_row *r)
{
    er_status rc;

    r->seq = (int64_t)sqlite3_column_int64(st, 0);
    r->event = (int64_t)sqlite3_column_int64(st, 1);
    r->amount = (int64_t)sqlite3_column_int64(st, 7);
    r->tags = (uint32_t)sqlite3_column_int64(st, 8);
    r->year = sqlite3_column_int(st, 10);
    r->completed = sqlite3_column_type(st, 11) == SQLITE_NULL ? ER_DATE_NONE
                                                               : sqlite3_column_int(st, 11);
    if ((rc = col_scheme(st, 2, &r->scheme)) || (rc = col_copy(st, 3, r->op, sizeof r->op)) ||
        (rc = col_copy(st, 4, r->supplier, sizeof r->supplier)) ||
        (rc = col_copy(st, 5, r->to_supplier, sizeof r->to_supplier)) ||
        (rc = col_copy(st, 6, r->subject, sizeof r->subject)) ||
        (rc = col_copy(st, 9, r->key, sizeof r->key)))
        return rc;
    return col_copy(st, 12, r->at, sizeof r->at);
}

static er_status sqlite_ledger_each(er_store *s, int scheme, const char *subject,
                                    int (*cb)(void *ctx, const er_ledger_row *r), void *ctx)
{
    sqlite_store *e = engine(s);
    enum stmt_id id = subject ? ST_LEDGER_EACH_SUBJECT : ST_LEDGER_EACH;
    sqlite3_stmt *st;
    er_ledger_row r;
    er_status rc;
    bool spare;
    int src;

    if ((rc = iter_begin(e, &e->st[id], stmt_sql[id], &st, &spare)))
        return rc;
    src = scheme < 0 ? sqlite3_bind_null(st, 1)
                     : sqlite3_bind_text(st, 1, er_scheme_name((er_scheme_id)scheme), -1,
                                         SQLITE_STATIC);
    if (!src && subject)
        src = sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
    while (!src && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = read_ledger(st, &r)) || cb(ctx, &r))
            break;
        src = SQLITE_OK;
    }
    if (!rc && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = status_of(src);
    iter_end(st, spare);
    return rc;
}

const struct er_store_ops er_store_sqlite_ops = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .begin = sqlite_begin,
    .begin_read = sqlite_begin_read,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .supplier_add = sqlite_supplier_add,
    .supplier_get = sqlite_supplier_get,
    .supplier_each = sqlite_supplier_each,
    .licence_add = sqlite_licence_add,
    .licence_find = sqlite_licence_find,
    .licence_each = sqlite_licence_each,
    .reference_add = sqlite_reference_add,
    .reference_find = sqlite_reference_find,
    .reference_each = sqlite_reference_each,
    .append = sqlite_append,
    .events = sqlite_events,
    .measure_put = sqlite_measure_put,
    .measure_get = sqlite_measure_get,
    .measure_each = sqlite_measure_each,
    .month_counts = sqlite_month_counts,
    .link_put = sqlite_link_put,
    .link_find = sqlite_link_find,
    .link_each = sqlite_link_each,
    .project_put = sqlite_project_put,
    .project_get = sqlite_project_get,
    .project_each = sqlite_project_each,
    .ledger_add = sqlite_ledger_add,
    .ledger_each = sqlite_ledger_each,
};
