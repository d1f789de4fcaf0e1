/* fixture.c — a fresh ledger in a folder of its own for each test, and the
 * helpers several unit test files share. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_review.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

int mp_fx_rmtree(const char *dir)
{
	return nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int mp_fx_open(struct mp_fx *f)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	mp_err e;
	int ret;

	unsetenv("MIAOPU_TODAY");
	f->db = NULL;
	snprintf(f->dir, sizeof f->dir, "%s/mp-test-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	path = mp_asprintf("%s/%s", f->dir, MP_FX_DB);
	ret = mp_db_open(&f->db, path, 0, &e);
	free(path);
	if (ret != MP_OK) {
		fprintf(stderr, "fixture: %s\n", e.msg);
		mp_fx_rmtree(f->dir);
		return -1;
	}
	mp_config_defaults(&f->cfg);
	return 0;
}

int mp_fx_close(struct mp_fx *f)
{
	mp_db_close(f->db);
	f->db = NULL;
	mp_config_free(&f->cfg);
	unsetenv("MIAOPU_TODAY");
	return mp_fx_rmtree(f->dir);
}

int mp_fx_setup(void **state)
{
	struct mp_fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (mp_fx_open(f)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int mp_fx_teardown(void **state)
{
	struct mp_fx *f = *state;
	int ret = mp_fx_close(f);

	free(f);
	return ret;
}

int64_t mp_fx_save(struct mp_fx *f, mp_record *r)
{
	mp_err e;

	if (mp_record_save(f->db, &f->cfg, r, &e) != MP_OK)
		fail_msg("saving a %s: %s", r->t->name, e.msg);
	return r->id;
}

int64_t mp_fx_save_free(struct mp_fx *f, mp_record *r)
{
	int64_t id = mp_fx_save(f, r);

	mp_record_free(r);
	return id;
}

mp_record *mp_fx_group(struct mp_fx *f, const char *name, const char *community)
{
	mp_record *r = mp_record_new(&mp_groups, &f->cfg);

	mp_record_set(r, G_NAME, name);
	mp_record_set(r, G_COMMUNITY, community);
	return r;
}

int64_t mp_fx_add_group(struct mp_fx *f, const char *name)
{
	return mp_fx_save_free(f, mp_fx_group(f, name, "幸福社区"));
}

int64_t mp_fx_add_volunteer(struct mp_fx *f, const char *name, const char *id_no,
                            const char *vol_no)
{
	mp_record *r = mp_record_new(&mp_volunteers, &f->cfg);

	mp_record_set(r, V_NAME, name);
	mp_record_set(r, V_ID_TYPE, "居民身份证");
	mp_record_set(r, V_ID_NO, id_no);
	mp_record_set(r, V_VOL_NO, vol_no);
	return mp_fx_save_free(f, r);
}

void mp_fx_set_id(mp_record *r, int i, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

long mp_fx_sql_int(struct mp_fx *f, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n;

	assert_int_equal(sqlite3_prepare_v2(f->db->h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t fx_add(struct mp_fx *f, const mp_table *t, const char *const *kv)
{
	mp_record *r = mp_record_new(t, &f->cfg);

	for (; kv[0]; kv += 2) {
		int i = mp_table_field(t, kv[0]);

		if (i < 0)
			fail_msg("%s has no field %s", t->name, kv[0]);
		mp_record_set(r, i, kv[1]);
	}
	return mp_fx_save_free(f, r);
}

void mp_fx_wf_provide(struct mp_fx *f, int64_t app_id, int to)
{
	char sql[256], app[24], round[24], today[11], id[24];
	int64_t ids[32];
	int n = 0;
	sqlite3_stmt *st = NULL;

	/* Nothing when the test made them itself (its own scores, its own
	 * evaluation, whose results it asserts). */
	{
		mp_record *r = NULL, *offer = NULL;
		const mp_wf_step *step;
		mp_err e;
		int met;

		assert_int_equal(mp_record_load(f->db, &mp_applications, app_id, &r, &e), MP_OK);
		step = mp_wf_step_between(&mp_app_workflow,
		                          mp_app_state_index(r->v[A_STATE]), to);
		met = !step || mp_wf_unmet(f->db, &f->cfg, r, step, &offer, &e) == MP_OK;
		mp_record_free(offer);
		mp_record_free(r);
		if (met)
			return;
	}
	mp_today(today);
	snprintf(app, sizeof app, "%lld", (long long)app_id);
	snprintf(sql, sizeof sql, "SELECT round_id FROM applications WHERE id = %lld",
	         (long long)app_id);
	snprintf(round, sizeof round, "%ld", mp_fx_sql_int(f, sql));
	if (to == AS_REVIEWED || to == AS_MIDTERM || to == AS_CLOSING) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM round_criteria"
		         " WHERE deleted_at IS NULL AND round_id = %s", round);
		if (mp_fx_sql_int(f, sql) == 0)
			fx_add(f, &mp_round_criteria, (const char *const[]){ "round_id", round,
			       "criterion", "需求契合", "weight", "100", NULL });
		snprintf(sql, sizeof sql, "SELECT id FROM round_criteria"
		         " WHERE deleted_at IS NULL AND round_id = %s ORDER BY id", round);
		assert_int_equal(sqlite3_prepare_v2(f->db->h, sql, -1, &st, NULL), SQLITE_OK);
		while (n < 32 && sqlite3_step(st) == SQLITE_ROW)
			ids[n++] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (to == AS_REVIEWED) {
		int64_t rv = mp_fx_sql_int(f, "SELECT ifnull(max(id), 0) FROM reviewers"
		                           " WHERE name = '测试评审专家'");
		char rid[24];

		if (rv == 0)
			rv = fx_add(f, &mp_reviewers, (const char *const[]){ "name",
			            "测试评审专家", "unit", "测试大学", NULL });

		snprintf(rid, sizeof rid, "%lld", (long long)rv);
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof id, "%lld", (long long)ids[i]);
			fx_add(f, &mp_review_scores, (const char *const[]){ "app_id", app,
			       "reviewer_id", rid, "criterion_id", id, "score", "80",
			       "date", today, NULL });
		}
	} else if (to == AS_AGREEMENT) {
		char number[32];

		snprintf(number, sizeof number, "XY-%s", app);
		fx_add(f, &mp_agreements, (const char *const[]){ "app_id", app,
		       "number", number, "date", today, NULL });
	} else if (to == AS_MIDTERM || to == AS_CLOSING) {
		int64_t ev = fx_add(f, &mp_evaluations, (const char *const[]){ "kind",
		                    to == AS_MIDTERM ? MP_EVAL_MIDTERM : MP_EVAL_CLOSING,
		                    "app_id", app, "date", today, "evaluator", "测试评估机构", NULL });
		char eid[24];

		snprintf(eid, sizeof eid, "%lld", (long long)ev);
		for (int i = 0; i < n; i++) {
			snprintf(sql, sizeof sql, "SELECT criterion FROM round_criteria WHERE id = %lld",
			         (long long)ids[i]);
			assert_int_equal(sqlite3_prepare_v2(f->db->h, sql, -1, &st, NULL), SQLITE_OK);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			fx_add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", eid,
			       "criterion", (const char *)sqlite3_column_text(st, 0),
			       "score", "80", NULL });
			sqlite3_finalize(st);
		}
	}
}

