/* importref.c — what a row of an import refers to, and whether it is
 * already in the ledger (import_internal.h).
 *
 * A file names the records it refers to the way people do: a group by its
 * name, a volunteer by ID number or volunteer number, an activity by its
 * name (with its group and date when names repeat); what export writes
 * also carries their UUIDs, which win.  Each lookup is one prepared
 * statement, prepared once per import and reset per row, on an index;
 * activities, which have no index by name, are read once into a sorted
 * array. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "import_internal.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_volunteer.h"

enum {
	Q_UUID_GROUP, Q_UUID_VOL, Q_UUID_ACT,
	Q_GROUP_NAME, Q_VOL_IDNO, Q_VOL_NO, Q_ACTS,
	Q_DUP_ACT, Q_DUP_HOURS,
	Q__COUNT
};

static const char *const sql[Q__COUNT] = {
	[Q_UUID_GROUP] = "SELECT id, name FROM groups WHERE uuid = ? AND deleted_at IS NULL",
	[Q_UUID_VOL] = "SELECT id, name FROM volunteers WHERE uuid = ? AND deleted_at IS NULL",
	[Q_UUID_ACT] = "SELECT id, name FROM activities WHERE uuid = ? AND deleted_at IS NULL",
	[Q_GROUP_NAME] = "SELECT id FROM groups WHERE deleted_at IS NULL AND name = ?"
	                 " LIMIT 2",
	[Q_VOL_IDNO] = "SELECT id, name FROM volunteers WHERE deleted_at IS NULL"
	               " AND id_no = ?",
	[Q_VOL_NO] = "SELECT id, name FROM volunteers WHERE deleted_at IS NULL"
	             " AND vol_no = ?",
	[Q_ACTS] = "SELECT id, ifnull(group_id, 0), ifnull(date, ''), name"
	           " FROM activities WHERE deleted_at IS NULL ORDER BY name, id",
	[Q_DUP_ACT] = "SELECT 1 FROM activities WHERE deleted_at IS NULL"
	              " AND group_id = ? AND date = ? AND name = ? LIMIT 1",
	[Q_DUP_HOURS] = "SELECT 1 FROM hours WHERE deleted_at IS NULL"
	                " AND volunteer_id = ?1 AND date = ?2 AND activity_id IS ?3"
	                " AND round(hours * 100) = round(?4 * 100)"
	                " AND ifnull(content, '') = ?5 LIMIT 1",
};

struct imp_refs {
	mp_db *db;
	const mp_table *t;
	sqlite3_stmt *st[Q__COUNT];
	/* The live activities by name, read once (a file of service records
	 * adds none), so that finding one by name is no scan per row. */
	struct act {
		int64_t id, group;
		char date[11];
		char *name;
	} *acts;
	long nacts;
	int acts_read;
};

struct imp_refs *imp_refs_new(mp_db *db, const mp_table *t)
{
	struct imp_refs *ir = calloc(1, sizeof *ir);

	if (!ir)
		mp_oom();
	ir->db = db;
	ir->t = t;
	return ir;
}

void imp_refs_free(struct imp_refs *ir)
{
	int i;

	if (!ir)
		return;
	for (i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(ir->st[i]);
	for (i = 0; i < ir->nacts; i++)
		free(ir->acts[i].name);
	free(ir->acts);
	free(ir);
}

/* Statement q, prepared on first use, reset for this row. */
static int stmt(struct imp_refs *ir, int q, sqlite3_stmt **out, mp_err *e)
{
	int ret;

	if (!ir->st[q]) {
		ret = mp_db_prepare(ir->db, sql[q], &ir->st[q], e);
		if (ret != MP_OK)
			return ret;
	} else {
		sqlite3_reset(ir->st[q]);
		sqlite3_clear_bindings(ir->st[q]);
	}
	*out = ir->st[q];
	return MP_OK;
}

/* Run q with one text parameter: *id of the first row (0 if none), its
 * second column into buf (if given), *n rows (counted up to 2). */
static int find1(struct imp_refs *ir, int q, const char *param, int64_t *id,
                 char *buf, size_t size, int *n, mp_err *e)
{
	sqlite3_stmt *st;
	int rc, ret = stmt(ir, q, &st, e);

	*id = 0;
	*n = 0;
	if (buf)
		buf[0] = '\0';
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (++*n == 1) {
			const char *s;

			*id = sqlite3_column_int64(st, 0);
			s = (const char *)sqlite3_column_text(st, 1);
			if (buf)
				snprintf(buf, size, "%s", s ? s : "");
		}
		if (*n == 2)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = mp_db_fail(ir->db, rc, e);
	sqlite3_reset(st);
	return ret;
}

/* ---- the header ---- */

static int refers_to(const mp_table *t, const mp_table *to)
{
	int i;

	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].kind == MP_K_REF && t->fields[i].ref == to)
			return 1;
	return 0;
}

int imp_refs_key(const mp_table *t, const char *name)
{
	static const struct {
		int key;
		const char *names[4];
	} keys[] = {
		{ K_VOL_IDNO, { "证件号码", "身份证号", "身份证号码", "ID number" } },
		{ K_VOL_NO, { "志愿者编号", "Volunteer number", NULL, NULL } },
		{ K_ACT_DATE, { "活动日期", "Activity date", NULL, NULL } },
	};
	size_t i, j;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const mp_table *to = keys[i].key == K_ACT_DATE ? &mp_activities
		                                              : &mp_volunteers;

		if (!refers_to(t, to))
			continue;
		for (j = 0; j < 4 && keys[i].names[j]; j++)
			if (strcasecmp(name, keys[i].names[j]) == 0)
				return keys[i].key;
	}
	return -1;
}

int imp_refs_uuid_column(const mp_table *t, const char *name)
{
	size_t n = strlen(name);
	int i;

	if (n < 4 || strcasecmp(name + n - 4, "UUID") != 0)
		return -1;
	for (n -= 4; n > 0 && name[n - 1] == ' '; n--)
		;
	for (i = 0; i < t->nfields; i++) {
		const mp_field *f = &t->fields[i];

		if (f->kind != MP_K_REF || !f->ref)
			continue;
		if ((strlen(f->label_zh) == n && !strncmp(name, f->label_zh, n))
		    || (strlen(f->label_en) == n && !strncasecmp(name, f->label_en, n)))
			return i;
	}
	return -1;
}

/* ---- finding records ---- */

static void set_id(mp_record *r, int i, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

static int by_uuid(struct imp_refs *ir, const mp_table *to, const char *uuid,
                   int64_t *id, mp_err *e)
{
	int q = to == &mp_groups ? Q_UUID_GROUP
	      : to == &mp_volunteers ? Q_UUID_VOL
	      : to == &mp_activities ? Q_UUID_ACT : -1;
	int n;

	*id = 0;
	if (q < 0 || !uuid || !*uuid)
		return MP_OK;
	return find1(ir, q, uuid, id, NULL, 0, &n, e);
}

static int group_by_name(struct imp_refs *ir, mp_record *r, int i, mp_err *e)
{
	const char *label = mp_field_label(&r->t->fields[i]);
	char *name = mp_strdup(r->v[i]);
	int64_t id;
	int n, ret = find1(ir, Q_GROUP_NAME, name, &id, NULL, 0, &n, e);

	if (ret == MP_OK && n == 0)
		ret = mp_err_field(e, MP_EINVAL, i,
		                   _("%s: no group named “%s” in the ledger (import or add the group first)"),
		                   label, name);
	else if (ret == MP_OK && n > 1)
		ret = mp_err_field(e, MP_EINVAL, i,
		                   _("%s: more than one group is named “%s” (in different communities); add the %sUUID column to say which"),
		                   label, name, r->t->fields[i].label_zh);
	else if (ret == MP_OK)
		set_id(r, i, id);
	free(name);
	return ret;
}

/* An ID number as the ledger keeps it: a final x upper-cased. */
static char *upper_x(const char *s)
{
	char *up = mp_strdup(s), *p;

	for (p = up; *p; p++)
		if (*p == 'x')
			*p = 'X';
	return up;
}

/* A volunteer by ID number (key or cell), then by volunteer number.  A
 * masked ID number (with '*') finds nobody and is not tried. */
static int volunteer(struct imp_refs *ir, mp_record *r, int i,
                     const char *const *key, mp_err *e)
{
	const char *label = mp_field_label(&r->t->fields[i]);
	const char *idno = key[K_VOL_IDNO], *volno = key[K_VOL_NO];
	char *cell = mp_strdup(r->v[i]), name[256], *up;
	int64_t id = 0;
	int n = 0, ret = MP_OK, via = 0;

	if (idno && *idno && !strchr(idno, '*')) {
		up = upper_x(idno);
		ret = find1(ir, Q_VOL_IDNO, up, &id, name, sizeof name, &n, e);
		free(up);
		if (ret == MP_OK && !id) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no volunteer with ID number %s in the ledger"),
			                   label, idno);
			goto out;
		}
		via = 1;
	} else if (volno && *volno) {
		ret = find1(ir, Q_VOL_NO, volno, &id, name, sizeof name, &n, e);
		if (ret == MP_OK && !id) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no volunteer with volunteer number %s in the ledger"),
			                   label, volno);
			goto out;
		}
		via = 1;
	} else if (*cell) {
		up = upper_x(cell);
		ret = find1(ir, Q_VOL_IDNO, up, &id, name, sizeof name, &n, e);
		free(up);
		if (ret == MP_OK && !id)
			ret = find1(ir, Q_VOL_NO, cell, &id, name, sizeof name, &n, e);
		if (ret == MP_OK && !id) {
			if (idno && strchr(idno, '*'))
				ret = mp_err_field(e, MP_EINVAL, i,
				                   _("%s: the ID number %s is masked and finds nobody; export with --full to keep ID numbers whole"),
				                   label, idno);
			else
				ret = mp_err_field(e, MP_EINVAL, i,
				                   _("%s: “%s” is not the ID number or volunteer number of a volunteer in the ledger; a name is not enough, as names repeat (add a 证件号码 or 志愿者编号 column)"),
				                   label, cell);
			goto out;
		}
	}
	if (ret != MP_OK || !id)
		goto out;
	/* The name beside an ID number must be that volunteer's. */
	if (via && *cell && strcmp(cell, name) != 0
	    && !(idno && strcasecmp(cell, idno) == 0)
	    && !(volno && strcmp(cell, volno) == 0)) {
		ret = mp_err_field(e, MP_EINVAL, i,
		                   _("%s: %s belongs to %s, not to “%s”"), label,
		                   idno && *idno && !strchr(idno, '*') ? idno : volno,
		                   name, cell);
		goto out;
	}
	set_id(r, i, id);
out:
	free(cell);
	return ret;
}

/* The first field of r's table of the given kind (or referring to ref). */
static int field_of(const mp_table *t, enum mp_kind kind, const mp_table *ref)
{
	int i;

	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].kind == kind && (!ref || t->fields[i].ref == ref))
			return i;
	return -1;
}

/* Read the live activities, in the order of their names. */
static int read_acts(struct imp_refs *ir, mp_err *e)
{
	sqlite3_stmt *st;
	long cap = 0;
	int rc, ret = stmt(ir, Q_ACTS, &st, e);

	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct act *a;
		const char *d = (const char *)sqlite3_column_text(st, 2);
		const char *n = (const char *)sqlite3_column_text(st, 3);

		if (ir->nacts == cap) {
			cap = cap ? cap * 2 : 256;
			a = realloc(ir->acts, (size_t)cap * sizeof *a);
			if (!a)
				mp_oom();
			ir->acts = a;
		}
		a = &ir->acts[ir->nacts++];
		a->id = sqlite3_column_int64(st, 0);
		a->group = sqlite3_column_int64(st, 1);
		snprintf(a->date, sizeof a->date, "%s", d ? d : "");
		a->name = mp_strdup(n ? n : "");
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(ir->db, rc, e);
	sqlite3_reset(st);
	ir->acts_read = ret == MP_OK;
	return ret;
}

/* Index of the first activity named name (or where it would be). */
static long first_named(const struct imp_refs *ir, const char *name)
{
	long lo = 0, hi = ir->nacts;

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;

		if (strcmp(ir->acts[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An activity by name, within the row's group when it has one; among
 * several of that name, the one on the activity date (or, without one,
 * on the row's own date). */
static int activity(struct imp_refs *ir, mp_record *r, int i,
                    const char *act_date, mp_err *e)
{
	const mp_table *t = r->t;
	const char *label = mp_field_label(&t->fields[i]);
	int gf = field_of(t, MP_K_REF, &mp_groups), df = field_of(t, MP_K_DATE, NULL);
	int64_t group = gf >= 0 && r->v[gf][0] ? strtoll(r->v[gf], NULL, 10) : 0;
	int64_t id = 0, exact = 0;
	char want[11] = "", rowdate[11] = "";
	long k, nall = 0, nexact = 0;
	int ret;

	if (act_date && *act_date && mp_date_parse(act_date, want) != MP_DATE_OK)
		return mp_err_field(e, MP_EINVAL, i,
		                    _("%s: the activity date “%s” is not a date (write it as 2024-03-05)"),
		                    label, act_date);
	if (!want[0] && df >= 0 && mp_date_parse(r->v[df], rowdate) != MP_DATE_OK)
		rowdate[0] = '\0';
	if (!ir->acts_read && (ret = read_acts(ir, e)) != MP_OK)
		return ret;
	for (k = first_named(ir, r->v[i]);
	     k < ir->nacts && !strcmp(ir->acts[k].name, r->v[i]); k++) {
		const struct act *a = &ir->acts[k];

		if ((group && a->group != group) || (want[0] && strcmp(a->date, want)))
			continue;
		if (nall++ == 0)
			id = a->id;
		if (rowdate[0] && !strcmp(a->date, rowdate)) {
			exact = a->id;
			nexact++;
		}
	}
	if (nall > 1 && nexact == 1) {
		nall = 1;
		id = exact;
	}
	if (nall == 0)
		return want[0]
		    ? mp_err_field(e, MP_EINVAL, i, _("%s: no activity named “%s” on %s in the ledger"),
		                   label, r->v[i], want)
		    : mp_err_field(e, MP_EINVAL, i, _("%s: no activity named “%s” in the ledger (import or add the activity first)"),
		                   label, r->v[i]);
	if (nall > 1)
		return mp_err_field(e, MP_EINVAL, i,
		                    _("%s: more than one activity is named “%s”; add a 活动日期 (activity date) or %sUUID column to say which"),
		                    label, r->v[i], t->fields[i].label_zh);
	set_id(r, i, id);
	return MP_OK;
}

/* One reference field: by its UUID, else by what the table allows. */
static int resolve_one(struct imp_refs *ir, mp_record *r, int i,
                       const char *uuid, const char *const *key, mp_err *e)
{
	const mp_field *f = &r->t->fields[i];
	int64_t id;
	int ret;

	mp_trim(r->v[i]);
	ret = by_uuid(ir, f->ref, uuid, &id, e);
	if (ret != MP_OK)
		return ret;
	if (id) {
		set_id(r, i, id);
		return MP_OK;
	}
	if (f->ref == &mp_volunteers)
		return volunteer(ir, r, i, key, e);
	if (!r->v[i][0])
		return MP_OK;     /* the field's own check says whether required */
	if (f->ref == &mp_groups)
		return group_by_name(ir, r, i, e);
	if (f->ref == &mp_activities)
		return activity(ir, r, i, key[K_ACT_DATE], e);
	return mp_err_field(e, MP_EINVAL, i,
	                    _("%s: “%s” cannot be found by name; add the %sUUID column that export writes"),
	                    mp_field_label(f), r->v[i], f->label_zh);
}

int imp_refs_resolve(struct imp_refs *ir, mp_record *r,
                     const char *const *refuuid, const char *const *key,
                     mp_err *bad, mp_err *e)
{
	const mp_table *t = r->t;
	int pass, i, ret, any = 0, group_bad = 0;

	for (i = 0; i < t->nfields; i++)
		mp_err_clear(&bad[i]);
	/* Groups first: an activity is looked for within the row's group. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->nfields; i++) {
			const mp_field *f = &t->fields[i];

			if (f->kind != MP_K_REF || (f->ref == &mp_groups) != (pass == 0))
				continue;
			if (f->ref == &mp_activities && group_bad) {
				/* Not looked for: the group it depends on is wrong. */
				bad[i].code = MP_EINVAL;
				continue;
			}
			ret = resolve_one(ir, r, i, refuuid[i], key, &bad[i]);
			if (ret == MP_EINVAL) {
				any = 1;
				group_bad |= f->ref == &mp_groups;
			} else if (ret != MP_OK) {
				*e = bad[i];
				return ret;
			}
		}
	return any ? MP_EINVAL : MP_OK;
}

/* ---- rows already in the ledger ---- */

static int bind_id_or_null(sqlite3_stmt *st, int n, const char *v)
{
	return *v ? sqlite3_bind_int64(st, n, strtoll(v, NULL, 10))
	          : sqlite3_bind_null(st, n);
}

int imp_refs_duplicate(struct imp_refs *ir, const mp_record *r, int *dup,
                       mp_err *e)
{
	sqlite3_stmt *st;
	int rc, ret, q;

	*dup = 0;
	if (r->t == &mp_activities)
		q = Q_DUP_ACT;
	else if (r->t == &mp_hours)
		q = Q_DUP_HOURS;
	else
		return MP_OK;
	ret = stmt(ir, q, &st, e);
	if (ret != MP_OK)
		return ret;
	if (q == Q_DUP_ACT) {
		rc = bind_id_or_null(st, 1, r->v[ACT_GROUP]);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, r->v[ACT_DATE], -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 3, r->v[ACT_NAME], -1, SQLITE_STATIC);
	} else {
		rc = bind_id_or_null(st, 1, r->v[H_VOLUNTEER]);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, r->v[H_DATE], -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = bind_id_or_null(st, 3, r->v[H_ACTIVITY]);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_double(st, 4, strtod(r->v[H_HOURS], NULL));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 5, r->v[H_CONTENT], -1, SQLITE_STATIC);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*dup = 1;
		if (q == Q_DUP_ACT)
			mp_err_field(e, MP_EDUP, ACT_NAME,
			             _("the group already has an activity “%s” on %s"),
			             r->v[ACT_NAME], r->v[ACT_DATE]);
		else
			mp_err_field(e, MP_EDUP, H_DATE,
			             _("the same service record (volunteer, date, activity, hours and content) is already in the ledger"));
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(ir->db, rc, e);
	}
	sqlite3_reset(st);
	return ret;
}
