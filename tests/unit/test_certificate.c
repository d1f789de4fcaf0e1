/* test_certificate.c — certificates of volunteer service: what the page
 * says, which hours count, unique recorded numbers, escaping.  Leaves a
 * certificate for fifteen organizations in $TOP_BUILDDIR/tests/tmp/
 * certificate.html for tests/cert/test_certificate_print.sh to print. */
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
#include "mp_certificate.h"
#include "mp_config.h"
#include "mp_group.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define TODAY "2025-06-18"
#define ZHANG_ID "110105198001060021"

struct fx {
	struct mp_fx fx;
	int64_t red, blue, zhang, li;
	char *html;
	size_t len;
};

static void add_hours(struct fx *f, int64_t volunteer, int64_t group,
                      const char *date, const char *hours, const char *counts)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, volunteer);
	mp_fx_set_id(r, H_GROUP, group);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_CONTENT, "助老服务");
	mp_record_set(r, H_HOURS, hours);
	mp_record_set(r, H_COUNTS, counts);
	mp_fx_save_free(&f->fx, r);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = mp_strdup(s);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	set_str(&f->fx.cfg.operator_name, "王记录");
	set_str(&f->fx.cfg.station, "幸福街道社工站");
	set_str(&f->fx.cfg.station_head, "陈站长");
	set_str(&f->fx.cfg.station_phone, "0591-87654321");
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->red = mp_fx_add_group(&f->fx, "夕阳红志愿服务队");
	f->blue = mp_fx_add_group(&f->fx, "蓝天环保协会");
	f->zhang = mp_fx_add_volunteer(&f->fx, "张三丰", ZHANG_ID, "ZY-0001");
	f->li = mp_fx_add_volunteer(&f->fx, "李四", "110105199001010037", "ZY-0002");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int ret = mp_fx_close(&f->fx);

	free(f->html);
	free(f);
	return ret;
}

/* Issue into f->html (replacing what was there). */
static int issue(struct fx *f, int64_t vid, const char *from, const char *to,
                 char no[32], mp_err *e)
{
	FILE *out;
	int ret;

	free(f->html);
	f->html = NULL;
	out = open_memstream(&f->html, &f->len);
	assert_non_null(out);
	ret = mp_certificate_issue(f->fx.db, &f->fx.cfg, vid, from, to, out, no, e);
	assert_int_equal(fclose(out), 0);
	return ret;
}

#define assert_has(hay, needle) do { \
	if (!strstr((hay), (needle))) \
		fail_msg("“%s” is not in the certificate", (needle)); \
} while (0)

static void test_certificate_content(void **state)
{
	struct fx *f = *state;
	char no[32];
	mp_err e;

	add_hours(f, f->zhang, f->red, "2025-03-02", "2", "是");
	add_hours(f, f->zhang, f->red, "2025-05-20", "3.5", "是");
	add_hours(f, f->zhang, f->blue, "2025-04-12", "4", "是");
	/* Marked as not volunteering: never on a certificate. */
	add_hours(f, f->zhang, f->blue, "2025-06-01", "7", "否");
	/* Someone else's hours. */
	add_hours(f, f->li, f->red, "2025-03-02", "6", "是");

	assert_int_equal(issue(f, f->zhang, NULL, NULL, no, &e), MP_OK);
	assert_string_equal(no, "ZM2025-000001");
	assert_has(f->html, "<!DOCTYPE html>");
	assert_has(f->html, "<meta charset=\"utf-8\">");
	assert_has(f->html, "@page { size: A4; margin: 18mm }");
	assert_has(f->html, "\"Noto Serif CJK SC\", \"Noto Sans CJK SC\", \"SimSun\", serif");
	assert_has(f->html, "<h1>志愿服务证明</h1>");
	assert_has(f->html, "兹证明 <b>张三丰</b> 同志（证件类型：居民身份证，"
	                    "证件号码：110105********0021，志愿者编号：ZY-0001）"
	                    "于 2025年3月2日 至 2025年5月20日 期间参加志愿服务，"
	                    "累计服务时长 <b>9.5</b> 小时。特此证明。");
	assert_null(strstr(f->html, ZHANG_ID));
	assert_has(f->html, "<td>夕阳红志愿服务队</td><td class=\"d\">2025-03-02 至 2025-05-20</td>"
	                    "<td class=\"n\">2</td><td class=\"n\">5.5</td>");
	assert_has(f->html, "<td>蓝天环保协会</td><td class=\"d\">2025-04-12</td>"
	                    "<td class=\"n\">1</td><td class=\"n\">4</td>");
	/* 7 hours marked 否 and 李四's 6 are nowhere. */
	assert_null(strstr(f->html, ">7<"));
	assert_null(strstr(f->html, "2025-06-01"));
	assert_has(f->html, "合计</th><th class=\"n\">3</th><th class=\"n\">9.5</th>");
	assert_has(f->html, "开具单位：幸福街道社工站");
	assert_has(f->html, "负责人：陈站长");
	assert_has(f->html, "联系电话：0591-87654321");
	assert_has(f->html, "证明编号：ZM2025-000001");
	assert_has(f->html, "开具日期：2025年6月18日");
	/* Self-contained: nothing fetched from elsewhere. */
	assert_null(strstr(f->html, "<script"));
	assert_null(strstr(f->html, "<link"));
	assert_null(strstr(f->html, "src="));
	assert_null(strstr(f->html, "url("));

	/* A period counts only its own hours, and says so. */
	assert_int_equal(issue(f, f->zhang, "2025-04-01", "2025-06-30", no, &e), MP_OK);
	assert_has(f->html, "于 2025年4月1日 至 2025年6月30日 期间参加志愿服务，"
	                    "累计服务时长 <b>7.5</b> 小时");
	assert_null(strstr(f->html, "2025-03-02"));
}

static void test_numbers_unique_and_recorded(void **state)
{
	struct fx *f = *state;
	char no1[32], no2[32], no3[32];
	sqlite3_stmt *st = NULL;
	mp_err e;

	add_hours(f, f->zhang, f->red, "2025-03-02", "2", "是");
	add_hours(f, f->li, f->blue, "2025-03-03", "1.25", "是");
	assert_int_equal(issue(f, f->zhang, NULL, NULL, no1, &e), MP_OK);
	assert_int_equal(issue(f, f->li, "2025-01-01", "2025-12-31", no2, &e), MP_OK);
	assert_string_equal(no1, "ZM2025-000001");
	assert_string_equal(no2, "ZM2025-000002");
	assert_has(f->html, "证明编号：ZM2025-000002");

	assert_int_equal(sqlite3_prepare_v2(f->fx.db->h,
		"SELECT cert_no, volunteer_id, date_from, date_to, total_hours,"
		" issued_at, issued_by, length(uuid) FROM certificates ORDER BY id",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), no1);
	assert_int_equal(sqlite3_column_int64(st, 1), f->zhang);
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "2025-03-02");
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "2025-03-02");
	assert_true(sqlite3_column_double(st, 4) == 2.0);
	assert_int_equal(strncmp((const char *)sqlite3_column_text(st, 5), TODAY " ", 11), 0);
	assert_string_equal((const char *)sqlite3_column_text(st, 6), "王记录");
	assert_int_equal(sqlite3_column_int(st, 7), 36);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), no2);
	assert_int_equal(sqlite3_column_int64(st, 1), f->li);
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "2025-01-01");
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "2025-12-31");
	assert_true(sqlite3_column_double(st, 4) == 1.25);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);

	/* A new year numbers from 1 again. */
	setenv("MIAOPU_TODAY", "2026-01-05", 1);
	assert_int_equal(issue(f, f->zhang, NULL, NULL, no3, &e), MP_OK);
	assert_string_equal(no3, "ZM2026-000001");
	assert_has(f->html, "开具日期：2026年1月5日");
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(DISTINCT cert_no) FROM certificates"), 3);
}

static void test_no_hours_nothing_recorded(void **state)
{
	struct fx *f = *state;
	char no[32] = "x";
	FILE *full;
	mp_err e;

	assert_int_equal(issue(f, f->zhang, NULL, NULL, no, &e), MP_EINVAL);
	assert_string_equal(no, "");
	assert_non_null(strstr(e.msg, "张三丰"));
	assert_int_equal(f->len, 0);

	/* Only hours that do not count, or none in the period: the same. */
	add_hours(f, f->zhang, f->red, "2025-03-02", "2", "否");
	add_hours(f, f->zhang, f->red, "2024-03-02", "2", "是");
	assert_int_equal(issue(f, f->zhang, "2025-01-01", NULL, no, &e), MP_EINVAL);
	assert_int_equal(f->len, 0);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM certificates"), 0);

	/* A period that ends before it starts, and a date that is not one. */
	assert_int_equal(issue(f, f->zhang, "2025-05-01", "2025-04-01", no, &e), MP_EINVAL);
	assert_int_equal(issue(f, f->zhang, "2025-02-30", NULL, no, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "2025-02-30"));
	/* No such volunteer. */
	assert_int_equal(issue(f, 999, NULL, NULL, no, &e), MP_ENOTFOUND);

	/* A page that cannot be written keeps no number. */
	full = fopen("/dev/full", "w");
	if (full) {
		assert_int_equal(mp_certificate_issue(f->fx.db, &f->fx.cfg, f->zhang, NULL, NULL,
		                                      full, no, &e), MP_EIO);
		fclose(full);
		assert_string_equal(no, "");
	}
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM certificates"), 0);
	assert_int_equal(f->fx.db->depth, 0);
	/* The number the failed attempts did not take is the first one. */
	assert_int_equal(issue(f, f->zhang, NULL, NULL, no, &e), MP_OK);
	assert_string_equal(no, "ZM2025-000001");
}

static void test_html_escaped(void **state)
{
	struct fx *f = *state;
	mp_record *v;
	int64_t odd, group;
	char no[32];
	mp_err e;

	group = mp_fx_add_group(&f->fx, "A&B <互助> \"会\"");
	v = mp_record_new(&mp_volunteers, &f->fx.cfg);
	mp_record_set(v, V_NAME, "<b>王&五</b>");
	mp_record_set(v, V_ID_TYPE, "护照");
	mp_record_set(v, V_ID_NO, "E12345678");
	mp_record_set(v, V_VOL_NO, "a'b");
	odd = mp_fx_save_free(&f->fx, v);
	add_hours(f, odd, group, "2025-03-02", "2", "是");
	set_str(&f->fx.cfg.station, "\"阳光\" & <站>");

	assert_int_equal(issue(f, odd, NULL, NULL, no, &e), MP_OK);
	assert_has(f->html, "兹证明 <b>&lt;b&gt;王&amp;五&lt;/b&gt;</b> 同志（证件类型：护照，"
	                    "证件号码：*******78，志愿者编号：a&#39;b）");
	assert_has(f->html, "<td>A&amp;B &lt;互助&gt; &quot;会&quot;</td>");
	assert_has(f->html, "开具单位：&quot;阳光&quot; &amp; &lt;站&gt;");
	assert_null(strstr(f->html, "<互助>"));
	assert_null(strstr(f->html, "<站>"));
	assert_null(strstr(f->html, "<b>王"));
}

/* A volunteer who served fifteen organizations: the page the print test
 * opens in a browser to see that it still fits one A4 sheet. */
static void test_fifteen_organizations(void **state)
{
	struct fx *f = *state;
	const char *top = getenv("TOP_BUILDDIR");
	char no[32], name[128], date[11];
	char *dir, *path;
	FILE *out;
	mp_err e;
	int i;

	for (i = 0; i < 15; i++) {
		int64_t g;

		snprintf(name, sizeof name, "第%d社区邻里守望互助志愿服务队（%s）", i + 1,
		         i % 2 ? "文明实践" : "关爱儿童与扶老助残");
		g = mp_fx_add_group(&f->fx, name);
		snprintf(date, sizeof date, "2025-%02d-%02d", i % 5 + 1, i + 1);
		add_hours(f, f->zhang, g, date, "2.5", "是");
		snprintf(date, sizeof date, "2025-%02d-%02d", i % 5 + 1, i + 10);
		add_hours(f, f->zhang, g, date, "3", "是");
	}
	dir = mp_asprintf("%s/tests/tmp", top && *top ? top : ".");
	assert_int_equal(mp_mkdirs(dir, 0755, &e), MP_OK);
	path = mp_asprintf("%s/certificate.html", dir);
	out = fopen(path, "w");
	assert_non_null(out);
	assert_int_equal(mp_certificate_issue(f->fx.db, &f->fx.cfg, f->zhang, NULL, NULL,
	                                      out, no, &e), MP_OK);
	assert_int_equal(fclose(out), 0);
	assert_string_equal(no, "ZM2025-000001");
	assert_int_equal(issue(f, f->zhang, NULL, NULL, no, &e), MP_OK);
	assert_has(f->html, "<td class=\"n\">15</td><td>第15社区");
	assert_has(f->html, "累计服务时长 <b>82.5</b> 小时");
	assert_has(f->html, "<table class=\"compact\">");
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_certificate_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_unique_and_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_hours_nothing_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifteen_organizations, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
