/* figures.c — the summary report's tables and the statements that fill
 * them, shared by the record types' figures (mp_figures.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_figures.h"
#include "mp_i18n.h"
#include "mp_period.h"
#include "mp_text.h"

/* ---- tables ---- */

mp_rtable *rt_new(mp_report *r, const char *title, unsigned numeric,
                         int bar, int ncols, ...)
{
	mp_rtable *t;
	va_list ap;

	r->tables = realloc(r->tables, (size_t)(r->ntables + 1) * sizeof *t);
	if (!r->tables)
		mp_oom();
	t = &r->tables[r->ntables++];
	memset(t, 0, sizeof *t);
	t->title = mp_strdup(title);
	t->ncols = ncols;
	t->numeric = numeric;
	t->bar = bar;
	t->head = calloc((size_t)ncols, sizeof *t->head);
	if (!t->head)
		mp_oom();
	va_start(ap, ncols);
	for (int i = 0; i < ncols; i++)
		t->head[i] = mp_strdup(va_arg(ap, const char *));
	va_end(ap);
	return t;
}

/* Add a row of t->ncols cells (NULL is an empty cell). */
void rt_row(mp_rtable *t, ...)
{
	va_list ap;

	t->cell = realloc(t->cell, (size_t)(t->nrows + 1) * (size_t)t->ncols *
	                  sizeof *t->cell);
	if (!t->cell)
		mp_oom();
	va_start(ap, t);
	for (int i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);
		t->cell[t->nrows * t->ncols + i] = mp_strdup(s ? s : "");
	}
	va_end(ap);
	t->nrows++;
}

/* A two-column "figure, value" row with a whole number. */
void rt_count(mp_rtable *t, const char *what, long n)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", n);
	rt_row(t, what, v);
}

const char *pct(long part, long whole, char *buf, size_t size)
{
	if (whole <= 0)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
	return buf;
}

/* ---- statements ---- */

/* Prepare sql and bind the report's parameters (?1..?4, whichever the
 * statement uses). */
int rp_prep(mp_db *db, const mp_report *r, const char *sql,
                sqlite3_stmt **st, mp_err *e)
{
	int rc = mp_db_prepare(db, sql, st, e), n;

	if (rc != MP_OK)
		return rc;
	n = sqlite3_bind_parameter_count(*st);
	rc = SQLITE_OK;
	if (n >= 1)
		rc = r->community
		     ? sqlite3_bind_text(*st, 1, r->community, -1, SQLITE_STATIC)
		     : sqlite3_bind_null(*st, 1);
	if (rc == SQLITE_OK && n >= 2)
		rc = sqlite3_bind_text(*st, 2, r->from, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && n >= 3)
		rc = sqlite3_bind_text(*st, 3, r->to, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && n >= 4)
		rc = sqlite3_bind_text(*st, 4, strcmp(r->today, r->to) < 0
		                       ? r->today : r->to, -1, SQLITE_STATIC);
	if (rc != SQLITE_OK) {
		rc = mp_db_fail(db, rc, e);
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return rc;
}

/* Run a statement that returns one row of whole numbers into v[0..n-1]. */
int rp_one_row(mp_db *db, const mp_report *r, const char *sql,
                   long *v, int n, mp_err *e)
{
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	if (rc != MP_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			v[i] = (long)sqlite3_column_int64(st, i);
		rc = MP_OK;
	} else {
		rc = mp_db_fail(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, e);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- counts by one field ---- */

void rp_counts_free(rp_counts *ta)
{
	for (int i = 0; i < ta->count; i++)
		free(ta->val[i]);
	free(ta->val);
	free(ta->n);
}

int rp_counts_read(mp_db *db, const mp_report *r, const char *sql,
                   rp_counts *ta, mp_err *e)
{
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	memset(ta, 0, sizeof *ta);
	if (rc != MP_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		ta->val = realloc(ta->val, (size_t)(ta->count + 1) * sizeof *ta->val);
		ta->n = realloc(ta->n, (size_t)(ta->count + 1) * sizeof *ta->n);
		if (!ta->val || !ta->n)
			mp_oom();
		ta->val[ta->count] = v && *v ? mp_strdup(v) : NULL;
		ta->n[ta->count] = (long)sqlite3_column_int64(st, 1);
		ta->total += ta->n[ta->count];
		ta->count++;
	}
	rc = rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return rc;
}

/* A table "value, count, share": the values of the choice list first, in
 * its order (zero rows included, so the bureau's categories are always
 * all there), then other values as found, then those not filled in. */
static void tally_table(mp_report *r, const char *title, const char *head,
                        const rp_counts *ta, const mp_strlist *order)
{
	mp_rtable *t = rt_new(r, title, 2 | 4, 1, 3, head, _("Count"), _("Share"));
	char n[32], p[32];
	int done[256] = { 0 };
	int k = ta->count < 256 ? ta->count : 256;

	for (int i = 0; order && i < order->n; i++) {
		long c = 0;
		for (int j = 0; j < k; j++)
			if (ta->val[j] && strcmp(ta->val[j], order->v[i]) == 0) {
				c += ta->n[j];
				done[j] = 1;
			}
		snprintf(n, sizeof n, "%ld", c);
		rt_row(t, order->v[i], n, pct(c, ta->total, p, sizeof p));
	}
	for (int pass = 0; pass < 2; pass++)
		for (int j = 0; j < k; j++) {
			if (done[j] || (pass == 0) != (ta->val[j] != NULL))
				continue;
			snprintf(n, sizeof n, "%ld", ta->n[j]);
			rt_row(t, ta->val[j] ? ta->val[j] : _("(not filled in)"), n,
			       pct(ta->n[j], ta->total, p, sizeof p));
		}
	snprintf(n, sizeof n, "%ld", ta->total);
	rt_row(t, _("Total"), n, ta->total > 0 ? "100.0%" : "—");
}

int rp_tally(mp_db *db, mp_report *r, const char *title, const char *head,
             const char *sql, const mp_strlist *order, mp_err *e)
{
	rp_counts ta;
	int rc = rp_counts_read(db, r, sql, &ta, e);

	if (rc == MP_OK)
		tally_table(r, title, head, &ta, order);
	rp_counts_free(&ta);
	return rc;
}

/* ---- the period's rule (mp_period.h) ---- */

const char *mp_held_until(const char *to, const char *today)
{
	/* YYYY-MM-DD compares as text. */
	return strcmp(today, to) < 0 ? today : to;
}

int mp_date_planned(const char *date, const char *today)
{
	return date && *date && strcmp(date, today) > 0;
}

const char *mp_date_brief(const char *date, const char *today, char *buf,
                          size_t size)
{
	if (date && strlen(date) == 10 && date[4] == '-' &&
	    strncmp(date, today, 4) == 0)
		snprintf(buf, size, "%s", date + 5);
	else
		snprintf(buf, size, "%s", date ? date : "");
	return buf;
}
