/* import_internal.h — between import.c (reading the file) and importref.c
 * (finding the records a row refers to, and rows already in the ledger).
 * Not part of the core's interface. */
#ifndef MP_IMPORT_INTERNAL_H
#define MP_IMPORT_INTERNAL_H

#include <iconv.h>
#include <stdio.h>
#include <sys/types.h>

#include "db_internal.h"
#include "mp_record.h"
#include "mp_search.h"
#include "record_internal.h"

/* Columns a file may carry to find a referenced record, beyond the
 * table's own fields and the "<label>UUID" columns export writes: those
 * the referenced type's findby names ("证件号码", "活动日期").  A key is
 * field * IMP_KEYS_PER_FIELD + the findby entry; a row's keys are an
 * array of t->nfields * IMP_KEYS_PER_FIELD values (NULL when absent). */
#define IMP_KEYS_PER_FIELD 4

struct imp_refs;

struct imp_refs *imp_refs_new(mp_db *db, const mp_table *t);
void imp_refs_free(struct imp_refs *ir);

/* The key a header cell names for table t, or -1: a column that a type
 * t refers to is found by. */
int imp_refs_key(const mp_table *t, const char *name);

/* The reference field of t whose UUID column name is ("组织UUID",
 * "Group UUID"), or -1. */
int imp_refs_uuid_column(const mp_table *t, const char *name);

/* Replace the name in each reference field of r with the id of the live
 * record it names: by that field's UUID column (refuuid[field], may be
 * NULL or ""), else by what the referenced type's findby allows (key[],
 * or the cell itself), within the row's own record of a type both refer
 * to (an activity within the row's group).  bad[] (one per field of r's
 * table) gets, for each field that could not be resolved, code MP_EINVAL
 * and a translated reason naming the field (an empty message for a
 * record not looked for because what it is within is wrong).  Returns
 * MP_OK; MP_EINVAL when some field is in bad[]; a database status (in e). */
int imp_refs_resolve(struct imp_refs *ir, mp_record *r,
                     const char *const *refuuid, const char *const *key,
                     mp_err *bad, mp_err *e);

/* The duplicate rule of a table whose save has none (mp_table.dupkey):
 * sets *dup and fills e->msg (translated, with e->field) when r's dupkey
 * fields equal those of a live record.  Returns MP_OK or a database
 * status. */
int imp_refs_duplicate(struct imp_refs *ir, const mp_record *r, int *dup,
                       mp_err *e);


/* ---- a large import (importbulk.c) ----
 * Inside the import's transaction, before its rows, imp_bulk_begin sets
 * aside what costs each inserted row most and can be made good once after
 * them: the search trigger (its tokens made after, sorted), the counting
 * trigger (the count made good by one statement) and, when the file is
 * large beside the table, the indexes no check of the import reads (built
 * after, from the finished table).  imp_bulk_end makes everything good
 * again before the commit; after a rollback, which brings it all back by
 * itself, imp_bulk_free only lets go of the memory (it is always called). */
struct imp_bulk {
	mp_search_paused search;
	mp_paused late;       /* indexes */
	mp_paused count;      /* the counting trigger */
	const char *recount;  /* its statement; ?1 the last id before */
	int64_t after;
};

/* lines: how many the file has (a large file beside the table sets its
 * indexes aside). */
int imp_bulk_begin(mp_db *db, const mp_table *t, int64_t lines,
                   struct imp_bulk *b, mp_err *e);
int imp_bulk_end(mp_db *db, struct imp_bulk *b, mp_err *e);
void imp_bulk_free(mp_db *db, struct imp_bulk *b);

/* ---- rows written in an index's order (importstage.c) ----
 * A table that declares mp_table.bulk_order has its checked rows kept
 * in a temporary table (in a temporary file, not in memory) while the
 * file is read, and written after it in that order: the duplicate
 * look-ups and INSERTs then walk their index once instead of jumping to
 * a page of it for every row (1,000,000 service records into a district
 * ledger: each row's page missed the page cache and was spilled to the
 * log again and again).  A later row of the same file still sees an
 * earlier equal one first: rows of equal keys keep the file's order.
 * The temporary table is made inside the import's transaction, so a
 * rollback or a killed import leaves nothing of it. */
struct imp_stage;

/* NULL with e set on a database failure. */
struct imp_stage *imp_stage_new(mp_db *db, const mp_table *t, mp_err *e);
/* MP_EDUP (e untouched) when a row kept before has r's UUID. */
int imp_stage_put(struct imp_stage *s, long line, const char *shown,
                  const mp_record *r, mp_err *e);
long imp_stage_rows(const struct imp_stage *s);
/* fn for each row kept, in the table's order (a record of its own,
 * freed after); stops at fn's first status other than MP_OK. */
int imp_stage_each(struct imp_stage *s,
                   int (*fn)(void *arg, long line, const char *shown,
                             mp_record *r),
                   void *arg, mp_err *e);
void imp_stage_free(struct imp_stage *s);

/* The file's text a line at a time, as UTF-8 without a byte-order mark
 * (importsrc.c): imp_src_open reads it once through (its encoding, its
 * lines, whether it holds anything but blanks), imp_src_line gives each
 * line with its '\n' (the last may have none) and returns 0 at the end or
 * on a failure (then rc and e say which).  Memory: a block and the
 * longest line. */
#define IMP_SRC_BLOCK 65536

struct imp_src {
	FILE *in, *tmp;       /* tmp: the copy of what could not be re-read */
	iconv_t cd;           /* GB18030 to UTF-8, or (iconv_t)-1 */
	int utf8, nonblank, first, eof, rc;
	int64_t lines;
	off_t total, read;    /* bytes of the file, and read so far */
	char *buf;            /* converted text; off: the next line */
	size_t len, cap, off;
	char raw[IMP_SRC_BLOCK + 8];
	size_t rawcarry;
};

int imp_src_open(struct imp_src *s, FILE *in, mp_err *e);
int imp_src_line(struct imp_src *s, const char **line, size_t *len, mp_err *e);
void imp_src_close(struct imp_src *s);

#endif
