/* record.c — records of any type, driven only by their mp_table.
 *
 * SQL here is built from the table descriptor's column names (constants);
 * every value a user typed goes in as a bound parameter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "record_internal.h"
#include "mp_search.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_kinds.h"
#include "mp_record.h"
#include "mp_text.h"

/* ---- records in memory ---- */

mp_record *mp_record_new(const mp_table *t, const mp_config *cfg)
{
	mp_record *r = calloc(1, sizeof *r);
	int i;

	if (!r)
		mp_oom();
	r->t = t;
	r->v = calloc((size_t)t->nfields, sizeof *r->v);
	if (!r->v)
		mp_oom();
	for (i = 0; i < t->nfields; i++)
		r->v[i] = mp_strdup("");
	if (!cfg)
		return r;
	/* What the declaration says a new record starts with, then what the
	 * type works out from the settings. */
	for (i = 0; i < t->nfields; i++) {
		const mp_field *f = &t->fields[i];

		if (f->flags & MP_F_TODAY) {
			char today[11];

			mp_today(today);
			mp_record_set(r, i, today);
		} else if (f->initial) {
			mp_record_set(r, i, f->initial);
		}
	}
	if (t->defaults)
		t->defaults(cfg, r);
	return r;
}

mp_record *mp_record_dup(const mp_record *r)
{
	mp_record *d = mp_record_new(r->t, NULL);
	int i;

	d->id = r->id;
	memcpy(d->uuid, r->uuid, sizeof d->uuid);
	memcpy(d->created, r->created, sizeof d->created);
	memcpy(d->updated, r->updated, sizeof d->updated);
	memcpy(d->deleted, r->deleted, sizeof d->deleted);
	d->version = r->version;
	memcpy(d->updated_by, r->updated_by, sizeof d->updated_by);
	for (i = 0; i < r->t->nfields; i++)
		mp_record_set(d, i, r->v[i]);
	return d;
}

void mp_record_free(mp_record *r)
{
	int i;

	if (!r)
		return;
	for (i = 0; i < r->t->nfields; i++)
		free(r->v[i]);
	free(r->v);
	free(r);
}

void mp_record_set(mp_record *r, int i, const char *val)
{
	char *old = r->v[i];

	/* Copy first: val may point into the old value. */
	r->v[i] = mp_strdup(val ? val : "");
	free(old);
}

int mp_table_field(const mp_table *t, const char *name)
{
	char *n;
	int i, found = -1;

	if (!name)
		return -1;
	n = mp_trim(mp_strdup(name));
	for (i = 0; i < t->nfields && found < 0; i++) {
		const mp_field *f = &t->fields[i];

		if (!strcasecmp(n, f->col) || !strcmp(n, f->label_zh)
		    || !strcasecmp(n, f->label_en)
		    || !strcmp(n, gettext(f->label_en)))
			found = i;
	}
	free(n);
	return found;
}

int mp_record_equal(const mp_record *a, const mp_record *b)
{
	int i;

	if (a->t != b->t)
		return 0;
	for (i = 0; i < a->t->nfields; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

const char *mp_field_label(const mp_field *f)
{
	return gettext(f->label_en);
}

/* ---- checks of one field: mp_field_check is in kinds.c ---- */

/* Characters (not bytes) in a UTF-8 string. */
static int utf8_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* The references an import has found (each the id of a live record,
 * which the import's own transaction cannot take away) as they were
 * before the table's prepare, which may fill or change some: only those
 * are looked up again.  A value too long to be an id is never kept, so
 * it is always looked up. */
#define REF_KEPT 24

/* Every filled reference names a live record of its table; with known
 * (REF_KEPT bytes a field), only those that differ from it. */
static int check_refs_but(mp_db *db, mp_record *r, const char *known, mp_err *e)
{
	const mp_table *t = r->t;
	int i, rc, ret = MP_OK;

	if (!db)
		return MP_OK;
	for (i = 0; i < t->nfields && ret == MP_OK; i++) {
		const mp_field *f = &t->fields[i];
		sqlite3_stmt *st = NULL;
		char *sql;

		if (!mp_field_refers(f) || !r->v[i][0])
			continue;
		if (known && known[i * REF_KEPT]
		    && !strcmp(known + i * REF_KEPT, r->v[i]))
			continue;
		sql = mp_asprintf("SELECT 1 FROM %s WHERE id = ? AND deleted_at IS NULL",
		                  f->ref->name);
		ret = mp_db_cached(db, sql, &st, e);
		free(sql);
		if (ret != MP_OK)
			break;
		rc = sqlite3_bind_int64(st, 1, strtoll(r->v[i], NULL, 10));
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			ret = mp_err_field(e, MP_EINVAL, i, _("%s: no such %s"),
			                   mp_field_label(f), gettext(f->ref->unit_en));
		else if (rc != SQLITE_ROW)
			ret = mp_db_fail(db, rc, e);
		mp_db_done(db, st);
	}
	return ret;
}

static int check_refs(mp_db *db, mp_record *r, mp_err *e)
{
	return check_refs_but(db, r, NULL, e);
}

/* An import's found references (see REF_KEPT), or NULL when the table
 * has none; free()d by the caller. */
static char *refs_found(const mp_record *r)
{
	const mp_table *t = r->t;
	char *known = NULL;
	int i;

	for (i = 0; i < t->nfields; i++) {
		if (!mp_field_refers(&t->fields[i]) || !r->v[i][0]
		    || strlen(r->v[i]) >= REF_KEPT)
			continue;
		if (!known && !(known = calloc((size_t)t->nfields, REF_KEPT)))
			mp_oom();
		memcpy(known + i * REF_KEPT, r->v[i], strlen(r->v[i]) + 1);
	}
	return known;
}

/* The table's checks against other records: check, then (when clash is
 * set) the clash lookups. */
static int other_checks(mp_db *db, const mp_config *cfg, const mp_record *r,
                        int clash, mp_err *e)
{
	int ret = r->t->check ? r->t->check(db, cfg, r, e) : MP_OK;

	if (ret == MP_OK && clash && r->t->clash)
		ret = r->t->clash(db, cfg, r, e);
	return ret;
}

int mp_record_check(mp_db *db, const mp_config *cfg, mp_record *r, mp_err *e)
{
	int i, ret;

	mp_err_clear(e);
	for (i = 0; i < r->t->nfields; i++) {
		ret = mp_field_check(cfg, r, i, e);
		if (ret != MP_OK)
			return ret;
	}
	ret = check_refs(db, r, e);
	if (ret != MP_OK)
		return ret;
	return other_checks(db, cfg, r, 1, e);
}

/* ---- SQL from the descriptor ---- */

/* "a, b, c" — every field's column, in table order. */
static void put_columns(FILE *f, const mp_table *t, const char *suffix)
{
	int i;

	for (i = 0; i < t->nfields; i++)
		fprintf(f, "%s%s%s", i ? ", " : "", t->fields[i].col, suffix);
}

static char *build(void (*fn)(FILE *, const mp_table *), const mp_table *t)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	if (!f)
		mp_oom();
	fn(f, t);
	if (fclose(f) != 0 || !s)
		mp_oom();
	return s;
}

/* INSERT of a new record with verb ("INSERT" or "INSERT OR FAIL"). */
static void put_insert(FILE *f, const mp_table *t, const char *verb)
{
	int i;

	fprintf(f, "%s INTO %s (uuid, created_at, updated_at, ", verb, t->name);
	put_columns(f, t, "");
	fputs(") VALUES (?, ?, ?", f);
	for (i = 0; i < t->nfields; i++)
		fputs(", ?", f);
	fputs(")", f);
}

static void sql_insert(FILE *f, const mp_table *t)
{
	put_insert(f, t, "INSERT");
}

/* The same, for a table with no trigger that relies on its own conflict
 * clause: "OR FAIL" takes the place of the default ABORT.  A single-row
 * INSERT checks every constraint before it writes, so a failure leaves
 * nothing behind either way; but ABORT makes SQLite keep a journal of
 * each statement, a copy of every page it touches (a sixth of an
 * import's time).  Not for a table whose search trigger is in place: an
 * outer conflict clause overrides the trigger's INSERT OR IGNORE. */
static void sql_insert_fail(FILE *f, const mp_table *t)
{
	put_insert(f, t, "INSERT OR FAIL");
}

static void sql_update(FILE *f, const mp_table *t)
{
	fprintf(f, "UPDATE %s SET updated_at = ?, updated_by = ?,"
	        " version = version + 1, ", t->name);
	put_columns(f, t, " = ?");
	fputs(" WHERE id = ?", f);
}

static void sql_select(FILE *f, const mp_table *t)
{
	fputs("SELECT id, uuid, created_at, updated_at, ifnull(deleted_at, ''),"
	      " version, ifnull(updated_by, ''), ", f);
	put_columns(f, t, "");
	fprintf(f, " FROM %s WHERE ", t->name);
}

/* Bind field values from parameter first on, each as its kind stores it;
 * empty values as NULL. */
static int bind_values(sqlite3_stmt *st, const mp_record *r, int first)
{
	int i, rc = SQLITE_OK;

	for (i = 0; i < r->t->nfields && rc == SQLITE_OK; i++) {
		const char *v = r->v[i];

		if (!*v)
			rc = sqlite3_bind_null(st, first + i);
		else
			rc = mp_kind_of(&r->t->fields[i])->bind(st, first + i, v);
	}
	return rc;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", s ? s : "");
}

/* ---- the change log ---- */

/* Who writes: the operator from the settings, "" if unset. */
static const char *writer(mp_db *db, const mp_config *cfg)
{
	return cfg && cfg->operator_name ? cfg->operator_name
	     : db->operator_name ? db->operator_name : "";
}

/* One change_log row; field NULL for a move to or from the recycle bin;
 * empty values are stored as NULL. */

static int log_change(mp_db *db, const mp_config *cfg, const mp_table *t,
                      const char *uuid, const char *field, const char *old,
                      const char *new, const char *now, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	const char *who = writer(db, cfg);
	int rc, ret;

	ret = mp_db_prepare(db, "INSERT INTO change_log (table_name, record_uuid,"
	                    " field, old_value, new_value, changed_at, changed_by)"
	                    " VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, uuid, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = field ? sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC)
		           : sqlite3_bind_null(st, 3);
	if (rc == SQLITE_OK)
		rc = old && *old ? sqlite3_bind_text(st, 4, old, -1, SQLITE_STATIC)
		                 : sqlite3_bind_null(st, 4);
	if (rc == SQLITE_OK)
		rc = new && *new ? sqlite3_bind_text(st, 5, new, -1, SQLITE_STATIC)
		                 : sqlite3_bind_null(st, 5);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 7, who, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

/* ---- storing ---- */

static int load_where(mp_db *db, const mp_table *t, const char *where,
                      int64_t id, const char *uuid, mp_record **out, mp_err *e);

/* MP_ECONFLICT for the record as it is now (stored, which this takes):
 * who changed it and when, in e; stored itself to *theirs when given. */
static int conflict(mp_db *db, mp_record *stored, mp_record **theirs,
                    mp_err *e)
{
	char name[512];
	const char *who = stored->updated_by[0] ? stored->updated_by
	                : _("someone (no operator set)");

	mp_record_describe(db, stored, name, sizeof name);
	/* TRANSLATORS: %s first is a record with its kind: 志愿者“…”. */
	if (stored->deleted[0])
		mp_err_set(e, MP_ECONFLICT, _("%s was moved to the recycle bin by %s at %.16s, in another window, since you opened it; nothing was saved"),
		           name, who, stored->updated);
	else
		mp_err_set(e, MP_ECONFLICT, _("%s was changed by %s at %.16s, in another window, since you opened it; nothing was saved"),
		           name, who, stored->updated);
	if (theirs)
		*theirs = stored;
	else
		mp_record_free(stored);
	return MP_ECONFLICT;
}

/* The writing half of mp_record_save, inside its transaction: prepare,
 * the checks against other records, the INSERT or UPDATE and the change
 * log.  In a batch the table's clash lookups wait for the index to refuse
 * the INSERT.  On success *uuid holds the record's uuid. */
static int save_in_tx(mp_db *db, const mp_config *cfg, mp_record *r,
                      int batch, int move, const mp_wf_input *in,
                      const char *now, char uuid[37], int64_t *rowid,
                      mp_record **theirs, mp_err *e)
{
	const mp_table *t = r->t;
	mp_record *stored = NULL;
	sqlite3_stmt *st = NULL;
	int i, ret = MP_OK, rc, isnew = r->id == 0, fail;
	const mp_wf_step *step = NULL;
	int from = -1;
	char stepdate[11] = "";
	const char *kind;
	char *sql, *known;

	if (!isnew) {
		ret = load_where(db, t, "id = ?", r->id, NULL, &stored, e);
		if (ret == MP_ENOTFOUND)
			return mp_err_set(e, MP_ENOTFOUND, _("this record no longer exists in the ledger"));
		if (ret != MP_OK)
			return ret;
		/* Another window saved, deleted or restored it since r was
		 * loaded: writing now would silently undo that. */
		if (r->version && stored->version != r->version) {
			ret = conflict(db, stored, theirs, e);
			stored = NULL;
			return ret;
		}
		memcpy(uuid, stored->uuid, 37);
		/* What the core sets is never taken from the caller; the
		 * fields a workflow's step sets only from mp_wf_move. */
		for (i = 0; i < t->nfields; i++)
			if ((t->fields[i].flags & MP_F_AUTO)
			    && !(move && mp_wf_sets(t->workflow, i)))
				mp_record_set(r, i, stored->v[i]);
	} else if (r->uuid[0]) {
		/* An imported record keeps the identity it was exported with. */
		memcpy(uuid, r->uuid, 37);
	} else {
		mp_uuid_new(uuid);
	}
	/* An import (a batch) has found each reference it gives among the
	 * live records already: only what the workflow's start or prepare
	 * fills is looked up. */
	known = batch && isnew ? refs_found(r) : NULL;
	if (isnew && t->workflow)
		mp_wf_start(t->workflow, r);
	if (t->prepare)
		ret = t->prepare(db, cfg, r, e);
	for (i = 0; i < t->nfields && ret == MP_OK; i++)
		if (t->fields[i].flags & MP_F_AUTO)
			ret = mp_field_check(cfg, r, i, e);
	/* Checks against other records run inside the transaction, so that
	 * nobody can slip a clashing record in between check and write. */
	if (ret == MP_OK)
		ret = check_refs_but(db, r, known, e);
	free(known);
	/* A plain import row (batch 2): its table's bulk_plain has made
	 * sure of them already. */
	if (ret == MP_OK && batch < 2)
		ret = other_checks(db, cfg, r, !batch, e);
	/* A state typed in a form (a workflow whose state field the form
	 * edits) moves as a step does: declared, dated, its history kept. */
	if (ret == MP_OK && !isnew && !move && t->workflow)
		ret = mp_wf_on_update(db, cfg, stored, r, in, stepdate, &from, &step, e);
	if (ret != MP_OK)
		goto out;

	/* Found by the table's name: its SQL is built only the first time. */
	fail = isnew && (!mp_search_code(t) || db->unindexed == t);
	kind = !isnew ? "update" : fail ? "insert-fail" : "insert";
	st = mp_db_cached_find(db, kind, t->name);
	if (!st) {
		sql = build(!isnew ? sql_update : fail ? sql_insert_fail : sql_insert, t);
		ret = mp_db_cache_as(db, kind, t->name, sql, &st, e);
		free(sql);
	}
	if (ret != MP_OK)
		goto out;
	if (isnew) {
		rc = sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, r->created[0] ? r->created : now,
			                       -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 3, r->updated[0] ? r->updated : now,
			                       -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = bind_values(st, r, 4);
	} else {
		rc = sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, writer(db, cfg), -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = bind_values(st, r, 3);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(st, t->nfields + 3, r->id);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		/* SQLite's own words first: the lookups below replace them. */
		ret = mp_db_fail(db, rc, e);
		/* A batch's clash, found by the index: named by the lookups. */
		if (batch && (rc & 0xFF) == SQLITE_CONSTRAINT && t->clash) {
			mp_err ce;
			int crc;

			sqlite3_reset(st);
			mp_err_clear(&ce);
			crc = t->clash(db, cfg, r, &ce);
			if (crc != MP_OK) {
				*e = ce;
				ret = crc;
			}
		}
		goto out;
	}
	/* Taken now: what the type writes once saved has rows of its own. */
	*rowid = isnew ? sqlite3_last_insert_rowid(db->h) : r->id;
	if (!isnew && sqlite3_changes(db->h) == 0) {
		ret = mp_err_set(e, MP_ENOTFOUND, _("this record no longer exists in the ledger"));
		goto out;
	}
	if (!isnew && (t->tflags & MP_T_CHANGELOG))
		for (i = 0; i < t->nfields && ret == MP_OK; i++)
			if (strcmp(stored->v[i], r->v[i]))
				ret = log_change(db, cfg, t, uuid, t->fields[i].col,
				                 stored->v[i], r->v[i], now, e);
	if (ret == MP_OK && step) {
		mp_wf_input done = { stepdate, in ? in->reason : "", in ? in->amount : "" };

		(void)from;
		ret = mp_wf_history(db, cfg, r, stored->v[t->workflow->state_field], step,
		                    &done, e);
	}
	/* A timeline's first entry, unless the record comes from a file made
	 * by export (its own creation time), whose history comes in its own
	 * file. */
	if (ret == MP_OK && isnew && t->workflow && !(batch && r->created[0])) {
		r->id = *rowid;
		ret = mp_wf_history_start(db, cfg, r, e);
		r->id = 0;
	}
	if (ret == MP_OK && t->saved)
		ret = t->saved(db, cfg, r, *rowid, isnew, e);
out:
	mp_db_done(db, st);
	mp_record_free(stored);
	return ret;
}

/* mp_record_save and mp_record_save_batch; batch: the caller has run the
 * fields' checks and drops r when the save fails (2: and the table's
 * checks against other records, mp_record_save_plain). */
static int save(mp_db *db, const mp_config *cfg, mp_record *r, int batch,
                int move, const mp_wf_input *in, mp_record **theirs, mp_err *e)
{
	const mp_table *t = r->t;
	mp_record *typed = NULL;
	char now[20], uuid[37];
	int64_t rowid = 0;
	int i, ret, own;

	if (theirs)
		*theirs = NULL;
	mp_err_clear(e);
	for (i = 0; i < t->nfields && !batch; i++) {
		if (t->fields[i].flags & MP_F_AUTO)
			continue;
		ret = mp_field_check(cfg, r, i, e);
		if (ret != MP_OK)
			return ret;
	}
	/* A new record inside a batch's transaction needs no savepoint of
	 * its own: its one write, the INSERT, is whole or not at all (the
	 * checks before it read only; a type that writes more once saved
	 * gets one).  Anything else gets one, so that a
	 * failure undoes the record's writes and nothing of the batch. */
	own = r->id != 0 || db->depth == 0 || t->saved;
	ret = own ? mp_db_begin(db, e) : MP_OK;
	if (ret != MP_OK)
		return ret;
	/* prepare may fill fields (a birth date from the ID number); a save
	 * that fails must leave the record as the user typed it. */
	if (!batch)
		typed = mp_record_dup(r);
	mp_now(now);
	ret = save_in_tx(db, cfg, r, batch, move, in, now, uuid, &rowid, theirs, e);
	if (ret == MP_OK && own)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK) {
		if (own)
			mp_db_rollback(db);
		for (i = 0; i < t->nfields && typed; i++)
			mp_record_set(r, i, typed->v[i]);
		mp_record_free(typed);
		return ret;
	}
	mp_record_free(typed);
	/* Only now, with the record on disk, does r learn its identity. */
	if (r->id == 0) {
		r->id = rowid;
		memcpy(r->uuid, uuid, sizeof r->uuid);
		if (!r->created[0])
			memcpy(r->created, now, sizeof r->created);
		if (!r->updated[0])
			memcpy(r->updated, now, sizeof r->updated);
		r->version = 1;   /* the column's default */
	} else {
		memcpy(r->updated, now, sizeof r->updated);
		if (r->version)
			r->version++;
		snprintf(r->updated_by, sizeof r->updated_by, "%s", writer(db, cfg));
	}
	return MP_OK;
}

int mp_record_save(mp_db *db, const mp_config *cfg, mp_record *r, mp_err *e)
{
	return save(db, cfg, r, 0, 0, NULL, NULL, e);
}

int mp_record_save_checked(mp_db *db, const mp_config *cfg, mp_record *r,
                           mp_record **theirs, mp_err *e)
{
	return save(db, cfg, r, 0, 0, NULL, theirs, e);
}

int mp_record_save_move(mp_db *db, const mp_config *cfg, mp_record *r,
                        mp_record **theirs, mp_err *e)
{
	return save(db, cfg, r, 0, 1, NULL, theirs, e);
}

int mp_record_save_batch(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e)
{
	return save(db, cfg, r, 1, 0, NULL, NULL, e);
}

int mp_wf_save(mp_db *db, const mp_config *cfg, mp_record *r,
               const mp_wf_input *in, mp_record **theirs, mp_err *e)
{
	return save(db, cfg, r, 0, 0, in, theirs, e);
}

int mp_record_save_plain(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e)
{
	return save(db, cfg, r, r->id ? 1 : 2, 0, NULL, NULL, e);
}

/* Load the one record selected by "WHERE <where>", whose one parameter is
 * uuid when given, else id. */
static int load_where(mp_db *db, const mp_table *t, const char *where,
                      int64_t id, const char *uuid, mp_record **out, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *head = build(sql_select, t);
	char *sql = mp_asprintf("%s%s", head, where);
	mp_record *r;
	int rc, ret, i;

	*out = NULL;
	free(head);
	ret = mp_db_cached(db, sql, &st, e);
	free(sql);
	if (ret != MP_OK)
		return ret;
	if (uuid)
		rc = sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	else
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		mp_db_done(db, st);
		return mp_err_set(e, MP_ENOTFOUND, _("no such %s in the ledger"), gettext(t->unit_en));
	}
	if (rc != SQLITE_ROW) {
		ret = mp_db_fail(db, rc, e);
		mp_db_done(db, st);
		return ret;
	}
	r = mp_record_new(t, NULL);
	r->id = sqlite3_column_int64(st, 0);
	copy_col(r->uuid, sizeof r->uuid, st, 1);
	copy_col(r->created, sizeof r->created, st, 2);
	copy_col(r->updated, sizeof r->updated, st, 3);
	copy_col(r->deleted, sizeof r->deleted, st, 4);
	r->version = sqlite3_column_int64(st, 5);
	copy_col(r->updated_by, sizeof r->updated_by, st, 6);
	for (i = 0; i < t->nfields; i++) {
		char buf[32];

		mp_record_set(r, i, mp_column_value(st, 7 + i, &t->fields[i],
		                                    buf, sizeof buf));
	}
	mp_db_done(db, st);
	*out = r;
	return MP_OK;
}

int mp_record_load(mp_db *db, const mp_table *t, int64_t id, mp_record **out,
                   mp_err *e)
{
	return load_where(db, t, "id = ?", id, NULL, out, e);
}

int mp_record_find_uuid(mp_db *db, const mp_table *t, const char *uuid,
                        mp_record **out, mp_err *e)
{
	return load_where(db, t, "uuid = ?", 0, uuid ? uuid : "", out, e);
}

/* Run one UPDATE/DELETE on record id (parameter 1 is the time now and
 * parameter 3 who writes, when bind_now).  *changed gets the number of
 * rows changed. */
static int write_one(mp_db *db, const char *sql, int64_t id, int bind_now,
                     const char *who, int *changed, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char now[20];
	int rc, ret;

	ret = mp_db_prepare(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	mp_now(now);
	rc = SQLITE_OK;
	if (bind_now)
		rc = sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, bind_now ? 2 : 1, id);
	if (rc == SQLITE_OK && bind_now)
		rc = sqlite3_bind_text(st, 3, who, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	else
		*changed = sqlite3_changes(db->h);
	sqlite3_finalize(st);
	return ret;
}

enum bin_op { BIN_DELETE, BIN_RESTORE, BIN_PURGE };

/* Move record id into the recycle bin, back out of it, or out of the ledger
 * for good, in one transaction.  Moving a record where it already is does
 * nothing.  version: what the caller saw (0: not checked); another
 * version in the ledger is MP_ECONFLICT, *theirs the record as it is. */
static int bin_op(mp_db *db, const mp_config *cfg, const mp_table *t,
                  int64_t id, enum bin_op op, int64_t version,
                  mp_record **theirs, mp_err *e)
{
	mp_record *r = NULL;
	char *sql = NULL;
	int ret, changed = 0, in_bin;

	if (theirs)
		*theirs = NULL;
	mp_err_clear(e);
	ret = mp_db_begin(db, e);
	if (ret != MP_OK)
		return ret;
	ret = mp_record_load(db, t, id, &r, e);
	if (ret == MP_OK && version && r->version != version) {
		ret = conflict(db, r, theirs, e);
		r = NULL;
	}
	in_bin = ret == MP_OK && r->deleted[0];
	if (ret != MP_OK)
		;
	else if (op == BIN_DELETE && !in_bin)
		sql = mp_asprintf("UPDATE %s SET deleted_at = ?1, updated_at = ?1,"
		                  " updated_by = ?3, version = version + 1"
		                  " WHERE id = ?2 AND deleted_at IS NULL", t->name);
	else if (op == BIN_RESTORE && in_bin) {
		/* Coming back must not clash with a record made meanwhile,
		 * nor point to a record that has gone to the bin. */
		ret = check_refs(db, r, e);
		if (ret == MP_OK)
			ret = other_checks(db, cfg, r, 1, e);
		if (ret == MP_OK)
			sql = mp_asprintf("UPDATE %s SET deleted_at = NULL, updated_at = ?1,"
			                  " updated_by = ?3, version = version + 1"
			                  " WHERE id = ?2", t->name);
	} else if (op == BIN_PURGE && !in_bin)
		ret = mp_err_set(e, MP_EINVAL, _("this %s is not in the recycle bin: move it to the recycle bin first"),
		                 gettext(t->unit_en));
	else if (op == BIN_PURGE) {
		/* A timeline's entries are the record's own: they go with it. */
		ret = mp_wf_purge_history(db, t, id, e);
		sql = mp_asprintf("DELETE FROM %s WHERE id = ? AND deleted_at IS NOT NULL", t->name);
	}
	if (ret == MP_OK && sql)
		ret = write_one(db, sql, id, op != BIN_PURGE, writer(db, cfg),
		                &changed, e);
	/* A volunteer with service records, a group with activities: the
	 * evidence keeps them, even from the recycle bin. */
	if (ret != MP_OK && op == BIN_PURGE
	    && sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_FOREIGNKEY)
		ret = mp_err_set(e, MP_EINVAL, _("this %s cannot be removed for good: other records (members, activities, service records) still refer to it"),
		                 gettext(t->unit_en));
	/* A timeline's entry binned or back: the timeline mended. */
	if (ret == MP_OK && changed && op != BIN_PURGE)
		ret = mp_wf_entry_binned(db, t, id, e);
	/* The change log keeps moves to and from the recycle bin too. */
	if (ret == MP_OK && changed && op != BIN_PURGE
	    && (t->tflags & MP_T_CHANGELOG)) {
		char now[20];

		mp_now(now);
		ret = log_change(db, cfg, t, r->uuid, NULL,
		                 op == BIN_DELETE ? "live" : "bin",
		                 op == BIN_DELETE ? "bin" : "live", now, e);
	}
	free(sql);
	mp_record_free(r);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK)
		mp_db_rollback(db);
	return ret;
}

int mp_record_delete(mp_db *db, const mp_table *t, int64_t id, mp_err *e)
{
	return bin_op(db, NULL, t, id, BIN_DELETE, 0, NULL, e);
}

int mp_record_restore(mp_db *db, const mp_config *cfg, const mp_table *t,
                      int64_t id, mp_err *e)
{
	return bin_op(db, cfg, t, id, BIN_RESTORE, 0, NULL, e);
}

int mp_record_purge(mp_db *db, const mp_table *t, int64_t id, mp_err *e)
{
	return bin_op(db, NULL, t, id, BIN_PURGE, 0, NULL, e);
}

int mp_record_delete_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                          int64_t id, int64_t version, mp_record **theirs,
                          mp_err *e)
{
	return bin_op(db, cfg, t, id, BIN_DELETE, version, theirs, e);
}

int mp_record_restore_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                           int64_t id, int64_t version, mp_record **theirs,
                           mp_err *e)
{
	return bin_op(db, cfg, t, id, BIN_RESTORE, version, theirs, e);
}

int mp_record_purge_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                         int64_t id, int64_t version, mp_record **theirs,
                         mp_err *e)
{
	return bin_op(db, cfg, t, id, BIN_PURGE, version, theirs, e);
}

int mp_record_write_from(mp_db *db, const mp_record *base,
                         int (*write)(void *arg, mp_err *e), void *arg,
                         mp_record **theirs, mp_err *e)
{
	mp_record *stored = NULL;
	int ret;

	if (theirs)
		*theirs = NULL;
	mp_err_clear(e);
	ret = mp_db_begin(db, e);
	if (ret != MP_OK)
		return ret;
	/* Read inside the transaction that writes: nobody can change base
	 * between this look and the writes. */
	ret = mp_record_load(db, base->t, base->id, &stored, e);
	if (ret == MP_OK && (stored->version != base->version || stored->deleted[0])) {
		ret = conflict(db, stored, theirs, e);
		stored = NULL;
	}
	mp_record_free(stored);
	if (ret == MP_OK)
		ret = write(arg, e);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK)
		mp_db_rollback(db);
	return ret;
}

/* ---- showing values ---- */

char *mp_mask(const char *s, char *buf, size_t size)
{
	int n = utf8_chars(s), keep_head, keep_tail, k = 0;
	size_t len = strlen(s), o = 0;
	const char *p = s;

	if (size == 0)
		return buf;
	if (n > 10) {
		keep_head = 6;
		keep_tail = 4;
	} else {
		keep_head = 0;
		keep_tail = n < 2 ? n : 2;
	}
	while (*p) {
		wchar_t wc;
		int l = mp_utf8_decode(p, len - (size_t)(p - s), &wc);

		if (k < keep_head || k >= n - keep_tail) {
			if (o + (size_t)l >= size)
				break;
			memcpy(buf + o, p, (size_t)l);
			o += (size_t)l;
		} else {
			if (o + 1 >= size)
				break;
			buf[o++] = '*';
		}
		p += l;
		k++;
	}
	buf[o] = '\0';
	return buf;
}

const char *mp_field_display(mp_db *db, const mp_record *r, int i, int mask,
                             char *buf, size_t size)
{
	const mp_field *f = &r->t->fields[i];
	const char *v = r->v[i];
	const mp_kind_ops *k = mp_kind_of(f);

	if (size == 0)
		return buf;
	if (k->lookup && *v && db)
		k->lookup(db, f, v, buf, size);
	else if ((f->flags & MP_F_MASK) && mask)
		mp_mask(v, buf, size);
	else if (k->display && *v)
		return k->display(f, v, buf, size);
	else
		snprintf(buf, size, "%s", v);
	return buf;
}

int mp_record_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                   char *buf, size_t size, int64_t *other_id)
{
	int64_t other = 0;
	int ret = 0;

	if (size > 0)
		buf[0] = '\0';
	if (r->t->warn)
		ret = r->t->warn(db, cfg, r, buf, size, &other);
	if (other_id)
		*other_id = ret ? other : 0;
	return ret;
}
