/* report_parts.h — what the record types' figures in the summary report
 * share (group_report.c, activity_report.c, hours_report.c,
 * training_report.c, visit_report.c); each type names its function in its
 * table (mp_table.report). */
#ifndef REPORT_PARTS_H
#define REPORT_PARTS_H

#include "mp_figures.h"

/* Groups that exist (live, not 注销), of the report's community (?1).
 * The table is read straight through: a district's few thousand groups
 * are a few hundred pages, where going by an index would look each row
 * up on its own. */
#define GROUPS_LIVE \
	" FROM groups g NOT INDEXED WHERE g.deleted_at IS NULL" \
	" AND ifnull(g.state, '') <> '注销' AND (?1 IS NULL OR g.community = ?1)"

/* Rows (p: their alias) of a group of the report's community, if any.
 * Every group_id names a group (a foreign key), so without a community
 * no group is looked up. */
#define OF_COMMUNITY(p) \
	" AND (?1 IS NULL OR " p ".group_id IN" \
	"  (SELECT g.id FROM groups g WHERE g.community = ?1))"

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

/* A "figure, value" row of hours, written as the forms show them. */
void rt_hours(mp_rtable *t, const char *what, double h);

/* The figures of each type (mp_table.report). */
int mp_group_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);
int mp_activity_report(mp_db *db, const mp_config *cfg, mp_report *r,
                       mp_err *e);
int mp_training_report(mp_db *db, const mp_config *cfg, mp_report *r,
                       mp_err *e);
int mp_visit_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);

#endif
