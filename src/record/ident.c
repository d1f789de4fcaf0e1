/* ident.c — how wide an identifier column must be (mp_ident.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "mp_ident.h"
#include "mp_text.h"

int mp_field_is_ident(const mp_table *t, int i)
{
	const mp_field *f = &t->fields[i];

	if (f->kind == MP_K_IDNO || f->kind == MP_K_USCC)
		return 1;
	for (int k = 0; k < t->nindexes; k++)
		if ((t->indexes[k].flags & MP_I_UNIQUE) &&
		    strcmp(t->indexes[k].cols, f->col) == 0)
			return 1;
	return 0;
}

int mp_ident_width(mp_db *db, const mp_table *t, int i, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	int rc, w = 0;

	/* The widest few by an estimate, then measured: a character of
	 * three bytes in UTF-8 (Chinese) is two columns wide, one of one
	 * byte is one, so characters plus half the bytes beyond them is the
	 * width of the usual values.  (Table and column names come from the
	 * declarations, never from a user.) */
	snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE \"%s\" IS NOT NULL"
	         " ORDER BY length(\"%s\") + (length(CAST(\"%s\" AS BLOB))"
	         " - length(\"%s\")) / 2 DESC LIMIT 8", t->fields[i].col, t->name,
	         t->fields[i].col, t->fields[i].col, t->fields[i].col, t->fields[i].col);
	if (mp_db_prepare(db, sql, &st, e) != MP_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		int sw = s ? mp_text_width(s) : 0;

		if (sw > w)
			w = sw;
	}
	if (rc != SQLITE_DONE) {
		mp_db_fail(db, rc, e);
		w = -1;
	}
	sqlite3_finalize(st);
	return w;
}
