/* group.c — the groups register (组织): its table and its checks. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "mp_activity.h"
#include "mp_bases.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_stages.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "report_parts.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

static const mp_field group_fields[G__COUNT] = {
	[G_NAME] = { .col = "name", .label_zh = "组织名称", .label_en = N_("Name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 18,
		.hint = N_("The group's full name, as the community knows it") },
	[G_SHORT] = { .col = "short_name", .label_zh = "简称", .label_en = N_("Short name"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH,
		.maxlen = 20,
		.hint = N_("A shorter name people also use (searched too)") },
	[G_CATEGORY] = { .col = "category", .label_zh = "类别", .label_en = N_("Category"),
		.kind = MP_K_CHOICE, .choice = MP_CH_CATEGORY,
		.flags = MP_F_LIST | MP_F_FILTER,
		.list_width = 10, .hint = HINT_CHOICE },
	[G_LEGAL] = { .col = "legal_status", .label_zh = "登记状态", .label_en = N_("Legal status"),
		.kind = MP_K_CHOICE, .choice = MP_CH_LEGAL,
		.flags = MP_F_LIST | MP_F_FILTER,
		.list_width = 8, .hint = HINT_CHOICE },
	[G_USCC] = { .col = "uscc", .label_zh = "统一社会信用代码", .label_en = N_("Credit code (USCC)"),
		.kind = MP_K_USCC,
		.maxlen = 18,
		.hint = N_("18 characters, from the registration certificate") },
	[G_FILING] = { .col = "filing_no", .label_zh = "备案编号", .label_en = N_("Filing number"),
		.kind = MP_K_TEXT,
		.maxlen = 40,
		.hint = N_("The number given when the group was filed with the street or township") },
	[G_TOWNSHIP] = { .col = "township", .label_zh = "所属乡镇(街道)", .label_en = N_("Township"),
		.kind = MP_K_TEXT,
		.maxlen = 40, .hint = N_("The township or street the group belongs to") },
	[G_COMMUNITY] = { .col = "community", .label_zh = "所属社区(村)", .label_en = N_("Community"),
		.kind = MP_K_CHOICE, .choice = MP_CH_COMMUNITY,
		.flags = MP_F_LIST | MP_F_FILTER | MP_F_SEARCH,
		.maxlen = 40, .list_width = 12,
		.hint = N_("Enter: pick from the list (type freely when the settings list no communities)") },
	[G_KIND] = { .col = "kind", .label_zh = "组织类型", .label_en = N_("Kind"),
		.kind = MP_K_CHOICE, .choice = MP_CH_KIND, .flags = MP_F_LIST,
		.list_width = 8, .hint = HINT_CHOICE },
	[G_GRADE] = { .col = "grade", .label_zh = "评估等级", .label_en = N_("Grade"),
		.kind = MP_K_CHOICE, .choice = MP_CH_GRADE, .flags = MP_F_LIST,
		.list_width = 4, .hint = HINT_CHOICE },
	[G_STAGE] = { .col = "stage", .label_zh = "发展阶段", .label_en = N_("Stage"),
		.kind = MP_K_CHOICE, .choice = MP_CH_STAGE,
		.hint = N_("Enter: pick from the list; a new stage asks its date and reason when saved") },
	[G_FOUNDED] = { .col = "founded", .label_zh = "成立日期", .label_en = N_("Founded"),
		.kind = MP_K_DATE, .flags = MP_F_NOFUTURE,
		.maxlen = 10, .hint = HINT_DATE },
	[G_LEADER] = { .col = "leader", .label_zh = "负责人", .label_en = N_("Leader"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 20, .list_width = 8, .hint = N_("The person in charge") },
	[G_PHONE] = { .col = "phone", .label_zh = "联系电话", .label_en = N_("Phone"),
		.kind = MP_K_PHONE,
		.maxlen = 20,
		.hint = N_("Mobile or landline, e.g. 13800138000 or 0591-87654321") },
	[G_MEMBERS] = { .col = "members", .label_zh = "成员人数", .label_en = N_("Members"),
		.kind = MP_K_COUNT,
		.maxlen = 7, .hint = N_("How many members, a whole number") },
	[G_INCUBATED] = { .col = "incubated", .label_zh = "孵化基地", .label_en = N_("In incubation base"),
		.kind = MP_K_CHOICE, .choice = MP_CH_YESNO, .flags = MP_F_AUTO,
		.hint = N_("Kept from the group's stays in incubation bases (F5)") },
	[G_MOVED_IN] = { .col = "moved_in", .label_zh = "入驻日期", .label_en = N_("Moved in"),
		.kind = MP_K_DATE, .flags = MP_F_AUTO,
		.maxlen = 10, .hint = N_("Kept from the group's stays in incubation bases (F5)") },
	[G_MOVED_OUT] = { .col = "moved_out", .label_zh = "出壳日期", .label_en = N_("Moved out"),
		.kind = MP_K_DATE, .flags = MP_F_AUTO,
		.maxlen = 10, .hint = N_("Kept from the group's stays in incubation bases (F5)") },
	[G_OBSERVATION] = { .col = "observation", .label_zh = "观察点", .label_en = N_("Observation point"),
		.kind = MP_K_CHOICE, .choice = MP_CH_OBSERVATION,
		.hint = HINT_CHOICE },
	[G_STATE] = { .col = "state", .label_zh = "状态", .label_en = N_("State"),
		.kind = MP_K_CHOICE, .choice = MP_CH_GROUP_STATE,
		.hint = HINT_CHOICE },
	[G_ADDRESS] = { .col = "address", .label_zh = "地址", .label_en = N_("Address"),
		.kind = MP_K_TEXT,
		.maxlen = 100, .hint = N_("Where the group meets") },
	[G_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort group_sorts[] = {
	{ N_("by name"), "name", 0 },
	{ N_("by date added"), "id", 1 },
};

/* want if the settings' list has it, else the list's first entry. */
static void set_choice(const mp_config *cfg, mp_record *r, int i, const char *want)
{
	const mp_strlist *l = mp_config_choices(cfg, group_fields[i].choice);

	if (want && mp_strlist_find(l, want) >= 0)
		mp_record_set(r, i, want);
	else
		mp_record_set(r, i, l->n > 0 ? l->v[0] : "");
}

static void group_defaults(const mp_config *cfg, mp_record *r)
{
	set_choice(cfg, r, G_LEGAL, "未登记");
	set_choice(cfg, r, G_KIND, "普通");
	set_choice(cfg, r, G_GRADE, "无");
	set_choice(cfg, r, G_STAGE, NULL);
	set_choice(cfg, r, G_OBSERVATION, "无");
	set_choice(cfg, r, G_STATE, "活跃");
	set_choice(cfg, r, G_INCUBATED, "否");
	mp_record_set(r, G_TOWNSHIP, cfg->township ? cfg->township : "");
}

/* Run sql (two or three text parameters and the record's id last) and
 * copy the first column of the first row into found (or "" if none).
 * Returns MP_OK, or an error from the database. */
static int lookup(mp_db *db, const char *sql, const char *a, const char *b,
                  int64_t id, char *found, size_t n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret, p = 1;

	found[0] = '\0';
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
		const char *s = (const char *)sqlite3_column_text(st, 0);
		snprintf(found, n, "%s", s ? s : "");
		/* A found value is never empty: names are required. */
		if (!found[0])
			snprintf(found, n, "?");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static int group_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = group_fields;
	char *const *v = r->v;
	char other[256];
	int ret;

	(void)cfg;
	if (!strcmp(v[G_LEGAL], "登记") && !v[G_USCC][0])
		return mp_err_field(e, MP_EINVAL, G_USCC, _("%s: required when the legal status is 登记"),
		                    mp_field_label(&f[G_USCC]));
	if (v[G_MOVED_IN][0] && v[G_MOVED_OUT][0]
	    && strcmp(v[G_MOVED_OUT], v[G_MOVED_IN]) < 0)
		return mp_err_field(e, MP_EINVAL, G_MOVED_OUT, _("%s: %s is before the move-in date %s"),
		                    mp_field_label(&f[G_MOVED_OUT]), v[G_MOVED_OUT], v[G_MOVED_IN]);

	/* The expression matches the unique index groups_live_unique_name. */
	ret = lookup(db, "SELECT name FROM groups WHERE deleted_at IS NULL"
	             " AND ifnull(community, '') = ? AND name = ? AND id <> ? LIMIT 1",
	             v[G_COMMUNITY], v[G_NAME], r->id, other, sizeof other, e);
	if (ret != MP_OK)
		return ret;
	if (other[0]) {
		if (v[G_COMMUNITY][0])
			return mp_err_field(e, MP_EDUP, G_NAME, _("%s: “%s” already has a group named “%s”"),
			                    mp_field_label(&f[G_NAME]), v[G_COMMUNITY], v[G_NAME]);
		return mp_err_field(e, MP_EDUP, G_NAME, _("%s: there is already a group named “%s”"),
		                    mp_field_label(&f[G_NAME]), v[G_NAME]);
	}

	if (v[G_USCC][0]) {
		ret = lookup(db, "SELECT name FROM groups WHERE deleted_at IS NULL"
		             " AND uscc = ? AND id <> ? LIMIT 1",
		             v[G_USCC], NULL, r->id, other, sizeof other, e);
		if (ret != MP_OK)
			return ret;
		if (other[0])
			return mp_err_field(e, MP_EDUP, G_USCC, _("%s: %s is already the code of “%s”"),
			                    mp_field_label(&f[G_USCC]), v[G_USCC], other);
	}
	return MP_OK;
}

/* "Service hours of its volunteers: 5.5 (2 volunteers)", then what the
 * supervision visits said, when there were any: the latest rating and
 * the next open follow-up. */
static void group_summary(mp_db *db, const mp_record *r, char *buf,
                          size_t size)
{
	double total = 0;
	long volunteers = 0;
	char h[32], rating[8], due[11];
	size_t len;

	if (size > 0)
		buf[0] = '\0';
	if (r->id == 0 || mp_group_hours(db, r->id, &total, &volunteers, NULL) != MP_OK)
		return;
	/* The stage's timeline first, its latest three changes: the screen
	 * cuts the line with … where it is too long. */
	mp_stages_timeline(db, r->id, 3, buf, size);
	len = strlen(buf);
	if (len > 0 && len < size)
		len += (size_t)snprintf(buf + len, size - len, " · ");
	if (len < size)
		snprintf(buf + len, size - len, _("Service hours of its volunteers: %s (%ld volunteers)"),
		         mp_hours_str(total, h, sizeof h), volunteers);
	if (mp_group_visits(db, r->id, rating, due, NULL) != MP_OK)
		return;
	len = strlen(buf);
	if (rating[0] && len < size) {
		snprintf(buf + len, size - len, _(" · latest rating: %s"), rating);
		len = strlen(buf);
	}
	if (due[0] && len < size)
		snprintf(buf + len, size - len, _(" · next follow-up: %s"), due);
}

static const mp_child group_children[] = {
	{ N_("Members of the group"), &mp_memberships, M_GROUP },
	{ N_("Activities"), &mp_activities, ACT_GROUP },
	{ N_("Service records"), &mp_hours, H_GROUP },
	{ N_("Trainings attended"), &mp_training_groups, TG_GROUP },
	{ N_("People trained"), &mp_training_people, TP_GROUP },
	{ N_("Supervision visits"), &mp_visits, VI_GROUP },
	{ N_("Incubation stays"), &mp_stays, ST_GROUP },
	{ N_("Incubation services"), &mp_base_services, BS_GROUP },
	/* Last: its e2e test reaches it with End. */
	{ N_("Changes of stage"), &mp_stage_history, SH_GROUP },
};

/* A group imported with an older file's 孵化基地 / 入驻日期 / 出壳日期
 * gets the stay they stand for.  A file miaopu exported (its rows carry
 * the records' times, 创建时间) has its stays in their own file, imported
 * after it. */
static int group_saved(mp_db *db, const mp_config *cfg, const mp_record *r,
                       int64_t id, int isnew, mp_err *e)
{
	if (!isnew || r->created[0])
		return MP_OK;
	return mp_stay_from_group(db, cfg, id, r->v[G_INCUBATED], r->v[G_MOVED_IN],
	                          r->v[G_MOVED_OUT], r->v[G_LEGAL], e);
}

/* A group is found by its name where other records refer to it. */
static const mp_findby group_findby[] = {
	{ G_NAME, NULL, MP_FIND_CELL },
};

/* One live group of a name per community (no community = ''). */
static const mp_index group_indexes[] = {
	{ "groups_live_unique_name", "ifnull(community, ''), name",
	  MP_I_UNIQUE | MP_I_LIVE, NULL },
};

const mp_table mp_groups = {
	.name = "groups",
	.title_en = N_("Groups"),
	.unit_en = N_("group"),
	.fields = group_fields,
	.nfields = G__COUNT,
	.sorts = group_sorts,
	.nsorts = sizeof group_sorts / sizeof group_sorts[0],
	.check = group_check,
	.defaults = group_defaults,
	.summary = group_summary,
	.children = group_children,
	.nchildren = sizeof group_children / sizeof group_children[0],
	.report = mp_group_report,
	/* import and export */
	.findby = group_findby,
	.nfindby = sizeof group_findby / sizeof group_findby[0],
	.indexes = group_indexes,
	.nindexes = sizeof group_indexes / sizeof group_indexes[0],
	.search_code = 2,
	.saved = group_saved,
	/* 发展阶段: every change dated and kept (stages.c) */
	.workflow = &mp_group_stage_wf,
};
