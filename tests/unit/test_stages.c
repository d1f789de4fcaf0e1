/* test_stages.c — a group's stage history (stages.c) on the workflow
 * engine's timeline (workflow.c, MP_WF_TIMELINE): schema step 12 turns
 * each old ledger's 发展阶段 into one entry and changes nothing else; a
 * save with a new stage writes its entry with the date and reason asked,
 * in the same transaction, refusing a date in the future or before the
 * last change; the stage timeline order (entries added for the past mend
 * the one after them, binned ones mend it back, the group's stage is
 * always the latest entry's); the report's from × to table on a known
 * ledger; a CSV import of groups with 发展阶段 makes the entry. */
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
#include "mp_demo.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_registry.h"
#include "mp_report.h"
#include "mp_stages.h"
#include "mp_steps.h"
#include "mp_text.h"
#include "fixture.h"

/* Every row of every table but skip, each column quoted: the ledger's
 * data as one string.  Newly allocated. */
static char *dump(sqlite3 *h, const char *skip)
{
	sqlite3_stmt *tt = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table'"
	                                    " AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                                    -1, &tt, NULL), SQLITE_OK);
	while (sqlite3_step(tt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tt, 0);
		char *sql;
		sqlite3_stmt *st = NULL;

		if (!strcmp(name, skip))
			continue;
		sql = mp_asprintf("SELECT * FROM \"%s\"", name);
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(h));
		fprintf(f, "== %s\n", name);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *v = (const char *)sqlite3_column_text(st, c);

				fprintf(f, "%s%s", c ? "|" : "", v ? v : "<null>");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(st);
		free(sql);
	}
	sqlite3_finalize(tt);
	assert_int_equal(fclose(f), 0);
	return out;
}

static char *sql_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK
	    || sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	v = mp_strdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return v;
}

/* A ledger of schema 11 — made by the steps as today's main has them —
 * with groups whose 发展阶段 is set (one founded, one not, one in the
 * recycle bin) and one without, upgraded: every old stage is one entry,
 * from nothing, dated by 成立日期 or else the day the group was entered,
 * and every other table is as it was, byte for byte. */
static void test_step12_migrates(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/v11.db", f->dir), *before, *after, *got;
	const struct mp_migration *steps;
	int n;
	sqlite3 *h;
	mp_db *db = NULL;
	mp_err e;

	steps = mp_schema_steps(&n);
	assert_true(n >= 12);
	assert_int_equal(steps[11].version, 12);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (mp_db_migrate(h, steps, 11, &e) != MP_OK)
		fail_msg("making a ledger of schema 11: %s", e.msg);
	if (sqlite3_exec(h,
	        "INSERT INTO groups (id, uuid, created_at, updated_at, deleted_at, name, community,"
	        " stage, founded, state) VALUES"
	        " (1, 'g1', '2021-01-02 10:00:00', '2021-01-02 10:00:00', NULL, '和谐爱心团',"
	        "  '幸福社区', '初创期', '2019-03-05', '活跃'),"
	        " (2, 'g2', '2022-06-01 09:30:00', '2022-06-01 09:30:00', NULL, '夕阳红合唱团',"
	        "  '幸福社区', '成长期', NULL, '活跃'),"
	        " (3, 'g3', '2023-01-01 08:00:00', '2023-01-01 08:00:00', NULL, '邻里互助队',"
	        "  '柳塘村', NULL, '2020-01-01', '活跃'),"
	        " (4, 'g4', '2023-02-01 08:00:00', '2023-02-01 08:00:00', '2024-01-01 00:00:00',"
	        "  '已删除的团', '柳塘村', '萌芽期', '2018-07-01', '休眠');"
	        "INSERT INTO activities (uuid, created_at, updated_at, name, group_id, date,"
	        " participants) VALUES ('a1', '2025-01-01', '2025-01-01', '义诊', 1, '2025-03-05', 10);",
	        NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("filling the old ledger: %s", sqlite3_errmsg(h));
	before = dump(h, "stage_history");
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	if (mp_db_open(&db, path, 0, &e) != MP_OK)
		fail_msg("opening the old ledger: %s", e.msg);
	assert_int_equal(mp_fx_sql_int(&(struct mp_fx){ .db = db }, "PRAGMA user_version"),
	                 mp_db_schema_version());
	got = sql_text(db->h, "SELECT group_concat(group_id || ' ' || ifnull(from_stage, '') || '>' || to_stage"
	               " || ' ' || date || ' ' || reason || ' ' || (deleted_at IS NULL)"
	               " || ' ' || length(uuid), '; ') FROM (SELECT * FROM stage_history ORDER BY group_id)");
	assert_string_equal(got, "1 >初创期 2019-03-05 " MP_STAGE_BEFORE " 1 36; "
	                    "2 >成长期 2022-06-01 " MP_STAGE_BEFORE " 1 36; "
	                    "4 >萌芽期 2018-07-01 " MP_STAGE_BEFORE " 1 36");
	free(got);
	/* Every other table the old ledger had, unchanged (tables the
	 * opening makes from declarations are new, and left out). */
	after = dump(db->h, "stage_history");
	{
		/* The old dump is a prefix-wise subset: compare table by table. */
		char *p = before;

		while ((p = strstr(p, "== ")) != NULL) {
			char *end = strstr(p + 3, "\n== "), *name_end = strchr(p, '\n'), *at;
			size_t l = end ? (size_t)(end - p) + 1 : strlen(p);
			char *part = mp_strdup(p);

			part[l] = '\0';
			*name_end = '\0';
			at = strstr(after, p);
			*name_end = '\n';
			if (!at || strncmp(at, part, l))
				fail_msg("table changed by step 12:\n%.400s", part);
			free(part);
			p += l;
		}
	}
	free(before);
	free(after);
	/* The groups keep their stage, now the latest entry's. */
	got = sql_text(db->h, "SELECT group_concat(ifnull(stage, '-'), ' ') FROM groups");
	assert_string_equal(got, "初创期 成长期 - 萌芽期");
	free(got);
	mp_db_close(db);
	free(path);
}

static int64_t group_at(struct mp_fx *f, const char *name, const char *stage,
                        const char *founded)
{
	mp_record *g = mp_fx_group(f, name, "幸福社区");

	mp_record_set(g, G_STAGE, stage);
	mp_record_set(g, G_FOUNDED, founded);
	return mp_fx_save_free(f, g);
}

/* The group's timeline as "from>to date" entries in order, and its stage. */
static char *timeline(struct mp_fx *f, int64_t id)
{
	char *sql = mp_asprintf("SELECT (SELECT group_concat(ifnull(from_stage, '') || '>' || to_stage || ' '"
	                        " || date, ', ') FROM (SELECT * FROM stage_history WHERE group_id = %lld"
	                        " AND deleted_at IS NULL ORDER BY date, id)) || ' = '"
	                        " || (SELECT stage FROM groups WHERE id = %lld)",
	                        (long long)id, (long long)id);
	char *v = sql_text(f->db->h, sql);

	free(sql);
	return v;
}

static int save_stage(struct mp_fx *f, int64_t id, const char *stage, const char *date,
                      const char *reason, mp_err *e)
{
	mp_record *g = NULL;
	mp_wf_input in = { date, reason, "" };
	int ret;

	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &g, e), MP_OK);
	mp_record_set(g, G_STAGE, stage);
	mp_err_clear(e);
	ret = mp_wf_save(f->db, &f->cfg, g, reason ? &in : NULL, NULL, e);
	mp_record_free(g);
	return ret;
}

/* The form's save: a new stage writes its entry with the date and reason
 * typed, the group and the entry in one transaction; without a reason,
 * with a date after today or before the last change, nothing is
 * written. */
static void test_save_with_new_stage(void **state)
{
	struct mp_fx *f = *state;
	int64_t id;
	mp_record *g = NULL;
	mp_err e;
	char *got;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	id = group_at(f, "和谐爱心团", "萌芽期", "2019-03-05");
	got = timeline(f, id);
	assert_string_equal(got, ">萌芽期 2019-03-05 = 萌芽期");
	free(got);
	assert_int_equal(save_stage(f, id, "初创期", "2020-06-01", "开始承接社区项目", &e), MP_OK);
	assert_int_equal(save_stage(f, id, "成长期", "2023/1/15", "在民政部门备案", &e), MP_OK);
	got = timeline(f, id);
	assert_string_equal(got, ">萌芽期 2019-03-05, 萌芽期>初创期 2020-06-01,"
	                    " 初创期>成长期 2023-01-15 = 成长期");
	free(got);
	got = sql_text(f->db->h, "SELECT reason FROM stage_history WHERE to_stage = '成长期'");
	assert_string_equal(got, "在民政部门备案");
	free(got);
	/* A stage may go back too: any to any. */
	assert_int_equal(save_stage(f, id, "初创期", "", "骨干流失，重新起步", &e), MP_OK);
	got = timeline(f, id);
	assert_non_null(strstr(got, "成长期>初创期 2025-06-30 = 初创期"));
	free(got);

	/* Refused, nothing written: no reason; a date after today; before
	 * the last change; not a date. */
	assert_int_equal(save_stage(f, id, "示范型", "2025-06-30", NULL, &e), MP_EINVAL);
	assert_int_equal(e.field, G_STAGE);
	assert_int_equal(save_stage(f, id, "示范型", "2025-07-01", "评为示范", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_DATE);
	assert_non_null(strstr(e.msg, "2025-07-01"));
	assert_int_equal(save_stage(f, id, "示范型", "2024-01-01", "评为示范", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_DATE);
	assert_non_null(strstr(e.msg, "2025-06-30"));
	assert_int_equal(save_stage(f, id, "示范型", "去年", "评为示范", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_DATE);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_history"), 4);
	got = timeline(f, id);
	assert_non_null(strstr(got, "= 初创期"));
	free(got);
	/* The screen's question: a changed stage of a saved group asks. */
	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &g, &e), MP_OK);
	{
		mp_record *typed = mp_record_dup(g);

		assert_false(mp_wf_asks_on_save(g, typed));
		mp_record_set(typed, G_LEADER, "王芳");
		assert_false(mp_wf_asks_on_save(g, typed));
		mp_record_set(typed, G_STAGE, "示范型");
		assert_true(mp_wf_asks_on_save(g, typed));
		mp_record_free(typed);
	}
	mp_record_free(g);
}

/* The stages are the station's setting: 历下's path (做活动 → 做项目 →
 * 组织化 → 议题枢纽) works the same way, and a stage the settings do not
 * list is refused on the field. */
static void test_stages_from_settings(void **state)
{
	struct mp_fx *f = *state;
	static const char *const lixia[] = { "做活动", "做项目", "组织化", "议题枢纽" };
	mp_err e;
	int64_t id;
	char *got;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	mp_strlist_free(&f->cfg.choices[MP_CH_STAGE]);
	for (int i = 0; i < 4; i++)
		mp_strlist_add(&f->cfg.choices[MP_CH_STAGE], lixia[i]);
	id = group_at(f, "历下创益志愿队", "做活动", "2018-04-01");
	assert_int_equal(save_stage(f, id, "做项目", "2019-09-01", "承接街道公益创投项目", &e), MP_OK);
	assert_int_equal(save_stage(f, id, "议题枢纽", "2024-03-01", "牵头社区养老议题联席会", &e), MP_OK);
	got = timeline(f, id);
	assert_string_equal(got, ">做活动 2018-04-01, 做活动>做项目 2019-09-01,"
	                    " 做项目>议题枢纽 2024-03-01 = 议题枢纽");
	free(got);
	assert_int_equal(mp_wf_nstates(&mp_group_stage_wf, &f->cfg), 4);
	assert_string_equal(mp_wf_state_name(&mp_group_stage_wf, &f->cfg, 2), "组织化");
	assert_int_equal(mp_wf_state_index_cfg(&mp_group_stage_wf, &f->cfg, "萌芽期"), -1);
	assert_int_not_equal(save_stage(f, id, "萌芽期", "2025-01-01", "x", &e), MP_OK);
	assert_int_equal(e.field, G_STAGE);
}

static int64_t add_entry(struct mp_fx *f, int64_t gid, const char *to, const char *date,
                         mp_err *e)
{
	mp_record *h = mp_record_new(&mp_stage_history, &f->cfg);
	int64_t id;

	mp_fx_set_id(h, SH_GROUP, gid);
	mp_record_set(h, SH_TO, to);
	mp_record_set(h, SH_DATE, date);
	mp_record_set(h, SH_REASON, "补录");
	mp_err_clear(e);
	id = mp_record_save(f->db, &f->cfg, h, e) == MP_OK ? h->id : 0;
	mp_record_free(h);
	return id;
}

/* Stage timeline order: an entry added afterwards for the past starts
 * where the timeline stood on its date, and the entry after it starts
 * from its new stage; one that would be no change is refused; the latest
 * entry gives the group its stage; binning and restoring mend it. */
static void test_timeline_order(void **state)
{
	struct mp_fx *f = *state;
	int64_t id, mid, last;
	mp_err e;
	char *got;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	id = group_at(f, "邻里互助队", "成长期", "2018-05-01");
	/* The past: 萌芽期 before it all, then 初创期 in 2020. */
	assert_true(add_entry(f, id, "萌芽期", "2017-01-01", &e) > 0);
	mid = add_entry(f, id, "初创期", "2020-09-01", &e);
	assert_true(mid > 0);
	/* 2020's 初创期 came after 2018's 成长期: it is the latest. */
	got = timeline(f, id);
	assert_string_equal(got, ">萌芽期 2017-01-01, 萌芽期>成长期 2018-05-01,"
	                    " 成长期>初创期 2020-09-01 = 初创期");
	free(got);
	/* Refused: 成长期 again in 2019 (it was 成长期 then); 初创期 in 2019,
	 * with 2020's move to 初创期 after it. */
	assert_int_equal(add_entry(f, id, "成长期", "2019-01-01", &e), 0);
	assert_int_equal(e.code, MP_EINVAL);
	assert_int_equal(e.field, SH_TO);
	assert_int_equal(add_entry(f, id, "初创期", "2019-01-01", &e), 0);
	assert_int_equal(e.field, SH_TO);
	/* The latest: the group's stage follows. */
	last = add_entry(f, id, "示范型", "2024-12-01", &e);
	assert_true(last > 0);
	got = sql_text(f->db->h, "SELECT stage FROM groups WHERE id = 1");
	assert_string_equal(got, "示范型");
	free(got);
	/* Binned: the next entry starts where the one before ended; the
	 * latest binned, the group's stage is the one before. */
	assert_int_equal(mp_record_delete(f->db, &mp_stage_history, mid, &e), MP_OK);
	got = sql_text(f->db->h, "SELECT from_stage FROM stage_history WHERE to_stage = '示范型'");
	assert_string_equal(got, "成长期");
	free(got);
	assert_int_equal(mp_record_delete(f->db, &mp_stage_history, last, &e), MP_OK);
	got = sql_text(f->db->h, "SELECT stage FROM groups WHERE id = 1");
	assert_string_equal(got, "成长期");
	free(got);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_stage_history, last, &e), MP_OK);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_stage_history, mid, &e), MP_OK);
	got = timeline(f, id);
	assert_string_equal(got, ">萌芽期 2017-01-01, 萌芽期>成长期 2018-05-01,"
	                    " 成长期>初创期 2020-09-01, 初创期>示范型 2024-12-01 = 示范型");
	free(got);
	/* A recorded change keeps its date and stage; its reason may be
	 * corrected. */
	{
		mp_record *h = NULL;

		assert_int_equal(mp_record_load(f->db, &mp_stage_history, mid, &h, &e), MP_OK);
		mp_record_set(h, SH_DATE, "2020-10-01");
		assert_int_equal(mp_record_save(f->db, &f->cfg, h, &e), MP_EINVAL);
		assert_int_equal(e.field, SH_DATE);
		mp_record_set(h, SH_DATE, "2020-09-01");
		mp_record_set(h, SH_REASON, "承接了第一个社区项目");
		assert_int_equal(mp_record_save(f->db, &f->cfg, h, &e), MP_OK);
		mp_record_free(h);
	}
	/* The group's screen: the latest three, the older cut with …. */
	{
		char buf[256];

		mp_stages_timeline(f->db, id, 3, buf, sizeof buf);
		assert_string_equal(buf, "… → 成长期 2018-05 → 初创期 2020-09 → 示范型 2024-12");
		mp_stages_timeline(f->db, id, 8, buf, sizeof buf);
		assert_string_equal(buf, "萌芽期 2017-01 → 成长期 2018-05 → 初创期 2020-09 → 示范型 2024-12");
	}
}

/* The cell of the row whose first cell is row, column head. */
static const char *cell(const mp_rtable *t, const char *row, const char *head)
{
	int c = -1;

	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->head[i], head))
			c = i;
	if (c < 0)
		fail_msg("no column %s in %s", head, t->title);
	for (int r = 0; r < t->nrows; r++)
		if (!strcmp(t->cell[r * t->ncols], row))
			return t->cell[r * t->ncols + c];
	fail_msg("no row %s in %s", row, t->title);
	return NULL;
}

/* A known ledger: three groups' paths over the years; the report of 2021
 * to 2023 counts each move once in its row (from) and column (to), leaves
 * out the first entries (where a group was first recorded) and the moves
 * outside the period, and says where each group stood at its end. */
static void test_report_from_to(void **state)
{
	struct mp_fx *f = *state;
	const mp_rtable *t;
	mp_report r;
	mp_err e;
	int64_t a, b, c;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	a = group_at(f, "甲", "萌芽期", "2019-01-01");
	b = group_at(f, "乙", "萌芽期", "2020-01-01");
	c = group_at(f, "丙", "初创期", "2021-03-01");
	assert_int_equal(save_stage(f, a, "初创期", "2020-05-01", "x", &e), MP_OK);  /* before */
	assert_int_equal(save_stage(f, a, "成长期", "2021-05-01", "x", &e), MP_OK);
	assert_int_equal(save_stage(f, a, "示范型", "2023-12-31", "x", &e), MP_OK);
	assert_int_equal(save_stage(f, b, "初创期", "2021-02-01", "x", &e), MP_OK);
	assert_int_equal(save_stage(f, b, "萌芽期", "2022-02-01", "x", &e), MP_OK);  /* back */
	assert_int_equal(save_stage(f, b, "成长期", "2024-02-01", "x", &e), MP_OK);  /* after */
	assert_int_equal(save_stage(f, c, "成长期", "2022-08-01", "x", &e), MP_OK);

	memset(&r, 0, sizeof r);
	assert_int_equal(mp_report_build(f->db, &f->cfg, "2021-01-01", "2023-12-31", NULL, &r, &e),
	                 MP_OK);
	t = mp_report_table(&r, "Changes of stage in the period (from × to)");
	assert_non_null(t);
	assert_string_equal(cell(t, "初创期", "成长期"), "2");
	assert_string_equal(cell(t, "成长期", "示范型"), "1");
	assert_string_equal(cell(t, "萌芽期", "初创期"), "1");
	assert_string_equal(cell(t, "初创期", "萌芽期"), "1");
	assert_string_equal(cell(t, "萌芽期", "成长期"), "0");
	assert_string_equal(cell(t, "初创期", "Total"), "3");
	assert_string_equal(cell(t, "Total", "成长期"), "2");
	assert_string_equal(cell(t, "Total", "Total"), "5");
	t = mp_report_table(&r, "Groups by stage at the end of the period");
	assert_non_null(t);
	assert_string_equal(cell(t, "示范型", "Count"), "1");
	assert_string_equal(cell(t, "萌芽期", "Count"), "1");
	assert_string_equal(cell(t, "成长期", "Count"), "1");
	t = mp_report_table(&r, "Time spent in each stage (stays ended by the end of the period)");
	assert_non_null(t);
	/* 初创期: 甲 2020-05-01..2021-05-01 (365 d), 乙 2021-02-01..2022-02-01
	 * (365 d), 丙 2021-03-01..2022-08-01 (518 d): median 365 d. */
	assert_string_equal(cell(t, "初创期", "Stays ended"), "3");
	assert_string_equal(cell(t, "初创期", "Median (years)"), "1.0");
	assert_string_equal(cell(t, "示范型", "Median (years)"), "—");
	mp_report_free(&r);
}

/* A CSV import of groups with 发展阶段 makes each group's first entry,
 * dated by its 成立日期 (or the day of the import); a group without one
 * gets the settings' first stage, as before, and its entry. */
static void test_import_groups_with_stage(void **state)
{
	struct mp_fx *f = *state;
	const char csv[] = "组织名称,所属社区(村),发展阶段,成立日期\n"
	                   "阳光志愿队,幸福社区,成长期,2018-04-01\n"
	                   "书香读书会,幸福社区,,\n";
	FILE *in = fmemopen((void *)csv, sizeof csv - 1, "r");
	mp_import_result res;
	mp_err e;
	char *got;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	memset(&res, 0, sizeof res);
	assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_groups, in, 0, &res, &e), MP_OK);
	fclose(in);
	assert_int_equal(res.added, 2);
	mp_import_result_free(&res);
	got = sql_text(f->db->h, "SELECT group_concat(g.name || ' ' || ifnull(sh.from_stage, '') || '>'"
	               " || sh.to_stage || ' ' || sh.date, '; ') FROM stage_history sh"
	               " JOIN groups g ON g.id = sh.group_id");
	assert_string_equal(got, "阳光志愿队 >成长期 2018-04-01; 书香读书会 >萌芽期 2025-06-30");
	free(got);
}

/* stage_history imported as any table is (its group found by name): each
 * row takes its place in the timeline by its date, the latest gives the
 * group its stage, a row from before mends the one after it, and a row
 * that would be no change is refused with the file's line. */
static void test_import_history(void **state)
{
	struct mp_fx *f = *state;
	const char csv[] = "组织,新阶段,变更日期,变更原因\n"
	                   "和谐爱心团,初创期,2020-06-01,开始承接社区项目\n"
	                   "和谐爱心团,成长期,2023-01-15,在街道备案\n"
	                   "和谐爱心团,萌芽期,2021-05-01,骨干流失\n";
	const char bad[] = "组织,新阶段,变更日期,变更原因\n"
	                   "和谐爱心团,成长期,2024-01-01,又一次\n";
	FILE *in = fmemopen((void *)csv, sizeof csv - 1, "r");
	mp_import_result res;
	mp_err e;
	char *got;
	int64_t id;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	id = group_at(f, "和谐爱心团", "萌芽期", "2019-03-05");
	memset(&res, 0, sizeof res);
	assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_stage_history, in, 0, &res, &e), MP_OK);
	fclose(in);
	assert_int_equal(res.added, 3);
	assert_int_equal(res.refused, 0);
	mp_import_result_free(&res);
	got = timeline(f, id);
	assert_string_equal(got, ">萌芽期 2019-03-05, 萌芽期>初创期 2020-06-01,"
	                    " 初创期>萌芽期 2021-05-01, 萌芽期>成长期 2023-01-15 = 成长期");
	free(got);
	in = fmemopen((void *)bad, sizeof bad - 1, "r");
	memset(&res, 0, sizeof res);
	assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_stage_history, in, 0, &res, &e),
	                 MP_EINVAL);
	fclose(in);
	assert_int_equal(res.refused, 1);
	assert_int_equal(res.nmsgs, 1);
	assert_non_null(strstr(res.msgs[0].text, "成长期"));
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_history"), 4);
}

/* The demo's groups: real paths over the years (forward, skipping, back),
 * each group at its latest entry's stage, every entry starting where the
 * one before ended. */
static void test_demo_paths(void **state)
{
	struct mp_fx *f = *state;
	mp_err e;
	char buf[256];
	int64_t id;

	setenv("MIAOPU_TODAY", "2026-12-03", 1);
	mp_demo_config(&f->cfg);
	if (mp_demo_fill(f->db, &f->cfg, &e) != MP_OK)
		fail_msg("demo: %s", e.msg);
	id = mp_fx_sql_int(f, "SELECT id FROM groups WHERE name = '东湖村留守儿童关爱之家'");
	mp_stages_timeline(f->db, id, 8, buf, sizeof buf);
	assert_string_equal(buf, "萌芽期 2021-09 → 初创期 2021-10 → 成长期 2023-06 → 初创期 2024-09");
	id = mp_fx_sql_int(f, "SELECT id FROM groups WHERE name = '滨河社区社会组织联合会'");
	mp_stages_timeline(f->db, id, 8, buf, sizeof buf);
	assert_string_equal(buf, "萌芽期 2019-04 → 成长期 2023-03");
	/* Every group has its timeline; none is out of order. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups g WHERE NOT EXISTS"
	                               " (SELECT 1 FROM stage_history sh WHERE sh.group_id = g.id)"
	                               " AND ifnull(g.stage, '') <> ''"), 0);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM stage_history") >= 30);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups g WHERE g.stage IS NOT"
	                               " (SELECT to_stage FROM stage_history sh WHERE sh.group_id = g.id"
	                               " ORDER BY date DESC, id DESC LIMIT 1)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT ifnull(from_stage, '') AS f,"
	                               " ifnull(lag(to_stage) OVER (PARTITION BY group_id"
	                               " ORDER BY date, id), '') AS p FROM stage_history) WHERE f <> p"), 0);
}

/* ---- the engine's timeline on a type declared here only: its states a
 * settings list (观察点 levels), any to any without a reason, the first
 * entry dated by its own field, a history with every field in the
 * engine's order (no map) ---- */

enum { P_NAME, P_LEVEL, P_SINCE, P__COUNT };

extern const mp_table pilots, pilot_log;
extern const mp_workflow pilot_wf;

static const mp_field pilot_fields[P__COUNT] = {
	[P_NAME] = { .col = "name", .label_zh = "名称", .label_en = "Name",
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED },
	[P_LEVEL] = { .col = "level", .label_zh = "层级", .label_en = "Level",
		.kind = MP_K_CHOICE, .choice = MP_CH_OBSERVATION },
	[P_SINCE] = { .col = "since", .label_zh = "设立日期", .label_en = "Since",
		.kind = MP_K_DATE },
};

static const mp_field pilot_log_fields[WH__COUNT] = {
	[WH_RECORD] = { .col = "pilot_id", .label_zh = "对象", .label_en = "Pilot",
		.kind = MP_K_REF, .flags = MP_F_REQUIRED, .ref = &pilots },
	[WH_FROM] = { .col = "from_level", .label_zh = "原", .label_en = "From",
		.kind = MP_K_TEXT, .flags = MP_F_AUTO },
	[WH_TO] = { .col = "to_level", .label_zh = "新", .label_en = "To", .kind = MP_K_TEXT },
	[WH_DATE] = { .col = "date", .label_zh = "日期", .label_en = "Date", .kind = MP_K_DATE },
	[WH_REASON] = { .col = "reason", .label_zh = "原因", .label_en = "Reason", .kind = MP_K_TEXT },
	[WH_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = "Amount", .kind = MP_K_MONEY },
	[WH_BY] = { .col = "recorded_by", .label_zh = "记录人", .label_en = "By",
		.kind = MP_K_TEXT, .flags = MP_F_AUTO },
};

static const mp_wf_step pilot_step = { -1, -1, "Change the level", 0, NULL };

const mp_workflow pilot_wf = {
	.state_field = P_LEVEL, .date_field = -1, .reason_field = -1, .amount_field = -1,
	.history = &pilot_log, .states_choice = MP_CH_OBSERVATION, .any_step = &pilot_step,
	.wflags = MP_WF_TIMELINE, .start_date_field = P_SINCE,
};

static int pilot_log_prepare(mp_db *db, const mp_config *cfg, mp_record *r, mp_err *e)
{
	return mp_wf_entry_prepare(db, cfg, &pilot_wf, r, e);
}

static const mp_sort pilot_sorts[] = { { "by date added", "id", 0 } };

const mp_table pilots = {
	.name = "pilots", .title_en = "Pilots", .unit_en = "pilot",
	.fields = pilot_fields, .nfields = P__COUNT, .sorts = pilot_sorts, .nsorts = 1,
	.tflags = MP_T_DECLARED, .workflow = &pilot_wf,
};

const mp_table pilot_log = {
	.name = "pilot_log", .title_en = "Pilot log", .unit_en = "level change",
	.fields = pilot_log_fields, .nfields = WH__COUNT, .sorts = pilot_sorts, .nsorts = 1,
	.tflags = MP_T_DECLARED, .prepare = pilot_log_prepare,
};

static int pilot_setup(void **state)
{
	mp_registry_add(&pilots);
	mp_registry_add(&pilot_log);
	return mp_fx_setup(state);
}

static char *pilot_timeline(struct mp_fx *f)
{
	return sql_text(f->db->h, "SELECT group_concat(ifnull(from_level, '') || '>' || to_level"
	                " || ' ' || date, ', ') || ' = ' || (SELECT level FROM pilots)"
	                " FROM (SELECT * FROM pilot_log WHERE deleted_at IS NULL ORDER BY date, id)");
}

static void test_engine_timeline(void **state)
{
	struct mp_fx *f = *state;
	mp_record *p = mp_record_new(&pilots, &f->cfg), *h;
	mp_wf_input in = { "2023-07-01", "", "" };
	mp_err e;
	char *got;

	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	mp_record_set(p, P_NAME, "铜陵市观察点");
	mp_record_set(p, P_LEVEL, "县级");
	mp_record_set(p, P_SINCE, "2021-03-01");
	mp_fx_save(f, p);
	/* Any level to any other, no reason asked: 县级 → 省级 skipping 市级. */
	mp_record_set(p, P_LEVEL, "省级");
	assert_int_equal(mp_wf_save(f->db, &f->cfg, p, &in, NULL, &e), MP_OK);
	got = pilot_timeline(f);
	assert_string_equal(got, ">县级 2021-03-01, 县级>省级 2023-07-01 = 省级");
	free(got);
	/* No date given: today; the recorder is the operator. */
	mp_record_set(p, P_LEVEL, "市级");
	assert_int_equal(mp_wf_save(f->db, &f->cfg, p, NULL, NULL, &e), MP_OK);
	got = pilot_timeline(f);
	assert_string_equal(got, ">县级 2021-03-01, 县级>省级 2023-07-01, 省级>市级 2025-06-30 = 市级");
	free(got);
	/* One from before, inserted: mends the one after it. */
	h = mp_record_new(&pilot_log, &f->cfg);
	mp_fx_set_id(h, WH_RECORD, p->id);
	mp_record_set(h, WH_TO, "市级");
	mp_record_set(h, WH_DATE, "2022-01-01");
	mp_fx_save_free(f, h);
	got = pilot_timeline(f);
	assert_string_equal(got, ">县级 2021-03-01, 县级>市级 2022-01-01, 市级>省级 2023-07-01,"
	                    " 省级>市级 2025-06-30 = 市级");
	free(got);
	/* mp_wf_move takes the same step (the screen's F6 on such a type). */
	assert_int_equal(mp_wf_move(f->db, &f->cfg, p, mp_wf_state_index_cfg(&pilot_wf, &f->cfg, "无"),
	                            &(mp_wf_input){ "2025-06-30", "期满", "" }, NULL, &e), MP_OK);
	got = sql_text(f->db->h, "SELECT level FROM pilots");
	assert_string_equal(got, "无");
	free(got);
	/* Purged with its pilot. */
	assert_int_equal(mp_record_delete(f->db, &pilots, p->id, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &pilots, p->id, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM pilot_log"), 0);
	mp_record_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_step12_migrates, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_save_with_new_stage, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_timeline_order, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_stages_from_settings, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_report_from_to, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_groups_with_stage, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_history, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_demo_paths, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_engine_timeline, pilot_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
