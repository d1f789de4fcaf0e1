/* mp_err.h — the one error convention of the core.
 *
 * Every core function that can fail returns an int status (MP_OK on
 * success) and, when given a non-NULL mp_err, fills it with a message in the
 * user's language (already passed through gettext) that the caller can show
 * as is.  Only main() decides to exit (but for mp_oom, below). */
#ifndef MP_ERR_H
#define MP_ERR_H

enum mp_status {
	MP_OK = 0,
	MP_EINVAL,    /* a value failed a check; err.field names the field */
	MP_EDUP,      /* a record like this one already exists */
	MP_ENOTFOUND, /* no such record */
	MP_EDB,       /* SQLite failed for another reason */
	MP_ENOTDB,    /* the file is not a SQLite database / not a miaopu ledger */
	MP_ENEWER,    /* the file was written by a newer miaopu */
	MP_EBUSY,     /* the database is locked by another program */
	MP_EREADONLY, /* the database (or its folder) cannot be written */
	MP_EFULL,     /* the disk is full */
	MP_EIO,       /* a file could not be read or written */
	MP_ENOMEM,
	MP_EUSAGE,    /* bad command-line usage */
	MP_ECORRUPT,  /* the ledger fails SQLite's quick_check: damaged */
	MP_ECONFLICT  /* another window changed the record since it was loaded
	                 (mp_record.h): nothing was written */
};

#include <stdint.h>

typedef struct mp_err {
	int code;       /* enum mp_status */
	int field;      /* index of the failing field, or -1 */
	int64_t other_id;  /* MP_EDUP: id of the record already there, or 0 */
	int index;      /* a batch: which of its records failed, or -1 */
	char msg[512];  /* translated, UTF-8, one line */
} mp_err;

/* Clear *e (code MP_OK, field -1, empty message).  NULL is allowed. */
void mp_err_clear(mp_err *e);

/* Set *e to code and a printf-style message; returns code so that callers
 * can write `return mp_err_set(e, MP_EINVAL, ...)`.  NULL e is allowed. */
int mp_err_set(mp_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, naming the failing field (its index in the record's table). */
int mp_err_field(mp_err *e, int code, int field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Running out of memory: the one way the program ends on a failed
 * allocation (mp_strdup, mp_asprintf, mp_arena_add and every allocation
 * the core and the screen cannot go on without).  Calls the handler set
 * with mp_set_oom_handler (the screen's restores the terminal), then
 * prints "miaopu: out of memory" (translated) on stderr and ends the
 * program with exit status 1, a failure like any other: never returns.
 * A core that cannot allocate never aborts with a bare abort(). */
void mp_oom(void) __attribute__((noreturn));

/* The function mp_oom calls first, before its message (NULL: none).  It
 * must not allocate much: memory has run out. */
void mp_set_oom_handler(void (*handler)(void));

#endif
