/* mp_changelog.h — the change log of corrected records.
 *
 * A service record is evidence: when a table has MP_T_CHANGELOG,
 * mp_record_save writes one entry per changed field, in the same
 * transaction as the correction. */
#ifndef MP_CHANGELOG_H
#define MP_CHANGELOG_H

#include "mp_record.h"

typedef struct mp_change {
	char when[20];      /* YYYY-MM-DD HH:MM:SS */
	char *who;          /* the operator from the settings, "" if unset */
	int field;          /* index in the table, or -1 (deleted/restored) */
	char *old_value;
	char *new_value;
} mp_change;

/* All changes to record id of t, oldest first, into a new array *out of *n
 * entries (free with mp_changes_free). */
int mp_changelog_list(mp_db *db, const mp_table *t, int64_t id,
                      mp_change **out, int *n, mp_err *e);
void mp_changes_free(mp_change *c, int n);

#endif
