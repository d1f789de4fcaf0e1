/* outcome.c — what a funded project left behind: the activities it held
 * (their sessions and the people they served) and the groups and
 * volunteer teams it incubated.
 *
 * Each is a link from the project to an activity or a group, not a
 * column of activities or groups: record types refer only to types
 * registered before them (so that a whole ledger imports in order), a
 * group applies for projects as well as being incubated by one, and a
 * link needs no schema step on the ledgers already in use. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"

/* ---- 项目活动 ---- */

static const mp_field pa_fields[PA__COUNT] = {
	[PA_APP] = { .col = "app_id", .label_zh = "项目", .label_en = N_("Project"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 16, .hint = N_("Enter: pick the project"),
		.ref = &mp_applications },
	[PA_ACTIVITY] = { .col = "activity_id", .label_zh = "活动", .label_en = N_("Activity"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 24, .hint = N_("Enter: pick an activity the project held"),
		.ref = &mp_activities },
	[PA_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 20 },
};

static const mp_sort link_sorts[] = {
	{ N_("by date added"), "id", 0 },
};

static const mp_index pa_indexes[] = {
	{ "proj_activities_live_activity", "activity_id", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

/* The name of the project another live link of the same record (target)
 * names, into name ("" when none): a second link is refused. */
static int taken(mp_db *db, const char *sql, int64_t target, int64_t self,
                 char *name, size_t size, mp_err *e)
{
	int64_t app = 0;
	fd_project p;
	int ret = fd_int(db, sql, target, "", self, &app, NULL, e);

	name[0] = '\0';
	if (ret != MP_OK || !app)
		return ret;
	if (fd_project_get(db, app, &p, -1, NULL) == MP_OK)
		snprintf(name, size, "%s", p.name);
	else
		snprintf(name, size, "%lld", (long long)app);
	return MP_OK;
}

static int pa_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                    mp_err *e)
{
	char other[256];
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, fd_id(r->v[PA_APP]), &p, PA_APP, e);
	if (ret != MP_OK)
		return ret;
	/* An activity counts for one project only (the index above). */
	ret = taken(db, "SELECT app_id FROM proj_activities WHERE deleted_at IS NULL"
	            " AND activity_id = ?1 AND id <> ?3 LIMIT 1", fd_id(r->v[PA_ACTIVITY]),
	            r->id, other, sizeof other, e);
	if (ret == MP_OK && other[0])
		return mp_err_field(e, MP_EDUP, PA_ACTIVITY,
		                    _("Activity: it counts for project %s already"), other);
	return ret;
}

static void pa_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { PA_APP, PA_ACTIVITY };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_project_activities = {
	.name = "proj_activities",
	.title_en = N_("Project activities"),
	.unit_en = N_("project activity"),
	.fields = pa_fields,
	.nfields = PA__COUNT,
	.sorts = link_sorts,
	.nsorts = sizeof link_sorts / sizeof link_sorts[0],
	.check = pa_check,
	.tflags = MP_T_DECLARED,
	.indexes = pa_indexes,
	.nindexes = sizeof pa_indexes / sizeof pa_indexes[0],
	.describe = pa_describe,
};

/* ---- 孵化成果 ---- */

static const mp_field pg_fields[PG__COUNT] = {
	[PG_APP] = { .col = "app_id", .label_zh = "项目", .label_en = N_("Project"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 16, .hint = N_("Enter: pick the project"),
		.ref = &mp_applications },
	[PG_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 20, .hint = N_("Enter: pick the group or team the project incubated"),
		.ref = &mp_groups },
	[PG_KIND] = { .col = "kind", .label_zh = "类型", .label_en = N_("Incubated as"),
		.kind = MP_K_CHOICE, .initial = MP_INCUBATED_GROUP, .choice = MP_CH_INCUBATED_KIND,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 10,
		.hint = FD_HINT_CHOICE },
	[PG_DATE] = { .col = "date", .label_zh = "成立日期", .label_en = N_("Formed on"),
		.kind = MP_K_DATE, .flags = MP_F_LIST | MP_F_NOFUTURE, .maxlen = 10,
		.list_width = 10, .hint = FD_HINT_DATE },
	[PG_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 300 },
};

static const mp_index pg_indexes[] = {
	{ "proj_groups_live_group", "group_id", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static int pg_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                    mp_err *e)
{
	char other[256];
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, fd_id(r->v[PG_APP]), &p, PG_APP, e);
	if (ret != MP_OK)
		return ret;
	/* Incubated once: by the project that made it. */
	ret = taken(db, "SELECT app_id FROM proj_groups WHERE deleted_at IS NULL"
	            " AND group_id = ?1 AND id <> ?3 LIMIT 1", fd_id(r->v[PG_GROUP]),
	            r->id, other, sizeof other, e);
	if (ret == MP_OK && other[0])
		return mp_err_field(e, MP_EDUP, PG_GROUP,
		                    _("Group: it was incubated by project %s already"), other);
	return ret;
}

static void pg_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { PG_APP, PG_GROUP };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_project_groups = {
	.name = "proj_groups",
	.title_en = N_("Groups and teams incubated"),
	.unit_en = N_("group or team incubated"),
	.fields = pg_fields,
	.nfields = PG__COUNT,
	.sorts = link_sorts,
	.nsorts = sizeof link_sorts / sizeof link_sorts[0],
	.check = pg_check,
	.tflags = MP_T_DECLARED,
	.indexes = pg_indexes,
	.nindexes = sizeof pg_indexes / sizeof pg_indexes[0],
	.describe = pg_describe,
};

int mp_project_outcome_get(mp_db *db, int64_t app_id, mp_project_outcome *o,
                           mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char today[11];
	int64_t n = 0;
	int rc, ret;

	memset(o, 0, sizeof *o);
	mp_today(today);
	ret = mp_db_cached(db, "SELECT count(*), ifnull(sum(a.beneficiaries), 0)"
	                   " FROM proj_activities p JOIN activities a"
	                   " ON a.id = p.activity_id AND a.deleted_at IS NULL"
	                   " WHERE p.deleted_at IS NULL AND p.app_id = ?1 AND a.date <= ?2",
	                   &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o->sessions = (long)sqlite3_column_int64(st, 0);
		o->served = (long)sqlite3_column_int64(st, 1);
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT count(*) FROM proj_groups WHERE deleted_at IS NULL"
		             " AND app_id = ?1 AND kind = ?2", app_id, MP_INCUBATED_GROUP, 0,
		             &n, NULL, e);
	o->groups = (long)n;
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT count(*) FROM proj_groups WHERE deleted_at IS NULL"
		             " AND app_id = ?1 AND kind = ?2", app_id, MP_INCUBATED_TEAM, 0,
		             &n, NULL, e);
	o->teams = (long)n;
	return ret;
}
