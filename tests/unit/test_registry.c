/* test_registry.c — a record type is a table: one declared only in this
 * file (workshops: a searched, required name, a date, a count and a
 * reference to groups), registered at run time, is stored, checked,
 * listed in keyset pages, searched by one Chinese character, binned and
 * restored, exported and imported back byte for byte — with no other file
 * of the program knowing it (its table is made from its declaration,
 * mp_schema.h).  And the registry itself: its order, its
 * names, what it refuses. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include "db_internal.h"
#include "mp_export.h"
#include "mp_group.h"
#include "mp_backup.h"
#include "mp_import.h"
#include "mp_list.h"
#include "mp_registry.h"
#include "mp_schema.h"
#include "mp_check.h"
#include "mp_search.h"
#include "mp_text.h"
#include "fixture.h"

/* ---- the type, declared here and nowhere else ---- */

enum { W_NAME, W_DATE, W_PEOPLE, W_GROUP, W__COUNT };

static const mp_field workshop_fields[W__COUNT] = {
	[W_NAME] = { .col = "name", .label_zh = "工作坊名称",
		.label_en = "Workshop name", .kind = MP_K_TEXT,
		.flags = MP_F_REQUIRED | MP_F_SEARCH | MP_F_LIST,
		.maxlen = 60, .list_width = 18 },
	[W_DATE] = { .col = "date", .label_zh = "日期", .label_en = "Workshop date",
		.kind = MP_K_DATE, .flags = MP_F_LIST, .maxlen = 10, .list_width = 10 },
	[W_PEOPLE] = { .col = "people", .label_zh = "人数", .label_en = "People",
		.kind = MP_K_COUNT, .flags = MP_F_LIST, .maxlen = 5, .list_width = 6 },
	[W_GROUP] = { .col = "group_id", .label_zh = "组织", .label_en = "Group",
		.kind = MP_K_REF, .flags = MP_F_LIST, .list_width = 14,
		.ref = &mp_groups },
};

static const mp_sort workshop_sorts[] = {
	{ "by name", "name", 0 },
};

/* Found by name where something refers to one; an import skips the same
 * name on the same date. */
static const mp_findby workshop_findby[] = {
	{ W_NAME, NULL, MP_FIND_CELL },
};
static const int workshop_dupkey[] = { W_NAME, W_DATE };

static const mp_table workshops = {
	.name = "workshops",
	.title_en = "Workshops",
	.unit_en = "workshop",
	.tflags = MP_T_DECLARED,   /* its table made from this declaration */
	.fields = workshop_fields,
	.nfields = W__COUNT,
	.sorts = workshop_sorts,
	.nsorts = sizeof workshop_sorts / sizeof workshop_sorts[0],
	.findby = workshop_findby,
	.nfindby = sizeof workshop_findby / sizeof workshop_findby[0],
	.dupkey = workshop_dupkey,
	.ndupkey = sizeof workshop_dupkey / sizeof workshop_dupkey[0],
};

/* What a new record starts with, said in the declaration: a date that
 * starts as today, a fixed first value, and the type's hook after them
 * (it may change what the declaration set). */
enum { S_DATE, S_KIND, S_PLACE, S_NOTE, S__COUNT };

static const mp_field starts_fields[S__COUNT] = {
	[S_DATE] = { .col = "date", .label_zh = "日期", .label_en = "Date",
		.kind = MP_K_DATE, .flags = MP_F_TODAY, .maxlen = 10 },
	[S_KIND] = { .col = "kind", .label_zh = "类型", .label_en = "Kind",
		.kind = MP_K_TEXT, .initial = "现场" },
	[S_PLACE] = { .col = "place", .label_zh = "地点", .label_en = "Place",
		.kind = MP_K_TEXT, .initial = "社工站" },
	[S_NOTE] = { .col = "note", .label_zh = "备注", .label_en = "Note",
		.kind = MP_K_TEXT },
};

static void starts_defaults(const mp_config *cfg, mp_record *r)
{
	(void)cfg;
	if (strcmp(r->v[S_PLACE], "社工站") == 0)
		mp_record_set(r, S_PLACE, "幸福街道社工站");
}

static const mp_table starts = {
	.name = "starts", .title_en = "Starts", .unit_en = "start",
	.tflags = MP_T_DECLARED, .fields = starts_fields, .nfields = S__COUNT,
	.defaults = starts_defaults,
};

static void test_new_record_starts_as_declared(void **state)
{
	struct mp_fx *f = *state;
	char today[11];
	mp_record *r;

	setenv("MIAOPU_TODAY", "2026-03-05", 1);
	mp_today(today);
	assert_string_equal(today, "2026-03-05");
	r = mp_record_new(&starts, &f->cfg);
	assert_string_equal(r->v[S_DATE], "2026-03-05");
	assert_string_equal(r->v[S_KIND], "现场");
	assert_string_equal(r->v[S_PLACE], "幸福街道社工站");
	assert_string_equal(r->v[S_NOTE], "");
	mp_record_free(r);
	unsetenv("MIAOPU_TODAY");
	/* Without settings (a record about to be loaded) nothing is preset. */
	r = mp_record_new(&starts, NULL);
	for (int i = 0; i < S__COUNT; i++)
		assert_string_equal(r->v[i], "");
	mp_record_free(r);
}

/* A type that refers to one the registry does not hold. */
static const mp_field orphan_fields[] = {
	{ .col = "workshop_id", .label_zh = "工作坊", .label_en = "Workshop",
		.kind = MP_K_REF, .ref = &(const mp_table){ .name = "nowhere" } },
};
static const mp_table orphans = {
	.name = "orphans", .title_en = "Orphans", .unit_en = "orphan",
	.fields = orphan_fields, .nfields = 1,
};

/* The table is made from the declaration: by the opening of a ledger
 * (MP_T_DECLARED), and again by mp_schema_create_table, which leaves a
 * table that is there as it is. */
static void create_table(struct mp_fx *f)
{
	mp_err e;

	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM sqlite_schema"
	                               " WHERE type = 'table' AND name = 'workshops'"), 1);
	assert_int_equal(mp_schema_create_table(f->db, &workshops, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM pragma_table_info('workshops')"
	                               " WHERE name IN ('id', 'uuid', 'created_at',"
	                               " 'updated_at', 'deleted_at', 'name', 'date',"
	                               " 'people', 'group_id')"), 9);
}

static int setup(void **state)
{
	int rc = mp_registry_add(&workshops);

	/* Once per program: later tests find it there already. */
	if (rc != MP_OK && rc != MP_EDUP)
		return -1;
	return mp_fx_setup(state);
}

static int64_t add(struct mp_fx *f, const char *name, const char *date,
                   const char *people, int64_t group)
{
	mp_record *r = mp_record_new(&workshops, &f->cfg);

	mp_record_set(r, W_NAME, name);
	mp_record_set(r, W_DATE, date);
	mp_record_set(r, W_PEOPLE, people);
	if (group)
		mp_fx_set_id(r, W_GROUP, group);
	return mp_fx_save_free(f, r);
}

/* Two groups 夕阳红 (names repeat: the UUID decides), and workshops with
 * Chinese names, a comma, a quote, an empty count and no group. */
static int64_t g1, g2;

static void fill(struct mp_fx *f)
{
	g1 = mp_fx_save_free(f, mp_fx_group(f, "夕阳红", "幸福社区"));
	g2 = mp_fx_save_free(f, mp_fx_group(f, "夕阳红", "和平社区"));
	add(f, "急救工作坊", "2025-03-01", "12", g1);
	add(f, "手语, \"入门\"", "2025-03-08", "", g2);
	add(f, "急救复训", "2025-04-01", "8", g2);
	add(f, "茶话会", "", "30", 0);
	add(f, "书法", "2025-05-01", "0", g1);
}

/* ---- the registry ---- */

static void test_registry_lists_and_refuses(void **state)
{
	char *names;
	int i, n = mp_registry_count();

	(void)state;
	assert_int_equal(n, mp_nbuiltin_types + 1);   /* those built in, and this one */
	assert_ptr_equal(mp_registry_get(0), &mp_groups);
	assert_ptr_equal(mp_registry_get(n - 1), &workshops);
	assert_null(mp_registry_get(n));
	assert_null(mp_registry_get(-1));
	assert_ptr_equal(mp_table_by_name("workshops"), &workshops);
	assert_ptr_equal(mp_table_by_name("groups"), &mp_groups);
	assert_null(mp_table_by_name("workshop"));
	assert_null(mp_table_by_name(NULL));
	assert_int_equal(mp_registry_add(&workshops), MP_EDUP);
	assert_int_equal(mp_registry_add(&orphans), MP_EINVAL);
	assert_int_equal(mp_registry_count(), n);
	names = mp_registry_names(", ");
	/* The first built-in types in their order, the one added last (the
	 * types added since, issue 16's and others, lie between). */
	{
		static const char first[] = "groups, volunteers, activities, hours,"
		    " memberships, trainings, training_groups, training_people, visits, ";

		assert_memory_equal(names, first, sizeof first - 1);
	}
	assert_true(strlen(names) > 11);
	assert_string_equal(names + strlen(names) - 11, ", workshops");
	free(names);
	/* Dependency order: each refers only to types before it. */
	for (i = 0; i < n; i++) {
		const mp_table *t = mp_registry_get(i);

		for (int k = 0; k < t->nfields; k++) {
			const mp_table *to = t->fields[k].ref;
			int j;

			if (t->fields[k].kind != MP_K_REF)
				continue;
			for (j = 0; j < i && mp_registry_get(j) != to; j++)
				;
			if (j == i)
				fail_msg("%s.%s refers to a type not before it",
				         t->name, t->fields[k].col);
		}
	}
}

/* ---- the type at work ---- */

static void test_saved_and_checked(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r, *back;
	mp_err e;

	create_table(f);
	fill(f);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM workshops"), 5);
	assert_int_equal(mp_fx_sql_int(f, "SELECT people FROM workshops"
	                               " WHERE name = '急救复训'"), 8);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM workshops"
	                               " WHERE people IS NULL"), 1);

	/* A date that does not exist is refused, naming the field. */
	r = mp_record_new(&workshops, &f->cfg);
	mp_record_set(r, W_NAME, "剪纸");
	mp_record_set(r, W_DATE, "2025-02-30");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, W_DATE);
	assert_non_null(strstr(e.msg, "Workshop date"));
	assert_int_equal(r->id, 0);
	/* A typed date is normalised; a count must be a whole number. */
	mp_record_set(r, W_DATE, "2025年6月1日");
	mp_record_set(r, W_PEOPLE, "2.5");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, W_PEOPLE);
	/* The name is required. */
	mp_record_set(r, W_PEOPLE, "");
	mp_record_set(r, W_NAME, " ");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, W_NAME);
	/* A group that is not there is refused. */
	mp_record_set(r, W_NAME, "剪纸");
	mp_record_set(r, W_GROUP, "999");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, W_GROUP);
	mp_fx_set_id(r, W_GROUP, g2);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_int_equal(mp_record_load(f->db, &workshops, r->id, &back, &e), MP_OK);
	assert_string_equal(back->v[W_DATE], "2025-06-01");
	assert_string_equal(back->v[W_NAME], "剪纸");
	mp_record_free(back);
	mp_record_free(r);
}

/* Every row of q, a page of two at a time (keyset paging), joined by '|'
 * from the name column. */
static char *pages(struct mp_fx *f, mp_listq *q)
{
	mp_row rows[2];
	mp_key last = { NULL, 0 };
	char *all = mp_strdup(""), *s;
	int n, i, first = 1;
	mp_err e;

	(void)f;
	do {
		assert_int_equal(mp_listq_fetch(q, first ? NULL : &last, 1, 0, 2,
		                                rows, &n, &e), MP_OK);
		for (i = 0; i < n; i++) {
			s = mp_asprintf("%s%s%s", all, *all ? "|" : "", rows[i].cells[W_NAME]);
			free(all);
			all = s;
		}
		if (n > 0)
			mp_key_copy(&last, &rows[n - 1].key);
		mp_rows_clear(rows, n);
		first = 0;
	} while (n == 2);
	mp_key_clear(&last);
	return all;
}

static void test_listed_searched_binned(void **state)
{
	struct mp_fx *f = *state;
	mp_listq *q;
	char *got;
	mp_err e;
	int64_t id;

	create_table(f);
	fill(f);
	q = mp_listq_new(f->db, &workshops);
	mp_listq_set_sort(q, 0);
	got = pages(f, q);
	/* By name (SQLite's byte order), in pages of two. */
	assert_string_equal(got, "书法|急救复训|急救工作坊|手语, \"入门\"|茶话会");
	free(got);

	/* One Chinese character finds the two first-aid workshops, through
	 * the character index: a declared type needs no number of its own
	 * there, and its rows' tokens are kept by the triggers made for it. */
	assert_true(mp_search_code(&workshops) > 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                               " WHERE s_tok = '急'"), 2);
	mp_listq_set_search(q, "急");
	got = pages(f, q);
	assert_string_equal(got, "急救复训|急救工作坊");
	free(got);
	mp_listq_set_search(q, "入门");
	got = pages(f, q);
	assert_string_equal(got, "手语, \"入门\"");
	free(got);
	mp_listq_set_search(q, NULL);

	/* Into the recycle bin and back. */
	id = mp_fx_sql_int(f, "SELECT id FROM workshops WHERE name = '急救复训'");
	assert_int_equal(mp_record_delete(f->db, &workshops, id, &e), MP_OK);
	got = pages(f, q);
	assert_string_equal(got, "书法|急救工作坊|手语, \"入门\"|茶话会");
	free(got);
	mp_listq_set_bin(q, 1);
	got = pages(f, q);
	assert_string_equal(got, "急救复训");
	free(got);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &workshops, id, &e), MP_OK);
	got = pages(f, q);
	assert_string_equal(got, "");
	free(got);
	mp_listq_set_bin(q, 0);
	got = pages(f, q);
	assert_string_equal(got, "书法|急救复训|急救工作坊|手语, \"入门\"|茶话会");
	free(got);
	mp_listq_free(q);
}

static char *export_str(mp_db *db, const mp_table *t)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	long n;
	mp_err e;

	assert_non_null(out);
	assert_int_equal(mp_export_csv_flags(db, t, MP_EXPORT_FULL, out, &n, &e), MP_OK);
	fclose(out);
	return buf;
}

static void import_str(struct mp_fx *f, const mp_table *t, const char *csv,
                       long added, long skipped)
{
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	mp_import_result res;
	mp_err e;
	int rc;

	assert_non_null(in);
	rc = mp_import_csv(f->db, &f->cfg, t, in, 0, &res, &e);
	for (int i = 0; i < res.nmsgs; i++)
		print_message("%s: %s\n", t->name, res.msgs[i].text);
	assert_int_equal(rc, MP_OK);
	assert_int_equal(res.added, added);
	assert_int_equal(res.skipped, skipped);
	mp_import_result_free(&res);
	fclose(in);
}

/* Exported, imported into an empty ledger (groups first), exported again:
 * the same bytes.  Imported again: every row a duplicate. */
static void test_exported_and_imported_back(void **state)
{
	struct mp_fx *f = *state, g = { 0 };
	char *groups, *a, *b;

	create_table(f);
	fill(f);
	groups = export_str(f->db, &mp_groups);
	a = export_str(f->db, &workshops);
	assert_non_null(strstr(a, "\"工作坊名称\",\"日期\",\"人数\",\"组织\",\"UUID\""));
	assert_non_null(strstr(a, "\"手语, \"\"入门\"\"\""));

	assert_int_equal(mp_fx_open(&g), 0);   /* makes the table */
	import_str(&g, &mp_groups, groups, 2, 0);
	import_str(&g, &workshops, a, 5, 0);
	b = export_str(g.db, &workshops);
	assert_string_equal(a, b);
	import_str(&g, &workshops, a, 0, 5);
	free(b);

	/* By name, without UUIDs: the same name and date is a duplicate; a
	 * group whose name repeats needs its UUID. */
	import_str(&g, &workshops, "工作坊名称,日期,人数\n急救工作坊,2025-03-01,3\n"
	           "急救工作坊,2025-09-01,3\n", 1, 1);
	{
		const char *csv = "工作坊名称,组织\n剪纸,夕阳红\n";
		FILE *in = fmemopen((void *)csv, strlen(csv), "r");
		mp_import_result res;
		mp_err e;

		assert_int_equal(mp_import_csv(g.db, &g.cfg, &workshops, in, 0, &res, &e),
		                 MP_EINVAL);
		assert_int_equal(res.refused, 1);
		assert_int_equal(res.msgs[0].field, W_GROUP);
		assert_non_null(strstr(res.msgs[0].text, "组织UUID"));
		mp_import_result_free(&res);
		fclose(in);
	}
	assert_int_equal(mp_fx_close(&g), 0);
	free(a);
	free(groups);
}

/* ---- a declaration that gains a field ----
 *
 * Talks are declared twice: as a ledger made earlier knew them (a title
 * and a date) and as the program declares them now, with a searched
 * speaker and an index on it.  The registry holds the one mutable
 * `talks`, which the test sets to either. */

enum { T_TITLE, T_DATE, T_SPEAKER, T__COUNT };

static const mp_field talk_fields[T__COUNT] = {
	[T_TITLE] = { .col = "title", .label_zh = "讲座题目", .label_en = "Talk title",
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_SEARCH | MP_F_LIST,
		.maxlen = 60, .list_width = 18 },
	[T_DATE] = { .col = "date", .label_zh = "日期", .label_en = "Talk date",
		.kind = MP_K_DATE, .flags = MP_F_LIST, .maxlen = 10, .list_width = 10 },
	[T_SPEAKER] = { .col = "speaker", .label_zh = "主讲人", .label_en = "Speaker",
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH | MP_F_LIST,
		.maxlen = 20, .list_width = 8 },
};

static const mp_sort talk_sorts[] = {
	{ "by title", "title", 0 },
};

static const mp_index talk_indexes[] = {
	{ "talks_speaker", "speaker", MP_I_LIVE, NULL },
};

static const mp_table talks_v1 = {
	.name = "talks", .title_en = "Talks", .unit_en = "talk",
	.tflags = MP_T_DECLARED,
	.fields = talk_fields, .nfields = T_SPEAKER,
	.sorts = talk_sorts, .nsorts = 1,
};

static const mp_table talks_v2 = {
	.name = "talks", .title_en = "Talks", .unit_en = "talk",
	.tflags = MP_T_DECLARED,
	.fields = talk_fields, .nfields = T__COUNT,
	.sorts = talk_sorts, .nsorts = 1,
	.indexes = talk_indexes, .nindexes = 1,
};

static mp_table talks;

static int setup_talks(void **state)
{
	int rc;

	talks = talks_v1;
	rc = mp_registry_add(&talks);
	if (rc != MP_OK && rc != MP_EDUP)
		return -1;
	return setup(state);
}

static int64_t add_talk(struct mp_fx *f, const char *title, const char *date,
                        const char *speaker)
{
	mp_record *r = mp_record_new(&talks, &f->cfg);

	mp_record_set(r, T_TITLE, title);
	mp_record_set(r, T_DATE, date);
	if (speaker)
		mp_record_set(r, T_SPEAKER, speaker);
	return mp_fx_save_free(f, r);
}

static void reopen(struct mp_fx *f)
{
	char *path = mp_asprintf("%s/%s", f->dir, MP_FX_DB);
	mp_err e;

	mp_db_close(f->db);
	f->db = NULL;
	if (mp_db_open(&f->db, path, 0, &e) != MP_OK)
		fail_msg("opening the older ledger: %s", e.msg);
	free(path);
}

static long has_speaker(struct mp_fx *f)
{
	return mp_fx_sql_int(f, "SELECT count(*) FROM pragma_table_info('talks')"
	                     " WHERE name = 'speaker'");
}

/* A ledger made when talks had no speaker is opened by the program that
 * declares one: the column is added (after a copy in the backup folder),
 * the old talks keep their values with no speaker, and a speaker is
 * saved, listed, searched by one character and exported.  A read-only
 * ledger is refused with a message, untouched. */
static void test_declaration_gains_a_field(void **state)
{
	struct mp_fx *f = *state;
	char *dir, *got, *csv;
	mp_listq *q;
	mp_record *r;
	mp_err e;
	int64_t id;

	add_talk(f, "社区防诈骗", "2025-03-01", NULL);
	add_talk(f, "垃圾分类", "2025-04-01", NULL);
	assert_int_equal(has_speaker(f), 0);

	/* Read-only: refused with a message naming the ledger, nothing
	 * changed. */
	talks = talks_v2;
	mp_db_stop_writes(f->db);
	assert_int_equal(mp_schema_create_declared(f->db, NULL, &e), MP_EREADONLY);
	assert_non_null(strstr(e.msg, f->dir));
	assert_int_equal(has_speaker(f), 0);

	/* Opened again, writable: brought up to the declaration. */
	reopen(f);
	assert_int_equal(has_speaker(f), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM sqlite_schema"
	                               " WHERE type = 'index' AND name = 'talks_speaker'"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM talks WHERE speaker IS NULL"
	                               " AND ((title = '社区防诈骗' AND date = '2025-03-01')"
	                               " OR (title = '垃圾分类' AND date = '2025-04-01'))"), 2);
	dir = mp_asprintf("%s/%s", f->dir, MP_BACKUP_DIRNAME);
	{
		DIR *d = opendir(dir);
		struct dirent *de;
		int copies = 0;

		assert_non_null(d);
		while ((de = readdir(d)) != NULL)
			copies += strstr(de->d_name, "before-upgrade") != NULL;
		closedir(d);
		assert_int_equal(copies, 1);
	}
	free(dir);

	/* Saved, on an old talk and a new one. */
	id = mp_fx_sql_int(f, "SELECT id FROM talks WHERE title = '垃圾分类'");
	assert_int_equal(mp_record_load(f->db, &talks, id, &r, &e), MP_OK);
	assert_string_equal(r->v[T_SPEAKER], "");
	assert_string_equal(r->v[T_DATE], "2025-04-01");
	mp_record_set(r, T_SPEAKER, "王晓梅");
	mp_fx_save_free(f, r);
	add_talk(f, "急救知识", "2025-05-01", "李建国");

	/* Listed, and found by one character of the speaker. */
	q = mp_listq_new(f->db, &talks);
	mp_listq_set_sort(q, 0);
	got = pages(f, q);
	assert_string_equal(got, "垃圾分类|急救知识|社区防诈骗");
	free(got);
	mp_listq_set_search(q, "梅");
	got = pages(f, q);
	assert_string_equal(got, "垃圾分类");
	free(got);
	mp_listq_free(q);

	/* Exported with the new column. */
	csv = export_str(f->db, &talks);
	assert_non_null(strstr(csv, "\"讲座题目\",\"日期\",\"主讲人\""));
	assert_non_null(strstr(csv, "\"急救知识\",\"2025-05-01\",\"李建国\""));
	free(csv);

	/* Opened once more: nothing lacks, so no second copy. */
	reopen(f);
	assert_int_equal(has_speaker(f), 1);
	talks = talks_v1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_registry_lists_and_refuses, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_saved_and_checked, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_listed_searched_binned, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_exported_and_imported_back, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_declaration_gains_a_field, setup_talks, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_new_record_starts_as_declared, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
