/* mp_check.h — checks of single values that users rely on. */
#ifndef MP_CHECK_H
#define MP_CHECK_H

#include <stdbool.h>

/* Check character of an 18-character unified social credit code (GB
 * 32100-2015) from its first 17 characters: alphabet
 * 0123456789ABCDEFGHJKLMNPQRTUWXY, weights 3^i mod 31, check =
 * (31 - sum mod 31) mod 31.  Returns the character, or 0 when one of the 17
 * is outside the alphabet (lower-case letters are taken as upper case). */
char mp_uscc_check_char(const char *first17);

enum mp_uscc_result {
	MP_USCC_OK = 0,
	MP_USCC_LENGTH,    /* not 18 characters */
	MP_USCC_CHARSET,   /* a character outside the alphabet (I O S V Z ...) */
	MP_USCC_CHECK      /* the 18th character is not the check character */
};
/* Check a USCC (case-insensitive).  When the result is MP_USCC_CHECK and
 * expected is not NULL, *expected gets the right check character. */
enum mp_uscc_result mp_uscc_check(const char *code, char *expected);

enum mp_id_result {
	MP_ID_OK = 0,
	MP_ID_LENGTH,      /* not 18 characters */
	MP_ID_CHARSET,     /* not 17 digits and a digit or X */
	MP_ID_BIRTHDATE,   /* characters 7-14 are not a real date */
	MP_ID_CHECK        /* wrong check character */
};
/* Check a resident ID number (GB 11643-1999, ISO 7064 MOD 11-2); lower-case
 * x accepted.  On MP_ID_OK and birth != NULL, birth gets "YYYY-MM-DD". */
enum mp_id_result mp_resident_id_check(const char *id, char birth[11]);

enum mp_date_result {
	MP_DATE_OK = 0,
	MP_DATE_FORMAT,    /* not a date at all */
	MP_DATE_NOSUCHDAY  /* well-formed but does not exist (2023-02-29) */
};
/* Parse a date as users type it: 2024-03-05, 2024-3-5, 2024/3/5, 2024.3.5,
 * 20240305, 2024年3月5日.  On MP_DATE_OK, out gets "YYYY-MM-DD".  Years
 * 1900-2100 only. */
enum mp_date_result mp_date_parse(const char *in, char out[11]);

/* True when y-m-d exists in the Gregorian calendar. */
bool mp_date_exists(int y, int m, int d);

/* Today's local date as "YYYY-MM-DD" (honours $MIAOPU_TODAY=YYYY-MM-DD, so
 * that tests can fix the date). */
void mp_today(char out[11]);

/* date (YYYY-MM-DD, existing) plus days (may be negative) into out;
 * returns 0, or -1 when date is not a date.  Counted in day numbers
 * (below), the one date arithmetic of the program: no time zone, no
 * daylight saving, no time_t range. */
int mp_date_add_days(const char *date, int days, char out[11]);

/* Day numbers: days since 1970-01-01 (proleptic Gregorian).  mp_civil_day
 * of y-m-d; mp_day_number of "YYYY-MM-DD" (0, and *ok 0 if ok is not
 * NULL, when it is not a date that exists); mp_day_string back to
 * "YYYY-MM-DD". */
long mp_civil_day(int y, int m, int d);
long mp_day_number(const char *s, int *ok);
void mp_day_string(long z, char out[11]);

/* A phone number: digits, with optional + at the start and - or spaces
 * between; 3 to 20 digits. */
bool mp_phone_valid(const char *s);

/* A non-negative whole number in decimal without sign; *out gets it. */
bool mp_count_parse(const char *s, long long *out);

#endif
