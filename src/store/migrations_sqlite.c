/*
 * migrations_sqlite.c: the SQLite engine's schema, as numbered migrations.
 *
 * Each entry is applied once, in order, when a store is opened; the
 * schema_migrations table records which have been (store_sqlite.c).  An
 * applied migration is never edited: a change to the schema is a new entry
 * at the end, and docs/store.md says how to write one.  The schema version
 * of a store is the number of the last migration applied to it.
 *
 * The journal (events) is append-only here as well as in the API: triggers
 * abort any UPDATE or DELETE of an event, and AUTOINCREMENT keeps an id
 * from ever being reused.
 */
#include "migrations_sqlite.h"

const struct er_sqlite_migration er_sqlite_migrations[] = {
    {
        1,
        "suppliers, the event journal, and the measure, link and project projections",

        "CREATE TABLE suppliers (\n"
        "    code TEXT PRIMARY KEY NOT NULL,\n"
        "    name TEXT NOT NULL\n"
        ") WITHOUT ROWID;\n"

        "CREATE TABLE events (\n"
        "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "    at TEXT NOT NULL,\n"
        "    actor TEXT NOT NULL,\n"
        "    subject_kind TEXT NOT NULL,\n"
        "    subject TEXT NOT NULL,\n"
        "    kind TEXT NOT NULL,\n"
        "    from_state TEXT NOT NULL,\n"
        "    to_state TEXT NOT NULL,\n"
        "    reason TEXT NOT NULL,\n"
        "    payload TEXT\n"
        ");\n"
        "CREATE INDEX events_by_subject ON events (subject_kind, subject, id);\n"
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
        "BEGIN SELECT RAISE(ABORT, 'the journal is append-only: an event cannot be changed');"
        " END;\n"
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
        "BEGIN SELECT RAISE(ABORT, 'the journal is append-only: an event cannot be deleted');"
        " END;\n"
        /* INSERT OR REPLACE deletes without firing delete triggers. */
        "CREATE TRIGGER events_no_replace BEFORE INSERT ON events\n"
        "WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)\n"
        "BEGIN SELECT RAISE(ABORT, 'the journal is append-only: an event cannot be replaced');"
        " END;\n"

        /* completion: the er_date day number (days since 1970-01-01);
         * project_id: NULL when the scheme has none (GBIS). */
        "CREATE TABLE measures (\n"
        "    mrn TEXT PRIMARY KEY NOT NULL,\n"
        "    scheme TEXT NOT NULL,\n"
        "    supplier TEXT NOT NULL,\n"
        "    project_id TEXT,\n"
        "    state TEXT NOT NULL,\n"
        "    content_hash TEXT NOT NULL,\n"
        "    completion INTEGER,\n"
        "    late_extension INTEGER NOT NULL CHECK (late_extension IN (0, 1)),\n"
        "    row_json TEXT,\n"
        "    failures_json TEXT,\n"
        "    last_event INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX measures_by_supplier ON measures (supplier, completion);\n"
        "CREATE INDEX measures_by_state ON measures (state);\n"
        "CREATE INDEX measures_by_scheme ON measures (scheme, completion);\n"
        "CREATE INDEX measures_by_project ON measures (project_id)"
        " WHERE project_id IS NOT NULL;\n"

        "CREATE TABLE links (\n"
        "    mrn TEXT NOT NULL,\n"
        "    cited TEXT NOT NULL,\n"
        "    kind TEXT NOT NULL,\n"
        "    PRIMARY KEY (cited, kind, mrn)\n"
        ") WITHOUT ROWID;\n"

        "CREATE TABLE projects (\n"
        "    project_id TEXT PRIMARY KEY NOT NULL,\n"
        "    scheme TEXT NOT NULL,\n"
        "    supplier TEXT NOT NULL,\n"
        "    state TEXT NOT NULL,\n"
        "    content_hash TEXT NOT NULL,\n"
        "    content_json TEXT,\n"
        "    failures_json TEXT,\n"
        "    last_event INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX projects_by_supplier ON projects (supplier);\n",
    },
    {
        2,
        "a measure's notified row is read from its event, not stored a second time",

        /* row_event: the latest notified or edited event of the measure,
         * whose payload carries "row" and "failures" (store.h).  Not a
         * foreign key: its look-up was 6% of a notification's time, and
         * `ecoreg verify` checks row_event against the journal.  No index
         * on (scheme, completion) any more: two schemes select half the
         * table each, and its upkeep was 5% of a notification. */
        "CREATE TABLE measures_2 (\n"
        "    mrn TEXT PRIMARY KEY NOT NULL,\n"
        "    scheme TEXT NOT NULL,\n"
        "    supplier TEXT NOT NULL,\n"
        "    project_id TEXT,\n"
        "    state TEXT NOT NULL,\n"
        "    content_hash TEXT NOT NULL,\n"
        "    completion INTEGER,\n"
        "    late_extension INTEGER NOT NULL CHECK (late_extension IN (0, 1)),\n"
        "    row_event INTEGER,\n"
        "    last_event INTEGER NOT NULL\n"
        ");\n"
        "INSERT INTO measures_2 (mrn, scheme, supplier, project_id, state, content_hash,"
        " completion, late_extension, row_event, last_event)\n"
        "SELECT m.mrn, m.scheme, m.supplier, m.project_id, m.state, m.content_hash,"
        " m.completion, m.late_extension,"
        " (SELECT max(e.id) FROM events e WHERE e.subject_kind = 'measure'"
        " AND e.subject = m.mrn AND e.kind IN ('notified', 'edited')),"
        " m.last_event FROM measures m;\n"
        "DROP TABLE measures;\n"
        "ALTER TABLE measures_2 RENAME TO measures;\n"
        "CREATE INDEX measures_by_supplier ON measures (supplier, completion);\n"
        "CREATE INDEX measures_by_state ON measures (state);\n"

        "CREATE INDEX measures_by_project ON measures (project_id)"
        " WHERE project_id IS NOT NULL;\n",
    },
    {
        3,
        "supplier licences: the Supplier_Reference values of GBIS0116 and GBIS0117",

        /* A reference is unique ignoring case (Ofgem's GBIS0116 compares
         * so); its supplier is a foreign key, enforced (foreign_keys=ON).
         * No index on supplier: suppliers are never deleted or renamed. */
        "CREATE TABLE supplier_licences (\n"
        "    reference TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,\n"
        "    supplier TEXT NOT NULL REFERENCES suppliers (code)\n"
        ") WITHOUT ROWID;\n",
    },
    {
        4,
        "reference lists: Ofgem's flex referral routes (GBIS0900) and innovation measures "
        "(GBIS0720)",

        /* One row per entry of a list the administrator loads.  value and
         * value2 are unique and found ignoring case (Ofgem's rules compare
         * so); value2 is '' for a list of single values. */
        "CREATE TABLE reference_entries (\n"
        "    list TEXT NOT NULL,\n"
        "    value TEXT NOT NULL COLLATE NOCASE,\n"
        "    value2 TEXT NOT NULL DEFAULT '' COLLATE NOCASE,\n"
        "    PRIMARY KEY (list, value, value2)\n"
        ") WITHOUT ROWID;\n",
    },
    {
        5,
        "the obligation ledger: awards, withdrawals, obligations and trades (issue 4)",

        /* One row per ledger entry, in the order decided (seq); each is
         * also in its event's payload ("ledger"), which `verify` checks.
         * Rows are only ever added.  The index finds a subject's entries
         * (what counts of a measure or project when it is withdrawn). */
        "CREATE TABLE ledger (\n"
        "    seq INTEGER PRIMARY KEY,\n"
        "    event INTEGER NOT NULL REFERENCES events (id),\n"
        "    scheme TEXT NOT NULL,\n"
        "    op TEXT NOT NULL,\n"
        "    supplier TEXT NOT NULL,\n"
        "    to_supplier TEXT NOT NULL DEFAULT '',\n"
        "    subject TEXT NOT NULL DEFAULT '',\n"
        "    amount INTEGER NOT NULL,\n"
        "    tags INTEGER NOT NULL DEFAULT 0,\n"
        "    key TEXT NOT NULL DEFAULT '',\n"
        "    year INTEGER NOT NULL DEFAULT 0,\n"
        "    completed INTEGER\n"
        ");\n"
        "CREATE INDEX ledger_by_subject ON ledger (subject) WHERE subject <> '';\n",
    },
    {
        6,
        "links found from the citing end: what a transfer must take along (issue 4)",

        /* A transfer of qualifying measures takes every measure linked to
         * those named (seed 004 ch. 5): links are followed both ways. */
        "CREATE INDEX links_by_mrn ON links (mrn);\n",
    },
};

const size_t er_sqlite_migration_count =
    sizeof er_sqlite_migrations / sizeof er_sqlite_migrations[0];
