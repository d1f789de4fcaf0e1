/* obs.c — observation points (观察点), their observation records (观察记录)
 * and the scores of each record per dimension (得分).
 *
 * A point observes a group, a community or a township for a period, on
 * dimensions from the settings (培育发展, 能力提升 …), followed by a third
 * party.  Its state moves by the workflow engine (观察中 → 期满 /
 * 遴选为示范 / 撤销), dated, with its history; 撤销 asks why.  Each
 * observation is dated within the point's period; its scores are child
 * rows, one per dimension, 0-100.
 *
 * The group's old field 观察点 is the current value: triggers made by
 * schema step 13 (mp_obs_schema_step) keep it from the group's live
 * points in the same transaction as each write, and make a point for a
 * group saved with a level (a CSV import of the old column), so that the
 * group list, its filters and the annual report read it as before. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_obs.h"
#include "mp_schema.h"
#include "mp_steps.h"
#include "mp_text.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")
#define MAX_DIMS 16

const char *const mp_obs_state_names[OPS__COUNT + 1] = {
	[OPS_OBSERVING] = "观察中",
	[OPS_EXPIRED] = "期满",
	[OPS_MODEL] = "遴选为示范",
	[OPS_REVOKED] = "撤销",
	[OPS__COUNT] = NULL,
};

static int64_t id_of(const char *s)
{
	return s && *s ? strtoll(s, NULL, 10) : 0;
}

/* The first column of sql's first row (one integer parameter a, then
 * optionally a text b, then an integer c) as text into out, "" when no
 * row. */
static int one_text(mp_db *db, const char *sql, int64_t a, const char *b,
                    int64_t c, char *out, size_t size, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = mp_db_cached(db, sql, &st, e), p = 2;

	out[0] = '\0';
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, a);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(st, p++, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= p)
		rc = sqlite3_bind_int64(st, p, c);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		snprintf(out, size, "%s", s ? s : "");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

int mp_obs_dimensions(const mp_config *cfg, const char *list,
                      char names[][64], int max)
{
	int n = 0;

	if (!list || !*list) {
		const mp_strlist *l = mp_config_choices(cfg, MP_CH_OBS_DIMENSION);

		for (int i = 0; i < l->n && n < max; i++)
			snprintf(names[n++], 64, "%s", l->v[i]);
		return n;
	}
	/* Separated by 、 , ， ; ； or spaces. */
	while (*list && n < max) {
		static const char *const seps[] = { "、", "，", "；", ",", ";", " ", NULL };
		size_t len = strlen(list), cut = len, skip = 0;

		for (int k = 0; seps[k]; k++) {
			const char *p = strstr(list, seps[k]);

			if (p && (size_t)(p - list) < cut) {
				cut = (size_t)(p - list);
				skip = strlen(seps[k]);
			}
		}
		if (cut > 0 && cut < 64) {
			memcpy(names[n], list, cut);
			names[n++][cut] = '\0';
		}
		list += cut + skip;
	}
	return n;
}

/* ---- the points ---- */

static const mp_field point_fields[OP__COUNT] = {
	[OP_NAME] = { .col = "name", .label_zh = "观察点名称", .label_en = N_("Point name"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 18,
		.hint = N_("Empty: the name of the group, community or township observed") },
	[OP_TARGET] = { .col = "target_kind", .label_zh = "对象类型", .label_en = N_("What is observed"),
		.kind = MP_K_CHOICE, .choice = MP_CH_OBS_TARGET, .initial = MP_OBS_TARGET_GROUP,
		.flags = MP_F_REQUIRED | MP_F_FILTER, .hint = N_("Enter: a group, a community or a township") },
	[OP_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		/* Not searched itself: the name holds the group's (and a searched
		 * reference would keep the table out of the search index). */
		.kind = MP_K_REF,
		.hint = N_("Enter: pick the group observed (when it is a group)"), .ref = &mp_groups },
	[OP_PLACE] = { .col = "place", .label_zh = "社区/乡镇(街道)", .label_en = N_("Community or township"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 40,
		.hint = N_("The community or township observed (when it is not a group)") },
	[OP_LEVEL] = { .col = "level", .label_zh = "观察层级", .label_en = N_("Observation level"),
		.kind = MP_K_CHOICE, .choice = MP_CH_OBSERVATION,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 6,
		.hint = N_("Enter: 县级, 市级 or 省级 (the settings' levels of observation point)") },
	[OP_DESIGNATED] = { .col = "designated_by", .label_zh = "指定单位", .label_en = N_("Designated by"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 60,
		.hint = N_("Who made it an observation point, e.g. 市民政局") },
	[OP_FROM] = { .col = "start_date", .label_zh = "观察期起", .label_en = N_("Observed from"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[OP_TO] = { .col = "end_date", .label_zh = "观察期止", .label_en = N_("Observed until"),
		.kind = MP_K_DATE, .flags = MP_F_LIST,
		.maxlen = 10, .list_width = 10, .hint = N_("YYYY-MM-DD; empty while no end is set") },
	[OP_DIMENSIONS] = { .col = "dimensions", .label_zh = "观察维度", .label_en = N_("Dimensions observed"),
		.kind = MP_K_TEXT, .maxlen = 200,
		.hint = N_("Separated by 、; empty: the settings' dimensions") },
	[OP_THIRD_PARTY] = { .col = "third_party", .label_zh = "第三方机构", .label_en = N_("Third party"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 60,
		.hint = N_("The agency that follows it (跟踪督导和绩效评估)") },
	[OP_STATE] = { .col = "state", .label_zh = "状态", .label_en = N_("State"),
		.kind = MP_K_CHOICE, .choice = MP_CH_OBS_STATE,
		.flags = MP_F_AUTO | MP_F_LIST | MP_F_FILTER, .list_width = 8,
		.hint = N_("Moved on with the key for the next step, never typed") },
	[OP_STATE_DATE] = { .col = "state_date", .label_zh = "状态日期", .label_en = N_("State since"),
		.kind = MP_K_DATE, .flags = MP_F_AUTO, .maxlen = 10,
		.hint = N_("The date of the last change of state") },
	[OP_REASON] = { .col = "reason", .label_zh = "撤销原因", .label_en = N_("Reason revoked"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_AUTO, .maxlen = 300,
		.hint = N_("Why it was revoked") },
	[OP_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort point_sorts[] = {
	{ N_("by start of the period"), "start_date", 1 },
	{ N_("by name"), "name", 0 },
	{ N_("by date added"), "id", 1 },
};

static void point_defaults(const mp_config *cfg, mp_record *r)
{
	const mp_strlist *l = mp_config_choices(cfg, MP_CH_OBSERVATION);

	/* The first level that is one: the list is the old field's, 无 first. */
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], "无")) {
			mp_record_set(r, OP_LEVEL, l->v[i]);
			break;
		}
}

/* The name, left empty, is what is observed; a new point's state dates
 * from the start of its period. */
static int point_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e)
{
	(void)cfg;
	if (!r->v[OP_NAME][0]) {
		char name[256];
		int ret;

		name[0] = '\0';
		if (id_of(r->v[OP_GROUP])) {
			ret = one_text(db, "SELECT name FROM groups WHERE id = ?1",
			               id_of(r->v[OP_GROUP]), NULL, 0, name, sizeof name, e);
			if (ret != MP_OK)
				return ret;
		}
		mp_record_set(r, OP_NAME, name[0] ? name : r->v[OP_PLACE]);
	}
	/* A new point is observed from the start of its period, not from the
	 * day it was entered (the engine's start gives today); an imported
	 * one keeps the date of its state.  (The fields typed are checked,
	 * their dates normalised, already.) */
	if (r->id == 0 && r->v[OP_FROM][0]
	    && !strcmp(r->v[OP_STATE], mp_obs_state_names[OPS_OBSERVING])) {
		char today[11];

		mp_today(today);
		if (!r->v[OP_STATE_DATE][0] || !strcmp(r->v[OP_STATE_DATE], today))
			mp_record_set(r, OP_STATE_DATE, r->v[OP_FROM]);
	}
	return MP_OK;
}

static int point_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = point_fields;
	char *const *v = r->v;
	int group = !strcmp(v[OP_TARGET], MP_OBS_TARGET_GROUP);

	(void)db;
	if (!strcmp(v[OP_LEVEL], "无"))
		return mp_err_field(e, MP_EINVAL, OP_LEVEL, _("%s: an observation point has a level (县级, 市级 or 省级), not 无"),
		                    mp_field_label(&f[OP_LEVEL]));
	if (group && !v[OP_GROUP][0])
		return mp_err_field(e, MP_EINVAL, OP_GROUP, _("%s: pick the group observed"),
		                    mp_field_label(&f[OP_GROUP]));
	if (!group && v[OP_GROUP][0])
		return mp_err_field(e, MP_EINVAL, OP_GROUP, _("%s: only a point that observes a group names one; empty it or make 对象类型 组织"),
		                    mp_field_label(&f[OP_GROUP]));
	if (!group && !v[OP_PLACE][0])
		return mp_err_field(e, MP_EINVAL, OP_PLACE, _("%s: name the community or township observed"),
		                    mp_field_label(&f[OP_PLACE]));
	if (!v[OP_NAME][0])
		return mp_err_field(e, MP_EINVAL, OP_NAME, _("%s: required"),
		                    mp_field_label(&f[OP_NAME]));
	if (v[OP_TO][0] && strcmp(v[OP_TO], v[OP_FROM]) < 0)
		return mp_err_field(e, MP_EINVAL, OP_TO, _("%s: %s is before the start of the period %s"),
		                    mp_field_label(&f[OP_TO]), v[OP_TO], v[OP_FROM]);
	if (v[OP_DIMENSIONS][0]) {
		const mp_strlist *l = mp_config_choices(cfg, MP_CH_OBS_DIMENSION);
		char names[MAX_DIMS][64];
		int n = mp_obs_dimensions(cfg, v[OP_DIMENSIONS], names, MAX_DIMS);

		if (n == 0)
			return mp_err_field(e, MP_EINVAL, OP_DIMENSIONS, _("%s: name at least one dimension, separated by 、"),
			                    mp_field_label(&f[OP_DIMENSIONS]));
		for (int i = 0; i < n; i++)
			if (l->n > 0 && mp_strlist_find(l, names[i]) < 0)
				return mp_err_field(e, MP_EINVAL, OP_DIMENSIONS, _("%s: “%s” is not one of the settings' dimensions"),
				                    mp_field_label(&f[OP_DIMENSIONS]), names[i]);
	}
	return MP_OK;
}

/* The scores of a point's observations, oldest first: the date, the
 * dimension and the score in tenths, through cb. */
static int each_score(mp_db *db, int64_t point_id,
                      void (*cb)(void *arg, const char *date, const char *dim,
                                 long tenths), void *arg, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = mp_db_cached(db, "SELECT o.date, s.dimension, s.score"
	                           " FROM observations o JOIN obs_scores s ON s.obs_id = o.id"
	                           " WHERE o.point_id = ?1 AND o.deleted_at IS NULL"
	                           " AND s.deleted_at IS NULL AND s.score IS NOT NULL"
	                           " ORDER BY o.date, o.id", &st, e);

	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, point_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		const char *m = (const char *)sqlite3_column_text(st, 1);

		cb(arg, d ? d : "", m ? m : "", (long)sqlite3_column_int64(st, 2));
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

#define CHART_DATES 64

struct chart {
	char names[MAX_DIMS][64];
	int ndims;
	char dates[CHART_DATES][11];
	int ndates, dropped;
	long score[MAX_DIMS][CHART_DATES];   /* tenths; -1 none */
};

static void chart_add(void *arg, const char *date, const char *dim, long tenths)
{
	struct chart *c = arg;
	int d, k;

	for (d = 0; d < c->ndims && strcmp(c->names[d], dim); d++)
		;
	if (d == c->ndims) {
		if (c->ndims == MAX_DIMS)
			return;
		snprintf(c->names[c->ndims++], 64, "%s", dim);
		for (k = 0; k < CHART_DATES; k++)
			c->score[d][k] = -1;
	}
	if (c->ndates == 0 || strcmp(c->dates[c->ndates - 1], date)) {
		if (c->ndates == CHART_DATES) {
			/* Only the latest fit: the oldest date goes. */
			memmove(c->dates, c->dates + 1, sizeof c->dates[0] * (CHART_DATES - 1));
			for (int i = 0; i < MAX_DIMS; i++)
				memmove(c->score[i], c->score[i] + 1, sizeof c->score[i][0] * (CHART_DATES - 1));
			c->ndates--;
			c->dropped++;
		}
		snprintf(c->dates[c->ndates], 11, "%s", date);
		for (int i = 0; i < MAX_DIMS; i++)
			c->score[i][c->ndates] = -1;
		c->ndates++;
	}
	c->score[d][c->ndates - 1] = tenths;
}

void mp_obs_chart(mp_db *db, const mp_config *cfg, int64_t point_id,
                  int width, char *buf, size_t size)
{
	static const char *const blocks[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	struct chart *c = calloc(1, sizeof *c);
	mp_record *p = NULL;
	size_t used = 0;
	int lw = 0, first, d, k;

	if (size > 0)
		buf[0] = '\0';
	if (!c)
		mp_oom();
	/* The point's dimensions first, in its order; any other scored
	 * dimension after them. */
	if (mp_record_load(db, &mp_obs_points, point_id, &p, NULL) == MP_OK) {
		c->ndims = mp_obs_dimensions(cfg, p->v[OP_DIMENSIONS], c->names, MAX_DIMS);
		for (d = 0; d < c->ndims; d++)
			for (k = 0; k < CHART_DATES; k++)
				c->score[d][k] = -1;
	}
	mp_record_free(p);
	if (each_score(db, point_id, chart_add, c, NULL) != MP_OK || c->ndates == 0) {
		free(c);
		return;
	}
	for (d = 0; d < c->ndims; d++) {
		int w = mp_text_width(c->names[d]);

		if (w > lw)
			lw = w;
	}
	/* label, a space, the blocks, a space, the first and the latest
	 * score shown ("58→78.5", up to 11). */
	first = c->ndates - (width - lw - 13);
	if (first < 0)
		first = 0;
	for (d = 0; d < c->ndims; d++) {
		long last = -1, from = -1;
		int nscores = 0, any = 0;
		char num[16], num0[16];

		/* A dimension never scored has no line (the settings' when the
		 * point names none may not be those it was scored on). */
		for (k = first; k < c->ndates; k++)
			any |= c->score[d][k] >= 0;
		if (!any)
			continue;

		used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s%s%*s ",
		                         used ? "\n" : "", c->names[d],
		                         lw - mp_text_width(c->names[d]), "");
		for (k = first; k < c->ndates; k++) {
			long t = c->score[d][k];

			if (t >= 0) {
				if (from < 0)
					from = t;
				last = t;
				nscores++;
			}
			used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s",
			                         t < 0 ? "·" : blocks[t >= 1000 ? 7 : t * 8 / 1000]);
		}
		if (nscores > 1)
			used += (size_t)snprintf(buf + used, used < size ? size - used : 0, " %s→%s",
			                         mp_decimal_format(from, 1, num0, sizeof num0),
			                         mp_decimal_format(last, 1, num, sizeof num));
		else if (last >= 0)
			used += (size_t)snprintf(buf + used, used < size ? size - used : 0, " %s",
			                         mp_decimal_format(last, 1, num, sizeof num));
		if (used >= size) {
			/* Cut at the last whole line. */
			char *nl = strrchr(buf, '\n');

			if (nl)
				*nl = '\0';
			break;
		}
	}
	free(c);
}

/* "观察中 · 观察 3 次，最近 2026-05-01 · 下次观察 2026-11-01", then the chart
 * of each dimension's scores, a line each. */
static void point_summary(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	mp_config cfg;
	char last[11], count[24];
	size_t used;

	buf[0] = '\0';
	if (!r->id)
		return;
	if (one_text(db, "SELECT count(*) FROM observations WHERE deleted_at IS NULL"
	             " AND point_id = ?1", r->id, NULL, 0, count, sizeof count, NULL) != MP_OK
	    || one_text(db, "SELECT max(date) FROM observations WHERE deleted_at IS NULL"
	                " AND point_id = ?1", r->id, NULL, 0, last, sizeof last, NULL) != MP_OK)
		return;
	if (last[0])
		snprintf(buf, size, _("%s · observed %s times, last on %s"), r->v[OP_STATE], count, last);
	else
		snprintf(buf, size, _("%s · not observed yet"), r->v[OP_STATE]);
	/* The chart reads the dimensions' settings only when the point names
	 * none: the built-in ones stand for them here. */
	mp_config_defaults(&cfg);
	used = strlen(buf);
	if (used + 1 < size) {
		buf[used] = '\n';
		mp_obs_chart(db, &cfg, r->id, 78, buf + used + 1, size - used - 1);
		if (!buf[used + 1])
			buf[used] = '\0';
	}
	mp_config_free(&cfg);
}

static void point_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { OP_NAME, OP_LEVEL };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

static const mp_child point_children[] = {
	{ N_("Observation records"), &mp_observations, OR_POINT },
	{ N_("State history"), &mp_obs_point_states, WH_RECORD },
};

static const mp_findby point_findby[] = {
	{ OP_NAME, NULL, MP_FIND_CELL },
};

/* The overview's due points and the group's current level. */
static const mp_index point_indexes[] = {
	{ "obs_points_live_state", "state, start_date", MP_I_LIVE, NULL },
};

static const mp_wf_step point_steps[] = {
	{ OPS_OBSERVING, OPS_EXPIRED, N_("The period is over"), 0, NULL },
	{ OPS_OBSERVING, OPS_MODEL, N_("Selected as a model"), 0, NULL },
	{ OPS_EXPIRED, OPS_MODEL, N_("Selected as a model"), 0, NULL },
	{ OPS_OBSERVING, OPS_REVOKED, N_("Revoke it"), MP_WF_REASON, NULL },
};

const mp_workflow mp_obs_workflow = {
	.states = mp_obs_state_names,
	.nstates = OPS__COUNT,
	.steps = point_steps,
	.nsteps = sizeof point_steps / sizeof point_steps[0],
	.state_field = OP_STATE,
	.date_field = OP_STATE_DATE,
	.reason_field = OP_REASON,
	.amount_field = -1,
	.history = &mp_obs_point_states,
};

const mp_table mp_obs_points = {
	.name = "obs_points",
	.title_en = N_("Observation points"),
	.unit_en = N_("observation point"),
	.fields = point_fields,
	.nfields = OP__COUNT,
	.sorts = point_sorts,
	.nsorts = sizeof point_sorts / sizeof point_sorts[0],
	.check = point_check,
	.defaults = point_defaults,
	.prepare = point_prepare,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.summary = point_summary,
	.children = point_children,
	.nchildren = sizeof point_children / sizeof point_children[0],
	.report = mp_obs_report,
	.findby = point_findby,
	.nfindby = sizeof point_findby / sizeof point_findby[0],
	/* No duplicate rule: a point that stands in for its group's (made
	 * when the groups came in) is alike in every field to the one the
	 * file brings, which takes its place (obs_points_stand_in). */
	.indexes = point_indexes,
	.nindexes = sizeof point_indexes / sizeof point_indexes[0],
	.describe = point_describe,
	.workflow = &mp_obs_workflow,
};

/* ---- the history of a point's states ---- */

static const mp_field state_fields[WH__COUNT] = {
	[WH_RECORD] = { .col = "point_id", .label_zh = "观察点", .label_en = N_("Observation point"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 16,
		.hint = N_("Enter: pick the observation point"), .ref = &mp_obs_points },
	[WH_FROM] = { .col = "from_state", .label_zh = "原状态", .label_en = N_("From"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("The state before the change") },
	[WH_TO] = { .col = "to_state", .label_zh = "新状态", .label_en = N_("To"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("The state after the change") },
	[WH_DATE] = { .col = "date", .label_zh = "日期", .label_en = N_("Date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 10,
		.list_width = 10, .hint = HINT_DATE },
	[WH_REASON] = { .col = "reason", .label_zh = "原因", .label_en = N_("Reason"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 14,
		.hint = N_("Why, when the step asked") },
	[WH_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .maxlen = 20, .hint = N_("The amount the step set") },
	[WH_BY] = { .col = "recorded_by", .label_zh = "记录人", .label_en = N_("Recorded by"),
		.kind = MP_K_TEXT, .maxlen = 60, .hint = N_("Who recorded the change") },
};

static const mp_sort state_sorts[] = {
	{ N_("by date added"), "id", 0 },
};

/* The history is what happened: written by the step, never corrected. */
static int state_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	(void)db;
	(void)cfg;
	if (r->id > 0)
		return mp_err_set(e, MP_EINVAL, _("A change of state is kept as it was recorded; it cannot be corrected"));
	return MP_OK;
}

static void state_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { WH_RECORD, WH_TO, WH_DATE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const int state_dupkey[] = { WH_RECORD, WH_TO, WH_DATE };

const mp_table mp_obs_point_states = {
	.name = "obs_states",
	.title_en = N_("Observation point states"),
	.unit_en = N_("change of state"),
	.fields = state_fields,
	.nfields = WH__COUNT,
	.sorts = state_sorts,
	.nsorts = 1,
	.check = state_check,
	.tflags = MP_T_DECLARED,
	.dupkey = state_dupkey,
	.ndupkey = 3,
	.describe = state_describe,
};

/* ---- observation records ---- */

static const mp_field obs_fields[OR__COUNT] = {
	[OR_POINT] = { .col = "point_id", .label_zh = "观察点", .label_en = N_("Observation point"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH, .list_width = 16,
		.hint = N_("Enter: pick the observation point"), .ref = &mp_obs_points },
	[OR_DATE] = { .col = "date", .label_zh = "观察日期", .label_en = N_("Observed on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[OR_OBSERVER] = { .col = "observer", .label_zh = "观察人", .label_en = N_("Observer"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 10, .hint = N_("Who observed, and for which agency") },
	[OR_PROBLEMS] = { .col = "problems", .label_zh = "发现的问题", .label_en = N_("Problems found"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 500, .list_width = 16,
		.hint = N_("What the observer found wanting") },
	[OR_EXPERIENCE] = { .col = "experience", .label_zh = "可推广的经验", .label_en = N_("Experience worth spreading"),
		.kind = MP_K_LONGTEXT, .maxlen = 500,
		.hint = N_("What others could learn from it") },
};

static const mp_sort obs_sorts[] = {
	{ N_("by date observed"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static const mp_index obs_indexes[] = {
	{ "observations_live_point_date", "point_id, date", MP_I_LIVE, NULL },
};

static int obs_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                     mp_err *e)
{
	const mp_field *f = obs_fields;
	char *const *v = r->v;
	mp_record *p = NULL;
	int ret;

	(void)cfg;
	ret = mp_record_load(db, &mp_obs_points, id_of(v[OR_POINT]), &p, e);
	if (ret != MP_OK) {
		if (e)
			e->field = OR_POINT;
		return ret;
	}
	if (strcmp(v[OR_DATE], p->v[OP_FROM]) < 0)
		ret = mp_err_field(e, MP_EINVAL, OR_DATE, _("%s: %s is before the observation period, which starts on %s"),
		                   mp_field_label(&f[OR_DATE]), v[OR_DATE], p->v[OP_FROM]);
	else if (p->v[OP_TO][0] && strcmp(v[OR_DATE], p->v[OP_TO]) > 0)
		ret = mp_err_field(e, MP_EINVAL, OR_DATE, _("%s: %s is after the observation period, which ends on %s"),
		                   mp_field_label(&f[OR_DATE]), v[OR_DATE], p->v[OP_TO]);
	mp_record_free(p);
	return ret;
}

/* "滨湖社区观察点 2026-05-01 李静": where, when, who. */
static void obs_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { OR_POINT, OR_DATE, OR_OBSERVER };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

/* "得分：培育发展 85、能力提升 78；未评分：作用发挥" */
static void obs_summary(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	size_t used = 0;
	int rc, n = 0;

	buf[0] = '\0';
	if (!r->id || mp_db_cached(db, "SELECT dimension, score FROM obs_scores"
	                           " WHERE deleted_at IS NULL AND obs_id = ?1 ORDER BY id",
	                           &st, NULL) != MP_OK)
		return;
	rc = sqlite3_bind_int64(st, 1, r->id);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && used < size) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		char num[16];

		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
		                         n++ ? "、" : _("Scores: "), d ? d : "",
		                         mp_decimal_format(sqlite3_column_int64(st, 1), 1,
		                                           num, sizeof num));
	}
	mp_db_done(db, st);
	if (n == 0)
		snprintf(buf, size, "%s", _("No scores yet: F5, 评分"));
}

/* Scores are entered one dimension after another: the next is the first
 * of the point's dimensions this observation has no score for. */
static int next_score(mp_db *db, const mp_config *cfg, int parent_field,
                      int64_t obs_id, mp_record *r)
{
	char dims[256], found[24], names[MAX_DIMS][64];
	int n;

	if (parent_field != OS_OBS)
		return 0;
	if (one_text(db, "SELECT ifnull(p.dimensions, '') FROM observations o"
	             " JOIN obs_points p ON p.id = o.point_id WHERE o.id = ?1",
	             obs_id, NULL, 0, dims, sizeof dims, NULL) != MP_OK)
		return 0;
	n = mp_obs_dimensions(cfg, dims, names, MAX_DIMS);
	for (int i = 0; i < n; i++) {
		if (one_text(db, "SELECT id FROM obs_scores WHERE deleted_at IS NULL"
		             " AND obs_id = ?1 AND dimension = ?2 LIMIT 1",
		             obs_id, names[i], 0, found, sizeof found, NULL) != MP_OK)
			return 0;
		if (!found[0]) {
			mp_record_set(r, OS_DIMENSION, names[i]);
			return 1;
		}
	}
	return 0;
}

static const mp_child obs_children[] = {
	{ N_("Scores"), &mp_obs_scores, OS_OBS },
};

static const int obs_dupkey[] = { OR_POINT, OR_DATE, OR_OBSERVER };

const mp_table mp_observations = {
	.name = "observations",
	.title_en = N_("Observation records"),
	.unit_en = N_("observation record"),
	.fields = obs_fields,
	.nfields = OR__COUNT,
	.sorts = obs_sorts,
	.nsorts = sizeof obs_sorts / sizeof obs_sorts[0],
	.check = obs_check,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.summary = obs_summary,
	.children = obs_children,
	.nchildren = sizeof obs_children / sizeof obs_children[0],
	.dupkey = obs_dupkey,
	.ndupkey = sizeof obs_dupkey / sizeof obs_dupkey[0],
	.indexes = obs_indexes,
	.nindexes = sizeof obs_indexes / sizeof obs_indexes[0],
	.describe = obs_describe,
};

/* ---- one dimension's score ---- */

static const mp_field score_fields[OS__COUNT] = {
	[OS_OBS] = { .col = "obs_id", .label_zh = "观察记录", .label_en = N_("Observation record"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED, .hint = N_("The observation scored"),
		.ref = &mp_observations },
	[OS_DIMENSION] = { .col = "dimension", .label_zh = "观察维度", .label_en = N_("Dimension"),
		.kind = MP_K_CHOICE, .choice = MP_CH_OBS_DIMENSION,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 10,
		.hint = N_("Enter: pick one of the point's dimensions") },
	[OS_SCORE] = { .col = "score", .label_zh = "得分", .label_en = N_("Score"),
		.kind = MP_K_SCORE, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 6,
		.hint = N_("0-100, one decimal at most") },
	[OS_NOTES] = { .col = "notes", .label_zh = "说明", .label_en = N_("Score notes"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 24,
		.hint = N_("What the score rests on") },
};

static const mp_sort score_sorts[] = {
	{ N_("by date added"), "id", 0 },
	{ N_("by dimension"), "dimension", 0 },
};

static const mp_index score_indexes[] = {
	{ "obs_scores_live_unique", "obs_id, dimension", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static int score_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = score_fields;
	char *const *v = r->v;
	char dims[256], other[24], names[MAX_DIMS][64], list[512];
	size_t used = 0;
	int ret, n, i;

	ret = one_text(db, "SELECT ifnull(p.dimensions, '') FROM observations o"
	               " JOIN obs_points p ON p.id = o.point_id WHERE o.id = ?1",
	               id_of(v[OS_OBS]), NULL, 0, dims, sizeof dims, e);
	if (ret != MP_OK)
		return ret;
	n = mp_obs_dimensions(cfg, dims, names, MAX_DIMS);
	list[0] = '\0';
	for (i = 0; i < n && strcmp(names[i], v[OS_DIMENSION]); i++) {
		used += (size_t)snprintf(list + used, used < sizeof list ? sizeof list - used : 0,
		                         "%s%s", i ? "、" : "", names[i]);
		if (used >= sizeof list)
			used = sizeof list - 1;
	}
	if (n > 0 && i == n)
		return mp_err_field(e, MP_EINVAL, OS_DIMENSION, _("%s: “%s” is not observed at this point (%s)"),
		                    mp_field_label(&f[OS_DIMENSION]), v[OS_DIMENSION], list);
	ret = one_text(db, "SELECT id FROM obs_scores WHERE deleted_at IS NULL"
	               " AND obs_id = ?1 AND dimension = ?2 AND id <> ?3 LIMIT 1",
	               id_of(v[OS_OBS]), v[OS_DIMENSION], r->id, other, sizeof other, e);
	if (ret == MP_OK && other[0])
		return mp_err_field(e, MP_EDUP, OS_DIMENSION, _("%s: “%s” is scored already in this observation"),
		                    mp_field_label(&f[OS_DIMENSION]), v[OS_DIMENSION]);
	return ret;
}

static void score_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { OS_DIMENSION, OS_SCORE };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_obs_scores = {
	.name = "obs_scores",
	.title_en = N_("Observation scores"),
	.unit_en = N_("score"),
	.fields = score_fields,
	.nfields = OS__COUNT,
	.sorts = score_sorts,
	.nsorts = sizeof score_sorts / sizeof score_sorts[0],
	.check = score_check,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.indexes = score_indexes,
	.nindexes = sizeof score_indexes / sizeof score_indexes[0],
	.describe = score_describe,
	.next = next_score,
};

/* ---- points due for an observation ---- */

int mp_obs_points_due(mp_db *db, const mp_config *cfg, int days, int max,
                      mp_obs_due **out, int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char today[11], until[11], months[24];
	mp_obs_due *d = NULL;
	int rc, ret, got = 0, cap = 0;

	*out = NULL;
	*n = 0;
	mp_today(today);
	if (mp_date_add_days(today, days, until) != 0)
		return mp_err_set(e, MP_EINVAL, _("today's date %s is not a date"), today);
	snprintf(months, sizeof months, "+%d months",
	         cfg && cfg->obs_interval_months > 0 ? cfg->obs_interval_months : 6);
	ret = mp_db_prepare(db, "SELECT id, name, level, last, date(ifnull(last, start_date), ?3) AS due"
	                    " FROM (SELECT p.id, p.name, p.level, p.start_date,"
	                    "  (SELECT max(o.date) FROM observations o WHERE o.deleted_at IS NULL"
	                    "   AND o.point_id = p.id) AS last"
	                    "  FROM obs_points p WHERE p.deleted_at IS NULL AND p.state = ?4)"
	                    " WHERE due <= ?1 ORDER BY due, id LIMIT ?2", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, max > 0 ? max : -1);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, months, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, mp_obs_state_names[OPS_OBSERVING], -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_obs_due *x;
		const char *s;

		if (got == cap) {
			mp_obs_due *bigger;

			cap = cap ? cap * 2 : 16;
			bigger = realloc(d, (size_t)cap * sizeof *d);
			if (!bigger)
				mp_oom();
			d = bigger;
		}
		x = &d[got++];
		memset(x, 0, sizeof *x);
		x->point_id = sqlite3_column_int64(st, 0);
		s = (const char *)sqlite3_column_text(st, 1);
		snprintf(x->name, sizeof x->name, "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(st, 2);
		snprintf(x->level, sizeof x->level, "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(st, 3);
		snprintf(x->last, sizeof x->last, "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(st, 4);
		snprintf(x->due, sizeof x->due, "%s", s ? s : "");
		x->overdue = strcmp(x->due, today) < 0;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		free(d);
	} else {
		*out = d;
		*n = got;
	}
	sqlite3_finalize(st);
	return ret;
}

/* ---- schema step 13 ---- */

/* A group's point made from its old field is named after the group,
 * its times the group's, and its UUID begins 0b5e ("obse"), the rest
 * random: the mark of a point that stands in for the group's until one
 * is entered (see obs_points_stand_in below). */
#define SQL_UUID "('0b5e' || lower(hex(randomblob(2))) || '-' || lower(hex(randomblob(2)))" \
	" || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'" \
	" || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2)" \
	" || '-' || lower(hex(randomblob(6))))"
#define POINT_OF_GROUP(G, VALUES) \
	"INSERT INTO obs_points (uuid, created_at, updated_at, deleted_at, name," \
	" target_kind, group_id, level, start_date, state, state_date, updated_by) " \
	VALUES(SQL_UUID ", " G "created_at, " G "updated_at, " \
	G "deleted_at, " G "name, '组织', " G "id, " G "observation," \
	" ifnull(" G "founded, substr(" G "created_at, 1, 10)), '观察中'," \
	" ifnull(" G "founded, substr(" G "created_at, 1, 10)), " G "updated_by")
#define AS_VALUES(x) "VALUES (" x ")"
#define AS_SELECT(x) "SELECT " x

/* The level of group G's current point: its latest live one observed
 * now or selected as a model, else 无. */
#define CURRENT(G) "ifnull((SELECT level FROM obs_points WHERE deleted_at IS NULL" \
	" AND group_id = " G " AND state IN ('观察中', '遴选为示范')" \
	" ORDER BY start_date DESC, id DESC LIMIT 1), '无')"
#define KEEP(G) "UPDATE groups SET observation = " CURRENT(G) \
	" WHERE id = " G " AND observation IS NOT " CURRENT(G) ";"

static const char obs_step[] =
	/* Each group's level, one point of that group; a group in the
	 * recycle bin has its point there too.  (A group with a point
	 * already, and a trigger made already, are those of a ledger whose
	 * version was set back by hand, as tests do: the step is not done
	 * twice.) */
	POINT_OF_GROUP("", AS_SELECT) " FROM groups WHERE observation IS NOT NULL"
	" AND observation NOT IN ('', '无')"
	" AND NOT EXISTS (SELECT 1 FROM obs_points p WHERE p.group_id = groups.id) ORDER BY id;"
	/* The triggers after the points: the levels are the groups' already. */
	"CREATE TRIGGER IF NOT EXISTS obs_points_group_in AFTER INSERT ON obs_points"
	" WHEN NEW.group_id IS NOT NULL BEGIN " KEEP("NEW.group_id") " END;"
	"CREATE TRIGGER IF NOT EXISTS obs_points_group_up"
	" AFTER UPDATE OF group_id, level, state, start_date, deleted_at ON obs_points"
	" BEGIN " KEEP("OLD.group_id") KEEP("NEW.group_id") " END;"
	"CREATE TRIGGER IF NOT EXISTS obs_points_group_out AFTER DELETE ON obs_points"
	" WHEN OLD.group_id IS NOT NULL BEGIN " KEEP("OLD.group_id") " END;"
	/* That point stands in for the group's until one of the group at its
	 * level is entered (a ledger exported and imported back: its groups
	 * come first, with the level their points gave them, then the
	 * points, in their order): untouched since it was made (version 1),
	 * neither observed nor moved, it goes to the recycle bin. */
	"CREATE TRIGGER IF NOT EXISTS obs_points_stand_in AFTER INSERT ON obs_points"
	" WHEN NEW.group_id IS NOT NULL AND NEW.deleted_at IS NULL BEGIN"
	" UPDATE obs_points SET deleted_at = strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'),"
	"  version = version + 1"
	" WHERE group_id = NEW.group_id AND id <> NEW.id AND level = NEW.level"
	" AND deleted_at IS NULL AND version = 1"
	" AND uuid LIKE '0b5e%'"
	" AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.point_id = obs_points.id)"
	" AND NOT EXISTS (SELECT 1 FROM obs_states h WHERE h.point_id = obs_points.id);"
	" END;"
	/* A group saved with a level (an import of the old column, the demo)
	 * is observed from its founding, or from the day it was entered. */
	"CREATE TRIGGER IF NOT EXISTS groups_obs_point AFTER INSERT ON groups"
	" WHEN NEW.deleted_at IS NULL AND NEW.observation IS NOT NULL"
	" AND NEW.observation NOT IN ('', '无') BEGIN "
	POINT_OF_GROUP("NEW.", AS_VALUES) "; END;";

int mp_obs_schema_step(sqlite3 *h, mp_err *e)
{
	static const mp_table *const tables[] = {
		&mp_obs_points, &mp_obs_point_states, &mp_observations, &mp_obs_scores,
	};
	int rc, ret = MP_OK;
	size_t i;

	for (i = 0; ret == MP_OK && i < sizeof tables / sizeof tables[0]; i++)
		ret = mp_schema_step_table(h, tables[i], e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_exec(h, obs_step, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}
