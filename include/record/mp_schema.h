/* mp_schema.h — the ledger's schema made from the record types' tables
 * (schema.c); the steps of the built-in types are mp_steps.h's.
 *
 * The tables that schema steps made keep their steps (never changed once
 * released); a record type declared since (MP_T_DECLARED) has its table,
 * indexes and search triggers made from its mp_table when a ledger is
 * opened.  Both end alike: a ledger upgraded from any older version and a
 * new one have the same schema. */
#ifndef MP_SCHEMA_H
#define MP_SCHEMA_H

#include "db_internal.h"
#include "mp_record.h"

/* The ledger's schema objects (the type, name and CREATE text of each),
 * read at once: the opening looks up every declared table, column,
 * index and search trigger, and sqlite_schema has no index, so that
 * each look-up read all of it (a third of a start's processor time). */
typedef struct mp_schema_snap mp_schema_snap;
/* NULL when the schema could not be read (the look-ups then ask SQLite). */
mp_schema_snap *mp_schema_snap_read(sqlite3 *h);
void mp_schema_snap_free(mp_schema_snap *s);
/* The CREATE text of the object of type called name ("" when SQLite keeps
 * none, as for an automatic index), NULL when there is no such object. */
const char *mp_schema_snap_sql(const mp_schema_snap *s, const char *type,
                               const char *name);

/* Bring db's tables of declared record types (MP_T_DECLARED) up to
 * their declarations: a missing table made whole, and in a table made
 * earlier the columns of fields declared since added (its rows keep every
 * value and have those fields empty), missing indexes made and search
 * triggers remade; a column the declaration no longer has is left alone.
 * All in one transaction; nothing is written when nothing lacks.  Before
 * columns are added the ledger is quick-checked and before (may be NULL)
 * runs, as before a schema step (a copy in the backup folder): if either
 * fails the ledger is left unchanged and e says so.  A read-only ledger
 * lacking a table or column is refused with MP_EREADONLY and a message
 * that asks for it to be made writable. */
int mp_schema_create_declared(mp_db *db,
                              int (*before)(mp_db *db, int from, mp_err *e),
                              mp_err *e);

/* t's CREATE TABLE, made from its declaration: the columns every record
 * table has (id INTEGER PRIMARY KEY, uuid, created_at, updated_at,
 * deleted_at), then one column per field: a count INTEGER and an hours
 * field REAL, each with the CHECK its kind promises, a reference INTEGER
 * REFERENCES its table(id), anything else TEXT; the first field, when
 * required, and required references are NOT NULL.  With
 * if_not_exists, "CREATE TABLE IF NOT EXISTS" (SQLite keeps the text
 * without those words).  Newly allocated. */
char *mp_schema_table_sql(const mp_table *t, int if_not_exists);

/* The CREATE INDEX of t's declared index ix (see mp_index).  Newly
 * allocated. */
char *mp_schema_index_sql(const mp_table *t, const mp_index *ix,
                          int if_not_exists);

/* Make t's table (if it is not there), its indexes (the live and recycle
 * bin orders of its first sort, the live order of its other sorts, one
 * for each reference, and its declared ones) and its search triggers
 * (mp_search_sync), in one transaction. */
int mp_schema_create_table(mp_db *db, const mp_table *t, mp_err *e);

/* mp_schema_create_table for a schema step that writes into a declared
 * type's table (moving an old field's values into it): the table, its
 * indexes and search triggers made on h, if missing, inside the step's
 * own transaction, exactly as the opening would make them, so that the
 * opening then finds them complete. */
int mp_schema_step_table(sqlite3 *h, const mp_table *t, mp_err *e);

/* Schema step 9, and what any later step that changes the searched
 * fields runs: every record type's search triggers made what its table
 * says (mp_search_sync). */
int mp_schema_sync_search(sqlite3 *h, mp_err *e);

#endif
