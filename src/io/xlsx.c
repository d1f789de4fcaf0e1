/* xlsx.c — records, and the sheets of other writers (the report), out to
 * XLSX with libxlsxwriter.
 *
 * A sheet per table, the header row in bold and frozen, numbers written
 * as numbers so that the bureau's spreadsheet can add them up.  The
 * workbook is written in libxlsxwriter's constant-memory mode (a row at a
 * time), to a temporary beside path, and renamed over path only when
 * complete (mp_out_begin): an export that fails (disk full, killed)
 * leaves no half file behind. */
#include "config.h"

#ifdef HAVE_XLSXWRITER

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "mp_export.h"
#include "mp_file.h"
#include "mp_i18n.h"
#include "mp_kinds.h"
#include "mp_xlsx.h"
#include "mp_text.h"

/* The header row and the rows under it, one past the last sheet row. */
#define SHEET_ROWS ((long)LXW_ROW_MAX)

struct book {
	lxw_workbook *wb;
	lxw_format *bold, *percent, *money, *percent2;
	mp_outfile out;
	char *spool;   /* a FIFO or device: the workbook is made here first */
	int nsheets;
};

/* A zip file is written with seeks: for a FIFO or a device the workbook
 * is made in a file of its own under $TMPDIR (0600), then copied in. */
static char *spool_new(void)
{
	const char *dir = getenv("TMPDIR");
	char *name;
	int fd;

	name = mp_asprintf("%s/miaopu-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(name);
	if (fd < 0) {
		free(name);
		return NULL;
	}
	close(fd);
	return name;
}

static int spool_copy(struct book *b, mp_err *e)
{
	char buf[1 << 16];
	ssize_t n;
	int rc = MP_OK, fd = open(b->spool, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return mp_err_set(e, MP_EIO, _("cannot read “%s”: %s"), b->spool,
		                  strerror(errno));
	while (rc == MP_OK && (n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t off = 0; off < n && rc == MP_OK; ) {
			ssize_t w = write(b->out.fd, buf + off, (size_t)(n - off));
			if (w < 0 && errno != EINTR)
				rc = mp_err_set(e, errno == ENOSPC ? MP_EFULL : MP_EIO,
				                _("cannot write “%s”: %s"), b->out.path,
				                strerror(errno));
			off += w > 0 ? w : 0;
		}
	close(fd);
	return rc;
}

static int book_open(struct book *b, const char *path, mp_err *e)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	int rc;

	memset(b, 0, sizeof *b);
	if (!mp_xlsx_available())
		return mp_err_set(e, MP_EIO,
		                  _("cannot make XLSX files: the library libxlsxwriter is not installed (Debian package libxlsxwriter4); CSV works without it"));
	/* Find out now, in plain words, whether the folder takes the file
	 * (libxlsxwriter would only fail when closing); the temporary (or
	 * the device) is what libxlsxwriter writes, by its name. */
	rc = mp_out_begin(&b->out, path, e);
	if (rc != MP_OK)
		return rc;
	if (b->out.direct && !(b->spool = spool_new())) {
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), "$TMPDIR",
		                strerror(errno));
		mp_out_abort(&b->out);
		return rc;
	}
	b->wb = workbook_new_opt(b->spool ? b->spool : b->out.name, &opt);
	if (!b->wb) {
		mp_out_abort(&b->out);
		if (b->spool)
			unlink(b->spool);
		free(b->spool);
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	}
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	b->percent = workbook_add_format(b->wb);
	format_set_num_format(b->percent, "0.0%");
	/* Fields of money and percentage kinds show what was typed: two
	 * decimals of 元; up to two decimals of a percent. */
	b->money = workbook_add_format(b->wb);
	format_set_num_format(b->money, "#,##0.00");
	b->percent2 = workbook_add_format(b->wb);
	format_set_num_format(b->percent2, "0.00%");
	return MP_OK;
}

/* Close the workbook; on success put it in place.  fail: discard it. */
static int book_close(struct book *b, int fail, mp_err *e)
{
	lxw_error le = workbook_close(b->wb);
	int rc = MP_OK;

	if (!fail && le != LXW_NO_ERROR) {
		int err = errno;
		rc = mp_err_set(e, err == ENOSPC ? MP_EFULL : MP_EIO,
		                _("cannot write “%s”: %s"), b->out.path,
		                err == ENOSPC ? strerror(err) : lxw_strerror(le));
	}
	if (!fail && rc == MP_OK && b->spool)
		rc = spool_copy(b, e);
	if (b->spool)
		unlink(b->spool);
	free(b->spool);
	b->spool = NULL;
	if (!fail && rc == MP_OK)
		rc = mp_out_commit(&b->out, e);   /* fsync, then in place */
	else
		mp_out_abort(&b->out);
	return fail ? MP_EIO : rc;
}

/* A new sheet named name, made valid and unique: no []:*?/\ and at most
 * 31 characters; a second sheet of the same name gets " (2)". */
static lxw_worksheet *book_sheet(struct book *b, const char *name)
{
	char clean[128], try[160];
	size_t j = 0;

	for (const char *p = name; *p && j < sizeof clean - 1; p++)
		clean[j++] = strchr("[]:*?/\\'", *p) ? '_' : *p;
	clean[j] = '\0';
	/* 31 characters at most, with room for " (2)". */
	for (size_t i = 0, chars = 0; clean[i]; i++)
		if ((clean[i] & 0xC0) != 0x80 && ++chars > 27) {
			clean[i] = '\0';
			break;
		}
	for (int k = 1; k < 100; k++) {
		if (k == 1)
			snprintf(try, sizeof try, "%s", clean);
		else
			snprintf(try, sizeof try, "%s (%d)", clean, k);
		if (workbook_validate_sheet_name(b->wb, try) == LXW_NO_ERROR) {
			b->nsheets++;
			return workbook_add_worksheet(b->wb, try);
		}
	}
	snprintf(try, sizeof try, "Sheet%d", ++b->nsheets);
	return workbook_add_worksheet(b->wb, try);
}

/* Write s to (row, col): a number when numeric (enum mp_number) and s is
 * all number (a share "12.5%" as a percentage), else text.  A cell's
 * number is a double in the file format itself; money arrives here as
 * exact text ("1234.50") and is never added up on the way. */
static lxw_error put(struct book *b, lxw_worksheet *ws, long row, int col,
                     const char *s, int numeric)
{
	if (numeric && *s) {
		double v;
		int kind = mp_xlsx_number(s, &v);
		if (kind == 1)
			return worksheet_write_number(ws, (lxw_row_t)row,
			                              (lxw_col_t)col, v,
			                              numeric == MP_NUM_MONEY ? b->money : NULL);
		if (kind == 2)
			return worksheet_write_number(ws, (lxw_row_t)row,
			                              (lxw_col_t)col, v,
			                              numeric == MP_NUM_PERCENT ? b->percent2 : b->percent);
	}
	return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, NULL);
}

/* ---- records ---- */

struct rec_sheet {
	struct book *b;
	const mp_table *t;
	lxw_worksheet *ws;
	long row;
};

static void rec_head(struct rec_sheet *s)
{
	int n = mp_export_ncols(s->t);

	s->ws = book_sheet(s->b, _(s->t->title_en));
	for (int i = 0; i < n; i++)
		worksheet_write_string(s->ws, 0, (lxw_col_t)i,
		                       mp_export_head(s->t, i), s->b->bold);
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
}

static int rec_row(void *arg, const char *const *cells, const size_t *lens,
                   int n)
{
	struct rec_sheet *s = arg;

	(void)lens;
	if (s->row >= SHEET_ROWS)
		rec_head(s);   /* a sheet is full: go on in the next */
	for (int i = 0; i < n; i++)
		if (put(s->b, s->ws, s->row, i, cells[i],
		        mp_export_numeric(s->t, i)) != LXW_NO_ERROR) {
			errno = EIO;
			return -1;
		}
	s->row++;
	return 0;
}

int mp_export_xlsx(mp_db *db, const mp_table *const *tables, int n,
                   int flags, const char *path, long *counts, mp_err *e)
{
	struct book b;
	int rc = book_open(&b, path, e);

	if (rc != MP_OK)
		return rc;
	for (int i = 0; rc == MP_OK && i < n; i++) {
		struct rec_sheet s = { &b, tables[i], NULL, 0 };
		rec_head(&s);
		rc = mp_export_each(db, tables[i], flags, rec_row, &s,
		                    counts ? &counts[i] : NULL, e);
	}
	if (rc != MP_OK) {
		book_close(&b, 1, NULL);
		return rc;
	}
	return book_close(&b, 0, e);
}

/* ---- sheets for other writers (mp_xlsx.h) ---- */

struct mp_xlsx_book {
	struct book b;
	lxw_worksheet *ws;
};

mp_xlsx_book *mp_xlsx_open(const char *path, mp_err *e)
{
	mp_xlsx_book *x = calloc(1, sizeof *x);

	if (!x) {
		mp_err_set(e, MP_ENOMEM, _("out of memory"));
		return NULL;
	}
	if (book_open(&x->b, path, e) != MP_OK) {
		free(x);
		return NULL;
	}
	return x;
}

void mp_xlsx_sheet(mp_xlsx_book *x, const char *title)
{
	x->ws = book_sheet(&x->b, title);
	worksheet_set_column(x->ws, 0, 0, 24, NULL);
}

void mp_xlsx_head(mp_xlsx_book *x, int col, const char *s)
{
	worksheet_write_string(x->ws, 0, (lxw_col_t)col, s, x->b.bold);
	worksheet_freeze_panes(x->ws, 1, 0);
}

void mp_xlsx_cell(mp_xlsx_book *x, long row, int col, const char *s,
                  int numeric)
{
	put(&x->b, x->ws, row, col, s, numeric);
}

int mp_xlsx_close(mp_xlsx_book *x, mp_err *e)
{
	int rc = book_close(&x->b, 0, e);

	free(x);
	return rc;
}

#else /* built without libxlsxwriter's header (configure said so) */

#include "mp_export.h"
#include "mp_i18n.h"
#include "mp_xlsx.h"

static int no_xlsx(mp_err *e)
{
	return mp_err_set(e, MP_EIO,
	                  _("cannot make XLSX files: this miaopu was built without libxlsxwriter (Debian package libxlsxwriter-dev); CSV works without it"));
}

int mp_export_xlsx(mp_db *db, const mp_table *const *tables, int n,
                   int flags, const char *path, long *counts, mp_err *e)
{
	(void)db, (void)tables, (void)n, (void)flags, (void)path, (void)counts;
	return no_xlsx(e);
}

/* No workbook is ever opened, so the rest is never reached. */
mp_xlsx_book *mp_xlsx_open(const char *path, mp_err *e)
{
	(void)path;
	no_xlsx(e);
	return NULL;
}

void mp_xlsx_sheet(mp_xlsx_book *x, const char *title)
{
	(void)x, (void)title;
}

void mp_xlsx_head(mp_xlsx_book *x, int col, const char *s)
{
	(void)x, (void)col, (void)s;
}

void mp_xlsx_cell(mp_xlsx_book *x, long row, int col, const char *s,
                  int numeric)
{
	(void)x, (void)row, (void)col, (void)s, (void)numeric;
}

int mp_xlsx_close(mp_xlsx_book *x, mp_err *e)
{
	(void)x;
	return no_xlsx(e);
}

#endif

#include <stdlib.h>
#include <string.h>

#include "mp_xlsx.h"

/* A share is divided by 100 in decimal, not in binary: "57.1%" is read
 * as the text 57.1e-2, the double nearest 0.571 that the screen shows,
 * where 57.1 / 100.0 is 0.5710000000000001. */
int mp_xlsx_number(const char *s, double *v)
{
	char *end, buf[64];
	size_t n;

	*v = strtod(s, &end);
	if (end == s)
		return 0;
	if (*end == '\0')
		return 1;
	n = (size_t)(end - s);
	if (strcmp(end, "%") != 0 || n + 4 > sizeof buf)
		return 0;
	memcpy(buf, s, n);
	memcpy(buf + n, "e-2", 4);
	*v = strtod(buf, NULL);
	return 2;
}
