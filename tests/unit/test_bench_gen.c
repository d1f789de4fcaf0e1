/* test_bench_gen.c — the benchmark's generator at a tiny scale: it makes
 * the numbers of records asked for, every record passes every check the
 * program makes, the same seed gives the same ledger (a different seed a
 * different one), and its CSV of volunteers imports without a refusal. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "../bench/gen.h"
#include "mp_bases.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_registry.h"
#include "mp_import.h"
#include "mp_volunteer.h"
#include "mp_record.h"
#include "fixture.h"

#define SCALE 0.002   /* 10 groups, 200 volunteers, 2,000 service records */

static void generate(struct mp_fx *f, uint32_t seed)
{
	struct bench_scale s;
	mp_err e;
	int rc;

	bench_scale_set(&s, SCALE);
	bench_config(&f->cfg);
	rc = bench_generate(f->db, &f->cfg, seed, &s, NULL, &e);
	if (rc != MP_OK)
		fail_msg("generator: %s", e.msg);
}

/* FNV-1a over every value of every record, ids included, but not what
 * only the moment of saving decides (UUIDs, times, recorded_at). */
static uint64_t digest(struct mp_fx *f)
{
	uint64_t h = 1469598103934665603ull;
	int t, i;

	for (t = 0; t < mp_registry_count(); t++) {
		const mp_table *tb = mp_registry_get(t);
		char sql[128];
		long n, id;

		snprintf(sql, sizeof sql, "SELECT ifnull(max(id), 0) FROM %s", tb->name);
		n = mp_fx_sql_int(f, sql);
		for (id = 1; id <= n; id++) {
			mp_record *r = NULL;
			mp_err e;

			if (mp_record_load(f->db, tb, id, &r, &e) != MP_OK)
				continue;
			for (i = 0; i < tb->nfields; i++) {
				const unsigned char *p = (const unsigned char *)r->v[i];

				if (!strcmp(tb->fields[i].col, "recorded_at"))
					continue;
				for (; *p; p++)
					h = (h ^ *p) * 1099511628211ull;
				h = (h ^ 0x1f) * 1099511628211ull;
			}
			mp_record_free(r);
		}
	}
	return h;
}

static void test_counts_and_checks(void **state)
{
	struct mp_fx *f = *state;
	struct bench_scale s;
	int t;

	generate(f, 7);
	bench_scale_set(&s, SCALE);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), s.groups);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM volunteers"), s.volunteers);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM activities"), s.activities);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM hours"), s.hours);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM trainings"), s.trainings);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM visits"), s.visits);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM training_people") > 0);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM hours WHERE activity_id IS NOT NULL") > 0);
	/* Every record, loaded back, passes every check of its form. */
	for (t = 0; t < mp_registry_count(); t++) {
		const mp_table *tb = mp_registry_get(t);
		char sql[128];
		long n, id;

		snprintf(sql, sizeof sql, "SELECT ifnull(max(id), 0) FROM %s", tb->name);
		n = mp_fx_sql_int(f, sql);
		for (id = 1; id <= n; id++) {
			mp_record *r = NULL;
			mp_err e;

			assert_int_equal(mp_record_load(f->db, tb, id, &r, &e), MP_OK);
			if (mp_record_check(f->db, &f->cfg, r, &e) != MP_OK)
				fail_msg("%s %ld: %s", tb->name, id, e.msg);
			mp_record_free(r);
		}
	}
	/* The overview's counter agrees with the table. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT n FROM count_stats WHERE name = 'volunteers_registered'"),
	                 mp_fx_sql_int(f, "SELECT count(*) FROM volunteers WHERE state = '在册'"));
}

static void test_same_seed_same_ledger(void **state)
{
	struct mp_fx *a = *state, b, c;
	uint64_t da, db, dc;

	memset(&b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	assert_int_equal(mp_fx_open(&b), 0);
	assert_int_equal(mp_fx_open(&c), 0);
	generate(a, 7);
	generate(&b, 7);
	generate(&c, 8);
	da = digest(a);
	db = digest(&b);
	dc = digest(&c);
	assert_true(da == db);
	assert_true(da != dc);
	mp_fx_close(&b);
	mp_fx_close(&c);
}

/* The funding rounds at a tiny share of 杭州's scale: thirteen rounds,
 * the projects asked for, every state reached by the workflow with its
 * history, every record passing its checks, the same seed the same. */
static void generate_projects(struct mp_fx *f, uint32_t seed)
{
	struct bench_projects p;
	mp_err e;

	generate(f, seed);
	bench_projects_set(&p, 0.004);   /* 32 projects */
	if (bench_generate_projects(f->db, &f->cfg, seed, &p, NULL, &e) != MP_OK)
		fail_msg("generator: %s", e.msg);
}

static void test_projects(void **state)
{
	struct mp_fx *f = *state, b;
	int t;

	generate_projects(f, 7);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM rounds"), 13);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications"), 32);
	/* Every application left draft; the last round's are not closed. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications WHERE state = '草稿'"), 0);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM applications WHERE state = '已结项'") > 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications a JOIN rounds r"
	                               " ON r.id = a.round_id WHERE r.apply_from LIKE '2025%'"
	                               " AND a.state = '已结项'"), 0);
	/* Each change of state is in the history: one row per step at least. */
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM app_states")
	            >= 2 * mp_fx_sql_int(f, "SELECT count(*) FROM applications"));
	/* Granted never above requested, nor a round's grants above its pool. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications WHERE granted > requested"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM rounds r WHERE pool <"
	                               " (SELECT ifnull(sum(granted), 0) FROM applications a"
	                               "  WHERE a.round_id = r.id)"), 0);
	/* Money: payments on every tranche, agreements, both evaluations. */
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM payments")
	            >= 4 * mp_fx_sql_int(f, "SELECT count(*) FROM agreements"));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM agreements"),
	                 mp_fx_sql_int(f, "SELECT count(*) FROM applications WHERE state IN"
	                               " ('已签协议', '实施中', '已中期评估', '已结项评估', '已结项', '已终止')"));
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM evaluations WHERE kind = '结项评估'") > 0);
	/* Never more paid on a project than it was granted. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications a WHERE granted <"
	                               " (SELECT sum(amount) FROM payments p WHERE p.app_id = a.id)"), 0);
	for (t = 0; t < mp_registry_count(); t++) {
		const mp_table *tb = mp_registry_get(t);
		char sql[128];
		long n, id;

		/* A change of state is never corrected: its check refuses any
		 * record already written. */
		if (tb == &mp_app_states)
			continue;
		snprintf(sql, sizeof sql, "SELECT ifnull(max(id), 0) FROM %s", tb->name);
		n = mp_fx_sql_int(f, sql);
		for (id = 1; id <= n; id++) {
			mp_record *r = NULL;
			mp_err e;

			assert_int_equal(mp_record_load(f->db, tb, id, &r, &e), MP_OK);
			if (mp_record_check(f->db, &f->cfg, r, &e) != MP_OK)
				fail_msg("%s %ld: %s", tb->name, id, e.msg);
			mp_record_free(r);
		}
	}
	memset(&b, 0, sizeof b);
	assert_int_equal(mp_fx_open(&b), 0);
	generate_projects(&b, 7);
	assert_true(digest(f) == digest(&b));
	mp_fx_close(&b);
}

/* How the groups grew (issue 17), at a small share: the bases, stays and
 * services asked for, each passing every check of its form (one
 * physical base at a time, a service within its stay), some stays going
 * on and some ended with their outcome; the same seed the same. */
static void test_growth(void **state)
{
	struct mp_fx *f = *state;
	struct bench_growth p;
	const mp_table *const mine[] = { &mp_bases, &mp_stays, &mp_base_services };
	mp_err e;
	size_t t;

	generate(f, 7);
	bench_growth_set(&p, 0.01);
	if (bench_generate_growth(f->db, &f->cfg, 7, &p, NULL, &e) != MP_OK)
		fail_msg("generator: %s", e.msg);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM bases"), 2);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stays"), 50);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM base_services"), 1000);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM stays WHERE moved_out IS NULL") > 0);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM stays WHERE outcome IS NOT NULL") > 0);
	for (t = 0; t < sizeof mine / sizeof mine[0]; t++) {
		char sql[128];
		long n, id;

		snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", mine[t]->name);
		n = mp_fx_sql_int(f, sql);
		for (id = 1; id <= n; id++) {
			mp_record *r = NULL;

			assert_int_equal(mp_record_load(f->db, mine[t], id, &r, &e), MP_OK);
			if (mp_record_check(f->db, &f->cfg, r, &e) != MP_OK)
				fail_msg("%s %ld: %s", mine[t]->name, id, e.msg);
			mp_record_free(r);
		}
	}
	/* The groups' fields follow their stays. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE incubated = '是'"),
	                 mp_fx_sql_int(f, "SELECT count(DISTINCT group_id) FROM stays"));
}

static void test_csv_imports(void **state)
{
	struct mp_fx *f = *state;
	char path[128];
	mp_import_result res;
	mp_err e;
	FILE *in;
	int rc;

	snprintf(path, sizeof path, "%s/vol.csv", f->dir);
	assert_int_equal(bench_volunteers_csv(path, 3, 300, &e), MP_OK);
	in = fopen(path, "r");
	assert_non_null(in);
	memset(&res, 0, sizeof res);
	rc = mp_import_csv(f->db, &f->cfg, &mp_volunteers, in, 0, &res, &e);
	fclose(in);
	assert_int_equal(rc, MP_OK);
	assert_int_equal(res.added, 300);
	assert_int_equal(res.refused, 0);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM volunteers"), 300);
}

/* gen_stages: ten years of stage history for every group, each path
 * ending at the group's stage, every entry starting where the one before
 * ended, dated from 2016 (or the founding) to BENCH_END; the same seed
 * gives the same histories. */
static void test_stages(void **state)
{
	struct mp_fx *f = *state;
	long groups, moves;

	generate(f, 7);
	assert_int_equal(gen_stages(f->db->h, 7, SCALE), SQLITE_OK);
	groups = mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE ifnull(stage, '') <> ''");
	assert_true(groups > 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(DISTINCT group_id) FROM stage_history"), groups);
	moves = mp_fx_sql_int(f, "SELECT count(*) FROM stage_history WHERE from_stage IS NOT NULL");
	assert_true(moves >= groups);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups g WHERE g.stage IS NOT"
	                               " (SELECT to_stage FROM stage_history sh WHERE sh.group_id = g.id"
	                               " ORDER BY date DESC, id DESC LIMIT 1)"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM (SELECT ifnull(from_stage, '') AS a,"
	                               " ifnull(lag(to_stage) OVER (PARTITION BY group_id"
	                               " ORDER BY date, id), '') AS b FROM stage_history) WHERE a <> b"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_history"
	                               " WHERE date < '2016-01-01' OR date > '" BENCH_END "'"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_history WHERE from_stage = to_stage"), 0);
	/* The same again: the same paths. */
	{
		char *a = NULL, *b = NULL;
		sqlite3_stmt *st = NULL;
		const char *q = "SELECT group_concat(group_id || from_stage || to_stage || date || reason)"
		                " FROM (SELECT * FROM stage_history ORDER BY id)";

		assert_int_equal(sqlite3_prepare_v2(f->db->h, q, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		a = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		assert_int_equal(gen_stages(f->db->h, 7, SCALE), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(f->db->h, q, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		b = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_and_checks, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_same_seed_same_ledger, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_csv_imports, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_projects, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_growth, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_stages, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
