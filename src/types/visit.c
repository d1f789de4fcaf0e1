/* visit.c — supervision visits (督导) and their follow-ups.
 *
 * A visit may set a date by which the group is to act on the advice
 * (跟进期限).  That follow-up stays open until both the date it was done
 * and a note of what was done are filled in: a date alone is a promise,
 * not evidence. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "report_parts.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* Open follow-ups, written exactly as in the partial index visits_open_due
 * (src/db.c) so that SQLite can use it. */
#define OPEN_FOLLOWUP "(done_date IS NULL OR done_note IS NULL)"

static const mp_field visit_fields[VI__COUNT] = {
	[VI_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 14, .hint = N_("Enter: pick the group visited"),
		.ref = &mp_groups },
	[VI_DATE] = { .col = "date", .label_zh = "日期", .label_en = N_("Visit date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[VI_SUPERVISOR] = { .col = "supervisor", .label_zh = "督导人", .label_en = N_("Supervisor"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8, .hint = N_("Who made the visit") },
	[VI_AGENCY] = { .col = "agency", .label_zh = "督导机构", .label_en = N_("Supervising agency"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 10,
		.hint = N_("The organization the supervisor came from, e.g. a third-party agency") },
	[VI_KIND] = { .col = "kind", .label_zh = "类型", .label_en = N_("Visit type"),
		.kind = MP_K_CHOICE, .choice = MP_CH_VISIT_KIND,
		.hint = HINT_CHOICE },
	[VI_FINDINGS] = { .col = "findings", .label_zh = "发现问题", .label_en = N_("Findings"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("What the supervisor found") },
	[VI_ADVICE] = { .col = "advice", .label_zh = "改进建议", .label_en = N_("Advice"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("What the group is asked to improve") },
	[VI_RATING] = { .col = "rating", .label_zh = "评价", .label_en = N_("Rating"),
		.kind = MP_K_CHOICE, .choice = MP_CH_RATING, .flags = MP_F_LIST,
		.list_width = 4, .hint = HINT_CHOICE },
	[VI_DUE] = { .col = "due", .label_zh = "跟进期限", .label_en = N_("Follow-up due"),
		.kind = MP_K_DATE, .flags = MP_F_LIST,
		.maxlen = 10, .list_width = 10,
		.hint = N_("YYYY-MM-DD: by when the group is to act on the advice") },
	[VI_DONE_DATE] = { .col = "done_date", .label_zh = "跟进完成日期", .label_en = N_("Follow-up done on"),
		.kind = MP_K_DATE,
		.maxlen = 10,
		.hint = N_("YYYY-MM-DD; the follow-up is done once this and the notes are filled in") },
	[VI_DONE_NOTE] = { .col = "done_note", .label_zh = "跟进情况", .label_en = N_("Follow-up notes"),
		.kind = MP_K_LONGTEXT,
		.maxlen = 500, .hint = N_("What the group did about the advice") },
};

static const mp_sort visit_sorts[] = {
	{ N_("by visit date"), "date", 1 },
	{ N_("by follow-up due date"), "due", 0 },
	{ N_("by date added"), "id", 1 },
};

static const mp_preset visit_presets[] = {
	[VI_PRESET_OVERDUE] = { N_("Overdue follow-ups"),
		"due IS NOT NULL AND due < ?1 AND " OPEN_FOLLOWUP },
	[VI_PRESET_DUE_SOON] = { N_("Follow-ups due soon"),
		"due >= ?1 AND due <= ?2 AND " OPEN_FOLLOWUP },
};

static void visit_defaults(const mp_config *cfg, mp_record *r)
{
	const mp_strlist *l = mp_config_choices(cfg, MP_CH_VISIT_KIND);

	if (mp_strlist_find(l, "督导") >= 0 || l->n == 0)
		mp_record_set(r, VI_KIND, "督导");
	else
		mp_record_set(r, VI_KIND, l->v[0]);
}

static int visit_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = visit_fields;
	char *const *v = r->v;
	char today[11];

	(void)db;
	(void)cfg;
	if (v[VI_DUE][0] && strcmp(v[VI_DUE], v[VI_DATE]) < 0)
		return mp_err_field(e, MP_EINVAL, VI_DUE, _("%s: %s is before the visit date %s"),
		                    mp_field_label(&f[VI_DUE]), v[VI_DUE], v[VI_DATE]);
	if (v[VI_DONE_DATE][0] && strcmp(v[VI_DONE_DATE], v[VI_DATE]) < 0)
		return mp_err_field(e, MP_EINVAL, VI_DONE_DATE, _("%s: %s is before the visit date %s"),
		                    mp_field_label(&f[VI_DONE_DATE]), v[VI_DONE_DATE], v[VI_DATE]);
	mp_today(today);
	if (v[VI_DONE_DATE][0] && strcmp(v[VI_DONE_DATE], today) > 0)
		return mp_err_field(e, MP_EINVAL, VI_DONE_DATE, _("%s: %s is in the future"),
		                    mp_field_label(&f[VI_DONE_DATE]), v[VI_DONE_DATE]);
	return MP_OK;
}

/* An import skips a visit to the same group on the same date by the same
 * supervisor. */
static const int visit_dupkey[] = { VI_GROUP, VI_DATE, VI_SUPERVISOR };

/* "东湖社区老年志愿服务队 2026-11-20": which group, when. */
static void visit_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { VI_GROUP, VI_DATE };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_visits = {
	.name = "visits",
	.title_en = N_("Supervision visits"),
	.unit_en = N_("visit"),
	.fields = visit_fields,
	.nfields = VI__COUNT,
	.sorts = visit_sorts,
	.nsorts = sizeof visit_sorts / sizeof visit_sorts[0],
	.check = visit_check,
	.defaults = visit_defaults,
	.presets = visit_presets,
	.npresets = sizeof visit_presets / sizeof visit_presets[0],
	.report = mp_visit_report,
	/* import and export */
	.dupkey = visit_dupkey,
	.ndupkey = sizeof visit_dupkey / sizeof visit_dupkey[0],
	.describe = visit_describe,
};

enum mp_followup mp_visit_followup(const mp_record *visit, const char *today,
                                   int days)
{
	char *const *v = visit->v;
	char soon[11];

	if (v[VI_DONE_DATE][0] && v[VI_DONE_NOTE][0])
		return MP_FU_DONE;
	if (!v[VI_DUE][0])
		return MP_FU_NONE;
	if (strcmp(v[VI_DUE], today) < 0)
		return MP_FU_OVERDUE;
	if (mp_date_add_days(today, days, soon) == 0 && strcmp(v[VI_DUE], soon) <= 0)
		return MP_FU_DUE_SOON;
	return MP_FU_OPEN;
}

/* ---- open follow-ups ---- */

static char *text_col(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return mp_strdup(s ? s : "");
}

void mp_dues_free(mp_due *d, int n)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < n; i++) {
		free(d[i].group);
		free(d[i].supervisor);
		free(d[i].advice);
	}
	free(d);
}

int mp_visits_due(mp_db *db, int days, int max, mp_due **out, int *n,
                  mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char today[11], until[11];
	mp_due *d = NULL;
	int rc, ret, got = 0, cap = 0;

	*out = NULL;
	*n = 0;
	mp_today(today);
	if (mp_date_add_days(today, days, until) != 0)
		return mp_err_set(e, MP_EINVAL, _("today's date %s is not a date"), today);
	/* max <= 0: all of them (the command line). */
	ret = mp_db_prepare(db, "SELECT v.id, v.due, g.name, v.supervisor, v.advice"
	                    " FROM visits v JOIN groups g ON g.id = v.group_id"
	                    " WHERE v.deleted_at IS NULL AND v.due IS NOT NULL"
	                    " AND v.due <= ?1"
	                    " AND (v.done_date IS NULL OR v.done_note IS NULL)"
	                    " ORDER BY v.due, v.id LIMIT ?2", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, max > 0 ? max : -1);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_due *x;

		if (got == cap) {
			mp_due *bigger;

			cap = cap ? cap * 2 : 16;
			bigger = realloc(d, (size_t)cap * sizeof *d);
			if (!bigger)
				mp_oom();
			d = bigger;
		}
		x = &d[got++];
		memset(x, 0, sizeof *x);
		x->visit_id = sqlite3_column_int64(st, 0);
		snprintf(x->due, sizeof x->due, "%s",
		         (const char *)sqlite3_column_text(st, 1));
		x->group = text_col(st, 2);
		x->supervisor = text_col(st, 3);
		x->advice = text_col(st, 4);
		x->overdue = strcmp(x->due, today) < 0;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		mp_dues_free(d, got);
	} else {
		*out = d;
		*n = got;
	}
	sqlite3_finalize(st);
	return ret;
}

/* s into buf of size bytes, cut at a character boundary. */
static void copy_utf8(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 1;
		/* Back off continuation bytes so no character is cut. */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

int mp_group_visits(mp_db *db, int64_t group_id, char rating[8],
                    char next_due[11], mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	rating[0] = '\0';
	next_due[0] = '\0';
	/* The latest visit that gave a rating, and the earliest open
	 * follow-up (overdue ones included). */
	ret = mp_db_prepare(db, "SELECT"
	                    " (SELECT rating FROM visits WHERE deleted_at IS NULL"
	                    "  AND group_id = ?1 AND rating IS NOT NULL"
	                    "  ORDER BY date DESC, id DESC LIMIT 1),"
	                    " (SELECT min(due) FROM visits WHERE deleted_at IS NULL"
	                    "  AND group_id = ?1 AND due IS NOT NULL"
	                    "  AND (done_date IS NULL OR done_note IS NULL))", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, group_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		const char *d = (const char *)sqlite3_column_text(st, 1);

		copy_utf8(rating, 8, r ? r : "");
		copy_utf8(next_due, 11, d ? d : "");
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	sqlite3_finalize(st);
	return ret;
}
