/* mp_figures.h — the summary report's tables, and what a record type
 * uses to add its figures to them.
 *
 * A report is a list of small tables (a title, column heads, rows of
 * cells as text) built for a period and optionally one community.  Each
 * record type with figures names a function in its table (mp_table.report)
 * that adds its headline rows to the first table, "Summary", and tables of
 * its own; the report (src/report) calls them in the registry's order and
 * writes the result to the screen, text, CSV and XLSX. */
#ifndef MP_FIGURES_H
#define MP_FIGURES_H

#include <stddef.h>

#include "db_internal.h"
#include "mp_config.h"

typedef struct mp_rtable {
	char *title;         /* translated */
	int ncols, nrows;
	char **head;         /* ncols translated column heads */
	char **cell;         /* nrows * ncols, row by row; never NULL */
	unsigned numeric;    /* bit i set: column i holds numbers */
	int bar;             /* column drawn as bars on screen, or -1 */
} mp_rtable;

typedef struct mp_report {
	char from[11], to[11];   /* YYYY-MM-DD, inclusive */
	char today[11];          /* the date "overdue" is judged against */
	char *community;         /* NULL: all communities */
	char *station;           /* the station's name, "" if unset */
	char *title;             /* the heading's title; NULL: 汇总报表 */
	mp_rtable *tables;
	int ntables;
} mp_report;

/* A new table of ncols columns (heads as const char * arguments);
 * numeric: bit i set when column i holds numbers; bar: the column drawn
 * as bars on screen, or -1. */
mp_rtable *rt_new(mp_report *r, const char *title, unsigned numeric,
                  int bar, int ncols, ...);
/* Add a row of t->ncols const char * cells (NULL is an empty cell). */
void rt_row(mp_rtable *t, ...);
/* Rows of a two-column "figure, value" table. */
void rt_count(mp_rtable *t, const char *what, long n);
/* part of whole as "12.5%", or "—" when whole is 0. */
const char *pct(long part, long whole, char *buf, size_t size);

/* The report's first table, "figure, value", to which every part adds
 * its headline rows.  (Take it afresh after rt_new: the array moves.) */
#define RP_SUMMARY(r) (&(r)->tables[0])

/* Prepare sql with the report's parameters bound: ?1 community or NULL,
 * ?2 from, ?3 to, ?4 the earlier of to and today. */
int rp_prep(mp_db *db, const mp_report *r, const char *sql,
            sqlite3_stmt **st, mp_err *e);
/* Run sql, which returns one row of n whole numbers, into v. */
int rp_one_row(mp_db *db, const mp_report *r, const char *sql, long *v,
               int n, mp_err *e);

/* The (value, count) rows of a statement: val[i] NULL when not filled
 * in. */
typedef struct rp_counts {
	char **val;
	long *n;
	int count;
	long total;
} rp_counts;

int rp_counts_read(mp_db *db, const mp_report *r, const char *sql,
                   rp_counts *c, mp_err *e);
void rp_counts_free(rp_counts *c);

/* A table "value, count, share" from sql, which returns (value, count)
 * rows: order's values first (zero rows included), then others, then the
 * rows not filled in, then the total. */
int rp_tally(mp_db *db, mp_report *r, const char *title, const char *head,
             const char *sql, const mp_strlist *order, mp_err *e);

#endif
