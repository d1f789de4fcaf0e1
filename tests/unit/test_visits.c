/* test_visits.c — supervision visits (督导): their checks, when a
 * follow-up is overdue or due soon, the list presets and the due list
 * that show those, a group's latest rating; and the monthly figures
 * (month_stats) kept by triggers for the overview. */
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
#include "mp_group.h"
#include "mp_list.h"
#include "mp_steps.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define TODAY "2024-05-20"
#define SOON  "2024-05-27"      /* TODAY + 7 days, the default */

/* A visit to group g on date, unsaved. */
static mp_record *visit(struct mp_fx *f, int64_t g, const char *date,
                        const char *supervisor)
{
	mp_record *r = mp_record_new(&mp_visits, &f->cfg);

	mp_fx_set_id(r, VI_GROUP, g);
	mp_record_set(r, VI_DATE, date);
	mp_record_set(r, VI_SUPERVISOR, supervisor);
	return r;
}

/* Save a visit of 2024-05-01 with a follow-up due on due (NULL: none),
 * done on done_date with note (NULL: not). */
static int64_t add_visit(struct mp_fx *f, int64_t g, const char *supervisor,
                         const char *due, const char *done_date,
                         const char *note, const char *advice)
{
	mp_record *r = visit(f, g, "2024-05-01", supervisor);

	mp_record_set(r, VI_DUE, due);
	mp_record_set(r, VI_DONE_DATE, done_date);
	mp_record_set(r, VI_DONE_NOTE, note);
	mp_record_set(r, VI_ADVICE, advice);
	return mp_fx_save_free(f, r);
}

/* ---- checks ---- */

static void test_checks(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	mp_record *r;
	mp_err e;

	setenv("MIAOPU_TODAY", TODAY, 1);
	r = mp_record_new(&mp_visits, &f->cfg);
	assert_string_equal(r->v[VI_DATE], TODAY);
	assert_string_equal(r->v[VI_KIND], "督导");
	assert_string_equal(r->v[VI_RATING], "");
	mp_record_free(r);

	r = visit(f, g, "2024-05-10", "");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_SUPERVISOR);
	assert_string_equal(e.msg, "Supervisor: required");

	mp_record_set(r, VI_SUPERVISOR, "陈督导");
	mp_record_set(r, VI_DATE, "2024-05-21");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_DATE);
	assert_string_equal(e.msg, "Visit date: 2024-05-21 is in the future");

	/* The follow-up may be due later than today, never before the visit. */
	mp_record_set(r, VI_DATE, "2024-05-10");
	mp_record_set(r, VI_DUE, "2024-05-09");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_DUE);
	assert_string_equal(e.msg, "Follow-up due: 2024-05-09 is before the visit date 2024-05-10");
	assert_int_equal(r->id, 0);

	mp_record_set(r, VI_DUE, "2024-06-30");
	mp_record_set(r, VI_DONE_DATE, "2024-05-08");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_DONE_DATE);
	assert_string_equal(e.msg, "Follow-up done on: 2024-05-08 is before the visit date 2024-05-10");

	mp_record_set(r, VI_DONE_DATE, "2024-05-21");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_DONE_DATE);
	assert_string_equal(e.msg, "Follow-up done on: 2024-05-21 is in the future");

	/* Ratings and kinds come from their lists. */
	mp_record_set(r, VI_DONE_DATE, "");
	mp_record_set(r, VI_RATING, "很好");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_RATING);

	/* Same-day due and completion are fine. */
	mp_record_set(r, VI_RATING, "良");
	mp_record_set(r, VI_DUE, "2024-05-10");
	mp_record_set(r, VI_DONE_DATE, "2024-05-10");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_true(r->id > 0);
	mp_record_free(r);

	/* A group in the recycle bin gets no new visit. */
	assert_int_equal(mp_record_delete(f->db, &mp_groups, g, &e), MP_OK);
	r = visit(f, g, "2024-05-10", "陈督导");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, VI_GROUP);
	mp_record_free(r);
}

/* ---- follow-ups ---- */

static enum mp_followup fu(const char *due, const char *done_date,
                           const char *note, int days)
{
	mp_record *r = mp_record_new(&mp_visits, NULL);
	enum mp_followup s;

	mp_record_set(r, VI_DATE, "2024-05-01");
	mp_record_set(r, VI_DUE, due);
	mp_record_set(r, VI_DONE_DATE, done_date);
	mp_record_set(r, VI_DONE_NOTE, note);
	s = mp_visit_followup(r, TODAY, days);
	mp_record_free(r);
	return s;
}

static void test_followup_rules(void **state)
{
	(void)state;
	assert_int_equal(fu("", "", "", 7), MP_FU_NONE);
	assert_int_equal(fu("2024-05-19", "", "", 7), MP_FU_OVERDUE);
	assert_int_equal(fu("2024-01-31", "", "", 7), MP_FU_OVERDUE);
	/* Due today: due soon, not yet overdue. */
	assert_int_equal(fu(TODAY, "", "", 7), MP_FU_DUE_SOON);
	assert_int_equal(fu(TODAY, "", "", 0), MP_FU_DUE_SOON);
	assert_int_equal(fu("2024-05-27", "", "", 7), MP_FU_DUE_SOON);
	assert_int_equal(fu("2024-05-28", "", "", 7), MP_FU_OPEN);
	assert_int_equal(fu("2024-05-28", "", "", 8), MP_FU_DUE_SOON);
	/* Across a month end. */
	assert_int_equal(fu("2024-06-03", "", "", 14), MP_FU_DUE_SOON);
	/* Done late is done, not overdue. */
	assert_int_equal(fu("2024-05-10", "2024-05-15", "已建立财务台账", 7), MP_FU_DONE);
	/* A date without a note, or a note without a date, is still open. */
	assert_int_equal(fu("2024-05-10", "2024-05-15", "", 7), MP_FU_OVERDUE);
	assert_int_equal(fu("2024-05-10", "", "正在整改", 7), MP_FU_OVERDUE);
	assert_int_equal(fu("2024-05-22", "2024-05-15", "", 7), MP_FU_DUE_SOON);
	/* Done without a due date is done. */
	assert_int_equal(fu("", "2024-05-15", "已整改", 7), MP_FU_DONE);
}

/* The ledger every preset and due-list test runs on: visits whose
 * follow-ups are, on TODAY with 7 days, as named. */
struct ledger {
	int64_t g1, g2;
	int64_t overdue_old, overdue_noted, overdue_g2, due_today, due_in_7,
	        later, done_late, none;
};

static void fill(struct mp_fx *f, struct ledger *l)
{
	setenv("MIAOPU_TODAY", TODAY, 1);
	l->g1 = mp_fx_add_group(f, "夕阳红志愿队");
	l->g2 = mp_fx_add_group(f, "邻里互助会");
	l->overdue_old = add_visit(f, l->g1, "陈督导", "2024-05-05", "", "",
	                           "建立财务台账\n每月公示");
	l->done_late = add_visit(f, l->g1, "陈督导", "2024-05-06", "2024-05-18",
	                         "已建立台账", "建立成员名册");
	l->overdue_noted = add_visit(f, l->g1, "周老师", "2024-05-12", "2024-05-15",
	                             "", "完善活动记录");
	l->overdue_g2 = add_visit(f, l->g2, "周老师", "2024-05-19", "", "",
	                          "招募新成员");
	l->due_today = add_visit(f, l->g2, "陈督导", TODAY, "", "", "制定年度计划");
	l->due_in_7 = add_visit(f, l->g1, "陈督导", SOON, "", "", "");
	l->later = add_visit(f, l->g2, "周老师", "2024-05-28", "", "", "申请备案");
	l->none = add_visit(f, l->g2, "周老师", "", "", "", "继续保持");
}

/* Ids of every row of q, in order, into ids (at most max); their number. */
static int fetch_ids(mp_listq *q, int64_t *ids, int max)
{
	mp_row rows[16];
	mp_err e;
	int n, i;

	assert_true(max <= 16);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, max, rows, &n, &e), MP_OK);
	for (i = 0; i < n; i++)
		ids[i] = rows[i].key.id;
	mp_rows_clear(rows, n);
	return n;
}

/* Every row of q by pages of two, forwards from the top, following the
 * keys: the ids in order. */
static int page_ids(mp_listq *q, int64_t *ids, int max)
{
	mp_row rows[2];
	mp_key k = { NULL, 0 };
	mp_err e;
	int n, i, got = 0;

	for (;;) {
		assert_int_equal(mp_listq_fetch(q, got ? &k : NULL, 1, 0, 2, rows, &n, &e),
		                 MP_OK);
		for (i = 0; i < n && got < max; i++)
			ids[got++] = rows[i].key.id;
		if (n > 0)
			mp_key_copy(&k, &rows[n - 1].key);
		mp_rows_clear(rows, n);
		if (n < 2)
			break;
	}
	mp_key_clear(&k);
	return got;
}

static void test_presets(void **state)
{
	struct mp_fx *f = *state;
	struct ledger l;
	mp_listq *q;
	int64_t ids[16], want[16];
	char gid[32];
	mp_key key;
	mp_err e;
	int n;

	fill(f, &l);
	assert_int_equal(mp_visits.npresets, 2);
	assert_string_equal(mp_visits.presets[VI_PRESET_OVERDUE].label_en, "Overdue follow-ups");
	assert_string_equal(mp_visits.presets[VI_PRESET_DUE_SOON].label_en, "Follow-ups due soon");

	q = mp_listq_new(f->db, &mp_visits);
	assert_int_equal(mp_listq_preset(q), -1);
	assert_int_equal(fetch_ids(q, ids, 16), 8);

	/* Sorted by follow-up date, soonest first: the overdue ones, then
	 * those due soon, then later; visits without one last. */
	mp_listq_set_sort(q, 1);
	assert_string_equal(mp_visits.sorts[1].col, "due");
	want[0] = l.overdue_old; want[1] = l.done_late; want[2] = l.overdue_noted;
	want[3] = l.overdue_g2; want[4] = l.due_today; want[5] = l.due_in_7;
	want[6] = l.later; want[7] = l.none;
	assert_int_equal(page_ids(q, ids, 16), 8);
	assert_memory_equal(ids, want, 8 * sizeof ids[0]);

	mp_listq_set_preset(q, VI_PRESET_OVERDUE, TODAY, SOON);
	assert_int_equal(mp_listq_preset(q), VI_PRESET_OVERDUE);
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], l.overdue_old);
	assert_int_equal(ids[1], l.overdue_noted);
	assert_int_equal(ids[2], l.overdue_g2);
	/* Paging follows the same condition. */
	assert_int_equal(page_ids(q, ids, 16), 3);
	assert_int_equal(ids[2], l.overdue_g2);

	mp_listq_set_preset(q, VI_PRESET_DUE_SOON, TODAY, SOON);
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], l.due_today);
	assert_int_equal(ids[1], l.due_in_7);

	/* A day later, the same preset with new dates: today's is overdue. */
	mp_listq_set_preset(q, VI_PRESET_DUE_SOON, "2024-05-21", "2024-05-28");
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], l.due_in_7);
	assert_int_equal(ids[1], l.later);
	mp_listq_set_preset(q, VI_PRESET_OVERDUE, "2024-05-21", "2024-05-28");
	assert_int_equal(fetch_ids(q, ids, 16), 4);

	/* With a filter (by group) and a search, both bound after ?1 and ?2. */
	mp_listq_set_preset(q, VI_PRESET_OVERDUE, TODAY, SOON);
	snprintf(gid, sizeof gid, "%lld", (long long)l.g1);
	mp_listq_set_filter(q, VI_GROUP, gid);
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], l.overdue_old);
	assert_int_equal(ids[1], l.overdue_noted);
	mp_listq_set_search(q, "周");
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], l.overdue_noted);
	assert_int_equal(mp_listq_key_of(q, l.overdue_noted, &key, &e), MP_OK);
	assert_int_equal(key.id, l.overdue_noted);
	mp_key_clear(&key);
	assert_int_equal(mp_listq_key_of(q, l.overdue_old, &key, &e), MP_ENOTFOUND);
	mp_key_clear(&key);
	/* The search finds a group by its name too. */
	mp_listq_set_filter(q, VI_GROUP, NULL);
	mp_listq_set_search(q, "邻里");
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], l.overdue_g2);
	mp_listq_set_preset(q, VI_PRESET_DUE_SOON, TODAY, SOON);
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], l.due_today);
	mp_listq_set_search(q, NULL);

	/* Completing a follow-up takes it out; no preset shows every row. */
	{
		mp_record *r;

		assert_int_equal(mp_record_load(f->db, &mp_visits, l.due_today, &r, &e), MP_OK);
		mp_record_set(r, VI_DONE_DATE, TODAY);
		mp_record_set(r, VI_DONE_NOTE, "计划已报街道");
		mp_fx_save(f, r);
		mp_record_free(r);
	}
	n = fetch_ids(q, ids, 16);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], l.due_in_7);
	/* The recycle bin has none of them. */
	mp_listq_set_bin(q, 1);
	assert_int_equal(fetch_ids(q, ids, 16), 0);
	mp_listq_set_bin(q, 0);
	mp_listq_set_preset(q, -1, NULL, NULL);
	assert_int_equal(mp_listq_preset(q), -1);
	assert_int_equal(fetch_ids(q, ids, 16), 8);
	/* An index out of range is no preset. */
	mp_listq_set_preset(q, 2, TODAY, SOON);
	assert_int_equal(mp_listq_preset(q), -1);
	mp_listq_free(q);

	/* A table without presets ignores them. */
	q = mp_listq_new(f->db, &mp_groups);
	mp_listq_set_preset(q, 0, TODAY, SOON);
	assert_int_equal(mp_listq_preset(q), -1);
	assert_int_equal(fetch_ids(q, ids, 16), 2);
	mp_listq_free(q);
}

/* The overdue follow-ups marked among all the visits (the list shows
 * them so), whatever the list's own preset, filter or search; counted
 * and ranked with the mark's dates bound. */
static void test_mark(void **state)
{
	struct mp_fx *f = *state;
	struct ledger l;
	mp_listq *q;
	mp_row rows[16];
	mp_err e;
	long long count;
	int n, marked = 0;

	fill(f, &l);
	q = mp_listq_new(f->db, &mp_visits);
	mp_listq_set_mark(q, VI_PRESET_OVERDUE, TODAY, SOON);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 16, rows, &n, &e), MP_OK);
	assert_int_equal(n, 8);
	for (int i = 0; i < n; i++) {
		int64_t id = rows[i].key.id;
		int overdue = id == l.overdue_old || id == l.overdue_noted || id == l.overdue_g2;
		assert_int_equal(rows[i].marked, overdue);
		marked += rows[i].marked;
	}
	mp_rows_clear(rows, n);
	assert_int_equal(marked, 3);
	assert_int_equal(mp_listq_count(q, 1000, &count, NULL, &e), MP_OK);
	assert_int_equal(count, 8);
	/* With the due-soon preset shown, the marks are still the overdue. */
	mp_listq_set_preset(q, VI_PRESET_DUE_SOON, TODAY, SOON);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 16, rows, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].marked + rows[1].marked, 0);
	mp_rows_clear(rows, n);
	mp_listq_set_preset(q, -1, NULL, NULL);
	mp_listq_set_search(q, "周");
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 16, rows, &n, &e), MP_OK);
	marked = 0;
	for (int i = 0; i < n; i++)
		marked += rows[i].marked;
	assert_int_equal(marked, 2);   /* overdue_noted, overdue_g2 */
	mp_rows_clear(rows, n);
	/* No mark: nothing marked. */
	mp_listq_set_mark(q, -1, NULL, NULL);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 16, rows, &n, &e), MP_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(rows[i].marked, 0);
	mp_rows_clear(rows, n);
	mp_listq_free(q);
}

/* The due list is the two presets together, most overdue first, each
 * marked; what the group is asked to do comes with it. */
static void test_visits_due(void **state)
{
	struct mp_fx *f = *state;
	struct ledger l;
	mp_due *d;
	mp_err e;
	int n;

	fill(f, &l);
	assert_int_equal(mp_visits_due(f->db, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 5);
	assert_int_equal(d[0].visit_id, l.overdue_old);
	assert_string_equal(d[0].due, "2024-05-05");
	assert_string_equal(d[0].group, "夕阳红志愿队");
	assert_string_equal(d[0].supervisor, "陈督导");
	assert_string_equal(d[0].advice, "建立财务台账\n每月公示");
	assert_true(d[0].overdue);
	assert_int_equal(d[1].visit_id, l.overdue_noted);
	assert_true(d[1].overdue);
	assert_int_equal(d[2].visit_id, l.overdue_g2);
	assert_string_equal(d[2].group, "邻里互助会");
	assert_true(d[2].overdue);
	assert_int_equal(d[3].visit_id, l.due_today);
	assert_false(d[3].overdue);
	assert_int_equal(d[4].visit_id, l.due_in_7);
	assert_false(d[4].overdue);
	assert_string_equal(d[4].advice, "");
	mp_dues_free(d, n);

	/* At most max; 0 days: overdue and due today. */
	assert_int_equal(mp_visits_due(f->db, 7, 2, &d, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(d[1].visit_id, l.overdue_noted);
	mp_dues_free(d, n);
	assert_int_equal(mp_visits_due(f->db, 0, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 4);
	assert_int_equal(d[3].visit_id, l.due_today);
	mp_dues_free(d, n);
	assert_int_equal(mp_visits_due(f->db, 8, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 6);
	assert_int_equal(d[5].visit_id, l.later);
	mp_dues_free(d, n);

	/* A visit in the recycle bin is not due. */
	assert_int_equal(mp_record_delete(f->db, &mp_visits, l.overdue_old, &e), MP_OK);
	assert_int_equal(mp_visits_due(f->db, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 4);
	assert_int_equal(d[0].visit_id, l.overdue_noted);
	mp_dues_free(d, n);

	/* An empty ledger has nothing due. */
	assert_int_equal(mp_record_delete(f->db, &mp_visits, l.overdue_noted, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_visits, l.overdue_g2, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_visits, l.due_today, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_visits, l.due_in_7, &e), MP_OK);
	assert_int_equal(mp_visits_due(f->db, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 0);
	mp_dues_free(d, n);
}

/* A group's latest rating and next open follow-up, on its figures line. */
static void test_group_visits(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t other = mp_fx_add_group(f, "邻里互助会");
	char rating[8], due[11], buf[256];
	mp_record *r, *grp;
	mp_err e;

	setenv("MIAOPU_TODAY", TODAY, 1);
	assert_int_equal(mp_group_visits(f->db, g, rating, due, &e), MP_OK);
	assert_string_equal(rating, "");
	assert_string_equal(due, "");
	assert_int_equal(mp_record_load(f->db, &mp_groups, g, &grp, &e), MP_OK);
	mp_groups.summary(f->db, grp, buf, sizeof buf);
	/* (after the stage's timeline, stages.c) */
	assert_non_null(strstr(buf, "Service hours"));
	assert_string_equal(strstr(buf, "Service hours"), "Service hours of its volunteers: 0 (0 volunteers)");

	r = visit(f, g, "2024-03-01", "陈督导");
	mp_record_set(r, VI_RATING, "中");
	mp_record_set(r, VI_DUE, "2024-04-01");
	mp_fx_save_free(f, r);
	r = visit(f, g, "2024-05-02", "陈督导");
	mp_record_set(r, VI_RATING, "良");
	mp_record_set(r, VI_DUE, "2024-06-01");
	mp_fx_save_free(f, r);
	/* A later visit without a rating does not hide the last one. */
	r = visit(f, g, "2024-05-10", "周老师");
	mp_record_set(r, VI_DUE, "2024-05-30");
	mp_record_set(r, VI_DONE_DATE, "2024-05-12");
	mp_record_set(r, VI_DONE_NOTE, "已整改");
	mp_fx_save_free(f, r);
	r = visit(f, other, "2024-05-15", "周老师");
	mp_record_set(r, VI_RATING, "差");
	mp_record_set(r, VI_DUE, "2024-05-16");
	mp_fx_save_free(f, r);

	assert_int_equal(mp_group_visits(f->db, g, rating, due, &e), MP_OK);
	assert_string_equal(rating, "良");
	/* The overdue one is the next. */
	assert_string_equal(due, "2024-04-01");
	mp_groups.summary(f->db, grp, buf, sizeof buf);
	assert_non_null(strstr(buf, "Service hours"));
	assert_string_equal(strstr(buf, "Service hours"), "Service hours of its volunteers: 0 (0 volunteers)"
	                    " · latest rating: 良 · next follow-up: 2024-04-01");
	mp_record_free(grp);

	assert_int_equal(mp_group_visits(f->db, other, rating, due, &e), MP_OK);
	assert_string_equal(rating, "差");
	assert_string_equal(due, "2024-05-16");
}

/* ---- monthly figures ---- */

/* month_stats equals the figures counted afresh from the records: live
 * activities per month, live service hours that count per month. */
static void assert_month_stats_fresh(struct mp_fx *f)
{
	static const char fresh[] =
		"SELECT month, sum(a) AS activities, round(sum(h), 2) AS hours FROM ("
		" SELECT substr(date, 1, 7) AS month, 1 AS a, 0 AS h FROM activities"
		" WHERE deleted_at IS NULL"
		" UNION ALL"
		" SELECT substr(date, 1, 7), 0, hours FROM hours"
		" WHERE deleted_at IS NULL AND counts = '是'"
		") GROUP BY month";
	char *sql;

	sql = mp_asprintf("SELECT count(*) FROM (SELECT month, activities, hours"
	                  " FROM month_stats EXCEPT %s)", fresh);
	assert_int_equal(mp_fx_sql_int(f, sql), 0);
	free(sql);
	sql = mp_asprintf("SELECT count(*) FROM (%s EXCEPT SELECT month,"
	                  " activities, hours FROM month_stats)", fresh);
	assert_int_equal(mp_fx_sql_int(f, sql), 0);
	free(sql);
}

static int64_t add_activity(struct mp_fx *f, int64_t g, const char *name,
                            const char *date)
{
	mp_record *r = mp_record_new(&mp_activities, &f->cfg);

	mp_record_set(r, ACT_NAME, name);
	mp_fx_set_id(r, ACT_GROUP, g);
	mp_record_set(r, ACT_DATE, date);
	return mp_fx_save_free(f, r);
}

static int64_t add_hours(struct mp_fx *f, int64_t v, int64_t g, const char *date,
                         const char *hours, const char *counts)
{
	mp_record *r = mp_record_new(&mp_hours, &f->cfg);

	mp_fx_set_id(r, H_VOLUNTEER, v);
	mp_fx_set_id(r, H_GROUP, g);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_HOURS, hours);
	mp_record_set(r, H_COUNTS, counts);
	return mp_fx_save_free(f, r);
}

/* Set field i of record id of t to val and save. */
static void change(struct mp_fx *f, const mp_table *t, int64_t id, int i,
                   const char *val)
{
	mp_record *r;
	mp_err e;

	assert_int_equal(mp_record_load(f->db, t, id, &r, &e), MP_OK);
	mp_record_set(r, i, val);
	mp_fx_save(f, r);
	mp_record_free(r);
}

static long month_activities(struct mp_fx *f, const char *month)
{
	char *sql = mp_asprintf("SELECT ifnull((SELECT activities FROM month_stats"
	                        " WHERE month = '%s'), -1)", month);
	long n = mp_fx_sql_int(f, sql);

	free(sql);
	return n;
}

/* Hundredths of an hour in month_stats for month, -1 without a row. */
static long month_hours(struct mp_fx *f, const char *month)
{
	char *sql = mp_asprintf("SELECT ifnull((SELECT CAST(round(hours * 100) AS INTEGER)"
	                        " FROM month_stats WHERE month = '%s'), -1)", month);
	long n = mp_fx_sql_int(f, sql);

	free(sql);
	return n;
}

static void test_month_stats(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t v = mp_fx_add_volunteer(f, "张三", "350102199006150018", "XF-0001");
	int64_t w = mp_fx_add_volunteer(f, "李四", "350102198001011233", "XF-0002");
	int64_t a1, a2, a3, h1, h2, h3, h4;
	mp_err e;
	int i;

	setenv("MIAOPU_TODAY", TODAY, 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM month_stats"), 0);
	a1 = add_activity(f, g, "重阳敬老", "2024-04-11");
	a2 = add_activity(f, g, "义诊", "2024-04-20");
	a3 = add_activity(f, g, "读书会", "2024-05-02");
	h1 = add_hours(f, v, g, "2024-04-11", "2.5", "是");
	h2 = add_hours(f, w, g, "2024-04-11", "0.1", "是");
	h3 = add_hours(f, v, g, "2024-05-02", "0.2", "是");
	h4 = add_hours(f, w, g, "2024-05-02", "3", "否");
	assert_month_stats_fresh(f);
	assert_int_equal(month_activities(f, "2024-04"), 2);
	assert_int_equal(month_hours(f, "2024-04"), 260);
	assert_int_equal(month_activities(f, "2024-05"), 1);
	assert_int_equal(month_hours(f, "2024-05"), 20);

	/* A date moved to another month moves its share. */
	change(f, &mp_activities, a2, ACT_DATE, "2024-03-30");
	change(f, &mp_hours, h2, H_DATE, "2024-05-01");
	assert_month_stats_fresh(f);
	assert_int_equal(month_activities(f, "2024-03"), 1);
	assert_int_equal(month_activities(f, "2024-04"), 1);
	assert_int_equal(month_hours(f, "2024-04"), 250);
	assert_int_equal(month_hours(f, "2024-05"), 30);

	/* Hours corrected, a record that now counts and one that no longer
	 * does. */
	change(f, &mp_hours, h1, H_HOURS, "1.75");
	change(f, &mp_hours, h4, H_COUNTS, "是");
	change(f, &mp_hours, h3, H_COUNTS, "否");
	assert_month_stats_fresh(f);
	assert_int_equal(month_hours(f, "2024-04"), 175);
	assert_int_equal(month_hours(f, "2024-05"), 310);

	/* The recycle bin takes the share out, restoring puts it back. */
	assert_int_equal(mp_record_delete(f->db, &mp_activities, a3, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_hours, h4, &e), MP_OK);
	assert_month_stats_fresh(f);
	assert_int_equal(month_activities(f, "2024-05"), 0);
	assert_int_equal(month_hours(f, "2024-05"), 10);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_hours, h4, &e), MP_OK);
	assert_month_stats_fresh(f);
	assert_int_equal(month_hours(f, "2024-05"), 310);

	/* Purging from the bin changes nothing more; a month left with
	 * nothing has no row. */
	assert_int_equal(mp_record_purge(f->db, &mp_activities, a3, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_activities, a2, &e), MP_OK);
	assert_month_stats_fresh(f);
	assert_int_equal(month_activities(f, "2024-03"), -1);
	assert_int_equal(mp_record_purge(f->db, &mp_activities, a2, &e), MP_OK);
	assert_month_stats_fresh(f);

	/* Many small corrections leave no rounding dust. */
	for (i = 0; i < 30; i++)
		change(f, &mp_hours, h2, H_HOURS, i % 2 ? "0.1" : "0.3");
	assert_month_stats_fresh(f);
	assert_int_equal(month_hours(f, "2024-05"), 310);
	assert_int_equal(mp_record_delete(f->db, &mp_hours, h2, &e), MP_OK);
	assert_int_equal(mp_record_delete(f->db, &mp_hours, h4, &e), MP_OK);
	assert_int_equal(month_activities(f, "2024-05"), -1);
	assert_int_equal(month_hours(f, "2024-05"), -1);
	assert_month_stats_fresh(f);
	(void)a1;
}

/* A ledger of schema 2 gets its monthly figures from the records it
 * already holds when it is upgraded. */
static void test_month_stats_upgrade(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "夕阳红志愿队");
	int64_t v = mp_fx_add_volunteer(f, "张三", "350102199006150018", "XF-0001");
	int64_t a;
	char *path;
	mp_err e;

	setenv("MIAOPU_TODAY", TODAY, 1);
	add_activity(f, g, "重阳敬老", "2023-10-23");
	add_activity(f, g, "义诊", "2024-04-20");
	a = add_activity(f, g, "读书会", "2024-04-21");
	add_hours(f, v, g, "2023-10-23", "2", "是");
	add_hours(f, v, g, "2023-10-24", "1.5", "否");
	add_hours(f, v, g, "2024-05-02", "0.7", "是");
	assert_int_equal(mp_record_delete(f->db, &mp_activities, a, &e), MP_OK);
	if (sqlite3_exec(f->db->h,
		/* Schema step 11's summaries and indexes. */
		"DROP TRIGGER year_stats_in; DROP TRIGGER year_stats_out; DROP TRIGGER year_stats_up;"
		"DROP TRIGGER group_stats_in; DROP TRIGGER group_stats_out; DROP TRIGGER group_stats_up;"
		"DROP TRIGGER act_stats_in; DROP TRIGGER act_stats_out; DROP TRIGGER act_stats_up;"
		"DROP TRIGGER act_stats_group; DROP TABLE year_stats; DROP TABLE group_stats;"
		"DROP TABLE act_stats; DROP INDEX year_hours_top; DROP INDEX groups_report_new;"
		"DROP INDEX groups_report_incubated; DROP INDEX visits_report;"
		"DROP INDEX trainings_report; DROP INDEX training_groups_report;"
		"DROP INDEX training_people_report;"
		"DROP TRIGGER month_stats_activity_in; DROP TRIGGER month_stats_activity_out;"
		"DROP TRIGGER month_stats_activity_old; DROP TRIGGER month_stats_activity_new;"
		"DROP TRIGGER month_stats_hours_in; DROP TRIGGER month_stats_hours_out;"
		"DROP TRIGGER month_stats_hours_old; DROP TRIGGER month_stats_hours_new;"
		"DROP TRIGGER count_volunteers_in; DROP TRIGGER count_volunteers_out;"
		"DROP TRIGGER count_volunteers_old; DROP TRIGGER count_volunteers_new;"
		"DROP TRIGGER search_groups_in; DROP TRIGGER search_groups_out;"
		"DROP TRIGGER search_groups_up; DROP TRIGGER count_groups_in;"
		"DROP TRIGGER count_groups_out; DROP TRIGGER count_groups_old;"
		"DROP TRIGGER count_groups_new; DROP TRIGGER search_volunteers_in;"
		"DROP TRIGGER search_volunteers_out; DROP TRIGGER search_volunteers_up;"
		"DROP TABLE search_tokens; DROP TABLE search_nums;"
		"DROP TRIGGER year_hours_in; DROP TRIGGER year_hours_out;"
		"DROP TRIGGER year_hours_old; DROP TRIGGER year_hours_new;"
		"DROP TABLE year_hours; DROP INDEX activities_report;"
		"DROP TABLE count_stats;"
		"DROP INDEX hours_counted; DROP INDEX volunteers_live_state;"
		"DROP TABLE month_stats; DROP TABLE visits; DROP TABLE training_people;"
		"DROP TABLE training_groups; DROP TABLE trainings;"
		"PRAGMA user_version = 2;", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("making a ledger of schema 2: %s", sqlite3_errmsg(f->db->h));
	mp_db_close(f->db);
	f->db = NULL;

	path = mp_asprintf("%s/%s", f->dir, MP_FX_DB);
	if (mp_db_open(&f->db, path, 0, &e) != MP_OK)
		fail_msg("upgrading: %s", e.msg);
	free(path);
	assert_int_equal(mp_fx_sql_int(f, "PRAGMA user_version"), mp_db_schema_version());
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM month_stats"), 3);
	/* The report's hours per year and volunteer start from the file:
	 * 2 h in 2023 and 0.7 h in 2024 count, the 1.5 h that does not is
	 * left out. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM year_hours"), 2);
	assert_int_equal(mp_fx_sql_int(f, "SELECT cents FROM year_hours WHERE year = '2023'"), 200);
	assert_int_equal(mp_fx_sql_int(f, "SELECT cents FROM year_hours WHERE year = '2024'"), 70);
	assert_int_equal(mp_fx_sql_int(f, "SELECT records FROM year_hours WHERE year = '2023'"), 1);
	/* The counter of volunteers on the register starts from the file. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT n FROM count_stats WHERE name = 'volunteers_registered'"), 1);
	assert_int_equal(month_activities(f, "2023-10"), 1);
	assert_int_equal(month_hours(f, "2023-10"), 200);
	assert_int_equal(month_activities(f, "2024-04"), 1);
	assert_int_equal(month_hours(f, "2024-04"), 0);
	assert_int_equal(month_activities(f, "2024-05"), 0);
	assert_int_equal(month_hours(f, "2024-05"), 70);
	assert_month_stats_fresh(f);
	/* ... and the triggers keep them from then on. */
	add_activity(f, g, "读书会", "2024-05-03");
	assert_int_equal(month_activities(f, "2024-05"), 1);
	assert_month_stats_fresh(f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, mp_fx_setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_checks),
		cmocka_unit_test(test_followup_rules),
		T(test_presets),
		T(test_mark),
		T(test_visits_due),
		T(test_group_visits),
		T(test_month_stats),
		T(test_month_stats_upgrade),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
