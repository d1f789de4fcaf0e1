/* export.c — records out to CSV for Excel and WPS.
 *
 * One prepared statement is stepped row by row and each row goes straight
 * to the FILE, so a table of a million rows costs no more memory than one
 * of ten.  libcsv's csv_fwrite quotes every field, which both spreadsheets
 * read without trouble and which keeps commas, quotes and line breaks in
 * notes intact. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "db_internal.h"
#include "mp_export.h"
#include "mp_i18n.h"

/* Columns every record carries besides its fields, with their headers. */
static const struct {
	const char *col;
	const char *label;
} trailer[] = {
	{ "uuid", "UUID" },
	{ "created_at", "创建时间" },
	{ "updated_at", "更新时间" },
};
#define NTRAILER ((int)(sizeof trailer / sizeof trailer[0]))

/* Write one field, preceded by a comma unless it is the first.  Returns 0,
 * or EOF when the stream failed. */
static int put_field(FILE *out, int first, const char *s, size_t len)
{
	char buf[512];
	size_t need;

	if (!first && fputc(',', out) == EOF)
		return EOF;
	/* Quoted into a buffer by libcsv and written at once (csv_fwrite
	 * writes a character at a time, a lock each: a third of the time of
	 * exporting a million rows). */
	need = csv_write(buf, sizeof buf, s, len);
	if (need > sizeof buf)
		return csv_fwrite(out, s, len);
	return fwrite(buf, 1, need, out) == need ? 0 : EOF;
}

static int end_row(FILE *out)
{
	return fputs("\r\n", out) == EOF ? EOF : 0;
}

static int write_fail(mp_err *e)
{
	int err = errno;

	if (err == ENOSPC)
		return mp_err_set(e, MP_EFULL,
		                  _("cannot write the export: the disk is full"));
	return mp_err_set(e, MP_EIO, _("cannot write the export: %s"),
	                  err ? strerror(err) : _("write error"));
}

/* SELECT the fields, then the trailer columns, of live records by id.  A
 * reference exports the first field (the name) of the record it points to.
 * The column and table names come from the constant descriptors. */
static char *select_sql(const mp_table *t)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int i;

	if (!f)
		return NULL;
	fputs("SELECT ", f);
	for (i = 0; i < t->nfields; i++) {
		const mp_field *fd = &t->fields[i];

		if (i)
			fputs(", ", f);
		if (fd->kind == MP_K_REF && fd->ref)
			fprintf(f, "(SELECT %s FROM %s WHERE id = %s.%s)",
			        fd->ref->fields[0].col, fd->ref->name, t->name, fd->col);
		else
			fputs(fd->col, f);
	}
	for (i = 0; i < NTRAILER; i++)
		fprintf(f, ", %s", trailer[i].col);
	fprintf(f, " FROM %s WHERE deleted_at IS NULL ORDER BY id", t->name);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Column i of a row as it is exported: hours as people write them ("2",
 * not "2.0"), ID numbers masked.  Returns the text and its length. */
static const char *cell(sqlite3_stmt *st, const mp_table *t, int i,
                        char *buf, size_t size, size_t *len)
{
	const mp_field *f = i < t->nfields ? &t->fields[i] : NULL;
	const char *v;

	if (f && f->kind == MP_K_HOURS) {
		v = mp_column_value(st, i, f, buf, size);
	} else {
		v = (const char *)sqlite3_column_text(st, i);
		if (v && !(f && (f->flags & MP_F_MASK))) {
			*len = (size_t)sqlite3_column_bytes(st, i);
			return v;
		}
		/* mp_mask cuts rather than overflow: an over-long value is
		 * never shown whole. */
		if (v)
			v = mp_mask(v, buf, size);
	}
	if (!v)
		v = "";
	*len = strlen(v);
	return v;
}

int mp_export_csv(mp_db *db, const mp_table *t, FILE *out, long *count,
                  mp_err *e)
{
	static const char bom[] = "\xEF\xBB\xBF";
	sqlite3_stmt *st = NULL;
	char *sql;
	long n = 0;
	int i, rc, ncol = t->nfields + NTRAILER;

	mp_err_clear(e);
	if (count)
		*count = 0;

	sql = select_sql(t);
	if (!sql)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	rc = mp_db_prepare(db, sql, &st, e);
	free(sql);
	if (rc != MP_OK)
		return rc;
	mp_db_bulk(db, 1);

	errno = 0;
	if (fputs(bom, out) == EOF)
		goto io_fail;
	for (i = 0; i < t->nfields; i++) {
		const char *l = t->fields[i].label_zh;
		if (put_field(out, i == 0, l, strlen(l)) == EOF)
			goto io_fail;
	}
	for (i = 0; i < NTRAILER; i++)
		if (put_field(out, 0, trailer[i].label,
		              strlen(trailer[i].label)) == EOF)
			goto io_fail;
	if (end_row(out) == EOF)
		goto io_fail;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++) {
			char buf[256];
			size_t len = 0;
			const char *v = cell(st, t, i, buf, sizeof buf, &len);

			if (put_field(out, i == 0, v, len) == EOF)
				goto io_fail;
		}
		if (end_row(out) == EOF)
			goto io_fail;
		n++;
	}
	if (rc != SQLITE_DONE) {
		rc = mp_db_fail(db, rc, e);
		sqlite3_finalize(st);
		mp_db_bulk(db, 0);
		return rc;
	}
	sqlite3_finalize(st);
	mp_db_bulk(db, 0);
	if (fflush(out) == EOF || ferror(out))
		return write_fail(e);
	if (count)
		*count = n;
	return MP_OK;

io_fail:
	sqlite3_finalize(st);
	mp_db_bulk(db, 0);
	return write_fail(e);
}
