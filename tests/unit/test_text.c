/* test_text.c — display columns of Chinese text (htop #421, tig #748,
 * newsboat #2480 are the bugs these guard against). */
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

#include "mp_i18n.h"
#include "mp_text.h"

/* Every test runs twice: under the C locale (no wide-character knowledge in
 * libc) and under a UTF-8 locale; the answers must be the same. */
static int setup_c(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

static int setup_utf8(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "zh_CN.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	return 0;
}

static void test_width_chinese(void **state)
{
	(void)state;
	/* 5 Chinese characters (10) + 3 digits (3); 18 bytes. */
	assert_int_equal(mp_text_width("和谐117爱心团"), 13);
	assert_int_equal(mp_text_width("幸福社区"), 8);
	assert_int_equal(mp_text_width(""), 0);
	assert_int_equal(mp_text_width("abc"), 3);
	assert_int_equal(mp_text_width("A组B"), 4);
	/* CJK punctuation and fullwidth forms: 《》、，（） */
	assert_int_equal(mp_text_width("《说明》"), 8);
	assert_int_equal(mp_text_width("甲，乙（丙）"), 12);
	assert_int_equal(mp_text_width("　"), 2);  /* ideographic space */
}

static void test_wcwidth(void **state)
{
	(void)state;
	assert_int_equal(mp_wcwidth(L'a'), 1);
	assert_int_equal(mp_wcwidth(0x4E2D), 2);    /* 中 */
	assert_int_equal(mp_wcwidth(0x3001), 2);    /* 、 */
	assert_int_equal(mp_wcwidth(0x3000), 2);    /* ideographic space */
	assert_int_equal(mp_wcwidth(0xFF0C), 2);    /* ， */
	assert_int_equal(mp_wcwidth(0xFFE5), 2);    /* ￥ */
	assert_int_equal(mp_wcwidth(0xAC00), 2);    /* 가 */
	assert_int_equal(mp_wcwidth(0x3042), 2);    /* あ */
	assert_int_equal(mp_wcwidth(0x30AB), 2);    /* カ */
	assert_int_equal(mp_wcwidth(0x20BB7), 2);   /* 𠮷, extension B */
	assert_int_equal(mp_wcwidth(0x0301), 0);    /* combining acute */
	assert_int_equal(mp_wcwidth(0x200B), 0);    /* zero width space */
	assert_int_equal(mp_wcwidth(L'\t'), 1);     /* control: drawn as ? */
	assert_int_equal(mp_wcwidth(0xFFFD), 1);
	/* Latin with a combining mark: one column. */
	assert_int_equal(mp_text_width("e\xcc\x81"), 1);
}

/* Widths come from Unicode's tables, not from the locale: East Asian
 * ambiguous characters take one column (a terminal's default), CJK two,
 * combining marks none, emoji two. */
static void test_wcwidth_unicode(void **state)
{
	(void)state;
	assert_int_equal(mp_wcwidth(0x00B7), 1);    /* · middle dot: ambiguous */
	assert_int_equal(mp_wcwidth(0x2014), 1);    /* — em dash: ambiguous */
	assert_int_equal(mp_wcwidth(0x201C), 1);    /* “ ambiguous */
	assert_int_equal(mp_wcwidth(0x2026), 1);    /* … ambiguous */
	assert_int_equal(mp_text_width("李·明—“好”"), 10);  /* 2+1+2+1+1+2+1 */
	assert_int_equal(mp_wcwidth(0x9F99), 2);    /* 龙 */
	assert_int_equal(mp_wcwidth(0x2A700), 2);   /* extension C */
	assert_int_equal(mp_wcwidth(0x0308), 0);    /* combining diaeresis */
	assert_int_equal(mp_wcwidth(0x3099), 0);    /* kana voiced mark */
	assert_int_equal(mp_wcwidth(0xFE0F), 0);    /* variation selector */
	assert_int_equal(mp_wcwidth(0x1F600), 2);   /* 😀 */
	assert_int_equal(mp_wcwidth(0x1F44D), 2);   /* 👍 */
	assert_int_equal(mp_wcwidth(0x1F9D1), 2);   /* 🧑, Unicode 10 */
	assert_int_equal(mp_text_width("好👍"), 4);
	assert_int_equal(mp_wcwidth(0x7F), 1);      /* DEL: drawn as ? */
	assert_int_equal(mp_wcwidth(0x85), 1);      /* C1 control */
	assert_int_equal(mp_wcwidth(-1), 1);
	assert_int_equal(mp_wcwidth(0x110000), 1);
}

static void test_fit(void **state)
{
	const char *s = "和谐117爱心团";
	int used = -1;
	size_t n;

	(void)state;
	n = mp_text_fit(s, 5, &used);
	assert_int_equal(n, strlen("和谐1"));
	assert_int_equal(used, 5);
	n = mp_text_fit(s, 4, &used);
	assert_int_equal(n, strlen("和谐"));
	assert_int_equal(used, 4);
	/* 3 columns: the second character would be cut, so it stays out. */
	n = mp_text_fit(s, 3, &used);
	assert_int_equal(n, strlen("和"));
	assert_int_equal(used, 2);
	n = mp_text_fit(s, 1, &used);
	assert_int_equal(n, 0);
	assert_int_equal(used, 0);
	n = mp_text_fit(s, 100, &used);
	assert_int_equal(n, strlen(s));
	assert_int_equal(used, 13);
	n = mp_text_fit("abcdef", 4, NULL);
	assert_int_equal(n, 4);
	/* A combining mark stays with its letter. */
	n = mp_text_fit("e\xcc\x81x", 1, &used);
	assert_int_equal(n, 3);
	assert_int_equal(used, 1);
}

static void test_pad(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(mp_text_pad(out, sizeof out, "和谐社区", 5), "和谐 ");
	assert_int_equal(mp_text_width(out), 5);
	assert_string_equal(mp_text_pad(out, sizeof out, "和谐社区", 8), "和谐社区");
	assert_string_equal(mp_text_pad(out, sizeof out, "和谐社区", 10), "和谐社区  ");
	assert_string_equal(mp_text_pad(out, sizeof out, "abc", 5), "abc  ");
	assert_string_equal(mp_text_pad(out, sizeof out, "abcdefg", 3), "abc");
	assert_string_equal(mp_text_pad(out, sizeof out, "", 3), "   ");
	assert_string_equal(mp_text_pad(out, sizeof out, "和谐117爱心团", 5), "和谐1");
	assert_string_equal(mp_text_pad(out, sizeof out, "A组B", 2), "A ");
	assert_string_equal(mp_text_pad(out, sizeof out, "abc", 0), "");
	/* Line breaks in a note must not break a list row. */
	assert_string_equal(mp_text_pad(out, sizeof out, "a\nb", 4), "a?b ");
}

static void test_pad_small_buffer(void **state)
{
	char out[8];

	(void)state;
	/* 10 columns cannot fit in 8 bytes: no overflow, no half character,
	 * as much padding as the buffer holds. */
	mp_text_pad(out, sizeof out, "和谐社区", 10);
	assert_string_equal(out, "       ");
	mp_text_pad(out, sizeof out, "和谐", 4);
	assert_string_equal(out, "和谐");
}

static void test_invalid_bytes(void **state)
{
	char out[16];

	(void)state;
	/* Two stray bytes, then "ab": one column each. */
	assert_int_equal(mp_text_width("\xff\xfe" "ab"), 4);
	/* A Chinese character cut short: two invalid bytes. */
	assert_int_equal(mp_text_width("\xe4\xb8"), 2);
	assert_int_equal(mp_text_width("\xe4\xb8" "a"), 3);
	/* Overlong NUL and a UTF-16 surrogate are not characters. */
	assert_int_equal(mp_text_width("\xc0\x80"), 2);
	assert_int_equal(mp_text_width("\xed\xa0\x80"), 3);
	assert_string_equal(mp_text_pad(out, sizeof out, "\xff" "ab", 4), "?ab ");
}

/* Import decides between UTF-8 and GB18030 with this. */
static void test_utf8_valid(void **state)
{
	const char *zh = "和谐117爱心团";
	(void)state;
	assert_true(mp_utf8_valid(zh, strlen(zh)));
	assert_true(mp_utf8_valid("\xEF\xBF\xBD", 3));         /* a real U+FFFD */
	assert_true(mp_utf8_valid("", 0));
	assert_false(mp_utf8_valid("\xBA\xCD\xD0\xB3", 4));  /* 和谐 in GB18030 */
	assert_false(mp_utf8_valid("\xC0\xAF", 2));           /* overlong '/' */
	assert_false(mp_utf8_valid("\xED\xA0\x80", 3));       /* a surrogate */
	assert_false(mp_utf8_valid("\xE5\x92", 2));           /* cut short */
	assert_false(mp_utf8_valid(zh, strlen(zh) - 1));      /* last character cut */
}

static void test_utf8_codec(void **state)
{
	char buf[8];
	wchar_t wc;

	(void)state;
	assert_int_equal(mp_utf8_decode("中", 3, &wc), 3);
	assert_int_equal(wc, 0x4E2D);
	assert_int_equal(mp_utf8_decode("中", 2, &wc), 1);   /* truncated */
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(mp_utf8_decode("\xf0\x9f\x98\x80", 4, &wc), 4);
	assert_int_equal(wc, 0x1F600);
	assert_int_equal(mp_utf8_decode("\xf4\x90\x80\x80", 4, &wc), 1);  /* > U+10FFFF */
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(mp_utf8_decode("\x80", 1, &wc), 1);
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(mp_utf8_decode("é", 2, &wc), 2);
	assert_int_equal(wc, 0xE9);

	assert_int_equal(mp_utf8_encode(0x4E2D, buf), 3);
	assert_memory_equal(buf, "中", 3);
	assert_int_equal(mp_utf8_encode(L'A', buf), 1);
	assert_int_equal(buf[0], 'A');
	assert_int_equal(mp_utf8_encode(0xE9, buf), 2);
	assert_memory_equal(buf, "é", 2);
	assert_int_equal(mp_utf8_encode(0x20BB7, buf), 4);
	assert_memory_equal(buf, "𠮷", 4);
	assert_int_equal(mp_utf8_encode(0xD800, buf), 3);  /* -> U+FFFD */
	assert_memory_equal(buf, "\xef\xbf\xbd", 3);
	assert_int_equal(mp_utf8_encode(0x110000, buf), 3);  /* -> U+FFFD */
	assert_memory_equal(buf, "\xef\xbf\xbd", 3);
	/* A real U+FFFD decodes whole; a cut-short sequence is one bad byte. */
	assert_int_equal(mp_utf8_decode("\xef\xbf\xbd", 3, &wc), 3);
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(mp_utf8_decode("\xf0\x9f\x98", 3, &wc), 1);
	assert_int_equal(wc, 0xFFFD);
	assert_int_equal(mp_utf8_decode("", 0, &wc), 1);
	assert_int_equal(wc, 0xFFFD);
}

static void test_trim(void **state)
{
	char a[] = "　名称 ";
	char b[] = " \t \n";
	char c[] = "abc";
	char d[] = "\t名　称\r\n";
	char e[] = "　　";
	char f[] = "  x  ";

	(void)state;
	assert_string_equal(mp_trim(a), "名称");
	assert_string_equal(mp_trim(b), "");
	assert_string_equal(mp_trim(c), "abc");
	assert_string_equal(mp_trim(d), "名　称");
	assert_string_equal(mp_trim(e), "");
	assert_string_equal(mp_trim(f), "x");
}

static void test_alloc(void **state)
{
	char *s;

	(void)state;
	s = mp_strdup("幸福社区");
	assert_string_equal(s, "幸福社区");
	free(s);
	s = mp_strdup(NULL);
	assert_string_equal(s, "");
	free(s);
	s = mp_asprintf("%s:%d: %s", "a.conf", 12, "坏了");
	assert_string_equal(s, "a.conf:12: 坏了");
	free(s);
}

static void test_is_zh(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "zh_CN.UTF-8"))
		skip();
	assert_true(mp_i18n_is_zh());
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_false(mp_i18n_is_zh());
	if (setlocale(LC_ALL, "en_US.UTF-8"))
		assert_false(mp_i18n_is_zh());
	/* Chinese messages with another LC_CTYPE still count as Chinese. */
	if (setlocale(LC_MESSAGES, "zh_CN.UTF-8"))
		assert_true(mp_i18n_is_zh());
	setlocale(LC_ALL, "C");
}

#define BOTH(f) \
	cmocka_unit_test_setup(f, setup_c), \
	cmocka_unit_test_setup(f, setup_utf8)

/* Runs kept end to end come back whole by their offsets, past the
 * buffer's moves as it grows. */
static void test_arena(void **state)
{
	mp_arena a = { 0 };
	size_t at[3000];
	char buf[16];
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		snprintf(buf, sizeof buf, "丽%d", i);
		at[i] = mp_arena_add(&a, buf, strlen(buf) + 1);
	}
	assert_int_equal(mp_arena_add(&a, "", 0), a.used);
	for (i = 0; i < 3000; i += 499) {
		snprintf(buf, sizeof buf, "丽%d", i);
		assert_string_equal(a.p + at[i], buf);
	}
	mp_arena_free(&a);
	assert_null(a.p);
	assert_int_equal(a.used, 0);
}

static void test_ellipsis(void **state)
{
	char out[128];
	(void)state;
	/* Fits: padded, no mark. */
	assert_string_equal(mp_text_ellipsis(out, sizeof out, "Grade", 6), "Grade ");
	/* Cut: the last column is the mark. */
	assert_string_equal(mp_text_ellipsis(out, sizeof out, "Legal status", 8), "Legal s\xe2\x80\xa6");
	/* A Chinese character that would straddle the edge: a space, then the mark. */
	assert_string_equal(mp_text_ellipsis(out, sizeof out, "东湖村留守儿童", 6), "东湖\xe2\x80\xa6 ");
	assert_string_equal(mp_text_ellipsis(out, sizeof out, "东湖村留守儿童", 7), "东湖村\xe2\x80\xa6");
	assert_int_equal(mp_text_width(mp_text_ellipsis(out, sizeof out, "东湖村留守儿童", 7)), 7);
}

static void test_wrap(void **state)
{
	const char *p, *next;
	int used;
	size_t len;
	(void)state;
	/* Chinese breaks between characters; a line never starts with "，". */
	p = "还没有保存，已替您保存";
	len = mp_text_wrap(p, 10, &used, &next);
	assert_int_equal(used, 8);      /* 还没有保 — "存，" stay together */
	assert_int_equal(len, strlen("还没有保"));
	assert_string_equal(next, "存，已替您保存");
	/* Words break at spaces, which are dropped at the break. */
	p = "Open it to check and save it";
	len = mp_text_wrap(p, 12, &used, &next);
	assert_int_equal(len, 10);      /* "Open it to" */
	assert_string_equal(next, "check and save it");
	/* A word longer than the line is cut. */
	len = mp_text_wrap("abcdefghij", 4, &used, &next);
	assert_int_equal(len, 4);
	assert_string_equal(next, "efghij");
	/* A newline ends a line. */
	len = mp_text_wrap("ab\ncd", 10, &used, &next);
	assert_int_equal(len, 2);
	assert_string_equal(next, "cd");
	assert_int_equal(mp_text_wrap("", 10, &used, &next), 0);
	assert_int_equal(mp_text_wrap_count("还没有保存，已替您保存", 10), 3);
	assert_int_equal(mp_text_wrap_count("", 10), 1);
	assert_int_equal(mp_text_wrap_count("一二三四五六七八九十", 4), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_width_chinese),
		BOTH(test_wcwidth),
		BOTH(test_wcwidth_unicode),
		BOTH(test_fit),
		BOTH(test_pad),
		BOTH(test_pad_small_buffer),
		BOTH(test_invalid_bytes),
		cmocka_unit_test(test_utf8_codec),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_is_zh),
		cmocka_unit_test(test_arena),
		BOTH(test_ellipsis),
		BOTH(test_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
