/* test_export.c — CSV export of groups: what Excel and WPS will read. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_check.h"
#include "mp_config.h"
#include "mp_demo.h"
#include "mp_db.h"
#include "mp_activity.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

struct fx {
	struct mp_fx fx;
	char *path;	/* the ledger's */
};

static void remove_ledger(const char *path)
{
	char *p;

	unlink(path);
	p = mp_asprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = mp_asprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(mp_fx_open(&f->fx), 0);
	f->path = mp_asprintf("%s/%s", f->fx.dir, MP_FX_DB);
	*state = f;
	return 0;
}

/* Not mp_fx_close: a test must leave nothing but the ledger behind. */
static int teardown(void **state)
{
	struct fx *f = *state;

	mp_db_close(f->fx.db);
	mp_config_free(&f->fx.cfg);
	remove_ledger(f->path);
	assert_int_equal(rmdir(f->fx.dir), 0);
	free(f->path);
	free(f);
	return 0;
}

/* Save a filed (备案) group through the same path the form uses. */
static mp_record *save_group(struct fx *f, const char *name,
                             const char *community, const char *notes)
{
	mp_record *r = mp_record_new(&mp_groups, &f->fx.cfg);
	mp_err e;

	mp_record_set(r, G_NAME, name);
	mp_record_set(r, G_CATEGORY, "公益慈善类");
	mp_record_set(r, G_LEGAL, "备案");
	mp_record_set(r, G_FILING, "幸福备〔2021〕007号");
	mp_record_set(r, G_TOWNSHIP, "幸福街道");
	mp_record_set(r, G_COMMUNITY, community);
	mp_record_set(r, G_KIND, "普通");
	mp_record_set(r, G_GRADE, "无");
	mp_record_set(r, G_STAGE, "成长期");
	mp_record_set(r, G_FOUNDED, "2021-03-05");
	mp_record_set(r, G_LEADER, "张桂芳");
	mp_record_set(r, G_PHONE, "13812345678");
	mp_record_set(r, G_MEMBERS, "36");
	mp_record_set(r, G_OBSERVATION, "无");
	mp_record_set(r, G_STATE, "活跃");
	mp_record_set(r, G_NOTES, notes);
	if (mp_record_save(f->fx.db, &f->fx.cfg, r, &e) != MP_OK)
		fail_msg("saving “%s”: %s", name, e.msg);
	return r;
}

/* Export t to a temporary file and return its whole content. */
static char *export_table(struct fx *f, const mp_table *t, long *count,
                          size_t *len)
{
	FILE *out = tmpfile();
	char *buf;
	long size;
	mp_err e;

	assert_non_null(out);
	if (mp_export_csv(f->fx.db, t, out, count, &e) != MP_OK)
		fail_msg("export: %s", e.msg);
	size = ftell(out);
	assert_true(size > 0);
	rewind(out);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, out), (size_t)size);
	buf[size] = '\0';
	fclose(out);
	*len = (size_t)size;
	return buf;
}

static char *export_all(struct fx *f, long *count, size_t *len)
{
	return export_table(f, &mp_groups, count, len);
}

/* A small CSV reader (RFC 4180, every field quoted or not): splits s into
 * rows of fields.  Returns the number of rows; fields go into
 * cell[row][col] (malloc'd), ncol[row] gets each row's width. */
#define MAXROWS 64
#define MAXCOLS 40
static int parse_csv(const char *s, char *cell[MAXROWS][MAXCOLS],
                     int ncol[MAXROWS])
{
	int row = 0, col = 0;
	size_t cap = strlen(s) + 1, n;
	char *field = malloc(cap);

	assert_non_null(field);
	while (*s) {
		n = 0;
		if (*s == '"') {
			s++;
			for (;;) {
				assert_true(*s != '\0');        /* unterminated quote */
				if (*s == '"' && s[1] == '"') {
					field[n++] = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					field[n++] = *s++;
				}
			}
		} else {
			while (*s && *s != ',' && *s != '\r' && *s != '\n')
				field[n++] = *s++;
		}
		field[n] = '\0';
		assert_true(row < MAXROWS && col < MAXCOLS);
		cell[row][col++] = mp_strdup(field);
		if (*s == ',') {
			s++;
		} else {
			/* A row ends with CRLF, never a bare LF. */
			assert_memory_equal(s, "\r\n", 2);
			s += 2;
			ncol[row++] = col;
			col = 0;
		}
	}
	free(field);
	return row;
}

static void free_cells(char *cell[MAXROWS][MAXCOLS], int ncol[MAXROWS],
                       int rows)
{
	int r, c;

	for (r = 0; r < rows; r++)
		for (c = 0; c < ncol[r]; c++)
			free(cell[r][c]);
}

static void test_groups_csv(void **state)
{
	struct fx *f = *state;
	const char *tricky = "活动经费：2,000元；他说\"好\"\n第二行";
	mp_record *a, *b, *c, *gone;
	char *cell[MAXROWS][MAXCOLS], *csv;
	int ncol[MAXROWS], rows, i;
	long count = -1;
	size_t len;
	mp_err e;

	a = save_group(f, "幸福里夕阳红志愿服务队", "幸福里社区", "");
	gone = save_group(f, "向阳社区平安巡逻队", "向阳社区", "已并入");
	b = save_group(f, "桂花园邻里互助会", "桂花园社区", tricky);
	c = save_group(f, "滨河社区书画社", "滨河社区", "每月一次");
	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, gone->id, &e),
	                 MP_OK);

	csv = export_all(f, &count, &len);
	assert_int_equal(count, 3);

	/* Byte-order mark, so that Excel and WPS read UTF-8. */
	assert_true(len > 3);
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	/* Every field is quoted; the header is the Chinese labels. */
	assert_memory_equal(csv + 3, "\"组织名称\",\"简称\",\"类别\",\"登记状态\"",
	                    strlen("\"组织名称\",\"简称\",\"类别\",\"登记状态\""));
	/* The quote is doubled and the comma and line break kept inside. */
	assert_non_null(strstr(csv, "\"活动经费：2,000元；他说\"\"好\"\"\n第二行\""));
	/* The deleted group is not exported. */
	assert_null(strstr(csv, "向阳社区平安巡逻队"));

	rows = parse_csv(csv + 3, cell, ncol);
	assert_int_equal(rows, 4);
	for (i = 0; i < rows; i++)
		assert_int_equal(ncol[i], mp_groups.nfields + 3);
	assert_string_equal(cell[0][G_NAME], "组织名称");
	assert_string_equal(cell[0][G_USCC], "统一社会信用代码");
	assert_string_equal(cell[0][G_COMMUNITY], "所属社区(村)");
	assert_string_equal(cell[0][G_NOTES], "备注");
	assert_string_equal(cell[0][mp_groups.nfields], "UUID");
	assert_string_equal(cell[0][mp_groups.nfields + 1], "创建时间");
	assert_string_equal(cell[0][mp_groups.nfields + 2], "更新时间");

	/* Rows in the order the groups were added, values as saved. */
	assert_string_equal(cell[1][G_NAME], "幸福里夕阳红志愿服务队");
	assert_string_equal(cell[2][G_NAME], "桂花园邻里互助会");
	assert_string_equal(cell[3][G_NAME], "滨河社区书画社");
	assert_string_equal(cell[2][G_NOTES], tricky);
	assert_string_equal(cell[1][G_MEMBERS], "36");
	assert_string_equal(cell[1][G_FOUNDED], "2021-03-05");
	assert_string_equal(cell[1][G_PHONE], "13812345678");
	assert_string_equal(cell[1][mp_groups.nfields], a->uuid);
	assert_string_equal(cell[2][mp_groups.nfields], b->uuid);
	assert_string_equal(cell[3][mp_groups.nfields], c->uuid);
	assert_string_equal(cell[3][mp_groups.nfields + 1], c->created);
	assert_string_equal(cell[3][mp_groups.nfields + 2], c->updated);

	free_cells(cell, ncol, rows);
	free(csv);
	mp_record_free(a);
	mp_record_free(b);
	mp_record_free(c);
	mp_record_free(gone);
}

static void test_empty_ledger(void **state)
{
	struct fx *f = *state;
	char *cell[MAXROWS][MAXCOLS], *csv;
	int ncol[MAXROWS], rows;
	long count = -1;
	size_t len;

	csv = export_all(f, &count, &len);
	assert_int_equal(count, 0);
	assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
	rows = parse_csv(csv + 3, cell, ncol);
	assert_int_equal(rows, 1);
	assert_string_equal(cell[0][0], "组织名称");
	free_cells(cell, ncol, rows);
	free(csv);
}

/* A full disk is reported, not ignored. */
static void test_write_error(void **state)
{
	struct fx *f = *state;
	FILE *out = fopen("/dev/full", "w");
	mp_record *r;
	mp_err e;
	int rc;

	if (!out)
		skip();
	r = save_group(f, "幸福里邻里互助会", "幸福里社区", "");
	rc = mp_export_csv(f->fx.db, &mp_groups, out, NULL, &e);
	assert_true(rc == MP_EFULL || rc == MP_EIO);
	assert_true(e.msg[0] != '\0');
	fclose(out);
	mp_record_free(r);
}

/* ---- the demo ledger ---- */

static const mp_table *const demo_tables[] = {
	&mp_groups, &mp_volunteers, &mp_memberships, &mp_activities, &mp_hours,
	&mp_trainings, &mp_training_groups, &mp_training_people, &mp_visits,
};
enum { D_GROUPS, D_VOLUNTEERS, D_MEMBERSHIPS, D_ACTIVITIES, D_HOURS,
       D_TRAININGS, D_TRAINING_GROUPS, D_TRAINING_PEOPLE, D_VISITS };
#define NDEMO_TABLES ((int)(sizeof demo_tables / sizeof demo_tables[0]))

/* How many records each table exports. */
static void demo_counts(mp_db *db, long n[NDEMO_TABLES])
{
	int i;

	for (i = 0; i < NDEMO_TABLES; i++) {
		FILE *out = tmpfile();
		mp_err e;

		assert_non_null(out);
		n[i] = -1;
		if (mp_export_csv(db, demo_tables[i], out, &n[i], &e) != MP_OK)
			fail_msg("export %s: %s", demo_tables[i]->name, e.msg);
		fclose(out);
	}
}

static mp_record *load(mp_db *db, const mp_table *t, int64_t id)
{
	mp_record *r = NULL;
	mp_err e;

	if (mp_record_load(db, t, id, &r, &e) != MP_OK)
		fail_msg("%s %lld: %s", t->name, (long long)id, e.msg);
	assert_string_equal(r->deleted, "");
	return r;
}

static int64_t ref(const mp_record *r, int i)
{
	return strtoll(r->v[i], NULL, 10);
}

/* "YYYY-MM-DD" months before date (same day of the month, at most 28). */
static void months_before(const char *date, int months, char out[11])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	int k = y * 12 + (m - 1) - months;

	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(k / 12) % 10000u,
	         (unsigned)(k % 12 + 1) % 100u, (unsigned)(d > 28 ? 28 : d) % 100u);
}

/* Trainings of the last 18 months, online ones without a place; two to
 * eight groups at each, every person there for one of them. */
static void check_demo_trainings(mp_db *db, const long n[], const char *today,
                                 const char *since)
{
	int *groups_at;
	int64_t (*pair)[2];     /* training and group of each attending group */
	long online = 0, volunteers = 0;
	int64_t id, j;

	groups_at = calloc((size_t)n[D_TRAININGS] + 1, sizeof *groups_at);
	pair = calloc((size_t)n[D_TRAINING_GROUPS] + 1, sizeof *pair);
	assert_non_null(groups_at);
	assert_non_null(pair);
	for (id = 1; id <= n[D_TRAININGS]; id++) {
		mp_record *t = load(db, &mp_trainings, id);

		assert_true(strcmp(t->v[T_DATE], today) <= 0);
		assert_true(strcmp(t->v[T_DATE], since) >= 0);
		assert_true(strtod(t->v[T_HOURS], NULL) > 0);
		assert_true(t->v[T_TOPIC][0] && t->v[T_TRAINER][0] &&
		            t->v[T_ORGANIZER][0]);
		if (!strcmp(t->v[T_MODE], "线上")) {
			assert_string_equal(t->v[T_PLACE], "");
			online++;
		} else {
			assert_string_equal(t->v[T_MODE], "线下");
			assert_true(t->v[T_PLACE][0] != '\0');
		}
		mp_record_free(t);
	}
	assert_true(online >= 3 && online * 3 <= n[D_TRAININGS]);
	for (id = 1; id <= n[D_TRAINING_GROUPS]; id++) {
		mp_record *g = load(db, &mp_training_groups, id);

		assert_true(ref(g, TG_TRAINING) >= 1 &&
		            ref(g, TG_TRAINING) <= n[D_TRAININGS]);
		assert_true(atoi(g->v[TG_PEOPLE]) >= 1);
		groups_at[ref(g, TG_TRAINING)]++;
		pair[id][0] = ref(g, TG_TRAINING);
		pair[id][1] = ref(g, TG_GROUP);
		mp_record_free(g);
	}
	for (id = 1; id <= n[D_TRAININGS]; id++)
		assert_true(groups_at[id] >= 2 && groups_at[id] <= 8);
	for (id = 1; id <= n[D_TRAINING_PEOPLE]; id++) {
		mp_record *p = load(db, &mp_training_people, id);
		int found = 0;

		assert_true(p->v[TP_VOLUNTEER][0] || p->v[TP_NAME][0]);
		if (p->v[TP_VOLUNTEER][0])
			volunteers++;
		for (j = 1; j <= n[D_TRAINING_GROUPS] && !found; j++)
			found = pair[j][0] == ref(p, TP_TRAINING) &&
			        pair[j][1] == ref(p, TP_GROUP);
		assert_true(found);
		mp_record_free(p);
	}
	/* Leaders who are volunteers come as volunteers; others by name. */
	assert_true(volunteers * 2 >= n[D_TRAINING_PEOPLE]);
	assert_true(volunteers < n[D_TRAINING_PEOPLE]);
	free(groups_at);
	free(pair);
}

/* Visits of the last 18 months; follow-ups done after the visit and not
 * after today; four overdue and three due within the settings' days, on
 * any day the demo is made. */
static void check_demo_visits(mp_db *db, const mp_config *cfg, const long n[],
                              const char *today, const char *since)
{
	long count[MP_FU_OPEN + 1] = { 0 };
	int64_t id;

	for (id = 1; id <= n[D_VISITS]; id++) {
		mp_record *v = load(db, &mp_visits, id);

		assert_true(strcmp(v->v[VI_DATE], today) <= 0);
		assert_true(strcmp(v->v[VI_DATE], since) >= 0);
		assert_true(v->v[VI_FINDINGS][0] && v->v[VI_ADVICE][0] &&
		            v->v[VI_RATING][0] && v->v[VI_AGENCY][0]);
		if (v->v[VI_DONE_DATE][0]) {
			assert_true(strcmp(v->v[VI_DONE_DATE], v->v[VI_DATE]) >= 0);
			assert_true(strcmp(v->v[VI_DONE_DATE], today) <= 0);
			assert_true(v->v[VI_DONE_NOTE][0] != '\0');
		}
		if (v->v[VI_DUE][0])
			assert_true(strcmp(v->v[VI_DUE], v->v[VI_DATE]) > 0);
		count[mp_visit_followup(v, today, cfg->due_soon_days)]++;
		mp_record_free(v);
	}
	assert_int_equal(count[MP_FU_OVERDUE], 4);
	assert_int_equal(count[MP_FU_DUE_SOON], 3);
	assert_int_equal(count[MP_FU_OPEN], 3);
	assert_true(count[MP_FU_DONE] >= 35);
	assert_true(count[MP_FU_NONE] >= 3);
}

/* Every record of the demo ledger passes every check again as stored, and
 * the ledger looks lived in: n[] holds the counts of demo_tables. */
static void check_demo(mp_db *db, const mp_config *cfg, const long n[])
{
	char today[11], since[11], vno[32], dur[32];
	int *groups_of, *leaders;
	long late = 0, not_counted = 0, from_activity = 0, other_ids = 0;
	int64_t id;
	mp_err e;
	int t;

	mp_today(today);
	months_before(today, 18, since);
	for (t = 0; t < NDEMO_TABLES; t++)
		for (id = 1; id <= n[t]; id++) {
			mp_record *r = load(db, demo_tables[t], id);

			if (mp_record_check(db, cfg, r, &e) != MP_OK)
				fail_msg("%s %lld: %s", demo_tables[t]->name,
				         (long long)id, e.msg);
			mp_record_free(r);
		}

	/* Volunteers: resident ID numbers with their check character, the
	 * birth date and the gender they encode. */
	for (id = 1; id <= n[1]; id++) {
		mp_record *v = load(db, &mp_volunteers, id);
		char birth[11];
		int year = atoi(v->v[V_BIRTH]), seq;

		assert_true(year >= 1950 && year <= 2005);
		if (!strcmp(v->v[V_ID_TYPE], "居民身份证")) {
			assert_int_equal(mp_resident_id_check(v->v[V_ID_NO], birth),
			                 MP_ID_OK);
			assert_string_equal(birth, v->v[V_BIRTH]);
			assert_string_equal(v->v[V_GENDER],
			                    (v->v[V_ID_NO][16] - '0') % 2 ? "男" : "女");
		} else {
			other_ids++;
		}
		assert_int_equal(sscanf(v->v[V_VOL_NO], "XF%4d-%4d", &year, &seq), 2);
		snprintf(vno, sizeof vno, "XF%.4s-%04d", v->v[V_REGISTERED], seq);
		assert_string_equal(v->v[V_VOL_NO], vno);
		assert_true(mp_phone_valid(v->v[V_PHONE]));
		assert_true(mp_strlist_find(mp_config_choices(cfg, MP_CH_COMMUNITY),
		                            v->v[V_COMMUNITY]) >= 0);
		assert_true(strcmp(v->v[V_REGISTERED], today) <= 0);
		mp_record_free(v);
	}
	assert_true(other_ids >= 1 && other_ids <= 5);

	/* Memberships: one to three groups each, one leader a group at most. */
	groups_of = calloc((size_t)n[1] + 1, sizeof *groups_of);
	leaders = calloc((size_t)n[0] + 1, sizeof *leaders);
	assert_non_null(groups_of);
	assert_non_null(leaders);
	for (id = 1; id <= n[2]; id++) {
		mp_record *m = load(db, &mp_memberships, id);

		assert_true(ref(m, M_VOLUNTEER) >= 1 && ref(m, M_VOLUNTEER) <= n[1]);
		assert_true(ref(m, M_GROUP) >= 1 && ref(m, M_GROUP) <= n[0]);
		groups_of[ref(m, M_VOLUNTEER)]++;
		if (!strcmp(m->v[M_ROLE], "负责人"))
			leaders[ref(m, M_GROUP)]++;
		assert_true(strcmp(m->v[M_JOINED], today) <= 0);
		mp_record_free(m);
	}
	for (id = 1; id <= n[1]; id++)
		assert_true(groups_of[id] >= 1 && groups_of[id] <= 3);
	for (id = 1; id <= n[0]; id++)
		assert_true(leaders[id] <= 1);
	free(groups_of);
	free(leaders);

	/* Activities over the last 18 months, none after today. */
	for (id = 1; id <= n[3]; id++) {
		mp_record *a = load(db, &mp_activities, id);

		assert_true(strcmp(a->v[ACT_DATE], today) <= 0);
		assert_true(strcmp(a->v[ACT_DATE], since) >= 0);
		assert_true(strcmp(a->v[ACT_END], a->v[ACT_START]) > 0);
		assert_true(a->v[ACT_PLACE][0] != '\0');
		mp_record_free(a);
	}

	/* Service records: an activity's carry its date, group and duration;
	 * a few were entered late, a few do not count. */
	for (id = 1; id <= n[4]; id++) {
		mp_record *h = load(db, &mp_hours, id);

		assert_true(strcmp(h->v[H_DATE], today) <= 0);
		assert_true(strcmp(h->v[H_DATE], since) >= 0);
		if (h->v[H_ACTIVITY][0]) {
			mp_record *a = load(db, &mp_activities, ref(h, H_ACTIVITY));

			assert_string_equal(h->v[H_DATE], a->v[ACT_DATE]);
			assert_string_equal(h->v[H_GROUP], a->v[ACT_GROUP]);
			assert_string_equal(h->v[H_HOURS],
			                    mp_activity_duration(a, dur, sizeof dur));
			from_activity++;
			mp_record_free(a);
		}
		assert_string_equal(h->v[H_RECORDER], cfg->operator_name);
		assert_true(strncmp(h->v[H_RECORDED_AT], h->v[H_DATE], 10) >= 0);
		if (h->v[H_LATE][0])
			late++;
		if (!strcmp(h->v[H_COUNTS], "否"))
			not_counted++;
		mp_record_free(h);
	}
	assert_true(from_activity * 4 >= n[4] * 3);
	assert_true(late >= 1 && late * 10 <= n[4]);
	assert_true(not_counted >= 1 && not_counted * 10 <= n[4]);

	check_demo_trainings(db, n, today, since);
	check_demo_visits(db, cfg, n, today, since);
}

/* A fresh ledger next to f's. */
static mp_db *open_again(struct fx *f, char **path)
{
	mp_db *db;
	mp_err e;

	*path = mp_asprintf("%s/again.db", f->fx.dir);
	assert_int_equal(mp_db_open(&db, *path, 0, &e), MP_OK);
	return db;
}

/* The demo ledger: a station with groups, volunteers, their memberships,
 * activities and service records, trainings and who attended them,
 * supervision visits and their follow-ups, every one saved through the core's
 * checks; and the data is the same on every run (only UUIDs and times
 * differ). */
static void test_demo(void **state)
{
	struct fx *f = *state;
	static char *cell[MAXROWS][MAXCOLS];
	/* Counts on 2026-03-15: groups (a volunteer team formed by a project
	 * among them), volunteers, memberships, activities,
	 * service records, trainings, groups and people attending, visits. */
	static const long fixed[NDEMO_TABLES] = {
		43, 60, 115, 80, 423, 25, 133, 181, 60
	};
	long n[NDEMO_TABLES], n2[NDEMO_TABLES];
	char *csv, *path2;
	int ncol[MAXROWS], rows, r, t, i;
	int registered = 0, hubs = 0;
	long count = -1;
	int64_t id;
	size_t len;
	mp_db *db2;
	mp_err e;

	mp_demo_config(&f->fx.cfg);
	assert_string_equal(f->fx.cfg.township, "幸福街道");
	assert_true(f->fx.cfg.choices[MP_CH_COMMUNITY].n >= 6);
	assert_true(f->fx.cfg.station_head[0] != '\0');
	assert_true(mp_phone_valid(f->fx.cfg.station_phone));

	/* Today, whatever day the test runs. */
	unsetenv("MIAOPU_TODAY");
	if (mp_demo_fill(f->fx.db, &f->fx.cfg, &e) != MP_OK)
		fail_msg("demo: %s", e.msg);
	/* The fill names days of entry in MIAOPU_TODAY and puts it back. */
	assert_null(getenv("MIAOPU_TODAY"));
	demo_counts(f->fx.db, n);
	assert_true(n[0] >= 35 && n[0] <= 50);
	assert_int_equal(n[1], 60);
	assert_true(n[2] >= n[1] && n[2] <= 3 * n[1]);
	assert_true(n[3] >= 70 && n[3] <= 90);
	assert_true(n[4] >= 350 && n[4] <= 450);
	assert_int_equal(n[D_TRAININGS], 25);
	assert_true(n[D_TRAINING_GROUPS] >= 2 * n[D_TRAININGS] &&
	            n[D_TRAINING_GROUPS] <= 8 * n[D_TRAININGS]);
	assert_true(n[D_TRAINING_PEOPLE] >= n[D_TRAINING_GROUPS] &&
	            n[D_TRAINING_PEOPLE] <= 2 * n[D_TRAINING_GROUPS]);
	assert_int_equal(n[D_VISITS], 60);
	check_demo(f->fx.db, &f->fx.cfg, n);

	csv = export_all(f, &count, &len);
	assert_int_equal(count, n[0]);
	rows = parse_csv(csv + 3, cell, ncol);
	assert_int_equal(rows, count + 1);
	for (r = 1; r < rows; r++) {
		assert_int_equal(ncol[r], mp_groups.nfields + 3);
		assert_true(cell[r][G_NAME][0] != '\0');
		assert_true(mp_strlist_find(&f->fx.cfg.choices[MP_CH_COMMUNITY],
		                            cell[r][G_COMMUNITY]) >= 0);
		assert_true(mp_phone_valid(cell[r][G_PHONE]));
		assert_int_equal(strlen(cell[r][G_PHONE]), 11);
		if (!strcmp(cell[r][G_LEGAL], "登记")) {
			assert_int_equal(mp_uscc_check(cell[r][G_USCC], NULL),
			                 MP_USCC_OK);
			registered++;
		}
		if (!strcmp(cell[r][G_KIND], "枢纽型"))
			hubs++;
	}
	assert_true(registered >= 5);
	assert_true(hubs >= 2);
	free_cells(cell, ncol, rows);
	free(csv);

	/* On a fixed day, two fills of fresh ledgers give the same records,
	 * as many as ever. */
	setenv("MIAOPU_TODAY", "2026-03-15", 1);
	mp_db_close(f->fx.db);
	remove_ledger(f->path);
	assert_int_equal(mp_db_open(&f->fx.db, f->path, 0, &e), MP_OK);
	db2 = open_again(f, &path2);
	if (mp_demo_fill(f->fx.db, &f->fx.cfg, &e) != MP_OK)
		fail_msg("demo: %s", e.msg);
	assert_string_equal(getenv("MIAOPU_TODAY"), "2026-03-15");
	if (mp_demo_fill(db2, &f->fx.cfg, &e) != MP_OK)
		fail_msg("demo: %s", e.msg);
	demo_counts(f->fx.db, n);
	demo_counts(db2, n2);
	for (t = 0; t < NDEMO_TABLES; t++) {
		if (n[t] != fixed[t])
			fail_msg("%s: %ld records, expected %ld", demo_tables[t]->name,
			         n[t], fixed[t]);
		assert_int_equal(n2[t], n[t]);
	}
	check_demo(f->fx.db, &f->fx.cfg, n);
	for (t = 0; t < NDEMO_TABLES; t++)
		for (id = 1; id <= n[t]; id++) {
			mp_record *a = load(f->fx.db, demo_tables[t], id);
			mp_record *b = load(db2, demo_tables[t], id);

			for (i = 0; i < demo_tables[t]->nfields; i++)
				if (demo_tables[t] == &mp_hours && i == H_RECORDED_AT)
					/* the day of entry; the time is the clock's */
					assert_memory_equal(a->v[i], b->v[i], 10);
				else
					assert_string_equal(a->v[i], b->v[i]);
			assert_string_not_equal(a->uuid, b->uuid);
			mp_record_free(a);
			mp_record_free(b);
		}
	unsetenv("MIAOPU_TODAY");
	mp_db_close(db2);
	remove_ledger(path2);
	free(path2);
}

static mp_record *save_new(struct fx *f, const mp_table *t, const char **v)
{
	mp_record *r = mp_record_new(t, &f->fx.cfg);
	int i;

	for (i = 0; i < t->nfields; i++)
		if (v[i])
			mp_record_set(r, i, v[i]);
	mp_fx_save(&f->fx, r);
	return r;
}

/* Service records name the volunteer and the group, not their ids, and
 * hours read as they were typed ("2", not "2.0"). */
static void test_service_records_csv(void **state)
{
	struct fx *f = *state;
	const char *vv[V__COUNT] = { [V_NAME] = "张三", [V_ID_NO] = "350102199006150018" };
	const char *gv[G__COUNT] = { [G_NAME] = "夕阳红志愿队" };
	mp_record *v, *g, *h1, *h2;
	char *cell[MAXROWS][MAXCOLS], *csv, id_v[32], id_g[32];
	int ncol[MAXROWS], rows;
	long count = 0;
	size_t len;

	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	v = save_new(f, &mp_volunteers, vv);
	g = save_new(f, &mp_groups, gv);
	snprintf(id_v, sizeof id_v, "%lld", (long long)v->id);
	snprintf(id_g, sizeof id_g, "%lld", (long long)g->id);
	{
		const char *hv[H__COUNT] = { [H_VOLUNTEER] = id_v, [H_GROUP] = id_g,
			[H_DATE] = "2024-05-18", [H_CONTENT] = "陪伴老人", [H_HOURS] = "1.50" };
		const char *hw[H__COUNT] = { [H_VOLUNTEER] = id_v, [H_GROUP] = id_g,
			[H_DATE] = "2024-05-19", [H_CONTENT] = "读报", [H_HOURS] = "2.0" };

		h1 = save_new(f, &mp_hours, hv);
		h2 = save_new(f, &mp_hours, hw);
	}
	csv = export_table(f, &mp_hours, &count, &len);
	assert_int_equal(count, 2);
	rows = parse_csv(csv + 3, cell, ncol);
	assert_int_equal(rows, 3);
	assert_string_equal(cell[0][H_VOLUNTEER], "志愿者");
	assert_string_equal(cell[0][H_GROUP], "组织");
	assert_string_equal(cell[1][H_VOLUNTEER], "张三");
	assert_string_equal(cell[1][H_GROUP], "夕阳红志愿队");
	assert_string_equal(cell[1][H_ACTIVITY], "");
	assert_string_equal(cell[1][H_HOURS], "1.5");
	assert_string_equal(cell[2][H_HOURS], "2");
	free_cells(cell, ncol, rows);
	free(csv);

	/* Memberships too: names, not ids. */
	{
		const char *mv[M__COUNT] = { [M_VOLUNTEER] = id_v, [M_GROUP] = id_g,
			[M_JOINED] = "2024-01-02" };
		mp_record *m = save_new(f, &mp_memberships, mv);

		csv = export_table(f, &mp_memberships, &count, &len);
		rows = parse_csv(csv + 3, cell, ncol);
		assert_int_equal(rows, 2);
		assert_string_equal(cell[1][M_VOLUNTEER], "张三");
		assert_string_equal(cell[1][M_GROUP], "夕阳红志愿队");
		assert_string_equal(cell[1][M_ROLE], "成员");
		free_cells(cell, ncol, rows);
		free(csv);
		mp_record_free(m);
	}
	unsetenv("MIAOPU_TODAY");
	mp_record_free(v);
	mp_record_free(g);
	mp_record_free(h1);
	mp_record_free(h2);
}

/* The column of t's export headed head. */
static int column(const mp_table *t, const char *head)
{
	for (int i = 0; i < mp_export_ncols(t); i++)
		if (!strcmp(mp_export_head(t, i), head))
			return i;
	fail_msg("no column %s", head);
	return -1;
}

/* References are read once a record (refcache.c) and given back in turn:
 * volunteers in any order, the same group row after row, a name with a
 * quote, a group moved to the bin (still named), an empty reference. */
static void test_references_in_turn(void **state)
{
	static const char *const names[] = { "张三", "李\"四\"", "王五" };
	struct fx *f = *state;
	const char *gv[G__COUNT] = { [G_NAME] = "夕阳红志愿队" };
	const char *hg[G__COUNT] = { [G_NAME] = "已撤销的队" };
	mp_record *v[3], *g, *gone;
	char *cell[MAXROWS][MAXCOLS], *csv, id_g[32], id_gone[32], ids[3][32];
	int ncol[MAXROWS], rows, order[] = { 0, 1, 0, 2, 1, 1, 2, 0 }, i;
	int vu = column(&mp_hours, "志愿者UUID"), gu = column(&mp_hours, "组织UUID");
	int au = column(&mp_hours, "活动UUID");
	long count = 0;
	size_t len;
	mp_err e;

	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	for (i = 0; i < 3; i++) {
		const char *vv[V__COUNT] = { [V_NAME] = names[i] };

		v[i] = save_new(f, &mp_volunteers, vv);
		snprintf(ids[i], sizeof ids[i], "%lld", (long long)v[i]->id);
	}
	g = save_new(f, &mp_groups, gv);
	gone = save_new(f, &mp_groups, hg);
	snprintf(id_g, sizeof id_g, "%lld", (long long)g->id);
	snprintf(id_gone, sizeof id_gone, "%lld", (long long)gone->id);
	for (i = 0; i < 8; i++) {
		char day[11];
		const char *hv[H__COUNT] = { [H_VOLUNTEER] = ids[order[i]],
			[H_GROUP] = i == 5 ? id_gone : i == 6 ? NULL : id_g,
			[H_DATE] = day, [H_CONTENT] = "值班", [H_HOURS] = "1" };

		snprintf(day, sizeof day, "2024-05-%02d", 10 + i);
		mp_record_free(save_new(f, &mp_hours, hv));
	}
	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, gone->id, &e), MP_OK);
	csv = export_table(f, &mp_hours, &count, &len);
	assert_int_equal(count, 8);
	rows = parse_csv(csv + 3, cell, ncol);
	assert_int_equal(rows, 9);
	for (i = 0; i < 8; i++) {
		const char **row = (const char **)cell[i + 1];

		assert_string_equal(row[H_VOLUNTEER], names[order[i]]);
		assert_string_equal(row[vu], v[order[i]]->uuid);
		assert_string_equal(row[H_GROUP], i == 5 ? "已撤销的队" : i == 6 ? "" : "夕阳红志愿队");
		assert_string_equal(row[gu], i == 5 ? gone->uuid : i == 6 ? "" : g->uuid);
		assert_string_equal(row[H_ACTIVITY], "");
		assert_string_equal(row[au], "");
	}
	assert_non_null(strstr(csv, "\"李\"\"四\"\"\""));   /* the quote, doubled */
	free_cells(cell, ncol, rows);
	free(csv);
	unsetenv("MIAOPU_TODAY");
	for (i = 0; i < 3; i++)
		mp_record_free(v[i]);
	mp_record_free(g);
	mp_record_free(gone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_ledger, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_records_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_references_in_turn, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
