/* test_trainings.c — trainings (培训): the place rule, the groups and
 * people who attended, a volunteer's training hours, and where the
 * attendance lists hang on trainings, groups and volunteers. */
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
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_list.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define ID_1 "350102199006150018"
#define ID_2 "350102198001011233"

/* A training record, not saved: name, date, hours, mode and place. */
static mp_record *training(struct mp_fx *f, const char *name, const char *date,
                           const char *hours, const char *mode, const char *place)
{
	mp_record *r = mp_record_new(&mp_trainings, &f->cfg);

	mp_record_set(r, T_NAME, name);
	mp_record_set(r, T_DATE, date);
	mp_record_set(r, T_HOURS, hours);
	if (mode)
		mp_record_set(r, T_MODE, mode);
	mp_record_set(r, T_PLACE, place);
	return r;
}

static int64_t add_training(struct mp_fx *f, const char *name, const char *date,
                            const char *hours)
{
	return mp_fx_save_free(f, training(f, name, date, hours, NULL, "社工站会议室"));
}

static mp_record *attending_group(struct mp_fx *f, int64_t t, int64_t g,
                                  const char *people)
{
	mp_record *r = mp_record_new(&mp_training_groups, &f->cfg);

	mp_fx_set_id(r, TG_TRAINING, t);
	mp_fx_set_id(r, TG_GROUP, g);
	mp_record_set(r, TG_PEOPLE, people);
	return r;
}

/* A person at training t: volunteer v (0: none), name, group g (0: none). */
static mp_record *person(struct mp_fx *f, int64_t t, int64_t v, const char *name,
                         int64_t g)
{
	mp_record *r = mp_record_new(&mp_training_people, &f->cfg);

	mp_fx_set_id(r, TP_TRAINING, t);
	if (v)
		mp_fx_set_id(r, TP_VOLUNTEER, v);
	mp_record_set(r, TP_NAME, name);
	if (g)
		mp_fx_set_id(r, TP_GROUP, g);
	return r;
}

/* A new training starts in person, today; in person it needs a place,
 * online it does not; hours are training hours (above 0, at most 24). */
static void test_place_required_in_person(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;
	mp_err e;

	setenv("MIAOPU_TODAY", "2024-05-20", 1);
	r = mp_record_new(&mp_trainings, &f->cfg);
	assert_string_equal(r->v[T_MODE], "线下");
	assert_string_equal(r->v[T_DATE], "2024-05-20");
	mp_record_free(r);

	r = training(f, "社区社会组织财务管理培训", "2024-05-10", "3", NULL, "");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, T_PLACE);
	assert_string_equal(e.msg, "Place: required for a training held in person");
	assert_int_equal(r->id, 0);
	/* Blank is empty. */
	mp_record_set(r, T_PLACE, "   ");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, T_PLACE);

	mp_record_set(r, T_MODE, "线上");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_true(r->id > 0);
	mp_record_free(r);

	/* Modes come from a fixed list. */
	r = training(f, "项目书写作", "2024-05-11", "2", "视频", "");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, T_MODE);
	mp_record_free(r);

	r = training(f, "项目书写作", "2024-05-11", "0", NULL, "社工站");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, T_HOURS);
	assert_non_null(strstr(e.msg, "Training hours"));
	mp_record_set(r, T_HOURS, "2.5");
	mp_record_set(r, T_NAME, "");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, T_NAME);
	assert_string_equal(e.msg, "Training name: required");
	mp_record_free(r);
}

/* Two groups attend; the same group twice is refused, naming it, and a
 * group in the recycle bin may come back later. */
static void test_attending_groups(void **state)
{
	struct mp_fx *f = *state;
	int64_t t = add_training(f, "议事协商能力提升", "2024-04-02", "2");
	int64_t t2 = add_training(f, "志愿服务记录规范", "2024-04-09", "1.5");
	int64_t g1 = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t g2 = mp_fx_add_group(f, "邻里互助会");
	int64_t first;
	mp_record *r, *tr;
	char buf[256];
	mp_err e;

	first = mp_fx_save_free(f, attending_group(f, t, g1, "3"));
	mp_fx_save_free(f, attending_group(f, t, g2, ""));
	/* The same group at another training is fine. */
	mp_fx_save_free(f, attending_group(f, t2, g1, "1"));

	r = attending_group(f, t, g1, "2");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.field, TG_GROUP);
	assert_string_equal(e.msg, "夕阳红志愿队 is already listed for this training");
	assert_int_equal(e.other_id, first);
	assert_int_equal(r->id, 0);

	/* Once the first row is in the recycle bin, the group can be listed
	 * again; bringing the old row back would make two, so it is refused. */
	assert_int_equal(mp_record_delete(f->db, &mp_training_groups, first, &e), MP_OK);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_training_groups, first, &e),
	                 MP_EDUP);
	mp_record_free(r);

	/* Not a training that does not exist. */
	r = attending_group(f, 999, g1, "");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, TG_TRAINING);
	mp_record_free(r);

	/* The training's figures: two groups; people named or sent. */
	assert_int_equal(mp_record_load(f->db, &mp_trainings, t, &tr, &e), MP_OK);
	mp_trainings.summary(f->db, tr, buf, sizeof buf);
	assert_string_equal(buf, "Groups attending: 2 · people attending: 2");
	mp_fx_save_free(f, person(f, t, 0, "王桂兰", g1));
	mp_trainings.summary(f->db, tr, buf, sizeof buf);
	assert_string_equal(buf, "Groups attending: 2 · people attending: 2");
	mp_fx_save_free(f, person(f, t, 0, "赵建国", g2));
	mp_fx_save_free(f, person(f, t, 0, "钱秀英", g2));
	mp_trainings.summary(f->db, tr, buf, sizeof buf);
	assert_string_equal(buf, "Groups attending: 2 · people attending: 3");
	mp_record_free(tr);
}

/* A person is a volunteer (whose name is filled in) or a name; one of the
 * two is required; the same volunteer twice on one training is refused. */
static void test_attending_people(void **state)
{
	struct mp_fx *f = *state;
	int64_t t = add_training(f, "急救知识培训", "2024-03-15", "4");
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t v = mp_fx_add_volunteer(f, "张三", ID_1, "XF-0001");
	int64_t id;
	mp_record *r, *back;
	mp_err e;

	r = person(f, t, v, "", g);
	id = mp_fx_save(f, r);
	assert_string_equal(r->v[TP_NAME], "张三");
	assert_int_equal(mp_record_load(f->db, &mp_training_people, id, &back, &e), MP_OK);
	assert_string_equal(back->v[TP_NAME], "张三");
	assert_string_equal(back->v[TP_VOLUNTEER], r->v[TP_VOLUNTEER]);
	mp_record_free(back);
	mp_record_free(r);

	/* A name typed beside a volunteer is kept. */
	r = person(f, t, v, "张三丰", 0);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_int_equal(e.field, TP_VOLUNTEER);
	assert_string_equal(e.msg, "张三 is already listed for this training");
	assert_int_equal(e.other_id, id);
	assert_string_equal(r->v[TP_NAME], "张三丰");
	mp_record_free(r);

	/* A failed save leaves the name as typed: empty. */
	r = person(f, t, v, "", 0);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EDUP);
	assert_string_equal(r->v[TP_NAME], "");
	mp_record_free(r);

	r = person(f, t, 0, "", g);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, TP_VOLUNTEER);
	assert_non_null(strstr(e.msg, "Volunteer"));
	assert_non_null(strstr(e.msg, "Full name"));
	/* A group's leader who is not a volunteer, by name; two people of
	 * one name are two people. */
	mp_record_set(r, TP_NAME, "李书记");
	mp_fx_save(f, r);
	mp_record_free(r);
	mp_fx_save_free(f, person(f, t, 0, "李书记", g));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM training_people"
	                               " WHERE deleted_at IS NULL"), 3);

	/* A volunteer in the recycle bin cannot be listed. */
	id = mp_fx_add_volunteer(f, "李四", ID_2, "XF-0002");
	assert_int_equal(mp_record_delete(f->db, &mp_volunteers, id, &e), MP_OK);
	r = person(f, t, id, "", 0);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, TP_VOLUNTEER);
	assert_string_equal(r->v[TP_NAME], "");
	mp_record_free(r);
}

/* Training hours per person: each live training the volunteer is listed
 * for, once; not trainings in the recycle bin, not binned rows, not other
 * people's; and they show on the volunteer's figures line. */
static void test_volunteer_training_hours(void **state)
{
	struct mp_fx *f = *state;
	int64_t t1 = add_training(f, "急救知识培训", "2024-03-15", "4");
	int64_t t2 = add_training(f, "项目书写作", "2024-04-15", "1.5");
	int64_t t3 = add_training(f, "财务管理", "2024-05-15", "2.25");
	int64_t t4 = add_training(f, "心理疏导", "2024-05-16", "3");
	int64_t v = mp_fx_add_volunteer(f, "张三", ID_1, "XF-0001");
	int64_t w = mp_fx_add_volunteer(f, "李四", ID_2, "XF-0002");
	int64_t row4;
	mp_record *r;
	char buf[256];
	long n = -1;
	double h = -1;
	mp_err e;

	assert_int_equal(mp_volunteer_training(f->db, v, &n, &h, &e), MP_OK);
	assert_int_equal(n, 0);
	assert_true(h == 0);
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, v, &r, &e), MP_OK);
	mp_volunteers.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Service hours: 0 in total, 0 this year");

	mp_fx_save_free(f, person(f, t1, v, "", 0));
	mp_fx_save_free(f, person(f, t2, v, "", 0));
	mp_fx_save_free(f, person(f, t3, v, "", 0));
	row4 = mp_fx_save_free(f, person(f, t4, v, "", 0));
	mp_fx_save_free(f, person(f, t1, w, "", 0));
	/* Someone by name only is nobody's hours. */
	mp_fx_save_free(f, person(f, t4, 0, "张三", 0));
	assert_int_equal(mp_volunteer_training(f->db, v, &n, &h, &e), MP_OK);
	assert_int_equal(n, 4);
	assert_true(h > 10.749 && h < 10.751);

	/* A training in the bin and an attendance row in the bin count no
	 * more. */
	assert_int_equal(mp_record_delete(f->db, &mp_trainings, t3, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_training_people, row4, &e), MP_OK);
	assert_int_equal(mp_volunteer_training(f->db, v, &n, &h, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_true(h > 5.499 && h < 5.501);
	mp_volunteers.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Service hours: 0 in total, 0 this year · 2 trainings, 5.5 hours");
	mp_record_free(r);

	assert_int_equal(mp_volunteer_training(f->db, w, &n, &h, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_true(h > 3.999 && h < 4.001);
	assert_int_equal(mp_record_load(f->db, &mp_volunteers, w, &r, &e), MP_OK);
	mp_volunteers.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Service hours: 0 in total, 0 this year · 1 training, 4 hours");
	mp_record_free(r);
}

/* The child lists: a training's groups and people, a group's trainings,
 * people trained and visits, a volunteer's trainings.  Each child table
 * points back to its parent's table, and a list filtered on that field
 * holds exactly the parent's rows. */
static void test_children(void **state)
{
	static const struct {
		const mp_table *parent;
		const mp_table *t;
		int field;
	} want[] = {
		{ &mp_trainings, &mp_training_groups, TG_TRAINING },
		{ &mp_trainings, &mp_training_people, TP_TRAINING },
		{ &mp_groups, &mp_training_groups, TG_GROUP },
		{ &mp_groups, &mp_training_people, TP_GROUP },
		{ &mp_groups, &mp_visits, VI_GROUP },
		{ &mp_volunteers, &mp_training_people, TP_VOLUNTEER },
	};
	struct mp_fx *f = *state;
	int64_t t1 = add_training(f, "急救知识培训", "2024-03-15", "4");
	int64_t t2 = add_training(f, "项目书写作", "2024-04-15", "1.5");
	int64_t g1 = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t g2 = mp_fx_add_group(f, "邻里互助会");
	int64_t v = mp_fx_add_volunteer(f, "张三", ID_1, "XF-0001");
	size_t k;
	int i, found, n;
	mp_listq *q;
	mp_row rows[8];
	char id[32];
	mp_err e;

	for (k = 0; k < sizeof want / sizeof want[0]; k++) {
		const mp_table *p = want[k].parent;

		for (found = 0, i = 0; i < p->nchildren; i++)
			if (p->children[i].t == want[k].t
			    && p->children[i].parent_field == want[k].field)
				found = 1;
		if (!found)
			fail_msg("%s has no child list of %s by %s", p->name,
			         want[k].t->name, want[k].t->fields[want[k].field].col);
		assert_int_equal(want[k].t->fields[want[k].field].kind, MP_K_REF);
		assert_ptr_equal(want[k].t->fields[want[k].field].ref, p);
	}
	/* Every new table is a record type of the ledger (export, labels). */
	assert_ptr_equal(mp_table_by_name("trainings"), &mp_trainings);
	assert_ptr_equal(mp_table_by_name("training_groups"), &mp_training_groups);
	assert_ptr_equal(mp_table_by_name("training_people"), &mp_training_people);
	assert_ptr_equal(mp_table_by_name("visits"), &mp_visits);

	mp_fx_save_free(f, attending_group(f, t1, g1, "2"));
	mp_fx_save_free(f, attending_group(f, t1, g2, "1"));
	mp_fx_save_free(f, attending_group(f, t2, g1, "4"));
	mp_fx_save_free(f, person(f, t1, v, "", g1));
	mp_fx_save_free(f, person(f, t2, v, "", g1));
	mp_fx_save_free(f, person(f, t2, 0, "王桂兰", g2));

	/* The group 夕阳红志愿队 attended two trainings, newest row first,
	 * shown by the trainings' names. */
	q = mp_listq_new(f->db, &mp_training_groups);
	snprintf(id, sizeof id, "%lld", (long long)g1);
	mp_listq_set_filter(q, TG_GROUP, id);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].cells[0], "项目书写作");
	assert_string_equal(rows[0].cells[2], "4");
	assert_string_equal(rows[1].cells[0], "急救知识培训");
	mp_rows_clear(rows, n);
	mp_listq_free(q);

	/* The volunteer's trainings. */
	q = mp_listq_new(f->db, &mp_training_people);
	snprintf(id, sizeof id, "%lld", (long long)v);
	mp_listq_set_filter(q, TP_VOLUNTEER, id);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].cells[0], "项目书写作");
	assert_string_equal(rows[1].cells[0], "急救知识培训");
	mp_rows_clear(rows, n);
	/* The people 邻里互助会 had trained. */
	mp_listq_set_filter(q, TP_VOLUNTEER, NULL);
	snprintf(id, sizeof id, "%lld", (long long)g2);
	mp_listq_set_filter(q, TP_GROUP, id);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].cells[2], "王桂兰");
	mp_rows_clear(rows, n);
	mp_listq_free(q);

	/* Trainings list newest first. */
	q = mp_listq_new(f->db, &mp_trainings);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 8, rows, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].cells[0], "项目书写作");
	assert_string_equal(rows[1].cells[0], "急救知识培训");
	mp_rows_clear(rows, n);
	mp_listq_free(q);
}

/* A training others still refer to cannot be purged; a training in the
 * bin refuses new attendance. */
static void test_bin(void **state)
{
	struct mp_fx *f = *state;
	int64_t t = add_training(f, "急救知识培训", "2024-03-15", "4");
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t row = mp_fx_save_free(f, attending_group(f, t, g, "2"));
	mp_record *r;
	mp_err e;

	assert_int_equal(mp_record_delete(f->db, &mp_trainings, t, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_trainings, t, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "cannot be removed for good"));
	r = person(f, t, 0, "王桂兰", g);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, TP_TRAINING);
	mp_record_free(r);
	assert_int_equal(mp_record_delete(f->db, &mp_training_groups, row, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_training_groups, row, &e), MP_OK);
	assert_int_equal(mp_record_purge(f->db, &mp_trainings, t, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM trainings"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, mp_fx_setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_place_required_in_person),
		T(test_attending_groups),
		T(test_attending_people),
		T(test_volunteer_training_hours),
		T(test_children),
		T(test_bin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
