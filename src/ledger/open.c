/* open.c — opening a ledger file for work: the schema's steps, with a copy in
 * the backup folder before an upgrade and the in-use mark naming who holds
 * a busy ledger.  Storage (db.c) is handed both and knows neither. */
#include "config.h"

#include "mp_backup.h"
#include "mp_inuse.h"
#include "mp_ledger.h"
#include "mp_schema.h"
#include "mp_steps.h"

/* A ledger of an older schema is copied to the backup folder before it
 * is upgraded; without that copy it is not upgraded. */
static int copy_first(mp_db *db, int from, mp_err *e)
{
	(void)from;
	return mp_backup_make(db, NULL, "before-upgrade", NULL, e);
}

int mp_db_open(mp_db **out, const char *path, int create_dirs, mp_err *e)
{
	struct mp_db_schema s;
	int ret;

	s.steps = mp_schema_steps(&s.nsteps);
	s.before_upgrade = copy_first;
	s.who = mp_inuse_who;
	ret = mp_db_open_with(out, path, create_dirs, &s, e);
	/* Record types added since the last step have no step: their
	 * tables are made from their declaration, and brought up to it
	 * (new fields' columns) after the same copy as a step's. */
	if (ret == MP_OK
	    && (ret = mp_schema_create_declared(*out, copy_first, e)) != MP_OK) {
		mp_db_close(*out);
		*out = NULL;
	}
	return ret;
}
