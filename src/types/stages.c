/* stages.c — a group's stage history (阶段变更, mp_stages.h): its table,
 * the group's stage as a timeline on the workflow engine, the timeline
 * shown on the group's screen and the report's part.
 *
 * Timeline order: an entry's 原阶段 is never typed.  It is the 新阶段 of
 * the entry before it (by 变更日期, then the order they were recorded),
 * and an entry added for the past mends the one after it to start from
 * its own 新阶段 (mp_wf_entry_prepare); binning or restoring an entry
 * mends the timeline the same way.  An entry whose 新阶段 is the stage
 * the group already had then, or the stage the next entry moves to, is
 * refused: it would be no change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_stages.h"
#include "mp_text.h"
#include "report_parts.h"

static const mp_field stage_fields[SH__COUNT] = {
	[SH_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = N_("Group"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 16,
		.ref = &mp_groups, .hint = N_("Enter: pick the group") },
	[SH_FROM] = { .col = "from_stage", .label_zh = "原阶段", .label_en = N_("From stage"),
		.kind = MP_K_TEXT, .flags = MP_F_AUTO | MP_F_LIST, .maxlen = 40, .list_width = 8,
		.hint = N_("The stage before: the one the timeline had on that date") },
	[SH_TO] = { .col = "to_stage", .label_zh = "新阶段", .label_en = N_("New stage"),
		.kind = MP_K_CHOICE, .choice = MP_CH_STAGE,
		.flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 40, .list_width = 8,
		.hint = N_("Enter: pick from the list") },
	[SH_DATE] = { .col = "date", .label_zh = "变更日期", .label_en = N_("Date of the change"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE,
		.maxlen = 10, .list_width = 10, .hint = N_("YYYY-MM-DD, e.g. 2024-03-05") },
	[SH_REASON] = { .col = "reason", .label_zh = "变更原因", .label_en = N_("Reason for the change"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 20,
		.hint = N_("Why the group's stage changed, e.g. 开始承接社区项目") },
	[SH_BY] = { .col = "recorded_by", .label_zh = "记录人", .label_en = N_("Recorded by"),
		.kind = MP_K_TEXT, .flags = MP_F_AUTO, .maxlen = 60,
		.hint = N_("Who recorded the change") },
};

static const mp_sort stage_sorts[] = {
	{ N_("by date"), "date", 0 },
	{ N_("by date added"), "id", 0 },
};

static const mp_wf_step stage_step = {
	-1, -1, N_("Change the stage"), MP_WF_REASON, NULL
};

static const int stage_map[WH__COUNT] = {
	[WH_RECORD] = SH_GROUP, [WH_FROM] = SH_FROM, [WH_TO] = SH_TO,
	[WH_DATE] = SH_DATE, [WH_REASON] = SH_REASON, [WH_AMOUNT] = -1,
	[WH_BY] = SH_BY,
};

const mp_workflow mp_group_stage_wf = {
	.state_field = G_STAGE,
	.date_field = -1,
	.reason_field = -1,
	.amount_field = -1,
	.history = &mp_stage_history,
	.states_choice = MP_CH_STAGE,
	.any_step = &stage_step,
	.wflags = MP_WF_TIMELINE,
	.start_date_field = G_FOUNDED,
	.history_map = stage_map,
};

static int stage_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e)
{
	return mp_wf_entry_prepare(db, cfg, &mp_group_stage_wf, r, e);
}

static void stage_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { SH_GROUP, SH_TO, SH_DATE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const int stage_dupkey[] = { SH_GROUP, SH_TO, SH_DATE };

/* A group's timeline in order (the report's period by date goes
 * through the first sort's index). */
static const mp_index stage_indexes[] = {
	{ "stage_history_live_group_date", "group_id, date", MP_I_LIVE, NULL },
};

const mp_table mp_stage_history = {
	.name = "stage_history",
	.title_en = N_("Stage history"),
	.unit_en = N_("change of stage"),
	.fields = stage_fields,
	.nfields = SH__COUNT,
	.sorts = stage_sorts,
	.nsorts = sizeof stage_sorts / sizeof stage_sorts[0],
	.prepare = stage_prepare,
	.tflags = MP_T_DECLARED,
	.dupkey = stage_dupkey,
	.ndupkey = 3,
	.indexes = stage_indexes,
	.nindexes = sizeof stage_indexes / sizeof stage_indexes[0],
	.describe = stage_describe,
	.report = mp_stages_report,
};

void mp_stages_timeline(mp_db *db, int64_t group_id, int max, char *buf,
                        size_t size)
{
	sqlite3_stmt *st = NULL;
	char part[32][96];
	int n = 0, rc, k;
	size_t len = 0;
	mp_err e;

	if (size > 0)
		buf[0] = '\0';
	if (max < 1 || max > 32)
		max = 32;
	mp_err_clear(&e);
	if (mp_db_cached(db, "SELECT to_stage, substr(date, 1, 7) FROM stage_history"
	                 " WHERE group_id = ?1 AND deleted_at IS NULL"
	                 " ORDER BY date, id", &st, &e) != MP_OK)
		return;
	rc = sqlite3_bind_int64(st, 1, group_id);
	/* The last max entries kept, in a ring. */
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(part[n % max], sizeof part[0], "%s %s",
		         (const char *)sqlite3_column_text(st, 0),
		         (const char *)sqlite3_column_text(st, 1));
		n++;
	}
	mp_db_done(db, st);
	if (n > max && len < size)
		len += (size_t)snprintf(buf + len, size - len, "… → ");
	for (k = n > max ? n - max : 0; k < n && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		                        k > (n > max ? n - max : 0) ? " → " : "", part[k % max]);
}

/* ---- the report ---- */

/* Entries of live groups of the report's community (?1). */
#define SH_OF_GROUPS \
	" JOIN groups g ON g.id = sh.group_id AND g.deleted_at IS NULL" \
	" AND (?1 IS NULL OR g.community = ?1)" \
	" WHERE sh.deleted_at IS NULL"

/* A table of ncols columns named head[] (cells added by matrix_row). */
static mp_rtable *matrix_new(mp_report *r, const char *title, unsigned numeric,
                             char **head, int ncols)
{
	mp_rtable *t = rt_new(r, title, numeric, -1, 1, head[0]);

	t->head = realloc(t->head, (size_t)ncols * sizeof *t->head);
	if (!t->head)
		mp_oom();
	for (int i = 1; i < ncols; i++)
		t->head[i] = mp_strdup(head[i]);
	t->ncols = ncols;
	return t;
}

static void matrix_row(mp_rtable *t, char **cells)
{
	t->cell = realloc(t->cell, (size_t)(t->nrows + 1) * (size_t)t->ncols * sizeof *t->cell);
	if (!t->cell)
		mp_oom();
	for (int i = 0; i < t->ncols; i++)
		t->cell[t->nrows * t->ncols + i] = mp_strdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

/* The index of name in names (adding it when absent, up to max). */
static int name_at(char **names, int *n, int max, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	if (*n >= max)
		return -1;
	names[*n] = mp_strdup(name);
	return (*n)++;
}

#define MAXSTAGES 24

/* The moves between stages during the period: one row per 原阶段, one
 * column per 新阶段, each cell the number of moves; totals last.  A
 * group's first entry (from no stage) is where it was first recorded,
 * not a move. */
static int moves_table(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *order = mp_config_choices(cfg, MP_CH_STAGE);
	char *names[MAXSTAGES], *head[MAXSTAGES + 2], *cells[MAXSTAGES + 2];
	long count[MAXSTAGES][MAXSTAGES], rowsum, colsum[MAXSTAGES], all = 0;
	char num[MAXSTAGES + 2][24];
	sqlite3_stmt *st = NULL;
	int n = 0, i, j, rc, ret;
	mp_rtable *t;

	memset(count, 0, sizeof count);
	memset(colsum, 0, sizeof colsum);
	for (i = 0; i < order->n && n < MAXSTAGES; i++)
		name_at(names, &n, MAXSTAGES, order->v[i]);
	ret = rp_prep(db, r, "SELECT sh.from_stage, sh.to_stage, count(*)"
	              " FROM stage_history sh" SH_OF_GROUPS
	              " AND sh.date BETWEEN ?2 AND ?3 AND ifnull(sh.from_stage, '') <> ''"
	              " GROUP BY 1, 2", &st, e);
	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int a = name_at(names, &n, MAXSTAGES, (const char *)sqlite3_column_text(st, 0));
		int b = name_at(names, &n, MAXSTAGES, (const char *)sqlite3_column_text(st, 1));

		if (a >= 0 && b >= 0)
			count[a][b] += sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (ret != MP_OK)
		goto out;
	head[0] = _("From \\ to");
	for (j = 0; j < n; j++)
		head[j + 1] = names[j];
	head[n + 1] = _("Total");
	t = matrix_new(r, _("Changes of stage in the period (from × to)"),
	               ((1u << (n + 2)) - 1) & ~1u, head, n + 2);
	for (i = 0; i < n; i++) {
		rowsum = 0;
		cells[0] = names[i];
		for (j = 0; j < n; j++) {
			snprintf(num[j + 1], sizeof num[0], "%ld", count[i][j]);
			cells[j + 1] = num[j + 1];
			rowsum += count[i][j];
			colsum[j] += count[i][j];
		}
		snprintf(num[n + 1], sizeof num[0], "%ld", rowsum);
		cells[n + 1] = num[n + 1];
		all += rowsum;
		matrix_row(t, cells);
	}
	cells[0] = _("Total");
	for (j = 0; j < n; j++) {
		snprintf(num[j + 1], sizeof num[0], "%ld", colsum[j]);
		cells[j + 1] = num[j + 1];
	}
	snprintf(num[n + 1], sizeof num[0], "%ld", all);
	cells[n + 1] = num[n + 1];
	matrix_row(t, cells);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return ret;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median time spent in each stage: each stay that ended by the end
 * of the period (the next change's date less its own), in years. */
static int time_table(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *order = mp_config_choices(cfg, MP_CH_STAGE);
	char *names[MAXSTAGES];
	double *days[MAXSTAGES] = { 0 };
	size_t nd[MAXSTAGES] = { 0 }, cap[MAXSTAGES] = { 0 };
	sqlite3_stmt *st = NULL;
	int n = 0, i, rc, ret;
	mp_rtable *t;

	for (i = 0; i < order->n && n < MAXSTAGES; i++)
		name_at(names, &n, MAXSTAGES, order->v[i]);
	ret = rp_prep(db, r, "SELECT to_stage, d FROM (SELECT sh.to_stage,"
	              " julianday(lead(sh.date) OVER w) - julianday(sh.date) AS d"
	              " FROM stage_history sh" SH_OF_GROUPS " AND sh.date <= ?3"
	              " WINDOW w AS (PARTITION BY sh.group_id ORDER BY sh.date, sh.id))"
	              " WHERE d IS NOT NULL", &st, e);
	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int a = name_at(names, &n, MAXSTAGES, (const char *)sqlite3_column_text(st, 0));

		if (a < 0)
			continue;
		if (nd[a] == cap[a]) {
			cap[a] = cap[a] ? 2 * cap[a] : 64;
			days[a] = realloc(days[a], cap[a] * sizeof *days[a]);
			if (!days[a])
				mp_oom();
		}
		days[a][nd[a]++] = sqlite3_column_double(st, 1);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (ret == MP_OK) {
		t = rt_new(r, _("Time spent in each stage (stays ended by the end of the period)"),
		           0x6, -1, 3, _("Stage"), _("Stays ended"), _("Median (years)"));
		for (i = 0; i < n; i++) {
			char cnt[24], med[24] = "—";

			snprintf(cnt, sizeof cnt, "%zu", nd[i]);
			if (nd[i] > 0) {
				double m;

				qsort(days[i], nd[i], sizeof *days[i], cmp_double);
				m = nd[i] % 2 ? days[i][nd[i] / 2]
				    : (days[i][nd[i] / 2 - 1] + days[i][nd[i] / 2]) / 2;
				snprintf(med, sizeof med, "%.1f", m / 365.25);
			}
			rt_row(t, names[i], cnt, med);
		}
	}
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(days[i]);
	}
	return ret;
}

int mp_stages_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	int ret;

	/* Each live group's stage on the last day of the period: its latest
	 * entry by then (none: not filled in). */
	ret = rp_tally(db, r, _("Groups by stage at the end of the period"), _("Stage"),
	               "SELECT (SELECT sh.to_stage FROM stage_history sh"
	               "  WHERE sh.group_id = g.id AND sh.deleted_at IS NULL AND sh.date <= ?3"
	               "  ORDER BY sh.date DESC, sh.id DESC LIMIT 1), count(*)"
	               GROUPS_LIVE " GROUP BY 1",
	               mp_config_choices(cfg, MP_CH_STAGE), e);
	if (ret == MP_OK)
		ret = moves_table(db, cfg, r, e);
	if (ret == MP_OK)
		ret = time_table(db, cfg, r, e);
	return ret;
}
