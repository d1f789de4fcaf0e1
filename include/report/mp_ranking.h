/* mp_ranking.h — the ranking of a round's applications by the reviewers'
 * scores (评审排名).
 *
 * Each reviewer scores each criterion of the round from 0 to 100 (in
 * tenths of a point, as MP_K_SCORE keeps it).  A reviewer's total for an
 * application is the weighted mean of those scores, Σ wᵢsᵢ / Σ wᵢ, so the
 * weights need not add up to 100; the application's score is the mean of
 * its reviewers' totals, and its spread (极差) the highest total less the
 * lowest.  Everything is whole numbers: totals, means and spreads are in
 * hundredths of a point, rounded half up once, at the end. */
#ifndef MP_RANKING_H
#define MP_RANKING_H

#include <stdint.h>
#include "mp_err.h"

/* A reviewer's weighted total over n criteria: scores in tenths (-1: not
 * scored), weights >= 0 in any one unit.  Returns the total in hundredths
 * of a point, or -1 when a criterion of weight above 0 is not scored or
 * every weight is 0. */
int64_t mp_rank_weighted(const int64_t *tenths, const int64_t *weights, int n);

/* The figures of one application from its reviewers' totals (hundredths;
 * -1 entries, reviewers who have not finished, are left out). */
typedef struct mp_rank_stats {
	int nscored;      /* reviewers whose total counts */
	int64_t mean;     /* hundredths, rounded half up; -1 when nscored = 0 */
	int64_t low, high;
	int64_t spread;   /* high - low; 0 with one reviewer, -1 with none */
} mp_rank_stats;

void mp_rank_stats_of(const int64_t *totals, int n, mp_rank_stats *out);

/* Whether a mean (hundredths) reaches the pass mark (tenths, as the
 * round's MP_K_SCORE field keeps it; <= 0: no mark, all pass).  A mean
 * of -1 never passes. */
int mp_rank_passes(int64_t mean, int64_t pass_tenths);

/* The order of the ranking: higher mean first (unscored last), then more
 * resident votes, then the earlier application (lower id).  Returns <0,
 * 0 or >0 as a qsort comparison would for a before b. */
int mp_rank_cmp(int64_t mean_a, int64_t votes_a, int64_t id_a,
                int64_t mean_b, int64_t votes_b, int64_t id_b);

#endif
