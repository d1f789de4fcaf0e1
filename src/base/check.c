/* check.c — checks of single values: codes, ID numbers, dates, phones,
 * counts.  Pure functions of their input (and of today's date). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mp_check.h"
#include "mp_text.h"

/* ---- unified social credit code (GB 32100-2015) ---- */

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* 3^i mod 31, i = 0..16 */
static const int uscc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

/* Value of c in the alphabet (either case), or -1. */
static int uscc_value(char c)
{
	const char *p;

	c = (char)toupper((unsigned char)c);
	if (c == '\0')
		return -1;
	p = strchr(uscc_alphabet, c);
	return p ? (int)(p - uscc_alphabet) : -1;
}

char mp_uscc_check_char(const char *first17)
{
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);
		if (v < 0)
			return 0;   /* also stops at the NUL of a short string */
		sum += v * uscc_weights[i];
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

/* Number of UTF-8 characters in s, so that a code typed with a Chinese
 * character in it is "wrong character", not "wrong length". */
static size_t utf8_chars(const char *s)
{
	size_t n = strlen(s), i = 0, count = 0;

	while (i < n) {
		wchar_t wc;
		i += (size_t)mp_utf8_decode(s + i, n - i, &wc);
		count++;
	}
	return count;
}

enum mp_uscc_result mp_uscc_check(const char *code, char *expected)
{
	char want;
	int i;

	if (!code || utf8_chars(code) != 18)
		return MP_USCC_LENGTH;
	for (i = 0; i < 18; i++)
		if (uscc_value(code[i]) < 0)
			return MP_USCC_CHARSET;
	want = mp_uscc_check_char(code);
	if (toupper((unsigned char)code[17]) != want) {
		if (expected)
			*expected = want;
		return MP_USCC_CHECK;
	}
	return MP_USCC_OK;
}

/* "YYYY-MM-DD" into out (y 0..9999, m and d 0..99). */
static void format_date(char out[11], int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* ---- resident ID number (GB 11643-1999) ---- */

static const int id_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

/* n decimal digits at s as an int (the caller knows they are digits). */
static int digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

enum mp_id_result mp_resident_id_check(const char *id, char birth[11])
{
	char date[11], today[11];
	int i, sum = 0, y, m, d;
	char last;

	if (!id || utf8_chars(id) != 18)
		return MP_ID_LENGTH;
	for (i = 0; i < 17; i++)
		if (!isdigit((unsigned char)id[i]))
			return MP_ID_CHARSET;
	last = (char)toupper((unsigned char)id[17]);
	if (!isdigit((unsigned char)last) && last != 'X')
		return MP_ID_CHARSET;

	y = digits_value(id + 6, 4);
	m = digits_value(id + 10, 2);
	d = digits_value(id + 12, 2);
	if (y < 1900 || !mp_date_exists(y, m, d))
		return MP_ID_BIRTHDATE;
	format_date(date, y, m, d);
	mp_today(today);
	if (strcmp(date, today) > 0)
		return MP_ID_BIRTHDATE;

	for (i = 0; i < 17; i++)
		sum += (id[i] - '0') * id_weights[i];
	if ("10X98765432"[sum % 11] != last)
		return MP_ID_CHECK;
	if (birth)
		memcpy(birth, date, sizeof date);
	return MP_ID_OK;
}

/* ---- dates ---- */

bool mp_date_exists(int y, int m, int d)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int dim;

	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	dim = days[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		dim = 29;
	return d <= dim;
}

/* Copy in into out (size outsz) with fullwidth ASCII (what a Chinese input
 * method in fullwidth mode types: "２０２４－３－５") folded to ASCII and
 * U+3000 to a space, then trimmed.  Returns false if it does not fit. */
static bool fold_ascii(const char *in, char *out, size_t outsz)
{
	size_t n = strlen(in), i = 0, pos = 0;

	while (i < n) {
		wchar_t wc;
		int len = mp_utf8_decode(in + i, n - i, &wc);
		char one = 0;

		if (wc >= 0xFF01 && wc <= 0xFF5E)
			one = (char)(wc - 0xFF01 + 0x21);
		else if (wc == 0x3000)
			one = ' ';
		if (one) {
			if (pos + 2 > outsz)
				return false;
			out[pos++] = one;
		} else {
			if (pos + (size_t)len + 1 > outsz)
				return false;
			memcpy(out + pos, in + i, (size_t)len);
			pos += (size_t)len;
		}
		i += (size_t)len;
	}
	out[pos] = '\0';
	mp_trim(out);
	return true;
}

/* Read 1..max decimal digits at *p into *v; advances *p. */
static bool read_num(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (isdigit((unsigned char)**p) && n < max) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0 && !isdigit((unsigned char)**p);
}

static bool eat(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Split a date as typed into year, month and day; false when the shape is
 * not a date. */
static bool date_shape(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	char sep;
	size_t i;

	if (strspn(s, "0123456789") == 8 && s[8] == '\0') {
		*y = digits_value(s, 4);
		*m = digits_value(s + 4, 2);
		*d = digits_value(s + 6, 2);
		return true;
	}
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	*y = digits_value(s, 4);
	p = s + 4;
	if (eat(&p, "年")) {
		if (!read_num(&p, 2, m) || !eat(&p, "月") || !read_num(&p, 2, d))
			return false;
		eat(&p, "日");
		return *p == '\0';
	}
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (!read_num(&p, 2, m) || *p != sep)
		return false;
	p++;
	if (!read_num(&p, 2, d))
		return false;
	return *p == '\0';
}

enum mp_date_result mp_date_parse(const char *in, char out[11])
{
	char buf[64];
	int y, m, d;

	if (!in || !fold_ascii(in, buf, sizeof buf))
		return MP_DATE_FORMAT;
	if (!date_shape(buf, &y, &m, &d))
		return MP_DATE_FORMAT;
	/* 0024-03-05 is a slip of the finger, not a day that does not exist. */
	if (y < 1900 || y > 2100)
		return MP_DATE_FORMAT;
	if (!mp_date_exists(y, m, d))
		return MP_DATE_NOSUCHDAY;
	if (out)
		format_date(out, y, m, d);
	return MP_DATE_OK;
}

void mp_today(char out[11])
{
	const char *env = getenv("MIAOPU_TODAY");
	struct tm tm;
	time_t now;

	if (env && *env && mp_date_parse(env, out) == MP_DATE_OK)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	format_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- phone numbers and counts ---- */

bool mp_phone_valid(const char *s)
{
	char buf[128];
	const char *p;
	int digits = 0;
	bool sep_pending = false;

	if (!s || !fold_ascii(s, buf, sizeof buf))
		return false;
	p = buf;
	if (*p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			sep_pending = false;
		} else if (*p == '-' || *p == ' ') {
			sep_pending = true;
		} else {
			return false;
		}
	}
	/* Trailing separators were trimmed; a trailing '-' was not. */
	return !sep_pending && digits >= 3 && digits <= 20;
}

bool mp_count_parse(const char *s, long long *out)
{
	char buf[64];
	long long v = 0;
	const char *p;

	if (!s || !fold_ascii(s, buf, sizeof buf) || buf[0] == '\0')
		return false;
	for (p = buf; *p; p++) {
		int dgt;

		if (!isdigit((unsigned char)*p))
			return false;
		dgt = *p - '0';
		if (v > (LLONG_MAX - dgt) / 10)
			return false;
		v = v * 10 + dgt;
	}
	if (out)
		*out = v;
	return true;
}

long mp_civil_day(int y, int m, int d)
{
	long era, yoe, doy, doe;

	/* H. Hinnant's days_from_civil. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long mp_day_number(const char *s, int *ok)
{
	int y, m, d, good;
	char tail;

	good = s && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3
	       && mp_date_exists(y, m, d);
	if (ok)
		*ok = good;
	return good ? mp_civil_day(y, m, d) : 0;
}

void mp_day_string(long z, char out[11])
{
	long era, doe, yoe, doy, mp, y, m, d;

	/* civil_from_days. */
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (unsigned)d % 100u);
}

int mp_date_add_days(const char *date, int days, char out[11])
{
	int ok;
	long z = mp_day_number(date, &ok);

	if (!ok)
		return -1;
	mp_day_string(z + days, out);
	return 0;
}
