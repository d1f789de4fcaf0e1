/* text.c — UTF-8 text measured in terminal display columns.
 *
 * Decoding and widths come from libunistring, whose tables follow current
 * Unicode and do not depend on the C library's idea of the current locale:
 * a ledger full of Chinese names must line up the same under LANG=C as
 * under zh_CN.UTF-8. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include <wchar.h>

#include "mp_err.h"
#include "mp_text.h"

static int is_control(wchar_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

int mp_wcwidth(wchar_t c)
{
	int w;

	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c < 0 || c > 0x10FFFF || is_control(c))
		return 1;
	/* "UTF-8", not a CJK legacy encoding: East Asian ambiguous characters
	 * (·, —, “ ”, …) take one column, as terminals draw them by default. */
	w = uc_width((ucs4_t)c, "UTF-8");
	/* uc_width gives -1 only for control characters, excluded above. */
	return w < 0 ? 1 : w;
}

int mp_utf8_decode(const char *str, size_t n, wchar_t *wc)
{
	ucs4_t uc;
	int len;

	*wc = 0xFFFD;
	if (n == 0)
		return 1;
	/* u8_mbtoucr, not u8_mbtouc: it tells an invalid or cut-short
	 * sequence (negative) from a real U+FFFD, and we step over a bad
	 * sequence one byte at a time so that each bad byte is one '?'. */
	len = u8_mbtoucr(&uc, (const uint8_t *)str, n);
	if (len < 1)
		return 1;
	*wc = (wchar_t)uc;
	return len;
}

int mp_utf8_valid(const char *s, size_t n)
{
	/* u8_check refuses overlong forms, surrogates and code points past
	 * U+10FFFF, as mp_utf8_decode does. */
	return u8_check((const uint8_t *)s, n) == NULL;
}

int mp_utf8_encode(wchar_t wc, char *buf)
{
	int len = -1;

	if (wc >= 0 && wc <= 0x10FFFF)
		len = u8_uctomb((uint8_t *)buf, (ucs4_t)wc, 4);
	/* A surrogate or a number past Unicode is written as U+FFFD. */
	if (len < 1)
		len = u8_uctomb((uint8_t *)buf, 0xFFFD, 4);
	return len;
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
		mp_oom();
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
		mp_oom();
	return s;
}

size_t mp_arena_add(mp_arena *a, const void *s, size_t len)
{
	size_t at = a->used;

	/* A length past what memory can hold is out of memory too, not a
	 * size that wraps round to a small buffer. */
	if (len > (SIZE_MAX - 4096) / 2 - a->used)
		mp_oom();
	if (a->used + len > a->size) {
		a->size = (a->used + len) * 2 + 4096;
		a->p = realloc(a->p, a->size);
		if (!a->p)
			mp_oom();
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

char *mp_text_ellipsis(char *out, size_t outsz, const char *s, int cols)
{
	char head[1024];
	size_t fit;

	if (!s)
		s = "";
	if (cols <= 0 || mp_text_width(s) <= cols)
		return mp_text_pad(out, outsz, s, cols);
	/* What fits in one column less, then "…" (U+2026, one column);
	 * mp_text_pad pads it and draws control characters as '?'. */
	fit = mp_text_fit(s, cols - 1, NULL);
	if (fit > sizeof head - 4)
		fit = sizeof head - 4;
	memcpy(head, s, fit);
	memcpy(head + fit, "\xe2\x80\xa6", 4);
	return mp_text_pad(out, outsz, head, cols);
}

/* Characters a line must not begin with (Chinese line-breaking rules:
 * closing punctuation stays with what it closes). */
static int no_line_start(wchar_t c)
{
	static const wchar_t closing[] = L"，。、；：？！）》」』】〕”’…,.;:?!)]}%";
	return c && wcschr(closing, c) != NULL;
}

static int is_wide(wchar_t c)
{
	return mp_wcwidth(c) == 2;
}

size_t mp_text_wrap(const char *s, int cols, int *used, const char **next)
{
	size_t n, i = 0, brk = 0;
	int w = 0, brk_w = 0;

	if (used)
		*used = 0;
	if (!s || !*s) {
		if (next)
			*next = s;
		return 0;
	}
	if (cols < 1)
		cols = 1;
	n = strlen(s);
	while (i < n) {
		wchar_t wc, nc = 0;
		int len = mp_utf8_decode(s + i, n - i, &wc);
		int cw = mp_wcwidth(wc);

		if (wc == '\n') {
			if (used)
				*used = w;
			if (next)
				*next = s + i + 1;
			return i;
		}
		if (w + cw > cols)
			break;
		w += cw;
		i += (size_t)len;
		if (i < n)
			mp_utf8_decode(s + i, n - i, &nc);
		/* A place to break after this character: a space, or between
		 * two characters of which one is Chinese, unless what follows
		 * must not begin a line. */
		if (i < n && !no_line_start(nc) &&
		    (wc == ' ' || nc == ' ' || is_wide(wc) || is_wide(nc))) {
			brk = i;
			brk_w = w;
		}
	}
	if (i >= n) {
		brk = n;
		brk_w = w;
	} else if (brk == 0) {
		/* One word longer than the line: cut it (at least one
		 * character, so that the caller always moves on). */
		if (i == 0) {
			wchar_t wc;
			i = (size_t)mp_utf8_decode(s, n, &wc);
			w = mp_wcwidth(wc);
		}
		brk = i;
		brk_w = w;
	}
	{
		size_t len = brk, after = brk;
		int lw = brk_w;
		while (len > 0 && s[len - 1] == ' ') {
			len--;
			lw--;
		}
		while (after < n && s[after] == ' ')
			after++;
		if (used)
			*used = lw;
		if (next)
			*next = s + after;
		return len ? len : brk;
	}
}

int mp_text_wrap_count(const char *s, int cols)
{
	int lines = 0;
	const char *p = s ? s : "";

	while (*p) {
		const char *next;
		mp_text_wrap(p, cols, NULL, &next);
		lines++;
		if (next == p)
			break;
		p = next;
	}
	return lines ? lines : 1;
}
