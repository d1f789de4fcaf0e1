/* gen.h — a district-sized ledger for the benchmark (and, tiny, for tests).
 *
 * Everything is saved through mp_record_save, inside big transactions, so
 * that what is made passes every check the program makes.  The content is
 * a function of the seed and the scale alone (UUIDs and the times of saving
 * excepted): dates run over the two years before BENCH_END. */
#ifndef BENCH_GEN_H
#define BENCH_GEN_H

#include <stdint.h>
#include <stdio.h>
#include "mp_config.h"
#include "mp_db.h"

/* The last day of service in the data: fixed, so that the data does not
 * depend on the day it is made. */
#define BENCH_END "2025-12-31"
#define BENCH_YEAR "2025"

/* Raised whenever what the generator makes changes (the cache key). */
#define BENCH_GEN_VERSION 2

struct bench_scale {
	long groups, volunteers, activities, hours, trainings, visits;
};

/* The district (5,000 groups ... 1,000,000 service records) times
 * factor (at least one of each). */
void bench_scale_set(struct bench_scale *s, double factor);

/* The settings the data is made under (operator, township). */
void bench_config(mp_config *c);

/* Fill db (empty) with the data of seed and scale; progress lines go to
 * log (NULL: none).  Returns MP_OK or fills e. */
int bench_generate(mp_db *db, const mp_config *c, uint32_t seed,
                   const struct bench_scale *s, FILE *log, mp_err *e);

/* ---- funding rounds at 杭州's scale (gen_projects.c) ---- */

/* Raised whenever what bench_generate_projects makes changes. */
#define BENCH_PROJECTS_VERSION 5

/* The most one project may be granted, in yuan. */
#define BENCH_PROJECT_CAP 100000

struct bench_projects {
	long rounds, projects, payments, activities;
};

/* 杭州's thirteen years (13 rounds, 8,000 projects, 40,000 payments,
 * 100,000 activities linked to projects), the last three times factor. */
void bench_projects_set(struct bench_projects *p, double factor);

/* Add to db (filled by bench_generate: its groups apply) the rounds of
 * 2013 to 2025 and their projects, taken through their states by the
 * workflow on their days; progress lines to log (NULL: none).  MP_OK or
 * fills e. */
int bench_generate_projects(mp_db *db, const mp_config *c, uint32_t seed,
                            const struct bench_projects *p, FILE *log,
                            mp_err *e);

/* ---- how groups grew (gen_growth.c, issue 17) ---- */

/* Raised whenever what bench_generate_growth makes changes. */
#define BENCH_GROWTH_VERSION 1

struct bench_growth {
	long bases, stays, services;
};

/* 常州's 63 incubation bases, 5,000 stays over ten years and 100,000
 * services given during them, times factor (at least one of each, two
 * bases). */
void bench_growth_set(struct bench_growth *p, double factor);

/* Add to db (filled by bench_generate: its groups move in) the bases,
 * stays and services; progress lines to log (NULL: none).  MP_OK or
 * fills e. */
int bench_generate_growth(mp_db *db, const mp_config *c, uint32_t seed,
                          const struct bench_growth *p, FILE *log,
                          mp_err *e);

/* Write n volunteers (others than those of bench_generate: a second town)
 * as a CSV file miaopu import reads (Chinese headers, full ID numbers). */
int bench_volunteers_csv(const char *path, uint32_t seed, long n, mp_err *e);

/* ---- growth (issue 17): ten years of stage history (gen_stages.c) ---- */

/* Raised whenever what gen_stages makes changes. */
#define BENCH_STAGES_VERSION 1

/* Replace the stage history of db's groups (made by bench_generate) with
 * ten years of it for every group, ending at its stage (scale: the data
 * set's, which decides nothing more).  SQLITE_OK or SQLite's code. */
struct sqlite3;
int gen_stages(struct sqlite3 *h, unsigned seed, double scale);

#endif
