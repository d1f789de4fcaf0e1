/* mp_steps.h — the schema steps of the built-in record types
 * (schema_steps.c), one per version, which storage (db.c) runs on a ledger
 * older than this program. */
#ifndef MP_STEPS_H
#define MP_STEPS_H

#include "db_internal.h"
#include "mp_schema.h"

/* The schema version this program writes: the last step's. */
int mp_db_schema_version(void);

/* The program's schema steps, *n of them. */
const struct mp_migration *mp_schema_steps(int *n);

#endif
