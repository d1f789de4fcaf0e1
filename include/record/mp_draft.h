/* mp_draft.h — a form that was being typed when miaopu had to stop.
 *
 * When the terminal is closed (SIGHUP) or miaopu is told to stop
 * (SIGTERM) while a form holds unsaved typing, there is nobody to ask, and
 * the typing must not be lost; nor may unchecked values go into the
 * ledger.  So the form is kept as a draft, LEDGER-draft beside the ledger
 * (0600: it may hold an ID number), and offered back on the next start:
 * the social worker looks at it and saves it, or drops it. */
#ifndef MP_DRAFT_H
#define MP_DRAFT_H

#include "mp_err.h"
#include "mp_record.h"

/* Keep r (its table, its id, every field as typed) as the ledger's draft,
 * replacing any earlier one.  Written to a new file, synced and renamed. */
int mp_draft_save(const char *dbpath, const mp_record *r, mp_err *e);

/* The ledger's draft as a record (not saved; id as it was), or
 * MP_ENOTFOUND when there is none, MP_EINVAL when it cannot be read
 * (then it is left for the user to look at). */
int mp_draft_load(const char *dbpath, mp_record **out, mp_err *e);

/* Remove the ledger's draft. */
void mp_draft_discard(const char *dbpath);

#endif
