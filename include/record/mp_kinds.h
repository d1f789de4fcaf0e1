/* mp_kinds.h — what a field kind does: one row of operations per kind.
 *
 * mp_field.kind picks a row of mp_kinds[]; everything that differs from
 * one kind to another (how a typed value is read and checked, how it is
 * stored, shown, sorted, exported, aligned and filled in) is that row.
 * Generic code (record.c, list.c, export.c, xlsx.c, the form and the
 * list screen) calls through the row and never asks which kind it has.
 * A new kind is one row in src/kinds.c.
 *
 * Values move through three forms:
 *   typed   what a person typed or a CSV held: "￥1,234.5", "2024/3/5";
 *   kept    the record's text (mp_record.v), normalised: "1234.50",
 *           "2024-03-05"; the form edits it, the change log keeps it;
 *   stored  the SQLite column: money as whole fen (INTEGER 123450).
 * and out as:
 *   shown   lists and the record's screen: "1,234.50", "12.5%";
 *   export  CSV and XLSX: "1234.50" (a number), "12.5%". */
#ifndef MP_KINDS_H
#define MP_KINDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "mp_money.h"
#include "mp_record.h"

struct sqlite3_stmt;

/* How a value sits in its SQLite column (and so how a list's sort key is
 * bound: a stored number compares with a number, never with text). */
enum mp_store {
	MP_STORE_TEXT,
	MP_STORE_INT,
	MP_STORE_REAL
};

/* How the form fills a field in. */
enum mp_edit {
	MP_EDIT_TYPE,     /* typed on one line */
	MP_EDIT_CHOICE,   /* Enter picks from the field's choice list */
	MP_EDIT_RECORD    /* Enter picks a record of mp_field.ref */
};

/* What an export makes of a value: text, or a number a spreadsheet can
 * add up (XLSX writes money with two decimals, a percentage as one). */
enum mp_number {
	MP_NUM_NONE,
	MP_NUM_PLAIN,
	MP_NUM_MONEY,
	MP_NUM_PERCENT
};

typedef struct mp_kind_ops {
	const char *name;         /* "money": for tests and developers */
	const char *sqltype;      /* the column's type in a CREATE TABLE */
	enum mp_store store;
	enum mp_edit edit;
	enum mp_number export_number;  /* CSV and XLSX: text or a number */
	unsigned fold : 1;        /* full-width digits and letters become
	                             ASCII before anything else */
	unsigned own_length : 1;  /* check words a wrong length itself (no
	                             generic "at most N characters") */
	unsigned empty_last : 1;  /* a list ordered ascending puts empty values
	                             after the others (dates: soonest first) */
	unsigned align_right : 1; /* lists align it right, so digits line up */
	unsigned refers : 1;      /* holds the id of a record of mp_field.ref */
	unsigned indexed : 1;     /* a searched field of this kind goes into
	                             the character index of search as you
	                             type (its text is the row's own) */
	/* The CHECK of a column of this kind in a CREATE TABLE made from a
	 * declaration, "@" standing for the column's name; NULL if none. */
	const char *sql_check;

	/* Turn v (trimmed, folded when fold, not empty) into the kept form
	 * in out (size bytes) and return 1; return 0 when v cannot be read,
	 * or is a value check refuses.  Idempotent: the kept form normalises
	 * to itself.  NULL: kept as typed. */
	int (*normalise)(const mp_field *f, const char *v, char *out,
	                 size_t size);
	/* Whether v (normalised when normalise succeeded, else as typed) is
	 * a good value for field i: MP_OK, or MP_EINVAL with e naming the
	 * field and the reason, translated.  cfg may be NULL (then choices
	 * are not checked).  NULL: any text is good. */
	int (*check)(const mp_config *cfg, const mp_field *f, int i,
	             const char *v, mp_err *e);
	/* Bind a kept value (not empty: empty is NULL for every kind) to
	 * parameter param.  The value must outlive the statement's step
	 * (SQLITE_STATIC).  Returns an SQLite code. */
	int (*bind)(struct sqlite3_stmt *st, int param, const char *v);
	/* The kept form of column col (not NULL) of a row, in buf when made
	 * there.  NULL: the column's text as it is. */
	const char *(*column)(struct sqlite3_stmt *st, int col, char *buf,
	                      size_t size);
	/* The shown form of a kept value, in buf.  NULL: as it is. */
	const char *(*display)(const mp_field *f, const char *v, char *buf,
	                       size_t size);
	/* The exported form of column col (not NULL) of a row, in buf when
	 * made there (32 bytes suffice).  NULL: the column's text. */
	const char *(*export_text)(struct sqlite3_stmt *st, int col, char *buf,
	                           size_t size);
	/* What a person calls the value (a reference: the name of the record
	 * it points to), looked up in db, into buf.  NULL: display. */
	void (*lookup)(mp_db *db, const mp_field *f, const char *v, char *buf,
	               size_t size);
	/* The SQL expression a list selects for field fd of table t (a
	 * reference: the name of the record it points to).  NULL: the
	 * column. */
	void (*list_sql)(FILE *out, const mp_table *t, const mp_field *fd);
} mp_kind_ops;

extern const mp_kind_ops mp_kinds[MP_K__COUNT];

/* The row of field f's kind. */
static inline const mp_kind_ops *mp_kind_of(const mp_field *f)
{
	return &mp_kinds[f->kind];
}

/* Nonzero when f points to records of another table. */
static inline int mp_field_refers(const mp_field *f)
{
	return mp_kinds[f->kind].refers && f->ref;
}

#endif
