/* report_internal.h — what the parts of the summary report share. */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include "db_internal.h"
#include "mp_report.h"

/* Groups that exist (live, not 注销), of the report's community (?1).
 * The table is read straight through: a district's few thousand groups
 * are a few hundred pages, where going by an index would look each row
 * up on its own. */
#define GROUPS_LIVE \
	" FROM groups g NOT INDEXED WHERE g.deleted_at IS NULL" \
	" AND ifnull(g.state, '') <> '注销' AND (?1 IS NULL OR g.community = ?1)"

/* A new table of ncols columns (heads as const char * arguments). */
mp_rtable *rt_new(mp_report *r, const char *title, unsigned numeric,
                  int bar, int ncols, ...);
/* Add a row of t->ncols const char * cells (NULL is an empty cell). */
void rt_row(mp_rtable *t, ...);
/* Rows of a two-column "figure, value" table. */
void rt_count(mp_rtable *t, const char *what, long n);
void rt_hours(mp_rtable *t, const char *what, double h);
/* part of whole as "12.5%", or "—" when whole is 0. */
const char *pct(long part, long whole, char *buf, size_t size);

/* Prepare sql with the report's parameters bound: ?1 community or NULL,
 * ?2 from, ?3 to, ?4 the earlier of to and today. */
int rp_prep(mp_db *db, const mp_report *r, const char *sql,
            sqlite3_stmt **st, mp_err *e);
/* Run sql, which returns one row of n whole numbers, into v. */
int rp_one_row(mp_db *db, const mp_report *r, const char *sql, long *v,
               int n, mp_err *e);

/* A table "value, count, share" from sql, which returns (value, count)
 * rows: order's values first (zero rows included), then others, then the
 * rows not filled in, then the total. */
int rp_tally(mp_db *db, mp_report *r, const char *title, const char *head,
             const char *sql, const mp_strlist *order, mp_err *e);

/* The report's first table, "figure, value", to which every part adds
 * its headline rows.  (Take it afresh after rt_new: the array moves.) */
#define RP_SUMMARY(r) (&(r)->tables[0])

/* The months of the period, with their figures. */
struct rp_month {
	char ym[8];
	long acts, part, bene;
	long long cents;   /* service hours in hundredths */
};

struct rp_months {
	struct rp_month *m;
	int n;
};

/* The month ym ("YYYY-MM") of ms, or NULL when it is not in the period. */
struct rp_month *rp_month_of(struct rp_months *ms, const char *ym);

/* The period's service records that count (report_hours.c). */
struct rp_top {
	long long id, cents;
	long records;
};

typedef struct rp_hours {
	long active;             /* volunteers with a record */
	long long total;         /* hundredths of an hour */
	struct rp_top top[10];   /* the ten with most hours, most first */
	int ntop;
} rp_hours;

/* Fill out, and add each month's hours to ms. */
int rp_read_hours(mp_db *db, const mp_report *r, struct rp_months *ms,
                  rp_hours *out, mp_err *e);

/* The figures of activities, service records, trainings and visits
 * (report_act.c). */
int rp_period(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);
int rp_trainings(mp_db *db, mp_report *r, mp_err *e);
int rp_visits(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);

#endif
