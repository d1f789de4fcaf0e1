/* test_schema.c — the schema, old or new: a ledger upgraded from any older
 * version (made by the steps up to it, or saved by the miaopu of schema
 * 8) ends with the same schema as a new one; the search index holds the
 * trainer (讲师), so searching 明华 finds 李明华's training through the
 * list the screen uses, on new and upgraded ledgers alike; the import's
 * fill makes the trigger's tokens; the tables the steps made are what
 * their declarations make; and a record type declared here, in this file
 * only, gets its table, indexes and search triggers from its mp_table. */
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
#include "mp_registry.h"
#include "mp_steps.h"
#include "mp_search.h"
#include "mp_text.h"
#include "mp_training.h"
#include "fixture.h"
#include "ledger_v8.h"

/* type|name|tbl_name|sql of every object, by name: the schema as a
 * string.  Newly allocated. */
static char *schema_of(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql"
	                                    " FROM sqlite_master ORDER BY name",
	                                    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 3);

		fprintf(f, "%s|%s|%s|%s\n", sqlite3_column_text(st, 0),
		        sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		        sql ? sql : "");
	}
	sqlite3_finalize(st);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void assert_same_text(const char *want, const char *got)
{
	size_t i = 0;

	if (!strcmp(want, got))
		return;
	while (want[i] && want[i] == got[i])
		i++;
	while (i > 0 && want[i - 1] != '\n')
		i--;
	fail_msg("schemas differ from here:\nwant: %.300s\ngot:  %.300s", want + i, got + i);
}

/* The integer of the first row of sql. */
static long sql_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long v;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK
	    || sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text of the first row of sql (a copy; "" for NULL). */
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

/* How many rows the list of t shows when text is typed into its search
 * (the first page of up to 20). */
static int found(mp_db *db, const mp_table *t, const char *text)
{
	mp_listq *q = mp_listq_new(db, t);
	mp_row rows[20];
	mp_err e;
	int n = 0;

	mp_listq_set_search(q, text);
	if (mp_listq_fetch(q, NULL, 1, 0, 20, rows, &n, &e) != MP_OK)
		fail_msg("list of %s: %s", t->name, e.msg);
	mp_rows_clear(rows, n);
	mp_listq_free(q);
	return n;
}

static int64_t add_training(struct mp_fx *f, const char *name,
                            const char *trainer)
{
	mp_record *r = mp_record_new(&mp_trainings, &f->cfg);

	mp_record_set(r, T_NAME, name);
	mp_record_set(r, T_DATE, "2024-03-05");
	mp_record_set(r, T_HOURS, "2");
	mp_record_set(r, T_PLACE, "社区活动室");
	mp_record_set(r, T_TRAINER, trainer);
	return mp_fx_save_free(f, r);
}

/* A ledger file in f's folder called name, opened (and so upgraded). */
static mp_db *open_in(struct mp_fx *f, const char *name)
{
	char *path = mp_asprintf("%s/%s", f->dir, name);
	mp_db *db = NULL;
	mp_err e;

	if (mp_db_open(&db, path, 0, &e) != MP_OK)
		fail_msg("opening %s: %s", name, e.msg);
	free(path);
	return db;
}

/* A new ledger has the trainer in its index. */
static void test_trainer_found(void **state)
{
	struct mp_fx *f = *state;

	add_training(f, "社区骨干培训", "李明华");
	add_training(f, "财务培训", "王芳");
	assert_int_equal(found(f->db, &mp_trainings, "明华"), 1);
	assert_int_equal(found(f->db, &mp_trainings, "李明华"), 1);
	assert_int_equal(found(f->db, &mp_trainings, "培训"), 2);
	assert_int_equal(found(f->db, &mp_trainings, "张"), 0);
	/* Through the index, not only instr(). */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tbl = 3 AND s_tok = '明华'"), 1);
	/* A corrected trainer is found by the new name only. */
	assert_int_equal(sqlite3_exec(f->db->h, "UPDATE trainings SET trainer = '赵小红'"
	                              " WHERE trainer = '李明华'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(found(f->db, &mp_trainings, "明华"), 0);
	assert_int_equal(found(f->db, &mp_trainings, "小红"), 1);
}

/* A ledger made by the steps up to each older version, with a group and
 * (from step 3 on) 李明华's training in it, opened by this program: the
 * same schema as a new ledger, and the trainer is found. */
static void test_every_version_upgrades_alike(void **state)
{
	struct mp_fx *f = *state;
	char *want = schema_of(f->db->h);
	int v, n, k;
	const struct mp_migration *steps = mp_schema_steps(&n);

	assert_int_equal(steps[n - 1].version, mp_db_schema_version());
	for (v = 1; v < mp_db_schema_version(); v++) {
		char name[32], *path, *got;
		sqlite3 *h;
		mp_db *db;
		mp_err e;

		snprintf(name, sizeof name, "v%d.db", v);
		path = mp_asprintf("%s/%s", f->dir, name);
		assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
		/* The steps up to v (numbers may be missing in a branch). */
		for (k = 0; k < n && steps[k].version <= v; k++)
			;
		if (mp_db_migrate(h, steps, k, &e) != MP_OK)
			fail_msg("making a ledger of schema %d: %s", v, e.msg);
		assert_int_equal(sqlite3_exec(h,
			"INSERT INTO groups (uuid, created_at, updated_at, name, community)"
			" VALUES ('g1', '2024-01-02 10:00:00', '2024-01-02 10:00:00',"
			" '和谐爱心团', '幸福社区');", NULL, NULL, NULL), SQLITE_OK);
		if (v >= 3)
			assert_int_equal(sqlite3_exec(h,
				"INSERT INTO trainings (uuid, created_at, updated_at, name,"
				" date, hours, mode, place, trainer) VALUES ('t1',"
				" '2024-03-05 09:00:00', '2024-03-05 09:00:00', '社区骨干培训',"
				" '2024-03-05', 2, '线下', '社区活动室', '李明华');",
				NULL, NULL, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_close(h), SQLITE_OK);
		free(path);

		db = open_in(f, name);
		assert_int_equal(sql_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
		got = schema_of(db->h);
		assert_same_text(want, got);
		free(got);
		assert_int_equal(found(db, &mp_groups, "爱心"), 1);
		if (v >= 3) {
			assert_int_equal(found(db, &mp_trainings, "明华"), 1);
			assert_int_equal(found(db, &mp_trainings, "骨干"), 1);
		}
		mp_db_close(db);
	}
	free(want);
}

/* A ledger of schema 8 as the previous miaopu saved it (ledger_v8.h). */
static void test_saved_v8_ledger(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/old.db", f->dir), *want = schema_of(f->db->h), *got;
	sqlite3 *h;
	mp_db *db;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, ledger_v8_sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("loading the old ledger: %s", sqlite3_errmsg(h));
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 8;"
	                              " PRAGMA application_id = 1297105232;",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(MP_APPLICATION_ID, 1297105232);
	/* The old index did not hold the trainer. */
	assert_int_equal(sql_int(h, "SELECT count(*) FROM search_tokens"
	                         " WHERE s_tbl = 3 AND s_tok = '明华'"), 0);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	db = open_in(f, "old.db");
	got = schema_of(db->h);
	assert_same_text(want, got);
	assert_int_equal(found(db, &mp_trainings, "明华"), 1);
	assert_int_equal(found(db, &mp_trainings, "项目"), 1);   /* the topic */
	assert_int_equal(found(db, &mp_groups, "王芳"), 1);      /* the leader */
	assert_int_equal(sql_int(db->h, "SELECT count(*) FROM search_tokens"
	                         " WHERE s_tbl = 3 AND s_tok = '明华'"), 1);
	/* The tokens made again are exactly the trigger's: correcting the
	 * row takes every one of them out. */
	assert_int_equal(sqlite3_exec(db->h, "DELETE FROM trainings", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sql_int(db->h, "SELECT count(*) FROM search_tokens WHERE s_tbl = 3"), 0);
	mp_db_close(db);
	free(got);
	free(want);
	free(path);
}

/* A ledger of schema 10 with records in it, opened by this program: step
 * 11 fills the report's summaries from them (the groups that count by
 * each field, the activities per month and category of their group, the
 * volunteers and hours of each year), and the triggers go on from there. */
static void test_v10_ledger_summaries(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/v10.db", f->dir), *got;
	int n;
	const struct mp_migration *steps = mp_schema_steps(&n);
	sqlite3 *h;
	mp_db *db;
	mp_err e;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (mp_db_migrate(h, steps, 10, &e) != MP_OK)
		fail_msg("making a ledger of schema 10: %s", e.msg);
	if (sqlite3_exec(h,
	        "INSERT INTO groups (id, uuid, created_at, updated_at, name, community,"
	        " category, kind, state) VALUES"
	        " (1, 'g1', '2024-01-02 10:00:00', '2024-01-02', '和谐爱心团', '幸福社区',"
	        "  '公益慈善类', '枢纽型', '活跃'),"
	        " (2, 'g2', '2024-01-02 10:00:00', '2024-01-02', '夕阳红合唱团', '幸福社区',"
	        "  NULL, '普通', '活跃'),"
	        " (3, 'g3', '2024-01-02 10:00:00', '2024-01-02', '已注销的团', '柳塘村',"
	        "  '公益慈善类', '枢纽型', '注销');"
	        "INSERT INTO activities (uuid, created_at, updated_at, name, group_id, date,"
	        " participants, beneficiaries) VALUES"
	        " ('a1', '2025-01-01', '2025-01-01', '义诊', 1, '2025-03-05', 10, 20),"
	        " ('a2', '2025-01-01', '2025-01-01', '义剪', 1, '2025-03-09', 5, NULL),"
	        " ('a3', '2025-01-01', '2025-01-01', '合唱', 2, '2025-04-01', 7, 7);"
	        "INSERT INTO volunteers (id, uuid, created_at, updated_at, name) VALUES"
	        " (1, 'v1', '2024-01-01', '2024-01-01', '张三'),"
	        " (2, 'v2', '2024-01-01', '2024-01-01', '李四');"
	        "INSERT INTO hours (uuid, created_at, updated_at, volunteer_id, date, hours,"
	        " counts) VALUES"
	        " ('h1', '2025-01-01', '2025-01-01', 1, '2025-03-05', 2.5, '是'),"
	        " ('h2', '2025-01-01', '2025-01-01', 1, '2025-04-05', 1, '是'),"
	        " ('h3', '2025-01-01', '2025-01-01', 2, '2025-04-05', 3, '是'),"
	        " ('h4', '2025-01-01', '2025-01-01', 2, '2024-04-05', 4, '是');",
	        NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("filling the old ledger: %s", sqlite3_errmsg(h));
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	db = open_in(f, "v10.db");
	assert_int_equal(sql_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
	got = sql_text(db->h, "SELECT group_concat(dim || ':' || value || '=' || n, ' ')"
	               " FROM (SELECT * FROM group_stats WHERE dim IN ('category', 'hub', 'kind')"
	               " ORDER BY 1, 2)");
	assert_string_equal(got, "category:=1 category:公益慈善类=1 hub:幸福社区=1"
	                    " kind:普通=1 kind:枢纽型=1");
	free(got);
	got = sql_text(db->h, "SELECT group_concat(month || ' ' || category || ' ' || acts"
	               " || ' ' || part || ' ' || bene, ', ') FROM (SELECT * FROM act_stats"
	               " ORDER BY 1, 2)");
	assert_string_equal(got, "2025-03 公益慈善类 2 15 20, 2025-04  1 7 7");
	free(got);
	got = sql_text(db->h, "SELECT group_concat(year || ' ' || volunteers || ' ' || cents,"
	               " ', ') FROM (SELECT * FROM year_stats ORDER BY 1)");
	assert_string_equal(got, "2024 1 400, 2025 2 650");
	free(got);
	/* The triggers carry on: 夕阳红 gets a category, 张三's record of
	 * 2024 goes in. */
	assert_int_equal(sqlite3_exec(db->h, "UPDATE groups SET category = '文体活动类' WHERE id = 2;"
	                              "INSERT INTO hours (uuid, created_at, updated_at, volunteer_id,"
	                              " date, hours, counts) VALUES ('h5', '2025-01-01', '2025-01-01',"
	                              " 1, '2024-05-01', 1.25, '是');", NULL, NULL, NULL), SQLITE_OK);
	got = sql_text(db->h, "SELECT group_concat(month || ' ' || category || ' ' || acts, ', ')"
	               " FROM (SELECT * FROM act_stats ORDER BY 1, 2)");
	assert_string_equal(got, "2025-03 公益慈善类 2, 2025-04 文体活动类 1");
	free(got);
	got = sql_text(db->h, "SELECT group_concat(year || ' ' || volunteers || ' ' || cents,"
	               " ', ') FROM (SELECT * FROM year_stats ORDER BY 1)");
	assert_string_equal(got, "2024 2 525, 2025 2 650");
	free(got);
	mp_db_close(db);
	free(path);
}

/* Every token of table code, in order, as one string. */
static char *tokens_of(sqlite3 *h, int code)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT s_tok, s_key, s_id FROM search_tokens"
	                                    " WHERE s_tbl = ? ORDER BY 1, 2, 3", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, code);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s|%s|%lld\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		        (long long)sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	assert_int_equal(fclose(f), 0);
	return out;
}

/* An import's fill (search_fill.c) makes exactly the tokens the triggers
 * make, trainers included. */
static void test_import_fill_is_the_trigger(void **state)
{
	struct mp_fx *f = *state;
	static const char *const trainers[] = { "李明华", "", "欧阳明华", "Tom 明", "王芳" };
	mp_search_paused p;
	char *filled, *triggered;
	mp_err e;
	int i;

	add_training(f, "开班前的培训", "张三");
	assert_int_equal(mp_db_begin(f->db, &e), MP_OK);
	assert_int_equal(mp_search_pause(f->db, &mp_trainings, &p, &e), MP_OK);
	assert_non_null(p.fill);
	assert_non_null(strstr(p.fill, "trainer"));
	for (i = 0; i < 5; i++)
		add_training(f, i % 2 ? "社区骨干培训" : "项目设计工作坊", trainers[i]);
	assert_int_equal(mp_search_resume(f->db, &p, &e), MP_OK);
	assert_int_equal(mp_db_commit(f->db, &e), MP_OK);
	assert_int_equal(found(f->db, &mp_trainings, "明华"), 2);
	filled = tokens_of(f->db->h, 3);
	/* The same rows through the triggers' SQL: mp_search_sync makes the
	 * tokens again once the insert trigger is not what the table says. */
	assert_int_equal(sqlite3_exec(f->db->h, "DROP TRIGGER search_trainings_in;"
	                              "DELETE FROM search_tokens WHERE s_tbl = 3",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(mp_search_sync(f->db->h, &mp_trainings, &e), MP_OK);
	triggered = tokens_of(f->db->h, 3);
	assert_same_text(triggered, filled);
	assert_non_null(strstr(filled, "明华|2024-03-05|"));
	free(filled);
	free(triggered);
}

/* The tables and unique indexes the steps made are what their
 * declarations make: a table made from its declaration is built like
 * them. */
static void test_steps_match_declarations(void **state)
{
	struct mp_fx *f = *state;
	int t, i;

	for (t = 0; t < mp_registry_count(); t++) {
		const mp_table *tab = mp_registry_get(t);
		char *sql = mp_schema_table_sql(tab, 0), *q;
		sqlite3_stmt *st = NULL;

		q = sqlite3_mprintf("SELECT sql FROM sqlite_master WHERE name = %Q", tab->name);
		assert_int_equal(sqlite3_prepare_v2(f->db->h, q, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_same_text((const char *)sqlite3_column_text(st, 0), sql);
		sqlite3_finalize(st);
		sqlite3_free(q);
		free(sql);
		for (i = 0; i < tab->nindexes; i++) {
			sql = mp_schema_index_sql(tab, &tab->indexes[i], 0);
			q = sqlite3_mprintf("SELECT sql FROM sqlite_master WHERE type = 'index'"
			                    " AND name = %Q AND tbl_name = %Q",
			                    tab->indexes[i].name, tab->name);
			assert_int_equal(sqlite3_prepare_v2(f->db->h, q, -1, &st, NULL), SQLITE_OK);
			if (sqlite3_step(st) != SQLITE_ROW)
				fail_msg("no index %s", tab->indexes[i].name);
			assert_same_text((const char *)sqlite3_column_text(st, 0), sql);
			sqlite3_finalize(st);
			sqlite3_free(q);
			free(sql);
		}
	}
	/* Search codes, given or made from a declared type's name, are never
	 * shared. */
	for (t = 0; t < mp_registry_count(); t++)
		for (i = t + 1; i < mp_registry_count(); i++)
			assert_true(mp_search_code(mp_registry_get(t)) == 0
			            || mp_search_code(mp_registry_get(t)) != mp_search_code(mp_registry_get(i)));
}

/* ---- a record type declared here only ---- */

enum { P_NAME, P_LEADER, P_GROUP, P_STARTED, P_PEOPLE, P_HOURS, P__COUNT };

static const mp_field pilot_fields[P__COUNT] = {
	[P_NAME] = { .col = "name", .label_zh = "名称", .label_en = "Name",
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 40, .list_width = 12 },
	[P_LEADER] = { .col = "leader", .label_zh = "负责人", .label_en = "Leader",
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 20, .list_width = 8 },
	[P_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = "Group",
		.kind = MP_K_REF, .flags = MP_F_LIST, .list_width = 12,
		.ref = &mp_groups },
	[P_STARTED] = { .col = "started", .label_zh = "开始日期", .label_en = "Started",
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 10, .list_width = 10 },
	[P_PEOPLE] = { .col = "people", .label_zh = "人数", .label_en = "People",
		.kind = MP_K_COUNT, .maxlen = 5 },
	[P_HOURS] = { .col = "hours", .label_zh = "时长", .label_en = "Hours",
		.kind = MP_K_HOURS, .maxlen = 6 },
};

static const mp_sort pilot_sorts[] = {
	{ "by date", "started", 1 },
	{ "by date added", "id", 1 },
};

static const mp_index pilot_indexes[] = {
	{ "test_pilots_live_unique", "group_id, name", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static const mp_table pilots = {
	.name = "test_pilots",
	.title_en = "Pilots",
	.unit_en = "pilot",
	.fields = pilot_fields,
	.nfields = P__COUNT,
	.sorts = pilot_sorts,
	.nsorts = 2,
	.tflags = MP_T_DECLARED,
	.indexes = pilot_indexes,
	.nindexes = 1,
	.search_code = 900,
};

static int64_t add_pilot(struct mp_fx *f, const char *name, const char *leader,
                         int64_t group, int want)
{
	mp_record *r = mp_record_new(&pilots, &f->cfg);
	mp_err e;
	int rc;

	mp_record_set(r, P_NAME, name);
	mp_record_set(r, P_LEADER, leader);
	mp_fx_set_id(r, P_GROUP, group);
	mp_record_set(r, P_STARTED, "2024-05-01");
	mp_record_set(r, P_PEOPLE, "12");
	mp_record_set(r, P_HOURS, "1.5");
	rc = mp_record_save(f->db, &f->cfg, r, &e);
	if (rc != want)
		fail_msg("saving %s: %d (%s)", name, rc, e.msg);
	rc = (int)r->id;
	mp_record_free(r);
	return rc;
}

static void test_declared_type(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "和谐爱心团"), id;
	char *sql = mp_schema_table_sql(&pilots, 1);
	mp_err e;

	assert_string_equal(sql, "CREATE TABLE IF NOT EXISTS test_pilots ( id INTEGER PRIMARY KEY,"
		" uuid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
		" updated_at TEXT NOT NULL, deleted_at TEXT, name TEXT NOT NULL,"
		" leader TEXT, group_id INTEGER REFERENCES groups(id), started TEXT,"
		" people INTEGER CHECK (people IS NULL OR people >= 0),"
		" hours REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 24)),"
		" version INTEGER NOT NULL DEFAULT 1, updated_by TEXT)");
	free(sql);
	assert_int_equal(mp_schema_create_table(f->db, &pilots, &e), MP_OK);
	/* Made once: again changes nothing. */
	sql = schema_of(f->db->h);
	assert_int_equal(mp_schema_create_table(f->db, &pilots, &e), MP_OK);
	{
		char *again = schema_of(f->db->h);
		assert_same_text(sql, again);
		free(again);
	}
	free(sql);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM sqlite_master WHERE name IN"
	                 " ('test_pilots_live_started', 'test_pilots_bin_started',"
	                 " 'test_pilots_group', 'test_pilots_live_unique',"
	                 " 'search_test_pilots_in', 'search_test_pilots_out',"
	                 " 'search_test_pilots_up')"), 7);
	id = add_pilot(f, "社区议事试点", "李明华", g, MP_OK);
	add_pilot(f, "楼道花园试点", "王芳", g, MP_OK);
	/* Its unique index holds. */
	add_pilot(f, "社区议事试点", "赵六", g, MP_EDUP);
	assert_int_equal(found(f->db, &pilots, "明华"), 1);
	assert_int_equal(found(f->db, &pilots, "试点"), 2);
	assert_int_equal(found(f->db, &pilots, "花"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tbl = 900 AND s_tok = '明华'"), 1);
	/* Its foreign key holds. */
	assert_int_not_equal(sqlite3_exec(f->db->h, "UPDATE test_pilots SET group_id = 999",
	                                  NULL, NULL, NULL), SQLITE_OK);
	/* Binned and purged, its tokens go with it. */
	assert_int_equal(mp_record_delete(f->db, &pilots, id, &e), MP_OK);
	assert_int_equal(found(f->db, &pilots, "明华"), 0);
	assert_int_equal(mp_record_purge(f->db, &pilots, id, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tbl = 900 AND s_tok = '明华'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_trainer_found, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_every_version_upgrades_alike, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_saved_v8_ledger, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_v10_ledger_summaries, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_fill_is_the_trigger, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_steps_match_declarations, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_declared_type, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
