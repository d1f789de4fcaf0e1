/* project_internal.h — what round.c and application.c share: small
 * queries over the rounds' and applications' tables. */
#ifndef PROJECT_INTERNAL_H
#define PROJECT_INTERNAL_H

#include <stdint.h>

#include "db_internal.h"
#include "mp_project.h"

/* The first column of the first row of sql (parameters a and b, both
 * bound as integers; b only when sql has two) into *out; *out is 0 when
 * there is no row or it is NULL.  MP_OK or a database failure. */
int pj_int(mp_db *db, const char *sql, int64_t a, int64_t b, int64_t *out,
           mp_err *e);

/* A money field's value in fen (0 when empty or not a number). */
int64_t pj_fen(const char *v);

/* A percentage field's value in hundredths (0 when empty). */
int64_t pj_pct(const char *v);

/* "1,234.50" for fen, into buf. */
const char *pj_money(int64_t fen, char *buf, size_t size);

/* The id in a reference field's value (0 when empty). */
int64_t pj_id(const char *v);

#endif
