/* gen.c — a district-sized ledger, made through the core's own saves.
 *
 * Communities of twenty townships; groups named after their community
 * (幸福里社区夕阳红志愿服务队); volunteers with resident ID numbers that pass
 * GB 11643, each in one home group; activities of the active groups over
 * the two years before BENCH_END with the service records of the members
 * who served; service given outside activities; trainings with the groups
 * and people who came; supervision visits with their follow-ups.  A 32-bit
 * LCG seeded by the caller decides everything, so the same seed and scale
 * give the same ledger apart from UUIDs and the times of saving. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "gen.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "vocab.h"

/* Rows saved between two commits of the fill's transaction. */
#define BATCH 50000

struct gen {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	FILE *log;
	uint32_t seed;
	struct bench_scale s;
	long end, start;           /* day numbers of the span of service */
	int ncomm;
	int64_t *gid;              /* per group */
	int *gcomm, *gactive;
	long *gfounded;
	int *gvols, *gvstart;      /* the volunteers of each home group */
	int64_t *vid;              /* per volunteer */
	int *vgroup;
	long *vreg;
	long pending;              /* saves since the last commit */
	uint64_t *ids;             /* ID numbers given out (open addressing) */
	size_t nids_cap;
};

/* ---- numbers, days, names ---- */

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static long pick(struct gen *g, long n)
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

/* The service was entered on day: mp_today honours $MIAOPU_TODAY. */
static void enter_on(long day)
{
	char d[11];

	mp_day_string(day, d);
	setenv("MIAOPU_TODAY", d, 1);
}

static void community_name(int k, char *buf, size_t size)
{
	static const char *const tails[] = {
		"社区", "村", "新村", "花园社区", "二社区", "家园社区", "南社区",
		"北社区", "东社区", "西社区", "苑社区", "湾社区", "桥村", "岭村",
		"园社区",
	};
	snprintf(buf, size, "%s%s", community_words[k % NELEM(community_words)],
	         tails[(k / NELEM(community_words)) % NELEM(tails)]);
}

static void person_name(struct gen *g, int male, char *buf, size_t size)
{
	const char *const *given = male ? given_m : given_f;
	int n = NELEM(surnames);
	/* The product of two draws favours the first (common) surnames. */
	long s = pick(g, n) * pick(g, n) / n;
	const char *a = given[pick(g, NELEM(given_f))];

	if (pick(g, 10) < 3)
		snprintf(buf, size, "%s%s", surnames[s], a);
	else
		snprintf(buf, size, "%s%s%s", surnames[s], a,
		         given[pick(g, NELEM(given_f))]);
}

static void phone(struct gen *g, char out[12])
{
	static const char *const prefix[] = {
		"138", "139", "135", "137", "136", "150", "151", "158", "186", "189",
	};
	snprintf(out, 12, "%s%04ld%04ld", prefix[pick(g, NELEM(prefix))],
	         pick(g, 10000), pick(g, 10000));
}

/* ---- saving ---- */

static int save(struct gen *g, mp_record *r, const char *what)
{
	int rc = mp_record_save(g->db, g->c, r, g->e);

	if (rc != MP_OK) {
		char why[sizeof g->e->msg];

		snprintf(why, sizeof why, "%s", g->e->msg);
		mp_err_set(g->e, rc, "%s “%s”: %s", what, r->v[0], why);
		mp_record_free(r);
		return rc;
	}
	mp_record_free(r);
	/* One transaction a batch keeps the write-ahead log small. */
	if (++g->pending >= BATCH) {
		g->pending = 0;
		rc = mp_db_commit(g->db, g->e);
		if (rc == MP_OK)
			rc = mp_db_begin(g->db, g->e);
	}
	return rc;
}

static void progress(struct gen *g, const char *what, long n)
{
	if (g->log) {
		fprintf(g->log, "  %s: %ld\n", what, n);
		fflush(g->log);
	}
}

/* ---- groups ---- */

static void uscc(long k, int type, int township, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	snprintf(out, 19, "5%d3302%02dMJ%c%06ld", type, township % 100,
	         alphabet[10 + (k / 1000000) % 21], k % 1000000);
	out[17] = mp_uscc_check_char(out);
	out[18] = '\0';
}

static int make_group(struct gen *g, long k)
{
	int comm = (int)(k % g->ncomm), town = comm % NELEM(townships);
	long j = k / g->ncomm;
	int combo = (int)((j * 7 + comm) % (NELEM(group_themes) * NELEM(group_suffixes)));
	const struct suffix *sf = &group_suffixes[combo % NELEM(group_suffixes)];
	mp_record *r = mp_record_new(&mp_groups, g->c);
	long legal = pick(g, 10), founded;
	char cname[64], buf[128];

	community_name(comm, cname, sizeof cname);
	snprintf(buf, sizeof buf, "%s%s%s", cname,
	         group_themes[combo / NELEM(group_suffixes)], sf->s);
	mp_record_set(r, G_NAME, buf);
	mp_record_set(r, G_CATEGORY, sf->category);
	founded = mp_day_number("2012-01-01", NULL) + pick(g, 4000);
	if (legal < 3) {
		mp_record_set(r, G_LEGAL, "登记");
		uscc(k, strcmp(sf->s, "服务中心") ? 1 : 2, town, buf);
		mp_record_set(r, G_USCC, buf);
	} else if (legal < 6) {
		mp_record_set(r, G_LEGAL, "备案");
		snprintf(buf, sizeof buf, "%.2s备〔%ld〕%03ld号", townships[town],
		         2012 + (founded - mp_day_number("2012-01-01", NULL)) / 366, k + 1);
		mp_record_set(r, G_FILING, buf);
	} else {
		mp_record_set(r, G_LEGAL, "未登记");
	}
	mp_record_set(r, G_TOWNSHIP, townships[town]);
	mp_record_set(r, G_COMMUNITY, cname);
	mp_record_set(r, G_KIND, sf->kind);
	mp_record_set(r, G_GRADE, legal < 3 ? grades[pick(g, NELEM(grades))] : "无");
	mp_record_set(r, G_STAGE, stages[pick(g, NELEM(stages))]);
	set_day(r, G_FOUNDED, founded);
	person_name(g, (int)pick(g, 2), buf, sizeof buf);
	mp_record_set(r, G_LEADER, buf);
	phone(g, buf);
	mp_record_set(r, G_PHONE, buf);
	set_num(r, G_MEMBERS, 5 + pick(g, 56));
	mp_record_set(r, G_STATE, group_states[pick(g, NELEM(group_states))]);
	snprintf(buf, sizeof buf, "%s%s", cname, places[pick(g, NELEM(places))]);
	mp_record_set(r, G_ADDRESS, buf);
	g->gcomm[k] = comm;
	g->gfounded[k] = founded;
	g->gactive[k] = !strcmp(r->v[G_STATE], "活跃");
	if (save(g, r, "group") != MP_OK)
		return g->e->code;
	g->gid[k] = sqlite3_last_insert_rowid(g->db->h);
	return MP_OK;
}

/* ---- volunteers ---- */

/* Remember an ID number; 0 if it was given out before. */
static int id_fresh(struct gen *g, const char *id)
{
	uint64_t v = strtoull(id, NULL, 10) + 1;
	size_t i = (size_t)(v * 0x9E3779B97F4A7C15ull) & (g->nids_cap - 1);

	while (g->ids[i]) {
		if (g->ids[i] == v)
			return 0;
		i = (i + 1) & (g->nids_cap - 1);
	}
	g->ids[i] = v;
	return 1;
}

static void resident_id(struct gen *g, long birth, int male, char out[19])
{
	static const char *const areas[] = {
		"330283", "330281", "330282", "330212", "330211", "330206",
		"330106", "360102", "420106", "510104", "330203", "330205",
	};
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	char b[11];
	int i, sum;

	mp_day_string(birth, b);
	do {
		snprintf(out, 19, "%s%.4s%.2s%.2s%02ld%ld", areas[pick(g, NELEM(areas))],
		         b, b + 5, b + 8, pick(g, 100), 2 * pick(g, 5) + (male ? 1 : 0));
		for (i = 0, sum = 0; i < 17; i++)
			sum += (out[i] - '0') * w[i];
		out[17] = "10X98765432"[sum % 11];
		out[18] = '\0';
	} while (!id_fresh(g, out));
}

/* Volunteer k (the numbering of volunteer numbers starts at first) in
 * community comm; r gets everything but the id. */
static mp_record *make_volunteer(struct gen *g, long k, long first,
                                 const char *comm, long *reg)
{
	mp_record *r = mp_record_new(&mp_volunteers, g->c);
	int male = pick(g, 5) < 2;
	long birth = mp_day_number("1950-01-01", NULL) + pick(g, 53 * 365);
	long st = pick(g, 50);
	char buf[128];

	person_name(g, male, buf, sizeof buf);
	mp_record_set(r, V_NAME, buf);
	mp_record_set(r, V_GENDER, male ? "男" : "女");
	mp_record_set(r, V_ID_TYPE, "居民身份证");
	resident_id(g, birth, male, buf);
	mp_record_set(r, V_ID_NO, buf);
	snprintf(buf, sizeof buf, "ZY%08ld", first + k + 1);
	mp_record_set(r, V_VOL_NO, buf);
	phone(g, buf);
	mp_record_set(r, V_PHONE, buf);
	mp_record_set(r, V_COMMUNITY, comm);
	if (pick(g, 2))
		snprintf(buf, sizeof buf, "%s、%s", skills[pick(g, NELEM(skills))],
		         skills[pick(g, NELEM(skills))]);
	else
		snprintf(buf, sizeof buf, "%s", skills[pick(g, NELEM(skills))]);
	mp_record_set(r, V_SKILLS, buf);
	mp_record_set(r, V_SERVICE_KIND, service_kinds[pick(g, NELEM(service_kinds))]);
	mp_record_set(r, V_STATE, st < 45 ? "在册" : st < 48 ? "暂停" : "退出");
	*reg = mp_day_number("2018-01-01", NULL) + pick(g, mp_day_number(BENCH_END, NULL) - 60
	                                        - mp_day_number("2018-01-01", NULL));
	set_day(r, V_REGISTERED, *reg);
	return r;
}

static int fill_volunteers(struct gen *g)
{
	long k;
	int i;

	for (k = 0; k < g->s.volunteers; k++) {
		long grp = pick(g, g->s.groups), reg;
		char cname[64];
		mp_record *r, *m;

		community_name(g->gcomm[grp], cname, sizeof cname);
		r = make_volunteer(g, k, 0, cname, &reg);
		if (save(g, r, "volunteer") != MP_OK)
			return g->e->code;
		g->vid[k] = sqlite3_last_insert_rowid(g->db->h);
		g->vgroup[k] = (int)grp;
		g->vreg[k] = reg;
		m = mp_record_new(&mp_memberships, g->c);
		set_num(m, M_VOLUNTEER, g->vid[k]);
		set_num(m, M_GROUP, g->gid[grp]);
		mp_record_set(m, M_ROLE, pick(g, 5) ? "成员" : "骨干");
		set_day(m, M_JOINED, reg > g->gfounded[grp] ? reg : g->gfounded[grp]);
		if (save(g, m, "membership") != MP_OK)
			return g->e->code;
	}
	/* The volunteers of each home group, by counting. */
	for (k = 0; k < g->s.volunteers; k++)
		g->gvstart[g->vgroup[k] + 1]++;
	for (i = 0; i < g->s.groups; i++)
		g->gvstart[i + 1] += g->gvstart[i];
	{
		int *fill = calloc((size_t)g->s.groups, sizeof *fill);

		if (!fill)
			abort();
		for (k = 0; k < g->s.volunteers; k++) {
			int grp = g->vgroup[k];
			g->gvols[g->gvstart[grp] + fill[grp]++] = (int)k;
		}
		free(fill);
	}
	progress(g, "volunteers", g->s.volunteers);
	return MP_OK;
}

/* ---- activities and service ---- */

static int active_group(struct gen *g)
{
	long k = pick(g, g->s.groups), n;

	for (n = 0; n < g->s.groups && !g->gactive[k]; n++)
		k = (k + 1) % g->s.groups;
	return (int)k;
}

static int hours_record(struct gen *g, long vol, int grp, int64_t act,
                        long day, const char *content, const char *place,
                        const char *hours, long *made)
{
	mp_record *r = mp_record_new(&mp_hours, g->c);
	long late = pick(g, 20) ? pick(g, 4) : 15 + pick(g, 15);

	set_num(r, H_VOLUNTEER, g->vid[vol]);
	set_num(r, H_GROUP, g->gid[grp]);
	if (act)
		set_num(r, H_ACTIVITY, act);
	set_day(r, H_DATE, day);
	mp_record_set(r, H_CONTENT, content);
	mp_record_set(r, H_PLACE, place);
	mp_record_set(r, H_HOURS, hours);
	if (pick(g, 200) == 0)
		mp_record_set(r, H_COUNTS, "否");
	enter_on(day + late);
	(*made)++;
	return save(g, r, "service record");
}

static int fill_activities(struct gen *g, long *made)
{
	long k, span = g->end - g->start + 1;
	/* Records from activities: about a sixth of all service. */
	long per = g->s.hours / 6 / (g->s.activities ? g->s.activities : 1);

	if (per > 8)
		per = 8;
	for (k = 0; k < g->s.activities; k++) {
		const struct act_kind *t = &act_kinds[pick(g, NELEM(act_kinds))];
		int grp = active_group(g), start = 9 + 5 * (int)pick(g, 3), j, n;
		long day = g->start + pick(g, span), end = start * 60 + t->minutes;
		mp_record *r = mp_record_new(&mp_activities, g->c);
		char cname[64], buf[128], hours[16];
		int64_t id;

		community_name(g->gcomm[grp], cname, sizeof cname);
		mp_record_set(r, ACT_NAME, t->name);
		set_num(r, ACT_GROUP, g->gid[grp]);
		mp_record_set(r, ACT_TYPE, t->type);
		set_day(r, ACT_DATE, day);
		snprintf(buf, sizeof buf, "%02d:00", start);
		mp_record_set(r, ACT_START, buf);
		snprintf(buf, sizeof buf, "%02ld:%02ld", end / 60, end % 60);
		mp_record_set(r, ACT_END, buf);
		snprintf(hours, sizeof hours, "%g", (double)(t->minutes / 30) / 2);
		snprintf(buf, sizeof buf, "%s%s", cname, places[pick(g, NELEM(places))]);
		mp_record_set(r, ACT_PLACE, buf);
		set_num(r, ACT_PARTICIPANTS, 10 + pick(g, 50));
		set_num(r, ACT_BENEFICIARIES, pick(g, 120));
		mp_record_set(r, ACT_CONTENT, t->content);
		enter_on(day);
		if (save(g, r, "activity") != MP_OK)
			return g->e->code;
		id = sqlite3_last_insert_rowid(g->db->h);
		n = g->gvstart[grp + 1] - g->gvstart[grp];
		for (j = 0; j < n && j < per && *made < g->s.hours; j++) {
			long vol = g->gvols[g->gvstart[grp] + j];

			if (g->vreg[vol] > day)
				continue;
			if (hours_record(g, vol, grp, id, day, t->content, buf, hours,
			                 made) != MP_OK)
				return g->e->code;
		}
	}
	progress(g, "activities", g->s.activities);
	return MP_OK;
}

static int fill_service(struct gen *g, long *made)
{
	static const char *const hours[] = { "1", "1.5", "2", "2.5", "3", "4" };

	while (*made < g->s.hours) {
		long vol = pick(g, g->s.volunteers);
		int grp = g->vgroup[vol];
		long day = g->vreg[vol] + pick(g, g->end - g->vreg[vol] + 1);
		char cname[64], place[128];

		if (day < g->start)
			day = g->start + pick(g, g->end - g->start + 1);
		community_name(g->gcomm[grp], cname, sizeof cname);
		snprintf(place, sizeof place, "%s%s", cname, places[pick(g, NELEM(places))]);
		if (hours_record(g, vol, grp, 0, day,
		                 service_contents[pick(g, NELEM(service_contents))],
		                 place, hours[pick(g, NELEM(hours))], made) != MP_OK)
			return g->e->code;
		if (*made % 200000 == 0)
			progress(g, "service records", *made);
	}
	progress(g, "service records", *made);
	return MP_OK;
}

/* ---- trainings, visits ---- */

static int fill_trainings(struct gen *g)
{
	long k, span = g->end - g->start + 1;

	for (k = 0; k < g->s.trainings; k++) {
		mp_record *r = mp_record_new(&mp_trainings, g->c);
		const char *topic = training_topics[pick(g, NELEM(training_topics))];
		int online = pick(g, 5) == 0, ngroups = 2 + (int)pick(g, 4), j;
		long day = g->start + pick(g, span);
		int used[8];
		char buf[128];
		int64_t tid;

		snprintf(buf, sizeof buf, "%s培训（第%ld期）", topic, k + 1);
		mp_record_set(r, T_NAME, buf);
		mp_record_set(r, T_TOPIC, topic);
		set_day(r, T_DATE, day);
		mp_record_set(r, T_HOURS, pick(g, 2) ? "2" : "3");
		mp_record_set(r, T_MODE, online ? "线上" : "线下");
		if (!online)
			mp_record_set(r, T_PLACE, "街道社会工作服务站培训室");
		mp_record_set(r, T_TRAINER, trainers[pick(g, NELEM(trainers))]);
		mp_record_set(r, T_ORGANIZER, "区社会组织服务中心");
		if (save(g, r, "training") != MP_OK)
			return g->e->code;
		tid = sqlite3_last_insert_rowid(g->db->h);
		for (j = 0; j < ngroups; j++) {
			int grp = active_group(g), i, dup = 0, n, p;

			for (i = 0; i < j; i++)
				dup |= used[i] == grp;
			used[j] = grp;
			if (dup)
				continue;
			r = mp_record_new(&mp_training_groups, g->c);
			set_num(r, TG_TRAINING, tid);
			set_num(r, TG_GROUP, g->gid[grp]);
			set_num(r, TG_PEOPLE, 1 + pick(g, 3));
			if (save(g, r, "training group") != MP_OK)
				return g->e->code;
			n = g->gvstart[grp + 1] - g->gvstart[grp];
			for (p = 0; p < n && p < 2; p++) {
				r = mp_record_new(&mp_training_people, g->c);
				set_num(r, TP_TRAINING, tid);
				set_num(r, TP_VOLUNTEER, g->vid[g->gvols[g->gvstart[grp] + p]]);
				set_num(r, TP_GROUP, g->gid[grp]);
				if (save(g, r, "training attendance") != MP_OK)
					return g->e->code;
			}
		}
	}
	progress(g, "trainings", g->s.trainings);
	return MP_OK;
}

static int fill_visits(struct gen *g)
{
	long k, span = g->end - g->start + 1;

	for (k = 0; k < g->s.visits; k++) {
		const struct finding *f = &findings[pick(g, NELEM(findings))];
		mp_record *r = mp_record_new(&mp_visits, g->c);
		long day = g->start + pick(g, span);

		set_num(r, VI_GROUP, g->gid[active_group(g)]);
		set_day(r, VI_DATE, day);
		mp_record_set(r, VI_SUPERVISOR, supervisors[pick(g, NELEM(supervisors))]);
		mp_record_set(r, VI_AGENCY, agencies[pick(g, NELEM(agencies))]);
		mp_record_set(r, VI_KIND, pick(g, 4) ? "督导" : "评估");
		mp_record_set(r, VI_FINDINGS, f->findings);
		mp_record_set(r, VI_ADVICE, f->advice);
		mp_record_set(r, VI_RATING, f->rating);
		if (f->days) {
			long due = day + f->days, done = due - pick(g, 10);

			set_day(r, VI_DUE, due);
			if (done <= g->end && pick(g, 8)) {
				set_day(r, VI_DONE_DATE, done > day ? done : day);
				mp_record_set(r, VI_DONE_NOTE, f->done);
			}
		}
		if (save(g, r, "supervision visit") != MP_OK)
			return g->e->code;
	}
	progress(g, "visits", g->s.visits);
	return MP_OK;
}

/* ---- the whole ---- */

void bench_scale_set(struct bench_scale *s, double factor)
{
	static const struct bench_scale district = {
		5000, 100000, 20000, 1000000, 2000, 10000
	};
	long *out = &s->groups;
	const long *in = &district.groups;
	int i;

	for (i = 0; i < 6; i++) {
		out[i] = (long)(in[i] * factor + 0.5);
		if (out[i] < 1)
			out[i] = 1;
	}
}

void bench_config(mp_config *c)
{
	free(c->operator_name);
	c->operator_name = mp_strdup("陈静");
	free(c->township);
	c->township = mp_strdup("幸福街道");
}

static int alloc_all(struct gen *g)
{
	const struct bench_scale *s = &g->s;

	g->gid = calloc((size_t)s->groups, sizeof *g->gid);
	g->gcomm = calloc((size_t)s->groups, sizeof *g->gcomm);
	g->gactive = calloc((size_t)s->groups, sizeof *g->gactive);
	g->gfounded = calloc((size_t)s->groups, sizeof *g->gfounded);
	g->gvstart = calloc((size_t)s->groups + 1, sizeof *g->gvstart);
	g->gvols = calloc((size_t)s->volunteers, sizeof *g->gvols);
	g->vid = calloc((size_t)s->volunteers, sizeof *g->vid);
	g->vgroup = calloc((size_t)s->volunteers, sizeof *g->vgroup);
	g->vreg = calloc((size_t)s->volunteers, sizeof *g->vreg);
	for (g->nids_cap = 16; g->nids_cap < (size_t)s->volunteers * 4; g->nids_cap *= 2)
		;
	g->ids = calloc(g->nids_cap, sizeof *g->ids);
	return g->gid && g->gcomm && g->gactive && g->gfounded && g->gvstart
	       && g->gvols && g->vid && g->vgroup && g->vreg && g->ids;
}

static void free_all(struct gen *g)
{
	free(g->gid);
	free(g->gcomm);
	free(g->gactive);
	free(g->gfounded);
	free(g->gvstart);
	free(g->gvols);
	free(g->vid);
	free(g->vgroup);
	free(g->vreg);
	free(g->ids);
}

int bench_generate(mp_db *db, const mp_config *c, uint32_t seed,
                   const struct bench_scale *s, FILE *log, mp_err *e)
{
	const char *env = getenv("MIAOPU_TODAY");
	char *was = env ? mp_strdup(env) : NULL;
	struct gen g;
	long k, made = 0;
	int rc;

	memset(&g, 0, sizeof g);
	g.db = db;
	g.c = c;
	g.e = e;
	g.log = log;
	g.seed = seed;
	g.s = *s;
	g.end = mp_day_number(BENCH_END, NULL);
	g.start = g.end - 729;
	g.ncomm = (int)(s->groups / 25);
	if (g.ncomm < 1)
		g.ncomm = 1;
	if (g.ncomm > 200)
		g.ncomm = 200;
	if (!alloc_all(&g)) {
		free_all(&g);
		free(was);
		return mp_err_set(e, MP_ENOMEM, "out of memory");
	}
	enter_on(g.end);
	rc = mp_db_begin(db, e);
	for (k = 0; k < s->groups && rc == MP_OK; k++)
		rc = make_group(&g, k);
	progress(&g, "groups", s->groups);
	if (rc == MP_OK)
		rc = fill_volunteers(&g);
	if (rc == MP_OK)
		rc = fill_activities(&g, &made);
	if (rc == MP_OK)
		rc = fill_service(&g, &made);
	enter_on(g.end);
	if (rc == MP_OK)
		rc = fill_trainings(&g);
	if (rc == MP_OK)
		rc = fill_visits(&g);
	if (rc == MP_OK)
		rc = mp_db_commit(db, e);
	else
		mp_db_rollback(db);
	if (was)
		setenv("MIAOPU_TODAY", was, 1);
	else
		unsetenv("MIAOPU_TODAY");
	free(was);
	free_all(&g);
	return rc;
}

/* ---- a CSV of volunteers to import ---- */

static void csv_field(FILE *f, const char *v, int last)
{
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

int bench_volunteers_csv(const char *path, uint32_t seed, long n, mp_err *e)
{
	mp_config c;
	struct gen g;
	FILE *f = fopen(path, "w");
	long k, reg;
	int i;

	if (!f)
		return mp_err_set(e, MP_EIO, "cannot write %s", path);
	mp_config_defaults(&c);
	memset(&g, 0, sizeof g);
	g.c = &c;
	g.seed = seed ^ 0x5eedu;
	for (g.nids_cap = 16; g.nids_cap < (size_t)n * 4; g.nids_cap *= 2)
		;
	g.ids = calloc(g.nids_cap, sizeof *g.ids);
	if (!g.ids)
		abort();
	for (i = 0; i < V__COUNT; i++)
		csv_field(f, mp_volunteers.fields[i].label_zh, i == V__COUNT - 1);
	for (k = 0; k < n; k++) {
		char cname[64];
		mp_record *r;

		community_name((int)pick(&g, 200), cname, sizeof cname);
		r = make_volunteer(&g, k, 50000000, cname, &reg);
		for (i = 0; i < V__COUNT; i++)
			csv_field(f, r->v[i], i == V__COUNT - 1);
		mp_record_free(r);
	}
	free(g.ids);
	mp_config_free(&c);
	if (fclose(f) != 0)
		return mp_err_set(e, MP_EIO, "cannot write %s", path);
	return MP_OK;
}
