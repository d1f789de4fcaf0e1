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
#include "mp_record.h"

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

/* ---- a round's ranking from the ledger ---- */

/* One application of the ranking. */
typedef struct mp_rank_row {
	int64_t app_id;
	char *name;            /* 项目名称 */
	char *group;           /* 申报组织 */
	char *category, *community;
	char state[32];        /* its state as stored (拟立项 …) */
	int64_t requested;     /* fen */
	int64_t granted;       /* fen; -1 when none yet */
	int64_t *totals;       /* one per reviewer of the ranking (hundredths,
	                          -1: has not scored every criterion) */
	mp_rank_stats st;
	int64_t votes;         /* resident votes in all */
	int pass;              /* mp_rank_passes of its mean */
} mp_rank_row;

typedef struct mp_ranking {
	int64_t round_id;
	char *round;           /* its name */
	char *organiser, *operator_;
	int64_t pass_mark;     /* tenths; 0: none */
	int votes_used;        /* the round has resident votes */
	int notice_days;
	int64_t pool_left;     /* fen (mp_round_pool_left) */
	int ncrit;
	char (*crit)[64];      /* the criteria's names */
	int64_t *weights;      /* and weights, hundredths of a percent */
	int nrev;
	int64_t *rev_id;       /* the reviewers who scored, by name */
	char **rev_name, **rev_unit;
	int nrows;
	mp_rank_row *rows;     /* in the ranking's order (mp_rank_cmp) */
} mp_ranking;

/* The ranking of round_id: its applications that passed the eligibility
 * check (every state but 草稿, 已申报 and 资格审查未通过), each with every
 * reviewer's weighted total, the mean, the spread, the votes and whether
 * it reaches the pass mark, best first.  Free with mp_ranking_free. */
int mp_ranking_load(mp_db *db, int64_t round_id, mp_ranking **out, mp_err *e);
void mp_ranking_free(mp_ranking *r);

/* The round named name (or numbered so): its id.  MP_ENOTFOUND, or
 * MP_EINVAL when two live rounds have that name. */
int mp_round_find(mp_db *db, const char *name, int64_t *id, mp_err *e);

#endif
