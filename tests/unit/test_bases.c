/* test_bases.c — incubation bases, stays and services (issue 17): the
 * rules of a stay (dates, the outcome, one physical base at a time, the
 * planned move-out), the capacity warning, a service within its stay,
 * the group's fields kept from its stays, the import of a group file with
 * the old columns, the report's part on a known ledger, and schema step
 * 14 on a ledger of version 11: every old value found in a stay, every
 * other table unchanged. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "fixture.h"
#include "mp_bases.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_report.h"
#include "mp_search.h"
#include "mp_steps.h"
#include "mp_text.h"

#define TODAY "2026-06-30"

static int setup(void **state)
{
	int rc = mp_fx_setup(state);

	setenv("MIAOPU_TODAY", TODAY, 1);
	return rc;
}

static int64_t add_base(struct mp_fx *f, const char *name, const char *kind,
                        const char *capacity)
{
	mp_record *b = mp_record_new(&mp_bases, &f->cfg);

	mp_record_set(b, B_NAME, name);
	mp_record_set(b, B_KIND, kind);
	mp_record_set(b, B_CAPACITY, capacity);
	mp_record_set(b, B_LEVEL, "街道级");
	return mp_fx_save_free(f, b);
}

static mp_record *stay(struct mp_fx *f, int64_t group, int64_t base,
                       const char *in, const char *out, const char *outcome)
{
	mp_record *s = mp_record_new(&mp_stays, &f->cfg);

	mp_fx_set_id(s, ST_GROUP, group);
	mp_fx_set_id(s, ST_BASE, base);
	mp_record_set(s, ST_MOVED_IN, in);
	mp_record_set(s, ST_MOVED_OUT, out);
	mp_record_set(s, ST_OUTCOME, outcome);
	return s;
}

/* Save s expecting a refusal on field whose message holds want. */
static void refused(struct mp_fx *f, mp_record *s, int field, const char *want)
{
	mp_err e;

	mp_err_clear(&e);
	assert_int_not_equal(mp_record_save(f->db, &f->cfg, s, &e), MP_OK);
	if (!strstr(e.msg, want))
		fail_msg("expected “%s” in “%s”", want, e.msg);
	assert_int_equal(e.field, field);
}

static char *group_text(struct mp_fx *f, int64_t id)
{
	mp_record *g = NULL;
	mp_err e;
	char *s;

	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &g, &e), MP_OK);
	s = mp_asprintf("%s|%s|%s", g->v[G_INCUBATED], g->v[G_MOVED_IN], g->v[G_MOVED_OUT]);
	mp_record_free(g);
	return s;
}

static void assert_group(struct mp_fx *f, int64_t id, const char *want)
{
	char *got = group_text(f, id);

	assert_string_equal(got, want);
	free(got);
}

static void test_stay_dates_and_outcome(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	int64_t b = add_base(f, "幸福街道孵化基地", "实体", "10");
	mp_record *s = stay(f, g, b, "2024-03-01", "2024-02-01", "已登记");

	/* A stay cannot end before it starts. */
	refused(f, s, ST_MOVED_OUT, "is before the move-in date 2024-03-01");
	/* Applied after moving in. */
	mp_record_set(s, ST_MOVED_OUT, "");
	mp_record_set(s, ST_OUTCOME, "");
	mp_record_set(s, ST_APPLIED, "2024-04-01");
	refused(f, s, ST_APPLIED, "is after the move-in date");
	mp_record_set(s, ST_APPLIED, "2024-02-10");
	/* Moved out needs its outcome; an outcome needs the move-out. */
	mp_record_set(s, ST_MOVED_OUT, "2026-01-15");
	refused(f, s, ST_OUTCOME, "needs its outcome");
	mp_record_set(s, ST_MOVED_OUT, "");
	mp_record_set(s, ST_OUTCOME, "已登记");
	refused(f, s, ST_MOVED_OUT, "fill in the move-out date");
	/* Leaving early asks why. */
	mp_record_set(s, ST_MOVED_OUT, "2025-01-15");
	mp_record_set(s, ST_OUTCOME, "提前退出");
	refused(f, s, ST_REASON, "say why the group left early");
	mp_record_set(s, ST_REASON, "负责人搬离社区，活动停止");
	/* A move-out after today is refused like any future date. */
	mp_record_set(s, ST_MOVED_OUT, "2027-01-15");
	refused(f, s, ST_MOVED_OUT, "");
	mp_record_set(s, ST_MOVED_OUT, "2025-01-15");
	mp_fx_save(f, s);
	/* The planned move-out: two years after moving in. */
	assert_string_equal(s->v[ST_PLANNED_OUT], "2026-03-01");
	mp_record_free(s);

	/* The settings' years; 29 February to 28 February. */
	f->cfg.stay_years = 3;
	s = stay(f, g, b, "2025-02-01", "", "");
	mp_fx_save(f, s);
	assert_string_equal(s->v[ST_PLANNED_OUT], "2028-02-01");
	mp_record_set(s, ST_PLANNED_OUT, "2025-01-01");
	refused(f, s, ST_PLANNED_OUT, "is before the move-in date");
	mp_record_free(s);
}

static void test_one_physical_base(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	int64_t town = add_base(f, "幸福街道孵化基地", "实体", "10");
	int64_t comm = add_base(f, "向阳社区孵化点", "实体", "5");
	int64_t online = add_base(f, "云孵化平台", "虚拟", "");
	mp_record *s;

	mp_fx_save_free(f, stay(f, g, town, "2024-03-01", "", ""));
	/* A second physical base while the first goes on: refused, naming
	 * the first. */
	s = stay(f, g, comm, "2025-01-01", "", "");
	refused(f, s, ST_BASE, "physical base “幸福街道孵化基地” since 2024-03-01");
	/* Before the first began and overlapping it: refused too. */
	mp_record_set(s, ST_MOVED_IN, "2023-01-01");
	mp_record_set(s, ST_MOVED_OUT, "2024-04-01");
	mp_record_set(s, ST_OUTCOME, "仍未登记");
	refused(f, s, ST_BASE, "幸福街道孵化基地");
	/* Ending the day the other begins is no overlap. */
	mp_record_set(s, ST_MOVED_OUT, "2024-03-01");
	mp_fx_save(f, s);
	mp_record_free(s);
	/* A virtual base at the same time is fine. */
	mp_fx_save_free(f, stay(f, g, online, "2025-01-01", "", ""));
	/* Another group in the same base is fine. */
	mp_fx_save_free(f, stay(f, mp_fx_add_group(f, "夕阳红合唱团"), town, "2025-01-01", "", ""));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stays"), 4);
}

static void test_capacity_warning(void **state)
{
	struct mp_fx *f = *state;
	int64_t b = add_base(f, "向阳社区孵化点", "实体", "1");
	mp_record *s;
	char buf[256];
	int64_t other;

	s = stay(f, mp_fx_add_group(f, "甲队"), b, "2025-01-01", "", "");
	assert_int_equal(mp_record_warn(f->db, &f->cfg, s, buf, sizeof buf, &other), 0);
	mp_fx_save_free(f, s);
	s = stay(f, mp_fx_add_group(f, "乙队"), b, "2025-02-01", "", "");
	assert_int_equal(mp_record_warn(f->db, &f->cfg, s, buf, sizeof buf, &other), 1);
	assert_non_null(strstr(buf, "has room for 1 groups and would have 2 on 2025-02-01"));
	/* A warning, not a refusal. */
	mp_fx_save_free(f, s);
}

static void test_group_fields_from_stays(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	int64_t b = add_base(f, "幸福街道孵化基地", "实体", "10");
	int64_t v = add_base(f, "云孵化平台", "虚拟", "");
	mp_record *grp = NULL, *s;
	int64_t first;
	mp_err e;

	assert_group(f, g, "否||");
	/* The form loaded before the stays were saved. */
	assert_int_equal(mp_record_load(f->db, &mp_groups, g, &grp, &e), MP_OK);
	s = stay(f, g, b, "2022-03-01", "2024-02-28", "已备案");
	first = mp_fx_save_free(f, s);
	assert_group(f, g, "是|2022-03-01|2024-02-28");
	mp_fx_save_free(f, stay(f, g, v, "2024-09-01", "", ""));
	assert_group(f, g, "是|2024-09-01|");
	/* Saving the stale form keeps what the stays say. */
	mp_record_set(grp, G_LEADER, "王芳");
	mp_record_set(grp, G_INCUBATED, "否");
	grp->version = 0;
	mp_fx_save(f, grp);
	mp_record_free(grp);
	assert_group(f, g, "是|2024-09-01|");
	/* Binned, restored, purged: the group follows. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT max(id) FROM stays"), first + 1);
	assert_int_equal(mp_record_delete(f->db, &mp_stays, first + 1, &e), MP_OK);
	assert_group(f, g, "是|2022-03-01|2024-02-28");
	assert_int_equal(mp_record_delete(f->db, &mp_stays, first, &e), MP_OK);
	assert_group(f, g, "否||");
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_stays, first, &e), MP_OK);
	assert_group(f, g, "是|2022-03-01|2024-02-28");
	/* The annual report's counts move with them (group_stats). */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE incubated = '是'"), 1);
}

static void test_service_within_stay(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	int64_t b = add_base(f, "幸福街道孵化基地", "实体", "10");
	mp_record *x = mp_record_new(&mp_base_services, &f->cfg);

	mp_fx_save_free(f, stay(f, g, b, "2025-03-01", "2026-03-01", "已登记"));
	mp_fx_set_id(x, BS_GROUP, g);
	mp_fx_set_id(x, BS_BASE, b);
	mp_record_set(x, BS_DATE, "2025-02-28");
	mp_record_set(x, BS_KIND, "财务指导");
	mp_record_set(x, BS_HOURS, "2");
	refused(f, x, BS_DATE, "on 2025-02-28 “阳光助老服务队” was not staying in the base “幸福街道孵化基地”");
	mp_record_set(x, BS_DATE, "2026-03-02");
	refused(f, x, BS_DATE, "was not staying");
	mp_record_set(x, BS_DATE, "2026-03-01");
	mp_fx_save(f, x);
	mp_record_free(x);

	/* The stay cannot then be cut short of its service. */
	{
		mp_record *st = NULL;
		mp_err e;

		assert_int_equal(mp_record_load(f->db, &mp_stays, 1, &st, &e), MP_OK);
		mp_record_set(st, ST_MOVED_OUT, "2026-02-28");
		refused(f, st, ST_MOVED_OUT, "the service the base gave on 2026-03-01 would fall outside the stay");
		mp_record_set(st, ST_MOVED_OUT, "2026-03-01");
		mp_record_set(st, ST_MOVED_IN, "2026-03-01");
		mp_fx_save(f, st);
		mp_record_free(st);
	}
}

static int import_text(struct mp_fx *f, const mp_table *t, const char *text,
                       mp_import_result *res, mp_err *e)
{
	FILE *in = tmpfile();
	int rc;

	assert_non_null(in);
	fputs(text, in);
	rewind(in);
	rc = mp_import_csv(f->db, &f->cfg, t, in, 0, res, e);
	fclose(in);
	return rc;
}

/* A group file with the old columns: each group that was in a base gets
 * its stay, in the settings' base (made when missing). */
static void test_import_old_columns(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	free(f->cfg.base_name);
	f->cfg.base_name = mp_strdup("幸福街道孵化基地");
	memset(&res, 0, sizeof res);
	if (import_text(f, &mp_groups,
	                "组织名称,所属社区(村),登记状态,统一社会信用代码,孵化基地,入驻日期,出壳日期\n"
	                "阳光队,幸福社区,登记,91350100M000100Y43,是,2020-03-01,2022-06-30\n"
	                "夕阳红,幸福社区,未登记,,是,2024-05-01,\n"
	                "读书会,幸福社区,未登记,,否,,\n", &res, &e) != MP_OK)
		fail_msg("import: %s", e.msg);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM bases"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stays s JOIN bases b"
	                               " ON b.id = s.base_id WHERE b.name = '幸福街道孵化基地'"), 2);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stays s JOIN groups g"
	                               " ON g.id = s.group_id WHERE g.name = '阳光队'"
	                               " AND s.moved_in = '2020-03-01' AND s.moved_out = '2022-06-30'"
	                               " AND s.outcome = '已登记' AND s.planned_out = '2022-03-01'"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stays s JOIN groups g"
	                               " ON g.id = s.group_id WHERE g.name = '夕阳红'"
	                               " AND s.moved_out IS NULL AND s.outcome IS NULL"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE incubated = '是'"), 2);
}

/* The report on a known ledger: per base its capacity, occupants at the
 * end of the period, moves in and out, the median stay, outcomes and
 * services by kind. */
static void test_report(void **state)
{
	struct mp_fx *f = *state;
	int64_t b = add_base(f, "幸福街道孵化基地", "实体", "10");
	int64_t c = add_base(f, "向阳社区孵化点", "实体", "3");
	int64_t g[5];
	const mp_rtable *t;
	mp_report r;
	mp_err e;
	mp_record *x;
	int i;

	g[0] = mp_fx_add_group(f, "甲队");
	g[1] = mp_fx_add_group(f, "乙队");
	g[2] = mp_fx_add_group(f, "丙队");
	g[3] = mp_fx_add_group(f, "丁队");
	g[4] = mp_fx_add_group(f, "戊队");
	/* In 2025: 甲 out registered after 100 days, 乙 out filed after 300,
	 * 丙 left early after 200; 丁 moved in and stays; 戊 in the other
	 * base since 2024. */
	mp_fx_save_free(f, stay(f, g[0], b, "2024-12-01", "2025-03-11", "已登记"));
	mp_fx_save_free(f, stay(f, g[1], b, "2024-10-01", "2025-07-28", "已备案"));
	x = stay(f, g[2], b, "2025-01-01", "2025-07-20", "提前退出");
	mp_record_set(x, ST_REASON, "骨干外出务工");
	mp_fx_save_free(f, x);
	mp_fx_save_free(f, stay(f, g[3], b, "2025-06-01", "", ""));
	mp_fx_save_free(f, stay(f, g[4], c, "2024-05-01", "", ""));
	for (i = 0; i < 3; i++) {
		x = mp_record_new(&mp_base_services, &f->cfg);
		mp_fx_set_id(x, BS_GROUP, g[3]);
		mp_fx_set_id(x, BS_BASE, b);
		mp_record_set(x, BS_DATE, i < 2 ? "2025-06-10" : "2025-07-01");
		mp_record_set(x, BS_KIND, i < 2 ? "业务培训" : "财务指导");
		mp_record_set(x, BS_HOURS, i < 2 ? "1.5" : "2");
		mp_record_set(x, BS_BY, i == 0 ? "李老师" : "王会计");
		mp_fx_save_free(f, x);
	}
	memset(&r, 0, sizeof r);
	if (mp_report_build(f->db, &f->cfg, "2025-01-01", "2025-12-31", NULL, &r, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
	t = mp_report_table(&r, "Incubation bases");
	assert_non_null(t);
	assert_int_equal(t->nrows, 2);
	/* By name: 向阳… before 幸福… */
	{
		static const char *const want[2][6] = {
			{ "向阳社区孵化点", "3", "1", "0", "0", "—" },
			{ "幸福街道孵化基地", "10", "1", "2", "3", "200" },
		};
		static const char *const outcomes[2][6] = {
			{ "向阳社区孵化点", "0", "0", "0", "0", "—" },
			{ "幸福街道孵化基地", "1", "1", "0", "1", "66.7%" },
		};
		int row, col;

		for (row = 0; row < 2; row++)
			for (col = 0; col < 6; col++)
				assert_string_equal(t->cell[row * t->ncols + col], want[row][col]);
		t = mp_report_table(&r, "Outcomes at move-out");
		assert_non_null(t);
		for (row = 0; row < 2; row++)
			for (col = 0; col < 6; col++)
				assert_string_equal(t->cell[row * t->ncols + col], outcomes[row][col]);
	}
	t = mp_report_table(&r, "Incubation services by kind");
	assert_non_null(t);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->cell[1], "业务培训");
	assert_string_equal(t->cell[2], "2");
	assert_string_equal(t->cell[3], "3");
	assert_string_equal(t->cell[5 + 1], "财务指导");
	mp_report_free(&r);
}

/* ---- schema step 14 ---- */

/* Every row of every table of h but those in skip (NULL-ended), in order,
 * as one string (an empty table leaves no trace: the opening makes the
 * declared tables the old ledger lacked); search_tokens without the rows
 * of the types in skip. */
static char *dump(sqlite3 *h, const char *const *skip)
{
	sqlite3_stmt *tabs = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table'"
	                                    " ORDER BY name", -1, &tabs, NULL), SQLITE_OK);
	while (sqlite3_step(tabs) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tabs, 0);
		sqlite3_stmt *st = NULL;
		char *sql;
		int i, skipped = 0;

		for (i = 0; skip[i]; i++)
			skipped |= !strcmp(skip[i], name);
		if (skipped)
			continue;
		if (!strcmp(name, "search_tokens"))
			sql = sqlite3_mprintf("SELECT * FROM search_tokens WHERE s_tbl NOT IN"
			                      " (%d, %d, %d) ORDER BY 1, 2, 3, 4",
			                      mp_search_code(&mp_bases), mp_search_code(&mp_stays),
			                      mp_search_code(&mp_base_services));
		else
			sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1", name);
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		sqlite3_free(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (!skipped++)
				fprintf(f, "== %s\n", name);
			for (i = 0; i < sqlite3_column_count(st); i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);

				fprintf(f, "%s%s", i ? "|" : "", v ? v : "∅");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tabs);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void test_step14(void **state)
{
	struct mp_fx *f = *state;
	static const char *const mine[] = { "bases", "stays", "base_services", NULL };
	char *path = mp_asprintf("%s/v11.db", f->dir), *before, *after;
	const struct mp_migration *steps;
	int n, k, v11 = -1;
	mp_config cfg;
	sqlite3 *h;
	mp_db *db;
	mp_err e;

	/* A ledger of version 11, as the miaopu before step 14 left it:
	 * the steps up to 11, then the tables it declared, with groups whose
	 * 孵化基地 / 入驻日期 / 出壳日期 say all the ways they could. */
	steps = mp_schema_steps(&n);
	for (k = 0; k < n; k++)
		if (steps[k].version == 11)
			v11 = k + 1;
	assert_true(v11 > 0);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (mp_db_migrate(h, steps, v11, &e) != MP_OK)
		fail_msg("making a ledger of schema 11: %s", e.msg);
	if (sqlite3_exec(h,
	        "INSERT INTO groups (id, uuid, created_at, updated_at, name, community,"
	        " legal_status, uscc, filing_no, incubated, moved_in, moved_out, deleted_at,"
	        " state) VALUES"
	        " (1, 'g1', '2020-01-02 10:00:00', '2020-01-02', '阳光队', '幸福社区', '登记',"
	        "  '91350100M000100Y43', NULL, '是', '2020-03-01', '2022-06-30', NULL, '活跃'),"
	        " (2, 'g2', '2020-01-02 10:00:00', '2020-01-02', '夕阳红', '幸福社区', '未登记',"
	        "  NULL, NULL, '是', '2024-02-29', NULL, NULL, '活跃'),"
	        " (3, 'g3', '2020-01-02 10:00:00', '2020-01-02', '读书会', '幸福社区', '备案',"
	        "  NULL, '幸福备001', '创益园', '2021-01-01', '2021-12-31', NULL, '活跃'),"
	        " (4, 'g4', '2020-01-02 10:00:00', '2020-01-02', '舞蹈队', '幸福社区', '未登记',"
	        "  NULL, NULL, '否', NULL, NULL, NULL, '活跃'),"
	        " (5, 'g5', '2020-01-02 10:00:00', '2020-01-02', '合唱团', '幸福社区', '未登记',"
	        "  NULL, NULL, NULL, NULL, '2019-01-01', NULL, '活跃'),"
	        " (6, 'g6', '2020-01-02 10:00:00', '2020-01-02', '旧队', '幸福社区', '未登记',"
	        "  NULL, NULL, '是', NULL, NULL, '2023-01-01 08:00:00', '活跃');"
	        "INSERT INTO visits (uuid, created_at, updated_at, group_id, date, supervisor)"
	        " VALUES ('v1', '2025-01-01', '2025-01-01', 1, '2025-03-05', '周敏');",
	        NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("filling the old ledger: %s", sqlite3_errmsg(h));
	assert_int_equal(sqlite3_exec(h, "PRAGMA application_id = 1297105232;", NULL, NULL, NULL),
	                 SQLITE_OK);
	before = dump(h, mine);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	mp_config_defaults(&cfg);
	free(cfg.base_name);
	cfg.base_name = mp_strdup("幸福街道孵化基地");
	mp_bases_step_settings(&cfg);
	if (mp_db_open(&db, path, 0, &e) != MP_OK)
		fail_msg("opening the old ledger: %s", e.msg);
	mp_bases_step_settings(NULL);
	assert_int_equal(mp_fx_sql_int(&(struct mp_fx){ .db = db }, "PRAGMA user_version"),
	                 mp_db_schema_version());

	/* Nothing else changed: the groups' rows, the summaries, the visits. */
	after = dump(db->h, mine);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Every old value is found in a stay. */
	{
		struct mp_fx g = { .db = db };

		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM bases"), 2);
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM bases WHERE kind = '实体'"
		                               " AND name IN ('幸福街道孵化基地', '创益园')"), 2);
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM stays"), 5);
		assert_int_equal(mp_fx_sql_int(&g,
			"SELECT count(*) FROM groups gr WHERE NOT EXISTS (SELECT 1 FROM stays s"
			" JOIN bases b ON b.id = s.base_id WHERE s.group_id = gr.id"
			" AND s.moved_in IS gr.moved_in AND s.moved_out IS gr.moved_out"
			" AND b.name = CASE WHEN gr.incubated IN ('是') OR gr.incubated IS NULL"
			"  THEN '幸福街道孵化基地' ELSE gr.incubated END)"
			" AND (ifnull(gr.incubated, '否') <> '否' OR gr.moved_in IS NOT NULL"
			"  OR gr.moved_out IS NOT NULL)"), 0);
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM stays WHERE"
		                               " (group_id = 1 AND outcome = '已登记' AND planned_out = '2022-03-01')"
		                               " OR (group_id = 2 AND outcome IS NULL AND planned_out = '2026-02-28')"
		                               " OR (group_id = 3 AND outcome = '已备案')"
		                               " OR (group_id = 5 AND outcome = '仍未登记' AND planned_out IS NULL)"
		                               " OR (group_id = 6 AND deleted_at = '2023-01-01 08:00:00')"), 5);
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM stays WHERE group_id = 4"), 0);
		/* The bases are found by search, like any record. */
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM search_tokens"
		                               " WHERE s_tok = '创益'"), 1);
	}
	mp_db_close(db);

	/* Opened again: nothing more to do (the declared tables whole), and
	 * from now on the triggers keep the group's fields. */
	if (mp_db_open(&db, path, 0, &e) != MP_OK)
		fail_msg("opening the upgraded ledger: %s", e.msg);
	{
		struct mp_fx g = { .db = db };
		mp_record *s = mp_record_new(&mp_stays, &cfg);

		mp_fx_set_id(s, ST_GROUP, 4);
		mp_fx_set_id(s, ST_BASE, 1);
		mp_record_set(s, ST_MOVED_IN, "2025-05-01");
		g.cfg = cfg;
		mp_fx_save_free(&g, s);
		assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM groups WHERE id = 4"
		                               " AND incubated = '是' AND moved_in = '2025-05-01'"), 1);
	}
	mp_db_close(db);
	mp_config_free(&cfg);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stay_dates_and_outcome, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_one_physical_base, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_capacity_warning, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_group_fields_from_stays, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_service_within_stay, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_old_columns, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_report, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_step14, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
