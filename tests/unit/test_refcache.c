/* test_refcache.c — the records an export's references point to
 * (refcache.c): the same name and UUID as a search of the table gives,
 * for every id, within the cache's bounds and past them (ids beyond its
 * array, names that do not fit an entry, no room left beside it), for ids
 * of records that are gone and ids that never were. */
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
#include "export_internal.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define NVOL 400

static void exec(struct mp_fx *f, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(f->db->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* NVOL volunteers by SQL: every third with a name too long for an entry,
 * every fifth with a UUID in capitals (kept as text), ids 150-160 gone
 * from the table. */
static void fill(struct mp_fx *f)
{
	exec(f, "BEGIN");
	for (int i = 1; i <= NVOL; i++) {
		char *sql = mp_asprintf(
			"INSERT INTO volunteers (id, uuid, created_at, updated_at, name)"
			" VALUES (%d, '%s%07x-aaaa-4bbb-8ccc-00000000%04d', '2024-01-01',"
			" '2024-01-01', '%s%d')", i, i % 5 ? "0" : "A", i, i,
			i % 3 ? "王秀英" : "翠苑社区夕阳红志愿服务队队员", i);
		exec(f, sql);
		free(sql);
	}
	exec(f, "DELETE FROM volunteers WHERE id BETWEEN 150 AND 160");
	exec(f, "COMMIT");
}

/* Ask for ids 0..NVOL+5 in a scattered order and compare each answer with
 * the table's. */
static void compare_all(struct mp_fx *f)
{
	struct refcache *c = refcache_new(f->db, &mp_volunteers);
	sqlite3_stmt *st;
	mp_err e;

	assert_int_equal(sqlite3_prepare_v2(f->db->h, "SELECT name, uuid FROM"
	                 " volunteers WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	/* Round 1 asks for each id twice in a row (the answer kept from
	 * the last call). */
	for (int round = 0; round < 3; round++)
		for (int k = 0; k <= NVOL + 5; k++) {
			int64_t id = ((k >> (round == 1)) * 37) % (NVOL + 6);
			const char *name, *uuid;
			size_t nlen, ulen;

			refcache_ahead(c, id);
			assert_int_equal(refcache_get(c, id, &name, &nlen, &uuid, &ulen, &e),
			                 MP_OK);
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				assert_non_null(name);
				assert_string_equal(name, sqlite3_column_text(st, 0));
				assert_int_equal(nlen, strlen(name));
				assert_string_equal(uuid, sqlite3_column_text(st, 1));
				assert_int_equal(ulen, strlen(uuid));
			} else {
				if (name)
					fail_msg("id %lld is not there, but came back as %s",
					         (long long)id, name);
				assert_null(uuid);
			}
			sqlite3_reset(st);
		}
	sqlite3_finalize(st);
	refcache_free(c);
}

static void test_within_bounds(void **state)
{
	struct mp_fx *f = *state;

	fill(f);
	compare_all(f);
}

/* An array of 100 ids (the rest searched for alone) and 300 bytes beside
 * it (full after a few long names). */
static void test_past_bounds(void **state)
{
	struct mp_fx *f = *state;

	fill(f);
	refcache_limits(100, 300);
	compare_all(f);
	refcache_limits(1, 0);
	compare_all(f);
	refcache_limits((size_t)1 << 17, (size_t)1 << 20);
}

/* A table with no records at all. */
static void test_empty_table(void **state)
{
	struct mp_fx *f = *state;
	struct refcache *c = refcache_new(f->db, &mp_volunteers);
	const char *name = "x", *uuid = "x";
	size_t nlen = 1, ulen = 1;
	mp_err e;

	assert_int_equal(refcache_get(c, 7, &name, &nlen, &uuid, &ulen, &e), MP_OK);
	assert_null(name);
	assert_null(uuid);
	assert_int_equal(nlen + ulen, 0);
	refcache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_within_bounds, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_past_bounds, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_empty_table, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
