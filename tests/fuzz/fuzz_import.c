/* fuzz_import.c — libFuzzer entry point for the CSV import.
 *
 * The first byte picks the table (groups or volunteers); the rest is the
 * file.  Every input is imported as a dry run into one ledger made once in
 * a fresh folder, so inputs do not depend on each other.  The same file is
 * linked with replay.c into a normal test that runs the kept inputs. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_config.h"
#include "mp_db.h"
#include "mp_ledger.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_import.h"
#include "mp_record.h"
#include "fuzz.h"

static mp_db *db;
static mp_config cfg;
static char dir[64];

static void cleanup(void)
{
	char path[128];

	mp_db_close(db);
	mp_config_free(&cfg);
	snprintf(path, sizeof path, "%s/f.db", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/f.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/f.db-shm", dir);
	unlink(path);
	rmdir(dir);
}

static void setup(void)
{
	char path[128];
	mp_err e;

	snprintf(dir, sizeof dir, "/tmp/miaopu-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	if (mp_db_open(&db, path, 0, &e) != MP_OK) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	mp_config_defaults(&cfg);
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const mp_table *t;
	mp_import_result res;
	mp_err e;
	FILE *in;

	if (!db)
		setup();
	if (size < 1)
		return 0;
	t = mp_table_by_name(data[0] & 1 ? "volunteers" : "groups");
	in = tmpfile();
	if (!in)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, in) != size - 1)
		abort();
	rewind(in);
	memset(&res, 0, sizeof res);
	mp_import_csv(db, &cfg, t, in, 1, &res, &e);
	mp_import_result_free(&res);
	fclose(in);
	return 0;
}
