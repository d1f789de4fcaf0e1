/* money.c — amounts of money, scores and percentages, exactly.
 *
 * Each is read with integer arithmetic into a whole number of its
 * smallest unit (fen, tenths of a point, hundredths of a percent) and
 * written back from it; nothing goes through a double, so 0.1 + 0.2 元 is
 * 30 fen.  The field kinds (kinds.c) keep these in INTEGER columns; the
 * reports format their sums with the same functions. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mp_money.h"
#include "mp_text.h"

/* Characters a number may be typed with, read one code point at a time:
 * full-width forms and the ideographic full stop (what a Chinese input
 * method gives for '.') as their ASCII; the currency and unit signs as
 * the bytes below; anything else as '?'.  ASCII control characters never
 * stand for anything. */
enum { SYM_YUAN_SIGN = 1, SYM_YUAN, SYM_WAN, SYM_FEN_POINTS };

static size_t symbolise(const char *s, char *out, size_t size)
{
	size_t n = strlen(s), i = 0, o = 0;

	while (i < n && o + 1 < size) {
		wchar_t wc;
		int len = mp_utf8_decode(s + i, n - i, &wc);
		char c;

		if (wc >= 0xFF01 && wc <= 0xFF5E)
			c = (char)(wc - 0xFF01 + 0x21);
		else if (wc == 0x3000)
			c = ' ';
		else if (wc == 0x3002)            /* 。 */
			c = '.';
		else if (wc == 0xFFE5 || wc == 0xA5)   /* ￥ ¥ */
			c = SYM_YUAN_SIGN;
		else if (wc == 0x5143 || wc == 0x5757) /* 元 块 */
			c = SYM_YUAN;
		else if (wc == 0x4E07)            /* 万 */
			c = SYM_WAN;
		else if (wc == 0x5206)            /* 分 */
			c = SYM_FEN_POINTS;
		else if (wc >= 0x20 && wc < 0x7F)
			c = (char)wc;
		else
			c = '?';
		out[o++] = c;
		i += (size_t)len;
	}
	out[o] = '\0';
	/* Too long to be a number: the caller sees a '?'. */
	if (i < n && o > 0)
		out[o - 1] = '?';
	return o;
}

static void trim_spaces(char **b, char **e)
{
	while (*b < *e && **b == ' ')
		(*b)++;
	while (*e > *b && (*e)[-1] == ' ')
		(*e)--;
}

/* The decimal number in [b, e) as a whole number of 10^-decimals units.
 * commas: thousands separators are allowed (in groups of three, or not at
 * all).  No sign.  Decimals beyond the unit must be zeros ("1.50" for a
 * unit of tenths, not "1.55"). */
static enum mp_parse_result fixed(const char *b, const char *e, int decimals,
                                  int commas, int64_t *out)
{
	const char *p = b;
	int64_t v = 0;
	int nint = 0, nfrac = 0, group = -1, big = 0;

	while (p < e && ((*p >= '0' && *p <= '9') || (commas && *p == ','))) {
		if (*p == ',') {
			/* "1,234" and "12,345,678"; not ",5", "1,5" or "1,2345". */
			if (nint == 0 || (group >= 0 ? group != 3 : nint > 3))
				return MP_PARSE_NOTNUM;
			group = 0;
		} else {
			if (v > INT64_MAX / 100)
				big = 1;
			else
				v = v * 10 + (*p - '0');
			nint++;
			if (group >= 0)
				group++;
		}
		p++;
	}
	if (group >= 0 && group != 3)
		return MP_PARSE_NOTNUM;
	if (p < e && *p == '.') {
		p++;
		while (p < e && *p >= '0' && *p <= '9') {
			if (nfrac < decimals) {
				if (v > INT64_MAX / 100)
					big = 1;
				else
					v = v * 10 + (*p - '0');
			} else if (*p != '0') {
				/* Read to the end first: "1.2.3" is no number. */
				const char *q = p;

				while (q < e && *q >= '0' && *q <= '9')
					q++;
				return q == e ? MP_PARSE_DECIMALS : MP_PARSE_NOTNUM;
			}
			nfrac++;
			p++;
		}
	}
	if (p != e || nint + nfrac == 0)
		return MP_PARSE_NOTNUM;
	for (; nfrac < decimals; nfrac++) {
		if (v > INT64_MAX / 100)
			big = 1;
		else
			v *= 10;
	}
	if (big)
		return MP_PARSE_TOOBIG;
	*out = v;
	return MP_PARSE_OK;
}

/* An optional '-' (or '+') at *b; returns -1 or 1. */
static int sign(char **b, char *e)
{
	int s = 1;

	if (*b < e && (**b == '-' || **b == '+')) {
		s = **b == '-' ? -1 : 1;
		(*b)++;
		trim_spaces(b, &e);
	}
	return s;
}

enum mp_parse_result mp_money_parse(const char *s, int negative, int64_t *fen)
{
	char buf[64], *b = buf, *e;
	int sg, decimals = 2;
	int64_t v;
	enum mp_parse_result rc;

	e = buf + symbolise(s, buf, sizeof buf);
	trim_spaces(&b, &e);
	/* "-￥5", "￥-5", "RMB 5", "5元", "5 元", "1.5万", "1.5万元". */
	sg = sign(&b, e);
	if (b < e && *b == SYM_YUAN_SIGN)
		b++;
	else if (e - b >= 3 && (!strncasecmp(b, "RMB", 3) || !strncasecmp(b, "CNY", 3)))
		b += 3;
	trim_spaces(&b, &e);
	if (sg > 0)
		sg = sign(&b, e);
	if (b < e && e[-1] == SYM_YUAN)
		e--;
	if (b < e && e[-1] == SYM_WAN) {
		e--;
		/* 1 万 is 10,000 元, 10^6 fen: six decimals of 万 are fen. */
		decimals = 6;
	}
	trim_spaces(&b, &e);
	rc = fixed(b, e, decimals, 1, &v);
	if (rc != MP_PARSE_OK)
		return rc;
	if (v > MP_MONEY_MAX)
		return MP_PARSE_TOOBIG;
	if (sg < 0 && v != 0 && !negative)
		return MP_PARSE_NEGATIVE;
	*fen = sg < 0 ? -v : v;
	return MP_PARSE_OK;
}

char *mp_money_format(int64_t fen, int group, char *buf, size_t size)
{
	char digits[24], *w;
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	int n, i, o = 0;
	char out[40];

	n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
	if (fen < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (group && i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	w = out + o;
	snprintf(w, sizeof out - (size_t)o, ".%02u", (unsigned)(a % 100));
	snprintf(buf, size, "%s", out);
	return buf;
}

/* A number of 10^-decimals units between 0 and max, with an optional
 * unit sign (suffix) at its end. */
static enum mp_parse_result bounded(const char *s, int decimals, int64_t max,
                                    char suffix, int64_t *out)
{
	char buf[48], *b = buf, *e;
	int sg;
	int64_t v;
	enum mp_parse_result rc;

	e = buf + symbolise(s, buf, sizeof buf);
	trim_spaces(&b, &e);
	sg = sign(&b, e);
	if (b < e && e[-1] == suffix)
		e--;
	trim_spaces(&b, &e);
	rc = fixed(b, e, decimals, 0, &v);
	if (rc != MP_PARSE_OK)
		return rc;
	if (sg < 0 && v != 0)
		return MP_PARSE_NEGATIVE;
	if (v > max)
		return MP_PARSE_TOOBIG;
	*out = v;
	return MP_PARSE_OK;
}

enum mp_parse_result mp_score_parse(const char *s, int64_t *tenths)
{
	return bounded(s, 1, 1000, SYM_FEN_POINTS, tenths);
}

enum mp_parse_result mp_percent_parse(const char *s, int64_t *hundredths)
{
	return bounded(s, 2, 10000, '%', hundredths);
}

char *mp_decimal_format(int64_t v, int decimals, char *buf, size_t size)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char frac[20];
	int d;

	if (decimals > 18)
		decimals = 18;
	/* The decimals, then without their trailing zeros. */
	for (d = decimals - 1; d >= 0; d--, a /= 10)
		frac[d] = (char)('0' + a % 10);
	d = decimals;
	while (d > 0 && frac[d - 1] == '0')
		d--;
	frac[d] = '\0';
	snprintf(buf, size, "%s%llu%s%s", v < 0 ? "-" : "", (unsigned long long)a,
	         d ? "." : "", frac);
	return buf;
}
