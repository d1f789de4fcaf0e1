/* test_versions.c — no silent overwrite: two connections open one ledger
 * (two windows); what one saves, deletes, restores or purges is never
 * undone without a word by the other's save, delete, restore, purge or
 * batch made from what it loaded before. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_list.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

struct fx {
	struct mp_fx fx;	/* first: window A */
	mp_db *b;		/* window B: a second connection to the file */
	mp_config cfg_b;
	int64_t volunteer, group;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *path;
	mp_err e;
	mp_record *r;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	*state = f;
	free(f->fx.cfg.operator_name);
	f->fx.cfg.operator_name = mp_strdup("王社工");
	mp_config_defaults(&f->cfg_b);
	free(f->cfg_b.operator_name);
	f->cfg_b.operator_name = mp_strdup("李社工");
	path = mp_asprintf("%s/%s", f->fx.dir, MP_FX_DB);
	if (mp_db_open(&f->b, path, 0, &e) != MP_OK) {
		fprintf(stderr, "second window: %s\n", e.msg);
		free(path);
		return -1;
	}
	free(path);
	mp_db_set_operator(f->fx.db, "王社工");
	mp_db_set_operator(f->b, "李社工");

	r = mp_record_new(&mp_volunteers, &f->fx.cfg);
	mp_record_set(r, V_NAME, "丁秀梅");
	mp_record_set(r, V_ID_NO, "350102199006150018");
	mp_record_set(r, V_PHONE, "13800000001");
	mp_record_set(r, V_NOTES, "会剪纸");
	f->volunteer = mp_fx_save_free(&f->fx, r);
	f->group = mp_fx_add_group(&f->fx, "东湖社区书画社");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	mp_db_close(f->b);
	mp_config_free(&f->cfg_b);
	return mp_fx_teardown(state);
}

static mp_record *load(mp_db *db, const mp_table *t, int64_t id)
{
	mp_record *r = NULL;
	mp_err e;

	if (mp_record_load(db, t, id, &r, &e) != MP_OK)
		fail_msg("load: %s", e.msg);
	return r;
}

/* A changes the phone and saves; B changes the notes and saves: B is
 * refused with A's version, who and when, and nothing of B's is written;
 * B's merge, saved over A's version, keeps both. */
static void test_save_conflict(void **state)
{
	struct fx *f = *state;
	mp_record *a = load(f->fx.db, &mp_volunteers, f->volunteer);
	mp_record *b = load(f->b, &mp_volunteers, f->volunteer);
	mp_record *theirs = NULL, *now;
	mp_err e;

	assert_true(a->version >= 1);
	assert_int_equal(a->version, b->version);
	mp_record_set(a, V_PHONE, "13900000002");
	assert_int_equal(mp_record_save_checked(f->fx.db, &f->fx.cfg, a, &theirs, &e), MP_OK);
	assert_null(theirs);
	assert_int_equal(a->version, b->version + 1);

	mp_record_set(b, V_NOTES, "会剪纸，周末有空");
	assert_int_equal(mp_record_save_checked(f->b, &f->cfg_b, b, &theirs, &e), MP_ECONFLICT);
	assert_non_null(strstr(e.msg, "王社工"));
	assert_non_null(theirs);
	assert_string_equal(theirs->v[V_PHONE], "13900000002");
	assert_string_equal(theirs->v[V_NOTES], "会剪纸");
	assert_string_equal(theirs->updated_by, "王社工");
	assert_int_equal(theirs->version, a->version);
	/* What B typed stays B's; the ledger holds A's save untouched. */
	assert_string_equal(b->v[V_NOTES], "会剪纸，周末有空");
	assert_string_equal(b->v[V_PHONE], "13800000001");
	now = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_string_equal(now->v[V_PHONE], "13900000002");
	assert_string_equal(now->v[V_NOTES], "会剪纸");
	mp_record_free(now);

	/* The plain save refuses the same way. */
	assert_int_equal(mp_record_save(f->b, &f->cfg_b, b, &e), MP_ECONFLICT);

	/* B merges field by field: A's phone, B's notes, over A's version. */
	mp_record_set(theirs, V_NOTES, b->v[V_NOTES]);
	assert_int_equal(mp_record_save_checked(f->b, &f->cfg_b, theirs, NULL, &e), MP_OK);
	now = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_string_equal(now->v[V_PHONE], "13900000002");
	assert_string_equal(now->v[V_NOTES], "会剪纸，周末有空");
	assert_string_equal(now->updated_by, "李社工");
	assert_int_equal(now->version, theirs->version);
	mp_record_free(now);
	/* A's form, still at its old version, is refused in turn. */
	mp_record_set(a, V_PHONE, "13700000003");
	assert_int_equal(mp_record_save_checked(f->fx.db, &f->fx.cfg, a, NULL, &e), MP_ECONFLICT);
	mp_record_free(theirs);
	mp_record_free(a);
	mp_record_free(b);
}

/* The same on a group's 简称; two saves of one window in a row are not a
 * conflict (its version follows its own saves). */
static void test_group_short_name(void **state)
{
	struct fx *f = *state;
	mp_record *a = load(f->fx.db, &mp_groups, f->group);
	mp_record *b = load(f->b, &mp_groups, f->group);
	mp_record *theirs = NULL;
	mp_err e;

	mp_record_set(a, G_SHORT, "书画社");
	assert_int_equal(mp_record_save_checked(f->fx.db, &f->fx.cfg, a, NULL, &e), MP_OK);
	mp_record_set(a, G_SHORT, "东湖书画");
	assert_int_equal(mp_record_save_checked(f->fx.db, &f->fx.cfg, a, NULL, &e), MP_OK);
	mp_record_set(b, G_SHORT, "书画");
	assert_int_equal(mp_record_save_checked(f->b, &f->cfg_b, b, &theirs, &e), MP_ECONFLICT);
	assert_string_equal(theirs->v[G_SHORT], "东湖书画");
	mp_record_free(theirs);
	mp_record_free(a);
	a = load(f->fx.db, &mp_groups, f->group);
	assert_string_equal(a->v[G_SHORT], "东湖书画");
	mp_record_free(a);
	mp_record_free(b);
}

/* B's list shows the volunteer; A changes her; B's delete of the row it
 * saw is refused until B has seen the change. */
static void test_delete_conflict(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->b, &mp_volunteers);
	mp_row rows[4];
	mp_record *a, *theirs = NULL, *now;
	int n = 0;
	mp_err e;

	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 4, rows, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	a = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_int_equal(rows[0].version, a->version);
	mp_record_set(a, V_PHONE, "13900000002");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);

	assert_int_equal(mp_record_delete_seen(f->b, &f->cfg_b, &mp_volunteers, f->volunteer,
	                                       rows[0].version, &theirs, &e), MP_ECONFLICT);
	assert_string_equal(theirs->v[V_PHONE], "13900000002");
	now = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_string_equal(now->deleted, "");
	mp_record_free(now);
	/* Asked and answered: delete the version now shown. */
	assert_int_equal(mp_record_delete_seen(f->b, &f->cfg_b, &mp_volunteers, f->volunteer,
	                                       theirs->version, NULL, &e), MP_OK);
	now = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_string_not_equal(now->deleted, "");
	assert_string_equal(now->updated_by, "李社工");
	/* A's form, loaded before the delete, cannot save it back to life. */
	mp_record_set(a, V_NOTES, "x");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_ECONFLICT);
	assert_non_null(strstr(e.msg, "李社工"));
	mp_record_free(now);
	mp_record_free(theirs);
	mp_record_free(a);
	mp_rows_clear(rows, n);
	mp_listq_free(q);
}

/* Restore and purge from a recycle bin that another window changed. */
static void test_restore_purge_conflict(void **state)
{
	struct fx *f = *state;
	mp_record *seen, *theirs = NULL, *now;
	mp_err e;

	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, f->group, &e), MP_OK);
	seen = load(f->b, &mp_groups, f->group);     /* B's bin shows it */
	/* A restores it, changes it and bins it again. */
	assert_int_equal(mp_record_restore(f->fx.db, &f->fx.cfg, &mp_groups, f->group, &e), MP_OK);
	now = load(f->fx.db, &mp_groups, f->group);
	mp_record_set(now, G_SHORT, "书画社");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, now, &e), MP_OK);
	mp_record_free(now);
	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, f->group, &e), MP_OK);

	assert_int_equal(mp_record_purge_seen(f->b, &f->cfg_b, &mp_groups, f->group,
	                                      seen->version, &theirs, &e), MP_ECONFLICT);
	assert_string_equal(theirs->v[G_SHORT], "书画社");
	mp_record_free(theirs);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM groups"), 1);
	assert_int_equal(mp_record_restore_seen(f->b, &f->cfg_b, &mp_groups, f->group,
	                                        seen->version, &theirs, &e), MP_ECONFLICT);
	now = load(f->fx.db, &mp_groups, f->group);
	assert_string_not_equal(now->deleted, "");
	/* With the version now in the bin, the restore goes ahead. */
	assert_int_equal(mp_record_restore_seen(f->b, &f->cfg_b, &mp_groups, f->group,
	                                        theirs->version, NULL, &e), MP_OK);
	mp_record_free(now);
	now = load(f->fx.db, &mp_groups, f->group);
	assert_string_equal(now->deleted, "");
	assert_string_equal(now->v[G_SHORT], "书画社");
	/* And a purge of what B saw in the bin is refused once it is live. */
	assert_int_equal(mp_record_purge_seen(f->b, &f->cfg_b, &mp_groups, f->group,
	                                      theirs->version, NULL, &e), MP_ECONFLICT);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM groups"), 1);
	mp_record_free(theirs);
	mp_record_free(now);
	mp_record_free(seen);
}

struct batch {
	struct fx *f;
	int calls;
	int fail;
};

/* The batch's writes: one service record of 2 hours. */
static int write_hours(void *arg, mp_err *e)
{
	struct batch *bt = arg;
	mp_record *act = NULL, *h;
	int rc;

	bt->calls++;
	rc = mp_record_load(bt->f->b, &mp_activities, 1, &act, e);
	if (rc != MP_OK)
		return rc;
	h = mp_hours_from_activity(&bt->f->cfg_b, act, bt->f->volunteer);
	mp_record_set(h, H_HOURS, "2");
	rc = mp_hours_save_batch(bt->f->b, &bt->f->cfg_b, &h, 1, e);
	mp_record_free(h);
	mp_record_free(act);
	if (rc == MP_OK && bt->fail)
		rc = mp_err_set(e, MP_EINVAL, "refused");
	return rc;
}

/* Batch entry of hours made from an activity another window changed
 * writes nothing; made from the activity as it is, it writes. */
static void test_batch_conflict(void **state)
{
	struct fx *f = *state;
	mp_record *act = mp_record_new(&mp_activities, &f->fx.cfg), *seen, *theirs = NULL;
	struct batch bt = { f, 0, 0 };
	char gid[32];
	mp_err e;

	snprintf(gid, sizeof gid, "%lld", (long long)f->group);
	mp_record_set(act, ACT_NAME, "重阳敬老");
	mp_record_set(act, ACT_GROUP, gid);
	mp_record_set(act, ACT_DATE, "2024-10-11");
	assert_int_equal(mp_fx_save(&f->fx, act), 1);
	seen = load(f->b, &mp_activities, 1);
	mp_record_set(act, ACT_DATE, "2024-10-12");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, act, &e), MP_OK);

	assert_int_equal(mp_record_write_from(f->b, seen, write_hours, &bt, &theirs, &e),
	                 MP_ECONFLICT);
	assert_int_equal(bt.calls, 0);
	assert_string_equal(theirs->v[ACT_DATE], "2024-10-12");
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"), 0);
	/* A failing batch leaves nothing either. */
	bt.fail = 1;
	assert_int_equal(mp_record_write_from(f->b, theirs, write_hours, &bt, NULL, &e), MP_EINVAL);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"), 0);
	bt.fail = 0;
	assert_int_equal(mp_record_write_from(f->b, theirs, write_hours, &bt, NULL, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"
	                               " WHERE date = '2024-10-12'"), 1);
	/* An activity moved to the recycle bin meanwhile: refused. */
	mp_record_free(seen);
	seen = load(f->b, &mp_activities, 1);
	assert_int_equal(mp_record_delete(f->fx.db, &mp_activities, 1, &e), MP_OK);
	assert_int_equal(mp_record_write_from(f->b, seen, write_hours, &bt, NULL, &e), MP_ECONFLICT);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"), 1);
	mp_record_free(theirs);
	mp_record_free(seen);
	mp_record_free(act);
}

/* An import of a file exported before another window's change never
 * overwrites the changed record: a row whose UUID is in the ledger is
 * skipped, and says so. */
static void test_import_never_overwrites(void **state)
{
	struct fx *f = *state;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len), *in;
	mp_import_result res;
	mp_record *a, *now;
	mp_err e;

	assert_non_null(out);
	assert_int_equal(mp_export_csv(f->b, &mp_volunteers, out, NULL, &e), MP_OK);
	assert_int_equal(fclose(out), 0);
	a = load(f->fx.db, &mp_volunteers, f->volunteer);
	mp_record_set(a, V_PHONE, "13900000002");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);

	in = fmemopen(buf, len, "r");
	assert_non_null(in);
	memset(&res, 0, sizeof res);
	assert_int_equal(mp_import_csv(f->b, &f->cfg_b, &mp_volunteers, in, 0, &res, &e), MP_OK);
	fclose(in);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 1);
	assert_int_equal(res.nmsgs, 1);
	now = load(f->fx.db, &mp_volunteers, f->volunteer);
	assert_string_equal(now->v[V_PHONE], "13900000002");
	assert_int_equal(now->version, a->version);
	mp_record_free(now);
	mp_import_result_free(&res);
	mp_record_free(a);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_short_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_purge_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_never_overwrites, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
