/* gen_stages.c — ten years of stage history (阶段变更) for every group of
 * the bench's data set: each group's path from where it stood in 2016 (or
 * when it was founded, if later) to the stage it has now, one step at a
 * time mostly, now and then skipping one or going back one, each change
 * dated later than the one before and never after BENCH_END.  Written by
 * SQL straight into stage_history (the rows the groups' saves made give
 * way), each entry starting where the one before ended, so that the
 * groups keep their stage as the latest entry's.  The content is a
 * function of the seed and the data set (UUIDs and times excepted). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"
#include "mp_check.h"

/* The stages of the bench's settings (the defaults). */
static const char *const stages[] = { "萌芽期", "初创期", "成长期", "示范型" };
#define NSTAGES 4

static const char *const ahead[] = {
	"开始承接社区项目", "在街道备案", "在区民政局登记", "骨干队伍稳定，活动常态化",
	"入驻街道孵化基地", "承接政府购买服务项目", "获评优秀社区社会组织",
	"制定章程和议事规则", "出壳，独立运营",
};
static const char *const back[] = {
	"骨干流失，活动减少", "负责人变更，重新培育骨干", "项目结束后经费中断",
};
#define NELEM(a) ((long)(sizeof (a) / sizeof (a)[0]))

static uint32_t next(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static long pick(uint32_t *s, long n)
{
	return n > 0 ? (long)(next(s) % (uint32_t)n) : 0;
}

static int stage_index(const char *name)
{
	for (int i = 0; i < NSTAGES; i++)
		if (name && !strcmp(stages[i], name))
			return i;
	return -1;
}

static int add(sqlite3_stmt *ins, int64_t gid, const char *from, const char *to,
               long day, const char *reason)
{
	char date[11];
	int rc;

	mp_day_string(day, date);
	sqlite3_reset(ins);
	rc = sqlite3_bind_int64(ins, 1, gid);
	if (rc == SQLITE_OK)
		rc = from ? sqlite3_bind_text(ins, 2, from, -1, SQLITE_STATIC)
		          : sqlite3_bind_null(ins, 2);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(ins, 3, to, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(ins, 4, date, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(ins, 5, reason, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(ins);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One group's path (its stage now: now, -1 when the settings lack it). */
static int path(sqlite3_stmt *ins, uint32_t *s, int64_t gid, int now,
                const char *now_name, long start, long end)
{
	int moves[12], n = 0, cur, rc;
	long days[12], span;

	if (now < 0)
		return add(ins, gid, NULL, now_name, start, "登记入册");
	/* Where it stood at the start: most began at the first stage. */
	cur = pick(s, 10) < 6 ? 0 : (int)pick(s, now + 1);
	{
		int c = cur;

		while (c != now && n < 10) {
			long r = pick(s, 100);

			if (r < 8 && c > 0 && n < 8)
				c--;                         /* back one */
			else if (r < 20 && c + 2 <= now)
				c += 2;                      /* a step skipped */
			else
				c += c < now ? 1 : -1;
			moves[n++] = c;
		}
		if (c != now)
			moves[n++] = now;
	}
	/* The changes' days: apart, in order, after the start. */
	span = end > start ? end - start : 1;
	for (int k = 0; k < n; k++)
		days[k] = start + 1 + pick(s, span > 1 ? span - 1 : 1);
	for (int k = 1; k < n; k++)
		for (int j = k; j > 0 && days[j] < days[j - 1]; j--) {
			long t = days[j];

			days[j] = days[j - 1];
			days[j - 1] = t;
		}
	rc = add(ins, gid, NULL, stages[cur], start, "登记入册");
	for (int k = 0; k < n && rc == SQLITE_OK; k++) {
		int from = k ? moves[k - 1] : cur;

		/* (two changes on one day keep their order by id) */
		rc = add(ins, gid, stages[from], stages[moves[k]], days[k],
		         moves[k] < from ? back[pick(s, NELEM(back))] : ahead[pick(s, NELEM(ahead))]);
	}
	return rc;
}

int gen_stages(sqlite3 *h, unsigned seed, double scale)
{
	sqlite3_stmt *grp = NULL, *ins = NULL;
	uint32_t s = seed * 2654435761u + 17u;
	long first = mp_day_number("2016-01-01", NULL), end = mp_day_number(BENCH_END, NULL);
	int rc;

	(void)scale;   /* every group of the data set, whatever its size */
	rc = sqlite3_exec(h, "SAVEPOINT gen_stages; DELETE FROM stage_history;", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "SELECT id, stage, founded FROM groups"
		                        " WHERE ifnull(stage, '') <> '' ORDER BY id", -1, &grp, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO stage_history (uuid, created_at, updated_at,"
		        " group_id, from_stage, to_stage, date, reason, recorded_by)"
		        " VALUES (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'"
		        " || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2)"
		        " || '-' || hex(randomblob(6))), ?4 || ' 09:00:00', ?4 || ' 09:00:00',"
		        " ?1, ?2, ?3, ?4, ?5, '区社会组织服务中心')", -1, &ins, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(grp)) == SQLITE_ROW) {
		const char *stage = (const char *)sqlite3_column_text(grp, 1);
		const char *founded = (const char *)sqlite3_column_text(grp, 2);
		long day = founded ? mp_day_number(founded, NULL) : 0;

		rc = path(ins, &s, sqlite3_column_int64(grp, 0), stage_index(stage), stage,
		          day > first ? day : first, end);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(grp);
	sqlite3_finalize(ins);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, "RELEASE gen_stages", NULL, NULL, NULL);
	else
		sqlite3_exec(h, "ROLLBACK TO gen_stages; RELEASE gen_stages", NULL, NULL, NULL);
	return rc;
}
