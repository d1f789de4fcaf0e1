/* kinds.c — the field kinds: one row of operations per kind (mp_kinds.h),
 * and checking one field through its row.
 *
 * Every rule that belongs to a kind is here: what a date, a time, a
 * number of hours, a credit code or an amount of money may look like,
 * how each is stored, shown and exported.  record.c, list.c, export.c and
 * the screens call through mp_kinds[] and never ask which kind they have.
 *
 * Money, scores and percentages are read (money.c) with integer
 * arithmetic into a whole number of their smallest unit and kept in an
 * INTEGER column: 0.1 + 0.2 is 30 fen, not 0.30000000000000004 元. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_kinds.h"
#include "mp_text.h"

/* ---- small helpers ---- */

/* Characters (not bytes) in a UTF-8 string. */
static int utf8_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Full-width digits, letters and minus (as an input method types them)
 * become ASCII, in place: "９１３５" is what the user meant by "9135". */
static void fold_fullwidth(char *s)
{
	char *w = s;
	size_t n = strlen(s);
	const char *p = s;

	while (*p) {
		wchar_t wc;
		int len = mp_utf8_decode(p, n - (size_t)(p - s), &wc);

		if (wc >= 0xFF01 && wc <= 0xFF5E) {
			*w++ = (char)(wc - 0xFF01 + 0x21);
		} else {
			memmove(w, p, (size_t)len);
			w += len;
		}
		p += len;
	}
	*w = '\0';
}

/* s upper-cased (ASCII letters only) into out; 0 when it does not fit. */
static int upcase_copy(const char *s, char *out, size_t size)
{
	size_t n = strlen(s), i;

	if (n + 1 > size)
		return 0;
	for (i = 0; i <= n; i++)
		out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
	return 1;
}

/* A positive decimal id without sign: "012" -> 12; 0 if v is not one. */
static int64_t parse_id(const char *v)
{
	int64_t id = 0;

	if (!*v)
		return 0;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || id > (INT64_MAX - 9) / 10)
			return 0;
		id = id * 10 + (*v - '0');
	}
	return id;
}

static int bind_text(struct sqlite3_stmt *st, int param, const char *v)
{
	return sqlite3_bind_text(st, param, v, -1, SQLITE_STATIC);
}

static int bind_int(struct sqlite3_stmt *st, int param, const char *v)
{
	return sqlite3_bind_int64(st, param, strtoll(v, NULL, 10));
}

/* ---- dates ---- */

static int date_normalise(const mp_field *f, const char *v, char *out,
                          size_t size)
{
	char d[11];

	(void)f;
	if (size < sizeof d || mp_date_parse(v, d) != MP_DATE_OK)
		return 0;
	memcpy(out, d, sizeof d);
	return 1;
}

static int date_check(const mp_config *cfg, const mp_field *f, int i,
                      const char *v, mp_err *e)
{
	char d[11], today[11];

	(void)cfg;
	switch (mp_date_parse(v, d)) {
	case MP_DATE_OK:
		break;
	case MP_DATE_NOSUCHDAY:
		return mp_err_field(e, MP_EINVAL, i, _("%s: %s does not exist"), mp_field_label(f), v);
	default:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not a date (write it as 2024-03-05)"), mp_field_label(f), v);
	}
	if (f->flags & MP_F_NOFUTURE) {
		mp_today(today);
		if (strcmp(d, today) > 0)
			return mp_err_field(e, MP_EINVAL, i, _("%s: %s is in the future"), mp_field_label(f), d);
	}
	return MP_OK;
}

/* ---- whole numbers ---- */

static int count_normalise(const mp_field *f, const char *v, char *out,
                           size_t size)
{
	long long c;

	(void)f;
	if (!mp_count_parse(v, &c))
		return 0;
	snprintf(out, size, "%lld", c);
	return 1;
}

static int count_check(const mp_config *cfg, const mp_field *f, int i,
                       const char *v, mp_err *e)
{
	long long c;

	(void)cfg;
	if (!mp_count_parse(v, &c))
		return mp_err_field(e, MP_EINVAL, i, _("%s: must be a whole number, 0 or more"), mp_field_label(f));
	return MP_OK;
}

/* ---- choices ---- */

static int choice_check(const mp_config *cfg, const mp_field *f, int i,
                        const char *v, mp_err *e)
{
	const mp_strlist *l;

	/* An empty list (e.g. no communities configured) takes free text. */
	if (!cfg)
		return MP_OK;
	l = mp_config_choices(cfg, f->choice);
	if (l->n > 0 && mp_strlist_find(l, v) < 0)
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not one of the choices"), mp_field_label(f), v);
	return MP_OK;
}

/* ---- credit codes, ID numbers ---- */

static int upcase_normalise(const mp_field *f, const char *v, char *out,
                            size_t size)
{
	(void)f;
	return upcase_copy(v, out, size);
}

static int uscc_check(const mp_config *cfg, const mp_field *f, int i,
                      const char *v, mp_err *e)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	const char *label = mp_field_label(f);
	const char *p;
	char expected = 0;
	int n = utf8_chars(v);

	(void)cfg;
	if (n != 18)
		return mp_err_field(e, MP_EINVAL, i, _("%s: must have 18 characters, it has %d"), label, n);
	for (p = v; *p; ) {
		wchar_t wc;
		int len = mp_utf8_decode(p, strlen(p), &wc);

		if (len != 1 || !strchr(alphabet, *p))
			return mp_err_field(e, MP_EINVAL, i,
				_("%s: “%.*s” cannot appear in a credit code (I, O, S, V, Z are never used)"),
				label, len, p);
		p += len;
	}
	if (mp_uscc_check(v, &expected) != MP_USCC_OK)
		return mp_err_field(e, MP_EINVAL, i, _("%s: the check character is wrong, it should be %c"),
		                    label, expected ? expected : '?');
	return MP_OK;
}

/* ---- phone numbers ---- */

static int phone_check(const mp_config *cfg, const mp_field *f, int i,
                       const char *v, mp_err *e)
{
	(void)cfg;
	if (!mp_phone_valid(v))
		return mp_err_field(e, MP_EINVAL, i, _("%s: not a phone number"), mp_field_label(f));
	return MP_OK;
}

/* ---- times of day ---- */

/* "9:5", "9:05", "905", "0905", "9" -> "09:05" / "09:00".  Returns 0 when
 * v is not a time of day. */
static int parse_time(const char *v, char out[6])
{
	int h = 0, m = 0, nh = 0, nm = 0;
	const char *p = v;

	while (*p >= '0' && *p <= '9' && nh < 5)
		h = h * 10 + (*p++ - '0'), nh++;
	if (*p == ':' || *p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && nm < 3)
			m = m * 10 + (*p++ - '0'), nm++;
		if (nh < 1 || nh > 2 || nm < 1 || nm > 2)
			return 0;
	} else if (nh == 3 || nh == 4) {
		/* Digits only: the last two are the minutes. */
		m = h % 100;
		h /= 100;
	} else if (nh != 1 && nh != 2) {
		return 0;
	}
	if (*p || h > 23 || m > 59)
		return 0;
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return 1;
}

static int time_normalise(const mp_field *f, const char *v, char *out,
                          size_t size)
{
	char t[6];

	(void)f;
	if (size < sizeof t || !parse_time(v, t))
		return 0;
	memcpy(out, t, sizeof t);
	return 1;
}

static int time_check(const mp_config *cfg, const mp_field *f, int i,
                      const char *v, mp_err *e)
{
	char t[6];

	(void)cfg;
	if (!parse_time(v, t))
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not a time (write it as 14:30)"), mp_field_label(f), v);
	return MP_OK;
}

/* ---- hours ---- */

/* Hours as hundredths: "1.5" -> 150.  Returns 0 when v is not a plain
 * decimal number with at most two decimals (a leading minus is allowed so
 * that "-1" can be told "more than 0"). */
static int parse_hours(const char *v, long *hundredths)
{
	const char *p = v;
	long whole = 0, frac = 0;
	int neg = 0, nw = 0, nf = 0;

	if (*p == '-')
		neg = 1, p++;
	while (*p >= '0' && *p <= '9') {
		if (whole < 100000)
			whole = whole * 10 + (*p - '0');
		p++, nw++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (nf < 2)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				return 0;   /* "1.555": three decimals */
			p++, nf++;
		}
		if (nf == 1)
			frac *= 10;
	}
	if (*p || nw + nf == 0)
		return 0;
	*hundredths = (whole * 100 + frac) * (neg ? -1 : 1);
	return 1;
}

static int hours_normalise(const mp_field *f, const char *v, char *out,
                           size_t size)
{
	long c;

	(void)f;
	if (!parse_hours(v, &c) || c <= 0 || c > 2400)
		return 0;
	mp_decimal_format(c, 2, out, size);
	return 1;
}

static int hours_check(const mp_config *cfg, const mp_field *f, int i,
                       const char *v, mp_err *e)
{
	long c;

	(void)cfg;
	if (!parse_hours(v, &c))
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not a number of hours (e.g. 2 or 1.5)"), mp_field_label(f), v);
	if (c <= 0)
		return mp_err_field(e, MP_EINVAL, i, _("%s: must be more than 0"), mp_field_label(f));
	if (c > 2400)
		return mp_err_field(e, MP_EINVAL, i, _("%s: at most 24 hours"), mp_field_label(f));
	return MP_OK;
}

/* Hours sit in a REAL column (older ledgers hold them so, and reports
 * sum them in SQL); a kept value has at most two decimals, which a double
 * holds to far better than the rounding below. */
static int hours_bind(struct sqlite3_stmt *st, int param, const char *v)
{
	return sqlite3_bind_double(st, param, strtod(v, NULL));
}

static const char *hours_column(struct sqlite3_stmt *st, int col, char *buf,
                                size_t size)
{
	/* REAL 2.0 reads back as "2.0"; people wrote "2". */
	double d = sqlite3_column_double(st, col);

	return mp_decimal_format(d >= 0 ? (int64_t)(d * 100 + 0.5)
	                                : -(int64_t)(-d * 100 + 0.5), 2, buf, size);
}

/* ---- references ---- */

static int ref_normalise(const mp_field *f, const char *v, char *out,
                         size_t size)
{
	int64_t id = parse_id(v);

	(void)f;
	if (id <= 0)
		return 0;
	snprintf(out, size, "%lld", (long long)id);
	return 1;
}

static int ref_check(const mp_config *cfg, const mp_field *f, int i,
                     const char *v, mp_err *e)
{
	(void)cfg;
	if (parse_id(v) <= 0)
		return mp_err_field(e, MP_EINVAL, i, _("%s: no such %s"), mp_field_label(f),
		                    f->ref ? gettext(f->ref->unit_en) : "?");
	return MP_OK;
}

/* The field of t that names one of its records: its first, or for a
 * record that belongs to another (a round's criterion, an application's
 * budget line, whose first field refers to its parent) its first field
 * that is not a reference: a criterion is "需求契合", not its round's
 * number. */
static const mp_field *naming_field(const mp_table *t)
{
	for (int i = 0; i < t->nfields; i++)
		if (t->fields[i].kind != MP_K_REF)
			return &t->fields[i];
	return &t->fields[0];
}

/* The naming field of the record v points to, "" when there is none. */
static void ref_lookup(mp_db *db, const mp_field *f, const char *v, char *buf,
                       size_t size)
{
	const mp_table *t = f->ref;
	const mp_field *nf;
	sqlite3_stmt *st = NULL;
	char *sql;

	if (!t) {
		snprintf(buf, size, "%s", v);
		return;
	}
	buf[0] = '\0';
	nf = naming_field(t);
	sql = mp_asprintf("SELECT %s FROM %s WHERE id = ?", nf->col, t->name);
	if (mp_db_prepare(db, sql, &st, NULL) == MP_OK) {
		sqlite3_bind_int64(st, 1, strtoll(v, NULL, 10));
		if (sqlite3_step(st) == SQLITE_ROW) {
			char tmp[32];
			const char *name = mp_column_value(st, 0, nf, tmp, sizeof tmp);

			snprintf(buf, size, "%s", name ? name : "");
		}
	}
	sqlite3_finalize(st);
	free(sql);
}

/* A list shows a reference as the name of the record it points to, by a
 * correlated subquery on that record's primary key. */
static void ref_list_sql(FILE *out, const mp_table *t, const mp_field *fd)
{
	if (fd->ref)
		fprintf(out, "(SELECT %s FROM %s WHERE id = %s.%s)",
		        naming_field(fd->ref)->col, fd->ref->name, t->name, fd->col);
	else
		fputs(fd->col, out);
}

/* ---- money ---- */

static int money_normalise(const mp_field *f, const char *v, char *out,
                           size_t size)
{
	int64_t fen;

	if (mp_money_parse(v, (f->flags & MP_F_SIGNED) != 0, &fen) != MP_PARSE_OK)
		return 0;
	mp_money_format(fen, 0, out, size);
	return 1;
}

static int money_check(const mp_config *cfg, const mp_field *f, int i,
                       const char *v, mp_err *e)
{
	int64_t fen;

	(void)cfg;
	switch (mp_money_parse(v, (f->flags & MP_F_SIGNED) != 0, &fen)) {
	case MP_PARSE_OK:
		return MP_OK;
	case MP_PARSE_DECIMALS:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” has more than two decimals (money is counted to the fen)"), mp_field_label(f), v);
	case MP_PARSE_NEGATIVE:
		return mp_err_field(e, MP_EINVAL, i, _("%s: may not be below 0"), mp_field_label(f));
	case MP_PARSE_TOOBIG:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is too large (at most 9,999,999,999.99 yuan)"), mp_field_label(f), v);
	default:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not an amount of money (write it as 1234.50)"), mp_field_label(f), v);
	}
}

/* Whole fen in an INTEGER column: exact, summed exactly by SQL's sum(). */
static int money_bind(struct sqlite3_stmt *st, int param, const char *v)
{
	int64_t fen;

	if (mp_money_parse(v, 1, &fen) != MP_PARSE_OK)
		return SQLITE_MISMATCH;
	return sqlite3_bind_int64(st, param, fen);
}

static const char *money_column(struct sqlite3_stmt *st, int col, char *buf,
                                size_t size)
{
	/* A column that holds text was not written by us: shown as it is. */
	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return (const char *)sqlite3_column_text(st, col);
	return mp_money_format(sqlite3_column_int64(st, col), 0, buf, size);
}

static const char *money_display(const mp_field *f, const char *v, char *buf,
                                 size_t size)
{
	int64_t fen;

	(void)f;
	if (mp_money_parse(v, 1, &fen) != MP_PARSE_OK) {
		snprintf(buf, size, "%s", v);
		return buf;
	}
	return mp_money_format(fen, 1, buf, size);
}

/* ---- scores and percentages ---- */

/* A score is kept in an INTEGER column as tenths of a point (92.5 is
 * 925), not as text: it sorts as a number (text would put "100" before
 * "85"), an average of scores is an exact integer sum divided once, and
 * "92.50" and "92.5" are one value. */
static int score_normalise(const mp_field *f, const char *v, char *out,
                           size_t size)
{
	int64_t t;

	(void)f;
	if (mp_score_parse(v, &t) != MP_PARSE_OK)
		return 0;
	mp_decimal_format(t, 1, out, size);
	return 1;
}

static int score_check(const mp_config *cfg, const mp_field *f, int i,
                       const char *v, mp_err *e)
{
	int64_t t;

	(void)cfg;
	switch (mp_score_parse(v, &t)) {
	case MP_PARSE_OK:
		return MP_OK;
	case MP_PARSE_DECIMALS:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” has more than one decimal"), mp_field_label(f), v);
	case MP_PARSE_NEGATIVE:
	case MP_PARSE_TOOBIG:
		return mp_err_field(e, MP_EINVAL, i, _("%s: a score is from 0 to 100, not %s"), mp_field_label(f), v);
	default:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not a score (e.g. 85 or 92.5)"), mp_field_label(f), v);
	}
}

static int score_bind(struct sqlite3_stmt *st, int param, const char *v)
{
	int64_t t;

	if (mp_score_parse(v, &t) != MP_PARSE_OK)
		return SQLITE_MISMATCH;
	return sqlite3_bind_int64(st, param, t);
}

static const char *score_column(struct sqlite3_stmt *st, int col, char *buf,
                                size_t size)
{
	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return (const char *)sqlite3_column_text(st, col);
	return mp_decimal_format(sqlite3_column_int64(st, col), 1, buf, size);
}

/* A percentage (满意度, 出勤率, a required share of matched funds) is kept
 * as hundredths of a percent in an INTEGER column, for the reasons a
 * score is; shown and exported with its sign, "12.5%", which Excel and
 * WPS read as the number 0.125.  Ratios above 100 % (配套 : 资助) are
 * worked out from amounts of money, not typed. */
static int percent_normalise(const mp_field *f, const char *v, char *out,
                             size_t size)
{
	int64_t h;

	(void)f;
	if (mp_percent_parse(v, &h) != MP_PARSE_OK)
		return 0;
	mp_decimal_format(h, 2, out, size);
	return 1;
}

static int percent_check(const mp_config *cfg, const mp_field *f, int i,
                         const char *v, mp_err *e)
{
	int64_t h;

	(void)cfg;
	switch (mp_percent_parse(v, &h)) {
	case MP_PARSE_OK:
		return MP_OK;
	case MP_PARSE_DECIMALS:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” has more than two decimals"), mp_field_label(f), v);
	case MP_PARSE_NEGATIVE:
	case MP_PARSE_TOOBIG:
		return mp_err_field(e, MP_EINVAL, i, _("%s: a percentage is from 0 to 100, not %s"), mp_field_label(f), v);
	default:
		return mp_err_field(e, MP_EINVAL, i, _("%s: “%s” is not a percentage (e.g. 12.5 or 12.5%%)"), mp_field_label(f), v);
	}
}

static int percent_bind(struct sqlite3_stmt *st, int param, const char *v)
{
	int64_t h;

	if (mp_percent_parse(v, &h) != MP_PARSE_OK)
		return SQLITE_MISMATCH;
	return sqlite3_bind_int64(st, param, h);
}

static const char *percent_column(struct sqlite3_stmt *st, int col, char *buf,
                                  size_t size)
{
	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return (const char *)sqlite3_column_text(st, col);
	return mp_decimal_format(sqlite3_column_int64(st, col), 2, buf, size);
}

static const char *percent_display(const mp_field *f, const char *v, char *buf,
                                   size_t size)
{
	(void)f;
	snprintf(buf, size, "%s%%", v);
	return buf;
}

static const char *percent_export(struct sqlite3_stmt *st, int col, char *buf,
                                  size_t size)
{
	char num[24];
	const char *v = percent_column(st, col, num, sizeof num);

	if (v != num)
		return v;
	snprintf(buf, size, "%s%%", num);
	return buf;
}

/* ---- the table ---- */

const mp_kind_ops mp_kinds[MP_K__COUNT] = {
	[MP_K_TEXT] = { .name = "text", .sqltype = "TEXT", .indexed = 1,
		.bind = bind_text },
	[MP_K_LONGTEXT] = { .name = "longtext", .sqltype = "TEXT", .indexed = 1,
		.bind = bind_text },
	[MP_K_DATE] = { .name = "date", .sqltype = "TEXT",
		.fold = 1, .own_length = 1, .empty_last = 1,
		.normalise = date_normalise, .check = date_check,
		.bind = bind_text },
	[MP_K_COUNT] = { .name = "count", .sqltype = "INTEGER",
		.sql_check = "CHECK (@ IS NULL OR @ >= 0)",
		.store = MP_STORE_INT, .export_number = MP_NUM_PLAIN, .fold = 1,
		.align_right = 1,
		.normalise = count_normalise, .check = count_check,
		.bind = bind_int },
	[MP_K_CHOICE] = { .name = "choice", .sqltype = "TEXT", .indexed = 1,
		.edit = MP_EDIT_CHOICE,
		.check = choice_check, .bind = bind_text },
	[MP_K_USCC] = { .name = "uscc", .sqltype = "TEXT",
		.fold = 1, .own_length = 1,
		.normalise = upcase_normalise, .check = uscc_check,
		.bind = bind_text },
	[MP_K_PHONE] = { .name = "phone", .sqltype = "TEXT",
		.fold = 1,
		.check = phone_check, .bind = bind_text },
	[MP_K_TIME] = { .name = "time", .sqltype = "TEXT",
		.fold = 1,
		.normalise = time_normalise, .check = time_check,
		.bind = bind_text },
	[MP_K_HOURS] = { .name = "hours", .sqltype = "REAL",
		.sql_check = "CHECK (@ IS NULL OR (@ > 0 AND @ <= 24))",
		.store = MP_STORE_REAL, .export_number = MP_NUM_PLAIN, .fold = 1,
		.align_right = 1,
		.normalise = hours_normalise, .check = hours_check,
		.bind = hours_bind, .column = hours_column,
		.export_text = hours_column },
	[MP_K_REF] = { .name = "ref", .sqltype = "INTEGER",
		.store = MP_STORE_INT, .edit = MP_EDIT_RECORD, .fold = 1,
		.refers = 1,
		.normalise = ref_normalise, .check = ref_check,
		.bind = bind_int, .lookup = ref_lookup, .list_sql = ref_list_sql },
	[MP_K_IDNO] = { .name = "idno", .sqltype = "TEXT",
		.fold = 1,
		.normalise = upcase_normalise, .bind = bind_text },
	[MP_K_MONEY] = { .name = "money", .sqltype = "INTEGER",
		.sql_check = "CHECK (@ IS NULL OR typeof(@) = 'integer')",
		.store = MP_STORE_INT, .export_number = MP_NUM_MONEY, .fold = 1,
		.own_length = 1, .align_right = 1,
		.normalise = money_normalise, .check = money_check,
		.bind = money_bind, .column = money_column,
		.display = money_display, .export_text = money_column },
	[MP_K_SCORE] = { .name = "score", .sqltype = "INTEGER",
		.sql_check = "CHECK (@ IS NULL OR (typeof(@) = 'integer' AND @ BETWEEN 0 AND 1000))",
		.store = MP_STORE_INT, .export_number = MP_NUM_PLAIN, .fold = 1,
		.own_length = 1, .align_right = 1,
		.normalise = score_normalise, .check = score_check,
		.bind = score_bind, .column = score_column,
		.export_text = score_column },
	[MP_K_PERCENT] = { .name = "percent", .sqltype = "INTEGER",
		.sql_check = "CHECK (@ IS NULL OR (typeof(@) = 'integer' AND @ BETWEEN 0 AND 10000))",
		.store = MP_STORE_INT, .export_number = MP_NUM_PERCENT, .fold = 1,
		.own_length = 1, .align_right = 1,
		.normalise = percent_normalise, .check = percent_check,
		.bind = percent_bind, .column = percent_column,
		.display = percent_display, .export_text = percent_export },
};

/* ---- one field through its row ---- */

/* The first control character of s other than tab and newline (LF, or
 * CRLF as Windows writes it) — C0, DEL, or C1 (U+0080 to U+009F) — as a
 * code point, or -1.  Such a character is invisible, or moves or
 * recolours a terminal that shows it; nothing typed needs it. */
static long control_char(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return *p;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return p[1];
	}
	return -1;
}

int mp_field_check(const mp_config *cfg, mp_record *r, int i, mp_err *e)
{
	/* The label is looked up (a gettext call) only for a message. */
	const mp_field *f = &r->t->fields[i];
	const mp_kind_ops *k = mp_kind_of(f);
	char *v = mp_trim(r->v[i]);
	int maxlen = f->maxlen > 0 ? f->maxlen : 200;
	long cc = control_char(v);
	int n;

	if (cc >= 0)
		return mp_err_field(e, MP_EINVAL, i,
		                    _("%s: holds a control character (U+%04lX), which cannot be shown; type it again without it"),
		                    mp_field_label(f), cc);
	if (!*v) {
		if (f->flags & MP_F_REQUIRED)
			return mp_err_field(e, MP_EINVAL, i, _("%s: required"), mp_field_label(f));
		return MP_OK;
	}
	n = utf8_chars(v);
	if (n > maxlen && !k->own_length)
		return mp_err_field(e, MP_EINVAL, i, _("%s: at most %d characters, it has %d"), mp_field_label(f), maxlen, n);
	/* Folded in place: the form shows the ASCII digits, even when the
	 * check then refuses the value. */
	if (k->fold)
		fold_fullwidth(v);
	if (k->normalise) {
		char small[64], *out = small;
		size_t size = strlen(v) + 32;

		if (size > sizeof small) {
			out = malloc(size);
			if (!out)
				mp_oom();
		} else {
			size = sizeof small;
		}
		if (k->normalise(f, v, out, size) && strcmp(out, v))
			mp_record_set(r, i, out);
		if (out != small)
			free(out);
		v = r->v[i];
	}
	return k->check ? k->check(cfg, f, i, v, e) : MP_OK;
}

const char *mp_column_value(sqlite3_stmt *st, int col, const mp_field *f,
                            char *buf, size_t size)
{
	const char *s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	if (f && mp_kind_of(f)->column)
		s = mp_kind_of(f)->column(st, col, buf, size);
	else
		s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}
