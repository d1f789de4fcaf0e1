/* activity.c — activities (活动): what a group held, when and where, and
 * how many people took part and were served. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_period.h"
#include "report_parts.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")
#define HINT_TIME N_("HH:MM, 24-hour, e.g. 14:30")

static const mp_field activity_fields[ACT__COUNT] = {
	[ACT_NAME] = { .col = "name", .label_zh = "活动名称", .label_en = N_("Activity name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 18,
		.hint = N_("What the activity was called") },
	[ACT_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 14, .hint = N_("Enter: pick the group that held it"),
		.ref = &mp_groups },
	[ACT_TYPE] = { .col = "type", .label_zh = "活动类型", .label_en = N_("Activity type"),
		.kind = MP_K_CHOICE, .choice = MP_CH_ACTIVITY_TYPE, .flags = MP_F_LIST,
		.list_width = 8, .hint = HINT_CHOICE },
	[ACT_DATE] = { .col = "date", .label_zh = "日期", .label_en = N_("Date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[ACT_START] = { .col = "start_time", .label_zh = "开始时间", .label_en = N_("Start time"),
		.kind = MP_K_TIME,
		.maxlen = 5, .hint = HINT_TIME },
	[ACT_END] = { .col = "end_time", .label_zh = "结束时间", .label_en = N_("End time"),
		.kind = MP_K_TIME,
		.maxlen = 5, .hint = HINT_TIME },
	[ACT_PLACE] = { .col = "place", .label_zh = "地点", .label_en = N_("Place"),
		.kind = MP_K_TEXT,
		.maxlen = 60, .hint = N_("Where it was held") },
	[ACT_PARTICIPANTS] = { .col = "participants", .label_zh = "参与人次", .label_en = N_("Participants"),
		.kind = MP_K_COUNT, .flags = MP_F_LIST,
		.maxlen = 7, .list_width = 8,
		.hint = N_("How many took part (person-times), a whole number") },
	[ACT_BENEFICIARIES] = { .col = "beneficiaries", .label_zh = "受益人次", .label_en = N_("Beneficiaries"),
		.kind = MP_K_COUNT, .flags = MP_F_LIST,
		.maxlen = 7, .list_width = 8,
		.hint = N_("How many were served (person-times), a whole number") },
	[ACT_CONTENT] = { .col = "content", .label_zh = "活动内容", .label_en = N_("Activity content"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("What was done") },
};

static const mp_sort activity_sorts[] = {
	{ N_("by date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static const mp_child activity_children[] = {
	{ N_("Service records"), &mp_hours, H_ACTIVITY },
};

/* Minutes after midnight of "HH:MM", or -1. */
static int minutes(const char *s)
{
	int h, m;
	char tail;

	if (sscanf(s, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23
	    || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

static int activity_check(mp_db *db, const mp_config *cfg,
                          const mp_record *r, mp_err *e)
{
	int start = minutes(r->v[ACT_START]), end = minutes(r->v[ACT_END]);

	(void)db;
	(void)cfg;
	if (start >= 0 && end >= 0 && end <= start)
		return mp_err_field(e, MP_EINVAL, ACT_END, _("%s: must be after the start time (%s)"),
		                    mp_field_label(&activity_fields[ACT_END]), r->v[ACT_START]);
	return MP_OK;
}

static void activity_defaults(const mp_config *cfg, mp_record *r)
{
	const mp_strlist *l = mp_config_choices(cfg, MP_CH_ACTIVITY_TYPE);

	if (l->n > 0)
		mp_record_set(r, ACT_TYPE, l->v[0]);
}

/* "12 service records, 30.5 hours" — the hours are those that count. */
static void activity_summary(mp_db *db, const mp_record *r, char *buf,
                             size_t size)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	double h = 0;
	char hs[32], today[11];

	buf[0] = '\0';
	mp_today(today);
	/* Dated after today: planned, not held (mp_period.h); no figure of
	 * the period counts it yet. */
	if (mp_date_planned(r->v[ACT_DATE], today)) {
		snprintf(buf, size, "%s", _("Planned: not held yet, counted in no figure"));
		return;
	}
	if (r->id <= 0 || mp_db_prepare(db,
	        "SELECT count(*), ifnull(sum(CASE WHEN counts = '是'"
	        " THEN round(hours * 100) END), 0) FROM hours"
	        " WHERE deleted_at IS NULL AND activity_id = ?", &st, NULL) != MP_OK)
		return;
	if (sqlite3_bind_int64(st, 1, r->id) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		n = (long)sqlite3_column_int64(st, 0);
		h = sqlite3_column_double(st, 1) / 100.0;
		snprintf(buf, size, ngettext("%ld service record, %s hours",
		                             "%ld service records, %s hours", n),
		         n, mp_hours_str(h, hs, sizeof hs));
	}
	sqlite3_finalize(st);
}

/* An activity is found by its name (within the row's group); among
 * several, by its date. */
static const char *const activity_date_columns[] = {
	"活动日期", "Activity date", NULL,
};
static const mp_findby activity_findby[] = {
	{ ACT_NAME, NULL, MP_FIND_CELL },
	{ ACT_DATE, activity_date_columns, MP_FIND_NARROW },
};

/* An import skips an activity with the same name, group and date. */
static const int activity_dupkey[] = { ACT_NAME, ACT_GROUP, ACT_DATE };

/* Its list imports its service records too. */
static const mp_table *const activity_import_also[] = { &mp_hours };

/* "重阳敬老入户探访 2026-11-28": the name alone repeats. */
static void activity_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { ACT_NAME, ACT_DATE };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_activities = {
	.name = "activities",
	.title_en = N_("Activities"),
	.unit_en = N_("activity"),
	.fields = activity_fields,
	.nfields = ACT__COUNT,
	.sorts = activity_sorts,
	.nsorts = sizeof activity_sorts / sizeof activity_sorts[0],
	.check = activity_check,
	.defaults = activity_defaults,
	.summary = activity_summary,
	.children = activity_children,
	.nchildren = sizeof activity_children / sizeof activity_children[0],
	.report = mp_activity_report,
	/* import and export */
	.findby = activity_findby,
	.nfindby = sizeof activity_findby / sizeof activity_findby[0],
	.dupkey = activity_dupkey,
	.ndupkey = sizeof activity_dupkey / sizeof activity_dupkey[0],
	.import_also = activity_import_also,
	.nimport_also = sizeof activity_import_also / sizeof activity_import_also[0],
	.actions = MP_ACT_BATCH_HOURS,
	.describe = activity_describe,
};

const char *mp_activity_duration(const mp_record *activity, char *buf,
                                 size_t size)
{
	int start = minutes(activity->v[ACT_START]);
	int end = minutes(activity->v[ACT_END]);
	long hundredths = 0;

	/* Hours to two decimals, as MP_K_HOURS keeps them: 100 minutes is
	 * 1.67 hours. */
	if (start >= 0 && end > start)
		hundredths = ((end - start) * 100L + 30) / 60;
	return mp_hours_str(hundredths / 100.0, buf, size);
}
