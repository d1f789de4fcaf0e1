/* conflict.h — another window changed the record: show whose version is
 * whose, and let the user choose, before anything is written. */
#ifndef UI_CONFLICT_H
#define UI_CONFLICT_H

#include "mp_record.h"

/* A form's save was refused with MP_ECONFLICT.  base: what the form
 * loaded; mine: what the user has typed; theirs: the record as the ledger
 * holds it now (taken: freed by the screen).  The fields where mine and
 * theirs differ are listed side by side; the user takes either side field
 * by field (a field only one side changed starts on that side), all of
 * one side, or goes back to the form.  Nothing is written here: when the
 * user saves, the screen pops itself and calls chosen(arg, theirs,
 * merged) with the record now stored (theirs, whose version the next save
 * must carry) and the values chosen; both are chosen's to free.  Going
 * back calls nothing. */
void conflict_open(const mp_record *base, const mp_record *mine,
                   mp_record *theirs,
                   void (*chosen)(void *arg, mp_record *theirs,
                                  mp_record *merged),
                   void *arg);

/* A list's row (cells: one per MP_F_LIST field of theirs->t, as the list
 * showed them) is about to be deleted, restored or purged, and another
 * window changed the record since: a dialog says who and when and what
 * changed (shown → now), then asks question; done(arg, 1) for yes, 0 for
 * no, after the dialog is gone.  theirs stays the caller's. */
void conflict_ask(const mp_record *theirs, char *const *cells, int ncells,
                  const char *question, void (*done)(void *arg, int yes),
                  void *arg);

#endif
