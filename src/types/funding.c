/* funding.c — a funded project's money: what each tranche of the round's
 * plan makes due, when it may be paid, what may be reclaimed.
 *
 * Money is whole fen throughout; the split of a grant into tranches
 * rounds each share down and gives the last tranche the rest, so the
 * tranches always add up to the grant to the fen (the last tranche is
 * the 尾款 the field keeps back until the project is closed anyway). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_funding.h"
#include "mp_i18n.h"
#include "mp_money.h"

/* 100% in hundredths of a percent (MP_K_PERCENT's unit). */
#define ALL_SHARES 10000

static const char *const trigger_words[MP_TRIG__COUNT] = {
	[MP_TRIG_AGREEMENT] = "协议签订",
	[MP_TRIG_MIDTERM] = "中期评估通过",
	[MP_TRIG_CLOSING] = "结项评估通过",
};

static const char *const trigger_labels[MP_TRIG__COUNT] = {
	[MP_TRIG_AGREEMENT] = N_("agreement signed"),
	[MP_TRIG_MIDTERM] = N_("mid-term evaluation passed"),
	[MP_TRIG_CLOSING] = N_("closing evaluation passed"),
};

const char *mp_trigger_word(enum mp_trigger t)
{
	return t >= 0 && t < MP_TRIG__COUNT ? trigger_words[t] : "";
}

const char *mp_trigger_label(enum mp_trigger t)
{
	return t >= 0 && t < MP_TRIG__COUNT ? _(trigger_labels[t]) : "";
}

int mp_trigger_parse(const char *s)
{
	/* Short forms people write in a plan's cell. */
	static const struct { const char *word; enum mp_trigger t; } shortf[] = {
		{ "协议", MP_TRIG_AGREEMENT }, { "签约", MP_TRIG_AGREEMENT },
		{ "签订协议", MP_TRIG_AGREEMENT }, { "agreement", MP_TRIG_AGREEMENT },
		{ "中期", MP_TRIG_MIDTERM }, { "中期评估", MP_TRIG_MIDTERM },
		{ "midterm", MP_TRIG_MIDTERM }, { "mid-term", MP_TRIG_MIDTERM },
		{ "结项", MP_TRIG_CLOSING }, { "结项评估", MP_TRIG_CLOSING },
		{ "closing", MP_TRIG_CLOSING },
	};
	size_t i;

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	for (i = 0; i < MP_TRIG__COUNT; i++)
		if (!strcmp(s, trigger_words[i]) || !strcmp(s, trigger_labels[i]) ||
		    !strcmp(s, _(trigger_labels[i])))
			return (int)i;
	for (i = 0; i < sizeof shortf / sizeof shortf[0]; i++)
		if (!strcmp(s, shortf[i].word))
			return (int)shortf[i].t;
	return -1;
}

static void set_since(char since[11], const char *date)
{
	if (since)
		snprintf(since, 11, "%s", date);
}

enum mp_tranche_state mp_tranche_state(enum mp_trigger t,
                                       const mp_project_facts *f,
                                       char since[11])
{
	set_since(since, "");
	if (!f->agreement_date[0])
		return MP_TS_WAITING;   /* nothing is paid before an agreement */
	if (t == MP_TRIG_AGREEMENT) {
		set_since(since, f->agreement_date);
		return MP_TS_READY;
	}
	/* Whatever comes after the agreement waits for a mid-term that
	 * failed to be evaluated again and pass. */
	if (f->midterm == MP_EV_FAIL)
		return MP_TS_HELD;
	if (t == MP_TRIG_MIDTERM) {
		if (f->midterm != MP_EV_PASS)
			return MP_TS_WAITING;
		set_since(since, f->midterm_date);
		return MP_TS_READY;
	}
	if (f->closing == MP_EV_FAIL)
		return MP_TS_HELD;
	if (f->closing != MP_EV_PASS)
		return MP_TS_WAITING;
	set_since(since, f->closing_date);
	return MP_TS_READY;
}

int mp_tranche_split(int64_t granted, const int64_t *shares, int n,
                     int64_t *due, mp_err *e)
{
	int64_t sum = 0, given = 0;
	int i;

	if (n <= 0)
		return mp_err_set(e, MP_EINVAL, _("the round has no tranche plan"));
	if (granted < 0 || granted > MP_MONEY_MAX)
		return mp_err_set(e, MP_EINVAL, _("the amount granted is out of range"));
	for (i = 0; i < n; i++) {
		char pct[16];

		if (shares[i] <= 0 || shares[i] > ALL_SHARES) {
			mp_decimal_format(shares[i], 2, pct, sizeof pct);
			return mp_err_set(e, MP_EINVAL,
			                  _("tranche %d's share %s%% is not above 0%% and at most 100%%"),
			                  i + 1, pct);
		}
		sum += shares[i];
	}
	if (sum != ALL_SHARES) {
		char pct[16];

		mp_decimal_format(sum, 2, pct, sizeof pct);
		return mp_err_set(e, MP_EINVAL,
		                  _("the tranches' shares add up to %s%%, not 100%%"), pct);
	}
	/* granted <= MP_MONEY_MAX (1e12) times a share <= 1e4: below 2^63. */
	for (i = 0; i < n - 1; i++) {
		due[i] = granted * shares[i] / ALL_SHARES;
		given += due[i];
	}
	due[n - 1] = granted - given;
	return MP_OK;
}

int mp_payment_check(int tranche, enum mp_trigger t, const mp_project_facts *f,
                     int64_t due, int64_t paid, int64_t amount,
                     const char *date, int field_amount, int field_date,
                     mp_err *e)
{
	char since[11], a[24], d[24], p[24], left[24];

	switch (mp_tranche_state(t, f, since)) {
	case MP_TS_WAITING:
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Tranche %d cannot be paid yet: its trigger “%s” has not happened"),
		                    tranche, mp_trigger_label(t));
	case MP_TS_HELD:
		if (t == MP_TRIG_CLOSING && f->midterm != MP_EV_FAIL)
			return mp_err_field(e, MP_EINVAL, field_amount,
			                    _("Tranche %d is held: the closing evaluation of %s did not pass"),
			                    tranche, f->closing_date);
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Tranche %d is held: the mid-term evaluation of %s did not pass"),
		                    tranche, f->midterm_date);
	case MP_TS_READY:
		break;
	}
	if (date && date[0] && since[0] && strcmp(date, since) < 0)
		return mp_err_field(e, MP_EINVAL, field_date,
		                    _("Payment date: %s is before tranche %d's trigger “%s” happened on %s"),
		                    date, tranche, mp_trigger_label(t), since);
	if (amount <= 0)
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Amount: a payment is more than 0"));
	if (amount > due - paid) {
		mp_money_format(amount, 1, a, sizeof a);
		mp_money_format(due, 1, d, sizeof d);
		mp_money_format(paid, 1, p, sizeof p);
		mp_money_format(due - paid > 0 ? due - paid : 0, 1, left, sizeof left);
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Amount: %s is more than the %s still due on tranche %d (%s due, %s paid)"),
		                    a, left, tranche, d, p);
	}
	return MP_OK;
}

int mp_reclaim_check(int64_t paid, int64_t reclaimed, int64_t amount,
                     int field, mp_err *e)
{
	char a[24], left[24];

	if (amount <= 0)
		return mp_err_field(e, MP_EINVAL, field,
		                    _("Amount: an amount reclaimed is more than 0"));
	if (amount > paid - reclaimed) {
		mp_money_format(amount, 1, a, sizeof a);
		mp_money_format(paid - reclaimed > 0 ? paid - reclaimed : 0, 1,
		                left, sizeof left);
		return mp_err_field(e, MP_EINVAL, field,
		                    _("Amount: %s is more than the %s paid and not yet reclaimed"),
		                    a, left);
	}
	return MP_OK;
}

int64_t mp_weighted_total(const int64_t *tenths, const int64_t *weights,
                          int n)
{
	int64_t num = 0, den = 0;
	int i;

	/* Scores are at most 1000 tenths and weights at most 10,000
	 * hundredths: no overflow for any number of criteria a round has. */
	for (i = 0; i < n; i++) {
		num += tenths[i] * weights[i];
		den += weights[i];
	}
	if (den <= 0)
		return 0;
	return (2 * num + den) / (2 * den);
}
