/* bases_report.c — the incubation bases' part of the summary report
 * (issue 17): per base its capacity, the groups in it at the end of the
 * period, those that moved in and out during it, the median stay of
 * those that moved out, how they left (registered or filed during their
 * stay, or not), and the services it gave by kind.  (The summary's
 * headline 在孵化基地的组织 is the groups' own, group_report.c: the
 * group's 孵化基地 is its current stay's.) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_bases.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "report_parts.h"

/* Live stays of the report's community (?1) in base b. */
#define STAYS_OF(b) " FROM stays s WHERE s.deleted_at IS NULL AND s.base_id = " b \
	OF_COMMUNITY("s")

/* One row per live base: capacity; in the base at ?4 (the end of the
 * period, or today if earlier); moved in and moved out during the
 * period; how those that moved out left. */
static const char per_base[] =
	"SELECT b.id, b.name, b.capacity,"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_in <= ?4"
	"  AND (s.moved_out IS NULL OR s.moved_out > ?4)),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_in BETWEEN ?2 AND ?3),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_out BETWEEN ?2 AND ?3),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_out BETWEEN ?2 AND ?3"
	"  AND s.outcome = '" MP_OUTCOME_REGISTERED "'),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_out BETWEEN ?2 AND ?3"
	"  AND s.outcome = '" MP_OUTCOME_FILED "'),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_out BETWEEN ?2 AND ?3"
	"  AND s.outcome = '" MP_OUTCOME_UNREGISTERED "'),"
	" (SELECT count(*)" STAYS_OF("b.id") " AND s.moved_out BETWEEN ?2 AND ?3"
	"  AND s.outcome = '" MP_OUTCOME_LEFT_EARLY "')"
	" FROM bases b WHERE b.deleted_at IS NULL ORDER BY b.name, b.id";

/* The length in days of each stay that ended in the period, by base and
 * length: the median is read off in order. */
static const char lengths[] =
	"SELECT s.base_id, CAST(julianday(s.moved_out) - julianday(s.moved_in) AS INTEGER)"
	" FROM stays s WHERE s.deleted_at IS NULL AND s.moved_in IS NOT NULL"
	" AND s.moved_out BETWEEN ?2 AND ?3" OF_COMMUNITY("s")
	" ORDER BY 1, 2";

/* The services of the period by base and kind, from the index that holds
 * all they need. */
static const char services[] =
	"SELECT b.name, x.kind, count(*), ifnull(round(sum(x.hours) * 100), 0),"
	" ifnull(sum(x.amount), 0)"
	" FROM base_services x INDEXED BY base_services_report"
	" JOIN bases b ON b.id = x.base_id"
	" WHERE x.deleted_at IS NULL AND x.date BETWEEN ?2 AND ?4" OF_COMMUNITY("x")
	" GROUP BY x.base_id, x.kind ORDER BY b.name, b.id, x.kind";

struct median {
	int64_t base;
	long days;
};

/* The medians of each base's stays, in *out (n of them). */
static int read_medians(mp_db *db, const mp_report *r, struct median **out,
                        int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	long *len = NULL;
	int64_t cur = 0;
	int cap = 0, k = 0, rc, ret;

	*out = NULL;
	*n = 0;
	ret = rp_prep(db, r, lengths, &st, e);
	if (ret != MP_OK)
		return ret;
	for (;;) {
		int64_t b = 0;

		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			b = sqlite3_column_int64(st, 0);
		/* A base's lengths are all read: its median is the middle one
		 * (the mean of the two middle ones). */
		if (k > 0 && (rc != SQLITE_ROW || b != cur)) {
			struct median *m = realloc(*out, (size_t)(*n + 1) * sizeof *m);

			if (!m)
				mp_oom();
			*out = m;
			m[*n].base = cur;
			m[*n].days = k % 2 ? len[k / 2] : (len[k / 2 - 1] + len[k / 2]) / 2;
			(*n)++;
			k = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		cur = b;
		if (k == cap) {
			long *bigger;

			cap = cap ? cap * 2 : 32;
			bigger = realloc(len, (size_t)cap * sizeof *len);
			if (!bigger)
				mp_oom();
			len = bigger;
		}
		len[k++] = sqlite3_column_int(st, 1);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	free(len);
	return ret;
}

static const char *num(long long v, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", v);
	return buf;
}

int mp_bases_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	struct median *med = NULL;
	mp_rtable *t, *out;
	int nmed = 0, rc, ret, i;

	(void)cfg;
	ret = read_medians(db, r, &med, &nmed, e);
	if (ret == MP_OK)
		ret = rp_prep(db, r, per_base, &st, e);
	if (ret != MP_OK) {
		free(med);
		return ret;
	}
	t = rt_new(r, _("Incubation bases"), 0x3E, -1, 6,
	           _("Base"), _("Capacity"), _("In the base"), _("Moved in in the period"),
	           _("Moved out in the period"), _("Median stay (days)"));
	out = rt_new(r, _("Outcomes at move-out"), 0x3E, -1, 6,
	             _("Base"), _("Outcome: registered"), _("Outcome: filed"),
	             _("Outcome: still unregistered"), _("Outcome: left early"),
	             _("Registered or filed"));
	t = &r->tables[r->ntables - 2];   /* the array may have moved */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char c[10][32];
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *capacity = (const char *)sqlite3_column_text(st, 2);
		int64_t id = sqlite3_column_int64(st, 0);
		long v[7];

		for (i = 0; i < 7; i++)
			v[i] = sqlite3_column_int(st, 3 + i);
		c[9][0] = '\0';
		for (i = 0; i < nmed; i++)
			if (med[i].base == id)
				num(med[i].days, c[9], sizeof c[9]);
		rt_row(t, name ? name : "", capacity ? capacity : "",
		       num(v[0], c[0], 32), num(v[1], c[1], 32), num(v[2], c[2], 32),
		       c[9][0] ? c[9] : "—");
		rt_row(out, name ? name : "", num(v[3], c[3], 32), num(v[4], c[4], 32),
		       num(v[5], c[5], 32), num(v[6], c[6], 32),
		       pct(v[3] + v[4], v[2], c[7], 32));
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	free(med);
	if (ret != MP_OK)
		return ret;
	ret = rp_prep(db, r, services, &st, e);
	if (ret != MP_OK)
		return ret;
	t = rt_new(r, _("Incubation services by kind"), 0x1C, -1, 5,
	           _("Base"), _("Kind of service"), _("Services"), _("Hours"), _("Amount"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		char n[32], h[32], a[40];

		mp_hours_str((double)sqlite3_column_int64(st, 3) / 100.0, h, sizeof h);
		mp_money_format(sqlite3_column_int64(st, 4), 1, a, sizeof a);
		rt_row(t, name ? name : "", kind ? kind : "",
		       num(sqlite3_column_int64(st, 2), n, sizeof n), h, a);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}
