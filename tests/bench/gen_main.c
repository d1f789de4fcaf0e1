/* gen_main.c — miaopu-gen: make a district-sized ledger for the benchmark.
 *
 *   miaopu-gen [--seed N] [--scale F] [--csv FILE [--csv-rows N]]
 *              [--projects P] [--growth] OUT.db
 *
 * --projects P adds funding rounds at P times 杭州's scale (13 rounds,
 * 8,000 projects ...) after the district; `--schema --projects 1` prints
 * the key of such a data set.
 *
 * The ledger is made as OUT.db.part and renamed when complete, so that a
 * half-made file is never taken for a finished one.  --csv also writes
 * volunteers of another town for `miaopu import volunteers`. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "gen.h"
#include "mp_ledger.h"
#include "mp_steps.h"
#include "mp_text.h"

static void usage(void)
{
	fputs("usage: miaopu-gen [--seed N] [--scale F] [--csv FILE"
	      " [--csv-rows N]] [--projects P] [--growth] [--quiet] OUT.db"
	      " | --empty OUT.db | --schema [--projects P | --growth]\n", stderr);
	exit(2);
}

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* How the groups grew (issue 17): the incubation bases, stays and
 * services, the stage histories and the observation points. */
static int add_growth(mp_db *db, const mp_config *c, uint32_t seed,
                      double scale, int quiet, mp_err *e)
{
	struct bench_growth p;
	int rc;

	bench_growth_set(&p, scale);
	if (!quiet)
		fprintf(stderr, "miaopu-gen: growth at %g times the district: %ld bases,"
		        " %ld stays, %ld services\n", scale, p.bases, p.stays, p.services);
	rc = bench_generate_growth(db, c, seed, &p, quiet ? NULL : stderr, e);
	/* Ten years of every group's stages (gen_stages.c). */
	if (rc == MP_OK && gen_stages(db->h, seed, scale) != SQLITE_OK)
		rc = mp_err_set(e, MP_EIO, "stage history: %s", sqlite3_errmsg(db->h));
	return rc;
}

int main(int argc, char **argv)
{
	uint32_t seed = 1;
	double scale = 1.0, t0 = seconds(), projects = 0;
	int schema = 0, growth = 0;
	const char *out = NULL, *csv = NULL;
	long csv_rows = -1;
	int quiet = 0, i, rc;
	struct bench_scale s;
	mp_config c;
	mp_db *db = NULL;
	mp_err e;
	char *part;

	setlocale(LC_ALL, "");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
			csv = argv[++i];
		else if (!strcmp(argv[i], "--csv-rows") && i + 1 < argc)
			csv_rows = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--projects") && i + 1 < argc)
			projects = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--growth"))
			growth = 1;
		else if (!strcmp(argv[i], "--schema"))
			schema = 1;
		else if (!strcmp(argv[i], "--empty"))
			scale = 0;
		else if (!strcmp(argv[i], "--quiet"))
			quiet = 1;
		else if (argv[i][0] == '-' || out)
			usage();
		else
			out = argv[i];
	}
	if (schema) {
		/* What the cached data set is keyed by (the district's key stays
		 * as it was without --projects). */
		if (projects > 0)
			printf("%d-%d-p%d\n", mp_db_schema_version(), BENCH_GEN_VERSION,
			       BENCH_PROJECTS_VERSION);
		else if (growth)
			printf("%d-%d-g%d-s%d\n", mp_db_schema_version(), BENCH_GEN_VERSION,
			       BENCH_GROWTH_VERSION, BENCH_STAGES_VERSION);
		else
			printf("%d-%d\n", mp_db_schema_version(), BENCH_GEN_VERSION);
		return 0;
	}
	if (!out || scale < 0 || projects < 0)
		usage();
	if (scale == 0) {
		/* --empty: a new ledger with nothing in it (to import into). */
		rc = mp_db_open(&db, out, 0, &e);
		if (rc != MP_OK) {
			fprintf(stderr, "miaopu-gen: %s\n", e.msg);
			return 1;
		}
		mp_db_close(db);
		return 0;
	}
	if (growth && access(out, F_OK) == 0) {
		/* --growth onto a district ledger of the same seed and scale,
		 * made before (the bench copies its cached one). */
		rc = mp_db_open(&db, out, 0, &e);
		if (rc == MP_OK) {
			sqlite3_exec(db->h, "PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY",
			             NULL, NULL, NULL);
			mp_config_defaults(&c);
			bench_config(&c);
			rc = add_growth(db, &c, seed, scale, quiet, &e);
			if (rc == MP_OK)
				sqlite3_exec(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
			mp_db_close(db);
			mp_config_free(&c);
		}
		if (rc != MP_OK) {
			fprintf(stderr, "miaopu-gen: %s\n", e.msg);
			return 1;
		}
		if (!quiet)
			fprintf(stderr, "miaopu-gen: growth added to %s in %.1f s\n", out,
			        seconds() - t0);
		return 0;
	}
	bench_scale_set(&s, scale);
	if (csv) {
		rc = bench_volunteers_csv(csv, seed,
		                          csv_rows >= 0 ? csv_rows : s.volunteers, &e);
		if (rc != MP_OK) {
			fprintf(stderr, "miaopu-gen: %s\n", e.msg);
			return 1;
		}
	}
	part = mp_asprintf("%s.part", out);
	remove(part);
	rc = mp_db_open(&db, part, 0, &e);
	if (rc != MP_OK) {
		fprintf(stderr, "miaopu-gen: %s\n", e.msg);
		free(part);
		return 1;
	}
	/* The generator's own tuning: a big page cache for a million inserts
	 * into random-UUID indexes.  Safety at commit stays as miaopu has it. */
	sqlite3_exec(db->h, "PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	mp_config_defaults(&c);
	bench_config(&c);
	if (!quiet)
		fprintf(stderr, "miaopu-gen: seed %u, scale %g: %ld groups, %ld volunteers,"
		        " %ld activities, %ld service records, %ld trainings, %ld visits\n",
		        (unsigned)seed, scale, s.groups, s.volunteers, s.activities,
		        s.hours, s.trainings, s.visits);
	rc = bench_generate(db, &c, seed, &s, quiet ? NULL : stderr, &e);
	if (rc == MP_OK && projects > 0) {
		struct bench_projects p;

		bench_projects_set(&p, projects);
		if (!quiet)
			fprintf(stderr, "miaopu-gen: funding rounds at %g times 杭州: %ld rounds,"
			        " %ld projects\n", projects, p.rounds, p.projects);
		rc = bench_generate_projects(db, &c, seed, &p, quiet ? NULL : stderr, &e);
	}
	if (rc == MP_OK && growth)
		rc = add_growth(db, &c, seed, scale, quiet, &e);
	if (rc == MP_OK)
		sqlite3_exec(db->h, "PRAGMA wal_checkpoint(TRUNCATE)",
		             NULL, NULL, NULL);
	mp_db_close(db);
	mp_config_free(&c);
	if (rc != MP_OK) {
		fprintf(stderr, "miaopu-gen: %s\n", e.msg);
		free(part);
		return 1;
	}
	if (rename(part, out) != 0) {
		perror(out);
		free(part);
		return 1;
	}
	free(part);
	if (!quiet)
		fprintf(stderr, "miaopu-gen: %s made in %.1f s\n", out, seconds() - t0);
	return 0;
}
