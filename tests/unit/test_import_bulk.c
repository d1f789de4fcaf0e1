/* test_import_bulk.c — a large import sets the search trigger and some
 * indexes aside while it writes (import.c, search.c, pause.c): the ledger
 * it leaves must be the one a save at a time would have made, and one
 * that fails must leave the schema as it found it. */
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
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_import.h"
#include "mp_list.h"
#include "mp_search.h"
#include "mp_volunteer.h"
#include "fixture.h"

/* More rows than LATE_INDEX_ROWS (import.c), so that indexes wait too. */
#define ROWS 1500

static const char *const given[] = { "王", "李", "丽", "Anna", "欧阳", "秀", "海" };

/* A CSV of ROWS volunteers; names repeat characters (丽丽), mix in ASCII
 * and, every 97th row, run long; every tenth has left (退出).  bad: row bad has a date that does not
 * exist (0: none). */
static char *volunteers_csv(int bad)
{
	size_t size = 1 << 20, len = 0;
	char *s = malloc(size);
	int i;

	assert_non_null(s);
	len += (size_t)snprintf(s + len, size - len, "姓名,志愿者编号,注册日期,状态\n");
	for (i = 1; i <= ROWS; i++) {
		const char *a = given[i % 7], *b = given[(i / 7) % 7];

		len += (size_t)snprintf(s + len, size - len, "%s%s%s%s,ZY%06d,%s,%s\n", a, b,
		                        i % 3 ? "丽" : b, i % 97 ? "" : "长长的名字里也有丽丽",
		                        i, i == bad ? "2024-02-30" : "2024-03-05",
		                        i % 10 ? "在册" : "退出");
		assert_true(len < size);
	}
	return s;
}

static int import_str(struct mp_fx *f, const mp_table *t, const char *text,
                      mp_import_result *res, mp_err *e)
{
	FILE *in = tmpfile();
	int rc;

	assert_non_null(in);
	assert_int_equal(fwrite(text, 1, strlen(text), in), strlen(text));
	rewind(in);
	rc = mp_import_csv(f->db, &f->cfg, t, in, 0, res, e);
	fclose(in);
	return rc;
}

/* The ledger's indexes and triggers, with their SQL, one text. */
static char *schema_text(struct mp_fx *f)
{
	sqlite3_stmt *st;
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	mp_err e;

	assert_non_null(m);
	assert_int_equal(mp_db_prepare(f->db, "SELECT name, sql FROM sqlite_schema"
	                 " WHERE type IN ('index', 'trigger') ORDER BY name", &st, &e), MP_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(m, "%s: %s\n", sqlite3_column_text(st, 0),
		        sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
	sqlite3_finalize(st);
	fclose(m);
	return out;
}

static void exec(struct mp_fx *f, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(f->db->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* The tokens the import left for the volunteers equal, row for row, those
 * the triggers make: kept aside, emptied, made again by the update
 * trigger from every name, compared both ways. */
static void assert_tokens_as_triggers_make(struct mp_fx *f)
{
	exec(f, "CREATE TEMP TABLE kept AS SELECT * FROM search_tokens WHERE s_tbl = 1;"
	        "DELETE FROM search_tokens WHERE s_tbl = 1;"
	        "UPDATE volunteers SET name = name;");
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM temp.kept") > ROWS * 3);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM temp.kept"
	                 " EXCEPT SELECT * FROM search_tokens WHERE s_tbl = 1)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM search_tokens"
	                 " WHERE s_tbl = 1 EXCEPT SELECT * FROM temp.kept)"), 0);
	exec(f, "DROP TABLE temp.kept");
}

/* Search as the list does, for text, page by page: the rows found (the
 * character index narrows the search: a token missing, a row missing). */
static int found(struct mp_fx *f, const char *text)
{
	mp_listq *q = mp_listq_new(f->db, &mp_volunteers);
	mp_key at = { NULL, 0 };
	mp_row rows[50];
	int n, total = 0;
	mp_err e;

	mp_listq_set_search(q, text);
	do {
		assert_int_equal(mp_listq_fetch(q, total ? &at : NULL, 1, 0, 50, rows, &n, &e),
		                 MP_OK);
		total += n;
		if (n)
			mp_key_copy(&at, &rows[n - 1].key);
		mp_rows_clear(rows, n);
	} while (n == 50);
	mp_key_clear(&at);
	mp_listq_free(q);
	return total;
}

static void test_large_import_as_one_save_at_a_time(void **state)
{
	struct mp_fx *f = *state;
	char *csv = volunteers_csv(0), *before = schema_text(f), *after;
	mp_import_result res;
	mp_record *r;
	mp_err e;

	/* One already there, below the import's rows. */
	mp_fx_add_volunteer(f, "陈丽丽", "", "ZY900001");
	assert_int_equal(import_str(f, &mp_volunteers, csv, &res, &e), MP_OK);
	assert_int_equal(res.added, ROWS);
	assert_true(res.written);
	mp_import_result_free(&res);

	after = schema_text(f);
	assert_string_equal(after, before);   /* every index and trigger back */
	assert_tokens_as_triggers_make(f);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM volunteers"
	                 " INDEXED BY volunteers_live_name WHERE deleted_at IS NULL"
	                 " AND name > ''"), ROWS + 1);
	/* Counted as the trigger counts: on the register, not 退出. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT n FROM count_stats"
	                 " WHERE name = 'volunteers_registered'"), ROWS - ROWS / 10 + 1);
	/* The search finds imported rows by one and by two characters. */
	assert_int_equal(found(f, "欧阳"), mp_fx_sql_int(f, "SELECT count(*) FROM volunteers"
	                 " WHERE instr(name, '欧阳') > 0"));
	assert_true(found(f, "丽丽") > ROWS / 7);

	/* The trigger is in place again: a new name with a character twice
	 * is saved and found (INSERT OR FAIL would make the trigger's INSERT
	 * OR IGNORE fail on its second 丽). */
	r = mp_record_new(&mp_volunteers, &f->cfg);
	mp_record_set(r, V_NAME, "郑丽丽");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	assert_int_equal(found(f, "郑丽"), 1);
	free(csv);
	free(before);
	free(after);
}

static void test_refused_import_leaves_schema(void **state)
{
	struct mp_fx *f = *state;
	char *csv = volunteers_csv(ROWS - 3), *before = schema_text(f), *after;
	mp_import_result res;
	mp_record *r;
	mp_err e;

	assert_int_equal(import_str(f, &mp_volunteers, csv, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);
	assert_false(res.written);
	mp_import_result_free(&res);
	after = schema_text(f);
	assert_string_equal(after, before);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM volunteers"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"), 0);

	r = mp_record_new(&mp_volunteers, &f->cfg);
	mp_record_set(r, V_NAME, "郑丽丽");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	assert_int_equal(found(f, "丽丽"), 1);
	free(csv);
	free(before);
	free(after);
}

/* Service records: a thousand and more wait for their date and group
 * indexes; the duplicates check still finds every one the second time. */
static void test_large_hours_import(void **state)
{
	struct mp_fx *f = *state;
	char *before = schema_text(f), *after, *csv = malloc(1 << 16);
	size_t len = 0;
	mp_import_result res;
	mp_err e;
	int i;

	assert_non_null(csv);
	mp_fx_add_volunteer(f, "王芳", "", "V001");
	len += (size_t)snprintf(csv, 1 << 16, "志愿者,服务日期,服务时长(小时),服务内容\n");
	for (i = 0; i < 1200; i++) {
		char day[11];

		mp_day_string(mp_day_number("2022-01-01", NULL) + i, day);
		len += (size_t)snprintf(csv + len, (1 << 16) - len, "V001,%s,2,值班\n", day);
	}
	assert_int_equal(import_str(f, &mp_hours, csv, &res, &e), MP_OK);
	assert_int_equal(res.added, 1200);
	mp_import_result_free(&res);
	after = schema_text(f);
	assert_string_equal(after, before);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours INDEXED BY hours_live_date"
	                 " WHERE deleted_at IS NULL AND date BETWEEN '2022-01-01' AND '2022-12-31'"), 365);
	assert_int_equal(mp_fx_sql_int(f, "SELECT sum(hours) FROM hours"), 2400);

	assert_int_equal(import_str(f, &mp_hours, csv, &res, &e), MP_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 1200);
	mp_import_result_free(&res);
	free(csv);
	free(before);
	free(after);
}

/* The tokens made in C after an import are the trigger's, byte for byte,
 * for any text SQL can hold: broken UTF-8, stray continuation bytes,
 * four-byte characters, names past the indexed length. */
static void test_fill_as_sql_on_odd_text(void **state)
{
	static const char *const odd[] = {
		"a\xC3", "\x80\x81" "abc", "\xE4\xB8\xBD\xE4\xB8", "\xF0\xA0\x80\x80\xF0\xA0\x80\x81",
		"ab丽丽cd丽", "丽\xC0\xAF丽", "\xFF\xFE丽", "张",
	};
	struct mp_fx *f = *state;
	mp_search_paused p;
	sqlite3_stmt *st;
	char *longname;
	size_t i;
	mp_err e;

	longname = malloc(3 * 1010 + 1);
	assert_non_null(longname);
	for (i = 0; i < 1010; i++) {   /* U+4E00 on: each character new */
		unsigned cp = 0x4E00 + (unsigned)i;

		longname[3 * i] = (char)(0xE0 | cp >> 12);
		longname[3 * i + 1] = (char)(0x80 | (cp >> 6 & 0x3F));
		longname[3 * i + 2] = (char)(0x80 | (cp & 0x3F));
	}
	longname[3 * 1010] = '\0';
	assert_int_equal(mp_db_begin(f->db, &e), MP_OK);
	assert_int_equal(mp_search_pause(f->db, &mp_volunteers, &p, &e), MP_OK);
	assert_int_equal(mp_db_prepare(f->db, "INSERT INTO volunteers (uuid, created_at,"
	                 " updated_at, name) VALUES (lower(hex(randomblob(16))), '', '', ?)",
	                 &st, &e), MP_OK);
	for (i = 0; i <= sizeof odd / sizeof odd[0]; i++) {
		const char *name = i < sizeof odd / sizeof odd[0] ? odd[i] : longname;

		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"), 0);
	assert_int_equal(mp_search_resume(f->db, &p, &e), MP_OK);
	assert_int_equal(mp_db_commit(f->db, &e), MP_OK);
	/* The long name's first 1000 characters and 1000 pairs, no more. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                 " WHERE s_key GLOB '一丁*'"), 2000);
	exec(f, "CREATE TEMP TABLE kept AS SELECT * FROM search_tokens;"
	        "DELETE FROM search_tokens;"
	        "UPDATE volunteers SET name = name;");
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM temp.kept"
	                 " EXCEPT SELECT * FROM search_tokens)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM search_tokens"
	                 " EXCEPT SELECT * FROM temp.kept)"), 0);
	free(longname);
}

/* Rows enough for the fill to sort its tokens in several runs and merge
 * them as they go in (search_fill.c: RUN_TOKENS): names of
 * twelve characters from a small alphabet, so that tokens and whole
 * names repeat across rows and runs (the same key, the id decides) and
 * within a row (丽丽), with a four-byte character, a two-byte one and
 * ASCII among them.  The tokens are the triggers', both ways, and every
 * row is found by its own name. */
static void test_fill_in_runs(void **state)
{
	static const char *const alpha[] = {
		"丽", "王", "𠀀", "é", "秀", "a", "海", "丽", "英", "李", "欧", "阳", "芳",
	};
	enum { N = 14000, LEN = 12 };
	struct mp_fx *f = *state;
	mp_search_paused p;
	sqlite3_stmt *st;
	char name[LEN * 4 + 1];
	int i, j;
	mp_err e;

	assert_int_equal(mp_db_begin(f->db, &e), MP_OK);
	assert_int_equal(mp_search_pause(f->db, &mp_volunteers, &p, &e), MP_OK);
	assert_int_equal(mp_db_prepare(f->db, "INSERT INTO volunteers (uuid, created_at,"
	                 " updated_at, name) VALUES (lower(hex(randomblob(16))), '', '', ?)",
	                 &st, &e), MP_OK);
	for (i = 0; i < N; i++) {
		unsigned x = (unsigned)i * 2654435761u;

		name[0] = '\0';
		for (j = 0; j < LEN; j++, x = x * 1103515245u + 12345u)
			strcat(name, alpha[(x >> 16) % 13]);
		/* Every 50th row the name of the row before: the same key. */
		if (i % 50 == 0 && i > 0)
			sqlite3_reset(st);
		else
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	assert_int_equal(mp_search_resume(f->db, &p, &e), MP_OK);
	assert_int_equal(mp_db_commit(f->db, &e), MP_OK);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens") > 200000);
	exec(f, "CREATE TEMP TABLE kept AS SELECT * FROM search_tokens;"
	        "DELETE FROM search_tokens;"
	        "UPDATE volunteers SET name = name;");
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM temp.kept"
	                 " EXCEPT SELECT * FROM search_tokens)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT * FROM search_tokens"
	                 " EXCEPT SELECT * FROM temp.kept)"), 0);
	exec(f, "DROP TABLE temp.kept");
}

/* Service records are written in their index's order, not the file's
 * (importstage.c): the file's first of two equal rows is still the one
 * added, the messages come in the file's order, the summary tables hold
 * what the triggers would have summed, and the new records' UUIDs follow
 * the order they were written in (time-ordered, version 7). */
static void test_hours_written_in_order(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;
	int i;

	mp_fx_add_volunteer(f, "王芳", "", "V001");
	mp_fx_add_volunteer(f, "李强", "", "V002");
	mp_fx_add_volunteer(f, "张敏", "", "V003");
	assert_int_equal(import_str(f, &mp_hours,
	                 "志愿者,服务日期,服务时长(小时),服务内容\n"
	                 "V003,2024-05-01,2,值班\n"          /* line 2 */
	                 "V001,2025-01-02,1.5,值班\n"        /* 3 */
	                 "V003,2024-05-01,2,值班\n"          /* 4: as line 2 */
	                 "V002,2023-12-31,3,探访\n"          /* 5 */
	                 "V001,2025-01-02,1.5,值班\n"        /* 6: as line 3 */
	                 "V001,2024-12-30,0.5,值班\n",       /* 7 */
	                 &res, &e), MP_OK);
	assert_int_equal(res.added, 4);
	assert_int_equal(res.skipped, 2);
	assert_int_equal(res.nmsgs, 2);
	assert_int_equal(res.msgs[0].line, 4);
	assert_int_equal(res.msgs[1].line, 6);
	for (i = 0; i < res.nmsgs; i++)
		assert_int_equal(res.msgs[i].kind, MP_IMPORT_DUP);
	mp_import_result_free(&res);
	/* Written by volunteer, then date. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours a JOIN hours b"
	                 " ON b.id > a.id WHERE (b.volunteer_id, b.date)"
	                 " < (a.volunteer_id, a.date)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours"
	                 " WHERE substr(uuid, 15, 1) = '7'"), 4);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours a JOIN hours b"
	                 " ON b.id > a.id WHERE b.uuid < a.uuid"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT cents FROM year_hours y JOIN volunteers v"
	                 " ON v.id = y.volunteer_id WHERE v.vol_no = 'V001' AND year = '2024'"), 50);
	assert_int_equal(mp_fx_sql_int(f, "SELECT records FROM year_hours y JOIN volunteers v"
	                 " ON v.id = y.volunteer_id WHERE v.vol_no = 'V003' AND year = '2024'"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM year_hours"), 4);
	assert_int_equal(mp_fx_sql_int(f, "SELECT round(hours * 10) FROM month_stats"
	                 " WHERE month = '2025-01'"), 15);
	assert_int_equal(mp_fx_sql_int(f, "SELECT round(sum(hours) * 10) FROM month_stats"), 70);

	/* Again, with one row refused: nothing written, every message in
	 * the file's order, the summary tables as they were. */
	assert_int_equal(import_str(f, &mp_hours,
	                 "志愿者,服务日期,服务时长(小时),服务内容\n"
	                 "V003,2024-05-01,2,值班\n"          /* 2: in the ledger */
	                 "V009,2024-05-02,2,值班\n"          /* 3: nobody */
	                 "V001,2024-05-03,1,值班\n"          /* 4 */
	                 "V002,2023-12-31,3,探访\n",         /* 5: in the ledger */
	                 &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);
	assert_int_equal(res.skipped, 2);
	assert_int_equal(res.nmsgs, 3);
	assert_int_equal(res.msgs[0].line, 2);
	assert_int_equal(res.msgs[1].line, 3);
	assert_int_equal(res.msgs[1].kind, MP_IMPORT_REFUSED);
	assert_int_equal(res.msgs[2].line, 5);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours"), 4);
	assert_int_equal(mp_fx_sql_int(f, "SELECT sum(records) FROM year_hours"), 4);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM temp.sqlite_schema"), 0);

	/* Two rows of one UUID: the second is said to be in the ledger, as
	 * when rows were written as they came. */
	assert_int_equal(import_str(f, &mp_hours,
	                 "UUID,志愿者,服务日期,服务时长(小时),服务内容\n"
	                 "0198a1b2-c3d4-4e5f-8a9b-0123456789ab,V002,2024-05-01,2,值班\n"
	                 "0198a1b2-c3d4-4e5f-8a9b-0123456789ab,V001,2024-05-02,2,值班\n",
	                 &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.skipped, 1);
	assert_int_equal(res.nmsgs, 1);
	assert_int_equal(res.msgs[0].line, 3);
	assert_non_null(strstr(res.msgs[0].text,
	                       "UUID 0198a1b2-c3d4-4e5f-8a9b-0123456789ab"));
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours v"
	                 " WHERE uuid = '0198a1b2-c3d4-4e5f-8a9b-0123456789ab'"
	                 " AND volunteer_id = (SELECT id FROM volunteers WHERE vol_no = 'V002')"), 1);
}

/* A service record of a volunteer's day that nothing before it touches
 * is plain (mp_hours.bulk_plain): written without the day's total and
 * the duplicate look-up.  Once a row of the day may clash (the ledger
 * has a record that day, an earlier row has its content, the day would
 * pass 24 hours, it names an activity), it and the rest of the day are
 * checked one by one: the import then says what it always said. */
static mp_record *hours_row(struct mp_fx *f, int64_t vol, const char *date,
                            const char *hours, const char *content)
{
	mp_record *r = mp_record_new(&mp_hours, &f->cfg);

	mp_fx_set_id(r, H_VOLUNTEER, vol);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_HOURS, hours);
	mp_record_set(r, H_CONTENT, content);
	return r;
}

static int plain_of(struct mp_fx *f, mp_record *r, void **state)
{
	mp_err e;
	int plain = -1;

	mp_err_clear(&e);
	assert_int_equal(mp_hours.bulk_plain(f->db, r, &plain, state, &e), MP_OK);
	mp_record_free(r);
	return plain;
}

static void test_hours_plain_rows(void **state)
{
	struct mp_fx *f = *state;
	int64_t a = mp_fx_add_volunteer(f, "王芳", "", "V001");
	int64_t b = mp_fx_add_volunteer(f, "李强", "", "V002");
	mp_import_result res;
	void *st = NULL;
	mp_record *r;
	mp_err e;

	assert_non_null(mp_hours.bulk_plain);
	/* 李强 has a record on 2024-05-01 already. */
	mp_fx_save_free(f, hours_row(f, b, "2024-05-01", "2", "值班"));

	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-01", "10", "值班"), &st), 1);
	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-01", "10", "探访"), &st), 1);
	/* 24.5 hours that day: checked one by one, and so is the rest. */
	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-01", "4.5", "陪护"), &st), 0);
	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-01", "1", "读报"), &st), 0);
	/* Another day: plain again; the same content twice is not. */
	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-02", "1", "值班"), &st), 1);
	assert_int_equal(plain_of(f, hours_row(f, a, "2024-05-02", "2", "值班"), &st), 0);
	/* A day the ledger has a record of. */
	assert_int_equal(plain_of(f, hours_row(f, b, "2024-05-01", "1", "探访"), &st), 0);
	assert_int_equal(plain_of(f, hours_row(f, b, "2024-05-02", "1", "探访"), &st), 1);
	/* An activity: its group is looked up and compared. */
	r = hours_row(f, b, "2024-05-03", "1", "探访");
	mp_record_set(r, H_ACTIVITY, "1");
	assert_int_equal(plain_of(f, r, &st), 0);
	assert_int_equal(plain_of(f, hours_row(f, b, "2024-05-04", "24", "探访"), &st), 1);
	assert_int_equal(plain_of(f, hours_row(f, b, "2024-05-05", "24.5", "探访"), &st), 0);
	mp_hours.bulk_plain(f->db, NULL, &(int){ 0 }, &st, &e);
	assert_null(st);

	/* The import: the same messages as rows checked one by one. */
	assert_int_equal(import_str(f, &mp_hours,
	                 "志愿者,服务日期,服务时长(小时),服务内容\n"
	                 "V001,2024-06-01,10,值班\n"          /* 2 */
	                 "V001,2024-06-01,10,探访\n"          /* 3 */
	                 "V001,2024-06-01,10,陪护\n"          /* 4: 30 hours */
	                 "V002,2024-05-01,2,值班\n"           /* 5: in the ledger */
	                 "V002,2024-06-02,1,值班\n"           /* 6 */
	                 "V002,2024-06-02,1,值班\n",          /* 7: as line 6 */
	                 &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);
	assert_int_equal(res.skipped, 2);
	assert_int_equal(res.nmsgs, 3);
	assert_int_equal(res.msgs[0].line, 4);
	assert_int_equal(res.msgs[0].kind, MP_IMPORT_REFUSED);
	assert_non_null(strstr(res.msgs[0].text,
	                       "王芳 already has 20 hours on 2024-06-01; at most 24 a day"));
	assert_int_equal(res.msgs[1].line, 5);
	assert_int_equal(res.msgs[1].kind, MP_IMPORT_DUP);
	assert_int_equal(res.msgs[2].line, 7);
	assert_int_equal(res.msgs[2].kind, MP_IMPORT_DUP);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours"), 1);
	/* The import leaves SQLite's own reference checks on again. */
	assert_int_equal(mp_fx_sql_int(f, "PRAGMA foreign_keys"), 1);

	/* Without line 4: the rest is written, 是 by default, late entries
	 * marked (as the one saved before), the summary tables as the
	 * triggers keep them. */
	assert_int_equal(import_str(f, &mp_hours,
	                 "志愿者,服务日期,服务时长(小时),服务内容\n"
	                 "V001,2024-06-01,10,值班\n"
	                 "V001,2024-06-01,10,探访\n"
	                 "V002,2024-05-01,2,值班\n"
	                 "V002,2024-06-02,1,值班\n"
	                 "V002,2024-06-02,1,值班\n",
	                 &res, &e), MP_OK);
	assert_int_equal(res.added, 3);
	assert_int_equal(res.skipped, 2);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours WHERE counts = '是'"
	                 " AND recorded_at <> '' AND late LIKE '补录%'"), 4);
	assert_int_equal(mp_fx_sql_int(f, "SELECT cents FROM year_hours"
	                 " WHERE volunteer_id = (SELECT id FROM volunteers WHERE vol_no = 'V001')"), 2000);
	assert_int_equal(mp_fx_sql_int(f, "SELECT records FROM year_hours"
	                 " WHERE volunteer_id = (SELECT id FROM volunteers WHERE vol_no = 'V002')"), 2);
	assert_int_equal(mp_fx_sql_int(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_large_import_as_one_save_at_a_time,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_refused_import_leaves_schema,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_large_hours_import,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours_written_in_order,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_fill_in_runs,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_fill_as_sql_on_odd_text,
		                                mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours_plain_rows,
		                                mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
