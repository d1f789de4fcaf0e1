/* hours.c — volunteer service records (服务记录): the evidence behind
 * certificates and annual figures.  Who recorded a record and when is set
 * here, never typed; a record entered long after the service says so. */
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
#include "mp_volunteer.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* A record entered more than this many working days after the service is
 * a late entry (补录). */
#define LATE_AFTER_WORKING_DAYS 10

/* At most this many hundredths of an hour for one volunteer on one day. */
#define DAY_LIMIT 2400

static const mp_field hours_fields[H__COUNT] = {
	[H_VOLUNTEER] = { .col = "volunteer_id", .label_zh = "志愿者", .label_en = N_("Volunteer"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 8, .hint = N_("Enter: pick the volunteer"),
		.ref = &mp_volunteers },
	[H_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_LIST | MP_F_SEARCH,
		.list_width = 14,
		.hint = N_("Enter: pick the group (taken from the activity when empty)"),
		.ref = &mp_groups },
	[H_ACTIVITY] = { .col = "activity_id", .label_zh = "活动", .label_en = N_("Activity"),
		.kind = MP_K_REF,
		.hint = N_("Enter: pick the activity, if the service was part of one"),
		.ref = &mp_activities },
	[H_DATE] = { .col = "date", .label_zh = "服务日期", .label_en = N_("Service date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[H_CONTENT] = { .col = "content", .label_zh = "服务内容", .label_en = N_("Service content"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST,
		.maxlen = 100, .list_width = 16, .hint = N_("What the volunteer did") },
	[H_PLACE] = { .col = "place", .label_zh = "服务地点", .label_en = N_("Service place"),
		.kind = MP_K_TEXT,
		.maxlen = 60, .hint = N_("Where the service was given") },
	[H_HOURS] = { .col = "hours", .label_zh = "服务时长(小时)", .label_en = N_("Service hours"),
		.kind = MP_K_HOURS, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 6, .list_width = 6,
		.hint = N_("Above 0 and at most 24, e.g. 2 or 1.5") },
	[H_COUNTS] = { .col = "counts", .label_zh = "计入志愿服务时长", .label_en = N_("Counts as volunteer service"),
		.kind = MP_K_CHOICE, .choice = MP_CH_YESNO,
		.hint = N_("否: kept in the ledger but never counted in totals or certificates") },
	[H_RECORDER] = { .col = "recorder", .label_zh = "记录人", .label_en = N_("Recorded by"),
		.kind = MP_K_TEXT, .flags = MP_F_AUTO,
		.maxlen = 40, .hint = N_("The operator from the settings") },
	[H_RECORDED_AT] = { .col = "recorded_at", .label_zh = "记录时间", .label_en = N_("Recorded at"),
		.kind = MP_K_TEXT, .flags = MP_F_AUTO,
		.maxlen = 19, .hint = N_("When the record was first saved") },
	[H_LATE] = { .col = "late", .label_zh = "补录", .label_en = N_("Late entry"),
		.kind = MP_K_TEXT, .flags = MP_F_AUTO | MP_F_LIST,
		.maxlen = 40, .list_width = 10,
		.hint = N_("Set when the record was saved more than 10 working days after the service") },
};

static const mp_sort hours_sorts[] = {
	{ N_("by service date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

/* ---- small helpers ---- */

/* Hundredths of an hour in a normalised MP_K_HOURS value ("1.5" -> 150). */
static long hundredths(const char *v)
{
	double d = strtod(v, NULL);

	return d >= 0 ? (long)(d * 100 + 0.5) : -(long)(-d * 100 + 0.5);
}

const char *mp_hours_str(double h, char *buf, size_t size)
{
	long c = h >= 0 ? (long)(h * 100 + 0.5) : -(long)(-h * 100 + 0.5);
	long a = c < 0 ? -c : c;
	const char *sign = c < 0 ? "-" : "";

	if (a % 100 == 0)
		snprintf(buf, size, "%s%ld", sign, a / 100);
	else if (a % 10 == 0)
		snprintf(buf, size, "%s%ld.%ld", sign, a / 100, a % 100 / 10);
	else
		snprintf(buf, size, "%s%ld.%02ld", sign, a / 100, a % 100);
	return buf;
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
static int weekday(long day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

int mp_working_days_between(const char *from, const char *to)
{
	long a, b, d, n, weeks;
	int ok1, ok2;

	a = mp_day_number(from, &ok1);
	b = mp_day_number(to, &ok2);
	if (!ok1 || !ok2 || b <= a)
		return 0;
	/* Whole weeks hold five working days each; walk the rest. */
	n = b - a;
	weeks = n / 7;
	n = weeks * 5;
	for (d = a + 1 + weeks * 7; d <= b; d++)
		if (weekday(d) < 5)
			n++;
	return (int)n;
}

/* "YYYY-MM-DD HH:MM:SS" now; the date honours $MIAOPU_TODAY as mp_today
 * does, so that a test can fix the day a record is entered. */
static void recorded_now(char out[20])
{
	const char *fixed = getenv("MIAOPU_TODAY");
	char today[11];

	mp_now(out);
	if (fixed && *fixed) {
		mp_today(today);
		memcpy(out, today, 10);
	}
}

/* Run sql with one int64 parameter; the first column of the first row
 * into buf ("" if no row or NULL).  Returns MP_OK or a database error. */
static int text_by_id(mp_db *db, const char *sql, int64_t id, char *buf,
                      size_t size, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	buf[0] = '\0';
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", s ? s : "");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static int volunteer_name(mp_db *db, const char *id, char *buf, size_t size,
                          mp_err *e)
{
	int ret = text_by_id(db, "SELECT name FROM volunteers WHERE id = ?",
	                     strtoll(id, NULL, 10), buf, size, e);

	if (ret == MP_OK && !buf[0])
		snprintf(buf, size, "%s", id);
	return ret;
}

/* ---- the table ---- */

static void hours_defaults(const mp_config *cfg, mp_record *r)
{
	if (mp_strlist_find(mp_config_choices(cfg, MP_CH_YESNO), "是") >= 0)
		mp_record_set(r, H_COUNTS, "是");
}

static int hours_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e)
{
	char buf[64];
	int ret, late;

	/* Stored values are 是 or 否, so that totals can ask for 是. */
	if (!r->v[H_COUNTS][0])
		mp_record_set(r, H_COUNTS, "是");
	/* A correction keeps who first recorded it and when (mp_record_save
	 * has put the stored values back in r); so does an imported record
	 * that says (the form never sets these on a new record). */
	if (!r->v[H_RECORDED_AT][0]) {
		char now[20];

		recorded_now(now);
		mp_record_set(r, H_RECORDED_AT, now);
		mp_record_set(r, H_RECORDER,
		              cfg && cfg->operator_name ? cfg->operator_name : "");
	}
	if (r->v[H_ACTIVITY][0] && !r->v[H_GROUP][0]) {
		ret = text_by_id(db, "SELECT group_id FROM activities WHERE id = ?",
		                 strtoll(r->v[H_ACTIVITY], NULL, 10), buf, sizeof buf, e);
		if (ret != MP_OK)
			return ret;
		mp_record_set(r, H_GROUP, buf);
	}
	snprintf(buf, sizeof buf, "%.10s", r->v[H_RECORDED_AT]);
	late = mp_working_days_between(r->v[H_DATE], buf);
	if (late > LATE_AFTER_WORKING_DAYS) {
		/* Stored in the ledger, so in the ledger's language (the data
		 * dictionary's Chinese), whatever the screen's language is. */
		snprintf(buf, sizeof buf, "补录（%d 个工作日后录入）", late);
		mp_record_set(r, H_LATE, buf);
	} else {
		mp_record_set(r, H_LATE, "");
	}
	return MP_OK;
}

/* Hundredths of an hour already recorded for volunteer on date, live
 * records other than this one. */
static int day_total(mp_db *db, const mp_record *r, long *total, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*total = 0;
	ret = mp_db_cached(db, "SELECT ifnull(sum(round(hours * 100)), 0) FROM hours"
	                    " WHERE deleted_at IS NULL AND volunteer_id = ?"
	                    " AND date = ? AND id <> ?", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, strtoll(r->v[H_VOLUNTEER], NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, r->v[H_DATE], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = (long)sqlite3_column_int64(st, 0);
	else
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

static int hours_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = hours_fields;
	char name[256], hs[32];
	long already;
	int ret;

	(void)cfg;
	if (r->v[H_ACTIVITY][0] && r->v[H_GROUP][0]) {
		char group[32];

		ret = text_by_id(db, "SELECT group_id FROM activities WHERE id = ?",
		                 strtoll(r->v[H_ACTIVITY], NULL, 10), group, sizeof group, e);
		if (ret != MP_OK)
			return ret;
		if (group[0] && strtoll(group, NULL, 10) != strtoll(r->v[H_GROUP], NULL, 10)) {
			char want[256];

			ret = text_by_id(db, "SELECT name FROM groups WHERE id = ?",
			                 strtoll(group, NULL, 10), want, sizeof want, e);
			if (ret != MP_OK)
				return ret;
			return mp_err_field(e, MP_EINVAL, H_GROUP,
			                    _("%s: the activity belongs to “%s”; leave the group empty or pick that one"),
			                    mp_field_label(&f[H_GROUP]), want);
		}
	}

	if (!r->v[H_VOLUNTEER][0] || !r->v[H_DATE][0] || !r->v[H_HOURS][0])
		return MP_OK;
	ret = day_total(db, r, &already, e);
	if (ret != MP_OK)
		return ret;
	if (already + hundredths(r->v[H_HOURS]) > DAY_LIMIT) {
		ret = volunteer_name(db, r->v[H_VOLUNTEER], name, sizeof name, e);
		if (ret != MP_OK)
			return ret;
		return mp_err_field(e, MP_EINVAL, H_HOURS,
		                    _("%s: %s already has %s hours on %s; at most 24 a day"),
		                    mp_field_label(&f[H_HOURS]), name,
		                    mp_hours_str(already / 100.0, hs, sizeof hs),
		                    r->v[H_DATE]);
	}
	return MP_OK;
}

/* ---- the same record twice ---- */

/* "陈丽华 2026-11-28“重阳敬老入户探访”2.5 小时": a service record named
 * for a message, from its stored values. */
static void describe(mp_db *db, int64_t volunteer, const char *date,
                     const char *content, double hours, char *buf,
                     size_t size)
{
	char name[256], vid[32], hs[32];

	snprintf(vid, sizeof vid, "%lld", (long long)volunteer);
	if (volunteer_name(db, vid, name, sizeof name, NULL) != MP_OK)
		snprintf(name, sizeof name, "%s", vid);
	snprintf(buf, size, _("%s %s “%s” %s hours"), name, date,
	         content ? content : "", mp_hours_str(hours, hs, sizeof hs));
}

int mp_hours_duplicate(mp_db *db, const mp_record *r, int64_t *found,
                       char *desc, size_t size, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*found = 0;
	if (desc && size)
		desc[0] = '\0';
	if (!r->v[H_VOLUNTEER][0] || !r->v[H_DATE][0] || !r->v[H_HOURS][0])
		return MP_OK;
	/* Through hours_volunteer_date: a volunteer's records of one day are
	 * few.  Hours compare in hundredths, as they are kept. */
	ret = mp_db_cached(db, "SELECT id, content, hours FROM hours"
	                    " WHERE deleted_at IS NULL AND volunteer_id = ?1"
	                    " AND date = ?2 AND +activity_id IS ?3"
	                    " AND round(hours * 100) = ?4 AND id <> ?5"
	                    " ORDER BY id LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, strtoll(r->v[H_VOLUNTEER], NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, r->v[H_DATE], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = r->v[H_ACTIVITY][0]
		     ? sqlite3_bind_int64(st, 3, strtoll(r->v[H_ACTIVITY], NULL, 10))
		     : sqlite3_bind_null(st, 3);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, hundredths(r->v[H_HOURS]));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 5, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = sqlite3_column_int64(st, 0);
		if (desc && size) {
			char content[256];
			const char *c = (const char *)sqlite3_column_text(st, 1);

			snprintf(content, sizeof content, "%s", c ? c : "");
			double h = sqlite3_column_double(st, 2);
			mp_db_done(db, st);
			describe(db, strtoll(r->v[H_VOLUNTEER], NULL, 10),
			         r->v[H_DATE], content, h, desc, size);
			return MP_OK;
		}
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

/* The form points out a record that repeats one already there. */
static int hours_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                      char *buf, size_t size, int64_t *other_id)
{
	char desc[512];
	mp_err e;

	(void)cfg;
	mp_err_clear(&e);
	if (mp_hours_duplicate(db, r, other_id, desc, sizeof desc, &e) != MP_OK ||
	    !*other_id)
		return 0;
	snprintf(buf, size, _("The same service record is already there: %s."),
	         desc);
	return 1;
}

int mp_hours_of_activity(mp_db *db, int64_t activity, const char *date,
                         mp_hours_there **out, int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret, cap = 0;

	mp_err_clear(e);
	*out = NULL;
	*n = 0;
	/* Through hours_activity: an activity has tens of records. */
	ret = mp_db_prepare(db, "SELECT h.id, h.volunteer_id, h.hours, h.content,"
	                    " v.name FROM hours h"
	                    " LEFT JOIN volunteers v ON v.id = h.volunteer_id"
	                    " WHERE h.deleted_at IS NULL AND h.activity_id = ?1"
	                    " AND h.date = ?2 ORDER BY h.id", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, activity);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 4);
		const char *content = (const char *)sqlite3_column_text(st, 3);
		char vid[32];
		mp_hours_there *h;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = realloc(*out, (size_t)cap * sizeof **out);
			if (!*out)
				mp_oom();
		}
		h = &(*out)[(*n)++];
		memset(h, 0, sizeof *h);
		h->record = sqlite3_column_int64(st, 0);
		h->volunteer = sqlite3_column_int64(st, 1);
		mp_hours_str(sqlite3_column_double(st, 2), h->hours, sizeof h->hours);
		snprintf(vid, sizeof vid, "%lld", (long long)h->volunteer);
		h->name = mp_strdup(name ? name : vid);
		snprintf(h->desc, sizeof h->desc, _("%s %s “%s” %s hours"), h->name,
		         date, content ? content : "", h->hours);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		mp_hours_there_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

void mp_hours_there_free(mp_hours_there *h, int n)
{
	for (int i = 0; h && i < n; i++)
		free(h[i].name);
	free(h);
}

/* An import skips a service record with the same date, volunteer,
 * activity (or none), hours and content as a live one. */
static const int hours_dupkey[] = {
	H_DATE, H_VOLUNTEER, H_ACTIVITY, H_HOURS, H_CONTENT,
};

/* Indexes a large import builds after its rows (hours_volunteer_date,
 * which finds duplicates, stays; so do the recycle bin's). */
static const char *const hours_late[] = {
	"hours_group", "hours_activity", "hours_live_date", "hours_counted", NULL,
};

/* The summary tables' triggers a large import sets aside, and the
 * statements that add its rows (after ?1) to them once, as the triggers
 * would have one by one (each a look-up and a write for every row). */
static const char *const hours_count[] = {
	"month_stats_hours_in", "year_hours_in", NULL,
};
#define HOURS_NEW_COUNTED " FROM hours WHERE id > ?1 AND deleted_at IS NULL" \
	" AND date IS NOT NULL AND counts = '是'"

/* A large import writes its rows in the order of hours_volunteer_date,
 * which its duplicate look-ups read and each row's INSERT writes. */
static const int hours_order[] = { H_VOLUNTEER, H_DATE };

/* A large import's rows come ordered by volunteer and date, so that all
 * of one volunteer's day follow each other.  A row is plain (written
 * without hours_check and the duplicate look-up, importstage.c) when the
 * ledger holds no live record of that volunteer on that day, no earlier
 * row of the day has its content (a duplicate needs the same), it names
 * no activity (whose group is looked up and compared) and the day's
 * hours stay within the limit.  Once a row of a day is not, the rest of
 * that day is checked one by one as ever. */
#define PLAIN_PER_DAY 16

struct plain_day {
	sqlite3_stmt *probe;  /* the ledger's records of the day */
	char volunteer[24], date[11];
	long hundredths;
	int n, checked;
	char *content[PLAIN_PER_DAY];
};

static void plain_day_clear(struct plain_day *d)
{
	sqlite3_stmt *probe = d->probe;

	for (int i = 0; i < d->n; i++)
		free(d->content[i]);
	memset(d, 0, sizeof *d);
	d->probe = probe;
}

static int hours_bulk_plain(mp_db *db, const mp_record *r, int *plain,
                            void **state, mp_err *e)
{
	struct plain_day *d = *state;
	sqlite3_stmt *st = NULL;
	int i, rc, ret;
	long h;

	*plain = 0;
	if (!r) {
		if (d) {
			plain_day_clear(d);
			sqlite3_finalize(d->probe);
		}
		free(d);
		*state = NULL;
		return MP_OK;
	}
	if (!d && !(d = *state = calloc(1, sizeof *d)))
		mp_oom();
	if (!r->v[H_VOLUNTEER][0] || !r->v[H_DATE][0] || !r->v[H_HOURS][0]
	    || strlen(r->v[H_VOLUNTEER]) >= sizeof d->volunteer
	    || strlen(r->v[H_DATE]) >= sizeof d->date) {
		/* Never the same day as another row. */
		plain_day_clear(d);
		d->checked = -1;
		return MP_OK;
	}
	if (strcmp(d->volunteer, r->v[H_VOLUNTEER]) || strcmp(d->date, r->v[H_DATE])
	    || !d->checked) {
		plain_day_clear(d);
		strcpy(d->volunteer, r->v[H_VOLUNTEER]);
		strcpy(d->date, r->v[H_DATE]);
		/* Through hours_volunteer_date, which the rows' order walks;
		 * prepared once for the import, not found again each day. */
		if (!d->probe) {
			ret = mp_db_prepare(db, "SELECT 1 FROM hours WHERE volunteer_id = ?"
			                    " AND date = ? AND deleted_at IS NULL LIMIT 1",
			                    &d->probe, e);
			if (ret != MP_OK)
				return ret;
		}
		st = d->probe;
		rc = sqlite3_bind_int64(st, 1, strtoll(d->volunteer, NULL, 10));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, d->date, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return mp_db_fail(db, rc, e);
		d->checked = rc == SQLITE_ROW ? -1 : 1;
	}
	if (d->checked < 0)
		return MP_OK;
	h = hundredths(r->v[H_HOURS]);
	if (r->v[H_ACTIVITY][0] || d->n == PLAIN_PER_DAY || h <= 0
	    || d->hundredths + h > DAY_LIMIT) {
		d->checked = -1;
		return MP_OK;
	}
	for (i = 0; i < d->n; i++)
		if (!strcmp(d->content[i], r->v[H_CONTENT])) {
			d->checked = -1;
			return MP_OK;
		}
	d->content[d->n++] = mp_strdup(r->v[H_CONTENT]);
	d->hundredths += h;
	*plain = 1;
	return MP_OK;
}

/* "郭晓明 2026-12-01 3.5 小时": whose service, when, how long. */
static void hours_describe(mp_db *db, const mp_record *r, char *buf,
                           size_t size)
{
	static const int who_when[] = { H_VOLUNTEER, H_DATE };
	char hours[64];
	size_t used;

	mp_describe_fields(db, r, buf, size, 2, who_when);
	used = strlen(buf);
	if (!r->v[H_HOURS][0] || used >= size)
		return;
	/* TRANSLATORS: a service record's hours: 3.5 小时. */
	snprintf(hours, sizeof hours, _("%s hours"), r->v[H_HOURS]);
	snprintf(buf + used, size - used, "%s%s", used ? " " : "", hours);
}

const mp_table mp_hours = {
	.name = "hours",
	.title_en = N_("Service records"),
	.unit_en = N_("service record"),
	.fields = hours_fields,
	.nfields = H__COUNT,
	.sorts = hours_sorts,
	.nsorts = sizeof hours_sorts / sizeof hours_sorts[0],
	.check = hours_check,
	.defaults = hours_defaults,
	.tflags = MP_T_CHANGELOG,
	.prepare = hours_prepare,
	.warn = hours_warn,
	/* import and export */
	.dupkey = hours_dupkey,
	.ndupkey = sizeof hours_dupkey / sizeof hours_dupkey[0],
	.bulk_late_indexes = hours_late,
	.bulk_count_triggers = hours_count,
	/* The months' sums from the days' sums: the days come in the order
	 * of hours_counted, which the scan reads (no sort of every row), and
	 * only their few hundred sums are sorted into months. */
	.bulk_recount = "INSERT INTO month_stats (month, hours)"
	                " SELECT substr(d, 1, 7), round(sum(h), 2) FROM"
	                " (SELECT date AS d, sum(ifnull(hours, 0)) AS h"
	                HOURS_NEW_COUNTED " GROUP BY date)"
	                " GROUP BY 1 ORDER BY 1"
	                " ON CONFLICT (month) DO UPDATE"
	                " SET hours = round(hours + excluded.hours, 2);"
	                "INSERT INTO year_hours (year, volunteer_id, cents, records)"
	                " SELECT substr(date, 1, 4), volunteer_id,"
	                " sum(CAST(round(ifnull(hours, 0) * 100) AS INTEGER)), count(*)"
	                HOURS_NEW_COUNTED " GROUP BY 1, 2 ORDER BY 1, 2"
	                " ON CONFLICT (year, volunteer_id) DO UPDATE"
	                " SET cents = cents + excluded.cents,"
	                " records = records + excluded.records",
	.bulk_order = hours_order,
	.nbulk_order = sizeof hours_order / sizeof hours_order[0],
	.bulk_plain = hours_bulk_plain,
	.describe = hours_describe,
};

/* ---- entering many at once ---- */

mp_record *mp_hours_from_activity(const mp_config *cfg,
                                  const mp_record *activity,
                                  int64_t volunteer_id)
{
	mp_record *r = mp_record_new(&mp_hours, cfg);
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)volunteer_id);
	mp_record_set(r, H_VOLUNTEER, buf);
	if (activity->id > 0) {
		snprintf(buf, sizeof buf, "%lld", (long long)activity->id);
		mp_record_set(r, H_ACTIVITY, buf);
	}
	mp_record_set(r, H_GROUP, activity->v[ACT_GROUP]);
	mp_record_set(r, H_DATE, activity->v[ACT_DATE]);
	mp_record_set(r, H_PLACE, activity->v[ACT_PLACE]);
	mp_record_set(r, H_CONTENT, activity->v[ACT_NAME]);
	mp_activity_duration(activity, buf, sizeof buf);
	/* No times, no duration: the hours are left for the user to type. */
	mp_record_set(r, H_HOURS, strcmp(buf, "0") ? buf : "");
	return r;
}

struct identity {
	int64_t id;
	char uuid[37], created[20], updated[20];
};

int mp_hours_save_batch(mp_db *db, const mp_config *cfg, mp_record **recs,
                        int n, mp_err *e)
{
	struct identity *was;
	int i, ret, failed = -1;

	mp_err_clear(e);
	if (n <= 0)
		return MP_OK;
	was = calloc((size_t)n, sizeof *was);
	if (!was)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	for (i = 0; i < n; i++) {
		was[i].id = recs[i]->id;
		memcpy(was[i].uuid, recs[i]->uuid, sizeof was[i].uuid);
		memcpy(was[i].created, recs[i]->created, sizeof was[i].created);
		memcpy(was[i].updated, recs[i]->updated, sizeof was[i].updated);
	}
	ret = mp_db_begin(db, e);
	for (i = 0; i < n && ret == MP_OK; i++) {
		int64_t other = 0;
		char desc[512];

		/* An exact repeat of a record already there (or of one earlier
		 * in this batch) is refused, naming it: entering an activity's
		 * hours twice must not count them twice. */
		ret = mp_hours_duplicate(db, recs[i], &other, desc, sizeof desc, e);
		if (ret == MP_OK && other) {
			ret = mp_err_field(e, MP_EDUP, H_VOLUNTEER,
			                   _("already recorded: %s"), desc);
			e->other_id = other;
		}
		if (ret == MP_OK)
			ret = mp_record_save(db, cfg, recs[i], e);
		if (ret != MP_OK)
			failed = i;
	}
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK) {
		char name[256];
		char *msg;

		mp_db_rollback(db);
		/* The records saved before the failure were rolled back with
		 * it: they are new again, as the caller gave them. */
		for (i = 0; i < n; i++) {
			recs[i]->id = was[i].id;
			memcpy(recs[i]->uuid, was[i].uuid, sizeof was[i].uuid);
			memcpy(recs[i]->created, was[i].created, sizeof was[i].created);
			memcpy(recs[i]->updated, was[i].updated, sizeof was[i].updated);
			if (was[i].id == 0) {   /* set by prepare; set again next time */
				mp_record_set(recs[i], H_RECORDER, "");
				mp_record_set(recs[i], H_RECORDED_AT, "");
				mp_record_set(recs[i], H_LATE, "");
			}
		}
		if (failed >= 0 && recs[failed]->v[H_VOLUNTEER][0]
		    && volunteer_name(db, recs[failed]->v[H_VOLUNTEER], name,
		                      sizeof name, NULL) == MP_OK) {
			msg = mp_asprintf(_("%s: %s"), name, e->msg);
			snprintf(e->msg, sizeof e->msg, "%s", msg);
			free(msg);
		}
		e->index = failed;
	}
	free(was);
	return ret;
}

/* ---- totals ---- */

int mp_volunteer_hours(mp_db *db, int64_t volunteer_id, double *total,
                       double *this_year, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char today[11], from[11], to[11];
	int rc, ret;

	mp_err_clear(e);
	if (total)
		*total = 0;
	if (this_year)
		*this_year = 0;
	mp_today(today);
	snprintf(from, sizeof from, "%.4s-01-01", today);
	snprintf(to, sizeof to, "%.4s-12-31", today);
	ret = mp_db_cached(db, "SELECT ifnull(sum(round(hours * 100)), 0),"
	                    " ifnull(sum(CASE WHEN date BETWEEN ?2 AND ?3"
	                    " THEN round(hours * 100) END), 0) FROM hours"
	                    " WHERE deleted_at IS NULL AND volunteer_id = ?1"
	                    " AND counts = '是'", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, volunteer_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (total)
			*total = sqlite3_column_double(st, 0) / 100.0;
		if (this_year)
			*this_year = sqlite3_column_double(st, 1) / 100.0;
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

int mp_group_hours(mp_db *db, int64_t group_id, double *total,
                   long *volunteers, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	mp_err_clear(e);
	if (total)
		*total = 0;
	if (volunteers)
		*volunteers = 0;
	ret = mp_db_cached(db, "SELECT ifnull(sum(round(hours * 100)), 0),"
	                    " count(DISTINCT volunteer_id) FROM hours"
	                    " WHERE deleted_at IS NULL AND group_id = ?"
	                    " AND counts = '是'", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, group_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (total)
			*total = sqlite3_column_double(st, 0) / 100.0;
		if (volunteers)
			*volunteers = (long)sqlite3_column_int64(st, 1);
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}
