/* test_import_stream.c — an import reads its file a block at a time
 * (importsrc.c): characters cut by a block's end, in UTF-8 and in
 * GB18030, come out whole; a file that cannot be read twice (a pipe) is
 * imported all the same. */
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
#include <unistd.h>

#include "db_internal.h"
#include "import_internal.h"
#include "mp_group.h"
#include "mp_import.h"
#include "fixture.h"

#define ROWS 6000

/* ROWS groups, after a first row padded by pad bytes, as UTF-8. */
static char *groups_csv(int pad, size_t *n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int i;

	assert_non_null(f);
	fprintf(f, "组织名称,所属社区(村),备注\n填充,幸福社区,%.*s\n", pad, "xxxxxxxx");
	for (i = 0; i < ROWS; i++)
		fprintf(f, "丁香志愿队%05d,幸福社区,“周末”服务，敬老院\n", i);
	assert_int_equal(fclose(f), 0);
	*n = len;
	return text;
}

static char *to_gb18030(const char *s, size_t n, size_t *out_n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t cap = n + 16, inleft = n, outleft = cap;
	char *out = malloc(cap), *in = (char *)s, *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
	iconv_close(cd);
	*out_n = (size_t)(o - out);
	return out;
}

static FILE *file_of(const char *s, size_t n)
{
	FILE *in = tmpfile();

	assert_non_null(in);
	assert_int_equal(fwrite(s, 1, n, in), n);
	rewind(in);
	return in;
}

static void assert_all_whole(struct mp_fx *f)
{
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE"
	                 " name GLOB '丁香志愿队[0-9][0-9][0-9][0-9][0-9]'"
	                 " AND community = '幸福社区' AND notes = '“周末”服务，敬老院'"),
	                 ROWS);
}

/* Whatever byte a block ends on, every character comes out whole. */
static void test_block_edges(void **state)
{
	struct mp_fx *f = *state;
	int pad, gb, cut = 0;

	for (gb = 0; gb < 2; gb++)
		for (pad = 0; pad < 3; pad++) {
			size_t n, m;
			char *text = groups_csv(pad, &n), *bytes = text;
			mp_import_result res;
			mp_err e;
			FILE *in;

			if (gb)
				bytes = to_gb18030(text, n, &m);
			else
				m = n;
			assert_true(m > 2 * IMP_SRC_BLOCK);
			/* The test means something only when a block's end
			 * falls inside a character: count those cases. */
			cut += (unsigned char)bytes[IMP_SRC_BLOCK] >= 0x80
			       && (unsigned char)bytes[IMP_SRC_BLOCK - 1] >= 0x80;
			in = file_of(bytes, m);
			assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 0);
			assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_groups, in, 0,
			                               &res, &e), MP_OK);
			fclose(in);
			assert_int_equal(res.added, ROWS + 1);
			assert_int_equal(res.refused, 0);
			mp_import_result_free(&res);
			assert_all_whole(f);
			/* (each group's first stage entry points at it) */
			assert_int_equal(sqlite3_exec(f->db->h, "DELETE FROM stage_history;"
			                              " DELETE FROM groups", NULL, NULL, NULL),
			                 SQLITE_OK);
			if (bytes != text)
				free(bytes);
			free(text);
		}
	assert_true(cut >= 2);
}

/* A pipe cannot be read twice: it is imported all the same. */
static void test_pipe(void **state)
{
	struct mp_fx *f = *state;
	size_t n;
	char *text = groups_csv(0, &n);
	mp_import_result res;
	mp_err e;
	int fd[2];
	pid_t pid;
	FILE *in;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t off = 0;
		ssize_t w;

		close(fd[0]);
		while (off < n && (w = write(fd[1], text + off, n - off)) > 0)
			off += (size_t)w;
		_exit(off == n ? 0 : 1);
	}
	close(fd[1]);
	in = fdopen(fd[0], "rb");
	assert_non_null(in);
	assert_int_equal(mp_import_csv(f->db, &f->cfg, &mp_groups, in, 0, &res, &e),
	                 MP_OK);
	fclose(in);
	assert_int_equal(res.added, ROWS + 1);
	mp_import_result_free(&res);
	assert_all_whole(f);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_block_edges, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_pipe, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
