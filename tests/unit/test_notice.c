/* test_notice.c — the public notice (公示): its period in working days
 * (weekends, public holidays and the weekend days worked in exchange) and
 * what the page says.  Leaves a notice of twelve projects in
 * $TOP_BUILDDIR/tests/tmp/notice.html for tests/cert/test_notice_print.sh
 * to print. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_db.h"
#include "mp_notice.h"
#include "mp_text.h"

static void period(const char *from, int days, const char *start,
                   const char *end)
{
	char s[11], t[11];
	mp_err e;

	assert_int_equal(mp_workdays_period(NULL, from, days, s, t, &e), MP_OK);
	assert_string_equal(s, start);
	assert_string_equal(t, end);
}

static void test_workdays(void **state)
{
	(void)state;
	/* An ordinary week: Monday to Friday. */
	assert_int_equal(mp_workday_is(NULL, "2026-03-02"), 1);   /* Mon */
	assert_int_equal(mp_workday_is(NULL, "2026-03-06"), 1);   /* Fri */
	assert_int_equal(mp_workday_is(NULL, "2026-03-07"), 0);   /* Sat */
	assert_int_equal(mp_workday_is(NULL, "2026-03-08"), 0);   /* Sun */
	/* 国庆: Thursday 1 October is a day off; Saturday 10 October is worked. */
	assert_int_equal(mp_workday_is(NULL, "2026-10-01"), 0);
	assert_int_equal(mp_workday_is(NULL, "2026-10-07"), 0);
	assert_int_equal(mp_workday_is(NULL, "2026-10-10"), 1);
	assert_int_equal(mp_workday_is(NULL, "2026-09-20"), 1);   /* Sun worked */
	/* 春节 2026: Saturday 14 February worked, 15 to 23 off. */
	assert_int_equal(mp_workday_is(NULL, "2026-02-14"), 1);
	assert_int_equal(mp_workday_is(NULL, "2026-02-16"), 0);
	assert_int_equal(mp_workday_is(NULL, "2026-02-23"), 0);
	assert_int_equal(mp_workday_is(NULL, "2026-02-24"), 1);
	assert_int_equal(mp_workday_is(NULL, "2026-02-30"), -1);
	assert_int_equal(mp_workday_is(NULL, "next week"), -1);
}

static void test_period(void **state)
{
	char s[11], t[11];
	mp_err e;

	(void)state;
	/* Published on a Monday: five working days end on Friday. */
	period("2026-03-02", 5, "2026-03-02", "2026-03-06");
	/* Published on a Saturday: it starts on Monday. */
	period("2026-03-07", 5, "2026-03-09", "2026-03-13");
	/* Over a weekend: Wednesday + 4 working days = next Tuesday. */
	period("2026-03-04", 5, "2026-03-04", "2026-03-10");
	period("2026-03-04", 1, "2026-03-04", "2026-03-04");
	/* Over 国庆 2026: Monday 28 September, 29, 30, (1-7 off), Thursday 8,
	 * Friday 9, Saturday 10 (worked): six working days; the seventh is
	 * Monday 12. */
	period("2026-09-28", 6, "2026-09-28", "2026-10-10");
	period("2026-09-28", 7, "2026-09-28", "2026-10-12");
	/* Published on a holiday: it starts when work does (8, 9, Saturday 10
	 * worked, 12, 13). */
	period("2026-10-01", 5, "2026-10-08", "2026-10-13");
	/* Across 春节 2026: Thursday 12, Friday 13, Saturday 14 (worked),
	 * then 24, 25. */
	period("2026-02-12", 5, "2026-02-12", "2026-02-25");
	/* The weekend worked after it counts: 26, 27, 28 (Saturday), 2 March. */
	period("2026-02-26", 4, "2026-02-26", "2026-03-02");

	assert_int_equal(mp_workdays_period(NULL, "2026-13-01", 5, s, t, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "2026-13-01"));
	assert_int_equal(mp_workdays_period(NULL, "2026-03-02", 0, s, t, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "0"));
	assert_int_equal(mp_workdays_period(NULL, "2026-03-02", 61, s, t, &e), MP_EINVAL);
	assert_string_equal(s, "");
}

static void test_own_calendar(void **state)
{
	/* A place whose calendar names its own day off and a Sunday worked. */
	static const char *const off[] = { "2026-03-04" };
	static const char *const on[] = { "2026-03-08" };
	const mp_calendar cal = { off, 1, on, 1 };
	char s[11], t[11];

	(void)state;
	assert_int_equal(mp_workday_is(&cal, "2026-03-04"), 0);
	assert_int_equal(mp_workday_is(&cal, "2026-03-08"), 1);
	/* Mon 2, Tue 3, (Wed 4 off), Thu 5, Fri 6, Sun 8 worked. */
	assert_int_equal(mp_workdays_period(&cal, "2026-03-02", 5, s, t, NULL), MP_OK);
	assert_string_equal(t, "2026-03-08");
}

static void test_calendar_from_settings(void **state)
{
	mp_config c;
	mp_calendar *cal;
	char s[11], t[11];

	(void)state;
	mp_config_defaults(&c);
	/* 2027 is not built in: Friday 1 January is a working day ... */
	cal = mp_calendar_new(&c);
	assert_int_equal(mp_workday_is(cal, "2027-01-01"), 1);
	assert_int_equal(mp_workday_is(cal, "2026-10-01"), 0);
	mp_calendar_free(cal);
	/* ... until the settings name it, as people type dates; a Saturday
	 * worked; what is not a date left out. */
	mp_strlist_add(&c.choices[MP_CH_HOLIDAYS], "2027年1月1日");
	mp_strlist_add(&c.choices[MP_CH_HOLIDAYS], "元旦");
	mp_strlist_add(&c.choices[MP_CH_HOLIDAYS], "2026-12-31");
	mp_strlist_add(&c.choices[MP_CH_WORKDAYS], "2027/1/2");
	cal = mp_calendar_new(&c);
	assert_int_equal(mp_workday_is(cal, "2027-01-01"), 0);
	assert_int_equal(mp_workday_is(cal, "2026-12-31"), 0);
	assert_int_equal(mp_workday_is(cal, "2027-01-02"), 1);
	/* The built-in days are still there. */
	assert_int_equal(mp_workday_is(cal, "2026-10-01"), 0);
	assert_int_equal(mp_workday_is(cal, "2026-10-10"), 1);
	/* Wednesday 30 December: 30, (31 and 1 off), Saturday 2, Monday 4. */
	assert_int_equal(mp_workdays_period(cal, "2026-12-30", 3, s, t, NULL), MP_OK);
	assert_string_equal(t, "2027-01-04");
	mp_calendar_free(cal);
	mp_config_free(&c);
}

/* The page as a string. */
static char *page(const mp_notice *n, int *ret, mp_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	*ret = mp_notice_write(f, n, e);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static const mp_notice_project two[] = {
	{ "“银龄互助”助老服务项目", "夕阳红志愿服务队", "助老扶幼", "幸福社区",
	  8520, 3000000, 2800000 },
	{ "绿色家园<垃圾分类>", "蓝天环保协会 & 朋友", "社区治理", "",
	  7733, 2000050, 2000050 },
};
static const mp_notice_reviewer experts[] = {
	{ "王教授", "安徽师范大学社会学院" }, { "李会计", "" },
};

static void test_page(void **state)
{
	mp_notice n = {
		.round = "2026年幸福街道公益创投", .organiser = "幸福街道办事处",
		.operator_ = "阳光社工服务中心", .start = "2026-03-02", .end = "2026-03-06",
		.days = 5, .issued = "2026-03-01", .contact = "幸福街道社工站",
		.phone = "0553-1234567", .p = two, .np = 2, .r = experts, .nr = 2,
	};
	mp_err e;
	int ret;
	char *html = page(&n, &ret, &e);

	(void)state;
	assert_int_equal(ret, MP_OK);
	assert_non_null(strstr(html, "<h1>关于2026年幸福街道公益创投拟资助项目的公示</h1>"));
	assert_non_null(strstr(html, "拟资助以下 2 个项目"));
	assert_non_null(strstr(html, "公示期为 2026年3月2日 至 2026年3月6日（5 个工作日）"));
	assert_non_null(strstr(html, "幸福街道社工站反映（联系电话：0553-1234567）"));
	assert_non_null(strstr(html, "<td>“银龄互助”助老服务项目</td><td>夕阳红志愿服务队</td>"
	                       "<td class=\"c\">助老扶幼</td><td class=\"c\">幸福社区</td><td class=\"n\">85.2</td>"
	                       "<td class=\"n\">30,000.00</td><td class=\"n\">28,000.00</td>"));
	/* Escaped, and money exact to the fen. */
	assert_non_null(strstr(html, "绿色家园&lt;垃圾分类&gt;"));
	assert_non_null(strstr(html, "蓝天环保协会 &amp; 朋友"));
	assert_null(strstr(html, "<垃圾分类>"));
	assert_non_null(strstr(html, "<td class=\"n\">77.33</td><td class=\"n\">20,000.50</td>"));
	assert_non_null(strstr(html, "<th class=\"n\">50,000.50</th><th class=\"n\">48,000.50</th>"));
	assert_non_null(strstr(html, "评审专家：王教授（安徽师范大学社会学院）、李会计。"));
	assert_non_null(strstr(html, "主办单位：幸福街道办事处"));
	assert_non_null(strstr(html, "运营机构：阳光社工服务中心"));
	assert_non_null(strstr(html, "<p>2026年3月1日</p>"));
	assert_non_null(strstr(html, "size: A4"));
	/* Self-contained: nothing fetched from elsewhere. */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "http"));
	free(html);
}

static void test_nothing_to_publish(void **state)
{
	mp_notice n = { .round = "2026年第二轮微创投", .start = "2026-03-02",
	                .end = "2026-03-06", .days = 5, .issued = "2026-03-01" };
	mp_err e;
	int ret;
	char *html = page(&n, &ret, &e);

	(void)state;
	assert_int_equal(ret, MP_EINVAL);
	assert_non_null(strstr(e.msg, "2026年第二轮微创投"));
	assert_string_equal(html, "");
	free(html);
}

/* Twelve projects, long names: written for the print test. */
static void test_twelve_projects(void **state)
{
	mp_notice_project p[12];
	char names[12][160], groups[12][120];
	const char *top = getenv("TOP_BUILDDIR");
	mp_notice n = {
		.round = "2026年芜湖市第六届社区公益创投", .organiser = "芜湖市民政局",
		.operator_ = "芜湖市阳光社会工作服务中心", .start = "2026-09-28",
		.end = "2026-10-12", .days = 7, .issued = "2026-09-27",
		.contact = "芜湖市社会组织孵化基地", .phone = "0553-1234567",
		.p = p, .np = 12, .r = experts, .nr = 2,
	};
	char *dir, *path;
	FILE *out;
	mp_err e;
	int i;

	(void)state;
	for (i = 0; i < 12; i++) {
		snprintf(names[i], sizeof names[i], "第%d社区“邻里守望”%s服务项目", i + 1,
		         i % 2 ? "困境儿童关爱与课后陪伴" : "高龄独居老人助餐助洁");
		snprintf(groups[i], sizeof groups[i], "第%d社区邻里互助志愿服务队", i + 1);
		p[i] = (mp_notice_project){ names[i], groups[i], i % 2 ? "助老扶幼" : "社区治理",
		                            "幸福社区", 9000 - i * 100, 5000000, 4000000 + i };
	}
	dir = mp_asprintf("%s/tests/tmp", top && *top ? top : ".");
	assert_int_equal(mp_mkdirs(dir, 0755, &e), MP_OK);
	path = mp_asprintf("%s/notice.html", dir);
	out = fopen(path, "w");
	assert_non_null(out);
	assert_int_equal(mp_notice_write(out, &n, &e), MP_OK);
	assert_int_equal(fclose(out), 0);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workdays),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_own_calendar),
		cmocka_unit_test(test_calendar_from_settings),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_nothing_to_publish),
		cmocka_unit_test(test_twelve_projects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
