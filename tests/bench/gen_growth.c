/* gen_growth.c — how the district's groups grew, for the benchmark
 * (issue 17): incubation bases as 常州 has them (1 city, 7 district, the
 * rest township and community bases, some virtual), 5,000 stays over ten
 * years and 100,000 services given during them, times the scale.  Every
 * record goes through mp_record_save, so that each passes the checks the
 * program makes (one physical base at a time, the dates of a stay, a
 * service within its stay).  The same seed and scale give the same
 * records. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "gen.h"
#include "mp_bases.h"
#include "mp_check.h"
#include "mp_text.h"
#include "vocab.h"

#define BATCH 20000

struct ggen {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	FILE *log;
	uint32_t seed;
	long pending;
	int64_t *gid;     /* the ledger's live groups */
	char (*glegal)[16];
	long ngroups;
	int64_t *bid;     /* the bases made */
	long nbases;
	/* The stays made: group, base, first and last day served. */
	struct gstay { int64_t group, base; long in, last; } *stay;
	long nstays;
};

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static long pick(struct ggen *g, long n)
{
	return n > 0 ? (long)(rnd(&g->seed) % (uint32_t)n) : 0;
}

static void set_num(mp_record *r, int i, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	mp_record_set(r, i, buf);
}

static void set_day(mp_record *r, int i, long day)
{
	char buf[11];

	mp_day_string(day, buf);
	mp_record_set(r, i, buf);
}

static int save(struct ggen *g, mp_record *r, const char *what, int64_t *id)
{
	int rc = mp_record_save(g->db, g->c, r, g->e);

	if (rc != MP_OK) {
		char why[sizeof g->e->msg];

		snprintf(why, sizeof why, "%s", g->e->msg);
		mp_err_set(g->e, rc, "%s: %s", what, why);
	} else if (id) {
		*id = r->id;
	}
	mp_record_free(r);
	if (rc == MP_OK && ++g->pending >= BATCH) {
		g->pending = 0;
		rc = mp_db_commit(g->db, g->e);
		if (rc == MP_OK)
			rc = mp_db_begin(g->db, g->e);
	}
	return rc;
}

static void progress(struct ggen *g, const char *what, long n)
{
	if (g->log) {
		fprintf(g->log, "  %s: %ld\n", what, n);
		fflush(g->log);
	}
}

void bench_growth_set(struct bench_growth *p, double factor)
{
	p->bases = (long)(63 * factor + 0.5);
	p->stays = (long)(5000 * factor + 0.5);
	p->services = (long)(100000 * factor + 0.5);
	if (p->bases < 2)
		p->bases = 2;
	if (p->stays < 1)
		p->stays = 1;
	if (p->services < 1)
		p->services = 1;
}

static int read_groups(struct ggen *g)
{
	sqlite3_stmt *st = NULL;
	long cap = 0;
	int rc = mp_db_prepare(g->db, "SELECT id, ifnull(legal_status, '') FROM groups"
	                       " WHERE deleted_at IS NULL ORDER BY id", &st, g->e);

	while (rc == MP_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (g->ngroups == cap) {
			cap = cap ? cap * 2 : 1024;
			g->gid = realloc(g->gid, (size_t)cap * sizeof *g->gid);
			g->glegal = realloc(g->glegal, (size_t)cap * sizeof *g->glegal);
			if (!g->gid || !g->glegal)
				mp_oom();
		}
		g->gid[g->ngroups] = sqlite3_column_int64(st, 0);
		snprintf(g->glegal[g->ngroups], sizeof g->glegal[0], "%s",
		         (const char *)sqlite3_column_text(st, 1));
		g->ngroups++;
	}
	sqlite3_finalize(st);
	if (rc == MP_OK && g->ngroups == 0)
		rc = mp_err_set(g->e, MP_EINVAL, "the ledger has no groups to incubate");
	return rc;
}

/* Base k: the city's first, then the districts', then the townships' and
 * communities'; one in ten of the last virtual. */
static int make_base(struct ggen *g, long k)
{
	static const char *const operators[] = {
		"益邻社会工作服务中心", "同心社工事务所", "乐群社会工作服务社",
		"善德公益发展中心", "阳光社会组织服务中心",
	};
	mp_record *r = mp_record_new(&mp_bases, g->c);
	const char *town = townships[k % NELEM(townships)];
	char buf[128];

	if (k == 0) {
		mp_record_set(r, B_NAME, "青溪市社会组织公益示范园");
		mp_record_set(r, B_LEVEL, "市级");
		set_num(r, B_CAPACITY, 60);
		set_num(r, B_SUPPORT, 1000000);
	} else if (k < 8) {
		snprintf(buf, sizeof buf, "青溪市第%ld区社会组织孵化基地", k);
		mp_record_set(r, B_NAME, buf);
		mp_record_set(r, B_LEVEL, "区级");
		set_num(r, B_CAPACITY, 30 + pick(g, 20));
		set_num(r, B_SUPPORT, 300000 + 10000 * pick(g, 20));
	} else {
		int township = (k / NELEM(townships)) % 2 == 0;

		snprintf(buf, sizeof buf, "%s%s%ld", town,
		         township ? "社区社会组织孵化基地" : "社区孵化点", k);
		mp_record_set(r, B_NAME, buf);
		mp_record_set(r, B_LEVEL, township ? "街道级" : "社区级");
		set_num(r, B_CAPACITY, 5 + pick(g, 20));
		set_num(r, B_SUPPORT, 20000 + 5000 * pick(g, 12));
		if (pick(g, 10) == 0)
			mp_record_set(r, B_KIND, MP_BASE_VIRTUAL);
	}
	mp_record_set(r, B_OPERATOR, operators[pick(g, NELEM(operators))]);
	snprintf(buf, sizeof buf, "%s党群服务中心", town);
	mp_record_set(r, B_ADDRESS, buf);
	return save(g, r, "base", &g->bid[k]);
}

/* Stay k: groups take their turns (each group one stay a round, a round
 * a slot of the ten years), so that no group is in two physical bases at
 * once; most stays last one to three years, the latest still going on. */
static int make_stay(struct ggen *g, long k, long rounds, long start, long end)
{
	static const char *const reasons[] = {
		"骨干外出务工，活动停止", "并入社区另一支队伍", "场地不再需要，转为虚拟孵化",
		"负责人搬离社区",
	};
	long grp = k % g->ngroups, round = k / g->ngroups;
	long slot = (end - start + 1) / rounds;
	long in = start + round * slot + pick(g, slot > 400 ? slot - 200 : slot / 2 + 1);
	long len = 365 + pick(g, 730), out = in + len;
	mp_record *r = mp_record_new(&mp_stays, g->c);
	struct gstay *s = &g->stay[k];
	long o = pick(g, 20);

	if (round + 1 < rounds && out >= start + (round + 1) * slot)
		out = start + (round + 1) * slot - 1;   /* before its next turn */
	set_num(r, ST_GROUP, g->gid[grp]);
	s->group = g->gid[grp];
	s->base = g->bid[pick(g, g->nbases)];
	set_num(r, ST_BASE, s->base);
	set_day(r, ST_APPLIED, in - 10 - pick(g, 30));
	set_day(r, ST_MOVED_IN, in);
	{
		char no[64];

		snprintf(no, sizeof no, "RZ-%ld-%05ld", 2016 + (in - start) / 366, k + 1);
		mp_record_set(r, ST_AGREEMENT, no);
	}
	s->in = in;
	if (out <= end) {
		set_day(r, ST_MOVED_OUT, out);
		s->last = out;
		if (o < 2) {
			mp_record_set(r, ST_OUTCOME, MP_OUTCOME_LEFT_EARLY);
			mp_record_set(r, ST_REASON, reasons[pick(g, NELEM(reasons))]);
		} else if (o < 9 || !strcmp(g->glegal[grp], "登记")) {
			mp_record_set(r, ST_OUTCOME, !strcmp(g->glegal[grp], "登记")
			              ? MP_OUTCOME_REGISTERED : MP_OUTCOME_FILED);
		} else {
			mp_record_set(r, ST_OUTCOME, MP_OUTCOME_UNREGISTERED);
		}
	} else {
		s->last = end;
	}
	return save(g, r, "stay", NULL);
}

static int make_service(struct ggen *g, long k)
{
	static const char *const kinds[] = {
		"场地设备", "能力建设", "业务培训", "财务指导", "协助登记备案",
		"政策咨询", "资源链接",
	};
	static const char *const content[] = {
		"项目书写作工作坊", "财务制度和专账管理", "志愿者招募与激励",
		"章程修订和登记材料准备", "活动室和投影设备", "对接街道和驻区单位资源",
		"社区需求调研方法",
	};
	const struct gstay *s = &g->stay[pick(g, g->nstays)];
	mp_record *r = mp_record_new(&mp_base_services, g->c);
	long kind = pick(g, NELEM(kinds));
	char by[32];

	(void)k;
	set_num(r, BS_GROUP, s->group);
	set_num(r, BS_BASE, s->base);
	set_day(r, BS_DATE, s->in + pick(g, s->last - s->in + 1));
	mp_record_set(r, BS_KIND, kinds[kind]);
	if (kind == 0 || kind == 6)
		set_num(r, BS_AMOUNT, 500 + 100 * pick(g, 50));
	else
		mp_record_set(r, BS_HOURS, pick(g, 2) ? "2" : "1.5");
	snprintf(by, sizeof by, "%s老师", surnames[pick(g, NELEM(surnames))]);
	mp_record_set(r, BS_BY, by);
	mp_record_set(r, BS_CONTENT, content[pick(g, NELEM(content))]);
	return save(g, r, "service", NULL);
}

int bench_generate_growth(mp_db *db, const mp_config *c, uint32_t seed,
                          const struct bench_growth *p, FILE *log, mp_err *e)
{
	const char *env = getenv("MIAOPU_TODAY");
	char *was = env ? mp_strdup(env) : NULL;
	long end = mp_day_number(BENCH_END, NULL);
	long start = mp_day_number("2016-01-01", NULL), k, rounds;
	struct ggen g;
	int rc;

	memset(&g, 0, sizeof g);
	g.db = db;
	g.c = c;
	g.e = e;
	g.log = log;
	g.seed = seed ^ 0x9E3779B9u;
	setenv("MIAOPU_TODAY", BENCH_END, 1);
	rc = mp_db_begin(db, e);
	if (rc == MP_OK)
		rc = read_groups(&g);
	g.nbases = p->bases;
	g.bid = calloc((size_t)g.nbases, sizeof *g.bid);
	g.stay = calloc((size_t)p->stays, sizeof *g.stay);
	if (!g.bid || !g.stay)
		mp_oom();
	for (k = 0; k < g.nbases && rc == MP_OK; k++)
		rc = make_base(&g, k);
	progress(&g, "incubation bases", g.nbases);
	rounds = g.ngroups ? (p->stays + g.ngroups - 1) / g.ngroups : 1;
	for (k = 0; k < p->stays && rc == MP_OK; k++, g.nstays++)
		rc = make_stay(&g, k, rounds, start, end);
	progress(&g, "stays", g.nstays);
	for (k = 0; k < p->services && rc == MP_OK; k++)
		rc = make_service(&g, k);
	progress(&g, "incubation services", p->services);
	if (rc == MP_OK)
		rc = mp_db_commit(db, e);
	else if (db->depth > 0)
		mp_db_rollback(db);
	if (was)
		setenv("MIAOPU_TODAY", was, 1);
	else
		unsetenv("MIAOPU_TODAY");
	free(was);
	free(g.gid);
	free(g.glegal);
	free(g.bid);
	free(g.stay);
	return rc;
}
