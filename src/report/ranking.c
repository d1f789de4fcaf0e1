/* ranking.c — the arithmetic of a round's ranking: weighted totals, means,
 * spreads and the pass mark, in whole numbers (see mp_ranking.h). */
#include "config.h"

#include "mp_ranking.h"

/* num / den rounded half up, both >= 0, den > 0. */
static int64_t div_round(int64_t num, int64_t den)
{
	return (num + den / 2) / den;
}

int64_t mp_rank_weighted(const int64_t *tenths, const int64_t *weights, int n)
{
	int64_t num = 0, den = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (weights[i] <= 0)
			continue;
		if (tenths[i] < 0)
			return -1;
		/* Scores are at most 1000 tenths and weights at most 10,000
		 * hundredths of a percent: far from overflowing. */
		num += tenths[i] * weights[i];
		den += weights[i];
	}
	if (den == 0)
		return -1;
	/* tenths to hundredths: times 10. */
	return div_round(num * 10, den);
}

void mp_rank_stats_of(const int64_t *totals, int n, mp_rank_stats *out)
{
	int64_t sum = 0;
	int i;

	out->nscored = 0;
	out->mean = out->low = out->high = out->spread = -1;
	for (i = 0; i < n; i++) {
		if (totals[i] < 0)
			continue;
		if (out->nscored == 0 || totals[i] < out->low)
			out->low = totals[i];
		if (out->nscored == 0 || totals[i] > out->high)
			out->high = totals[i];
		sum += totals[i];
		out->nscored++;
	}
	if (out->nscored == 0)
		return;
	out->mean = div_round(sum, out->nscored);
	out->spread = out->high - out->low;
}

int mp_rank_passes(int64_t mean, int64_t pass_tenths)
{
	if (mean < 0)
		return 0;
	if (pass_tenths <= 0)
		return 1;
	return mean >= pass_tenths * 10;
}

int mp_rank_cmp(int64_t mean_a, int64_t votes_a, int64_t id_a,
                int64_t mean_b, int64_t votes_b, int64_t id_b)
{
	if (mean_a != mean_b)
		return mean_a > mean_b ? -1 : 1;
	if (votes_a != votes_b)
		return votes_a > votes_b ? -1 : 1;
	return id_a < id_b ? -1 : id_a > id_b;
}
