/* mp_draft.h — forms that were being typed when miaopu had to stop.
 *
 * When the terminal is closed (SIGHUP) or miaopu is told to stop (SIGTERM,
 * SIGINT, SIGQUIT, ...) while forms hold unsaved typing, there is nobody
 * to ask, and the typing must not be lost; nor may unchecked values go
 * into the ledger.  So the forms are kept as a draft beside the ledger,
 * one file a screen process, LEDGER-draft-HOST-PID (0600: it may hold an
 * ID number), holding every level of nested forms (a volunteer's form and
 * the service record opened from it), outermost first; and offered back
 * on the next start, oldest first: the social worker looks at them and
 * saves them, or drops them.  (LEDGER-draft, as earlier versions kept it,
 * is offered too.) */
#ifndef MP_DRAFT_H
#define MP_DRAFT_H

#include "mp_config.h"
#include "mp_err.h"
#include "mp_record.h"

/* Keep the n forms levels (each: its table, its id, every field as
 * typed), outermost first, as this process's draft of the ledger at
 * dbpath, replacing an earlier one of this process.  Written to a new
 * file, synced and renamed. */
int mp_draft_save(const char *dbpath, mp_record *const *levels, int n,
                  mp_err *e);

/* The drafts kept beside the ledger at dbpath, oldest first, as file
 * names (with their folder) added to files.  Returns how many. */
int mp_draft_list(const char *dbpath, mp_strlist *files);

/* The draft in file: *levels (newly allocated, outermost first, not
 * saved; ids as they were) and *n.  MP_ENOTFOUND when the file is gone,
 * MP_EINVAL when it cannot be read (then it is left for the user to look
 * at). */
int mp_draft_load(const char *file, mp_record ***levels, int *n, mp_err *e);

/* Free what mp_draft_load gave. */
void mp_draft_free(mp_record **levels, int n);

/* Remove the draft file. */
void mp_draft_discard(const char *file);

#endif
