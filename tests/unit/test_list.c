/* test_list.c — keyset paging of the groups list against a model kept in
 * the test: every order, direction, search and filter must show each
 * matching row exactly once, in the right place. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_config.h"
#include "mp_group.h"
#include "mp_list.h"
#include "mp_text.h"
#include "fixture.h"

#define NGROUPS 300
#define PAGE 7

static const char *const words[10] = {
	"夕阳红舞蹈队", "书画社", "Reading Club", "邻里互助会", "爱心妈妈团",
	"太极拳协会", "环保志愿队", "棋牌社", "合唱团", "friendly Walkers",
};
static const char *const communities[3] = { "幸福里社区", "和平社区", "东湖村" };
static const char *const leaders[7] = {
	"李阿姨", "王大姐", "张老师", "Mr. Chen", "赵书记", "刘芳", "陈明",
};
static const char *const legal[3] = { "未登记", "备案", "登记" };

/* The model: what the ledger holds. */
struct grp {
	int64_t id;
	char name[64];
	char community[32];
	char legal[16];
	char leader[32];
	int deleted;
};

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	struct grp g[NGROUPS];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	mp_err e;
	int i;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	/* Speed only: this test is not about surviving power cuts. */
	sqlite3_exec(f->fx.db->h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);

	for (i = 0; i < NGROUPS; i++) {
		struct grp *g = &f->g[i];
		mp_record *r = mp_record_new(&mp_groups, &f->fx.cfg);

		/* Each name appears in all three communities: ties on the
		 * sort value, broken by id. */
		snprintf(g->name, sizeof g->name, "%s%d", words[i % 10], i / 30);
		snprintf(g->community, sizeof g->community, "%s", communities[(i / 10) % 3]);
		snprintf(g->legal, sizeof g->legal, "%s", legal[i % 3]);
		snprintf(g->leader, sizeof g->leader, "%s", leaders[i % 7]);
		mp_record_set(r, G_NAME, g->name);
		mp_record_set(r, G_COMMUNITY, g->community);
		mp_record_set(r, G_LEGAL, g->legal);
		mp_record_set(r, G_LEADER, g->leader);
		if (!strcmp(g->legal, "登记")) {
			char code[19];
			snprintf(code, sizeof code, "91350100MA%07d", i);
			code[17] = mp_uscc_check_char(code);
			code[18] = '\0';
			mp_record_set(r, G_USCC, code);
		}
		if (mp_record_save(f->fx.db, &f->fx.cfg, r, &e) != MP_OK) {
			fprintf(stderr, "setup: %s\n", e.msg);
			return -1;
		}
		g->id = r->id;
		mp_record_free(r);
	}
	*state = f;
	return 0;
}

/* ---- the model's answer ---- */

struct want {
	int bin;
	const char *search;
	const char *legal;
	const char *community;
	int by_id_desc;
};

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int matches(const struct grp *g, const struct want *w)
{
	char hay[256], needle[64];

	if (g->deleted != w->bin)
		return 0;
	if (w->legal && strcmp(g->legal, w->legal))
		return 0;
	if (w->community && strcmp(g->community, w->community))
		return 0;
	if (!w->search)
		return 1;
	snprintf(hay, sizeof hay, "%s\x1f\x1f%s\x1f%s", g->name, g->community, g->leader);
	snprintf(needle, sizeof needle, "%s", w->search);
	lower_ascii(hay);
	lower_ascii(needle);
	return strstr(hay, needle) != NULL;
}

static int by_name(const void *a, const void *b)
{
	const struct grp *x = *(const struct grp *const *)a, *y = *(const struct grp *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int by_id_desc(const void *a, const void *b)
{
	const struct grp *x = *(const struct grp *const *)a, *y = *(const struct grp *const *)b;

	return (x->id < y->id) - (x->id > y->id);
}

/* Expected ids in display order; returns how many. */
static int expected(struct fx *f, const struct want *w, int64_t *ids)
{
	const struct grp *sel[NGROUPS];
	int i, n = 0;

	for (i = 0; i < NGROUPS; i++)
		if (matches(&f->g[i], w))
			sel[n++] = &f->g[i];
	qsort(sel, (size_t)n, sizeof sel[0], w->by_id_desc ? by_id_desc : by_name);
	for (i = 0; i < n; i++)
		ids[i] = sel[i]->id;
	return n;
}

/* ---- the list's answer ---- */

static void apply(mp_listq *q, const struct want *w)
{
	mp_listq_set_bin(q, w->bin);
	mp_listq_set_sort(q, w->by_id_desc ? 1 : 0);
	mp_listq_set_search(q, w->search);
	mp_listq_set_filter(q, G_LEGAL, w->legal);
	mp_listq_set_filter(q, G_COMMUNITY, w->community);
}

/* Page down through the whole list, PAGE rows at a time; returns the ids
 * in display order. */
static int walk(mp_listq *q, int64_t *ids)
{
	mp_row rows[PAGE];
	mp_key at = { NULL, 0 };
	int n, total = 0, i, first = 1;
	mp_err e;

	for (;;) {
		assert_int_equal(mp_listq_fetch(q, first ? NULL : &at, 1, 0, PAGE, rows, &n, &e), MP_OK);
		assert_true(n >= 0 && n <= PAGE);
		first = 0;
		if (n == 0)
			break;
		assert_true(total + n <= NGROUPS);
		for (i = 0; i < n; i++) {
			ids[total + i] = rows[i].key.id;
			assert_int_equal(rows[i].ncells, 7);   /* the LIST fields */
		}
		total += n;
		mp_key_copy(&at, &rows[n - 1].key);
		mp_rows_clear(rows, n);
		if (n < PAGE)
			break;
	}
	mp_key_clear(&at);
	return total;
}

/* Page up from the end to the top; returns the ids in display order. */
static int walk_back(mp_listq *q, int64_t *ids)
{
	mp_row rows[PAGE];
	mp_key at = { NULL, 0 };
	int n, total = 0, i, first = 1;
	int64_t tmp[NGROUPS];
	mp_err e;

	for (;;) {
		assert_int_equal(mp_listq_fetch(q, first ? NULL : &at, -1, 0, PAGE, rows, &n, &e), MP_OK);
		first = 0;
		if (n == 0)
			break;
		assert_true(total + n <= NGROUPS);
		/* Prepend this page: it sits above everything fetched so far. */
		memmove(tmp + n, tmp, (size_t)total * sizeof *tmp);
		for (i = 0; i < n; i++)
			tmp[i] = rows[i].key.id;
		total += n;
		mp_key_copy(&at, &rows[0].key);
		mp_rows_clear(rows, n);
		if (n < PAGE)
			break;
	}
	mp_key_clear(&at);
	memcpy(ids, tmp, (size_t)total * sizeof *ids);
	return total;
}

/* The view's count ("of N"), at and under a cap, and the rank of some
 * rows (their place in the order) against the model's. */
static void check_count(mp_listq *q, int nw, const int64_t *want_ids)
{
	long long n = -1;
	int more = -1;
	mp_err e;

	assert_int_equal(mp_listq_count(q, 100000, &n, &more, &e), MP_OK);
	assert_int_equal(n, nw);
	assert_int_equal(more, 0);
	assert_int_equal(mp_listq_count(q, 5, &n, &more, &e), MP_OK);
	assert_int_equal(n, nw > 5 ? 5 : nw);
	assert_int_equal(more, nw > 5);
	for (int i = 0; i < nw; i += 1 + nw / 7) {
		mp_key k = { NULL, 0 };
		assert_int_equal(mp_listq_key_of(q, want_ids[i], &k, &e), MP_OK);
		assert_int_equal(mp_listq_rank(q, &k, 100000, &n, &e), MP_OK);
		assert_int_equal(n, i);
		mp_key_clear(&k);
	}
}

static void check_view(struct fx *f, mp_listq *q, const struct want *w, int at_least)
{
	int64_t want_ids[NGROUPS], got[NGROUPS];
	int nw = expected(f, w, want_ids), ng;

	assert_true(nw >= at_least);
	apply(q, w);
	ng = walk(q, got);
	assert_int_equal(ng, nw);
	assert_memory_equal(got, want_ids, (size_t)nw * sizeof *got);
	ng = walk_back(q, got);
	assert_int_equal(ng, nw);
	assert_memory_equal(got, want_ids, (size_t)nw * sizeof *got);
	check_count(q, nw, want_ids);
}

/* ---- tests ---- */

static void test_forward_by_name(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { 0 };
	mp_row rows[PAGE];
	mp_err e;
	int n;

	check_view(f, q, &w, NGROUPS);

	/* The first page's cells are the LIST fields in table order. */
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, PAGE, rows, &n, &e), MP_OK);
	assert_int_equal(n, PAGE);
	assert_string_equal(rows[0].cells[0], rows[0].key.sortval);
	assert_string_equal(rows[0].cells[0], "Reading Club0");
	assert_string_equal(rows[1].cells[0], "Reading Club0");   /* another community */
	assert_true(rows[0].key.id < rows[1].key.id);
	assert_string_equal(rows[0].cells[2], "登记");           /* legal status */
	mp_rows_clear(rows, n);
	mp_listq_free(q);
}

static void test_last_page_and_inclusive(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { 0 };
	int64_t ids[NGROUPS];
	int nw = expected(f, &w, ids), n, i;
	mp_row rows[PAGE];
	mp_key k = { NULL, 0 };
	mp_err e;

	/* End: the last rows, top to bottom. */
	assert_int_equal(mp_listq_fetch(q, NULL, -1, 0, PAGE, rows, &n, &e), MP_OK);
	assert_int_equal(n, PAGE);
	for (i = 0; i < PAGE; i++)
		assert_int_equal(rows[i].key.id, ids[nw - PAGE + i]);

	/* Re-reading a page from its top row, inclusive. */
	mp_key_copy(&k, &rows[2].key);
	mp_rows_clear(rows, n);
	assert_int_equal(mp_listq_fetch(q, &k, 1, 1, PAGE, rows, &n, &e), MP_OK);
	assert_int_equal(n, 5);                  /* rows 2..6 of the last page */
	assert_int_equal(rows[0].key.id, ids[nw - PAGE + 2]);
	mp_rows_clear(rows, n);
	/* ...and upward inclusive ends with the row itself. */
	assert_int_equal(mp_listq_fetch(q, &k, -1, 1, 3, rows, &n, &e), MP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[2].key.id, ids[nw - PAGE + 2]);
	assert_int_equal(rows[0].key.id, ids[nw - PAGE]);
	mp_rows_clear(rows, n);
	/* Nothing after the last row. */
	{
		mp_key last;
		last.sortval = NULL;
		assert_int_equal(mp_listq_key_of(q, ids[nw - 1], &last, &e), MP_OK);
		assert_int_equal(mp_listq_fetch(q, &last, 1, 0, PAGE, rows, &n, &e), MP_OK);
		assert_int_equal(n, 0);
		mp_key_clear(&last);
	}
	mp_key_clear(&k);
	mp_listq_free(q);
}

static void test_sort_by_date_added(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { .by_id_desc = 1 };
	mp_row rows[PAGE];
	mp_err e;
	int n;

	check_view(f, q, &w, NGROUPS);
	assert_int_equal(mp_listq_sort(q), 1);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, 1, rows, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].key.id, f->g[NGROUPS - 1].id);   /* newest first */
	mp_rows_clear(rows, n);
	mp_listq_free(q);
}

static void test_search(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { 0 };

	w.search = "舞";        /* one Chinese character */
	check_view(f, q, &w, 30);
	w.search = "互助";      /* two */
	check_view(f, q, &w, 30);
	w.search = "READING";   /* ASCII, any case */
	check_view(f, q, &w, 30);
	w.search = "chen";      /* a leader */
	check_view(f, q, &w, 40);
	w.search = "东湖";      /* a community */
	check_view(f, q, &w, 100);
	w.search = "社1";
	check_view(f, q, &w, 6);
	w.search = "没有这个";
	check_view(f, q, &w, 0);
	w.search = "舞";        /* back again after the statement was reused */
	check_view(f, q, &w, 30);
	w.by_id_desc = 1;
	check_view(f, q, &w, 30);
	mp_listq_free(q);
}

static void test_filters(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { 0 };

	w.legal = "备案";
	check_view(f, q, &w, 100);
	assert_string_equal(mp_listq_filter(q, G_LEGAL), "备案");
	assert_null(mp_listq_filter(q, G_COMMUNITY));
	w.legal = NULL;
	w.community = "和平社区";
	check_view(f, q, &w, 100);
	w.legal = "登记";
	check_view(f, q, &w, 30);
	w.search = "社";
	check_view(f, q, &w, 5);
	w.by_id_desc = 1;
	check_view(f, q, &w, 5);

	/* Clearing filters shows everything again. */
	mp_listq_clear_filters(q);
	mp_listq_set_search(q, NULL);
	assert_null(mp_listq_filter(q, G_LEGAL));
	{
		int64_t got[NGROUPS];
		assert_int_equal(walk(q, got), NGROUPS);
	}
	mp_listq_free(q);
}

static void test_bin(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	struct want w = { 0 };
	mp_err e;
	int i;

	for (i = 0; i < NGROUPS; i += 13) {
		assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, f->g[i].id, &e), MP_OK);
		f->g[i].deleted = 1;
	}
	check_view(f, q, &w, 250);
	w.bin = 1;
	check_view(f, q, &w, 23);
	assert_int_equal(mp_listq_bin(q), 1);
	w.search = "书画";
	check_view(f, q, &w, 2);
	mp_listq_free(q);
}

static void test_key_of(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	const struct grp *g = &f->g[42];
	mp_key k = { NULL, 0 };
	mp_row rows[PAGE];
	mp_err e;
	int n;

	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_OK);
	assert_int_equal(k.id, g->id);
	assert_string_equal(k.sortval, g->name);

	/* The key puts the cursor on the record: an inclusive fetch starts
	 * with it. */
	assert_int_equal(mp_listq_fetch(q, &k, 1, 1, PAGE, rows, &n, &e), MP_OK);
	assert_true(n > 0);
	assert_int_equal(rows[0].key.id, g->id);
	mp_rows_clear(rows, n);
	mp_key_clear(&k);

	/* Sorted by date added the key has no separate value. */
	mp_listq_set_sort(q, 1);
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_OK);
	assert_int_equal(k.id, g->id);
	mp_key_clear(&k);
	mp_listq_set_sort(q, 0);

	/* Hidden by a filter or a search. */
	mp_listq_set_filter(q, G_COMMUNITY, strcmp(g->community, "和平社区") ? "和平社区" : "东湖村");
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_ENOTFOUND);
	mp_listq_set_filter(q, G_COMMUNITY, g->community);
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_OK);
	mp_key_clear(&k);
	mp_listq_set_search(q, "不在这里");
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_ENOTFOUND);
	mp_listq_set_search(q, "");
	mp_listq_clear_filters(q);

	/* In the bin it is only found in the bin view. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, g->id, &e), MP_OK);
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_ENOTFOUND);
	mp_listq_set_bin(q, 1);
	assert_int_equal(mp_listq_key_of(q, g->id, &k, &e), MP_OK);
	mp_key_clear(&k);
	assert_int_equal(mp_listq_key_of(q, 999999, &k, &e), MP_ENOTFOUND);
	mp_listq_free(q);
}

static void test_sees_new_rows(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	mp_record *r = mp_record_new(&mp_groups, &f->fx.cfg);
	mp_row rows[PAGE];
	mp_key k = { NULL, 0 };
	mp_err e;
	int n;

	/* Fetch once (statements cached), then save: the next fetch sees it. */
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, PAGE, rows, &n, &e), MP_OK);
	mp_rows_clear(rows, n);
	mp_record_set(r, G_NAME, "AAA 新来的");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, PAGE, rows, &n, &e), MP_OK);
	assert_int_equal(rows[0].key.id, r->id);
	assert_string_equal(rows[0].cells[3], "");   /* no community: "" */
	mp_rows_clear(rows, n);
	assert_int_equal(mp_listq_key_of(q, r->id, &k, &e), MP_OK);
	mp_key_clear(&k);
	mp_record_free(r);
	mp_listq_free(q);
}

/* The count is kept for the view, and made again when the ledger changes
 * (a save) or the view does (a search). */
static void test_count_kept(void **state)
{
	struct fx *f = *state;
	mp_listq *q = mp_listq_new(f->fx.db, &mp_groups);
	mp_record *r = mp_record_new(&mp_groups, &f->fx.cfg);
	long long n;
	mp_err e;

	/* Whether a count would be made (mp_listq_count_kept): a list
	 * leaves it for when no key waits. */
	assert_false(mp_listq_count_kept(q, 100000));
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, NGROUPS);
	assert_true(mp_listq_count_kept(q, 100000));
	assert_false(mp_listq_count_kept(q, 10));   /* another cap */
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, NGROUPS);
	/* Another order: the same rows, the count stands. */
	mp_listq_set_sort(q, 1);
	assert_true(mp_listq_count_kept(q, 100000));
	mp_listq_set_sort(q, 0);
	mp_record_set(r, G_NAME, "新来的书画社");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_false(mp_listq_count_kept(q, 100000));
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, NGROUPS + 1);
	assert_true(mp_listq_count_kept(q, 100000));
	mp_listq_set_search(q, "书画");
	assert_false(mp_listq_count_kept(q, 100000));
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, NGROUPS / 10 + 1);
	mp_listq_set_search(q, "书画社");   /* same shape, a new binding */
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, NGROUPS / 10 + 1);
	mp_listq_set_search(q, "新来");
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(mp_record_delete(f->fx.db, &mp_groups, r->id, &e), MP_OK);
	assert_int_equal(mp_listq_count(q, 100000, &n, NULL, &e), MP_OK);
	assert_int_equal(n, 0);
	mp_record_free(r);
	mp_listq_free(q);
}

static void test_key_copy(void **state)
{
	mp_key a = { NULL, 0 }, b = { NULL, 0 };

	(void)state;
	a.sortval = mp_strdup("书画社");
	a.id = 5;
	mp_key_copy(&b, &a);
	assert_string_equal(b.sortval, "书画社");
	assert_ptr_not_equal(b.sortval, a.sortval);
	mp_key_copy(&b, &b);   /* onto itself */
	assert_string_equal(b.sortval, "书画社");
	mp_key_clear(&a);
	mp_key_copy(&b, &a);
	assert_null(b.sortval);
	assert_int_equal(b.id, 0);
	mp_key_clear(&b);
}

/* The values a filter offers when the settings list none: each community
 * once, in order, none from the recycle bin. */
static void test_values(void **state)
{
	struct fx *f = *state;
	mp_strlist l = { NULL, 0 };
	mp_err e;

	assert_int_equal(mp_list_values(f->fx.db, &mp_groups, G_COMMUNITY, 100, &l, &e), MP_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0], "东湖村");
	assert_string_equal(l.v[1], "和平社区");
	assert_string_equal(l.v[2], "幸福里社区");
	mp_strlist_free(&l);
	assert_int_equal(mp_list_values(f->fx.db, &mp_groups, G_COMMUNITY, 2, &l, &e), MP_OK);
	assert_int_equal(l.n, 2);
	mp_strlist_free(&l);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_forward_by_name),
		T(test_last_page_and_inclusive),
		T(test_sort_by_date_added),
		T(test_search),
		T(test_filters),
		T(test_bin),
		T(test_key_of),
		T(test_sees_new_rows),
		T(test_values),
		T(test_count_kept),
		cmocka_unit_test(test_key_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
