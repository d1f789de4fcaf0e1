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
#include "export_internal.h"
#include "mp_export.h"
#include "mp_i18n.h"
#include "mp_kinds.h"

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

/* SELECT the fields, then the trailer columns, of live records by id.
 * The column and table names come from the constant descriptors. */
static char *select_sql(const mp_table *t)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int i;

	if (!f)
		return NULL;
	/* A reference comes as the id it holds: the name and UUID of the
	 * record it points to come from a refcache (refcache.c), which
	 * reads each such record once. */
	fputs("SELECT ", f);
	for (i = 0; i < t->nfields; i++)
		fprintf(f, "%s%s", i ? ", " : "", t->fields[i].col);
	for (i = 0; i < NTRAILER; i++)
		fprintf(f, ", %s", trailer[i].col);
	fprintf(f, " FROM %s WHERE deleted_at IS NULL ORDER BY id", t->name);
	if (fclose(f) != 0) {
		free(sql);
		return NULL;
	}
	return sql;
}

/* Column i of a row as it is exported: as its kind exports it (hours as
 * people write them, "2" not "2.0"; money "1234.50" from whole fen), ID
 * numbers masked.  Returns the text and its length. */
static const char *cell(sqlite3_stmt *st, const mp_table *t, int i,
                        int flags, char *buf, size_t size, size_t *len)
{
	const mp_field *f = i < t->nfields ? &t->fields[i] : NULL;
	const char *v;

	if (f && mp_kind_of(f)->export_text) {
		v = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
		  : mp_kind_of(f)->export_text(st, i, buf, size);
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
		n += mp_field_refers(&t->fields[i]);
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
		if (!mp_field_refers(&t->fields[i]) || k-- > 0)
			continue;
		snprintf(refhead[col], sizeof refhead[col], "%.50sUUID",
		         t->fields[i].label_zh);
		return refhead[col];
	}
	return "";
}

int mp_export_numeric(const mp_table *t, int col)
{
	if (col >= t->nfields)
		return MP_NUM_NONE;
	return (int)mp_kind_of(&t->fields[col])->export_number;
}

int mp_export_each(mp_db *db, const mp_table *t, int flags,
                   mp_export_row_fn fn, void *arg, long *count, mp_err *e)
{
	const char *cells[MP_EXPORT_MAXCOLS];
	size_t lens[MP_EXPORT_MAXCOLS];
	char bufs[MP_EXPORT_MAXCOLS][64];
	struct refcache *refs[MP_EXPORT_MAXCOLS] = { NULL };
	sqlite3_stmt *st = NULL;
	char *sql;
	long n = 0;
	int i, rc, ret = MP_OK, ncol = mp_export_ncols(t);

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

	for (i = 0; i < t->nfields; i++)
		if (mp_field_refers(&t->fields[i]))
			refs[i] = refcache_new(db, t->fields[i].ref);
	mp_db_stream(db, 1);
	errno = 0;
	while (ret == MP_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = t->nfields + NTRAILER;   /* the next "<label>UUID" column */

		/* The records referred to are fetched while the other cells
		 * are made. */
		for (i = 0; i < t->nfields; i++)
			if (refs[i])
				refcache_ahead(refs[i], sqlite3_column_int64(st, i));
		for (i = 0; i < t->nfields + NTRAILER; i++)
			if (i >= t->nfields || !refs[i])
				cells[i] = cell(st, t, i, flags, bufs[i], sizeof bufs[i],
				                &lens[i]);
		for (i = 0; i < t->nfields && ret == MP_OK; i++) {
			if (!refs[i])
				continue;
			cells[i] = cells[k] = NULL;
			if (sqlite3_column_type(st, i) != SQLITE_NULL)
				ret = refcache_get(refs[i], sqlite3_column_int64(st, i),
				                   &cells[i], &lens[i], &cells[k], &lens[k], e);
			if (!cells[i]) {   /* empty, or points nowhere */
				cells[i] = cells[k] = "";
				lens[i] = lens[k] = 0;
			}
			k++;
		}
		if (ret == MP_OK && fn(arg, cells, lens, ncol) != 0)
			ret = write_fail(e);
		n++;
	}
	if (ret == MP_OK && rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	mp_db_stream(db, 0);
	for (i = 0; i < t->nfields; i++)
		refcache_free(refs[i]);
	if (ret == MP_OK && count)
		*count = n;
	return ret;
}

/* ---- cells a spreadsheet shows as text ----
 *
 * Excel and WPS run a cell beginning with = + - @ (or a tab or CR before
 * one) as a formula.  Such a cell is written with an apostrophe before
 * it, which both show as it is, and import takes one apostrophe off
 * again.  The rule, exactly: a value is marked when it begins with any
 * number of apostrophes and then one of = + - @ TAB CR, unless it is a
 * plain number ("-5", "+1.5": a spreadsheet reads those as numbers, not
 * formulas).  Import removes the first apostrophe of a value that begins
 * with one or more apostrophes and then one of those characters.  Every
 * value therefore comes back as it went out. */

static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static int plain_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.' && digits) {
		size_t frac = 0;

		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			frac++;
		if (!frac)
			return 0;
	}
	return digits && i == len;
}

int mp_csv_marked(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == '\'')
		i++;
	return i < len && formula_start(s[i]) && !plain_number(s, len);
}

void mp_csv_unmark(char *s)
{
	size_t i = 0, len;

	if (s[0] != '=' && s[0] != '\'')   /* most cells: nothing to do */
		return;
	len = strlen(s);

	/* ="110101199003071234": an ID number (or other digits) as an
	 * --full export writes it, kept as text by the spreadsheet. */
	if (len >= 4 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"') {
		for (i = 2; i < len - 1; i++)
			if (!(s[i] >= '0' && s[i] <= '9') && !(i == len - 2 && (s[i] == 'X' || s[i] == 'x')))
				break;
		if (i == len - 1) {
			memmove(s, s + 2, len - 3);
			s[len - 3] = '\0';
			return;
		}
		i = 0;
	}
	while (i < len && s[i] == '\'')
		i++;
	if (i > 0 && i < len && formula_start(s[i]))
		memmove(s, s + 1, len);
}

/* Is the cell an ID number of 18 digits (the last may be X)? */
static int id_digits(const char *s, size_t len)
{
	if (len != 18)
		return 0;
	for (size_t i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return (s[17] >= '0' && s[17] <= '9') || s[17] == 'X' || s[17] == 'x';
}

/* Rows are gathered in a buffer and written a buffer at a time: a call a
 * field (and csv_fwrite's call a character) took a third of the time of
 * exporting a million rows; a buffer as large as the stream's own goes
 * past it to the file without another copy. */
struct csvbuf {
	FILE *out;
	char *buf;
	size_t used, size;
	const unsigned char *idcol;   /* per column: an ID number written whole */
};

/* A long marked value straight to the file: '"', the apostrophe, the
 * value with its quotes doubled, '"'. */
static int long_marked(FILE *out, const char *s, size_t len)
{
	if (fputs("\"'", out) == EOF)
		return EOF;
	for (size_t k = 0; k < len; k++)
		if ((s[k] == '"' && putc('"', out) == EOF) || putc(s[k], out) == EOF)
			return EOF;
	return putc('"', out) == EOF ? EOF : 0;
}

static int csv_flush(struct csvbuf *b)
{
	size_t n = b->used;

	b->used = 0;
	return fwrite(b->buf, 1, n, b->out) == n ? 0 : EOF;
}

static int csv_put(struct csvbuf *b, const char *const *cells, const size_t *lens,
                   int n)
{
	for (int i = 0; i < n; i++) {
		size_t len = lens ? lens[i] : strlen(cells[i]);
		/* libcsv doubles quotes and adds two: the room, at most (and
		 * an apostrophe, or the ="" around an ID number). */
		size_t room = 2 * len + 9;
		int mark = len && mp_csv_marked(cells[i], len);

		if (b->used + room > b->size && csv_flush(b) == EOF)
			return EOF;
		if (room > b->size) {   /* a long note: by itself */
			if ((i && fputc(',', b->out) == EOF)
			    || (mark ? long_marked(b->out, cells[i], len)
			             : csv_fwrite(b->out, cells[i], len)) == EOF)
				return EOF;
			continue;
		}
		if (i)
			b->buf[b->used++] = ',';
		if (b->idcol && b->idcol[i] && id_digits(cells[i], len)) {
			/* "=""110101199003071234""": text in Excel and WPS, not
			 * 1.10101E+17; import reads the digits back. */
			memcpy(b->buf + b->used, "\"=\"\"", 4);
			memcpy(b->buf + b->used + 4, cells[i], len);
			memcpy(b->buf + b->used + 4 + len, "\"\"\"", 3);
			b->used += len + 7;
			continue;
		}
		if (mark) {
			b->buf[b->used++] = '"';
			b->buf[b->used++] = '\'';
			for (size_t k = 0; k < len; k++) {
				if (cells[i][k] == '"')
					b->buf[b->used++] = '"';
				b->buf[b->used++] = cells[i][k];
			}
			b->buf[b->used++] = '"';
			continue;
		}
		if (memchr(cells[i], '"', len)) {
			b->used += csv_write(b->buf + b->used, b->size - b->used, cells[i], len);
			continue;
		}
		/* No quote inside: what csv_write makes of it (which goes a
		 * byte at a time: a sixth of the export) is the text between
		 * two quotes. */
		b->buf[b->used++] = '"';
		memcpy(b->buf + b->used, cells[i], len);
		b->used += len;
		b->buf[b->used++] = '"';
	}
	if (b->used + 2 > b->size && csv_flush(b) == EOF)
		return EOF;
	b->buf[b->used++] = '\r';
	b->buf[b->used++] = '\n';
	return 0;
}

int mp_csv_row(FILE *out, const char *const *cells, const size_t *lens, int n)
{
	char mem[8192];
	struct csvbuf b = { out, mem, 0, sizeof mem, NULL };

	return csv_put(&b, cells, lens, n) == EOF ? EOF : csv_flush(&b);
}

static int csv_row(void *arg, const char *const *cells, const size_t *lens,
                   int n)
{
	return csv_put(arg, cells, lens, n) == EOF ? -1 : 0;
}

/* The size of the buffer an export gathers rows in. */
#define EXPORT_BUF (1 << 18)

int mp_export_csv_flags(mp_db *db, const mp_table *t, int flags, FILE *out,
                        long *count, mp_err *e)
{
	const char *head[MP_EXPORT_MAXCOLS];
	size_t lens[MP_EXPORT_MAXCOLS];
	struct csvbuf b = { NULL, NULL, 0, 0, NULL };
	unsigned char idcol[MP_EXPORT_MAXCOLS] = { 0 };
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
	if (fputs("\xEF\xBB\xBF", out) == EOF || mp_csv_row(out, head, lens, ncol))
		return write_fail(e);
	/* ID numbers written whole stay 18 digits in the spreadsheet. */
	for (i = 0; i < t->nfields && (flags & MP_EXPORT_FULL); i++)
		idcol[i] = (t->fields[i].flags & MP_F_MASK) != 0;
	b.idcol = idcol;
	b.out = out;
	b.size = EXPORT_BUF;
	b.buf = malloc(b.size);
	if (!b.buf)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	rc = mp_export_each(db, t, flags, csv_row, &b, count, e);
	if (rc == MP_OK && csv_flush(&b) == EOF)
		rc = write_fail(e);
	free(b.buf);
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
