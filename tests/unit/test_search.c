/* test_search.c — search as you type through the character index (schema
 * step 6; its triggers made from the tables since step 9: search.c): a
 * Chinese search finds exactly the rows instr() finds, in the list's
 * order, page by page, in both orders; the index follows corrections, the
 * recycle bin and purging; a ledger of schema 5 gets its index and its
 * group counters when it is upgraded. */
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
#include "mp_group.h"
#include "mp_list.h"
#include "mp_steps.h"
#include "mp_search.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

static const char *const names[] = {
	"张秀英", "李英秀", "王秀兰", "秀英", "欧阳秀英", "王建国", "张伟",
	"秀", "王秀英", "陈秀英", "刘英", "Anna 王",
};
#define NNAMES ((int)(sizeof names / sizeof names[0]))

static int64_t add(struct mp_fx *f, const char *name)
{
	mp_record *r = mp_record_new(&mp_volunteers, &f->cfg);

	mp_record_set(r, V_NAME, name);
	mp_record_set(r, V_ID_NO, "");
	return mp_fx_save_free(f, r);
}

static int setup(void **state)
{
	struct mp_fx *f = calloc(1, sizeof *f);
	int i;

	if (!f || mp_fx_open(f) != 0)
		return -1;
	*state = f;
	for (i = 0; i < NNAMES; i++)
		add(f, names[i]);
	return 0;
}

/* Every row the list shows for text, page by page (two rows a page), in
 * order; their ids into ids[].  Returns how many. */
static int walk(struct mp_fx *f, const char *text, int sort, int bin,
                int64_t *ids)
{
	mp_listq *q = mp_listq_new(f->db, &mp_volunteers);
	mp_key at = { NULL, 0 };
	mp_row rows[2];
	int n, total = 0, i;
	mp_err e;

	mp_listq_set_sort(q, sort);
	mp_listq_set_bin(q, bin);
	mp_listq_set_search(q, text);
	for (;;) {
		assert_int_equal(mp_listq_fetch(q, total ? &at : NULL, 1, 0, 2, rows, &n, &e), MP_OK);
		for (i = 0; i < n; i++)
			ids[total++] = rows[i].key.id;
		if (n)
			mp_key_copy(&at, &rows[n - 1].key);
		mp_rows_clear(rows, n);
		if (n < 2)
			break;
	}
	mp_key_clear(&at);
	mp_listq_free(q);
	return total;
}

/* The same by instr() over the searched columns, in the same order. */
static int expected(struct mp_fx *f, const char *text, int sort, int bin,
                    int64_t *ids)
{
	sqlite3_stmt *st = NULL;
	int n = 0;
	char *sql = mp_asprintf("SELECT id FROM volunteers WHERE deleted_at IS %s"
		" AND instr(lower(name || char(31) || ifnull(id_no, '') || char(31)"
		" || ifnull(vol_no, '')), lower(?)) > 0 ORDER BY %s",
		bin ? "NOT NULL" : "NULL", sort == 0 ? "name, id" : "id DESC");

	assert_int_equal(sqlite3_prepare_v2(f->db->h, sql, -1, &st, NULL), SQLITE_OK);
	free(sql);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void same_as_instr(struct mp_fx *f, const char *text, int bin)
{
	int64_t got[64], want[64];
	int sort, n, m, i;

	for (sort = 0; sort < 2; sort++) {
		n = walk(f, text, sort, bin, got);
		m = expected(f, text, sort, bin, want);
		if (n != m)
			fail_msg("“%s” (order %d): %d rows, instr() finds %d", text, sort, n, m);
		for (i = 0; i < n; i++)
			assert_true(got[i] == want[i]);
	}
}

static void test_tokens(void **state)
{
	char tok[MP_SEARCH_MAXTOK][16];

	(void)state;
	assert_int_equal(mp_search_tokens("王", tok), 1);
	assert_string_equal(tok[0], "王");
	assert_int_equal(mp_search_tokens("秀英", tok), 1);
	assert_string_equal(tok[0], "秀英");
	/* The last pair first: it drives the search, and a given name is
	 * rarer than a surname's pair. */
	assert_int_equal(mp_search_tokens("王秀英", tok), 2);
	assert_string_equal(tok[0], "秀英");
	assert_string_equal(tok[1], "王秀");
	assert_int_equal(mp_search_tokens("欧阳秀英", tok), 3);
	assert_string_equal(tok[2], "阳秀");
	/* ASCII anywhere: instr() alone. */
	assert_int_equal(mp_search_tokens("王a", tok), 0);
	assert_int_equal(mp_search_tokens("110105", tok), 0);
	assert_int_equal(mp_search_tokens("", tok), 0);
}

static void test_finds_what_instr_finds(void **state)
{
	struct mp_fx *f = *state;
	static const char *const texts[] = {
		"秀", "英", "秀英", "英秀", "王秀英", "阳秀英", "欧阳秀英", "王",
		"不在", "秀兰", "Anna", "王 ", "张伟",
	};
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		same_as_instr(f, texts[i], 0);
	/* Two characters that are in a name but not side by side. */
	{
		int64_t ids[64];
		assert_int_equal(walk(f, "张英", 0, 0, ids), 0);
		assert_int_equal(walk(f, "秀英", 0, 0, ids), 5);
	}
}

static void test_follows_edits(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = add(f, "赵桂芳"), ids[64];
	mp_record *r;
	mp_err e;

	assert_int_equal(walk(f, "桂芳", 0, 0, ids), 1);
	/* A correction: the old name is no longer found, the new one is. */
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, id, &r, &e), MP_OK);
	mp_record_set(r, V_NAME, "赵淑珍");
	mp_fx_save_free(f, r);
	assert_int_equal(walk(f, "桂芳", 0, 0, ids), 0);
	assert_int_equal(walk(f, "淑珍", 0, 0, ids), 1);
	assert_true(ids[0] == id);
	same_as_instr(f, "赵", 0);
	/* The recycle bin: out of the list, in the bin's list. */
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, id, &e), MP_OK);
	assert_int_equal(walk(f, "淑珍", 0, 0, ids), 0);
	assert_int_equal(walk(f, "淑珍", 0, 1, ids), 1);
	same_as_instr(f, "淑", 1);
	/* Purged: its tokens go with it. */
	assert_int_equal(mp_record_purge(f->db, &mp_volunteers, id, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tbl = 1 AND s_tok = '淑'"), 0);
	/* Every row's tokens: 3 characters and 2 pairs for 张秀英. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens s"
	                                  " JOIN volunteers v ON v.id = s.s_id"
	                                  " WHERE s.s_tbl = 1 AND v.name = '张秀英'"), 5);
}

/* What the active groups count, by legal status, against a fresh count. */
static void assert_group_counts(struct mp_fx *f)
{
	assert_int_equal(mp_fx_sql_int(f,
		"SELECT count(*) FROM (SELECT 'groups_active:' || ifnull(legal_status, '') AS k,"
		" count(*) AS n FROM groups WHERE deleted_at IS NULL AND state = '活跃'"
		" GROUP BY 1) g LEFT JOIN count_stats c ON c.name = g.k"
		" WHERE c.n IS NOT g.n"), 0);
	assert_int_equal(mp_fx_sql_int(f,
		"SELECT ifnull(sum(n), 0) FROM count_stats WHERE name LIKE 'groups_active:%'"),
		mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE deleted_at IS NULL"
		                 " AND state = '活跃'"));
}

static void test_upgrade_from_schema_5(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "夕阳红志愿服务队"), ids[64];
	char *path;
	mp_err e;

	mp_fx_add_group(f, "邻里互助会");
	assert_group_counts(f);
	if (sqlite3_exec(f->db->h,
		/* Schema step 11's summaries and indexes. */
		"DROP TRIGGER year_stats_in; DROP TRIGGER year_stats_out; DROP TRIGGER year_stats_up;"
		"DROP TRIGGER group_stats_in; DROP TRIGGER group_stats_out; DROP TRIGGER group_stats_up;"
		"DROP TRIGGER act_stats_in; DROP TRIGGER act_stats_out; DROP TRIGGER act_stats_up;"
		"DROP TRIGGER act_stats_group; DROP TABLE year_stats; DROP TABLE group_stats;"
		"DROP TABLE act_stats; DROP INDEX year_hours_top; DROP INDEX groups_report_new;"
		"DROP INDEX groups_report_incubated; DROP INDEX visits_report;"
		"DROP INDEX trainings_report; DROP INDEX training_groups_report;"
		"DROP INDEX training_people_report;"
		"DROP TRIGGER search_volunteers_in; DROP TRIGGER search_volunteers_out;"
		"DROP TRIGGER search_volunteers_up; DROP TRIGGER search_groups_in;"
		"DROP TRIGGER search_groups_out; DROP TRIGGER search_groups_up;"
		"DROP TRIGGER search_trainings_in; DROP TRIGGER search_trainings_out;"
		"DROP TRIGGER search_trainings_up; DROP TRIGGER count_groups_in;"
		"DROP TRIGGER count_groups_out; DROP TRIGGER count_groups_old;"
		"DROP TRIGGER count_groups_new; DROP TABLE search_tokens;"
		"DROP TRIGGER year_hours_in; DROP TRIGGER year_hours_out;"
		"DROP TRIGGER year_hours_old; DROP TRIGGER year_hours_new;"
		"DROP TABLE year_hours; DROP INDEX activities_report;"
		"DROP TABLE search_nums; DELETE FROM count_stats WHERE name LIKE 'groups%';"
		"PRAGMA user_version = 5;", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("making a ledger of schema 5: %s", sqlite3_errmsg(f->db->h));
	mp_db_close(f->db);
	f->db = NULL;
	path = mp_asprintf("%s/%s", f->dir, MP_FX_DB);
	if (mp_db_open(&f->db, path, 0, &e) != MP_OK)
		fail_msg("upgrading: %s", e.msg);
	free(path);
	assert_int_equal(mp_fx_sql_int(f, "PRAGMA user_version"), mp_db_schema_version());
	same_as_instr(f, "秀英", 0);
	same_as_instr(f, "王", 0);
	assert_int_equal(walk(f, "秀英", 0, 0, ids), 5);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tbl = 2 AND s_tok = '夕阳'"), 1);
	assert_group_counts(f);
	/* And the counters follow from there. */
	assert_int_equal(mp_record_delete(f->db, &mp_groups, g, &e), MP_OK);
	assert_group_counts(f);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_groups, g, &e), MP_OK);
	assert_group_counts(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test_setup_teardown(test_finds_what_instr_finds, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_follows_edits, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_schema_5, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
