/* mp_project_report.h — the figures of 公益创投 and 微创投 rounds in the
 * summary report, per round and per period: applications, approved,
 * granted, paid, outstanding, reclaimed, matched funds promised and
 * raised with the leverage ratio (配套 : 资助), by category and by
 * community; groups incubated, teams formed, sessions, people served;
 * evaluation results.
 *
 * The arithmetic is kept apart from the statements that read the ledger:
 * each application's amounts are added in whole fen (int64_t), so every
 * sum is exact to the fen however many payments it holds, and a
 * project serving several communities counts once in every total. */
#ifndef MP_PROJECT_REPORT_H
#define MP_PROJECT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mp_config.h"
#include "mp_figures.h"

/* One application as the report reads it.  Money in fen. */
typedef struct mp_proj_app {
	const char *category;   /* NULL or "": not filled in */
	const char *community;  /* the community or communities served,
	                           separated by 、，,;； or spaces */
	int submitted;          /* past draft */
	int approved;           /* approved, and every state after */
	int stopped;            /* stopped: nothing more is due */
	int64_t requested, granted, paid, reclaimed;
	int64_t matched_promised, matched_raised;
} mp_proj_app;

/* Sums of applications (and the outcome and evaluation counts, which
 * the report adds on its own). */
typedef struct mp_proj_figs {
	long applications, approved, stopped;
	int64_t requested, granted, paid, reclaimed, outstanding;
	int64_t matched_promised, matched_raised;
	long groups, teams, sessions, people;
	long eval_mid_pass, eval_mid_fail, eval_end_pass, eval_end_fail;
} mp_proj_figs;

/* What is still due on a: granted less paid for an approved project that
 * was not stopped, never below 0; 0 otherwise. */
int64_t mp_proj_outstanding(const mp_proj_app *a);

/* Add a (only when submitted: a draft is nobody's application yet). */
void mp_proj_figs_add(mp_proj_figs *f, const mp_proj_app *a);

/* The leverage ratio 配套 : 资助, the matched funds per one 元 of grant,
 * rounded half up to two decimals with integer arithmetic:
 * (25000, 100000) -> "0.25:1"; "—" when nothing was granted. */
char *mp_leverage_format(int64_t matched, int64_t granted, char *buf,
                         size_t size);

/* Applications summed by a text key (category, community). */
typedef struct mp_proj_by {
	char **key;          /* NULL: not filled in */
	mp_proj_figs *f;
	int n;
} mp_proj_by;

/* Add a under key (NULL or "": not filled in). */
void mp_proj_by_add(mp_proj_by *b, const char *key, const mp_proj_app *a);

/* Add a under each community it names (a->community split on 、，,;；
 * and spaces, each name once); under "not filled in" when it names
 * none.  Returns how many communities it named. */
int mp_proj_by_community(mp_proj_by *b, const mp_proj_app *a);

/* The sums under key (NULL: not filled in), or NULL. */
const mp_proj_figs *mp_proj_by_get(const mp_proj_by *b, const char *key);

void mp_proj_by_free(mp_proj_by *b);

/* A table of b: order's keys first (zero rows included), then other keys
 * in the order met, then "not filled in", then the total row from total
 * (the applications counted once, not the sum of the rows).  Columns:
 * head, applications, approved, granted, paid, matched promised (when
 * matched), leverage ratio: within 80 columns. */
void mp_proj_by_table(mp_report *r, const char *title, const char *head,
                      const mp_proj_by *b, const mp_strlist *order,
                      const mp_proj_figs *total, int matched);

/* The "figure, value" rows of f in t: applications, approved, granted,
 * paid, outstanding, reclaimed, matched promised and raised, the leverage
 * ratios; groups incubated, teams formed, sessions, people served;
 * evaluations passed and failed. */
void mp_proj_figs_rows(mp_rtable *t, const mp_proj_figs *f);

/* The rounds' lines of the summary report (mp_table.report of the
 * rounds), when the ledger has a round: a table "Funded projects" of the
 * applications of the rounds whose application window opened in the
 * period, their money as the period's end stands, and the money every
 * round paid and reclaimed in the period; tables by round, by category
 * and by community. */
int mp_project_report(mp_db *db, const mp_config *cfg, mp_report *r,
                      mp_err *e);

/* The table "Funded projects" of r, or NULL. */
const mp_rtable *mp_proj_table(const mp_report *r);

/* The live round named name, or numbered so: its id, its full name into
 * full and the day it began (its application window's first day, else
 * its needs call's, its deadline, the day it was entered) into from.
 * MP_ENOTFOUND naming it when there is none. */
int mp_project_find_round(mp_db *db, const char *name, int64_t *id,
                          char *full, size_t size, char from[11], mp_err *e);

/* The figures of round round_id (named name) added to r, which holds its
 * Summary table and its period, community and today: a "Round" row and
 * the headline rows in the Summary, then the tables by category and by
 * community, the money as r->to stands (mp_report_build_round). */
int mp_project_round_figures(mp_db *db, const mp_config *cfg, mp_report *r,
                             int64_t round_id, const char *name, mp_err *e);

#endif
