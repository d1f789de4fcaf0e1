/* test_lineedit.c — the one-line editor the forms use.  Backspace removes a
 * whole Chinese character; a box never shows half of one (htop PR #1105). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mp_lineedit.h"
#include "mp_text.h"

static void assert_line(const mp_line *l, const char *want)
{
	char *got = mp_line_get(l);
	assert_string_equal(got, want);
	free(got);
}

/* What a box cols wide shows, drawn as the form draws it: from l->scroll,
 * whole characters while they fit. */
static char *shown(const mp_line *l, int cols)
{
	char *out = malloc(l->len * 4 + 1), *p = out;
	int used = 0;
	size_t i;

	assert_non_null(out);
	for (i = l->scroll; i < l->len; i++) {
		int w = mp_wcwidth(l->buf[i]);
		if (used + w > cols)
			break;
		p += mp_utf8_encode(l->buf[i], p);
		used += w;
	}
	*p = '\0';
	return out;
}

/* The cursor column returned by mp_line_view is inside the box and is the
 * width of what lies between the left edge and the cursor. */
static int view_ok(mp_line *l, int cols)
{
	int col = mp_line_view(l, cols);
	int w = 0;
	size_t i;

	assert_true(col >= 0);
	assert_true(col < cols);
	assert_true(l->scroll <= l->cur);
	for (i = l->scroll; i < l->cur; i++)
		w += mp_wcwidth(l->buf[i]);
	assert_int_equal(col, w);
	/* The character under the cursor is drawn whole. */
	if (l->cur < l->len)
		assert_true(col + mp_wcwidth(l->buf[l->cur]) <= cols);
	return col;
}

static void test_backspace_chinese(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "和谐117爱心团");
	assert_int_equal(l.len, 8);
	assert_int_equal(l.cur, 8);
	mp_line_backspace(&l);
	assert_line(&l, "和谐117爱心");
	assert_int_equal(l.len, 7);
	assert_int_equal(l.cur, 7);
	mp_line_backspace(&l);
	mp_line_backspace(&l);
	assert_line(&l, "和谐117");
	mp_line_backspace(&l);
	assert_line(&l, "和谐11");
	/* At the start, Backspace does nothing. */
	mp_line_home(&l);
	mp_line_backspace(&l);
	assert_line(&l, "和谐11");
	assert_int_equal(l.cur, 0);
	mp_line_free(&l);
}

static void test_typing(void **state)
{
	mp_line l;
	const wchar_t *w = L"幸福社区a";

	(void)state;
	mp_line_init(&l, 0);
	assert_line(&l, "");
	for (; *w; w++)
		assert_int_equal(mp_line_insert(&l, *w), 0);
	assert_line(&l, "幸福社区a");
	assert_int_equal(l.cur, 5);
	/* Control characters and NUL are refused: one line, no breaks. */
	assert_int_equal(mp_line_insert(&l, L'\n'), -1);
	assert_int_equal(mp_line_insert(&l, L'\t'), -1);
	assert_int_equal(mp_line_insert(&l, 0), -1);
	assert_int_equal(mp_line_insert(&l, 0xD800), -1);
	assert_line(&l, "幸福社区a");
	mp_line_free(&l);
}

static void test_maxlen(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 4);
	assert_int_equal(mp_line_insert(&l, L'东'), 0);
	assert_int_equal(mp_line_insert(&l, L'风'), 0);
	assert_int_equal(mp_line_insert(&l, L'社'), 0);
	assert_int_equal(mp_line_insert(&l, L'区'), 0);
	assert_int_equal(mp_line_insert(&l, L'x'), -1);
	assert_line(&l, "东风社区");
	/* After a deletion there is room again. */
	mp_line_backspace(&l);
	assert_int_equal(mp_line_insert(&l, L'村'), 0);
	assert_line(&l, "东风社村");
	/* A longer stored value is kept whole (maxlen limits typing, it
	 * does not cut data), but nothing more can be typed into it. */
	mp_line_set(&l, "幸福街道社会工作服务站");
	assert_line(&l, "幸福街道社会工作服务站");
	assert_int_equal(l.cur, 11);
	assert_int_equal(mp_line_insert(&l, L'x'), -1);
	mp_line_backspace(&l);
	assert_int_equal(mp_line_insert(&l, L'x'), -1);
	assert_line(&l, "幸福街道社会工作服务");
	mp_line_free(&l);
}

static void test_moves(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "和谐");
	mp_line_home(&l);
	assert_int_equal(l.cur, 0);
	mp_line_insert(&l, L'新');
	assert_line(&l, "新和谐");
	assert_int_equal(l.cur, 1);
	mp_line_delete(&l);
	assert_line(&l, "新谐");
	mp_line_right(&l);
	mp_line_right(&l);      /* already at the end: stays */
	assert_int_equal(l.cur, 2);
	mp_line_delete(&l);     /* nothing under the cursor */
	assert_line(&l, "新谐");
	mp_line_left(&l);
	mp_line_insert(&l, L'A');
	assert_line(&l, "新A谐");
	mp_line_left(&l);
	mp_line_left(&l);
	mp_line_left(&l);       /* already at the start: stays */
	assert_int_equal(l.cur, 0);
	mp_line_end(&l);
	assert_int_equal(l.cur, 3);
	mp_line_free(&l);
}

static void test_kill_clear(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "东风社区居委会");
	mp_line_home(&l);
	mp_line_right(&l);
	mp_line_right(&l);
	mp_line_right(&l);
	mp_line_right(&l);
	mp_line_kill_to_end(&l);
	assert_line(&l, "东风社区");
	assert_int_equal(l.cur, 4);
	mp_line_insert(&l, L'一');
	assert_line(&l, "东风社区一");
	mp_line_clear(&l);
	assert_line(&l, "");
	assert_int_equal(l.cur, 0);
	assert_int_equal(l.len, 0);
	mp_line_insert(&l, L'z');
	assert_line(&l, "z");
	mp_line_free(&l);
}

static void test_set_get(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "A组B");
	assert_int_equal(l.len, 3);
	assert_line(&l, "A组B");
	/* A line break in stored text survives a round trip: opening and
	 * saving a form changes nothing. */
	mp_line_set(&l, "一\n二");
	assert_int_equal(l.len, 3);
	assert_line(&l, "一\n二");
	/* Invalid bytes become U+FFFD, not garbage. */
	mp_line_set(&l, "a\xff");
	assert_line(&l, "a\xef\xbf\xbd");
	mp_line_set(&l, "");
	assert_line(&l, "");
	mp_line_set(&l, NULL);
	assert_line(&l, "");
	mp_line_free(&l);
}

static void test_view_scrolls(void **state)
{
	mp_line l;
	char *s;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "和谐117爱心团");   /* 13 columns */
	/* Cursor at the end of a 10-column box: 和 and 谐 scroll out. */
	assert_int_equal(view_ok(&l, 10), 9);
	assert_int_equal(l.scroll, 2);
	s = shown(&l, 10);
	assert_string_equal(s, "117爱心团");
	free(s);
	mp_line_home(&l);
	assert_int_equal(view_ok(&l, 10), 0);
	assert_int_equal(l.scroll, 0);
	s = shown(&l, 10);
	assert_string_equal(s, "和谐117爱");  /* 心 would straddle the edge */
	free(s);
	/* Walk right through the whole line in a narrow box. */
	while (l.cur < l.len) {
		mp_line_right(&l);
		view_ok(&l, 5);
	}
	/* Everything fits in a wide box: no scrolling. */
	assert_int_equal(view_ok(&l, 40), 13);
	assert_int_equal(l.scroll, 0);
	mp_line_free(&l);
}

static void test_view_wide_at_edge(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "和谐社区");
	mp_line_home(&l);
	assert_int_equal(view_ok(&l, 5), 0);
	mp_line_right(&l);
	assert_int_equal(view_ok(&l, 5), 2);
	assert_int_equal(l.scroll, 0);
	/* The cursor on 社 at column 4 would show half of it: scroll by one
	 * whole character instead. */
	mp_line_right(&l);
	assert_int_equal(view_ok(&l, 5), 2);
	assert_int_equal(l.scroll, 1);
	/* Going back left scrolls back. */
	mp_line_home(&l);
	assert_int_equal(view_ok(&l, 5), 0);
	assert_int_equal(l.scroll, 0);
	/* A box one column wide still gives a usable cursor. */
	mp_line_end(&l);
	assert_int_equal(view_ok(&l, 1), 0);
	mp_line_free(&l);
}

static void test_view_after_delete(void **state)
{
	mp_line l;
	char *s;

	(void)state;
	mp_line_init(&l, 0);
	mp_line_set(&l, "幸福街道社会工作服务站");  /* 22 columns */
	view_ok(&l, 10);
	assert_true(l.scroll > 0);
	/* Backspace until the rest fits: the box shows it all again. */
	while (l.len > 4)
		mp_line_backspace(&l);
	assert_int_equal(view_ok(&l, 10), 8);
	assert_int_equal(l.scroll, 0);
	s = shown(&l, 10);
	assert_string_equal(s, "幸福街道");
	free(s);
	mp_line_clear(&l);
	assert_int_equal(view_ok(&l, 10), 0);
	mp_line_free(&l);
}

/* A field entered by Tab is a spreadsheet cell: the first key typed
 * replaces its value, a move or an edit first keeps it for editing. */
static void test_typing_over(void **state)
{
	mp_line l;

	(void)state;
	mp_line_init(&l, 10);
	mp_line_set(&l, "2026-12-03");
	assert_int_equal(l.replace, 0);
	mp_line_select_all(&l);
	assert_int_equal(l.cur, 10);
	/* Full at 10 characters, yet the first key typed replaces it all. */
	assert_int_equal(mp_line_insert(&l, '2'), 0);
	assert_line(&l, "2");
	assert_int_equal(l.replace, 0);
	assert_int_equal(mp_line_insert(&l, '0'), 0);
	assert_line(&l, "20");

	/* End (or an arrow) first: the value stays, typing appends. */
	mp_line_set(&l, "12.5");
	mp_line_select_all(&l);
	mp_line_end(&l);
	assert_int_equal(l.replace, 0);
	mp_line_insert(&l, '0');
	assert_line(&l, "12.50");
	mp_line_set(&l, "12.5");
	mp_line_select_all(&l);
	mp_line_left(&l);
	mp_line_insert(&l, '7');
	assert_line(&l, "12.75");

	/* Backspace edits the value rather than dropping it. */
	mp_line_set(&l, "张三");
	mp_line_select_all(&l);
	mp_line_backspace(&l);
	assert_line(&l, "张");
	assert_int_equal(l.replace, 0);

	/* A key that is not a character leaves the value and the state. */
	mp_line_set(&l, "王五");
	mp_line_select_all(&l);
	assert_int_equal(mp_line_insert(&l, 0x07), -1);
	assert_line(&l, "王五");
	assert_int_equal(l.replace, 1);
	assert_int_equal(mp_line_insert(&l, 0x674E), 0);  /* 李 */
	assert_line(&l, "李");

	/* Setting a value is not entering the field. */
	mp_line_select_all(&l);
	mp_line_set(&l, "赵六");
	assert_int_equal(l.replace, 0);
	mp_line_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backspace_chinese),
		cmocka_unit_test(test_typing),
		cmocka_unit_test(test_maxlen),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_kill_clear),
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_view_scrolls),
		cmocka_unit_test(test_view_wide_at_edge),
		cmocka_unit_test(test_view_after_delete),
		cmocka_unit_test(test_typing_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
