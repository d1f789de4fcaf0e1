/* test_kinds.c — the field kinds' table of operations: every kind's
 * check, normalise and display on good and bad input; money, scores and
 * percentages exact from typing through storage to a list and a CSV. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_config.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_kinds.h"
#include "mp_list.h"
#include "mp_record.h"
#include "mp_text.h"
#include "fixture.h"

enum {
	F_TEXT, F_LONGTEXT, F_DATE, F_COUNT, F_CHOICE, F_USCC, F_PHONE, F_TIME,
	F_HOURS, F_REF, F_IDNO, F_MONEY, F_BALANCE, F_SCORE, F_PERCENT, F__COUNT
};

/* One field of each kind; a budget line's amount and a fund's balance
 * (which may go below 0) are both money. */
static const mp_field all_fields[F__COUNT] = {
	[F_TEXT] = { .col = "t", .label_zh = "名称", .label_en = "Name",
		.kind = MP_K_TEXT, .flags = MP_F_LIST, .maxlen = 5, .list_width = 10 },
	[F_LONGTEXT] = { .col = "lt", .label_zh = "备注", .label_en = "Notes",
		.kind = MP_K_LONGTEXT, .maxlen = 20 },
	[F_DATE] = { .col = "d", .label_zh = "日期", .label_en = "Date",
		.kind = MP_K_DATE, .flags = MP_F_NOFUTURE, .maxlen = 10 },
	[F_COUNT] = { .col = "c", .label_zh = "人数", .label_en = "People",
		.kind = MP_K_COUNT, .maxlen = 7 },
	[F_CHOICE] = { .col = "ch", .label_zh = "是否", .label_en = "Yes or no",
		.kind = MP_K_CHOICE, .choice = MP_CH_YESNO },
	[F_USCC] = { .col = "u", .label_zh = "统一社会信用代码", .label_en = "Credit code",
		.kind = MP_K_USCC, .maxlen = 18 },
	[F_PHONE] = { .col = "p", .label_zh = "电话", .label_en = "Phone",
		.kind = MP_K_PHONE, .maxlen = 20 },
	[F_TIME] = { .col = "tm", .label_zh = "时间", .label_en = "Time",
		.kind = MP_K_TIME, .maxlen = 10 },
	[F_HOURS] = { .col = "h", .label_zh = "时长", .label_en = "Hours",
		.kind = MP_K_HOURS, .maxlen = 10 },
	[F_REF] = { .col = "r", .label_zh = "组织", .label_en = "Group",
		.kind = MP_K_REF, .ref = &mp_groups },
	[F_IDNO] = { .col = "i", .label_zh = "证件号码", .label_en = "ID number",
		.kind = MP_K_IDNO, .maxlen = 30 },
	[F_MONEY] = { .col = "amount", .label_zh = "金额(元)", .label_en = "Amount",
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .maxlen = 20, .list_width = 16 },
	[F_BALANCE] = { .col = "balance", .label_zh = "余额(元)", .label_en = "Balance",
		.kind = MP_K_MONEY, .flags = MP_F_SIGNED, .maxlen = 20 },
	[F_SCORE] = { .col = "score", .label_zh = "评分", .label_en = "Score",
		.kind = MP_K_SCORE, .flags = MP_F_LIST, .maxlen = 6, .list_width = 6 },
	[F_PERCENT] = { .col = "share", .label_zh = "配套比例", .label_en = "Matched share",
		.kind = MP_K_PERCENT, .flags = MP_F_LIST, .maxlen = 8, .list_width = 8 },
};

static const mp_sort all_sorts[] = {
	{ "by amount", "amount", 1 },
	{ "by balance", "balance", 0 },
	{ "by date added", "id", 1 },
};

static const mp_table all = {
	.name = "kind_test", .title_en = "Kinds", .unit_en = "line",
	.fields = all_fields, .nfields = F__COUNT,
	.sorts = all_sorts, .nsorts = 3,
};

static mp_config cfg;

static int group_setup(void **state)
{
	(void)state;
	mp_config_defaults(&cfg);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	mp_config_free(&cfg);
	return 0;
}

/* Field i given value: accepted and kept as normal, or (normal NULL)
 * refused with a message that names the field and contains words. */
static void kind(int i, const char *value, const char *normal, const char *words)
{
	mp_record *r = mp_record_new(&all, NULL);
	mp_err e;
	int ret;

	mp_err_clear(&e);
	mp_record_set(r, i, value);
	ret = mp_field_check(&cfg, r, i, &e);
	if (normal) {
		if (ret != MP_OK)
			fail_msg("%s “%s” refused: %s", all_fields[i].col, value, e.msg);
		if (strcmp(r->v[i], normal))
			fail_msg("%s “%s” kept as “%s”, not “%s”", all_fields[i].col,
			         value, r->v[i], normal);
		/* What is kept reads back as itself. */
		ret = mp_field_check(&cfg, r, i, &e);
		assert_int_equal(ret, MP_OK);
		assert_string_equal(r->v[i], normal);
	} else {
		if (ret != MP_EINVAL)
			fail_msg("%s “%s” accepted as “%s”", all_fields[i].col, value,
			         r->v[i]);
		assert_int_equal(e.field, i);
		if (strncmp(e.msg, all_fields[i].label_en, strlen(all_fields[i].label_en))
		    || !strstr(e.msg, words))
			fail_msg("“%s”: message “%s” should name the field and say “%s”",
			         value, e.msg, words);
	}
	mp_record_free(r);
}

/* What field i shows for kept value v. */
static void shows(int i, const char *v, const char *shown)
{
	mp_record *r = mp_record_new(&all, NULL);
	char buf[64];

	mp_record_set(r, i, v);
	assert_string_equal(mp_field_display(NULL, r, i, 1, buf, sizeof buf), shown);
	mp_record_free(r);
}

/* ---- the table itself ---- */

static void test_every_kind_has_a_row(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < MP_K__COUNT; k++) {
		const mp_kind_ops *o = &mp_kinds[k];

		if (!o->name || !o->sqltype || !o->bind)
			fail_msg("kind %d has no row (name, sqltype and bind)", k);
		/* A stored number is an INTEGER or REAL column; text is TEXT. */
		assert_string_equal(o->sqltype, o->store == MP_STORE_INT ? "INTEGER"
		                    : o->store == MP_STORE_REAL ? "REAL" : "TEXT");
		/* What a spreadsheet adds up is stored as a number. */
		if (o->export_number != MP_NUM_NONE)
			assert_int_not_equal(o->store, MP_STORE_TEXT);
	}
	assert_string_equal(mp_kinds[MP_K_MONEY].name, "money");
	assert_int_equal(mp_kinds[MP_K_MONEY].export_number, MP_NUM_MONEY);
	assert_int_equal(mp_kinds[MP_K_PERCENT].export_number, MP_NUM_PERCENT);
	assert_true(mp_kinds[MP_K_MONEY].align_right);
	/* Every number lines up on the right in a list; text on the left. */
	assert_true(mp_kinds[MP_K_COUNT].align_right);
	assert_true(mp_kinds[MP_K_HOURS].align_right);
	assert_false(mp_kinds[MP_K_TEXT].align_right);
	assert_int_equal(mp_kinds[MP_K_CHOICE].edit, MP_EDIT_CHOICE);
	assert_int_equal(mp_kinds[MP_K_REF].edit, MP_EDIT_RECORD);
	assert_true(mp_field_refers(&all_fields[F_REF]));
	assert_false(mp_field_refers(&all_fields[F_COUNT]));
}

/* ---- the kinds there were ---- */

static void test_text(void **state)
{
	(void)state;
	kind(F_TEXT, "  幸福 ", "幸福", NULL);
	kind(F_TEXT, "五个汉字啊", "五个汉字啊", NULL);
	kind(F_TEXT, "六个汉字啊啊", NULL, "at most 5 characters");
	kind(F_TEXT, "１２", "１２", NULL);     /* text keeps full-width */
	kind(F_LONGTEXT, "a,\"b\"", "a,\"b\"", NULL);
	shows(F_TEXT, "幸福", "幸福");
}

static void test_date(void **state)
{
	(void)state;
	kind(F_DATE, "2024/3/5", "2024-03-05", NULL);
	kind(F_DATE, "２０２４－０３－０５", "2024-03-05", NULL);
	kind(F_DATE, "2023-02-29", NULL, "does not exist");
	kind(F_DATE, "明天", NULL, "not a date");
	kind(F_DATE, "2099-01-01", NULL, "in the future");
	shows(F_DATE, "2024-03-05", "2024-03-05");
}

static void test_count_choice_phone(void **state)
{
	(void)state;
	kind(F_COUNT, "012", "12", NULL);
	kind(F_COUNT, "１２", "12", NULL);
	kind(F_COUNT, "-1", NULL, "whole number");
	kind(F_COUNT, "1.5", NULL, "whole number");
	kind(F_CHOICE, "是", "是", NULL);
	kind(F_CHOICE, "也许", NULL, "not one of the choices");
	kind(F_PHONE, "13800138000", "13800138000", NULL);
	kind(F_PHONE, "１３８００１３８０００", "13800138000", NULL);
	kind(F_PHONE, "不知道", NULL, "not a phone number");
	shows(F_COUNT, "12", "12");
}

static void test_uscc_idno(void **state)
{
	(void)state;
	kind(F_USCC, "91350100m000100y43", "91350100M000100Y43", NULL);
	kind(F_USCC, "91350100M000100Y4", NULL, "18 characters");
	kind(F_USCC, "91350100M000100Y44", NULL, "check character");
	kind(F_USCC, "91350100O000100Y43", NULL, "cannot appear");
	kind(F_IDNO, " 11010519491231002x", "11010519491231002X", NULL);
	kind(F_IDNO, "ｅ１２３", "E123", NULL);
	shows(F_IDNO, "11010519491231002X", "11010519491231002X");
}

static void test_time_hours_ref(void **state)
{
	(void)state;
	kind(F_TIME, "9:5", "09:05", NULL);
	kind(F_TIME, "24:00", NULL, "not a time");
	kind(F_HOURS, "1.50", "1.5", NULL);
	kind(F_HOURS, "２．５", "2.5", NULL);
	kind(F_HOURS, "0", NULL, "more than 0");
	kind(F_HOURS, "25", NULL, "at most 24");
	kind(F_HOURS, "1.555", NULL, "not a number of hours");
	kind(F_REF, "０１２", "12", NULL);
	kind(F_REF, "夕阳红", NULL, "no such group");
	shows(F_HOURS, "1.5", "1.5");
}

/* ---- money ---- */

static void test_money_forms(void **state)
{
	(void)state;
	/* The forms a social worker types. */
	kind(F_MONEY, "1234.5", "1234.50", NULL);
	kind(F_MONEY, "1234.50", "1234.50", NULL);
	kind(F_MONEY, "1,234.50", "1234.50", NULL);
	kind(F_MONEY, "1，234.50", "1234.50", NULL);
	kind(F_MONEY, "￥1234.50", "1234.50", NULL);
	kind(F_MONEY, "¥ 1234.5", "1234.50", NULL);
	kind(F_MONEY, "RMB 88", "88.00", NULL);
	kind(F_MONEY, "1234元", "1234.00", NULL);
	kind(F_MONEY, "1234.5 元", "1234.50", NULL);
	kind(F_MONEY, "300块", "300.00", NULL);
	kind(F_MONEY, "１２３４．５", "1234.50", NULL);
	kind(F_MONEY, "１２３４。５", "1234.50", NULL);
	kind(F_MONEY, "1.5万", "15000.00", NULL);
	kind(F_MONEY, "3万元", "30000.00", NULL);
	kind(F_MONEY, "0.0001万", "1.00", NULL);
	kind(F_MONEY, "1.000001万", "10000.01", NULL);
	kind(F_MONEY, ".5", "0.50", NULL);
	kind(F_MONEY, "5.", "5.00", NULL);
	kind(F_MONEY, "0", "0.00", NULL);
	kind(F_MONEY, "-0", "0.00", NULL);
	kind(F_MONEY, "0.01", "0.01", NULL);
	kind(F_MONEY, "1.230", "1.23", NULL);   /* a zero past the fen is none */
	kind(F_MONEY, "12,345,678.9", "12345678.90", NULL);
	/* The bound, and one fen past it. */
	kind(F_MONEY, "9,999,999,999.99", "9999999999.99", NULL);
	kind(F_MONEY, "10000000000", NULL, "too large");
	kind(F_MONEY, "9999999999.991", NULL, "more than two decimals");
	kind(F_MONEY, "99999999999999999999999999", NULL, "too large");
	kind(F_MONEY, "100万万", NULL, "not an amount");
	/* Refused, each saying why. */
	kind(F_MONEY, "1.234", NULL, "more than two decimals");
	kind(F_MONEY, "1.2345678万", NULL, "more than two decimals");
	kind(F_MONEY, "-5", NULL, "below 0");
	kind(F_MONEY, "￥-5", NULL, "below 0");
	kind(F_MONEY, "abc", NULL, "not an amount of money");
	kind(F_MONEY, "￥", NULL, "not an amount");
	kind(F_MONEY, "元", NULL, "not an amount");
	kind(F_MONEY, "1,5", NULL, "not an amount");       /* a decimal comma? */
	kind(F_MONEY, "1,2345", NULL, "not an amount");
	kind(F_MONEY, "1234,567", NULL, "not an amount");
	kind(F_MONEY, ",5", NULL, "not an amount");
	kind(F_MONEY, "1.2.3", NULL, "not an amount");
	kind(F_MONEY, "1 234", NULL, "not an amount");
	kind(F_MONEY, "12 元 5", NULL, "not an amount");
	kind(F_MONEY, "--5", NULL, "not an amount");
	kind(F_MONEY, "1e3", NULL, "not an amount");
	kind(F_MONEY, "0x10", NULL, "not an amount");
	kind(F_MONEY, "一百", NULL, "not an amount");
	kind(F_MONEY, "$5", NULL, "not an amount");
	/* A balance may go below 0. */
	kind(F_BALANCE, "-5", "-5.00", NULL);
	kind(F_BALANCE, "－１,２３４.５", "-1234.50", NULL);
	kind(F_BALANCE, "-￥0.01", "-0.01", NULL);
	kind(F_BALANCE, "-9,999,999,999.99", "-9999999999.99", NULL);
	kind(F_BALANCE, "-10,000,000,000", NULL, "too large");
}

static void test_money_display(void **state)
{
	char buf[32];

	(void)state;
	shows(F_MONEY, "1234.50", "1,234.50");
	shows(F_MONEY, "0.01", "0.01");
	shows(F_MONEY, "999.00", "999.00");
	shows(F_MONEY, "1000.00", "1,000.00");
	shows(F_MONEY, "9999999999.99", "9,999,999,999.99");
	shows(F_BALANCE, "-1234567.80", "-1,234,567.80");
	shows(F_MONEY, "", "");
	assert_string_equal(mp_money_format(0, 1, buf, sizeof buf), "0.00");
	assert_string_equal(mp_money_format(-1, 0, buf, sizeof buf), "-0.01");
	assert_string_equal(mp_money_format(MP_MONEY_MAX, 0, buf, sizeof buf),
	                    "9999999999.99");
}

/* 0.1 + 0.2 is 0.30 to the fen, and a million 0.01 are 10,000.00: sums
 * are of whole fen. */
static void test_money_exact(void **state)
{
	int64_t a, b, sum = 0;
	char buf[32];
	int i;

	(void)state;
	assert_int_equal(mp_money_parse("0.1", 0, &a), MP_PARSE_OK);
	assert_int_equal(mp_money_parse("0.2", 0, &b), MP_PARSE_OK);
	assert_int_equal(a + b, 30);
	assert_string_equal(mp_money_format(a + b, 0, buf, sizeof buf), "0.30");
	for (i = 0; i < 1000000; i++) {
		assert_int_equal(mp_money_parse("0.01", 0, &a), MP_PARSE_OK);
		sum += a;
	}
	assert_string_equal(mp_money_format(sum, 1, buf, sizeof buf), "10,000.00");
	/* Amounts a double cannot hold to the fen are still exact. */
	assert_int_equal(mp_money_parse("9999999999.99", 0, &a), MP_PARSE_OK);
	assert_true(a == INT64_C(999999999999));
	/* Every amount reads back from both its forms as itself. */
	for (a = -MP_MONEY_MAX; a <= MP_MONEY_MAX; a += INT64_C(99999999977)) {
		int64_t step;

		for (step = 0; step < 1000; step += 7) {
			int64_t x = a + step > MP_MONEY_MAX ? MP_MONEY_MAX : a + step;

			assert_int_equal(mp_money_parse(mp_money_format(x, 0, buf, sizeof buf), 1, &b), MP_PARSE_OK);
			assert_true(b == x);
			assert_int_equal(mp_money_parse(mp_money_format(x, 1, buf, sizeof buf), 1, &b), MP_PARSE_OK);
			assert_true(b == x);
		}
	}
	assert_int_equal(mp_money_parse("-5", 0, &a), MP_PARSE_NEGATIVE);
	assert_int_equal(mp_money_parse("1.234", 0, &a), MP_PARSE_DECIMALS);
	assert_int_equal(mp_money_parse("abc", 0, &a), MP_PARSE_NOTNUM);
	assert_int_equal(mp_money_parse("10000000000", 0, &a), MP_PARSE_TOOBIG);
}

/* ---- scores and percentages ---- */

static void test_score(void **state)
{
	(void)state;
	kind(F_SCORE, "85", "85", NULL);
	kind(F_SCORE, "92.5", "92.5", NULL);
	kind(F_SCORE, "92.50", "92.5", NULL);
	kind(F_SCORE, "85.0", "85", NULL);
	kind(F_SCORE, "0", "0", NULL);
	kind(F_SCORE, "100", "100", NULL);
	kind(F_SCORE, "85分", "85", NULL);
	kind(F_SCORE, "９２．５", "92.5", NULL);
	kind(F_SCORE, "100.1", NULL, "from 0 to 100");
	kind(F_SCORE, "101", NULL, "from 0 to 100");
	kind(F_SCORE, "-1", NULL, "from 0 to 100");
	kind(F_SCORE, "92.55", NULL, "more than one decimal");
	kind(F_SCORE, "优秀", NULL, "not a score");
	kind(F_SCORE, "1,000", NULL, "not a score");
	shows(F_SCORE, "92.5", "92.5");
	shows(F_SCORE, "85", "85");
}

static void test_percent(void **state)
{
	(void)state;
	kind(F_PERCENT, "12.5", "12.5", NULL);
	kind(F_PERCENT, "12.5%", "12.5", NULL);
	kind(F_PERCENT, "１２．５％", "12.5", NULL);
	kind(F_PERCENT, "33.33", "33.33", NULL);
	kind(F_PERCENT, "20.00 %", "20", NULL);
	kind(F_PERCENT, "0", "0", NULL);
	kind(F_PERCENT, "100%", "100", NULL);
	kind(F_PERCENT, "100.01", NULL, "from 0 to 100");
	kind(F_PERCENT, "150%", NULL, "from 0 to 100");
	kind(F_PERCENT, "-5%", NULL, "from 0 to 100");
	kind(F_PERCENT, "33.333", NULL, "more than two decimals");
	kind(F_PERCENT, "一半", NULL, "not a percentage");
	kind(F_PERCENT, "%", NULL, "not a percentage");
	shows(F_PERCENT, "12.5", "12.5%");
	shows(F_PERCENT, "100", "100%");
	shows(F_PERCENT, "", "");
}

static void test_decimal_format(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(mp_decimal_format(925, 1, buf, sizeof buf), "92.5");
	assert_string_equal(mp_decimal_format(1250, 2, buf, sizeof buf), "12.5");
	assert_string_equal(mp_decimal_format(1205, 2, buf, sizeof buf), "12.05");
	assert_string_equal(mp_decimal_format(800, 2, buf, sizeof buf), "8");
	assert_string_equal(mp_decimal_format(5, 2, buf, sizeof buf), "0.05");
	assert_string_equal(mp_decimal_format(0, 2, buf, sizeof buf), "0");
	assert_string_equal(mp_decimal_format(-150, 2, buf, sizeof buf), "-1.5");
}

/* A social worker reads why in Chinese. */
static void test_messages_in_chinese(void **state)
{
	static const struct {
		int field;
		const char *typed, *words;
	} bad[] = {
		{ F_MONEY, "abc", "不是金额" },
		{ F_MONEY, "1.234", "超过两位小数" },
		{ F_MONEY, "-5", "不能小于 0" },
		{ F_MONEY, "10000000000", "太大" },
		{ F_SCORE, "101", "分数在 0 到 100 之间" },
		{ F_SCORE, "92.55", "超过一位小数" },
		{ F_SCORE, "优秀", "不是分数" },
		{ F_PERCENT, "150", "百分比在 0 到 100 之间" },
		{ F_PERCENT, "1.234", "超过两位小数" },
		{ F_PERCENT, "一半", "不是百分比" },
	};
	const char *dir = getenv("MIAOPU_LOCALEDIR");
	size_t k;

	(void)state;
	unsetenv("LANGUAGE");
	bindtextdomain("miaopu", dir && *dir ? dir : "locale");
	bind_textdomain_codeset("miaopu", "UTF-8");
	textdomain("miaopu");
	if (!setlocale(LC_ALL, "zh_CN.UTF-8"))
		skip();
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		mp_record *r = mp_record_new(&all, NULL);
		mp_err e;

		mp_record_set(r, bad[k].field, bad[k].typed);
		assert_int_equal(mp_field_check(&cfg, r, bad[k].field, &e), MP_EINVAL);
		if (!strstr(e.msg, bad[k].words) || !strstr(e.msg, "："))
			fail_msg("“%s”: “%s” should say “%s”", bad[k].typed, e.msg,
			         bad[k].words);
		mp_record_free(r);
	}
	setlocale(LC_ALL, "C");
}

/* ---- through a ledger ---- */

static int db_setup(void **state)
{
	struct mp_fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(mp_fx_open(f), 0);
	/* The test's own table: the columns each kind's row asks for. */
	{
		char *sql = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&sql, &len);
		int i;

		assert_non_null(m);
		fprintf(m, "CREATE TABLE %s (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL,"
		        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
		        " deleted_at TEXT", all.name);
		for (i = 0; i < all.nfields; i++)
			fprintf(m, ", %s %s", all_fields[i].col,
			        mp_kind_of(&all_fields[i])->sqltype);
		/* Every record table's version and writer (schema step 10). */
		fputs(", version INTEGER NOT NULL DEFAULT 1, updated_by TEXT)", m);
		assert_int_equal(fclose(m), 0);
		assert_int_equal(sqlite3_exec(f->db->h, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	*state = f;
	return 0;
}

static int64_t save_line(struct mp_fx *f, const char *name, const char *amount,
                         const char *balance, const char *score,
                         const char *share)
{
	mp_record *r = mp_record_new(&all, NULL);
	int64_t id;

	mp_record_set(r, F_TEXT, name);
	mp_record_set(r, F_MONEY, amount);
	mp_record_set(r, F_BALANCE, balance);
	mp_record_set(r, F_SCORE, score);
	mp_record_set(r, F_PERCENT, share);
	id = mp_fx_save_free(f, r);
	return id;
}

static char *csv_of(struct mp_fx *f)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	long n = 0;
	mp_err e;

	assert_non_null(m);
	assert_int_equal(mp_export_csv(f->db, &all, m, &n, &e), MP_OK);
	assert_int_equal(fclose(m), 0);
	return out;
}

/* Typed → kept → stored as whole fen → loaded → exported, exactly. */
static void test_money_round_trip(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;
	mp_err e;
	int64_t id;
	char *csv;

	id = save_line(f, "场地费", "￥1,234.5", "-0.1", "92.50", "12.5%");
	/* Stored as integers of the smallest unit, not as text or REAL. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT amount FROM kind_test"), 123450);
	assert_int_equal(mp_fx_sql_int(f, "SELECT typeof(amount) = 'integer' FROM kind_test"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT balance FROM kind_test"), -10);
	assert_int_equal(mp_fx_sql_int(f, "SELECT score FROM kind_test"), 925);
	assert_int_equal(mp_fx_sql_int(f, "SELECT share FROM kind_test"), 1250);
	assert_int_equal(mp_record_load(f->db, &all, id, &r, &e), MP_OK);
	assert_string_equal(r->v[F_MONEY], "1234.50");
	assert_string_equal(r->v[F_BALANCE], "-0.10");
	assert_string_equal(r->v[F_SCORE], "92.5");
	assert_string_equal(r->v[F_PERCENT], "12.5");
	mp_record_free(r);

	/* 0.1 + 0.2 in the ledger: SQL's sum of whole fen is exact. */
	save_line(f, "a", "0.1", "", "", "");
	save_line(f, "b", "0.2", "", "", "");
	assert_int_equal(mp_fx_sql_int(f, "SELECT sum(amount) FROM kind_test WHERE t IN ('a', 'b')"), 30);
	save_line(f, "max", "9,999,999,999.99", "-9999999999.99", "100", "100");

	csv = csv_of(f);
	/* A header of the Chinese labels, numbers as a spreadsheet reads them. */
	assert_non_null(strstr(csv, "\"金额(元)\",\"余额(元)\",\"评分\",\"配套比例\""));
	assert_non_null(strstr(csv, "\"1234.50\",\"-0.10\",\"92.5\",\"12.5%\""));
	assert_non_null(strstr(csv, "\"0.10\",\"\",\"\",\"\""));
	assert_non_null(strstr(csv, "\"0.20\",\"\",\"\",\"\""));
	assert_non_null(strstr(csv, "\"9999999999.99\",\"-9999999999.99\",\"100\",\"100%\""));
	free(csv);

	/* What the export wrote reads back as what is kept. */
	kind(F_MONEY, "9999999999.99", "9999999999.99", NULL);
	kind(F_PERCENT, "12.5%", "12.5", NULL);

	assert_int_equal(mp_export_numeric(&all, F_MONEY), MP_NUM_MONEY);
	assert_int_equal(mp_export_numeric(&all, F_PERCENT), MP_NUM_PERCENT);
	assert_int_equal(mp_export_numeric(&all, F_SCORE), MP_NUM_PLAIN);
	assert_int_equal(mp_export_numeric(&all, F_TEXT), MP_NUM_NONE);
	assert_int_equal(mp_export_numeric(&all, F__COUNT), MP_NUM_NONE);
}

/* The output of cmd (at most size - 1 bytes), "" when it fails. */
static void run(const char *cmd, char *out, size_t size)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
}

/* In XLSX money is a number shown with two decimals, a percentage a
 * fraction shown as one. */
static void test_money_xlsx(void **state)
{
	struct mp_fx *f = *state;
	const mp_table *tables[] = { &all };
	char path[128], cmd[256], *xml = malloc(65536);
	long count = 0;
	mp_err e;

	assert_non_null(xml);
	if (!mp_xlsx_available() || system("unzip -v >/dev/null 2>&1") != 0) {
		free(xml);
		skip();
	}
	save_line(f, "场地费", "1234.5", "", "92.5", "12.5");
	snprintf(path, sizeof path, "%s/kinds.xlsx", f->dir);
	assert_int_equal(mp_export_xlsx(f->db, tables, 1, 0, path, &count, &e), MP_OK);
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/styles.xml", path);
	run(cmd, xml, 65536);
	assert_non_null(strstr(xml, "formatCode=\"#,##0.00\""));
	assert_non_null(strstr(xml, "formatCode=\"0.00%\""));
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", path);
	run(cmd, xml, 65536);
	/* Numbers (<v>), not shared strings, each with a style. */
	assert_non_null(strstr(xml, "><v>1234.5</v></c>"));
	assert_non_null(strstr(xml, "><v>92.5</v></c>"));
	assert_non_null(strstr(xml, "><v>0.125</v></c>"));
	free(xml);
}

/* A correction is stored again exactly, and an amount that no longer
 * reads (typed over in the form) is refused without touching the ledger. */
static void test_money_update(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = save_line(f, "x", "10", "", "", "");
	mp_record *r;
	mp_err e;

	assert_int_equal(mp_record_load(f->db, &all, id, &r, &e), MP_OK);
	mp_record_set(r, F_MONEY, "1.5万");
	assert_int_equal(mp_record_save(f->db, NULL, r, &e), MP_OK);
	assert_string_equal(r->v[F_MONEY], "15000.00");
	assert_int_equal(mp_fx_sql_int(f, "SELECT amount FROM kind_test"), 1500000);
	mp_record_set(r, F_MONEY, "1.234");
	assert_int_equal(mp_record_save(f->db, NULL, r, &e), MP_EINVAL);
	assert_int_equal(e.field, F_MONEY);
	assert_string_equal(r->v[F_MONEY], "1.234");   /* kept as typed */
	assert_int_equal(mp_fx_sql_int(f, "SELECT amount FROM kind_test"), 1500000);
	mp_record_free(r);
}

/* A list shows money grouped and orders by the stored number: 9.00 before
 * 10.00 (text would put "10" first), empty amounts last going down and a
 * balance below 0 first going up, page after page by keyset. */
static void test_money_list(void **state)
{
	struct mp_fx *f = *state;
	mp_listq *q = mp_listq_new(f->db, &all);
	mp_row rows[3];
	mp_key at = { NULL, 0 };
	mp_err e;
	int n, i, got = 0;
	const char *expect[] = { "1,234,567.00", "10.00", "9.00", "0.50", "" };
	const char *names[] = { "d", "b", "a", "c", "e" };

	save_line(f, "a", "9", "5", "80", "");
	save_line(f, "b", "10", "-5", "", "50");
	save_line(f, "c", "0.5", "", "", "");
	save_line(f, "d", "1234567", "0", "", "");
	save_line(f, "e", "", "-100.01", "", "");
	mp_listq_set_sort(q, 0);   /* by amount, largest first */
	for (;;) {
		assert_int_equal(mp_listq_fetch(q, got ? &at : NULL, 1, 0, 2, rows, &n, &e), MP_OK);
		if (n == 0)
			break;
		for (i = 0; i < n; i++, got++) {
			assert_true(got < 5);
			assert_string_equal(rows[i].cells[0], names[got]);
			assert_string_equal(rows[i].cells[1], expect[got]);
		}
		mp_key_copy(&at, &rows[n - 1].key);
		mp_rows_clear(rows, n);
	}
	assert_int_equal(got, 5);

	/* By balance, lowest first: empty balances (c), then -100.01 ... */
	mp_listq_set_sort(q, 1);
	{
		const char *order[] = { "c", "e", "b", "d", "a" };

		got = 0;
		for (;;) {
			assert_int_equal(mp_listq_fetch(q, got ? &at : NULL, 1, 0, 2, rows, &n, &e), MP_OK);
			if (n == 0)
				break;
			for (i = 0; i < n; i++, got++) {
				assert_true(got < 5);
				assert_string_equal(rows[i].cells[0], order[got]);
			}
			mp_key_copy(&at, &rows[n - 1].key);
			mp_rows_clear(rows, n);
		}
		assert_int_equal(got, 5);
	}
	/* Score and percentage cells as shown. */
	mp_listq_set_sort(q, 2);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 3, rows, &n, &e), MP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[2].cells[0], "c");
	assert_string_equal(rows[1].cells[0], "d");
	mp_rows_clear(rows, n);
	assert_int_equal(mp_listq_fetch(q, NULL, -1, 0, 2, rows, &n, &e), MP_OK);
	assert_string_equal(rows[0].cells[0], "b");
	assert_string_equal(rows[0].cells[2], "");
	assert_string_equal(rows[0].cells[3], "50%");
	assert_string_equal(rows[1].cells[0], "a");
	assert_string_equal(rows[1].cells[2], "80");
	mp_rows_clear(rows, n);
	mp_key_clear(&at);
	mp_listq_free(q);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_every_kind_has_a_row),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_count_choice_phone),
		cmocka_unit_test(test_uscc_idno),
		cmocka_unit_test(test_time_hours_ref),
		cmocka_unit_test(test_money_forms),
		cmocka_unit_test(test_money_display),
		cmocka_unit_test(test_money_exact),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_decimal_format),
		cmocka_unit_test(test_messages_in_chinese),
	};
	const struct CMUnitTest ledger[] = {
		cmocka_unit_test_setup_teardown(test_money_round_trip, db_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_money_xlsx, db_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_money_update, db_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_money_list, db_setup, mp_fx_teardown),
	};
	int failed;

	failed = cmocka_run_group_tests_name("kinds", pure, group_setup, group_teardown);
	failed += cmocka_run_group_tests_name("kinds in a ledger", ledger, group_setup,
	                                      group_teardown);
	return failed;
}
