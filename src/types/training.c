/* training.c — trainings (培训) and who attended them: the groups that sent
 * people (参训组织) and the people themselves (参训人员), volunteers or
 * others known by name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_training.h"
#include "mp_volunteer.h"
#include "report_parts.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* The one mode that needs no place (MP_CH_TRAINING_MODE is fixed). */
#define MODE_ONLINE "线上"
#define MODE_IN_PERSON "线下"

static const mp_field training_fields[T__COUNT] = {
	[T_NAME] = { .col = "name", .label_zh = "培训名称", .label_en = N_("Training name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 18,
		.hint = N_("What the training was called") },
	[T_TOPIC] = { .col = "topic", .label_zh = "主题", .label_en = N_("Topic"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH,
		.maxlen = 100, .hint = N_("What it was about (searched too)") },
	[T_DATE] = { .col = "date", .label_zh = "日期", .label_en = N_("Training date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[T_HOURS] = { .col = "hours", .label_zh = "时长(小时)", .label_en = N_("Training hours"),
		.kind = MP_K_HOURS, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 6, .list_width = 6,
		.hint = N_("Above 0 and at most 24, e.g. 2 or 1.5") },
	[T_MODE] = { .col = "mode", .label_zh = "形式", .label_en = N_("Mode"),
		.kind = MP_K_CHOICE, .choice = MP_CH_TRAINING_MODE, .flags = MP_F_LIST,
		.list_width = 4, .hint = N_("Enter: 线下 in person or 线上 online") },
	[T_PLACE] = { .col = "place", .label_zh = "地点", .label_en = N_("Place"),
		.kind = MP_K_TEXT,
		.maxlen = 60, .hint = N_("Where it was held (not needed online)") },
	[T_TRAINER] = { .col = "trainer", .label_zh = "讲师", .label_en = N_("Trainer"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8, .hint = N_("Who taught it") },
	[T_ORGANIZER] = { .col = "organizer", .label_zh = "主办单位", .label_en = N_("Organizer"),
		.kind = MP_K_TEXT,
		.maxlen = 60,
		.hint = N_("Who held it, e.g. the station or the district civil affairs bureau") },
	[T_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort training_sorts[] = {
	{ N_("by date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static const mp_field training_group_fields[TG__COUNT] = {
	[TG_TRAINING] = { .col = "training_id", .label_zh = "培训", .label_en = N_("Training"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the training"),
		.ref = &mp_trainings },
	[TG_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the group that attended"),
		.ref = &mp_groups },
	[TG_PEOPLE] = { .col = "people", .label_zh = "参训人数", .label_en = N_("People sent"),
		.kind = MP_K_COUNT, .flags = MP_F_LIST,
		.maxlen = 5, .list_width = 8,
		.hint = N_("How many of its people came, a whole number") },
};

static const mp_field training_person_fields[TP__COUNT] = {
	[TP_TRAINING] = { .col = "training_id", .label_zh = "培训", .label_en = N_("Training"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the training"),
		.ref = &mp_trainings },
	[TP_VOLUNTEER] = { .col = "volunteer_id", .label_zh = "志愿者", .label_en = N_("Volunteer"),
		.kind = MP_K_REF, .flags = MP_F_LIST | MP_F_SEARCH,
		.list_width = 8,
		.hint = N_("Enter: find the volunteer; leave empty for someone who is not one"),
		.ref = &mp_volunteers },
	[TP_NAME] = { .col = "name", .label_zh = "姓名", .label_en = N_("Full name"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8,
		.hint = N_("Taken from the volunteer when empty; typed for anyone else") },
	[TP_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_LIST,
		.list_width = 14,
		.hint = N_("Enter: pick the group the person came for"),
		.ref = &mp_groups },
};

static const mp_sort attendance_sorts[] = {
	{ N_("by date added"), "id", 1 },
};

static const mp_child training_children[] = {
	{ N_("Groups attending"), &mp_training_groups, TG_TRAINING },
	{ N_("People attending"), &mp_training_people, TP_TRAINING },
};

static void training_defaults(const mp_config *cfg, mp_record *r)
{
	const mp_strlist *l = mp_config_choices(cfg, MP_CH_TRAINING_MODE);

	mp_record_set(r, T_MODE, mp_strlist_find(l, MODE_IN_PERSON) >= 0 || l->n == 0
	                         ? MODE_IN_PERSON : l->v[0]);
}

static int training_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                          mp_err *e)
{
	(void)db;
	(void)cfg;
	if (strcmp(r->v[T_MODE], MODE_ONLINE) != 0 && !r->v[T_PLACE][0])
		return mp_err_field(e, MP_EINVAL, T_PLACE,
		                    _("%s: required for a training held in person"),
		                    mp_field_label(&training_fields[T_PLACE]));
	return MP_OK;
}

/* The first row of sql, whose one parameter is id: two integers into *x
 * and *y.  Nothing is changed when the query fails. */
static void two_ints(mp_db *db, const char *sql, int64_t id, long *x, long *y)
{
	sqlite3_stmt *st = NULL;

	if (mp_db_cached(db, sql, &st, NULL) != MP_OK)
		return;
	if (sqlite3_bind_int64(st, 1, id) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		*x = (long)sqlite3_column_int64(st, 0);
		*y = (long)sqlite3_column_int64(st, 1);
	}
	mp_db_done(db, st);
}

/* "Groups attending: 2 · people attending: 9".  People are those listed
 * by name, or the groups' own head counts when these say more (a group
 * may report "5 came" without naming them). */
static void training_summary(mp_db *db, const mp_record *r, char *buf,
                             size_t size)
{
	long groups = 0, sent = 0, named = 0, unused = 0;

	if (size > 0)
		buf[0] = '\0';
	if (r->id <= 0)
		return;
	two_ints(db, "SELECT count(*), ifnull(sum(people), 0) FROM training_groups"
	         " WHERE deleted_at IS NULL AND training_id = ?", r->id, &groups, &sent);
	two_ints(db, "SELECT count(*), 0 FROM training_people"
	         " WHERE deleted_at IS NULL AND training_id = ?", r->id, &named, &unused);
	snprintf(buf, size, _("Groups attending: %ld · people attending: %ld"),
	         groups, named > sent ? named : sent);
}

/* A training is found by its name; among several, by its date.  An
 * import skips one with the same name and date. */
static const char *const training_date_columns[] = {
	"培训日期", "Training date", NULL,
};
static const mp_findby training_findby[] = {
	{ T_NAME, NULL, MP_FIND_CELL },
	{ T_DATE, training_date_columns, MP_FIND_NARROW },
};
static const int training_dupkey[] = { T_NAME, T_DATE };

/* "骨干培训 2026-10-12": the name alone repeats. */
static void training_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { T_NAME, T_DATE };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_trainings = {
	.name = "trainings",
	.title_en = N_("Trainings"),
	.unit_en = N_("training"),
	.fields = training_fields,
	.nfields = T__COUNT,
	.sorts = training_sorts,
	.nsorts = sizeof training_sorts / sizeof training_sorts[0],
	.check = training_check,
	.defaults = training_defaults,
	.summary = training_summary,
	.children = training_children,
	.nchildren = sizeof training_children / sizeof training_children[0],
	.report = mp_training_report,
	/* import and export */
	.findby = training_findby,
	.nfindby = sizeof training_findby / sizeof training_findby[0],
	.dupkey = training_dupkey,
	.ndupkey = sizeof training_dupkey / sizeof training_dupkey[0],
	.search_code = 3,
	.describe = training_describe,
};

/* ---- attendance ---- */

/* The one text sql gives for id (a name) into buf, "" when none. */
static void name_of(mp_db *db, const char *sql, int64_t id, char *buf,
                    size_t size)
{
	sqlite3_stmt *st = NULL;

	buf[0] = '\0';
	if (mp_db_cached(db, sql, &st, NULL) != MP_OK)
		return;
	if (sqlite3_bind_int64(st, 1, id) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", s ? s : "");
	}
	mp_db_done(db, st);
}

/* The id of another live row of sql (parameters: training, the other
 * key, the record's own id), or 0; fills e on a database failure. */
static int other_row(mp_db *db, const char *sql, const char *training,
                     const char *key, int64_t id, int64_t *other, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*other = 0;
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, strtoll(training, NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, strtoll(key, NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*other = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

static int listed_twice(mp_err *e, int field, const char *who, int64_t other)
{
	mp_err_field(e, MP_EDUP, field, _("%s is already listed for this training"),
	             who);
	if (e)
		e->other_id = other;
	return MP_EDUP;
}

static int training_group_check(mp_db *db, const mp_config *cfg,
                                const mp_record *r, mp_err *e)
{
	char name[256];
	int64_t other;
	int ret;

	(void)cfg;
	/* The condition matches the unique index training_groups_live_unique. */
	ret = other_row(db, "SELECT id FROM training_groups WHERE deleted_at IS NULL"
	                " AND training_id = ? AND group_id = ? AND id <> ? LIMIT 1",
	                r->v[TG_TRAINING], r->v[TG_GROUP], r->id, &other, e);
	if (ret != MP_OK || !other)
		return ret;
	name_of(db, "SELECT name FROM groups WHERE id = ?",
	        strtoll(r->v[TG_GROUP], NULL, 10), name, sizeof name);
	return listed_twice(e, TG_GROUP, name, other);
}

static int training_person_prepare(mp_db *db, const mp_config *cfg,
                                   mp_record *r, mp_err *e)
{
	char name[256];

	(void)cfg;
	(void)e;
	/* A volunteer that does not exist is reported by the checks after
	 * this, with the field's own words. */
	if (r->v[TP_VOLUNTEER][0] && !r->v[TP_NAME][0]) {
		name_of(db, "SELECT name FROM volunteers WHERE id = ?",
		        strtoll(r->v[TP_VOLUNTEER], NULL, 10), name, sizeof name);
		if (name[0])
			mp_record_set(r, TP_NAME, name);
	}
	return MP_OK;
}

static int training_person_check(mp_db *db, const mp_config *cfg,
                                 const mp_record *r, mp_err *e)
{
	const mp_field *f = training_person_fields;
	char name[256];
	int64_t other;
	int ret;

	(void)cfg;
	if (!r->v[TP_VOLUNTEER][0] && !r->v[TP_NAME][0])
		return mp_err_field(e, MP_EINVAL, TP_VOLUNTEER,
		                    _("%s: pick a volunteer or type the person's name in %s"),
		                    mp_field_label(&f[TP_VOLUNTEER]),
		                    mp_field_label(&f[TP_NAME]));
	if (!r->v[TP_VOLUNTEER][0])
		return MP_OK;
	/* The condition matches the unique index training_people_live_unique. */
	ret = other_row(db, "SELECT id FROM training_people WHERE deleted_at IS NULL"
	                " AND training_id = ? AND volunteer_id = ? AND id <> ? LIMIT 1",
	                r->v[TP_TRAINING], r->v[TP_VOLUNTEER], r->id, &other, e);
	if (ret != MP_OK || !other)
		return ret;
	name_of(db, "SELECT name FROM volunteers WHERE id = ?",
	        strtoll(r->v[TP_VOLUNTEER], NULL, 10), name, sizeof name);
	return listed_twice(e, TP_VOLUNTEER, name, other);
}

/* A group at a training twice is refused by its check (MP_EDUP), which an
 * import reports as a duplicate.  A person who is not a volunteer is
 * known by name: an import skips the same name from the same group at
 * the same training. */
static const int training_person_dupkey[] = {
	TP_NAME, TP_TRAINING, TP_VOLUNTEER, TP_GROUP,
};

static const mp_index training_group_indexes[] = {
	{ "training_groups_live_unique", "training_id, group_id", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

/* Which group, at which training. */
static void training_group_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { TG_GROUP, TG_TRAINING };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_training_groups = {
	.name = "training_groups",
	.title_en = N_("Groups at trainings"),
	.unit_en = N_("attending group"),
	.fields = training_group_fields,
	.nfields = TG__COUNT,
	.sorts = attendance_sorts,
	.nsorts = sizeof attendance_sorts / sizeof attendance_sorts[0],
	.check = training_group_check,
	.indexes = training_group_indexes,
	.nindexes = sizeof training_group_indexes / sizeof training_group_indexes[0],
	.describe = training_group_describe,
};

/* One live row per volunteer and training; people who are not
 * volunteers are known by name only and may share one. */
static const mp_index training_person_indexes[] = {
	{ "training_people_live_unique", "training_id, volunteer_id",
	  MP_I_UNIQUE | MP_I_LIVE, "volunteer_id IS NOT NULL" },
};

/* Who, at which training. */
static void training_person_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { TP_NAME, TP_TRAINING };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_training_people = {
	.name = "training_people",
	.title_en = N_("People at trainings"),
	.unit_en = N_("attendee"),
	.fields = training_person_fields,
	.nfields = TP__COUNT,
	.sorts = attendance_sorts,
	.nsorts = sizeof attendance_sorts / sizeof attendance_sorts[0],
	.check = training_person_check,
	.prepare = training_person_prepare,
	/* import and export */
	.dupkey = training_person_dupkey,
	.ndupkey = sizeof training_person_dupkey / sizeof training_person_dupkey[0],
	.indexes = training_person_indexes,
	.nindexes = sizeof training_person_indexes / sizeof training_person_indexes[0],
	.describe = training_person_describe,
};

int mp_volunteer_training(mp_db *db, int64_t volunteer_id, long *count,
                          double *hours, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*count = 0;
	*hours = 0;
	/* Live trainings the volunteer is listed for (live rows), each once;
	 * hours summed in hundredths so that 0.1 + 0.2 is 0.3. */
	ret = mp_db_cached(db, "SELECT count(*), ifnull(sum(round(hours * 100)), 0)"
	                    " FROM trainings WHERE deleted_at IS NULL AND id IN"
	                    " (SELECT training_id FROM training_people"
	                    "  WHERE volunteer_id = ? AND deleted_at IS NULL)", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, volunteer_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = (long)sqlite3_column_int64(st, 0);
		*hours = sqlite3_column_double(st, 1) / 100.0;
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}
