/* mp_money.h — amounts of money, scores and percentages, exactly.
 *
 * Each is a whole number of its smallest unit: money in fen (分), scores
 * in tenths of a point, percentages in hundredths of a percent.  Sums and
 * averages are of these integers; nothing goes through a double.  The
 * field kinds MP_K_MONEY, MP_K_SCORE and MP_K_PERCENT (mp_kinds.h) read,
 * store and show their values with these; a report formats its sums with
 * them. */
#ifndef MP_MONEY_H
#define MP_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount of money: 9,999,999,999.99 元, in fen. */
#define MP_MONEY_MAX INT64_C(999999999999)

/* Why a typed amount was refused. */
enum mp_parse_result {
	MP_PARSE_OK,
	MP_PARSE_NOTNUM,    /* not a number at all */
	MP_PARSE_DECIMALS,  /* more decimals than the unit has */
	MP_PARSE_NEGATIVE,  /* below 0 */
	MP_PARSE_TOOBIG     /* above the kind's largest value */
};

/* Read an amount of money as a social worker types it: "1234.5",
 * "1,234.50" (commas in threes only), "￥1234.50", "¥ 12", "RMB 12",
 * "1234元", "300块", "1.5万" (15000 元), full-width digits, "，" and "。"
 * (an input method's comma and full stop) included; "-5" when negative
 * (allowed only when negative is nonzero).  Integer arithmetic only. */
enum mp_parse_result mp_money_parse(const char *s, int negative, int64_t *fen);

/* fen as "1234.50" (group 0: the kept and exported form) or "1,234.50"
 * (group 1: shown).  Returns buf (24 bytes suffice). */
char *mp_money_format(int64_t fen, int group, char *buf, size_t size);

/* A score 0–100 with at most one decimal ("92.5", "85分"), in tenths. */
enum mp_parse_result mp_score_parse(const char *s, int64_t *tenths);

/* A percentage 0–100 with at most two decimals ("12.5", "12.5%"), in
 * hundredths of a percent. */
enum mp_parse_result mp_percent_parse(const char *s, int64_t *hundredths);

/* A fixed-point value as people write it, without trailing zeros:
 * (925, 1) -> "92.5", (1250, 2) -> "12.5", (800, 2) -> "8".  Returns buf. */
char *mp_decimal_format(int64_t v, int decimals, char *buf, size_t size);

#endif
