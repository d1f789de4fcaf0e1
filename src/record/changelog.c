/* changelog.c — reading the change log that mp_record_save writes.
 *
 * Entries name the record by uuid (it survives a purge and an export and
 * re-import) and the field by column (it survives a reordering of the
 * table descriptor). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_changelog.h"
#include "mp_i18n.h"
#include "mp_text.h"

static char *dup_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return mp_strdup(s ? s : "");
}

static int field_of(const mp_table *t, const char *col)
{
	int i;

	for (i = 0; col && i < t->nfields; i++)
		if (!strcmp(t->fields[i].col, col))
			return i;
	return -1;
}

/* A REAL column's old value was written as the text the user saw ("2"),
 * so nothing needs normalising here. */
int mp_changelog_list(mp_db *db, const mp_table *t, int64_t id,
                      mp_change **out, int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	mp_change *c = NULL;
	char *sql;
	int rc, ret, cap = 0, k = 0;

	*out = NULL;
	*n = 0;
	mp_err_clear(e);
	/* The table name comes from the constant descriptor. */
	sql = mp_asprintf("SELECT changed_at, ifnull(changed_by, ''), field,"
	                  " old_value, new_value FROM change_log"
	                  " WHERE table_name = ? AND record_uuid ="
	                  " (SELECT uuid FROM %s WHERE id = ?) ORDER BY id",
	                  t->name);
	ret = mp_db_prepare(db, sql, &st, e);
	free(sql);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_change *ch;
		const char *when = (const char *)sqlite3_column_text(st, 0);

		if (k == cap) {
			mp_change *bigger;

			cap = cap ? cap * 2 : 8;
			bigger = realloc(c, (size_t)cap * sizeof *c);
			if (!bigger)
				mp_oom();
			c = bigger;
		}
		ch = &c[k++];
		snprintf(ch->when, sizeof ch->when, "%s", when ? when : "");
		ch->who = dup_text(st, 1);
		ch->field = field_of(t, (const char *)sqlite3_column_text(st, 2));
		ch->old_value = dup_text(st, 3);
		ch->new_value = dup_text(st, 4);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		sqlite3_finalize(st);
		mp_changes_free(c, k);
		return ret;
	}
	sqlite3_finalize(st);
	*out = c;
	*n = k;
	return MP_OK;
}

void mp_changes_free(mp_change *c, int n)
{
	int i;

	for (i = 0; c && i < n; i++) {
		free(c[i].who);
		free(c[i].old_value);
		free(c[i].new_value);
	}
	free(c);
}
