/* import.c — reading records in from CSV files (mp_import.h).
 *
 * The file is read a line at a time (importsrc.c: converted to UTF-8 when
 * it is not, in bounded memory) and fed to libcsv one physical line at a
 * time, so that each row knows the line it starts on.  Rows are saved as they come inside one outer transaction
 * (each save is a savepoint of it): a later row thus sees the earlier ones
 * as duplicates, and the outer rollback undoes everything when any row is
 * refused or the run is a dry run. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <csv.h>

#include "db_internal.h"
#include "import_internal.h"
#include "mp_export.h"
#include "mp_i18n.h"
#include "mp_import.h"
#include "mp_text.h"

/* The page cache while importing (KiB). */
#ifndef IMP_CACHE_KIB
#define IMP_CACHE_KIB 12288
#endif
/* The page cache while rows are written in order (im.stage; KiB). */
#ifndef IMP_STAGED_KIB
#define IMP_STAGED_KIB 6144
#endif
/* The page cache while what was set aside is made good (KiB). */
#ifndef IMP_END_KIB
#define IMP_END_KIB 4096
#endif
#define MP_STR_(x) #x
#define MP_STR(x) MP_STR_(x)

/* What a header column holds. */
enum col_kind {
	C_IGNORE,
	C_FIELD,     /* arg: field index */
	C_UUID,      /* the record's own UUID */
	C_CREATED, C_UPDATED,
	C_REFUUID,   /* arg: the reference field whose record's UUID it is */
	C_KEY        /* arg: a key (import_internal.h) */
};

struct col {
	int kind, arg;
};

struct imp {
	mp_db *db;
	const mp_config *cfg;
	const mp_table *t;
	const mp_import_opts *o;
	mp_import_result *res;
	struct imp_refs *refs;
	struct imp_stage *stage;  /* rows kept to be written in order, or NULL */
	void *plain;              /* the table's bulk_plain state */
	mp_err *refbad;           /* per field: its reference's problem */
	char useed[13];       /* the UUIDs it makes: random bits, */
	int64_t ums;          /* a time in ms */
	long uctr;            /* and a count */
	char **cells;         /* the row being read */
	size_t *cellsize;     /* each cell's buffer, kept for the next rows */
	int ncells, cap, nkept;
	long line;            /* line being fed to the parser */
	long row_line;        /* line the current row starts on */
	size_t pos, total;    /* bytes fed to the parser, of total */
	long rows;            /* data rows read */
	long kept, written;   /* rows kept in im->stage, and written of them */
	int in_row;
	int cr_watch;         /* a lone CR is being fed: a row it ends is refused */
	int have_header;
	struct col *map;      /* per column of the header */
	int ncols;
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
		mp_oom();
	va_end(ap);
	/* TRANSLATORS: one message of an import: the line of the file, then
	 * what is wrong or what happens to that row. */
	text = mp_asprintf(_("line %ld: %s"), line, body);
	free(body);
	/* One line, whatever the cells hold, and nothing a terminal would
	 * obey: control characters (C0, DEL, C1) are shown as '?'. */
	for (body = text; *body; body++) {
		unsigned char c = (unsigned char)*body;

		if (c == '\n' || c == '\r' || c == '\t')
			*body = ' ';
		else if (c < 0x20 || c == 0x7f)
			*body = '?';
		else if (c == 0xc2 && (unsigned char)body[1] >= 0x80
		         && (unsigned char)body[1] <= 0x9f)
			body[0] = body[1] = '?';
	}
	m = realloc(res->msgs, (size_t)(res->nmsgs + 1) * sizeof *m);
	if (!m)
		mp_oom();
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
	char *c;

	if (im->ncells == im->cap) {
		char **nc;
		size_t *ns;

		im->cap = im->cap ? im->cap * 2 : 16;
		nc = realloc(im->cells, (size_t)im->cap * sizeof *nc);
		ns = realloc(im->cellsize, (size_t)im->cap * sizeof *ns);
		if (!nc || !ns)
			mp_oom();
		im->cells = nc;
		im->cellsize = ns;
	}
	/* Each column's buffer serves every row (a malloc and a free per
	 * cell were 7,000,000 of each for a million service records). */
	if (im->ncells == im->nkept) {
		im->cells[im->nkept] = NULL;
		im->cellsize[im->nkept++] = 0;
	}
	if (im->cellsize[im->ncells] < len + 1) {
		size_t size = len + 1 < 32 ? 32 : len + 1;

		c = realloc(im->cells[im->ncells], size);
		if (!c)
			mp_oom();
		im->cells[im->ncells] = c;
		im->cellsize[im->ncells] = size;
	}
	c = im->cells[im->ncells++];
	if (len)
		memcpy(c, s, len);
	c[len] = '\0';
	mp_csv_unmark(c);
}

static int is_header(const char *name, const char *zh, const char *en)
{
	return strcmp(name, zh) == 0 || strcasecmp(name, en) == 0;
}

/* What the header cell name (trimmed, not empty) of column i stands for. */
static struct col header_col(struct imp *im, const char *name, int i)
{
	const mp_table *t = im->t;
	struct col c = { C_IGNORE, -1 };
	int f = mp_table_field(t, name), j;

	if (f >= 0) {
		for (j = 0; j < i; j++)
			if (im->map[j].kind == C_FIELD && im->map[j].arg == f) {
				add_msg(im, MP_IMPORT_WARN, im->row_line, f,
				        _("“%s”: a second column for %s, skipped"),
				        name, mp_field_label(&t->fields[f]));
				return c;
			}
		c.kind = C_FIELD;
		c.arg = f;
	} else if (strcasecmp(name, "UUID") == 0) {
		c.kind = C_UUID;
	} else if (is_header(name, "创建时间", "created_at")) {
		c.kind = C_CREATED;
	} else if (is_header(name, "更新时间", "updated_at")) {
		c.kind = C_UPDATED;
	} else if ((c.arg = imp_refs_uuid_column(t, name)) >= 0) {
		c.kind = C_REFUUID;
	} else if ((c.arg = imp_refs_key(t, name)) >= 0) {
		c.kind = C_KEY;
	} else {
		add_msg(im, MP_IMPORT_WARN, im->row_line, -1,
		        _("“%s”: unknown column, skipped"), name);
	}
	return c;
}

static void header_row(struct imp *im)
{
	int i, known = 0;

	im->map = calloc((size_t)im->ncells, sizeof *im->map);
	if (!im->map)
		mp_oom();
	im->ncols = im->ncells;
	for (i = 0; i < im->ncells; i++) {
		char *name = mp_trim(im->cells[i]);

		im->map[i].kind = C_IGNORE;
		if (*name)
			im->map[i] = header_col(im, name, i);
		known += im->map[i].kind == C_FIELD;
	}
	if (!known)
		im->rc = mp_err_set(im->e, MP_EINVAL,
		                    _("no column of the header row names a field of %s"),
		                    _(im->t->title_en));
}

/* Each field's own checks, every problem reported; nonzero when any.
 * References are left out when they could not be resolved (that problem
 * is reported already). */
static int check_fields(struct imp *im, mp_record *r, const mp_err *refbad)
{
	const mp_table *t = im->t;
	mp_err fe;
	int i, bad = 0;

	for (i = 0; i < t->nfields; i++) {
		const mp_field *f = &t->fields[i];

		if ((f->flags & MP_F_AUTO) || refbad[i].code != MP_OK)
			continue;
		if ((f->flags & MP_F_MASK) && strchr(r->v[i], '*')) {
			add_msg(im, MP_IMPORT_REFUSED, im->row_line, i,
			        _("%s: “%s” is masked; export with --full to keep ID numbers whole"),
			        mp_field_label(f), r->v[i]);
			bad = 1;
			continue;
		}
		mp_err_clear(&fe);
		if (mp_field_check(im->cfg, r, i, &fe) != MP_OK) {
			add_msg(im, MP_IMPORT_REFUSED, im->row_line, i, "%s", fe.msg);
			bad = 1;
		}
	}
	return bad;
}

/* "YYYY-MM-DD HH:MM:SS", as the ledger keeps times. */
static int is_stamp(const char *s)
{
	static const char pat[] = "dddd-dd-dd dd:dd:dd";
	int i;

	for (i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return 0;
	return s[i] == '\0';
}

/* 8-4-4-4-12 hexadecimal digits. */
static int is_uuid(const char *s)
{
	int i;

	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-'
		    : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')
		        || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[36] == '\0';
}

/* The row's own identity from the file: a UUID already known makes it a
 * duplicate (*dup); a malformed one or malformed times refuse it. */
static int identity(struct imp *im, mp_record *r, const char *uuid,
                    const char *created, const char *updated, int *dup)
{
	mp_record *old = NULL;
	mp_err re;
	int rc, bad = 0;

	*dup = 0;
	if (*uuid && !is_uuid(uuid)) {
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, -1,
		        _("UUID: “%s” is not a UUID; leave it empty for a new record"), uuid);
		return 1;
	}
	if (*uuid) {
		mp_err_clear(&re);
		rc = mp_record_find_uuid(im->db, im->t, uuid, &old, &re);
		if (rc == MP_OK) {
			mp_record_free(old);
			add_msg(im, MP_IMPORT_DUP, im->row_line, -1,
			        _("UUID %s is already in the ledger; skipped"), uuid);
			*dup = 1;
			return 0;
		}
		if (rc != MP_ENOTFOUND) {
			im->rc = rc;
			*im->e = re;
			return 1;
		}
		snprintf(r->uuid, sizeof r->uuid, "%s", uuid);
	}
	if (*created && !is_stamp(created)) {
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, -1,
		        _("创建时间: “%s” is not a time like 2024-03-05 14:30:00"), created);
		bad = 1;
	}
	if (*updated && !is_stamp(updated)) {
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, -1,
		        _("更新时间: “%s” is not a time like 2024-03-05 14:30:00"), updated);
		bad = 1;
	}
	if (!bad) {
		snprintf(r->created, sizeof r->created, "%s", created);
		snprintf(r->updated, sizeof r->updated, "%s", *updated ? updated : created);
	}
	return bad;
}

static void write_record(struct imp *im, mp_record *r, const char *shown,
                         int plain);

/* Check and save one record made from a data row (or keep it, checked,
 * to be saved in order after the file: im->stage). */
static void add_record(struct imp *im, mp_record *r, const char *const *refuuid,
                       const char *const *key)
{
	char *shown = mp_strdup(r->v[0]);   /* as the file names it */
	/* One per import: imp_refs_resolve clears each entry (a row's
	 * calloc of them was 6 KB to zero). */
	mp_err *refbad = im->refbad ? im->refbad
	               : (im->refbad = malloc((size_t)im->t->nfields * sizeof *refbad));
	int i, rc, bad = 0;
	mp_err re;

	if (!refbad)
		mp_oom();
	mp_err_clear(&re);
	rc = imp_refs_resolve(im->refs, r, refuuid, key, refbad, &re);
	if (rc != MP_OK && rc != MP_EINVAL)
		goto fail;
	for (i = 0; i < im->t->nfields; i++)
		if (refbad[i].code != MP_OK && refbad[i].msg[0]) {
			add_msg(im, MP_IMPORT_REFUSED, im->row_line, i, "%s", refbad[i].msg);
			bad = 1;
		}
	bad |= check_fields(im, r, refbad);
	if (bad) {
		im->res->refused++;
		goto out;
	}
	if (im->stage) {
		mp_err_clear(&re);
		rc = imp_stage_put(im->stage, im->row_line, shown, r, &re);
		if (rc == MP_EDUP) {
			/* An earlier row of the file has its UUID: as when
			 * that row was written as it came. */
			im->res->skipped++;
			add_msg(im, MP_IMPORT_DUP, im->row_line, -1,
			        _("UUID %s is already in the ledger; skipped"), r->uuid);
		} else if (rc != MP_OK) {
			goto fail;
		}
		goto out;
	}
	write_record(im, r, shown, 0);
	goto out;
fail:
	im->rc = rc;
	*im->e = re;
out:
	free(shown);
}

/* v as n lowercase hexadecimal digits. */
static void hex(char *out, uint64_t v, int n)
{
	while (n--) {
		out[n] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	}
}

/* A new record's UUID: the import's time in ms, a count and random bits
 * (as RFC 9562's version 7), so that the rows of one import follow each
 * other in the UUID index instead of each landing on a page of its own. */
static void next_uuid(struct imp *im, char out[37])
{
	struct timespec ts;
	int64_t ms;

	if (!im->useed[0] || im->uctr >= (1L << 26)) {
		char u[37];

		mp_uuid_new(u);
		memcpy(im->useed, u + 24, 12);
		im->useed[12] = '\0';
		clock_gettime(CLOCK_REALTIME, &ts);
		ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		im->ums = ms > im->ums ? ms : im->ums + 1;
		im->uctr = 0;
	}
	/* "%08x-%04x-7%03x-%04x-%s", written by hand: snprintf was 1 % of
	 * a million rows' import. */
	hex(out, (uint64_t)(im->ums >> 16) & 0xffffffffU, 8);
	out[8] = '-';
	hex(out + 9, (uint64_t)im->ums & 0xffff, 4);
	out[13] = '-';
	out[14] = '7';
	hex(out + 15, (uint64_t)(im->uctr >> 14) & 0xfff, 3);
	out[18] = '-';
	hex(out + 19, 0x8000 | ((uint64_t)im->uctr & 0x3fff), 4);
	out[23] = '-';
	memcpy(out + 24, im->useed, 13);
	im->uctr++;
}

/* The duplicate look-up and the save of a row whose checks passed; a
 * plain row (mp_table.bulk_plain) needs neither that look-up nor the
 * table's own checks against other records. */
static void write_record(struct imp *im, mp_record *r, const char *shown,
                         int plain)
{
	mp_err re;
	int rc, dup = 0;

	mp_err_clear(&re);
	rc = plain ? MP_OK : imp_refs_duplicate(im->refs, r, &dup, &re);
	if (rc != MP_OK)
		goto fail;
	if (dup) {
		im->res->skipped++;
		add_msg(im, MP_IMPORT_DUP, im->row_line, re.field, _("%s; skipped"), re.msg);
		return;
	}
	if (!r->uuid[0])
		next_uuid(im, r->uuid);
	mp_err_clear(&re);
	rc = plain ? mp_record_save_plain(im->db, im->cfg, r, &re)
	     : mp_record_save_batch(im->db, im->cfg, r, &re);
	if (rc == MP_OK) {
		im->res->added++;
		if (im->o->dry_run)
			add_msg(im, MP_IMPORT_ADD, im->row_line, -1,
			        _("would add “%s”"), shown);
	} else if (rc == MP_EDUP) {
		im->res->skipped++;
		add_msg(im, MP_IMPORT_DUP, im->row_line, re.field,
		        _("%s; skipped"), re.msg);
	} else if (rc == MP_EINVAL) {
		im->res->refused++;
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, re.field, "%s", re.msg);
	} else {
		goto fail;
	}
	return;
fail:
	im->rc = rc;
	*im->e = re;
}

static void data_row(struct imp *im)
{
	const mp_table *t = im->t;
	const char **refuuid = calloc((size_t)t->nfields, sizeof *refuuid);
	const char **key = calloc((size_t)t->nfields * IMP_KEYS_PER_FIELD, sizeof *key);
	const char *uuid = "", *created = "", *updated = "";
	mp_record *r = mp_record_new(t, im->cfg);
	int i, extra = 0, dup;

	if (!refuuid || !key)
		mp_oom();
	for (i = 0; i < im->ncells; i++) {
		char *v = im->cells[i];
		const struct col *c = i < im->ncols ? &im->map[i] : NULL;

		if (!c) {
			extra += !blank(v, strlen(v));
			continue;
		}
		switch (c->kind) {
		case C_FIELD:
			if (!blank(v, strlen(v)))
				mp_record_set(r, c->arg, v);
			break;
		case C_UUID: uuid = mp_trim(v); break;
		case C_CREATED: created = mp_trim(v); break;
		case C_UPDATED: updated = mp_trim(v); break;
		case C_REFUUID: refuuid[c->arg] = mp_trim(v); break;
		case C_KEY: key[c->arg] = mp_trim(v); break;
		default: break;
		}
	}
	if (extra) {
		/* Most likely a value with a comma that was not quoted: the
		 * values after it would land in the wrong columns. */
		add_msg(im, MP_IMPORT_REFUSED, im->row_line, -1,
		        _("the row has %d values, the header %d columns; a value holding a comma must be in double quotes"),
		        im->ncells, im->ncols);
		im->res->refused++;
	} else if (identity(im, r, uuid, created, updated, &dup)) {
		if (im->rc == MP_OK)
			im->res->refused++;
	} else if (dup) {
		im->res->skipped++;
	} else {
		add_record(im, r, refuuid, key);
	}
	mp_record_free(r);
	free(refuuid);
	free(key);
}

static void on_row(int c, void *data)
{
	struct imp *im = data;
	int i, empty = 1;

	if (c == '\r' && im->cr_watch && im->rc == MP_OK)
		/* A CR alone inside a row, outside quotes: the row would be
		 * cut in two. */
		im->rc = mp_err_set(im->e, MP_EINVAL,
		                    _("line %ld: a carriage return (CR) inside a value that is not in double quotes; nothing was imported"),
		                    im->line);
	for (i = 0; i < im->ncells; i++)
		if (!blank(im->cells[i], strlen(im->cells[i])))
			empty = 0;
	if (!empty && im->rc == MP_OK) {
		if (!im->have_header) {
			im->have_header = 1;
			header_row(im);
		} else {
			data_row(im);
			im->rows++;
			if (im->o->progress && im->rows % MP_IMPORT_PROGRESS_ROWS == 0)
				/* Rows kept for later: reading is the first half. */
				im->o->progress(im->o->arg, im->rows,
				                im->stage ? im->pos / 2 : im->pos, im->total);
		}
	}
	im->ncells = 0;
	im->in_row = 0;
}

/* Feed the file to the parser line by line. */
static int parse(struct imp *im, struct imp_src *src)
{
	struct csv_parser p;
	const char *line;
	size_t len;
	int rc = MP_OK;

	/* A quote left open at the end is an error, not a value running
	 * to the end of the file. */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		mp_oom();
	/* Lines ended by CR alone (old Macintosh files): each CR ends a
	 * line.  Otherwise a CR not before LF and outside quotes is refused. */
	int cr_lines = src->lines == 0;
	im->line = 1;
	while (rc == MP_OK && im->rc == MP_OK && imp_src_line(src, &line, &len, im->e)) {
		size_t done = 0;

		if (!im->in_row && !blank(line, len)) {
			im->in_row = 1;
			im->row_line = im->line;
		}
		im->pos = (size_t)src->read;
		/* Up to each lone CR, then the rest: a row the CR ends (it
		 * was outside quotes) is refused in on_row. */
		while (done < len && rc == MP_OK && im->rc == MP_OK) {
			const char *cr = cr_lines ? NULL : memchr(line + done, '\r', len - done);
			size_t piece;

			while (cr && cr + 1 < line + len && cr[1] == '\n')
				cr = memchr(cr + 1, '\r', (size_t)(line + len - cr - 1));
			/* The file's very end (only the last line has no LF). */
			if (cr && cr + 1 == line + len && line[len - 1] != '\n')
				cr = NULL;
			piece = cr ? (size_t)(cr - (line + done)) + 1 : len - done;
			im->cr_watch = cr != NULL;
			if (csv_parse(&p, line + done, piece, on_field, on_row, im) != piece)
				rc = csv_error(&p) == CSV_EPARSE
				   ? mp_err_set(im->e, MP_EINVAL,
				                _("line %ld: a double quote in the middle of a value; a value holding quotes must be in double quotes, each quote doubled; nothing was imported"),
				                im->line)
				   : mp_err_set(im->e, MP_EINVAL, _("line %ld: %s"), im->line,
				                csv_strerror(csv_error(&p)));
			im->cr_watch = 0;
			done += piece;
		}
		if (rc != MP_OK)
			break;
		im->line++;
	}
	if (rc == MP_OK && im->rc == MP_OK)
		rc = src->rc;
	if (rc == MP_OK && im->rc == MP_OK
	    && csv_fini(&p, on_field, on_row, im) != 0)
		rc = mp_err_set(im->e, MP_EINVAL,
		                _("line %ld: a double quote opens a value that is never closed; nothing was imported"),
		                im->row_line);
	csv_free(&p);
	for (int i = 0; i < im->nkept; i++)
		free(im->cells[i]);
	free(im->cells);
	free(im->cellsize);
	free(im->map);
	return rc != MP_OK ? rc : im->rc;
}

/* One kept row, in the table's order (imp_stage_each). */
static int write_kept(void *arg, long line, const char *shown, mp_record *r)
{
	struct imp *im = arg;
	mp_err re;
	int plain = 0;

	im->row_line = line;
	if (im->t->bulk_plain) {
		mp_err_clear(&re);
		if (im->t->bulk_plain(im->db, r, &plain, &im->plain, &re) != MP_OK) {
			im->rc = re.code;
			*im->e = re;
			return im->rc;
		}
	}
	write_record(im, r, shown, plain);
	if (im->o->progress && ++im->written % MP_IMPORT_PROGRESS_ROWS == 0)
		im->o->progress(im->o->arg, im->rows,
		                im->total / 2 + (size_t)((double)im->total / 2
		                * (double)im->written / (double)im->kept),
		                im->total);
	return im->rc;
}

static int by_line(const void *a, const void *b)
{
	const mp_import_msg *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* The same line: as they were added (field holds the order here). */
	return (x->field > y->field) - (x->field < y->field);
}

/* The messages of rows written out of the file's order, back in it. */
static void sort_msgs(mp_import_result *res)
{
	int *field, i;

	if (res->nmsgs < 2)
		return;
	field = malloc((size_t)res->nmsgs * sizeof *field);
	if (!field)
		mp_oom();
	for (i = 0; i < res->nmsgs; i++) {
		field[i] = res->msgs[i].field;
		res->msgs[i].field = i;
	}
	qsort(res->msgs, (size_t)res->nmsgs, sizeof *res->msgs, by_line);
	for (i = 0; i < res->nmsgs; i++)
		res->msgs[i].field = field[res->msgs[i].field];
	free(field);
}

/* Back to what the connection keeps otherwise (db.c: statement journals
 * in memory, foreign keys enforced), once no transaction is open. */
static void restore_temp_store(mp_db *db)
{
	if (db->depth == 0)
		sqlite3_exec(db->h, "PRAGMA temp_store = MEMORY;"
		             " PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

int mp_import_csv(mp_db *db, const mp_config *cfg, const mp_table *t,
                  FILE *in, int dry_run, mp_import_result *res, mp_err *e)
{
	mp_import_opts o = { 0 };

	o.dry_run = dry_run;
	return mp_import_run(db, cfg, t, in, &o, res, e);
}

int mp_import_run(mp_db *db, const mp_config *cfg, const mp_table *t,
                  FILE *in, const mp_import_opts *o, mp_import_result *res,
                  mp_err *e)
{
	struct imp im = { 0 };
	struct imp_bulk bulk;
	struct imp_src *src = malloc(sizeof *src);
	size_t n;
	int rc;

	mp_err_clear(e);
	memset(res, 0, sizeof *res);
	if (!src)
		mp_oom();
	rc = imp_src_open(src, in, e);
	if (rc == MP_OK && !src->nonblank)
		rc = mp_err_set(e, MP_EINVAL,
		                _("the file is empty: there is no header row"));
	/* The indexes set aside are built again from a sort of all their
	 * keys (imp_bulk_end): in temporary files, not in memory as the
	 * ledger's connection keeps them otherwise (db.c), or a million rows'
	 * keys would be held at once (160 MB).  It can only change outside
	 * a transaction. */
	if (rc == MP_OK && db->depth == 0)
		sqlite3_exec(db->h, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
	/* Each reference a row writes is found among the live records by
	 * the import itself (imp_refs_resolve), or looked up by the save
	 * (what the table's prepare fills), inside this transaction: SQLite's
	 * own look-up of the same parent row, for every INSERT, is the same
	 * check a second time (a million service records: two look-ups each,
	 * about a twentieth of the import).  Like temp_store, it can only
	 * change outside a transaction; restore_temp_store sets it back. */
	if (rc == MP_OK && db->depth == 0)
		sqlite3_exec(db->h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (rc == MP_OK)
		rc = mp_db_begin(db, e);
	if (rc != MP_OK) {
		imp_src_close(src);
		free(src);
		restore_temp_store(db);
		return rc;
	}
	n = (size_t)src->total;
	/* The page cache of a bulk write (mp_db_bulk: 64 MB, and the file
	 * mapped) would be most of an import's memory (issue 15: 32 MB at
	 * most, whatever the sizes); pages it cannot hold go to the log. */
	sqlite3_exec(db->h, "PRAGMA cache_size = -" MP_STR(IMP_CACHE_KIB)
	             "; PRAGMA mmap_size = 0", NULL, NULL, NULL);
	im.db = db;
	im.cfg = cfg;
	im.t = t;
	im.o = o;
	im.res = res;
	im.e = e;
	im.total = n;
	im.refs = imp_refs_new(db, t);
	rc = imp_bulk_begin(db, t, src->lines, &bulk, e);
	/* Whatever the file's size: a small one costs a temporary table,
	 * and every import of the type goes the same way. */
	if (rc == MP_OK && t->nbulk_order
	    && !(im.stage = imp_stage_new(db, t, e)))
		rc = e->code;
	/* Rows written in the index's order read and write each of its
	 * pages once: a smaller cache does, and leaves room for the sort. */
	if (im.stage)
		sqlite3_exec(db->h, "PRAGMA cache_size = -" MP_STR(IMP_STAGED_KIB),
		             NULL, NULL, NULL);
	if (rc == MP_OK)
		rc = parse(&im, src);
	if (rc == MP_OK && im.stage) {
		im.kept = imp_stage_rows(im.stage);
		rc = imp_stage_each(im.stage, write_kept, &im, e);
		if (t->bulk_plain)
			t->bulk_plain(db, NULL, &(int){ 0 }, &im.plain, NULL);
		sort_msgs(res);
	}
	imp_stage_free(im.stage);
	imp_refs_free(im.refs);
	free(im.refbad);
	imp_src_close(src);
	free(src);
	/* The indexes set aside are built from a sort that may hold as much
	 * as the page cache (SQLite sizes it so), while the pages of what it
	 * builds are written in order: a small cache for both. */
	if (rc == MP_OK && !res->refused && !o->dry_run) {
		sqlite3_exec(db->h, "PRAGMA cache_size = -" MP_STR(IMP_END_KIB),
		             NULL, NULL, NULL);
		rc = imp_bulk_end(db, &bulk, e);
	}
	imp_bulk_free(db, &bulk);
	if (rc == MP_OK && !im.have_header)
		rc = mp_err_set(e, MP_EINVAL,
		                _("the file is empty: there is no header row"));
	if (o->progress)
		o->progress(o->arg, im.rows, n, n);
	if (rc != MP_OK || res->refused || o->dry_run) {
		mp_db_rollback(db);
		restore_temp_store(db);
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
	restore_temp_store(db);
	return rc;
}
