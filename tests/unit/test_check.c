/* test_check.c — the checks users rely on: USCC, resident ID, dates,
 * phones, counts. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mp_check.h"

/* ---- USCC ---- */

static void test_uscc_valid(void **state)
{
	(void)state;
	assert_int_equal(mp_uscc_check("91350100M000100Y43", NULL), MP_USCC_OK);
	assert_int_equal(mp_uscc_check("91110000600037341L", NULL), MP_USCC_OK);
	assert_int_equal(mp_uscc_check("91440300708461136T", NULL), MP_USCC_OK);
	assert_int_equal(mp_uscc_check_char("91350100M000100Y4"), '3');
	assert_int_equal(mp_uscc_check_char("91110000600037341"), 'L');
}

static void test_uscc_wrong_check(void **state)
{
	char want = 0;

	(void)state;
	assert_int_equal(mp_uscc_check("91350100M000100Y44", &want), MP_USCC_CHECK);
	assert_int_equal(want, '3');
	want = 0;
	assert_int_equal(mp_uscc_check("91110000600037341K", &want), MP_USCC_CHECK);
	assert_int_equal(want, 'L');
	/* One digit mistyped in the body is caught too. */
	assert_int_equal(mp_uscc_check("91350100M000101Y43", NULL), MP_USCC_CHECK);
	/* Two digits swapped. */
	assert_int_equal(mp_uscc_check("91351000M000100Y43", NULL), MP_USCC_CHECK);
}

static void test_uscc_lower_case(void **state)
{
	(void)state;
	assert_int_equal(mp_uscc_check("91350100m000100y43", NULL), MP_USCC_OK);
	assert_int_equal(mp_uscc_check("91110000600037341l", NULL), MP_USCC_OK);
	assert_int_equal(mp_uscc_check_char("91350100m000100y4"), '3');
}

static void test_uscc_bad_char(void **state)
{
	(void)state;
	/* I, O, S, V, Z are not in the alphabet (they look like 1, 0, 5, U, 2). */
	assert_int_equal(mp_uscc_check("91350100M000100I43", NULL), MP_USCC_CHARSET);
	assert_int_equal(mp_uscc_check("9135010OM000100Y43", NULL), MP_USCC_CHARSET);
	assert_int_equal(mp_uscc_check("91350100M000100Y4Z", NULL), MP_USCC_CHARSET);
	assert_int_equal(mp_uscc_check("91350100M000100Y4-", NULL), MP_USCC_CHARSET);
	/* 18 characters, one of them Chinese: a wrong character, not a wrong
	 * length. */
	assert_int_equal(mp_uscc_check("91350100M000100Y4中", NULL), MP_USCC_CHARSET);
	assert_int_equal(mp_uscc_check_char("91350100M00010OY4"), 0);
}

static void test_uscc_length(void **state)
{
	(void)state;
	assert_int_equal(mp_uscc_check("", NULL), MP_USCC_LENGTH);
	assert_int_equal(mp_uscc_check("91350100M000100Y4", NULL), MP_USCC_LENGTH);
	assert_int_equal(mp_uscc_check("91350100M000100Y433", NULL), MP_USCC_LENGTH);
	assert_int_equal(mp_uscc_check(" 91350100M000100Y43", NULL), MP_USCC_LENGTH);
	assert_int_equal(mp_uscc_check_char("9135"), 0);
}

/* ---- resident ID ---- */

static void test_id_valid(void **state)
{
	char birth[11] = "";

	(void)state;
	setenv("MIAOPU_TODAY", "2025-06-01", 1);
	assert_int_equal(mp_resident_id_check("11010519491231002X", birth), MP_ID_OK);
	assert_string_equal(birth, "1949-12-31");
	assert_int_equal(mp_resident_id_check("110105199003071239", birth), MP_ID_OK);
	assert_string_equal(birth, "1990-03-07");
	/* Born on 29 February of a leap year. */
	assert_int_equal(mp_resident_id_check("340102200002291239", birth), MP_ID_OK);
	assert_string_equal(birth, "2000-02-29");
	assert_int_equal(mp_resident_id_check("11010519491231002X", NULL), MP_ID_OK);
	unsetenv("MIAOPU_TODAY");
}

static void test_id_lower_x(void **state)
{
	(void)state;
	assert_int_equal(mp_resident_id_check("11010519491231002x", NULL), MP_ID_OK);
}

static void test_id_wrong_check(void **state)
{
	(void)state;
	assert_int_equal(mp_resident_id_check("110105194912310021", NULL), MP_ID_CHECK);
	assert_int_equal(mp_resident_id_check("110105199003071230", NULL), MP_ID_CHECK);
	/* A mistyped digit of the region code. */
	assert_int_equal(mp_resident_id_check("11010619491231002X", NULL), MP_ID_CHECK);
}

static void test_id_birth_date(void **state)
{
	char birth[11] = "unchanged";

	(void)state;
	setenv("MIAOPU_TODAY", "2025-06-01", 1);
	/* 30 February 1949 (check character right for these 17 digits). */
	assert_int_equal(mp_resident_id_check("110105194902300012", birth), MP_ID_BIRTHDATE);
	assert_string_equal(birth, "unchanged");
	/* 1900 was not a leap year. */
	assert_int_equal(mp_resident_id_check("340102190002281237", NULL), MP_ID_OK);
	assert_int_equal(mp_resident_id_check("340102190002291237", NULL), MP_ID_BIRTHDATE);
	/* Month 13. */
	assert_int_equal(mp_resident_id_check("340102199013011237", NULL), MP_ID_BIRTHDATE);
	/* Born in the future. */
	assert_int_equal(mp_resident_id_check("340102209912311236", NULL), MP_ID_BIRTHDATE);
	assert_int_equal(mp_resident_id_check("11010520240229002X", NULL), MP_ID_OK);
	setenv("MIAOPU_TODAY", "2024-02-28", 1);
	assert_int_equal(mp_resident_id_check("11010520240229002X", NULL), MP_ID_BIRTHDATE);
	unsetenv("MIAOPU_TODAY");
}

static void test_id_shape(void **state)
{
	(void)state;
	assert_int_equal(mp_resident_id_check("", NULL), MP_ID_LENGTH);
	assert_int_equal(mp_resident_id_check("11010519491231002", NULL), MP_ID_LENGTH);
	assert_int_equal(mp_resident_id_check("11010519491231002X1", NULL), MP_ID_LENGTH);
	/* The old 15-digit numbers are not accepted. */
	assert_int_equal(mp_resident_id_check("110105491231002", NULL), MP_ID_LENGTH);
	assert_int_equal(mp_resident_id_check("1101051949123100X2", NULL), MP_ID_CHARSET);
	assert_int_equal(mp_resident_id_check("11010519491231002Y", NULL), MP_ID_CHARSET);
	assert_int_equal(mp_resident_id_check("A1010519491231002X", NULL), MP_ID_CHARSET);
	assert_int_equal(mp_resident_id_check("11010519491231002号", NULL), MP_ID_CHARSET);
}

/* ---- dates ---- */

static void assert_date(const char *in, const char *want)
{
	char out[11] = "";

	assert_int_equal(mp_date_parse(in, out), MP_DATE_OK);
	assert_string_equal(out, want);
}

static void test_date_forms(void **state)
{
	(void)state;
	assert_date("2024-03-05", "2024-03-05");
	assert_date("2024-3-5", "2024-03-05");
	assert_date("2024/3/5", "2024-03-05");
	assert_date("2024.3.5", "2024-03-05");
	assert_date("20240305", "2024-03-05");
	assert_date("2024年3月5日", "2024-03-05");
	assert_date("2024年03月05日", "2024-03-05");
	assert_date("2024年3月5", "2024-03-05");
	assert_date("  2024-03-05 ", "2024-03-05");
	assert_date("　2024年3月5日　", "2024-03-05");
	/* Typed with a Chinese input method in fullwidth mode. */
	assert_date("２０２４－３－５", "2024-03-05");
	assert_date("1900-01-01", "1900-01-01");
	assert_date("2100-12-31", "2100-12-31");
}

static void test_date_bad_format(void **state)
{
	char out[11] = "keep";

	(void)state;
	assert_int_equal(mp_date_parse("", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("   ", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("yesterday", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024-03", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024-03-05-01", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024-3/5", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("24-3-5", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024-003-05", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024030", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024年3月", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("1899-12-31", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2101-01-01", out), MP_DATE_FORMAT);
	assert_int_equal(mp_date_parse("2024-03-05x", out), MP_DATE_FORMAT);
	assert_string_equal(out, "keep");
}

/* Follow-ups due "within 7 days": adding days across months, a leap day
 * and a year end. */
static void test_date_add_days(void **state)
{
	char out[11];
	(void)state;
	assert_int_equal(mp_date_add_days("2024-02-25", 7, out), 0);
	assert_string_equal(out, "2024-03-03");
	assert_int_equal(mp_date_add_days("2023-02-25", 7, out), 0);
	assert_string_equal(out, "2023-03-04");
	assert_int_equal(mp_date_add_days("2026-12-28", 7, out), 0);
	assert_string_equal(out, "2027-01-04");
	assert_int_equal(mp_date_add_days("2026-03-01", -1, out), 0);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(mp_date_add_days("2026-11-22", 0, out), 0);
	assert_string_equal(out, "2026-11-22");
	assert_int_equal(mp_date_add_days("2023-02-29", 1, out), -1);
	assert_int_equal(mp_date_add_days("soon", 1, out), -1);
}

/* Day numbers, the one date arithmetic: days since 1970-01-01, leap
 * years by the Gregorian rule, differences across years. */
static void test_day_numbers(void **state)
{
	char out[11];
	int ok = -1;
	long z;

	(void)state;
	assert_int_equal(mp_civil_day(1970, 1, 1), 0);
	assert_int_equal(mp_civil_day(1969, 12, 31), -1);
	assert_int_equal(mp_civil_day(2000, 3, 1) - mp_civil_day(2000, 2, 28), 2);
	assert_int_equal(mp_civil_day(1900, 3, 1) - mp_civil_day(1900, 2, 28), 1);
	assert_int_equal(mp_civil_day(2100, 3, 1) - mp_civil_day(2100, 2, 28), 1);
	assert_int_equal(mp_day_number("2024-01-01", NULL) - mp_day_number("2023-01-01", NULL), 365);
	assert_int_equal(mp_day_number("2025-01-01", NULL) - mp_day_number("2024-01-01", NULL), 366);
	assert_int_equal(mp_day_number("2026-03-01", NULL) - mp_day_number("2023-12-31", NULL), 791);
	assert_int_equal(mp_day_number("2100-12-31", NULL) - mp_day_number("1900-01-01", NULL), 73413);

	z = mp_day_number("1900-02-29", &ok);
	assert_int_equal(ok, 0);   /* 1900 is not a leap year */
	assert_int_equal(z, 0);
	z = mp_day_number("2000-02-29", &ok);
	assert_int_equal(ok, 1);   /* 2000 is */
	mp_day_string(z, out);
	assert_string_equal(out, "2000-02-29");
	mp_day_number("2024-02-30", &ok);
	assert_int_equal(ok, 0);
	mp_day_number("2024-02-29x", &ok);
	assert_int_equal(ok, 0);
	mp_day_number(NULL, &ok);
	assert_int_equal(ok, 0);

	/* Every day from 1900 to 2100 goes to its number and back. */
	for (z = mp_civil_day(1900, 1, 1); z <= mp_civil_day(2100, 12, 31); z++) {
		mp_day_string(z, out);
		assert_int_equal(mp_day_number(out, &ok), z);
		assert_int_equal(ok, 1);
	}
	mp_day_string(mp_civil_day(1900, 1, 1) - 1, out);
	assert_string_equal(out, "1899-12-31");

	assert_int_equal(mp_date_add_days("1900-02-28", 1, out), 0);
	assert_string_equal(out, "1900-03-01");
	assert_int_equal(mp_date_add_days("2000-02-28", 1, out), 0);
	assert_string_equal(out, "2000-02-29");
	assert_int_equal(mp_date_add_days("2024-03-01", -366, out), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(mp_date_add_days("2038-01-19", 1, out), 0);   /* past 32-bit time_t */
	assert_string_equal(out, "2038-01-20");
	assert_int_equal(mp_date_add_days("1900-02-29", 1, out), -1);
	assert_int_equal(mp_date_add_days("2024-02-25x", 1, out), -1);
}

static void test_date_no_such_day(void **state)
{
	(void)state;
	assert_int_equal(mp_date_parse("2023-02-29", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2024-04-31", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2024-13-01", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2024-00-10", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2024-01-00", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2024-01-32", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("20230229", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2023年2月29日", NULL), MP_DATE_NOSUCHDAY);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(mp_date_exists(2024, 2, 29));
	assert_false(mp_date_exists(2023, 2, 29));
	assert_false(mp_date_exists(1900, 2, 29));  /* divisible by 100 */
	assert_true(mp_date_exists(2000, 2, 29));   /* divisible by 400 */
	assert_false(mp_date_exists(2100, 2, 29));
	assert_true(mp_date_exists(2023, 2, 28));
	assert_true(mp_date_exists(2024, 12, 31));
	assert_false(mp_date_exists(2024, 6, 31));
	assert_false(mp_date_exists(2024, 0, 1));
	assert_int_equal(mp_date_parse("1900-02-29", NULL), MP_DATE_NOSUCHDAY);
	assert_int_equal(mp_date_parse("2000-02-29", NULL), MP_DATE_OK);
	assert_int_equal(mp_date_parse("2024-02-29", NULL), MP_DATE_OK);
}

static void test_today(void **state)
{
	char out[11];
	char again[11];

	(void)state;
	setenv("MIAOPU_TODAY", "2024-02-29", 1);
	mp_today(out);
	assert_string_equal(out, "2024-02-29");
	/* A nonsense override is ignored: the real date, well formed. */
	setenv("MIAOPU_TODAY", "tomorrow", 1);
	mp_today(out);
	unsetenv("MIAOPU_TODAY");
	mp_today(again);
	assert_string_equal(out, again);
	assert_int_equal(strlen(again), 10);
	assert_int_equal(mp_date_parse(again, NULL), MP_DATE_OK);
	assert_true(strcmp(again, "2025-01-01") >= 0);
}

/* ---- phones and counts ---- */

static void test_phone(void **state)
{
	(void)state;
	assert_true(mp_phone_valid("13912345678"));
	assert_true(mp_phone_valid("0551-6288 1234"));
	assert_true(mp_phone_valid("+86 139 1234 5678"));
	assert_true(mp_phone_valid("0551-62881234"));
	assert_true(mp_phone_valid("110"));
	assert_true(mp_phone_valid(" 13912345678 "));
	assert_true(mp_phone_valid("１３９１２３４５６７８"));  /* fullwidth */
	assert_false(mp_phone_valid(""));
	assert_false(mp_phone_valid("12"));
	assert_false(mp_phone_valid("123456789012345678901"));  /* 21 digits */
	assert_false(mp_phone_valid("139-1234-567a"));
	assert_false(mp_phone_valid("-13912345678"));
	assert_false(mp_phone_valid("13912345678-"));
	assert_false(mp_phone_valid("139+12345678"));
	assert_false(mp_phone_valid("++8613912345678"));
	assert_false(mp_phone_valid("+ 86 139"));
	assert_false(mp_phone_valid("李明"));
}

static void test_count(void **state)
{
	long long v = -7;

	(void)state;
	assert_true(mp_count_parse("0", &v));
	assert_int_equal(v, 0);
	assert_true(mp_count_parse("35", &v));
	assert_int_equal(v, 35);
	assert_true(mp_count_parse(" 120 ", &v));
	assert_int_equal(v, 120);
	assert_true(mp_count_parse("007", &v));
	assert_int_equal(v, 7);
	assert_true(mp_count_parse("9223372036854775807", &v));
	assert_true(v == 9223372036854775807LL);
	v = -7;
	assert_false(mp_count_parse("9223372036854775808", &v));
	assert_false(mp_count_parse("-1", &v));
	assert_false(mp_count_parse("+1", &v));
	assert_false(mp_count_parse("abc", &v));
	assert_false(mp_count_parse("1.5", &v));
	assert_false(mp_count_parse("1 000", &v));
	assert_false(mp_count_parse("", &v));
	assert_false(mp_count_parse("  ", &v));
	assert_false(mp_count_parse("十", &v));
	assert_int_equal(v, -7);   /* untouched on failure */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uscc_valid),
		cmocka_unit_test(test_uscc_wrong_check),
		cmocka_unit_test(test_uscc_lower_case),
		cmocka_unit_test(test_uscc_bad_char),
		cmocka_unit_test(test_uscc_length),
		cmocka_unit_test(test_id_valid),
		cmocka_unit_test(test_id_lower_x),
		cmocka_unit_test(test_id_wrong_check),
		cmocka_unit_test(test_id_birth_date),
		cmocka_unit_test(test_id_shape),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_date_bad_format),
		cmocka_unit_test(test_date_no_such_day),
		cmocka_unit_test(test_date_add_days),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
