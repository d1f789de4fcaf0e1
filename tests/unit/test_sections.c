/* test_sections.c — the table of the screen's sections, the number typed
 * in the section menu, and the tab bar's layout (with twelve sections, as
 * the coming record types will make, on an 80-column terminal in Chinese). */
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

#include "mp_group.h"
#include "mp_sections.h"
#include "mp_text.h"

static int setup_utf8(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "zh_CN.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	return 0;
}

/* ---- the table ---- */

static void test_table_rows(void **state)
{
	int n = mp_section_count(), overviews = 0;
	(void)state;

	assert_true(n >= 7);
	assert_null(mp_section_get(-1));
	assert_null(mp_section_get(n));
	for (int i = 0; i < n; i++) {
		const mp_section *s = mp_section_get(i);

		assert_non_null(s);
		assert_non_null(s->title_en);
		assert_true(s->title_en[0] != '\0');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(mp_section_get(j)->title_en, s->title_en);
		if (s->shows == MP_SEC_LIST) {
			/* Every list names a record type the registry knows, and no
			 * record type has two sections. */
			const mp_table *t = mp_section_table(s);
			assert_non_null(t);
			assert_string_equal(t->name, s->table);
			for (int j = 0; j < i; j++)
				assert_ptr_not_equal(mp_section_table(mp_section_get(j)), t);
		} else {
			assert_null(s->table);
			assert_null(mp_section_table(s));
		}
		if (s->shows == MP_SEC_OVERVIEW)
			overviews++;
	}
	/* The screen opens on section 1, the overview. */
	assert_int_equal(overviews, 1);
	assert_int_equal(mp_section_get(0)->shows, MP_SEC_OVERVIEW);
}

/* The users know 1 to 7 by heart (README, the man page, their habits): a
 * new section goes after them. */
static void test_known_seven(void **state)
{
	static const struct { const char *title; mp_section_shows shows; const char *table; } want[] = {
		{ "Overview", MP_SEC_OVERVIEW, NULL },
		{ "Groups", MP_SEC_LIST, "groups" },
		{ "Activities", MP_SEC_LIST, "activities" },
		{ "Volunteers", MP_SEC_LIST, "volunteers" },
		{ "Trainings", MP_SEC_LIST, "trainings" },
		{ "Visits", MP_SEC_LIST, "visits" },
		{ "Reports", MP_SEC_REPORT, NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const mp_section *s = mp_section_get((int)i);
		assert_string_equal(s->title_en, want[i].title);
		assert_int_equal(s->shows, want[i].shows);
		if (want[i].table)
			assert_string_equal(s->table, want[i].table);
	}
}

static void test_keys(void **state)
{
	int n = mp_section_count();
	(void)state;

	for (int i = 0; i < n; i++) {
		int k = mp_section_key(i);
		if (i < 9) {
			assert_int_equal(k, '1' + i);
			assert_int_equal(mp_section_by_key(k), i);
		} else {
			assert_int_equal(k, 0);
		}
	}
	/* 0 opens the menu, not a section; a digit past the last opens none. */
	assert_int_equal(mp_section_by_key('0'), -1);
	assert_int_equal(mp_section_by_key('a'), -1);
	assert_int_equal(mp_section_by_key(0), -1);
	if (n < 9)
		assert_int_equal(mp_section_by_key('1' + n), -1);
	assert_int_equal(mp_section_key(-1), 0);
	assert_int_equal(mp_section_key(n), 0);
}

/* The command line's usage: every section by number, wrapped, indented. */
static void test_print(void **state)
{
	char *buf = NULL, *line, *save = NULL;
	size_t size = 0;
	int lines = 0;
	FILE *f = open_memstream(&buf, &size);
	(void)state;

	assert_non_null(f);
	fputs("  ", f);
	mp_sections_print(f, 6, 30);
	fclose(f);
	for (int i = 0; i < mp_section_count(); i++) {
		char item[64];
		snprintf(item, sizeof item, "%d %s", i + 1, mp_section_get(i)->title_en);
		assert_non_null(strstr(buf, item));
	}
	assert_true(size > 0 && buf[size - 1] == '\n');
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		assert_true(mp_text_width(line) <= 30);
		if (lines++ > 0)
			assert_true(!strncmp(line, "      ", 6) && line[6] != ' ');
	}
	assert_true(lines >= 2);   /* 7 sections do not fit in 30 columns */
	free(buf);
}

/* ---- the number typed in the menu ---- */

static void test_type_few(void **state)
{
	int go = -1;
	(void)state;
	/* Nine or fewer: every digit that names a section goes at once. */
	for (int d = 1; d <= 7; d++) {
		assert_int_equal(mp_sections_type(0, d, 7, &go), d);
		assert_int_equal(go, 1);
	}
	assert_int_equal(mp_sections_type(0, 0, 7, &go), 0);
	assert_int_equal(go, 0);
	assert_int_equal(mp_sections_type(0, 8, 7, &go), 0);
	assert_int_equal(go, 0);
}

static void test_type_twelve(void **state)
{
	int go = -1, n;
	(void)state;
	/* 1 waits: it may become 10, 11 or 12. */
	n = mp_sections_type(0, 1, 12, &go);
	assert_int_equal(n, 1);
	assert_int_equal(go, 0);
	assert_int_equal(mp_sections_type(n, 0, 12, &go), 10);
	assert_int_equal(go, 1);
	assert_int_equal(mp_sections_type(n, 2, 12, &go), 12);
	assert_int_equal(go, 1);
	/* 13 names none: the 3 starts a new number, which goes. */
	assert_int_equal(mp_sections_type(n, 3, 12, &go), 3);
	assert_int_equal(go, 1);
	/* 2 to 9 go at once. */
	assert_int_equal(mp_sections_type(0, 2, 12, &go), 2);
	assert_int_equal(go, 1);
	/* With twenty, 2 waits for 20. */
	assert_int_equal(mp_sections_type(0, 2, 20, &go), 2);
	assert_int_equal(go, 0);
	assert_int_equal(mp_sections_type(2, 0, 20, &go), 20);
	assert_int_equal(go, 1);
}

/* ---- the tab bar ---- */

/* Twelve sections as the coming record types will make them, in Chinese:
 * titles of two and three characters, numbers of one and two digits. */
static const char *const twelve[] = {
	"概览", "组织", "活动", "志愿者", "培训", "督导", "报表",
	"创投", "孵化", "基金", "网络", "观察",
};
#define N12 ((int)(sizeof twelve / sizeof twelve[0]))

/* A tab as the screen draws it: "N 标题 ". */
static void widths_of(const char *const *titles, int n, int *w)
{
	for (int i = 0; i < n; i++) {
		char item[64];
		snprintf(item, sizeof item, "%d %s ", i + 1, titles[i]);
		w[i] = mp_text_width(item);
	}
}

/* What must hold of any layout: the current tab shown, the markers there
 * exactly when tabs are hidden, everything within cols, and no hidden
 * neighbour that would have fitted. */
static void check_layout(const int *w, int n, int cur, int cols, int lw, int mw,
                         const mp_tabs *t)
{
	int used = 0, room;

	assert_true(t->first >= 0 && t->first <= cur);
	assert_true(t->last >= cur && t->last < n);
	assert_int_equal(t->left, t->first > 0);
	assert_int_equal(t->more, t->first > 0 || t->last < n - 1);
	for (int i = t->first; i <= t->last; i++)
		used += w[i];
	room = cols - (t->left ? lw : 0) - (t->more ? mw : 0);
	if (t->first < t->last)   /* one tab alone may be cut by the drawing */
		assert_true(used <= room);
	if (t->first > 0)
		assert_true(used + w[t->first - 1] > room);
	if (t->last < n - 1)
		assert_true(used + w[t->last + 1] > room);
}

static void test_tabs_seven_fit(void **state)
{
	int w[N12];
	mp_tabs t;
	(void)state;

	/* Today's seven at 80 columns (one taken by the lead space): all. */
	widths_of(twelve, 7, w);
	for (int cur = 0; cur < 7; cur++) {
		mp_sections_tabs(w, 7, cur, 79, 2, 7, &t);
		assert_int_equal(t.first, 0);
		assert_int_equal(t.last, 6);
		assert_int_equal(t.left, 0);
		assert_int_equal(t.more, 0);
	}
}

static void test_tabs_twelve(void **state)
{
	int w[N12];
	mp_tabs t;
	(void)state;

	widths_of(twelve, N12, w);
	assert_int_equal(w[0], 7);    /* "1 概览 " */
	assert_int_equal(w[3], 9);    /* "4 志愿者 " */
	assert_int_equal(w[9], 8);    /* "10 基金 " */

	/* On section 1: the first nine, then "0 更多" (7 columns). */
	mp_sections_tabs(w, N12, 0, 79, 2, 7, &t);
	assert_int_equal(t.first, 0);
	assert_int_equal(t.last, 8);
	assert_int_equal(t.left, 0);
	assert_int_equal(t.more, 1);

	/* On section 10: it and the ones before it that fit, "<" first. */
	mp_sections_tabs(w, N12, 9, 79, 2, 7, &t);
	assert_int_equal(t.first, 1);   /* 2 to 10: 66 columns of 70 */
	assert_int_equal(t.last, 9);
	assert_int_equal(t.left, 1);
	assert_int_equal(t.more, 1);

	/* On the last: shown, at the right end. */
	mp_sections_tabs(w, N12, 11, 79, 2, 7, &t);
	assert_int_equal(t.last, 11);
	assert_int_equal(t.left, 1);

	for (int cols = 79; cols >= 9; cols -= 7)
		for (int cur = 0; cur < N12; cur++) {
			mp_sections_tabs(w, N12, cur, cols, 2, 7, &t);
			check_layout(w, N12, cur, cols, 2, 7, &t);
		}
}

static void test_tabs_edges(void **state)
{
	int w[3] = { 7, 7, 7 };
	mp_tabs t;
	(void)state;

	mp_sections_tabs(w, 0, 0, 79, 2, 7, &t);
	assert_int_equal(t.last, -1);
	/* A current tab out of range is taken as the first. */
	mp_sections_tabs(w, 3, 5, 79, 2, 7, &t);
	assert_int_equal(t.first, 0);
	assert_int_equal(t.last, 2);
	/* Too narrow for any tab and the marker: the current one alone. */
	mp_sections_tabs(w, 3, 2, 5, 2, 7, &t);
	assert_int_equal(t.first, 2);
	assert_int_equal(t.last, 2);
	assert_int_equal(t.left, 1);
	assert_int_equal(t.more, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_known_seven),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_type_few),
		cmocka_unit_test(test_type_twelve),
		cmocka_unit_test(test_tabs_seven_fit),
		cmocka_unit_test(test_tabs_twelve),
		cmocka_unit_test(test_tabs_edges),
	};
	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
