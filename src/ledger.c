/* ledger.c — opening a ledger for work: the schema's steps, with a copy in
 * the backup folder before an upgrade and the in-use mark naming who holds
 * a busy ledger.  Storage (db.c) is handed both and knows neither. */
#include "config.h"

#include "mp_backup.h"
#include "mp_inuse.h"
#include "mp_ledger.h"
#include "mp_schema.h"

/* A ledger of an older schema is copied to the backup folder before it
 * is upgraded; without that copy it is not upgraded. */
static int copy_first(mp_db *db, int from, mp_err *e)
{
	(void)from;
	return mp_backup_make(db, NULL, "before-upgrade", NULL, e);
}

int mp_db_open(mp_db **out, const char *path, int create_dirs, mp_err *e)
{
	return mp_schema_open(out, path, create_dirs, copy_first, mp_inuse_who, e);
}
