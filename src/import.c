/* import.c — reading records in from CSV files (mp_import.h).
 *
 * The whole file is read into memory, converted to UTF-8 when it is not
 * (GB18030, as Excel and WPS save "CSV" on Chinese Windows), and fed to
 * libcsv one physical line at a time, so that each row knows the line it
 * starts on.  Rows are saved as they come inside one outer transaction
 * (each save is a savepoint of it): a later row thus sees the earlier ones
 * as duplicates, and the outer rollback undoes everything when any row is
 * refused or the run is a dry run. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "db_internal.h"
#include "mp_i18n.h"
#include "mp_import.h"
#include "mp_text.h"

/* What a header column holds besides a field index. */
#define COL_IGNORE (-1)
#define COL_UUID   (-2)

struct imp {
	mp_db *db;
	const mp_config *cfg;
	const mp_table *t;
	mp_import_result *res;
	char **cells;         /* the row being read */
	int ncells, cap;
	long line;            /* line being fed to the parser */
	long row_line;        /* line the current row starts on */
	int in_row;
	int have_header;
	int *map;             /* per column: field index, COL_IGNORE or COL_UUID */
	int ncols;
	int dry_run;
	int rc;               /* MP_OK, or the failure that stops the import */
	mp_err *e;
};

static void add_msg(struct imp *im, int kind, long line, int field,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add_msg(struct imp *im, int kind, long line, int field,
                    const char *fmt, ...)
{
	mp_import_result *res = im->res;
	mp_import_msg *m;
	va_list ap;
	char *body, *text;

	va_start(ap, fmt);
	if (vasprintf(&body, fmt, ap) < 0)
		abort();
	va_end(ap);
	/* TRANSLATORS: one message of an import: the line of the file, then
	 * what is wrong or what happens to that row. */
	text = mp_asprintf(_("line %ld: %s"), line, body);
	free(body);
	for (body = text; *body; body++)   /* one line, whatever the cells hold */
		if (*body == '\n' || *body == '\r')
			*body = ' ';
	m = realloc(res->msgs, (size_t)(res->nmsgs + 1) * sizeof *m);
	if (!m)
		abort();
	res->msgs = m;
	m += res->nmsgs++;
	m->kind = kind;
	m->line = line;
	m->field = field;
	m->text = text;
}

void mp_import_result_free(mp_import_result *res)
{
	int i;

	if (!res)
		return;
	for (i = 0; i < res->nmsgs; i++)
		free(res->msgs[i].text);
	free(res->msgs);
	memset(res, 0, sizeof *res);
}

/* ---- bytes to UTF-8 ---- */

static int from_gb18030(char **buf, size_t *n, mp_err *e)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = *n * 2 + 16, inleft = *n, outleft = cap;
	char *out, *in = *buf, *o;

	if (cd == (iconv_t)-1)
		return mp_err_set(e, MP_EIO, _("cannot convert from GB18030: %s"),
		                  strerror(errno));
	out = malloc(cap);
	if (!out)
		abort();
	o = out;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - out);
			char *nb;

			cap *= 2;
			nb = realloc(out, cap);
			if (!nb)
				abort();
			out = nb;
			o = out + used;
			outleft = cap - used;
			continue;
		}
		iconv_close(cd);
		free(out);
		return mp_err_set(e, MP_EIO,
		                  _("the file is neither UTF-8 nor GB18030 text"));
	}
	iconv_close(cd);
	free(*buf);
	*n = (size_t)(o - out);
	*buf = out;
	return MP_OK;
}

/* The whole of in, as UTF-8 without a byte-order mark. */
static int read_text(FILE *in, char **out, size_t *outn, mp_err *e)
{
	size_t cap = 8192, n = 0, got;
	char *buf = malloc(cap);
	int rc;

	if (!buf)
		abort();
	while ((got = fread(buf + n, 1, cap - n, in)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb)
				abort();
			buf = nb;
		}
	}
	if (ferror(in)) {
		free(buf);
		return mp_err_set(e, MP_EIO, _("cannot read the file: %s"),
		                  strerror(errno));
	}
	if (!mp_utf8_valid(buf, n)) {
		rc = from_gb18030(&buf, &n, e);
		if (rc != MP_OK) {
			free(buf);
			return rc;
		}
	}
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		memmove(buf, buf + 3, n - 3);
		n -= 3;
	}
	*out = buf;
	*outn = n;
	return MP_OK;
}

/* ---- rows ---- */

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static void on_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	char *c = malloc(len + 1);

	if (!c)
		abort();
	if (len)
		memcpy(c, s, len);
	c[len] = '\0';
	if (im->ncells == im->cap) {
		char **nc;

		im->cap = im->cap ? im->cap * 2 : 16;
		nc = realloc(im->cells, (size_t)im->cap * sizeof *nc);
		if (!nc)
			abort();
		im->cells = nc;
	}
	im->cells[im->ncells++] = c;
}

static void header_row(struct imp *im)
{
	const mp_table *t = im->t;
	int i, j, f, known = 0;

	im->map = malloc((size_t)im->ncells * sizeof *im->map);
	if (!im->map)
		abort();
	im->ncols = im->ncells;
	for (i = 0; i < im->ncells; i++) {
		char *name = mp_trim(im->cells[i]);

		im->map[i] = COL_IGNORE;
		if (!*name)
			continue;
		f = mp_table_field(t, name);
		if (f >= 0) {
			for (j = 0; j < i; j++)
				if (im->map[j] == f)
					break;
			if (j < i) {
				add_msg(im, MP_IMPORT_WARN, im->row_line, f,
				        _("“%s”: a second column for %s, skipped"),
				        name, mp_field_label(&t->fields[f]));
				continue;
			}
			im->map[i] = f;
			known++;
		} else if (strcasecmp(name, "UUID") == 0) {
			im->map[i] = COL_UUID;
		} else if (strcmp(name, "创建时间") == 0
		           || strcmp(name, "更新时间") == 0
		           || strcmp(name, "created_at") == 0
		           || strcmp(name, "updated_at") == 0) {
			continue;
		} else {
			add_msg(im, MP_IMPORT_WARN, im->row_line, -1,
			        _("“%s”: unknown column, skipped"), name);
		}
	}
	if (!known)
		im->rc = mp_err_set(im->e, MP_EINVAL,
		                    _("no column of the header row names a field of %s"),
		                    _(t->title_en));
}

/* Each field's own checks, every problem reported; nonzero when any. */
static int check_fields(struct imp *im, mp_record *r)
{
	const mp_table *t = im->t;
	mp_err fe;
	int i, bad = 0;

	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].flags & MP_F_AUTO)
			continue;
		mp_err_clear(&fe);
		if (mp_field_check(im->cfg, r, i, &fe) != MP_OK) {
			add_msg(im, MP_IMPORT_REFUSED, im->row_line, i, "%s", fe.msg);
			bad = 1;
		}
	}
	return bad;
}

static void data_row(struct imp *im)
{
	const mp_table *t = im->t;
	mp_record *r, *old = NULL;
	const char *uuid = NULL;
	int i, rc, extra = 0;
	mp_err re;

	r = mp_record_new(t, im->cfg);
	for (i = 0; i < im->ncells; i++) {
		const char *v = im->cells[i];

		if (i >= im->ncols) {
			if (!blank(v, strlen(v)))
				extra = 1;
		} else if (im->map[i] == COL_UUID) {
			uuid = mp_trim(im->cells[i]);
		} else if (im->map[i] >= 0 && !blank(v, strlen(v))) {
			mp_record_set(r, im->map[i], v);
		}
	}
	if (extra)
		add_msg(im, MP_IMPORT_WARN, im->row_line, -1,
		        _("more values than columns; the extra ones are ignored"));
	mp_err_clear(&re);
	if (uuid && *uuid) {
		rc = mp_record_find_uuid(im->db, t, uuid, &old, &re);
		if (rc == MP_OK) {
			mp_record_free(old);
			add_msg(im, MP_IMPORT_DUP, im->row_line, -1,
			        _("UUID %s is already in the ledger; skipped"), uuid);
			im->res->skipped++;
			goto out;
		}
		if (rc != MP_ENOTFOUND) {
			im->rc = rc;
			*im->e = re;
			goto out;
		}
	}
	if (check_fields(im, r)) {
		im->res->refused++;
		goto out;
	}
	mp_err_clear(&re);
	rc = mp_record_save(im->db, im->cfg, r, &re);
	if (rc == MP_OK) {
		im->res->added++;
		if (im->dry_run)
			add_msg(im, MP_IMPORT_ADD, im->row_line, -1,
			        _("would add “%s”"), r->v[0]);
	} else if (rc == MP_EDUP) {
		im->res->skipped++;
		add_msg(im, MP_IMPORT_DUP, im->row_line, re.field,
		        _("%s; skipped"), re.msg);
	} else if (rc == MP_EINVAL) {
		im->res->refused++;
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, re.field, "%s", re.msg);
	} else {
		im->rc = rc;
		*im->e = re;
	}
out:
	mp_record_free(r);
}

static void on_row(int c, void *data)
{
	struct imp *im = data;
	int i, empty = 1;

	(void)c;
	for (i = 0; i < im->ncells; i++)
		if (!blank(im->cells[i], strlen(im->cells[i])))
			empty = 0;
	if (!empty && im->rc == MP_OK) {
		if (!im->have_header) {
			im->have_header = 1;
			header_row(im);
		} else {
			data_row(im);
		}
	}
	for (i = 0; i < im->ncells; i++)
		free(im->cells[i]);
	im->ncells = 0;
	im->in_row = 0;
}

/* Feed buf to the parser line by line. */
static int parse(struct imp *im, const char *buf, size_t n)
{
	struct csv_parser p;
	size_t pos = 0;
	int rc = MP_OK;

	if (csv_init(&p, 0) != 0)
		abort();
	im->line = 1;
	while (pos < n && im->rc == MP_OK) {
		const char *nl = memchr(buf + pos, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - (buf + pos)) + 1 : n - pos;

		if (!im->in_row && !blank(buf + pos, len)) {
			im->in_row = 1;
			im->row_line = im->line;
		}
		if (csv_parse(&p, buf + pos, len, on_field, on_row, im) != len) {
			rc = mp_err_set(im->e, MP_EINVAL, _("line %ld: %s"), im->line,
			                csv_strerror(csv_error(&p)));
			break;
		}
		pos += len;
		im->line++;
	}
	if (rc == MP_OK && im->rc == MP_OK)
		csv_fini(&p, on_field, on_row, im);
	csv_free(&p);
	for (int i = 0; i < im->ncells; i++)
		free(im->cells[i]);
	free(im->cells);
	free(im->map);
	return rc != MP_OK ? rc : im->rc;
}

int mp_import_csv(mp_db *db, const mp_config *cfg, const mp_table *t,
                  FILE *in, int dry_run, mp_import_result *res, mp_err *e)
{
	struct imp im = { 0 };
	char *buf = NULL;
	size_t n = 0;
	int rc;

	mp_err_clear(e);
	memset(res, 0, sizeof *res);
	rc = read_text(in, &buf, &n, e);
	if (rc != MP_OK)
		return rc;
	if (blank(buf, n)) {
		free(buf);
		return mp_err_set(e, MP_EINVAL,
		                  _("the file is empty: there is no header row"));
	}
	rc = mp_db_begin(db, e);
	if (rc != MP_OK) {
		free(buf);
		return rc;
	}
	im.db = db;
	im.cfg = cfg;
	im.t = t;
	im.res = res;
	im.dry_run = dry_run;
	im.e = e;
	rc = parse(&im, buf, n);
	free(buf);
	if (rc == MP_OK && !im.have_header)
		rc = mp_err_set(e, MP_EINVAL,
		                _("the file is empty: there is no header row"));
	if (rc != MP_OK || res->refused || dry_run) {
		mp_db_rollback(db);
		if (rc == MP_OK && res->refused)
			rc = mp_err_set(e, MP_EINVAL,
			                ngettext("%ld row refused; nothing was imported",
			                         "%ld rows refused; nothing was imported",
			                         (unsigned long)res->refused),
			                res->refused);
		return rc;
	}
	rc = mp_db_commit(db, e);
	if (rc == MP_OK)
		res->written = 1;
	return rc;
}
