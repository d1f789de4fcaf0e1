/* test_changelog.c — a corrected service record keeps its old values:
 * one entry per changed field, with who and when, in order; nothing is
 * logged for a save that fails or changes nothing; moves to and from the
 * recycle bin are logged too. */
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
#include "mp_activity.h"
#include "mp_changelog.h"
#include "mp_config.h"
#include "mp_group.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t volunteer, group;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	mp_record *r;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	free(f->fx.cfg.operator_name);
	f->fx.cfg.operator_name = mp_strdup("林社工");
	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	*state = f;

	r = mp_record_new(&mp_volunteers, &f->fx.cfg);
	mp_record_set(r, V_NAME, "张三");
	mp_record_set(r, V_ID_NO, "350102199006150018");
	f->volunteer = mp_fx_save_free(&f->fx, r);
	r = mp_record_new(&mp_groups, &f->fx.cfg);
	mp_record_set(r, G_NAME, "夕阳红志愿队");
	f->group = mp_fx_save_free(&f->fx, r);
	return 0;
}

/* A saved service record: 2 hours of 陪伴老人 on 2024-05-18. */
static mp_record *service(struct fx *f)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, f->volunteer);
	mp_fx_set_id(r, H_GROUP, f->group);
	mp_record_set(r, H_DATE, "2024-05-18");
	mp_record_set(r, H_CONTENT, "陪伴老人");
	mp_record_set(r, H_HOURS, "2");
	mp_fx_save(&f->fx, r);
	return r;
}

static int changes(struct fx *f, int64_t id, mp_change **c)
{
	mp_err e;
	int n = -1;

	if (mp_changelog_list(f->fx.db, &mp_hours, id, c, &n, &e) != MP_OK)
		fail_msg("mp_changelog_list: %s", e.msg);
	return n;
}

static void test_new_record_logs_nothing(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f);
	mp_change *c = NULL;

	assert_int_equal(changes(f, r->id, &c), 0);
	mp_changes_free(c, 0);
	mp_record_free(r);
}

static void test_correction_logs_old_and_new(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f);
	mp_change *c = NULL;
	char now[20];
	int n;

	mp_record_set(r, H_HOURS, "1.50");
	mp_record_set(r, H_CONTENT, "陪伴老人、读报");
	mp_record_set(r, H_PLACE, "幸福院");
	mp_fx_save(&f->fx, r);
	mp_now(now);
	n = changes(f, r->id, &c);
	assert_int_equal(n, 3);
	/* In field order within one save; values as the user saw them. */
	assert_int_equal(c[0].field, H_CONTENT);
	assert_string_equal(c[0].old_value, "陪伴老人");
	assert_string_equal(c[0].new_value, "陪伴老人、读报");
	assert_int_equal(c[1].field, H_PLACE);
	assert_string_equal(c[1].old_value, "");
	assert_string_equal(c[1].new_value, "幸福院");
	assert_int_equal(c[2].field, H_HOURS);
	assert_string_equal(c[2].old_value, "2");
	assert_string_equal(c[2].new_value, "1.5");
	assert_string_equal(c[0].who, "林社工");
	/* When: the date and hour of the save (the seconds may have ticked). */
	assert_int_equal(strlen(c[0].when), 19);
	assert_memory_equal(c[0].when, now, 13);
	mp_changes_free(c, n);

	/* A second correction, by someone else, comes after the first. */
	free(f->fx.cfg.operator_name);
	f->fx.cfg.operator_name = mp_strdup("陈站长");
	mp_record_set(r, H_HOURS, "3");
	mp_fx_save(&f->fx, r);
	n = changes(f, r->id, &c);
	assert_int_equal(n, 4);
	assert_int_equal(c[3].field, H_HOURS);
	assert_string_equal(c[3].old_value, "1.5");
	assert_string_equal(c[3].new_value, "3");
	assert_string_equal(c[3].who, "陈站长");
	assert_string_equal(c[2].who, "林社工");
	assert_true(strcmp(c[3].when, c[2].when) >= 0);
	mp_changes_free(c, n);
	mp_record_free(r);
}

static void test_unchanged_save_logs_nothing(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f);
	mp_change *c = NULL;

	/* "2.0" is the same 2 hours once normalised. */
	mp_record_set(r, H_HOURS, "2.0");
	mp_fx_save(&f->fx, r);
	mp_fx_save(&f->fx, r);
	assert_int_equal(changes(f, r->id, &c), 0);
	mp_changes_free(c, 0);
	mp_record_free(r);
}

static void test_failed_save_logs_nothing(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f), *other = service(f);
	mp_change *c = NULL;
	mp_err e;

	/* 2 + 23 hours on one day: the day rule refuses, inside the
	 * transaction where the log would have been written. */
	mp_record_set(r, H_HOURS, "23");
	mp_record_set(r, H_CONTENT, "通宵值守");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, H_HOURS);
	assert_int_equal(changes(f, r->id, &c), 0);
	mp_changes_free(c, 0);
	/* A value refused by its own check. */
	mp_record_set(r, H_HOURS, "25");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(changes(f, r->id, &c), 0);
	mp_changes_free(c, 0);
	mp_record_free(r);
	mp_record_free(other);
}

static void test_auto_fields_not_taken_from_caller(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f), *back = NULL;
	char recorded[20];
	mp_change *c = NULL;
	mp_err e;
	int n;

	assert_string_equal(r->v[H_RECORDER], "林社工");
	snprintf(recorded, sizeof recorded, "%s", r->v[H_RECORDED_AT]);
	mp_record_set(r, H_RECORDER, "冒名者");
	mp_record_set(r, H_RECORDED_AT, "2020-01-01 00:00:00");
	mp_record_set(r, H_HOURS, "1");
	mp_fx_save(&f->fx, r);
	assert_string_equal(r->v[H_RECORDER], "林社工");
	assert_string_equal(r->v[H_RECORDED_AT], recorded);
	assert_int_equal(mp_record_load(f->fx.db, &mp_hours, r->id, &back, &e), MP_OK);
	assert_string_equal(back->v[H_RECORDER], "林社工");
	assert_string_equal(back->v[H_HOURS], "1");
	/* Only the hours changed. */
	n = changes(f, r->id, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].field, H_HOURS);
	mp_changes_free(c, n);
	mp_record_free(back);
	mp_record_free(r);
}

static void test_bin_moves_logged(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f);
	mp_change *c = NULL;
	mp_err e;
	int n;

	/* mp_record_delete has no settings at hand: the ledger knows who. */
	mp_db_set_operator(f->fx.db, "林社工");
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, r->id, &e), MP_OK);
	/* Deleting what is already in the bin changes nothing, logs nothing. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, r->id, &e), MP_OK);
	assert_int_equal(mp_record_restore(f->fx.db, &f->fx.cfg, &mp_hours, r->id, &e), MP_OK);
	n = changes(f, r->id, &c);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].field, -1);
	assert_string_equal(c[0].old_value, "live");
	assert_string_equal(c[0].new_value, "bin");
	assert_string_equal(c[0].who, "林社工");
	assert_int_equal(c[1].field, -1);
	assert_string_equal(c[1].old_value, "bin");
	assert_string_equal(c[1].new_value, "live");
	mp_changes_free(c, n);
	mp_record_free(r);
}

static void test_other_tables_not_logged(void **state)
{
	struct fx *f = *state;
	mp_record *g = NULL;
	sqlite3_stmt *st = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_groups, f->group, &g, &e), MP_OK);
	mp_record_set(g, G_LEADER, "王队长");
	mp_fx_save(&f->fx, g);
	assert_int_equal(sqlite3_prepare_v2(f->fx.db->h, "SELECT count(*) FROM change_log",
	                                    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	mp_record_free(g);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_new_record_logs_nothing),
		T(test_correction_logs_old_and_new),
		T(test_unchanged_save_logs_nothing),
		T(test_failed_save_logs_nothing),
		T(test_auto_fields_not_taken_from_caller),
		T(test_bin_moves_logged),
		T(test_other_tables_not_logged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
