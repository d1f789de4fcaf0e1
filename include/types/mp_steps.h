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

/* Schema step 13 (obs.c, issue 17): the declared tables of the
 * observation points made when missing, every group's 观察点 level other
 * than 无 one point of that group (观察中, from its 成立日期 or the day it
 * was entered), and the triggers that keep groups.observation from the
 * points and make a point for a group saved with a level. */
int mp_obs_schema_step(sqlite3 *h, mp_err *e);

#endif
