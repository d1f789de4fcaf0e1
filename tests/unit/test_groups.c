/* test_groups.c — groups: every check, storing, the recycle bin. */
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
#include "mp_check.h"
#include "mp_config.h"
#include "mp_activity.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define USCC_OK "91350100M000100Y43"

/* Check r and expect it to fail on field with code, the message starting
 * with the field's label and containing words. */
static void expect_fail(struct mp_fx *f, mp_record *r, int code, int field, const char *words)
{
	const char *label = mp_field_label(&mp_groups.fields[field]);
	mp_err e;

	assert_int_equal(mp_record_check(f->db, &f->cfg, r, &e), code);
	assert_int_equal(e.code, code);
	assert_int_equal(e.field, field);
	if (strncmp(e.msg, label, strlen(label)) || !strstr(e.msg, words))
		fail_msg("message “%s” should start with “%s” and say “%s”", e.msg, label, words);
}

static void expect_ok(struct mp_fx *f, mp_record *r)
{
	mp_err e;

	if (mp_record_check(f->db, &f->cfg, r, &e) != MP_OK)
		fail_msg("unexpected failure: %s", e.msg);
}

/* ---- the table ---- */

static void test_table(void **state)
{
	(void)state;
	assert_int_equal(mp_groups.nfields, G__COUNT);
	assert_string_equal(mp_groups.fields[G_NAME].col, "name");
	assert_string_equal(mp_groups.fields[G_USCC].label_zh, "统一社会信用代码");
	assert_string_equal(mp_groups.fields[G_NOTES].col, "notes");
	assert_ptr_equal(mp_table_by_name("groups"), &mp_groups);
	assert_null(mp_table_by_name("volunteers_nope"));
	assert_int_equal(mp_table_field(&mp_groups, "组织名称"), G_NAME);
	assert_int_equal(mp_table_field(&mp_groups, " name "), G_NAME);
	assert_int_equal(mp_table_field(&mp_groups, "Credit code (USCC)"), G_USCC);
	assert_int_equal(mp_table_field(&mp_groups, "所属社区(村)\xe3\x80\x80"), G_COMMUNITY);
	assert_int_equal(mp_table_field(&mp_groups, "members"), G_MEMBERS);
	assert_int_equal(mp_table_field(&mp_groups, "出壳日期"), G_MOVED_OUT);
	assert_int_equal(mp_table_field(&mp_groups, "成员"), -1);
	assert_int_equal(mp_groups.nsorts, 2);
	assert_string_equal(mp_groups.sorts[1].col, "id");
	assert_int_equal(mp_groups.sorts[1].desc, 1);
}

static void test_defaults(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;

	free(f->cfg.township);
	f->cfg.township = mp_strdup("城关镇");
	r = mp_record_new(&mp_groups, &f->cfg);
	assert_int_equal(r->id, 0);
	assert_string_equal(r->uuid, "");
	assert_string_equal(r->v[G_NAME], "");
	assert_string_equal(r->v[G_LEGAL], "未登记");
	assert_string_equal(r->v[G_KIND], "普通");
	assert_string_equal(r->v[G_GRADE], "无");
	assert_string_equal(r->v[G_STAGE], "萌芽期");
	assert_string_equal(r->v[G_OBSERVATION], "无");
	assert_string_equal(r->v[G_STATE], "活跃");
	assert_string_equal(r->v[G_INCUBATED], "否");
	assert_string_equal(r->v[G_TOWNSHIP], "城关镇");
	mp_record_free(r);
}

/* ---- checks of single fields ---- */

static void test_name_required(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "", "");

	expect_fail(f, r, MP_EINVAL, G_NAME, "required");
	mp_record_set(r, G_NAME, " \xe3\x80\x80 ");   /* spaces, ideographic too */
	expect_fail(f, r, MP_EINVAL, G_NAME, "required");
	mp_record_set(r, G_NAME, "\xe3\x80\x80夕阳红舞蹈队 ");
	expect_ok(f, r);
	assert_string_equal(r->v[G_NAME], "夕阳红舞蹈队");
	mp_record_free(r);
}

static void test_uscc_required_when_registered(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "邻里互助会", "");

	mp_record_set(r, G_LEGAL, "登记");
	expect_fail(f, r, MP_EINVAL, G_USCC, "登记");
	mp_record_set(r, G_USCC, USCC_OK);
	expect_ok(f, r);
	/* Filed (备案) groups need no code. */
	mp_record_set(r, G_LEGAL, "备案");
	mp_record_set(r, G_USCC, "");
	expect_ok(f, r);
	mp_record_free(r);
}

static void test_uscc_checks(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "邻里互助会", "");
	char code[19], bad[19], msg[8];
	char right;

	/* A valid code typed in lower case is stored in upper case. */
	mp_record_set(r, G_USCC, "91350100m000100y43");
	expect_ok(f, r);
	assert_string_equal(r->v[G_USCC], USCC_OK);

	/* Full-width, as an input method types it. */
	mp_record_set(r, G_USCC, "９１３５０１００Ｍ０００１００Ｙ４３");
	expect_ok(f, r);
	assert_string_equal(r->v[G_USCC], USCC_OK);

	/* Wrong check character: the message gives the right one. */
	memcpy(code, "51350100MJ0010064", 17);
	right = mp_uscc_check_char(code);
	assert_true(right != 0);
	code[17] = right;
	code[18] = '\0';
	mp_record_set(r, G_USCC, code);
	expect_ok(f, r);
	memcpy(bad, code, sizeof bad);
	bad[17] = right == '0' ? '1' : '0';
	mp_record_set(r, G_USCC, bad);
	snprintf(msg, sizeof msg, "be %c", right);
	expect_fail(f, r, MP_EINVAL, G_USCC, msg);

	mp_record_set(r, G_USCC, "91350100M000100Y42");
	expect_fail(f, r, MP_EINVAL, G_USCC, "should be 3");

	/* Length, counted in characters. */
	mp_record_set(r, G_USCC, "9135010");
	expect_fail(f, r, MP_EINVAL, G_USCC, "it has 7");
	mp_record_set(r, G_USCC, USCC_OK "1");
	expect_fail(f, r, MP_EINVAL, G_USCC, "it has 19");

	/* Letters that never appear, named in the message. */
	mp_record_set(r, G_USCC, "9135010OM000100Y43");
	expect_fail(f, r, MP_EINVAL, G_USCC, "“O”");
	mp_record_set(r, G_USCC, "9135010中M000100Y43");
	expect_fail(f, r, MP_EINVAL, G_USCC, "“中”");
	mp_record_free(r);
}

static void test_dates(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");

	mp_record_set(r, G_FOUNDED, "2023-02-29");
	expect_fail(f, r, MP_EINVAL, G_FOUNDED, "2023-02-29 does not exist");
	mp_record_set(r, G_FOUNDED, "2024-02-29");
	expect_ok(f, r);
	assert_string_equal(r->v[G_FOUNDED], "2024-02-29");

	mp_record_set(r, G_MOVED_IN, "2024/3/5");
	expect_ok(f, r);
	assert_string_equal(r->v[G_MOVED_IN], "2024-03-05");
	mp_record_set(r, G_MOVED_IN, "2024年03月05日");   /* 11 characters */
	expect_ok(f, r);
	assert_string_equal(r->v[G_MOVED_IN], "2024-03-05");
	mp_record_set(r, G_MOVED_IN, "上个月");
	expect_fail(f, r, MP_EINVAL, G_MOVED_IN, "not a date");

	/* Moving out before moving in. */
	mp_record_set(r, G_MOVED_IN, "2024-03-05");
	mp_record_set(r, G_MOVED_OUT, "2024-03-04");
	expect_fail(f, r, MP_EINVAL, G_MOVED_OUT, "2024-03-04");
	mp_record_set(r, G_MOVED_OUT, "2025-03-05");
	expect_ok(f, r);
	mp_record_free(r);
}

static void test_founded_not_in_future(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");

	setenv("MIAOPU_TODAY", "2024-06-01", 1);
	mp_record_set(r, G_FOUNDED, "2024-06-02");
	expect_fail(f, r, MP_EINVAL, G_FOUNDED, "future");
	mp_record_set(r, G_FOUNDED, "2024-06-01");
	expect_ok(f, r);
	/* A planned move-in date may be ahead. */
	mp_record_set(r, G_MOVED_IN, "2024-09-01");
	expect_ok(f, r);
	mp_record_free(r);
}

static void test_members(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");

	mp_record_set(r, G_MEMBERS, "-1");
	expect_fail(f, r, MP_EINVAL, G_MEMBERS, "whole number");
	mp_record_set(r, G_MEMBERS, "abc");
	expect_fail(f, r, MP_EINVAL, G_MEMBERS, "whole number");
	mp_record_set(r, G_MEMBERS, "3.5");
	expect_fail(f, r, MP_EINVAL, G_MEMBERS, "whole number");
	mp_record_set(r, G_MEMBERS, " 012 ");
	expect_ok(f, r);
	assert_string_equal(r->v[G_MEMBERS], "12");
	mp_record_set(r, G_MEMBERS, "０");
	expect_ok(f, r);
	assert_string_equal(r->v[G_MEMBERS], "0");
	mp_record_free(r);
}

static void test_choices(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");

	mp_record_set(r, G_CATEGORY, "体育类");
	expect_fail(f, r, MP_EINVAL, G_CATEGORY, "“体育类” is not one of the choices");
	mp_record_set(r, G_CATEGORY, "文体活动类");
	expect_ok(f, r);
	mp_record_set(r, G_GRADE, "6A");
	expect_fail(f, r, MP_EINVAL, G_GRADE, "not one of the choices");
	mp_record_set(r, G_GRADE, "5A");
	mp_record_set(r, G_INCUBATED, "yes");
	expect_fail(f, r, MP_EINVAL, G_INCUBATED, "not one of the choices");
	mp_record_set(r, G_INCUBATED, "是");
	expect_ok(f, r);
	mp_record_free(r);
}

static void test_community_free_text_or_list(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "幸福里社区");

	/* No communities in the settings: anything goes. */
	assert_int_equal(mp_config_choices(&f->cfg, MP_CH_COMMUNITY)->n, 0);
	expect_ok(f, r);

	mp_strlist_add(&f->cfg.choices[MP_CH_COMMUNITY], "和平社区");
	mp_strlist_add(&f->cfg.choices[MP_CH_COMMUNITY], "幸福里社区");
	expect_ok(f, r);
	mp_record_set(r, G_COMMUNITY, "别的村");
	expect_fail(f, r, MP_EINVAL, G_COMMUNITY, "别的村");
	mp_record_free(r);
}

static void test_phone(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");

	mp_record_set(r, G_PHONE, "找王老师");
	expect_fail(f, r, MP_EINVAL, G_PHONE, "not a phone number");
	mp_record_set(r, G_PHONE, "0591-87654321");
	expect_ok(f, r);
	mp_record_set(r, G_PHONE, "13800138000");
	expect_ok(f, r);
	mp_record_free(r);
}

static void test_too_long(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "");
	char name[61 * 3 + 1] = "";
	int i;

	for (i = 0; i < 61; i++)
		strcat(name, "字");
	mp_record_set(r, G_NAME, name);
	expect_fail(f, r, MP_EINVAL, G_NAME, "61");
	name[60 * 3] = '\0';   /* 60 characters are fine */
	mp_record_set(r, G_NAME, name);
	expect_ok(f, r);
	mp_record_free(r);
}

/* ---- against other records ---- */

static void test_name_unique_within_community(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a = mp_fx_group(f, "夕阳红舞蹈队", "幸福里社区");
	mp_record *b = mp_fx_group(f, "夕阳红舞蹈队", "幸福里社区");
	mp_record *c = mp_fx_group(f, "夕阳红舞蹈队", "和平社区");
	mp_err e;
	int64_t ida;

	ida = mp_fx_save(f, a);
	expect_fail(f, b, MP_EDUP, G_NAME, "幸福里社区");
	assert_int_equal(mp_record_save(f->db, &f->cfg, b, &e), MP_EDUP);
	assert_non_null(strstr(e.msg, "夕阳红舞蹈队"));
	assert_int_equal(b->id, 0);

	/* Another community may have a group of the same name. */
	mp_fx_save(f, c);

	/* Saving a itself again is no clash. */
	mp_record_set(a, G_LEADER, "李阿姨");
	mp_fx_save(f, a);

	/* A deleted one does not count... */
	assert_int_equal(mp_record_delete(f->db, &mp_groups, ida, &e), MP_OK);
	mp_fx_save(f, b);

	/* ...and cannot come back while b has its name. */
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_groups, ida, &e), MP_EDUP);
	assert_int_equal(e.field, G_NAME);
	assert_non_null(strstr(e.msg, "夕阳红舞蹈队"));
	{
		mp_record *back;
		assert_int_equal(mp_record_load(f->db, &mp_groups, ida, &back, &e), MP_OK);
		assert_string_not_equal(back->deleted, "");
		mp_record_free(back);
	}
	mp_record_free(a);
	mp_record_free(b);
	mp_record_free(c);
}

static void test_name_unique_without_community(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a = mp_fx_group(f, "读书会", "");
	mp_record *b = mp_fx_group(f, "读书会", " ");

	mp_fx_save(f, a);
	expect_fail(f, b, MP_EDUP, G_NAME, "读书会");
	mp_record_free(a);
	mp_record_free(b);
}

static void test_uscc_unique(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a = mp_fx_group(f, "邻里互助会", "和平社区");
	mp_record *b = mp_fx_group(f, "爱心妈妈团", "和平社区");

	mp_record_set(a, G_USCC, USCC_OK);
	mp_fx_save(f, a);
	mp_record_set(b, G_USCC, "91350100m000100y43");
	expect_fail(f, b, MP_EDUP, G_USCC, "邻里互助会");
	mp_record_free(a);
	mp_record_free(b);
}

/* ---- storing ---- */

static void test_save_and_load(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "夕阳红舞蹈队", "幸福里社区"), *back;
	char q[128];
	mp_err e;
	int64_t id;

	mp_record_set(r, G_MEMBERS, "35");
	mp_record_set(r, G_FOUNDED, "2019.5.1");
	mp_record_set(r, G_NOTES, "每周二、四晚在广场排练");
	id = mp_fx_save(f, r);
	assert_true(id > 0);
	assert_int_equal(strlen(r->uuid), 36);
	assert_int_equal(strlen(r->created), 19);
	assert_string_equal(r->created, r->updated);
	assert_string_equal(r->v[G_FOUNDED], "2019-05-01");

	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &back, &e), MP_OK);
	assert_true(mp_record_equal(r, back));
	assert_string_equal(back->uuid, r->uuid);
	assert_string_equal(back->deleted, "");
	mp_record_free(back);

	assert_int_equal(mp_record_find_uuid(f->db, &mp_groups, r->uuid, &back, &e), MP_OK);
	assert_int_equal(back->id, id);
	mp_record_free(back);
	assert_int_equal(mp_record_find_uuid(f->db, &mp_groups, "00000000-0000-4000-8000-000000000000", &back, &e),
	                 MP_ENOTFOUND);
	assert_null(back);

	/* Counts are stored as numbers, empty values as NULL. */
	snprintf(q, sizeof q, "SELECT typeof(members) = 'integer' AND short_name IS NULL FROM groups WHERE id = %lld",
	         (long long)id);
	assert_int_equal(mp_fx_sql_int(f, q), 1);
	mp_record_free(r);
}

static void test_update_changes_updated_only(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", ""), *back;
	mp_err e;
	int64_t id = mp_fx_save(f, r);
	char uuid[37];

	memcpy(uuid, r->uuid, sizeof uuid);
	assert_int_equal(sqlite3_exec(f->db->h, "UPDATE groups SET created_at = '2020-01-01 08:00:00',"
	                              " updated_at = '2020-01-01 08:00:00'", NULL, NULL, NULL), SQLITE_OK);
	mp_record_free(r);
	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &r, &e), MP_OK);
	mp_record_set(r, G_LEADER, "张老师");
	mp_fx_save(f, r);
	assert_int_equal(r->id, id);

	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &back, &e), MP_OK);
	assert_string_equal(back->v[G_LEADER], "张老师");
	assert_string_equal(back->created, "2020-01-01 08:00:00");
	assert_true(strcmp(back->updated, "2020-01-01 08:00:00") > 0);
	assert_string_equal(back->uuid, uuid);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 1);
	mp_record_free(back);
	mp_record_free(r);
}

static void test_failed_save_keeps_typing(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", "和平社区"), *typed;
	sqlite3 *other;
	mp_err e;

	mp_record_set(r, G_LEADER, "王大姐");
	mp_record_set(r, G_FOUNDED, "2023-02-29");
	mp_record_set(r, G_NOTES, "第一次见面在社区活动室");
	typed = mp_record_dup(r);

	/* A check fails: nothing changes, nothing written. */
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, G_FOUNDED);
	assert_true(mp_record_equal(r, typed));
	assert_int_equal(r->id, 0);
	assert_string_equal(r->uuid, "");
	assert_string_equal(r->created, "");

	/* The database fails after the checks passed (another program holds
	 * the write lock): the record is still exactly as typed. */
	mp_record_set(r, G_FOUNDED, "2023-02-28");
	mp_record_free(typed);
	typed = mp_record_dup(r);
	assert_int_equal(sqlite3_open(mp_db_path(f->db), &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(f->db->h, 50);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EBUSY);
	assert_true(mp_record_equal(r, typed));
	assert_int_equal(r->id, 0);
	assert_string_equal(r->uuid, "");
	assert_string_equal(r->created, "");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);

	/* And it saves once the lock is gone. */
	mp_fx_save(f, r);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 1);
	mp_record_free(typed);
	mp_record_free(r);
}

static void test_bin(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "书画社", ""), *back;
	mp_err e;
	int64_t id = mp_fx_save(f, r);

	/* Purging a live record is refused. */
	assert_int_equal(mp_record_purge(f->db, &mp_groups, id, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "recycle bin first"));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 1);

	assert_int_equal(mp_record_delete(f->db, &mp_groups, id, &e), MP_OK);
	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &back, &e), MP_OK);
	assert_int_equal(strlen(back->deleted), 19);
	assert_string_equal(back->deleted, back->updated);
	mp_record_free(back);

	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_groups, id, &e), MP_OK);
	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &back, &e), MP_OK);
	assert_string_equal(back->deleted, "");
	mp_record_free(back);

	assert_int_equal(mp_record_delete(f->db, &mp_groups, id, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_groups, id, &e), MP_OK);
	assert_int_equal(mp_record_load(f->db, &mp_groups, id, &back, &e), MP_ENOTFOUND);
	assert_null(back);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 0);
	assert_int_equal(mp_record_delete(f->db, &mp_groups, id, &e), MP_ENOTFOUND);
	mp_record_free(r);
}

static void test_dup_and_equal(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a = mp_fx_group(f, "书画社", "和平社区"), *b;

	b = mp_record_dup(a);
	assert_true(mp_record_equal(a, b));
	mp_record_set(b, G_NOTES, "x");
	assert_false(mp_record_equal(a, b));
	mp_record_set(b, G_NOTES, NULL);
	assert_true(mp_record_equal(a, b));
	mp_record_free(a);
	mp_record_free(b);
}

static long count_live(struct mp_fx *f)
{
	return mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE deleted_at IS NULL");
}

/* Saves nest in an outer transaction: a refused save inside it undoes only
 * itself, and the outer rollback undoes everything (all or nothing). */
static void test_batch_all_or_nothing(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a = mp_fx_group(f, "邻里互助会", "幸福社区");
	mp_record *b = mp_fx_group(f, "邻里互助会", "幸福社区");  /* duplicate of a */
	mp_record *c = mp_fx_group(f, "社区书画社", "幸福社区");
	mp_err e;

	assert_int_equal(mp_db_begin(f->db, &e), MP_OK);
	assert_int_equal(mp_record_save(f->db, &f->cfg, a, &e), MP_OK);
	assert_int_equal(mp_record_save(f->db, &f->cfg, b, &e), MP_EDUP);
	assert_int_equal(count_live(f), 1);
	mp_db_rollback(f->db);
	assert_int_equal(count_live(f), 0);

	mp_record_free(a);
	a = mp_fx_group(f, "邻里互助会", "幸福社区");
	assert_int_equal(mp_db_begin(f->db, &e), MP_OK);
	assert_int_equal(mp_record_save(f->db, &f->cfg, a, &e), MP_OK);
	assert_int_equal(mp_record_save(f->db, &f->cfg, c, &e), MP_OK);
	assert_int_equal(mp_db_commit(f->db, &e), MP_OK);
	assert_int_equal(count_live(f), 2);
	assert_true(sqlite3_get_autocommit(f->db->h));
	mp_record_free(a);
	mp_record_free(b);
	mp_record_free(c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, mp_fx_setup, mp_fx_teardown)

/* The group's screen: its members, activities and service records are
 * its children, and its figures line sums its volunteers' hours that
 * count. */
static void test_children_and_summary(void **state)
{
	struct mp_fx *f = *state;
	mp_record *g = mp_fx_group(f, "夕阳红志愿队", ""), *v[2], *h[3];
	const char *names[2] = { "张三", "李四" };
	const char *ids[2] = { "350102199006150018", "350102198001011233" };
	char buf[256];
	int i;

	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	mp_fx_save(f, g);
	mp_groups.summary(f->db, g, buf, sizeof buf);
	/* The stage's timeline first (stages.c). */
	assert_string_equal(buf, "萌芽期 2024-05 · Service hours of its volunteers: 0 (0 volunteers)");
	for (i = 0; i < 2; i++) {
		v[i] = mp_record_new(&mp_volunteers, &f->cfg);
		mp_record_set(v[i], V_NAME, names[i]);
		mp_record_set(v[i], V_ID_NO, ids[i]);
		mp_fx_save(f, v[i]);
	}
	for (i = 0; i < 3; i++) {
		h[i] = mp_record_new(&mp_hours, &f->cfg);
		mp_fx_set_id(h[i], H_VOLUNTEER, v[i % 2]->id);
		mp_fx_set_id(h[i], H_GROUP, g->id);
		mp_record_set(h[i], H_DATE, "2024-05-18");
		mp_record_set(h[i], H_HOURS, i == 2 ? "1.5" : "2");
		mp_fx_save(f, h[i]);
	}
	mp_groups.summary(f->db, g, buf, sizeof buf);
	assert_string_equal(buf, "萌芽期 2024-05 · Service hours of its volunteers: 5.5 (2 volunteers)");

	/* ... then trainings, people trained and visits (test_trainings.c),
	 * stays and incubation services (test_bases.c), then its changes of
	 * stage (test_stages.c). */
	assert_int_equal(mp_groups.nchildren, 9);
	assert_ptr_equal(mp_groups.children[0].t, &mp_memberships);
	assert_int_equal(mp_groups.children[0].parent_field, M_GROUP);
	assert_ptr_equal(mp_groups.children[1].t, &mp_activities);
	assert_int_equal(mp_groups.children[1].parent_field, ACT_GROUP);
	assert_ptr_equal(mp_groups.children[2].t, &mp_hours);
	assert_int_equal(mp_groups.children[2].parent_field, H_GROUP);
	/* Every child table points back to groups through its field. */
	for (i = 0; i < mp_groups.nchildren; i++) {
		const mp_child *c = &mp_groups.children[i];

		assert_int_equal(c->t->fields[c->parent_field].kind, MP_K_REF);
		assert_ptr_equal(c->t->fields[c->parent_field].ref, &mp_groups);
	}
	for (i = 0; i < 3; i++)
		mp_record_free(h[i]);
	for (i = 0; i < 2; i++)
		mp_record_free(v[i]);
	mp_record_free(g);
	unsetenv("MIAOPU_TODAY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		T(test_defaults),
		T(test_name_required),
		T(test_uscc_required_when_registered),
		T(test_uscc_checks),
		T(test_dates),
		T(test_founded_not_in_future),
		T(test_members),
		T(test_choices),
		T(test_community_free_text_or_list),
		T(test_phone),
		T(test_too_long),
		T(test_name_unique_within_community),
		T(test_name_unique_without_community),
		T(test_uscc_unique),
		T(test_save_and_load),
		T(test_update_changes_updated_only),
		T(test_failed_save_keeps_typing),
		T(test_bin),
		T(test_dup_and_equal),
		T(test_batch_all_or_nothing),
		T(test_children_and_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
