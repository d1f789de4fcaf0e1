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
	/* Every column is named with its table: the record's own as t, each
	 * record a reference points to as r<field> (joined once, for both
	 * its name and its UUID). */
	fputs("SELECT ", f);
	for (i = 0; i < t->nfields; i++) {
		const mp_field *fd = &t->fields[i];

		if (i)
			fputs(", ", f);
		if (fd->kind == MP_K_REF && fd->ref)
			fprintf(f, "r%d.%s", i, fd->ref->fields[0].col);
		else
			fprintf(f, "t.%s", fd->col);
	}
	for (i = 0; i < NTRAILER; i++)
		fprintf(f, ", t.%s", trailer[i].col);
	/* The UUID of each record a reference points to, so that an import
	 * finds that very record even when names repeat. */
	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].kind == MP_K_REF && t->fields[i].ref)
			fprintf(f, ", r%d.uuid", i);
	fprintf(f, " FROM %s AS t", t->name);
	for (i = 0; i < t->nfields; i++) {
		const mp_field *fd = &t->fields[i];

		if (fd->kind == MP_K_REF && fd->ref)
			fprintf(f, " LEFT JOIN %s AS r%d ON r%d.id = t.%s",
			        fd->ref->name, i, i, fd->col);
	}
	fputs(" WHERE t.deleted_at IS NULL ORDER BY t.id", f);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Column i of a row as it is exported: hours as people write them ("2",
 * not "2.0"), ID numbers masked.  Returns the text and its length. */
static const char *cell(sqlite3_stmt *st, const mp_table *t, int i,
                        int flags, char *buf, size_t size, size_t *len)
{
	const mp_field *f = i < t->nfields ? &t->fields[i] : NULL;
	const char *v;

	if (f && f->kind == MP_K_HOURS) {
		v = mp_column_value(st, i, f, buf, size);
	} else {
		v = (const char *)sqlite3_column_text(st, i);
		if (v && (!(f && (f->flags & MP_F_MASK)) ||
		          (flags & MP_EXPORT_FULL))) {
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

/* The reference fields of t: each adds a column "<label>UUID". */
static int nrefs(const mp_table *t)
{
	int i, n = 0;

	for (i = 0; i < t->nfields; i++)
		n += t->fields[i].kind == MP_K_REF && t->fields[i].ref;
	return n;
}

int mp_export_ncols(const mp_table *t)
{
	return t->nfields + NTRAILER + nrefs(t);
}

const char *mp_export_head(const mp_table *t, int col)
{
	static char refhead[MP_EXPORT_MAXCOLS][64];
	int i, k;

	if (col < t->nfields)
		return t->fields[col].label_zh;
	if (col < t->nfields + NTRAILER)
		return trailer[col - t->nfields].label;
	k = col - t->nfields - NTRAILER;
	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].kind != MP_K_REF || !t->fields[i].ref || k-- > 0)
			continue;
		snprintf(refhead[col], sizeof refhead[col], "%.50sUUID",
		         t->fields[i].label_zh);
		return refhead[col];
	}
	return "";
}

int mp_export_numeric(const mp_table *t, int col)
{
	return col < t->nfields && (t->fields[col].kind == MP_K_COUNT ||
	                            t->fields[col].kind == MP_K_HOURS);
}

int mp_export_each(mp_db *db, const mp_table *t, int flags,
                   mp_export_row_fn fn, void *arg, long *count, mp_err *e)
{
	const char *cells[MP_EXPORT_MAXCOLS];
	size_t lens[MP_EXPORT_MAXCOLS];
	char bufs[MP_EXPORT_MAXCOLS][64];
	sqlite3_stmt *st = NULL;
	char *sql;
	long n = 0;
	int i, rc, ncol = mp_export_ncols(t);

	mp_err_clear(e);
	if (count)
		*count = 0;
	if (ncol > MP_EXPORT_MAXCOLS)
		return mp_err_set(e, MP_EINVAL, "%s: too many columns", t->name);
	sql = select_sql(t);
	if (!sql)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	rc = mp_db_prepare(db, sql, &st, e);
	free(sql);
	if (rc != MP_OK)
		return rc;

	mp_db_bulk(db, 1);
	errno = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			cells[i] = cell(st, t, i, flags, bufs[i], sizeof bufs[i],
			                &lens[i]);
		if (fn(arg, cells, lens, ncol) != 0) {
			sqlite3_finalize(st);
			mp_db_bulk(db, 0);
			return write_fail(e);
		}
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
	if (count)
		*count = n;
	return MP_OK;
}

/* One CSV field: quoted into a buffer by libcsv and written at once
 * (csv_fwrite writes a character at a time, a lock each: a third of the
 * time of exporting a million rows). */
static int csv_field(FILE *out, const char *s, size_t len)
{
	char buf[512];
	size_t need = csv_write(buf, sizeof buf, s, len);

	if (need > sizeof buf)
		return csv_fwrite(out, s, len);
	return fwrite(buf, 1, need, out) == need ? 0 : EOF;
}

/* One CSV row: fields quoted by libcsv, CRLF line end. */
static int csv_row(void *arg, const char *const *cells, const size_t *lens,
                   int n)
{
	FILE *out = arg;

	for (int i = 0; i < n; i++) {
		if (i && fputc(',', out) == EOF)
			return -1;
		if (csv_field(out, cells[i], lens[i]) == EOF)
			return -1;
	}
	return fputs("\r\n", out) == EOF ? -1 : 0;
}

int mp_export_csv_flags(mp_db *db, const mp_table *t, int flags, FILE *out,
                        long *count, mp_err *e)
{
	const char *head[MP_EXPORT_MAXCOLS];
	size_t lens[MP_EXPORT_MAXCOLS];
	int i, rc, ncol = mp_export_ncols(t);

	mp_err_clear(e);
	if (count)
		*count = 0;
	if (ncol > MP_EXPORT_MAXCOLS)
		return mp_err_set(e, MP_EINVAL, "%s: too many columns", t->name);
	for (i = 0; i < ncol; i++) {
		head[i] = mp_export_head(t, i);
		lens[i] = strlen(head[i]);
	}
	errno = 0;
	if (fputs("\xEF\xBB\xBF", out) == EOF || csv_row(out, head, lens, ncol))
		return write_fail(e);
	rc = mp_export_each(db, t, flags, csv_row, out, count, e);
	if (rc != MP_OK)
		return rc;
	if (fflush(out) == EOF || ferror(out))
		return write_fail(e);
	return MP_OK;
}

int mp_export_csv(mp_db *db, const mp_table *t, FILE *out, long *count,
                  mp_err *e)
{
	return mp_export_csv_flags(db, t, 0, out, count, e);
}
