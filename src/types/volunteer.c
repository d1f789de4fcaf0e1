/* volunteer.c — volunteers (志愿者) and their membership of groups (成员).
 *
 * A volunteer is known by an ID number that must be real (for a resident
 * ID: its check character and birth date) and unique among live
 * volunteers, because certificates of service are issued on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_volunteer.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")
#define RESIDENT_ID "居民身份证"

static const mp_field volunteer_fields[V__COUNT] = {
	[V_NAME] = { .col = "name", .label_zh = "姓名", .label_en = N_("Full name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8,
		.hint = N_("The volunteer's name as on the ID document") },
	[V_GENDER] = { .col = "gender", .label_zh = "性别", .label_en = N_("Gender"),
		.kind = MP_K_CHOICE, .choice = MP_CH_GENDER, .flags = MP_F_LIST,
		.list_width = 4, .hint = HINT_CHOICE },
	[V_BIRTH] = { .col = "birth", .label_zh = "出生日期", .label_en = N_("Date of birth"),
		.kind = MP_K_DATE, .flags = MP_F_NOFUTURE,
		.maxlen = 10,
		.hint = N_("YYYY-MM-DD; filled from a resident ID number when left empty") },
	[V_ID_TYPE] = { .col = "id_type", .label_zh = "证件类型", .label_en = N_("ID type"),
		.kind = MP_K_CHOICE, .choice = MP_CH_ID_TYPE,
		.hint = HINT_CHOICE },
	[V_ID_NO] = { .col = "id_no", .label_zh = "证件号码", .label_en = N_("ID number"),
		.kind = MP_K_IDNO, .flags = MP_F_MASK | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 18,
		.hint = N_("18 characters for a resident ID; lists show it masked") },
	[V_VOL_NO] = { .col = "vol_no", .label_zh = "志愿者编号", .label_en = N_("Volunteer number"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 10,
		.hint = N_("The number given by the volunteer registration system") },
	[V_PHONE] = { .col = "phone", .label_zh = "联系电话", .label_en = N_("Phone"),
		.kind = MP_K_PHONE, .flags = MP_F_LIST,
		.maxlen = 20, .list_width = 12,
		.hint = N_("Mobile or landline, e.g. 13800138000 or 0591-87654321") },
	[V_COMMUNITY] = { .col = "community", .label_zh = "居住社区", .label_en = N_("Home community"),
		.kind = MP_K_CHOICE, .choice = MP_CH_COMMUNITY,
		.flags = MP_F_LIST | MP_F_FILTER,
		.maxlen = 40, .list_width = 10,
		.hint = N_("Enter: pick from the list (type freely when the settings list no communities)") },
	[V_SKILLS] = { .col = "skills", .label_zh = "专业技能", .label_en = N_("Skills"),
		.kind = MP_K_TEXT,
		.maxlen = 100,
		.hint = N_("What the volunteer is good at, e.g. first aid, calligraphy") },
	[V_SERVICE_KIND] = { .col = "service_kind", .label_zh = "服务类别", .label_en = N_("Service kind"),
		.kind = MP_K_CHOICE, .choice = MP_CH_SERVICE_KIND,
		.hint = HINT_CHOICE },
	[V_STATE] = { .col = "state", .label_zh = "状态", .label_en = N_("State"),
		.kind = MP_K_CHOICE, .choice = MP_CH_VOL_STATE, .flags = MP_F_FILTER,
		.hint = HINT_CHOICE },
	[V_REGISTERED] = { .col = "registered", .label_zh = "注册日期", .label_en = N_("Registered"),
		.kind = MP_K_DATE, .flags = MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .hint = HINT_DATE },
	[V_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort volunteer_sorts[] = {
	{ N_("by name"), "name", 0 },
	{ N_("by date added"), "id", 1 },
};

static const mp_field membership_fields[M__COUNT] = {
	[M_VOLUNTEER] = { .col = "volunteer_id", .label_zh = "志愿者", .label_en = N_("Volunteer"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 10,
		.hint = N_("Enter: find the volunteer by name or number"),
		.ref = &mp_volunteers },
	[M_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: find the group by name"),
		.ref = &mp_groups },
	[M_ROLE] = { .col = "role", .label_zh = "角色", .label_en = N_("Role"),
		.kind = MP_K_CHOICE, .choice = MP_CH_ROLE, .flags = MP_F_LIST,
		.list_width = 6, .hint = HINT_CHOICE },
	[M_JOINED] = { .col = "joined", .label_zh = "加入日期", .label_en = N_("Joined"),
		.kind = MP_K_DATE, .flags = MP_F_LIST,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
};

static const mp_sort membership_sorts[] = {
	{ N_("by date added"), "id", 1 },
	{ N_("by date joined"), "joined", 1 },
};

/* want when the settings' list has it or lists nothing (typed freely). */
static void set_choice(const mp_config *cfg, mp_record *r, const mp_field *f,
                       int i, const char *want)
{
	const mp_strlist *l = mp_config_choices(cfg, f[i].choice);

	if (l->n == 0 || mp_strlist_find(l, want) >= 0)
		mp_record_set(r, i, want);
	else
		mp_record_set(r, i, l->v[0]);
}

static void volunteer_defaults(const mp_config *cfg, mp_record *r)
{
	set_choice(cfg, r, volunteer_fields, V_ID_TYPE, RESIDENT_ID);
	set_choice(cfg, r, volunteer_fields, V_STATE, "在册");
}

static void membership_defaults(const mp_config *cfg, mp_record *r)
{
	set_choice(cfg, r, membership_fields, M_ROLE, "成员");
}

/* The first row of sql (text parameters a and b when not NULL, then the
 * record's id): its id into *other and its first two columns into c1, c2.
 * *other is 0 when there is no row. */
static int find_other(mp_db *db, const char *sql, const char *a, const char *b,
                      int64_t id, int64_t *other, char *c1, char *c2,
                      size_t n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret, p = 1;

	*other = 0;
	c1[0] = c2[0] = '\0';
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, p++, a, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(st, p++, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s1 = (const char *)sqlite3_column_text(st, 1);
		const char *s2 = (const char *)sqlite3_column_text(st, 2);

		*other = sqlite3_column_int64(st, 0);
		snprintf(c1, n, "%s", s1 ? s1 : "");
		snprintf(c2, n, "%s", s2 ? s2 : "");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static int dup_err(mp_err *e, int field, int64_t other, const char *label,
                   const char *name, const char *vol_no)
{
	if (vol_no[0])
		mp_err_field(e, MP_EDUP, field, _("%s: already registered for %s (%s)"),
		             label, name, vol_no);
	else
		mp_err_field(e, MP_EDUP, field, _("%s: already registered for %s"),
		             label, name);
	if (e)
		e->other_id = other;
	return MP_EDUP;
}

/* The check character a resident ID number should end with. */
static char resident_check_char(const char *id)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (id[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* The resident ID number found valid last, and its date of birth (a
 * thread's own: the day's check runs in a thread of its own). */
static _Thread_local char valid_id[24], valid_birth[11];

/* A resident ID number: real, and agreeing with 出生日期 when that is
 * filled.  birth (may be NULL) gets the birth date in the number. */
static int check_resident_id(const mp_record *r, char birth[11], mp_err *e)
{
	const mp_field *f = volunteer_fields;
	const char *id = r->v[V_ID_NO];
	const char *label = NULL;
	char b[11];
	int n;
	enum mp_id_result res;

	/* An import checks every row's number twice (prepare, then check):
	 * the second time the number is the one found valid last. */
	if (id[0] && !strcmp(id, valid_id)) {
		res = MP_ID_OK;
		memcpy(b, valid_birth, sizeof b);
	} else {
		res = mp_resident_id_check(id, b);
		if (res == MP_ID_OK && strlen(id) < sizeof valid_id) {
			strcpy(valid_id, id);
			memcpy(valid_birth, b, sizeof b);
		}
	}
	/* The label (a gettext look-up) only for a message. */
	if (res != MP_ID_OK)
		label = mp_field_label(&f[V_ID_NO]);
	switch (res) {
	case MP_ID_OK:
		break;
	case MP_ID_LENGTH:
		for (n = 0; *id; id++)
			if (((unsigned char)*id & 0xC0) != 0x80)
				n++;
		return mp_err_field(e, MP_EINVAL, V_ID_NO,
		                    _("%s: a resident ID number has 18 characters, this one has %d"),
		                    label, n);
	case MP_ID_CHARSET:
		return mp_err_field(e, MP_EINVAL, V_ID_NO,
		                    _("%s: a resident ID number is 17 digits and then a digit or X"),
		                    label);
	case MP_ID_BIRTHDATE:
		return mp_err_field(e, MP_EINVAL, V_ID_NO,
		                    _("%s: %.8s (characters 7 to 14) is not a possible date of birth"),
		                    label, id + 6);
	case MP_ID_CHECK:
		return mp_err_field(e, MP_EINVAL, V_ID_NO,
		                    _("%s: the check character is wrong, it should be %c"),
		                    label, resident_check_char(id));
	}
	if (r->v[V_BIRTH][0] && strcmp(r->v[V_BIRTH], b))
		return mp_err_field(e, MP_EINVAL, V_BIRTH,
		                    _("%s: %s does not match the date of birth %s in the ID number"),
		                    mp_field_label(&f[V_BIRTH]), r->v[V_BIRTH], b);
	if (birth)
		memcpy(birth, b, sizeof b);
	return MP_OK;
}

static int is_resident_id(const mp_record *r)
{
	return !strcmp(r->v[V_ID_TYPE], RESIDENT_ID) && r->v[V_ID_NO][0];
}

static int volunteer_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                             mp_err *e)
{
	char birth[11];

	(void)db;
	(void)cfg;
	(void)e;
	/* A wrong number is reported by the check, after this. */
	if (is_resident_id(r) && !r->v[V_BIRTH][0]
	    && check_resident_id(r, birth, NULL) == MP_OK)
		mp_record_set(r, V_BIRTH, birth);
	return MP_OK;
}

static int volunteer_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                           mp_err *e)
{
	(void)db;
	(void)cfg;
	if (is_resident_id(r))
		return check_resident_id(r, NULL, e);
	return MP_OK;
}

/* Another volunteer on the register with the same ID number or volunteer
 * number: the lookups match the unique indexes volunteers_live_*, which
 * refuse such a record whatever asks. */
static int volunteer_clash(mp_db *db, const mp_config *cfg, const mp_record *r,
                           mp_err *e)
{
	const mp_field *f = volunteer_fields;
	char name[256], vol_no[256];
	int64_t other;
	int ret;

	(void)cfg;
	if (r->v[V_ID_NO][0]) {
		ret = find_other(db, "SELECT id, name, vol_no FROM volunteers"
		                 " WHERE deleted_at IS NULL AND id_no = ? AND id <> ? LIMIT 1",
		                 r->v[V_ID_NO], NULL, r->id, &other, name, vol_no,
		                 sizeof name, e);
		if (ret != MP_OK)
			return ret;
		if (other)
			return dup_err(e, V_ID_NO, other, mp_field_label(&f[V_ID_NO]),
			               name, vol_no);
	}
	if (r->v[V_VOL_NO][0]) {
		ret = find_other(db, "SELECT id, name, vol_no FROM volunteers"
		                 " WHERE deleted_at IS NULL AND vol_no = ? AND id <> ? LIMIT 1",
		                 r->v[V_VOL_NO], NULL, r->id, &other, name, vol_no,
		                 sizeof name, e);
		if (ret != MP_OK)
			return ret;
		if (other)
			return dup_err(e, V_VOL_NO, other, mp_field_label(&f[V_VOL_NO]),
			               name, "");
	}
	return MP_OK;
}

static int volunteer_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                          char *buf, size_t size, int64_t *other_id)
{
	char name[256], phone[256];
	int64_t other = 0;

	(void)cfg;
	if (!r->v[V_NAME][0] || !r->v[V_PHONE][0])
		return 0;
	if (find_other(db, "SELECT id, name, phone FROM volunteers"
	               " WHERE deleted_at IS NULL AND name = ? AND phone = ?"
	               " AND id <> ? LIMIT 1",
	               r->v[V_NAME], r->v[V_PHONE], r->id, &other, name, phone,
	               sizeof name, NULL) != MP_OK || !other)
		return 0;
	snprintf(buf, size, _("Possibly the same person as %s (same name and phone)"),
	         name);
	*other_id = other;
	return 1;
}

/* "Service hours: 5 in total, 2 this year", then the trainings attended
 * and their hours, when there were any. */
static void volunteer_summary(mp_db *db, const mp_record *r, char *buf,
                              size_t size)
{
	double total = 0, year = 0, thours = 0;
	long trainings = 0;
	char t[32], y[32];
	size_t len;

	if (size > 0)
		buf[0] = '\0';
	if (r->id == 0 || mp_volunteer_hours(db, r->id, &total, &year, NULL) != MP_OK)
		return;
	snprintf(buf, size, _("Service hours: %s in total, %s this year"),
	         mp_hours_str(total, t, sizeof t), mp_hours_str(year, y, sizeof y));
	if (mp_volunteer_training(db, r->id, &trainings, &thours, NULL) != MP_OK
	    || trainings == 0)
		return;
	len = strlen(buf);
	if (len < size)
		snprintf(buf + len, size - len,
		         ngettext(" · %ld training, %s hours", " · %ld trainings, %s hours",
		                  trainings),
		         trainings, mp_hours_str(thours, t, sizeof t));
}

static int membership_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                            mp_err *e)
{
	char vname[256], gname[256];
	int64_t other;
	int ret;

	(void)cfg;
	ret = find_other(db, "SELECT m.id, v.name, g.name FROM memberships m"
	                 " JOIN volunteers v ON v.id = m.volunteer_id"
	                 " JOIN groups g ON g.id = m.group_id"
	                 " WHERE m.deleted_at IS NULL AND m.volunteer_id = ?"
	                 " AND m.group_id = ? AND m.id <> ? LIMIT 1",
	                 r->v[M_VOLUNTEER], r->v[M_GROUP], r->id, &other, vname,
	                 gname, sizeof vname, e);
	if (ret != MP_OK)
		return ret;
	if (other) {
		mp_err_field(e, MP_EDUP, M_GROUP, _("%s is already a member of %s"),
		             vname, gname);
		if (e)
			e->other_id = other;
		return MP_EDUP;
	}
	return MP_OK;
}

static const mp_child volunteer_children[] = {
	{ N_("Groups joined"), &mp_memberships, M_VOLUNTEER },
	{ N_("Service records"), &mp_hours, H_VOLUNTEER },
	{ N_("Trainings attended"), &mp_training_people, TP_VOLUNTEER },
};

/* A volunteer is found by ID number or volunteer number, in a column of
 * their own or in the 志愿者 cell — never by name, as names repeat. */
static const char *const idno_columns[] = {
	"证件号码", "身份证号", "身份证号码", "ID number", NULL,
};
static const char *const volno_columns[] = {
	"志愿者编号", "Volunteer number", NULL,
};
static const mp_findby volunteer_findby[] = {
	{ V_ID_NO, idno_columns, MP_FIND_CELL },
	{ V_VOL_NO, volno_columns, MP_FIND_CELL },
};

/* What a large import sets aside (importbulk.c): the indexes no check of
 * the import reads (the unique ones stay, and so do the recycle bin's,
 * which no new record enters), and the trigger that counts volunteers on
 * the register (schema step 4), whose WHEN the recount says again over
 * the rows after ?1.  (An INSERT that fires a trigger keeps a journal of
 * its own, a tenth of an import's time.) */
static const char *const volunteer_late[] = {
	"volunteers_id_no", "volunteers_live_name", "volunteers_live_state", NULL,
};
static const char *const volunteer_count[] = { "count_volunteers_in", NULL };

/* One live volunteer per ID number and per volunteer number. */
static const mp_index volunteer_indexes[] = {
	{ "volunteers_live_id_no", "id_no", MP_I_UNIQUE | MP_I_LIVE, "id_no IS NOT NULL" },
	{ "volunteers_live_vol_no", "vol_no", MP_I_UNIQUE | MP_I_LIVE, "vol_no IS NOT NULL" },
};

const mp_table mp_volunteers = {
	.name = "volunteers",
	.title_en = N_("Volunteers"),
	.unit_en = N_("volunteer"),
	.fields = volunteer_fields,
	.nfields = V__COUNT,
	.sorts = volunteer_sorts,
	.nsorts = sizeof volunteer_sorts / sizeof volunteer_sorts[0],
	.check = volunteer_check,
	.clash = volunteer_clash,
	.defaults = volunteer_defaults,
	.prepare = volunteer_prepare,
	.warn = volunteer_warn,
	.summary = volunteer_summary,
	.children = volunteer_children,
	.nchildren = sizeof volunteer_children / sizeof volunteer_children[0],
	/* import and export */
	.findby = volunteer_findby,
	.nfindby = sizeof volunteer_findby / sizeof volunteer_findby[0],
	.find_hint_en = N_("a name is not enough, as names repeat (add a 证件号码 or 志愿者编号 column)"),
	.bulk_late_indexes = volunteer_late,
	.bulk_count_triggers = volunteer_count,
	.bulk_recount = "UPDATE count_stats SET n = n + (SELECT count(*) FROM volunteers"
	                " WHERE id > ?1 AND deleted_at IS NULL AND state = '在册')"
	                " WHERE name = 'volunteers_registered'",
	.actions = MP_ACT_CERTIFICATE,
	.indexes = volunteer_indexes,
	.nindexes = sizeof volunteer_indexes / sizeof volunteer_indexes[0],
	.search_code = 1,
};

static const mp_index membership_indexes[] = {
	{ "memberships_live_unique", "volunteer_id, group_id", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

/* "陈丽华 东湖社区老年志愿服务队": who, in which group. */
static void membership_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { M_VOLUNTEER, M_GROUP };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_memberships = {
	.name = "memberships",
	.title_en = N_("Memberships"),
	.unit_en = N_("membership"),
	.fields = membership_fields,
	.nfields = M__COUNT,
	.sorts = membership_sorts,
	.nsorts = sizeof membership_sorts / sizeof membership_sorts[0],
	.check = membership_check,
	.defaults = membership_defaults,
	.indexes = membership_indexes,
	.nindexes = sizeof membership_indexes / sizeof membership_indexes[0],
	.describe = membership_describe,
};

int mp_volunteer_find(mp_db *db, const char *key, int64_t *id, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *k;
	int rc, ret;

	*id = 0;
	k = mp_trim(mp_strdup(key ? key : ""));
	/* A volunteer number is preferred over an ID number that happens to
	 * read the same; ID numbers are stored upper-cased. */
	ret = mp_db_cached(db, "SELECT id FROM volunteers WHERE deleted_at IS NULL"
	                    " AND (vol_no = ?1 OR id_no = upper(?1))"
	                    " ORDER BY vol_no IS ?1 DESC, id LIMIT 1", &st, e);
	if (ret == MP_OK) {
		rc = sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK && *k)
			rc = sqlite3_step(st);
		else if (rc == SQLITE_OK)
			rc = SQLITE_DONE;
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		else if (rc == SQLITE_DONE)
			ret = mp_err_set(e, MP_ENOTFOUND,
			                 _("no volunteer with the number “%s” in the ledger"), k);
		else
			ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	free(k);
	return ret;
}
