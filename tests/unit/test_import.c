/* test_import.c — import of groups and volunteers from CSV: encodings,
 * CSV quirks, the header, the checks of the form, duplicates, all or
 * nothing, dry runs and the round trip from export. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define BOM "\xef\xbb\xbf"
#define USCC_OK "91350100M000100Y43"
#define ID_1 "350102199006150018"

/* Import the n bytes of text into t of f's ledger. */
static int import_bytes(struct mp_fx *f, const mp_table *t, const char *text,
                        size_t n, int dry_run, mp_import_result *res,
                        mp_err *e)
{
	FILE *in = tmpfile();
	int rc;

	assert_non_null(in);
	assert_int_equal(fwrite(text, 1, n, in), n);
	rewind(in);
	rc = mp_import_csv(f->db, &f->cfg, t, in, dry_run, res, e);
	fclose(in);
	return rc;
}

static int import_str(struct mp_fx *f, const mp_table *t, const char *text,
                      int dry_run, mp_import_result *res, mp_err *e)
{
	return import_bytes(f, t, text, strlen(text), dry_run, res, e);
}

static long live(struct mp_fx *f, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM %s WHERE deleted_at IS NULL", table);
	return mp_fx_sql_int(f, sql);
}

/* The message of kind on line that contains what, or NULL. */
static const mp_import_msg *find_msg(const mp_import_result *res, int kind,
                                     long line, const char *what)
{
	int i;

	for (i = 0; i < res->nmsgs; i++)
		if (res->msgs[i].kind == kind && res->msgs[i].line == line
		    && strstr(res->msgs[i].text, what))
			return &res->msgs[i];
	return NULL;
}

static int count_kind(const mp_import_result *res, int kind)
{
	int i, n = 0;

	for (i = 0; i < res->nmsgs; i++)
		n += res->msgs[i].kind == kind;
	return n;
}

/* The value of field of the live group named name. */
static char *group_value(struct mp_fx *f, const char *name, int field)
{
	sqlite3_stmt *st;
	char sql[160];
	char *v = NULL;
	mp_err e;

	snprintf(sql, sizeof sql, "SELECT ifnull(%s, '') FROM groups WHERE name = ?"
	         " AND deleted_at IS NULL", mp_groups.fields[field].col);
	assert_int_equal(mp_db_prepare(f->db, sql, &st, &e), MP_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!v)
		fail_msg("no group named “%s”", name);
	return v;
}

static void assert_group_value(struct mp_fx *f, const char *name, int field,
                               const char *want)
{
	char *v = group_value(f, name, field);

	assert_string_equal(v, want);
	free(v);
}

/* A byte-order mark is skipped; a file without one reads the same. */
static void test_bom_and_no_bom(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups, BOM "组织名称,所属社区(村)\r\n"
	                            "甲队,幸福社区\r\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.nmsgs, 0);
	assert_true(res.written);
	mp_import_result_free(&res);

	assert_int_equal(import_str(f, &mp_groups, "组织名称,所属社区(村)\n"
	                            "乙队,幸福社区\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.nmsgs, 0);
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 2);
	assert_group_value(f, "甲队", G_COMMUNITY, "幸福社区");
	assert_group_value(f, "乙队", G_COMMUNITY, "幸福社区");
}

/* Text that is not UTF-8 is read as GB18030 (what WPS saves). */
static void test_gb18030(void **state)
{
	struct mp_fx *f = *state;
	const char *utf8 = "组织名称,所属社区(村),备注\r\n丁香志愿队,幸福社区,“周末”服务\r\n";
	char gb[256], *in = (char *)utf8, *out = gb;
	size_t inleft = strlen(utf8), outleft = sizeof gb;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	mp_import_result res;
	mp_err e;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
	iconv_close(cd);
	assert_int_not_equal(memcmp(gb, utf8, (size_t)(out - gb)), 0);

	assert_int_equal(import_bytes(f, &mp_groups, gb, (size_t)(out - gb), 0,
	                              &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	mp_import_result_free(&res);
	assert_group_value(f, "丁香志愿队", G_COMMUNITY, "幸福社区");
	assert_group_value(f, "丁香志愿队", G_NOTES, "“周末”服务");

	/* Neither UTF-8 nor GB18030: a clear error, nothing written. */
	assert_int_equal(import_str(f, &mp_groups, "组织名称\n\x81\x20\n", 0,
	                            &res, &e), MP_EIO);
	assert_non_null(strstr(e.msg, "GB18030"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 1);
}

/* Quoted fields keep their commas and newlines; blank lines are skipped
 * but still counted, so problems name the right line. */
static void test_quoted_and_blank_lines(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups,
	        "\r\n组织名称, 所属社区(村) ,备注\r\n"
	        "\r\n"
	        "\"红枫，书画社, 一队\",幸福社区,\"第一行\r\n第二行, 有逗号\"\r\n"
	        "   \r\n"
	        ",,\r\n"
	        "\"说 \"\"好\"\" 的\",幸福社区,\r\n"
	        "\r\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.refused, 0);
	assert_int_equal(res.nmsgs, 0);
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 2);
	assert_group_value(f, "红枫，书画社, 一队", G_NOTES, "第一行\r\n第二行, 有逗号");
	assert_group_value(f, "说 \"好\" 的", G_COMMUNITY, "幸福社区");

	/* A refused row after a two-line row and blank lines: line 6. */
	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,备注,成员人数\n"
	        "\n"
	        "甲,\"a\nb\",3\n"
	        "\n"
	        "乙,,很多\n", 1, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);
	assert_non_null(find_msg(&res, MP_IMPORT_REFUSED, 6, "line 6: "));
	assert_non_null(find_msg(&res, MP_IMPORT_ADD, 3, "甲"));
	mp_import_result_free(&res);
}

static void test_header_only_and_empty(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups, BOM "组织名称,所属社区(村)\r\n",
	                            0, &res, &e), MP_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 0);
	assert_int_equal(res.refused, 0);
	mp_import_result_free(&res);

	assert_int_equal(import_str(f, &mp_groups, "", 0, &res, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "empty"));
	mp_import_result_free(&res);
	assert_int_equal(import_str(f, &mp_groups, BOM "\r\n\r\n", 0, &res, &e),
	                 MP_EINVAL);
	assert_non_null(strstr(e.msg, "empty"));
	mp_import_result_free(&res);

	/* A header naming no field of the table is not taken for data. */
	assert_int_equal(import_str(f, &mp_groups, "颜色,大小\n红,大\n", 0,
	                            &res, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "header"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 0);
}

/* Missing values at the end of a row are empty (the defaults stay);
 * unknown columns are warned about and skipped; a row with more values
 * than columns (an unquoted comma) is refused, not shifted. */
static void test_too_few_fields_and_unknown_column(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;
	char *state_default;
	mp_record *r = mp_record_new(&mp_groups, &f->cfg);

	state_default = strdup(r->v[G_STATE]);
	mp_record_free(r);
	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,颜色,  Community  ,备注,状态\n"
	        "戊队,红\n"
	        "己队,蓝,幸福社区,备注,活跃,多余\n"
	        "庚队,蓝,幸福社区,备注,活跃,,  \n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.refused, 1);
	assert_non_null(find_msg(&res, MP_IMPORT_WARN, 1, "“颜色”: unknown column"));
	assert_non_null(find_msg(&res, MP_IMPORT_REFUSED, 3, "6 values"));
	assert_non_null(find_msg(&res, MP_IMPORT_REFUSED, 3, "double quotes"));
	assert_int_equal(count_kind(&res, MP_IMPORT_WARN), 1);
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 0);
	/* Empty cells past the header are no values: that row goes in. */
	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,颜色,  Community  ,备注,状态\n"
	        "戊队,红\n"
	        "己队,蓝,幸福社区,备注,活跃\n"
	        "庚队,蓝,幸福社区,备注,活跃,,  \n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 3);
	mp_import_result_free(&res);
	assert_group_value(f, "戊队", G_NOTES, "");
	assert_group_value(f, "戊队", G_COMMUNITY, "");
	assert_group_value(f, "戊队", G_STATE, state_default);
	assert_group_value(f, "己队", G_COMMUNITY, "幸福社区");
	assert_group_value(f, "己队", G_NOTES, "备注");
	free(state_default);
}

/* One bad row: every problem with its line and field, nothing written. */
static void test_all_or_nothing(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	const mp_import_msg *m;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,登记状态,统一社会信用代码,成立日期\n"
	        "甲队,登记," USCC_OK ",2020-01-02\n"
	        "乙队,未登记,,\n"
	        "丙队,登记,91350100M000100Y44,2020-02-30\n", 0, &res, &e),
	        MP_EINVAL);
	assert_int_equal(res.refused, 1);
	assert_int_equal(res.added, 2);
	assert_false(res.written);
	m = find_msg(&res, MP_IMPORT_REFUSED, 4, "统一社会信用代码");
	if (!m)
		m = find_msg(&res, MP_IMPORT_REFUSED, 4, "USCC");
	assert_non_null(m);
	assert_int_equal(m->field, G_USCC);
	m = find_msg(&res, MP_IMPORT_REFUSED, 4, "line 4: ");
	assert_non_null(m);
	/* The date is reported too, not only the first problem. */
	assert_int_equal(count_kind(&res, MP_IMPORT_REFUSED), 2);
	assert_non_null(strstr(e.msg, "nothing was imported"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 0);

	/* Fixed, the same file goes in whole. */
	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,登记状态,统一社会信用代码,成立日期\n"
	        "甲队,登记," USCC_OK ",2020-01-02\n"
	        "乙队,未登记,,\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_true(res.written);
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 2);
	assert_group_value(f, "甲队", G_USCC, USCC_OK);
}

/* Same name in the same community, same USCC, same ID number: skipped,
 * also when the file itself holds the record twice. */
static void test_duplicates_skipped(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	mp_fx_add_group(f, "阳光队");
	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,所属社区(村),登记状态,统一社会信用代码\n"
	        "阳光队,幸福社区,,\n"
	        "新队,幸福社区,,\n"
	        "新队,幸福社区,,\n"
	        "阳光队,和平社区,,\n"
	        "甲队,和平社区,登记," USCC_OK "\n"
	        "乙队,和平社区,登记," USCC_OK "\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 3);
	assert_int_equal(res.skipped, 3);
	assert_int_equal(res.refused, 0);
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 2, "skipped"));
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 4, "skipped"));
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 7, "skipped"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 4);

	mp_fx_add_volunteer(f, "王芳", ID_1, "V001");
	assert_int_equal(import_str(f, &mp_volunteers,
	        "姓名,证件类型,证件号码,志愿者编号\n"
	        "王芳芳,居民身份证," ID_1 ",V002\n"
	        "李四,居民身份证,350102198001011233,V003\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.skipped, 1);
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 2, "skipped"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "volunteers"), 2);
}

/* A dry run lists what would be added and writes nothing. */
static void test_dry_run(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups,
	        "Name,Community\n甲队,幸福社区\n乙队,幸福社区\n", 1, &res, &e),
	        MP_OK);
	assert_int_equal(res.added, 2);
	assert_false(res.written);
	assert_non_null(find_msg(&res, MP_IMPORT_ADD, 2, "甲队"));
	assert_non_null(find_msg(&res, MP_IMPORT_ADD, 3, "乙队"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 0);
}

static mp_record *full_group(struct mp_fx *f, const char *name,
                             const char *legal, const char *uscc)
{
	mp_record *r = mp_record_new(&mp_groups, &f->cfg);

	mp_record_set(r, G_NAME, name);
	mp_record_set(r, G_SHORT, "简");
	mp_record_set(r, G_CATEGORY, "公益慈善类");
	mp_record_set(r, G_LEGAL, legal);
	mp_record_set(r, G_USCC, uscc);
	mp_record_set(r, G_FILING, *uscc ? "" : "幸福备〔2021〕007号");
	mp_record_set(r, G_TOWNSHIP, "幸福街道");
	mp_record_set(r, G_COMMUNITY, "幸福社区");
	mp_record_set(r, G_KIND, "普通");
	mp_record_set(r, G_GRADE, "无");
	mp_record_set(r, G_STAGE, "成长期");
	mp_record_set(r, G_FOUNDED, "2021-03-05");
	mp_record_set(r, G_LEADER, "张桂芳");
	mp_record_set(r, G_PHONE, "13812345678");
	mp_record_set(r, G_MEMBERS, "36");
	mp_record_set(r, G_OBSERVATION, "无");
	mp_record_set(r, G_STATE, "活跃");
	mp_record_set(r, G_ADDRESS, "幸福路 1 号, 二楼");
	mp_record_set(r, G_NOTES, "每周六活动\n\"敬老\"为主");
	return r;
}

/* What export writes, import reads back into an empty ledger to the same
 * records; read back into the ledger it came from, every row is known by
 * its UUID. */
static void test_round_trip(void **state)
{
	struct mp_fx *f = *state, g = { 0 };
	mp_import_result res;
	mp_record *a, *b;
	FILE *tmp = tmpfile();
	long n = 0;
	int64_t id;
	int i;
	mp_err e;

	mp_fx_save_free(f, full_group(f, "甲队", "登记", USCC_OK));
	mp_fx_save_free(f, full_group(f, "乙队, 二", "备案", ""));
	mp_fx_save_free(f, full_group(f, "丙队", "未登记", ""));
	assert_non_null(tmp);
	assert_int_equal(mp_export_csv(f->db, &mp_groups, tmp, &n, &e), MP_OK);
	assert_int_equal(n, 3);

	assert_int_equal(mp_fx_open(&g), 0);
	rewind(tmp);
	assert_int_equal(mp_import_csv(g.db, &g.cfg, &mp_groups, tmp, 0, &res, &e),
	                 MP_OK);
	assert_int_equal(res.added, 3);
	assert_int_equal(res.nmsgs, 0);
	mp_import_result_free(&res);
	for (id = 1; id <= 3; id++) {
		assert_int_equal(mp_record_load(f->db, &mp_groups, id, &a, &e), MP_OK);
		assert_int_equal(mp_record_load(g.db, &mp_groups, id, &b, &e), MP_OK);
		for (i = 0; i < mp_groups.nfields; i++)
			assert_string_equal(a->v[i], b->v[i]);
		assert_true(mp_record_equal(a, b));
		mp_record_free(a);
		mp_record_free(b);
	}
	assert_int_equal(mp_fx_close(&g), 0);

	rewind(tmp);
	assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_groups, tmp, 0, &res, &e),
	                 MP_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 3);
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 2, "UUID"));
	mp_import_result_free(&res);
	fclose(tmp);
	assert_int_equal(live(f, "groups"), 3);
}

/* The UUID and times a file carries are kept; a malformed one refuses
 * the row; a UUID twice in the file is a duplicate the second time. */
static void test_uuid_and_times(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	mp_record *r;
	mp_err e;

	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,UUID,创建时间,更新时间\n"
	        "甲队,0b3a5a8d-4509-452d-88dc-1ef8bd8d1b84,2024-01-02 03:04:05,2024-02-03 04:05:06\n"
	        "乙队,not-a-uuid,,\n"
	        "丙队,,2024-13,\n"
	        "丁队,0b3a5a8d-4509-452d-88dc-1ef8bd8d1b84,,\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.refused, 2);
	assert_int_equal(res.skipped, 1);
	assert_non_null(find_msg(&res, MP_IMPORT_REFUSED, 3, "not-a-uuid"));
	assert_non_null(find_msg(&res, MP_IMPORT_REFUSED, 4, "2024-13"));
	assert_non_null(find_msg(&res, MP_IMPORT_DUP, 5, "UUID"));
	mp_import_result_free(&res);
	assert_int_equal(live(f, "groups"), 0);

	assert_int_equal(import_str(f, &mp_groups,
	        "组织名称,UUID,创建时间,更新时间\n"
	        "甲队,0b3a5a8d-4509-452d-88dc-1ef8bd8d1b84,2024-01-02 03:04:05,2024-02-03 04:05:06\n"
	        "乙队,,,\n", 0, &res, &e), MP_OK);
	mp_import_result_free(&res);
	assert_int_equal(mp_record_find_uuid(f->db, &mp_groups,
	                 "0b3a5a8d-4509-452d-88dc-1ef8bd8d1b84", &r, &e), MP_OK);
	assert_string_equal(r->v[G_NAME], "甲队");
	assert_string_equal(r->created, "2024-01-02 03:04:05");
	assert_string_equal(r->updated, "2024-02-03 04:05:06");
	mp_record_free(r);
	/* Without them: a new UUID, and now. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE name = '乙队'"
	                               " AND length(uuid) = 36 AND created_at > '2025'"), 1);
}

/* The volunteer form's checks, each on its row and field: the ID
 * number's check character, a birth date against the number, the phone,
 * a choice; nothing written. */
static void test_volunteer_checks(void **state)
{
	struct mp_fx *f = *state;
	mp_import_result res;
	const mp_import_msg *m;
	mp_err e;

	assert_int_equal(import_str(f, &mp_volunteers,
	        "姓名,性别,出生日期,证件类型,证件号码,联系电话\n"
	        "甲,,,居民身份证,350102199006150019,\n"
	        "乙,,1991-01-01,居民身份证," ID_1 ",\n"
	        "丙,,,居民身份证,350102198001011233,电话没有\n"
	        "丁,不知道,,居民身份证,110105198512030027,\n"
	        "戊,,,,,13812345678\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 4);
	assert_int_equal(res.added, 1);
	m = find_msg(&res, MP_IMPORT_REFUSED, 2, "line 2: ");
	assert_non_null(m);
	assert_int_equal(m->field, V_ID_NO);
	m = find_msg(&res, MP_IMPORT_REFUSED, 3, "line 3: ");
	assert_non_null(m);
	assert_int_equal(m->field, V_BIRTH);
	m = find_msg(&res, MP_IMPORT_REFUSED, 4, "line 4: ");
	assert_non_null(m);
	assert_int_equal(m->field, V_PHONE);
	m = find_msg(&res, MP_IMPORT_REFUSED, 5, "line 5: ");
	assert_non_null(m);
	assert_int_equal(m->field, V_GENDER);
	mp_import_result_free(&res);
	assert_int_equal(live(f, "volunteers"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bom_and_no_bom, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_gb18030, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_quoted_and_blank_lines, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_header_only_and_empty, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_too_few_fields_and_unknown_column, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_skipped, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_uuid_and_times, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_volunteer_checks, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
