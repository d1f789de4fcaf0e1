/* report_internal.h — what the parts of the summary report share. */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include "db_internal.h"
#include "mp_report.h"

/* Groups that exist (live, not 注销), of the report's community (?1). */
#define GROUPS_LIVE \
	" g.deleted_at IS NULL AND ifnull(g.state, '') <> '注销'" \
	" AND (?1 IS NULL OR g.community = ?1)"

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

/* The figures of activities, service records, trainings and visits
 * (report_act.c). */
int rp_period(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);
int rp_trainings(mp_db *db, mp_report *r, mp_err *e);
int rp_visits(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);

#endif
