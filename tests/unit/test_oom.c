/* test_oom.c — running out of memory ends the program through mp_oom:
 * the handler the screen sets (it restores the terminal) runs first, then
 * "miaopu: out of memory" on stderr, then exit status 1; never a bare
 * abort().  Each case runs in a forked child, whose stderr is read back. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp_err.h"
#include "mp_i18n.h"
#include "mp_text.h"

/* Under AddressSanitizer a request too big to meet must come back as NULL
 * (as from the C library), not stop the test inside ASan. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Fork, run fn in the child with stderr into a pipe; return the child's
 * wait status, its stderr in err (NUL-terminated).  A child whose fn
 * returns exits with 99: mp_oom did not end it. */
static int run_child(void (*fn)(void), char *err, size_t size)
{
	int fd[2], status = -1;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], STDERR_FILENO);
		fn();
		_exit(99);
	}
	close(fd[1]);
	while (used + 1 < size && (n = read(fd[0], err + used, size - 1 - used)) > 0)
		used += (size_t)n;
	err[used] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* What the screen's handler stands for: it writes a mark (by write(2),
 * as a handler must not count on memory) where the message will follow. */
static void mark_handler(void)
{
	if (write(STDERR_FILENO, "[terminal restored]", 19) < 0)
		_exit(98);
}

/* A handler that runs out of memory itself. */
static void greedy_handler(void)
{
	mark_handler();
	mp_oom();
}

/* A run that cannot exist: the length wraps round size_t.  No allocation
 * is tried at all, so this holds under any allocator. */
static void arena_too_long(void)
{
	mp_arena a = { 0 };

	mp_set_oom_handler(mark_handler);
	mp_arena_add(&a, "x", SIZE_MAX - 16);
}

/* A request no machine meets (2^61 bytes): realloc gives NULL. */
static void arena_huge(void)
{
	mp_arena a = { 0 };

	mp_set_oom_handler(mark_handler);
	mp_arena_add(&a, "x", (size_t)1 << 60);
}

static void no_handler(void)
{
	mp_set_oom_handler(NULL);
	mp_oom();
}

static void handler_runs_out_too(void)
{
	mp_set_oom_handler(greedy_handler);
	mp_oom();
}

static void in_chinese(void)
{
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	unsetenv("LANGUAGE");
	mp_i18n_init();
	if (!mp_i18n_is_zh())
		_exit(77);
	mp_set_oom_handler(mark_handler);
	mp_oom();
}

static void assert_oom_exit(int status)
{
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
}

static void test_handler_then_message(void **state)
{
	char err[512];
	int status;

	(void)state;
	status = run_child(arena_too_long, err, sizeof err);
	assert_oom_exit(status);
	assert_string_equal(err, "[terminal restored]miaopu: out of memory\n");
}

static void test_failed_allocation(void **state)
{
	const char *want = "[terminal restored]miaopu: out of memory\n";
	char err[512];
	int status;

	(void)state;
	status = run_child(arena_huge, err, sizeof err);
	assert_oom_exit(status);
	/* (AddressSanitizer, when built with it, warns first.) */
	assert_true(strlen(err) >= strlen(want));
	assert_string_equal(err + strlen(err) - strlen(want), want);
}

static void test_without_handler(void **state)
{
	char err[512];
	int status;

	(void)state;
	status = run_child(no_handler, err, sizeof err);
	assert_oom_exit(status);
	assert_string_equal(err, "miaopu: out of memory\n");
}

/* The handler is called once; the message comes once. */
static void test_handler_runs_out_too(void **state)
{
	char err[512];
	int status;

	(void)state;
	status = run_child(handler_runs_out_too, err, sizeof err);
	assert_oom_exit(status);
	assert_string_equal(err, "[terminal restored]miaopu: out of memory\n");
}

static void test_translated(void **state)
{
	char err[512];
	int status;

	(void)state;
	if (!getenv("MIAOPU_LOCALEDIR"))
		skip();
	status = run_child(in_chinese, err, sizeof err);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		skip();   /* no zh_CN.UTF-8 locale */
	assert_oom_exit(status);
	assert_string_equal(err, "[terminal restored]miaopu: 内存不足\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handler_then_message),
		cmocka_unit_test(test_failed_allocation),
		cmocka_unit_test(test_without_handler),
		cmocka_unit_test(test_handler_runs_out_too),
		cmocka_unit_test(test_translated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
