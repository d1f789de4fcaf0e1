/* test_report_hours.c — the report's service-record figures stay right as
 * records change: year_hours (schema step 8), which the report reads for
 * whole years, equals a fresh count of the records after every kind of
 * change (new record, hours, date, counts, volunteer, bin, restore,
 * purge, plain SQL, a large import), and the report gives the same figures whether it reads a year
 * from those sums or record by record. */
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
#include "mp_report.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define TODAY "2026-01-15"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t zhang, li, wang;
	int64_t h_jan, h_mar, h_li_mar, h_li_apr;
};

static int64_t volunteer(struct fx *f, const char *name, const char *id_no,
                         const char *vol_no, const char *community)
{
	int64_t id = mp_fx_add_volunteer(&f->fx, name, id_no, vol_no);
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_volunteers, id, &r, &e), MP_OK);
	mp_record_set(r, V_COMMUNITY, community);
	mp_fx_save_free(&f->fx, r);
	return id;
}

static int64_t hours(struct fx *f, int64_t v, const char *date, const char *h,
                     const char *counts)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, v);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_CONTENT, "陪伴独居老人");
	mp_record_set(r, H_HOURS, h);
	if (counts)
		mp_record_set(r, H_COUNTS, counts);
	return mp_fx_save_free(&f->fx, r);
}

/* Change field i of service record id to v (a volunteer when i is
 * H_VOLUNTEER and v is NULL: to). */
static void change(struct fx *f, int64_t id, int i, const char *v, int64_t to)
{
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_hours, id, &r, &e), MP_OK);
	if (v)
		mp_record_set(r, i, v);
	else
		mp_fx_set_id(r, i, to);
	mp_fx_save_free(&f->fx, r);
}

/* 张三 and 王五 of 幸福社区, 李四 of 桂花园社区.  In 2025: 张三 2.5 (01-10)
 * and 3 (03-05), 李四 1.5 (03-20) and 1.25 not counting (04-01), 王五 2
 * on 12-31; 张三 5 on 2024-12-31. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->zhang = volunteer(f, "张三", "110105198001060021", "V001", "幸福社区");
	f->li = volunteer(f, "李四", "110105199001010037", "V002", "桂花园社区");
	f->wang = volunteer(f, "王五", "110105198502020036", "V003", "幸福社区");
	f->h_jan = hours(f, f->zhang, "2025-01-10", "2.5", NULL);
	f->h_mar = hours(f, f->zhang, "2025-03-05", "3", NULL);
	f->h_li_mar = hours(f, f->li, "2025-03-20", "1.5", NULL);
	f->h_li_apr = hours(f, f->li, "2025-04-01", "1.25", "否");
	hours(f, f->wang, "2025-12-31", "2", NULL);
	hours(f, f->zhang, "2024-12-31", "5", NULL);
	*state = f;
	return 0;
}

/* year_hours holds exactly what a fresh count of the records gives. */
static void same_as_records(struct fx *f)
{
	static const char fresh[] =
	        "SELECT substr(date, 1, 4), volunteer_id,"
	        " sum(CAST(round(ifnull(hours, 0) * 100) AS INTEGER)), count(*)"
	        " FROM hours WHERE deleted_at IS NULL AND date IS NOT NULL"
	        " AND counts = '是' GROUP BY 1, 2";
	char sql[600];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM year_hours"
	         " EXCEPT %s)", fresh);
	assert_int_equal(mp_fx_sql_int(&f->fx, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT"
	         " SELECT * FROM year_hours)", fresh);
	assert_int_equal(mp_fx_sql_int(&f->fx, sql), 0);
	/* year_stats (schema step 11): each year's volunteers and hours. */
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM (SELECT * FROM year_stats"
	                               " EXCEPT SELECT year, count(*), sum(cents) FROM year_hours"
	                               " GROUP BY 1)"), 0);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM (SELECT year, count(*),"
	                               " sum(cents) FROM year_hours GROUP BY 1"
	                               " EXCEPT SELECT * FROM year_stats)"), 0);
}

static const char *cell(const mp_report *r, const char *title, const char *row,
                        int col)
{
	const mp_rtable *t = mp_report_table(r, title);

	if (!t)
		fail_msg("no table “%s”", title);
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->cell[i * t->ncols], row) == 0)
			return t->cell[i * t->ncols + col];
	fail_msg("no row “%s” in “%s”", row, title);
	return NULL;
}

/* The figures of from..to as one line: active volunteers, hours, each of
 * the ten with most (name hours records), the hours of each month. */
static void figures(struct fx *f, const char *from, const char *to,
                    const char *community, char *out, size_t size)
{
	const mp_rtable *t;
	mp_report r;
	mp_err e;
	size_t n;

	if (mp_report_build(f->fx.db, &f->fx.cfg, from, to, community, &r, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
	n = (size_t)snprintf(out, size, "%s %s |",
	                     cell(&r, "Summary", "Volunteers active in the period", 1),
	                     cell(&r, "Summary", "Service hours in all", 1));
	t = mp_report_table(&r, "Volunteers with most service hours");
	for (int i = 0; t && i < t->nrows && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, " %s %s %s",
		                      t->cell[i * t->ncols + 1],
		                      t->cell[i * t->ncols + 4],
		                      t->cell[i * t->ncols + 5]);
	t = mp_report_table(&r, "By month");
	for (int i = 0; t && i < t->nrows && n < size; i++)
		if (strcmp(t->cell[i * t->ncols + 4], "0") != 0)
			n += (size_t)snprintf(out + n, size - n, " %s=%s",
			                      t->cell[i * t->ncols],
			                      t->cell[i * t->ncols + 4]);
	mp_report_free(&r);
}

/* 2025 as a whole (from the sums), 2025 up to 12-30 (王五's record of
 * 12-31 left out, so record by record) and 幸福社区's 2025 (record by
 * record) give these figures. */
static void expect(struct fx *f, const char *year, const char *to_1230,
                   const char *community)
{
	char got[512];

	same_as_records(f);
	figures(f, "2025-01-01", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, year);
	figures(f, "2025-01-01", "2025-12-30", NULL, got, sizeof got);
	assert_string_equal(got, to_1230);
	figures(f, "2025-01-01", "2025-12-31", "幸福社区", got, sizeof got);
	assert_string_equal(got, community);
}

static void test_every_change(void **state)
{
	struct fx *f = *state;
	char got[512];
	mp_err e;

	expect(f, "3 9 | 张三 5.5 2 王五 2 1 李四 1.5 1 2025-01=2.5 2025-03=4.5 2025-12=2",
	       "2 7 | 张三 5.5 2 李四 1.5 1 2025-01=2.5 2025-03=4.5",
	       "2 7.5 | 张三 5.5 2 王五 2 1 2025-01=2.5 2025-03=3 2025-12=2");
	/* 2024 and the two years together, each from its sums. */
	figures(f, "2024-01-01", "2024-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "1 5 | 张三 5 1 2024-12=5");
	figures(f, "2024-01-01", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "3 14 | 张三 10.5 3 王五 2 1 李四 1.5 1"
	                    " 2024-12=5 2025-01=2.5 2025-03=4.5 2025-12=2");

	/* The hours of a record. */
	change(f, f->h_mar, H_HOURS, "4.25", 0);
	expect(f, "3 10.25 | 张三 6.75 2 王五 2 1 李四 1.5 1 2025-01=2.5 2025-03=5.75 2025-12=2",
	       "2 8.25 | 张三 6.75 2 李四 1.5 1 2025-01=2.5 2025-03=5.75",
	       "2 8.75 | 张三 6.75 2 王五 2 1 2025-01=2.5 2025-03=4.25 2025-12=2");

	/* A date moved to another year. */
	change(f, f->h_li_mar, H_DATE, "2024-06-01", 0);
	expect(f, "2 8.75 | 张三 6.75 2 王五 2 1 2025-01=2.5 2025-03=4.25 2025-12=2",
	       "1 6.75 | 张三 6.75 2 2025-01=2.5 2025-03=4.25",
	       "2 8.75 | 张三 6.75 2 王五 2 1 2025-01=2.5 2025-03=4.25 2025-12=2");
	figures(f, "2024-01-01", "2024-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "2 6.5 | 张三 5 1 李四 1.5 1 2024-06=1.5 2024-12=5");

	/* A record that did not count now counts. */
	change(f, f->h_li_apr, H_COUNTS, "是", 0);
	expect(f, "3 10 | 张三 6.75 2 王五 2 1 李四 1.25 1 2025-01=2.5 2025-03=4.25"
	       " 2025-04=1.25 2025-12=2",
	       "2 8 | 张三 6.75 2 李四 1.25 1 2025-01=2.5 2025-03=4.25 2025-04=1.25",
	       "2 8.75 | 张三 6.75 2 王五 2 1 2025-01=2.5 2025-03=4.25 2025-12=2");

	/* A record given to another volunteer. */
	change(f, f->h_jan, H_VOLUNTEER, NULL, f->li);
	expect(f, "3 10 | 张三 4.25 1 李四 3.75 2 王五 2 1 2025-01=2.5 2025-03=4.25"
	       " 2025-04=1.25 2025-12=2",
	       "2 8 | 张三 4.25 1 李四 3.75 2 2025-01=2.5 2025-03=4.25 2025-04=1.25",
	       "2 6.25 | 张三 4.25 1 王五 2 1 2025-03=4.25 2025-12=2");

	/* To the bin and back. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, f->h_mar, &e), MP_OK);
	expect(f, "2 5.75 | 李四 3.75 2 王五 2 1 2025-01=2.5 2025-04=1.25 2025-12=2",
	       "1 3.75 | 李四 3.75 2 2025-01=2.5 2025-04=1.25",
	       "1 2 | 王五 2 1 2025-12=2");
	assert_int_equal(mp_record_restore(f->fx.db, &f->fx.cfg, &mp_hours,
	                                   f->h_mar, &e), MP_OK);
	expect(f, "3 10 | 张三 4.25 1 李四 3.75 2 王五 2 1 2025-01=2.5 2025-03=4.25"
	       " 2025-04=1.25 2025-12=2",
	       "2 8 | 张三 4.25 1 李四 3.75 2 2025-01=2.5 2025-03=4.25 2025-04=1.25",
	       "2 6.25 | 张三 4.25 1 王五 2 1 2025-03=4.25 2025-12=2");

	/* Gone for good. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, f->h_li_apr, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->fx.db, &mp_hours, f->h_li_apr, &e), MP_OK);
	expect(f, "3 8.75 | 张三 4.25 1 李四 2.5 1 王五 2 1 2025-01=2.5 2025-03=4.25 2025-12=2",
	       "2 6.75 | 张三 4.25 1 李四 2.5 1 2025-01=2.5 2025-03=4.25",
	       "2 6.25 | 张三 4.25 1 王五 2 1 2025-03=4.25 2025-12=2");
}

/* Another program writing the file with plain SQL, one column at a time:
 * the triggers keep the sums right all the same. */
static void test_plain_sql(void **state)
{
	struct fx *f = *state;
	static const char *const sql[] = {
		"UPDATE hours SET volunteer_id = :vol WHERE id = :id",
		"UPDATE hours SET hours = 7.5 WHERE id = :id",
		"UPDATE hours SET date = '2023-02-01' WHERE id = :id",
		"UPDATE hours SET counts = '否' WHERE id = :id",
		"UPDATE hours SET counts = '是' WHERE id = :id",
		"UPDATE hours SET deleted_at = '2026-01-01 08:00:00' WHERE id = :id",
		"UPDATE hours SET deleted_at = NULL WHERE id = :id",
		"UPDATE hours SET date = NULL WHERE id = :id",
		"UPDATE hours SET date = '2025-05-05' WHERE id = :id",
		"DELETE FROM hours WHERE id = :id",
	};
	char got[512];

	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = NULL;

		/* :id the record of 01-10 (张三's 2.5 h), :vol 王五. */
		assert_int_equal(sqlite3_prepare_v2(f->fx.db->h, sql[i], -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), f->h_jan);
		if (sqlite3_bind_parameter_index(st, ":vol"))
			sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":vol"), f->wang);
		if (sqlite3_step(st) != SQLITE_DONE)
			fail_msg("%s: %s", sql[i], sqlite3_errmsg(f->fx.db->h));
		sqlite3_finalize(st);
		same_as_records(f);
	}
	figures(f, "2025-01-01", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "3 6.5 | 张三 3 1 王五 2 1 李四 1.5 1 2025-03=4.5 2025-12=2");
}

/* A large import (which builds some indexes after its rows) keeps the
 * sums as every record is written: 1,200 days of 2 h for 张三 (V001). */
static void test_import(void **state)
{
	struct fx *f = *state;
	char *csv = malloc(1 << 16), got[512];
	size_t len = 0;
	mp_import_result res;
	mp_err e;
	FILE *in = tmpfile();

	assert_non_null(csv);
	assert_non_null(in);
	len += (size_t)snprintf(csv, 1 << 16, "志愿者,服务日期,服务时长(小时),服务内容\n");
	for (int i = 0; i < 1200; i++) {
		char day[11];

		mp_day_string(mp_day_number("2021-01-01", NULL) + i, day);
		len += (size_t)snprintf(csv + len, (1 << 16) - len, "V001,%s,2,值班\n", day);
	}
	assert_int_equal(fwrite(csv, 1, len, in), len);
	rewind(in);
	assert_int_equal(mp_import_csv(f->fx.db, &f->fx.cfg, &mp_hours, in, 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 1200);
	mp_import_result_free(&res);
	fclose(in);
	free(csv);
	same_as_records(f);
	figures(f, "2022-01-01", "2022-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "1 730 | 张三 730 365 2022-01=62 2022-02=56 2022-03=62"
	                    " 2022-04=60 2022-05=62 2022-06=60 2022-07=62 2022-08=62"
	                    " 2022-09=60 2022-10=62 2022-11=60 2022-12=62");
}

/* The sums are what a whole year is read from; a period that leaves out
 * records of the year is read record by record.  (Spoiling the sums by
 * hand shows which way each period went.) */
static void test_which_way(void **state)
{
	struct fx *f = *state;
	char got[512];

	assert_int_equal(sqlite3_exec(f->fx.db->h, "UPDATE year_hours SET cents = cents + 100"
	                              " WHERE year = '2025'", NULL, NULL, NULL), SQLITE_OK);
	figures(f, "2025-01-01", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "3 12 | 张三 6.5 2 王五 3 1 李四 2.5 1 2025-01=2.5 2025-03=4.5 2025-12=2");
	/* Up to a day with no record after it in the year: the sums too. */
	figures(f, "2025-01-05", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "3 12 | 张三 6.5 2 王五 3 1 李四 2.5 1 2025-01=2.5 2025-03=4.5 2025-12=2");
	figures(f, "2025-01-11", "2025-12-31", NULL, got, sizeof got);
	assert_string_equal(got, "3 6.5 | 张三 3 1 王五 2 1 李四 1.5 1 2025-03=4.5 2025-12=2");
	figures(f, "2025-01-01", "2025-12-30", NULL, got, sizeof got);
	assert_string_equal(got, "2 7 | 张三 5.5 2 李四 1.5 1 2025-01=2.5 2025-03=4.5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_change, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_plain_sql, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_which_way, setup, mp_fx_teardown),
	};
	setenv("LC_ALL", "C.UTF-8", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
