/* text.c — UTF-8 text measured in terminal display columns.
 *
 * The decoder is our own so that widths do not depend on the C library's
 * idea of the current locale: a ledger full of Chinese names must line up
 * the same under LANG=C as under zh_CN.UTF-8. */
#include "config.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mp_text.h"

struct range {
	wchar_t lo, hi;
};

/* Characters that are always two columns wide, whatever the locale says.
 * Sorted, not overlapping.  U+302A-302D and U+3099-309A are combining
 * marks inside these blocks; zero_width[] is checked first. */
static const struct range wide[] = {
	{ 0x1100, 0x115F },   /* Hangul Jamo initial consonants */
	{ 0x2E80, 0x303E },   /* CJK radicals, Kangxi, CJK symbols & punctuation */
	{ 0x3041, 0x33FF },   /* Hiragana, Katakana, Bopomofo, Hangul compat. jamo, ... */
	{ 0x3400, 0x4DBF },   /* CJK Unified Ideographs Extension A */
	{ 0x4E00, 0x9FFF },   /* CJK Unified Ideographs */
	{ 0xA000, 0xA4CF },   /* Yi */
	{ 0xA960, 0xA97F },   /* Hangul Jamo Extended-A */
	{ 0xAC00, 0xD7A3 },   /* Hangul syllables */
	{ 0xF900, 0xFAFF },   /* CJK Compatibility Ideographs */
	{ 0xFE10, 0xFE19 },   /* vertical forms */
	{ 0xFE30, 0xFE6F },   /* CJK compatibility forms, small form variants */
	{ 0xFF00, 0xFF60 },   /* fullwidth forms */
	{ 0xFFE0, 0xFFE6 },   /* fullwidth signs */
	{ 0x1F300, 0x1F64F }, /* pictographs, emoticons */
	{ 0x1F900, 0x1F9FF }, /* supplemental symbols and pictographs */
	{ 0x20000, 0x2FFFD }, /* CJK Extensions B-F, compatibility supplement */
	{ 0x30000, 0x3FFFD }, /* CJK Extension G and after */
};

/* Combining marks and other characters that take no column. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F },   /* combining diacritical marks */
	{ 0x0483, 0x0489 },
	{ 0x0591, 0x05BD },
	{ 0x0610, 0x061A },
	{ 0x064B, 0x065F },
	{ 0x1160, 0x11FF },   /* Hangul Jamo medial vowels and final consonants */
	{ 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F },   /* zero width space, joiners, direction marks */
	{ 0x20D0, 0x20FF },   /* combining marks for symbols */
	{ 0x302A, 0x302D },   /* ideographic tone marks */
	{ 0x3099, 0x309A },   /* kana voiced sound marks */
	{ 0xFE00, 0xFE0F },   /* variation selectors */
	{ 0xFE20, 0xFE2F },   /* combining half marks */
	{ 0xFEFF, 0xFEFF },   /* byte-order mark */
	{ 0xE0100, 0xE01EF }, /* variation selectors supplement */
};

static int in_table(wchar_t c, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c < t[mid].lo)
			hi = mid;
		else if (c > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static int is_control(wchar_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

int mp_wcwidth(wchar_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c < 0 || c > 0x10FFFF || is_control(c))
		return 1;
	if (in_table(c, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (in_table(c, wide, sizeof wide / sizeof wide[0]))
		return 2;
	if (locale_is_utf8()) {
		int w = wcwidth(c);
		if (w >= 0)
			return w > 2 ? 2 : w;
	}
	return 1;
}

int mp_utf8_decode(const char *str, size_t n, wchar_t *wc)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long c;
	int len, i;

	*wc = 0xFFFD;
	if (n == 0)
		return 1;
	if (s[0] < 0x80) {
		*wc = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 1;   /* continuation byte, overlong lead, or beyond U+10FFFF */
	}
	if ((size_t)len > n)
		return 1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Reject overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 1;
	*wc = (wchar_t)c;
	return len;
}

int mp_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		wchar_t wc;
		int len = mp_utf8_decode(s + i, n - i, &wc);

		/* A real U+FFFD is three bytes; a one-byte U+FFFD is a bad byte. */
		if (wc == 0xFFFD && len == 1)
			return 0;
		i += (size_t)len;
	}
	return 1;
}

int mp_utf8_encode(wchar_t wc, char *buf)
{
	unsigned long c = (unsigned long)wc;
	unsigned char *b = (unsigned char *)buf;

	if (wc < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | (c >> 6));
		b[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (c >> 12));
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (c >> 18));
	b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

int mp_text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		wchar_t wc;
		i += (size_t)mp_utf8_decode(s + i, n - i, &wc);
		w += mp_wcwidth(wc);
	}
	return w;
}

size_t mp_text_fit(const char *s, int cols, int *used)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		wchar_t wc;
		int len = mp_utf8_decode(s + i, n - i, &wc);
		int cw = mp_wcwidth(wc);
		if (w + cw > cols)
			break;
		w += cw;
		i += (size_t)len;
	}
	if (used)
		*used = w;
	return i;
}

char *mp_text_pad(char *out, size_t outsz, const char *s, int cols)
{
	size_t n = strlen(s), i = 0, pos = 0;
	int w = 0;

	if (!out || outsz == 0)
		return out;
	if (cols < 0)
		cols = 0;
	while (i < n) {
		wchar_t wc;
		int len = mp_utf8_decode(s + i, n - i, &wc);
		int cw = mp_wcwidth(wc);
		/* Invalid bytes and control characters would upset the
		 * terminal's idea of the column: draw them as '?'. */
		int bad = (wc == 0xFFFD && len == 1) || is_control(wc);
		size_t outlen = bad ? 1 : (size_t)len;

		if (w + cw > cols)
			break;
		/* Keep room for the padding that must follow and the NUL. */
		if (pos + outlen + (size_t)(cols - w - cw) + 1 > outsz)
			break;
		if (bad)
			out[pos] = '?';
		else
			memcpy(out + pos, s + i, outlen);
		pos += outlen;
		w += cw;
		i += (size_t)len;
	}
	while (w < cols && pos + 1 < outsz) {
		out[pos++] = ' ';
		w++;
	}
	out[pos] = '\0';
	return out;
}

/* Length of white space at p: ASCII blanks or U+3000 (E3 80 80). */
static size_t space_len(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\v' || *p == '\f')
		return 1;
	if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80)
		return 3;
	return 0;
}

char *mp_trim(char *s)
{
	size_t start = 0, end, k;

	if (!s)
		return s;
	while ((k = space_len(s + start)) > 0)
		start += k;
	end = strlen(s);
	while (end > start) {
		if (strchr(" \t\n\r\v\f", s[end - 1]) && s[end - 1] != '\0') {
			end--;
		} else if (end - start >= 3 &&
			   space_len(s + end - 3) == 3) {
			end -= 3;
		} else {
			break;
		}
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

char *mp_strdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

char *mp_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		abort();
	return s;
}

size_t mp_arena_add(mp_arena *a, const void *s, size_t len)
{
	size_t at = a->used;

	if (a->used + len > a->size) {
		a->size = (a->used + len) * 2 + 4096;
		a->p = realloc(a->p, a->size);
		if (!a->p)
			abort();
	}
	if (len)
		memcpy(a->p + a->used, s, len);
	a->used += len;
	return at;
}

void mp_arena_free(mp_arena *a)
{
	free(a->p);
	memset(a, 0, sizeof *a);
}
