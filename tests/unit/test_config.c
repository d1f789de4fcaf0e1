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
	static const char *const genders[] = { "男", "女", NULL };
	static const char *const id_types[] = {
		"居民身份证", "港澳台居民居住证", "护照", "其他", NULL
	};
	static const char *const vol_states[] = { "在册", "暂停", "退出", NULL };
	static const char *const roles[] = { "负责人", "骨干", "成员", NULL };
	static const char *const activity_types[] = {
		"志愿服务", "文体活动", "议事协商", "培训讲座", "走访慰问",
		"宣传倡导", "其他", NULL
	};
	static const char *const service_kinds[] = {
		"扶老助残", "关爱儿童", "社区治理", "文明实践", "环境保护",
		"应急救援", "文化体育", "其他", NULL
	};
	static const char *const training_modes[] = { "线下", "线上", NULL };
	static const char *const visit_kinds[] = { "督导", "评估", "回访", NULL };
	static const char *const ratings[] = { "优", "良", "中", "差", NULL };
	mp_config c;
	int k;

	(void)state;
	mp_config_defaults(&c);
	assert_string_equal(c.station, "");
	assert_string_equal(c.township, "");
	assert_string_equal(c.operator_name, "");
	assert_string_equal(c.station_head, "");
	assert_string_equal(c.station_phone, "");
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
	assert_list(mp_config_choices(&c, MP_CH_GENDER), genders);
	assert_list(mp_config_choices(&c, MP_CH_ID_TYPE), id_types);
	assert_list(mp_config_choices(&c, MP_CH_VOL_STATE), vol_states);
	assert_list(mp_config_choices(&c, MP_CH_ROLE), roles);
	assert_list(mp_config_choices(&c, MP_CH_ACTIVITY_TYPE), activity_types);
	assert_list(mp_config_choices(&c, MP_CH_SERVICE_KIND), service_kinds);
	assert_list(mp_config_choices(&c, MP_CH_TRAINING_MODE), training_modes);
	assert_list(mp_config_choices(&c, MP_CH_VISIT_KIND), visit_kinds);
	assert_list(mp_config_choices(&c, MP_CH_RATING), ratings);
	assert_int_equal(c.due_soon_days, 7);
	assert_int_equal(mp_config_choices(&c, MP_CH_COMMUNITY)->n, 0);
	/* Every list but the communities has entries: a form's pick list
	 * is never empty.  The calendar's days (branch review) are no
	 * field's choices and start empty. */
	for (k = MP_CH_NONE + 1; k < MP_CH__COUNT; k++)
		if (k != MP_CH_COMMUNITY && k != MP_CH_HOLIDAYS && k != MP_CH_WORKDAYS)
			assert_true(mp_config_choices(&c, k)->n > 0);
	assert_int_equal(mp_config_choices(&c, MP_CH_HOLIDAYS)->n, 0);
	assert_int_equal(mp_config_choices(&c, MP_CH_WORKDAYS)->n, 0);
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


/* ---- files in a fresh temporary folder ---- */

struct tmp {
	char dir[64];
	char path[128];
};

static int tmp_setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);

	if (!t)
		return -1;
	strcpy(t->dir, "/tmp/miaopu-test-config-XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof t->path, "%s/miaopu.conf", t->dir);
	*state = t;
	return 0;
}

static int tmp_teardown(void **state)
{
	struct tmp *t = *state;

	unlink(t->path);
	rmdir(t->dir);
	free(t);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The warning that starts with "PATH:LINE:" and mentions what. */
static void assert_warning(const mp_config *c, const char *path, int line,
			   const char *what)
{
	char prefix[256];
	int i;

	snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	for (i = 0; i < c->warnings.n; i++)
		if (strncmp(c->warnings.v[i], prefix, strlen(prefix)) == 0 &&
		    strstr(c->warnings.v[i], what))
			return;
	for (i = 0; i < c->warnings.n; i++)
		print_message("warning: %s\n", c->warnings.v[i]);
	fail_msg("no warning \"%s...%s\"", prefix, what);
}

static void test_good_file(void **state)
{
	static const char *const communities[] = { "东风社区", "幸福社区", NULL };
	static const char *const categories[] = { "助老", "助残", "其他", NULL };
	static const char *const kinds[] = { "普通", "枢纽型", "支持型", NULL };
	static const char *const vol_states[] = { "在册", "注销", NULL };
	static const char *const roles[] = { "队长", "队员", NULL };
	static const char *const activity_types[] = { "助老服务", "其他", NULL };
	static const char *const service_kinds[] = { "助老", "助学", "其他", NULL };
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	write_file(t->path,
		   "# 测试\n"
		   "station = \"幸福街道社会工作服务站\";\n"
		   "township = \"幸福街道\";\n"
		   "operator = \" 李明 \";\n"
		   "station_head = \"王芳\";\n"
		   "station_phone = \"0571-88001234\";\n"
		   "colour = false;\n"
		   "communities = [ \"东风社区\", \"幸福社区\" ];\n"
		   "choices = {\n"
		   "  categories = [ \"助老\", \"助残\", \"其他\" ];\n"
		   "  volunteer_states = [ \"在册\", \"注销\" ];\n"
		   "  roles = [ \"队长\", \"队员\" ];\n"
		   "  activity_types = [ \"助老服务\", \"其他\" ];\n"
		   "  service_kinds = [ \"助老\", \"助学\", \"其他\" ];\n"
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(e.code, MP_OK);
	assert_int_equal(c.warnings.n, 0);
	assert_string_equal(c.station, "幸福街道社会工作服务站");
	assert_string_equal(c.township, "幸福街道");
	assert_string_equal(c.operator_name, "李明");   /* trimmed */
	assert_string_equal(c.station_head, "王芳");
	assert_string_equal(c.station_phone, "0571-88001234");
	assert_int_equal(c.colour, 0);
	assert_string_equal(c.path, t->path);
	assert_list(mp_config_choices(&c, MP_CH_COMMUNITY), communities);
	assert_list(mp_config_choices(&c, MP_CH_CATEGORY), categories);
	assert_list(mp_config_choices(&c, MP_CH_VOL_STATE), vol_states);
	assert_list(mp_config_choices(&c, MP_CH_ROLE), roles);
	assert_list(mp_config_choices(&c, MP_CH_ACTIVITY_TYPE), activity_types);
	assert_list(mp_config_choices(&c, MP_CH_SERVICE_KIND), service_kinds);
	/* What the file does not name keeps its default. */
	assert_list(mp_config_choices(&c, MP_CH_KIND), kinds);
	assert_int_equal(mp_config_choices(&c, MP_CH_GENDER)->n, 2);
	assert_int_equal(mp_config_choices(&c, MP_CH_LEGAL)->n, 3);

	/* Loading again over loaded settings replaces them (and leaks
	 * nothing: the sanitizer build checks). */
	write_file(t->path, "station = \"东风社工站\";\ncolour = 1;\n"
		   "station_phone = \"13800001111\";\n");
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_string_equal(c.station, "东风社工站");
	assert_string_equal(c.station_phone, "13800001111");
	assert_string_equal(c.station_head, "王芳");
	assert_string_equal(c.township, "幸福街道");
	assert_int_equal(c.colour, 1);
	assert_int_equal(c.warnings.n, 0);
	mp_config_free(&c);
}

static void test_broken_file(void **state)
{
	struct tmp *t = *state;
	char prefix[256];
	mp_config c;
	mp_err e;

	/* Line 3 lacks its value. */
	write_file(t->path,
		   "station = \"幸福街道社会工作服务站\";\n"
		   "colour = false;\n"
		   "township = ;\n"
		   "operator = \"李明\";\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 0, &e), MP_EINVAL);
	assert_int_equal(e.code, MP_EINVAL);
	snprintf(prefix, sizeof prefix, "%s:3: ", t->path);
	assert_true(strncmp(e.msg, prefix, strlen(prefix)) == 0);
	assert_int_equal(c.warnings.n, 1);
	assert_string_equal(c.warnings.v[0], e.msg);
	/* Nothing from the broken file is taken, not even its good lines. */
	assert_string_equal(c.station, "");
	assert_string_equal(c.operator_name, "");
	assert_int_equal(c.colour, 1);
	assert_null(c.path);
	assert_int_equal(mp_config_choices(&c, MP_CH_CATEGORY)->n, 5);
	mp_config_free(&c);

	/* An unterminated list further down: the line is reported. */
	write_file(t->path,
		   "station = \"x\";\n"
		   "\n"
		   "\n"
		   "\n"
		   "communities = [ \"东风社区\", \n"
		   "colour = true;\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_EINVAL);
	assert_int_equal(c.warnings.n, 1);
	assert_true(strncmp(e.msg, t->path, strlen(t->path)) == 0);
	assert_true(strstr(e.msg, ":6: ") != NULL);
	assert_string_equal(c.station, "");
	mp_config_free(&c);
}

static void test_wrong_types(void **state)
{
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	write_file(t->path,
		   "colour = \"yes\";\n"                  /* 1 */
		   "communities = 5;\n"                   /* 2 */
		   "station = 12;\n"                      /* 3 */
		   "township = \"幸福街道\";\n"            /* 4: good */
		   "choices = {\n"                        /* 5 */
		   "  kinds = \"普通\";\n"                 /* 6 */
		   "  grades = [ \"无\", \"1A\" ];\n"      /* 7: good */
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 4);
	assert_warning(&c, t->path, 1, "colour");
	assert_warning(&c, t->path, 2, "communities");
	assert_warning(&c, t->path, 3, "station");
	assert_warning(&c, t->path, 6, "choices.kinds");
	/* Each wrong setting keeps its default; the good ones are taken. */
	assert_int_equal(c.colour, 1);
	assert_int_equal(mp_config_choices(&c, MP_CH_COMMUNITY)->n, 0);
	assert_string_equal(c.station, "");
	assert_string_equal(c.township, "幸福街道");
	assert_int_equal(mp_config_choices(&c, MP_CH_KIND)->n, 3);
	assert_int_equal(mp_config_choices(&c, MP_CH_GRADE)->n, 2);
	assert_string_equal(c.path, t->path);
	mp_config_free(&c);

	/* The new settings are checked the same way. */
	write_file(t->path,
		   "station_head = [ \"王芳\" ];\n"          /* 1 */
		   "station_phone = 13800001111;\n"          /* 2 */
		   "choices = {\n"                           /* 3 */
		   "  roles = \"成员\";\n"                  /* 4 */
		   "  activity_types = [ ];\n"              /* 5 */
		   "  service_kinds = ( \"助老\", 1 );\n"    /* 6 */
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 5);
	assert_warning(&c, t->path, 1, "“station_head”");
	assert_warning(&c, t->path, 2, "“station_phone”");
	assert_warning(&c, t->path, 4, "“choices.roles”");
	assert_warning(&c, t->path, 5, "“choices.activity_types”");
	assert_warning(&c, t->path, 6, "“choices.service_kinds”");
	assert_string_equal(c.station_head, "");
	assert_string_equal(c.station_phone, "");
	assert_int_equal(mp_config_choices(&c, MP_CH_ROLE)->n, 3);
	assert_int_equal(mp_config_choices(&c, MP_CH_ACTIVITY_TYPE)->n, 7);
	assert_int_equal(mp_config_choices(&c, MP_CH_SERVICE_KIND)->n, 1);
	assert_string_equal(mp_config_choices(&c, MP_CH_SERVICE_KIND)->v[0], "助老");
	mp_config_free(&c);

	/* choices must be a group. */
	write_file(t->path, "choices = [ \"a\" ];\ncolour = 2;\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 2);
	assert_warning(&c, t->path, 1, "choices");
	assert_warning(&c, t->path, 2, "colour");
	assert_int_equal(c.colour, 1);
	mp_config_free(&c);
}

static void test_unknown_key(void **state)
{
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	write_file(t->path,
		   "stationn = \"幸福\";\n"
		   "colour = false;\n"
		   "choices = {\n"
		   "  categorys = [ \"助老\" ];\n"
		   "  legal = [ \"已登记\" ];\n"
		   "  genders = [ \"男\", \"女\", \"未知\" ];\n"
		   "  id_types = [ \"军官证\" ];\n"
		   "};\n"
		   "extra = { a = 1; b = 2; };\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(e.code, MP_OK);
	assert_int_equal(c.warnings.n, 6);
	assert_warning(&c, t->path, 1, "unknown setting “stationn”");
	assert_warning(&c, t->path, 4, "unknown setting “choices.categorys”");
	/* Legal status, gender and ID type are fixed: naming them in the
	 * file changes nothing. */
	assert_warning(&c, t->path, 5, "“choices.legal”");
	assert_warning(&c, t->path, 6, "“choices.genders”");
	assert_warning(&c, t->path, 7, "“choices.id_types”");
	assert_warning(&c, t->path, 9, "“extra”");
	assert_int_equal(c.colour, 0);
	assert_int_equal(mp_config_choices(&c, MP_CH_CATEGORY)->n, 5);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_LEGAL), "登记"), 2);
	assert_int_equal(mp_config_choices(&c, MP_CH_GENDER)->n, 2);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_ID_TYPE), "军官证"), -1);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_ID_TYPE), "居民身份证"), 0);
	mp_config_free(&c);
}

/* due_soon_days is a whole number of days from 1 to 365; anything else
 * is named with its line and 7 stays.  The visit kinds and ratings are
 * the station's to change; the training modes are fixed (线上 needs no
 * place). */
static void test_visit_settings(void **state)
{
	static const char *const kinds[] = { "督导", "回访", "年检", NULL };
	static const char *const ratings[] = { "好", "一般", "差", NULL };
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	write_file(t->path,
		   "due_soon_days = 14;\n"
		   "choices = {\n"
		   "  visit_kinds = [ \"督导\", \"回访\", \"年检\" ];\n"
		   "  ratings = [ \"好\", \"一般\", \"差\" ];\n"
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 0);
	assert_int_equal(c.due_soon_days, 14);
	assert_list(mp_config_choices(&c, MP_CH_VISIT_KIND), kinds);
	assert_list(mp_config_choices(&c, MP_CH_RATING), ratings);
	mp_config_free(&c);

	write_file(t->path, "due_soon_days = 365;\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 0);
	assert_int_equal(c.due_soon_days, 365);
	mp_config_free(&c);

	write_file(t->path, "due_soon_days = 1;\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.due_soon_days, 1);
	mp_config_free(&c);

	{
		static const char *const bad[] = {
			"due_soon_days = 0;\n", "due_soon_days = 366;\n",
			"due_soon_days = -3;\n", "due_soon_days = \"7\";\n",
			"due_soon_days = 7.5;\n", "due_soon_days = true;\n",
			"due_soon_days = [ 7 ];\n", NULL
		};
		int i;

		for (i = 0; bad[i]; i++) {
			write_file(t->path, bad[i]);
			mp_config_defaults(&c);
			assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
			assert_int_equal(c.warnings.n, 1);
			assert_warning(&c, t->path, 1, "“due_soon_days”");
			assert_int_equal(c.due_soon_days, 7);
			mp_config_free(&c);
		}
	}

	/* The training modes cannot be changed from the file. */
	write_file(t->path,
		   "choices = {\n"
		   "  training_modes = [ \"线下\" ];\n"
		   "  ratings = [ ];\n"
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 2);
	assert_warning(&c, t->path, 2, "unknown setting “choices.training_modes”");
	assert_warning(&c, t->path, 3, "“choices.ratings”");
	assert_int_equal(mp_config_choices(&c, MP_CH_TRAINING_MODE)->n, 2);
	assert_int_equal(mp_strlist_find(mp_config_choices(&c, MP_CH_TRAINING_MODE), "线上"), 1);
	assert_int_equal(mp_config_choices(&c, MP_CH_RATING)->n, 4);
	mp_config_free(&c);
}

static void test_list_entries(void **state)
{
	static const char *const communities[] = { "东风社区", "幸福社区", NULL };
	static const char *const grades[] = { "无", "1A", "2A", "3A", "4A", "5A", NULL };
	static const char *const stages[] = { "萌芽期", "初创期", "成长期", "示范型", NULL };
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	write_file(t->path,
		   "communities = [ \"东风社区\",\n"       /* 1 */
		   "  \"\",\n"                            /* 2: empty */
		   "  \" 幸福社区 \",\n"                   /* 3: trimmed */
		   "  \"东风社区\" ];\n"                   /* 4: duplicate */
		   "choices = {\n"                        /* 5 */
		   "  grades = [ ];\n"                    /* 6: empty list */
		   "  stages = [ \"　\", \"\" ];\n"         /* 7: only blanks */
		   "  kinds = ( \"普通\", 3, \"枢纽型\" );\n" /* 8: a number */
		   "};\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_list(mp_config_choices(&c, MP_CH_COMMUNITY), communities);
	assert_warning(&c, t->path, 2, "empty");
	assert_warning(&c, t->path, 4, "“东风社区”");
	/* An empty choice list would make the field unusable: the
	 * built-in one stays. */
	assert_warning(&c, t->path, 6, "choices.grades");
	assert_list(mp_config_choices(&c, MP_CH_GRADE), grades);
	assert_warning(&c, t->path, 7, "choices.stages");
	assert_list(mp_config_choices(&c, MP_CH_STAGE), stages);
	assert_warning(&c, t->path, 8, "choices.kinds");
	assert_int_equal(mp_config_choices(&c, MP_CH_KIND)->n, 2);
	/* 2 communities, 1 grades, 2 + 1 stages, 1 kinds */
	assert_int_equal(c.warnings.n, 7);
	mp_config_free(&c);

	/* An empty community list means "typed freely": no warning. */
	write_file(t->path, "communities = [ ];\n");
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_OK);
	assert_int_equal(c.warnings.n, 0);
	assert_int_equal(mp_config_choices(&c, MP_CH_COMMUNITY)->n, 0);
	mp_config_free(&c);
}

static void test_missing_file(void **state)
{
	struct tmp *t = *state;
	mp_config c;
	mp_err e;

	/* No file at the default place: the defaults, silently. */
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->path, 0, &e), MP_OK);
	assert_int_equal(e.code, MP_OK);
	assert_int_equal(c.warnings.n, 0);
	assert_null(c.path);
	assert_int_equal(c.colour, 1);
	/* Named with --config: an error that names the file. */
	assert_int_equal(mp_config_load(&c, t->path, 1, &e), MP_EIO);
	assert_int_equal(e.code, MP_EIO);
	assert_non_null(strstr(e.msg, t->path));
	assert_non_null(strstr(e.msg, "No such file"));
	assert_int_equal(c.colour, 1);
	mp_config_free(&c);

	/* A folder where the file should be cannot be read either. */
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->dir, 1, &e), MP_EIO);
	assert_non_null(strstr(e.msg, t->dir));
	mp_config_free(&c);
	mp_config_defaults(&c);
	assert_int_equal(mp_config_load(&c, t->dir, 0, &e), MP_OK);
	assert_int_equal(c.warnings.n, 1);
	assert_non_null(strstr(c.warnings.v[0], t->dir));
	mp_config_free(&c);
}

/* The sample shipped in share/ is what users copy: it must load cleanly
 * and say exactly the defaults. */
static void test_sample_file(void **state)
{
	const char *top = getenv("TOP_SRCDIR");
	char *path;
	mp_config c, d;
	mp_err e;
	int k, i;

	(void)state;
	if (top && *top) {
		path = mp_asprintf("%s/share/miaopu.conf", top);
	} else {
		/* __FILE__ is .../tests/unit/test_config.c */
		const char *f = __FILE__;
		const char *cut = strstr(f, "tests/unit/test_config.c");
		path = mp_asprintf("%.*sshare/miaopu.conf",
				   (int)(cut ? cut - f : 0), f);
	}
	mp_config_defaults(&c);
	mp_config_defaults(&d);
	assert_int_equal(mp_config_load(&c, path, 1, &e), MP_OK);
	for (i = 0; i < c.warnings.n; i++)
		print_message("warning: %s\n", c.warnings.v[i]);
	assert_int_equal(c.warnings.n, 0);
	assert_string_equal(c.path, path);
	assert_string_equal(c.station, d.station);
	assert_string_equal(c.township, d.township);
	assert_string_equal(c.operator_name, d.operator_name);
	assert_string_equal(c.station_head, d.station_head);
	assert_string_equal(c.station_phone, d.station_phone);
	assert_int_equal(c.colour, d.colour);
	assert_int_equal(c.due_soon_days, d.due_soon_days);
	for (k = MP_CH_NONE + 1; k < MP_CH__COUNT; k++) {
		const mp_strlist *a = mp_config_choices(&c, k);
		const mp_strlist *b = mp_config_choices(&d, k);
		assert_int_equal(a->n, b->n);
		for (i = 0; i < a->n; i++)
			assert_string_equal(a->v[i], b->v[i]);
	}
	mp_config_free(&c);
	mp_config_free(&d);
	/* ... and shows users every setting they may change. */
	{
		static const char *const names[] = {
			"station =", "township =", "operator =",
			"station_head =", "station_phone =", "colour =",
			"communities =", "categories =", "kinds =", "grades =",
			"stages =", "observation_points =", "group_states =",
			"volunteer_states =", "roles =", "activity_types =",
			"service_kinds =", "due_soon_days =",
			"visit_kinds =", "ratings =",
			/* issue 16 (branch projects) */
			"round_levels =", "fund_sources =", "project_categories =",
			"criteria =", "qualifications =",
			/* issue 16 (branch review) */
			"holidays =", "workdays =", NULL
		};
		FILE *f = fopen(path, "r");
		char *text;
		long len;

		assert_non_null(f);
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		len = ftell(f);
		assert_true(len > 0);
		rewind(f);
		text = calloc(1, (size_t)len + 1);
		assert_non_null(text);
		assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		for (i = 0; names[i]; i++)
			if (!strstr(text, names[i]))
				fail_msg("share/miaopu.conf does not show “%s”",
					 names[i]);
		free(text);
	}
	free(path);
}

static void test_default_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/srv/conf", 1);
	setenv("HOME", "/home/liming", 1);
	p = mp_config_default_path();
	assert_string_equal(p, "/srv/conf/miaopu/miaopu.conf");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = mp_config_default_path();
	assert_string_equal(p, "/home/liming/.config/miaopu/miaopu.conf");
	free(p);
	/* A relative XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "conf", 1);
	p = mp_config_default_path();
	assert_string_equal(p, "/home/liming/.config/miaopu/miaopu.conf");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_strlist),
		cmocka_unit_test_setup_teardown(test_good_file, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_broken_file, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_types, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_visit_settings, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_list_entries, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_sample_file),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
