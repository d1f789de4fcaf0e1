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
#include "mp_group.h"
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
