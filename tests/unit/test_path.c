/* test_path.c — Tab completion of a typed file name (mp_path.h): one
 * name whole, a folder with its '/', the shared start of several names
 * (never half a Chinese character), hidden names only when asked for, ~
 * as the home folder. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp_path.h"
#include "mp_text.h"

static char dir[256];

static void touch(const char *name)
{
	char *p = mp_asprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
	free(p);
}

static int setup(void **state)
{
	char *sub;
	(void)state;
	snprintf(dir, sizeof dir, "%s/miaopu-path-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	touch("东湖社区-报表.csv");
	touch("东湖社区-名单.csv");
	touch("东湖社区-名录.csv");
	touch("groups.csv");
	touch(".hidden.csv");
	sub = mp_asprintf("%s/导入", dir);
	mkdir(sub, 0700);
	free(sub);
	return 0;
}

static int teardown(void **state)
{
	char *cmd = mp_asprintf("rm -rf '%s'", dir);
	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return 0;
}

/* Complete typed (relative to dir), check the count and the result. */
static void complete_ok(const char *typed, int want_n, const char *want)
{
	char *in = mp_asprintf("%s/%s", dir, typed), *out = NULL;
	char *expect = mp_asprintf("%s/%s", dir, want);
	assert_int_equal(mp_path_complete(in, &out, NULL, 0), want_n);
	assert_string_equal(out, expect);
	free(in);
	free(out);
	free(expect);
}

static void test_one_name(void **state)
{
	(void)state;
	complete_ok("g", 1, "groups.csv");
	complete_ok("groups.csv", 1, "groups.csv");
	/* A folder gets its '/', ready for the next name. */
	complete_ok("导", 1, "导入/");
	/* Nothing fits: the text stays as typed. */
	complete_ok("x", 0, "x");
	complete_ok("nowhere/x", 0, "nowhere/x");
}

static void test_several(void **state)
{
	mp_strlist names = { NULL, 0 };
	char *in = mp_asprintf("%s/东湖", dir), *out = NULL, *want;

	(void)state;
	/* The shared start, to the last whole character: 名单 and 名录
	 * share 名, 报表 shares nothing more. */
	assert_int_equal(mp_path_complete(in, &out, &names, 0), 3);
	want = mp_asprintf("%s/东湖社区-", dir);
	assert_string_equal(out, want);
	assert_int_equal(names.n, 3);
	assert_string_equal(names.v[0], "东湖社区-名单.csv");
	assert_string_equal(names.v[1], "东湖社区-名录.csv");
	assert_string_equal(names.v[2], "东湖社区-报表.csv");
	mp_strlist_free(&names);
	free(out);
	free(want);
	free(in);
	complete_ok("东湖社区-名", 2, "东湖社区-名");

	/* The folder's names, hidden ones left out; at most max listed. */
	in = mp_asprintf("%s/", dir);
	assert_int_equal(mp_path_complete(in, &out, &names, 2), 5);
	assert_int_equal(names.n, 2);
	assert_string_equal(names.v[0], "groups.csv");
	mp_strlist_free(&names);
	free(out);
	free(in);
	/* … unless the name typed starts with a dot. */
	complete_ok(".h", 1, ".hidden.csv");
}

static void test_home(void **state)
{
	char *old = getenv("HOME") ? mp_strdup(getenv("HOME")) : NULL;
	char *out = NULL, *e, *want;

	(void)state;
	setenv("HOME", dir, 1);
	/* ~ stays ~ in what the person sees. */
	assert_int_equal(mp_path_complete("~/gr", &out, NULL, 0), 1);
	assert_string_equal(out, "~/groups.csv");
	free(out);
	assert_int_equal(mp_path_complete("~", &out, NULL, 0), 1);
	assert_string_equal(out, "~/");
	free(out);
	e = mp_path_expand("~/groups.csv");
	want = mp_asprintf("%s/groups.csv", dir);
	assert_string_equal(e, want);
	free(want);
	free(e);
	e = mp_path_expand("~//srv/x.csv");
	assert_string_equal(e, "/srv/x.csv");
	free(e);
	e = mp_path_expand("a~/b");
	assert_string_equal(e, "a~/b");
	free(e);
	assert_true(mp_path_exists("~/groups.csv"));
	assert_true(mp_path_exists("~/导入"));
	assert_false(mp_path_exists("~/东湖社区-报表.xlsx"));
	if (old)
		setenv("HOME", old, 1);
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_name),
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_home),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
