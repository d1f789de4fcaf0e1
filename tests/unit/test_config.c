/* test_config.c — settings: defaults, a good file, broken files, the
 * sample file shipped in share/. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_config.h"
#include "mp_text.h"

static void assert_list(const mp_strlist *l, const char *const *want)
{
	int i;

	for (i = 0; want[i]; i++) {
		assert_true(i < l->n);
		assert_string_equal(l->v[i], want[i]);
	}
	assert_int_equal(l->n, i);
}

static void test_defaults(void **state)
{
	static const char *const categories[] = {
		"公益慈善类", "生活服务类", "社区事务类", "文体活动类", "其他", NULL
	};
	static const char *const legal[] = { "未登记", "备案", "登记", NULL };
	static const char *const kinds[] = { "普通", "枢纽型", "支持型", NULL };
	static const char *const grades[] = { "无", "1A", "2A", "3A", "4A", "5A", NULL };
	static const char *const stages[] = { "萌芽期", "初创期", "成长期", "示范型", NULL };
	static const char *const obs[] = { "无", "县级", "市级", "省级", NULL };
	static const char *const states[] = { "活跃", "休眠", "注销", NULL };
	static const char *const yesno[] = { "否", "是", NULL };
	mp_config c;

	(void)state;
	mp_config_defaults(&c);
	assert_string_equal(c.station, "");
	assert_string_equal(c.township, "");
	assert_string_equal(c.operator_name, "");
	assert_int_equal(c.colour, 1);
	assert_null(c.path);
	assert_int_equal(c.warnings.n, 0);
	assert_list(mp_config_choices(&c, MP_CH_CATEGORY), categories);
	assert_list(mp_config_choices(&c, MP_CH_LEGAL), legal);
	assert_list(mp_config_choices(&c, MP_CH_KIND), kinds);
	assert_list(mp_config_choices(&c, MP_CH_GRADE), grades);
	assert_list(mp_config_choices(&c, MP_CH_STAGE), stages);
	assert_list(mp_config_choices(&c, MP_CH_OBSERVATION), obs);
	assert_list(mp_config_choices(&c, MP_CH_GROUP_STATE), states);
	assert_list(mp_config_choices(&c, MP_CH_YESNO), yesno);
	assert_int_equal(mp_config_choices(&c, MP_CH_COMMUNITY)->n, 0);
	/* Out-of-range ids give an empty list, not a crash. */
	assert_int_equal(mp_config_choices(&c, MP_CH_NONE)->n, 0);
	assert_int_equal(mp_config_choices(&c, MP_CH__COUNT)->n, 0);
	assert_int_equal(mp_config_choices(&c, -3)->n, 0);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_LEGAL), "登记"), 2);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_LEGAL), "注册"), -1);
	mp_config_free(&c);
	/* Freeing twice is harmless: free leaves an empty config. */
	mp_config_free(&c);
}

static void test_strlist(void **state)
{
	mp_strlist l = { NULL, 0 };

	(void)state;
	assert_int_equal(mp_strlist_find(&l, "x"), -1);
	mp_strlist_add(&l, "东风社区");
	mp_strlist_add(&l, "幸福社区");
	assert_int_equal(l.n, 2);
	assert_null(l.v[2]);
	assert_int_equal(mp_strlist_find(&l, "幸福社区"), 1);
	assert_int_equal(mp_strlist_find(&l, "幸福"), -1);
	assert_int_equal(mp_strlist_find(&l, NULL), -1);
	mp_strlist_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_strlist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
