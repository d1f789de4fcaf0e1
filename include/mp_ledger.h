/* mp_ledger.h — opening a ledger for work (ledger.c).
 *
 * Above storage and the schema: what must happen around opening a ledger
 * that storage must not know about.  An older ledger is copied to the
 * backup folder before it is upgraded (and is not upgraded without that
 * copy), and a busy ledger's message names who holds it (the in-use
 * mark). */
#ifndef MP_LEDGER_H
#define MP_LEDGER_H

#include "mp_db.h"
#include "mp_err.h"

/* Open (creating if absent, with owner-only permissions 0600, and creating
 * its folder 0700 when create_dirs) the ledger at path, upgrading an
 * older one after a copy in the backup folder.  On failure returns
 * non-MP_OK with a translated message naming the file, and *out is NULL. */
int mp_db_open(mp_db **out, const char *path, int create_dirs, mp_err *e);

#endif
