/* gen_obs.c — observation points for the benchmark's growth figures
 * (issue 17): about one group in a hundred is a point, observed every
 * half year for up to ten years before BENCH_END and scored on the five
 * dimensions.  Written with plain INSERTs inside one savepoint (the
 * signature hands a bare handle), in the columns of the declared tables;
 * the triggers of schema step 13 keep the groups' 观察点 from them.  The
 * content is a function of the seed and the scale alone (UUIDs excepted). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "gen.h"
#include "mp_check.h"

static unsigned next(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static int exec_st(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int gen_obs(sqlite3 *h, unsigned seed, double scale)
{
	static const char *const levels[] = { "县级", "县级", "市级", "市级", "省级" };
	static const char *const dims[] = { "培育发展", "能力提升", "作用发挥", "规范管理", "经验总结" };
	static const char *const observers[] = { "第三方评估组 李静", "社工站 王海燕", "研究中心 周立新" };
	static const char now[] = BENCH_END " 18:00:00";
	sqlite3_stmt *groups = NULL, *pt = NULL, *ob = NULL, *sc = NULL;
	long end = mp_day_number(BENCH_END, NULL), ngroups = 0, want, made = 0;
	unsigned s = seed * 2654435761u + 17u;
	int rc;

	(void)scale;   /* ~1% of the groups there are, at any scale */
	rc = sqlite3_exec(h, "SAVEPOINT gen_obs", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "SELECT id, name FROM groups WHERE deleted_at IS NULL"
		                        " AND ifnull(observation, '无') = '无' ORDER BY id", -1, &groups, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO obs_points (uuid, created_at, updated_at, name,"
		                        " target_kind, group_id, level, designated_by, start_date, end_date,"
		                        " third_party, state, state_date, updated_by) VALUES (?1, ?2, ?2,"
		                        " ?3, '组织', ?4, ?5, ?6, ?7, ?8, ?9, '观察中', ?7, '社工站')",
		                        -1, &pt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO observations (uuid, created_at, updated_at,"
		                        " date, point_id, observer, problems, experience, updated_by)"
		                        " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, '社工站')", -1, &ob, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO obs_scores (uuid, created_at, updated_at, obs_id,"
		                        " dimension, score, updated_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5, '社工站')",
		                        -1, &sc, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, "SELECT 1", NULL, NULL, NULL);
	/* How many groups: one in a hundred of them, at least one. */
	if (rc == SQLITE_OK) {
		sqlite3_stmt *c = NULL;

		rc = sqlite3_prepare_v2(h, "SELECT count(*) FROM groups WHERE deleted_at IS NULL", -1, &c, NULL);
		if (rc == SQLITE_OK && sqlite3_step(c) == SQLITE_ROW)
			ngroups = sqlite3_column_int64(c, 0);
		sqlite3_finalize(c);
	}
	want = ngroups / 100 > 0 ? ngroups / 100 : (ngroups > 0);
	while (rc == SQLITE_OK && made < want && sqlite3_step(groups) == SQLITE_ROW) {
		int64_t gid = sqlite3_column_int64(groups, 0), pid;
		const char *name = (const char *)sqlite3_column_text(groups, 1);
		/* Spread over the groups: every hundredth, shifted by the seed. */
		long start, stop;
		char uuid[37], from[11], to[11], date[11];

		if ((gid + (int64_t)seed) % (ngroups / want > 0 ? ngroups / want : 1) != 0)
			continue;
		/* Begun one to ten years before the end, for four to ten years. */
		start = end - 365 - (long)(next(&s) % (9 * 365));
		mp_day_string(start, from);
		stop = start + 365 * (4 + (long)(next(&s) % 7));
		mp_day_string(stop, to);
		mp_uuid_new(uuid);
		sqlite3_bind_text(pt, 1, uuid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pt, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(pt, 3, name ? name : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(pt, 4, gid);
		sqlite3_bind_text(pt, 5, levels[next(&s) % 5], -1, SQLITE_STATIC);
		sqlite3_bind_text(pt, 6, "市民政局", -1, SQLITE_STATIC);
		sqlite3_bind_text(pt, 7, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pt, 8, to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pt, 9, "第三方评估中心", -1, SQLITE_STATIC);
		rc = exec_st(pt);
		pid = sqlite3_last_insert_rowid(h);
		made++;
		/* Every half year, a month into it, up to the end of the data
		 * and of the period; the scores grow from 50-70 by 0-4 a time. */
		int base[5];
		for (int d = 0; d < 5; d++)
			base[d] = 50 + (int)(next(&s) % 21);
		for (long day = start + 30, k = 0; rc == SQLITE_OK && day <= end
		     && day <= stop; day += 182, k++) {
			int64_t oid;

			mp_day_string(day, date);
			mp_uuid_new(uuid);
			sqlite3_bind_text(ob, 1, uuid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ob, 2, now, -1, SQLITE_STATIC);
			sqlite3_bind_text(ob, 3, date, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ob, 4, pid);
			sqlite3_bind_text(ob, 5, observers[next(&s) % 3], -1, SQLITE_STATIC);
			sqlite3_bind_text(ob, 6, k % 3 ? "活动台账不全" : "骨干志愿者流失", -1, SQLITE_STATIC);
			sqlite3_bind_text(ob, 7, k % 2 ? "老带新结对培养骨干" : NULL, -1, SQLITE_STATIC);
			rc = exec_st(ob);
			oid = sqlite3_last_insert_rowid(h);
			for (int d = 0; rc == SQLITE_OK && d < 5; d++) {
				int v = base[d] + (int)k * (int)(next(&s) % 5);

				mp_uuid_new(uuid);
				sqlite3_bind_text(sc, 1, uuid, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(sc, 2, now, -1, SQLITE_STATIC);
				sqlite3_bind_int64(sc, 3, oid);
				sqlite3_bind_text(sc, 4, dims[d], -1, SQLITE_STATIC);
				/* tenths, as MP_K_SCORE keeps them */
				sqlite3_bind_int(sc, 5, (v > 100 ? 100 : v) * 10);
				rc = exec_st(sc);
			}
		}
	}
	sqlite3_finalize(groups);
	sqlite3_finalize(pt);
	sqlite3_finalize(ob);
	sqlite3_finalize(sc);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, "RELEASE gen_obs", NULL, NULL, NULL);
	else
		sqlite3_exec(h, "ROLLBACK TO gen_obs; RELEASE gen_obs", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}
