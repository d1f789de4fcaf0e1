/* test_volunteers.c — volunteers and memberships: ID numbers that are real
 * and registered once, likely duplicates, masking in lists and exports,
 * one membership per volunteer and group, references to live records. */
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
#include "mp_config.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_list.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

/* Resident ID numbers with correct check characters. */
#define ID_1990 "350102199006150018"   /* born 1990-06-15 */
#define ID_1980 "350102198001011233"   /* born 1980-01-01 */
#define ID_X "11010519491231002X"      /* born 1949-12-31, check X */

static int setup(void **state)
{
	int ret = mp_fx_setup(state);

	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	return ret;
}

static mp_record *volunteer(struct mp_fx *f, const char *name, const char *id_no)
{
	mp_record *r = mp_record_new(&mp_volunteers, &f->cfg);

	mp_record_set(r, V_NAME, name);
	mp_record_set(r, V_ID_NO, id_no);
	return r;
}

/* Save a new volunteer and return its id. */
static int64_t add(struct mp_fx *f, const char *name, const char *id_no,
                   const char *vol_no, const char *phone)
{
	mp_record *r = volunteer(f, name, id_no);

	mp_record_set(r, V_VOL_NO, vol_no);
	mp_record_set(r, V_PHONE, phone);
	return mp_fx_save_free(f, r);
}

static int64_t add_group(struct mp_fx *f, const char *name)
{
	mp_record *r = mp_record_new(&mp_groups, &f->cfg);

	mp_record_set(r, G_NAME, name);
	return mp_fx_save_free(f, r);
}

/* Saving r fails with code on field; the message starts with the field's
 * label and contains words. */
static void expect_save_fail(struct mp_fx *f, mp_record *r, int code, int field,
                             const char *words)
{
	const char *label = mp_field_label(&r->t->fields[field]);
	mp_err e;

	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), code);
	assert_int_equal(e.field, field);
	assert_int_equal(r->id, 0);
	if (strncmp(e.msg, label, strlen(label)) || !strstr(e.msg, words))
		fail_msg("message “%s” should start with “%s” and say “%s”", e.msg, label, words);
}

static void test_defaults(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_record_new(&mp_volunteers, &f->cfg);

	assert_string_equal(r->v[V_ID_TYPE], "居民身份证");
	assert_string_equal(r->v[V_STATE], "在册");
	assert_string_equal(r->v[V_REGISTERED], "2024-05-20");
	mp_record_free(r);
	r = mp_record_new(&mp_memberships, &f->cfg);
	assert_string_equal(r->v[M_ROLE], "成员");
	mp_record_free(r);
}

static void test_resident_id_valid(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "王芳", " " ID_1990 " "), *back = NULL;
	mp_err e;

	mp_fx_save(f, r);
	assert_true(r->id > 0);
	assert_string_equal(r->v[V_ID_NO], ID_1990);
	/* 出生日期 left empty is filled from the number. */
	assert_string_equal(r->v[V_BIRTH], "1990-06-15");
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, r->id, &back, &e), MP_OK);
	assert_string_equal(back->v[V_BIRTH], "1990-06-15");
	assert_string_equal(back->v[V_ID_NO], ID_1990);
	mp_record_free(back);
	mp_record_free(r);
}

static void test_resident_id_wrong_check_char(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "王芳", "350102199006150019");

	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "should be 8");
	/* Full-width digits as an input method types them are the same
	 * number, and checked the same way. */
	mp_record_set(r, V_ID_NO, "３５０１０２１９９００６１５００１９");
	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "should be 8");
	mp_record_free(r);
}

static void test_resident_id_lowercase_x(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "赵建国", "11010519491231002x"), *back = NULL;
	mp_err e;

	mp_fx_save(f, r);
	assert_string_equal(r->v[V_ID_NO], ID_X);
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, r->id, &back, &e), MP_OK);
	assert_string_equal(back->v[V_ID_NO], ID_X);
	assert_string_equal(back->v[V_BIRTH], "1949-12-31");
	mp_record_free(back);
	mp_record_free(r);
}

static void test_resident_id_impossible_birth_date(void **state)
{
	struct mp_fx *f = *state;
	/* 1990-02-30 does not exist; the check character is beside the point. */
	mp_record *r = volunteer(f, "王芳", "350102199002300012");

	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "19900230");
	/* Born in the future (2024-05-21 when today is 2024-05-20). */
	mp_record_set(r, V_ID_NO, "350102202405210010");
	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "20240521");
	mp_record_free(r);
}

static void test_resident_id_length_and_characters(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "王芳", "35010219900615001");

	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "17");
	mp_record_set(r, V_ID_NO, "35010219900615001A");
	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "X");
	mp_record_free(r);
}

static void test_birth_date_must_match(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "王芳", ID_1990);

	mp_record_set(r, V_BIRTH, "1990-6-16");
	expect_save_fail(f, r, MP_EINVAL, V_BIRTH, "1990-06-15");
	mp_record_set(r, V_BIRTH, "1990年6月15日");
	mp_fx_save(f, r);
	assert_string_equal(r->v[V_BIRTH], "1990-06-15");
	mp_record_free(r);
}

/* A number found valid is remembered (an import checks each number twice),
 * yet a record with that number and another date of birth, or a wrong
 * number right after it, is refused as ever. */
static void test_resident_id_remembered(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "王芳", ID_1990);

	mp_fx_save(f, r);
	assert_string_equal(r->v[V_BIRTH], "1990-06-15");
	mp_record_free(r);
	r = volunteer(f, "王芳芳", ID_1990);
	mp_record_set(r, V_BIRTH, "1990-06-16");
	expect_save_fail(f, r, MP_EINVAL, V_BIRTH, "1990-06-15");
	mp_record_set(r, V_ID_NO, "350102199006150019");
	expect_save_fail(f, r, MP_EINVAL, V_ID_NO, "should be 8");
	mp_record_set(r, V_ID_NO, ID_1980);
	mp_record_set(r, V_BIRTH, "");
	mp_fx_save(f, r);
	assert_string_equal(r->v[V_BIRTH], "1980-01-01");
	mp_record_free(r);
}

static void test_other_id_types_as_typed(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = volunteer(f, "Anna Schmidt", " c01x00t47 ");
	mp_record *o = volunteer(f, "陈晓", "H0123456(7)");

	mp_record_set(r, V_ID_TYPE, "护照");
	mp_fx_save(f, r);
	/* Upper-cased and trimmed only; no birth date is read from it. */
	assert_string_equal(r->v[V_ID_NO], "C01X00T47");
	assert_string_equal(r->v[V_BIRTH], "");
	mp_record_set(o, V_ID_TYPE, "港澳台居民居住证");
	mp_fx_save(f, o);
	assert_string_equal(o->v[V_ID_NO], "H0123456(7)");
	mp_record_free(r);
	mp_record_free(o);
}

static void test_duplicate_id_refused(void **state)
{
	struct mp_fx *f = *state;
	int64_t first = add(f, "张三", ID_1990, "V2024001", "");
	mp_record *r = volunteer(f, "李四", ID_1990);
	mp_err e;

	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.field, V_ID_NO);
	assert_int_equal(e.other_id, first);
	if (!strstr(e.msg, "张三") || !strstr(e.msg, "V2024001"))
		fail_msg("the message should name 张三 and V2024001: %s", e.msg);
	assert_int_equal(r->id, 0);
	/* Typed values kept: the birth date prepare filled is taken back. */
	assert_string_equal(r->v[V_BIRTH], "");
	/* Another ID type with the same number is the same number. */
	mp_record_set(r, V_ID_TYPE, "其他");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.other_id, first);

	/* With the first in the recycle bin the number is free ... */
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, first, &e), MP_OK);
	mp_record_set(r, V_ID_TYPE, "居民身份证");
	mp_fx_save(f, r);
	/* ... and the first cannot come back over the second. */
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_volunteers, first, &e), MP_EDUP);
	assert_int_equal(e.other_id, r->id);
	assert_non_null(strstr(e.msg, "李四"));
	mp_record_free(r);
}

static void test_duplicate_id_lowercase_x(void **state)
{
	struct mp_fx *f = *state;
	int64_t first = add(f, "赵建国", ID_X, "", "");
	mp_record *r = volunteer(f, "赵建", "11010519491231002x");
	mp_err e;

	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.other_id, first);
	assert_non_null(strstr(e.msg, "赵建国"));
	mp_record_free(r);
}

static void test_duplicate_volunteer_number(void **state)
{
	struct mp_fx *f = *state;
	int64_t first = add(f, "张三", ID_1990, "V2024001", "");
	mp_record *r = volunteer(f, "李四", ID_1980);
	mp_err e;

	mp_record_set(r, V_VOL_NO, "V2024001");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.field, V_VOL_NO);
	assert_int_equal(e.other_id, first);
	assert_non_null(strstr(e.msg, "张三"));
	mp_record_set(r, V_VOL_NO, "V2024002");
	mp_fx_save(f, r);
	/* Saving a volunteer again does not clash with itself. */
	mp_record_set(r, V_SKILLS, "书法");
	mp_fx_save(f, r);
	mp_record_free(r);
}

static void test_likely_duplicate_warning(void **state)
{
	struct mp_fx *f = *state;
	int64_t first = add(f, "刘洋", ID_1990, "", "13800138000");
	mp_record *r = volunteer(f, "刘洋", ID_1980);
	char msg[256];
	int64_t other = -1;

	mp_record_set(r, V_PHONE, "13800138000");
	assert_int_equal(mp_record_warn(f->db, &f->cfg, r, msg, sizeof msg, &other), 1);
	assert_int_equal(other, first);
	assert_non_null(strstr(msg, "刘洋"));
	/* The warning does not stop the save. */
	mp_fx_save(f, r);
	/* Another phone: not the same person as far as we can tell. */
	mp_record_set(r, V_PHONE, "13900139000");
	assert_int_equal(mp_record_warn(f->db, &f->cfg, r, msg, sizeof msg, &other), 0);
	assert_int_equal(other, 0);
	assert_string_equal(msg, "");
	mp_record_free(r);
}

static void test_mask(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(mp_mask("110105194912310021", buf, sizeof buf),
	                    "110105********0021");
	assert_string_equal(mp_mask(ID_X, buf, sizeof buf), "110105********002X");
	/* Counted in characters: a Chinese character is one '*', not three. */
	assert_string_equal(mp_mask("护照号码一二三四五六七", buf, sizeof buf),
	                    "护照号码一二*四五六七");
	assert_string_equal(mp_mask("C01X00T47", buf, sizeof buf), "*******47");
	assert_string_equal(mp_mask("", buf, sizeof buf), "");
	/* A buffer too small gets a cut mask, never the hidden digits. */
	assert_string_equal(mp_mask("110105194912310021", buf, 10), "110105***");
}

static void test_field_display(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = add_group(f, "夕阳红志愿队");
	int64_t v = add(f, "张三", ID_1990, "", "");
	mp_record *r = NULL, *m = mp_record_new(&mp_memberships, &f->cfg);
	char buf[128];
	mp_err e;

	assert_int_equal(mp_record_load(f->db, &mp_volunteers, v, &r, &e), MP_OK);
	assert_string_equal(mp_field_display(f->db, r, V_ID_NO, 1, buf, sizeof buf),
	                    "350102********0018");
	/* The form shows the whole number. */
	assert_string_equal(mp_field_display(f->db, r, V_ID_NO, 0, buf, sizeof buf), ID_1990);
	mp_fx_set_id(m, M_GROUP, g);
	assert_string_equal(mp_field_display(f->db, m, M_GROUP, 1, buf, sizeof buf),
	                    "夕阳红志愿队");
	mp_record_free(m);
	mp_record_free(r);
}

/* The list column of field in the rows of q, for the row of record id. */
static char *list_cell(mp_listq *q, const mp_table *t, int field, int64_t id)
{
	mp_row rows[16];
	char *found = NULL;
	int n = 0, i, col = 0;
	mp_err e;

	for (i = 0; i < field; i++)
		if (t->fields[i].flags & MP_F_LIST)
			col++;
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 16, rows, &n, &e), MP_OK);
	for (i = 0; i < n; i++)
		if (rows[i].key.id == id)
			found = mp_strdup(rows[i].cells[col]);
	mp_rows_clear(rows, n);
	return found;
}

static void test_list_masks_id_numbers(void **state)
{
	struct mp_fx *f = *state;
	int64_t v = add(f, "张三", ID_1990, "V1", ""), w;
	mp_listq *q = mp_listq_new(f->db, &mp_volunteers);
	mp_record *r = volunteer(f, "Anna", "护照号码一二三四五六七");
	char *c;

	mp_record_set(r, V_ID_TYPE, "其他");
	w = mp_fx_save(f, r);
	mp_record_free(r);
	c = list_cell(q, &mp_volunteers, V_ID_NO, v);
	assert_string_equal(c, "350102********0018");
	free(c);
	c = list_cell(q, &mp_volunteers, V_ID_NO, w);
	assert_string_equal(c, "护照号码一二*四五六七");
	free(c);
	/* Found by the whole number all the same. */
	mp_listq_set_search(q, ID_1990);
	c = list_cell(q, &mp_volunteers, V_NAME, v);
	assert_non_null(c);
	assert_string_equal(c, "张三");
	free(c);
	mp_listq_free(q);
}

static void test_export_masks_id_numbers(void **state)
{
	struct mp_fx *f = *state;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	long n = 0;
	mp_err e;

	add(f, "张三", ID_1990, "V1", "13800138000");
	add(f, "赵建国", ID_X, "V2", "");
	assert_non_null(out);
	assert_int_equal(mp_export_csv(f->db, &mp_volunteers, out, &n, &e), MP_OK);
	fclose(out);
	assert_int_equal(n, 2);
	assert_non_null(strstr(buf, "\"证件号码\""));
	assert_non_null(strstr(buf, "\"350102********0018\""));
	assert_non_null(strstr(buf, "\"110105********002X\""));
	assert_null(strstr(buf, ID_1990));
	assert_null(strstr(buf, ID_X));
	free(buf);
}

static mp_record *membership(struct mp_fx *f, int64_t v, int64_t g)
{
	mp_record *m = mp_record_new(&mp_memberships, &f->cfg);

	mp_fx_set_id(m, M_VOLUNTEER, v);
	mp_fx_set_id(m, M_GROUP, g);
	return m;
}

static void test_membership_unique(void **state)
{
	struct mp_fx *f = *state;
	int64_t v = add(f, "张三", ID_1990, "", "");
	int64_t g = add_group(f, "夕阳红志愿队"), g2 = add_group(f, "绿色家园");
	mp_record *m1 = membership(f, v, g), *m2 = membership(f, v, g);
	mp_record *m3 = membership(f, v, g2);
	mp_err e;

	mp_fx_save(f, m1);
	assert_int_equal(mp_record_save(f->db, &f->cfg, m2, &e), MP_EDUP);
	assert_int_equal(e.other_id, m1->id);
	if (!strstr(e.msg, "张三") || !strstr(e.msg, "夕阳红志愿队"))
		fail_msg("the message should name the volunteer and the group: %s", e.msg);
	/* The same volunteer in another group is fine. */
	mp_fx_save(f, m3);
	/* Left the group (to the bin): joining again is allowed. */
	assert_int_equal(mp_record_delete(f->db, &mp_memberships, m1->id, &e), MP_OK);
	mp_fx_save(f, m2);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_memberships, m1->id, &e), MP_EDUP);
	mp_record_free(m1);
	mp_record_free(m2);
	mp_record_free(m3);
}

static void test_membership_lists_by_parent(void **state)
{
	struct mp_fx *f = *state;
	int64_t v1 = add(f, "张三", ID_1990, "", ""), v2 = add(f, "李四", ID_1980, "", "");
	int64_t g = add_group(f, "夕阳红志愿队"), g2 = add_group(f, "绿色家园");
	mp_record *m[3] = { membership(f, v1, g), membership(f, v2, g), membership(f, v1, g2) };
	mp_listq *q = mp_listq_new(f->db, &mp_memberships);
	mp_row rows[8];
	char id[32];
	int n = 0, i;
	mp_err e;

	for (i = 0; i < 3; i++)
		mp_fx_save(f, m[i]);
	/* A group's members: filtered by the group's id, shown by name. */
	snprintf(id, sizeof id, "%lld", (long long)g);
	mp_listq_set_filter(q, M_GROUP, id);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		assert_string_equal(rows[i].cells[1], "夕阳红志愿队");
		assert_true(!strcmp(rows[i].cells[0], "张三") || !strcmp(rows[i].cells[0], "李四"));
	}
	mp_rows_clear(rows, n);
	/* Searched by the volunteer's name, one character is enough. */
	mp_listq_set_filter(q, M_GROUP, NULL);
	mp_listq_set_search(q, "李");
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].key.id, m[1]->id);
	mp_rows_clear(rows, n);
	mp_listq_set_search(q, "绿色");
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].key.id, m[2]->id);
	mp_rows_clear(rows, n);
	mp_listq_free(q);
	for (i = 0; i < 3; i++)
		mp_record_free(m[i]);
}

static void test_reference_to_missing_or_binned(void **state)
{
	struct mp_fx *f = *state;
	int64_t v = add(f, "张三", ID_1990, "", "");
	int64_t g = add_group(f, "夕阳红志愿队");
	mp_record *m = membership(f, v, 9999);
	mp_err e;

	expect_save_fail(f, m, MP_EINVAL, M_GROUP, "group");
	mp_record_set(m, M_GROUP, "abc");
	expect_save_fail(f, m, MP_EINVAL, M_GROUP, "group");
	mp_record_free(m);

	m = membership(f, v, g);
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, v, &e), MP_OK);
	expect_save_fail(f, m, MP_EINVAL, M_VOLUNTEER, "volunteer");
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_volunteers, v, &e), MP_OK);
	/* Ids are normalised: leading zeros name the same record. */
	{
		char id[32];

		snprintf(id, sizeof id, "00%lld", (long long)g);
		mp_record_set(m, M_GROUP, id);
	}
	mp_fx_save(f, m);
	assert_int_equal(strtoll(m->v[M_GROUP], NULL, 10), g);
	assert_true(m->v[M_GROUP][0] != '0');
	/* A membership cannot come back from the bin to a binned group. */
	assert_int_equal(mp_record_delete(f->db, &mp_memberships, m->id, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_groups, g, &e), MP_OK);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_memberships, m->id, &e), MP_EINVAL);
	assert_int_equal(e.field, M_GROUP);
	mp_record_free(m);
}

static void test_find(void **state)
{
	struct mp_fx *f = *state;
	int64_t a = add(f, "张三", ID_X, "V2024001", ""), id = 0;
	mp_err e;

	assert_int_equal(mp_volunteer_find(f->db, "V2024001", &id, &e), MP_OK);
	assert_int_equal(id, a);
	id = 0;
	assert_int_equal(mp_volunteer_find(f->db, " 11010519491231002x ", &id, &e), MP_OK);
	assert_int_equal(id, a);
	assert_int_equal(mp_volunteer_find(f->db, "V2024002", &id, &e), MP_ENOTFOUND);
	assert_int_equal(id, 0);
	assert_non_null(strstr(e.msg, "V2024002"));
	assert_int_equal(mp_volunteer_find(f->db, "", &id, &e), MP_ENOTFOUND);
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, a, &e), MP_OK);
	assert_int_equal(mp_volunteer_find(f->db, "V2024001", &id, &e), MP_ENOTFOUND);
}

/* The volunteer's screen: memberships and service records as children,
 * and hours in total and this year (records marked 否 never count). */
static void test_children_and_summary(void **state)
{
	struct mp_fx *f = *state;
	int64_t v = add(f, "张三", ID_1990, "", ""), g = add_group(f, "夕阳红志愿队");
	const char *dates[3] = { "2023-12-30", "2024-05-18", "2024-05-19" };
	const char *hours[3] = { "3", "2", "1.5" };
	const char *counts[3] = { "是", "是", "否" };
	mp_record *r = NULL;
	char buf[256];
	mp_err e;
	int i;

	assert_int_equal(mp_record_load(f->db, &mp_volunteers, v, &r, &e), MP_OK);
	for (i = 0; i < 3; i++) {
		mp_record *h = mp_record_new(&mp_hours, &f->cfg);

		mp_fx_set_id(h, H_VOLUNTEER, v);
		mp_fx_set_id(h, H_GROUP, g);
		mp_record_set(h, H_DATE, dates[i]);
		mp_record_set(h, H_HOURS, hours[i]);
		mp_record_set(h, H_COUNTS, counts[i]);
		mp_fx_save(f, h);
		mp_record_free(h);
	}
	mp_volunteers.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Service hours: 5 in total, 2 this year");
	/* ... then trainings attended (test_trainings.c). */
	assert_int_equal(mp_volunteers.nchildren, 3);
	assert_ptr_equal(mp_volunteers.children[0].t, &mp_memberships);
	assert_int_equal(mp_volunteers.children[0].parent_field, M_VOLUNTEER);
	assert_ptr_equal(mp_volunteers.children[1].t, &mp_hours);
	assert_int_equal(mp_volunteers.children[1].parent_field, H_VOLUNTEER);
	mp_record_free(r);
}

/* Purging a volunteer that a membership still names is refused with
 * words, and leaves both where they were. */
static void test_purge_referenced(void **state)
{
	struct mp_fx *f = *state;
	int64_t v = add(f, "张三", ID_1990, "", "");
	int64_t g = add_group(f, "夕阳红志愿队");
	mp_record *m = membership(f, v, g), *back = NULL;
	mp_err e;

	mp_fx_save(f, m);
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, v, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_volunteers, v, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "cannot be removed"));
	assert_non_null(strstr(e.msg, "volunteer"));
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, v, &back, &e), MP_OK);
	assert_true(back->deleted[0] != '\0');
	mp_record_free(back);
	/* Without the membership it goes. */
	assert_int_equal(mp_record_delete(f->db, &mp_memberships, m->id, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_memberships, m->id, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_volunteers, v, &e), MP_OK);
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, v, &back, &e), MP_ENOTFOUND);
	mp_record_free(m);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_resident_id_valid),
		T(test_resident_id_wrong_check_char),
		T(test_resident_id_lowercase_x),
		T(test_resident_id_impossible_birth_date),
		T(test_resident_id_length_and_characters),
		T(test_birth_date_must_match),
		T(test_resident_id_remembered),
		T(test_other_id_types_as_typed),
		T(test_duplicate_id_refused),
		T(test_duplicate_id_lowercase_x),
		T(test_duplicate_volunteer_number),
		T(test_likely_duplicate_warning),
		cmocka_unit_test(test_mask),
		T(test_field_display),
		T(test_list_masks_id_numbers),
		T(test_export_masks_id_numbers),
		T(test_membership_unique),
		T(test_membership_lists_by_parent),
		T(test_reference_to_missing_or_binned),
		T(test_find),
		T(test_children_and_summary),
		T(test_purge_referenced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
