/* saver.c — the program the kill test (test_kill.c) kills: it saves
 * records and imports files into a ledger as fast as it can, through the
 * same core functions as the full-screen program, and prints one line
 * after each commit has returned, so that the test knows exactly what the
 * program reported as done:
 *
 *   SAVED GROUP <uuid>          a group saved with mp_record_save
 *   SAVED VOLUNTEER <uuid>      a volunteer (kept by a counting trigger)
 *   IMPORTED <batch> <rows>     an import of <rows> groups, community <batch>
 *   BACKUP <file>               a backup made with mp_backup_to
 *
 * Usage: saver LEDGER FOLDER SEED.  It runs until it is killed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_backup.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_ledger.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_record.h"
#include "mp_volunteer.h"
#include "safety.h"

static mp_db *db;
static mp_config cfg;

static void save_one(const mp_table *t, const char *what, long n)
{
	mp_record *r = mp_record_new(t, &cfg);
	char name[64], no[64];
	mp_err e;

	snprintf(name, sizeof name, "save-%ld-%ld", (long)getpid(), n);
	mp_record_set(r, 0, name);
	if (t == &mp_groups) {
		mp_record_set(r, mp_table_field(t, "community"), "保存社区");
	} else {
		snprintf(no, sizeof no, "V%ld-%ld", (long)getpid(), n);
		mp_record_set(r, mp_table_field(t, "vol_no"), no);
	}
	if (mp_record_save(db, &cfg, r, &e) == MP_OK) {
		printf("SAVED %s %s\n", what, r->uuid);
		fflush(stdout);
	} else {
		fprintf(stderr, "saver: %s\n", e.msg);
	}
	mp_record_free(r);
}

static void import_one(const char *folder, long n)
{
	char batch[64], path[4096];
	mp_import_result res;
	mp_err e;
	FILE *f;

	snprintf(batch, sizeof batch, "%s%ld-%ld", SAFETY_BATCH_PREFIX, (long)getpid(), n);
	snprintf(path, sizeof path, "%s/%s.csv", folder, batch);
	f = fopen(path, "w+");
	if (!f)
		return;
	fprintf(f, "组织名称,所属社区(村),备注\n");
	for (int i = 0; i < SAFETY_BATCH_ROWS; i++)
		fprintf(f, "导入组织%d,%s,第%d行\n", i, batch, i + 2);
	rewind(f);
	memset(&res, 0, sizeof res);
	if (mp_import_csv(db, &cfg, &mp_groups, f, 0, &res, &e) == MP_OK && res.written) {
		printf("IMPORTED %s %ld\n", batch, res.added);
		fflush(stdout);
	} else {
		fprintf(stderr, "saver: %s\n", e.msg);
	}
	mp_import_result_free(&res);
	fclose(f);
	unlink(path);
}

static void backup_one(const char *folder)
{
	char path[4096];
	mp_err e;

	snprintf(path, sizeof path, "%s/%s", folder, SAFETY_BACKUP_NAME);
	if (mp_backup_to(db, path, &e) == MP_OK) {
		printf("BACKUP %s\n", path);
		fflush(stdout);
	}
}

int main(int argc, char **argv)
{
	mp_err e;
	long n;

	if (argc != 4) {
		fprintf(stderr, "usage: saver LEDGER FOLDER SEED\n");
		return 2;
	}
	srand((unsigned)atol(argv[3]));
	mp_config_defaults(&cfg);
	if (mp_db_open(&db, argv[1], 0, &e) != MP_OK) {
		fprintf(stderr, "saver: %s\n", e.msg);
		return 1;
	}
	printf("OPEN\n");
	fflush(stdout);
	for (n = 0;; n++) {
		int dice = rand() % 100;

		if (dice < 15)
			import_one(argv[2], n);
		else if (dice < 18)
			backup_one(argv[2]);
		else if (dice < 40)
			save_one(&mp_volunteers, "VOLUNTEER", n);
		else
			save_one(&mp_groups, "GROUP", n);
	}
}
