/* funding_internal.h — what funding.c and evaluation.c share: small
 * queries and reading a project's application and round. */
#ifndef MP_FUNDING_INTERNAL_H
#define MP_FUNDING_INTERNAL_H

#include <stdint.h>

#include "db_internal.h"
#include "mp_funding.h"
#include "mp_project.h"

#define FD_HINT_CHOICE N_("Enter: pick from the list")
#define FD_HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* The first column of the first row of sql (constant, or built from the
 * tables' declarations) as an integer, with ?1 bound to a, ?2 to s (text,
 * when the statement has a second parameter) and ?3 to c (when a third);
 * *found says whether there was a row (NULL: not asked).  A NULL column
 * is 0. */
int fd_int(mp_db *db, const char *sql, int64_t a, const char *s, int64_t c,
           int64_t *out, int *found, mp_err *e);

/* The same for a text column, into buf ("" when none). */
int fd_text(mp_db *db, const char *sql, int64_t a, const char *s, int64_t c,
            char *buf, size_t size, mp_err *e);

/* A record value as fen, tenths or a whole number (0 when empty). */
int64_t fd_fen(const char *v);
int64_t fd_tenths(const char *v);
int64_t fd_id(const char *v);

/* A project as the money and evaluations read it. */
typedef struct fd_project {
	int64_t id, round;
	int state;                   /* enum mp_app_state */
	int64_t granted;             /* the application's, fen */
	char name[256];
} fd_project;

/* Load application app_id; MP_ENOTFOUND (filling e against field) when
 * there is no such live one. */
int fd_project_get(mp_db *db, int64_t app_id, fd_project *p, int field,
                   mp_err *e);

/* The live agreement of app_id: its id (0 when none) and date. */
int fd_agreement_of(mp_db *db, int64_t app_id, int64_t *id, char date[11],
                    mp_err *e);

/* Refuse what is dated before the agreement, or comes with none:
 * MP_EINVAL against field_app or field_date, naming what. */
int fd_after_agreement(mp_db *db, int64_t app_id, const char *date,
                       int field_app, int field_date, const char *label,
                       mp_err *e);

#endif
